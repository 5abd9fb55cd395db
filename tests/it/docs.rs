//! The project's own documentation: `docs/rules.md` is generated from the rule catalog and must be
//! current (`UPDATE_DOCS=1 cargo test --test it docs::` rewrites it), and no file users read points at
//! anything outside the project.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn the_rule_reference_is_current() {
    let path = Path::new(ROOT).join("docs/rules.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = bianzhi::rules::docs::reference();
    if current != generated {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, generated).unwrap();
        } else {
            panic!(
                "docs/rules.md is out of date with the rule catalog: run `UPDATE_DOCS=1 cargo test --test it docs::`"
            );
        }
    }
}

#[test]
fn the_rule_reference_has_every_rule_with_both_cites_and_its_scope() {
    let reference = bianzhi::rules::docs::reference();
    for d in bianzhi::rules::catalog() {
        let m = d.meta;
        let entry = reference
            .split(&format!("<a id=\"{}\"></a>", m.code.to_lowercase()))
            .nth(1)
            .unwrap_or_else(|| panic!("{} has no entry", m.code));
        let entry = entry.split("\n<a id=").next().unwrap_or_default();
        for needle in [
            &*m.cite.zh,
            &*m.cite.en,
            m.scope.as_str(),
            "### What it checks",
            "### 依据",
        ] {
            assert!(entry.contains(needle), "{}: `{needle}` missing", m.code);
        }
    }
}

/// Every file of the project a user or contributor reads, for the references it must not hold.
fn project_files() -> Vec<std::path::PathBuf> {
    let mut out = vec![Path::new(ROOT).join("README.md")];
    let mut stack: Vec<_> = [
        "src",
        "tests",
        "docs",
        "templates",
        "benches",
        "rules",
        "orgs",
    ]
    .iter()
    .map(|d| Path::new(ROOT).join(d))
    .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                // Snapshots quote output; build folders are not the project's files.
                if !matches!(
                    p.file_name().and_then(|n| n.to_str()),
                    Some("target" | "snapshots")
                ) {
                    stack.push(p);
                }
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("rs" | "md" | "toml" | "yml")
            ) {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn no_file_points_outside_the_project() {
    // Spelled in two pieces so that this file does not hold the phrase it looks for.
    let needles = [format!("../{}", "shared"), format!("{}/spec", "shared")];
    for p in project_files() {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for n in &needles {
            assert!(
                !text.contains(n.as_str()),
                "{} mentions `{n}`: the project's docs are in docs/",
                p.display()
            );
        }
    }
}

#[test]
fn the_readme_links_the_format_and_the_rule_reference() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    for link in ["(docs/format.md)", "(docs/rules.md)"] {
        assert!(readme.contains(link), "README.md does not link {link}");
    }
    assert!(Path::new(ROOT).join("docs/format.md").is_file());
}
