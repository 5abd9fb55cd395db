use crate::base::diag::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Every power of the powers-and-duties list is held by the unit itself: a power's `holder`,
    /// where written, is the unit's own id. Bodies of the town only handle powers (`handled_by`);
    /// they do not exercise them in law.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(1).1: “镇政府为权力实施主体” — the town
    /// government is the subject that exercises the powers in law; its bodies handle them.
    ///
    /// ## Example
    /// ```toml
    /// [[power]]
    /// code = "XK-001"
    /// name = "临时占用城市道路审批"
    /// category = "licensing"
    /// handled_by = "spj"
    /// holder = "spj"          # a body as holder: reported here
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[power]]
    /// code = "XK-001"
    /// name = "临时占用城市道路审批"
    /// category = "licensing"
    /// handled_by = "spj"      # the body handles it; the holder defaults to the unit
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 权责清单中每项权力的实施主体为本单位（镇政府）：写有 `holder` 时，须为本单位的 id。
    /// 镇内机构只承办（`handled_by`），不作为实施主体。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(一)1：
    /// “镇政府为权力实施主体”。
    pub struct PowerHolder {
        code: "BZ301",
        name: "power-holder",
        title: "权力实施主体",
        short: ("权力主体不符", "power holder"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（一）1", "Jiangsu DT Opinions 2017, II(1).1"),
        scope: Dev,
        examples: {
            "a body as holder: reported here" => "以机构为实施主体：在此报告",
            "the body handles it; the holder defaults to the unit" => "由机构承办；实施主体默认为本单位",
        },
    }
}

impl RuleImpl for PowerHolder {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let unit = &cx.org.unit.id.value;
        for p in &cx.org.powers {
            let Some(holder) = &p.holder else { continue };
            if holder.value == *unit {
                continue;
            }
            let (code, h) = (&p.code.value, &holder.value);
            let mut f = Finding::new(
                cx.org.file,
                holder.span,
                text!(
                    "power `{code}` is held by `{h}`, not by the unit `{unit}`",
                    "权力 `{code}` 的实施主体为 `{h}`，而非本单位 `{unit}`"
                ),
            )
            .target(Target::power(code))
            .primary(text!("the holder in law", "实施主体"))
            .help(text!(
                "remove `holder` (it defaults to the unit) or set it to `{unit}`; let the body handle the power with `handled_by`",
                "删除 `holder`（默认为本单位）或改为 `{unit}`；由机构通过 `handled_by` 承办"
            ));
            if let Some(body) = cx.org.body(h) {
                f = f.label(
                    cx.org.file,
                    body.span,
                    text!(
                        "`{h}` is a body of the unit: it may handle, not hold",
                        "`{h}` 是本单位的机构：只能承办，不能作为实施主体"
                    ),
                );
            }
            out.push(f);
        }
    }
}
