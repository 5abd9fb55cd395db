//! Custom rules: a pack's `[[custom]]` entries, written in CEL (the Common Expression Language) and
//! evaluated with the `cel` crate.
//!
//! ```toml
//! [[custom]]
//! code = "JS101"
//! name = "enforcement-certified-share"
//! level = "warning"                 # error (default) | warning | info | off
//! scope = "body"                    # unit | body | person | power: evaluated once per such entity
//! when = "body.office == 'front' && body.duty == 'enforcement'"   # optional
//! assert = "body.persons.filter(p, p.enforcement_certified).size() * 10 >= body.persons.size() * 8"
//! applies_to = "dev"               # optional: dev | town (default) | county | all | declared
//! message = { zh = "持证执法人员不少于八成", en = "at least 80% hold certificates" }
//! help = "certify more staff"       # optional, how to fix it; a string serves both languages
//! cite = { zh = "苏发达镇意见 二(三)4", en = "Jiangsu DT Opinions 2017, II(3).4" }
//! ```
//!
//! `message`, `help` and `cite` are a string for both languages or `{ zh, en }` (the older
//! `message_zh` and `help_zh` still give the Chinese of a string). A custom rule runs on
//! town-level units (town, township, subdistrict), like the built-in rules about bodies, people
//! and powers, unless `applies_to` says otherwise. For each entity of its scope where `when` holds (or always,
//! without `when`), a false `assert` is a finding at the entity's header (`[unit]`, `[[body]]`,
//! `[[person]]`, `[[power]]`) with the pack's code, name, level, message and citation, and a label
//! on the assertion in the pack.
//!
//! # Variables
//!
//! Every scope sees `unit`; the body, person and power scopes also see `body`, `person`, `power`.
//! Every field is always present, with its default where the file leaves it out (`""`, `false`,
//! `0`, `[]`), so an expression never fails on a missing key. Catalog values (kinds, grades,
//! categories, ranks…) are their English alias: `body.office == 'front'`, `person.grade ==
//! 'deputy_section'`, `unit.quota.administrative`.
//!
//! - `unit`: `id`, `name`, `kind`, `as_of` (`"YYYY-MM-DD"`, compares as a string), `status`,
//!   `parent`, `grade`, `region`, `developed_town`, `quota` (map category → int, all four
//!   categories), `posts` (map grade → int, all five grades), `bodies`, `persons`, `powers` (lists of
//!   the maps below), `leadership` (the persons whose `body` is the unit), `baseline` (the same map
//!   for the plan's baseline, without its own `baseline`; `null` where there is none).
//! - `body`: `id`, `name`, `kind`, `office` (`""` for non-functional bodies), `duty`, `grade` (`""`
//!   for a sub-body without one), `parent`, `quota` (all four categories), `posts` (all five
//!   grades), `staff` (the four categories and `none`), `persons` (the roster entries of the body),
//!   `approval` (`by`, `doc`, `date`), `merged_from`, `dispatched` (`by`, `localized`,
//!   `assessment`, `appointment_consultation`).
//! - `person`: `id`, `body`, `establishment`, `fiscally_funded`, `title`, `grade`, `rank`,
//!   `enforcement_certified`, `upper_post`, `concurrent`. Not `name`: rosters are personal data.
//! - `power`: `code`, `name`, `category`, `handled_by`, `holder` (default: the unit id), `from`,
//!   `legal_basis`, `responsibilities`, `published`, `support`, `funding`.
//!
//! # What is checked when the pack loads (pack errors, exit 2, at the expression's span)
//!
//! An expression longer than [`MAX_EXPR_CHARS`], with brackets nested deeper than
//! [`MAX_NESTING`], with macros (`all`, `exists`, `map`, `filter`…) nested deeper than
//! [`MAX_MACRO_DEPTH`], that does not parse (with the line and column in the pack), or that, run on a
//! typed dummy unit (one body, one person, one power, every field at its default), names an unknown
//! variable or field, applies an operator to the wrong types, or yields something other than a bool.
//!
//! # Bounds
//!
//! CEL has no loops, recursion or user functions; its only iteration is a macro over a finite list
//! or map. The default environment has no file, network, environment or clock access (the crate's
//! `chrono` feature, which would bring timestamps, is off). With the length and the macro depth
//! bounded, an evaluation costs at most about (expression size) × (entities of the unit)^(macro
//! depth). The unit's data is converted to CEL values once per unit and shared by all custom rules
//! and entities. An expression that fails at run time on real data (an index out of range, a
//! division by zero, a non-bool result) is reported once per rule as an input error at its span in
//! the pack.
//!
//! Expressions are compiled once, when the pack loads, and so is each regular expression of
//! `matches` (cached, with a size limit on the compiled pattern). Before an expression runs on an
//! entity its cost is bounded from its shape and the longest list of the unit (a macro costs its
//! body times that length): above [`MAX_STEPS_PER_ENTITY`] it does not run. A rule whose
//! evaluations take more than [`MAX_SECONDS_PER_RUN`] seconds in all stops. Either way the rule
//! reports one pack error (exit 2) and no findings are invented.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use cel::common::ast::{EntryExpr, Expr};
use cel::common::types::{CelBool, CelString};
use cel::objects::{Key, Map};
use cel::{Context, ExecutionError, IdedExpr, Program, Value};
use toml::de::DeValue;
use toml::Spanned;

