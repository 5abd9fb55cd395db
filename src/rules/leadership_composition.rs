use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Level, Target};
use crate::base::i18n::Text;
use crate::model::{Person, UnitKind, ZoneMode};
use crate::rules::titles::{Part, Reader};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// The leadership team (people whose `body` is the unit id), each title read as
    /// unauthorized-title reads it (`"党委副书记、镇长"` holds 镇长; `concurrent` entries count too;
    /// a leading unit name or 镇/乡/街道 is dropped), a person counted once per role.
    ///
    /// A town or township has:
    /// - exactly one party secretary: 党委书记 (with a merged zone, 党工委书记 is the same post:
    ///   one person holding both is one secretary);
    /// - exactly one head of government: 镇长 or 代镇长 (in a township 乡长 or 代乡长);
    /// - exactly one 人大主席;
    /// - at least one 副镇长 (副乡长);
    /// - at most two 人大副主席;
    /// - no 人大主席 or 人大副主席 holding a title in `government_titles`.
    ///
    /// A subdistrict (街道, no people's congress of its own) has at most one 党工委书记: more is a
    /// warning (the one-secretary rule is the Party's, read from memory); nothing else is checked.
    ///
    /// A role held by too many is one finding per holder after the first (after the second, for
    /// 人大副主席), on that person, labelled at the first. A role held by no one is a vacancy (空缺),
    /// not a violation: one `info` finding on the unit. A file with no team roster at all (no
    /// `[[person]]` whose `body` is the unit: an establishment office's ledger that keeps only the
    /// approved numbers) gives one `info` that the composition could not be checked, and nothing
    /// else. A part held on secondment (挂职: `seconded = true`, or ending in （挂职）) holds no role.
    ///
    /// Each finding cites its own requirement: 地方组织法 第十八条 for the people's congress roles,
    /// 第七十条 for 镇长 and 副镇长, the Party's rules for the secretary.
    ///
    /// ## Why
    /// 《地方各级人民代表大会和地方各级人民政府组织法》(Local Organic Law, 2022), art. 18: a town's
    /// people's congress “设主席，并可以设副主席一人至二人”, and “主席、副主席不得担任国家行政机关的职务”;
    /// art. 70: “镇人民政府设镇长、副镇长”. One secretary per party committee follows the Party's
    /// rules (《中国共产党章程》, 《中国共产党农村基层组织工作条例》, from memory).
    ///
    /// ## Example
    /// ```toml
    /// [[person]]
    /// id = "PW0001"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委书记"
    ///
    /// [[person]]
    /// id = "PW0008"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委书记"            # a second party secretary
    ///
    /// [[person]]
    /// id = "PW0005"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "人大主席"
    /// concurrent = ["副镇长"]       # a congress chair may not hold a government post
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "PW0001"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委书记"
    /// concurrent = ["人大主席"]     # the 人大主席, held concurrently
    ///
    /// [[person]]
    /// id = "PW0002"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委副书记、代镇长"   # the head until the congress elects one
    ///
    /// [[person]]
    /// id = "PW0003"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委委员、副镇长"
    /// ```
    ///
    /// ## Parameters
    /// - `government_titles` (array of strings, default 镇长, 代镇长, 副镇长, 乡长, 代乡长, 副乡长,
    ///   管委会主任, 管委会副主任): posts of the state administration, which a 人大主席 or
    ///   人大副主席 may not hold.
    ///
    /// ## 检查内容
    /// 领导班子（`body` 为本单位 id 的人员）中，职务按 unauthorized-title 的读法读取
    /// （“党委副书记、镇长”含镇长；`concurrent` 兼任职务同样计入；去掉开头的本单位名称或“镇”“乡”“街道”），同一人
    /// 同一职务只计一次。
    ///
    /// 镇、乡须有：党委书记恰好一名（区镇合一的，党工委书记与党委书记为同一职务，一人兼任计一名）；
    /// 镇长或代镇长（乡为乡长或代乡长）恰好一名；人大主席恰好一名；副镇长（副乡长）至少一名；人大
    /// 副主席不超过两名；人大主席、副主席不得担任 `government_titles` 所列职务。
    ///
    /// 街道（不设人民代表大会）党工委书记不超过一名，超过的报告警告（一名书记依党内法规，凭记忆）；
    /// 其余不检查。
    ///
    /// 人数超过的，第一名（人大副主席为前两名）之后每人报告一次，标注第一名。无人担任的职务是空缺，
    /// 不是违规：在本单位处以 `info` 提示一次。文件中完全没有领导班子名册（没有 `body` 为本单位 id 的
    /// `[[person]]`，如编办只记核定数的台账）的，只提示一次“无法检查领导班子配备”。挂职职务（
    /// `seconded = true` 或以 `（挂职）` 结尾）不计入班子职务。
    ///
    /// 每条发现引用其自身的依据：人大职务引用地方组织法第十八条，镇长、副镇长引用第七十条，党委书记
    /// 引用党内法规。
    ///
    /// ## 依据
    /// 《地方各级人民代表大会和地方各级人民政府组织法》（2022 年修正）第十八条：乡、民族乡、镇的
    /// 人民代表大会“设主席，并可以设副主席一人至二人”，“主席、副主席不得担任国家行政机关的职务”；
    /// 第七十条：“镇人民政府设镇长、副镇长”。党委书记一名依党内法规（《中国共产党章程》《中国共产党
    /// 农村基层组织工作条例》，凭记忆，未经原文核对）。
    pub struct LeadershipComposition {
        code: "BZ206",
        name: "leadership-composition",
        title: "领导班子构成",
        short: ("班子结构不符", "leadership composition"),
        level: Error,
        cite: ("地方组织法 第十八条、第七十条；党内法规", "Local Organic Law, arts. 18, 70; Party rules"),
        scope: Town,
        params: Params,
        examples: {
            "a second party secretary" => "第二名党委书记",
            "a congress chair may not hold a government post" => "人大主席不得兼任政府职务",
            "the 人大主席, held concurrently" => "兼任人大主席",
            "the head until the congress elects one" => "人大选举产生前的负责人",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub government_titles: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            government_titles: [
                "镇长",
                "代镇长",
                "副镇长",
                "乡长",
                "代乡长",
                "副乡长",
                "管委会主任",
                "管委会副主任",
            ]
            .map(str::to_string)
            .to_vec(),
        }
    }
}

