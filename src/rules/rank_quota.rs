use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Target};
use crate::base::i18n::Text;
use crate::base::source::Span;
use crate::model::{BodyKind, Category, Establishment, Person, Rank};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Among the people of the administrative establishment (`establishment = "administrative"`):
    /// - holders of 一级, 二级, 三级 or 四级主任科员 are at most
    ///   ⌊`senior_share` × the unit's administrative quota⌋ (the senior cap);
    /// - holders of 一级 or 二级主任科员 are at most ⌊`top_share` × the senior cap⌋.
    ///
    /// The administrative quota is `administrative` in the unit's `[quota]` (0 when not named).
    /// People of dispatched bodies are not counted: they hold the county department's
    /// establishment, not the unit's. Rank names of before the 2019 rules (主任科员, 副主任科员 …,
    /// for files describing earlier dates) are not counted. Each cap exceeded is one finding, at
    /// the first holder over it.
    ///
    /// ## Why
    /// The 2019 rules on parallel posts and ranks (《公务员职务与职级并行规定》, from memory) set the
    /// share of 主任科员 ranks in the administrative establishment of a town-level organ: 一级至四级
    /// 主任科员不超过机关行政编制的 60%，其中一级、二级主任科员不超过一级至四级主任科员总数的 50%. The
    /// Jiangsu opinions on developed towns (2017), 二(四)1: “推进机关公务员职务与职级并行制度”.
    ///
    /// ## Example
    /// ```toml
    /// [quota]
    /// administrative = 3      # senior cap ⌊0.6 × 3⌋ = 1, top cap ⌊0.5 × 1⌋ = 0
    ///
    /// [[person]]
    /// id = "PW0010"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// rank = "二级主任科员"  # over the top cap 0
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [quota]
    /// administrative = 10     # senior cap 6, top cap 3
    ///
    /// [[person]]
    /// id = "PW0010"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// rank = "二级主任科员"
    /// ```
    ///
    /// ## Parameters
    /// - `senior_share` (float, default 0.6): the share of the administrative quota that may hold
    ///   一级–四级主任科员.
    /// - `top_share` (float, default 0.5): the share of the senior cap that may hold 一级/二级主任科员.
    ///
    /// ## 检查内容
    /// 行政编制人员中：一级至四级主任科员人数不超过 ⌊`senior_share` × 本单位行政编制数⌋；其中一级、
    /// 二级主任科员人数不超过 ⌊`top_share` × 前述上限⌋。行政编制数取本单位 `[quota]` 的
    /// `administrative`（未列为 0）。派驻机构人员占用县级部门编制，不计入；2019 年以前的职级名称
    /// （主任科员、副主任科员等）不计入。
    ///
    /// ## 依据
    /// 《公务员职务与职级并行规定》（凭记忆，未经原文核对）：一级至四级主任科员不超过机关行政编制的
    /// 60%，其中一级、二级主任科员不超过一级至四级主任科员总数的 50%。《关于深化经济发达镇行政管理
    /// 体制改革工作的意见》（中共江苏省委办公厅，2017）二(四)1：“推进机关公务员职务与职级并行制度”。
    pub struct RankQuota {
        code: "BZ205",
        name: "rank-quota",
        title: "职级职数比例",
        short: ("职级比例超限", "rank shares"),
        level: Warning,
        cite: ("职务职级并行规定；江苏经济发达镇意见 二（四）1", "Posts and Ranks Rules 2019; Jiangsu DT Opinions 2017, II(4).1"),
        scope: Town,
        params: Params,
        examples: {
            "senior cap ⌊0.6 × 3⌋ = 1, top cap ⌊0.5 × 1⌋ = 0" => "一至四级上限 ⌊0.6 × 3⌋ = 1，一级、二级上限 ⌊0.5 × 1⌋ = 0",
            "over the top cap 0" => "超过一级、二级上限 0",
            "senior cap 6, top cap 3" => "一至四级上限 6 名，一级、二级上限 3 名",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub senior_share: f64,
    pub top_share: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            senior_share: 0.6,
            top_share: 0.5,
        }
    }
}

/// ⌊`share` × `base`⌋, robust to binary rounding: 0.57 × 100 is 56.99999999999999 in floating
/// point, but the cap is 57. A negative or not-a-number share gives 0.
pub fn cap(share: f64, base: u64) -> u64 {
    let x = share * base as f64;
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    // `as` saturates at u64::MAX for an infinite share.
    (x + 1e-9).floor() as u64
}

fn is_senior(r: Rank) -> bool {
    matches!(
        r,
        Rank::PrincipalStaff1
            | Rank::PrincipalStaff2
            | Rank::PrincipalStaff3
            | Rank::PrincipalStaff4
    )
}

fn is_top(r: Rank) -> bool {
    matches!(r, Rank::PrincipalStaff1 | Rank::PrincipalStaff2)
}

impl RuleImpl for RankQuota {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let dispatched = |p: &Person| {
            org.body(&p.body.value)
                .is_some_and(|b| b.kind.value == BodyKind::Dispatched)
        };
        let ranked: Vec<(&Person, Rank, Span)> = org
            .persons
            .iter()
            .filter(|p| p.establishment.value == Establishment::Administrative && !dispatched(p))
            .filter_map(|p| p.rank.as_ref().map(|r| (p, r.value, r.span)))
            .collect();
        let senior: Vec<_> = ranked.iter().filter(|(_, r, _)| is_senior(*r)).collect();
        let top: Vec<_> = ranked.iter().filter(|(_, r, _)| is_top(*r)).collect();

