//! Can a Tencent IM user get an offline push now? `account_check` says whether the account
//! exists, `query_online_status` with per-platform detail says Online / PushOnline / Offline
//! (`apns-fcm-tim.md` D.8, D.9); each answer becomes a finding that explains it. `status` reports
//! it, and `checklist`'s `tim-status` step judges it.

use crate::config;
use crate::findings::{Finding, Rule};
use crate::outcome::Outcome;
use crate::session::{self, Session};
use crate::vendor::Vendor;
use crate::vendors::endpoints;
use crate::vendors::push::Exchange;
use crate::vendors::tim::{self, AccountState, UserState};

/// What Tencent IM said about some users: the two queries' exchanges and one finding per user
/// that explains whether an offline push can reach them.
pub struct Answer {
    pub exchanges: Vec<Exchange>,
    /// One per user, in the order asked; empty when the queries failed.
    pub per_user: Vec<Finding>,
    secrets: Vec<crate::secret::Secret>,
}

impl Answer {
    /// The queries' refusals (redacted), then each user's finding.
    pub fn findings(&self) -> Vec<Finding> {
        let secrets: Vec<&crate::secret::Secret> = self.secrets.iter().collect();
        self.exchanges
            .iter()
            .filter_map(|e| e.finding.clone())
            .map(|mut finding| {
                finding.message = crate::secret::redact(&finding.message, &secrets).into();
                finding
            })
            .chain(self.per_user.iter().cloned())
            .collect()
    }

    /// A line for each query whose answer is unknown.
    pub fn failures(&self) -> Vec<String> {
        let secrets: Vec<&crate::secret::Secret> = self.secrets.iter().collect();
        self.exchanges
            .iter()
            .filter_map(|e| {
                let failure = e.failure.as_ref()?;
                Some(format!(
                    "tim query for {}: {}; the answer is unknown, try again later",
                    e.result.target,
                    crate::secret::redact(failure, &secrets)
                ))
            })
            .collect()
    }

    pub fn unreachable(&self) -> bool {
        self.exchanges
            .iter()
            .any(|e| e.result.outcome == Outcome::Unreachable)
    }
}

/// Asks Tencent IM (the emulator under `--emulated`) whether each of `users` exists and what
/// state it is in: `status` itself, and the checklists' `tim-status` step.
pub fn ask(
    config: &config::Config,
    env: &config::Environment,
    users: &[String],
    net: crate::net::NetOptions,
    session: &mut Session<'_>,
) -> anyhow::Result<Answer> {
    let emulated = session.global.emulated;
    let app = query_app(config, env, session)?;
    if let Some(empty) = users.iter().position(String::is_empty) {
        anyhow::bail!(
            "--user number {} is empty: pass a Tencent IM UserID",
            empty + 1
        );
    }
    if users.len() > 100 {
        anyhow::bail!("at most 100 --user at once (account_check takes 100 per call)");
    }
    let secrets = vec![app.credentials.secret_key.clone()];
    let (exchanges, per_user) = session::runtime()?.block_on(async {
        let emulator = endpoints::emulator_if(emulated).await?;
        let base = endpoints::tim_base(config, emulator.as_ref())?;
        if let Some(emulator) = &emulator {
            let note = endpoints::emulator_note(&emulator.base_url(Vendor::Tim));
            session.diagnostic(format_args!("{note}"));
        }
        let client = tim::Client::new(&base, app.credentials.clone(), &net)?;
        let answer = query(&client, users).await?;
        if let Some(emulator) = emulator {
            emulator.shutdown().await;
        }
        anyhow::Ok(answer)
    })?;
    Ok(Answer {
        exchanges,
        per_user: per_user.into_iter().map(|user| user.finding).collect(),
        secrets,
    })
}

/// The `[tim]` app a query is signed for (`status`, `loss`), or under `--emulated` with none
/// configured, the emulator's built-in one (said on stderr).
pub fn query_app(
    config: &config::Config,
    env: &config::Environment,
    session: &mut Session<'_>,
) -> anyhow::Result<tim::from_config::TimApp> {
    let emulated = session.global.emulated;
    let app = tim::from_config::resolve(config, env, emulated, false).map_err(|error| {
        // The resolver is send-test's; its errors start "cannot send".
        anyhow::anyhow!(
            "{}",
            format!("{error:#}").replacen("cannot send", "cannot ask Tencent IM", 1)
        )
    })?;
    if app.builtin {
        session.diagnostic(format_args!(
            "no [tim] credentials configured: using the emulator's built-in IM app {}",
            crate::emulator::BUILTIN_TIM_SDK_APP_ID
        ));
    }
    Ok(app)
}

/// Whether an offline push can reach a user now, by what Tencent IM answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// PushOnline, on the whole or on one device: Tencent IM sends an offline push.
    PushOnline,
    /// Online: messages arrive over the IM connection, no offline push.
    Online,
    /// Offline: logged out, kicked, or no push token; no offline push.
    Offline,
    /// No such account, or a state pushdiag does not know: no push can be promised.
    Unknown,
}

/// One user's answer: the state and the finding that explains it.
pub struct UserAnswer {
    pub user: String,
    pub reach: Reach,
    pub finding: Finding,
}

