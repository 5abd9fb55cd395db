//! Walking the tables of an org file into the model, one function per table of FORMAT.md.
//!
//! Each function reads every key before deciding whether the table is usable, so one bad key does
//! not hide the problems of the others; it returns `None` when a required value is missing or wrong
//! (already reported), and the whole file is then invalid. The tables and their keys are declared in
//! `format.rs`; a key read here that is not declared there, or with another type, fails in debug
//! builds.

use super::reader::{Cx, Tbl};
use crate::base::source::{FileId, Sp, Span};
use crate::model::*;
use crate::text;

/// The parts of an org file other than `[unit]`, read even when `[unit]` is missing or broken so
/// that all problems of the file are reported together.
pub(super) struct Rest {
    pub quota: Counts<Category>,
    pub posts: Counts<Grade>,
    pub bodies: Vec<Body>,
    pub persons: Vec<Person>,
    pub powers: Vec<Power>,
    pub departures: Vec<Departure>,
    pub exceptions: Vec<Exception>,
    pub transfers: Vec<Transfer>,
    pub abolitions: Vec<Abolition>,
}

impl Rest {
    /// The org file of `unit` and these tables (`persons` in place of [`Rest::persons`] when the
    /// roster was read on its own, a piece at a time).
    pub fn into_org(self, file: FileId, unit: Unit, persons: Option<Vec<Person>>) -> OrgFile {
        OrgFile {
            file,
            unit,
            quota: self.quota,
            posts: self.posts,
            bodies: self.bodies,
            persons: persons.unwrap_or(self.persons),
            powers: self.powers,
            departures: self.departures,
            exceptions: self.exceptions,
            transfers: self.transfers,
            abolitions: self.abolitions,
            persons_by_body: Default::default(),
        }
    }
}

/// `unit_span` is where an absent `[quota]` is said to be: the `[unit]` header.
pub(super) fn rest(cx: &mut Cx, root: &Tbl<'_, '_>, unit_span: Span) -> Rest {
    let (quota, posts) = match cx.counts_table(root, "quota") {
        Some(q) => (cx.counts_of(&q, &["posts"]), cx.counts(&q, "posts")),
        None => (Counts::absent(unit_span), Counts::absent(unit_span)),
    };
    let bodies = cx.array_of_tables(root, "body");
    let persons = cx.array_of_tables(root, "person");
    let powers = cx.array_of_tables(root, "power");
    let departures = cx.array_of_tables(root, "departure");
    let exceptions = cx.array_of_tables(root, "exception");
    let transfers = cx.array_of_tables(root, "transfer");
    let abolitions = cx.array_of_tables(root, "abolition");
    Rest {
        quota,
        posts,
        bodies: read_all(cx, &bodies, body),
        persons: read_all(cx, &persons, person),
        powers: read_all(cx, &powers, power),
        departures: read_all(cx, &departures, departure),
        exceptions: read_all(cx, &exceptions, exception),
        transfers: read_all(cx, &transfers, transfer),
        abolitions: read_all(cx, &abolitions, abolition),
    }
}

/// Reads each table of an array of tables, keeping the valid ones. The vector is made at its full
/// size at once: grown by doubling, a roster of large entries is copied over and over.
fn read_all<T>(
    cx: &mut Cx,
    tables: &[Tbl<'_, '_>],
    read: impl Fn(&mut Cx, &Tbl<'_, '_>) -> Option<T>,
) -> Vec<T> {
    let mut all = Vec::with_capacity(tables.len());
    all.extend(tables.iter().filter_map(|t| read(cx, t)));
    all
}

