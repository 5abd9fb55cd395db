use crate::base::diag::{Finding, Target};
use crate::base::i18n::Text;
use crate::base::source::Span;
use crate::model::{Counts, Grade, Person};
use crate::rules::titles::Reader;
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// For each body and for the leadership team (people whose `body` is the unit id), per grade:
    /// the people sitting there with that grade are at most the posts approved for it (`posts` of
    /// the body, `[quota.posts]` of the unit). A grade with holders but no `posts` entry has 0
    /// approved posts. People count where they sit (`body`) only: a `concurrent` title (兼任)
    /// takes no post, in the body it names or anywhere else.
    ///
    /// A person with `upper_post` (a principal promoted into the county leadership who keeps the
    /// town post) counts at the grade of the post kept: the highest grade not above the unit's that
    /// the titles catalog admits for the checked parts of their `title` (read as unauthorized-title
    /// reads titles: "党委副书记、镇长" is two titles), else the unit's grade. Other people count at
    /// their `grade`; people without one are not counted.
    ///
    /// 股级 is a body grade, not a leadership grade (公务员法 第十八条): 股级 holders are counted only
    /// where the body declares `posts` for 股级 (some counties approve such 中层职数, others do
    /// not). A person on secondment (挂职: `seconded = true`, or every part of their `title` ending
    /// in （挂职）) takes no post.
    ///
    /// The finding points at the first holder beyond the posts and names the others beyond them in
    /// its message.
    ///
    /// ## Why
    /// 《地方各级人民政府机构设置和编制管理条例》(State Council Decree 486), art. 26(5), punishes
    /// “擅自超职数、超规格配备领导成员的” (leaders beyond the approved posts or grades); the Jiangsu
    /// opinions on developed towns (2017), 二(四)2, forbid “超职数配备干部”.
    ///
    /// ## Example
    /// ```toml
    /// [[body]]
    /// id = "jjfz"
    /// name = "经济发展局"
    /// kind = "functional"
    /// posts = { "股级" = 2 }
    ///
    /// [[person]]
    /// id = "PW0040"
    /// body = "jjfz"
    /// establishment = "administrative"
    /// title = "局长"
    /// grade = "股级"
    ///
    /// [[person]]
    /// id = "PW0041"
    /// body = "jjfz"
    /// establishment = "administrative"
    /// title = "副局长"
    /// grade = "股级"
    ///
    /// [[person]]
    /// id = "PW0042"
    /// body = "jjfz"
    /// establishment = "administrative"
    /// title = "副局长"
    /// grade = "股级"         # the third 股级 holder: two posts approved
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [quota.posts]
    /// "正科" = 3
    /// "副科" = 8
    ///
    /// [[person]]
    /// id = "PW0001"
    /// body = "pingwang"       # the leadership team of a 正科 town
    /// establishment = "administrative"
    /// title = "党委书记"
    /// grade = "副处"
    /// upper_post = "吴江区委常委"   # counts at 正科, the post kept
    ///
    /// [[person]]
    /// id = "PW0006"
    /// body = "pingwang"
    /// establishment = "administrative"
    /// title = "党委委员、组织委员"
    /// grade = "副科"
    /// concurrent = ["经济发展局局长"]   # takes no post in the bureau
    /// ```
    ///
    /// ## Parameters
    /// None. The titles catalog that grades people with `upper_post` is the `titles` (and
    /// `add_titles`, `leader_suffixes`) of unauthorized-title, read even when that rule is off.
    ///
    /// ## 检查内容
    /// 各机构及领导班子（`body` 为本单位 id 的人员）按层次统计：在该处任职、任该层次职务的人数不
    /// 超过核定领导职数（机构的 `posts`，本单位的 `[quota.posts]`）。有人担任而未核定职数的层次按
    /// 0 计。人员只在其所在机构（`body`）计入：兼任职务（`concurrent`）不占职数。
    ///
    /// 设有 `upper_post`（进入县级领导班子、仍保留镇职务的主要负责人）的人员，按其保留职务的层次
    /// 计入：即职务名称目录对其 `title` 中须检查的各项职务（按 unauthorized-title 的读法，
    /// “党委副书记、镇长”为两项）规定的、不高于本单位级别的最高层次；目录中查不到的，按本单位级别
    /// 计入。其他人员按其 `grade` 计入，无 `grade` 的不计入。
    ///
    /// 股级是机构规格而非领导职务层次（公务员法第十八条）：只有机构核定了股级职数（`posts` 中写明
    /// `"股级"`）的，才统计股级人员。挂职人员（`seconded = true`，或 `title` 各项均以 `（挂职）` 结尾）
    /// 不占职数。
    ///
    /// 报告位置为超出职数的第一人，其余超出人员在说明中列出。
    ///
    /// ## 依据
    /// 《地方各级人民政府机构设置和编制管理条例》（国务院令第486号）第二十六条第(五)项：
    /// “擅自超职数、超规格配备领导成员的”；《关于深化经济发达镇行政管理体制改革工作的意见》
    /// （中共江苏省委办公厅，2017）二(四)2：严禁“超职数配备干部”。
    pub struct OverPosts {
        code: "BZ201",
        name: "over-posts",
        title: "超职数配备",
        short: ("超职数配备", "over posts"),
        level: Error,
        cite: ("国务院令第486号 第二十六条第（五）项；江苏经济发达镇意见 二（四）2", "State Council Decree 486, art. 26(5); Jiangsu DT Opinions 2017, II(4).2"),
        scope: Town,
        examples: {
            "the third 股级 holder: two posts approved" => "第三名股级干部：核定职数为两名",
            "the leadership team of a 正科 town" => "正科级镇的领导班子",
            "counts at 正科, the post kept" => "按正科计，保留职务",
            "takes no post in the bureau" => "不在该机构任职",
        },
    }
}

