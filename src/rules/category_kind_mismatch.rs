use crate::base::diag::{Finding, Target};
use crate::base::source::Span;
use crate::model::{BodyKind, Category};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// The establishment a body is allocated fits its kind:
    /// - an `institution` body (事业单位) is allocated only `institution` and `worker`
    ///   establishment: a `quota` entry of `administrative` or `political_legal` above 0 is
    ///   reported;
    /// - a `coordination` body (议事协调机构) is allocated no establishment and has no staff of its
    ///   own: every `quota` entry above 0, every `staff` entry above 0 (`none` included) and every
    ///   roster entry whose `body` names it is reported. Its work is done by people of other
    ///   bodies, who stay on their own bodies' rolls.
    ///
    /// ## Why
    /// State Council Decree 486 (《地方各级人民政府机构设置和编制管理条例》, 2007), art. 15:
    /// “事业单位应当使用事业编制”; art. 19: “议事协调机构不单独确定编制” — an institution uses
    /// institution establishment (and workers' establishment for its 工勤 staff), and a
    /// coordination body is given none of its own: its work is done by people of other bodies.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "planning-centre"
    /// name = "规划建设服务中心"
    /// kind = "institution"
    /// quota = { administrative = 2, institution = 6 }   # administrative in an institution
    ///
    /// [[body]]
    /// id = "safety-committee"
    /// name = "安全生产委员会"
    /// kind = "coordination"
    /// quota = { administrative = 1 }                    # a coordination body has no quota
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "planning-centre"
    /// name = "规划建设服务中心"
    /// kind = "institution"
    /// quota = { institution = 6, worker = 1 }
    ///
    /// [[body]]
    /// id = "safety-committee"
    /// name = "安全生产委员会"
    /// kind = "coordination"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 机构所核定的编制须与机构类别相符：事业单位只核定事业编制和机关工勤编制，核定行政编制或
    /// 政法专项编制（大于 0）的予以报告；议事协调机构不核定编制、不配备自有人员，其 `quota`、
    /// `staff` 中大于 0 的各项以及 `body` 指向它的名册人员均予以报告。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第十五条：
    /// “事业单位应当使用事业编制”；第十九条：“议事协调机构不单独确定编制”。事业单位使用事业编制（工
    /// 勤人员使用工勤编制），议事协调机构的工作由其他机构的人员承担。
    pub struct CategoryKindMismatch {
        code: "BZ107",
        name: "category-kind-mismatch",
        title: "编制类别与机构类别不符",
        short: ("编制类别与机构类型不符", "category and kind mismatch"),
        level: Error,
        cite: ("国务院令第486号 第十五条、第十九条", "State Council Decree 486, arts. 15, 19"),
        scope: Town,
        examples: {
            "administrative in an institution" => "事业单位中的行政编制",
            "a coordination body has no quota" => "议事协调机构不核定编制",
        },
    }
}

impl RuleImpl for CategoryKindMismatch {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        for b in &org.bodies {
            let id = &b.id.value;
            let bname = &b.name.value;
            match b.kind.value {
                BodyKind::Institution => {
                    for (k, v) in &b.quota.entries {
                        let cat = k.value;
                        if v.value == 0 || matches!(cat, Category::Institution | Category::Worker) {
                            continue;
                        }
                        let (en, zh, n) = (cat.word(), cat.zh(), v.value);
                        out.push(
                            Finding::new(
                                org.file,
                                Span::new(k.span.start, v.span.end),
                                text!(
                                    "institution `{id}` is allocated {n} {en} establishment; an institution holds only institution and worker establishment",
                                    "事业单位{bname}核定了{zh} {n} 名；事业单位只能核定事业编制和机关工勤编制"
                                ),
                            )
                            .target(Target::body(id))
                            .primary(text!("{en} in an institution", "事业单位中的{zh}"))
                            .label(org.file, b.kind.span, text!("an institution", "事业单位"))
                            .help(text!(
                                "allocate institution establishment instead, or move the {en} posts to a functional body",
                                "改为核定事业编制，或将{zh}调整到职能机构"
                            )),
                        );
                    }
                }
                BodyKind::Coordination => {
                    for (k, v) in &b.quota.entries {
                        if v.value == 0 {
                            continue;
                        }
                        let (en, zh, n) = (k.value.word(), k.value.zh(), v.value);
                        out.push(
                            Finding::new(
                                org.file,
                                Span::new(k.span.start, v.span.end),
                                text!(
                                    "coordination body `{id}` is allocated {n} {en} establishment; a coordination body has none of its own",
                                    "议事协调机构{bname}核定了{zh} {n} 名；议事协调机构不单独核定编制"
                                ),
                            )
                            .target(Target::body(id))
                            .primary(text!("{en} quota", "{zh}"))
                            .label(org.file, b.kind.span, text!("a coordination body", "议事协调机构"))
                            .help(text!(
                                "remove the quota entry: the body's work is done by staff of the bodies it coordinates",
                                "删除该编制：议事协调机构的工作由其成员单位人员承担"
                            )),
                        );
                    }
                    for (k, v) in &b.staff.entries {
                        if v.value == 0 {
                            continue;
                        }
                        let (en, zh, n) = (k.value.word(), k.value.zh(), v.value);
                        out.push(
                            Finding::new(
                                org.file,
                                Span::new(k.span.start, v.span.end),
                                text!(
                                    "coordination body `{id}` counts {n} staff on `{en}`; a coordination body has no staff of its own",
                                    "议事协调机构{bname}填报{zh}人员 {n} 名；议事协调机构不配备自有人员"
                                ),
                            )
                            .target(Target::body(id))
                            .primary(text!("{n} staff of its own", "自有人员 {n} 名"))
                            .label(org.file, b.kind.span, text!("a coordination body", "议事协调机构"))
                            .help(text!(
                                "count these people in the bodies they belong to",
                                "将这些人员计入其所在机构"
                            )),
                        );
                    }
                    for p in org.persons_in(id) {
                        let who = cx.who(p);
                        out.push(
                            Finding::new(
                                org.file,
                                p.body.span,
                                text!(
                                    "person {who} sits in coordination body `{id}`; a coordination body has no staff of its own",
                                    "人员 {who} 编在议事协调机构{bname}；议事协调机构不配备自有人员"
                                ),
                            )
                            .target(Target::person(&p.id.value))
                            .primary(text!("sits in `{id}`", "编在 `{id}`"))
                            .label(org.file, b.kind.span, text!("a coordination body", "议事协调机构"))
                            .help(text!(
                                "set `body` to the body the person belongs to; membership of the coordination body is not a post",
                                "将 `body` 改为其实际所在机构；担任议事协调机构成员不占岗位"
                            )),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}
