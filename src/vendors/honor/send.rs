//! `POST {endpoint}/api/v1/{app-id}/sendMessage` (`vendors-cn.md` §6.3): JSON with
//! `Authorization: Bearer <access_token>` and a `timestamp` header (Unix milliseconds). Unlike
//! Huawei's, the body is not wrapped in `message`, and its keys are camelCase. The ext goes into
//! `data` as `{"ext": ...}`.

use serde::Serialize;
use serde_json::Value;

use super::{code_of, object, Client, NO_CODE_LIST};
use crate::findings::Rule;
use crate::net::Repeat;
use crate::vendor::Vendor;
use crate::vendors::push::{Click, Exchange, PlannedRequest, TestPush, TokenPushClient};
use crate::vendors::refusal::{self, About};

/// `targetUserType` 1: a test message (§6.3).
const TEST_MESSAGE: u8 = 1;
/// `clickAction.type` 3: launch the app (§6.3).
const CLICK_OPEN_APP: u8 = 3;
/// `importance` NORMAL: service and communication, Honor's classification for IM (§6.3).
const IMPORTANCE: &str = "NORMAL";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    token: [&'a str; 1],
    data: String,
    android: Android<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Android<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    target_user_type: Option<u8>,
    notification: Notification<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification<'a> {
    title: &'a str,
    body: &'a str,
    click_action: ClickAction,
    importance: &'static str,
}

#[derive(Serialize)]
struct ClickAction {
    #[serde(rename = "type")]
    kind: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    intent: Option<String>,
}

/// `clickAction.type` 1: open the in-app page the `intent` URI names (§6.3).
const CLICK_INTENT: u8 = 1;

/// Percent-encodes everything but unreserved characters, as an intent URI's `S.` extra needs.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Client {
    fn body(&self, push: &TestPush) -> String {
        let body = Body {
            token: [push.target.trim()],
            data: serde_json::json!({ "ext": push.ext }).to_string(),
            android: Android {
                target_user_type: (!push.production).then_some(TEST_MESSAGE),
                notification: Notification {
                    title: &push.title,
                    body: &push.body,
                    click_action: match &push.click {
                        Click::OpenApp => ClickAction {
                            kind: CLICK_OPEN_APP,
                            intent: None,
                        },
                        // The Flutter plugin's HONORMessageActivity, with the ext as the intent
                        // extra it hands to Dart (tim-vendor-payloads.md §7).
                        Click::FlutterPlugin { package } => ClickAction {
                            kind: CLICK_INTENT,
                            intent: Some(Click::flutter_intent(
                                package,
                                "honorMessage",
                                &format!("S.ext={};", percent_encode(&push.ext)),
                            )),
                        },
                    },
                    importance: IMPORTANCE,
                },
            },
        };
        // Strings and integers always serialise.
        serde_json::to_string(&body).unwrap_or_default()
    }
}

impl TokenPushClient for Client {
    /// The send request as `--dry-run` shows it: the Bearer token masked.
    fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        let timestamp = ("timestamp", crate::vendors::now_ms().to_string());
        self.api.plan_bearer(&[timestamp], self.body(push))
    }

    /// Sends one push. Honor documents no de-duplication, so a try that may have reached Honor
    /// (a timeout, a reset) is not repeated: that could push twice.
    async fn push(&self, token: &str, push: &TestPush) -> Exchange {
        let timestamp = crate::vendors::now_ms().to_string();
        let (body, extra) = (self.body(push), [("timestamp", timestamp.as_str())]);
        let sent = self
            .api
            .post_bearer(token, &extra, &body, Repeat::IfNotReceived)
            .await;
        let target = push.target.trim();
        let mut exchange = Exchange::new(Vendor::Honor, target, &sent);
        let (status, map) = match object(&sent.reply) {
            Ok(answer) => answer,
            Err(why) => {
                exchange.unreachable(&why);
                return exchange;
            }
        };
        let message = map
            .get("message")
            .or_else(|| map.get("msg"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let code = code_of(map.get("code"));
        let data = map.get("data").and_then(Value::as_object);
        let listed = |key: &str| {
            data.and_then(|d| d.get(key))
                .and_then(Value::as_array)
                .is_some_and(|tokens| tokens.iter().any(|t| t.as_str() == Some(target)))
        };
        let raw = refusal::http_raw(
            status,
            &[("code", code.map(|c| c.to_string()))],
            message.as_deref(),
        );
        if listed("failTokens") || listed("expireTokens") {
            let which = if listed("expireTokens") {
                "expireTokens (the token expired: the app was uninstalled or its data cleared)"
            } else {
                "failTokens"
            };
            let note = format!("it is in {which}");
            let said = refusal::said(
                Vendor::Honor,
                Rule::DeviceTokenMalformed,
                &format!("Honor does not accept the token {target}"),
                &raw,
                About::Note(&note),
                "copy the push token again from a device running the app built with this App ID",
            );
            refusal::mark(&mut exchange, code, message, (said, None));
            return exchange;
        }
        let sent_ok = data
            .and_then(|d| d.get("sendResult"))
            .and_then(Value::as_bool)
            == Some(true);
        match code {
            // 200 is what most clients check; one checks 0 (§6.3): both are success.
            Some(ok @ (200 | 0)) if sent_ok => {
                let id = data
                    .and_then(|d| d.get("requestId"))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                exchange.accepted(Some(ok), message, id);
            }
            Some(code) => {
                // No table (§6.3): a 401 is the access token, anything else the push.
                let (rule, refused, help, credential) = if status == 401 {
                    (
                        Rule::CredentialRejected,
                        format!("Honor refused the access token for the push to {target}"),
                        "check that `[honor] app-id` is the App ID of the app whose Client ID and Secret are configured",
                        Some("client-secret"),
                    )
                } else {
                    (
                        Rule::PushRejected,
                        format!("Honor refused the push to {target}"),
                        "read the message; Honor's developer forum or support can explain the code",
                        None,
                    )
                };
                let about = About::Note(NO_CODE_LIST);
                let said = refusal::said(Vendor::Honor, rule, &refused, &raw, about, help);
                refusal::mark(&mut exchange, Some(code), message, (said, credential));
            }
            None => exchange.unreachable(&format!(
                "HTTP {status} with JSON that has no `code`: not Honor's answer (is the endpoint right?)"
            )),
        }
        exchange
    }
}