impl RuleImpl for OverPosts {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let unit_grade = org.unit.grade.value;
        let reader = Reader::new(&cx.shared.titles, org, cx.source);
        let unit_id = &org.unit.id.value;
        let mut groups: Vec<Group<'_>> = vec![Group {
            target: Target::unit(unit_id),
            who: ("leadership team".to_string(), "领导班子".to_string()),
            posts: &org.posts,
            owner_span: org.unit.span,
            people: org.leadership().collect(),
        }];
        for b in &org.bodies {
            let id = &b.id.value;
            let name = &b.name.value;
            groups.push(Group {
                target: Target::body(id),
                who: (format!("body {name}"), name.clone()),
                posts: &b.posts,
                owner_span: b.span,
                people: org.persons_in(id).collect(),
            });
        }
        for g in groups {
            check_group(cx, &g, unit_grade, &reader, out);
        }
    }
}

/// People counted against one posts table.
struct Group<'a> {
    target: Target,
    who: (String, String),
    posts: &'a Counts<Grade>,
    /// Where to point when there is no posts table: the body's or the unit's header.
    owner_span: Span,
    people: Vec<&'a Person>,
}

/// The grade a person counts at for posts, and the span that makes it so: their `grade`, or for a
/// person with `upper_post` the grade of the post they keep (the highest grade not above the
/// unit's that the catalog admits for their `title`'s checked parts, else the unit's), pointed at
/// their `title` (else `upper_post`).
pub fn counted_grade(p: &Person, unit_grade: Grade, reader: &Reader<'_>) -> Option<(Grade, Span)> {
    match &p.upper_post {
        Some(up) => {
            let span = p.title.as_ref().map_or(up.span, |t| t.span);
            let grade = reader
                .title_grades(p)
                .highest_not_above(unit_grade)
                .unwrap_or(unit_grade);
            Some((grade, span))
        }
        None => p.grade.as_ref().map(|g| (g.value, g.span)),
    }
}

fn check_group(
    cx: &FileCx<'_>,
    g: &Group<'_>,
    unit_grade: Grade,
    reader: &Reader<'_>,
    out: &mut Vec<Finding>,
) {
    let org = cx.org;
    for &grade in Grade::ALL {
        // 股级 is a body grade, not a leadership grade (公务员法 第十八条): its holders are counted
        // only where the body declares 股级 posts (some counties approve 中层职数, others do not).
        if grade == Grade::UnitLevel && g.posts.entry(grade).is_none() {
            continue;
        }
        let holders: Vec<(&Person, Span)> = g
            .people
            .iter()
            .filter(|p| !reader.takes_no_post(p))
            .filter_map(|p| match counted_grade(p, unit_grade, reader) {
                Some((pg, span)) if pg == grade => Some((*p, span)),
                _ => None,
            })
            .collect();
        let approved = g.posts.get(grade) as usize;
        let Some(&(over, over_span)) = holders.get(approved) else {
            continue;
        };
        let held = holders.len();
        let others: Vec<String> = holders[approved + 1..]
            .iter()
            .map(|(p, _)| cx.who(p))
            .collect();
        let (en, zh) = (grade.word(), grade.zh());
        let (who_en, who_zh) = (&g.who.0, &g.who.1);
        let n = approved + 1;
        let person = cx.who(over);
        let primary: Text = if over.upper_post.is_some() {
            text!(
                "{en} holder no. {n} ({person}, counted at the grade of the post kept under `upper_post`)",
                "第 {n} 名{zh}（{person}，按 `upper_post` 保留职务的层次计入）"
            )
        } else {
            text!(
                "{en} holder no. {n} ({person})",
                "第 {n} 名{zh}（{person}）"
            )
        };
        let (posts_span, posts_label) = match g.posts.entry(grade) {
            Some((k, v)) => (
                Span::new(k.span.start, v.span.end),
                text!(
                    "approved {en} posts: {approved}",
                    "核定{zh}职数 {approved} 名"
                ),
            ),
            None if g.posts.present => (
                g.posts.span,
                text!("no {en} posts approved", "未核定{zh}职数"),
            ),
            None => (g.owner_span, text!("no posts approved", "未核定领导职数")),
        };
        let message = if others.is_empty() {
            text!(
                "{who_en}: {held} {en} posts filled, {approved} approved",
                "{who_zh}：{zh}领导职数核定 {approved} 名，实配 {held} 名（超职数配备）"
            )
        } else {
            let (o_en, o_zh) = (others.join(", "), others.join("、"));
            text!(
                "{who_en}: {held} {en} posts filled, {approved} approved; also beyond the posts: {o_en}",
                "{who_zh}：{zh}领导职数核定 {approved} 名，实配 {held} 名（超职数配备），超出的还有 {o_zh}"
            )
        };
        let f = Finding::new(org.file, over_span, message)
            .target(g.target.clone())
            .primary(primary)
            .label(org.file, posts_span, posts_label)
            .help(text!(
                "reduce the {en} holders by {excess}, or have more {en} posts approved",
                "减少{zh}人员 {excess} 名，或按程序增核{zh}职数",
                excess = held - approved
            ));
        out.push(f);
    }
}
