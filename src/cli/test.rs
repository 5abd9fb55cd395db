//! `bianzhi test [PATH…]`: tests for rule packs, like `opa test`.
//!
//! A test case is an org file `NAME.toml` beside an expectation `NAME.expect.toml`:
//!
//! ```toml
//! pack = "../local.toml"        # the pack(s) to check with: an id or a path relative to this
//!                               # file, or an array of them; default jiangsu-2017
//!
//! [[finding]]                   # one per finding the case must give; none: the case is clean
//! code = "JS101"                # code or name
//! target = "body:enforcement"   # optional: `kind:id`, or `unit` for a finding without target
//! ```
//!
//! The case passes when the findings (at any level but `off`) are exactly those expected: each
//! expected finding matches one finding of its code (and target, where given), and no finding is
//! left over. Folders are searched recursively for `*.expect.toml`.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::app::{App, Input};
use crate::base::i18n::{msg, words};
use crate::cli::{
    errors_text, print_error, print_stdout, CliError, LangFlag, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK,
};

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Expectation files (`*.expect.toml`) and folders holding them (default: rules).
    #[arg(default_value = "rules")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub lang: LangFlag,
}

/// One expected finding.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    code: String,
    target: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(untagged)]
enum Packs {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    pack: Option<Packs>,
    #[serde(default)]
    finding: Vec<Expected>,
}

const SUFFIX: &str = ".expect.toml";

fn collect(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                return;
            }
        };
        entries.sort();
        for p in entries {
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') || n == "target");
            if hidden {
                continue;
            }
            if p.is_dir() {
                collect(&p, out, errors);
            } else if p.to_string_lossy().ends_with(SUFFIX) {
                out.push(p);
            }
        }
    } else if path.exists() {
        out.push(path.to_path_buf());
    } else {
        errors.push(format!("{}: no such file or folder", path.display()));
    }
}

/// Whether a finding's target is the one written in an expectation.
fn target_matches(written: &str, got: Option<&crate::base::diag::Target>) -> bool {
    match got {
        Some(t) => t.to_string() == written || t.matches(written),
        None => written == "unit" || written.is_empty(),
    }
}

fn show(code: &str, target: Option<&str>) -> String {
    match target {
        Some(t) => format!("{code} {t}"),
        None => code.to_string(),
    }
}

pub fn run(args: TestArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    let mut cases = Vec::new();
    let mut bad = Vec::new();
    for p in &args.paths {
        collect(p, &mut cases, &mut bad);
    }
    if cases.is_empty() && bad.is_empty() {
        bad.push(msg::test_no_cases().get(lang).to_string());
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut report = String::new();
    for expect_path in &cases {
        let shown = expect_path.display().to_string();
        let Some(org_path) = shown
            .strip_suffix(SUFFIX)
            .map(|stem| PathBuf::from(format!("{stem}.toml")))
        else {
            bad.push(format!("{shown}: not a `*{SUFFIX}` file"));
            continue;
        };
        let expectation: Expectation = match crate::base::fs::read_bytes(expect_path)
            .map_err(|e| e.message(&shown).get(lang).to_string())
            .and_then(|b| {
                String::from_utf8(b)
                    .map_err(|_| crate::base::i18n::common::not_utf8().get(lang).to_string())
            })
            .and_then(|t| toml::from_str(&t).map_err(|e| e.to_string()))
        {
            Ok(x) => x,
            Err(e) => {
                bad.push(format!("{shown}: {e}"));
                continue;
            }
        };
        let dir = expect_path.parent().unwrap_or(Path::new("."));
        let packs: Vec<String> = match expectation.pack {
            None => Vec::new(),
            Some(Packs::One(p)) => vec![p],
            Some(Packs::Many(ps)) => ps,
        }
        .into_iter()
        .map(|p| {
            if p.ends_with(".toml") || p.contains('/') {
                dir.join(p).display().to_string()
            } else {
                p
            }
        })
        .collect();
        let app = App {
            packs: packs.clone(),
            whole: true,
            ..crate::cli::app()
        };
        let outcome = app.check(Input::Paths(vec![org_path.clone()]));
        if !outcome.loaded.errors.is_empty() {
            print_error(&CliError::Drawn {
                text: errors_text(
                    &outcome.loaded.workspace,
                    &outcome.loaded.errors,
                    outcome.loaded.files_checked,
                    lang,
                    false,
                ),
                color: false,
            });
            bad.push(format!(
                "{}: {}",
                org_path.display(),
                words::test::could_not_check(lang)
            ));
            continue;
        }
        let held = outcome.findings.held();
        let mut left: Vec<&crate::base::diag::Finding> = held.iter().collect();
        let mut missing = Vec::new();
        for e in &expectation.finding {
            let pos = left.iter().position(|f| {
                (*f.code == *e.code || *f.name == *e.code)
                    && e.target
                        .as_deref()
                        .is_none_or(|t| target_matches(t, f.target.as_ref()))
            });
            match pos {
                Some(i) => {
                    left.remove(i);
                }
                None => missing.push(show(&e.code, e.target.as_deref())),
            }
        }
        if missing.is_empty() && left.is_empty() {
            passed += 1;
            continue;
        }
        failed += 1;
        report.push_str(&format!(
            "{} {}\n",
            words::test::fail(lang),
            org_path.display()
        ));
        for m in &missing {
            let label = words::test::missing(lang);
            report.push_str(&format!("  {}\n", msg::labelled(label, m).get(lang)));
        }
        for f in &left {
            let target = f.target.as_ref().map(|t| t.to_string());
            let label = words::test::extra(lang);
            let what = format!(
                "{} — {}",
                show(&f.code, target.as_deref()),
                f.message.get(lang)
            );
            report.push_str(&format!("  {}\n", msg::labelled(label, &what).get(lang)));
        }
    }
    for b in &bad {
        let label = words::test::error(lang);
        report.push_str(&format!("{}\n", msg::labelled(label, b).get(lang)));
    }
    report.push_str(msg::test_tally(passed, failed).get(lang));
    report.push_str(&format!("{passed} passed, {failed} failed\n"));
    print_stdout(&report);
    Ok(if !bad.is_empty() {
        EXIT_INPUT
    } else if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
