//! Help a clerk can act on, through the binary: each file of `tests/fixtures/hints/` is checked in
//! both languages and its report is a snapshot. Type errors say what to write, full-width
//! punctuation and unquoted Chinese keys are named, synonyms and short forms get the official term,
//! and the summary never counts a file that could not be checked as "0 errors".

use assert_cmd::Command;

fn check(file: &str, lang: &str) -> String {
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(["check", file, "--lang", lang])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{file}: input errors exit 2");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    )
}

#[test]
fn every_hint_fixture_in_both_languages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hints");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for name in files {
        let path = format!("tests/fixtures/hints/{name}");
        let stem = name.trim_end_matches(".toml");
        for lang in ["zh", "en"] {
            let report = check(&path, lang);
            // Every error of these files comes with help.
            let (errors, helps) = (
                report.matches("  × ").count(),
                report.matches("help: ").count() + report.matches("建议：").count(),
            );
            assert_eq!(
                errors, helps,
                "{path} ({lang}): an error without help\n{report}"
            );
            assert!(
                !report.contains("0 errors") && !report.contains("0 个错误"),
                "{report}"
            );
            insta::assert_snapshot!(format!("{stem}-{lang}"), report);
        }
    }
}
