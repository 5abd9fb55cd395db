//! `bianzhi report PATH…`: the staffing ledger (编制台账) of every unit — approved, actual, vacant
//! and over per body and category, leadership posts, unit totals, a county's limit — as tables,
//! JSON, CSV or an Excel workbook.
//!
//! The numbers come from [`crate::analysis::ledger`]; [`crate::render::ledger`] renders them.

use std::path::PathBuf;

use clap::Args;

use crate::base::fs::display_path;
use crate::base::i18n::{common, msg, Lang, Text};
use crate::cli::{
    errors_text, print_error, print_stdout, stderr_color, CliError, LangFlag, PackFlags, Prefix,
    EXIT_INPUT, EXIT_OK,
};
use crate::render::ledger::{EmitError, Format, ReportCx};
use crate::render::Emitter;

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language of headers and labels (default: from LANG/LC_ALL)")))]
#[command(mut_arg("rules", |a| a.help("Rule pack for the findings of the HTML report (as for `check`; repeatable)")))]
pub struct ReportArgs {
    /// Org files and folders (folders: every *.toml with a [unit] table).
    #[arg(default_value = "orgs")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write to this file instead of stdout (required for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub lang: LangFlag,
    /// Put people's names in the roster sheet (rosters are personal data).
    #[arg(long)]
    pub show_names: bool,
    #[command(flatten)]
    pub packs: PackFlags,
}

pub fn run(args: ReportArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    if let Some(out) = &args.output {
        let packs = if args.format == Format::Html {
            &args.packs.rules[..]
        } else {
            &[]
        };
        let inputs = crate::base::walk::inputs_of(&args.paths, packs);
        if let Err(t) = crate::base::fs::refuse_input_as_output(out, &inputs) {
            return Err(CliError::said(Prefix::Error, &t, lang));
        }
    }
    if args.format == Format::Html {
        return run_html(&args, lang);
    }
    let crate::app::LedgerOutcome { loaded, ledgers } = crate::app::ledger(&args.paths);
    if !loaded.errors.is_empty() {
        let color = stderr_color();
        print_error(&CliError::Drawn {
            text: errors_text(
                &loaded.workspace,
                &loaded.errors,
                loaded.files_checked,
                lang,
                color,
            ),
            color,
        });
    }
    // Only after the input errors: a run with both reports both.
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(CliError::said(
            Prefix::Error,
            &msg::xlsx_needs_output(),
            lang,
        ));
    }
    let ws = &loaded.workspace;
    let cx = ReportCx {
        ws,
        ledgers: &ledgers,
        lang,
        show_names: args.show_names,
    };
    let bytes = args.format.emit(&cx).map_err(|e| match (e, &args.output) {
        (EmitError::Workbook(e), Some(path)) => CliError::Write {
            message: common::cannot_write(&display_path(path), &e),
            lang,
        },
        (EmitError::Workbook(e), None) => CliError::said(Prefix::Error, &Text::same(e), lang),
        (EmitError::Html, _) => CliError::said(Prefix::Error, &msg::html_report_elsewhere(), lang),
    })?;
    match &args.output {
        Some(path) => crate::base::fs::write_output(path, &bytes)
            .map_err(|message| CliError::Write { message, lang })?,
        None => print_stdout(&String::from_utf8_lossy(&bytes)),
    }
    Ok(if loaded.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_INPUT
    })
}

/// `--format html`: the page checks the files itself, so it shows their findings too.
fn run_html(args: &ReportArgs, lang: Lang) -> Result<u8, CliError> {
    let outcome = crate::app::check(&args.paths, &args.packs.rules, false);
    let (page, errors) = crate::render::html::report_html_partial(&outcome, lang);
    let mut code = EXIT_OK;
    if let Some(errors) = errors {
        print_error(&CliError::Drawn {
            text: errors,
            color: false,
        });
        code = EXIT_INPUT;
    }
    if let Some(page) = page {
        match &args.output {
            Some(path) => crate::base::fs::write_output(path, page.as_bytes())
                .map_err(|message| CliError::Write { message, lang })?,
            None => print_stdout(&page),
        }
    }
    Ok(code)
}
