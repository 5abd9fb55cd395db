//! Properties that must always hold, whatever the input.

use std::path::{Path, PathBuf};

use bianzhi::app::{check, check_with};
use bianzhi::pack;
use proptest::prelude::*;

#[path = "../../benches/support/files.rs"]
mod files;

/// The bundled examples: many files, findings of many rules.
fn example_files() -> Vec<PathBuf> {
    files::files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("orgs"))
}

/// Findings as comparable rows: file, place, code, target, message.
fn rows(paths: &[PathBuf]) -> Vec<String> {
    let outcome = check(paths, &[], false);
    let run = outcome.run(bianzhi::base::i18n::Lang::En);
    run.findings
        .iter()
        .map(|f| {
            format!(
                "{} {}..{} {} {:?} {}",
                run.ws.sources.get(f.file).path,
                f.span.start,
                f.span.end,
                f.code,
                f.target,
                f.message.en
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn the_order_of_files_does_not_change_the_findings(seed in any::<u64>()) {
        let files = example_files();
        let mut shuffled = files.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(rows(&files), rows(&shuffled));
    }
}

/// A small town: bodies with quotas and a roster, written as TOML.
#[derive(Debug, Clone)]
struct Town {
    /// Per body: administrative and institution quota.
    bodies: Vec<(u32, u32)>,
    /// Per person: body index and whether administrative (else institution).
    persons: Vec<(usize, bool)>,
}

fn town() -> impl Strategy<Value = Town> {
    prop::collection::vec((0u32..4, 0u32..4), 1..5).prop_flat_map(|bodies| {
        let n = bodies.len();
        prop::collection::vec((0..n, any::<bool>()), 0..16).prop_map(move |persons| Town {
            bodies: bodies.clone(),
            persons,
        })
    })
}

fn write_town(t: &Town, dir: &Path) -> PathBuf {
    let mut s = String::from(
        "[unit]\nid = \"prop\"\nname = \"属性镇\"\nkind = \"town\"\nas_of = 2020-01-01\n\n[quota]\nadministrative = 6\ninstitution = 6\n",
    );
    for (i, (adm, inst)) in t.bodies.iter().enumerate() {
        s.push_str(&format!(
            "\n[[body]]\nid = \"b{i}\"\nname = \"机构{i}\"\nkind = \"functional\"\nquota = {{ administrative = {adm}, institution = {inst} }}\n"
        ));
    }
    for (i, (body, adm)) in t.persons.iter().enumerate() {
        let cat = if *adm {
            "administrative"
        } else {
            "institution"
        };
        s.push_str(&format!(
            "\n[[person]]\nid = \"P{i:03}\"\nbody = \"b{body}\"\nestablishment = \"{cat}\"\n"
        ));
    }
    let path = dir.join("prop.toml");
    std::fs::write(&path, s).unwrap();
    path
}

/// Over-quota findings as (target, message without counts is not stable: use target and the
/// category named in the message).
fn over_quota(t: &Town) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = write_town(t, dir.path());
    let outcome = check_with(&[path], false, |_| Ok(pack::single("BZ101").unwrap()));
    assert!(
        outcome.loaded.errors.is_empty(),
        "{:?}",
        outcome.loaded.errors
    );
    let mut v: Vec<String> = outcome
        .findings
        .iter()
        .map(|f| {
            let cat = if f.message.en.contains("administrative") {
                "adm"
            } else {
                "inst"
            };
            format!("{:?} {cat}", f.target)
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn adding_a_person_never_removes_an_over_quota_finding(
        t in town(),
        body in any::<prop::sample::Index>(),
        adm in any::<bool>(),
    ) {
        let before = over_quota(&t);
        let mut more = t.clone();
        more.persons.push((body.index(t.bodies.len()), adm));
        let after = over_quota(&more);
        for f in &before {
            prop_assert!(after.contains(f), "{} disappeared: before {:?}, after {:?}", f, before, after);
        }
    }
}

/// The properties above are only worth something if the rules fire on these inputs at all.
#[test]
fn the_properties_are_not_vacuous() {
    let crowded = Town {
        bodies: vec![(1, 0)],
        persons: vec![(0, true), (0, true)],
    };
    assert!(!over_quota(&crowded).is_empty());
    assert!(rows(&example_files()).len() >= 5);
}
