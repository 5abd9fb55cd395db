//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` holds every rule in force with its documentation, and each finding
//! is one result pointing at its span. Columns are characters (`columnKind: unicodeCodePoints`), the
//! same columns the JSON report gives. Each result carries a partial fingerprint made from its unit,
//! target and code, so that code scanning keeps an alert's identity when lines move.

use std::collections::{BTreeMap, HashMap};

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run as SarifRun, Sarif, Tool, ToolComponent, SCHEMA_URL,
};

use crate::app::Run;
use crate::base::diag::{Finding, Level};
use crate::base::i18n::{msg, words, Lang};
use crate::base::source::{SourceFile, Span};
use crate::engine::{rules_of_findings, RuleInfo};
use crate::render::findings::HOME_URL;

/// The key of bianzhi's partial fingerprint; bump the version when its recipe changes.
pub const FINGERPRINT_KEY: &str = "bianzhiFindingId/v1";

/// The SARIF log of a run, pretty-printed, with a trailing newline.
pub fn render(run: &Run<'_>, rules: &[RuleInfo]) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(run, rules, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the SARIF log of a run to `out`, pretty-printed, with a trailing newline. The results
/// are made and written one at a time ([`crate::engine::Findings::iter`]): a run with a million
/// findings is never held as one log.
pub fn write(
    run: &Run<'_>,
    rules: &[RuleInfo],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write;
    let rules = rules_of_findings(rules, run.findings.iter());
    // Everything but the results, as JSON in the log's own key order (serde_json keeps it).
    let frame = serde_json::to_value(log(run, &rules)).map_err(std::io::Error::other)?;
    let results = Results { run, rules: &rules };
    let doc = Framed {
        value: &frame,
        depth: 0,
        results: &results,
    };
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buf, &doc)?;
    buf.write_all(b"\n")?;
    buf.flush()
}

/// The log's frame with each run's `results` written from the findings in their place.
struct Framed<'a, 'r> {
    value: &'a serde_json::Value,
    /// 0: the log; 1: its `runs`; 2: a run.
    depth: u8,
    results: &'a Results<'a, 'r>,
}

impl serde::Serialize for Framed<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        use serde_json::Value;
        let inner = |value| Framed {
            value,
            depth: self.depth + 1,
            results: self.results,
        };
        match (self.value, self.depth) {
            (Value::Object(map), 0 | 2) => {
                let mut m = ser.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    match (k.as_str(), self.depth) {
                        ("runs", 0) => m.serialize_entry(k, &inner(v))?,
                        ("results", 2) => m.serialize_entry(k, self.results)?,
                        _ => m.serialize_entry(k, v)?,
                    }
                }
                m.end()
            }
            (Value::Array(runs), 1) => {
                let mut seq = ser.serialize_seq(Some(runs.len()))?;
                for r in runs {
                    seq.serialize_element(&inner(r))?;
                }
                seq.end()
            }
            (value, _) => value.serialize(ser),
        }
    }
}

/// A run's results, made from its findings one at a time.
struct Results<'a, 'r> {
    run: &'a Run<'r>,
    rules: &'a [RuleInfo],
}

impl serde::Serialize for Results<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let run = self.run;
        let index: HashMap<&str, usize> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.as_str(), i))
            .collect();
        // How many findings so far had each fingerprint's input, by its hash: the hash is the
        // fingerprint's first part, so inputs with equal hashes share fingerprints anyway, and a
        // number a finding takes less memory than its text.
        let mut seen: HashMap<u64, usize> = HashMap::new();
        let mut seq = ser.serialize_seq(Some(run.findings.len()))?;
        for f in run.findings.iter() {
            let hash = fnv1a(fingerprint_input(&f).as_bytes());
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            let fingerprint = format!("{hash:016x}:{n}");
            seq.serialize_element(&result(run, &f, index.get(&*f.code).copied(), fingerprint))?;
        }
        seq.end()
    }
}

