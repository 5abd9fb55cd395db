//! The CEL environment and the org data bound into it: one unit as CEL values, built once and shared
//! by every custom rule and entity of the file.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use cel::common::types::{CelBool, CelString};
use cel::objects::{Key, Map};
use cel::{Context, ExecutionError, Value};

use crate::base::source::{FileId, SourceFile};
use crate::model::{Body, Counts, OrgFile, Person, Power};

/// The CEL environment: the standard library with bianzhi's `matches`, built once.
static ENV: LazyLock<Arc<cel::Env>> = LazyLock::new(|| {
    let mut env = cel::Env::stdlib();
    // Registered on an environment without the crate's own `matches`: cannot clash.
    let _ = cel::add_overload!(env, fn cached_matches: (CelString, CelString) -> Result<CelBool>,
        name = "matches", id = "matches");
    let _ = cel::add_member_overload!(env, fn cached_matches: (CelString, CelString) -> Result<CelBool>,
        name = "matches");
    Arc::new(env)
});

/// A context on the shared environment.
pub(super) fn new_context() -> Context<'static, 'static> {
    Context::with_env(ENV.clone())
}

/// The compiled patterns of `matches`, by pattern: each compiled once per run.
static REGEXES: LazyLock<Mutex<HashMap<String, Arc<regex::Regex>>>> =
    LazyLock::new(Default::default);

/// Patterns kept at most (a pack has a few; a pattern built from the data would otherwise grow the
/// cache without end).
const MAX_CACHED_REGEXES: usize = 1024;

fn cached_matches(this: &CelString<'_>, re: &CelString<'_>) -> Result<CelBool, ExecutionError> {
    let pattern = re.inner();
    let cached = REGEXES.lock().ok().and_then(|c| c.get(pattern).cloned());
    let compiled = match cached {
        Some(r) => r,
        None => {
            let r = regex::RegexBuilder::new(pattern)
                .size_limit(1 << 20)
                .dfa_size_limit(1 << 20)
                .build()
                .map_err(|err| ExecutionError::FunctionError {
                    function: "matches".to_string(),
                    message: format!("'{pattern}' not a valid regex: {err}"),
                })?;
            let r = Arc::new(r);
            if let Ok(mut c) = REGEXES.lock() {
                if c.len() >= MAX_CACHED_REGEXES {
                    c.clear();
                }
                c.insert(pattern.to_string(), r.clone());
            }
            r
        }
    };
    Ok(CelBool::from(compiled.is_match(this.inner())))
}

/// The entities a custom rule is evaluated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CelScope {
    Unit,
    Body,
    Person,
    Power,
}

impl CelScope {
    pub(super) fn parse(s: &str) -> Option<CelScope> {
        Some(match s {
            "unit" => CelScope::Unit,
            "body" => CelScope::Body,
            "person" => CelScope::Person,
            "power" => CelScope::Power,
            _ => return None,
        })
    }

    /// The scope as written in a pack.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            CelScope::Unit => "unit",
            CelScope::Body => "body",
            CelScope::Person => "person",
            CelScope::Power => "power",
        }
    }

    /// The entity a scope checks, in Chinese.
    pub(super) fn zh(self) -> &'static str {
        match self {
            CelScope::Unit => "单位",
            CelScope::Body => "机构",
            CelScope::Person => "人员",
            CelScope::Power => "权力事项",
        }
    }
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    let m: HashMap<Key, Value> = entries
        .into_iter()
        .map(|(k, v)| (Key::from(k), v))
        .collect();
    Value::Map(Map { map: Arc::new(m) })
}

fn s(v: &str) -> Value {
    Value::from(v)
}

fn opt_s<T: AsRef<str>>(v: Option<&crate::base::source::Sp<T>>) -> Value {
    Value::from(v.map_or("", |x| x.value.as_ref()))
}

fn strings<'a>(v: impl Iterator<Item = &'a String>) -> Value {
    Value::List(Arc::new(v.map(|x| Value::from(x.as_str())).collect()))
}

fn counts<K: Copy + PartialEq>(c: &Counts<K>, all: &[K], en: fn(K) -> &'static str) -> Value {
    map(all
        .iter()
        .map(|k| (en(*k), Value::Int(i64::from(c.get(*k)))))
        .collect())
}