use crate::base::diag::InputError;
use crate::base::diag::{Finding, Level, Target};
use crate::base::i18n::{common as msg, Text};
use crate::base::source::{FileId, SourceFile, Span};
use crate::model::{Body, Counts, OrgFile, Person, Power};
use crate::rules::{FileCx, Rule, RuleMeta, Scope, Shared};
use crate::text;
use crate::workspace::Workspace;

/// Longest expression accepted, in characters.
pub const MAX_EXPR_CHARS: usize = 2000;
/// Deepest nesting of brackets, and of the parsed expression tree divided by four.
pub const MAX_NESTING: usize = 32;
/// Deepest nesting of macros (comprehensions): `unit.bodies.all(b, unit.persons.exists(p, …))` is 2.
pub const MAX_MACRO_DEPTH: usize = 2;
/// Most evaluation steps an expression may take on one entity, as bounded before it runs.
pub const MAX_STEPS_PER_ENTITY: u64 = 2_000_000;
/// Most time one custom rule may spend evaluating in a run, in seconds (all threads together).
pub const MAX_SECONDS_PER_RUN: u64 = 10;

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
fn new_context() -> Context<'static, 'static> {
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
    fn parse(s: &str) -> Option<CelScope> {
        Some(match s {
            "unit" => CelScope::Unit,
            "body" => CelScope::Body,
            "person" => CelScope::Person,
            "power" => CelScope::Power,
            _ => return None,
        })
    }

    /// The scope as written in a pack.
    fn as_str(self) -> &'static str {
        match self {
            CelScope::Unit => "unit",
            CelScope::Body => "body",
            CelScope::Person => "person",
            CelScope::Power => "power",
        }
    }

    /// The entity a scope checks, in Chinese.
    fn zh(self) -> &'static str {
        match self {
            CelScope::Unit => "单位",
            CelScope::Body => "机构",
            CelScope::Person => "人员",
            CelScope::Power => "权力事项",
        }
    }
}

/// A compiled expression with where the pack wrote it.
pub struct Expression {
    pub source: String,
    program: Program,
    /// The cost bound: `cost[k]` steps per (longest list of the unit)^k.
    cost: [u64; MAX_MACRO_DEPTH + 1],
    pub file: FileId,
    pub span: Span,
}

/// One `[[custom]]` entry, validated and compiled.
pub struct CustomDef {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub scope: CelScope,
    pub when: Option<Expression>,
    pub assert: Expression,
    pub message: Text,
    pub help: Option<Text>,
    pub cite: Text,
    /// Which units it runs on: `applies_to`, default town-level units.
    pub applies_to: Scope,
    /// The entry's `code` value, where errors about the whole entry point.
    pub site: (FileId, Span),
}

const KEYS: &[&str] = &[
    "code",
    "name",
    "level",
    "scope",
    "when",
    "assert",
    "message",
    "message_zh",
    "help",
    "help_zh",
    "cite",
    "applies_to",
];

/// The keys whose value is text shown to people: a string for both languages, or
/// `{ zh = "…", en = "…" }`.
const BILINGUAL: &[&str] = &["message", "help", "cite"];

