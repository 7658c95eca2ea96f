//! `pushdiag send-test --via tim --to USERID`: one IM message with OfflinePushInfo through
//! Tencent IM's `v4/openim/sendmsg`, the same path an app's messages take. The whole sendmsg body
//! is linted first (ext, Desc, channel IDs); under `--emulated` the report also shows what the IM
//! server did with the message: the vendor push it made for a PushOnline receiver, or why none.

use std::collections::BTreeMap;
use std::path::Path;

use super::send_test;
use super::Session;
use crate::cli::{SendTestArgs, Via};
use crate::config::{self, Config, Section};
use crate::emulator::{self, Emulator};
use crate::findings::{Finding, Rule, Severity, SeverityPolicy};
use crate::lint::{InputKind, LintOptions, Linter};
use crate::outcome::Outcome;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::push::Exchange;
use crate::vendors::tim::{self, AndroidInfo, AppCredentials, Message};
use crate::ExitStatus;

pub fn run(args: &SendTestArgs, via: Via, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let Via::Tim = via;
    let env = super::environment();
    let found = config::discover(session.global.config.as_deref(), None, Path::new("."))?;
    let config = config::load(found.as_deref(), &env)?;
    let emulated = session.global.emulated;
    let app = resolve(&config, &env, emulated, args.dry_run)?;
    if app.builtin {
        session.diagnostic(format_args!(
            "no [tim] credentials configured: using the emulator's built-in IM app {}",
            emulator::BUILTIN_TIM_SDK_APP_ID
        ));
    }
    if args.production {
        session.diagnostic(format_args!(
            "note: --production changes nothing with --via tim: Tencent IM always sends the vendors formal pushes"
        ));
    }
    let receivers = receivers(args, emulated)?;
    let ext = args
        .ext
        .clone()
        .unwrap_or_else(|| send_test::default_ext(args.profile));
    let messages: Vec<Message> = receivers
        .iter()
        .map(|to| Message {
            from: args.from.clone(),
            to: to.clone(),
            title: args.title.clone(),
            desc: args.desc.clone(),
            ext: ext.clone(),
            custom: args.custom,
            android: android_info(&config),
            msg_random: tim::random_u32(),
            msg_seq: tim::random_u32(),
        })
        .collect();

    // The body first, as Tencent will read it: a broken ext or a push that cannot happen stops
    // here, before any credential is used.
    let lint_findings = lint(&messages, args);
    let policy = SeverityPolicy::from_flags(
        &session.global.deny,
        &session.global.warn,
        &session.global.allow,
    )?;
    if !args.force
        && lint_findings
            .iter()
            .any(|f| policy.apply(f) == Some(Severity::Error))
    {
        let mut report = session.report("send-test")?;
        report.checked(messages.len() as u64);
        for finding in lint_findings {
            report.emit(finding)?;
        }
        report.finish()?;
        session.diagnostic(format_args!(
            "error: the message has lint errors, so nothing was sent; fix it, or pass --force to send it anyway"
        ));
        return Ok(ExitStatus::Findings);
    }

    let secrets = [app.credentials.secret_key.clone()];
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let net = args.net.options();
    let (plan, exchanges) = runtime.block_on(async {
        let emulator = if emulated {
            Some(send_test::start_emulator().await?)
        } else {
            None
        };
        let base = base(&config, emulator.as_ref())?;
        if let Some(emulator) = &emulator {
            session.diagnostic(format_args!(
                "using the built-in emulator at {} (nothing leaves this machine)",
                emulator.base_url(Vendor::Tim)
            ));
        }
        let client = tim::Client::new(&base, app.credentials.clone(), &net)?;
        let mut plan = Vec::new();
        let mut exchanges = Vec::new();
        for message in &messages {
            if args.dry_run {
                plan.push(client.plan_send(message)?);
            } else {
                exchanges.push(client.send(message).await?);
            }
        }
        if let Some(emulator) = emulator {
            exchanges = with_deliveries(exchanges, &emulator, session);
            emulator.shutdown().await;
        } else if !args.dry_run {
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
    })?;

    if args.dry_run {
        if app.secret_missing {
            session.diagnostic(format_args!(
                "note: [tim] secret-key is not available; a real run needs it (the usersig below is masked either way)"
            ));
        }
        session.diagnostic(format_args!(
            "dry run: nothing was sent; the secret key is never shown, the usersig is masked"
        ));
        for finding in &lint_findings {
            session.diagnostic(format_args!(
                "{}[{}]: {}",
                finding.severity.as_str(),
                finding.rule.name(),
                finding.message
            ));
        }
        send_test::print_plan(&plan, session)?;
        return Ok(ExitStatus::Clean);
    }
    send_test::report(
        session,
        Vendor::Tim,
        &config,
        lint_findings,
        exchanges,
        &secrets,
        messages.len(),
    )
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
fn lint(messages: &[Message], args: &SendTestArgs) -> Vec<Finding> {
    let mut linter = Linter::new(LintOptions {
        profile: args.profile,
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

/// `AndroidInfo` from the vendor sections of the config (`apns-fcm-tim.md` D.5).
fn android_info(config: &Config) -> AndroidInfo {
    let text = |section: Section, key: &str| config.trimmed(section, key);
    AndroidInfo {
        oppo_channel_id: text(Section::Oppo, "channel-id"),
        xiaomi_channel_id: text(Section::Xiaomi, "channel-id"),
        huawei_category: text(Section::Huawei, "category"),
        // vivo's category for a chat message (vendors-cn.md §1.3), as send-test --vendor vivo.
        vivo_category: Some("IM".to_owned()),
    }
}

/// The receiving UserIDs: `--to`, else (under `--emulated`) the emulator's PushOnline user.
fn receivers(args: &SendTestArgs, emulated: bool) -> anyhow::Result<Vec<String>> {
    let given: Vec<String> = args
        .to
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
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

/// The resolved `[tim]` app.
pub(super) struct TimApp {
    pub(super) credentials: AppCredentials,
    /// `--emulated` with no `[tim]` credentials: the emulator's built-in IM app.
    pub(super) builtin: bool,
    /// Only for `--dry-run`: the secret key's source gave nothing.
    pub(super) secret_missing: bool,
}

/// The `[tim]` app from the config, or under `--emulated` with none configured, the emulator's.
pub(super) fn resolve(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<TimApp> {
    let section = Section::Tim;
    let text = |key: &str| config.trimmed(section, key);
    let (sdk_app_id, admin) = (text("sdk-app-id"), text("admin"));
    if emulated
        && sdk_app_id.is_none()
        && admin.is_none()
        && config.setting(section, "secret-key").is_none()
    {
        return Ok(TimApp {
            credentials: AppCredentials {
                sdk_app_id: emulator::BUILTIN_TIM_SDK_APP_ID.parse()?,
                secret_key: Secret::new(emulator::BUILTIN_TIM_SECRET_KEY),
                admin: emulator::BUILTIN_TIM_ADMIN.to_owned(),
            },
            builtin: true,
            secret_missing: false,
        });
    }
    let secret = config.secret(section, "secret-key", env);
    let missing = send_test::missing_keys(
        section,
        &[
            ("sdk-app-id", sdk_app_id.is_none()),
            ("secret-key", secret.is_none()),
            ("admin", admin.is_none()),
        ],
    );
    if !missing.is_empty() {
        return Err(send_test::missing_error(config, &missing));
    }
    let id_text = sdk_app_id.unwrap_or_default();
    let sdk_app_id: u64 = id_text.parse().map_err(|_| {
        anyhow::anyhow!("`tim.sdk-app-id` is \"{id_text}\", but an SDKAppID is an integer")
    })?;
    let (secret_key, secret_missing) = send_test::take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in IM app {} expects {}",
            emulator::BUILTIN_TIM_SDK_APP_ID,
            emulator::BUILTIN_TIM_SECRET_KEY
        )
    })?;
    Ok(TimApp {
        credentials: AppCredentials {
            sdk_app_id,
            secret_key,
            admin: admin.unwrap_or_default(),
        },
        builtin: false,
        secret_missing,
    })
}

/// The REST base URL: the emulator's when it runs, else `[tim] endpoint`, else the `region`'s.
pub(super) fn base(config: &Config, emulator: Option<&Emulator>) -> anyhow::Result<String> {
    if let Some(emulator) = emulator {
        return Ok(emulator.base_url(Vendor::Tim));
    }
    if let Some(endpoint) = config.text(Section::Tim, "endpoint") {
        return Ok(endpoint.value);
    }
    let region = config.text(Section::Tim, "region").map(|r| r.value);
    Ok(tim::default_endpoint(region.as_deref())?.to_owned())
}
