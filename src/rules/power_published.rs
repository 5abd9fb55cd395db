use crate::base::diag::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Every power is in the catalog published to the public: `published = true`. A power with
    /// `published = false`, or without the key, is reported.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(1).1: the powers given to the town are listed
    /// in a catalog, “制定目录向社会公布” — drawn up and published to the public.
    ///
    /// ## Example
    /// ```toml
    /// [[power]]
    /// code = "QR-001"
    /// name = "农村宅基地使用权确认"
    /// category = "confirmation"
    /// handled_by = "spj"
    /// published = false       # reported here
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[power]]
    /// code = "QR-001"
    /// name = "农村宅基地使用权确认"
    /// category = "confirmation"
    /// handled_by = "spj"
    /// published = true
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 每项权力均须列入向社会公布的目录：`published = true`。写为 `false` 或未填写的，均予报告。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(一)1：
    /// 赋予经济发达镇的权力“制定目录向社会公布”。
    pub struct PowerPublished {
        code: "BZ303",
        name: "power-published",
        title: "权力须向社会公布",
        short: ("权力未公布", "power not published"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（一）1", "Jiangsu DT Opinions 2017, II(1).1"),
        scope: Dev,
        examples: {
            "reported here" => "在此报告",
        },
    }
}

impl RuleImpl for PowerPublished {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for p in &cx.org.powers {
            let code = &p.code.value;
            let (span, primary) = match &p.published {
                Some(b) if b.value => continue,
                Some(b) => (b.span, text!("not published", "未公布")),
                None => (p.span, text!("no `published` key", "缺少 `published`")),
            };
            out.push(
                Finding::new(
                    cx.org.file,
                    span,
                    text!(
                        "power `{code}` is not in the published catalog",
                        "权力 `{code}` 未列入向社会公布的目录"
                    ),
                )
                .target(Target::power(code))
                .primary(primary)
                .help(text!(
                    "publish the power in the catalog and set `published = true`",
                    "将该权力列入目录向社会公布，并设 `published = true`"
                )),
            );
        }
    }
}
