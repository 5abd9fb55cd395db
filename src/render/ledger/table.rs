//! The ledger as tables for reading in a terminal.

use super::*;

/// The human report: per unit, the establishment table, the posts table, and for a county the
/// towns and the limit.
pub fn render_human(cx: &ReportCx<'_>) -> String {
    let lang = cx.lang;
    let mut out = String::new();
    for l in cx.ledgers {
        out.push_str(&heading(l, lang));
        out.push('\n');
        let rows = establishment_rows(l, lang);
        if !rows.is_empty() {
            let mut b = Builder::default();
            b.push_record(establishment_header(lang));
            for r in rows {
                b.push_record(r);
            }
            out.push_str(&table(b));
            out.push('\n');
        }
        if l.totals.outside > 0 {
            out.push_str(&outside_line(l.totals.outside, lang));
        }
        let posts = post_rows(l, lang);
        if !posts.is_empty() {
            let mut b = Builder::default();
            b.push_record(posts_header(lang));
            for r in posts {
                b.push_record(r);
            }
            out.push_str(&table(b));
            out.push('\n');
        }
        if let Some(c) = &l.county {
            let mut b = Builder::default();
            let mut head = vec![words::unit(lang)];
            head.extend(&establishment_header(lang)[1..]);
            b.push_record(head);
            for t in &c.towns {
                for r in &t.categories {
                    let mut rec = vec![
                        format!("{} ({})", t.name, t.as_of),
                        r.category.name(lang).to_string(),
                    ];
                    rec.extend(usage_cells(&r.usage));
                    b.push_record(rec);
                }
            }
            out.push_str(&table(b));
            out.push('\n');
            let mut b = Builder::default();
            b.push_record(limit_header(lang));
            for r in &c.limit {
                let mut rec = vec![r.category.name(lang).to_string()];
                rec.extend(usage_cells(&r.usage));
                b.push_record(rec);
            }
            out.push_str(&table(b));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
