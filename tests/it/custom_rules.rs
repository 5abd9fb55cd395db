//! Custom (CEL) rules, `bianzhi test` and `bianzhi init`, through the binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn bianzhi() -> Command {
    let mut c = Command::cargo_bin("bianzhi").expect("binary");
    c.env("LANG", "en_US.UTF-8").env_remove("LC_ALL");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example town of `bianzhi init`, written into `dir` as `town.toml`.
fn town(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let text = std::fs::read_to_string(root().join("templates/init/town.toml")).expect("template");
    let path = dir.join("town.toml");
    std::fs::write(&path, edit(text)).expect("write");
    path
}

fn pack(dir: &Path, custom: &str) -> PathBuf {
    let path = dir.join("pack.toml");
    let text = format!("[pack]\nid = \"t\"\nextends = [\"jiangsu-2017\"]\n\n{custom}");
    std::fs::write(&path, text).expect("write");
    path
}

const SHARE: &str = r#"[[custom]]
code = "JS101"
name = "enforcement-certified-share"
level = "warning"
scope = "body"
when = "body.office == 'front' && body.duty == 'enforcement'"
assert = "body.persons.filter(p, p.enforcement_certified).size() * 10 >= body.persons.size() * 8"
message = "fewer than 80% of the enforcement body's staff hold enforcement certificates"
message_zh = "综合执法机构持执法证人员不足 80%"
cite = { zh = "江苏经济发达镇意见 二(三)4", en = "Jiangsu DT Opinions 2017, II(3).4" }
"#;

fn uncertify(t: String) -> String {
    t.replacen(
        "title = \"科员\"\nenforcement_certified = true",
        "title = \"科员\"\nenforcement_certified = false",
        1,
    )
}

#[test]
fn custom_rule_fires_where_its_assertion_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = pack(dir.path(), SHARE);
    let t = town(dir.path(), uncertify);
    let out = bianzhi()
        .args(["check", "--format", "json", "--deny", "warnings", "--rules"])
        .arg(&p)
        .arg(&t)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{json:#}");
    let f = &findings[0];
    assert_eq!(f["code"], "JS101");
    assert_eq!(f["name"], "enforcement-certified-share");
    assert_eq!(f["level"], "warning");
    assert_eq!(f["target"], "body:enforcement");
    assert_eq!(f["cite"], "Jiangsu DT Opinions 2017, II(3).4");
    assert_eq!(
        f["message"],
        "fewer than 80% of the enforcement body's staff hold enforcement certificates"
    );
    // It points at the body's header.
    let text = std::fs::read_to_string(&t).expect("read");
    let line = text
        .lines()
        .position(|l| l == "id = \"enforcement\"")
        .expect("body");
    assert_eq!(f["line"], line as u64, "the [[body]] header above the id");

    bianzhi()
        .args(["check", "--lang", "zh", "--rules"])
        .arg(&p)
        .arg(&t)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("综合执法机构持执法证人员不足 80%"));
}

#[test]
fn custom_rule_is_quiet_where_its_assertion_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = pack(dir.path(), SHARE);
    let t = town(dir.path(), |t| t);
    bianzhi()
        .args(["check", "--deny", "warnings", "--rules"])
        .arg(&p)
        .arg(&t)
        .assert()
        .code(0);
}

#[test]
fn custom_rules_are_listed_and_can_be_excepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = pack(dir.path(), SHARE);
    bianzhi()
        .args(["rules", "--rules"])
        .arg(&p)
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("JS101")
                .and(predicate::str::contains("enforcement-certified-share")),
        );
    let t = town(dir.path(), |t| {
        uncertify(t)
            + "\n[[exception]]\nrule = \"enforcement-certified-share\"\ntarget = \"body:enforcement\"\napproval = \"编委〔2024〕3号\"\n"
    });
    bianzhi()
        .args(["check", "--format", "json", "--deny", "warnings", "--rules"])
        .arg(&p)
        .arg(&t)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"findings\": []"));
}

