//! The format for people, in the style of rustc and ruff:
//!
//! ```text
//! error[ext-missing-entity]: ext has no "entity" object
//!   --> push.json:1:1 at /OfflinePushInfo/Ext
//!    = help: wrap the custom fields in {"entity": {...}}
//! ```

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use super::by_rule::RuleTally;
use super::fold::{Folder, FOLD_AFTER};
use super::{Incomplete, Renderer, RunInfo, Verbosity};
use crate::checklist::Verdict;
use crate::findings::{Finding, Location, Severity, Summary};
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
    /// Each finding is written here, then to `out` in one call.
    line: Vec<u8>,
    /// Floods of identical findings, folded after a screenful (not under `-v`).
    folder: Folder,
    /// The command reporting: only `lint-ext` has `--summary` to suggest.
    command: &'static str,
}

impl<'w> Human<'w> {
    pub fn new(out: Box<dyn Write + 'w>, verbosity: Verbosity, color: bool) -> Self {
        Human {
            out,
            verbosity,
            color,
            verdict: None,
            incomplete: Incomplete::default(),
            line: Vec::new(),
            folder: Folder::default(),
            command: "",
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

/// Appends `text`, in `style` when colour is on.
fn paint_into(buf: &mut Vec<u8>, color: bool, text: &str, style: fn(&str) -> ColoredString) {
    if color {
        let _ = write!(buf, "{}", style(text));
    } else {
        buf.extend_from_slice(text.as_bytes());
    }
}

/// `error[rule]: vendor: message`
fn write_head(buf: &mut Vec<u8>, color: bool, finding: &Finding) {
    let (word, style): (&str, fn(&str) -> ColoredString) = match finding.severity {
        Severity::Error => ("error", |s| s.red().bold()),
        Severity::Warning => ("warning", |s| s.yellow().bold()),
        Severity::Note => ("note", |s| s.cyan().bold()),
    };
    paint_into(buf, color, word, style);
    buf.push(b'[');
    buf.extend_from_slice(finding.rule.name().as_bytes());
    buf.extend_from_slice(b"]:");
    if let Some(vendor) = finding.vendor {
        buf.push(b' ');
        buf.extend_from_slice(vendor.id().as_bytes());
        buf.push(b':');
    }
    buf.push(b' ');
    paint_into(buf, color, &finding.message, |s| s.bold());
    buf.push(b'\n');
}

/// `  --> source:line:column at /pointer`
fn write_arrow(buf: &mut Vec<u8>, color: bool, location: &Location) {
    buf.extend_from_slice(b"  ");
    paint_into(buf, color, "-->", |s| s.blue().bold());
    let _ = write!(
        buf,
        " {}:{}:{}",
        location.source, location.line, location.column
    );
    if !location.pointer.is_empty() {
        buf.extend_from_slice(b" at ");
        buf.extend_from_slice(location.pointer.as_bytes());
    }
    buf.push(b'\n');
}

/// `   = help: text`
fn write_help(buf: &mut Vec<u8>, color: bool, help: &str) {
    buf.extend_from_slice(b"   ");
    paint_into(buf, color, "=", |s| s.blue().bold());
    buf.push(b' ');
    paint_into(buf, color, "help", |s| s.bold());
    buf.extend_from_slice(b": ");
    buf.extend_from_slice(help.as_bytes());
    buf.push(b'\n');
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Renderer for Human<'_> {
    fn begin(&mut self, run: &RunInfo) -> io::Result<()> {
        self.command = run.command;
        Ok(())
    }

    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        if !self.shown(finding.severity) {
            return Ok(());
        }
        if self.verbosity.0 <= 0 && !self.folder.show(finding.rule, &finding.message) {
            return Ok(());
        }
        let (buf, color) = (&mut self.line, self.color);
        buf.clear();
        write_head(buf, color, finding);
        if let Some(location) = &finding.location {
            write_arrow(buf, color, location);
        }
        if let Some(help) = &finding.help {
            write_help(buf, color, help);
        }
        self.out.write_all(buf)
    }

    /// Per rule, the first finding with the first locations, then the count:
    ///
    /// ```text
    /// warning[oppo-channel-id-missing]: oppo: no OPPOChannelID: …
    ///   --> flood.jsonl:1:182 at /OfflinePushInfo/AndroidInfo/OPPOChannelID
    ///   --> flood.jsonl:2:175 at /OfflinePushInfo/AndroidInfo/OPPOChannelID
    ///   --> flood.jsonl:4:190 at /OfflinePushInfo/AndroidInfo/OPPOChannelID
    ///    = help: set OPPOChannelID to …
    ///    = 1000 oppo-channel-id-missing findings in all; the first 3 are shown
    /// ```
    fn by_rule(&mut self, tallies: &[RuleTally]) -> io::Result<()> {
        for tally in tallies {
            let Some(first) = tally.first.first() else {
                continue;
            };
            if !self.shown(tally.severity) {
                continue;
            }
            let (buf, color) = (&mut self.line, self.color);
            buf.clear();
            write_head(buf, color, first);
            for location in tally.first.iter().filter_map(|f| f.location.as_ref()) {
                write_arrow(buf, color, location);
            }
            if let Some(help) = &first.help {
                write_help(buf, color, help);
            }
            buf.extend_from_slice(b"   ");
            paint_into(buf, color, "=", |s| s.blue().bold());
            let _ = write!(
                buf,
                " {} {} {} in all",
                tally.count,
                tally.rule.name(),
                if tally.count == 1 {
                    "finding"
                } else {
                    "findings"
                }
            );
            if tally.count > tally.first.len() as u64 {
                let _ = write!(buf, "; the first {} are shown", tally.first.len());
            }
            buf.push(b'\n');
            self.out.write_all(buf)?;
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
        let folded = self.folder.folded();
        if !folded.is_empty() {
            // Said even under -q: it is why findings are missing from the screen.
            let total: u64 = folded.iter().map(|(_, n)| n).sum();
            let per_rule: Vec<String> = folded
                .iter()
                .map(|(rule, n)| format!("{}: {n}", rule.name()))
                .collect();
            let summary = if self.command == "lint-ext" {
                ", --summary counts them per rule"
            } else {
                ""
            };
            writeln!(
                self.out,
                "folded {total} findings identical to one shown {FOLD_AFTER} times ({}); -v shows them all{summary}, --format json lists every one",
                per_rule.join(", ")
            )?;
        }
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
