use crate::base::diag::{Finding, Target};
use crate::model::BodyKind;
use crate::rules::one_center::centers;
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Lists each `institution` body (事业单位) directly under the unit that stands on its own: not
    /// integrated with a functional body. A body is integrated when its `attached_to` names the
    /// functional body it works together with (合署办公); the command centre (the "one centre",
    /// found as BZ011 finds it) is an institution of its own by design and is not listed. An
    /// `attached_to` that names a body which is not functional is listed too; one that names no body
    /// is BZ009's.
    ///
    /// The findings are `info` by default: a list for the town's office to review, not a breach.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(2): “将镇属事业单位职责与相关职能机构
    /// 整合重组” — the duties of the town's institutions are integrated and regrouped with the
    /// related functional bodies. An institution left standing alone is where that integration has
    /// not happened, or has not been written down.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "nyfw"
    /// name = "农业服务中心"
    /// kind = "institution"      # stands alone: listed
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[body]]
    /// id = "nyfw"
    /// name = "农业服务中心"
    /// kind = "institution"
    /// attached_to = "jjfz"      # works together with the economy bureau
    /// ```
    ///
    /// ## Parameters
    /// - `center_names` (array of strings, default 指挥中心, 联动中心, 网格化): as BZ011's, to find
    ///   the command centre by name where no body has `duty = "command"`.
    ///
    /// ## 检查内容
    /// 列出直属于本级、未与职能机构整合的事业单位（`institution`）。以 `attached_to` 写明与之合署
    /// 办公的职能机构的，视为已整合；“一中心”（按 BZ011 的方法识别）本身就是单设的事业单位，不列出。
    /// `attached_to` 指向的机构不是职能机构的，也予列出；指向不存在的机构由 BZ009 报告。
    ///
    /// 默认级别为 `info`：供编办和镇核对的清单，不是违规。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(二)：
    /// “将镇属事业单位职责与相关职能机构整合重组”。
    pub struct InstitutionIntegration {
        code: "BZ012",
        name: "institution-integration",
        title: "事业单位与职能机构整合",
        short: ("事业单位整合", "institutions to integrate"),
        level: Info,
        cite: ("江苏经济发达镇意见 二（二）", "Jiangsu DT Opinions 2017, II(2)"),
        scope: Dev,
        params: Params,
        examples: {
            "stands alone: listed" => "单设：列出",
            "works together with the economy bureau" => "与经济发展局合署办公",
        },
    }
}

/// The same `center_names` as BZ011: the centre this rule leaves out is the one BZ011 finds.
pub use crate::rules::one_center::Params;

impl RuleImpl for InstitutionIntegration {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let file = org.file;
        let (centres, _) = centers(org, &params.center_names);
        for body in org.top_bodies() {
            if body.kind.value != BodyKind::Institution
                || centres.iter().any(|c| std::ptr::eq(*c, body))
            {
                continue;
            }
            let id = &body.id.value;
            let name = &body.name.value;
            match &body.attached_to {
                None => out.push(
                    Finding::new(
                        file,
                        body.span,
                        text!(
                            "institution `{id}` ({name}) stands alone: it is not integrated with a functional body",
                            "事业单位 `{id}`（{name}）单独设置，未与职能机构整合"
                        ),
                    )
                    .target(Target::body(id))
                    .primary(text!("no `attached_to`", "未写 `attached_to`"))
                    .help(text!(
                        "where it works together with a functional body, name that body in `attached_to`; otherwise consider integrating its duties with the related functional body",
                        "与职能机构合署办公的，在 `attached_to` 中写明该职能机构；否则应考虑将其职责与相关职能机构整合"
                    )),
                ),
                Some(a) => {
                    let Some(target) = org.body(&a.value) else {
                        continue;
                    };
                    if target.kind.value == BodyKind::Functional {
                        continue;
                    }
                    let (aid, k_en, k_zh) =
                        (&a.value, target.kind.value.word(), target.kind.value.zh());
                    out.push(
                        Finding::new(
                            file,
                            a.span,
                            text!(
                                "institution `{id}` is attached to `{aid}`, which is not a functional body",
                                "事业单位 `{id}` 合署的 `{aid}` 不是职能机构"
                            ),
                        )
                        .target(Target::body(id))
                        .primary(text!("not a functional body", "不是职能机构"))
                        .label(file, target.span, text!("a body of kind {k_en}", "{k_zh}"))
                        .help(text!(
                            "name in `attached_to` the functional body the institution works together with",
                            "在 `attached_to` 中写明与该事业单位合署办公的职能机构"
                        )),
                    );
                }
            }
        }
    }
}
