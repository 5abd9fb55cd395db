//! `--format junit`: JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure).
//!
//! One `<testsuite>` per org file, one `<testcase>` per rule in force in that file, named
//! `CODE name`. A rule with findings at level error fails its test case (all its findings in the
//! failure's text, one per line); warnings fail it only under `--deny warnings`, otherwise they and
//! info findings go to the test case's `<system-out>`. A rule that does not look at the file's kind
//! of unit (town rules in a county file) is skipped. Input errors are `<error>`s: of a test case
//! named `input` in the file's suite, or in a suite of their own for problems without a file.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::app::Run;
use crate::base::diag::{Finding, Level};
use crate::base::i18n::{msg, words, Lang};
use crate::base::scratch::Scratch;
use crate::base::source::FileId;
use crate::engine::{rules_of_findings, RuleInfo};

/// The JUnit XML of a run.
pub fn render(run: &Run<'_>, rules: &[RuleInfo], deny_warnings: bool) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(run, rules, deny_warnings, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the JUnit XML of a run to `out`. The suites are made one at a time, each with its file's
/// findings as they come (findings and suites are both in path order), and wait in scratch space
/// until the totals that the root element carries are known: a run with a million findings is
/// never held as one report.
pub fn write(
    run: &Run<'_>,
    rules: &[RuleInfo],
    deny_warnings: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let lang = run.lang;
    let rules = rules_of_findings(rules, run.findings.iter());

    // Every file that has an org, a finding or an input error gets a suite, in path order.
    let mut files: BTreeMap<String, FileId> = BTreeMap::new();
    for org in &run.ws.orgs {
        files.insert(run.ws.sources.path(org.file).to_string(), org.file);
    }
    for f in run.findings.iter() {
        files.insert(run.ws.sources.path(f.file).to_string(), f.file);
    }
    let mut loose: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut file_errors: BTreeMap<FileId, Vec<String>> = BTreeMap::new();
    for e in run.errors {
        let (path, lc) = run.error_place(e);
        let mut text = e.message.get(lang).to_string();
        if let Some((line, col)) = lc {
            text = format!("{line}:{col}: {text}");
        }
        match e.file {
            Some(id) => {
                files.insert(run.ws.sources.path(id).to_string(), id);
                file_errors.entry(id).or_default().push(text);
            }
            None => loose
                .entry(path.unwrap_or_else(|| "bianzhi".to_string()))
                .or_default()
                .push(text),
        }
    }

    // Each file's org looked up once, not searched for per file and rule: a run over a province
    // has tens of thousands of files.
    let org_of: HashMap<FileId, &crate::model::OrgFile> =
        run.ws.orgs.iter().map(|o| (o.file, o)).rev().collect();
    let mut suites = Suites::new()?;
    let mut findings = run.findings.iter().peekable();
    for (path, id) in &files {
        // The findings of this path come next.
        let mut here: Vec<Cow<'_, Finding>> = Vec::new();
        while let Some(f) = findings.peek() {
            match run.ws.sources.path(f.file).cmp(path.as_str()) {
                std::cmp::Ordering::Less => drop(findings.next()),
                std::cmp::Ordering::Equal => here.extend(findings.next()),
                std::cmp::Ordering::Greater => break,
            }
        }
        let in_file: Vec<&Finding> = here
            .iter()
            .map(|f| &**f)
            .filter(|f| f.file == *id)
            .collect();
        let mut suite = TestSuite::new(path);
        name_setup(run, &mut suite);
        let org = org_of.get(id).copied();
        if let Some(errors) = file_errors.get(id) {
            suite.cases.push(error_case("input", path, errors));
        }
        // A file that is not an org file (a pack) or could not be loaded has no rule cases.
        for rule in &rules {
            let findings: Vec<&Finding> = in_file
                .iter()
                .copied()
                .filter(|f| *f.code == *rule.code)
                .collect();
            let applies = org.is_some_and(|o| rule.applies_to(&o.unit));
            if !applies && findings.is_empty() {
                if org.is_some() {
                    suite.cases.push(TestCase {
                        name: case_name(rule),
                        classname: path.clone(),
                        status: Status::Skipped {
                            message: words::findings::rule_does_not_apply(lang).to_string(),
                        },
                        system_out: None,
                    });
                }
                continue;
            }
            suite
                .cases
                .push(rule_case(run, rule, path, &findings, deny_warnings));
        }
        suites.add(suite)?;
    }
    for (path, errors) in &loose {
        let mut suite = TestSuite::new(path);
        name_setup(run, &mut suite);
        suite.cases.push(error_case("input", path, errors));
        suites.add(suite)?;
    }
    suites.write(out)
}

/// The project file and the packs a suite was checked with, as its properties (JUnit has none
/// for the whole report): `project` (absent: none in use) and `packs`, comma-separated.
fn name_setup(run: &Run<'_>, suite: &mut TestSuite) {
    if !run.setup.is_named() {
        return;
    }
    if let Some(project) = &run.setup.project {
        suite.properties.push(("project", project.clone()));
    }
    suite.properties.push(("packs", run.setup.packs.join(", ")));
}

// The report as JUnit readers know it, and as quick-junit (which wrote it before) laid it out:
// four spaces of indent, the same attributes in the same order, texts without terminal escapes
// or the control characters XML 1.0 forbids.

struct TestSuite {
    name: String,
    properties: Vec<(&'static str, String)>,
    cases: Vec<TestCase>,
}

impl TestSuite {
    fn new(name: &str) -> TestSuite {
        TestSuite {
            name: name.to_string(),
            properties: Vec::new(),
            cases: Vec::new(),
        }
    }

    fn count(&self, kind: fn(&Status) -> bool) -> usize {
        self.cases.iter().filter(|c| kind(&c.status)).count()
    }
}

struct TestCase {
    name: String,
    classname: String,
    status: Status,
    system_out: Option<String>,
}

enum Status {
    Success,
    Skipped {
        message: String,
    },
    /// `<failure>` (`error`: false) or `<error>`, with a message, a type and a text.
    NonSuccess {
        error: bool,
        message: String,
        ty: String,
        description: String,
    },
}

/// How many tests, skipped, failures and errors.
#[derive(Default)]
struct Totals {
    tests: usize,
    skipped: usize,
    failures: usize,
    errors: usize,
}

/// Test suites written as they are made, and the totals of the report that holds them.
struct Suites {
    written: Scratch,
    totals: Totals,
    /// The writer of the suites, inside the root element that [`Suites::write`] writes: each
    /// suite's XML goes to the scratch space from `mark` on and is cut off again.
    xml: quick_xml::Writer<Vec<u8>>,
    mark: usize,
}

impl Suites {
    fn new() -> std::io::Result<Suites> {
        let mut xml = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 4);
        xml.write_event(Event::Start(BytesStart::new("testsuites")))?;
        let mark = xml.get_ref().len();
        Ok(Suites {
            written: Scratch::new(),
            totals: Totals::default(),
            xml,
            mark,
        })
    }

    /// Adds a suite to the totals and its XML (as it stands inside the report) to the scratch
    /// space.
    fn add(&mut self, suite: TestSuite) -> std::io::Result<()> {
        write_suite(&mut self.xml, &suite)?;
        self.written.append(&self.xml.get_ref()[self.mark..])?;
        self.xml.get_mut().truncate(self.mark);
        self.totals.tests += suite.cases.len();
        self.totals.skipped += suite.count(|s| matches!(s, Status::Skipped { .. }));
        self.totals.failures +=
            suite.count(|s| matches!(s, Status::NonSuccess { error: false, .. }));
        self.totals.errors += suite.count(|s| matches!(s, Status::NonSuccess { error: true, .. }));
        Ok(())
    }

    /// The report: its root element with the totals, around the suites written.
    fn write(mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let t = &self.totals;
        let mut head = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 4);
        head.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new("testsuites");
        root.push_attribute(("name", "bianzhi"));
        push_counts(
            &mut root,
            [
                ("tests", t.tests),
                ("skipped", t.skipped),
                ("failures", t.failures),
                ("errors", t.errors),
            ],
        );
        head.write_event(Event::Start(root))?;
        out.write_all(head.get_ref())?;
        self.written.copy_to(out)?;
        self.xml
            .write_event(Event::End(BytesEnd::new("testsuites")))?;
        self.xml.write_indent()?;
        out.write_all(&self.xml.get_ref()[self.mark..])
    }
}

