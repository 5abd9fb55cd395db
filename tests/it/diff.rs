//! `bianzhi diff BASE NEW` through the real binary: the example plan in `orgs/` (human in both
//! languages, and JSON), a plan that loses things, and bad input.

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

const BASE: &str = "orgs/wujiang/shengze/2018.toml";
const PLAN: &str = "orgs/wujiang/shengze/2019-plan.toml";

fn diff(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("diff")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn example_plan_human_en() {
    let (code, stdout, stderr) = diff(&[BASE, PLAN, "--lang", "en"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn example_plan_human_zh() {
    let (code, stdout, stderr) = diff(&[BASE, PLAN, "--lang", "zh"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn example_plan_json() {
    let (code, stdout, stderr) = diff(&[BASE, PLAN, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    // Four leave, one is recruited and three come over from the county with their establishment.
    assert_eq!(doc["fiscally_funded"]["delta"], 0);
    assert_eq!(doc["counted_bodies"]["delta"], -1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_plan_that_loses_a_body_and_people() {
    let dir = "tests/fixtures/rules/BZ501/violation-lost";
    let (code, stdout, stderr) = diff(&[
        &format!("{dir}/2018.toml"),
        &format!("{dir}/2019-plan.toml"),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

/// Format v3: a plan that moves a body out whole with its people, abolishes another and takes
/// establishment in with the central approval above: every format shows them with their documents.
const V3: &str = "tests/fixtures/format_v3/diff";

#[test]
fn a_plan_that_moves_a_body_out_and_abolishes_one_human() {
    for lang in ["en", "zh"] {
        let (code, stdout, stderr) = diff(&[
            &format!("{V3}/2018.toml"),
            &format!("{V3}/2019-plan.toml"),
            "--lang",
            lang,
        ]);
        assert_eq!(code, 0, "{stderr}");
        insta::assert_snapshot!(format!("v3_out_and_abolition_{lang}"), stdout);
    }
}

#[test]
fn a_plan_that_moves_a_body_out_and_abolishes_one_json_html_xlsx() {
    let (base, plan) = (format!("{V3}/2018.toml"), format!("{V3}/2019-plan.toml"));
    let (code, stdout, stderr) = diff(&[&base, &plan, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let body = |id: &str| {
        doc["bodies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(body("slz")["change"], "transferred_out");
    assert_eq!(body("slz")["by"]["doc"], "盱编〔2019〕12号");
    assert_eq!(body("slz")["by"]["counterpart"], "盱眙县水务局");
    assert_eq!(body("czjs")["change"], "abolished");
    assert_eq!(body("czjs")["by"]["doc"], "盱编〔2019〕13号");
    assert_eq!(body("czjs")["by"]["reason"], "职责并入规划建设局");
    assert_eq!(doc["people"]["moved_out"], serde_json::Value::Null);
    assert_eq!(doc["people"]["transferred_out"], 2);
    assert_eq!(doc["people"]["lost"], 0);
    let out = &doc["transfers"][0];
    assert_eq!(
        (out["direction"].as_str(), out["whole_body"].as_bool()),
        (Some("out"), Some(true))
    );
    assert_eq!(
        doc["transfers"][1]["above"]["by"],
        "中央机构编制委员会办公室"
    );

    let (code, page, stderr) = diff(&[&base, &plan, "--format", "html", "--lang", "zh"]);
    assert_eq!(code, 0, "{stderr}");
    // Issue 20, item 10: the page runs no script and loads nothing, and says so.
    assert!(page.contains("Content-Security-Policy"), "{page}");
    assert!(page.contains("script-src 'none'"), "{page}");
    for want in [
        "整建制划出",
        "盱编〔2019〕12号",
        "盱编〔2019〕13号",
        "职责并入规划建设局",
        "随编划出",
        "中编办复字〔2019〕21号",
    ] {
        assert!(page.contains(want), "html lacks {want}");
    }

    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("d.xlsx");
    let (code, _, stderr) = diff(&[
        &base,
        &plan,
        "--format",
        "xlsx",
        "--lang",
        "zh",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("workbook");
    let range = wb.worksheet_range("变化").expect("sheet");
    let cells: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    for want in ["整建制划出", "随编划出"] {
        assert!(cells.iter().any(|c| c == want), "xlsx lacks {want}");
    }
    for want in [
        "盱编〔2019〕12号",
        "盱编〔2019〕13号",
        "中编办复字〔2019〕21号",
    ] {
        assert!(cells.iter().any(|c| c.contains(want)), "xlsx lacks {want}");
    }
}

#[test]
fn bad_input_is_exit_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[unit]\nid = \"x\"\nkind = \"village\"\n").unwrap();
    let (code, stdout, stderr) = diff(&[BASE, bad.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("bad.toml:"), "{stderr}");

    let (code, stdout, _) = diff(&[BASE, "no/such.toml", "--format", "json"]);
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["errors"][0]["file"], "no/such.toml");
}

/// The files given the wrong way round (the new file older than the baseline) are warned: every
/// change would read backwards. In the right order, nothing is said.
#[test]
fn a_reversed_diff_is_warned() {
    let (code, stdout, stderr) = diff(&[PLAN, BASE, "--lang", "zh"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("注意：新文件（2018-06-30）早于现状（2019-03-31）"),
        "{stdout}"
    );
    let (_, stdout, _) = diff(&[PLAN, BASE, "--lang", "en"]);
    assert!(
        stdout.contains("note: the new file (2018-06-30) is older than the baseline (2019-03-31)"),
        "{stdout}"
    );
    let (_, stdout, _) = diff(&[BASE, PLAN, "--lang", "en"]);
    assert!(!stdout.contains("older than the baseline"), "{stdout}");
}

/// The people table names bodies by their names (原机构, 新机构), as a clerk knows them.
#[test]
fn the_people_table_names_bodies() {
    let (code, stdout, stderr) = diff(&[BASE, PLAN, "--lang", "zh"]);
    assert_eq!(code, 0, "{stderr}");
    // The bodies table: a body that continues is named in 原机构 as well.
    assert!(
        stdout.contains("│ 延续 │ dzb     │ 党政办公室                     │ 党政办公室 "),
        "{stdout}"
    );
    // The people table: where each person was and goes, by the bodies' names.
    let people = &stdout[stdout.rfind("原机构").expect("people table")..];
    assert!(people.contains("社会事业局"), "{people}");
    for id in ["│ shsy ", "│ shbz ", "│ dzb "] {
        assert!(!people.contains(id), "{id}: {people}");
    }
}
