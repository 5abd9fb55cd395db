use crate::base::diag::{Finding, Target};
use crate::model::{Body, BodyKind, Category, OrgFile};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Actual staff do not exceed the approved establishment (超编), per body and per unit, per
    /// category.
    ///
    /// - **A body**: for each category its `quota` names, the people of that category in the body.
    ///   They are its roster entries (`[[person]]` with `body` = the body's id) where it has any, its
    ///   `staff` table otherwise. Staff in categories the quota does not name are BZ105's. This
    ///   applies to dispatched bodies too, where they declare a `quota`.
    /// - **The unit**: for every category (one `[quota]` does not write counts as 0), the leadership
    ///   team (persons whose `body` is the unit id) plus the roster entries or `staff` of every body
    ///   except dispatched ones (their staff hold the county department's establishment; their
    ///   sub-bodies are left out with them).
    ///
    /// People with establishment `none` (编外) occupy no category and are never counted. Each body
    /// counts its own people: a sub-body's staff are not added to its parent body's.
    ///
    /// ## Why
    /// State Council Decree 486 (《地方各级人民政府机构设置和编制管理条例》, 2007), art. 6:
    /// “机构实有人员不得突破规定的编制” — the actual staff of a body may not exceed its approved
    /// establishment; the unit's staff as a whole, likewise, may not exceed the unit's.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "economy"          # reported here: 2 administrative staff, quota 1
    /// name = "经济发展局"
    /// kind = "functional"
    /// quota = { administrative = 1 }
    /// staff = { administrative = 2 }
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// quota = { administrative = 2 }
    /// staff = { administrative = 2, none = 3 }   # 编外 occupy no establishment
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 按编制类别，机构和本单位的实有人员均不得超过核定编制（超编）。机构：仅比较其 `quota` 列出的
    /// 类别，有实名制名册条目的按名册计，否则按 `staff` 计；其他类别的人员由 BZ105 检查；派驻机构声明了
    /// `quota` 的同样比较。本单位：按 `[quota]` 的各类别（未写的类别为 0），计领导班子成员加上除派驻机构
    /// （及其内设机构）外所有机构的名册或 `staff` 人数。编外人员不占编制，不计入；内设机构的人员不计入
    /// 其上级机构。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第六条：
    /// “机构实有人员不得突破规定的编制”。机构如此，本单位整体亦然。
    pub struct OverQuota {
        code: "BZ101",
        name: "over-quota",
        title: "超编",
        short: ("超编", "over quota"),
        level: Error,
        cite: ("国务院令第486号 第六条", "State Council Decree 486, art. 6"),
        scope: Town,
        examples: {
            "reported here: 2 administrative staff, quota 1" => "在此报告：行政编制人员 2 名，核定 1 名",
            "编外 occupy no establishment" => "编外人员不占编制",
        },
    }
}

/// The people of `cat` in body `b`: its roster entries where it has any, its `staff` otherwise.
pub fn body_staff(org: &OrgFile, b: &Body, cat: Category) -> u64 {
    let mut roster = org.persons_in(&b.id.value).peekable();
    if roster.peek().is_some() {
        roster
            .filter(|p| p.establishment.value.category() == Some(cat))
            .count() as u64
    } else {
        u64::from(b.staff.get(cat.into()))
    }
}

/// Whether `b` is a dispatched body or lies under one (its staff hold the county's establishment).
pub fn under_dispatched(org: &OrgFile, b: &Body) -> bool {
    let mut at = b;
    // Bounded walk: a cycle of parents (BZ010's) must not loop forever.
    for _ in 0..=org.bodies.len() {
        if at.kind.value == BodyKind::Dispatched {
            return true;
        }
        match at.parent.as_ref().and_then(|p| org.body(&p.value)) {
            Some(parent) => at = parent,
            None => return false,
        }
    }
    false
}

/// The unit's actual staff of `cat`: the leadership team and every body except dispatched ones.
/// Returns (leadership team, bodies).
pub fn unit_staff(org: &OrgFile, cat: Category) -> (u64, u64) {
    let team = org
        .leadership()
        .filter(|p| p.establishment.value.category() == Some(cat))
        .count() as u64;
    let bodies = org
        .bodies
        .iter()
        .filter(|b| !under_dispatched(org, b))
        .map(|b| body_staff(org, b, cat))
        .sum();
    (team, bodies)
}

impl RuleImpl for OverQuota {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        for b in &org.bodies {
            for (cat, quota) in &b.quota.entries {
                let cat = cat.value;
                let actual = body_staff(org, b, cat);
                let q = quota.value;
                if actual <= u64::from(q) {
                    continue;
                }
                let name = &b.name.value;
                let (cat_en, cat_zh) = (cat.word(), cat.zh());
                let from_roster = org.persons_in(&b.id.value).next().is_some();
                let source = if from_roster {
                    text!("counted from the roster", "按实名制名册计")
                } else {
                    text!("from its `staff` table", "按 `staff` 表计")
                };
                let (src_en, src_zh) = (&source.en, &source.zh);
                let excess = actual - u64::from(q);
                out.push(
                    Finding::new(
                        org.file,
                        b.span,
                        text!(
                            "{name}: {actual} {cat_en} staff against {q} approved: {excess} over",
                            "{name}实有{cat_zh}人员 {actual} 名，核定 {q} 名，超编 {excess} 名"
                        ),
                    )
                    .target(Target::body(&b.id.value))
                    .primary(text!(
                        "{actual} {cat_en} staff, {src_en}",
                        "{cat_zh}实有 {actual} 名（{src_zh}）"
                    ))
                    .label(
                        org.file,
                        quota.span,
                        text!("{cat_en} quota: {q}", "{cat_zh}核定 {q} 名"),
                    )
                    .help(text!(
                        "move or let go {excess} {cat_en} staff, or have the body's quota raised by the approving authority",
                        "调出或分流 {excess} 名{cat_zh}人员，或报批增加该机构的编制"
                    )),
                );
            }
        }

