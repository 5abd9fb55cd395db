use crate::finding::Finding;
use crate::reorg;
use crate::rules::{FileCx, NoParams, RuleImpl, RuleMeta};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Against the plan's baseline (see "Baselines" in FORMAT.md: the newest earlier snapshot of
    /// the same unit, `--baseline FILE` or `--baseline-rev REV`), three figures do not increase:
    ///
    /// 1. the number of the unit's own bodies of kinds `functional` and `institution` (sub-bodies
    ///    included; dispatched, party and mass, and coordination bodies are not counted);
    /// 2. the total approved establishment: all categories of `[quota]` added up;
    /// 3. the fiscally funded headcount, counted as BZ101 counts the unit's actual staff (the
    ///    leadership team plus every non-dispatched body's roster, or its `staff` table where it
    ///    keeps none), leaving out people with `fiscally_funded = false` and `staff` counts of
    ///    `none`.
    ///
    /// Each increase is its own finding in the new file, with a second label at the baseline's
    /// figure in the baseline file. A file without a baseline is not checked.
    ///
    /// ## Why
    /// Seed 二(四)2: 机构编制和财政供养人员只减不增 — in the reform, the number of bodies, the
    /// establishment and the fiscally funded headcount only go down, never up.
    ///
    /// ## Example
    /// ```toml
    /// # baseline (2018.toml): [quota] administrative = 84, institution = 28
    /// [unit]
    /// id = "shengze"
    /// as_of = 2019-03-31
    /// status = "proposal"
    /// [quota]
    /// administrative = 86     # total 114 → 116: reported, labelled at the baseline's [quota]
    /// institution = 30
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// # baseline (2018.toml): [quota] administrative = 84, institution = 28
    /// [quota]
    /// administrative = 82     # total 114 → 110
    /// institution = 28
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 与方案的基线（见 FORMAT.md“Baselines”：同一单位较早的最新快照、`--baseline FILE` 或
    /// `--baseline-rev REV`）相比，以下三项均不得增加：
    ///
    /// 1. 本单位职能机构和事业单位（`functional`、`institution`）的数量，含内设机构；派驻机构、
    ///    群团组织和议事协调机构不计；
    /// 2. 核定编制总数：`[quota]` 各类编制之和；
    /// 3. 财政供养人数：按 BZ101 的口径统计本单位实有人员（领导班子，加上派驻机构以外各机构的
    ///    名册，未建名册的按 `staff` 表），不计 `fiscally_funded = false` 的人员和 `staff` 中的
    ///    `none`。
    ///
    /// 每项增加各报告一次，指向新文件，并在基线文件中标出基线的数字。没有基线的文件不检查。
    ///
    /// ## 依据
    /// 《意见》二(四)2：机构编制和财政供养人员只减不增。
    pub struct HeadcountIncrease {
        code: "BZ104",
        name: "headcount-increase",
        level: Error,
        cite: ("苏发达镇意见 二(四)2、二(四)1", "Jiangsu DT Opinions 2017, II(4).2, II(4).1"),
        scope: Dev,
    }
}

impl RuleImpl for HeadcountIncrease {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let Some(base) = cx.baseline else { return };
        let org = cx.org;
        let (file, base_file) = (org.file, base.file);

        // 1. Bodies of the unit's own.
        let new_bodies = reorg::counted_bodies(org);
        let old_bodies = reorg::counted_bodies(base);
        let (n, b) = (new_bodies.len(), old_bodies.len());
        if n > b {
            // Point at the first body over the baseline's count, as BZ001 points at the first over
            // the limit.
            let at = new_bodies[b];
            let id = &at.id.value;
            let base_span = old_bodies.last().map_or(base.unit.span, |x| x.span);
            out.push(
                Finding::new(
                    file,
                    at.span,
                    text!(
                        "functional and institution bodies rise from {b} to {n}; they may only decrease",
                        "职能机构和事业单位由 {b} 个增至 {n} 个，只减不增"
                    ),
                )
                .primary(text!(
                    "body no. {k} (`{id}`)",
                    "第 {k} 个机构（`{id}`）",
                    k = b + 1
                ))
                .label(
                    base_file,
                    base_span,
                    text!(
                        "the baseline has {b} such bodies",
                        "基线共 {b} 个此类机构"
                    ),
                )
                .help(text!(
                    "merge or abolish bodies until at most {b} functional and institution bodies remain; a body that takes over others names them in `merged_from`",
                    "合并或撤销机构，使职能机构和事业单位不超过 {b} 个；承继其他机构的，在 `merged_from` 中写明"
                )),
            );
        }

        // 2. Total approved establishment.
        let (n, b) = (org.quota.total(), base.quota.total());
        if n > b {
            let span = if org.quota.present {
                org.quota.span
            } else {
                org.unit.span
            };
            let base_span = if base.quota.present {
                base.quota.span
            } else {
                base.unit.span
            };
            out.push(
                Finding::new(
                    file,
                    span,
                    text!(
                        "total approved establishment rises from {b} to {n}; it may only decrease",
                        "核定编制总数由 {b} 名增至 {n} 名，只减不增"
                    ),
                )
                .primary(text!("{n} in total", "合计 {n} 名"))
                .label(
                    base_file,
                    base_span,
                    text!("the baseline: {b} in total", "基线：合计 {b} 名"),
                )
                .help(text!(
                    "reduce `[quota]` by {d} so that its total is at most {b}",
                    "将 `[quota]` 核减 {d} 名，使总数不超过 {b} 名",
                    d = n - b
                )),
            );
        }

        // 3. Fiscally funded headcount.
        let (n, b) = (reorg::funded_headcount(org), reorg::funded_headcount(base));
        if n > b {
            out.push(
                Finding::new(
                    file,
                    org.unit.span,
                    text!(
                        "fiscally funded headcount rises from {b} to {n}; it may only decrease",
                        "财政供养人数由 {b} 人增至 {n} 人，只减不增"
                    ),
                )
                .primary(text!("{n} fiscally funded", "财政供养 {n} 人"))
                .label(
                    base_file,
                    base.unit.span,
                    text!("the baseline: {b} fiscally funded", "基线：财政供养 {b} 人"),
                )
                .help(text!(
                    "staff the plan with at most {b} fiscally funded people (roster entries and `staff` counts): offset every new post by someone who leaves",
                    "方案配备的财政供养人员（名册和 `staff` 表）不得超过 {b} 人：新增人员须以减员抵补"
                )),
            );
        }
    }
}
