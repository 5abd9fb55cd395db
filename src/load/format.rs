//! The org file's tables (FORMAT.md), declared once: `org.rs` reads them, `crate::schema` describes
//! them. Keys are in the order of FORMAT.md, which is the order of the schema's properties.

use super::decl::{d, opt, req, unless, Catalog, Counts, Doc, Table, Ty, U32};
use crate::model::catalog::*;

/// A catalog of the model, under its type name, with both spellings of every value.
macro_rules! catalog {
    ($static:ident, $t:ident, $en:literal, $zh:literal) => {
        pub static $static: Catalog = Catalog {
            name: stringify!($t),
            doc: d($en, $zh),
            values: || $t::ALL.iter().flat_map(|v| [v.en(), v.zh()]).collect(),
        };
    };
}

catalog!(
    UNIT_KIND,
    UnitKind,
    "Kind of unit: town/镇, township/乡, subdistrict/街道, county/县.",
    "单位类型：镇、乡、街道、县。"
);
catalog!(
    STATUS,
    Status,
    "current/现状 (default) or proposal/方案 (a reorganization plan).",
    "现状（默认）或方案（机构改革方案）。"
);
catalog!(
    GRADE,
    Grade,
    "Grade (机构规格 / 领导职务层次), highest first.",
    "机构规格或领导职务层次，由高到低。"
);
catalog!(
    RANK,
    Rank,
    "Civil-service rank (职级), highest first.",
    "公务员职级，由高到低。"
);
catalog!(
    REGION,
    Region,
    "Region, for the developed-town criteria.",
    "所在地区，用于经济发达镇认定标准。"
);
catalog!(
    ZONE_MODE,
    ZoneMode,
    "merged (镇区合一: one leadership, two names) or separate.",
    "镇区合一（一套班子、两块牌子）或分设。"
);
catalog!(BODY_KIND, BodyKind, "Kind of body (机构).", "机构类型。");
catalog!(
    OFFICE,
    Office,
    "back/后台 (default) or front/前台; functional bodies only.",
    "后台（默认）或前台；仅用于职能机构。"
);
catalog!(
    DUTY,
    Duty,
    "service/便民服务 or enforcement/综合执法: front bodies only, required there; command/综合指挥: the 一中心, on a body that is not front and not dispatched.",
    "便民服务或综合执法：仅用于前台机构，且前台机构必填；综合指挥：“一中心”，用于非前台、非派驻的机构。"
);
catalog!(
    DISPATCHED_LINE,
    DispatchedLine,
    "Whose station a dispatched body is: county/县级部门 (a 市县政府部门 station), central/中央派驻 (公安派出所), vertical/垂直管理 (税务, 海关, 调查队), judicial/司法机关 (人民法庭, 检察室).",
    "派驻机构的派出方：县级部门（市县政府部门派驻）、中央派驻（公安派出所）、垂直管理（税务、海关、调查队）、司法机关（人民法庭、检察室）。"
);
catalog!(
    TRANSFER_DIRECTION,
    TransferDirection,
    "in/划入: into this unit, from the county level or another town-level unit of the county; out/划出: from this unit.",
    "划入：由县级或本县其他乡镇（街道）划入本单位；划出：由本单位划出。"
);
catalog!(
    CATEGORY,
    Category,
    "Establishment category (编制类别).",
    "编制类别。"
);
catalog!(
    ASSESSOR,
    Assessor,
    "Who leads the dispatched body's annual assessment.",
    "派驻机构年度考核由谁主导。"
);
catalog!(
    ESTABLISHMENT,
    Establishment,
    "The establishment a person occupies, or none/编外.",
    "人员占用的编制，或编外。"
);
catalog!(
    POWER_CATEGORY,
    PowerCategory,
    "Category of power (权力类别).",
    "权力类别。"
);
catalog!(
    DEPARTURE_REASON,
    DepartureReason,
    "Why a person leaves in a reorganization.",
    "人员在机构改革中离开的原因。"
);

fn spellings<T: Copy>(
    all: &[T],
    en: fn(T) -> &'static str,
    zh: fn(T) -> &'static str,
) -> Vec<&'static str> {
    all.iter().flat_map(|v| [en(*v), zh(*v)]).collect()
}

pub static CATEGORY_COUNTS: Counts = Counts {
    name: "CategoryCounts",
    doc: Doc {
        en: "Establishment per category: non-negative counts; a missing category is 0.",
        zh: "各类别的编制数：非负整数；未写的类别为 0。",
    },
    keys: || spellings(Category::ALL, Category::en, Category::zh),
    extra: None,
};

