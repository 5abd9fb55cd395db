//! Human output: miette diagnostics with the offending TOML underlined, then a summary line.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, Severity, SourceCode, SourceSpan, SpanContents,
};

use crate::app::Run;

use crate::base::diag::{Finding, InputError, Label, Level};
use crate::base::i18n::{msg, words, Lang};
use crate::base::safe_text;
use crate::base::source::{FileId, Span};

/// How to draw: colour for a terminal, none for pipes and snapshots.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    /// `color`, at the width `COLUMNS` gives (100 without it).
    pub fn of_terminal(color: bool) -> Style {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100);
        Style { color, width }
    }
}

/// One diagnostic as miette draws it. Labels in other files than the primary one become related
/// diagnostics, since a miette diagnostic has one source.
struct Diag {
    code: Option<String>,
    severity: Severity,
    message: String,
    source: Option<View>,
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

/// What a diagnostic shows of a source: the lines around its labels, each long line cut to a
/// window around the labels on it, control characters shown as symbols, and (without
/// `--show-names`) the `name` values of `[[person]]` tables masked. Labels are given in the
/// view's own offsets ([`View::span`]); the line numbers and the columns (in characters, as JSON and
/// SARIF count them; miette counts bytes) are the original file's.
#[derive(Debug)]
struct View {
    name: String,
    text: String,
    /// Where each piece of the file shown starts in the view, in order.
    pieces: Vec<Piece>,
    /// (original offset, view offset) at every character boundary kept, ascending.
    bounds: Vec<(usize, usize)>,
    src: Arc<crate::base::source::SourceFile>,
}

/// A run of whole lines of the file in a [`View`].
#[derive(Debug)]
struct Piece {
    /// Its offset in the view's text.
    at: usize,
    /// The file's lines (0-based) it starts and ends with.
    line: usize,
    last_line: usize,
}

/// The most lines between two labels drawn as one snippet.
const MAX_GAP: usize = 40;

/// Lines longer than this (bytes) are cut to a window around their labels.
const MAX_LINE: usize = 400;
/// Bytes kept on each side of the labels of a cut line.
const MARGIN: usize = 120;
/// Bytes of labelled text kept on a cut line.
const MAX_FOCUS: usize = 240;
/// The roster's name spans of a file ([`crate::load::person_name_spans`]), found once per file:
/// a file's findings are drawn one after another.
fn person_names(src: &Arc<crate::base::source::SourceFile>) -> Arc<Vec<crate::base::source::Span>> {
    type Cached = (
        Arc<crate::base::source::SourceFile>,
        Arc<Vec<crate::base::source::Span>>,
    );
    thread_local! {
        // The file is held with its spans, so that no other file can take its place in memory.
        static LAST: std::cell::RefCell<Option<Cached>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((file, names)) = last.as_ref() {
            if Arc::ptr_eq(file, src) {
                return names.clone();
            }
        }
        let names = Arc::new(crate::load::person_name_spans(&src.text));
        *last = Some((src.clone(), names.clone()));
        names
    })
}

/// What a masked name is shown as.
const MASK: &str = "***";

fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1)
}

/// The end of the line holding byte `at` (the offset of its newline, or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i)
}

