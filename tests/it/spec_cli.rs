//! The command line against CLI.md, through the binary: the JSON document, exit codes, language,
//! `explain`, `rules`, the default path, `--show-names` in every machine format, the GitHub and
//! SARIF formats, and which rules the built-in packs put in force.

use std::path::Path;

use assert_cmd::Command;
use bianzhi::base::source::Sources;

/// A town with a leadership team member named 张三 whose title is not in the catalog (BZ204), and
/// a 一级调研员 (BZ203): findings that name people.
const TOWN: &str = r#"[unit]
id = "qingshui"
name = "清水镇"
kind = "town"
as_of = 2019-06-30
developed_town = true

[quota]
administrative = 10

[[body]]
id = "office"
name = "党政办公室"
kind = "functional"

[[body]]
id = "economy"
name = "经济发展局"
kind = "functional"

[[person]]
id = "Q0001"
name = "张三"
body = "qingshui"
establishment = "administrative"
title = "主任助理"
rank = "一级调研员"
"#;

/// The same town a year earlier, with a smaller establishment: BZ104 reports the newer file.
const TOWN_2018: &str = r#"[unit]
id = "qingshui"
name = "清水镇"
kind = "town"
as_of = 2018-06-30
developed_town = true

[quota]
administrative = 8
"#;

const MAX1: &str = "[pack]\nid = \"max1\"\n\n[rule.functional-body-limit]\nmax = 1\n";
const MAX1_WARN: &str =
    "[pack]\nid = \"max1w\"\n\n[rule.functional-body-limit]\nmax = 1\nlevel = \"warning\"\n";

fn bianzhi(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bianzhi").unwrap();
    cmd.current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

/// A temp folder with `orgs/2018.toml`, `orgs/2019.toml` and the packs.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "orgs/2018.toml", TOWN_2018);
    write(dir.path(), "orgs/2019.toml", TOWN);
    write(dir.path(), "max1.toml", MAX1);
    write(dir.path(), "max1w.toml", MAX1_WARN);
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = bianzhi(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out) = run(dir, &all);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")),
    )
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn keys(v: &serde_json::Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn check_reads_orgs_when_no_path_is_given() {
    let dir = repo();
    let (code, v) = json(dir.path(), &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["files_checked"], 2);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"orgs/2019.toml"), "{files:?}");
    // No orgs/ folder: the default path does not exist.
    let empty = tempfile::tempdir().unwrap();
    let (code, _) = run(empty.path(), &["check"]);
    assert_eq!(code, 2);
}

#[test]
fn json_document_has_the_keys_of_cli_md_in_order() {
    let dir = repo();
    let (_, v) = json(dir.path(), &[]);
    // CLI.md's keys in its order; the project file and the packs of the run are added after
    // `files_checked` (issue 20), nothing renamed.
    assert_eq!(
        keys(&v),
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
    assert_eq!(v["version"], 1);
    let spec = [
        "code", "name", "level", "message", "file", "line", "column", "span", "unit", "target",
        "labels", "cite",
    ];
    for f in v["findings"].as_array().unwrap() {
        // The keys CLI.md names come in its order (`target` left out for unit-wide findings).
        let got: Vec<&str> = keys(f).into_iter().filter(|k| spec.contains(k)).collect();
        let want: Vec<&str> = spec
            .iter()
            .copied()
            .filter(|k| *k != "target" || f.get("target").is_some())
            .collect();
        assert_eq!(got, want, "{f}");
        assert_eq!(keys(&f["span"]), ["start", "end"]);
        for l in f["labels"].as_array().unwrap() {
            assert_eq!(keys(l), ["file", "line", "column", "message"], "{l}");
        }
        if let Some(t) = f.get("target") {
            let t = t.as_str().unwrap();
            let (kind, id) = t.split_once(':').unwrap();
            assert!(
                ["unit", "body", "person", "power", "exception"].contains(&kind) && !id.is_empty(),
                "{t}"
            );
        }
    }
    assert_eq!(
        keys(&v["summary"]),
        ["error", "warning", "info", "input_errors"]
    );
}

#[test]
fn json_target_is_absent_for_a_unit_wide_finding() {
    let dir = repo();
    let (_, v) = json(dir.path(), &[]);
    let bz104: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "BZ104")
        .collect();
    // Bodies, establishment and headcount all rise: three findings about the unit as a whole.
    assert_eq!(bz104.len(), 3, "{v}");
    for f in bz104 {
        assert!(f.get("target").is_none(), "{f}");
        // With the baseline's figure as a second label.
        assert_eq!(f["labels"][0]["file"], "orgs/2018.toml");
    }
}

