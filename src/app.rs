//! The entry points of the application: check a set of files against the packs and get an
//! [`Outcome`], which the renderers then write in any format; the staffing ledger; a
//! reorganization's diff; a roster import. The command line is a thin layer over
//! these; so are the tests.

use std::path::{Path, PathBuf};

use crate::analysis::chart::ChangeChart;
use crate::analysis::ledger::Ledger;
use crate::analysis::{self, diff::Diff};
use crate::base::diag::{InputError, Level};
use crate::base::fs::display_path;
use crate::base::i18n::{msg, Lang, Text};
use crate::base::source::{SourceFile, Sources};
use crate::engine::{self, Findings, RuleInfo};
use crate::import::{self, Changes, Mapping};
use crate::load;
use crate::model::OrgFile;
use crate::pack;
use crate::text;
use crate::workspace::{self, BaselineSource, Workspace};

/// What one check run produced, before it is reported.
pub struct Outcome {
    pub loaded: workspace::Loaded,
    /// In their final order; a streamed check keeps them in a temporary file until written.
    pub findings: Findings,
    /// The rules in force (empty when the packs could not be loaded), for SARIF and JUnit.
    pub rules: Vec<RuleInfo>,
}

/// The files a run reads: paths on disk (folders are walked), or files already in memory (the
/// offline page's, an editor's), as if found in one folder.
#[derive(Debug, Clone)]
pub enum Input {
    Paths(Vec<PathBuf>),
    Files {
        /// The folder the files are shown in.
        folder: String,
        /// (path shown, content), each text shared with the run's sources rather than copied.
        files: Vec<(String, crate::base::source::Given)>,
        /// Files not read for their size: (path shown, size in bytes), each an input error.
        unread: Vec<(String, u64)>,
    },
}

/// The largest file the offline page reads: below the command line's 64 MiB, because a browser tab's
/// WebAssembly memory is smaller than a computer's and one thread checks everything (a 50 MB
/// roster took 145 s and then ran out of memory). A larger file is an input error saying to use
/// the command line.
pub const PAGE_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// How runs are set up, held in one value: the library's entry point for the command line, the
/// offline page and the tests. Its methods run each job over an [`Input`]; each gives what the
/// renderers then write.
///
/// The size limit and whether the run is the page's are also read where files are read and
/// messages are made, as process-wide settings: each method sets them from this value first, so
/// one process runs one `App` at a time (the command line runs one; the page is a process of its
/// own).
#[derive(Debug, Clone, Default)]
pub struct App {
    /// The project file in use (`bianzhi.toml`), for the reports to name.
    pub project: Option<load::project::Project>,
    /// The packs in force, as named (none: the default pack).
    pub packs: Vec<String>,
    /// Names of persons in human output and documents (rosters are personal data).
    pub show_names: bool,
    /// Findings keep their texts in this language only (a run that reports in one language).
    pub keep: Option<Lang>,
    /// Baselines besides the snapshots among the files (`--baseline`, `--baseline-rev`).
    pub baselines: BaselineSource,
    /// The largest input file read, in bytes (`None`: the command line's default, 64 MiB).
    pub max_file_size: Option<u64>,
    /// The run is the offline page's: messages advise no command-line option.
    pub on_page: bool,
    /// Every file's model is kept in the outcome (the documents and charts draw them). Otherwise
    /// files on disk are checked a unit at a time and the outcome keeps the summaries the
    /// cross-file rules read ([`check_streamed`]).
    pub whole: bool,
}

impl App {
    /// The offline page's setup: its own size limit, its own words.
    pub fn page() -> App {
        App {
            max_file_size: Some(PAGE_MAX_FILE_SIZE),
            on_page: true,
            ..App::default()
        }
    }

    /// Sets the process-wide settings from this value (see [`App`]); each method does it first.
    pub fn enter(&self) {
        crate::base::fs::set_max_file_size(
            self.max_file_size
                .unwrap_or(crate::base::fs::DEFAULT_MAX_FILE_SIZE),
        );
        if self.on_page {
            crate::base::i18n::set_on_page();
        }
    }

