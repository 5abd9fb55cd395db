//! Importing a real-name roster (实名制名册) from a workbook or CSV into an org file's `[[person]]`
//! entries.
//!
//! Three steps, each testable on its own: [`read_xlsx`] / [`read_csv`] give a [`Sheet`] of text
//! cells with their row numbers; [`parse_rows`] maps the columns to person fields against the org
//! file (bodies by id or name, categories, grades, ranks), collecting every row it cannot map; and
//! [`apply`] edits the org file with `toml_edit`, so every other table, comment and the order of
//! the file are kept. The roster sheet `bianzhi report --format xlsx` writes uses exactly
//! [`COLUMNS`]' headers, so a report's roster imports back unchanged.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, Value};

use crate::base::i18n::{msg, Lang, Text};
use crate::model::{says_cs_managed, synonym, Establishment, Grade, OrgFile, Person, Rank};
use crate::text;

/// A person field a column can map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Name,
    Body,
    Establishment,
    FiscallyFunded,
    Title,
    Grade,
    Rank,
    Certified,
    UpperPost,
    Concurrent,
    CsManaged,
    Seconded,
}

/// The roster columns in order: the field, its Chinese header and its English header (the TOML
/// key). Both headers are recognised on import; `report --format xlsx` writes one of them.
pub const COLUMNS: &[(Field, &str, &str)] = &[
    (Field::Id, "人员编号", "id"),
    (Field::Name, "姓名", "name"),
    (Field::Body, "所在机构", "body"),
    (Field::Establishment, "编制类别", "establishment"),
    (Field::FiscallyFunded, "财政供养", "fiscally_funded"),
    (Field::Title, "职务", "title"),
    (Field::Grade, "职务层次", "grade"),
    (Field::Rank, "职级", "rank"),
    (Field::Certified, "执法证", "enforcement_certified"),
    (Field::UpperPost, "上级职务", "upper_post"),
    (Field::Concurrent, "兼任职务", "concurrent"),
    (Field::CsManaged, "参公管理", "cs_managed"),
    (Field::Seconded, "挂职", "seconded"),
];

impl Field {
    /// The TOML key of the field.
    pub fn key(self) -> &'static str {
        COLUMNS.iter().find(|c| c.0 == self).map_or("", |c| c.2)
    }

    /// The column header in `lang`.
    pub fn header(self, lang: Lang) -> &'static str {
        COLUMNS
            .iter()
            .find(|c| c.0 == self)
            .map_or("", |c| lang.select(c.2, c.1))
    }

    /// The field a header (Chinese or English) names by default: [`COLUMNS`]' headers, then the
    /// headers real-name systems (实名制) and personnel spreadsheets use ([`HEADER_ALIASES`]).
    pub fn from_header(h: &str) -> Option<Field> {
        let h = h.trim();
        COLUMNS
            .iter()
            .find(|c| c.1 == h || c.2.eq_ignore_ascii_case(h))
            .map(|c| c.0)
            .or_else(|| {
                // 所在单位（部门）, 编制类型* : the same header with a note or a mark.
                let bare = h
                    .split(['（', '('])
                    .next()
                    .unwrap_or(h)
                    .trim_end_matches(['*', '＊', ' '])
                    .trim();
                HEADER_ALIASES
                    .iter()
                    .find(|(a, _)| *a == bare || *a == h)
                    .map(|(_, f)| *f)
                    .or_else(|| {
                        (bare != h)
                            .then(|| COLUMNS.iter().find(|c| c.1 == bare).map(|c| c.0))
                            .flatten()
                    })
            })
    }
}

/// Headers of the real-name system's (实名制管理信息系统) export and of the spreadsheets offices
/// keep, read without `--map`. A national ID number column (身份证号) is not among them: it is
/// personal information, never a person id (see [`is_national_id`]).
pub const HEADER_ALIASES: &[(&str, Field)] = &[
    ("编号", Field::Id),
    ("工号", Field::Id),
    ("人员代码", Field::Id),
    ("人员编码", Field::Id),
    ("职工编号", Field::Id),
    ("单位", Field::Body),
    ("所在单位", Field::Body),
    ("工作单位", Field::Body),
    ("所在部门", Field::Body),
    ("部门", Field::Body),
    ("机构", Field::Body),
    ("机构名称", Field::Body),
    ("编制类型", Field::Establishment),
    ("编制性质", Field::Establishment),
    ("编制情况", Field::Establishment),
    ("人员类别", Field::Establishment),
    ("是否财政供养", Field::FiscallyFunded),
    ("现任职务", Field::Title),
    ("职务名称", Field::Title),
    ("级别", Field::Grade),
    ("职务级别", Field::Grade),
    ("领导职务层次", Field::Grade),
    ("现职级", Field::Rank),
    ("职级名称", Field::Rank),
    ("是否持证", Field::Certified),
    ("是否持有执法证", Field::Certified),
    ("持证情况", Field::Certified),
    ("执法资格", Field::Certified),
    ("行政执法证", Field::Certified),
    ("兼任", Field::Concurrent),
    ("兼职", Field::Concurrent),
    ("是否参公", Field::CsManaged),
    ("参照公务员法管理", Field::CsManaged),
    ("是否挂职", Field::Seconded),
    ("挂职人员", Field::Seconded),
];

/// Column headers the user maps with `--map "列名=key"`, on top of the default headers.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    extra: BTreeMap<String, Field>,
}

impl Mapping {
    /// Reads `列名=key` options; the key is a person key (`id`, `body`, …) or a default header.
    pub fn parse(specs: &[String]) -> Result<Mapping, Text> {
        let mut extra = BTreeMap::new();
        for s in specs {
            let Some((col, key)) = s.split_once('=') else {
                return Err(text!(
                    "--map `{s}`: expected `column=key`",
                    "--map `{s}`：应为 `列名=键`"
                ));
            };
            let Some(field) = Field::from_header(key) else {
                let keys = COLUMNS.iter().map(|c| c.2).collect::<Vec<_>>().join(", ");
                return Err(text!(
                    "--map `{s}`: unknown key `{key}`; expected one of {keys}",
                    "--map `{s}`：未知的键 `{key}`，应为 {keys} 之一"
                ));
            };
            extra.insert(col.trim().to_string(), field);
        }
        Ok(Mapping { extra })
    }

    /// The field a header maps to: the user's mapping first, then the default headers.
    pub fn field(&self, header: &str) -> Option<Field> {
        self.extra
            .get(header.trim())
            .copied()
            .or_else(|| Field::from_header(header))
    }
}

/// A table of text cells read from a workbook sheet or a CSV file.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name (empty for CSV).
    pub name: String,
    /// Rows with their number as the user sees it (1-based: the spreadsheet row, the CSV line).
    pub rows: Vec<(usize, Vec<String>)>,
}

/// A problem with one row (or the header) of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    /// Column letter and header, where one column is at fault.
    pub column: Option<(String, String)>,
    pub message: Text,
}

impl RowError {
    /// "row 5, column C (所在机构): …".
    pub fn render(&self, lang: Lang) -> String {
        let row = self.row;
        let place = match (&self.column, lang) {
            (Some((l, h)), Lang::En) => format!("row {row}, column {l} ({h})"),
            (Some((l, h)), Lang::Zh) => format!("第 {row} 行 {l} 列（{h}）"),
            (None, Lang::En) => format!("row {row}"),
            (None, Lang::Zh) => format!("第 {row} 行"),
        };
        let sep = if lang == Lang::Zh { "：" } else { ": " };
        format!("{place}{sep}{}", self.message.get(lang))
    }
}

/// Spreadsheet column letters: 0 → A, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// Whether a cell's text is one of the error values Excel and WPS show (and write into CSV).
fn is_excel_error(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_uppercase().as_str(),
        "#N/A"
            | "#DIV/0!"
            | "#REF!"
            | "#VALUE!"
            | "#NAME?"
            | "#NUM!"
            | "#NULL!"
            | "#SPILL!"
            | "#CALC!"
            | "#GETTING_DATA"
            | "#FIELD!"
            | "#BLOCKED!"
            | "#UNKNOWN!"
            | "#BUSY!"
    )
}

fn cell_text(d: &calamine::Data) -> String {
    match d {
        // Employee numbers are often stored as numbers: 1001, not 1001.0.
        calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        calamine::Data::Empty => String::new(),
        // A date cell is its date, never the serial number Excel stores.
        calamine::Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        other => other.to_string(),
    }
    .trim()
    .to_string()
}

/// Reads a sheet of a workbook (xlsx, xls, ods). Without `sheet`: the first sheet named one of
/// `prefer` (the unit id, then `id as_of`), or starting with the unit id, or else any sheet that
/// has a roster header row.
pub fn read_xlsx(
    path: &Path,
    sheet: Option<&str>,
    prefer: &[String],
    mapping: &Mapping,
) -> Result<Sheet, Text> {
    let shown = crate::base::fs::display_path(path);
    // A FIFO or device named *.xlsx is refused before the workbook reader opens it.
    let (_, len) = crate::base::fs::open_regular(path).map_err(|e| e.message(&shown))?;
    if len > crate::base::fs::max_file_size() {
        return Err(crate::base::fs::ReadError::TooLarge(len).message(&shown));
    }
    if let Ok(file) = std::fs::File::open(path) {
        refuse_inflating(file, &shown)?;
    }
    let wb = calamine::open_workbook_auto(path).map_err(|e| cannot_read_workbook(&shown, &e))?;
    read_sheets(wb, &shown, sheet, prefer, mapping)
}

