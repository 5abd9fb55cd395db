//! The rule pack's tables (RULES.md), declared once: the pack readers take their known keys from
//! here and `crate::schema` describes them. The `[rule]` table is open here: its keys are the rule
//! catalog's codes and names, and the schema fills them in from the catalog.

use crate::base::diag::Level;
use crate::load::decl::{d, opt, req, Catalog, Doc, Table, Ty};
use crate::rules::Scope;

pub static LEVEL: Catalog = Catalog {
    name: "Level",
    doc: d(
        "error (exit 1), warning (exit 1 only with --deny warnings), info, or off.",
        "错误（退出码 1）、警告（仅在 --deny warnings 时退出码 1）、提示或关闭。",
    ),
    values: || {
        [Level::Error, Level::Warning, Level::Info, Level::Off]
            .iter()
            .flat_map(|l| [l.as_str(), l.zh()])
            .collect()
    },
};

/// The units a rule runs on.
pub static APPLIES_TO: Catalog = Catalog {
    name: "AppliesTo",
    doc: None,
    values: || Scope::NAMES.iter().map(|(n, _)| *n).collect(),
};

/// The entities a custom rule is evaluated on.
pub static CUSTOM_SCOPE: Catalog = Catalog {
    name: "CustomScope",
    doc: None,
    values: || vec!["unit", "body", "person", "power"],
};

/// The document root.
pub static PACK_FILE: Table = Table {
    name: "bianzhi rule pack",
    doc: Doc {
        en: "A rule pack: which rules apply, at which level, with which parameters.",
        zh: "规则包：适用哪些规则、各为何种级别、参数如何。",
    },
    keys: &[
        req("pack", Ty::Table(&PACK), None),
        opt(
            "rule",
            Ty::Open,
            d(
                "Rules in force and their settings, each under its code (`BZ001`) or its name (`functional-body-limit`). A rule is in force when some pack of the chain has a table for it and its level is not `off`.",
                "生效的规则及其设置，以代码（`BZ001`）或名称（`functional-body-limit`）为键。规则包链中某个规则包有该规则的表且级别不为 `off` 时，该规则生效。",
            ),
        ),
        opt(
            "custom",
            Ty::Tables(&CUSTOM),
            d(
                "Rules of the pack's own, written in CEL.",
                "规则包自己的规则，用 CEL 编写。",
            ),
        ),
    ],
};

pub static PACK: Table = Table {
    name: "Pack",
    doc: Doc {
        en: "The pack's identity.",
        zh: "规则包的标识。",
    },
    keys: &[
        opt("id", Ty::String, None),
        opt(
            "title",
            Ty::Text,
            d(
                "Shown by `bianzhi rules`: one string, or one per language.",
                "由 `bianzhi rules` 显示：一个字符串，或每种语言一个。",
            ),
        ),
        opt("description", Ty::Text, None),
        opt(
            "extends",
            Ty::Strings,
            d(
                "Packs by id, or paths relative to this file; this pack overrides them key by key.",
                "所继承的规则包（标识，或相对于本文件的路径）；本规则包逐键覆盖它们。",
            ),
        ),
    ],
};

pub static CUSTOM: Table = Table {
    name: "Custom",
    doc: Doc {
        en: "A custom rule in CEL.",
        zh: "用 CEL 编写的自定义规则。",
    },
    keys: &[
        req(
            "code",
            Ty::String,
            d(
                "The rule's code, e.g. \"JS101\".",
                "规则代码，例如“JS101”。",
            ),
        ),
        req(
            "name",
            Ty::String,
            d(
                "The rule's name, e.g. \"enforcement-certified-share\".",
                "规则名称，例如“enforcement-certified-share”。",
            ),
        ),
        opt("level", Ty::Choice(&LEVEL), None),
        req(
            "scope",
            Ty::Choice(&CUSTOM_SCOPE),
            d(
                "Evaluated once per such entity.",
                "对每个此类对象求值一次。",
            ),
        ),
        opt(
            "when",
            Ty::String,
            d(
                "A CEL condition selecting the entities the rule applies to.",
                "选择规则所适用对象的 CEL 条件。",
            ),
        ),
        req(
            "assert",
            Ty::String,
            d("A CEL condition that must hold.", "必须成立的 CEL 条件。"),
        ),
        opt(
            "applies_to",
            Ty::Choice(&APPLIES_TO),
            d(
                "Which units it runs on (default: town-level units).",
                "适用于哪些单位（默认：乡镇级单位）。",
            ),
        ),
        req(
            "message",
            Ty::Text,
            d(
                "The finding's message: one string, or one per language.",
                "问题的说明：一个字符串，或每种语言一个。",
            ),
        ),
        opt(
            "message_zh",
            Ty::String,
            d(
                "The Chinese of a string `message`.",
                "字符串形式的 `message` 的中文。",
            ),
        ),
        opt(
            "help",
            Ty::Text,
            d(
                "How to fix it: one string, or one per language.",
                "如何改正：一个字符串，或每种语言一个。",
            ),
        ),
        opt(
            "help_zh",
            Ty::String,
            d(
                "The Chinese of a string `help`.",
                "字符串形式的 `help` 的中文。",
            ),
        ),
        req(
            "cite",
            Ty::Text,
            d(
                "The clause cited in findings: one string, or one per language.",
                "问题中引用的条款：一个字符串，或每种语言一个。",
            ),
        ),
    ],
};
