//! JSON Schemas of the org file (FORMAT.md) and of the rule pack (RULES.md), for editors: taplo and
//! Even Better TOML complete and validate org files as people type (`#:schema` line at the top of a
//! file).
//!
//! The loader reads TOML by hand (to report every error with its span), so the schemas come from
//! schema-only structs here that mirror the spec; their doc comments become the descriptions. Domain
//! values list both spellings, taken from the catalogs, so the schema cannot drift from what the
//! loader accepts. The rule tables of the pack schema are built from the rule catalog: every rule
//! under its code and its name, with its parameters and their defaults. TOML dates are strings with
//! `format: date` (taplo hands dates to the validator as strings). Draft 7, which editors support.
//!
//! `schema/` holds the generated files; a test keeps them up to date (`bianzhi schema --output
//! schema/` regenerates them).

#![allow(dead_code)] // The structs exist only to be described.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

use crate::base::diag::Level;
use crate::model::catalog::*;

/// File name of the org-file schema.
pub const ORG_SCHEMA_FILE: &str = "bianzhi-org.schema.json";
/// File name of the pack schema.
pub const PACK_SCHEMA_FILE: &str = "bianzhi-pack.schema.json";

/// The org-file schema.
pub fn org_schema() -> Value {
    finish(generator().into_root_schema_for::<OrgFile>())
}

/// The pack schema, with every built-in rule's table.
pub fn pack_schema() -> Value {
    let mut schema = finish(generator().into_root_schema_for::<PackFile>());
    let mut rules = Map::new();
    let mut defs = Map::new();
    for def in crate::rules::catalog() {
        let meta = def.meta;
        let key = format!("rule-{}", meta.code);
        defs.insert(
            key.clone(),
            rule_table(meta, &(def.default_params)(), &(def.optional_params)()),
        );
        let reference = json!({ "$ref": format!("#/definitions/{key}") });
        rules.insert(meta.code.to_string(), reference.clone());
        rules.insert(meta.name.to_string(), reference);
    }
    if let Some(rule) = schema.pointer_mut("/properties/rule") {
        *rule = json!({
            "description": "Rules in force and their settings, each under its code (`BZ001`) or its \
                            name (`functional-body-limit`). A rule is in force when some pack of the \
                            chain has a table for it and its level is not `off`.",
            "type": "object",
            "properties": rules,
            "additionalProperties": false,
        });
    }
    if let Some(Value::Object(d)) = schema.get_mut("definitions") {
        d.extend(defs);
    } else if let Value::Object(root) = &mut schema {
        root.insert("definitions".into(), Value::Object(defs));
    }
    schema
}

/// The schema of one rule's table: `level`, `cite` and its parameters, typed after their defaults.
fn rule_table(
    meta: &crate::rules::RuleMeta,
    defaults: &toml::Table,
    optional: &toml::Table,
) -> Value {
    let mut props = Map::new();
    props.insert(
        "level".into(),
        json!({ "$ref": "#/definitions/Level", "description": format!("Level of {} (default: {}).", meta.code, meta.level) }),
    );
    props.insert(
        "cite".into(),
        json!({
            "description": format!("The clause cited in findings, one string or {{ zh, en }} (default: {} / {}).", meta.cite.zh, meta.cite.en),
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "zh": { "type": "string" }, "en": { "type": "string" } },
                    "required": ["zh", "en"],
                    "additionalProperties": false
                }
            ]
        }),
    );
    let scopes: Vec<&str> = crate::rules::Scope::NAMES.iter().map(|(n, _)| *n).collect();
    props.insert(
        "applies_to".into(),
        json!({
            "type": "string",
            "enum": scopes,
            "description": format!("Which units the rule looks at (default: {}): dev = developed towns, town = towns, townships and subdistricts, county, all, declared = units declaring developed_town.", meta.scope.as_str()),
        }),
    );
    for (key, value) in defaults {
        // A title catalog takes entry tables or the version-1 string form: not inferable.
        let catalog = meta.code == crate::rules::unauthorized_title::UnauthorizedTitle::META.code
            && matches!(key.as_str(), "titles" | "add_titles");
        let mut p = if catalog {
            crate::rules::titles::catalog_schema()
        } else {
            value_schema(value)
        };
        if let Value::Object(o) = &mut p {
            let shown = toml::Value::to_string(value);
            o.insert(
                "description".into(),
                json!(format!("Parameter of {} (default: {shown}).", meta.code)),
            );
            o.insert("default".into(), toml_to_json(value));
        }
        props.insert(key.clone(), p);
    }
    for (key, value) in optional {
        let mut p = value_schema(value);
        if let Value::Object(o) = &mut p {
            o.insert(
                "description".into(),
                json!(format!("Parameter of {} (no default).", meta.code)),
            );
        }
        props.insert(key.clone(), p);
    }
    json!({
        // Code and name only: the summary would make the committed schema stale at every doc edit.
        "description": format!("{} {} (`bianzhi explain {}` for its docs)", meta.code, meta.name, meta.code),
        "type": "object",
        "properties": props,
        "additionalProperties": false,
    })
}

