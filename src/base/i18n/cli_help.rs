//! The command line's help in Chinese. The English help is the clap declarations' doc comments
//! (`src/cli`); under `--lang zh` (or a Chinese `LANG`) `cli::localized_command` puts these in
//! their place. Keys: a subcommand's name (its `about`), `command.arg` (an argument's help, by
//! clap's id), `command.arg=value` (a value's help); an empty command is the top level.

/// The Chinese help for `key`, if the table has it.
pub fn zh(key: &str) -> Option<&'static str> {
    Some(match key {
        "" => "按规则检查以 TOML 编写的机构设置和编制（机构编制）情况",
        ".max_file_size" => "读取的单个输入文件（组织文件、规则包、名册、预期文件）的最大大小：字节数，或带 K、M、G；默认 64M",
        ".version" => "显示版本",
        ".root_lang" => "帮助和命令输出的语言，写在命令之前（如 `bianzhi --lang zh --help`）；写在命令之后同样有效",
        "help" => "显示帮助",
        // check
        "check" => "按规则包检查组织文件和文件夹",
        "check.paths" => "要检查的组织文件和文件夹（文件夹：其中每个含 [unit] 表的 *.toml 文件）",
        "check.rules" | "explain.rules" | "rules.rules" => "规则包：内置规则包的标识（national、jiangsu-2017）或规则包文件；可重复，逐层叠加",
        "check.format" | "diff.format" | "chart.format" | "report.format" => "输出格式",
        "check.format=human" => "带所指 TOML 原文的问题说明，供人阅读",
        "check.format=json" => "一个 JSON 文档，键名稳定，供程序读取",
        "check.format=sarif" => "SARIF 2.1.0，供 GitHub 代码扫描和 SARIF 查看器使用",
        "check.format=github" => "GitHub Actions 工作流命令：在拉取请求上标注问题",
        "check.format=junit" => "JUnit XML：每个文件一个测试套件，每条规则一个测试用例",
        "check.output" => "另将 FORMAT 格式的报告写入 PATH（如 `sarif=bianzhi.sarif`）；可重复。标准输出仍按 --format",
        "check.deny" => "退出码按错误计算警告",
        "check.deny=warnings" => "警告也视为错误",
        "check.lang" | "diff.lang" | "explain.lang" | "rules.lang" | "test.lang" | "init.lang"
        | "chart.lang" | "report.lang" | "import.lang" => "输出语言，默认取自 LANG/LC_ALL",
        "check.show_names" => "问题中除人员标识外也写出姓名（名册属个人信息）",
        "check.baseline" | "chart.baseline" => "方案所对照的现状（BZ104、BZ501、BZ502）：同一单位标识的组织文件，代替所检查文件中较早的快照；多个单位可重复",
        "check.baseline_rev" | "chart.baseline_rev" => "将每个所检查的文件与其在该 git 版本（提交、分支或标签）中的同一路径对照",
        "check.jobs" => "工作线程数（默认：全部处理器核；每核至多四个，总数不超过 256）",
        // diff
        "diff" => "机构改革方案改变了什么：合并和撤销的机构，编制和人数的增减",
        "diff.base" => "现状：改革前的组织文件",
        "diff.new" => "方案：改革后的组织文件",
        "diff.format=human" => "表格，供人阅读",
        "diff.format=json" => "一个 JSON 文档",
        "diff.show_names" => "除人员标识外也写出姓名（名册属个人信息）",
        // explain
        "explain" => "显示规则的说明：检查内容、依据条款、示例和参数",
        "explain.rule" => "规则代码（BZ001）或标识（functional-body-limit）；用 --rules 时也可为其中的自定义规则",
        // rules
        "rules" => "列出生效的规则：代码、名称、级别、参数和依据",
        "rules.verbose" => "完整列出每个参数，并在表下列出职务名称目录",
        // test
        "test" => "测试规则包：每个 `NAME.toml` 组织文件对照其 `NAME.expect.toml` 预期文件",
        "test.paths" => "预期文件（`*.expect.toml`）及其所在的文件夹",
        // init
        "init" => "新建组织文件仓库：示例镇、规则包、测试和持续集成工作流",
        "init.dir" => "仓库所在的文件夹（不存在则新建；默认为当前文件夹）",
        // chart
        "chart" => "以 SVG、DOT 或 Mermaid 绘制一个组织文件的机构设置图，并标出问题",
        "chart.file" => "要绘制的组织文件",
        "chart.format=svg" => "图片，由 bianzhi 布局（无需 Graphviz）",
        "chart.format=dot" => "Graphviz DOT",
        "chart.format=mermaid" => "Mermaid 流程图，用于 Markdown",
        "chart.output" => "将图写入 FILE，而不是标准输出",
        "chart.rules" => "标出其问题的规则包：内置规则包的标识或规则包文件；可重复，逐层叠加",
        // schema
        "schema" => "组织文件（或用 --pack 时规则包）的 JSON Schema，供编辑器补全和提示",
        "schema.pack" => "输出规则包的 Schema，而不是组织文件的",
        "schema.output" => "将全部 Schema 写入 DIR（bianzhi-org.schema.json、bianzhi-pack.schema.json、bianzhi-project.schema.json）",
        "schema.project" => "输出项目文件（bianzhi.toml）的 Schema，而不是组织文件的",
        // report
        "report" => "编制台账：各机构、各类别的核定、实有、空编和超编",
        "report.paths" => "组织文件和文件夹（文件夹：其中每个含 [unit] 表的 *.toml 文件）",
        "report.format=human" => "表格，在终端中阅读",
        "report.format=json" => "一个 JSON 文档",
        "report.format=csv" => "一张平铺的表：每个机构每个编制类别、每个职务层次一行",
        "report.format=xlsx" => "Excel 工作簿（须用 -o）：汇总表，每个单位一张表及其名册",
        "report.format=html" => "一个独立的 HTML 页面：概况、问题、方案变化、机构设置图和编制表；可按 A4 打印",
        "report.output" => "写入此文件，而不是标准输出（xlsx 和 docx 必须指定）",
        "report.format=docx" => "可编辑的 Word 文档（须用 -o）：概况、问题及其依据、方案变化、编制表",
        "diff.output" => "写入此文件，而不是标准输出（xlsx 必须指定）",
        "diff.format=html" => "一个独立的 HTML 页面：各表和改革前后对照图；可按 A4 打印",
        "diff.format=xlsx" => "Excel 工作簿（须用 -o）：各表",
        "report.date" | "diff.date" => "文件的生成日期，写作 年-月-日（默认：SOURCE_DATE_EPOCH，否则为当天）",
        "report.office" | "diff.office" => "出具单位，印在标题下（如 某县委编办；默认：项目文件的 `office`）",
        "report.show_names" => "在名册表中写出姓名（名册属个人信息）",
        "report.rules" => "HTML 报告中问题所依据的规则包（同 check；可重复）",
        // import
        "import" => "将名册（xlsx 或 csv）导入组织文件的 [[person]] 条目",
        "import.file" => "名册：工作簿（.xlsx、.xls、.ods）或 .csv 文件（UTF-8 或 GBK/GB18030 编码）",
        "import.into" => "接收名册的组织文件",
        "import.map" => "将另一列的列名对应到人员的键，如 --map \"工号=id\"（可重复）",
        "import.sheet" => "要读取的工作表（默认：以单位标识命名的工作表，否则为第一个有名册表头的工作表）",
        "import.force" => "即使有的行无法对应，也导入其余各行（无法对应的行跳过）",
        "import.replace" => "删除组织文件中不在名册内的人员（默认保留）",
        "import.dry_run" => "只说明将作的修改，不写入组织文件（默认即如此；为脚本保留）",
        "import.write" => "写入组织文件。不加此项时只预览：列出将作的修改，不写任何文件",
        "import.show_names" => "在修改清单中除人员标识外也写出姓名（名册属个人信息）",
        _ => return None,
    })
}

