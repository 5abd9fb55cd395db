//! How `[[exception]]` entries work, as FORMAT.md and RULES.md (BZ901, BZ902) state it, through
//! the binary: a valid exception drops the findings of its rule (and target), an invalid one drops
//! nothing and is reported, one that matches nothing is reported.

use assert_cmd::Command;

const PACK: &str = "[pack]\nid = \"t\"\n\n[rule.functional-body-limit]\nmax = 1\n\n\
                    [rule.exception-invalid]\n\n[rule.exception-unused]\n";

const TOWN: &str = r#"[unit]
id = "t"
name = "t"
kind = "town"
as_of = 2019-06-30
developed_town = true # BZ001 is a rule of the developed-town opinions

[[body]]
id = "a"
name = "a"
kind = "functional"

[[body]]
id = "b"
name = "b"
kind = "functional"

[[body]]
id = "c"
name = "c"
kind = "functional"
"#;

/// Checks the town with `exceptions` appended; returns the (code, target) of every finding.
fn run(exceptions: &str) -> (i32, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pack.toml"), PACK).unwrap();
    std::fs::write(dir.path().join("t.toml"), format!("{TOWN}\n{exceptions}")).unwrap();
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "t.toml",
            "--rules",
            "pack.toml",
            "--format",
            "json",
        ])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"].as_array().unwrap().len(), 0, "{v}");
    let found = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["target"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap(), found)
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn without_exceptions_both_extra_bodies_are_findings() {
    let (code, f) = run("");
    assert_eq!(code, 1);
    let codes: Vec<&str> = f.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["BZ001"], "{f:?}");
}

#[test]
fn an_exception_by_code_or_by_name_drops_the_rule_s_findings() {
    for rule in ["BZ001", "functional-body-limit"] {
        let (code, f) = run(&format!(
            "[[exception]]\nrule = \"{rule}\"\napproval = \"x〔2018〕1号\"\n"
        ));
        assert_eq!(code, 0, "{rule}: {f:?}");
        assert!(f.is_empty(), "{rule}: {f:?}");
    }
}

#[test]
fn an_exception_with_a_target_covers_only_that_target() {
    // BZ001 reports the first body over the limit (`b`): an exception for `c` covers nothing.
    let (_, f) = run("[[exception]]\nrule = \"BZ001\"\ntarget = \"c\"\napproval = \"x\"\n");
    assert_eq!(
        f,
        pairs(&[("BZ001", "body:b"), ("BZ902", "exception:BZ001")]),
        "{f:?}"
    );
    let (code, f) = run("[[exception]]\nrule = \"BZ001\"\ntarget = \"b\"\napproval = \"x\"\n");
    assert_eq!(code, 0, "{f:?}");
    assert!(f.is_empty(), "{f:?}");
    let (code, f) = run("[[exception]]\nrule = \"BZ001\"\ntarget = \"body:b\"\napproval = \"x\"\n");
    assert_eq!(code, 0, "{f:?}");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn an_exception_expiring_on_the_file_s_date_still_applies() {
    let (code, f) =
        run("[[exception]]\nrule = \"BZ001\"\napproval = \"x\"\nexpires = 2019-06-30\n");
    assert_eq!(code, 0, "{f:?}");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn an_expired_exception_drops_nothing_and_is_reported() {
    let (code, f) =
        run("[[exception]]\nrule = \"BZ001\"\napproval = \"x\"\nexpires = 2019-06-29\n");
    assert_eq!(code, 1);
    let codes: Vec<&str> = f.iter().map(|(c, _)| c.as_str()).collect();
    assert!(
        codes.contains(&"BZ001") && codes.contains(&"BZ901"),
        "{f:?}"
    );
    assert!(!codes.contains(&"BZ902"), "{f:?}");
}

#[test]
fn an_exception_without_approval_drops_nothing_and_is_reported() {
    let (code, f) = run("[[exception]]\nrule = \"BZ001\"\nreason = \"pilot\"\n");
    assert_eq!(code, 1);
    let codes: Vec<&str> = f.iter().map(|(c, _)| c.as_str()).collect();
    assert!(
        codes.contains(&"BZ001") && codes.contains(&"BZ901"),
        "{f:?}"
    );
}

#[test]
fn an_exception_to_an_unknown_rule_is_reported() {
    let (code, f) = run("[[exception]]\nrule = \"BZ999\"\napproval = \"x\"\n");
    assert_eq!(code, 1);
    let codes: Vec<&str> = f.iter().map(|(c, _)| c.as_str()).collect();
    assert!(
        codes.contains(&"BZ001") && codes.contains(&"BZ901"),
        "{f:?}"
    );
    assert!(!codes.contains(&"BZ902"), "{f:?}");
}

#[test]
fn two_exceptions_covering_the_same_finding_are_both_in_use() {
    let (code, f) = run("[[exception]]\nrule = \"BZ001\"\napproval = \"x\"\n\n\
         [[exception]]\nrule = \"functional-body-limit\"\ntarget = \"b\"\napproval = \"y\"\n");
    assert_eq!(code, 0, "{f:?}");
    assert!(f.is_empty(), "{f:?}");
}
