//! One report layer for every command: findings go in, and one renderer per output format
//! (human, JSON, GitHub annotations, SARIF) writes them. Renderers stream: each finding is written
//! as it arrives, so a report over a 1 GB JSON Lines file holds no list of findings in memory.

mod by_rule;
mod escape;
mod fold;
mod github;
mod human;
mod human_loss;
mod json;
mod sarif;

pub use by_rule::{RuleTally, FIRST_SHOWN};
pub use fold::{FOLD_AFTER, FOLD_MAX_KEYS};
pub use json::document as json_document;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::checklist::Verdict;
use crate::findings::{Finding, SeverityPolicy, Summary};
use crate::outcome::PushResult;
use crate::push_loss::PushLoss;
use crate::push_trace::DeviceTrace;

/// `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: colour when the terminal supports it.
    #[default]
    Human,
    /// One JSON document, documented in docs/output.md.
    Json,
    /// GitHub Actions workflow commands (`::error file=…::…`).
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// What the report is about.
#[derive(Clone, Debug)]
pub struct RunInfo {
    pub command: &'static str,
    pub version: &'static str,
}

/// Writes one output format. `begin`, then any number of `finding`s and `result`s, then
/// `finish` once.
pub trait Renderer {
    fn begin(&mut self, run: &RunInfo) -> io::Result<()>;
    fn finding(&mut self, finding: &Finding) -> io::Result<()>;
    /// A push or authentication result. GitHub and SARIF output carry only findings (a rejected
    /// push is one), so by default results are not written.
    fn result(&mut self, _result: &PushResult) -> io::Result<()> {
        Ok(())
    }
    /// `checklist`'s verdict, before any finding. The formats that carry only findings write it
    /// as their first, `finding` (None when no step failed or the policy allows the rule).
    fn verdict(&mut self, _verdict: &Verdict, finding: Option<&Finding>) -> io::Result<()> {
        finding.map_or(Ok(()), |finding| self.finding(finding))
    }
    /// Tencent's push trace, per device (`trace`, `send-test --via timpush`). The formats that
    /// carry only findings leave it out: each failed hop is a finding.
    fn trace(&mut self, _devices: &[DeviceTrace]) -> io::Result<()> {
        Ok(())
    }
    /// `loss`'s statistics and buckets, before the findings. The formats that carry only
    /// findings leave it to them (the app-caused buckets and the threshold are findings).
    fn loss(&mut self, _loss: &PushLoss) -> io::Result<()> {
        Ok(())
    }
    /// What kept the run from its answer, told just before `finish` when anything did. The
    /// formats that carry findings and results only leave it to the exit code.
    fn incomplete(&mut self, _incomplete: &Incomplete) -> io::Result<()> {
        Ok(())
    }
    /// `--summary`: per rule the count and the first findings, in place of every finding, just
    /// before `finish`. The formats that carry only findings write the first ones, each
    /// message saying how many it stands for.
    fn by_rule(&mut self, tallies: &[RuleTally]) -> io::Result<()> {
        for tally in tallies {
            let note = tally.count_note();
            for finding in &tally.first {
                let mut finding = finding.clone();
                finding.message = Cow::Owned(format!("{}{note}", finding.message));
                self.finding(&finding)?;
            }
        }
        Ok(())
    }
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// What kept a run from giving its answer: inputs it could not read (exit 2) and requests whose
/// answer is unknown (exit 3). A run with either never reads as clean.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Incomplete {
    pub unreadable: u64,
    pub unknown: u64,
}

impl Incomplete {
    pub fn any(&self) -> bool {
        self.unreadable + self.unknown > 0
    }
}

/// How much the human format says: `-q` hides notes and the summary, `-qq` warnings too; `-v`
/// adds what was checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Verbosity(pub i8);

/// Builds the renderer for `format` writing to `out`.
pub fn renderer<'w>(
    format: Format,
    out: Box<dyn Write + 'w>,
    verbosity: Verbosity,
    color: bool,
) -> Box<dyn Renderer + 'w> {
    match format {
        Format::Human => Box::new(human::Human::new(out, verbosity, color)),
        Format::Json => Box::new(json::Json::new(out)),
        Format::Github => Box::new(github::Github::new(out)),
        Format::Sarif => Box::new(sarif::Sarif::new(out)),
    }
}

