//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct OverPosts {
        code: "BZ201",
        name: "over-posts",
        level: Error,
        cite: "seed 二(四)2",
        scope: Town,
    }
}

impl RuleImpl for OverPosts {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
