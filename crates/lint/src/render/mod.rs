//! The output formats: `file:line:col: rule: level: message` lines (like `go vet` and ripgrep),
//! a stable JSON document, and SARIF 2.1.0 for code-scanning services.

mod json;
mod sarif;
mod text;

pub use json::{render_json, JSON_FORMAT_VERSION};
pub use sarif::render_sarif;
pub use text::{render_text, render_text_summary};