#[test]
fn broken_expression_is_a_pack_error_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let custom = SHARE.replace(
        "assert = \"body.persons.filter(p, p.enforcement_certified).size() * 10 >= body.persons.size() * 8\"",
        "assert = \"body.persons.size( > 2\"",
    );
    let p = pack(dir.path(), &custom);
    let t = town(dir.path(), |t| t);
    let out = bianzhi()
        .args(["check", "--format", "json", "--rules"])
        .arg(&p)
        .arg(&t)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let e = &json["errors"][0];
    assert!(
        e["file"].as_str().is_some_and(|f| f.ends_with("pack.toml")),
        "{e}"
    );
    // `assert = "body.persons.size( > 2"`: line 11 of the pack, column 30 is the `>`.
    assert_eq!(e["line"], 11, "{e}");
    assert_eq!(e["column"], 30, "{e}");
    assert!(e["message"]
        .as_str()
        .is_some_and(|m| m.contains("not a valid CEL expression")));
}

#[test]
fn unknown_field_and_non_bool_are_pack_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = town(dir.path(), |t| t);
    for (assert, want) in [
        ("body.nam == 'x'", "nam"),
        ("body.persons.size()", "must yield a bool"),
        ("person.name == 'x'", "name"),
    ] {
        let custom = format!(
            "[[custom]]\ncode = \"X1\"\nname = \"x\"\nscope = \"body\"\nassert = \"{assert}\"\nmessage = \"m\"\ncite = \"c\"\n"
        );
        let p = pack(dir.path(), &custom);
        bianzhi()
            .args(["check", "--rules"])
            .arg(&p)
            .arg(&t)
            .assert()
            .code(2)
            .stdout(predicate::str::contains(want));
    }
}

#[test]
fn run_time_failure_is_an_input_error_reported_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let custom = "[[custom]]\ncode = \"X1\"\nname = \"x\"\nscope = \"person\"\nassert = \"unit.bodies[9].id != ''\"\nmessage = \"m\"\ncite = \"c\"\n";
    let p = pack(dir.path(), custom);
    let t = town(dir.path(), |t| t);
    let out = bianzhi()
        .args(["check", "--format", "json", "--rules"])
        .arg(&p)
        .arg(&t)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let errors = json["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{json:#}");
    assert_eq!(errors[0]["line"], 9);
}

#[test]
fn custom_code_may_not_shadow_a_built_in_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = pack(dir.path(), &SHARE.replace("JS101", "BZ001"));
    bianzhi()
        .args(["rules", "--rules"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("built-in rule BZ001"));
}

#[test]
fn the_packs_own_tests_pass() {
    bianzhi()
        .current_dir(root())
        .args(["test", "rules/tests"])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("7 passed, 0 failed\n"));
}

#[test]
fn a_failing_case_exits_1_with_the_closing_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    town(dir.path(), |t| t);
    std::fs::write(
        dir.path().join("town.expect.toml"),
        "pack = \"jiangsu-2017\"\n\n[[finding]]\ncode = \"BZ001\"\ntarget = \"body:office\"\n",
    )
    .expect("write");
    bianzhi()
        .arg("test")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("FAIL")
                .and(predicate::str::contains("BZ001 body:office"))
                .and(predicate::str::ends_with("0 passed, 1 failed\n")),
        );
}

#[test]
fn a_bad_expectation_is_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    town(dir.path(), |t| t);
    std::fs::write(
        dir.path().join("town.expect.toml"),
        "[[finding]]\ncod = 1\n",
    )
    .expect("write");
    bianzhi()
        .arg("test")
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout(predicate::str::ends_with("0 passed, 0 failed\n"));
}

#[test]
fn init_creates_a_repository_that_checks_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path().join("repo");
    bianzhi().arg("init").arg(&repo).assert().code(0);
    bianzhi()
        .current_dir(&repo)
        .args(["check", "--deny", "warnings"])
        .assert()
        .code(0);
    bianzhi()
        .current_dir(&repo)
        .args([
            "check",
            "orgs",
            "--deny",
            "warnings",
            "--rules",
            "rules/local.toml",
        ])
        .assert()
        .code(0);
    bianzhi()
        .current_dir(&repo)
        .args(["test", "rules/tests"])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("2 passed, 0 failed\n"));
    let yml = std::fs::read_to_string(repo.join(".github/workflows/bianzhi.yml")).expect("read");
    let doc: serde_norway::Value = serde_norway::from_str(&yml).expect("valid YAML");
    let steps = doc["jobs"]["check"]["steps"].as_sequence().expect("steps");
    assert!(steps.iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))));
    assert!(repo.join("README.md").is_file());
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("README.md"), "mine\n").expect("write");
    bianzhi()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("README.md"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).expect("read"),
        "mine\n"
    );
    assert!(!dir.path().join("orgs").exists(), "nothing written");
}

