//! The validated domain model of one org file.
//!
//! The loader (`crate::load`) builds it from TOML, keeping the span of every value, so rules never
//! see raw TOML and can always point at the place a problem comes from. Defaults the format defines
//! (a unit's grade, a body's office, a person's funding) are already applied here; a defaulted value
//! carries the span of the table it belongs to.

pub mod catalog;

pub use catalog::*;

use crate::base::source::{FileId, Sp, Span};

/// A date as written in TOML (`as_of`, `expires`): ordered by year, month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Counts keyed by a catalog value (`quota`, `posts`, `staff`), in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts<K> {
    /// The span of the whole table (or inline table); for an absent table, the owner's span.
    pub span: Span,
    /// Whether the table was written at all.
    pub present: bool,
    pub entries: Vec<(Sp<K>, Sp<u32>)>,
}

impl<K> Default for Counts<K> {
    fn default() -> Self {
        Counts {
            span: Span::default(),
            present: false,
            entries: Vec::new(),
        }
    }
}

impl<K: Copy + PartialEq> Counts<K> {
    pub fn absent(span: Span) -> Self {
        Counts {
            span,
            present: false,
            entries: Vec::new(),
        }
    }

    /// The count for `key`; 0 when the table does not name it.
    pub fn get(&self, key: K) -> u32 {
        self.entry(key).map_or(0, |(_, v)| v.value)
    }

    /// Where a finding about `key` points: its value, else the table (where it is not named).
    pub fn value_span(&self, key: K) -> Span {
        self.entry(key).map_or(self.span, |(_, v)| v.span)
    }

    /// The entry for `key`, with the spans of its key and value.
    pub fn entry(&self, key: K) -> Option<&(Sp<K>, Sp<u32>)> {
        self.entries.iter().find(|(k, _)| k.value == key)
    }

    /// Whether the table names `key` (even with 0).
    pub fn names(&self, key: K) -> bool {
        self.entry(key).is_some()
    }

    pub fn total(&self) -> u64 {
        self.entries.iter().map(|(_, v)| u64::from(v.value)).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// One org file: one unit at one date.
#[derive(Debug, Clone)]
pub struct OrgFile {
    pub file: FileId,
    pub unit: Unit,
    /// `[quota]`: the unit's approved establishment (a county's: the limit its towns share).
    pub quota: Counts<Category>,
    /// `[quota.posts]`: leadership posts of the unit's own leadership team.
    pub posts: Counts<Grade>,
    pub bodies: Vec<Body>,
    pub persons: Vec<Person>,
    pub powers: Vec<Power>,
    pub departures: Vec<Departure>,
    pub exceptions: Vec<Exception>,
    /// `[[transfer]]`: establishment moved with its people (带编划转), v2.
    pub transfers: Vec<Transfer>,
    /// `[[abolition]]`: bodies of the baseline that are abolished (撤销), v3.
    pub abolitions: Vec<Abolition>,
    /// Indexes into `persons`, ordered by body id (roster order within a body), built on first
    /// use: rules ask for a body's persons once per body, and a scan of the roster each time made
    /// them quadratic.
    pub persons_by_body: std::sync::OnceLock<Vec<u32>>,
}

impl OrgFile {
    /// A body's effective grade and the span it comes from: its own `grade`, else its nearest
    /// ancestor's, else the unit's. A cycle (BZ010's) or an unknown parent (BZ009's) ends the walk at
    /// the unit's grade.
    pub fn effective_grade<'a>(&'a self, b: &'a Body) -> (Grade, Span, GradeSource<'a>) {
        let org = self;
        let mut cur = b;
        for _ in 0..=org.bodies.len() {
            if let Some(g) = &cur.grade {
                let source = if std::ptr::eq(cur, b) {
                    GradeSource::Own
                } else {
                    GradeSource::Body(cur)
                };
                return (g.value, g.span, source);
            }
            match cur.parent.as_ref().and_then(|p| org.body(&p.value)) {
                Some(parent) => cur = parent,
                None => break,
            }
        }
        (org.unit.grade.value, org.unit.grade.span, GradeSource::Unit)
    }

    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id.value == id)
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.persons.iter().find(|p| p.id.value == id)
    }

    /// The persons of the leadership team (those whose `body` is the unit id), in roster order.
    pub fn leadership(&self) -> impl Iterator<Item = &Person> {
        self.persons_in(&self.unit.id.value)
    }

    /// The persons sitting in body `id`, in roster order.
    pub fn persons_in<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Person> + 'a {
        let persons = &self.persons;
        let index = self.persons_by_body.get_or_init(|| {
            let mut index: Vec<u32> = (0..persons.len() as u32).collect();
            // Stable: persons of one body stay in roster order.
            index.sort_by(|&a, &b| {
                persons[a as usize]
                    .body
                    .value
                    .cmp(&persons[b as usize].body.value)
            });
            index
        });
        let body = |i: &u32| persons[*i as usize].body.value.as_str();
        let start = index.partition_point(|i| body(i) < id);
        let len = index[start..].partition_point(|i| body(i) == id);
        index[start..start + len]
            .iter()
            .map(|&i| &persons[i as usize])
    }

    /// Drops what only the file's own rules read (bodies, persons, powers), keeping the summary
    /// that cross-file rules, exceptions and reports read: the unit, quotas, departures and
    /// exceptions.
    pub fn keep_summary(&mut self) {
        self.bodies = Vec::new();
        self.persons = Vec::new();
        self.powers = Vec::new();
        self.persons_by_body = Default::default();
    }

    /// Bodies directly under the unit (no `parent`).
    pub fn top_bodies(&self) -> impl Iterator<Item = &Body> {
        self.bodies.iter().filter(|b| b.parent.is_none())
    }

    pub fn is_proposal(&self) -> bool {
        self.unit.status.value == Status::Proposal
    }
}

