use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Target};
use crate::base::i18n::Text;
use crate::base::source::Sp;
use crate::model::{Body, BodyKind, OrgFile};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A `functional` or `institution` body directly under the unit has an `approval` with both
    /// `by` (who approved setting it up) and `doc` (the document number); an empty string counts as
    /// missing. `approval.by` is an authority above the unit: the county's establishment committee
    /// or office (编委, 编办), party committee or government, or a higher one. It is the unit's own
    /// organ ("self-approved") when, less a leading 中共, it contains the unit's or its zone's
    /// `name`, or starts with one of `self_names` (镇党委, 镇政府, 党委, 管委会, 本镇 …). Where the
    /// pack lists `authorities`, `approval.by` is also one of them.
    ///
    /// A `coordination` body (议事协调机构) needs `approval.doc` only: the unit may set it up by its
    /// own document. Party and mass organisations (they rest on their charters), dispatched bodies
    /// (set up by the department that sends them) and sub-bodies are not checked.
    ///
    /// ## Why
    /// State Council Decree 486 (《地方各级人民政府机构设置和编制管理条例》, 2007), art. 9: the setting
    /// up of a body is proposed by the government at its own level and, “经上一级人民政府机构编制管理
    /// 机关审核后，报上一级人民政府批准” — approved by the government one level up after its
    /// establishment office has reviewed it. A town cannot approve its own bodies. That article is
    /// about administrative bodies (行政机构); an institution (事业单位) is set up under the
    /// Public Institution Registration Regulations (《事业单位登记管理暂行条例》), art. 3: “事业单位经
    /// 县级以上各级人民政府及其有关主管部门(以下统称审批机关)批准成立后” it is registered — approved
    /// at the county level or above, in practice by the county's establishment committee
    /// (机构编制委员会). Each finding cites the article of its body's kind. The Jiangsu
    /// opinions (中共江苏省委办公厅, 2017-08-25, 《关于深化经济发达镇行政管理体制改革工作的意见》),
    /// II(4).2, forbid “超审批权限设置机构”: setting up bodies beyond the approving authority's
    /// powers.
    ///
    /// ## Example
    /// ```toml
    /// [unit]
    /// name = "盛泽镇"
    /// # …
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"
    /// approval = { by = "中共盛泽镇委员会", doc = "盛委〔2019〕8号" }   # the town itself
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"
    /// approval = { by = "吴江区委机构编制委员会", doc = "吴编〔2018〕12号", date = 2018-03-01 }
    /// [[body]]
    /// id = "aqw"
    /// name = "安全生产委员会"
    /// kind = "coordination"
    /// approval = { by = "盛泽镇党委", doc = "盛委〔2019〕3号" }   # the town may set it up
    /// ```
    ///
    /// ## Parameters
    /// - `authorities` (array of strings, default empty): the authorities that may approve setting
    ///   up a body. Empty: any authority above the unit is accepted.
    /// - `self_names` (array of strings, default 镇党委, 镇政府, 镇人民政府, 乡党委, 乡政府,
    ///   乡人民政府, 街道党工委, 街道办事处, 党委, 党工委, 管委会, 本镇, 本乡, 本街道): how an
    ///   approval by the unit's own organ begins.
    ///
    /// ## 检查内容
    /// 直属于本级的职能机构（`functional`）和事业单位（`institution`）须有 `approval`，写明审批机关
    /// `by` 和批准文号 `doc`（空字符串视为未写）。审批机关须为本单位的上级：县（市、区）编委、编办、
    /// 党委或政府，或更高层级的机关。`by` 去掉开头的“中共”后，含有本单位或所在开发区的名称，或以
    /// `self_names`（镇党委、镇政府、党委、管委会、本镇等）之一开头的，即为本单位自行审批。规则包
    /// 列出 `authorities` 时，`approval.by` 还须为其中之一。
    ///
    /// 议事协调机构（`coordination`）只须写明批准文号 `doc`：可由本单位发文设立。群团组织（依其
    /// 章程设立）、派驻机构（由派出部门设立）和内设机构不检查。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第九条：机构的设立由本级人民政府
    /// 提出方案，“经上一级人民政府机构编制管理机关审核后，报上一级人民政府批准”，镇不能自行批准设立
    /// 机构。该条针对行政机构；事业单位依《事业单位登记管理暂行条例》第三条，“事业单位经县级以上各级
    /// 人民政府及其有关主管部门(以下统称审批机关)批准成立后”方可登记，即须经县级以上（通常为县（市、
    /// 区）机构编制委员会）批准。每条发现引用其机构类别对应的条文。
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）
    /// 二(四)2：严禁“超审批权限设置机构”。
    pub struct BodyApproval {
        code: "BZ002",
        name: "body-approval",
        title: "机构设立须经批准",
        short: ("机构未经批准", "body not approved"),
        level: Error,
        cite: (
            "国务院令第486号 第九条；事业单位登记管理暂行条例 第三条；江苏经济发达镇意见 二（四）2",
            "State Council Decree 486, art. 9; Public Institution Registration Regulations, art. 3; Jiangsu DT Opinions 2017, II(4).2"
        ),
        scope: Town,
        params: Params,
        examples: {
            "the town itself" => "本镇",
            "the town may set it up" => "本镇可以设立",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// Who may approve setting up a body; empty: any authority above the unit.
    pub authorities: Vec<String>,
    /// How an approval by the unit's own organ begins (after a leading 中共).
    pub self_names: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            authorities: Vec::new(),
            self_names: [
                "镇党委",
                "镇政府",
                "镇人民政府",
                "乡党委",
                "乡政府",
                "乡人民政府",
                "街道党工委",
                "街道办事处",
                "党委",
                "党工委",
                "管委会",
                "本镇",
                "本乡",
                "本街道",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// A written, non-blank value.
fn given(v: &Option<Sp<String>>) -> Option<&Sp<String>> {
    v.as_ref().filter(|s| !s.value.trim().is_empty())
}

/// Whether `by` names the unit's own organ (RULES.md, Approvals): less a leading 中共, it contains
/// the unit's or its zone's name, or starts with one of `self_names`.
fn self_approved(params: &Params, org: &OrgFile, by: &str) -> bool {
    let by = by.trim();
    let by = by.strip_prefix("中共").unwrap_or(by).trim_start();
    let unit_name = org.unit.name.value.trim();
    let zone_name = org
        .unit
        .zone
        .as_ref()
        .and_then(|z| z.name.as_ref())
        .map(|n| n.value.trim());
    let names_own = [Some(unit_name), zone_name]
        .into_iter()
        .flatten()
        .any(|n| !n.is_empty() && by.contains(n));
    names_own
        || params
            .self_names
            .iter()
            .any(|s| !s.is_empty() && by.starts_with(s.as_str()))
}

impl RuleImpl for BodyApproval {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for body in cx.org.top_bodies() {
            match body.kind.value {
                BodyKind::Functional | BodyKind::Institution => {
                    check_body(params, cx, body, out);
                }
                BodyKind::Coordination => check_coordination(cx, body, out),
                BodyKind::Dispatched | BodyKind::PartyMass => {}
            }
        }
    }
}

fn check_coordination(cx: &FileCx<'_>, body: &Body, out: &mut Vec<Finding>) {
    let file = cx.org.file;
    let id = &body.id.value;
    let bname = &body.name.value;
    let approval = body.approval.as_ref();
    if approval.is_some_and(|a| given(&a.doc).is_some()) {
        return;
    }
    let (span, primary) = match approval {
        None => (body.span, text!("no `approval`", "未写 `approval`")),
        Some(a) => match &a.doc {
            Some(d) => (d.span, text!("empty", "为空")),
            None => (a.span, text!("no `doc` here", "缺少批准文号 `doc`")),
        },
    };
    out.push(
        Finding::new(
            file,
            span,
            text!(
                "coordination body `{id}` gives no document setting it up",
                "议事协调机构{bname}未写明设立文号"
            ),
        )
        .target(Target::body(id))
        .primary(primary)
        .label(file, body.span, text!("the body", "该机构"))
        .help(text!(
            "add `approval = {{ doc = \"…\" }}`: the number of the document that set it up (the unit's own document is enough)",
            "补充 `approval = {{ doc = \"…\" }}`：设立该机构的文件文号（本单位发文即可）"
        )),
    );
}

/// Each finding cites the approval its kind of body needs: 486 第九条 for an administrative body,
/// 事业单位登记管理暂行条例 第三条 for an institution (486 第九条 is about 行政机构).
fn cite_for(kind: BodyKind) -> &'static Arc<Text> {
    static FUNCTIONAL: LazyLock<Arc<Text>> = LazyLock::new(|| {
        Arc::new(Text::new(
            "State Council Decree 486, art. 9; Jiangsu DT Opinions 2017, II(4).2",
            "国务院令第486号 第九条；江苏经济发达镇意见 二（四）2",
        ))
    });
    static INSTITUTION: LazyLock<Arc<Text>> = LazyLock::new(|| {
        Arc::new(Text::new(
            "Public Institution Registration Regulations, art. 3; Jiangsu DT Opinions 2017, II(4).2",
            "事业单位登记管理暂行条例 第三条；江苏经济发达镇意见 二（四）2",
        ))
    });
    match kind {
        BodyKind::Institution => &INSTITUTION,
        _ => &FUNCTIONAL,
    }
}

fn check_body(params: &Params, cx: &FileCx<'_>, body: &Body, out: &mut Vec<Finding>) {
    let start = out.len();
    check_body_approval(params, cx, body, out);
    let cite = cite_for(body.kind.value);
    for f in &mut out[start..] {
        f.cite = cite.clone();
    }
}

fn check_body_approval(params: &Params, cx: &FileCx<'_>, body: &Body, out: &mut Vec<Finding>) {
    let file = cx.org.file;
    let id = &body.id.value;
    let bname = &body.name.value;
    let institution = body.kind.value == BodyKind::Institution;
    let (kind_en, kind_zh) = if institution {
        ("institution", "事业单位")
    } else {
        ("functional body", "职能机构")
    };
    let Some(approval) = &body.approval else {
        out.push(
            Finding::new(
                file,
                body.span,
                text!(
                    "{kind_en} `{id}` has no approval",
                    "{kind_zh}{bname}没有审批依据"
                ),
            )
            .target(Target::body(id))
            .primary(text!("no `approval`", "未写 `approval`"))
            .help(text!(
                "add `approval = {{ by = \"…\", doc = \"…\" }}`: the authority above the unit that approved setting it up, and the document number",
                "补充 `approval = {{ by = \"…\", doc = \"…\" }}`：批准设立的上级机关及批准文号"
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
                    "the approval of {kind_en} `{id}` does not give {en}",
                    "{kind_zh}{bname}的审批依据缺少{zh}"
                ),
            )
            .target(Target::body(id))
            .primary(primary)
            .label(file, body.span, text!("the body", "该机构"))
            .help(text!(
                "write both who approved setting up the body (`by`, an authority above the unit) and the document number (`doc`)",
                "写明批准设立该机构的上级机关（`by`）和批准文号（`doc`）"
            )),
        );
    }
    let Some(by) = by else { return };
    let who = &by.value;
    if self_approved(params, cx.org, who) {
        out.push(
            Finding::new(
                file,
                by.span,
                text!(
                    "{kind_en} `{id}` was approved by `{who}`, the unit's own organ; it must be approved from above the unit",
                    "{kind_zh}{bname}由本级“{who}”批准设立，超出审批权限：应报上级审批"
                ),
            )
            .target(Target::body(id))
            .primary(text!("an organ of the unit itself", "本级机关自行批准"))
            .label(file, body.span, text!("the body", "该机构"))
            .help(if institution {
                text!(
                    "have the institution approved by the county's establishment committee (机构编制委员会) or an authority above it, and give that approval here",
                    "事业单位应报经县（市、区）机构编制委员会或更高层级的审批机关批准设立，并在此写明该批准"
                )
            } else {
                text!(
                    "have the county's establishment committee review the body and the county government (or party committee) approve it, and give that approval here",
                    "应由本级提出方案，经县（市、区）机构编制委员会审核后报县级人民政府（党委）批准，并在此写明该批准"
                )
            }),
        );
        return;
    }
    if params.authorities.is_empty() || params.authorities.iter().any(|a| a == who) {
        return;
    }
    let allowed = params.authorities.join(", ");
    let allowed_zh = params.authorities.join("、");
    out.push(
        Finding::new(
            file,
            by.span,
            text!(
                "{kind_en} `{id}` was approved by `{who}`, which is not an authority allowed to set up bodies",
                "{kind_zh}{bname}由“{who}”批准设立，该机关无权审批设立机构"
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::{FileId, SourceFile};
    use crate::load::{load_org, Loaded};

    fn org(name: &str) -> OrgFile {
        let text = format!(
            "[unit]\nid = \"u\"\nname = \"{name}\"\nkind = \"town\"\nas_of = 2024-06-30\n[unit.zone]\nname = \"盛泽经济开发区\"\nmode = \"merged\"\n"
        );
        match load_org(FileId(0), &SourceFile::new("t.toml", text.as_str()), true) {
            Loaded::Org(o) => *o,
            _ => panic!("fixture does not load"),
        }
    }

    #[test]
    fn own_organs_are_recognised_and_the_county_is_not() {
        let p = Params::default();
        let o = org("盛泽镇");
        for own in [
            "盛泽镇党委",
            "中共盛泽镇委员会",
            "盛泽镇人民政府",
            "盛泽经济开发区管委会",
            "镇党委",
            "党委",
            "管委会",
            "本镇",
        ] {
            assert!(self_approved(&p, &o, own), "{own}");
        }
        for above in [
            "吴江区委机构编制委员会",
            "中共苏州市吴江区委员会",
            "吴江区编委",
            "苏州市吴江区人民政府",
            "区编办",
        ] {
            assert!(!self_approved(&p, &o, above), "{above}");
        }
    }
}
