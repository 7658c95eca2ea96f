//! Asking Tencent: one trace (`pushdiag trace`), or a `timpush/batch` push followed by its trace
//! per receiver until every device is done or the wait runs out (`send-test --via timpush`).
//! What comes back is data for the report: exchanges, devices, findings and notes.

use std::time::{Duration, Instant};

use crate::findings::{Finding, Rule};
use crate::net::NetOptions;
use crate::outcome::Outcome;
use crate::session::{self, Session};
use crate::vendor::Vendor;
use crate::vendors::endpoints;
use crate::vendors::push::Exchange;
use crate::vendors::tim::{self, AppCredentials, Batch, BatchAnswer, TraceQuery, Tracer};

use super::{is_final, DeviceTrace};

/// Tencent keeps push traces 7 days (§3.3, §3.4).
pub const TRACE_DAYS: u64 = 7;

/// What the run learnt.
#[derive(Default)]
pub struct Asked {
    /// The batch push, if one was sent: a `result` of the report.
    pub batch: Option<Exchange>,
    /// The trace queries that did not get a trace (refused, or no usable answer).
    pub queries: Vec<Exchange>,
    pub devices: Vec<DeviceTrace>,
    pub findings: Vec<Finding>,
    /// Lines for stderr.
    pub notes: Vec<String>,
}

/// Where the client talks: the emulator under `--emulated`, else `[tim]`'s endpoint or region.
async fn client(
    config: &crate::config::Config,
    credentials: AppCredentials,
    emulated: bool,
    net: &NetOptions,
    session: &mut Session<'_>,
) -> anyhow::Result<(tim::Client, Option<crate::emulator::Emulator>)> {
    let emulator = endpoints::emulator_if(emulated).await?;
    let base = endpoints::tim_base(config, emulator.as_ref())?;
    if let Some(emulator) = &emulator {
        let note = endpoints::emulator_note(&emulator.base_url(Vendor::Tim));
        session.diagnostic(format_args!("{note}"));
    }
    Ok((tim::Client::new(&base, credentials, net)?, emulator))
}

/// `pushdiag trace`: one query.
pub fn trace(
    config: &crate::config::Config,
    credentials: AppCredentials,
    query: &TraceQuery,
    net: &NetOptions,
    session: &mut Session<'_>,
) -> anyhow::Result<Asked> {
    let emulated = session.global.emulated;
    let mut asked = Asked::default();
    if let Some(note) = window_note(query) {
        asked.notes.push(note);
    }
    session::runtime()?.block_on(async {
        let (client, emulator) = client(config, credentials, emulated, net, session).await?;
        let mut tracer = Tracer::new(&client);
        let (exchange, devices) = tracer.trace(query).await?;
        take(&mut asked, query, exchange, devices);
        if let Some(emulator) = emulator {
            emulator.shutdown().await;
        }
        anyhow::Ok(())
    })?;
    Ok(asked)
}

/// Keeps a query's answer: its devices, or (refused, unknown) its exchange; an empty trace is a
/// finding.
fn take(
    asked: &mut Asked,
    query: &TraceQuery,
    exchange: Exchange,
    devices: Option<Vec<DeviceTrace>>,
) {
    match devices {
        Some(devices) if devices.is_empty() => asked.findings.push(empty(query)),
        Some(devices) => asked.devices.extend(devices),
        None => asked.queries.push(exchange),
    }
}

fn empty(query: &TraceQuery) -> Finding {
    let what = match query {
        TraceQuery::PushId(id) => format!("PushID {id}"),
        TraceQuery::Task { task, user } => format!("task {task} to {user}"),
    };
    Finding::new(
        Rule::PushTraceEmpty,
        format!("Tencent's push trace has no device for {what}"),
    )
    .vendor(Vendor::Tim)
    .help(format!(
        "check the ID (a PushID comes from the Push.OfflinePush callback or the console's push records, a TaskId from timpush/batch) and ask within {TRACE_DAYS} days of the push; `pushdiag status --user USERID` shows whether the receiver has a push token"
    ))
}

/// When the ID's timestamp says it is older than the trace window: a note, and Tencent is still
/// asked (the timestamp reading is inferred from the IDs' format).
fn window_note(query: &TraceQuery) -> Option<String> {
    let id = match query {
        TraceQuery::PushId(id) => id,
        TraceQuery::Task { task, .. } => task,
    };
    let minted = super::task_age(id)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let days = now.checked_sub(minted)? / 86_400;
    (days > TRACE_DAYS).then(|| {
        let date = time::OffsetDateTime::from_unix_timestamp(minted as i64)
            .map(|d| d.date().to_string())
            .unwrap_or_default();
        // No day count: the date says it, and stays the same from one day to the next.
        format!(
            "note: this push's ID was minted on {date}, more than {TRACE_DAYS} days ago; Tencent keeps push traces {TRACE_DAYS} days, so it may have none"
        )
    })
}

