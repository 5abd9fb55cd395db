//! The quota table the documents show (the HTML report, the Word document, the offline page):
//! one row per body from the staffing ledger ([`crate::analysis::ledger`]) in the chart's order,
//! the leadership team first and the unit's total last, with the vacancies and excess worked out
//! here, so that the renderers only write the figures. A county has no establishment of its own
//! in use: its table ends with its limit against its towns' approved establishment, as
//! `bianzhi report` prints it, not with a total that would read as every place vacant.

use crate::analysis::chart::Chart;
use crate::analysis::ledger::{self, CategoryRow};
use crate::base::i18n::{words, Lang};
use crate::model::{Category, OrgFile};
use crate::workspace::Workspace;

/// One category of a row: what is approved there, if anything, and the headcount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryCell {
    pub category: Category,
    /// None where nothing is approved to compare with: the leadership team (it holds the unit's
    /// establishment), a dispatched body without a quota (the county department's), a sub-body
    /// without a quota of its own (its parent's). Shown as "—", never as 0 and never as 超编.
    pub approved: Option<u64>,
    pub actual: u64,
}

/// Approved and actual establishment of one row of a quota table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuotaRow {
    /// The body's name, or the leadership team, or the total.
    pub name: String,
    /// Depth under the unit: 0 for a top-level body, 1 for its sub-bodies, …
    pub depth: usize,
    /// The body's kind, in the report's language; empty for the leadership and total rows.
    pub kind: String,
    /// Per category, in category order.
    pub by_category: Vec<CategoryCell>,
    /// People outside the establishment (编外).
    pub outside: u64,
    /// Leadership posts: approved, filled (people holding a leadership grade).
    pub posts: (u64, u64),
    /// Dispatched bodies hold the county's establishment: shown, not added to the total.
    pub excluded: bool,
    /// Whether the row has an establishment of its own: not the leadership team (it holds the
    /// unit's), not a sub-body without a `quota` table (its people count against its parent's),
    /// not a dispatched body without one. Vacancies and excess are only given where it has.
    pub own_quota: bool,
}

impl QuotaRow {
    /// The approved establishment, where the row has its own.
    pub fn approved(&self) -> Option<u64> {
        self.own_quota
            .then(|| self.by_category.iter().filter_map(|c| c.approved).sum())
    }

    pub fn actual(&self) -> u64 {
        self.by_category.iter().map(|c| c.actual).sum()
    }

    /// Vacancies, category by category (a vacancy in one category does not offset an excess in
    /// another); none where the row has no establishment of its own.
    pub fn vacant(&self) -> Option<u64> {
        self.own_quota.then(|| {
            self.by_category
                .iter()
                .map(|c| c.approved.unwrap_or(0).saturating_sub(c.actual))
                .sum()
        })
    }

    /// Excess, category by category; none where the row has no establishment of its own.
    pub fn over(&self) -> Option<u64> {
        self.own_quota.then(|| {
            self.by_category
                .iter()
                .map(|c| c.actual.saturating_sub(c.approved.unwrap_or(0)))
                .sum()
        })
    }

    fn add(&mut self, category: Category, approved: Option<u64>, actual: u64) {
        match self.by_category.iter_mut().find(|c| c.category == category) {
            Some(c) => {
                c.approved = match (c.approved, approved) {
                    (Some(a), Some(b)) => Some(a + b),
                    (a, b) => a.or(b),
                };
                c.actual += actual;
            }
            None => {
                self.by_category.push(CategoryCell {
                    category,
                    approved,
                    actual,
                });
                self.by_category.sort_by_key(|c| c.category);
            }
        }
    }
}

/// The quota table of one org file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaTable {
    /// The org file's path, as the run shows it.
    pub file: String,
    pub rows: Vec<QuotaRow>,
    /// The unit's `[quota]` against everyone but dispatched bodies; none for a county, whose
    /// `[quota]` is the limit its towns share ([`QuotaTable::limit`]).
    pub total: Option<QuotaRow>,
    /// A county's limit per category (approved) against its towns' approved establishment added
    /// up (actual), with what remains (vacant) and the excess (over); empty for any other unit.
    pub limit: Vec<CategoryRow>,
}

impl QuotaTable {
    /// Whether the table has bodies or a leadership team to show: a county's file often holds
    /// only its limit.
    pub fn shows_bodies(&self) -> bool {
        self.total.is_some()
            || self.rows.iter().any(|r| {
                !r.by_category.is_empty() || r.outside > 0 || r.posts != (0, 0) || r.depth > 0
            })
            || self.rows.len() > 1
    }
}

/// The quota tables of every org file of `ws`, in its order, with words in `lang`.
pub fn quota_tables(ws: &Workspace, lang: Lang) -> Vec<QuotaTable> {
    ws.orgs
        .iter()
        .map(|org| quota_table(ws, org, lang))
        .collect()
}

fn posts_of(rows: &[ledger::PostRow]) -> (u64, u64) {
    rows.iter().fold((0, 0), |(a, f), r| {
        (a + r.usage.approved, f + r.usage.actual)
    })
}

/// The quota table of one org file of `ws`.
pub fn quota_table(ws: &Workspace, org: &OrgFile, lang: Lang) -> QuotaTable {
    let ledger = ledger::ledger(ws, org);
    let mut rows = Vec::new();

    let mut lead = QuotaRow {
        name: words::report::leadership(lang).to_string(),
        outside: ledger.leadership.outside,
        posts: posts_of(&ledger.leadership.posts),
        ..QuotaRow::default()
    };
    for c in &ledger.leadership.headcount {
        lead.add(c.category, None, c.count);
    }
    rows.push(lead);

    // The chart's order: bodies grouped by kind, sub-bodies under their parent.
    // No findings: no rule to name.
    let chart = Chart::build(org, &[], lang, |_, name, _| name.to_string());
    for (depth, n) in chart.nodes() {
        let Some(b) = ledger.bodies.iter().find(|b| b.id == n.id) else {
            continue;
        };
        let mut row = QuotaRow {
            name: b.name.clone(),
            depth,
            kind: b.kind.name(lang).replace('_', " "),
            outside: b.outside,
            posts: posts_of(&b.posts),
            excluded: !b.counts_for_unit(),
            own_quota: b.compared,
            ..QuotaRow::default()
        };
        for c in &b.categories {
            let approved = b.compared.then_some(c.usage.approved);
            row.add(c.category, approved, c.usage.actual);
        }
        rows.push(row);
    }
    let total = match &ledger.county {
        Some(_) => None,
        None => {
            let mut total = QuotaRow {
                name: words::report::total(lang).to_string(),
                outside: ledger.totals.outside,
                posts: rows
                    .iter()
                    .filter(|r| !r.excluded)
                    .fold((0, 0), |(a, f), r| (a + r.posts.0, f + r.posts.1)),
                own_quota: true,
                ..QuotaRow::default()
            };
            for c in &ledger.totals.categories {
                total.add(c.category, Some(c.usage.approved), c.usage.actual);
            }
            Some(total)
        }
    };
    QuotaTable {
        file: ws.path_of(org).to_string(),
        rows,
        total,
        limit: ledger.county.map(|c| c.limit).unwrap_or_default(),
    }
}
