//! Diagnostics: findings (what a rule reports, with the place in the TOML that causes it) and input
//! errors (problems that stop a file or a pack from being checked, exit code 2).

use std::fmt;
use std::sync::{Arc, LazyLock};

use crate::base::i18n::{Lang, Text};
use crate::base::source::{FileId, Span};

/// How serious a finding is. `Off` only appears in packs: a rule at `off` does not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Off => "off",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Level::Error => "错误",
            Level::Warning => "警告",
            Level::Info => "提示",
            Level::Off => "关闭",
        }
    }

    /// The level in words, in `lang`.
    pub fn name(self, lang: crate::base::i18n::Lang) -> &'static str {
        lang.select(self.as_str(), self.zh())
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" | "错误" => Some(Level::Error),
            "warning" | "警告" => Some(Level::Warning),
            "info" | "提示" => Some(Level::Info),
            "off" | "关闭" => Some(Level::Off),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of entity a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetKind {
    Unit,
    Body,
    Person,
    Power,
    Exception,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Unit => "unit",
            TargetKind::Body => "body",
            TargetKind::Person => "person",
            TargetKind::Power => "power",
            TargetKind::Exception => "exception",
        }
    }
}

/// The entity a finding is about: `kind:id`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub kind: TargetKind,
    pub id: String,
}

impl Target {
    pub fn new(kind: TargetKind, id: impl Into<String>) -> Self {
        Target {
            kind,
            id: id.into(),
        }
    }

    pub fn unit(id: impl Into<String>) -> Self {
        Target::new(TargetKind::Unit, id)
    }

    pub fn body(id: impl Into<String>) -> Self {
        Target::new(TargetKind::Body, id)
    }

    pub fn person(id: impl Into<String>) -> Self {
        Target::new(TargetKind::Person, id)
    }

    pub fn power(id: impl Into<String>) -> Self {
        Target::new(TargetKind::Power, id)
    }

    /// Whether an exception's `target` names this entity: either `kind:id` or a bare id.
    pub fn matches(&self, written: &str) -> bool {
        match written.split_once(':') {
            Some((kind, id)) => kind == self.kind.as_str() && id == self.id,
            None => written == self.id,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.id)
    }
}

/// A secondary place a finding refers to: what it compares against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    /// Shared by equal labels of one rule's findings in a file (see [`Finding`]).
    pub message: Arc<Text>,
}

/// One problem found by a rule.
///
/// Rules fill in the place, the message, the help and the labels; the engine stamps the rule's code,
/// name, citation and final level from the pack, and the unit from the file.
///
/// A national run can report close to a million findings, so what many findings have in common is
/// shared rather than copied: the rule's code, name and citation, the unit, and a help text equal
/// to the one before it from the same rule and file, and so are its labels' texts. A run that writes
/// one language keeps only that one ([`Finding::keep_only`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub level: Level,
    /// A level the rule chose for this finding itself (BZ006's reminder at `info`); the pack's level
    /// applies otherwise.
    pub fixed_level: Option<Level>,
    pub file: FileId,
    pub span: Span,
    pub unit: Arc<str>,
    pub target: Option<Target>,
    pub message: Text,
    /// The text under the primary span; the message when absent.
    pub primary: Option<Box<Text>>,
    pub help: Option<Arc<Text>>,
    pub labels: Vec<Label>,
    /// The clause it enforces, in both languages (from the pack, else the rule).
    pub cite: Arc<Text>,
    /// A plan's note that it was not compared with a baseline (BZ104, BZ502 without one): it says
    /// what could not be checked, not that the rule's problem is there, so a chart shows
    /// "not compared with a baseline" for it rather than the rule's short name.
    pub uncompared: bool,
}

/// The empty string every new finding starts with as its code, name and unit (one allocation for
/// the run, not three per finding).
pub(crate) fn empty_str() -> Arc<str> {
    static EMPTY: LazyLock<Arc<str>> = LazyLock::new(|| Arc::from(""));
    EMPTY.clone()
}

fn empty_text() -> Arc<Text> {
    static EMPTY: LazyLock<Arc<Text>> = LazyLock::new(|| Arc::new(Text::default()));
    EMPTY.clone()
}

impl Finding {
    pub fn new(file: FileId, span: Span, message: Text) -> Self {
        Finding {
            code: empty_str(),
            name: empty_str(),
            level: Level::Error,
            fixed_level: None,
            file,
            span,
            unit: empty_str(),
            target: None,
            message,
            primary: None,
            help: None,
            labels: Vec::new(),
            cite: empty_text(),
            uncompared: false,
        }
    }

    /// Drops the texts of the other language, for a run that writes `lang` only. The message keeps
    /// its English as well: findings are sorted by it ([`crate::engine::sort`]), so that the order
    /// is the same in both languages. A shared help is replaced by a copy in `lang` alone.
    pub fn keep_only(&mut self, lang: Lang) {
        if lang == Lang::En {
            self.message.keep_only(lang);
        }
        if let Some(p) = &mut self.primary {
            p.keep_only(lang);
        }
        if let Some(h) = &mut self.help {
            Arc::make_mut(h).keep_only(lang);
        }
        for l in &mut self.labels {
            Arc::make_mut(&mut l.message).keep_only(lang);
        }
    }

    pub fn target(mut self, target: Target) -> Self {
        self.target = Some(target);
        self
    }

    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(Arc::new(help));
        self
    }

    pub fn primary(mut self, text: Text) -> Self {
        self.primary = Some(Box::new(text));
        self
    }

    pub fn label(mut self, file: FileId, span: Span, message: Text) -> Self {
        self.labels.push(Label {
            file,
            span,
            message: Arc::new(message),
        });
        self
    }

    pub fn fixed_level(mut self, level: Level) -> Self {
        self.fixed_level = Some(level);
        self
    }

    /// Marks a plan's note that it was not compared with a baseline ([`Finding::uncompared`]).
    pub fn uncompared(mut self) -> Self {
        self.uncompared = true;
        self
    }

    /// The clause of this finding's own requirement, where a rule checks several (BZ206: the
    /// people's congress roles cite 地方组织法 第十八条, the government's 第七十条). It stands
    /// instead of the rule's citation from the pack.
    pub fn cite(mut self, cite: &Arc<Text>) -> Self {
        self.cite = cite.clone();
        self
    }

    /// Whether a rule gave this finding a citation of its own ([`Finding::cite`]).
    pub fn has_own_cite(&self) -> bool {
        !Arc::ptr_eq(&self.cite, &empty_text())
    }
}

/// A problem with the input itself: unreadable file, invalid TOML, a value that does not follow the
/// format, a bad pack or option. Reported with file, line and column where there is a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file, when it could be read into [`crate::base::source::Sources`].
    pub file: Option<FileId>,
    /// The path, for a file that could not be read (missing, not UTF-8, a folder without org files).
    pub path: Option<String>,
    pub span: Option<Span>,
    /// Line and column (1-based, characters) for a file that could not be loaded as text, e.g. the
    /// first byte that is not UTF-8.
    pub line_col: Option<(usize, usize)>,
    pub message: Text,
    pub help: Option<Text>,
    /// Secondary places in the same file (e.g. the first definition of a duplicated key): the same
    /// [`Label`] a finding has, so that renderers draw both one way.
    pub labels: Vec<Label>,
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
        // A label only has a place in an error at a place: renderers draw it with the error's file.
        self.labels.push(Label {
            file: self.file.unwrap_or(FileId(0)),
            span,
            message: Arc::new(text),
        });
        self
    }
}
