use proptest::prelude::*;

use super::reader::{closest, is_id};
use super::*;
use crate::base::i18n::common::levenshtein;
use crate::base::source::{SourceFile, Sp, Span};
use crate::model::*;

const FILE: FileId = FileId(0);

fn load(text: &str) -> (SourceFile, Loaded) {
    let src = SourceFile::new("t.toml", text);
    let loaded = load_org(FILE, &src, true);
    (src, loaded)
}

fn org(text: &str) -> OrgFile {
    match load(text).1 {
        Loaded::Org(o) => *o,
        other => panic!("expected an org file, got {other:#?}"),
    }
}

/// Each error as `line:col message`, English, for compact assertions.
fn errors(text: &str) -> Vec<String> {
    let (src, loaded) = load(text);
    let Loaded::Invalid(errors) = loaded else {
        panic!("expected errors, got {loaded:#?}");
    };
    errors
        .iter()
        .map(|e| {
            let (line, col) = src.line_col(e.span.unwrap_or_default().start);
            format!("{line}:{col} {}", e.message.en)
        })
        .collect()
}

fn one_error(text: &str) -> String {
    let all = errors(text);
    assert_eq!(all.len(), 1, "expected one error, got {all:#?}");
    all.into_iter().next().unwrap_or_default()
}

fn first_error(text: &str) -> InputError {
    match load(text).1 {
        Loaded::Invalid(mut e) if !e.is_empty() => e.remove(0),
        other => panic!("expected errors, got {other:#?}"),
    }
}

const UNIT: &str = "[unit]\nid = \"t\"\nname = \"T\"\nkind = \"town\"\nas_of = 2024-06-30\n";

fn with_unit(rest: &str) -> String {
    format!("{UNIT}{rest}")
}

const FULL_EN: &str = r#"
[unit]
id = "shengze"
name = "盛泽镇"
kind = "town"
as_of = 2024-06-30
status = "proposal"
parent = "wujiang"
grade = "deputy_division"
region = "east"
developed_town = true

[unit.zone]
name = "盛泽经济开发区"
mode = "separate"
quota = { administrative = 5 }
posts = { section = 1 }

[unit.stats]
built_up_population = 250000
top10_years = 3
fiscal_revenue = 42000.5

[quota]
administrative = 40
political_legal = 3
institution = 120
worker = 2

[quota.posts]
section = 3
deputy_section = 10

[[body]]
id = "econ"
name = "经济发展局"
kind = "functional"
office = "back"
grade = "section"
approval = { by = "县委编委", doc = "吴编〔2024〕1号", date = 2024-01-15 }
quota = { administrative = 8, institution = 2 }
posts = { section = 1, deputy_section = 2 }
staff = { none = 3 }
merged_from = ["old-econ", "old-trade"]

[[body]]
id = "service"
name = "便民服务中心"
kind = "functional"
office = "front"
duty = "service"

[[body]]
id = "econ_planning"
name = "规划科"
kind = "institution"
parent = "econ"

[[body]]
id = "police"
name = "派出所"
kind = "dispatched"

[body.dispatched]
by = "县公安局"
localized = false
assessment = "county"
appointment_consultation = true

[[person]]
id = "e001"
name = "张三"
body = "shengze"
establishment = "administrative"
title = "镇长"
grade = "section"
rank = "principal_staff_1"
enforcement_certified = true
upper_post = "副县长"
concurrent = ["党委副书记"]

[[person]]
id = "e002"
body = "econ"
establishment = "none"
fiscally_funded = true

[[person]]
id = "e003"
body = "econ"
establishment = "institution"

[[power]]
code = "330217001000"
name = "建设工程规划许可"
category = "licensing"
handled_by = "service"
holder = "wujiang"
from = "县自然资源局"
legal_basis = "城乡规划法第四十条"
responsibilities = ["受理", "审查"]
published = true
support = ["training", "system"]
funding = "县财政转移支付"

[[departure]]
person = "e009"
reason = "retired"

[[exception]]
rule = "BZ101"
target = "econ"
approval = "吴编〔2024〕7号"
reason = "临时任务"
expires = 2025-12-31
"#;

#[test]
fn a_full_english_file_loads_with_every_key() {
    let o = org(FULL_EN);
    let u = &o.unit;
    assert_eq!(u.id.value, "shengze");
    assert_eq!(u.kind.value, UnitKind::Town);
    assert_eq!(u.as_of.value.to_string(), "2024-06-30");
    assert_eq!(u.status.value, Status::Proposal);
    assert_eq!(u.parent.as_ref().map(|p| p.value.as_str()), Some("wujiang"));
    assert_eq!(u.grade.value, Grade::DeputyDivision);
    assert_eq!(u.region.as_ref().map(|r| r.value), Some(Region::East));
    assert_eq!(u.developed_town.as_ref().map(|d| d.value), Some(true));
    let zone = u.zone.as_ref().expect("zone");
    assert_eq!(
        zone.mode.as_ref().map(|m| m.value),
        Some(ZoneMode::Separate)
    );
    assert!(zone.quota.is_some() && zone.posts.is_some());
    let stats = u.stats.as_ref().expect("stats");
    assert_eq!(
        stats.built_up_population.as_ref().map(|n| n.value),
        Some(250_000)
    );
    assert_eq!(stats.top10_years.as_ref().map(|n| n.value), Some(3));
    assert_eq!(
        stats.fiscal_revenue.as_ref().map(|n| n.value),
        Some(42000.5)
    );

    assert_eq!(o.quota.get(Category::Administrative), 40);
    assert_eq!(o.quota.get(Category::Worker), 2);
    assert_eq!(o.quota.total(), 165);
    assert_eq!(o.posts.get(Grade::DeputySection), 10);

    assert_eq!(o.bodies.len(), 4);
    let econ = o.body("econ").expect("econ");
    assert_eq!(econ.grade.as_ref().map(|g| g.value), Some(Grade::Section));
    assert_eq!(econ.quota.get(Category::Institution), 2);
    assert_eq!(econ.staff.get(Establishment::None), 3);
    assert_eq!(econ.merged_from.len(), 2);
    let approval = econ.approval.as_ref().expect("approval");
    assert_eq!(
        approval
            .date
            .as_ref()
            .map(|d| d.value.to_string())
            .as_deref(),
        Some("2024-01-15")
    );
    assert!(o.body("service").expect("service").is_front(Duty::Service));
    let planning = o.body("econ_planning").expect("planning");
    assert_eq!(planning.office, None, "no office for a non-functional body");
    assert_eq!(planning.grade, None, "no default grade for a sub-body");
    let police = o.body("police").expect("police");
    let d = police.dispatched.as_ref().expect("dispatched");
    assert_eq!(
        d.assessment.as_ref().map(|a| a.value),
        Some(Assessor::County)
    );
    assert_eq!(
        police.grade.as_ref().map(|g| g.value),
        Some(Grade::UnitLevel)
    );

    let e001 = o.person("e001").expect("e001");
    assert_eq!(
        e001.rank.as_ref().map(|r| r.value),
        Some(Rank::PrincipalStaff1)
    );
    assert_eq!(e001.concurrent[0].value, "党委副书记");
    assert!(e001.certified());
    assert_eq!(o.leadership().count(), 1);
    assert!(
        o.person("e002").expect("e002").fiscally_funded.value,
        "explicit value wins"
    );
    assert!(o.person("e003").expect("e003").fiscally_funded.value);

    let p = &o.powers[0];
    assert_eq!(p.category.value, PowerCategory::Licensing);
    assert_eq!(p.responsibilities.as_ref().map(|r| r.value.len()), Some(2));
    assert_eq!(
        o.departures[0].reason.as_ref().map(|r| r.value),
        Some(DepartureReason::Retired)
    );
    assert_eq!(
        o.exceptions[0].expires.as_ref().map(|d| d.value.year),
        Some(2025)
    );
}

