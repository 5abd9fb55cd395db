//! The command line: one file per subcommand. `main.rs` only maps the outcome to an exit code.

pub mod chart;
pub mod check;
pub mod diff;
pub mod explain;
pub mod formats;
pub mod import;
pub mod init;
pub mod report;
pub mod rules;
pub mod schema;
pub mod test;

use std::io::{IsTerminal, Write};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::Run;
use crate::base::diag::InputError;
use std::path::PathBuf;

use crate::base::i18n::{cli_help, msg, Lang, Text};
use crate::load::project::Project;
use crate::render::findings::human;
use crate::workspace::Workspace;

/// Exit codes (CLI.md).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "bianzhi",
    version,
    about = "Check org charts and staffing quotas (机构编制) against the rules",
    long_about = "bianzhi checks org charts and staffing quotas (机构编制) written as TOML against a \
                  rule pack (default: jiangsu-2017, the 2017 Jiangsu opinions on economically \
                  developed towns) and reports every finding with its place in the file.\n\n\
                  Exit codes: 0 no errors; 1 findings at level error (or warning under \
                  --deny warnings); 2 the input could not be checked."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The largest input file read (org files, packs, rosters, expectations): bytes, or with K, M
    /// or G. Default 64M.
    #[arg(long, global = true, value_name = "SIZE", value_parser = crate::base::fs::parse_size)]
    pub max_file_size: Option<u64>,
    /// Language of the help and of the command's output, given before the command
    /// (`bianzhi --lang zh --help`); after the command, its own `--lang` says the same.
    #[arg(long = "lang", id = "root_lang", value_name = "LANG", value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check org files and folders against the rule pack.
    Check(check::CheckArgs),
    /// What a reorganization changes: bodies merged and abolished, quota and headcount deltas.
    Diff(diff::DiffArgs),
    /// Show a rule's documentation: what it checks, why (the clause), examples, parameters.
    Explain(explain::ExplainArgs),
    /// List the rules in force: code, name, level, parameters, citation.
    Rules(rules::RulesArgs),
    /// Test rule packs: each `NAME.toml` org file against its `NAME.expect.toml` expectation.
    Test(test::TestArgs),
    /// Create a new org-chart repository: an example town, a pack, tests, a CI workflow.
    Init(init::InitArgs),
    /// Draw the org chart of one org file as SVG, DOT or Mermaid, findings marked.
    Chart(chart::ChartArgs),
    /// JSON Schema of the org file (or, with --pack, the rule pack) for editor completion.
    Schema(schema::SchemaArgs),
    /// The staffing ledger (编制台账): approved, actual, vacant and over per body and category.
    Report(report::ReportArgs),
    /// Import a roster (xlsx or csv) into an org file's [[person]] entries.
    Import(import::ImportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl LangArg {
    /// The language: the option if given, else the project file's `lang`, else from
    /// `LC_ALL`/`LANG`.
    pub fn resolve(arg: Option<LangArg>) -> Lang {
        match arg {
            Some(LangArg::Zh) => Lang::Zh,
            Some(LangArg::En) => Lang::En,
            None => project()
                .and_then(|p| p.lang)
                .unwrap_or_else(Lang::from_env),
        }
    }
}

/// The project file of this run (`bianzhi.toml` found upward from the working folder), read once
/// by [`run`] before the subcommand.
static PROJECT: std::sync::OnceLock<Option<Project>> = std::sync::OnceLock::new();

/// The library's setup of this run, as far as the command line and the project file make it:
/// each subcommand fills in the rest.
pub fn app() -> crate::app::App {
    crate::app::App {
        project: project().cloned(),
        // As `run` set it from `--max-file-size`.
        max_file_size: Some(crate::base::fs::max_file_size()),
        ..crate::app::App::default()
    }
}

/// The project file of this run, if there is one.
pub fn project() -> Option<&'static Project> {
    PROJECT.get().and_then(Option::as_ref)
}

/// What no output may overwrite: the org files found under `paths`, the packs, the baseline
/// files and the project file in use (with its own `[baseline] files`). A report written over
/// any of them would destroy what the user wrote.
pub fn protected_inputs(
    paths: &[PathBuf],
    packs: &[String],
    baselines: &[PathBuf],
) -> Vec<PathBuf> {
    let mut inputs = crate::base::walk::inputs_of(paths, packs);
    inputs.extend(baselines.iter().cloned());
    if let Some(p) = project() {
        inputs.push(p.path.clone());
        inputs.extend(p.baseline_files.iter().cloned());
    }
    inputs
}