        let quota = u64::from(org.quota.get(Category::Administrative));
        let senior_cap = cap(params.senior_share, quota);
        let top_cap = cap(params.top_share, senior_cap);
        let (quota_span, quota_label) = match org.quota.entry(Category::Administrative) {
            Some((k, v)) => (
                Span::new(k.span.start, v.span.end),
                text!("administrative quota {quota}", "行政编制 {quota} 名"),
            ),
            None if org.quota.present => (
                org.quota.span,
                text!("no administrative quota", "未核定行政编制"),
            ),
            None => (
                org.unit.span,
                text!(
                    "no `[quota]`: administrative quota 0",
                    "未写 `[quota]`：行政编制为 0"
                ),
            ),
        };
        let unit_id = &org.unit.id.value;
        let s = params.senior_share;
        let t = params.top_share;

        if let Some(&&(over, _, over_span)) = senior.get(senior_cap as usize) {
            let n = senior.len();
            let who = cx.who(over);
            out.push(finding(
                cx,
                over_span,
                text!(
                    "{n} holders of principal staff ranks 1–4 (一级–四级主任科员) in the administrative establishment; at most ⌊{s} × {quota}⌋ = {senior_cap} allowed",
                    "行政编制人员中一级至四级主任科员 {n} 名，超过上限 ⌊{s} × {quota}⌋ = {senior_cap} 名"
                ),
                text!(
                    "holder no. {no} ({who})",
                    "第 {no} 名（{who}）",
                    no = senior_cap + 1
                ),
                text!(
                    "hold back promotions to these ranks until {excess} fewer hold them, or have the administrative quota raised",
                    "暂停晋升主任科员职级，直至减少 {excess} 名，或按程序增加行政编制",
                    excess = n as u64 - senior_cap
                ),
                (quota_span, quota_label.clone()),
                senior.first().map(|&&(_, _, sp)| sp),
                unit_id,
            ));
        }
        if let Some(&&(over, _, over_span)) = top.get(top_cap as usize) {
            let n = top.len();
            let who = cx.who(over);
            out.push(finding(
                cx,
                over_span,
                text!(
                    "{n} holders of principal staff ranks 1–2 (一级/二级主任科员) in the administrative establishment; at most ⌊{t} × {senior_cap}⌋ = {top_cap} allowed, {senior_cap} being the cap of ranks 1–4 (⌊{s} × {quota}⌋)",
                    "行政编制人员中一级、二级主任科员 {n} 名，超过上限 ⌊{t} × {senior_cap}⌋ = {top_cap} 名（一级至四级主任科员上限为 ⌊{s} × {quota}⌋ = {senior_cap} 名）"
                ),
                text!(
                    "holder no. {no} ({who})",
                    "第 {no} 名（{who}）",
                    no = top_cap + 1
                ),
                text!(
                    "hold back promotions to 一级/二级主任科员 until {excess} fewer hold them",
                    "暂停晋升一级、二级主任科员，直至减少 {excess} 名",
                    excess = n as u64 - top_cap
                ),
                (quota_span, quota_label),
                top.first().map(|&&(_, _, sp)| sp),
                unit_id,
            ));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn finding(
    cx: &FileCx<'_>,
    span: Span,
    message: Text,
    primary: Text,
    help: Text,
    quota: (Span, Text),
    first: Option<Span>,
    unit_id: &str,
) -> Finding {
    let file = cx.org.file;
    let mut f = Finding::new(file, span, message)
        .target(Target::unit(unit_id))
        .primary(primary)
        .help(help)
        .label(file, quota.0, quota.1);
    if let Some(first) = first.filter(|&s| s != span) {
        f = f.label(file, first, text!("first holder counted", "计入的第一名"));
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_floor_the_share() {
        assert_eq!(cap(0.6, 10), 6);
        assert_eq!(cap(0.6, 5), 3);
        assert_eq!(cap(0.6, 3), 1);
        assert_eq!(cap(0.6, 1), 0);
        assert_eq!(cap(0.5, 1), 0);
        assert_eq!(cap(0.5, 7), 3);
        assert_eq!(cap(0.6, 0), 0);
    }

    #[test]
    fn caps_survive_binary_rounding() {
        // 0.57 × 100 = 56.99999999999999 in f64.
        assert_eq!(cap(0.57, 100), 57);
        assert_eq!(cap(0.7, 10), 7);
        assert_eq!(cap(0.1, 30), 3);
    }

    #[test]
    fn odd_shares_do_not_panic() {
        assert_eq!(cap(-0.5, 10), 0);
        assert_eq!(cap(f64::NAN, 10), 0);
        assert_eq!(cap(f64::INFINITY, 10), u64::MAX);
        assert_eq!(cap(1.0, u64::from(u32::MAX)), u64::from(u32::MAX));
    }

    #[test]
    fn top_cap_is_a_share_of_the_floored_senior_cap() {
        // 20 administrative posts: senior cap ⌊0.6 × 20⌋ = 12, top cap ⌊0.5 × 12⌋ = 6.
        assert_eq!(cap(0.6, 20), 12);
        assert_eq!(cap(0.5, cap(0.6, 20)), 6);
        // 3 posts: senior cap 1, top cap 0.
        assert_eq!(cap(0.5, cap(0.6, 3)), 0);
        // The senior cap is floored before the top share applies: with top_share 0.4 and 13 posts,
        // ⌊0.4 × ⌊7.8⌋⌋ = ⌊2.8⌋ = 2, where a product of the shares would give ⌊0.24 × 13⌋ = 3.
        assert_eq!(cap(0.4, cap(0.6, 13)), 2);
    }
}
