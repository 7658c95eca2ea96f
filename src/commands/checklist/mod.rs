//! `pushdiag checklist --vendor V`: walks the vendor's troubleshooting checklist
//! (`checklists/<vendor>.toml`). Automatic steps run the checks of the other commands (see
//! [`auto`]); manual steps are asked on a terminal, answered from `--answers`, or listed to check
//! by hand. The report carries each failed step (`checklist-step-failed`, the first one is the
//! verdict) and each unchecked one (`checklist-step-unchecked`), after the findings of the checks.

mod auto;
mod prompt;

use std::io::{IsTerminal, Write};
use std::path::Path;

use auto::{AutoContext, Status, StepResult};

use super::Session;
use crate::checklist::{Answer, Answers, Checklist, Kind, Step};
use crate::cli::ChecklistArgs;
use crate::config;
use crate::findings::{Finding, Rule, SeverityPolicy};
use crate::vendor::Vendor;
use crate::ExitStatus;

pub fn run(args: &ChecklistArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let vendor = args.vendor;
    let checklist = Checklist::of(vendor)?;
    if args.list {
        return list(&checklist, session);
    }
    // Bad input first: a broken answers file stops before anything runs.
    let answers = match &args.answers {
        Some(path) => Answers::read(path)?,
        None => Answers::default(),
    };
    let policy = SeverityPolicy::from_flags(
        &session.global.deny,
        &session.global.warn,
        &session.global.allow,
    )?;
    let mut env = config::Environment::from_process();
    let found = config::discover(session.global.config.as_deref(), None, &args.project)?;
    let config = config::load(found.as_deref(), &env)?;
    crate::session::fill_emulated_secrets(&config, &mut env, session);
    let config_path = found
        .clone()
        .unwrap_or_else(|| Path::new(config::FILE_NAME).to_path_buf());
    let interactive = interactive(session);
    let quiet = session.global.quiet > 0;
    let ctx = AutoContext {
        vendor,
        config: &config,
        config_path: &config_path,
        env: &env,
        project: &args.project,
        ext: args.ext.as_deref(),
        profile: args.profile,
        emulated: session.global.emulated,
        policy: &policy,
        user: args.user.as_deref(),
        net: args.net.options(),
    };

    if !quiet {
        session.diagnostic(format_args!(
            "{} checklist ({} steps): {}",
            vendor.display_name(),
            checklist.steps.len(),
            checklist.intro.trim()
        ));
        if found.is_none() {
            session.diagnostic(format_args!(
                "no {} found (--config, $PUSHDIAG_CONFIG, or --project and its parents)",
                config::FILE_NAME
            ));
        }
    }
    let mut walked: Vec<(&Step, StepResult)> = Vec::new();
    let mut stage = None;
    for step in &checklist.steps {
        if !quiet && stage != Some(step.stage) {
            stage = Some(step.stage);
            session.diagnostic(format_args!("\n{}", step.stage.title()));
        }
        let mut result = match (step.kind, step.auto) {
            (Kind::Auto, Some(check)) => auto::run(check, &ctx, session),
            _ => StepResult::new(Status::ByHand, "to check by hand"),
        };
        // Manual steps, and automatic ones this build cannot run: the answers file or a person.
        if result.status == Status::ByHand {
            let answer = match answers.get(&step.id) {
                Some(answer) => Some(answer),
                None if interactive => {
                    let question = match step.kind {
                        Kind::Manual => step.check.clone(),
                        Kind::Auto => format!("{} Is that so?", step.check.trim()),
                    };
                    Some(prompt::ask(step, &question)?)
                }
                None => None,
            };
            if let Some(answer) = answer {
                result = answered(answer, result);
            }
        }
        for note in &result.notes {
            session.diagnostic(format_args!("  {note}"));
        }
        if !quiet {
            session.diagnostic(format_args!(
                "  {} {}: {}: {}",
                mark(result.status),
                step.id,
                step.title.trim(),
                result.detail
            ));
        }
        walked.push((step, result));
    }

    let mut report = session.report("checklist")?;
    report.checked(walked.len() as u64);
    let mut unknown = Vec::new();
    let mut failures = Vec::new();
    for (step, result) in &walked {
        for finding in &result.findings {
            report.emit(finding.clone())?;
        }
        unknown.extend(crate::exchanges::emit(
            &mut report,
            vendor,
            &config,
            &result.exchanges,
            &result.secrets,
        )?);
        failures.extend(result.failures.iter().cloned());
        if let Some(finding) = step_finding(vendor, step, result) {
            report.emit(finding)?;
        }
    }
    let summary = report.finish()?;
    for line in unknown.iter().chain(&failures) {
        session.diagnostic(format_args!("error: {line}"));
    }
    verdict(&walked, session);
    // The report decides, so `--warn checklist-step-failed` and friends apply as everywhere.
    let failed = summary.errors > 0;
    let unreachable = walked.iter().any(|(_, r)| r.status == Status::Unreachable);
    Ok(if !failures.is_empty() {
        ExitStatus::Failed
    } else if failed {
        ExitStatus::Findings
    } else if unreachable {
        ExitStatus::Unreachable
    } else {
        ExitStatus::Clean
    })
}

