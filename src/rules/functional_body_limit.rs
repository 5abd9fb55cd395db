use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Target};
use crate::base::i18n::Text;
use crate::model::BodyKind;
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// The number of functional bodies (职能机构) directly under the unit, front offices included,
    /// is at most `max` (10). Sub-bodies (with a `parent`), institutions, dispatched bodies, party
    /// and mass organisations and coordination bodies are not counted. "Within 10" includes 10
    /// itself, as 以内 does in Chinese law. The finding points at the first body over the limit and
    /// labels the first one counted.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(2): “综合设置10个以内职能机构” — a
    /// developed town sets up its functional bodies in an integrated way, ten at most.
    ///
    /// ## Example
    /// ```toml
    /// # with max = 2
    /// [[body]]
    /// id = "dzb"
    /// name = "党政办公室"
    /// kind = "functional"
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[body]]
    /// id = "shsy"          # the third functional body: reported here
    /// name = "社会事业局"
    /// kind = "functional"
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// # with max = 2: the third body is an institution, not counted
    /// [[body]]
    /// id = "dzb"
    /// name = "党政办公室"
    /// kind = "functional"
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[body]]
    /// id = "ghjs"
    /// name = "规划建设服务中心"
    /// kind = "institution"
    /// ```
    ///
    /// ## Parameters
    /// - `max` (integer, default 10): the most functional bodies allowed.
    ///
    /// ## 检查内容
    /// 直属于本级的职能机构（含前台机构）不超过 `max` 个（默认 10 个，“以内”含本数）；内设机构、
    /// 事业单位、派驻机构、群团组织和议事协调机构不计入。报告在超出上限的第一个机构处，并标出计入的
    /// 第一个机构。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(二)：
    /// “综合设置10个以内职能机构”。
    pub struct FunctionalBodyLimit {
        code: "BZ001",
        name: "functional-body-limit",
        title: "职能机构数量限额",
        short: ("职能机构超限", "functional bodies over limit"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（二）", "Jiangsu DT Opinions 2017, II(2)"),
        scope: Dev,
        params: Params,
        examples: {
            "with max = 2" => "max = 2 时",
            "the third functional body: reported here" => "第三个职能机构：在此报告",
            "with max = 2: the third body is an institution, not counted" => "max = 2 时：第三个机构是事业单位，不计入",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub max: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params { max: 10 }
    }
}

impl RuleImpl for FunctionalBodyLimit {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let functional: Vec<_> = cx
            .org
            .top_bodies()
            .filter(|b| b.kind.value == BodyKind::Functional)
            .collect();
        let count = functional.len();
        let max = params.max as usize;
        let Some(first_over) = functional.get(max) else {
            return;
        };
        let first = functional[0];
        let excess = count - max;
        let id = &first_over.id.value;
        let mut finding = Finding::new(
            cx.org.file,
            first_over.span,
            text!(
                "{count} functional bodies; at most {max} are allowed",
                "职能机构 {count} 个，超过上限 {max} 个"
            ),
        )
        .target(Target::body(id))
        .primary(text!(
            "functional body no. {n} (`{id}`)",
            "第 {n} 个职能机构（`{id}`）",
            n = max + 1
        ))
        .help(Text::new(
            if excess == 1 {
                "merge or abolish 1 functional body, or turn it into a sub-body of another body".to_string()
            } else {
                format!("merge or abolish {excess} functional bodies, or turn them into sub-bodies of other bodies")
            },
            format!("合并或撤销 {excess} 个职能机构，或将其改为其他机构的内设机构"),
        ));
        if first.span != first_over.span {
            finding = finding.label(
                cx.org.file,
                first.span,
                text!("first functional body counted", "计入的第一个职能机构"),
            );
        }
        out.push(finding);
    }
}