    fn rules(&self, sources: &mut Sources) -> Result<pack::RuleSet, Vec<InputError>> {
        pack::load(&self.packs, sources).map(|set| match self.keep {
            Some(lang) => set.keeping(lang),
            None => set,
        })
    }

    /// Checks the input against the packs: a unit at a time when the files are on disk, no
    /// baseline is named and the models are not asked for ([`App::whole`]).
    pub fn check(&self, input: Input) -> Outcome {
        self.enter();
        match input {
            Input::Paths(paths)
                if !self.whole
                    && self.baselines.files.is_empty()
                    && self.baselines.rev.is_none() =>
            {
                check_streamed(&paths, &self.packs, self.show_names, self.keep)
            }
            Input::Paths(paths) => {
                check_with_baselines(&paths, self.show_names, &self.baselines, |sources| {
                    self.rules(sources)
                })
            }
            Input::Files {
                folder,
                files,
                unread,
            } => check_files(&folder, files, unread, &self.packs, self.show_names),
        }
    }

    /// The staffing ledgers (编制台账) of the input's org files.
    pub fn ledger(&self, input: Input) -> LedgerOutcome {
        self.enter();
        match input {
            Input::Paths(paths) => ledger(&paths),
            Input::Files {
                folder,
                files,
                unread,
            } => {
                let loaded = workspace::load_files(&folder, files, unread);
                let ledgers = analysis::ledger::ledgers(&loaded.workspace);
                LedgerOutcome { loaded, ledgers }
            }
        }
    }

    /// A reorganization's diff: the org file `new` against `base`.
    pub fn diff(&self, base: &Path, new: &Path) -> DiffOutcome {
        self.enter();
        diff(base, new, self.show_names)
    }

    /// A roster imported into an org file on disk: the new text and what changes; writes nothing.
    pub fn import_roster(
        &self,
        request: &ImportRequest<'_>,
        lang: Lang,
    ) -> Result<ImportReport, ImportFailure> {
        self.enter();
        import_roster(request, lang)
    }
}

/// Loads the files and packs and runs the rules: the whole check, without output.
pub fn check(paths: &[PathBuf], packs: &[String], show_names: bool) -> Outcome {
    check_with(paths, show_names, |sources| pack::load(packs, sources))
}

/// The whole check with the rule set made by `rules` (which may add pack files to the sources).
pub fn check_with(
    paths: &[PathBuf],
    show_names: bool,
    rules: impl FnOnce(&mut Sources) -> Result<pack::RuleSet, Vec<InputError>>,
) -> Outcome {
    check_with_baselines(paths, show_names, &BaselineSource::default(), rules)
}

/// The whole check, with baselines read from `--baseline FILE` or `--baseline-rev REV` as well as
/// from the snapshots among the files checked.
pub fn check_with_baselines(
    paths: &[PathBuf],
    show_names: bool,
    baselines: &BaselineSource,
    rules: impl FnOnce(&mut Sources) -> Result<pack::RuleSet, Vec<InputError>>,
) -> Outcome {
    check_loaded(workspace::load_paths(paths), show_names, baselines, rules)
}

/// The whole check of files the caller has read already (the offline page: files picked or
/// dropped, as `(path shown, bytes)`), as if found in one folder named `folder`
/// ([`workspace::load_files`]). A pack named by a path among the files is read from them.
/// Findings and errors are the same as [`check`]'s on those files. `unread` are files not read
/// for their size (path shown, size): each is an input error.
pub fn check_files(
    folder: &str,
    files: Vec<(String, crate::base::source::Given)>,
    unread: Vec<(String, u64)>,
    packs: &[String],
    show_names: bool,
) -> Outcome {
    // Only a pack named by its path is read from the files (with the packs it extends): with
    // built-in packs, no second copy of every file.
    let named = packs
        .iter()
        .any(|p| !pack::EMBEDDED.iter().any(|(id, _, _)| id == p));
    let given = if named {
        files.iter().cloned().collect()
    } else {
        Default::default()
    };
    check_loaded(
        workspace::load_files(folder, files, unread),
        show_names,
        &BaselineSource::default(),
        |sources| pack::load_given(packs, given, sources),
    )
}