impl View {
    fn build(
        name: &str,
        src: Arc<crate::base::source::SourceFile>,
        spans: &[crate::base::source::Span],
        mask_names: bool,
    ) -> View {
        let text: &str = &src.text;
        // The lines each label is drawn with (its own and one either side, as miette draws
        // them); labels near each other are drawn as one snippet with the lines between them
        // (where miette would, with the whole file, and at most MAX_GAP lines apart). The lines
        // between two labels far apart are neither copied nor drawn: a thousand findings each
        // with a label at its body and one at a person far below copied the file's lines between
        // them a thousand times, and miette, which merges snippets by a line count taken from the
        // start of the text, drew thousands of them.
        let mut pieces: Vec<(usize, usize)> = spans
            .iter()
            .map(|s| {
                let lo = floor_char(text, s.start);
                let hi = floor_char(text, s.end.max(lo));
                let mut start = line_start(text, lo);
                if start > 0 {
                    start = line_start(text, start - 1);
                }
                let mut end = line_end(text, hi);
                if end < text.len() {
                    end = line_end(text, end + 1);
                }
                (start, end)
            })
            .collect();
        if pieces.is_empty() {
            pieces.push((0, line_end(text, 0)));
        }
        pieces.sort_unstable();
        let line_of = |at: usize| src.line_col(at).0 - 1;
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
        for (start, end) in pieces {
            match merged.last_mut() {
                // Touching (the next piece starts on the line after this one ends, or before),
                // or near.
                Some(last)
                    if start <= last.1 + 1 || {
                        let (first, last_line, next) =
                            (line_of(last.0), line_of(last.1), line_of(start));
                        next <= first + last_line + 1 && next <= last_line + MAX_GAP
                    } =>
                {
                    last.1 = last.1.max(end)
                }
                _ => merged.push((start, end)),
            }
        }
        let mut view = View {
            name: safe_text::one_line(name).into_owned(),
            text: String::new(),
            pieces: Vec::with_capacity(merged.len()),
            bounds: Vec::new(),
            src: src.clone(),
        };
        let names = if mask_names {
            person_names(&src)
        } else {
            Arc::new(Vec::new())
        };
        for (start, end) in merged {
            // Each piece ends with its last line's break (where the file has one).
            view.pieces.push(Piece {
                at: view.text.len(),
                line: line_of(start),
                last_line: line_of(end),
            });
            let mut ls = start;
            loop {
                let le = line_end(text, ls);
                // The names are in file order and do not overlap: those on this line from the
                // first that ends after its start.
                let from = names.partition_point(|n| n.end <= ls);
                let mask: Vec<(usize, usize)> = names[from..]
                    .iter()
                    .take_while(|n| n.start < le)
                    .filter(|n| n.end > ls)
                    .map(|n| (n.start.max(ls), n.end.min(le)))
                    .collect();
                view.push_line(text, ls, le, spans, &mask);
                view.bounds.push((le, view.text.len()));
                if le < text.len() {
                    view.text.push('\n');
                }
                if le >= end || le >= text.len() {
                    break;
                }
                ls = le + 1;
            }
        }
        view
    }

    /// One line, windowed, sanitised and masked.
    fn push_line(
        &mut self,
        text: &str,
        ls: usize,
        le: usize,
        spans: &[crate::base::source::Span],
        mask: &[(usize, usize)],
    ) {
        let content_end = if text[ls..le].ends_with('\r') {
            le - 1
        } else {
            le
        };
        let (a, b) = if content_end - ls <= MAX_LINE {
            (ls, content_end)
        } else {
            let on_line: Vec<_> = spans
                .iter()
                .filter(|s| s.start <= content_end && s.end >= ls)
                .collect();
            match on_line.iter().map(|s| s.start.max(ls)).min() {
                Some(f_lo) => {
                    let f_hi = on_line
                        .iter()
                        .map(|s| s.end.min(content_end))
                        .max()
                        .unwrap_or(f_lo)
                        .clamp(f_lo, f_lo + MAX_FOCUS);
                    (
                        floor_char(text, f_lo.saturating_sub(MARGIN).max(ls)),
                        floor_char(text, (f_hi + MARGIN).min(content_end)),
                    )
                }
                None => (ls, floor_char(text, ls + MAX_FOCUS)),
            }
        };
        if a > ls {
            self.bounds.push((ls, self.text.len()));
            self.text.push('…');
        }
        // The mask last shown: each masked range is one `***`.
        let mut masked: Option<usize> = None;
        for (i, c) in text[a..b].char_indices() {
            let at = a + i;
            self.bounds.push((at, self.text.len()));
            if let Some(r) = mask.iter().position(|&(m0, m1)| at >= m0 && at < m1) {
                if masked != Some(r) {
                    self.text.push_str(MASK);
                    masked = Some(r);
                }
                continue;
            }
            if c == '\t' {
                self.text.push(c);
            } else {
                self.text
                    .push_str(&safe_text::one_line(c.encode_utf8(&mut [0; 4])));
            }
        }
        self.bounds.push((b, self.text.len()));
        if b < content_end {
            self.text.push('…');
        }
    }

