use crate::base::diag::{Finding, Target};
use crate::model::{Body, Duty, OrgFile};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// The unit has exactly one front `service` body (一个窗口) and exactly one front `enforcement`
    /// body (一支队伍): functional bodies with `office = "front"` and that `duty`. None is reported
    /// at the `[unit]` header; more than one at the second, with the first labelled.
    ///
    /// A sub-body that sits inside a front body of the same duty (a squad of the enforcement
    /// bureau marked `office = "front"`, `duty = "enforcement"`) is part of that body, not a second
    /// window or team — as BZ004 counts it.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(6).2: “便民服务“一窗口”、综合执法“一队伍””
    /// — services to the public through one window, enforcement by one team. A second window or
    /// team, or none, is not the structure the opinions set.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "spj"
    /// name = "行政审批局"
    /// kind = "functional"
    /// office = "front"
    /// duty = "service"
    /// [[body]]
    /// id = "bmfw"               # a second window
    /// name = "便民服务中心"
    /// kind = "functional"
    /// office = "front"
    /// duty = "service"
    /// # … and no front enforcement body at all
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "spj"
    /// name = "行政审批局"
    /// kind = "functional"
    /// office = "front"
    /// duty = "service"
    /// aliases = ["便民服务中心"]  # one body under two names is one window
    /// [[body]]
    /// id = "zfj"
    /// name = "综合行政执法局"
    /// kind = "functional"
    /// office = "front"
    /// duty = "enforcement"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 本单位有且只有一个前台便民服务机构（一个窗口）和一个前台综合执法机构（一支队伍），即
    /// `office = "front"` 且 `duty` 相应的职能机构。没有的，在 `[unit]` 处报告；多于一个的，在第二个处
    /// 报告并标出第一个。同一职责前台机构之下的内设机构（如标为前台综合执法的执法中队）属于该机构，
    /// 不算另一个窗口或队伍。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(六)2：
    /// “便民服务“一窗口”、综合执法“一队伍””。
    pub struct OneWindowOneTeam {
        code: "BZ005",
        name: "one-window-one-team",
        title: "一个窗口、一支队伍",
        short: ("一窗受理一队执法", "one window, one team"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（六）2", "Jiangsu DT Opinions 2017, II(6).2"),
        scope: Dev,
        examples: {
            "a second window" => "第二个窗口",
            "… and no front enforcement body at all" => "……且根本没有前台综合执法机构",
            "one body under two names is one window" => "一个机构两块牌子，算一个窗口",
        },
    }
}

impl RuleImpl for OneWindowOneTeam {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let file = org.file;
        for duty in [Duty::Service, Duty::Enforcement] {
            let (what_en, what_zh) = match duty {
                Duty::Service => ("front service body", "前台便民服务机构"),
                Duty::Enforcement => ("front enforcement body", "前台综合执法机构"),
                Duty::Command => continue,
            };
            let whats_en = what_en.replace("body", "bodies");
            let fronts: Vec<_> = org
                .bodies
                .iter()
                .filter(|b| b.is_front(duty) && !inside_front(org, b, duty))
                .collect();
            let (w_front, w_duty) = cx.spelled_front(duty);
            match fronts.as_slice() {
                [] => out.push(
                    Finding::new(
                        file,
                        org.unit.span,
                        text!(
                            "the unit has no {what_en}",
                            "本单位没有{what_zh}"
                        ),
                    )
                    .target(Target::unit(&org.unit.id.value))
                    .primary(text!("no {what_en} among its bodies", "所属机构中没有{what_zh}"))
                    .help(text!(
                        "set up one functional body with `office = \"{w_front}\"` and `duty = \"{w_duty}\"` (or give an existing body these keys)",
                        "设立一个 `office = \"{w_front}\"`、`duty = \"{w_duty}\"` 的职能机构（或为已有机构写明这两项）"
                    )),
                ),
                [_] => {}
                [first, second, rest @ ..] => {
                    let n = fronts.len();
                    let (fid, sid) = (&first.id.value, &second.id.value);
                    let mut f = Finding::new(
                        file,
                        second.span,
                        text!(
                            "{n} {whats_en}; exactly one is allowed",
                            "{what_zh}有 {n} 个，只能有一个"
                        ),
                    )
                    .target(Target::body(sid))
                    .primary(text!("a second {what_en} (`{sid}`)", "第二个{what_zh}（`{sid}`）"))
                    .label(file, first.span, text!("the first {what_en} (`{fid}`)", "第一个{what_zh}（`{fid}`）"))
                    .help(text!(
                        "merge them into `{fid}`, or make the others back bodies",
                        "将其并入 `{fid}`，或将其余机构改为后台机构"
                    ));
                    for other in rest {
                        let oid = &other.id.value;
                        f = f.label(
                            file,
                            other.span,
                            text!("another {what_en} (`{oid}`)", "又一个{what_zh}（`{oid}`）"),
                        );
                    }
                    out.push(f);
                }
            }
        }
    }
}

/// Whether `body` sits (at any depth) inside another front body of `duty`. In a cycle of parents
/// (BZ010's) nothing is inside anything, so the cycle's front bodies are all counted.
fn inside_front(org: &OrgFile, body: &Body, duty: Duty) -> bool {
    let mut ancestors: Vec<&Body> = Vec::new();
    let mut b = body;
    while let Some(parent) = b.parent.as_ref().and_then(|p| org.body(&p.value)) {
        if std::ptr::eq(parent, body) || ancestors.iter().any(|a| std::ptr::eq(*a, parent)) {
            return false;
        }
        ancestors.push(parent);
        b = parent;
    }
    ancestors.iter().any(|a| a.is_front(duty))
}
