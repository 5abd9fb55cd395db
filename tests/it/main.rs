//! The integration tests, one module a subject, in one test binary: one link after a change to the
//! library instead of one per file (33 binaries took 1.4 GB and most of a rebuild,
//! docs/benchmarks.md). `cargo test --test it rule_fixtures::over_quota` runs one rule's fixtures,
//! `cargo test --test it chart::` one module.
//!
//! Two files stay binaries of their own, each for a reason that holds a whole process:
//! `tests/memory.rs` counts every allocation with its own `#[global_allocator]`, and
//! `tests/web.rs` runs the page's entry points, which mark the process as the page (messages that
//! advise no flags) and lower its file size limit — process-wide, as the page is a process of its
//! own. Nothing here sets such a global, changes the working directory or sets an environment
//! variable: tests of every module share the process and its threads.

#[path = "../../benches/support/workload.rs"]
#[allow(dead_code)]
mod workload;

mod common;

mod baseline_rev;
mod chart;
mod chinese_output;
mod clerk_journey;
mod cli;
mod county_scope;
mod custom_rules;
mod diff;
mod docs;
mod documents;
mod format_v2;
mod format_v3;
mod formats;
mod fuzz;
mod hardening;
mod hints;
mod html_report;
mod import;
mod jobs;
mod languages;
mod project;
mod properties;
mod readme;
mod realistic_towns;
mod report;
mod rule_fixtures;
mod schema;
mod spec_cli;
mod spec_exceptions;
mod streaming;
#[cfg(unix)]
mod workflow;

/// A new file in `tests/` is a new test binary, linked on its own: a test belongs in a module here
/// unless it needs a process of its own, as the two above do.
#[test]
fn the_other_test_binaries_are_the_ones_that_need_a_process() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut binaries: Vec<String> = std::fs::read_dir(&tests)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    binaries.sort();
    assert_eq!(binaries, ["memory.rs", "web.rs"]);
}

/// The tests go through the library's entry points, as the page does: none reaches into the
/// command line's module (what `bianzhi init` writes is in `bianzhi::templates`).
#[test]
fn no_test_imports_the_command_line() {
    let needle = concat!("bianzhi", "::cli");
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")];
    let mut found = Vec::new();
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs")
                && std::fs::read_to_string(&p).unwrap().contains(needle)
            {
                found.push(p.display().to_string());
            }
        }
    }
    assert!(
        found.is_empty(),
        "{found:?} import the command line's module"
    );
}
