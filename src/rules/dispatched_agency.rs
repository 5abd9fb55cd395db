use crate::finding::{Finding, Level, Target};
use crate::model::{Assessor, BodyKind};
use crate::rules::{FileCx, NoParams, RuleImpl, RuleMeta};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A dispatched body (派驻机构) that is not `localized` has `assessment = "town"` (the town
    /// leads its annual assessment) and `appointment_consultation = true` (the town is consulted
    /// before its leaders are appointed or removed); each condition it fails is an error, at the
    /// value written or, where it is missing, at the `[body.dispatched]` table (the body's header
    /// when that table is missing). A dispatched body without `localized` is not localized.
    ///
    /// One that meets both is still reported, at level `info` whatever the pack says: localizing is
    /// the rule, keeping the body with the county the exception.
    ///
    /// ## Why
    /// Seed 二(二): 县级职能部门派驻机构原则上实行属地管理；继续实行派驻的，其负责人的任免须征求
    /// 镇党委意见，日常管理和考核以镇为主 — bodies dispatched by county departments are in principle
    /// put under the town; where one stays dispatched, the town is consulted on appointing its head
    /// and leads its day-to-day management and assessment.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "police-station"
    /// name = "盛泽派出所"
    /// kind = "dispatched"
    /// [body.dispatched]
    /// by = "吴江公安分局"
    /// localized = false
    /// assessment = "county"           # must be the town
    /// appointment_consultation = false
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "market-branch"
    /// name = "市场监管分局"
    /// kind = "dispatched"
    /// [body.dispatched]
    /// by = "吴江区市场监督管理局"
    /// localized = true
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 未实行属地管理（`localized`）的派驻机构，须由镇主导考核（`assessment = "town"`）并在任免前征求
    /// 镇的意见（`appointment_consultation = true`），每一项不符合即为错误，报告在所写的值处；未写的，
    /// 报告在 `[body.dispatched]` 处（该表也没有的，报告在机构处）。未写 `localized` 视为未属地化。
    ///
    /// 两项都符合的，仍以 `info` 级别提示（不论规则包如何设定）：属地管理是原则，保留派驻是例外。
    ///
    /// ## 依据
    /// 《意见》二(二)：县级职能部门派驻机构原则上实行属地管理；继续实行派驻的，负责人任免须征求镇党委
    /// 意见，日常管理和考核以镇为主。
    pub struct DispatchedAgency {
        code: "BZ006",
        name: "dispatched-agency",
        level: Error,
        cite: ("苏发达镇意见 二(二)", "Jiangsu DT Opinions 2017, II(2)"),
        scope: Dev,
    }
}

impl RuleImpl for DispatchedAgency {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let file = cx.org.file;
        for body in &cx.org.bodies {
            if body.kind.value != BodyKind::Dispatched {
                continue;
            }
            let id = &body.id.value;
            let Some(d) = &body.dispatched else {
                out.push(
                    Finding::new(
                        file,
                        body.span,
                        text!(
                            "dispatched body `{id}` is not localized, and who assesses it and whether the town is consulted on appointments is not stated",
                            "派驻机构 `{id}` 未实行属地管理，也未写明由谁考核、任免是否征求镇的意见"
                        ),
                    )
                    .target(Target::body(id))
                    .primary(text!("no `[body.dispatched]`", "未写 `[body.dispatched]`"))
                    .help(text!(
                        "add `[body.dispatched]` with `localized = true`, or, where it stays with the county, `assessment = \"town\"` and `appointment_consultation = true`",
                        "补充 `[body.dispatched]`：写明 `localized = true`；继续派驻的，写明 `assessment = \"town\"` 和 `appointment_consultation = true`"
                    )),
                );
                continue;
            };
            if d.localized.as_ref().is_some_and(|l| l.value) {
                continue;
            }
            let not_localized = |f: Finding| match &d.localized {
                Some(l) => f.label(file, l.span, text!("not localized", "未属地化")),
                None => f,
            };
            let mut ok = true;
            match &d.assessment {
                Some(a) if a.value == Assessor::Town => {}
                other => {
                    ok = false;
                    let span = other.as_ref().map_or(d.span, |a| a.span);
                    let primary = match other {
                        Some(_) => text!("assessed by the county", "由县考核"),
                        None => text!("no `assessment`", "未写 `assessment`"),
                    };
                    out.push(not_localized(
                        Finding::new(
                            file,
                            span,
                            text!(
                                "dispatched body `{id}` is not localized, so the town must lead its assessment",
                                "派驻机构 `{id}` 未实行属地管理，应以镇为主进行考核"
                            ),
                        )
                        .target(Target::body(id))
                        .primary(primary)
                        .help(text!(
                            "set `assessment = \"town\"`, or put the body under the town (`localized = true`)",
                            "写明 `assessment = \"town\"`，或实行属地管理（`localized = true`）"
                        )),
                    ));
                }
            }
            match &d.appointment_consultation {
                Some(c) if c.value => {}
                other => {
                    ok = false;
                    let span = other.as_ref().map_or(d.span, |c| c.span);
                    let primary = match other {
                        Some(_) => text!("the town is not consulted", "不征求镇的意见"),
                        None => text!(
                            "no `appointment_consultation`",
                            "未写 `appointment_consultation`"
                        ),
                    };
                    out.push(not_localized(
                        Finding::new(
                            file,
                            span,
                            text!(
                                "dispatched body `{id}` is not localized, so the town must be consulted before its leaders are appointed",
                                "派驻机构 `{id}` 未实行属地管理，其负责人任免应征求镇的意见"
                            ),
                        )
                        .target(Target::body(id))
                        .primary(primary)
                        .help(text!(
                            "set `appointment_consultation = true`, or put the body under the town (`localized = true`)",
                            "写明 `appointment_consultation = true`，或实行属地管理（`localized = true`）"
                        )),
                    ));
                }
            }
            if let (true, Some(a), Some(c)) = (ok, &d.assessment, &d.appointment_consultation) {
                let span = d.localized.as_ref().map_or(d.span, |l| l.span);
                out.push(
                    Finding::new(
                        file,
                        span,
                        text!(
                            "dispatched body `{id}` stays with the county; localizing is the rule",
                            "派驻机构 `{id}` 继续实行派驻；原则上应实行属地管理"
                        ),
                    )
                    .target(Target::body(id))
                    .fixed_level(Level::Info)
                    .primary(text!("not localized", "未属地化"))
                    .label(file, a.span, text!("assessed by the town", "以镇为主考核"))
                    .label(
                        file,
                        c.span,
                        text!("the town is consulted on appointments", "任免征求镇的意见"),
                    )
                    .help(text!(
                        "put the body under the town (`localized = true`) when it can be; until then the town's assessment and consultation keep it acceptable",
                        "条件具备时实行属地管理（`localized = true`）；在此之前，以镇为主考核并征求任免意见即可"
                    )),
                );
            }
        }
    }
}
