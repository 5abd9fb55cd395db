use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::diag::{Finding, Level, Target};
use crate::model::{Body, Category, Duty, Establishment, OrgFile, Person};
use crate::rules::titles::Reader;
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// The front `enforcement` body (综合执法, "one team") has at least `min_certified` officers
    /// who hold an administrative law-enforcement certificate (`enforcement_certified = true`) and
    /// whose establishment is in `certified_categories`. Counted: the roster of the body and of its
    /// sub-bodies (its squads), and members of the leadership team with a title part naming the
    /// body (a 党委委员 with `concurrent = ["综合行政执法局局长"]`; titles read as
    /// unauthorized-title reads them). Staff outside the establishment (`none`, 编外) never count.
    ///
    /// Not shown: where the body and its sub-bodies keep no roster, the certificates cannot be
    /// counted; one info finding says so.
    ///
    /// ## Why
    /// 《中华人民共和国行政处罚法》(Administrative Penalty Law, 2021), art. 42:
    /// “行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人”. The Jiangsu opinions on developed towns
    /// (2017), 二(三)4, set up the town's integrated enforcement team. Which establishment may hold a
    /// certificate is provincial practice (from memory), hence `certified_categories`.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "zfj"
    /// name = "综合行政执法局"
    /// kind = "functional"
    /// office = "front"
    /// duty = "enforcement"
    ///
    /// [[person]]
    /// id = "PW0051"
    /// body = "zfj"
    /// establishment = "administrative"
    /// enforcement_certified = true
    ///
    /// [[person]]
    /// id = "PW0052"
    /// body = "zfj"
    /// establishment = "none"               # 编外: a certificate does not count
    /// enforcement_certified = true
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "PW0007"
    /// body = "pingwang"                    # the leadership team
    /// establishment = "administrative"
    /// title = "党委委员"
    /// concurrent = ["综合行政执法局局长"]  # heads the team: counted
    /// enforcement_certified = true
    ///
    /// [[person]]
    /// id = "PW0053"
    /// body = "zfj"
    /// establishment = "institution"
    /// cs_managed = true                    # 参公
    /// enforcement_certified = true
    /// ```
    ///
    /// ## Parameters
    /// - `min_certified` (integer, default 2): the fewest certified officers the body must have.
    /// - `certified_categories` (array, default `["administrative", "political_legal",
    ///   "institution"]`): the establishment whose certified staff count; `cs_managed` stands for
    ///   参公 institution staff (`cs_managed = true`), so a pack may narrow the list to
    ///   `["administrative", "political_legal", "cs_managed"]`. `none` is not accepted.
    ///
    /// ## 检查内容
    /// 前台综合执法机构（`duty = "enforcement"`）持有行政执法证件（`enforcement_certified = true`）
    /// 且编制类别在 `certified_categories` 之内的人员不少于 `min_certified` 名。计入该机构及其内设
    /// 机构（中队）名册中的人员，以及职务中有一项冠以该机构名称的领导班子成员（如
    /// `concurrent = ["综合行政执法局局长"]` 的党委委员；职务按 unauthorized-title 的读法读取）。
    /// 编外人员（`none`）一律不计入。
    ///
    /// 未载明名册：该机构及其内设机构均未载明实名名册的，无法检查持证人员人数，报告一条提示。
    ///
    /// ## 依据
    /// 《中华人民共和国行政处罚法》（2021 年修订）第四十二条：
    /// “行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人”；《关于深化经济发达镇行政管理体制改革工作的意见》（中共江苏省委
    /// 办公厅，2017）二(三)4 组建综合行政执法队伍。哪些编制人员可以持证属各省做法（凭记忆），故设参数
    /// `certified_categories`。
    pub struct EnforcementStaffing {
        code: "BZ305",
        name: "enforcement-staffing",
        title: "执法人员持证数量",
        short: ("持证执法人员不足", "too few officers"),
        level: Error,
        cite: ("行政处罚法 第四十二条；江苏经济发达镇意见 二（三）4", "Administrative Penalty Law, art. 42; Jiangsu DT Opinions 2017, II(3).4"),
        scope: Town,
        params: Params,
        examples: {
            "编外: a certificate does not count" => "编外人员：持证不计入",
            "the leadership team" => "领导班子",
            "heads the team: counted" => "班子主要负责人：计入",
        },
    }
}

/// An entry of `certified_categories`: a category, or `cs_managed` (参公 institution staff).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certifiable {
    Category(Category),
    CsManaged,
}

impl Serialize for Certifiable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Certifiable::Category(c) => c.en(),
            Certifiable::CsManaged => "cs_managed",
        })
    }
}

