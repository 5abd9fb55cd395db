//! Message catalog for input errors and the command line, in Chinese and English.
//!
//! Messages are lower case without a trailing period. `table` arguments are written as the user
//! sees them in the file (`[unit]`, `[[body]]`, `[body.quota]`).

use super::{Lang, Text};
use crate::text;

/// "a string" / "字符串": a TOML type (or a group of them) as named in type errors.
pub fn toml_type(name: &str) -> Text {
    let (en, zh) = match name {
        "string" => ("a string", "字符串"),
        "integer" => ("an integer", "整数"),
        "float" => ("a float", "小数"),
        "number" => ("a number", "数值"),
        "boolean" => ("a boolean", "布尔值"),
        "date" => ("a date", "日期"),
        "datetime" => ("a date with a time", "带时间的日期"),
        "time" => ("a time of day", "时刻"),
        "array" => ("an array", "数组"),
        "table" => ("a table", "表"),
        other => return Text::same(other),
    };
    Text::new(en, zh)
}

/// A syntax error from the TOML parser, whose own text exists only in English: "<what>, expected
/// <what>" put into Chinese part by part ([`toml_phrase_zh`]); a part the table does not know is
/// quoted as the parser wrote it.
pub fn toml_syntax(message: &str) -> Text {
    // The parser's own word for its nesting limit says nothing to a clerk.
    if message == "recursion limit" || message.starts_with("cannot recurse further") {
        return text!(
            "nested too deeply: a table header or key of too many dotted parts, or arrays and inline tables inside each other too many levels deep",
            "嵌套层数过多：表头或键的点号分隔层级过多，或数组、内联表层层嵌套过深"
        );
    }
    let (what, expected) = match message.split_once(", expected ") {
        Some((w, e)) => (w, Some(e)),
        None => (message, None),
    };
    let zh_of = |part: &str| match toml_phrase_zh(part) {
        Some(z) => z.to_string(),
        None if part.starts_with('`') => part.to_string(),
        None => format!("“{part}”"),
    };
    let mut zh = match toml_phrase_zh(what) {
        Some(z) => z.to_string(),
        None => format!("TOML 语法错误：“{what}”"),
    };
    // "string values must be quoted, expected literal string" says the same thing twice.
    if let Some(e) = expected.filter(|_| what != "string values must be quoted") {
        let list: Vec<String> = e
            .split(", ")
            .flat_map(|p| p.split(" or "))
            .map(zh_of)
            .collect();
        zh.push_str(&format!("，此处应为 {}", list.join(" 或 ")));
    }
    Text::new(message, zh)
}

/// The TOML parser's phrases in Chinese.
fn toml_phrase_zh(phrase: &str) -> Option<&'static str> {
    Some(match phrase {
        "duplicate key" => "重复的键",
        "string values must be quoted" => "字符串值须加引号",
        "unclosed table" => "表头缺少右方括号",
        "unclosed array table" => "表数组的表头缺少右方括号",
        "unclosed array" => "数组缺少右方括号",
        "unclosed inline table" => "内联表缺少右花括号",
        "invalid basic string" | "invalid string" | "invalid literal string" => {
            "字符串无效（引号不成对？）"
        }
        "invalid multi-line basic string" | "invalid multi-line literal string" => "多行字符串无效",
        "invalid key" | "invalid unquoted key" => "键无效",
        "invalid key-value pair" => "键值对无效",
        "invalid value" => "值无效",
        "invalid table" => "表头无效",
        "invalid inline table element" => "内联表的元素无效",
        "invalid integer number" => "整数无效",
        "invalid float" | "invalid mantissa" | "invalid fraction" | "invalid exponent" => {
            "小数无效"
        }
        "invalid boolean" => "布尔值无效（应为 true 或 false）",
        "invalid date-time" | "invalid datetime" | "invalid date" => "日期无效",
        "invalid time" => "时间无效",
        "invalid hexadecimal number" | "invalid octal number" | "invalid binary number" => {
            "数值无效"
        }
        "invalid comment character" => "注释中有无效字符",
        "missing value" | "missing value for key" | "key with no value" => "缺少值",
        "missing assignment between key-value pairs" => "键和值之间缺少等号",
        "extra assignment between key-value pairs" => "多余的等号",
        "missing comma between array elements" => "数组元素之间缺少逗号",
        "missing comma between key-value pairs" => "键值对之间缺少逗号",
        "extra comma in array" => "数组中有多余的逗号",
        "extra comma in inline table" => "内联表中有多余的逗号",
        "missing opening quote" => "缺少左引号",
        "missing escaped value" => "转义字符不完整",
        "missing key for inline table element" => "内联表元素缺少键",
        "missing inline table opening" => "缺少内联表的左花括号",
        "missing array opening" => "缺少数组的左方括号",
        "missing table open" => "缺少表头的左方括号",
        "missing comment start" => "缺少注释符号 #",
        "unexpected content" | "unexpected key or value" => "多余的内容",
        "unexpected content between comment and newline" => "注释后有多余的内容",
        "unexpected leading zero" => "数字不能以 0 开头",
        "unexpected sign" | "redundant numeric sign" => "多余的正负号",
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "键不能是多行字符串"
        }
        "carriage return must be followed by newline" => "回车符后须为换行符",
        "literal string" | "basic string" | "string" => "字符串",
        "newline" => "换行",
        "letters" => "英文字母",
        "numbers" | "digits" => "数字",
        "end-of-input" => "文件结尾",
        "key" => "键",
        "integer" => "整数",
        "float" => "小数",
        "boolean" => "布尔值",
        "date-time" | "date" => "日期",
        "month between 01 and 12" => "01 至 12 之间的月份",
        "day between 01 and 28" => "01 至 28 之间的日期",
        "day between 01 and 29" => "01 至 29 之间的日期",
        "day between 01 and 30" => "01 至 30 之间的日期",
        "day between 01 and 31" => "01 至 31 之间的日期",
        "hour between 00 and 23" => "00 至 23 之间的小时",
        "minute between 00 and 59" => "00 至 59 之间的分钟",
        "a four-digit year (YYYY)" => "四位数的年份",
        "a two-digit month (MM)" => "两位数的月份",
        "a two-digit day (DD)" => "两位数的日",
        _ => return None,
    })
}

