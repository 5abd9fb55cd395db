use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Target};
use crate::model::Region;
use crate::rules::{FileCx, RuleImpl, RuleMeta};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A unit listed as an economically developed town (`developed_town = true`) meets its region's
    /// criteria: `[unit.stats] built_up_population` is at least the threshold for its `region`
    /// (east 100,000; central and northeast 50,000; west 30,000), and `top10_years` is at least
    /// `min_top10_years` (2). Each unmet criterion is its own finding; a missing `region`,
    /// `built_up_population` or `top10_years` is reported too, since the criterion cannot be shown.
    ///
    /// ## Why
    /// The central 2016 guidance on developed towns (《关于深入推进经济发达镇行政管理体制改革的指导
    /// 意见》): 东部地区经济发达镇建成区常住人口一般在10万人左右，中部和东北地区一般在5万人左右，西部
    /// 地区一般在3万人左右；且近两年一般公共预算收入、城镇化率均位居所在省份所有建制镇前10%。Seed
    /// 三(二) applies it to the Jiangsu list.
    ///
    /// ## Example
    /// ```toml
    /// [unit]
    /// region = "east"
    /// developed_town = true
    /// [unit.stats]
    /// built_up_population = 82000   # below 100,000 for the east: reported
    /// top10_years = 3
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [unit]
    /// region = "east"
    /// developed_town = true
    /// [unit.stats]
    /// built_up_population = 152000
    /// top10_years = 5
    /// ```
    ///
    /// ## Parameters
    /// - `min_population` (table region → persons, default `{ east = 100000, central = 50000,
    ///   northeast = 50000, west = 30000 }`): the built-up population each region requires.
    /// - `min_top10_years` (integer, default 2): consecutive years in the province's top 10%.
    ///
    /// ## 检查内容
    /// 列为经济发达镇（`developed_town = true`）的单位须达到所在地区的标准：建成区常住人口
    /// `built_up_population` 不低于所在地区（`region`）的门槛（东部 10 万，中部和东北 5 万，西部 3 万），
    /// 连续位居全省前 10% 的年数 `top10_years` 不少于 `min_top10_years`（2）。每项未达标各报告一次；
    /// 未填写 `region`、`built_up_population` 或 `top10_years` 的，也予报告。
    ///
    /// ## 依据
    /// 中央 2016 年经济发达镇指导意见：东部地区建成区常住人口一般在 10 万人左右，中部和东北地区
    /// 5 万人左右，西部地区 3 万人左右；近两年一般公共预算收入、城镇化率均居全省建制镇前 10%。
    /// 《意见》三(二)。
    pub struct DevelopedTownCriteria {
        code: "BZ401",
        name: "developed-town-criteria",
        level: Warning,
        cite: ("苏发达镇意见 三(二)", "Jiangsu DT Opinions 2017, III(2)"),
        scope: Declared,
    }
}

/// The built-up population each region requires.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    pub east: u64,
    pub central: u64,
    pub northeast: u64,
    pub west: u64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            east: 100_000,
            central: 50_000,
            northeast: 50_000,
            west: 30_000,
        }
    }
}

impl Thresholds {
    pub fn of(&self, region: Region) -> u64 {
        match region {
            Region::East => self.east,
            Region::Central => self.central,
            Region::Northeast => self.northeast,
            Region::West => self.west,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub min_population: Thresholds,
    pub min_top10_years: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            min_population: Thresholds::default(),
            min_top10_years: 2,
        }
    }
}

impl RuleImpl for DevelopedTownCriteria {
    type Params = Params;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let unit = &cx.org.unit;
        let Some(listed) = unit.developed_town.as_ref().filter(|d| d.value) else {
            return;
        };
        let file = cx.org.file;
        let id = &unit.id.value;
        let stats = unit.stats.as_ref();
        let stats_span = stats.map_or(unit.span, |s| s.span);
        let listed_label = text!("listed as a developed town", "列为经济发达镇");
        let not_here = |key: &str| match stats {
            Some(_) => text!("no `{key}` in [unit.stats]", "[unit.stats] 中没有 `{key}`"),
            None => text!("no [unit.stats] table", "没有 [unit.stats] 表"),
        };

