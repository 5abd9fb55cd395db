//! Human output: miette diagnostics with the offending TOML underlined, then a summary line.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, Severity, SourceCode, SourceSpan, SpanContents,
};

use crate::error::InputError;
use crate::finding::{Finding, Level};
use crate::i18n::Lang;
use crate::report::Run;
use crate::source::FileId;

/// How to draw: colour for a terminal, none for pipes and snapshots.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// One diagnostic as miette draws it. Labels in other files than the primary one become related
/// diagnostics, since a miette diagnostic has one source.
struct Diag {
    code: Option<String>,
    severity: Severity,
    message: String,
    source: Option<CharColumns>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Diag>,
}

impl fmt::Debug for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info | Level::Off => Severity::Advice,
    }
}

/// A named source whose columns count characters. miette counts bytes, so the `[file:line:col]`
/// it prints above a snippet would be wrong after Chinese text (and disagree with JSON and SARIF).
/// Only the column changes: it is 0 exactly when the byte column is, which is all miette's snippet
/// drawing looks at.
#[derive(Debug)]
struct CharColumns {
    name: String,
    text: Arc<str>,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_ref()
                .read_span(span, context_lines_before, context_lines_after)?;
        let text: &str = &self.text;
        let mut at = span.offset().min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..at].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

fn named(run: &Run<'_>, file: FileId) -> CharColumns {
    let src = run.ws.sources.get(file);
    CharColumns {
        name: src.path.clone(),
        text: src.text.clone(),
    }
}

fn finding_diag(run: &Run<'_>, f: &Finding) -> Diag {
    let lang = run.lang;
    let primary_text = f
        .primary
        .as_ref()
        .unwrap_or(&f.message)
        .get(lang)
        .to_string();
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        Some(primary_text),
        f.span,
    )];
    let mut related = Vec::new();
    for l in &f.labels {
        let ls = LabeledSpan::new_with_span(Some(l.message.get(lang).to_string()), l.span);
        if l.file == f.file {
            labels.push(ls);
        } else {
            related.push(Diag {
                code: None,
                severity: Severity::Advice,
                message: l.message.get(lang).to_string(),
                source: Some(named(run, l.file)),
                labels: vec![ls],
                help: None,
                related: Vec::new(),
            });
        }
    }
    let cite = match lang {
        Lang::En => format!("rule {} ({}), cites {}", f.code, f.name, f.cite.get(lang)),
        Lang::Zh => format!("规则 {}（{}），依据 {}", f.code, f.name, f.cite.get(lang)),
    };
    let help = match &f.help {
        Some(h) => format!("{}\n{cite}", h.get(lang)),
        None => cite,
    };
    Diag {
        code: Some(format!("{}/{}", f.code, f.name)),
        severity: severity(f.level),
        message: f.message.get(lang).to_string(),
        source: Some(named(run, f.file)),
        labels,
        help: Some(help),
        related,
    }
}

fn error_diag(run: &Run<'_>, e: &InputError) -> Diag {
    let lang = run.lang;
    let (source, labels, message) = match (e.file, e.span) {
        (Some(file), Some(span)) => {
            let mut labels = vec![LabeledSpan::new_primary_with_span(None, span)];
            labels.extend(
                e.labels
                    .iter()
                    .map(|(s, t)| LabeledSpan::new_with_span(Some(t.get(lang).to_string()), *s)),
            );
            let src = run.ws.sources.get(file);
            let (line, col) = src.line_col(span.start);
            let msg = format!("{}:{line}:{col}: {}", src.path, e.message.get(lang));
            (Some(named(run, file)), labels, msg)
        }
        _ => {
            let (file, lc) = run.error_place(e);
            let msg = match (file, lc) {
                (Some(p), Some((line, col))) => {
                    format!("{p}:{line}:{col}: {}", e.message.get(lang))
                }
                (Some(p), None) if !e.message.get(lang).contains(p.as_str()) => {
                    format!("{p}: {}", e.message.get(lang))
                }
                _ => e.message.get(lang).to_string(),
            };
            (None, Vec::new(), msg)
        }
    };
    Diag {
        code: Some(match lang {
            Lang::En => "input".to_string(),
            Lang::Zh => "输入错误".to_string(),
        }),
        severity: Severity::Error,
        message,
        source,
        labels,
        help: e.help.as_ref().map(|h| h.get(lang).to_string()),
        related: Vec::new(),
    }
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

/// The whole human report: input errors first, then findings in order, then a summary line.
pub fn render(run: &Run<'_>, style: Style) -> String {
    let handler = handler(style);
    let mut out = String::new();
    for e in run.errors {
        let _ = handler.render_report(&mut out, &error_diag(run, e));
    }
    for f in run.findings {
        let _ = handler.render_report(&mut out, &finding_diag(run, f));
    }
    out.push_str(&summary_line(run));
    out.push('\n');
    out
}

/// "2 errors, 1 warning, 0 info in 5 files; 1 input error".
pub fn summary_line(run: &Run<'_>) -> String {
    let s = run.summary();
    let files = run.files_checked;
    let (e, w, i, x) = (s.error, s.warning, s.info, s.input_errors);
    match run.lang {
        Lang::En => {
            let n = |n: usize, word: &str| {
                if n == 1 {
                    format!("{n} {word}")
                } else {
                    format!("{n} {word}s")
                }
            };
            let mut line = format!(
                "{}, {}, {i} info in {}",
                n(e, "error"),
                n(w, "warning"),
                n(files, "file")
            );
            if x > 0 {
                line.push_str(&format!("; {}", n(x, "input error")));
            }
            line
        }
        Lang::Zh => {
            let mut line = format!("共检查 {files} 个文件：{e} 个错误，{w} 个警告，{i} 个提示");
            if x > 0 {
                line.push_str(&format!("；{x} 个输入错误"));
            }
            line
        }
    }
}
