use crate::base::diag::{Finding, Target};
use crate::model::{Category, OrgFile};
use crate::rules::{NoParams, RuleImpl, RuleMeta, Shared};
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
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(四)1：
    /// “在地方机构编制限额内”。各镇编制在县级编制限额内统筹安排；带编划转（`[[transfer]]`）到镇的编
    /// 制，须由同一决定相应调整县的限额，否则各镇之和将超过限额。
    pub struct CountyLimit {
        code: "BZ103",
        name: "county-limit",
        level: Error,
        cite: ("江苏经济发达镇意见 二（四）1", "Jiangsu DT Opinions 2017, II(4).1"),
        scope: County,
    }
}

impl RuleImpl for CountyLimit {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

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
        }
    }
}

fn check_category(county: &OrgFile, towns: &[&OrgFile], cat: Category, out: &mut Vec<Finding>) {
    let total: u64 = towns.iter().map(|t| u64::from(t.quota.get(cat))).sum();
    let limit = county.quota.get(cat);
    if total <= u64::from(limit) {
        return;
    }
    let (cat_en, cat_zh) = (cat.en(), cat.zh());
    let name = &county.unit.name.value;
    let holding: Vec<&&OrgFile> = towns.iter().filter(|t| t.quota.get(cat) > 0).collect();
    let excess = total - u64::from(limit);
    let span = county
        .quota
        .entry(cat)
        .map_or(county.quota.span, |(_, v)| v.span);
    let mut f = Finding::new(
        county.file,
        span,
        text!(
            "the {cat_en} quotas of the units under {name} add up to {total}; the county's limit is {limit}",
            "{name}所辖各单位的{cat_zh}合计 {total} 名，超过本县编制限额 {limit} 名"
        ),
    )
    .target(Target::unit(&county.unit.id.value))
    .primary(if county.quota.names(cat) {
        text!("{cat_en} limit: {limit}", "{cat_zh}限额 {limit} 名")
    } else {
        text!("no {cat_en} limit", "未规定{cat_zh}限额")
    })
    .help(text!(
        "reduce the units' {cat_en} quotas by {excess} in total, or have the county's limit raised",
        "将所辖各单位的{cat_zh}合计核减 {excess} 名，或报批提高本县编制限额"
    ));
    for t in holding {
        let (town, count) = (&t.unit.name.value, t.quota.get(cat));
        let at = t.quota.entry(cat).map_or(t.quota.span, |(_, v)| v.span);
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
