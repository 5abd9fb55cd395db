use crate::base::diag::{Finding, Target};
use crate::rules::{FileCx, NoParams, RuleImpl};
use crate::text;

declare_rule! {
    /// ## What it checks
    /// Where the unit gives its service network (`[unit.service_network]`), the village and
    /// community service stations linked with its front service body (`stations`) are at least as
    /// many as its villages and communities (`villages`: 村民委员会 and 居民委员会). A file without
    /// the table, or without one of the two figures, is not checked.
    ///
    /// The rule is one of the Jiangsu opinions' own: it applies to a `town` with
    /// `developed_town = true`.
    ///
    /// ## Why
    /// The Jiangsu opinions (中共江苏省委办公厅, 2017-08-25,
    /// 《关于深化经济发达镇行政管理体制改革工作的意见》), II(3).2: “建立镇村(社区)两级联动的便民
    /// 服务网络” — a service network on two levels, the town and its villages and communities,
    /// working together. Reading "two levels" as a station in every village and community follows
    /// Jiangsu practice.
    ///
    /// ## Example
    /// ```toml
    /// [unit.service_network]
    /// villages = 25
    /// stations = 19            # six villages without a station
    /// ```
    ///
    /// ## Passing example
    /// ```toml
    /// [unit.service_network]
    /// villages = 25
    /// stations = 25
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## 检查内容
    /// 写有 `[unit.service_network]` 的，与前台便民服务机构联动的村（社区）便民服务站数 `stations`
    /// 不少于村民委员会和居民委员会数 `villages`。未写该表或缺少其中一个数字的，不检查。
    ///
    /// 本条出自江苏省经济发达镇改革意见，只适用于 `developed_town = true` 的镇。
    ///
    /// ## 依据
    /// 中共江苏省委办公厅《关于深化经济发达镇行政管理体制改革工作的意见》（2017-08-25）二(三)2：
    /// “建立镇村(社区)两级联动的便民服务网络”。“两级”理解为每个村（社区）设一个服务站，系江苏的
    /// 做法。
    pub struct ServiceNetwork {
        code: "BZ013",
        name: "service-network",
        title: "便民服务站覆盖村（社区）",
        short: ("便民服务网络", "service network"),
        level: Warning,
        cite: ("江苏经济发达镇意见 二（三）2", "Jiangsu DT Opinions 2017, II(3).2"),
        scope: Dev,
        examples: {
            "six villages without a station" => "六个村没有便民服务站",
        },
    }
}

impl RuleImpl for ServiceNetwork {
    fn check_file(_params: &NoParams, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let org = cx.org;
        let Some(net) = &org.unit.service_network else {
            return;
        };
        let (Some(villages), Some(stations)) = (&net.villages, &net.stations) else {
            return;
        };
        let (v, s) = (villages.value, stations.value);
        if s >= v {
            return;
        }
        let id = &org.unit.id.value;
        let short = v - s;
        out.push(
            Finding::new(
                org.file,
                stations.span,
                text!(
                    "{s} service stations for {v} villages and communities: {short} without one",
                    "村（社区）便民服务站 {s} 个，村（社区）{v} 个：{short} 个未设服务站"
                ),
            )
            .target(Target::unit(id))
            .primary(text!("{s} stations", "服务站 {s} 个"))
            .label(
                org.file,
                villages.span,
                text!("{v} villages and communities", "村（社区）{v} 个"),
            )
            .help(text!(
                "set up a service station in every village and community, linked with the front service body, and update `stations`",
                "在每个村（社区）设立与前台便民服务机构联动的便民服务站，并更新 `stations`"
            )),
        );
    }
}
