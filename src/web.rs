//! The offline page's entry points (`target/web/index.html`, built by `scripts/build-web.sh`): the
//! files the user picked are kept here, checked with [`app::check_files`] and reported with the
//! same renderers as the command line (the JSON document of `check --format json`, the HTML
//! report, the chart's SVG, the ledger's workbook, the diff). Nothing here checks or renders on
//! its own.
//!
//! With the `web` feature these functions are exported to JavaScript by wasm-bindgen; without it
//! they are plain functions, which is how the tests hold the page's answers against the command
//! line's (tests/web.rs).

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::Serialize;
#[cfg(feature = "web")]
use wasm_bindgen::prelude::wasm_bindgen;

use crate::analysis::{self};
use crate::app::{self, Outcome};
use crate::base::i18n::Lang;
use crate::model::OrgFile;
use crate::render;
use crate::render::ledger::ReportCx;

/// The files picked (path shown → bytes) and the last check of them.
#[derive(Default)]
struct State {
    files: BTreeMap<String, Vec<u8>>,
    last: Option<Outcome>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn lang_of(lang: &str) -> Lang {
    if lang == "en" {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// Forgets every file picked.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn clear_files() {
    STATE.with(|s| *s.borrow_mut() = State::default());
}

/// Adds a file, or replaces the one with the same path (an edit in the page).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn put_file(path: &str, bytes: &[u8]) {
    STATE.with(|s| {
        s.borrow_mut()
            .files
            .insert(path.to_string(), bytes.to_vec());
    });
}

/// Removes one file.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn remove_file(path: &str) {
    STATE.with(|s| {
        s.borrow_mut().files.remove(path);
    });
}

/// The built-in rule packs, as JSON: `[{"id", "zh", "en"}]` (`check`'s `pack` takes an id).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn packs() -> String {
    let list: Vec<serde_json::Value> = crate::pack::EMBEDDED
        .iter()
        .map(|(id, _, _)| serde_json::json!({ "id": id, "default": *id == crate::pack::DEFAULT_PACK }))
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// What the page shows after a check.
#[derive(Serialize)]
struct PageCheck {
    /// The document `bianzhi check --format json` writes for the same files.
    report: serde_json::Value,
    /// The rules that findings name: one line saying what each checks, in the language asked.
    rules: BTreeMap<String, RuleLine>,
    /// The org files that loaded, in workspace order.
    orgs: Vec<OrgLine>,
}

#[derive(Serialize)]
struct RuleLine {
    /// The rule's title for people: its Chinese title, or its short English name.
    title: String,
    /// The whole paragraph.
    summary: String,
    cite: String,
}

#[derive(Serialize)]
struct OrgLine {
    path: String,
    unit: String,
    name: String,
    proposal: bool,
    as_of: String,
    /// The file this one is compared with (its baseline), where it has one.
    baseline: Option<String>,
}

/// Checks the files picked (as one folder named `folder`) with the built-in pack `pack` (empty:
/// the default) and returns what the page shows, as JSON ([`PageCheck`]).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn check(folder: &str, pack: &str, lang: &str, show_names: bool) -> String {
    let lang = lang_of(lang);
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let files: Vec<(String, Vec<u8>)> = state
            .files
            .iter()
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect();
        let packs: Vec<String> = if pack.is_empty() {
            Vec::new()
        } else {
            vec![pack.to_string()]
        };
        let outcome = app::check_files(folder, files, &packs, show_names);
        let page = page_check(&outcome, lang);
        state.last = Some(outcome);
        page
    })
}

fn page_check(outcome: &Outcome, lang: Lang) -> String {
    let run = outcome.run(lang);
    let report = serde_json::from_str(&render::findings::json::render(&run))
        .unwrap_or(serde_json::Value::Null);
    let rules = outcome
        .rules
        .iter()
        .map(|r| {
            (
                r.code.clone(),
                RuleLine {
                    title: crate::base::i18n::doc::rule_heading(&r.code, &r.name, lang),
                    summary: r.summary.get(lang).to_string(),
                    cite: r.cite.get(lang).to_string(),
                },
            )
        })
        .collect();
    let ws = &outcome.loaded.workspace;
    let orgs = ws
        .orgs
        .iter()
        .enumerate()
        .map(|(i, org)| OrgLine {
            path: ws.path_of(org).to_string(),
            unit: org.unit.id.value.clone(),
            name: org.unit.name.value.clone(),
            proposal: org.is_proposal(),
            as_of: org.unit.as_of.value.to_string(),
            baseline: ws.baseline_of(i).map(|b| ws.path_of(b).to_string()),
        })
        .collect();
    serde_json::to_string(&PageCheck {
        report,
        rules,
        orgs,
    })
    .unwrap_or_default()
}

/// Runs `f` on the last check, if any.
fn with_last<T>(f: impl FnOnce(&Outcome) -> T) -> Option<T> {
    STATE.with(|s| s.borrow().last.as_ref().map(f))
}

fn org_at<'a>(outcome: &'a Outcome, path: &str) -> Option<&'a OrgFile> {
    let ws = &outcome.loaded.workspace;
    ws.orgs.iter().find(|o| ws.path_of(o) == path)
}