/// The type of a parameter, inferred from its default value.
fn value_schema(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(_) => json!({ "type": "string" }),
        toml::Value::Integer(i) if *i >= 0 => json!({ "type": "integer", "minimum": 0 }),
        toml::Value::Integer(_) => json!({ "type": "integer" }),
        toml::Value::Float(_) => json!({ "type": "number" }),
        toml::Value::Boolean(_) => json!({ "type": "boolean" }),
        toml::Value::Datetime(_) => json!({ "type": "string" }),
        toml::Value::Array(items) => match items.first() {
            Some(first) => json!({ "type": "array", "items": value_schema(first) }),
            None => json!({ "type": "array" }),
        },
        toml::Value::Table(t) => match t.values().next() {
            // Maps (titles → grade, unit kind → titles): keys are free, values typed.
            Some(first) => json!({ "type": "object", "additionalProperties": value_schema(first) }),
            None => json!({ "type": "object" }),
        },
    }
}

/// TOML as JSON, dates as strings (as taplo gives them to a validator).
pub fn toml_to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => json!(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => json!(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

fn generator() -> SchemaGenerator {
    SchemaSettings::draft07().into_generator()
}

/// Drops `null` from optional fields (TOML has no null) and adds the schema's id.
fn finish(schema: Schema) -> Value {
    let mut v = schema.to_value();
    strip_null(&mut v);
    v
}

fn strip_null(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Array(types)) = o.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let t = types[0].clone();
                    o.insert("type".into(), t);
                }
            }
            if let Some(Value::Array(any)) = o.get("anyOf") {
                let rest: Vec<Value> = any
                    .iter()
                    .filter(|s| s.get("type") != Some(&json!("null")))
                    .cloned()
                    .collect();
                if rest.len() == 1 {
                    o.remove("anyOf");
                    match &rest[0] {
                        // Draft 7 ignores the siblings of `$ref`: keep the description beside it.
                        r if r.get("$ref").is_some() => {
                            o.insert("allOf".into(), json!([r]));
                        }
                        Value::Object(inner) => {
                            for (k, val) in inner {
                                o.entry(k.clone()).or_insert_with(|| val.clone());
                            }
                        }
                        _ => {}
                    }
                }
            }
            if let Some(Value::Array(e)) = o.get_mut("enum") {
                e.retain(|x| !x.is_null());
            }
            o.values_mut().for_each(strip_null);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// A string that is one of a catalog's values, in either spelling.
fn spellings(
    description: &str,
    values: impl IntoIterator<Item = (&'static str, &'static str)>,
) -> Schema {
    let mut all = Vec::new();
    for (en, zh) in values {
        all.push(en);
        all.push(zh);
    }
    json_schema!({ "type": "string", "enum": all, "description": description })
}

/// Declares a schema-only string type listing a catalog's values in both spellings.
macro_rules! choice {
    ($name:ident, $catalog:ty, $desc:literal) => {
        struct $name;
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($catalog).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                spellings($desc, <$catalog>::ALL.iter().map(|v| (v.en(), v.zh())))
            }
        }
    };
}

