use crate::base::diag::{Finding, Target};
use crate::model::ZoneMode;
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A development zone run with the town as one (`[unit.zone]` with `mode = "merged"`) declares
    /// no `quota` or `posts` of its own. Each table it declares is reported. A zone with
    /// `mode = "separate"`, or no `mode`, is not checked.
    ///
    /// ## Why
    /// The Jiangsu opinions (《关于深化经济发达镇行政管理体制改革工作的意见》, General Office of
    /// the CPC Jiangsu Provincial Committee, 2017-08-25), II(2): “实行一套班子、两块牌子” — where
    /// the zone and the town are merged (区镇合一), one leadership team runs both under two names,
    /// so the zone has no establishment or leadership posts apart from the town's. The merged mode
    /// is what the clause defines, so the rule looks at every town-level unit with a merged zone,
    /// developed town or not.
    ///
    /// ## Example
    /// ```toml
    /// [unit.zone]
    /// name = "盛泽经济开发区"
    /// mode = "merged"
    /// quota = { administrative = 5 }   # a merged zone has no quota of its own
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [unit.zone]
    /// name = "盛泽经济开发区"
    /// mode = "merged"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 镇区合一（`[unit.zone]` 的 `mode = "merged"`）的开发区不另设编制（`quota`）和领导职数
    /// （`posts`），写了哪一项就报告哪一项。`mode = "separate"` 或未写 `mode` 的不检查。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(二)：
    /// “实行一套班子、两块牌子”。镇区合一的开发区与镇共用一个领导班子，不另有编制和领导职数。本条规
    /// 定的是合一模式本身，凡有合一开发区的乡镇、街道均检查，不限于经济发达镇。
    pub struct ZoneOneTeam {
        code: "BZ007",
        name: "zone-one-team",
        title: "镇区合一不另设编制",
        short: ("区镇未合一", "zone and town not one team"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（二）", "Jiangsu DT Opinions 2017, II(2)"),
        scope: Town,
        examples: {
            "a merged zone has no quota of its own" => "镇区合一的开发区不另设编制",
        },
    }
}

impl RuleImpl for ZoneOneTeam {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let file = org.file;
        let Some(zone) = &org.unit.zone else { return };
        let Some(mode) = zone.mode.as_ref().filter(|m| m.value == ZoneMode::Merged) else {
            return;
        };
        let tables = [
            (
                zone.quota,
                "quota",
                "establishment (`quota`)",
                "编制（`quota`）",
            ),
            (
                zone.posts,
                "posts",
                "leadership posts (`posts`)",
                "领导职数（`posts`）",
            ),
        ];
        for (span, key, what_en, what_zh) in tables {
            let Some(span) = span else { continue };
            out.push(
                Finding::new(
                    file,
                    span,
                    text!(
                        "the merged development zone declares its own {what_en}",
                        "镇区合一的开发区另设了{what_zh}"
                    ),
                )
                .target(Target::unit(&org.unit.id.value))
                .primary(text!("the zone's own `{key}`", "开发区自设的 `{key}`"))
                .label(
                    file,
                    mode.span,
                    text!(
                        "merged: one leadership team, two names",
                        "镇区合一：一套班子、两块牌子"
                    ),
                )
                .help(text!(
                    "remove the zone's `{key}`: a merged zone has none apart from the town's `[quota]` and `[quota.posts]`",
                    "删除开发区的 `{key}`：镇区合一的开发区使用本镇的 `[quota]` 和 `[quota.posts]`，不另设"
                )),
            );
        }
    }
}
