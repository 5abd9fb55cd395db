//! Reading post titles (职务名称), as BZ204's documentation says: the one reader that BZ201, BZ202,
//! BZ204, BZ206 and BZ305 share, so that a title means the same to every rule.
//!
//! A `title` (and each `concurrent` entry) is what a town's 实名制 system exports: one title
//! (`"副镇长"`), several joined (`"党委副书记、镇长"`), a title naming its body
//! (`"综合行政执法局局长"`), or a job label (`"驾驶员"`). It is split into parts; each part is looked
//! up in the titles catalog as written, else less a leading unit, zone or 镇/乡/街道 name, else less
//! the longest leading body name or alias (the rest then read in that body's context). The catalog
//! gives each title a set of grades, some relative to the unit or the body (`unit`, `body-1`), and
//! where it may be used (unit kinds, or a merged zone).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::source::{SourceFile, Sp, Span};
use crate::model::{Body, Grade, OrgFile, Person, UnitKind, ZoneMode};

/// Where a title part ends: 、 ， , ； ; / and 兼 ("党委书记兼人大主席").
const SEPARATORS: &[char] = &['、', '，', ',', '；', ';', '/', '兼'];

/// The default `leader_suffixes`: a part ending with one of them is checked even for a person
/// without a grade; other parts of such a person are job labels.
pub const LEADER_SUFFIXES: &[&str] = &["书记", "长", "主任", "主席", "委员", "助理"];

/// Leading names a part may carry before its title: 平望镇镇长, 镇党委书记.
const PLACE_PREFIXES: &[&str] = &["街道", "镇", "乡"];

/// One token of a catalog entry's `grades`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeToken {
    Grade(Grade),
    /// Held without a leadership grade.
    None,
    /// The unit's grade.
    Unit,
    /// The grade of the body the title names (else the body sat in; the unit's for the team).
    Body,
    /// One below the unit's grade, not below 股级.
    UnitBelow,
    /// One below the body's grade, not below 股级.
    BodyBelow,
}

impl GradeToken {
    pub fn parse(s: &str) -> Option<GradeToken> {
        Some(match s {
            "none" | "无" => GradeToken::None,
            "unit" => GradeToken::Unit,
            "body" => GradeToken::Body,
            "unit-1" => GradeToken::UnitBelow,
            "body-1" => GradeToken::BodyBelow,
            other => GradeToken::Grade(Grade::parse(other)?),
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            GradeToken::Grade(g) => g.zh(),
            GradeToken::None => "none",
            GradeToken::Unit => "unit",
            GradeToken::Body => "body",
            GradeToken::UnitBelow => "unit-1",
            GradeToken::BodyBelow => "body-1",
        }
    }

    fn accepted() -> String {
        format!(
            "{}, unit, body, unit-1, body-1 or none",
            Grade::accepted().join(", ")
        )
    }
}

/// Where a title may be used: a kind of unit, or a unit with a merged zone (区镇合一).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    Kind(UnitKind),
    Zone,
}

impl Where {
    pub fn parse(s: &str) -> Option<Where> {
        match s {
            "zone" => Some(Where::Zone),
            other => UnitKind::parse(other).map(Where::Kind),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Where::Kind(k) => k.en(),
            Where::Zone => "zone",
        }
    }
}

/// One title of the catalog: the grades it may be held at, and where it may be used (anywhere
/// when empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleEntry {
    pub grades: Vec<GradeToken>,
    pub places: Vec<Where>,
}

/// The approved titles (职务名称).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleCatalog(pub BTreeMap<String, TitleEntry>);

impl TitleCatalog {
    pub fn get(&self, title: &str) -> Option<&TitleEntry> {
        self.0.get(title)
    }

    /// This catalog with `more` added, its entries replacing those of the same title.
    pub fn with(mut self, more: &TitleCatalog) -> TitleCatalog {
        for (k, v) in &more.0 {
            self.0.insert(k.clone(), v.clone());
        }
        self
    }

