//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct CountyLimit {
        code: "BZ103",
        name: "county-limit",
        level: Error,
        cite: "seed 二(四)1 在地方机构编制限额内",
        scope: AnyUnit,
    }
}

impl RuleImpl for CountyLimit {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
