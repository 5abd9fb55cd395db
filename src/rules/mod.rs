//! The rules: the [`Rule`] trait, the one catalog list, and one file per rule named after the
//! problem it finds.
//!
//! A rule's doc comment is its documentation, with fixed headings (see [`DOC_HEADINGS`]); the same
//! text feeds `bianzhi explain`, SARIF rule help and the README's rule table. A rule gets the
//! validated model and reports findings with spans; it never prints, reads files, or decides the
//! final level — the engine does that from the pack.

use std::any::Any;
use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::base::diag::{Finding, Level};
use crate::base::i18n::{Lang, Text};
use crate::base::source::{SourceFile, Span};
use crate::model::{OrgFile, Person, Unit, UnitKind};
use crate::workspace::{OrgIdx, Workspace};

/// Declares a rule: its doc comment becomes its documentation, the rest its metadata. Rule files
/// use it by textual scope: their `mod` lines come after it.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            level: $level:ident,
            cite: ($cite_zh:literal, $cite_en:literal),
            scope: $scope:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: ::std::borrow::Cow::Borrowed($code),
                name: ::std::borrow::Cow::Borrowed($rname),
                level: $crate::base::diag::Level::$level,
                cite: $crate::rules::Cite {
                    zh: ::std::borrow::Cow::Borrowed($cite_zh),
                    en: ::std::borrow::Cow::Borrowed($cite_en),
                },
                scope: $crate::rules::Scope::$scope,
                doc: ::std::borrow::Cow::Borrowed(concat!($($doc, "\n"),*)),
            };
        }
    };
}

/// The documents cited and the documentation in one language (not a rule).
pub mod docs;
// Structure (BZ0xx).
pub mod body_approval;
pub mod body_over_grade;
pub mod dangling_reference;
pub mod dispatched_agency;
pub mod duplicate_id;
pub mod front_back_separation;
pub mod functional_body_limit;
pub mod hierarchy_cycle;
pub mod institution_integration;
pub mod one_center;
pub mod one_window_one_team;
pub mod service_network;
pub mod zone_one_team;
// Establishment (BZ1xx).
pub mod category_kind_mismatch;
pub mod county_limit;
pub mod cross_level_administrative;
pub mod establishment_mismatch;
pub mod headcount_increase;
pub mod over_allocated;
pub mod over_quota;
pub mod staff_count_mismatch;
pub mod transfer_out_kept;
// Leadership posts and ranks (BZ2xx).
pub mod leadership_composition;
pub mod over_grade_appointment;
pub mod over_posts;
pub mod rank_over_cap;
pub mod rank_quota;
pub mod titles;
pub mod unauthorized_title;
// Powers and duties (BZ3xx).
pub mod devolution_document;
pub mod devolved_funding;
pub mod devolved_support;
pub mod enforcement_staffing;
pub mod power_holder;
pub mod power_legal_basis;
pub mod power_published;
pub mod power_responsibility;
// Developed towns (BZ4xx).
pub mod developed_town_criteria;
// Reorganization plans (BZ5xx).
pub mod body_lost;
pub mod person_lost;
// Exceptions (BZ9xx).
pub mod exception_invalid;
pub mod exception_unused;

/// The headings every rule's documentation has, in this order.
pub const DOC_HEADINGS: &[&str] = &[
    "## What it checks",
    "## Why",
    "## Example",
    "## Passing example",
    "## Parameters",
    "## 检查内容",
    "## 依据",
];

/// Which units a rule looks at (RULES.md "Scope"). A pack may re-scope a rule with `applies_to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// The developed-town opinions' own rules: a `town` with `developed_town = true`. The opinions
    /// govern only the towns the province lists (三(二)); a subdistrict is never one.
    Dev,
    /// Law-wide rules: every town-level unit (town, township, subdistrict).
    Town,
    /// County files (BZ103).
    County,
    /// Every file (integrity, plans, exceptions).
    All,
    /// Every unit that declares `developed_town = true`, whatever its kind (BZ401 checks the claim).
    Declared,
}

