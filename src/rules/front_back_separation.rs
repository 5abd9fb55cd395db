//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct FrontBackSeparation {
        code: "BZ004",
        name: "front-back-separation",
        level: Error,
        cite: "seed 二(三)1",
        scope: Town,
    }
}

impl RuleImpl for FrontBackSeparation {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
