//! Rule packs: which rules are in force, at which level, with which parameters and citation.
//!
//! A pack is a TOML file (RULES.md "Rule packs"). The packs in the repository's `rules/` folder are
//! embedded in the binary; `jiangsu-2017` is the default. A pack may `extends` others by id or by a
//! path relative to itself; a later pack overrides an earlier one key by key. A rule is in force when
//! some pack of the chain has a `[rule.X]` table for it and its level is not `off`.

pub mod custom;
pub(crate) mod format;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::base::diag::InputError;
use crate::base::diag::Level;
use crate::base::i18n::{common as msg, Lang, Text};
use crate::base::source::{FileId, SourceFile, Sources, Span};
use crate::load::decl::Table;
use crate::rules::{self, Rule, RuleDef, Scope, Shared};
use crate::text;

/// The default pack, used when no `--rules` is given.
pub const DEFAULT_PACK: &str = "jiangsu-2017";

/// The packs of the repository's `rules/` folder, embedded: (id, file name, text).
pub const EMBEDDED: &[(&str, &str, &str)] = &[
    (
        "national",
        "rules/national.toml",
        include_str!("../../rules/national.toml"),
    ),
    (
        "jiangsu-2017",
        "rules/jiangsu-2017.toml",
        include_str!("../../rules/jiangsu-2017.toml"),
    ),
];

/// A rule in force: configured, with its level and citation from the packs.
pub struct ActiveRule {
    pub rule: Box<dyn Rule>,
    pub level: Level,
    /// The citation in both languages: the pack's `cite`, else the rule's own (shared by the
    /// rule's findings).
    pub cite: Arc<Text>,
    /// Which units it looks at: the pack's `applies_to`, else the rule's own scope.
    pub scope: Scope,
    /// Where the pack enabled it: the `[rule.X]` header of the last pack that set the level.
    pub origin: Option<(FileId, Span)>,
}

/// What the packs of one run put in force.
#[derive(Default)]
pub struct RuleSet {
    /// Rules in force (level not `off`), ordered by code.
    pub rules: Vec<ActiveRule>,
    /// Settings several rules read.
    pub shared: Shared,
    /// The ids of the packs loaded, in the order applied.
    pub packs: Vec<String>,
    /// Their titles, in the same order (the id where a pack has no title).
    pub titles: Vec<Text>,
    /// Code and name of every custom rule of the packs, in force or not.
    pub custom: Vec<(String, String)>,
    /// What the custom rules share at run time: their evaluation errors.
    pub custom_state: custom::CustomState,
    /// The one language findings are kept in, for a run that writes one language (`check`); both
    /// when `None`. Set with [`RuleSet::keeping`].
    pub keep: Option<Lang>,
}

impl RuleSet {
    /// The same rule set, keeping findings in `lang` only (for a run that writes one language):
    /// the other language's message, help and label texts are dropped as each finding is stamped.
    pub fn keeping(mut self, lang: Lang) -> Self {
        self.keep = Some(lang);
        self
    }

    /// Whether a code or name is a rule this run knows (in force or not).
    pub fn knows(&self, code_or_name: &str) -> bool {
        rules::lookup(code_or_name).is_some()
            || self
                .custom
                .iter()
                .any(|(c, n)| c == code_or_name || n == code_or_name)
    }

    /// The errors custom expressions met while the rules ran (input errors: exit 2), taken out.
    pub fn take_errors(&self) -> Vec<InputError> {
        self.custom_state.take_errors()
    }

    pub fn active(&self, code: &str) -> Option<&ActiveRule> {
        self.rules.iter().find(|r| r.rule.meta().code == code)
    }
}

/// One value set by a pack, with where it was written.
#[derive(Clone)]
struct Setting {
    value: toml::Value,
    file: FileId,
    key_span: Span,
    value_span: Span,
    /// For a table value: each entry's span (key to value), so that a bad entry of a catalog
    /// (`titles`, `add_titles`) is reported at its own line.
    entry_spans: Vec<(String, Span)>,
}