fn person_value(p: &Person) -> Value {
    map(vec![
        ("id", s(&p.id.value)),
        ("body", s(&p.body.value)),
        ("establishment", s(p.establishment.value.en())),
        ("fiscally_funded", Value::Bool(p.fiscally_funded.value)),
        ("title", opt_s(p.title.as_ref())),
        ("grade", s(p.grade.as_ref().map_or("", |g| g.value.en()))),
        ("rank", s(p.rank.as_ref().map_or("", |r| r.value.en()))),
        ("enforcement_certified", Value::Bool(p.certified())),
        ("upper_post", opt_s(p.upper_post.as_ref())),
        ("concurrent", strings(p.concurrent.iter().map(|c| &c.value))),
    ])
}

fn body_value(b: &Body, persons: Vec<Value>) -> Value {
    use crate::model::{Category, Establishment, Grade};
    let approval = b.approval.as_ref();
    let dispatched = b.dispatched.as_ref();
    map(vec![
        ("id", s(&b.id.value)),
        ("name", s(&b.name.value)),
        ("kind", s(b.kind.value.en())),
        ("office", s(b.office.as_ref().map_or("", |o| o.value.en()))),
        ("duty", s(b.duty.as_ref().map_or("", |d| d.value.en()))),
        ("grade", s(b.grade.as_ref().map_or("", |g| g.value.en()))),
        ("parent", opt_s(b.parent.as_ref())),
        ("quota", counts(&b.quota, Category::ALL, Category::en)),
        ("posts", counts(&b.posts, Grade::ALL, Grade::en)),
        (
            "staff",
            counts(&b.staff, Establishment::ALL, Establishment::en),
        ),
        ("persons", Value::List(Arc::new(persons))),
        (
            "approval",
            map(vec![
                ("by", opt_s(approval.and_then(|a| a.by.as_ref()))),
                ("doc", opt_s(approval.and_then(|a| a.doc.as_ref()))),
                (
                    "date",
                    s(&approval
                        .and_then(|a| a.date.as_ref())
                        .map_or(String::new(), |d| d.value.to_string())),
                ),
            ]),
        ),
        (
            "merged_from",
            strings(b.merged_from.iter().map(|m| &m.value)),
        ),
        (
            "dispatched",
            map(vec![
                ("by", opt_s(dispatched.and_then(|d| d.by.as_ref()))),
                (
                    "localized",
                    Value::Bool(
                        dispatched
                            .and_then(|d| d.localized.as_ref())
                            .is_some_and(|x| x.value),
                    ),
                ),
                (
                    "assessment",
                    s(dispatched
                        .and_then(|d| d.assessment.as_ref())
                        .map_or("", |a| a.value.en())),
                ),
                (
                    "appointment_consultation",
                    Value::Bool(
                        dispatched
                            .and_then(|d| d.appointment_consultation.as_ref())
                            .is_some_and(|x| x.value),
                    ),
                ),
            ]),
        ),
    ])
}

fn power_value(p: &Power, unit_id: &str) -> Value {
    let list = |v: &Option<crate::base::source::Sp<Vec<crate::base::source::Sp<String>>>>| {
        strings(v.iter().flat_map(|l| l.value.iter().map(|x| &x.value)))
    };
    map(vec![
        ("code", s(&p.code.value)),
        ("name", opt_s(p.name.as_ref())),
        ("category", s(p.category.value.en())),
        ("handled_by", opt_s(p.handled_by.as_ref())),
        (
            "holder",
            s(p.holder.as_ref().map_or(unit_id, |h| h.value.as_str())),
        ),
        ("from", opt_s(p.from.as_ref())),
        ("legal_basis", opt_s(p.legal_basis.as_ref())),
        ("responsibilities", list(&p.responsibilities)),
        (
            "published",
            Value::Bool(p.published.as_ref().is_some_and(|x| x.value)),
        ),
        ("support", list(&p.support)),
        ("funding", opt_s(p.funding.as_ref())),
    ])
}

