//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct DuplicateId {
        code: "BZ008",
        name: "duplicate-id",
        level: Error,
        cite: "integrity",
        scope: AnyUnit,
    }
}

impl RuleImpl for DuplicateId {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