/// The rule tables of all packs merged, key by key, keyed by rule code.
#[derive(Default)]
struct Merged {
    rules: BTreeMap<&'static str, RuleSettings>,
    /// Custom rules by code: a later pack's entry replaces an earlier one of the same code.
    custom: BTreeMap<String, custom::CustomDef>,
    packs: Vec<String>,
    /// The packs read so far (by key): a pack named again, by however many `extends`, is not read
    /// again (a diamond of packs 30 levels deep would otherwise be read 2^30 times).
    loaded: std::collections::HashSet<String>,
    titles: Vec<Text>,
    /// Pack files the caller has read already (the offline page), by path as shown: read from
    /// here before the disk.
    given: BTreeMap<String, crate::base::source::Given>,
}

#[derive(Default)]
struct RuleSettings {
    header: Option<(FileId, Span)>,
    keys: BTreeMap<String, Setting>,
}

/// Loads the packs named on the command line (ids or paths; empty for the default) and configures the
/// rules. Every problem of every pack is collected.
pub fn load(specs: &[String], sources: &mut Sources) -> Result<RuleSet, Vec<InputError>> {
    load_given(specs, BTreeMap::new(), sources)
}

/// [`load`], where a pack file (named or extended) whose path is among `given` (path as shown →
/// bytes, files the caller has read already: the offline page) is read from there.
pub fn load_given(
    specs: &[String],
    given: BTreeMap<String, crate::base::source::Given>,
    sources: &mut Sources,
) -> Result<RuleSet, Vec<InputError>> {
    let default = [DEFAULT_PACK.to_string()];
    let specs = if specs.is_empty() {
        &default[..]
    } else {
        specs
    };
    let mut merged = Merged {
        given,
        ..Merged::default()
    };
    let mut errors = Vec::new();
    for spec in specs {
        let mut chain = Vec::new();
        load_one(
            PackRef::from_cli(spec),
            None,
            sources,
            &mut merged,
            &mut chain,
            &mut errors,
        );
    }
    let set = configure(merged, sources, &mut errors);
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

/// How a pack is named: an embedded id or a file.
enum PackRef {
    Id(String),
    Path(PathBuf),
}

impl PackRef {
    fn from_cli(spec: &str) -> PackRef {
        if EMBEDDED.iter().any(|(id, _, _)| *id == spec) && !Path::new(spec).is_file() {
            PackRef::Id(spec.to_string())
        } else if spec.ends_with(".toml") || spec.contains('/') || Path::new(spec).exists() {
            PackRef::Path(PathBuf::from(spec))
        } else {
            PackRef::Id(spec.to_string())
        }
    }

    /// An `extends` entry of a pack read from `base` (its folder, for a file pack).
    fn from_extends(entry: &str, base: Option<&Path>) -> PackRef {
        if entry.ends_with(".toml") || entry.contains('/') {
            match base {
                Some(dir) => PackRef::Path(dir.join(entry)),
                None => PackRef::Path(PathBuf::from(entry)),
            }
        } else {
            PackRef::Id(entry.to_string())
        }
    }

    fn key(&self) -> String {
        match self {
            PackRef::Id(id) => format!("id:{id}"),
            PackRef::Path(p) => format!(
                "path:{}",
                std::fs::canonicalize(p)
                    .unwrap_or_else(|_| p.clone())
                    .display()
            ),
        }
    }
}

/// Where an error about a pack reference is reported: the `extends` entry that named it.
type RefSite = Option<(FileId, Span)>;

fn ref_error(site: RefSite, message: Text) -> InputError {
    match site {
        Some((file, span)) => InputError::at(file, span, message),
        None => InputError::general(message),
    }
}

fn load_one(
    pack: PackRef,
    site: RefSite,
    sources: &mut Sources,
    merged: &mut Merged,
    chain: &mut Vec<String>,
    errors: &mut Vec<InputError>,
) {
    let key = pack.key();
    if chain.contains(&key) {
        errors.push(ref_error(
            site,
            text!(
                "packs extend each other in a cycle: {}",
                "规则包相互继承，形成循环：{}",
                chain.join(" → ")
            ),
        ));
        return;
    }
    if !merged.loaded.insert(key.clone()) {
        return;
    }
    let (path, text, dir) = match &pack {
        PackRef::Id(id) => match EMBEDDED.iter().find(|(i, _, _)| i == id) {
            Some((_, path, text)) => (path.to_string(), text.to_string(), None),
            None => {
                let known: Vec<&str> = EMBEDDED.iter().map(|(i, _, _)| *i).collect();
                errors.push(
                    ref_error(
                        site,
                        text!("unknown rule pack `{id}`", "未知的规则包 `{id}`"),
                    )
                    .with_help(text!(
                        "built-in packs: {k}; or give the path of a pack file",
                        "内置规则包：{k}；或给出规则包文件的路径",
                        k = known.join(", ")
                    )),
                );
                return;
            }
        },
        PackRef::Path(p) => {
            let shown = p.display().to_string();
            let read = match merged.given.get(&shown) {
                Some(given) => Ok(given.as_bytes().to_vec()),
                None => crate::base::fs::read_bytes(p),
            };
            match read {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => (shown, text, p.parent().map(Path::to_path_buf)),
                    Err(e) => {
                        errors.push(crate::base::walk::not_utf8(&shown, e));
                        return;
                    }
                },
                Err(e) => {
                    let mut err = ref_error(site, e.message(&shown));
                    if site.is_none() {
                        err.path = Some(shown);
                    }
                    errors.push(err);
                    return;
                }
            }
        }
    };
    // A file without `[pack]` is not a pack (an org file, or `/etc/passwd` named by `extends`):
    // said at the place that names it, without a line of the file, whatever else is wrong in it.
    if !DeTable::parse_recoverable(&text)
        .0
        .get_ref()
        .iter()
        .any(|(k, _)| k.get_ref() == "pack")
    {
        let mut err = ref_error(site, not_a_pack(&path)).with_help(text!(
            "a pack starts with `[pack]` and `id = \"…\"`; see `bianzhi rules` for the built-in packs",
            "规则包以 `[pack]` 和 `id = \"…\"` 开头；内置规则包见 `bianzhi rules`"
        ));
        if site.is_none() {
            err.path = Some(path);
        }
        errors.push(err);
        return;
    }
    let file = sources.add(SourceFile::new(path, text));
    let src = sources.get(file).clone();
    let (doc, syntax) = DeTable::parse_recoverable(&src.text);
    if !syntax.is_empty() {
        errors.extend(crate::load::syntax_errors(file, &src, &syntax));
        return;
    }
    let doc = doc.into_inner();
    chain.push(key);

    // `extends` first: this pack overrides what it extends.
    let mut pack_id = None;
    let mut pack_title = None;
    for (k, v) in doc.iter() {
        match k.get_ref().as_ref() {
            "pack" => {
                let DeValue::Table(t) = v.get_ref() else {
                    errors.push(type_error(file, v, "table"));
                    continue;
                };
                for (pk, pv) in t.iter() {
                    match pk.get_ref().as_ref() {
                        "id" => {
                            if let DeValue::String(s) = pv.get_ref() {
                                pack_id = Some(s.to_string());
                            } else {
                                errors.push(type_error(file, pv, "string"));
                            }
                        }
                        // Shown to people: one string for both languages, or one per language.
                        "title" | "description" => {
                            match to_value(pv.get_ref()).as_ref().and_then(bilingual) {
                                Some(t) if pk.get_ref() == "title" => pack_title = Some(t),
                                Some(_) => {}
                                None => errors.push(bilingual_error(
                                    file,
                                    Span::from(pv.span()),
                                    pk.get_ref(),
                                )),
                            }
                        }
                        "extends" => {
                            let DeValue::Array(items) = pv.get_ref() else {
                                errors.push(type_error(file, pv, "array"));
                                continue;
                            };
                            for item in items.iter() {
                                let DeValue::String(s) = item.get_ref() else {
                                    errors.push(type_error(file, item, "string"));
                                    continue;
                                };
                                let site = Some((file, Span::from(item.span())));
                                load_one(
                                    PackRef::from_extends(s, dir.as_deref()),
                                    site,
                                    sources,
                                    merged,
                                    chain,
                                    errors,
                                );
                            }
                        }
                        _ => errors.push(unknown_key(file, pk, &format::PACK, "[pack]")),
                    }
                }
            }
            "rule" | "custom" => {}
            _ => errors.push(unknown_key(file, k, &format::PACK_FILE, "pack")),
        }
    }
    if let Some(id) = pack_id {
        let title = pack_title.unwrap_or_else(|| Text::same(id.clone()));
        merged.packs.push(id);
        merged.titles.push(title);
    }
    for (k, v) in doc.iter() {
        match k.get_ref().as_ref() {
            "rule" => read_rules(file, v, merged, errors),
            "custom" => {
                for def in custom::read(file, &src, v, errors) {
                    merged.custom.insert(def.code.clone(), def);
                }
            }
            _ => {}
        }
    }
    chain.pop();
}