/// Reads the `custom` array of one pack. Every problem is collected in `errors`.
pub fn read(
    file: FileId,
    src: &SourceFile,
    v: &Spanned<DeValue<'_>>,
    errors: &mut Vec<InputError>,
) -> Vec<CustomDef> {
    let DeValue::Array(items) = v.get_ref() else {
        errors.push(type_error(file, v, "array of tables"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        if let Some(def) = read_one(file, src, item, errors) {
            out.push(def);
        }
    }
    out
}

fn type_error(file: FileId, v: &Spanned<DeValue<'_>>, expected: &str) -> InputError {
    let found = match v.get_ref() {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "date",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    };
    InputError::at(file, Span::from(v.span()), msg::wrong_type(expected, found))
}

fn read_one(
    file: FileId,
    src: &SourceFile,
    item: &Spanned<DeValue<'_>>,
    errors: &mut Vec<InputError>,
) -> Option<CustomDef> {
    let DeValue::Table(t) = item.get_ref() else {
        errors.push(type_error(file, item, "table"));
        return None;
    };
    let entry_span = Span::from(item.span());
    let before = errors.len();
    // key → (string value, value span)
    let mut strings: HashMap<&str, (String, Span)> = HashMap::new();
    // key → text written as `{ zh, en }`
    let mut texts: HashMap<&str, Text> = HashMap::new();
    for (k, val) in t.iter() {
        let key: &str = k.get_ref();
        let Some(known) = KEYS.iter().find(|x| **x == key) else {
            let mut e = InputError::at(
                file,
                Span::from(k.span()),
                msg::unknown_key(key, "[[custom]]"),
            );
            if let Some(s) = msg::closest(key, KEYS.iter().copied()) {
                e = e.with_help(msg::did_you_mean(s));
            }
            errors.push(e);
            continue;
        };
        match val.get_ref() {
            DeValue::String(s) => {
                strings.insert(known, (s.to_string(), Span::from(val.span())));
            }
            DeValue::Table(_) if BILINGUAL.contains(known) => {
                let span = Span::from(val.span());
                match super::to_value(val.get_ref())
                    .as_ref()
                    .and_then(super::bilingual)
                {
                    Some(t) => {
                        // Checked for emptiness like a string, by its English text; the table
                        // itself is kept in `texts`.
                        let shown = if t.en.trim().is_empty() {
                            t.zh.clone()
                        } else {
                            t.en.clone()
                        };
                        strings.insert(known, (shown, span));
                        texts.insert(known, t);
                    }
                    None => errors.push(super::bilingual_error(file, span, known)),
                }
            }
            _ => errors.push(type_error(file, val, "string")),
        }
    }
    let mut required = |key: &str| -> Option<(String, Span)> {
        match strings.get(key) {
            Some((s, span)) if !s.trim().is_empty() => Some((s.clone(), *span)),
            Some((_, span)) => {
                errors.push(InputError::at(
                    file,
                    *span,
                    text!("`{key}` is empty", "`{key}` 为空"),
                ));
                None
            }
            None => {
                errors.push(InputError::at(
                    file,
                    entry_span,
                    text!("missing `{key}` in a custom rule", "自定义规则缺少 `{key}`"),
                ));
                None
            }
        }
    };
    let code = required("code");
    let name = required("name");
    let scope = required("scope");
    let assert = required("assert");
    let message = required("message");
    let cite = required("cite");
    let (code, name, scope, assert, message, cite) =
        (code?, name?, scope?, assert?, message?, cite?);

    if !code
        .0
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        errors.push(
            InputError::at(
                file,
                code.1,
                text!(
                    "a custom rule's code is letters, digits, `-` and `_`",
                    "自定义规则代码只能由字母、数字、`-` 和 `_` 组成"
                ),
            )
            .with_help(text!("e.g. `JS101`", "例如 `JS101`")),
        );
    }
    if !name
        .0
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.push(
            InputError::at(
                file,
                name.1,
                text!(
                    "a custom rule's name is lower-case letters, digits and `-`",
                    "自定义规则名称只能由小写字母、数字和 `-` 组成"
                ),
            )
            .with_help(text!(
                "e.g. `enforcement-certified-share`",
                "例如 `enforcement-certified-share`"
            )),
        );
    }
    if let Some(def) = crate::rules::lookup(&code.0).or_else(|| crate::rules::lookup(&name.0)) {
        let (written, span) = if crate::rules::lookup(&code.0).is_some() {
            (&code.0, code.1)
        } else {
            (&name.0, name.1)
        };
        errors.push(InputError::at(
            file,
            span,
            text!(
                "`{written}` is the built-in rule {c} ({n}); a custom rule needs a code and name of its own",
                "`{written}` 是内置规则 {c}（{n}），自定义规则须使用自己的代码和名称",
                c = def.meta.code,
                n = def.meta.name
            ),
        ));
    }
    let level = match strings.get("level") {
        None => Level::Error,
        Some((s, span)) => match Level::parse(s) {
            Some(l) => l,
            None => {
                errors.push(InputError::at(
                    file,
                    *span,
                    text!(
                        "`level` must be one of error, warning, info, off",
                        "`level` 须为 error、warning、info、off 之一"
                    ),
                ));
                Level::Error
            }
        },
    };
    let scope_v = match CelScope::parse(&scope.0) {
        Some(s) => s,
        None => {
            errors.push(InputError::at(
                file,
                scope.1,
                text!(
                    "`scope` must be one of unit, body, person, power",
                    "`scope` 须为 unit、body、person、power 之一"
                ),
            ));
            CelScope::Unit
        }
    };
    let applies_to = match strings.get("applies_to") {
        None => Scope::Town,
        Some((s, span)) => match Scope::parse(s) {
            Some(sc) => sc,
            None => {
                let names: Vec<&str> = Scope::NAMES.iter().map(|(n, _)| *n).collect();
                errors.push(InputError::at(
                    file,
                    *span,
                    text!(
                        "`applies_to` must be one of {n}",
                        "`applies_to` 须为 {n} 之一",
                        n = names.join(", ")
                    ),
                ));
                Scope::Town
            }
        },
    };
    let when = strings
        .get("when")
        .and_then(|(s, span)| compile(file, src, s, *span, scope_v, "when", errors));
    let assert = compile(file, src, &assert.0, assert.1, scope_v, "assert", errors);
    if errors.len() > before {
        return None;
    }
    let zh = |key: &str, en: &str| {
        strings
            .get(key)
            .map(|(s, _)| s.clone())
            .unwrap_or_else(|| en.to_string())
    };
    let message = match texts.get("message") {
        Some(t) => t.clone(),
        None => Text::new(message.0.clone(), zh("message_zh", &message.0)),
    };
    let help = match texts.get("help") {
        Some(t) => Some(t.clone()),
        None => strings
            .get("help")
            .map(|(h, _)| Text::new(h.clone(), zh("help_zh", h))),
    };
    let cite = texts
        .get("cite")
        .cloned()
        .unwrap_or_else(|| Text::same(cite.0));
    Some(CustomDef {
        code: code.0,
        name: name.0,
        level,
        scope: scope_v,
        when,
        assert: assert?,
        message,
        help,
        cite,
        applies_to,
        site: (file, code.1),
    })
}