/// The headings and labels clap writes around the help.
pub const USAGE: &str = "用法：";
pub const COMMANDS: &str = "命令";
pub const ARGUMENTS: &str = "参数";
pub const OPTIONS: &str = "选项";

/// A possible value's help appended to its argument's: "可选值：" and "默认：".
pub fn values(list: &str) -> String {
    format!("可选值：{list}")
}

pub fn default_value(value: &str) -> String {
    format!("默认：{value}")
}

// Mistakes on the command line (clap's errors, which it writes in English only).

pub fn unknown_argument(arg: &str) -> String {
    format!("无法识别的参数 `{arg}`")
}

pub fn unknown_command(cmd: &str) -> String {
    format!("没有 `{cmd}` 这个命令")
}

pub fn invalid_value(value: &str, arg: &str, valid: &str) -> String {
    if valid.is_empty() {
        format!("`{arg}` 的值 `{value}` 无效")
    } else {
        format!("`{arg}` 的值 `{value}` 无效：可选值为 {valid}")
    }
}

pub fn missing_argument(arg: &str) -> String {
    format!("缺少必需的参数 {arg}")
}

pub fn conflict(arg: &str, prior: &str) -> String {
    format!("`{arg}` 不能与 `{prior}` 同时使用")
}

pub fn missing_command() -> String {
    "缺少命令：bianzhi 后面应写 check、report 等命令".to_string()
}

pub fn other_usage_error() -> String {
    "命令行有误".to_string()
}

pub fn see_help() -> &'static str {
    "用法见 `bianzhi --help`（或 `bianzhi 命令 --help`）\n"
}