fn not_a_pack(shown: &str) -> Text {
    text!(
        "{shown} is not a rule pack: it has no [pack] table",
        "{shown} 不是规则包：没有 [pack] 表"
    )
}

/// A wrong type in a pack. Dates with a time are "date" here (the loader tells them apart).
pub(crate) fn type_error(file: FileId, v: &Spanned<DeValue<'_>>, expected: &str) -> InputError {
    let found = match crate::load::toml_type(v.get_ref()) {
        "datetime" | "time" => "date",
        t => t,
    };
    InputError::at(file, Span::from(v.span()), msg::wrong_type(expected, found))
}

/// An unknown key of a pack's table `decl`, named `shown` in the message, with the closest
/// declared key as a hint.
pub(crate) fn unknown_key(
    file: FileId,
    k: &Spanned<std::borrow::Cow<'_, str>>,
    decl: &'static Table,
    shown: &str,
) -> InputError {
    let key: &str = k.get_ref();
    let mut e = InputError::at(file, Span::from(k.span()), msg::unknown_key(key, shown));
    if let Some(s) = msg::closest(key, decl.names()) {
        e = e.with_help(msg::did_you_mean(s));
    }
    e
}

fn read_rules(
    file: FileId,
    v: &Spanned<DeValue<'_>>,
    merged: &mut Merged,
    errors: &mut Vec<InputError>,
) {
    let DeValue::Table(t) = v.get_ref() else {
        errors.push(type_error(file, v, "table"));
        return;
    };
    for (rk, rv) in t.iter() {
        let written: &str = rk.get_ref();
        let Some(def) = rules::lookup(written) else {
            let names = rules::catalog()
                .iter()
                .flat_map(|d| [d.meta.code.as_ref(), d.meta.name.as_ref()]);
            let mut e = InputError::at(
                file,
                Span::from(rk.span()),
                text!("unknown rule `{written}`", "未知的规则 `{written}`"),
            );
            if let Some(s) = msg::closest(written, names) {
                e = e.with_help(msg::did_you_mean(s));
            } else {
                e = e.with_help(text!(
                    "`bianzhi rules` lists the rules",
                    "`bianzhi rules` 列出全部规则"
                ));
            }
            errors.push(e);
            continue;
        };
        let DeValue::Table(params) = rv.get_ref() else {
            errors.push(type_error(file, rv, "table"));
            continue;
        };
        let entry = merged.rules.entry(def.meta.code.as_ref()).or_default();
        entry.header = Some((file, Span::from(rk.span())));
        for (pk, pv) in params.iter() {
            let Some(value) = to_value(pv.get_ref()) else {
                continue;
            };
            entry.keys.insert(
                pk.get_ref().to_string(),
                Setting {
                    value,
                    file,
                    key_span: Span::from(pk.span()),
                    value_span: Span::from(pv.span()),
                    entry_spans: match pv.get_ref() {
                        DeValue::Table(t) => t
                            .iter()
                            .map(|(k, v)| {
                                let span = Span::new(k.span().start, v.span().end);
                                (k.get_ref().to_string(), span)
                            })
                            .collect(),
                        _ => Vec::new(),
                    },
                },
            );
        }
    }
}

