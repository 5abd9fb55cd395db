//! The workspace: every org file of one run, and how they relate — snapshots of one unit ordered by
//! date, counties with their towns, and each plan's baseline ([`baselines`], read from a file or
//! an earlier git revision through [`git`]).

mod baselines;
// Baselines from a git revision run `git`: the command line's, not the offline page's.
#[cfg(feature = "cli")]
mod git;

pub use baselines::BaselineSource;
#[cfg(feature = "cli")]
pub use git::{verify_rev, RevProblem};

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::base::diag::InputError;
use crate::base::i18n::common as msg;
use crate::base::source::{FileId, Given, SourceFile, Sources};
use crate::base::walk::{discover, read_text, Discovered};
use crate::load;
use crate::model::{OrgFile, Status, UnitKind};

/// Index of an org file in [`Workspace::orgs`].
pub type OrgIdx = usize;

#[derive(Debug, Default)]
pub struct Workspace {
    pub sources: Sources,
    /// The org files being checked, in the order they are listed in: by path, except that a plan
    /// comes after the current file of its unit in its folder (see [`order_files`]).
    pub orgs: Vec<OrgFile>,
    /// Org files read only as baselines (`--baseline FILE`): compared against, never checked
    /// themselves. Keyed by unit id.
    pub external_baselines: BTreeMap<String, OrgFile>,
    /// Baselines read with `--baseline-rev REV`: each checked file's own path at that revision,
    /// keyed by the checked file (several snapshots of one unit each get their own). Never checked
    /// themselves.
    pub rev_baselines: BTreeMap<FileId, OrgFile>,
    /// The checked files whose baseline at the `--baseline-rev` revision (the value) could not be
    /// read: an input error says why, and a plan among them is not advised to give the flag just
    /// given.
    pub rev_unread: BTreeMap<FileId, String>,
    /// Whether findings may name people by `name` (`--show-names`).
    pub show_names: bool,
    /// Snapshots per unit id, oldest first.
    by_unit: BTreeMap<String, Vec<OrgIdx>>,
    /// The newest current snapshot of each unit id (precomputed: rules ask per file).
    newest: BTreeMap<String, OrgIdx>,
    /// Per parent id, the units naming it as `parent` (by their newest current snapshot), in unit
    /// id order (precomputed: `children_of` per county would otherwise scan every unit).
    children: BTreeMap<String, Vec<OrgIdx>>,
    /// Each org file's place in [`Workspace::orgs`], by path: what findings are ordered by.
    rank: std::collections::HashMap<String, u32>,
}

