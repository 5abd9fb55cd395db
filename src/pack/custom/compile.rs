//! Compiling a custom rule's expressions when the pack loads: the bounds on their size, nesting and
//! cost, the type check on a dummy unit, and evaluation.

use cel::common::ast::{operators, EntryExpr, Expr, IdedEntryExpr, LiteralValue};
use cel::{Context, ExecutionError, IdedExpr, Program, Value};

use super::bind::{CelScope, DataSizes, DUMMY, VALUE_BYTES};
use crate::base::diag::InputError;
use crate::base::i18n::{msg, Text};
use crate::base::source::{FileId, SourceFile, Span};
use crate::text;

/// Longest expression accepted, in characters.
pub const MAX_EXPR_CHARS: usize = 2000;
/// Deepest nesting of brackets, and of the parsed expression tree divided by four.
pub const MAX_NESTING: usize = 32;
/// Deepest nesting of macros (comprehensions): `unit.bodies.all(b, unit.persons.exists(p, …))` is 2.
pub const MAX_MACRO_DEPTH: usize = 2;
/// Most evaluation steps an expression may take on one entity, as bounded before it runs.
pub const MAX_STEPS_PER_ENTITY: u64 = 2_000_000;
/// Most bytes an expression may hold while it runs on one entity, as bounded before it runs: two
/// nested `map`s over 300 persons with long titles held 3.5 GB within the step limit.
pub const MAX_BYTES_PER_ENTITY: u64 = 64 << 20;
/// Most time one custom rule may spend evaluating in a run, in seconds (all threads together).
pub const MAX_SECONDS_PER_RUN: u64 = 10;

/// A compiled expression with where the pack wrote it.
pub struct Expression {
    pub source: String,
    program: Program,
    /// The cost bound: `cost[k]` steps per (longest list of the unit)^k.
    cost: [u64; MAX_MACRO_DEPTH + 1],
    pub file: FileId,
    pub span: Span,
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

pub(super) fn compile(
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
                    InputError::at(file, at, msg::cel_syntax(key, &pe.msg))
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
                InputError::at(file, span, {
                    let t = EvalError::exec_text(&e);
                    let (en, zh) = (&t.en, &t.zh);
                    text!(
                        "`{key}` cannot be evaluated: {en}",
                        "`{key}` 无法求值：{zh}"
                    )
                })
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
    // The run on the dummy takes one path through `||`, `&&` and `?:`, and CEL's `==` between a
    // string and a number is quietly false: `person.grade == 3` would never hold and never say
    // why. Every comparison whose two sides the dummy can evaluate is checked on its own.
    if let Some((left, right)) = mixed_comparison(expr.program.expression(), &ctx) {
        let (zl, zr) = (type_name_zh(left), type_name_zh(right));
        errors.push(
            InputError::at(
                file,
                span,
                text!(
                    "`{key}` compares a {left} with a {right}: they never match (`==` is always false, `!=` always true, `<` an error)",
                    "`{key}` 将{zl}与{zr}比较：二者永不匹配（`==` 恒为假，`!=` 恒为真，`<` 出错）"
                ),
            )
            .with_help(text!(
                "write numbers without quotes and words in quotes: `person.grade == 'section'`, `unit.quota.administrative > 3`",
                "数字不加引号，文字加引号：`person.grade == 'section'`、`unit.quota.administrative > 3`"
            )),
        );
        return None;
    }
    Some(expr)
}

/// The first comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`) in `e` of a string with a number, as
/// the two sides' type names, where both sides evaluate on the dummy unit (a side naming a macro's
/// variable does not, and is left alone).
fn mixed_comparison(e: &IdedExpr, ctx: &Context<'_, '_>) -> Option<(&'static str, &'static str)> {
    use cel::common::ast::operators as op;
    if let Expr::Call(c) = &e.expr {
        let compares = [
            op::EQUALS,
            op::NOT_EQUALS,
            op::LESS,
            op::LESS_EQUALS,
            op::GREATER,
            op::GREATER_EQUALS,
        ]
        .contains(&c.func_name.as_str());
        if compares && c.target.is_none() && c.args.len() == 2 {
            let kind = |a: &IdedExpr| match Value::resolve(a, ctx) {
                Ok(Value::String(_)) => Some("string"),
                Ok(Value::Int(_) | Value::UInt(_) | Value::Float(_)) => Some("number"),
                _ => None,
            };
            if let (Some(l), Some(r)) = (kind(&c.args[0]), kind(&c.args[1])) {
                if l != r {
                    return Some((l, r));
                }
            }
        }
    }
    children(e)
        .into_iter()
        .find_map(|k| mixed_comparison(k, ctx))
}

fn type_name_zh(t: &str) -> &'static str {
    match t {
        "string" => "字符串",
        _ => "数字",
    }
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
    if let Expr::Comprehension(_) = &e.expr {
        let mut d = 0;
        let mut m = 0;
        for k in children(e) {
            let s = shape(k);
            d = d.max(s.depth);
            m = m.max(s.macros);
        }
        return Shape {
            depth: d + 1,
            macros: m + 1,
        };
    }
    let kids = children(e);
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
    pub(super) fn steps(&self, n: u64) -> u64 {
        self.cost
            .iter()
            .rev()
            .fold(0u64, |acc, &k| acc.saturating_mul(n).saturating_add(k))
    }
}