/// A spanned TOML value as a plain `toml::Value`, for serde.
fn to_value(v: &DeValue<'_>) -> Option<toml::Value> {
    Some(match v {
        DeValue::String(s) => toml::Value::String(s.to_string()),
        DeValue::Integer(i) => toml::Value::Integer(i.as_str().replace('_', "").parse().ok()?),
        DeValue::Float(f) => toml::Value::Float(f.as_str().replace('_', "").parse().ok()?),
        DeValue::Boolean(b) => toml::Value::Boolean(*b),
        DeValue::Datetime(d) => toml::Value::Datetime(*d),
        DeValue::Array(a) => {
            toml::Value::Array(a.iter().filter_map(|x| to_value(x.get_ref())).collect())
        }
        DeValue::Table(t) => toml::Value::Table(
            t.iter()
                .filter_map(|(k, x)| Some((k.get_ref().to_string(), to_value(x.get_ref())?)))
                .collect(),
        ),
    })
}

/// Turns the merged settings into configured rules, checking every parameter.
fn configure(merged: Merged, sources: &Sources, errors: &mut Vec<InputError>) -> RuleSet {
    let mut set = RuleSet {
        packs: merged.packs,
        titles: merged.titles,
        ..RuleSet::default()
    };
    // The titles catalog is shared: read it from `unauthorized-title`'s settings even when that rule
    // is off, so that `over-posts` grades people the same way.
    let mut shared_titles = None;
    for (code, settings) in merged.rules {
        let Some(def) = rules::lookup(code) else {
            continue;
        };
        let mut level = def.meta.level;
        let mut cite = def.meta.cite.text();
        let mut scope = def.meta.scope;
        let mut params = toml::Table::new();
        let mut ok = true;
        for (key, s) in &settings.keys {
            match key.as_str() {
                "level" => match s.value.as_str().and_then(Level::parse) {
                    Some(l) => level = l,
                    None => {
                        ok = false;
                        errors.push(
                            InputError::at(
                                s.file,
                                s.value_span,
                                text!(
                                    "`level` must be one of error, warning, info, off",
                                    "`level` 须为 error、warning、info、off 之一"
                                ),
                            )
                            .with_help(text!(
                                "错误/警告/提示/关闭 are accepted too",
                                "也可写作 错误/警告/提示/关闭"
                            )),
                        );
                    }
                },
                "cite" => match bilingual(&s.value) {
                    Some(c) => cite = c,
                    None => {
                        ok = false;
                        errors.push(bilingual_error(s.file, s.value_span, "cite"));
                    }
                },
                "applies_to" => match s.value.as_str().and_then(Scope::parse) {
                    Some(sc) => scope = sc,
                    None => {
                        ok = false;
                        let names: Vec<&str> = Scope::NAMES.iter().map(|(n, _)| *n).collect();
                        errors.push(
                            InputError::at(
                                s.file,
                                s.value_span,
                                text!(
                                    "`applies_to` must be one of {n}",
                                    "`applies_to` 须为 {n} 之一",
                                    n = names.join(", ")
                                ),
                            )
                            .with_help(text!(
                                "dev: developed towns; town: towns, townships and subdistricts; county: counties; all: every file; declared: units declaring developed_town",
                                "dev：经济发达镇；town：乡镇、街道；county：县；all：全部文件；declared：声明为经济发达镇的单位"
                            )),
                        );
                    }
                },
                _ => {
                    if let Err(e) = check_param(def, key, s) {
                        ok = false;
                        errors.push(*e);
                    } else {
                        params.insert(key.clone(), s.value.clone());
                    }
                }
            }
        }
        if !ok {
            continue;
        }
        let rule = match (def.build)(params) {
            Ok(rule) => rule,
            Err(e) => {
                let (file, span) = settings.header.unwrap_or((FileId(0), Span::default()));
                errors.push(InputError::at(file, span, Text::same(e.message())));
                continue;
            }
        };
        if code == rules::unauthorized_title::UnauthorizedTitle::META.code {
            if let Ok(p) =
                toml::Value::Table(rule.params()).try_into::<rules::unauthorized_title::Params>()
            {
                shared_titles = Some(p.shared());
            }
        }
        if level != Level::Off {
            set.rules.push(ActiveRule {
                rule,
                level,
                cite: Arc::new(cite),
                scope,
                origin: settings.header,
            });
        }
    }
    let _ = sources;
    let mut names: BTreeMap<String, (FileId, Span)> = BTreeMap::new();
    for (code, def) in merged.custom {
        if let Some(&(file, span)) = names.get(&def.name) {
            let mut e = InputError::at(
                def.site.0,
                def.site.1,
                text!(
                    "custom rule {code} has the name `{n}` of another custom rule",
                    "自定义规则 {code} 与另一条自定义规则同名 `{n}`",
                    n = def.name
                ),
            )
            .with_help(text!(
                "give each rule its own name",
                "每条规则须有自己的名称"
            ));
            if file == def.site.0 {
                e = e.with_label(span, text!("the other rule", "另一条规则"));
            }
            errors.push(e);
            continue;
        }
        names.insert(def.name.clone(), def.site);
        set.custom.push((code, def.name.clone()));
        let (level, cite, site, scope) = (def.level, def.cite.clone(), def.site, def.applies_to);
        if level != Level::Off {
            set.rules.push(ActiveRule {
                rule: Box::new(custom::CustomRule::new(def, set.custom_state.clone())),
                level,
                cite: Arc::new(cite),
                scope,
                origin: Some(site),
            });
        }
    }
    set.rules
        .sort_by(|a, b| a.rule.meta().code.cmp(&b.rule.meta().code));
    set.shared.titles =
        shared_titles.unwrap_or_else(|| rules::unauthorized_title::Params::default().shared());
    set
}