/// Runs the rules on what loading gave.
fn check_loaded(
    mut loaded: workspace::Loaded,
    show_names: bool,
    baselines: &BaselineSource,
    rules: impl FnOnce(&mut Sources) -> Result<pack::RuleSet, Vec<InputError>>,
) -> Outcome {
    loaded.workspace.show_names = show_names;
    let errs = loaded.workspace.add_baselines(baselines);
    loaded.errors.extend(errs);
    let (findings, rules) = match rules(&mut loaded.workspace.sources) {
        Ok(set) => {
            let findings = engine::run(&loaded.workspace, &set);
            // Custom (CEL) expressions that failed on the data are input errors.
            loaded.errors.extend(set.take_errors());
            (findings, engine::rules_in_force(&set))
        }
        Err(errs) => {
            loaded.errors.extend(errs);
            (Vec::new(), Vec::new())
        }
    };
    Outcome {
        loaded,
        findings: findings.into(),
        rules,
    }
}

/// The whole check as `bianzhi check` runs it: a unit at a time, keeping only summaries of the files
/// checked ([`engine::streaming::run_streaming`]) and the findings in a temporary file until they
/// are written, so that memory stays bounded on large trees. When a pack cannot be loaded, the
/// files are still read the same way, for their own input errors, with no rule in force (the
/// pack's errors come after the files'). Falls back to [`check`] when the files' unit ids cannot
/// be grouped before loading. Findings and errors are the same as [`check`]'s; the workspace holds
/// summaries only (no bodies, persons or powers).
///
/// With `keep`, findings hold their texts in that language only (see [`pack::RuleSet::keeping`]):
/// the outcome can then be reported in that language only.
pub fn check_streamed(
    paths: &[PathBuf],
    packs: &[String],
    show_names: bool,
    keep: Option<Lang>,
) -> Outcome {
    let load = |sources: &mut Sources| {
        pack::load(packs, sources).map(|set| match keep {
            Some(lang) => set.keeping(lang),
            None => set,
        })
    };
    let mut sources = Sources::default();
    let (set, pack_errors) = match load(&mut sources) {
        Ok(set) => (set, Vec::new()),
        Err(errs) => (pack::RuleSet::default(), errs),
    };
    match engine::streaming::run_streaming(paths, show_names, sources, &set) {
        Some(done) => {
            let mut loaded = done.loaded;
            loaded.errors.extend(set.take_errors());
            loaded.errors.extend(pack_errors);
            Outcome {
                loaded,
                findings: done.findings,
                // None when the packs could not be loaded.
                rules: engine::rules_in_force(&set),
            }
        }
        None => check_with(paths, show_names, load),
    }
}

impl Outcome {
    pub fn run(&self, lang: Lang) -> Run<'_> {
        Run {
            ws: &self.loaded.workspace,
            findings: &self.findings,
            errors: &self.loaded.errors,
            files_checked: self.loaded.files_checked,
            lang,
            setup: Setup::default(),
        }
    }
}

/// Everything a report needs about one run.
pub struct Run<'a> {
    pub ws: &'a Workspace,
    pub findings: &'a Findings,
    pub errors: &'a [InputError],
    pub files_checked: usize,
    pub lang: Lang,
    /// What the command line set the run up with, for the reports to name; empty for a run made
    /// without one (the page, the library).
    pub setup: Setup,
}

/// What a run was set up with, as its reports name it: the project file in use and the packs in
/// force (`--rules`, else the project file's `rules`, else the default pack).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setup {
    /// The project file (`bianzhi.toml`) as shown, when one is in use.
    pub project: Option<String>,
    /// The packs in force, as named; empty when the run was not set up by the command line.
    pub packs: Vec<String>,
}

impl Setup {
    /// The setup of packs named `packs` (none: the default pack) with the project file `project`.
    pub fn new(project: Option<String>, packs: &[String]) -> Setup {
        let packs = if packs.is_empty() {
            vec![pack::DEFAULT_PACK.to_string()]
        } else {
            packs.to_vec()
        };
        Setup { project, packs }
    }

