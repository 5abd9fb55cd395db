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

/// A rule's title in `lang`: in Chinese its Chinese title (a custom rule, which has none: its
/// name), in English its name.
pub fn rule_title<'a>(code: &str, name: &'a str, lang: Lang) -> &'a str {
    lang.select(name, rule_title_zh(code).unwrap_or(name))
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

/// The Chinese title of a built-in rule, by its code: what `rules`, `explain`, the reports and
/// SARIF show beside the English name (`functional-body-limit`), which stays the rule's id.
pub fn rule_title_zh(code: &str) -> Option<&'static str> {
    Some(match code {
        "BZ001" => "职能机构数量限额",
        "BZ002" => "机构设立须经批准",
        "BZ003" => "机构规格不得超标",
        "BZ004" => "前台后台分设",
        "BZ005" => "一个窗口、一支队伍",
        "BZ006" => "派驻机构管理",
        "BZ007" => "镇区合一不另设编制",
        "BZ008" => "标识重复",
        "BZ009" => "引用的对象不存在",
        "BZ010" => "隶属关系循环",
        "BZ011" => "只设一个中心",
        "BZ012" => "事业单位与职能机构整合",
        "BZ013" => "便民服务站覆盖村（社区）",
        "BZ101" => "超编",
        "BZ102" => "分配编制超过核定",
        "BZ103" => "突破县级编制限额",
        "BZ104" => "机构编制只减不增",
        "BZ105" => "混编混岗",
        "BZ106" => "人数与实名名册不符",
        "BZ107" => "编制类别与机构类别不符",
        "BZ108" => "带编划出后编制未相应核减",
        "BZ109" => "跨层级调配行政编制须经中央审批",
        "BZ201" => "超职数配备",
        "BZ202" => "超规格任职",
        "BZ203" => "职级超出上限",
        "BZ204" => "职务名称未经核定",
        "BZ205" => "职级职数比例",
        "BZ206" => "领导班子构成",
        "BZ301" => "权力实施主体",
        "BZ302" => "权力须列明责任事项",
        "BZ303" => "权力须向社会公布",
        "BZ304" => "权力须有法律依据",
        "BZ305" => "执法人员持证数量",
        "BZ306" => "下放权力须有配套保障",
        "BZ307" => "下放权力须有经费保障",
        "BZ308" => "下放权力须有赋权决定",
        "BZ401" => "经济发达镇认定依据",
        "BZ501" => "机构去向不明",
        "BZ502" => "人员去向不明",
        "BZ901" => "例外无效",
        "BZ902" => "例外未使用",
        _ => return None,
    })
}