    /// A view offset for an original one: the nearest kept boundary at or before it.
    fn map(&self, orig: usize) -> usize {
        let i = self.bounds.partition_point(|&(o, _)| o <= orig);
        match i {
            0 => 0,
            _ => self.bounds[i - 1].1,
        }
    }

    /// The original offset of a view offset.
    fn orig(&self, view: usize) -> usize {
        let i = self.bounds.partition_point(|&(_, v)| v <= view);
        match i {
            0 => self.bounds.first().map_or(0, |b| b.0),
            _ => self.bounds[i - 1].0,
        }
    }

    /// A label's span in the view.
    fn span(&self, s: crate::base::source::Span) -> SourceSpan {
        let a = self.map(s.start);
        let b = self.map(s.end).max(a);
        (a, b - a).into()
    }
}

impl SourceCode for View {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // The piece the span is in, read as a text of its own: the lines around it are all in
        // it (a piece holds the context of each label in it).
        let i = self
            .pieces
            .partition_point(|p| p.at <= span.offset())
            .saturating_sub(1);
        let Some(piece) = self.pieces.get(i) else {
            return Err(MietteError::OutOfBounds);
        };
        let to = self.pieces.get(i + 1).map_or(self.text.len(), |p| p.at);
        let text = &self.text[piece.at..to];
        let local: SourceSpan = (span.offset() - piece.at, span.len()).into();
        let inner = text.read_span(&local, context_lines_before, context_lines_after)?;
        let column = self.src.line_col(self.orig(span.offset())).1 - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            (inner.span().offset() + piece.at, inner.span().len()).into(),
            inner.line() + piece.line,
            column,
            // The lines from the start of the context to the end of its piece: miette draws two
            // labels as one snippet when the first's line and this reach the second's line, so
            // the labels of a piece are one snippet, and those of two pieces are two.
            (piece.last_line + 1).saturating_sub(inner.line() + piece.line),
        )))
    }
}

/// The view of `file` for the labels at `spans`, and the labels in its offsets.
fn view_of(
    run: &Run<'_>,
    file: FileId,
    labels: &[(crate::base::source::Span, Option<String>, bool)],
) -> (View, Vec<LabeledSpan>) {
    let src = run.ws.sources.get(file);
    let spans: Vec<_> = labels.iter().map(|l| l.0).collect();
    let view = View::build(&src.path, src.clone(), &spans, !run.ws.show_names);
    let labels = labels
        .iter()
        .map(|(s, text, primary)| {
            let text = text.as_deref().map(|t| safe_text::one_line(t).into_owned());
            if *primary {
                LabeledSpan::new_primary_with_span(text, view.span(*s))
            } else {
                LabeledSpan::new_with_span(text, view.span(*s))
            }
        })
        .collect();
    (view, labels)
}

/// The one way a diagnostic's labels are drawn, for findings and input errors alike: the primary
/// place and the labels in its file make one view; a label in another file is a related note.
fn labelled(
    run: &Run<'_>,
    file: FileId,
    (span, primary): (Span, Option<String>),
    secondary: &[Label],
) -> (View, Vec<LabeledSpan>, Vec<Diag>) {
    let lang = run.lang;
    let mut here = vec![(span, primary, true)];
    let mut related = Vec::new();
    for l in secondary {
        let label = (l.span, Some(l.message.get(lang).to_string()), false);
        if l.file == file {
            here.push(label);
        } else {
            let (view, labels) = view_of(run, l.file, &[label]);
            related.push(Diag {
                code: None,
                severity: Severity::Advice,
                message: safe_text::one_line(l.message.get(lang)).into_owned(),
                source: Some(view),
                labels,
                help: None,
                related: Vec::new(),
            });
        }
    }
    let (view, labels) = view_of(run, file, &here);
    (view, labels, related)
}

