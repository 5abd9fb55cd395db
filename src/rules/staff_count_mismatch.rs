use crate::base::diag::{Finding, Target};
use crate::base::source::Span;
use crate::model::{Establishment, Person};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A body that has both a `staff` table and roster entries (`[[person]]` with `body` naming it):
    /// for every establishment category (`none` included), the count in `staff` equals the number
    /// of roster entries of that category. A category the roster has but `staff` does not name
    /// counts as 0 in `staff`. An empty `staff = {}` says nothing and is not compared.
    ///
    /// ## Why
    /// File integrity: the two records of one body's headcount must agree, or the over-quota count
    /// (which trusts the roster where there is one) and the reader of the `staff` table see
    /// different bodies.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// staff = { administrative = 2 }   # the roster lists one
    ///
    /// [[person]]
    /// id = "SZ0040"
    /// body = "economy"
    /// establishment = "administrative"
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// staff = { administrative = 1 }
    ///
    /// [[person]]
    /// id = "SZ0040"
    /// body = "economy"
    /// establishment = "administrative"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 同时有 `staff` 表和实名名册人员的机构，各编制类别（含编外 `none`）的 `staff` 人数须与名册中
    /// 该类别人数一致。名册中有而 `staff` 未列的类别按 0 计；空的 `staff = {}` 不比较。
    ///
    /// ## 依据
    /// 文件完整性：同一机构的两份人数记录须一致，否则超编核算（有名册时以名册为准）与 `staff` 表的
    /// 读者看到的是两个不同的机构。
    pub struct StaffCountMismatch {
        code: "BZ106",
        name: "staff-count-mismatch",
        title: "人数与实名名册不符",
        short: ("人数不一致", "headcount mismatch"),
        level: Error,
        cite: ("文件完整性", "file integrity"),
        scope: All,
        examples: {
            "the roster lists one" => "名册中有一人",
        },
    }
}

impl RuleImpl for StaffCountMismatch {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        for b in &org.bodies {
            if b.staff.is_empty() {
                continue;
            }
            let roster: Vec<&Person> = org.persons_in(&b.id.value).collect();
            if roster.is_empty() {
                continue;
            }
            let id = &b.id.value;
            for &e in Establishment::ALL {
                let of_e: Vec<&Person> = roster
                    .iter()
                    .copied()
                    .filter(|p| p.establishment.value == e)
                    .collect();
                let listed = of_e.len();
                let entry = b.staff.entry(e);
                let counted = entry.map_or(0, |(_, v)| v.value as usize);
                if counted == listed {
                    continue;
                }
                let (en, zh) = (e.word(), e.zh());
                let (span, primary) = match entry {
                    Some((k, v)) => (
                        Span::new(k.span.start, v.span.end),
                        text!("`staff` says {counted}", "`staff` 填报 {counted} 名"),
                    ),
                    None => (b.staff.span, text!("no `{en}` entry", "未列{zh}")),
                };
                let mut f = Finding::new(
                    org.file,
                    span,
                    text!(
                        "body `{id}`: `staff` counts {counted} on `{en}`, but the roster lists {listed}",
                        "机构 `{id}`：`staff` 填报{zh} {counted} 名，但实名名册列有 {listed} 名"
                    ),
                )
                .target(Target::body(id))
                .primary(primary)
                .help(text!(
                    "set `staff.{en}` to {listed}, or correct the roster",
                    "将 `staff` 中{zh}人数改为 {listed}，或更正实名名册"
                ));
                f = match of_e.first() {
                    Some(p) if listed == 1 => f.label(
                        org.file,
                        p.establishment.span,
                        text!("the one roster entry on `{en}`", "名册中唯一一名{zh}"),
                    ),
                    Some(p) => f.label(
                        org.file,
                        p.establishment.span,
                        text!(
                            "first of {listed} roster entries on `{en}`",
                            "名册中{zh} {listed} 名的第一名"
                        ),
                    ),
                    None => f.label(
                        org.file,
                        roster[0].body.span,
                        text!(
                            "the roster lists {n} people here, 0 on `{en}`",
                            "名册列有 {n} 名，无{zh}",
                            n = roster.len()
                        ),
                    ),
                };
                out.push(f);
            }
        }
    }
}
