//! bianzhi: a compliance checker for Chinese institutional and staffing quotas (机构编制).
//!
//! Data flows one way: **load → model → rules → findings → report**.

pub mod error;
pub mod i18n;
pub mod load;
pub mod model;
pub mod source;