/// The error for a value that must be bilingual text (`cite`, `title`, a custom rule's `message`).
pub fn bilingual_error(file: FileId, span: Span, key: &str) -> InputError {
    InputError::at(
        file,
        span,
        text!(
            "`{key}` must be a string or `{{ zh = \"…\", en = \"…\" }}`",
            "`{key}` 须为字符串或 `{{ zh = \"…\", en = \"…\" }}`"
        ),
    )
    .with_help(text!(
        "e.g. {key} = {{ zh = \"江苏经济发达镇意见 二（二）\", en = \"Jiangsu DT Opinions 2017, II(2)\" }}",
        "例如 {key} = {{ zh = \"江苏经济发达镇意见 二（二）\", en = \"Jiangsu DT Opinions 2017, II(2)\" }}"
    ))
}

/// A value written in one language for both (`"…"`) or in each (`{ zh = "…", en = "…" }`).
pub fn bilingual(v: &toml::Value) -> Option<Text> {
    match v {
        toml::Value::String(s) => Some(Text::same(s.clone())),
        toml::Value::Table(t) => {
            let zh = t.get("zh")?.as_str()?;
            let en = t.get("en")?.as_str()?;
            (t.len() == 2).then(|| Text::new(en, zh))
        }
        _ => None,
    }
}