/// Where a position inside an expression is in the pack file: exact when the TOML string holds the
/// expression verbatim (no escapes), else the whole value.
fn expr_offset(src: &SourceFile, value: Span, expr: &str, line: usize, col: usize) -> Span {
    let raw = src.slice(value);
    for quote in ["'''", "\"\"\"", "'", "\""] {
        if raw.len() >= 2 * quote.len() && raw.starts_with(quote) && raw.ends_with(quote) {
            let mut start = value.start + quote.len();
            let mut inner = &raw[quote.len()..raw.len() - quote.len()];
            if quote.len() == 3 {
                if let Some(rest) = inner.strip_prefix('\n') {
                    inner = rest;
                    start += 1;
                }
            }
            if inner != expr {
                break;
            }
            let mut at = 0;
            for (i, l) in expr.split('\n').enumerate() {
                if i + 1 == line {
                    // `cel` columns are 1-based.
                    let byte = l
                        .char_indices()
                        .nth(col.saturating_sub(1))
                        .map_or(l.len(), |(b, _)| b);
                    let pos = start + at + byte;
                    let end = l[byte..].chars().next().map_or(pos, |c| pos + c.len_utf8());
                    return Span::new(pos, end);
                }
                at += l.len() + 1;
            }
            break;
        }
    }
    value
}

fn compile(
    file: FileId,
    src: &SourceFile,
    source: &str,
    span: Span,
    scope: CelScope,
    key: &str,
    errors: &mut Vec<InputError>,
) -> Option<Expression> {
    let chars = source.chars().count();
    if chars > MAX_EXPR_CHARS {
        errors.push(
            InputError::at(
                file,
                span,
                text!(
                    "`{key}` is {chars} characters long; at most {MAX_EXPR_CHARS} are allowed",
                    "`{key}` 长 {chars} 个字符，上限为 {MAX_EXPR_CHARS}"
                ),
            )
            .with_help(text!(
                "split the check into several custom rules",
                "将检查拆分为多条自定义规则"
            )),
        );
        return None;
    }
    if bracket_depth(source) > MAX_NESTING {
        errors.push(InputError::at(
            file,
            span,
            text!(
                "`{key}` nests brackets more than {MAX_NESTING} deep",
                "`{key}` 的括号嵌套超过 {MAX_NESTING} 层"
            ),
        ));
        return None;
    }
    let program = match Program::compile(source) {
        Ok(p) => p,
        Err(e) => {
            // The first error only: the others of a syntax error mostly follow from it.
            for pe in e.errors.iter().take(1) {
                let line = usize::try_from(pe.pos.0).unwrap_or(1).max(1);
                let col = usize::try_from(pe.pos.1).unwrap_or(0);
                let at = expr_offset(src, span, source, line, col);
                errors.push(
                    InputError::at(
                        file,
                        at,
                        text!(
                            "`{key}` is not a valid CEL expression: {m}",
                            "`{key}` 不是有效的 CEL 表达式：{m}",
                            m = pe.msg
                        ),
                    )
                    .with_label(span, text!("the expression", "该表达式")),
                );
            }
            if e.errors.is_empty() {
                errors.push(InputError::at(
                    file,
                    span,
                    text!(
                        "`{key}` is not a valid CEL expression",
                        "`{key}` 不是有效的 CEL 表达式"
                    ),
                ));
            }
            return None;
        }
    };
    let shape = shape(program.expression());
    if shape.depth > 4 * MAX_NESTING {
        errors.push(InputError::at(
            file,
            span,
            text!("`{key}` is nested too deeply", "`{key}` 嵌套过深"),
        ));
        return None;
    }
    if shape.macros > MAX_MACRO_DEPTH {
        errors.push(
            InputError::at(
                file,
                span,
                text!(
                    "`{key}` nests macros (all, exists, map, filter…) {n} deep; at most {MAX_MACRO_DEPTH} are allowed",
                    "`{key}` 的宏（all、exists、map、filter 等）嵌套 {n} 层，上限为 {MAX_MACRO_DEPTH} 层",
                    n = shape.macros
                ),
            )
            .with_help(text!(
                "evaluation time grows with the data to the power of the nesting",
                "求值时间随嵌套层数按数据量的幂次增长"
            )),
        );
        return None;
    }
    let cost = cost(program.expression());
    let expr = Expression {
        source: source.to_string(),
        program,
        cost,
        file,
        span,
    };
    // A typed dummy: catches unknown variables and fields, wrong types and non-bool results.
    let dummy = &*DUMMY;
    let ctx = dummy.context(scope);
    match eval(&expr, &ctx) {
        Ok(_) => {}
        Err(EvalError::NotBool(t)) => {
            errors.push(InputError::at(
                file,
                span,
                text!(
                    "`{key}` must yield a bool, but yields {t}",
                    "`{key}` 的结果须为布尔值，实为 {t}"
                ),
            ));
            return None;
        }
        Err(EvalError::Exec(e)) if is_static(&e) => {
            errors.push(
                InputError::at(
                    file,
                    span,
                    text!("`{key}` cannot be evaluated: {e}", "`{key}` 无法求值：{e}"),
                )
                .with_help(text!(
                    "the variables of each scope are listed in the README (\"Custom rules (CEL)\")",
                    "各范围可用的变量见 README（\"Custom rules (CEL)\"）"
                )),
            );
            return None;
        }
        // Data-dependent (an index out of range on the dummy's short lists): left to run time.
        Err(EvalError::Exec(_)) => {}
    }
    Some(expr)
}