/// The org files and folders to read: those named on the command line, else the project file's
/// `paths`, else `orgs`.
pub fn input_paths(given: Vec<PathBuf>) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given;
    }
    match project() {
        Some(p) if !p.paths.is_empty() => p.paths.clone(),
        _ => vec![PathBuf::from("orgs")],
    }
}

/// What the project file names and the run reads: its `paths` when the command line gave none, its
/// `[baseline] files` when no baseline flag was given. Errors in these files are given by place
/// only unless they are org files ([`crate::workspace::Loaded::place_only_errors_under`]): the
/// file may name a roster.
pub fn named_by_project(paths_given: bool, baselines_given: bool) -> Vec<PathBuf> {
    let Some(p) = project() else {
        return Vec::new();
    };
    let mut named = Vec::new();
    if !paths_given {
        named.extend(p.paths.iter().cloned());
    }
    if !baselines_given {
        named.extend(p.baseline_files.iter().cloned());
    }
    named
}

/// `--lang`, declared once for every subcommand that writes words. A subcommand whose help says
/// more about what the language changes rewords it with `mut_arg`.
#[derive(Debug, Clone, Copy, Args)]
pub struct LangFlag {
    /// Language of messages (default: from LANG/LC_ALL).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

impl LangFlag {
    /// The language: the option if given, else from `LC_ALL`/`LANG`.
    pub fn resolve(self) -> Lang {
        LangArg::resolve(self.lang)
    }
}

/// `--rules PACK`, declared once for every subcommand that loads rule packs.
#[derive(Debug, Clone, Args)]
pub struct PackFlags {
    /// Rule pack: a built-in id (national, jiangsu-2017) or a pack file; repeat to layer packs
    /// (default: `rules` of bianzhi.toml, else jiangsu-2017).
    #[arg(long = "rules", value_name = "PACK")]
    pub rules: Vec<String>,
}

impl PackFlags {
    /// The packs of the run: `--rules` when given, else the project file's `rules` (empty: the
    /// default pack).
    pub fn resolved(mut self) -> Self {
        if self.rules.is_empty() {
            if let Some(p) = project() {
                self.rules = p.rules.clone();
            }
        }
        self
    }
}

/// `--baseline FILE` and `--baseline-rev REV`, declared once for every subcommand that compares a
/// plan with its baseline (`check`, `chart`).
#[derive(Debug, Clone, Args)]
pub struct BaselineFlags {
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
}

impl BaselineFlags {
    /// The baselines of the run: the flags when given, else the project file's `[baseline]`.
    pub fn resolved(self) -> crate::workspace::BaselineSource {
        let (mut files, mut rev, mut rev_from) = (self.baseline, self.baseline_rev, None);
        if files.is_empty() && rev.is_none() {
            if let Some(p) = project() {
                files = p.baseline_files.clone();
                rev = p.baseline_rev.clone();
                rev_from = rev
                    .is_some()
                    .then(|| crate::base::fs::display_path(&p.path));
            }
        }
        crate::workspace::BaselineSource {
            files,
            rev,
            rev_from,
        }
    }
}

/// Runs the command line and returns the exit code: a subcommand's error is printed here, by
/// [`print_error`], and exits with [`EXIT_INPUT`].
/// Under a file-size limit (`ulimit -f`), a write past it raises SIGXFSZ, whose default action
/// kills the process (exit 153) with nothing said. Ignored, the write fails with EFBIG instead,
/// which every writer handles: the spill keeps its findings in memory, an output names its file.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN at start-up, before any thread is spawned.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

pub fn main() -> u8 {
    ignore_file_size_signal();
    // Before any other thread: they inherit the blocked signals.
    crate::base::fs::remove_temporaries_on_signal();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = lang_of_args(&args);
    let parsed = localized_command(lang)
        .try_get_matches_from(&args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            match (lang, e.use_stderr()) {
                (Lang::Zh, true) => print_stderr(&usage_error_zh(&e)),
                _ => {
                    let _ = e.print();
                }
            }
            return if e.use_stderr() { EXIT_INPUT } else { EXIT_OK };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            print_error(&e);
            EXIT_INPUT
        }
    }
}

