//! The report as an editable Word document (`report --format docx`): what the HTML report says —
//! who issues it and when, the summary, every finding with its rule, place, citation and what to
//! do, what each plan changes, and each unit's establishment table — as headings, paragraphs and
//! tables an office edits into its written opinion (审核意见). Written with `docx-rs`; the charts
//! stay in the HTML report.

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Style, StyleType, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use crate::app::{Outcome, Run as CheckRun};
use crate::base::diag::Level;
use crate::base::i18n::{doc, words, Lang};
use crate::render::diff::{self as diff_blocks, Block};
use crate::render::document::{self, DocMeta, PlanChanges};
use crate::render::findings::human;
use crate::render::html::{input_errors_text, quota_tables, QuotaTable};
use crate::render::package::{pack_docx, PackageError};

/// A4 in twentieths of a point, and margins of 2.5 cm and 2.2 cm.
const A4: (u32, u32) = (11906, 16838);
const BODY_WIDTH: usize = 11906 - 2 * 1247;
/// Font sizes in half points: 小四 (12 pt) for text, 五号 (10.5 pt) in tables.
const TEXT: usize = 24;
const SMALL: usize = 21;

/// The document of the files that could be read, and the input errors of the others (drawn for a
/// terminal), as [`crate::render::html::report_html_partial`] gives them. No document when no
/// file could be read or the packs could not be loaded; `Err` when the document could not be
/// built (the part that failed, and the library's words).
pub fn report_docx_partial(
    outcome: &Outcome,
    meta: &DocMeta,
) -> (Option<Result<Vec<u8>, PackageError>>, Option<String>) {
    let run = outcome.run(meta.lang);
    let errors = input_errors_text(&run);
    if run.ws.orgs.is_empty() || outcome.rules.is_empty() {
        return (None, errors);
    }
    let tables = quota_tables(&run);
    let plans = document::plan_changes(&run);
    (Some(render(&run, meta, &tables, &plans)), errors)
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .size(size)
            .bold()
            .fonts(fonts("黑体"))
            .outline_lvl(level)
    };
    docx.add_style(heading("Title", "Title", 36, 0).align(AlignmentType::Center))
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 28, 1))
        .add_style(heading("Heading3", "heading 3", 24, 2))
}

/// " (s)" or "（s）".
fn paren(s: &str, lang: Lang) -> String {
    doc::with_detail("", s).get(lang).to_string()
}

/// A run of text. Text from the files may hold characters XML forbids (a control character in a
/// body's name): shown as their symbols, so that Word opens every document written.
fn text_run(s: impl AsRef<str>) -> Run {
    Run::new().add_text(crate::base::safe_text::xml(s.as_ref()).into_owned())
}

fn text(s: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(s))
}

fn heading(level: usize, s: &str) -> Paragraph {
    text(s).style(&format!("Heading{level}")).keep_next(true)
}

/// "标签：内容" with the label in bold.
fn labelled(label: &str, value: &str, lang: Lang) -> Paragraph {
    Paragraph::new()
        .add_run(text_run(format!("{label}{}", words::punct::colon(lang))).bold())
        .add_run(text_run(value))
}

fn cell(s: &str, bold: bool, right: bool, width: usize) -> TableCell {
    let mut r = text_run(s).size(SMALL);
    if bold {
        r = r.bold();
    }
    let mut p = Paragraph::new().add_run(r);
    if right {
        p = p.align(AlignmentType::Right);
    }
    TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
}

/// A table with a bold header row; `numeric(i)`: column `i` holds figures (right-aligned). Its
/// columns are as wide as their text asks, within the page: without widths WPS and LibreOffice
/// give every column the same share, and a body's name breaks every three characters.
fn table(head: &[&str], rows: &[Vec<String>], numeric: impl Fn(usize) -> bool) -> Table {
    let widths = column_widths(head, rows);
    let mut trs = vec![TableRow::new(
        head.iter()
            .zip(&widths)
            .map(|(h, &w)| cell(h, true, false, w))
            .collect(),
    )];
    for r in rows {
        trs.push(TableRow::new(
            r.iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (c, &w))| cell(c, false, numeric(i), w))
                .collect(),
        ));
    }
    Table::new(trs)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(BODY_WIDTH, WidthType::Dxa)
}