        let unit_name = &org.unit.name.value;
        for &cat in Category::ALL {
            let (team, bodies) = unit_staff(org, cat);
            let actual = team + bodies;
            let q = org.quota.get(cat);
            if actual <= u64::from(q) {
                continue;
            }
            let (cat_en, cat_zh) = (cat.word(), cat.zh());
            let span = org.quota.value_span(cat);
            let excess = actual - u64::from(q);
            let mut f = Finding::new(
                org.file,
                span,
                text!(
                    "{unit_name}: {actual} {cat_en} staff against {q} approved: {excess} over",
                    "{unit_name}实有{cat_zh}人员 {actual} 名，核定 {q} 名，超编 {excess} 名"
                ),
            )
            .target(Target::unit(&org.unit.id.value))
            .primary(if org.quota.names(cat) {
                text!(
                    "{cat_en} quota: {q}; actual {actual} (leadership team {team}, bodies {bodies})",
                    "{cat_zh}核定 {q} 名，实有 {actual} 名（领导班子 {team} 名，各机构 {bodies} 名）"
                )
            } else {
                text!(
                    "no {cat_en} quota; actual {actual} (leadership team {team}, bodies {bodies})",
                    "未核定{cat_zh}，实有 {actual} 名（领导班子 {team} 名，各机构 {bodies} 名）"
                )
            })
            .help(text!(
                "move or let go {excess} {cat_en} staff, or have the unit's `[quota]` raised by the approving authority",
                "调出或分流 {excess} 名{cat_zh}人员，或报批增加本单位 `[quota]` 的编制"
            ));
            if let Some(first) = org
                .bodies
                .iter()
                .find(|b| !under_dispatched(org, b) && body_staff(org, b, cat) > 0)
            {
                f = f.label(
                    org.file,
                    first.span,
                    text!("first body counted", "计入的第一个机构"),
                );
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::{FileId, SourceFile};
    use crate::load::{load_org, Loaded};

    fn org(text: &str) -> OrgFile {
        let src = SourceFile::new("t.toml", text);
        match load_org(FileId(0), &src, true) {
            Loaded::Org(o) => *o,
            _ => panic!("fixture does not load"),
        }
    }

    const FILE: &str = r#"
[unit]
id = "t"
name = "某镇"
kind = "town"
as_of = 2020-01-01

[quota]
administrative = 5

[[body]]
id = "roster"
name = "有名册"
kind = "functional"
quota = { administrative = 1 }
staff = { administrative = 9 }   # ignored: the body has roster entries

[[body]]
id = "table"
name = "无名册"
kind = "functional"
staff = { administrative = 2, institution = 1, none = 4 }

[[body]]
id = "pcs"
name = "派出所"
kind = "dispatched"
staff = { administrative = 7 }

[[body]]
id = "pcs-sub"
name = "派出所内设"
kind = "functional"
parent = "pcs"
staff = { administrative = 3 }

[[person]]
id = "a"
body = "roster"
establishment = "administrative"

[[person]]
id = "b"
body = "roster"
establishment = "none"

[[person]]
id = "lead"
body = "t"
establishment = "administrative"

[[person]]
id = "lead2"
body = "t"
establishment = "none"
"#;

    #[test]
    fn a_body_counts_its_roster_where_it_has_one_and_its_staff_table_otherwise() {
        let o = org(FILE);
        let roster = o.body("roster").unwrap();
        let table = o.body("table").unwrap();
        assert_eq!(body_staff(&o, roster, Category::Administrative), 1);
        assert_eq!(body_staff(&o, table, Category::Administrative), 2);
        assert_eq!(body_staff(&o, table, Category::Institution), 1);
        assert_eq!(body_staff(&o, table, Category::Worker), 0);
    }

    #[test]
    fn the_unit_counts_its_team_and_bodies_but_not_dispatched_ones_or_none() {
        let o = org(FILE);
        assert!(under_dispatched(&o, o.body("pcs-sub").unwrap()));
        assert!(!under_dispatched(&o, o.body("table").unwrap()));
        // Team: lead (lead2 is 编外). Bodies: roster 1 + table 2; pcs and its sub-body left out.
        assert_eq!(unit_staff(&o, Category::Administrative), (1, 3));
        assert_eq!(unit_staff(&o, Category::Institution), (0, 1));
    }

    #[test]
    fn only_the_unit_is_over_here() {
        let o = org(&FILE.replace("administrative = 5", "administrative = 3"));
        let ws = crate::workspace::Workspace::default();
        let shared = crate::rules::Shared::default();
        let src = SourceFile::new("t.toml", "");
        let cx = FileCx {
            ws: &ws,
            idx: 0,
            org: &o,
            source: &src,
            baseline: None,
            shared: &shared,
            slot: Default::default(),
        };
        let mut out = Vec::new();
        OverQuota::check_file(&NoParams {}, &cx, &mut out);
        let targets: Vec<String> = out
            .iter()
            .filter_map(|f| f.target.as_ref().map(ToString::to_string))
            .collect();
        // administrative: 4 > 3; institution: 1 > 0 (not written: 0).
        assert_eq!(targets, ["unit:t", "unit:t"]);
    }
}
