//! What a vendor answered, reported: each exchange's result and finding (secrets redacted, a
//! refused credential located in the config), lines for the answers that are unknown, and the
//! exit code they decide. `send-test`, `check-config --online` and `checklist` share it.

use crate::config::{Config, Origin, Section};
use crate::findings::Finding;
use crate::outcome::{Outcome, Target};
use crate::render::Report;
use crate::secret::Secret;
use crate::session::Session;
use crate::vendor::Vendor;
use crate::vendors::push::Exchange;
use crate::ExitStatus;

/// Writes the results and findings, and decides the exit code: 1 when anything was refused, else
/// 3 when an answer is unknown, else 0.
pub fn report(
    session: &mut Session<'_>,
    vendor: Vendor,
    config: &Config,
    lint_findings: Vec<Finding>,
    exchanges: Vec<Exchange>,
    secrets: &[Secret],
    pushes: usize,
) -> anyhow::Result<ExitStatus> {
    let secret_refs: Vec<&Secret> = secrets.iter().collect();
    let redact = |text: &str| crate::secret::redact(text, &secret_refs);
    if session.global.verbose > 0 {
        for exchange in &exchanges {
            for line in &exchange.log {
                session.diagnostic(format_args!("{}: {}", vendor.id(), redact(line)));
            }
        }
    }
    let mut report = session.report("send-test")?;
    report.checked(pushes as u64);
    for finding in lint_findings {
        report.emit(finding)?;
    }
    let failures = emit(&mut report, vendor, config, &exchanges, secrets)?;
    let summary = report.finish()?;
    for failure in &failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    Ok(ExitStatus::of(&summary, false, any_unreachable(&exchanges)))
}

/// Writes each exchange's result and finding (secrets redacted, a refused credential located in
/// the config), and returns one line per exchange whose answer is unknown.
pub fn emit(
    report: &mut Report<'_>,
    vendor: Vendor,
    config: &Config,
    exchanges: &[Exchange],
    secrets: &[Secret],
) -> std::io::Result<Vec<String>> {
    let secret_refs: Vec<&Secret> = secrets.iter().collect();
    let redact = |text: &str| crate::secret::redact(text, &secret_refs);
    let mut failures = Vec::new();
    for exchange in exchanges {
        let mut result = exchange.result.clone();
        result.vendor_message = result.vendor_message.map(|m| redact(&m));
        report.result(&result)?;
        if let Some(finding) = &exchange.finding {
            let mut finding = finding.clone();
            finding.message = redact(&finding.message).into();
            if let Some(key) = exchange.credential {
                finding.location =
                    config
                        .setting(Section::of_vendor(vendor), key)
                        .and_then(|setting| match &setting.origin {
                            Origin::File(location) => Some(location.clone()),
                            Origin::Env(_) => None,
                        });
            }
            report.emit(finding)?;
        }
        if let Some(failure) = &exchange.failure {
            let what = if exchange.result.target == Target::Auth {
                format!("{} authentication", vendor.id())
            } else {
                format!("{} push to {}", vendor.id(), exchange.result.target)
            };
            // The log has one "try N of M" line per request sent, and other notes besides.
            let tries = exchange
                .log
                .iter()
                .filter(|line| line.starts_with("try "))
                .count()
                .max(1);
            let tries = if tries == 1 {
                "1 try".to_owned()
            } else {
                format!("{tries} tries")
            };
            let outcome = if failure.ends_with(crate::net::UNTRUSTED) {
                // Not "try again": the failure says why that cannot help.
                "fix the trust (`ca-file`) or the address; nothing was pushed"
            } else if exchange.not_received {
                "nothing was pushed; try again later"
            } else {
                "the answer is unknown, try again later"
            };
            failures.push(format!("{what}: {} ({tries}); {outcome}", redact(failure)));
            report.unknown(1);
        }
    }
    Ok(failures)
}

/// True when some answer is unknown (exit 3 when nothing was refused).
pub fn any_unreachable(exchanges: &[Exchange]) -> bool {
    exchanges
        .iter()
        .any(|e| e.result.outcome == Outcome::Unreachable)
}
