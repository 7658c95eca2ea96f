//! The automatic steps: one dispatcher from [`AutoCheck`] to the library function behind the
//! command that answers it (`check-config`, `check-config --online`, `lint-ext`, `send-test`,
//! `status`). Nothing is checked twice: each arm calls what the command itself calls.

use std::path::Path;

use crate::checklist::AutoCheck;
pub(super) use crate::checklist::Status;
use crate::config::{Config, Environment};
use crate::config_check;
use crate::findings::{Finding, Rule, Severity, SeverityPolicy};
use crate::lint::Profile;
use crate::outcome::Outcome as PushOutcome;
use crate::outcome::Target;
use crate::secret::Secret;
use crate::session::Session;
use crate::test_push;
use crate::vendor::Vendor;
use crate::vendors::push::Exchange;

/// What the automatic checks read.
pub(super) struct AutoContext<'a> {
    pub vendor: Vendor,
    pub config: &'a Config,
    /// The config file, for messages (`pushdiag.toml` when none was found).
    pub config_path: &'a Path,
    pub env: &'a Environment,
    pub project: &'a Path,
    pub ext: Option<&'a str>,
    pub profile: Profile,
    pub emulated: bool,
    pub policy: &'a SeverityPolicy,
    pub user: Option<&'a str>,
    /// `--timeout`, `--retries`, `--proxy`.
    pub net: crate::net::NetOptions,
}

/// One step's result, with what the check found for the report.
pub(super) struct StepResult {
    pub status: Status,
    /// One line: what was found.
    pub detail: String,
    pub findings: Vec<Finding>,
    pub exchanges: Vec<Exchange>,
    pub secrets: Vec<Secret>,
    /// Files that could not be read (exit 2).
    pub failures: Vec<String>,
    /// Lines for stderr (the emulator in use, built-in apps).
    pub notes: Vec<String>,
    /// The first error the check found, rule and help: the verdict's concrete fix.
    pub found: Option<(Rule, Option<String>)>,
}

impl StepResult {
    pub(super) fn new(status: Status, detail: impl Into<String>) -> StepResult {
        StepResult {
            status,
            detail: detail.into(),
            findings: Vec::new(),
            exchanges: Vec::new(),
            secrets: Vec::new(),
            failures: Vec::new(),
            notes: Vec::new(),
            found: None,
        }
    }

    /// A check this build cannot run: the person checks it (as a manual step).
    fn unavailable(command: String) -> StepResult {
        StepResult::new(
            Status::ByHand,
            format!("not available in this build: check by hand (later: `{command}`)"),
        )
    }
}

/// Runs the automatic check `check` for the context's vendor.
pub(super) fn run(
    check: AutoCheck,
    ctx: &AutoContext<'_>,
    session: &mut Session<'_>,
) -> StepResult {
    let vendor = ctx.vendor;
    match (check, vendor) {
        (AutoCheck::TimStatus, _) => super::auto_tim::tim_status(ctx, session),
        (AutoCheck::PushTrace, _) => super::auto_tim::push_trace(ctx, session),
        (AutoCheck::CheckConfig, _) => check_offline(ctx),
        (AutoCheck::CheckOnline, _) => check_online(ctx, session),
        (AutoCheck::LintExt, _) => lint_ext(ctx),
        (AutoCheck::SendTest, _) => send_test(ctx),
    }
}

/// Failed when any finding is an error after `--deny/--warn/--allow`; the detail names the rules.
pub(super) fn judge(what: &str, findings: Vec<Finding>, policy: &SeverityPolicy) -> StepResult {
    let mut errors: Vec<&'static str> = Vec::new();
    let mut others: Vec<&'static str> = Vec::new();
    let mut found = None;
    for finding in &findings {
        let list = match policy.apply(finding) {
            Some(Severity::Error) => {
                found.get_or_insert_with(|| {
                    (finding.rule, finding.help.as_deref().map(str::to_owned))
                });
                &mut errors
            }
            Some(_) => &mut others,
            None => continue,
        };
        if !list.contains(&finding.rule.name()) {
            list.push(finding.rule.name());
        }
    }
    let mut result = if !errors.is_empty() {
        StepResult::new(
            Status::Failed,
            format!("{what} found {}", errors.join(", ")),
        )
    } else if !others.is_empty() {
        StepResult::new(
            Status::Passed,
            format!("{what}: no errors ({} only)", others.join(", ")),
        )
    } else {
        StepResult::new(Status::Passed, format!("{what}: no problems"))
    };
    result.findings = findings;
    result.found = found;
    result
}