pub static GRADE_COUNTS: Counts = Counts {
    name: "GradeCounts",
    doc: Doc {
        en: "Approved leadership posts (领导职数) per grade, e.g. { \"正科\" = 3, \"副科\" = 10 }.",
        zh: "各层次核定的领导职数，例如 { \"正科\" = 3, \"副科\" = 10 }。",
    },
    keys: || spellings(Grade::ALL, Grade::en, Grade::zh),
    extra: None,
};

pub static STAFF_COUNTS: Counts = Counts {
    name: "StaffCounts",
    doc: Doc {
        en: "Actual headcount per category; `none` counts people outside the establishment.",
        zh: "各类别的实有人数；`none`（编外）为编制外人员。",
    },
    keys: || spellings(Establishment::ALL, Establishment::en, Establishment::zh),
    extra: None,
};

pub static UNIT_QUOTA: Counts = Counts {
    name: "UnitQuota",
    doc: Doc {
        en: "Approved establishment (核定编制) of the unit per category; for a county, the establishment limit its towns share. `posts`: the leadership team's approved posts.",
        zh: "单位各类别的核定编制；县为其所辖乡镇共用的编制总额。`posts`：领导班子的核定职数。",
    },
    keys: || spellings(Category::ALL, Category::en, Category::zh),
    extra: Some(("posts", &GRADE_COUNTS)),
};

/// The document root.
pub static ORG_FILE: Table = Table {
    name: "bianzhi org file",
    doc: Doc {
        en: "An org file: one unit (town, township, subdistrict or county) at one date.",
        zh: "组织文件：一个单位（镇、乡、街道或县）在某一日期的情况。",
    },
    keys: &[
        req("unit", Ty::Table(&UNIT), None),
        opt("quota", Ty::Counts(&UNIT_QUOTA), None),
        opt(
            "body",
            Ty::Tables(&BODY),
            d("Bodies (机构) of the unit.", "单位的机构。"),
        ),
        opt(
            "person",
            Ty::Tables(&PERSON),
            d("The real-name roster (实名制).", "实名制人员名册。"),
        ),
        opt(
            "power",
            Ty::Tables(&POWER),
            d("The powers-and-duties list (权责清单).", "权责清单。"),
        ),
        opt(
            "departure",
            Ty::Tables(&DEPARTURE),
            d(
                "In a proposal: people of the baseline roster who leave.",
                "方案中：现状名册中离开的人员。",
            ),
        ),
        opt(
            "exception",
            Ty::Tables(&EXCEPTION),
            d(
                "Approved exceptions to one rule each.",
                "经批准的例外，每项针对一条规则。",
            ),
        ),
        opt(
            "transfer",
            Ty::Tables(&TRANSFER),
            d(
                "Establishment moved with its people (带编划转).",
                "带编划转。",
            ),
        ),
        opt(
            "abolition",
            Ty::Tables(&ABOLITION),
            d(
                "In a proposal or a later snapshot: bodies of the baseline that are abolished (撤销).",
                "方案或其后的快照中：被撤销的现状机构。",
            ),
        ),
    ],
};

/// Top-level keys that make a file an org file even without `[unit]`: all but `unit`.
pub fn org_keys() -> impl Iterator<Item = &'static str> {
    ORG_FILE.names().filter(|k| *k != "unit")
}

pub static UNIT: Table = Table {
    name: "Unit",
    doc: Doc {
        en: "The unit this file describes.",
        zh: "本文件描述的单位。",
    },
    keys: &[
        req(
            "id",
            Ty::Id,
            d(
                "Stable id of the unit, unique in the repository.",
                "单位的稳定标识，在仓库中唯一。",
            ),
        ),
        req("name", Ty::String, d("E.g. \"盛泽镇\".", "例如“盛泽镇”。")),
        req("kind", Ty::Choice(&UNIT_KIND), None),
        req(
            "as_of",
            Ty::Date,
            d(
                "The date this file describes; orders snapshots of the same id.",
                "本文件描述的日期；同一单位的各个快照按此排序。",
            ),
        ),
        opt("status", Ty::Choice(&STATUS), None),
        opt(
            "parent",
            Ty::String,
            d("The county this unit belongs to.", "单位所属的县。"),
        ),
        opt(
            "grade",
            Ty::Choice(&GRADE),
            d(
                "The unit's own grade; default 正科 for town/township/subdistrict, 正处 for county.",
                "单位自身的规格；镇、乡、街道默认正科，县默认正处。",
            ),
        ),
        opt("region", Ty::Choice(&REGION), None),
        opt(
            "developed_town",
            Ty::Bool,
            d(
                "Listed as an economically developed town (经济发达镇).",
                "列入经济发达镇名单。",
            ),
        ),
        opt("zone", Ty::Table(&ZONE), None),
        opt("stats", Ty::Table(&STATS), None),
        opt("listed", Ty::Table(&LISTED), None),
        opt(
            "devolved_by",
            Ty::Table(&APPROVAL),
            d(
                "The decision that gave the unit its devolved powers (赋权决定).",
                "赋予单位下放权力的决定（赋权决定）。",
            ),
        ),
        opt("service_network", Ty::Table(&SERVICE_NETWORK), None),
    ],
};

