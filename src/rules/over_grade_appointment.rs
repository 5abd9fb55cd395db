use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Target};
use crate::base::i18n::Text;
use crate::model::{GradeSource, Person};
use crate::rules::titles::Reader;
use crate::rules::{FileCx, RuleImpl};
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
    /// Allowed: a principal — a person with a title part in `principal_titles`, in their `title`
    /// or a `concurrent` entry, read as unauthorized-title reads titles ("党委副书记、镇长" holds
    /// 镇长) — with `upper_post` set may hold one grade above the unit (a 正科 town's 党委书记
    /// promoted to 副处 into the county leadership while keeping the town post). Two grades above
    /// is still reported.
    ///
    /// Not compared: a person graded 股级 (a body grade, not a leadership grade), and a person on
    /// secondment (挂职: `seconded = true`, or every part of their `title` ending in （挂职）), whose
    /// grade is the one held at home.
    ///
    /// ## Why
    /// The Jiangsu opinions on developed towns (2017), 二(四)2, forbid “超机构规格提拔干部”
    /// (promotion above the grade of the body served); 二(四)1 lets a developed town's principals
    /// be promoted while keeping their posts:
    /// “可在职数规定范围内提拔为上一级领导班子成员并继续兼任现有职务”.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"          # 股级: directly under the unit, no grade written
    ///
    /// [[person]]
    /// id = "PW0040"
    /// body = "jjfz"
    /// establishment = "administrative"
    /// title = "局长"
    /// grade = "副科"               # above the bureau's 股级
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "PW0002"
    /// body = "pingwang"            # the leadership team of a 正科 town
    /// establishment = "administrative"
    /// title = "党委副书记、镇长"
    /// grade = "副处"               # one above the unit: a principal with upper_post
    /// upper_post = "吴江区人民政府副区长"
    /// ```
    ///
    /// ## Parameters
    /// - `principal_titles` (array of strings, default 党委书记, 镇长, 乡长, 党工委书记, 管委会主任,
    ///   办事处主任): the principals' titles, who may hold one grade above the unit when
    ///   `upper_post` is set.
    ///
    /// ## 检查内容
    /// 人员的 `grade` 不得高于其所在机构的规格；领导班子成员（`body` 为本单位 id）不得高于本单位的
    /// 级别。
    ///
    /// 机构规格取其 `grade`（直属机构未填写的为股级）；未填写规格的内设机构取上级机构的规格，逐级
    /// 向上，均未填写的取本单位级别。
    ///
    /// 例外：`title` 或 `concurrent` 中有一项职务在 `principal_titles` 之内的主要负责人（按
    /// unauthorized-title 的读法，“党委副书记、镇长”含镇长），设有 `upper_post` 的，可高于本单位
    /// 一个层次；高出两个层次仍予报告。
    ///
    /// 不比较：`grade` 为股级的人员（股级是机构规格，不是领导职务层次）；挂职人员（`seconded = true`，
    /// 或 `title` 各项均以 `（挂职）` 结尾），其层次为原单位所定。
    ///
    /// ## 依据
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》（中共江苏省委办公厅，2017）二(四)2：严禁
    /// “超机构规格提拔干部”；二(四)1：经济发达镇党政主要负责人
    /// “可在职数规定范围内提拔为上一级领导班子成员并继续兼任现有职务”。
    pub struct OverGradeAppointment {
        code: "BZ202",
        name: "over-grade-appointment",
        title: "超规格任职",
        short: ("超规格任职", "over-grade appointment"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（四）2、二（四）1", "Jiangsu DT Opinions 2017, II(4).2, II(4).1"),
        scope: Town,
        params: Params,
        examples: {
            "股级: directly under the unit, no grade written" => "股级：直属本单位，未写规格",
            "above the bureau's 股级" => "高于该机构的股级",
            "the leadership team of a 正科 town" => "正科级镇的领导班子",
            "one above the unit: a principal with upper_post" => "高于本单位一级：设有 upper_post 的主要负责人",
        },
    }
}

