//! `POST {endpoint}/v1/{app-id}/messages:send` (`vendors-cn.md` §4.4): JSON with
//! `Authorization: Bearer <access_token>`. The ext goes into `message.data` as `{"ext": ...}`,
//! where the Tencent plugins read it (`tim-vendor-payloads.md`).

use serde::Serialize;
use serde_json::Value;

use super::{code_of, object, Client};
use crate::findings::Rule;
use crate::net::{Repeat, Reply};
use crate::outcome::Target;
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest, TestPush, TokenPushClient};
use crate::vendors::refusal::{self, Doing};

/// `target_user_type` 1: a test message, 500 per app per day and exempt from the per-device cap
/// (§4.4, §4.8).
const TEST_MESSAGE: u8 = 1;
/// `click_action.type` 3: open the app (§4.4); the data still reaches it.
const CLICK_OPEN_APP: u8 = 3;
/// Success (§4.6).
pub(super) const SUCCESS: i64 = 80_000_000;
/// "All the tokens are invalid" (§4.6): the expected answer to the credential check's token.
const ALL_TOKENS_INVALID: i64 = 80_300_007;

/// The device token of the `validate_only` credential check: no device has it, so Huawei
/// answers 80300007 ("all the tokens are invalid") once the access token, the app or project in
/// the URL and the message are right (`vendors-cn.md` §4.7), and delivers nothing.
pub(super) const CHECK_TOKEN: &str = "pushdiag-credential-check";

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
        self.body_validating(push, false)
    }

    fn body_validating(&self, push: &TestPush, validate_only: bool) -> String {
        let body = Body {
            validate_only,
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
}

impl TokenPushClient for Client {
    /// The send request as `--dry-run` shows it: the Bearer token masked.
    fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        self.api.plan_bearer(&[], self.body(push))
    }

    /// Sends one push. Huawei documents no de-duplication, so a try that may have reached
    /// Huawei (a timeout, a reset) is not repeated: that could push twice.
    async fn push(&self, token: &str, push: &TestPush) -> Exchange {
        let body = self.body(push);
        let sent = self
            .api
            .post_bearer(token, &[], &body, Repeat::IfNotReceived)
            .await;
        let target = push.target.trim();
        let mut exchange = Exchange::new(Vendor::Huawei, target, &sent);
        match answer(&sent.reply) {
            Err(why) => exchange.unreachable(&why),
            Ok((SUCCESS, message, id)) => exchange.accepted(Some(SUCCESS), message, id),
            Ok((code, message, _)) => {
                let names_key = super::codes::lookup(code).and_then(|e| e.rule)
                    == Some(Rule::CredentialRejected);
                let (doing, so) = (Doing::Push(target), "whether it acted is unknown");
                self.refused(&mut exchange, (doing, so), code, message, names_key);
            }
        }
        exchange
    }

    /// Huawei's `validate_only` send proves the app can push, not just that it has a token.
    async fn check_with_token(&self, token: &str) -> Option<Exchange> {
        Some(self.validate(token).await)
    }
}

/// 80200001: the access token is not for the app (v1) or project (v2) in the URL (§4.6).
const TOKEN_OF_ANOTHER_APP: i64 = 80_200_001;

impl Client {
    /// The config key a credential code points at: for 80200001 the app or project the URL
    /// names (the token is another's); for the others the secret.
    fn rejected_key(&self, code: i64) -> &'static str {
        match code {
            TOKEN_OF_ANOTHER_APP if self.app.v2_project_id.is_some() => "project-id",
            TOKEN_OF_ANOTHER_APP => "app-id",
            _ => "app-secret",
        }
    }

    /// Settles an answer with `code`: a "busy" code leaves it unknown (`Huawei answered …: …,
    /// so {so}`); any other is refused as `doing`, naming the config key when `names_key`.
    fn refused(
        &self,
        exchange: &mut Exchange,
        (doing, so): (Doing<'_>, &str),
        code: i64,
        message: Option<String>,
        names_key: bool,
    ) {
        match super::codes::lookup(code) {
            Some(entry) if entry.rule.is_none() => exchange.unreachable(&format!(
                "Huawei answered {}: {}, so {so}",
                refusal::raw(super::codes::WORDING.code, code, message.as_deref()),
                entry.meaning
            )),
            _ => {
                super::codes::refuse(exchange, doing, code, message);
                if names_key {
                    exchange.credential = Some(self.rejected_key(code));
                }
            }
        }
    }

    /// `check-config --online`'s second step (§4.7): a `validate_only` send to a token no device
    /// has. 80300007 (or success) proves the access token is valid for the AppID or project in
    /// the URL; 80200001 says it belongs to another app. Nothing is delivered, so a retry is
    /// safe.
    pub async fn validate(&self, token: &str) -> Exchange {
        let push = TestPush {
            target: CHECK_TOKEN.to_owned(),
            title: "pushdiag".to_owned(),
            body: "credential check".to_owned(),
            ext: "{}".to_owned(),
            production: false,
            click: crate::vendors::push::Click::OpenApp,
        };
        let body = self.body_validating(&push, true);
        let sent = self.api.post_bearer(token, &[], &body, Repeat::Safe).await;
        let mut exchange = Exchange::new(Vendor::Huawei, Target::CredentialCheck, &sent);
        match answer(&sent.reply) {
            Err(why) => exchange.unreachable(&why),
            Ok((code @ (SUCCESS | ALL_TOKENS_INVALID), message, _)) => {
                exchange.accepted(Some(code), message, None)
            }
            Ok((code, message, _)) => {
                let doing = (Doing::CredentialCheck, "the check is inconclusive");
                let names_key = code == TOKEN_OF_ANOTHER_APP;
                self.refused(&mut exchange, doing, code, message, names_key);
            }
        }
        exchange
    }
}

/// Huawei's answer to a send: its `code`, `msg` and `requestId`; why not, when the reply is not
/// Huawei's JSON or has no `code`.
fn answer(reply: &Reply) -> Result<(i64, Option<String>, Option<String>), String> {
    let (status, map) = object(reply)?;
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
    match code_of(map.get("code")) {
        Some(code) => Ok((code, text("msg"), text("requestId"))),
        None => Err(format!(
            "HTTP {status} with JSON that has no `code`: not Huawei's answer (is the endpoint right?)"
        )),
    }
}
