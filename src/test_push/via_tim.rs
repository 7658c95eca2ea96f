//! A test push through Tencent IM (`send-test --via tim`): one IM message with OfflinePushInfo
//! through `v4/openim/sendmsg`, the same path an app's messages take. Under `--emulated` the
//! exchanges also show what the IM server did with each message: the vendor push it made for a
//! PushOnline receiver, or why none; against the real server, the receivers' states say what to
//! expect.

use crate::config::Config;
use crate::emulator::{self, Emulator};
use crate::findings::{Finding, Rule};
use crate::lint::{InputKind, LintOptions, Linter, Profile};
use crate::net::NetOptions;
use crate::outcome::Outcome;
use crate::session::{self, Session};
use crate::vendor::Vendor;
use crate::vendors::endpoints;
use crate::vendors::push::{Exchange, PlannedRequest};
use crate::vendors::tim::{self, AppCredentials, Message};

/// `--dry-run`: the sendmsg requests; otherwise each message's exchange, with (under
/// `--emulated`) the vendor pushes the IM server made of them.
pub fn plan_or_send(
    credentials: AppCredentials,
    config: &Config,
    messages: &[Message],
    dry_run: bool,
    emulated: bool,
    net: &NetOptions,
    session: &mut Session<'_>,
) -> anyhow::Result<(Vec<PlannedRequest>, Vec<Exchange>)> {
    session::runtime()?.block_on(async {
        let emulator = endpoints::emulator_if(emulated).await?;
        let base = endpoints::tim_base(config, emulator.as_ref())?;
        if let Some(emulator) = &emulator {
            let note = endpoints::emulator_note(&emulator.base_url(Vendor::Tim));
            session.diagnostic(format_args!("{note}"));
        }
        let client = tim::Client::new(&base, credentials, net)?;
        let mut plan = Vec::new();
        let mut exchanges = Vec::new();
        for message in messages {
            if dry_run {
                plan.push(client.plan_send(message)?);
            } else {
                exchanges.push(client.send(message).await?);
            }
        }
        if let Some(emulator) = emulator {
            exchanges = with_deliveries(exchanges, &emulator, session);
            emulator.shutdown().await;
        } else if !dry_run {
            // The real IM server does not say whether it pushed: its receivers' states do.
            let accepted: Vec<String> = exchanges
                .iter()
                .filter(|e| e.result.outcome == Outcome::Accepted)
                .map(|e| e.result.target.to_string())
                .collect();
            if !accepted.is_empty() {
                if let Ok((_, Some(states))) = client.query_online_status(&accepted).await {
                    for state in states {
                        session.diagnostic(format_args!("note: {}", push_expectation(&state)));
                    }
                }
            }
        }
        anyhow::Ok((plan, exchanges))
    })
}

/// What the receiver's state means for this message's offline push.
fn push_expectation(state: &tim::UserState) -> String {
    let user = &state.user;
    // A device that is PushOnline gets the push even when another is Online (as `status` says).
    let device_push_online = state
        .platforms
        .iter()
        .any(|p| p.status.eq_ignore_ascii_case("PushOnline"));
    match state.status.as_deref() {
        Some(s) if s.eq_ignore_ascii_case("PushOnline") => {
            format!("{user} is PushOnline: Tencent IM turns this message into an offline push")
        }
        Some(_) if device_push_online => {
            format!("{user} has a PushOnline device: Tencent IM turns this message into an offline push to it")
        }
        Some(s) if s.eq_ignore_ascii_case("Online") => format!(
            "{user} is Online: the message arrives over the IM connection and no offline push is sent (`pushdiag status --user {user}`)"
        ),
        Some(s) if s.eq_ignore_ascii_case("Offline") => format!(
            "{user} is Offline (logged out, kicked, or no push token): no offline push is sent (`pushdiag status --user {user}`)"
        ),
        Some(other) => format!("{user} has the state {other:?}"),
        None => format!("{user}: Tencent IM reports no online state (`pushdiag status --user {user}`)"),
    }
}

/// Lints each sendmsg body as a record with every vendor's limits: the push may go out through
/// any of them.
pub fn lint(messages: &[Message], profile: Profile) -> Vec<Finding> {
    let mut linter = Linter::new(LintOptions {
        profile,
        vendors: Vendor::ALL.to_vec(),
        input: InputKind::Record,
    });
    let mut findings = Vec::new();
    // One body is enough: the messages differ only in To_Account and MsgRandom.
    if let Some(message) = messages.first() {
        linter.lint(
            message.body().as_bytes(),
            &crate::lint::Origin::new("<sendmsg body>".into()),
            Rule::RecordInvalidJson,
            &mut findings,
        );
    }
    findings
}

/// The receiving UserIDs: `--to`, else (under `--emulated`) the emulator's PushOnline user.
pub fn receivers(to: &[String], emulated: bool) -> anyhow::Result<Vec<String>> {
    let given = super::given(to);
    if !given.is_empty() {
        return Ok(given);
    }
    if emulated {
        return Ok(vec![emulator::BUILTIN_TIM_PUSH_ONLINE_USER.to_owned()]);
    }
    anyhow::bail!("no receiver: pass --to USERID (the Tencent IM account that should get the push)")
}

/// Adds, after each accepted message, what the emulated IM server did with it: the vendor push
/// as its own result (IM server → vendor → device), or a note saying why there was none.
fn with_deliveries(
    exchanges: Vec<Exchange>,
    emulator: &Emulator,
    session: &mut Session<'_>,
) -> Vec<Exchange> {
    let deliveries = emulator.deliveries();
    let mut out = Vec::new();
    for exchange in exchanges {
        let key = exchange.result.message_id.clone();
        let accepted = exchange.result.outcome == Outcome::Accepted;
        out.push(exchange);
        if !accepted {
            continue;
        }
        for delivery in deliveries
            .iter()
            .filter(|d| Some(&d.msg_key) == key.as_ref())
        {
            session.diagnostic(format_args!("emulated IM server: {}", delivery.note));
            let Some(push) = &delivery.push else { continue };
            let finding = (push.outcome == Outcome::Rejected).then(|| {
                Finding::new(
                    Rule::PushRejected,
                    format!(
                        "Tencent IM accepted the message, but {} refused its offline push to {}: code {}{}",
                        push.vendor.display_name(),
                        push.target,
                        push.vendor_code.map_or("?".to_owned(), |c| c.to_string()),
                        push.vendor_message.as_deref().map(|m| format!(" {m:?}")).unwrap_or_default()
                    ),
                )
                .vendor(push.vendor)
                .help(format!(
                    "see `pushdiag explain {} {}`; the IM console sends formal pushes, never a vendor's test mode",
                    push.vendor.id(),
                    push.vendor_code.unwrap_or_default()
                ))
            });
            out.push(Exchange {
                result: push.clone(),
                finding,
                failure: (push.outcome == Outcome::Unreachable)
                    .then(|| "the IM server's push to the vendor got no usable answer".to_owned()),
                not_received: false,
                log: Vec::new(),
                credential: None,
            });
        }
    }
    out
}
