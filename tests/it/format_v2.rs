//! Format version 2 through the binary: bad input in the new tables is an input error (exit 2) with
//! its file, line and column, and the other files are still checked.

use crate::common;

use assert_cmd::Command;

#[test]
fn bad_input_in_the_new_tables_has_file_line_and_column() {
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args([
            "check",
            "tests/fixtures/format_v2",
            "--format",
            "json",
            "--lang",
            "en",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let errors = common::error_places(&doc);
    let bad = "tests/fixtures/format_v2/bad-v2.toml";
    let want = [
        (12, 36, "unknown value `province`"),
        (
            19,
            8,
            "`duty = \"command\"` (the 一中心) is for a body that is neither front nor dispatched",
        ),
        (
            25,
            14,
            "`cs_managed = true` (参公) is for a person in the institution establishment",
        ),
        (27, 1, "missing key `doc` in [[transfer]]"),
    ];
    assert_eq!(errors.len(), want.len(), "{errors:#?}");
    for ((line, col, text), got) in want.iter().zip(&errors) {
        let at = format!("{bad}:{line}:{col} ");
        assert!(
            got.starts_with(&at) && got.contains(text),
            "want {at}{text}, got {got}"
        );
    }
    assert_eq!(doc["files_checked"], 2, "{doc:#}");
}
