use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Target};
use crate::model::{Person, UnitKind};
use crate::rules::{FileCx, RuleImpl, RuleMeta};
use crate::source::Span;
use crate::text;

declare_rule! {
    /// ## What it checks
    /// For a town or a township (a subdistrict has no people's congress of its own and is not
    /// checked), the leadership team (people whose `body` is the unit id) has:
    /// - exactly one head of government: `head_titles` for the unit's kind (镇长 in a town, 乡长 in
    ///   a township);
    /// - at least one deputy head: `deputy_titles` for the kind (副镇长, 副乡长);
    /// - exactly one `congress_chair` (人大主席);
    /// - at most `max_congress_vice` (2) `congress_vice` (人大副主席);
    /// - no people's congress officer who also holds a government post.
    ///
    /// A person holds the titles of their `title` and of their `concurrent` list (FORMAT.md: other
    /// titles held at the same time): a 党委书记 with `concurrent = ["人大主席"]` is the town's
    /// 人大主席. Each person counts once per title. The last condition reads both too: a person
    /// whose `title` or `concurrent` holds a congress office (chair or vice) and whose `title` or
    /// `concurrent` holds a government post — the head or deputy head title of any kind, or one of
    /// `government_posts` — is reported at the conflicting entry.
    ///
    /// ## Why
    /// 《地方各级人民代表大会和地方各级人民政府组织法》第十八条、第七十条 (arts 18, 70): 乡、民族乡、镇
    /// 的人民代表大会设主席，并可以设副主席一人至二人……主席、副主席不得担任国家行政机关的职务;
    /// 乡、镇人民政府设乡长、副乡长，镇长、副镇长.
    ///
    /// ## Example
    /// ```toml
    /// [[person]]
    /// id = "SZ0005"
    /// body = "shengze"
    /// establishment = "administrative"
    /// title = "人大主席"
    /// concurrent = ["副镇长"]    # a congress chair may not hold a government post
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "SZ0002"
    /// body = "shengze"
    /// establishment = "administrative"
    /// title = "镇长"
    ///
    /// [[person]]
    /// id = "SZ0003"
    /// body = "shengze"
    /// establishment = "administrative"
    /// title = "副镇长"
    ///
    /// [[person]]
    /// id = "SZ0005"
    /// body = "shengze"
    /// establishment = "administrative"
    /// title = "人大主席"
    /// ```
    ///
    /// ## Parameters
    /// - `head_titles` (table, default `{ town = "镇长", township = "乡长" }`): the head of
    ///   government's title per unit kind.
    /// - `deputy_titles` (table, default `{ town = "副镇长", township = "副乡长" }`): the deputy
    ///   head's title per unit kind.
    /// - `congress_chair` (string, default `"人大主席"`): the people's congress chair's title.
    /// - `congress_vice` (string, default `"人大副主席"`): the vice chair's title.
    /// - `max_congress_vice` (integer, default 2): the most vice chairs allowed.
    /// - `government_posts` (array of strings, default `["镇长", "副镇长", "乡长", "副乡长"]`):
    ///   titles that are government posts, besides the head and deputy titles above.
    ///
    /// ## 检查内容
    /// 镇、乡（街道不设人大，不检查）的领导班子（`body` 为本单位 id 的人员）须有：`head_titles`
    /// 规定的政府正职恰好一名（镇为镇长，乡为乡长）；`deputy_titles` 规定的副职至少一名（副镇长、
    /// 副乡长）；`congress_chair`（人大主席）恰好一名；`congress_vice`（人大副主席）不超过
    /// `max_congress_vice`（2）名；人大主席、副主席不得兼任政府职务。
    ///
    /// 人员所任职务包括 `title` 和 `concurrent`（兼任）所列职务：`concurrent = ["人大主席"]` 的党委
    /// 书记即为本镇人大主席；同一人同一职务只计一次。兼职检查同样看 `title` 和 `concurrent`：
    /// 担任人大主席或副主席、又担任政府职务（任一类别的正职、副职名称或 `government_posts` 所列
    /// 职务）的，在冲突处报告。
    ///
    /// ## 依据
    /// 《地方各级人民代表大会和地方各级人民政府组织法》第十八条、第七十条：乡镇人大设主席，可设
    /// 副主席一至二人，主席、副主席不得担任国家行政机关的职务；乡镇人民政府设乡长、副乡长，镇长、
    /// 副镇长。
    pub struct LeadershipComposition {
        code: "BZ206",
        name: "leadership-composition",
        level: Error,
        cite: ("地方组织法 第十八条、第七十条；党内法规", "Local Organic Law, arts. 18, 70; Party rules"),
        scope: Town,
    }
}

/// A title per kind of unit that has a people's congress.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerKind {
    pub town: String,
    pub township: String,
}

