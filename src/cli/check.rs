//! `bianzhi check [PATH…]`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::app::{App, Input, Outcome, Run, Setup};
use crate::base::diag::{InputError, Level};
use crate::base::fs::display_path;
use crate::base::i18n::msg;
use crate::base::i18n::Lang;
use crate::base::source::Sources;
use crate::cli::{
    print_error, print_stderr, BaselineFlags, CliError, LangFlag, PackFlags, Prefix, EXIT_FINDINGS,
    EXIT_INPUT, EXIT_OK,
};
use crate::pack;
use crate::render::findings::{self, Format};
use crate::workspace::{Loaded, Workspace};

/// `--output FORMAT=PATH`: a report written to a file besides the one on stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputArg {
    pub format: Format,
    pub path: PathBuf,
}

impl std::str::FromStr for OutputArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (format, path) = s
            .split_once('=')
            .ok_or_else(|| format!("expected FORMAT=PATH (e.g. sarif=bianzhi.sarif), got `{s}`"))?;
        let format = crate::cli::formats::findings_format(format).ok_or_else(|| {
            format!("unknown format `{format}`: expected one of human, json, sarif, github, junit")
        })?;
        if path.is_empty() {
            return Err("the PATH of FORMAT=PATH is empty".to_string());
        }
        Ok(OutputArg {
            format,
            path: PathBuf::from(path),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Org files and folders to check (folders: every *.toml with a [unit] table; default:
    /// `paths` of bianzhi.toml, else orgs).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub packs: PackFlags,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write a report in FORMAT to PATH (e.g. `sarif=bianzhi.sarif`); repeatable. Stdout still
    /// gets `--format`.
    #[arg(long, value_name = "FORMAT=PATH")]
    pub output: Vec<OutputArg>,
    /// Treat warnings as errors for the exit code.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    #[command(flatten)]
    pub lang: LangFlag,
    /// Name people by name as well as id in findings (rosters are personal data).
    #[arg(long)]
    pub show_names: bool,
    #[command(flatten)]
    pub baselines: BaselineFlags,
    /// Worker threads (default: all cores; at most four per core, and never above 256).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `--jobs N` as run: at least one thread, at most four per core and 256 in all (a thread per
/// file asked for by mistake would only cost memory and start-up time).
pub fn cap_jobs(n: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    n.clamp(1, (cores * 4).min(256))
}

pub fn run(mut args: CheckArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    // The project file fills in what the command line leaves out.
    let project = crate::cli::project();
    let packs_given = !args.packs.rules.is_empty();
    let paths_given = !args.paths.is_empty();
    args.packs = args.packs.resolved();
    args.paths = crate::cli::input_paths(std::mem::take(&mut args.paths));
    if let Some(p) = project {
        if args.deny.is_none() && p.deny_warnings {
            args.deny = Some(Deny::Warnings);
        }
    }
    if !packs_given && args.packs.rules.is_empty() {
        // No pack named anywhere: a pack of the repository's own would silently not apply.
        for pack in unused_packs() {
            print_stderr(msg::pack_not_in_force(&display_path(&pack)).get(lang));
        }
    }
    if let Some(n) = args.jobs {
        // Only fails when a pool already exists, which a fresh process never has.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(cap_jobs(n))
            .build_global();
    }
    if let Some((sources, errors)) = crate::cli::project_rev_errors(&args.baselines) {
        return project_errors(&args, sources, errors, lang);
    }
    let baselines = args.baselines.clone().resolved();
    let packs = &args.packs.rules;
    if !args.output.is_empty() {
        let inputs = crate::cli::protected_inputs(&args.paths, packs, &args.baselines.baseline);
        let mut refused = false;
        for out in &args.output {
            if let Err(t) = crate::base::fs::refuse_input_as_output(&out.path, &inputs) {
                print_error(&CliError::said(Prefix::Error, &t, lang));
                refused = true;
            }
        }
        if refused {
            return Ok(EXIT_INPUT);
        }
    }
    let app = App {
        packs: packs.clone(),
        show_names: args.show_names,
        keep: Some(lang),
        baselines,
        ..crate::cli::app()
    };
    let mut outcome = app.check(Input::Paths(args.paths.clone()));
    // What the project file names may be anything, a roster too: never quoted unless it is an org
    // file.
    let baselines_given =
        !args.baselines.baseline.is_empty() || args.baselines.baseline_rev.is_some();
    outcome
        .loaded
        .place_only_errors_under(&crate::cli::named_by_project(paths_given, baselines_given));
    let mut run = outcome.run(lang);
    run.setup = Setup::new(project.map(|p| display_path(&p.path)), packs);
    if let Some(shown) = &run.setup.project {
        // Which file set the run up, and with what: a clerk who runs from another folder sees
        // that another project's packs are in force.
        print_stderr(msg::project_in_use(shown, &run.setup.packs.join(", ")).get(lang));
    }
    let deny_warnings = args.deny.is_some();
    let mut write_failed = write_reports(&args, &outcome, &run, lang);
    if let Some(why) = outcome.findings.read_failure() {
        // The report lacks findings: never a silent gap.
        print_error(&CliError::said(
            Prefix::Error,
            &msg::findings_lost(&why),
            lang,
        ));
        write_failed = true;
    }
    let code = if write_failed {
        EXIT_INPUT
    } else {
        exit_code(&run, deny_warnings)
    };
    // The process ends right after: freeing every source and model one by one would only cost
    // time (a few percent of a large run), so leave the memory to the operating system.
    std::mem::forget(outcome);
    Ok(code)
}

/// Writes the reports of a run: each `--output` file, then `--format` on stdout. Whether an
/// output could not be written.
fn write_reports(args: &CheckArgs, outcome: &Outcome, run: &Run<'_>, lang: Lang) -> bool {
    let deny_warnings = args.deny.is_some();
    let mut write_failed = false;
    // Every report is written as it is made: a run with many findings is never held as one
    // string (findings::Emit::write).
    for out in &args.output {
        let emit = findings::Emit {
            format: out.format,
            deny_warnings,
            color: false,
        };
        let written =
            crate::base::fs::write_output_with(&out.path, &mut |w| outcome.write(run, emit, w));
        if let Err(t) = written {
            write_failed = true;
            print_error(&CliError::Write { message: t, lang });
        }
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let emit = findings::Emit {
        format: args.format,
        deny_warnings,
        color,
    };
    // A closed pipe (`bianzhi check | head`) is not an error.
    let _ = match args.format {
        // JSON is written as it is; GitHub's renderer escapes every value (`%0A`, control
        // characters).
        Format::Json | Format::Github => outcome.write(run, emit, &mut std::io::stdout().lock()),
        // SARIF and JUnit are documents: as made on a pipe or a file (`print_document`).
        Format::Sarif | Format::Junit if !std::io::stdout().is_terminal() => {
            outcome.write(run, emit, &mut std::io::stdout().lock())
        }
        // Made safe for a terminal a part at a time, as every human output is.
        _ => {
            let mut out =
                crate::cli::Lines::new(|part| crate::cli::print_stdout_human(part, color));
            outcome
                .write(run, emit, &mut out)
                .and_then(|()| out.flush())
        }
    };
    write_failed
}

/// The project file's input errors, found before any org file is read (a mistake in
/// `bianzhi.toml`, a `[baseline] rev` git does not know): drawn on stderr for people; in a
/// machine format, a whole report on stdout and in every `--output` file, so that a CI step that
/// parses it still gets a valid document. Always exit 2.
pub fn project_errors(
    args: &CheckArgs,
    sources: Sources,
    errors: Vec<InputError>,
    lang: Lang,
) -> Result<u8, CliError> {
    if args.format == Format::Human && args.output.is_empty() {
        return Err(crate::cli::drawn_errors(sources, &errors, lang));
    }
    // The project file itself is an input no output may overwrite, readable or not.
    let mut inputs = crate::cli::protected_inputs(&args.paths, &args.packs.rules, &[]);
    for e in &errors {
        if let Some(f) = e.file {
            inputs.push(PathBuf::from(sources.path(f)));
        }
    }
    for out in &args.output {
        if let Err(t) = crate::base::fs::refuse_input_as_output(&out.path, &inputs) {
            return Err(CliError::said(Prefix::Error, &t, lang));
        }
    }
    let outcome = Outcome {
        loaded: Loaded {
            workspace: Workspace::new(sources, Vec::new()),
            errors,
            files_checked: 0,
        },
        findings: Default::default(),
        rules: Vec::new(),
    };
    let mut run = outcome.run(lang);
    // The project file named is the one in use, or the broken one reported.
    let shown = crate::cli::project()
        .map(|p| display_path(&p.path))
        .or_else(|| {
            outcome
                .loaded
                .errors
                .iter()
                .find_map(|e| e.file)
                .map(|f| outcome.loaded.workspace.sources.path(f).to_string())
        });
    run.setup = Setup::new(
        shown,
        &crate::cli::PackFlags::resolved(args.packs.clone()).rules,
    );
    write_reports(args, &outcome, &run, lang);
    Ok(EXIT_INPUT)
}

/// Rule packs of the repository (`rules/*.toml` with a `[pack]` table) in the working folder: when
/// no pack is named, they would not apply, and saying nothing would hide it. A copy of a built-in
/// pack (its `id` is one) is not one of them.
fn unused_packs() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir("rules") else {
        return Vec::new();
    };
    let mut packs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .filter(|p| {
            let Some(table) = crate::base::fs::read_bytes(p)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|t| t.parse::<toml::Table>().ok())
            else {
                return false;
            };
            let id = table
                .get("pack")
                .and_then(|p| p.get("id"))
                .and_then(|i| i.as_str());
            table.contains_key("pack")
                && !id.is_some_and(|id| pack::EMBEDDED.iter().any(|(e, _, _)| *e == id))
        })
        .collect();
    packs.sort();
    packs
}

/// 2 when any input could not be checked; 1 when a finding is at level error (or warning, when
/// warnings are denied); 0 otherwise.
pub fn exit_code(run: &Run<'_>, deny_warnings: bool) -> u8 {
    if !run.errors.is_empty() {
        return EXIT_INPUT;
    }
    let failing = run.findings.count(Level::Error) > 0
        || (deny_warnings && run.findings.count(Level::Warning) > 0);
    if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
