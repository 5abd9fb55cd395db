//! The ledger as an Excel workbook: a summary sheet and a sheet per unit with its roster.

use std::path::Path;

use rust_xlsxwriter::{Format as XFormat, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::*;
use crate::base::i18n::Text;
use crate::import::{Field, COLUMNS};
use crate::model::{Category, OrgFile};
use crate::render::document::DASH;
use crate::render::package::PackageError;

/// Sheet names: the unit id; the as_of date added where a unit has several snapshots, then a
/// number if still not unique. At most 31 characters, none of `[]:*?/\`.
pub fn sheet_names(ledgers: &[Ledger]) -> Vec<String> {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .take(31)
            .collect()
    };
    let mut names: Vec<String> = Vec::new();
    for l in ledgers {
        let several = ledgers.iter().filter(|o| o.unit == l.unit).count() > 1;
        let mut name = if several {
            clean(&format!("{} {}", l.unit, l.as_of))
        } else {
            clean(&l.unit)
        };
        let base = name.clone();
        let mut n = 2;
        while names.contains(&name) || name == "汇总" || name == "summary" {
            name = clean(&format!("{base} {n}"));
            n += 1;
        }
        names.push(name);
    }
    names
}

/// The roster columns the workbook writes: every import column, the name only with `--show-names`.
pub fn roster_fields(show_names: bool) -> Vec<Field> {
    COLUMNS
        .iter()
        .map(|c| c.0)
        .filter(|f| show_names || *f != Field::Name)
        .collect()
}

/// How the roster names a body: its name where that identifies it, else its id.
fn body_cell(org: &OrgFile, id: &str) -> String {
    let name = if id == org.unit.id.value {
        Some(org.unit.name.value.as_str())
    } else {
        org.body(id).map(|b| b.name.value.as_str())
    };
    let Some(name) = name else {
        return id.to_string();
    };
    let uses = org.bodies.iter().filter(|b| b.name.value == name).count()
        + usize::from(org.unit.name.value == name);
    let is_an_id = org.unit.id.value == name || org.body(name).is_some();
    if uses == 1 && !is_an_id {
        name.to_string()
    } else {
        id.to_string()
    }
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        words::yes(lang)
    } else {
        words::no(lang)
    }
}

