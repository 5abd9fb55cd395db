use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Target};
use crate::i18n::Text;
use crate::model::{Body, Grade, OrgFile};
use crate::rules::{FileCx, RuleImpl, RuleMeta};
use crate::source::Span;
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A person's `grade` is at most the grade of the body they sit in; for the leadership team
    /// (people whose `body` is the unit id), at most the unit's grade.
    ///
    /// A body's grade is its own `grade` (a body directly under the unit is 股级 unless it says
    /// otherwise). A sub-body without a `grade` of its own takes its parent body's grade, up the
    /// chain; where no body above it has one either, the unit's grade.
    ///
    /// Allowed exception: a principal of the leadership team — `title` in `principal_titles` —
    /// with `upper_post` set may hold one grade above the unit (a 正科 town's 党委书记 promoted to
    /// 副处 into the county leadership while keeping the town post). Two grades above is still
    /// reported.
    ///
    /// ## Why
    /// Seed 二(四)1, 二(四)2: 严禁超机构规格提拔干部 — nobody may be promoted above the grade of the
    /// body they serve; the seed lets the principals of an economically developed town be promoted
    /// within the county's post limits while keeping their town posts.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// grade = "副科"
    ///
    /// [[person]]
    /// id = "SZ0040"
    /// body = "economy"
    /// establishment = "administrative"
    /// grade = "正科"        # above the body's 副科
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "SZ0001"
    /// body = "shengze"       # the unit: the leadership team of a 正科 town
    /// establishment = "administrative"
    /// title = "党委书记"
    /// grade = "副处"        # one above the unit, allowed for a principal with upper_post
    /// upper_post = "吴江区委常委"
    /// ```
    ///
    /// ## Parameters
    /// - `principal_titles` (array of strings, default `["党委书记", "镇长"]`): the titles of the
    ///   leadership team's principals, who may hold one grade above the unit when `upper_post` is
    ///   set.
    ///
    /// ## 检查内容
    /// 人员的 `grade` 不得高于其所在机构的规格；领导班子成员（`body` 为本单位 id）不得高于本单位的
    /// 级别。
    ///
    /// 机构规格取其 `grade`（直属机构未填写的为股级）；未填写规格的内设机构取上级机构的规格，逐级
    /// 向上，均未填写的取本单位级别。
    ///
    /// 例外：领导班子主要负责人（`title` 在 `principal_titles` 中）设有 `upper_post` 的，可高于
    /// 本单位一个层次；高出两个层次仍予报告。
    ///
    /// ## 依据
    /// 《意见》二(四)1、二(四)2：严禁超机构规格提拔干部；经济发达镇主要负责人可在县级领导职数内
    /// 提拔并保留原职务。
    pub struct OverGradeAppointment {
        code: "BZ202",
        name: "over-grade-appointment",
        level: Error,
        cite: ("苏发达镇意见 二(四)2、二(四)1", "Jiangsu DT Opinions 2017, II(4).2, II(4).1"),
        scope: Town,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub principal_titles: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            principal_titles: vec!["党委书记".to_string(), "镇长".to_string()],
        }
    }
}

/// Where a body's grade comes from.
#[derive(Debug, Clone, Copy)]
pub enum GradeSource<'a> {
    /// The body's own `grade` (or the 股级 default of a top-level body).
    Own,
    /// Inherited from this body above it.
    Body(&'a Body),
    /// No body in the chain has a grade: the unit's.
    Unit,
}

/// A body's effective grade and the span it comes from: its own `grade`, else its nearest
/// ancestor's, else the unit's. A cycle (BZ010's) or an unknown parent (BZ009's) ends the walk at
/// the unit's grade.
pub fn effective_grade<'a>(org: &'a OrgFile, b: &'a Body) -> (Grade, Span, GradeSource<'a>) {
    let mut cur = b;
    for _ in 0..=org.bodies.len() {
        if let Some(g) = &cur.grade {
            let source = if std::ptr::eq(cur, b) {
                GradeSource::Own
            } else {
                GradeSource::Body(cur)
            };
            return (g.value, g.span, source);
        }
        match cur.parent.as_ref().and_then(|p| org.body(&p.value)) {
            Some(parent) => cur = parent,
            None => break,
        }
    }
    (org.unit.grade.value, org.unit.grade.span, GradeSource::Unit)
}

