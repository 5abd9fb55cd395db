//! A custom rule run by the engine like a built-in one: its evaluation within budgets, and the
//! state the custom rules of one run share.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use cel::Context;

use super::bind::DataSizes;
use super::bind::{new_context, Bound, CelScope};
use super::compile::{eval, EvalError, Expression};
use super::compile::{MAX_BYTES_PER_ENTITY, MAX_SECONDS_PER_RUN, MAX_STEPS_PER_ENTITY};
use super::read::CustomDef;
use crate::base::diag::{Finding, InputError, Target};
use crate::base::i18n::Text;
use crate::base::source::Span;
use crate::rules::{Bilingual, Cite, FileCx, Rule, RuleMeta, Shared};
use crate::text;
use crate::workspace::Workspace;

/// State shared by the custom rules of one run: the run-time errors. (The unit they bind is kept
/// in the file's [`FileSlot`](crate::rules::FileSlot), so it goes with the file.)
#[derive(Default)]
pub struct CustomRuntime {
    errors: Mutex<Vec<InputError>>,
    /// Time spent evaluating, in nanoseconds, by all the custom rules of the run together: the
    /// time budget is the pack's, not each rule's (a pack of twenty rules would run twenty times
    /// as long).
    spent: AtomicU64,
}

/// The custom rules' shared state (one per rule set).
pub type CustomState = Arc<CustomRuntime>;

impl CustomRuntime {
    /// The run-time errors of custom expressions, taken out (each rule reports at most one).
    pub fn take_errors(&self) -> Vec<InputError> {
        self.errors
            .lock()
            .map(|mut e| std::mem::take(&mut *e))
            .unwrap_or_default()
    }
}

/// Why a custom rule stopped once the run's time is spent.
fn time_spent() -> Text {
    text!(
        "the pack's custom rules have taken more than {MAX_SECONDS_PER_RUN} seconds in this run",
        "规则包的自定义规则在本次检查中的求值时间合计已超过 {MAX_SECONDS_PER_RUN} 秒"
    )
}

/// The bounds of a rule's expressions on one unit.
struct Bounds {
    sizes: DataSizes,
    /// The bytes `when` and `assert` may hold.
    when: u64,
    assert: u64,
}

/// A custom rule configured from a pack, run by the engine like a built-in one.
pub struct CustomRule {
    meta: RuleMeta,
    def: CustomDef,
    state: CustomState,
    reported: AtomicBool,
    /// Set when the rule went over its budget: it evaluates nothing more in this run.
    stopped: AtomicBool,
}

/// A custom rule's facts, owned by the rule: its documentation is made from the pack's entry.
fn meta_of(def: &CustomDef) -> RuleMeta {
    RuleMeta {
        code: def.code.clone().into(),
        name: def.name.clone().into(),
        level: def.level,
        cite: Cite {
            zh: def.cite.zh.clone().into(),
            en: def.cite.en.clone().into(),
        },
        scope: def.applies_to,
        doc: doc(def).into(),
        // A pack's rule is called by its name, in both languages and everywhere.
        title: Bilingual {
            zh: def.name.clone().into(),
            en: def.name.clone().into(),
        },
        short: Bilingual {
            zh: def.name.clone().into(),
            en: def.name.clone().into(),
        },
        example_comments: &[],
    }
}

