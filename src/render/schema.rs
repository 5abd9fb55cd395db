//! A JSON Schema as written to files and stdout.

/// A schema as written to files and stdout: pretty, with a trailing newline.
pub fn render(schema: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}