    /// Whether the command line set the run up (the reports then name the setup).
    pub fn is_named(&self) -> bool {
        !self.packs.is_empty()
    }
}

/// Counts per level, and of input errors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub input_errors: usize,
}

impl Run<'_> {
    pub fn summary(&self) -> Summary {
        let count = |l: Level| self.findings.count(l);
        Summary {
            error: count(Level::Error),
            warning: count(Level::Warning),
            info: count(Level::Info),
            input_errors: self.errors.len(),
        }
    }

    /// File, line and column (characters, 1-based) of an input error, where it has a place.
    pub fn error_place(&self, e: &InputError) -> (Option<String>, Option<(usize, usize)>) {
        match e.file {
            Some(id) => {
                let src = self.ws.sources.get(id);
                let lc = e.span.map(|s| src.line_col(s.start));
                (Some(src.path.clone()), lc.or(Some((1, 1))))
            }
            None => (e.path.clone(), e.line_col),
        }
    }
}

/// `bianzhi import`: a roster (xlsx, xls, ods or csv) into an org file's `[[person]]` entries.
pub struct ImportRequest<'a> {
    /// The roster.
    pub file: &'a Path,
    /// The org file whose persons receive the roster.
    pub into: &'a Path,
    /// `COLUMN=KEY` header mappings.
    pub map: &'a [String],
    /// The workbook sheet to read.
    pub sheet: Option<&'a str>,
    /// Import the good rows even when some rows cannot be mapped.
    pub force: bool,
    /// Remove persons not in the roster.
    pub replace: bool,
}

/// What an import did or would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub changes: Changes,
    /// Rows skipped under `--force`, rendered.
    pub skipped: Vec<String>,
    /// Column headers not imported.
    pub ignored: Vec<String>,
    /// Rows below the header that are not persons (合计, the footer), passed over.
    pub passed_over: Vec<import::PassedOver>,
    /// The sheet read (empty for CSV).
    pub sheet: String,
    /// The new text of the org file.
    pub text: String,
    /// What the org file held when it was read: written over only if it still holds it.
    pub read: crate::base::fs::ReadStamp,
}

/// Why an import wrote nothing.
#[derive(Debug, Clone)]
pub enum ImportFailure {
    /// One message.
    Message(Text),
    /// Rows that cannot be mapped (rendered, with the file and sheet), and how many rows
    /// `--force` would import (none where it would not help: every row bad, or the header).
    Rows {
        rows: Vec<String>,
        importable: usize,
    },
    /// The org file (or the edited text) is not a valid org file.
    Invalid(Sources, Vec<crate::base::diag::InputError>),
}

fn load_org_text(path: &str, text: &str) -> Result<(Sources, OrgFile), ImportFailure> {
    org_of_text(path, text, load::load_org)
}

/// `text` as the org file at `path`, read by `load` (given the file named explicitly); its
/// errors as an import's failure.
fn org_of_text(
    path: &str,
    text: &str,
    load: impl FnOnce(crate::base::source::FileId, &SourceFile, bool) -> load::Loaded,
) -> Result<(Sources, OrgFile), ImportFailure> {
    let mut sources = Sources::default();
    let id = sources.add(SourceFile::new(path, text));
    match load(id, &sources.get(id), true) {
        load::Loaded::Org(org) => Ok((sources, *org)),
        load::Loaded::Invalid(errors) => Err(ImportFailure::Invalid(sources, errors)),
        load::Loaded::NotOrg => Err(ImportFailure::Message(
            crate::base::i18n::msg::not_org_file(),
        )),
    }
}

/// Whether `text` is a valid org file, holding no more of it than a piece of its roster at a time.
fn validate_org_text(path: &str, text: &str) -> Result<(), ImportFailure> {
    org_of_text(path, text, |id, src, _| load::validate_org(id, src)).map(|_| ())
}