pub fn empty_file() -> Text {
    text!(
        "empty file: an org file needs a [unit] table",
        "空文件：组织文件需要 [unit] 表"
    )
}

pub fn not_org_file() -> Text {
    text!(
        "no [unit] table: not an org file",
        "没有 [unit] 表：不是组织文件"
    )
}

/// A file with org tables (`first` is one of them, e.g. `[[body]]`) but no `[unit]`.
pub fn missing_unit(first: &str) -> Text {
    text!(
        "no [unit] table, though the file has {first}",
        "文件有 {first}，但没有 [unit] 表"
    )
}

pub fn org_table_here() -> Text {
    text!("org table here", "组织表在此")
}

pub fn add_unit_table() -> Text {
    text!(
        "add a [unit] table with `id`, `name`, `kind` and `as_of`",
        "请添加包含 `id`、`name`、`kind` 和 `as_of` 的 [unit] 表"
    )
}

pub fn unknown_key(key: &str, table: &str) -> Text {
    if table.is_empty() {
        text!("unknown top-level key `{key}`", "未知的顶层键 `{key}`")
    } else {
        text!(
            "unknown key `{key}` in {table}",
            "{table} 中有未知的键 `{key}`"
        )
    }
}

pub fn did_you_mean(candidate: &str) -> Text {
    text!("did you mean `{candidate}`?", "是否应为 `{candidate}`？")
}

pub fn expected_keys(keys: &[&str]) -> Text {
    let list = keys
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    text!("expected one of {list}", "应为以下之一：{list}")
}

pub fn missing_key(key: &str, table: &str) -> Text {
    text!(
        "missing key `{key}` in {table}",
        "{table} 中缺少必需的键 `{key}`"
    )
}

/// `table` is empty for a top-level key.
pub fn wrong_type(key: &str, table: &str, expected: &Text, found: &Text) -> Text {
    let (ee, fe, ez, fz) = (&expected.en, &found.en, &expected.zh, &found.zh);
    if table.is_empty() {
        text!(
            "wrong type for top-level `{key}`: expected {ee}, found {fe}",
            "顶层 `{key}` 的类型错误：应为{ez}，实为{fz}"
        )
    } else {
        text!(
            "wrong type for `{key}` in {table}: expected {ee}, found {fe}",
            "{table} 中 `{key}` 的类型错误：应为{ez}，实为{fz}"
        )
    }
}

/// What to write for a quoted yes/no (`"是"`); `value` when the text says which.
pub fn write_bool(key: &str, value: Option<bool>) -> Text {
    match value {
        Some(b) => text!(
            "write `{key} = {b}`, without quotes (true or false)",
            "改为 `{key} = {b}`，不加引号（是写 true，否写 false）"
        ),
        None => text!(
            "write `{key} = true` or `{key} = false`, without quotes",
            "是写 `{key} = true`，否写 `{key} = false`，不加引号"
        ),
    }
}

/// What to write for a date given as text (`"2024年6月30日"`); `date` when the text has one.
pub fn write_date(key: &str, date: Option<&str>) -> Text {
    match date {
        Some(d) => text!(
            "write `{key} = {d}`, without quotes (year-month-day)",
            "改为 `{key} = {d}`，不加引号（年-月-日）"
        ),
        None => text!(
            "write a date without quotes, as year-month-day: `{key} = 2024-06-30`",
            "日期不加引号，按 年-月-日 书写，如 `{key} = 2024-06-30`"
        ),
    }
}

/// What to write for a number given as text (`"5"`).
pub fn write_unquoted(key: &str, value: &str) -> Text {
    text!(
        "write the number without quotes: `{key} = {value}`",
        "数字不加引号：改为 `{key} = {value}`"
    )
}

/// What to write for text given as a number or a boolean (an employee number `1001`).
pub fn write_quoted(key: &str, value: &str) -> Text {
    text!(
        "put text in quotes: `{key} = \"{value}\"`",
        "文本须加英文引号：改为 `{key} = \"{value}\"`"
    )
}

/// `establishment = "参公"`: 参公 is an institution person with `cs_managed`.
pub fn write_cs_managed() -> Text {
    text!(
        "a 参公 person (managed under the Civil Servant Law) is written `establishment = \"事业编制\"` with `cs_managed = true`",
        "参公人员写作 `establishment = \"事业编制\"`，并加 `cs_managed = true`"
    )
}

/// A TOML syntax error on a line with Chinese punctuation where TOML needs ASCII: `found` is
/// what the line has, `write` what to write instead.
pub fn fullwidth_punctuation(found: &str, write: &str) -> Text {
    text!(
        "this line has the full-width {found}, which TOML does not read: write {write} instead (switch the input method to English punctuation)",
        "该行有全角符号 {found}，TOML 不能识别：请改为半角的 {write}（输入法切换为英文标点）"
    )
}

/// A TOML syntax error at a key written in Chinese without quotes (`行政编制 = 3`).
pub fn quote_chinese_key(key: &str) -> Text {
    text!(
        "a key in Chinese must be in quotes: `\"{key}\" = …`",
        "中文键须加英文引号：`\"{key}\" = …`"
    )
}

pub fn not_plain_date(key: &str, table: &str) -> Text {
    text!(
        "`{key}` in {table} must be a plain date such as 2024-06-30, without a time or an offset",
        "{table} 中的 `{key}` 必须是不带时间和时区的日期，如 2024-06-30"
    )
}

