//! Format version 3 through the binary: a plan that moves a body out whole (整建制上划) written
//! the version-2 way, with an approved `[[exception]]`, still works; written the version-3 way, with
//! a `[[transfer]] direction = "out"` and `whole_body = true`, it needs no exception. Bad input in the
//! new keys is an input error (exit 2) with its file, line and column.

use crate::common;

use assert_cmd::Command;
use serde_json::Value;

fn check(path: &str) -> (Option<i32>, Value) {
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(["check", path, "--format", "json", "--lang", "en"])
        .output()
        .expect("run");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{path}: no JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), doc)
}

/// `code target level` of every finding.
fn findings(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["code"].as_str().unwrap_or_default(),
                f["target"].as_str().unwrap_or_default(),
                f["level"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// What the plans of a reorganization are checked for: references, nothing lost, the
/// establishment that leaves, the exceptions.
const PLAN_RULES: &[&str] = &["BZ009", "BZ108", "BZ501", "BZ502", "BZ901", "BZ902"];

fn plan_findings(doc: &Value) -> Vec<String> {
    findings(doc)
        .into_iter()
        .filter(|f| PLAN_RULES.iter().any(|c| f.starts_with(c)))
        .collect()
}

#[test]
fn a_version_2_plan_with_an_exception_for_a_body_moved_out_still_works() {
    let (code, doc) = check("tests/fixtures/format_v3/compat-v2");
    assert_eq!(doc["errors"], serde_json::json!([]), "{doc:#}");
    // The exception covers BZ501's finding for 水利站: it is used, so neither BZ501 nor BZ902.
    assert_eq!(plan_findings(&doc), Vec::<String>::new(), "{doc:#}");
    let excepted: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "BZ501")
        .collect();
    assert!(excepted.is_empty(), "{excepted:#?}");
    assert_ne!(code, Some(2));
}

#[test]
fn the_same_plan_written_with_a_transfer_out_needs_no_exception() {
    let (code, doc) = check("tests/fixtures/format_v3/compat-v3");
    assert_eq!(doc["errors"], serde_json::json!([]), "{doc:#}");
    assert_eq!(plan_findings(&doc), Vec::<String>::new(), "{doc:#}");
    let plan = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/format_v3/compat-v3/2019-plan.toml"
    ))
    .unwrap();
    assert!(!plan.contains("[[exception]]") && !plan.contains("[[departure]]"));
    assert_ne!(code, Some(2));
}

#[test]
fn without_its_exception_the_version_2_plan_loses_the_body() {
    // The exception is what makes the version-2 plan pass: the same file without it is BZ501's.
    let dir = std::env::temp_dir().join(format!("bianzhi-format-v3-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/format_v3/compat-v2"
    );
    std::fs::copy(format!("{src}/2018.toml"), dir.join("2018.toml")).unwrap();
    let plan = std::fs::read_to_string(format!("{src}/2019-plan.toml")).unwrap();
    let plan = plan.split("[[exception]]").next().unwrap().to_string();
    std::fs::write(dir.join("2019-plan.toml"), plan).unwrap();
    let (_, doc) = check(dir.to_str().unwrap());
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        plan_findings(&doc),
        vec!["BZ501 body:slz error".to_string()],
        "{doc:#}"
    );
}

#[test]
fn bad_input_in_the_new_keys_has_file_line_and_column() {
    let (code, doc) = check("tests/fixtures/format_v3/bad");
    assert_eq!(code, Some(2));
    let errors = common::error_places(&doc);
    let bad = "tests/fixtures/format_v3/bad/bad-v3.toml";
    assert_eq!(
        errors,
        vec![
            format!("{bad}:18:9 missing key `by` in [transfer.above]"),
            format!(
                "{bad}:20:1 [[abolition]] needs `doc` (the decision) or `reason` (why the body is abolished)"
            ),
        ]
    );
    assert_eq!(doc["files_checked"], 2, "{doc:#}");
}
