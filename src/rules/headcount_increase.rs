use crate::analysis::reorg;
use crate::base::diag::{Finding, Level, Target};
use crate::base::i18n::{msg, Text};
use crate::base::source::{FileId, Span};
use crate::model::{OrgFile, Transfer, TransferDirection};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Against the plan's baseline (the newest earlier snapshot of the same unit, `--baseline FILE`
    /// or `--baseline-rev REV`), three figures rise by no more than the documented transfers allow:
    ///
    /// 1. the number of the unit's own bodies of kinds `functional` and `institution` (sub-bodies
    ///    included; dispatched, party and mass, and coordination bodies are not counted);
    /// 2. the total approved establishment: all categories of `[quota]` added up;
    /// 3. the fiscally funded headcount, counted as BZ101 counts the unit's actual staff (the
    ///    leadership team plus every non-dispatched body's roster, or its `staff` table where it
    ///    keeps none), leaving out people with `fiscally_funded = false` and `staff` counts of
    ///    `none`.
    ///
    /// The allowance comes from establishment moved into the unit with its people (带编划转): each
    /// `[[transfer]]` with `direction = "in"` dated after the baseline's `as_of` and not after the
    /// file's. The establishment and the funded headcount may rise by the sum of their `count`; the
    /// own bodies by the number with `whole_body = true`. Each rise beyond the allowance is its own
    /// finding in the new file, labelled at the baseline's figure in the baseline file and at the
    /// transfers counted.
    ///
    /// A plan (`status = "proposal"`) without a baseline is not shown: one `info` finding says how
    /// to give it one. A current snapshot without an earlier one is not checked.
    ///
    /// Transfers `out` give no allowance: establishment moved out leaves the unit's figures, which
    /// BZ108 checks.
    ///
    /// The county-wide total is not compared (an org file holds no county establishment): BZ103
    /// keeps the towns' sum within the county's limit, which the transfer's document must raise.
    /// Moving administrative establishment between levels of one region needs the approval of the
    /// central establishment authority (国务院机构编制管理机关), on the report of the province's
    /// (State Council Decree 486, art. 18); BZ109 looks for it in the transfer's `above.by`.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(4).2: “确保基层机构编制和财政供养人员
    /// 总量只减不增” — the bodies, establishment and fiscally funded staff of the grass-roots level,
    /// taken together, only go down. II(4).1 provides the one way up for a town: “将县级相关人员带编
    /// 划转” — county staff moved to the town together with their establishment, which leaves the
    /// grass-roots total unchanged.
    ///
    /// ## Example
    /// ```toml
    /// # baseline (2018.toml): as_of = 2018-06-30, [quota] administrative = 84, institution = 28
    /// [unit]
    /// id = "shengze"
    /// as_of = 2020-06-30
    /// status = "proposal"
    /// [quota]
    /// administrative = 92     # total 112 → 120: reported; no transfer allows it
    /// institution = 28
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// # baseline (2018.toml): as_of = 2018-06-30, [quota] administrative = 84, institution = 28
    /// [quota]
    /// administrative = 90     # total 112 → 118: 6 transferred in with their establishment
    /// institution = 28
    /// [[transfer]]
    /// direction = "in"
    /// body = "zfj"
    /// counterpart = "吴江区城市管理局"
    /// category = "administrative"
    /// count = 6
    /// doc = "吴编〔2020〕15号"
    /// date = 2020-05-20
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 与方案的基线（同一单位较早的最新快照、`--baseline FILE` 或 `--baseline-rev REV`）相比，以下
    /// 三项的增加不得超过有据可查的划转所允许的数额：
    ///
    /// 1. 本单位职能机构和事业单位（`functional`、`institution`）的数量，含内设机构；派驻机构、
    ///    群团组织和议事协调机构不计；
    /// 2. 核定编制总数：`[quota]` 各类编制之和；
    /// 3. 财政供养人数：按 BZ101 的口径统计本单位实有人员（领导班子，加上派驻机构以外各机构的
    ///    名册，未建名册的按 `staff` 表），不计 `fiscally_funded = false` 的人员和 `staff` 中的
    ///    `none`。
    ///
    /// 允许增加的数额来自带编划转：`direction = "in"`、日期晚于基线 `as_of` 且不晚于本文件 `as_of`
    /// 的每条 `[[transfer]]`。核定编制和财政供养人数可增加其 `count` 之和；机构数可增加
    /// `whole_body = true` 的划转条数。超出部分每项各报告一次，指向新文件，并标出基线文件中的数字和
    /// 计入的划转。
    ///
    /// 方案（`status = "proposal"`）没有基线的，以一条 `info` 提示无法检查，并说明如何提供基线。
    /// 现状快照没有更早快照的，不检查。
    ///
    /// 划出（`out`）的划转不增加允许数额：划出的编制随之离开本单位，由 BZ108 检查。
    ///
    /// 不比较县域总量（组织文件不含县的编制）：各镇之和不超过县的限额由 BZ103 检查，划转文件应同时
    /// 调整县的限额。《地方各级人民政府机构设置和编制管理条例》第十八条规定，在同一个行政区域不同
    /// 层级之间调配使用行政编制，由省级机构编制管理机关报国务院机构编制管理机关审批；BZ109 检查划转
    /// 的 `above.by` 是否载明该审批。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(四)2：
    /// “确保基层机构编制和财政供养人员总量只减不增”；二(四)1：“将县级相关人员带编划转”，充实到镇
    /// 的机构。带编划转不改变基层总量，镇的数字可随之增加。
    pub struct HeadcountIncrease {
        code: "BZ104",
        name: "headcount-increase",
        title: "机构编制只减不增",
        short: ("突破只减不增", "headcount increase"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（四）2、二（四）1", "Jiangsu DT Opinions 2017, II(4).2, II(4).1"),
        scope: Dev,
        examples: {
            "baseline (2018.toml): as_of = 2018-06-30, [quota] administrative = 84, institution = 28" => "现状（2018.toml）：as_of = 2018-06-30，[quota] administrative = 84，institution = 28",
            "total 112 → 120: reported; no transfer allows it" => "合计 112 → 120：报告；没有划转可以解释",
            "total 112 → 118: 6 transferred in with their establishment" => "合计 112 → 118：6 名随编制划入",
        },
    }
}

