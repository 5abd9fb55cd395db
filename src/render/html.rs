//! The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) with
//! the issuing office and the date, the summary, every finding with its code, short name,
//! message, citation and place, what each plan changes (the diff's tables and a before/after
//! chart), and the org chart and quota table of every org file. It prints on A4: a page per unit
//! and per plan, table headers repeated, nothing that only works on a screen.
//!
//! [`report_html_with`] renders the page of a check already made (it never checks itself);
//! [`render`] renders a run with the charts, quota tables and plans given. [`quota_tables`] builds
//! the tables from the staffing ledger (`crate::analysis::ledger`), the same figures `bianzhi
//! report` prints.

use std::fmt::Write;

use crate::analysis::chart::{self, Chart};
use crate::analysis::ledger;
use crate::app::{Outcome, Run};
use crate::base::diag::{Finding, Level};
use crate::base::i18n::doc::{self, Words};
use crate::base::i18n::{words, Lang};
use crate::model::{Category, OrgFile};
use crate::render::chart::{self as draw, svg::esc};
use crate::render::diff as diff_blocks;
use crate::render::document::{self, DocMeta, PlanChanges};
use crate::render::findings::human;
use crate::render::page;

/// Approved and actual establishment of one row of a quota table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuotaRow {
    /// The body's name, or the leadership team, or the total.
    pub name: String,
    /// Depth under the unit: 0 for a top-level body, 1 for its sub-bodies, …
    pub depth: usize,
    /// The body's kind, in the report's language; empty for the leadership and total rows.
    pub kind: String,
    /// Per category: (approved, actual).
    pub by_category: Vec<(Category, u64, u64)>,
    /// People outside the establishment (编外).
    pub outside: u64,
    /// Leadership posts: approved, filled (people holding a leadership grade).
    pub posts: (u64, u64),
    /// Dispatched bodies hold the county's establishment: shown, not added to the total.
    pub excluded: bool,
    /// Whether the row has an establishment of its own: not the leadership team (it holds the
    /// unit's), not a sub-body without a `quota` table (its people count against its parent's).
    /// Vacancies and excess are only shown where it has.
    pub own_quota: bool,
}

impl QuotaRow {
    pub fn approved(&self) -> u64 {
        self.by_category.iter().map(|c| c.1).sum()
    }
    pub fn actual(&self) -> u64 {
        self.by_category.iter().map(|c| c.2).sum()
    }
    /// Vacancies, category by category (a vacancy in one category does not offset an excess in
    /// another).
    pub fn vacant(&self) -> u64 {
        self.by_category
            .iter()
            .map(|c| c.1.saturating_sub(c.2))
            .sum()
    }
    pub fn over(&self) -> u64 {
        self.by_category
            .iter()
            .map(|c| c.2.saturating_sub(c.1))
            .sum()
    }

    fn add(&mut self, cat: Category, approved: u64, actual: u64) {
        match self.by_category.iter_mut().find(|c| c.0 == cat) {
            Some(c) => {
                c.1 += approved;
                c.2 += actual;
            }
            None => {
                self.by_category.push((cat, approved, actual));
                self.by_category.sort_by_key(|c| c.0);
            }
        }
    }
}

/// The quota table of one org file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaTable {
    /// The org file's path, as the run shows it.
    pub file: String,
    pub rows: Vec<QuotaRow>,
    /// The unit's `[quota]` against everyone but dispatched bodies.
    pub total: QuotaRow,
}

/// Per-body tables from the staffing ledger (`crate::analysis::ledger`), so the page shows the same figures
/// as `bianzhi report` in the terminal, CSV and XLSX: approved against actual per category,
/// people outside the establishment, and leadership posts approved against filled.
pub fn quota_tables(run: &Run<'_>) -> Vec<QuotaTable> {
    run.ws
        .orgs
        .iter()
        .map(|org| quota_table(run, org))
        .collect()
}

fn posts_of(rows: &[ledger::PostRow]) -> (u64, u64) {
    rows.iter().fold((0, 0), |(a, f), r| {
        (a + r.usage.approved, f + r.usage.actual)
    })
}

