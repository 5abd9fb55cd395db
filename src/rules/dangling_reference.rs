use crate::base::diag::{Finding, Target, TargetKind};
use crate::base::i18n::Text;
use crate::base::source::{Sp, Span};
use crate::model::{OrgFile, TransferDirection};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Every reference inside a file names something in that file:
    ///
    /// - a body's `parent` is the id of a body of the file;
    /// - a person's `body` is the id of a body of the file, or the unit id (the leadership team);
    /// - a body's `attached_to` is the id of a body of the file;
    /// - a power's `handled_by` and each of its `supported_by` is the id of a body of the file;
    /// - a power's `holder` is the unit id or the id of a body of the file (that the holder must be
    ///   the unit itself is BZ301's);
    /// - an exception's `target` is the id of a body, person or power of the file (or the unit id),
    ///   bare or as `kind:id` (`body:`, `person:`, `power:`, `unit:`);
    /// - a transfer's `body` is the id of a body of the file or the unit id (except a transfer
    ///   `out` with `whole_body = true`, below), and for a transfer `in` each of its `persons` is a
    ///   person of the file's roster.
    ///
    /// Where the file has a baseline, every `merged_from` entry names a body of the baseline, every
    /// `departure.person` a person of the baseline's roster, each of the `persons` of a transfer
    /// `out` a person of the baseline's roster (they have left this file's), the `body` of a
    /// transfer `out` with `whole_body = true` a body of the baseline (it left whole: 整建制上划),
    /// and every `abolition.body` a body of the baseline; without a baseline these are not
    /// checked. A unit's `parent` may name a county outside the files checked and is not checked.
    ///
    /// ## Why
    /// File integrity: a reference to nothing silently drops a person from every count, a power
    /// from the front/back checks, a transfer from the body that received it, or makes an exception
    /// cover nothing.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[person]]
    /// id = "e001"
    /// body = "econmy"       # no body has this id
    /// establishment = "administrative"
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[body]]
    /// id = "economy"
    /// name = "经济发展局"
    /// kind = "functional"
    /// [[person]]
    /// id = "e001"
    /// body = "economy"
    /// establishment = "administrative"
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 文件内的每个引用都须指向本文件中存在的对象：机构的 `parent`、`attached_to` 为本文件的机构
    /// id；人员的 `body` 为本文件的机构 id 或本单位 id（领导班子）；权力事项的 `handled_by` 和
    /// `supported_by` 各项为本文件的机构 id，`holder` 为本单位 id 或本文件的机构 id（须为本单位本身
    /// 由 BZ301 检查）；例外的 `target` 为本文件机构、人员或权力事项的 id（或本单位 id），可写作
    /// `kind:id`；划转的 `body` 为本文件的机构 id 或本单位 id（整建制划出的除外，见下），划入
    /// （`in`）的 `persons` 各项为本文件名册中的人员。有基线时，`merged_from` 须指向基线中的机构，
    /// `departure.person` 和划出（`out`）的 `persons` 各项须指向基线名册中的人员，整建制划出
    /// （`whole_body = true`）的 `body` 和 `abolition.body` 须指向基线中的机构；无基线时不检查。单位的 `parent` 可指向未一并检查的
    /// 县，不检查。
    ///
    /// ## 依据
    /// 文件完整性：引用不存在的对象会使人员漏计、权力事项漏查、划转的编制找不到接收机构，或使例外失
    /// 去对象。
    pub struct DanglingReference {
        code: "BZ009",
        name: "dangling-reference",
        title: "引用的对象不存在",
        short: ("引用对象不存在", "reference to nothing"),
        level: Error,
        cite: ("文件完整性", "file integrity"),
        scope: All,
        examples: {
            "no body has this id" => "没有机构使用此 id",
        },
    }
}

impl RuleImpl for DanglingReference {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let unit_id = org.unit.id.value.as_str();
        let body_ids: Vec<&str> = org.bodies.iter().map(|b| b.id.value.as_str()).collect();
        let has_body = |id: &str| body_ids.contains(&id);
        let mut body_or_unit = body_ids.clone();
        body_or_unit.push(unit_id);

