use std::collections::BTreeMap;

use crate::base::diag::{Finding, Target};
use crate::base::source::Sp;
use crate::model::{Date, Status};
use crate::rules::{FileCx, NoParams, RuleImpl, Shared};
use crate::text;
use crate::workspace::Workspace;

declare_rule! {
    /// ## What it checks
    /// Within one file, no two bodies share an `id`, no two persons share an `id`, and no two
    /// powers share a `code`. Across the files checked together, no two `current` snapshots of the
    /// same date share a unit `id`. The finding is at the second occurrence, with a label at the
    /// first.
    ///
    /// Each kind is its own namespace: a body and a person may carry the same id.
    ///
    /// ## Why
    /// File integrity: every reference (`person.body`, `power.handled_by`, `exception.target`,
    /// `merged_from`) and every comparison with a baseline finds its entity by id; a duplicated id
    /// makes them ambiguous, and two current snapshots of one unit on one date make its baseline
    /// and the county totals ambiguous.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[body]]
    /// id = "economy"        # the second body with this id: reported here
    /// name = "建设管理局"
    /// kind = "functional"
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[body]]
    /// id = "construction"
    /// name = "建设管理局"
    /// kind = "functional"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 同一文件中机构 `id`、人员 `id`、权力事项 `code` 各自不得重复；一并检查的文件中，同一日期的
    /// `current`（现状）快照不得使用相同的单位 `id`。问题报在第二次出现处，并标注第一次出现的位置。
    /// 各类实体分别编号：机构与人员可以使用相同的 id。
    ///
    /// ## 依据
    /// 文件完整性：人员所在机构、权力事项承办机构、例外对象、`merged_from` 以及与基线的比对均按 id
    /// 查找，id 重复将导致指代不明；同一单位同一日期有两份现状快照，其基线和全县合计也无从确定。
    pub struct DuplicateId {
        code: "BZ008",
        name: "duplicate-id",
        title: "标识重复",
        short: ("编号重复", "duplicate id"),
        level: Error,
        cite: ("文件完整性", "file integrity"),
        scope: All,
        examples: {
            "the second body with this id: reported here" => "使用此 id 的第二个机构：在此报告",
        },
    }
}

impl RuleImpl for DuplicateId {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let kinds: [(Kind, Vec<&Sp<String>>); 3] = [
            (Kind::Body, org.bodies.iter().map(|b| &b.id).collect()),
            (Kind::Person, org.persons.iter().map(|p| &p.id).collect()),
            (Kind::Power, org.powers.iter().map(|p| &p.code).collect()),
        ];
        for (kind, ids) in kinds {
            for (first, second) in repeats(&ids) {
                let id = &second.value;
                let (what, target) = match kind {
                    Kind::Body => (text!("body id", "机构标识"), Target::body(id)),
                    Kind::Person => (text!("person id", "人员标识"), Target::person(id)),
                    Kind::Power => (text!("power code", "权力事项编码"), Target::power(id)),
                };
                let (what_en, what_zh) = (&what.en, &what.zh);
                out.push(
                    Finding::new(
                        org.file,
                        second.span,
                        text!(
                            "{what_en} `{id}` is used twice in this file",
                            "{what_zh} `{id}` 在本文件中重复使用"
                        ),
                    )
                    .target(target)
                    .primary(text!("second `{id}`", "第二个 `{id}`"))
                    .label(org.file, first.span, text!("first used here", "首次使用处"))
                    .help(text!(
                        "give each {what_en} its own value, or remove the duplicate entry",
                        "为每个{what_zh}另取不同的值，或删除重复的条目"
                    )),
                );
            }
        }
    }

    fn check_workspace(_params: &NoParams, ws: &Workspace, _: &Shared, out: &mut Vec<Finding>) {
        // Files are in path order, so "the second" is the same from run to run.
        let mut seen: BTreeMap<(&str, Date), usize> = BTreeMap::new();
        for (i, org) in ws.orgs.iter().enumerate() {
            if org.unit.status.value != Status::Current {
                continue;
            }
            let key = (org.unit.id.value.as_str(), org.unit.as_of.value);
            let Some(&first) = seen.get(&key) else {
                seen.insert(key, i);
                continue;
            };
            let first = &ws.orgs[first];
            let id = &org.unit.id.value;
            let date = org.unit.as_of.value;
            let other = ws.path_of(first);
            out.push(
                Finding::new(
                    org.file,
                    org.unit.id.span,
                    text!(
                        "unit `{id}` has two current snapshots dated {date} (this file and {other})",
                        "单位 `{id}` 有两份日期同为 {date} 的现状快照（本文件与 {other}）"
                    ),
                )
                .target(Target::unit(id))
                .primary(text!("second current snapshot of `{id}`", "`{id}` 的第二份现状快照"))
                .label(
                    first.file,
                    first.unit.id.span,
                    text!("first current snapshot of `{id}`", "`{id}` 的第一份现状快照"),
                )
                .help(text!(
                    "keep one current snapshot per date: correct `as_of`, mark the plan `status = \"proposal\"`, or give the other unit its own id",
                    "每个日期只保留一份现状快照：更正 `as_of`，将方案标为 `status = \"proposal\"`，或为另一单位另取 id"
                )),
            );
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Body,
    Person,
    Power,
}

/// Every later occurrence of an id, paired with its first occurrence.
fn repeats<'a>(ids: &[&'a Sp<String>]) -> Vec<(&'a Sp<String>, &'a Sp<String>)> {
    // Hashed, not ordered: every file's ids pass through here, and the output follows `ids`.
    let mut first: std::collections::HashMap<&str, &'a Sp<String>> =
        std::collections::HashMap::with_capacity(ids.len());
    let mut out = Vec::new();
    for &id in ids {
        match first.get(id.value.as_str()) {
            Some(&f) => out.push((f, id)),
            None => {
                first.insert(&id.value, id);
            }
        }
    }
    out
}
