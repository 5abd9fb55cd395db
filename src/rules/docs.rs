//! What the rules' documentation is made of besides each rule's doc comment: the documents rules
//! cite, by their full titles (RULES.md, Citations), the documentation in one language (for
//! `explain` and SARIF), and the rule reference `docs/rules.md`, generated from the catalog so that
//! it cannot drift (a test compares it).

use crate::base::i18n::words::doc_sections as sections;
use crate::base::i18n::{msg, words, Lang, Text};
use crate::rules::{catalog, RuleMeta};

/// A document rules cite: the short form a cite starts with, and the full title.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    /// The short form in a Chinese cite (`江苏经济发达镇意见 二(二)`).
    pub zh: &'static str,
    /// The short form in an English cite (`Jiangsu DT Opinions 2017, II(2)`).
    pub en: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// Cited from memory, not from a text read: said so wherever the title is shown.
    pub from_memory: bool,
}

/// Every document a built-in rule cites.
pub const SOURCES: &[Source] = &[
    Source {
        zh: "江苏经济发达镇意见",
        en: "Jiangsu DT Opinions 2017",
        title_zh: "中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25；正文未载文号）",
        title_en: "《关于深化经济发达镇行政管理体制改革工作的意见》, the opinions on deepening the administrative reform of economically developed towns, General Office of the CPC Jiangsu Provincial Committee, 2017-08-25 (the text gives no document number)",
        from_memory: false,
    },
    Source {
        zh: "国务院令第486号",
        en: "State Council Decree 486",
        title_zh: "《地方各级人民政府机构设置和编制管理条例》（2007）",
        title_en: "《地方各级人民政府机构设置和编制管理条例》, the regulations on the bodies and establishment of local people's governments (2007)",
        from_memory: false,
    },
    Source {
        zh: "地方组织法",
        en: "Local Organic Law",
        title_zh: "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》（2022 年修正）",
        title_en: "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》, the organic law of local people's congresses and local people's governments (as amended in 2022)",
        from_memory: false,
    },
    Source {
        zh: "行政处罚法",
        en: "Administrative Penalty Law",
        title_zh: "《中华人民共和国行政处罚法》（2021 年修订，2021-07-15 施行）",
        title_en: "《中华人民共和国行政处罚法》, the Administrative Penalty Law (revised in 2021, in force from 2021-07-15)",
        from_memory: false,
    },
    Source {
        zh: "职务职级并行规定",
        en: "Posts and Ranks Rules 2019",
        title_zh: "《公务员职务与职级并行规定》（2019-06-01 施行）",
        title_en: "《公务员职务与职级并行规定》, the rules on parallel posts and ranks of civil servants (in force from 2019-06-01)",
        from_memory: true,
    },
    Source {
        zh: "公务员法",
        en: "Civil Servant Law",
        title_zh: "《中华人民共和国公务员法》（2018 年修订）",
        title_en: "《中华人民共和国公务员法》, the Civil Servant Law (revised in 2018)",
        from_memory: false,
    },
    Source {
        zh: "事业单位登记管理暂行条例",
        en: "Public Institution Registration Regulations",
        title_zh: "《事业单位登记管理暂行条例》（国务院令第252号，2004 年修订）",
        title_en: "《事业单位登记管理暂行条例》, the interim regulations on the registration of public institutions (State Council Decree 252, revised in 2004)",
        from_memory: false,
    },
    Source {
        zh: "党内法规",
        en: "Party rules",
        title_zh: "《中国共产党章程》；《中国共产党农村基层组织工作条例》（2019）",
        title_en: "《中国共产党章程》, the Party constitution; 《中国共产党农村基层组织工作条例》, the regulations on the work of the Party's rural grassroots organisations (2019)",
        from_memory: true,
    },
];

/// The documents a cite names, in the order it names them: a cite names a document when its text,
/// in either language, contains that document's short form.
pub fn sources_of(cite: &Text) -> Vec<&'static Source> {
    let mut found: Vec<(usize, &'static Source)> = SOURCES
        .iter()
        .filter_map(|s| {
            let at = cite.zh.find(s.zh).or_else(|| cite.en.find(s.en))?;
            Some((at, s))
        })
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, s)| s).collect()
}

impl Source {
    /// The full title in one language, with the short form it is cited by.
    pub fn describe(&self, lang: Lang) -> String {
        let (short, title) = (
            lang.select(self.en, self.zh),
            lang.select(self.title_en, self.title_zh),
        );
        msg::source_described(short, title, self.from_memory)
            .get(lang)
            .to_string()
    }
}

