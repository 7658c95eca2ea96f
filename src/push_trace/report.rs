//! Reporting what [`super::Asked`] learnt: the batch's result, the devices (the `trace` array),
//! the join's and the verdict's findings, and the exit code: 1 when a hop failed or a switch is
//! off, 3 when Tencent could not be asked, else 0.

use crate::config::Config;
use crate::secret::Secret;
use crate::session::Session;
use crate::vendor::Vendor;
use crate::ExitStatus;

use super::{findings, Asked, CertIds};

/// The devices' findings: each first failed hop, and the trace joined with the config and with
/// the app in the config's folder, read as check-config reads it (which value in which file a
/// token's certificate ID came from; a config kept elsewhere finds no app and loses nothing).
pub fn joined(
    config: &Config,
    devices: &[crate::push_trace::DeviceTrace],
) -> Vec<crate::findings::Finding> {
    let app = crate::project::check(&config.dir, &crate::project::Expectations::default());
    let cert_ids = CertIds::of(config).with_app(&app.facts.app_code);
    findings(devices, &cert_ids)
}

pub fn report(
    session: &mut Session<'_>,
    command: &'static str,
    config: &Config,
    asked: Asked,
    secrets: &[Secret],
) -> anyhow::Result<ExitStatus> {
    let Asked {
        batch,
        queries,
        devices,
        findings: mut found,
        notes,
    } = asked;
    for note in &notes {
        session.diagnostic(format_args!("{note}"));
    }
    let exchanges: Vec<_> = batch.into_iter().chain(queries).collect();
    if session.global.verbose > 0 {
        for exchange in &exchanges {
            for line in &exchange.log {
                session.diagnostic(format_args!("tim: {line}"));
            }
        }
    }
    found.extend(joined(config, &devices));
    let mut report = session.report(command)?;
    report.checked(devices.len() as u64);
    report.trace(&devices)?;
    for finding in found {
        report.emit(finding)?;
    }
    let failures = crate::exchanges::emit(&mut report, Vendor::Tim, config, &exchanges, secrets)?;
    let summary = report.finish()?;
    for failure in &failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    let unreachable = crate::exchanges::any_unreachable(&exchanges);
    Ok(ExitStatus::of(&summary, false, unreachable))
}
