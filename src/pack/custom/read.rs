//! Reading a pack's `[[custom]]` entries into validated, compiled definitions.

use std::collections::HashMap;

use toml::de::DeValue;
use toml::Spanned;

use super::bind::CelScope;
use super::compile::{compile, Expression};
use crate::base::diag::{InputError, Level};
use crate::base::i18n::Text;
use crate::base::source::{FileId, SourceFile, Span};
use crate::load::decl::Ty;
use crate::pack::format::CUSTOM;
use crate::pack::{type_error, unknown_key};
use crate::rules::Scope;
use crate::text;

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
        let Some(known) = CUSTOM.key(key) else {
            errors.push(unknown_key(file, k, &CUSTOM, "[[custom]]"));
            continue;
        };
        let (known, bilingual) = (known.name, matches!(known.ty, Ty::Text));
        match val.get_ref() {
            DeValue::String(s) => {
                strings.insert(known, (s.to_string(), Span::from(val.span())));
            }
            DeValue::Table(_) if bilingual => {
                let span = Span::from(val.span());
                match crate::pack::to_value(val.get_ref())
                    .as_ref()
                    .and_then(crate::pack::bilingual)
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
                    None => errors.push(crate::pack::bilingual_error(file, span, known)),
                }
            }
            _ => errors.push(type_error(file, val, "string")),
        }
    }
    let mut required = |key: &str| -> Option<(String, Span)> {
        debug_assert!(CUSTOM.key(key).is_some_and(|k| k.required), "{key}");
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
