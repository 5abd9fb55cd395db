//! Mutation fuzzing of the loader and of packs, driven by proptest (no nightly toolchain needed):
//! byte and structure mutants of the org files under `orgs/` and the packs under `rules/` must give
//! a result or input errors, never a panic, in every output (human, JSON, SARIF, GitHub, JUnit).
//!
//! Short by default (`.ci/run` runs it with the tests); `BZ_FUZZ_CASES=5000 cargo test --release
//! --test fuzz` runs longer.

use std::path::{Path, PathBuf};

use bianzhi::app::check;
use bianzhi::base::i18n::Lang;
use bianzhi::render::findings::Format;
use proptest::prelude::*;

fn seeds(dir: &str) -> Vec<(String, Vec<u8>)> {
    fn walk(p: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(p) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for e in entries {
            if e.is_dir() {
                walk(&e, out);
            } else if e.extension().is_some_and(|x| x == "toml") {
                if let Ok(bytes) = std::fs::read(&e) {
                    out.push((e.display().to_string(), bytes));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "no seeds under {dir}");
    out
}

/// Pieces that have broken parsers before: structure, quoting, escapes, controls, big numbers.
const TOKENS: &[&str] = &[
    "[[person]]\n",
    "[[body]]\n",
    "[unit]\n",
    "[pack]\n",
    "[[custom]]\n",
    "extends = [\"national\", \"national\"]\n",
    "assert = \"unit.persons.all(a, unit.persons.all(b, a.id.matches('(a+)+$')))\"\n",
    "\"",
    "'''",
    "\"\"\"",
    "=",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\n",
    "\r\n",
    "\\u001b[2J",
    "\u{1b}",
    "\u{0}",
    "\u{feff}",
    "::error::x",
    "=HYPERLINK(\"x\")",
    "99999999999999999999",
    "-1",
    "1e308",
    "1979-05-27T07:32:00Z",
    "name = \"张三\"\n",
    "编",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: f64, len: usize },
    Insert { at: f64, token: usize },
    Duplicate { at: f64, len: usize },
    Flip { at: f64, byte: u8 },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, 1usize..64).prop_map(|(at, len)| Edit::Delete { at, len }),
        (0.0..1.0f64, 0..TOKENS.len()).prop_map(|(at, token)| Edit::Insert { at, token }),
        (0.0..1.0f64, 1usize..256).prop_map(|(at, len)| Edit::Duplicate { at, len }),
        (0.0..1.0f64, any::<u8>()).prop_map(|(at, byte)| Edit::Flip { at, byte }),
    ]
}

fn mutate(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for e in edits {
        let pos = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
        match *e {
            Edit::Delete { at, len } => {
                let s = pos(at, b.len());
                let end = (s + len).min(b.len());
                b.drain(s..end);
            }
            Edit::Insert { at, token } => {
                let s = pos(at, b.len());
                b.splice(s..s, TOKENS[token].bytes());
            }
            Edit::Duplicate { at, len } => {
                let s = pos(at, b.len());
                let end = (s + len).min(b.len());
                let piece = b[s..end].to_vec();
                b.splice(end..end, piece);
            }
            Edit::Flip { at, byte } => {
                if !b.is_empty() {
                    let s = pos(at, b.len() - 1);
                    b[s] = byte;
                }
            }
        }
    }
    b
}

/// Every output of a check, rendered: none may panic, and the JSON must parse.
fn render_all(paths: &[PathBuf], packs: &[String]) {
    let outcome = check(paths, packs, false);
    for lang in [Lang::En, Lang::Zh] {
        let run = outcome.run(lang);
        for format in [
            Format::Human,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Junit,
        ] {
            let text = outcome.render(&run, format, false, false);
            if matches!(format, Format::Json | Format::Sarif) {
                assert!(
                    serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                    "{format:?} is not JSON"
                );
            }
        }
    }
}

fn cases() -> u32 {
    std::env::var("BZ_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_survives_mutants_of_the_examples(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let seeds = seeds("orgs");
        let (_, seed) = &seeds[pick.index(seeds.len())];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mutant.toml");
        std::fs::write(&path, mutate(seed, &edits)).unwrap();
        render_all(&[path], &[]);
    }

    #[test]
    fn packs_survive_mutants_of_the_shipped_packs(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let seeds = seeds("rules");
        let (_, seed) = &seeds[pick.index(seeds.len())];
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("mutant.pack.toml");
        std::fs::write(&pack, mutate(seed, &edits)).unwrap();
        let town = Path::new(env!("CARGO_MANIFEST_DIR")).join("orgs/wujiang/shengze");
        render_all(&[town], &[pack.display().to_string()]);
    }
}
