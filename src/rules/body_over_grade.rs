//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct BodyOverGrade {
        code: "BZ003",
        name: "body-over-grade",
        level: Error,
        cite: "seed 二(四)2 超机构规格",
        scope: Town,
    }
}

impl RuleImpl for BodyOverGrade {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
