//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct RankOverCap {
        code: "BZ203",
        name: "rank-over-cap",
        level: Error,
        cite: "seed 二(四)2 擅自提高干部职级待遇",
        scope: Town,
    }
}

impl RuleImpl for RankOverCap {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