/// The org chart of one file of the last check, with its findings marked, as SVG (empty when the
/// file is not a loaded org file).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn chart_svg(path: &str, lang: &str) -> String {
    let lang = lang_of(lang);
    with_last(|outcome| {
        org_at(outcome, path).map_or_else(String::new, |org| {
            // As the report draws it: a county with its towns, a plan without a baseline among
            // the files as not compared.
            let chart = render::document::chart_of(&outcome.run(lang), org);
            render::chart::render(&chart, render::chart::Format::Svg)
        })
    })
    .unwrap_or_default()
}

/// The diff of a plan (or later snapshot) against its baseline among the files: the tables of
/// `bianzhi diff --format html` (empty when the file has no baseline).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn diff_html(path: &str, lang: &str) -> String {
    let lang = lang_of(lang);
    with_last(|outcome| {
        let ws = &outcome.loaded.workspace;
        let Some(i) = ws.orgs.iter().position(|o| ws.path_of(o) == path) else {
            return String::new();
        };
        ws.baseline_of(i).map_or_else(String::new, |base| {
            let d = analysis::diff::diff(base, &ws.orgs[i], &ws.sources, ws.show_names);
            let mut o = String::new();
            render::diff::blocks_html(&mut o, &render::diff::blocks(&d, lang), false);
            o
        })
    })
    .unwrap_or_default()
}

/// The staffing ledger (编制台账) of the last check: the report's quota tables, per org file.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn ledger_html(lang: &str) -> String {
    let lang = lang_of(lang);
    with_last(|outcome| render::html::quota_tables_html(&outcome.run(lang), lang))
        .unwrap_or_default()
}

/// The staffing ledger of the last check as an Excel workbook (empty when it cannot be built).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn ledger_xlsx(lang: &str) -> Vec<u8> {
    ledger_bytes(lang, render::ledger::Format::Xlsx).unwrap_or_default()
}

fn ledger_bytes(lang: &str, format: render::ledger::Format) -> Option<Vec<u8>> {
    use render::Emitter;
    let lang = lang_of(lang);
    with_last(|outcome| {
        let ws = &outcome.loaded.workspace;
        let ledgers = analysis::ledger::ledgers(ws);
        let cx = ReportCx {
            ws,
            ledgers: &ledgers,
            lang,
            show_names: ws.show_names,
        };
        format.emit(&cx).ok()
    })
    .flatten()
}

/// The HTML report of the last check (`bianzhi report --format html`'s page), dated `date`
/// (`YYYY-MM-DD`, the computer's today; no date line when it is empty); empty when there is
/// nothing to report (no org file loaded, or the pack could not be loaded).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn report_html(lang: &str, date: &str) -> String {
    let mut meta = render::document::DocMeta::new(lang_of(lang));
    meta.date = (date.len() == 10).then(|| date.to_string());
    with_last(|outcome| render::html::report_html_partial(outcome, &meta).0)
        .flatten()
        .unwrap_or_default()
}

/// Imports a roster (xlsx, xls, ods or csv, as `bianzhi import` reads it: the header row found by
/// its `人员编号`/`id` column) into the org file `into` among the files picked, and returns JSON:
/// `{"text": new org file text, "summary": what changed}` when it can, or `{"errors": [lines]}`
/// when nothing was imported. The file itself is not replaced: the page puts the new text back
/// with [`put_file`] (and the user can still download or undo it).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn import_roster(roster_path: &str, roster_bytes: &[u8], into: &str, lang: &str) -> String {
    let lang = lang_of(lang);
    let Some(org_bytes) = STATE.with(|s| s.borrow().files.get(into).cloned()) else {
        return serde_json::json!({ "errors": [] }).to_string();
    };
    let request = app::ImportRequest {
        file: std::path::Path::new(roster_path),
        into: std::path::Path::new(into),
        map: &[],
        sheet: None,
        force: false,
        replace: false,
    };
    match app::import_roster_given(
        into,
        org_bytes,
        roster_path,
        roster_bytes.to_vec(),
        &request,
        lang,
    ) {
        Ok(report) => serde_json::json!({
            "text": report.text,
            "summary": report.changes.render(lang),
            "skipped": report.skipped,
            "ignored": report.ignored,
        })
        .to_string(),
        Err(app::ImportFailure::Message(m)) => {
            serde_json::json!({ "errors": [m.get(lang)] }).to_string()
        }
        Err(app::ImportFailure::Rows { rows, .. }) => {
            serde_json::json!({ "errors": rows }).to_string()
        }
        Err(app::ImportFailure::Invalid(sources, errors)) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| match e.file {
                    Some(id) => {
                        let src = sources.get(id);
                        let (l, c) = e.span.map_or((1, 1), |s| src.line_col(s.start));
                        format!("{}:{l}:{c}: {}", src.path, e.message.get(lang))
                    }
                    None => e.message.get(lang).to_string(),
                })
                .collect();
            serde_json::json!({ "errors": lines }).to_string()
        }
    }
}