/// Reads the roster and computes the new org file text; writes nothing.
pub fn import_roster(args: &ImportRequest<'_>, lang: Lang) -> Result<ImportReport, ImportFailure> {
    let mapping = Mapping::parse(args.map).map_err(ImportFailure::Message)?;
    // The org file written is never the roster read (a typo in `--into` must not overwrite it).
    crate::base::fs::refuse_input_as_output(args.into, &[args.file.to_path_buf()])
        .map_err(ImportFailure::Message)?;
    let org_path = display_path(args.into);
    let bytes = crate::base::fs::read_bytes(args.into)
        .map_err(|e| ImportFailure::Message(e.message(&org_path)))?;
    let read = crate::base::fs::ReadStamp::of(args.into, &bytes);
    let roster_path = display_path(args.file);
    let is_csv = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let report = import_into(
        org_path,
        bytes,
        &roster_path,
        args,
        &mapping,
        lang,
        |prefer| {
            if is_csv {
                import::read_csv(args.file)
            } else {
                import::read_xlsx(args.file, args.sheet, prefer, &mapping)
            }
        },
    )?;
    // Its stamp knows whether the path was a link when it was read.
    Ok(ImportReport { read, ..report })
}

/// [`import_roster`] of files already read (the offline page): the org file `org_path` and the
/// roster `roster_path` (xlsx, xls, ods, or csv by its name), as bytes. `args.file` and
/// `args.into` are not read.
pub fn import_roster_given(
    org_path: &str,
    org_bytes: Vec<u8>,
    roster_path: &str,
    roster_bytes: Vec<u8>,
    args: &ImportRequest<'_>,
    lang: Lang,
) -> Result<ImportReport, ImportFailure> {
    let mapping = Mapping::parse(args.map).map_err(ImportFailure::Message)?;
    let is_csv = roster_path.to_ascii_lowercase().ends_with(".csv");
    import_into(
        org_path.to_string(),
        org_bytes,
        roster_path,
        args,
        &mapping,
        lang,
        |prefer| {
            if is_csv {
                import::read_csv_bytes(roster_path, roster_bytes)
            } else {
                import::read_xlsx_bytes(roster_path, roster_bytes, args.sheet, prefer, &mapping)
            }
        },
    )
}

