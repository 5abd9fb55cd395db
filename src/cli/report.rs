//! `bianzhi report PATH…`: the staffing ledger (编制台账) of every unit — approved, actual, vacant
//! and over per body and category, leadership posts, unit totals, a county's limit — as tables,
//! JSON, CSV or an Excel workbook.
//!
//! The numbers come from [`crate::ledger`]; this file only renders them. A new format is one
//! variant of [`Format`] and one arm in [`render`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use rust_xlsxwriter::{Format as XFormat, FormatAlign, FormatBorder, Workbook, Worksheet};
use tabled::builder::Builder;
use tabled::settings::Style;

use crate::app::Run;
use crate::base::i18n::{Lang, Text};
use crate::cli::{print_stderr, print_stdout, LangArg, EXIT_INPUT, EXIT_OK};
use crate::import::{Field, COLUMNS};
use crate::ledger::{self, CategoryRow, Ledger, PostRow};
use crate::model::{Category, OrgFile};
use crate::report::human;
use crate::text;
use crate::workspace::{self, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for reading in a terminal.
    Human,
    /// One JSON document: `{"version": 1, "units": [ledger…]}`.
    Json,
    /// One flat table, a row per body × category and per body × post grade.
    Csv,
    /// An Excel workbook (needs -o): a summary sheet and a sheet per unit with its roster.
    Xlsx,
    /// One self-contained HTML page: summary, findings, org charts and quota tables.
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Org files and folders (folders: every *.toml with a [unit] table).
    #[arg(default_value = "orgs")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write to this file instead of stdout (required for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of headers and labels (default: from LANG/LC_ALL).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Put people's names in the roster sheet (rosters are personal data).
    #[arg(long)]
    pub show_names: bool,
    /// Rule pack for the findings of the HTML report (as for `check`; repeatable).
    #[arg(long = "rules", value_name = "PACK")]
    pub rules: Vec<String>,
}

/// Everything a format needs: the workspace (for rosters and sources), the ledgers in workspace
/// order (`ledgers[i]` is `ws.orgs[i]`'s), the language and whether names may be shown.
pub struct ReportCx<'a> {
    pub ws: &'a Workspace,
    pub ledgers: &'a [Ledger],
    pub lang: Lang,
    pub show_names: bool,
}

/// What a format produced: text for stdout (or `-o`), or a file it wrote itself.
pub enum Output {
    Text(String),
    Written,
}

pub fn run(args: ReportArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    if let Some(out) = &args.output {
        let packs = if args.format == Format::Html {
            &args.rules[..]
        } else {
            &[]
        };
        let inputs = crate::base::fs::inputs_of(&args.paths, packs);
        if let Err(t) = crate::base::fs::refuse_input_as_output(out, &inputs) {
            print_stderr(&format!("bianzhi: {}\n", t.get(lang)));
            return EXIT_INPUT;
        }
    }
    if args.format == Format::Html {
        return run_html(&args, lang);
    }
    let loaded = workspace::load_paths(&args.paths);
    if !loaded.errors.is_empty() {
        let run = Run {
            ws: &loaded.workspace,
            findings: &[],
            errors: &loaded.errors,
            files_checked: loaded.files_checked,
            lang,
        };
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        crate::cli::print_stderr_human(
            &human::render(&run, human::Style { color, width: 100 }),
            color,
        );
    }
    let ws = &loaded.workspace;
    let ledgers = ledger::ledgers(ws);
    let cx = ReportCx {
        ws,
        ledgers: &ledgers,
        lang,
        show_names: args.show_names,
    };
    let result = render(args.format, &cx, args.output.as_deref()).and_then(|out| match out {
        Output::Text(s) => match &args.output {
            Some(path) => crate::base::fs::write_output(path, s.as_bytes()),
            None => {
                print_stdout(&s);
                Ok(())
            }
        },
        Output::Written => Ok(()),
    });
    match result {
        Err(message) => {
            print_stderr(&format!("bianzhi: {}\n", message.get(lang)));
            EXIT_INPUT
        }
        Ok(()) if !loaded.errors.is_empty() => EXIT_INPUT,
        Ok(()) => EXIT_OK,
    }
}

