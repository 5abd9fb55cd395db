//! `--format json`: one document, stable key order, as CLI.md specifies.

use std::io::Write;

use serde::Serialize;

use crate::app::Run;
use crate::base::diag::Finding;

#[derive(Serialize)]
struct Doc<'r, 'a> {
    version: u32,
    files_checked: usize,
    /// The project file in use (`null`: none), named with the packs when the command line set the
    /// run up.
    #[serde(skip_serializing_if = "Option::is_none")]
    project: Option<Option<&'r str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    packs: Option<&'r [String]>,
    findings: Findings<'r, 'a>,
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
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(run, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the JSON document of a run to `out` as it goes: a run with many findings is never held
/// as one string, and each finding's file is read (when its text is on disk) only while it is
/// written. Findings are read one at a time ([`crate::engine::Findings::iter`]), so a spilled run
/// is never held whole either.
pub fn write(run: &Run<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let s = run.summary();
    let doc = Doc {
        version: 1,
        files_checked: run.files_checked,
        project: run.setup.is_named().then_some(run.setup.project.as_deref()),
        packs: run.setup.is_named().then_some(run.setup.packs.as_slice()),
        findings: Findings(run),
        errors: run.errors.iter().map(|e| error(run, e)).collect(),
        summary: JsonSummary {
            error: s.error,
            warning: s.warning,
            info: s.info,
            input_errors: s.input_errors,
        },
    };
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buf, &doc)?;
    buf.write_all(b"\n")?;
    buf.flush()
}

/// The findings of a run, serialized one at a time.
struct Findings<'r, 'a>(&'r Run<'a>);

impl Serialize for Findings<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let run = self.0;
        let mut seq = ser.serialize_seq(Some(run.findings.len()))?;
        for f in run.findings.iter() {
            seq.serialize_element(&finding(run, &f, &place(run, &f)))?;
        }
        seq.end()
    }
}

/// Line and column of a finding and of each of its labels.
struct Place {
    at: (usize, usize),
    labels: Vec<(usize, usize)>,
}

/// Lines and columns of a finding: its file is read again when its text is on disk (the last few
/// files read stay loaded, and findings come in file order).
fn place(run: &Run<'_>, f: &Finding) -> Place {
    let sources = &run.ws.sources;
    Place {
        at: sources.get(f.file).line_col(f.span.start),
        labels: f
            .labels
            .iter()
            .map(|l| sources.get(l.file).line_col(l.span.start))
            .collect(),
    }
}

fn finding<'a>(run: &'a Run<'_>, f: &'a Finding, place: &Place) -> JsonFinding<'a> {
    let lang = run.lang;
    let (line, column) = place.at;
    JsonFinding {
        code: &f.code,
        name: &f.name,
        level: f.level.as_str(),
        message: f.message.get(lang),
        file: run.ws.sources.path(f.file),
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
            .zip(&place.labels)
            .map(|(l, &(line, column))| JsonLabel {
                file: run.ws.sources.path(l.file),
                line,
                column,
                message: l.message.get(lang),
            })
            .collect(),
        cite: f.cite.get(lang),
        help: f.help.as_ref().map(|h| h.get(lang)),
    }
}

fn error(run: &Run<'_>, e: &crate::base::diag::InputError) -> JsonError {
    let (file, lc) = run.error_place(e);
    // CLI.md: every input problem has its file, line and column; a problem with a file but no
    // place inside it (a path that does not exist) is at its start.
    let lc = lc.or(file.as_ref().map(|_| (1, 1)));
    JsonError {
        file,
        line: lc.map(|(l, _)| l),
        column: lc.map(|(_, c)| c),
        message: e.message.get(run.lang).to_string(),
        help: e.help.as_ref().map(|h| h.get(run.lang).to_string()),
    }
}
