use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Target};
use crate::model::{Body, BodyKind};
use crate::rules::{FileCx, RuleImpl, RuleMeta};
use crate::source::Sp;
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Every body except `dispatched` ones (sub-bodies included) has an `approval` with both `by`
    /// (who approved setting it up) and `doc` (the document number); an empty string counts as
    /// missing. Where the pack lists `authorities`, `approval.by` is one of them.
    ///
    /// Dispatched bodies are set up by the county department that sends them and are not checked.
    ///
    /// ## Why
    /// Seed 二(四)2: 严禁超审批权限设置机构 — no body may be set up beyond the approving authority's
    /// powers; every body rests on an approval by the body establishment committee, on record with
    /// its document number.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// approval = { by = "吴江区委机构编制委员会" }   # no document number
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// approval = { by = "吴江区委机构编制委员会", doc = "吴编〔2018〕12号", date = 2018-03-01 }
    /// ```
    ///
    /// ## Parameters
    /// - `authorities` (array of strings, default empty): the authorities that may approve setting
    ///   up a body. Empty: any authority is accepted, as long as one is named.
    ///
    /// ## 检查内容
    /// 除派驻机构外的每个机构（含内设机构）都有 `approval`，且写明审批机关 `by` 和批准文号 `doc`
    /// （空字符串视为未写）。规则包列出 `authorities` 时，`approval.by` 须为其中之一。
    ///
    /// ## 依据
    /// 《意见》二(四)2：严禁超审批权限设置机构。
    pub struct BodyApproval {
        code: "BZ002",
        name: "body-approval",
        level: Error,
        cite: ("国务院令第486号 第九条；苏发达镇意见 二(四)2", "State Council Decree 486, art. 9; Jiangsu DT Opinions 2017, II(4).2"),
        scope: Town,
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// Who may approve setting up a body; empty: anyone.
    pub authorities: Vec<String>,
}

/// A written, non-blank value.
fn given(v: &Option<Sp<String>>) -> Option<&Sp<String>> {
    v.as_ref().filter(|s| !s.value.trim().is_empty())
}

impl RuleImpl for BodyApproval {
    type Params = Params;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for body in &cx.org.bodies {
            if body.kind.value != BodyKind::Dispatched {
                check_body(params, cx, body, out);
            }
        }
    }
}

fn check_body(params: &Params, cx: &FileCx<'_>, body: &Body, out: &mut Vec<Finding>) {
    let file = cx.org.file;
    let id = &body.id.value;
    let Some(approval) = &body.approval else {
        out.push(
            Finding::new(
                file,
                body.span,
                text!(
                    "body `{id}` has no approval",
                    "机构 `{id}` 没有审批依据"
                ),
            )
            .target(Target::body(id))
            .primary(text!("no `approval`", "未写 `approval`"))
            .help(text!(
                "add `approval = {{ by = \"…\", doc = \"…\" }}`: the authority that approved setting it up and the document number",
                "补充 `approval = {{ by = \"…\", doc = \"…\" }}`：批准设立的机关及批准文号"
            )),
        );
        return;
    };
    let by = given(&approval.by);
    let doc = given(&approval.doc);
    let missing = match (by, doc) {
        (None, None) => Some(("`by` and `doc`", "审批机关 `by` 和批准文号 `doc`")),
        (None, Some(_)) => Some(("`by`", "审批机关 `by`")),
        (Some(_), None) => Some(("`doc`", "批准文号 `doc`")),
        (Some(_), Some(_)) => None,
    };
    if let Some((en, zh)) = missing {
        // A key written blank is pointed at where it is; an absent one at the approval table.
        let blank = match (by, doc) {
            (None, _) => approval.by.as_ref(),
            (_, None) => approval.doc.as_ref(),
            _ => None,
        };
        let span = blank.map_or(approval.span, |s| s.span);
        let primary = match blank {
            Some(_) => text!("empty", "为空"),
            None => text!("no {en} here", "缺少{zh}"),
        };
        out.push(
            Finding::new(
                file,
                span,
                text!(
                    "the approval of body `{id}` does not give {en}",
                    "机构 `{id}` 的审批依据缺少{zh}"
                ),
            )
            .target(Target::body(id))
            .primary(primary)
            .label(file, body.span, text!("the body", "该机构"))
            .help(text!(
                "write both who approved setting up the body (`by`) and the document number (`doc`)",
                "写明批准设立该机构的机关（`by`）和批准文号（`doc`）"
            )),
        );
    }
    let Some(by) = by else { return };
    if params.authorities.is_empty() || params.authorities.iter().any(|a| a == &by.value) {
        return;
    }
    let who = &by.value;
    let allowed = params.authorities.join(", ");
    let allowed_zh = params.authorities.join("、");
    out.push(
        Finding::new(
            file,
            by.span,
            text!(
                "body `{id}` was approved by `{who}`, which is not an authority allowed to set up bodies",
                "机构 `{id}` 由“{who}”批准设立，该机关无权审批设立机构"
            ),
        )
        .target(Target::body(id))
        .primary(text!("not among the pack's `authorities`", "不在规则包的 `authorities` 之内"))
        .label(file, body.span, text!("the body", "该机构"))
        .help(text!(
            "have the body approved by one of: {allowed}",
            "应报经以下机关之一批准设立：{allowed_zh}"
        )),
    );
}
