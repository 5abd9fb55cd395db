//! `bianzhi diff BASE NEW`: what a reorganization changes — bodies continued, merged, abolished
//! and new; establishment, fiscally funded headcount and leadership posts before and after; where
//! people went. Read from the reorganization graph ([`crate::reorg`]), as BZ501 and BZ502 are.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

use crate::app::Run;
use crate::base::diag::InputError;
use crate::base::i18n::Lang;
use crate::base::source::{SourceFile, Sources};
use crate::cli::{print_stdout, LangArg, EXIT_INPUT, EXIT_OK};
use crate::load;
use crate::model::{Body, OrgFile, Person};
use crate::reorg::{self, BodyFate, PersonFate, Reorg};
use crate::report::{self, human};
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The baseline: the org file as it is (or was).
    pub base: PathBuf,
    /// The new org file: usually the reorganization plan.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Language of the output (default: from LANG/LC_ALL).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Name people by name as well as id (rosters are personal data).
    #[arg(long)]
    pub show_names: bool,
}

/// One side of the comparison.
#[derive(Debug, Serialize)]
pub struct Side {
    pub file: String,
    pub unit: String,
    pub name: String,
    pub as_of: String,
    pub status: &'static str,
}

#[derive(Debug, Serialize)]
pub struct BodyRef {
    pub id: String,
    pub name: String,
}

/// A body of the new file, or an abolished one of the baseline, with what it came from.
#[derive(Debug, Serialize)]
pub struct BodyChange {
    /// `continued`, `merged`, `new` or `abolished`.
    pub change: &'static str,
    pub id: String,
    pub name: String,
    /// The baseline bodies it continues or merges (for `abolished`: none).
    pub from: Vec<BodyRef>,
}

/// A figure before and after.
#[derive(Debug, Serialize)]
pub struct Delta {
    pub base: u64,
    pub new: u64,
    pub delta: i64,
}

impl Delta {
    fn new(base: u64, new: u64) -> Self {
        let delta =
            i64::try_from(new).unwrap_or(i64::MAX) - i64::try_from(base).unwrap_or(i64::MAX);
        Delta { base, new, delta }
    }
}

#[derive(Debug, Serialize)]
pub struct KeyedDelta {
    pub key: &'static str,
    #[serde(flatten)]
    pub delta: Delta,
}

