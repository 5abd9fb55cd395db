use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::diag::{Finding, Target};
use crate::model::Rank;
use crate::rules::over_grade_appointment::{is_principal, PRINCIPAL_TITLES};
use crate::rules::titles::Reader;
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A person's `rank` (职级) is at most `max_rank` (二级调研员). A principal with `upper_post` —
    /// a title part in `principal_titles` (in `title` or `concurrent`, read as unauthorized-title
    /// reads titles) — is at most `max_rank_upper` (一级调研员) instead. Rank names of before the
    /// 2019 rules (调研员, 主任科员, 科员 …, for files describing earlier dates) and people without a
    /// rank are not checked.
    ///
    /// ## Why
    /// The Jiangsu opinions on developed towns (2017), 二(四)2, forbid “擅自提高干部职级待遇”
    /// (raising ranks without authority). Under the 2019 rules on parallel posts and ranks
    /// (《公务员职务与职级并行规定》, from memory) the organs of a town-level unit set ranks up to
    /// 二级调研员; a principal promoted into the county leadership (二(四)1) comes under the county
    /// organs' cap, 一级调研员 (from memory).
    ///
    /// ## Example
    /// ```toml
    /// [[person]]
    /// id = "PW0005"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "人大主席"
    /// grade = "正科"
    /// rank = "一级调研员"      # above the cap 二级调研员
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "PW0001"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委书记"
    /// grade = "副处"
    /// rank = "一级调研员"      # a principal with upper_post: capped at 一级调研员
    /// upper_post = "吴江区委常委"
    ///
    /// [[person]]
    /// id = "PW0005"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "人大主席"
    /// grade = "正科"
    /// rank = "调研员"          # a rank name of 2018: not checked
    /// ```
    ///
    /// ## Parameters
    /// - `max_rank` (a rank, default `二级调研员`): the highest rank allowed. Either spelling is
    ///   accepted (`researcher_2` or `二级调研员`).
    /// - `max_rank_upper` (a rank, default `一级调研员`): the highest rank of a principal with
    ///   `upper_post`.
    /// - `principal_titles` (array of strings, default 党委书记, 镇长, 乡长, 党工委书记, 管委会主任,
    ///   办事处主任): the principals' titles, as in over-grade-appointment.
    ///
    /// ## 检查内容
    /// 人员的职级 `rank` 不得高于 `max_rank`（二级调研员）；设有 `upper_post` 的主要负责人
    /// （`title` 或 `concurrent` 中有一项职务在 `principal_titles` 之内）不得高于
    /// `max_rank_upper`（一级调研员）。2019 年以前的职级名称（调研员、主任科员、科员等，用于描述
    /// 此前日期的文件）及未填写职级的人员不检查。
    ///
    /// ## 依据
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》（中共江苏省委办公厅，2017）二(四)2：严禁
    /// “擅自提高干部职级待遇”。依《公务员职务与职级并行规定》（凭记忆，未经原文核对），乡镇机关职级
    /// 最高设置到二级调研员；提拔进入县级领导班子的主要负责人（二(四)1）适用县级机关的上限一级
    /// 调研员（凭记忆）。
    pub struct RankOverCap {
        code: "BZ203",
        name: "rank-over-cap",
        title: "职级超出上限",
        short: ("职级超限", "rank over cap"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（四）2；职务职级并行规定", "Jiangsu DT Opinions 2017, II(4).2; Posts and Ranks Rules 2019"),
        scope: Town,
        params: Params,
        examples: {
            "above the cap 二级调研员" => "超过上限二级调研员",
            "a principal with upper_post: capped at 一级调研员" => "设有 upper_post 的主要负责人：上限为一级调研员",
            "a rank name of 2018: not checked" => "2018 年的职级名称：不检查",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    #[serde(serialize_with = "rank_zh", deserialize_with = "rank_any")]
    pub max_rank: Rank,
    #[serde(serialize_with = "rank_zh", deserialize_with = "rank_any")]
    pub max_rank_upper: Rank,
    pub principal_titles: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            max_rank: Rank::Researcher2,
            max_rank_upper: Rank::Researcher1,
            principal_titles: PRINCIPAL_TITLES.iter().map(|s| s.to_string()).collect(),
        }
    }
}