impl CustomRule {
    pub fn new(def: CustomDef, state: CustomState) -> CustomRule {
        CustomRule {
            meta: meta_of(&def),
            def,
            state,
            reported: AtomicBool::new(false),
            stopped: AtomicBool::new(false),
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
            {
                let t = err.text();
                let (en, zh) = (&t.en, &t.zh);
                text!(
                    "custom rule {code}: `{key}` failed on {target} in {path}: {en}",
                    "自定义规则 {code}：`{key}` 在 {path} 的 {target} 上求值失败：{zh}"
                )
            },
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

    /// Evaluates one expression within the budgets; `None` when it did not run. `bytes` is its
    /// memory bound on this unit ([`Expression::bytes`]).
    fn eval_bounded(
        &self,
        e: &Expression,
        key: &str,
        sizes: &DataSizes,
        bytes: u64,
        path: &str,
        ctx: &Context<'_, '_>,
    ) -> Option<Result<bool, EvalError>> {
        if self.stopped.load(Ordering::Relaxed) {
            return None;
        }
        let budget = MAX_SECONDS_PER_RUN * 1_000_000_000;
        if self.state.spent.load(Ordering::Relaxed) > budget {
            // Another custom rule of the pack used up the run's time: this one stops too, and
            // says so, since it found nothing after this.
            self.over_budget(e, key, path, time_spent());
            return None;
        }
        let longest = sizes.longest;
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
        if bytes > MAX_BYTES_PER_ENTITY {
            let (mib, max) = (bytes.div_ceil(1 << 20), MAX_BYTES_PER_ENTITY >> 20);
            let text = sizes.text;
            self.over_budget(
                e,
                key,
                path,
                text!(
                    "with lists of {longest} items and texts of {text} bytes it may hold {mib} MiB per entity, above the limit of {max} MiB",
                    "列表长达 {longest} 项、文本长达 {text} 字节时每个对象可能占用 {mib} MiB 内存，超过上限 {max} MiB"
                ),
            );
            return None;
        }
        let start = web_time::Instant::now();
        let r = eval(e, ctx);
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let spent = self
            .state
            .spent
            .fetch_add(nanos, Ordering::Relaxed)
            .saturating_add(nanos);
        if spent > budget {
            self.over_budget(e, key, path, time_spent());
            return None;
        }
        Some(r)
    }

    /// Evaluates the rule on one entity; a finding when `when` holds and `assert` does not.
    fn check_one(
        &self,
        cx: &FileCx<'_>,
        ctx: &Context<'_, '_>,
        bounds: &Bounds,
        span: Span,
        target: Target,
        out: &mut Vec<Finding>,
    ) {
        let path = &cx.source.path;
        if let Some(when) = &self.def.when {
            let Some(r) = self.eval_bounded(when, "when", &bounds.sizes, bounds.when, path, ctx)
            else {
                return;
            };
            match r {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => return self.report(when, "when", &target, path, &e),
            }
        }
        let a = &self.def.assert;
        let Some(r) = self.eval_bounded(a, "assert", &bounds.sizes, bounds.assert, path, ctx)
        else {
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
    fn meta(&self) -> &RuleMeta {
        &self.meta
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
        if self.stopped.load(Ordering::Relaxed) {
            return;
        }
        // The file's custom rules share one binding, made by the first of them that runs.
        let own;
        let bound = match cx.slot.get_or_init(|| Bound::new(cx.org, cx.baseline)) {
            Some(b) => b,
            // The slot holds something else: bind for this rule alone.
            None => {
                own = Bound::new(cx.org, cx.baseline);
                &own
            }
        };
        // The memory bounds depend on the unit, not the entity: computed once per file.
        let sizes = bound.sizes;
        let bounds = Bounds {
            sizes,
            when: self.def.when.as_ref().map_or(0, |w| w.bytes(&sizes)),
            assert: self.def.assert.bytes(&sizes),
        };
        let mut root = new_context();
        root.add_variable_from_value("unit", bound.unit.clone());
        let org = cx.org;
        // Each entity of the rule's scope, with the variable its expressions read it by.
        let (name, entities): (&str, Vec<(Span, Target, &cel::Value)>) = match self.def.scope {
            CelScope::Unit => {
                let target = Target::unit(&org.unit.id.value);
                self.check_one(cx, &root, &bounds, org.unit.span, target, out);
                return;
            }
            CelScope::Body => (
                "body",
                org.bodies
                    .iter()
                    .zip(&bound.bodies)
                    .map(|(b, v)| (b.span, Target::body(&b.id.value), v))
                    .collect(),
            ),
            CelScope::Person => (
                "person",
                org.persons
                    .iter()
                    .zip(&bound.persons)
                    .map(|(p, v)| (p.span, Target::person(&p.id.value), v))
                    .collect(),
            ),
            CelScope::Power => (
                "power",
                org.powers
                    .iter()
                    .zip(&bound.powers)
                    .map(|(p, v)| (p.span, Target::power(&p.code.value), v))
                    .collect(),
            ),
        };
        for (span, target, value) in entities {
            let mut ctx = root.new_inner_scope();
            ctx.add_variable_from_value(name, value.clone());
            self.check_one(cx, &ctx, &bounds, span, target, out);
        }
    }

    fn check_workspace(&self, _ws: &Workspace, _shared: &Shared, _out: &mut Vec<Finding>) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::{FileId, SourceFile};

    fn def(cite: &str) -> CustomDef {
        let text = format!(
            "[[custom]]\ncode = \"JS1\"\nname = \"x\"\nscope = \"unit\"\nassert = \"true\"\nmessage = \"m\"\ncite = \"{cite}\"\n"
        );
        let src = SourceFile::new("p.toml", text.as_str());
        let (doc, _) = toml::de::DeTable::parse_recoverable(&src.text);
        let mut errors = Vec::new();
        let v = doc.get_ref().get("custom").expect("a custom array");
        let mut defs = super::super::read(FileId(0), &src, v, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        defs.remove(0)
    }

    #[test]
    fn a_custom_rule_owns_its_meta() {
        let a = CustomRule::new(def("c"), Default::default());
        let b = CustomRule::new(def("another clause"), Default::default());
        assert_eq!(a.meta().code, "JS1");
        assert_eq!(a.meta().cite.en, "c");
        assert_eq!(b.meta().cite.en, "another clause");
        assert!(a.meta().doc.contains("## What it checks"));
    }
}
