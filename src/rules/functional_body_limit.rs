use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Target};
use crate::i18n::Text;
use crate::model::BodyKind;
use crate::rules::{FileCx, RuleImpl, RuleMeta};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// The number of functional bodies (职能机构) directly under the unit, front offices included,
    /// is at most `max`. Sub-bodies (with a `parent`), institutions, dispatched bodies, party and
    /// mass organisations and coordination bodies are not counted.
    ///
    /// ## Why
    /// Seed 二(二): 经济发达镇党政机构……一般不超过10个 — the party and government bodies of an
    /// economically developed town are set up in an integrated way, usually at most 10.
    ///
    /// ## Example
    /// ```toml
    /// # with max = 2
    /// [[body]]
    /// id = "office"
    /// name = "党政办公室"
    /// kind = "functional"
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[body]]
    /// id = "culture"        # the third functional body: reported here
    /// name = "社会事业局"
    /// kind = "functional"
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// # with max = 2: the second body is an institution, not counted
    /// [[body]]
    /// id = "office"
    /// name = "党政办公室"
    /// kind = "functional"
    /// [[body]]
    /// id = "planning-centre"
    /// name = "规划建设服务中心"
    /// kind = "institution"
    /// ```
    ///
    /// ## Parameters
    /// - `max` (integer, default 10): the most functional bodies allowed.
    ///
    /// ## 检查内容
    /// 直属于本级的职能机构（含前台机构）数量不超过 `max` 个；内设机构、事业单位、派驻机构、
    /// 群团组织和议事协调机构不计入。
    ///
    /// ## 依据
    /// 《意见》二(二)：经济发达镇党政机构统筹设置，一般不超过10个。
    pub struct FunctionalBodyLimit {
        code: "BZ001",
        name: "functional-body-limit",
        level: Error,
        cite: ("苏发达镇意见 二(二)", "Jiangsu DT Opinions 2017, II(2)"),
        scope: Dev,
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
    type Params = Params;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

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
                "merge or abolish 1 functional body, or turn it into a sub-body (内设机构) of another body".to_string()
            } else {
                format!("merge or abolish {excess} functional bodies, or turn them into sub-bodies (内设机构) of other bodies")
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