        for b in &org.bodies {
            if let Some(parent) = &b.parent {
                if !has_body(&parent.value) {
                    out.push(dangling(
                        org,
                        parent,
                        Target::body(&b.id.value),
                        b.span,
                        Wants::Body("parent"),
                        closest(&parent.value, &body_ids),
                    ));
                }
            }
        }
        for b in &org.bodies {
            if let Some(a) = &b.attached_to {
                if !has_body(&a.value) {
                    out.push(dangling(
                        org,
                        a,
                        Target::body(&b.id.value),
                        b.span,
                        Wants::Body("attached_to"),
                        closest(&a.value, &body_ids),
                    ));
                }
            }
        }
        for p in &org.persons {
            if !has_body(&p.body.value) && p.body.value != unit_id {
                out.push(dangling(
                    org,
                    &p.body,
                    Target::person(&p.id.value),
                    p.span,
                    Wants::BodyOrUnit,
                    closest(&p.body.value, &body_or_unit),
                ));
            }
        }
        for pw in &org.powers {
            let target = Target::power(&pw.code.value);
            if let Some(h) = &pw.handled_by {
                if !has_body(&h.value) {
                    out.push(dangling(
                        org,
                        h,
                        target.clone(),
                        pw.span,
                        Wants::Body("handled_by"),
                        closest(&h.value, &body_ids),
                    ));
                }
            }
            for sup in &pw.supported_by {
                if !has_body(&sup.value) {
                    out.push(dangling(
                        org,
                        sup,
                        target.clone(),
                        pw.span,
                        Wants::Body("supported_by"),
                        closest(&sup.value, &body_ids),
                    ));
                }
            }
            if let Some(h) = &pw.holder {
                if !has_body(&h.value) && h.value != unit_id {
                    out.push(dangling(
                        org,
                        h,
                        target.clone(),
                        pw.span,
                        Wants::Holder,
                        closest(&h.value, &body_or_unit),
                    ));
                }
            }
        }
        for ex in &org.exceptions {
            let Some(t) = &ex.target else { continue };
            if !target_exists(org, &t.value) {
                out.push(dangling(
                    org,
                    t,
                    Target::new(TargetKind::Exception, ex.rule.value.clone()),
                    ex.span,
                    Wants::Target(t.value.clone()),
                    target_suggestion(org, &t.value),
                ));
            }
        }

        // A transfer is about the unit: its findings have no entity of their own as target.
        let unit_target = || Target::unit(unit_id);
        for t in &org.transfers {
            // A body that left whole is the baseline's, checked below.
            if t.body_out_whole().is_some() {
                continue;
            }
            if !has_body(&t.body.value) && t.body.value != unit_id {
                out.push(dangling(
                    org,
                    &t.body,
                    unit_target(),
                    t.span,
                    Wants::TransferBody,
                    closest(&t.body.value, &body_or_unit),
                ));
            }
            if t.direction.value == TransferDirection::In {
                for p in &t.persons {
                    if org.person(&p.value).is_none() {
                        out.push(dangling(
                            org,
                            p,
                            unit_target(),
                            t.span,
                            Wants::TransferPerson,
                            // Employee numbers one digit apart are different people: no guess.
                            None,
                        ));
                    }
                }
            }
        }

