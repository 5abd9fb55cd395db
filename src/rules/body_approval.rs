//! PLACEHOLDER: to be written (docs, parameters, check, fixtures).

use crate::rules::{NoParams, RuleImpl, RuleMeta};

declare_rule! {
    /// TODO
    pub struct BodyApproval {
        code: "BZ002",
        name: "body-approval",
        level: Error,
        cite: "seed 二(四)2 超审批权限设置机构",
        scope: Town,
    }
}

impl RuleImpl for BodyApproval {
    type Params = NoParams;

    fn meta() -> &'static RuleMeta {
        &Self::META
    }
}
