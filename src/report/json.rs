//! `--format json`: one document, stable key order, as CLI.md specifies.

use serde::Serialize;

use crate::report::Run;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    files_checked: usize,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    name: &'a str,
    level: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    span: JsonSpan,
    unit: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    labels: Vec<JsonLabel<'a>>,
    cite: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonError {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
}

#[derive(Serialize)]
struct JsonSummary {
    error: usize,
    warning: usize,
    info: usize,
    input_errors: usize,
}

/// The JSON document of a run, pretty-printed, with a trailing newline.
pub fn render(run: &Run<'_>) -> String {
    let lang = run.lang;
    let findings = run
        .findings
        .iter()
        .map(|f| {
            let src = run.ws.sources.get(f.file);
            let (line, column) = src.line_col(f.span.start);
            JsonFinding {
                code: &f.code,
                name: &f.name,
                level: f.level.as_str(),
                message: f.message.get(lang),
                file: &src.path,
                line,
                column,
                span: JsonSpan {
                    start: f.span.start,
                    end: f.span.end,
                },
                unit: &f.unit,
                target: f.target.as_ref().map(ToString::to_string),
                labels: f
                    .labels
                    .iter()
                    .map(|l| {
                        let ls = run.ws.sources.get(l.file);
                        let (line, column) = ls.line_col(l.span.start);
                        JsonLabel {
                            file: &ls.path,
                            line,
                            column,
                            message: l.message.get(lang),
                        }
                    })
                    .collect(),
                cite: &f.cite,
                help: f.help.as_ref().map(|h| h.get(lang)),
            }
        })
        .collect();
    let errors = run
        .errors
        .iter()
        .map(|e| {
            let (file, lc) = run.error_place(e);
            // CLI.md: every input problem has its file, line and column; a problem with a file
            // but no place inside it (a path that does not exist) is at its start.
            let lc = lc.or(file.as_ref().map(|_| (1, 1)));
            JsonError {
                file,
                line: lc.map(|(l, _)| l),
                column: lc.map(|(_, c)| c),
                message: e.message.get(lang).to_string(),
                help: e.help.as_ref().map(|h| h.get(lang).to_string()),
            }
        })
        .collect();
    let s = run.summary();
    let doc = Doc {
        version: 1,
        files_checked: run.files_checked,
        findings,
        errors,
        summary: JsonSummary {
            error: s.error,
            warning: s.warning,
            info: s.info,
            input_errors: s.input_errors,
        },
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