/// Prompts only for people: stdin and stderr terminals, `CI` unset, no `--no-input`.
fn interactive(session: &Session<'_>) -> bool {
    session.streams.stdin_is_terminal
        && std::io::stderr().is_terminal()
        && !session.global.no_input
        && std::env::var_os("CI").is_none_or(|v| v.is_empty())
}

/// A person's answer to a step nobody else could check.
fn answered(answer: Answer, mut result: StepResult) -> StepResult {
    let (status, detail) = match answer {
        Answer::Yes => (Status::Passed, "answered yes"),
        Answer::No => (Status::Failed, "answered no"),
        Answer::Skip => (Status::Skipped, "skipped"),
    };
    result.status = status;
    result.detail = detail.to_owned();
    result
}

fn mark(status: Status) -> &'static str {
    match status {
        Status::Passed => "[ok]  ",
        Status::Failed => "[FAIL]",
        Status::Skipped => "[skip]",
        Status::ByHand => "[hand]",
        Status::Unreachable => "[??]  ",
    }
}

/// The report's finding for a step: failed, or left to check by hand; none otherwise.
fn step_finding(vendor: Vendor, step: &Step, result: &StepResult) -> Option<Finding> {
    let title = step.title.trim();
    let finding = match result.status {
        Status::Failed => Finding::new(
            Rule::ChecklistStepFailed,
            format!(
                "{}: {title}: {}. {}",
                step.id,
                result.detail,
                step.why.trim()
            ),
        )
        .help(step.fix.trim()),
        Status::ByHand => {
            let what = match step.kind {
                Kind::Manual => "to check by hand".to_owned(),
                Kind::Auto => result.detail.clone(),
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

/// The closing lines for people (stderr): the first failing step, why, and the fix.
fn verdict(walked: &[(&Step, StepResult)], session: &mut Session<'_>) {
    let first = walked.iter().find(|(_, r)| r.status == Status::Failed);
    let by_hand: Vec<&str> = walked
        .iter()
        .filter(|(_, r)| r.status == Status::ByHand)
        .map(|(s, _)| s.id.as_str())
        .collect();
    session.diagnostic(format_args!(""));
    match first {
        Some((step, result)) => {
            session.diagnostic(format_args!(
                "verdict: the first failing step is {}: {} ({})",
                step.id,
                step.title.trim(),
                result.detail
            ));
            session.diagnostic(format_args!("  why: {}", step.why.trim()));
            session.diagnostic(format_args!("  fix: {}", step.fix.trim()));
        }
        None if by_hand.is_empty() => {
            session.diagnostic(format_args!("verdict: no step failed"));
        }
        None => {
            session.diagnostic(format_args!(
                "verdict: no step failed; {} to check by hand: {}",
                by_hand.len(),
                by_hand.join(", ")
            ));
        }
    }
}

/// `--list`: the steps, one a line (id, kind, title), on stdout.
fn list(checklist: &Checklist, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let out = &mut session.streams.stdout;
    for step in &checklist.steps {
        let kind = match (step.kind, step.auto) {
            (Kind::Auto, Some(check)) => format!("auto:{}", check.name()),
            _ => "manual".to_owned(),
        };
        writeln!(out, "{}\t{kind}\t{}", step.id, step.title.trim())?;
    }
    out.flush()?;
    Ok(ExitStatus::Clean)
}
