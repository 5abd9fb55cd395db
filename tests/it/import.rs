//! `bianzhi import`: error rows leave the org file untouched, --force, --replace, --map, CSV short
//! forms, and the round trip report --format xlsx → import as a property.

use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;

const ORG: &str = r#"# 小镇 —— 导入测试用
[unit]
id = "xiaozhen"
name = "小镇"
kind = "town"
as_of = 2020-06-30

[quota]
administrative = 10 # 行政编制
institution = 4

[[body]]
id = "dzb"
name = "党政办公室"
kind = "functional"
quota = { administrative = 3 }

[[body]]
id = "fwzx"
name = "为民服务中心"
kind = "institution"
quota = { institution = 4 }

# 名册
[[person]]
id = "X001"
body = "xiaozhen"
establishment = "administrative"
title = "镇长" # 主要负责人
grade = "正科"

[[person]]
id = "X002"
body = "dzb"
establishment = "administrative"

[[power]]
code = "P1"
name = "某权力"
category = "penalty"
handled_by = "dzb"
"#;

/// `import … --write` (or, with `--dry-run` among `extra`, the dry run).
fn import(dir: &Path, roster: &str, extra: &[&str]) -> std::process::Output {
    let write: &[&str] = if extra.contains(&"--dry-run") {
        &[]
    } else {
        &["--write"]
    };
    Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(dir)
        .args(["import", roster, "--into", "org.toml", "--lang", "en"])
        .args(write)
        .args(extra)
        .output()
        .expect("run")
}

fn setup(csv: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("org.toml"), ORG).expect("write");
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    dir
}

fn org_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("org.toml")).expect("read")
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn unknown_body_and_category_leave_the_file_untouched() {
    let dir = setup(
        "人员编号,所在机构,编制类别\nX003,党政办公室,行政\nX004,宣传办,行政\nX005,dzb,临时工\n,dzb,行政\n",
    );
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("row 3, column B (所在机构): unknown body `宣传办`"),
        "{err}"
    );
    assert!(
        err.contains("row 4, column C (编制类别): unknown establishment category `临时工`"),
        "{err}"
    );
    assert!(
        err.contains("row 5, column A (人员编号): no person id"),
        "{err}"
    );
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(org_text(dir.path()), ORG);
}

/// Excel and WPS write CSV with Windows line ends: a row's number is still the line the user
/// sees, not twice it.
#[test]
fn csv_with_windows_line_ends_gives_the_rows_as_seen() {
    let dir = setup(
        "人员编号,所在机构,编制类别\r\nX003,党政办公室,行政\r\nX004,dzb,行政\r\nX005,dzb,行政\r\nX006,宣传办,行政\r\n",
    );
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("row 5, column B (所在机构): unknown body `宣传办`"),
        "{err}"
    );
    assert!(!err.contains("row 9"), "{err}");
    assert_eq!(org_text(dir.path()), ORG);
}

