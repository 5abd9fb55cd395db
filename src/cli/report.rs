//! `bianzhi report PATH…`: the staffing ledger (编制台账) of every unit — approved, actual, vacant
//! and over per body and category, leadership posts, unit totals, a county's limit — as tables,
//! JSON, CSV or an Excel workbook.
//!
//! The numbers come from [`crate::analysis::ledger`]; [`crate::render::ledger`] renders them.

use std::path::PathBuf;

use clap::Args;

use crate::base::i18n::Lang;
use crate::cli::{
    errors_text, print_stderr, print_stdout, stderr_color, LangFlag, PackFlags, EXIT_INPUT, EXIT_OK,
};
use crate::render::ledger::{render, Format, Output, ReportCx};

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

pub fn run(args: ReportArgs) -> u8 {
    let lang = args.lang.resolve();
    if let Some(out) = &args.output {
        let packs = if args.format == Format::Html {
            &args.packs.rules[..]
        } else {
            &[]
        };
        let inputs = crate::base::walk::inputs_of(&args.paths, packs);
        if let Err(t) = crate::base::fs::refuse_input_as_output(out, &inputs) {
            print_stderr(&format!("bianzhi: {}\n", t.get(lang)));
            return EXIT_INPUT;
        }
    }
    if args.format == Format::Html {
        return run_html(&args, lang);
    }
    let crate::app::LedgerOutcome { loaded, ledgers } = crate::app::ledger(&args.paths);
    if !loaded.errors.is_empty() {
        let color = stderr_color();
        crate::cli::print_stderr_human(
            &errors_text(
                &loaded.workspace,
                &loaded.errors,
                loaded.files_checked,
                lang,
                color,
            ),
            color,
        );
    }
    let ws = &loaded.workspace;
    let cx = ReportCx {
        ws,
        ledgers: &ledgers,
        lang,
        show_names: args.show_names,
    };
    let result = render(args.format, &cx, args.output.as_deref()).and_then(|out| match out {
        Output::Text(s) => match &args.output {
            Some(path) => crate::base::fs::write_output(path, s.as_bytes()),
            None => {
                print_stdout(&s);
                Ok(())
            }
        },
        Output::Written => Ok(()),
    });
    match result {
        Err(message) => {
            print_stderr(&format!("bianzhi: {}\n", message.get(lang)));
            EXIT_INPUT
        }
        Ok(()) if !loaded.errors.is_empty() => EXIT_INPUT,
        Ok(()) => EXIT_OK,
    }
}

/// `--format html`: the page checks the files itself, so it shows their findings too.
fn run_html(args: &ReportArgs, lang: Lang) -> u8 {
    let outcome = crate::app::check(&args.paths, &args.packs.rules, false);
    let (page, errors) = crate::render::html::report_html_partial(&outcome, lang);
    let mut code = EXIT_OK;
    if let Some(errors) = errors {
        print_stderr(&errors);
        code = EXIT_INPUT;
    }
    if let Some(page) = page {
        match &args.output {
            Some(path) => {
                if let Err(t) = crate::base::fs::write_output(path, page.as_bytes()) {
                    print_stderr(&format!("bianzhi: {}\n", t.get(lang)));
                    code = EXIT_INPUT;
                }
            }
            None => print_stdout(&page),
        }
    }
    code
}
