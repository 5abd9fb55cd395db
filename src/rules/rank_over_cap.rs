use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::finding::{Finding, Target};
use crate::model::Rank;
use crate::rules::{FileCx, RuleImpl, RuleMeta};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A person's `rank` (职级) is at most `max_rank`: a rank above it (一级调研员 when the cap is
    /// 二级调研员) is reported. People without a rank are not checked.
    ///
    /// ## Why
    /// Seed 二(四)2: 严禁……擅自提高干部职级待遇 — ranks may not be raised beyond what the rules
    /// allow. The 2019 rules on parallel posts and ranks (公务员职务与职级并行规定) let the organs of
    /// a town-level unit set ranks up to 二级调研员.
    ///
    /// ## Example
    /// ```toml
    /// [[person]]
    /// id = "SZ0002"
    /// body = "shengze"
    /// establishment = "administrative"
    /// rank = "一级调研员"    # above the cap 二级调研员
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "SZ0002"
    /// body = "shengze"
    /// establishment = "administrative"
    /// rank = "二级调研员"
    /// ```
    ///
    /// ## Parameters
    /// - `max_rank` (a rank, default `二级调研员`): the highest rank allowed. Either spelling is
    ///   accepted (`researcher_2` or `二级调研员`).
    ///
    /// ## 检查内容
    /// 人员的职级 `rank` 不得高于 `max_rank`（默认二级调研员）；未填写职级的不检查。
    ///
    /// ## 依据
    /// 《意见》二(四)2：严禁擅自提高干部职级待遇；《公务员职务与职级并行规定》：乡镇机关职级最高
    /// 设置到二级调研员。
    pub struct RankOverCap {
        code: "BZ203",
        name: "rank-over-cap",
        level: Error,
        cite: ("苏发达镇意见 二(四)2；职务职级并行规定", "Jiangsu DT Opinions 2017, II(4).2; Posts and Ranks Rules 2019"),
        scope: Town,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    #[serde(serialize_with = "rank_zh", deserialize_with = "rank_any")]
    pub max_rank: Rank,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            max_rank: Rank::Researcher2,
        }
    }
}

fn rank_zh<S: Serializer>(r: &Rank, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(r.zh())
}

fn rank_any<'de, D: Deserializer<'de>>(d: D) -> Result<Rank, D::Error> {
    let s = String::deserialize(d)?;
    Rank::parse(&s).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown rank `{s}`; expected one of {}",
            Rank::accepted().join(", ")
        ))
    })
}

impl RuleImpl for RankOverCap {
    type Params = Params;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let cap = params.max_rank;
        let (c_en, c_zh) = (cap.en(), cap.zh());
        for p in &cx.org.persons {
            let Some(rank) = &p.rank else { continue };
            if !rank.value.above(cap) {
                continue;
            }
            let who = cx.who(p);
            let (r_en, r_zh) = (rank.value.en(), rank.value.zh());
            out.push(
                Finding::new(
                    cx.org.file,
                    rank.span,
                    text!(
                        "person {who} holds rank {r_en}, above the cap {c_en}",
                        "人员 {who} 职级为{r_zh}，高于上限{c_zh}（擅自提高职级待遇）"
                    ),
                )
                .target(Target::person(&p.id.value))
                .primary(text!("{r_en}: above {c_en}", "{r_zh}：高于{c_zh}"))
                .help(text!(
                    "set `rank` to {c_en} or below; the pack's `max_rank` is the highest rank allowed here",
                    "将 `rank` 改为{c_zh}或以下；规则包的 `max_rank` 是此处允许的最高职级"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_rank_reads_either_spelling_and_writes_chinese() {
        let p: Params = toml::from_str("max_rank = \"researcher_3\"").unwrap();
        assert_eq!(p.max_rank, Rank::Researcher3);
        let p: Params = toml::from_str("max_rank = \"一级主任科员\"").unwrap();
        assert_eq!(p.max_rank, Rank::PrincipalStaff1);
        assert!(toml::from_str::<Params>("max_rank = \"正科\"").is_err());
        let t = toml::Table::try_from(Params::default()).unwrap();
        assert_eq!(t["max_rank"].as_str(), Some("二级调研员"));
    }
}
