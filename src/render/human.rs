//! The format for people, in the style of rustc and ruff:
//!
//! ```text
//! error[ext-missing-entity]: ext has no "entity" object
//!   --> push.json:1:1 at /OfflinePushInfo/Ext
//!    = help: wrap the custom fields in {"entity": {...}}
//! ```

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use super::{Incomplete, Renderer, RunInfo, Verbosity};
use crate::checklist::Verdict;
use crate::findings::{Finding, Severity, Summary};
use crate::outcome::{Outcome, PushResult, Target};
use crate::push_trace::{DeviceTrace, Status as HopStatus};

pub struct Human<'w> {
    out: Box<dyn Write + 'w>,
    verbosity: Verbosity,
    color: bool,
    /// `checklist`'s verdict: the last lines, after the summary.
    verdict: Option<Verdict>,
    /// What kept the run from its answer, for the summary line.
    incomplete: Incomplete,
}

impl<'w> Human<'w> {
    pub fn new(out: Box<dyn Write + 'w>, verbosity: Verbosity, color: bool) -> Self {
        Human {
            out,
            verbosity,
            color,
            verdict: None,
            incomplete: Incomplete::default(),
        }
    }

    fn paint(&self, text: &str, style: fn(&str) -> ColoredString) -> String {
        if self.color {
            style(text).to_string()
        } else {
            text.to_owned()
        }
    }

    fn shown(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => true,
            Severity::Warning => self.verbosity.0 > -2,
            Severity::Note => self.verbosity.0 > -1,
        }
    }
}

impl Human<'_> {
    /// The likely cause, why, its fix, then the other failed steps.
    fn write_verdict(&mut self, verdict: &Verdict) -> io::Result<()> {
        let Some(cause) = verdict.cause() else {
            let head = self.paint("verdict:", |s| s.green().bold());
            return writeln!(self.out, "{head} {}", verdict.nothing_failed());
        };
        let head = self.paint("verdict:", |s| s.red().bold());
        let step = self.paint(&cause.step, |s| s.bold());
        writeln!(
            self.out,
            "{head} the likely cause is {step}: {} ({})",
            cause.title, cause.detail
        )?;
        writeln!(self.out, "  why: {}", cause.why)?;
        writeln!(
            self.out,
            "  {}: {}",
            self.paint("fix", |s| s.bold()),
            cause.fix
        )?;
        if !verdict.others().is_empty() {
            writeln!(self.out, "  also failed, less likely the cause:")?;
            for other in verdict.others() {
                writeln!(
                    self.out,
                    "    {}: {} ({})",
                    other.step, other.title, other.detail
                )?;
            }
        }
        Ok(())
    }
}