/// The import once the org file is read: `read_sheet` reads the roster, given the sheet names to
/// prefer (the unit's).
fn import_into(
    org_path: String,
    bytes: Vec<u8>,
    roster_path: &str,
    args: &ImportRequest<'_>,
    mapping: &Mapping,
    lang: Lang,
    read_sheet: impl FnOnce(&[String]) -> Result<import::Sheet, Text>,
) -> Result<ImportReport, ImportFailure> {
    let read = crate::base::fs::ReadStamp::given(&bytes);
    let original = String::from_utf8(bytes)
        .map_err(|_| ImportFailure::Message(crate::base::i18n::common::not_utf8()))?;
    // The byte-order mark and the line endings are the user's: kept as they are.
    let bom = original.starts_with('\u{feff}');
    let original = if bom {
        original['\u{feff}'.len_utf8()..].to_string()
    } else {
        original
    };
    let crlf = original.contains("\r\n");
    // What each step holds is dropped as soon as the next has what it needs: the org file's model
    // and the roster's cells before the file is edited, the edited document before the result is
    // checked (a 100,000-row import held all of them at once, 7 KB a row; docs/benchmarks.md).
    let (_, org) = load_org_text(&org_path, &original)?;
    let sheet = read_sheet(&[
        format!("{} {}", org.unit.id.value, org.unit.as_of.value),
        org.unit.id.value.clone(),
    ])
    .map_err(ImportFailure::Message)?;
    let mut parsed = import::parse_rows(&sheet, mapping, &org);
    drop(org);
    let sheet_name = sheet.name;
    drop(sheet.rows);
    let place = if sheet_name.is_empty() {
        roster_path.to_string()
    } else {
        msg::roster_sheet(roster_path, &sheet_name)
            .get(lang)
            .to_string()
    };
    let rendered: Vec<String> = parsed
        .errors
        .iter()
        .map(|e| format!("{place}: {}", e.render(lang)))
        .collect();
    let header_broken = parsed.columns.is_empty();
    if !rendered.is_empty() && (!args.force || header_broken) {
        let importable = if header_broken {
            0
        } else {
            parsed.persons.len()
        };
        return Err(ImportFailure::Rows {
            rows: rendered,
            importable,
        });
    }

    let mut doc: toml_edit::DocumentMut = original.parse().map_err(|e: toml_edit::TomlError| {
        ImportFailure::Message(text!(
            "{org_path}: cannot edit: {e}",
            "{org_path}：无法编辑：{e}",
            e = e.message()
        ))
    })?;
    drop(original);
    let edit = |e: import::EditError| ImportFailure::Message(e.0);
    // New persons only (the common case: a first roster, or the year's newcomers) are written as
    // text; anything else edits the document.
    let (mut new_text, changes) =
        match import::append(&mut doc, &mut parsed, args.replace).map_err(edit)? {
            Some(done) => done,
            None => {
                let changes = import::apply(&mut doc, &parsed, args.replace).map_err(edit)?;
                parsed.persons = Vec::new();
                (doc.to_string(), changes)
            }
        };
    drop(doc);
    // The edited file must still be a valid org file; otherwise nothing is written.
    validate_org_text(&org_path, &new_text)?;
    if crlf {
        new_text = new_text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    if bom {
        new_text.insert(0, '\u{feff}');
    }
    Ok(ImportReport {
        changes,
        skipped: rendered,
        ignored: parsed.ignored,
        passed_over: parsed.passed_over,
        sheet: sheet_name,
        read,
        text: new_text,
    })
}

/// The staffing ledgers of the org files under `paths` (`ledgers[i]` is `loaded.workspace.orgs[i]`'s),
/// with what loading gave: the files that could not be read are input errors, the others are in.
pub struct LedgerOutcome {
    pub loaded: workspace::Loaded,
    pub ledgers: Vec<Ledger>,
}

/// Loads the org files under `paths` and computes their staffing ledgers (编制台账).
pub fn ledger(paths: &[PathBuf]) -> LedgerOutcome {
    let loaded = workspace::load_paths(paths);
    let ledgers = analysis::ledger::ledgers(&loaded.workspace);
    LedgerOutcome { loaded, ledgers }
}

/// What `diff` made of two org files: the comparison, or the input errors that stopped it (with
/// the sources they point into).
pub struct DiffOutcome {
    pub sources: Sources,
    pub errors: Vec<InputError>,
    pub diff: Option<Diff>,
    /// The bodies before and after, for the drawn formats.
    pub chart: Option<ChangeChart>,
}

/// Loads the baseline and the new org file and compares them.
pub fn diff(base: &Path, new: &Path, show_names: bool) -> DiffOutcome {
    let mut sources = Sources::default();
    let mut errors = Vec::new();
    let b = load_one(base, &mut sources, &mut errors);
    let n = load_one(new, &mut sources, &mut errors);
    let (diff, chart) = match (b, n) {
        (Some(b), Some(n)) if errors.is_empty() => {
            let d = analysis::diff::diff(&b, &n, &sources, show_names);
            let chart = ChangeChart::build(&b, &n, &d);
            (Some(d), Some(chart))
        }
        _ => (None, None),
    };
    DiffOutcome {
        sources,
        errors,
        diff,
        chart,
    }
}

/// Reads and validates one org file into `sources`.
fn load_one(path: &Path, sources: &mut Sources, errors: &mut Vec<InputError>) -> Option<OrgFile> {
    let shown = crate::base::fs::display_path(path);
    let text = match crate::base::walk::read_text(path, &shown) {
        Ok(t) => t,
        Err(e) => {
            errors.push(*e);
            return None;
        }
    };
    let id = sources.add(SourceFile::new(shown, text));
    match load::load_org(id, &sources.get(id), true) {
        load::Loaded::Org(org) => Some(*org),
        // A named file without [unit] is reported as Invalid when `explicit`.
        load::Loaded::NotOrg => None,
        load::Loaded::Invalid(errs) => {
            errors.extend(errs);
            None
        }
    }
}

/// The project file (`bianzhi.toml`) at `start` or above, read and checked; `None` when there is
/// none. Its paths are relative to `start`. Errors come with the sources they point into.
/// A project file above the working folder that another user owns is not used without saying so
/// (as git refuses a repository of another owner): it could switch every rule off. Trusted where
/// `BIANZHI_SAFE_PROJECT` names its folder (or is `*`).
fn foreign_project(path: &Path, up: &Path, shown: &str) -> Option<crate::base::diag::InputError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if up.as_os_str().is_empty() {
            return None;
        }
        let owner = std::fs::symlink_metadata(path).ok()?.uid();
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if owner == me {
            return None;
        }
        let folder = std::fs::canonicalize(path.parent()?).ok()?;
        let trusted = std::env::var_os("BIANZHI_SAFE_PROJECT").is_some_and(|v| {
            std::env::split_paths(&v).any(|t| t.as_os_str() == "*" || t == folder)
        });
        if trusted {
            return None;
        }
        let folder = folder.display().to_string();
        Some(
            crate::base::diag::InputError::path(
                shown,
                crate::text!(
                    "{shown} belongs to another user (uid {owner}): not used, since it could change every rule in force",
                    "{shown} 属于其他用户（uid {owner}）：未采用，因为它可以改变生效的全部规则"
                ),
            )
            .with_help(crate::text!(
                "if you trust it, set BIANZHI_SAFE_PROJECT={folder} (or `*`); or run bianzhi from a folder with a bianzhi.toml of your own",
                "如信任该文件，请设置环境变量 BIANZHI_SAFE_PROJECT={folder}（或 `*`）；或在有自己的 bianzhi.toml 的文件夹中运行 bianzhi"
            )),
        )
    }
    #[cfg(not(unix))]
    {
        let _ = (path, up, shown);
        None
    }
}