    /// The default (national) catalog: the table in BZ204's documentation.
    pub fn national() -> TitleCatalog {
        use GradeToken as T;
        use UnitKind::{Subdistrict, Town, Township};
        let g = T::Grade;
        let (s, ds, ul) = (
            g(Grade::Section),
            g(Grade::DeputySection),
            g(Grade::UnitLevel),
        );
        let town = &[Where::Kind(Town), Where::Kind(Township)][..];
        let only_town = &[Where::Kind(Town)][..];
        let only_township = &[Where::Kind(Township)][..];
        let zone_or_sub = &[Where::Kind(Subdistrict), Where::Zone][..];
        let sub = &[Where::Kind(Subdistrict)][..];
        let zone = &[Where::Zone][..];
        let any = &[][..];
        let groups: &[(&[&str], &[Where], &[GradeToken])] = &[
            (&["党委书记", "人大主席"], town, &[T::Unit, s]),
            (&["镇长"], only_town, &[T::Unit, s]),
            (&["乡长"], only_township, &[T::Unit, s]),
            (&["代镇长"], only_town, &[T::Unit, s, ds]),
            (&["代乡长"], only_township, &[T::Unit, s, ds]),
            (&["党委副书记"], town, &[T::Unit, T::UnitBelow, ds]),
            (&["副镇长"], only_town, &[T::UnitBelow, ds]),
            (&["副乡长"], only_township, &[T::UnitBelow, ds]),
            (&["人大副主席"], town, &[T::UnitBelow, ds]),
            (
                &[
                    "党委委员",
                    "纪委书记",
                    "监察办公室主任",
                    "组织委员",
                    "宣传委员",
                    "统战委员",
                    "政法委员",
                    "武装部长",
                    "武装部部长",
                    "人武部部长",
                    "人武部长",
                    "监察办主任",
                ],
                any,
                &[T::UnitBelow, ds],
            ),
            (&["党工委书记"], zone_or_sub, &[T::Unit, s]),
            (&["党工委副书记"], zone_or_sub, &[T::Unit, T::UnitBelow, ds]),
            (
                &["党工委委员", "纪工委书记"],
                zone_or_sub,
                &[T::UnitBelow, ds],
            ),
            (&["办事处主任"], sub, &[T::Unit, s]),
            (&["办事处副主任"], sub, &[T::UnitBelow, ds]),
            (&["人大工委主任"], sub, &[T::Unit, T::UnitBelow, ds]),
            (&["人大工委副主任"], sub, &[T::UnitBelow, ds, T::None]),
            (&["管委会主任"], zone, &[T::Unit, s]),
            (&["管委会副主任"], zone, &[T::UnitBelow, ds]),
            (
                &["局长", "主任", "所长", "站长", "科长", "队长", "大队长"],
                any,
                &[T::Body],
            ),
            (
                &[
                    "副局长",
                    "副主任",
                    "副所长",
                    "副站长",
                    "副科长",
                    "副队长",
                    "副大队长",
                ],
                any,
                &[T::BodyBelow],
            ),
            (
                &["中队长", "副中队长", "股长", "副股长", "组长", "组织员"],
                any,
                &[ul, T::None],
            ),
            (
                &["纪委副书记", "工会主席", "团委书记", "妇联主席"],
                any,
                &[ds, ul, T::None],
            ),
        ];
        let mut out = BTreeMap::new();
        for (titles, places, grades) in groups {
            for t in *titles {
                out.insert(
                    (*t).to_string(),
                    TitleEntry {
                        grades: grades.to_vec(),
                        places: places.to_vec(),
                    },
                );
            }
        }
        TitleCatalog(out)
    }
}

impl Serialize for TitleEntry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        let grades: Vec<&str> = self.grades.iter().map(|g| g.as_str()).collect();
        m.serialize_entry("grades", &grades)?;
        if !self.places.is_empty() {
            let places: Vec<&str> = self.places.iter().map(|w| w.as_str()).collect();
            m.serialize_entry("where", &places)?;
        }
        m.end()
    }
}

impl Serialize for TitleCatalog {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter())
    }
}

impl<'de> Deserialize<'de> for TitleCatalog {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<String, toml::Value>::deserialize(d)?;
        let mut out = BTreeMap::new();
        for (title, v) in raw {
            let entry = read_entry(&title, &v).map_err(serde::de::Error::custom)?;
            out.insert(title, entry);
        }
        Ok(TitleCatalog(out))
    }
}