choice!(
    UnitKindS,
    UnitKind,
    "Kind of unit: town/镇, township/乡, subdistrict/街道, county/县."
);
choice!(
    StatusS,
    Status,
    "current/现状 (default) or proposal/方案 (a reorganization plan)."
);
choice!(
    GradeS,
    Grade,
    "Grade (机构规格 / 领导职务层次), highest first."
);
choice!(RankS, Rank, "Civil-service rank (职级), highest first.");
choice!(RegionS, Region, "Region, for the developed-town criteria.");
choice!(
    ZoneModeS,
    ZoneMode,
    "merged (镇区合一: one leadership, two names) or separate."
);
choice!(BodyKindS, BodyKind, "Kind of body (机构).");
choice!(
    OfficeS,
    Office,
    "back/后台 (default) or front/前台; functional bodies only."
);
choice!(
    DutyS,
    Duty,
    "service/便民服务 or enforcement/综合执法: front bodies only, required there; command/综合指挥: the 一中心, on a body that is not front and not dispatched."
);
choice!(
    DispatchedLineS,
    DispatchedLine,
    "Whose station a dispatched body is: county/县级部门 (a 市县政府部门 station), central/中央派驻 (公安派出所), vertical/垂直管理 (税务, 海关, 调查队), judicial/司法机关 (人民法庭, 检察室)."
);
choice!(
    TransferDirectionS,
    TransferDirection,
    "in/划入: from the county level into this unit; out/划出: from this unit."
);
choice!(CategoryS, Category, "Establishment category (编制类别).");
choice!(
    AssessorS,
    Assessor,
    "Who leads the dispatched body's annual assessment."
);
choice!(
    EstablishmentS,
    Establishment,
    "The establishment a person occupies, or none/编外."
);
choice!(
    PowerCategoryS,
    PowerCategory,
    "Category of power (权力类别)."
);
choice!(
    DepartureReasonS,
    DepartureReason,
    "Why a person leaves in a reorganization."
);

/// A level in a pack.
struct LevelS;
impl JsonSchema for LevelS {
    fn schema_name() -> Cow<'static, str> {
        "Level".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let levels = [Level::Error, Level::Warning, Level::Info, Level::Off];
        spellings(
            "error (exit 1), warning (exit 1 only with --deny warnings), info, or off.",
            levels.iter().map(|l| (l.as_str(), l.zh())),
        )
    }
}

/// A TOML date (`2018-06-30`).
struct DateS;
impl JsonSchema for DateS {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date", "description": "A TOML date, e.g. 2018-06-30." })
    }
}

/// An id: `^[a-z0-9][a-z0-9_-]*$`.
struct IdS;
impl JsonSchema for IdS {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$" })
    }
}

/// Counts per key of a catalog: non-negative integers; a missing key is 0.
fn counts_schema(
    description: &str,
    keys: impl IntoIterator<Item = (&'static str, &'static str)>,
    extra: Option<(&str, Value)>,
) -> Schema {
    let mut props = Map::new();
    for (en, zh) in keys {
        for k in [en, zh] {
            props.insert(k.into(), json!({ "type": "integer", "minimum": 0 }));
        }
    }
    if let Some((k, v)) = extra {
        props.insert(k.into(), v);
    }
    json_schema!({
        "type": "object",
        "description": description,
        "properties": props,
        "additionalProperties": false,
    })
}

/// Establishment per category (`administrative`/行政编制, …).
struct CategoryCounts;
impl JsonSchema for CategoryCounts {
    fn schema_name() -> Cow<'static, str> {
        "CategoryCounts".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        counts_schema(
            "Establishment per category: non-negative counts; a missing category is 0.",
            Category::ALL.iter().map(|c| (c.en(), c.zh())),
            None,
        )
    }
}

