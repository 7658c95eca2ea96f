//! Xiaomi (MiPush): AppID and AppKey identify the app; AppSecret is the only server credential
//! (`vendors-cn.md` §3.1). There is no token exchange: every request carries
//! `Authorization: key=<AppSecret>` (§3.2), so a unicast push is one request (`send.rs`);
//! [`codes`] explains the answers. Xiaomi has no test mode: every push is a real one.
//!
//! Retries: Xiaomi documents no request-id de-duplication (§3.3), so a push is never sent again
//! once the request may have reached the server (a timeout, a reset, a body cut off): that could
//! deliver it twice. It is tried again only when the connection could not be made at all, or on
//! HTTP 429 and 5xx, which say the push was not accepted.

pub mod codes;
pub mod from_config;
mod send;
pub mod spec;

use serde_json::Value;

use super::push::Exchange;
use super::refusal::{self, Accepted, Answer, Doing};
use crate::net::{NetOptions, Reply, Sent};
use crate::outcome::Target;
use crate::secret::Secret;
use crate::vendor::Vendor;

pub use send::extra_fields;

/// Xiaomi's API base URL in China (§3.3); `[xiaomi] endpoint` or `PUSHDIAG_XIAOMI_ENDPOINT`
/// overrides it (the overseas hosts are listed in `docs/vendors/xiaomi.md`).
pub const DEFAULT_ENDPOINT: &str = "https://api.xmpush.xiaomi.com";

/// What the server API needs: the AppSecret, the app's package name and the channel.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    pub app_secret: Secret,
    /// The top-level `package`: `restricted_package_name` (§3.3).
    pub package: String,
    /// `[xiaomi] channel-id`: `extra.channel_id`; without one the push goes to the default
    /// channel, which is limited to one push per device a day (§3.6).
    pub channel_id: Option<String>,
}

/// The `Authorization: key=<AppSecret>` header (§3.1): the one place the AppSecret leaves its
/// type, as the header goes on the wire.
fn authorization(app_secret: &Secret) -> String {
    format!("key={}", app_secret.expose().trim())
}

/// A Xiaomi API client for one app: each request carries its own credentials.
pub type Client = super::signed_client::Client<AppCredentials>;

impl Client {
    /// A client for the API at `base` (checked: `https://`, or `http://` on loopback only).
    pub fn new(base: &str, app: AppCredentials, net: &NetOptions) -> anyhow::Result<Client> {
        Client::at(base, "/v3/message/regid", app, net)
    }

    /// `check-config --online` (`vendors-cn.md` §3.5): `GET /v1/stats/message/counters` for
    /// today, with the same `Authorization` and package as a send; nothing is pushed.
    pub async fn check_credentials(&self) -> Vec<Exchange> {
        let today = crate::vendors::yyyymmdd(0);
        let mut url = match crate::net::endpoint(&self.base, "/v1/stats/message/counters") {
            Ok(url) => url,
            Err(_) => self.send_url.clone(),
        };
        url.query_pairs_mut()
            .append_pair("start_date", &today)
            .append_pair("end_date", &today)
            .append_pair("restricted_package_name", self.app.package.trim());
        let authorization = authorization(&self.app.app_secret);
        let sent = crate::net::get(
            &self.http,
            &url,
            &[("Authorization", &authorization)],
            self.retries,
        )
        .await;
        let mut exchange = Exchange::new(Vendor::Xiaomi, Target::Auth, &sent);
        let answer = answer(&sent.reply);
        answer.record(
            &mut exchange,
            Doing::CredentialCheck,
            0,
            codes::refuse,
            |_| None,
        );
        vec![exchange]
    }
}

/// POSTs a form with `Authorization`, trying again only where no push can have been accepted
/// (`Repeat::IfNotReceived`): Xiaomi does not de-duplicate, so a retry after a timeout could
/// push twice.
async fn post_once_safe(
    client: &reqwest::Client,
    url: &reqwest::Url,
    authorization: &str,
    body: &str,
    retries: u32,
) -> Sent {
    crate::net::post(
        client,
        url,
        "application/x-www-form-urlencoded",
        &[("Authorization", authorization)],
        body,
        retries,
        crate::net::Repeat::IfNotReceived,
    )
    .await
}

/// Codes that mean Xiaomi failed rather than refused: whether it acted is unknown.
fn is_busy(code: i64) -> bool {
    codes::lookup(code).is_some_and(|entry| entry.rule.is_none() && code != 0)
}

fn answer(reply: &Reply) -> Answer {
    let (status, map) = match super::refusal::object(Vendor::Xiaomi, reply) {
        Ok(answer) => answer,
        Err(reason) => return Answer::Unknown(reason),
    };
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
    let description = text("description");
    let code = map.get("code").and_then(Value::as_i64);
    match (map.get("result").and_then(Value::as_str), code) {
        (Some("ok"), Some(0) | None) => Answer::Ok(Accepted {
            message: description,
            data: refusal::data(map),
        }),
        (_, Some(code)) if is_busy(code) => {
            Answer::failed("Xiaomi failed", codes::WORDING.code, code, description.as_deref())
        }
        (_, Some(code)) if code != 0 => {
            let message = match (description, text("reason")) {
                (Some(d), Some(r)) => Some(format!("{d}: {r}")),
                (d, r) => d.or(r),
            };
            Answer::Code { code, message }
        }
        _ => Answer::Unknown(format!(
            "HTTP {status} with JSON that has no `result` and `code` Xiaomi would send (is the endpoint right?)"
        )),
    }
}

super::push_vendor!(Xiaomi, codes: codes::CODES);

super::push::request_per_push_client!(Client);