/// Errors that do not depend on the data: a name, field or type that is wrong whatever the file.
fn is_static(e: &ExecutionError) -> bool {
    matches!(
        e,
        ExecutionError::UndeclaredReference(_)
            | ExecutionError::NoSuchKey(_)
            | ExecutionError::NoSuchOverload(_)
            | ExecutionError::UnsupportedBinaryOperator(..)
            | ExecutionError::InvalidArgumentCount { .. }
            | ExecutionError::NotSupportedAsMethod { .. }
            | ExecutionError::ValuesNotComparable(..)
            | ExecutionError::UnexpectedType { .. }
            | ExecutionError::UnsupportedTargetType { .. }
            | ExecutionError::UnsupportedIndex(..)
            | ExecutionError::UnsupportedKeyType(_)
            | ExecutionError::MissingArgumentOrTarget
    )
}

/// Deepest bracket nesting outside string literals.
fn bracket_depth(s: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in s.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '(' | '[' | '{' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

struct Shape {
    depth: usize,
    macros: usize,
}

/// The depth of the tree and of comprehensions nested in it.
fn shape(e: &IdedExpr) -> Shape {
    let mut depth = 0;
    let mut macros = 0;
    let kids: Vec<&IdedExpr> = match &e.expr {
        Expr::Call(c) => c.target.iter().map(|t| &**t).chain(c.args.iter()).collect(),
        Expr::Comprehension(c) => {
            let inner = [
                &c.iter_range,
                &c.accu_init,
                &c.loop_cond,
                &c.loop_step,
                &c.result,
            ];
            let mut d = 0;
            let mut m = 0;
            for k in inner {
                let s = shape(k);
                d = d.max(s.depth);
                m = m.max(s.macros);
            }
            return Shape {
                depth: d + 1,
                macros: m + 1,
            };
        }
        Expr::List(l) => l.elements.iter().collect(),
        Expr::Map(m) => m
            .entries
            .iter()
            .flat_map(|en| match &en.expr {
                EntryExpr::MapEntry(me) => vec![&me.key, &me.value],
                EntryExpr::StructField(sf) => vec![&sf.value],
            })
            .collect(),
        Expr::Struct(s) => s
            .entries
            .iter()
            .flat_map(|en| match &en.expr {
                EntryExpr::MapEntry(me) => vec![&me.key, &me.value],
                EntryExpr::StructField(sf) => vec![&sf.value],
            })
            .collect(),
        Expr::Select(s) => vec![&*s.operand],
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => Vec::new(),
    };
    for k in kids {
        let s = shape(k);
        depth = depth.max(s.depth);
        macros = macros.max(s.macros);
    }
    Shape {
        depth: depth + 1,
        macros,
    }
}

/// A bound of an expression's evaluation steps as a polynomial in the longest list `n` a macro can
/// iterate: a node costs one step, a macro's body `n` times per run of the macro.
fn cost(e: &IdedExpr) -> [u64; MAX_MACRO_DEPTH + 1] {
    fn add(a: &mut [u64; MAX_MACRO_DEPTH + 1], b: [u64; MAX_MACRO_DEPTH + 1]) {
        for (x, y) in a.iter_mut().zip(b) {
            *x = x.saturating_add(y);
        }
    }
    let mut c = [1, 0, 0];
    match &e.expr {
        Expr::Comprehension(k) => {
            for part in [&k.iter_range, &k.accu_init, &k.result] {
                add(&mut c, cost(part));
            }
            let mut body = cost(&k.loop_cond);
            add(&mut body, cost(&k.loop_step));
            // The body runs once per element: one degree higher (the depth is at most
            // MAX_MACRO_DEPTH, checked before; anything beyond is folded into the top degree).
            let top = body[MAX_MACRO_DEPTH];
            let mut shifted = [0u64; MAX_MACRO_DEPTH + 1];
            shifted[1..].copy_from_slice(&body[..MAX_MACRO_DEPTH]);
            shifted[MAX_MACRO_DEPTH] = shifted[MAX_MACRO_DEPTH].saturating_add(top);
            add(&mut c, shifted);
        }
        Expr::Call(k) => {
            for t in k.target.iter().map(|t| &**t).chain(k.args.iter()) {
                add(&mut c, cost(t));
            }
        }
        Expr::List(l) => l.elements.iter().for_each(|x| add(&mut c, cost(x))),
        Expr::Map(m) => m.entries.iter().for_each(|en| match &en.expr {
            EntryExpr::MapEntry(me) => {
                add(&mut c, cost(&me.key));
                add(&mut c, cost(&me.value));
            }
            EntryExpr::StructField(sf) => add(&mut c, cost(&sf.value)),
        }),
        Expr::Struct(st) => st.entries.iter().for_each(|en| match &en.expr {
            EntryExpr::MapEntry(me) => {
                add(&mut c, cost(&me.key));
                add(&mut c, cost(&me.value));
            }
            EntryExpr::StructField(sf) => add(&mut c, cost(&sf.value)),
        }),
        Expr::Select(s) => add(&mut c, cost(&s.operand)),
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => {}
    }
    c
}

impl Expression {
    /// The bound of this expression's steps on a unit whose longest list has `n` items.
    fn steps(&self, n: u64) -> u64 {
        self.cost
            .iter()
            .rev()
            .fold(0u64, |acc, &k| acc.saturating_mul(n).saturating_add(k))
    }
}

/// The longest list (or map) anywhere in a value: what a macro may iterate.
fn longest_list(v: &Value) -> u64 {
    match v {
        Value::List(l) => l.iter().map(longest_list).fold(l.len() as u64, u64::max),
        Value::Map(m) => m
            .map
            .values()
            .map(longest_list)
            .fold(m.map.len() as u64, u64::max),
        _ => 0,
    }
}

enum EvalError {
    NotBool(String),
    Exec(ExecutionError),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::NotBool(t) => write!(f, "yields {t}, not a bool"),
            EvalError::Exec(e) => write!(f, "{e}"),
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "a list",
        Value::Map(_) => "a map",
        Value::Function(..) => "a function",
        Value::Int(_) => "an int",
        Value::UInt(_) => "a uint",
        Value::Float(_) => "a double",
        Value::String(_) => "a string",
        Value::Bytes(_) => "bytes",
        Value::Bool(_) => "a bool",
        Value::Null => "null",
        _ => "a value of another type",
    }
}

