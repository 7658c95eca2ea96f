//! `--format sarif`: SARIF 2.1.0 (OASIS), the format code-scanning dashboards read. Results are
//! streamed before the tool section; JSON object members have no order, so the document is the
//! same to any reader. Validated against the official schema in `tests/`.

use std::io::{self, Write};
use std::sync::Arc;

use serde_json::{json, Value};

use super::escape::{decimal, json_escaped, json_str, numbers, ConstCache};
use super::{Renderer, RunInfo};
use crate::findings::{Finding, Location, Rule, Severity, Summary};

pub struct Sarif<'w> {
    out: Box<dyn Write + 'w>,
    /// Each result is written here, then to `out` in one call.
    line: Vec<u8>,
    /// Constant messages and helps, escaped once.
    constants: ConstCache,
    /// The last source and its URI (every finding of a file names the same one).
    uri: Option<(Arc<str>, String)>,
    written: u64,
    version: &'static str,
}

impl<'w> Sarif<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Sarif {
            out,
            line: Vec::new(),
            constants: ConstCache::new(json_escaped),
            uri: None,
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

fn is_file(location: &Location) -> bool {
    !(location.source.starts_with('<') && location.source.ends_with('>'))
}

/// Appends one SARIF result, byte for byte what serializing the `serde_json::Value` this
/// renderer used to build gives (object keys sorted; a test holds the two together), without
/// building it: a flood of findings spent most of its time allocating those values.
fn write_result(
    buf: &mut Vec<u8>,
    finding: &Finding,
    constants: &mut ConstCache,
    uri: &mut Option<(Arc<str>, String)>,
) {
    let rule_index = Rule::ALL
        .iter()
        .position(|r| *r == finding.rule)
        .unwrap_or(0);
    // Levels, rule names and vendor ids are ASCII words: nothing to escape.
    buf.extend_from_slice(b"{\"level\":\"");
    buf.extend_from_slice(level(finding.severity).as_bytes());
    buf.push(b'"');
    let location = finding.location.as_ref();
    let file = location.filter(|l| is_file(l));
    let pointer = location
        .map(|l| l.pointer.as_str())
        .filter(|p| !p.is_empty());
    if file.is_some() || pointer.is_some() {
        buf.extend_from_slice(b",\"locations\":[{");
        if let Some(pointer) = pointer {
            buf.extend_from_slice(b"\"logicalLocations\":[{\"fullyQualifiedName\":");
            json_str(buf, pointer);
            buf.extend_from_slice(b",\"kind\":\"object\"}]");
        }
        if let Some(location) = file {
            if pointer.is_some() {
                buf.push(b',');
            }
            buf.extend_from_slice(b"\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
            match uri {
                Some((source, uri)) if Arc::ptr_eq(source, &location.source) => json_str(buf, uri),
                _ => {
                    let fresh = path_to_uri(&location.source);
                    json_str(buf, &fresh);
                    *uri = Some((location.source.clone(), fresh));
                }
            }
            numbers(
                buf,
                &[
                    (b"},\"region\":{\"byteOffset\":", location.offset),
                    (b",\"startColumn\":", location.column),
                    (b",\"startLine\":", location.line),
                ],
            );
            buf.extend_from_slice(b"}}");
        }
        buf.extend_from_slice(b"}]");
    }
    buf.extend_from_slice(b",\"message\":{\"text\":\"");
    constants.write(buf, &finding.message);
    if let Some(help) = &finding.help {
        buf.extend_from_slice(b"\\nhelp: ");
        constants.write(buf, help);
    }
    buf.extend_from_slice(b"\"}");
    if location.is_some() || finding.vendor.is_some() {
        buf.extend_from_slice(b",\"properties\":{");
        if let Some(location) = location {
            buf.extend_from_slice(b"\"pointer\":");
            json_str(buf, &location.pointer);
        }
        if let Some(vendor) = finding.vendor {
            if location.is_some() {
                buf.push(b',');
            }
            buf.extend_from_slice(b"\"vendor\":\"");
            buf.extend_from_slice(vendor.id().as_bytes());
            buf.push(b'"');
        }
        buf.push(b'}');
    }
    buf.extend_from_slice(b",\"ruleId\":\"");
    buf.extend_from_slice(finding.rule.name().as_bytes());
    buf.extend_from_slice(b"\",\"ruleIndex\":");
    decimal(buf, rule_index as u64);
    buf.push(b'}');
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
        write_result(&mut self.line, finding, &mut self.constants, &mut self.uri);
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
    use std::borrow::Cow;

    use super::*;
    use crate::vendor::Vendor;

    /// The result as this renderer built it before `write_result`: the oracle it is held to.
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

    #[test]
    fn results_are_written_as_the_value_serialized() {
        let at = |source: &str, pointer: &str| Location {
            source: source.into(),
            line: 12,
            column: 9,
            offset: 4711,
            pointer: pointer.to_owned(),
        };
        let findings = [
            Finding::new(Rule::ExtMissingEntity, "ext has no \"entity\" object")
                .help("wrap the custom fields in {\"entity\": {...}}")
                .at(at("dir/my push.json", "/Ext")),
            Finding::new(Rule::OppoChannelIdMissing, "no OPPOChannelID")
                .vendor(Vendor::Oppo)
                .at(at("推送.jsonl", "/a~1b/\u{1}\n")),
            Finding::new(Rule::TitleTooLong, format!("标题 {} 😀\r\n", 42)).vendor(Vendor::Vivo),
            Finding::new(Rule::ExtInvalidJson, Cow::Owned("\\ \u{7f}".to_owned()))
                .help(String::from("fix\u{8}\u{c}"))
                .at(at("<stdin>", "")),
            Finding::new(Rule::ExtInvalidJson, "x").at(at("<argument>", "/Ext")),
            Finding::new(Rule::ExtInvalidJson, "x").at(at("a.json", "")),
            Finding::new(Rule::InputBom, "no location, no vendor"),
        ];
        let mut constants = ConstCache::new(json_escaped);
        let mut uri = None;
        // Twice: the second time constants and the URI come from the caches.
        for _ in 0..2 {
            for finding in &findings {
                let mut buf = Vec::new();
                write_result(&mut buf, finding, &mut constants, &mut uri);
                assert_eq!(
                    String::from_utf8(buf).expect("UTF-8"),
                    serde_json::to_string(&result(finding)).expect("JSON")
                );
            }
        }
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_to_uri("dir/my push.json"), "dir/my%20push.json");
        assert_eq!(path_to_uri("推送.json"), "%E6%8E%A8%E9%80%81.json");
    }
}