/// A value outside a catalog; `accepted` holds both spellings of every value.
/// `table` is empty for a top-level key (the project file's `lang`).
pub fn unknown_value(value: &str, key: &str, table: &str, accepted: &[String]) -> Text {
    let list = accepted.join(", ");
    if table.is_empty() {
        return text!(
            "unknown value `{value}` for top-level `{key}`: expected one of {list}",
            "顶层 `{key}` 的值 `{value}` 无效：应为以下之一：{list}"
        );
    }
    text!(
        "unknown value `{value}` for `{key}` in {table}: expected one of {list}",
        "{table} 中 `{key}` 的值 `{value}` 无效：应为以下之一：{list}"
    )
}

/// A key of a count table (`[quota]`, `posts`, `staff`) that is not a catalog value.
pub fn unknown_count_key(key: &str, table: &str, accepted: &[String]) -> Text {
    let list = accepted.join(", ");
    text!(
        "unknown key `{key}` in {table}: expected one of {list}",
        "{table} 中有未知的键 `{key}`：应为以下之一：{list}"
    )
}

/// The same catalog value twice in one count table, in two spellings.
pub fn repeated_count_key(key: &str, table: &str, first: &str) -> Text {
    text!(
        "`{key}` in {table} repeats `{first}`: both spellings name the same thing",
        "{table} 中的 `{key}` 与 `{first}` 重复：两种写法指同一项"
    )
}

pub fn first_given_here() -> Text {
    text!("first given here", "首次出现在此")
}

pub fn bad_id(value: &str, key: &str, table: &str) -> Text {
    text!(
        "invalid id `{value}` for `{key}` in {table}",
        "{table} 中 `{key}` 的标识 `{value}` 无效"
    )
}

pub fn id_pattern() -> Text {
    text!(
        "an id uses lower-case ascii letters, digits, `_` and `-`, and starts with a letter or a digit",
        "标识只能使用小写英文字母、数字、`_` 和 `-`，并以字母或数字开头"
    )
}

pub fn empty_string(key: &str, table: &str) -> Text {
    text!(
        "`{key}` in {table} must not be empty",
        "{table} 中的 `{key}` 不能为空"
    )
}

pub fn negative(key: &str, table: &str) -> Text {
    text!(
        "`{key}` in {table} must not be negative",
        "{table} 中的 `{key}` 不能为负数"
    )
}

pub fn too_large(key: &str, table: &str, max: u64) -> Text {
    text!(
        "`{key}` in {table} is too large (at most {max})",
        "{table} 中的 `{key}` 过大（最大为 {max}）"
    )
}

pub fn not_finite(key: &str, table: &str) -> Text {
    text!(
        "`{key}` in {table} must be a finite number",
        "{table} 中的 `{key}` 必须是有限的数值"
    )
}

/// `[body]` written where the format wants an array of tables `[[body]]`.
pub fn not_array_of_tables(key: &str) -> Text {
    text!(
        "`{key}` must be an array of tables: write [[{key}]], not [{key}]",
        "`{key}` 必须是表数组：应写作 [[{key}]] 而不是 [{key}]"
    )
}

// The command line.

/// The word before an error's sentence.
pub fn error_word() -> Text {
    text!("error: ", "错误：")
}

/// `init` found files it would overwrite; `list` is one indented path a line.
pub fn init_files_exist(list: &str) -> Text {
    text!(
        "these files exist already; nothing was written (init never overwrites a file):\n{list}",
        "以下文件已存在，未写入任何文件（init 不会覆盖已有文件）：\n{list}"
    )
}

/// What `init` made and what to run next; `list` is one indented path a line.
pub fn init_created(dir: &str, list: &str) -> Text {
    text!(
        "created in {dir}:\n{list}\nnext (bianzhi.toml names the pack and the folder to check):\n  cd {dir}\n  bianzhi check\n  bianzhi test rules/tests\n",
        "已在 {dir} 创建：\n{list}\n下一步（bianzhi.toml 已写明规则包和要检查的文件夹）：\n  cd {dir}\n  bianzhi check\n  bianzhi test rules/tests\n"
    )
}

/// `report --format xlsx` without `-o`.
pub fn xlsx_needs_output() -> Text {
    text!(
        "--format xlsx needs an output file: -o FILE.xlsx",
        "--format xlsx 需要输出文件：-o 文件.xlsx"
    )
}

pub fn html_report_elsewhere() -> Text {
    text!(
        "the HTML report is written by `bianzhi report --format html`",
        "HTML 报告由 `bianzhi report --format html` 生成"
    )
}

/// A long table among a rule's parameters, summarised.
pub fn table_entries(n: usize) -> Text {
    text!("{{{n} entries}}", "{{{n} 项}}")
}

/// A long array among a rule's parameters, summarised.
pub fn array_items(n: usize) -> Text {
    text!("[{n} items]", "[{n} 项]")
}

/// The head of `bianzhi rules`, a line.
pub fn rules_in_force(packs: &str) -> Text {
    text!(
        "rules in force (packs: {packs})\n",
        "生效规则（规则包：{packs}）\n"
    )
}

/// A pack's id and title under the head of `bianzhi rules`, a line.
pub fn pack_title(id: &str, title: &str) -> Text {
    text!("  {id}: {title}\n", "  {id}：{title}\n")
}

/// `explain` of a rule no catalog or pack has: the closest name, if any, and when no pack was
/// given, how a custom rule is explained. `lang`: the hint is built in it.
pub fn unknown_rule(rule: &str, closest: Option<&str>, lang: Lang, no_packs: bool) -> Text {
    let mut t = text!("unknown rule `{rule}`", "未知的规则 `{rule}`");
    if let Some(c) = closest {
        let h = did_you_mean(c);
        t = text!("{} ({})", "{}（{}）", t.get(lang), h.get(lang));
    }
    if no_packs {
        t = text!(
            "{}; a custom rule is explained with its pack: --rules PACK",
            "{}；自定义规则须用 --rules 指定其规则包",
            t.get(lang)
        );
    }
    t
}

