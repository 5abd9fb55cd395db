use crate::base::diag::{Finding, Target};
use crate::base::i18n::Text;
use crate::model::{Category, OrgFile};
use crate::rules::{NoParams, RuleImpl, Shared};
use crate::text;
use crate::workspace::Workspace;

declare_rule! {
    /// ## What it checks
    /// Per category, the quotas (`[quota]`) of the units whose `parent` is a county add up to at
    /// most the county's `[quota]`, its establishment limit (编制限额; a category not written there
    /// is 0). Each unit counts by its newest `current` snapshot among the files checked; proposals
    /// and older snapshots are not counted. A county is checked only when its own file is among the
    /// files checked (its newest current snapshot).
    ///
    /// Where units under the county have a pending plan among the files checked (their newest
    /// `status = "proposal"`, not older than their newest current snapshot), the sum is computed a
    /// second time with each such plan in place of its unit's current snapshot (a unit that only a
    /// plan names under the county counts by that plan). Over the limit, one more finding at the
    /// same line names the plans counted and labels their quota entries; where the current sum is
    /// already over, only when the plans raise it further.
    ///
    /// The finding is at the county's quota entry for the category (at `[quota]`, or `[unit]` when
    /// the county has no `[quota]`, where the category is not written), with a label at each
    /// town's quota entry for it, in the towns' own files.
    ///
    /// ## Why
    /// The Jiangsu opinions (《关于深化经济发达镇行政管理体制改革工作的意见》, General Office of
    /// the CPC Jiangsu Provincial Committee, 2017-08-25), II(4).1: “在地方机构编制限额内” — the
    /// establishment of the towns is arranged within the county's establishment limit. A transfer
    /// of establishment into a town (带编划转, `[[transfer]]`) must therefore raise the county's
    /// limit by the same decision, or the towns' sum goes over it.
    ///
    /// ## Example
    /// ```toml
    /// # wujiang.toml
    /// [unit]
    /// id = "wujiang"
    /// kind = "county"
    /// # …
    /// [quota]
    /// administrative = 150    # reported here: the towns hold 160
    ///
    /// # shengze.toml: parent = "wujiang", [quota] administrative = 84
    /// # qidu.toml:    parent = "wujiang", [quota] administrative = 76
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// # wujiang.toml
    /// [quota]
    /// administrative = 160
    ///
    /// # shengze.toml: parent = "wujiang", [quota] administrative = 84
    /// # qidu.toml:    parent = "wujiang", [quota] administrative = 76
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 按编制类别，`parent` 为某县的各单位 `[quota]` 之和不超过该县 `[quota]` 规定的编制限额（未写的
    /// 类别为 0）。每个单位按一并检查的文件中最新一份 `current` 快照计，方案和旧快照不计。仅当县本身的
    /// 文件一并检查时才检查该县。问题报在县文件中该类别的编制条目处，并在各镇文件中标注其编制。
    ///
    /// 所辖单位在一并检查的文件中有待实施的方案（最新一份 `status = "proposal"`，且不早于其最新现状
    /// 快照）的，以方案代替其现状快照再合计一次（只见于方案、`parent` 为该县的单位按其方案计）。超过
    /// 限额的，在同一行另报一条，列明计入的方案，并标注方案中的编制；现状合计已超限额的，仅当方案使
    /// 合计进一步增加时才另报。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(四)1：
    /// “在地方机构编制限额内”。各镇编制在县级编制限额内统筹安排；带编划转（`[[transfer]]`）到镇的编
    /// 制，须由同一决定相应调整县的限额，否则各镇之和将超过限额。
    pub struct CountyLimit {
        code: "BZ103",
        name: "county-limit",
        title: "突破县级编制限额",
        short: ("超乡镇编制限额", "over the county limit"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（四）1", "Jiangsu DT Opinions 2017, II(4).1"),
        scope: County,
        examples: {
            "reported here: the towns hold 160" => "在此报告：各镇核定合计 160 名",
            "shengze.toml: parent = \"wujiang\", [quota] administrative = 84" => "shengze.toml：parent = \"wujiang\"，[quota] administrative = 84",
            "qidu.toml:    parent = \"wujiang\", [quota] administrative = 76" => "qidu.toml：    parent = \"wujiang\"，[quota] administrative = 76",
        },
    }
}

impl RuleImpl for CountyLimit {
    fn check_workspace(_params: &NoParams, ws: &Workspace, _: &Shared, out: &mut Vec<Finding>) {
        for county in ws.counties() {
            let id = &county.unit.id.value;
            // A county that is its own parent is BZ010's, not a town of itself.
            let mut towns: Vec<&OrgFile> = ws
                .children_of(id)
                .filter(|t| t.unit.id.value != *id)
                .collect();
            // Labels in path order, whatever order the towns were indexed in.
            towns.sort_by(|a, b| ws.path_of(a).cmp(ws.path_of(b)));
            for &cat in Category::ALL {
                check_category(county, &towns, cat, out);
            }
            // v3: the same sum with each unit's pending plan in place of its current snapshot.
            let mut after: Vec<(&OrgFile, bool)> = towns
                .iter()
                .map(|t| match ws.pending_plan(&t.unit.id.value) {
                    Some(plan) => (plan, true),
                    None => (*t, false),
                })
                .collect();
            after.extend(
                ws.planned_children_of(id)
                    .filter(|p| p.unit.id.value != *id)
                    .map(|p| (p, true)),
            );
            if !after.iter().any(|(_, plan)| *plan) {
                continue;
            }
            after.sort_by(|a, b| ws.path_of(a.0).cmp(ws.path_of(b.0)));
            for &cat in Category::ALL {
                check_plans(county, &towns, &after, cat, out);
            }
        }
    }
}

/// The towns' sum with the pending plans counted: one finding where it is over the limit and the
/// plans make it so (or raise a sum already over it, which the first finding reports).
fn check_plans(
    county: &OrgFile,
    towns: &[&OrgFile],
    after: &[(&OrgFile, bool)],
    cat: Category,
    out: &mut Vec<Finding>,
) {
    let now: u64 = towns.iter().map(|t| u64::from(t.quota.get(cat))).sum();
    let total: u64 = after.iter().map(|(t, _)| u64::from(t.quota.get(cat))).sum();
    let limit = county.quota.get(cat);
    if total <= u64::from(limit) || (now > u64::from(limit) && total <= now) {
        return;
    }
    let (own_zh, own_en) = own_word(county);
    let (cat_en, cat_zh) = (cat.word(), cat.zh());
    let name = &county.unit.name.value;
    let plans: Vec<&OrgFile> = after
        .iter()
        .filter(|(_, plan)| *plan)
        .map(|(p, _)| *p)
        .collect();
    let list = |zh: bool| {
        plans
            .iter()
            .map(|p| {
                let (town, date) = (&p.unit.name.value, p.unit.as_of.value);
                if zh {
                    format!("{town} {date} 方案")
                } else {
                    format!("{town}'s plan of {date}")
                }
            })
            .collect::<Vec<_>>()
            .join(if zh { "、" } else { ", " })
    };
    let (plans_en, plans_zh) = (list(false), list(true));
    let excess = total - u64::from(limit);
    let mut f = at_limit(
        county,
        cat,
        text!(
            "after the plans ({plans_en}), the {cat_en} quotas of the units under {name} would add up to {total}; {own_en} limit is {limit}",
            "按方案实施后（{plans_zh}），{name}所辖各单位的{cat_zh}合计 {total} 名，超过{own_zh}编制限额 {limit} 名"
        ),
    )
    .help(text!(
        "revise the plans so that the units' {cat_en} quotas fall by {excess} in total, or have {own_en} limit raised before they are carried out",
        "修改方案，使所辖各单位的{cat_zh}合计核减 {excess} 名，或在方案实施前报批提高{own_zh}编制限额"
    ));
    for p in plans {
        let (town, count, date) = (&p.unit.name.value, p.quota.get(cat), p.unit.as_of.value);
        let at = p.quota.value_span(cat);
        f = f.label(
            p.file,
            at,
            text!(
                "{town}'s plan of {date}: {cat_en} {count}",
                "{town} {date} 方案{cat_zh} {count} 名"
            ),
        );
    }
    out.push(f);
}

/// A finding at the county's limit for `cat` (its `[quota]` entry, else the table), labelled with
/// the limit.
fn at_limit(county: &OrgFile, cat: Category, message: Text) -> Finding {
    let (cat_en, cat_zh) = (cat.word(), cat.zh());
    let limit = county.quota.get(cat);
    let span = county.quota.value_span(cat);
    Finding::new(county.file, span, message)
        .target(Target::unit(&county.unit.id.value))
        .primary(if county.quota.names(cat) {
            text!("{cat_en} limit: {limit}", "{cat_zh}限额 {limit} 名")
        } else {
            text!("no {cat_en} limit", "未规定{cat_zh}限额")
        })
}

/// How a county names itself: 本县, 本市 (县级市) or 本区 after its name's last character, else its
/// name; "the county's", "the city's", "the district's" in English.
fn own_word(county: &OrgFile) -> (String, &'static str) {
    let name = &county.unit.name.value;
    match name.chars().last() {
        Some('县') => ("本县".into(), "the county's"),
        Some('市') => ("本市".into(), "the city's"),
        Some('区') => ("本区".into(), "the district's"),
        _ => (name.clone(), "the county's"),
    }
}

fn check_category(county: &OrgFile, towns: &[&OrgFile], cat: Category, out: &mut Vec<Finding>) {
    let total: u64 = towns.iter().map(|t| u64::from(t.quota.get(cat))).sum();
    let limit = county.quota.get(cat);
    if total <= u64::from(limit) {
        return;
    }
    let (own_zh, own_en) = own_word(county);
    let (cat_en, cat_zh) = (cat.word(), cat.zh());
    let name = &county.unit.name.value;
    let holding: Vec<&&OrgFile> = towns.iter().filter(|t| t.quota.get(cat) > 0).collect();
    let excess = total - u64::from(limit);
    let mut f = at_limit(
        county,
        cat,
        text!(
            "the {cat_en} quotas of the units under {name} add up to {total}; {own_en} limit is {limit}",
            "{name}所辖各单位的{cat_zh}合计 {total} 名，超过{own_zh}编制限额 {limit} 名"
        ),
    )
    .help(text!(
        "reduce the units' {cat_en} quotas by {excess} in total, or have {own_en} limit raised",
        "将所辖各单位的{cat_zh}合计核减 {excess} 名，或报批提高{own_zh}编制限额"
    ));
    for t in holding {
        let (town, count) = (&t.unit.name.value, t.quota.get(cat));
        let at = t.quota.value_span(cat);
        f = f.label(
            t.file,
            at,
            text!(
                "{town}'s {cat_en} quota: {count}",
                "{town}{cat_zh} {count} 名"
            ),
        );
    }
    out.push(f);
}
