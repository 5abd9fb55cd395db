use serde::{Deserialize, Serialize};

use crate::base::diag::{Finding, Target};
use crate::base::i18n::Text;
use crate::model::Grade;
use crate::rules::titles::{
    describe_places, grade_en, grade_zh, GradeSet, Part, Reader, TitleCatalog, Titles,
    LEADER_SUFFIXES,
};
use crate::rules::{FileCx, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Every post title a person holds is an approved one, valid for the unit, and held at a grade
    /// it carries. A `title` and each `concurrent` entry are read as the town's real-name system
    /// exports them:
    ///
    /// 1. Split into parts at 、 ， , ； ; / and 兼, each trimmed, a trailing （…）/(…) dropped
    ///    (`"党委委员、组织委员"` is two titles).
    /// 2. Each part is looked up in the titles catalog as written; else less a leading unit name,
    ///    zone name, 镇, 乡 or 街道 (`平望镇镇长`); else less the longest leading name or alias of a
    ///    body, the rest read in that body's context (`综合行政执法局局长`, `党政办主任`).
    /// 3. All parts of a person holding a leadership `grade` are checked; of a person without
    ///    one, only parts ending with one of `leader_suffixes`. The rest are job labels (驾驶员,
    ///    窗口工作人员), never checked.
    /// 4. The catalog gives each title a set of grades: a grade, `none`, `unit` (the unit's),
    ///    `body` (of the body the title names, else the body sat in; the unit's for the team),
    ///    `unit-1`, `body-1` (one lower, not below 股级); and `where` it may be used (unit kinds, or
    ///    `zone`: a unit merged with its zone).
    ///
    /// 股级 is a body grade (机构规格), not a leadership grade: the Civil Servant Law's 领导职务层次
    /// end at 乡科级副职. A person graded 股级 holds no leadership grade, as one without `grade`; a
    /// set that admits 股级 admits `none`. `body` and `body-1` of a body graded 股级 mean `none`; of
    /// a sub-body without a grade, `body` means `none` or any grade below its parent's (the 科长 of
    /// a 内设科 of a 正科 bureau need not be 正科) and `body-1` means `none`.
    ///
    /// 挂职 (secondment): a person with `seconded = true` (all their parts), or a part ending in
    /// （挂职）/(挂职) (that part): the part must be in the catalog, but the person's grade is not
    /// compared with it. Their other parts are read as usual.
    ///
    /// Findings: one per checked part not in the catalog or not valid for the unit; one per
    /// person whose grade (none when not written) is outside the grades of their checked parts
    /// together, or below the lowest grade of any one part (a 副科 official cannot hold 镇长, not
    /// even concurrently). For a person with `upper_post` only the parts are checked: their grade
    /// is BZ202's.
    ///
    /// ## Why
    /// The Jiangsu opinions on developed towns (《关于深化经济发达镇行政管理体制改革工作的意见》,
    /// 2017), 二(四)2, forbid “擅自设置职务名称” (setting up post titles without authority). The
    /// Civil Servant Law (公务员法, 2018), art. 20: each organ, by its functions, grade,
    /// establishment and posts, “设置本机关公务员的具体职位” — its posts are those approved for it;
    /// art. 18 lists the leadership grades (领导职务层次), which end at “乡科级正职、乡科级副职”: 股级
    /// is not one of them. The list of titles is the pack's, not an official catalog. The Local
    /// Organic Law
    /// (地方组织法), art. 70, gives a town 镇长 and 副镇长 only, so 镇长助理 is not in the default
    /// catalog: an approved 挂职 title goes into `add_titles` or an `[[exception]]`.
    ///
    /// ## Example
    /// ```toml
    /// [[person]]
    /// id = "PW0007"
    /// body = "pingwang"                      # the leadership team
    /// establishment = "administrative"
    /// title = "党委委员、副镇长"
    /// grade = "副科"
    /// concurrent = ["镇长助理"]              # not an approved title
    ///
    /// [[person]]
    /// id = "PW0031"
    /// body = "zfj"                           # a 股级 bureau
    /// establishment = "administrative"
    /// title = "局长"
    /// grade = "副科"                         # 局长 carries the bureau's grade: 股级
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "PW0002"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委副书记、代镇长"
    /// grade = "副科"                         # 代镇长 may be 正科 or 副科
    ///
    /// [[person]]
    /// id = "PW0006"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委委员、组织委员"
    /// grade = "副科"
    /// concurrent = ["综合行政执法局局长"]    # heads the 股级 bureau concurrently
    ///
    /// [[person]]
    /// id = "PW0031"
    /// body = "zfj"
    /// establishment = "administrative"
    /// title = "局长"
    /// grade = "股级"
    ///
    /// [[person]]
    /// id = "PW0090"
    /// body = "zfj"
    /// establishment = "none"
    /// title = "驾驶员"                       # a job label: not checked
    /// ```
    ///
    /// ## Parameters
    /// - `titles` (table title → `{ grades = [...], where = [...] }`, or the version-1 string form
    ///   `"股级"` / `"none"`): the approved titles; a pack's `titles` replaces the default:
    ///
    ///   | titles | where | grades |
    ///   |---|---|---|
    ///   | 党委书记, 人大主席 | town, township | unit, 正科 |
    ///   | 镇长 / 乡长 | town / township | unit, 正科 |
    ///   | 代镇长 / 代乡长 | town / township | unit, 正科, 副科 |
    ///   | 党委副书记 | town, township | unit, unit-1, 副科 |
    ///   | 副镇长 / 副乡长 | town / township | unit-1, 副科 |
    ///   | 人大副主席 | town, township | unit-1, 副科 |
    ///   | 党委委员, 纪委书记, 监察办公室主任, 监察办主任, 组织委员, 宣传委员, 统战委员, 政法委员, 武装部长, 武装部部长, 人武部部长, 人武部长 | any | unit-1, 副科 |
    ///   | 党工委书记 | subdistrict, zone | unit, 正科 |
    ///   | 党工委副书记 | subdistrict, zone | unit, unit-1, 副科 |
    ///   | 党工委委员, 纪工委书记 | subdistrict, zone | unit-1, 副科 |
    ///   | 办事处主任 | subdistrict | unit, 正科 |
    ///   | 办事处副主任 | subdistrict | unit-1, 副科 |
    ///   | 人大工委主任 | subdistrict | unit, unit-1, 副科 |
    ///   | 人大工委副主任 | subdistrict | unit-1, 副科, none |
    ///   | 管委会主任 | zone | unit, 正科 |
    ///   | 管委会副主任 | zone | unit-1, 副科 |
    ///   | 局长, 主任, 所长, 站长, 科长, 队长, 大队长 | any | body |
    ///   | 副局长, 副主任, 副所长, 副站长, 副科长, 副队长, 副大队长 | any | body-1 |
    ///   | 中队长, 副中队长, 股长, 副股长, 组长, 组织员 | any | 股级, none |
    ///   | 纪委副书记, 工会主席, 团委书记, 妇联主席 | any | 副科, 股级, none |
    /// - `add_titles` (same form, default empty): titles added to the catalog, or replacing an entry
    ///   of the same title.
    /// - `leader_suffixes` (array of strings, default 书记, 长, 主任, 主席, 委员, 助理): a part
    ///   ending with one of them is checked even for a person without a grade.
    ///
    /// The catalog and `leader_suffixes` are also how over-posts, over-grade-appointment,
    /// leadership-composition and enforcement-staffing read titles (read even when this rule is
    /// off).
    ///
    /// ## 检查内容
    /// 人员所任职务名称须经核定、适用于本单位，且所任层次与职务相符。`title` 和 `concurrent`（兼任）
    /// 各项按实名制系统导出的写法读取：
    ///
    /// 1. 以 、 ， , ； ; / 和“兼”分为若干职务，去除首尾空白及末尾括注（“党委委员、组织委员”为两项职务）。
    /// 2. 每项职务先按原文查职务名称目录；查不到的，去掉开头的本单位名称、开发区名称或“镇”“乡”
    ///    “街道”再查（平望镇镇长）；仍查不到的，去掉开头最长的机构名称或简称，余下部分按该机构查
    ///    （综合行政执法局局长、党政办主任）。
    /// 3. 有领导职务层次（`grade`）的人员，各项职务均检查；无层次的人员，只检查以 `leader_suffixes`
    ///    结尾的职务，其余为岗位称谓（驾驶员、窗口工作人员），不检查。
    /// 4. 目录为每个职务规定若干层次：具体层次、`none`（无领导职务层次）、`unit`（本单位级别）、
    ///    `body`（职务所冠机构的规格，未冠机构名称的取所在机构，领导班子取本单位级别）、`unit-1`、
    ///    `body-1`（低一个层次，最低为股级）；`where` 规定适用的单位类别，`zone` 指区镇合一的单位。
    ///
    /// 股级是机构规格，不是领导职务层次（公务员法规定的领导职务层次止于乡科级副职）：`grade` 填
    /// `"股级"` 的人员视为无领导职务层次；允许股级的职务也允许无层次。股级机构的 `body`、`body-1` 均为
    /// 无层次；未定规格的内设机构，`body` 为无层次或低于其上级机构规格的任一层次（正科局的内设科
    /// 科长不必为正科），`body-1` 为无层次。
    ///
    /// 挂职：`seconded = true` 的人员（其全部职务），或以 `（挂职）` 结尾的职务（该项职务），须在目录
    /// 中，但不以其核对该人员的层次；其他职务照常读取。
    ///
    /// 每项不在目录中或不适用于本单位的职务报告一次；所任层次（未填写视为无领导职务层次）不在各项
    /// 职务层次之内，或低于其中任一职务的最低层次（副科人员不能兼任镇长）的，每人报告一次。设有
    /// `upper_post` 的人员只查职务名称，层次由 BZ202 检查。
    ///
    /// ## 依据
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》（中共江苏省委办公厅，2017）二(四)2：严禁
    /// “擅自设置职务名称”。《中华人民共和国公务员法》（2018）第二十条：各机关依照确定的职能、规格、
    /// 编制限额、职数以及结构比例，“设置本机关公务员的具体职位”；第十八条规定的领导职务层次止于
    /// “乡科级正职、乡科级副职”，股级不是领导职务层次。职务名称目录是规则包的目录，不是官方目录。《地方各级人民代表大会和地方各级人民政府组织法》第七十条只设镇长、副镇长，默认目录不含
    /// 镇长助理；经批准的挂职职务可由规则包 `add_titles` 或 `[[exception]]` 列明。
    pub struct UnauthorizedTitle {
        code: "BZ204",
        name: "unauthorized-title",
        title: "职务名称未经核定",
        short: ("擅设职务名称", "unauthorized title"),
        level: Error,
        cite: ("江苏经济发达镇意见 二（四）2；公务员法 第二十条", "Jiangsu DT Opinions 2017, II(4).2; Civil Servant Law, art. 20"),
        scope: Town,
        params: Params,
        examples: {
            "the leadership team" => "领导班子",
            "not an approved title" => "未经核定的职务名称",
            "a 股级 bureau" => "股级机构",
            "局长 carries the bureau's grade: 股级" => "局长与机构同级：股级",
            "代镇长 may be 正科 or 副科" => "代镇长可为正科或副科",
            "heads the 股级 bureau concurrently" => "兼任股级机构负责人",
            "a job label: not checked" => "岗位称谓：不检查",
        },
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub titles: TitleCatalog,
    pub add_titles: TitleCatalog,
    pub leader_suffixes: Vec<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            titles: TitleCatalog::national(),
            add_titles: TitleCatalog::default(),
            leader_suffixes: LEADER_SUFFIXES.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Params {
    /// How every rule reads titles under these settings.
    pub fn shared(&self) -> Titles {
        Titles {
            catalog: self.titles.clone().with(&self.add_titles),
            leader_suffixes: self.leader_suffixes.clone(),
        }
    }
}

/// A checked part found in the catalog, valid here, with the grades it admits.
struct Graded<'a> {
    part: Part<'a>,
    grades: GradeSet,
}

impl RuleImpl for UnauthorizedTitle {
    fn check_file(_params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let file = org.file;
        let reader = Reader::new(&cx.shared.titles, org, cx.source);
        let (k_en, k_zh) = (org.unit.kind.value.word(), org.unit.kind.value.zh());
        for p in &org.persons {
            let who = cx.who(p);
            let mut graded: Vec<Graded<'_>> = Vec::new();
            for part in reader.parts(p) {
                if !reader.is_checked(p, &part) {
                    continue;
                }
                let t = part.text;
                let Some(found) = reader.lookup(t) else {
                    out.push(
                        Finding::new(
                            file,
                            part.span,
                            text!(
                                "person {who}: title `{t}` is not in the pack's titles catalog",
                                "人员 {who}：职务名称“{t}”不在规则包的职务名称目录中"
                            ),
                        )
                        .target(Target::person(&p.id.value))
                        .primary(text!("not in the titles catalog", "不在职务名称目录中"))
                        .help(text!(
                            "use the approved title; a title approved for this unit goes into the pack's `add_titles` (or an `[[exception]]` with its approval)",
                            "改用核定的职务名称；经批准设置的职务名称，列入规则包的 `add_titles`（或以 `[[exception]]` 注明批准文件）"
                        )),
                    );
                    continue;
                };
                if !reader.valid_here(found.entry) {
                    let (p_en, p_zh) = describe_places(found.entry);
                    out.push(
                        Finding::new(
                            file,
                            part.span,
                            text!(
                                "person {who}: `{t}` is not a title of a {k_en}; the catalog gives it to {p_en}",
                                "人员 {who}：“{t}”不是{k_zh}的职务名称（目录规定用于{p_zh}）"
                            ),
                        )
                        .target(Target::person(&p.id.value))
                        .primary(text!("not a title of a {k_en}", "非{k_zh}职务名称"))
                        .label(file, org.unit.kind.span, text!("a {k_en}", "{k_zh}"))
                        .help(text!(
                            "use the title of this unit's post",
                            "改用本单位相应职务的名称"
                        )),
                    );
                    continue;
                }
                // 挂职: the part must be a title of the catalog, but the person's grade is not
                // compared with it.
                if part.seconded {
                    continue;
                }
                let grades = reader.grades(p, &found);
                graded.push(Graded { part, grades });
            }
            if p.upper_post.is_some() || graded.is_empty() {
                continue;
            }
            if let Some(f) = grade_finding(cx, p, &who, &graded) {
                out.push(f.target(Target::person(&p.id.value)));
            }
        }
    }
}

/// The person's grade against their checked parts: outside them all, or below one's floor.
fn grade_finding(
    cx: &FileCx<'_>,
    p: &crate::model::Person,
    who: &str,
    graded: &[Graded<'_>],
) -> Option<Finding> {
    let file = cx.org.file;
    // 股级 is no leadership grade: a person graded 股级 is read as one without `grade`.
    let held: Option<Grade> = p.leadership_grade();
    let written = p.grade.as_ref().filter(|g| Some(g.value) == held);
    let (h_en, h_zh) = (grade_en(held), grade_zh(held));
    // A grade above the body the person sits in is BZ202's finding (over-grade appointment): the
    // same fact is not reported twice.
    if let (Some(h), Some(body)) = (held, cx.org.body(&p.body.value)) {
        let (sat, _, _) = cx.org.effective_grade(body);
        if h.above(sat) {
            return None;
        }
    }
    let union = graded
        .iter()
        .fold(GradeSet::default(), |u, g| u.union(g.grades));
    let label = |g: &Graded<'_>| {
        let (a_en, a_zh) = g.grades.describe();
        let t = g.part.text;
        text!("`{t}`: {a_en}", "“{t}”：{a_zh}")
    };
    // Where the finding points: the grade written, else the (first) title part concerned.
    let start = |message: Text, at: &Graded<'_>| match written {
        Some(g) => Finding::new(file, g.span, message)
            .primary(text!("holds {h_en}", "所任层次为{h_zh}"))
            .label(file, at.part.span, label(at)),
        None => {
            let l = label(at);
            let (l_en, l_zh) = (l.en, l.zh);
            Finding::new(file, at.part.span, message).primary(text!(
                "{l_en}; no `grade` written",
                "{l_zh}；未填写 `grade`"
            ))
        }
    };
    if !union.contains(held) {
        let names: Vec<&str> = graded.iter().map(|g| g.part.text).collect();
        let (n_en, n_zh) = (names.join("`, `"), names.join("、"));
        let (a_en, a_zh) = union.describe();
        let message = match (names.len(), held) {
            _ if union == only_none() => text!(
                "person {who}: `{n_en}` is held without a leadership grade, but the person holds {h_en}",
                "人员 {who}：职务“{n_zh}”不带领导职务层次，但其所任层次为{h_zh}"
            ),
            (1, Some(_)) => text!(
                "person {who}: title `{n_en}` is held at {a_en} here, but the person holds {h_en}",
                "人员 {who}：职务“{n_zh}”在此对应{a_zh}，但其所任层次为{h_zh}"
            ),
            (_, Some(_)) => text!(
                "person {who}: titles `{n_en}` are held at {a_en} here, but the person holds {h_en}",
                "人员 {who}：职务“{n_zh}”在此对应{a_zh}，但其所任层次为{h_zh}"
            ),
            (1, None) => text!(
                "person {who}: title `{n_en}` is held at {a_en} here, but the person has no leadership grade",
                "人员 {who}：职务“{n_zh}”在此对应{a_zh}，但其无领导职务层次"
            ),
            (_, None) => text!(
                "person {who}: titles `{n_en}` are held at {a_en} here, but the person has no leadership grade",
                "人员 {who}：职务“{n_zh}”在此对应{a_zh}，但其无领导职务层次"
            ),
        };
        let help = if union == only_none() {
            text!(
                "remove `grade`, or correct the title",
                "删除 `grade`，或更正职务名称"
            )
        } else if held.is_none() {
            text!(
                "write the person's `grade` ({a_en}), or correct the title",
                "填写其领导职务层次 `grade`（{a_zh}），或更正职务名称"
            )
        } else {
            text!(
                "set `grade` to {a_en}, or give the person the title of their grade",
                "将 `grade` 改为{a_zh}，或改任与其层次相符的职务"
            )
        };
        let mut f = start(message, &graded[0]);
        for g in &graded[1..] {
            f = f.label(file, g.part.span, label(g));
        }
        return Some(f.help(help));
    }
    let below = graded.iter().find(|g| {
        g.grades
            .floor()
            .is_some_and(|fl| held.is_none_or(|h| fl.above(h)))
    })?;
    let floor = below.grades.floor()?;
    let (f_en, f_zh) = (floor.word(), floor.zh());
    let t = below.part.text;
    let (message, help) = match held {
        Some(_) => (
            text!(
                "person {who} holds {h_en}, below the {f_en} that `{t}` requires",
                "人员 {who} 所任层次为{h_zh}，低于“{t}”要求的{f_zh}"
            ),
            text!(
                "`{t}` cannot be held at {h_en}, not even concurrently: correct the title or the grade",
                "{h_zh}人员不能担任“{t}”（兼任亦然）：请更正职务或层次"
            ),
        ),
        None => (
            text!(
                "person {who} has no leadership grade, below the {f_en} that `{t}` requires",
                "人员 {who} 无领导职务层次，低于“{t}”要求的{f_zh}"
            ),
            text!(
                "`{t}` is held at {f_en} at least, not even concurrently without it: write `grade` or correct the title",
                "“{t}”至少对应{f_zh}，兼任亦然：请填写 `grade` 或更正职务"
            ),
        ),
    };
    Some(start(message, below).help(help))
}

fn only_none() -> GradeSet {
    let mut s = GradeSet::default();
    s.insert(None);
    s
}