fn eval(e: &Expression, ctx: &Context<'_, '_>) -> Result<bool, EvalError> {
    match e.program.execute(ctx) {
        Ok(Value::Bool(b)) => Ok(b),
        Ok(other) => Err(EvalError::NotBool(type_name(&other).to_string())),
        Err(err) => Err(EvalError::Exec(err)),
    }
}

// ---------------------------------------------------------------------------------------------
// Binding the org data.

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

/// One unit's data as CEL values, built once and shared by every custom rule and entity.
pub struct Bound {
    /// The longest list anywhere in the unit (its baseline included): what a macro may iterate.
    pub longest: u64,
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
            longest: longest_list(&unit),
            unit,
            bodies,
            persons,
            powers,
        }
    }

    /// A context with `unit` and, for entity scopes, the first entity (the dummy has one of each).
    fn context(&self, scope: CelScope) -> Context<'static, 'static> {
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

static DUMMY: LazyLock<Bound> = LazyLock::new(|| {
    let src = SourceFile::new("<dummy>", DUMMY_ORG);
    match crate::load::load_org(FileId(0), &src, true) {
        crate::load::Loaded::Org(org) => Bound::new(&org, Some(&org)),
        _ => Bound {
            longest: 0,
            unit: Value::Null,
            bodies: Vec::new(),
            persons: Vec::new(),
            powers: Vec::new(),
        },
    }
});

// ---------------------------------------------------------------------------------------------
// The rule.

/// State shared by the custom rules of one run: the bound units and the run-time errors.
///
/// The engine runs every rule of one file on one thread, one after the other, so each thread keeps
/// only the unit it bound last: the custom rules of a file share one binding, and memory stays
/// bounded by the number of threads rather than growing with the files checked.
#[derive(Default)]
pub struct CustomRuntime {
    /// Per thread: the file (id and path, since a streamed check numbers each group's files from
    /// zero) and the unit bound last.
    cache: Mutex<HashMap<std::thread::ThreadId, LastBound>>,
    errors: Mutex<Vec<InputError>>,
}

/// The file (id and path) a thread bound last, and its binding.
type LastBound = (FileId, String, Arc<Bound>);

/// The custom rules' shared state (one per rule set).
pub type CustomState = Arc<CustomRuntime>;

impl CustomRuntime {
    fn bound(&self, cx: &FileCx<'_>) -> Arc<Bound> {
        let thread = std::thread::current().id();
        if let Ok(cache) = self.cache.lock() {
            if let Some((file, path, b)) = cache.get(&thread) {
                if *file == cx.org.file && *path == cx.source.path {
                    return b.clone();
                }
            }
        }
        // Built outside the lock; a unit bound again (on another thread) binds to the same values.
        let b = Arc::new(Bound::new(cx.org, cx.baseline));
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(thread, (cx.org.file, cx.source.path.clone(), b.clone()));
        }
        b
    }

    /// Forgets the bound units (the engine calls it before and after a run, so a rule set used for
    /// several workspaces never sees another run's file ids).
    pub fn clear_cache(&self) {
        if let Ok(mut cache) = self.cache.lock() {
            cache.clear();
        }
    }

    /// The run-time errors of custom expressions, taken out (each rule reports at most one).
    pub fn take_errors(&self) -> Vec<InputError> {
        self.errors
            .lock()
            .map(|mut e| std::mem::take(&mut *e))
            .unwrap_or_default()
    }
}

/// A custom rule configured from a pack, run by the engine like a built-in one.
pub struct CustomRule {
    meta: &'static RuleMeta,
    def: CustomDef,
    state: CustomState,
    reported: AtomicBool,
    /// Set when the rule went over its budget: it evaluates nothing more in this run.
    stopped: AtomicBool,
    /// Time spent evaluating, in nanoseconds, all threads together.
    spent: AtomicU64,
}

impl CustomRule {
    pub fn new(def: CustomDef, state: CustomState) -> CustomRule {
        let meta = Box::leak(Box::new(RuleMeta {
            code: Box::leak(def.code.clone().into_boxed_str()),
            name: Box::leak(def.name.clone().into_boxed_str()),
            level: def.level,
            cite: crate::rules::Cite {
                zh: Box::leak(def.cite.zh.clone().into_boxed_str()),
                en: Box::leak(def.cite.en.clone().into_boxed_str()),
            },
            scope: def.applies_to,
            doc: Box::leak(doc(&def).into_boxed_str()),
        }));
        CustomRule {
            meta,
            def,
            state,
            reported: AtomicBool::new(false),
            stopped: AtomicBool::new(false),
            spent: AtomicU64::new(0),
        }
    }

