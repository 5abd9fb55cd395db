//! `bianzhi diff BASE NEW`: what a reorganization changes ([`crate::analysis::diff`]), as tables,
//! JSON, an HTML page or a workbook ([`crate::render::diff`]).

use std::path::{Path, PathBuf};

use clap::Args;

use crate::app::Run;

use crate::base::i18n::msg;
use crate::cli::report::DocFlags;
use crate::cli::{
    errors_text, print_stdout, stderr_color, CliError, LangFlag, Prefix, EXIT_INPUT, EXIT_OK,
};
use crate::render::diff::{DiffCx, Format};
use crate::render::document::DocMeta;
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
    /// Write to this file instead of stdout (required for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub doc: DocFlags,
}

/// What a diff run prints: stdout (bytes: a workbook is one), stderr, and the exit code.
pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub code: u8,
}

/// The whole `diff`, without printing; `meta` carries the language, and the date and office the
/// HTML page shows.
pub fn diff_paths(
    base: &Path,
    new: &Path,
    format: Format,
    meta: &DocMeta,
    show_names: bool,
) -> Result<Output, crate::render::package::PackageError> {
    let lang = meta.lang;
    let app = crate::app::App {
        show_names,
        ..crate::cli::app()
    };
    let outcome = app.diff(base, new);
    match (outcome.diff, outcome.chart) {
        (Some(d), Some(chart)) => {
            let stdout = format.emit(&DiffCx {
                diff: &d,
                chart: &chart,
                meta,
            })?;
            Ok(Output {
                stdout,
                stderr: String::new(),
                code: EXIT_OK,
            })
        }
        _ => {
            let ws = Workspace::new(outcome.sources, Vec::new());
            let files_checked = 2;
            let none = Default::default();
            let run = Run {
                ws: &ws,
                findings: &none,
                errors: &outcome.errors,
                files_checked,
                lang,
                setup: Default::default(),
            };
            Ok(match format {
                Format::Json => Output {
                    stdout: findings::json::render(&run).into_bytes(),
                    stderr: String::new(),
                    code: EXIT_INPUT,
                },
                Format::Human | Format::Html | Format::Xlsx => Output {
                    stdout: Vec::new(),
                    stderr: errors_text(&ws, &outcome.errors, files_checked, lang, stderr_color()),
                    code: EXIT_INPUT,
                },
            })
        }
    }
}

pub fn run(args: DiffArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    let meta = args.doc.meta(lang)?;
    if let Some(out) = &args.output {
        let inputs = [args.base.clone(), args.new.clone()];
        if let Err(t) = crate::base::fs::refuse_input_as_output(out, &inputs) {
            return Err(CliError::said(Prefix::Error, &t, lang));
        }
    } else if args.format == Format::Xlsx {
        return Err(CliError::said(
            Prefix::Error,
            &msg::xlsx_needs_output(),
            lang,
        ));
    }
    let out = diff_paths(&args.base, &args.new, args.format, &meta, args.show_names)
        .map_err(|e| CliError::not_made(args.output.as_deref(), &e, lang))?;
    match &args.output {
        Some(path) if !out.stdout.is_empty() => crate::base::fs::write_output(path, &out.stdout)
            .map_err(|message| CliError::Write { message, lang })?,
        Some(_) => {}
        None if args.format == Format::Human => print_stdout(&String::from_utf8_lossy(&out.stdout)),
        None => crate::cli::print_document(&String::from_utf8_lossy(&out.stdout)),
    }
    if !out.stderr.is_empty() {
        return Err(CliError::Drawn {
            text: out.stderr,
            color: stderr_color(),
        });
    }
    Ok(out.code)
}