/// The most 人大副主席 a congress may have (地方组织法 第十八条: 一人至二人).
const MAX_CONGRESS_VICE: usize = 2;

/// The requirement a finding reports, and so the clause it cites.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// 地方组织法 第十八条: the people's congress of a town.
    Congress,
    /// 地方组织法 第七十条: 镇人民政府设镇长、副镇长.
    Government,
    /// One secretary per party committee (party rules, from memory).
    Party,
}

impl Source {
    fn cite(self) -> &'static Arc<Text> {
        static CONGRESS: LazyLock<Arc<Text>> = LazyLock::new(|| {
            Arc::new(Text::new(
                "Local Organic Law, art. 18",
                "地方组织法 第十八条",
            ))
        });
        static GOVERNMENT: LazyLock<Arc<Text>> = LazyLock::new(|| {
            Arc::new(Text::new(
                "Local Organic Law, art. 70",
                "地方组织法 第七十条",
            ))
        });
        static PARTY: LazyLock<Arc<Text>> =
            LazyLock::new(|| Arc::new(Text::new("Party rules", "党内法规")));
        match self {
            Source::Congress => &CONGRESS,
            Source::Government => &GOVERNMENT,
            Source::Party => &PARTY,
        }
    }
}

/// A role of the team: what it is called in messages and the titles that hold it.
struct Role {
    /// The role's title in messages (党委书记, 镇长).
    name: &'static str,
    /// The role in English messages.
    en: &'static str,
    titles: Vec<String>,
    source: Source,
}

impl Role {
    fn new(name: &'static str, en: &'static str, titles: &[&str], source: Source) -> Role {
        Role {
            name,
            en,
            titles: titles.iter().map(|t| t.to_string()).collect(),
            source,
        }
    }
}