impl Human<'_> {
    /// ```text
    /// alice: Xiaomi device, cert ID 10001, token 0a1b2c3d…wxyz
    ///   SDK 8.0.1, push 8.0.1, notifications on
    ///   ✓ im       IM server                          2025-03-07 10:04:47
    ///   ✗ vendor   vendor server: 1 "regid_invalid"   2025-03-07 10:04:48
    /// ```
    fn write_device(&mut self, device: &DeviceTrace) -> io::Result<()> {
        let who = device
            .user
            .as_deref()
            .map(|u| format!("{u}: "))
            .unwrap_or_default();
        let cert = if device.cert_id_missing() {
            format!("no cert ID ({:?})", device.cert_id)
        } else {
            format!("cert ID {}", device.cert_id)
        };
        let token = if device.token.is_empty() {
            "no token".to_owned()
        } else {
            format!("token {}", device.short_token())
        };
        let head = format!(
            "{who}{} device, {cert}, {token}",
            device.platform.display_name()
        );
        writeln!(self.out, "{}", self.paint(&head, |s| s.bold()))?;
        let version = |v: &str| {
            if v.is_empty() {
                "?".to_owned()
            } else {
                v.to_owned()
            }
        };
        let switch = match (device.notification_enabled, device.notification_status) {
            (Some(true), _) => "notifications on".to_owned(),
            (Some(false), _) => self.paint("notifications off", |s| s.red().bold()),
            (None, Some(raw)) => {
                format!("notifications: NotificationStatus {raw} (not documented)")
            }
            (None, None) => "notifications: not reported".to_owned(),
        };
        writeln!(
            self.out,
            "  instance {}, system {}, SDK {}, push {}, {switch}",
            if device.instance_id.is_empty() {
                "?"
            } else {
                &device.instance_id
            },
            if device.system.is_empty() {
                "?"
            } else {
                &device.system
            },
            version(&device.sdk_version),
            version(&device.push_version)
        )?;
        for hop in &device.hops {
            let mark = match hop.status {
                HopStatus::Ok => self.paint(hop.status.mark(), |s| s.green().bold()),
                HopStatus::Failed => self.paint(hop.status.mark(), |s| s.red().bold()),
                HopStatus::NotReached | HopStatus::Unknown => hop.status.mark().to_owned(),
            };
            let detail = match (hop.status, hop.code, &hop.info) {
                (HopStatus::NotReached, None, _) => "not reached".to_owned(),
                (HopStatus::Unknown, None, _) => {
                    "no data (reach and click need the vendor's receipts)".to_owned()
                }
                (HopStatus::Unknown, code, _) => format!(
                    "PushStatus {} (not documented), code {}",
                    hop.push_status.map_or("?".to_owned(), |p| p.to_string()),
                    code.map_or("?".to_owned(), |c| c.to_string())
                ),
                // Success needs no code.
                (HopStatus::Ok, Some(0) | None, None) => String::new(),
                (_, Some(code), Some(info)) => format!("{code} {info:?}"),
                (_, Some(code), None) => code.to_string(),
                (_, None, Some(info)) => format!("{info:?}"),
                (_, None, None) => String::new(),
            };
            let time = hop
                .time
                .as_deref()
                .map(|t| format!("  {t}"))
                .unwrap_or_default();
            let title = format!("{}: {detail}", hop.hop.title());
            let title = title.trim_end_matches([':', ' ']);
            writeln!(self.out, "  {mark} {:8} {title}{time}", hop.hop.name())?;
        }
        Ok(())
    }
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Renderer for Human<'_> {
    fn begin(&mut self, _run: &RunInfo) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        if !self.shown(finding.severity) {
            return Ok(());
        }
        let severity = match finding.severity {
            Severity::Error => self.paint("error", |s| s.red().bold()),
            Severity::Warning => self.paint("warning", |s| s.yellow().bold()),
            Severity::Note => self.paint("note", |s| s.cyan().bold()),
        };
        let rule = format!("[{}]", finding.rule.name());
        let vendor = finding
            .vendor
            .map(|v| format!(" {}:", v.id()))
            .unwrap_or_default();
        let message = self.paint(&finding.message, |s| s.bold());
        writeln!(self.out, "{severity}{rule}:{vendor} {message}")?;
        if let Some(location) = &finding.location {
            let arrow = self.paint("-->", |s| s.blue().bold());
            let pointer = if location.pointer.is_empty() {
                String::new()
            } else {
                format!(" at {}", location.pointer)
            };
            writeln!(
                self.out,
                "  {arrow} {}:{}:{}{pointer}",
                location.source, location.line, location.column
            )?;
        }
        if let Some(help) = &finding.help {
            let eq = self.paint("=", |s| s.blue().bold());
            writeln!(
                self.out,
                "   {eq} {}: {help}",
                self.paint("help", |s| s.bold())
            )?;
        }
        Ok(())
    }

    /// One line per result:
    /// `vivo push to 1234…: accepted (HTTP 200, code 0 "请求成功", message id 7) in 12 ms`.
    fn result(&mut self, result: &PushResult) -> io::Result<()> {
        let what = if !result.target.is_device() {
            format!("{} {}", result.vendor.id(), result.target)
        } else {
            format!("{} push to {}", result.vendor.id(), result.target)
        };
        let outcome = match result.outcome {
            // A credential check sends to a token no device has: the vendor refusing that token
            // (Huawei 80300007, HTTP 400) is the answer that proves the credentials.
            Outcome::Accepted if result.target == Target::CredentialCheck => {
                let accepted = self.paint("credentials accepted", |s| s.green().bold());
                match result.http_status {
                    Some(status) if !(200..300).contains(&status) => format!(
                        "{accepted}; {} checked a token no device has, as intended",
                        result.vendor.display_name()
                    ),
                    _ => accepted,
                }
            }
            Outcome::Accepted => self.paint("accepted", |s| s.green().bold()),
            Outcome::Rejected => self.paint("rejected", |s| s.red().bold()),
            Outcome::Unreachable => self.paint("unreachable", |s| s.red().bold()),
        };
        let mut details = Vec::new();
        match result.http_status {
            Some(status) => details.push(format!("HTTP {status}")),
            None => details.push("no answer".to_owned()),
        }
        match (&result.vendor_code, &result.vendor_message) {
            (Some(code), Some(message)) => details.push(format!("code {code} {message:?}")),
            (Some(code), None) => details.push(format!("code {code}")),
            (None, Some(message)) => details.push(format!("{message:?}")),
            (None, None) => {}
        }
        if let Some(id) = &result.message_id {
            details.push(format!("message id {id}"));
        }
        writeln!(
            self.out,
            "{what}: {outcome} ({}) in {} ms",
            details.join(", "),
            result.elapsed_ms
        )
    }

    /// Per device: who and what, versions and switch, then one line per hop.
    fn trace(&mut self, devices: &[DeviceTrace]) -> io::Result<()> {
        for device in devices {
            self.write_device(device)?;
        }
        Ok(())
    }

    fn loss(&mut self, loss: &crate::push_loss::PushLoss) -> io::Result<()> {
        let color = self.color;
        let bold = move |text: &str| {
            if color {
                text.bold().to_string()
            } else {
                text.to_owned()
            }
        };
        super::human_loss::write(&mut self.out, loss, &bold)
    }

    fn incomplete(&mut self, incomplete: &Incomplete) -> io::Result<()> {
        self.incomplete = *incomplete;
        Ok(())
    }

    fn verdict(&mut self, verdict: &Verdict, _finding: Option<&Finding>) -> io::Result<()> {
        self.verdict = Some(verdict.clone());
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.verbosity.0 >= 0 {
            let checked = if summary.checked == 1 {
                "1 item checked".to_owned()
            } else {
                format!("{} items checked", summary.checked)
            };
            // A run that could not do its job says so first, and never "no problems found".
            let mut parts = Vec::new();
            let see = |n: u64| {
                if n == 1 {
                    "the error below"
                } else {
                    "the errors below"
                }
            };
            let Incomplete {
                unreadable,
                unknown,
            } = self.incomplete;
            if unreadable > 0 {
                parts.push(format!(
                    "incomplete: {} could not be read (see {})",
                    plural(unreadable, "input"),
                    see(unreadable)
                ));
            }
            if unknown > 0 {
                parts.push(format!(
                    "the answer is unknown: {} got no usable answer, try again later (see {})",
                    plural(unknown, "request"),
                    see(unknown)
                ));
            }
            if summary.errors + summary.warnings + summary.notes > 0 {
                parts.push(format!(
                    "{}, {}, {}",
                    plural(summary.errors, "error"),
                    plural(summary.warnings, "warning"),
                    plural(summary.notes, "note")
                ));
            } else if parts.is_empty() {
                parts.push("no problems found".to_owned());
            }
            parts.push(checked);
            let line = parts.join("; ");
            let line = if summary.errors > 0 || self.incomplete.any() {
                self.paint(&line, |s| s.red().bold())
            } else {
                self.paint(&line, |s| s.green().bold())
            };
            writeln!(self.out, "{line}")?;
        }
        if let Some(verdict) = self.verdict.take() {
            self.write_verdict(&verdict)?;
        }
        self.out.flush()
    }
}
