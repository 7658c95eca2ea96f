//! `pushdiag status --user USERID`: can this Tencent IM user get an offline push now?
//! `account_check` says whether the account exists, `query_online_status` with per-platform
//! detail says Online / PushOnline / Offline (`apns-fcm-tim.md` D.8, D.9); each answer becomes a
//! finding that explains it. Exit 0 when a push can arrive, 1 when the findings say why none
//! will, 3 when Tencent could not be asked.

use super::Session;
use crate::cli::StatusArgs;
use crate::receiver_status;
use crate::session::{fill_emulated_secrets, load_config};
use crate::ExitStatus;

pub fn run(args: &StatusArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let (config, mut env) = load_config(&session.global)?;
    fill_emulated_secrets(&config, &mut env, session);
    let users: Vec<String> = args.user.iter().map(|u| u.trim().to_owned()).collect();
    let answer = receiver_status::ask(&config, &env, &users, args.net.options(), session)?;
    if session.global.verbose > 0 {
        for exchange in &answer.exchanges {
            for line in &exchange.log {
                session.diagnostic(format_args!("tim: {line}"));
            }
        }
    }
    let mut report = session.report("status")?;
    report.checked(users.len() as u64);
    // The two queries are neither pushes nor authentications, so they are not `results`; a
    // refusal is a finding, a lost answer a line on stderr.
    for finding in answer.findings() {
        report.emit(finding)?;
    }
    let failures = answer.failures();
    report.unknown(failures.len());
    let summary = report.finish()?;
    for failure in failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    Ok(ExitStatus::of(&summary, false, answer.unreachable()))
}
