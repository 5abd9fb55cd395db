//! A reorganization's diff, for people (tables), as JSON, as an HTML page with the before/after
//! chart, or as an Excel workbook.

use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

use crate::analysis::chart::ChangeChart;
use crate::analysis::diff::*;
use crate::base::i18n::{doc, msg, words, Lang, Text};
use crate::render::chart::svg::esc;
use crate::render::document::DocMeta;
use crate::render::package::PackageError;
use crate::render::page;
use crate::render::Emitter;
use std::fmt::Write;

/// The formats of `bianzhi diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables for reading in a terminal.
    Human,
    /// One JSON document.
    Json,
    /// One self-contained HTML page with the tables and the before/after chart; prints on A4.
    Html,
    /// An Excel workbook of the tables (needs -o).
    Xlsx,
}

/// What a diff format is given: the comparison, the bodies before and after, and who issues the
/// document and when (the HTML page shows them).
pub struct DiffCx<'a> {
    pub diff: &'a Diff,
    pub chart: &'a ChangeChart,
    pub meta: &'a DocMeta,
}

/// Bytes, because one format is a workbook, which may fail to build.
impl Emitter<&DiffCx<'_>, Result<Vec<u8>, PackageError>> for Format {
    fn emit(&self, cx: &DiffCx<'_>) -> Result<Vec<u8>, PackageError> {
        let lang = cx.meta.lang;
        match self {
            Format::Human => Ok(render_human(cx.diff, lang).into_bytes()),
            Format::Json => Ok(render_json(cx.diff).into_bytes()),
            Format::Html => Ok(diff_page(cx.diff, cx.chart, cx.meta).into_bytes()),
            Format::Xlsx => workbook_bytes(cx.diff, lang),
        }
    }
}

/// The diff's blocks on one sheet: the heading, each section's line, each table with its header;
/// figures as numbers.
pub fn workbook_bytes(d: &Diff, lang: Lang) -> Result<Vec<u8>, PackageError> {
    // One sheet: an error the library says without one names it.
    workbook(d, lang).map_err(|e| PackageError::in_sheet(e, words::diff::sheet(lang)))
}

fn workbook(d: &Diff, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::render::ledger::xlsx::Styles;
    let st = Styles::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name(words::diff::sheet(lang))?;
    let mut row = 0u32;
    for b in blocks(d, lang) {
        match b {
            Block::Title(s) => {
                sheet.write_string_with_format(
                    row,
                    0,
                    crate::base::safe_text::xlsx_text(&s),
                    &st.title,
                )?;
                row += 1;
            }
            Block::Note(s) | Block::Text(s) => {
                sheet.write_string(row, 0, crate::base::safe_text::xlsx_text(&s))?;
                row += 1;
            }
            Block::Section(s) => {
                row += 1;
                sheet.write_string_with_format(
                    row,
                    0,
                    crate::base::safe_text::xlsx_text(&s),
                    &st.total,
                )?;
                row += 1;
            }
            Block::Table {
                head,
                rows,
                numeric,
            } => {
                for (c, h) in head.iter().enumerate() {
                    sheet.write_string_with_format(
                        row,
                        c as u16,
                        crate::base::safe_text::xlsx_text(h),
                        &st.header,
                    )?;
                }
                row += 1;
                for r in rows {
                    for (c, v) in r.iter().enumerate() {
                        match v.parse::<f64>() {
                            Ok(n) if numeric && c > 0 => {
                                sheet.write_number_with_format(row, c as u16, n, &st.number)?
                            }
                            // Text from the files: kept text, never a formula.
                            _ => sheet.write_string_with_format(
                                row,
                                c as u16,
                                crate::base::safe_text::xlsx_text(v),
                                &st.cell,
                            )?,
                        };
                    }
                    row += 1;
                }
            }
        }
    }
    sheet.set_column_width(0, 30)?;
    for c in 1..4 {
        sheet.set_column_width(c, 24)?;
    }
    wb.save_to_buffer()
}

