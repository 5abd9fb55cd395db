//! Reading spanned TOML values into typed, spanned values, collecting every problem.
//!
//! Every getter takes the table, the key, and reports into [`Cx`] when the value is there but wrong;
//! it returns `None` both when the key is absent and when the value is wrong, so a caller only
//! decides what absence means (a default, `None`, or [`Cx::required`]). Unknown keys are checked
//! once, when a table is opened, against its declaration (`format.rs`).
//!
//! What `DeTable` spans cover (toml 1.2, checked by the tests in `tests.rs`):
//! - a table written with a header spans only the header text: `[unit]`, `[unit.zone]`;
//! - each element of an array of tables spans its own `[[body]]` header; the array value itself spans
//!   the first element's header;
//! - a table made by dotted keys (`quota.administrative = 1`) spans its key (`quota`);
//! - inline tables, arrays and scalars span the whole value, strings with their quotes;
//! - the document root spans 0..0, and keys are stored sorted, not in file order.

use std::rc::Rc;

use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

use super::decl::{Table, Ty};
use super::format;
use crate::base::diag::InputError;
use crate::base::i18n::{msg, Text};
use crate::base::source::{FileId, Sp, Span};
use crate::model::*;

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

pub(super) fn span_of<T>(s: &Spanned<T>) -> Span {
    s.span().into()
}

/// The problems of one file, in the order found.
pub(super) struct Cx {
    pub file: FileId,
    pub errors: Vec<InputError>,
}

/// A table being read: what to call it in messages, where it is, its entries and its declaration.
pub(super) struct Tbl<'a, 'i> {
    /// As the user sees it: `[unit]`, `[[body]]`, `[body.quota]`; empty for the document root.
    /// Shared: every element of an array of tables has the same name.
    pub name: Rc<str>,
    pub span: Span,
    pub entries: &'a DeTable<'i>,
    /// Its keys; `None` for a count table, whose keys are a catalog's values.
    pub decl: Option<&'static Table>,
}

/// The name of the sub-table `key` of a table named `parent`: `[unit]` + `zone` is `[unit.zone]`,
/// `[[body]]` + `quota` is `[body.quota]`.
fn child_name(parent: &str, key: &str) -> String {
    let inner = parent.trim_start_matches('[').trim_end_matches(']');
    if inner.is_empty() {
        format!("[{key}]")
    } else {
        format!("[{inner}.{key}]")
    }
}

impl<'a, 'i> Tbl<'a, 'i> {
    pub fn root(entries: &'a DeTable<'i>) -> Self {
        Tbl {
            name: Rc::from(""),
            span: Span::default(),
            entries,
            decl: Some(&format::ORG_FILE),
        }
    }

    /// In debug builds (every test): the getter reading `key` agrees with the declaration, so the
    /// schema and the known keys generated from it describe what is read.
    #[inline]
    fn declared(&self, key: &str, ty: impl Fn(&Ty) -> bool) {
        debug_assert!(
            self.decl
                .is_none_or(|d| d.key(key).is_some_and(|k| ty(&k.ty))),
            "`{key}` of {} is read with a type it is not declared with",
            self.name
        );
    }