/// The parameter notes in one language. English: the rule's `## Parameters`. Chinese: its
/// `## 参数` where it has one; else each parameter with its default, so that no English prose
/// reaches Chinese output.
fn parameters(meta: &RuleMeta, lang: Lang) -> String {
    let written = meta.doc_section(sections(lang)[4].0);
    if !written.is_empty() || lang == Lang::En {
        return written;
    }
    let defaults = crate::rules::lookup(&meta.code)
        .map(|d| (d.default_params)())
        .unwrap_or_default();
    if defaults.is_empty() {
        // A custom rule has no parameters either; only a built-in one says so.
        return if crate::rules::lookup(&meta.code).is_some() {
            words::no_parameters(lang).to_string()
        } else {
            String::new()
        };
    }
    defaults
        .iter()
        .map(|(k, v)| {
            let is_catalog = v
                .as_table()
                .is_some_and(|t| !t.is_empty() && t.values().all(|e| e.get("grades").is_some()));
            let shown = if is_catalog {
                msg::catalog_default(v.as_table().map_or(0, |t| t.len()), &meta.code)
                    .get(lang)
                    .to_string()
            } else {
                format!("`{v}`")
            };
            msg::param_default(k, &shown).get(lang).to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sections of a rule's documentation in one language, as (heading shown, text); empty
/// sections left out (a custom rule has no examples).
pub fn localized_sections(meta: &RuleMeta, lang: Lang) -> Vec<(&'static str, String)> {
    sections(lang)
        .iter()
        .filter_map(|(heading, title)| {
            let text = if heading.ends_with("Parameters") || heading.ends_with("参数") {
                parameters(meta, lang)
            } else if heading.contains("Example") || heading.contains("example") {
                example_comments(meta, &meta.doc_section(heading), lang)
            } else {
                meta.doc_section(heading)
            };
            (!text.is_empty()).then_some((*title, text))
        })
        .collect()
}

/// An example with its comments in `lang` (they are written in English; the rule's declaration
/// has them in Chinese).
fn example_comments(meta: &RuleMeta, example: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return example.to_string();
    }
    let lines: Vec<String> = example
        .lines()
        .map(|line| {
            let found = line
                .match_indices("# ")
                .find_map(|(at, _)| meta.comment_zh(&line[at + 2..]).map(|zh| (at, zh)));
            match found {
                Some((at, zh)) => format!("{}# {zh}", &line[..at]),
                None => line.to_string(),
            }
        })
        .collect();
    lines.join("\n")
}

/// The documentation in one language as Markdown (SARIF's rule help).
pub fn markdown(meta: &RuleMeta, lang: Lang) -> String {
    let mut out = String::new();
    for (title, text) in localized_sections(meta, lang) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&format!("## {title}\n\n{text}"));
    }
    out
}

/// The level in words.
fn level_name(meta: &RuleMeta, lang: Lang) -> &'static str {
    meta.level.name(lang)
}

