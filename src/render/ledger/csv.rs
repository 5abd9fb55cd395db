//! The ledger as one flat CSV table.

use super::*;

fn csv_header(lang: Lang) -> [&'static str; 11] {
    [
        words::unit(lang),
        words::csv_as_of(lang),
        words::csv_table(lang),
        words::csv_body_id(lang),
        words::body(lang),
        words::category(lang),
        words::grade(lang),
        words::approved(lang),
        words::actual(lang),
        words::vacant(lang),
        words::over(lang),
    ]
}

/// One flat table, after a UTF-8 byte-order mark ([`BOM`]). `table` says what a row is: `establishment` (a body's, the leadership team's —
/// with no approved figure — or the unit's category), `posts` (approved is 核定职数, actual is 实配),
/// `county_limit` (approved is the limit, actual the towns' quotas) or `town` (a town's totals).
/// Category and grade names follow `--lang`.
pub fn render_csv(cx: &ReportCx<'_>) -> String {
    let lang = cx.lang;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(csv_header(lang));
    let t_est = words::csv_establishment(lang);
    let t_posts = words::csv_posts(lang);
    let t_town = words::csv_town(lang);
    let t_limit = words::csv_county_limit(lang);
    for l in cx.ledgers {
        let mut rec = |table: &str,
                       id: &str,
                       name: &str,
                       cat: &str,
                       grade: &str,
                       u: Option<&ledger::Usage>,
                       n: u64| {
            let nums = match u {
                Some(u) => usage_cells(u),
                None => [String::new(), n.to_string(), String::new(), String::new()],
            };
            let _ = w.write_record(
                // Text from the files: neutralised, so that no spreadsheet runs it as a formula.
                [l.unit.as_str(), &l.as_of, table, id, name, cat, grade]
                    .into_iter()
                    .map(|c| crate::base::safe_text::csv_cell(c).into_owned())
                    .chain(nums),
            );
        };
        let lead = words::leadership(lang);
        for c in &l.leadership.headcount {
            rec(
                t_est,
                &l.unit,
                lead,
                c.category.name(lang),
                "",
                None,
                c.count,
            );
        }
        for b in &l.bodies {
            for r in &b.categories {
                let u = b.compared.then_some(&r.usage);
                rec(
                    t_est,
                    &b.id,
                    &b.name,
                    r.category.name(lang),
                    "",
                    u,
                    r.usage.actual,
                );
            }
        }
        let total = words::unit_total(lang);
        let totals: &[CategoryRow] = if l.county.is_some() {
            &[]
        } else {
            &l.totals.categories
        };
        for r in totals {
            rec(
                t_est,
                "",
                total,
                r.category.name(lang),
                "",
                Some(&r.usage),
                0,
            );
        }
        for p in &l.leadership.posts {
            rec(
                t_posts,
                &l.unit,
                lead,
                "",
                p.grade.name(lang),
                Some(&p.usage),
                0,
            );
        }
        for b in &l.bodies {
            for p in &b.posts {
                rec(
                    t_posts,
                    &b.id,
                    &b.name,
                    "",
                    p.grade.name(lang),
                    Some(&p.usage),
                    0,
                );
            }
        }
        if let Some(c) = &l.county {
            for t in &c.towns {
                for r in &t.categories {
                    rec(
                        t_town,
                        &t.id,
                        &t.name,
                        r.category.name(lang),
                        "",
                        Some(&r.usage),
                        0,
                    );
                }
            }
            for r in &c.limit {
                rec(
                    t_limit,
                    "",
                    "",
                    r.category.name(lang),
                    "",
                    Some(&r.usage),
                    0,
                );
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    let mut out = String::from(BOM);
    out.push_str(&String::from_utf8(bytes).unwrap_or_default());
    out
}

/// The byte-order mark every CSV bianzhi writes starts with: without it, Excel on a Chinese
/// Windows reads UTF-8 as GBK and shows the Chinese as mojibake. `bianzhi import` and other CSV
/// readers skip it.
pub const BOM: &str = "\u{feff}";
