//! The staffing ledger (编制台账) of a unit: approved establishment (核定) against actual headcount
//! (实有) per body and category, leadership posts approved (核定职数) against filled (实配), the
//! unit's totals, and for a county the use of its establishment limit by its towns.
//!
//! This is data only — `bianzhi report` renders it as tables, JSON, CSV or a workbook, and the HTML
//! report reuses it. Headcount is counted as RULES.md counts it for BZ101: a body's roster entries
//! where it has any, its `staff` table otherwise; the unit's actual staff is its leadership team plus
//! every body except dispatched ones (their staff hold the county department's establishment).

use serde::{Serialize, Serializer};

use crate::model::{Body, BodyKind, Category, Establishment, Grade, OrgFile, Status, UnitKind};
use crate::workspace::Workspace;

macro_rules! ser_en {
    ($name:ident, $ty:ty) => {
        fn $name<S: Serializer>(v: &$ty, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(v.en())
        }
    };
}
ser_en!(ser_category, Category);
ser_en!(ser_grade, Grade);
ser_en!(ser_body_kind, BodyKind);
ser_en!(ser_unit_kind, UnitKind);
ser_en!(ser_status, Status);

/// Approved against actual for one item (an establishment category or a post grade).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Usage {
    /// 核定: the quota (or approved posts, or a county's limit).
    pub approved: u64,
    /// 实有 / 实配: the headcount (or posts filled, or the towns' quotas added up).
    pub actual: u64,
    /// 空编: `max(approved − actual, 0)`.
    pub vacant: u64,
    /// 超编: `max(actual − approved, 0)`.
    pub over: u64,
}

impl Usage {
    pub fn new(approved: u64, actual: u64) -> Self {
        Usage {
            approved,
            actual,
            vacant: approved.saturating_sub(actual),
            over: actual.saturating_sub(approved),
        }
    }
}

/// One establishment category of a body, the unit or a county.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRow {
    #[serde(serialize_with = "ser_category")]
    pub category: Category,
    #[serde(flatten)]
    pub usage: Usage,
}

/// Leadership posts of one grade: approved (核定职数) against filled (实配).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostRow {
    #[serde(serialize_with = "ser_grade")]
    pub grade: Grade,
    #[serde(flatten)]
    pub usage: Usage,
}

/// One body (机构) of the unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyLedger {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "ser_body_kind")]
    pub kind: BodyKind,
    /// The parent body of a sub-body (内设机构).
    pub parent: Option<String>,
    /// Whether the headcount comes from the roster (`true`) or the `staff` table.
    pub from_roster: bool,
    /// Whether the headcount is compared with a quota: false for a dispatched body that declares
    /// none (its staff hold the county department's establishment; BZ101 does not compare them)
    /// and for a sub-body that declares none (its people count against its parent's). Its rows
    /// then have approved, vacant and over all 0: only `actual` means something, and every table
    /// shows "—" for the rest, never 超编.
    pub compared: bool,
    /// Per category: the categories its quota names, then any other category it has staff in (with
    /// approved 0, so they show as over).
    pub categories: Vec<CategoryRow>,
    /// People outside the establishment (编外), not compared with any quota.
    pub outside: u64,
    /// Per grade: the grades its `posts` names, then any other grade a person of the body holds.
    pub posts: Vec<PostRow>,
}

impl BodyLedger {
    /// Dispatched bodies hold the county department's establishment: not in the unit's totals.
    pub fn counts_for_unit(&self) -> bool {
        self.kind != BodyKind::Dispatched
    }
}

/// The leadership team (领导班子): the persons whose `body` is the unit id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadershipLedger {
    /// Headcount per category (no quota of its own: it counts against the unit's).
    pub headcount: Vec<CategoryCount>,
    pub outside: u64,
    /// The unit's `[quota.posts]` against the grades the team holds.
    pub posts: Vec<PostRow>,
}

/// A headcount without a quota to compare with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    #[serde(serialize_with = "ser_category")]
    pub category: Category,
    pub count: u64,
}