/// Leadership posts per grade.
struct GradeCounts;
impl JsonSchema for GradeCounts {
    fn schema_name() -> Cow<'static, str> {
        "GradeCounts".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        counts_schema(
            "Approved leadership posts (领导职数) per grade, e.g. { \"正科\" = 3, \"副科\" = 10 }.",
            Grade::ALL.iter().map(|g| (g.en(), g.zh())),
            None,
        )
    }
}

/// Headcount per establishment (categories and `none`).
struct StaffCounts;
impl JsonSchema for StaffCounts {
    fn schema_name() -> Cow<'static, str> {
        "StaffCounts".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        counts_schema(
            "Actual headcount per category; `none` counts people outside the establishment.",
            Establishment::ALL.iter().map(|e| (e.en(), e.zh())),
            None,
        )
    }
}

/// `[quota]`: the unit's approved establishment, with `[quota.posts]`.
struct UnitQuota;
impl JsonSchema for UnitQuota {
    fn schema_name() -> Cow<'static, str> {
        "UnitQuota".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let posts = generator.subschema_for::<GradeCounts>().to_value();
        counts_schema(
            "Approved establishment (核定编制) of the unit per category; for a county, the \
             establishment limit its towns share. `posts`: the leadership team's approved posts.",
            Category::ALL.iter().map(|c| (c.en(), c.zh())),
            Some(("posts", posts)),
        )
    }
}

/// An org file: one unit (town, township, subdistrict or county) at one date.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, title = "bianzhi org file")]
struct OrgFile {
    unit: UnitT,
    quota: Option<UnitQuota>,
    /// Bodies (机构) of the unit.
    body: Option<Vec<BodyT>>,
    /// The real-name roster (实名制).
    person: Option<Vec<PersonT>>,
    /// The powers-and-duties list (权责清单).
    power: Option<Vec<PowerT>>,
    /// In a proposal: people of the baseline roster who leave.
    departure: Option<Vec<DepartureT>>,
    /// Approved exceptions to one rule each.
    exception: Option<Vec<ExceptionT>>,
    /// Establishment moved with its people (带编划转).
    transfer: Option<Vec<TransferT>>,
}

/// Establishment moved with its people (带编划转).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Transfer")]
struct TransferT {
    direction: TransferDirectionS,
    /// The body of this unit that receives (in) or gives (out), or the unit id.
    body: String,
    /// The county-level body on the other side, e.g. "吴江区城市管理局".
    counterpart: Option<String>,
    category: CategoryS,
    /// Establishment moved (at least 1).
    #[schemars(range(min = 1))]
    count: u32,
    /// The people who moved with it.
    persons: Option<Vec<String>>,
    /// True when the body itself moved (a 派驻机构 put under the town).
    whole_body: Option<bool>,
    /// The approving authority.
    by: Option<String>,
    /// The approving document number.
    doc: String,
    date: DateS,
}

/// The listing that makes the unit a developed town.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Listed")]
struct ListedT {
    /// The document by which 省委、省政府 published the list.
    doc: Option<String>,
    /// The batch (the 2017 pilot towns are batch 1).
    #[schemars(range(min = 0))]
    batch: Option<u32>,
    date: Option<DateS>,
}

/// The 镇村(社区) two-level service network.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "ServiceNetwork")]
struct ServiceNetworkT {
    /// 村民委员会 and 居民委员会 in the unit.
    #[schemars(range(min = 0))]
    villages: Option<u32>,
    /// 村(社区)便民服务站 linked with the front service body.
    #[schemars(range(min = 0))]
    stations: Option<u32>,
}

/// The unit this file describes.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Unit")]
struct UnitT {
    /// Stable id of the unit, unique in the repository.
    id: IdS,
    /// E.g. "盛泽镇".
    name: String,
    kind: UnitKindS,
    /// The date this file describes; orders snapshots of the same id.
    as_of: DateS,
    status: Option<StatusS>,
    /// The county this unit belongs to.
    parent: Option<String>,
    /// The unit's own grade; default 正科 for town/township/subdistrict, 正处 for county.
    grade: Option<GradeS>,
    region: Option<RegionS>,
    /// Listed as an economically developed town (经济发达镇).
    developed_town: Option<bool>,
    zone: Option<ZoneT>,
    stats: Option<StatsT>,
    listed: Option<ListedT>,
    /// The decision that gave the unit its devolved powers (赋权决定).
    devolved_by: Option<ApprovalT>,
    service_network: Option<ServiceNetworkT>,
}

