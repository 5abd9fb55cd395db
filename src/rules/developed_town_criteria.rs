use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Level, Target};
use crate::model::{Region, UnitKind};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A unit that declares `developed_town = true` backs the claim:
    ///
    /// 1. it is a `town` (镇): a township, subdistrict or county is not a developed town, and the
    ///    developed-town rules do not run on it (nor the checks below);
    /// 2. where the pack carries the official `list` (entries `{ name, parent, batch }`), an entry
    ///    matches the unit: the same `name`, and, where the entry gives a `parent`, the unit's
    ///    `parent` (its id, or the name of that unit among the files checked);
    /// 3. it records its listing in `[unit.listed]` (the document that published the list); where
    ///    it does not, the listing is not shown: one `info` finding;
    /// 4. where a pack sets `min_population` (per region) or `min_top10_years`, the figures of
    ///    `[unit.stats]` reach them; a figure below is an `info` finding (the province's list, not a
    ///    figure, makes a developed town). Without such a parameter, or without the figure, nothing
    ///    is compared.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), III(2): “省委、省政府确定并公布纳入改革范围
    /// 的经济发达镇名单” — the provincial party committee and government decide and publish the list
    /// of developed towns in the reform. Being on that list, not a population figure, is what makes
    /// a developed town, and with it the opinions' own rules apply.
    ///
    /// ## Example
    /// ```toml
    /// [unit]
    /// id = "pingwang"
    /// name = "平望镇"
    /// kind = "town"
    /// developed_town = true   # no [unit.listed]: the listing is not shown
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [unit]
    /// id = "shengze"
    /// name = "盛泽镇"
    /// kind = "town"
    /// parent = "wujiang"
    /// developed_town = true
    /// [unit.listed]
    /// doc = "苏办发〔2017〕…号"
    /// batch = 1
    /// date = 2017-08-25
    /// ```
    ///
    /// ## Parameters
    /// - `list` (array of `{ name, parent, batch }`, default empty): the official list of developed
    ///   towns; empty: not compared.
    /// - `min_population` (table region → persons, no default; regions `east`, `central`,
    ///   `northeast`, `west`): the built-up population a region's developed towns should reach.
    /// - `min_top10_years` (integer, no default): consecutive years in the province's top 10%.
    ///
    /// ## 检查内容
    /// 声明 `developed_town = true` 的单位须有依据：
    ///
    /// 1. 须为镇（`town`）：乡、街道或县不是经济发达镇，经济发达镇的规则（及以下各项）也不对其适用；
    /// 2. 规则包载有正式名单 `list`（条目 `{ name, parent, batch }`）的，须有一条与本单位相符：
    ///    名称 `name` 相同；条目写有 `parent` 的，本单位的 `parent`（其 id，或所检查文件中该单位的
    ///    名称）也须相同；
    /// 3. 须在 `[unit.listed]` 中写明列入名单的依据（公布名单的文件）；未写的，无法核实，以一条
    ///    `info` 提示；
    /// 4. 规则包设定 `min_population`（按地区）或 `min_top10_years` 的，`[unit.stats]` 中的数字
    ///    须达到；未达到的以 `info` 提示（决定经济发达镇的是省里的名单，而非某项数字）。规则包未设定
    ///    或文件未填写数字的，不比较。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）三(二)：
    /// “省委、省政府确定并公布纳入改革范围的经济发达镇名单”。列入名单才是经济发达镇，《意见》自身的
    /// 规定才对其适用。
    pub struct DevelopedTownCriteria {
        code: "BZ401",
        name: "developed-town-criteria",
        title: "经济发达镇认定依据",
        short: ("发达镇条件不符", "developed-town criteria"),
        level: Warning,
        cite: ("江苏经济发达镇意见 三（二）", "Jiangsu DT Opinions 2017, III(2)"),
        scope: Declared,
        params: Params,
        optional_params: "min_population = { east = 100_000 }\nmin_top10_years = 2",
        examples: {
            "no [unit.listed]: the listing is not shown" => "没有 [unit.listed]：未说明列入名单的依据",
        },
    }
}

/// One entry of the official list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListEntry {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch: Option<u32>,
}

/// The built-up population each region's developed towns should reach, where a pack sets it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub east: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub central: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub northeast: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub west: Option<u64>,
}

