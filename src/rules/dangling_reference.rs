//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct DanglingReference {
        code: "BZ009",
        name: "dangling-reference",
        level: Error,
        cite: "integrity",
        scope: AnyUnit,
    }
}

impl RuleImpl for DanglingReference {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
