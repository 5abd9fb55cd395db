//! The offline page's own sentences from the engine: what it says where the command line names a
//! flag (`--max-file-size`, `--map`, `--force`, `--baseline`), and what only the page says (a
//! report it cannot make, a file too large for it, an engine failure). The page's buttons and
//! headings are in web/page.js.

use super::Text;
use crate::text;

/// A file larger than the page reads: the page has no flag to raise the limit.
pub fn too_large(shown: &str, limit: &str, size: &str) -> Text {
    text!(
        "{shown} is larger than the limit of {limit} ({size}): not read; the page does not check files this large: check it with the command line (bianzhi)",
        "{shown} 超过 {limit} 的大小上限（{size}）：未读取；本页面不检查这么大的文件，请用命令行版 bianzhi 检查"
    )
}

/// A workbook that would unpack to more than the page reads.
pub fn workbook_inflates(shown: &str, mib: u64) -> Text {
    text!(
        "{shown}: the workbook unpacks to more than {mib} MiB; it is refused before it is read (if it is genuine, import it with the command line (bianzhi import))",
        "{shown}：该工作簿解压后超过 {mib} MiB，未予读取（如确属正常文件，请用命令行版 bianzhi import 导入）"
    )
}

/// The HTML report cannot be made: `why` is the summary line of the check (nothing was checked)
/// or what stopped the rules.
pub fn no_report(why: &str) -> Text {
    text!("no report was made: {why}", "未生成检查报告：{why}")
}

/// The rule pack chosen could not be loaded, so nothing was checked against it.
pub fn pack_not_loaded() -> Text {
    text!(
        "the rule pack could not be loaded (see the input that could not be checked), so no rule was applied",
        "规则包无法加载（见“无法检查的输入”），未按任何规则检查"
    )
}

/// A plan with no baseline among the files picked: what the page says where a diff would be.
pub fn not_compared(id: &str) -> Text {
    text!(
        "not compared with the current state: no earlier snapshot of unit `{id}` (its current structure) is among the files picked, so whether bodies, establishment or people increase and whether everyone is placed is not judged; pick the current structure's file together with the plan",
        "未对照现状：所选文件中没有单位 `{id}` 较早的快照（现行机构编制），因此不判断机构、编制和人员是否增加，也不核对原有人员是否均已安置；请把现状文件与方案一并选入"
    )
}

/// A plan without a baseline among the files picked (BZ104's and BZ501's help): the page has no
/// `--baseline`, but the current structure's file can be picked with the plan.
pub fn pick_the_baseline(id: &str) -> Text {
    text!(
        "pick the current structure of unit `{id}` (its earlier snapshot: the same unit id, an earlier as_of) together with the plan",
        "请把单位 `{id}` 的现状文件（较早的快照：同一单位 id、更早的 as_of）与方案一并选入"
    )
}

/// A roster's id column of national ID numbers, in the page (no `--map`).
pub fn import_id_numbers_refused() -> Text {
    text!(
        "this column holds national ID numbers (居民身份证号码): an ID number is personal information and is never used as a person id, nor copied into the org file; export the employee number (人员编号) of the real-name system as a column `人员编号` instead",
        "该列是居民身份证号码：身份证号码属于个人信息，不能用作人员编号，也不会写入组织文件；请改用实名制系统中的人员编号：导出时加上 `人员编号` 列"
    )
}

/// A roster without an id column, in the page; `id_numbers`: a national ID number column it has.
pub fn import_no_id_column(id_numbers: Option<&str>) -> Text {
    match id_numbers {
        Some(h) => text!(
            "no column `人员编号` (person id); the column `{h}` is not used as one: a national ID number is personal information; export the employee number (人员编号) of the real-name system",
            "缺少 `人员编号` 列；`{h}` 列不能用作人员编号：身份证号码属于个人信息；请导出实名制系统中的人员编号"
        ),
        None => text!(
            "no column `人员编号` (person id): name the column of person ids `人员编号` in the roster",
            "缺少 `人员编号` 列：请在名册中把人员编号所在列的表头写作 `人员编号`"
        ),
    }
}

/// A roster without a header row, in the page.
pub fn import_no_header() -> Text {
    text!(
        "no header row: expected a column `人员编号` (or `id`)",
        "未找到表头行：应有 `人员编号`（或 `id`）列"
    )
}

/// A roster without a column the import needs (`zh`: its Chinese header), in the page.
pub fn import_no_column(key: &str, zh: &str) -> Text {
    text!(
        "no column for `{key}`: name it `{zh}` in the roster's header",
        "缺少 `{zh}` 列：请在名册表头中加上该列"
    )
}

/// Rows the import could not read, in the page: `importable` rows could be imported alone
/// (the page's "import only the good rows" box, the command line's `--force`).
pub fn import_fix_rows(importable: usize) -> Text {
    match importable {
        0 => text!(
            "nothing imported: fix these rows in the roster and import it again",
            "未导入任何内容：请在名册中修正以上各行后重新导入"
        ),
        n => text!(
            "nothing imported: fix these rows in the roster and import it again, or tick “import only the rows without errors” to import the other {n}",
            "未导入任何内容：请在名册中修正以上各行后重新导入，或勾选“只导入无误的行”导入其余 {n} 行"
        ),
    }
}

/// A baseline from a git revision (`[baseline] rev` of bianzhi.toml), which the page cannot read.
pub fn no_git_here() -> Text {
    text!(
        "a baseline from a git revision (`rev` of [baseline] in bianzhi.toml) can only be read by the command line (bianzhi)",
        "以 git 版本为现状（bianzhi.toml 中 [baseline] 的 rev）只能由命令行版 bianzhi 读取"
    )
}

/// Columns of a roster the import did not use, in the page (no `--map`).
pub fn import_columns_ignored(cols: &str) -> Text {
    text!("columns not imported: {cols}", "未导入的列：{cols}")
}
