use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::diag::{Finding, Target};
use crate::base::source::Sp;
use crate::model::{Body, BodyKind, Grade, OrgFile};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A body's grade (机构规格) is below its unit's grade, and a sub-body (with a `parent`) that has
    /// a grade is also below its parent body's grade; where the parent has no grade of its own, the
    /// nearest body above it that has one counts. Where a pack sets `max_body_grade`, a body is also
    /// at most that grade; there is no such ceiling by default (a 副处 town, such as one merged with
    /// a development zone, has 正科 bureaus). Each body is reported once, for the first of these it
    /// fails.
    ///
    /// Bodies directly under the unit are `股级` unless they say otherwise; a sub-body without a
    /// grade is not checked. Dispatched bodies are graded by the department that sends them, not by
    /// the unit, and are not checked.
    ///
    /// ## Why
    /// State Council Decree 486 (《地方各级人民政府机构设置和编制管理条例》, 2007), art. 26(1),
    /// counts “变更规格” (changing a body's grade without approval) among the breaches of
    /// establishment discipline. A town's bodies rank below the town itself, and inside
    /// a body below that body; a grade at or above it was not approved for a body of the town.
    ///
    /// ## Example
    /// ```toml
    /// [unit]
    /// name = "黎里镇"
    /// grade = "正科"
    /// # …
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"
    /// grade = "正科"          # same grade as the town
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [unit]
    /// name = "盛泽镇"
    /// grade = "副处"          # merged with its development zone
    /// # …
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"
    /// grade = "正科"
    /// [[body]]
    /// id = "jjfz-zs"
    /// name = "招商科"
    /// kind = "functional"
    /// parent = "jjfz"
    /// grade = "副科"          # below its parent
    /// ```
    ///
    /// ## Parameters
    /// - `max_body_grade` (grade, no default; `"副科"` or `"deputy_section"` …): where a pack sets
    ///   it, the highest grade a body of the unit may have.
    ///
    /// ## 检查内容
    /// 机构规格低于本单位的级别；有规格的内设机构还须低于其上级机构的规格（上级机构无规格时，以再
    /// 上一级有规格的机构为准）。规则包设定 `max_body_grade` 时，机构规格还不得高于该规格；默认不设
    /// 上限（副处级的镇，如区镇合一的镇，可设正科级机构）。每个机构只报告其不符合的第一项。
    ///
    /// 直属机构未写规格的按 `股级`；未写规格的内设机构不检查。派驻机构的规格由派出部门确定，不检查。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第二十六条第(一)项：擅自
    /// “变更规格”属违反机构编制纪律的行为。镇的机构规格低于镇，内设机构低于所在机构。
    pub struct BodyOverGrade {
        code: "BZ003",
        name: "body-over-grade",
        title: "机构规格不得超标",
        short: ("机构规格超标", "body grade too high"),
        level: Error,
        cite: ("国务院令第486号 第二十六条第（一）项", "State Council Decree 486, art. 26(1)"),
        scope: Town,
        params: Params,
        optional_params: r#"max_body_grade = "副科""#,
        examples: {
            "same grade as the town" => "与本镇同级",
            "merged with its development zone" => "与开发区合一",
            "below its parent" => "低于所属机构",
        },
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// The highest grade a body may have, where a pack sets one.
    #[serde(
        serialize_with = "ser_grade",
        deserialize_with = "de_grade",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_body_grade: Option<Grade>,
}

fn ser_grade<S: Serializer>(g: &Option<Grade>, s: S) -> Result<S::Ok, S::Error> {
    match g {
        Some(g) => s.serialize_str(g.zh()),
        None => s.serialize_none(),
    }
}

fn de_grade<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Grade>, D::Error> {
    let raw = String::deserialize(d)?;
    Grade::parse(&raw).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown grade `{raw}`; expected one of {}",
            Grade::accepted().join(", ")
        ))
    })
}

/// The grade a sub-body is compared against: its parent's, or where the parent has none, the
/// nearest body above with one. `None` when the chain breaks (a dangling `parent`, BZ009) or loops
/// (BZ010).
fn parent_grade<'a>(org: &'a OrgFile, body: &Body) -> Option<(&'a Body, &'a Sp<Grade>)> {
    let mut parent = body.parent.as_ref()?;
    for _ in 0..org.bodies.len() {
        let p = org.body(&parent.value)?;
        if let Some(g) = &p.grade {
            return Some((p, g));
        }
        parent = p.parent.as_ref()?;
    }
    None
}

impl RuleImpl for BodyOverGrade {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for body in &cx.org.bodies {
            if body.kind.value == BodyKind::Dispatched {
                continue;
            }
            if let Some(f) = check_body(params, cx, body) {
                out.push(f);
            }
        }
    }
}

