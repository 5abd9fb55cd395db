use std::collections::BTreeMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::base::diag::{Finding, Target};
use crate::base::source::{FileId, Span};
use crate::rules::{FileCx, NoParams, RuleImpl, Shared};
use crate::text;
use crate::workspace::Workspace;

declare_rule! {
    /// ## What it checks
    /// The body hierarchy of a file (each body's `parent`) and the unit hierarchy of the files
    /// checked together (each unit's `parent`, among the newest `current` snapshot of every unit)
    /// have no cycle. A body or unit that is its own parent is a cycle.
    ///
    /// Each cycle is reported once: at the `parent` of the member that comes first (in the file
    /// for bodies, in path order for units), with a label at the `parent` of every other member.
    /// References to nothing are BZ009's.
    ///
    /// ## Why
    /// File integrity: a sub-body belongs to a body that belongs to the unit; a cycle has no top,
    /// so its bodies belong to no unit and escape every count and grade check.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// parent = "investment"   # reported here
    /// [[body]]
    /// id = "investment"
    /// name = "招商科"
    /// kind = "functional"
    /// parent = "economy"
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[body]]
    /// id = "investment"
    /// name = "招商科"
    /// kind = "functional"
    /// parent = "economy"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 同一文件内机构的隶属关系（`parent`）以及一并检查的各单位之间的隶属关系（各单位最新一份
    /// `current` 快照的 `parent`）不得成环；以自身为上级的机构或单位也算成环。每个环只报告一次：
    /// 报在环中最先出现的成员的 `parent` 处，并标注其他成员的 `parent`。引用不存在的对象由 BZ009 检查。
    ///
    /// ## 依据
    /// 文件完整性：内设机构隶属于机构，机构隶属于本单位；隶属关系成环则无从归属，其中的机构将逃过所
    /// 有计数和规格检查。
    pub struct HierarchyCycle {
        code: "BZ010",
        name: "hierarchy-cycle",
        title: "隶属关系循环",
        short: ("隶属关系循环", "parent cycle"),
        level: Error,
        cite: ("文件完整性", "file integrity"),
        scope: All,
        examples: {
            "reported here" => "在此报告",
        },
    }
}

/// One member of a hierarchy: its id, and where its `parent` is written.
struct Member {
    id: String,
    file: FileId,
    parent_span: Span,
}

/// The cycles of a hierarchy whose edges go from a member to its parent, each as the indices of
/// its members in walking order, starting from the lowest index. `parents[i]` is the index of
/// member `i`'s parent, where it is a member.
fn cycles(parents: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut g: DiGraph<usize, ()> = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..parents.len()).map(|i| g.add_node(i)).collect();
    for (i, p) in parents.iter().enumerate() {
        if let Some(p) = *p {
            g.add_edge(nodes[i], nodes[p], ());
        }
    }
    let mut out = Vec::new();
    for scc in tarjan_scc(&g) {
        let Some(start) = scc.iter().map(|n| g[*n]).min() else {
            continue;
        };
        let self_loop = scc.len() == 1 && parents[start] == Some(start);
        if scc.len() < 2 && !self_loop {
            continue;
        }
        // Every member has one parent, so a strongly connected part is one simple cycle.
        let mut walk = vec![start];
        let mut at = start;
        while let Some(next) = parents[at] {
            if next == start || walk.len() > scc.len() {
                break;
            }
            walk.push(next);
            at = next;
        }
        out.push(walk);
    }
    out.sort();
    out
}