    fn report(&self, e: &Expression, key: &str, target: &Target, path: &str, err: &EvalError) {
        if self.reported.swap(true, Ordering::SeqCst) {
            return;
        }
        let code = &self.def.code;
        let error = InputError::at(
            e.file,
            e.span,
            text!(
                "custom rule {code}: `{key}` failed on {target} in {path}: {err}",
                "自定义规则 {code}：`{key}` 在 {path} 的 {target} 上求值失败：{err}"
            ),
        )
        .with_help(text!(
            "guard the expression (e.g. `size(l) > 0 && …`, `unit.baseline != null && …`); only the first failure of a rule is reported",
            "为表达式加上前提条件（如 `size(l) > 0 && …`、`unit.baseline != null && …`）；每条规则只报告第一次失败"
        ));
        if let Ok(mut errors) = self.state.errors.lock() {
            errors.push(error);
        }
    }

    /// Stops the rule for the rest of the run with one pack error: an expression over its budget.
    fn over_budget(&self, e: &Expression, key: &str, path: &str, why: Text) {
        self.stopped.store(true, Ordering::Relaxed);
        if self.reported.swap(true, Ordering::SeqCst) {
            return;
        }
        let code = &self.def.code;
        let error = InputError::at(
            e.file,
            e.span,
            Text {
                en: format!("custom rule {code}: `{key}` is stopped on {path}: {}", why.en),
                zh: format!("自定义规则 {code}：`{key}` 在 {path} 上停止求值：{}", why.zh),
            },
        )
        .with_help(text!(
            "the rule found nothing after this; iterate a shorter list (e.g. `body.persons` instead of `unit.persons`) or split the rule",
            "此后该规则不再检查；请改为遍历较短的列表（如以 `body.persons` 代替 `unit.persons`）或拆分规则"
        ));
        if let Ok(mut errors) = self.state.errors.lock() {
            errors.push(error);
        }
    }

    /// Evaluates one expression within the budgets; `None` when it did not run.
    fn eval_bounded(
        &self,
        e: &Expression,
        key: &str,
        longest: u64,
        path: &str,
        ctx: &Context<'_, '_>,
    ) -> Option<Result<bool, EvalError>> {
        if self.stopped.load(Ordering::Relaxed) {
            return None;
        }
        let steps = e.steps(longest);
        if steps > MAX_STEPS_PER_ENTITY {
            self.over_budget(
                e,
                key,
                path,
                text!(
                    "with lists of {longest} items it may take {steps} steps per entity, above the limit of {MAX_STEPS_PER_ENTITY}",
                    "列表长达 {longest} 项时每个对象可能需要 {steps} 步，超过上限 {MAX_STEPS_PER_ENTITY} 步"
                ),
            );
            return None;
        }
        let start = std::time::Instant::now();
        let r = eval(e, ctx);
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let spent = self
            .spent
            .fetch_add(nanos, Ordering::Relaxed)
            .saturating_add(nanos);
        if spent > MAX_SECONDS_PER_RUN * 1_000_000_000 {
            self.over_budget(
                e,
                key,
                path,
                text!(
                    "the rule has taken more than {MAX_SECONDS_PER_RUN} seconds in this run",
                    "该规则在本次检查中的求值时间已超过 {MAX_SECONDS_PER_RUN} 秒"
                ),
            );
            return None;
        }
        Some(r)
    }

    /// Evaluates the rule on one entity; a finding when `when` holds and `assert` does not.
    fn check_one(
        &self,
        cx: &FileCx<'_>,
        ctx: &Context<'_, '_>,
        longest: u64,
        span: Span,
        target: Target,
        out: &mut Vec<Finding>,
    ) {
        let path = &cx.source.path;
        if let Some(when) = &self.def.when {
            let Some(r) = self.eval_bounded(when, "when", longest, path, ctx) else {
                return;
            };
            match r {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => return self.report(when, "when", &target, path, &e),
            }
        }
        let a = &self.def.assert;
        let Some(r) = self.eval_bounded(a, "assert", longest, path, ctx) else {
            return;
        };
        match r {
            Ok(true) => {}
            Ok(false) => {
                let mut f = Finding::new(cx.org.file, span, self.def.message.clone())
                    .target(target)
                    .primary(text!(
                        "custom rule {c} fails here",
                        "此处不符合自定义规则 {c}",
                        c = self.def.code
                    ))
                    .label(
                        a.file,
                        a.span,
                        text!("the rule's assertion", "该规则的断言"),
                    );
                if let Some(h) = &self.def.help {
                    f = f.help(h.clone());
                }
                out.push(f);
            }
            Err(e) => self.report(a, "assert", &target, path, &e),
        }
    }
}

fn doc(def: &CustomDef) -> String {
    let when = def
        .when
        .as_ref()
        .map_or(String::new(), |w| format!("when `{}`, ", w.source));
    let when_zh = def
        .when
        .as_ref()
        .map_or(String::new(), |w| format!("当 `{}` 时，", w.source));
    let (scope, scope_zh) = (def.scope.as_str(), def.scope.zh());
    format!(
        " ## What it checks\n {}\n\n A custom rule of the pack, for each {scope}: {when}`{}`.\n\n ## Why\n {}\n\n ## 检查内容\n {}\n\n 本规则包的自定义规则，适用于每个{scope_zh}：{when_zh}`{}`。\n\n ## 依据\n {}\n",
        def.message.en, def.assert.source, def.cite.en, def.message.zh, def.assert.source, def.cite.zh
    )
}

