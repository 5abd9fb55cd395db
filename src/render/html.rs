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

use crate::analysis::chart;
use crate::app::{Outcome, Run};
use crate::base::diag::{Finding, Level};
use crate::base::i18n::doc::{self, Words};
use crate::base::i18n::Lang;
use crate::model::OrgFile;
use crate::render::chart::{self as draw, svg::esc};
use crate::render::diff as diff_blocks;
use crate::render::document::{self, DocMeta, PlanChanges};
use crate::render::findings::human;
use crate::render::page;

pub use crate::analysis::quota_table::{QuotaRow, QuotaTable};

/// The quota tables of a run ([`crate::analysis::quota_table`]), in its language.
pub fn quota_tables(run: &Run<'_>) -> Vec<QuotaTable> {
    crate::analysis::quota_table::quota_tables(run.ws, run.lang)
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
        esc(&crate::rules::heading(&f.code, &f.name, lang)),
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
    let _ = writeln!(o, "<h4>{}</h4>", t.quota);
    if table.shows_bodies() {
        quota_bodies_html(o, table, t, lang);
    }
    if !table.limit.is_empty() {
        limit_html(o, table, lang);
    }
}

/// A county's limit against its towns' approved establishment, as `bianzhi report` prints it.
fn limit_html(o: &mut String, table: &QuotaTable, lang: Lang) {
    let head = document::limit_header(lang);
    let _ = write!(o, "<table class=\"quota limit\"><thead><tr>");
    for h in head {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    let _ = writeln!(o, "</tr></thead><tbody>");
    for r in document::limit_rows(table, lang) {
        let over = if r[4] != "0" { " over" } else { "" };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num{over}\">{}</td></tr>",
            esc(&r[0]),
            r[1],
            r[2],
            r[3],
            r[4]
        );
    }
    let _ = writeln!(o, "</tbody></table>");
}

fn quota_bodies_html(o: &mut String, table: &QuotaTable, t: &Words, lang: Lang) {
    let _ = writeln!(
        o,
        "<table class=\"quota\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t.body, t.kind, t.approved, t.actual, t.vacant, t.over, t.outside, t.posts, t.by_category
    );
    for r in table.rows.iter().chain(table.total.as_ref()) {
        let class = if table.total.as_ref().is_some_and(|t| std::ptr::eq(r, t)) {
            " class=\"total\""
        } else if r.excluded {
            " class=\"excluded\""
        } else {
            ""
        };
        let cats: Vec<String> = r
            .by_category
            .iter()
            .map(|c| document::category_cell(c, lang))
            .collect();
        let over = r.over().unwrap_or(0);
        let [approved, vacant, over_s] = document::usage_cells(r);
        let _ = writeln!(
            o,
            "<tr{class}><td style=\"padding-left:{}px\">{}</td><td>{}</td><td class=\"num\">{approved}</td><td class=\"num\">{}</td><td class=\"num\">{vacant}</td><td class=\"num{}\">{over_s}</td><td class=\"num\">{}</td><td class=\"num\">{}/{}</td><td>{}</td></tr>",
            9 + 18 * r.depth,
            esc(&r.name),
            esc(&r.kind),
            r.actual(),
            if over > 0 { " over" } else { "" },
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