        // Built-up population against the region's threshold.
        match (&unit.region, stats.and_then(|s| s.built_up_population.as_ref())) {
            (None, _) => out.push(
                Finding::new(
                    file,
                    listed.span,
                    text!(
                        "developed town `{id}` gives no `region`: its population threshold is unknown",
                        "经济发达镇 `{id}` 未填写 `region`，无法确定人口标准"
                    ),
                )
                .target(Target::unit(id))
                .primary(text!("listed, but no `region` given", "已列为经济发达镇，但未填写 `region`"))
                .help(text!(
                    "add `region` to [unit]: east, central, northeast or west",
                    "在 [unit] 中填写 `region`：东部、中部、东北或西部"
                )),
            ),
            (Some(_), None) => out.push(
                Finding::new(
                    file,
                    stats_span,
                    text!(
                        "developed town `{id}` gives no `built_up_population`",
                        "经济发达镇 `{id}` 未填写建成区常住人口 `built_up_population`"
                    ),
                )
                .target(Target::unit(id))
                .primary(not_here("built_up_population"))
                .label(file, listed.span, listed_label.clone())
                .help(text!(
                    "add `built_up_population` to [unit.stats]",
                    "在 [unit.stats] 中填写 `built_up_population`"
                )),
            ),
            (Some(region), Some(pop)) => {
                let min = params.min_population.of(region.value);
                let n = pop.value;
                if n < min {
                    let (ren, rzh) = (region.value.en(), region.value.zh());
                    out.push(
                        Finding::new(
                            file,
                            pop.span,
                            text!(
                                "developed town `{id}` has a built-up population of {n}; the {ren} region requires {min}",
                                "经济发达镇 `{id}` 建成区常住人口 {n} 人，低于{rzh}地区标准 {min} 人"
                            ),
                        )
                        .target(Target::unit(id))
                        .primary(text!("{n} persons", "{n} 人"))
                        .label(
                            file,
                            region.span,
                            text!("{ren}: at least {min}", "{rzh}：不少于 {min} 人"),
                        )
                        .label(file, listed.span, listed_label.clone())
                        .help(text!(
                            "check the figure, or have the town taken off the list of developed towns",
                            "核实该数据，或报请将该镇移出经济发达镇名单"
                        )),
                    );
                }
            }
        }

        // Consecutive years in the province's top 10%.
        let min_years = params.min_top10_years;
        match stats.and_then(|s| s.top10_years.as_ref()) {
            None => out.push(
                Finding::new(
                    file,
                    stats_span,
                    text!(
                        "developed town `{id}` gives no `top10_years`",
                        "经济发达镇 `{id}` 未填写 `top10_years`"
                    ),
                )
                .target(Target::unit(id))
                .primary(not_here("top10_years"))
                .label(file, listed.span, listed_label)
                .help(text!(
                    "add `top10_years` to [unit.stats]: consecutive years in the province's top 10% of towns",
                    "在 [unit.stats] 中填写 `top10_years`：连续位居全省建制镇前 10% 的年数"
                )),
            ),
            Some(y) if y.value < min_years => {
                let n = y.value;
                out.push(
                    Finding::new(
                        file,
                        y.span,
                        text!(
                            "developed town `{id}` ranked in the province's top 10% for {n} years; at least {min_years} are required",
                            "经济发达镇 `{id}` 连续 {n} 年位居全省前 10%，少于 {min_years} 年"
                        ),
                    )
                    .target(Target::unit(id))
                    .primary(text!("{n} years", "{n} 年"))
                    .label(file, listed.span, listed_label)
                    .help(text!(
                        "check the figure, or have the town taken off the list of developed towns",
                        "核实该数据，或报请将该镇移出经济发达镇名单"
                    )),
                );
            }
            Some(_) => {}
        }
    }
}
