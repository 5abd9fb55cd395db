use crate::base::diag::{Finding, Target};
use crate::base::source::Span;
use crate::model::{Body, Category, Counts, OrgFile};
use crate::rules::over_quota::under_dispatched;
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A person occupies an establishment category for which their body has a quota (the unit's
    /// `[quota]`, for the leadership team). A person of category `institution` in a body allocated
    /// only `administrative` establishment is mixed establishment (混编混岗). People with
    /// establishment `none` occupy none and are not checked; dispatched bodies are not checked
    /// (their staff hold the county department's establishment). A body without roster entries is
    /// checked through its `staff` table instead: every category it counts needs a quota.
    ///
    /// Sub-bodies under a dispatched body are left out with it, as BZ101 and BZ102 leave them out.
    /// A sub-body (内设机构) that declares no `quota` table of its own uses the quota of the nearest
    /// body above it that declares one: its staff sit on its parent body's establishment. A quota
    /// entry of 0 is no quota.
    ///
    /// ## Why
    /// State Council Decree 486 (《地方各级人民政府机构设置和编制管理条例》, 2007), art. 15:
    /// “不得混用、挤占、挪用或者自行设定其他类别的编制” — establishment is approved per category,
    /// and people of one category may not fill the establishment of another.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// quota = { administrative = 5 }
    ///
    /// [[person]]
    /// id = "SZ0040"
    /// body = "economy"
    /// establishment = "institution"   # the body has no institution quota
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// quota = { administrative = 5, institution = 2 }
    ///
    /// [[person]]
    /// id = "SZ0040"
    /// body = "economy"
    /// establishment = "institution"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 人员所占编制类别须为其所在机构核定有编制的类别（领导班子成员以本单位 `[quota]` 为准），
    /// 否则为混编混岗。编外人员不占编制，不检查；派驻机构不检查（其人员占用县级部门编制）。没有
    /// 实名名册的机构按其 `staff` 表检查：所列每一类人员都须有相应编制。
    ///
    /// 派驻机构的内设机构同样不检查。未单独核定 `quota` 的内设机构，按其上级机构中最近一个核定了 `quota` 的机构检查。核定数为 0
    /// 视为未核定。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第十五条：
    /// “不得混用、挤占、挪用或者自行设定其他类别的编制”。编制按类别核定，不得以一类编制的人员占用另
    /// 一类编制。
    pub struct EstablishmentMismatch {
        code: "BZ105",
        name: "establishment-mismatch",
        title: "混编混岗",
        short: ("编制类别不符", "category not approved"),
        level: Error,
        cite: ("国务院令第486号 第十五条", "State Council Decree 486, art. 15"),
        scope: Town,
        examples: {
            "the body has no institution quota" => "该机构没有核定事业编制",
        },
    }
}

impl RuleImpl for EstablishmentMismatch {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let unit_id = &org.unit.id.value;
        for p in &org.persons {
            let Some(cat) = p.establishment.value.category() else {
                continue;
            };
            let holder = if p.body.value == *unit_id {
                Holder::Unit
            } else {
                match org.body(&p.body.value) {
                    // An unknown body is BZ009's.
                    None => continue,
                    Some(b) if under_dispatched(org, b) => continue,
                    Some(b) => Holder::Body(quota_holder(org, b)),
                }
            };
            let quota = holder.quota(org);
            if quota.get(cat) > 0 {
                continue;
            }
            let who = cx.who(p);
            let (en, zh) = (cat.word(), cat.zh());
            let (where_en, where_zh) = holder.name(&p.body.value);
            out.push(
                Finding::new(
                    org.file,
                    p.establishment.span,
                    text!(
                        "person {who} occupies {en} establishment, but {where_en} has no {en} quota",
                        "人员 {who} 占用{zh}，但{where_zh}未核定{zh}（混编混岗）"
                    ),
                )
                .target(Target::person(&p.id.value))
                .primary(text!("{en} establishment", "{zh}"))
                .label(org.file, holder.label_span(org), quota_label(quota))
                .help(text!(
                    "move the person to a post of a category {where_en} holds, or have {en} establishment allocated to it",
                    "将该人员调整到{where_zh}所核定类别的岗位，或按程序为其核定{zh}"
                )),
            );
        }
        // Bodies that keep no roster: their `staff` table says who occupies what.
        for b in &org.bodies {
            if under_dispatched(org, b) || org.persons_in(&b.id.value).next().is_some() {
                continue;
            }
            let holder = Holder::Body(quota_holder(org, b));
            let quota = holder.quota(org);
            for (k, v) in &b.staff.entries {
                let Some(cat) = k.value.category() else {
                    continue;
                };
                if v.value == 0 || quota.get(cat) > 0 {
                    continue;
                }
                let (en, zh, n) = (cat.word(), cat.zh(), v.value);
                let id = &b.id.value;
                let bname = &b.name.value;
                let (where_en, where_zh) = match &holder {
                    Holder::Body((h, true)) => {
                        let (hid, hname) = (&h.id.value, &h.name.value);
                        (
                            format!("body `{hid}`, on whose quota it sits,"),
                            format!("其所用编制的{hname}"),
                        )
                    }
                    _ => ("the body".to_string(), "该机构".to_string()),
                };
                out.push(
                    Finding::new(
                        org.file,
                        Span::new(k.span.start, v.span.end),
                        text!(
                            "body `{id}` counts {n} staff of {en} establishment, but {where_en} has no {en} quota",
                            "{bname}有{zh}人员 {n} 名，但{where_zh}未核定{zh}（混编混岗）"
                        ),
                    )
                    .target(Target::body(id))
                    .primary(text!("{n} on {en} establishment", "{zh} {n} 名"))
                    .label(org.file, holder.label_span(org), quota_label(quota))
                    .help(text!(
                        "staff the body from the categories it holds, or have {en} establishment allocated to it",
                        "按该机构核定的编制类别配备人员，或按程序为其核定{zh}"
                    )),
                );
            }
        }
    }
}