/// [`read_xlsx`] of a workbook already read (the offline page), shown as `shown`.
pub fn read_xlsx_bytes(
    shown: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    prefer: &[String],
    mapping: &Mapping,
) -> Result<Sheet, Text> {
    if bytes.len() as u64 > crate::base::fs::max_file_size() {
        return Err(crate::base::fs::ReadError::TooLarge(bytes.len() as u64).message(shown));
    }
    refuse_inflating(std::io::Cursor::new(&bytes), shown)?;
    let wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| cannot_read_workbook(shown, &e))?;
    read_sheets(wb, shown, sheet, prefer, mapping)
}

fn cannot_read_workbook(shown: &str, e: &calamine::Error) -> Text {
    text!(
        "{shown}: cannot read the workbook: {e}",
        "{shown}：无法读取工作簿：{e}"
    )
}

/// The roster sheet of an open workbook (see [`read_xlsx`]).
fn read_sheets<RS: std::io::Read + std::io::Seek>(
    mut wb: calamine::Sheets<RS>,
    shown: &str,
    sheet: Option<&str>,
    prefer: &[String],
    mapping: &Mapping,
) -> Result<Sheet, Text> {
    use calamine::Reader;
    let names = wb.sheet_names();
    let candidates: Vec<String> = match sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
                let all = names.join(", ");
                return Err(text!(
                    "{shown}: no sheet named `{s}` (sheets: {all})",
                    "{shown}：没有名为 `{s}` 的工作表（工作表：{all}）"
                ));
            }
            vec![s.to_string()]
        }
        None => {
            // The sheet of this very snapshot first (`id as_of`, as the report names it when a
            // unit has several), then the unit's.
            let mut c: Vec<String> = prefer
                .iter()
                .filter_map(|p| names.iter().find(|n| *n == p).cloned())
                .collect();
            let prefer = prefer.first().map_or("", String::as_str);
            c.extend(
                names
                    .iter()
                    .filter(|n| n.starts_with(&format!("{prefer} ")))
                    .cloned(),
            );
            c.extend(names.iter().cloned());
            c
        }
    };
    for name in &candidates {
        let range = wb.worksheet_range(name).map_err(|e| {
            text!(
                "{shown}: cannot read sheet `{name}`: {e}",
                "{shown}：无法读取工作表 `{name}`：{e}"
            )
        })?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        // A formula whose result was never computed (a workbook written by a program, not saved
        // by Excel) reads as an empty cell: say so instead of importing nothing.
        if let Ok(formulas) = wb.worksheet_formula(name) {
            for (r, c, f) in formulas.used_cells() {
                let (fr, fc) = formulas.start().unwrap_or((0, 0));
                let (row, col) = (fr + r as u32, fc + c as u32);
                let empty = range
                    .get_value((row, col))
                    .is_none_or(|v| matches!(v, calamine::Data::Empty));
                if !f.is_empty() && empty {
                    let cell = format!("{}{}", column_letter(col as usize), row + 1);
                    return Err(text!(
                        "{shown}: sheet `{name}`, cell {cell} holds a formula (={f}) without a computed value; open and save the workbook in Excel or WPS, or paste the values",
                        "{shown}：工作表 `{name}` 的 {cell} 单元格是公式（={f}），但没有计算结果；请用 Excel 或 WPS 打开并保存该工作簿，或改为粘贴数值"
                    ));
                }
            }
        }
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            // Cells left of the used range are empty: keep columns aligned with the letters.
            let mut cells = vec![String::new(); c0 as usize];
            cells.extend(row.iter().map(cell_text));
            rows.push((r0 as usize + i + 1, cells));
        }
        let sheet = Sheet {
            name: name.clone(),
            rows,
        };
        if find_header(&sheet, mapping).is_some() || candidates.len() == 1 {
            return Ok(sheet);
        }
    }
    Err(text!(
        "{shown}: no sheet has a roster header row (a column `人员编号` or `id`)",
        "{shown}：没有工作表含名册表头（`人员编号` 或 `id` 列）"
    ))
}

/// How far a workbook may inflate when unpacked, as a multiple of the file size limit: an xlsx is
/// a zip archive, and a few kilobytes of it can unpack to gigabytes (a "zip bomb").
const INFLATE_FACTOR: u64 = 4;

/// Refuses a zip-based workbook (xlsx, xlsm, ods) whose entries declare more than the limit
/// unpacked, before any of it is inflated. Other files (xls) are left to the workbook reader.
fn refuse_inflating(file: impl std::io::Read + std::io::Seek, shown: &str) -> Result<(), Text> {
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return Ok(());
    };
    let limit = crate::base::fs::max_file_size().saturating_mul(INFLATE_FACTOR);
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
        if total > limit {
            let mib = limit / (1024 * 1024);
            if crate::base::i18n::on_page() {
                return Err(crate::base::i18n::page::workbook_inflates(shown, mib));
            }
            return Err(text!(
                "{shown}: the workbook unpacks to more than {mib} MiB; it is refused before it is read (raise the limit with --max-file-size if it is genuine)",
                "{shown}：该工作簿解压后超过 {mib} MiB，未予读取（如确属正常文件，可用 --max-file-size 提高限制）"
            ));
        }
    }
    Ok(())
}

/// The text of a CSV file: UTF-8 when it has a UTF-8 byte-order mark or is valid UTF-8, else
/// GB18030 (a superset of GBK and GB2312), which Excel and WPS on Chinese Windows write by
/// default. Bytes that are not GB18030 either are an error, not replaced.
pub fn decode_csv(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// Reads a CSV file: UTF-8 (with or without a byte-order mark) or GBK/GB18030 ([`decode_csv`]).
pub fn read_csv(path: &Path) -> Result<Sheet, Text> {
    let shown = crate::base::fs::display_path(path);
    let bytes = crate::base::fs::read_bytes(path).map_err(|e| e.message(&shown))?;
    read_csv_bytes(&shown, bytes)
}

/// [`read_csv`] of a file already read (the offline page), shown as `shown`.
pub fn read_csv_bytes(shown: &str, bytes: Vec<u8>) -> Result<Sheet, Text> {
    let text = decode_csv(&bytes).ok_or_else(|| {
        text!(
            "{shown}: the file is neither UTF-8 nor GBK/GB18030 text (save the CSV as UTF-8)",
            "{shown}：文件既不是 UTF-8 也不是 GBK/GB18030 文本（请以 UTF-8 编码保存 CSV）"
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv reader's line numbers go wrong with Windows line ends (what Excel and WPS write),
    // and a record's byte offset there may fall on the `\n` of the line end before it. A record's
    // line is counted here from its first byte that is not a line end: the `\n`s before it, plus
    // one. Records come in order, so each count goes on from the previous one.
    let bytes = text.as_bytes();
    let mut counted = (0usize, 1usize);
    let mut line_of = |byte: u64| {
        let mut at = usize::try_from(byte).map_or(bytes.len(), |b| b.min(bytes.len()));
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at < counted.0 {
            counted = (0, 1);
        }
        counted.1 += bytes[counted.0..at].iter().filter(|&&b| b == b'\n').count();
        counted.0 = at;
        counted.1
    };
    for rec in reader.records() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_of(p.byte()));
                return Err(text!(
                    "{shown}: line {line}: not valid CSV: {e}",
                    "{shown}：第 {line} 行：CSV 格式错误：{e}"
                ));
            }
        };
        let line = rec.position().map_or(rows.len() + 1, |p| line_of(p.byte()));
        rows.push((line, rec.iter().map(|c| c.trim().to_string()).collect()));
    }
    Ok(Sheet {
        name: String::new(),
        rows,
    })
}

/// The index (in `sheet.rows`) of the header row: the first row with a cell naming the id, else
/// (a roster without an id column, said by [`parse_rows`]) the first row naming three fields or
/// a national ID number column. Exports often put a title and a date above the header.
fn header_row(sheet: &Sheet, mapping: &Mapping) -> Option<usize> {
    let with_id = sheet.rows.iter().position(|(_, cells)| {
        cells
            .iter()
            .any(|c| !c.is_empty() && mapping.field(c) == Some(Field::Id))
    });
    with_id.or_else(|| {
        sheet.rows.iter().position(|(_, cells)| {
            let fields: HashSet<Field> = cells.iter().filter_map(|c| mapping.field(c)).collect();
            fields.len() >= 3 || cells.iter().any(|c| is_id_number_header(c))
        })
    })
}

/// The header of a roster: one row, or two where the export groups columns under merged cells
/// (`编制情况` over `编制类型` and `是否参公`, `姓名` merged down over both rows).
#[derive(Debug, Clone)]
struct Header {
    /// The header's rows as read (one or two), for telling a header repeated on a later page.
    rows: Vec<Vec<String>>,
    /// The number of the header's last row, for what is wrong with the header as a whole.
    row: usize,
    /// Each column's header and the number of the row it is on; empty where a column has none.
    cells: Vec<(usize, String)>,
    /// The index in `sheet.rows` of the first row below the header.
    below: usize,
}

/// The roster's header ([`header_row`], with the row above or below it where the two make one
/// header of merged cells).
fn find_header(sheet: &Sheet, mapping: &Mapping) -> Option<Header> {
    let h = header_row(sheet, mapping)?;
    let (no, cells) = &sheet.rows[h];
    let two = |(up_no, upper): &(usize, Vec<String>), (low_no, lower): &(usize, Vec<String>)| {
        let width = upper.len().max(lower.len());
        let cells = (0..width)
            .map(|i| match lower.get(i).filter(|v| !v.is_empty()) {
                Some(v) => (*low_no, v.clone()),
                None => (*up_no, upper.get(i).cloned().unwrap_or_default()),
            })
            .collect();
        (vec![upper.clone(), lower.clone()], cells)
    };
    if let Some(above) = h.checked_sub(1).map(|a| &sheet.rows[a]) {
        if is_upper_header(&above.1, cells, mapping) {
            let (rows, cells) = two(above, &sheet.rows[h]);
            return Some(Header {
                rows,
                row: *no,
                cells,
                below: h + 1,
            });
        }
    }
    if let Some(next) = sheet.rows.get(h + 1) {
        if is_lower_header(cells, &next.1, mapping) {
            let (rows, cells) = two(&sheet.rows[h], next);
            return Some(Header {
                rows,
                row: next.0,
                cells,
                below: h + 2,
            });
        }
    }
    Some(Header {
        rows: vec![cells.clone()],
        row: *no,
        cells: cells.iter().map(|c| (*no, c.clone())).collect(),
        below: h + 1,
    })
}