#[test]
fn chinese_spellings_load_to_the_same_values() {
    let o = org(r#"
[unit]
id = "lili"
name = "黎里镇"
kind = "镇"
as_of = 2024-06-30
status = "现状"
region = "东部"

[unit.zone]
mode = "镇区合一"

[quota]
"行政编制" = 30
"政法专项编制" = 2

[quota.posts]
"正科" = 3
"副科" = 9

[[body]]
id = "zf"
name = "综合执法局"
kind = "职能机构"
office = "前台"
duty = "综合执法"
grade = "副科"
staff = { "编外" = 4, "事业编制" = 1 }

[[body]]
id = "pcs"
name = "派出所"
kind = "派驻机构"
dispatched = { assessment = "镇" }

[[person]]
id = "001"
body = "zf"
establishment = "编外"
rank = "一级科员"

[[power]]
code = "P1"
category = "行政处罚"

[[departure]]
person = "009"
reason = "调出"
"#);
    assert_eq!(o.unit.kind.value, UnitKind::Town);
    assert_eq!(o.unit.region.as_ref().map(|r| r.value), Some(Region::East));
    let zone = o.unit.zone.as_ref().expect("zone");
    assert_eq!(zone.mode.as_ref().map(|m| m.value), Some(ZoneMode::Merged));
    assert_eq!(zone.quota, None);
    assert_eq!(o.quota.get(Category::PoliticalLegal), 2);
    assert_eq!(o.posts.get(Grade::Section), 3);
    let zf = o.body("zf").expect("zf");
    assert!(zf.is_front(Duty::Enforcement));
    assert_eq!(
        zf.grade.as_ref().map(|g| g.value),
        Some(Grade::DeputySection)
    );
    assert_eq!(zf.staff.get(Establishment::None), 4);
    // Counts keep the order written, though the TOML map is sorted.
    assert_eq!(zf.staff.entries[0].0.value, Establishment::None);
    let pcs = o.body("pcs").expect("pcs");
    assert_eq!(pcs.office, None);
    let d = pcs.dispatched.as_ref().expect("dispatched");
    assert_eq!(d.assessment.as_ref().map(|a| a.value), Some(Assessor::Town));
    let p = o.person("001").expect("001");
    assert_eq!(p.establishment.value, Establishment::None);
    assert!(
        !p.fiscally_funded.value,
        "编外 is not fiscally funded by default"
    );
    assert_eq!(p.rank.as_ref().map(|r| r.value), Some(Rank::Staff1));
    assert_eq!(o.powers[0].category.value, PowerCategory::Penalty);
    assert_eq!(
        o.departures[0].reason.as_ref().map(|r| r.value),
        Some(DepartureReason::Transferred)
    );
}

#[test]
fn defaults_carry_the_span_of_their_table() {
    let text = with_unit("[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\n");
    let o = org(&text);
    let unit_header = Span::new(0, 6);
    assert_eq!(o.unit.span, unit_header);
    assert_eq!(o.unit.status, Sp::new(Status::Current, unit_header));
    assert_eq!(o.unit.grade, Sp::new(Grade::Section, unit_header));
    assert_eq!(o.quota, Counts::absent(unit_header));
    let b = &o.bodies[0];
    assert_eq!(&text[b.span.start..b.span.end], "[[body]]");
    assert_eq!(b.office, Some(Sp::new(Office::Back, b.span)));
    assert_eq!(b.grade, Some(Sp::new(Grade::UnitLevel, b.span)));
    assert_eq!(b.quota, Counts::absent(b.span));

    let county = org("[unit]\nid = \"c\"\nname = \"C\"\nkind = \"county\"\nas_of = 2024-01-01\n");
    assert_eq!(county.unit.grade.value, Grade::Division);
}

#[test]
fn table_spans_cover_only_the_header() {
    let text = with_unit("[quota]\nadministrative = 1\n[[body]]\nid = \"a\"\nname = \"A\"\nkind = \"institution\"\nquota.worker = 2\n[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"institution\"\nposts = { section = 1 }\n");
    let o = org(&text);
    let at = |s: Span| &text[s.start..s.end];
    assert_eq!(at(o.quota.span), "[quota]");
    assert_eq!(at(o.bodies[0].span), "[[body]]");
    assert_eq!(
        at(o.bodies[0].quota.span),
        "quota",
        "a dotted-key table spans its key"
    );
    assert_eq!(at(o.bodies[1].posts.span), "{ section = 1 }");
    assert_eq!(at(o.bodies[1].span), "[[body]]");
    assert!(o.bodies[1].span.start > o.bodies[0].span.start);
}

#[test]
fn syntax_errors_are_all_reported_with_their_spans() {
    let all = errors("[unit]\nid = \"a\"\nid = \"b\"\nname = \n");
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(all[0], "3:1 duplicate key");
    assert!(all[1].starts_with("4:"), "{all:#?}");
    let e = first_error("[[body]]\n[body]\n");
    assert_eq!(e.message.en, "duplicate key");
    assert_eq!(e.message.zh, "重复的键");
}

#[test]
fn wrong_types_name_both_toml_types() {
    let text = "[unit]\nid = \"t\"\nname = \"T\"\nkind = \"town\"\nas_of = \"2024-06-30\"\n";
    assert_eq!(
        one_error(text),
        "5:9 wrong type for `as_of` in [unit]: expected a date, found a string"
    );
    let e = first_error(text);
    assert_eq!(
        e.message.zh,
        "[unit] 中 `as_of` 的类型错误：应为日期，实为字符串"
    );
    assert_eq!(
        one_error(&with_unit("[[person]]\nid = \"p\"\nbody = \"t\"\nestablishment = \"none\"\nconcurrent = [\"a\", 2]\n")),
        "10:20 wrong type for `concurrent` in [[person]]: expected a string, found an integer"
    );
    assert_eq!(
        one_error(&with_unit("[unit.stats]\nfiscal_revenue = true\n")),
        "7:18 wrong type for `fiscal_revenue` in [unit.stats]: expected a number, found a boolean"
    );
    assert_eq!(
        one_error(&format!("quota = 3\n{UNIT}")),
        "1:9 wrong type for top-level `quota`: expected a table, found an integer"
    );
}

#[test]
fn a_date_with_a_time_is_rejected() {
    let text = "[unit]\nid = \"t\"\nname = \"T\"\nkind = \"town\"\nas_of = 2024-06-30T08:00:00\n";
    assert_eq!(
        one_error(text),
        "5:9 `as_of` in [unit] must be a plain date such as 2024-06-30, without a time or an offset"
    );
    let text = with_unit("[[exception]]\nrule = \"BZ101\"\nexpires = 2025-01-01T00:00:00Z\n");
    assert!(one_error(&text).starts_with("8:11 `expires` in [[exception]] must be a plain date"));
}

#[test]
fn unknown_keys_suggest_the_closest_known_key() {
    let text =
        with_unit("[[body]]\nid = \"b\"\nnmae = \"B\"\nname = \"B\"\nkind = \"functional\"\n");
    assert_eq!(one_error(&text), "8:1 unknown key `nmae` in [[body]]");
    let e = first_error(&text);
    assert_eq!(e.message.zh, "[[body]] 中有未知的键 `nmae`");
    let help = e.help.expect("help");
    assert_eq!(help.en, "did you mean `name`?");
    assert_eq!(help.zh, "是否应为 `name`？");

    let e = first_error(&with_unit("[[persons]]\nid = \"x\"\n"));
    assert_eq!(e.message.en, "unknown top-level key `persons`");
    assert_eq!(
        e.help.map(|h| h.en).as_deref(),
        Some("did you mean `person`?")
    );

    // Nothing close: the help lists the keys instead.
    let e = first_error(&with_unit("[unit.stats]\nxyzzy = 1\n"));
    assert!(e
        .help
        .expect("help")
        .en
        .starts_with("expected one of `built_up_population`"));
}

#[test]
fn unknown_catalog_values_list_both_spellings() {
    let text = "[unit]\nid = \"t\"\nname = \"T\"\nkind = \"village\"\nas_of = 2024-06-30\n";
    assert_eq!(
        one_error(text),
        "4:8 unknown value `village` for `kind` in [unit]: expected one of town/镇, township/乡, subdistrict/街道, county/县"
    );
    let e = first_error(&with_unit(
        "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functionl\"\n",
    ));
    assert_eq!(
        e.help.map(|h| h.en).as_deref(),
        Some("did you mean `functional`?")
    );
    assert!(one_error(&with_unit(
        "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\noffice = \"front\"\nduty = \"police\"\n"
    ))
    .starts_with("11:8 unknown value `police` for `duty` in [[body]]"));
}

#[test]
fn ids_follow_the_pattern_and_free_ids_are_not_empty() {
    let text = "[unit]\nid = \"Sheng Ze\"\nname = \"T\"\nkind = \"town\"\nas_of = 2024-06-30\n";
    assert_eq!(
        one_error(text),
        "2:6 invalid id `Sheng Ze` for `id` in [unit]"
    );
    assert!(first_error(text).help.is_some());
    assert_eq!(
        one_error(&with_unit(
            "[[body]]\nid = \"-b\"\nname = \"B\"\nkind = \"functional\"\n"
        )),
        "7:6 invalid id `-b` for `id` in [[body]]"
    );
    assert_eq!(
        one_error(&with_unit("[[power]]\ncode = \"\"\ncategory = \"other\"\n")),
        "7:8 `code` in [[power]] must not be empty"
    );
    assert!(
        is_id("a") && is_id("0-a_b") && !is_id("") && !is_id("_a") && !is_id("aB") && !is_id("镇")
    );
}

#[test]
fn counts_are_non_negative_integers_with_catalog_keys() {
    assert_eq!(
        one_error(&with_unit("[quota]\nadministrative = -1\n")),
        "7:18 `administrative` in [quota] must not be negative"
    );
    assert_eq!(
        one_error(&with_unit("[quota]\nworker = 1.5\n")),
        "7:10 wrong type for `worker` in [quota]: expected an integer, found a float"
    );
    assert_eq!(
        one_error(&with_unit("[quota]\nworker = 4294967296\n")),
        "7:10 `worker` in [quota] is too large (at most 4294967295)"
    );
    assert_eq!(
        one_error(&with_unit(
            "[quota]\nworker = 99999999999999999999999999999999999999999\n"
        )),
        "7:10 `worker` in [quota] is too large (at most 4294967295)"
    );
    let e = one_error(&with_unit("[quota]\nadmin = 1\n"));
    assert!(
        e.starts_with(
            "7:1 unknown key `admin` in [quota]: expected one of administrative/行政编制,"
        ),
        "{e}"
    );
    assert!(e.ends_with(", posts"), "{e}");
    let e = one_error(&with_unit("[quota.posts]\n\"正处级\" = 1\n"));
    assert!(
        e.starts_with("7:1 unknown key `正处级` in [quota.posts]: expected one of division/正处"),
        "{e}"
    );
    let e = one_error(&with_unit(
        "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"institution\"\nstaff = { nobody = 1 }\n",
    ));
    assert!(
        e.starts_with("10:11 unknown key `nobody` in [body.staff]"),
        "{e}"
    );
    assert!(e.contains("none/编外"), "{e}");

    let typo = with_unit("[quota]\nadminstrative = -1\n");
    assert_eq!(
        errors(&typo).len(),
        1,
        "an unknown key's value is not checked too"
    );
    let help = first_error(&typo).help.map(|h| h.en);
    assert_eq!(help.as_deref(), Some("did you mean `administrative`?"));

    let e = first_error(&with_unit(
        "[quota]\nadministrative = 1\n\"行政编制\" = 2\n",
    ));
    assert_eq!(
        e.message.en,
        "`行政编制` in [quota] repeats `administrative`: both spellings name the same thing"
    );
    assert_eq!(e.labels.len(), 1);
}

#[test]
fn stats_are_checked() {
    assert_eq!(
        one_error(&with_unit("[unit.stats]\ntop10_years = -2\n")),
        "7:15 `top10_years` in [unit.stats] must not be negative"
    );
    assert_eq!(
        one_error(&with_unit("[unit.stats]\nfiscal_revenue = inf\n")),
        "7:18 `fiscal_revenue` in [unit.stats] must be a finite number"
    );
    let o = org(&with_unit("[unit.stats]\nfiscal_revenue = 12\n"));
    assert_eq!(
        o.unit.stats.and_then(|s| s.fiscal_revenue).map(|f| f.value),
        Some(12.0)
    );
}

#[test]
fn missing_keys_point_at_the_table_header() {
    assert_eq!(
        errors("[unit]\nid = \"t\"\n"),
        [
            "1:1 missing key `name` in [unit]",
            "1:1 missing key `kind` in [unit]",
            "1:1 missing key `as_of` in [unit]",
        ]
    );
    assert_eq!(
        one_error(&with_unit("\n[[person]]\nid = \"p\"\nbody = \"t\"\n")),
        "7:1 missing key `establishment` in [[person]]"
    );
    assert_eq!(
        one_error(&with_unit("[[departure]]\n")),
        "6:1 missing key `person` in [[departure]]"
    );
    assert_eq!(
        one_error(&with_unit("[[exception]]\n")),
        "6:1 missing key `rule` in [[exception]]"
    );
    let e = one_error(&format!("power = [{{ code = \"x\" }}]\n{UNIT}"));
    assert_eq!(
        e, "1:10 missing key `category` in [[power]]",
        "an inline table spans the whole table"
    );
}

#[test]
fn a_single_table_where_an_array_of_tables_is_expected() {
    assert_eq!(
        one_error(&with_unit("[body]\nid = \"b\"\n")),
        "6:1 `body` must be an array of tables: write [[body]], not [body]"
    );
    assert_eq!(
        one_error(&format!("body = [1]\n{UNIT}")),
        "1:9 wrong type for top-level `body`: expected a table, found an integer"
    );
}

#[test]
fn three_different_errors_are_all_reported() {
    let text = r#"[unit]
id = "t"
name = "T"
kind = "town"
as_of = 2024-06-30
regoin = "east"

[quota]
administrative = -3

[[body]]
id = "b"
name = "B"
kind = "functional"
office = "middle"
"#;
    let all = errors(text);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_eq!(all[0], "6:1 unknown key `regoin` in [unit]");
    assert_eq!(
        all[1],
        "9:18 `administrative` in [quota] must not be negative"
    );
    assert!(all[2].starts_with("15:10 unknown value `middle` for `office` in [[body]]"));
}

#[test]
fn files_without_unit() {
    let src = |t: &str| SourceFile::new("x.toml", t);
    let invalid = |l: Loaded| match l {
        Loaded::Invalid(e) => e
            .into_iter()
            .map(|e| (e.span, e.message.en))
            .collect::<Vec<_>>(),
        other => panic!("expected errors, got {other:#?}"),
    };
    let empty = "empty file: an org file needs a [unit] table".to_string();
    assert_eq!(
        invalid(load_org(FILE, &src(""), true)),
        [(Some(Span::new(0, 0)), empty.clone())]
    );
    assert_eq!(
        invalid(load_org(FILE, &src(" \n\t\n"), false)),
        [(Some(Span::new(0, 0)), empty)]
    );
    assert_eq!(
        invalid(load_org(FILE, &src("[rules]\nx = 1\n"), true)),
        [(
            Some(Span::new(0, 0)),
            "no [unit] table: not an org file".to_string()
        )]
    );
    assert!(matches!(
        load_org(FILE, &src("[rules]\nx = 1\n"), false),
        Loaded::NotOrg
    ));
    assert!(matches!(
        load_org(FILE, &src("# just a comment\n"), false),
        Loaded::NotOrg
    ));

    // The rule pack of RULES.md, found next to org files.
    let pack = "[pack]\nid = \"jiangsu-2017\"\nextends = [\"national\"]\n\n[rule.functional-body-limit]\nlevel = \"error\"\nmax = 10\n\n[[custom]]\ncode = \"JS101\"\n";
    assert!(matches!(load_org(FILE, &src(pack), false), Loaded::NotOrg));

    let broken = "[[body]]\nid = \"b\"\nnmae = \"B\"\n";
    let all = invalid(load_org(FILE, &src(broken), false));
    assert_eq!(all[0].1, "no [unit] table, though the file has [[body]]");
    // The rest of the file is still checked.
    assert!(
        all.iter()
            .any(|(_, m)| m == "unknown key `nmae` in [[body]]"),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|(_, m)| m == "missing key `name` in [[body]]"),
        "{all:#?}"
    );
}

