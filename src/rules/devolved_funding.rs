use crate::base::diag::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A devolved power (one with `from`) says how the devolved duty is funded: `funding` is written
    /// and not blank.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(5): “上级政府对下放给经济发达镇的事权,要给予
    /// 相应财力支持” — the governments above give the town the money that the duties devolved to it
    /// need.
    ///
    /// ## Example
    /// ```toml
    /// [[power]]
    /// code = "CF-012"
    /// name = "对违法建设的处罚"
    /// category = "penalty"
    /// handled_by = "zfj"
    /// from = "区住建局"         # devolved, but no `funding`: reported
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[power]]
    /// code = "CF-012"
    /// name = "对违法建设的处罚"
    /// category = "penalty"
    /// handled_by = "zfj"
    /// from = "区住建局"
    /// funding = "区财政按年度转移支付"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 下放的权力（写有 `from`）须写明经费保障方式 `funding`；未填写或为空的，予以警告。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(五)：
    /// “上级政府对下放给经济发达镇的事权,要给予相应财力支持”。
    pub struct DevolvedFunding {
        code: "BZ307",
        name: "devolved-funding",
        title: "下放权力须有经费保障",
        short: ("下放无经费保障", "devolved without funding"),
        level: Warning,
        cite: ("江苏经济发达镇意见 二（五）", "Jiangsu DT Opinions 2017, II(5)"),
        scope: Dev,
        examples: {
            "devolved, but no `funding`: reported" => "已下放，但没有 `funding`：报告",
        },
    }
}

impl RuleImpl for DevolvedFunding {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for p in &cx.org.powers {
            let Some(from) = p.from.as_ref().filter(|f| !f.value.trim().is_empty()) else {
                continue;
            };
            let (span, primary) = match &p.funding {
                Some(f) if !f.value.trim().is_empty() => continue,
                Some(f) => (f.span, text!("blank funding", "经费保障为空")),
                None => (p.span, text!("no `funding` key", "缺少 `funding`")),
            };
            let (code, dept) = (&p.code.value, &from.value);
            out.push(
                Finding::new(
                    cx.org.file,
                    span,
                    text!(
                        "devolved power `{code}` says nothing of how it is funded",
                        "下放的权力 `{code}` 未写明经费保障"
                    ),
                )
                .target(Target::power(code))
                .primary(primary)
                .label(
                    cx.org.file,
                    from.span,
                    text!("devolved from here", "由此下放"),
                )
                .help(text!(
                    "say in `funding` how the duty devolved from {dept} is paid for (e.g. a transfer from the county budget)",
                    "在 `funding` 中写明自{dept}下放事项的经费来源（如区县财政转移支付）"
                )),
            );
        }
    }
}