/// The transfers into the unit that count between the baseline and the plan: `in`, dated after the
/// baseline's `as_of` and not after the file's. Transfers `out` give no allowance (BZ108 checks
/// that what they move leaves the quota).
fn counted_transfers<'a>(org: &'a OrgFile, base: &OrgFile) -> Vec<&'a Transfer> {
    org.transfers
        .iter()
        .filter(|t| t.direction.value == TransferDirection::In)
        .filter(|t| t.in_window(base, org))
        .collect()
}

/// One figure compared with the baseline.
struct Rise<'a> {
    file: FileId,
    span: Span,
    base_file: FileId,
    base_span: Span,
    /// The new figure and the baseline's.
    n: u64,
    b: u64,
    /// What the transfers allow on top of the baseline, and the transfers that allow it.
    allowance: u64,
    transfers: &'a [&'a Transfer],
}

impl Rise<'_> {
    /// The finding when the figure rises beyond the allowance, in the words of `what`.
    fn finding(&self, what: What) -> Option<Finding> {
        let (n, b, allow) = (self.n, self.b, self.allowance);
        let max = b + allow;
        if n <= max {
            return None;
        }
        let (en, zh, unit_zh) = (what.en, what.zh, what.unit_zh);
        // The baseline figure, the allowance and the new figure, whatever the allowance.
        let message = text!(
            "{en} rises from the baseline's {b} to {n}; documented transfers in allow {allow} more (at most {max})",
            "{zh}由现状 {b} {unit_zh}增至 {n} {unit_zh}，带编划入允许增加 {allow} {unit_zh}（至多 {max} {unit_zh}），突破“只减不增”要求"
        );
        let mut f = Finding::new(self.file, self.span, message)
            .primary(what.primary)
            .label(self.base_file, self.base_span, what.base_label)
            .help(what.help);
        for t in self.transfers {
            let (c, doc) = (t.count.value, &t.doc.value);
            let label = match what.kind {
                Kind::Bodies => text!("a whole body transferred in ({doc})", "整建制划入（{doc}）"),
                Kind::Figures => text!(
                    "{c} transferred in with their establishment ({doc})",
                    "带编划入 {c} 名（{doc}）"
                ),
            };
            f = f.label(self.file, t.span, label);
        }
        Some(f)
    }
}

enum Kind {
    Bodies,
    Figures,
}

/// The words of one figure.
struct What {
    kind: Kind,
    en: &'static str,
    zh: &'static str,
    unit_zh: &'static str,
    primary: Text,
    base_label: Text,
    help: Text,
}

impl RuleImpl for HeadcountIncrease {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let (file, unit) = (org.file, &org.unit);
        let Some(base) = cx.baseline else {
            if org.is_proposal() {
                out.push(not_shown(org, cx.ws.rev_unread.get(&org.file)));
            }
            return;
        };
        let base_file = base.file;
        let transfers = counted_transfers(org, base);
        let whole: Vec<&Transfer> = transfers
            .iter()
            .copied()
            .filter(|t| t.is_whole_body())
            .collect();
        let moved: u64 = transfers.iter().map(|t| u64::from(t.count.value)).sum();

