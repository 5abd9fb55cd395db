//! The staffing ledger (编制台账) rendered: as tables, JSON, CSV or an Excel workbook. The numbers
//! come from [`crate::analysis::ledger`]; these files only render them. A new format is one variant
//! of [`Format`], one arm of its [`Emitter`] and one file.

pub mod csv;
pub mod json;
pub mod table;
pub mod xlsx;

use tabled::builder::Builder;
use tabled::settings::Style;

use crate::analysis::ledger::{self, CategoryRow, Ledger, PostRow};
use crate::base::i18n::{msg, Lang};
use crate::render::Emitter;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables for reading in a terminal.
    Human,
    /// One JSON document: `{"version": 1, "units": [ledger…]}`.
    Json,
    /// One flat table, a row per body × category and per body × post grade.
    Csv,
    /// An Excel workbook (needs -o): a summary sheet and a sheet per unit with its roster.
    Xlsx,
    /// One self-contained HTML page: summary, findings, what plans change, org charts and quota
    /// tables; prints on A4.
    Html,
    /// An editable Word document (needs -o): summary, findings with their citations, what plans
    /// change, quota tables.
    Docx,
}

/// Everything a format needs: the workspace (for rosters and sources), the ledgers in workspace
/// order (`ledgers[i]` is `ws.orgs[i]`'s), the language and whether names may be shown.
pub struct ReportCx<'a> {
    pub ws: &'a Workspace,
    pub ledgers: &'a [Ledger],
    pub lang: Lang,
    pub show_names: bool,
}

/// Why a ledger format made nothing.
#[derive(Debug)]
pub enum EmitError {
    /// The workbook could not be built: the sheet that failed where the library names it, and its
    /// own words (the command line reports them as "cannot write FILE: …", as for any other file
    /// it fails to write).
    Workbook(crate::render::package::PackageError),
    /// The HTML report and the Word document take a checked [`crate::app::Outcome`], not ledgers
    /// ([`crate::render::html`], [`crate::render::docx`]).
    Html,
}

/// The bytes of the report in one format: UTF-8 text for tables, JSON and CSV, a workbook for
/// xlsx. Bytes rather than text, so that every ledger format goes through this one `emit`.
impl Emitter<&ReportCx<'_>, Result<Vec<u8>, EmitError>> for Format {
    fn emit(&self, cx: &ReportCx<'_>) -> Result<Vec<u8>, EmitError> {
        match self {
            Format::Human => Ok(table::render_human(cx).into_bytes()),
            Format::Json => Ok(json::render_json(cx).into_bytes()),
            Format::Csv => Ok(csv::render_csv(cx).into_bytes()),
            Format::Xlsx => xlsx::workbook_bytes(cx).map_err(EmitError::Workbook),
            Format::Html | Format::Docx => Err(EmitError::Html),
        }
    }
}

/// Column headers and labels in both languages.
pub use crate::base::i18n::words::ledger as words;

/// A body's name as shown: dispatched bodies marked, sub-bodies indented.
pub(super) fn body_label(b: &ledger::BodyLedger, lang: Lang) -> String {
    let mut s = String::new();
    if b.parent.is_some() {
        s.push_str("  ");
    }
    s.push_str(&b.name);
    if !b.counts_for_unit() {
        s.push_str(words::dispatched(lang));
    }
    s
}

pub(super) fn usage_cells(u: &ledger::Usage) -> [String; 4] {
    [
        u.approved.to_string(),
        u.actual.to_string(),
        u.vacant.to_string(),
        u.over.to_string(),
    ]
}

pub(super) fn heading(l: &Ledger, lang: Lang) -> String {
    let status = l.status.name(lang);
    msg::ledger_heading(&l.name, &l.unit, &l.as_of, status, &l.file)
        .get(lang)
        .to_string()
}

pub(super) fn table(builder: Builder) -> String {
    let mut t = builder.build();
    t.with(Style::sharp());
    t.to_string()
}

/// The establishment rows of a ledger: (body label, category, usage), leadership and unit total
/// included (the leadership team has no quota of its own: approved, vacant and over are blank).
pub(super) fn establishment_rows(l: &Ledger, lang: Lang) -> Vec<[String; 6]> {
    let mut rows = Vec::new();
    for c in &l.leadership.headcount {
        rows.push([
            words::leadership(lang).to_string(),
            c.category.name(lang).to_string(),
            "—".to_string(),
            c.count.to_string(),
            "—".to_string(),
            "—".to_string(),
        ]);
    }
    for b in &l.bodies {
        for r in &b.categories {
            let [mut a, n, mut v, mut o] = usage_cells(&r.usage);
            if !b.compared {
                (a, v, o) = ("—".into(), "—".into(), "—".into());
            }
            rows.push([
                body_label(b, lang),
                r.category.name(lang).to_string(),
                a,
                n,
                v,
                o,
            ]);
        }
    }
    // A county has no staff of its own: its limit is shown against its towns instead.
    let totals: &[CategoryRow] = if l.county.is_some() {
        &[]
    } else {
        &l.totals.categories
    };
    for r in totals {
        let [a, n, v, o] = usage_cells(&r.usage);
        rows.push([
            words::unit_total(lang).to_string(),
            r.category.name(lang).to_string(),
            a,
            n,
            v,
            o,
        ]);
    }
    rows
}

/// The post rows: (body label, grade, usage), the leadership team first.
pub(super) fn post_rows(l: &Ledger, lang: Lang) -> Vec<[String; 6]> {
    let row = |label: String, p: &PostRow| {
        let [a, n, v, o] = usage_cells(&p.usage);
        [label, p.grade.name(lang).to_string(), a, n, v, o]
    };
    let mut rows: Vec<[String; 6]> = l
        .leadership
        .posts
        .iter()
        .map(|p| row(words::leadership(lang).to_string(), p))
        .collect();
    for b in &l.bodies {
        rows.extend(b.posts.iter().map(|p| row(body_label(b, lang), p)));
    }
    rows
}

pub(super) fn establishment_header(lang: Lang) -> [&'static str; 6] {
    [
        words::body(lang),
        words::category(lang),
        words::approved(lang),
        words::actual(lang),
        words::vacant(lang),
        words::over(lang),
    ]
}

pub(super) fn posts_header(lang: Lang) -> [&'static str; 6] {
    [
        words::body(lang),
        words::grade(lang),
        words::posts_approved(lang),
        words::filled(lang),
        words::posts_vacant(lang),
        words::posts_over(lang),
    ]
}

pub(super) fn limit_header(lang: Lang) -> [&'static str; 5] {
    [
        words::category(lang),
        words::county_limit(lang),
        words::towns_quotas(lang),
        words::remaining(lang),
        words::over_limit(lang),
    ]
}

pub(super) fn outside_line(n: u64, lang: Lang) -> String {
    msg::ledger_outside(n).get(lang).to_string()
}
