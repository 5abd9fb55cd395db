//! The ledger as one JSON document.

use super::ReportCx;

/// `{"version": 1, "units": [...]}`, categories and grades by their English names.
pub fn render_json(cx: &ReportCx<'_>) -> String {
    let doc = serde_json::json!({ "version": 1, "units": cx.ledgers });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