    pub fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.entries.get(key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Entries in file order, since the map itself is sorted by key.
    pub fn in_order(&self) -> Vec<(&'a Spanned<std::borrow::Cow<'i, str>>, &'a Value<'i>)> {
        let mut all: Vec<_> = self.entries.iter().collect();
        all.sort_by_key(|(k, _)| k.span().start);
        all
    }
}

/// A catalog enum readable from either spelling.
pub(super) trait Choice: Sized + Copy + PartialEq {
    /// The type name, which is its catalog's name in the declarations.
    const NAME: &'static str;
    fn parse_str(s: &str) -> Option<Self>;
    fn spellings() -> Vec<String>;
}

macro_rules! choices {
    ($($t:ty),+ $(,)?) => {$(
        impl Choice for $t {
            const NAME: &'static str = stringify!($t);
            fn parse_str(s: &str) -> Option<Self> {
                <$t>::parse(s)
            }
            fn spellings() -> Vec<String> {
                <$t>::accepted()
            }
        }
    )+};
}

choices!(
    UnitKind,
    Status,
    Grade,
    Rank,
    Category,
    Establishment,
    BodyKind,
    Office,
    Duty,
    Region,
    ZoneMode,
    Assessor,
    PowerCategory,
    DepartureReason,
    DispatchedLine,
    TransferDirection,
);

/// The TOML type of a value, as named in messages.
pub(crate) fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(d) => match (d.date, d.time) {
            (Some(_), None) => "date",
            (Some(_), Some(_)) => "datetime",
            _ => "time",
        },
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

/// What to write instead of a value of the wrong type, where the value says what was meant.
fn type_hint(key: &str, v: &DeValue<'_>, expected: &str) -> Option<Text> {
    // The key as it is written in the file: a key in Chinese is quoted.
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let quoted;
    let key = if bare {
        key
    } else {
        quoted = format!("\"{key}\"");
        &quoted
    };
    match (expected, v) {
        ("boolean", DeValue::String(s)) => Some(msg::write_bool(key, yes_no(s))),
        ("date", DeValue::String(s)) => Some(msg::write_date(key, date_in(s).as_deref())),
        ("date", DeValue::Integer(i)) => Some(msg::write_date(key, date_in(i.as_str()).as_deref())),
        ("integer" | "number", DeValue::String(s)) => {
            // "5", or "5人" as a table of counts might say it.
            let n = s.trim().trim_end_matches(['人', '名', '个']);
            let number = if expected == "integer" {
                n.parse::<u64>().is_ok()
            } else {
                n.parse::<f64>().is_ok_and(f64::is_finite)
            };
            number.then(|| msg::write_unquoted(key, n))
        }
        ("string", DeValue::Integer(i)) => Some(msg::write_quoted(key, i.as_str())),
        ("string", DeValue::Float(f)) => Some(msg::write_quoted(key, f.as_str())),
        ("string", DeValue::Boolean(b)) => Some(msg::write_quoted(key, &b.to_string())),
        _ => None,
    }
}

/// A yes or a no written as text: 是/否, 有/无, "true"/"false" ….
fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "是" | "有" | "true" | "yes" | "y" | "√" | "持证" => Some(true),
        "否" | "无" | "false" | "no" | "n" | "×" | "未持证" => Some(false),
        _ => None,
    }
}

/// The date a text means, as TOML writes it: `2024年6月30日`, `2024/6/30`, `2024.06.30`,
/// `"2024-06-30"` and `20240630` all give `2024-06-30`.
fn date_in(s: &str) -> Option<String> {
    let groups: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let (y, m, d) = match groups.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (*y, *m, *d),
        [all] if all.len() == 8 => (&all[..4], &all[4..6], &all[6..]),
        _ => return None,
    };
    let (y, m, d): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Help for a TOML syntax error on `line`: Chinese punctuation where TOML needs ASCII, or a key in
/// Chinese without quotes.
pub(super) fn syntax_hint(line: &str) -> Option<Text> {
    const FULL_WIDTH: &[(&[char], &str, &str)] = &[
        (&['“', '”'], "“ ”", "\" \""),
        (&['‘', '’'], "‘ ’", "\" \""),
        (&['＝'], "＝", "="),
        (&['［', '］'], "［ ］", "[ ]"),
        (&['【', '】'], "【 】", "[ ]"),
        (&['｛', '｝'], "｛ ｝", "{ }"),
        (&['，'], "，", ","),
        (&['＃'], "＃", "#"),
    ];
    // Only the part before a comment: Chinese text in a comment is fine.
    let mut quote = None;
    let end = line
        .char_indices()
        .find(|&(_, c)| match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                false
            }
            (Some(q), c) if c == q => {
                quote = None;
                false
            }
            (None, '#') => true,
            _ => false,
        })
        .map_or(line.len(), |(i, _)| i);
    let code = &line[..end];
    for (chars, found, write) in FULL_WIDTH {
        if code.contains(*chars) {
            return Some(msg::fullwidth_punctuation(found, write));
        }
    }
    let (key, _) = code.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()
        && !key.is_ascii()
        && !key.starts_with(['"', '\'', '['])
        && !key.contains(['"', '\'']))
    .then(|| msg::quote_chinese_key(key))
}

/// Unit and body ids: `^[a-z0-9][a-z0-9_-]*$`.
pub(super) fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

pub(super) use crate::base::i18n::common::closest;

