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

/// Declares a rule: every fact about it in one place. Its doc comment becomes its documentation
/// (the fixed headings of [`DOC_HEADINGS`], the clause it enforces quoted in both languages under
/// *Why* and *依据*); then its code, name (the id a pack and `explain` use, and its English title),
/// Chinese title, short name in both languages (a chart's box, a document's heading), default level,
/// citation in both languages, scope, parameters (a `serde` struct; none when left out), the
/// parameters without a default (a TOML sample of each, see [`Declared::optional_params`]) and the
/// Chinese of its examples' comments, by their English text. Rule files use it by textual scope:
/// their `mod` lines (made by `rules!`) come after it.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            title: $title_zh:literal,
            short: ($short_zh:literal, $short_en:literal),
            level: $level:ident,
            cite: ($cite_zh:literal, $cite_en:literal),
            scope: $scope:ident,
            $(params: $params:ty,)?
            $(optional_params: $optional:literal,)?
            $(examples: { $($ex_en:literal => $ex_zh:literal),* $(,)? },)?
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
                title: $crate::rules::Bilingual {
                    zh: ::std::borrow::Cow::Borrowed($title_zh),
                    en: ::std::borrow::Cow::Borrowed($rname),
                },
                short: $crate::rules::Bilingual {
                    zh: ::std::borrow::Cow::Borrowed($short_zh),
                    en: ::std::borrow::Cow::Borrowed($short_en),
                },
                example_comments: &[$($(($ex_en, $ex_zh)),*)?],
            };
        }

        impl $crate::rules::Declared for $name {
            type Params = declare_rule!(@params $($params)?);

            fn meta() -> &'static $crate::rules::RuleMeta {
                &Self::META
            }

            fn optional_params() -> ::toml::Table {
                declare_rule!(@optional $($optional)?)
            }
        }
    };
    (@params) => { $crate::rules::NoParams };
    (@params $params:ty) => { $params };
    (@optional) => { ::toml::Table::new() };
    (@optional $optional:literal) => { $crate::rules::optional_params($optional) };
}

/// The one list of the rules: each rule's module and type, in any order (the catalog is sorted by
/// code). It makes the `pub mod` lines, the catalog and the modules' names (a test compares them
/// with the files of `src/rules/`).
macro_rules! rules {
    ($($module:ident::$rule:ident),* $(,)?) => {
        rules!(@with ($) $($module::$rule),*);
    };
    (@with ($d:tt) $($module:ident::$rule:ident),*) => {
        $(pub mod $module;)*

        /// Calls `callback! { module::Rule, … }` with every rule of the list: what is made for
        /// each rule elsewhere (its fixtures' test) comes from this one list too.
        #[macro_export]
        macro_rules! each_rule {
            ($d callback:ident) => {
                $d callback! { $($module::$rule),* }
            };
        }

        /// The modules of the rules, as listed: each is one file `src/rules/<module>.rs`.
        pub const RULE_MODULES: &[&str] = &[$(stringify!($module)),*];

        fn listed() -> Vec<RuleDef> {
            vec![$(def::<$module::$rule>()),*]
        }
    };
}

/// The documents cited and the documentation in one language (not a rule).
pub mod docs;
/// The title catalog that BZ204 keeps and BZ201, BZ202, BZ206 and BZ305 read (not a rule).
pub mod titles;

rules! {
    // Structure (BZ0xx).
    functional_body_limit::FunctionalBodyLimit,
    body_approval::BodyApproval,
    body_over_grade::BodyOverGrade,
    front_back_separation::FrontBackSeparation,
    one_window_one_team::OneWindowOneTeam,
    dispatched_agency::DispatchedAgency,
    zone_one_team::ZoneOneTeam,
    duplicate_id::DuplicateId,
    dangling_reference::DanglingReference,
    hierarchy_cycle::HierarchyCycle,
    one_center::OneCenter,
    institution_integration::InstitutionIntegration,
    service_network::ServiceNetwork,
    // Establishment (BZ1xx).
    over_quota::OverQuota,
    over_allocated::OverAllocated,
    county_limit::CountyLimit,
    headcount_increase::HeadcountIncrease,
    establishment_mismatch::EstablishmentMismatch,
    staff_count_mismatch::StaffCountMismatch,
    category_kind_mismatch::CategoryKindMismatch,
    transfer_out_kept::TransferOutKept,
    cross_level_administrative::CrossLevelAdministrative,
    // Leadership posts and ranks (BZ2xx).
    over_posts::OverPosts,
    over_grade_appointment::OverGradeAppointment,
    rank_over_cap::RankOverCap,
    unauthorized_title::UnauthorizedTitle,
    rank_quota::RankQuota,
    leadership_composition::LeadershipComposition,
    // Powers and duties (BZ3xx).
    power_holder::PowerHolder,
    power_responsibility::PowerResponsibility,
    power_published::PowerPublished,
    power_legal_basis::PowerLegalBasis,
    enforcement_staffing::EnforcementStaffing,
    devolved_support::DevolvedSupport,
    devolved_funding::DevolvedFunding,
    devolution_document::DevolutionDocument,
    // Developed towns (BZ4xx).
    developed_town_criteria::DevelopedTownCriteria,
    // Reorganization plans (BZ5xx).
    body_lost::BodyLost,
    person_lost::PersonLost,
    // Exceptions (BZ9xx).
    exception_invalid::ExceptionInvalid,
    exception_unused::ExceptionUnused,
}

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

