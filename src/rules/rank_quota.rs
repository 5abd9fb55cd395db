//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct RankQuota {
        code: "BZ205",
        name: "rank-quota",
        level: Warning,
        cite: "2019 rules on parallel posts and ranks; seed 二(四)1",
        scope: Town,
    }
}

impl RuleImpl for RankQuota {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