/// Checks one parameter alone, so a wrong key or type is reported at its own span.
fn check_param(def: &RuleDef, key: &str, s: &Setting) -> Result<(), Box<InputError>> {
    let mut defaults = (def.default_params)();
    defaults.extend((def.optional_params)());
    if !defaults.contains_key(key) {
        let known: Vec<&str> = defaults.keys().map(String::as_str).collect();
        let mut e = InputError::at(
            s.file,
            s.key_span,
            text!(
                "unknown parameter `{key}` for rule {code} ({name})",
                "规则 {code}（{name}）没有参数 `{key}`",
                code = def.meta.code,
                name = def.meta.name
            ),
        );
        e = match msg::closest(key, known.iter().copied()) {
            Some(c) => e.with_help(msg::did_you_mean(c)),
            None if known.is_empty() => e.with_help(text!(
                "this rule has no parameters besides `level` and `cite`",
                "此规则除 `level` 和 `cite` 外没有参数"
            )),
            None => e.with_help(text!(
                "its parameters: {k}, `level`, `cite`",
                "其参数为：{k}、`level`、`cite`",
                k = known.join(", ")
            )),
        };
        return Err(Box::new(e));
    }
    let mut one = toml::Table::new();
    one.insert(key.to_string(), s.value.clone());
    match (def.build)(one) {
        Ok(_) => Ok(()),
        Err(e) => Err(Box::new(InputError::at(
            s.file,
            bad_entry(def, key, s).unwrap_or(s.value_span),
            text!(
                "bad value for `{key}`: {m}",
                "`{key}` 的值有误：{m}",
                m = e.message()
            ),
        ))),
    }
}

