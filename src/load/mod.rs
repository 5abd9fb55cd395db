//! Loading org files: TOML with spans → validated [`crate::model::OrgFile`].
//!
//! Two steps, as cargo-deny does with its config: the TOML is parsed with every span kept
//! (`toml::de::DeTable::parse_recoverable`, which reports all syntax errors), then walked into the
//! model, collecting *every* problem of the file (wrong types, unknown keys with a "did you mean"
//! hint, unknown enum values with the accepted ones, bad ids, negative counts, missing keys) instead
//! of stopping at the first.
//!
//! What the tables are is declared once, in [`format`] (the types of declarations in [`decl`]): the
//! reader takes each table's known keys and the names of its sub-tables from there, and
//! `crate::schema` generates the JSON Schema from the same declarations. `org.rs` reads the
//! declared keys into the model; in debug builds every read is checked against the declaration.

mod chunks;
pub(crate) mod decl;
pub(crate) mod format;
mod org;
pub mod project;
mod reader;
#[cfg(test)]
mod tests;

use toml::de::DeTable;

use crate::base::diag::InputError;
use crate::base::i18n::msg;
use crate::base::source::{FileId, SourceFile, Span};
use crate::model::OrgFile;
pub(crate) use reader::type_name as toml_type;
use reader::{span_of, Cx, Tbl};

/// What loading one file gave.
#[derive(Debug)]
pub enum Loaded {
    Org(Box<OrgFile>),
    /// Valid TOML without a `[unit]` table and no org-file content (e.g. a rule pack in the same
    /// folder): skipped when found by walking a folder.
    NotOrg,
    Invalid(Vec<InputError>),
}

/// The line of `text` that holds byte `at`, without its line break.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let at = (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim_end_matches('\r')
}

/// Where a syntax error is. The parser gives most errors a span; those it gives none (its nesting
/// limit: a table header of a hundred dotted parts, arrays in arrays) are placed at the most deeply
/// nested line, where the reader should look, rather than at the start of the file.
pub fn syntax_span(e: &toml::de::Error, text: &str) -> Span {
    match e.span() {
        Some(span) => Span::from(span),
        None => deepest_line(text),
    }
}

/// The line whose key path or value nests deepest: dots of a header or key, plus open brackets
/// and braces of values (carried over lines), outside quoted strings and comments.
fn deepest_line(text: &str) -> Span {
    let mut best = (0usize, Span::default());
    let mut open = 0usize;
    let mut start = 0usize;
    for line in text.split_inclusive('\n') {
        let mut depth = open;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for c in line.chars() {
            match quote {
                Some(q) => {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' && q == '"' {
                        escaped = true;
                    } else if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    '"' | '\'' => quote = Some(c),
                    '#' => break,
                    '.' => depth += 1,
                    '[' | '{' => {
                        open += 1;
                        depth = depth.max(open);
                    }
                    ']' | '}' => open = open.saturating_sub(1),
                    _ => {}
                },
            }
            depth = depth.max(open);
        }
        if depth > best.0 {
            let end = start + line.trim_end_matches(['\n', '\r']).len();
            best = (depth, Span::new(start, end));
        }
        start += line.len();
    }
    best.1
}

/// Where the roster's names are: the inside of every `name` value of a `person` entry, whatever
/// TOML form the roster takes (`[[person]]` tables, an inline array of tables, dotted keys), in
/// file order. What human output masks without `--show-names` (rosters are personal data).
pub fn person_name_spans(text: &str) -> Vec<Span> {
    // A large file a piece at a time, as loading reads it: parsed whole, a 40 MB roster held
    // more than a gigabyte to show one finding's lines.
    if text.len() >= chunks::CHUNKED_FROM {
        if let Some((runs, _)) = chunks::person_tables(text, chunks::CHUNK_BYTES) {
            if let Some(skeleton) = chunks::skeleton(text, &runs) {
                let mut out = name_spans_in(&skeleton, 0);
                drop(skeleton);
                for r in runs {
                    out.extend(name_spans_in(&text[r.clone()], r.start));
                }
                out.sort_by_key(|s| s.start);
                return out;
            }
        }
    }
    name_spans_in(text, 0)
}