impl Scope {
    /// The names a pack writes in `applies_to`.
    pub const NAMES: &'static [(&'static str, Scope)] = &[
        ("dev", Scope::Dev),
        ("town", Scope::Town),
        ("county", Scope::County),
        ("all", Scope::All),
        ("declared", Scope::Declared),
    ];

    pub fn parse(s: &str) -> Option<Scope> {
        Self::NAMES.iter().find(|(n, _)| *n == s).map(|(_, v)| *v)
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("all", |(n, _)| n)
    }

    /// The scope in words, in the output language.
    pub fn describe(self) -> Text {
        match self {
            Scope::Dev => Text::new("developed towns", "经济发达镇"),
            Scope::Town => Text::new("towns, townships, subdistricts", "乡镇、街道"),
            Scope::County => Text::new("counties", "县"),
            Scope::All => Text::new("all files", "全部文件"),
            Scope::Declared => {
                Text::new("units declaring developed_town", "声明为经济发达镇的单位")
            }
        }
    }

    /// Whether a rule of this scope looks at a file describing `unit`.
    pub fn covers(self, unit: &Unit) -> bool {
        let developed = unit.developed_town.as_ref().is_some_and(|d| d.value);
        match self {
            Scope::Dev => unit.kind.value == UnitKind::Town && developed,
            Scope::Town => unit.kind.value.is_town_level(),
            Scope::County => unit.kind.value == UnitKind::County,
            Scope::All => true,
            Scope::Declared => developed,
        }
    }
}

/// A rule's citation in both languages: the short form of its source and clause (RULES.md,
/// Citations), e.g. 江苏经济发达镇意见 二(二) / Jiangsu DT Opinions 2017, II(2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Cite {
    pub fn get(&self, lang: Lang) -> &str {
        lang.select(&self.en, &self.zh)
    }

    pub fn text(&self) -> Text {
        Text::new(self.en.as_ref(), self.zh.as_ref())
    }
}

/// A rule's fixed facts. A built-in rule's are a constant (every text borrowed from the binary); a
/// pack's custom rule owns its own, so loading packs again keeps nothing behind.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub code: Cow<'static, str>,
    pub name: Cow<'static, str>,
    /// The level when a pack enables the rule without saying one.
    pub level: Level,
    /// The clause it enforces, as cited when the pack gives no `cite` of its own.
    pub cite: Cite,
    pub scope: Scope,
    /// The doc comment, one leading space per line as rustc keeps it.
    pub doc: Cow<'static, str>,
}

impl RuleMeta {
    /// The documentation as Markdown.
    pub fn doc_markdown(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The text under one `## ` heading of the documentation, trimmed.
    pub fn doc_section(&self, heading: &str) -> String {
        let md = self.doc_markdown();
        let mut out = Vec::new();
        let mut inside = false;
        for line in md.lines() {
            if line.starts_with("## ") {
                inside = line == heading;
                continue;
            }
            if inside {
                out.push(line);
            }
        }
        out.join("\n").trim().to_string()
    }

    /// The one-line summary: the first sentence of "What it checks".
    pub fn summary(&self, zh: bool) -> String {
        let section = self.doc_section(if zh {
            "## 检查内容"
        } else {
            "## What it checks"
        });
        let para = section
            .split("\n\n")
            .next()
            .unwrap_or("")
            .replace('\n', " ");
        para.trim().to_string()
    }
}

/// What a rule sees when it checks one org file.
pub struct FileCx<'a> {
    pub ws: &'a Workspace,
    pub idx: OrgIdx,
    pub org: &'a OrgFile,
    pub source: &'a SourceFile,
    /// The plan's baseline, where there is one (see [`Workspace::baseline_of`]).
    pub baseline: Option<&'a OrgFile>,
    /// Settings shared by several rules, from the pack.
    pub shared: &'a Shared,
    /// What the rules of this file compute once and share; dropped with the file.
    pub slot: FileSlot,
}

/// One value the rules of a file share, made by the first rule that needs it: the custom rules'
/// bound unit (their CEL values), so that their binding is made once per file and lives no longer.
/// Its type belongs to the rules that store it (`pack` defines it, and rules cannot name `pack`).
#[derive(Default)]
pub struct FileSlot(OnceLock<Box<dyn Any + Send + Sync>>);

impl FileSlot {
    /// The value in the slot, made by `init` if the slot is empty; `None` if it holds another type.
    pub fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Option<&T> {
        self.0.get_or_init(|| Box::new(init())).downcast_ref()
    }
}

impl FileCx<'_> {
    /// A value suggested in a help text, spelled the way the file spells that key's values: `zh`
    /// where one of the values `written` (the same key, anywhere in the file) is in Chinese, else
    /// where none is written and the unit's `kind` is; `en` otherwise. A file writing
    /// `assessment = "县"` is told `"镇"`.
    pub fn spelled<'v>(
        &self,
        written: impl IntoIterator<Item = Span>,
        en: &'v str,
        zh: &'v str,
    ) -> &'v str {
        let chinese = |span: Span| !self.source.slice(span).is_ascii();
        let mut any = false;
        for span in written {
            if chinese(span) {
                return zh;
            }
            any = true;
        }
        if !any && chinese(self.org.unit.kind.span) {
            zh
        } else {
            en
        }
    }

    /// `office = "front"` and `duty = "…"` as the file spells those keys' values: what the help
    /// of a missing front body suggests writing.
    pub fn spelled_front(&self, duty: crate::model::Duty) -> (&'static str, &'static str) {
        use crate::model::Office;
        let bodies = &self.org.bodies;
        (
            self.spelled(
                bodies
                    .iter()
                    .filter_map(|b| b.office.as_ref())
                    .map(|o| o.span),
                Office::Front.en(),
                Office::Front.zh(),
            ),
            self.spelled(
                bodies
                    .iter()
                    .filter_map(|b| b.duty.as_ref())
                    .map(|d| d.span),
                duty.en(),
                duty.zh(),
            ),
        )
    }

    /// How a finding names a person: by id, with the name only under `--show-names`.
    pub fn who(&self, p: &Person) -> String {
        match (&p.name, self.ws.show_names) {
            (Some(name), true) => format!("{} ({})", p.id.value, name.value),
            _ => p.id.value.clone(),
        }
    }
}

