use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Target};
use crate::model::{Category, Transfer, TransferDirection};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A `[[transfer]]` (`in` or `out`) of `administrative` establishment whose `counterpart` is at
    /// another level of government has an `above` approval whose `by` contains one of
    /// `central_authorities`.
    ///
    /// The level is read from the first place name in `counterpart`: its shortest beginning of two
    /// or more characters that ends in 省, 市, 县, 区, 镇, 乡 or 街道 and is not directly followed by
    /// 市, 县 or 区 (so `宁乡市…` is the city 宁乡市, not a 乡). A place name ending in 镇, 乡 or 街道
    /// is a town-level unit, the same level as the file's; any other (`盱眙县城市管理局`,
    /// `镇江市…`, `吴江区城市管理局`) is another level. A transfer between two towns of one county
    /// (`counterpart = "西来桥镇"`) is within one level and not checked; so is a transfer without
    /// `counterpart`, or one whose `counterpart` has no place name (no data, no finding).
    ///
    /// The finding is at the transfer's `counterpart`, labelled at its `above` where there is one.
    ///
    /// ## Why
    /// State Council Decree 486 (《地方各级人民政府机构设置和编制管理条例》, 2007), art. 18:
    /// “在同一个行政区域不同层级之间调配使用行政编制的，应当由省、自治区、直辖市人民政府机构编制
    /// 管理机关报国务院机构编制管理机关审批” — administrative establishment moved between levels of
    /// one region is approved by the central establishment authority, on the province's report; the
    /// county's or the province's own approval is not enough. The rule warns, because the approval
    /// may exist without the file recording it.
    ///
    /// ## Example
    /// ```toml
    /// [[transfer]]
    /// direction = "in"
    /// body = "zfj"
    /// counterpart = "盱眙县城市管理局"   # a county bureau: another level; no central approval
    /// category = "administrative"
    /// count = 4
    /// by = "盱眙县机构编制委员会"
    /// doc = "盱编〔2020〕8号"
    /// date = 2020-05-20
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[transfer]]
    /// direction = "in"
    /// body = "zfj"
    /// counterpart = "盱眙县城市管理局"
    /// category = "administrative"
    /// count = 4
    /// by = "盱眙县机构编制委员会"
    /// doc = "盱编〔2020〕8号"
    /// date = 2020-05-20
    /// above = { by = "中央机构编制委员会办公室", doc = "中编办复字〔2020〕31号", date = 2020-04-30 }
    /// ```
    ///
    /// ## Parameters
    /// - `central_authorities` (default `["中央机构编制委员会", "中央编办", "国务院机构编制管理机关"]`):
    ///   an `above.by` containing one of these is the central approval. `中央机构编制委员会办公室`
    ///   contains the first.
    ///
    /// ## 检查内容
    /// 划转（划入或划出）`administrative`（行政编制）、`counterpart` 属于另一层级的
    /// `[[transfer]]`，须有 `above`，且其 `by` 包含 `central_authorities` 之一。
    ///
    /// 层级按 `counterpart` 中的第一个地名判断：从开头起、至少两个字、以省、市、县、区、镇、乡或街道
    /// 结尾、且其后不紧跟市、县或区的最短前缀（因此 `宁乡市…` 是宁乡市，不是乡）。地名以镇、乡或街道
    /// 结尾的为乡镇一级，与本文件同级；其他的（`盱眙县城市管理局`、`镇江市…`、`吴江区城市管理局`）
    /// 为另一层级。同一县内两个乡镇之间的划转（`counterpart = "西来桥镇"`）属同一层级，不检查；没有
    /// `counterpart`，或 `counterpart` 中找不到地名的，也不检查。
    ///
    /// 问题报在划转的 `counterpart` 处，有 `above` 的同时标出。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第十八条：“在同一个行政区域不同
    /// 层级之间调配使用行政编制的，应当由省、自治区、直辖市人民政府机构编制管理机关报国务院机构编制
    /// 管理机关审批”。县级或省级自行批准不足以调配行政编制。审批可能已有而文件未载，故只作警告。
    pub struct CrossLevelAdministrative {
        code: "BZ109",
        name: "cross-level-administrative",
        title: "跨层级调配行政编制须经中央审批",
        short: ("跨层级调配行政编制", "cross-level administrative transfer"),
        level: Warning,
        cite: ("国务院令第486号 第十八条", "State Council Decree 486, art. 18"),
        scope: Town,
        params: Params,
        examples: {
            "a county bureau: another level; no central approval" => "县级部门：另一层级；没有中央审批",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// An `above.by` containing one of these is the central establishment authority's approval.
    pub central_authorities: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            central_authorities: ["中央机构编制委员会", "中央编办", "国务院机构编制管理机关"]
                .map(String::from)
                .to_vec(),
        }
    }
}

/// The endings of a place name, longest first where one ends another.
const PLACE_ENDS: &[&str] = &["街道", "省", "市", "县", "区", "镇", "乡"];
/// A place name followed by one of these is part of a longer one (宁乡 + 市).
const LONGER: &[char] = &['市', '县', '区'];
/// The endings of a town-level place name.
const TOWN_ENDS: &[&str] = &["镇", "乡", "街道"];

