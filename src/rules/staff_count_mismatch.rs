//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct StaffCountMismatch {
        code: "BZ106",
        name: "staff-count-mismatch",
        level: Error,
        cite: "integrity",
        scope: Town,
    }
}

impl RuleImpl for StaffCountMismatch {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
