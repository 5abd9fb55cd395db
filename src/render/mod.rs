//! Rendering: every output bianzhi writes, one file per format. Renderers receive what the
//! application made (an [`crate::app::Outcome`], ledgers, a diff, a chart) and never check, read or
//! load anything themselves.

pub mod chart;
pub mod diff;
pub mod document;
pub mod docx;
pub mod findings;
pub mod html;
pub mod ledger;
pub mod package;
pub mod page;
pub mod schema;

/// One output format of one kind of result: a check's findings, a chart, a diff, a ledger. Each
/// format is a value (an enum of the formats, or one with its options) that turns what it is
/// given into what is written; a new format is one variant, one arm of its `emit` and one file.
/// Most kinds write text (`Out = String`); the ledger writes bytes, because one of its formats is a
/// workbook, and may fail while building it.
pub trait Emitter<In, Out = String> {
    fn emit(&self, input: In) -> Out;
}