/// The first line of `explain` and its level, scope and citation; `title` is the rule's Chinese
/// title (its name for a pack's own rule).
pub fn explain_head(
    code: &str,
    rule: &str,
    title: &str,
    level: &str,
    scope_name: &str,
    scope: &str,
    cite: &str,
) -> Text {
    let zh_name = if title == rule {
        rule.to_string()
    } else {
        format!("{title}（{rule}）")
    };
    text!(
        "{code} {rule}\ndefault level: {level}; scope: {scope_name} ({scope}); cites: {cite}\n",
        "{code} {zh_name}\n默认级别：{level}；适用范围：{scope}（{scope_name}）；依据：{cite}\n"
    )
}

/// A document `explain` cites, a line.
pub fn explain_source(described: &str) -> Text {
    text!("source: {described}\n", "出处：{described}\n")
}

/// After the rows `import` could not map: nothing was written, and what to do (no newline).
/// `importable`: the rows `--force` would import (none: `--force` is not offered, it would not help).
pub fn import_fix_rows(importable: usize) -> Text {
    if super::on_page() {
        return super::page::import_fix_rows(importable);
    }
    match importable {
        0 => text!(
            "nothing written: fix these rows, or map their columns with --map",
            "未写入任何内容：请修正以上各行，或用 --map 指定列"
        ),
        1 => text!(
            "nothing written: fix these rows, map their columns with --map, or import the 1 good row with --force",
            "未写入任何内容：请修正以上各行、用 --map 指定列，或用 --force 只导入其余 1 行"
        ),
        n => text!(
            "nothing written: fix these rows, map their columns with --map, or import the {n} good rows with --force",
            "未写入任何内容：请修正以上各行、用 --map 指定列，或用 --force 只导入其余 {n} 行"
        ),
    }
}

/// Roster rows that are not persons, passed over: a line of `parts` ([`import_total_rows`] …).
pub fn import_not_persons(parts: &[Text]) -> Text {
    let en = parts.iter().map(|p| p.en.as_str()).collect::<Vec<_>>();
    let zh = parts.iter().map(|p| p.zh.as_str()).collect::<Vec<_>>();
    let (en, zh) = (en.join("; "), zh.join("；"));
    text!(
        "not persons, not imported: {en}\n",
        "非人员行，未导入：{zh}\n"
    )
}

/// `labels` (合计, 填表人) before row numbers, or nothing.
fn row_labels(labels: &[&str]) -> (String, String) {
    if labels.is_empty() {
        return (String::new(), String::new());
    }
    (
        format!("{}: ", labels.join(", ")),
        format!("{}：", labels.join("、")),
    )
}

/// A part of [`import_not_persons`]: `n` rows of sums, their labels (合计, 小计) and `rows`
/// ([`import_row_numbers`]).
pub fn import_total_rows(n: usize, labels: &[&str], rows: &Text) -> Text {
    let s = if n == 1 { "" } else { "s" };
    let ((le, lz), (re, rz)) = (row_labels(labels), (&rows.en, &rows.zh));
    text!("{n} total row{s} ({le}{re})", "合计行 {n} 行（{lz}{rz}）")
}

/// A part of [`import_not_persons`]: `n` rows of the footer (填表人, 制表日期 …).
pub fn import_footer_rows(n: usize, labels: &[&str], rows: &Text) -> Text {
    let s = if n == 1 { "" } else { "s" };
    let ((le, lz), (re, rz)) = (row_labels(labels), (&rows.en, &rows.zh));
    text!("{n} footer row{s} ({le}{re})", "表尾 {n} 行（{lz}{rz}）")
}

/// A part of [`import_not_persons`]: the header again on `n` rows (a page's header).
pub fn import_header_again_rows(n: usize, rows: &Text) -> Text {
    let s = if n == 1 { "" } else { "s" };
    let (re, rz) = (&rows.en, &rows.zh);
    text!(
        "the header again on {n} row{s} ({re})",
        "重复的表头 {n} 行（{rz}）"
    )
}

/// A part of [`import_not_persons`]: `n` rows with nothing in a column that is imported.
pub fn import_empty_rows(n: usize, rows: &Text) -> Text {
    let s = if n == 1 { "" } else { "s" };
    let (re, rz) = (&rows.en, &rows.zh);
    text!(
        "{n} row{s} with nothing in an imported column ({re})",
        "导入的各列均为空的 {n} 行（{rz}）"
    )
}

/// Row numbers: "row 9", "rows 11, 12, 13"; more than `shown` end with "…".
pub fn import_row_numbers(rows: &[usize], shown: usize) -> Text {
    let mut list: Vec<String> = rows.iter().take(shown).map(usize::to_string).collect();
    if rows.len() > shown {
        list.push("…".to_string());
    }
    let (en, zh) = (list.join(", "), list.join("、"));
    if rows.len() == 1 {
        text!("row {en}", "第 {zh} 行")
    } else {
        text!("rows {en}", "第 {zh} 行")
    }
}

/// The roster's id column holds national ID numbers (居民身份证号码).
pub fn import_id_numbers_refused() -> Text {
    if super::on_page() {
        return super::page::import_id_numbers_refused();
    }
    text!(
        "this column holds national ID numbers (居民身份证号码): an ID number is personal information and is never used as a person id, nor copied into the org file; use the employee number (人员编号) of the real-name system instead: export it as a column `人员编号`, or name another column with --map \"列名=id\"",
        "该列是居民身份证号码：身份证号码属于个人信息，不能用作人员编号，也不会写入组织文件；请改用实名制系统中的人员编号：导出时加上 `人员编号` 列，或用 --map \"列名=id\" 指定其他列"
    )
}

