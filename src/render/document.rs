//! What the documents an office files share — the HTML report ([`crate::render::html`]) and the
//! Word document ([`crate::render::docx`]): who issues them and when, each unit's chart, and what
//! each plan changes against its baseline.

use crate::analysis::chart::{ChangeChart, Chart};
use crate::analysis::diff::{self, Diff};
use crate::app::Run;
use crate::base::i18n::Lang;
use crate::model::{OrgFile, UnitKind};

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

/// The org chart of one file of the run: a county's draws its towns.
pub fn chart_of(run: &Run<'_>, org: &OrgFile) -> Chart {
    if org.unit.kind.value == UnitKind::County {
        let towns: Vec<&OrgFile> = run
            .ws
            .children_of(&org.unit.id.value)
            .filter(|t| t.file != org.file)
            .collect();
        Chart::build_county(org, &towns, &run.findings.held(), run.lang)
    } else {
        Chart::build(org, &run.findings.held(), run.lang)
    }
}
