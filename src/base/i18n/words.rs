//! Fixed words in both languages: column headers, labels, headings. Sentences with arguments are
//! in [`super::msg`]; this is their short companion, grouped by the output that shows them.

use super::Lang;

/// One fixed word or short label in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Word {
    pub const fn new(en: &'static str, zh: &'static str) -> Self {
        Word { en, zh }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        lang.select(self.en, self.zh)
    }
}

/// `pub fn name(l: Lang) -> &'static str` for each `name: "english", "中文";`.
macro_rules! words {
    ($($(#[$doc:meta])* $name:ident: $en:literal, $zh:literal;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(l: $crate::base::i18n::Lang) -> &'static str {
                $crate::base::i18n::words::Word::new($en, $zh).get(l)
            }
        )*
    };
}

/// The staffing ledger (`bianzhi report`): its tables, CSV columns and workbook.
pub mod ledger {
    words! {
        body: "body", "机构";
        category: "category", "编制类别";
        approved: "approved", "核定";
        actual: "actual", "实有";
        vacant: "vacant", "空编";
        over: "over", "超编";
        grade: "grade", "职务层次";
        posts_approved: "approved posts", "核定职数";
        filled: "filled", "实配";
        posts_vacant: "vacant", "空缺";
        posts_over: "over", "超配";
        leadership: "leadership team", "领导班子";
        unit_total: "unit total", "全单位合计";
        /// After a dispatched body's name.
        dispatched: " (dispatched)", "（派驻）";
        unit: "unit", "单位";
        county_limit: "county limit", "编制限额";
        towns_quotas: "towns' quotas", "各镇核定";
        remaining: "remaining", "余额";
        over_limit: "over the limit", "超限额";
        // The CSV's columns and the values of its `table` column (keys in English).
        csv_as_of: "as_of", "日期";
        csv_table: "table", "表";
        csv_body_id: "body_id", "机构编号";
        csv_establishment: "establishment", "编制";
        csv_posts: "posts", "职数";
        csv_town: "town", "乡镇";
        csv_county_limit: "county_limit", "编制限额";
        // The workbook.
        yes: "yes", "是";
        no: "no", "否";
        summary: "summary", "汇总";
        unit_id: "unit id", "单位编号";
        as_of: "as of", "日期";
        status: "status", "状态";
        leadership_posts: "leadership posts", "领导职数";
        roster: "real-name roster", "实名制名册";
    }
}

/// The findings' formats (human, GitHub, JUnit).
pub mod findings {
    words! {
        /// The code shown on an input error in the human report.
        input_error: "input", "输入错误";
        /// The title of an input error's GitHub annotation.
        input_error_title: "bianzhi: input error", "bianzhi：输入错误";
        /// A JUnit case skipped because its rule does not apply.
        rule_does_not_apply: "the rule does not apply to this kind of unit", "该规则不适用于此类单位";
    }

    use super::Word;

    /// The labels miette writes in English at the start of a line (before a hint; before a note
    /// about a place in another file), with the words in their place. Each Chinese label is as
    /// wide on a terminal as the English one.
    pub fn miette_labels() -> [Word; 2] {
        [
            Word::new("  help: ", "  建议："),
            Word::new("Advice: ", "参见："),
        ]
    }
}

/// Punctuation that differs between the languages.
pub mod punct {
    words! {
        /// Between items of a list of names.
        list: ", ", "、";
        /// Between clauses or items that are themselves lists.
        comma: ", ", "，";
        /// After a label.
        colon: ": ", "：";
        /// After an item's number.
        number_dot: ". ", "．";
    }
}

/// The HTML report's rows (its headings are the documents' words, `i18n::doc`).
pub mod report {
    words! {
        leadership: "leadership team", "领导班子";
        total: "total (unit's quota)", "合计（本级核定）";
    }
}

/// The org chart.
pub mod chart {
    words! {
        dispatched: "dispatched", "派驻";
        current: "current", "现状";
        proposal: "proposal", "方案";
        not_compared: "not compared with a baseline", "未对照现状";
        front_offices: "Front offices", "前台机构";
        back_offices: "Back offices", "后台职能机构";
        institutions: "Institutions", "事业单位";
        party_mass: "Party and mass", "群团组织";
        coordination: "Coordination", "议事协调机构";
        dispatched_bodies: "Dispatched", "派驻机构";
        towns: "Towns", "乡镇（街道）";
    }
}