fn push_counts<const N: usize>(tag: &mut BytesStart<'_>, counts: [(&str, usize); N]) {
    for (name, n) in counts {
        tag.push_attribute((name, n.to_string().as_str()));
    }
}

/// A text as it may stand in the report: without terminal escapes and without the control
/// characters XML 1.0 has no place for (tab and line breaks stay).
fn clean(text: &str) -> String {
    strip_ansi_escapes::strip_str(text).replace(
        |c| matches!(c, '\x00'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f'),
        "",
    )
}

fn write_suite(xml: &mut quick_xml::Writer<Vec<u8>>, suite: &TestSuite) -> std::io::Result<()> {
    let mut tag = BytesStart::new("testsuite");
    tag.push_attribute(("name", clean(&suite.name).as_str()));
    push_counts(
        &mut tag,
        [
            ("tests", suite.cases.len()),
            (
                "skipped",
                suite.count(|s| matches!(s, Status::Skipped { .. })),
            ),
            (
                "errors",
                suite.count(|s| matches!(s, Status::NonSuccess { error: true, .. })),
            ),
            (
                "failures",
                suite.count(|s| matches!(s, Status::NonSuccess { error: false, .. })),
            ),
        ],
    );
    if suite.properties.is_empty() && suite.cases.is_empty() {
        return xml.write_event(Event::Empty(tag));
    }
    xml.write_event(Event::Start(tag))?;
    if !suite.properties.is_empty() {
        xml.write_event(Event::Start(BytesStart::new("properties")))?;
        for (name, value) in &suite.properties {
            let mut p = BytesStart::new("property");
            p.push_attribute(("name", clean(name).as_str()));
            p.push_attribute(("value", clean(value).as_str()));
            xml.write_event(Event::Empty(p))?;
        }
        xml.write_event(Event::End(BytesEnd::new("properties")))?;
    }
    for case in &suite.cases {
        write_case(xml, case)?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuite")))
}

fn write_case(xml: &mut quick_xml::Writer<Vec<u8>>, case: &TestCase) -> std::io::Result<()> {
    let mut tag = BytesStart::new("testcase");
    tag.push_attribute(("name", clean(&case.name).as_str()));
    tag.push_attribute(("classname", clean(&case.classname).as_str()));
    if matches!(case.status, Status::Success) && case.system_out.is_none() {
        return xml.write_event(Event::Empty(tag));
    }
    xml.write_event(Event::Start(tag))?;
    match &case.status {
        Status::Success => {}
        Status::Skipped { message } => {
            let mut tag = BytesStart::new("skipped");
            tag.push_attribute(("message", clean(message).as_str()));
            xml.write_event(Event::Empty(tag))?;
        }
        Status::NonSuccess {
            error,
            message,
            ty,
            description,
        } => {
            let name = if *error { "error" } else { "failure" };
            let mut tag = BytesStart::new(name);
            tag.push_attribute(("message", clean(message).as_str()));
            tag.push_attribute(("type", clean(ty).as_str()));
            xml.write_event(Event::Start(tag))?;
            xml.write_event(Event::Text(BytesText::new(&clean(description))))?;
            xml.write_event(Event::End(BytesEnd::new(name)))?;
        }
    }
    if let Some(text) = &case.system_out {
        xml.write_event(Event::Start(BytesStart::new("system-out")))?;
        xml.write_event(Event::Text(BytesText::new(&clean(text))))?;
        xml.write_event(Event::End(BytesEnd::new("system-out")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("testcase")))
}

fn case_name(rule: &RuleInfo) -> String {
    format!("{} {}", rule.code, rule.name)
}

fn error_case(name: &str, path: &str, errors: &[String]) -> TestCase {
    TestCase {
        name: name.to_string(),
        classname: path.to_string(),
        status: Status::NonSuccess {
            error: true,
            message: errors.first().cloned().unwrap_or_default(),
            ty: "input error".to_string(),
            description: errors.join("\n"),
        },
        system_out: None,
    }
}

fn rule_case(
    run: &Run<'_>,
    rule: &RuleInfo,
    path: &str,
    findings: &[&Finding],
    deny_warnings: bool,
) -> TestCase {
    let lang = run.lang;
    let fails =
        |f: &&&Finding| f.level == Level::Error || (deny_warnings && f.level == Level::Warning);
    let line = |f: &Finding| {
        let src = run.ws.sources.get(f.file);
        let (l, c) = src.line_col(f.span.start);
        let target = f
            .target
            .as_ref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default();
        format!(
            "{path}:{l}:{c}: {}: {}{target}",
            level_name(f.level, lang),
            f.message.get(lang)
        )
    };
    let failing: Vec<&&Finding> = findings.iter().filter(fails).collect();
    let others: Vec<&&Finding> = findings.iter().filter(|f| !fails(f)).collect();
    let status = if failing.is_empty() {
        Status::Success
    } else {
        let first = failing[0].message.get(lang);
        let message = match failing.len() {
            1 => first.to_string(),
            n => msg::and_more(first, n - 1).get(lang).to_string(),
        };
        let mut text: Vec<String> = failing.iter().map(|f| line(f)).collect();
        if !rule.cite.get(lang).is_empty() {
            text.push(rule.cite.get(lang).to_string());
        }
        Status::NonSuccess {
            error: false,
            message,
            ty: level_name(failing[0].level, lang).to_string(),
            description: text.join("\n"),
        }
    };
    TestCase {
        name: case_name(rule),
        classname: path.to_string(),
        status,
        system_out: (!others.is_empty()).then(|| {
            others
                .iter()
                .map(|f| line(f))
                .collect::<Vec<_>>()
                .join("\n")
        }),
    }
}

fn level_name(level: Level, lang: Lang) -> &'static str {
    level.name(lang)
}
