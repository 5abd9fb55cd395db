//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct OverAllocated {
        code: "BZ102",
        name: "over-allocated",
        level: Error,
        cite: "编制管理条例",
        scope: Town,
    }
}

impl RuleImpl for OverAllocated {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