/// Where a body's grade comes from.
#[derive(Debug, Clone, Copy)]
pub enum GradeSource<'a> {
    /// The body's own `grade` (or the 股级 default of a top-level body).
    Own,
    /// Inherited from this body above it.
    Body(&'a Body),
    /// No body in the chain has a grade: the unit's.
    Unit,
}

/// `[unit]`.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The span of the `[unit]` header.
    pub span: Span,
    pub id: Sp<String>,
    pub name: Sp<String>,
    pub kind: Sp<UnitKind>,
    pub as_of: Sp<Date>,
    pub status: Sp<Status>,
    pub parent: Option<Sp<String>>,
    /// Defaulted from the kind: 正科 for town-level units, 正处 for a county.
    pub grade: Sp<Grade>,
    pub region: Option<Sp<Region>>,
    pub developed_town: Option<Sp<bool>>,
    pub zone: Option<Zone>,
    pub stats: Option<Stats>,
    /// `[unit.listed]`: the listing that makes the unit a developed town (v2).
    pub listed: Option<Listed>,
    /// `[unit.devolved_by]`: the decision that gave the unit its devolved powers (v2), the default
    /// of each power's `devolved_by`.
    pub devolved_by: Option<Approval>,
    /// `[unit.service_network]`: the 镇村(社区) two-level service network (v2).
    pub service_network: Option<ServiceNetwork>,
}

/// `[unit.listed]`.
#[derive(Debug, Clone)]
pub struct Listed {
    pub span: Span,
    pub doc: Option<Sp<String>>,
    pub batch: Option<Sp<u32>>,
    pub date: Option<Sp<Date>>,
}

/// `[unit.service_network]`.
#[derive(Debug, Clone)]
pub struct ServiceNetwork {
    pub span: Span,
    /// 村民委员会 and 居民委员会 in the unit.
    pub villages: Option<Sp<u32>>,
    /// 村(社区)便民服务站 linked with the front service body.
    pub stations: Option<Sp<u32>>,
}

