//! Org charts: the unit, its bodies and sub-bodies, as a tree that `render::chart` draws as SVG,
//! DOT or Mermaid.
//!
//! [`Chart::build`] turns one org file and the findings of a check into a tree that every format
//! draws the same way: bodies grouped by kind (front offices, back offices, institutions, party and
//! mass organisations, coordination bodies, dispatched bodies), sub-bodies under their parent, each
//! node with its approved establishment and its headcount, and marked with the worst level of the
//! findings about it. One file per format (under `render::chart`) draws the tree, each column in
//! the style `render::chart::GroupStyle` gives it; the texts the nodes show are made here, so
//! the three formats say the same thing.

use std::collections::BTreeSet;

use crate::base::diag::{Finding, Level, TargetKind};
use crate::base::i18n::{doc, msg, words, Lang};
use crate::model::{Body, BodyKind, Duty, Establishment, Office, OrgFile, UnitKind};

/// The column a top-level body is drawn in; sub-bodies stay under their parent whatever their kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Front,
    Back,
    Institution,
    PartyMass,
    Coordination,
    Dispatched,
    /// The towns of a county's chart (not a kind of body: never in [`Group::ALL`]).
    Town,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Front,
        Group::Back,
        Group::Institution,
        Group::PartyMass,
        Group::Coordination,
        Group::Dispatched,
    ];

    pub fn of(body: &Body) -> Group {
        match body.kind.value {
            BodyKind::Functional => {
                if body.office.as_ref().map(|o| o.value) == Some(Office::Front) {
                    Group::Front
                } else {
                    Group::Back
                }
            }
            BodyKind::Institution => Group::Institution,
            BodyKind::PartyMass => Group::PartyMass,
            BodyKind::Coordination => Group::Coordination,
            BodyKind::Dispatched => Group::Dispatched,
        }
    }
}

pub fn level_name(level: Level, lang: Lang) -> &'static str {
    level.name(lang)
}

/// How a chart names a finding's rule, from its code and name: [`crate::rules::short_name`],
/// which the caller gives (the rules sit above this layer).
pub type RuleName = fn(&str, &str, Lang) -> String;

/// The findings about one node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// The worst level among them.
    pub level: Option<Level>,
    /// Their rule codes, sorted, each once.
    pub codes: Vec<String>,
    /// The short names of those rules, in the order of `codes` ([`RuleName`]).
    pub names: Vec<String>,
    /// One line per finding: level, code and message (tooltips).
    pub notes: Vec<String>,
}

impl Marks {
    fn add(&mut self, f: &Finding, lang: Lang, rule_name: RuleName) {
        self.level = Some(match self.level {
            Some(l) => l.min(f.level),
            None => f.level,
        });
        if let Err(at) = self.codes.binary_search_by(|c| c.as_str().cmp(&f.code)) {
            self.codes.insert(at, f.code.to_string());
            self.names.insert(at, rule_name(&f.code, &f.name, lang));
        }
        self.notes.push(format!(
            "{} {}: {}",
            f.code,
            level_name(f.level, lang),
            f.message.get(lang)
        ));
    }
}

impl Marks {
    /// What a box says about its findings: the rules' short names (超编、职能机构超限), at most
    /// [`MAX_NAMES`] of them and then how many more.
    pub fn line(&self, lang: Lang) -> String {
        let mut line = self
            .names
            .iter()
            .take(MAX_NAMES)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(words::punct::list(lang));
        if self.names.len() > MAX_NAMES {
            line.push_str(doc::more_names(self.names.len() - MAX_NAMES).get(lang));
        }
        line
    }
}

/// How many rule names a box shows.
pub const MAX_NAMES: usize = 3;

/// Approved establishment and headcount of a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Approved establishment, all categories (核定编制).
    pub quota: u64,
    /// People in an establishment category (实有).
    pub staffed: u64,
    /// People outside the establishment (编外).
    pub outside: u64,
}