impl Thresholds {
    pub fn of(&self, region: Region) -> Option<u64> {
        match region {
            Region::East => self.east,
            Region::Central => self.central,
            Region::Northeast => self.northeast,
            Region::West => self.west,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub list: Vec<ListEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_population: Option<Thresholds>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_top10_years: Option<u32>,
}

impl RuleImpl for DevelopedTownCriteria {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let unit = &cx.org.unit;
        let Some(declared) = unit.developed_town.as_ref().filter(|d| d.value) else {
            return;
        };
        let file = cx.org.file;
        let id = &unit.id.value;
        let name = &unit.name.value;
        let declared_label = text!("declared a developed town", "声明为经济发达镇");

        // 1. Only a town can be a developed town.
        if unit.kind.value != UnitKind::Town {
            let (k_en, k_zh) = (unit.kind.value.word(), unit.kind.value.zh());
            out.push(
                Finding::new(
                    file,
                    declared.span,
                    text!(
                        "`{id}` is a {k_en}, not a town: it cannot be a developed town, and the developed-town rules do not apply to it",
                        "{name}是{k_zh}而非镇，不能列为经济发达镇，经济发达镇的规则对其不适用"
                    ),
                )
                .target(Target::unit(id))
                .primary(declared_label.clone())
                .label(file, unit.kind.span, text!("a {k_en}", "{k_zh}"))
                .help(text!(
                    "remove `developed_town`, or correct `kind` if the unit is a town",
                    "删除 `developed_town`；如本单位确为镇，更正 `kind`"
                )),
            );
            // Not a town, it cannot be on the list: the rest would only repeat it.
            return;
        }

        // 2. On the pack's official list, where it carries one.
        if !params.list.is_empty() {
            let parent_id = unit.parent.as_ref().map(|p| p.value.as_str());
            let parent_name = parent_id
                .and_then(|p| cx.ws.newest_current(p))
                .map(|o| o.unit.name.value.as_str());
            let matches = |e: &ListEntry| {
                e.name.trim() == name.trim()
                    && match (&e.parent, parent_id) {
                        (Some(want), Some(pid)) => {
                            want == pid || parent_name.is_some_and(|n| n == want)
                        }
                        // Without the unit's parent the name is all there is to compare.
                        _ => true,
                    }
            };
            if !params.list.iter().any(matches) {
                let same_name = params
                    .list
                    .iter()
                    .find(|e| e.name.trim() == name.trim())
                    .and_then(|e| e.parent.as_deref());
                let message = match (same_name, parent_id) {
                    (Some(want), Some(pid)) => text!(
                        "`{name}` under `{pid}` is not on the pack's list of developed towns: the list's {name} is under `{want}`",
                        "隶属 `{pid}` 的“{name}”不在规则包所载的经济发达镇名单中：名单中的{name}隶属 `{want}`"
                    ),
                    _ => text!(
                        "`{name}` is not on the pack's list of developed towns",
                        "“{name}”不在规则包所载的经济发达镇名单中"
                    ),
                };
                let mut f = Finding::new(file, declared.span, message)
                    .target(Target::unit(id))
                    .primary(declared_label.clone())
                    .label(
                        file,
                        unit.name.span,
                        text!("the name looked up", "据此查找的名称"),
                    );
                if let (Some(_), Some(p)) = (same_name, unit.parent.as_ref()) {
                    f = f.label(file, p.span, text!("the unit's parent", "本单位的上级"));
                }
                out.push(
                    f
                    .help(text!(
                        "check the unit's `name` (and `parent`) against the published list, or remove `developed_town`",
                        "对照公布的名单核对本单位的 `name`（及 `parent`），或删除 `developed_town`"
                    )),
                );
            }
        }

        // 3. The listing itself.
        if unit.listed.is_none() {
            out.push(
                Finding::new(
                    file,
                    declared.span,
                    text!(
                        "`{id}` declares itself a developed town but gives no `[unit.listed]`: its listing could not be checked",
                        "{name}声明为经济发达镇，但未写 `[unit.listed]`：无法核实其列入名单的依据"
                    ),
                )
                .target(Target::unit(id))
                .fixed_level(Level::Info)
                .primary(text!(
                    "no `[unit.listed]`",
                    "未写 `[unit.listed]`"
                ))
                .help(text!(
                    "add `[unit.listed]` with `doc` (the document that published the list), `batch` and `date`",
                    "补充 `[unit.listed]`：写明公布名单的文件 `doc`、批次 `batch` 和日期 `date`"
                )),
            );
        }

        // 4. Figures, only against thresholds a pack sets.
        let stats = unit.stats.as_ref();
        let pop = stats.and_then(|s| s.built_up_population.as_ref());
        let min_pop = params
            .min_population
            .as_ref()
            .zip(unit.region.as_ref())
            .and_then(|(t, r)| t.of(r.value).map(|m| (m, r)));
        if let (Some(pop), Some((min, region))) = (pop, min_pop) {
            let n = pop.value;
            if n < min {
                let (ren, rzh) = (region.value.word(), region.value.zh());
                out.push(
                    Finding::new(
                        file,
                        pop.span,
                        text!(
                            "developed town `{id}` has a built-up population of {n}, below the pack's {min} for the {ren} region",
                            "经济发达镇{name}建成区常住人口 {n} 人，低于规则包设定的{rzh}地区标准 {min} 人"
                        ),
                    )
                    .target(Target::unit(id))
                    .fixed_level(Level::Info)
                    .primary(text!("{n} persons", "{n} 人"))
                    .label(
                        file,
                        region.span,
                        text!("{ren}: at least {min}", "{rzh}：不少于 {min} 人"),
                    )
                    .label(file, declared.span, declared_label.clone())
                    .help(text!(
                        "check the figure; the listing, not the figure, decides whether the town is a developed town",
                        "核实该数字；是否为经济发达镇以省里公布的名单为准"
                    )),
                );
            }
        }
        let years = stats.and_then(|s| s.top10_years.as_ref());
        if let (Some(y), Some(min_years)) = (years, params.min_top10_years) {
            let n = y.value;
            if n < min_years {
                out.push(
                    Finding::new(
                        file,
                        y.span,
                        text!(
                            "developed town `{id}` ranked in the province's top 10% for {n} years, fewer than the pack's {min_years}",
                            "经济发达镇{name}连续 {n} 年位居全省前 10%，少于规则包设定的 {min_years} 年"
                        ),
                    )
                    .target(Target::unit(id))
                    .fixed_level(Level::Info)
                    .primary(text!("{n} years", "{n} 年"))
                    .label(file, declared.span, declared_label)
                    .help(text!(
                        "check the figure; the listing, not the figure, decides whether the town is a developed town",
                        "核实该数字；是否为经济发达镇以省里公布的名单为准"
                    )),
                );
            }
        }
    }
}
