//! Baselines from outside the files checked: `check --baseline FILE` and `check --baseline-rev REV`
//! against a git repository built in the test. A plan that loses a body or a person, or raises a
//! total, fails with findings that point at the plan and label the baseline.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules");

/// Only the rules that compare with a baseline, so the test does not depend on the other rules.
const PACK: &str = r#"
[pack]
id = "baseline-test"
title = "baseline rules"

[rule.headcount-increase]
[rule.body-lost]
[rule.person-lost]
"#;

/// A fixture as a developed town, so that BZ104 (a developed-town rule) runs on it too.
fn fixture(rel: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(rel))
        .unwrap()
        .replacen(
            "kind = \"town\"",
            "kind = \"town\"\ndeveloped_town = true",
            1,
        )
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// A repository whose `orgs/town.toml` holds the baseline at the first commit; the working tree
/// then holds `plan` in its place (uncommitted).
fn repo(plan: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("orgs")).unwrap();
    std::fs::write(root.join("pack.toml"), PACK).unwrap();
    std::fs::write(
        root.join("orgs/town.toml"),
        fixture("BZ501/violation-lost/2018.toml"),
    )
    .unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "the structure in force"]);
    std::fs::write(root.join("orgs/town.toml"), plan).unwrap();
    dir
}

fn bianzhi(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap_or(dir))
        .args(["check", "--rules", "pack.toml", "--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// A plan that loses the agricultural centre and a person and raises the establishment.
fn losing_plan() -> String {
    fixture("BZ501/violation-lost/2019-plan.toml")
        .replace("administrative = 16", "administrative = 17")
        .replace("id = \"SZ0022\"", "id = \"SZ0099\"")
}

#[test]
fn a_plan_against_its_committed_self_points_at_both_files() {
    let dir = repo(&losing_plan());
    let (code, stdout, stderr) = bianzhi(
        dir.path(),
        &[
            "--baseline-rev",
            "HEAD",
            "--format",
            "json",
            "orgs/town.toml",
        ],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    let doc = json(&stdout);
    let findings = doc["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for want in ["BZ104", "BZ501", "BZ502"] {
        assert!(codes.contains(&want), "{want} missing in {codes:?}");
    }
    for f in findings {
        assert_eq!(f["file"], "orgs/town.toml", "{f}");
        let labels = f["labels"].as_array().unwrap();
        assert!(
            labels.iter().any(|l| l["file"] == "HEAD:orgs/town.toml"),
            "no label in the baseline: {f}"
        );
    }
    let raised = findings.iter().find(|f| f["code"] == "BZ104").unwrap();
    assert!(raised["message"]
        .as_str()
        .unwrap()
        .contains("from the baseline's 20 to 21"));
}

#[test]
fn an_unchanged_file_passes() {
    let dir = repo(&fixture("BZ501/violation-lost/2018.toml"));
    let (code, stdout, stderr) = bianzhi(dir.path(), &["--baseline-rev", "HEAD", "orgs"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn a_plan_that_accounts_for_everything_passes() {
    let dir = repo(&fixture("BZ501/clean-merged/2019-plan.toml"));
    let (code, stdout, stderr) = bianzhi(dir.path(), &["--baseline-rev", "HEAD", "orgs"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn the_revision_may_be_a_commit_hash_and_the_path_relative_to_a_subfolder() {
    let dir = repo(&losing_plan());
    let head = Command::new("git")
        .current_dir(dir.path())
        .args(["rev-parse", "HEAD"])
        .output()
        .unwrap();
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(dir.path().join("orgs"))
        .args(["check", "--rules", "../pack.toml", "--format", "json"])
        .args(["--baseline-rev", &head, "town.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    let label = &doc["findings"][0]["labels"][0]["file"];
    assert_eq!(*label, serde_json::Value::from(format!("{head}:town.toml")));
}

#[test]
fn an_unknown_revision_is_an_input_error() {
    let dir = repo(&losing_plan());
    let (code, stdout, _) = bianzhi(
        dir.path(),
        &[
            "--baseline-rev",
            "no-such-branch",
            "--format",
            "json",
            "orgs",
        ],
    );
    assert_eq!(code, 2, "{stdout}");
    let doc = json(&stdout);
    let msg = doc["errors"][0]["message"].as_str().unwrap();
    assert!(msg.contains("no such revision"), "{msg}");
    assert_eq!(doc["errors"][0]["file"], "orgs/town.toml");
}

#[test]
fn a_path_absent_at_the_revision_is_new_not_an_error() {
    // A pull request that adds a town: the new file has no baseline, and that is no input error.
    let dir = repo(&losing_plan());
    std::fs::write(
        dir.path().join("orgs/other.toml"),
        fixture("BZ501/clean-merged/2019-plan.toml").replace("id = \"demo\"", "id = \"other\""),
    )
    .unwrap();
    let (code, stdout, _) = bianzhi(
        dir.path(),
        &["--baseline-rev", "HEAD", "--format", "json", "orgs"],
    );
    assert!(code == 0 || code == 1, "{stdout}");
    let doc = json(&stdout);
    assert!(doc["errors"].as_array().unwrap().is_empty(), "{stdout}");
    // The other file is still checked against its baseline.
    assert!(!doc["findings"].as_array().unwrap().is_empty());
}

#[test]
fn outside_a_repository_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pack.toml"), PACK).unwrap();
    std::fs::write(dir.path().join("town.toml"), losing_plan()).unwrap();
    let (code, stdout, _) = bianzhi(
        dir.path(),
        &["--baseline-rev", "HEAD", "--format", "json", "town.toml"],
    );
    assert_eq!(code, 2, "{stdout}");
    let doc = json(&stdout);
    assert!(doc["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("not in a git repository"));
}

#[test]
fn baseline_file_points_at_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("pack.toml"), PACK).unwrap();
    std::fs::write(
        root.join("old.toml"),
        fixture("BZ501/violation-lost/2018.toml"),
    )
    .unwrap();
    std::fs::write(root.join("plan.toml"), losing_plan()).unwrap();
    let (code, stdout, stderr) = bianzhi(
        root,
        &["--baseline", "old.toml", "--format", "json", "plan.toml"],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    let doc = json(&stdout);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4, "{stdout}"); // 2 bodies, 1 person, 1 total
    for f in findings {
        assert_eq!(f["file"], "plan.toml");
        assert!(f["labels"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["file"] == "old.toml"));
    }
    // Only the plan is checked; the baseline is read, not counted.
    assert_eq!(doc["files_checked"], 1);
}

#[test]
fn baseline_file_of_another_unit_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("pack.toml"), PACK).unwrap();
    std::fs::write(
        root.join("old.toml"),
        fixture("BZ501/violation-lost/2018.toml").replace("id = \"demo\"", "id = \"elsewhere\""),
    )
    .unwrap();
    std::fs::write(root.join("plan.toml"), losing_plan()).unwrap();
    let (code, stdout, _) = bianzhi(root, &["--baseline", "old.toml", "plan.toml"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("old.toml:"), "{stdout}");
}

#[test]
fn the_earlier_snapshot_among_the_files_is_the_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("pack.toml"), PACK).unwrap();
    std::fs::create_dir(root.join("orgs")).unwrap();
    std::fs::write(
        root.join("orgs/2018.toml"),
        fixture("BZ501/violation-lost/2018.toml"),
    )
    .unwrap();
    std::fs::write(root.join("orgs/2019-plan.toml"), losing_plan()).unwrap();
    let (code, stdout, _) = bianzhi(root, &["--format", "json", "orgs"]);
    assert_eq!(code, 1, "{stdout}");
    let doc = json(&stdout);
    for f in doc["findings"].as_array().unwrap() {
        assert_eq!(f["file"], "orgs/2019-plan.toml");
        assert!(f["labels"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["file"] == "orgs/2018.toml"));
    }
}

#[test]
fn baseline_and_baseline_rev_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = bianzhi(
        dir.path(),
        &["--baseline", "a.toml", "--baseline-rev", "HEAD", "b.toml"],
    );
    assert_eq!(code, 2);
}

#[test]
fn sarif_names_a_baseline_revision_by_its_path_never_rev_colon_path() {
    let dir = repo(&losing_plan());
    let (code, stdout, _) = bianzhi(
        dir.path(),
        &["--baseline-rev", "HEAD", "--format", "sarif", "orgs"],
    );
    assert_eq!(code, 1, "{stdout}");
    let doc = json(&stdout);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let mut related = 0;
    for r in results {
        for loc in r["relatedLocations"].as_array().into_iter().flatten() {
            let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(!uri.contains(':'), "{uri}");
            related += 1;
        }
    }
    assert!(related > 0, "{stdout}");
    assert!(stdout.contains("at revision HEAD"), "{stdout}");
}

/// Issue 20, item 5: a plan whose file name is not UTF-8 is compared with the same file at the
/// revision, not taken for a new file.
#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_compared() {
    use std::os::unix::ffi::OsStrExt;
    let dir = repo(&losing_plan());
    let root = dir.path();
    let odd = root.join(std::ffi::OsStr::from_bytes(b"orgs/\xffown.toml"));
    std::fs::write(&odd, fixture("BZ501/violation-lost/2018.toml")).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "a second town"]);
    std::fs::write(&odd, losing_plan()).unwrap();
    std::fs::remove_file(root.join("orgs/town.toml")).unwrap();
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(root)
        .env("GIT_CEILING_DIRECTORIES", root.parent().unwrap_or(root))
        .args(["check", "--rules", "pack.toml", "--lang", "en"])
        .args(["--baseline-rev", "HEAD", "--format", "json"])
        .arg(&odd)
        .output()
        .unwrap();
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    let codes: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"BZ501"),
        "compared with its baseline: {doc:#}"
    );
}

/// Issue 20, item 5: the file at the revision is read with the same size limit as every input.
#[test]
fn the_file_at_the_revision_has_the_size_limit_of_every_input() {
    let big = format!(
        "{}\n# {}\n",
        fixture("BZ501/violation-lost/2018.toml"),
        "填".repeat(20_000)
    );
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("orgs")).unwrap();
    std::fs::write(root.join("pack.toml"), PACK).unwrap();
    std::fs::write(root.join("orgs/town.toml"), big).unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "a large baseline"]);
    std::fs::write(root.join("orgs/town.toml"), losing_plan()).unwrap();
    let (code, stdout, stderr) = bianzhi(
        root,
        &[
            "--baseline-rev",
            "HEAD",
            "--max-file-size",
            "32K",
            "orgs/town.toml",
        ],
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("more than the limit"),
        "{stdout}{stderr}"
    );
}

/// A `--baseline-rev` that fails is an input error; the plans it left without a baseline are not
/// then advised to give `--baseline-rev`, the flag just given.
#[test]
fn a_failed_revision_does_not_advise_the_flag_just_given() {
    // An unknown revision, and a folder outside any repository.
    let repository = repo(&losing_plan());
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("pack.toml"), PACK).unwrap();
    std::fs::create_dir(outside.path().join("orgs")).unwrap();
    std::fs::write(outside.path().join("orgs/town.toml"), losing_plan()).unwrap();
    for (dir, rev) in [
        (repository.path(), "no-such-branch"),
        (outside.path(), "HEAD"),
    ] {
        let (code, stdout, stderr) = bianzhi(dir, &["--baseline-rev", rev, "orgs"]);
        assert_eq!(code, 2, "{stdout}{stderr}");
        let all = format!("{stdout}{stderr}");
        assert!(all.contains(&format!("--baseline-rev {rev}:")), "{all}");
        assert!(all.contains("has no baseline"), "{all}");
        assert!(
            !all.contains("--baseline-rev REV"),
            "no advice to give the flag just given: {all}"
        );
        assert!(all.contains("could not be read"), "{all}");
    }
}