impl Workspace {
    pub fn new(sources: Sources, mut orgs: Vec<OrgFile>) -> Self {
        order_files(&sources, &mut orgs);
        let rank = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (sources.path(o.file).to_string(), i as u32))
            .collect();
        let mut ws = Workspace {
            sources,
            orgs,
            rank,
            ..Workspace::default()
        };
        ws.index();
        ws
    }

    /// Where the file at `path` is listed: an org file's place among the org files; any other
    /// file (a pack, a roster) after them all. Findings and reports follow it, then the path.
    pub fn path_rank(&self, path: &str) -> u32 {
        self.rank.get(path).copied().unwrap_or(u32::MAX)
    }

    fn index(&mut self) {
        self.by_unit.clear();
        for (i, org) in self.orgs.iter().enumerate() {
            self.by_unit
                .entry(org.unit.id.value.clone())
                .or_default()
                .push(i);
        }
        let orgs = &self.orgs;
        for snaps in self.by_unit.values_mut() {
            // Current before proposal on the same date: a plan is compared with what it replaces.
            snaps.sort_by_key(|&i| {
                (
                    orgs[i].unit.as_of.value,
                    orgs[i].unit.status.value == Status::Proposal,
                )
            });
        }
        self.newest.clear();
        self.children.clear();
        for (id, snaps) in &self.by_unit {
            let Some(&i) = snaps
                .iter()
                .rev()
                .find(|&&i| orgs[i].unit.status.value == Status::Current)
            else {
                continue;
            };
            self.newest.insert(id.clone(), i);
            if let Some(parent) = &orgs[i].unit.parent {
                self.children
                    .entry(parent.value.clone())
                    .or_default()
                    .push(i);
            }
        }
    }

    /// An org file's source, with its text.
    pub fn source(&self, org: &OrgFile) -> Arc<SourceFile> {
        self.sources.get(org.file)
    }

    /// An org file's path as shown to users.
    pub fn path_of(&self, org: &OrgFile) -> &str {
        self.sources.path(org.file)
    }

    /// The snapshots of one unit, oldest first.
    pub fn snapshots(&self, unit_id: &str) -> &[OrgIdx] {
        self.by_unit.get(unit_id).map_or(&[], Vec::as_slice)
    }

    pub fn unit_ids(&self) -> impl Iterator<Item = &str> {
        self.by_unit.keys().map(String::as_str)
    }

    /// The baseline of org `i`: its own path at the revision given with `--baseline-rev`, or the
    /// file given with `--baseline` for its unit, or else the newest other snapshot of the same unit
    /// with an earlier `as_of` (a current snapshot on the same date also counts as earlier than a
    /// proposal).
    pub fn baseline_of(&self, i: OrgIdx) -> Option<&OrgFile> {
        let org = &self.orgs[i];
        if let Some(b) = self.rev_baselines.get(&org.file) {
            return Some(b);
        }
        if let Some(b) = self.external_baselines.get(&org.unit.id.value) {
            return Some(b);
        }
        let key = |o: &OrgFile| (o.unit.as_of.value, o.unit.status.value == Status::Proposal);
        self.snapshots(&org.unit.id.value)
            .iter()
            .filter(|&&j| j != i && key(&self.orgs[j]) < key(org))
            .filter(|&&j| self.orgs[j].unit.status.value == Status::Current)
            .max_by_key(|&&j| key(&self.orgs[j]))
            .map(|&j| &self.orgs[j])
    }

    /// The newest `current` snapshot of a unit.
    pub fn newest_current(&self, unit_id: &str) -> Option<&OrgFile> {
        self.newest.get(unit_id).map(|&i| &self.orgs[i])
    }

    /// The newest `proposal` of a unit among the checked files that is not older than its newest
    /// `current` snapshot (an older plan has been carried out or set aside): its pending plan.
    pub fn pending_plan(&self, unit_id: &str) -> Option<&OrgFile> {
        let current = self.newest_current(unit_id).map(|c| c.unit.as_of.value);
        self.snapshots(unit_id)
            .iter()
            .rev()
            .map(|&i| &self.orgs[i])
            .find(|o| o.unit.status.value == Status::Proposal)
            .filter(|p| current.is_none_or(|c| p.unit.as_of.value >= c))
    }

    /// Units with no `current` snapshot among the checked files whose newest proposal names
    /// `parent_id` as its `parent`, by that proposal: units a plan sets up.
    pub fn planned_children_of<'a>(
        &'a self,
        parent_id: &'a str,
    ) -> impl Iterator<Item = &'a OrgFile> + 'a {
        self.by_unit
            .keys()
            .filter(|id| !self.newest.contains_key(*id))
            .filter_map(|id| self.pending_plan(id))
            .filter(move |p| p.unit.parent.as_ref().is_some_and(|x| x.value == parent_id))
    }

    /// Counties among the checked files: the newest current snapshot of each county id.
    pub fn counties(&self) -> impl Iterator<Item = &OrgFile> {
        self.newest
            .values()
            .map(|&i| &self.orgs[i])
            .filter(|o| o.unit.kind.value == UnitKind::County)
    }

    /// The units whose `parent` is `county_id`, each by its newest current snapshot.
    pub fn children_of<'a>(&'a self, county_id: &'a str) -> impl Iterator<Item = &'a OrgFile> + 'a {
        self.children
            .get(county_id)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.orgs[i])
    }
}

/// What reading the paths of one run gave.
#[derive(Debug, Default)]
pub struct Loaded {
    pub workspace: Workspace,
    pub errors: Vec<InputError>,
    /// Org files found (valid or not); files skipped as not org files are not counted.
    pub files_checked: usize,
}

impl Loaded {
    /// Errors in a file under `named` that is not an org file are said by place alone (path, line,
    /// column), without the lines around them, their help or their labels: the project file may
    /// name a folder or a file that holds a roster or other personal data, and a snippet would
    /// print it. An org file, even a broken one (a line opens one of its tables), is shown as
    /// every org file is.
    pub fn place_only_errors_under(&mut self, named: &[std::path::PathBuf]) {
        if named.is_empty() || self.errors.is_empty() {
            return;
        }
        let named: Vec<std::path::PathBuf> = named
            .iter()
            .map(|p| std::path::PathBuf::from(crate::base::fs::display_path(p)))
            .collect();
        let orgs: std::collections::HashSet<FileId> =
            self.workspace.orgs.iter().map(|o| o.file).collect();
        for e in &mut self.errors {
            let Some(id) = e.file.filter(|id| !orgs.contains(id)) else {
                continue;
            };
            let src = self.workspace.sources.get(id);
            let path = std::path::Path::new(&src.path);
            if !named.iter().any(|n| path.starts_with(n)) || opens_an_org_table(&src.text) {
                continue;
            }
            e.line_col = Some(e.span.map_or((1, 1), |s| src.line_col(s.start)));
            e.path = Some(src.path.clone());
            e.file = None;
            e.span = None;
            e.help = None;
            e.labels.clear();
        }
    }
}