/// A person who did not simply stay in the same body.
#[derive(Debug, Serialize)]
pub struct PersonChange {
    /// `moved`, `departed`, `lost` or `joined`.
    pub change: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct PeopleSummary {
    pub stayed: usize,
    pub moved: usize,
    pub departed: usize,
    pub lost: usize,
    pub joined: usize,
}

/// Everything `diff` reports.
#[derive(Debug, Serialize)]
pub struct Diff {
    pub version: u32,
    pub base: Side,
    pub new: Side,
    pub bodies: Vec<BodyChange>,
    /// Bodies of kinds functional and institution, as BZ104 counts them.
    pub counted_bodies: Delta,
    /// `[quota]` per category, then `total`.
    pub quota: Vec<KeyedDelta>,
    pub fiscally_funded: Delta,
    /// Approved leadership posts per grade (the team's and the bodies', dispatched ones excepted).
    pub posts: Vec<KeyedDelta>,
    pub people: PeopleSummary,
    pub people_changes: Vec<PersonChange>,
}

fn side(org: &OrgFile, sources: &Sources) -> Side {
    Side {
        file: sources.path(org.file).to_string(),
        unit: org.unit.id.value.clone(),
        name: org.unit.name.value.clone(),
        as_of: org.unit.as_of.value.to_string(),
        status: org.unit.status.value.en(),
    }
}

fn body_ref(b: &Body) -> BodyRef {
    BodyRef {
        id: b.id.value.clone(),
        name: b.name.value.clone(),
    }
}

/// Compares two org files through the reorganization graph.
pub fn diff(base: &OrgFile, new: &OrgFile, sources: &Sources, show_names: bool) -> Diff {
    let g = Reorg::build(base, new);
    let who = |p: &Person| match (&p.name, show_names) {
        (Some(n), true) => format!("{} ({})", p.id.value, n.value),
        _ => p.id.value.clone(),
    };

    let mut bodies = Vec::new();
    for b in &new.bodies {
        let from = g.sources_of(b);
        let change = if from.iter().any(|f| f.id.value == b.id.value) {
            "continued"
        } else if from.is_empty() {
            "new"
        } else {
            "merged"
        };
        bodies.push(BodyChange {
            change,
            id: b.id.value.clone(),
            name: b.name.value.clone(),
            from: from.into_iter().map(body_ref).collect(),
        });
    }
    for (b, fate) in g.body_fates() {
        if matches!(fate, BodyFate::Abolished) {
            bodies.push(BodyChange {
                change: "abolished",
                id: b.id.value.clone(),
                name: b.name.value.clone(),
                from: Vec::new(),
            });
        }
    }

    let mut quota: Vec<KeyedDelta> = reorg::quota_per_category(base)
        .into_iter()
        .zip(reorg::quota_per_category(new))
        .map(|((c, b), (_, n))| KeyedDelta {
            key: c.en(),
            delta: Delta::new(b, n),
        })
        .collect();
    quota.push(KeyedDelta {
        key: "total",
        delta: Delta::new(base.quota.total(), new.quota.total()),
    });
    let posts = reorg::posts_per_grade(base)
        .into_iter()
        .zip(reorg::posts_per_grade(new))
        .filter(|((_, b), (_, n))| *b > 0 || *n > 0)
        .map(|((g, b), (_, n))| KeyedDelta {
            key: g.en(),
            delta: Delta::new(b, n),
        })
        .collect();

    let mut people_changes = Vec::new();
    let mut summary = PeopleSummary {
        stayed: 0,
        moved: 0,
        departed: 0,
        lost: 0,
        joined: 0,
    };
    for (p, fate) in g.person_fates() {
        match fate {
            PersonFate::Stays(np) => {
                summary.stayed += 1;
                if np.body.value != p.body.value {
                    summary.moved += 1;
                    people_changes.push(PersonChange {
                        change: "moved",
                        id: who(np),
                        from: Some(p.body.value.clone()),
                        to: Some(np.body.value.clone()),
                        reason: None,
                    });
                }
            }
            PersonFate::Departs(d) => {
                summary.departed += 1;
                people_changes.push(PersonChange {
                    change: "departed",
                    id: who(p),
                    from: Some(p.body.value.clone()),
                    to: None,
                    reason: d.reason.as_ref().map(|r| r.value.en()),
                });
            }
            PersonFate::Lost => {
                summary.lost += 1;
                people_changes.push(PersonChange {
                    change: "lost",
                    id: who(p),
                    from: Some(p.body.value.clone()),
                    to: None,
                    reason: None,
                });
            }
        }
    }
    for p in g.joined() {
        summary.joined += 1;
        people_changes.push(PersonChange {
            change: "joined",
            id: who(p),
            from: None,
            to: Some(p.body.value.clone()),
            reason: None,
        });
    }

    Diff {
        version: 1,
        base: side(base, sources),
        new: side(new, sources),
        bodies,
        counted_bodies: Delta::new(
            reorg::counted_bodies(base).len() as u64,
            reorg::counted_bodies(new).len() as u64,
        ),
        quota,
        fiscally_funded: Delta::new(reorg::funded_headcount(base), reorg::funded_headcount(new)),
        posts,
        people: summary,
        people_changes,
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

/// A word of the output in the language asked for.
fn word(lang: Lang, key: &str) -> String {
    let zh = match key {
        "continued" => "延续",
        "merged" => "合并",
        "new" => "新设",
        "abolished" => "撤销",
        "moved" => "调整",
        "departed" => "离开",
        "lost" => "丢失",
        "joined" => "新进",
        "total" => "合计",
        "current" => "现状",
        "proposal" => "方案",
        other => {
            if let Some(c) = crate::model::Category::parse(other) {
                c.zh()
            } else if let Some(g) = crate::model::Grade::parse(other) {
                g.zh()
            } else if let Some(r) = crate::model::DepartureReason::parse(other) {
                r.zh()
            } else {
                other
            }
        }
    };
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => match crate::model::Grade::parse(key) {
            // Grades read best by their legal term in both languages.
            Some(g) => format!("{} ({})", g.zh(), g.en()),
            None => key.replace('_', " "),
        },
    }
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
    let zh = lang == Lang::Zh;
    let t = |en: &str, zh_s: &str| if zh { zh_s.to_string() } else { en.to_string() };
    let mut out = String::new();
    let (b, n) = (&d.base, &d.new);
    out.push_str(&if zh {
        format!(
            "{}（{}）机构编制变化：{}（{}，{}）→ {}（{}，{}）\n",
            n.name,
            n.unit,
            b.file,
            b.as_of,
            word(lang, b.status),
            n.file,
            n.as_of,
            word(lang, n.status)
        )
    } else {
        format!(
            "What changes for {} ({}): {} ({}, {}) → {} ({}, {})\n",
            n.name, n.unit, b.file, b.as_of, b.status, n.file, n.as_of, n.status
        )
    });
    if b.unit != n.unit {
        out.push_str(&if zh {
            format!("注意：两个文件属于不同单位（{} 与 {}）\n", b.unit, n.unit)
        } else {
            format!(
                "note: the files describe different units ({} and {})\n",
                b.unit, n.unit
            )
        });
    }

    // Bodies.
    let count = |c: &str| d.bodies.iter().filter(|x| x.change == c).count();
    out.push('\n');
    out.push_str(&if zh {
        format!(
            "机构：延续 {}，合并设立 {}，新设 {}，撤销 {}\n",
            count("continued"),
            count("merged"),
            count("new"),
            count("abolished")
        )
    } else {
        format!(
            "Bodies: {} continued, {} merged, {} new, {} abolished\n",
            count("continued"),
            count("merged"),
            count("new"),
            count("abolished")
        )
    });
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
                    } else if zh {
                        format!("{}（{}）", f.id, f.name)
                    } else {
                        format!("{} ({})", f.id, f.name)
                    }
                })
                .collect::<Vec<_>>()
                .join(if zh { "、" } else { ", " });
            [word(lang, c.change), c.id.clone(), c.name.clone(), from]
        })
        .collect();
    out.push_str(&table(
        [
            &t("change", "变化"),
            &t("body", "机构"),
            &t("name", "名称"),
            &t("from the baseline", "基线来源"),
        ],
        rows,
        false,
    ));
    out.push('\n');

    // Figures.
    out.push('\n');
    out.push_str(&t("Establishment and headcount\n", "编制和人数\n"));
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
                t("approved establishment, total", "核定编制合计")
            } else if zh {
                format!("核定{}", word(lang, q.key))
            } else {
                format!("approved {}", word(lang, q.key))
            };
            row(label, &q.delta)
        })
        .collect();
    rows.push(row(
        t("functional and institution bodies", "职能机构和事业单位"),
        &d.counted_bodies,
    ));
    rows.push(row(
        t("fiscally funded headcount", "财政供养人数"),
        &d.fiscally_funded,
    ));
    let head = [
        t("figure", "项目"),
        t("baseline", "基线"),
        t("new", "新"),
        t("change", "增减"),
    ];
    out.push_str(&table([&head[0], &head[1], &head[2], &head[3]], rows, true));
    out.push('\n');

    // Posts.
    out.push('\n');
    out.push_str(&t(
        "Leadership posts (team and bodies)\n",
        "领导职数（班子和机构）\n",
    ));
    let rows = d
        .posts
        .iter()
        .map(|p| row(word(lang, p.key), &p.delta))
        .collect();
    let head = [
        t("grade", "层次"),
        t("baseline", "基线"),
        t("new", "新"),
        t("change", "增减"),
    ];
    if d.posts.is_empty() {
        out.push_str(&t(
            "no leadership posts approved in either file\n",
            "两个文件均未核定领导职数\n",
        ));
    } else {
        out.push_str(&table([&head[0], &head[1], &head[2], &head[3]], rows, true));
        out.push('\n');
    }

    // People.
    let s = &d.people;
    out.push('\n');
    out.push_str(&if zh {
        format!(
            "人员：留任 {}（其中调整机构 {}），离开 {}，新进 {}，丢失 {}\n",
            s.stayed, s.moved, s.departed, s.joined, s.lost
        )
    } else {
        format!(
            "People: {} stay ({} of them move), {} depart, {} join, {} lost\n",
            s.stayed, s.moved, s.departed, s.joined, s.lost
        )
    });
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
            t("change", "变化"),
            t("person", "人员"),
            t("from", "原机构"),
            t("to / reason", "新机构或原因"),
        ];
        out.push_str(&table(
            [&head[0], &head[1], &head[2], &head[3]],
            rows,
            false,
        ));
        out.push('\n');
    }
    out
}