/// National ID number columns of the roster, not imported, a line.
pub fn import_id_numbers_left_out(cols: &str) -> Text {
    text!(
        "not imported, and never copied: {cols} (national ID numbers are personal information)\n",
        "未导入、也不会写入任何文件：{cols}（身份证号码属于个人信息）\n"
    )
}

/// The roster has no id column; `id_numbers`: the header of a national ID number column it has.
pub fn import_no_id_column(id_numbers: Option<&str>) -> Text {
    if super::on_page() {
        return super::page::import_no_id_column(id_numbers);
    }
    match id_numbers {
        Some(h) => text!(
            "no column `人员编号` (person id); the column `{h}` is not used as one: a national ID number is personal information; export the employee number (人员编号) of the real-name system, or name another column with --map \"列名=id\"",
            "缺少 `人员编号` 列；`{h}` 列不能用作人员编号：身份证号码属于个人信息；请导出实名制系统中的人员编号，或用 --map \"列名=id\" 指定其他列"
        ),
        None => text!(
            "no column `人员编号` (person id); or map one with --map \"列名=id\"",
            "缺少 `人员编号` 列（或用 --map \"列名=id\" 指定）"
        ),
    }
}

/// A key an import adds or removes: its value on the side where it is absent.
pub fn import_absent() -> Text {
    text!("(none)", "（无）")
}

pub fn nothing_written() -> Text {
    text!("nothing written", "未写入任何内容")
}

/// A roster row `import --force` left out, a line.
pub fn import_skipped(row: &str) -> Text {
    text!("skipped: {row}\n", "已跳过：{row}\n")
}

/// Roster columns `import` did not map, a line.
pub fn import_columns_ignored(cols: &str) -> Text {
    text!(
        "columns not imported (map them with --map \"列名=key\"): {cols}\n",
        "未导入的列（可用 --map \"列名=键\" 指定）：{cols}\n"
    )
}

/// What `import` would change (a dry run, the default), a line.
pub fn import_dry_run(into: &str, summary: &str) -> Text {
    text!(
        "{into} (dry run, not written): {summary}\n",
        "{into}（试运行，未写入）：{summary}\n"
    )
}

/// After a dry run that would change something: how to write it, a line.
pub fn import_write_hint() -> Text {
    text!(
        "to write these changes, run the same command with --write\n",
        "确认无误后，加上 --write 重新运行即写入\n"
    )
}

/// What `import` changed, a line.
pub fn import_done(into: &str, summary: &str) -> Text {
    text!("{into}: {summary}\n", "{into}：{summary}\n")
}

pub fn test_no_cases() -> Text {
    text!(
        "no test cases (*.expect.toml) found",
        "没有找到测试用例（*.expect.toml）"
    )
}

// The staffing ledger (`bianzhi report`).

/// The line above a unit's ledger tables.
pub fn ledger_heading(name: &str, unit: &str, as_of: &str, status: &str, file: &str) -> Text {
    text!(
        "{name} ({unit}), {as_of} {status}, {file}",
        "{name}（{unit}）{as_of} {status}　{file}"
    )
}

/// Staff outside the establishment, a line.
pub fn ledger_outside(n: u64) -> Text {
    text!(
        "outside the establishment (编外, not counted above): {n}\n",
        "编外人员（不占编制，未计入上表）：{n} 人\n"
    )
}

/// The title of a unit's sheet in the workbook.
pub fn ledger_sheet_title(name: &str, unit: &str, as_of: &str) -> Text {
    text!(
        "staffing ledger of {name} ({unit}), {as_of}",
        "{name}编制台账（{as_of}）"
    )
}

// The findings' formats.

/// The last line of a finding in the human report: the rule and its citation.
pub fn rule_cites(code: &str, name: &str, cite: &str) -> Text {
    text!(
        "rule {code} ({name}), cites {cite}",
        "规则 {code}（{name}），依据 {cite}"
    )
}

/// The findings of a file could not be read back from the run's temporary file (a disk error):
/// the report lacks them, so the run is incomplete.
pub fn findings_lost(err: &str) -> Text {
    text!(
        "the findings of this file could not be read back from the temporary file ({err}): they are missing from the report; run the check again",
        "本文件的检查结果无法从临时文件读回（{err}），报告中缺少这些结果；请重新运行检查"
    )
}

/// The figures of a check's summary line.
#[derive(Debug, Clone, Copy, Default)]
pub struct SummaryCounts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    /// Org files read (those with input errors included).
    pub files: usize,
    /// Files (or paths) with input errors: not checked.
    pub unchecked: usize,
    pub input_errors: usize,
}

/// "2 errors, 1 warning, 0 info in 5 files"; with input errors, the files that could not be
/// checked first, and the findings only for the files that were.
pub fn summary_line(c: &SummaryCounts) -> Text {
    let n = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let (e, w, i, x) = (c.errors, c.warnings, c.info, c.input_errors);
    let (en_e, en_w, en_x) = (n(e, "error"), n(w, "warning"), n(x, "input error"));
    if x == 0 {
        let files = n(c.files, "file");
        let f = c.files;
        return text!(
            "{en_e}, {en_w}, {i} info in {files}",
            "共检查 {f} 个文件：{e} 个错误，{w} 个警告，{i} 个提示"
        );
    }
    let u = c.unchecked.max(1);
    let unchecked = n(u, "file");
    let checked = c.files.saturating_sub(u);
    // A path that is no file at all (missing, a folder without org files) is counted among the
    // unchecked but not among the files read: findings printed above still come from files that
    // were checked.
    if checked == 0 && e + w + i > 0 {
        return text!(
            "{unchecked} could not be checked ({en_x}); {en_e}, {en_w}, {i} info in the files checked",
            "{u} 个文件无法检查（{x} 个输入错误）；已检查的文件：{e} 个错误，{w} 个警告，{i} 个提示"
        );
    }
    if checked == 0 {
        return text!(
            "{unchecked} could not be checked ({en_x}); nothing was checked",
            "{u} 个文件无法检查（{x} 个输入错误），未作任何检查"
        );
    }
    let others = n(checked, "other file");
    text!(
        "{unchecked} could not be checked ({en_x}); {en_e}, {en_w}, {i} info in the {others}",
        "{u} 个文件无法检查（{x} 个输入错误）；其余 {checked} 个文件：{e} 个错误，{w} 个警告，{i} 个提示"
    )
}

