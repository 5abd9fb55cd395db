//! What the documents an office files share — the HTML report ([`crate::render::html`]) and the
//! Word document ([`crate::render::docx`]): who issues them and when, each unit's chart, and what
//! each plan changes against its baseline.

use crate::analysis::chart::{ChangeChart, Chart};
use crate::analysis::diff::{self, Diff};
use crate::analysis::quota_table::{CategoryCell, QuotaRow, QuotaTable};
use crate::app::Run;
use crate::base::i18n::Lang;
use crate::model::{OrgFile, UnitKind};
use crate::rules;

/// What a document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    pub lang: Lang,
    /// The day it was made, `YYYY-MM-DD` (the command line's `--date`, `SOURCE_DATE_EPOCH` or
    /// today); none leaves the date out.
    pub date: Option<String>,
    /// The office that issues it (`--office`, or the project file's `office`).
    pub office: Option<String>,
}

impl DocMeta {
    /// A document in `lang` without a date or an office.
    pub fn new(lang: Lang) -> Self {
        DocMeta {
            lang,
            ..DocMeta::default()
        }
    }
}

/// What one plan changes against its baseline.
#[derive(Debug)]
pub struct PlanChanges {
    /// The plan's path, as the run shows it.
    pub file: String,
    pub diff: Diff,
    pub chart: ChangeChart,
}

/// Every plan (`status = "proposal"`) of the run that has a baseline, in the run's order, with the
/// diff against it ([`crate::analysis::diff`]) and its before/after chart.
pub fn plan_changes(run: &Run<'_>) -> Vec<PlanChanges> {
    let ws = run.ws;
    (0..ws.orgs.len())
        .filter(|&i| ws.orgs[i].is_proposal())
        .filter_map(|i| {
            let plan = &ws.orgs[i];
            let base = ws.baseline_of(i)?;
            let d = diff::diff(base, plan, &ws.sources, ws.show_names);
            let chart = ChangeChart::build(base, plan, &d);
            Some(PlanChanges {
                file: ws.path_of(plan).to_string(),
                diff: d,
                chart,
            })
        })
        .collect()
}

/// The org chart of one file of the run: a county's draws its towns; a plan without a baseline
/// in the run is drawn as not compared, whichever rules are in force.
pub fn chart_of(run: &Run<'_>, org: &OrgFile) -> Chart {
    let mut chart = unit_chart(run, org);
    if org.is_proposal() {
        let at = run.ws.orgs.iter().position(|o| o.file == org.file);
        if at.is_some_and(|i| run.ws.baseline_of(i).is_none()) {
            chart.unit.uncompared = true;
        }
    }
    chart
}

fn unit_chart(run: &Run<'_>, org: &OrgFile) -> Chart {
    if org.unit.kind.value == UnitKind::County {
        let towns: Vec<&OrgFile> = run
            .ws
            .children_of(&org.unit.id.value)
            .filter(|t| t.file != org.file)
            .collect();
        Chart::build_county(
            org,
            &towns,
            &run.findings.held(),
            run.lang,
            rules::short_name,
        )
    } else {
        Chart::build(org, &run.findings.held(), run.lang, rules::short_name)
    }
}

/// A category of the 分类 (核定/实有) column: "行政编制 3/2"; "行政编制 —/5" where nothing is
/// approved there (the leadership team, a dispatched body or a sub-body without a quota), which
/// must not read as 0 approved and 5 over.
pub fn category_cell(c: &CategoryCell, lang: Lang) -> String {
    let approved = c
        .approved
        .map_or_else(|| DASH.to_string(), |a| a.to_string());
    format!("{} {approved}/{}", c.category.name(lang), c.actual)
}

/// What stands where a row has no figure of its own.
pub const DASH: &str = "—";

/// The approved, vacant and over cells of a row: "—" where it has no establishment of its own.
pub fn usage_cells(r: &QuotaRow) -> [String; 3] {
    let cell = |n: Option<u64>| n.map_or_else(|| DASH.to_string(), |n| n.to_string());
    [cell(r.approved()), cell(r.vacant()), cell(r.over())]
}

/// The header of a county's limit table: category, limit, the towns' approved establishment,
/// what remains, the excess (the terminal ledger's columns, in the documents' words).
pub fn limit_header(lang: Lang) -> [&'static str; 5] {
    crate::base::i18n::doc::words(lang).limit_head
}

/// A county's limit table's rows, a category each.
pub fn limit_rows(table: &QuotaTable, lang: Lang) -> Vec<[String; 5]> {
    table
        .limit
        .iter()
        .map(|r| {
            let u = &r.usage;
            [
                r.category.name(lang).to_string(),
                u.approved.to_string(),
                u.actual.to_string(),
                u.vacant.to_string(),
                u.over.to_string(),
            ]
        })
        .collect()
}