/// A mistake on the command line in Chinese: clap writes its own errors in English only. What
/// was typed is quoted as it was; the usage line and the way to the help follow.
fn usage_error_zh(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let (arg, value) = (ctx(ContextKind::InvalidArg), ctx(ContextKind::InvalidValue));
    let sentence = match e.kind() {
        ErrorKind::UnknownArgument => cli_help::unknown_argument(&arg),
        ErrorKind::InvalidSubcommand => {
            cli_help::unknown_command(&ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            cli_help::invalid_value(&value, &arg, &ctx(ContextKind::ValidValue))
        }
        ErrorKind::MissingRequiredArgument => cli_help::missing_argument(&arg),
        ErrorKind::ArgumentConflict => cli_help::conflict(&arg, &ctx(ContextKind::PriorArg)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            cli_help::missing_command()
        }
        _ => cli_help::other_usage_error(),
    };
    let mut out = format!("{}{sentence}\n", msg::error_word().get(Lang::Zh));
    let suggested = match ctx(ContextKind::SuggestedArg) {
        s if s.is_empty() => ctx(ContextKind::SuggestedSubcommand),
        s => s,
    };
    // Several candidates come best last.
    if let Some(best) = suggested.rsplit(", ").next().filter(|s| !s.is_empty()) {
        out.push_str(&format!("{}\n", msg::did_you_mean(best).get(Lang::Zh)));
    }
    out.push_str(cli_help::see_help());
    out
}

/// The language a command line asks for before it is parsed (its help is written in it): the
/// value of `--lang`, else the environment's.
pub fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next(),
            Some(rest) => rest.strip_prefix('='),
            None => continue,
        };
        match value {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// The command line's clap command with its help in `lang`. English is the declarations' own doc
/// comments; Chinese takes every about and help from [`cli_help`], and writes clap's own labels
/// (usage, headings, possible and default values) in Chinese too.
pub fn localized_command(lang: Lang) -> clap::Command {
    let cmd = <Cli as clap::CommandFactory>::command();
    match lang {
        Lang::En => cmd,
        Lang::Zh => localize(cmd, ""),
    }
}

fn localize(mut cmd: clap::Command, name: &str) -> clap::Command {
    use clap::{Arg, ArgAction};
    if let Some(about) = cli_help::zh(name) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}\n",
            cli_help::USAGE
        ))
        .subcommand_help_heading(cli_help::COMMANDS)
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(cli_help::zh("help"))
                .help_heading(cli_help::OPTIONS),
        );
    if name.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(cli_help::zh(".version"))
                .help_heading(cli_help::OPTIONS),
        );
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |a| localize_arg(a, name));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        cmd = cmd.mut_subcommand(&s, |sc| localize(sc, &s));
    }
    cmd
}

fn localize_arg(a: clap::Arg, command: &str) -> clap::Arg {
    let id = a.get_id().to_string();
    let mut help = cli_help::zh(&format!("{command}.{id}"))
        .map(str::to_string)
        .or_else(|| a.get_help().map(|h| h.to_string()))
        .unwrap_or_default();
    let mut notes = Vec::new();
    let takes_values = a.get_action().takes_values();
    if takes_values {
        let values: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| {
                let n = v.get_name();
                match cli_help::zh(&format!("{command}.{id}={n}")) {
                    Some(h) => format!("`{n}`（{h}）"),
                    None => format!("`{n}`"),
                }
            })
            .collect();
        if !values.is_empty() {
            notes.push(cli_help::values(&values.join("；")));
        }
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| format!("`{}`", v.to_string_lossy()))
            .collect();
        if !defaults.is_empty() {
            notes.push(cli_help::default_value(&defaults.join("、")));
        }
    }
    if !notes.is_empty() {
        help = format!("{help}（{}）", notes.join("；"));
    }
    let heading = if a.is_positional() {
        cli_help::ARGUMENTS
    } else {
        cli_help::OPTIONS
    };
    let a = a.help(help).long_help(None).help_heading(heading);
    if takes_values {
        a.hide_possible_values(true).hide_default_value(true)
    } else {
        a
    }
}