/// One catalog entry: `{ grades = [...], where = [...] }`, or the version-1 string form (one
/// grade token: `"股级"`, `"none"`).
fn read_entry(title: &str, v: &toml::Value) -> Result<TitleEntry, String> {
    let token = |s: &str| {
        GradeToken::parse(s).ok_or_else(|| {
            format!(
                "unknown grade `{s}` for title `{title}`; expected one of {}",
                GradeToken::accepted()
            )
        })
    };
    let strings = |key: &str, v: &toml::Value| -> Result<Vec<String>, String> {
        let items = match v {
            toml::Value::Array(a) => a.as_slice(),
            toml::Value::String(s) => return Ok(vec![s.clone()]),
            _ => {
                return Err(format!(
                    "title `{title}`: `{key}` must be an array of strings"
                ))
            }
        };
        items
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("title `{title}`: `{key}` must be an array of strings"))
            })
            .collect()
    };
    match v {
        toml::Value::String(s) => Ok(TitleEntry {
            grades: vec![token(s)?],
            places: Vec::new(),
        }),
        toml::Value::Table(t) => {
            let mut grades = None;
            let mut places = Vec::new();
            for (k, x) in t {
                match k.as_str() {
                    "grades" => {
                        grades = Some(
                            strings(k, x)?
                                .iter()
                                .map(|s| token(s))
                                .collect::<Result<Vec<_>, _>>()?,
                        )
                    }
                    "where" => {
                        places = strings(k, x)?
                            .iter()
                            .map(|s| {
                                Where::parse(s).ok_or_else(|| {
                                    format!(
                                        "unknown place `{s}` in `where` of title `{title}`; expected town, township, subdistrict, county or zone"
                                    )
                                })
                            })
                            .collect::<Result<Vec<_>, _>>()?
                    }
                    other => {
                        return Err(format!(
                            "title `{title}`: unknown key `{other}`; expected `grades` or `where`"
                        ))
                    }
                }
            }
            match grades {
                Some(g) if !g.is_empty() => Ok(TitleEntry { grades: g, places }),
                Some(_) => Err(format!("title `{title}`: `grades` is empty")),
                None => Err(format!("title `{title}`: `grades` is missing")),
            }
        }
        _ => Err(format!(
            "title `{title}`: expected a grade (\"股级\", \"none\") or a table `{{ grades = [...], where = [...] }}`"
        )),
    }
}

/// The JSON Schema of a title catalog (`titles`, `add_titles`): each title takes
/// `{ grades = [...], where = [...] }`, or the version-1 string form (one grade token).
pub fn catalog_schema() -> serde_json::Value {
    let mut tokens: Vec<String> = Grade::ALL
        .iter()
        .flat_map(|g| [g.en().to_string(), g.zh().to_string()])
        .collect();
    tokens.extend(["none", "无", "unit", "body", "unit-1", "body-1"].map(String::from));
    let mut places: Vec<String> = UnitKind::ALL
        .iter()
        .flat_map(|k| [k.en().to_string(), k.zh().to_string()])
        .collect();
    places.push("zone".to_string());
    serde_json::json!({
        "type": "object",
        "additionalProperties": {
            "oneOf": [
                { "type": "string", "enum": tokens },
                {
                    "type": "object",
                    "properties": {
                        "grades": { "type": "array", "minItems": 1, "items": { "type": "string", "enum": tokens } },
                        "where": { "type": "array", "items": { "type": "string", "enum": places } }
                    },
                    "required": ["grades"],
                    "additionalProperties": false
                }
            ]
        }
    })
}

/// The settings every title reader uses (`unauthorized-title`'s `titles`, `add_titles` and
/// `leader_suffixes`), shared with the other rules through [`crate::rules::Shared`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Titles {
    pub catalog: TitleCatalog,
    pub leader_suffixes: Vec<String>,
}