/// Whether `upper` is the first row of a two-row header whose second row is `lower`: it names a
/// field over a column `lower` leaves empty (a header merged down over both rows). A title above
/// the header names none.
fn is_upper_header(upper: &[String], lower: &[String], mapping: &Mapping) -> bool {
    upper.iter().enumerate().any(|(i, u)| {
        !u.is_empty() && lower.get(i).is_none_or(String::is_empty) && mapping.field(u).is_some()
    })
}

/// Whether `lower` is the second row of a two-row header whose first row is `upper`: nothing
/// under the id, a field named, and every other cell either a header or under a column `upper`
/// leaves unnamed (a group's sub-columns). A row of data has a value under a named column.
fn is_lower_header(upper: &[String], lower: &[String], mapping: &Mapping) -> bool {
    let named = |i: usize| {
        upper
            .get(i)
            .is_some_and(|u| !u.is_empty() && mapping.field(u).is_some())
    };
    // A group's first column: its header spans the columns to its right, empty in `upper`.
    let group = |i: usize| {
        upper.get(i + 1).is_none_or(String::is_empty)
            && lower.get(i + 1).is_some_and(|v| !v.is_empty())
    };
    let mut fields = false;
    for (i, v) in lower.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
        if named(i) && upper.get(i).and_then(|u| mapping.field(u)) == Some(Field::Id) {
            return false;
        }
        if mapping.field(v).is_some() {
            fields = true;
        } else if named(i) && !group(i) {
            return false;
        }
    }
    fields
}

/// A header naming the national ID number (居民身份证号码) column: 身份证号, 公民身份号码, 证件号码 …
pub fn is_id_number_header(h: &str) -> bool {
    h.contains("身份证")
        || h.contains("身份号码")
        || h.contains("证件号")
        || h.eq_ignore_ascii_case("id_number")
}

/// A national ID number (居民身份证号码) however a spreadsheet writes it: 18 characters (GB
/// 11643-1999: 17 digits and a check character, ISO 7064 MOD 11-2) or the 15 digits of the first
/// generation, in full-width digits too, with spaces or dashes inside, as Excel's `="…"` or after
/// a leading apostrophe. Such a number is personal information and never a person id.
pub fn is_national_id(s: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix("=\"").and_then(|x| x.strip_suffix('"')) {
        t = inner;
    }
    let t = t.trim_start_matches(['\'', '‘', '’']);
    let b: Vec<u8> = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '—' | '‐' | '_'))
        .map(|c| match c {
            // Full-width forms (U+FF10–FF19, Ｘ, ｘ) as their ASCII.
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')).unwrap_or(c),
            'Ｘ' | 'ｘ' => 'X',
            c => c,
        })
        .map(|c| if c.is_ascii() { c as u8 } else { 0 })
        .collect();
    let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    // A plausible birth date: month 01–12, day 01–31.
    let date = |mm: &[u8], dd: &[u8]| {
        let n = |x: &[u8]| u32::from(x[0] - b'0') * 10 + u32::from(x[1] - b'0');
        (1..=12).contains(&n(mm)) && (1..=31).contains(&n(dd))
    };
    match b.len() {
        18 if digits(&b[..17]) => {
            let sum: u32 = b[..17]
                .iter()
                .zip(WEIGHTS)
                .map(|(d, w)| u32::from(d - b'0') * w)
                .sum();
            b[17].to_ascii_uppercase() == CHECK[(sum % 11) as usize]
        }
        // 6 digits of place, YYMMDD, 3 of sequence.
        15 if digits(&b) => date(&b[8..10], &b[10..12]),
        _ => false,
    }
}

/// One person as read from a row. A field is `None` when its cell is empty (or there is no column
/// for it: see [`Parsed::columns`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub row: usize,
    pub id: String,
    pub name: Option<String>,
    /// A body id, or the unit id for the leadership team.
    pub body: String,
    pub establishment: Establishment,
    pub fiscally_funded: Option<bool>,
    pub title: Option<String>,
    pub grade: Option<Grade>,
    pub rank: Option<Rank>,
    pub certified: Option<bool>,
    pub upper_post: Option<String>,
    pub concurrent: Option<Vec<String>>,
    /// 参公: an institution person managed under the Civil Servant Law.
    pub cs_managed: Option<bool>,
    /// 挂职: holds the titles without taking a post (v3).
    pub seconded: Option<bool>,
}

/// What reading a roster gave.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub persons: Vec<Imported>,
    pub errors: Vec<RowError>,
    /// The fields the sheet has a column for: only these are written; the others are left as the
    /// org file has them.
    pub columns: HashSet<Field>,
    /// Headers no field is mapped to (not imported).
    pub ignored: Vec<String>,
    /// Rows below the header that are not persons (totals, the footer), in order.
    pub passed_over: Vec<PassedOver>,
}

/// Why a row below the header is not a person and is passed over (never imported, never an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NotAPerson {
    /// 合计, 总计, 小计: the sums an export puts below its rows (or below each body's).
    Total,
    /// 填表人：, 审核人：, 制表日期：, 单位（盖章）… and what follows them without a person id.
    Footer,
    /// The header again, as an export repeats it on every printed page.
    Header,
    /// Nothing in a column that is imported (a 序号 alone, a note in another column).
    Nothing,
}

/// A row passed over as not a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedOver {
    pub row: usize,
    pub reason: NotAPerson,
    /// The label that tells it (`合计`, `填表人`), where one does.
    pub label: Option<String>,
}

/// What the import passed over as not persons, a line in both languages: how many rows of each
/// kind, the labels that told them and their numbers. `None` when every row was a person.
pub fn passed_over_line(rows: &[PassedOver]) -> Option<Text> {
    // The numbers of at most this many rows of a kind are listed.
    const SHOWN: usize = 8;
    let mut parts = Vec::new();
    for reason in [
        NotAPerson::Total,
        NotAPerson::Footer,
        NotAPerson::Header,
        NotAPerson::Nothing,
    ] {
        let of: Vec<&PassedOver> = rows.iter().filter(|r| r.reason == reason).collect();
        if of.is_empty() {
            continue;
        }
        let mut labels: Vec<&str> = Vec::new();
        for l in of.iter().filter_map(|r| r.label.as_deref()) {
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        let numbers: Vec<usize> = of.iter().map(|r| r.row).collect();
        let at = msg::import_row_numbers(&numbers, SHOWN);
        let n = of.len();
        parts.push(match reason {
            NotAPerson::Total => msg::import_total_rows(n, &labels, &at),
            NotAPerson::Footer => msg::import_footer_rows(n, &labels, &at),
            NotAPerson::Header => msg::import_header_again_rows(n, &at),
            NotAPerson::Nothing => msg::import_empty_rows(n, &at),
        });
    }
    (!parts.is_empty()).then(|| msg::import_not_persons(&parts))
}

/// Labels of the sums below a roster.
const TOTAL_LABELS: &[&str] = &["合计", "总计", "小计", "共计"];

/// Labels of a roster's footer (表尾): who filled it in, who checked it, when, the seal. Those
/// marked `true` are words a footer only uses with a colon (`单位：`, `注：`), so they are
/// recognised only with one.
const FOOTER_LABELS: &[(&str, bool)] = &[
    ("填表人", false),
    ("填报人", false),
    ("制表人", false),
    ("审核人", false),
    ("复核人", false),
    ("审批人", false),
    ("负责人", false),
    ("单位负责人", false),
    ("主要负责人", false),
    ("分管领导", false),
    ("经办人", false),
    ("联系人", false),
    ("联系电话", false),
    ("填表日期", false),
    ("填报日期", false),
    ("制表日期", false),
    ("审核日期", false),
    ("报送日期", false),
    ("导出日期", false),
    ("导出时间", false),
    ("打印日期", false),
    ("打印时间", false),
    ("填表单位", false),
    ("填报单位", false),
    ("制表单位", false),
    ("报送单位", false),
    ("单位（盖章）", false),
    ("（盖章）", false),
    ("盖章", false),
    ("单位", true),
    ("填表", true),
    ("制表", true),
    ("审核", true),
    ("日期", true),
    ("电话", true),
    ("注", true),
    ("备注", true),
    ("说明", true),
];

/// A cell without its spaces (合　计, 填 表 人) and with half-width parentheses made full-width.
fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The row's first non-empty cell as a total or footer label: `合计：12人` → (Total, 合计),
/// `填表人：张某` → (Footer, 填表人), `单位（盖章）` → (Footer, 单位（盖章）).
fn label_of(cells: &[String]) -> Option<(NotAPerson, String)> {
    let first = squeezed(cells.iter().find(|c| !c.trim().is_empty())?);
    let (head, colon) = match first.split_once(['：', ':']) {
        Some((head, _)) => (head, true),
        None => (first.as_str(), false),
    };
    if let Some(t) = TOTAL_LABELS
        .iter()
        .find(|t| head.starts_with(**t) || head.ends_with(**t))
    {
        return Some((NotAPerson::Total, t.to_string()));
    }
    FOOTER_LABELS
        .iter()
        .find(|(l, needs_colon)| {
            (colon || !needs_colon) && (head == *l || head.strip_suffix("（盖章）") == Some(*l))
        })
        .map(|(l, _)| (NotAPerson::Footer, l.to_string()))
}

/// Reads a yes/no cell: 是/否, 有/无, true/false, Y/N, yes/no, 1/0.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "是" | "有" | "true" | "y" | "yes" | "1" | "√" | "持证" | "已持证" | "有证" => {
            Some(true)
        }
        "否" | "无" | "false" | "n" | "no" | "0" | "×" | "未持证" | "无证" | "不持证" => {
            Some(false)
        }
        _ => None,
    }
}