/// The roster of an org file as text cells, in [`roster_fields`] order.
pub fn roster_rows(org: &OrgFile, show_names: bool, lang: Lang) -> Vec<Vec<String>> {
    let fields = roster_fields(show_names);
    org.persons
        .iter()
        .map(|p| {
            fields
                .iter()
                .map(|f| match f {
                    Field::Id => p.id.value.clone(),
                    Field::Name => p.name.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                    Field::Body => body_cell(org, &p.body.value),
                    Field::Establishment => p.establishment.value.name(lang).to_string(),
                    Field::FiscallyFunded => yes_no(p.fiscally_funded.value, lang).to_string(),
                    Field::Title => p
                        .title
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default(),
                    Field::Grade => p
                        .grade
                        .as_ref()
                        .map(|g| g.value.name(lang).to_string())
                        .unwrap_or_default(),
                    Field::Rank => p
                        .rank
                        .as_ref()
                        .map(|r| r.value.name(lang).to_string())
                        .unwrap_or_default(),
                    Field::Certified => p
                        .enforcement_certified
                        .as_ref()
                        .map(|c| yes_no(c.value, lang).to_string())
                        .unwrap_or_default(),
                    Field::UpperPost => p
                        .upper_post
                        .as_ref()
                        .map(|u| u.value.clone())
                        .unwrap_or_default(),
                    Field::CsManaged => p
                        .cs_managed
                        .as_ref()
                        .map(|c| yes_no(c.value, lang).to_string())
                        .unwrap_or_default(),
                    Field::Seconded => p
                        .seconded
                        .as_ref()
                        .map(|c| yes_no(c.value, lang).to_string())
                        .unwrap_or_default(),
                    Field::Concurrent => p
                        .concurrent
                        .iter()
                        .map(|c| c.value.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                })
                .collect()
        })
        .collect()
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// The workbook's cell formats, shared with the diff's workbook.
pub struct Styles {
    pub header: XFormat,
    pub title: XFormat,
    pub cell: XFormat,
    pub number: XFormat,
    pub total: XFormat,
    pub over: XFormat,
}

impl Styles {
    pub fn new() -> Self {
        let border = |f: XFormat| f.set_border(FormatBorder::Thin);
        Styles {
            header: border(
                XFormat::new()
                    .set_bold()
                    .set_align(FormatAlign::Center)
                    .set_background_color("#DDEBF7"),
            ),
            title: XFormat::new().set_bold().set_font_size(14),
            cell: border(XFormat::new()),
            number: border(XFormat::new().set_align(FormatAlign::Right)),
            total: border(XFormat::new().set_bold()),
            over: border(
                XFormat::new()
                    .set_align(FormatAlign::Right)
                    .set_font_color("#C00000")
                    .set_bold(),
            ),
        }
    }
}

/// Writes a row of cells: numbers as numbers (so sums work in Excel), the rest as text.
fn write_row(
    ws: &mut Worksheet,
    row: u32,
    cells: &[String],
    st: &Styles,
    bold: bool,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        let col = c as u16;
        match v.parse::<f64>() {
            Ok(n) if c >= 2 => {
                // The last column of a usage row is "over": mark it when not zero.
                let f = if c == cells.len() - 1 && n > 0.0 {
                    &st.over
                } else {
                    &st.number
                };
                ws.write_number_with_format(row, col, n, f)?;
            }
            _ => {
                let f = if bold { &st.total } else { &st.cell };
                ws.write_string_with_format(row, col, crate::base::safe_text::xlsx_text(v), f)?;
            }
        }
    }
    Ok(())
}

fn write_header(
    ws: &mut Worksheet,
    row: u32,
    cells: &[&str],
    st: &Styles,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        ws.write_string_with_format(
            row,
            c as u16,
            crate::base::safe_text::xlsx_text(*v),
            &st.header,
        )?;
    }
    Ok(())
}

/// The workbook: a summary sheet (汇总: one row per unit, approved, actual, vacant and over per
/// category, and the leadership team's posts; under it each county's limit against its towns'
/// approved establishment), then one sheet per unit with its ledger tables and
/// its roster. The roster's headers are exactly `bianzhi import`'s, so it imports back.
pub fn workbook_bytes(cx: &ReportCx<'_>) -> Result<Vec<u8>, PackageError> {
    // The sheet being written, to name in an error the library says without one.
    let mut at = String::new();
    build_workbook(cx, &mut at)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(|e| PackageError::in_sheet(e, &at))
}

/// The workbook written to `path`, as `bianzhi report --format xlsx -o path` writes it.
pub fn write_xlsx(cx: &ReportCx<'_>, path: &Path) -> Result<(), Text> {
    let bytes = workbook_bytes(cx).map_err(|e| e.text(&crate::base::fs::display_path(path)))?;
    crate::base::fs::write_output(path, &bytes)
}