/// `--format html`: the page checks the files itself, so it shows their findings too.
fn run_html(args: &ReportArgs, lang: Lang) -> u8 {
    let outcome = crate::app::check(&args.paths, &args.rules, false);
    let (page, errors) = crate::report::html::report_html_partial(&outcome, lang);
    let mut code = EXIT_OK;
    if let Some(errors) = errors {
        print_stderr(&errors);
        code = EXIT_INPUT;
    }
    if let Some(page) = page {
        match &args.output {
            Some(path) => {
                if let Err(t) = crate::base::fs::write_output(path, page.as_bytes()) {
                    print_stderr(&format!("bianzhi: {}\n", t.get(lang)));
                    code = EXIT_INPUT;
                }
            }
            None => print_stdout(&page),
        }
    }
    code
}

/// Renders the report in `format`. `output` is the `-o` path, for formats that write files.
pub fn render(format: Format, cx: &ReportCx<'_>, output: Option<&Path>) -> Result<Output, Text> {
    match format {
        Format::Human => Ok(Output::Text(render_human(cx))),
        Format::Json => Ok(Output::Text(render_json(cx))),
        Format::Csv => Ok(Output::Text(render_csv(cx))),
        Format::Xlsx => {
            let Some(path) = output else {
                return Err(text!(
                    "--format xlsx needs an output file: -o FILE.xlsx",
                    "--format xlsx 需要输出文件：-o 文件.xlsx"
                ));
            };
            write_xlsx(cx, path)?;
            Ok(Output::Written)
        }
        Format::Html => Err(text!(
            "the HTML report is written by `bianzhi report --format html`",
            "HTML 报告由 `bianzhi report --format html` 生成"
        )),
    }
}

/// Column headers and labels in both languages.
pub mod words {
    use crate::base::i18n::Lang;

    pub fn get(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    pub fn body(l: Lang) -> &'static str {
        get(l, "body", "机构")
    }
    pub fn category(l: Lang) -> &'static str {
        get(l, "category", "编制类别")
    }
    pub fn approved(l: Lang) -> &'static str {
        get(l, "approved", "核定")
    }
    pub fn actual(l: Lang) -> &'static str {
        get(l, "actual", "实有")
    }
    pub fn vacant(l: Lang) -> &'static str {
        get(l, "vacant", "空编")
    }
    pub fn over(l: Lang) -> &'static str {
        get(l, "over", "超编")
    }
    pub fn grade(l: Lang) -> &'static str {
        get(l, "grade", "职务层次")
    }
    pub fn posts_approved(l: Lang) -> &'static str {
        get(l, "approved posts", "核定职数")
    }
    pub fn filled(l: Lang) -> &'static str {
        get(l, "filled", "实配")
    }
    pub fn posts_vacant(l: Lang) -> &'static str {
        get(l, "vacant", "空缺")
    }
    pub fn posts_over(l: Lang) -> &'static str {
        get(l, "over", "超配")
    }
    pub fn leadership(l: Lang) -> &'static str {
        get(l, "leadership team", "领导班子")
    }
    pub fn unit_total(l: Lang) -> &'static str {
        get(l, "unit total", "全单位合计")
    }
    pub fn dispatched(l: Lang) -> &'static str {
        get(l, " (dispatched)", "（派驻）")
    }
    pub fn unit(l: Lang) -> &'static str {
        get(l, "unit", "单位")
    }
}