#[test]
fn json_findings_are_sorted_and_counted() {
    let dir = repo();
    write(
        dir.path(),
        "orgs/a.toml",
        &TOWN.replace("qingshui", "alpha"),
    );
    let (_, v) = json(dir.path(), &[]);
    let f = v["findings"].as_array().unwrap();
    let sort_key = |x: &serde_json::Value| {
        (
            x["file"].as_str().unwrap().to_string(),
            x["line"].as_u64().unwrap(),
            x["column"].as_u64().unwrap(),
            x["code"].as_str().unwrap().to_string(),
        )
    };
    let got: Vec<_> = f.iter().map(sort_key).collect();
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted);
    let count = |l: &str| f.iter().filter(|x| x["level"] == l).count();
    assert_eq!(v["summary"]["error"], count("error"));
    assert_eq!(v["summary"]["warning"], count("warning"));
    assert_eq!(v["summary"]["info"], count("info"));
    assert_eq!(v["summary"]["input_errors"], 0);
}

#[test]
fn json_errors_have_file_line_column_and_message() {
    let dir = repo();
    write(
        dir.path(),
        "orgs/broken.toml",
        "[unit]\nid = \"b\"\nname = \"b\"\nkind = \"town\"\nas_of = \"2019\"\n",
    );
    let (code, v) = json(dir.path(), &[]);
    assert_eq!(code, 2);
    let e = &v["errors"][0];
    assert_eq!(e["file"], "orgs/broken.toml");
    assert_eq!(e["line"], 5);
    assert_eq!(e["column"], 9);
    assert!(e["message"].as_str().unwrap().contains("date"), "{e}");
    assert_eq!(v["summary"]["input_errors"], 1);
    // The other files are still checked.
    assert!(codes(&v).contains(&"BZ104".to_string()));
    // A path that does not exist has its file, line and column too.
    let (code, v) = json(dir.path(), &["nope.toml"]);
    assert_eq!(code, 2);
    let e = &v["errors"][0];
    assert_eq!(e["file"], "nope.toml");
    assert_eq!(e["line"], 1);
    assert_eq!(e["column"], 1);
    assert!(e["message"].is_string());
}

#[test]
fn exit_codes_follow_cli_md() {
    let dir = repo();
    let clean = "[unit]\nid = \"c\"\nname = \"c\"\nkind = \"county\"\nas_of = 2019-01-01\n";
    write(dir.path(), "county.toml", clean);
    assert_eq!(run(dir.path(), &["check", "county.toml"]).0, 0);
    assert_eq!(run(dir.path(), &["check", "orgs"]).0, 1);
    assert_eq!(run(dir.path(), &["check", "nope"]).0, 2);
    assert_eq!(run(dir.path(), &["check", "--rules", "nope", "orgs"]).0, 2);
    assert_eq!(run(dir.path(), &["check", "--lang", "fr", "orgs"]).0, 2);
    // A warning fails only under --deny warnings.
    let args = ["check", "orgs/2018.toml", "--rules", "max1w.toml"];
    write(
        dir.path(),
        "two.toml",
        "[unit]\nid = \"t\"\nname = \"t\"\nkind = \"town\"\nas_of = 2019-01-01\ndeveloped_town = true\n\n\
         [[body]]\nid = \"a\"\nname = \"a\"\nkind = \"functional\"\n\n\
         [[body]]\nid = \"b\"\nname = \"b\"\nkind = \"functional\"\n",
    );
    assert_eq!(run(dir.path(), &args).0, 0);
    let args = ["check", "two.toml", "--rules", "max1w.toml"];
    let (code, out) = run(dir.path(), &args);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("BZ001"), "{out}");
    let mut denied = args.to_vec();
    denied.extend(["--deny", "warnings"]);
    assert_eq!(run(dir.path(), &denied).0, 1);
    let args = ["check", "two.toml", "--rules", "max1.toml"];
    assert_eq!(run(dir.path(), &args).0, 1);
}

