//! Every rule's fixtures, run with that rule alone: `tests/fixtures/rules/<CODE>/`.
//!
//! A fixture is a file (`violation*.toml`, `clean*.toml`) or a folder of files checked together
//! (`violation-*/`, `clean-*/`, for rules that compare files: a county and its towns, a plan and
//! its baseline). A `pack.toml` in the fixture folder, when present, is the pack instead of the rule
//! alone at its defaults (to test parameters). Violations must give at least one finding of the
//! rule; clean fixtures none. The rendered diagnostics (no colour, fixed width) and the JSON of
//! every violation are snapshots: the spec a reviewer reads.

use std::path::{Path, PathBuf};

use bianzhi::app::check_with;
use bianzhi::base::i18n::Lang;
use bianzhi::pack;
use bianzhi::render::findings::{human, json};
use bianzhi::rules;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn fixtures(code: &str) -> Vec<PathBuf> {
    let dir = fixture_root().join(code);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| {
        let name = p.file_name().unwrap().to_string_lossy();
        (name.starts_with("violation") || name.starts_with("clean")) && name != "pack.toml"
    });
    out.sort();
    out
}

struct Result_ {
    codes: Vec<String>,
    human: String,
    json: String,
}

fn run_fixture(code: &str, path: &Path) -> Result_ {
    let pack_file = if path.is_dir() {
        Some(path.join("pack.toml")).filter(|p| p.exists())
    } else {
        None
    };
    // Inside a folder fixture the pack file is not an org file: name the org files explicitly.
    let paths: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("pack.toml"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    let root = fixture_root();
    let rel: Vec<PathBuf> = paths
        .iter()
        .map(|p| Path::new("tests/fixtures/rules").join(p.strip_prefix(&root).unwrap()))
        .collect();
    let cwd = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Relative paths (tests run in the package root) keep messages that name files, and so their
    // line wrapping, the same in every checkout.
    let pack_rel = pack_file
        .as_ref()
        .map(|p| Path::new("tests/fixtures/rules").join(p.strip_prefix(&root).unwrap()));
    let outcome = check_with(&rel, false, |sources| match &pack_rel {
        Some(p) => pack::load(&[p.to_string_lossy().into_owned()], sources),
        None => Ok(pack::single(code).expect("rule in catalog")),
    });
    let run = outcome.run(Lang::En);
    assert!(
        run.errors.is_empty(),
        "{}: input errors: {:?}",
        path.display(),
        run.errors
    );
    let strip = |s: String| s.replace(&format!("{}/", cwd.display()), "");
    let human = strip(human::render(
        &run,
        human::Style {
            color: false,
            width: 100,
        },
    ));
    let zh = strip(human::render(
        &outcome.run(Lang::Zh),
        human::Style {
            color: false,
            width: 100,
        },
    ));
    Result_ {
        codes: outcome
            .findings
            .iter()
            .map(|f| f.code.to_string())
            .collect(),
        human: format!("{human}\n--- zh ---\n{zh}"),
        json: strip(json::render(&run)),
    }
}

/// Runs one rule's fixtures: its violations must give a finding of it (and match their
/// snapshots), its clean fixtures none.
fn check_fixtures_of(code: &str) {
    let files = fixtures(code);
    let has = |p: &str| {
        files
            .iter()
            .any(|f| f.file_name().unwrap().to_string_lossy().starts_with(p))
    };
    assert!(
        has("violation") && has("clean"),
        "{code} needs a violation and a clean fixture in tests/fixtures/rules/{code}/"
    );
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let r = run_fixture(code, f);
        let hits = r.codes.iter().filter(|c| *c == code).count();
        if name.starts_with("violation") {
            if hits == 0 {
                failures.push(format!(
                    "{code}/{name}: expected a {code} finding, got none"
                ));
            }
            let stem = name.trim_end_matches(".toml");
            insta::assert_snapshot!(format!("{code}-{stem}"), r.human);
            insta::assert_snapshot!(format!("{code}-{stem}-json"), r.json);
        } else if hits > 0 {
            failures.push(format!(
                "{code}/{name}: expected no {code} finding, got {hits}:\n{}",
                r.human
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One test a rule, named by its module (its file in `src/rules/`), made from the one list of
/// rules (`rules!` in `src/rules/mod.rs`): a failing rule is named, the others still run, and
/// `cargo test --test it rule_fixtures::over_quota` runs one rule's fixtures.
macro_rules! fixture_tests {
    ($($module:ident::$rule:ident),*) => {
        $(
            #[test]
            fn $module() {
                check_fixtures_of(&rules::$module::$rule::META.code);
            }
        )*
    };
}

bianzhi::each_rule!(fixture_tests);

#[test]
fn every_fixture_folder_is_a_rule() {
    use std::collections::BTreeSet;
    let catalog: BTreeSet<&str> = rules::catalog()
        .iter()
        .map(|d| d.meta.code.as_ref())
        .collect();
    // A folder of fixtures whose code is not a rule would never be run.
    let folders: BTreeSet<String> = std::fs::read_dir(fixture_root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let stray: Vec<_> = folders
        .iter()
        .filter(|f| !catalog.contains(f.as_str()))
        .collect();
    assert!(
        stray.is_empty(),
        "folders of tests/fixtures/rules/ that are no rule's: {stray:?}"
    );
}