        let Some(base) = cx.baseline else { return };
        let base_path = cx.ws.sources.path(base.file);
        let base_bodies: Vec<&str> = base.bodies.iter().map(|b| b.id.value.as_str()).collect();
        let base_persons: Vec<&str> = base.persons.iter().map(|p| p.id.value.as_str()).collect();
        for b in &org.bodies {
            for m in &b.merged_from {
                if !base_bodies.contains(&m.value.as_str()) {
                    out.push(dangling(
                        org,
                        m,
                        Target::body(&b.id.value),
                        b.span,
                        Wants::BaselineBody(base_path.to_string()),
                        closest(&m.value, &base_bodies),
                    ));
                }
            }
        }
        for t in &org.transfers {
            if t.direction.value != TransferDirection::Out {
                continue;
            }
            if let Some(b) = t.body_out_whole() {
                if !base_bodies.contains(&b.value.as_str()) {
                    out.push(dangling(
                        org,
                        b,
                        unit_target(),
                        t.span,
                        Wants::BaselineWholeBody(base_path.to_string()),
                        closest(&b.value, &base_bodies),
                    ));
                }
            }
            for p in &t.persons {
                if !base_persons.contains(&p.value.as_str()) {
                    out.push(dangling(
                        org,
                        p,
                        unit_target(),
                        t.span,
                        Wants::BaselinePerson(base_path.to_string()),
                        None,
                    ));
                }
            }
        }
        for a in &org.abolitions {
            if !base_bodies.contains(&a.body.value.as_str()) {
                out.push(dangling(
                    org,
                    &a.body,
                    Target::body(&a.body.value),
                    a.span,
                    Wants::AbolishedBody(base_path.to_string()),
                    closest(&a.body.value, &base_bodies),
                ));
            }
        }
        for d in &org.departures {
            if !base_persons.contains(&d.person.value.as_str()) {
                out.push(dangling(
                    org,
                    &d.person,
                    Target::person(&d.person.value),
                    d.span,
                    Wants::BaselinePerson(base_path.to_string()),
                    // Employee numbers one digit apart are different people: no guess.
                    None,
                ));
            }
        }
    }
}