/// Reads and validates one org file into `sources`.
fn load_one(path: &Path, sources: &mut Sources, errors: &mut Vec<InputError>) -> Option<OrgFile> {
    let shown = crate::base::fs::display_path(path);
    let text = match crate::base::fs::read_text(path, &shown) {
        Ok(t) => t,
        Err(e) => {
            errors.push(*e);
            return None;
        }
    };
    let id = sources.add(SourceFile::new(shown, text));
    match load::load_org(id, &sources.get(id), true) {
        load::Loaded::Org(org) => Some(*org),
        // A named file without [unit] is reported as Invalid when `explicit`.
        load::Loaded::NotOrg => None,
        load::Loaded::Invalid(errs) => {
            errors.extend(errs);
            None
        }
    }
}

/// What a diff run prints: stdout, stderr, and the exit code.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

/// The whole `diff`, without printing.
pub fn diff_paths(base: &Path, new: &Path, format: Format, lang: Lang, show_names: bool) -> Output {
    let mut sources = Sources::default();
    let mut errors = Vec::new();
    let b = load_one(base, &mut sources, &mut errors);
    let n = load_one(new, &mut sources, &mut errors);
    match (b, n) {
        (Some(b), Some(n)) if errors.is_empty() => {
            let d = diff(&b, &n, &sources, show_names);
            let stdout = match format {
                Format::Human => render_human(&d, lang),
                Format::Json => render_json(&d),
            };
            Output {
                stdout,
                stderr: String::new(),
                code: EXIT_OK,
            }
        }
        _ => {
            let ws = Workspace::new(sources, Vec::new());
            let files_checked = 2;
            let run = Run {
                ws: &ws,
                findings: &[],
                errors: &errors,
                files_checked,
                lang,
            };
            match format {
                Format::Json => Output {
                    stdout: report::json::render(&run),
                    stderr: String::new(),
                    code: EXIT_INPUT,
                },
                Format::Human => {
                    let color =
                        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                    Output {
                        stdout: String::new(),
                        stderr: human::render(&run, human::Style { color, width: 100 }),
                        code: EXIT_INPUT,
                    }
                }
            }
        }
    }
}

pub fn run(args: DiffArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    let out = diff_paths(&args.base, &args.new, args.format, lang, args.show_names);
    print_stdout(&out.stdout);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    crate::cli::print_stderr_human(&out.stderr, color);
    out.code
}