/// One body.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub name: String,
    /// The body's kind; none for a town of a county's chart.
    pub kind: Option<BodyKind>,
    /// Its own kind's group (a sub-body is coloured by its own kind).
    pub group: Group,
    pub duty: Option<Duty>,
    pub counts: Counts,
    /// From a roster (`[[person]]`) rather than a `staff` table.
    pub from_roster: bool,
    pub marks: Marks,
    pub children: Vec<Node>,
}

impl Node {
    pub fn dispatched(&self) -> bool {
        self.kind == Some(BodyKind::Dispatched)
    }

    /// Every node of this subtree, depth first, with its depth (0 for self).
    pub fn walk(&self) -> Vec<(usize, &Node)> {
        let mut out = Vec::new();
        fn go<'a>(n: &'a Node, depth: usize, out: &mut Vec<(usize, &'a Node)>) {
            out.push((depth, n));
            for c in &n.children {
                go(c, depth + 1, out);
            }
        }
        go(self, 0, &mut out);
        out
    }

    /// The line under the name: duty or "dispatched", quota, headcount, people outside it.
    pub fn meta_line(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if self.dispatched() {
            parts.push(words::chart::dispatched(lang).to_string());
        } else if let Some(d) = self.duty {
            parts.push(d.name(lang).replace('_', " "));
        }
        parts.extend(counts_parts(&self.counts, lang, self.dispatched()));
        parts.join(" · ")
    }
}

fn counts_parts(c: &Counts, lang: Lang, dispatched: bool) -> Vec<String> {
    let mut parts = Vec::new();
    // A dispatched body holds the county department's establishment, not the town's.
    if !dispatched || c.quota > 0 {
        parts.push(msg::chart_quota(c.quota).get(lang).to_string());
    }
    parts.push(msg::chart_staffed(c.staffed).get(lang).to_string());
    if c.outside > 0 {
        parts.push(msg::chart_outside(c.outside).get(lang).to_string());
    }
    parts
}

/// The unit at the top of the chart.
#[derive(Debug, Clone)]
pub struct UnitNode {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub as_of: String,
    pub proposal: bool,
    /// A plan that was not compared with a baseline: the comparison rules (BZ104, BZ502) could
    /// not run, so their short names never mark it; the kind line says so instead.
    pub uncompared: bool,
    /// `[quota]` and the headcount of the leadership team and every body but dispatched ones.
    pub counts: Counts,
    /// Approved leadership posts of the unit's own team.
    pub posts: u64,
    pub marks: Marks,
}

impl UnitNode {
    /// "镇 · 2018-06-30 · 现状"; "镇 · 2019-06-30 · 方案 · 未对照现状" for a plan not compared.
    pub fn kind_line(&self, lang: Lang) -> String {
        let status = if self.proposal {
            words::chart::proposal(lang)
        } else {
            words::chart::current(lang)
        };
        let mut line = format!("{} · {} · {}", self.kind.name(lang), self.as_of, status);
        if self.uncompared {
            line.push_str(" · ");
            line.push_str(words::chart::not_compared(lang));
        }
        line
    }

    /// "编制 117 · 实有 105 · 编外 14 · 领导职数 13".
    pub fn meta_line(&self, lang: Lang) -> String {
        let mut parts = counts_parts(&self.counts, lang, false);
        if self.posts > 0 {
            parts.push(msg::chart_posts(self.posts).get(lang).to_string());
        }
        parts.join(" · ")
    }
}

/// The org chart of one file.
#[derive(Debug, Clone)]
pub struct Chart {
    pub lang: Lang,
    pub unit: UnitNode,
    /// The columns that have bodies, in [`Group::ALL`] order, each with its top-level bodies (in file
    /// order) and their sub-bodies.
    pub groups: Vec<(Group, Vec<Node>)>,
}

