//! The tables of bianzhi's TOML files, each declared once: its keys, their types (or catalogs),
//! whether they are required, and what they mean in English and Chinese.
//!
//! The readers take their known keys from here (so an unknown key and its "did you mean" come from
//! the same list as the schema), the loader's getters check in debug builds that the key they read
//! is declared with their type, and `crate::schema` generates the JSON Schemas from the same
//! declarations. A new key in the org format is one line here and one read in `org.rs`.

/// A description in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Doc {
    pub en: &'static str,
    pub zh: &'static str,
}

/// Shorthand for a [`Doc`].
pub const fn d(en: &'static str, zh: &'static str) -> Option<Doc> {
    Some(Doc { en, zh })
}

/// A set of string values accepted for a key (a catalog of the model, a pack's levels).
pub struct Catalog {
    /// The schema definition's name; for a model catalog, its type name.
    pub name: &'static str,
    pub doc: Option<Doc>,
    /// Every accepted spelling, in catalog order (English, then Chinese, per value).
    pub values: fn() -> Vec<&'static str>,
}

/// A table of counts keyed by a catalog's values (`[quota]`, `[body.staff]`).
pub struct Counts {
    pub name: &'static str,
    pub doc: Doc,
    pub keys: fn() -> Vec<&'static str>,
    /// A sub-table read besides the counts (`posts` in `[quota]`).
    pub extra: Option<(&'static str, &'static Counts)>,
}

/// The type of a key's value.
pub enum Ty {
    String,
    /// A unit or body id: `^[a-z0-9][a-z0-9_-]*$`.
    Id,
    Bool,
    /// A plain local date.
    Date,
    /// An integer or a float, finite.
    Number,
    /// A non-negative integer of `bits` bits, at least `min`.
    Int {
        bits: u8,
        min: u64,
    },
    /// An array of strings.
    Strings,
    Choice(&'static Catalog),
    Table(&'static Table),
    /// An array of tables (`[[body]]`).
    Tables(&'static Table),
    Counts(&'static Counts),
    /// Text shown to people: one string for both languages, or `{ zh, en }`.
    Text,
    /// A table whose keys are not declared here (a pack's `[rule]`, filled from the rule catalog).
    Open,
}

/// One key of a table.
pub struct Key {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// Required where this other key of the table is absent (an abolition's `reason` without its
    /// `doc`); the reader reports it, the schema says it with `anyOf`.
    pub unless: Option<&'static str>,
    pub doc: Option<Doc>,
}

/// A table: its schema definition's name, what it is, and its keys in the order of the spec.
pub struct Table {
    /// The schema definition's name; for a document root, the schema's title.
    pub name: &'static str,
    pub doc: Doc,
    pub keys: &'static [Key],
}

impl Table {
    pub fn key(&'static self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    pub fn knows(&self, name: &str) -> bool {
        self.keys.iter().any(|k| k.name == name)
    }

    /// The key names, in declaration order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|k| k.name)
    }
}

/// A required key.
pub const fn req(name: &'static str, ty: Ty, doc: Option<Doc>) -> Key {
    Key {
        name,
        ty,
        required: true,
        unless: None,
        doc,
    }
}

/// An optional key.
pub const fn opt(name: &'static str, ty: Ty, doc: Option<Doc>) -> Key {
    Key {
        name,
        ty,
        required: false,
        unless: None,
        doc,
    }
}

/// A key required where the key `other` is absent.
pub const fn unless(name: &'static str, other: &'static str, ty: Ty, doc: Option<Doc>) -> Key {
    Key {
        name,
        ty,
        required: false,
        unless: Some(other),
        doc,
    }
}

/// A non-negative 32-bit count.
pub const U32: Ty = Ty::Int { bits: 32, min: 0 };