impl Rule for CustomRule {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    fn params(&self) -> toml::Table {
        let mut t = toml::Table::new();
        t.insert(
            "scope".into(),
            toml::Value::String(self.def.scope.as_str().into()),
        );
        if let Some(w) = &self.def.when {
            t.insert("when".into(), toml::Value::String(w.source.clone()));
        }
        t.insert(
            "assert".into(),
            toml::Value::String(self.def.assert.source.clone()),
        );
        t
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let bound = self.state.bound(cx);
        if self.stopped.load(Ordering::Relaxed) {
            return;
        }
        let mut root = new_context();
        root.add_variable_from_value("unit", bound.unit.clone());
        let org = cx.org;
        match self.def.scope {
            CelScope::Unit => self.check_one(
                cx,
                &root,
                bound.longest,
                org.unit.span,
                Target::unit(&org.unit.id.value),
                out,
            ),
            CelScope::Body => {
                for (b, v) in org.bodies.iter().zip(&bound.bodies) {
                    let mut ctx = root.new_inner_scope();
                    ctx.add_variable_from_value("body", v.clone());
                    self.check_one(
                        cx,
                        &ctx,
                        bound.longest,
                        b.span,
                        Target::body(&b.id.value),
                        out,
                    );
                }
            }
            CelScope::Person => {
                for (p, v) in org.persons.iter().zip(&bound.persons) {
                    let mut ctx = root.new_inner_scope();
                    ctx.add_variable_from_value("person", v.clone());
                    self.check_one(
                        cx,
                        &ctx,
                        bound.longest,
                        p.span,
                        Target::person(&p.id.value),
                        out,
                    );
                }
            }
            CelScope::Power => {
                for (p, v) in org.powers.iter().zip(&bound.powers) {
                    let mut ctx = root.new_inner_scope();
                    ctx.add_variable_from_value("power", v.clone());
                    self.check_one(
                        cx,
                        &ctx,
                        bound.longest,
                        p.span,
                        Target::power(&p.code.value),
                        out,
                    );
                }
            }
        }
    }

    fn check_workspace(&self, _ws: &Workspace, _shared: &Shared, _out: &mut Vec<Finding>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn try_compile(src: &str, scope: CelScope) -> Result<(), Vec<InputError>> {
        let text = format!("x = {src:?}\n");
        let file = SourceFile::new("p.toml", text.as_str());
        let span = Span::new(4, text.len() - 1);
        let mut errors = Vec::new();
        match compile(FileId(0), &file, src, span, scope, "assert", &mut errors) {
            Some(_) => Ok(()),
            None => Err(errors),
        }
    }

    #[test]
    fn good_expressions_compile() {
        for (e, s) in [
            ("body.persons.filter(p, p.enforcement_certified).size() * 10 >= body.persons.size() * 8", CelScope::Body),
            ("body.office == 'front' && body.duty == 'enforcement'", CelScope::Body),
            ("unit.quota.administrative <= 60", CelScope::Unit),
            ("unit.baseline == null || unit.bodies.size() <= unit.baseline.bodies.size()", CelScope::Unit),
            ("person.grade != 'section' || person.title != ''", CelScope::Person),
            ("size(power.responsibilities) > 0 && power.published", CelScope::Power),
            ("unit.bodies.all(b, unit.persons.exists(p, p.body == b.id))", CelScope::Unit),
            ("unit.bodies[0].id != ''", CelScope::Unit),
        ] {
            assert!(try_compile(e, s).is_ok(), "{e}: {:?}", try_compile(e, s));
        }
    }

    #[test]
    fn bad_expressions_are_pack_errors() {
        for (e, s) in [
            ("body.persons.size(", CelScope::Body),
            ("body.nam == 'x'", CelScope::Body),
            ("bodyy.name == 'x'", CelScope::Body),
            ("person.name == 'x'", CelScope::Person),
            ("body.persons.size()", CelScope::Body),
            ("unit.quota.administrative + 'a' > 1", CelScope::Unit),
            (
                "unit.bodies.all(a, unit.bodies.all(b, unit.bodies.all(c, true)))",
                CelScope::Unit,
            ),
        ] {
            assert!(try_compile(e, s).is_err(), "{e}");
        }
        let deep = format!("{}true{}", "(".repeat(100), ")".repeat(100));
        assert!(try_compile(&deep, CelScope::Unit).is_err());
        let long = format!("true{}", " && true".repeat(400));
        assert!(try_compile(&long, CelScope::Unit).is_err());
    }

    #[test]
    fn long_chains_within_the_limit_do_not_overflow() {
        let chain = format!("1{} > 0", " + 1".repeat(450));
        let _ = try_compile(&chain, CelScope::Unit);
    }

    #[test]
    fn parse_error_points_into_the_expression() {
        let src = "body.persons.size( > 1";
        let errs = try_compile(src, CelScope::Body).unwrap_err();
        let span = errs[0].span.unwrap();
        assert!(span.start > 4 && span.start < 4 + src.len() + 2, "{span:?}");
    }
}
