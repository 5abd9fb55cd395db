//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct CategoryKindMismatch {
        code: "BZ107",
        name: "category-kind-mismatch",
        level: Error,
        cite: "编制管理条例 arts 11, 15, 19",
        scope: Town,
    }
}

impl RuleImpl for CategoryKindMismatch {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
