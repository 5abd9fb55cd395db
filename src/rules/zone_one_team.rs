//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct ZoneOneTeam {
        code: "BZ007",
        name: "zone-one-team",
        level: Error,
        cite: "seed 二(二) 一套班子、两块牌子",
        scope: Town,
    }
}

impl RuleImpl for ZoneOneTeam {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
