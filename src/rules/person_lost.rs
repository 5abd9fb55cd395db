use crate::analysis::reorg::Reorg;
use crate::base::diag::{Finding, Level, Target};
use crate::base::i18n::msg;
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// In a proposal (`status = "proposal"`) that has a baseline, every person of the baseline's
    /// roster is in the proposal's roster (the same `id`, in any body), is named in a
    /// `[[departure]]`, or is among the `persons` of a `[[transfer]]` with `direction = "out"` (they
    /// left with the establishment, 随编划出). A person who is in none of these is lost.
    ///
    /// A proposal without a baseline cannot be compared: one `info` finding says so ("not shown")
    /// and how to give it one.
    ///
    /// The finding points at the proposal's `[unit]` header (the plan is what has to change, and an
    /// `[[exception]]` in the plan can cover it) and labels the person's entry in the baseline file.
    ///
    /// ## Why
    /// Reorganization: nothing lost. A plan must place every person it reorganizes, and record
    /// those who leave with the reason (retired, transferred, resigned); a person who silently
    /// drops out of the roster is a gap in the real-name record.
    ///
    /// ## Example
    /// ```toml
    /// # baseline (2018.toml) has SZ0021 and SZ0029 on its roster
    /// [unit]
    /// id = "shengze"
    /// as_of = 2019-03-31
    /// status = "proposal"
    /// [[person]]
    /// id = "SZ0021"
    /// body = "shsybz"
    /// establishment = "administrative"
    /// # SZ0029 is neither on the roster nor in a departure: reported
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "SZ0021"
    /// body = "shsybz"
    /// establishment = "administrative"
    /// [[departure]]
    /// person = "SZ0029"
    /// reason = "transferred"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 有基线的方案（`status = "proposal"`）中，基线名册上的每个人员或者仍在方案名册中（相同
    /// `id`，机构不限），或者记入 `[[departure]]`，或者列入划出（`direction = "out"`）的
    /// `[[transfer]]` 的 `persons`（随编划出）；三者皆无的，即为“丢失”的人员。没有基线的方案
    /// 无从比对：报告一条提示（未检查），并说明如何指定基线。
    ///
    /// 问题指向方案的 `[unit]` 表头（需要修改的是方案，方案中的 `[[exception]]` 也可豁免），并在
    /// 基线文件中标出该人员。
    ///
    /// ## 依据
    /// 改革方案完整性：改革方案须安置每一名人员，离开的人员记明原因（退休、调出、辞职）；名册上无故
    /// 消失的人员是实名制管理的漏洞。
    pub struct PersonLost {
        code: "BZ502",
        name: "person-lost",
        title: "人员去向不明",
        short: ("人员去向不明", "person unaccounted for"),
        level: Error,
        cite: ("改革方案完整性", "reorganization: nothing lost"),
        scope: All,
        examples: {
            "baseline (2018.toml) has SZ0021 and SZ0029 on its roster" => "现状（2018.toml）名册中有 SZ0021 和 SZ0029",
            "SZ0029 is neither on the roster nor in a departure: reported" => "SZ0029 既不在名册中，也未记入离开人员：报告",
        },
    }
}

impl RuleImpl for PersonLost {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        if !cx.org.is_proposal() {
            return;
        }
        let Some(base) = cx.baseline else {
            out.push(not_shown(cx));
            return;
        };
        let reorg = Reorg::build(base, cx.org);
        for person in reorg.lost_persons() {
            let id = &person.id.value;
            let who = cx.who(person);
            let body = &person.body.value;
            out.push(
                Finding::new(
                    cx.org.file,
                    cx.org.unit.span,
                    text!(
                        "person {who} of the baseline roster is lost: not on the plan's roster, in no [[departure]] and in no transfer out",
                        "现状名册人员 {who} 去向不明：既不在方案名册中，也未记入 [[departure]] 或划出的 [[transfer]]"
                    ),
                )
                .target(Target::person(id))
                .primary(text!("{who} missing from this plan", "本方案缺少 {who}"))
                .label(
                    base.file,
                    person.span,
                    text!(
                        "{who} in the baseline, in `{body}`",
                        "现状中的 {who}，在 `{body}`"
                    ),
                )
                .help(text!(
                    "put {who} on the plan's roster, or record their leaving with [[departure]] person = \"{id}\" and a reason, or list them in the `persons` of the [[transfer]] out they left with",
                    "将 {who} 列入方案名册，或以 [[departure]] person = \"{id}\" 记明其离开及原因，或列入其随编划出的 [[transfer]] 的 `persons`"
                )),
            );
        }
    }
}

/// A plan without a baseline: whether it loses anyone cannot be shown. One info finding, at the
/// `[unit]` header, saying how to give it one — never a silent "nothing lost".
fn not_shown(cx: &FileCx<'_>) -> Finding {
    let unit = &cx.org.unit.id.value;
    Finding::new(
        cx.org.file,
        cx.org.unit.span,
        text!(
            "this plan has no baseline: whether every person of the roster it replaces is placed could not be checked",
            "未检查：本方案没有可对照的现状，无法核对原名册人员是否均已安置"
        ),
    )
    .target(Target::unit(unit))
    .primary(text!("a plan without a baseline", "没有现状可对照的方案"))
    .help(match cx.ws.rev_unread.get(&cx.org.file) {
        Some(rev) => msg::baseline_rev_unread(rev),
        None if crate::base::i18n::on_page() => crate::base::i18n::page::pick_the_baseline(unit),
        None => text!(
            "check it together with the earlier snapshot of `{unit}` (the same unit id, an earlier `as_of`), or give the baseline with --baseline FILE or --baseline-rev REV",
            "将 `{unit}` 较早的快照（同一单位 id、更早的 as_of）一并检查，或以 --baseline FILE 或 --baseline-rev REV 指定现状"
        ),
    })
    .fixed_level(Level::Info)
    .uncompared()
}
