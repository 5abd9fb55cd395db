//! The engine: run the rules in force over the workspace, apply the packs' levels and the files'
//! exceptions, and sort the findings so that output is the same from run to run.

use rayon::prelude::*;

use crate::finding::{Finding, Level};
use crate::pack::{ActiveRule, RuleSet};
use crate::rules::{exception_invalid, exception_unused, FileCx, Scope};
use crate::workspace::Workspace;

/// Runs every rule in force and returns the findings, sorted by file, line, column and code.
pub fn run(ws: &Workspace, set: &RuleSet) -> Vec<Finding> {
    let mut findings: Vec<Finding> = (0..ws.orgs.len())
        .into_par_iter()
        .flat_map_iter(|i| check_file(ws, set, i))
        .collect();
    for active in &set.rules {
        let mut out = Vec::new();
        active.rule.check_workspace(ws, &set.shared, &mut out);
        stamp(ws, active, &mut out);
        findings.extend(out);
    }
    findings = apply_exceptions(ws, set, findings);
    findings.retain(|f| f.level != Level::Off);
    sort(ws, &mut findings);
    findings
}

fn check_file(ws: &Workspace, set: &RuleSet, i: usize) -> Vec<Finding> {
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
        stamp(ws, active, &mut out);
        all.extend(out);
    }
    all
}

/// Gives findings the rule's code, name, citation and level, and the unit of the file they point
/// into.
fn stamp(ws: &Workspace, active: &ActiveRule, out: &mut [Finding]) {
    let meta = active.rule.meta();
    for f in out {
        f.code = meta.code.to_string();
        f.name = meta.name.to_string();
        f.cite = active.cite.clone();
        f.level = f.fixed_level.unwrap_or(active.level);
        if f.unit.is_empty() {
            if let Some(org) = ws.orgs.iter().find(|o| o.file == f.file) {
                f.unit = org.unit.id.value.clone();
            }
        }
    }
}

/// Drops the findings that a valid exception covers, and reports exceptions that are invalid
/// (BZ901) or matched nothing (BZ902). Every valid exception is matched against all the findings,
/// so that two exceptions covering the same finding are both in use.
fn apply_exceptions(ws: &Workspace, set: &RuleSet, findings: Vec<Finding>) -> Vec<Finding> {
    let mut extra = Vec::new();
    let mut covered = vec![false; findings.len()];
    for org in &ws.orgs {
        for ex in &org.exceptions {
            let problems = exception_invalid::problems(org, ex, set);
            if !problems.is_empty() {
                if let Some(active) = set.active(exception_invalid::ExceptionInvalid::META.code) {
                    let mut out = exception_invalid::findings(org, ex, &problems);
                    stamp(ws, active, &mut out);
                    extra.extend(out);
                }
                continue;
            }
            let mut matched = false;
            for (f, c) in findings.iter().zip(covered.iter_mut()) {
                if exception_unused::covers(org, ex, f) {
                    *c = true;
                    matched = true;
                }
            }
            if !matched {
                if let Some(active) = set.active(exception_unused::ExceptionUnused::META.code) {
                    let mut out = vec![exception_unused::finding(org, ex)];
                    stamp(ws, active, &mut out);
                    extra.extend(out);
                }
            }
        }
    }
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .zip(covered)
        .filter(|(_, c)| !c)
        .map(|(f, _)| f)
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