/// The span of the first entry of a table parameter that fails on its own, if one does.
fn bad_entry(def: &RuleDef, key: &str, s: &Setting) -> Option<Span> {
    let table = s.value.as_table()?;
    s.entry_spans.iter().find_map(|(k, span)| {
        let mut entry = toml::Table::new();
        entry.insert(k.clone(), table.get(k)?.clone());
        let mut one = toml::Table::new();
        one.insert(key.to_string(), toml::Value::Table(entry));
        (def.build)(one).is_err().then_some(*span)
    })
}

/// A rule set with one rule alone, at its default level and parameters (rule fixtures use it).
pub fn single(code_or_name: &str) -> Option<RuleSet> {
    let def = rules::lookup(code_or_name)?;
    let rule = (def.build)(toml::Table::new()).ok()?;
    Some(RuleSet {
        rules: vec![ActiveRule {
            rule,
            level: def.meta.level,
            cite: Arc::new(def.meta.cite.text()),
            scope: def.meta.scope,
            origin: None,
        }],
        shared: Shared {
            titles: rules::unauthorized_title::Params::default().shared(),
        },
        packs: vec![format!("only {}", def.meta.code)],
        ..RuleSet::default()
    })
}

/// The id and title of a pack file's `[pack]` table, for a list to choose a pack from (the
/// page): `None` when the text is not a pack (no `[pack]` table, or not TOML). The title is the
/// id where the pack has none, and the id the file name's stem where it has none.
pub fn heading(text: &str, shown: &str) -> Option<(String, Text)> {
    let doc: toml::Table = text.parse().ok()?;
    let pack = doc.get("pack")?.as_table()?;
    let id = pack
        .get("id")
        .and_then(toml::Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            let name = shown.rsplit('/').next().unwrap_or(shown);
            name.strip_suffix(".toml").unwrap_or(name).to_string()
        });
    let title = pack
        .get("title")
        .and_then(bilingual)
        .unwrap_or_else(|| Text::same(id.clone()));
    Some((id, title))
}