/// A development zone run together with the town.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Zone")]
struct ZoneT {
    name: Option<String>,
    mode: Option<ZoneModeS>,
    /// A separate zone's own establishment (a merged zone may not have one).
    quota: Option<CategoryCounts>,
    /// A separate zone's own leadership posts (a merged zone may not have them).
    posts: Option<GradeCounts>,
}

/// Figures for the developed-town criteria.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Stats")]
struct StatsT {
    /// 建成区常住人口, persons.
    #[schemars(range(min = 0))]
    built_up_population: Option<u64>,
    /// Consecutive years, up to now, in the province's top 10% of towns.
    #[schemars(range(min = 0))]
    top10_years: Option<u32>,
    /// 一般公共预算收入, 万元.
    fiscal_revenue: Option<f64>,
}

/// A body (机构) of the unit.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Body")]
struct BodyT {
    /// Unique within the file.
    id: IdS,
    /// E.g. "经济发展局".
    name: String,
    /// Other names the body carries: 挂牌 names, short names.
    aliases: Option<Vec<String>>,
    kind: BodyKindS,
    office: Option<OfficeS>,
    duty: Option<DutyS>,
    /// The body's own grade (机构规格); default 股级 directly under the unit.
    grade: Option<GradeS>,
    /// A sub-body (内设机构) of this body.
    parent: Option<String>,
    /// Institution bodies: the functional body it is integrated with (合署办公).
    attached_to: Option<String>,
    approval: Option<ApprovalT>,
    /// Establishment allocated to the body.
    quota: Option<CategoryCounts>,
    /// Leadership posts approved for the body.
    posts: Option<GradeCounts>,
    /// Actual headcount, for a body without roster entries.
    staff: Option<StaffCounts>,
    /// In a proposal: bodies of the baseline this body continues.
    merged_from: Option<Vec<String>>,
    dispatched: Option<DispatchedT>,
}

/// Who approved setting the body up.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Approval")]
struct ApprovalT {
    /// The approving authority.
    by: Option<String>,
    /// The document number.
    doc: Option<String>,
    date: Option<DateS>,
}

/// A dispatched body's arrangements.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Dispatched")]
struct DispatchedT {
    /// The county department.
    by: Option<String>,
    /// Put under the town's management.
    localized: Option<bool>,
    assessment: Option<AssessorS>,
    /// The town is consulted before appointments.
    appointment_consultation: Option<bool>,
    line: Option<DispatchedLineS>,
}

/// A person of the roster.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Person")]
struct PersonT {
    /// Unique within the file (an employee number).
    id: String,
    /// Optional; personal data.
    name: Option<String>,
    /// A body id, or the unit id for the leadership team.
    body: String,
    establishment: EstablishmentS,
    /// Default: true for a category, false for none.
    fiscally_funded: Option<bool>,
    /// Post title (职务名称), e.g. "副镇长".
    title: Option<String>,
    /// Leadership grade held.
    grade: Option<GradeS>,
    rank: Option<RankS>,
    /// Holds an administrative law-enforcement certificate.
    enforcement_certified: Option<bool>,
    /// A principal promoted into the county leadership who keeps this post.
    upper_post: Option<String>,
    /// Other titles held at the same time (兼任).
    concurrent: Option<Vec<String>>,
    /// An institution person managed under the Civil Servant Law (参公).
    cs_managed: Option<bool>,
}