/// A rule pack of the repository that is not in force: no `--rules` and no project file named any.
pub fn pack_not_in_force(path: &str) -> Text {
    text!(
        "note: {path} is a rule pack but is not in force: name it with --rules, or list it in bianzhi.toml (rules = [\"jiangsu-2017\", \"{path}\"])\n",
        "注意：{path} 是规则包，但本次未生效：请用 --rules 指定，或写入 bianzhi.toml（rules = [\"jiangsu-2017\", \"{path}\"]）\n"
    )
}

/// `[baseline]` of bianzhi.toml with both `files` and `rev`.
/// The project file a run uses and the packs in force (none: a run that applies no rules, the
/// ledger), said on stderr at the start of a report.
pub fn project_in_use(file: &str, packs: &str) -> Text {
    if packs.is_empty() {
        return text!("using {file}\n", "使用 {file}\n");
    }
    text!(
        "using {file}, packs in force: {packs}\n",
        "使用 {file}，生效的规则包：{packs}\n"
    )
}

pub fn project_baseline_both() -> Text {
    text!(
        "[baseline] takes `files` or `rev`, not both",
        "[baseline] 只能有 `files` 或 `rev` 之一，不能同时给出"
    )
}

/// `[baseline] rev` of the project file names a revision git does not know, said in the file's
/// terms (the user typed no flag); `why` is [`project_rev_unknown`] or [`project_rev_no_repository`].
pub fn project_rev_failed(file: &str, rev: &str, why: &Text) -> Text {
    let named = project_rev_named(file, rev);
    let (named_en, named_zh, why_en, why_zh) = (&named.en, &named.zh, &why.en, &why.zh);
    text!("{named_en}: {why_en}", "{named_zh}：{why_zh}")
}

/// A revision the project file gives, as errors about it name it.
pub fn project_rev_named(file: &str, rev: &str) -> Text {
    text!(
        "[baseline] rev of {file} is `{rev}`",
        "{file} 的 [baseline] rev 为“{rev}”"
    )
}

pub fn project_rev_unknown(top: &str) -> Text {
    text!(
        "no such revision in the git repository at {top}; name a commit, branch or tag of it",
        "git 仓库 {top} 中没有这个版本；请填写该仓库的提交、分支或标签"
    )
}

pub fn project_rev_no_repository(dir: &str) -> Text {
    text!(
        "the folder {dir} is not in a git repository; remove `rev`, or use `files`",
        "文件夹 {dir} 不在 git 仓库中；请删去 `rev`，或改用 `files`"
    )
}

/// The help of a plan not compared when `--baseline-rev REV` was given: the revision could not be
/// read (an input error says why), so the flag is not advised again.
pub fn baseline_rev_unread(rev: &str) -> Text {
    text!(
        "the baseline at revision `{rev}` could not be read (see the input errors): correct the revision or check inside its git repository",
        "未能读取版本 `{rev}` 中的现状（见输入错误）：请改正版本，或在其所在的 git 仓库中检查"
    )
}

/// `--baseline-rev` where there is no `git` to run (the offline page).
pub fn no_git_here() -> Text {
    if super::on_page() {
        return super::page::no_git_here();
    }
    text!(
        "a baseline from a git revision needs the command line (bianzhi check --baseline-rev)",
        "以 git 版本为现状须使用命令行（bianzhi check --baseline-rev）"
    )
}

/// A place in a file as it was at a git revision, after a label's message.
pub fn at_revision(message: &str, rev: &str, line: usize, col: usize) -> Text {
    text!(
        "{message} (at revision {rev}, line {line}, column {col})",
        "{message}（版本 {rev}，第 {line} 行第 {col} 列）"
    )
}

/// The first of several findings, and how many more (a JUnit failure's message).
pub fn and_more(first: &str, more: usize) -> Text {
    text!("{first} (and {more} more)", "{first}（另有 {more} 处）")
}

// The org chart.

/// A column's heading: its group and how many bodies it has.
pub fn chart_column(group: &str, count: usize) -> Text {
    text!("{group} ({count})", "{group}（{count}）")
}

/// A legend entry: the frame of a body with findings of this level.
pub fn chart_level_found(level: &str) -> Text {
    text!("{level} found", "有{level}")
}

pub fn chart_title(unit: &str, as_of: &str) -> Text {
    text!(
        "org chart of {unit} ({as_of})",
        "{unit}机构设置图（{as_of}）"
    )
}

pub fn chart_quota(n: u64) -> Text {
    text!("quota {n}", "编制 {n}")
}

pub fn chart_staffed(n: u64) -> Text {
    text!("staff {n}", "实有 {n}")
}

pub fn chart_outside(n: u64) -> Text {
    text!("outside {n}", "编外 {n}")
}

pub fn chart_posts(n: u64) -> Text {
    text!("posts {n}", "领导职数 {n}")
}

// A reorganization's diff.

/// The diff's first line.
#[allow(clippy::too_many_arguments)]
pub fn diff_heading(
    name: &str,
    unit: &str,
    base_file: &str,
    base_as_of: &str,
    base_status: &Text,
    new_file: &str,
    new_as_of: &str,
    new_status: &Text,
) -> Text {
    let (bse, bsz, nse, nsz) = (
        &base_status.en,
        &base_status.zh,
        &new_status.en,
        &new_status.zh,
    );
    text!(
        "What changes for {name} ({unit}): {base_file} ({base_as_of}, {bse}) → {new_file} ({new_as_of}, {nse})\n",
        "{name}（{unit}）机构编制变化：{base_file}（{base_as_of}，{bsz}）→ {new_file}（{new_as_of}，{nsz}）\n"
    )
}