/// The sizes of one unit's data that bound what an expression can build from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DataSizes {
    /// The longest list (or map) anywhere in the unit: what a macro may iterate.
    pub longest: u64,
    /// The longest text, in bytes.
    pub text: u64,
    /// The most bytes of one element of any list (a body with its roster, a person, a text).
    pub entity: u64,
    /// The most bytes of one person, one body (with its roster), one power.
    pub person: u64,
    pub body: u64,
    pub power: u64,
    /// The bytes of the whole unit, its baseline included.
    pub unit: u64,
}

/// Bytes counted for one value beside its text: the interpreter boxes every value, and a map
/// entry also holds its key.
pub(super) const VALUE_BYTES: u64 = 48;

/// Measures a value into `m` (its longest list, text and elements); its bytes as [`DataSizes`]
/// counts them. `key` is the field the value is under: the elements of `persons` are persons.
fn measure(v: &Value, key: &str, m: &mut DataSizes) -> u64 {
    match v {
        Value::String(t) => {
            m.text = m.text.max(t.len() as u64);
            VALUE_BYTES + t.len() as u64
        }
        Value::List(l) => {
            m.longest = m.longest.max(l.len() as u64);
            l.iter().fold(VALUE_BYTES, |total, x| {
                let b = measure(x, "", m);
                m.entity = m.entity.max(b);
                let of = match key {
                    "persons" | "leadership" => &mut m.person,
                    "bodies" => &mut m.body,
                    "powers" => &mut m.power,
                    _ => &mut m.entity,
                };
                *of = (*of).max(b);
                total.saturating_add(b)
            })
        }
        Value::Map(map) => {
            m.longest = m.longest.max(map.map.len() as u64);
            map.map.iter().fold(VALUE_BYTES, |total, (k, x)| {
                let key = match k {
                    Key::String(k) => k.as_str(),
                    _ => "",
                };
                total.saturating_add(VALUE_BYTES + measure(x, key, m))
            })
        }
        _ => VALUE_BYTES,
    }
}

/// The sizes of a unit bound as CEL values.
fn sizes_of(unit: &Value) -> DataSizes {
    let mut m = DataSizes::default();
    m.unit = measure(unit, "", &mut m);
    m
}

/// What a field of the bound data holds, for the bound of an expression's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldKind {
    /// A list: of entities (`persons`) or of texts (`concurrent`).
    List,
    /// A whole unit (`baseline`).
    Unit,
    /// A small map (`quota`, `approval`).
    Map,
    /// A text, number or bool.
    Scalar,
}