fn finding_diag(run: &Run<'_>, f: &Finding) -> Diag {
    let lang = run.lang;
    let primary_text = f
        .primary
        .as_deref()
        .unwrap_or(&f.message)
        .get(lang)
        .to_string();
    let (view, labels, related) = labelled(run, f.file, (f.span, Some(primary_text)), &f.labels);
    let title = crate::rules::title(&f.code, &f.name, lang);
    let cite = msg::rule_cites(&f.code, title, f.cite.get(lang))
        .get(lang)
        .to_string();
    let help = match &f.help {
        Some(h) => format!("{}\n{cite}", h.get(lang)),
        None => cite,
    };
    Diag {
        code: Some(safe_text::one_line(&format!("{}/{}", f.code, f.name)).into_owned()),
        severity: severity(f.level),
        message: safe_text::one_line(f.message.get(lang)).into_owned(),
        source: Some(view),
        labels,
        help: Some(safe_text::terminal(&help).into_owned()),
        related,
    }
}

fn error_diag(run: &Run<'_>, e: &InputError) -> Diag {
    let lang = run.lang;
    let (source, labels, message) = match (e.file, e.span) {
        (Some(file), Some(span)) => {
            let src = run.ws.sources.get(file);
            let (line, col) = src.line_col(span.start);
            let msg = format!("{}:{line}:{col}: {}", src.path, e.message.get(lang));
            // An input error's labels are all in its own file: nothing is related elsewhere.
            let (view, labels, _) = labelled(run, file, (span, None), &e.labels);
            (Some(view), labels, msg)
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
        code: Some(words::findings::input_error(lang).to_string()),
        severity: Severity::Error,
        message: safe_text::one_line(&message).into_owned(),
        source,
        labels,
        help: e
            .help
            .as_ref()
            .map(|h| safe_text::terminal(h.get(lang)).into_owned()),
        related: Vec::new(),
    }
}

fn handler(style: Style, lang: Lang) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    match lang {
        Lang::En => handler,
        // Chinese has no spaces: miette would cut a line anywhere, inside a term (行政|编制).
        Lang::Zh => handler
            .with_word_separator(textwrap::WordSeparator::Custom(phrases))
            .with_break_words(false)
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation),
    }
}

