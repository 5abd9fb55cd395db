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
