//! `bianzhi diff BASE NEW`: what a reorganization changes ([`crate::analysis::diff`]), as tables
//! or JSON ([`crate::render::diff`]).

use std::path::{Path, PathBuf};

use clap::Args;

use crate::app::Run;
use crate::base::i18n::Lang;
use crate::cli::{
    errors_text, print_stdout, stderr_color, CliError, LangFlag, EXIT_INPUT, EXIT_OK,
};
use crate::render::diff::Format;
use crate::render::findings::{self};
use crate::render::Emitter;
use crate::workspace::Workspace;

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language of the output (default: from LANG/LC_ALL)")))]
pub struct DiffArgs {
    /// The baseline: the org file as it is (or was).
    pub base: PathBuf,
    /// The new org file: usually the reorganization plan.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub lang: LangFlag,
    /// Name people by name as well as id (rosters are personal data).
    #[arg(long)]
    pub show_names: bool,
}

/// What a diff run prints: stdout, stderr, and the exit code.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

/// The whole `diff`, without printing.
pub fn diff_paths(base: &Path, new: &Path, format: Format, lang: Lang, show_names: bool) -> Output {
    let outcome = crate::app::diff(base, new, show_names);
    match outcome.diff {
        Some(d) => {
            let stdout = format.emit((&d, lang));
            Output {
                stdout,
                stderr: String::new(),
                code: EXIT_OK,
            }
        }
        None => {
            let ws = Workspace::new(outcome.sources, Vec::new());
            let files_checked = 2;
            let run = Run {
                ws: &ws,
                findings: &[],
                errors: &outcome.errors,
                files_checked,
                lang,
            };
            match format {
                Format::Json => Output {
                    stdout: findings::json::render(&run),
                    stderr: String::new(),
                    code: EXIT_INPUT,
                },
                Format::Human => Output {
                    stdout: String::new(),
                    stderr: errors_text(&ws, &outcome.errors, files_checked, lang, stderr_color()),
                    code: EXIT_INPUT,
                },
            }
        }
    }
}

pub fn run(args: DiffArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    let out = diff_paths(&args.base, &args.new, args.format, lang, args.show_names);
    print_stdout(&out.stdout);
    if !out.stderr.is_empty() {
        return Err(CliError::Drawn {
            text: out.stderr,
            color: stderr_color(),
        });
    }
    Ok(out.code)
}
