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
use crate::base::source::FileId;
use crate::engine::{rules_of_findings, RuleInfo};

/// The JUnit XML of a run.
pub fn render(run: &Run<'_>, rules: &[RuleInfo], deny_warnings: bool) -> String {
    let lang = run.lang;
    let rules = rules_of_findings(rules, run.findings.iter());
    let mut report = Report::new("bianzhi");

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

    // Each file's org and findings looked up once, not searched for per file and rule: a run over
    // a province has tens of thousands of files.
    let org_of: HashMap<FileId, &crate::model::OrgFile> =
        run.ws.orgs.iter().map(|o| (o.file, o)).rev().collect();
    let mut findings_of: HashMap<FileId, Vec<Cow<'_, Finding>>> = HashMap::new();
    for f in run.findings.iter() {
        findings_of.entry(f.file).or_default().push(f);
    }
    for (path, id) in &files {
        let mut suite = TestSuite::new(path.as_str());
        let org = org_of.get(id).copied();
        let in_file = findings_of.get(id).map_or(&[][..], Vec::as_slice);
        if let Some(errors) = file_errors.get(id) {
            suite.add_test_case(error_case("input", path, errors));
        }
        // A file that is not an org file (a pack) or could not be loaded has no rule cases.
        for rule in &rules {
            let findings: Vec<&Finding> = in_file
                .iter()
                .map(|f| &**f)
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
        report.add_test_suite(suite);
    }
    for (path, errors) in &loose {
        let mut suite = TestSuite::new(path.as_str());
        suite.add_test_case(error_case("input", path, errors));
        report.add_test_suite(suite);
    }
    report.to_string().unwrap_or_default()
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
