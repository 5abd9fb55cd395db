//! bianzhi: a compliance checker for Chinese institutional and staffing quotas (机构编制).
//!
//! Data flows one way: **load → model → rules → findings → report**.

pub mod app;
pub mod base;
pub mod chart;
pub mod cli;
pub mod engine;
pub mod import;
pub mod ledger;
pub mod load;
pub mod model;
pub mod pack;
pub mod reorg;
pub mod report;
pub mod rules;
pub mod schema;
pub mod workspace;