/// The places a Chinese line may wrap: after a space and after a full-width mark that ends a
/// phrase (，。；：、！？). Brackets are not places: "二（四）2" and "第（一）项" are one term each;
/// nor is the space between a document and its clause ("江苏经济发达镇意见 二（四）2", "国务院令第486号 第九条").
fn phrases(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    const AFTER: &str = "，。；：、！？";
    let mut words = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let cut = match chars.peek() {
            None => false,
            Some(&(_, n)) => {
                (c == ' ' && n != ' ' && !"一二三四五六七八九十第".contains(n)) || AFTER.contains(c)
            }
        };
        if cut {
            words.push(textwrap::core::Word::from(&line[start..end]));
            start = end;
        }
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

/// The whole human report: input errors first, then findings in order, then a summary line.
pub fn render(run: &Run<'_>, style: Style) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(run, style, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The human report written to `out` a part at a time (whole lines, about 64 KiB each), as
/// [`render`] gives it whole: a run with many findings is never held as one string.
pub fn write(run: &Run<'_>, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut sink = |part: &str| out.write_all(part.as_bytes());
    const PART: usize = 1 << 16;
    let handler = handler(style, run.lang);
    let mut out = String::new();
    for e in run.errors {
        let _ = handler.render_report(&mut out, &error_diag(run, e));
    }
    for f in run.findings.iter() {
        let _ = handler.render_report(&mut out, &finding_diag(run, &f));
        if out.len() >= PART && out.ends_with('\n') {
            sink(&localize_labels(&out, run.lang))?;
            out.clear();
        }
    }
    let mut out = localize_labels(&out, run.lang);
    out.push_str(&summary_line(run));
    out.push('\n');
    sink(&out)
}

/// miette writes its own labels (`help:` before a hint, `Advice:` before a note in another file)
/// in English, with no way to change them: the report's lines that start with them get the
/// table's words instead. A label may follow colour sequences; the Chinese ones take the same
/// width, so miette's wrapping still lines up.
fn localize_labels(report: &str, lang: Lang) -> String {
    let labels = words::findings::miette_labels();
    let mut out = String::with_capacity(report.len());
    for line in report.split_inclusive('\n') {
        let colour = colour_prefix(line);
        let rest = &line[colour.len()..];
        match labels.iter().find(|w| rest.starts_with(w.en)) {
            Some(w) => {
                out.push_str(colour);
                out.push_str(w.get(lang));
                out.push_str(&rest[w.en.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The colour sequences (`ESC [ … m`) at the start of a line.
fn colour_prefix(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut i = 0;
    while bytes.get(i) == Some(&0x1b) && bytes.get(i + 1) == Some(&b'[') {
        match bytes[i + 2..].iter().position(|&b| b == b'm') {
            Some(m) => i += m + 3,
            None => break,
        }
    }
    &line[..i]
}

/// "2 errors, 1 warning, 0 info in 5 files", or, when files could not be checked, how many and
/// what the others gave: a file with input errors is never counted as "0 errors".
pub fn summary_line(run: &Run<'_>) -> String {
    let s = run.summary();
    // Files with input errors: each loaded file once, each unreadable path once.
    let mut unchecked: Vec<(Option<FileId>, Option<&str>)> = run
        .errors
        .iter()
        .map(|e| {
            (
                e.file,
                e.file.is_none().then_some(e.path.as_deref()).flatten(),
            )
        })
        .collect();
    unchecked.sort();
    unchecked.dedup();
    let counts = msg::SummaryCounts {
        errors: s.error,
        warnings: s.warning,
        info: s.info,
        files: run.files_checked,
        unchecked: unchecked.len(),
        input_errors: s.input_errors,
    };
    msg::summary_line(&counts).get(run.lang).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::{SourceFile, Span};

    /// Two labels far apart are two snippets of a few lines, and the lines between them are not
    /// copied into the view: a file's thousand findings each with such labels took the file's
    /// lines a thousand times (and miette drew them all, counting lines from the start).
    #[test]
    fn labels_far_apart_copy_only_their_own_lines() {
        let mut text = String::new();
        for i in 0..10_000 {
            text.push_str(&format!("key{i} = {i}\n"));
        }
        let at = |line: usize| {
            let start = text
                .match_indices('\n')
                .nth(line - 1)
                .map_or(0, |(i, _)| i + 1);
            Span::new(start, start + 4)
        };
        let (near, far) = (at(8_000), at(9_000));
        let src = Arc::new(SourceFile::new("big.toml", text.as_str()));
        let view = View::build("big.toml", src, &[near, far], false);
        assert_eq!(view.pieces.len(), 2);
        assert_eq!(view.text.lines().count(), 6, "{}", view.text);
        assert!(view.text.contains("key8000 = 8000"));
        assert!(view.text.contains("key9001 = 9001"));
        // Near labels stay one snippet with the lines between.
        let src = Arc::new(SourceFile::new("big.toml", text.as_str()));
        let view = View::build("big.toml", src, &[at(8_000), at(8_010)], false);
        assert_eq!(view.pieces.len(), 1);
        assert_eq!(view.text.lines().count(), 13);
    }
}