/// The JSON document, pretty-printed, with a trailing newline.
pub fn render_json(d: &Diff) -> String {
    let mut out = serde_json::to_string_pretty(d).unwrap_or_default();
    out.push('\n');
    out
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// A word of the output in the language asked for: a change, a category, grade or reason of
/// departure as the diff's JSON names it.
fn word(lang: Lang, key: &str) -> String {
    word_text(key).get(lang).to_string()
}

/// [`word`] in both languages.
fn word_text(key: &str) -> Text {
    let zh = if let Some(w) = words::diff::change_zh(key) {
        w
    } else if let Some(c) = crate::model::Category::parse(key) {
        c.zh()
    } else if let Some(g) = crate::model::Grade::parse(key) {
        g.zh()
    } else if let Some(r) = crate::model::DepartureReason::parse(key) {
        r.zh()
    } else {
        key
    };
    let en = match crate::model::Grade::parse(key) {
        // Grades read best by their legal term in both languages.
        Some(g) => format!("{} ({})", g.zh(), g.en()),
        None => key.replace('_', " "),
    };
    Text::new(en, zh)
}

fn table(header: &[String; 4], rows: &[[String; 4]], numeric: bool) -> String {
    let mut b = Builder::default();
    b.push_record(header);
    for r in rows {
        b.push_record(r);
    }
    let mut t = b.build();
    t.with(Style::rounded());
    if numeric {
        t.modify(Columns::new(1..), Alignment::right());
    }
    t.to_string()
}

/// One piece of the diff as every format shows it: the terminal's tables, the HTML page, the
/// workbook and the Word document are made from the same blocks, so they say the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The heading line: what is compared with what.
    Title(String),
    /// A note under the heading (the files describe different units).
    Note(String),
    /// A section's heading, with its counts.
    Section(String),
    /// A line of text in a section.
    Text(String),
    /// A table of four columns; `numeric`: every column but the first holds figures.
    Table {
        head: [String; 4],
        rows: Vec<[String; 4]>,
        numeric: bool,
    },
}

/// The human report: a heading line, then tables of bodies, figures, posts and people.
pub fn render_human(d: &Diff, lang: Lang) -> String {
    let mut out = String::new();
    for b in blocks(d, lang) {
        match b {
            Block::Title(s) | Block::Note(s) | Block::Text(s) => {
                out.push_str(&s);
                out.push('\n');
            }
            Block::Section(s) => {
                out.push('\n');
                out.push_str(&s);
                out.push('\n');
            }
            Block::Table {
                head,
                rows,
                numeric,
            } => {
                out.push_str(&table(&head, &rows, numeric));
                out.push('\n');
            }
        }
    }
    out
}