pub(super) fn unit(cx: &mut Cx, root: &Tbl<'_, '_>) -> Option<Unit> {
    let t = cx.table(root, "unit")?;
    let id = cx.required(&t, "id", Cx::id);
    let name = cx.required(&t, "name", Cx::string);
    let kind = cx.required(&t, "kind", Cx::choice::<UnitKind>);
    let as_of = cx.required(&t, "as_of", Cx::date);
    let status = cx.choice(&t, "status");
    let parent = cx.string(&t, "parent");
    let grade = cx.choice(&t, "grade");
    let region = cx.choice(&t, "region");
    let developed_town = cx.boolean(&t, "developed_town");
    let zone = cx.table(&t, "zone").map(|z| zone(cx, &z));
    let stats = cx.table(&t, "stats").map(|s| stats(cx, &s));
    let listed = cx.table(&t, "listed").map(|l| Listed {
        span: l.span,
        doc: cx.string(&l, "doc"),
        batch: cx.count_u32(&l, "batch"),
        date: cx.date(&l, "date"),
    });
    let devolved_by = cx.table(&t, "devolved_by").map(|a| approval(cx, &a));
    let service_network = cx.table(&t, "service_network").map(|n| ServiceNetwork {
        span: n.span,
        villages: cx.count_u32(&n, "villages"),
        stations: cx.count_u32(&n, "stations"),
    });

    let (id, name, kind, as_of) = (id?, name?, kind?, as_of?);
    let grade = grade.unwrap_or_else(|| {
        let default = match kind.value {
            UnitKind::County => Grade::Division,
            _ => Grade::Section,
        };
        Sp::new(default, t.span)
    });
    Some(Unit {
        span: t.span,
        id,
        name,
        kind,
        as_of,
        status: status.unwrap_or(Sp::new(Status::Current, t.span)),
        parent,
        grade,
        region,
        developed_town,
        zone,
        stats,
        listed,
        devolved_by,
        service_network,
    })
}

fn zone(cx: &mut Cx, t: &Tbl<'_, '_>) -> Zone {
    // The model keeps only where the zone's own tables are (a merged zone may not have them), but
    // their content is still checked like any count table.
    let quota: Counts<Category> = cx.counts(t, "quota");
    let posts: Counts<Grade> = cx.counts(t, "posts");
    Zone {
        span: t.span,
        name: cx.string(t, "name"),
        mode: cx.choice(t, "mode"),
        quota: quota.present.then_some(quota.span),
        posts: posts.present.then_some(posts.span),
    }
}

fn stats(cx: &mut Cx, t: &Tbl<'_, '_>) -> Stats {
    Stats {
        span: t.span,
        built_up_population: cx.count(t, "built_up_population", u64::MAX),
        top10_years: cx.count_u32(t, "top10_years"),
        fiscal_revenue: cx.number(t, "fiscal_revenue"),
    }
}

fn body(cx: &mut Cx, t: &Tbl<'_, '_>) -> Option<Body> {
    let id = cx.required(t, "id", Cx::id);
    let name = cx.required(t, "name", Cx::string);
    let aliases = cx.strings(t, "aliases").map(|a| a.value);
    let kind = cx.required(t, "kind", Cx::choice::<BodyKind>);
    let office = cx.choice(t, "office");
    let duty = cx.choice(t, "duty");
    let grade = cx.choice(t, "grade");
    let parent = cx.string(t, "parent");
    let attached_to = cx.string(t, "attached_to");
    let approval = cx.table(t, "approval").map(|a| approval(cx, &a));
    let quota = cx.counts(t, "quota");
    let posts = cx.counts(t, "posts");
    let staff = cx.counts(t, "staff");
    let merged_from = cx.strings(t, "merged_from").map(|m| m.value);
    let dispatched = cx.table(t, "dispatched").map(|d| dispatched(cx, &d));

    // FORMAT.md: `duty` is "required there", on a front functional body: without it the body is
    // neither the service window nor the enforcement team.
    if let (Some(k), Some(o), false) = (&kind, &office, t.has("duty")) {
        if k.value == BodyKind::Functional && o.value == Office::Front {
            cx.error_with_help(
                t.span,
                text!(
                    "missing key `duty` in [[body]]: a front body is either the service or the enforcement body",
                    "[[body]] 中缺少必需的键 `duty`：前台机构须写明是便民服务还是综合执法机构"
                ),
                text!(
                    "add `duty = \"service\"` (便民服务) or `duty = \"enforcement\"` (综合执法), or remove `office = \"front\"`",
                    "补充 `duty = \"service\"`（便民服务）或 `duty = \"enforcement\"`（综合执法），或删除 `office = \"front\"`"
                ),
            );
        }
    }
    // FORMAT.md v2: the 一中心 (`duty = "command"`) is neither a front office nor a dispatched
    // body, and `attached_to` records how an institution is integrated with a functional body.
    if let (Some(d), Some(k)) = (&duty, &kind) {
        let front = office.as_ref().is_some_and(|o| o.value == Office::Front);
        if d.value == Duty::Command && (front || k.value == BodyKind::Dispatched) {
            cx.error_with_help(
                d.span,
                text!(
                    "`duty = \"command\"` (the 一中心) is for a body that is neither front nor dispatched",
                    "`duty = \"command\"`（“一中心”）只用于非前台、非派驻的机构"
                ),
                text!(
                    "a front body's duty is `service` or `enforcement`; write the command centre as its own body",
                    "前台机构的 duty 为 `service` 或 `enforcement`；综合指挥中心应单列为一个机构"
                ),
            );
        }
    }
    if let (Some(a), Some(k)) = (&attached_to, &kind) {
        if k.value != BodyKind::Institution {
            cx.error_with_help(
                a.span,
                text!(
                    "`attached_to` is for institution bodies (事业单位) integrated with a functional body",
                    "`attached_to` 只用于与职能机构合署办公的事业单位"
                ),
                text!(
                    "remove `attached_to`, or write it on the institution body",
                    "删除 `attached_to`，或将其写在事业单位上"
                ),
            );
        }
    }
    let (id, name, kind) = (id?, name?, kind?);
    // `office` means something only for functional bodies; elsewhere it is kept as written so the
    // rules can say it does not apply, but never invented.
    let office = match (office, kind.value) {
        (None, BodyKind::Functional) => Some(Sp::new(Office::Back, t.span)),
        (office, _) => office,
    };
    let grade = match (grade, &parent) {
        (None, None) => Some(Sp::new(Grade::UnitLevel, t.span)),
        (grade, _) => grade,
    };
    Some(Body {
        span: t.span,
        id,
        name,
        aliases: aliases.unwrap_or_default(),
        kind,
        office,
        duty,
        grade,
        parent,
        attached_to,
        approval,
        quota,
        posts,
        staff,
        merged_from: merged_from.unwrap_or_default(),
        dispatched,
    })
}