/// `[unit.zone]`: a development zone run together with the town.
#[derive(Debug, Clone)]
pub struct Zone {
    pub span: Span,
    pub name: Option<Sp<String>>,
    pub mode: Option<Sp<ZoneMode>>,
    /// A `quota` table declared by the zone (forbidden for a merged zone, BZ007).
    pub quota: Option<Span>,
    /// A `posts` table declared by the zone.
    pub posts: Option<Span>,
}

/// `[unit.stats]`.
#[derive(Debug, Clone)]
pub struct Stats {
    pub span: Span,
    pub built_up_population: Option<Sp<u64>>,
    pub top10_years: Option<Sp<u32>>,
    pub fiscal_revenue: Option<Sp<f64>>,
}

/// `[[body]]`.
#[derive(Debug, Clone)]
pub struct Body {
    /// The span of the `[[body]]` header.
    pub span: Span,
    pub id: Sp<String>,
    pub name: Sp<String>,
    /// Other names the body carries (挂牌 names, short names), v2.
    pub aliases: Vec<Sp<String>>,
    pub kind: Sp<BodyKind>,
    /// Only for functional bodies; defaulted to back.
    pub office: Option<Sp<Office>>,
    pub duty: Option<Sp<Duty>>,
    /// The body's grade; defaulted to 股级 for a body directly under the unit, none for a sub-body.
    pub grade: Option<Sp<Grade>>,
    pub parent: Option<Sp<String>>,
    /// Institution bodies: the functional body it is integrated with (合署办公), v2.
    pub attached_to: Option<Sp<String>>,
    pub approval: Option<Approval>,
    pub quota: Counts<Category>,
    pub posts: Counts<Grade>,
    pub staff: Counts<Establishment>,
    pub merged_from: Vec<Sp<String>>,
    pub dispatched: Option<Dispatched>,
}

impl Body {
    pub fn is_front(&self, duty: Duty) -> bool {
        self.kind.value == BodyKind::Functional
            && self.office.as_ref().map(|o| o.value) == Some(Office::Front)
            && self.duty.as_ref().map(|d| d.value) == Some(duty)
    }

    pub fn is_back(&self) -> bool {
        self.office.as_ref().map(|o| o.value) != Some(Office::Front)
    }
}

/// `approval = { by, doc, date }`.
#[derive(Debug, Clone)]
pub struct Approval {
    pub span: Span,
    pub by: Option<Sp<String>>,
    pub doc: Option<Sp<String>>,
    pub date: Option<Sp<Date>>,
}

/// `[body.dispatched]`.
#[derive(Debug, Clone)]
pub struct Dispatched {
    pub span: Span,
    pub by: Option<Sp<String>>,
    pub localized: Option<Sp<bool>>,
    pub assessment: Option<Sp<Assessor>>,
    pub appointment_consultation: Option<Sp<bool>>,
    /// Whose station it is (v2); absent: classed by the pack's patterns (BZ006).
    pub line: Option<Sp<DispatchedLine>>,
}

/// `[[person]]`: one entry of the real-name roster.
#[derive(Debug, Clone)]
pub struct Person {
    pub span: Span,
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub body: Sp<String>,
    pub establishment: Sp<Establishment>,
    /// Defaulted: true for a category, false for `none`.
    pub fiscally_funded: Sp<bool>,
    pub title: Option<Sp<String>>,
    pub grade: Option<Sp<Grade>>,
    pub rank: Option<Sp<Rank>>,
    pub enforcement_certified: Option<Sp<bool>>,
    pub upper_post: Option<Sp<String>>,
    pub concurrent: Vec<Sp<String>>,
    /// An `institution` person managed under the Civil Servant Law (参公), v2.
    pub cs_managed: Option<Sp<bool>>,
    /// 挂职 (v3): every title part held without taking a post.
    pub seconded: Option<Sp<bool>>,
}

impl Person {
    /// The leadership grade held: 股级 is a body grade (机构规格), not a leadership grade
    /// (公务员法 第十八条 ends 领导职务层次 at 乡科级副职), so a person graded 股级 holds none.
    pub fn leadership_grade(&self) -> Option<Grade> {
        self.grade
            .as_ref()
            .map(|g| g.value)
            .filter(|g| *g != Grade::UnitLevel)
    }