/// Whether a line of `text` opens a table of the org format (`[unit]`, `[[body]]` …): a broken
/// org file still has one.
fn opens_an_org_table(text: &str) -> bool {
    text.lines().any(|line| {
        let l = line.trim_start_matches('\u{feff}').trim();
        let name = l
            .strip_prefix("[[")
            .and_then(|r| r.split_once("]]"))
            .or_else(|| l.strip_prefix('[').and_then(|r| r.split_once(']')))
            .map(|(name, _)| name.trim());
        name.is_some_and(|n| n == "unit" || crate::load::format::org_keys().any(|k| k == n))
    })
}

/// The error that a folder argument holding no org file is.
pub(crate) fn no_org_files(shown: &str) -> InputError {
    InputError::path(shown, msg::no_org_files(shown))
}

/// Reads every org file under `paths`: files as given, folders recursively (`*.toml`, skipping
/// hidden folders and `target/`). A missing path, a folder without org files, an unreadable or
/// invalid file is an input error; the other files are still loaded.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let Discovered {
        found,
        roots,
        errors,
    } = discover(paths);
    // Paths that do not exist are input errors but not files checked.
    let path_errors = errors.len();

    // Reading and indexing lines run on all cores; only numbering the files is sequential.
    let texts: Vec<Result<SourceFile, Box<InputError>>> = found
        .par_iter()
        .map(|f| {
            read_text(&f.path, &f.shown).map(|text| {
                let mut src = SourceFile::new(f.shown.clone(), text);
                if f.path.to_str().is_none() {
                    src.os_path = Some(f.path.clone());
                }
                src
            })
        })
        .collect();
    let read = found.iter().map(|f| f.root).zip(texts).collect();
    load_read(read, &roots, errors, path_errors)
}

/// Loads org files the caller has read already (the page: files picked or dropped, as
/// `(path shown, bytes)`), as if found in one folder named `folder`: a `.toml` file that is not an
/// org file (a pack) is skipped, and no org file at all is an input error, as for a folder argument.
/// A file over the size limit is an input error, as on the command line: `unread` are the files
/// the page did not even read for their size (path shown, size in bytes).
pub fn load_files(folder: &str, files: Vec<(String, Given)>, unread: Vec<(String, u64)>) -> Loaded {
    let limit = crate::base::fs::max_file_size();
    let too_large = |shown: &str, size: u64| {
        Box::new(InputError::path(
            shown,
            crate::base::fs::ReadError::TooLarge(size).message(shown),
        ))
    };
    let mut read: Vec<(String, Result<SourceFile, Box<InputError>>)> = files
        .into_iter()
        .map(|(shown, given)| {
            let size = given.as_bytes().len() as u64;
            let file = match given {
                _ if size > limit => Err(too_large(&shown, size)),
                // Shared, not copied: the page keeps the same text.
                Given::Text(text) => Ok(SourceFile::new(shown.clone(), text)),
                Given::Bytes(bytes) => crate::base::walk::decode_text(bytes.to_vec(), &shown)
                    .map(|t| SourceFile::new(shown.clone(), t)),
            };
            (shown, file)
        })
        .chain(
            unread
                .into_iter()
                .map(|(shown, size)| (shown.clone(), Err(too_large(&shown, size)))),
        )
        .collect();
    // In the order a folder is walked in, so that findings come in the same order.
    read.sort_by(|a, b| a.0.cmp(&b.0));
    let read = read.into_iter().map(|(_, r)| (Some(0), r)).collect();
    load_read(read, &[folder.to_string()], Vec::new(), 0)
}

/// A file read, or why it could not be, with the folder argument it was found under (`None` for a
/// file named itself).
type Read = (Option<usize>, Result<SourceFile, Box<InputError>>);

