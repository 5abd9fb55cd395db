//! The offline page gives the command line's answers: the page's check (src/web.rs, the functions
//! the page calls through WebAssembly, here called natively) on the files of `orgs/` and of every
//! rule's fixtures must give the very JSON document `bianzhi check DIR --format json` writes.
//! The page itself, in a browser, is tested by scripts/web-test.sh.
//!
//! A test binary of its own, not a module of `tests/it/`: the page's entry points mark the process
//! as the page (messages then advise no command-line flag) and lower its file size limit, for
//! every test that would share the process.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use bianzhi::web;

/// The `.toml` files under `dir` as the page is given them when the folder is picked: paths
/// relative to the folder's parent, hidden folders and `target/` skipped.
fn picked(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            if !name.starts_with('.') && name != "target" {
                picked(&p, out);
            }
        } else if name.ends_with(".toml") {
            out.push(p);
        }
    }
}

fn cli_json(dir: &str, lang: &str, pack: &str) -> serde_json::Value {
    let mut cmd = Command::cargo_bin("bianzhi").unwrap();
    cmd.args(["check", dir, "--format", "json", "--lang", lang]);
    if !pack.is_empty() {
        cmd.args(["--rules", pack]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 2),
        "{dir}: {:?}",
        out.status
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn page_json(dir: &str, lang: &str, pack: &str) -> serde_json::Value {
    let mut files = Vec::new();
    picked(Path::new(dir), &mut files);
    web::clear_files();
    for f in &files {
        web::put_file(&f.to_string_lossy(), &std::fs::read(f).unwrap());
    }
    let page: serde_json::Value =
        serde_json::from_str(&web::check(dir, pack, lang, false)).unwrap();
    page["report"].clone()
}

fn same(dir: &str, lang: &str) {
    same_with(dir, lang, "");
}

fn same_with(dir: &str, lang: &str, pack: &str) {
    let mut cli = cli_json(dir, lang, pack);
    let mut page = page_json(dir, lang, pack);
    page_wording(&mut cli, &mut page);
    assert_eq!(
        page, cli,
        "{dir} ({lang}): the page's findings differ from `bianzhi check --format json`"
    );
}

/// Whether a message advises a command-line flag (`--baseline`, `--force`, `--max-file-size`).
fn names_a_flag(s: &str) -> bool {
    s.match_indices("--")
        .any(|(i, _)| s[i + 2..].starts_with(|c: char| c.is_ascii_lowercase()))
}

/// The page says in its own words what the command line says with a flag: where the command
/// line's message or help names one, the page's must not, and the two are then not compared.
fn page_wording(cli: &mut serde_json::Value, page: &mut serde_json::Value) {
    use serde_json::Value;
    match (cli, page) {
        (Value::Object(c), Value::Object(p)) => {
            for (k, cv) in c.iter_mut() {
                let Some(pv) = p.get_mut(k) else { continue };
                if let (Value::String(cs), Value::String(ps)) = (&*cv, &*pv) {
                    if names_a_flag(cs) {
                        assert!(!names_a_flag(ps), "the page names a flag: {ps}");
                        *cv = Value::Null;
                        *pv = Value::Null;
                    }
                    continue;
                }
                page_wording(cv, pv);
            }
        }
        (Value::Array(c), Value::Array(p)) => {
            for (cv, pv) in c.iter_mut().zip(p.iter_mut()) {
                page_wording(cv, pv);
            }
        }
        _ => {}
    }
}

#[test]
fn the_page_finds_what_the_command_line_finds_in_orgs() {
    same("orgs", "zh");
    same("orgs", "en");
    let doc = page_json("orgs", "zh", "");
    assert!(!doc["findings"].as_array().unwrap().is_empty());
}

#[test]
fn the_page_finds_what_the_command_line_finds_in_every_rule_fixture() {
    let mut dirs: Vec<_> = std::fs::read_dir("tests/fixtures/rules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() > 30, "{dirs:?}");
    for d in dirs {
        same(&d.to_string_lossy(), "zh");
    }
}

#[test]
fn a_pack_among_the_files_picked_is_the_command_line_s_rules() {
    same_with(
        "tests/fixtures/chart",
        "zh",
        "tests/fixtures/chart/pack.toml",
    );
    same_with(
        "tests/fixtures/rules/BZ001/violation-pack",
        "en",
        "tests/fixtures/rules/BZ001/violation-pack/pack.toml",
    );
    // Read from the files given, not from the disk: under a folder that does not exist.
    web::clear_files();
    for f in ["pack.toml", "town.toml"] {
        let bytes = std::fs::read(format!("tests/fixtures/chart/{f}")).unwrap();
        web::put_file(&format!("picked/{f}"), &bytes);
    }
    let page: serde_json::Value =
        serde_json::from_str(&web::check("picked", "picked/pack.toml", "zh", false)).unwrap();
    let codes = |doc: &serde_json::Value| -> Vec<String> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    let cli = cli_json(
        "tests/fixtures/chart",
        "zh",
        "tests/fixtures/chart/pack.toml",
    );
    assert!(!codes(&cli).is_empty());
    assert_eq!(codes(&page["report"]), codes(&cli));
}

#[test]
fn a_bad_file_is_an_input_error_and_the_others_are_still_checked() {
    web::clear_files();
    for f in ["orgs/wujiang/wujiang.toml", "orgs/wujiang/qidu/2018.toml"] {
        web::put_file(f, &std::fs::read(f).unwrap());
    }
    web::put_file(
        "orgs/wujiang/broken.toml",
        b"[unit]\nid = \"broken\"\nname = \n",
    );
    let page: serde_json::Value =
        serde_json::from_str(&web::check("orgs", "", "zh", false)).unwrap();
    let errors = page["report"]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["file"], "orgs/wujiang/broken.toml");
    assert_eq!(errors[0]["line"], 3);
    let orgs: Vec<&str> = page["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        orgs,
        ["orgs/wujiang/qidu/2018.toml", "orgs/wujiang/wujiang.toml"]
    );
    // What the page offers besides the findings comes from the same renderers.
    assert!(web::chart_svg("orgs/wujiang/qidu/2018.toml", "zh").contains("<svg"));
    let page = report_html("zh", "2026-12-02", "");
    assert!(page.contains("<html"));
    assert!(
        page.contains("生成日期：2026年12月2日"),
        "the page's report is dated"
    );
    assert!(web::ledger_xlsx("zh").starts_with(b"PK"));
    // The ledger: the report's quota tables, each under its unit.
    let ledger = web::ledger_html("zh");
    assert!(ledger.contains("<table class=\"quota\">"), "{ledger}");
    assert!(ledger.contains("七都镇"), "{ledger}");
    let report = report_html("zh", "", "");
    let first_table = &ledger[ledger.find("<table").unwrap()..ledger.find("</table>").unwrap()];
    assert!(
        report.contains(first_table),
        "the ledger's tables are the report's"
    );
}

/// The page's report: its HTML, or the reason it could not be made (panics then).
fn report_html(lang: &str, date: &str, office: &str) -> String {
    let answer: serde_json::Value =
        serde_json::from_str(&web::report_html(lang, date, office)).unwrap();
    answer["html"]
        .as_str()
        .unwrap_or_else(|| panic!("{answer}"))
        .to_string()
}

#[test]
fn a_file_that_cannot_be_read_is_never_a_pass() {
    // Bad UTF-8 alone: nothing was checked, said as the command line says it; no report, and why.
    web::clear_files();
    web::put_file("picked/town.toml", b"[unit]\nid = \"a\xff\"\n");
    let page: serde_json::Value =
        serde_json::from_str(&web::check("picked", "", "zh", false)).unwrap();
    // (The folder picked, holding no org file that could be read, counts as a second: as on
    // the command line.)
    let summary = page["summary"].as_str().unwrap();
    assert_eq!(summary, "2 个文件无法检查（2 个输入错误），未作任何检查");
    let answer: serde_json::Value = serde_json::from_str(&web::report_html("zh", "", "")).unwrap();
    assert_eq!(answer["error"], format!("未生成检查报告：{summary}"));
    // A file over the page's limit, not read: an input error in the page's words.
    web::clear_files();
    web::put_unread("picked/big.toml", 20.0 * 1024.0 * 1024.0);
    let f = "orgs/wujiang/qidu/2018.toml";
    web::put_file("picked/qidu.toml", &std::fs::read(f).unwrap());
    let page: serde_json::Value =
        serde_json::from_str(&web::check("picked", "", "en", false)).unwrap();
    let errors = page["report"]["errors"].as_array().unwrap();
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("picked/big.toml is larger than the limit of 16 MiB"),
        "{message}"
    );
    assert!(!names_a_flag(message), "{message}");
    assert!(
        page["summary"]
            .as_str()
            .unwrap()
            .starts_with("1 file could not be checked (1 input error);"),
        "{page}"
    );
    // The report of the others says so.
    let report = report_html("en", "", "某县委编办");
    assert!(
        report.contains("1 file could not be checked"),
        "the report's summary line"
    );
    assert!(report.contains("某县委编办"), "the office");
}

#[test]
fn a_plan_is_shown_against_its_baseline() {
    web::clear_files();
    let dir = "orgs/wujiang/shengze";
    let mut files = Vec::new();
    picked(Path::new(dir), &mut files);
    for f in &files {
        web::put_file(&f.to_string_lossy(), &std::fs::read(f).unwrap());
    }
    let page: serde_json::Value = serde_json::from_str(&web::check(dir, "", "zh", false)).unwrap();
    let plan = page["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["proposal"] == true)
        .expect("a plan in orgs/wujiang/shengze");
    assert_eq!(plan["baseline"], "orgs/wujiang/shengze/2018.toml");
    let path = plan["path"].as_str().unwrap();
    let shown = web::diff_html(path, "zh");
    assert!(shown.contains("<table class=\"diff\">"), "{shown}");
    // The same tables as the command line's diff page.
    let cli = Command::cargo_bin("bianzhi")
        .unwrap()
        .args([
            "diff",
            "orgs/wujiang/shengze/2018.toml",
            path,
            "--lang",
            "zh",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&cli.stdout).contains(&shown));
}

#[test]
fn a_rule_is_named_by_its_title_as_in_the_report() {
    web::clear_files();
    let f = "orgs/examples/violations/huangqiao.toml";
    web::put_file(f, &std::fs::read(f).unwrap());
    let page: serde_json::Value =
        serde_json::from_str(&web::check("orgs", "", "zh", false)).unwrap();
    let bz001 = &page["rules"]["BZ001"];
    assert_eq!(bz001["title"], "职能机构数量限额");
    assert!(bz001["summary"].as_str().unwrap().len() > "职能机构数量限额".len());
    assert!(!bz001["cite"].as_str().unwrap().is_empty());
    let page: serde_json::Value =
        serde_json::from_str(&web::check("orgs", "", "en", false)).unwrap();
    assert_eq!(
        page["rules"]["BZ001"]["title"],
        "functional bodies over limit"
    );
}

/// The org file and roster of a roster import, in a folder of their own, imported by the command
/// line: the org file's new text.
fn cli_import(org: &[u8], roster_name: &str, roster: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("org.toml"), org).unwrap();
    std::fs::write(dir.path().join(roster_name), roster).unwrap();
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "import",
            roster_name,
            "--into",
            "org.toml",
            "--lang",
            "zh",
            "--write",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    std::fs::read_to_string(dir.path().join("org.toml")).unwrap()
}

#[test]
fn a_roster_imported_in_the_page_is_the_command_line_s_import() {
    // CSV: a person added to a town.
    let org = std::fs::read("orgs/wujiang/qidu/2018.toml").unwrap();
    let csv = "人员编号,所在机构,编制类别\nQD9001,qidu,行政\n".as_bytes();
    web::clear_files();
    web::put_file("qidu/2018.toml", &org);
    let page: serde_json::Value = serde_json::from_str(&web::import_roster(
        "名册.csv",
        csv,
        "qidu/2018.toml",
        "zh",
        false,
        false,
    ))
    .unwrap();
    let text = page["text"].as_str().unwrap_or_else(|| panic!("{page}"));
    assert!(text.contains("QD9001"));
    assert_eq!(text, cli_import(&org, "名册.csv", csv));
    // A workbook: the page's own ledger of the town, imported back.
    web::check("qidu", "", "zh", false);
    let xlsx = web::ledger_xlsx("zh");
    let page: serde_json::Value = serde_json::from_str(&web::import_roster(
        "台账.xlsx",
        &xlsx,
        "qidu/2018.toml",
        "zh",
        false,
        false,
    ))
    .unwrap();
    let text = page["text"].as_str().unwrap_or_else(|| panic!("{page}"));
    assert_eq!(text, cli_import(&org, "台账.xlsx", &xlsx));
    // A row that cannot be mapped: nothing imported, the row said.
    let bad = "人员编号,所在机构,编制类别\nQD9002,宣传办,行政\n".as_bytes();
    let page: serde_json::Value = serde_json::from_str(&web::import_roster(
        "名册.csv",
        bad,
        "qidu/2018.toml",
        "zh",
        false,
        false,
    ))
    .unwrap();
    let errors = page["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e.as_str().unwrap().contains("宣传办")),
        "{errors:?}"
    );
}

/// The page draws a plan as the command line does: not compared when its baseline is not among
/// the files, compared when it is.
#[test]
fn a_plan_without_its_baseline_is_drawn_as_not_compared() {
    let plan = "orgs/wujiang/shengze/2019-plan.toml";
    let base = "orgs/wujiang/shengze/2018.toml";
    web::clear_files();
    web::put_file(plan, &std::fs::read(plan).unwrap());
    web::check("orgs/wujiang/shengze", "", "zh", false);
    let alone = web::chart_svg(plan, "zh");
    assert!(alone.contains("方案 · 未对照现状"), "{alone}");
    let diff = web::diff_html(plan, "zh");
    assert!(diff.contains("未对照现状"), "{diff}");
    assert!(!diff.contains("<table"), "{diff}");
    assert!(
        !alone.contains("BZ502") && !alone.contains("BZ104"),
        "{alone}"
    );

    web::clear_files();
    for f in [base, plan] {
        web::put_file(f, &std::fs::read(f).unwrap());
    }
    web::check("orgs/wujiang/shengze", "", "zh", false);
    let compared = web::chart_svg(plan, "zh");
    assert!(compared.contains("<svg"), "{compared}");
    assert!(!compared.contains("未对照现状"), "{compared}");
}
