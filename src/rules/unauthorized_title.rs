use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::finding::{Finding, Target};
use crate::model::Grade;
use crate::rules::{FileCx, RuleImpl, RuleMeta};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// A person's `title` (where given) is in the pack's `titles` catalog, and the grade the catalog
    /// gives for that title is the grade the person holds (`"none"` in the catalog: a title held
    /// without a leadership grade). For a person with `upper_post`, only the title is checked; their
    /// grade is BZ202's.
    ///
    /// ## Why
    /// Seed 二(四)2: 严禁……擅自设置职务名称 — titles may not be invented; every post title and the grade
    /// it carries is set by the approved establishment plan.
    ///
    /// ## Example
    /// ```toml
    /// [[person]]
    /// id = "SZ0031"
    /// body = "economy"
    /// establishment = "administrative"
    /// title = "主任助理"      # not in the catalog
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [[person]]
    /// id = "SZ0031"
    /// body = "economy"
    /// establishment = "administrative"
    /// title = "副局长"
    /// grade = "股级"          # the grade the catalog gives for 副局长
    /// ```
    ///
    /// ## Parameters
    /// - `titles` (table title → grade or `"none"`): the approved titles and the grade each carries.
    ///   The default is a general town catalog; the `jiangsu-2017` pack gives its own.
    ///
    /// ## 检查内容
    /// 人员的职务名称须在规则包 `titles` 目录之内，且目录规定的层次与其所任职务层次一致（`"none"`
    /// 表示不带领导职务层次的称谓）。设有 `upper_post` 的人员只查职务名称，层次由 BZ202 检查。
    ///
    /// ## 依据
    /// 《意见》二(四)2：严禁擅自设置职务名称。
    pub struct UnauthorizedTitle {
        code: "BZ204",
        name: "unauthorized-title",
        level: Error,
        cite: ("苏发达镇意见 二(四)2；干部任用条例", "Jiangsu DT Opinions 2017, II(4).2; Cadre Selection Regulations"),
        scope: Town,
    }
}

/// The grade a title carries: a leadership grade, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleGrade {
    Grade(Grade),
    None,
}

impl TitleGrade {
    pub fn grade(self) -> Option<Grade> {
        match self {
            TitleGrade::Grade(g) => Some(g),
            TitleGrade::None => None,
        }
    }
}

/// The approved titles (职务名称) and the grade each carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleCatalog(pub BTreeMap<String, TitleGrade>);

impl TitleCatalog {
    pub fn get(&self, title: &str) -> Option<TitleGrade> {
        self.0.get(title).copied()
    }
}

impl Serialize for TitleCatalog {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| {
            let g = match v {
                TitleGrade::Grade(g) => g.zh(),
                TitleGrade::None => "none",
            };
            (k, g)
        }))
    }
}

impl<'de> Deserialize<'de> for TitleCatalog {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<String, String>::deserialize(d)?;
        let mut out = BTreeMap::new();
        for (title, grade) in raw {
            let g = match grade.as_str() {
                "none" | "无" => TitleGrade::None,
                other => TitleGrade::Grade(Grade::parse(other).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown grade `{other}` for title `{title}`; expected one of {} or none",
                        Grade::accepted().join(", ")
                    ))
                })?),
            };
            out.insert(title, g);
        }
        Ok(TitleCatalog(out))
    }
}

fn default_titles() -> TitleCatalog {
    use Grade::*;
    let g = TitleGrade::Grade;
    let entries = [
        ("党委书记", g(Section)),
        ("镇长", g(Section)),
        ("乡长", g(Section)),
        ("主任", g(DeputySection)),
        ("党委副书记", g(DeputySection)),
        ("副镇长", g(DeputySection)),
        ("副乡长", g(DeputySection)),
        ("副主任", g(UnitLevel)),
        ("人大主席", g(Section)),
        ("人大副主席", g(DeputySection)),
        ("纪委书记", g(DeputySection)),
        ("武装部长", g(DeputySection)),
        ("党委委员", g(DeputySection)),
        ("局长", g(DeputySection)),
        ("副局长", g(UnitLevel)),
        ("科长", g(UnitLevel)),
        ("所长", g(DeputySection)),
        ("科员", TitleGrade::None),
        ("办事员", TitleGrade::None),
    ];
    TitleCatalog(
        entries
            .into_iter()
            .map(|(t, g)| (t.to_string(), g))
            .collect(),
    )
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub titles: TitleCatalog,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            titles: default_titles(),
        }
    }
}

fn grade_name(g: Option<Grade>) -> (&'static str, &'static str) {
    match g {
        Some(g) => (g.en(), g.zh()),
        None => ("no leadership grade", "无领导职务层次"),
    }
}

impl RuleImpl for UnauthorizedTitle {
    type Params = Params;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(params: &Params, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        for p in &cx.org.persons {
            let Some(title) = &p.title else { continue };
            let who = cx.who(p);
            let t = &title.value;
            let Some(expected) = params.titles.get(t) else {
                out.push(
                    Finding::new(
                        cx.org.file,
                        title.span,
                        text!(
                            "person {who}: title `{t}` is not in the approved titles catalog",
                            "人员 {who}：职务名称“{t}”不在核定的职务名称目录中"
                        ),
                    )
                    .target(Target::person(&p.id.value))
                    .primary(text!("not an approved title", "非核定职务名称"))
                    .help(text!(
                        "use an approved title, or have the title approved and added to the pack's `titles`",
                        "改用核定的职务名称，或经批准后将其加入规则包的 `titles`"
                    )),
                );
                continue;
            };
            if p.upper_post.is_some() {
                continue;
            }
            let held = p.grade.as_ref().map(|g| g.value);
            if held == expected.grade() {
                continue;
            }
            let (held_en, held_zh) = grade_name(held);
            let (exp_en, exp_zh) = grade_name(expected.grade());
            let help = match expected.grade() {
                Some(_) => text!(
                    "set `grade` to {exp_en}, or give the person the title that matches their grade",
                    "将 `grade` 改为{exp_zh}，或改任与其层次相符的职务"
                ),
                None => text!(
                    "remove `grade`: `{t}` is held without a leadership grade; or give the person the title that matches their grade",
                    "删除 `grade`：“{t}”不带领导职务层次；或改任与其层次相符的职务"
                ),
            };
            let message = text!(
                "person {who}: title `{t}` carries {exp_en}, but the person holds {held_en}",
                "人员 {who}：职务“{t}”对应{exp_zh}，但其所任层次为{held_zh}"
            );
            let file = cx.org.file;
            let f = match &p.grade {
                // The grade written is the offending value; the title is what it is compared with.
                Some(g) => Finding::new(file, g.span, message)
                    .primary(text!("holds {held_en}", "所任层次为{held_zh}"))
                    .label(
                        file,
                        title.span,
                        text!("`{t}` carries {exp_en}", "“{t}”对应{exp_zh}"),
                    ),
                // No grade written: the title alone shows the problem, and one span is enough.
                None => Finding::new(file, title.span, message).primary(text!(
                    "`{t}` carries {exp_en}; no `grade` written",
                    "“{t}”对应{exp_zh}；未填写 `grade`"
                )),
            };
            out.push(f.target(Target::person(&p.id.value)).help(help));
        }
    }
}