/// The SARIF log of a run, its results left empty for [`write`] to fill: `rules` are the rules
/// in force and those the findings name ([`rules_of_findings`]).
fn log(run: &Run<'_>, rules: &[RuleInfo]) -> Sarif {
    let lang = run.lang;
    let results: Vec<SarifResult> = Vec::new();

    let driver = ToolComponent::builder()
        .name("bianzhi")
        .full_name(format!("bianzhi {}", env!("CARGO_PKG_VERSION")))
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(HOME_URL)
        .rules(
            rules
                .iter()
                .map(|r| descriptor(r, lang))
                .collect::<Vec<_>>(),
        )
        .build();

    let notifications: Vec<Notification> = run
        .errors
        .iter()
        .map(|e| {
            let (file, lc) = run.error_place(e);
            let mut n = Notification::builder()
                .message(text_message(e.message.get(lang)))
                .level(json!("error"))
                .build();
            if let Some(file) = file {
                let region = match (e.file, e.span) {
                    (Some(id), Some(span)) => Some(region(&run.ws.sources.get(id), span)),
                    _ => lc.map(|(line, col)| {
                        Region::builder()
                            .start_line(line as i64)
                            .start_column(col as i64)
                            .build()
                    }),
                };
                n.locations = Some(vec![location(&file, region, None)]);
            }
            n
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(run.errors.is_empty())
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }
    if run.setup.is_named() {
        let mut props = BTreeMap::new();
        props.insert("project".to_string(), json!(run.setup.project));
        props.insert("packs".to_string(), json!(run.setup.packs));
        invocation.properties = Some(PropertyBag::builder().additional_properties(props).build());
    }

    let sarif_run = SarifRun::builder()
        .tool(Tool::from(driver))
        .results(results)
        .invocations(vec![invocation])
        .column_kind(json!("unicodeCodePoints"))
        .language(lang.tag())
        .build();
    Sarif::builder()
        .schema(SCHEMA_URL)
        .version(json!("2.1.0"))
        .runs(vec![sarif_run])
        .build()
}

fn descriptor(r: &RuleInfo, lang: Lang) -> ReportingDescriptor {
    let summary = match r.summary.get(lang) {
        "" => r.name.clone(),
        s => s.to_string(),
    };
    let doc = r.doc_markdown(lang);
    let mut props = BTreeMap::new();
    if !r.cite.get(lang).is_empty() {
        props.insert("cite".to_string(), json!(r.cite.get(lang)));
    }
    ReportingDescriptor::builder()
        .id(r.code.clone())
        .name(r.name.clone())
        .short_description(MultiformatMessageString::builder().text(summary).build())
        .full_description(
            MultiformatMessageString::builder()
                .text(full_description(r, lang))
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(doc.clone())
                .markdown(doc)
                .build(),
        )
        .help_uri(r.help_uri())
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(sarif_level(r.level)))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(vec!["compliance".to_string()])
                .additional_properties(props)
                .build(),
        )
        .build()
}

/// The whole "What it checks" section (a custom rule: its summary), with the citation.
fn full_description(r: &RuleInfo, lang: Lang) -> String {
    let what = match &r.meta {
        Some(meta) => meta.doc_section(words::doc_sections(lang)[0].0),
        None => String::new(),
    };
    let what = if what.is_empty() {
        r.summary.get(lang).to_string()
    } else {
        what
    };
    let what = if what.is_empty() {
        r.name.clone()
    } else {
        what
    };
    if r.cite.get(lang).is_empty() {
        what
    } else {
        format!("{what} ({})", r.cite.get(lang))
    }
}

fn result(run: &Run<'_>, f: &Finding, index: Option<usize>, fingerprint: String) -> SarifResult {
    let lang = run.lang;
    let src = run.ws.sources.get(f.file);
    let mut message = f.message.get(lang).to_string();
    if let Some(help) = &f.help {
        message.push('\n');
        message.push_str(help.get(lang));
    }
    let related: Vec<Location> = f
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let ls = run.ws.sources.get(l.file);
            let mut loc = match rev_baseline(run, l.file) {
                // A file as it was at a git revision (`--baseline-rev`): the path it has in the
                // repository, the revision and place in the message; no region, since the lines
                // are the old file's, not the one a viewer opens.
                Some((rev, path)) => {
                    let (line, col) = ls.line_col(l.span.start);
                    let m = l.message.get(lang);
                    let m = msg::at_revision(m, &rev, line, col).get(lang).to_string();
                    location(&path, None, Some(&m))
                }
                None => location(
                    &ls.path,
                    Some(region(&ls, l.span)),
                    Some(l.message.get(lang)),
                ),
            };
            loc.id = Some(i as i64);
            loc
        })
        .collect();
    let mut props = BTreeMap::new();
    props.insert("unit".to_string(), json!(&*f.unit));
    if let Some(t) = &f.target {
        props.insert("target".to_string(), json!(t.to_string()));
    }
    let mut r = SarifResult::builder()
        .rule_id(f.code.to_string())
        .level(sarif_level(f.level))
        .message(text_message(&message))
        .locations(vec![location(
            &src.path,
            Some(region(&src, f.span)),
            f.primary.as_ref().map(|p| p.get(lang)),
        )])
        .partial_fingerprints(BTreeMap::from([(FINGERPRINT_KEY.to_string(), fingerprint)]))
        .properties(PropertyBag::builder().additional_properties(props).build())
        .build();
    r.rule_index = index.map(|i| i as i64);
    if !related.is_empty() {
        r.related_locations = Some(related);
    }
    r
}