/// Runs one parsed command line: the exit code, or the error that ended it.
pub fn run(mut cli: Cli) -> Result<u8, CliError> {
    if let Some(limit) = cli.max_file_size {
        crate::base::fs::set_max_file_size(limit);
    }
    // `--lang` before the command counts for it unless the command has its own.
    let inherit = |flag: &mut LangFlag| flag.lang = flag.lang.or(cli.lang);
    match &mut cli.command {
        Command::Check(a) => inherit(&mut a.lang),
        Command::Diff(a) => inherit(&mut a.lang),
        Command::Explain(a) => inherit(&mut a.lang),
        Command::Rules(a) => inherit(&mut a.lang),
        Command::Test(a) => inherit(&mut a.lang),
        Command::Init(a) => inherit(&mut a.lang),
        Command::Chart(a) => inherit(&mut a.lang),
        Command::Report(a) => inherit(&mut a.lang),
        Command::Import(a) => inherit(&mut a.lang),
        Command::Schema(_) => {}
    }
    // `init` writes a project file and `schema` describes one: neither reads it.
    if !matches!(cli.command, Command::Init(_) | Command::Schema(_)) {
        if let Err((sources, errors)) = read_project() {
            let lang = match cli.command.lang() {
                Some(l) => LangArg::resolve(Some(l)),
                None => Lang::from_env(),
            };
            return match &cli.command {
                // A CI step that parses the report still gets one.
                Command::Check(a) => check::project_errors(a, sources, errors, lang),
                _ => Err(drawn_errors(sources, &errors, lang)),
            };
        }
    }
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Test(args) => test::run(args),
        Command::Init(args) => init::run(args),
        Command::Chart(args) => chart::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Report(args) => report::run(args),
        Command::Import(args) => import::run(args),
    }
}

/// Finds and reads the project file into [`PROJECT`]. Its errors are input errors (exit 2), given
/// back with the file's source to be reported in the run's format and in `--lang` or the
/// environment's language (the file's own `lang` is not trusted while it is broken).
fn read_project() -> Result<(), (crate::base::source::Sources, Vec<InputError>)> {
    let Ok(cwd) = std::env::current_dir() else {
        let _ = PROJECT.set(None);
        return Ok(());
    };
    let p = crate::app::project(&cwd)?;
    let _ = PROJECT.set(p);
    Ok(())
}

/// Input errors found before any org file was read (the project file's), drawn for people on
/// stderr.
pub fn drawn_errors(
    sources: crate::base::source::Sources,
    errors: &[InputError],
    lang: Lang,
) -> CliError {
    let ws = Workspace::new(sources, Vec::new());
    let color = stderr_color();
    let text = errors_text(&ws, errors, 1, lang, color);
    CliError::Drawn { text, color }
}

/// The project file's `[baseline] rev` when it is the run's baseline (no `--baseline` or
/// `--baseline-rev` given) and git does not know it: the one input error that says so, at its
/// place in the project file ([`crate::app::project_rev_errors`]).
pub fn project_rev_errors(
    flags: &BaselineFlags,
) -> Option<(crate::base::source::Sources, Vec<InputError>)> {
    if !flags.baseline.is_empty() || flags.baseline_rev.is_some() {
        return None;
    }
    crate::app::project_rev_errors(project()?)
}

impl Command {
    /// The `--lang` given to the subcommand, if it takes one.
    fn lang(&self) -> Option<LangArg> {
        match self {
            Command::Check(a) => a.lang.lang,
            Command::Diff(a) => a.lang.lang,
            Command::Explain(a) => a.lang.lang,
            Command::Rules(a) => a.lang.lang,
            Command::Test(a) => a.lang.lang,
            Command::Init(a) => a.lang.lang,
            Command::Chart(a) => a.lang.lang,
            Command::Report(a) => a.lang.lang,
            Command::Import(a) => a.lang.lang,
            Command::Schema(_) => None,
        }
    }
}

/// An error of a subcommand, printed by [`print_error`] alone: by [`main`] when it ends the run,
/// by the subcommand itself when it goes on (`check --output`, input errors before a report).
#[derive(Debug)]
pub enum CliError {
    /// A file could not be written ([`crate::base::fs::write_output`]'s words): the same prefix in
    /// every subcommand.
    Write { message: Text, lang: Lang },
    /// A sentence in the run's language after its prefix.
    Said {
        prefix: Prefix,
        message: String,
        lang: Lang,
    },
    /// A report already drawn (input errors as `check` draws them), printed as it is; `color`:
    /// its colour sequences are kept.
    Drawn { text: String, color: bool },
}

/// The word before an error's sentence: the same in every subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// "error: " or "错误：".
    Error,
    /// Nothing: the sentence says it all.
    None,
}

impl Prefix {
    fn word(self) -> Text {
        match self {
            Prefix::Error => msg::error_word(),
            Prefix::None => Text::default(),
        }
    }
}

