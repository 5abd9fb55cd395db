//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct LeadershipComposition {
        code: "BZ206",
        name: "leadership-composition",
        level: Error,
        cite: "Organic Law of Local People's Congresses and Governments arts 18, 70",
        scope: Town,
    }
}

impl RuleImpl for LeadershipComposition {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
