//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct DispatchedAgency {
        code: "BZ006",
        name: "dispatched-agency",
        level: Error,
        cite: "seed 二(二)",
        scope: Town,
    }
}

impl RuleImpl for DispatchedAgency {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
