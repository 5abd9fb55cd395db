//! The output formats' names and help on the command line: the renderers' `Format`s know nothing
//! of clap; each is mapped here, its values and their help as `--help` shows them.

use clap::builder::PossibleValue;
use clap::ValueEnum;

use crate::render::{diff, findings, ledger};

/// `impl ValueEnum` for a renderer's `Format`: each variant with its name and its help.
macro_rules! value_enum {
    ($ty:ty { $($variant:ident = $name:literal: $help:literal),* $(,)? }) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(<$ty>::$variant),*]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                // A match, not a list: a variant added to the renderer without a name here does
                // not compile.
                Some(match self {
                    $(<$ty>::$variant => PossibleValue::new($name).help($help),)*
                })
            }
        }
    };
}

value_enum!(findings::Format {
    Human = "human": "Diagnostics with the TOML they point at, for people",
    Json = "json": "One JSON document with stable keys, for programs",
    Sarif = "sarif": "SARIF 2.1.0, for GitHub code scanning and SARIF viewers",
    Github = "github": "GitHub Actions workflow commands: annotations on the pull request",
    Junit = "junit": "JUnit XML: a test suite per file, a test case per rule",
});

value_enum!(ledger::Format {
    Human = "human": "Tables for reading in a terminal",
    Json = "json": "One JSON document: `{\"version\": 1, \"units\": [ledger…]}`",
    Csv = "csv": "One flat table, a row per body × category and per body × post grade",
    Xlsx = "xlsx": "An Excel workbook (needs -o): a summary sheet and a sheet per unit with its roster",
    Html = "html": "One self-contained HTML page: summary, findings, what plans change, org charts and quota tables; prints on A4",
    Docx = "docx": "An editable Word document (needs -o): summary, findings with their citations, what plans change, quota tables",
});

value_enum!(diff::Format {
    Human = "human": "Tables for reading in a terminal",
    Json = "json": "One JSON document",
    Html = "html": "One self-contained HTML page with the tables and the before/after chart; prints on A4",
    Xlsx = "xlsx": "An Excel workbook of the tables (needs -o)",
});

/// A findings format by its name, in any case (`--output FORMAT=PATH`).
pub fn findings_format(name: &str) -> Option<findings::Format> {
    findings::Format::from_str(name, true).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_findings_format_is_named_in_any_case() {
        assert_eq!(findings_format("SARIF"), Some(findings::Format::Sarif));
        assert_eq!(findings_format("json"), Some(findings::Format::Json));
        assert_eq!(findings_format("yaml"), None);
    }
}