impl Default for Titles {
    fn default() -> Self {
        Titles {
            catalog: TitleCatalog::national(),
            leader_suffixes: LEADER_SUFFIXES.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// A set of grades, `none` (no leadership grade) included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GradeSet {
    /// Bit `i`: `Grade::ALL[i]`; bit 5: none.
    bits: u8,
}

const NONE_BIT: u8 = 1 << 5;

impl GradeSet {
    fn bit(g: Option<Grade>) -> u8 {
        match g {
            Some(g) => 1 << g.index(),
            None => NONE_BIT,
        }
    }

    /// Adds a grade. 股级 is a body grade, not a leadership grade (公务员法 第十八条): a set that
    /// admits 股级 admits `none` too.
    pub fn insert(&mut self, g: Option<Grade>) {
        self.bits |= Self::bit(g);
        if g == Some(Grade::UnitLevel) {
            self.bits |= NONE_BIT;
        }
    }

    pub fn contains(self, g: Option<Grade>) -> bool {
        self.bits & Self::bit(g) != 0
    }

    pub fn union(self, other: GradeSet) -> GradeSet {
        GradeSet {
            bits: self.bits | other.bits,
        }
    }

    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The grades in the set, highest first, then none.
    pub fn members(self) -> impl Iterator<Item = Option<Grade>> {
        Grade::ALL
            .iter()
            .map(|g| Some(*g))
            .chain([None])
            .filter(move |g| self.contains(*g))
    }

    /// The lowest grade of the set, when the set has no `none` (which has no floor).
    pub fn floor(self) -> Option<Grade> {
        if self.contains(None) {
            return None;
        }
        self.members().flatten().last()
    }

    /// The highest grade of the set not above `cap`.
    pub fn highest_not_above(self, cap: Grade) -> Option<Grade> {
        self.members().flatten().find(|g| !g.above(cap))
    }

    /// "section or deputy_section" / "正科或副科". Where `none` is in the set, 股级 goes without
    /// saying: a person graded 股级 holds no leadership grade.
    pub fn describe(self) -> (String, String) {
        let shown = || {
            self.members()
                .filter(move |g| !(self.contains(None) && *g == Some(Grade::UnitLevel)))
        };
        let en: Vec<&str> = shown().map(grade_en).collect();
        let zh: Vec<&str> = shown().map(grade_zh).collect();
        (en.join(" or "), zh.join("或"))
    }
}

/// A grade's name in messages, none included.
pub fn grade_en(g: Option<Grade>) -> &'static str {
    // Every grade has its English word written out in the catalog ("section level").
    g.map_or("no leadership grade", |g| match g.word() {
        std::borrow::Cow::Borrowed(w) => w,
        std::borrow::Cow::Owned(_) => g.en(),
    })
}

pub fn grade_zh(g: Option<Grade>) -> &'static str {
    g.map_or("无领导职务层次", Grade::zh)
}

/// One grade lower, not below 股级.
fn one_below(g: Grade) -> Grade {
    Grade::ALL
        .get(g.index() + 1)
        .copied()
        .unwrap_or(Grade::UnitLevel)
}

/// One part of a person's `title` or of a `concurrent` entry.
#[derive(Debug, Clone)]
pub struct Part<'a> {
    /// Trimmed, a trailing （…）/(…) dropped.
    pub text: &'a str,
    /// The part within the title where the file writes it plainly, else the whole entry.
    pub span: Span,
    /// From `concurrent` (兼任): it takes no post.
    pub concurrent: bool,
    /// Held on secondment (挂职): the person has `seconded = true`, or the part ends in （挂职）.
    /// It takes no post, does not count in the leadership team, and the grade is not compared
    /// with it.
    pub seconded: bool,
}

impl fmt::Display for Part<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

/// A part found in the catalog.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    /// The catalog's title (`局长` for 综合行政执法局局长).
    pub title: &'a str,
    pub entry: &'a TitleEntry,
    /// The body the part names by its leading name or alias.
    pub body: Option<&'a Body>,
}

/// Splits a title into its parts: (byte offset in `s`, part). A mark inside brackets does not
/// split: `局长（兼）` is one part, its note then dropped.
pub fn split(s: &str) -> Vec<(usize, &str)> {
    split_marked(s)
        .into_iter()
        .map(|(offset, part, _)| (offset, part))
        .collect()
}

/// [`split`], with whether each part was marked （挂职）.
fn split_marked(s: &str) -> Vec<(usize, &str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for (i, c) in s.char_indices().chain([(s.len(), ',')]) {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let end = i == s.len();
        if !end && (depth > 0 || !SEPARATORS.contains(&c)) {
            continue;
        }
        let raw = &s[start..i];
        start = i + c.len_utf8();
        let trimmed = strip_note(raw.trim());
        if trimmed.is_empty() {
            continue;
        }
        let offset = trimmed.as_ptr() as usize - s.as_ptr() as usize;
        out.push((offset, trimmed, marked_seconded(raw)));
    }
    out
}

/// Whether the part as written (before its note is dropped) ends in （挂职）/(挂职): held on
/// secondment.
fn marked_seconded(raw: &str) -> bool {
    let raw = raw.trim();
    ["（挂职）", "(挂职)", "（挂职)", "(挂职）"]
        .iter()
        .any(|m| raw.ends_with(m))
}

/// Drops a trailing note in brackets: `局长（兼）`, `副镇长(挂职)`.
fn strip_note(s: &str) -> &str {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(body) = s.strip_suffix(close) {
            if let Some(at) = body.rfind(open) {
                return s[..at].trim_end();
            }
        }
    }
    s
}

/// Reads the titles of one org file.
pub struct Reader<'a> {
    pub titles: &'a Titles,
    pub org: &'a OrgFile,
    source: &'a SourceFile,
}