/// The comments of the rules' examples (`explain`, docs) in Chinese, by their English text. The
/// examples are written once, in the rules' doc comments; a comment missing here stays English
/// and a test fails.
pub fn example_comment_zh(en: &str) -> Option<&'static str> {
    Some(match en {
        "\"shbz\" is neither kept nor merged: reported" => "“shbz”既未保留也未合并：报告",
        "SZ0029 is neither on the roster nor in a departure: reported" => "SZ0029 既不在名册中，也未记入离开人员：报告",
        "a back body" => "后台机构",
        "a body as holder: reported here" => "以机构为实施主体：在此报告",
        "a congress chair may not hold a government post" => "人大主席不得兼任政府职务",
        "a coordination body has no quota" => "议事协调机构不核定编制",
        "a job label: not checked" => "岗位称谓：不检查",
        "a merged zone has no quota of its own" => "镇区合一的开发区不另设编制",
        "a principal with upper_post: capped at 一级调研员" => "设有 upper_post 的主要负责人：上限为一级调研员",
        "a rank name of 2018: not checked" => "2018 年的职级名称：不检查",
        "a second centre" => "第二个中心",
        "a second party secretary" => "第二名党委书记",
        "a second window" => "第二个窗口",
        "a 股级 bureau" => "股级机构",
        "above the bureau's 股级" => "高于该机构的股级",
        "above the cap 二级调研员" => "超过上限二级调研员",
        "administrative in an institution" => "事业单位中的行政编制",
        "baseline (2018.toml) has SZ0021 and SZ0029 on its roster" => "现状（2018.toml）名册中有 SZ0021 和 SZ0029",
        "baseline (2018.toml) has bodies \"shsy\" and \"shbz\"" => "现状（2018.toml）有机构“shsy”和“shbz”",
        "baseline (2018.toml): as_of = 2018-06-30, [quota] administrative = 84, institution = 28" => "现状（2018.toml）：as_of = 2018-06-30，[quota] administrative = 84，institution = 28",
        "before as_of: expired" => "早于 as_of：已过期",
        "below its parent" => "低于所属机构",
        "blank: reported" => "空白：报告",
        "counts at 正科, the post kept" => "按正科计，保留职务",
        "devolved by the unit's decision" => "依本单位的赋权决定下放",
        "devolved, but no `funding`: reported" => "已下放，但没有 `funding`：报告",
        "devolved, but no `support`: reported" => "已下放，但没有 `support`：报告",
        "empty: reported" => "为空：报告",
        "heads the team: counted" => "班子主要负责人：计入",
        "heads the 股级 bureau concurrently" => "兼任股级机构负责人",
        "merged with its development zone" => "与开发区合一",
        "must be the front service body" => "须为前台便民服务机构",
        "must be the town" => "须为本镇",
        "no [unit.listed]: the listing is not shown" => "没有 [unit.listed]：未说明列入名单的依据",
        "no body has this id" => "没有机构使用此 id",
        "not an approved title" => "未经核定的职务名称",
        "not provincial" => "不是省级",
        "one above the unit: a principal with upper_post" => "高于本单位一级：设有 upper_post 的主要负责人",
        "one body under two names is one window" => "一个机构两块牌子，算一个窗口",
        "over the top cap 0" => "超过一级、二级上限 0",
        "qidu.toml:    parent = \"wujiang\", [quota] administrative = 76" => "qidu.toml：    parent = \"wujiang\"，[quota] administrative = 76",
        "reported here" => "在此报告",
        "reported here: 2 administrative staff, quota 1" => "在此报告：行政编制人员 2 名，核定 1 名",
        "reported here: the bodies are allocated 12" => "在此报告：各机构分配 12 名",
        "reported here: the towns hold 160" => "在此报告：各镇核定合计 160 名",
        "same grade as the town" => "与本镇同级",
        "senior cap 6, top cap 3" => "一至四级上限 6 名，一级、二级上限 3 名",
        "senior cap ⌊0.6 × 3⌋ = 1, top cap ⌊0.5 × 1⌋ = 0" => "一至四级上限 ⌊0.6 × 3⌋ = 1，一级、二级上限 ⌊0.5 × 1⌋ = 0",
        "shengze.toml: parent = \"wujiang\", [quota] administrative = 84" => "shengze.toml：parent = \"wujiang\"，[quota] administrative = 84",
        "six villages without a station" => "六个村没有便民服务站",
        "stands alone: listed" => "单设：列出",
        "takes no post in the bureau" => "不在该机构任职",
        "the back body supports, the front body handles" => "后台机构支撑，前台机构承办",
        "the body handles it; the holder defaults to the unit" => "由机构承办；实施主体默认为本单位",
        "the body has no institution quota" => "该机构没有核定事业编制",
        "the county's establishment: not counted" => "占用县级编制：不计入",
        "the head until the congress elects one" => "人大选举产生前的负责人",
        "the leadership team" => "领导班子",
        "the leadership team of a 正科 town" => "正科级镇的领导班子",
        "the roster lists one" => "名册中有一人",
        "the second body with this id: reported here" => "使用此 id 的第二个机构：在此报告",
        "the third functional body: reported here" => "第三个职能机构：在此报告",
        "the third 股级 holder: two posts approved" => "第三名股级干部：核定职数为两名",
        "the town has 11 functional bodies and BZ001 would fire" => "本镇有 11 个职能机构，BZ001 本应报告",
        "the town has 9 functional bodies: nothing to excuse" => "本镇有 9 个职能机构：无需豁免",
        "the town itself" => "本镇",
        "the town may set it up" => "本镇可以设立",
        "the town must be consulted" => "须征求本镇意见",
        "the 人大主席, held concurrently" => "兼任人大主席",
        "total 112 → 118: 6 transferred in with their establishment" => "合计 112 → 118：6 名随编制划入",
        "total 112 → 120: reported; no transfer allows it" => "合计 112 → 120：报告；没有划转可以解释",
        "vertical: not checked" => "垂直管理：不检查",
        "with max = 2" => "max = 2 时",
        "with max = 2: the third body is an institution, not counted" => "max = 2 时：第三个机构是事业单位，不计入",
        "works together with the economy bureau" => "与经济发展局合署办公",
        "… and no front enforcement body at all" => "……且根本没有前台综合执法机构",
        "代镇长 may be 正科 or 副科" => "代镇长可为正科或副科",
        "局长 carries the bureau's grade: 股级" => "局长与机构同级：股级",
        "编外 occupy no establishment" => "编外人员不占编制",
        "编外: a certificate does not count" => "编外人员：持证不计入",
        "股级: directly under the unit, no grade written" => "股级：直属本单位，未写规格",
        "baseline (2018.toml): as_of = 2018-12-31, [quota] institution = 40" => "现状（2018.toml）：as_of = 2018-12-31，[quota] institution = 40",
        "reported: 40 − 6 moved out = at most 34" => "报告：40 − 6（划出）= 至多 34",
        "a county bureau: another level; no central approval" => "县级部门：另一层级；没有中央审批",
        _ => return None,
    })
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