fn rank_zh<S: Serializer>(r: &Rank, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(r.zh())
}

fn rank_any<'de, D: Deserializer<'de>>(d: D) -> Result<Rank, D::Error> {
    let s = String::deserialize(d)?;
    let accepted = || {
        Rank::ALL
            .iter()
            .filter(|r| !r.is_pre2019())
            .map(|r| r.zh())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match Rank::parse(&s) {
        Some(r) if !r.is_pre2019() => Ok(r),
        Some(_) => Err(serde::de::Error::custom(format!(
            "`{s}` is a rank name of before 2019; a cap is one of the 2019 ranks: {}",
            accepted()
        ))),
        None => Err(serde::de::Error::custom(format!(
            "unknown rank `{s}`; expected one of {}",
            accepted()
        ))),
    }
}

impl RuleImpl for RankOverCap {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let reader = Reader::new(&cx.shared.titles, cx.org, cx.source);
        for p in &cx.org.persons {
            let Some(rank) = &p.rank else { continue };
            if rank.value.is_pre2019() {
                continue;
            }
            let upper = match &p.upper_post {
                Some(up) if is_principal(&reader, p, &params.principal_titles) => Some(up),
                _ => None,
            };
            let cap = if upper.is_some() {
                params.max_rank_upper
            } else {
                params.max_rank
            };
            if !rank.value.above(cap) {
                continue;
            }
            let (c_en, c_zh) = (cap.word(), cap.zh());
            let who = cx.who(p);
            let (r_en, r_zh) = (rank.value.word(), rank.value.zh());
            let mut f = Finding::new(
                cx.org.file,
                rank.span,
                text!(
                    "person {who} holds rank {r_en}, above the cap {c_en}",
                    "人员 {who} 职级为{r_zh}，高于上限{c_zh}（擅自提高职级待遇）"
                ),
            )
            .target(Target::person(&p.id.value))
            .primary(text!("{r_en}: above {c_en}", "{r_zh}：高于{c_zh}"));
            f = match upper {
                Some(up) => f
                    .label(
                        cx.org.file,
                        up.span,
                        text!(
                            "upper post: the county organs' cap {c_en} applies",
                            "兼任上级职务：适用县级机关上限{c_zh}"
                        ),
                    )
                    .help(text!(
                        "set `rank` to {c_en} or below; the pack's `max_rank_upper` is the highest rank of a principal with `upper_post`",
                        "将 `rank` 改为{c_zh}或以下；规则包的 `max_rank_upper` 是设有 `upper_post` 的主要负责人的最高职级"
                    )),
                None if p.upper_post.is_some() => {
                    let up = params.max_rank_upper;
                    let (up_en, up_zh) = (up.word(), up.zh());
                    let (t_en, t_zh) = (
                        params.principal_titles.join(", "),
                        params.principal_titles.join("、"),
                    );
                    f.help(text!(
                        "set `rank` to {c_en} or below; only a principal ({t_en}) with `upper_post` may hold up to {up_en}",
                        "将 `rank` 改为{c_zh}或以下；只有设有 `upper_post` 的主要负责人（{t_zh}）最高可至{up_zh}"
                    ))
                }
                None => f.help(text!(
                    "set `rank` to {c_en} or below; the pack's `max_rank` is the highest rank allowed here",
                    "将 `rank` 改为{c_zh}或以下；规则包的 `max_rank` 是此处允许的最高职级"
                )),
            };
            out.push(f);
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
        assert!(toml::from_str::<Params>("max_rank = \"调研员\"").is_err());
        let t = toml::Table::try_from(Params::default()).unwrap();
        assert_eq!(t["max_rank"].as_str(), Some("二级调研员"));
        assert_eq!(t["max_rank_upper"].as_str(), Some("一级调研员"));
    }
}