/// [`person_name_spans`] of `text`, a piece of a file starting `by` bytes into it.
fn name_spans_in(text: &str, by: usize) -> Vec<Span> {
    use toml::de::DeValue;
    /// The `name` values of the person entries under `key`, anywhere in the document (a roster
    /// misplaced inside another table is still personal data in an error's snippet).
    fn walk(value: &DeValue<'_>, under_person: bool, out: &mut Vec<Span>) {
        match value {
            DeValue::Table(t) => {
                for (k, v) in t.iter() {
                    if under_person && k.get_ref() == "name" {
                        out.push(Span::from(v.span()));
                    }
                    walk(v.get_ref(), k.get_ref() == "person", out);
                }
            }
            DeValue::Array(items) => {
                for item in items {
                    walk(item.get_ref(), under_person, out);
                }
            }
            _ => {}
        }
    }
    let (doc, _) = DeTable::parse_recoverable(text);
    let mut spans = Vec::new();
    for (k, v) in doc.get_ref().iter() {
        walk(v.get_ref(), k.get_ref() == "person", &mut spans);
    }
    let mut out: Vec<Span> = spans
        .into_iter()
        .map(|span| {
            // Inside the quotes: `"…"`, `'…'`, or the triple forms of a multi-line string.
            let raw = text.get(span.start..span.end).unwrap_or("");
            let q = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
                3
            } else if raw.starts_with(['"', '\'']) {
                1
            } else {
                0
            };
            let inside = if span.end >= span.start + 2 * q {
                Span::new(span.start + q, span.end - q)
            } else {
                span
            };
            Span::new(inside.start + by, inside.end + by)
        })
        .collect();
    out.sort_by_key(|s| s.start);
    out
}

/// The syntax errors of a TOML file (an org file, a pack, the project file) as input errors, in
/// order, with a hint where the line shows a likely cause (full-width punctuation …). One per
/// line: the parser recovers after a mistake and reports what follows from it on the same line
/// (a value left out of an inline table is six errors to the parser), which would bury the one the
/// user has to fix.
pub fn syntax_errors(
    file: FileId,
    src: &SourceFile,
    syntax: &[toml::de::Error],
) -> Vec<InputError> {
    syntax_errors_in(file, src, &src.text, 0, syntax)
}

/// [`syntax_errors`] of `text`, a piece of `src` starting `by` bytes into it (a large roster is
/// parsed a piece at a time): each at its place in `src`.
fn syntax_errors_in(
    file: FileId,
    src: &SourceFile,
    text: &str,
    by: usize,
    syntax: &[toml::de::Error],
) -> Vec<InputError> {
    let mut errors: Vec<(usize, InputError)> = syntax
        .iter()
        .map(|e| {
            let local = syntax_span(e, text);
            let span = Span::new(local.start + by, local.end + by);
            let (line, _) = src.line_col(span.start.min(src.text.len()));
            let error = InputError::at(file, span, msg::toml_syntax(e.message()));
            let error = match reader::syntax_hint(line_at(&src.text, span.start)) {
                Some(help) => error.with_help(help),
                None => error,
            };
            (line, error)
        })
        .collect();
    errors.sort_by_key(|(_, e)| e.span);
    errors.dedup_by_key(|(line, _)| *line);
    errors.into_iter().map(|(_, e)| e).collect()
}

/// Load one org file. `explicit` is true when the user named the file itself: then a file without
/// `[unit]` is an error rather than skipped.
pub fn load_org(file: FileId, src: &SourceFile, explicit: bool) -> Loaded {
    if src.text.len() >= chunks::CHUNKED_FROM {
        if let Some(loaded) = load_in_pieces(file, src, chunks::CHUNK_BYTES, Keep::Persons) {
            return loaded;
        }
    }
    load_whole(file, src, explicit)
}

/// What [`load_org`] gives, checked whether the file is a valid org file (an import's result
/// before it is written), with the persons of a large file read and dropped a piece at a time: the
/// org file it gives has no persons then. Its input errors are [`load_org`]'s.
pub fn validate_org(file: FileId, src: &SourceFile) -> Loaded {
    if src.text.len() >= chunks::CHUNKED_FROM {
        if let Some(loaded) = load_in_pieces(file, src, chunks::CHUNK_BYTES, Keep::Nothing) {
            return loaded;
        }
    }
    load_whole(file, src, true)
}

/// What [`load_in_pieces`] keeps of the persons it reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Persons,
    Nothing,
}

