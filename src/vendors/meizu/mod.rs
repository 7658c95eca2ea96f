//! Meizu (Flyme Push): AppId, AppKey (client) and AppSecret (server: signs every request)
//! (`vendors-cn.md` §5.1). There is no token exchange: every request carries a `sign`, the MD5
//! of its sorted parameters and the AppSecret (§5.2, [`sign`]), so a unicast push is one request
//! (`send.rs`); [`codes`] explains the answers. Meizu has no test mode: every push is a real one.
//!
//! Retries: Meizu documents no request id to de-duplicate by (§5.3), so a push is never sent
//! again once the request may have reached the server (a timeout, a reset, a body cut off): that
//! could deliver it twice. It is tried again only when the connection could not be made at all,
//! or on HTTP 429 and 5xx, which say the push was not accepted (`Repeat::IfNotReceived`).

pub mod codes;
pub mod from_config;
mod send;
pub mod spec;

use serde_json::Value;

use super::push::Exchange;
use super::refusal::{Accepted, Answer, Doing};
use crate::net::{NetOptions, Reply};
use crate::outcome::Target;
use crate::secret::Secret;
use crate::vendor::Vendor;

pub use send::message_json;

/// Meizu's API base URL. The official HTTP API doc names `http://server-api-push.meizu.com`
/// (§5.3), but pushdiag sends credentials over `http://` only to loopback, so the default is
/// `https://api-push.meizu.com`, the host of Meizu's official Go SDK (§5.3 [M-gosdk]).
/// `[meizu] endpoint` or `PUSHDIAG_MEIZU_ENDPOINT` overrides it.
pub const DEFAULT_ENDPOINT: &str = "https://api-push.meizu.com";

/// What the server API needs: the AppId and the AppSecret that signs.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    pub app_id: String,
    pub app_secret: Secret,
}

/// Meizu's `sign` (§5.2): every parameter but `sign`, sorted by name, concatenated as
/// `key=value` with no separator and the raw (not URL-encoded) values, then the AppSecret; the
/// lowercase hex MD5 of that.
pub fn sign(params: &[(&str, &str)], app_secret: &Secret) -> String {
    let mut sorted: Vec<&(&str, &str)> = params.iter().filter(|(k, _)| *k != "sign").collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut text = String::new();
    for (key, value) in sorted {
        text.push_str(key);
        text.push('=');
        text.push_str(value);
    }
    text.push_str(app_secret.expose().trim());
    format!("{:x}", md5::compute(text.as_bytes()))
}

/// A Meizu API client for one app: each request carries its own credentials.
pub type Client = super::signed_client::Client<AppCredentials>;

impl Client {
    /// A client for the API at `base` (checked: `https://`, or `http://` on loopback only).
    pub fn new(base: &str, app: AppCredentials, net: &NetOptions) -> anyhow::Result<Client> {
        Client::at(
            base,
            "/garcia/api/server/push/varnished/pushByPushId",
            app,
            net,
        )
    }

    /// `check-config --online` (`vendors-cn.md` §5.5): `GET .../dailyPushStatics` for the
    /// last week (Meizu allows 30 days at most), signed as a send is; nothing is pushed.
    pub async fn check_credentials(&self) -> Vec<Exchange> {
        let (start, end) = (crate::vendors::yyyymmdd(7), crate::vendors::yyyymmdd(0));
        let app_id = self.app.app_id.trim();
        let mut params = vec![("appId", app_id), ("startTime", &start), ("endTime", &end)];
        let signed = sign(&params, &self.app.app_secret);
        params.push(("sign", &signed));
        let path = "/garcia/api/server/push/statistics/dailyPushStatics";
        let mut url = match crate::net::endpoint(&self.base, path) {
            Ok(url) => url,
            Err(_) => self.send_url.clone(),
        };
        url.query_pairs_mut().extend_pairs(&params);
        let sent = crate::net::get(&self.http, &url, &[], self.retries).await;
        let mut exchange = Exchange::new(Vendor::Meizu, Target::Auth, &sent);
        let answer = answer(&sent.reply, Target::Auth.as_str());
        answer.record(
            &mut exchange,
            Doing::CredentialCheck,
            200,
            codes::refuse,
            |_| None,
        );
        vec![exchange]
    }
}

/// Codes that mean Meizu failed rather than refused: whether it acted is unknown.
fn is_busy(code: i64) -> bool {
    codes::lookup(code).is_some_and(|entry| entry.rule.is_none() && code != 200)
}

/// The code, a string in Meizu's answers (a number is accepted too).
fn code_of(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

fn answer(reply: &Reply, target: &str) -> Answer {
    let (status, map) = match super::refusal::object(Vendor::Meizu, reply) {
        Ok(answer) => answer,
        Err(reason) => return Answer::Unknown(reason),
    };
    let message = map
        .get("message")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
        .map(str::to_owned);
    match code_of(map.get("code")) {
        Some(200) => {
            // Per-target failures: `value` maps a code to the pushIds it failed.
            let failed = map
                .get("value")
                .and_then(Value::as_object)
                .and_then(|value| {
                    value.iter().find_map(|(code, ids)| {
                        let ids = ids.as_array()?;
                        let hit = ids.is_empty()
                            || ids
                                .iter()
                                .any(|id| id.as_str().map(str::trim) == Some(target));
                        hit.then(|| code.trim().parse::<i64>().ok()).flatten()
                    })
                });
            match failed {
                Some(code) if is_busy(code) => {
                    let failed = format!("Meizu failed for {target}");
                    Answer::failed(&failed, codes::WORDING.code, code, None)
                }
                Some(code) => Answer::Code {
                    code,
                    message: Some("listed as failing in `value`".to_owned()),
                },
                None => Answer::Ok(Accepted {
                    message,
                    data: map.clone(),
                }),
            }
        }
        Some(code) if is_busy(code) => Answer::failed(
            "Meizu failed",
            codes::WORDING.code,
            code,
            message.as_deref(),
        ),
        Some(code) => Answer::Code { code, message },
        None => Answer::Unknown(format!(
            "HTTP {status} with JSON that has no `code` Meizu would send (is the endpoint right?)"
        )),
    }
}

super::push_vendor!(Meizu, codes: codes::CODES);

super::push::request_per_push_client!(Client);
