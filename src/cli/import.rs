//! `bianzhi import FILE.xlsx|FILE.csv --into ORG.toml`: bring a roster exported from a real-name
//! staffing system into an org file's `[[person]]` entries. The work is in [`crate::import`].

use std::path::PathBuf;

use clap::Args;

use crate::app::{import_roster, ImportFailure, ImportRequest};
use crate::base::fs::display_path;
use crate::base::i18n::Lang;
use crate::cli::rules::print_errors;
use crate::cli::{print_stderr, print_stdout, LangFlag, EXIT_INPUT, EXIT_OK};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The roster: a workbook (.xlsx, .xls, .ods) or a UTF-8 .csv file.
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
    /// Say what would change without writing the org file.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub lang: LangFlag,
}

pub fn run(args: ImportArgs) -> u8 {
    let lang = args.lang.resolve();
    let request = ImportRequest {
        file: &args.file,
        into: &args.into,
        map: &args.map,
        sheet: args.sheet.as_deref(),
        force: args.force,
        replace: args.replace,
    };
    let report = match import_roster(&request, lang) {
        Ok(r) => r,
        Err(ImportFailure::Message(m)) => {
            print_stderr(&format!("bianzhi: {}\n", m.get(lang)));
            return EXIT_INPUT;
        }
        Err(ImportFailure::Rows(rows)) => {
            let mut s: String = rows.iter().map(|r| format!("{r}\n")).collect();
            s.push_str(match lang {
                Lang::En => "nothing written: fix these rows, map their columns with --map, or import the other rows with --force\n",
                Lang::Zh => "未写入任何内容：请修正以上各行、用 --map 指定列，或用 --force 只导入其余各行\n",
            });
            print_stderr(&s);
            return EXIT_INPUT;
        }
        Err(ImportFailure::Invalid(sources, errors)) => {
            print_errors(sources, &errors, lang);
            print_stderr(match lang {
                Lang::En => "nothing written\n",
                Lang::Zh => "未写入任何内容\n",
            });
            return EXIT_INPUT;
        }
    };
    let mut err = String::new();
    for s in &report.skipped {
        err.push_str(&match lang {
            Lang::En => format!("skipped: {s}\n"),
            Lang::Zh => format!("已跳过：{s}\n"),
        });
    }
    if !report.ignored.is_empty() {
        let cols = report.ignored.join(", ");
        err.push_str(&match lang {
            Lang::En => {
                format!("columns not imported (map them with --map \"列名=key\"): {cols}\n")
            }
            Lang::Zh => format!("未导入的列（可用 --map \"列名=键\" 指定）：{cols}\n"),
        });
    }
    print_stderr(&err);
    let into = display_path(&args.into);
    let summary = report.changes.render(lang);
    if args.dry_run {
        print_stdout(&match lang {
            Lang::En => format!("{into} (dry run, not written): {summary}\n"),
            Lang::Zh => format!("{into}（试运行，未写入）：{summary}\n"),
        });
        return EXIT_OK;
    }
    // Through a fresh temporary file, mode and owner kept, a link written through, an unchanged
    // file left as it is (crate::base::fs::write_atomic).
    if let Err(t) = crate::base::fs::write_output(&args.into, report.text.as_bytes()) {
        print_stderr(&match lang {
            Lang::En => format!("bianzhi: {}\n", t.get(lang)),
            Lang::Zh => format!("bianzhi：{}\n", t.get(lang)),
        });
        return EXIT_INPUT;
    }
    print_stdout(&match lang {
        Lang::En => format!("{into}: {summary}\n"),
        Lang::Zh => format!("{into}：{summary}\n"),
    });
    EXIT_OK
}
