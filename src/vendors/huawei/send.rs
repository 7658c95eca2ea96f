//! `POST {endpoint}/v1/{app-id}/messages:send` (`vendors-cn.md` §4.4): JSON with
//! `Authorization: Bearer <access_token>`. The ext goes into `message.data` as `{"ext": ...}`,
//! where the Tencent plugins read it (`tim-vendor-payloads.md`).

use serde::Serialize;
use serde_json::Value;

use super::{code_of, object, raw, Client};
use crate::findings::{Finding, Rule};
use crate::net::Repeat;
use crate::secret::MASK;
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest, TestPush};

/// `target_user_type` 1: a test message, 500 per app per day and exempt from the per-device cap
/// (§4.4, §4.8).
const TEST_MESSAGE: u8 = 1;
/// `click_action.type` 3: open the app (§4.4); the data still reaches it.
const CLICK_OPEN_APP: u8 = 3;
/// Success (§4.6).
pub(super) const SUCCESS: i64 = 80_000_000;

#[derive(Serialize)]
struct Body<'a> {
    validate_only: bool,
    message: Message<'a>,
}

#[derive(Serialize)]
struct Message<'a> {
    data: String,
    android: Android<'a>,
    token: [&'a str; 1],
}

#[derive(Serialize)]
struct Android<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_user_type: Option<u8>,
    notification: Notification<'a>,
}

#[derive(Serialize)]
struct Notification<'a> {
    title: &'a str,
    body: &'a str,
    click_action: ClickAction,
}

#[derive(Serialize)]
struct ClickAction {
    #[serde(rename = "type")]
    kind: u8,
}

/// `message.data`: `{"ext":"<Ext>"}` as a JSON string.
pub fn data(ext: &str) -> String {
    serde_json::json!({ "ext": ext }).to_string()
}

impl Client {
    fn body(&self, push: &TestPush) -> String {
        let body = Body {
            validate_only: false,
            message: Message {
                data: data(&push.ext),
                android: Android {
                    category: self
                        .app
                        .category
                        .as_deref()
                        .map(str::trim)
                        .filter(|c| !c.is_empty()),
                    target_user_type: (!push.production).then_some(TEST_MESSAGE),
                    notification: Notification {
                        title: &push.title,
                        body: &push.body,
                        click_action: ClickAction {
                            kind: CLICK_OPEN_APP,
                        },
                    },
                },
                token: [push.target.trim()],
            },
        };
        // Strings and integers always serialise.
        serde_json::to_string(&body).unwrap_or_default()
    }

    /// The send request as `--dry-run` shows it: the Bearer token masked.
    pub fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        PlannedRequest {
            method: "POST",
            url: self.send_url.to_string(),
            headers: vec![
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("Authorization".to_owned(), format!("Bearer {MASK}")),
            ],
            body: self.body(push),
        }
    }

    /// Sends one push. Huawei documents no de-duplication, so a try that may have reached
    /// Huawei (a timeout, a reset) is not repeated: that could push twice.
    pub async fn push(&self, token: &str, push: &TestPush) -> Exchange {
        let authorization = format!("Bearer {token}");
        let sent = crate::net::post(
            &self.http,
            &self.send_url,
            "application/json",
            &[("Authorization", &authorization)],
            &self.body(push),
            self.retries,
            Repeat::IfNotReceived,
        )
        .await;
        let target = push.target.trim();
        let mut exchange = Exchange::new(Vendor::Huawei, target, &sent);
        let (status, map) = match object(&sent.reply) {
            Ok(answer) => answer,
            Err(why) => {
                exchange.unreachable(&why);
                return exchange;
            }
        };
        let message = map.get("msg").and_then(Value::as_str).map(str::to_owned);
        let id = map
            .get("requestId")
            .and_then(Value::as_str)
            .map(str::to_owned);
        match code_of(map.get("code")) {
            Some(SUCCESS) => exchange.accepted(Some(SUCCESS), message, id),
            Some(code) => match super::codes::lookup(code) {
                Some(entry) if entry.rule.is_none() => exchange.unreachable(&format!(
                    "Huawei answered {}: {}, so whether it acted is unknown",
                    raw(code, message.as_deref()),
                    entry.meaning
                )),
                _ => {
                    exchange.rejected(Some(code), message.clone());
                    exchange.finding = Some(refused(target, code, message.as_deref()));
                    if super::codes::lookup(code).and_then(|e| e.rule) == Some(Rule::CredentialRejected) {
                        exchange.credential = Some("app-secret");
                    }
                }
            },
            None => exchange.unreachable(&format!(
                "HTTP {status} with JSON that has no `code`: not Huawei's answer (is the endpoint right?)"
            )),
        }
        exchange
    }
}

/// The finding for a push refused with a Huawei code.
fn refused(target: &str, code: i64, message: Option<&str>) -> Finding {
    let raw = raw(code, message);
    match super::codes::lookup(code) {
        Some(entry) if entry.rule == Some(Rule::DeviceTokenMalformed) => Finding::new(
            Rule::DeviceTokenMalformed,
            format!("Huawei does not accept the token {target}: {raw}: {}", entry.meaning),
        )
        .vendor(Vendor::Huawei)
        .help(entry.fix),
        Some(entry) if entry.rule == Some(Rule::CredentialRejected) => Finding::new(
            Rule::CredentialRejected,
            format!("Huawei refused the access token for the push to {target}: {raw}: {}", entry.meaning),
        )
        .vendor(Vendor::Huawei)
        .help(entry.fix),
        Some(entry) => Finding::new(
            Rule::PushRejected,
            format!("Huawei refused the push to {target}: {raw}: {}", entry.meaning),
        )
        .vendor(Vendor::Huawei)
        .help(entry.fix),
        None => Finding::new(
            Rule::PushRejected,
            format!("Huawei refused the push to {target}: {raw}, a code pushdiag's table does not know"),
        )
        .vendor(Vendor::Huawei)
        .help("look the code up in Push Kit's server API error codes (developer.huawei.com, 服务端API错误码)"),
    }
}