impl Chart {
    /// The chart of `org`, marked with those `findings` that point into its file, each named by
    /// `rule_name`.
    ///
    /// A finding marks the body it is about: `body:ID`, the body of a person (`person:ID`), the
    /// body handling a power (`power:ID`); anything else (the unit, an exception, no target) marks
    /// the unit. A plan's note that it was not compared with a baseline marks nothing: the plan
    /// is drawn as not compared ([`UnitNode::uncompared`]).
    pub fn build(org: &OrgFile, findings: &[Finding], lang: Lang, rule_name: RuleName) -> Chart {
        let unit_id = org.unit.id.value.as_str();
        let mut unit_marks = Marks::default();
        let mut uncompared = false;
        let mut body_marks: Vec<Marks> = vec![Marks::default(); org.bodies.len()];
        let body_index = |id: &str| org.bodies.iter().position(|b| b.id.value == id);
        for f in findings
            .iter()
            .filter(|f| f.file == org.file && f.level != Level::Off)
        {
            if f.uncompared {
                uncompared = true;
                continue;
            }
            let body = f.target.as_ref().and_then(|t| match t.kind {
                TargetKind::Body => Some(t.id.clone()),
                TargetKind::Person => org.person(&t.id).map(|p| p.body.value.clone()),
                TargetKind::Power => org
                    .powers
                    .iter()
                    .find(|p| p.code.value == t.id)
                    .and_then(|p| p.handled_by.as_ref())
                    .map(|h| h.value.clone()),
                _ => None,
            });
            match body.as_deref().and_then(body_index) {
                Some(i) => body_marks[i].add(f, lang, rule_name),
                None => unit_marks.add(f, lang, rule_name),
            }
        }

        // Roots: bodies without a parent, or whose parent does not exist. Bodies in a parent cycle
        // are never reached from a root; they are drawn as roots too, so that nothing disappears.
        let mut placed = vec![false; org.bodies.len()];
        let is_root = |b: &Body| {
            b.parent
                .as_ref()
                .is_none_or(|p| p.value == b.id.value || body_index(&p.value).is_none())
        };
        let mut roots: Vec<usize> = (0..org.bodies.len())
            .filter(|&i| is_root(&org.bodies[i]))
            .collect();
        let mut trees: Vec<Node> = Vec::new();
        let mut next = 0;
        loop {
            while next < roots.len() {
                let i = roots[next];
                next += 1;
                if !placed[i] {
                    trees.push(build_node(org, i, &mut placed, &mut body_marks));
                }
            }
            match placed.iter().position(|p| !p) {
                Some(i) => roots.push(i),
                None => break,
            }
        }

        let mut groups: Vec<(Group, Vec<Node>)> = Vec::new();
        for g in Group::ALL {
            let nodes: Vec<Node> = trees.iter().filter(|n| n.group == g).cloned().collect();
            if !nodes.is_empty() {
                groups.push((g, nodes));
            }
        }

        let counts = unit_counts(org);
        let unit = UnitNode {
            id: unit_id.to_string(),
            name: org.unit.name.value.clone(),
            kind: org.unit.kind.value,
            as_of: org.unit.as_of.value.to_string(),
            proposal: org.is_proposal(),
            uncompared,
            counts,
            posts: org.posts.total(),
            marks: unit_marks,
        };
        Chart { lang, unit, groups }
    }

    /// The chart of a county: the county on top and its towns (`towns`, each by its newest
    /// current snapshot) in one column, each with its approved establishment and headcount and
    /// marked with the findings in its own file.
    pub fn build_county(
        county: &OrgFile,
        towns: &[&OrgFile],
        findings: &[Finding],
        lang: Lang,
        rule_name: RuleName,
    ) -> Chart {
        let mut chart = Chart::build(county, findings, lang, rule_name);
        let nodes: Vec<Node> = towns
            .iter()
            .map(|t| {
                let mut marks = Marks::default();
                for f in findings
                    .iter()
                    .filter(|f| f.file == t.file && f.level != Level::Off && !f.uncompared)
                {
                    marks.add(f, lang, rule_name);
                }
                Node {
                    id: t.unit.id.value.clone(),
                    name: t.unit.name.value.clone(),
                    kind: None,
                    group: Group::Town,
                    duty: None,
                    counts: unit_counts(t),
                    from_roster: !t.persons.is_empty(),
                    marks,
                    children: Vec::new(),
                }
            })
            .collect();
        if !nodes.is_empty() {
            chart.groups.push((Group::Town, nodes));
        }
        // The towns' staff are the county's: its box shows their sum against its limit.
        chart.unit.counts.staffed = towns.iter().map(|t| unit_counts(t).staffed).sum();
        chart.unit.counts.outside = towns.iter().map(|t| unit_counts(t).outside).sum();
        chart
    }

