//! `--format sarif|github|junit` and `--output FORMAT=PATH`, through the binary, on a small fixture
//! with an error (with labels), a warning and an info finding, and a county file for JUnit's
//! skipped cases.

use assert_cmd::Command;
use serde_json::Value;

const ORGS: &str = "tests/fixtures/formats/orgs";
const PACK: &str = "tests/fixtures/formats/pack.toml";

fn bianzhi() -> Command {
    let mut cmd = Command::cargo_bin("bianzhi").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env("LANG", "C")
        .env("NO_COLOR", "1");
    cmd
}

/// stdout of `bianzhi check` on the fixture, with its exit code.
fn check(extra: &[&str]) -> (String, i32) {
    let out = bianzhi()
        .args(["check", ORGS, "--rules", PACK, "--lang", "en"])
        .args(extra)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn redact_version(s: &str) -> String {
    s.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[version]\"",
    )
    .replace(
        &format!("bianzhi {}", env!("CARGO_PKG_VERSION")),
        "bianzhi [version]",
    )
}

#[test]
fn github_workflow_commands() {
    let (out, code) = check(&["--format", "github"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn junit_xml() {
    let (out, code) = check(&["--format", "junit"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn junit_warnings_fail_under_deny_warnings() {
    let (out, _) = check(&["--format", "junit", "--deny", "warnings"]);
    assert!(
        out.contains(r#"<failure message="1 holders of principal staff"#),
        "{out}"
    );
}

#[test]
fn sarif_log() {
    let (out, code) = check(&["--format", "sarif"]);
    assert_eq!(code, 1);
    // The rules' documentation belongs to the rules (and is checked below): not snapshotted here.
    let mut log: Value = serde_json::from_str(&redact_version(&out)).unwrap();
    if let Some(rules) = log.pointer_mut("/runs/0/tool/driver/rules") {
        for r in rules.as_array_mut().unwrap() {
            let id = r["id"].as_str().unwrap().to_string();
            for key in ["shortDescription", "fullDescription", "help"] {
                for field in ["text", "markdown"] {
                    if r[key].get(field).is_some() {
                        r[key][field] = Value::String(format!("[{key} of {id}]"));
                    }
                }
            }
        }
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn sarif_lists_every_rule_in_force_and_indexes_results() {
    let (out, _) = check(&["--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["BZ001", "BZ006", "BZ012", "BZ101", "BZ103", "BZ205"]);
    for r in rules {
        for key in [
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "helpUri",
        ] {
            assert!(!r[key].is_null(), "rule {} has no {key}", r["id"]);
        }
    }
    for res in run["results"].as_array().unwrap() {
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], res["ruleId"]);
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let town = std::fs::read_to_string(manifest.join(ORGS).join("town.toml")).unwrap();
    let run = |text: &str| -> Value {
        std::fs::write(dir.path().join("town.toml"), text).unwrap();
        let out = bianzhi()
            .arg("check")
            .arg(dir.path())
            .args(["--rules", PACK, "--format", "sarif"])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let key = |log: &Value| -> Vec<(String, String, i64)> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["bianzhiFindingId/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_i64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = key(&run(&town));
    let after = key(&run(&format!("# moved\n\n\n{town}")));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, &b.1), (&a.0, &a.1));
        assert_eq!(b.2 + 3, a.2);
    }
    let mut prints: Vec<&String> = before.iter().map(|b| &b.1).collect();
    prints.dedup();
    assert_eq!(prints.len(), before.len(), "fingerprints are unique");
}

#[test]
fn output_writes_several_formats_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (stdout, code) = check(&[
        "--format",
        "json",
        "--output",
        &format!("sarif={}", p("out/bianzhi.sarif")),
        "--output",
        &format!("github={}", p("gh.txt")),
        "--output",
        &format!("junit={}", p("junit.xml")),
        "--output",
        &format!("human={}", p("human.txt")),
    ]);
    assert_eq!(code, 1);
    // stdout still gets --format.
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["summary"]["error"], 2);
    for (file, format) in [
        ("out/bianzhi.sarif", "sarif"),
        ("gh.txt", "github"),
        ("junit.xml", "junit"),
    ] {
        let written = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert_eq!(written, check(&["--format", format]).0, "{file}");
    }
    let human = std::fs::read_to_string(dir.path().join("human.txt")).unwrap();
    assert!(human.contains("2 errors, 1 warning, 1 info"), "{human}");
    assert!(!human.contains('\u{1b}'), "no colour in files");

    // Reports are written as they are made; a report whose bytes did not change leaves its file
    // as it was (the same file, not a copy renamed over it), one that changed replaces it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ino = |f: &str| std::fs::metadata(dir.path().join(f)).unwrap().ino();
        let before = ino("gh.txt");
        let args = ["--output", &format!("github={}", p("gh.txt"))];
        assert_eq!(check(&args).1, 1);
        assert_eq!(ino("gh.txt"), before, "unchanged report left untouched");
        std::fs::write(dir.path().join("gh.txt"), "old\n").unwrap();
        let before = ino("gh.txt");
        assert_eq!(check(&args).1, 1);
        assert_ne!(ino("gh.txt"), before, "a changed report replaces the file");
        let written = std::fs::read_to_string(dir.path().join("gh.txt")).unwrap();
        assert_eq!(written, check(&["--format", "github"]).0);
    }
}

#[test]
fn a_bad_output_argument_is_an_input_error() {
    for bad in ["sarif", "pdf=x.pdf", "sarif="] {
        let (_, code) = check(&["--output", bad]);
        assert_eq!(code, 2, "--output {bad}");
    }
}

#[test]
fn input_errors_are_github_errors_and_sarif_notifications() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[unit]\nid = \"x\"\nname = \"x\"\nkind = \"town\"\nas_of = \"yesterday\"\n",
    )
    .unwrap();
    let out = bianzhi()
        .arg("check")
        .arg(dir.path())
        .args(["--lang", "en", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(",line=5,col=9,title=bianzhi%3A input error::wrong type for `as_of`"),
        "{text}"
    );
    let out = bianzhi()
        .arg("check")
        .arg(dir.path())
        .args(["--lang", "en", "--format", "sarif"])
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(inv["toolExecutionNotifications"][0]["level"], "error");
}
