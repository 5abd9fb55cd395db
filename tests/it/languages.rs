//! Output follows `--lang` (RULES.md, Citations): no output names the developed-town opinions by
//! the word "seed", and Chinese citations carry no English words.

use std::path::Path;

use crate::common::bianzhi;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(args: &[&str]) -> String {
    let (code, stdout, stderr) = bianzhi(Path::new(ROOT), args);
    let text = format!("{stdout}{stderr}");
    assert!(
        matches!(code, Some(0 | 1)),
        "bianzhi {args:?} could not run: {text}"
    );
    text
}

/// Words of four or more ASCII letters: English words (codes such as `BZ001` and clause numbers
/// such as `II(4)` are shorter runs of letters).
fn english_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        .map(str::to_string)
        .collect()
}

#[test]
fn no_output_says_seed() {
    let mut outputs: Vec<(String, String)> = Vec::new();
    for lang in ["zh", "en"] {
        for format in ["json", "sarif", "human", "github", "junit"] {
            let args = ["check", "orgs/", "--lang", lang, "--format", format];
            outputs.push((args.join(" "), run(&args)));
        }
        outputs.push((
            format!("rules --lang {lang}"),
            run(&["rules", "--lang", lang]),
        ));
        for d in bianzhi::rules::catalog() {
            let code = d.meta.code.as_ref();
            outputs.push((
                format!("explain {code} --lang {lang}"),
                run(&["explain", code, "--lang", lang]),
            ));
        }
    }
    let bad: Vec<&str> = outputs
        .iter()
        .filter(|(_, out)| out.to_lowercase().contains("seed"))
        .map(|(cmd, _)| cmd.as_str())
        .collect();
    assert!(
        bad.is_empty(),
        "\"seed\" in the output of: {}",
        bad.join("; ")
    );
}

#[test]
fn chinese_json_cites_have_no_english_words() {
    let out = run(&["check", "orgs/", "--lang", "zh", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "orgs/ gives findings to look at");
    for f in findings {
        let cite = f["cite"].as_str().unwrap_or_default();
        assert!(!cite.is_empty(), "a finding without a cite: {f}");
        let words = english_words(cite);
        assert!(
            words.is_empty(),
            "{}: cite `{cite}` has {words:?}",
            f["code"]
        );
    }
}

#[test]
fn every_rule_cites_in_both_languages_without_mixing() {
    for d in bianzhi::rules::catalog() {
        let m = d.meta;
        assert!(
            english_words(&m.cite.zh).is_empty(),
            "{}: the Chinese cite `{}` has English words",
            m.code,
            m.cite.zh
        );
        assert!(
            !m.cite
                .en
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}: the English cite `{}` has Chinese",
            m.code,
            m.cite.en
        );
    }
}

#[test]
fn explain_names_the_document_a_rule_cites_by_its_full_title() {
    let zh = run(&["explain", "BZ001", "--lang", "zh"]);
    assert!(
        zh.contains("《关于深化经济发达镇行政管理体制改革工作的意见》"),
        "{zh}"
    );
    assert!(zh.contains("适用范围：经济发达镇"), "{zh}");
    let en = run(&["explain", "BZ101", "--lang", "en"]);
    assert!(
        en.contains("《地方各级人民政府机构设置和编制管理条例》"),
        "{en}"
    );
    assert!(en.contains("scope: town"), "{en}");
    // The Chinese explanation shows no English parameter notes.
    let zh = run(&["explain", "BZ007", "--lang", "zh"]);
    let tail = zh.split("\n参数\n").nth(1).unwrap_or_default();
    assert!(english_words(tail).is_empty(), "{zh}");
}
