//! OPPO: AppId, AppKey, AppSecret (client) and MasterSecret (server) (`vendors-cn.md` §2.1).
//! The server signs `sha256(appKey + timestamp + masterSecret)` to get an `auth_token`
//! (`auth.rs`; the AppSecret there fails), then sends unicast pushes with it (`send.rs`);
//! [`codes`] explains the answers. OPPO has no test mode: every push is a real one.

mod auth;
pub mod codes;
pub mod from_config;
mod send;
pub mod spec;

use serde_json::Value;

use super::refusal::{Accepted, Answer};
use crate::net::{NetOptions, Reply};
use crate::secret::Secret;

pub use auth::sign;
pub use send::action_parameters;

/// OPPO's API base URL (`vendors-cn.md` §2.2); `[oppo] endpoint` or `PUSHDIAG_OPPO_ENDPOINT`
/// overrides it.
pub const DEFAULT_ENDPOINT: &str = "https://api.push.oppomobile.com";

/// The credentials the server API needs: AppKey and MasterSecret (§2.1), and the notification
/// channel the push goes to.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    pub app_key: String,
    pub master_secret: Secret,
    /// `[oppo] channel-id`; Android 8+ shows a push without a known channel poorly or not at
    /// all, but OPPO's server does not check it.
    pub channel_id: Option<String>,
}

/// An OPPO API client for one app: the auth_token is fetched once and cached for the process.
pub type Client = super::token_client::Client<AppCredentials>;

impl Client {
    /// A client for the API at `base` (checked: `https://`, or `http://` on loopback only).
    pub fn new(base: &str, app: AppCredentials, net: &NetOptions) -> anyhow::Result<Client> {
        let auth_url = crate::net::endpoint(base, "/server/v1/auth")?;
        let send_url = crate::net::endpoint(base, "/server/v1/message/notification/unicast")?;
        let api = super::token_client::Api::new(base, auth_url, send_url, net)?;
        Ok(Client { api, app })
    }
}

fn answer(reply: &Reply) -> Answer {
    let (status, map) = match super::refusal::object(crate::vendor::Vendor::Oppo, reply) {
        Ok(answer) => answer,
        Err(reason) => return Answer::Unknown(reason),
    };
    let message = map
        .get("message")
        .and_then(Value::as_str)
        .map(str::to_owned);
    match map.get("code").and_then(Value::as_i64) {
        Some(0) => Answer::Ok(Accepted {
            message,
            data: super::refusal::data(map),
        }),
        // OPPO's "busy, try later" codes.
        Some(code @ (-2 | -1)) => Answer::failed(
            "OPPO is busy",
            codes::WORDING.code,
            code,
            message.as_deref(),
        ),
        Some(code) => Answer::Code { code, message },
        None => Answer::Unknown(format!(
            "HTTP {status} with JSON that has no `code`: not OPPO's answer (is the endpoint right?)"
        )),
    }
}

super::push_vendor!(Oppo, codes: codes::CODES);