/// The two queries `status` makes (`account_check`, then `query_online_status` with detail),
/// with a client the caller built: their exchanges, and one answer per user in the order asked
/// (none when a query was refused or got no answer). At most 100 users (one `account_check`).
pub async fn query(
    client: &tim::Client,
    users: &[String],
) -> anyhow::Result<(Vec<Exchange>, Vec<UserAnswer>)> {
    let check = client.account_check(users, &users.join(",")).await?;
    let (check_exchange, accounts) = check;
    // A refused or lost account check would fail the second query the same way.
    let (online_exchange, states) = if check_exchange.result.outcome == Outcome::Accepted {
        let (exchange, states) = client.query_online_status(users).await?;
        (Some(exchange), states)
    } else {
        (None, None)
    };
    let mut per_user = Vec::new();
    if let (Some(accounts), Some(states)) = (&accounts, &states) {
        for user in users {
            let account = accounts.iter().find(|(id, _)| id == user).map(|(_, a)| a);
            let state = states.iter().find(|s| &s.user == user);
            let (reach, finding) = explain(user, account, state);
            per_user.push(UserAnswer {
                user: user.clone(),
                reach,
                finding,
            });
        }
    }
    let exchanges = std::iter::once(check_exchange)
        .chain(online_exchange)
        .collect();
    Ok((exchanges, per_user))
}

/// `send-test --via tim`: what the receiver's state means for a message Tencent IM accepted.
/// None for a PushOnline receiver (the push goes out); otherwise the state's finding, saying
/// first that no offline push follows: a warning for an Online receiver (the message itself
/// arrives over the connection), an error for any other (nothing shows on the phone).
pub fn after_send(answer: &UserAnswer) -> Option<Finding> {
    let to = match answer.reach {
        Reach::PushOnline => return None,
        Reach::Online => "an Online receiver",
        Reach::Offline => "an Offline receiver",
        Reach::Unknown => "this receiver",
    };
    let mut finding = answer.finding.clone();
    finding.message = format!(
        "Tencent IM accepted the message, but sends no offline push to {to}: {}",
        finding.message
    )
    .into();
    if answer.reach == Reach::Online {
        finding.severity = crate::findings::Severity::Warning;
    }
    Some(finding)
}

/// One user's answer as a finding: why no push can arrive, or that one will.
fn explain(
    user: &str,
    account: Option<&AccountState>,
    state: Option<&UserState>,
) -> (Reach, Finding) {
    let finding = |rule: Rule, message: String, help: &str| {
        let reach = match rule {
            Rule::ReceiverPushOnline => Reach::PushOnline,
            Rule::ReceiverOnline => Reach::Online,
            _ => Reach::Unknown,
        };
        (
            reach,
            Finding::new(rule, message)
                .vendor(Vendor::Tim)
                .help(help.to_owned()),
        )
    };
    let not_found = "check the UserID's spelling and case against the app's login, and that the app uses SDKAppID [tim] sdk-app-id; an account exists after its first login or an account_import";
    match account {
        Some(AccountState::NotImported) => {
            return finding(
                Rule::UserNotFound,
                format!("Tencent IM has no account \"{user}\" (account_check: NotImported): no message or push can reach it"),
                not_found,
            )
        }
        Some(AccountState::Failed { code, info }) => {
            return finding(
                Rule::UserNotFound,
                format!("Tencent IM could not check the account \"{user}\": ResultCode {code} {info:?}"),
                not_found,
            )
        }
        Some(AccountState::Imported) | None => {}
    }
    let Some(state) = state else {
        return finding(
            Rule::UserNotFound,
            format!("Tencent IM returned no online status for \"{user}\""),
            not_found,
        );
    };
    if let Some(code) = state.error {
        return finding(
            Rule::UserNotFound,
            format!("Tencent IM has no account \"{user}\" (query_online_status ErrorCode {code})"),
            not_found,
        );
    }
    let platforms = if state.platforms.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = state
            .platforms
            .iter()
            .map(|p| format!("{}: {}", p.platform, p.status))
            .collect();
        format!(" ({})", list.join(", "))
    };
    let is = |s: &str, want: &str| s.eq_ignore_ascii_case(want);
    let status = state.status.as_deref().unwrap_or("");
    let push_online_platforms: Vec<&str> = state
        .platforms
        .iter()
        .filter(|p| is(&p.status, "PushOnline"))
        .map(|p| p.platform.as_str())
        .collect();
    if is(status, "PushOnline") || !push_online_platforms.is_empty() {
        return finding(
            Rule::ReceiverPushOnline,
            format!("{user} is {status}{platforms}: the app is in the background or killed and has a push token, so Tencent IM will send an offline push"),
            "send a test message: `pushdiag send-test --via tim --to USERID`; if it still does not show, the vendor side is next (`pushdiag send-test --vendor V`)",
        );
    }
    if is(status, "Online") {
        return finding(
            Rule::ReceiverOnline,
            format!("{user} is Online{platforms}: the app is in the foreground, or was put in the background or killed less than the heartbeat timeout ago, so messages arrive over the IM connection and no offline push is sent"),
            "put the app in the background (or kill it), wait until `pushdiag status` shows PushOnline, then test; in the app, report the background state when it leaves the foreground (Flutter: setOfflinePushStatus(AppStatus.background))",
        );
    }
    if is(status, "Offline") {
        let (_, offline) = finding(
            Rule::ReceiverOffline,
            format!("{user} is Offline{platforms}: logged out, kicked off by a login elsewhere, or never registered a push token, so no offline push is sent"),
            "log in again on the phone without calling logout, make sure no other device logs in as the same UserID, and check the app uploads its push token (with the right business ID) after login",
        );
        return (Reach::Offline, offline);
    }
    finding(
        Rule::ReceiverOffline,
        format!("{user} has the state {status:?}{platforms}, which pushdiag does not know: no offline push can be promised"),
        "compare with Tencent's query_online_status documentation (Online, PushOnline, Offline)",
    )
}
