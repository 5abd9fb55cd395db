//! The engine: run the rules in force over the workspace, apply the packs' levels and the files'
//! exceptions, and sort the findings so that output is the same from run to run.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::finding::{Finding, Level};
use crate::pack::{ActiveRule, RuleSet};
use crate::rules::{exception_invalid, exception_unused, FileCx, Scope};
use crate::source::FileId;
use crate::workspace::Workspace;

/// Runs every rule in force and returns the findings, sorted by file, line, column and code.
pub fn run(ws: &Workspace, set: &RuleSet) -> Vec<Finding> {
    let units = UnitOf::new(ws);
    set.custom_state.clear_cache();
    let mut findings: Vec<Finding> = (0..ws.orgs.len())
        .into_par_iter()
        .flat_map_iter(|i| check_file(ws, &units, set, i))
        .collect();
    set.custom_state.clear_cache();
    for active in &set.rules {
        let mut out = Vec::new();
        active.rule.check_workspace(ws, &set.shared, &mut out);
        stamp(&units, active, &mut out);
        findings.extend(out);
    }
    findings = apply_exceptions(ws, &units, set, findings);
    findings.retain(|f| f.level != Level::Off);
    sort(ws, &mut findings);
    findings
}

/// The unit id of each checked file, by file id: stamping a finding is then a lookup, not a search
/// over every org file (which made many findings quadratic).
struct UnitOf<'a> {
    by_file: Vec<Option<&'a str>>,
}

impl<'a> UnitOf<'a> {
    fn new(ws: &'a Workspace) -> Self {
        let mut by_file = vec![None; ws.sources.len()];
        // The first org file of a file id wins, as the search it replaces found it.
        for org in &ws.orgs {
            if let Some(slot) = by_file.get_mut(org.file.0 as usize) {
                if slot.is_none() {
                    *slot = Some(org.unit.id.value.as_str());
                }
            }
        }
        UnitOf { by_file }
    }

    fn get(&self, file: FileId) -> Option<&'a str> {
        self.by_file.get(file.0 as usize).copied().flatten()
    }
}

fn check_file(ws: &Workspace, units: &UnitOf<'_>, set: &RuleSet, i: usize) -> Vec<Finding> {
    let org = &ws.orgs[i];
    let cx = FileCx {
        ws,
        idx: i,
        org,
        source: ws.source(org),
        baseline: ws.baseline_of(i),
        shared: &set.shared,
    };
    let town_level = org.unit.kind.value.is_town_level();
    let mut all = Vec::new();
    for active in &set.rules {
        if active.rule.meta().scope == Scope::Town && !town_level {
            continue;
        }
        let mut out = Vec::new();
        active.rule.check_file(&cx, &mut out);
        stamp(units, active, &mut out);
        all.extend(out);
    }
    all
}

/// Gives findings the rule's code, name, citation and level, and the unit of the file they point
/// into.
fn stamp(units: &UnitOf<'_>, active: &ActiveRule, out: &mut [Finding]) {
    let meta = active.rule.meta();
    for f in out {
        f.code = meta.code.to_string();
        f.name = meta.name.to_string();
        f.cite = active.cite.clone();
        f.level = f.fixed_level.unwrap_or(active.level);
        if f.unit.is_empty() {
            if let Some(unit) = units.get(f.file) {
                f.unit = unit.to_string();
            }
        }
    }
}

/// Drops the findings that a valid exception covers, and reports exceptions that are invalid
/// (BZ901) or matched nothing (BZ902).
///
/// An exception only covers findings in its own file, so findings are grouped by file first: each
/// exception looks at its file's findings, not at every finding of the run.
fn apply_exceptions(
    ws: &Workspace,
    units: &UnitOf<'_>,
    set: &RuleSet,
    findings: Vec<Finding>,
) -> Vec<Finding> {
    let mut extra = Vec::new();
    let mut by_file: HashMap<FileId, Vec<usize>> = HashMap::new();
    if ws.orgs.iter().any(|o| !o.exceptions.is_empty()) {
        for (k, f) in findings.iter().enumerate() {
            by_file.entry(f.file).or_default().push(k);
        }
    }
    let mut removed = vec![false; findings.len()];
    for org in &ws.orgs {
        for ex in &org.exceptions {
            let problems = exception_invalid::problems(org, ex, set);
            if !problems.is_empty() {
                if let Some(active) = set.active(exception_invalid::ExceptionInvalid::META.code) {
                    let mut out = exception_invalid::findings(org, ex, &problems);
                    stamp(units, active, &mut out);
                    extra.extend(out);
                }
                continue;
            }
            let mut covered = false;
            for &k in by_file.get(&org.file).map_or(&[][..], Vec::as_slice) {
                if !removed[k] && exception_unused::covers(org, ex, &findings[k]) {
                    removed[k] = true;
                    covered = true;
                }
            }
            if !covered {
                if let Some(active) = set.active(exception_unused::ExceptionUnused::META.code) {
                    let mut out = vec![exception_unused::finding(org, ex)];
                    stamp(units, active, &mut out);
                    extra.extend(out);
                }
            }
        }
    }
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .zip(removed)
        .filter_map(|(f, gone)| (!gone).then_some(f))
        .collect();
    kept.extend(extra);
    kept
}

/// Sorts by file path, line, column, code, then target and message, so that equal inputs give equal
/// output whatever the order files were given or checked in.
pub fn sort(ws: &Workspace, findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pa = &ws.sources.get(a.file).path;
        let pb = &ws.sources.get(b.file).path;
        pa.cmp(pb)
            .then(a.span.start.cmp(&b.span.start))
            .then(a.code.cmp(&b.code))
            .then(a.target.cmp(&b.target))
            .then(a.message.en.cmp(&b.message.en))
            .then(a.span.end.cmp(&b.span.end))
    });
}