        // 1. Bodies of the unit's own.
        let new_bodies = reorg::counted_bodies(org);
        let old_bodies = reorg::counted_bodies(base);
        let (n, b) = (new_bodies.len(), old_bodies.len());
        let allow = whole.len();
        if n > b + allow {
            // Point at a body the plan sets up anew (one that continues or merges no baseline
            // body, and is not moved in whole); else, as BZ001 points at the first body over the
            // limit, at the first body over the allowed count.
            let moved_in = |body: &crate::model::Body| {
                whole
                    .iter()
                    .any(|t| !t.is_out() && t.body.value == body.id.value)
            };
            let set_up = reorg::Reorg::build(base, org)
                .new_bodies()
                .into_iter()
                .find(|nb| new_bodies.iter().any(|c| std::ptr::eq(*c, *nb)) && !moved_in(nb));
            let (at, primary) = match set_up {
                Some(at) => {
                    let name = &at.name.value;
                    (
                        at,
                        text!(
                            "{name}, set up anew: body no. {n} of the count",
                            "新设{name}：计为第 {n} 个机构"
                        ),
                    )
                }
                None => {
                    let at = new_bodies[b + allow];
                    let (k, id) = (b + allow + 1, &at.id.value);
                    (
                        at,
                        text!("body no. {k} (`{id}`)", "第 {k} 个机构（`{id}`）"),
                    )
                }
            };
            let rise = Rise {
                file,
                span: at.span,
                base_file,
                base_span: old_bodies.last().map_or(base.unit.span, |x| x.span),
                n: n as u64,
                b: b as u64,
                allowance: allow as u64,
                transfers: &whole,
            };
            let what = What {
                kind: Kind::Bodies,
                en: "the number of functional and institution bodies",
                zh: "职能机构和事业单位",
                unit_zh: "个",
                primary,
                base_label: text!(
                    "the baseline has {b} such bodies",
                    "现状共 {b} 个此类机构"
                ),
                help: text!(
                    "merge or abolish bodies until at most {max} functional and institution bodies remain; a body that takes over others names them in `merged_from`; a body moved in whole from the county is a `[[transfer]]` with `whole_body = true`",
                    "合并或撤销机构，使职能机构和事业单位不超过 {max} 个；承继其他机构的，在 `merged_from` 中写明；整建制从县级划入的，写明 `[[transfer]]` 并注明 `whole_body = true`",
                    max = b + allow
                ),
            };
            // A count of the unit as a whole: no target (CLI.md), though it points at a body that makes it.
            out.extend(rise.finding(what));
        }

        // 2. Total approved establishment.
        let (n, b) = (org.quota.total(), base.quota.total());
        let span = if org.quota.present {
            org.quota.span
        } else {
            unit.span
        };
        let base_span = if base.quota.present {
            base.quota.span
        } else {
            base.unit.span
        };
        let max = b + moved;
        let rise = Rise {
            file,
            span,
            base_file,
            base_span,
            n,
            b,
            allowance: moved,
            transfers: &transfers,
        };
        out.extend(rise.finding(What {
            kind: Kind::Figures,
            en: "total approved establishment",
            zh: "核定编制总数",
            unit_zh: "名",
            primary: text!("{n} in total", "合计 {n} 名"),
            base_label: text!("the baseline: {b} in total", "现状：合计 {b} 名"),
            help: text!(
                "reduce `[quota]` by {d} so that its total is at most {max}, or record the establishment moved in with its people as a `[[transfer]]` with its document",
                "将 `[quota]` 核减 {d} 名，使总数不超过 {max} 名；带编划入的，写明 `[[transfer]]` 及其文件",
                d = n.saturating_sub(max)
            ),
        }));

        // 3. Fiscally funded headcount.
        let (n, b) = (reorg::funded_headcount(org), reorg::funded_headcount(base));
        let max = b + moved;
        let rise = Rise {
            file,
            span: unit.span,
            base_file,
            base_span: base.unit.span,
            n,
            b,
            allowance: moved,
            transfers: &transfers,
        };
        out.extend(rise.finding(What {
            kind: Kind::Figures,
            en: "fiscally funded headcount",
            zh: "财政供养人数",
            unit_zh: "人",
            primary: text!("{n} fiscally funded", "财政供养 {n} 人"),
            base_label: text!("the baseline: {b} fiscally funded", "现状：财政供养 {b} 人"),
            help: text!(
                "staff the plan with at most {max} fiscally funded people (roster entries and `staff` counts): offset every new post by someone who leaves, or record the staff moved in from the county as a `[[transfer]]`",
                "方案配备的财政供养人员（名册和 `staff` 表）不得超过 {max} 人：新增人员须以减员抵补；从县级带编划入的，写明 `[[transfer]]`"
            ),
        }));
    }
}

/// A plan without a baseline: the comparison could not run.
fn not_shown(org: &OrgFile, rev: Option<&String>) -> Finding {
    let id = &org.unit.id.value;
    let span = org.unit.status.span;
    Finding::new(
        org.file,
        span,
        text!(
            "plan `{id}` has no baseline: whether bodies, establishment and funded headcount rise could not be checked",
            "方案 `{id}` 没有可对照的现状：无法检查机构、编制和财政供养人员是否增加"
        ),
    )
    .target(Target::unit(id))
    .fixed_level(Level::Info)
    .primary(text!("a plan without a baseline", "没有现状可对照的方案"))
    .help(match rev {
        Some(rev) => msg::baseline_rev_unread(rev),
        None if crate::base::i18n::on_page() => crate::base::i18n::page::pick_the_baseline(id),
        None => text!(
            "give the structure in force with `--baseline FILE` or `--baseline-rev REV`, or check the plan together with an earlier snapshot of unit `{id}`",
            "用 `--baseline FILE` 或 `--baseline-rev REV` 给出现行结构，或与单位 `{id}` 较早的快照一起检查"
        ),
    })
    .uncompared()
}
