//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` holds every rule in force with its documentation, and each finding
//! is one result pointing at its span. Columns are characters (`columnKind: unicodeCodePoints`), the
//! same columns the JSON report gives. Each result carries a partial fingerprint made from its unit,
//! target and code, so that code scanning keeps an alert's identity when lines move.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::app::Run;
use crate::base::diag::{Finding, Level};
use crate::base::i18n::{msg, words, Lang};
use crate::base::source::{SourceFile, Span};
use crate::engine::{rules_of_findings, RuleInfo};
use crate::render::findings::HOME_URL;

/// The key of bianzhi's partial fingerprint; bump the version when its recipe changes.
pub const FINGERPRINT_KEY: &str = "bianzhiFindingId/v1";

/// The JSON schema the log names.
const SCHEMA_URL: &str = "https://schemastore.azurewebsites.net/schemas/json/sarif-2.1.0.json";

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
    let doc = log(run, &rules);
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buf, &doc)?;
    buf.write_all(b"\n")?;
    buf.flush()
}

// The parts of SARIF 2.1.0 bianzhi writes, as its own small structs: serde-sarif's generated types
// (a build-time code generator and ~16 crates more to build, docs/benchmarks.md) were turned into a
// `serde_json::Value` and re-framed by hand to stream the results anyway.
// Fields are in alphabetical order of their JSON names, the order the log has always had (viewers
// do not care; diffs of logs and snapshots do). `scripts/validate-sarif.sh` checks the result
// against Microsoft's validator.

#[derive(Serialize)]
struct Log<'a, 'r> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [SarifRun<'a, 'r>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a, 'r> {
    column_kind: &'static str,
    invocations: [Invocation<'a>; 1],
    language: &'static str,
    results: Results<'a, 'r>,
    tool: Tool,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    full_name: String,
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<Descriptor>,
    semantic_version: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    default_configuration: Configuration,
    full_description: Message,
    help: Help,
    help_uri: String,
    id: String,
    name: String,
    properties: RuleProperties,
    short_description: Message,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Help {
    markdown: String,
    text: String,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    cite: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<SetupProperties<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

/// The project file (`null`: none) and the packs of a run set up by the command line.
#[derive(Serialize)]
struct SetupProperties<'a> {
    packs: &'a [String],
    project: &'a Option<String>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    locations: Option<[Location; 1]>,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    level: &'static str,
    locations: [Location; 1],
    message: Message,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
struct ResultProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    unit: String,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    start_column: usize,
    start_line: usize,
}

/// A run's results, made from its findings one at a time as they are written.
struct Results<'a, 'r> {
    run: &'a Run<'r>,
    rules: &'a [RuleInfo],
}

impl Serialize for Results<'_, '_> {
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

/// The SARIF log of a run, its results made as they are written: `rules` are the rules in force
/// and those the findings name ([`rules_of_findings`]).
fn log<'a, 'r>(run: &'a Run<'r>, rules: &'a [RuleInfo]) -> Log<'a, 'r> {
    let lang = run.lang;
    let driver = Driver {
        full_name: format!("bianzhi {}", env!("CARGO_PKG_VERSION")),
        information_uri: HOME_URL,
        name: "bianzhi",
        rules: rules.iter().map(|r| descriptor(r, lang)).collect(),
        semantic_version: env!("CARGO_PKG_VERSION"),
        version: env!("CARGO_PKG_VERSION"),
    };

    let notifications: Vec<Notification> = run
        .errors
        .iter()
        .map(|e| {
            let (file, lc) = run.error_place(e);
            let locations = file.map(|file| {
                let region = match (e.file, e.span) {
                    (Some(id), Some(span)) => Some(region(&run.ws.sources.get(id), span)),
                    _ => lc.map(|(line, col)| Region {
                        end_column: None,
                        end_line: None,
                        start_column: col,
                        start_line: line,
                    }),
                };
                [location(&file, region, None)]
            });
            Notification {
                level: "error",
                locations,
                message: text_message(e.message.get(lang)),
            }
        })
        .collect();
    let invocation = Invocation {
        execution_successful: run.errors.is_empty(),
        properties: run.setup.is_named().then_some(SetupProperties {
            packs: &run.setup.packs,
            project: &run.setup.project,
        }),
        tool_execution_notifications: notifications,
    };

    Log {
        schema: SCHEMA_URL,
        runs: [SarifRun {
            column_kind: "unicodeCodePoints",
            invocations: [invocation],
            language: lang.tag(),
            results: Results { run, rules },
            tool: Tool { driver },
        }],
        version: "2.1.0",
    }
}

fn descriptor(r: &RuleInfo, lang: Lang) -> Descriptor {
    let summary = match r.summary.get(lang) {
        "" => r.name.clone(),
        s => s.to_string(),
    };
    let doc = r.doc_markdown(lang);
    let cite = r.cite.get(lang);
    Descriptor {
        default_configuration: Configuration {
            level: sarif_level(r.level),
        },
        full_description: text_message(&full_description(r, lang)),
        help: Help {
            markdown: doc.clone(),
            text: doc,
        },
        help_uri: r.help_uri(),
        id: r.code.clone(),
        name: r.name.clone(),
        properties: RuleProperties {
            tags: ["compliance"],
            cite: (!cite.is_empty()).then(|| cite.to_string()),
        },
        short_description: text_message(&summary),
    }
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
            loc.id = Some(i);
            loc
        })
        .collect();
    SarifResult {
        level: sarif_level(f.level),
        locations: [location(
            &src.path,
            Some(region(&src, f.span)),
            f.primary.as_ref().map(|p| p.get(lang)),
        )],
        message: text_message(&message),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        properties: ResultProperties {
            target: f.target.as_ref().map(ToString::to_string),
            unit: f.unit.to_string(),
        },
        related_locations: related,
        rule_id: f.code.to_string(),
        rule_index: index,
    }
}

fn text_message(text: &str) -> Message {
    Message {
        text: text.to_string(),
    }
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
    let (uri, uri_base_id) = if p.starts_with('/') {
        (format!("file://{}", uri(&p)), None)
    } else if windows {
        (format!("file:///{}", uri(&p)), None)
    } else {
        (uri(&p), Some(SRCROOT))
    };
    ArtifactLocation { uri, uri_base_id }
}

/// The base of relative paths: the folder bianzhi ran in, usually the repository's checkout.
const SRCROOT: &str = "%SRCROOT%";

fn location(path: &str, region: Option<Region>, message: Option<&str>) -> Location {
    Location {
        id: None,
        message: message.map(text_message),
        physical_location: PhysicalLocation {
            artifact_location: artifact(path),
            region,
        },
    }
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
    Region {
        end_column: Some(end_column),
        end_line: Some(end_line),
        start_column,
        start_line,
    }
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

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
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
        assert_eq!(r.start_line, 1);
        assert_eq!(r.start_column, 8);
        assert_eq!(r.end_line, Some(1));
        assert_eq!(r.end_column, Some(13));
        // A span that swallows its line break ends on its own line.
        let r = region(&src, Span::new(19, 25));
        assert_eq!((r.end_line, r.end_column), (Some(2), Some(6)));
        // An empty span covers one character.
        let r = region(&src, Span::new(19, 19));
        assert_eq!((r.start_column, r.end_column), (1, Some(2)));
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
