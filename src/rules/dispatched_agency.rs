use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Target};
use crate::model::{Assessor, Body, BodyKind, DispatchedLine};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Each dispatched body (派驻机构) is classed by its line: `dispatched.line` where written;
    /// otherwise the first of `vertical`, `judicial`, `central` one of whose `lines` patterns occurs
    /// in `dispatched.by` (or, where none does, in the body's `name`); otherwise `county`.
    ///
    /// - `county`, a station of a city or county government department (市场监管所, 司法所 …): where
    ///   it is not `localized`, it has `assessment = "town"` (the town leads its assessment) and
    ///   `appointment_consultation = true` (the town is consulted before its head is appointed or
    ///   removed). Each condition it fails is a finding, at the value written or, where it is
    ///   missing, at the `[body.dispatched]` table (the body's header when that table is missing).
    ///   One that meets both gives nothing. A body without `localized` is not localized.
    /// - `central`, a public security station kept dispatched by central rule (公安派出所): only
    ///   `appointment_consultation = true` is checked.
    /// - `vertical` (税务, 海关, statistical survey teams) and `judicial` (人民法庭, 检察室): not
    ///   city or county government departments; not checked.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(2), on the bodies that city and county
    /// government departments station in a developed town: they “原则上应下放实行属地管理”, are in
    /// principle put under the town; where one stays, “工作考核要以经济发达镇为主,干部任免应当事先
    /// 听取所在镇党委和政府意见” — the town leads its assessment, and its party committee and
    /// government are heard before its cadres are appointed or removed. Tax offices (a vertical
    /// system of the State Taxation Administration) and people's tribunals are not stations of city
    /// or county government departments; public security stations stay under the county public
    /// security bureau by central rule, so only the consultation applies to them.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "scjg"
    /// name = "盛泽市场监督管理所"
    /// kind = "dispatched"
    /// [body.dispatched]
    /// by = "吴江区市场监督管理局"
    /// localized = false
    /// assessment = "county"             # must be the town
    /// appointment_consultation = false  # the town must be consulted
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "sfs"
    /// name = "盛泽司法所"
    /// kind = "dispatched"
    /// [body.dispatched]
    /// by = "吴江区司法局"
    /// localized = true
    /// [[body]]
    /// id = "sws"
    /// name = "盛泽税务分局"
    /// kind = "dispatched"
    /// [body.dispatched]
    /// by = "国家税务总局苏州市吴江区税务局"   # vertical: not checked
    /// [[body]]
    /// id = "fating"
    /// name = "盛泽人民法庭"
    /// kind = "dispatched"
    /// [body.dispatched]
    /// line = "judicial"
    /// ```
    ///
    /// ## Parameters
    /// - `lines` (table, default `{ vertical = ["税务", "海关", "调查队"], judicial = ["人民法院",
    ///   "人民法庭", "人民检察院"], central = ["公安"] }`): the patterns that class a dispatched body
    ///   without `line` by its `by` (else its `name`).
    ///
    /// ## 检查内容
    /// 派驻机构按条线分类：写有 `dispatched.line` 的按所写；未写的，依次看 `vertical`（垂直管理）、
    /// `judicial`（司法机关）、`central`（中央派驻）的 `lines` 关键词是否出现在 `dispatched.by` 中
    /// （都不出现的，再看机构名称 `name`），取第一个相符的条线；都不相符的为 `county`（县级部门）。
    ///
    /// - `county`（市县政府部门派驻机构，如市场监管所、司法所）：未实行属地管理（`localized`）的，须
    ///   以镇为主考核（`assessment = "town"`）并在干部任免前征求镇的意见
    ///   （`appointment_consultation = true`），每一项不符合各报告一次，报告在所写的值处；未写的，
    ///   报告在 `[body.dispatched]` 处（该表也没有的，报告在机构处）。两项都符合的，不报告。未写
    ///   `localized` 视为未属地化。
    /// - `central`（按中央规定保留派驻的公安派出所）：只检查 `appointment_consultation = true`。
    /// - `vertical`（税务、海关、调查队）和 `judicial`（人民法庭、检察室）：不是市县政府部门，不检查。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(二)：
    /// 市县政府部门派驻经济发达镇的机构“原则上应下放实行属地管理”；继续实行派驻的，“工作考核要以
    /// 经济发达镇为主,干部任免应当事先听取所在镇党委和政府意见”。税务（国家税务总局垂直管理）和
    /// 人民法庭不是市县政府部门的派驻机构；公安派出所按中央规定由县级公安机关管理，只适用征求意见
    /// 一项。
    pub struct DispatchedAgency {
        code: "BZ006",
        name: "dispatched-agency",
        title: "派驻机构管理",
        short: ("派驻机构不符", "dispatched body"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（二）", "Jiangsu DT Opinions 2017, II(2)"),
        scope: Dev,
        params: Params,
        examples: {
            "must be the town" => "须为本镇",
            "the town must be consulted" => "须征求本镇意见",
            "vertical: not checked" => "垂直管理：不检查",
        },
    }
}