const SCALAR: u64 = 32;

/// What evaluating a node can hold, in bytes: the value it makes (`fresh`; 0 for data it only
/// reads), what its value weighs once copied into a list or a string (`copy`), what one element
/// of it weighs (`elem`: a macro copies each element it takes), and the most held at once while
/// it runs, its value included (`peak`).
#[derive(Debug, Clone, Copy, Default)]
struct Held {
    fresh: u64,
    copy: u64,
    elem: u64,
    peak: u64,
}

impl Held {
    /// The unit's data read, not copied.
    fn data(copy: u64, elem: u64) -> Held {
        Held {
            fresh: 0,
            copy,
            elem: elem.min(copy),
            peak: 0,
        }
    }

    /// A value of `fresh` bytes made while its operands held `peak`.
    fn made(fresh: u64, peak: u64) -> Held {
        Held {
            fresh,
            copy: fresh,
            elem: fresh,
            peak: peak.saturating_add(fresh),
        }
    }
}

/// Functions and operators whose value is a bool or a number, whatever their operands.
const SCALAR_CALLS: &[&str] = &[
    operators::LOGICAL_AND,
    operators::LOGICAL_OR,
    operators::LOGICAL_NOT,
    operators::EQUALS,
    operators::NOT_EQUALS,
    operators::GREATER_EQUALS,
    operators::LESS_EQUALS,
    operators::GREATER,
    operators::LESS,
    operators::NEGATE,
    operators::SUBSTRACT,
    operators::MULTIPLY,
    operators::DIVIDE,
    operators::MODULO,
    operators::IN,
    operators::NOT_STRICTLY_FALSE,
    operators::HAS,
    "size",
    "contains",
    "startsWith",
    "endsWith",
    "matches",
    "int",
    "uint",
    "double",
    "bool",
    "type",
];

/// Bounds the bytes an expression holds, from its shape and the unit's [`DataSizes`]. Like the
/// step bound, it assumes the worst of the data: every list as long as the longest, every text as
/// long as the longest, every element as big as the biggest.
struct Bytes<'a> {
    sizes: &'a DataSizes,
    /// Macro variables in scope and what one element they take weighs.
    vars: Vec<(&'a str, u64)>,
    /// Accumulators in scope: what they grow to is counted at their macro.
    accus: Vec<&'a str>,
}

impl<'a> Bytes<'a> {
    /// What a field of the unit's data weighs, by the shape of the bound data (the typed dummy
    /// has every field): a list of persons, bodies, powers or texts, a map, or a text or number.
    fn field(&self, name: &str, of: u64) -> Held {
        use super::bind::FieldKind;
        let s = self.sizes;
        let text = s.text.saturating_add(VALUE_BYTES);
        let elem = match name {
            "persons" | "leadership" => s.person,
            "bodies" => s.body,
            "powers" => s.power,
            _ => text,
        };
        let (w, elem) = match super::bind::field_kind(name) {
            FieldKind::List => (s.longest.saturating_mul(elem), elem),
            FieldKind::Unit => (s.unit, s.entity),
            FieldKind::Map => (s.entity, s.entity),
            FieldKind::Scalar => (text, text),
        };
        Held::data(w.min(of), elem)
    }

    /// What a variable the rule is given weighs.
    fn variable(&self, name: &str) -> Held {
        let s = self.sizes;
        match name {
            "person" => Held::data(s.person, s.entity),
            "body" => Held::data(s.body, s.entity),
            "power" => Held::data(s.power, s.entity),
            _ => Held::data(s.unit, s.entity),
        }
    }