/// The unit as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitTotals {
    /// Per category: `[quota]` against the leadership team plus every non-dispatched body.
    pub categories: Vec<CategoryRow>,
    /// Per category, the quotas allocated to non-dispatched bodies, added up (BZ102 compares it with
    /// the unit's quota).
    pub allocated: Vec<CategoryCount>,
    /// People outside the establishment in the leadership team and non-dispatched bodies.
    pub outside: u64,
}

/// One town (or township, subdistrict) under a county, by its newest current snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TownRow {
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub file: String,
    /// The town's own totals: its quota against its actual staff.
    pub categories: Vec<CategoryRow>,
}

/// A county: its establishment limit (编制限额) and the towns that share it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountyLedger {
    pub towns: Vec<TownRow>,
    /// Per category: approved = the county's limit, actual = the towns' quotas added up.
    pub limit: Vec<CategoryRow>,
}

/// The ledger of one org file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub unit: String,
    pub name: String,
    #[serde(serialize_with = "ser_unit_kind")]
    pub kind: UnitKind,
    pub as_of: String,
    #[serde(serialize_with = "ser_status")]
    pub status: Status,
    pub file: String,
    pub bodies: Vec<BodyLedger>,
    pub leadership: LeadershipLedger,
    pub totals: UnitTotals,
    /// Only for a county.
    pub county: Option<CountyLedger>,
}

/// The ledgers of every org file of the workspace, in workspace order (by path).
pub fn ledgers(ws: &Workspace) -> Vec<Ledger> {
    ws.orgs.iter().map(|org| ledger(ws, org)).collect()
}

/// The ledger of one org file; `ws` is only read for a county's towns.
pub fn ledger(ws: &Workspace, org: &OrgFile) -> Ledger {
    let bodies: Vec<BodyLedger> = org.bodies.iter().map(|b| body_ledger(org, b)).collect();
    let leadership = leadership_ledger(org);
    let totals = unit_totals(org, &bodies, &leadership);
    let county = (org.unit.kind.value == UnitKind::County).then(|| county_ledger(ws, org));
    Ledger {
        unit: org.unit.id.value.clone(),
        name: org.unit.name.value.clone(),
        kind: org.unit.kind.value,
        as_of: org.unit.as_of.value.to_string(),
        status: org.unit.status.value,
        file: ws.path_of(org).to_string(),
        bodies,
        leadership,
        totals,
        county,
    }
}

/// Headcount per establishment (index by `Establishment::index`) of the persons sitting in `id`, or
/// `None` when nobody does.
fn roster_counts(org: &OrgFile, id: &str) -> Option<[u64; 5]> {
    let mut counts = [0u64; 5];
    let mut any = false;
    for p in org.persons_in(id) {
        counts[p.establishment.value.index()] += 1;
        any = true;
    }
    any.then_some(counts)
}

fn body_headcount(org: &OrgFile, b: &Body) -> ([u64; 5], bool) {
    match roster_counts(org, &b.id.value) {
        Some(c) => (c, true),
        None => {
            let mut c = [0u64; 5];
            for e in Establishment::ALL {
                c[e.index()] = u64::from(b.staff.get(*e));
            }
            (c, false)
        }
    }
}

/// The grade a person's post counts at: their grade, or for someone who keeps a post while promoted
/// into the county leadership (`upper_post`), the unit's grade (BZ201 counts them at the post they
/// keep; without the pack's titles catalog the unit's grade is the best estimate).
fn post_grade(org: &OrgFile, p: &crate::model::Person) -> Option<Grade> {
    let g = p.grade.as_ref()?.value;
    Some(if p.upper_post.is_some() {
        org.unit.grade.value
    } else {
        g
    })
}