/// Reads a category: either spelling, or the short forms real-name systems use (行政编, 事业编,
/// 工勤, 政法, 编外人员, 参公 …, [`crate::model::SYNONYMS`]).
pub fn parse_establishment(s: &str) -> Option<Establishment> {
    let s = s.trim();
    Establishment::parse(s)
        .or_else(|| synonym(s, &Establishment::accepted()).and_then(Establishment::parse))
}

/// Reads a grade: either spelling, or as personnel systems write it (副科级, 乡科级副职).
pub fn parse_grade(s: &str) -> Option<Grade> {
    let s = s.trim();
    Grade::parse(s).or_else(|| synonym(s, &Grade::accepted()).and_then(Grade::parse))
}

/// "did you mean": the catalog term a value is a synonym of, else the closest spelling.
fn suggestion(v: &str, accepted: &[String]) -> Option<String> {
    synonym(v, accepted)
        .or_else(|| {
            crate::base::i18n::common::closest(v, accepted.iter().flat_map(|a| a.split('/')))
        })
        .map(str::to_string)
}

/// `message`, with a "did you mean" when there is one.
fn with_suggestion(message: Text, v: &str, accepted: &[String]) -> Text {
    match suggestion(v, accepted) {
        Some(c) => with_hint(message, msg::did_you_mean(&c)),
        None => message,
    }
}

/// `message; hint`.
fn with_hint(message: Text, hint: Text) -> Text {
    Text::new(
        format!("{}; {}", message.en, hint.en),
        format!("{}；{}", message.zh, hint.zh),
    )
}

/// Splits a list cell (兼任职务): 、 ， , ； ;
fn split_list(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', '；', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The names a roster may give a body of `org` by, as the real-name system writes them.
struct BodyNames<'a> {
    org: &'a OrgFile,
    /// Body names and aliases (the unit's name for the leadership team), spaces left out; a name
    /// two bodies share matches neither.
    by_name: BTreeMap<String, Vec<&'a str>>,
    /// What a roster calls the unit (清水镇, 清水镇人民政府, 中共清水镇委员会, 清水镇党委 …):
    /// alone, the leadership team; before a body's name, that body. Longest first.
    unit_names: Vec<String>,
}

impl<'a> BodyNames<'a> {
    fn of(org: &'a OrgFile) -> BodyNames<'a> {
        let unit_id = org.unit.id.value.as_str();
        let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        let mut add = |name: &str, id: &'a str| {
            let ids = by_name.entry(squeezed(name)).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        };
        add(&org.unit.name.value, unit_id);
        for b in &org.bodies {
            for name in std::iter::once(&b.name).chain(&b.aliases) {
                add(&name.value, b.id.value.as_str());
            }
        }
        // 清水镇 whether the file names it 清水镇 or 清水 (a 市 or 区 is left as it is named).
        let name = squeezed(&org.unit.name.value);
        let kind = org.unit.kind.value.zh();
        let mut bases = vec![name.clone()];
        if !["镇", "乡", "街道", "县", "市", "区"]
            .iter()
            .any(|k| name.ends_with(k))
        {
            bases.push(format!("{name}{kind}"));
        }
        let mut unit_names: Vec<String> = bases
            .iter()
            .flat_map(|n| {
                [
                    n.clone(),
                    format!("{n}人民政府"),
                    format!("{n}政府"),
                    format!("{n}办事处"),
                    format!("{n}党委"),
                    format!("{n}党委政府"),
                    format!("{n}领导班子"),
                    format!("{n}党政领导班子"),
                    format!("{n}党工委"),
                    format!("{n}委"),
                    format!("{n}委员会"),
                    format!("中共{n}委员会"),
                    format!("中共{n}工作委员会"),
                    format!("中共{n}党委"),
                    format!("中共{n}党工委"),
                    format!("中国共产党{n}委员会"),
                ]
            })
            .collect();
        unit_names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        unit_names.dedup();
        BodyNames {
            org,
            by_name,
            unit_names,
        }
    }

    /// The body id (or the unit id, for the leadership team) `v` names: an id, a name or alias,
    /// the unit as the system writes it, or a name after the unit's (清水镇党政办公室).
    fn find(&self, v: &str) -> Result<&'a str, Text> {
        let unit_id = self.org.unit.id.value.as_str();
        if v == unit_id {
            return Ok(unit_id);
        }
        if let Some(b) = self.org.body(v) {
            return Ok(b.id.value.as_str());
        }
        let name = squeezed(v);
        let named = |n: &str| match self.by_name.get(n).map(Vec::as_slice) {
            Some([one]) => Some(Ok(*one)),
            Some(_) => Some(Err(text!(
                "body name `{v}` is shared by several bodies: give the body id",
                "机构名称 `{v}` 对应多个机构：请填写机构编号"
            ))),
            None => None,
        };
        if let Some(found) = named(&name) {
            return found;
        }
        if self.unit_names.contains(&name) {
            return Ok(unit_id);
        }
        let rests: Vec<&str> = self
            .unit_names
            .iter()
            .filter_map(|u| name.strip_prefix(u.as_str()).filter(|r| !r.is_empty()))
            .collect();
        if let Some(found) = rests.iter().find_map(|r| named(r)) {
            return found;
        }
        let unknown = text!(
            "unknown body `{v}`: not a body id or name in the org file",
            "未知机构 `{v}`：组织文件中没有此编号或名称的机构"
        );
        // A name written a little differently (综合执法局 for 综合行政执法局), with or without the
        // unit's name before it.
        // After the unit's name, only what follows it is compared (清水镇宣传办 is not 清水镇).
        let tried = if rests.is_empty() {
            vec![name.as_str()]
        } else {
            rests
        };
        let closest = tried.into_iter().find_map(|n| {
            crate::base::i18n::common::closest_name(n, self.by_name.keys().map(String::as_str))
        });
        Err(match closest {
            Some(c) => with_hint(unknown, msg::did_you_mean(c)),
            None => unknown,
        })
    }
}