impl PerKind {
    fn get(&self, kind: UnitKind) -> Option<&str> {
        match kind {
            UnitKind::Town => Some(&self.town),
            UnitKind::Township => Some(&self.township),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub head_titles: PerKind,
    pub deputy_titles: PerKind,
    pub congress_chair: String,
    pub congress_vice: String,
    pub max_congress_vice: u32,
    pub government_posts: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        let s = |x: &str| x.to_string();
        Params {
            head_titles: PerKind {
                town: s("镇长"),
                township: s("乡长"),
            },
            deputy_titles: PerKind {
                town: s("副镇长"),
                township: s("副乡长"),
            },
            congress_chair: s("人大主席"),
            congress_vice: s("人大副主席"),
            max_congress_vice: 2,
            government_posts: ["镇长", "副镇长", "乡长", "副乡长"].map(s).to_vec(),
        }
    }
}

impl Params {
    fn is_government_post(&self, t: &str) -> bool {
        [
            &self.head_titles.town,
            &self.head_titles.township,
            &self.deputy_titles.town,
            &self.deputy_titles.township,
        ]
        .iter()
        .any(|h| h.as_str() == t)
            || self.government_posts.iter().any(|g| g == t)
    }

    fn is_congress_office(&self, t: &str) -> bool {
        t == self.congress_chair || t == self.congress_vice
    }
}

/// The people of the team holding `title`, as their `title` or in `concurrent`, each once, with
/// the span of the entry that names it.
fn titled<'a>(team: &[&'a Person], title: &str) -> Vec<(&'a Person, Span)> {
    team.iter()
        .filter_map(|p| {
            p.title
                .iter()
                .chain(p.concurrent.iter())
                .find(|t| t.value == title)
                .map(|t| (*p, t.span))
        })
        .collect()
}

impl RuleImpl for LeadershipComposition {
    type Params = Params;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let unit = &org.unit;
        let kind = unit.kind.value;
        let (Some(head), Some(deputy)) =
            (params.head_titles.get(kind), params.deputy_titles.get(kind))
        else {
            return;
        };
        let team: Vec<&Person> = org.leadership().collect();
        let file = org.file;
        let unit_id = &unit.id.value;
        let (k_en, k_zh) = (kind.en(), kind.zh());
        let kind_label = text!("a {k_en}", "{k_zh}");
        let missing = |title: &str, what_en: &str, what_zh: &str| {
            Finding::new(
                file,
                unit.span,
                text!(
                    "the leadership team has no {title} ({what_en})",
                    "领导班子中没有{title}（{what_zh}）"
                ),
            )
            .target(Target::unit(unit_id))
            .primary(text!("no {title} here", "此处无{title}"))
            .label(file, unit.kind.span, kind_label.clone())
            .help(text!(
                "add the {title} to the roster (a `[[person]]` with `body = \"{unit_id}\"` and `title = \"{title}\"`)",
                "在名册中补充{title}（`body = \"{unit_id}\"`、`title = \"{title}\"` 的 `[[person]]`）"
            ))
        };
        let too_many = |holders: &[(&Person, Span)], max: usize, title: &str| {
            let (over, span) = holders[max];
            let n = holders.len();
            let who = cx.who(over);
            let mut f = Finding::new(
                file,
                span,
                text!(
                    "the leadership team has {n} {title}; at most {max} allowed",
                    "领导班子中有{title} {n} 名，最多 {max} 名"
                ),
            )
            .target(Target::person(&over.id.value))
            .primary(text!(
                "{title} no. {no} ({who})",
                "第 {no} 名{title}（{who}）",
                no = max + 1
            ))
            .help(text!(
                "keep {max} {title}: give the others their actual titles",
                "只保留 {max} 名{title}，其余人员改为其实际职务"
            ));
            if let Some(&(_, first)) = holders.first().filter(|(_, s)| *s != span) {
                f = f.label(file, first, text!("first {title}", "第一名{title}"));
            }
            f
        };

        let heads = titled(&team, head);
        match heads.len() {
            0 => out.push(missing(head, "head of government", "政府正职")),
            1 => {}
            _ => out.push(too_many(&heads, 1, head)),
        }
        if titled(&team, deputy).is_empty() {
            out.push(missing(deputy, "deputy head of government", "政府副职"));
        }
        let chair = &params.congress_chair;
        let chairs = titled(&team, chair);
        match chairs.len() {
            0 => out.push(missing(chair, "people's congress chair", "人大主席")),
            1 => {}
            _ => out.push(too_many(&chairs, 1, chair)),
        }
        let vices = titled(&team, &params.congress_vice);
        let max_vice = params.max_congress_vice as usize;
        if vices.len() > max_vice {
            out.push(too_many(&vices, max_vice, &params.congress_vice));
        }

        // A congress officer holding a government post, in either order.
        for p in &team {
            let all: Vec<(&str, Span)> = p
                .title
                .iter()
                .chain(p.concurrent.iter())
                .map(|t| (t.value.as_str(), t.span))
                .collect();
            let Some(&(office, office_span)) =
                all.iter().find(|(t, _)| params.is_congress_office(t))
            else {
                continue;
            };
            let who = cx.who(p);
            for &(post, span) in all.iter().filter(|(t, _)| params.is_government_post(t)) {
                out.push(
                    Finding::new(
                        file,
                        span,
                        text!(
                            "person {who} is {office} and also holds the government post {post}",
                            "人员 {who} 任{office}，又兼任政府职务{post}"
                        ),
                    )
                    .target(Target::person(&p.id.value))
                    .primary(text!("government post {post}", "政府职务{post}"))
                    .label(
                        file,
                        office_span,
                        text!("people's congress office", "人大职务"),
                    )
                    .help(text!(
                        "a people's congress chair or vice chair may not hold a government post: give {post} to someone else",
                        "人大主席、副主席不得担任政府职务：由他人担任{post}"
                    )),
                );
            }
        }
    }
}
