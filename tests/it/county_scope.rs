//! RULES.md, the catalog: "a county file is checked by BZ103 and the integrity rules only". A county
//! file that would break nearly every town rule, checked with the default pack, yields only BZ103
//! and integrity findings (BZ008, BZ009, BZ010, BZ901, BZ902).

use assert_cmd::Command;

const DIR: &str = "tests/fixtures/county_scope";

fn findings(args: &[&str]) -> Vec<serde_json::Value> {
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .args(["check", "--format", "json", "--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["errors"], serde_json::json!([]), "{doc:#}");
    doc["findings"].as_array().cloned().unwrap_or_default()
}

// BZ106 is a file-integrity rule of every file (scope `all`); BZ401 looks at every unit that
// declares `developed_town`, and tells a county that declares it that it is not a town.
const COUNTY_RULES: &[&str] = &[
    "BZ103", "BZ008", "BZ009", "BZ010", "BZ106", "BZ401", "BZ901", "BZ902",
];

#[test]
fn a_county_file_gets_only_the_county_limit_and_integrity_rules() {
    // The default pack (jiangsu-2017, extending national) enables every built-in rule.
    let all = findings(&[DIR]);
    let county: Vec<&serde_json::Value> = all
        .iter()
        .filter(|f| f["file"].as_str().is_some_and(|p| p.contains("wujiang")))
        .collect();
    let codes: Vec<&str> = county.iter().filter_map(|f| f["code"].as_str()).collect();
    for code in &codes {
        assert!(
            COUNTY_RULES.contains(code),
            "town rule {code} ran on a county file: {county:#?}"
        );
    }
    // The rules that do apply still run on it.
    for code in ["BZ103", "BZ008", "BZ009"] {
        assert!(codes.contains(&code), "no {code} in {codes:?}");
    }
    // The town in the same folder is still checked by the town rules.
    assert!(
        all.iter().any(
            |f| f["file"].as_str().is_some_and(|p| p.contains("shengze")) && f["code"] == "BZ005"
        ),
        "{all:#?}"
    );
}

#[test]
fn a_county_file_checked_alone_has_no_town_findings() {
    let file = format!("{DIR}/wujiang-2018.toml");
    let codes: Vec<String> = findings(&[&file])
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_string))
        .collect();
    // Without its towns there is nothing to add up for BZ103.
    assert_eq!(codes, ["BZ401", "BZ106", "BZ106", "BZ008", "BZ009"]);
}
