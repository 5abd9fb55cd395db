//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct HierarchyCycle {
        code: "BZ010",
        name: "hierarchy-cycle",
        level: Error,
        cite: "integrity",
        scope: AnyUnit,
    }
}

impl RuleImpl for HierarchyCycle {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
