use crate::finding::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl, RuleMeta};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A devolved power (one with `from`: the county department it came from) lists `support`:
    /// what the source department provides so the town can exercise it — training, information
    /// systems, network ports. A missing or empty list is reported.
    ///
    /// ## Why
    /// Seed 二(一)1: 区（县）级部门要加强业务指导、培训和服务保障，确保放得下、接得住、管得好 — the
    /// county departments guide, train and support the town so that devolved powers are actually
    /// taken up and run well.
    ///
    /// ## Example
    /// ```toml
    /// [[power]]
    /// code = "XK-007"
    /// name = "户外广告设施设置审批"
    /// category = "licensing"
    /// handled_by = "spj"
    /// from = "区城管局"         # devolved, but no `support`: reported
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[power]]
    /// code = "XK-007"
    /// name = "户外广告设施设置审批"
    /// category = "licensing"
    /// handled_by = "spj"
    /// from = "区城管局"
    /// support = ["业务培训", "审批系统账号", "政务外网端口"]
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 下放的权力（写有 `from`，即原实施的区县部门）须列明 `support`：原部门提供的培训、
    /// 信息系统、网络端口等保障。未填写或为空的，予以警告。
    ///
    /// ## 依据
    /// 《意见》二(一)1：区（县）级部门加强业务指导、培训和服务保障，确保放得下、接得住、管得好。
    pub struct DevolvedSupport {
        code: "BZ306",
        name: "devolved-support",
        level: Warning,
        cite: ("苏发达镇意见 二(一)1", "Jiangsu DT Opinions 2017, II(1).1"),
        scope: Dev,
    }
}

impl RuleImpl for DevolvedSupport {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for p in &cx.org.powers {
            let Some(from) = p.from.as_ref().filter(|f| !f.value.trim().is_empty()) else {
                continue;
            };
            let listed = p
                .support
                .as_ref()
                .is_some_and(|s| s.value.iter().any(|x| !x.value.trim().is_empty()));
            if listed {
                continue;
            }
            let (code, dept) = (&p.code.value, &from.value);
            let (span, primary) = match &p.support {
                Some(s) => (s.span, text!("no support listed", "未列明保障措施")),
                None => (p.span, text!("no `support` key", "缺少 `support`")),
            };
            out.push(
                Finding::new(
                    cx.org.file,
                    span,
                    text!(
                        "devolved power `{code}` lists no support from {dept}",
                        "下放的权力 `{code}` 未列明{dept}提供的保障"
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
                    "list in `support` what {dept} provides: training, information systems, network ports",
                    "在 `support` 中列明{dept}提供的培训、信息系统、网络端口等保障"
                )),
            );
        }
    }
}