#[test]
fn force_imports_the_good_rows() {
    let dir = setup("人员编号,所在机构,编制类别\nX003,党政办公室,行政\nX004,宣传办,行政\n");
    let out = import(dir.path(), "roster.csv", &["--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("skipped"));
    assert!(stdout(&out)
        .contains("1 added, 0 updated, 0 unchanged, 0 removed, 2 not in the import and kept"));
    let text = org_text(dir.path());
    assert!(
        text.contains("id = \"X003\"\nbody = \"dzb\"\nestablishment = \"administrative\""),
        "{text}"
    );
    assert!(!text.contains("X004"));
    // Everything else is kept as it was, comments included.
    assert!(
        text.starts_with(&ORG[..ORG.find("[[power]]").expect("power")]),
        "{text}"
    );
}

#[test]
fn malformed_workbook() {
    let dir = setup("");
    std::fs::write(dir.path().join("roster.xlsx"), "not a workbook").expect("write");
    let out = import(dir.path(), "roster.xlsx", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("roster.xlsx: cannot read the workbook"),
        "{}",
        stderr(&out)
    );
    assert_eq!(org_text(dir.path()), ORG);
}

#[test]
fn no_header_row() {
    let dir = setup("a,b\n1,2\n");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no header row"), "{}", stderr(&out));
    assert_eq!(org_text(dir.path()), ORG);
}

#[test]
fn bad_grade_and_certificate() {
    let dir = setup(
        "人员编号,所在机构,编制类别,职务层次,执法证\nX003,dzb,行政,科长,是\nX004,dzb,行政,,也许\n",
    );
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("row 2, column D (职务层次): unknown grade `科长`"),
        "{err}"
    );
    assert!(
        err.contains("row 3, column E (执法证): `也许` is not yes or no"),
        "{err}"
    );
    assert_eq!(org_text(dir.path()), ORG);
}

#[test]
fn update_in_place_keeps_comments_and_dry_run_writes_nothing() {
    let dir =
        setup("工号,部门,类别,职务,执法证\nX001,小镇,行政编制,镇长,Y\nX002,dzb,行政,科员,无\n");
    let map = [
        "--map",
        "工号=id",
        "--map",
        "部门=body",
        "--map",
        "类别=establishment",
    ];
    let mut args = map.to_vec();
    args.push("--dry-run");
    let out = import(dir.path(), "roster.csv", &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("dry run, not written): 0 added, 2 updated"),
        "{}",
        stdout(&out)
    );
    assert_eq!(org_text(dir.path()), ORG);

    let out = import(dir.path(), "roster.csv", &map);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = org_text(dir.path());
    assert!(
        text.contains(
            "title = \"镇长\" # 主要负责人\ngrade = \"正科\"\nenforcement_certified = true"
        ),
        "{text}"
    );
    // 无 for a key X002 does not have: not written (no key says no).
    assert!(
        text.contains("id = \"X002\"\nbody = \"dzb\"\nestablishment = \"administrative\"\ntitle = \"科员\"\n\n"),
        "{text}"
    );
    assert!(text.contains("administrative = 10 # 行政编制"));

    // Importing the same again changes nothing.
    let out = import(dir.path(), "roster.csv", &map);
    assert!(
        stdout(&out).contains("0 added, 0 updated, 2 unchanged"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn replace_removes_persons_not_in_the_import() {
    let dir = setup("人员编号,所在机构,编制类别\nX002,dzb,行政\n");
    let out = import(dir.path(), "roster.csv", &["--replace"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("0 added, 0 updated, 1 unchanged, 1 removed"),
        "{}",
        stdout(&out)
    );
    let text = org_text(dir.path());
    assert!(!text.contains("X001"));
    assert!(text.contains("[[power]]"));
}

// ---- round trip: report --format xlsx, then import into the file without its roster ----

#[derive(Debug, Clone)]
struct P {
    body: usize,
    est: usize,
    name: Option<String>,
    title: Option<String>,
    grade: Option<usize>,
    rank: Option<usize>,
    cert: Option<bool>,
    funded: Option<bool>,
    upper: Option<String>,
    concurrent: Vec<String>,
}

fn person() -> impl Strategy<Value = P> {
    (
        (
            0usize..4,
            0usize..5,
            proptest::option::of("[甲乙丙丁]{1,3}"),
            proptest::option::of("[主任科员副]{1,4}"),
        ),
        (
            proptest::option::of(0usize..5),
            proptest::option::of(0usize..10),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        ),
        (
            proptest::option::of("[区委常]{2,4}"),
            proptest::collection::vec("[党委员]{2,4}", 0..3),
        ),
    )
        .prop_map(
            |((body, est, name, title), (grade, rank, cert, funded), (upper, concurrent))| P {
                body,
                est,
                name,
                title,
                grade,
                rank,
                cert,
                funded,
                upper,
                concurrent,
            },
        )
}

const GRADES: [&str; 5] = ["正处", "deputy_division", "正科", "副科", "unit_level"];
const RANKS: [&str; 10] = [
    "一级调研员",
    "二级调研员",
    "三级调研员",
    "四级调研员",
    "一级主任科员",
    "二级主任科员",
    "三级主任科员",
    "四级主任科员",
    "一级科员",
    "staff_2",
];
const ESTS: [&str; 5] = [
    "administrative",
    "政法专项编制",
    "institution",
    "机关工勤编制",
    "none",
];
const BODIES: [&str; 4] = ["xiaozhen", "dzb", "fwzx", "dzb-sub"];

fn org_with(persons: &[P]) -> String {
    let mut s = ORG[..ORG.find("# 名册").expect("roster")].to_string();
    s.push_str(
        "[[body]]\nid = \"dzb-sub\"\nname = \"dzb\"\nkind = \"functional\"\nparent = \"dzb\"\n\n",
    );
    for (i, p) in persons.iter().enumerate() {
        s.push_str(&format!("[[person]]\nid = \"{:03}\"\n", i + 1));
        if let Some(n) = &p.name {
            s.push_str(&format!("name = \"{n}\"\n"));
        }
        s.push_str(&format!(
            "body = \"{}\"\nestablishment = \"{}\"\n",
            BODIES[p.body], ESTS[p.est]
        ));
        if let Some(f) = p.funded {
            s.push_str(&format!("fiscally_funded = {f}\n"));
        }
        if let Some(t) = &p.title {
            s.push_str(&format!("title = \"{t}\"\n"));
        }
        if let Some(g) = p.grade {
            s.push_str(&format!("grade = \"{}\"\n", GRADES[g]));
        }
        if let Some(r) = p.rank {
            s.push_str(&format!("rank = \"{}\"\n", RANKS[r]));
        }
        if let Some(c) = p.cert {
            s.push_str(&format!("enforcement_certified = {c}\n"));
        }
        if let Some(u) = &p.upper {
            s.push_str(&format!("upper_post = \"{u}\"\n"));
        }
        if !p.concurrent.is_empty() {
            let list: Vec<String> = p.concurrent.iter().map(|c| format!("\"{c}\"")).collect();
            s.push_str(&format!("concurrent = [{}]\n", list.join(", ")));
        }
        s.push('\n');
    }
    s
}

fn roster(path: &Path) -> Vec<bianzhi::import::RosterKey> {
    let loaded = bianzhi::workspace::load_paths(&[path.to_path_buf()]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    loaded.workspace.orgs[0]
        .persons
        .iter()
        .map(bianzhi::import::roster_key)
        .collect()
}

fn round_trip(persons: &[P], lang: bianzhi::base::i18n::Lang) {
    use bianzhi::app::{import_roster, ImportRequest};
    use bianzhi::render::ledger::{xlsx::write_xlsx, ReportCx};

    let dir = tempfile::tempdir().expect("tempdir");
    let full = dir.path().join("full.toml");
    std::fs::write(&full, org_with(persons)).expect("write");
    let loaded = bianzhi::workspace::load_paths(std::slice::from_ref(&full));
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let ledgers = bianzhi::analysis::ledger::ledgers(&loaded.workspace);
    let cx = ReportCx {
        ws: &loaded.workspace,
        ledgers: &ledgers,
        lang,
        show_names: true,
    };
    let xlsx = dir.path().join("ledger.xlsx");
    write_xlsx(&cx, &xlsx).expect("xlsx");

    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, org_with(&[])).expect("write");
    let request = ImportRequest {
        file: &xlsx,
        into: &empty,
        map: &[],
        sheet: None,
        force: false,
        replace: false,
    };
    match import_roster(&request, lang) {
        Ok(report) => std::fs::write(&empty, report.text).expect("write"),
        Err(e) => panic!("import failed: {e:?}"),
    }
    assert_eq!(roster(&empty), roster(&full));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn report_then_import_gives_back_the_roster(persons in proptest::collection::vec(person(), 0..8), zh in any::<bool>()) {
        let lang = if zh { bianzhi::base::i18n::Lang::Zh } else { bianzhi::base::i18n::Lang::En };
        round_trip(&persons, lang);
    }
}

#[test]
fn the_cs_managed_column_and_pre_2019_ranks_are_imported() {
    let dir =
        setup("人员编号,所在机构,编制类别,职级,参公管理\nX005,为民服务中心,事业,副主任科员,是\n");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = org_text(dir.path());
    assert!(
        text.contains("id = \"X005\"\nbody = \"fwzx\"\nestablishment = \"institution\"\nrank = \"副主任科员\"\ncs_managed = true"),
        "{text}"
    );
}

#[test]
fn the_secondment_column_is_imported() {
    let dir = setup(
        "人员编号,所在机构,编制类别,职务,职务层次,是否挂职\nX006,xiaozhen,编外,副镇长（挂职）,正科,是\nX007,xiaozhen,编外,副镇长,正科,否\n",
    );
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = org_text(dir.path());
    assert!(
        text.contains("id = \"X006\"\nbody = \"xiaozhen\"\nestablishment = \"none\"\ntitle = \"副镇长（挂职）\"\ngrade = \"正科\"\nseconded = true"),
        "{text}"
    );
    assert!(text.contains("seconded = false"), "{text}");
}

/// A roster workbook with one data row; `id` is written as a formula whose cached result is
/// `result`, or, with `None`, has no cached result at all (as a workbook written by a program and
/// never opened in Excel: the writer stores a placeholder, which is taken out here).
fn workbook_with_formula(path: &Path, result: Option<&str>) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "人员编号").expect("cell");
    ws.write_string(0, 1, "所在机构").expect("cell");
    ws.write_string(0, 2, "编制类别").expect("cell");
    ws.write_formula(
        1,
        0,
        rust_xlsxwriter::Formula::new("=\"X0\"&\"06\"").set_result(result.unwrap_or("")),
    )
    .expect("cell");
    ws.write_string(1, 1, "党政办公室").expect("cell");
    ws.write_string(1, 2, "行政").expect("cell");
    let bytes = wb.save_to_buffer().expect("save");
    if result.is_some() {
        std::fs::write(path, bytes).expect("write");
        return;
    }
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).expect("read");
        if name.ends_with("sheet1.xml") {
            let xml = String::from_utf8(data).expect("utf-8");
            data = xml.replace("<v>0</v>", "").into_bytes();
        }
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(name, opts).expect("start");
        std::io::Write::write_all(&mut out, &data).expect("write");
    }
    std::fs::write(path, out.finish().expect("finish").into_inner()).expect("write");
}

#[test]
fn a_formula_without_a_computed_value_is_an_error_not_an_empty_cell() {
    let dir = setup("");
    workbook_with_formula(&dir.path().join("roster.xlsx"), None);
    let before = org_text(dir.path());
    let out = import(dir.path(), "roster.xlsx", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("cell A2 holds a formula"),
        "{}",
        stderr(&out)
    );
    assert_eq!(org_text(dir.path()), before, "nothing written");
    // With its computed value (as Excel saves it), the formula cell is imported as that value.
    workbook_with_formula(&dir.path().join("roster.xlsx"), Some("X006"));
    let out = import(dir.path(), "roster.xlsx", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(org_text(dir.path()).contains("id = \"X006\""));
}

/// Issue 20, item 9: an Excel error value in a roster cell (#N/A, #DIV/0!, #REF! …) is refused
/// with its row and column, like a formula without a value — in a workbook and in the CSV Excel
/// writes, where the error is text.
#[test]
fn an_excel_error_value_is_refused_with_its_place() {
    let dir =
        setup("人员编号,所在机构,编制类别,职务\nX006,党政办公室,行政,#N/A\nX007,#REF!,行政,科员\n");
    let before = org_text(dir.path());
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    for (row, col, value) in [("2", "D", "#N/A"), ("3", "B", "#REF!")] {
        assert!(
            err.lines()
                .any(|l| l.contains(row) && l.contains(col) && l.contains(value)),
            "row {row} column {col}: {err}"
        );
    }
    assert_eq!(org_text(dir.path()), before, "nothing written");
    // A workbook whose formula computed #DIV/0!.
    workbook_with_formula(&dir.path().join("roster.xlsx"), Some("#DIV/0!"));
    let out = import(dir.path(), "roster.xlsx", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("#DIV/0!"), "{}", stderr(&out));
}

#[test]
fn a_workbook_that_inflates_past_the_limit_is_refused_before_it_is_read() {
    let dir = setup("");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "人员编号").expect("cell");
    // A second sheet of numbers compresses well: the workbook unpacks to many times its size.
    let filler = wb.add_worksheet();
    for r in 0..4000 {
        filler.write_number(r, 0, 1.0).expect("cell");
    }
    wb.save(dir.path().join("roster.xlsx")).expect("save");
    let size = std::fs::metadata(dir.path().join("roster.xlsx"))
        .expect("size")
        .len();
    // A limit just above the file's size: the file passes, its unpacked parts (4× the limit) not.
    let limit = (size + 1).to_string();
    let out = import(dir.path(), "roster.xlsx", &["--max-file-size", &limit]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("unpacks to more than"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_roster_is_never_the_file_written() {
    let dir = setup("人员编号,所在机构,编制类别\nX003,党政办公室,行政\n");
    let before = std::fs::read(dir.path().join("roster.csv")).expect("read");
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(dir.path())
        .args([
            "import",
            "roster.csv",
            "--into",
            "roster.csv",
            "--lang",
            "en",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("is one of the input files"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(dir.path().join("roster.csv")).expect("read"),
        before
    );
}

// ---- the real-name system's (实名制) export as it is ----

/// A town written in Chinese values: new persons get Chinese values too.
const ORG_ZH: &str = r#"[unit]
id = "xiaozhen"
name = "小镇"
kind = "镇"
as_of = 2024-06-30

[quota]
"行政编制" = 10
"事业编制" = 4

[[body]]
id = "dzb"
name = "党政办公室"
kind = "职能机构"
quota = { "行政编制" = 3 }

[[body]]
id = "zfj"
name = "综合行政执法局"
kind = "职能机构"
quota = { "行政编制" = 4 }

[[body]]
id = "fwzx"
name = "为民服务中心"
kind = "事业单位"
quota = { "事业编制" = 4 }
"#;

/// Two valid national ID numbers (check characters computed by GB 11643), of no real person.
const ID_A: &str = "11010519491231002X";
const ID_B: &str = "440524188001010014";

/// The export's header row, with the title and date rows real exports put above it.
fn export_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["小镇机关事业单位实名制人员信息表"],
        vec!["导出日期：2024-06-30"],
        vec![
            "序号",
            "姓名",
            "性别",
            "居民身份证号码",
            "人员编号",
            "所在单位",
            "编制类型",
            "现任职务",
            "级别",
            "职级",
            "是否持证",
        ],
        vec![
            "1",
            "王某",
            "男",
            ID_A,
            "X101",
            "党政办公室",
            "行政编",
            "党政办主任",
            "副科级",
            "一级科员",
            "否",
        ],
        vec![
            "2",
            "李某",
            "女",
            ID_B,
            "X102",
            "综合行政执法局",
            "行政编",
            "科员",
            "",
            "二级科员",
            "是",
        ],
        vec![
            "3",
            "赵某",
            "男",
            "",
            "X103",
            "为民服务中心",
            "参公",
            "",
            "",
            "",
            "",
        ],
    ]
}

fn setup_zh() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("org.toml"), ORG_ZH).expect("write");
    dir
}

fn import_zh(dir: &Path, roster: &str, extra: &[&str]) -> std::process::Output {
    Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(dir)
        .args(["import", roster, "--into", "org.toml", "--lang", "zh"])
        .args(extra)
        .output()
        .expect("run")
}

/// What importing [`export_rows`] into [`ORG_ZH`] must give, however the roster was saved.
fn assert_export_imported(dir: &Path) {
    let text = org_text(dir);
    assert!(
        text.contains(
            "id = \"X101\"\nname = \"王某\"\nbody = \"dzb\"\nestablishment = \"行政编制\"\ntitle = \"党政办主任\"\ngrade = \"副科\"\nrank = \"一级科员\"\nenforcement_certified = false"
        ),
        "{text}"
    );
    assert!(
        text.contains("id = \"X102\"\nname = \"李某\"\nbody = \"zfj\"\nestablishment = \"行政编制\"\ntitle = \"科员\"\nrank = \"二级科员\"\nenforcement_certified = true"),
        "{text}"
    );
    assert!(
        text.contains("id = \"X103\"\nname = \"赵某\"\nbody = \"fwzx\"\nestablishment = \"事业编制\"\ncs_managed = true"),
        "{text}"
    );
    // The ID numbers and the other columns not imported are nowhere in the file.
    assert!(!text.contains(ID_A) && !text.contains(ID_B), "{text}");
    assert!(!text.contains("性别") && !text.contains("男"), "{text}");
}

#[test]
fn an_xlsx_export_imports_without_map_as_a_dry_run_then_with_write() {
    let dir = setup_zh();
    let path = dir.path().join("实名制.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in export_rows().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // The real export stores 序号 as numbers.
            match cell.parse::<f64>() {
                Ok(n) if c == 0 => ws.write_number(r as u32, c as u16, n),
                _ => ws.write_string(r as u32, c as u16, *cell),
            }
            .expect("cell");
        }
    }
    wb.save(&path).expect("save");

    // A dry run by default: the changes listed, nothing written.
    let out = import_zh(dir.path(), "实名制.xlsx", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(org_text(dir.path()), ORG_ZH);
    let shown = stdout(&out);
    assert!(
        shown.contains("+ X101  name = …, body = \"dzb\", establishment = \"行政编制\""),
        "{shown}"
    );
    assert!(shown.contains("（试运行，未写入）：新增 3 人"), "{shown}");
    assert!(shown.contains("--write"), "{shown}");
    // Names are personal data: shown only when asked for; ID numbers never.
    assert!(!shown.contains("王某"), "{shown}");
    let all = format!("{shown}{}", stderr(&out));
    assert!(!all.contains(ID_A) && !all.contains(ID_B), "{all}");
    assert!(
        stderr(&out)
            .contains("未导入、也不会写入任何文件：居民身份证号码（身份证号码属于个人信息）"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("未导入的列（可用 --map \"列名=键\" 指定）：序号, 性别\n"),
        "{}",
        stderr(&out)
    );

    let out = import_zh(dir.path(), "实名制.xlsx", &["--show-names"]);
    assert!(stdout(&out).contains("+ X101 (王某)"), "{}", stdout(&out));

    let out = import_zh(dir.path(), "实名制.xlsx", &["--write"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("org.toml：新增 3 人"),
        "{}",
        stdout(&out)
    );
    assert_export_imported(dir.path());

    // The old flag still means a dry run; with --write it is refused, not guessed.
    let out = import_zh(dir.path(), "实名制.xlsx", &["--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("未变 3 人"), "{}", stdout(&out));
    let out = import_zh(dir.path(), "实名制.xlsx", &["--dry-run", "--write"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_gbk_csv_export_reads_as_its_utf8_twin() {
    let dir = setup_zh();
    let csv: String = export_rows()
        .iter()
        .map(|r| format!("{}\r\n", r.join(",")))
        .collect();
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&csv);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
    std::fs::write(dir.path().join("roster.csv"), &gbk).expect("write");
    let out = import_zh(dir.path(), "roster.csv", &["--write"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_export_imported(dir.path());
}

#[test]
fn national_id_numbers_are_refused_as_person_ids_and_never_repeated() {
    // The id column holds ID numbers (an export whose 人员编号 was filled with them).
    let dir = setup_zh();
    let csv =
        format!("人员编号,姓名,单位,编制性质\n{ID_A},王某,dzb,行政编\n{ID_B},李某,dzb,行政编\n");
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    for extra in [&["--write"][..], &["--write", "--force"][..]] {
        let out = import_zh(dir.path(), "roster.csv", extra);
        assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.contains("第 1 行 A 列（人员编号）：该列是居民身份证号码"),
            "{err}"
        );
        assert!(
            err.contains("个人信息") && err.contains("人员编号"),
            "{err}"
        );
        let all = format!("{}{err}", stdout(&out));
        assert!(!all.contains(ID_A) && !all.contains(ID_B), "{all}");
        assert_eq!(org_text(dir.path()), ORG_ZH);
    }

    // Only an ID number column, no 人员编号: said why it is not used.
    let csv = format!("姓名,身份证号,单位,编制性质\n王某,{ID_A},dzb,行政编\n");
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no column `人员编号` (person id); the column `身份证号` is not used as one: a national ID number is personal information"),
        "{err}"
    );
    assert!(!err.contains(ID_A), "{err}");

    // Mapped on purpose: refused all the same.
    let out = import(dir.path(), "roster.csv", &["--map", "身份证号=id"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("national ID numbers"),
        "{}",
        stderr(&out)
    );
    assert_eq!(org_text(dir.path()), ORG_ZH);
}

/// Issue 20, item 3: the guard knows an ID number however the sheet writes it — full-width
/// digits, spaces or dashes inside, Excel's `="…"`, a leading apostrophe, the 15 digits of the
/// first generation — and a column headed 公民身份号码; none of it is ever repeated.
#[test]
fn national_id_numbers_are_recognised_however_written() {
    let dir = setup_zh();
    let written = [
        "１１０１０５１９４９１２３１００２Ｘ",
        "110105 19491231 002X",
        "110105-19491231-002X",
        "=\"11010519491231002X\"",
        "'11010519491231002X",
        "110105491231002",
    ];
    for w in written {
        let csv = format!(
            "人员编号,姓名,单位,编制性质\n\"{}\",王某,dzb,行政编\n",
            w.replace('"', "\"\"")
        );
        std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
        let out = import_zh(dir.path(), "roster.csv", &["--write", "--force"]);
        assert_eq!(out.status.code(), Some(2), "{w}: {}", stdout(&out));
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(all.contains("居民身份证号码"), "{w}: {all}");
        let digits: String = w.chars().filter(char::is_ascii_digit).collect();
        assert!(digits.is_empty() || !all.contains(&digits), "{w}: {all}");
        assert!(!all.contains(w), "{w}: {all}");
        assert_eq!(org_text(dir.path()), ORG_ZH);
    }
    let csv = format!("人员编号,公民身份号码,单位,编制性质\nX001,{ID_A},dzb,行政编\n");
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    // A column of ID numbers beside the 人员编号 is left out: never written, never repeated.
    let out = import_zh(dir.path(), "roster.csv", &["--write"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!format!("{}{}", stdout(&out), stderr(&out)).contains(ID_A));
    assert!(!org_text(dir.path()).contains(ID_A));
    // Mapped to `id` on purpose: refused.
    std::fs::write(dir.path().join("org.toml"), ORG_ZH).expect("write");
    let csv = format!("公民身份号码,单位,编制性质\n{ID_A},dzb,行政编\n");
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    let out = import_zh(
        dir.path(),
        "roster.csv",
        &["--write", "--map", "公民身份号码=id"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(!format!("{}{}", stdout(&out), stderr(&out)).contains(ID_A));
    assert_eq!(org_text(dir.path()), ORG_ZH);
}

#[test]
fn unknown_values_get_the_official_term_suggested() {
    let dir = setup("人员编号,单位,编制类型,级别\nX003,dzb,行政编制人员,副科长\n");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("unknown establishment category `行政编制人员`"),
        "{err}"
    );
    assert!(err.contains("did you mean `副科`?"), "{err}");
}

#[test]
fn an_id_number_column_mapped_to_another_key_is_refused_too() {
    let dir = setup_zh();
    let csv = format!("人员编号,单位,编制性质,证号\nX101,dzb,行政编,{ID_A}\n");
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    let out = import(
        dir.path(),
        "roster.csv",
        &["--map", "证号=title", "--force"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("row 1, column D (证号): this column holds national ID numbers"),
        "{err}"
    );
    assert!(!err.contains(ID_A), "{err}");
    assert_eq!(org_text(dir.path()), ORG_ZH);
}

#[test]
fn a_body_name_written_a_little_differently_gets_the_name_suggested() {
    let dir = setup("人员编号,单位,编制类型\nX003,党政办,行政编\n");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown body `党政办`: not a body id or name in the org file; did you mean `党政办公室`?"),
        "{}",
        stderr(&out)
    );
}

// ---- the real-name system's export as it is printed: two-row header, totals, footer ----

/// A town as `bianzhi init` writes it: grades in Chinese (the unit's, the bodies', the posts),
/// categories in English, no roster yet; bodies with the names and aliases they carry.
const ORG_QS: &str = r#"# 清水镇
[unit]
id = "qingshui"
name = "清水镇"
kind = "town"
as_of = 2024-06-30
grade = "正科"

[quota]
administrative = 10
institution = 4

[quota.posts]
"正科" = 3
"副科" = 2

[[body]]
id = "office"
name = "党政办公室"
aliases = ["党政办"]
kind = "functional"
grade = "副科"
quota = { administrative = 3 }

[[body]]
id = "enforcement"
name = "综合行政执法局"
kind = "functional"
grade = "副科"
quota = { administrative = 4 }

[[body]]
id = "service"
name = "为民服务中心"
aliases = ["便民服务中心"]
kind = "institution"
quota = { institution = 4 }
"#;

/// The export as the real-name system prints it, one `Vec` a row: a title, the export date, a
/// two-row header (序号, 姓名 … merged down over both rows; 编制情况 and 职务情况 merged across
/// their columns), bodies written after the town's name, the leadership as the town's government
/// and party committee, blank rows, a 合计 row and a footer. `@` marks a date (a date cell in a
/// workbook); [`QS_MERGED`] lists the merged cells.
fn system_export_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["清水镇机关事业单位实名制人员信息表"],
        vec!["导出日期：", "@2024-06-30"],
        vec![
            "序号",
            "姓名",
            "人员编号",
            "出生日期",
            "所在单位",
            "编制情况",
            "",
            "职务情况",
            "",
            "",
            "是否持证",
            "是否挂职",
        ],
        vec![
            "",
            "",
            "",
            "",
            "",
            "编制类型",
            "是否参公",
            "现任职务",
            "级别",
            "职级",
            "",
            "",
        ],
        vec![
            "1",
            "王某",
            "X101",
            "@1980-05-01",
            "清水镇党政办公室",
            "行政编",
            "否",
            "党政办主任",
            "副科级",
            "一级主任科员",
            "否",
            "否",
        ],
        vec![
            "2",
            "李某",
            "X102",
            "@1988-11-20",
            "清水镇综合行政执法局",
            "行政编",
            "否",
            "科员",
            "",
            "二级科员",
            "是",
            "否",
        ],
        vec![],
        vec![
            "3",
            "赵某",
            "X103",
            "@1990-01-15",
            "清水镇便民服务中心",
            "事业编",
            "是",
            "",
            "",
            "",
            "否",
            "否",
        ],
        vec![
            "4",
            "孙某",
            "X104",
            "@1975-03-08",
            "清水镇人民政府",
            "行政编",
            "否",
            "镇长",
            "正科级",
            "",
            "否",
            "否",
        ],
        vec![
            "5",
            "周某",
            "X105",
            "@1979-07-30",
            "中共清水镇委员会",
            "行政编",
            "否",
            "党委副书记",
            "副科级",
            "",
            "否",
            "否",
        ],
        vec![
            "6",
            "吴某",
            "X106",
            "@1992-09-09",
            "清水镇党委",
            "行政编",
            "否",
            "党委委员",
            "副科级",
            "",
            "否",
            "否",
        ],
        vec!["合　计", "", "6人"],
        vec![],
        vec![
            "填表人：张某",
            "",
            "",
            "审核人：李某",
            "",
            "",
            "",
            "制表日期：",
            "@2024-07-01",
        ],
        vec!["单位（盖章）：清水镇人民政府"],
    ]
}

/// The merged cells of [`system_export_rows`]: (first row, first column, last row, last column).
const QS_MERGED: &[(u32, u16, u32, u16)] = &[
    (0, 0, 0, 11),
    (2, 0, 3, 0),
    (2, 1, 3, 1),
    (2, 2, 3, 2),
    (2, 3, 3, 3),
    (2, 4, 3, 4),
    (2, 5, 2, 6),
    (2, 7, 2, 9),
    (2, 10, 3, 10),
    (2, 11, 3, 11),
];

/// [`system_export_rows`] as a workbook: merged cells merged, dates as Excel dates, 序号 as
/// numbers.
fn system_export_xlsx(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let plain = rust_xlsxwriter::Format::new();
    let rows = system_export_rows();
    let merged_away = |r: u32, c: u16| {
        QS_MERGED.iter().any(|&(r0, c0, r1, c1)| {
            (r0..=r1).contains(&r) && (c0..=c1).contains(&c) && (r, c) != (r0, c0)
        })
    };
    for &(r0, c0, r1, c1) in QS_MERGED {
        ws.merge_range(r0, c0, r1, c1, rows[r0 as usize][c0 as usize], &plain)
            .expect("merge");
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            if cell.is_empty()
                || merged_away(r, c)
                || QS_MERGED.iter().any(|m| (m.0, m.1) == (r, c))
            {
                continue;
            }
            if let Some(d) = cell.strip_prefix('@') {
                let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(d).expect("date");
                ws.write_datetime_with_format(r, c, &d, &date)
                    .expect("date");
            } else if let (0, Ok(n)) = (c, cell.parse::<f64>()) {
                ws.write_number(r, c, n).expect("number");
            } else {
                ws.write_string(r, c, *cell).expect("cell");
            }
        }
    }
    wb.save(path).expect("save");
}

/// [`system_export_rows`] as Excel saves it as CSV: every row as wide as the sheet, dates as the
/// cell shows them.
fn system_export_csv() -> String {
    system_export_rows()
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = row
                .iter()
                .map(|c| match c.strip_prefix('@') {
                    Some(d) => d.replace('-', "/"),
                    None => c.to_string(),
                })
                .collect();
            cells.resize(12, String::new());
            format!("{}\r\n", cells.join(","))
        })
        .collect()
}

fn setup_qs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("org.toml"), ORG_QS).expect("write");
    dir
}

/// What importing [`system_export_rows`] into [`ORG_QS`] gives, however the export was saved.
fn assert_system_export_imported(dir: &Path) {
    let text = org_text(dir);
    let flags = "enforcement_certified = false\ncs_managed = false\nseconded = false";
    for person in [
        // Categories in English, grades in Chinese: as the file writes each key.
        format!("id = \"X101\"\nname = \"王某\"\nbody = \"office\"\nestablishment = \"administrative\"\ntitle = \"党政办主任\"\ngrade = \"副科\"\nrank = \"一级主任科员\"\n{flags}"),
        "id = \"X102\"\nname = \"李某\"\nbody = \"enforcement\"\nestablishment = \"administrative\"\ntitle = \"科员\"\nrank = \"二级科员\"\nenforcement_certified = true\ncs_managed = false\nseconded = false".to_string(),
        "id = \"X103\"\nname = \"赵某\"\nbody = \"service\"\nestablishment = \"institution\"\nenforcement_certified = false\ncs_managed = true\nseconded = false".to_string(),
        format!("id = \"X104\"\nname = \"孙某\"\nbody = \"qingshui\"\nestablishment = \"administrative\"\ntitle = \"镇长\"\ngrade = \"正科\"\n{flags}"),
        format!("id = \"X105\"\nname = \"周某\"\nbody = \"qingshui\"\nestablishment = \"administrative\"\ntitle = \"党委副书记\"\ngrade = \"副科\"\n{flags}"),
        format!("id = \"X106\"\nname = \"吴某\"\nbody = \"qingshui\"\nestablishment = \"administrative\"\ntitle = \"党委委员\"\ngrade = \"副科\"\n{flags}"),
    ] {
        assert!(text.contains(&person), "{person}\n---\n{text}");
    }
    assert_eq!(text.matches("[[person]]").count(), 6, "{text}");
    // Nothing of the total, the footer or the columns not imported is in the file.
    for absent in ["合计", "6人", "张某", "盖章", "1980", "出生日期"] {
        assert!(!text.contains(absent), "{absent}: {text}");
    }
}

/// Imports the export in `roster` (dry run, then --write, then again) and checks what is said.
/// Row numbers are the sheet's, or the CSV file's lines: the same here.
fn import_system_export(dir: &Path, roster: &str) {
    let out = import_zh(dir, roster, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(org_text(dir), ORG_QS, "a dry run writes nothing");
    let shown = stdout(&out);
    assert!(shown.contains("（试运行，未写入）：新增 6 人"), "{shown}");
    // The total and the footer: passed over and said so, never an error.
    assert!(
        shown.contains("非人员行，未导入：合计行 1 行（合计：第 12 行）；表尾 2 行（填表人、单位（盖章）：第 14、15 行）\n"),
        "{shown}"
    );
    let err = stderr(&out);
    assert!(
        !err.contains("第 12 行") && !err.contains("已跳过"),
        "{err}"
    );
    assert!(
        err.contains("未导入的列（可用 --map \"列名=键\" 指定）：序号, 出生日期\n"),
        "{err}"
    );

    let out = import_zh(dir, roster, &["--write"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_system_export_imported(dir);
    let written = org_text(dir);

    // The same export into its own file: nothing changes, not a 否 for a key the file leaves out.
    let out = import_zh(dir, roster, &["--write"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(shown.contains("新增 0 人，更新 0 人，未变 6 人"), "{shown}");
    assert!(!shown.contains("~ "), "{shown}");
    assert_eq!(org_text(dir), written);

    // In English too.
    let out = import(dir, roster, &["--dry-run"]);
    assert!(
        stdout(&out).contains("not persons, not imported: 1 total row (合计: row 12); 2 footer rows (填表人, 单位（盖章）: rows 14, 15)\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_printed_xlsx_export_imports_without_force_or_map() {
    let dir = setup_qs();
    system_export_xlsx(&dir.path().join("实名制.xlsx"));
    import_system_export(dir.path(), "实名制.xlsx");
}

#[test]
fn a_printed_csv_export_imports_without_force_or_map_in_utf8_and_gbk() {
    let dir = setup_qs();
    std::fs::write(dir.path().join("roster.csv"), system_export_csv()).expect("write");
    import_system_export(dir.path(), "roster.csv");

    let dir = setup_qs();
    let csv = system_export_csv();
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&csv);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
    std::fs::write(dir.path().join("roster.csv"), &gbk).expect("write");
    import_system_export(dir.path(), "roster.csv");
}

#[test]
fn new_persons_follow_the_files_spelling_key_by_key() {
    // Grades in Chinese only on the unit and the bodies, categories in English: each its way.
    let dir = setup_qs();
    let csv = "人员编号,所在单位,编制类型,级别,职级\nX201,党政办公室,行政编,副科级,一级科员\n";
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = org_text(dir.path());
    assert!(
        text.contains("id = \"X201\"\nbody = \"office\"\nestablishment = \"administrative\"\ngrade = \"副科\"\nrank = \"一级科员\""),
        "{text}"
    );

    // Where the persons write a key, theirs is the spelling of that key, whatever the bodies do.
    let dir = setup_qs();
    let org = format!(
        "{ORG_QS}\n[[person]]\nid = \"X001\"\nbody = \"qingshui\"\nestablishment = \"行政编制\"\ngrade = \"section\"\nrank = \"staff_1\"\n"
    );
    std::fs::write(dir.path().join("org.toml"), org).expect("write");
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = org_text(dir.path());
    assert!(
        text.contains("id = \"X201\"\nbody = \"office\"\nestablishment = \"行政编制\"\ngrade = \"deputy_section\"\nrank = \"staff_1\""),
        "{text}"
    );
}

#[test]
fn a_no_for_a_key_the_person_does_not_have_is_no_update() {
    // X002 has no enforcement_certified, cs_managed or seconded: 否 says the same.
    let dir = setup(
        "人员编号,所在机构,编制类别,执法证,参公管理,挂职\nX002,dzb,行政,否,否,否\nX001,xiaozhen,行政,是,否,否\n",
    );
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(
        shown.contains("~ X001  enforcement_certified: (none) → true\n"),
        "{shown}"
    );
    assert!(!shown.contains("X002"), "{shown}");
    assert!(shown.contains("0 added, 1 updated, 1 unchanged"), "{shown}");

    // The org file's roster as a report writes it, imported into its own file: no change at all.
    let dir = setup("");
    let report = Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(dir.path())
        .args([
            "report",
            "org.toml",
            "--format",
            "xlsx",
            "-o",
            "roster.xlsx",
            "--show-names",
        ])
        .output()
        .expect("run");
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let out = import(dir.path(), "roster.xlsx", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("0 added, 0 updated, 2 unchanged"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("~ "), "{}", stdout(&out));
}

#[test]
fn a_body_written_after_the_towns_name_or_by_its_alias_is_found() {
    let dir = setup_qs();
    let csv = "人员编号,所在单位,编制类型\nX301,清水镇党政办,行政编\nX302,为民服务中心,事业编\nX303,便民服务中心,事业编\nX304,清水镇政府,行政编\nX305,清水镇,行政编\nX306,清水镇人民政府综合行政执法局,行政编\nX307,清水镇党委政府,行政编\nX308,清水镇领导班子,行政编\n";
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = stdout(&out);
    for (id, body) in [
        ("X301", "office"),
        ("X302", "service"),
        ("X303", "service"),
        ("X304", "qingshui"),
        ("X305", "qingshui"),
        ("X306", "enforcement"),
        ("X307", "qingshui"),
        ("X308", "qingshui"),
    ] {
        assert!(
            shown.contains(&format!("+ {id}  body = \"{body}\"")),
            "{id}: {shown}"
        );
    }
}

#[test]
fn an_unknown_body_gets_the_closest_name_suggested_only_where_close() {
    let dir = setup_qs();
    let csv = "人员编号,所在单位,编制类型\nX401,清水镇综合执法局,行政编\nX402,清水镇宣传办,行政编\nX403,为民服务中新,事业编\nX404,党政办公室,行政编\n";
    std::fs::write(dir.path().join("roster.csv"), csv).expect("write");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("row 2, column B (所在单位): unknown body `清水镇综合执法局`: not a body id or name in the org file; did you mean `综合行政执法局`?\n"),
        "{err}"
    );
    assert!(
        err.contains("row 3, column B (所在单位): unknown body `清水镇宣传办`: not a body id or name in the org file\n"),
        "{err}"
    );
    assert!(err.contains("did you mean `为民服务中心`?"), "{err}");
    // One good row: --force would import it, and is offered.
    assert!(
        err.contains("or import the 1 good row with --force"),
        "{err}"
    );
    assert_eq!(org_text(dir.path()), ORG_QS);
}

#[test]
fn force_is_offered_only_where_it_would_import_something() {
    // Every row bad: --force would import nothing, so it is not offered.
    let dir = setup("人员编号,所在机构,编制类别\nX003,宣传办,行政\nX004,dzb,临时工\n");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("nothing written: fix these rows, or map their columns with --map"),
        "{err}"
    );
    assert!(!err.contains("--force"), "{err}");

    // The header wrong: --force is refused, so not offered.
    let dir = setup("人员编号,所在机构\nX003,dzb\n");
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains("--force"), "{}", stderr(&out));

    // Some good, some bad: offered, in both languages, with how many rows it imports.
    let dir = setup("人员编号,所在机构,编制类别\nX003,宣传办,行政\nX004,dzb,行政\nX005,dzb,行政\n");
    let out = import(dir.path(), "roster.csv", &[]);
    assert!(
        stderr(&out).contains("or import the 2 good rows with --force"),
        "{}",
        stderr(&out)
    );
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(dir.path())
        .args(["import", "roster.csv", "--into", "org.toml", "--lang", "zh"])
        .output()
        .expect("run");
    assert!(
        stderr(&out).contains("或用 --force 只导入其余 2 行"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn csv_rows_are_numbered_by_their_line_whatever_the_line_ends() {
    for end in ["\n", "\r\n"] {
        let csv = [
            "人员编号,所在机构,编制类别",
            "X003,dzb,行政",
            ",,",
            "X004,宣传办,行政",
            "\"X005\",\"dzb\n\",行政",
        ]
        .join(end);
        let dir = setup(&csv);
        let out = import(dir.path(), "roster.csv", &[]);
        let err = stderr(&out);
        assert!(
            err.contains("row 4, column B (所在机构): unknown body `宣传办`"),
            "{end:?}: {err}"
        );
    }
}

#[test]
fn a_repeated_header_a_numbered_empty_row_and_a_note_are_passed_over() {
    let dir = setup(
        "序号,人员编号,所在机构,编制类别\n1,X003,dzb,行政\n序号,人员编号,所在机构,编制类别\n2,X004,dzb,行政\n3,,,\n注：1. 本表不含编外人员。,,,\n2. 人员编号为实名制系统编号。,,,\n",
    );
    let out = import(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(
        shown.contains("not persons, not imported: 2 footer rows (注: rows 6, 7); the header again on 1 row (row 3); 1 row with nothing in an imported column (row 5)\n"),
        "{shown}"
    );
    assert!(shown.contains("2 added, 0 updated"), "{shown}");
}

/// The page's browser test (scripts/web-test.sh) picks the export as a clerk would:
/// `tests/fixtures/import/qingshui/` holds [`ORG_QS`] and [`system_export_xlsx`]'s workbook.
/// Written again with `UPDATE_FIXTURES=1`; compared here cell by cell (a workbook's bytes carry
/// the time it was saved).
#[test]
fn the_page_s_copy_of_the_system_export_is_this_one() {
    use calamine::Reader;
    let dir = Path::new("tests/fixtures/import/qingshui");
    let (org, xlsx) = (dir.join("2024.toml"), dir.join("实名制导出.xlsx"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let made = tmp.path().join("made.xlsx");
    system_export_xlsx(&made);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(dir).expect("mkdir");
        std::fs::write(&org, ORG_QS).expect("write");
        std::fs::copy(&made, &xlsx).expect("copy");
    }
    assert_eq!(std::fs::read_to_string(&org).expect("read"), ORG_QS);
    let sheet = |p: &Path| {
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(p).expect("open");
        let name = wb.sheet_names()[0].clone();
        let merged = wb.merge_cells_by_sheet_name(&name).expect("merged");
        (wb.worksheet_range(&name).expect("sheet"), merged)
    };
    assert_eq!(
        sheet(&xlsx),
        sheet(&made),
        "{} is not system_export_xlsx's: write it again with UPDATE_FIXTURES=1",
        xlsx.display()
    );
}
