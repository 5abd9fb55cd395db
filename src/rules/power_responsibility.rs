use crate::base::diag::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Every power lists its `responsibilities`: the duties and accountability items that come with
    /// it. A missing or empty list is reported, as is a list of blank entries only.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(1).2: “有权必有责” — every power carries
    /// responsibilities, listed with it.
    ///
    /// ## Example
    /// ```toml
    /// [[power]]
    /// code = "CF-001"
    /// name = "对违法占道经营的处罚"
    /// category = "penalty"
    /// handled_by = "zfj"
    /// responsibilities = []   # empty: reported
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[power]]
    /// code = "CF-001"
    /// name = "对违法占道经营的处罚"
    /// category = "penalty"
    /// handled_by = "zfj"
    /// responsibilities = ["立案责任", "调查取证责任", "决定责任", "执行责任"]
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 每项权力须列明责任事项 `responsibilities`；未填写、为空或只有空白项的，均予报告。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(一)2：
    /// “有权必有责”。
    pub struct PowerResponsibility {
        code: "BZ302",
        name: "power-responsibility",
        title: "权力须列明责任事项",
        short: ("有权无责", "power without duty"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（一）2", "Jiangsu DT Opinions 2017, II(1).2"),
        scope: Dev,
        examples: {
            "empty: reported" => "为空：报告",
        },
    }
}

impl RuleImpl for PowerResponsibility {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for p in &cx.org.powers {
            let listed = p
                .responsibilities
                .as_ref()
                .is_some_and(|r| r.value.iter().any(|s| !s.value.trim().is_empty()));
            if listed {
                continue;
            }
            let code = &p.code.value;
            let (span, primary) = match &p.responsibilities {
                Some(r) => (r.span, text!("no responsibility listed", "未列明责任事项")),
                None => (
                    p.span,
                    text!("no `responsibilities` key", "缺少 `responsibilities`"),
                ),
            };
            out.push(
                Finding::new(
                    cx.org.file,
                    span,
                    text!(
                        "power `{code}` lists no responsibilities",
                        "权力 `{code}` 未列明责任事项"
                    ),
                )
                .target(Target::power(code))
                .primary(primary)
                .help(text!(
                    "list the duties and accountability items of the power in `responsibilities`",
                    "在 `responsibilities` 中列明该权力的责任事项"
                )),
            );
        }
    }
}