#[test]
fn language_follows_lang_and_lc_all_and_the_option() {
    let dir = repo();
    let msg = |envs: &[(&str, &str)], extra: &[&str]| {
        let mut cmd = bianzhi(dir.path());
        cmd.args(["check", "orgs/2019.toml", "--format", "json"])
            .args(extra);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"][0]["message"].as_str().unwrap().to_string()
    };
    // The first finding of that file (BZ005) has an English message in ASCII.
    let en = msg(&[], &[]);
    assert!(en.is_ascii(), "{en}");
    let zh = msg(&[("LANG", "zh_CN.UTF-8")], &[]);
    assert!(!zh.is_ascii(), "{zh}");
    // LC_ALL takes precedence over LANG, both ways.
    assert_eq!(
        msg(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")], &[]),
        en
    );
    assert_eq!(
        msg(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")], &[]),
        zh
    );
    assert_eq!(msg(&[("LC_ALL", "zh_TW.UTF-8")], &[]), zh);
    // The option wins over the environment.
    assert_eq!(msg(&[("LC_ALL", "zh_CN.UTF-8")], &["--lang", "en"]), en);
    assert_eq!(msg(&[("LANG", "C")], &["--lang", "zh"]), zh);
}

#[test]
fn explain_documents_every_rule_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for def in bianzhi::rules::catalog() {
        let m = def.meta;
        for key in [&*m.code, &*m.name] {
            let (code, en) = run(dir.path(), &["explain", key, "--lang", "en"]);
            assert_eq!(code, 0, "{key}");
            for want in [
                &*m.code,
                &*m.name,
                "What it checks",
                "Why",
                "Example (fails)",
                "Passing example",
            ] {
                assert!(en.contains(want), "{key}: no `{want}` in\n{en}");
            }
            let (code, zh) = run(dir.path(), &["explain", key, "--lang", "zh"]);
            assert_eq!(code, 0, "{key}");
            for want in [
                &*m.code,
                &*m.name,
                "检查内容",
                "依据",
                "违规示例",
                "合规示例",
            ] {
                assert!(zh.contains(want), "{key}: no `{want}` in\n{zh}");
            }
        }
    }
    assert_eq!(run(dir.path(), &["explain", "BZ999"]).0, 2);
}

/// The codes `bianzhi rules` lists for these packs.
fn rules_listed(dir: &Path, packs: &[&str]) -> Vec<String> {
    let mut args = vec!["rules"];
    for p in packs {
        args.extend(["--rules", p]);
    }
    let (code, out) = run(dir, &args);
    assert_eq!(code, 0, "{out}");
    out.lines()
        .filter_map(|l| {
            let cell = l
                .trim_start_matches(['│', '|', ' '])
                .split_whitespace()
                .next()?;
            (cell.len() == 5 && cell.starts_with("BZ")).then(|| cell.to_string())
        })
        .collect()
}

/// The rules a rule set loaded from these packs puts in force.
fn in_force(packs: &[&str]) -> Vec<String> {
    let specs: Vec<String> = packs.iter().map(|s| s.to_string()).collect();
    let set = bianzhi::pack::load(&specs, &mut Sources::default())
        .unwrap_or_else(|_| panic!("packs {packs:?}"));
    set.rules
        .iter()
        .map(|r| r.rule.meta().code.to_string())
        .collect()
}

#[test]
fn rules_lists_the_rules_in_force_as_a_table() {
    let dir = repo();
    let default = rules_listed(dir.path(), &[]);
    assert_eq!(default, in_force(&[]));
    assert_eq!(default.len(), bianzhi::rules::catalog().len());
    let (_, out) = run(dir.path(), &["rules"]);
    for head in ["code", "name", "level", "parameters", "citation"] {
        assert!(out.contains(head), "{out}");
    }
    assert!(out.contains("max = 10"), "{out}");
    assert!(out.contains("Jiangsu DT Opinions 2017, II(2)"), "{out}");
    assert!(
        out.contains("scope") && out.contains("developed towns"),
        "{out}"
    );
    let (_, zh) = run(dir.path(), &["rules", "--lang", "zh"]);
    assert!(zh.contains("代码") && zh.contains("错误"), "{zh}");
    assert!(zh.contains("适用范围") && zh.contains("经济发达镇"), "{zh}");
    assert!(zh.contains("江苏经济发达镇意见 二（二）"), "{zh}");
    assert!(zh.contains("职能机构数量限额"), "{zh}");
    assert!(
        zh.contains("江苏省深化经济发达镇行政管理体制改革（2017）"),
        "{zh}"
    );
}

/// The rules of the developed-town opinions themselves (scope `dev`, and BZ401 which checks the
/// claim to be a developed town): the provincial pack's, not the national one's.
fn developed_town_rules() -> Vec<String> {
    use bianzhi::rules::Scope;
    bianzhi::rules::catalog()
        .iter()
        .filter(|d| matches!(d.meta.scope, Scope::Dev | Scope::Declared))
        .map(|d| d.meta.code.to_string())
        .collect()
}

#[test]
fn the_national_pack_runs_every_law_wide_rule_and_no_developed_town_rule() {
    let dir = repo();
    let dev = developed_town_rules();
    let national = rules_listed(dir.path(), &["national"]);
    for d in bianzhi::rules::catalog() {
        let code = d.meta.code.to_string();
        assert_eq!(
            national.contains(&code),
            !dev.contains(&code),
            "{code} and the national pack"
        );
    }
    let (_, v) = json(dir.path(), &["--rules", "national"]);
    for code in codes(&v) {
        assert!(!dev.contains(&code), "{code} under national");
    }
    // The default pack (jiangsu-2017) runs them all.
    let (_, v) = json(dir.path(), &[]);
    let found = codes(&v);
    for code in ["BZ203", "BZ204"] {
        assert!(found.contains(&code.to_string()), "{code}: {found:?}");
    }
}

#[test]
fn rules_given_twice_layer_the_packs() {
    let dir = repo();
    // national + a pack with BZ001 at max 1: both in force.
    let max1 = dir.path().join("max1.toml");
    let layered = in_force(&["national", max1.to_str().unwrap()]);
    assert!(layered.contains(&"BZ001".to_string()));
    assert!(layered.contains(&"BZ008".to_string()));
    let (_, v) = json(dir.path(), &["--rules", "national", "--rules", "max1.toml"]);
    assert!(codes(&v).contains(&"BZ001".to_string()), "{v}");
    // A later pack overrides an earlier one key by key.
    let (_, v) = json(
        dir.path(),
        &["--rules", "jiangsu-2017", "--rules", "max1.toml"],
    );
    assert!(codes(&v).contains(&"BZ001".to_string()), "{v}");
    let (_, v) = json(
        dir.path(),
        &["--rules", "max1.toml", "--rules", "jiangsu-2017"],
    );
    assert!(!codes(&v).contains(&"BZ001".to_string()), "{v}");
}

#[test]
fn names_appear_in_no_machine_format_without_show_names() {
    let dir = repo();
    for format in ["json", "sarif", "github", "junit", "human"] {
        let (code, out) = run(dir.path(), &["check", "--format", format]);
        assert_eq!(code, 1, "{format}");
        assert!(out.contains("Q0001"), "{format}: {out}");
        assert!(!out.contains("张三"), "{format}: {out}");
        let (_, out) = run(dir.path(), &["check", "--format", format, "--show-names"]);
        assert!(out.contains("张三"), "{format} --show-names: {out}");
    }
}

#[test]
fn github_format_is_one_workflow_command_per_finding() {
    let dir = repo();
    let (code, out) = run(dir.path(), &["check", "--format", "github"]);
    assert_eq!(code, 1);
    let (_, v) = json(dir.path(), &[]);
    let findings = v["findings"].as_array().unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{out}");
    for (line, f) in lines.iter().zip(findings) {
        let level = match f["level"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let want = format!(
            "::{level} file={},line={},col={},title={}::{}",
            f["file"].as_str().unwrap(),
            f["line"],
            f["column"],
            f["code"].as_str().unwrap(),
            f["message"].as_str().unwrap()
        );
        assert_eq!(*line, want);
    }
}

#[test]
fn sarif_describes_every_rule_in_force() {
    let dir = repo();
    for packs in [&[][..], &["national"][..]] {
        let mut args = vec!["check", "--format", "sarif"];
        for p in packs {
            args.extend(["--rules", p]);
        }
        let (_, out) = run(dir.path(), &args);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let runs = v["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let rules = runs[0]["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, in_force(packs), "{packs:?}");
        for r in rules {
            let id = r["id"].as_str().unwrap();
            let def = bianzhi::rules::lookup(id).unwrap();
            assert_eq!(r["name"], def.meta.name.as_ref());
            for k in ["shortDescription", "fullDescription", "help"] {
                assert!(!r[k]["text"].as_str().unwrap_or("").is_empty(), "{id}: {k}");
            }
            assert!(
                r["helpUri"].as_str().unwrap().starts_with("https://"),
                "{id}"
            );
        }
        for res in runs[0]["results"].as_array().unwrap() {
            let id = res["ruleId"].as_str().unwrap();
            assert!(ids.contains(&id), "{id}");
            let loc = &res["locations"][0]["physicalLocation"];
            assert!(loc["artifactLocation"]["uri"].is_string());
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        }
    }
}
