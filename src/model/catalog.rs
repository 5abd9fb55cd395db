//! Catalogs of legal terms: each value has an English alias and its Chinese term, and both spellings
//! are accepted in org files. Declaration order is the catalog's order (highest first where the
//! catalog is ranked).

use crate::base::i18n::Lang;

/// Declares a catalog enum with its English and Chinese spellings.
macro_rules! catalog {
    (@word $en:literal) => { std::borrow::Cow::Owned($en.replace('_', " ")) };
    (@word $en:literal, $word:literal) => { std::borrow::Cow::Borrowed($word) };
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $var:ident = ($en:literal, $zh:literal $(, $alias:literal)*) $(as $word:literal)?),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $var),+ }

        impl $name {
            /// Every value, in catalog order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            pub fn en(self) -> &'static str {
                match self { $($name::$var => $en),+ }
            }

            pub fn zh(self) -> &'static str {
                match self { $($name::$var => $zh),+ }
            }

            /// The value in English prose ("deputy section level", "political-legal"), where
            /// `en()` is what a file writes (`deputy_section`): what English messages say.
            pub fn word(self) -> std::borrow::Cow<'static, str> {
                match self { $($name::$var => catalog!(@word $en $(, $word)?)),+ }
            }

            pub fn name(self, lang: Lang) -> &'static str {
                lang.select(self.en(), self.zh())
            }

            /// Reads either spelling (and the few extra aliases people write).
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($en | $zh $(| $alias)* => Some($name::$var),)+
                    _ => None,
                }
            }

            /// Position in the catalog, 0 for the first.
            pub fn index(self) -> usize {
                self as usize
            }

            /// Both spellings of every value, for "expected one of …" messages.
            pub fn accepted() -> Vec<String> {
                Self::ALL.iter().map(|v| format!("{}/{}", v.en(), v.zh())).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.en())
            }
        }
    };
}

catalog! {
    /// Kinds of unit.
    pub enum UnitKind {
        Town = ("town", "镇"),
        Township = ("township", "乡"),
        Subdistrict = ("subdistrict", "街道"),
        County = ("county", "县"),
    }
}

impl UnitKind {
    /// Towns, townships and subdistricts: the units the body, people and powers rules apply to.
    pub fn is_town_level(self) -> bool {
        !matches!(self, UnitKind::County)
    }
}

catalog! {
    /// Whether a file describes the structure in force or a reorganization plan.
    pub enum Status {
        Current = ("current", "现状"),
        Proposal = ("proposal", "方案"),
    }
}

catalog! {
    /// Grades (级别 / 机构规格 / 领导职务层次), highest first.
    pub enum Grade {
        Division = ("division", "正处") as "division level",
        DeputyDivision = ("deputy_division", "副处") as "deputy division level",
        Section = ("section", "正科") as "section level",
        DeputySection = ("deputy_section", "副科") as "deputy section level",
        UnitLevel = ("unit_level", "股级") as "sub-section level",
    }
}

impl Grade {
    /// True when `self` is strictly higher than `other`.
    pub fn above(self, other: Grade) -> bool {
        self.index() < other.index()
    }

    /// The grade one step higher, if any.
    pub fn one_up(self) -> Option<Grade> {
        self.index().checked_sub(1).map(|i| Grade::ALL[i])
    }
}

catalog! {
    /// Civil-service ranks (职级) at county level and below, highest first.
    pub enum Rank {
        Researcher1 = ("researcher_1", "一级调研员") as "Level-1 Researcher",
        Researcher2 = ("researcher_2", "二级调研员") as "Level-2 Researcher",
        Researcher3 = ("researcher_3", "三级调研员") as "Level-3 Researcher",
        Researcher4 = ("researcher_4", "四级调研员") as "Level-4 Researcher",
        PrincipalStaff1 = ("principal_staff_1", "一级主任科员") as "Level-1 Principal Staff Member",
        PrincipalStaff2 = ("principal_staff_2", "二级主任科员") as "Level-2 Principal Staff Member",
        PrincipalStaff3 = ("principal_staff_3", "三级主任科员") as "Level-3 Principal Staff Member",
        PrincipalStaff4 = ("principal_staff_4", "四级主任科员") as "Level-4 Principal Staff Member",
        Staff1 = ("staff_1", "一级科员") as "Level-1 Staff Member",
        Staff2 = ("staff_2", "二级科员") as "Level-2 Staff Member",
        /// The non-leadership titles in use before the 2019 rules took effect (2019-06-01),
        /// accepted for files describing earlier dates; not ordered against the 2019 ranks.
        Researcher = ("researcher", "调研员") as "Researcher",
        DeputyResearcher = ("deputy_researcher", "副调研员") as "Deputy Researcher",
        PrincipalStaff = ("principal_staff", "主任科员") as "Principal Staff Member",
        DeputyPrincipalStaff = ("deputy_principal_staff", "副主任科员") as "Deputy Principal Staff Member",
        Staff = ("staff", "科员") as "Staff Member",
        Clerk = ("clerk", "办事员") as "Clerk",
    }
}

