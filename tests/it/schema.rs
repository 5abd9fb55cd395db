//! `bianzhi schema`: the example org files and the packs validate against the schemas, wrong types
//! are rejected, and the schemas committed in `schema/` are up to date.

use std::path::{Path, PathBuf};

use bianzhi::schema::{org_schema, pack_schema, toml_to_json};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

fn as_json(text: &str) -> Value {
    let table: toml::Table = toml::from_str(text).expect("valid TOML");
    toml_to_json(&toml::Value::Table(table))
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            toml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

/// Org files: the examples in `orgs/` and the rule fixtures (files with a `[unit]` table; loader
/// error fixtures live elsewhere).
fn org_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    toml_files(&root().join("orgs"), &mut files);
    toml_files(&root().join("tests/fixtures/rules"), &mut files);
    toml_files(&root().join("tests/fixtures/formats"), &mut files);
    toml_files(&root().join("tests/fixtures/realistic"), &mut files);
    toml_files(&root().join("tests/fixtures/format_v3"), &mut files);
    // Input errors the loader reports, which the schema rejects too (below).
    files.retain(|p| !p.ends_with("format_v3/bad/bad-v3.toml"));
    files.retain(|p| {
        std::fs::read_to_string(p)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
            .is_some_and(|t| t.contains_key("unit"))
    });
    files.sort();
    files
}