/// The project file's `[baseline] rev`, asked of git once before any file is compared: a revision
/// git does not know (or no repository) is one input error at its place in the project file, in
/// the file's terms — not an error per org file about a `--baseline-rev` flag never typed.
#[cfg(feature = "cli")]
pub fn project_rev_errors(
    p: &crate::load::project::Project,
) -> Option<(Sources, Vec<crate::base::diag::InputError>)> {
    use crate::workspace::RevProblem;
    let rev = p.baseline_rev.as_deref()?;
    let dir = match p.path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let why = match crate::workspace::verify_rev(&dir, rev) {
        Ok(()) => return None,
        Err(RevProblem::NoRepository) => msg::project_rev_no_repository(&display_path(&dir)),
        Err(RevProblem::Unknown { top }) => msg::project_rev_unknown(&top),
        Err(RevProblem::Git(why)) => why,
    };
    let mut sources = Sources::default();
    let shown = display_path(&p.path);
    let id = sources.add(SourceFile::new(&shown, p.text.clone()));
    let message = msg::project_rev_failed(&shown, rev, &why);
    let error = match p.baseline_rev_span {
        Some(span) => crate::base::diag::InputError::at(id, span, message),
        None => crate::base::diag::InputError::path(shown, message),
    };
    Some((sources, vec![error]))
}

pub fn project(
    start: &Path,
) -> Result<Option<crate::load::project::Project>, (Sources, Vec<crate::base::diag::InputError>)> {
    use crate::load::project::{find_project, load_project};
    let Some((path, dir)) = find_project(start) else {
        return Ok(None);
    };
    let mut sources = Sources::default();
    let shown = display_path(&path);
    if let Some(e) = foreign_project(&start.join(&path), &dir, &shown) {
        return Err((sources, vec![e]));
    }
    let text = match crate::base::walk::read_text(&start.join(&path), &shown) {
        Ok(t) => t,
        Err(e) => return Err((sources, vec![*e])),
    };
    let id = sources.add(SourceFile::new(&shown, text));
    let src = sources.get(id);
    match load_project(id, &src, &path, &dir) {
        Ok(p) => Ok(Some(p)),
        Err(errors) => Err((sources, errors)),
    }
}
