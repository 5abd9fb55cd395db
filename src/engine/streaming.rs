//! The streamed check: a unit at a time, so that memory stays bounded on large trees.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::spill::{Findings, Part, Spill};
use super::{check_file, exceptions, sort, stamp, UnitOf};
use crate::base::diag::{Finding, InputError, Level};
use crate::base::i18n::msg;
use crate::base::source::{FileId, SourceFile, Sources};
use crate::model::OrgFile;
use crate::pack::RuleSet;
use crate::workspace::Workspace;

/// What a streamed check gave: the workspace as [`crate::workspace::load_paths`] would have
/// loaded it, except that every org file keeps only its unit, quotas, departures and exceptions
/// (what cross-file rules, exceptions and reports read), and no text is held: a report reads a
/// file again when it writes what points into it. The findings wait in a [`Spill`] until they
/// are written.
pub struct Streamed {
    pub loaded: crate::workspace::Loaded,
    pub findings: Findings,
}

/// One file of a group, after its group was checked.
struct FileOut {
    found: usize,
    /// Why the file could not be read, if it could not.
    unreadable: Option<Box<InputError>>,
    /// Boxed, as is the error: there is one `FileOut` per file of the run.
    org: Option<Box<OrgFile>>,
    org_file: bool,
    load_errors: Vec<InputError>,
}

struct GroupOut {
    files: Vec<FileOut>,
    /// Per-file findings of each checked org, with its path (to put them in path order), packed
    /// into the run's spill.
    findings: Vec<(String, Part)>,
}

/// Checks the files under `paths` a unit at a time, so that memory holds the parsed form of only
/// the units being checked (one per thread) plus a summary of every file: the snapshots of each
/// unit are grouped by a cheap scan of their `[unit]` id, each group is read, loaded, checked with
/// its baselines at hand, and dropped; then the cross-file rules and the exceptions run over the
/// summaries. Findings are the same as [`super::run`] over [`crate::workspace::load_paths`] gives.
///
/// `sources` holds the pack files already (the rule set points into them). Returns `None` when
/// the scan grouped a unit's files wrongly (a `[unit]` id written unusually): the caller then
/// checks the usual way.
pub fn run_streaming(
    paths: &[std::path::PathBuf],
    show_names: bool,
    mut sources: Sources,
    set: &RuleSet,
) -> Option<Streamed> {
    use crate::base::walk::{discover, read_head_text, read_text, Discovered};
    use crate::workspace::prescan_unit_id;

    let Discovered {
        mut found,
        roots,
        mut errors,
    } = discover(paths);
    // Paths that do not exist are input errors but not files checked.
    let path_errors = errors.len();
    let keys: Vec<Option<String>> = found
        .par_iter()
        .map(|f| {
            read_head_text(&f.path)
                .and_then(|head| prescan_unit_id(&head))
                .or_else(|| {
                    read_text(&f.path, &f.shown)
                        .ok()
                        .and_then(|t| prescan_unit_id(&t))
                })
        })
        .collect();
    let mut by_key: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        match key {
            Some(k) => by_key.entry(k.as_str()).or_default().push(i),
            None => groups.push(vec![i]),
        }
    }
    groups.extend(by_key.into_values());
    // The largest groups first, so that the last one does not run alone at the end.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));

    let spill = Spill::new();
    let progress = crate::workspace::progress_bar(found.len());
    let outs: Vec<GroupOut> = groups
        .par_iter()
        .map(|members| {
            let out = check_group(&found, members, &sources, show_names, set, &spill);
            progress.inc(members.len() as u64);
            out
        })
        .collect();
    progress.finish_and_clear();

    // Every unit's snapshots must have been checked together, or a baseline was missed.
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for (g, out) in outs.iter().enumerate() {
        for f in &out.files {
            if let Some(org) = &f.org {
                if *group_of.entry(org.unit.id.value.as_str()).or_insert(g) != g {
                    return None;
                }
            }
        }
    }

    let mut files: Vec<Option<FileOut>> = (0..found.len()).map(|_| None).collect();
    let mut chunks = Vec::with_capacity(outs.iter().map(|o| o.findings.len()).sum());
    for out in outs {
        chunks.extend(out.findings);
        for f in out.files {
            let i = f.found;
            files[i] = Some(f);
        }
    }

    let files: Vec<FileOut> = files.into_iter().flatten().collect();
    let mut load_errors = Vec::new();
    let mut orgs = Vec::with_capacity(files.iter().filter(|f| f.org.is_some()).count());
    for f in &files {
        if let Some(e) = &f.unreadable {
            errors.push((**e).clone());
        }
    }
    let mut files_checked = errors.len() - path_errors;
    let mut per_root = vec![0usize; roots.len()];
    for f in files {
        // Each file's paths move to its source: `found` is not read for them again.
        let at = &mut found[f.found];
        let shown = std::mem::take(&mut at.shown);
        if f.unreadable.is_some() {
            sources.add(SourceFile::new(shown, ""));
        } else {
            sources.add_on_disk(shown, std::mem::take(&mut at.path));
        }
        load_errors.extend(f.load_errors);
        if f.org_file {
            files_checked += 1;
            if let Some(r) = found[f.found].root {
                per_root[r] += 1;
            }
        }
        orgs.extend(f.org.map(|o| *o));
    }
    errors.extend(load_errors);
    for (shown, n) in roots.iter().zip(&per_root) {
        if *n == 0 {
            errors.push(crate::workspace::no_org_files(shown));
        }
    }
    let mut ws = Workspace::new(sources, orgs);
    ws.show_names = show_names;

    let units = UnitOf::new(&ws);
    let mut cross = Vec::new();
    for active in &set.rules {
        let mut out = Vec::new();
        active.rule.check_workspace(&ws, &set.shared, &mut out);
        stamp(&units, active, set.keep, &mut out);
        cross.extend(out);
    }
    let (findings, unreadable) = finish(&ws, &units, set, spill, chunks, cross);
    errors.extend(unreadable);

    Some(Streamed {
        loaded: crate::workspace::Loaded {
            workspace: ws,
            errors,
            files_checked,
        },
        findings,
    })
}