fn posts_rows<'a>(
    org: &OrgFile,
    approved: &crate::model::Counts<Grade>,
    persons: impl Iterator<Item = &'a crate::model::Person>,
) -> Vec<PostRow> {
    let mut filled = [0u64; 5];
    for p in persons {
        if let Some(g) = post_grade(org, p) {
            filled[g.index()] += 1;
        }
    }
    let mut rows: Vec<PostRow> = approved
        .entries
        .iter()
        .map(|(g, n)| PostRow {
            grade: g.value,
            usage: Usage::new(u64::from(n.value), filled[g.value.index()]),
        })
        .collect();
    for g in Grade::ALL {
        if filled[g.index()] > 0 && !approved.names(*g) {
            rows.push(PostRow {
                grade: *g,
                usage: Usage::new(0, filled[g.index()]),
            });
        }
    }
    rows.sort_by_key(|r| r.grade);
    rows
}

fn category_rows(quota: &crate::model::Counts<Category>, actual: &[u64; 5]) -> Vec<CategoryRow> {
    Category::ALL
        .iter()
        .filter(|c| quota.names(**c) || actual[Establishment::from(**c).index()] > 0)
        .map(|c| CategoryRow {
            category: *c,
            usage: Usage::new(
                u64::from(quota.get(*c)),
                actual[Establishment::from(*c).index()],
            ),
        })
        .collect()
}

fn body_ledger(org: &OrgFile, b: &Body) -> BodyLedger {
    let (counts, from_roster) = body_headcount(org, b);
    let compared = b.quota.present || (b.kind.value != BodyKind::Dispatched && b.parent.is_none());
    let mut categories = category_rows(&b.quota, &counts);
    if !compared {
        for r in &mut categories {
            r.usage = Usage {
                approved: 0,
                actual: r.usage.actual,
                vacant: 0,
                over: 0,
            };
        }
    }
    BodyLedger {
        id: b.id.value.clone(),
        name: b.name.value.clone(),
        kind: b.kind.value,
        parent: b.parent.as_ref().map(|p| p.value.clone()),
        from_roster,
        compared,
        categories,
        outside: counts[Establishment::None.index()],
        posts: posts_rows(org, &b.posts, org.persons_in(&b.id.value)),
    }
}

fn leadership_ledger(org: &OrgFile) -> LeadershipLedger {
    let counts = roster_counts(org, &org.unit.id.value).unwrap_or_default();
    LeadershipLedger {
        headcount: Category::ALL
            .iter()
            .filter(|c| counts[Establishment::from(**c).index()] > 0)
            .map(|c| CategoryCount {
                category: *c,
                count: counts[Establishment::from(*c).index()],
            })
            .collect(),
        outside: counts[Establishment::None.index()],
        posts: posts_rows(org, &org.posts, org.leadership()),
    }
}

fn unit_actual(bodies: &[BodyLedger], leadership: &LeadershipLedger) -> [u64; 5] {
    let mut actual = [0u64; 5];
    for c in &leadership.headcount {
        actual[Establishment::from(c.category).index()] += c.count;
    }
    actual[Establishment::None.index()] += leadership.outside;
    for b in bodies.iter().filter(|b| b.counts_for_unit()) {
        for r in &b.categories {
            actual[Establishment::from(r.category).index()] += r.usage.actual;
        }
        actual[Establishment::None.index()] += b.outside;
    }
    actual
}

fn unit_totals(org: &OrgFile, bodies: &[BodyLedger], leadership: &LeadershipLedger) -> UnitTotals {
    let actual = unit_actual(bodies, leadership);
    let allocated = Category::ALL
        .iter()
        .map(|c| CategoryCount {
            category: *c,
            count: org
                .bodies
                .iter()
                .filter(|b| b.kind.value != BodyKind::Dispatched)
                .map(|b| u64::from(b.quota.get(*c)))
                .sum(),
        })
        .filter(|c| c.count > 0)
        .collect();
    UnitTotals {
        categories: category_rows(&org.quota, &actual),
        allocated,
        outside: actual[Establishment::None.index()],
    }
}