/// A body's name as shown: dispatched bodies marked, sub-bodies indented.
fn body_label(b: &ledger::BodyLedger, lang: Lang) -> String {
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

fn usage_cells(u: &ledger::Usage) -> [String; 4] {
    [
        u.approved.to_string(),
        u.actual.to_string(),
        u.vacant.to_string(),
        u.over.to_string(),
    ]
}

fn heading(l: &Ledger, lang: Lang) -> String {
    let status = l.status.name(lang);
    match lang {
        Lang::En => format!(
            "{} ({}), {} {}, {}",
            l.name, l.unit, l.as_of, status, l.file
        ),
        Lang::Zh => format!("{}（{}）{} {}　{}", l.name, l.unit, l.as_of, status, l.file),
    }
}

fn table(builder: Builder) -> String {
    let mut t = builder.build();
    t.with(Style::sharp());
    t.to_string()
}

/// The establishment rows of a ledger: (body label, category, usage), leadership and unit total
/// included (the leadership team has no quota of its own: approved, vacant and over are blank).
fn establishment_rows(l: &Ledger, lang: Lang) -> Vec<[String; 6]> {
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
fn post_rows(l: &Ledger, lang: Lang) -> Vec<[String; 6]> {
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

fn establishment_header(lang: Lang) -> [&'static str; 6] {
    [
        words::body(lang),
        words::category(lang),
        words::approved(lang),
        words::actual(lang),
        words::vacant(lang),
        words::over(lang),
    ]
}

fn posts_header(lang: Lang) -> [&'static str; 6] {
    [
        words::body(lang),
        words::grade(lang),
        words::posts_approved(lang),
        words::filled(lang),
        words::posts_vacant(lang),
        words::posts_over(lang),
    ]
}

fn limit_header(lang: Lang) -> [&'static str; 5] {
    [
        words::category(lang),
        words::get(lang, "county limit", "编制限额"),
        words::get(lang, "towns' quotas", "各镇核定"),
        words::get(lang, "remaining", "余额"),
        words::get(lang, "over the limit", "超限额"),
    ]
}

fn outside_line(n: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("outside the establishment (编外, not counted above): {n}\n"),
        Lang::Zh => format!("编外人员（不占编制，未计入上表）：{n} 人\n"),
    }
}

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

/// `{"version": 1, "units": [...]}`, categories and grades by their English names.
pub fn render_json(cx: &ReportCx<'_>) -> String {
    let doc = serde_json::json!({ "version": 1, "units": cx.ledgers });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn csv_header(lang: Lang) -> [&'static str; 11] {
    [
        words::unit(lang),
        words::get(lang, "as_of", "日期"),
        words::get(lang, "table", "表"),
        words::get(lang, "body_id", "机构编号"),
        words::body(lang),
        words::category(lang),
        words::grade(lang),
        words::approved(lang),
        words::actual(lang),
        words::vacant(lang),
        words::over(lang),
    ]
}

/// One flat table. `table` says what a row is: `establishment` (a body's, the leadership team's —
/// with no approved figure — or the unit's category), `posts` (approved is 核定职数, actual is 实配),
/// `county_limit` (approved is the limit, actual the towns' quotas) or `town` (a town's totals).
/// Category and grade names follow `--lang`.
pub fn render_csv(cx: &ReportCx<'_>) -> String {
    let lang = cx.lang;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(csv_header(lang));
    let t_est = words::get(lang, "establishment", "编制");
    let t_posts = words::get(lang, "posts", "职数");
    let t_town = words::get(lang, "town", "乡镇");
    let t_limit = words::get(lang, "county_limit", "编制限额");
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
    String::from_utf8(bytes).unwrap_or_default()
}

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
    match (b, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
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

fn xlsx_error(path: &Path, e: rust_xlsxwriter::XlsxError) -> Text {
    let shown = crate::base::fs::display_path(path);
    text!("cannot write {shown}: {e}", "无法写入 {shown}：{e}")
}

struct Styles {
    header: XFormat,
    title: XFormat,
    cell: XFormat,
    number: XFormat,
    total: XFormat,
    over: XFormat,
}

impl Styles {
    fn new() -> Self {
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
                ws.write_string_with_format(row, col, v, f)?;
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
        ws.write_string_with_format(row, c as u16, *v, &st.header)?;
    }
    Ok(())
}

/// The workbook: a summary sheet (汇总: one row per unit, approved, actual, vacant and over per
/// category, and the leadership team's posts), then one sheet per unit with its ledger tables and
/// its roster. The roster's headers are exactly `bianzhi import`'s, so it imports back.
pub fn write_xlsx(cx: &ReportCx<'_>, path: &Path) -> Result<(), Text> {
    let mut wb = build_workbook(cx).map_err(|e| xlsx_error(path, e))?;
    let bytes = wb.save_to_buffer().map_err(|e| xlsx_error(path, e))?;
    crate::base::fs::write_output(path, &bytes)
}

fn build_workbook(cx: &ReportCx<'_>) -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let lang = cx.lang;
    let st = Styles::new();
    let mut wb = Workbook::new();

    let summary = wb.add_worksheet();
    summary.set_name(words::get(lang, "summary", "汇总"))?;
    let fixed = [
        words::unit(lang),
        words::get(lang, "unit id", "单位编号"),
        words::get(lang, "as of", "日期"),
        words::get(lang, "status", "状态"),
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
            summary.write_string_with_format(1, col + i as u16, *h, &st.header)?;
        }
        col += 4;
    }
    let posts_col = col;
    summary.merge_range(
        0,
        col,
        0,
        col + 1,
        words::get(lang, "leadership posts", "领导职数"),
        &st.header,
    )?;
    summary.write_string_with_format(1, col, words::posts_approved(lang), &st.header)?;
    summary.write_string_with_format(1, col + 1, words::filled(lang), &st.header)?;
    for (i, l) in cx.ledgers.iter().enumerate() {
        let row = 2 + i as u32;
        let mut cells = vec![
            l.name.clone(),
            l.unit.clone(),
            l.as_of.clone(),
            l.status.name(lang).to_string(),
        ];
        let rows: &[CategoryRow] = match &l.county {
            Some(c) => &c.limit,
            None => &l.totals.categories,
        };
        for cat in Category::ALL {
            let u = rows
                .iter()
                .find(|r| r.category == *cat)
                .map(|r| r.usage)
                .unwrap_or_default();
            cells.extend(usage_cells(&u));
        }
        for (c, v) in cells.iter().enumerate() {
            let c = c as u16;
            if c >= fixed.len() as u16 {
                let n: f64 = v.parse().unwrap_or(0.0);
                let over_col = (c - fixed.len() as u16) % 4 == 3;
                let f = if over_col && n > 0.0 {
                    &st.over
                } else {
                    &st.number
                };
                summary.write_number_with_format(row, c, n, f)?;
            } else {
                summary.write_string_with_format(row, c, v, &st.cell)?;
            }
        }
        let approved: u64 = l.leadership.posts.iter().map(|p| p.usage.approved).sum();
        let filled: u64 = l.leadership.posts.iter().map(|p| p.usage.actual).sum();
        summary.write_number_with_format(row, posts_col, approved as f64, &st.number)?;
        summary.write_number_with_format(row, posts_col + 1, filled as f64, &st.number)?;
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
        let title = match lang {
            Lang::En => format!("staffing ledger of {} ({}), {}", l.name, l.unit, l.as_of),
            Lang::Zh => format!("{}编制台账（{}）", l.name, l.as_of),
        };
        sheet.write_string_with_format(0, 0, &title, &st.title)?;
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
            sheet.write_string(row, 0, outside_line(l.totals.outside, lang).trim_end())?;
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
                        _ => sheet.write_string_with_format(row, ci as u16, v, &st.cell)?,
                    };
                }
                row += 1;
            }
        }
        // The roster header is written even for an empty roster: it imports back as empty.
        {
            row += 1;
            let roster_title = words::get(lang, "real-name roster", "实名制名册");
            sheet.write_string_with_format(row, 0, roster_title, &st.title)?;
            row += 1;
            let fields = roster_fields(cx.show_names);
            let headers: Vec<&str> = fields.iter().map(|f| f.header(lang)).collect();
            write_header(sheet, row, &headers, &st)?;
            row += 1;
            for r in roster_rows(org, cx.show_names, lang) {
                for (c, v) in r.iter().enumerate() {
                    // Ids and everything else stay text: 001 must not become 1.
                    sheet.write_string_with_format(row, c as u16, v, &st.cell)?;
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