#[test]
fn every_message_has_both_languages_in_style() {
    let texts = [
        FULL_EN.replace("kind = \"town\"", "kind = 1"),
        with_unit("[body]\n"),
        with_unit("[quota]\nx = -1\nworker = 1.0\n[unit.zone]\nmode = \"m\"\nfoo = 1\n"),
        "[unit]\nas_of = 2024-01-01T00:00:00\nid = \"A\"\n".to_string(),
        "a = 1\na = 2\nb = [".to_string(),
        String::new(),
    ];
    for t in &texts {
        let Loaded::Invalid(errors) = load(t).1 else {
            panic!("expected errors for {t}");
        };
        for e in errors {
            for m in [&e.message.en, &e.message.zh] {
                assert!(
                    !m.is_empty() && !m.ends_with('.') && !m.ends_with('。'),
                    "{m}"
                );
            }
            assert!(
                !e.message.en.starts_with(|c: char| c.is_ascii_uppercase()),
                "{}",
                e.message.en
            );
            assert_ne!(e.message.en, e.message.zh);
        }
    }
}

#[test]
fn edit_distance() {
    assert_eq!(levenshtein("", "abc"), 3);
    assert_eq!(levenshtein("nmae", "name"), 2);
    assert_eq!(levenshtein("kitten", "sitting"), 3);
    assert_eq!(levenshtein("编外", "编内"), 1);
    assert_eq!(closest("nmae", ["id", "name", "kind"]), Some("name"));
    assert_eq!(closest("xy", ["id"]), None);
}

