//! The no-stray-English check shared by the tests that read bianzhi's Chinese output: what may
//! stay in ASCII is what the user writes or types (codes, ids, TOML keys and catalog values, rule
//! and pack names, paths, numbers, flags, format names, anything quoted).

use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The words that may appear bare: the keys and values of both JSON Schemas (TOML keys, catalog
/// values, levels), the built-in rules' names and parameters, format names and the acronyms
/// of file formats and tools.
pub fn allowed() -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let root = Path::new(ROOT);
    for schema in [
        "schema/bianzhi-org.schema.json",
        "schema/bianzhi-pack.schema.json",
        "schema/bianzhi-project.schema.json",
    ] {
        let text = std::fs::read_to_string(root.join(schema)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        collect_schema_words(&v, &mut words);
    }
    for d in bianzhi::rules::catalog() {
        words.insert(d.meta.name.to_string());
        for (k, _) in (d.default_params)() {
            words.insert(k.to_string());
        }
    }
    // The values written in the example files (ids, names): the user's own words.
    collect_toml_values(&root.join("orgs"), &mut words);
    for w in [
        "bianzhi", "human", "json", "sarif", "github", "junit", "csv", "xlsx", "html", "svg",
        "docx", "dot", "mermaid", "zh", "en", "national", "local", "git", "xls", "ods", "Graphviz",
        "Markdown", "Excel", "Word", "GitHub", "Actions", "JUnit", "Mermaid", "Schema", "toml",
        "yml", "md", "cd", "true", "false", "taplo", "Even",
        "Better", // Tools by their names; the subcommands (and the shell's cd), typed as they are.
        "check", "diff", "explain", "rules", "test", "init", "chart", "schema", "report", "import",
    ] {
        words.insert(w.to_string());
    }
    words
}

fn collect_toml_values(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_toml_values(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let table: toml::Table = toml::from_str(&text).unwrap();
            collect_value(&toml::Value::Table(table), out);
        }
    }
}

fn collect_value(v: &toml::Value, out: &mut BTreeSet<String>) {
    match v {
        toml::Value::String(s) => {
            out.insert(s.clone());
        }
        toml::Value::Array(a) => a.iter().for_each(|x| collect_value(x, out)),
        toml::Value::Table(t) => t.values().for_each(|x| collect_value(x, out)),
        _ => {}
    }
}

fn collect_schema_words(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                if k == "properties" {
                    if let serde_json::Value::Object(p) = v {
                        out.extend(p.keys().cloned());
                    }
                }
                if k == "enum" {
                    if let serde_json::Value::Array(a) = v {
                        out.extend(a.iter().filter_map(|x| x.as_str().map(str::to_string)));
                    }
                }
                collect_schema_words(v, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_schema_words(x, out)),
        _ => {}
    }
}

/// Text with quotations, code fences and source lines taken out.
pub fn readable(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let t = line.trim_start();
        // miette's source lines (`12 │ id = "x"`, `   · ──┬──`, `╭─[file:1:1]`) show the file.
        let gutter = t.split_once('│').is_some_and(|(n, _)| {
            n.trim().chars().all(|c| c.is_ascii_digit()) && !n.trim().is_empty()
        });
        if fenced {
            // An example's TOML is the user's; its comments are ours.
            if let Some((_, comment)) = line.split_once("# ") {
                out.push_str(comment);
                out.push('\n');
            }
            continue;
        }
        if gutter || t.starts_with('·') || t.starts_with("╭─[") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    let mut s = out;
    for (open, close) in [('`', '`'), ('“', '”'), ('"', '"'), ('‘', '’'), ('「', '」')] {
        s = strip_between(&s, open, close);
    }
    s
}

fn strip_between(s: &str, open: char, close: char) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        if !inside && c == open {
            inside = true;
        } else if inside && c == close {
            inside = false;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// The English words of `text` that are not on the allow-list.
pub fn stray_english(text: &str, allowed: &BTreeSet<String>) -> Vec<String> {
    let mut bad = Vec::new();
    for token in readable(text)
        .split(|c: char| c.is_whitespace() || "，。；：、（）《》【】,;()[]{}<>|=".contains(c))
    {
        // Paths, file names, flags, URLs and `key=value` pairs are the user's to type.
        if token.contains(['/', '\\', '.', '@', '*']) || token.starts_with('-') {
            continue;
        }
        for word in token.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')) {
            let letters = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
            if letters < 2
                || word.contains(['_', '-'])
                || word.chars().any(|c| c.is_ascii_digit())
                || word.chars().all(|c| !c.is_ascii_lowercase())
                || allowed.contains(word)
            {
                continue;
            }
            bad.push(word.to_string());
        }
    }
    bad
}

pub fn assert_chinese(what: &str, text: &str, allowed: &BTreeSet<String>) {
    let bad = stray_english(text, allowed);
    assert!(bad.is_empty(), "{what}: English words {bad:?} in\n{text}");
}
