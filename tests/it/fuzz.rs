//! Mutation fuzzing of the loader and of packs, driven by proptest (no nightly toolchain needed):
//! byte and structure mutants of the org files under `orgs/` and the packs under `rules/` must give
//! a result or input errors, never a panic, in every output (human, JSON, SARIF, GitHub, JUnit).
//!
//! Short by default (16 cases a property: `cargo test` is the inner loop); `.ci/run` runs it once
//! at 200 with the other tests, and `BZ_FUZZ_CASES=5000 cargo test --release --test it fuzz::` runs
//! longer.

use crate::common;

use std::path::{Path, PathBuf};

use bianzhi::app::check;
use bianzhi::base::i18n::Lang;
use bianzhi::render::findings::Format;
use proptest::prelude::*;

fn seeds(dir: &str) -> Vec<(String, Vec<u8>)> {
    fn walk(p: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(p) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for e in entries {
            if e.is_dir() {
                walk(&e, out);
            } else if e.extension().is_some_and(|x| x == "toml") {
                if let Ok(bytes) = std::fs::read(&e) {
                    out.push((e.display().to_string(), bytes));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "no seeds under {dir}");
    out
}

/// Pieces that have broken parsers before: structure, quoting, escapes, controls, big numbers.
const TOKENS: &[&str] = &[
    "[[person]]\n",
    "[[body]]\n",
    "[unit]\n",
    "[pack]\n",
    "[[custom]]\n",
    "extends = [\"national\", \"national\"]\n",
    "assert = \"unit.persons.all(a, unit.persons.all(b, a.id.matches('(a+)+$')))\"\n",
    "\"",
    "'''",
    "\"\"\"",
    "=",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\n",
    "\r\n",
    "\\u001b[2J",
    "\u{1b}",
    "\u{0}",
    "\u{feff}",
    "::error::x",
    "=HYPERLINK(\"x\")",
    "99999999999999999999",
    "-1",
    "1e308",
    "1979-05-27T07:32:00Z",
    "name = \"张三\"\n",
    "编",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: f64, len: usize },
    Insert { at: f64, token: usize },
    Duplicate { at: f64, len: usize },
    Flip { at: f64, byte: u8 },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, 1usize..64).prop_map(|(at, len)| Edit::Delete { at, len }),
        (0.0..1.0f64, 0..TOKENS.len()).prop_map(|(at, token)| Edit::Insert { at, token }),
        (0.0..1.0f64, 1usize..256).prop_map(|(at, len)| Edit::Duplicate { at, len }),
        (0.0..1.0f64, any::<u8>()).prop_map(|(at, byte)| Edit::Flip { at, byte }),
    ]
}

fn mutate(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for e in edits {
        let pos = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
        match *e {
            Edit::Delete { at, len } => {
                let s = pos(at, b.len());
                let end = (s + len).min(b.len());
                b.drain(s..end);
            }
            Edit::Insert { at, token } => {
                let s = pos(at, b.len());
                b.splice(s..s, TOKENS[token].bytes());
            }
            Edit::Duplicate { at, len } => {
                let s = pos(at, b.len());
                let end = (s + len).min(b.len());
                let piece = b[s..end].to_vec();
                b.splice(end..end, piece);
            }
            Edit::Flip { at, byte } => {
                if !b.is_empty() {
                    let s = pos(at, b.len() - 1);
                    b[s] = byte;
                }
            }
        }
    }
    b
}

/// Every output of a check, rendered: none may panic, and the JSON must parse.
fn render_all(paths: &[PathBuf], packs: &[String]) {
    let outcome = check(paths, packs, false);
    for lang in [Lang::En, Lang::Zh] {
        let run = outcome.run(lang);
        for format in [
            Format::Human,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Junit,
        ] {
            let text = outcome.render(&run, format, false, false);
            if matches!(format, Format::Json | Format::Sarif) {
                assert!(
                    serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                    "{format:?} is not JSON"
                );
            }
        }
    }
}

fn cases() -> u32 {
    std::env::var("BZ_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_survives_mutants_of_the_examples(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let seeds = seeds("orgs");
        let (_, seed) = &seeds[pick.index(seeds.len())];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mutant.toml");
        std::fs::write(&path, mutate(seed, &edits)).unwrap();
        render_all(&[path], &[]);
    }

    #[test]
    fn packs_survive_mutants_of_the_shipped_packs(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let seeds = seeds("rules");
        let (_, seed) = &seeds[pick.index(seeds.len())];
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("mutant.pack.toml");
        std::fs::write(&pack, mutate(seed, &edits)).unwrap();
        let town = Path::new(env!("CARGO_MANIFEST_DIR")).join("orgs/wujiang/shengze");
        render_all(&[town], &[pack.display().to_string()]);
    }
}

// ---- the project file (`bianzhi.toml`) and the roster import (CSV and workbooks) ----