proptest! {
    #[test]
    fn never_panics_on_text(s in ".*") {
        let _ = load_org(FILE, &SourceFile::new("p.toml", s.as_str()), true);
        let _ = load_org(FILE, &SourceFile::new("p.toml", s.as_str()), false);
    }

    #[test]
    fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..200)) {
        let s = String::from_utf8_lossy(&b);
        let _ = load_org(FILE, &SourceFile::new("p.toml", s.as_ref()), true);
    }

    #[test]
    fn never_panics_on_mutated_org_files(cut in 0usize..2000, insert in "[\\[\\]=\"{}, \n.a-z0-9-]{0,8}") {
        let mut text = FULL_EN.to_string();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, &insert);
        let _ = load_org(FILE, &SourceFile::new("p.toml", text.as_str()), true);
    }
}

/// Every enumerated value of FORMAT.md, in both spellings, as the format lists them.
#[test]
fn every_catalog_value_of_the_format_loads_in_both_spellings() {
    let unit = |kind: &str, extra: &str| {
        format!("[unit]\nid = \"t\"\nname = \"T\"\nkind = \"{kind}\"\nas_of = 2024-06-30\n{extra}")
    };
    for (en, zh, want) in [
        ("town", "镇", UnitKind::Town),
        ("township", "乡", UnitKind::Township),
        ("subdistrict", "街道", UnitKind::Subdistrict),
        ("county", "县", UnitKind::County),
    ] {
        assert_eq!(org(&unit(en, "")).unit.kind.value, want);
        assert_eq!(org(&unit(zh, "")).unit.kind.value, want);
    }
    for (en, zh, want) in [
        ("current", "现状", Status::Current),
        ("proposal", "方案", Status::Proposal),
    ] {
        for s in [en, zh] {
            let o = org(&unit("town", &format!("status = \"{s}\"\n")));
            assert_eq!(o.unit.status.value, want, "{s}");
        }
    }
    for (en, zh, want) in [
        ("east", "东部", Region::East),
        ("central", "中部", Region::Central),
        ("northeast", "东北", Region::Northeast),
        ("west", "西部", Region::West),
    ] {
        for s in [en, zh] {
            let o = org(&unit("town", &format!("region = \"{s}\"\n")));
            assert_eq!(o.unit.region.map(|r| r.value), Some(want), "{s}");
        }
    }
    let grades = [
        ("division", "正处", Grade::Division),
        ("deputy_division", "副处", Grade::DeputyDivision),
        ("section", "正科", Grade::Section),
        ("deputy_section", "副科", Grade::DeputySection),
        ("unit_level", "股级", Grade::UnitLevel),
    ];
    for (en, zh, want) in grades {
        for s in [en, zh] {
            let o = org(&unit(
                "town",
                &format!(
                    "grade = \"{s}\"\n[quota.posts]\n\"{s}\" = 2\n[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"institution\"\ngrade = \"{s}\"\nposts = {{ \"{s}\" = 1 }}\n[[person]]\nid = \"p\"\nbody = \"b\"\nestablishment = \"none\"\ngrade = \"{s}\"\n"
                ),
            ));
            assert_eq!(o.unit.grade.value, want, "{s}");
            assert_eq!(o.posts.get(want), 2, "{s}");
            assert_eq!(o.bodies[0].grade.as_ref().map(|g| g.value), Some(want));
            assert_eq!(o.bodies[0].posts.get(want), 1, "{s}");
            assert_eq!(o.persons[0].grade.as_ref().map(|g| g.value), Some(want));
        }
    }
    let categories = [
        ("administrative", "行政编制", Category::Administrative),
        ("political_legal", "政法专项编制", Category::PoliticalLegal),
        ("institution", "事业编制", Category::Institution),
        ("worker", "机关工勤编制", Category::Worker),
    ];
    for (en, zh, want) in categories {
        for s in [en, zh] {
            let o = org(&unit(
                "town",
                &format!(
                    "[quota]\n\"{s}\" = 3\n[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\nquota = {{ \"{s}\" = 2 }}\nstaff = {{ \"{s}\" = 1 }}\n[[person]]\nid = \"p\"\nbody = \"b\"\nestablishment = \"{s}\"\n"
                ),
            ));
            assert_eq!(o.quota.get(want), 3, "{s}");
            assert_eq!(o.quota.total(), 3, "{s}");
            assert_eq!(o.bodies[0].quota.get(want), 2, "{s}");
            assert_eq!(o.bodies[0].staff.get(want.into()), 1, "{s}");
            let p = &o.persons[0];
            assert_eq!(p.establishment.value.category(), Some(want), "{s}");
            assert!(p.fiscally_funded.value, "{s}: fiscally funded by default");
        }
    }
    for s in ["none", "编外"] {
        let o = org(&unit(
            "town",
            &format!(
                "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\nstaff = {{ \"{s}\" = 2 }}\n[[person]]\nid = \"p\"\nbody = \"b\"\nestablishment = \"{s}\"\n"
            ),
        ));
        assert_eq!(o.bodies[0].staff.get(Establishment::None), 2, "{s}");
        assert_eq!(o.persons[0].establishment.value, Establishment::None);
        assert!(
            !o.persons[0].fiscally_funded.value,
            "{s}: not funded by default"
        );
    }
    for (en, zh, want) in [
        ("functional", "职能机构", BodyKind::Functional),
        ("institution", "事业单位", BodyKind::Institution),
        ("dispatched", "派驻机构", BodyKind::Dispatched),
        ("party_mass", "群团组织", BodyKind::PartyMass),
        ("coordination", "议事协调机构", BodyKind::Coordination),
    ] {
        for s in [en, zh] {
            let o = org(&unit(
                "town",
                &format!("[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"{s}\"\n"),
            ));
            assert_eq!(o.bodies[0].kind.value, want, "{s}");
        }
    }
    for (office, duty, want) in [
        ("front", "service", Duty::Service),
        ("前台", "便民服务", Duty::Service),
        ("front", "enforcement", Duty::Enforcement),
        ("前台", "综合执法", Duty::Enforcement),
    ] {
        let o = org(&unit(
            "town",
            &format!("[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"职能机构\"\noffice = \"{office}\"\nduty = \"{duty}\"\n"),
        ));
        assert!(o.bodies[0].is_front(want), "{office} {duty}");
    }
    for s in ["back", "后台"] {
        let o = org(&unit(
            "town",
            &format!(
                "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\noffice = \"{s}\"\n"
            ),
        ));
        assert_eq!(
            o.bodies[0].office.as_ref().map(|o| o.value),
            Some(Office::Back)
        );
    }
    for (s, want) in [
        ("town", Assessor::Town),
        ("镇", Assessor::Town),
        ("county", Assessor::County),
        ("县", Assessor::County),
    ] {
        let o = org(&unit(
            "town",
            &format!("[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"派驻机构\"\n[body.dispatched]\nby = \"县公安局\"\nlocalized = false\nassessment = \"{s}\"\nappointment_consultation = true\n"),
        ));
        let d = o.bodies[0].dispatched.as_ref().expect("dispatched");
        assert_eq!(d.assessment.as_ref().map(|a| a.value), Some(want), "{s}");
        assert_eq!(d.localized.as_ref().map(|l| l.value), Some(false));
        assert_eq!(d.by.as_ref().map(|b| b.value.as_str()), Some("县公安局"));
    }
    for (s, want) in [
        ("merged", ZoneMode::Merged),
        ("镇区合一", ZoneMode::Merged),
        ("separate", ZoneMode::Separate),
    ] {
        let o = org(&unit(
            "town",
            &format!("[unit.zone]\nname = \"Z\"\nmode = \"{s}\"\n"),
        ));
        let zone = o.unit.zone.expect("zone");
        assert_eq!(zone.mode.map(|m| m.value), Some(want), "{s}");
    }
    for (en, zh, want) in [
        ("licensing", "行政许可", PowerCategory::Licensing),
        ("penalty", "行政处罚", PowerCategory::Penalty),
        ("coercion", "行政强制", PowerCategory::Coercion),
        ("inspection", "行政检查", PowerCategory::Inspection),
        ("levy", "行政征收", PowerCategory::Levy),
        ("benefit", "行政给付", PowerCategory::Benefit),
        ("confirmation", "行政确认", PowerCategory::Confirmation),
        ("reward", "行政奖励", PowerCategory::Reward),
        ("adjudication", "行政裁决", PowerCategory::Adjudication),
        ("public_service", "公共服务", PowerCategory::PublicService),
        ("other", "其他", PowerCategory::Other),
    ] {
        for s in [en, zh] {
            let o = org(&unit(
                "town",
                &format!("[[power]]\ncode = \"P\"\ncategory = \"{s}\"\n"),
            ));
            assert_eq!(o.powers[0].category.value, want, "{s}");
        }
    }
    for (en, zh, want) in [
        ("retired", "退休", DepartureReason::Retired),
        ("transferred", "调出", DepartureReason::Transferred),
        ("resigned", "辞职", DepartureReason::Resigned),
        ("other", "其他", DepartureReason::Other),
    ] {
        for s in [en, zh] {
            let o = org(&unit(
                "town",
                &format!("[[departure]]\nperson = \"p\"\nreason = \"{s}\"\n"),
            ));
            assert_eq!(o.departures[0].reason.as_ref().map(|r| r.value), Some(want));
        }
    }
    let ranks = [
        "一级调研员",
        "二级调研员",
        "三级调研员",
        "四级调研员",
        "一级主任科员",
        "二级主任科员",
        "三级主任科员",
        "四级主任科员",
        "一级科员",
        "二级科员",
    ];
    for (i, s) in ranks.iter().enumerate() {
        let o = org(&unit(
            "town",
            &format!("[[person]]\nid = \"p\"\nbody = \"t\"\nestablishment = \"行政编制\"\nrank = \"{s}\"\n"),
        ));
        assert_eq!(o.persons[0].rank.as_ref().map(|r| r.value.index()), Some(i));
    }
}