impl<'a> Reader<'a> {
    pub fn new(titles: &'a Titles, org: &'a OrgFile, source: &'a SourceFile) -> Self {
        Reader {
            titles,
            org,
            source,
        }
    }

    /// The parts of `title`, then those of each `concurrent` entry.
    pub fn parts(&self, p: &'a Person) -> Vec<Part<'a>> {
        let mut out = self.title_parts(p);
        for c in &p.concurrent {
            self.push_parts(c, true, p.is_seconded(), &mut out);
        }
        out
    }

    /// The parts of `title` alone (the post the person sits in).
    pub fn title_parts(&self, p: &'a Person) -> Vec<Part<'a>> {
        let mut out = Vec::new();
        if let Some(t) = &p.title {
            self.push_parts(t, false, p.is_seconded(), &mut out);
        }
        out
    }

    /// Whether the person takes no post where they sit: seconded (挂职) as a whole, or every part of
    /// their `title` held on secondment.
    pub fn takes_no_post(&self, p: &'a Person) -> bool {
        if p.is_seconded() {
            return true;
        }
        let parts = self.title_parts(p);
        !parts.is_empty() && parts.iter().all(|x| x.seconded)
    }

    fn push_parts(
        &self,
        entry: &'a Sp<String>,
        concurrent: bool,
        seconded: bool,
        out: &mut Vec<Part<'a>>,
    ) {
        // Spans point into the part where the source writes the string as it reads (no escapes).
        let raw = self.source.slice(entry.span);
        let plain = raw.len() == entry.value.len() + 2
            && (raw.starts_with('"') || raw.starts_with('\''))
            && raw.get(1..raw.len() - 1) == Some(entry.value.as_str());
        for (offset, text, marked) in split_marked(&entry.value) {
            let span = if plain {
                let start = entry.span.start + 1 + offset;
                Span::new(start, start + text.len())
            } else {
                entry.span
            };
            out.push(Part {
                text,
                span,
                concurrent,
                seconded: seconded || marked,
            });
        }
    }

    /// Whether a part is checked: every part of a person holding a leadership grade (股级 is none),
    /// else parts ending with
    /// one of `leader_suffixes`. The rest are job labels (驾驶员, 窗口工作人员).
    pub fn is_checked(&self, p: &Person, part: &Part<'_>) -> bool {
        p.leadership_grade().is_some()
            || self
                .titles
                .leader_suffixes
                .iter()
                .any(|s| part.text.ends_with(s.as_str()))
    }

    /// The names a part may stand for: as written, then less a leading unit or zone name, 街道, 镇
    /// or 乡 (平望镇镇长 → 镇长).
    pub fn names<'p>(&self, part: &'p str) -> Vec<&'p str> {
        let unit = &self.org.unit;
        let mut prefixes: Vec<&str> = vec![unit.name.value.as_str()];
        if let Some(name) = unit.zone.as_ref().and_then(|z| z.name.as_ref()) {
            prefixes.push(name.value.as_str());
        }
        prefixes.extend(PLACE_PREFIXES);
        let mut out = vec![part];
        for pre in prefixes {
            if let Some(rest) = part.strip_prefix(pre).filter(|r| !r.is_empty()) {
                if !out.contains(&rest) {
                    out.push(rest);
                }
            }
        }
        out
    }

    /// Whether a part is (or, less a place name, is) one of `titles`.
    pub fn is_one_of(&self, part: &str, titles: &[String]) -> bool {
        self.names(part)
            .iter()
            .any(|n| titles.iter().any(|t| t == n))
    }