/// Maps the rows below the header to persons of `org`. Bodies are matched by id, else by name (the
/// unit's id or name means the leadership team).
pub fn parse_rows(sheet: &Sheet, mapping: &Mapping, org: &OrgFile) -> Parsed {
    let mut parsed = Parsed::default();
    let Some(header) = find_header(sheet, mapping) else {
        let row = sheet.rows.first().map_or(1, |r| r.0);
        parsed.errors.push(RowError {
            row,
            column: None,
            message: if crate::base::i18n::on_page() {
                crate::base::i18n::page::import_no_header()
            } else {
                text!(
                    "no header row: expected a column `人员编号` (or `id`, or one given with --map)",
                    "未找到表头行：应有 `人员编号`（或 `id`，或用 --map 指定的）列"
                )
            },
        });
        return parsed;
    };
    let header_no = &header.row;
    let below = &sheet.rows[header.below..];
    let mut cols: Vec<(usize, Field, String)> = Vec::new();
    for (i, (row, cell)) in header.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        match mapping.field(cell) {
            Some(f) if cols.iter().any(|c| c.1 == f) => parsed.errors.push(RowError {
                row: *row,
                column: Some((column_letter(i), cell.clone())),
                message: text!(
                    "a second column for `{key}`",
                    "`{key}` 有两列",
                    key = f.key()
                ),
            }),
            Some(f) => cols.push((i, f, cell.clone())),
            None => parsed.ignored.push(cell.clone()),
        }
    }
    // A national ID number is never a person id, nor any other value of the org file: a column
    // of them that is to be imported is refused with the reason, and no value of it is repeated
    // anywhere (not in a message, not in the org file). A roster under `--force` is refused all
    // the same: [`Parsed::columns`] stays empty.
    let id_numbers: Vec<RowError> = cols
        .iter()
        .filter(|(i, _, head)| {
            is_id_number_header(head)
                || below
                    .iter()
                    .any(|(_, cells)| cells.get(*i).is_some_and(|v| is_national_id(v)))
        })
        .map(|(i, _, head)| RowError {
            row: header.cells[*i].0,
            column: Some((column_letter(*i), head.clone())),
            message: msg::import_id_numbers_refused(),
        })
        .collect();
    if !id_numbers.is_empty() {
        parsed.errors.extend(id_numbers);
        return parsed;
    }
    if !cols.iter().any(|c| c.1 == Field::Id) {
        let id_numbers = header
            .cells
            .iter()
            .map(|c| &c.1)
            .find(|c| is_id_number_header(c));
        parsed.errors.push(RowError {
            row: *header_no,
            column: None,
            message: msg::import_no_id_column(id_numbers.map(String::as_str)),
        });
    }
    for required in [Field::Body, Field::Establishment] {
        if !cols.iter().any(|c| c.1 == required) {
            parsed.errors.push(RowError {
                row: *header_no,
                column: None,
                message: if crate::base::i18n::on_page() {
                    crate::base::i18n::page::import_no_column(
                        required.key(),
                        required.header(Lang::Zh),
                    )
                } else {
                    text!(
                        "no column for `{key}` (header `{zh}`; or map one with --map \"列名={key}\")",
                        "缺少 `{zh}` 列（或用 --map \"列名={key}\" 指定）",
                        key = required.key(),
                        zh = required.header(Lang::Zh)
                    )
                },
            });
        }
    }
    if !parsed.errors.is_empty() {
        return parsed;
    }
    parsed.columns = cols.iter().map(|c| c.1).collect();

    let bodies = BodyNames::of(org);
    let id_col = cols.iter().find(|c| c.1 == Field::Id).map(|c| c.0);
    let mut after_footer = false;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (row, cells) in below {
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let row = *row;
        let imported = |i: usize| cols.iter().any(|c| c.0 == i);
        let no_id = id_col.is_none_or(|i| cells.get(i).is_none_or(String::is_empty));
        let passed = if let Some((reason, label)) = label_of(cells) {
            Some((reason, Some(label)))
        } else if cells.iter().filter(|c| !c.is_empty()).count() >= 2
            && header.rows.iter().any(|h| {
                cells
                    .iter()
                    .enumerate()
                    .all(|(i, c)| c.is_empty() || h.get(i) == Some(c))
            })
        {
            Some((NotAPerson::Header, None))
        } else if after_footer && no_id {
            // The lines of a note under 注：, the names under 填表人：.
            Some((NotAPerson::Footer, None))
        } else if !cells
            .iter()
            .enumerate()
            .any(|(i, c)| !c.is_empty() && imported(i))
        {
            Some((NotAPerson::Nothing, None))
        } else {
            None
        };
        if let Some((reason, label)) = passed {
            after_footer |= reason == NotAPerson::Footer;
            parsed.passed_over.push(PassedOver { row, reason, label });
            continue;
        }
        let mut errors = Vec::new();
        // A cell holding an Excel error value (#N/A from a VLOOKUP that found nothing) is no
        // value: refused at its row and column, never imported as text.
        let error_value = |i: usize| cells.get(i).is_some_and(|v| is_excel_error(v));
        let get = |f: Field| -> Option<(&str, String, String)> {
            let (i, _, header) = cols.iter().find(|c| c.1 == f)?;
            let v = cells.get(*i).map_or("", String::as_str);
            (!v.is_empty() && !error_value(*i)).then(|| (v, column_letter(*i), header.clone()))
        };
        let col_of = |f: Field| {
            cols.iter()
                .find(|c| c.1 == f)
                .map(|(i, _, h)| (column_letter(*i), h.clone()))
        };
        let mut err = |f: Field, message: Text| {
            errors.push(RowError {
                row,
                column: col_of(f),
                message,
            })
        };

        for (i, f, _) in cols.iter() {
            if error_value(*i) {
                let v = cells[*i].as_str();
                err(
                    *f,
                    text!(
                        "the cell holds the spreadsheet error {v}, not a value: correct the formula or paste the values",
                        "单元格为表格错误值 {v}，不是数据：请更正公式或改为粘贴数值"
                    ),
                );
            }
        }
        let id = match get(Field::Id) {
            Some((v, _, _)) => v.to_string(),
            None => {
                err(Field::Id, text!("no person id", "缺少人员编号"));
                String::new()
            }
        };
        if !id.is_empty() {
            if let Some(first) = seen.insert(id.clone(), row) {
                err(
                    Field::Id,
                    text!(
                        "person id `{id}` already on row {first}",
                        "人员编号 `{id}` 与第 {first} 行重复"
                    ),
                );
            }
        }
        let body = match get(Field::Body) {
            None => {
                err(Field::Body, text!("no body", "缺少所在机构"));
                String::new()
            }
            Some((v, _, _)) => match bodies.find(v) {
                Ok(id) => id.to_string(),
                Err(message) => {
                    err(Field::Body, message);
                    String::new()
                }
            },
        };
        let establishment = match get(Field::Establishment) {
            None => {
                err(
                    Field::Establishment,
                    text!("no establishment category", "缺少编制类别"),
                );
                None
            }
            Some((v, _, _)) => {
                let e = parse_establishment(v);
                if e.is_none() {
                    err(
                        Field::Establishment,
                        with_suggestion(
                            text!(
                                "unknown establishment category `{v}`; expected 行政编制, 政法专项编制, 事业编制, 机关工勤编制 or 编外 (or 行政编, 政法, 事业编, 工勤, 参公)",
                                "未知编制类别 `{v}`，应为 行政编制、政法专项编制、事业编制、机关工勤编制 或 编外（或简称 行政编、政法、事业编、工勤、参公）"
                            ),
                            v,
                            &Establishment::accepted(),
                        ),
                    );
                }
                e
            }
        };
        let boolean = |f: Field, errs: &mut dyn FnMut(Field, Text)| -> Option<bool> {
            let (v, _, _) = get(f)?;
            let b = parse_bool(v);
            if b.is_none() {
                errs(
                    f,
                    text!(
                        "`{v}` is not yes or no (是/否, 有/无, true/false, Y/N)",
                        "`{v}` 不是 是/否（是/否、有/无、true/false、Y/N）"
                    ),
                );
            }
            b
        };
        let fiscally_funded = boolean(Field::FiscallyFunded, &mut err);
        let certified = boolean(Field::Certified, &mut err);
        let cs_managed = boolean(Field::CsManaged, &mut err);
        let seconded = boolean(Field::Seconded, &mut err);
        let grade = get(Field::Grade).and_then(|(v, _, _)| {
            let g = parse_grade(v);
            if g.is_none() {
                err(
                    Field::Grade,
                    with_suggestion(
                        text!(
                            "unknown grade `{v}`; expected 正处, 副处, 正科, 副科 or 股级 (or 副科级 …)",
                            "未知职务层次 `{v}`，应为 正处、副处、正科、副科 或 股级（或 副科级 等）"
                        ),
                        v,
                        &Grade::accepted(),
                    ),
                );
            }
            g
        });
        let rank = get(Field::Rank).and_then(|(v, _, _)| {
            let r = Rank::parse(v.trim());
            if r.is_none() {
                err(
                    Field::Rank,
                    with_suggestion(
                        text!(
                            "unknown rank `{v}`; expected one of 一级调研员 … 二级科员, or before 2019-06-01 调研员 … 办事员",
                            "未知职级 `{v}`，应为 一级调研员 至 二级科员 之一，2019 年 6 月 1 日前为 调研员 至 办事员 之一"
                        ),
                        v,
                        &Rank::accepted(),
                    ),
                );
            }
            r
        });
        // 参公 in the establishment column: 事业编制 managed under the Civil Servant Law, unless a
        // 参公管理 column says otherwise.
        let cs_managed = cs_managed.or_else(|| {
            get(Field::Establishment)
                .filter(|(v, _, _)| says_cs_managed(v))
                .map(|_| true)
        });
        let text_of = |f: Field| get(f).map(|(v, _, _)| v.to_string());
        match (errors.is_empty(), establishment) {
            (true, Some(establishment)) => parsed.persons.push(Imported {
                row,
                id,
                name: text_of(Field::Name),
                body,
                establishment,
                fiscally_funded,
                title: text_of(Field::Title),
                grade,
                rank,
                certified,
                upper_post: text_of(Field::UpperPost),
                concurrent: text_of(Field::Concurrent).map(|s| split_list(&s)),
                cs_managed,
                seconded,
            }),
            _ => parsed.errors.extend(errors),
        }
    }
    parsed
}

/// What an import changes in the roster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Persons of the file that are not in the import: removed under `--replace`…
    pub removed: usize,
    /// …and kept otherwise.
    pub kept: usize,
    /// Each person added, updated or removed, in the order of the import (removed ones first).
    pub details: Vec<PersonChange>,
}

/// What happens to one person of the org file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Updated,
    Removed,
}

/// One person's change: the keys written, each with its value before and after as TOML text
/// (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChange {
    pub kind: ChangeKind,
    pub id: String,
    pub name: Option<String>,
    pub keys: Keys,
}

/// The keys of a [`PersonChange`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keys {
    /// A new person's keys after `id`, as its line shows them: `name`'s value (personal data,
    /// shown only when asked) apart, the others as one `key = value, …` text. One string a person
    /// rather than one for each key: an import of 100,000 new persons held 50 MB of them.
    Added {
        name: Option<Box<str>>,
        rest: Box<str>,
    },
    /// Each key changed, with its value before and after.
    Changed(Vec<(&'static str, Option<String>, Option<String>)>),
}

/// A value as the org file will show it, without its comments.
fn shown(v: &Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string().trim().to_string()
}

impl PersonChange {
    /// One line: `+ X003  body = "dzb", establishment = "行政编制"`, `~ X001  grade: "副科" → "正科"`,
    /// `- X009`. Names (personal data) only with `show_names`.
    pub fn render(&self, lang: Lang, show_names: bool) -> String {
        let mark = match self.kind {
            ChangeKind::Added => '+',
            ChangeKind::Updated => '~',
            ChangeKind::Removed => '-',
        };
        let mut line = format!("{mark} {}", self.id);
        if let (true, Some(n)) = (show_names, &self.name) {
            line.push_str(&format!(" ({n})"));
        }
        let absent = msg::import_absent().get(lang).to_string();
        let value = |key: &str, v: &Option<String>| match v {
            Some(_) if key == "name" && !show_names => "…".to_string(),
            Some(v) => v.clone(),
            None => absent.clone(),
        };
        let keys: Vec<String> = match &self.keys {
            Keys::Added { name, rest } => {
                let name = name.as_ref().map(|n| {
                    let n = Some(n.to_string());
                    format!("name = {}", value("name", &n))
                });
                name.into_iter()
                    .chain((!rest.is_empty()).then(|| rest.to_string()))
                    .collect()
            }
            Keys::Changed(keys) => keys
                .iter()
                .map(|(key, old, new)| format!("{key}: {} → {}", value(key, old), value(key, new)))
                .collect(),
        };
        if !keys.is_empty() {
            line.push_str("  ");
            line.push_str(&keys.join(if matches!(self.keys, Keys::Added { .. }) {
                ", "
            } else {
                "; "
            }));
        }
        line
    }
}

impl Changes {
    pub fn render(&self, lang: Lang) -> String {
        let Changes {
            added,
            updated,
            unchanged,
            removed,
            kept,
            ..
        } = *self;
        crate::base::i18n::msg::import_changes(added, updated, unchanged, removed, kept)
            .get(lang)
            .to_string()
    }
}

/// Whether an existing value already says `new` (a catalog value in either spelling counts as the
/// same), so the file's own spelling and comments are kept.
fn same_value(old: &Value, new: &Value, field: Field) -> bool {
    match (old, new) {
        (Value::String(a), Value::String(b)) => {
            let (a, b) = (a.value().as_str(), b.value().as_str());
            match field {
                Field::Establishment => Establishment::parse(a) == Establishment::parse(b),
                Field::Grade => Grade::parse(a) == Grade::parse(b),
                Field::Rank => Rank::parse(a) == Rank::parse(b),
                _ => a == b,
            }
        }
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b.iter())
                    .all(|(x, y)| x.as_str().is_some() && x.as_str() == y.as_str())
        }
        _ => false,
    }
}

