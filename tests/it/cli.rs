//! The command line through the real binary: exit codes, input errors with file:line:column, and
//! output shapes.

use assert_cmd::Command;
use predicates::prelude::*;

const DIR: &str = "tests/fixtures/cli";

fn bianzhi() -> Command {
    let mut cmd = Command::cargo_bin("bianzhi").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1");
    cmd
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Runs `check` on one file and returns (exit code, stdout).
fn check(args: &[&str]) -> (i32, String) {
    let out = bianzhi().arg("check").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_clean_file_exits_0() {
    let (code, out) = check(&[&fixture("good.toml"), "--rules", &fixture("max1.pack.toml")]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 errors, 0 warnings, 0 info in 1 file"),
        "{out}"
    );
}

#[test]
fn an_error_finding_exits_1() {
    let (code, out) = check(&[
        &fixture("over_limit.toml"),
        "--rules",
        &fixture("max1.pack.toml"),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("BZ001"), "{out}");
    assert!(
        out.contains("2 functional bodies; at most 1 are allowed"),
        "{out}"
    );
}

#[test]
fn warnings_fail_only_when_denied() {
    let args = [
        &fixture("over_limit.toml"),
        "--rules",
        &fixture("warn.pack.toml"),
    ];
    let (code, out) = check(&args);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 warning"), "{out}");
    let mut denied = args.to_vec();
    denied.extend(["--deny", "warnings"]);
    assert_eq!(check(&denied).0, 1);
}

/// Each kind of bad input: exit 2, a message naming the file with line and column, no panic.
#[test]
fn bad_input_is_reported_with_line_and_column() {
    let cases: &[(&str, &str)] = &[
        ("malformed.toml", "malformed.toml:3:"),
        ("wrong_type.toml", "wrong_type.toml:5:9"),
        ("unknown_key.toml", "unknown_key.toml:3:1"),
        ("unknown_enum.toml", "unknown_enum.toml:4:8"),
        ("duplicate_table.toml", "duplicate_table.toml:10:"),
        ("empty.toml", "empty.toml:1:1"),
    ];
    for (file, place) in cases {
        let (code, out) = check(&[&fixture(file)]);
        assert_eq!(code, 2, "{file}: {out}");
        assert!(out.contains(place), "{file}: expected `{place}` in\n{out}");
        assert!(!out.contains("panicked"), "{file}: {out}");
    }
}

#[test]
fn messages_explain_what_to_change() {
    let (_, out) = check(&[&fixture("unknown_key.toml")]);
    assert!(out.contains("did you mean `name`?"), "{out}");
    let (_, out) = check(&[&fixture("unknown_enum.toml")]);
    assert!(out.contains("town/镇"), "{out}");
    let (_, out) = check(&[&fixture("wrong_type.toml")]);
    assert!(out.contains("date"), "{out}");
}

#[test]
fn non_utf8_bytes_are_an_input_error_with_their_place() {
    let (code, out) = check(&[&fixture("not_utf8.toml")]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not_utf8.toml"), "{out}");
    assert!(out.contains("not_utf8.toml:3:9"), "{out}");
}

#[test]
fn a_missing_path_and_a_folder_without_org_files_exit_2() {
    let (code, out) = check(&["no/such/place.toml"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("no such file or folder: no/such/place.toml"),
        "{out}"
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "nothing").unwrap();
    let (code, out) = check(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("no org files found"), "{out}");
}

#[test]
fn other_files_are_still_checked_when_one_is_broken() {
    let (code, out) = check(&[
        &fixture("malformed.toml"),
        &fixture("over_limit.toml"),
        "--rules",
        &fixture("max1.pack.toml"),
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files_checked"], 2);
    assert_eq!(v["findings"][0]["code"], "BZ001");
    assert_eq!(v["errors"][0]["file"], "tests/fixtures/cli/malformed.toml");
    assert_eq!(v["summary"]["input_errors"], 1);
}

#[test]
fn a_bad_pack_is_reported_at_its_lines() {
    let (code, out) = check(&[&fixture("good.toml"), "--rules", &fixture("bad.pack.toml")]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("bad.pack.toml:4:7"), "{out}");
    assert!(out.contains("unknown rule `functional-body-limt`"), "{out}");
    assert!(
        out.contains("did you mean `functional-body-limit`?"),
        "{out}"
    );
    assert!(out.contains("bad.pack.toml:8:1"), "{out}");
    assert!(out.contains("unknown parameter `maxx`"), "{out}");
}

#[test]
fn an_unknown_grade_in_a_title_catalog_is_a_pack_error_at_its_entry() {
    let (code, out) = check(&[
        &fixture("good.toml"),
        "--rules",
        &fixture("bad-titles.pack.toml"),
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("bad-titles.pack.toml:7:1"), "{out}");
    // Human output wraps the message: check its pieces.
    assert!(out.contains("unknown grade `unit-"), "{out}");
    assert!(out.contains("for title `科长`"), "{out}");
    assert!(out.contains("body-1 or none"), "{out}");
}

#[test]
fn an_unknown_pack_id_exits_2() {
    let (code, out) = check(&[&fixture("good.toml"), "--rules", "guangdong-2099"]);
    assert_eq!(code, 2);
    assert!(out.contains("unknown rule pack `guangdong-2099`"), "{out}");
}

#[test]
fn a_bad_option_exits_2() {
    bianzhi()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn json_output_follows_the_spec() {
    let (code, out) = check(&[
        &fixture("over_limit.toml"),
        "--rules",
        &fixture("max1.pack.toml"),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    // CLI.md's keys, in order, with the project file and the packs of the run added (issue 20).
    assert_eq!(
        keys,
        [
            "version",
            "files_checked",
            "project",
            "packs",
            "findings",
            "errors",
            "summary"
        ]
    );
    let f = &v["findings"][0];
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        &keys[..12],
        [
            "code", "name", "level", "message", "file", "line", "column", "span", "unit", "target",
            "labels", "cite"
        ]
    );
    assert_eq!(f["name"], "functional-body-limit");
    assert_eq!(f["level"], "error");
    assert_eq!(f["file"], "tests/fixtures/cli/over_limit.toml");
    assert_eq!(f["line"], 14);
    assert_eq!(f["column"], 1);
    assert_eq!(f["unit"], "overlimit");
    assert_eq!(f["target"], "body:economy");
    assert_eq!(f["labels"][0]["line"], 9);
    assert_eq!(v["summary"]["error"], 1);
}

#[test]
fn messages_follow_the_language() {
    let (_, out) = check(&[
        &fixture("over_limit.toml"),
        "--rules",
        &fixture("max1.pack.toml"),
        "--lang",
        "zh",
    ]);
    assert!(out.contains("职能机构 2 个，超过上限 1 个"), "{out}");
    let out = bianzhi()
        .args([
            "check",
            &fixture("over_limit.toml"),
            "--rules",
            &fixture("max1.pack.toml"),
        ])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("超过上限"));
}

#[test]
fn names_stay_out_of_machine_output_unless_asked() {
    // G0001 is 张三 in good.toml; titles are checked by the default pack.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("t.toml");
    let text = std::fs::read_to_string(format!(
        "{}/{}",
        env!("CARGO_MANIFEST_DIR"),
        fixture("good.toml")
    ))
    .unwrap()
    .replace("title = \"科员\"", "title = \"主任助理\"");
    std::fs::write(&f, text).unwrap();
    let pack = dir.path().join("p.toml");
    std::fs::write(&pack, "[pack]\nid = \"t\"\n[rule.unauthorized-title]\n").unwrap();
    let args = [
        f.to_str().unwrap(),
        "--rules",
        pack.to_str().unwrap(),
        "--format",
        "json",
    ];
    let (code, out) = check(&args);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("G0001"), "{out}");
    assert!(!out.contains("张三"), "{out}");
    let mut named = args.to_vec();
    named.push("--show-names");
    let (_, out) = check(&named);
    assert!(out.contains("张三"), "{out}");
}

#[test]
fn explain_prints_the_rule_docs_in_both_languages() {
    bianzhi()
        .args(["explain", "BZ001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("What it checks"))
        .stdout(predicate::str::contains("Jiangsu DT Opinions 2017, II(2)"));
    bianzhi()
        .args(["explain", "functional-body-limit", "--lang", "zh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("检查内容"))
        .stdout(predicate::str::contains("“综合设置10个以内职能机构”"))
        .stdout(predicate::str::contains(
            "《关于深化经济发达镇行政管理体制改革工作的意见》",
        ))
        .stdout(predicate::str::contains("seed").not())
        .stdout(predicate::str::contains("违规示例"));
    bianzhi()
        .args(["explain", "BZ0001"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `BZ001`?"));
}

#[test]
fn explain_knows_the_custom_rules_of_the_packs_given() {
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/init/local.toml");
    bianzhi()
        .args(["explain", "LOCAL101", "--rules", pack])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "LOCAL101 enforcement-certified-share",
        ))
        .stdout(predicate::str::contains(
            "for each body: when `body.office == 'front'",
        ))
        .stdout(predicate::str::contains(
            "Jiangsu DT Opinions 2017, II(3).4",
        ))
        // A custom rule has no examples: no empty example sections.
        .stdout(predicate::str::contains("Example").not());
    bianzhi()
        .args([
            "explain",
            "enforcement-certified-share",
            "--rules",
            pack,
            "--lang",
            "zh",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("适用于每个机构：当 `body.office"))
        .stdout(predicate::str::contains("依据"));
    bianzhi()
        .args(["explain", "LOCAL102", "--rules", pack])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `LOCAL101`?"));
    bianzhi()
        .args(["explain", "LOCAL101"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--rules PACK"));
    bianzhi()
        .args(["explain", "LOCAL101", "--rules", "no-such-pack.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-pack.toml"));
}

#[test]
fn rules_lists_the_rules_in_force() {
    bianzhi()
        .args(["rules", "--rules", &fixture("max1.pack.toml")])
        .assert()
        .success()
        .stdout(predicate::str::contains("functional-body-limit"))
        .stdout(predicate::str::contains("max = 1"));
}

#[test]
fn rules_fit_the_width_they_are_given() {
    // Every pack's table, in both languages, within an 80-column window: the widest columns give
    // way (wrapped at spaces where they have any) rather than every line breaking in the middle.
    for lang in ["zh", "en"] {
        let out = bianzhi()
            .env("COLUMNS", "80")
            .args(["rules", "--lang", lang])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let table: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '├', '└']))
            .collect();
        assert!(table.len() > 10, "{text}");
        for line in table {
            let width = textwrap::core::display_width(line);
            assert!(width <= 80, "{lang}: {width} columns: {line}");
        }
    }
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let out = std::process::Command::new("sh")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("-c")
        .arg(format!(
            "{} check {} --rules {} | head -c 1 >/dev/null; echo ok",
            assert_cmd::cargo::cargo_bin("bianzhi").display(),
            fixture("over_limit.toml"),
            fixture("max1.pack.toml"),
        ))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn a_file_without_pack_table_is_not_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("empty.toml");
    std::fs::write(&pack, "# nothing here\n").unwrap();
    let (code, out) = check(&[
        &fixture("over_limit.toml"),
        "--rules",
        pack.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("is not a rule pack: it has no [pack] table"),
        "{out}"
    );
}

#[test]
fn a_missing_path_is_not_counted_as_a_file_checked() {
    let (code, out) = check(&[&fixture("good.toml"), "no/such.toml", "--format", "json"]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files_checked"], 1);
}

#[test]
fn a_plan_is_listed_after_its_baseline_whatever_the_names() {
    // 方案 sorts before 现状 (and "plan" before "town"): the officer still reads what is first,
    // then what is proposed, in the findings of every format and in the report.
    let dir = tempfile::tempdir().unwrap();
    let town = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/orgs/examples/violations/huangqiao.toml"
    ))
    .unwrap();
    std::fs::write(dir.path().join("现状.toml"), &town).unwrap();
    let plan = town
        .replace("status = \"current\"", "status = \"proposal\"")
        .replace("as_of = 2018-06-30", "as_of = 2019-06-30");
    std::fs::write(dir.path().join("方案.toml"), plan).unwrap();
    let out = bianzhi()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let first_plan = files.iter().position(|f| f.ends_with("方案.toml")).unwrap();
    assert!(first_plan > 0, "{files:?}");
    assert!(
        files[first_plan..].iter().all(|f| f.ends_with("方案.toml")),
        "{files:?}"
    );
    let human = bianzhi()
        .current_dir(dir.path())
        .args(["check", ".", "--lang", "zh"])
        .output()
        .unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.find("现状.toml").unwrap() < text.find("方案.toml").unwrap(),
        "{text}"
    );
}