#[test]
fn defaults_follow_the_format() {
    let unit = |kind: &str| {
        format!("[unit]\nid = \"t\"\nname = \"T\"\nkind = \"{kind}\"\nas_of = 2024-06-30\n")
    };
    for (kind, grade) in [
        ("town", Grade::Section),
        ("township", Grade::Section),
        ("subdistrict", Grade::Section),
        ("街道", Grade::Section),
        ("county", Grade::Division),
        ("县", Grade::Division),
    ] {
        let o = org(&unit(kind));
        assert_eq!(o.unit.grade.value, grade, "{kind}");
        assert_eq!(o.unit.status.value, Status::Current, "{kind}");
        assert!(o.unit.parent.is_none() && o.unit.zone.is_none() && o.unit.stats.is_none());
        assert!(!o.quota.present && o.quota.is_empty() && o.posts.is_empty());
    }
    // Every kind of body directly under the unit is 股级 unless it says otherwise; a sub-body has
    // no grade. Only functional bodies get the default back office.
    let mut text = unit("town");
    for kind in BodyKind::ALL {
        let k = kind.en();
        text.push_str(&format!(
            "[[body]]\nid = \"{k}\"\nname = \"B\"\nkind = \"{k}\"\n[[body]]\nid = \"{k}-sub\"\nname = \"S\"\nkind = \"{k}\"\nparent = \"{k}\"\n"
        ));
    }
    let o = org(&text);
    for kind in BodyKind::ALL {
        let top = o.body(kind.en()).expect("top");
        let sub = o.body(&format!("{}-sub", kind.en())).expect("sub");
        assert_eq!(top.grade.as_ref().map(|g| g.value), Some(Grade::UnitLevel));
        assert_eq!(sub.grade, None);
        let office = (*kind == BodyKind::Functional).then_some(Office::Back);
        assert_eq!(top.office.as_ref().map(|o| o.value), office);
        assert_eq!(sub.office.as_ref().map(|o| o.value), office);
        assert!(top.approval.is_none() && top.dispatched.is_none() && top.merged_from.is_empty());
        assert!(!top.quota.present && !top.posts.present && !top.staff.present);
    }
    // fiscally_funded: an explicit false wins over the category's default.
    let o = org(&format!(
        "{}[[person]]\nid = \"p\"\nbody = \"t\"\nestablishment = \"worker\"\nfiscally_funded = false\n",
        unit("town")
    ));
    assert!(!o.persons[0].fiscally_funded.value);
    assert!(o.persons[0].concurrent.is_empty());
}