fn county_ledger(ws: &Workspace, county: &OrgFile) -> CountyLedger {
    let mut used = [0u64; 5];
    let towns: Vec<TownRow> = ws
        .children_of(&county.unit.id.value)
        .map(|town| {
            for c in Category::ALL {
                used[Establishment::from(*c).index()] += u64::from(town.quota.get(*c));
            }
            let bodies: Vec<BodyLedger> =
                town.bodies.iter().map(|b| body_ledger(town, b)).collect();
            let totals = unit_totals(town, &bodies, &leadership_ledger(town));
            TownRow {
                id: town.unit.id.value.clone(),
                name: town.unit.name.value.clone(),
                as_of: town.unit.as_of.value.to_string(),
                file: ws.path_of(town).to_string(),
                categories: totals.categories,
            }
        })
        .collect();
    let limit = Category::ALL
        .iter()
        .filter(|c| county.quota.names(**c) || used[Establishment::from(**c).index()] > 0)
        .map(|c| CategoryRow {
            category: *c,
            usage: Usage::new(
                u64::from(county.quota.get(*c)),
                used[Establishment::from(*c).index()],
            ),
        })
        .collect();
    CountyLedger { towns, limit }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::{SourceFile, Sources};

    fn ws(files: &[(&str, &str)]) -> Workspace {
        let mut sources = Sources::default();
        let mut orgs = Vec::new();
        for (path, text) in files {
            let id = sources.add(SourceFile::new(*path, *text));
            match crate::load::load_org(id, &sources.get(id), true) {
                crate::load::Loaded::Org(o) => orgs.push(*o),
                other => panic!("{path}: {other:?}"),
            }
        }
        Workspace::new(sources, orgs)
    }

    const TOWN: &str = r#"
[unit]
id = "t"
name = "T"
kind = "town"
as_of = 2020-01-01
parent = "c"
[quota]
administrative = 5
institution = 2
[quota.posts]
"正科" = 2
[[body]]
id = "a"
name = "A"
kind = "functional"
quota = { administrative = 2 }
posts = { "股级" = 1 }
[[body]]
id = "d"
name = "D"
kind = "dispatched"
staff = { administrative = 9 }
[[body]]
id = "s"
name = "S"
kind = "institution"
quota = { institution = 2 }
staff = { institution = 1, none = 3 }
[[person]]
id = "p1"
body = "t"
establishment = "administrative"
grade = "正科"
[[person]]
id = "p2"
body = "a"
establishment = "administrative"
grade = "股级"
[[person]]
id = "p3"
body = "a"
establishment = "administrative"
[[person]]
id = "p4"
body = "a"
establishment = "worker"
"#;

    #[test]
    fn counts_like_bz101() {
        let ws = ws(&[("t.toml", TOWN)]);
        let l = ledger(&ws, &ws.orgs[0]);
        let a = &l.bodies[0];
        assert!(a.from_roster);
        assert_eq!(a.categories[0].usage, Usage::new(2, 2));
        // Staff in a category the body has no quota for show as over.
        assert_eq!(a.categories[1].category, Category::Worker);
        assert_eq!(a.categories[1].usage, Usage::new(0, 1));
        assert_eq!(a.posts[0].usage, Usage::new(1, 1));
        let s = &l.bodies[2];
        assert!(!s.from_roster);
        assert_eq!(s.outside, 3);
        assert_eq!(s.categories[0].usage, Usage::new(2, 1));
        // Unit: leadership 1 + a 2 administrative; the dispatched body's 9 are not counted.
        let adm = &l.totals.categories[0];
        assert_eq!(adm.usage, Usage::new(5, 3));
        assert_eq!(l.totals.outside, 3);
        assert_eq!(l.leadership.posts[0].usage, Usage::new(2, 1));
    }

    #[test]
    fn county_rows() {
        let county = "[unit]\nid = \"c\"\nname = \"C\"\nkind = \"county\"\nas_of = 2020-01-01\n\
                      [quota]\nadministrative = 4\n";
        let ws = ws(&[("c.toml", county), ("t.toml", TOWN)]);
        let l = ledger(&ws, &ws.orgs[0]);
        let c = l.county.expect("county");
        assert_eq!(c.towns.len(), 1);
        assert_eq!(c.limit[0].usage, Usage::new(4, 5));
        assert_eq!(c.limit[0].usage.over, 1);
    }
}
