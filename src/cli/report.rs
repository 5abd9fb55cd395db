//! `bianzhi report PATH…`: the staffing ledger (编制台账) of every unit — approved, actual, vacant
//! and over per body and category, leadership posts, unit totals, a county's limit — as tables,
//! JSON, CSV or an Excel workbook.
//!
//! The numbers come from [`crate::analysis::ledger`]; [`crate::render::ledger`] renders them.

use std::path::PathBuf;

use clap::Args;

use crate::base::fs::display_path;
use crate::base::i18n::{doc, msg, Lang};
use crate::cli::{
    errors_text, print_error, print_stdout, stderr_color, CliError, LangFlag, PackFlags, Prefix,
    EXIT_INPUT, EXIT_OK,
};
use crate::render::document::DocMeta;
use crate::render::ledger::{EmitError, Format, ReportCx};
use crate::render::Emitter;

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language of headers and labels (default: from LANG/LC_ALL)")))]
#[command(mut_arg("rules", |a| a.help("Rule pack for the findings of the HTML report and the Word document (as for `check`; repeatable)")))]
pub struct ReportArgs {
    /// Org files and folders (folders: every *.toml with a [unit] table; default: `paths` of
    /// bianzhi.toml, else orgs).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write to this file instead of stdout (required for xlsx and docx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub lang: LangFlag,
    /// Put people's names in the roster sheet (rosters are personal data).
    #[arg(long)]
    pub show_names: bool,
    #[command(flatten)]
    pub packs: PackFlags,
    #[command(flatten)]
    pub doc: DocFlags,
}

/// Who issues a document and when: the HTML report, the Word document, the diff's page.
#[derive(Debug, Clone, Default, Args)]
pub struct DocFlags {
    /// The date the document is made, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The office that issues the document, printed under its title (e.g. 某县委编办; default: the
    /// project file's `office`).
    #[arg(long, value_name = "NAME")]
    pub office: Option<String>,
}

impl DocFlags {
    /// The document's date and office: `--date`, else `SOURCE_DATE_EPOCH` (reproducible builds
    /// and tests), else today (UTC).
    pub fn meta(&self, lang: Lang) -> Result<DocMeta, CliError> {
        let date = match &self.date {
            Some(d) => valid_date(d)
                .ok_or_else(|| CliError::said(Prefix::Error, &doc::bad_date(d), lang))?,
            None => {
                let secs = std::env::var("SOURCE_DATE_EPOCH")
                    .ok()
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .unwrap_or_else(|| {
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_secs() as i64)
                    });
                civil_date(secs.div_euclid(86_400))
            }
        };
        Ok(DocMeta {
            lang,
            date: Some(date),
            office: self
                .office
                .as_deref()
                .or_else(|| crate::cli::project().and_then(|p| p.office.as_deref()))
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_string),
        })
    }
}

/// `YYYY-MM-DD` if `s` is a valid date written so.
fn valid_date(s: &str) -> Option<String> {
    let s = s.trim();
    let d: toml::value::Datetime = s.parse().ok()?;
    (d.date.is_some() && d.time.is_none() && s.len() == 10).then(|| s.to_string())
}

/// The date `days` after 1970-01-01 (proleptic Gregorian), `YYYY-MM-DD`.
fn civil_date(days: i64) -> String {
    // Howard Hinnant's days_from_civil, inverted.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

pub fn run(mut args: ReportArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    args.packs = args.packs.resolved();
    let paths_given = !args.paths.is_empty();
    args.paths = crate::cli::input_paths(std::mem::take(&mut args.paths));
    if let Some(p) = crate::cli::project() {
        // The ledger applies no rules; the documents (html, docx) check the files too.
        let packs = if matches!(args.format, Format::Html | Format::Docx) {
            crate::app::Setup::new(None, &args.packs.rules)
                .packs
                .join(", ")
        } else {
            String::new()
        };
        crate::cli::print_stderr(msg::project_in_use(&display_path(&p.path), &packs).get(lang));
    }
    if let Some(out) = &args.output {
        let packs = if matches!(args.format, Format::Html | Format::Docx) {
            &args.packs.rules[..]
        } else {
            &[]
        };
        let inputs = crate::cli::protected_inputs(&args.paths, packs, &[]);
        if let Err(t) = crate::base::fs::refuse_input_as_output(out, &inputs) {
            return Err(CliError::said(Prefix::Error, &t, lang));
        }
    }
    // What the project file names may be a roster: never quoted unless it is an org file.
    let named = crate::cli::named_by_project(paths_given, true);
    if matches!(args.format, Format::Html | Format::Docx) {
        return run_document(&args, &named, lang);
    }
    let crate::app::LedgerOutcome {
        mut loaded,
        ledgers,
    } = crate::cli::app().ledger(crate::app::Input::Paths(args.paths.clone()));
    loaded.place_only_errors_under(&named);
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
        (EmitError::Workbook(e), Some(path)) => CliError::not_made(Some(path), &e, lang),
        (EmitError::Workbook(e), None) => CliError::not_made(None, &e, lang),
        (EmitError::Html, _) => CliError::said(Prefix::Error, &msg::html_report_elsewhere(), lang),
    })?;
    match &args.output {
        Some(path) => crate::base::fs::write_output(path, &bytes)
            .map_err(|message| CliError::Write { message, lang })?,
        None if args.format == Format::Human => print_stdout(&String::from_utf8_lossy(&bytes)),
        None => crate::cli::print_document(&String::from_utf8_lossy(&bytes)),
    }
    Ok(if loaded.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_INPUT
    })
}

/// `--format html` and `docx`: the document checks the files itself, so it shows their findings
/// too.
fn run_document(args: &ReportArgs, named: &[PathBuf], lang: Lang) -> Result<u8, CliError> {
    let meta = args.doc.meta(lang)?;
    if args.format == Format::Docx && args.output.is_none() {
        return Err(CliError::said(
            Prefix::Error,
            &doc::docx_needs_output(),
            lang,
        ));
    }
    let app = crate::app::App {
        packs: args.packs.rules.clone(),
        whole: true,
        ..crate::cli::app()
    };
    let mut outcome = app.check(crate::app::Input::Paths(args.paths.clone()));
    outcome.loaded.place_only_errors_under(named);
    let (bytes, errors) = match args.format {
        Format::Docx => crate::render::docx::report_docx_partial(&outcome, &meta),
        _ => {
            let (page, errors) = crate::render::html::report_html_partial(&outcome, &meta);
            (page.map(|p| Ok(p.into_bytes())), errors)
        }
    };
    let mut code = EXIT_OK;
    if let Some(errors) = errors {
        print_error(&CliError::Drawn {
            text: errors,
            color: false,
        });
        code = EXIT_INPUT;
    }
    if let Some(bytes) = bytes {
        let bytes = bytes.map_err(|e| CliError::not_made(args.output.as_deref(), &e, lang))?;
        match &args.output {
            Some(path) => crate::base::fs::write_output(path, &bytes)
                .map_err(|message| CliError::Write { message, lang })?,
            None => crate::cli::print_document(&String::from_utf8_lossy(&bytes)),
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(-1), "1969-12-31");
        // 2000-02-29 and 2026-12-02.
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_789), "2026-12-02");
    }

    #[test]
    fn dates_are_written_one_way() {
        assert_eq!(valid_date("2026-12-02").as_deref(), Some("2026-12-02"));
        for bad in [
            "2026-13-01",
            "2026-12-2",
            "2026年12月2日",
            "2026-12-02T10:00:00",
            "",
        ] {
            assert_eq!(valid_date(bad), None, "{bad}");
        }
    }
}