fn build_workbook(
    cx: &ReportCx<'_>,
    at: &mut String,
) -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let lang = cx.lang;
    let st = Styles::new();
    let mut wb = Workbook::new();

    let summary = wb.add_worksheet();
    summary.set_name(words::summary(lang))?;
    words::summary(lang).clone_into(at);
    let fixed = [
        words::unit(lang),
        words::unit_id(lang),
        words::as_of(lang),
        words::status(lang),
    ];
    for (c, h) in fixed.iter().enumerate() {
        summary.merge_range(0, c as u16, 1, c as u16, h, &st.header)?;
    }
    let mut col = fixed.len() as u16;
    for cat in Category::ALL {
        summary.merge_range(0, col, 0, col + 3, cat.name(lang), &st.header)?;
        for (i, h) in [
            words::approved(lang),
            words::actual(lang),
            words::vacant(lang),
            words::over(lang),
        ]
        .iter()
        .enumerate()
        {
            summary.write_string_with_format(
                1,
                col + i as u16,
                crate::base::safe_text::xlsx_text(*h),
                &st.header,
            )?;
        }
        col += 4;
    }
    let posts_col = col;
    summary.merge_range(
        0,
        col,
        0,
        col + 1,
        words::leadership_posts(lang),
        &st.header,
    )?;
    summary.write_string_with_format(
        1,
        col,
        crate::base::safe_text::xlsx_text(words::posts_approved(lang)),
        &st.header,
    )?;
    summary.write_string_with_format(
        1,
        col + 1,
        crate::base::safe_text::xlsx_text(words::filled(lang)),
        &st.header,
    )?;
    for (i, l) in cx.ledgers.iter().enumerate() {
        let row = 2 + i as u32;
        let mut cells = vec![
            l.name.clone(),
            l.unit.clone(),
            l.as_of.clone(),
            l.status.name(lang).to_string(),
        ];
        for cat in Category::ALL {
            match &l.county {
                // A county's [quota] is the limit its towns share, not establishment in use: it
                // is given against the towns' approved establishment under this table.
                Some(_) => cells.extend(std::iter::repeat_n(DASH.to_string(), 4)),
                None => {
                    let u = l
                        .totals
                        .categories
                        .iter()
                        .find(|r| r.category == *cat)
                        .map(|r| r.usage)
                        .unwrap_or_default();
                    cells.extend(usage_cells(&u));
                }
            }
        }
        for (c, v) in cells.iter().enumerate() {
            let c = c as u16;
            if v == DASH {
                summary.write_string_with_format(
                    row,
                    c,
                    crate::base::safe_text::xlsx_text(v),
                    &st.cell,
                )?;
            } else if c >= fixed.len() as u16 {
                let n: f64 = v.parse().unwrap_or(0.0);
                let over_col = (c - fixed.len() as u16) % 4 == 3;
                let f = if over_col && n > 0.0 {
                    &st.over
                } else {
                    &st.number
                };
                summary.write_number_with_format(row, c, n, f)?;
            } else {
                summary.write_string_with_format(
                    row,
                    c,
                    crate::base::safe_text::xlsx_text(v),
                    &st.cell,
                )?;
            }
        }
        let approved: u64 = l.leadership.posts.iter().map(|p| p.usage.approved).sum();
        let filled: u64 = l.leadership.posts.iter().map(|p| p.usage.actual).sum();
        summary.write_number_with_format(row, posts_col, approved as f64, &st.number)?;
        summary.write_number_with_format(row, posts_col + 1, filled as f64, &st.number)?;
    }
    // Each county's limit against its towns' approved establishment, as `bianzhi report` prints it.
    let mut row = 2 + cx.ledgers.len() as u32 + 1;
    let counties: Vec<_> = cx
        .ledgers
        .iter()
        .filter_map(|l| l.county.as_ref().map(|c| (l, c)))
        .collect();
    if !counties.is_empty() {
        let mut head = vec![words::unit(lang)];
        head.extend(limit_header(lang));
        write_header(summary, row, &head, &st)?;
        row += 1;
        for (l, c) in counties {
            for r in &c.limit {
                summary.write_string_with_format(
                    row,
                    0,
                    crate::base::safe_text::xlsx_text(&l.name),
                    &st.cell,
                )?;
                summary.write_string_with_format(
                    row,
                    1,
                    crate::base::safe_text::xlsx_text(r.category.name(lang)),
                    &st.cell,
                )?;
                let u = &r.usage;
                for (i, n) in [u.approved, u.actual, u.vacant, u.over].iter().enumerate() {
                    let f = if i == 3 && *n > 0 {
                        &st.over
                    } else {
                        &st.number
                    };
                    summary.write_number_with_format(row, 2 + i as u16, *n as f64, f)?;
                }
                row += 1;
            }
        }
    }
    summary.set_column_width(0, 18)?;
    summary.set_column_width(1, 12)?;
    summary.set_column_width(2, 11)?;
    for c in 3..posts_col + 2 {
        summary.set_column_width(c, 8)?;
    }
    summary.set_freeze_panes(2, 1)?;

    let names = sheet_names(cx.ledgers);
    for ((l, org), name) in cx.ledgers.iter().zip(&cx.ws.orgs).zip(&names) {
        let sheet = wb.add_worksheet();
        sheet.set_name(name)?;
        name.clone_into(at);
        let title = msg::ledger_sheet_title(&l.name, &l.unit, &l.as_of);
        let title = title.get(lang);
        sheet.write_string_with_format(
            0,
            0,
            crate::base::safe_text::xlsx_text(title),
            &st.title,
        )?;
        write_header(sheet, 1, &establishment_header(lang), &st)?;
        let mut row = 2u32;
        let est = establishment_rows(l, lang);
        let totals_from = if l.county.is_some() {
            est.len()
        } else {
            est.len() - l.totals.categories.len()
        };
        for (i, r) in est.iter().enumerate() {
            write_row(sheet, row, r, &st, i >= totals_from)?;
            row += 1;
        }
        if l.totals.outside > 0 {
            sheet.write_string(
                row,
                0,
                crate::base::safe_text::xlsx_text(outside_line(l.totals.outside, lang).trim_end()),
            )?;
            row += 1;
        }
        let posts = post_rows(l, lang);
        if !posts.is_empty() {
            row += 1;
            write_header(sheet, row, &posts_header(lang), &st)?;
            row += 1;
            for r in &posts {
                write_row(sheet, row, r, &st, false)?;
                row += 1;
            }
        }
        if let Some(c) = &l.county {
            row += 1;
            write_header(sheet, row, &limit_header(lang), &st)?;
            row += 1;
            for r in &c.limit {
                let mut rec = vec![r.category.name(lang).to_string()];
                rec.extend(usage_cells(&r.usage));
                for (ci, v) in rec.iter().enumerate() {
                    match v.parse::<f64>() {
                        Ok(n) if ci > 0 => {
                            sheet.write_number_with_format(row, ci as u16, n, &st.number)?
                        }
                        _ => sheet.write_string_with_format(
                            row,
                            ci as u16,
                            crate::base::safe_text::xlsx_text(v),
                            &st.cell,
                        )?,
                    };
                }
                row += 1;
            }
        }
        // The roster header is written even for an empty roster: it imports back as empty.
        {
            row += 1;
            let roster_title = words::roster(lang);
            sheet.write_string_with_format(
                row,
                0,
                crate::base::safe_text::xlsx_text(roster_title),
                &st.title,
            )?;
            row += 1;
            let fields = roster_fields(cx.show_names);
            let headers: Vec<&str> = fields.iter().map(|f| f.header(lang)).collect();
            write_header(sheet, row, &headers, &st)?;
            row += 1;
            for r in roster_rows(org, cx.show_names, lang) {
                for (c, v) in r.iter().enumerate() {
                    // Ids and everything else stay text: 001 must not become 1.
                    sheet.write_string_with_format(
                        row,
                        c as u16,
                        crate::base::safe_text::xlsx_text(v),
                        &st.cell,
                    )?;
                }
                row += 1;
            }
        }
        sheet.set_column_width(0, 26)?;
        sheet.set_column_width(1, 16)?;
        for c in 2..12 {
            sheet.set_column_width(c, 12)?;
        }
        sheet.set_freeze_panes(2, 0)?;
    }
    Ok(wb)
}
