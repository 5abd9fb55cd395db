//! `bianzhi chart`: snapshots of the three formats for the fixture town, and the command's
//! behaviour (output file, exit codes, input errors with their place).

use std::path::PathBuf;

use assert_cmd::Command;
use bianzhi::analysis::chart::{Chart, Group};
use bianzhi::app::check;
use bianzhi::base::i18n::Lang;
use bianzhi::render::chart;
use predicates::prelude::*;

const TOWN: &str = "tests/fixtures/chart/town.toml";
const PACK: &str = "tests/fixtures/chart/pack.toml";

fn chart(lang: Lang) -> Chart {
    let outcome = check(&[PathBuf::from(TOWN)], &[PACK.to_string()], false);
    assert!(
        outcome.loaded.errors.is_empty(),
        "{:?}",
        outcome.loaded.errors
    );
    Chart::build(
        &outcome.loaded.workspace.orgs[0],
        &outcome.findings.held(),
        lang,
        bianzhi::rules::short_name,
    )
}

/// Issue 20, item 10: a name holding a Mermaid directive (`%%{init: …}%%`) stays text in its
/// label: Mermaid reads a directive wherever it finds one.
#[test]
fn mermaid_labels_hold_no_directive() {
    let dir = tempfile::tempdir().unwrap();
    let town = std::fs::read_to_string(TOWN).unwrap().replacen(
        "name = \"党政办公室\"",
        "name = \"党政办%%{init: {'theme':'dark'}}%%\"",
        1,
    );
    assert!(town.contains("%%{init"), "the fixture names 党政办公室");
    let path = dir.path().join("town.toml");
    std::fs::write(&path, town).unwrap();
    let out = bianzhi()
        .args(["chart", "--rules", PACK, "--format", "mermaid"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("党政办#37;#37;{init"), "{text}");
    assert!(!text.contains("%%"), "{text}");
}

#[test]
fn dot_snapshot() {
    insta::assert_snapshot!(
        "chart_dot_zh",
        chart::render(&chart(Lang::Zh), chart::Format::Dot)
    );
}

#[test]
fn mermaid_snapshot() {
    insta::assert_snapshot!(
        "chart_mermaid_zh",
        chart::render(&chart(Lang::Zh), chart::Format::Mermaid)
    );
}

#[test]
fn svg_snapshots() {
    insta::assert_snapshot!(
        "chart_svg_zh",
        chart::render(&chart(Lang::Zh), chart::Format::Svg)
    );
    insta::assert_snapshot!(
        "chart_svg_en",
        chart::render(&chart(Lang::En), chart::Format::Svg)
    );
}

#[test]
fn findings_mark_their_bodies() {
    let c = chart(Lang::En);
    let marks = |id: &str| {
        c.nodes()
            .into_iter()
            .find(|(_, n)| n.id == id)
            .map(|(_, n)| n.marks.codes.clone())
            .unwrap()
    };
    // body:zfj (BZ001); person QT020 sits in jjfz (BZ204); the unused exception marks the unit.
    assert_eq!(marks("zfj"), ["BZ001"]);
    assert_eq!(marks("jjfz"), ["BZ204"]);
    assert!(marks("dzb").is_empty());
    assert_eq!(c.unit.marks.codes, ["BZ902"]);
    // The sub-body is drawn under its parent, in the front-office column.
    let front = &c.groups[0];
    assert_eq!(front.0, Group::Front);
    assert_eq!(front.1[1].children[0].id, "zfj-zd1");
}

#[test]
fn svg_is_well_formed_and_escaped() {
    let svg = chart::render(&chart(Lang::Zh), chart::Format::Svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("font-family=\"'Noto Sans CJK SC'"));
    assert!(svg.contains("规划建设&quot;一张图&quot;服务中心 &lt;试点&gt; &amp; 窗口"));
    assert!(!svg.contains("<试点>"));
    assert!(
        svg.contains("stroke-dasharray=\"6 4\""),
        "dispatched bodies are dashed"
    );
    // Tags balance (a cheap well-formedness check without an XML parser).
    let opens = svg.matches("<g").count();
    let closes = svg.matches("</g>").count();
    assert_eq!(opens, closes);
}

fn bianzhi() -> Command {
    Command::cargo_bin("bianzhi").unwrap()
}

#[test]
fn cli_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    for (format, start) in [
        ("svg", "<svg"),
        ("dot", "digraph"),
        ("mermaid", "flowchart TB"),
    ] {
        let out = dir.path().join(format!("chart.{format}"));
        bianzhi()
            .args([
                "chart", TOWN, "--rules", PACK, "--lang", "zh", "--format", format, "-o",
            ])
            .arg(&out)
            .assert()
            .success()
            .stdout("");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(start), "{format}: {text}");
        assert!(text.contains("综合执法一中队"));
    }
    bianzhi()
        .args(["chart", TOWN, "--rules", PACK, "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<svg").and(predicate::str::contains("Front offices")));
}