fn approval(cx: &mut Cx, t: &Tbl<'_, '_>) -> Approval {
    Approval {
        span: t.span,
        by: cx.string(t, "by"),
        doc: cx.string(t, "doc"),
        date: cx.date(t, "date"),
    }
}

fn dispatched(cx: &mut Cx, t: &Tbl<'_, '_>) -> Dispatched {
    Dispatched {
        span: t.span,
        by: cx.string(t, "by"),
        localized: cx.boolean(t, "localized"),
        assessment: cx.choice(t, "assessment"),
        appointment_consultation: cx.boolean(t, "appointment_consultation"),
        line: cx.choice(t, "line"),
    }
}

pub(super) fn person(cx: &mut Cx, t: &Tbl<'_, '_>) -> Option<Person> {
    let id = cx.required(t, "id", Cx::nonempty);
    let name = cx.string(t, "name");
    let body = cx.required(t, "body", Cx::nonempty);
    let establishment = cx.required(t, "establishment", Cx::choice::<Establishment>);
    let fiscally_funded = cx.boolean(t, "fiscally_funded");
    let title = cx.string(t, "title");
    let grade = cx.choice(t, "grade");
    let rank = cx.choice(t, "rank");
    let enforcement_certified = cx.boolean(t, "enforcement_certified");
    let upper_post = cx.string(t, "upper_post");
    let concurrent = cx.strings(t, "concurrent").map(|c| c.value);
    let cs_managed = cx.boolean(t, "cs_managed");
    let seconded = cx.boolean(t, "seconded");

    if let (Some(c), Some(e)) = (&cs_managed, &establishment) {
        if c.value && e.value != Establishment::Institution {
            cx.error_with_help(
                c.span,
                text!(
                    "`cs_managed = true` (参公) is for a person in the institution establishment (事业编制)",
                    "`cs_managed = true`（参公管理）只用于占用事业编制的人员"
                ),
                text!(
                    "set `establishment = \"institution\"`, or remove `cs_managed`",
                    "将 `establishment` 改为 \"事业编制\"，或删除 `cs_managed`"
                ),
            );
        }
    }
    let (id, body, establishment) = (id?, body?, establishment?);
    let fiscally_funded =
        fiscally_funded.unwrap_or_else(|| Sp::new(establishment.value.funded_by_default(), t.span));
    Some(Person {
        span: t.span,
        id,
        name,
        body,
        establishment,
        fiscally_funded,
        title,
        grade,
        rank,
        enforcement_certified,
        upper_post,
        concurrent: concurrent.unwrap_or_default(),
        cs_managed,
        seconded,
    })
}

