//! `--format json`: one JSON document (see docs/output.md), written as findings arrive: one
//! finding per line inside the `findings` array, so the output streams and stays readable.

use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, RunInfo};
use crate::checklist::Verdict;
use crate::findings::{Finding, Location, Severity, Summary};
use crate::outcome::PushResult;
use crate::push_trace::DeviceTrace;
use crate::vendor::Vendor;

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
            results: Vec::new(),
            verdict: None,
            trace: None,
            loss: None,
        }
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: Severity,
    vendor: Option<Vendor>,
    message: &'a str,
    help: Option<&'a str>,
    location: Option<&'a Location>,
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
        let item = JsonFinding {
            rule: finding.rule.name(),
            severity: finding.severity,
            vendor: finding.vendor,
            message: &finding.message,
            help: finding.help.as_deref(),
            location: finding.location.as_ref(),
        };
        let separator = if self.written == 0 {
            "\n    "
        } else {
            ",\n    "
        };
        self.out.write_all(separator.as_bytes())?;
        serde_json::to_writer(&mut self.out, &item)?;
        self.written += 1;
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
        writeln!(
            self.out,
            "\n  \"summary\": {}\n}}",
            serde_json::to_string(summary)?
        )?;
        self.out.flush()
    }
}