/// The first place name in `s`: its shortest beginning of two or more characters that ends in a
/// place ending and is not directly followed by 市, 县 or 区.
pub fn first_place(s: &str) -> Option<&str> {
    let ends: Vec<usize> = s
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .skip(1) // two characters at least
        .collect();
    ends.into_iter().find_map(|end| {
        let prefix = &s[..end];
        let next = s[end..].chars().next();
        (PLACE_ENDS.iter().any(|e| prefix.ends_with(e))
            && !next.is_some_and(|c| LONGER.contains(&c)))
        .then_some(prefix)
    })
}

/// Whether `counterpart` is at another level than a town: `None` where no place name says.
pub fn another_level(counterpart: &str) -> Option<bool> {
    let place = first_place(counterpart.trim())?;
    Some(!TOWN_ENDS.iter().any(|e| place.ends_with(e)))
}

impl RuleImpl for CrossLevelAdministrative {
    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        for t in &org.transfers {
            if t.category.value != Category::Administrative {
                continue;
            }
            let Some(cp) = &t.counterpart else { continue };
            if another_level(&cp.value) != Some(true) {
                continue;
            }
            if approved_centrally(t, params) {
                continue;
            }
            let place = first_place(cp.value.trim()).unwrap_or_default();
            let (name, count, doc) = (&cp.value, t.count.value, &t.doc.value);
            let message = match t.direction.value {
                TransferDirection::In => text!(
                    "{count} administrative establishment moved in from {name} ({place}, another level) without the central establishment authority's approval in `above`",
                    "从{name}（{place}，另一层级）划入行政编制 {count} 名，`above` 未载国务院机构编制管理机关的审批"
                ),
                TransferDirection::Out => text!(
                    "{count} administrative establishment moved out to {name} ({place}, another level) without the central establishment authority's approval in `above`",
                    "向{name}（{place}，另一层级）划出行政编制 {count} 名，`above` 未载国务院机构编制管理机关的审批"
                ),
            };
            let mut f = Finding::new(org.file, cp.span, message)
                .target(Target::unit(&org.unit.id.value))
                .primary(text!("{place}: another level", "{place}：另一层级"))
                .label(org.file, t.span, text!("transfer ({doc})", "划转（{doc}）"));
            if let Some(a) = &t.above {
                let by = a.by.as_ref().map_or("", |b| b.value.as_str());
                f = f.label(
                    org.file,
                    a.span,
                    text!(
                        "approved above by {by}: not the central authority",
                        "上级审批机关为{by}，不是国务院机构编制管理机关"
                    ),
                );
            }
            let first = params
                .central_authorities
                .first()
                .map_or("中央机构编制委员会", String::as_str);
            out.push(f.help(text!(
                "record the approval in `above = {{ by = \"{first}…\", doc = \"…\", date = … }}`: moving administrative establishment between levels is approved by the central authority on the province's report (State Council Decree 486, art. 18)",
                "在 `above = {{ by = \"{first}…\", doc = \"…\", date = … }}` 中载明审批：不同层级之间调配行政编制，须由省级机构编制管理机关报国务院机构编制管理机关审批（国务院令第486号第十八条）"
            )));
        }
    }
}

fn approved_centrally(t: &Transfer, params: &Params) -> bool {
    let Some(by) = t.above.as_ref().and_then(|a| a.by.as_ref()) else {
        return false;
    };
    params
        .central_authorities
        .iter()
        .any(|c| !c.is_empty() && by.value.contains(c.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_place_name_decides_the_level() {
        let cases: &[(&str, Option<&str>, Option<bool>)] = &[
            ("盱眙县城市管理局", Some("盱眙县"), Some(true)),
            ("镇江市城管局", Some("镇江市"), Some(true)),
            ("宁乡市城市管理和综合执法局", Some("宁乡市"), Some(true)),
            ("新坝镇综合行政执法局", Some("新坝镇"), Some(false)),
            ("槐屿镇", Some("槐屿镇"), Some(false)),
            ("吴江区城市管理局", Some("吴江区"), Some(true)),
            ("西来桥镇", Some("西来桥镇"), Some(false)),
            ("城东街道", Some("城东街道"), Some(false)),
            ("江苏省机构编制委员会办公室", Some("江苏省"), Some(true)),
            ("水务局", None, None),
            ("", None, None),
        ];
        for &(s, place, level) in cases {
            assert_eq!(first_place(s), place, "{s}");
            assert_eq!(another_level(s), level, "{s}");
        }
    }

    #[test]
    fn a_central_authority_is_found_in_above_by() {
        let p = Params::default();
        let ok = [
            "中央机构编制委员会办公室",
            "中央编办",
            "国务院机构编制管理机关",
        ];
        for by in ok {
            assert!(p
                .central_authorities
                .iter()
                .any(|c| by.contains(c.as_str())));
        }
        assert!(!p
            .central_authorities
            .iter()
            .any(|c| "江苏省机构编制委员会".contains(c.as_str())));
    }
}