/// The finding for one cycle of `members`.
fn finding(members: &[Member], cycle: &[usize], bodies: bool) -> Finding {
    let first = &members[cycle[0]];
    let mut chain: Vec<&str> = cycle.iter().map(|&i| members[i].id.as_str()).collect();
    chain.push(&first.id);
    let chain = chain
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(" → ");
    let id = &first.id;
    let mut f = if bodies {
        Finding::new(
            first.file,
            first.parent_span,
            text!(
                "the body hierarchy has a cycle: {chain} (each → its parent)",
                "机构隶属关系成环：{chain}（箭头指向上级）"
            ),
        )
        .target(Target::body(id))
        .help(text!(
            "give one body of the cycle a parent outside it, or remove its `parent` to put it directly under the unit",
            "为环中某个机构改设环外的上级机构，或删除其 `parent` 使其直属本单位"
        ))
    } else {
        Finding::new(
            first.file,
            first.parent_span,
            text!(
                "the unit hierarchy has a cycle: {chain} (each → its parent)",
                "单位隶属关系成环：{chain}（箭头指向上级）"
            ),
        )
        .target(Target::unit(id))
        .help(text!(
            "correct the `parent` of one unit of the cycle: a town's parent is its county",
            "更正环中某个单位的 `parent`：镇的上级为其所属的县"
        ))
    };
    f = f.primary(if cycle.len() == 1 {
        text!("`{id}` is its own parent", "`{id}` 以自身为上级")
    } else {
        text!("parent of `{id}`", "`{id}` 的上级")
    });
    for &i in &cycle[1..] {
        let m = &members[i];
        let mid = &m.id;
        f = f.label(
            m.file,
            m.parent_span,
            text!("parent of `{mid}`", "`{mid}` 的上级"),
        );
    }
    f
}

impl RuleImpl for HierarchyCycle {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        // A duplicated id is BZ008's: the first body with an id is the one a `parent` names.
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, b) in org.bodies.iter().enumerate() {
            index.entry(b.id.value.as_str()).or_insert(i);
        }
        let members: Vec<Member> = org
            .bodies
            .iter()
            .map(|b| Member {
                id: b.id.value.clone(),
                file: org.file,
                parent_span: b.parent.as_ref().map_or(b.span, |p| p.span),
            })
            .collect();
        let parents: Vec<Option<usize>> = org
            .bodies
            .iter()
            .map(|b| {
                b.parent
                    .as_ref()
                    .and_then(|p| index.get(p.value.as_str()).copied())
            })
            .collect();
        for cycle in cycles(&parents) {
            out.push(finding(&members, &cycle, true));
        }
    }

    fn check_workspace(_params: &NoParams, ws: &Workspace, _: &Shared, out: &mut Vec<Finding>) {
        // The newest current snapshot of every unit, in path order.
        let mut units: Vec<usize> = ws
            .orgs
            .iter()
            .enumerate()
            .filter(|(i, o)| {
                ws.newest_current(&o.unit.id.value)
                    .is_some_and(|n| std::ptr::eq(n, &ws.orgs[*i]))
            })
            .map(|(i, _)| i)
            .collect();
        units.sort();
        let index: BTreeMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(k, &i)| (ws.orgs[i].unit.id.value.as_str(), k))
            .collect();
        let members: Vec<Member> = units
            .iter()
            .map(|&i| {
                let u = &ws.orgs[i].unit;
                Member {
                    id: u.id.value.clone(),
                    file: ws.orgs[i].file,
                    parent_span: u.parent.as_ref().map_or(u.span, |p| p.span),
                }
            })
            .collect();
        let parents: Vec<Option<usize>> = units
            .iter()
            .map(|&i| {
                ws.orgs[i]
                    .unit
                    .parent
                    .as_ref()
                    .and_then(|p| index.get(p.value.as_str()).copied())
            })
            .collect();
        for cycle in cycles(&parents) {
            out.push(finding(&members, &cycle, false));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn finds_each_cycle_once_from_its_first_member() {
        // 0 → 2 → 1 → 0, 3 → 3, 4 → 0 (into the cycle, not part of it), 5 alone.
        let parents = [Some(2), Some(0), Some(1), Some(3), Some(0), None];
        assert_eq!(cycles(&parents), vec![vec![0, 2, 1], vec![3]]);
    }

    #[test]
    fn a_tree_has_no_cycle() {
        assert!(cycles(&[None, Some(0), Some(0), Some(1)]).is_empty());
    }
}