/// A fact of a rule in both languages: its citation, title or short name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

/// A rule's citation in both languages: the short form of its source and clause (RULES.md,
/// Citations), e.g. 江苏经济发达镇意见 二(二) / Jiangsu DT Opinions 2017, II(2).
pub type Cite = Bilingual;

impl Bilingual {
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
    /// What `rules`, `explain`, the reports and SARIF call the rule: in Chinese its title
    /// (职能机构数量限额), in English its name (`functional-body-limit`), which stays its id.
    pub title: Bilingual,
    /// What a chart labels a box with and a document heads a finding with in English
    /// (functional bodies over limit / 职能机构超限).
    pub short: Bilingual,
    /// The Chinese of the comments in the rule's examples, by their English text: the examples are
    /// written once, in the doc comment (a test fails on a comment without its Chinese).
    pub example_comments: &'static [(&'static str, &'static str)],
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

    /// The Chinese of a comment of the rule's examples, by its English text.
    pub fn comment_zh(&self, en: &str) -> Option<&'static str> {
        self.example_comments
            .iter()
            .find(|(e, _)| *e == en)
            .map(|(_, zh)| *zh)
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

/// What `declare_rule!` says of a rule (and nothing else does).
pub trait Declared {
    /// Parameters with defaults and `deny_unknown_fields`, so a typo in a pack is a pack error.
    type Params: Serialize + DeserializeOwned + Default + Send + Sync + 'static;

    fn meta() -> &'static RuleMeta;

    /// Parameters without a default (BZ003's `max_body_grade`, BZ401's thresholds): a pack may set
    /// them, and where none does the rule does without. Each with a value of its type, so that a
    /// pack is checked and the schema written as for the others.
    fn optional_params() -> toml::Table;
}

/// The parameters without a default, from the TOML sample a rule's declaration gives.
pub fn optional_params(sample: &str) -> toml::Table {
    toml::from_str(sample).unwrap_or_default()
}

/// What one rule file implements, besides its declaration.
pub trait RuleImpl: Declared + Send + Sync + 'static {
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
        let mut all = listed();
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

/// A built-in rule by its code, as a finding names it.
fn by_code(code: &str) -> Option<&'static RuleMeta> {
    catalog().iter().map(|d| d.meta).find(|m| m.code == code)
}

/// A finding's rule as `rules`, the reports and SARIF title it ([`RuleMeta::title`]); a pack's
/// custom rule by its name.
pub fn title<'a>(code: &str, name: &'a str, lang: Lang) -> &'a str {
    by_code(code).map_or(name, |m| m.title.get(lang))
}

/// The short name of a finding's rule in `lang` ([`RuleMeta::short`]); a pack's custom rule by its
/// name.
pub fn short_name(code: &str, name: &str, lang: Lang) -> String {
    by_code(code)
        .map_or(name, |m| m.short.get(lang))
        .to_string()
}