    fn walk(&mut self, e: &'a IdedExpr) -> Held {
        let s = *self.sizes;
        let sum = |hs: &[Held], f: fn(&Held) -> u64| {
            hs.iter().fold(0u64, |acc, h| acc.saturating_add(f(h)))
        };
        match &e.expr {
            Expr::Literal(LiteralValue::String(t)) => {
                Held::made(t.inner().len() as u64 + SCALAR, 0)
            }
            Expr::Literal(_) | Expr::Unspecified => Held::made(SCALAR, 0),
            Expr::Ident(name) => {
                if self.accus.iter().any(|a| a == name) {
                    Held::default()
                } else if let Some((_, w)) = self.vars.iter().rev().find(|(v, _)| v == name) {
                    Held::data(*w, s.entity)
                } else {
                    self.variable(name)
                }
            }
            Expr::Select(sel) => {
                let op = self.walk(&sel.operand);
                if sel.test {
                    Held::made(SCALAR, op.peak)
                } else if op.fresh == 0 {
                    self.field(&sel.field, op.copy)
                } else {
                    op
                }
            }
            Expr::Call(c) => {
                let args: Vec<Held> = c
                    .target
                    .iter()
                    .map(|t| &**t)
                    .chain(c.args.iter())
                    .map(|a| self.walk(a))
                    .collect();
                let peak = sum(&args, |h| h.peak);
                match c.func_name.as_str() {
                    operators::CONDITIONAL if args.len() == 3 => {
                        let (a, b) = (args[1], args[2]);
                        Held {
                            fresh: a.fresh.max(b.fresh),
                            copy: a.copy.max(b.copy),
                            elem: a.elem.max(b.elem),
                            peak: args[0].peak.saturating_add(a.peak.max(b.peak)),
                        }
                    }
                    operators::INDEX | operators::OPT_INDEX if args.len() == 2 => {
                        let t = args[0];
                        if t.fresh == 0 {
                            let at = match &c.args.get(1).map(|k| &k.expr) {
                                Some(Expr::Literal(LiteralValue::String(k))) => {
                                    self.field(k.inner(), t.copy)
                                }
                                _ => Held::data(t.elem, s.entity),
                            };
                            Held { peak, ..at }
                        } else {
                            Held { peak, ..t }
                        }
                    }
                    f if SCALAR_CALLS.contains(&f) => Held::made(SCALAR, peak),
                    // `+` of texts or lists, and anything else (`string()`, `dyn()`…): at most
                    // its operands copied.
                    _ => Held::made(sum(&args, |h| h.copy).saturating_add(SCALAR), peak),
                }
            }
            Expr::List(l) => {
                let items: Vec<Held> = l.elements.iter().map(|x| self.walk(x)).collect();
                let fresh = sum(&items, |h| h.copy)
                    .saturating_add(SCALAR.saturating_mul(items.len() as u64 + 1));
                Held::made(fresh, sum(&items, |h| h.peak))
            }
            // A map's or a message's entries: each key and value, and a boxed value per entry.
            Expr::Map(_) | Expr::Struct(_) => {
                let items: Vec<Held> = children(e).into_iter().map(|x| self.walk(x)).collect();
                let fresh = sum(&items, |h| h.copy)
                    .saturating_add(VALUE_BYTES.saturating_mul(items.len() as u64 + 1));
                Held::made(fresh, sum(&items, |h| h.peak))
            }
            Expr::Comprehension(k) => {
                let range = self.walk(&k.iter_range);
                let init = self.walk(&k.accu_init);
                // Each element taken is copied: of the unit's lists, at most the biggest of that
                // list; of a list the rule made, at most one of its elements.
                let elem = range.elem;
                let vars = self.vars.len();
                self.vars.push((&k.iter_var, elem));
                if let Some(v2) = &k.iter_var2 {
                    self.vars.push((v2, elem));
                }
                self.accus.push(&k.accu_var);
                let cond = self.walk(&k.loop_cond);
                let step = self.walk(&k.loop_step);
                self.vars.truncate(vars);
                let result = self.walk(&k.result);
                self.accus.pop();
                // The accumulator grows by at most one step's value per element (a `map`'s
                // list), whatever replaces it (an `all`'s bool).
                let grown = s.longest.max(1).saturating_mul(step.fresh);
                let fresh = init
                    .fresh
                    .saturating_add(grown)
                    .saturating_add(result.fresh);
                let peak = [
                    range.peak,
                    init.peak,
                    grown,
                    elem,
                    cond.peak,
                    step.peak,
                    result.peak,
                ]
                .iter()
                .fold(0u64, |a, b| a.saturating_add(*b));
                Held {
                    fresh,
                    copy: fresh,
                    elem: fresh,
                    peak,
                }
            }
        }
    }
}

impl Expression {
    /// The bound of the bytes this expression holds while it runs on a unit of these sizes.
    pub(super) fn bytes(&self, sizes: &DataSizes) -> u64 {
        Bytes {
            sizes,
            vars: Vec::new(),
            accus: Vec::new(),
        }
        .walk(self.program.expression())
        .peak
    }
}

pub(super) enum EvalError {
    NotBool(String),
    Exec(ExecutionError),
}

