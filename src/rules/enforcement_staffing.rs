use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Target};
use crate::model::{Body, Duty, OrgFile};
use crate::rules::{FileCx, RuleImpl, RuleMeta};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// The front `enforcement` body (综合执法, "one team") has at least `min_certified` staff who
    /// hold an administrative law-enforcement certificate (`enforcement_certified = true`). The
    /// roster entries of the body and of its sub-bodies (its squads) are counted; a body that keeps
    /// no roster shows no certificates.
    ///
    /// ## Why
    /// Seed 二(三)4: 执法人员应当取得行政执法证件，持证上岗 — enforcement officers hold enforcement
    /// certificates. The Administrative Penalty Law (《行政处罚法》第四十二条) requires at least two
    /// officers for an investigation, so a team with fewer cannot act on its own.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "zfj"
    /// name = "综合执法局"
    /// kind = "functional"
    /// office = "front"
    /// duty = "enforcement"
    /// [[person]]
    /// id = "SZ0051"
    /// body = "zfj"
    /// establishment = "administrative"
    /// enforcement_certified = true   # only one certified officer: reported at the body
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "SZ0051"
    /// body = "zfj"
    /// establishment = "administrative"
    /// enforcement_certified = true
    /// [[person]]
    /// id = "SZ0052"
    /// body = "zfj"
    /// establishment = "administrative"
    /// enforcement_certified = true
    /// ```
    ///
    /// ## Parameters
    /// - `min_certified` (integer, default 2): the fewest certified officers the body must have.
    ///
    /// ## 检查内容
    /// 前台综合执法机构（`duty = "enforcement"`）持有行政执法证件（`enforcement_certified = true`）
    /// 的人员不少于 `min_certified` 名。计入该机构及其内设机构（中队）名册中的人员；未建名册的机构
    /// 视为无持证人员。
    ///
    /// ## 依据
    /// 《意见》二(三)4：执法人员持证上岗；《行政处罚法》规定调查取证时执法人员不得少于两人。
    pub struct EnforcementStaffing {
        code: "BZ305",
        name: "enforcement-staffing",
        level: Error,
        cite: ("行政处罚法 第四十二条；苏发达镇意见 二(三)4", "Administrative Penalty Law, art. 42; Jiangsu DT Opinions 2017, II(3).4"),
        scope: Town,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub min_certified: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params { min_certified: 2 }
    }
}

/// Whether `body` is `root` or lies under it (a cycle, BZ010's finding, ends the walk).
fn within(org: &OrgFile, body: &Body, root: &str) -> bool {
    let mut at = body;
    for _ in 0..=org.bodies.len() {
        if at.id.value == root {
            return true;
        }
        match at.parent.as_ref().and_then(|p| org.body(&p.value)) {
            Some(parent) => at = parent,
            None => return false,
        }
    }
    false
}

impl RuleImpl for EnforcementStaffing {
    type Params = Params;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        for team in org.bodies.iter().filter(|b| b.is_front(Duty::Enforcement)) {
            let id = &team.id.value;
            let members: Vec<_> = org
                .persons
                .iter()
                .filter(|p| org.body(&p.body.value).is_some_and(|b| within(org, b, id)))
                .collect();
            let certified = members.iter().filter(|p| p.certified()).count();
            let min = params.min_certified as usize;
            if certified >= min {
                continue;
            }
            let name = &team.name.value;
            let mut f = Finding::new(
                org.file,
                team.span,
                text!(
                    "front enforcement body `{id}` has too few certified officers: {certified}, at least {min} required",
                    "前台综合执法机构 `{id}` 持证执法人员 {certified} 名，少于 {min} 名"
                ),
            )
            .target(Target::body(id))
            .primary(text!("{name}: {certified} certified", "{name}：持证 {certified} 名"));
            f = if members.is_empty() {
                f.help(text!(
                    "keep a roster for the body and mark certified officers with `enforcement_certified = true`",
                    "为该机构建立实名名册，并以 `enforcement_certified = true` 标明持证人员"
                ))
            } else {
                f.help(text!(
                    "staff the body with at least {min} officers holding enforcement certificates (`enforcement_certified = true`)",
                    "为该机构配备至少 {min} 名持有行政执法证件的人员（`enforcement_certified = true`）"
                ))
            };
            if let Some(first) = members.iter().find(|p| p.certified()) {
                f = f.label(
                    org.file,
                    first.span,
                    text!(
                        "certified officer {who}",
                        "持证人员 {who}",
                        who = cx.who(first)
                    ),
                );
            }
            out.push(f);
        }
    }
}
