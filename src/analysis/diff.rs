//! What a reorganization changes — bodies continued, merged, abolished and new; establishment,
//! fiscally funded headcount and leadership posts before and after; where people went. Read from
//! the reorganization graph ([`crate::analysis::reorg`]), as BZ501 and BZ502 are.

use serde::Serialize;

use crate::analysis::reorg::{self, BodyFate, PersonFate, Reorg};
use crate::base::source::Sources;
use crate::model::{Body, OrgFile, Person};

/// One side of the comparison.
#[derive(Debug, Serialize)]
pub struct Side {
    pub file: String,
    pub unit: String,
    pub name: String,
    pub as_of: String,
    pub status: &'static str,
}

#[derive(Debug, Serialize)]
pub struct BodyRef {
    pub id: String,
    pub name: String,
}

/// A body of the new file, or an abolished one of the baseline, with what it came from.
#[derive(Debug, Serialize)]
pub struct BodyChange {
    /// `continued`, `merged`, `new`, `abolished` or (v3) `transferred_out` (整建制划出).
    pub change: &'static str,
    pub id: String,
    pub name: String,
    /// The baseline bodies it continues or merges (for `abolished`: none).
    pub from: Vec<BodyRef>,
    /// For a body abolished by an `[[abolition]]` or moved out whole by an `out` transfer: the
    /// plan's entry that says so, with its document (v3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Fate>,
}

/// The plan's entry that accounts for a body that leaves: its document and, for an abolition, its
/// reason; for a transfer out, where the body went.
#[derive(Debug, Serialize)]
pub struct Fate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A figure before and after.
#[derive(Debug, Serialize)]
pub struct Delta {
    pub base: u64,
    pub new: u64,
    pub delta: i64,
}

impl Delta {
    fn new(base: u64, new: u64) -> Self {
        let delta =
            i64::try_from(new).unwrap_or(i64::MAX) - i64::try_from(base).unwrap_or(i64::MAX);
        Delta { base, new, delta }
    }
}

#[derive(Debug, Serialize)]
pub struct KeyedDelta {
    pub key: &'static str,
    #[serde(flatten)]
    pub delta: Delta,
}

