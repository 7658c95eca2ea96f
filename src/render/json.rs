//! `--format json`: one JSON document (see docs/output.md), written as findings arrive: one
//! finding per line inside the `findings` array, so the output streams and stays readable.

use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use super::by_rule::RuleTally;
use super::escape::{decimal, json_str, numbers, ConstCache};
use super::{Renderer, RunInfo};
use crate::checklist::Verdict;
use crate::findings::{Finding, Location, Summary};
use crate::outcome::PushResult;
use crate::push_trace::DeviceTrace;

/// The version of the JSON output's shape. Bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A command's own JSON document (`--dry-run`'s plan, `--print-config`, `emulate`'s banner): the
/// header every pushdiag JSON output starts with, then `body`'s fields in their order.
pub fn document(command: &str, body: serde_json::Value) -> serde_json::Value {
    let mut document = serde_json::json!({
        "schema_version": SCHEMA_VERSION,
        "tool": "pushdiag",
        "version": env!("CARGO_PKG_VERSION"),
        "command": command,
    });
    if let (Some(fields), serde_json::Value::Object(body)) = (document.as_object_mut(), body) {
        fields.extend(body);
    }
    document
}

pub struct Json<'w> {
    out: Box<dyn Write + 'w>,
    written: u64,
    /// Each finding is written here, then to `out` in one call.
    line: Vec<u8>,
    texts: FindingTexts,
    /// `--summary`'s `by_rule` entries, one JSON object each, written before `summary`.
    by_rule: Option<Vec<u8>>,
    /// Results come after the findings in the document; there are a few per run (one per push
    /// or authentication), so they wait here until `finish`.
    results: Vec<PushResult>,
    /// `checklist`'s `verdict` and `steps`, written before `summary`.
    verdict: Option<(String, Vec<String>)>,
    /// The push trace's devices, one JSON object each, written before `summary`.
    trace: Option<Vec<String>>,
    /// `loss`'s `loss` object, written before `summary`.
    loss: Option<String>,
}

impl<'w> Json<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Json {
            out,
            written: 0,
            line: Vec::new(),
            texts: FindingTexts::default(),
            by_rule: None,
            results: Vec::new(),
            verdict: None,
            trace: None,
            loss: None,
        }
    }
}

/// What writing findings keeps from one to the next: the escaped constant messages and helps,
/// and the escaped name of the last source (every finding of a file names the same one).
struct FindingTexts {
    constants: ConstCache,
    source: Option<(Arc<str>, Vec<u8>)>,
}

impl Default for FindingTexts {
    fn default() -> Self {
        FindingTexts {
            constants: ConstCache::new(json_str),
            source: None,
        }
    }
}

/// Appends one finding as the compact JSON object docs/output.md documents:
/// `{"rule","severity","vendor","message","help","location"}`, byte for byte what serializing
/// it with serde_json gives (a test holds the two together), without serde's per-field calls
/// or escaping a constant message again.
fn write_finding(buf: &mut Vec<u8>, finding: &Finding, texts: &mut FindingTexts) {
    buf.extend_from_slice(b"{\"rule\":\"");
    // Rule names, severities and vendor ids are kebab-case ASCII: nothing to escape.
    buf.extend_from_slice(finding.rule.name().as_bytes());
    buf.extend_from_slice(b"\",\"severity\":\"");
    buf.extend_from_slice(finding.severity.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"vendor\":");
    match finding.vendor {
        Some(vendor) => {
            buf.push(b'"');
            buf.extend_from_slice(vendor.id().as_bytes());
            buf.push(b'"');
        }
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"message\":");
    texts.constants.write(buf, &finding.message);
    buf.extend_from_slice(b",\"help\":");
    match &finding.help {
        Some(help) => texts.constants.write(buf, help),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"location\":");
    match &finding.location {
        Some(location) => write_location(buf, location, &mut texts.source),
        None => buf.extend_from_slice(b"null"),
    }
    buf.push(b'}');
}

fn write_location(buf: &mut Vec<u8>, location: &Location, last: &mut Option<(Arc<str>, Vec<u8>)>) {
    buf.extend_from_slice(b"{\"source\":");
    match last {
        Some((source, escaped)) if Arc::ptr_eq(source, &location.source) => {
            buf.extend_from_slice(escaped);
        }
        _ => {
            let mut escaped = Vec::new();
            json_str(&mut escaped, &location.source);
            buf.extend_from_slice(&escaped);
            *last = Some((location.source.clone(), escaped));
        }
    }
    numbers(
        buf,
        &[
            (b",\"line\":", location.line),
            (b",\"column\":", location.column),
            (b",\"offset\":", location.offset),
        ],
    );
    buf.extend_from_slice(b",\"pointer\":");
    json_str(buf, &location.pointer);
    buf.push(b'}');
}