impl Rank {
    /// A rank name of before 2019-06-01 (BZ203 and BZ205 do not check them).
    pub fn is_pre2019(self) -> bool {
        self.index() >= Rank::Researcher.index()
    }

    /// True when `self` is strictly higher than `other`.
    pub fn above(self, other: Rank) -> bool {
        self.index() < other.index()
    }
}

catalog! {
    /// Establishment categories (编制类别).
    pub enum Category {
        Administrative = ("administrative", "行政编制"),
        PoliticalLegal = ("political_legal", "政法专项编制") as "political-legal",
        Institution = ("institution", "事业编制"),
        Worker = ("worker", "机关工勤编制"),
    }
}

catalog! {
    /// The establishment a person occupies: a category, or none (编外).
    pub enum Establishment {
        Administrative = ("administrative", "行政编制"),
        PoliticalLegal = ("political_legal", "政法专项编制") as "political-legal",
        Institution = ("institution", "事业编制"),
        Worker = ("worker", "机关工勤编制"),
        None = ("none", "编外"),
    }
}

impl Establishment {
    pub fn category(self) -> Option<Category> {
        match self {
            Establishment::Administrative => Some(Category::Administrative),
            Establishment::PoliticalLegal => Some(Category::PoliticalLegal),
            Establishment::Institution => Some(Category::Institution),
            Establishment::Worker => Some(Category::Worker),
            Establishment::None => None,
        }
    }

    /// Whether people of this establishment are fiscally funded unless the file says otherwise.
    pub fn funded_by_default(self) -> bool {
        self != Establishment::None
    }
}

impl From<Category> for Establishment {
    fn from(c: Category) -> Self {
        match c {
            Category::Administrative => Establishment::Administrative,
            Category::PoliticalLegal => Establishment::PoliticalLegal,
            Category::Institution => Establishment::Institution,
            Category::Worker => Establishment::Worker,
        }
    }
}

catalog! {
    /// Kinds of body (机构).
    pub enum BodyKind {
        Functional = ("functional", "职能机构"),
        Institution = ("institution", "事业单位"),
        Dispatched = ("dispatched", "派驻机构"),
        PartyMass = ("party_mass", "群团组织") as "party and mass organization",
        Coordination = ("coordination", "议事协调机构"),
    }
}

catalog! {
    /// Front (前台) or back (后台) office of a functional body.
    pub enum Office {
        Back = ("back", "后台"),
        Front = ("front", "前台"),
    }
}

catalog! {
    /// The duty of a front office.
    pub enum Duty {
        Service = ("service", "便民服务"),
        Enforcement = ("enforcement", "综合执法"),
        /// The 一中心 (综合指挥 / 社会治理中心): not a front duty.
        Command = ("command", "综合指挥"),
    }
}

catalog! {
    /// The line a dispatched body belongs to (BZ006): whose station it is.
    pub enum DispatchedLine {
        /// A station of a 市县政府部门 (市场监管所, 司法所 …): the opinions' rule applies in full.
        County = ("county", "县级部门"),
        /// A 市县政府部门 station kept dispatched by central rule (公安派出所).
        Central = ("central", "中央派驻"),
        /// Not a 市县政府部门: 税务, 海关, 调查队 ….
        Vertical = ("vertical", "垂直管理"),
        /// 人民法庭, 检察室.
        Judicial = ("judicial", "司法机关"),
    }
}

