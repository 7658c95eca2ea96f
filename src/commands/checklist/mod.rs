//! `pushdiag checklist --vendor V`: walks the vendor's troubleshooting checklist
//! (`checklists/<vendor>.toml`). Automatic steps run the checks of the other commands (see
//! [`auto`]); manual steps are asked on a terminal, answered from `--answers`, or listed to check
//! by hand. The report opens with the verdict (`crate::checklist::Verdict`: the failed step that
//! most likely explains the missing push, its fix, the other failures) and carries each failed
//! step (`checklist-step-failed`) and each unchecked one (`checklist-step-unchecked`) after the
//! findings of the checks. Ctrl-C on a question saves the answers so far to resume from.

mod auto;
mod auto_tim;
mod prompt;

use std::io::{IsTerminal, Write};
use std::path::Path;

use auto::{AutoContext, Status, StepResult};
use prompt::Asked;

use super::Session;
use crate::checklist::{Answer, Answers, Checklist, Kind, Step, Verdict, Walked};
use crate::cli::ChecklistArgs;
use crate::config;
use crate::findings::SeverityPolicy;
use crate::ExitStatus;

pub fn run(args: &ChecklistArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let vendor = args.vendor;
    let checklist = Checklist::of(vendor)?;
    if args.list {
        return list(&checklist, session);
    }
    // Bad input first: a broken answers file stops before anything runs.
    let mut answers = match &args.answers {
        Some(path) => Answers::read(path)?,
        None => Answers::default(),
    };
    let policy = SeverityPolicy::from_flags(
        &session.global.deny,
        &session.global.warn,
        &session.global.allow,
    )?;
    let (found, config, mut env) =
        crate::session::load_config_from(&session.global, &args.project)?;
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
                    match prompt::ask(step, &question)? {
                        Asked::Answer(answer) => {
                            answers.set(&step.id, answer);
                            Some(answer)
                        }
                        Asked::Interrupted => return interrupted(vendor, &answers, session),
                    }
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
                result.status.mark(),
                step.id,
                step.title.trim(),
                result.detail
            ));
        }
        walked.push((step, result));
    }

    let views: Vec<Walked<'_>> = walked
        .iter()
        .map(|(step, result)| Walked {
            step,
            status: result.status,
            detail: result.detail.clone(),
            found: result.found.clone(),
        })
        .collect();
    let verdict = Verdict::of(vendor, &views);
    let mut report = session.report("checklist")?;
    report.checked(walked.len() as u64);
    report.verdict(&verdict)?;
    let mut unknown = Vec::new();
    let mut failures = Vec::new();
    for ((_, result), view) in walked.iter().zip(&views) {
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
        if let Some(finding) = view.finding(vendor) {
            report.emit(finding)?;
        }
    }
    // A step that could not run means the walk is incomplete: never "no problems found".
    report.unreadable(failures.len());
    let summary = report.finish()?;
    for line in unknown.iter().chain(&failures) {
        session.diagnostic(format_args!("error: {line}"));
    }
    // The report decides, so `--warn checklist-step-failed` and friends apply as everywhere.
    let unreachable = walked.iter().any(|(_, r)| r.status == Status::Unreachable);
    Ok(ExitStatus::of(&summary, !failures.is_empty(), unreachable))
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

/// Ctrl-C on a question: the answers so far (the file's and the terminal's) go to an answers
/// file in the current folder, and stderr says how to resume. Exit 2: the walk did not finish.
fn interrupted(
    vendor: crate::vendor::Vendor,
    answers: &Answers,
    session: &mut Session<'_>,
) -> anyhow::Result<ExitStatus> {
    let path = format!("pushdiag-answers-{vendor}.toml");
    let resume = format!("pushdiag checklist --vendor {vendor} --answers {path}");
    let text = answers.to_toml(&format!(
        "Answers to `pushdiag checklist --vendor {vendor}`, saved when it was interrupted.\nResume: {resume}"
    ));
    std::fs::write(&path, text).map_err(|e| anyhow::anyhow!("writing answers file {path}: {e}"))?;
    session.diagnostic(format_args!(
        "interrupted: {} saved to {path}; resume with `{resume}`",
        match answers.len() {
            1 => "1 answer".to_owned(),
            n => format!("{n} answers"),
        }
    ));
    Ok(ExitStatus::Failed)
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