/// [`load_org`] of a large file whose `[[person]]` tables are read a piece at a time, so that
/// only one piece's parsed form is held at once (`chunks.rs`). `None` when the file is not one to
/// read so: its roster written another way, or no `[unit]` outside the roster (then whatever is
/// wrong is said as the whole file's reading says it).
fn load_in_pieces(file: FileId, src: &SourceFile, chunk: usize, keep: Keep) -> Option<Loaded> {
    let (runs, tables) = chunks::person_tables(&src.text, chunk)?;
    if runs.is_empty() {
        return None;
    }
    let skeleton = chunks::skeleton(&src.text, &runs)?;
    let (doc, syntax) = DeTable::parse_recoverable(&skeleton);
    let mut errors = syntax_errors_in(file, src, &skeleton, 0, &syntax);
    if syntax.is_empty() && !doc.get_ref().contains_key("unit") {
        return None;
    }
    let mut cx = Cx::new(file);
    let mut persons = Vec::with_capacity(if keep == Keep::Persons { tables } else { 0 });
    let mut rest = None;
    let mut unit = None;
    if syntax.is_empty() {
        let root = Tbl::root(doc.get_ref());
        cx.check_keys(&root);
        unit = org::unit(&mut cx, &root);
        let unit_span = root.get("unit").map(span_of).unwrap_or_default();
        rest = Some(org::rest(&mut cx, &root, unit_span));
    }
    drop(doc);
    drop(skeleton);
    for r in runs {
        let text = &src.text[r.clone()];
        let (doc, syntax) = DeTable::parse_recoverable(text);
        if !syntax.is_empty() {
            errors.extend(syntax_errors_in(file, src, text, r.start, &syntax));
            continue;
        }
        let root = Tbl::root(doc.get_ref());
        let from = cx.errors.len();
        let tables = cx.array_of_tables(&root, "person");
        let before = persons.len();
        persons.extend(tables.iter().filter_map(|t| org::person(&mut cx, t)));
        if keep == Keep::Nothing {
            persons.truncate(before);
        }
        for p in &mut persons[before..] {
            chunks::move_person(p, r.start);
        }
        for e in &mut cx.errors[from..] {
            chunks::move_error(e, r.start);
        }
    }
    if !errors.is_empty() {
        // Syntax errors of any piece: reported alone, as a file read whole reports them.
        errors.sort_by_key(|e| e.span);
        return Some(Loaded::Invalid(errors));
    }
    let rest = rest?;
    Some(match unit {
        Some(unit) if cx.errors.is_empty() => {
            Loaded::Org(Box::new(rest.into_org(file, unit, Some(persons))))
        }
        _ => {
            cx.errors.sort_by_key(|e| e.span);
            Loaded::Invalid(cx.errors)
        }
    })
}

/// [`load_org`] of a file parsed whole.
fn load_whole(file: FileId, src: &SourceFile, explicit: bool) -> Loaded {
    let (doc, syntax) = DeTable::parse_recoverable(&src.text);
    if !syntax.is_empty() {
        return Loaded::Invalid(syntax_errors(file, src, &syntax));
    }

    let mut cx = Cx::new(file);
    let root = Tbl::root(doc.get_ref());
    if !root.has("unit") {
        let blank = src.text.trim_start_matches('\u{feff}').trim().is_empty();
        let org_key = root
            .in_order()
            .into_iter()
            .find(|(k, _)| format::org_keys().any(|o| o == k.get_ref().as_ref()));
        match org_key {
            _ if blank => cx.error(Span::default(), msg::empty_file()),
            None if !explicit => return Loaded::NotOrg,
            None => cx.error(Span::default(), msg::not_org_file()),
            // A file with org tables but no `[unit]` is a broken org file, not something else:
            // report that, and everything else wrong with it.
            Some((key, value)) => {
                let shown = match value.get_ref() {
                    toml::de::DeValue::Array(_) => format!("[[{}]]", key.get_ref()),
                    _ => format!("[{}]", key.get_ref()),
                };
                let e = InputError::at(file, Span::default(), msg::missing_unit(&shown))
                    .with_help(msg::add_unit_table())
                    .with_label(span_of(value), msg::org_table_here());
                cx.errors.push(e);
                cx.check_keys(&root);
                org::rest(&mut cx, &root, Span::default());
            }
        }
        cx.errors.sort_by_key(|e| e.span);
        return Loaded::Invalid(cx.errors);
    }

    cx.check_keys(&root);
    let unit = org::unit(&mut cx, &root);
    let unit_span = root.get("unit").map(span_of).unwrap_or_default();
    let rest = org::rest(&mut cx, &root, unit_span);
    match unit {
        Some(unit) if cx.errors.is_empty() => {
            Loaded::Org(Box::new(rest.into_org(file, unit, None)))
        }
        _ => {
            // Reported in file order, whatever order the tables were read in.
            cx.errors.sort_by_key(|e| e.span);
            Loaded::Invalid(cx.errors)
        }
    }
}
