//! Issue 9, "Done when": realistic Jiangsu developed towns, written as a town's establishment
//! office writes them (titles as the 实名制 system exports them, 股级 heads of ungraded bureaus, a
//! 代镇长, 税务 and 法庭 stations, documented 带编划转, a 区镇合一 town), get no false alarm under
//! the default pack, and the problems version 1 missed are found in a planted copy.
//!
//! - `ungraded/`: 桐泾镇 2022, bureaus ungraded (股级).
//! - `deputy-section/`: 柳塘镇 2019 (副科 bureaus, pre-2019 rank names) and its 2020 plan, which
//!   takes staff over from the county with their establishment (`[[transfer]]`).
//! - `merged-zone/`: 港川镇 2023, 副处, one team with 港川经济开发区 (`mode = "merged"`).
//! - `planted/`: `ungraded/` with the four problems listed at the top of its file.
//! - `moved-out/` (issue 18, format v3): 柳沟镇's 2018 baseline and its 2019 plan, which moves the
//!   水利站 up to the county whole (整建制上划: a `[[transfer]] direction = "out"` with its people)
//!   and abolishes the 村镇建设办公室 (`[[abolition]]` with its reason).
//! - `county-city/` (format v3): 江洲市, a 县级市 ledger with its limit, three towns' 2019 snapshots,
//!   and two 2020 plans that move 行政编制 between towns (`counterpart = "西来桥镇"`, one level) and
//!   up to a city bureau with the central approval in `above`.
//! - `planted-transfers/`, `planted-moved-out/`: those with the problems listed at the top of their
//!   files (a giver that keeps the quota, a cross-level move without the central approval, pending
//!   plans over the county's limit; a body and a person unaccounted for).
//!
//! Version 3 (issue 18) adds the shapes that gave false alarms under version 2:
//!
//! - `v3-titles/`: 槐屿镇 2024, 副处: a 股级 党政办 whose 主任 and 副主任 are written 股级, an
//!   ungraded 内设科 of a 正科 bureau with a 副科 科长, a 科技镇长团 member as 副镇长（挂职） and a
//!   county official with `seconded = true`, the catalog's new spellings (人武部长, 监察办主任).
//! - `ledger/`: 新坝镇 2024, an establishment office's ledger: approved numbers and headcounts, no
//!   roster and no powers list.
//! - `v3-planted/`: `v3-titles/` with the problems listed at the top of its file.
//!
//! Each file says at its top which `info` findings it expects (RULES.md: BZ006's "localizing is
//! the rule", the "not shown" notes, BZ012).

use std::collections::BTreeMap;

use assert_cmd::Command;
use serde_json::Value;

const DIR: &str = "tests/fixtures/realistic";
const CLEAN: &[&str] = &[
    "ungraded",
    "deputy-section",
    "merged-zone",
    "v3-titles",
    "ledger",
    "moved-out",
    "county-city",
];
const ALL: &[&str] = &[
    "ungraded",
    "deputy-section",
    "merged-zone",
    "planted",
    "v3-titles",
    "ledger",
    "v3-planted",
    "moved-out",
    "county-city",
    "planted-transfers",
    "planted-moved-out",
];

/// The info findings each clean folder may give (listed in its files' top comments); an
/// implementation that leaves one out is not wrong, one that adds another is noise.
const EXPECTED_INFO: &[(&str, &[(&str, &str)])] = &[
    ("ungraded", &[]),
    ("deputy-section", &[]),
    ("merged-zone", &[]),
    ("v3-titles", &[]),
    // No roster: the two checks that need one say they could not run.
    ("ledger", &[("BZ206", "unit:xinba"), ("BZ305", "body:zfj")]),
    ("moved-out", &[]),
    ("county-city", &[]),
];

