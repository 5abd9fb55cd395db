//! `bianzhi check` checks a unit at a time and keeps only summaries of the files
//! (`check_streamed`); every report must be byte-identical to the one of the whole-workspace check
//! (`check`) that the snapshot tests pin.

use crate::workload;

use std::path::{Path, PathBuf};

use bianzhi::app::{check, check_streamed, Outcome};
use bianzhi::base::i18n::Lang;
use bianzhi::render::findings::Format;

const FORMATS: [Format; 5] = [
    Format::Human,
    Format::Json,
    Format::Sarif,
    Format::Github,
    Format::Junit,
];

fn reports(o: &Outcome) -> Vec<String> {
    [Lang::En, Lang::Zh]
        .into_iter()
        .flat_map(|lang| reports_in(o, lang))
        .collect()
}

fn reports_in(o: &Outcome, lang: Lang) -> Vec<String> {
    let run = o.run(lang);
    FORMATS
        .iter()
        .map(|&format| o.render(&run, format, false, false))
        .collect()
}

fn same(paths: &[PathBuf], packs: &[String]) {
    let whole = check(paths, packs, false);
    let streamed = check_streamed(paths, packs, false, None);
    assert_eq!(
        whole.loaded.files_checked, streamed.loaded.files_checked,
        "{paths:?}"
    );
    // The streamed run kept summaries only (it did not fall back to the whole-workspace check).
    let ws = &streamed.loaded.workspace;
    assert!(ws
        .orgs
        .iter()
        .all(|o| o.bodies.is_empty() && o.persons.is_empty()));
    assert_eq!(
        ws.orgs.len(),
        whole.loaded.workspace.orgs.len(),
        "{paths:?}"
    );
    for (a, b) in reports(&whole).iter().zip(reports(&streamed)) {
        assert!(
            *a == b,
            "{paths:?} {packs:?}: reports differ\n--- whole\n{a}\n--- streamed\n{b}"
        );
    }
}

/// As `bianzhi check` runs it: findings kept in the language of the report only give the same
/// reports in that language.
fn same_in_one_language(paths: &[PathBuf], packs: &[String]) {
    let whole = check(paths, packs, false);
    for lang in [Lang::En, Lang::Zh] {
        let one = check_streamed(paths, packs, false, Some(lang));
        for (a, b) in reports_in(&whole, lang).iter().zip(reports_in(&one, lang)) {
            assert!(
                *a == b,
                "{paths:?} {packs:?} {lang:?}: reports differ when kept in one language\n--- whole\n{a}\n--- one language\n{b}"
            );
        }
    }
}

/// `.ci/run` sets BZ_STREAMING_FULL: a workload of 40 towns (4 counties) and every rule fixture
/// checked on its own. A plain `cargo test`, the inner loop, checks 20 towns (2 counties) and one
/// violation of each rule on its own (all of them together either way): the full run took 47 s, half
/// of the whole `cargo test` on 2 shared cores, and takes 57 s in three tests (docs/benchmarks.md).
fn full() -> bool {
    std::env::var_os("BZ_STREAMING_FULL").is_some()
}

fn workload_towns() -> usize {
    if full() {
        40
    } else {
        20
    }
}

#[test]
fn streamed_reports_equal_whole_workspace_reports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    workload::generate(dir.path(), workload_towns(), 7, 40).unwrap();
    same(&[dir.path().to_path_buf()], &[]);
    same(&[root.join("orgs")], &[]);
    same(&[root.join("orgs"), dir.path().to_path_buf()], &[]);
    same(&[root.join("orgs")], &["jiangsu-2017".into()]);
    same(&[root.join("no/such/path"), root.join("orgs")], &[]);
    // A pack that cannot be loaded: the files are still read a unit at a time for their own
    // errors (a whole-workspace load of a province took 6.9 GiB), and nothing else is reported.
    same(
        &[root.join("orgs"), root.join("tests/fixtures/rules")],
        &[root
            .join("tests/fixtures/cli/bad.pack.toml")
            .to_string_lossy()
            .into_owned()],
    );
}

