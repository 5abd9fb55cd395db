use crate::base::diag::{Finding, Target, TargetKind};
use crate::model::{Exception, OrgFile};
use crate::rules::{self, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A valid `[[exception]]` matched at least one finding of its rule (and target, where given) in
    /// its file. An exception that covers nothing is stale: the problem it excused is gone, or its
    /// `rule` or `target` is written wrong.
    ///
    /// ## Why
    /// Exceptions need an approval, one by one: a stale exception misleads the next reader into
    /// thinking a violation still stands and was excused.
    ///
    /// ## Example
    /// ```toml
    /// # the town has 9 functional bodies: nothing to excuse
    /// [[exception]]
    /// rule = "BZ001"
    /// approval = "苏编办复〔2018〕7号"
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// # the town has 11 functional bodies and BZ001 would fire
    /// [[exception]]
    /// rule = "BZ001"
    /// approval = "苏编办复〔2018〕7号"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 有效的 `[[exception]]` 须至少豁免本文件中该规则（及所指对象）的一个问题；未豁免任何问题的
    /// 例外已失去意义，或其 `rule`、`target` 写错。
    ///
    /// ## 依据
    /// 例外须经批准，逐项审批：过时的例外会使后来的审核人误以为违规仍在且已获批准。
    pub struct ExceptionUnused {
        code: "BZ902",
        name: "exception-unused",
        title: "例外未使用",
        short: ("例外未使用", "unused exception"),
        level: Warning,
        cite: ("例外须经批准", "exceptions need an approval"),
        scope: All,
        examples: {
            "the town has 9 functional bodies: nothing to excuse" => "本镇有 9 个职能机构：无需豁免",
            "the town has 11 functional bodies and BZ001 would fire" => "本镇有 11 个职能机构，BZ001 本应报告",
        },
    }
}

impl RuleImpl for ExceptionUnused {
}

/// Whether a valid exception of `org` covers finding `f`.
pub fn covers(org: &OrgFile, ex: &Exception, f: &Finding) -> bool {
    if f.file != org.file || f.code.starts_with("BZ9") {
        return false;
    }
    let rule = &ex.rule.value;
    let same_rule = *f.code == **rule
        || *f.name == **rule
        || rules::lookup(rule).is_some_and(|d| *d.meta.code == *f.code);
    if !same_rule {
        return false;
    }
    match &ex.target {
        None => true,
        Some(t) => f.target.as_ref().is_some_and(|ft| ft.matches(&t.value)),
    }
}

pub fn finding(org: &OrgFile, ex: &Exception) -> Finding {
    let rule = &ex.rule.value;
    Finding::new(
        org.file,
        ex.span,
        text!(
            "exception to {rule} matched no finding",
            "对 {rule} 的例外未豁免任何问题"
        ),
    )
    .target(Target::new(TargetKind::Exception, rule.clone()))
    .help(text!(
        "remove the exception, or correct its `rule` or `target`",
        "删除该例外，或更正其 `rule`、`target`"
    ))
}