/// Puts the findings in their final order, a file at a time: each file's findings from its group
/// (in the spill), then what the cross-file rules found in it, then its exceptions applied, sorted
/// as [`super::run`] sorts them all. Findings are ordered by path first, so sorting each file's
/// gives the order of the whole; each file's own exceptions are the only ones that can cover its
/// findings. The result goes to a fresh part of the spill, with its counts, so that the report can
/// read it in order; the group's parts are only read.
///
/// A part that cannot be read back is an input error (its findings are missing from the report),
/// never a silent gap.
fn finish(
    ws: &Workspace,
    units: &UnitOf,
    set: &RuleSet,
    spill: Spill,
    chunks: Vec<(String, Part)>,
    cross: Vec<Finding>,
) -> (Findings, Vec<InputError>) {
    #[derive(Default)]
    struct OfPath<'w> {
        parts: Vec<Part>,
        cross: Vec<Finding>,
        /// The org files of this path that have exceptions, in the run's order.
        orgs: Vec<&'w OrgFile>,
    }
    // In the order files are listed (a plan after its baseline), then by path.
    let mut by_path: BTreeMap<(u32, String), OfPath<'_>> = BTreeMap::new();
    let key = |path: String| (ws.path_rank(&path), path);
    for (path, part) in chunks {
        by_path.entry(key(path)).or_default().parts.push(part);
    }
    for f in cross {
        let path = ws.sources.path(f.file).to_string();
        by_path.entry(key(path)).or_default().cross.push(f);
    }
    // Files with exceptions: an invalid one (BZ901) or one that covers nothing (BZ902) is a
    // finding even in a file that has no other. (An org file without exceptions changes nothing
    // in `exceptions::apply`.)
    for org in ws.orgs.iter().filter(|o| !o.exceptions.is_empty()) {
        let path = ws.sources.path(org.file).to_string();
        by_path.entry(key(path)).or_default().orgs.push(org);
    }

    let out = Spill::new();
    let mut parts = Vec::with_capacity(by_path.len());
    let mut counts = [0usize; 3];
    let mut errors = Vec::new();
    for ((_, path), of) in by_path {
        let mut findings = Vec::new();
        for part in of.parts {
            match spill.take_owned(part) {
                Ok(v) => findings.extend(v),
                Err(e) => errors.push(InputError::path(
                    path.clone(),
                    msg::findings_lost(&e.to_string()),
                )),
            }
        }
        findings.extend(of.cross);
        if !of.orgs.is_empty() {
            findings = exceptions::apply(&of.orgs, units, set, findings);
        }
        findings.retain(|f| f.level != Level::Off);
        sort(ws, &mut findings);
        for f in &findings {
            match f.level {
                Level::Error => counts[0] += 1,
                Level::Warning => counts[1] += 1,
                _ => counts[2] += 1,
            }
        }
        if !findings.is_empty() {
            parts.push(out.put(findings));
        }
    }
    (out.finish(parts, counts), errors)
}