/// Whose quota a person's establishment is compared against.
enum Holder<'a> {
    Unit,
    /// The body that holds the quota, and whether it is an ancestor of the person's own body.
    Body((&'a Body, bool)),
}

impl<'a> Holder<'a> {
    fn quota(&self, org: &'a OrgFile) -> &'a Counts<Category> {
        match self {
            Holder::Unit => &org.quota,
            Holder::Body((b, _)) => &b.quota,
        }
    }

    /// How the message names the holder: "the leadership team's unit", "body `x`".
    fn name(&self, own: &str) -> (String, String) {
        match self {
            Holder::Unit => ("the unit".to_string(), "本单位".to_string()),
            Holder::Body((b, false)) => {
                let (id, name) = (&b.id.value, &b.name.value);
                (format!("body `{id}`"), name.clone())
            }
            Holder::Body((b, true)) => {
                let (id, name) = (&b.id.value, &b.name.value);
                (
                    format!("body `{own}` (on the quota of `{id}`)"),
                    format!("机构 `{own}`（使用{name}的编制）"),
                )
            }
        }
    }

    /// Where the label points: the quota table, or the header of its owner when it has none.
    fn label_span(&self, org: &OrgFile) -> Span {
        let q = self.quota(org);
        if q.present {
            return q.span;
        }
        match self {
            Holder::Unit => org.unit.span,
            Holder::Body((b, _)) => b.span,
        }
    }
}

fn quota_label(q: &Counts<Category>) -> crate::base::i18n::Text {
    let named: Vec<_> = q.entries.iter().filter(|(_, v)| v.value > 0).collect();
    if named.is_empty() {
        return text!("no establishment allocated", "未核定编制");
    }
    let en = named
        .iter()
        .map(|(k, v)| format!("{} {}", k.value.en(), v.value))
        .collect::<Vec<_>>()
        .join(", ");
    let zh = named
        .iter()
        .map(|(k, v)| format!("{} {}", k.value.zh(), v.value))
        .collect::<Vec<_>>()
        .join("、");
    text!("quota allocated: {en}", "核定编制：{zh}")
}

/// The body whose quota covers `b`: `b` itself, or for a sub-body without a `quota` table, the
/// nearest body above it that has one (its own self when none does). The walk stops at a cycle
/// (BZ010's) or an unknown parent (BZ009's).
fn quota_holder<'a>(org: &'a OrgFile, b: &'a Body) -> (&'a Body, bool) {
    let mut cur = b;
    let mut steps = 0;
    while !cur.quota.present {
        let Some(parent) = cur.parent.as_ref().and_then(|p| org.body(&p.value)) else {
            return (b, false);
        };
        steps += 1;
        if steps > org.bodies.len() {
            return (b, false);
        }
        cur = parent;
    }
    (cur, !std::ptr::eq(cur, b))
}