fn power(cx: &mut Cx, t: &Tbl<'_, '_>) -> Option<Power> {
    let code = cx.required(t, "code", Cx::nonempty);
    let name = cx.string(t, "name");
    let category = cx.required(t, "category", Cx::choice::<PowerCategory>);
    let handled_by = cx.string(t, "handled_by");
    let supported_by = cx.strings(t, "supported_by").map(|s| s.value);
    let holder = cx.string(t, "holder");
    let from = cx.string(t, "from");
    let devolved_by = cx.table(t, "devolved_by").map(|a| approval(cx, &a));
    let legal_basis = cx.string(t, "legal_basis");
    let responsibilities = cx.strings(t, "responsibilities");
    let published = cx.boolean(t, "published");
    let support = cx.strings(t, "support");
    let funding = cx.string(t, "funding");
    Some(Power {
        span: t.span,
        code: code?,
        name,
        category: category?,
        handled_by,
        supported_by: supported_by.unwrap_or_default(),
        holder,
        from,
        devolved_by,
        legal_basis,
        responsibilities,
        published,
        support,
        funding,
    })
}

fn transfer(cx: &mut Cx, t: &Tbl<'_, '_>) -> Option<Transfer> {
    let direction = cx.required(t, "direction", Cx::choice::<TransferDirection>);
    let body = cx.required(t, "body", Cx::nonempty);
    let counterpart = cx.string(t, "counterpart");
    let category = cx.required(t, "category", Cx::choice::<Category>);
    let count = cx.required(t, "count", Cx::count_u32);
    let persons = cx.strings(t, "persons").map(|p| p.value);
    let whole_body = cx.boolean(t, "whole_body");
    let by = cx.string(t, "by");
    let doc = cx.required(t, "doc", Cx::nonempty);
    let date = cx.required(t, "date", Cx::date);
    let above = cx.table(t, "above").map(|a| {
        let by = cx.required(&a, "by", Cx::nonempty);
        Approval {
            span: a.span,
            by,
            doc: cx.string(&a, "doc"),
            date: cx.date(&a, "date"),
        }
    });
    if let Some(c) = &count {
        if c.value == 0 {
            cx.error_with_help(
                c.span,
                text!(
                    "`count` of a transfer must be at least 1",
                    "划转的 `count` 至少为 1"
                ),
                text!(
                    "write the number of establishment posts moved, or remove the [[transfer]]",
                    "填写随人员划转的编制数，或删除该 [[transfer]]"
                ),
            );
        }
    }
    let count = count.filter(|c| c.value > 0);
    Some(Transfer {
        span: t.span,
        direction: direction?,
        body: body?,
        counterpart,
        category: category?,
        count: count?,
        persons: persons.unwrap_or_default(),
        whole_body,
        by,
        doc: doc?,
        date: date?,
        above,
    })
}

fn abolition(cx: &mut Cx, t: &Tbl<'_, '_>) -> Option<Abolition> {
    let body = cx.required(t, "body", Cx::nonempty);
    let doc = cx.string(t, "doc");
    let reason = cx.string(t, "reason");
    let by = cx.string(t, "by");
    let date = cx.date(t, "date");
    // FORMAT.md v3: a body abolished without a decision yet says why; with neither, the plan does
    // not state the body's fate.
    if !t.has("doc") && !t.has("reason") {
        cx.error_with_help(
            t.span,
            text!(
                "[[abolition]] needs `doc` (the decision) or `reason` (why the body is abolished)",
                "[[abolition]] 须写明 `doc`（撤销决定文号）或 `reason`（撤销理由）"
            ),
            text!(
                "add `doc = \"…〔2019〕…号\"` once the decision is made, or `reason = \"职责并入…\"`",
                "已作出决定的，补充 `doc = \"…〔2019〕…号\"`；尚未决定的，补充 `reason = \"职责并入…\"`"
            ),
        );
        return None;
    }
    Some(Abolition {
        span: t.span,
        body: body?,
        doc,
        reason,
        by,
        date,
    })
}

fn departure(cx: &mut Cx, t: &Tbl<'_, '_>) -> Option<Departure> {
    let person = cx.required(t, "person", Cx::nonempty);
    let reason = cx.choice(t, "reason");
    Some(Departure {
        span: t.span,
        person: person?,
        reason,
    })
}

fn exception(cx: &mut Cx, t: &Tbl<'_, '_>) -> Option<Exception> {
    let rule = cx.required(t, "rule", Cx::nonempty);
    let target = cx.string(t, "target");
    let approval = cx.string(t, "approval");
    let reason = cx.string(t, "reason");
    let expires = cx.date(t, "expires");
    Some(Exception {
        span: t.span,
        rule: rule?,
        target,
        approval,
        reason,
        expires,
    })
}
