//! Reports: the findings and input errors of one run, in the format asked for. One file per format.

pub mod html;
pub mod human;
pub mod json;

use crate::error::InputError;
use crate::finding::{Finding, Level};
use crate::i18n::Lang;
use crate::workspace::Workspace;

/// Everything a report needs about one run.
pub struct Run<'a> {
    pub ws: &'a Workspace,
    pub findings: &'a [Finding],
    pub errors: &'a [InputError],
    pub files_checked: usize,
    pub lang: Lang,
}

/// Counts per level, and of input errors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub input_errors: usize,
}

impl Run<'_> {
    pub fn summary(&self) -> Summary {
        let count = |l: Level| self.findings.iter().filter(|f| f.level == l).count();
        Summary {
            error: count(Level::Error),
            warning: count(Level::Warning),
            info: count(Level::Info),
            input_errors: self.errors.len(),
        }
    }

    /// File, line and column (characters, 1-based) of an input error, where it has a place.
    pub fn error_place(&self, e: &InputError) -> (Option<String>, Option<(usize, usize)>) {
        match e.file {
            Some(id) => {
                let src = self.ws.sources.get(id);
                let lc = e.span.map(|s| src.line_col(s.start));
                (Some(src.path.clone()), lc.or(Some((1, 1))))
            }
            None => (e.path.clone(), e.line_col),
        }
    }
}
