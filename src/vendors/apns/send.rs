//! `POST /3/device/<hex token>` (`apns-fcm-tim.md` A.1, A.2, A.6): the headers Apple documents, a
//! payload with `aps.alert` and the Tencent `ext` at the top level as a string, as TIM sends it
//! (`tim-vendor-payloads.md` §10), and the answer (`apns-id`, `apns-unique-id`, `reason`) read
//! into a result and a finding.
//!
//! APNs documents no de-duplication by `apns-id`, so a push is sent again only when the
//! connection could not be made; a timeout or a reset after the request left is final.

use std::time::{Duration, Instant};

use super::codes;
use super::token::{normalize, Normalized};
use super::{environment_name, Auth, Client};
use crate::credentials::ApnsEnvironment;
use crate::findings::{Finding, Rule};
use crate::net::{Reply, Sent};
use crate::outcome::Target;
use crate::secret::MASK;
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest, TestPush};
use crate::vendors::refusal::{self, About};

/// A test push is kept by APNs for a day when the device is offline (A.2: nonzero expiration
/// means store and retry), so a phone switched off during the test still gets it.
const EXPIRATION_SECS: i64 = 86_400;
/// The probe's device token for `check-config --online`: 32 zero bytes, a token no device has.
const PROBE_TOKEN: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One request as sent.
struct Request {
    path: String,
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Client {
    fn url(&self, token: &str) -> String {
        format!("{}/3/device/{token}", self.base.trim_end_matches('/'))
    }

    /// The alert push for `push` to `token` (already hex).
    fn alert(&self, push: &TestPush, token: &str, apns_id: &str, authorization: &str) -> Request {
        let body = serde_json::json!({
            "aps": {
                "alert": { "title": push.title, "body": push.body },
                "sound": "default",
            },
            "ext": push.ext,
        });
        let expiration = super::jwt::now() + EXPIRATION_SECS;
        self.request(
            token,
            "alert",
            "10",
            expiration,
            apns_id,
            authorization,
            body.to_string(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn request(
        &self,
        token: &str,
        push_type: &str,
        priority: &str,
        expiration: i64,
        apns_id: &str,
        authorization: &str,
        body: String,
    ) -> Request {
        let mut headers = Vec::new();
        if matches!(self.app.auth, Auth::Token(_)) {
            headers.push(("authorization", format!("bearer {authorization}")));
        }
        headers.extend([
            ("apns-topic", self.app.topic.clone()),
            ("apns-push-type", push_type.to_owned()),
            ("apns-priority", priority.to_owned()),
            ("apns-expiration", expiration.to_string()),
            ("apns-id", apns_id.to_owned()),
        ]);
        Request {
            path: self.url(token),
            headers,
            body,
        }
    }

    /// The push as `--dry-run` shows it: the provider token masked.
    pub(super) fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        let token = match normalize(&push.target) {
            Normalized::Hex { token, .. } => token,
            Normalized::Malformed { .. } => push.target.trim().to_owned(),
        };
        let apns_id = uuid::Uuid::new_v4().to_string();
        let request = self.alert(push, &token, &apns_id, MASK);
        let mut headers: Vec<(String, String)> = request
            .headers
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        headers.insert(
            0,
            ("content-type".to_owned(), "application/json".to_owned()),
        );
        PlannedRequest {
            method: "POST",
            url: request.path,
            headers,
            body: request.body,
        }
    }

    /// The provider token, signing one when none is cached (token auth only).
    fn authorization(&self, log: &mut Vec<String>) -> String {
        match &self.app.auth {
            Auth::Token(provider) => {
                let (token, signed) = provider.get();
                if signed {
                    log.push(format!(
                        "signed a provider token (ES256, kid {}, iss {}); reused for 40 minutes",
                        provider.key_id(),
                        provider.team_id()
                    ));
                }
                token
            }
            Auth::Certificate { .. } => String::new(),
        }
    }

    /// Sends one push.
    pub(super) async fn push(&self, push: &TestPush) -> Exchange {
        let target = push.target.trim();
        let (token, note) = match normalize(target) {
            Normalized::Hex { token, note } => (token, note),
            Normalized::Malformed { why, fix } => {
                let mut exchange = not_sent(target, "the device token is malformed; not sent");
                exchange.rejected(
                    None,
                    Some("not sent: the device token is malformed".to_owned()),
                );
                exchange.finding = Some(
                    Finding::new(
                        Rule::DeviceTokenMalformed,
                        format!("`{target}` is not an APNs device token: {why}"),
                    )
                    .vendor(Vendor::Apns)
                    .help(fix),
                );
                return exchange;
            }
        };
        let mut log = Vec::new();
        if let Some(note) = note {
            log.push(format!("device token {target}: {note}; sent as {token}"));
        }
        let apns_id = uuid::Uuid::new_v4().to_string();
        let authorization = self.authorization(&mut log);
        let request = self.alert(push, &token, &apns_id, &authorization);
        let (answer, sent) = self.send(request, log).await;
        let mut exchange = Exchange::new(Vendor::Apns, &token, &sent);
        self.read(&mut exchange, answer, &token, false);
        exchange
    }

    /// The harmless credential check: a background push (priority 5, `content-available` only,
    /// nothing to display) to the all-zero token. APNs checks the provider token or certificate
    /// and the topic before the device token, so `400 BadDeviceToken` proves the credentials
    /// and the topic are accepted, and no device can show anything.
    pub(super) async fn probe(&self) -> Exchange {
        let mut log = Vec::new();
        let authorization = self.authorization(&mut log);
        let apns_id = uuid::Uuid::new_v4().to_string();
        let body = serde_json::json!({ "aps": { "content-available": 1 } }).to_string();
        let request = self.request(
            PROBE_TOKEN,
            "background",
            "5",
            0,
            &apns_id,
            &authorization,
            body,
        );
        let (answer, sent) = self.send(request, log).await;
        let mut exchange = Exchange::new(Vendor::Apns, Target::Auth, &sent);
        self.read(&mut exchange, answer, PROBE_TOKEN, true);
        exchange
    }

    /// One request, tried again only when the connection could not be made.
    async fn send(&self, request: Request, mut log: Vec<String>) -> (Answer, Sent) {
        let started = Instant::now();
        let mut tries = self.retries.saturating_add(1);
        let shown = crate::secret::hide_userinfo(&self.url("<token>")).into_owned();
        let mut attempt = 1;
        // A GOAWAY that excludes the request's stream proves APNs did not handle it (RFC 9113
        // §6.8), so it is sent once more on a new connection, whatever `--retries` says.
        let mut goaway_retried = false;
        let answer = loop {
            let mut builder = self
                .http
                .post(&request.path)
                .header("content-type", "application/json")
                .body(request.body.clone());
            for (name, value) in &request.headers {
                builder = builder.header(*name, value);
            }
            let answer = match builder.send().await {
                Ok(response) => read_response(response).await,
                Err(error) if goaway_refused(&error) => {
                    if !goaway_retried {
                        goaway_retried = true;
                        // One try more than `--retries` allows, not one of them.
                        tries = tries.saturating_add(1);
                        log.push(format!(
                            "try {attempt} of {tries}: POST {shown}: {GOAWAY_BEFORE}; nothing was pushed, so trying once more on a new connection"
                        ));
                        attempt += 1;
                        continue;
                    }
                    log.push(format!(
                        "try {attempt} of {tries}: POST {shown}: {GOAWAY_BEFORE}, again on the new connection"
                    ));
                    break Answer::NotReceived(
                        // The report adds "nothing was pushed; try again later" for a push
                        // that provably was not received.
                        "APNs closed the connection twice with GOAWAY before handling the push \
                         (the stream was above the GOAWAY's last-stream-id): APNs is shutting \
                         servers down or moving connections"
                            .to_owned(),
                    );
                }
                Err(error) => {
                    let not_received = error.is_connect() && !error.is_timeout();
                    let untrusted = crate::net::certificate_refused(&error);
                    let mut what = crate::net::describe_error(&error);
                    if untrusted {
                        what.push_str(crate::net::UNTRUSTED);
                    }
                    if not_received && !untrusted && attempt < tries {
                        let wait = crate::net::backoff(attempt, None);
                        log.push(format!(
                            "try {attempt} of {tries}: POST {shown}: {what}; trying again in {} ms",
                            wait.as_millis()
                        ));
                        tokio::time::sleep(wait).await;
                        attempt += 1;
                        continue;
                    }
                    let note = if not_received {
                        ""
                    } else {
                        "; not tried again: APNs may have received it and does not de-duplicate"
                    };
                    log.push(format!(
                        "try {attempt} of {tries}: POST {shown}: {what}{note}"
                    ));
                    break Answer::Unknown(what);
                }
            };
            let status = match &answer {
                Answer::Accepted { .. } => "HTTP 200".to_owned(),
                Answer::Refused { status, reason, .. } => {
                    format!("HTTP {status} {}", reason.as_deref().unwrap_or(""))
                }
                Answer::Unknown(why) | Answer::NotReceived(why) => why.clone(),
            };
            log.push(format!(
                "try {attempt} of {tries}: POST {shown} (HTTP/2): {status}"
            ));
            break answer;
        };
        let reply = match &answer {
            Answer::Accepted { .. } => Reply::Json {
                status: 200,
                body: serde_json::Value::Null,
            },
            Answer::Refused { status, .. } => Reply::Json {
                status: *status,
                body: serde_json::Value::Null,
            },
            Answer::Unknown(why) | Answer::NotReceived(why) => Reply::Failed {
                status: None,
                error: why.clone(),
            },
        };
        let sent = Sent {
            reply,
            elapsed: started.elapsed(),
            log,
        };
        (answer, sent)
    }

    /// Turns the answer into the exchange's result and finding.
    fn read(&self, exchange: &mut Exchange, answer: Answer, token: &str, probe: bool) {
        let env = environment_name(self.app.environment);
        let why = &self.app.environment_why;
        match answer {
            Answer::Accepted { apns_id, unique_id } => {
                let unique = unique_id
                    .map(|id| format!(", apns-unique-id {id} (look it up in the Push Notifications Console's delivery log)"))
                    .unwrap_or_default();
                exchange.accepted(
                    None,
                    Some(format!("accepted by {env} ({why}){unique}")),
                    apns_id,
                );
            }
            // The probe's expected answer: the credentials and topic passed, the token did not.
            Answer::Refused { reason, .. }
                if probe && reason.as_deref() == Some("BadDeviceToken") =>
            {
                exchange.accepted(
                    None,
                    Some(format!("{env} ({why}) accepted the credentials and topic `{}`: BadDeviceToken for the all-zero probe token, as expected", self.app.topic)),
                    None,
                );
            }
            Answer::Refused {
                status,
                reason,
                timestamp,
            } => {
                let entry = reason.as_deref().and_then(codes::lookup);
                let raw = match &reason {
                    Some(reason) => format!("{status} {reason}"),
                    None => format!("HTTP {status} without a reason"),
                };
                let Some((entry, rule)) = entry.and_then(|e| e.rule.map(|rule| (e, rule))) else {
                    if status >= 500 {
                        exchange.unreachable(&format!(
                            "APNs answered {raw}: whether it acted is unknown"
                        ));
                        return;
                    }
                    let refused = format!("APNs ({env}) refused the request");
                    let rule = if probe {
                        Rule::CredentialRejected
                    } else {
                        Rule::PushRejected
                    };
                    let help = "look the reason up in Apple's \"Handling notification responses from APNs\"";
                    let said = refusal::said(
                        Vendor::Apns,
                        rule,
                        &refused,
                        &raw,
                        About::Unknown("reason"),
                        help,
                    );
                    refusal::mark(exchange, None, reason, (said, None));
                    return;
                };
                let since = timestamp.map(inactive_since).unwrap_or_default();
                let mut credential = None;
                let (refused, raw, meaning, help) = match rule {
                    Rule::DeviceTokenEnvironmentMismatch => {
                        let other = match self.app.environment {
                            ApnsEnvironment::Production => "a development build (run from Xcode), whose tokens are sandbox tokens",
                            ApnsEnvironment::Development => "a TestFlight, Ad Hoc or App Store build, whose tokens are production tokens",
                        };
                        let switch = match self.app.environment {
                            ApnsEnvironment::Production => "send without --production (or set [apns] environment = \"development\")",
                            ApnsEnvironment::Development => "send with --production (or set [apns] environment = \"production\")",
                        };
                        (
                            format!("APNs refused the token {token} in {env} ({why})"),
                            raw,
                            format!("the token is most likely from {other}"),
                            format!("{switch}, and have the app report its token with the business ID of that environment; if the environment is right, the token is stale or from another app: copy it again"),
                        )
                    }
                    Rule::CredentialRejected | Rule::ApnsEnvironmentMismatch => {
                        credential = Some(match self.app.auth {
                            Auth::Token(_) => "key-id",
                            Auth::Certificate { .. } => "certificate",
                        });
                        (
                            format!("APNs ({env}, {why}) refused the credentials"),
                            raw,
                            entry.meaning.to_owned(),
                            entry.fix.to_owned(),
                        )
                    }
                    _ if probe => (
                        format!("APNs ({env}, {why}) refused the credential check"),
                        raw,
                        entry.meaning.to_owned(),
                        entry.fix.to_owned(),
                    ),
                    _ => (
                        format!("APNs ({env}, {why}) refused the push to {token}"),
                        format!("{raw}{since}"),
                        entry.meaning.to_owned(),
                        entry.fix.to_owned(),
                    ),
                };
                let about = About::Meaning(&meaning);
                let said = refusal::said(Vendor::Apns, rule, &refused, &raw, about, &help);
                refusal::mark(exchange, None, reason, (said, credential));
            }
            Answer::Unknown(why) => exchange.unreachable(&why),
            Answer::NotReceived(why) => {
                exchange.unreachable(&why);
                exchange.not_received = true;
            }
        }
    }
}

/// A 410's `timestamp` as a date. The unit is uncertain (A.6: sideshow reads seconds, Apple's
/// text was cut off), so a value too large for seconds is read as milliseconds.
fn inactive_since(timestamp: i64) -> String {
    let seconds = if timestamp > 100_000_000_000 {
        timestamp / 1000
    } else {
        timestamp
    };
    let date = time::OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| timestamp.to_string());
    format!(" (inactive since {date})")
}

const GOAWAY_BEFORE: &str =
    "APNs closed the connection with GOAWAY before handling the request (its stream was above the GOAWAY's last-stream-id)";

/// True when the request failed because the server sent GOAWAY with a last-stream-id below its
/// stream: the server did not process it and the request is safe to send again (RFC 9113 §6.8).
/// A GOAWAY that covers the stream ends it with another error (the connection closing), which
/// is not safe to repeat.
fn goaway_refused(error: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(err) = source {
        if let Some(h2) = err.downcast_ref::<h2::Error>() {
            return h2.is_go_away() && h2.is_remote();
        }
        source = err.source();
    }
    false
}

/// An exchange for a push that was not sent (the token could not be used).
fn not_sent(target: &str, why: &str) -> Exchange {
    let sent = Sent {
        reply: Reply::Failed {
            status: None,
            error: why.to_owned(),
        },
        elapsed: Duration::ZERO,
        log: vec![format!("{target}: {why}")],
    };
    Exchange::new(Vendor::Apns, target, &sent)
}

/// APNs's answer, read.
enum Answer {
    Accepted {
        apns_id: Option<String>,
        unique_id: Option<String>,
    },
    Refused {
        status: u16,
        reason: Option<String>,
        timestamp: Option<i64>,
    },
    Unknown(String),
    /// No answer, but provably not handled either (shut out by GOAWAY): nothing was pushed.
    NotReceived(String),
}

async fn read_response(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let apns_id = header("apns-id");
    let unique_id = header("apns-unique-id");
    if status == 200 {
        return Answer::Accepted { apns_id, unique_id };
    }
    let bytes = match response.bytes().await {
        Ok(bytes) => bytes,
        Err(error) => {
            return Answer::Unknown(format!(
                "HTTP {status}, then {}",
                crate::net::describe_error(&error)
            ))
        }
    };
    let body: Option<serde_json::Value> = serde_json::from_slice(&bytes).ok();
    let reason = body
        .as_ref()
        .and_then(|b| b.get("reason"))
        .and_then(|r| r.as_str())
        .map(str::to_owned);
    let timestamp = body
        .as_ref()
        .and_then(|b| b.get("timestamp"))
        .and_then(serde_json::Value::as_i64);
    // A 5xx or a 429 without APNs' `reason` body is not APNs refusing this push (its 429 names
    // `TooManyRequests`): a server or a rate limiter in front of it saying "not now", so the
    // answer is unknown (exit 3), as a 429 or 5xx after the retries is for every other vendor.
    if reason.is_none() && (status >= 500 || status == 429) {
        return Answer::Unknown(format!("HTTP {status} without a reason"));
    }
    Answer::Refused {
        status,
        reason,
        timestamp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::apns::{AppCredentials, Auth};
    use crate::vendors::push::TestPush;

    fn client(environment: ApnsEnvironment) -> Client {
        let app = AppCredentials {
            auth: Auth::Token(crate::vendors::apns::jwt::ProviderToken::new(
                crate::emulator::builtin_apns_signing_key(),
                "ABCDE12345",
                "FGHIJ67890",
            )),
            topic: "com.example.chat".to_owned(),
            environment,
            environment_why: "--production was given".to_owned(),
            ca_file: None,
            secret: crate::secret::Secret::new(""),
        };
        Client::new(
            "http://127.0.0.1:9/apns",
            app,
            &crate::net::NetOptions::default(),
        )
        .expect("client")
    }

    fn exchange() -> Exchange {
        not_sent("t", "test")
    }

    /// Every reason of Apple's table becomes its rule's finding, or (5xx) an unknown answer.
    #[test]
    fn every_reason_is_mapped() {
        let client = client(ApnsEnvironment::Production);
        for entry in codes::REASONS {
            let mut ex = exchange();
            let answer = Answer::Refused {
                status: entry.status,
                reason: Some(entry.reason.to_owned()),
                timestamp: (entry.status == 410).then_some(1_700_000_000_000),
            };
            client.read(&mut ex, answer, "abcd", false);
            match entry.rule {
                Some(rule) => {
                    let finding = ex.finding.as_ref().expect("a finding");
                    assert_eq!(finding.rule, rule, "{}", entry.reason);
                    assert!(
                        finding.message.contains(entry.reason),
                        "{}",
                        finding.message
                    );
                    assert!(
                        finding.message.contains("production"),
                        "{}",
                        finding.message
                    );
                }
                None => {
                    assert!(ex.finding.is_none(), "{}", entry.reason);
                    assert_eq!(ex.result.outcome, crate::outcome::Outcome::Unreachable);
                }
            }
        }
    }

    /// A development client's exchange after APNs answered 400 BadDeviceToken to `token` (the
    /// probe's when `probe`).
    fn bad_device_token(token: &str, probe: bool) -> Exchange {
        let mut ex = exchange();
        let answer = Answer::Refused {
            status: 400,
            reason: Some("BadDeviceToken".to_owned()),
            timestamp: None,
        };
        client(ApnsEnvironment::Development).read(&mut ex, answer, token, probe);
        ex
    }

    /// BadDeviceToken names the environment used, why, and the other environment's builds.
    #[test]
    fn bad_device_token_is_explained_as_the_environment() {
        let ex = bad_device_token("abcd", false);
        let finding = ex.finding.expect("finding");
        assert_eq!(finding.rule, Rule::DeviceTokenEnvironmentMismatch);
        assert!(finding.message.contains("the sandbox (development)"));
        assert!(finding.message.contains("TestFlight"));
        assert!(finding.help.expect("help").contains("--production"));
    }

    /// The probe's BadDeviceToken is the expected answer: credentials accepted.
    #[test]
    fn probe_bad_device_token_means_accepted() {
        let ex = bad_device_token(PROBE_TOKEN, true);
        assert_eq!(ex.result.outcome, crate::outcome::Outcome::Accepted);
        assert!(ex.finding.is_none());
    }

    /// The request as Apple documents it, and the payload as TIM sends it.
    #[test]
    fn the_planned_request_is_apples() {
        let client = client(ApnsEnvironment::Development);
        let push = TestPush {
            target: "<6e18f198 9e5350ca 0b1d56ce 8b2f2a4c 8e0cbd1d 52e1b8dc 7c1f0a4a 5b6c7d8e>"
                .to_owned(),
            title: "T".to_owned(),
            body: "D".to_owned(),
            ext: r#"{"entity":{}}"#.to_owned(),
            production: false,
            click: crate::vendors::push::Click::OpenApp,
        };
        let plan = client.plan_send(&push);
        assert_eq!(
            plan.url,
            "http://127.0.0.1:9/apns/3/device/6e18f1989e5350ca0b1d56ce8b2f2a4c8e0cbd1d52e1b8dc7c1f0a4a5b6c7d8e"
        );
        let names: Vec<&str> = plan.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "content-type",
                "authorization",
                "apns-topic",
                "apns-push-type",
                "apns-priority",
                "apns-expiration",
                "apns-id"
            ]
        );
        assert_eq!(
            plan.body,
            r#"{"aps":{"alert":{"body":"D","title":"T"},"sound":"default"},"ext":"{\"entity\":{}}"}"#
        );
    }
}