/// How a document heads a finding's rule: its Chinese title in Chinese, its short English name in
/// English (a slug such as `functional-bodies` is for machines); a pack's custom rule by its own
/// name.
pub fn heading(code: &str, name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => title(code, name, lang).to_string(),
        Lang::En => short_name(code, name, lang),
    }
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

    /// The modules in `src/rules/` that are not rules.
    const NOT_RULES: &[&str] = &["mod", "docs", "titles"];

    fn root() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// Every `.rs` file under `dir`, recursively, with its text.
    fn sources(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }

    #[test]
    fn the_list_and_the_files_of_src_rules_agree() {
        let mut files: Vec<String> = std::fs::read_dir(root().join("src/rules"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
            .filter(|m| !NOT_RULES.contains(&m.as_str()))
            .collect();
        files.sort();
        let mut listed: Vec<&str> = RULE_MODULES.to_vec();
        listed.sort();
        assert_eq!(
            files, listed,
            "each rule file is one line of `rules!`, and no more"
        );
        assert_eq!(catalog().len(), RULE_MODULES.len());
        for m in RULE_MODULES {
            let text = std::fs::read_to_string(root().join(format!("src/rules/{m}.rs"))).unwrap();
            assert_eq!(
                text.matches("declare_rule! {").count(),
                1,
                "src/rules/{m}.rs declares one rule"
            );
        }
    }

    /// A declared sample of the parameters without a default is TOML (it is read when the catalog
    /// is made, and a mistake would leave the parameters out).
    #[test]
    fn the_parameters_without_a_default_are_read() {
        for m in RULE_MODULES {
            let text = std::fs::read_to_string(root().join(format!("src/rules/{m}.rs"))).unwrap();
            let declared = text.contains("        optional_params: ");
            let def = catalog()
                .iter()
                .find(|d| text.contains(&format!("code: {:?}", d.meta.code)))
                .unwrap();
            assert_eq!(declared, !(def.optional_params)().is_empty(), "{m}");
        }
    }

    #[test]
    fn every_rule_has_a_title_and_a_short_name_in_both_languages() {
        for d in catalog() {
            let m = d.meta;
            assert_eq!(
                m.title.en, m.name,
                "{}: in English a rule is titled by its name",
                m.code
            );
            assert!(
                !m.title.zh.is_empty() && !m.title.zh.is_ascii(),
                "{}",
                m.code
            );
            assert!(
                !m.short.en.is_empty() && m.short.en.is_ascii(),
                "{}",
                m.code
            );
            assert!(
                !m.short.zh.is_empty() && !m.short.zh.is_ascii(),
                "{}",
                m.code
            );
            for (en, zh) in m.example_comments {
                assert!(!en.is_empty() && !zh.is_empty(), "{}: {en}", m.code);
            }
        }
    }

    /// Every comment of a rule's examples has its Chinese in the rule's declaration, and every
    /// Chinese the declaration gives is of a comment of its examples.
    #[test]
    fn every_example_comment_is_translated_in_its_rule() {
        for d in catalog() {
            let m = d.meta;
            let mut used = HashSet::new();
            for heading in ["## Example", "## Passing example"] {
                for line in m.doc_section(heading).lines() {
                    let Some(at) = line.find("# ") else { continue };
                    let found = line
                        .match_indices("# ")
                        .find_map(|(at, _)| m.comment_zh(&line[at + 2..]).map(|_| at + 2));
                    match found {
                        Some(at) => {
                            used.insert(line[at..].to_string());
                        }
                        // `# …` (a part left out), `# wujiang.toml`, `# 40 − 6`: no English word
                        // to translate.
                        None => assert!(
                            !line[at + 2..]
                                .split_whitespace()
                                .any(|w| w.chars().all(|c| c.is_ascii_alphabetic())),
                            "{}: no Chinese for `{}`",
                            m.code,
                            &line[at + 2..]
                        ),
                    }
                }
            }
            for (en, _) in m.example_comments {
                assert!(used.contains(*en), "{}: `{en}` is in no example", m.code);
            }
        }
    }

    /// Every fact of a rule is in its declaration: no table elsewhere keyed by a rule's code or by
    /// an example's comment, no copy of a short name, and no pack repeating a rule's citation (a
    /// pack's `cite` is an override, so it differs from the rule's).
    #[test]
    fn no_fact_of_a_rule_lives_elsewhere() {
        let mut all = Vec::new();
        sources(&root().join("src"), &mut all);
        let rules_dir = root().join("src/rules");
        let rule_file =
            |p: &std::path::Path, module: &str| p == rules_dir.join(format!("{module}.rs"));
        for (path, text) in &all {
            let in_a_rule = RULE_MODULES.iter().any(|m| rule_file(path, m));
            for d in catalog() {
                let m = d.meta;
                if !in_a_rule {
                    assert!(
                        !text.contains(&format!("\"{}\" =>", m.code)),
                        "{}: a table keyed by {} (it belongs in its declaration)",
                        path.display(),
                        m.code
                    );
                    for (en, _) in m.example_comments {
                        assert!(
                            !text.contains(&format!("{en:?} =>")),
                            "{}: the Chinese of {}'s example comment `{en}`",
                            path.display(),
                            m.code
                        );
                    }
                }
                let own = in_a_rule && text.contains(&format!("code: {:?}", m.code));
                assert!(
                    own || !text.contains(&format!("{:?}", m.short.en)),
                    "{}: {}'s short name `{}` (it belongs in its declaration)",
                    path.display(),
                    m.code,
                    m.short.en
                );
            }
        }
        for pack in std::fs::read_dir(root().join("rules")).unwrap() {
            let path = pack.unwrap().path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let table: toml::Table = toml::from_str(&text).unwrap();
            let Some(rules) = table.get("rule").and_then(|r| r.as_table()) else {
                continue;
            };
            for (key, entry) in rules {
                let def = lookup(key).unwrap_or_else(|| panic!("{}: {key}", path.display()));
                let Some(cite) = entry.get("cite") else {
                    continue;
                };
                let own = &def.meta.cite;
                let repeats = match cite {
                    toml::Value::String(s) => *s == own.zh && *s == own.en,
                    t => {
                        t.get("zh").and_then(|v| v.as_str()) == Some(&own.zh)
                            && t.get("en").and_then(|v| v.as_str()) == Some(&own.en)
                    }
                };
                assert!(
                    !repeats,
                    "{}: [rule.{key}] repeats the rule's citation (leave `cite` out)",
                    path.display()
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