impl CliError {
    /// A sentence after `prefix`, in `lang`.
    pub fn said(prefix: Prefix, message: &Text, lang: Lang) -> Self {
        CliError::Said {
            prefix,
            message: message.get(lang).to_string(),
            lang,
        }
    }

    /// A document that could not be made (a Word document or workbook whose package failed): a
    /// write error naming `output` and the part that failed when it was going to a file, else the
    /// part and the library's words.
    pub fn not_made(
        output: Option<&std::path::Path>,
        error: &crate::render::package::PackageError,
        lang: Lang,
    ) -> Self {
        match output {
            Some(path) => CliError::Write {
                message: error.text(&crate::base::fs::display_path(path)),
                lang,
            },
            None => CliError::said(Prefix::Error, &Text::same(error.to_string()), lang),
        }
    }
}

/// Prints an error on stderr: the one way every subcommand shows one.
pub fn print_error(e: &CliError) {
    match e {
        CliError::Drawn { text, color } => print_stderr_human(text, *color),
        _ => print_stderr(&error_text(e)),
    }
}

/// The text of an error as [`print_error`] prints it (before terminal escaping).
pub fn error_text(e: &CliError) -> String {
    match e {
        CliError::Write { message, lang } => format!(
            "{}{}\n",
            Prefix::Error.word().get(*lang),
            message.get(*lang)
        ),
        CliError::Said {
            prefix,
            message,
            lang,
        } => format!("{}{message}\n", prefix.word().get(*lang)),
        CliError::Drawn { text, .. } => text.clone(),
    }
}

/// Input errors drawn for people, as `check` draws them: the one way every subcommand shows them.
pub fn errors_text(
    ws: &Workspace,
    errors: &[InputError],
    files_checked: usize,
    lang: Lang,
    color: bool,
) -> String {
    let none = Default::default();
    let run = Run {
        ws,
        findings: &none,
        errors,
        files_checked,
        lang,
        setup: Default::default(),
    };
    human::render(&run, human::Style { color, width: 100 })
}

/// Whether stderr takes colour: a terminal, and `NO_COLOR` unset.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Writes to stdout; a closed pipe (`bianzhi check | head`) is not an error. Control characters
/// from files never reach the terminal raw, and no line can pass for a GitHub workflow command
/// ([`crate::base::safe_text::terminal`]).
pub fn print_stdout(s: &str) {
    print_stdout_raw(&crate::base::safe_text::terminal(s));
}

/// Writes a document a program reads (JSON, SARIF, JUnit, CSV, SVG, HTML …): made safe only on a
/// terminal, where a person reads it. On a pipe or a file it goes as the renderer made it, byte for
/// byte what `-o FILE` writes: a terminal's escapes would break its syntax (`#\[` is no JSON
/// escape, `<U+202E>` no XML).
pub fn print_document(s: &str) {
    if std::io::stdout().is_terminal() {
        print_stdout(s);
    } else {
        print_stdout_raw(s);
    }
}

/// Writes to stderr, ignoring a closed pipe; made safe as [`print_stdout`] is.
pub fn print_stderr(s: &str) {
    print_stderr_raw(&crate::base::safe_text::terminal(s));
}

/// Writes a human report drawn with `color`: its colour sequences kept, nothing else raw.
pub fn print_stdout_human(s: &str, color: bool) {
    if color {
        print_stdout_raw(&crate::base::safe_text::terminal_styled(s));
    } else {
        print_stdout(s);
    }
}

/// [`print_stdout_human`] on stderr.
pub fn print_stderr_human(s: &str, color: bool) {
    if color {
        print_stderr_raw(&crate::base::safe_text::terminal_styled(s));
    } else {
        print_stderr(s);
    }
}

/// A report written as it is made, handed to `print` in whole lines about 64 KiB at a time: so
/// that each part can be made safe for a terminal ([`print_stdout_human`]) on its own.
pub struct Lines<F: FnMut(&str)> {
    buf: Vec<u8>,
    print: F,
}

impl<F: FnMut(&str)> Lines<F> {
    pub fn new(print: F) -> Self {
        Lines {
            buf: Vec::new(),
            print,
        }
    }
}

impl<F: FnMut(&str)> Write for Lines<F> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= 1 << 16 {
            if let Some(end) = self.buf.iter().rposition(|&b| b == b'\n') {
                let rest = self.buf.split_off(end + 1);
                (self.print)(&String::from_utf8_lossy(&self.buf));
                self.buf = rest;
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            (self.print)(&String::from_utf8_lossy(&self.buf));
            self.buf.clear();
        }
        Ok(())
    }
}