impl<'de> Deserialize<'de> for Certifiable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "cs_managed" || s == "参公" {
            return Ok(Certifiable::CsManaged);
        }
        if Establishment::parse(&s) == Some(Establishment::None) {
            return Err(serde::de::Error::custom(
                "`none` (编外) cannot be certified establishment: staff outside the establishment never count",
            ));
        }
        Category::parse(&s)
            .map(Certifiable::Category)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "unknown establishment `{s}`; expected one of {}, cs_managed",
                    Category::ALL
                        .iter()
                        .map(|c| c.en())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub min_certified: u32,
    pub certified_categories: Vec<Certifiable>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            min_certified: 2,
            certified_categories: vec![
                Certifiable::Category(Category::Administrative),
                Certifiable::Category(Category::PoliticalLegal),
                Certifiable::Category(Category::Institution),
            ],
        }
    }
}

impl Params {
    /// Whether `p`'s establishment is one whose certificate counts.
    fn eligible(&self, p: &Person) -> bool {
        let cs_managed = p.cs_managed.as_ref().is_some_and(|c| c.value);
        let Some(category) = p.establishment.value.category() else {
            return false;
        };
        self.certified_categories.iter().any(|c| match c {
            Certifiable::Category(x) => *x == category,
            Certifiable::CsManaged => category == Category::Institution && cs_managed,
        })
    }
}

/// Whether `body` is `root` or lies under it (a cycle, BZ010's finding, ends the walk).
fn within(org: &OrgFile, body: &Body, root: &str) -> bool {
    let mut at = body;
    for _ in 0..=org.bodies.len() {
        if at.id.value == root {
            return true;
        }
        match at.parent.as_ref().and_then(|p| org.body(&p.value)) {
            Some(parent) => at = parent,
            None => return false,
        }
    }
    false
}

impl RuleImpl for EnforcementStaffing {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let file = org.file;
        let reader = Reader::new(&cx.shared.titles, org, cx.source);
        for team in org.bodies.iter().filter(|b| b.is_front(Duty::Enforcement)) {
            let id = &team.id.value;
            let bname = &team.name.value;
            let name = &team.name.value;
            let roster: Vec<&Person> = org
                .persons
                .iter()
                .filter(|p| org.body(&p.body.value).is_some_and(|b| within(org, b, id)))
                .collect();
            if roster.is_empty() {
                out.push(
                    Finding::new(
                        file,
                        team.span,
                        text!(
                            "no roster is given for front enforcement body `{id}`: its certified officers could not be counted",
                            "未载明前台综合执法机构{bname}的实名名册，无法检查持证执法人员人数"
                        ),
                    )
                    .fixed_level(Level::Info)
                    .target(Target::body(id))
                    .primary(text!("{name}: no roster", "{name}：无名册"))
                    .help(text!(
                        "list the body's staff as `[[person]]` entries and mark certified officers with `enforcement_certified = true`",
                        "以 `[[person]]` 列出该机构实名人员，并以 `enforcement_certified = true` 标明持证人员"
                    )),
                );
                continue;
            }
            let heads = org.leadership().filter(|p| {
                reader.parts(p).iter().any(|part| {
                    reader
                        .body_of_part(part.text)
                        .is_some_and(|b| within(org, b, id))
                })
            });
            let members: Vec<&Person> = roster.iter().copied().chain(heads).collect();
            let certified = members
                .iter()
                .filter(|p| p.certified() && params.eligible(p))
                .count();
            let min = params.min_certified as usize;
            if certified >= min {
                continue;
            }
            let mut f = Finding::new(
                file,
                team.span,
                text!(
                    "front enforcement body `{id}` has too few certified officers: {certified}, at least {min} required",
                    "前台综合执法机构{bname}持证执法人员 {certified} 名，少于 {min} 名"
                ),
            )
            .target(Target::body(id))
            .primary(text!("{name}: {certified} certified", "{name}：持证 {certified} 名"))
            .help(text!(
                "staff the body with at least {min} officers who hold enforcement certificates (`enforcement_certified = true`) and establishment in `certified_categories`",
                "为该机构配备至少 {min} 名持有行政执法证件（`enforcement_certified = true`）、编制类别在 `certified_categories` 之内的人员"
            ));
            if let Some(first) = members.iter().find(|p| p.certified() && params.eligible(p)) {
                f = f.label(
                    file,
                    first.span,
                    text!(
                        "certified officer {who}",
                        "持证人员 {who}",
                        who = cx.who(first)
                    ),
                );
            }
            if let Some(other) = members
                .iter()
                .find(|p| p.certified() && !params.eligible(p))
            {
                let who = cx.who(other);
                let label = match other.establishment.value {
                    Establishment::None => text!(
                        "{who} is certified but outside the establishment: not counted",
                        "{who} 持证，但为编外人员：不计入"
                    ),
                    e => {
                        let (e_en, e_zh) = (e.word(), e.zh());
                        text!(
                            "{who} is certified but holds `{e_en}` establishment, not in `certified_categories`: not counted",
                            "{who} 持证，但占用{e_zh}（不在 `certified_categories` 之内）：不计入"
                        )
                    }
                };
                f = f.label(file, other.establishment.span, label);
            }
            out.push(f);
        }
    }
}
