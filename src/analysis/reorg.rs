//! The reorganization graph: how a plan (the proposal) continues its baseline.
//!
//! Nodes are the baseline's bodies and people, the proposal's bodies and people, and the
//! proposal's `[[departure]]`, `out` `[[transfer]]` and `[[abolition]]` entries. Edges say where
//! each baseline entity went: a body continues in the proposal body with the same id, is merged
//! into every proposal body whose `merged_from` names it, left whole with an `out` transfer
//! (`whole_body = true`, 整建制上划) or is abolished by an `[[abolition]]`; a person stays (the
//! proposal's roster has the same id, in whatever body), departs, or left with an `out` transfer.
//! A baseline node without an outgoing edge is lost (BZ501, BZ502); a proposal body without an
//! incoming edge is new. `bianzhi diff` reads the same graph.
//!
//! The headcount figures BZ104 compares live here too, so that `check` and `diff` count alike.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;

use crate::model::{
    Abolition, Body, BodyKind, Category, Departure, Grade, OrgFile, Person, Transfer,
};

/// One entity of the baseline or the proposal.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    BaseBody(&'a Body),
    NewBody(&'a Body),
    BasePerson(&'a Person),
    NewPerson(&'a Person),
    Departure(&'a Departure),
    /// An `out` transfer of the proposal (v3).
    TransferOut(&'a Transfer),
    Abolition(&'a Abolition),
}

/// How a baseline entity reaches the proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// The same body id in the proposal.
    Continues,
    /// Named in the `merged_from` of the proposal body.
    MergedInto,
    /// The same person id in the proposal's roster.
    Stays,
    /// Named in a `[[departure]]`.
    Departs,
    /// The body of an `out` transfer with `whole_body = true`.
    LeftWhole,
    /// Named in an `[[abolition]]`.
    Abolished,
    /// Among the `persons` of an `out` transfer.
    TransferredOut,
}

/// What became of a baseline body.
#[derive(Debug, Clone)]
pub enum BodyFate<'a> {
    /// Continued under the same id (and possibly also merged into others: `into`).
    Continued { by: &'a Body, into: Vec<&'a Body> },
    /// Merged into these proposal bodies (usually one), under another id.
    Merged(Vec<&'a Body>),
    /// Left the unit whole with this `out` transfer (整建制上划), v3.
    LeftWhole(&'a Transfer),
    /// Abolished by this `[[abolition]]`, v3.
    AbolishedBy(&'a Abolition),
    /// Neither continued, merged, moved out nor abolished by the plan: lost (BZ501), which the
    /// diff shows as abolished (as version 2 did).
    Abolished,
}

/// What became of a person of the baseline roster.
#[derive(Debug, Clone, Copy)]
pub enum PersonFate<'a> {
    Stays(&'a Person),
    Departs(&'a Departure),
    /// Left with this `out` transfer's establishment, v3.
    TransferredOut(&'a Transfer),
    Lost,
}

/// The graph between one baseline and one proposal.
pub struct Reorg<'a> {
    pub base: &'a OrgFile,
    pub new: &'a OrgFile,
    pub graph: DiGraph<Node<'a>, Edge>,
    base_bodies: Vec<NodeIndex>,
    new_bodies: Vec<NodeIndex>,
    base_persons: Vec<NodeIndex>,
    new_persons: Vec<NodeIndex>,
}

impl<'a> Reorg<'a> {
    pub fn build(base: &'a OrgFile, new: &'a OrgFile) -> Self {
        let mut graph = DiGraph::new();
        let base_bodies: Vec<NodeIndex> = base
            .bodies
            .iter()
            .map(|b| graph.add_node(Node::BaseBody(b)))
            .collect();
        let new_bodies: Vec<NodeIndex> = new
            .bodies
            .iter()
            .map(|b| graph.add_node(Node::NewBody(b)))
            .collect();
        let base_persons: Vec<NodeIndex> = base
            .persons
            .iter()
            .map(|p| graph.add_node(Node::BasePerson(p)))
            .collect();
        let new_persons: Vec<NodeIndex> = new
            .persons
            .iter()
            .map(|p| graph.add_node(Node::NewPerson(p)))
            .collect();
        let departures: Vec<NodeIndex> = new
            .departures
            .iter()
            .map(|d| graph.add_node(Node::Departure(d)))
            .collect();
        let outs: Vec<(&Transfer, NodeIndex)> = new
            .transfers
            .iter()
            .filter(|t| t.is_out())
            .map(|t| (t, graph.add_node(Node::TransferOut(t))))
            .collect();
        let abolitions: Vec<NodeIndex> = new
            .abolitions
            .iter()
            .map(|a| graph.add_node(Node::Abolition(a)))
            .collect();

        // A duplicated id (BZ008's finding) maps to its first entry.
        let mut base_body_at: HashMap<&str, NodeIndex> = HashMap::new();
        for (b, &n) in base.bodies.iter().zip(&base_bodies) {
            base_body_at.entry(b.id.value.as_str()).or_insert(n);
        }
        let mut base_person_at: HashMap<&str, NodeIndex> = HashMap::new();
        for (p, &n) in base.persons.iter().zip(&base_persons) {
            base_person_at.entry(p.id.value.as_str()).or_insert(n);
        }

        for (b, &n) in new.bodies.iter().zip(&new_bodies) {
            if let Some(&from) = base_body_at.get(b.id.value.as_str()) {
                graph.add_edge(from, n, Edge::Continues);
            }
            for m in &b.merged_from {
                // A body merged into itself (`merged_from` naming its own id) already continues.
                if m.value == b.id.value {
                    continue;
                }
                if let Some(&from) = base_body_at.get(m.value.as_str()) {
                    if graph.find_edge(from, n).is_none() {
                        graph.add_edge(from, n, Edge::MergedInto);
                    }
                }
            }
        }
        for (p, &n) in new.persons.iter().zip(&new_persons) {
            if let Some(&from) = base_person_at.get(p.id.value.as_str()) {
                if graph.find_edge(from, n).is_none() {
                    graph.add_edge(from, n, Edge::Stays);
                }
            }
        }
        for (d, &n) in new.departures.iter().zip(&departures) {
            if let Some(&from) = base_person_at.get(d.person.value.as_str()) {
                graph.add_edge(from, n, Edge::Departs);
            }
        }
        for &(t, n) in &outs {
            if let Some(b) = t.body_out_whole() {
                if let Some(&from) = base_body_at.get(b.value.as_str()) {
                    if graph.find_edge(from, n).is_none() {
                        graph.add_edge(from, n, Edge::LeftWhole);
                    }
                }
            }
            for p in &t.persons {
                if let Some(&from) = base_person_at.get(p.value.as_str()) {
                    if graph.find_edge(from, n).is_none() {
                        graph.add_edge(from, n, Edge::TransferredOut);
                    }
                }
            }
        }
        for (a, &n) in new.abolitions.iter().zip(&abolitions) {
            if let Some(&from) = base_body_at.get(a.body.value.as_str()) {
                if graph.find_edge(from, n).is_none() {
                    graph.add_edge(from, n, Edge::Abolished);
                }
            }
        }
        Reorg {
            base,
            new,
            graph,
            base_bodies,
            new_bodies,
            base_persons,
            new_persons,
        }
    }

    /// Outgoing edges of a node, in the order the proposal lists their targets.
    fn targets(&self, n: NodeIndex) -> Vec<(Edge, Node<'a>)> {
        let mut out: Vec<(NodeIndex, Edge)> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .map(|e| {
                use petgraph::visit::EdgeRef;
                (e.target(), *e.weight())
            })
            .collect();
        out.sort_by_key(|(t, _)| t.index());
        out.into_iter().map(|(t, e)| (e, self.graph[t])).collect()
    }

    /// Every baseline body with what became of it, in baseline order.
    pub fn body_fates(&self) -> Vec<(&'a Body, BodyFate<'a>)> {
        self.base
            .bodies
            .iter()
            .zip(&self.base_bodies)
            .map(|(b, &n)| {
                let mut by = None;
                let mut into = Vec::new();
                let (mut left, mut abolished) = (None, None);
                for (edge, node) in self.targets(n) {
                    match node {
                        Node::NewBody(nb) => match edge {
                            Edge::Continues => by = Some(nb),
                            _ => into.push(nb),
                        },
                        Node::TransferOut(t) => left = left.or(Some(t)),
                        Node::Abolition(a) => abolished = abolished.or(Some(a)),
                        _ => {}
                    }
                }
                // A body that continues or is merged is still here, whatever else the plan says.
                let fate = match (by, left, abolished) {
                    (Some(by), _, _) => BodyFate::Continued { by, into },
                    (None, _, _) if !into.is_empty() => BodyFate::Merged(into),
                    (None, Some(t), _) => BodyFate::LeftWhole(t),
                    (None, None, Some(a)) => BodyFate::AbolishedBy(a),
                    (None, None, None) => BodyFate::Abolished,
                };
                (b, fate)
            })
            .collect()
    }

    /// Baseline bodies that neither continue, are merged, left whole nor are abolished (BZ501).
    pub fn lost_bodies(&self) -> Vec<&'a Body> {
        self.body_fates()
            .into_iter()
            .filter(|(_, f)| matches!(f, BodyFate::Abolished))
            .map(|(b, _)| b)
            .collect()
    }

    /// Proposal bodies that continue no baseline body and merge none: set up anew.
    pub fn new_bodies(&self) -> Vec<&'a Body> {
        self.new
            .bodies
            .iter()
            .zip(&self.new_bodies)
            .filter(|(_, &n)| {
                self.graph
                    .edges_directed(n, Direction::Incoming)
                    .next()
                    .is_none()
            })
            .map(|(b, _)| b)
            .collect()
    }

    /// The baseline bodies a proposal body continues or merges, in baseline order.
    pub fn sources_of(&self, body: &Body) -> Vec<&'a Body> {
        let Some(pos) = self.new.bodies.iter().position(|b| std::ptr::eq(b, body)) else {
            return Vec::new();
        };
        let mut v: Vec<NodeIndex> = self
            .graph
            .neighbors_directed(self.new_bodies[pos], Direction::Incoming)
            .collect();
        v.sort_by_key(|n| n.index());
        v.into_iter()
            .filter_map(|n| match self.graph[n] {
                Node::BaseBody(b) => Some(b),
                _ => None,
            })
            .collect()
    }

    /// Every person of the baseline roster with what became of them, in roster order.
    pub fn person_fates(&self) -> Vec<(&'a Person, PersonFate<'a>)> {
        self.base
            .persons
            .iter()
            .zip(&self.base_persons)
            .map(|(p, &n)| {
                let targets = self.targets(n);
                let stays = targets.iter().find_map(|(_, node)| match node {
                    Node::NewPerson(np) => Some(*np),
                    _ => None,
                });
                let departs = targets.iter().find_map(|(_, node)| match node {
                    Node::Departure(d) => Some(*d),
                    _ => None,
                });
                let out = targets.iter().find_map(|(_, node)| match node {
                    Node::TransferOut(t) => Some(*t),
                    _ => None,
                });
                let fate = match (stays, departs, out) {
                    (Some(np), _, _) => PersonFate::Stays(np),
                    (None, Some(d), _) => PersonFate::Departs(d),
                    (None, None, Some(t)) => PersonFate::TransferredOut(t),
                    (None, None, None) => PersonFate::Lost,
                };
                (p, fate)
            })
            .collect()
    }

    /// Baseline people neither in the proposal's roster, in a departure nor in an `out` transfer
    /// (BZ502).
    pub fn lost_persons(&self) -> Vec<&'a Person> {
        self.person_fates()
            .into_iter()
            .filter(|(_, f)| matches!(f, PersonFate::Lost))
            .map(|(p, _)| p)
            .collect()
    }

    /// People of the proposal's roster who were not in the baseline's.
    pub fn joined(&self) -> Vec<&'a Person> {
        self.new
            .persons
            .iter()
            .zip(&self.new_persons)
            .filter(|(_, &n)| {
                self.graph
                    .edges_directed(n, Direction::Incoming)
                    .next()
                    .is_none()
            })
            .map(|(p, _)| p)
            .collect()
    }
}

/// The bodies BZ104 counts: the unit's own bodies of kinds `functional` and `institution`,
/// sub-bodies included (dispatched bodies belong to the county department).
pub fn counted_bodies(org: &OrgFile) -> Vec<&Body> {
    org.bodies
        .iter()
        .filter(|b| matches!(b.kind.value, BodyKind::Functional | BodyKind::Institution))
        .collect()
}

/// The fiscally funded headcount (财政供养人数), counted as BZ101 counts a unit's actual staff —
/// the leadership team plus the roster entries of every body except dispatched ones, or a body's
/// `staff` table where it keeps no roster — leaving out people with `fiscally_funded = false` (by
/// default, those outside the establishment) and the `none` line of a `staff` table.
pub fn funded_headcount(org: &OrgFile) -> u64 {
    let mut n: u64 = org.leadership().filter(|p| p.fiscally_funded.value).count() as u64;
    for b in &org.bodies {
        if b.kind.value == BodyKind::Dispatched {
            continue;
        }
        let mut roster = org.persons_in(&b.id.value).peekable();
        if roster.peek().is_some() {
            n += roster.filter(|p| p.fiscally_funded.value).count() as u64;
        } else {
            n += b
                .staff
                .entries
                .iter()
                .filter(|(k, _)| k.value.category().is_some())
                .map(|(_, v)| u64::from(v.value))
                .sum::<u64>();
        }
    }
    n
}

/// Approved leadership posts per grade: the leadership team's `[quota.posts]` plus the `posts` of
/// the unit's bodies (dispatched ones excepted: their posts are the county department's).
pub fn posts_per_grade(org: &OrgFile) -> Vec<(Grade, u64)> {
    Grade::ALL
        .iter()
        .map(|&g| {
            let bodies: u64 = org
                .bodies
                .iter()
                .filter(|b| b.kind.value != BodyKind::Dispatched)
                .map(|b| u64::from(b.posts.get(g)))
                .sum();
            (g, u64::from(org.posts.get(g)) + bodies)
        })
        .collect()
}

/// The unit's approved establishment per category (`[quota]`).
pub fn quota_per_category(org: &OrgFile) -> Vec<(Category, u64)> {
    Category::ALL
        .iter()
        .map(|&c| (c, u64::from(org.quota.get(c))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::{FileId, SourceFile};
    use crate::load::{load_org, Loaded};

    fn org(text: &str) -> OrgFile {
        let src = SourceFile::new("t.toml", text);
        match load_org(FileId(0), &src, true) {
            Loaded::Org(o) => *o,
            other => panic!("{other:?}"),
        }
    }

    const HEAD: &str = "[unit]\nid = \"t\"\nname = \"t\"\nkind = \"town\"\nas_of = 2018-01-01\n";

    fn body(id: &str, extra: &str) -> String {
        format!("[[body]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"functional\"\n{extra}\n")
    }

    #[test]
    fn continued_merged_split_abolished_and_new() {
        let base = org(&format!(
            "{HEAD}{}{}{}{}",
            body("a", ""),
            body("b", ""),
            body("c", ""),
            body("d", "")
        ));
        // a continues and also absorbs part of c; b merges into x with c; d is gone; y is new.
        let new = org(&format!(
            "{HEAD}{}{}{}",
            body("a", "merged_from = [\"a\", \"c\"]"),
            body("x", "merged_from = [\"b\", \"c\"]"),
            body("y", "")
        ));
        let g = Reorg::build(&base, &new);
        let fates: Vec<(&str, String)> = g
            .body_fates()
            .into_iter()
            .map(|(b, f)| {
                let f = match f {
                    BodyFate::Continued { by, into } => format!(
                        "continued by {} into {:?}",
                        by.id.value,
                        into.iter().map(|x| x.id.value.as_str()).collect::<Vec<_>>()
                    ),
                    BodyFate::Merged(into) => format!(
                        "merged into {:?}",
                        into.iter().map(|x| x.id.value.as_str()).collect::<Vec<_>>()
                    ),
                    BodyFate::LeftWhole(t) => format!("left whole to {:?}", t.counterpart),
                    BodyFate::AbolishedBy(a) => format!("abolished by {:?}", a.reason),
                    BodyFate::Abolished => "abolished".into(),
                };
                (b.id.value.as_str(), f)
            })
            .collect();
        assert_eq!(
            fates,
            vec![
                ("a", "continued by a into []".to_string()),
                ("b", "merged into [\"x\"]".to_string()),
                ("c", "merged into [\"a\", \"x\"]".to_string()),
                ("d", "abolished".to_string()),
            ]
        );
        let lost: Vec<_> = g.lost_bodies().iter().map(|b| b.id.value.clone()).collect();
        assert_eq!(lost, ["d"]);
        let new_ids: Vec<_> = g.new_bodies().iter().map(|b| b.id.value.clone()).collect();
        assert_eq!(new_ids, ["y"]);
    }

    #[test]
    fn bodies_and_people_that_leave_by_a_transfer_out_or_an_abolition_are_accounted_for() {
        let person = |id: &str, body: &str| {
            format!(
                "[[person]]\nid = \"{id}\"\nbody = \"{body}\"\nestablishment = \"institution\"\n"
            )
        };
        let base = org(&format!(
            "{HEAD}{}{}{}{}{}{}",
            body("a", ""),
            body("slz", ""),
            body("czjs", ""),
            person("p1", "slz"),
            person("p2", "slz"),
            person("p3", "czjs")
        ));
        let plan = "[[transfer]]\ndirection = \"out\"\nbody = \"slz\"\nwhole_body = true\ncategory = \"institution\"\ncount = 2\npersons = [\"p1\"]\ndoc = \"x\"\ndate = 2019-01-01\n[[abolition]]\nbody = \"czjs\"\nreason = \"r\"\n[[departure]]\nperson = \"p3\"\n";
        let new = org(&format!("{HEAD}{}{plan}", body("a", "")));
        let g = Reorg::build(&base, &new);
        let lost: Vec<_> = g.lost_bodies().iter().map(|b| b.id.value.clone()).collect();
        assert!(lost.is_empty(), "{lost:?}");
        let fates: Vec<(&str, bool)> = g
            .body_fates()
            .into_iter()
            .map(|(b, f)| {
                let left = matches!(f, BodyFate::LeftWhole(_));
                (b.id.value.as_str(), left)
            })
            .collect();
        assert_eq!(fates, [("a", false), ("slz", true), ("czjs", false)]);
        let lost: Vec<_> = g
            .lost_persons()
            .iter()
            .map(|p| p.id.value.clone())
            .collect();
        assert_eq!(lost, ["p2"]);
    }
}