#[test]
fn a_front_body_needs_a_duty() {
    let text = with_unit(
        "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\noffice = \"front\"\n",
    );
    assert_eq!(
        one_error(&text),
        "6:1 missing key `duty` in [[body]]: a front body is either the service or the enforcement body"
    );
    let e = first_error(&text);
    assert!(e.message.zh.contains("`duty`"));
    assert!(e.help.is_some());
    // In Chinese too; a back body, or an office on a body that is not functional, needs none.
    assert_eq!(
        errors(&with_unit(
            "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"职能机构\"\noffice = \"前台\"\n"
        ))
        .len(),
        1
    );
    org(&with_unit(
        "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\noffice = \"back\"\n",
    ));
    org(&with_unit(
        "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"institution\"\noffice = \"front\"\n",
    ));
}

#[test]
fn every_error_class_has_its_line_and_column() {
    // A count key repeated in its other spelling: at the repeat, labelled at the first.
    let text = with_unit("[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\nposts = { \"正科\" = 1, section = 2 }\n");
    assert_eq!(
        one_error(&text),
        "10:21 `section` in [body.posts] repeats `正科`: both spellings name the same thing"
    );
    // A wrong type inside an inline table, an unknown key of a nested table, a bad enum value in
    // a nested table, a non-date `expires`, a datetime in `approval.date`.
    let text = with_unit(concat!(
        "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"dispatched\"\n",
        "approval = { by = 1, doc = \"d\", date = 2024-01-01T10:00:00 }\n",
        "[body.dispatched]\nlocalised = true\nassessment = \"province\"\n",
        "[[exception]]\nrule = \"BZ101\"\nexpires = \"2025\"\n",
    ));
    let all = errors(&text);
    assert_eq!(all.len(), 5, "{all:#?}");
    assert_eq!(
        all[0],
        "10:19 wrong type for `by` in [body.approval]: expected a string, found an integer"
    );
    assert!(
        all[1].starts_with("10:40 `date` in [body.approval] must be a plain date"),
        "{all:#?}"
    );
    assert_eq!(all[2], "12:1 unknown key `localised` in [body.dispatched]");
    assert!(
        all[3].starts_with("13:14 unknown value `province` for `assessment` in [body.dispatched]: expected one of town/镇, county/县"),
        "{all:#?}"
    );
    assert_eq!(
        all[4],
        "16:11 wrong type for `expires` in [[exception]]: expected a date, found a string"
    );
    // Column counts characters, not bytes, after Chinese text.
    let text = with_unit("[[body]]\nid = \"b\"\nname = \"经济发展局\"\nkind = \"职能\"\n");
    assert!(one_error(&text).starts_with("9:8 unknown value `职能` for `kind` in [[body]]"));
    let text = "[unit]\nname = \"镇\"; id = \"t\"\n";
    assert!(errors(text)[0].starts_with("2:11 "), "{:#?}", errors(text));
}

const V2: &str = r#"
[unit]
id = "shengze"
name = "盛泽镇"
kind = "镇"
as_of = 2020-06-30
developed_town = true
listed = { doc = "苏发〔2017〕…号", batch = 1, date = 2017-08-25 }
devolved_by = { by = "江苏省人民政府", doc = "苏政发〔2020〕…号", date = 2020-03-01 }
service_network = { villages = 28, stations = 28 }

[[body]]
id = "spj"
name = "行政审批局"
aliases = ["便民服务中心", "审批局"]
kind = "职能机构"
office = "前台"
duty = "便民服务"

[[body]]
id = "zhzx"
name = "综合指挥中心"
kind = "事业单位"
duty = "综合指挥"
attached_to = "spj"

[[body]]
id = "tax"
name = "税务分局"
kind = "派驻机构"
dispatched = { by = "国家税务总局苏州市吴江区税务局", line = "垂直管理" }

[[person]]
id = "SZ0001"
body = "zhzx"
establishment = "事业编制"
cs_managed = true
rank = "副主任科员"

[[power]]
code = "XK-001"
category = "行政许可"
handled_by = "spj"
supported_by = ["zhzx"]
devolved_by = { by = "江苏省人民政府", doc = "苏政发〔2020〕…号" }

[[transfer]]
direction = "划入"
body = "spj"
counterpart = "吴江区行政审批局"
category = "行政编制"
count = 6
persons = ["SZ0001"]
whole_body = false
by = "吴江区委编委"
doc = "吴编〔2020〕…号"
date = 2020-05-20
"#;

#[test]
fn version_2_keys_load_in_chinese_spellings() {
    let o = org(V2);
    let listed = o.unit.listed.as_ref().expect("listed");
    assert_eq!(listed.batch.as_ref().map(|b| b.value), Some(1));
    assert_eq!(
        o.unit
            .devolved_by
            .as_ref()
            .and_then(|d| d.by.as_ref())
            .map(|b| b.value.as_str()),
        Some("江苏省人民政府")
    );
    let net = o.unit.service_network.as_ref().expect("service_network");
    assert_eq!(net.villages.as_ref().map(|v| v.value), Some(28));
    assert_eq!(o.bodies[0].aliases.len(), 2);
    assert_eq!(
        o.bodies[1].duty.as_ref().map(|d| d.value),
        Some(Duty::Command)
    );
    assert_eq!(
        o.bodies[1].attached_to.as_ref().map(|a| a.value.as_str()),
        Some("spj")
    );
    let line = o.bodies[2]
        .dispatched
        .as_ref()
        .and_then(|d| d.line.as_ref());
    assert_eq!(line.map(|l| l.value), Some(DispatchedLine::Vertical));
    assert_eq!(
        o.persons[0].cs_managed.as_ref().map(|c| c.value),
        Some(true)
    );
    assert_eq!(
        o.persons[0].rank.as_ref().map(|r| r.value),
        Some(Rank::DeputyPrincipalStaff)
    );
    assert_eq!(o.powers[0].supported_by.len(), 1);
    assert!(o.powers[0].devolved_by.is_some());
    let t = &o.transfers[0];
    assert_eq!(t.direction.value, TransferDirection::In);
    assert_eq!(t.category.value, Category::Administrative);
    assert_eq!(
        (t.count.value, t.persons.len(), t.is_whole_body()),
        (6, 1, false)
    );
    assert_eq!(t.date.value.to_string(), "2020-05-20");
}

