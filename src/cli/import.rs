//! `bianzhi import FILE.xlsx|FILE.csv --into ORG.toml`: bring a roster exported from a real-name
//! staffing system into an org file's `[[person]]` entries. The work is in [`crate::import`].

use std::path::PathBuf;

use clap::Args;

use crate::app::{ImportFailure, ImportRequest};
use crate::base::fs::display_path;
use crate::base::i18n::msg;
use crate::cli::rules::pack_errors;
use crate::cli::{print_stderr, print_stdout, CliError, LangFlag, Prefix, EXIT_OK};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The roster: a workbook (.xlsx, .xls, .ods) or a .csv file (UTF-8 or GBK/GB18030).
    pub file: PathBuf,
    /// The org file whose [[person]] entries receive the roster.
    #[arg(long, value_name = "ORG.toml")]
    pub into: PathBuf,
    /// Map another column header to a person key, e.g. --map "工号=id" (repeatable).
    #[arg(long = "map", value_name = "COLUMN=KEY")]
    pub map: Vec<String>,
    /// The workbook sheet to read (default: the sheet named after the unit id, else the first
    /// sheet with a roster header row).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Import the good rows even when some rows cannot be mapped (those are skipped).
    #[arg(long)]
    pub force: bool,
    /// Remove persons of the org file that are not in the roster (default: keep them).
    #[arg(long)]
    pub replace: bool,
    /// Write the org file. Without it, import is a dry run: it shows what would change and
    /// writes nothing.
    #[arg(long, conflicts_with = "dry_run")]
    pub write: bool,
    /// Show what would change without writing the org file (the default; kept for scripts).
    #[arg(long)]
    pub dry_run: bool,
    /// Name people by name as well as id in the list of changes (rosters are personal data).
    #[arg(long)]
    pub show_names: bool,
    #[command(flatten)]
    pub lang: LangFlag,
}

pub fn run(args: ImportArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    let request = ImportRequest {
        file: &args.file,
        into: &args.into,
        map: &args.map,
        sheet: args.sheet.as_deref(),
        force: args.force,
        replace: args.replace,
    };
    // Held from the read to the write: a second import into the same file waits, then reads what
    // this one wrote, so neither update is lost.
    let _lock = if args.write {
        Some(
            crate::base::fs::lock_for_update(&args.into)
                .map_err(|message| CliError::Write { message, lang })?,
        )
    } else {
        None
    };
    let report = match crate::cli::app().import_roster(&request, lang) {
        Ok(r) => r,
        Err(ImportFailure::Message(m)) => return Err(CliError::said(Prefix::Error, &m, lang)),
        Err(ImportFailure::Rows { rows, importable }) => {
            let mut s: String = rows.iter().map(|r| format!("{r}\n")).collect();
            s.push_str(msg::import_fix_rows(importable).get(lang));
            return Err(CliError::Said {
                prefix: Prefix::None,
                message: s,
                lang,
            });
        }
        Err(ImportFailure::Invalid(sources, errors)) => {
            let mut text = pack_errors(sources, &errors, lang);
            text.push_str(msg::nothing_written().get(lang));
            text.push('\n');
            return Err(CliError::Drawn { text, color: false });
        }
    };
    let mut err = String::new();
    for s in &report.skipped {
        err.push_str(msg::import_skipped(s).get(lang));
    }
    // National ID number columns are left out on purpose: said apart, with no invitation to map them.
    let (id_numbers, ignored): (Vec<&String>, Vec<&String>) = report
        .ignored
        .iter()
        .partition(|h| crate::import::is_id_number_header(h));
    if !ignored.is_empty() {
        let cols = ignored
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        err.push_str(msg::import_columns_ignored(&cols).get(lang));
    }
    if !id_numbers.is_empty() {
        let cols = id_numbers
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        err.push_str(msg::import_id_numbers_left_out(&cols).get(lang));
    }
    print_stderr(&err);
    let into = display_path(&args.into);
    let summary = report.changes.render(lang);
    let mut details: String = report
        .changes
        .details
        .iter()
        .map(|c| format!("{}\n", c.render(lang, args.show_names)))
        .collect();
    // Rows that are not persons are said with the summary, never as errors.
    if let Some(line) = crate::import::passed_over_line(&report.passed_over) {
        details.push_str(line.get(lang));
    }
    if !args.write {
        let mut out = details;
        out.push_str(msg::import_dry_run(&into, &summary).get(lang));
        if !report.changes.details.is_empty() {
            out.push_str(msg::import_write_hint().get(lang));
        }
        print_stdout(&out);
        return Ok(EXIT_OK);
    }
    // Through a fresh temporary file, mode and owner kept, a link written through, an unchanged
    // file left as it is (crate::base::fs::write_atomic).
    // Only over what was read: an editor that saved since, a link planted since, or a read-only
    // file makes it refuse rather than lose an update (another import waits for the lock).
    crate::base::fs::write_output_over(&args.into, report.read, report.text.as_bytes())
        .map_err(|message| CliError::Write { message, lang })?;
    print_stdout(&format!(
        "{details}{}",
        msg::import_done(&into, &summary).get(lang)
    ));
    Ok(EXIT_OK)
}
