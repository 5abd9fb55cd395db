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
//! cite = { zh = "江苏经济发达镇意见 二(三)4", en = "Jiangsu DT Opinions 2017, II(3).4" }
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
//! depth). The unit's data is converted to CEL values once per file checked and shared by all
//! custom rules and entities of that file. An expression that fails at run time on real data (an index out of range, a
//! division by zero, a non-bool result) is reported once per rule as an input error at its span in
//! the pack.
//!
//! Expressions are compiled once, when the pack loads, and so is each regular expression of
//! `matches` (cached, with a size limit on the compiled pattern). Before an expression runs on an
//! entity its cost is bounded from its shape and the longest list of the unit (a macro costs its
//! body times that length): above [`MAX_STEPS_PER_ENTITY`] it does not run. So is the memory it
//! can hold, from its shape and the unit's longest list, longest text and biggest element (a
//! `map` holds its body's value once per element, `+` copies both operands): above
//! [`MAX_BYTES_PER_ENTITY`] it does not run either. The custom rules of
//! a run share [`MAX_SECONDS_PER_RUN`] seconds of evaluation: once spent, all of them stop.
//! Either way each rule stopped reports one pack error (exit 2) and no findings are invented.

mod bind;
mod compile;
mod read;
mod rule;

pub use compile::{
    MAX_BYTES_PER_ENTITY, MAX_EXPR_CHARS, MAX_MACRO_DEPTH, MAX_NESTING, MAX_SECONDS_PER_RUN,
    MAX_STEPS_PER_ENTITY,
};
pub use read::{read, CustomDef};
pub use rule::{CustomRule, CustomRuntime, CustomState};