/// Sets (or with `None` removes) one key, keeping the old value's comments; true when it changed.
fn set(t: &mut Table, field: Field, new: Option<Value>) -> bool {
    let key = field.key();
    match (t.get_mut(key), new) {
        (Some(item), Some(mut new)) => {
            if let Some(old) = item.as_value() {
                if same_value(old, &new, field) {
                    return false;
                }
                *new.decor_mut() = old.decor().clone();
            }
            *item = Item::Value(new);
            true
        }
        (None, Some(new)) => {
            t.insert(key, Item::Value(new));
            true
        }
        (Some(_), None) => {
            t.remove(key);
            true
        }
        (None, None) => false,
    }
}

/// How an org file spells catalog values (both spellings are valid), key by key: as its persons
/// write that key; for a key no person has yet, as the file writes the same catalog elsewhere
/// (the unit's and the bodies' `grade` and `posts` for grades, the `quota` and `staff` keys for
/// categories); failing both, as the file writes its other catalog values (kinds, status). So a
/// file written in Chinese gets Chinese values, and a file that writes its grades in Chinese and
/// its categories in English (as `bianzhi init` does) gets both its way. Ranks, which FORMAT.md
/// documents by their Chinese names, are Chinese unless the persons write them in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spelling {
    pub establishment: Lang,
    pub grade: Lang,
    pub rank: Lang,
}

/// How often a file writes a catalog value in English and in Chinese.
#[derive(Debug, Clone, Copy, Default)]
struct Spelled {
    en: usize,
    zh: usize,
}

impl Spelled {
    fn count(&mut self, s: &str) {
        if s.is_ascii() {
            self.en += 1;
        } else {
            self.zh += 1;
        }
    }

    fn add(self, o: Spelled) -> Spelled {
        Spelled {
            en: self.en + o.en,
            zh: self.zh + o.zh,
        }
    }

    /// The spelling most used; `otherwise` where the file gives no sign either way.
    fn or(self, otherwise: Lang) -> Lang {
        match (self.en, self.zh) {
            (0, 0) => otherwise,
            (en, zh) if zh > en => Lang::Zh,
            _ => Lang::En,
        }
    }
}

impl Spelling {
    /// Reads the spelling of `doc`. English where the file gives no sign either way.
    pub fn of(doc: &DocumentMut) -> Spelling {
        // Per catalog: the persons' key, then the same catalog elsewhere; and the file's other
        // catalog values.
        let (mut est, mut est_elsewhere) = (Spelled::default(), Spelled::default());
        let (mut grade, mut grade_elsewhere) = (Spelled::default(), Spelled::default());
        let (mut rank, mut other) = (Spelled::default(), Spelled::default());
        let keys = |t: Option<&Item>, c: &mut Spelled| {
            if let Some(t) = t.and_then(Item::as_table_like) {
                for (k, _) in t.iter().filter(|(k, _)| *k != "posts") {
                    c.count(k);
                }
            }
        };
        let str_of = |t: Option<&Item>, key: &str| {
            t.and_then(|t| t.get(key))
                .and_then(Item::as_str)
                .map(str::to_string)
        };
        let root = doc.as_table();
        let unit = root.get("unit");
        for key in ["kind", "status"] {
            if let Some(v) = str_of(unit, key) {
                other.count(&v);
            }
        }
        if let Some(v) = str_of(unit, "grade") {
            grade_elsewhere.count(&v);
        }
        let quota = root.get("quota");
        keys(quota, &mut est_elsewhere);
        keys(quota.and_then(|q| q.get("posts")), &mut grade_elsewhere);
        if let Some(bodies) = root.get("body").and_then(Item::as_array_of_tables) {
            for b in bodies.iter() {
                if let Some(v) = b.get("kind").and_then(Item::as_str) {
                    other.count(v);
                }
                if let Some(v) = b.get("grade").and_then(Item::as_str) {
                    grade_elsewhere.count(v);
                }
                keys(b.get("quota"), &mut est_elsewhere);
                keys(b.get("staff"), &mut est_elsewhere);
                keys(b.get("posts"), &mut grade_elsewhere);
            }
        }
        if let Some(persons) = root.get("person").and_then(Item::as_array_of_tables) {
            for p in persons.iter() {
                for (key, c) in [
                    ("establishment", &mut est),
                    ("grade", &mut grade),
                    ("rank", &mut rank),
                ] {
                    if let Some(v) = p.get(key).and_then(Item::as_str) {
                        c.count(v);
                    }
                }
            }
        }
        let whole = other
            .add(est)
            .add(est_elsewhere)
            .add(grade)
            .add(grade_elsewhere)
            .or(Lang::En);
        Spelling {
            establishment: est.or(est_elsewhere.or(whole)),
            grade: grade.or(grade_elsewhere.or(whole)),
            rank: rank.or(Lang::Zh),
        }
    }
}

/// The value of each field for one imported person; `None` removes the key. Only fields with a
/// column are written.
fn values(p: &Imported, spelling: Spelling) -> Vec<(Field, Option<Value>)> {
    let s = |v: &Option<String>| v.as_deref().map(Value::from);
    // `fiscally_funded` is written only where it differs from the category's default.
    let funded = p
        .fiscally_funded
        .filter(|f| *f != p.establishment.funded_by_default())
        .map(Value::from);
    vec![
        (Field::Name, s(&p.name)),
        (Field::Body, Some(Value::from(p.body.as_str()))),
        (
            Field::Establishment,
            Some(Value::from(p.establishment.name(spelling.establishment))),
        ),
        (Field::FiscallyFunded, funded),
        (Field::Title, s(&p.title)),
        (
            Field::Grade,
            p.grade.map(|g| Value::from(g.name(spelling.grade))),
        ),
        (
            Field::Rank,
            p.rank.map(|r| Value::from(r.name(spelling.rank))),
        ),
        (Field::Certified, p.certified.map(Value::from)),
        (Field::UpperPost, s(&p.upper_post)),
        (
            Field::Concurrent,
            p.concurrent
                .as_ref()
                .filter(|c| !c.is_empty())
                .map(|c| Value::Array(c.iter().map(String::as_str).collect())),
        ),
        (Field::CsManaged, p.cs_managed.map(Value::from)),
        (Field::Seconded, p.seconded.map(Value::from)),
    ]
}

/// Why the org file could not be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub Text);

/// Edits the `[[person]]` entries of `doc`: a person whose id is in the import is updated in place
/// (keys of fields without a column are left alone), new ones are appended after the last person
/// in the file's own [`Spelling`], persons not in the import are kept, or removed with `replace`.
pub fn apply(doc: &mut DocumentMut, parsed: &Parsed, replace: bool) -> Result<Changes, EditError> {
    let spelling = Spelling::of(doc);
    let mut changes = Changes::default();
    if !doc.contains_key("person") && parsed.persons.is_empty() {
        return Ok(changes);
    }
    let array = person_array(doc)?;
    let imported: HashSet<&str> = parsed.persons.iter().map(|p| p.id.as_str()).collect();
    let id_of = |t: &Table| t.get("id").and_then(Item::as_str).map(str::to_string);
    let name_of = |t: &Table| t.get("name").and_then(Item::as_str).map(str::to_string);
    let outside = |t: &Table| !id_of(t).is_some_and(|id| imported.contains(id.as_str()));
    if replace {
        for t in array.iter().filter(|t| outside(t)) {
            changes.details.push(PersonChange {
                kind: ChangeKind::Removed,
                id: id_of(t).unwrap_or_default(),
                name: name_of(t),
                keys: Keys::Changed(Vec::new()),
            });
        }
        let before = array.len();
        array.retain(|t| !outside(t));
        changes.removed = before - array.len();
    } else {
        changes.kept = array.iter().filter(|t| outside(t)).count();
    }
    // Where each id already is (the first table with it): looking each row up by scanning the
    // array made a 16,000-row import into an empty roster take minutes.
    let mut at: HashMap<String, usize> = HashMap::with_capacity(array.len() + parsed.persons.len());
    for (i, t) in array.iter().enumerate() {
        if let Some(id) = id_of(t) {
            at.entry(id).or_insert(i);
        }
    }
    for p in &parsed.persons {
        let existing = at.get(p.id.as_str()).and_then(|&i| array.get_mut(i));
        match existing {
            Some(t) => {
                let mut keys = Vec::new();
                for (field, v) in values(p, spelling) {
                    if !parsed.columns.contains(&field) {
                        continue;
                    }
                    if field == Field::FiscallyFunded {
                        // Compare what the file means, not what it writes: an explicit value
                        // equal to the default is left as written.
                        let default = p.establishment.funded_by_default();
                        let want = p.fiscally_funded.unwrap_or(default);
                        let has = t
                            .get(field.key())
                            .and_then(Item::as_bool)
                            .unwrap_or(default);
                        if want == has {
                            continue;
                        }
                    }
                    if matches!(field, Field::Certified | Field::CsManaged | Field::Seconded) {
                        // No key means no: a 否 for a key the person does not have (an export
                        // writes 否 in every row), or an empty cell for `false`, changes nothing.
                        let has = t.get(field.key()).and_then(Item::as_bool).unwrap_or(false);
                        let want = v.as_ref().and_then(Value::as_bool).unwrap_or(false);
                        if !has && !want {
                            continue;
                        }
                    }
                    let old = t.get(field.key()).and_then(Item::as_value).map(shown);
                    let new = v.as_ref().map(shown);
                    if set(t, field, v) {
                        keys.push((field.key(), old, new));
                    }
                }
                if keys.is_empty() {
                    changes.unchanged += 1;
                } else {
                    changes.updated += 1;
                    changes.details.push(PersonChange {
                        kind: ChangeKind::Updated,
                        id: p.id.clone(),
                        name: name_of(t).or_else(|| p.name.clone()),
                        keys: Keys::Changed(keys),
                    });
                }
            }
            None => {
                let (t, change) = new_table(p, spelling);
                at.insert(p.id.clone(), array.len());
                array.push(t);
                changes.added += 1;
                changes.details.push(change);
            }
        }
    }
    Ok(changes)
}