impl RuleImpl for LeadershipComposition {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let unit = &org.unit;
        let kind = unit.kind.value;
        let merged = unit
            .zone
            .as_ref()
            .and_then(|z| z.mode.as_ref())
            .is_some_and(|m| m.value == ZoneMode::Merged);
        let secretary_titles: &[&str] = if merged {
            &["党委书记", "党工委书记"]
        } else {
            &["党委书记"]
        };
        let secretary = Role::new(
            "党委书记",
            "party secretary",
            secretary_titles,
            Source::Party,
        );
        let chair = Role::new(
            "人大主席",
            "people's congress chair",
            &["人大主席"],
            Source::Congress,
        );
        let vice = Role::new(
            "人大副主席",
            "people's congress vice chair",
            &["人大副主席"],
            Source::Congress,
        );
        // (role, at least, at most)
        let roles: Vec<(Role, usize, Option<usize>)> = match kind {
            UnitKind::Town | UnitKind::Township => {
                let town = kind == UnitKind::Town;
                let (head, acting, deputy) = if town {
                    ("镇长", "代镇长", "副镇长")
                } else {
                    ("乡长", "代乡长", "副乡长")
                };
                vec![
                    (secretary, 1, Some(1)),
                    (
                        Role::new(
                            head,
                            "head of government",
                            &[head, acting],
                            Source::Government,
                        ),
                        1,
                        Some(1),
                    ),
                    (chair, 1, Some(1)),
                    (
                        Role::new(
                            deputy,
                            "deputy head of government",
                            &[deputy],
                            Source::Government,
                        ),
                        1,
                        None,
                    ),
                    (vice, 0, Some(MAX_CONGRESS_VICE)),
                ]
            }
            // A subdistrict has no people's congress (地方组织法 第八十五条 makes it a 派出机关):
            // only the party side, whose one-secretary rule rests on memory, so a warning; a
            // vacancy is not reported.
            UnitKind::Subdistrict => vec![(
                Role::new(
                    "党工委书记",
                    "party working committee secretary",
                    &["党工委书记"],
                    Source::Party,
                ),
                0,
                Some(1),
            )],
            UnitKind::County => return,
        };
        let reader = Reader::new(&cx.shared.titles, org, cx.source);
        let team: Vec<&Person> = org.leadership().collect();
        // No data, no finding: a 编办 ledger that keeps only the approved numbers has no team
        // roster, which says nothing about who holds the posts.
        if team.is_empty() {
            out.push(not_shown(cx));
            return;
        }
        for (role, min, max) in &roles {
            let holders = holders(&reader, &team, &role.titles);
            if holders.len() < *min {
                out.push(vacant(cx, role));
            }
            if let Some(max) = max {
                for (n, (over, part)) in holders.iter().enumerate().skip(*max) {
                    let mut f = too_many(cx, role, *max, n + 1, over, part, &holders[0].1);
                    if kind == UnitKind::Subdistrict {
                        f = f.fixed_level(Level::Warning);
                    }
                    out.push(f);
                }
            }
        }
        if matches!(kind, UnitKind::Town | UnitKind::Township) {
            congress_in_government(cx, &reader, &team, params, out);
        }
    }
}

/// The people of the team holding one of `titles` in their `title` or `concurrent`, each once,
/// with the first part that names it. A part held on secondment (挂职) holds no role of the team.
fn holders<'a>(
    reader: &Reader<'a>,
    team: &[&'a Person],
    titles: &[String],
) -> Vec<(&'a Person, Part<'a>)> {
    team.iter()
        .filter_map(|p| {
            reader
                .parts(p)
                .into_iter()
                .find(|part| !part.seconded && reader.is_one_of(part.text, titles))
                .map(|part| (*p, part))
        })
        .collect()
}

/// The team's roster is not in the file: the composition could not be checked.
fn not_shown(cx: &FileCx<'_>) -> Finding {
    let org = cx.org;
    let unit = &org.unit;
    let unit_id = &unit.id.value;
    Finding::new(
        org.file,
        unit.span,
        text!(
            "the leadership team's roster is not in the file (no `[[person]]` with `body = \"{unit_id}\"`): its composition could not be checked",
            "未载明领导班子名册（没有 `body = \"{unit_id}\"` 的 `[[person]]`），无法检查领导班子配备"
        ),
    )
    .target(Target::unit(unit_id))
    .primary(text!("no team roster", "未载明班子名册"))
    .fixed_level(Level::Info)
}