/// A power of the powers-and-duties list.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Power")]
struct PowerT {
    /// The catalog code, unique within the file.
    code: String,
    name: Option<String>,
    category: PowerCategoryS,
    /// The body that handles it.
    handled_by: Option<String>,
    /// Back bodies that support the handler internally (后台支撑); not handlers.
    supported_by: Option<Vec<String>>,
    /// Who exercises it in law (实施主体); default the unit itself.
    holder: Option<String>,
    /// The county department it was devolved from.
    from: Option<String>,
    /// The decision that gave the power to the unit (赋权决定).
    devolved_by: Option<ApprovalT>,
    legal_basis: Option<String>,
    /// Duties and accountability items (责任事项).
    responsibilities: Option<Vec<String>>,
    /// In the catalog published to the public.
    published: Option<bool>,
    /// What the source department provides.
    support: Option<Vec<String>>,
    /// How the devolved duty is funded.
    funding: Option<String>,
}

/// A person of the baseline roster who leaves.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Departure")]
struct DepartureT {
    /// An id of the baseline roster.
    person: String,
    reason: Option<DepartureReasonS>,
}

/// An approved exception to one rule.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Exception")]
struct ExceptionT {
    /// The rule's code or name.
    rule: String,
    /// Id of a body, person or power (or kind:id).
    target: Option<String>,
    /// The approving document number (required for the exception to apply).
    approval: Option<String>,
    reason: Option<String>,
    expires: Option<DateS>,
}

/// A rule pack: which rules apply, at which level, with which parameters.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, title = "bianzhi rule pack")]
struct PackFile {
    pack: PackT,
    /// Rules by code or name (filled in from the rule catalog).
    rule: Option<BTreeMap<String, Value>>,
    /// Rules of the pack's own, written in CEL.
    custom: Option<Vec<CustomT>>,
}

/// The pack's identity.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Pack")]
struct PackT {
    id: Option<String>,
    /// Shown by `bianzhi rules`: one string, or one per language.
    title: Option<TextS>,
    description: Option<TextS>,
    /// Packs by id, or paths relative to this file; this pack overrides them key by key.
    extends: Option<Vec<String>>,
}

/// A custom rule in CEL.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Custom")]
struct CustomT {
    /// The rule's code, e.g. "JS101".
    code: String,
    /// The rule's name, e.g. "enforcement-certified-share".
    name: String,
    level: Option<LevelS>,
    /// Evaluated once per such entity.
    scope: ScopeS,
    /// A CEL condition selecting the entities the rule applies to.
    when: Option<String>,
    /// A CEL condition that must hold.
    assert: String,
    /// Which units it runs on (default: town-level units).
    applies_to: Option<AppliesToS>,
    /// The finding's message: one string, or one per language.
    message: TextS,
    /// The Chinese of a string `message`.
    message_zh: Option<String>,
    /// How to fix it: one string, or one per language.
    help: Option<TextS>,
    /// The Chinese of a string `help`.
    help_zh: Option<String>,
    /// The clause cited in findings: one string, or one per language.
    cite: Option<TextS>,
}

/// Text shown to people: one string for both languages, or `{ zh, en }`.
struct TextS;
impl JsonSchema for TextS {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "zh": { "type": "string" }, "en": { "type": "string" } },
                    "required": ["zh", "en"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The units a rule runs on.
struct AppliesToS;
impl JsonSchema for AppliesToS {
    fn schema_name() -> Cow<'static, str> {
        "AppliesTo".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let scopes: Vec<&str> = crate::rules::Scope::NAMES.iter().map(|(n, _)| *n).collect();
        json_schema!({ "type": "string", "enum": scopes })
    }
}

/// The entities a custom rule is evaluated on.
struct ScopeS;
impl JsonSchema for ScopeS {
    fn schema_name() -> Cow<'static, str> {
        "CustomScope".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["unit", "body", "person", "power"] })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_definition_exists_for_rule_tables() {
        let s = pack_schema();
        assert!(s.pointer("/definitions/Level").is_some(), "{s:#}");
        assert!(s.pointer("/properties/rule/properties/BZ001").is_some());
        assert!(s
            .pointer("/properties/rule/properties/functional-body-limit")
            .is_some());
    }

    #[test]
    fn optional_fields_are_not_nullable() {
        let s = org_schema().to_string();
        assert!(!s.contains("null"), "{s}");
    }
}