/// The problems planted in `v3-planted/2024.toml`, each commented where it sits.
const PLANTED_V3: &[(&str, &str)] = &[
    // a 副科 副主任 in the 股级 党政办: over its grade, and no 副科 post there
    ("BZ202", "person:HY0102"),
    ("BZ201", "body:dzb"),
    // the 正科 科长 of an ungraded 内设科 of a 正科 bureau, where one 副科 post is approved
    ("BZ204", "person:HY0211"),
    ("BZ201", "body:jjfz-cy"),
    // 镇长助理（挂职）: a title on secondment is still a title of the catalog
    ("BZ204", "person:HY0091"),
];

/// The problems planted in each planted folder, each commented at the top of its file.
const PLANTED_FOLDERS: &[(&str, &[(&str, &str)])] = &[
    ("planted", PLANTED),
    ("planted-transfers", PLANTED_TRANSFERS),
    ("planted-moved-out", PLANTED_MOVED_OUT),
    ("v3-planted", PLANTED_V3),
];

/// `planted-transfers/`: 江洲市 and its towns.
const PLANTED_TRANSFERS: &[(&str, &str)] = &[
    // 槐屿镇's plan moves 3 行政编制 to 西来桥镇 and keeps 28 in its [quota]
    ("BZ108", "unit:huaiyu"),
    // 西来桥镇's plan moves 2 行政编制 up to 江洲市城市管理局 without `above`
    ("BZ109", "unit:xilaiqiao"),
    // 长旺镇's plan adds 3 with no transfer: after the plans 83 against the limit of 80
    ("BZ103", "unit:jiangzhou"),
];

/// `planted-moved-out/`: 柳沟镇's 2019 plan.
const PLANTED_MOVED_OUT: &[(&str, &str)] = &[
    // the 水利站's 6 事业编制 moved out, and [quota] still says 18
    ("BZ108", "unit:liugou"),
    // LG0040 of the 水利站 is neither on the roster nor among the persons moved out
    ("BZ502", "person:LG0040"),
    // the 村镇建设办公室 is gone without an [[abolition]]
    ("BZ501", "body:czjs"),
];

/// The problems planted in `planted/2022.toml`, each commented where it sits.
const PLANTED: &[(&str, &str)] = &[
    // a second 党委书记 in the team
    ("BZ206", "person:TJ0004"),
    // the invented concurrent title 镇长助理
    ("BZ204", "person:TJ0036"),
    // a functional body approved by 中共桐泾镇委员会, the town's own party committee
    ("BZ002", "body:dqgz"),
    // 4 administrative staff against a quota of 3
    ("BZ101", "body:nync"),
];

struct Run {
    code: Option<i32>,
    doc: Value,
}

fn check(folder: &str, lang: &str) -> Run {
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .args(["check", "--format", "json", "--lang", lang])
        .arg(format!("{DIR}/{folder}"))
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{folder}: no JSON on stdout ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Run {
        code: out.status.code(),
        doc,
    }
}

fn findings(doc: &Value) -> Vec<Value> {
    doc["findings"].as_array().cloned().unwrap_or_default()
}

fn str_of<'a>(f: &'a Value, key: &str) -> &'a str {
    f[key].as_str().unwrap_or("")
}

