//! The verdict of a walk: of the failed steps, the one that most directly explains "the push did
//! not show" (its [`Impact`], then the walking order), with its concrete fix, and the other
//! failures after it. Answering "no" to a phone's notification switch names the switch, not a
//! `package-name-mismatch` the config step found: the switch rules out any push showing.

use super::{Impact, Kind, Step};
use crate::findings::{Finding, Rule};
use crate::vendor::Vendor;

/// How a step ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    /// An error finding, or answered "no".
    Failed,
    /// Answered "skip", or an automatic check with nothing to check (no credentials, no device).
    Skipped,
    /// Nobody answered, or this build cannot run the check: to check by hand.
    ByHand,
    /// A vendor could not be reached: the answer is unknown.
    Unreachable,
}

impl Status {
    /// The name in `--format json`'s `steps[].status`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
            Status::ByHand => "unchecked",
            Status::Unreachable => "unknown",
        }
    }

    /// The mark of the walk's lines on stderr.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Passed => "[ok]  ",
            Status::Failed => "[FAIL]",
            Status::Skipped => "[skip]",
            Status::ByHand => "[hand]",
            Status::Unreachable => "[??]  ",
        }
    }
}

/// One step as the walk left it.
pub struct Walked<'a> {
    pub step: &'a Step,
    pub status: Status,
    /// One line: what was found (`answered no`, `check-config found package-name-mismatch`).
    pub detail: String,
    /// For an automatic step that failed: the first error its check found, rule and help.
    pub found: Option<(Rule, Option<String>)>,
}

impl Walked<'_> {
    /// The report's finding for the step: failed, or left to check by hand; none otherwise.
    pub fn finding(&self, vendor: Vendor) -> Option<Finding> {
        let step = self.step;
        let title = step.title.trim();
        let finding = match self.status {
            Status::Failed => {
                // The step's own words for the rule its check found (receiver-online), if any.
                let (why, fix) = match self.found.as_ref().and_then(|(rule, _)| step.cause(*rule)) {
                    Some(cause) => (&cause.why, &cause.fix),
                    None => (&step.why, &step.fix),
                };
                Finding::new(
                    Rule::ChecklistStepFailed,
                    format!("{}: {title}: {}. {}", step.id, self.detail, why.trim()),
                )
                .help(fix.trim().to_owned())
            }
            Status::ByHand => {
                let what = match step.kind {
                    Kind::Manual => "to check by hand",
                    Kind::Auto => self.detail.as_str(),
                };
                let menu = step
                    .menu
                    .as_ref()
                    .map(|m| format!(" Where: {}", m.trim()))
                    .unwrap_or_default();
                let help = match step.kind {
                    Kind::Manual => format!(
                        "answer it on a terminal, or in an --answers file: {} = \"yes\" (or \"no\")",
                        step.id
                    ),
                    Kind::Auto => format!(
                        "check it by hand, then answer it in an --answers file: {} = \"yes\" (or \"no\"); the answer counts only while pushdiag cannot run the check",
                        step.id
                    ),
                };
                Finding::new(
                    Rule::ChecklistStepUnchecked,
                    format!("{}: {what}: {}{menu}", step.id, step.check.trim()),
                )
                .help(help)
            }
            Status::Passed | Status::Skipped | Status::Unreachable => return None,
        };
        Some(finding.vendor(vendor))
    }
}

/// A failed step, explained.
#[derive(Clone, Debug)]
pub struct Failure {
    pub step: String,
    pub title: String,
    /// The rule the step's check found, or `checklist-step-failed` for a "no".
    pub rule: Rule,
    pub detail: String,
    pub why: String,
    /// The concrete fix: the step's own for the rule found, the finding's help, or the step's.
    pub fix: String,
    pub impact: Impact,
}

impl Failure {
    /// One line: the step's title, what was found, and why it explains the missing push.
    pub fn message(&self) -> String {
        format!("{} ({}): {}", self.title, self.detail, self.why)
    }
}

/// One line of `--format json`'s `steps`.
#[derive(Clone, Debug)]
pub struct StepRecord {
    pub id: String,
    pub status: Status,
    /// What the check found or the answer given.
    pub evidence: String,
}

/// The walk's conclusion.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub vendor: Vendor,
    /// The failed steps, the likely cause first.
    pub failures: Vec<Failure>,
    /// Steps nobody checked.
    pub by_hand: Vec<String>,
    pub steps: Vec<StepRecord>,
}

impl Verdict {
    pub fn of(vendor: Vendor, walked: &[Walked<'_>]) -> Verdict {
        let mut failures: Vec<Failure> = walked
            .iter()
            .filter(|w| w.status == Status::Failed)
            .map(explain)
            .collect();
        // A stable sort keeps the walking order within one impact.
        failures.sort_by_key(|f| f.impact);
        Verdict {
            vendor,
            failures,
            by_hand: walked
                .iter()
                .filter(|w| w.status == Status::ByHand)
                .map(|w| w.step.id.clone())
                .collect(),
            steps: walked
                .iter()
                .map(|w| StepRecord {
                    id: w.step.id.clone(),
                    status: w.status,
                    evidence: w.detail.clone(),
                })
                .collect(),
        }
    }

    /// The failed step that most likely explains the missing push.
    pub fn cause(&self) -> Option<&Failure> {
        self.failures.first()
    }

    /// The other failed steps, most likely first.
    pub fn others(&self) -> &[Failure] {
        self.failures.get(1..).unwrap_or_default()
    }

    /// One line when no step failed.
    pub fn nothing_failed(&self) -> String {
        if self.by_hand.is_empty() {
            "no step failed".to_owned()
        } else {
            format!(
                "no step failed; {} to check by hand: {}",
                self.by_hand.len(),
                self.by_hand.join(", ")
            )
        }
    }

    /// The verdict as one finding, for the formats that carry only findings (GitHub, SARIF):
    /// the likely cause, its fix, and the other failures. None when no step failed.
    pub fn finding(&self) -> Option<Finding> {
        let cause = self.cause()?;
        let mut message = format!("verdict: {}: {}", cause.step, cause.message());
        if !self.others().is_empty() {
            let others: Vec<&str> = self.others().iter().map(|f| f.step.as_str()).collect();
            message.push_str(&format!(
                " Also failed, less likely the cause: {}.",
                others.join(", ")
            ));
        }
        Some(
            Finding::new(cause.rule, message)
                .help(cause.fix.clone())
                .vendor(self.vendor),
        )
    }
}

/// Why a failed step explains the missing push, and its fix.
fn explain(walked: &Walked<'_>) -> Failure {
    let step = walked.step;
    let (rule, help) = match (&walked.found, step.kind) {
        (Some((rule, help)), Kind::Auto) => (*rule, help.clone()),
        _ => (Rule::ChecklistStepFailed, None),
    };
    let (why, fix) = match step.cause(rule) {
        Some(cause) => (cause.why.trim().to_owned(), cause.fix.trim().to_owned()),
        None => (
            step.why.trim().to_owned(),
            help.unwrap_or_else(|| step.fix.trim().to_owned()),
        ),
    };
    Failure {
        step: step.id.clone(),
        title: step.title.trim().to_owned(),
        rule,
        detail: walked.detail.clone(),
        why,
        fix,
        impact: step.impact(),
    }
}
