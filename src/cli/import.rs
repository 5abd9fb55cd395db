//! `bianzhi import FILE.xlsx|FILE.csv --into ORG.toml`: bring a roster exported from a real-name
//! staffing system into an org file's `[[person]]` entries. The work is in [`crate::import`].

use std::path::PathBuf;

use clap::Args;

use crate::base::fs::display_path;
use crate::base::i18n::{Lang, Text};
use crate::base::source::{SourceFile, Sources};
use crate::cli::rules::print_errors;
use crate::cli::{print_stderr, print_stdout, LangArg, EXIT_INPUT, EXIT_OK};
use crate::import::{self, Changes, Mapping};
use crate::load;
use crate::model::OrgFile;
use crate::text;

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
    /// Language of messages (default: from LANG/LC_ALL).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// What an import did or would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub changes: Changes,
    /// Rows skipped under `--force`, rendered.
    pub skipped: Vec<String>,
    /// Column headers not imported.
    pub ignored: Vec<String>,
    /// The sheet read (empty for CSV).
    pub sheet: String,
    /// The new text of the org file.
    pub text: String,
}

/// Why an import wrote nothing.
#[derive(Debug, Clone)]
pub enum Failure {
    /// One message.
    Message(Text),
    /// Rows that cannot be mapped (rendered, with the file and sheet).
    Rows(Vec<String>),
    /// The org file (or the edited text) is not a valid org file.
    Invalid(Sources, Vec<crate::base::diag::InputError>),
}

fn load_org_text(path: &str, text: String) -> Result<(Sources, OrgFile), Failure> {
    let mut sources = Sources::default();
    let id = sources.add(SourceFile::new(path, text));
    match load::load_org(id, &sources.get(id), true) {
        load::Loaded::Org(org) => Ok((sources, *org)),
        load::Loaded::Invalid(errors) => Err(Failure::Invalid(sources, errors)),
        load::Loaded::NotOrg => Err(Failure::Message(crate::base::i18n::msg::not_org_file())),
    }
}

/// Reads the roster and computes the new org file text; writes nothing.
pub fn plan(args: &ImportArgs, lang: Lang) -> Result<Report, Failure> {
    let mapping = Mapping::parse(&args.map).map_err(Failure::Message)?;
    let org_path = display_path(&args.into);
    let bytes = crate::base::fs::read_bytes(&args.into)
        .map_err(|e| Failure::Message(e.message(&org_path)))?;
    let original = String::from_utf8(bytes)
        .map_err(|_| Failure::Message(crate::base::i18n::common::not_utf8()))?;
    // The byte-order mark and the line endings are the user's: kept as they are.
    let bom = original.starts_with('\u{feff}');
    let original = original.trim_start_matches('\u{feff}').to_string();
    let crlf = original.contains("\r\n");
    let (_, org) = load_org_text(&org_path, original.clone())?;

    let roster_path = display_path(&args.file);
    let is_csv = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let sheet = if is_csv {
        import::read_csv(&args.file)
    } else {
        import::read_xlsx(
            &args.file,
            args.sheet.as_deref(),
            &[
                format!("{} {}", org.unit.id.value, org.unit.as_of.value),
                org.unit.id.value.clone(),
            ],
            &mapping,
        )
    }
    .map_err(Failure::Message)?;
    let parsed = import::parse_rows(&sheet, &mapping, &org);
    let place = if sheet.name.is_empty() {
        roster_path.clone()
    } else {
        match lang {
            Lang::En => format!("{roster_path}, sheet {}", sheet.name),
            Lang::Zh => format!("{roster_path}，工作表 {}", sheet.name),
        }
    };
    let rendered: Vec<String> = parsed
        .errors
        .iter()
        .map(|e| format!("{place}: {}", e.render(lang)))
        .collect();
    let header_broken = parsed.columns.is_empty();
    if !rendered.is_empty() && (!args.force || header_broken) {
        return Err(Failure::Rows(rendered));
    }

    let mut doc: toml_edit::DocumentMut = original.parse().map_err(|e: toml_edit::TomlError| {
        Failure::Message(text!(
            "{org_path}: cannot edit: {e}",
            "{org_path}：无法编辑：{e}",
            e = e.message()
        ))
    })?;
    let changes =
        import::apply(&mut doc, &parsed, args.replace).map_err(|e| Failure::Message(e.0))?;
    let mut new_text = doc.to_string();
    // The edited file must still be a valid org file; otherwise nothing is written.
    load_org_text(&org_path, new_text.clone())?;
    if crlf {
        new_text = new_text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    if bom {
        new_text.insert(0, '\u{feff}');
    }
    Ok(Report {
        changes,
        skipped: rendered,
        ignored: parsed.ignored,
        sheet: sheet.name,
        text: new_text,
    })
}

pub fn run(args: ImportArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    let report = match plan(&args, lang) {
        Ok(r) => r,
        Err(Failure::Message(m)) => {
            print_stderr(&format!("bianzhi: {}\n", m.get(lang)));
            return EXIT_INPUT;
        }
        Err(Failure::Rows(rows)) => {
            let mut s: String = rows.iter().map(|r| format!("{r}\n")).collect();
            s.push_str(match lang {
                Lang::En => "nothing written: fix these rows, map their columns with --map, or import the other rows with --force\n",
                Lang::Zh => "未写入任何内容：请修正以上各行、用 --map 指定列，或用 --force 只导入其余各行\n",
            });
            print_stderr(&s);
            return EXIT_INPUT;
        }
        Err(Failure::Invalid(sources, errors)) => {
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