catalog! {
    /// Which way establishment moves with its people (带编划转).
    pub enum TransferDirection {
        /// From the county level into this unit.
        In = ("in", "划入"),
        /// From this unit.
        Out = ("out", "划出"),
    }
}

catalog! {
    /// Regions, for the developed-town criteria.
    pub enum Region {
        East = ("east", "东部"),
        Central = ("central", "中部"),
        Northeast = ("northeast", "东北"),
        West = ("west", "西部"),
    }
}

catalog! {
    /// How a development zone is run together with its town.
    pub enum ZoneMode {
        Merged = ("merged", "镇区合一"),
        Separate = ("separate", "分设"),
    }
}

catalog! {
    /// Who leads a dispatched body's annual assessment.
    pub enum Assessor {
        Town = ("town", "镇"),
        County = ("county", "县"),
    }
}

catalog! {
    /// Categories of power in the powers-and-duties list (权责清单).
    pub enum PowerCategory {
        Licensing = ("licensing", "行政许可"),
        Penalty = ("penalty", "行政处罚"),
        Coercion = ("coercion", "行政强制"),
        Inspection = ("inspection", "行政检查"),
        Levy = ("levy", "行政征收"),
        Benefit = ("benefit", "行政给付"),
        Confirmation = ("confirmation", "行政确认"),
        Reward = ("reward", "行政奖励"),
        Adjudication = ("adjudication", "行政裁决"),
        PublicService = ("public_service", "公共服务"),
        Other = ("other", "其他"),
    }
}

impl PowerCategory {
    /// The front office that must handle powers of this category, if any (BZ004).
    pub fn front_duty(self) -> Option<Duty> {
        match self {
            PowerCategory::Licensing
            | PowerCategory::Confirmation
            | PowerCategory::Benefit
            | PowerCategory::PublicService => Some(Duty::Service),
            PowerCategory::Penalty | PowerCategory::Coercion | PowerCategory::Inspection => {
                Some(Duty::Enforcement)
            }
            _ => None,
        }
    }
}

catalog! {
    /// Why a person leaves in a reorganization.
    pub enum DepartureReason {
        Retired = ("retired", "退休"),
        Transferred = ("transferred", "调出"),
        Resigned = ("resigned", "辞职"),
        Other = ("other", "其他"),
    }
}

/// Words people write for a catalog value (a short form, an older or a colloquial term), each with
/// the catalog's Chinese spelling it means. Org files do not accept them: the loader suggests the
/// term instead ("did you mean"), `import` reads them as the term. A word is only suggested for a
/// key whose catalog has the term, so 行政 suggests 行政编制 for an establishment and nothing for a
/// power's category.
pub const SYNONYMS: &[(&str, &str)] = &[
    // Kinds of unit and body.
    ("建制镇", "镇"),
    ("街道办事处", "街道"),
    ("街道办", "街道"),
    ("事业机构", "事业单位"),
    ("事业单位机构", "事业单位"),
    ("职能部门", "职能机构"),
    ("职能科室", "职能机构"),
    ("党政机构", "职能机构"),
    ("群团", "群团组织"),
    ("群团机构", "群团组织"),
    ("议事协调", "议事协调机构"),
    ("派驻单位", "派驻机构"),
    ("现行", "现状"),
    ("改革方案", "方案"),
    // Front-office duties.
    ("综合行政执法", "综合执法"),
    ("行政执法", "综合执法"),
    ("执法", "综合执法"),
    ("政务服务", "便民服务"),
    ("为民服务", "便民服务"),
    ("社会治理", "综合指挥"),
    // Power categories (权责清单): the category without 行政.
    ("许可", "行政许可"),
    ("处罚", "行政处罚"),
    ("强制", "行政强制"),
    ("检查", "行政检查"),
    ("征收", "行政征收"),
    ("给付", "行政给付"),
    ("确认", "行政确认"),
    ("奖励", "行政奖励"),
    ("裁决", "行政裁决"),
    // Establishment categories as real-name systems (实名制) export them.
    ("行政", "行政编制"),
    ("行政编", "行政编制"),
    ("公务员", "行政编制"),
    ("政法", "政法专项编制"),
    ("政法编", "政法专项编制"),
    ("政法编制", "政法专项编制"),
    ("政法专项", "政法专项编制"),
    ("政法专项编", "政法专项编制"),
    ("事业", "事业编制"),
    ("事业编", "事业编制"),
    ("事业人员", "事业编制"),
    ("工勤", "机关工勤编制"),
    ("工勤编", "机关工勤编制"),
    ("工勤编制", "机关工勤编制"),
    ("机关工勤", "机关工勤编制"),
    ("编外人员", "编外"),
    ("无编制", "编外"),
    ("聘用", "编外"),
    ("合同制", "编外"),
    // 参照公务员法管理的事业单位人员: 事业编制 with `cs_managed = true`.
    ("参公", "事业编制"),
    ("参公事业编", "事业编制"),
    ("参公事业编制", "事业编制"),
    ("参照公务员法管理", "事业编制"),
    // Grades as personnel systems write them.
    ("正处级", "正处"),
    ("副处级", "副处"),
    ("正科级", "正科"),
    ("副科级", "副科"),
    ("县处级正职", "正处"),
    ("县处级副职", "副处"),
    ("乡科级正职", "正科"),
    ("乡科级副职", "副科"),
    ("股级干部", "股级"),
    // Languages (the project file's `lang`).
    ("cn", "zh"),
    ("zh-cn", "zh"),
    ("chinese", "zh"),
    ("中文", "zh"),
    ("english", "en"),
    ("英文", "en"),
];

