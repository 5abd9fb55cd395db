//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct OneWindowOneTeam {
        code: "BZ005",
        name: "one-window-one-team",
        level: Error,
        cite: "seed 二(三)1, 二(六)2",
        scope: Town,
    }
}

impl RuleImpl for OneWindowOneTeam {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