/// The default `principal_titles`: the party and government principals of a town, township,
/// subdistrict or merged zone.
pub const PRINCIPAL_TITLES: &[&str] = &[
    "党委书记",
    "镇长",
    "乡长",
    "党工委书记",
    "管委会主任",
    "办事处主任",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub principal_titles: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            principal_titles: PRINCIPAL_TITLES.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// Whether `p` holds a part in `principal_titles`, in their `title` or a `concurrent` entry.
pub fn is_principal(reader: &Reader<'_>, p: &Person, principal_titles: &[String]) -> bool {
    reader
        .parts(p)
        .iter()
        .any(|part| !part.seconded && reader.is_one_of(part.text, principal_titles))
}

impl RuleImpl for OverGradeAppointment {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let unit = &org.unit;
        let unit_grade = unit.grade.value;
        let (ug_en, ug_zh) = (unit_grade.word(), unit_grade.zh());
        let unit_grade_label = if unit.grade.span == unit.span {
            text!(
                "the unit's grade: {ug_en} (the default)",
                "本单位级别：{ug_zh}（默认）"
            )
        } else {
            text!("the unit's grade: {ug_en}", "本单位级别：{ug_zh}")
        };
        let reader = Reader::new(&cx.shared.titles, org, cx.source);
        for p in &org.persons {
            // 股级 is no leadership grade (公务员法 第十八条): nothing to compare.
            let Some(held) = p
                .grade
                .as_ref()
                .filter(|g| p.leadership_grade() == Some(g.value))
            else {
                continue;
            };
            // 挂职: the grade is the one held at home; the town appointed no one to it.
            if reader.takes_no_post(p) {
                continue;
            }
            let who = cx.who(p);
            let (h_en, h_zh) = (held.value.word(), held.value.zh());
            if p.body.value == unit.id.value {
                let principal = is_principal(&reader, p, &params.principal_titles);
                let allowed_up = principal && p.upper_post.is_some();
                let cap = if allowed_up {
                    unit_grade.one_up().unwrap_or(unit_grade)
                } else {
                    unit_grade
                };
                if !held.value.above(cap) {
                    continue;
                }
                let (u_en, u_zh) = (unit_grade.word(), unit_grade.zh());
                let (t_en, t_zh) = (
                    params.principal_titles.join(", "),
                    params.principal_titles.join("、"),
                );
                let (message, help): (Text, Text) = if allowed_up {
                    let (c_en, c_zh) = (cap.word(), cap.zh());
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
                            "set `grade` to {u_en} or below; only a principal ({t_en}) with `upper_post` may hold one grade above the unit",
                            "将 `grade` 改为{u_zh}或以下；只有设有 `upper_post` 的主要负责人（{t_zh}）可高于本单位一个层次",
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
            let (bg, bg_span, source) = org.effective_grade(body);
            if !held.value.above(bg) {
                continue;
            }
            let name = &body.name.value;
            let (b_en, b_zh) = (bg.word(), bg.zh());
            let label = match source {
                GradeSource::Own if bg_span == body.span => text!(
                    "body {name}: {b_en} (the default for a body directly under the unit)",
                    "{name}：{b_zh}（直属机构默认规格）"
                ),
                GradeSource::Own => text!("body {name}: {b_en}", "{name}规格：{b_zh}"),
                GradeSource::Body(a) => {
                    let above = &a.name.value;
                    text!(
                        "{name} has no grade of its own: {b_en}, from {above}",
                        "{name}未定规格，取上级机构{above}的{b_zh}"
                    )
                }
                GradeSource::Unit => unit_grade_label.clone(),
            };
            out.push(
                Finding::new(
                    org.file,
                    held.span,
                    text!(
                        "person {who} holds {h_en}, above the grade of body {name} ({b_en})",
                        "人员 {who} 任{h_zh}，高于所在机构{name}的规格{b_zh}（超规格提拔）"
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