/// The diff as blocks: a heading line, then the bodies, figures, posts and people.
pub fn blocks(d: &Diff, lang: Lang) -> Vec<Block> {
    use words::diff as w;
    // The table's sentences end with a line break, which the blocks leave to their format.
    let line = |t: Text| t.get(lang).trim_end_matches('\n').to_string();
    let heads = |h: [&str; 4]| h.map(str::to_string);
    let mut out = Vec::new();
    let (b, n) = (&d.base, &d.new);
    out.push(Block::Title(line(msg::diff_heading(
        &n.name,
        &n.unit,
        &b.file,
        &b.as_of,
        &word_text(b.status),
        &n.file,
        &n.as_of,
        &word_text(n.status),
    ))));
    if b.unit != n.unit {
        out.push(Block::Note(line(msg::diff_other_unit(&b.unit, &n.unit))));
    }
    // Dates are written YYYY-MM-DD: their text orders as they do.
    if n.as_of < b.as_of {
        out.push(Block::Note(line(msg::diff_reversed(&b.as_of, &n.as_of))));
    }

    // Bodies.
    let count = |c: &str| d.bodies.iter().filter(|x| x.change == c).count();
    out.push(Block::Section(line(msg::diff_bodies(
        count("continued"),
        count("merged"),
        count("new"),
        count("abolished"),
        count("transferred_out"),
    ))));
    let rows = d
        .bodies
        .iter()
        .map(|c| {
            let from = c
                .from
                .iter()
                .map(|f| {
                    // The same body under the same id: its name, as a clerk knows it.
                    if f.id == c.id {
                        f.name.clone()
                    } else {
                        msg::diff_from_body(&f.id, &f.name).get(lang).to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(w::list_separator(lang));
            [word(lang, c.change), c.id.clone(), c.name.clone(), from]
        })
        .collect();
    out.push(Block::Table {
        head: heads([w::change(lang), w::body(lang), w::name(lang), w::from(lang)]),
        rows,
        numeric: false,
    });

    // Bodies that leave by an entry of the plan, with their documents (v3).
    let leaving: Vec<&BodyChange> = d.bodies.iter().filter(|c| c.by.is_some()).collect();
    if !leaving.is_empty() {
        out.push(Block::Section(line(msg::diff_leaving(leaving.len()))));
        let rows = leaving
            .iter()
            .filter_map(|c| {
                let f = c.by.as_ref()?;
                let document = f.doc.as_ref().map(|doc| {
                    msg::diff_transfer_document(
                        f.by.as_deref().unwrap_or(""),
                        doc,
                        f.date.as_deref().unwrap_or(""),
                    )
                });
                let said = if c.change == "transferred_out" {
                    msg::diff_moved_out_to(
                        f.counterpart.as_deref().unwrap_or(""),
                        &document.unwrap_or_else(|| Text::new("", "")),
                    )
                } else {
                    msg::diff_abolition(document.as_ref(), f.reason.as_deref())
                };
                Some([
                    word(lang, c.change),
                    c.id.clone(),
                    c.name.clone(),
                    said.get(lang).to_string(),
                ])
            })
            .collect();
        out.push(Block::Table {
            head: heads([
                w::change(lang),
                w::body(lang),
                w::name(lang),
                w::document(lang),
            ]),
            rows,
            numeric: false,
        });
    }

    // Figures.
    out.push(Block::Section(w::establishment_heading(lang).to_string()));
    let row = |label: String, x: &Delta| {
        [
            label,
            x.base.to_string(),
            x.new.to_string(),
            signed(x.delta),
        ]
    };
    let mut rows: Vec<[String; 4]> = d
        .quota
        .iter()
        .map(|q| {
            let label = if q.key == "total" {
                w::quota_total(lang).to_string()
            } else {
                msg::diff_quota_of(&word_text(q.key)).get(lang).to_string()
            };
            row(label, &q.delta)
        })
        .collect();
    rows.push(row(w::counted_bodies(lang).to_string(), &d.counted_bodies));
    rows.push(row(
        w::fiscally_funded(lang).to_string(),
        &d.fiscally_funded,
    ));
    out.push(Block::Table {
        head: heads([
            w::figure(lang),
            w::current(lang),
            w::proposal(lang),
            w::delta(lang),
        ]),
        rows,
        numeric: true,
    });

    // Posts.
    out.push(Block::Section(w::posts_heading(lang).to_string()));
    if d.posts.is_empty() {
        out.push(Block::Text(w::no_posts(lang).to_string()));
    } else {
        let rows = d
            .posts
            .iter()
            .map(|p| row(word(lang, p.key), &p.delta))
            .collect();
        out.push(Block::Table {
            head: heads([
                w::grade(lang),
                w::current(lang),
                w::proposal(lang),
                w::delta(lang),
            ]),
            rows,
            numeric: true,
        });
    }

    // People.
    let s = &d.people;
    out.push(Block::Section(line(msg::diff_people(
        s.stayed,
        s.moved,
        s.departed,
        s.joined,
        s.lost,
        s.transferred_out,
    ))));
    if !d.people_changes.is_empty() {
        let rows = d
            .people_changes
            .iter()
            .map(|c| {
                // Bodies by their names, where they have one: a clerk reads 党政办公室, not dzb.
                let to = match (&c.to_name, &c.to, c.reason) {
                    (Some(name), _, _) => name.clone(),
                    (None, Some(to), _) => to.clone(),
                    (None, None, Some(r)) => word(lang, r),
                    (None, None, None) => "—".to_string(),
                };
                let from = c.from_name.as_ref().or(c.from.as_ref());
                [
                    word(lang, c.change),
                    c.id.clone(),
                    from.cloned().unwrap_or_else(|| "—".to_string()),
                    to,
                ]
            })
            .collect();
        out.push(Block::Table {
            head: heads([
                w::change(lang),
                w::person(lang),
                w::from(lang),
                w::to_or_reason(lang),
            ]),
            rows,
            numeric: false,
        });
    }
    // Transfers (带编划转).
    if !d.transfers.is_empty() {
        out.push(Block::Section(line(msg::diff_transfers(d.transfers.len()))));
        let rows = d
            .transfers
            .iter()
            .map(|t| {
                let mut document =
                    msg::diff_transfer_document(t.by.as_deref().unwrap_or(""), &t.doc, &t.date);
                if let Some(a) = &t.above {
                    let above = msg::diff_transfer_document(
                        a.by.as_deref().unwrap_or(""),
                        a.doc.as_deref().unwrap_or(""),
                        a.date.as_deref().unwrap_or(""),
                    );
                    document = msg::diff_with_above(&document, &above);
                }
                [
                    word(lang, t.direction),
                    t.body_name.clone().unwrap_or_else(|| t.body.clone()),
                    t.counterpart.clone().unwrap_or_else(|| "—".to_string()),
                    msg::diff_transfer_count(&word_text(t.category), t.count, &document)
                        .get(lang)
                        .to_string(),
                ]
            })
            .collect();
        out.push(Block::Table {
            head: heads([
                w::direction(lang),
                w::body(lang),
                w::counterpart(lang),
                w::transferred(lang),
            ]),
            rows,
            numeric: false,
        });
    }
    out
}

/// The diff's blocks as HTML; `skip_title`: the caller has its own heading.
pub fn blocks_html(o: &mut String, blocks: &[Block], skip_title: bool) {
    for b in blocks {
        match b {
            Block::Title(s) if !skip_title => {
                let _ = writeln!(o, "<p class=\"sub\">{}</p>", esc(s));
            }
            Block::Title(_) => {}
            Block::Note(s) => {
                let _ = writeln!(o, "<p class=\"note\">{}</p>", esc(s));
            }
            Block::Section(s) => {
                let _ = writeln!(o, "<h4>{}</h4>", esc(s));
            }
            Block::Text(s) => {
                let _ = writeln!(o, "<p>{}</p>", esc(s));
            }
            Block::Table {
                head,
                rows,
                numeric,
            } => {
                let _ = write!(o, "<table class=\"diff\"><thead><tr>");
                for h in head {
                    let _ = write!(o, "<th>{}</th>", esc(h));
                }
                let _ = writeln!(o, "</tr></thead><tbody>");
                for r in rows {
                    let _ = write!(o, "<tr>");
                    for (i, c) in r.iter().enumerate() {
                        let class = if *numeric && i > 0 {
                            " class=\"num\""
                        } else {
                            ""
                        };
                        let _ = write!(o, "<td{class}>{}</td>", esc(c));
                    }
                    let _ = writeln!(o, "</tr>");
                }
                let _ = writeln!(o, "</tbody></table>");
            }
        }
    }
}

/// The page of `bianzhi diff --format html`: the diff's blocks and the before/after chart.
pub fn diff_page(d: &crate::analysis::diff::Diff, chart: &ChangeChart, meta: &DocMeta) -> String {
    let lang = meta.lang;
    let t = doc::words(lang);
    let mut o = String::new();
    let html_lang = lang.tag();
    let title = format!("{} · {}", d.new.name, t.diff_title);
    let _ = writeln!(o, "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>");
    page::head_meta(&mut o);
    let _ = writeln!(o, "<title>{}</title>", esc(&title));
    let _ = writeln!(o, "<style>{}</style>\n</head>\n<body>", page::CSS);
    let _ = writeln!(o, "<header><h1>{}</h1>", esc(&title));
    page::issuer_html(&mut o, meta);
    let _ = writeln!(o, "</header>");
    blocks_html(&mut o, &blocks(d, lang), false);
    let _ = writeln!(
        o,
        "<h4>{}</h4>\n<div class=\"chart\">\n{}</div>",
        esc(t.change_chart),
        crate::render::chart::svg::render_changes(chart, lang)
    );
    let _ = writeln!(
        o,
        "<footer>{} bianzhi {}</footer>\n</body>\n</html>",
        esc(t.footer),
        env!("CARGO_PKG_VERSION")
    );
    o
}