/// `check-config --vendor V`, offline.
fn check_offline(ctx: &AutoContext<'_>) -> StepResult {
    let offline = config_check::offline(
        ctx.config,
        ctx.env,
        ctx.config_path,
        &[ctx.vendor],
        ctx.project,
    );
    let mut findings = offline.findings;
    // As `check-config --emulated`: files the emulator stands in for are not missing.
    let stand_ins = if ctx.emulated {
        config_check::drop_files_the_emulator_stands_in(ctx.config, &mut findings)
    } else {
        Vec::new()
    };
    let mut result = judge("check-config", findings, ctx.policy);
    result.notes.extend(config_check::stand_in_note(&stand_ins));
    result.failures = offline
        .failures
        .iter()
        .map(|error| format!("{error:#}"))
        .collect();
    result
}

/// `check-config --online --vendor V`: the vendor's harmless credential check.
fn check_online(ctx: &AutoContext<'_>, session: &mut Session<'_>) -> StepResult {
    let vendor = ctx.vendor;
    if !config_check::ONLINE_VENDORS.contains(&vendor) {
        return StepResult::unavailable(AutoCheck::CheckOnline.command(vendor));
    }
    let configured = ctx.config.configured();
    let online = match config_check::online(
        &[vendor],
        &configured,
        ctx.config,
        ctx.env,
        ctx.net,
        session,
    ) {
        Ok(online) => online,
        Err(error) => {
            return StepResult::new(Status::Unreachable, format!("could not check: {error:#}"))
        }
    };
    let exchanges: Vec<Exchange> = online
        .exchanges
        .into_iter()
        .flat_map(|(_, exchanges)| exchanges)
        .collect();
    if exchanges.is_empty() {
        let mut result = StepResult::new(
            Status::Skipped,
            format!("not run: no complete [{vendor}] credentials to check (the config step says what is missing)"),
        );
        result.notes = online.notes;
        return result;
    }
    exchange_result("the credential check", exchanges, ctx)
}

/// The findings of the exchanges judged; unreachable when no error but an unknown answer.
fn exchange_result(what: &str, exchanges: Vec<Exchange>, ctx: &AutoContext<'_>) -> StepResult {
    let findings: Vec<Finding> = exchanges.iter().filter_map(|e| e.finding.clone()).collect();
    let unreachable = exchanges
        .iter()
        .any(|e| e.result.outcome == PushOutcome::Unreachable);
    let mut result = judge(what, findings, ctx.policy);
    // The exchanges' findings are emitted with them (located in the config, redacted).
    result.findings.clear();
    if result.status == Status::Passed && unreachable {
        result.status = Status::Unreachable;
        result.detail = format!(
            "{what}: {} could not be reached; the answer is unknown, try again later",
            ctx.vendor.display_name()
        );
    } else if result.status == Status::Passed {
        let name = ctx.vendor.display_name();
        let pushes = exchanges
            .iter()
            .filter(|e| e.result.target != Target::Auth)
            .count();
        result.detail = match pushes {
            0 => format!("{what}: {name} accepted the credentials"),
            1 => format!("{what}: {name} accepted the push to the test device"),
            n => format!("{what}: {name} accepted the pushes to {n} test devices"),
        };
    }
    result.exchanges = exchanges;
    result.secrets = config_check::resolved_secrets(ctx.config, ctx.env);
    result
}

/// `lint-ext --vendor V` of `--ext`, or of the ext `send-test` sends by default.
fn lint_ext(ctx: &AutoContext<'_>) -> StepResult {
    let (ext, source) = match ctx.ext {
        Some(ext) => (ext.to_owned(), "--ext"),
        None => (test_push::default_ext(ctx.profile), "<default ext>"),
    };
    let findings = test_push::lint_ext(&ext, source, ctx.profile, ctx.vendor);
    judge(&format!("lint-ext of {source}"), findings, ctx.policy)
}

/// `send-test --vendor V` to the config's test devices.
fn send_test(ctx: &AutoContext<'_>) -> StepResult {
    let pushed =
        match test_push::send_default(ctx.vendor, ctx.config, ctx.env, ctx.emulated, ctx.net) {
            Ok(pushed) => pushed,
            Err(error) => {
                let text = format!("{error:#}");
                let text = text.strip_prefix("cannot send: ").unwrap_or(&text);
                return StepResult::new(Status::Skipped, format!("not run: {text}"));
            }
        };
    let mut result = exchange_result("the test push", pushed.exchanges, ctx);
    result.secrets.extend(pushed.secrets);
    result.notes = pushed.notes;
    let lint = judge("lint-ext", pushed.lint_findings, ctx.policy);
    result.findings = lint.findings;
    result
}