/// A role nobody on the roster holds: a vacancy (空缺), not a violation.
fn vacant(cx: &FileCx<'_>, role: &Role) -> Finding {
    let org = cx.org;
    let unit = &org.unit;
    let file = org.file;
    let unit_id = &unit.id.value;
    let (k_en, k_zh) = (unit.kind.value.word(), unit.kind.value.zh());
    let (title, what_en) = (role.name, role.en);
    let (alts_en, alts_zh) = (role.titles.join(" / "), role.titles.join("或"));
    Finding::new(
        file,
        unit.span,
        text!(
            "no one on the leadership team's roster holds {what_en} ({alts_en}): the post is vacant or not on the roster",
            "领导班子名册中无人担任{alts_zh}：该职务空缺或未列入名册"
        ),
    )
    .target(Target::unit(unit_id))
    .primary(text!("{title} vacant", "{title}空缺"))
    .label(file, unit.kind.span, text!("a {k_en}", "{k_zh}"))
    .help(text!(
        "if someone holds it, add them to the roster (a `[[person]]` with `body = \"{unit_id}\"` and the title in `title` or `concurrent`)",
        "如已有人担任，在名册中补充（`body = \"{unit_id}\"`，职务写入 `title` 或 `concurrent` 的 `[[person]]`）"
    ))
    .fixed_level(Level::Info)
    .cite(role.source.cite())
}

fn too_many(
    cx: &FileCx<'_>,
    role: &Role,
    max: usize,
    no: usize,
    over: &Person,
    part: &Part<'_>,
    first: &Part<'_>,
) -> Finding {
    let file = cx.org.file;
    let (title, what_en) = (role.name, role.en);
    let (alts_en, alts_zh) = (role.titles.join(" / "), role.titles.join("或"));
    let who = cx.who(over);
    let (held, first_held) = (part.text, first.text);
    let message = if max == 1 {
        text!(
            "person {who} is also {what_en} ({alts_en}): the leadership team has only one",
            "人员 {who} 也是{alts_zh}：领导班子只能有一名{title}"
        )
    } else {
        text!(
            "person {who} is {what_en} ({title}) no. {no}: at most {max} allowed",
            "人员 {who} 是第 {no} 名{title}，最多 {max} 名"
        )
    };
    let mut f = Finding::new(file, part.span, message)
        .target(Target::person(&over.id.value))
        .primary(text!("{held}: no. {no}", "{held}：第 {no} 名"))
        .help(if max == 1 {
            text!(
                "one person holds the {title}: give the others their actual titles",
                "{title}只由一人担任：其余人员改为其实际职务"
            )
        } else {
            text!(
                "keep {max} {title}: give the others their actual titles",
                "只保留 {max} 名{title}，其余人员改为其实际职务"
            )
        });
    if first.span != part.span {
        f = f.label(
            file,
            first.span,
            text!("{first_held}: the first", "{first_held}：第一名"),
        );
    }
    f.cite(role.source.cite())
}

/// A 人大主席 or 人大副主席 holding a government title: one finding per such title.
fn congress_in_government(
    cx: &FileCx<'_>,
    reader: &Reader<'_>,
    team: &[&Person],
    params: &Params,
    out: &mut Vec<Finding>,
) {
    let file = cx.org.file;
    let offices = ["人大主席".to_string(), "人大副主席".to_string()];
    for p in team {
        let parts = reader.parts(p);
        let Some(office) = parts.iter().find(|x| reader.is_one_of(x.text, &offices)) else {
            continue;
        };
        let who = cx.who(p);
        let o = office.text;
        for post in parts
            .iter()
            .filter(|x| reader.is_one_of(x.text, &params.government_titles))
        {
            let t = post.text;
            out.push(
                Finding::new(
                    file,
                    post.span,
                    text!(
                        "person {who} is {o} and also holds the government post {t}",
                        "人员 {who} 任{o}，又担任政府职务{t}"
                    ),
                )
                .target(Target::person(&p.id.value))
                .primary(text!("government post {t}", "政府职务{t}"))
                .label(file, office.span, text!("people's congress office", "人大职务"))
                .help(text!(
                    "a people's congress chair or vice chair may not hold a post of the state administration: give {t} to someone else",
                    "人大主席、副主席不得担任国家行政机关的职务：{t}由他人担任"
                ))
                .cite(Source::Congress.cite()),
            );
        }
    }
}
