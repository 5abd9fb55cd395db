//! `bianzhi report`: snapshots of the human, JSON and CSV output for a small fixture and for the
//! examples in orgs/, and the xlsx workbook read back with calamine.

use assert_cmd::Command;
use calamine::{Data, Reader};

fn report(args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .arg("report")
        .args(args)
        .env("CI", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const FIXTURE: &str = "tests/fixtures/report";

#[test]
fn fixture_human_en() {
    let (out, code) = report(&[FIXTURE, "--lang", "en"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn fixture_human_zh() {
    let (out, code) = report(&[FIXTURE, "--lang", "zh"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn fixture_json() {
    let (out, code) = report(&[FIXTURE, "--format", "json"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn fixture_csv_zh() {
    let (out, code) = report(&[FIXTURE, "--format", "csv", "--lang", "zh"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn examples_human_zh() {
    let (out, code) = report(&["orgs", "--lang", "zh"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn examples_json() {
    let (out, code) = report(&["orgs", "--format", "json"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn examples_csv() {
    let (out, code) = report(&["orgs", "--format", "csv", "--lang", "en"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn bad_input_is_reported_with_place_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[unit]\nid = \"x\"\nname = \"X\"\nkind = \"town\"\nas_of = \"soon\"\n",
    )
    .expect("write");
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .args(["report", "--lang", "en"])
        .arg(&bad)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml:5:"), "{err}");
}

#[test]
fn xlsx_needs_output() {
    let (_, code) = report(&[FIXTURE, "--format", "xlsx"]);
    assert_eq!(code, 2);
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn xlsx_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.xlsx");
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .args([
            "report",
            FIXTURE,
            "--format",
            "xlsx",
            "--lang",
            "zh",
            "--show-names",
            "-o",
        ])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut wb = calamine::open_workbook_auto(&path).expect("open");
    assert_eq!(wb.sheet_names(), vec!["汇总", "xian", "xiaozhen"]);

    let summary = wb.worksheet_range("汇总").expect("summary");
    assert_eq!(cell(&summary, 0, 0), "单位");
    assert_eq!(cell(&summary, 0, 4), "行政编制");
    assert_eq!(cell(&summary, 1, 4), "核定");
    assert_eq!(cell(&summary, 1, 7), "超编");
    // The county has no establishment of its own in use: its limit is not a quota with every
    // place vacant, nor its towns' quotas its actual staff.
    assert_eq!(cell(&summary, 2, 1), "xian");
    for c in 4..8 {
        assert_eq!(cell(&summary, 2, c), "—");
    }
    // Under the units, its limit against the towns' quotas: 8 administrative, 10 used, 2 over.
    let head: Vec<String> = (0..6).map(|c| cell(&summary, 5, c)).collect();
    assert_eq!(
        head,
        ["单位", "编制类别", "编制限额", "各镇核定", "余额", "超限额"]
    );
    let row: Vec<String> = (0..6).map(|c| cell(&summary, 6, c)).collect();
    assert_eq!(row, ["某县", "行政编制", "8", "10", "0", "2"]);
    let row: Vec<String> = (0..6).map(|c| cell(&summary, 7, c)).collect();
    assert_eq!(row, ["某县", "事业编制", "20", "4", "16", "0"]);
    // The town: administrative 10 approved, 6 actual, 4 vacant; posts 5 approved, 2 filled.
    assert_eq!(cell(&summary, 3, 1), "xiaozhen");
    assert_eq!(cell(&summary, 3, 4), "10");
    assert_eq!(cell(&summary, 3, 5), "6");
    assert_eq!(cell(&summary, 3, 6), "4");
    assert_eq!(cell(&summary, 3, 20), "5");
    assert_eq!(cell(&summary, 3, 21), "2");

    let town = wb.worksheet_range("xiaozhen").expect("town sheet");
    assert_eq!(cell(&town, 0, 0), "小镇编制台账（2020-06-30）");
    let header: Vec<String> = (0..6).map(|c| cell(&town, 1, c)).collect();
    assert_eq!(header, ["机构", "编制类别", "核定", "实有", "空编", "超编"]);
    // Nothing approved there: "—", never 0 approved and all over.
    let lead: Vec<String> = (0..6).map(|c| cell(&town, 2, c)).collect();
    assert_eq!(lead, ["领导班子", "行政编制", "—", "2", "—", "—"]);
    let dispatched: Vec<String> = (0..6).map(|c| cell(&town, 5, c)).collect();
    assert_eq!(
        dispatched,
        ["派出所（派驻）", "政法专项编制", "—", "12", "—", "—"]
    );
    assert_eq!(cell(&town, 3, 0), "党政办公室");
    assert_eq!(cell(&town, 3, 3), "4");
    assert_eq!(cell(&town, 3, 5), "1");

    let roster_header = (0..town.height() as u32)
        .find(|&r| cell(&town, r, 0) == "人员编号")
        .expect("roster header");
    let header: Vec<String> = (0..11).map(|c| cell(&town, roster_header, c)).collect();
    assert_eq!(
        header,
        [
            "人员编号",
            "姓名",
            "所在机构",
            "编制类别",
            "财政供养",
            "职务",
            "职务层次",
            "职级",
            "执法证",
            "上级职务",
            "兼任职务"
        ]
    );
    let r = roster_header + 3;
    let row: Vec<String> = (0..11).map(|c| cell(&town, r, c)).collect();
    assert_eq!(
        row,
        [
            "X003",
            "丙",
            "党政办公室",
            "行政编制",
            "是",
            "主任",
            "副科",
            "四级主任科员",
            "",
            "",
            ""
        ]
    );
    assert_eq!(cell(&town, roster_header + 1, 2), "小镇");
    assert_eq!(cell(&town, roster_header + 2, 10), "党委委员");
}

#[test]
fn xlsx_without_show_names_has_no_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.xlsx");
    Command::cargo_bin("bianzhi")
        .expect("binary")
        .args(["report", FIXTURE, "--format", "xlsx", "--lang", "zh", "-o"])
        .arg(&path)
        .assert()
        .success();
    let mut wb = calamine::open_workbook_auto(&path).expect("open");
    let town = wb.worksheet_range("xiaozhen").expect("town sheet");
    for row in town.rows() {
        for c in row {
            let s = c.to_string();
            assert!(
                s != "姓名" && s != "甲" && s != "丙",
                "a name in the workbook: {s}"
            );
        }
    }
}
