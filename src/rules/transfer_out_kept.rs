use crate::base::diag::{Finding, Target};
use crate::base::source::{Sp, Span};
use crate::model::{Category, Counts, OrgFile, Transfer, TransferDirection};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Where a file has a baseline (the newest earlier snapshot of the same unit, `--baseline FILE`
    /// or `--baseline-rev REV`) and `[[transfer]]` entries with `direction = "out"` dated after the
    /// baseline's `as_of` and not after the file's move establishment out of the unit (带编划出),
    /// the establishment goes with them:
    ///
    /// 1. per category moved out, the unit's `[quota]` is at most the baseline's, less the `count`
    ///    of the `out` transfers of that category, plus the `count` of its `in` transfers of the
    ///    same window;
    /// 2. a giving body that continues (the transfer's `body`, present in both files, and not moved
    ///    out whole) has in that category a `quota` of at most its baseline quota, less its `out`
    ///    counts, plus its `in` counts.
    ///
    /// The finding is at the category's value in the plan's `[quota]` (or the body's `quota`), and
    /// labels the transfers out and the baseline's figure; the message gives the baseline figure,
    /// what was moved out and in, the figure allowed and the figure written. A file without a
    /// baseline, a category its `[quota]` (or the body's `quota`) does not write, and a unit or
    /// body without a quota in the baseline are not checked.
    ///
    /// ## Why
    /// State Council Decree 486 (《地方各级人民政府机构设置和编制管理条例》, 2007), art. 26(3):
    /// “擅自增加编制” is among the acts the regulations forbid; art. 6: “禁止擅自设置机构和增加编制”.
    /// Establishment moved out with its people (带编划转) is counted by the side that receives it;
    /// a giver that keeps it in its own quota has in effect added establishment no one approved.
    ///
    /// ## Example
    /// ```toml
    /// # baseline (2018.toml): as_of = 2018-12-31, [quota] institution = 40
    /// [unit]
    /// id = "guanyin"
    /// as_of = 2019-06-30
    /// status = "proposal"
    /// [quota]
    /// institution = 40        # reported: 40 − 6 moved out = at most 34
    /// [[transfer]]
    /// direction = "out"
    /// body = "slz"
    /// whole_body = true
    /// counterpart = "盱眙县水务局"
    /// category = "institution"
    /// count = 6
    /// doc = "盱编〔2019〕12号"
    /// date = 2019-03-01
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [quota]
    /// institution = 34        # 40 − 6
    /// [[transfer]]
    /// direction = "out"
    /// body = "slz"
    /// whole_body = true
    /// counterpart = "盱眙县水务局"
    /// category = "institution"
    /// count = 6
    /// doc = "盱编〔2019〕12号"
    /// date = 2019-03-01
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 文件有基线（同一单位较早的最新快照、`--baseline FILE` 或 `--baseline-rev REV`），且有
    /// `direction = "out"`、日期晚于基线 `as_of` 且不晚于本文件 `as_of` 的 `[[transfer]]` 将编制
    /// 划出本单位（带编划出）的，编制随之划出：
    ///
    /// 1. 按划出的编制类别，本单位 `[quota]` 不超过基线的核定数，减去该类别划出的 `count`，加上同一
    ///    期间该类别划入的 `count`；
    /// 2. 划出编制的机构仍保留的（划转的 `body` 在两个文件中都有，且不是整建制划出），其该类别的
    ///    `quota` 不超过基线中的核定数，减去其划出数，加上其划入数。
    ///
    /// 问题报在方案 `[quota]`（或机构 `quota`）中该类别的数字处，并标出划出的划转和基线中的数字；
    /// 说明基线数、划出数、划入数、应有数和实际数。没有基线的文件、`[quota]`（或机构 `quota`）未写
    /// 的类别、基线中没有核定编制的单位或机构，不检查。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第二十六条第(三)项：
    /// “擅自增加编制”；第六条：“禁止擅自设置机构和增加编制”。带编划转的编制由接收方核定；划出方
    /// 仍保留在本单位核定数中的，等于未经批准增加了编制。
    pub struct TransferOutKept {
        code: "BZ108",
        name: "transfer-out-kept",
        title: "带编划出后编制未相应核减",
        short: ("划出编制未核减", "establishment transferred out kept"),
        level: Error,
        cite: ("国务院令第486号 第二十六条第（三）项、第六条", "State Council Decree 486, arts. 26(3), 6"),
        scope: Town,
        examples: {
            "baseline (2018.toml): as_of = 2018-12-31, [quota] institution = 40" => "现状（2018.toml）：as_of = 2018-12-31，[quota] institution = 40",
            "reported: 40 − 6 moved out = at most 34" => "报告：40 − 6（划出）= 至多 34",
        },
    }
}

/// The transfers of the window between the baseline and the file, in one direction and category,
/// optionally of one body.
fn of<'a>(
    transfers: &'a [&'a Transfer],
    dir: TransferDirection,
    cat: Category,
    body: Option<&str>,
) -> impl Iterator<Item = &'a Transfer> + 'a {
    let body = body.map(str::to_string);
    transfers.iter().copied().filter(move |t| {
        t.direction.value == dir
            && t.category.value == cat
            && body.as_deref().is_none_or(|b| t.body.value == b)
    })
}

fn sum<'a>(ts: impl Iterator<Item = &'a Transfer>) -> u64 {
    ts.map(|t| u64::from(t.count.value)).sum()
}

