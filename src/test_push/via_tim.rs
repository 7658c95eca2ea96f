//! A test push through Tencent IM (`send-test --via tim`): one IM message with OfflinePushInfo
//! through `v4/openim/sendmsg`, the same path an app's messages take. Under `--emulated` the
//! exchanges also show what the IM server did with each message: the vendor push it made for a
//! PushOnline receiver, or why none. Before sending, the receivers' states are asked as `status`
//! asks them: an accepted message to an Online or Offline receiver is no offline push, and the
//! report says so.

use crate::config::Config;
use crate::emulator::{self, Emulator};
use crate::findings::{Finding, Rule};
use crate::lint::{InputKind, LintOptions, Linter, Profile};
use crate::net::NetOptions;
use crate::outcome::Outcome;
use crate::receiver_status::{self, Reach, UserAnswer};
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
        // The receivers' states first: Tencent IM accepts a message for an Online or Offline
        // receiver as readily as for a PushOnline one, and pushes only to the last.
        let states = if dry_run {
            Vec::new()
        } else {
            receiver_states(&client, messages, !emulated, session).await?
        };
        for message in messages {
            if dry_run {
                plan.push(client.plan_send(message)?);
            } else {
                let mut exchange = client.send(message).await?;
                let state = states.iter().find(|s| s.user == message.to);
                if exchange.result.outcome == Outcome::Accepted && exchange.finding.is_none() {
                    exchange.finding = state.and_then(receiver_status::after_send);
                }
                exchanges.push(exchange);
            }
        }
        if let Some(emulator) = emulator {
            exchanges = with_deliveries(exchanges, &emulator, session);
            emulator.shutdown().await;
        }
        anyhow::Ok((plan, exchanges))
    })
}

/// What Tencent IM says of each receiver, asked as `status` asks. A PushOnline receiver gets a
/// note on stderr when `note_push_online` (outside `--emulated`, where the emulated IM server
/// says what it pushed). When Tencent IM does not answer, stderr says so and the send's own
/// answer decides.
async fn receiver_states(
    client: &tim::Client,
    messages: &[Message],
    note_push_online: bool,
    session: &mut Session<'_>,
) -> anyhow::Result<Vec<UserAnswer>> {
    let mut users: Vec<String> = Vec::new();
    for message in messages {
        if !users.contains(&message.to) {
            users.push(message.to.clone());
        }
    }
    let mut answers = Vec::new();
    // account_check takes 100 UserIDs per call.
    for chunk in users.chunks(100) {
        let (exchanges, states) = receiver_status::query(client, chunk).await?;
        for exchange in exchanges
            .iter()
            .filter(|e| e.result.outcome != Outcome::Accepted)
        {
            let why = match (&exchange.failure, &exchange.result.vendor_code) {
                (Some(failure), _) => failure.clone(),
                (None, Some(code)) => format!("refused with ErrorCode {code}"),
                (None, None) => "no usable answer".to_owned(),
            };
            session.diagnostic(format_args!(
                "note: could not ask Tencent IM whether {} can get an offline push ({why}); sending anyway",
                exchange.result.target
            ));
        }
        answers.extend(states);
    }
    if note_push_online {
        for answer in answers.iter().filter(|a| a.reach == Reach::PushOnline) {
            session.diagnostic(format_args!("note: {}", answer.finding.message));
        }
    }
    Ok(answers)
}

/// Lints each sendmsg body as a record with every vendor's limits: the push may go out through
/// any of them.
pub fn lint(messages: &[Message], profile: Profile) -> Vec<Finding> {
    // One body is enough: the messages differ only in To_Account and MsgRandom.
    messages
        .first()
        .map(|message| lint_body(&message.body(), "<sendmsg body>", profile))
        .unwrap_or_default()
}

/// Lints one REST body holding an OfflinePushInfo (`sendmsg`, `timpush/batch`) as a record,
/// with every vendor's limits; `source` names it in the findings.
pub fn lint_body(body: &str, source: &str, profile: Profile) -> Vec<Finding> {
    let mut linter = Linter::new(LintOptions {
        profile,
        vendors: Vendor::ALL.to_vec(),
        input: InputKind::Record,
    });
    let mut findings = Vec::new();
    linter.lint(
        body.as_bytes(),
        &crate::lint::Origin::new(source.into()),
        Rule::RecordInvalidJson,
        &mut findings,
    );
    findings
}

/// The `[tim]` app (or under `--emulated` with none configured, the emulator's, said on stderr).
pub fn resolve_app(
    config: &Config,
    env: &crate::config::Environment,
    dry_run: bool,
    session: &mut Session<'_>,
) -> anyhow::Result<tim::from_config::TimApp> {
    let app = tim::from_config::resolve(config, env, session.global.emulated, dry_run)?;
    if app.builtin {
        session.diagnostic(format_args!(
            "no [tim] credentials configured: using the emulator's built-in IM app {}",
            emulator::BUILTIN_TIM_SDK_APP_ID
        ));
    }
    Ok(app)
}

/// The test push `send-test --via timpush` (and the `tim` checklist's trace step) sends: a
/// fresh MsgRandom, the config's AndroidInfo, the ext (the profile's default when none).
pub fn test_batch(
    config: &Config,
    to: Vec<String>,
    title: &str,
    desc: &str,
    ext: String,
) -> tim::Batch {
    tim::Batch {
        to,
        msg_random: tim::random_u32(),
        title: title.to_owned(),
        desc: desc.to_owned(),
        ext,
        android: tim::from_config::android_info(config),
    }
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
                        push.vendor_code.as_ref().map_or("?".to_owned(), ToString::to_string),
                        push.vendor_message.as_deref().map(|m| format!(" {m:?}")).unwrap_or_default()
                    ),
                )
                .vendor(push.vendor)
                .help(format!(
                    "see `pushdiag explain {} {}`; the IM console sends formal pushes, never a vendor's test mode",
                    push.vendor.id(),
                    push.vendor_code.as_ref().map_or("0".to_owned(), ToString::to_string)
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
