//! Words of the documents an office files: the HTML report, the Word document, the plan's changes,
//! and the short names charts give the rules.

use super::{Lang, Text};
use crate::text;

/// The short name of a built-in rule, as a chart labels a box and a document heads a finding:
/// (English, Chinese). `None` for a code that is not built in (a pack's own rule keeps its name).
/// Every code of the catalog has one (`tests/it/documents.rs` says so).
pub fn rule_short_name(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "BZ001" => ("functional bodies over limit", "职能机构超限"),
        "BZ002" => ("body not approved", "机构未经批准"),
        "BZ003" => ("body grade too high", "机构规格超标"),
        "BZ004" => ("front and back offices mixed", "前后台职责不分"),
        "BZ005" => ("one window, one team", "一窗受理一队执法"),
        "BZ006" => ("dispatched body", "派驻机构不符"),
        "BZ007" => ("zone and town not one team", "区镇未合一"),
        "BZ008" => ("duplicate id", "编号重复"),
        "BZ009" => ("reference to nothing", "引用对象不存在"),
        "BZ010" => ("parent cycle", "隶属关系循环"),
        "BZ011" => ("one command center", "综合指挥中心"),
        "BZ012" => ("institutions to integrate", "事业单位整合"),
        "BZ013" => ("service network", "便民服务网络"),
        "BZ101" => ("over quota", "超编"),
        "BZ102" => ("quota over-allocated", "编制分配超核定"),
        "BZ103" => ("over the county limit", "超乡镇编制限额"),
        "BZ104" => ("headcount increase", "突破只减不增"),
        "BZ105" => ("category not approved", "编制类别不符"),
        "BZ106" => ("headcount mismatch", "人数不一致"),
        "BZ107" => ("category and kind mismatch", "编制类别与机构类型不符"),
        "BZ108" => ("establishment transferred out kept", "划出编制未核减"),
        "BZ109" => ("cross-level administrative transfer", "跨层级调配行政编制"),
        "BZ201" => ("over posts", "超职数配备"),
        "BZ202" => ("over-grade appointment", "超规格任职"),
        "BZ203" => ("rank over cap", "职级超限"),
        "BZ204" => ("unauthorized title", "擅设职务名称"),
        "BZ205" => ("rank shares", "职级比例超限"),
        "BZ206" => ("leadership composition", "班子结构不符"),
        "BZ301" => ("power holder", "权力主体不符"),
        "BZ302" => ("power without duty", "有权无责"),
        "BZ303" => ("power not published", "权力未公布"),
        "BZ304" => ("no legal basis", "无法定依据"),
        "BZ305" => ("too few officers", "持证执法人员不足"),
        "BZ306" => ("devolved without support", "下放无指导支持"),
        "BZ307" => ("devolved without funding", "下放无经费保障"),
        "BZ308" => ("devolution document", "下放依据不全"),
        "BZ401" => ("developed-town criteria", "发达镇条件不符"),
        "BZ501" => ("body unaccounted for", "机构去向不明"),
        "BZ502" => ("person unaccounted for", "人员去向不明"),
        "BZ901" => ("invalid exception", "例外无效"),
        "BZ902" => ("unused exception", "例外未使用"),
        _ => return None,
    })
}

/// The short name of a finding's rule in `lang`: the table's for a built-in rule, the rule's own
/// name (a pack's custom rule) otherwise.
pub fn short_name(code: &str, name: &str, lang: Lang) -> String {
    match rule_short_name(code) {
        Some((en, zh)) => lang.select(en, zh).to_string(),
        None => name.to_string(),
    }
}

/// How a document heads a finding's rule: its Chinese title (`words::rule_title_zh`) in Chinese,
/// its short English name in English (a slug such as `functional-bodies` is for machines); a
/// pack's custom rule by its own name.
pub fn rule_heading(code: &str, name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => super::words::rule_title(code, name, lang).to_string(),
        Lang::En => short_name(code, name, lang),
    }
}