/// A person who did not simply stay in the same body.
#[derive(Debug, Serialize)]
pub struct PersonChange {
    /// `moved`, `departed`, `lost`, `joined` or (v3) `moved_out` (with an `out` transfer's
    /// establishment, 随编划出: `to` is its counterpart, else its body).
    pub change: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// The names of `from` (in the baseline) and `to` (in the plan) where they name a body or the
    /// unit: the tables show them (原机构, 新机构); JSON keeps the ids.
    #[serde(skip)]
    pub from_name: Option<String>,
    #[serde(skip)]
    pub to_name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PeopleSummary {
    pub stayed: usize,
    pub moved: usize,
    pub departed: usize,
    pub lost: usize,
    pub joined: usize,
    /// Left with an `out` transfer (v3); absent when none did.
    #[serde(skip_serializing_if = "is_zero")]
    pub transferred_out: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything `diff` reports.
#[derive(Debug, Serialize)]
pub struct Diff {
    pub version: u32,
    pub base: Side,
    pub new: Side,
    pub bodies: Vec<BodyChange>,
    /// Bodies of kinds functional and institution, as BZ104 counts them.
    pub counted_bodies: Delta,
    /// `[quota]` per category, then `total`.
    pub quota: Vec<KeyedDelta>,
    pub fiscally_funded: Delta,
    /// Approved leadership posts per grade (the team's and the bodies', dispatched ones excepted).
    pub posts: Vec<KeyedDelta>,
    pub people: PeopleSummary,
    pub people_changes: Vec<PersonChange>,
    /// The plan's `[[transfer]]` entries (带编划转): establishment moved with its people by a
    /// document, which BZ104 allows for. Absent when the plan has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transfers: Vec<TransferRow>,
}

/// One `[[transfer]]` of the plan.
#[derive(Debug, Serialize)]
pub struct TransferRow {
    /// `in` (划入) or `out` (划出).
    pub direction: &'static str,
    /// The body of this unit that receives or gives (or the unit id).
    pub body: String,
    /// Its name (in the plan, else the baseline, for a body moved out whole): the tables show it;
    /// JSON keeps the id.
    #[serde(skip)]
    pub body_name: Option<String>,
    /// The county-level body on the other side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<String>,
    pub category: &'static str,
    pub count: u32,
    /// The body itself moved (v2 `in`; v3 `out`: 整建制上划).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub whole_body: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub doc: String,
    pub date: String,
    /// The approval above the deciding authority (v3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub above: Option<Fate>,
}

fn side(org: &OrgFile, sources: &Sources) -> Side {
    Side {
        file: sources.path(org.file).to_string(),
        unit: org.unit.id.value.clone(),
        name: org.unit.name.value.clone(),
        as_of: org.unit.as_of.value.to_string(),
        status: org.unit.status.value.en(),
    }
}

fn body_ref(b: &Body) -> BodyRef {
    BodyRef {
        id: b.id.value.clone(),
        name: b.name.value.clone(),
    }
}

/// Compares two org files through the reorganization graph.
pub fn diff(base: &OrgFile, new: &OrgFile, sources: &Sources, show_names: bool) -> Diff {
    let g = Reorg::build(base, new);
    let who = |p: &Person| match (&p.name, show_names) {
        (Some(n), true) => format!("{} ({})", p.id.value, n.value),
        _ => p.id.value.clone(),
    };

    let mut bodies = Vec::new();
    for b in &new.bodies {
        let from = g.sources_of(b);
        let change = if from.iter().any(|f| f.id.value == b.id.value) {
            "continued"
        } else if from.is_empty() {
            "new"
        } else {
            "merged"
        };
        bodies.push(BodyChange {
            change,
            id: b.id.value.clone(),
            name: b.name.value.clone(),
            from: from.into_iter().map(body_ref).collect(),
            by: None,
        });
    }
    let text = |s: &Option<crate::base::source::Sp<String>>| s.as_ref().map(|v| v.value.clone());
    for (b, fate) in g.body_fates() {
        let (change, by) = match fate {
            BodyFate::Abolished => ("abolished", None),
            BodyFate::AbolishedBy(a) => (
                "abolished",
                Some(Fate {
                    counterpart: None,
                    by: text(&a.by),
                    doc: text(&a.doc),
                    date: a.date.as_ref().map(|d| d.value.to_string()),
                    reason: text(&a.reason),
                }),
            ),
            BodyFate::LeftWhole(t) => (
                "transferred_out",
                Some(Fate {
                    counterpart: text(&t.counterpart),
                    by: text(&t.by),
                    doc: Some(t.doc.value.clone()),
                    date: Some(t.date.value.to_string()),
                    reason: None,
                }),
            ),
            BodyFate::Continued { .. } | BodyFate::Merged(_) => continue,
        };
        bodies.push(BodyChange {
            change,
            id: b.id.value.clone(),
            name: b.name.value.clone(),
            from: Vec::new(),
            by,
        });
    }

    let mut quota: Vec<KeyedDelta> = reorg::quota_per_category(base)
        .into_iter()
        .zip(reorg::quota_per_category(new))
        .map(|((c, b), (_, n))| KeyedDelta {
            key: c.en(),
            delta: Delta::new(b, n),
        })
        .collect();
    quota.push(KeyedDelta {
        key: "total",
        delta: Delta::new(base.quota.total(), new.quota.total()),
    });
    let posts = reorg::posts_per_grade(base)
        .into_iter()
        .zip(reorg::posts_per_grade(new))
        .filter(|((_, b), (_, n))| *b > 0 || *n > 0)
        .map(|((g, b), (_, n))| KeyedDelta {
            key: g.en(),
            delta: Delta::new(b, n),
        })
        .collect();

    let mut people_changes = Vec::new();
    let mut summary = PeopleSummary {
        stayed: 0,
        moved: 0,
        departed: 0,
        lost: 0,
        joined: 0,
        transferred_out: 0,
    };
    for (p, fate) in g.person_fates() {
        match fate {
            PersonFate::Stays(np) => {
                summary.stayed += 1;
                if np.body.value != p.body.value {
                    summary.moved += 1;
                    people_changes.push(PersonChange {
                        change: "moved",
                        id: who(np),
                        from: Some(p.body.value.clone()),
                        to: Some(np.body.value.clone()),
                        reason: None,
                        from_name: body_name(base, &p.body.value),
                        to_name: body_name(new, &np.body.value),
                    });
                }
            }
            PersonFate::Departs(d) => {
                summary.departed += 1;
                people_changes.push(PersonChange {
                    change: "departed",
                    id: who(p),
                    from: Some(p.body.value.clone()),
                    to: None,
                    reason: d.reason.as_ref().map(|r| r.value.en()),
                    from_name: body_name(base, &p.body.value),
                    to_name: None,
                });
            }
            PersonFate::TransferredOut(t) => {
                summary.transferred_out += 1;
                people_changes.push(PersonChange {
                    change: "moved_out",
                    id: who(p),
                    from: Some(p.body.value.clone()),
                    to: Some(
                        t.counterpart
                            .as_ref()
                            .map_or_else(|| t.body.value.clone(), |c| c.value.clone()),
                    ),
                    reason: None,
                    from_name: body_name(base, &p.body.value),
                    // A counterpart is another unit, named by its id; a body moved out whole is
                    // the baseline's.
                    to_name: match &t.counterpart {
                        Some(_) => None,
                        None => body_name(base, &t.body.value),
                    },
                });
            }
            PersonFate::Lost => {
                summary.lost += 1;
                people_changes.push(PersonChange {
                    change: "lost",
                    id: who(p),
                    from: Some(p.body.value.clone()),
                    to: None,
                    reason: None,
                    from_name: body_name(base, &p.body.value),
                    to_name: None,
                });
            }
        }
    }
    for p in g.joined() {
        summary.joined += 1;
        people_changes.push(PersonChange {
            change: "joined",
            id: who(p),
            from: None,
            to: Some(p.body.value.clone()),
            reason: None,
            from_name: None,
            to_name: body_name(new, &p.body.value),
        });
    }

    Diff {
        version: 1,
        base: side(base, sources),
        new: side(new, sources),
        bodies,
        counted_bodies: Delta::new(
            reorg::counted_bodies(base).len() as u64,
            reorg::counted_bodies(new).len() as u64,
        ),
        quota,
        fiscally_funded: Delta::new(reorg::funded_headcount(base), reorg::funded_headcount(new)),
        posts,
        people: summary,
        people_changes,
        transfers: new
            .transfers
            .iter()
            .map(|t| TransferRow {
                direction: t.direction.value.en(),
                body: t.body.value.clone(),
                body_name: body_name(new, &t.body.value).or_else(|| body_name(base, &t.body.value)),
                counterpart: t.counterpart.as_ref().map(|c| c.value.clone()),
                category: t.category.value.en(),
                count: t.count.value,
                whole_body: t.is_whole_body(),
                by: t.by.as_ref().map(|b| b.value.clone()),
                doc: t.doc.value.clone(),
                date: t.date.value.to_string(),
                above: t.above.as_ref().map(|a| Fate {
                    counterpart: None,
                    by: text(&a.by),
                    doc: text(&a.doc),
                    date: a.date.as_ref().map(|d| d.value.to_string()),
                    reason: None,
                }),
            })
            .collect(),
    }
}

/// The name of the body `id` of `org`, or the unit's name for its own id (the leadership team).
fn body_name(org: &OrgFile, id: &str) -> Option<String> {
    match org.body(id) {
        Some(b) => Some(b.name.value.clone()),
        None => (org.unit.id.value == id).then(|| org.unit.name.value.clone()),
    }
}
