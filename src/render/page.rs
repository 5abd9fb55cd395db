//! What the HTML pages share (the report, [`crate::render::html`], and the diff's page,
//! [`crate::render::diff`]): the style sheet with its print layout, and the line with the issuing
//! office and the date.

use std::fmt::Write;

use crate::base::i18n::doc;
use crate::render::chart::svg::esc;
use crate::render::document::DocMeta;

/// The pages' Content-Security-Policy. A downloaded report is opened by people who trust it: it
/// runs no script, loads nothing from anywhere, submits no form; its style sheet is inline and its
/// chart inline SVG.
pub const CSP: &str = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-src 'none'; object-src 'none'";

/// The head's first lines: the character set and the policy.
pub fn head_meta(o: &mut String) {
    use std::fmt::Write as _;
    let _ = writeln!(o, "<meta charset=\"utf-8\">");
    let _ = writeln!(
        o,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
}

pub const CSS: &str = r#"
:root { --error: #d32f2f; --warning: #ef6c00; --info: #0277bd; --line: #dde3e8; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; color: #1f2933; background: #f7f9fa;
  font: 14px/1.55 'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',system-ui,sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
.sub { color: #607080; margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: #fff; border: 1px solid var(--line); border-left-width: 5px; border-radius: 6px;
  padding: 10px 18px; min-width: 120px; }
.card .n { font-size: 26px; font-weight: 700; display: block; }
.card.error { border-left-color: var(--error); } .card.error .n { color: var(--error); }
.card.warning { border-left-color: var(--warning); } .card.warning .n { color: var(--warning); }
.card.info { border-left-color: var(--info); } .card.info .n { color: var(--info); }
table { border-collapse: collapse; background: #fff; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 5px 9px; text-align: left; vertical-align: top; }
th { background: #eef2f5; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.over { color: var(--error); font-weight: 700; }
tr.total td { font-weight: 700; background: #f3f6f8; }
tr.excluded td { color: #78909c; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 12px;
  white-space: nowrap; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
code, .loc { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 13px; }
.help, .labels { color: #52606d; font-size: 13px; margin: 2px 0 0; }
.labels { padding-left: 18px; }
.chart { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px;
  padding: 8px; }
.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.ok { color: #2e7d32; font-weight: 600; }
footer { margin-top: 40px; color: #8795a1; font-size: 12px; }
.issuer { margin: 6px 0 0; font-size: 15px; }
.issuer span + span { margin-left: 2em; }
.plan-summary { margin: 4px 0; }
p.note { color: var(--warning); }
/* Printed: A4, white, each unit and each plan on pages of its own, tables that repeat their
   header and do not split a row, nothing that only works on a screen. */
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { background: #fff; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 20pt; } h2 { font-size: 14pt; margin-top: 18px; } h3 { font-size: 12pt; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .card { break-inside: avoid; padding: 6px 12px; }
  .card .n { font-size: 18pt; }
  section#plans, section#units, article.unit + article.unit, article.plan + article.plan {
    break-before: page; }
  thead { display: table-header-group; }
  tr, .chart, .labels li { break-inside: avoid; }
  /* A collapsed border is half outside its table: keep the right one on the page. */
  table { font-size: 9.5pt; width: calc(100% - 2px); }
  th, td { padding: 3px 6px; }
  .chart { overflow: visible; border: none; padding: 0; }
  .chart svg { max-width: 100%; max-height: 235mm; width: auto; height: auto; }
  .screen-only { display: none; }
  /* The note under a quota table goes with the table's last rows, not alone on a page. */
  table.quota + p.help { break-before: avoid; }
  table.quota td:first-child, table.quota td:nth-child(2), table.quota th,
  table.diff td:first-child, table.diff td:nth-child(2), table.findings td:first-child,
  table.findings td:nth-child(2) { white-space: nowrap; }
  table.findings td.loc { word-break: break-all; }
  footer { margin-top: 16px; }
}
"#;

/// The issuing office and the date, where `meta` has them.
pub fn issuer_html(o: &mut String, meta: &DocMeta) {
    let issuer: Vec<String> = [
        meta.office.as_deref().map(doc::issued_by),
        meta.date.as_deref().map(doc::made_on),
    ]
    .into_iter()
    .flatten()
    .map(|w| format!("<span>{}</span>", esc(w.get(meta.lang))))
    .collect();
    if !issuer.is_empty() {
        let _ = writeln!(o, "<p class=\"issuer\">{}</p>", issuer.concat());
    }
}