    /// Every body, depth first within each column, columns in order.
    pub fn nodes(&self) -> Vec<(usize, &Node)> {
        self.groups
            .iter()
            .flat_map(|(_, roots)| roots.iter().flat_map(Node::walk))
            .collect()
    }

    /// The levels that occur in the chart, worst first.
    pub fn levels(&self) -> Vec<Level> {
        let mut set = BTreeSet::new();
        set.extend(self.unit.marks.level);
        set.extend(self.nodes().iter().filter_map(|(_, n)| n.marks.level));
        set.into_iter().collect()
    }
}

/// A unit's `[quota]`, and the headcount of its leadership team and of every body but dispatched
/// ones.
fn unit_counts(org: &OrgFile) -> Counts {
    let mut counts = Counts {
        quota: org.quota.total(),
        ..Counts::default()
    };
    for p in org.leadership() {
        add_person(&mut counts, p.establishment.value);
    }
    for b in org
        .bodies
        .iter()
        .filter(|b| b.kind.value != BodyKind::Dispatched)
    {
        let (c, _) = body_counts(org, b);
        counts.staffed += c.staffed;
        counts.outside += c.outside;
    }
    counts
}

fn add_person(c: &mut Counts, e: Establishment) {
    if e == Establishment::None {
        c.outside += 1;
    } else {
        c.staffed += 1;
    }
}

/// A body's counts: from its roster entries if it has any, else from its `staff` table.
fn body_counts(org: &OrgFile, b: &Body) -> (Counts, bool) {
    let mut c = Counts {
        quota: b.quota.total(),
        ..Counts::default()
    };
    let mut roster = false;
    for p in org.persons_in(&b.id.value) {
        roster = true;
        add_person(&mut c, p.establishment.value);
    }
    if !roster {
        for (k, v) in &b.staff.entries {
            if k.value == Establishment::None {
                c.outside += u64::from(v.value);
            } else {
                c.staffed += u64::from(v.value);
            }
        }
    }
    (c, roster)
}

fn build_node(org: &OrgFile, i: usize, placed: &mut [bool], marks: &mut [Marks]) -> Node {
    placed[i] = true;
    let b = &org.bodies[i];
    let (counts, from_roster) = body_counts(org, b);
    let mut children = Vec::new();
    for (j, c) in org.bodies.iter().enumerate() {
        if !placed[j] && j != i && c.parent.as_ref().is_some_and(|p| p.value == b.id.value) {
            children.push(build_node(org, j, placed, marks));
        }
    }
    Node {
        id: b.id.value.clone(),
        name: b.name.value.clone(),
        kind: Some(b.kind.value),
        group: Group::of(b),
        duty: b.duty.as_ref().map(|d| d.value),
        counts,
        from_roster,
        marks: std::mem::take(&mut marks[i]),
        children,
    }
}

/// What became of a body in a plan, as the before/after chart draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Goes on under the same id (renamed or not).
    Continued,
    /// Merged: several baseline bodies into one of the plan, or a baseline body into a plan's
    /// body of another id.
    Merged,
    New,
    Abolished,
}

impl Change {
    pub fn class(self) -> &'static str {
        match self {
            Change::Continued => "continued",
            Change::Merged => "merged",
            Change::New => "new",
            Change::Abolished => "abolished",
        }
    }
}

/// One body on one side of the before/after chart.
#[derive(Debug, Clone)]
pub struct ChangeItem {
    pub id: String,
    pub name: String,
    pub group: Group,
    pub change: Change,
}