pub static ZONE: Table = Table {
    name: "Zone",
    doc: Doc {
        en: "A development zone run together with the town.",
        zh: "与镇统筹管理的开发区。",
    },
    keys: &[
        opt("name", Ty::String, None),
        opt("mode", Ty::Choice(&ZONE_MODE), None),
        opt(
            "quota",
            Ty::Counts(&CATEGORY_COUNTS),
            d(
                "A separate zone's own establishment (a merged zone may not have one).",
                "分设的开发区自身的编制（镇区合一的可以没有）。",
            ),
        ),
        opt(
            "posts",
            Ty::Counts(&GRADE_COUNTS),
            d(
                "A separate zone's own leadership posts (a merged zone may not have them).",
                "分设的开发区自身的领导职数（镇区合一的可以没有）。",
            ),
        ),
    ],
};

pub static STATS: Table = Table {
    name: "Stats",
    doc: Doc {
        en: "Figures for the developed-town criteria.",
        zh: "经济发达镇认定标准所需的数据。",
    },
    keys: &[
        opt(
            "built_up_population",
            Ty::Int { bits: 64, min: 0 },
            d("建成区常住人口, persons.", "建成区常住人口，人。"),
        ),
        opt(
            "top10_years",
            U32,
            d(
                "Consecutive years, up to now, in the province's top 10% of towns.",
                "截至目前连续位列全省乡镇前 10% 的年数。",
            ),
        ),
        opt(
            "fiscal_revenue",
            Ty::Number,
            d("一般公共预算收入, 万元.", "一般公共预算收入，万元。"),
        ),
    ],
};

pub static LISTED: Table = Table {
    name: "Listed",
    doc: Doc {
        en: "The listing that makes the unit a developed town.",
        zh: "使单位成为经济发达镇的名单。",
    },
    keys: &[
        opt(
            "doc",
            Ty::String,
            d(
                "The document by which 省委、省政府 published the list.",
                "省委、省政府公布名单的文件。",
            ),
        ),
        opt(
            "batch",
            U32,
            d(
                "The batch (the 2017 pilot towns are batch 1).",
                "批次（2017 年试点镇为第 1 批）。",
            ),
        ),
        opt("date", Ty::Date, None),
    ],
};

pub static SERVICE_NETWORK: Table = Table {
    name: "ServiceNetwork",
    doc: Doc {
        en: "The 镇村(社区) two-level service network.",
        zh: "镇村（社区）两级便民服务网络。",
    },
    keys: &[
        opt(
            "villages",
            U32,
            d(
                "村民委员会 and 居民委员会 in the unit.",
                "单位内的村民委员会和居民委员会数。",
            ),
        ),
        opt(
            "stations",
            U32,
            d(
                "村(社区)便民服务站 linked with the front service body.",
                "与前台便民服务机构联通的村（社区）便民服务站数。",
            ),
        ),
    ],
};

pub static APPROVAL: Table = Table {
    name: "Approval",
    doc: Doc {
        en: "Who approved setting the body up.",
        zh: "批准设立的机关和文件。",
    },
    keys: &[
        opt(
            "by",
            Ty::String,
            d("The approving authority.", "批准机关。"),
        ),
        opt("doc", Ty::String, d("The document number.", "文号。")),
        opt("date", Ty::Date, None),
    ],
};

