//! `--format sarif`: SARIF 2.1.0 (OASIS), the format code-scanning dashboards read. Results are
//! streamed before the tool section; JSON object members have no order, so the document is the
//! same to any reader. Validated against the official schema in `tests/`.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Renderer, RunInfo};
use crate::findings::{Finding, Rule, Severity, Summary};

pub struct Sarif<'w> {
    out: Box<dyn Write + 'w>,
    /// Each result is written here, then to `out` in one call.
    line: Vec<u8>,
    written: u64,
    version: &'static str,
}

impl<'w> Sarif<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Sarif {
            out,
            line: Vec::new(),
            written: 0,
            version: "",
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative URI reference for a path: unreserved characters and `/` stay, the rest is
/// percent-encoded.
fn path_to_uri(path: &str) -> String {
    let mut uri = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn rule_descriptor(rule: Rule) -> Value {
    json!({
        "id": rule.name(),
        "name": rule.name(),
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": rule.summary() },
        "help": { "text": rule.summary(), "markdown": rule.doc() },
        "defaultConfiguration": { "level": level(rule.default_severity()) },
        "properties": { "command": rule.command() },
    })
}

fn result(finding: &Finding) -> Value {
    let rule_index = Rule::ALL
        .iter()
        .position(|r| *r == finding.rule)
        .unwrap_or(0);
    let mut text = finding.message.clone().into_owned();
    if let Some(help) = &finding.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut value = json!({
        "ruleId": finding.rule.name(),
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": text },
    });
    let mut properties = serde_json::Map::new();
    if let Some(vendor) = finding.vendor {
        properties.insert("vendor".into(), json!(vendor.id()));
    }
    if let Some(location) = &finding.location {
        properties.insert("pointer".into(), json!(location.pointer));
        let is_file = !(location.source.starts_with('<') && location.source.ends_with('>'));
        let mut sarif_location = serde_json::Map::new();
        if is_file {
            sarif_location.insert(
                "physicalLocation".into(),
                json!({
                    "artifactLocation": { "uri": path_to_uri(&location.source) },
                    "region": {
                        "startLine": location.line,
                        "startColumn": location.column,
                        "byteOffset": location.offset,
                    },
                }),
            );
        }
        if !location.pointer.is_empty() {
            sarif_location.insert(
                "logicalLocations".into(),
                json!([{ "fullyQualifiedName": location.pointer, "kind": "object" }]),
            );
        }
        if !sarif_location.is_empty() {
            value["locations"] = json!([sarif_location]);
        }
    }
    if !properties.is_empty() {
        value["properties"] = Value::Object(properties);
    }
    value
}

impl Renderer for Sarif<'_> {
    fn begin(&mut self, run: &RunInfo) -> io::Result<()> {
        self.version = run.version;
        write!(
            self.out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n    \"results\": ["
        )
    }

    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        let separator = if self.written == 0 {
            "\n      "
        } else {
            ",\n      "
        };
        self.line.clear();
        self.line.extend_from_slice(separator.as_bytes());
        serde_json::to_writer(&mut self.line, &result(finding))?;
        self.written += 1;
        self.out.write_all(&self.line)
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        let tool = json!({
            "driver": {
                "name": "pushdiag",
                "version": self.version,
                "semanticVersion": self.version,
                "rules": Rule::ALL.iter().map(|r| rule_descriptor(*r)).collect::<Vec<_>>(),
            }
        });
        let close = if self.written == 0 { "]" } else { "\n    ]" };
        writeln!(
            self.out,
            "{close},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"tool\": {}\n  }}]\n}}",
            serde_json::to_string(&tool)?
        )?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_to_uri("dir/my push.json"), "dir/my%20push.json");
        assert_eq!(path_to_uri("推送.json"), "%E6%8E%A8%E9%80%81.json");
    }
}
