//! Chinese all the way: every command run with `--lang zh` writes no English word a clerk would
//! have to read. What may stay in ASCII is what the user writes or types: codes (`BZ001`), ids,
//! TOML keys and catalog values, rule and pack names, paths, numbers, flags, format names, and
//! anything quoted (`…`, “…”, "…"). TOML shown from a file (miette's source lines, examples in
//! code fences) is the user's own text and is not read, but the examples' comments are.

use std::path::Path;

use crate::common::bianzhi;
use crate::common::chinese::{allowed, assert_chinese, stray_english};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The human-readable strings of a JSON document: values of these keys.
fn json_texts(v: &serde_json::Value, keys: &[&str], out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                match v {
                    serde_json::Value::String(s) if keys.contains(&k.as_str()) => {
                        out.push(s.clone())
                    }
                    _ => json_texts(v, keys, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_texts(x, keys, out)),
        _ => {}
    }
}

#[test]
fn every_command_speaks_chinese_under_lang_zh() {
    let allowed = allowed();
    let root = Path::new(ROOT);
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--lang", "zh"]);
        let (code, out, err) = bianzhi(root, &all);
        assert!(
            matches!(code, Some(0 | 1)),
            "bianzhi {all:?} could not run: {out}{err}"
        );
        (out, err)
    };

    // check, in each format.
    let (out, err) = run(&["check", "orgs/"]);
    assert_chinese("check", &format!("{out}{err}"), &allowed);
    let (out, _) = run(&["check", "orgs/", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut texts = Vec::new();
    json_texts(&v, &["message", "help", "cite", "primary"], &mut texts);
    assert!(!texts.is_empty());
    assert_chinese("check --format json", &texts.join("\n"), &allowed);
    let (out, _) = run(&["check", "orgs/", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut texts = Vec::new();
    json_texts(&v["runs"][0]["results"], &["text"], &mut texts);
    json_texts(
        &v["runs"][0]["tool"]["driver"]["rules"],
        &["text"],
        &mut texts,
    );
    assert_chinese("check --format sarif", &texts.join("\n"), &allowed);
    let (out, _) = run(&["check", "orgs/", "--format", "github"]);
    let messages: Vec<&str> = out.lines().filter_map(|l| l.rsplit("::").next()).collect();
    assert_chinese("check --format github", &messages.join("\n"), &allowed);
    let (out, _) = run(&["check", "orgs/", "--format", "junit"]);
    let messages: Vec<&str> = out
        .split("message=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(!messages.is_empty());
    assert_chinese("check --format junit", &messages.join("\n"), &allowed);

    // rules and every rule's explanation.
    let (out, _) = run(&["rules"]);
    assert_chinese("rules", &out, &allowed);
    for d in bianzhi::rules::catalog() {
        let code = d.meta.code.as_ref();
        let (out, _) = run(&["explain", code]);
        assert_chinese(&format!("explain {code}"), &out, &allowed);
    }

    // report, diff, chart.
    for format in ["human", "csv"] {
        let (out, _) = run(&["report", "orgs/", "--format", format]);
        assert_chinese(&format!("report --format {format}"), &out, &allowed);
    }
    // The HTML report's text: what is between its tags, without the style sheet and the code.
    let html_dir = tempfile::tempdir().unwrap();
    let html_path = html_dir.path().join("report.html");
    run(&[
        "report",
        "orgs/",
        "--format",
        "html",
        "-o",
        html_path.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    let body = html.split("</style>").nth(1).unwrap_or_default();
    let texts: Vec<&str> = body
        .split('>')
        .filter_map(|s| s.split('<').next())
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert_chinese("report --format html", &texts.join("\n"), &allowed);
    let (out, _) = run(&[
        "diff",
        "orgs/wujiang/shengze/2018.toml",
        "orgs/wujiang/shengze/2019-plan.toml",
    ]);
    assert_chinese("diff", &out, &allowed);
    // The chart's words: the SVG's text and titles (the rest is drawing).
    let (out, _) = run(&["chart", "orgs/wujiang/shengze/2018.toml"]);
    let texts: Vec<&str> = out
        .split('>')
        .filter_map(|s| s.split_once("</").map(|(t, _)| t))
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert!(!texts.is_empty());
    assert_chinese("chart", &texts.join("\n"), &allowed);

    // --help of the program and of every subcommand.
    let (out, _) = run(&["--help"]);
    assert_chinese("--help", &out, &allowed);
    for sub in [
        "check", "diff", "explain", "rules", "test", "init", "chart", "schema", "report", "import",
    ] {
        let (out, _) = run(&[sub, "--help"]);
        assert_chinese(&format!("{sub} --help"), &out, &allowed);
    }

    // init, then test in the new repository.
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let repo_s = repo.to_str().unwrap();
    let (out, err) = run(&["init", repo_s]);
    assert_chinese("init", &format!("{out}{err}"), &allowed);
    for (rel, _) in bianzhi::templates::FILES_ZH {
        let text = std::fs::read_to_string(repo.join(rel)).unwrap();
        let comments: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once('#').map(|(_, c)| c))
            .collect();
        let prose = if rel.ends_with(".md") {
            text.clone()
        } else {
            comments.join("\n")
        };
        assert_chinese(&format!("init: {rel}"), &prose, &allowed);
    }
    let (code, out, err) = bianzhi(&repo, &["test", "rules/tests", "--lang", "zh"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (tally, ci_line) = out.trim_end().rsplit_once('\n').unwrap();
    assert_eq!(ci_line, "2 passed, 0 failed");
    assert_chinese("test", tally, &allowed);
}

#[test]
fn the_checker_finds_english() {
    let allowed = allowed();
    let (_, out, _) = bianzhi(Path::new(ROOT), &["check", "orgs/", "--lang", "en"]);
    let bad = stray_english(&out, &allowed);
    assert!(bad.iter().any(|w| w == "errors"), "{bad:?}");
    assert_eq!(
        stray_english("错误：无法读取 `quota`（max = 2）the file", &allowed),
        ["the", "file"]
    );
}

#[test]
fn input_errors_speak_chinese() {
    let allowed = allowed();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = [
        ("syntax.toml", "[unit]\nid = \"a\nname = 3\n"),
        ("unquoted.toml", "[unit]\nid = a b\n"),
        ("header.toml", "[unit\nid = \"x\"\n"),
        ("date.toml", "[unit]\nid = \"x\"\nas_of = 2024-13-01\n"),
        (
            "types.toml",
            "[unit]\nid = \"t\"\nname = \"镇\"\nkind = \"镇\"\nas_of = 2024-06-30\nnmae = 1\n[quota]\n行政 = 1.5\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(d.join(name), text).unwrap();
    }
    std::fs::write(d.join("gbk.toml"), b"[unit]\nid = \"\xd5\xc5\"\n").unwrap();
    std::fs::write(
        d.join("pack.toml"),
        "[pack]\nid = \"p\"\nextends = [\"national\"\n",
    )
    .unwrap();
    let (code, out, err) = bianzhi(d, &["check", ".", "--lang", "zh"]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert_chinese("check with input errors", &format!("{out}{err}"), &allowed);
    let (code, out, err) = bianzhi(
        d,
        &[
            "check",
            "types.toml",
            "--rules",
            "pack.toml",
            "--lang",
            "zh",
        ],
    );
    assert_eq!(code, Some(2), "{out}{err}");
    assert_chinese(
        "a pack with a syntax error",
        &format!("{out}{err}"),
        &allowed,
    );
}

#[test]
fn the_chinese_init_templates_are_the_english_ones_with_chinese_words() {
    let en = bianzhi::templates::FILES;
    let zh = bianzhi::templates::FILES_ZH;
    assert_eq!(en.len(), zh.len());
    let code = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| l.split('#').next().unwrap_or("").trim_end().to_string())
            .filter(|l| !l.is_empty() && !l.trim_start().starts_with("- name:"))
            .collect()
    };
    for ((path_en, text_en), (path_zh, text_zh)) in en.iter().zip(zh) {
        assert_eq!(path_en, path_zh);
        if path_en.ends_with(".toml") || path_en.ends_with(".yml") {
            assert_eq!(
                code(text_en),
                code(text_zh),
                "{path_en}: the files differ beyond comments"
            );
        }
    }
}

/// Words live in `src/base/i18n`: no sentence or label is chosen by language anywhere else.
#[test]
fn no_words_outside_the_word_table() {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("i18n") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&Path::new(ROOT).join("src"), &mut files);
    let mut bad = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let l = line.trim();
            let chosen = [
                "Lang::Zh => \"",
                "Lang::En => \"",
                "Lang::Zh => format!",
                "Lang::En => format!",
            ];
            if chosen.iter().any(|c| l.contains(c))
                || l.contains(".select(\"")
                || l.contains(".pick(")
            {
                bad.push(format!("{}:{}: {l}", path.display(), i + 1));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "words chosen outside src/base/i18n:\n{}",
        bad.join("\n")
    );
}

#[test]
fn command_line_mistakes_are_said_in_chinese() {
    let allowed = allowed();
    for args in [
        &["check", "--fromat", "json", "--lang", "zh"][..],
        &["chekc", "--lang", "zh"],
        &["check", "--format", "jsn", "--lang", "zh"],
        &["diff", "--lang", "zh"],
    ] {
        let (code, out, err) = bianzhi(Path::new(ROOT), args);
        assert_eq!(code, Some(2), "{args:?}: {out}{err}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        assert_chinese(&format!("{args:?}"), &err, &allowed);
    }
}