#[test]
fn every_example_org_file_validates() {
    let v = validator(&org_schema());
    let files = org_files();
    assert!(!files.is_empty(), "no org files found");
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let errs = errors(&v, &as_json(&text));
        if !errs.is_empty() {
            bad.push(format!("{}:\n  {}", f.display(), errs.join("\n  ")));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_built_in_packs_validate() {
    let v = validator(&pack_schema());
    let mut files = Vec::new();
    toml_files(&root().join("rules"), &mut files);
    // `rules/tests/` holds the packs' test cases (org files and expectations), not packs.
    files.retain(|f| !f.starts_with(root().join("rules/tests")));
    assert!(files.len() >= 2);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let errs = errors(&v, &as_json(&text));
        assert!(errs.is_empty(), "{}: {errs:#?}", f.display());
    }
}

const TOWN: &str = r#"
[unit]
id = "x"
name = "某镇"
kind = "town"
as_of = 2018-06-30

[quota]
administrative = 40
posts = { "正科" = 3, "deputy_section" = 5 }

[[body]]
id = "dzb"
name = "党政办公室"
kind = "职能机构"
quota = { "行政编制" = 6 }
"#;

#[test]
fn a_valid_file_in_both_spellings_validates() {
    let v = validator(&org_schema());
    assert_eq!(errors(&v, &as_json(TOWN)), Vec::<String>::new());
}

#[test]
fn wrong_types_and_unknown_keys_are_rejected() {
    let v = validator(&org_schema());
    let cases = [
        ("kind = \"town\"", "kind = 3"),
        ("as_of = 2018-06-30", "as_of = \"yesterday\""),
        ("administrative = 40", "administrative = -1"),
        (
            "administrative = 40",
            "administrative = 40\nadminstrative = 1",
        ),
        ("kind = \"职能机构\"", "kind = \"职能\""),
        ("id = \"dzb\"", "id = \"dzb\"\nstaf = { none = 1 }"),
        ("id = \"x\"", "id = \"X Town\""),
    ];
    for (from, to) in cases {
        let text = TOWN.replacen(from, to, 1);
        assert_ne!(text, TOWN);
        assert!(
            !errors(&v, &as_json(&text)).is_empty(),
            "accepted `{to}`:\n{text}"
        );
    }
}

/// Format v3: a transfer out with its approval above, an abolition with a reason or a document.
const PLAN_V3: &str = r#"
[unit]
id = "x"
name = "某镇"
kind = "town"
as_of = 2019-06-30
status = "proposal"

[[transfer]]
direction = "out"
body = "slz"
whole_body = true
counterpart = "某县水务局"
category = "institution"
count = 6
persons = ["p1"]
doc = "某编〔2019〕1号"
date = 2019-03-01
above = { by = "中央编办", doc = "中编办复字〔2019〕1号", date = 2019-02-01 }

[[abolition]]
body = "czjs"
reason = "职责并入规划建设局"
"#;

#[test]
fn version_3_keys_validate_and_their_mistakes_are_rejected() {
    let v = validator(&org_schema());
    assert_eq!(errors(&v, &as_json(PLAN_V3)), Vec::<String>::new());
    let with_doc = PLAN_V3.replacen(
        "reason = \"职责并入规划建设局\"",
        "doc = \"某编〔2019〕2号\"",
        1,
    );
    assert_eq!(errors(&v, &as_json(&with_doc)), Vec::<String>::new());
    for (from, to) in [
        ("reason = \"职责并入规划建设局\"", "by = \"某县编委\""),
        ("by = \"中央编办\", ", ""),
        ("body = \"czjs\"", "body = \"czjs\"\nbodies = 1"),
    ] {
        let text = PLAN_V3.replacen(from, to, 1);
        assert_ne!(text, PLAN_V3);
        assert!(
            !errors(&v, &as_json(&text)).is_empty(),
            "accepted `{to}`:\n{text}"
        );
    }
}

#[test]
fn pack_mistakes_are_rejected() {
    let v = validator(&pack_schema());
    let ok = "[pack]\nid = \"p\"\nextends = [\"jiangsu-2017\"]\n\n[rule.BZ001]\nlevel = \"warning\"\nmax = 12\n\n[rule.unauthorized-title]\ntitles = { \"镇长\" = \"正科\" }\n\n[[custom]]\ncode = \"JS101\"\nname = \"enforcement-certified-share\"\nlevel = \"warning\"\nscope = \"body\"\nwhen = \"body.office == 'front'\"\nassert = \"body.persons.size() >= 2\"\nmessage = \"at least two staff\"\ncite = { zh = \"江苏经济发达镇意见 二(三)4\", en = \"Jiangsu DT Opinions 2017, II(3).4\" }\n";
    assert_eq!(errors(&v, &as_json(ok)), Vec::<String>::new());
    for (from, to) in [
        ("max = 12", "max = \"twelve\""),
        ("level = \"warning\"", "level = \"fatal\""),
        ("[rule.BZ001]", "[rule.BZ999]"),
        ("max = 12", "maximum = 12"),
    ] {
        let text = ok.replacen(from, to, 1);
        assert!(!errors(&v, &as_json(&text)).is_empty(), "accepted `{to}`");
    }
}

#[test]
fn committed_schemas_are_up_to_date() {
    for (file, schema) in bianzhi::schema::all_schemas() {
        let path = root().join("schema").join(file);
        let want = bianzhi::render::schema::render(&schema);
        if std::env::var_os("BZ_UPDATE_SCHEMAS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        let got = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            got == want,
            "schema/{file} is out of date: run `cargo run -- schema --output schema/` \
             (or BZ_UPDATE_SCHEMAS=1 cargo test --test it schema::)"
        );
    }
}

#[test]
fn the_project_file_of_init_validates_and_mistakes_are_rejected() {
    let v = validator(&bianzhi::schema::project_schema());
    let init = std::fs::read_to_string(root().join("templates/init/bianzhi.toml")).unwrap();
    assert_eq!(errors(&v, &as_json(&init)), Vec::<String>::new());
    let full = "rules = [\"jiangsu-2017\"]\nlang = \"zh\"\npaths = [\"orgs\"]\ndeny = \"warnings\"\noffice = \"某县编办\"\n[baseline]\nrev = \"main\"\n";
    assert_eq!(errors(&v, &as_json(full)), Vec::<String>::new());
    for bad in [
        "lang = \"cn\"",
        "rule = [\"x\"]",
        "deny = true",
        "[baseline]\nref = \"main\"",
    ] {
        assert!(!errors(&v, &as_json(bad)).is_empty(), "{bad}");
    }
}