/// One line per finding, for failure messages.
fn listing(fs: &[&Value]) -> String {
    fs.iter()
        .map(|f| {
            format!(
                "  {} {} {} {}:{} {}",
                str_of(f, "level"),
                str_of(f, "code"),
                str_of(f, "target"),
                str_of(f, "file"),
                f["line"],
                str_of(f, "message")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn at_level<'a>(fs: &'a [Value], levels: &[&str]) -> Vec<&'a Value> {
    fs.iter()
        .filter(|f| levels.contains(&str_of(f, "level")))
        .collect()
}

fn multiset<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<(String, String), usize> {
    let mut m = BTreeMap::new();
    for (code, target) in pairs {
        *m.entry((code.to_string(), target.to_string())).or_insert(0) += 1;
    }
    m
}

#[test]
fn the_realistic_towns_raise_no_false_alarm() {
    for folder in CLEAN {
        let run = check(folder, "en");
        assert_eq!(
            run.doc["errors"],
            serde_json::json!([]),
            "{folder}: input errors: {:#}",
            run.doc
        );
        assert!(
            run.doc["files_checked"].as_u64().unwrap_or(0) >= 1,
            "{folder}: {:#}",
            run.doc
        );
        let all = findings(&run.doc);
        let loud = at_level(&all, &["error", "warning"]);
        assert!(
            loud.is_empty(),
            "{folder}: {} finding(s) at error or warning level on a clean town:\n{}",
            loud.len(),
            listing(&loud)
        );
        assert_eq!(
            run.code,
            Some(0),
            "{folder}: exit code; findings:\n{}",
            listing(&all.iter().collect::<Vec<_>>())
        );
    }
}

#[test]
fn the_realistic_towns_give_only_the_info_their_files_announce() {
    for (folder, expected) in EXPECTED_INFO {
        let run = check(folder, "en");
        let all = findings(&run.doc);
        let infos = at_level(&all, &["info"]);
        let unexpected: Vec<&Value> = infos
            .iter()
            .copied()
            .filter(|f| !expected.contains(&(str_of(f, "code"), str_of(f, "target"))))
            .collect();
        assert!(
            unexpected.is_empty(),
            "{folder}: info findings its files do not announce:\n{}",
            listing(&unexpected)
        );
    }
}

#[test]
fn the_planted_problems_are_found_and_nothing_else() {
    for (folder, planted) in PLANTED_FOLDERS {
        let run = check(folder, "en");
        assert_eq!(
            run.doc["errors"],
            serde_json::json!([]),
            "{folder}: input errors: {:#}",
            run.doc
        );
        let all = findings(&run.doc);
        let loud = at_level(&all, &["error", "warning"]);
        let got = multiset(
            loud.iter()
                .map(|f| (str_of(f, "code"), str_of(f, "target"))),
        );
        let want = multiset(planted.iter().copied());
        assert_eq!(
            got,
            want,
            "{folder}: findings at error or warning level:\n{}",
            listing(&loud)
        );
        assert_eq!(run.code, Some(1), "{folder}: an error must fail the check");
    }
}

/// The first run of 4 or more ASCII letters in `s`, if any.
fn ascii_word(s: &str) -> Option<String> {
    let mut run = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            run.push(c);
        } else if run.len() >= 4 {
            return Some(run);
        } else {
            run.clear();
        }
    }
    None
}

#[test]
fn chinese_output_names_the_real_documents() {
    for folder in ALL {
        let run = check(folder, "zh");
        let all = findings(&run.doc);
        let with_seed: Vec<&Value> = all
            .iter()
            .filter(|f| f.to_string().contains("seed"))
            .collect();
        assert!(
            with_seed.is_empty(),
            "{folder}: `seed` in --lang zh findings:\n{}",
            with_seed
                .iter()
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        let text = run.doc.to_string();
        assert!(
            !text.contains("seed"),
            "{folder}: `seed` in --lang zh output:\n{text}"
        );
        for f in &all {
            if let Some(cite) = f["cite"].as_str() {
                assert!(
                    ascii_word(cite).is_none(),
                    "{folder}: {} on {}: the zh cite `{cite}` has the English word `{}`",
                    str_of(f, "code"),
                    str_of(f, "target"),
                    ascii_word(cite).unwrap_or_default()
                );
            }
        }
    }
}

#[test]
fn ascii_words_are_found() {
    assert_eq!(ascii_word("江苏经济发达镇意见 二(二)"), None);
    assert_eq!(ascii_word("BZ101 486 第六条"), None);
    assert_eq!(ascii_word("seed 二(二)"), Some("seed".to_string()));
    assert_eq!(
        ascii_word("文件完整性 integrity"),
        Some("integrity".to_string())
    );
}
