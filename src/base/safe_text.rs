//! Text from files and packs made safe for where it is written: a terminal or CI log (no control
//! character reaches it raw, no line can be taken for a GitHub workflow command), a spreadsheet
//! (no cell is a formula).

use std::borrow::Cow;

/// Whether a character must not reach a terminal raw: C0 controls other than newline and tab, DEL,
/// C1 controls, and the bidirectional overrides and isolates (text that reads otherwise than it
/// is stored).
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How an unsafe character is shown: its Control Pictures symbol (␛ for ESC) or `<U+XXXX>`.
fn picture(c: char, out: &mut String) {
    match c {
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('\u{2421}'),
        _ => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// Text for a terminal or log: unsafe characters shown as symbols (a lone CR too; CRLF stays), and
/// a line that would be a GitHub workflow command (`::error …` after any blanks, or a legacy
/// `##[…]` anywhere) escaped with a backslash so that the runner does not obey it.
pub fn terminal(s: &str) -> Cow<'_, str> {
    terminal_keeping(s, false)
}

/// [`terminal`], but keeping the colour sequences (`ESC [ … m`) a report drew itself; only for text
/// whose parts from files were made safe before it was drawn.
pub fn terminal_styled(s: &str) -> Cow<'_, str> {
    terminal_keeping(s, true)
}

fn terminal_keeping(s: &str, keep_sgr: bool) -> Cow<'_, str> {
    let clean = !s.chars().any(|c| is_unsafe(c) || c == '\r')
        && !s.contains("##[")
        && !s.lines().any(|l| l.trim_start().starts_with("::"));
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (line, crlf) = match line.strip_suffix('\r') {
            Some(l) => (l, true),
            None => (line, false),
        };
        let body_start = line.len() - line.trim_start().len();
        let mut rest = line;
        if line[body_start..].starts_with("::") {
            out.push_str(&line[..body_start]);
            out.push('\\');
            rest = &line[body_start..];
        }
        let mut chars = rest.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c == '\u{1b}' && keep_sgr {
                if let Some(len) = sgr_len(&rest[at..]) {
                    out.push_str(&rest[at..at + len]);
                    while chars.peek().is_some_and(|&(j, _)| j < at + len) {
                        chars.next();
                    }
                    continue;
                }
            }
            if c == '\r' || is_unsafe(c) {
                picture(c, &mut out);
            } else if c == '#' && rest[at..].starts_with("##[") {
                out.push_str("#\\");
            } else {
                out.push(c);
            }
        }
        if crlf {
            out.push('\r');
        }
    }
    Cow::Owned(out)
}

/// The length of a colour sequence `ESC [ digits/semicolons m` at the start of `s`.
fn sgr_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("\u{1b}[")?;
    let params = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (rest.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// Text that must stay on one line (a message, a name, a path): [`terminal`], with newlines and
/// tabs shown as symbols too.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_unsafe(c) || c == '\r' || c == '\n' || c == '\t')
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\n' || c == '\t' || c == '\r' || is_unsafe(c) {
            picture(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text with its unsafe characters shown as symbols and nothing else changed (newlines, tabs and
/// `::` stay): for output whose lines are escaped otherwise, as `--format github`'s are.
pub fn controls(s: &str) -> Cow<'_, str> {
    let shown = |c: char| is_unsafe(c) && c != '\r';
    if !s.chars().any(shown) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if shown(c) {
            picture(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The most characters an Excel cell holds.
pub const XLSX_CELL_MAX: usize = 32_767;

/// Text for a workbook cell: a value over Excel's 32,767 characters is cut, with `…` marking the
/// cut, rather than failing the whole workbook.
pub fn xlsx_text(s: impl AsRef<str>) -> String {
    let s = s.as_ref();
    match s.char_indices().nth(XLSX_CELL_MAX) {
        None => s.to_string(),
        Some(_) => {
            let keep: String = s.chars().take(XLSX_CELL_MAX - 1).collect();
            format!("{keep}…")
        }
    }
}

/// Whether XML 1.0 allows a character in a document: not the C0 controls other than tab, newline
/// and carriage return, nor U+FFFE and U+FFFF (Rust strings hold no lone surrogates).
pub fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Text for an XML document (SVG, docx, JUnit): each character XML forbids shown as its symbol
/// (␁ for U+0001), U+FFFE and U+FFFF as U+FFFD; a parser then reads every document written.
pub fn xml(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if is_xml_char(c) => out.push(c),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => picture(c, &mut out),
        }
    }
    Cow::Owned(out)
}

/// A CSV cell of text from the files, neutralised for spreadsheets (the OWASP rule): a cell that
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that no
/// spreadsheet takes it for a formula. A line in the cell that would be a GitHub workflow command
/// gets one too.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let command = s.lines().any(|l| l.trim_start().starts_with("::"));
    if !formula && !command {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 2);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if (i == 0 && formula) || line.trim_start().starts_with("::") {
            out.push('\'');
        }
        out.push_str(line);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {

    #[test]
    fn xml_text_holds_only_characters_xml_allows() {
        assert_eq!(xml("党政办公室"), "党政办公室");
        assert_eq!(
            xml("a\u{1}b\u{fffe}c\u{ffff}\td\ne"),
            "a\u{2401}b\u{fffd}c\u{fffd}\td\ne"
        );
        assert!(xml("\u{0}\u{b}\u{1f}").chars().all(is_xml_char));
    }

    use super::*;

    #[test]
    fn controls_are_shown_not_sent() {
        assert_eq!(terminal("a\u{1b}[2Jb\u{7}"), "a\u{241b}[2Jb\u{2407}");
        assert_eq!(terminal("line\r\nnext"), "line\r\nnext");
        assert_eq!(terminal("over\rwrite"), "over\u{240d}write");
        assert_eq!(terminal("x\u{9b}y\u{202e}z"), "x<U+009B>y<U+202E>z");
        assert_eq!(one_line("a\nb"), "a\u{240a}b");
    }

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(terminal("ok\n  ::error::x"), "ok\n  \\::error::x");
        assert_eq!(terminal("see ##[error]x"), "see #\\#[error]x");
        assert_eq!(terminal("a::b"), "a::b");
    }

    #[test]
    fn colour_is_kept_only_when_asked() {
        let s = "\u{1b}[31mred\u{1b}[0m \u{1b}]0;title\u{7}";
        assert_eq!(
            terminal_styled(s),
            "\u{1b}[31mred\u{1b}[0m \u{241b}]0;title\u{2407}"
        );
        assert!(!terminal(s).contains('\u{1b}'));
    }

    #[test]
    fn csv_formulas_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("镇政府"), "镇政府");
        assert_eq!(csv_cell("a\n::warning::x"), "a\n'::warning::x");
    }
}
