use crate::base::diag::{Finding, Target, TargetKind};
use crate::base::i18n::Text;
use crate::model::{Exception, OrgFile};
use crate::rules::RuleImpl;
use crate::text;

declare_rule! {
    /// ## What it checks
    /// An `[[exception]]` has an `approval` (the approving document number), names a rule bianzhi
    /// knows (by code or name), and has not expired: its `expires` date is not before the unit's
    /// `as_of`. An invalid exception suppresses nothing.
    ///
    /// ## Why
    /// Exceptions need an approval: an exception is only as good as the approval behind it; one
    /// without a document number, for a rule that does not exist, or past its expiry would silently
    /// hide a violation.
    ///
    /// ## Example
    /// ```toml
    /// [unit]
    /// as_of = 2019-06-30
    /// # …
    /// [[exception]]
    /// rule = "BZ001"
    /// approval = "苏编办复〔2018〕7号"
    /// expires = 2018-12-31    # before as_of: expired
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[exception]]
    /// rule = "functional-body-limit"
    /// approval = "苏编办复〔2018〕7号"
    /// reason = "试点镇，经省编办批准可设11个职能机构"
    /// expires = 2020-12-31
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// `[[exception]]` 须有批准文号 `approval`，所指规则须存在（代码或名称），且未过期（`expires`
    /// 不早于本单位的 `as_of`）。无效的例外不豁免任何问题。
    ///
    /// ## 依据
    /// 例外须经批准：无批准文号、所指规则不存在或已过期的例外不得掩盖违规。
    pub struct ExceptionInvalid {
        code: "BZ901",
        name: "exception-invalid",
        title: "例外无效",
        short: ("例外无效", "invalid exception"),
        level: Error,
        cite: ("例外须经批准", "exceptions need an approval"),
        scope: All,
        examples: {
            "before as_of: expired" => "早于 as_of：已过期",
        },
    }
}

impl RuleImpl for ExceptionInvalid {
}

/// What is wrong with an exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoApproval,
    UnknownRule,
    Expired,
}

/// The problems of one exception; empty when it is valid. `knows` says whether a rule code or
/// name is in force (the engine asks the rule set: rules sit below packs and cannot).
pub fn problems(org: &OrgFile, ex: &Exception, knows: impl Fn(&str) -> bool) -> Vec<Problem> {
    let mut out = Vec::new();
    if ex
        .approval
        .as_ref()
        .is_none_or(|a| a.value.trim().is_empty())
    {
        out.push(Problem::NoApproval);
    }
    if !knows(&ex.rule.value) {
        out.push(Problem::UnknownRule);
    }
    if ex
        .expires
        .as_ref()
        .is_some_and(|e| e.value < org.unit.as_of.value)
    {
        out.push(Problem::Expired);
    }
    out
}

pub fn findings(org: &OrgFile, ex: &Exception, problems: &[Problem]) -> Vec<Finding> {
    let rule = &ex.rule.value;
    let target = Target::new(TargetKind::Exception, rule.clone());
    problems
        .iter()
        .map(|p| {
            let (span, message, help): (_, Text, Text) = match p {
                Problem::NoApproval => (
                    ex.span,
                    text!(
                        "exception to {rule} has no approval document",
                        "对 {rule} 的例外没有批准文号"
                    ),
                    text!(
                        "add `approval = \"…\"` with the approving document number",
                        "补充 `approval = \"…\"`，写明批准文号"
                    ),
                ),
                Problem::UnknownRule => (
                    ex.rule.span,
                    text!(
                        "exception names an unknown rule `{rule}`",
                        "例外所指规则 `{rule}` 不存在"
                    ),
                    text!(
                        "write a rule code or name; `bianzhi rules` lists them",
                        "填写规则代码或名称；`bianzhi rules` 列出全部规则"
                    ),
                ),
                Problem::Expired => {
                    let (exp, as_of) = match &ex.expires {
                        Some(e) => (e.value.to_string(), org.unit.as_of.value.to_string()),
                        None => (String::new(), String::new()),
                    };
                    (
                        ex.expires.as_ref().map_or(ex.span, |e| e.span),
                        text!(
                            "exception to {rule} expired on {exp}, before this file's date {as_of}",
                            "对 {rule} 的例外已于 {exp} 到期，早于本文件日期 {as_of}"
                        ),
                        text!(
                            "renew the approval and update `expires`, or remove the exception and fix what it covered",
                            "重新报批并更新 `expires`，或删除该例外并整改其涉及的问题"
                        ),
                    )
                }
            };
            let mut f = Finding::new(org.file, span, message)
                .target(target.clone())
                .help(help);
            if span != ex.span {
                f = f.label(org.file, ex.span, text!("the exception", "该例外"));
            }
            f
        })
        .collect()
}