/// A report in progress: applies the severity policy, counts, and forwards to the renderer.
pub struct Report<'w> {
    renderer: Box<dyn Renderer + 'w>,
    policy: SeverityPolicy,
    summary: Summary,
    incomplete: Incomplete,
    /// Under `--summary`, findings are tallied here and written at the end.
    by_rule: Option<by_rule::ByRule>,
}

impl<'w> Report<'w> {
    pub fn start(
        mut renderer: Box<dyn Renderer + 'w>,
        policy: SeverityPolicy,
        run: &RunInfo,
    ) -> io::Result<Self> {
        renderer.begin(run)?;
        Ok(Report {
            renderer,
            policy,
            summary: Summary::default(),
            incomplete: Incomplete::default(),
            by_rule: None,
        })
    }

    /// `--summary`: from now on, findings are counted per rule and only the first
    /// [`FIRST_SHOWN`] of each are written, at the end. The summary counts and so the exit code
    /// are the same as without it.
    pub fn summarize(&mut self) {
        self.by_rule.get_or_insert_with(by_rule::ByRule::default);
    }

    /// Reports a finding at the severity the policy gives it (or drops it when allowed).
    pub fn emit(&mut self, mut finding: Finding) -> io::Result<()> {
        let Some(severity) = self.policy.apply(&finding) else {
            return Ok(());
        };
        finding.severity = severity;
        // A message built at run time may quote an endpoint (a vendor's refusal, an unreachable
        // URL); constant text cannot hold a user's password, and is not even scanned.
        if let Cow::Owned(message) = &finding.message {
            if let Cow::Owned(hidden) = crate::secret::hide_userinfo(message) {
                finding.message = Cow::Owned(hidden);
            }
        }
        self.summary.count(severity);
        match &mut self.by_rule {
            Some(by_rule) => {
                by_rule.add(finding);
                Ok(())
            }
            None => self.renderer.finding(&finding),
        }
    }

    /// Reports a push or authentication result.
    pub fn result(&mut self, result: &PushResult) -> io::Result<()> {
        if let Some(message) = &result.vendor_message {
            if let std::borrow::Cow::Owned(hidden) = crate::secret::hide_userinfo(message) {
                let mut result = result.clone();
                result.vendor_message = Some(hidden);
                return self.renderer.result(&result);
            }
        }
        self.renderer.result(result)
    }

    /// Reports `checklist`'s verdict (first, before the findings); not counted in the summary:
    /// the failed step it names is reported as a finding too.
    pub fn verdict(&mut self, verdict: &Verdict) -> io::Result<()> {
        let finding = verdict.finding().and_then(|mut finding| {
            finding.severity = self.policy.apply(&finding)?;
            Some(finding)
        });
        self.renderer.verdict(verdict, finding.as_ref())
    }

    /// Reports the push trace's devices (the `trace` array); its findings are emitted apart.
    pub fn trace(&mut self, devices: &[DeviceTrace]) -> io::Result<()> {
        self.renderer.trace(devices)
    }

    /// Reports `loss`'s picture (before the findings); its findings are emitted apart.
    pub fn loss(&mut self, loss: &PushLoss) -> io::Result<()> {
        self.renderer.loss(loss)
    }

    /// Counts `n` more checked items for the summary.
    pub fn checked(&mut self, n: u64) {
        self.summary.checked += n;
    }

    /// Counts `n` inputs that could not be read (the run exits 2, and never reads as clean).
    pub fn unreadable(&mut self, n: usize) {
        self.incomplete.unreadable += n as u64;
    }

    /// Counts `n` requests whose answer is unknown (the run exits 3 unless a finding decides).
    pub fn unknown(&mut self, n: usize) {
        self.incomplete.unknown += n as u64;
    }

    pub fn finish(mut self) -> io::Result<Summary> {
        if let Some(by_rule) = &self.by_rule {
            self.renderer.by_rule(by_rule.tallies())?;
        }
        if self.incomplete.any() {
            self.renderer.incomplete(&self.incomplete)?;
        }
        self.renderer.finish(&self.summary)?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests;