/// The rule reference `docs/rules.md`: every rule of the catalog with its scope, level, cite in
/// both languages, the documents it cites, its documentation in both languages and its
/// parameters' defaults.
pub fn reference() -> String {
    let mut o = String::from(
        "# Rule reference\n\n\
         <!-- Generated from the rule catalog (src/rules/): do not edit. \
         Regenerate with `UPDATE_DOCS=1 cargo test --test it docs::`. -->\n\n\
         Every rule of bianzhi, from its own documentation: what it checks, why (the clause it \
         enforces, quoted), a failing and a passing example, and its parameters. Which rules are \
         in force, at which level and with which parameters, is up to the rule pack (`national`, \
         `jiangsu-2017`, or your own: see the README). `bianzhi explain CODE` prints the same in \
         the language of `--lang`.\n\n\
         **Scope** says which org files a rule looks at: `dev`, a town with \
         `developed_town = true` (经济发达镇: the Jiangsu opinions govern these only); `town`, \
         every town, township and subdistrict (乡镇、街道: law-wide rules); `county`, county \
         files; `all`, every file; `declared`, every unit that declares `developed_town`. A pack \
         may change it with `applies_to`.\n\n\
         ## Precision first\n\n\
         A wrong finding costs more than a missing one: an office that sees three false alarms \
         stops reading the fourth. Every rule, and every rule a pack adds, follows these \
         principles:\n\n\
         - **`error` only for what a text decides mechanically from the file's data.** Where a \
         text leaves room (原则上, 一般) or a requirement rests on memory rather than on a text \
         read (marked \"cited from memory\" below), a rule reports at `warning` or `info`. Two \
         exceptions stay `error` by decision: BZ203 (the Jiangsu opinions forbid \
         “擅自提高干部职级待遇”; its caps are parameters a provincial pack should confirm) and \
         one 党委书记 in a town (BZ206).\n\
         - **A vacancy is not a violation.** A post nobody holds (空缺) is `info`: the Local \
         Organic Law says a town's government “设镇长、副镇长”, not that the post is never \
         vacant.\n\
         - **No data, no finding.** A file that lacks the data a rule needs (no roster, no \
         powers list) gets nothing from that rule, or one `info` saying what is missing and that \
         the check could not run (\"not shown\"). An establishment office's ledger that keeps \
         only the approved numbers is normal.\n\
         - **Each finding cites the clause of its own requirement**, not every clause of its \
         rule: a subdistrict's party-side finding does not cite the people's congress articles. \
         A rule that checks several requirements gives each finding its own citation; the \
         pack's `cite` applies to the findings the rule does not cite itself.\n\
         - **Quotations are verbatim**: every “…” that `explain` shows occurs, character for \
         character (after full- and half-width normalisation), in the text it cites.\n\n\
         ## Documents cited\n\n| cited as | document |\n|---|---|\n",
    );
    for s in SOURCES {
        let mem = if s.from_memory {
            " (cited from memory)"
        } else {
            ""
        };
        o.push_str(&format!("| {} / {} | {}{mem} |\n", s.zh, s.en, s.title_zh));
    }
    o.push_str(
        "| 文件完整性 / file integrity | the org files' own consistency |\n\
         | 改革方案完整性 / reorganization: nothing lost | a reorganization plan accounts for every body and person |\n\
         | 例外须经批准 / exceptions need an approval | an `[[exception]]` names its approval |\n",
    );
    o.push_str("\n## Rules\n\n| code | name | scope | level | cite |\n|---|---|---|---|---|\n");
    for d in catalog() {
        let m = d.meta;
        o.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} | {} · {} |\n",
            m.code,
            m.code.to_lowercase(),
            m.name,
            m.scope.as_str(),
            m.level.as_str(),
            m.cite.en,
            m.cite.zh
        ));
    }
    for d in catalog() {
        let m = d.meta;
        o.push_str(&format!(
            "\n<a id=\"{}\"></a>\n## {} `{}`\n\n",
            m.code.to_lowercase(),
            m.code,
            m.name
        ));
        o.push_str(&format!(
            "- **Scope**: `{}` — {} / {}\n- **Default level**: {} / {}\n- **Cite**: {} / {}\n",
            m.scope.as_str(),
            m.scope.describe().en,
            m.scope.describe().zh,
            level_name(m, Lang::En),
            level_name(m, Lang::Zh),
            m.cite.en,
            m.cite.zh
        ));
        for s in sources_of(&m.cite.text()) {
            let mem = if s.from_memory {
                " (cited from memory)"
            } else {
                ""
            };
            o.push_str(&format!("- **Source**: {}{mem}\n", s.title_zh));
        }
        for lang in [Lang::En, Lang::Zh] {
            for (title, text) in localized_sections(m, lang) {
                // The examples are the same in both languages: shown once.
                if lang == Lang::Zh && (title == "违规示例" || title == "合规示例") {
                    continue;
                }
                o.push_str(&format!("\n### {title}\n\n{text}\n"));
            }
        }
        let defaults = (d.default_params)();
        if !defaults.is_empty() {
            // Nested under `[rule.NAME]`, as a pack writes them.
            let mut rule = toml::Table::new();
            rule.insert(m.name.to_string(), toml::Value::Table(defaults));
            let mut top = toml::Table::new();
            top.insert("rule".to_string(), toml::Value::Table(rule));
            let toml = toml::to_string(&top).unwrap_or_default();
            o.push_str(&format!(
                "\n### Defaults / 默认参数\n\n```toml\n{toml}```\n"
            ));
        }
    }
    o
}

/// A title catalog (`{ "镇长" = { grades = [...], where = [...] } }`) as a table: a title a row,
/// the grades it may be held at and the units it is used in. `None` for any other value.
pub fn catalog_table(v: &toml::Value, lang: Lang) -> Option<String> {
    use words::titles as w;
    let toml::Value::Table(t) = v else {
        return None;
    };
    if t.is_empty() || !t.values().all(|e| e.get("grades").is_some()) {
        return None;
    }
    let list = |e: &toml::Value, key: &str| -> Option<String> {
        let items = e.get(key)?.as_array()?;
        let shown: Vec<String> = items
            .iter()
            .filter_map(|x| x.as_str())
            .map(|x| {
                w::token(x, crate::model::UnitKind::parse(x).map(|k| k.zh()), lang).to_string()
            })
            .collect();
        Some(shown.join(words::diff::list_separator(lang)))
    };
    let mut b = tabled::builder::Builder::default();
    b.push_record([w::title(lang), w::grades(lang), w::where_(lang)]);
    for (title, e) in t {
        b.push_record([
            title.clone(),
            list(e, "grades").unwrap_or_default(),
            list(e, "where").unwrap_or_else(|| w::anywhere(lang).to_string()),
        ]);
    }
    let mut table = b.build();
    table.with(tabled::settings::Style::sharp());
    Some(table.to_string())
}
