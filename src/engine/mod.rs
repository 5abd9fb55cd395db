//! The engine: run the rules in force over the workspace, apply the packs' levels and the files'
//! exceptions, and sort the findings so that output is the same from run to run.
//!
//! [`streaming`] does the same a unit at a time; [`exceptions`] applies the files' exceptions.

mod exceptions;
mod in_force;
pub mod streaming;

pub use in_force::{rules_in_force, rules_of_findings, RuleInfo, DOCS_URL};

use rayon::prelude::*;

use crate::base::diag::{Finding, Level};
use crate::base::source::FileId;
use crate::pack::{ActiveRule, RuleSet};
use crate::rules::FileCx;
use crate::workspace::Workspace;

/// Runs every rule in force and returns the findings, sorted by file, line, column and code.
pub fn run(ws: &Workspace, set: &RuleSet) -> Vec<Finding> {
    let units = UnitOf::new(ws);
    let mut findings: Vec<Finding> = (0..ws.orgs.len())
        .into_par_iter()
        .flat_map_iter(|i| check_file(ws, &units, set, i))
        .collect();
    for active in &set.rules {
        let mut out = Vec::new();
        active.rule.check_workspace(ws, &set.shared, &mut out);
        stamp(&units, active, &mut out);
        findings.extend(out);
    }
    findings = exceptions::apply(ws, &units, set, findings);
    findings.retain(|f| f.level != Level::Off);
    sort(ws, &mut findings);
    findings
}

/// The unit id of each checked file, by file id: stamping a finding is then a lookup, not a search
/// over every org file (which made many findings quadratic).
pub(crate) struct UnitOf<'a> {
    by_file: Vec<Option<&'a str>>,
}

impl<'a> UnitOf<'a> {
    pub(crate) fn new(ws: &'a Workspace) -> Self {
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

pub(crate) fn check_file(
    ws: &Workspace,
    units: &UnitOf<'_>,
    set: &RuleSet,
    i: usize,
) -> Vec<Finding> {
    let org = &ws.orgs[i];
    let source = ws.source(org);
    let cx = FileCx {
        ws,
        idx: i,
        org,
        source: &source,
        baseline: ws.baseline_of(i),
        shared: &set.shared,
        slot: Default::default(),
    };
    let mut all = Vec::new();
    for active in &set.rules {
        if !active.scope.covers(&org.unit) {
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
pub(crate) fn stamp(units: &UnitOf<'_>, active: &ActiveRule, out: &mut [Finding]) {
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

/// Sorts by file path, line, column, code, then target and message, so that equal inputs give equal
/// output whatever the order files were given or checked in.
pub fn sort(ws: &Workspace, findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pa = ws.sources.path(a.file);
        let pb = ws.sources.path(b.file);
        pa.cmp(pb)
            .then(a.span.start.cmp(&b.span.start))
            .then(a.code.cmp(&b.code))
            .then(a.target.cmp(&b.target))
            .then(a.message.en.cmp(&b.message.en))
            .then(a.span.end.cmp(&b.span.end))
    });
}
