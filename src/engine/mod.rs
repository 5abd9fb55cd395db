//! The engine: run the rules in force over the workspace, apply the packs' levels and the files'
//! exceptions, and sort the findings so that output is the same from run to run.
//!
//! [`streaming`] does the same a unit at a time, keeping the findings in a [`spill`] until they
//! are written; [`exceptions`] applies the files' exceptions.

mod exceptions;
mod in_force;
pub mod spill;
pub mod streaming;

pub use in_force::{rules_in_force, rules_of_findings, RuleInfo, DOCS_URL};
pub use spill::Findings;

use std::sync::Arc;

use rayon::prelude::*;

use crate::base::diag::{Finding, Level};
use crate::base::i18n::{Lang, Text};
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
        stamp(&units, active, set.keep, &mut out);
        findings.extend(out);
    }
    let orgs: Vec<&crate::model::OrgFile> = ws.orgs.iter().collect();
    findings = exceptions::apply(&orgs, &units, set, findings);
    findings.retain(|f| f.level != Level::Off);
    sort(ws, &mut findings);
    findings
}

/// The unit id of each checked file, by file id: stamping a finding is then a lookup, not a search
/// over every org file (which made many findings quadratic).
///
/// Each unit id is one shared string, which all the findings of its files point to.
pub(crate) struct UnitOf {
    by_file: Vec<Option<Arc<str>>>,
}

impl UnitOf {
    pub(crate) fn new(ws: &Workspace) -> Self {
        let mut by_file = vec![None; ws.sources.len()];
        // The first org file of a file id wins, as the search it replaces found it.
        for org in &ws.orgs {
            if let Some(slot) = by_file.get_mut(org.file.0 as usize) {
                if slot.is_none() {
                    *slot = Some(Arc::from(org.unit.id.value.as_str()));
                }
            }
        }
        UnitOf { by_file }
    }

    fn get(&self, file: FileId) -> Option<&Arc<str>> {
        self.by_file.get(file.0 as usize).and_then(Option::as_ref)
    }
}

pub(crate) fn check_file(ws: &Workspace, units: &UnitOf, set: &RuleSet, i: usize) -> Vec<Finding> {
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
        stamp(units, active, set.keep, &mut out);
        all.extend(out);
    }
    // Held until the end of the run: no spare room.
    all.shrink_to_fit();
    all
}

/// Gives findings the rule's code, name, citation and level, and the unit of the file they point
/// into: one shared copy of each for the whole batch. With `keep`, drops the other language's texts;
/// a help or label text equal to the previous finding's is then shared with it.
pub(crate) fn stamp(units: &UnitOf, active: &ActiveRule, keep: Option<Lang>, out: &mut [Finding]) {
    if out.is_empty() {
        return;
    }
    let meta = active.rule.meta();
    let code: Arc<str> = Arc::from(&*meta.code);
    let name: Arc<str> = Arc::from(&*meta.name);
    let mut last_help: Option<Arc<Text>> = None;
    let mut last_labels: Vec<Arc<Text>> = Vec::new();
    for f in out {
        f.code = code.clone();
        f.name = name.clone();
        if !f.has_own_cite() {
            f.cite = active.cite.clone();
        }
        f.level = f.fixed_level.unwrap_or(active.level);
        if f.unit.is_empty() {
            if let Some(unit) = units.get(f.file) {
                f.unit = unit.clone();
            }
        }
        if let Some(lang) = keep {
            f.keep_only(lang);
            if let Some(help) = &mut f.help {
                match &last_help {
                    Some(last) if **last == **help => *help = last.clone(),
                    _ => last_help = Some(help.clone()),
                }
            }
            for (i, label) in f.labels.iter_mut().enumerate() {
                match last_labels.get(i) {
                    Some(last) if **last == *label.message => label.message = last.clone(),
                    Some(_) => last_labels[i] = label.message.clone(),
                    None => last_labels.push(label.message.clone()),
                }
            }
        }
    }
}

/// Sorts by file (in the order org files are listed: [`Workspace::path_rank`], then path), line,
/// column, code, then target and message, so that equal inputs give equal output whatever the
/// order files were given or checked in.
///
/// A stable sort of the findings themselves would take a scratch buffer of half of them (about
/// 100 MiB for a million findings); this sorts their indices instead and then moves each finding
/// once into its place, with the same order as a stable sort.
pub fn sort(ws: &Workspace, findings: &mut [Finding]) {
    // The rank of each file the findings are in (one, when the streamed check sorts a file's):
    // looked up once per file, not per comparison nor per file of the run.
    let mut rank: std::collections::HashMap<FileId, u32> = std::collections::HashMap::new();
    for f in findings.iter() {
        rank.entry(f.file)
            .or_insert_with(|| ws.path_rank(ws.sources.path(f.file)));
    }
    let rank_of = |f: FileId| rank[&f];
    let mut order: Vec<u32> = (0..findings.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&findings[a as usize], &findings[b as usize]);
        let pa = ws.sources.path(a.file);
        let pb = ws.sources.path(b.file);
        rank_of(a.file)
            .cmp(&rank_of(b.file))
            .then(pa.cmp(pb))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.code.cmp(&b.code))
            .then(a.target.cmp(&b.target))
            .then(a.message.en.cmp(&b.message.en))
            .then(a.span.end.cmp(&b.span.end))
    });
    // Follow each cycle of the permutation: position `at` receives the finding at `order[at]`.
    const DONE: u32 = u32::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            findings.swap(at, from);
            at = from;
        }
    }
}
