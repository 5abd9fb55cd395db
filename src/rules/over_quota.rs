//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct OverQuota {
        code: "BZ101",
        name: "over-quota",
        level: Error,
        cite: "seed 二(四)2; 编制管理条例",
        scope: Town,
    }
}

impl RuleImpl for OverQuota {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
