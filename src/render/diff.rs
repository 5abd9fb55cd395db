//! A reorganization's diff, for people (tables) or as JSON.

use clap::ValueEnum;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

use crate::analysis::diff::*;
use crate::base::i18n::{msg, words, Lang, Text};
use crate::render::Emitter;

/// The formats of `bianzhi diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

impl Emitter<(&Diff, Lang)> for Format {
    fn emit(&self, (d, lang): (&Diff, Lang)) -> String {
        match self {
            Format::Human => render_human(d, lang),
            Format::Json => render_json(d),
        }
    }
}

/// The JSON document, pretty-printed, with a trailing newline.
pub fn render_json(d: &Diff) -> String {
    let mut out = serde_json::to_string_pretty(d).unwrap_or_default();
    out.push('\n');
    out
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// A word of the output in the language asked for: a change, a category, grade or reason of
/// departure as the diff's JSON names it.
fn word(lang: Lang, key: &str) -> String {
    word_text(key).get(lang).to_string()
}

/// [`word`] in both languages.
fn word_text(key: &str) -> Text {
    let zh = if let Some(w) = words::diff::change_zh(key) {
        w
    } else if let Some(c) = crate::model::Category::parse(key) {
        c.zh()
    } else if let Some(g) = crate::model::Grade::parse(key) {
        g.zh()
    } else if let Some(r) = crate::model::DepartureReason::parse(key) {
        r.zh()
    } else {
        key
    };
    let en = match crate::model::Grade::parse(key) {
        // Grades read best by their legal term in both languages.
        Some(g) => format!("{} ({})", g.zh(), g.en()),
        None => key.replace('_', " "),
    };
    Text::new(en, zh)
}

fn table(header: [&str; 4], rows: Vec<[String; 4]>, numeric: bool) -> String {
    let mut b = Builder::default();
    b.push_record(header);
    for r in rows {
        b.push_record(r);
    }
    let mut t = b.build();
    t.with(Style::rounded());
    if numeric {
        t.modify(Columns::new(1..), Alignment::right());
    }
    t.to_string()
}

/// The human report: a heading line, then tables of bodies, figures, posts and people.
pub fn render_human(d: &Diff, lang: Lang) -> String {
    use words::diff as w;
    let mut out = String::new();
    let (b, n) = (&d.base, &d.new);
    out.push_str(
        msg::diff_heading(
            &n.name,
            &n.unit,
            &b.file,
            &b.as_of,
            &word_text(b.status),
            &n.file,
            &n.as_of,
            &word_text(n.status),
        )
        .get(lang),
    );
    if b.unit != n.unit {
        out.push_str(msg::diff_other_unit(&b.unit, &n.unit).get(lang));
    }

    // Bodies.
    let count = |c: &str| d.bodies.iter().filter(|x| x.change == c).count();
    out.push('\n');
    out.push_str(
        msg::diff_bodies(
            count("continued"),
            count("merged"),
            count("new"),
            count("abolished"),
        )
        .get(lang),
    );
    let rows = d
        .bodies
        .iter()
        .map(|c| {
            let from = c
                .from
                .iter()
                .map(|f| {
                    if f.id == c.id && f.name == c.name {
                        f.id.clone()
                    } else {
                        msg::diff_from_body(&f.id, &f.name).get(lang).to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(w::list_separator(lang));
            [word(lang, c.change), c.id.clone(), c.name.clone(), from]
        })
        .collect();
    out.push_str(&table(
        [w::change(lang), w::body(lang), w::name(lang), w::from(lang)],
        rows,
        false,
    ));
    out.push('\n');

    // Figures.
    out.push('\n');
    out.push_str(w::establishment_heading(lang));
    out.push('\n');
    let row = |label: String, x: &Delta| {
        [
            label,
            x.base.to_string(),
            x.new.to_string(),
            signed(x.delta),
        ]
    };
    let mut rows: Vec<[String; 4]> = d
        .quota
        .iter()
        .map(|q| {
            let label = if q.key == "total" {
                w::quota_total(lang).to_string()
            } else {
                msg::diff_quota_of(&word_text(q.key)).get(lang).to_string()
            };
            row(label, &q.delta)
        })
        .collect();
    rows.push(row(w::counted_bodies(lang).to_string(), &d.counted_bodies));
    rows.push(row(
        w::fiscally_funded(lang).to_string(),
        &d.fiscally_funded,
    ));
    let head = [
        w::figure(lang),
        w::current(lang),
        w::proposal(lang),
        w::delta(lang),
    ];
    out.push_str(&table(head, rows, true));
    out.push('\n');

    // Posts.
    out.push('\n');
    out.push_str(w::posts_heading(lang));
    out.push('\n');
    let rows = d
        .posts
        .iter()
        .map(|p| row(word(lang, p.key), &p.delta))
        .collect();
    let head = [
        w::grade(lang),
        w::current(lang),
        w::proposal(lang),
        w::delta(lang),
    ];
    if d.posts.is_empty() {
        out.push_str(w::no_posts(lang));
        out.push('\n');
    } else {
        out.push_str(&table(head, rows, true));
        out.push('\n');
    }

    // People.
    let s = &d.people;
    out.push('\n');
    out.push_str(msg::diff_people(s.stayed, s.moved, s.departed, s.joined, s.lost).get(lang));
    if !d.people_changes.is_empty() {
        let rows = d
            .people_changes
            .iter()
            .map(|c| {
                let to = match (&c.to, c.reason) {
                    (Some(to), _) => to.clone(),
                    (None, Some(r)) => word(lang, r),
                    (None, None) => "—".to_string(),
                };
                [
                    word(lang, c.change),
                    c.id.clone(),
                    c.from.clone().unwrap_or_else(|| "—".to_string()),
                    to,
                ]
            })
            .collect();
        let head = [
            w::change(lang),
            w::person(lang),
            w::from(lang),
            w::to_or_reason(lang),
        ];
        out.push_str(&table(head, rows, false));
        out.push('\n');
    }
    out
}