/// "did you mean" for a catalog value: the official term a synonym or short form stands for
/// (事业机构 → 事业单位, 副科级 → 副科, [`crate::model::SYNONYMS`]), else the closest spelling.
fn suggest<'a>(value: &str, accepted: &'a [String]) -> Option<&'a str> {
    match synonym(value, accepted) {
        Some(term) => accepted
            .iter()
            .flat_map(|a| a.split('/'))
            .find(|s| *s == term),
        None => closest(value, accepted.iter().flat_map(|a| a.split('/'))),
    }
}

impl Cx {
    pub fn new(file: FileId) -> Self {
        Cx {
            file,
            errors: Vec::new(),
        }
    }

    pub fn error(&mut self, span: Span, message: Text) {
        self.errors.push(InputError::at(self.file, span, message));
    }

    pub fn error_with_help(&mut self, span: Span, message: Text, help: Text) {
        self.errors
            .push(InputError::at(self.file, span, message).with_help(help));
    }

    /// Reports every key of `t` not declared, suggesting the closest declared one.
    pub fn check_keys(&mut self, t: &Tbl<'_, '_>) {
        let Some(decl) = t.decl else {
            return;
        };
        // Almost every table has only known keys: find that out before putting keys in file order.
        if t.entries.keys().all(|k| decl.knows(k.get_ref())) {
            return;
        }
        for (key, _) in t.in_order() {
            if decl.knows(key.get_ref()) {
                continue;
            }
            let help = match closest(key.get_ref(), decl.names()) {
                Some(c) => msg::did_you_mean(c),
                None => msg::expected_keys(&decl.names().collect::<Vec<_>>()),
            };
            self.error_with_help(span_of(key), msg::unknown_key(key.get_ref(), &t.name), help);
        }
    }

    /// A wrong-type error for `key` of `t`, at the value, with what to write where the value
    /// says it (`"是"` for a boolean, `"2024年6月30日"` for a date).
    fn wrong_type(&mut self, t: &Tbl<'_, '_>, key: &str, v: &Value<'_>, expected: &str) {
        let found = msg::toml_type(type_name(v.get_ref()));
        let message = msg::wrong_type(key, &t.name, &msg::toml_type(expected), &found);
        match type_hint(key, v.get_ref(), expected) {
            Some(help) => self.error_with_help(span_of(v), message, help),
            None => self.error(span_of(v), message),
        }
    }

    /// Reads `key` through `read`, and reports a missing key at the table when it is absent.
    pub fn required<'a, 'i, T>(
        &mut self,
        t: &Tbl<'a, 'i>,
        key: &str,
        read: impl FnOnce(&mut Self, &Tbl<'a, 'i>, &str) -> Option<T>,
    ) -> Option<T> {
        debug_assert!(
            t.decl
                .is_none_or(|d| d.key(key).is_some_and(|k| k.required)),
            "`{key}` of {} is read as required but not declared so",
            t.name
        );
        if !t.has(key) {
            self.error(t.span, msg::missing_key(key, &t.name));
            return None;
        }
        read(self, t, key)
    }

    /// The sub-table at `key`, with its keys checked against its declaration.
    pub fn table<'a, 'i>(&mut self, t: &Tbl<'a, 'i>, key: &str) -> Option<Tbl<'a, 'i>> {
        let decl = t.decl.and_then(|d| d.key(key)).and_then(|k| match k.ty {
            Ty::Table(sub) => Some(sub),
            _ => None,
        });
        debug_assert!(
            decl.is_some(),
            "`{key}` of {} is not a declared table",
            t.name
        );
        let mut sub = self.sub_table(t, key)?;
        sub.decl = decl;
        self.check_keys(&sub);
        Some(sub)
    }

    /// The count table at `key` (its keys are a catalog's values, checked by [`Cx::counts_of`]).
    pub fn counts_table<'a, 'i>(&mut self, t: &Tbl<'a, 'i>, key: &str) -> Option<Tbl<'a, 'i>> {
        t.declared(key, |ty| matches!(ty, Ty::Counts(_)));
        self.sub_table(t, key)
    }