/// Twips per display column of 五号 text (a Chinese character is two columns, 10.5 pt wide), and
/// a cell's left and right margins.
const COLUMN_TWIPS: usize = SMALL * 10 / 2;
const CELL_MARGINS: usize = 2 * 108;
/// A column asks for at most this many display columns (a long citation wraps) and at least this
/// many (a header of one figure is still legible).
const MAX_ASK: usize = 40;
const MIN_ASK: usize = 4;

/// The columns' widths in twips, summing to the page's text width: each column asks for its
/// longest line (within [`MIN_ASK`]..[`MAX_ASK`]); columns asking less than an even share of
/// what is left get what they ask, the others share the rest in proportion to what they ask; and
/// room to spare is given out in proportion.
fn column_widths(head: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    let n = head.len().max(1);
    let asks: Vec<usize> = (0..n)
        .map(|i| {
            let longest = std::iter::once(head.get(i).copied().unwrap_or(""))
                .chain(rows.iter().filter_map(|r| r.get(i).map(String::as_str)))
                .flat_map(str::lines)
                .map(textwrap::core::display_width)
                .max()
                .unwrap_or(0);
            longest.clamp(MIN_ASK, MAX_ASK) * COLUMN_TWIPS + CELL_MARGINS
        })
        .collect();
    let mut widths = vec![0; n];
    let mut open: Vec<usize> = (0..n).collect();
    let mut left = BODY_WIDTH;
    while !open.is_empty() {
        let share = left / open.len();
        let (small, large): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&i| asks[i] <= share);
        if small.is_empty() {
            let asked: usize = large.iter().map(|&i| asks[i]).sum();
            for &i in &large {
                widths[i] = left * asks[i] / asked;
            }
            break;
        }
        for &i in &small {
            widths[i] = asks[i];
            left -= asks[i];
        }
        open = large;
    }
    let spare = BODY_WIDTH.saturating_sub(widths.iter().sum());
    let total: usize = widths.iter().sum::<usize>().max(1);
    widths.iter().map(|w| w + spare * w / total).collect()
}

/// The diff's blocks as paragraphs and tables.
fn blocks(mut docx: Docx, blocks: &[Block]) -> Docx {
    for b in blocks {
        docx = match b {
            Block::Title(_) => docx,
            Block::Note(s) | Block::Text(s) => docx.add_paragraph(text(s)),
            Block::Section(s) => docx.add_paragraph(heading(3, s)),
            Block::Table {
                head,
                rows,
                numeric,
            } => {
                let head: Vec<&str> = head.iter().map(String::as_str).collect();
                let rows: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
                docx.add_table(table(&head, &rows, |i| *numeric && i > 0))
                    .add_paragraph(Paragraph::new())
            }
        };
    }
    docx
}

fn plan(docx: Docx, p: &PlanChanges, lang: Lang) -> Docx {
    let d = &p.diff;
    let docx = docx
        .add_paragraph(heading(
            2,
            doc::plan_heading(&d.new.name, &d.new.as_of, &d.base.as_of).get(lang),
        ))
        .add_paragraph(text(&format!("{} → {}", d.base.file, d.new.file)));
    blocks(docx, &diff_blocks::blocks(d, lang))
}