/// Every key of the project file, with values of each kind: what mutants start from, beside the
/// files `bianzhi init` writes.
const PROJECT: &str = r#"rules = ["national", "rules/local.toml"]
paths = ["orgs", "更多/镇.toml"]
lang = "zh"
deny = "warnings"
office = "某某县委机构编制委员会办公室"

[baseline]
files = ["old/town.toml"]
"#;

fn project_seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![PROJECT.as_bytes().to_vec()];
    for p in [
        "templates/init/bianzhi.toml",
        "templates/init/zh/bianzhi.toml",
    ] {
        out.push(std::fs::read(root.join(p)).unwrap());
    }
    out
}

/// The org file the rosters are imported into, and the roster it starts with.
const IMPORT_ORG: &str = r#"[unit]
id = "xiaozhen"
name = "小镇"
kind = "town"
as_of = 2020-06-30

[quota]
administrative = 10
institution = 4

[[body]]
id = "dzb"
name = "党政办公室"
kind = "functional"
quota = { administrative = 3 }

[[body]]
id = "fwzx"
name = "为民服务中心"
kind = "institution"
quota = { institution = 4 }

[[person]]
id = "X001"
body = "xiaozhen"
establishment = "administrative"
"#;

const ROSTER: &[&[&str]] = &[
    &["小镇在编人员名册"],
    &[
        "人员编号",
        "姓名",
        "所在机构",
        "编制类别",
        "职务",
        "职务层次",
        "职级",
        "执法证",
        "兼任职务",
        "参公管理",
    ],
    &[
        "X001",
        "王伟",
        "xiaozhen",
        "行政编制",
        "镇长",
        "正科",
        "",
        "否",
        "党委副书记",
        "否",
    ],
    &[
        "X002",
        "李芳",
        "党政办公室",
        "administrative",
        "主任",
        "副科",
        "一级主任科员",
        "是",
        "",
        "",
    ],
    &[
        "X003",
        "张敏",
        "为民服务中心",
        "事业编制",
        "",
        "",
        "",
        "",
        "",
        "是",
    ],
    &["合计", "3人"],
];

/// Pieces that have broken roster readers before: quoting, separators, line ends, encodings,
/// formulas, Excel's error values, huge numbers and dates.
const CELL_TOKENS: &[&str] = &[
    "\"",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\u{0}",
    "\u{feff}",
    "=SUM(A1)",
    "#N/A",
    "#DIV/0!",
    "99999999999999999999",
    "1e308",
    "-1",
    "2020-06-30",
    "45000.5",
    "人员编号",
    "所在机构",
    "身份证号",
    "110101199003074514",
    "编",
    "\u{1b}[2J",
    "",
];

fn csv_of(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn xlsx_of(rows: &[Vec<String>], path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let _ = ws.set_name("xiaozhen");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let _ = ws.write_string(r as u32, c as u16, cell.as_str());
        }
    }
    wb.save(path).unwrap();
}

/// A roster's cells with `edits` applied: a cell replaced by a token, a token added to a cell, a
/// row removed or repeated, a column removed.
#[derive(Debug, Clone)]
enum CellEdit {
    Replace { row: f64, col: f64, token: usize },
    Append { row: f64, col: f64, token: usize },
    DropRow { row: f64 },
    RepeatRow { row: f64 },
    DropColumn { col: f64 },
}

fn cell_edit() -> impl Strategy<Value = CellEdit> {
    let at = || 0.0..1.0f64;
    prop_oneof![
        (at(), at(), 0..CELL_TOKENS.len()).prop_map(|(row, col, token)| CellEdit::Replace {
            row,
            col,
            token
        }),
        (at(), at(), 0..CELL_TOKENS.len()).prop_map(|(row, col, token)| CellEdit::Append {
            row,
            col,
            token
        }),
        at().prop_map(|row| CellEdit::DropRow { row }),
        at().prop_map(|row| CellEdit::RepeatRow { row }),
        at().prop_map(|col| CellEdit::DropColumn { col }),
    ]
}

fn edit_cells(edits: &[CellEdit]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = ROSTER
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let pick = |at: f64, len: usize| ((at * len as f64) as usize).min(len.saturating_sub(1));
    for e in edits {
        if rows.is_empty() {
            break;
        }
        match *e {
            CellEdit::Replace { row, col, token } | CellEdit::Append { row, col, token } => {
                let r = pick(row, rows.len());
                if rows[r].is_empty() {
                    continue;
                }
                let c = pick(col, rows[r].len());
                if matches!(e, CellEdit::Replace { .. }) {
                    rows[r][c] = CELL_TOKENS[token].to_string();
                } else {
                    rows[r][c].push_str(CELL_TOKENS[token]);
                }
            }
            CellEdit::DropRow { row } => {
                let r = pick(row, rows.len());
                rows.remove(r);
            }
            CellEdit::RepeatRow { row } => {
                let r = pick(row, rows.len());
                let copy = rows[r].clone();
                rows.insert(r, copy);
            }
            CellEdit::DropColumn { col } => {
                let c = pick(col, 10);
                for r in &mut rows {
                    if c < r.len() {
                        r.remove(c);
                    }
                }
            }
        }
    }
    rows
}