fn quota_table(run: &Run<'_>, org: &OrgFile) -> QuotaTable {
    let lang = run.lang;
    let ledger = ledger::ledger(run.ws, org);
    let mut rows = Vec::new();

    let mut lead = QuotaRow {
        name: words::report::leadership(lang).to_string(),
        outside: ledger.leadership.outside,
        posts: posts_of(&ledger.leadership.posts),
        ..QuotaRow::default()
    };
    for c in &ledger.leadership.headcount {
        lead.add(c.category, 0, c.count);
    }
    rows.push(lead);

    // The chart's order: bodies grouped by kind, sub-bodies under their parent.
    let chart = Chart::build(org, &[], lang);
    for (depth, n) in chart.nodes() {
        let Some(b) = ledger.bodies.iter().find(|b| b.id == n.id) else {
            continue;
        };
        let mut row = QuotaRow {
            name: b.name.clone(),
            depth,
            kind: b.kind.name(lang).replace('_', " "),
            outside: b.outside,
            posts: posts_of(&b.posts),
            excluded: !b.counts_for_unit(),
            // A dispatched body without a quota of its own is not compared (as in the terminal
            // ledger): "—", never 超编.
            own_quota: b.compared
                && org
                    .body(&b.id)
                    .is_some_and(|body| body.quota.present || body.parent.is_none()),
            ..QuotaRow::default()
        };
        for c in &b.categories {
            row.add(c.category, c.usage.approved, c.usage.actual);
        }
        rows.push(row);
    }
    let mut total = QuotaRow {
        name: words::report::total(lang).to_string(),
        outside: ledger.totals.outside,
        posts: rows
            .iter()
            .filter(|r| !r.excluded)
            .fold((0, 0), |(a, f), r| (a + r.posts.0, f + r.posts.1)),
        own_quota: true,
        ..QuotaRow::default()
    };
    for c in &ledger.totals.categories {
        total.add(c.category, c.usage.approved, c.usage.actual);
    }
    QuotaTable {
        file: run.ws.path_of(org).to_string(),
        rows,
        total,
    }
}

/// The HTML report of a check in `lang`, without a date or an office; the input errors, rendered
/// for people (no colour), when the input could not be checked (exit code 2).
pub fn report_html(outcome: &Outcome, lang: Lang) -> Result<String, String> {
    report_html_with(outcome, &DocMeta::new(lang))
}

/// [`report_html`] with the date and the issuing office of `meta`.
pub fn report_html_with(outcome: &Outcome, meta: &DocMeta) -> Result<String, String> {
    match report_html_partial(outcome, meta) {
        (Some(page), None) => Ok(page),
        (_, Some(errors)) => Err(errors),
        (None, None) => Err(String::new()),
    }
}

/// The page of the files that could be read, and the input errors of the others (drawn for a
/// terminal): like every other format, good files are reported when some input is bad. No page
/// when no file could be read or the packs could not be loaded.
pub fn report_html_partial(outcome: &Outcome, meta: &DocMeta) -> (Option<String>, Option<String>) {
    let run = outcome.run(meta.lang);
    let errors = input_errors_text(&run);
    if run.ws.orgs.is_empty() || outcome.rules.is_empty() {
        return (None, errors);
    }
    let charts: Vec<(String, String)> = run
        .ws
        .orgs
        .iter()
        .map(|org| {
            let chart = document::chart_of(&run, org);
            (
                run.ws.path_of(org).to_string(),
                draw::render(&chart, draw::Format::Svg),
            )
        })
        .collect();
    let tables = quota_tables(&run);
    let plans = document::plan_changes(&run);
    (Some(render(&run, meta, &charts, &tables, &plans)), errors)
}

/// The input errors of a run drawn for a terminal (no colour), if it has any.
pub fn input_errors_text(run: &Run<'_>) -> Option<String> {
    (!run.errors.is_empty()).then(|| {
        human::render(
            run,
            human::Style {
                color: false,
                width: 100,
            },
        )
    })
}

fn place(run: &Run<'_>, file: crate::base::source::FileId, offset: usize) -> String {
    let src = run.ws.sources.get(file);
    let (line, col) = src.line_col(offset);
    format!("{}:{line}:{col}", src.path)
}

fn level_badge(level: Level, lang: Lang) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        level.as_str(),
        esc(chart::level_name(level, lang))
    )
}

