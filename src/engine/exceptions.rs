//! The files' exceptions: findings a valid exception covers are dropped; an invalid exception
//! (BZ901) or one that covers nothing (BZ902) is a finding itself.

use std::collections::HashMap;

use super::{stamp, UnitOf};
use crate::base::diag::Finding;
use crate::base::source::FileId;
use crate::model::OrgFile;
use crate::pack::RuleSet;
use crate::rules::{exception_invalid, exception_unused};

/// Drops the findings that a valid exception covers, and reports exceptions that are invalid
/// (BZ901) or matched nothing (BZ902), for the org files `orgs` (all of a run's, or those of one
/// path when a streamed run finishes a file at a time). Every valid exception is matched against all its file's
/// findings, so that two exceptions covering the same finding are both in use.
///
/// An exception only covers findings in its own file, so findings are grouped by file first: each
/// exception looks at its file's findings, not at every finding of the run.
pub(super) fn apply(
    orgs: &[&OrgFile],
    units: &UnitOf,
    set: &RuleSet,
    mut findings: Vec<Finding>,
) -> Vec<Finding> {
    let mut extra = Vec::new();
    let mut by_file: HashMap<FileId, Vec<usize>> = HashMap::new();
    if orgs.iter().any(|o| !o.exceptions.is_empty()) {
        for (k, f) in findings.iter().enumerate() {
            by_file.entry(f.file).or_default().push(k);
        }
    }
    let mut removed = vec![false; findings.len()];
    for &org in orgs {
        for ex in &org.exceptions {
            let problems = exception_invalid::problems(org, ex, |rule| set.knows(rule));
            if !problems.is_empty() {
                if let Some(active) = set.active(&exception_invalid::ExceptionInvalid::META.code) {
                    let mut out = exception_invalid::findings(org, ex, &problems);
                    stamp(units, active, set.keep, &mut out);
                    extra.extend(out);
                }
                continue;
            }
            let mut covered = false;
            for &k in by_file.get(&org.file).map_or(&[][..], Vec::as_slice) {
                if exception_unused::covers(org, ex, &findings[k]) {
                    removed[k] = true;
                    covered = true;
                }
            }
            if !covered {
                if let Some(active) = set.active(&exception_unused::ExceptionUnused::META.code) {
                    let mut out = vec![exception_unused::finding(org, ex)];
                    stamp(units, active, set.keep, &mut out);
                    extra.extend(out);
                }
            }
        }
    }
    // In place: a second vector of every finding would double the memory they take.
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !removed[k - 1]
    });
    findings.extend(extra);
    findings
}