pub static BODY: Table = Table {
    name: "Body",
    doc: Doc {
        en: "A body (机构) of the unit.",
        zh: "单位的一个机构。",
    },
    keys: &[
        req(
            "id",
            Ty::Id,
            d("Unique within the file.", "在本文件中唯一。"),
        ),
        req(
            "name",
            Ty::String,
            d("E.g. \"经济发展局\".", "例如“经济发展局”。"),
        ),
        opt(
            "aliases",
            Ty::Strings,
            d(
                "Other names the body carries: 挂牌 names, short names.",
                "机构的其他名称：挂牌名称、简称。",
            ),
        ),
        req("kind", Ty::Choice(&BODY_KIND), None),
        opt("office", Ty::Choice(&OFFICE), None),
        opt("duty", Ty::Choice(&DUTY), None),
        opt(
            "grade",
            Ty::Choice(&GRADE),
            d(
                "The body's own grade (机构规格); default 股级 directly under the unit.",
                "机构规格；直属单位的机构默认股级。",
            ),
        ),
        opt(
            "parent",
            Ty::String,
            d(
                "A sub-body (内设机构) of this body.",
                "本机构是该机构的内设机构。",
            ),
        ),
        opt(
            "attached_to",
            Ty::String,
            d(
                "Institution bodies: the functional body it is integrated with (合署办公).",
                "事业单位：与之合署办公的职能机构。",
            ),
        ),
        opt("approval", Ty::Table(&APPROVAL), None),
        opt(
            "quota",
            Ty::Counts(&CATEGORY_COUNTS),
            d("Establishment allocated to the body.", "分配给机构的编制。"),
        ),
        opt(
            "posts",
            Ty::Counts(&GRADE_COUNTS),
            d(
                "Leadership posts approved for the body.",
                "机构的核定领导职数。",
            ),
        ),
        opt(
            "staff",
            Ty::Counts(&STAFF_COUNTS),
            d(
                "Actual headcount, for a body without roster entries.",
                "实有人数，用于名册中没有人员的机构。",
            ),
        ),
        opt(
            "merged_from",
            Ty::Strings,
            d(
                "In a proposal: bodies of the baseline this body continues.",
                "方案中：本机构承继的现状机构。",
            ),
        ),
        opt("dispatched", Ty::Table(&DISPATCHED), None),
    ],
};

pub static DISPATCHED: Table = Table {
    name: "Dispatched",
    doc: Doc {
        en: "A dispatched body's arrangements.",
        zh: "派驻机构的管理安排。",
    },
    keys: &[
        opt(
            "by",
            Ty::String,
            d("The county department.", "派出的县级部门。"),
        ),
        opt(
            "localized",
            Ty::Bool,
            d("Put under the town's management.", "实行属地管理。"),
        ),
        opt("assessment", Ty::Choice(&ASSESSOR), None),
        opt(
            "appointment_consultation",
            Ty::Bool,
            d(
                "The town is consulted before appointments.",
                "任免前征求乡镇意见。",
            ),
        ),
        opt("line", Ty::Choice(&DISPATCHED_LINE), None),
    ],
};

pub static PERSON: Table = Table {
    name: "Person",
    doc: Doc {
        en: "A person of the roster.",
        zh: "名册中的一名人员。",
    },
    keys: &[
        req(
            "id",
            Ty::String,
            d(
                "Unique within the file (an employee number).",
                "在本文件中唯一（如人员编号）。",
            ),
        ),
        opt(
            "name",
            Ty::String,
            d("Optional; personal data.", "可不填；属个人信息。"),
        ),
        req(
            "body",
            Ty::String,
            d(
                "A body id, or the unit id for the leadership team.",
                "机构标识；领导班子成员填单位标识。",
            ),
        ),
        req("establishment", Ty::Choice(&ESTABLISHMENT), None),
        opt(
            "fiscally_funded",
            Ty::Bool,
            d(
                "Default: true for a category, false for none.",
                "默认：有编制为 true，编外为 false。",
            ),
        ),
        opt(
            "title",
            Ty::String,
            d(
                "Post title (职务名称), e.g. \"副镇长\".",
                "职务名称，例如“副镇长”。",
            ),
        ),
        opt(
            "grade",
            Ty::Choice(&GRADE),
            d(
                "Leadership grade held (领导职务层次). 股级 is a body grade, not a leadership grade: a person graded 股级 holds none, as when `grade` is left out.",
                "担任的领导职务层次。股级是机构规格而非领导职务层次：填“股级”与不填相同，视为无领导职务层次。",
            ),
        ),
        opt("rank", Ty::Choice(&RANK), None),
        opt(
            "enforcement_certified",
            Ty::Bool,
            d(
                "Holds an administrative law-enforcement certificate.",
                "持有行政执法证件。",
            ),
        ),
        opt(
            "upper_post",
            Ty::String,
            d(
                "A principal promoted into the county leadership who keeps this post.",
                "进入县级领导班子后仍兼任本职的主要负责人。",
            ),
        ),
        opt(
            "concurrent",
            Ty::Strings,
            d(
                "Other titles held at the same time (兼任).",
                "同时兼任的其他职务。",
            ),
        ),
        opt(
            "seconded",
            Ty::Bool,
            d(
                "挂职: holds the title without taking a post; the grade is not compared with it. A title part ending in （挂职） means the same for that part.",
                "挂职：担任该职务但不占领导职数，其层次不与该职务比较。职务名称以“（挂职）”结尾的，该项职务同此。",
            ),
        ),
        opt(
            "cs_managed",
            Ty::Bool,
            d(
                "An institution person managed under the Civil Servant Law (参公).",
                "参照公务员法管理的事业编制人员（参公）。",
            ),
        ),
    ],
};