/// The first condition `body` fails, as a finding.
fn check_body(params: &Params, cx: &FileCx<'_>, body: &Body) -> Option<Finding> {
    let file = cx.org.file;
    let unit = &cx.org.unit;
    let unit_grade = unit.grade.value;
    let grade = body.grade.as_ref()?;
    let g = grade.value;
    let id = &body.id.value;
    let bname = &body.name.value;
    let (g_en, g_zh) = (g.word(), g.zh());
    let at = |message| Finding::new(file, grade.span, message).target(Target::body(id));

    if !unit_grade.above(g) {
        let (u_en, u_zh) = (unit_grade.word(), unit_grade.zh());
        // The highest grade that passes both the unit's and the pack's limits.
        let floor = params.max_body_grade.map_or(0, |m| m.index());
        let fix = Grade::ALL.get((unit_grade.index() + 1).max(floor));
        let (f_en, f_zh) = fix.map_or(
            (std::borrow::Cow::Borrowed("a lower grade"), "更低的规格"),
            |f| (f.word(), f.zh()),
        );
        return Some(
            at(text!(
                "body `{id}` is {g_en}, not below its unit's grade {u_en}",
                "{bname}规格为{g_zh}，未低于本单位级别{u_zh}"
            ))
            .primary(text!("{g_en}, not below {u_en}", "{g_zh}，未低于{u_zh}"))
            .label(
                file,
                unit.grade.span,
                text!("the unit's grade: {u_en}", "本单位级别：{u_zh}"),
            )
            .help(text!(
                "set the body's `grade` to {f_en} or lower",
                "将该机构的 `grade` 降为{f_zh}或以下"
            )),
        );
    }

    if let Some(max) = params.max_body_grade.filter(|&m| g.above(m)) {
        let (m_en, m_zh) = (max.word(), max.zh());
        return Some(
            at(text!(
                "body `{id}` is {g_en}, above the highest grade allowed for a body, {m_en}",
                "{bname}规格为{g_zh}，超过机构规格上限{m_zh}"
            ))
            .primary(text!("{g_en}, above {m_en}", "{g_zh}，高于{m_zh}"))
            .label(file, body.span, text!("the body", "该机构"))
            .help(text!(
                "set the body's `grade` to {m_en} or lower (the pack's `max_body_grade`)",
                "将该机构的 `grade` 降为{m_zh}或以下（规则包 `max_body_grade`）"
            )),
        );
    }

    let (above, pg) = parent_grade(cx.org, body)?;
    let p = pg.value;
    if p.above(g) {
        return None;
    }
    let (pid, pname) = (&above.id.value, &above.name.value);
    let (p_en, p_zh) = (p.word(), p.zh());
    let direct = body
        .parent
        .as_ref()
        .filter(|d| d.value != *pid)
        .and_then(|d| cx.org.body(&d.value));
    let message = match direct {
        None => text!(
            "sub-body `{id}` is {g_en}, not below its parent body `{pid}` ({p_en})",
            "内设机构{bname}规格为{g_zh}，未低于上级机构{pname}（{p_zh}）"
        ),
        Some(_) => text!(
            "sub-body `{id}` is {g_en}, not below `{pid}` ({p_en}), the nearest body above it with a grade",
            "内设机构{bname}规格为{g_zh}，未低于其上最近的有规格机构{pname}（{p_zh}）"
        ),
    };
    let help = match Grade::ALL.get(p.index() + 1) {
        Some(f) => {
            let (f_en, f_zh) = (f.word(), f.zh());
            text!(
                "set the sub-body's `grade` to {f_en} or lower, or remove it",
                "将该内设机构的 `grade` 降为{f_zh}或以下，或不设规格"
            )
        }
        None => text!(
            "remove the sub-body's `grade`: no grade ranks below {p_en}",
            "删除该内设机构的 `grade`：已无低于{p_zh}的规格"
        ),
    };
    let mut finding = at(message)
        .primary(text!("{g_en}, not below {p_en}", "{g_zh}，未低于{p_zh}"))
        .label(
            file,
            pg.span,
            text!("body `{pid}` is {p_en}", "{pname}规格为{p_zh}"),
        );
    if let Some(d) = direct {
        finding = finding.label(file, d.span, {
            let (did, dname) = (&d.id.value, &d.name.value);
            text!(
                "its parent `{did}` has no grade of its own",
                "其上级机构{dname}未设规格"
            )
        });
    }
    Some(finding.help(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_accept_both_spellings_and_have_no_default_ceiling() {
        let p: Params = toml::from_str(r#"max_body_grade = "deputy_section""#).unwrap();
        assert_eq!(p.max_body_grade, Some(Grade::DeputySection));
        let p: Params = toml::from_str(r#"max_body_grade = "正科""#).unwrap();
        assert_eq!(p.max_body_grade, Some(Grade::Section));
        assert!(toml::from_str::<Params>(r#"max_body_grade = "局级""#).is_err());
        assert_eq!(Params::default().max_body_grade, None);
        let t = toml::Table::try_from(Params::default()).unwrap();
        assert!(t.get("max_body_grade").is_none());
        let t = toml::Table::try_from(Params {
            max_body_grade: Some(Grade::DeputySection),
        })
        .unwrap();
        assert_eq!(t["max_body_grade"].as_str(), Some("副科"));
    }
}