/// Imports `roster` (a file in `dir`) into `dir/org.toml`, in process and through the binary: the
/// library never panics; the binary agrees (exit 0 when the library imported, else exit 2) and
/// says where the roster is wrong: its file, and the row or line where a row is at fault.
fn import_both(dir: &Path, roster: &str) {
    use bianzhi::app::{import_roster, ImportFailure, ImportRequest};
    let file = dir.join(roster);
    let into = dir.join("org.toml");
    let request = ImportRequest {
        file: &file,
        into: &into,
        map: &[],
        sheet: None,
        force: false,
        replace: false,
    };
    let result = import_roster(&request, Lang::En);
    let (code, _, stderr) = common::bianzhi(
        dir,
        &["import", roster, "--into", "org.toml", "--lang", "en"],
    );
    match result {
        Ok(_) => assert_eq!(code, Some(0), "{stderr}"),
        Err(failure) => {
            assert_eq!(code, Some(2), "{stderr}");
            match failure {
                ImportFailure::Rows { rows, .. } => {
                    // Each row at fault by its number (and column, where one is at fault).
                    for r in &rows {
                        assert!(
                            r.contains(roster) && (r.contains(": row ") || r.contains(": header")),
                            "{r}"
                        );
                    }
                    assert!(
                        stderr
                            .lines()
                            .any(|l| l.starts_with(roster) && l.contains(" row ")),
                        "{stderr}"
                    );
                }
                ImportFailure::Message(m) => {
                    assert!(!m.en.is_empty());
                    assert!(
                        stderr.contains(roster) || stderr.contains("org.toml"),
                        "{stderr}"
                    );
                }
                // What the import would make of the org file is refused, at its place there.
                ImportFailure::Invalid(_, errors) => {
                    assert!(!errors.is_empty());
                    assert!(stderr.contains("org.toml:"), "{stderr}");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Mutants of `bianzhi.toml`: the project is read or refused with errors that each have a
    /// place in it, and the binary exits 2 naming `bianzhi.toml:line:column` for the first.
    #[test]
    fn the_project_file_survives_mutants(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let seeds = project_seeds();
        let seed = &seeds[pick.index(seeds.len())];
        let dir = tempfile::tempdir().unwrap();
        let text = mutate(seed, &edits);
        std::fs::write(dir.path().join("bianzhi.toml"), &text).unwrap();
        let Err((sources, errors)) = bianzhi::app::project(dir.path()) else {
            return Ok(());
        };
        prop_assert!(!errors.is_empty());
        let first = &errors[0];
        let place = match (first.file, first.span, first.line_col) {
            (Some(f), Some(span), _) => {
                let src = sources.get(f);
                prop_assert!(span.end <= src.text.len(), "{span:?} past the end");
                let (line, col) = src.line_col(span.start);
                format!("bianzhi.toml:{line}:{col}")
            }
            (_, _, Some((line, col))) => format!("bianzhi.toml:{line}:{col}"),
            _ => panic!("a project error without a place: {first:?}"),
        };
        let (code, _, stderr) = common::bianzhi(dir.path(), &["check", "--lang", "en"]);
        prop_assert_eq!(code, Some(2), "{}", stderr);
        prop_assert!(stderr.contains(&place), "{place} not in {stderr}");
    }

    /// Mutants of a CSV roster, by cell and by byte.
    #[test]
    fn the_csv_import_survives_mutants(
        cells in prop::collection::vec(cell_edit(), 0..6),
        bytes in prop::collection::vec(edit(), 0..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("org.toml"), IMPORT_ORG).unwrap();
        let csv = mutate(csv_of(&edit_cells(&cells)).as_bytes(), &bytes);
        std::fs::write(dir.path().join("roster.csv"), csv).unwrap();
        import_both(dir.path(), "roster.csv");
    }

    /// Mutants of a workbook roster: its cells, then its bytes (the zip and the XML inside).
    #[test]
    fn the_workbook_import_survives_mutants(
        cells in prop::collection::vec(cell_edit(), 0..6),
        bytes in prop::collection::vec(edit(), 0..3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("org.toml"), IMPORT_ORG).unwrap();
        let path = dir.path().join("roster.xlsx");
        xlsx_of(&edit_cells(&cells), &path);
        if !bytes.is_empty() {
            let b = std::fs::read(&path).unwrap();
            std::fs::write(&path, mutate(&b, &bytes)).unwrap();
        }
        import_both(dir.path(), "roster.xlsx");
    }
}