pub fn diff_other_unit(base: &str, new: &str) -> Text {
    text!(
        "note: the files describe different units ({base} and {new})\n",
        "注意：两个文件属于不同单位（{base} 与 {new}）\n"
    )
}

/// `diff BASE NEW` with NEW older than BASE: every rise reads as a fall and the other way round.
pub fn diff_reversed(base_as_of: &str, new_as_of: &str) -> Text {
    text!(
        "note: the new file ({new_as_of}) is older than the baseline ({base_as_of}): the files may be given the wrong way round (bianzhi diff BASE NEW), and every change below reads backwards\n",
        "注意：新文件（{new_as_of}）早于现状（{base_as_of}），两个文件可能写反了顺序（bianzhi diff 现状 方案），下列变化均为反向\n"
    )
}

/// `out`: bodies that left whole with a transfer out (v3), named only where there are any.
pub fn diff_bodies(
    continued: usize,
    merged: usize,
    new: usize,
    abolished: usize,
    out: usize,
) -> Text {
    if out == 0 {
        text!(
            "Bodies: {continued} continued, {merged} merged, {new} new, {abolished} abolished\n",
            "机构：延续 {continued}，合并设立 {merged}，新设 {new}，撤销 {abolished}\n"
        )
    } else {
        text!(
            "Bodies: {continued} continued, {merged} merged, {new} new, {abolished} abolished, {out} moved out whole\n",
            "机构：延续 {continued}，合并设立 {merged}，新设 {new}，撤销 {abolished}，整建制划出 {out}\n"
        )
    }
}

/// The heading of the bodies that leave the unit by an entry of the plan (v3).
pub fn diff_leaving(n: usize) -> Text {
    text!(
        "Bodies abolished or moved out by the plan, with their documents: {n}\n",
        "方案撤销或整建制划出的机构及依据：{n} 个\n"
    )
}

/// Where a body moved out whole went, and by which document: "划出至盱眙县水务局（…）".
pub fn diff_moved_out_to(counterpart: &str, document: &Text) -> Text {
    let (de, dz) = (&document.en, &document.zh);
    if counterpart.is_empty() {
        text!("moved out ({de})", "划出（{dz}）")
    } else {
        text!(
            "moved out to {counterpart} ({de})",
            "划出至{counterpart}（{dz}）"
        )
    }
}

/// An abolition's decision, or its reason where there is none yet.
pub fn diff_abolition(document: Option<&Text>, reason: Option<&str>) -> Text {
    match (document, reason) {
        (Some(d), Some(r)) => {
            let (de, dz) = (&d.en, &d.zh);
            text!("decided: {de}; reason: {r}", "决定：{dz}；理由：{r}")
        }
        (Some(d), None) => {
            let (de, dz) = (&d.en, &d.zh);
            text!("decided: {de}", "决定：{dz}")
        }
        (None, Some(r)) => text!("no decision yet; reason: {r}", "尚无决定；理由：{r}"),
        (None, None) => text!("no decision yet", "尚无决定"),
    }
}

/// A transfer's document with the approval above it (486 第十八条), v3.
pub fn diff_with_above(document: &Text, above: &Text) -> Text {
    let (de, dz, ae, az) = (&document.en, &document.zh, &above.en, &above.zh);
    text!("{de}; approved above: {ae}", "{dz}；上级审批：{az}")
}

/// The heading of the plan's transfers (带编划转).
pub fn diff_transfers(n: usize) -> Text {
    text!(
        "Establishment transferred with its people, by document: {n}\n",
        "带编划转：{n} 项\n"
    )
}

/// The document a transfer cites: "吴江区委编办 吴编〔2019〕3号, 2019-03-01" (without `by` when
/// the file gives none).
pub fn diff_transfer_document(by: &str, doc: &str, date: &str) -> Text {
    // Any part may be missing from an approval above or an abolition: only what is written.
    let head = [by, doc]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    match (head.is_empty(), date.is_empty()) {
        (false, false) => text!("{head}, {date}", "{head}，{date}"),
        (false, true) => Text::new(head.clone(), head),
        (true, _) => Text::new(date, date),
    }
}

/// A transfer's establishment and its document: "行政编制 6（吴编〔2019〕3号，2019-03-01）".
pub fn diff_transfer_count(category: &Text, count: u32, document: &Text) -> Text {
    let (ce, cz, de, dz) = (&category.en, &category.zh, &document.en, &document.zh);
    text!("{count} {ce} ({de})", "{cz} {count} 名（{dz}）")
}

/// A body of the current set-up a body of the plan comes from: its id and name.
pub fn diff_from_body(id: &str, name: &str) -> Text {
    text!("{id} ({name})", "{name}（{id}）")
}

/// The approved establishment of one category (`category` in both languages).
pub fn diff_quota_of(category: &Text) -> Text {
    let (en, zh) = (&category.en, &category.zh);
    text!("approved {en}", "核定{zh}")
}

/// `out`: people who left with a transfer out (v3), named only where there are any.
pub fn diff_people(
    stayed: usize,
    moved: usize,
    departed: usize,
    joined: usize,
    lost: usize,
    out: usize,
) -> Text {
    if out == 0 {
        text!(
            "People: {stayed} stay ({moved} of them move), {departed} depart, {joined} join, {lost} unaccounted for\n",
            "人员：留任 {stayed}（其中调整机构 {moved}），离开 {departed}，新进 {joined}，去向不明 {lost}\n"
        )
    } else {
        text!(
            "People: {stayed} stay ({moved} of them move), {departed} depart, {out} leave with the establishment transferred out, {joined} join, {lost} unaccounted for\n",
            "人员：留任 {stayed}（其中调整机构 {moved}），离开 {departed}，随编划出 {out}，新进 {joined}，去向不明 {lost}\n"
        )
    }
}