fn text_message(text: &str) -> Message {
    Message::builder().text(text).build()
}

/// The revision and repository path of a source read with `--baseline-rev` (shown as
/// `REV:PATH`), or `None` for any other source.
fn rev_baseline(run: &Run<'_>, file: crate::base::source::FileId) -> Option<(String, String)> {
    let (checked, _) = run.ws.rev_baselines.iter().find(|(_, o)| o.file == file)?;
    let path = run.ws.sources.path(*checked).to_string();
    let shown = run.ws.sources.path(file);
    let rev = shown.strip_suffix(&format!(":{path}"))?.to_string();
    Some((rev, path))
}

/// Where a file is, as SARIF wants it: a relative path against `%SRCROOT%` (the checkout), an
/// absolute one as a `file://` URI.
fn artifact(path: &str) -> ArtifactLocation {
    // Shown paths use `/` already; a backslash left is part of a Unix file name (`%5C` below).
    let p = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let windows = p.as_bytes().get(1) == Some(&b':') && p.as_bytes().get(2) == Some(&b'/');
    if p.starts_with('/') {
        ArtifactLocation::builder()
            .uri(format!("file://{}", uri(&p)))
            .build()
    } else if windows {
        ArtifactLocation::builder()
            .uri(format!("file:///{}", uri(&p)))
            .build()
    } else {
        let mut a = ArtifactLocation::builder().uri(uri(&p)).build();
        a.uri_base_id = Some(SRCROOT.to_string());
        a
    }
}

/// The base of relative paths: the folder bianzhi ran in, usually the repository's checkout.
const SRCROOT: &str = "%SRCROOT%";

fn location(path: &str, region: Option<Region>, message: Option<&str>) -> Location {
    let mut physical = PhysicalLocation::builder()
        .artifact_location(artifact(path))
        .build();
    physical.region = region;
    let mut loc = Location::builder().physical_location(physical).build();
    loc.message = message.map(text_message);
    loc
}

/// Start and end of a span as lines and character columns; the end column is exclusive, as SARIF
/// wants. An empty span covers one character so that viewers have something to underline.
fn region(src: &SourceFile, span: Span) -> Region {
    let (start_line, start_column) = src.line_col(span.start);
    let end = if span.is_empty() {
        src.text[span.start.min(src.text.len())..]
            .chars()
            .next()
            .filter(|c| *c != '\n' && *c != '\r')
            .map_or(span.start, |c| span.start + c.len_utf8())
    } else {
        // A span that ends with a line break ends at the end of its last line.
        let slice = src.slice(span);
        span.end - (slice.len() - slice.trim_end_matches(['\n', '\r']).len())
    };
    let (end_line, end_column) = src.line_col(end.max(span.start));
    Region::builder()
        .start_line(start_line as i64)
        .start_column(start_column as i64)
        .end_line(end_line as i64)
        .end_column(end_column as i64)
        .build()
}

/// A relative path as a URI reference: forward slashes, and the characters URIs reserve escaped.
/// Chinese folder names stay as they are (IRIs), which SARIF viewers and GitHub accept.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' | ' ' | '#' | '?' | '[' | ']' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|'
            | '}' => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn sarif_level(level: Level) -> ResultLevel {
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Info => ResultLevel::Note,
        Level::Off => ResultLevel::None,
    }
}

/// What identifies a finding across runs: its unit, target and rule — not its line.
fn fingerprint_input(f: &Finding) -> String {
    let target = f
        .target
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    format!("{}\u{0}{}\u{0}{}", f.unit, target, f.code)
}

/// 64-bit FNV-1a: small, and stable across Rust versions (unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_count_characters_and_end_exclusive() {
        let src = SourceFile::new("a.toml", "name = \"盛泽镇\"\nx = 1\n");
        let r = region(&src, Span::new(7, 19));
        assert_eq!(r.start_line, Some(1));
        assert_eq!(r.start_column, Some(8));
        assert_eq!(r.end_line, Some(1));
        assert_eq!(r.end_column, Some(13));
        // A span that swallows its line break ends on its own line.
        let r = region(&src, Span::new(19, 25));
        assert_eq!((r.end_line, r.end_column), (Some(2), Some(6)));
        // An empty span covers one character.
        let r = region(&src, Span::new(19, 19));
        assert_eq!((r.start_column, r.end_column), (Some(1), Some(2)));
    }

    #[test]
    fn uris_escape_reserved_characters() {
        assert_eq!(uri("./orgs/a b/盛泽#1.toml"), "orgs/a%20b/盛泽%231.toml");
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
