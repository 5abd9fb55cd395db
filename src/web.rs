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
use crate::app::{self, App, Input, Outcome};
use crate::base::i18n::Lang;
use crate::base::source::Given;
use crate::model::OrgFile;
use crate::render;
use crate::render::ledger::ReportCx;

/// The files picked (path shown → bytes) and the last check of them. The page's script keeps
/// no copy of its own: it asks for a file's text ([`file_text`]) when it shows it.
#[derive(Default)]
struct State {
    files: BTreeMap<String, Given>,
    /// Files over the size limit, not read (path shown → size in bytes).
    unread: BTreeMap<String, u64>,
    last: Option<Outcome>,
}

pub use crate::app::PAGE_MAX_FILE_SIZE;

/// Every entry point starts here: the process is the page (its messages advise no flags) and
/// reads no file over the page's limit.
fn enter() {
    App::page().enter();
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
    enter();
    STATE.with(|s| *s.borrow_mut() = State::default());
}

/// The largest file the page reads, in bytes: the script does not read a larger one, and hands
/// its size to [`put_unread`] instead.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn max_file_size() -> f64 {
    PAGE_MAX_FILE_SIZE as f64
}

/// Adds a file, or replaces the one with the same path (an edit in the page).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn put_file(path: &str, bytes: &[u8]) {
    enter();
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        state.unread.remove(path);
        state
            .files
            .insert(path.to_string(), Given::new(bytes.to_vec()));
    });
}

/// A file picked that is too large to read ([`max_file_size`]): checked as an input error.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn put_unread(path: &str, size: f64) {
    enter();
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        state.files.remove(path);
        state.unread.insert(path.to_string(), size as u64);
    });
}

/// Removes one file.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn remove_file(path: &str) {
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        state.files.remove(path);
        state.unread.remove(path);
    });
}

/// The text of a file picked, for the editor and a download (a byte that is not UTF-8 shown as
/// U+FFFD; the check says where it is). Empty for a file not held.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn file_text(path: &str) -> String {
    STATE.with(|s| {
        s.borrow()
            .files
            .get(path)
            .map(|g| String::from_utf8_lossy(g.as_bytes()).into_owned())
            .unwrap_or_default()
    })
}

/// The paths of the files picked, in order, as JSON (those not read for their size too).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn file_paths() -> String {
    STATE.with(|s| {
        let state = s.borrow();
        let mut paths: Vec<&String> = state.files.keys().chain(state.unread.keys()).collect();
        paths.sort();
        serde_json::to_string(&paths).unwrap_or_default()
    })
}

/// The rule packs to choose from, as JSON `[{"id", "title", "default", "file"}]`: the built-in
/// ones, then the pack files among the files picked (`file`: its path, which `check`'s `pack`
/// then takes), each shown by the title of its `[pack]` table in the language asked.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn packs(lang: &str) -> String {
    enter();
    let lang = lang_of(lang);
    let mut list: Vec<serde_json::Value> = crate::pack::EMBEDDED
        .iter()
        .map(|(id, shown, text)| {
            let title = crate::pack::heading(text, shown)
                .map_or_else(|| (*id).to_string(), |(_, t)| t.get(lang).to_string());
            serde_json::json!({
                "id": id,
                "title": title,
                "default": *id == crate::pack::DEFAULT_PACK,
                "file": null,
            })
        })
        .collect();
    STATE.with(|s| {
        for (path, given) in &s.borrow().files {
            // Only a file that says `[pack]` is parsed: org files are not read twice.
            let Some(text) = given.text() else {
                continue;
            };
            if !text.lines().any(|l| l.trim() == "[pack]") {
                continue;
            }
            if let Some((id, title)) = crate::pack::heading(text, path) {
                list.push(serde_json::json!({
                    "id": id,
                    "title": title.get(lang),
                    "default": false,
                    "file": path,
                }));
            }
        }
    });
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
    /// The command line's last line: how many files were checked and what they gave, or how many
    /// could not be checked and that nothing was ("未作任何检查").
    summary: String,
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
    /// A county: its towns among the files are drawn in its chart and counted in its ledger.
    county: bool,
}