/// `message` and `cite` as `{ zh, en }`, and `applies_to`: the rule speaks the output language and
/// runs only on the units its scope covers.
const SHARE_BILINGUAL_DEV: &str = r#"[[custom]]
code = "JS102"
name = "enforcement-certified-share-dev"
scope = "body"
applies_to = "dev"
when = "body.office == 'front' && body.duty == 'enforcement'"
assert = "body.persons.filter(p, p.enforcement_certified).size() * 10 >= body.persons.size() * 8"
message = { zh = "综合执法机构持执法证人员不足 80%", en = "fewer than 80% of the enforcement staff hold certificates" }
cite = { zh = "江苏经济发达镇意见 二(三)4", en = "Jiangsu DT Opinions 2017, II(3).4" }
"#;

fn findings_of(pack: &Path, town: &Path, lang: &str) -> Vec<serde_json::Value> {
    let out = bianzhi()
        .args(["check", "--format", "json", "--lang", lang, "--rules"])
        .arg(pack)
        .arg(town)
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["findings"].as_array().expect("findings").clone()
}

#[test]
fn custom_rule_text_follows_the_language_and_applies_to_limits_where_it_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = pack(dir.path(), SHARE_BILINGUAL_DEV);
    let t = town(dir.path(), uncertify);
    let zh = findings_of(&p, &t, "zh");
    let f = zh
        .iter()
        .find(|f| f["code"] == "JS102")
        .expect("JS102 on a developed town");
    assert_eq!(f["message"], "综合执法机构持执法证人员不足 80%");
    assert_eq!(f["cite"], "江苏经济发达镇意见 二(三)4");
    let en = findings_of(&p, &t, "en");
    let f = en.iter().find(|f| f["code"] == "JS102").expect("JS102");
    assert_eq!(
        f["message"],
        "fewer than 80% of the enforcement staff hold certificates"
    );
    assert_eq!(f["cite"], "Jiangsu DT Opinions 2017, II(3).4");
    // The same town, not a developed town: the rule does not look at it.
    let t = town(dir.path(), |s| {
        uncertify(s).replacen("developed_town = true", "developed_town = false", 1)
    });
    let none = findings_of(&p, &t, "en");
    assert!(none.iter().all(|f| f["code"] != "JS102"), "{none:?}");
}

#[test]
fn a_custom_message_table_needs_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = pack(
        dir.path(),
        &SHARE_BILINGUAL_DEV.replace(
            "message = { zh = \"综合执法机构持执法证人员不足 80%\", en",
            "message = { cn = \"综合执法机构持执法证人员不足 80%\", en",
        ),
    );
    bianzhi()
        .args(["rules", "--rules"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`message` must be a string or"));
}

/// A custom rule's label on its assertion points into the pack file in a plain check (the
/// streamed one) as with `--baseline`: in human, JSON and SARIF output alike.
#[test]
fn custom_rule_labels_its_assertion_in_the_pack_in_every_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = pack(dir.path(), SHARE);
    let t = town(dir.path(), uncertify);
    let pack_text = std::fs::read_to_string(&p).expect("read");
    let assert_line = pack_text
        .lines()
        .position(|l| l.starts_with("assert = "))
        .expect("assert")
        + 1;
    let run = |format: &str| {
        let out = bianzhi()
            .args(["check", "--deny", "warnings", "--format", format, "--rules"])
            .arg(&p)
            .arg(&t)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).expect("utf-8")
    };

    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("json");
    let label = &json["findings"][0]["labels"][0];
    assert_eq!(label["message"], "the rule's assertion", "{json:#}");
    assert!(
        label["file"].as_str().expect("file").ends_with("pack.toml"),
        "{json:#}"
    );
    assert_eq!(label["line"], assert_line as u64, "{json:#}");

    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).expect("sarif");
    let related = &sarif["runs"][0]["results"][0]["relatedLocations"][0];
    let uri = related["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .expect("uri");
    assert!(uri.ends_with("pack.toml"), "{sarif:#}");
    assert_eq!(
        related["physicalLocation"]["region"]["startLine"], assert_line as u64,
        "{sarif:#}"
    );

    let human = run("human");
    // The label's excerpt is the pack's assertion line, under the pack's path.
    let at = human.find("the rule's assertion").expect("label");
    let label = &human[at..];
    assert!(
        label.contains(&format!("pack.toml:{assert_line}:")),
        "{human}"
    );
    assert!(label.contains("assert = \"body.persons"), "{human}");
    assert!(!label.contains("town.toml"), "{human}");
}
