//! A check's findings and input errors, in the format asked for. One file per format.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::app::{Outcome, Run};
use crate::render::Emitter;

/// The project's home page, for SARIF's `tool.driver.informationUri`, and the git repository
/// `bianzhi init`'s workflow installs bianzhi from: `repository` in Cargo.toml.
pub const HOME_URL: &str = env!("CARGO_PKG_REPOSITORY");

/// The formats of a check's findings and input errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Diagnostics with the TOML they point at, for people.
    Human,
    /// One JSON document with stable keys, for programs.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
}

/// A format of findings with the options that change what it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emit {
    pub format: Format,
    /// JUnit: warnings fail their test case.
    pub deny_warnings: bool,
    /// Human: colour sequences.
    pub color: bool,
}

impl<'a> Emitter<(&'a Outcome, &'a Run<'a>)> for Emit {
    fn emit(&self, (outcome, run): (&'a Outcome, &'a Run<'a>)) -> String {
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = self.write(outcome, run, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

impl Emit {
    /// Writes the report to `out` as it is made: every format reads the findings one at a time,
    /// so a run with a million findings is never held as one report.
    pub fn write(
        &self,
        outcome: &Outcome,
        run: &Run<'_>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self.format {
            Format::Human => human::write(run, human::Style::of_terminal(self.color), out),
            Format::Json => json::write(run, out),
            Format::Sarif => sarif::write(run, &outcome.rules, out),
            Format::Github => github::write(run, out),
            Format::Junit => junit::write(run, &outcome.rules, self.deny_warnings, out),
        }
    }
}

impl Outcome {
    /// [`Outcome::render`] written to `out` as it is made ([`Emit::write`]).
    pub fn write(
        &self,
        run: &Run<'_>,
        emit: Emit,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        emit.write(self, run, out)
    }

    /// The report of a run in one format (`color` only matters for `human`).
    pub fn render(
        &self,
        run: &Run<'_>,
        format: Format,
        deny_warnings: bool,
        color: bool,
    ) -> String {
        let emit = Emit {
            format,
            deny_warnings,
            color,
        };
        emit.emit((self, run))
    }
}