#[test]
fn a_transfer_needs_its_document_and_a_positive_count() {
    let e = errors(&with_unit(
        "\n[[transfer]]\ndirection = \"in\"\nbody = \"t\"\ncategory = \"administrative\"\ncount = 0\ndate = 2020-01-01\n",
    ));
    assert_eq!(
        e,
        vec![
            "7:1 missing key `doc` in [[transfer]]".to_string(),
            "11:9 `count` of a transfer must be at least 1".to_string(),
        ]
    );
}

#[test]
fn an_above_without_by_and_an_abolition_without_doc_or_reason_are_input_errors() {
    let e = errors(&with_unit(
        "\n[[transfer]]\ndirection = \"out\"\nbody = \"slz\"\nwhole_body = true\ncategory = \"institution\"\ncount = 6\ndoc = \"d\"\ndate = 2019-03-01\nabove = { doc = \"中编办复字〔2019〕1号\" }\n\n[[abolition]]\nbody = \"czjs\"\nby = \"县编委\"\n",
    ));
    assert_eq!(
        e,
        vec![
            "15:9 missing key `by` in [transfer.above]".to_string(),
            "17:1 [[abolition]] needs `doc` (the decision) or `reason` (why the body is abolished)"
                .to_string(),
        ]
    );
}

#[test]
fn version_3_keys_are_read() {
    let o = org(&with_unit(
        "\n[[transfer]]\ndirection = \"out\"\nbody = \"slz\"\nwhole_body = true\ncounterpart = \"盱眙县水务局\"\ncategory = \"institution\"\ncount = 6\npersons = [\"p1\"]\ndoc = \"d\"\ndate = 2019-03-01\nabove = { by = \"中央编办\", doc = \"x\", date = 2019-02-01 }\n\n[[abolition]]\nbody = \"czjs\"\nreason = \"职责并入规划建设局\"\n",
    ));
    let t = &o.transfers[0];
    assert!(t.is_out() && t.body_out_whole().is_some());
    let above = t.above.as_ref().unwrap();
    assert_eq!(above.by.as_ref().unwrap().value, "中央编办");
    assert_eq!(above.date.as_ref().unwrap().value.to_string(), "2019-02-01");
    assert_eq!(o.abolitions.len(), 1);
    assert_eq!(o.abolitions[0].body.value, "czjs");
    assert!(o.abolitions[0].doc.is_none());
}

#[test]
fn an_unknown_dispatched_line_is_an_input_error_at_its_value() {
    let e = one_error(&with_unit(
        "\n[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"dispatched\"\ndispatched = { line = \"province\" }\n",
    ));
    assert!(e.starts_with("11:23 "), "{e}");
    assert!(e.contains("county/县级部门"), "{e}");
}

/// The declarations say which keys are required; an empty table of each kind must report exactly
/// those as missing (the getters check the other direction in debug builds).
#[test]
fn declared_required_keys_are_the_missing_keys() {
    use super::decl::Ty;
    use super::format::{all_tables, ORG_FILE, UNIT};
    let unit = "[unit]\nid = \"u\"\nname = \"u\"\nkind = \"town\"\nas_of = 2020-01-01\n";
    let missing = |text: &str| -> Vec<String> {
        errors(text)
            .into_iter()
            .filter_map(|e| {
                let key = e.split("missing key `").nth(1)?;
                Some(key.split('`').next()?.to_string())
            })
            .collect()
    };
    let required = |t: &super::decl::Table| -> Vec<String> {
        t.keys
            .iter()
            .filter(|k| k.required)
            .map(|k| k.name.to_string())
            .collect()
    };
    assert_eq!(missing("[unit]\n"), required(&UNIT));
    for k in ORG_FILE.keys {
        if let Ty::Tables(t) = k.ty {
            let text = format!("{unit}\n[[{}]]\n", k.name);
            assert_eq!(missing(&text), required(t), "[[{}]]", k.name);
        }
    }
    // A transfer's `above` (v3) requires its `by`: an empty one reports exactly that.
    let transfer = "[[transfer]]\ndirection = \"in\"\nbody = \"u\"\ncategory = \"administrative\"\ncount = 1\ndoc = \"d\"\ndate = 2020-01-01\nabove = {}\n";
    assert_eq!(
        missing(&format!("{unit}\n{transfer}")),
        required(&super::format::ABOVE)
    );
    // Other nested tables have no required keys: nothing above would see one.
    for t in all_tables() {
        if !std::ptr::eq(t, &ORG_FILE)
            && !std::ptr::eq(t, &UNIT)
            && !std::ptr::eq(t, &super::format::ABOVE)
        {
            let top = ORG_FILE
                .keys
                .iter()
                .any(|k| matches!(k.ty, Ty::Tables(x) if std::ptr::eq(x, t)));
            assert!(top || required(t).is_empty(), "{}", t.name);
        }
    }
}

#[test]
fn hints_read_what_a_value_means() {
    use super::reader::syntax_hint;
    let help = |text: &str| first_error(text).help.map(|h| h.en).unwrap_or_default();
    let unit = |as_of: &str| {
        format!("[unit]\nid = \"t\"\nname = \"T\"\nkind = \"town\"\nas_of = {as_of}\n")
    };
    for written in [
        "\"2024年6月30日\"",
        "\"2024/6/30\"",
        "\"2024.06.30\"",
        "\"2024-06-30\"",
        "20240630",
    ] {
        assert_eq!(
            help(&unit(written)),
            "write `as_of = 2024-06-30`, without quotes (year-month-day)",
            "{written}"
        );
    }
    assert!(help(&unit("\"六月\"")).contains("as year-month-day"));
    let person = |v: &str| {
        with_unit(&format!(
            "[[person]]\nid = \"p\"\nbody = \"t\"\nestablishment = \"administrative\"\nenforcement_certified = {v}\n"
        ))
    };
    assert!(help(&person("\"否\"")).contains("`enforcement_certified = false`"));
    assert!(help(&person("\"也许\"")).contains("`enforcement_certified = true` or"));
    assert!(syntax_hint("name = “镇”").is_some());
    assert!(syntax_hint("# 注释，中文标点无妨").is_none());
    assert!(syntax_hint("name = \"镇\" # 说明：“镇”").is_none());
    assert_eq!(
        syntax_hint("行政编制 = 3").map(|h| h.zh),
        Some("中文键须加英文引号：`\"行政编制\" = …`".to_string())
    );
}

/// A large file's names, found a piece at a time, are those found in the file parsed whole.
#[test]
fn person_names_of_a_large_file_are_found_a_piece_at_a_time() {
    let mut text = String::from("[unit]\nid = \"x\"\n\n[[body]]\nid = \"b\"\nname = \"党政办\"\n");
    let mut i = 0;
    while text.len() < super::chunks::CHUNKED_FROM + 1000 {
        text.push_str(&format!(
            "\n[[person]]\nid = \"P{i}\"\nname = \"王{i}\" # 注\nbody = \"b\"\n"
        ));
        if i % 5000 == 0 {
            text.push_str("\n[[power]]\nid = \"q\"\nname = \"not a person\"\n");
        }
        i += 1;
    }
    let runs = super::chunks::person_tables(&text, super::chunks::CHUNK_BYTES).map(|r| r.0);
    assert!(runs.is_some_and(|r| r.len() > 1), "read in pieces");
    let pieces = super::person_name_spans(&text);
    assert_eq!(pieces.len(), i);
    assert_eq!(pieces, super::name_spans_in(&text, 0));
    assert_eq!(&text[pieces[0].start..pieces[0].end], "王0");
}