    /// The body whose name or alias is the longest leading prefix of `s`, with the rest (not empty).
    pub fn named_body<'p>(&self, s: &'p str) -> Option<(&'a Body, &'p str)> {
        let mut best: Option<(&'a Body, usize)> = None;
        for b in &self.org.bodies {
            for name in body_names(b) {
                if name.is_empty() || name.len() >= s.len() || !s.starts_with(name) {
                    continue;
                }
                if best.is_none_or(|(_, len)| name.len() > len) {
                    best = Some((b, name.len()));
                }
            }
        }
        best.map(|(b, len)| (b, &s[len..]))
    }

    /// The body a part names, less any place name (综合行政执法局局长 → the 综合行政执法局).
    pub fn body_of_part(&self, part: &str) -> Option<&'a Body> {
        self.names(part)
            .into_iter()
            .find_map(|n| self.named_body(n).map(|(b, _)| b))
    }

    /// Looks a part up: as written, else less a place name, else less the longest leading body
    /// name or alias (the rest in that body's context).
    pub fn lookup(&self, part: &str) -> Option<Found<'a>> {
        let catalog = &self.titles.catalog;
        let names = self.names(part);
        for n in &names {
            if let Some((title, entry)) = catalog.0.get_key_value(*n) {
                return Some(Found {
                    title,
                    entry,
                    body: None,
                });
            }
        }
        for n in &names {
            let Some((body, rest)) = self.named_body(n) else {
                continue;
            };
            if let Some((title, entry)) = catalog.0.get_key_value(rest) {
                return Some(Found {
                    title,
                    entry,
                    body: Some(body),
                });
            }
        }
        None
    }

    /// Whether an entry may be used in this unit (`where`).
    pub fn valid_here(&self, entry: &TitleEntry) -> bool {
        let unit = &self.org.unit;
        let merged = unit
            .zone
            .as_ref()
            .and_then(|z| z.mode.as_ref())
            .is_some_and(|m| m.value == ZoneMode::Merged);
        entry.places.is_empty()
            || entry.places.iter().any(|w| match w {
                Where::Kind(k) => *k == unit.kind.value,
                Where::Zone => merged,
            })
    }

    /// The grades a found part admits for person `p`: `unit` relative to the unit, `body` to the
    /// body the part names, else the body `p` sits in (the unit's, for the team).
    ///
    /// `body` and `body-1` of a body graded 股级 mean `none` (股级 is a body grade, not a leadership
    /// grade); of a sub-body without a grade, `body` means `none` or any grade below its parent's
    /// (a 内设科 of a 正科 bureau is below it; its 科长 need not be 正科) and `body-1` means `none`.
    pub fn grades(&self, p: &Person, found: &Found<'_>) -> GradeSet {
        let unit_grade = self.org.unit.grade.value;
        // A body graded at or above its unit is BZ003's finding; its titles are measured against
        // the highest grade it may have (one below the unit), so that its staff are not reported
        // a second time for the body's mistake.
        let cap = |g: Grade| {
            let top = one_below(unit_grade);
            if g.above(top) {
                top
            } else {
                g
            }
        };
        let body_grade = || match found.body.or_else(|| self.org.body(&p.body.value)) {
            Some(b) => match &b.grade {
                Some(g) if g.value == Grade::UnitLevel => BodyGrade::UnitLevel,
                Some(g) => BodyGrade::Graded(cap(g.value)),
                None => BodyGrade::Ungraded(cap(self.parent_grade(b))),
            },
            None => BodyGrade::Graded(unit_grade),
        };
        let mut set = GradeSet::default();
        for t in &found.entry.grades {
            match t {
                GradeToken::Grade(g) => set.insert(Some(*g)),
                GradeToken::None => set.insert(None),
                GradeToken::Unit => set.insert(Some(unit_grade)),
                GradeToken::UnitBelow => set.insert(Some(one_below(unit_grade))),
                GradeToken::Body => match body_grade() {
                    BodyGrade::Graded(g) => set.insert(Some(g)),
                    BodyGrade::UnitLevel => set.insert(None),
                    BodyGrade::Ungraded(parent) => {
                        set.insert(None);
                        for g in Grade::ALL.iter().filter(|g| parent.above(**g)) {
                            set.insert(Some(*g));
                        }
                    }
                },
                GradeToken::BodyBelow => match body_grade() {
                    BodyGrade::Graded(g) => set.insert(Some(one_below(g))),
                    BodyGrade::UnitLevel | BodyGrade::Ungraded(_) => set.insert(None),
                },
            }
        }
        set
    }

    /// The grade of the nearest body above `b` with one, else the unit's (a chain broken by BZ009
    /// or BZ010 ends at the unit).
    fn parent_grade(&self, b: &Body) -> Grade {
        match b.parent.as_ref().and_then(|p| self.org.body(&p.value)) {
            Some(parent) => self.org.effective_grade(parent).0,
            None => self.org.unit.grade.value,
        }
    }

    /// The union of the grades the catalog admits for `p`'s checked `title` parts that are in the
    /// catalog and valid here (what BZ201 counts a person with `upper_post` at).
    pub fn title_grades(&self, p: &Person) -> GradeSet {
        let mut set = GradeSet::default();
        for part in self.title_parts(p) {
            if part.seconded || !self.is_checked(p, &part) {
                continue;
            }
            if let Some(found) = self.lookup(part.text) {
                if self.valid_here(found.entry) {
                    set = set.union(self.grades(p, &found));
                }
            }
        }
        set
    }
}

