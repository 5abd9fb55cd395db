//! Rendering: every output bianzhi writes, one file per format. Renderers receive what the
//! application made (an [`crate::app::Outcome`], ledgers, a diff, a chart) and never check, read or
//! load anything themselves.

pub mod chart;
pub mod diff;
pub mod findings;
pub mod html;
pub mod ledger;
pub mod schema;