#[test]
fn person_names_are_found_in_every_form() {
    let names = |text: &'static str| -> Vec<&'static str> {
        super::person_name_spans(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    };
    assert_eq!(
        names("person = [ { id = \"G1\", name = \"张小明\" }, { id = \"G2\", name = '李小红' } ]\n[unit]\nid = \"x\"\n"),
        ["张小明", "李小红"]
    );
    assert_eq!(
        names("[unit]\nid = \"x\"\n\n[[person]]\nid = \"G3\"\n\"name\" = \"\"\"王\n小刚\"\"\"\nbogus = 1\n"),
        ["王\n小刚"]
    );
}

#[test]
fn a_value_left_out_is_one_error_not_the_parsers_cascade() {
    // The parser recovers and reports six errors for this one line; the user fixes one thing.
    let text = with_unit(
        "[[body]]\nid = \"b\"\nname = \"B\"\nkind = \"functional\"\napproval = { by = \"县编委\", doc = , date = 2022-03-10 }\n",
    );
    let e = one_error(&text);
    assert!(e.starts_with("10:"), "{e}");
    // Mistakes on two lines stay two errors.
    let two = with_unit("[[body]]\nid = \nname = \n");
    assert_eq!(errors(&two).len(), 2, "{:#?}", errors(&two));
}

/// A large roster read a piece at a time gives what the whole file gives: every example, and
/// generated rosters with errors in them, cut into pieces of every few tables.
#[test]
fn a_roster_read_in_pieces_is_the_roster_read_whole() {
    fn both(text: &str) -> usize {
        let src = SourceFile::new("t.toml", text);
        let whole = format!("{:?}", super::load_whole(FileId(0), &src, true));
        let mut compared = 0;
        // Validating only (an import's result) gives the same errors, and the same org file
        // without its persons.
        let whole_without_persons = match super::load_whole(FileId(0), &src, true) {
            Loaded::Org(mut org) => {
                org.persons.clear();
                format!("{:?}", Loaded::Org(org))
            }
            other => format!("{other:?}"),
        };
        for chunk in [1, 300, 5000] {
            if let Some(pieces) =
                super::load_in_pieces(FileId(0), &src, chunk, super::Keep::Persons)
            {
                assert_eq!(format!("{pieces:?}"), whole, "chunk {chunk}");
                compared += 1;
            }
            if let Some(pieces) =
                super::load_in_pieces(FileId(0), &src, chunk, super::Keep::Nothing)
            {
                assert_eq!(
                    format!("{pieces:?}"),
                    whole_without_persons,
                    "chunk {chunk}"
                );
            }
        }
        compared
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<std::path::PathBuf> =
        crate::base::walk::discover(&[root.join("orgs"), root.join("tests/fixtures")])
            .found
            .into_iter()
            .map(|f| f.path)
            .collect();
    let mut compared = 0;
    for f in &files {
        if let Ok(text) = std::fs::read_to_string(f) {
            compared += both(&text);
        }
    }
    assert!(compared > 20, "only {compared} files read in pieces");

    let head = "[unit]\nid = \"t\"\nname = \"t镇\"\nkind = \"town\"\nas_of = 2020-01-01\n\n[[body]]\nid = \"b\"\nname = \"办\"\nkind = \"functional\"\n";
    let mut text = head.to_string();
    for i in 0..40 {
        let est = if i % 7 == 3 {
            "行政编"
        } else {
            "行政编制"
        };
        let extra = match i % 5 {
            0 => "title = \"\"\"多行\n[[body]]\n职务\"\"\"\n",
            1 => "concurrent = [\n  \"甲\",\n  \"乙\",\n]\n",
            2 => "grade = \"副科\" # [[body]]\n",
            _ => "",
        };
        text.push_str(&format!(
            "\n[[person]]\nid = \"P{i}\"\nbody = \"b\"\nestablishment = \"{est}\"\n{extra}"
        ));
        if i == 20 {
            text.push_str("\n[[power]]\ncode = \"W1\"\nname = \"w\"\ncategory = \"other\"\nhandled_by = \"b\"\n");
        }
    }
    assert_eq!(both(&text), 3);
    // A syntax error inside a piece, at its place in the file.
    let broken = text.replacen("id = \"P30\"", "id = \"P30", 1);
    assert_eq!(both(&broken), 3);
}

/// A roster written any other way than `[[person]]` tables is read whole.
#[test]
fn a_roster_written_otherwise_is_not_cut() {
    use super::chunks::person_runs;
    for text in [
        "person = []\n[unit]\n",
        "[[person]]\nid = \"a\"\n[person.x]\n",
        "[[ person ]]\nid = \"a\"\n",
        "[[\"person\"]]\nid = \"a\"\n",
        "[[person]]\ntitle = \"\"\"open\n",
    ] {
        assert!(person_runs(text, 1).is_none(), "{text}");
    }
    assert_eq!(person_runs("[unit]\nid = 1\n", 1), Some(vec![]));
    assert_eq!(
        person_runs(
            "[unit]\n[[person]]\nid = \"a\"\n[[person]]\nid = \"b\"\n[[body]]\n",
            1
        ),
        Some(vec![7..27, 27..47])
    );
}

proptest! {
    /// Cutting a roster into pieces never panics, whatever the text, and a file it reads in
    /// pieces reads as it does whole.
    #[test]
    fn cutting_any_text_into_pieces_never_panics(
        edits in prop::collection::vec((0.0..1.0f64, prop::sample::select(vec![
            "\"", "'", "\"\"\"", "'''", "[", "]", "{", "}", "\n", "\r\n", "#", "\\", "[[person]]\n",
            "[person.x]\n", "[[body]]\n", "多", "person = 1\n", "\u{feff}", "=",
        ])), 1..6),
    ) {
        let mut text = String::from("[unit]\nid = \"t\"\nname = \"镇\"\nkind = \"town\"\nas_of = 2020-01-01\n[[body]]\nid = \"b\"\nname = \"办\"\nkind = \"functional\"\n");
        for i in 0..6 {
            text.push_str(&format!("[[person]]\nid = \"P{i}\"\nbody = \"b\"\nestablishment = \"行政编制\"\ntitle = \"\"\"多\n行\"\"\"\n"));
        }
        for (at, piece) in edits {
            let mut pos = ((at * text.len() as f64) as usize).min(text.len());
            while !text.is_char_boundary(pos) {
                pos -= 1;
            }
            text.insert_str(pos, piece);
        }
        let src = SourceFile::new("t.toml", text.as_str());
        let whole = super::load_whole(FileId(0), &src, true);
        for chunk in [1, 100] {
            if let Some(pieces) = super::load_in_pieces(FileId(0), &src, chunk, super::Keep::Persons) {
                if let (Loaded::Org(_), Loaded::Org(_)) = (&pieces, &whole) {
                    prop_assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));
                }
            }
        }
    }
}