pub static POWER: Table = Table {
    name: "Power",
    doc: Doc {
        en: "A power of the powers-and-duties list.",
        zh: "权责清单中的一项权力。",
    },
    keys: &[
        req(
            "code",
            Ty::String,
            d(
                "The catalog code, unique within the file.",
                "事项编码，在本文件中唯一。",
            ),
        ),
        opt("name", Ty::String, None),
        req("category", Ty::Choice(&POWER_CATEGORY), None),
        opt(
            "handled_by",
            Ty::String,
            d("The body that handles it.", "承办机构。"),
        ),
        opt(
            "supported_by",
            Ty::Strings,
            d(
                "Back bodies that support the handler internally (后台支撑); not handlers.",
                "为承办机构提供后台支撑的机构，不是承办机构。",
            ),
        ),
        opt(
            "holder",
            Ty::String,
            d(
                "Who exercises it in law (实施主体); default the unit itself.",
                "实施主体；默认为单位本身。",
            ),
        ),
        opt(
            "from",
            Ty::String,
            d(
                "The county department it was devolved from.",
                "下放该权力的县级部门。",
            ),
        ),
        opt(
            "devolved_by",
            Ty::Table(&APPROVAL),
            d(
                "The decision that gave the power to the unit (赋权决定).",
                "将该权力赋予单位的决定（赋权决定）。",
            ),
        ),
        opt("legal_basis", Ty::String, None),
        opt(
            "responsibilities",
            Ty::Strings,
            d("Duties and accountability items (责任事项).", "责任事项。"),
        ),
        opt(
            "published",
            Ty::Bool,
            d(
                "In the catalog published to the public.",
                "已列入向社会公布的目录。",
            ),
        ),
        opt(
            "support",
            Ty::Strings,
            d("What the source department provides.", "原部门提供的支持。"),
        ),
        opt(
            "funding",
            Ty::String,
            d(
                "How the devolved duty is funded.",
                "下放事项的经费保障方式。",
            ),
        ),
    ],
};

pub static DEPARTURE: Table = Table {
    name: "Departure",
    doc: Doc {
        en: "A person of the baseline roster who leaves.",
        zh: "现状名册中离开的人员。",
    },
    keys: &[
        req(
            "person",
            Ty::String,
            d("An id of the baseline roster.", "现状名册中的人员标识。"),
        ),
        opt("reason", Ty::Choice(&DEPARTURE_REASON), None),
    ],
};

pub static EXCEPTION: Table = Table {
    name: "Exception",
    doc: Doc {
        en: "An approved exception to one rule.",
        zh: "经批准的对一条规则的例外。",
    },
    keys: &[
        req(
            "rule",
            Ty::String,
            d("The rule's code or name.", "规则的代码或名称。"),
        ),
        opt(
            "target",
            Ty::String,
            d(
                "Id of a body, person or power (or kind:id).",
                "机构、人员或权力事项的标识（或 类型:标识）。",
            ),
        ),
        opt(
            "approval",
            Ty::String,
            d(
                "The approving document number (required for the exception to apply).",
                "批准文号（例外须有此项才生效）。",
            ),
        ),
        opt("reason", Ty::String, None),
        opt("expires", Ty::Date, None),
    ],
};