/// The patterns that class a dispatched body without `line` (RULES.md, Dispatched lines).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lines {
    pub vertical: Vec<String>,
    pub judicial: Vec<String>,
    pub central: Vec<String>,
}

impl Default for Lines {
    fn default() -> Self {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect();
        Lines {
            vertical: v(&["税务", "海关", "调查队"]),
            judicial: v(&["人民法院", "人民法庭", "人民检察院"]),
            central: v(&["公安"]),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub lines: Lines,
}

/// The line of a dispatched body: declared, else by the patterns in `by`, else in `name`, else
/// `county`.
pub fn line_of(lines: &Lines, body: &Body) -> DispatchedLine {
    let d = body.dispatched.as_ref();
    if let Some(l) = d.and_then(|d| d.line.as_ref()) {
        return l.value;
    }
    let order = [
        (DispatchedLine::Vertical, &lines.vertical),
        (DispatchedLine::Judicial, &lines.judicial),
        (DispatchedLine::Central, &lines.central),
    ];
    let by = d.and_then(|d| d.by.as_ref()).map(|b| b.value.as_str());
    for text in [by, Some(body.name.value.as_str())].into_iter().flatten() {
        for (line, patterns) in &order {
            if patterns
                .iter()
                .any(|p| !p.is_empty() && text.contains(p.as_str()))
            {
                return *line;
            }
        }
    }
    DispatchedLine::County
}

impl RuleImpl for DispatchedAgency {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for body in &cx.org.bodies {
            if body.kind.value != BodyKind::Dispatched {
                continue;
            }
            match line_of(&params.lines, body) {
                DispatchedLine::County => check_county(cx, body, out),
                DispatchedLine::Central => check_central(cx, body, out),
                DispatchedLine::Vertical | DispatchedLine::Judicial => {}
            }
        }
    }
}

/// A station of a city or county government department: localized, or assessed by the town with
/// the town consulted on appointments.
fn check_county(cx: &FileCx<'_>, body: &Body, out: &mut Vec<Finding>) {
    let file = cx.org.file;
    // `assessment = "town"` as the file spells that key's values.
    let town = cx.spelled(
        cx.org
            .bodies
            .iter()
            .filter_map(|b| b.dispatched.as_ref()?.assessment.as_ref())
            .map(|a| a.span),
        Assessor::Town.en(),
        Assessor::Town.zh(),
    );
    let id = &body.id.value;
    let bname = &body.name.value;
    let Some(d) = &body.dispatched else {
        out.push(
            Finding::new(
                file,
                body.span,
                text!(
                    "dispatched body `{id}` is not localized, and who assesses it and whether the town is consulted on appointments is not stated",
                    "派驻机构{bname}未实行属地管理，也未写明由谁考核、任免是否征求镇的意见"
                ),
            )
            .target(Target::body(id))
            .primary(text!("no `[body.dispatched]`", "未写 `[body.dispatched]`"))
            .help(text!(
                "add `[body.dispatched]` with `localized = true`, or, where it stays with the county, `assessment = \"{town}\"` and `appointment_consultation = true`; a station of a vertical or judicial system, or a public security station, says so with `line`",
                "补充 `[body.dispatched]`：写明 `localized = true`；继续派驻的，写明 `assessment = \"{town}\"` 和 `appointment_consultation = true`；垂直管理、司法机关或公安派出所，用 `line` 写明条线"
            )),
        );
        return;
    };
    if d.localized.as_ref().is_some_and(|l| l.value) {
        return;
    }
    let not_localized = |f: Finding| match &d.localized {
        Some(l) => f.label(file, l.span, text!("not localized", "未属地化")),
        None => f,
    };
    match &d.assessment {
        Some(a) if a.value == Assessor::Town => {}
        other => {
            let span = other.as_ref().map_or(d.span, |a| a.span);
            let primary = match other {
                Some(_) => text!("assessed by the county", "由县考核"),
                None => text!("no `assessment`", "未写 `assessment`"),
            };
            out.push(not_localized(
                Finding::new(
                    file,
                    span,
                    text!(
                        "dispatched body `{id}` is not localized, so the town must lead its assessment",
                        "派驻机构{bname}未实行属地管理，工作考核应以镇为主"
                    ),
                )
                .target(Target::body(id))
                .primary(primary)
                .help(text!(
                    "set `assessment = \"{town}\"`, or put the body under the town (`localized = true`)",
                    "写明 `assessment = \"{town}\"`，或实行属地管理（`localized = true`）"
                )),
            ));
        }
    }
    if let Some(f) = consultation(cx, body, d) {
        out.push(not_localized(f));
    }
}

/// A public security station, kept dispatched by central rule: the town is consulted on
/// appointments.
fn check_central(cx: &FileCx<'_>, body: &Body, out: &mut Vec<Finding>) {
    let file = cx.org.file;
    let id = &body.id.value;
    let bname = &body.name.value;
    match &body.dispatched {
        Some(d) => out.extend(consultation(cx, body, d)),
        None => out.push(
            Finding::new(
                file,
                body.span,
                text!(
                    "dispatched body `{id}` does not state whether the town is consulted before its leaders are appointed",
                    "派驻机构{bname}未写明干部任免是否事先征求镇的意见"
                ),
            )
            .target(Target::body(id))
            .primary(text!("no `[body.dispatched]`", "未写 `[body.dispatched]`"))
            .help(text!(
                "add `[body.dispatched]` with `appointment_consultation = true`",
                "补充 `[body.dispatched]`，写明 `appointment_consultation = true`"
            )),
        ),
    }
}

/// The finding when the town is not consulted on the body's appointments.
fn consultation(cx: &FileCx<'_>, body: &Body, d: &crate::model::Dispatched) -> Option<Finding> {
    let file = cx.org.file;
    let id = &body.id.value;
    let bname = &body.name.value;
    let other = match &d.appointment_consultation {
        Some(c) if c.value => return None,
        other => other,
    };
    let span = other.as_ref().map_or(d.span, |c| c.span);
    let primary = match other {
        Some(_) => text!("the town is not consulted", "不征求镇的意见"),
        None => text!(
            "no `appointment_consultation`",
            "未写 `appointment_consultation`"
        ),
    };
    Some(
        Finding::new(
            file,
            span,
            text!(
                "dispatched body `{id}` stays dispatched, so the town's party committee and government must be heard before its leaders are appointed",
                "派驻机构{bname}继续实行派驻，干部任免应当事先听取镇党委和政府意见"
            ),
        )
        .target(Target::body(id))
        .primary(primary)
        .help(text!(
            "set `appointment_consultation = true` once the town is consulted on appointments",
            "干部任免事先征求镇的意见后，写明 `appointment_consultation = true`"
        )),
    )
}