// Import.

/// A roster's place: its path and sheet.
pub fn roster_sheet(path: &str, sheet: &str) -> Text {
    text!("{path}, sheet {sheet}", "{path}，工作表 {sheet}")
}

/// What `import` changes in the roster of an org file.
pub fn import_changes(
    added: usize,
    updated: usize,
    unchanged: usize,
    removed: usize,
    kept: usize,
) -> Text {
    text!(
        "{added} added, {updated} updated, {unchanged} unchanged, {removed} removed, {kept} not in the import and kept",
        "新增 {added} 人，更新 {updated} 人，未变 {unchanged} 人，删除 {removed} 人，保留名单外 {kept} 人"
    )
}

// A rule's documentation.

/// A document a rule cites: its short form, full title and whether it was cited from memory.
pub fn source_described(short: &str, title: &str, from_memory: bool) -> Text {
    let mut t = text!("{short} is {title}", "{short}即{title}");
    if from_memory {
        t.en.push_str(" (cited from memory: check the text before relying on it)");
        t.zh.push_str("（据记忆引用，使用前请核对原文）");
    }
    t
}

/// A parameter and its default, a line of the Chinese parameter notes written from the defaults.
pub fn param_default(key: &str, value: &str) -> Text {
    text!("- `{key}`: default {value}", "- `{key}`：默认 {value}")
}

/// A title catalog's default, in a parameter list: too long for a line.
pub fn catalog_default(n: usize, code: &str) -> Text {
    text!(
        "catalog of {n} titles (`bianzhi explain {code}` shows it)",
        "{n} 个职务名称的目录（见 `bianzhi explain {code}` 的职务名称目录）"
    )
}

/// A label and what it labels, on one line ("missing: BZ001" / "缺少：BZ001").
pub fn labelled(label: &str, what: &str) -> Text {
    text!("{label}: {what}", "{label}：{what}")
}

/// The tally of `bianzhi test` in the run's language, above the English line CI reads (only in
/// Chinese: the English tally is that line).
pub fn test_tally(passed: usize, failed: usize) -> Text {
    text!("", "测试用例：通过 {passed} 个，未通过 {failed} 个\n")
}

// Custom rules (CEL): what the engine reports, in the sentence around it.

pub fn cel_undeclared(name: &str) -> Text {
    text!(
        "undeclared reference to `{name}`",
        "使用了未定义的名称 `{name}`"
    )
}

pub fn cel_no_such_key(key: &str) -> Text {
    text!("no such key: `{key}`", "没有字段 `{key}`")
}

pub fn cel_unexpected_type(got: &str, want: &str) -> Text {
    text!(
        "unexpected type: got {got}, want {want}",
        "类型不符：应为 {want}，实为 {got}"
    )
}

pub fn cel_argument_count(expected: usize, actual: usize) -> Text {
    text!(
        "invalid argument count: expected {expected}, got {actual}",
        "参数个数不符：应为 {expected} 个，实为 {actual} 个"
    )
}

pub fn cel_not_bool(t: &str) -> Text {
    text!("yields {t}, not a bool", "结果为 {t}，不是布尔值")
}

pub fn cel_division_by_zero() -> Text {
    text!("division by zero", "除数为零")
}

/// Anything else the engine says, quoted as it said it.
pub fn cel_other(engine: &str) -> Text {
    text!("{engine}", "CEL 引擎报告：“{engine}”")
}

/// A CEL syntax error, the parser's words quoted.
pub fn cel_syntax(key: &str, parser: &str) -> Text {
    text!(
        "`{key}` is not a valid CEL expression: {parser}",
        "`{key}` 不是有效的 CEL 表达式（解析器报告：“{parser}”）"
    )
}

// The JSON Schema of packs: descriptions editors show on hover, both languages in one string.

/// English, a blank line, Chinese: one Markdown paragraph each.
fn both(t: Text) -> String {
    format!("{}\n\n{}", t.en, t.zh)
}

pub fn schema_rule_level(code: &str, level: &str, level_zh: &str) -> String {
    both(text!(
        "Level of {code} (default: {level}).",
        "{code} 的级别（默认：{level_zh}）。"
    ))
}

pub fn schema_rule_cite(zh: &str, en: &str) -> String {
    both(text!(
        "The clause cited in findings, one string or {{ zh, en }} (default: {zh} / {en}).",
        "问题中引用的条款：一个字符串，或 {{ zh, en }}（默认：{zh}）。"
    ))
}

pub fn schema_rule_scope(scope: &str) -> String {
    both(text!(
        "Which units the rule looks at (default: {scope}): dev = developed towns, town = towns, townships and subdistricts, county, all, declared = units declaring developed_town.",
        "规则检查哪些单位（默认：{scope}）：dev 为经济发达镇，town 为镇、乡和街道，county 为县级，all 为全部，declared 为声明 developed_town 的单位。"
    ))
}

pub fn schema_rule_param(code: &str, default: &str) -> String {
    both(text!(
        "Parameter of {code} (default: {default}).",
        "{code} 的参数（默认：{default}）。"
    ))
}

pub fn schema_rule_param_no_default(code: &str) -> String {
    both(text!(
        "Parameter of {code} (no default).",
        "{code} 的参数（无默认值）。"
    ))
}

pub fn schema_rule(code: &str, name: &str, title_zh: &str) -> String {
    both(text!(
        "{code} {name} (`bianzhi explain {code}` for its docs)",
        "{code} {title_zh}（{name}；说明见 `bianzhi explain {code}`）"
    ))
}
