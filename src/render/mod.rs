//! Rendering: every output bianzhi writes, one file per format. Renderers receive what the
//! application made (an [`crate::app::Outcome`], ledgers, a diff, a chart) and never check, read or
//! load anything themselves.

pub mod chart;
pub mod diff;
pub mod findings;
pub mod html;
pub mod ledger;
pub mod schema;

/// One output format of one kind of result: a check's findings, a chart, a diff, a ledger. Each
/// format is a value (an enum of the formats, or one with its options) that turns what it is
/// given into the text written; a new format is one variant, one arm of its `emit` and one file.
pub trait Emitter<In> {
    fn emit(&self, input: In) -> String;
}