/// A plan's bodies against its baseline's: the baseline's on the left, the plan's on the right,
/// a link from every baseline body to the plan's body it continues in or merges into. The order
/// keeps the links short: the plan's bodies by column (as in the org chart), the baseline's by
/// where they go, abolished ones last.
#[derive(Debug, Clone)]
pub struct ChangeChart {
    /// "盛泽镇", the plan's unit name.
    pub name: String,
    pub base_as_of: String,
    pub new_as_of: String,
    pub before: Vec<ChangeItem>,
    pub after: Vec<ChangeItem>,
    /// (index in `before`, index in `after`).
    pub links: Vec<(usize, usize)>,
    /// The row each body is drawn in, per side: a body that goes on sits level with itself, the
    /// bodies merged into one are stacked from its row down, a new body has the row to itself
    /// and abolished ones come last.
    pub before_rows: Vec<usize>,
    pub after_rows: Vec<usize>,
    /// How many rows the chart has.
    pub rows: usize,
}

impl ChangeChart {
    /// The chart of `diff`, the comparison of `base` with `new` ([`crate::analysis::diff::diff`]).
    pub fn build(base: &OrgFile, new: &OrgFile, diff: &crate::analysis::diff::Diff) -> ChangeChart {
        let group_of = |org: &OrgFile, id: &str| org.body(id).map_or(Group::Back, Group::of);
        let order = |org: &OrgFile, id: &str| {
            let g = group_of(org, id);
            let pos = org.bodies.iter().position(|b| b.id.value == id);
            (g, pos)
        };
        let mut after: Vec<(&crate::analysis::diff::BodyChange, Change)> = diff
            .bodies
            .iter()
            .filter_map(|c| {
                let change = match c.change {
                    "continued" => Change::Continued,
                    "merged" => Change::Merged,
                    "new" => Change::New,
                    _ => return None,
                };
                Some((c, change))
            })
            .collect();
        after.sort_by_key(|(c, _)| order(new, &c.id));
        let after_items: Vec<ChangeItem> = after
            .iter()
            .map(|(c, change)| ChangeItem {
                id: c.id.clone(),
                name: c.name.clone(),
                group: group_of(new, &c.id),
                change: *change,
            })
            .collect();

        // Where each baseline body goes: the first plan body that lists it.
        let target = |id: &str| {
            after
                .iter()
                .position(|(c, _)| c.from.iter().any(|f| f.id == id))
        };
        let mut before: Vec<(&crate::model::Body, Option<usize>)> = base
            .bodies
            .iter()
            .map(|b| (b, target(&b.id.value)))
            .collect();
        before.sort_by_key(|(b, t)| (t.unwrap_or(usize::MAX), order(base, &b.id.value)));
        let before_items: Vec<ChangeItem> = before
            .iter()
            .map(|(b, t)| ChangeItem {
                id: b.id.value.clone(),
                name: b.name.value.clone(),
                group: Group::of(b),
                change: match t {
                    None => Change::Abolished,
                    Some(i) if after[*i].0.id == b.id.value => Change::Continued,
                    Some(_) => Change::Merged,
                },
            })
            .collect();
        let mut links = Vec::new();
        for (i, item) in before_items.iter().enumerate() {
            for (j, (c, _)) in after.iter().enumerate() {
                if c.from.iter().any(|f| f.id == item.id) {
                    links.push((i, j));
                }
            }
        }
        let mut before_rows = vec![usize::MAX; before_items.len()];
        let mut after_rows = vec![0; after_items.len()];
        let mut row = 0;
        for (j, r) in after_rows.iter_mut().enumerate() {
            *r = row;
            let mut sources = 0;
            for &(i, _) in links.iter().filter(|&&(_, jj)| jj == j) {
                if before_rows[i] == usize::MAX {
                    before_rows[i] = row + sources;
                    sources += 1;
                }
            }
            row += sources.max(1);
        }
        for r in before_rows.iter_mut().filter(|r| **r == usize::MAX) {
            *r = row;
            row += 1;
        }
        ChangeChart {
            before_rows,
            after_rows,
            rows: row,
            name: new.unit.name.value.clone(),
            base_as_of: base.unit.as_of.value.to_string(),
            new_as_of: new.unit.as_of.value.to_string(),
            before: before_items,
            after: after_items,
            links,
        }
    }
}