/// The file's `[[person]]` tables, an empty array added where it has none.
fn person_array(doc: &mut DocumentMut) -> Result<&mut toml_edit::ArrayOfTables, EditError> {
    let root = doc.as_table_mut();
    if !root.contains_key("person") {
        root.insert("person", Item::ArrayOfTables(Default::default()));
    }
    root.get_mut("person")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(not_tables)
}

fn not_tables() -> EditError {
    EditError(text!(
        "the org file's `person` is not an array of [[person]] tables; write it as [[person]] tables to import into it",
        "组织文件中的 `person` 不是 [[person]] 表数组；请改写为 [[person]] 表后再导入"
    ))
}

/// A new person's `[[person]]` table in the file's spelling, and its line in the change list.
fn new_table(p: &Imported, spelling: Spelling) -> (Table, PersonChange) {
    let mut t = Table::new();
    t.insert("id", Item::Value(Value::from(p.id.as_str())));
    let (mut name, mut rest) = (None, String::new());
    for (field, v) in values(p, spelling) {
        if let Some(v) = v {
            if field == Field::Name {
                name = Some(shown(&v).into_boxed_str());
            } else {
                if !rest.is_empty() {
                    rest.push_str(", ");
                }
                rest.push_str(field.key());
                rest.push_str(" = ");
                rest.push_str(&shown(&v));
            }
            t.insert(field.key(), Item::Value(v));
        }
    }
    t.decor_mut().set_prefix("\n");
    let change = PersonChange {
        kind: ChangeKind::Added,
        id: p.id.clone(),
        name: p.name.clone(),
        keys: Keys::Added {
            name,
            rest: rest.into_boxed_str(),
        },
    };
    (t, change)
}

/// [`apply`] where every imported person is new (no id already in the file, none twice, nothing
/// removed), giving the edited text without a document table for each new person: `toml_edit`
/// holds about 2 KB for each, which made an import of 100,000 rows take 400 MiB. The text is
/// byte for byte what [`apply`] and `doc.to_string()` give: two marker persons are appended to
/// `doc` and rendered, which shows where the new tables go and what comes before each (the
/// `[[person]]` header with its decoration); each new person is then written there as `toml_edit`
/// writes a table's body. `parsed.persons` is emptied as they are written.
///
/// `None` (and `doc`, `parsed` as they were) where that does not hold; the caller then uses
/// [`apply`].
pub fn append(
    doc: &mut DocumentMut,
    parsed: &mut Parsed,
    replace: bool,
) -> Result<Option<(String, Changes)>, EditError> {
    if parsed.persons.is_empty() {
        return Ok(None);
    }
    let spelling = Spelling::of(doc);
    let array = person_array(doc)?;
    let mut ids: HashSet<&str> = HashSet::with_capacity(array.len() + parsed.persons.len());
    for t in array.iter() {
        if let Some(id) = t.get("id").and_then(Item::as_str) {
            ids.insert(id);
        }
    }
    let all_new = parsed.persons.iter().all(|p| ids.insert(p.id.as_str()));
    let kept = array.len();
    drop(ids);
    if !all_new || (replace && kept > 0) {
        return Ok(None);
    }
    let marker = |i: usize| {
        let mut t = Table::new();
        t.insert(
            "id",
            Item::Value(Value::from(format!("bianzhi\u{1}append\u{1}{i}"))),
        );
        t.decor_mut().set_prefix("\n");
        t
    };
    let bodies = [marker(1).to_string(), marker(2).to_string()];
    array.push(marker(1));
    array.push(marker(2));
    let whole = doc.to_string();
    let once = |body: &str| whole.find(body).filter(|&at| whole.rfind(body) == Some(at));
    // [A] [before] marker 1 [before] marker 2 [B]
    let place = once(&bodies[0])
        .zip(once(&bodies[1]))
        .and_then(|(one, two)| {
            let before = whole.get(one + bodies[0].len()..two)?;
            let start = one.checked_sub(before.len())?;
            (whole.get(start..one) == Some(before)).then_some((
                start,
                before,
                two + bodies[1].len(),
            ))
        });
    let Some((start, before, end)) = place else {
        if let Some(array) = doc
            .as_table_mut()
            .get_mut("person")
            .and_then(Item::as_array_of_tables_mut)
        {
            array.remove(array.len() - 1);
            array.remove(array.len() - 1);
            if array.is_empty() && kept == 0 {
                doc.as_table_mut().remove("person");
            }
        }
        return Ok(None);
    };
    let persons = std::mem::take(&mut parsed.persons);
    let mut text = String::with_capacity(whole.len() + persons.len() * (before.len() + 96));
    text.push_str(&whole[..start]);
    let mut changes = Changes {
        kept,
        ..Changes::default()
    };
    for p in persons {
        let (t, change) = new_table(&p, spelling);
        text.push_str(before);
        text.push_str(&t.to_string());
        changes.added += 1;
        changes.details.push(change);
    }
    text.push_str(&whole[end..]);
    Ok(Some((text, changes)))
}

/// The person fields a roster holds, for comparing rosters: (id, name, body, establishment,
/// fiscally funded, title, grade, rank, certified, upper post, concurrent, (参公, 挂职)): the
/// flags paired, since a tuple compares and prints up to 12 fields.
pub type RosterKey = (
    String,
    Option<String>,
    String,
    Establishment,
    bool,
    Option<String>,
    Option<Grade>,
    Option<Rank>,
    Option<bool>,
    Option<String>,
    Vec<String>,
    (Option<bool>, Option<bool>),
);

