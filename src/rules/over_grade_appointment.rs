//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct OverGradeAppointment {
        code: "BZ202",
        name: "over-grade-appointment",
        level: Error,
        cite: "seed 二(四)1, 二(四)2 超机构规格提拔干部",
        scope: Town,
    }
}

impl RuleImpl for OverGradeAppointment {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
