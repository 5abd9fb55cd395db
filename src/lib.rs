//! bianzhi: a compliance checker for Chinese institutional and staffing quotas (机构编制).
//!
//! Data flows one way: **read → load → model → rules → findings → render**; the command line
//! (`cli`) is a thin layer over [`app`]. The layers and where things go: `docs/architecture.md`.

pub mod analysis;
pub mod app;
pub mod base;
#[cfg(feature = "cli")]
pub mod cli;
pub mod engine;
pub mod import;
pub mod load;
pub mod model;
pub mod pack;
pub mod render;
pub mod rules;
pub mod schema;
pub mod templates;
pub mod web;
pub mod workspace;