fn quota(docx: Docx, table_: &QuotaTable, t: &doc::Words, lang: Lang) -> Docx {
    let head = [
        t.body,
        t.kind,
        t.approved,
        t.actual,
        t.vacant,
        t.over,
        t.outside,
        t.posts,
        t.by_category,
    ];
    let rows: Vec<Vec<String>> = table_
        .rows
        .iter()
        .chain(table_.total.as_ref())
        .map(|r| {
            let [approved, vacant, over] = document::usage_cells(r);
            vec![
                format!("{}{}", "　".repeat(r.depth), r.name),
                r.kind.clone(),
                approved,
                r.actual().to_string(),
                vacant,
                over,
                r.outside.to_string(),
                format!("{}/{}", r.posts.0, r.posts.1),
                r.by_category
                    .iter()
                    .map(|c| document::category_cell(c, lang))
                    .collect::<Vec<_>>()
                    .join(words::punct::comma(lang)),
            ]
        })
        .collect();
    let mut docx = docx.add_paragraph(heading(3, t.quota));
    if table_.shows_bodies() {
        docx = docx
            .add_table(table(&head, &rows, |i| (2..=7).contains(&i)))
            .add_paragraph(Paragraph::new().add_run(text_run(t.excluded).size(SMALL)));
    }
    if !table_.limit.is_empty() {
        // A county: its limit against its towns' approved establishment.
        let head = document::limit_header(lang);
        let rows: Vec<Vec<String>> = document::limit_rows(table_, lang)
            .into_iter()
            .map(Vec::from)
            .collect();
        docx = docx.add_table(table(&head, &rows, |i| i >= 1));
    }
    docx
}