/// One quota compared: whose it is and where its figures are.
struct Kept<'a> {
    org: &'a OrgFile,
    base: &'a OrgFile,
    cat: Category,
    /// The plan's and the baseline's quota tables.
    quota: &'a Counts<Category>,
    base_quota: &'a Counts<Category>,
    /// `None`: the unit's `[quota]`; else the body's id and name.
    body: Option<(&'a str, &'a str)>,
    outs: Vec<&'a Transfer>,
    moved_in: u64,
}

impl Kept<'_> {
    fn finding(&self) -> Option<Finding> {
        let cat = self.cat;
        // No data, no finding: a quota not written in either file says nothing of what was kept.
        if !self.base_quota.present {
            return None;
        }
        let (_, value): &(Sp<Category>, Sp<u32>) = self.quota.entry(cat)?;
        let actual = u64::from(value.value);
        let base = u64::from(self.base_quota.get(cat));
        let moved_out = sum(self.outs.iter().copied());
        let moved_in = self.moved_in;
        let allowed = (base + moved_in).saturating_sub(moved_out);
        if actual <= allowed {
            return None;
        }
        let (ce, cz) = (cat.word(), cat.zh());
        let excess = actual - allowed;
        let (message, target, help) = match self.body {
            None => (
                text!(
                    "{ce} establishment: {actual} approved after {moved_out} transferred out, at most {allowed} (baseline {base}, moved out {moved_out}, moved in {moved_in}): {excess} kept",
                    "划出{cz} {moved_out} 名后仍核定 {actual} 名，应不超过 {allowed} 名（现状 {base} 名，划出 {moved_out} 名，划入 {moved_in} 名），多留 {excess} 名"
                ),
                Target::unit(&self.org.unit.id.value),
                text!(
                    "lower `{ce}` in `[quota]` to {allowed}: establishment transferred out goes with the people (带编), and keeping it needs its own approval",
                    "将 `[quota]` 中的{cz}核减至 {allowed} 名：编制随人员划出（带编划转），保留须另经批准"
                ),
            ),
            Some((id, name)) => (
                text!(
                    "body `{id}` ({name}) keeps {actual} {ce} establishment after {moved_out} transferred out of it, at most {allowed} (baseline {base}, moved out {moved_out}, moved in {moved_in}): {excess} kept",
                    "{name}（`{id}`）划出{cz} {moved_out} 名后仍核定 {actual} 名，应不超过 {allowed} 名（现状 {base} 名，划出 {moved_out} 名，划入 {moved_in} 名），多留 {excess} 名"
                ),
                Target::body(id),
                text!(
                    "lower `{ce}` in the `quota` of `{id}` to {allowed}: establishment transferred out goes with the people (带编), and keeping it needs its own approval",
                    "将 `{id}` 的 `quota` 中的{cz}核减至 {allowed} 名：编制随人员划出（带编划转），保留须另经批准"
                ),
            ),
        };
        let base_span: Span = self.base_quota.value_span(cat);
        let mut f = Finding::new(self.org.file, value.span, message)
            .target(target)
            .primary(text!("{actual} approved", "核定 {actual} 名"))
            .label(
                self.base.file,
                base_span,
                text!("the baseline: {base}", "现状：{base} 名"),
            )
            .help(help);
        for t in &self.outs {
            let (c, doc) = (t.count.value, &t.doc.value);
            f = f.label(
                self.org.file,
                t.span,
                text!(
                    "{c} {ce} establishment transferred out ({doc})",
                    "带编划出{cz} {c} 名（{doc}）"
                ),
            );
        }
        Some(f)
    }
}

impl RuleImpl for TransferOutKept {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let Some(base) = cx.baseline else { return };
        let window: Vec<&Transfer> = org
            .transfers
            .iter()
            .filter(|t| t.in_window(base, org))
            .collect();
        if !window.iter().any(|t| t.is_out()) {
            return;
        }
        // Categories in the order the transfers out name them.
        let mut cats: Vec<Category> = Vec::new();
        for t in window.iter().filter(|t| t.is_out()) {
            if !cats.contains(&t.category.value) {
                cats.push(t.category.value);
            }
        }

        // 1. The unit's quota.
        for &cat in &cats {
            let kept = Kept {
                org,
                base,
                cat,
                quota: &org.quota,
                base_quota: &base.quota,
                body: None,
                outs: of(&window, TransferDirection::Out, cat, None).collect(),
                moved_in: sum(of(&window, TransferDirection::In, cat, None)),
            };
            out.extend(kept.finding());
        }

        // 2. Each continuing giving body's quota, once per body and category.
        let mut seen: Vec<(&str, Category)> = Vec::new();
        for t in window.iter().filter(|t| t.is_out() && !t.is_whole_body()) {
            let (id, cat) = (t.body.value.as_str(), t.category.value);
            if id == org.unit.id.value || seen.contains(&(id, cat)) {
                continue;
            }
            seen.push((id, cat));
            let (Some(new_body), Some(base_body)) = (org.body(id), base.body(id)) else {
                continue;
            };
            let kept = Kept {
                org,
                base,
                cat,
                quota: &new_body.quota,
                base_quota: &base_body.quota,
                body: Some((id, &new_body.name.value)),
                outs: of(&window, TransferDirection::Out, cat, Some(id)).collect(),
                moved_in: sum(of(&window, TransferDirection::In, cat, Some(id))),
            };
            out.extend(kept.finding());
        }
    }
}