/// Writes to stdout as is: only for output escaped by its own renderer (`--format github`).
pub fn print_stdout_raw(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes()).and_then(|_| out.flush());
}

fn print_stderr_raw(s: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(s.as_bytes()).and_then(|_| err.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report written in pieces reaches `print` whole, in parts that end at a line's end (so
    /// that a multi-byte character or an escape sequence is never cut).
    #[test]
    fn lines_hands_over_whole_lines() {
        let text: String = (0..20_000)
            .map(|i| format!("第 {i} 行：超编 BZ101\n"))
            .collect();
        let mut parts = Vec::new();
        let mut out = Lines::new(|p: &str| parts.push(p.to_string()));
        for piece in text.as_bytes().chunks(777) {
            out.write_all(piece).unwrap();
        }
        out.flush().unwrap();
        drop(out);
        assert!(parts.len() > 3, "{}", parts.len());
        assert!(parts.iter().all(|p| p.ends_with('\n')));
        assert_eq!(parts.concat(), text);
    }

    /// Every subcommand's failed write reads the same: `write_output`'s words after one prefix
    /// per language.
    #[test]
    fn cannot_write_has_one_wording() {
        let message = crate::base::i18n::common::cannot_write("out.csv", &"denied");
        let en = CliError::Write {
            message: message.clone(),
            lang: Lang::En,
        };
        let zh = CliError::Write {
            message,
            lang: Lang::Zh,
        };
        assert_eq!(error_text(&en), "error: cannot write out.csv: denied\n");
        assert_eq!(error_text(&zh), "错误：无法写入 out.csv：denied\n");
    }

    /// A document that could not be made names the file and the part of its package that failed,
    /// in the run's language.
    #[test]
    fn a_document_not_made_names_the_file_and_the_part() {
        use crate::render::package::{PackageError, Part};
        let e = PackageError {
            part: Some(Part::Entry("word/document.xml".into())),
            reason: "i/o error: no storage space".into(),
        };
        let out = std::path::Path::new("out/意见.docx");
        assert_eq!(
            error_text(&CliError::not_made(Some(out), &e, Lang::En)),
            "error: cannot write out/意见.docx: the part word/document.xml of the package failed: i/o error: no storage space\n"
        );
        assert_eq!(
            error_text(&CliError::not_made(Some(out), &e, Lang::Zh)),
            "错误：无法写入 out/意见.docx：包内部件 word/document.xml 出错：i/o error: no storage space\n"
        );
        let sheet = PackageError {
            part: Some(Part::Sheet("汇总".into())),
            reason: "Worksheet name '汇总' has already been used".into(),
        };
        assert_eq!(
            error_text(&CliError::not_made(Some(std::path::Path::new("台账.xlsx")), &sheet, Lang::Zh)),
            "错误：无法写入 台账.xlsx：工作表 汇总 出错：Worksheet name '汇总' has already been used\n"
        );
    }

    #[test]
    fn the_chinese_command_line_is_valid_and_has_no_english_help() {
        let mut cmd = localized_command(Lang::Zh);
        cmd.build();
        // Every subcommand and option of the English declarations has its Chinese help.
        let en = <Cli as clap::CommandFactory>::command();
        let mut keys = vec![String::new()];
        keys.extend(en.get_arguments().map(|a| format!(".{}", a.get_id())));
        for sub in en.get_subcommands() {
            let name = sub.get_name();
            keys.push(name.to_string());
            keys.extend(
                sub.get_arguments()
                    .map(|a| format!("{name}.{}", a.get_id())),
            );
        }
        let missing: Vec<&String> = keys.iter().filter(|k| cli_help::zh(k).is_none()).collect();
        assert!(missing.is_empty(), "no Chinese help for {missing:?}");
    }

    #[test]
    fn every_error_has_one_prefix_per_language() {
        let t = Text::new("x", "乙");
        assert_eq!(
            error_text(&CliError::said(Prefix::Error, &t, Lang::Zh)),
            "错误：乙\n"
        );
        assert_eq!(
            error_text(&CliError::said(Prefix::Error, &t, Lang::En)),
            "error: x\n"
        );
        assert_eq!(
            error_text(&CliError::said(Prefix::None, &t, Lang::En)),
            "x\n"
        );
    }
}