impl EvalError {
    /// What went wrong, in both languages.
    pub(super) fn text(&self) -> Text {
        match self {
            EvalError::NotBool(t) => msg::cel_not_bool(t),
            EvalError::Exec(e) => Self::exec_text(e),
        }
    }

    fn exec_text(e: &ExecutionError) -> Text {
        match e {
            ExecutionError::UndeclaredReference(n) => msg::cel_undeclared(n),
            ExecutionError::NoSuchKey(k) => msg::cel_no_such_key(k),
            ExecutionError::UnexpectedType { got, want } => msg::cel_unexpected_type(got, want),
            ExecutionError::InvalidArgumentCount { expected, actual } => {
                msg::cel_argument_count(*expected, *actual)
            }
            ExecutionError::DivisionByZero(_) | ExecutionError::RemainderByZero(_) => {
                msg::cel_division_by_zero()
            }
            other => msg::cel_other(&other.to_string()),
        }
    }
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

pub(super) fn eval(e: &Expression, ctx: &Context<'_, '_>) -> Result<bool, EvalError> {
    match e.program.execute(ctx) {
        Ok(Value::Bool(b)) => Ok(b),
        Ok(other) => Err(EvalError::NotBool(type_name(&other).to_string())),
        Err(err) => Err(EvalError::Exec(err)),
    }
}

/// An expression's direct subexpressions (a macro's: its range, start, condition, step and result).
fn children(e: &IdedExpr) -> Vec<&IdedExpr> {
    match &e.expr {
        Expr::Call(c) => c.target.iter().map(|t| &**t).chain(c.args.iter()).collect(),
        Expr::Comprehension(c) => vec![
            &c.iter_range,
            &c.accu_init,
            &c.loop_cond,
            &c.loop_step,
            &c.result,
        ],
        Expr::List(l) => l.elements.iter().collect(),
        Expr::Map(m) => entry_exprs(&m.entries),
        Expr::Struct(s) => entry_exprs(&s.entries),
        Expr::Select(s) => vec![&*s.operand],
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => Vec::new(),
    }
}

/// The expressions of a map's or a message's entries: each key and value.
fn entry_exprs(entries: &[IdedEntryExpr]) -> Vec<&IdedExpr> {
    entries
        .iter()
        .flat_map(|en| match &en.expr {
            EntryExpr::MapEntry(me) => vec![&me.key, &me.value],
            EntryExpr::StructField(sf) => vec![&sf.value],
        })
        .collect()
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
            // A string compared with a number, also where the dummy's run never gets to it.
            ("person.grade == 3", CelScope::Person),
            ("person.title != '' || person.grade > 3", CelScope::Person),
            (
                "body.kind == 'functional' && unit.quota.administrative == '60'",
                CelScope::Body,
            ),
            ("unit.bodies.size() > '2'", CelScope::Unit),
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
    fn memory_is_bounded_by_what_an_expression_builds() {
        let compiled = |src: &str, scope| {
            let text = format!("x = {src:?}\n");
            let file = SourceFile::new("p.toml", text.as_str());
            let span = Span::new(4, text.len() - 1);
            compile(
                FileId(0),
                &file,
                src,
                span,
                scope,
                "assert",
                &mut Vec::new(),
            )
            .unwrap()
        };
        // 300 persons with titles of 3,000 bytes, one body holding them all.
        let sizes = DataSizes {
            longest: 300,
            text: 3000,
            entity: 1_000_000,
            person: 3500,
            body: 1_000_000,
            power: 500,
            unit: 2_500_000,
        };
        let greedy = compiled(
            "unit.persons.map(p, unit.persons.map(q, p.title + q.title)).size() > 0",
            CelScope::Unit,
        );
        assert!(greedy.bytes(&sizes) > MAX_BYTES_PER_ENTITY);
        // The same pairs compared, not kept: each joined title is dropped before the next.
        for (src, scope) in [
            ("unit.persons.all(p, unit.persons.all(q, p.title + q.title != ''))", CelScope::Unit),
            ("unit.bodies.all(b, unit.persons.exists(p, p.body == b.id))", CelScope::Unit),
            ("body.persons.filter(p, p.enforcement_certified).size() * 10 >= body.persons.size() * 8", CelScope::Body),
            ("unit.persons.map(p, p.title).size() > 0", CelScope::Unit),
        ] {
            let b = compiled(src, scope).bytes(&sizes);
            assert!(b < MAX_BYTES_PER_ENTITY / 4, "{src}: {b}");
        }
    }

    #[test]
    fn parse_error_points_into_the_expression() {
        let src = "body.persons.size( > 1";
        let errs = try_compile(src, CelScope::Body).unwrap_err();
        let span = errs[0].span.unwrap();
        assert!(span.start > 4 && span.start < 4 + src.len() + 2, "{span:?}");
    }
}
