//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct EstablishmentMismatch {
        code: "BZ105",
        name: "establishment-mismatch",
        level: Error,
        cite: "编制管理条例",
        scope: Town,
    }
}

impl RuleImpl for EstablishmentMismatch {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