/// A reorganization's diff (`bianzhi diff`).
pub mod diff {
    words! {
        change: "change", "变化";
        body: "body", "机构";
        name: "name", "名称";
        establishment_heading: "Establishment and headcount", "编制和人数";
        quota_total: "approved establishment, total", "核定编制合计";
        counted_bodies: "functional and institution bodies", "职能机构和事业单位";
        fiscally_funded: "fiscally funded headcount", "财政供养人数";
        figure: "figure", "项目";
        current: "current", "现状";
        proposal: "proposal", "方案";
        delta: "change", "增减";
        posts_heading: "Leadership posts (team and bodies)", "领导职数（班子和机构）";
        grade: "grade", "层次";
        no_posts: "no leadership posts approved in either file", "两个文件均未核定领导职数";
        person: "person", "人员";
        from: "from", "原机构";
        to_or_reason: "to / reason", "新机构或原因";
        direction: "transfer", "划转";
        counterpart: "counterpart", "对方单位";
        transferred: "establishment and document", "划转编制及依据";
        document: "document", "依据";
        /// Between two items of a list.
        list_separator: ", ", "、";
        /// The workbook's sheet.
        sheet: "changes", "变化";
    }

    /// The words of the diff's JSON values (`continued`, `lost`…) in Chinese; English shows the
    /// value itself.
    pub fn change_zh(key: &str) -> Option<&'static str> {
        Some(match key {
            "continued" => "延续",
            "merged" => "合并",
            "new" => "新设",
            "abolished" => "撤销",
            "moved" => "调整",
            "departed" => "离开",
            "lost" => "去向不明",
            "joined" => "新进",
            "total" => "合计",
            "current" => "现状",
            "proposal" => "方案",
            "in" => "划入",
            "out" => "划出",
            "transferred_out" => "整建制划出",
            "moved_out" => "随编划出",
            _ => return None,
        })
    }
}

/// `bianzhi rules`.
pub mod rules {
    words! {
        code: "code", "代码";
        title: "title", "名称";
        name: "name", "标识";
        scope: "scope", "适用范围";
        level: "level", "级别";
        parameters: "parameters", "参数";
        citation: "citation", "依据";
    }
}

/// `bianzhi test`.
pub mod test {
    words! {
        could_not_check: "could not be checked", "无法检查";
        missing: "expected, not found", "缺少";
        extra: "found, not expected", "多出";
        error: "error", "错误";
        fail: "FAIL", "未通过";
    }
}

/// A rule's documentation (`explain`, SARIF help, docs/rules.md): (heading in the doc comment,
/// heading shown). The examples are the same in both languages; `## 参数`, where a rule has it,
/// gives the Chinese notes on its parameters.
pub fn doc_sections(lang: Lang) -> &'static [(&'static str, &'static str)] {
    lang.select(
        &[
            ("## What it checks", "What it checks"),
            ("## Why", "Why"),
            ("## Example", "Example (fails)"),
            ("## Passing example", "Passing example"),
            ("## Parameters", "Parameters"),
        ],
        &[
            ("## 检查内容", "检查内容"),
            ("## 依据", "依据"),
            ("## Example", "违规示例"),
            ("## Passing example", "合规示例"),
            ("## 参数", "参数"),
        ],
    )
}

/// A built-in rule without parameters, in its Chinese parameter notes.
pub fn no_parameters(lang: Lang) -> &'static str {
    Word::new("None.", "无。").get(lang)
}

/// The title catalog (BZ204's `titles`) as `explain` and `rules --verbose` show it.
pub mod titles {
    use crate::base::i18n::Lang;

    words! {
        heading: "Title catalog", "职务名称目录";
        title: "title", "职务名称";
        grades: "grades", "可任层次";
        where_: "where", "适用单位";
        anywhere: "any unit", "各类单位";
    }

    /// A grade token or a kind of unit of the catalog in `lang` (the tokens themselves are what
    /// a pack writes; English shows them as they are). `zh`: the token's Chinese where the
    /// caller knows it (a grade, a kind of unit).
    pub fn token<'a>(t: &'a str, zh: Option<&'a str>, lang: Lang) -> &'a str {
        let zh = match t {
            "unit" => "本单位级别",
            "unit-1" => "低于本单位一级",
            "body" => "所在机构规格",
            "body-1" => "低于所在机构一级",
            "none" => "无领导职务层次",
            "zone" => "区镇合一",
            other => zh.unwrap_or(other),
        };
        lang.select(t, zh)
    }
}
