//! The entry points of the application: check a set of files against the packs and get an
//! [`Outcome`], which the renderers then write in any format. The command line is a thin layer over
//! these; so are the tests.

use std::path::PathBuf;

use crate::base::diag::{Finding, InputError, Level};
use crate::base::i18n::Lang;
use crate::base::source::Sources;
use crate::engine::{self, RuleInfo};
use crate::pack;
use crate::workspace::{self, BaselineSource, Workspace};

/// What one check run produced, before it is reported.
pub struct Outcome {
    pub loaded: workspace::Loaded,
    pub findings: Vec<Finding>,
    /// The rules in force (empty when the packs could not be loaded), for SARIF and JUnit.
    pub rules: Vec<RuleInfo>,
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
    let mut loaded = workspace::load_paths(paths);
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
        findings,
        rules,
    }
}

/// The whole check as `bianzhi check` runs it: a unit at a time, keeping only summaries of the files
/// checked ([`engine::streaming::run_streaming`]), so that memory stays bounded on large trees. Falls back to
/// [`check`] when a pack cannot be loaded (its errors are reported with the files') or when the
/// files' unit ids cannot be grouped before loading. Findings and errors are the same as
/// [`check`]'s; the workspace holds summaries only (no bodies, persons or powers).
pub fn check_streamed(paths: &[PathBuf], packs: &[String], show_names: bool) -> Outcome {
    let mut sources = Sources::default();
    if let Ok(set) = pack::load(packs, &mut sources) {
        if let Some(done) = engine::streaming::run_streaming(paths, show_names, sources, &set) {
            let mut loaded = done.loaded;
            loaded.errors.extend(set.take_errors());
            return Outcome {
                loaded,
                findings: done.findings,
                rules: engine::rules_in_force(&set),
            };
        }
    }
    check(paths, packs, show_names)
}

impl Outcome {
    pub fn run(&self, lang: Lang) -> Run<'_> {
        Run {
            ws: &self.loaded.workspace,
            findings: &self.findings,
            errors: &self.loaded.errors,
            files_checked: self.loaded.files_checked,
            lang,
        }
    }
}

/// Everything a report needs about one run.
pub struct Run<'a> {
    pub ws: &'a Workspace,
    pub findings: &'a [Finding],
    pub errors: &'a [InputError],
    pub files_checked: usize,
    pub lang: Lang,
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
        let count = |l: Level| self.findings.iter().filter(|f| f.level == l).count();
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
