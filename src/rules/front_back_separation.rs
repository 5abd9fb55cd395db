use crate::base::diag::{Finding, Target};
use crate::base::i18n::Text;
use crate::model::{Body, BodyKind, Duty, OrgFile};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A power of category `licensing`, `confirmation`, `benefit` or `public_service` is handled by
    /// the front `service` body (the one window); one of category `penalty`, `coercion` or
    /// `inspection` by the front `enforcement` body (the one team). No back body handles any of
    /// these. A sub-body of the right front body counts as that body.
    ///
    /// Back bodies that support the handler are listed in `supported_by`: supporting is not
    /// handling, so a back body named there is not reported (a planning office that prepares the
    /// technical review of a licence the approval bureau issues). A power of these categories
    /// without `handled_by` is reported: the front body must be named. Powers of other categories
    /// are not checked; a `handled_by` naming no body is BZ009's.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(3).1: with the front offices for services
    /// and enforcement in place, “其他后台职能机构不再承担行政审批、公共服务和行政执法职责” — the
    /// other, back functional bodies no longer carry approval, public-service or enforcement duties;
    /// they “为前台工作提供支撑和服务”, support and serve the front offices' work.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"        # a back body
    /// [[power]]
    /// code = "XK-001"
    /// name = "食品经营许可"
    /// category = "licensing"
    /// handled_by = "jjfz"        # must be the front service body
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "spj"
    /// name = "行政审批局"
    /// kind = "functional"
    /// office = "front"
    /// duty = "service"
    /// [[power]]
    /// code = "XK-001"
    /// name = "食品经营许可"
    /// category = "licensing"
    /// handled_by = "spj"
    /// supported_by = ["jjfz"]    # the back body supports, the front body handles
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 行政许可、行政确认、行政给付、公共服务类权力由前台便民服务机构承办；行政处罚、行政强制、行政
    /// 检查类权力由前台综合执法机构承办；后台机构不承办上述权力。相应前台机构的内设机构视同该机构。
    ///
    /// 为承办机构提供支撑的后台机构写在 `supported_by` 中：支撑不是承办，不予报告（如规划部门为
    /// 行政审批局办理的许可做技术审查）。上述类别的权力未写 `handled_by` 的，同样报告。其他类别不
    /// 检查；`handled_by` 指向不存在的机构由 BZ009 报告。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(三)1：
    /// “其他后台职能机构不再承担行政审批、公共服务和行政执法职责”，“为前台工作提供支撑和服务”。
    pub struct FrontBackSeparation {
        code: "BZ004",
        name: "front-back-separation",
        title: "前台后台分设",
        short: ("前后台职责不分", "front and back offices mixed"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（三）1", "Jiangsu DT Opinions 2017, II(3).1"),
        scope: Dev,
        examples: {
            "a back body" => "后台机构",
            "must be the front service body" => "须为前台便民服务机构",
            "the back body supports, the front body handles" => "后台机构支撑，前台机构承办",
        },
    }
}

fn duty_name(duty: Duty) -> Text {
    match duty {
        Duty::Service => Text::new("front service body", "前台便民服务机构"),
        Duty::Enforcement => Text::new("front enforcement body", "前台综合执法机构"),
        Duty::Command => Text::new("command centre", "综合指挥中心"),
    }
}

/// Whether `body` is, or sits (at any depth) inside, a front body of `duty`.
fn within_front(org: &OrgFile, body: &Body, duty: Duty) -> bool {
    let mut b = body;
    for _ in 0..=org.bodies.len() {
        if b.is_front(duty) {
            return true;
        }
        let Some(parent) = b.parent.as_ref().and_then(|p| org.body(&p.value)) else {
            return false;
        };
        b = parent;
    }
    false
}

/// What a body that may not handle the power is, for the label at its header.
fn what_it_is(body: &Body) -> Text {
    let name = &body.name.value;
    if body.kind.value != BodyKind::Functional {
        let (en, zh) = (body.kind.value.word(), body.kind.value.zh());
        return text!("{name} is a body of kind {en}", "{name}是{zh}");
    }
    if let Some(d) = body.duty.as_ref().filter(|_| !body.is_back()) {
        let t = duty_name(d.value);
        let (en, zh) = (t.en, t.zh);
        return text!("{name} is the {en}", "{name}是{zh}");
    }
    if !body.is_back() {
        return text!(
            "{name} is a front body without a `duty`",
            "{name}是未写 `duty` 的前台机构"
        );
    }
    text!("{name} is a back body", "{name}是后台机构")
}

impl RuleImpl for FrontBackSeparation {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let file = org.file;
        for power in &org.powers {
            let Some(duty) = power.category.value.front_duty() else {
                continue;
            };
            let code = &power.code.value;
            let (cat_en, cat_zh) = (power.category.value.word(), power.category.value.zh());
            let front = org.bodies.iter().find(|b| b.is_front(duty));
            let Text {
                en: need_en,
                zh: need_zh,
            } = duty_name(duty);
            let (w_front, w_duty) = cx.spelled_front(duty);
            let help = match front {
                Some(f) => text!(
                    "set `handled_by` to the {need_en}, `{fid}`",
                    "将 `handled_by` 改为{need_zh} `{fid}`",
                    fid = f.id.value
                ),
                None => text!(
                    "set up a {need_en} (`office = \"{w_front}\"`, `duty = \"{w_duty}\"`) and name it in `handled_by`",
                    "设立{need_zh}（`office = \"{w_front}\"`，`duty = \"{w_duty}\"`），并在 `handled_by` 中写明"
                ),
            };
            let finding = match &power.handled_by {
                None => Finding::new(
                    file,
                    power.span,
                    text!(
                        "power `{code}` ({cat_en}) names no body handling it; it must be handled by the {need_en}",
                        "权力事项 `{code}`（{cat_zh}）未写承办机构，应由{need_zh}承办"
                    ),
                )
                .primary(text!("no `handled_by`", "未写 `handled_by`"))
                .label(
                    file,
                    power.category.span,
                    text!("{cat_en}: for the {need_en}", "{cat_zh}：由{need_zh}承办"),
                ),
                Some(h) => {
                    let Some(body) = org.body(&h.value) else {
                        continue;
                    };
                    if within_front(org, body, duty) {
                        continue;
                    }
                    let bname = &body.name.value;
                    let mut f = Finding::new(
                        file,
                        h.span,
                        text!(
                            "power `{code}` ({cat_en}) is handled by {bname}, not by the {need_en}",
                            "权力事项 `{code}`（{cat_zh}）由{bname}承办，而非{need_zh}"
                        ),
                    )
                    .primary(text!("not the {need_en}", "不是{need_zh}"))
                    .label(file, body.span, what_it_is(body))
                    .label(
                        file,
                        power.category.span,
                        text!("{cat_en}: for the {need_en}", "{cat_zh}：由{need_zh}承办"),
                    );
                    // The roles written the wrong way round: the front body only supports.
                    let front_supports = power.supported_by.iter().find(|s| {
                        org.body(&s.value)
                            .is_some_and(|b| within_front(org, b, duty))
                    });
                    if let Some(s) = front_supports {
                        f = f.label(
                            file,
                            s.span,
                            text!(
                                "the {need_en} is only listed as supporting: swap it with `handled_by`",
                                "{need_zh}只列为支撑机构：应与 `handled_by` 互换"
                            ),
                        );
                    }
                    f
                }
            };
            let mut finding = finding.target(Target::power(code)).help(help);
            if let Some(f) = front {
                finding = finding.label(file, f.span, text!("the {need_en}", "{need_zh}"));
            }
            out.push(finding);
        }
    }
}
