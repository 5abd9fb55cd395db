//! The ground floor: what every layer above uses and that uses nothing of bianzhi's own.
//!
//! Source files and spans, file-system access (walk, read, write, limits), diagnostics (findings and
//! input errors), the bilingual word table, text made safe for terminals and CSV, and scratch space
//! (an unnamed temporary file) for what a run reads back before it reports. `fs` reads
//! and writes one file; `walk` finds the files of a run and reads them as text.

pub mod diag;
pub mod fs;
pub mod i18n;
pub mod safe_text;
pub mod scratch;
pub mod source;
pub mod walk;