/// Pack settings that more than one rule reads: the titles catalog and `leader_suffixes` of
/// `unauthorized-title` are how BZ201, BZ202, BZ206 and BZ305 read titles too ([`titles`]).
#[derive(Debug, Clone, Default)]
pub struct Shared {
    pub titles: titles::Titles,
}

/// A rule configured with its parameters, ready to run.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    /// The parameters in force, as TOML (for `bianzhi rules`).
    fn params(&self) -> toml::Table;
    fn check_file(&self, cx: &FileCx<'_>, out: &mut Vec<Finding>);
    fn check_workspace(&self, ws: &Workspace, shared: &Shared, out: &mut Vec<Finding>);
}

/// What one rule file implements.
pub trait RuleImpl: Send + Sync + 'static {
    /// Parameters with defaults and `deny_unknown_fields`, so a typo in a pack is a pack error.
    type Params: Serialize + DeserializeOwned + Default + Send + Sync + 'static;

    fn meta() -> &'static RuleMeta;

    /// Parameters without a default (BZ003's `max_body_grade`, BZ401's thresholds): a pack may set
    /// them, and where none does the rule does without. Each with a value of its type, so that a
    /// pack is checked and the schema written as for the others.
    fn optional_params() -> toml::Table {
        toml::Table::new()
    }

    /// Checks one org file; called for every file the rule's scope covers.
    fn check_file(_params: &Self::Params, _cx: &FileCx<'_>, _out: &mut Vec<Finding>) {}

    /// Checks what spans files (a county and its towns); called once per run.
    fn check_workspace(
        _params: &Self::Params,
        _ws: &Workspace,
        _shared: &Shared,
        _out: &mut Vec<Finding>,
    ) {
    }
}

/// Rules without parameters.
#[derive(Debug, Default, Clone, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

struct Configured<R: RuleImpl> {
    params: R::Params,
}

impl<R: RuleImpl> Rule for Configured<R> {
    fn meta(&self) -> &RuleMeta {
        R::meta()
    }

    fn params(&self) -> toml::Table {
        toml::Table::try_from(&self.params).unwrap_or_default()
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        R::check_file(&self.params, cx, out);
    }

    fn check_workspace(&self, ws: &Workspace, shared: &Shared, out: &mut Vec<Finding>) {
        R::check_workspace(&self.params, ws, shared, out);
    }
}

/// A catalog entry: the rule's facts and how to configure it from a pack's table.
pub struct RuleDef {
    pub meta: &'static RuleMeta,
    /// Builds the rule from its parameters (the pack's table without `level` and `cite`).
    pub build: fn(toml::Table) -> Result<Box<dyn Rule>, toml::de::Error>,
    /// The parameters' defaults, as TOML.
    pub default_params: fn() -> toml::Table,
    /// The parameters without a default, each with a value of its type.
    pub optional_params: fn() -> toml::Table,
}

fn build<R: RuleImpl>(table: toml::Table) -> Result<Box<dyn Rule>, toml::de::Error> {
    let params: R::Params = toml::Value::Table(table).try_into()?;
    Ok(Box::new(Configured::<R> { params }))
}

fn default_params<R: RuleImpl>() -> toml::Table {
    toml::Table::try_from(R::Params::default()).unwrap_or_default()
}

fn def<R: RuleImpl>() -> RuleDef {
    RuleDef {
        meta: R::meta(),
        build: build::<R>,
        default_params: default_params::<R>,
        optional_params: R::optional_params,
    }
}