#[test]
fn cli_bad_input_exits_2_with_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[unit]\nid = \"x\"\nname = \"某镇\"\nkind = \"town\"\nas_of = \"not a date\"\n",
    )
    .unwrap();
    bianzhi()
        .args(["chart", "--lang", "en", "--rules", PACK])
        .arg(&bad)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("bad.toml:5:"));
    bianzhi()
        .args(["chart", "--rules", PACK, "no/such/file.toml"])
        .assert()
        .code(2);
    // A folder of several org files is not one chart (unless it is a county with its towns).
    bianzhi()
        .args([
            "chart",
            "--lang",
            "en",
            "--rules",
            PACK,
            "orgs/wujiang/shengze",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("one org file"));
    // A bad pack is an input error too.
    bianzhi()
        .args(["chart", TOWN, "--rules", "no-such-pack"])
        .assert()
        .code(2);
}

/// A plan drawn alone was not compared with a baseline: its chart marks neither 突破只减不增 nor
/// 人员去向不明 (the notes that say so are not violations) and says "未对照现状" instead; with
/// `--baseline FILE` it marks what the comparison finds.
#[test]
fn a_plan_without_a_baseline_is_drawn_as_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = |rel: &str| {
        std::fs::read_to_string(format!("tests/fixtures/rules/{rel}"))
            .unwrap()
            // A developed town, so that BZ104 runs too.
            .replacen(
                "kind = \"town\"",
                "kind = \"town\"\ndeveloped_town = true",
                1,
            )
    };
    let plan = dir.path().join("plan.toml");
    let base = dir.path().join("base.toml");
    std::fs::write(&plan, fixture("BZ502/violation-lost/2019-plan.toml")).unwrap();
    std::fs::write(&base, fixture("BZ502/violation-lost/2018.toml")).unwrap();
    let draw = |extra: &[&std::ffi::OsStr]| {
        let out = bianzhi()
            .args(["chart", "--lang", "zh", "--format", "mermaid"])
            .arg(&plan)
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };

    let (code, alone, _) = draw(&[]);
    assert_eq!(code, Some(0), "{alone}");
    assert!(alone.contains("方案 · 未对照现状"), "{alone}");
    assert!(!alone.contains("人员去向不明"), "{alone}");
    assert!(!alone.contains("突破只减不增"), "{alone}");

    let (code, compared, _) = draw(&["--baseline".as_ref(), base.as_os_str()]);
    assert_eq!(code, Some(0), "{compared}");
    assert!(!compared.contains("未对照现状"), "{compared}");
    // The box names three rules and counts the rest; the SVG's tooltips give every finding.
    let out = bianzhi()
        .args(["chart", "--lang", "zh", "--baseline"])
        .arg(&base)
        .arg(&plan)
        .output()
        .unwrap();
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(
        svg.contains("BZ502 错误: 现状名册人员 SZ0022 去向不明"),
        "{svg}"
    );

    let (code, alone_svg, _) = {
        let out = bianzhi()
            .args(["chart", "--lang", "zh"])
            .arg(&plan)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            (),
        )
    };
    assert_eq!(code, Some(0));
    assert!(
        !alone_svg.contains("BZ502") && !alone_svg.contains("BZ104"),
        "{alone_svg}"
    );

    let (code, _, err) = draw(&["--baseline-rev".as_ref(), "HEAD".as_ref()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--baseline-rev HEAD"), "{err}");
}
