//! vivo: AppID, AppKey and AppSecret (`vendors-cn.md` §1.1). The server signs
//! `md5(appId + appKey + timestamp + appSecret)` to get an `authToken` (`auth.rs`), then sends
//! unicast pushes with it (`send.rs`); [`codes`] explains the answers.

mod auth;
pub mod codes;
pub mod from_config;
mod send;
pub mod spec;

use serde_json::{Map, Value};

use crate::net::{NetOptions, Reply};
use crate::secret::Secret;

pub use auth::sign;

/// vivo's API base URL (`vendors-cn.md` §1.2); `[vivo] endpoint` or `PUSHDIAG_VIVO_ENDPOINT`
/// overrides it.
pub const DEFAULT_ENDPOINT: &str = "https://api-push.vivo.com.cn";

/// The credentials the server API needs.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    /// vivo's AppID is an integer (§1.1) and is sent as one.
    pub app_id: u64,
    pub app_key: String,
    pub app_secret: Secret,
}

/// A vivo API client for one app: the authToken is fetched once and cached for the process.
pub type Client = super::token_client::Client<AppCredentials>;

impl Client {
    /// A client for the API at `base` (checked: `https://`, or `http://` on loopback only).
    pub fn new(base: &str, app: AppCredentials, net: &NetOptions) -> anyhow::Result<Client> {
        let auth_url = crate::net::endpoint(base, "/message/auth")?;
        let send_url = crate::net::endpoint(base, "/message/send")?;
        let api = super::token_client::Api::new(base, auth_url, send_url, net)?;
        Ok(Client { api, app })
    }
}

/// vivo's answer, read.
enum Answer {
    /// `result` 0.
    Ok(Map<String, Value>),
    /// Another `result`: vivo said no.
    Code {
        code: i64,
        desc: Option<String>,
        body: Map<String, Value>,
    },
    /// HTTP 4xx without a `result` (a request vivo could not read): no, without a code.
    Http { status: u16, desc: Option<String> },
    /// No usable answer: the reason.
    Unknown(String),
}

/// Marks `exchange` refused by an HTTP 4xx with no result code (`Answer::Http`): `{refused} with
/// HTTP {status}`, vivo's `desc` quoted after `separator`, then `and no result code`.
fn refused_by_http(
    exchange: &mut super::push::Exchange,
    refused: &str,
    (status, desc): (u16, Option<String>),
    separator: &str,
    help: &str,
) {
    let quoted = desc.as_deref().map(|d| format!("{separator}{d:?}"));
    let text = format!(
        "{refused} with HTTP {status}{} and no result code",
        quoted.unwrap_or_default()
    );
    exchange.rejected(None, desc);
    let finding = crate::findings::Finding::new(crate::findings::Rule::PushRejected, text);
    exchange.finding = Some(
        finding
            .vendor(crate::vendor::Vendor::Vivo)
            .help(help.to_owned()),
    );
}

fn answer(reply: &Reply) -> Answer {
    let (status, map) = match super::refusal::object(crate::vendor::Vendor::Vivo, reply) {
        Ok(answer) => answer,
        Err(reason) => return Answer::Unknown(reason),
    };
    let desc = map.get("desc").and_then(Value::as_str).map(str::to_owned);
    match map.get("result").and_then(Value::as_i64) {
        Some(0) => Answer::Ok(map.clone()),
        Some(code) => Answer::Code {
            code,
            desc,
            body: map.clone(),
        },
        None if (400..500).contains(&status) => Answer::Http {
            status,
            desc,
        },
        None => Answer::Unknown(format!(
            "HTTP {status} with JSON that has no `result`: not vivo's answer (is the endpoint right?)"
        )),
    }
}

super::push_vendor!(Vivo, codes: codes::CODES);