/// The catalog term `word` is a synonym of, when that term is one of `accepted` (spellings, or
/// `en/zh` pairs as [`Grade::accepted`] gives them).
pub fn synonym<S: AsRef<str>>(word: &str, accepted: &[S]) -> Option<&'static str> {
    let word = word.trim();
    let (_, term) = SYNONYMS.iter().find(|(w, _)| *w == word)?;
    accepted
        .iter()
        .any(|a| a.as_ref().split('/').any(|s| s == *term))
        .then_some(*term)
}

/// Whether `word` says 参公 (an institution person managed under the Civil Servant Law).
pub fn says_cs_managed(word: &str) -> bool {
    matches!(
        word.trim(),
        "参公" | "参公事业编" | "参公事业编制" | "参照公务员法管理"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_parse_to_the_same_value() {
        for g in Grade::ALL {
            assert_eq!(Grade::parse(g.en()), Some(*g));
            assert_eq!(Grade::parse(g.zh()), Some(*g));
        }
        assert_eq!(BodyKind::parse("职能机构"), Some(BodyKind::Functional));
        assert_eq!(Establishment::parse("编外"), Some(Establishment::None));
        assert_eq!(Grade::parse("正厅"), None);
    }

    #[test]
    fn synonyms_name_terms_of_the_catalog_they_are_asked_for() {
        assert_eq!(synonym("副科级", &Grade::accepted()), Some("副科"));
        assert_eq!(synonym("事业机构", &BodyKind::accepted()), Some("事业单位"));
        assert_eq!(
            synonym("行政", &Establishment::accepted()),
            Some("行政编制")
        );
        assert_eq!(synonym("行政", &PowerCategory::accepted()), None);
        assert_eq!(
            synonym("许可", &PowerCategory::accepted()),
            Some("行政许可")
        );
        // Every synonym names a term of some catalog.
        let all: Vec<String> = [
            UnitKind::accepted(),
            Status::accepted(),
            Grade::accepted(),
            BodyKind::accepted(),
            Duty::accepted(),
            PowerCategory::accepted(),
            Establishment::accepted(),
            vec!["zh".to_string(), "en".to_string()],
        ]
        .concat();
        for (word, _) in SYNONYMS {
            assert!(synonym(word, &all).is_some(), "{word}");
        }
    }

    #[test]
    fn grades_and_ranks_are_ordered_highest_first() {
        assert!(Grade::Section.above(Grade::DeputySection));
        assert!(!Grade::UnitLevel.above(Grade::UnitLevel));
        assert_eq!(Grade::Section.one_up(), Some(Grade::DeputyDivision));
        assert_eq!(Grade::Division.one_up(), None);
        assert!(Rank::Researcher2.above(Rank::Researcher3));
        assert!(Rank::Clerk.is_pre2019() && Rank::Researcher.is_pre2019());
        assert!(!Rank::Staff2.is_pre2019());
        assert_eq!(Rank::parse("副主任科员"), Some(Rank::DeputyPrincipalStaff));
    }
}
