use crate::base::diag::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A devolved power (one with `from`: the county department it came from) lists `support`:
    /// what the source department provides so the town can exercise it — training, information
    /// systems, network ports. A missing or empty list is reported.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(1).1: a town given powers is to be supported
    /// “在人才、技术、网络端口等方面予以支持和保障” — with people, technology and network ports —
    /// “确保接得住、用得好”, so that it can take the powers up and use them well.
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
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(一)1：
    /// 对经济发达镇承接的权力，“在人才、技术、网络端口等方面予以支持和保障”，“确保接得住、用得好”。
    pub struct DevolvedSupport {
        code: "BZ306",
        name: "devolved-support",
        title: "下放权力须有配套保障",
        short: ("下放无指导支持", "devolved without support"),
        level: Warning,
        cite: ("江苏经济发达镇意见 二（一）1", "Jiangsu DT Opinions 2017, II(1).1"),
        scope: Dev,
        examples: {
            "devolved, but no `support`: reported" => "已下放，但没有 `support`：报告",
        },
    }
}

impl RuleImpl for DevolvedSupport {
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