/// A date (`YYYY-MM-DD`) as a document writes it: 2026年12月2日, or 2 December 2026.
pub fn date_in(iso: &str, lang: Lang) -> String {
    let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    match (&parts[..], lang) {
        (&[y, m @ 1..=12, d], Lang::Zh) => format!("{y}年{m}月{d}日"),
        (&[y, m @ 1..=12, d], Lang::En) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        _ => iso.to_string(),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "出具单位：某县委编办" — the office that issues the document.
pub fn issued_by(office: &str) -> Text {
    text!("Issued by {office}", "出具单位：{office}")
}

/// "生成日期：2026年12月2日".
pub fn made_on(date: &str) -> Text {
    let (en, zh) = (date_in(date, Lang::En), date_in(date, Lang::Zh));
    Text::new(format!("Made on {en}"), format!("生成日期：{zh}"))
}

/// The heading of a plan's changes: "盛泽镇 2019-03-31 方案与 2018-06-30 现状相比".
pub fn plan_heading(name: &str, new_as_of: &str, base_as_of: &str) -> Text {
    text!(
        "{name}: the plan of {new_as_of} against {base_as_of}",
        "{name}：{new_as_of} 方案与 {base_as_of} 现状相比"
    )
}

/// The words of the report's headings, labels and notes.
pub struct Words {
    pub title: &'static str,
    pub summary: &'static str,
    pub findings: &'static str,
    pub units: &'static str,
    pub none: &'static str,
    pub level: &'static str,
    pub rule: &'static str,
    pub message: &'static str,
    pub place: &'static str,
    pub cite: &'static str,
    pub files: &'static str,
    pub input_errors: &'static str,
    pub unit: &'static str,
    pub file: &'static str,
    pub chart: &'static str,
    pub quota: &'static str,
    pub body: &'static str,
    pub kind: &'static str,
    pub approved: &'static str,
    pub actual: &'static str,
    pub vacant: &'static str,
    pub over: &'static str,
    pub outside: &'static str,
    pub posts: &'static str,
    pub by_category: &'static str,
    pub excluded: &'static str,
    /// A county's limit table: category, limit, the towns' approved establishment, what remains,
    /// the excess.
    pub limit_head: [&'static str; 5],
    pub footer: &'static str,
    /// The section of what the plans change.
    pub plans: &'static str,
    /// The before/after chart of a plan.
    pub change_chart: &'static str,
    /// The before/after chart's column headings and legend.
    pub before: &'static str,
    pub after: &'static str,
    pub continued: &'static str,
    pub merged: &'static str,
    pub new: &'static str,
    pub abolished: &'static str,
    /// The title of the diff's own page.
    pub diff_title: &'static str,
    /// The help under a finding ("how to fix").
    pub help: &'static str,
    /// The note at the end of the Word document.
    pub docx_note: &'static str,
}

pub const ZH: Words = Words {
    title: "机构编制检查报告",
    summary: "概况",
    findings: "发现的问题",
    units: "各单位",
    none: "未发现问题。",
    level: "级别",
    rule: "规则",
    message: "问题",
    place: "位置",
    cite: "依据",
    files: "检查文件",
    input_errors: "输入错误",
    unit: "单位",
    file: "文件",
    chart: "机构设置图",
    quota: "编制使用情况",
    body: "机构",
    kind: "类型",
    approved: "核定",
    actual: "实有",
    vacant: "空编",
    over: "超编",
    outside: "编外",
    posts: "领导职数（核定/实配）",
    by_category: "分类（核定/实有）",
    limit_head: ["编制类别", "编制限额", "各镇核定", "余额", "超限额"],
    excluded: "派驻机构占用上级部门编制，不计入合计。“—”：未核定编制——领导班子占用本级编制，未单列编制的内设机构占用所属机构的编制，未核定编制的派驻机构占用上级部门的编制，不单独计算空编、超编。",
    footer: "由 bianzhi 生成。本页不引用任何外部资源，可离线查看和存档。",
    plans: "方案变化",
    change_chart: "机构变化图",
    before: "现状",
    after: "方案",
    continued: "延续",
    merged: "合并设立",
    new: "新设",
    abolished: "撤销",
    diff_title: "机构编制变化",
    help: "处理建议",
    docx_note: "本文件由 bianzhi 根据组织文件生成，可在此基础上修改形成审核意见。",
};

pub const EN: Words = Words {
    title: "Establishment check report",
    summary: "Summary",
    findings: "Findings",
    units: "Units",
    none: "No findings.",
    level: "Level",
    rule: "Rule",
    message: "Finding",
    place: "Location",
    cite: "Citation",
    files: "files checked",
    input_errors: "input errors",
    unit: "Unit",
    file: "File",
    chart: "Org chart",
    quota: "Establishment in use",
    body: "Body",
    kind: "Kind",
    approved: "Approved",
    actual: "Actual",
    vacant: "Vacant",
    over: "Over",
    outside: "Outside",
    posts: "Posts (approved/filled)",
    by_category: "By category (approved/actual)",
    limit_head: [
        "Category",
        "County limit",
        "Towns' quotas",
        "Remaining",
        "Over the limit",
    ],
    excluded: "Dispatched bodies hold the county department's establishment and are not in the total. \"—\": nothing approved there — the leadership team holds the unit's establishment, a sub-body without a quota of its own its parent's, a dispatched body without one the county department's; no vacancy or excess is computed for them.",
    footer: "Generated by bianzhi. This page loads nothing from elsewhere: view and archive it offline.",
    plans: "What the plans change",
    change_chart: "Bodies before and after",
    before: "Current",
    after: "Plan",
    continued: "continued",
    merged: "merged",
    new: "new",
    abolished: "abolished",
    diff_title: "What the plan changes",
    help: "What to do",
    docx_note: "Generated by bianzhi from the org files; edit it into the office's opinion.",
};

/// The words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// After the first rule names of a chart's box: "等 2 项" / " and 2 more".
pub fn more_names(n: usize) -> Text {
    text!(" and {n} more", "等另 {n} 项")
}

/// `--date` written another way.
pub fn bad_date(value: &str) -> Text {
    text!(
        "--date takes a date written YYYY-MM-DD (e.g. 2026-06-30), not `{value}`",
        "--date 应写为 年-月-日 形式（如 2026-06-30），而不是 `{value}`"
    )
}

/// `--format docx` without `-o`.
pub fn docx_needs_output() -> Text {
    text!(
        "a Word document is written to a file: add -o FILE.docx",
        "Word 文档须写入文件：请加上 -o 文件名.docx"
    )
}

/// "现状（2018-06-30）" / "Current (2018-06-30)": a word with its detail in brackets, the brackets
/// of the language.
pub fn with_detail(word: &str, detail: &str) -> Text {
    text!("{word} ({detail})", "{word}（{detail}）")
}
