//! Words of the documents an office files: the HTML report, the Word document, the plan's changes.
//! (The rules' short names and titles are their own: `declare_rule!`.)

use super::{Lang, Text};
use crate::text;

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
