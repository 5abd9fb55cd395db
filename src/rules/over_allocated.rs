use crate::base::diag::{Finding, Target};
use crate::base::source::Sp;
use crate::model::{Body, Category};
use crate::rules::over_quota::under_dispatched;
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Per category, the quotas allocated to the unit's bodies add up to at most the unit's own
    /// `[quota]` (a category not written there is 0). Dispatched bodies, and sub-bodies under them,
    /// are left out: their establishment is the county department's.
    ///
    /// The finding is at the unit's quota entry for the category (at `[quota]`, or `[unit]` when
    /// there is no `[quota]`, where the category is not written), with labels at the quota entries
    /// of the three bodies allocated the most in that category.
    ///
    /// ## Why
    /// State Council Decree 486 (《地方各级人民政府机构设置和编制管理条例》, 2007), art. 26(3):
    /// “擅自增加编制” is among the acts the regulations forbid. The unit's establishment is
    /// approved as a whole and its bodies are allocated out of it: allocating more than was
    /// approved adds establishment no one approved.
    ///
    /// ## Example
    /// ```toml
    /// [quota]
    /// administrative = 10     # reported here: the bodies are allocated 12
    ///
    /// [[body]]
    /// id = "office"
    /// name = "党政办公室"
    /// kind = "functional"
    /// quota = { administrative = 6 }
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// quota = { administrative = 6 }
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [quota]
    /// administrative = 12
    ///
    /// [[body]]
    /// id = "office"
    /// name = "党政办公室"
    /// kind = "functional"
    /// quota = { administrative = 6 }
    /// [[body]]
    /// id = "police"
    /// name = "派出所"
    /// kind = "dispatched"
    /// quota = { political_legal = 20 }   # the county's establishment: not counted
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 按编制类别，分配给本单位各机构的编制之和不超过本单位 `[quota]` 核定的编制（未写的类别为 0）。
    /// 派驻机构（及其内设机构）的编制属县级部门，不计入。问题报在本单位该类别的编制条目处（未写该
    /// 类别时报在 `[quota]`，无 `[quota]` 时报在 `[unit]`），并标注该类别分配最多的三个机构的编制。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第二十六条第(三)项：
    /// “擅自增加编制”。编制按单位核定，所属机构在核定总额内分配；分配之和超过核定数，即未经批准增加
    /// 了编制。
    pub struct OverAllocated {
        code: "BZ102",
        name: "over-allocated",
        title: "分配编制超过核定",
        short: ("编制分配超核定", "quota over-allocated"),
        level: Error,
        cite: ("国务院令第486号 第二十六条第（三）项", "State Council Decree 486, art. 26(3)"),
        scope: Town,
        examples: {
            "reported here: the bodies are allocated 12" => "在此报告：各机构分配 12 名",
            "the county's establishment: not counted" => "占用县级编制：不计入",
        },
    }
}

/// How many bodies' quota entries a finding labels.
const MAX_LABELS: usize = 3;

impl RuleImpl for OverAllocated {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        for &cat in Category::ALL {
            let allocated: Vec<(&Body, &Sp<u32>)> = org
                .bodies
                .iter()
                .filter(|b| !under_dispatched(org, b))
                .filter_map(|b| b.quota.entry(cat).map(|(_, v)| (b, v)))
                .collect();
            let total: u64 = allocated.iter().map(|(_, v)| u64::from(v.value)).sum();
            let q = org.quota.get(cat);
            if total <= u64::from(q) {
                continue;
            }
            let (cat_en, cat_zh) = (cat.word(), cat.zh());
            let excess = total - u64::from(q);
            let span = org.quota.value_span(cat);
            let mut f = Finding::new(
                org.file,
                span,
                text!(
                    "the bodies' {cat_en} quotas add up to {total}; the unit's quota is {q}",
                    "各机构的{cat_zh}合计 {total} 名，超过本单位核定的 {q} 名"
                ),
            )
            .target(Target::unit(&org.unit.id.value))
            .primary(if org.quota.names(cat) {
                text!("unit's {cat_en} quota: {q}", "本单位{cat_zh}核定 {q} 名")
            } else {
                text!("no {cat_en} quota for the unit", "本单位未核定{cat_zh}")
            })
            .help(text!(
                "reduce the bodies' {cat_en} quotas by {excess} in total, or have the unit's `[quota]` raised by the approving authority",
                "将各机构的{cat_zh}合计核减 {excess} 名，或报批增加本单位 `[quota]` 的编制"
            ));
            // The largest allocations, in file order among equals: where cutting helps most.
            let mut largest: Vec<&(&Body, &Sp<u32>)> =
                allocated.iter().filter(|(_, v)| v.value > 0).collect();
            largest.sort_by_key(|(_, v)| std::cmp::Reverse(v.value));
            for (b, v) in largest.into_iter().take(MAX_LABELS) {
                let (name, count) = (&b.name.value, v.value);
                f = f.label(
                    org.file,
                    v.span,
                    text!(
                        "{name}'s {cat_en} quota: {count}",
                        "{name}{cat_zh} {count} 名"
                    ),
                );
            }
            out.push(f);
        }
    }
}
