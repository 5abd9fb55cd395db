//! The documents an office files: the HTML report's date, office, print layout and plan section;
//! the Word document read back; `diff --format html|xlsx`; CSV with a byte-order mark; charts that
//! name rules and draw a county's towns. (The printed page itself, rendered by Chromium to PDF, is
//! checked by `scripts/browser-test.sh`.)

use std::io::Read;
use std::path::PathBuf;

use assert_cmd::Command;
use bianzhi::analysis::chart::{Chart, Group};
use bianzhi::app::check;
use bianzhi::base::i18n::Lang;
use bianzhi::render::chart;
use bianzhi::render::document::{self, DocMeta};
use bianzhi::render::html::report_html_with;
use bianzhi::rules::short_name;

const TOWN: &str = "tests/fixtures/chart/town.toml";
const PACK: &str = "tests/fixtures/chart/pack.toml";
const PLAN_BASE: &str = "orgs/wujiang/shengze/2018.toml";
const PLAN: &str = "orgs/wujiang/shengze/2019-plan.toml";

fn bianzhi(args: &[&str]) -> (Vec<u8>, String, i32) {
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .args(args)
        .env("CI", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run");
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn meta(lang: Lang) -> DocMeta {
    DocMeta {
        lang,
        date: Some("2026-12-02".to_string()),
        office: Some("吴江区委编办".to_string()),
    }
}

#[test]
fn every_rule_has_a_short_name_in_both_languages() {
    for def in bianzhi::rules::catalog() {
        let code = &def.meta.code;
        let (en, zh) = (&def.meta.short.en, &def.meta.short.zh);
        assert!(!en.is_empty() && en.is_ascii(), "{code}: {en}");
        assert!(!zh.is_ascii(), "{code}: {zh}");
    }
    // A pack's own rule keeps its name.
    assert_eq!(short_name("X001", "my-rule", Lang::Zh), "my-rule");
}

#[test]
fn html_report_says_who_issued_it_and_when_and_prints_on_a4() {
    let outcome = check(&[PathBuf::from(TOWN)], &[PACK.to_string()], false);
    let zh = report_html_with(&outcome, &meta(Lang::Zh)).expect("page");
    assert!(zh.contains("出具单位：吴江区委编办"));
    assert!(zh.contains("生成日期：2026年12月2日"));
    assert!(zh.contains("@page { size: A4;"));
    assert!(zh.contains("@media print"));
    // Findings are headed by the rule's title, in the report's language.
    assert!(zh.contains("<code>BZ001</code><br><small>职能机构数量限额</small>"));
    let en = report_html_with(&outcome, &meta(Lang::En)).expect("page");
    assert!(en.contains("Issued by 吴江区委编办"));
    assert!(en.contains("Made on 2 December 2026"));
    assert!(en.contains("<code>BZ001</code><br><small>functional bodies over limit</small>"));
    // Without a date or office: neither line.
    let bare = report_html_with(&outcome, &DocMeta::new(Lang::Zh)).expect("page");
    assert!(!bare.contains("class=\"issuer\""));
}

#[test]
fn html_report_of_a_plan_shows_what_it_changes() {
    let outcome = check(&[PathBuf::from("orgs/wujiang")], &[], false);
    let page = report_html_with(&outcome, &meta(Lang::Zh)).expect("page");
    let plans = page.find("<section id=\"plans\">").expect("a plan section");
    let units = page.find("<section id=\"units\">").expect("units");
    assert!(plans < units);
    let section = &page[plans..units];
    assert!(section.contains("盛泽镇：2019-03-31 方案与 2018-06-30 现状相比"));
    assert!(section.contains("机构：延续 19，合并设立 1，新设 0，撤销 0"));
    // The merge: two baseline bodies drawn into one of the plan.
    assert!(section.contains("class=\"bianzhi-changes\""));
    assert_eq!(section.matches("<path class=\"merged\"").count(), 2);
    assert!(section.contains("社会事业和保障局"));
    // The county's chart draws its towns.
    assert!(page.contains("乡镇（街道）（2）"));
}

#[test]
fn report_date_comes_from_the_flag_or_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let out_s = out.to_str().unwrap();
    let (_, err, code) = bianzhi(&[
        "report",
        TOWN,
        "--rules",
        PACK,
        "--format",
        "html",
        "--lang",
        "zh",
        "--date",
        "2024-06-30",
        "-o",
        out_s,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("生成日期：2024年6月30日"));

    let run = Command::cargo_bin("bianzhi")
        .unwrap()
        .args([
            "report", TOWN, "--rules", PACK, "--format", "html", "--lang", "en", "-o", out_s,
        ])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Made on 14 November 2023"));

    let (_, err, code) = bianzhi(&[
        "report",
        TOWN,
        "--format",
        "html",
        "--date",
        "2024年6月30日",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--date takes a date written YYYY-MM-DD"),
        "{err}"
    );
}

/// `word/document.xml` as text: one line per paragraph, a table's cells joined with ` | `, one
/// line per row, and `[table]`/`[/table]` around a table.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    let mut line = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut depth = 0; // tables
    let mut rest = xml.as_str();
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        let gt = rest[lt..].find('>').expect("closed tag") + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        let name = tag.split([' ', '/']).next().unwrap_or("");
        let closing = tag.starts_with('/');
        match (name, closing) {
            ("", true) if tag == "/w:t" => line.push_str(
                &text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&"),
            ),
            ("w:tbl", false) => {
                depth += 1;
                out.push_str("[table]\n");
            }
            ("", true) if tag == "/w:tbl" => {
                depth -= 1;
                out.push_str("[/table]\n");
            }
            ("", true) if tag == "/w:tc" => cells.push(std::mem::take(&mut line)),
            ("", true) if tag == "/w:tr" => {
                out.push_str(&cells.join(" | "));
                out.push('\n');
                cells.clear();
            }
            ("", true) if tag == "/w:p" && depth == 0 => {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            _ => {}
        }
    }
    out
}

#[test]
fn docx_reads_back_with_summary_findings_plans_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.docx");
    // The town's Word document, made with a fixed date and office, written to `path`.
    let make = |path: &std::path::Path| {
        bianzhi(&[
            "report",
            TOWN,
            "--rules",
            PACK,
            "--format",
            "docx",
            "--lang",
            "zh",
            "--date",
            "2026-12-02",
            "--office",
            "吴江区委编办",
            "-o",
            path.to_str().unwrap(),
        ])
    };
    let (_, err, code) = make(&out);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&out).unwrap();
    // The crate's own reader opens it: a document Word-compatible readers accept.
    let read = docx_rs::read_docx(&bytes).expect("docx-rs reads it back");
    assert!(!read.document.children.is_empty());
    let text = docx_text(&bytes);
    for want in [
        "机构编制检查报告",
        "出具单位：吴江区委编办",
        "生成日期：2026年12月2日",
        "BZ001 职能机构超限",
        "依据：江苏经济发达镇意见 二(二)",
        "位置：tests/fixtures/chart/town.toml:49:1",
        "机构 | 类型 | 核定 | 实有 | 空编 | 超编 | 编外 | 领导职数（核定/实配） | 分类（核定/实有）",
    ] {
        assert!(text.contains(want), "{want} not in:\n{text}");
    }
    insta::assert_snapshot!("docx_town_zh", text);

    // Made twice, the same bytes: the file's own dates are the report's.
    let again = dir.path().join("again.docx");
    make(&again);
    assert_eq!(std::fs::read(&again).unwrap(), bytes);

    // A plan: its changes are in the document as tables.
    let plan = dir.path().join("plan.docx");
    let (_, err, code) = bianzhi(&[
        "report",
        "orgs/wujiang",
        "--format",
        "docx",
        "--lang",
        "en",
        "--date",
        "2026-12-02",
        "-o",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = docx_text(&std::fs::read(&plan).unwrap());
    assert!(text.contains("What the plans change"), "{text}");
    assert!(text.contains("merged | shsybz |"), "{text}");

    // Without -o: a sentence, not bytes on a terminal.
    let (stdout, err, code) = bianzhi(&["report", TOWN, "--format", "docx", "--lang", "zh"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(err.contains("Word 文档须写入文件"), "{err}");
}

#[test]
fn diff_as_html_and_xlsx() {
    let (page, err, code) = bianzhi(&[
        "diff",
        PLAN_BASE,
        PLAN,
        "--format",
        "html",
        "--lang",
        "zh",
        "--date",
        "2026-12-02",
    ]);
    assert_eq!(code, 0, "{err}");
    let page = String::from_utf8(page).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("生成日期：2026年12月2日"));
    assert!(page.contains("<th>变化</th>"));
    assert!(page.contains("class=\"bianzhi-changes\""));
    assert!(!page.contains("<script"));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.xlsx");
    let (_, err, code) = bianzhi(&[
        "diff",
        PLAN_BASE,
        PLAN,
        "--format",
        "xlsx",
        "--lang",
        "zh",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).expect("workbook");
    let range = wb.worksheet_range("变化").expect("sheet 变化");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert!(
        rows[0][0].contains("盛泽镇（shengze）机构编制变化"),
        "{:?}",
        rows[0]
    );
    assert!(rows
        .iter()
        .any(|r| r[0] == "核定编制合计" && r[1] == "117" && r[2] == "118"));
    // Without -o: refused with a sentence.
    let (_, err, code) = bianzhi(&["diff", PLAN_BASE, PLAN, "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("-o FILE.xlsx"), "{err}");
}

#[test]
fn csv_starts_with_a_byte_order_mark() {
    let (out, _, code) = bianzhi(&["report", "tests/fixtures/report", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("\u{feff}".as_bytes()));
    // Only one, before the header.
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches('\u{feff}').count(), 1);
}

#[test]
fn charts_name_rules_and_a_county_draws_its_towns() {
    let outcome = check(&[PathBuf::from(TOWN)], &[PACK.to_string()], false);
    let org = &outcome.loaded.workspace.orgs[0];
    let zh = chart::render(
        &Chart::build(org, &outcome.findings.held(), Lang::Zh, short_name),
        chart::Format::Svg,
    );
    assert!(
        zh.contains(">职能机构超限</text>"),
        "no short name in the chart"
    );
    let en = chart::render(
        &Chart::build(org, &outcome.findings.held(), Lang::En, short_name),
        chart::Format::Svg,
    );
    assert!(en.contains(">functional bodies over limit</text>"));

    let county = check(&[PathBuf::from("orgs/wujiang")], &[], false);
    let run = county.run(Lang::Zh);
    let wujiang = run
        .ws
        .orgs
        .iter()
        .find(|o| o.unit.id.value == "wujiang")
        .unwrap();
    let c = document::chart_of(&run, wujiang);
    let towns = c
        .groups
        .iter()
        .find(|(g, _)| *g == Group::Town)
        .expect("towns");
    let names: Vec<&str> = towns.1.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["七都镇", "盛泽镇"]);
    // Each town's box: its approved establishment and its staff.
    assert!(towns.1[1]
        .meta_line(Lang::Zh)
        .starts_with("编制 117 · 实有 106"));
    for f in [
        chart::Format::Svg,
        chart::Format::Dot,
        chart::Format::Mermaid,
    ] {
        assert!(chart::render(&c, f).contains("七都镇"));
    }
}

#[test]
fn chart_of_a_county_folder_draws_the_towns() {
    let (svg, err, code) = bianzhi(&["chart", "orgs/wujiang", "--lang", "zh"]);
    assert_eq!(code, 0, "{err}");
    let svg = String::from_utf8(svg).unwrap();
    assert!(svg.contains(">苏州市吴江区</text>"));
    assert!(svg.contains(">乡镇（街道）（2）</text>"));
    assert!(svg.contains(">七都镇</text>") && svg.contains(">盛泽镇</text>"));
    // A folder of towns of no one county is still refused.
    let (_, _, code) = bianzhi(&["chart", "orgs/wujiang/shengze"]);
    assert_eq!(code, 2);
}

/// A plan that merges two bodies, abolishes one and sets up one: the before/after chart puts a
/// body that goes on level with itself, stacks the merged ones from their new body's row down,
/// gives the new body a row of its own and puts the abolished one last.
#[test]
fn change_chart_rows_follow_the_plan() {
    use bianzhi::analysis::chart::{Change, ChangeChart};
    use bianzhi::base::source::{SourceFile, Sources};
    use bianzhi::load::{load_org, Loaded};

    let body = |id: &str, name: &str, extra: &str| {
        format!("[[body]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"functional\"\n{extra}\n")
    };
    let unit = |as_of: &str, status: &str| {
        format!("[unit]\nid = \"t\"\nname = \"某镇\"\nkind = \"town\"\nas_of = {as_of}\nstatus = \"{status}\"\n\n")
    };
    let base = unit("2018-06-30", "current")
        + &body("dzb", "党政办公室", "")
        + &body("sy", "社会事业局", "")
        + &body("bz", "社会保障局", "")
        + &body("ny", "农业服务中心", "");
    let plan = unit("2019-03-31", "proposal")
        + &body("dzb", "党政办公室", "")
        + &body("sybz", "社会事业和保障局", "merged_from = [\"sy\", \"bz\"]")
        + &body("yj", "应急管理局", "");
    let mut sources = Sources::default();
    let mut load = |path: &str, text: String| {
        let id = sources.add(SourceFile::new(path, text));
        match load_org(id, &sources.get(id), true) {
            Loaded::Org(o) => *o,
            _ => panic!("{path} is not a valid org file"),
        }
    };
    let (b, n) = (load("base.toml", base), load("plan.toml", plan));
    let d = bianzhi::analysis::diff::diff(&b, &n, &sources, false);
    let c = ChangeChart::build(&b, &n, &d);
    let side = |items: &[bianzhi::analysis::chart::ChangeItem], rows: &[usize]| {
        items
            .iter()
            .zip(rows)
            .map(|(i, r)| (i.id.clone(), i.change, *r))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        side(&c.before, &c.before_rows),
        [
            ("dzb".to_string(), Change::Continued, 0),
            ("sy".to_string(), Change::Merged, 1),
            ("bz".to_string(), Change::Merged, 2),
            ("ny".to_string(), Change::Abolished, 4),
        ]
    );
    assert_eq!(
        side(&c.after, &c.after_rows),
        [
            ("dzb".to_string(), Change::Continued, 0),
            ("sybz".to_string(), Change::Merged, 1),
            ("yj".to_string(), Change::New, 3),
        ]
    );
    assert_eq!(c.rows, 5);
    assert_eq!(c.links, [(0, 0), (1, 1), (2, 1)]);
    let svg = chart::svg::render_changes(&c, Lang::Zh);
    for word in [
        ">合并设立</text>",
        ">新设</text>",
        ">撤销</text>",
        ">现状（2018-06-30）</text>",
    ] {
        assert!(svg.contains(word), "{word}");
    }
    assert_eq!(svg.matches("<path class=\"merged\"").count(), 2);
}

/// A county's establishment is a limit its towns share: the HTML report and the Word document give
/// it against the towns' approved establishment (限额 / 各镇核定 / 余额), as `bianzhi report` does,
/// never as a quota of its own with every place vacant. And where nothing is approved (the
/// leadership team, a dispatched body without a quota), the 分类 column does not read as 超编.
#[test]
fn a_county_is_its_limit_against_its_towns_and_nothing_approved_is_no_excess() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let docx = dir.path().join("r.docx");
    for (format, out) in [("html", &html), ("docx", &docx)] {
        let (_, err, code) = bianzhi(&[
            "report",
            "tests/fixtures/report",
            "--format",
            format,
            "--lang",
            "zh",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{format}: {err}");
    }

    let page = std::fs::read_to_string(&html).unwrap();
    for want in [
        "<th>编制类别</th><th>编制限额</th><th>各镇核定</th><th>余额</th><th>超限额</th>",
        "<tr><td>行政编制</td><td class=\"num\">8</td><td class=\"num\">10</td><td class=\"num\">0</td><td class=\"num over\">2</td></tr>",
        "<tr><td>事业编制</td><td class=\"num\">20</td><td class=\"num\">4</td><td class=\"num\">16</td><td class=\"num\">0</td></tr>",
        "<td>行政编制 —/2</td>",
        "<td>政法专项编制 —/12</td>",
    ] {
        assert!(page.contains(want), "{want}\n{page}");
    }
    // Only the town has a total of its own: the county's 28 are not 28 vacant places.
    assert_eq!(page.matches("合计（本级核定）").count(), 1, "{page}");
    assert!(
        !page.contains(" 0/2<") && !page.contains(" 0/12<"),
        "{page}"
    );

    let text = docx_text(&std::fs::read(&docx).unwrap());
    for want in [
        "编制类别 | 编制限额 | 各镇核定 | 余额 | 超限额",
        "行政编制 | 8 | 10 | 0 | 2",
        "事业编制 | 20 | 4 | 16 | 0",
        "| 行政编制 —/2\n",
        "| 政法专项编制 —/12\n",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    assert_eq!(text.matches("合计（本级核定）").count(), 1, "{text}");
    assert!(
        !text.contains(" 0/2\n") && !text.contains(" 0/12\n"),
        "{text}"
    );
}
