//! JSON Schemas of the org file (FORMAT.md) and of the rule pack (RULES.md), for editors: taplo and
//! Even Better TOML complete and validate org files as people type (`#:schema` line at the top of a
//! file).
//!
//! The org file's tables are declared once, in `crate::load::format` (the pack's in
//! `crate::pack::format`): the loaders take their known keys from the same declarations, so the
//! schema cannot drift from what they accept. Domain values list both spellings, taken from the
//! catalogs. The rule tables of the pack schema are built from the rule catalog: every rule
//! under its code and its name, with its parameters and their defaults. TOML dates are strings with
//! `format: date` (taplo hands dates to the validator as strings). Draft 7, which editors support.
//!
//! `schema/` holds the generated files; a test keeps them up to date (`bianzhi schema --output
//! schema/` regenerates them).

use serde_json::{json, Map, Value};

use crate::base::i18n::msg;
use crate::load::decl::{Catalog, Counts, Doc, Key, Table, Ty};
use crate::load::format::ORG_FILE;
use crate::pack::format::PACK_FILE;

/// File name of the org-file schema.
pub const ORG_SCHEMA_FILE: &str = "bianzhi-org.schema.json";
/// File name of the pack schema.
pub const PACK_SCHEMA_FILE: &str = "bianzhi-pack.schema.json";
/// File name of the project file (`bianzhi.toml`) schema.
pub const PROJECT_SCHEMA_FILE: &str = "bianzhi-project.schema.json";

/// The project file's schema.
pub fn project_schema() -> Value {
    root(&crate::load::project::PROJECT_FILE)
}