/// Every built-in rule, ordered by code.
pub fn catalog() -> &'static [RuleDef] {
    static CATALOG: LazyLock<Vec<RuleDef>> = LazyLock::new(|| {
        let mut all = vec![
            def::<functional_body_limit::FunctionalBodyLimit>(),
            def::<body_approval::BodyApproval>(),
            def::<body_over_grade::BodyOverGrade>(),
            def::<front_back_separation::FrontBackSeparation>(),
            def::<one_window_one_team::OneWindowOneTeam>(),
            def::<dispatched_agency::DispatchedAgency>(),
            def::<zone_one_team::ZoneOneTeam>(),
            def::<duplicate_id::DuplicateId>(),
            def::<dangling_reference::DanglingReference>(),
            def::<hierarchy_cycle::HierarchyCycle>(),
            def::<one_center::OneCenter>(),
            def::<institution_integration::InstitutionIntegration>(),
            def::<service_network::ServiceNetwork>(),
            def::<over_quota::OverQuota>(),
            def::<over_allocated::OverAllocated>(),
            def::<county_limit::CountyLimit>(),
            def::<headcount_increase::HeadcountIncrease>(),
            def::<establishment_mismatch::EstablishmentMismatch>(),
            def::<staff_count_mismatch::StaffCountMismatch>(),
            def::<category_kind_mismatch::CategoryKindMismatch>(),
            def::<transfer_out_kept::TransferOutKept>(),
            def::<cross_level_administrative::CrossLevelAdministrative>(),
            def::<over_posts::OverPosts>(),
            def::<over_grade_appointment::OverGradeAppointment>(),
            def::<rank_over_cap::RankOverCap>(),
            def::<unauthorized_title::UnauthorizedTitle>(),
            def::<rank_quota::RankQuota>(),
            def::<leadership_composition::LeadershipComposition>(),
            def::<power_holder::PowerHolder>(),
            def::<power_responsibility::PowerResponsibility>(),
            def::<power_published::PowerPublished>(),
            def::<power_legal_basis::PowerLegalBasis>(),
            def::<enforcement_staffing::EnforcementStaffing>(),
            def::<devolved_support::DevolvedSupport>(),
            def::<devolved_funding::DevolvedFunding>(),
            def::<devolution_document::DevolutionDocument>(),
            def::<developed_town_criteria::DevelopedTownCriteria>(),
            def::<body_lost::BodyLost>(),
            def::<person_lost::PersonLost>(),
            def::<exception_invalid::ExceptionInvalid>(),
            def::<exception_unused::ExceptionUnused>(),
        ];
        all.sort_by(|a, b| a.meta.code.cmp(&b.meta.code));
        all
    });
    &CATALOG
}

/// A rule by its code (`BZ001`) or name (`functional-body-limit`).
pub fn lookup(code_or_name: &str) -> Option<&'static RuleDef> {
    catalog()
        .iter()
        .find(|d| d.meta.code == code_or_name || d.meta.name == code_or_name)
}

/// The rule table of the README, generated from the catalog (a test keeps the README current).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| code | name | scope | level | what it checks | cites |\n|---|---|---|---|---|---|\n",
    );
    for d in catalog() {
        let m = d.meta;
        out.push_str(&format!(
            "| <a id=\"{}\"></a>{} | `{}` | {} | {} | {} | {} |\n",
            m.code.to_lowercase(),
            m.code,
            m.name,
            m.scope.as_str(),
            m.level.as_str(),
            m.summary(false).replace('|', "\\|"),
            m.cite.en.replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_file_slot_is_filled_once() {
        let slot = FileSlot::default();
        let first: *const u64 = slot.get_or_init(|| 7u64).unwrap();
        let again: *const u64 = slot.get_or_init(|| unreachable!()).unwrap();
        assert!(std::ptr::eq(first, again));
        assert!(slot.get_or_init(|| "another type").is_none());
    }

    #[test]
    fn codes_and_names_are_unique() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for d in catalog() {
            assert!(codes.insert(&d.meta.code), "duplicate code {}", d.meta.code);
            assert!(names.insert(&d.meta.name), "duplicate name {}", d.meta.name);
        }
    }

    #[test]
    fn every_rule_has_the_doc_headings_in_order() {
        for d in catalog() {
            let md = d.meta.doc_markdown();
            let mut at = 0;
            for h in DOC_HEADINGS {
                let pos = md[at..]
                    .find(&format!("{h}\n"))
                    .unwrap_or_else(|| panic!("{}: missing or misplaced heading {h}", d.meta.code));
                at += pos + h.len();
                assert!(
                    !d.meta.doc_section(h).is_empty(),
                    "{}: empty section {h}",
                    d.meta.code
                );
            }
        }
    }

    #[test]
    fn codes_and_names_follow_the_conventions() {
        for d in catalog() {
            let m = d.meta;
            assert!(m.code.len() == 5 && m.code.starts_with("BZ"), "{}", m.code);
            assert!(
                m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                m.name
            );
            assert!(!m.cite.zh.is_empty() && !m.cite.en.is_empty(), "{}", m.code);
        }
    }
}