/// The kind of every field name of the bound data, read from the typed dummy (which has them all).
static FIELD_KINDS: LazyLock<HashMap<String, FieldKind>> = LazyLock::new(|| {
    fn walk(v: &Value, out: &mut HashMap<String, FieldKind>) {
        match v {
            Value::Map(m) => {
                for (k, x) in m.map.iter() {
                    let kind = match (k, x) {
                        (Key::String(k), _) if k.as_str() == "baseline" => FieldKind::Unit,
                        (_, Value::List(_)) => FieldKind::List,
                        (_, Value::Map(_)) => FieldKind::Map,
                        _ => FieldKind::Scalar,
                    };
                    if let Key::String(k) = k {
                        // A name used for two kinds counts as the bigger.
                        let e = out.entry(k.to_string()).or_insert(kind);
                        if matches!(
                            (*e, kind),
                            (FieldKind::Scalar, _)
                                | (FieldKind::Map, FieldKind::List | FieldKind::Unit)
                        ) {
                            *e = kind;
                        }
                    }
                    walk(x, out);
                }
            }
            Value::List(l) => l.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = HashMap::new();
    walk(&DUMMY.unit, &mut out);
    out
});

/// What the field `name` holds; a name the data does not have (an error the dummy catches) is
/// counted as a list.
pub(super) fn field_kind(name: &str) -> FieldKind {
    FIELD_KINDS.get(name).copied().unwrap_or(FieldKind::List)
}

/// One unit's data as CEL values, built once and shared by every custom rule and entity.
pub struct Bound {
    /// The longest list anywhere in the unit (its baseline included), what a macro may iterate,
    /// and its longest text and biggest element: what an expression's memory is bounded by.
    pub sizes: DataSizes,
    pub unit: Value,
    pub bodies: Vec<Value>,
    pub persons: Vec<Value>,
    pub powers: Vec<Value>,
}

impl Bound {
    pub fn new(org: &OrgFile, baseline: Option<&OrgFile>) -> Bound {
        use crate::model::{Category, Grade};
        let unit_id = org.unit.id.value.as_str();
        let persons: Vec<Value> = org.persons.iter().map(person_value).collect();
        let bodies: Vec<Value> = org
            .bodies
            .iter()
            .map(|b| {
                let roster = org
                    .persons
                    .iter()
                    .zip(&persons)
                    .filter(|(p, _)| p.body.value == b.id.value)
                    .map(|(_, v)| v.clone())
                    .collect();
                body_value(b, roster)
            })
            .collect();
        let powers: Vec<Value> = org.powers.iter().map(|p| power_value(p, unit_id)).collect();
        let leadership = org
            .persons
            .iter()
            .zip(&persons)
            .filter(|(p, _)| p.body.value == unit_id)
            .map(|(_, v)| v.clone())
            .collect();
        let u = &org.unit;
        let unit = map(vec![
            ("id", s(unit_id)),
            ("name", s(&u.name.value)),
            ("kind", s(u.kind.value.en())),
            ("as_of", s(&u.as_of.value.to_string())),
            ("status", s(u.status.value.en())),
            ("parent", opt_s(u.parent.as_ref())),
            ("grade", s(u.grade.value.en())),
            ("region", s(u.region.as_ref().map_or("", |r| r.value.en()))),
            (
                "developed_town",
                Value::Bool(u.developed_town.as_ref().is_some_and(|d| d.value)),
            ),
            ("quota", counts(&org.quota, Category::ALL, Category::en)),
            ("posts", counts(&org.posts, Grade::ALL, Grade::en)),
            ("bodies", Value::List(Arc::new(bodies.clone()))),
            ("persons", Value::List(Arc::new(persons.clone()))),
            ("powers", Value::List(Arc::new(powers.clone()))),
            ("leadership", Value::List(Arc::new(leadership))),
            (
                "baseline",
                baseline.map_or(Value::Null, |b| Bound::new(b, None).unit),
            ),
        ]);
        Bound {
            sizes: sizes_of(&unit),
            unit,
            bodies,
            persons,
            powers,
        }
    }

    /// A context with `unit` and, for entity scopes, the first entity (the dummy has one of each).
    pub(super) fn context(&self, scope: CelScope) -> Context<'static, 'static> {
        let mut ctx = new_context();
        ctx.add_variable_from_value("unit", self.unit.clone());
        let first = |v: &Vec<Value>| v.first().cloned().unwrap_or(Value::Null);
        match scope {
            CelScope::Unit => {}
            CelScope::Body => ctx.add_variable_from_value("body", first(&self.bodies)),
            CelScope::Person => ctx.add_variable_from_value("person", first(&self.persons)),
            CelScope::Power => ctx.add_variable_from_value("power", first(&self.powers)),
        }
        ctx
    }
}

/// The typed dummy unit expressions are tried on when the pack loads: one of each entity, every
/// optional field left out, a baseline of the same shape.
const DUMMY_ORG: &str = r#"
[unit]
id = "dummy"
name = "dummy"
kind = "town"
as_of = 2020-01-01

[[body]]
id = "b"
name = "b"
kind = "functional"

[[person]]
id = "p"
body = "b"
establishment = "administrative"

[[power]]
code = "w"
name = "w"
category = "other"
handled_by = "b"
"#;

pub(super) static DUMMY: LazyLock<Bound> = LazyLock::new(|| {
    let src = SourceFile::new("<dummy>", DUMMY_ORG);
    match crate::load::load_org(FileId(0), &src, true) {
        crate::load::Loaded::Org(org) => Bound::new(&org, Some(&org)),
        _ => Bound {
            sizes: DataSizes::default(),
            unit: Value::Null,
            bodies: Vec::new(),
            persons: Vec::new(),
            powers: Vec::new(),
        },
    }
});