/// Loads the files read; `errors` holds the errors so far, of which the first `path_errors` are
/// missing paths.
fn load_read(
    read: Vec<Read>,
    roots: &[String],
    mut errors: Vec<InputError>,
    path_errors: usize,
) -> Loaded {
    let mut sources = Sources::default();
    let mut jobs = Vec::new();
    for (root, text) in read {
        match text {
            Ok(file) => {
                let id = sources.add(file);
                jobs.push((id, root));
            }
            Err(e) => errors.push(*e),
        }
    }
    let progress = progress_bar(jobs.len());
    let results: Vec<load::Loaded> = jobs
        .par_iter()
        .map(|&(id, root)| {
            let r = load::load_org(id, &sources.get(id), root.is_none());
            progress.inc(1);
            r
        })
        .collect();
    progress.finish_and_clear();
    let mut orgs = Vec::new();
    let mut files_checked = errors.len() - path_errors;
    // Org files per folder argument: a folder whose .toml files are all something else (packs,
    // say) holds no org files, and saying nothing would be a silent pass.
    let mut per_root = vec![0usize; roots.len()];
    for ((_, root), r) in jobs.iter().zip(results) {
        let org_file = match r {
            load::Loaded::Org(org) => {
                orgs.push(*org);
                true
            }
            load::Loaded::NotOrg => false,
            load::Loaded::Invalid(errs) => {
                errors.extend(errs);
                true
            }
        };
        if org_file {
            files_checked += 1;
            if let Some(r) = root {
                per_root[*r] += 1;
            }
        }
    }
    for (shown, n) in roots.iter().zip(&per_root) {
        if *n == 0 {
            errors.push(no_org_files(shown));
        }
    }
    Loaded {
        workspace: Workspace::new(sources, orgs),
        errors,
        files_checked,
    }
}

/// Files above which loading shows a progress bar.
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
const PROGRESS_MIN_FILES: usize = 50;

/// The unit id an org file most likely declares, read cheaply from the text (the `id` key of the
/// `[unit]` table, a plain basic or literal string on its own line), without parsing the TOML.
/// `None` where it cannot tell. Only used to group a unit's snapshots before they are loaded; the
/// caller checks the grouping against the ids the loader reads.
pub(crate) fn prescan_unit_id(text: &str) -> Option<String> {
    let mut in_unit = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            let header = line.split('#').next().unwrap_or("").trim();
            in_unit = header == "[unit]";
            continue;
        }
        if !in_unit {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key != "id" && key != "\"id\"" && key != "'id'" {
            continue;
        }
        let value = value.trim();
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let rest = &value[1..];
        let end = rest.find(quote)?;
        let id = &rest[..end];
        if id.contains('\\') || value[1 + end + 1..].trim_start().starts_with(|c| c != '#') {
            return None;
        }
        return Some(id.to_string());
    }
    None
}

/// A progress bar on stderr for many files at a terminal; hidden when stderr is not a terminal or
/// `CI` is set (so pipes, logs and snapshots never see it).
#[cfg(feature = "cli")]
pub(crate) fn progress_bar(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let show = files > PROGRESS_MIN_FILES
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none();
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// Without a terminal (the page) there is no progress bar.
#[cfg(not(feature = "cli"))]
pub(crate) fn progress_bar(_files: usize) -> NoProgress {
    NoProgress
}

#[cfg(not(feature = "cli"))]
pub(crate) struct NoProgress;

#[cfg(not(feature = "cli"))]
impl NoProgress {
    pub(crate) fn inc(&self, _n: u64) {}
    pub(crate) fn finish_and_clear(&self) {}
}

/// The order files are checked and listed in: by path, except that the snapshots of one unit in one
/// folder stay together where the first of them comes, oldest first and a plan after the current
/// file of its date: `方案.toml` after `现状.toml`, `2019-plan.toml` after `2019.toml`, as an
/// officer reads them (what is, then what is proposed), though the names sort the other way.
fn order_files(sources: &Sources, orgs: &mut Vec<OrgFile>) {
    let folder = |o: &OrgFile| {
        std::path::Path::new(sources.path(o.file))
            .parent()
            .map(std::path::Path::to_path_buf)
    };
    orgs.sort_by(|a, b| sources.path(a.file).cmp(sources.path(b.file)));
    let mut first: BTreeMap<(Option<PathBuf>, &str), usize> = BTreeMap::new();
    for (i, o) in orgs.iter().enumerate() {
        first.entry((folder(o), &o.unit.id.value)).or_insert(i);
    }
    let keys: Vec<_> = orgs
        .iter()
        .map(|o| {
            (
                first[&(folder(o), o.unit.id.value.as_str())],
                o.unit.as_of.value,
                o.unit.status.value == Status::Proposal,
            )
        })
        .collect();
    let mut keyed: Vec<_> = keys.into_iter().zip(orgs.drain(..)).collect();
    // Stable: files of one unit, date and status keep their path order.
    keyed.sort_by_key(|(k, _)| *k);
    orgs.extend(keyed.into_iter().map(|(_, o)| o));
}