pub static TRANSFER: Table = Table {
    name: "Transfer",
    doc: Doc {
        en: "Establishment moved with its people (带编划转).",
        zh: "带编划转。",
    },
    keys: &[
        req("direction", Ty::Choice(&TRANSFER_DIRECTION), None),
        req(
            "body",
            Ty::String,
            d(
                "The body of this unit that receives (in) or gives (out), or the unit id; for `out` with `whole_body = true`, a body of the baseline that left whole (整建制上划), absent from this file.",
                "本单位划入或划出的机构，或单位标识；划出且 `whole_body = true` 时，为整建制划出、已不在本文件中的现状机构。",
            ),
        ),
        opt(
            "counterpart",
            Ty::String,
            d(
                "The body or unit on the other side, e.g. \"吴江区城市管理局\", or another town, \"西来桥镇\".",
                "另一方的机构或单位，例如“吴江区城市管理局”，或本县其他乡镇，例如“西来桥镇”。",
            ),
        ),
        req("category", Ty::Choice(&CATEGORY), None),
        req(
            "count",
            Ty::Int { bits: 32, min: 1 },
            d(
                "Establishment moved (at least 1).",
                "划转的编制数（至少为 1）。",
            ),
        ),
        opt(
            "persons",
            Ty::Strings,
            d(
                "The people who moved with it: ids of this file's roster for `in`, of the baseline's roster for `out`.",
                "随编制划转的人员：划入的为本文件名册中的人员标识，划出的为现状名册中的人员标识。",
            ),
        ),
        opt(
            "whole_body",
            Ty::Bool,
            d(
                "True when the body itself moved: `in`, a 派驻机构 put under the town; `out`, a body of the baseline that left whole (整建制上划).",
                "机构整体划转时为 true：划入的，如派驻机构下放乡镇；划出的，为整建制上划的现状机构。",
            ),
        ),
        opt(
            "above",
            Ty::Table(&ABOVE),
            d(
                "The approval above the deciding authority where the law requires one: moving 行政编制 between levels needs the central 编制 authority (State Council Decree 486, art. 18).",
                "法律要求的上级审批：在不同层级之间调配使用行政编制，须经国务院机构编制管理机关审批（国务院令第486号第十八条）。",
            ),
        ),
        opt(
            "by",
            Ty::String,
            d("The approving authority.", "批准机关。"),
        ),
        req(
            "doc",
            Ty::String,
            d("The approving document number.", "批准文号。"),
        ),
        req("date", Ty::Date, None),
    ],
};

pub static ABOVE: Table = Table {
    name: "Above",
    doc: Doc {
        en: "The approval above the deciding authority.",
        zh: "上级审批。",
    },
    keys: &[
        req(
            "by",
            Ty::String,
            d(
                "The approving authority, e.g. \"中央机构编制委员会办公室\".",
                "审批机关，例如“中央机构编制委员会办公室”。",
            ),
        ),
        opt("doc", Ty::String, d("The document number.", "文号。")),
        opt("date", Ty::Date, None),
    ],
};

pub static ABOLITION: Table = Table {
    name: "Abolition",
    doc: Doc {
        en: "A body of the baseline that is abolished (撤销); `reason` is required where there is no `doc`.",
        zh: "被撤销的现状机构；没有 `doc` 的，须写明 `reason`。",
    },
    keys: &[
        req(
            "body",
            Ty::String,
            d("The body's id in the baseline.", "该机构在现状中的标识。"),
        ),
        opt(
            "doc",
            Ty::String,
            d(
                "The decision's document number, once made.",
                "撤销决定的文号（已作出决定的）。",
            ),
        ),
        unless(
            "reason",
            "doc",
            Ty::String,
            d(
                "Why it is abolished (required where there is no `doc`), e.g. \"职责并入规划建设局\".",
                "撤销理由（没有 `doc` 的必填），例如“职责并入规划建设局”。",
            ),
        ),
        opt(
            "by",
            Ty::String,
            d("The deciding authority.", "决定机关。"),
        ),
        opt("date", Ty::Date, None),
    ],
};

/// Every table of the org file, for tests that walk the declarations.
#[cfg(test)]
pub fn all_tables() -> Vec<&'static Table> {
    fn walk(t: &'static Table, out: &mut Vec<&'static Table>) {
        if out.iter().any(|x| std::ptr::eq(*x, t)) {
            return;
        }
        out.push(t);
        for k in t.keys {
            if let Ty::Table(s) | Ty::Tables(s) = &k.ty {
                walk(s, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&ORG_FILE, &mut out);
    out
}
