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

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

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
    let mut suites = Suites::new();
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
        let mut suite = TestSuite::new(path.as_str());
        name_setup(run, &mut suite);
        let org = org_of.get(id).copied();
        if let Some(errors) = file_errors.get(id) {
            suite.add_test_case(error_case("input", path, errors));
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
                    let mut status = TestCaseStatus::skipped();
                    status.set_message(words::findings::rule_does_not_apply(lang));
                    let mut case = TestCase::new(case_name(rule), status);
                    case.set_classname(path.as_str());
                    suite.add_test_case(case);
                }
                continue;
            }
            suite.add_test_case(rule_case(run, rule, path, &findings, deny_warnings));
        }
        suites.add(suite)?;
    }
    for (path, errors) in &loose {
        let mut suite = TestSuite::new(path.as_str());
        name_setup(run, &mut suite);
        suite.add_test_case(error_case("input", path, errors));
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
        suite.add_property(quick_junit::Property::new("project", project.as_str()));
    }
    suite.add_property(quick_junit::Property::new(
        "packs",
        run.setup.packs.join(", "),
    ));
}

/// Test suites written as they are made, and the totals of the report that holds them.
struct Suites {
    written: Scratch,
    totals: Report,
}

impl Suites {
    fn new() -> Suites {
        Suites {
            written: Scratch::new(),
            totals: Report::new("bianzhi"),
        }
    }

    /// Adds a suite to the totals and its XML (as it stands inside the report) to the scratch
    /// space.
    fn add(&mut self, suite: TestSuite) -> std::io::Result<()> {
        let mut one = Report::new("bianzhi");
        one.add_test_suite(suite);
        let xml = xml(&one)?;
        let (open, close) = frame(&xml);
        self.written.append(&xml.as_bytes()[open..close])?;
        let suite = one.test_suites.pop().unwrap_or_else(|| TestSuite::new(""));
        self.totals.tests += suite.tests;
        self.totals.failures += suite.failures;
        self.totals.errors += suite.errors;
        self.totals.skipped += suite.skipped;
        Ok(())
    }

    /// The report: its root element with the totals, around the suites written.
    fn write(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let xml = xml(&self.totals)?;
        let (open, close) = frame(&xml);
        out.write_all(&xml.as_bytes()[..open])?;
        self.written.copy_to(out)?;
        out.write_all(&xml.as_bytes()[close..])
    }
}

fn xml(report: &Report) -> std::io::Result<String> {
    report.to_string().map_err(std::io::Error::other)
}

/// Where the root element's start tag ends and its end tag's line starts: what lies between is
/// the suites. (Attribute values are escaped, so the start tag's first `>` is its end.)
fn frame(xml: &str) -> (usize, usize) {
    let start = xml.find("<testsuites").unwrap_or(0);
    let open = xml[start..].find('>').map_or(xml.len(), |i| start + i + 1);
    let close = xml.rfind("\n</testsuites>").unwrap_or(xml.len()).max(open);
    (open, close)
}

fn case_name(rule: &RuleInfo) -> String {
    format!("{} {}", rule.code, rule.name)
}

fn error_case(name: &str, path: &str, errors: &[String]) -> TestCase {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    status.set_message(errors.first().cloned().unwrap_or_default());
    status.set_type("input error");
    status.set_description(errors.join("\n"));
    let mut case = TestCase::new(name, status);
    case.set_classname(path);
    case
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
        TestCaseStatus::success()
    } else {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let first = failing[0].message.get(lang);
        let message = match failing.len() {
            1 => first.to_string(),
            n => msg::and_more(first, n - 1).get(lang).to_string(),
        };
        status.set_message(message);
        status.set_type(level_name(failing[0].level, lang));
        let mut text: Vec<String> = failing.iter().map(|f| line(f)).collect();
        if !rule.cite.get(lang).is_empty() {
            text.push(rule.cite.get(lang).to_string());
        }
        status.set_description(text.join("\n"));
        status
    };
    let mut case = TestCase::new(case_name(rule), status);
    case.set_classname(path);
    if !others.is_empty() {
        let text: Vec<String> = others.iter().map(|f| line(f)).collect();
        case.set_system_out(text.join("\n"));
    }
    case
}

fn level_name(level: Level, lang: Lang) -> &'static str {
    level.name(lang)
}
