//! Input errors: problems that stop a file or a pack from being checked (exit code 2).

use crate::i18n::Text;
use crate::source::{FileId, Span};

/// A problem with the input itself: unreadable file, invalid TOML, a value that does not follow the
/// format, a bad pack or option. Reported with file, line and column where there is a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file, when it could be read into [`crate::source::Sources`].
    pub file: Option<FileId>,
    /// The path, for a file that could not be read (missing, not UTF-8, a folder without org files).
    pub path: Option<String>,
    pub span: Option<Span>,
    /// Line and column (1-based, characters) for a file that could not be loaded as text, e.g. the
    /// first byte that is not UTF-8.
    pub line_col: Option<(usize, usize)>,
    pub message: Text,
    pub help: Option<Text>,
    /// Secondary places in the same file (e.g. the first definition of a duplicated key).
    pub labels: Vec<(Span, Text)>,
}

impl InputError {
    /// An error at a span of a loaded file.
    pub fn at(file: FileId, span: Span, message: Text) -> Self {
        InputError {
            file: Some(file),
            path: None,
            span: Some(span),
            line_col: None,
            message,
            help: None,
            labels: Vec::new(),
        }
    }

    /// An error about a path that could not be loaded at all.
    pub fn path(path: impl Into<String>, message: Text) -> Self {
        InputError {
            file: None,
            path: Some(path.into()),
            span: None,
            line_col: None,
            message,
            help: None,
            labels: Vec::new(),
        }
    }

    /// An error with no file (a bad option).
    pub fn general(message: Text) -> Self {
        InputError {
            file: None,
            path: None,
            span: None,
            line_col: None,
            message,
            help: None,
            labels: Vec::new(),
        }
    }

    pub fn with_line_col(mut self, line: usize, col: usize) -> Self {
        self.line_col = Some((line, col));
        self
    }

    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    pub fn with_label(mut self, span: Span, text: Text) -> Self {
        self.labels.push((span, text));
        self
    }
}