/// The grade a body gives its `body` and `body-1` titles.
enum BodyGrade {
    /// Graded above 股级 (capped one below the unit).
    Graded(Grade),
    /// Graded 股级: its titles carry no leadership grade.
    UnitLevel,
    /// A sub-body without a grade, under a body (or unit) of this grade.
    Ungraded(Grade),
}

/// A body's name and aliases.
pub fn body_names(b: &Body) -> impl Iterator<Item = &str> {
    std::iter::once(b.name.value.as_str()).chain(b.aliases.iter().map(|a| a.value.as_str()))
}

/// Where an entry may be used, for messages: "a subdistrict or a unit merged with its zone".
pub fn describe_places(entry: &TitleEntry) -> (String, String) {
    let en: Vec<String> = entry
        .places
        .iter()
        .map(|w| match w {
            Where::Kind(k) => format!("a {}", k.en()),
            Where::Zone => "a unit merged with its zone".to_string(),
        })
        .collect();
    let zh: Vec<String> = entry
        .places
        .iter()
        .map(|w| match w {
            Where::Kind(k) => k.zh().to_string(),
            Where::Zone => "区镇合一的单位".to_string(),
        })
        .collect();
    (en.join(" or "), zh.join("或"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_every_mark_and_drops_notes() {
        let parts: Vec<&str> = split("党委副书记、镇长").into_iter().map(|p| p.1).collect();
        assert_eq!(parts, ["党委副书记", "镇长"]);
        let parts: Vec<&str> =
            split(" 党委委员，组织委员 ; 武装部长/人武部部长,宣传委员；统战委员")
                .into_iter()
                .map(|p| p.1)
                .collect();
        assert_eq!(
            parts,
            [
                "党委委员",
                "组织委员",
                "武装部长",
                "人武部部长",
                "宣传委员",
                "统战委员"
            ]
        );
        let parts: Vec<&str> = split("党委书记兼人大主席")
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(parts, ["党委书记", "人大主席"]);
        let parts: Vec<&str> = split("副镇长（挂职）、、 局长(兼)")
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(parts, ["副镇长", "局长"]);
        assert!(split("").is_empty());
        assert!(split("、（注）").is_empty());
    }

    #[test]
    fn offsets_point_into_the_title() {
        let s = "党委委员、 组织委员（兼）";
        for (offset, part) in split(s) {
            assert_eq!(&s[offset..offset + part.len()], part);
        }
    }

    #[test]
    fn grade_sets_know_their_floor_and_cap() {
        let mut s = GradeSet::default();
        s.insert(Some(Grade::Section));
        s.insert(Some(Grade::DeputySection));
        assert_eq!(s.floor(), Some(Grade::DeputySection));
        assert_eq!(
            s.highest_not_above(Grade::DeputySection),
            Some(Grade::DeputySection)
        );
        assert_eq!(s.highest_not_above(Grade::Division), Some(Grade::Section));
        assert_eq!(s.highest_not_above(Grade::UnitLevel), None);
        s.insert(None);
        assert_eq!(s.floor(), None);
        assert_eq!(s.describe().1, "正科或副科或无领导职务层次");
        assert_eq!(one_below(Grade::UnitLevel), Grade::UnitLevel);
        assert_eq!(one_below(Grade::Section), Grade::DeputySection);
    }

    #[test]
    fn entries_read_both_forms_and_reject_unknown_tokens() {
        let c: TitleCatalog = toml::from_str(
            "\"科长\" = \"股级\"\n\"镇长助理\" = { grades = [\"none\"], where = [\"town\"] }\n\"x\" = \"none\"",
        )
        .unwrap();
        assert_eq!(
            c.get("科长").unwrap().grades,
            [GradeToken::Grade(Grade::UnitLevel)]
        );
        assert_eq!(
            c.get("镇长助理").unwrap().places,
            [Where::Kind(UnitKind::Town)]
        );
        assert_eq!(c.get("x").unwrap().grades, [GradeToken::None]);
        let e = toml::from_str::<TitleCatalog>("\"科长\" = { grades = [\"unit-2\"] }").unwrap_err();
        assert!(
            e.message()
                .contains("unknown grade `unit-2` for title `科长`"),
            "{e}"
        );
        assert!(toml::from_str::<TitleCatalog>("\"科长\" = { grade = [\"unit\"] }").is_err());
        assert!(toml::from_str::<TitleCatalog>("\"科长\" = { grades = [] }").is_err());
        assert!(toml::from_str::<TitleCatalog>(
            "\"科长\" = { grades = [\"unit\"], where = [\"city\"] }"
        )
        .is_err());
    }

    #[test]
    fn the_documented_table_names_every_default_title() {
        let doc = crate::rules::unauthorized_title::UnauthorizedTitle::META.doc_markdown();
        let mut documented: Vec<String> = doc
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("| ") && !l.starts_with("| titles"))
            .filter_map(|l| l.split('|').nth(1))
            .flat_map(|cell| cell.split([',', '/']).map(|t| t.trim().to_string()))
            .collect();
        documented.sort();
        let mut catalog: Vec<String> = TitleCatalog::national().0.into_keys().collect();
        catalog.sort();
        assert_eq!(documented, catalog);
    }

    #[test]
    fn the_national_catalog_round_trips() {
        let c = TitleCatalog::national();
        let t = toml::Value::try_from(&c).unwrap();
        let back: TitleCatalog = t.try_into().unwrap();
        assert_eq!(back, c);
        assert!(c.get("镇长助理").is_none());
        assert_eq!(c.get("代镇长").unwrap().grades.len(), 3);
    }

    fn org(text: &str) -> (SourceFile, OrgFile) {
        let src = SourceFile::new("t.toml", text);
        match crate::load::load_org(crate::base::source::FileId(0), &src, true) {
            crate::load::Loaded::Org(o) => (src, *o),
            other => panic!("not an org file: {other:?}"),
        }
    }

    const TOWN: &str = r#"
[unit]
id = "pingwang"
name = "平望镇"
kind = "town"
as_of = 2024-06-30

[[body]]
id = "dzb"
name = "党政办公室"
aliases = ["党政办"]
kind = "functional"

[[body]]
id = "zfj"
name = "综合行政执法局"
kind = "functional"
grade = "副科"

[[person]]
id = "PW0001"
body = "pingwang"
establishment = "administrative"
title = "党委副书记、平望镇镇长"
grade = "正科"
concurrent = ["综合行政执法局局长", "驾驶员"]

[[person]]
id = "PW0002"
body = "dzb"
establishment = "none"
title = "党政办主任助理（挂职）、驾驶员"
"#;

    #[test]
    fn the_reader_finds_parts_places_and_bodies() {
        let (src, o) = org(TOWN);
        let titles = Titles::default();
        let r = Reader::new(&titles, &o, &src);
        let p = &o.persons[0];
        let parts = r.parts(p);
        let texts: Vec<&str> = parts.iter().map(|x| x.text).collect();
        assert_eq!(
            texts,
            ["党委副书记", "平望镇镇长", "综合行政执法局局长", "驾驶员"]
        );
        // Spans point at the part itself in the source.
        for part in &parts {
            assert_eq!(src.slice(part.span), part.text);
        }
        assert!(parts[2].concurrent && !parts[1].concurrent);
        // A person with a grade: every part is checked, job labels too.
        assert!(parts.iter().all(|x| r.is_checked(p, x)));
        // The town's name is dropped; the body's name gives the body and its context.
        assert_eq!(r.lookup("平望镇镇长").unwrap().title, "镇长");
        let found = r.lookup("综合行政执法局局长").unwrap();
        assert_eq!(
            (found.title, found.body.unwrap().id.value.as_str()),
            ("局长", "zfj")
        );
        let mut want = GradeSet::default();
        want.insert(Some(Grade::DeputySection));
        assert_eq!(r.grades(p, &found), want);
        assert!(r.is_one_of("平望镇镇长", &["镇长".to_string()]));
        // An alias names its body; the rest is read there.
        assert_eq!(
            r.lookup("党政办主任").unwrap().body.unwrap().id.value,
            "dzb"
        );
        assert!(r.lookup("党政办公室").is_none());
        assert!(r.lookup("镇长助理").is_none());
        // Without a grade, only parts ending with a leader suffix are checked.
        let q = &o.persons[1];
        let checked: Vec<&str> = r
            .parts(q)
            .into_iter()
            .filter(|x| r.is_checked(q, x))
            .map(|x| x.text)
            .collect();
        assert_eq!(checked, ["党政办主任助理"]);
        // What BZ201 counts an upper-post holder at: the highest grade not above the unit's.
        assert_eq!(
            r.title_grades(p).highest_not_above(Grade::Section),
            Some(Grade::Section)
        );
    }
}