    fn sub_table<'a, 'i>(&mut self, t: &Tbl<'a, 'i>, key: &str) -> Option<Tbl<'a, 'i>> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Table(entries) => Some(Tbl {
                name: Rc::from(child_name(&t.name, key)),
                span: span_of(v),
                entries,
                decl: None,
            }),
            _ => {
                self.wrong_type(t, key, v, "table");
                None
            }
        }
    }

    /// The elements of the array of tables at `key` (`[[body]]`), each with its keys checked.
    pub fn array_of_tables<'a, 'i>(&mut self, t: &Tbl<'a, 'i>, key: &str) -> Vec<Tbl<'a, 'i>> {
        let decl = t.decl.and_then(|d| d.key(key)).and_then(|k| match k.ty {
            Ty::Tables(sub) => Some(sub),
            _ => None,
        });
        debug_assert!(
            decl.is_some(),
            "`{key}` of {} is not a declared array of tables",
            t.name
        );
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        let items = match v.get_ref() {
            DeValue::Array(items) => items,
            DeValue::Table(_) => {
                self.error(span_of(v), msg::not_array_of_tables(key));
                return Vec::new();
            }
            _ => {
                self.wrong_type(t, key, v, "array");
                return Vec::new();
            }
        };
        let name: Rc<str> = Rc::from(format!("[[{key}]]"));
        let mut tables = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(entries) => {
                    let element = Tbl {
                        name: Rc::clone(&name),
                        span: span_of(item),
                        entries,
                        decl,
                    };
                    self.check_keys(&element);
                    tables.push(element);
                }
                _ => self.wrong_type(t, key, item, "table"),
            }
        }
        tables
    }

    pub fn string(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<String>> {
        t.declared(key, |ty| matches!(ty, Ty::String | Ty::Id));
        self.str(t, key)
            .map(|(s, span)| Sp::new(s.to_string(), span))
    }

    /// A string value as it stands in the parsed table, without copying it.
    fn str<'a>(&mut self, t: &Tbl<'a, '_>, key: &str) -> Option<(&'a str, Span)> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.as_ref(), span_of(v))),
            _ => {
                self.wrong_type(t, key, v, "string");
                None
            }
        }
    }

    /// A string that identifies something (a person id, a power code): free text, but not empty.
    pub fn nonempty(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<String>> {
        let s = self.string(t, key)?;
        if s.value.trim().is_empty() {
            self.error(s.span, msg::empty_string(key, &t.name));
            return None;
        }
        Some(s)
    }

    /// A unit or body id, following the id pattern.
    pub fn id(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<String>> {
        t.declared(key, |ty| matches!(ty, Ty::Id));
        let s = self.string(t, key)?;
        if !is_id(&s.value) {
            self.error_with_help(
                s.span,
                msg::bad_id(&s.value, key, &t.name),
                msg::id_pattern(),
            );
            return None;
        }
        Some(s)
    }

    pub fn boolean(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<bool>> {
        t.declared(key, |ty| matches!(ty, Ty::Bool));
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Sp::new(*b, span_of(v))),
            _ => {
                self.wrong_type(t, key, v, "boolean");
                None
            }
        }
    }

    /// A plain local date: a datetime with a time or an offset is rejected, not truncated.
    pub fn date(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<Date>> {
        t.declared(key, |ty| matches!(ty, Ty::Date));
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => Some(Sp::new(
                    Date {
                        year: d.year,
                        month: d.month,
                        day: d.day,
                    },
                    span_of(v),
                )),
                _ => {
                    self.error(span_of(v), msg::not_plain_date(key, &t.name));
                    None
                }
            },
            _ => {
                self.wrong_type(t, key, v, "date");
                None
            }
        }
    }

    /// A catalog value in either spelling.
    pub fn choice<C: Choice>(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<C>> {
        t.declared(key, |ty| matches!(ty, Ty::Choice(c) if c.name == C::NAME));
        let (value, span) = self.str(t, key)?;
        if let Some(c) = C::parse_str(value) {
            return Some(Sp::new(c, span));
        }
        let accepted = C::spellings();
        let message = msg::unknown_value(value, key, &t.name, &accepted);
        if key == "establishment" && says_cs_managed(value) {
            self.error_with_help(span, message, msg::write_cs_managed());
            return None;
        }
        match suggest(value, &accepted) {
            Some(c) => self.error_with_help(span, message, msg::did_you_mean(c)),
            None => self.error(span, message),
        }
        None
    }

    /// An array of strings; a wrong element is reported and left out.
    pub fn strings(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<Vec<Sp<String>>>> {
        t.declared(key, |ty| matches!(ty, Ty::Strings));
        let v = t.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(t, key, v, "array");
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Sp::new(s.to_string(), span_of(item))),
                _ => self.wrong_type(t, key, item, "string"),
            }
        }
        Some(Sp::new(out, span_of(v)))
    }

    /// A non-negative integer no larger than `max`.
    pub fn count(&mut self, t: &Tbl<'_, '_>, key: &str, max: u64) -> Option<Sp<u64>> {
        let bits = if max == u64::MAX { 64 } else { 32 };
        t.declared(
            key,
            |ty| matches!(ty, Ty::Int { bits: b, .. } if *b == bits),
        );
        let v = t.get(key)?;
        let DeValue::Integer(i) = v.get_ref() else {
            self.wrong_type(t, key, v, "integer");
            return None;
        };
        let span = span_of(v);
        // Too many digits for i128 is still a number, just a huge one: report it as too large.
        match i128::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if n < 0 => self.error(span, msg::negative(key, &t.name)),
            Ok(n) => match u64::try_from(n) {
                Ok(n) if n <= max => return Some(Sp::new(n, span)),
                _ => self.error(span, msg::too_large(key, &t.name, max)),
            },
            Err(_) if i.as_str().starts_with('-') => self.error(span, msg::negative(key, &t.name)),
            Err(_) => self.error(span, msg::too_large(key, &t.name, max)),
        }
        None
    }

    pub fn count_u32(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<u32>> {
        let n = self.count(t, key, u64::from(u32::MAX))?;
        u32::try_from(n.value).ok().map(|v| Sp::new(v, n.span))
    }

    /// An integer or a float, as a finite `f64`.
    pub fn number(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<Sp<f64>> {
        t.declared(key, |ty| matches!(ty, Ty::Number));
        let v = t.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => {
                self.wrong_type(t, key, v, "number");
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() => Some(Sp::new(n, span_of(v))),
            _ => {
                self.error(span_of(v), msg::not_finite(key, &t.name));
                None
            }
        }
    }

    /// The count table at `key` of `owner` (`quota`, `posts`, `staff`); absent: empty at the owner.
    pub fn counts<K: Choice>(&mut self, owner: &Tbl<'_, '_>, key: &str) -> Counts<K> {
        match self.counts_table(owner, key) {
            Some(t) => self.counts_of(&t, &[]),
            None => Counts::absent(owner.span),
        }
    }

    /// The entries of a count table whose keys are catalog values, except the keys in `other`
    /// (sub-tables the caller reads itself, like `posts` in `[quota]`).
    pub fn counts_of<K: Choice>(&mut self, t: &Tbl<'_, '_>, other: &[&str]) -> Counts<K> {
        let mut counts = Counts {
            span: t.span,
            present: true,
            entries: Vec::new(),
        };
        // Every key read so far, valid count or not, so a repeat in the other spelling is caught.
        let mut seen: Vec<(K, &str, Span)> = Vec::new();
        for (key, _) in t.in_order() {
            let name: &str = key.get_ref();
            if other.contains(&name) {
                continue;
            }
            let Some(k) = K::parse_str(name) else {
                let mut accepted = K::spellings();
                accepted.extend(other.iter().map(|o| o.to_string()));
                let message = msg::unknown_count_key(name, &t.name, &accepted);
                match suggest(name, &accepted) {
                    Some(c) => self.error_with_help(span_of(key), message, msg::did_you_mean(c)),
                    None => self.error(span_of(key), message),
                }
                continue;
            };
            let count = self.count_u32(t, name);
            if let Some(&(_, first, first_span)) = seen.iter().find(|(f, _, _)| *f == k) {
                let message = msg::repeated_count_key(name, &t.name, first);
                let e = InputError::at(self.file, span_of(key), message)
                    .with_label(first_span, msg::first_given_here());
                self.errors.push(e);
                continue;
            }
            seen.push((k, name, span_of(key)));
            if let Some(count) = count {
                counts.entries.push((Sp::new(k, span_of(key)), count));
            }
        }
        counts
    }
}