/// What a reference has to name.
enum Wants {
    /// A body of the file, for this key.
    Body(&'static str),
    BodyOrUnit,
    Holder,
    /// A transfer's `body`: a body of the file or the unit.
    TransferBody,
    /// A person of the file's roster, who moved in with a transfer.
    TransferPerson,
    /// An exception's target, as written.
    Target(String),
    /// A body of the baseline, at this path.
    BaselineBody(String),
    /// A body of the baseline that left whole with an `out` transfer.
    BaselineWholeBody(String),
    /// A body of the baseline that an `[[abolition]]` abolishes.
    AbolishedBody(String),
    BaselinePerson(String),
}

/// Whether an exception's `target` (bare or `kind:id`) names an entity of the file.
fn target_exists(org: &OrgFile, written: &str) -> bool {
    let body = |id: &str| org.body(id).is_some();
    let person = |id: &str| org.person(id).is_some();
    let power = |id: &str| org.powers.iter().any(|p| p.code.value == id);
    let unit = |id: &str| org.unit.id.value == id;
    let bare = |id: &str| body(id) || person(id) || power(id) || unit(id);
    if bare(written) {
        return true;
    }
    match written.split_once(':') {
        Some(("body", id)) => body(id),
        Some(("person", id)) => person(id),
        Some(("power", id)) => power(id),
        Some(("unit", id)) => unit(id),
        _ => false,
    }
}

fn dangling(
    org: &OrgFile,
    reference: &Sp<String>,
    target: Target,
    owner: Span,
    wants: Wants,
    near: Option<String>,
) -> Finding {
    let id = &reference.value;
    let unit = &org.unit.id.value;
    let (message, help): (Text, Text) = match &wants {
        Wants::Body(key) => (
            text!(
                "`{key}` names `{id}`, but no body of this file has that id",
                "`{key}` 所指 `{id}` 不是本文件中的机构"
            ),
            text!(
                "write the id of a body of this file, or add the body",
                "改为本文件中某个机构的 id，或补充该机构"
            ),
        ),
        Wants::BodyOrUnit => (
            text!(
                "person's `body` names `{id}`, which is neither a body of this file nor the unit id `{unit}`",
                "人员的 `body` 所指 `{id}` 既不是本文件中的机构，也不是本单位 id `{unit}`"
            ),
            text!(
                "write the id of a body of this file, or the unit id `{unit}` for the leadership team",
                "改为本文件中某个机构的 id；领导班子成员填写本单位 id `{unit}`"
            ),
        ),
        Wants::Holder => (
            text!(
                "power holder `{id}` is neither the unit id `{unit}` nor a body of this file",
                "权力实施主体 `{id}` 既不是本单位 id `{unit}`，也不是本文件中的机构"
            ),
            text!(
                "write the unit id `{unit}` (the town exercises its powers), or remove `holder`",
                "改为本单位 id `{unit}`（权力由镇政府行使），或删除 `holder`"
            ),
        ),
        Wants::TransferBody => (
            text!(
                "transfer `body` names `{id}`, which is neither a body of this file nor the unit id `{unit}`",
                "划转的 `body` 所指 `{id}` 既不是本文件中的机构，也不是本单位 id `{unit}`"
            ),
            text!(
                "write the id of the body that receives or gives the establishment, or the unit id `{unit}`",
                "改为接收或划出编制的机构的 id，或本单位 id `{unit}`"
            ),
        ),
        Wants::TransferPerson => (
            text!(
                "transfer names person `{id}`, who is not in this file's roster",
                "划转所列人员 `{id}` 不在本文件的名册中"
            ),
            text!(
                "write the id of a person of this file's roster who moved in with it, or add the person",
                "改为随编制划入、已在本文件名册中的人员 id，或补充该人员"
            ),
        ),
        Wants::Target(written) => (
            text!(
                "exception target `{written}` names no body, person or power of this file",
                "例外对象 `{written}` 不是本文件中的机构、人员或权力事项"
            ),
            text!(
                "write the id of a body, person or power of this file (or `body:id`, `person:id`, `power:code`), or remove `target`",
                "改为本文件中机构、人员或权力事项的 id（或写作 `body:id`、`person:id`、`power:code`），或删除 `target`"
            ),
        ),
        Wants::BaselineBody(path) => (
            text!(
                "`merged_from` names `{id}`, but the baseline ({path}) has no body with that id",
                "`merged_from` 所列 `{id}` 在现状（{path}）中不存在"
            ),
            text!(
                "write the id of a body of the baseline that this body continues",
                "改为本机构所承继的现状机构的 id"
            ),
        ),
        Wants::BaselineWholeBody(path) => (
            text!(
                "the transfer out with `whole_body = true` names `{id}`, but the baseline ({path}) has no body with that id",
                "整建制划出的 `body` 所指 `{id}` 在现状（{path}）中不存在"
            ),
            text!(
                "write the id the body had in the baseline",
                "改为该机构在现状中的 id"
            ),
        ),
        Wants::AbolishedBody(path) => (
            text!(
                "[[abolition]] names `{id}`, but the baseline ({path}) has no body with that id",
                "[[abolition]] 所列 `{id}` 在现状（{path}）中不存在"
            ),
            text!(
                "write the id of the body of the baseline that is abolished",
                "改为被撤销的现状机构的 id"
            ),
        ),
        Wants::BaselinePerson(path) => (
            text!(
                "`{id}` is not a person of the baseline's roster ({path})",
                "`{id}` 不在现状名册（{path}）中"
            ),
            text!(
                "write the id of a person of the baseline's roster, or remove the entry",
                "改为现状名册中人员的 id，或删除该条目"
            ),
        ),
    };
    // A body named by its name rather than its id: say whose name it is.
    let named = org
        .bodies
        .iter()
        .find(|b| b.name.value == *id)
        .map(|b| (b.id.value.as_str(), false))
        .or_else(|| (org.unit.name.value == *id).then_some((unit.as_str(), true)));
    let takes_unit = matches!(
        wants,
        Wants::BodyOrUnit | Wants::Holder | Wants::TransferBody | Wants::Target(_)
    );
    let takes_body = matches!(
        wants,
        Wants::Body(_) | Wants::BodyOrUnit | Wants::TransferBody
    );
    let help = match (named, near) {
        (Some((bid, false)), _) => text!(
            "`{id}` is the name of the body `{bid}`; a reference names a body by its id: write `\"{bid}\"`",
            "`{id}` 是机构 `{bid}` 的名称；引用机构须填写其 id：改为 `\"{bid}\"`"
        ),
        (Some((uid, true)), _) if takes_unit => text!(
            "`{id}` is the unit's name; a reference names the unit by its id: write `\"{uid}\"`",
            "`{id}` 是本单位的名称；引用本单位须填写其 id：改为 `\"{uid}\"`"
        ),
        (_, Some(near)) => Text::new(
            format!("did you mean `{near}`? otherwise {}", help.en),
            format!("是否应为 `{near}`？否则{}", help.zh),
        ),
        // A body of this file written by a name close to its own: its id.
        (None, None) if takes_body => match body_by_near_name(org, id) {
            Some((bid, bname)) => Text::new(
                format!("did you mean the body `{bid}` ({bname})? a reference names a body by its id; otherwise {}", help.en),
                format!("是否指机构“{bname}”（id 为 `{bid}`）？引用机构须填写其 id；否则{}", help.zh),
            ),
            None => help,
        },
        _ => help,
    };
    let mut f = Finding::new(org.file, reference.span, message)
        .target(target)
        .primary(text!("`{id}` not found", "找不到 `{id}`"))
        .help(help);
    if owner != reference.span {
        f = f.label(org.file, owner, text!("in this entry", "所在条目"));
    }
    f
}

/// What an exception's target that names nothing was likely meant to be, written the same way
/// (bare, or `kind:id`).
fn target_suggestion(org: &OrgFile, written: &str) -> Option<String> {
    let mut all: Vec<(&str, &str)> = vec![("unit", org.unit.id.value.as_str())];
    all.extend(org.bodies.iter().map(|b| ("body", b.id.value.as_str())));
    all.extend(org.persons.iter().map(|p| ("person", p.id.value.as_str())));
    all.extend(org.powers.iter().map(|p| ("power", p.code.value.as_str())));
    match written.split_once(':') {
        Some((_, id)) => {
            // The right id under the wrong kind first, then a near id under any kind.
            if let Some((kind, id)) = all.iter().find(|(_, i)| *i == id) {
                return Some(format!("{kind}:{id}"));
            }
            let ids: Vec<&str> = all.iter().map(|(_, i)| *i).collect();
            let near = closest(id, &ids)?;
            all.iter()
                .find(|(_, i)| *i == near)
                .map(|(kind, id)| format!("{kind}:{id}"))
        }
        None => {
            let ids: Vec<&str> = all.iter().map(|(_, i)| *i).collect();
            closest(written, &ids)
        }
    }
}

/// The candidate close enough to `typo` to be a likely slip of the keyboard. Ids are short
/// (`zfj`, `dzb`): two edits in three letters name another body, not a slip, so an id allows one
/// edit per three characters (at least one).
fn closest(typo: &str, candidates: &[&str]) -> Option<String> {
    let limit = (typo.chars().count() / 3).max(1);
    crate::base::i18n::common::closest(typo, candidates.iter().copied())
        .filter(|c| crate::base::i18n::common::levenshtein(typo, c) <= limit)
        .map(str::to_string)
}

/// The body whose name is close to what was written in place of an id (`经济发展` for the body
/// named 经济发展局): its id and name.
fn body_by_near_name<'a>(org: &'a OrgFile, written: &str) -> Option<(&'a str, &'a str)> {
    if written.is_ascii() {
        return None;
    }
    let names: Vec<&str> = org.bodies.iter().map(|b| b.name.value.as_str()).collect();
    let near = crate::base::i18n::common::closest_name(written, names.iter().copied())?;
    org.bodies
        .iter()
        .find(|b| b.name.value == near)
        .map(|b| (b.id.value.as_str(), b.name.value.as_str()))
}