/// Renders the page for a run, with one SVG chart per org file (`(path, svg)`), the quota tables
/// and what the plans change; `meta` says who issues it and when.
pub fn render(
    run: &Run<'_>,
    meta: &DocMeta,
    charts: &[(String, String)],
    tables: &[QuotaTable],
    plans: &[PlanChanges],
) -> String {
    let lang = run.lang;
    let t = doc::words(lang);
    let s = run.summary();
    // A document is made from held findings; a spilled run is read back once.
    let findings = run.findings.held();
    let mut o = String::new();
    let html_lang = lang.tag();
    let _ = writeln!(o, "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>");
    page::head_meta(&mut o);
    let _ = writeln!(
        o,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(o, "<title>{}</title>", esc(t.title));
    let _ = writeln!(o, "<style>{}</style>\n</head>\n<body>", page::CSS);
    let _ = writeln!(o, "<header><h1>{}</h1>", esc(t.title));
    page::issuer_html(&mut o, meta);
    let _ = writeln!(
        o,
        "<p class=\"sub\">{}</p></header>",
        esc(&human::summary_line(run))
    );

    // Summary.
    let _ = writeln!(o, "<section id=\"summary\"><h2>{}</h2>", t.summary);
    let _ = writeln!(o, "<div class=\"cards\">");
    for (class, n, label) in [
        ("error", s.error, chart::level_name(Level::Error, lang)),
        (
            "warning",
            s.warning,
            chart::level_name(Level::Warning, lang),
        ),
        ("info", s.info, chart::level_name(Level::Info, lang)),
        ("files", run.files_checked, t.files),
    ] {
        let _ = writeln!(
            o,
            "<div class=\"card {class}\"><span class=\"n\">{n}</span>{}</div>",
            esc(label)
        );
    }
    if s.input_errors > 0 {
        let _ = writeln!(
            o,
            "<div class=\"card error\"><span class=\"n\">{}</span>{}</div>",
            s.input_errors,
            esc(t.input_errors)
        );
    }
    let _ = writeln!(o, "</div>");
    let _ = writeln!(
        o,
        "<table class=\"units\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t.unit,
        t.file,
        chart::level_name(Level::Error, lang),
        chart::level_name(Level::Warning, lang),
        chart::level_name(Level::Info, lang)
    );
    for org in &run.ws.orgs {
        let count = |l: Level| {
            findings
                .iter()
                .filter(|f| f.file == org.file && f.level == l)
                .count()
        };
        let _ = writeln!(
            o,
            "<tr><td><a href=\"#{}\">{}</a> {}</td><td class=\"loc\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            anchor(run.ws.path_of(org)),
            esc(&org.unit.name.value),
            esc(&unit_kind_line(org, lang)),
            esc(run.ws.path_of(org)),
            count(Level::Error),
            count(Level::Warning),
            count(Level::Info)
        );
    }
    let _ = writeln!(o, "</tbody></table></section>");

    // Input errors, when a caller renders a run that has them.
    if !run.errors.is_empty() {
        let _ = writeln!(
            o,
            "<section id=\"input-errors\"><h2>{}</h2><ul>",
            t.input_errors
        );
        for e in run.errors {
            let (file, lc) = run.error_place(e);
            let at = match (file, lc) {
                (Some(f), Some((l, c))) => format!("{f}:{l}:{c}: "),
                (Some(f), None) => format!("{f}: "),
                _ => String::new(),
            };
            let _ = writeln!(
                o,
                "<li><span class=\"loc\">{}</span>{}</li>",
                esc(&at),
                esc(e.message.get(lang))
            );
        }
        let _ = writeln!(o, "</ul></section>");
    }

    // Findings.
    let _ = writeln!(o, "<section id=\"findings\"><h2>{}</h2>", t.findings);
    if run.findings.is_empty() {
        let _ = writeln!(o, "<p class=\"ok\">{}</p>", t.none);
    } else {
        let _ = writeln!(
            o,
            "<table class=\"findings\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t.level, t.rule, t.message, t.place, t.cite
        );
        for f in findings.iter() {
            finding_row(&mut o, run, f);
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    let _ = writeln!(o, "</section>");

    // What the plans change.
    if !plans.is_empty() {
        let _ = writeln!(o, "<section id=\"plans\"><h2>{}</h2>", esc(t.plans));
        for p in plans {
            plan_html(&mut o, p, t, lang);
        }
        let _ = writeln!(o, "</section>");
    }

    // Units: chart and quota table.
    let _ = writeln!(o, "<section id=\"units\"><h2>{}</h2>", t.units);
    for org in &run.ws.orgs {
        let path = run.ws.path_of(org);
        let _ = writeln!(
            o,
            "<article class=\"unit\" id=\"{}\"><h3>{} <small>{}</small></h3>",
            anchor(path),
            esc(&org.unit.name.value),
            esc(&format!("{} · {}", unit_kind_line(org, lang), path))
        );
        if let Some((_, svg)) = charts.iter().find(|(p, _)| p == path) {
            let _ = writeln!(
                o,
                "<h4>{}</h4>\n<div class=\"chart\">\n{svg}</div>",
                t.chart
            );
        }
        if let Some(table) = tables.iter().find(|tb| tb.file == path) {
            quota_html(&mut o, table, t, lang);
        }
        let _ = writeln!(o, "</article>");
    }
    let _ = writeln!(o, "</section>");
    let _ = writeln!(
        o,
        "<footer>{} bianzhi {}</footer>\n</body>\n</html>",
        esc(t.footer),
        env!("CARGO_PKG_VERSION")
    );
    o
}

fn unit_kind_line(org: &OrgFile, lang: Lang) -> String {
    let status = match (org.is_proposal(), lang) {
        (false, Lang::Zh) => "现状",
        (true, Lang::Zh) => "方案",
        (false, Lang::En) => "current",
        (true, Lang::En) => "proposal",
    };
    format!("{} · {}", org.unit.as_of.value, status)
}

/// An HTML id from a path: letters and digits kept, the rest `-`.
fn anchor(path: &str) -> String {
    let mut a = String::from("org-");
    for c in path.chars() {
        a.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    a
}

fn finding_row(o: &mut String, run: &Run<'_>, f: &Finding) {
    let lang = run.lang;
    let _ = writeln!(
        o,
        "<tr class=\"finding level-{}\"><td>{}</td><td><code>{}</code><br><small>{}</small></td><td>{}",
        f.level.as_str(),
        level_badge(f.level, lang),
        esc(&f.code),
        esc(&doc::rule_heading(&f.code, &f.name, lang)),
        esc(f.message.get(lang))
    );
    if let Some(h) = &f.help {
        let _ = writeln!(o, "<p class=\"help\">{}</p>", esc(h.get(lang)));
    }
    if !f.labels.is_empty() {
        let _ = writeln!(o, "<ul class=\"labels\">");
        for l in &f.labels {
            let _ = writeln!(
                o,
                "<li><span class=\"loc\">{}</span> {}</li>",
                esc(&place(run, l.file, l.span.start)),
                esc(l.message.get(lang))
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(
        o,
        "</td><td class=\"loc\">{}</td><td>{}</td></tr>",
        esc(&place(run, f.file, f.span.start)),
        esc(f.cite.get(lang))
    );
}

/// One plan: its heading, the diff's blocks and the before/after chart.
fn plan_html(o: &mut String, p: &PlanChanges, t: &Words, lang: Lang) {
    let d = &p.diff;
    let _ = writeln!(
        o,
        "<article class=\"plan\" id=\"plan-{}\"><h3>{} <small>{}</small></h3>",
        anchor(&p.file),
        esc(doc::plan_heading(&d.new.name, &d.new.as_of, &d.base.as_of).get(lang)),
        esc(&format!("{} → {}", d.base.file, d.new.file))
    );
    diff_blocks::blocks_html(o, &diff_blocks::blocks(d, lang), true);
    let _ = writeln!(
        o,
        "<h4>{}</h4>\n<div class=\"chart\">\n{}</div>",
        esc(t.change_chart),
        draw::svg::render_changes(&p.chart, lang)
    );
    let _ = writeln!(o, "</article>");
}

/// The quota tables of a run as the report draws them, each under its unit's name and file: the
/// offline page's ledger.
pub fn quota_tables_html(run: &Run<'_>, lang: Lang) -> String {
    let t = doc::words(lang);
    let mut o = String::new();
    for table in quota_tables(run) {
        let name = run
            .ws
            .orgs
            .iter()
            .find(|org| run.ws.path_of(org) == table.file)
            .map(|org| org.unit.name.value.clone())
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "<h3>{} <small>{}</small></h3>",
            esc(&name),
            esc(&table.file)
        );
        quota_html(&mut o, &table, t, lang);
    }
    o
}

fn quota_html(o: &mut String, table: &QuotaTable, t: &Words, lang: Lang) {
    let _ = writeln!(
        o,
        "<h4>{}</h4>\n<table class=\"quota\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t.quota, t.body, t.kind, t.approved, t.actual, t.vacant, t.over, t.outside, t.posts, t.by_category
    );
    for r in table.rows.iter().chain(std::iter::once(&table.total)) {
        let class = if std::ptr::eq(r, &table.total) {
            " class=\"total\""
        } else if r.excluded {
            " class=\"excluded\""
        } else {
            ""
        };
        let cats: Vec<String> = r
            .by_category
            .iter()
            .map(|(c, a, x)| format!("{} {a}/{x}", c.name(lang)))
            .collect();
        let over = r.over();
        let dash = || "—".to_string();
        let (approved, vacant, over_s) = if r.own_quota {
            (
                r.approved().to_string(),
                r.vacant().to_string(),
                over.to_string(),
            )
        } else {
            (dash(), dash(), dash())
        };
        let _ = writeln!(
            o,
            "<tr{class}><td style=\"padding-left:{}px\">{}</td><td>{}</td><td class=\"num\">{approved}</td><td class=\"num\">{}</td><td class=\"num\">{vacant}</td><td class=\"num{}\">{over_s}</td><td class=\"num\">{}</td><td class=\"num\">{}/{}</td><td>{}</td></tr>",
            9 + 18 * r.depth,
            esc(&r.name),
            esc(&r.kind),
            r.actual(),
            if over > 0 && r.own_quota { " over" } else { "" },
            r.outside,
            r.posts.0,
            r.posts.1,
            esc(&cats.join("，"))
        );
    }
    let _ = writeln!(
        o,
        "</tbody></table>\n<p class=\"help\">{}</p>",
        esc(t.excluded)
    );
}
