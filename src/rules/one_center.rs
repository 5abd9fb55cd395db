use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Level, Target};
use crate::model::{Body, BodyKind, Duty, OrgFile};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// The unit has at most one command centre for day-to-day management (the "one centre": a
    /// 综合指挥 or 社会治理 centre). The centre is the body with `duty = "command"`; where no body has
    /// that duty, it is recognised by name: a body whose `name` or one of its `aliases` contains one
    /// of `center_names` (指挥中心, 联动中心, 网格化). Dispatched bodies are not counted, nor a body
    /// inside another centre (a grid office of the command centre is part of it). More than one is
    /// reported at the second, with the first labelled.
    ///
    /// A unit with no such body is not shown: one `info` finding says the check could not run.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(6).2, name day-to-day management through
    /// “日常管理“一中心”” — one centre — beside one window for services and one team for
    /// enforcement. Two centres split the command the opinions put in one place.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "zhzx"
    /// name = "综合指挥中心"
    /// kind = "institution"
    /// duty = "command"
    /// [[body]]
    /// id = "shzl"              # a second centre
    /// name = "社会治理中心"
    /// kind = "institution"
    /// duty = "command"
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "zhzx"
    /// name = "综合指挥中心"
    /// kind = "institution"
    /// duty = "command"
    /// aliases = ["社会治理现代化综合指挥中心", "网格化服务管理中心"]
    /// ```
    ///
    /// ## Parameters
    /// - `center_names` (array of strings, default 指挥中心, 联动中心, 网格化): what the name of a
    ///   centre contains, where no body has `duty = "command"`.
    ///
    /// ## 检查内容
    /// 本单位的日常管理“一中心”（综合指挥中心、社会治理中心）至多一个：`duty = "command"` 的机构即
    /// “一中心”；没有机构写明该职责的，按名称识别：名称 `name` 或别名 `aliases` 含 `center_names`
    /// （指挥中心、联动中心、网格化）之一的机构。派驻机构不计；位于另一“一中心”之下的机构（如指挥中心
    /// 的网格化管理科）属于该中心，不另计。多于一个的，在第二个处报告并标出第一个。
    ///
    /// 没有此类机构的，无法检查，以一条 `info` 提示。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(六)2：
    /// “日常管理“一中心””。
    pub struct OneCenter {
        code: "BZ011",
        name: "one-center",
        title: "只设一个中心",
        short: ("综合指挥中心", "one command center"),
        level: Warning,
        cite: ("江苏经济发达镇意见 二（六）2", "Jiangsu DT Opinions 2017, II(6).2"),
        scope: Dev,
        params: Params,
        examples: {
            "a second centre" => "第二个中心",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub center_names: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            center_names: default_center_names(),
        }
    }
}

/// 指挥中心, 联动中心, 网格化: how a command centre is named where no body has `duty = "command"`.
pub fn default_center_names() -> Vec<String> {
    ["指挥中心", "联动中心", "网格化"]
        .map(String::from)
        .to_vec()
}

/// How the centres of a file were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    ByDuty,
    ByName,
}

/// The unit's command centres (the 一中心): the bodies with `duty = "command"`, or where none has
/// it, those named like one; dispatched bodies and bodies inside another centre left out.
pub fn centers<'a>(org: &'a OrgFile, names: &[String]) -> (Vec<&'a Body>, Found) {
    let by_duty = |b: &Body| b.duty.as_ref().is_some_and(|d| d.value == Duty::Command);
    let by_name = |b: &Body| {
        std::iter::once(&b.name).chain(&b.aliases).any(|n| {
            names
                .iter()
                .any(|p| !p.is_empty() && n.value.contains(p.as_str()))
        })
    };
    let eligible = |b: &&Body| b.kind.value != BodyKind::Dispatched;
    let duty: Vec<&Body> = org
        .bodies
        .iter()
        .filter(eligible)
        .filter(|b| by_duty(b))
        .collect();
    let (all, found) = if duty.is_empty() {
        let named = org
            .bodies
            .iter()
            .filter(eligible)
            .filter(|b| by_name(b))
            .collect();
        (named, Found::ByName)
    } else {
        (duty, Found::ByDuty)
    };
    let outer = all
        .iter()
        .copied()
        .filter(|b| !inside_any(org, b, &all))
        .collect();
    (outer, found)
}

/// Whether `body` sits (at any depth) inside one of `others`. A cycle of parents (BZ010's) stops
/// the walk.
fn inside_any(org: &OrgFile, body: &Body, others: &[&Body]) -> bool {
    let mut b = body;
    for _ in 0..org.bodies.len() {
        let Some(parent) = b.parent.as_ref().and_then(|p| org.body(&p.value)) else {
            return false;
        };
        if std::ptr::eq(parent, body) {
            return false;
        }
        if others.iter().any(|o| std::ptr::eq(*o, parent)) {
            return true;
        }
        b = parent;
    }
    false
}

impl RuleImpl for OneCenter {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let file = org.file;
        let (found, how) = centers(org, &params.center_names);
        match found.as_slice() {
            [] => {
                let id = &org.unit.id.value;
                let names = params.center_names.join(", ");
                let names_zh = params.center_names.join("、");
                out.push(
                    Finding::new(
                        file,
                        org.unit.span,
                        text!(
                            "no body of `{id}` is marked as its command centre (`duty = \"command\"`) or named like one: whether there is one centre could not be checked",
                            "`{id}` 没有写明 `duty = \"command\"` 或名称像“一中心”的机构：无法检查“一中心”"
                        ),
                    )
                    .target(Target::unit(id))
                    .fixed_level(Level::Info)
                    .primary(text!("no command centre found", "未发现“一中心”"))
                    .help(text!(
                        "mark the unit's command centre with `duty = \"command\"` (names looked for: {names})",
                        "为本单位的综合指挥中心写明 `duty = \"command\"`（按名称识别时查找：{names_zh}）"
                    )),
                );
            }
            [_] => {}
            [first, second, rest @ ..] => {
                let n = found.len();
                let (fid, sid) = (&first.id.value, &second.id.value);
                let why = match how {
                    Found::ByDuty => text!(
                        "each with `duty = \"command\"`",
                        "均写明 `duty = \"command\"`"
                    ),
                    Found::ByName => text!("recognised by their names", "按名称识别"),
                };
                let (why_en, why_zh) = (why.en, why.zh);
                let help = match how {
                    Found::ByDuty => text!(
                        "merge the centres into `{fid}`, or give the others another duty",
                        "将各中心并入 `{fid}`，或改写其余机构的职责"
                    ),
                    Found::ByName => text!(
                        "merge the centres into `{fid}`; if one of them is the centre and the others are not, mark it with `duty = \"command\"`",
                        "将各中心并入 `{fid}`；如其中只有一个是“一中心”，为其写明 `duty = \"command\"`"
                    ),
                };
                let mut f = Finding::new(
                    file,
                    second.span,
                    text!(
                        "{n} command centres ({why_en}); at most one is allowed",
                        "“一中心”有 {n} 个（{why_zh}），至多一个"
                    ),
                )
                .target(Target::body(sid))
                .primary(text!("a second centre (`{sid}`)", "第二个中心（`{sid}`）"))
                .label(
                    file,
                    first.span,
                    text!("the first centre (`{fid}`)", "第一个中心（`{fid}`）"),
                )
                .help(help);
                for other in rest {
                    let oid = &other.id.value;
                    f = f.label(
                        file,
                        other.span,
                        text!("another centre (`{oid}`)", "又一个中心（`{oid}`）"),
                    );
                }
                out.push(f);
            }
        }
    }
}