/// Every schema with its file name, as `bianzhi schema --output` and `bianzhi init` write them.
pub fn all_schemas() -> [(&'static str, Value); 3] {
    [
        (ORG_SCHEMA_FILE, org_schema()),
        (PACK_SCHEMA_FILE, pack_schema()),
        (PROJECT_SCHEMA_FILE, project_schema()),
    ]
}

/// The org-file schema.
pub fn org_schema() -> Value {
    root(&ORG_FILE)
}

/// The pack schema, with every built-in rule's table.
pub fn pack_schema() -> Value {
    let mut schema = root(&PACK_FILE);
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
    // The `[rule]` table is open in the declaration: its keys are the catalog's codes and names.
    let described = PACK_FILE.key("rule").and_then(|k| k.doc).map(describe);
    if let Some(rule) = schema.pointer_mut("/properties/rule") {
        *rule = json!({
            "description": described,
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

/// The schema of a document whose root is `t`, draft 7 (which editors support).
fn root(t: &'static Table) -> Value {
    let mut defs = Defs::default();
    let mut schema = defs.object(t);
    if let Value::Object(o) = &mut schema {
        // Title, description, then the draft: the order the committed schemas were first written in.
        let description = o.shift_remove("description");
        o.insert("title".into(), json!(t.name));
        if let Some(d) = description {
            o.insert("description".into(), d);
        }
        o.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        o.insert("definitions".into(), Value::Object(defs.0));
    }
    schema
}

/// The definitions of one schema, in the order they are first referred to (a definition comes
/// before those its own schema refers to).
#[derive(Default)]
struct Defs(Map<String, Value>);

impl Defs {
    /// A reference to the definition `name`, built by `build` the first time.
    fn refer(&mut self, name: &str, build: impl FnOnce(&mut Defs) -> Value) -> Value {
        if !self.0.contains_key(name) {
            // Holds its place while the definitions it refers to are added after it.
            self.0.insert(name.to_string(), Value::Null);
            let schema = build(self);
            self.0.insert(name.to_string(), schema);
        }
        json!({ "$ref": format!("#/definitions/{name}") })
    }

    /// A table: its declared keys, `additionalProperties: false`, its required keys.
    fn object(&mut self, t: &'static Table) -> Value {
        let mut props = Map::new();
        for k in t.keys {
            props.insert(k.name.to_string(), self.property(k));
        }
        let mut o = Map::new();
        o.insert("type".into(), json!("object"));
        o.insert("additionalProperties".into(), json!(false));
        o.insert("properties".into(), Value::Object(props));
        let required: Vec<&str> = t
            .keys
            .iter()
            .filter(|k| k.required)
            .map(|k| k.name)
            .collect();
        if !required.is_empty() {
            o.insert("required".into(), json!(required));
        }
        // A key required where another is absent: one of the two is.
        let either: Vec<Value> = t
            .keys
            .iter()
            .filter_map(|k| k.unless.map(|other| (k.name, other)))
            .map(|(name, other)| {
                json!({ "anyOf": [{ "required": [other] }, { "required": [name] }] })
            })
            .collect();
        match either.len() {
            0 => {}
            1 => {
                if let Some(Value::Object(any)) = either.into_iter().next() {
                    o.extend(any);
                }
            }
            _ => {
                o.insert("allOf".into(), Value::Array(either));
            }
        }
        o.insert("description".into(), describe(t.doc));
        Value::Object(o)
    }

    fn property(&mut self, k: &Key) -> Value {
        let (mut o, reference) = match &k.ty {
            Ty::String => (json!({ "type": "string" }), false),
            Ty::Bool => (json!({ "type": "boolean" }), false),
            Ty::Number => (json!({ "type": "number", "format": "double" }), false),
            Ty::Int { bits, min } => (
                json!({ "type": "integer", "format": format!("uint{bits}"), "minimum": min }),
                false,
            ),
            Ty::Strings => (
                json!({ "type": "array", "items": { "type": "string" } }),
                false,
            ),
            Ty::Tables(t) => {
                let items = self.refer(t.name, |d| d.object(t));
                (json!({ "type": "array", "items": items }), false)
            }
            Ty::Open => (json!({ "type": "object" }), false),
            Ty::Id => (self.refer("Id", |_| id_schema()), true),
            Ty::Date => (self.refer("Date", |_| date_schema()), true),
            Ty::Text => (self.refer("Text", |_| text_schema()), true),
            Ty::Choice(c) => (self.refer(c.name, |_| choice_schema(c)), true),
            Ty::Table(t) => (self.refer(t.name, |d| d.object(t)), true),
            Ty::Counts(c) => (self.refer(c.name, |d| d.counts(c)), true),
        };
        if reference {
            // Draft 7 ignores the siblings of `$ref`: an optional or described reference is wrapped.
            if k.required && k.doc.is_none() {
                return o;
            }
            o = json!({ "allOf": [o] });
            if let (Some(doc), Value::Object(m)) = (k.doc, &mut o) {
                m.shift_insert(0, "description".into(), describe(doc));
            }
            return o;
        }
        if let (Some(doc), Value::Object(m)) = (k.doc, &mut o) {
            m.insert("description".into(), describe(doc));
        }
        o
    }

    /// Counts per key of a catalog: non-negative integers; a missing key is 0.
    fn counts(&mut self, c: &'static Counts) -> Value {
        let mut props = Map::new();
        for k in (c.keys)() {
            props.insert(k.into(), json!({ "type": "integer", "minimum": 0 }));
        }
        if let Some((key, extra)) = c.extra {
            let reference = self.refer(extra.name, |d| d.counts(extra));
            props.insert(key.into(), reference);
        }
        json!({
            "type": "object",
            "description": describe(c.doc),
            "properties": props,
            "additionalProperties": false,
        })
    }
}

/// A string that is one of a catalog's values, in either spelling.
fn choice_schema(c: &Catalog) -> Value {
    let mut o = json!({ "type": "string", "enum": (c.values)() });
    if let (Some(doc), Value::Object(m)) = (c.doc, &mut o) {
        m.insert("description".into(), describe(doc));
    }
    o
}

/// An id: `^[a-z0-9][a-z0-9_-]*$`, as `crate::load` checks it.
fn id_schema() -> Value {
    json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$" })
}

/// A TOML date: a string with `format: date`, as taplo hands dates to a validator.
fn date_schema() -> Value {
    let doc = Doc {
        en: "A TOML date, e.g. 2018-06-30.",
        zh: "TOML 日期，例如 2018-06-30。",
    };
    json!({ "type": "string", "format": "date", "description": describe(doc) })
}

/// A description in both languages, English first: editors show it as Markdown, one paragraph each.
fn describe(doc: Doc) -> Value {
    json!(format!("{}\n\n{}", doc.en, doc.zh))
}

/// Text shown to people: one string for both languages, or `{ zh, en }`.
fn text_schema() -> Value {
    json!({
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

/// The schema of one rule's table: `level`, `cite` and its parameters, typed after their defaults.
fn rule_table(
    meta: &crate::rules::RuleMeta,
    defaults: &toml::Table,
    optional: &toml::Table,
) -> Value {
    let mut props = Map::new();
    props.insert(
        "level".into(),
        json!({ "$ref": "#/definitions/Level", "description": msg::schema_rule_level(&meta.code, meta.level.as_str(), meta.level.zh()) }),
    );
    props.insert(
        "cite".into(),
        json!({
            "description": msg::schema_rule_cite(&meta.cite.zh, &meta.cite.en),
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
            "description": msg::schema_rule_scope(meta.scope.as_str()),
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
                json!(msg::schema_rule_param(&meta.code, &shown)),
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
                json!(msg::schema_rule_param_no_default(&meta.code)),
            );
        }
        props.insert(key.clone(), p);
    }
    json!({
        // Code and name only: the summary would make the committed schema stale at every doc edit.
        "description": msg::schema_rule(
            &meta.code,
            &meta.name,
            &meta.title.zh,
        ),
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

    /// Every description of the declarations exists in both languages.
    #[test]
    fn declarations_are_described_in_both_languages() {
        fn walk(t: &'static Table, seen: &mut Vec<&'static str>) {
            if seen.contains(&t.name) {
                return;
            }
            seen.push(t.name);
            let mut docs = vec![(t.name.to_string(), Some(t.doc))];
            for k in t.keys {
                docs.push((format!("{}.{}", t.name, k.name), k.doc));
                match &k.ty {
                    Ty::Table(s) | Ty::Tables(s) => walk(s, seen),
                    Ty::Choice(c) => docs.push((c.name.to_string(), c.doc)),
                    Ty::Counts(c) => docs.push((c.name.to_string(), Some(c.doc))),
                    _ => {}
                }
            }
            for (what, doc) in docs {
                if let Some(d) = doc {
                    assert!(!d.en.trim().is_empty(), "{what}: no English");
                    let chinese = d.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                    assert!(chinese, "{what}: no Chinese in {:?}", d.zh);
                }
            }
        }
        let mut seen = Vec::new();
        walk(&ORG_FILE, &mut seen);
        walk(&PACK_FILE, &mut seen);
        assert!(seen.len() > 15, "{seen:?}");
    }

    #[test]
    fn optional_fields_are_not_nullable() {
        let s = org_schema().to_string();
        assert!(!s.contains("null"), "{s}");
    }
}