/// Checks the files picked (as one folder named `folder`) with the built-in pack `pack` (empty:
/// the default) and returns what the page shows, as JSON ([`PageCheck`]).
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn check(folder: &str, pack: &str, lang: &str, show_names: bool) -> String {
    enter();
    let lang = lang_of(lang);
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        // The last check's texts go before this one's are made.
        state.last = None;
        // The texts are shared with the check's sources, not copied: the page holds each once.
        let files: Vec<(String, Given)> = state
            .files
            .iter()
            .map(|(p, g)| (p.clone(), g.clone()))
            .collect();
        let unread = state.unread.iter().map(|(p, n)| (p.clone(), *n)).collect();
        let packs: Vec<String> = if pack.is_empty() {
            Vec::new()
        } else {
            vec![pack.to_string()]
        };
        let app = App {
            packs: packs.clone(),
            show_names,
            ..App::page()
        };
        let outcome = app.check(Input::Files {
            folder: folder.to_string(),
            files,
            unread,
        });
        let page = page_check(&outcome, &packs, lang);
        state.last = Some(outcome);
        page
    })
}

fn page_check(outcome: &Outcome, packs: &[String], lang: Lang) -> String {
    // Named as the command line names them: no project file (the page applies none), the pack
    // chosen.
    let mut run = outcome.run(lang);
    run.setup = app::Setup::new(None, packs);
    let report = serde_json::from_str(&render::findings::json::render(&run))
        .unwrap_or(serde_json::Value::Null);
    let rules = outcome
        .rules
        .iter()
        .map(|r| {
            (
                r.code.clone(),
                RuleLine {
                    title: crate::rules::heading(&r.code, &r.name, lang),
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
            county: org.unit.kind.value == crate::model::UnitKind::County,
        })
        .collect();
    serde_json::to_string(&PageCheck {
        report,
        rules,
        orgs,
        summary: render::findings::human::summary_line(&run),
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
/// `bianzhi diff --format html`. A plan with no baseline among the files gets a note that it was
/// not compared (as its chart says "未对照现状"); a current snapshot without one, nothing.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn diff_html(path: &str, lang: &str) -> String {
    let lang = lang_of(lang);
    with_last(|outcome| {
        let ws = &outcome.loaded.workspace;
        let Some(i) = ws.orgs.iter().position(|o| ws.path_of(o) == path) else {
            return String::new();
        };
        let org = &ws.orgs[i];
        match ws.baseline_of(i) {
            Some(base) => {
                let d = analysis::diff::diff(base, org, &ws.sources, ws.show_names);
                let mut o = String::new();
                render::diff::blocks_html(&mut o, &render::diff::blocks(&d, lang), false);
                o
            }
            None if org.is_proposal() => format!(
                "<p class=\"note not-compared\">{}</p>",
                render::chart::svg::esc(
                    crate::base::i18n::page::not_compared(&org.unit.id.value).get(lang)
                )
            ),
            None => String::new(),
        }
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
/// (`YYYY-MM-DD`, the computer's today; no date line when it is empty) and issued by `office`
/// (none when empty), as JSON:
/// `{"html": page}`, or `{"error": why}` when there is nothing to report (no org file could be
/// checked, or the pack could not be loaded). A report of some files says how many others could
/// not be checked, as its summary line does on the command line.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn report_html(lang: &str, date: &str, office: &str) -> String {
    enter();
    let lang = lang_of(lang);
    let mut meta = render::document::DocMeta::new(lang);
    meta.date = (date.len() == 10).then(|| date.to_string());
    let office = office.trim();
    meta.office = (!office.is_empty()).then(|| office.to_string());
    with_last(
        |outcome| match render::html::report_html_partial(outcome, &meta).0 {
            Some(html) => serde_json::json!({ "html": html }),
            None => {
                let why = if outcome.loaded.workspace.orgs.is_empty() {
                    render::findings::human::summary_line(&outcome.run(lang))
                } else {
                    crate::base::i18n::page::pack_not_loaded()
                        .get(lang)
                        .to_string()
                };
                serde_json::json!({ "error": crate::base::i18n::page::no_report(&why).get(lang) })
            }
        },
    )
    .unwrap_or_else(|| serde_json::json!({ "error": "" }))
    .to_string()
}

/// Reads a roster (xlsx, xls, ods or csv, as `bianzhi import` reads it: the header row found by
/// its `人员编号`/`id` column, titles, a two-row header, 合计 and footer rows passed over) into the
/// org file `into` among the files picked, and says what would change, as JSON — a preview, as
/// `bianzhi import` without `--write`: nothing is changed until the page puts the new text back
/// with [`put_file`] (the clerk's "apply"). With `replace`, people of the file absent from the
/// roster leave it (`--replace`: a full export); with `force`, rows that cannot be read are
/// skipped and the others imported (`--force`).
///
/// `{"text": new org file text, "summary": the counts, "details": ["+ X101 …", "~ …", "- …"],
/// "notes": [rows passed over, rows skipped, columns not imported]}`, or `{"errors": [lines]}` when
/// nothing can be imported.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn import_roster(
    roster_path: &str,
    roster_bytes: &[u8],
    into: &str,
    lang: &str,
    replace: bool,
    force: bool,
) -> String {
    enter();
    let lang = lang_of(lang);
    let Some(org_bytes) = STATE.with(|s| s.borrow().files.get(into).map(|g| g.as_bytes().to_vec()))
    else {
        return serde_json::json!({ "errors": [] }).to_string();
    };
    let request = app::ImportRequest {
        file: std::path::Path::new(roster_path),
        into: std::path::Path::new(into),
        map: &[],
        sheet: None,
        force,
        replace,
    };
    match app::import_roster_given(
        into,
        org_bytes,
        roster_path,
        roster_bytes.to_vec(),
        &request,
        lang,
    ) {
        Ok(report) => {
            use crate::base::i18n::{msg, page};
            let details: Vec<String> = report
                .changes
                .details
                .iter()
                .map(|c| c.render(lang, false))
                .collect();
            let mut notes: Vec<String> = Vec::new();
            if let Some(line) = crate::import::passed_over_line(&report.passed_over) {
                notes.push(line.get(lang).trim_end().to_string());
            }
            for row in &report.skipped {
                notes.push(msg::import_skipped(row).get(lang).trim_end().to_string());
            }
            let (id_numbers, ignored): (Vec<&String>, Vec<&String>) = report
                .ignored
                .iter()
                .partition(|h| crate::import::is_id_number_header(h));
            let join = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、");
            if !ignored.is_empty() {
                notes.push(
                    page::import_columns_ignored(&join(&ignored))
                        .get(lang)
                        .to_string(),
                );
            }
            if !id_numbers.is_empty() {
                let line = msg::import_id_numbers_left_out(&join(&id_numbers));
                notes.push(line.get(lang).trim_end().to_string());
            }
            serde_json::json!({
                "text": report.text,
                "summary": report.changes.render(lang),
                "details": details,
                "notes": notes,
            })
            .to_string()
        }
        Err(app::ImportFailure::Message(m)) => {
            serde_json::json!({ "errors": [m.get(lang)] }).to_string()
        }
        Err(app::ImportFailure::Rows {
            mut rows,
            importable,
        }) => {
            rows.push(
                crate::base::i18n::msg::import_fix_rows(importable)
                    .get(lang)
                    .to_string(),
            );
            serde_json::json!({ "errors": rows, "importable": importable }).to_string()
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

/// The project's settings among the files picked (a `bianzhi.toml`, the shallowest if there are
/// several), as JSON `{"office": …}` (null where it names none): the issuing office printed on
/// the report, which the page's field can override.
#[cfg_attr(feature = "web", wasm_bindgen)]
pub fn project_settings() -> String {
    STATE.with(|s| {
        let state = s.borrow();
        let project = state
            .files
            .iter()
            .filter(|(p, _)| p.rsplit('/').next() == Some("bianzhi.toml"))
            .min_by_key(|(p, _)| p.matches('/').count());
        let office = project
            .and_then(|(_, g)| g.text())
            .and_then(|t| t.parse::<toml::Table>().ok())
            .and_then(|t| t.get("office").and_then(|o| o.as_str()).map(str::to_string));
        serde_json::json!({ "office": office }).to_string()
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A file's text is held once: the check's source is the page's own text, not a copy (a
    /// 10 MB file took 4.8 GB of a browser's memory when each step held its own).
    #[test]
    fn the_checked_text_is_the_picked_text() {
        let text = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/orgs/wujiang/qidu/2018.toml"
        ))
        .unwrap();
        clear_files();
        put_file("qidu/2018.toml", &text);
        check("orgs", "", "zh", false);
        STATE.with(|s| {
            let state = s.borrow();
            let Some(Given::Text(picked)) = state.files.get("qidu/2018.toml") else {
                panic!("not held as text");
            };
            let outcome = state.last.as_ref().expect("checked");
            let sources = &outcome.loaded.workspace.sources;
            let checked = outcome.loaded.workspace.orgs[0].file;
            assert!(Arc::ptr_eq(picked, &sources.get(checked).text));
        });
        clear_files();
    }
}
