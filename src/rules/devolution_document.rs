use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Target};
use crate::base::source::Sp;
use crate::model::{Approval, Date, PowerCategory};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A devolved power (one with `from`) names the decision that devolved it: the document number
    /// `doc` of its own `devolved_by`, or, where it has none, of the unit's `[unit.devolved_by]`.
    ///
    /// A devolved `penalty` power in a file with `as_of` on or after 2021-07-15 (when the revised
    /// Administrative Penalty Law took effect) also has a decision made by the province: its `by`
    /// contains one of `provincial_authorities` (省人民政府, 自治区人民政府,
    /// 省人民代表大会常务委员会, 自治区人民代表大会常务委员会). A decision without `by` is reported
    /// too. Powers of other categories, and earlier files, are not checked for the maker.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(1).1: county powers given to a developed
    /// town are given “按法定程序和要求办理” — by the procedure the law sets, which leaves a decision
    /// on record. For penalty powers the law is the Administrative Penalty Law (《中华人民共和国行政
    /// 处罚法》, revised 2021, in force 2021-07-15), art. 24: the province decides to hand a county
    /// department's penalty power to a township or subdistrict, and “决定应当公布” — the decision is
    /// published.
    ///
    /// ## Example
    /// ```toml
    /// [unit]
    /// as_of = 2024-06-30
    /// # …
    /// [[power]]
    /// code = "CF-012"
    /// name = "对违法建设的处罚"
    /// category = "penalty"
    /// handled_by = "zfj"
    /// from = "吴江区住房和城乡建设局"
    /// devolved_by = { by = "吴江区人民政府", doc = "吴政发〔2022〕5号" }   # not provincial
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [unit.devolved_by]
    /// by = "江苏省人民政府"
    /// doc = "苏政发〔2021〕…号"
    /// date = 2021-09-30
    /// # …
    /// [[power]]
    /// code = "CF-012"
    /// name = "对违法建设的处罚"
    /// category = "penalty"
    /// handled_by = "zfj"
    /// from = "吴江区住房和城乡建设局"   # devolved by the unit's decision
    /// ```
    ///
    /// ## Parameters
    /// - `provincial_authorities` (array of strings, default 省人民政府, 自治区人民政府,
    ///   省人民代表大会常务委员会, 自治区人民代表大会常务委员会): what the maker of a decision
    ///   devolving a penalty power contains.
    ///
    /// ## 检查内容
    /// 下放的权力（写有 `from`）须写明赋权决定：其自身 `devolved_by` 的文号 `doc`；自身未写
    /// `devolved_by` 的，以本单位 `[unit.devolved_by]` 的为准。
    ///
    /// 文件 `as_of` 在 2021-07-15（修订后的行政处罚法施行之日）及以后的，下放的行政处罚权（`penalty`）
    /// 还须由省级决定：赋权决定的 `by` 含 `provincial_authorities`（省人民政府、自治区人民政府、
    /// 省人民代表大会常务委员会、自治区人民代表大会常务委员会）之一；未写 `by` 的，同样报告。其他
    /// 类别的权力和更早的文件不检查决定机关。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(一)1：
    /// 赋予经济发达镇县级管理权限的，“按法定程序和要求办理”。《中华人民共和国行政处罚法》（2021 修订，
    /// 2021-07-15 施行）第二十四条：由省、自治区、直辖市决定将县级人民政府部门的行政处罚权交由乡镇
    /// 人民政府、街道办事处行使，“决定应当公布”。
    pub struct DevolutionDocument {
        code: "BZ308",
        name: "devolution-document",
        title: "下放权力须有赋权决定",
        short: ("下放依据不全", "devolution document"),
        level: Warning,
        cite: (
            "江苏经济发达镇意见 二（一）1；行政处罚法 第二十四条",
            "Jiangsu DT Opinions 2017, II(1).1; Administrative Penalty Law, art. 24"
        ),
        scope: Dev,
        params: Params,
        examples: {
            "not provincial" => "不是省级",
            "devolved by the unit's decision" => "依本单位的赋权决定下放",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub provincial_authorities: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            provincial_authorities: [
                "省人民政府",
                "自治区人民政府",
                "省人民代表大会常务委员会",
                "自治区人民代表大会常务委员会",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// The revised Administrative Penalty Law took effect: from then on only the province devolves
/// penalty powers (art. 24).
const PENALTY_LAW_2021: Date = Date {
    year: 2021,
    month: 7,
    day: 15,
};

/// A written, non-blank value.
fn given(v: &Option<Sp<String>>) -> Option<&Sp<String>> {
    v.as_ref().filter(|s| !s.value.trim().is_empty())
}

impl RuleImpl for DevolutionDocument {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let file = org.file;
        let after_2021 = org.unit.as_of.value >= PENALTY_LAW_2021;
        for p in &org.powers {
            let Some(from) = p.from.as_ref().filter(|f| !f.value.trim().is_empty()) else {
                continue;
            };
            let code = &p.code.value;
            let penalty = p.category.value == PowerCategory::Penalty && after_2021;
            // The power's own decision, else the unit's.
            let (decision, own): (Option<&Approval>, bool) = match &p.devolved_by {
                Some(d) => (Some(d), true),
                None => (org.unit.devolved_by.as_ref(), false),
            };
            let from_label = text!("devolved from here", "由此下放");
            let unit_label = |f: Finding, d: &Approval| {
                if own {
                    f
                } else {
                    f.label(
                        file,
                        d.span,
                        text!(
                            "the unit's devolving decision, which the power follows",
                            "本单位的赋权决定（该权力适用）"
                        ),
                    )
                }
            };
            let Some(d) = decision.filter(|d| given(&d.doc).is_some()) else {
                let (span, primary) = match decision {
                    Some(d) if own => (d.span, text!("no `doc`", "未写文号 `doc`")),
                    _ => (p.span, text!("no devolving decision", "未写赋权决定")),
                };
                let help = if penalty {
                    text!(
                        "add `devolved_by = {{ by = \"…\", doc = \"…\", date = … }}` to the power, or `[unit.devolved_by]` for all: the province's decision (for a penalty power) and its number",
                        "为该权力补充 `devolved_by = {{ by = \"…\", doc = \"…\", date = … }}`，或为全部权力写明 `[unit.devolved_by]`：行政处罚权须为省级决定，并写明文号"
                    )
                } else {
                    text!(
                        "add `devolved_by = {{ by = \"…\", doc = \"…\", date = … }}` to the power, or `[unit.devolved_by]` for all: who decided to devolve it, and the document number",
                        "为该权力补充 `devolved_by = {{ by = \"…\", doc = \"…\", date = … }}`，或为全部权力写明 `[unit.devolved_by]`：赋权决定机关及文号"
                    )
                };
                let f = Finding::new(
                    file,
                    span,
                    text!(
                        "devolved power `{code}` names no decision that devolved it",
                        "下放的权力 `{code}` 未写明赋权决定的文号"
                    ),
                )
                .target(Target::power(code))
                .primary(primary)
                .label(file, from.span, from_label)
                .help(help);
                out.push(match decision {
                    Some(d) => unit_label(f, d),
                    None => f,
                });
                continue;
            };
            if !penalty {
                continue;
            }
            let by = given(&d.by);
            if by.is_some_and(|b| {
                params
                    .provincial_authorities
                    .iter()
                    .any(|a| !a.is_empty() && b.value.contains(a.as_str()))
            }) {
                continue;
            }
            let names = params.provincial_authorities.join(", ");
            let names_zh = params.provincial_authorities.join("、");
            let f = match by {
                Some(b) => {
                    let who = &b.value;
                    Finding::new(
                        file,
                        b.span,
                        text!(
                            "penalty power `{code}` was devolved by `{who}`; since 2021-07-15 only the province decides to devolve a penalty power",
                            "行政处罚权 `{code}` 由“{who}”决定下放；2021-07-15 起，行政处罚权下放须由省级决定"
                        ),
                    )
                    .primary(text!("not a provincial authority", "不是省级机关"))
                }
                None => Finding::new(
                    file,
                    d.span,
                    text!(
                        "the decision that devolved penalty power `{code}` does not say who made it; since 2021-07-15 only the province decides to devolve a penalty power",
                        "行政处罚权 `{code}` 的赋权决定未写明决定机关；2021-07-15 起，行政处罚权下放须由省级决定"
                    ),
                )
                .primary(text!("no `by`", "未写决定机关 `by`")),
            };
            let f = f
                .target(Target::power(code))
                .label(file, p.category.span, text!("a penalty power", "行政处罚权"))
                .label(
                    file,
                    org.unit.as_of.span,
                    text!(
                        "the file describes 2021-07-15 or later",
                        "文件所述日期不早于 2021-07-15"
                    ),
                )
                .help(text!(
                    "give the provincial decision that devolved the power in `devolved_by` ({names}), with its number",
                    "在 `devolved_by` 中写明下放该权力的省级决定（{names_zh}）及文号"
                ));
            out.push(unit_label(f, d));
        }
    }
}