impl RuleImpl for OverGradeAppointment {
    type Params = Params;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let unit = &org.unit;
        let unit_grade = unit.grade.value;
        let (ug_en, ug_zh) = (unit_grade.en(), unit_grade.zh());
        let unit_grade_label = if unit.grade.span == unit.span {
            text!(
                "the unit's grade: {ug_en} (the default)",
                "本单位级别：{ug_zh}（默认）"
            )
        } else {
            text!("the unit's grade: {ug_en}", "本单位级别：{ug_zh}")
        };
        for p in &org.persons {
            let Some(held) = &p.grade else { continue };
            let who = cx.who(p);
            let (h_en, h_zh) = (held.value.en(), held.value.zh());
            if p.body.value == unit.id.value {
                let principal = p
                    .title
                    .as_ref()
                    .is_some_and(|t| params.principal_titles.contains(&t.value));
                let allowed_up = principal && p.upper_post.is_some();
                let cap = if allowed_up {
                    unit_grade.one_up().unwrap_or(unit_grade)
                } else {
                    unit_grade
                };
                if !held.value.above(cap) {
                    continue;
                }
                let (u_en, u_zh) = (unit_grade.en(), unit_grade.zh());
                let (message, help): (Text, Text) = if allowed_up {
                    let (c_en, c_zh) = (cap.en(), cap.zh());
                    (
                        text!(
                            "person {who} of the leadership team holds {h_en}, more than one grade above the unit's {u_en}",
                            "领导班子成员 {who} 任{h_zh}，比本单位级别{u_zh}高出不止一个层次"
                        ),
                        text!(
                            "a principal with `upper_post` may hold at most {c_en}: correct `grade`",
                            "设有 `upper_post` 的主要负责人最高可任{c_zh}：请更正 `grade`"
                        ),
                    )
                } else {
                    (
                        text!(
                            "person {who} of the leadership team holds {h_en}, above the unit's grade {u_en}",
                            "领导班子成员 {who} 任{h_zh}，高于本单位级别{u_zh}（超规格提拔）"
                        ),
                        text!(
                            "set `grade` to {u_en} or below; only a principal ({titles}) with `upper_post` may hold one grade above the unit",
                            "将 `grade` 改为{u_zh}或以下；只有设有 `upper_post` 的主要负责人（{titles}）可高于本单位一个层次",
                            titles = params.principal_titles.join(", ")
                        ),
                    )
                };
                let mut f = Finding::new(org.file, held.span, message)
                    .target(Target::person(&p.id.value))
                    .primary(text!("{h_en}", "{h_zh}"))
                    .label(org.file, unit.grade.span, unit_grade_label.clone())
                    .help(help);
                if let (true, Some(up)) = (allowed_up, &p.upper_post) {
                    f = f.label(
                        org.file,
                        up.span,
                        text!(
                            "upper post: one grade above the unit allowed",
                            "兼任上级职务：可高于本单位一个层次"
                        ),
                    );
                }
                out.push(f);
                continue;
            }
            // An unknown body is BZ009's.
            let Some(body) = org.body(&p.body.value) else {
                continue;
            };
            let (bg, bg_span, source) = effective_grade(org, body);
            if !held.value.above(bg) {
                continue;
            }
            let id = &body.id.value;
            let (b_en, b_zh) = (bg.en(), bg.zh());
            let label = match source {
                GradeSource::Own if bg_span == body.span => text!(
                    "body `{id}`: {b_en} (the default for a body directly under the unit)",
                    "机构 `{id}`：{b_zh}（直属机构默认规格）"
                ),
                GradeSource::Own => text!("body `{id}`: {b_en}", "机构 `{id}` 规格：{b_zh}"),
                GradeSource::Body(a) => {
                    let aid = &a.id.value;
                    text!(
                        "`{id}` has no grade of its own: {b_en}, from `{aid}`",
                        "`{id}` 未定规格，取上级机构 `{aid}` 的{b_zh}"
                    )
                }
                GradeSource::Unit => unit_grade_label.clone(),
            };
            out.push(
                Finding::new(
                    org.file,
                    held.span,
                    text!(
                        "person {who} holds {h_en}, above the grade of body `{id}` ({b_en})",
                        "人员 {who} 任{h_zh}，高于所在机构 `{id}` 的规格{b_zh}（超规格提拔）"
                    ),
                )
                .target(Target::person(&p.id.value))
                .primary(text!("{h_en}", "{h_zh}"))
                .label(org.file, bg_span, label)
                .help(text!(
                    "set `grade` to {b_en} or below, or move the person to a post of their grade",
                    "将 `grade` 改为{b_zh}或以下，或将其调整到与其层次相符的岗位"
                )),
            );
        }
    }
}
