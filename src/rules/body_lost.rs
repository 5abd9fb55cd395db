use crate::analysis::reorg::Reorg;
use crate::base::diag::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// In a proposal (`status = "proposal"`) that has a baseline, every body of the baseline is
    /// accounted for: it continues (a body with the same id), is named in the `merged_from` of some
    /// proposal body, left the unit whole with a `[[transfer]]` `direction = "out"` with
    /// `whole_body = true` whose `body` is its id (整建制上划), or is named by an `[[abolition]]`
    /// (撤销). A body that is none of these is lost.
    ///
    /// The finding points at the proposal's `[unit]` header (the plan is what has to change, and an
    /// `[[exception]]` in the plan can cover it) and labels the lost body in the baseline file.
    ///
    /// ## Why
    /// Reorganization: nothing lost. A plan must account for every body it reorganizes — continued,
    /// merged, moved out or abolished; a body that disappears from the plan without being merged takes its
    /// duties, establishment and staff with it unseen.
    ///
    /// ## Example
    /// ```toml
    /// # baseline (2018.toml) has bodies "shsy" and "shbz"
    /// [unit]
    /// id = "shengze"
    /// as_of = 2019-03-31
    /// status = "proposal"
    /// [[body]]
    /// id = "shsybz"
    /// name = "社会事业和保障局"
    /// kind = "functional"
    /// merged_from = ["shsy"]   # "shbz" is neither kept nor merged: reported
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "shsybz"
    /// name = "社会事业和保障局"
    /// kind = "functional"
    /// merged_from = ["shsy", "shbz"]
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 有基线的方案（`status = "proposal"`）中，基线的每个机构都须有着落：延续（方案中有相同 id 的
    /// 机构），被某个机构的 `merged_from` 列出，以 `direction = "out"`、`whole_body = true` 的
    /// `[[transfer]]` 整建制划出（`body` 为其 id），或由 `[[abolition]]` 撤销；四者皆无的，即为“丢失”
    /// 的机构。
    ///
    /// 问题指向方案的 `[unit]` 表头（需要修改的是方案，方案中的 `[[exception]]` 也可豁免），并在
    /// 基线文件中标出丢失的机构。
    ///
    /// ## 依据
    /// 改革方案完整性：改革方案须对原有机构逐一作出安排（保留、合并、划出或撤销）；不经合并而从方案中消失
    /// 的机构，其职责、编制和人员也随之无从查考。
    pub struct BodyLost {
        code: "BZ501",
        name: "body-lost",
        title: "机构去向不明",
        short: ("机构去向不明", "body unaccounted for"),
        level: Error,
        cite: ("改革方案完整性", "reorganization: nothing lost"),
        scope: All,
        examples: {
            "baseline (2018.toml) has bodies \"shsy\" and \"shbz\"" => "现状（2018.toml）有机构“shsy”和“shbz”",
            "\"shbz\" is neither kept nor merged: reported" => "“shbz”既未保留也未合并：报告",
        },
    }
}

impl RuleImpl for BodyLost {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        if !cx.org.is_proposal() {
            return;
        }
        let Some(base) = cx.baseline else { return };
        let reorg = Reorg::build(base, cx.org);
        for body in reorg.lost_bodies() {
            let (id, name) = (&body.id.value, &body.name.value);
            out.push(
                Finding::new(
                    cx.org.file,
                    cx.org.unit.span,
                    text!(
                        "body `{id}` ({name}) of the baseline is lost: no body continues it, no `merged_from` names it, and no transfer out or [[abolition]] accounts for it",
                        "现状机构{name}（`{id}`）去向不明：方案中既无同 id 的机构，也无 `merged_from` 列出它，亦无划出或 [[abolition]] 记载"
                    ),
                )
                .target(Target::body(id))
                .primary(text!("`{id}` missing from this plan", "本方案缺少{name}"))
                .label(
                    base.file,
                    body.span,
                    text!("`{id}` in the baseline", "现状中的{name}"),
                )
                .help(text!(
                    "keep a body with id `{id}`, or add `{id}` to the `merged_from` of the body that takes over its work; if it is abolished, add `[[abolition]]` with `body = \"{id}\"` and its `doc` or `reason`; if it left whole, a `[[transfer]]` with `direction = \"out\"`, `whole_body = true` and `body = \"{id}\"`",
                    "保留 id 为 `{id}` 的机构，或将 `{id}` 列入承接其职责的机构的 `merged_from`；撤销的，以 `[[abolition]]`（`body = \"{id}\"`）写明 `doc` 或 `reason`；整建制划出的，以 `[[transfer]]`（`direction = \"out\"`、`whole_body = true`、`body = \"{id}\"`）记载"
                )),
            );
        }
    }
}