#[derive(Serialize)]
struct JsonVerdict<'a> {
    step: Option<&'a str>,
    rule: Option<&'static str>,
    message: String,
    fix: Option<&'a str>,
    others: Vec<JsonOther<'a>>,
}

#[derive(Serialize)]
struct JsonOther<'a> {
    step: &'a str,
    rule: &'static str,
    message: String,
    fix: &'a str,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    id: &'a str,
    status: &'static str,
    evidence: &'a str,
}

impl Renderer for Json<'_> {
    fn begin(&mut self, run: &RunInfo) -> io::Result<()> {
        write!(
            self.out,
            "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"tool\": \"pushdiag\",\n  \"version\": {},\n  \"command\": {},\n  \"findings\": [",
            serde_json::to_string(run.version)?,
            serde_json::to_string(run.command)?
        )
    }

    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        self.line.clear();
        let separator = if self.written == 0 {
            "\n    "
        } else {
            ",\n    "
        };
        self.line.extend_from_slice(separator.as_bytes());
        write_finding(&mut self.line, finding, &mut self.texts);
        self.written += 1;
        self.out.write_all(&self.line)
    }

    /// `"by_rule": [{"rule","severity","count","first":[finding, …]}, …]` (docs/output.md),
    /// one rule a line.
    fn by_rule(&mut self, tallies: &[RuleTally]) -> io::Result<()> {
        let mut buf = Vec::new();
        for (index, tally) in tallies.iter().enumerate() {
            buf.extend_from_slice(if index == 0 { b"\n    " } else { b",\n    " });
            buf.extend_from_slice(b"{\"rule\":\"");
            buf.extend_from_slice(tally.rule.name().as_bytes());
            buf.extend_from_slice(b"\",\"severity\":\"");
            buf.extend_from_slice(tally.severity.as_str().as_bytes());
            buf.extend_from_slice(b"\",\"count\":");
            decimal(&mut buf, tally.count);
            buf.extend_from_slice(b",\"first\":[");
            for (index, finding) in tally.first.iter().enumerate() {
                if index > 0 {
                    buf.push(b',');
                }
                write_finding(&mut buf, finding, &mut self.texts);
            }
            buf.extend_from_slice(b"]}");
        }
        self.by_rule = Some(buf);
        Ok(())
    }

    fn result(&mut self, result: &PushResult) -> io::Result<()> {
        self.results.push(result.clone());
        Ok(())
    }

    /// `"verdict": {step, rule, message, fix, others}` and `"steps": [{id, status, evidence}]`
    /// (docs/output.md); `step`, `rule` and `fix` are null when no step failed.
    fn verdict(&mut self, verdict: &Verdict, _finding: Option<&Finding>) -> io::Result<()> {
        let cause = verdict.cause();
        let document = JsonVerdict {
            step: cause.map(|c| c.step.as_str()),
            rule: cause.map(|c| c.rule.name()),
            message: cause.map_or_else(|| verdict.nothing_failed(), |c| c.message()),
            fix: cause.map(|c| c.fix.as_str()),
            others: verdict
                .others()
                .iter()
                .map(|f| JsonOther {
                    step: &f.step,
                    rule: f.rule.name(),
                    message: f.message(),
                    fix: &f.fix,
                })
                .collect(),
        };
        let steps = verdict
            .steps
            .iter()
            .map(|s| {
                serde_json::to_string(&JsonStep {
                    id: &s.id,
                    status: s.status.name(),
                    evidence: &s.evidence,
                })
            })
            .collect::<Result<Vec<String>, _>>()?;
        self.verdict = Some((serde_json::to_string(&document)?, steps));
        Ok(())
    }

    /// `"trace": [{platform, cert_id, token, notification_enabled, hops: [...]}, …]`
    /// (docs/output.md).
    fn trace(&mut self, devices: &[DeviceTrace]) -> io::Result<()> {
        let items = devices
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<Vec<String>, _>>()?;
        self.trace.get_or_insert_with(Vec::new).extend(items);
        Ok(())
    }

    /// `"loss": {…}` (docs/output.md, `## loss`).
    fn loss(&mut self, loss: &crate::push_loss::PushLoss) -> io::Result<()> {
        self.loss = Some(serde_json::to_string(loss)?);
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let close = if self.written == 0 { "]" } else { "\n  ]" };
        write!(self.out, "{close},\n  \"results\": [")?;
        for (index, result) in self.results.iter().enumerate() {
            let separator = if index == 0 { "\n    " } else { ",\n    " };
            self.out.write_all(separator.as_bytes())?;
            serde_json::to_writer(&mut self.out, result)?;
        }
        let close = if self.results.is_empty() {
            "]"
        } else {
            "\n  ]"
        };
        write!(self.out, "{close},")?;
        if let Some((verdict, steps)) = &self.verdict {
            write!(self.out, "\n  \"verdict\": {verdict},\n  \"steps\": [")?;
            // One step a line, as findings and results.
            for (index, step) in steps.iter().enumerate() {
                let separator = if index == 0 { "\n    " } else { ",\n    " };
                write!(self.out, "{separator}{step}")?;
            }
            write!(self.out, "\n  ],")?;
        }
        if let Some(trace) = &self.trace {
            write!(self.out, "\n  \"trace\": [")?;
            // One device a line, as findings and results.
            for (index, device) in trace.iter().enumerate() {
                let separator = if index == 0 { "\n    " } else { ",\n    " };
                write!(self.out, "{separator}{device}")?;
            }
            let close = if trace.is_empty() { "]," } else { "\n  ]," };
            write!(self.out, "{close}")?;
        }
        if let Some(loss) = &self.loss {
            write!(self.out, "\n  \"loss\": {loss},")?;
        }
        if let Some(by_rule) = &self.by_rule {
            write!(self.out, "\n  \"by_rule\": [")?;
            self.out.write_all(by_rule)?;
            let close = if by_rule.is_empty() { "]," } else { "\n  ]," };
            write!(self.out, "{close}")?;
        }
        writeln!(
            self.out,
            "\n  \"summary\": {}\n}}",
            serde_json::to_string(summary)?
        )?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::findings::{Rule, Severity};
    use crate::vendor::Vendor;

    /// What serde_json wrote for a finding before the hand-written writer: the two must agree
    /// byte for byte (docs/output.md and the snapshots promise the JSON output).
    fn serde_shape(finding: &Finding) -> String {
        #[derive(Serialize)]
        struct JsonFinding<'a> {
            rule: &'static str,
            severity: Severity,
            vendor: Option<Vendor>,
            message: &'a str,
            help: Option<&'a str>,
            location: Option<&'a Location>,
        }
        serde_json::to_string(&JsonFinding {
            rule: finding.rule.name(),
            severity: finding.severity,
            vendor: finding.vendor,
            message: &finding.message,
            help: finding.help.as_deref(),
            location: finding.location.as_ref(),
        })
        .expect("JSON")
    }

    #[test]
    fn findings_are_written_as_serde_json_writes_them() {
        let source: Arc<str> = "dir/\"odd\"\tname.jsonl".into();
        let at = |line: u64, pointer: &str| Location {
            source: source.clone(),
            line,
            column: line * 7,
            offset: u64::MAX - line,
            pointer: pointer.to_owned(),
        };
        let findings = [
            Finding::new(Rule::ExtMissingEntity, "ext has no \"entity\" object")
                .help("wrap the custom fields in {\"entity\": {...}}")
                .at(at(12, "/Ext")),
            Finding::new(Rule::OppoChannelIdMissing, "no OPPOChannelID")
                .vendor(Vendor::Oppo)
                .at(at(13, "/a~1b/\u{1}\n")),
            Finding::new(Rule::TitleTooLong, format!("标题 {} 😀\r\n", 42)),
            Finding::new(Rule::ExtInvalidJson, Cow::Owned("\\ \u{7f}".to_owned()))
                .help(String::from("fix\u{8}\u{c}"))
                .at(at(1, "")),
        ];
        let mut texts = FindingTexts::default();
        // Twice: the second time constants and the source come from the caches.
        for _ in 0..2 {
            for finding in &findings {
                let mut buf = Vec::new();
                write_finding(&mut buf, finding, &mut texts);
                assert_eq!(String::from_utf8(buf).expect("UTF-8"), serde_shape(finding));
            }
        }
    }
}