/// Reads, loads and checks the files of one group (the snapshots of one unit), then keeps only
/// their summaries: file ids in the results are the run's (`base` + index in `found`).
///
/// The group's sources start with the run's pack files (`packs`), at the ids the rule set points
/// to: a custom rule's label on its assertion keeps pointing into the pack, and a file of the
/// group never takes a pack file's id.
fn check_group(
    found: &[crate::base::walk::Found],
    members: &[usize],
    packs: &Sources,
    show_names: bool,
    set: &RuleSet,
    spill: &Spill,
) -> GroupOut {
    use crate::base::walk::read_text;
    use crate::load;

    let base = packs.len();
    let global = |local_to_found: &[usize], id: FileId| match (id.0 as usize).checked_sub(base) {
        Some(i) => FileId((base + local_to_found[i]) as u32),
        None => id,
    };
    let mut local = packs.clone();
    let mut local_to_found = Vec::new();
    let mut files: Vec<FileOut> = Vec::new();
    let mut readable = Vec::new();
    for &i in members {
        let f = &found[i];
        match read_text(&f.path, &f.shown) {
            Ok(text) => {
                let id = local.add(SourceFile::new(f.shown.clone(), text));
                local_to_found.push(i);
                readable.push((id, files.len()));
                files.push(FileOut {
                    found: i,
                    unreadable: None,
                    org: None,
                    org_file: false,
                    load_errors: Vec::new(),
                });
            }
            Err(e) => files.push(FileOut {
                found: i,
                unreadable: Some(e),
                org: None,
                org_file: false,
                load_errors: Vec::new(),
            }),
        }
    }
    let mut orgs = Vec::new();
    for &(id, k) in &readable {
        match load::load_org(id, &local.get(id), found[files[k].found].root.is_none()) {
            load::Loaded::Org(org) => {
                orgs.push(*org);
                files[k].org_file = true;
            }
            load::Loaded::NotOrg => {}
            load::Loaded::Invalid(errs) => {
                files[k].org_file = true;
                files[k].load_errors = errs
                    .into_iter()
                    .map(|mut e| {
                        e.file = e.file.map(|f| global(&local_to_found, f));
                        for l in &mut e.labels {
                            l.file = global(&local_to_found, l.file);
                        }
                        e
                    })
                    .collect();
            }
        }
    }
    let mut ws = Workspace::new(local, orgs);
    ws.show_names = show_names;
    let units = UnitOf::new(&ws);
    let mut findings = Vec::new();
    for i in 0..ws.orgs.len() {
        let mut out = check_file(&ws, &units, set, i);
        for f in &mut out {
            f.file = global(&local_to_found, f.file);
            for l in &mut f.labels {
                l.file = global(&local_to_found, l.file);
            }
        }
        let path = ws.path_of(&ws.orgs[i]).to_string();
        findings.push((path, spill.put(out)));
    }
    let mut orgs = std::mem::take(&mut ws.orgs);
    for &(id, k) in &readable {
        if let Some(pos) = orgs.iter().position(|o| o.file == id) {
            let mut org = orgs.swap_remove(pos);
            org.file = global(&local_to_found, id);
            org.keep_summary();
            files[k].org = Some(Box::new(org));
        }
    }
    GroupOut { files, findings }
}
