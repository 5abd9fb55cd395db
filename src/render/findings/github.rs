//! `--format github`: one GitHub Actions workflow command per finding, so that findings appear as
//! annotations on the pull request's changed files:
//! `::error file=…,line=…,col=…,title=BZ001::message`, exactly as CLI.md gives it. The message is
//! the finding's message alone, so that an annotation reads like the finding and tools matching
//! the spec's shape find it; the help and the citation are in the other formats.
//!
//! Levels map to `::error`, `::warning` and `::notice`; input errors are `::error` too. Columns are
//! characters. Values are escaped as the Actions runner expects: `%`, CR and LF in the message;
//! also `:` and `,` in properties.

use std::fmt::Write;

use crate::app::Run;
use crate::base::diag::Level;
use crate::base::i18n::words;

/// The workflow commands of a run, one per line.
pub fn render(run: &Run<'_>) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(run, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The workflow commands of a run written to `out` a part at a time (whole lines, about 64 KiB
/// each), as [`render`] gives them whole.
pub fn write(run: &Run<'_>, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    const PART: usize = 1 << 16;
    let lang = run.lang;
    let mut out = String::new();
    for f in run.findings.iter() {
        if out.len() >= PART {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
        let src = run.ws.sources.get(f.file);
        let (line, col) = src.line_col(f.span.start);
        let props = [
            ("file", src.path.clone()),
            ("line", line.to_string()),
            ("col", col.to_string()),
            ("title", f.code.to_string()),
        ];
        command(&mut out, command_name(f.level), &props, f.message.get(lang));
    }
    for e in run.errors {
        let (file, lc) = run.error_place(e);
        let mut props = Vec::new();
        if let Some(file) = file {
            props.push(("file", file));
        }
        if let Some((line, col)) = lc {
            props.push(("line", line.to_string()));
            props.push(("col", col.to_string()));
        }
        let title = words::findings::input_error_title(lang);
        props.push(("title", title.to_string()));
        let mut message = e.message.get(lang).to_string();
        if let Some(help) = &e.help {
            message.push('\n');
            message.push_str(help.get(lang));
        }
        command(&mut out, "error", &props, &message);
    }
    sink.write_all(out.as_bytes())
}

fn command_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info | Level::Off => "notice",
    }
}

fn command(out: &mut String, name: &str, props: &[(&str, String)], message: &str) {
    let props = props
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect::<Vec<_>>()
        .join(",");
    let _ = writeln!(out, "::{name} {props}::{}", escape_data(message));
}

/// Escapes a command's message (the runner's `escapeData`).
pub fn escape_data(s: &str) -> String {
    crate::base::safe_text::controls(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (the runner's `escapeProperty`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_does() {
        assert_eq!(escape_data("50% a\r\nb: c,d"), "50%25 a%0D%0Ab: c,d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
