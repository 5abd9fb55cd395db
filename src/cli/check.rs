//! `bianzhi check [PATH…]`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::{print_stdout, LangArg, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::engine;
use crate::finding::Level;
use crate::pack;
use crate::report::{self, human, Run};
use crate::workspace::{self, BaselineSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Org files and folders to check (folders: every *.toml with a [unit] table).
    #[arg(default_value = "orgs")]
    pub paths: Vec<PathBuf>,
    /// Rule pack: a built-in id (national, jiangsu-2017) or a pack file; repeat to layer packs.
    #[arg(long = "rules", value_name = "PACK")]
    pub rules: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors for the exit code.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Language of messages (default: from LANG/LC_ALL).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Name people by name as well as id in findings (rosters are personal data).
    #[arg(long)]
    pub show_names: bool,
    /// The baseline a plan is compared with (BZ104, BZ501, BZ502): an org file of the same unit id,
    /// used instead of the newest earlier snapshot among the files checked. Repeat for several units.
    #[arg(
        long = "baseline",
        value_name = "FILE",
        conflicts_with = "baseline_rev"
    )]
    pub baseline: Vec<PathBuf>,
    /// Compare every file checked with the same path at this git revision (a commit, branch or tag).
    #[arg(long = "baseline-rev", value_name = "REV")]
    pub baseline_rev: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// What one check run produced, before it is reported.
pub struct Outcome {
    pub loaded: workspace::Loaded,
    pub findings: Vec<crate::finding::Finding>,
}

/// Loads the files and packs and runs the rules: the whole check, without output.
pub fn check(paths: &[PathBuf], packs: &[String], show_names: bool) -> Outcome {
    check_with(paths, show_names, |sources| pack::load(packs, sources))
}

/// The whole check with the rule set made by `rules` (which may add pack files to the sources).
pub fn check_with(
    paths: &[PathBuf],
    show_names: bool,
    rules: impl FnOnce(
        &mut crate::source::Sources,
    ) -> Result<pack::RuleSet, Vec<crate::error::InputError>>,
) -> Outcome {
    check_with_baselines(paths, show_names, &BaselineSource::default(), rules)
}

/// The whole check, with baselines read from `--baseline FILE` or `--baseline-rev REV` as well as
/// from the snapshots among the files checked.
pub fn check_with_baselines(
    paths: &[PathBuf],
    show_names: bool,
    baselines: &BaselineSource,
    rules: impl FnOnce(
        &mut crate::source::Sources,
    ) -> Result<pack::RuleSet, Vec<crate::error::InputError>>,
) -> Outcome {
    let mut loaded = workspace::load_paths(paths);
    loaded.workspace.show_names = show_names;
    let errs = loaded.workspace.add_baselines(baselines);
    loaded.errors.extend(errs);
    let findings = match rules(&mut loaded.workspace.sources) {
        Ok(set) => {
            let findings = engine::run(&loaded.workspace, &set);
            // Custom (CEL) expressions that failed on the data are input errors.
            loaded.errors.extend(set.take_errors());
            findings
        }
        Err(errs) => {
            loaded.errors.extend(errs);
            Vec::new()
        }
    };
    Outcome { loaded, findings }
}

impl Outcome {
    pub fn run(&self, lang: crate::i18n::Lang) -> Run<'_> {
        Run {
            ws: &self.loaded.workspace,
            findings: &self.findings,
            errors: &self.loaded.errors,
            files_checked: self.loaded.files_checked,
            lang,
        }
    }
}

pub fn run(args: CheckArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    if let Some(n) = args.jobs {
        // Only fails when a pool already exists, which a fresh process never has.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let baselines = BaselineSource {
        files: args.baseline.clone(),
        rev: args.baseline_rev.clone(),
    };
    let packs = &args.rules;
    let outcome = check_with_baselines(&args.paths, args.show_names, &baselines, |sources| {
        pack::load(packs, sources)
    });
    let run = outcome.run(lang);
    let text = match args.format {
        Format::Human => {
            let stdout = std::io::stdout();
            let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100);
            human::render(&run, human::Style { color, width })
        }
        Format::Json => report::json::render(&run),
    };
    print_stdout(&text);
    exit_code(&run, args.deny.is_some())
}

/// 2 when any input could not be checked; 1 when a finding is at level error (or warning, when
/// warnings are denied); 0 otherwise.
pub fn exit_code(run: &Run<'_>, deny_warnings: bool) -> u8 {
    if !run.errors.is_empty() {
        return EXIT_INPUT;
    }
    let failing = run
        .findings
        .iter()
        .any(|f| f.level == Level::Error || (deny_warnings && f.level == Level::Warning));
    if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