/// `send-test --via timpush`: the batch once, then each receiver's trace, paced, until every
/// device is done or `wait` runs out. The batch is never sent again.
pub fn push_and_trace(
    config: &crate::config::Config,
    credentials: AppCredentials,
    batch: &Batch,
    wait: Duration,
    net: &NetOptions,
    session: &mut Session<'_>,
) -> anyhow::Result<Asked> {
    let emulated = session.global.emulated;
    let mut asked = Asked::default();
    session::runtime()?.block_on(async {
        let (client, emulator) = client(config, credentials, emulated, net, session).await?;
        let (exchange, answer) = client.batch(batch).await?;
        if let Some(answer) = &answer {
            session.diagnostic(format_args!("timpush/batch TaskId: {}", answer.task_id));
            asked.findings.extend(refused_receivers(answer));
            poll(&client, batch, answer, wait, &mut asked, session).await?;
        }
        asked.batch = Some(exchange);
        if let Some(emulator) = emulator {
            emulator.shutdown().await;
        }
        anyhow::Ok(())
    })?;
    Ok(asked)
}

/// `ErrorList`: the receivers Tencent refused while taking the batch.
fn refused_receivers(answer: &BatchAnswer) -> Vec<Finding> {
    answer
        .errors
        .iter()
        .map(|error| {
            let code = error.code.unwrap_or_default();
            let rule = match code {
                70107 | 20003 | 90012 | 90048 => Rule::UserNotFound,
                _ => Rule::PushRejected,
            };
            let meaning = tim::timpush_codes::lookup(code)
                .or_else(|| tim::codes::lookup(code))
                .map(|c| format!(": {}", c.meaning))
                .unwrap_or_default();
            let info = error
                .info
                .as_deref()
                .map(|i| format!(" {i:?}"))
                .unwrap_or_default();
            Finding::new(
                rule,
                format!(
                    "Tencent took the push but not for {}: ErrorCode {code}{info}{meaning}",
                    error.user
                ),
            )
            .vendor(Vendor::Tim)
            .help("check the UserID (`pushdiag status --user USERID`)")
        })
        .collect()
}

/// Asks each receiver's trace until all its devices are done or `wait` is over.
async fn poll(
    client: &tim::Client,
    batch: &Batch,
    answer: &BatchAnswer,
    wait: Duration,
    asked: &mut Asked,
    session: &mut Session<'_>,
) -> anyhow::Result<()> {
    let refused: Vec<&str> = answer.errors.iter().map(|e| e.user.as_str()).collect();
    let mut pending: Vec<(TraceQuery, Option<Vec<DeviceTrace>>)> = batch
        .to
        .iter()
        .filter(|user| !refused.contains(&user.as_str()))
        .map(|user| {
            let query = TraceQuery::Task {
                task: answer.task_id.clone(),
                user: user.clone(),
            };
            (query, None)
        })
        .collect();
    let deadline = Instant::now() + wait;
    let mut tracer = Tracer::new(client);
    let mut done = Vec::new();
    loop {
        let mut still = Vec::new();
        for (query, _) in pending {
            let (exchange, devices) = tracer.trace(&query).await?;
            let finished = match &devices {
                // Tencent did not answer with a trace: asking again will not help.
                None => true,
                Some(devices) => !devices.is_empty() && devices.iter().all(is_final),
            };
            if finished || exchange.result.outcome != Outcome::Accepted {
                done.push((query, exchange, devices));
            } else {
                still.push((query, devices, exchange));
            }
        }
        if still.is_empty() || Instant::now() >= deadline {
            for (query, devices, exchange) in still {
                if let TraceQuery::Task { task, user } = &query {
                    session.diagnostic(format_args!(
                        "note: the push to {user} is still on its way after {}s; ask again later: pushdiag trace --task {task} --user {user}",
                        wait.as_secs()
                    ));
                }
                done.push((query, exchange, devices));
            }
            break;
        }
        pending = still.into_iter().map(|(q, d, _)| (q, d)).collect();
    }
    for (query, exchange, devices) in done {
        take(asked, &query, exchange, devices);
    }
    Ok(())
}