/// A person's roster fields, without spans.
pub fn roster_key(p: &Person) -> RosterKey {
    (
        p.id.value.clone(),
        p.name.as_ref().map(|n| n.value.clone()),
        p.body.value.clone(),
        p.establishment.value,
        p.fiscally_funded.value,
        p.title.as_ref().map(|t| t.value.clone()),
        p.grade.as_ref().map(|g| g.value),
        p.rank.as_ref().map(|r| r.value),
        p.enforcement_certified.as_ref().map(|c| c.value),
        p.upper_post.as_ref().map(|u| u.value.clone()),
        p.concurrent.iter().map(|c| c.value.clone()).collect(),
        (
            p.cs_managed.as_ref().map(|c| c.value),
            p.seconded.as_ref().map(|c| c.value),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Org files to append to: every example, one without persons, one whose persons are
    /// followed by other tables and comments, one with a spaced `[[ person ]]` header and a
    /// person's sub-table.
    fn append_targets() -> Vec<String> {
        let orgs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("orgs");
        let mut files: Vec<String> = crate::base::walk::discover(&[orgs])
            .found
            .iter()
            .filter_map(|f| std::fs::read_to_string(&f.path).ok())
            .collect();
        let unit = "[unit]\nid = \"t\"\nname = \"镇\"\nkind = \"town\"\nas_of = 2024-01-01\n";
        files.push(format!(
            "{unit}\n[[body]]\nid = \"b\"\n# trailing comment\n"
        ));
        files.push(format!(
            "{unit}[[person]]\nid = \"a\"\n\n[[power]]\nid = \"x\" # after\n\n# end\n"
        ));
        files.push(format!(
            "{unit}[[ person ]]\nid = \"a\"\n[person.extra]\nk = 1\n\n[[body]]\nid = \"b\"\n"
        ));
        files.push(format!("{unit}[[person]]\r\nid = \"a\"\r\n"));
        files
    }

    fn imported() -> impl proptest::strategy::Strategy<Value = Vec<Imported>> {
        use proptest::prelude::*;
        let text = "[a-z甲乙\"'\\\\ \t\n\u{1}\u{7f}\u{202e}]{0,8}";
        let person = (
            text,
            proptest::option::of(text),
            "[a-z]{1,4}",
            proptest::sample::select(Establishment::ALL),
            proptest::option::of(any::<bool>()),
            proptest::option::of(text),
            proptest::option::of(proptest::sample::select(Grade::ALL)),
            proptest::option::of(proptest::sample::select(Rank::ALL)),
            (
                proptest::option::of(any::<bool>()),
                proptest::option::of(text),
                proptest::option::of(proptest::collection::vec(text, 0..3)),
                proptest::option::of(any::<bool>()),
                proptest::option::of(any::<bool>()),
            ),
        );
        proptest::collection::vec(person, 1..6).prop_map(|ps| {
            ps.into_iter()
                .enumerate()
                .map(
                    |(i, (id, name, body, est, funded, title, grade, rank, more))| Imported {
                        row: i + 2,
                        id: format!("new{i}{id}"),
                        name,
                        body,
                        establishment: est,
                        fiscally_funded: funded,
                        title,
                        grade,
                        rank,
                        certified: more.0,
                        upper_post: more.1,
                        concurrent: more.2,
                        cs_managed: more.3,
                        seconded: more.4,
                    },
                )
                .collect()
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// New persons written as text are byte for byte what the edited document writes, with
        /// the same change list.
        #[test]
        fn appending_as_text_is_editing_the_document(persons in imported()) {
            for original in append_targets() {
                let parsed = Parsed { persons: persons.clone(), ..Parsed::default() };
                let mut doc: DocumentMut = original.parse().unwrap();
                let changes = apply(&mut doc, &parsed, false).unwrap();
                let mut fast: DocumentMut = original.parse().unwrap();
                let mut taken = parsed.clone();
                let (text, fast_changes) = append(&mut fast, &mut taken, false).unwrap().unwrap();
                proptest::prop_assert_eq!(&text, &doc.to_string());
                proptest::prop_assert_eq!(&fast_changes, &changes);
                proptest::prop_assert!(taken.persons.is_empty());
            }
        }
    }

    /// A person already in the file, or twice in the import, or `--replace` over persons:
    /// not appending, and the document left as it was.
    #[test]
    fn appending_is_declined_where_it_would_not_be_the_edit() {
        let unit = "[unit]\nid = \"t\"\nname = \"镇\"\nkind = \"town\"\nas_of = 2024-01-01\n";
        let original = format!("{unit}[[person]]\nid = \"a\"\n");
        let person = |id: &str| Imported {
            row: 2,
            id: id.to_string(),
            name: None,
            body: "b".to_string(),
            establishment: Establishment::Administrative,
            fiscally_funded: None,
            title: None,
            grade: None,
            rank: None,
            certified: None,
            upper_post: None,
            concurrent: None,
            cs_managed: None,
            seconded: None,
        };
        for (ids, replace) in [
            (vec!["a"], false),
            (vec!["b", "b"], false),
            (vec!["b"], true),
        ] {
            let mut parsed = Parsed {
                persons: ids.iter().map(|id| person(id)).collect(),
                ..Parsed::default()
            };
            let mut doc: DocumentMut = original.parse().unwrap();
            assert_eq!(append(&mut doc, &mut parsed, replace), Ok(None), "{ids:?}");
            assert_eq!(doc.to_string(), original);
            assert_eq!(parsed.persons.len(), ids.len());
        }
        // `--replace` into a file without persons appends.
        let mut parsed = Parsed {
            persons: vec![person("b")],
            ..Parsed::default()
        };
        let mut doc: DocumentMut = unit.parse().unwrap();
        let (text, changes) = append(&mut doc, &mut parsed, true).unwrap().unwrap();
        assert_eq!(changes.added, 1);
        assert!(
            text.ends_with(
                "\n[[person]]\nid = \"b\"\nbody = \"b\"\nestablishment = \"administrative\"\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn short_forms() {
        assert_eq!(
            parse_establishment("行政"),
            Some(Establishment::Administrative)
        );
        assert_eq!(parse_establishment("工勤"), Some(Establishment::Worker));
        assert_eq!(
            parse_establishment("political_legal"),
            Some(Establishment::PoliticalLegal)
        );
        assert_eq!(parse_establishment("编外"), Some(Establishment::None));
        assert_eq!(parse_establishment("临时"), None);
        assert_eq!(parse_bool("有"), Some(true));
        assert_eq!(parse_bool("N"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
    }

    #[test]
    fn export_headers_and_values() {
        assert_eq!(Field::from_header("单位"), Some(Field::Body));
        assert_eq!(Field::from_header("编制性质"), Some(Field::Establishment));
        assert_eq!(Field::from_header("级别"), Some(Field::Grade));
        assert_eq!(Field::from_header("是否持证"), Some(Field::Certified));
        assert_eq!(Field::from_header("所在单位（部门）"), Some(Field::Body));
        assert_eq!(Field::from_header("编制类型*"), Some(Field::Establishment));
        assert_eq!(Field::from_header("身份证号"), None);
        assert_eq!(parse_grade("副科级"), Some(Grade::DeputySection));
        assert_eq!(parse_grade("乡科级正职"), Some(Grade::Section));
        assert_eq!(parse_grade("科长"), None);
        assert_eq!(
            parse_establishment("参公"),
            Some(Establishment::Institution)
        );
        assert_eq!(
            parse_establishment("事业编"),
            Some(Establishment::Institution)
        );
    }

    #[test]
    fn national_id_numbers_are_recognised_by_their_check_character() {
        assert!(is_national_id("11010519491231002X"));
        // However a spreadsheet writes it.
        assert!(is_national_id("１１０１０５１９４９１２３１００２Ｘ"));
        assert!(is_national_id("110105 19491231 002X"));
        assert!(is_national_id("110105-19491231-002X"));
        assert!(is_national_id("=\"11010519491231002X\""));
        assert!(is_national_id("'11010519491231002X"));
        assert!(is_national_id("110105491231002"));
        assert!(!is_national_id("110105491331002"));
        assert!(!is_national_id("100000000000001"));
        assert!(is_national_id("11010519491231002x"));
        assert!(!is_national_id("110105194912310021"));
        assert!(!is_national_id("X101"));
        assert!(!is_national_id("1101051949123100"));
    }

    #[test]
    fn csv_text_is_utf8_or_gb18030() {
        assert_eq!(
            decode_csv("\u{feff}姓名".as_bytes()).as_deref(),
            Some("姓名")
        );
        let (gbk, _, _) = encoding_rs::GB18030.encode("姓名,单位");
        assert_eq!(decode_csv(&gbk).as_deref(), Some("姓名,单位"));
        // A lone lead byte is neither.
        assert_eq!(decode_csv(b"\x81"), None);
    }

    #[test]
    fn totals_and_footers_are_told_by_their_first_cell() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let label = |cells: &[&str]| label_of(&row(cells));
        let total = |l: &str| Some((NotAPerson::Total, l.to_string()));
        let footer = |l: &str| Some((NotAPerson::Footer, l.to_string()));
        assert_eq!(label(&["", "合计", "", "12"]), total("合计"));
        assert_eq!(label(&["合　计：12人"]), total("合计"));
        assert_eq!(label(&["党政办公室小计"]), total("小计"));
        assert_eq!(label(&["填表人：张某", "审核人："]), footer("填表人"));
        assert_eq!(label(&["填 表 人", "张某"]), footer("填表人"));
        assert_eq!(label(&["单位(盖章)："]), footer("单位（盖章）"));
        assert_eq!(label(&["填报单位（盖章）：清水镇"]), footer("填报单位"));
        assert_eq!(label(&["注：1. 本表由实名制系统导出"]), footer("注"));
        // Words a footer uses only with a colon are not footers without one.
        assert_eq!(label(&["单位", "党政办公室"]), None);
        assert_eq!(label(&["1", "王某", "X101"]), None);
    }

    #[test]
    fn two_header_rows_make_one() {
        let sheet = Sheet {
            name: String::new(),
            rows: vec![
                (1, vec!["人员信息表".to_string()]),
                (
                    2,
                    ["人员编号", "所在单位", "编制情况", "", "备注"]
                        .map(String::from)
                        .to_vec(),
                ),
                (
                    3,
                    ["", "", "编制类型", "是否参公", ""]
                        .map(String::from)
                        .to_vec(),
                ),
                (
                    4,
                    ["X1", "党政办", "行政编", "否", ""]
                        .map(String::from)
                        .to_vec(),
                ),
            ],
        };
        let h = find_header(&sheet, &Mapping::default()).expect("header");
        assert_eq!(h.below, 3);
        let cells: Vec<&str> = h.cells.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(
            cells,
            ["人员编号", "所在单位", "编制类型", "是否参公", "备注"]
        );
        // A first row of data is not a second header row, even without an id.
        let mut data = sheet.clone();
        data.rows[2].1 = ["", "党政办", "行政编", "", ""].map(String::from).to_vec();
        let h = find_header(&data, &Mapping::default()).expect("header");
        assert_eq!(h.below, 2);
    }

    #[test]
    fn body_names_are_suggested_only_where_close() {
        let names = ["党政办公室", "综合行政执法局", "为民服务中心", "清水镇"];
        let closest = |v: &str| crate::base::i18n::common::closest_name(v, names.iter().copied());
        assert_eq!(closest("党政办"), Some("党政办公室"));
        assert_eq!(closest("综合执法局"), Some("综合行政执法局"));
        assert_eq!(closest("为民服务中新"), Some("为民服务中心"));
        assert_eq!(closest("宣传办"), None);
        assert_eq!(closest("办"), None);
    }

    #[test]
    fn mapping() {
        let m = Mapping::parse(&["工号=id".to_string(), "部门=所在机构".to_string()]).unwrap();
        assert_eq!(m.field("工号"), Some(Field::Id));
        assert_eq!(m.field("部门"), Some(Field::Body));
        assert_eq!(m.field("姓名"), Some(Field::Name));
        assert!(Mapping::parse(&["x=nope".to_string()]).is_err());
        assert!(Mapping::parse(&["x".to_string()]).is_err());
    }
}