#[test]
fn streamed_reports_of_rule_fixtures_equal_whole_workspace_reports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Rule fixtures one at a time (files and folders), and all of them at once (with the other
    // fixtures).
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/rules"))
        .unwrap()
        .flat_map(|e| std::fs::read_dir(e.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|x| x == "toml"))
        .collect();
    fixtures.sort();
    if !full() {
        // The first violation of each rule.
        let mut seen = std::collections::BTreeSet::new();
        fixtures.retain(|f| {
            f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("violation"))
                && seen.insert(f.parent().map(Path::to_path_buf))
        });
    }
    for f in &fixtures {
        same(std::slice::from_ref(f), &[]);
    }
    if full() {
        same(&[root.join("tests/fixtures/rules")], &[]);
    }
    same(&[root.join("tests/fixtures")], &[]);
}

/// The findings of a streamed check wait in a temporary file: read back, they are the whole
/// check's, in the same order, with the same counts, however often they are read.
#[test]
fn spilled_findings_read_back_equal_held_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths = [root.join("tests/fixtures"), root.join("orgs")];
    let whole = check(&paths, &[], false);
    let streamed = check_streamed(&paths, &[], false, None);
    assert!(matches!(
        streamed.findings,
        bianzhi::engine::Findings::Spilled(_)
    ));
    assert!(whole.findings.len() > 100);
    // File ids differ between the two runs (a streamed run numbers files as it finds them).
    let rows = |o: &Outcome| -> Vec<String> {
        o.findings
            .iter()
            .map(|f| {
                let path = o.loaded.workspace.sources.path(f.file);
                let labels: Vec<String> = f
                    .labels
                    .iter()
                    .map(|l| {
                        format!(
                            "{}:{:?}:{}",
                            o.loaded.workspace.sources.path(l.file),
                            l.span,
                            l.message.en
                        )
                    })
                    .collect();
                format!(
                    "{path} {:?} {} {} {:?} {:?} {:?} {:?} {:?} {} {labels:?}",
                    f.span, f.code, f.name, f.level, f.target, f.message, f.help, f.primary, f.cite
                )
            })
            .collect()
    };
    assert_eq!(rows(&streamed), rows(&whole));
    assert_eq!(rows(&streamed), rows(&streamed), "read twice");
    for level in [
        bianzhi::base::diag::Level::Error,
        bianzhi::base::diag::Level::Warning,
        bianzhi::base::diag::Level::Info,
    ] {
        assert_eq!(streamed.findings.count(level), whole.findings.count(level));
    }
    assert_eq!(streamed.findings.read_failure(), None);
}

#[test]
fn findings_kept_in_one_language_give_the_same_reports_in_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    workload::generate(dir.path(), workload_towns(), 7, 40).unwrap();
    same_in_one_language(&[dir.path().to_path_buf()], &[]);
    // Every rule fixture at once, the examples, and a pack.
    same_in_one_language(&[root.join("tests/fixtures"), root.join("orgs")], &[]);
    same_in_one_language(&[root.join("orgs")], &["jiangsu-2017".into()]);
}

#[test]
fn a_labelled_input_error_points_into_its_own_file_when_streamed() {
    // The second file of the run: its labels must move to the run's file id with the error.
    let dir = tempfile::tempdir().unwrap();
    let unit = |id: &str| {
        format!("[unit]\nid = \"{id}\"\nname = \"某镇\"\nkind = \"town\"\nas_of = 2018-01-01\n")
    };
    std::fs::write(dir.path().join("a.toml"), unit("a")).unwrap();
    let repeated = format!(
        "{}\n[quota]\nadministrative = 1\n\"行政编制\" = 2\n",
        unit("b")
    );
    std::fs::write(dir.path().join("b.toml"), repeated).unwrap();
    let whole = check(&[dir.path().to_path_buf()], &[], false);
    assert_eq!(whole.loaded.errors[0].labels.len(), 1);
    same(&[dir.path().to_path_buf()], &[]);
}

/// The cross-file rules get summaries when streamed: the towns' pending plans must reach BZ103's
/// second sum there too (format v3), not only in the whole-workspace check.
#[test]
fn pending_plans_reach_the_county_limit_when_streamed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths = vec![root.join("tests/fixtures/rules/BZ103/violation-plans")];
    let streamed = check_streamed(&paths, &[], false, Some(Lang::En));
    let run = streamed.run(Lang::En);
    let json = streamed.render(&run, Format::Json, false, false);
    assert!(
        json.contains(
            "after the plans (西来桥镇's plan of 2020-06-30, 油坊镇's plan of 2020-06-30)"
        ),
        "{json}"
    );
    same(&paths, &[]);
}
