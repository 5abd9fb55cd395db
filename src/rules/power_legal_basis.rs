use crate::base::diag::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Every power has a `legal_basis`: the law, regulation or decision that grants it. A missing or
    /// blank `legal_basis` is reported.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(1).2: “确保法无授权不可为” — nothing the law does
    /// not authorise may be done, so every power names the law that grants it.
    ///
    /// ## Example
    /// ```toml
    /// [[power]]
    /// code = "JC-001"
    /// name = "建筑工地扬尘检查"
    /// category = "inspection"
    /// handled_by = "zfj"
    /// legal_basis = ""        # blank: reported
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[power]]
    /// code = "JC-001"
    /// name = "建筑工地扬尘检查"
    /// category = "inspection"
    /// handled_by = "zfj"
    /// legal_basis = "《中华人民共和国大气污染防治法》第六十九条"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 每项权力须写明法律依据 `legal_basis`；未填写或为空的，均予报告。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(一)2：
    /// “确保法无授权不可为”。每项权力都须写明授权的法律依据。
    pub struct PowerLegalBasis {
        code: "BZ304",
        name: "power-legal-basis",
        title: "权力须有法律依据",
        short: ("无法定依据", "no legal basis"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（一）2", "Jiangsu DT Opinions 2017, II(1).2"),
        scope: Dev,
        examples: {
            "blank: reported" => "空白：报告",
        },
    }
}

impl RuleImpl for PowerLegalBasis {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for p in &cx.org.powers {
            let code = &p.code.value;
            let (span, primary) = match &p.legal_basis {
                Some(b) if !b.value.trim().is_empty() => continue,
                Some(b) => (b.span, text!("blank legal basis", "法律依据为空")),
                None => (p.span, text!("no `legal_basis` key", "缺少 `legal_basis`")),
            };
            out.push(
                Finding::new(
                    cx.org.file,
                    span,
                    text!(
                        "power `{code}` has no legal basis",
                        "权力 `{code}` 没有法律依据"
                    ),
                )
                .target(Target::power(code))
                .primary(primary)
                .help(text!(
                    "name the law, regulation or decision that grants the power in `legal_basis`, or drop the power from the list",
                    "在 `legal_basis` 中写明授予该权力的法律、法规或决定，否则将其移出清单"
                )),
            );
        }
    }
}