    /// Seconded (挂职) as a whole: `seconded = true`.
    pub fn is_seconded(&self) -> bool {
        self.seconded.as_ref().is_some_and(|s| s.value)
    }

    pub fn certified(&self) -> bool {
        self.enforcement_certified.as_ref().is_some_and(|c| c.value)
    }
}

/// `[[power]]`: one entry of the powers-and-duties list.
#[derive(Debug, Clone)]
pub struct Power {
    pub span: Span,
    pub code: Sp<String>,
    pub name: Option<Sp<String>>,
    pub category: Sp<PowerCategory>,
    pub handled_by: Option<Sp<String>>,
    /// Back bodies that support the handler internally (后台支撑), v2; not handlers.
    pub supported_by: Vec<Sp<String>>,
    /// `None` when not written: the unit itself.
    pub holder: Option<Sp<String>>,
    pub from: Option<Sp<String>>,
    /// The decision that gave the power to the unit (赋权决定), v2.
    pub devolved_by: Option<Approval>,
    pub legal_basis: Option<Sp<String>>,
    pub responsibilities: Option<Sp<Vec<Sp<String>>>>,
    pub published: Option<Sp<bool>>,
    pub support: Option<Sp<Vec<Sp<String>>>>,
    pub funding: Option<Sp<String>>,
}

/// `[[transfer]]`: establishment moved with its people (带编划转), v2.
#[derive(Debug, Clone)]
pub struct Transfer {
    pub span: Span,
    pub direction: Sp<TransferDirection>,
    /// The body of this unit that receives or gives (or the unit id).
    pub body: Sp<String>,
    pub counterpart: Option<Sp<String>>,
    pub category: Sp<Category>,
    pub count: Sp<u32>,
    pub persons: Vec<Sp<String>>,
    pub whole_body: Option<Sp<bool>>,
    pub by: Option<Sp<String>>,
    pub doc: Sp<String>,
    pub date: Sp<Date>,
    /// The approval above the deciding authority (v3; 486 第十八条); its `by` is always written.
    pub above: Option<Approval>,
}

impl Transfer {
    pub fn is_whole_body(&self) -> bool {
        self.whole_body.as_ref().is_some_and(|w| w.value)
    }

    pub fn is_out(&self) -> bool {
        self.direction.value == TransferDirection::Out
    }

    /// Whether it moves establishment between the baseline and the plan: dated after the
    /// baseline's `as_of` and not after the file's (RULES.md, Transfers).
    pub fn in_window(&self, base: &OrgFile, org: &OrgFile) -> bool {
        self.date.value > base.unit.as_of.value && self.date.value <= org.unit.as_of.value
    }

    /// The baseline body an `out` transfer with `whole_body = true` took away whole (整建制上划).
    pub fn body_out_whole(&self) -> Option<&Sp<String>> {
        (self.is_out() && self.is_whole_body()).then_some(&self.body)
    }
}

/// `[[abolition]]`: a body of the baseline that is abolished (撤销), v3.
#[derive(Debug, Clone)]
pub struct Abolition {
    pub span: Span,
    /// The body's id in the baseline.
    pub body: Sp<String>,
    pub doc: Option<Sp<String>>,
    /// Required where there is no `doc` (the loader says so).
    pub reason: Option<Sp<String>>,
    pub by: Option<Sp<String>>,
    pub date: Option<Sp<Date>>,
}

/// `[[departure]]`.
#[derive(Debug, Clone)]
pub struct Departure {
    pub span: Span,
    pub person: Sp<String>,
    pub reason: Option<Sp<DepartureReason>>,
}

/// `[[exception]]`: an approved exception to one rule.
#[derive(Debug, Clone)]
pub struct Exception {
    pub span: Span,
    /// The rule's code or name, as written.
    pub rule: Sp<String>,
    pub target: Option<Sp<String>>,
    pub approval: Option<Sp<String>>,
    pub reason: Option<Sp<String>>,
    pub expires: Option<Sp<Date>>,
}
