//! Views of the model for reports: the staffing ledger, the reorganization graph, the org chart's
//! tree. No IO: they take a loaded model and give data that `render` writes.

pub mod chart;
pub mod diff;
pub mod ledger;
pub mod quota_table;
pub mod reorg;