/// The document's bytes.
pub fn render(
    run: &CheckRun<'_>,
    meta: &DocMeta,
    tables: &[QuotaTable],
    plans: &[PlanChanges],
) -> Result<Vec<u8>, PackageError> {
    let lang = run.lang;
    let t = doc::words(lang);
    let s = run.summary();
    let mut docx = styles(
        Docx::new()
            .page_size(A4.0, A4.1)
            .page_margin(
                PageMargin::new()
                    .top(1417)
                    .bottom(1417)
                    .left(1247)
                    .right(1247),
            )
            .default_fonts(fonts("宋体"))
            .default_size(TEXT),
    );
    if let Some(date) = &meta.date {
        // The document's own dates are the report's: the same input gives the same file.
        let stamp = format!("{date}T00:00:00Z");
        docx = docx.created_at(&stamp).updated_at(&stamp);
    }

    docx = docx.add_paragraph(text(t.title).style("Title"));
    for line in [
        meta.office.as_deref().map(doc::issued_by),
        meta.date.as_deref().map(doc::made_on),
    ]
    .into_iter()
    .flatten()
    {
        docx = docx.add_paragraph(text(line.get(lang)).align(AlignmentType::Center));
    }

    // A document is made from held findings; a spilled run is read back once.
    let findings = run.findings.held();
    // Summary.
    docx = docx
        .add_paragraph(heading(1, t.summary))
        .add_paragraph(text(&human::summary_line(run)));
    let level = |l: Level| crate::analysis::chart::level_name(l, lang);
    let units: Vec<Vec<String>> = run
        .ws
        .orgs
        .iter()
        .map(|org| {
            let count = |l: Level| {
                findings
                    .iter()
                    .filter(|f| f.file == org.file && f.level == l)
                    .count()
                    .to_string()
            };
            vec![
                org.unit.name.value.clone(),
                run.ws.path_of(org).to_string(),
                count(Level::Error),
                count(Level::Warning),
                count(Level::Info),
            ]
        })
        .collect();
    docx = docx.add_table(table(
        &[
            t.unit,
            t.file,
            level(Level::Error),
            level(Level::Warning),
            level(Level::Info),
        ],
        &units,
        |i| i >= 2,
    ));
    if s.input_errors > 0 {
        docx = docx.add_paragraph(text(&format!(
            "{}{}{}",
            t.input_errors,
            words::punct::colon(lang),
            s.input_errors
        )));
    }

    // Findings, one numbered entry each: what an opinion quotes and edits.
    docx = docx.add_paragraph(heading(1, t.findings));
    if run.findings.is_empty() {
        docx = docx.add_paragraph(text(t.none));
    }
    for (i, f) in findings.iter().enumerate() {
        let place = |file, offset| {
            let src = run.ws.sources.get(file);
            let (l, c) = src.line_col(offset);
            format!("{}:{l}:{c}", src.path)
        };
        let unit = run
            .ws
            .orgs
            .iter()
            .find(|o| o.file == f.file)
            .map(|o| o.unit.name.value.as_str())
            .unwrap_or("");
        docx = docx
            .add_paragraph(
                Paragraph::new()
                    .add_run(
                        text_run(format!(
                            "{}{} {}",
                            i + 1,
                            words::punct::number_dot(lang),
                            level(f.level)
                        ))
                        .bold(),
                    )
                    .add_run(text_run(format!(
                        " {} {}{}",
                        f.code,
                        crate::rules::short_name(&f.code, &f.name, lang),
                        if unit.is_empty() {
                            String::new()
                        } else {
                            paren(unit, lang)
                        }
                    )))
                    .keep_next(true),
            )
            .add_paragraph(text(f.message.get(lang)));
        if let Some(h) = &f.help {
            docx = docx.add_paragraph(labelled(t.help, h.get(lang), lang));
        }
        docx = docx.add_paragraph(labelled(t.place, &place(f.file, f.span.start), lang));
        for l in &f.labels {
            docx = docx.add_paragraph(text(&format!(
                "　{} {}",
                place(l.file, l.span.start),
                l.message.get(lang)
            )));
        }
        docx = docx.add_paragraph(labelled(t.cite, f.cite.get(lang), lang));
    }

    // What the plans change.
    if !plans.is_empty() {
        docx = docx.add_paragraph(heading(1, t.plans));
        for p in plans {
            docx = plan(docx, p, lang);
        }
    }

    // Each unit's establishment, on a page of its own.
    docx = docx.add_paragraph(heading(1, t.units).page_break_before(true));
    for org in &run.ws.orgs {
        let path = run.ws.path_of(org);
        docx = docx.add_paragraph(heading(
            2,
            &format!(
                "{}{}",
                org.unit.name.value,
                paren(&org.unit.as_of.value.to_string(), lang)
            ),
        ));
        docx = docx.add_paragraph(text(path));
        if let Some(tb) = tables.iter().find(|tb| tb.file == path) {
            docx = quota(docx, tb, t, lang);
        }
    }
    docx = docx.add_paragraph(text(t.docx_note));

    let mut out = std::io::Cursor::new(Vec::new());
    pack_docx(docx.build(), &mut out)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_their_text_asks_within_the_page() {
        let head = ["机构", "核定", "实有", "空编", "说明"];
        let rows = vec![vec![
            "清水镇综合行政执法局".to_string(),
            "12".to_string(),
            "11".to_string(),
            "1".to_string(),
            "依据《关于深化经济发达镇行政管理体制改革工作的意见》设立，承担镇域内集中行使的行政处罚权"
                .to_string(),
        ]];
        let w = column_widths(&head, &rows);
        let total: usize = w.iter().sum();
        assert!(
            total <= BODY_WIDTH && total + w.len() >= BODY_WIDTH,
            "{w:?}"
        );
        // The body's name (10 characters, 20 columns) fits on one line; the figures' columns
        // are narrower than the name's; the long note takes what is left.
        assert!(w[0] >= 20 * COLUMN_TWIPS + CELL_MARGINS, "{w:?}");
        assert!(w[1] < w[0] && w[2] < w[0] && w[3] < w[0], "{w:?}");
        assert!(w[4] > w[0], "{w:?}");
        // Without widths every column would get a fifth: the name would break.
        const { assert!(BODY_WIDTH / 5 < 20 * COLUMN_TWIPS + CELL_MARGINS) };
    }

    #[test]
    fn many_long_columns_share_the_page() {
        let head: Vec<&str> = vec!["说明"; 8];
        let rows = vec![vec!["很长的说明文字".repeat(10); 8]];
        let w = column_widths(&head, &rows);
        assert_eq!(w.len(), 8);
        assert!(w.iter().sum::<usize>() <= BODY_WIDTH);
        assert!(w.iter().all(|&x| x == w[0]), "{w:?}");
    }
}
