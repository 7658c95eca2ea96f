//! What Huawei and Honor share: an OAuth 2.0 client-credentials token request (a form with
//! `grant_type`, `client_id` and `client_secret`, answered with
//! `{"access_token","expires_in","token_type"}` or with an `error` body), the token cached for
//! the process, and the JSON answers both APIs give. Each vendor's `auth.rs` says what differs in
//! a [`Provider`].

use std::time::Duration;

use serde_json::{Map, Value};

use crate::findings::Finding;
use crate::net::NetOptions;
use crate::outcome::AnswerCode;
use crate::secret::{Secret, MASK};
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest, TokenAuthClient};
use crate::vendors::refusal;
use crate::vendors::token_client::{Api, Client};

/// Tokens live an hour (Huawei: `expires_in` 3600, §4.3; Honor: inferred, its API mirrors
/// Huawei's); pushdiag renews 5 minutes early, and assumes an hour when the answer does not say.
/// Huawei throttles at 1000 tokens per 5 minutes, so the token is reused, never re-fetched.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

/// What differs between the vendors' token requests.
pub struct Provider {
    pub vendor: Vendor,
    /// The key a refused token request blames.
    pub credential: &'static str,
    /// The finding for a refused token request: HTTP status, the `error` body and its
    /// `error_description`.
    pub refused: fn(u16, &Map<String, Value>, Option<&str>) -> Finding,
}

/// A client whose token comes from an OAuth server (Huawei, Honor, FCM): what it names is its
/// [`Provider`], its [`Api`] and its token form; the [`TokenAuthClient`] half is then this
/// module's [`plan`] and [`token`], written once.
pub trait OAuthClient {
    const PROVIDER: Provider;
    fn api(&self) -> &Api;
    /// The token request's form; with `masked`, the secret replaced by the mask.
    fn auth_body(&self, masked: bool) -> String;
}

impl<C: OAuthClient> TokenAuthClient for C {
    /// The token request as `--dry-run` shows it: the secret (or assertion) masked.
    fn plan_auth(&self) -> PlannedRequest {
        plan(&self.api().auth_url, self.auth_body(true))
    }

    /// The cached access token, or a new one (its exchange added); `None` when refused or
    /// unreachable.
    async fn token(&self, exchanges: &mut Vec<Exchange>) -> Option<String> {
        token(
            &C::PROVIDER,
            self.api(),
            || self.auth_body(false),
            exchanges,
        )
        .await
    }
}

/// The app of a client-credentials vendor (Huawei, Honor): what differs between them. Its
/// `token_client::Client` then gets `new`, and [`OAuthClient`] with the form of
/// [`client_credentials`].
pub trait ClientCredentials {
    const PROVIDER: Provider;
    /// The token request's path on the OAuth server.
    const AUTH_PATH: &'static str;
    /// The OAuth client id and secret.
    fn client(&self) -> (&str, &Secret);
    /// The push path on the API, or why the app's ids cannot make one.
    fn send_path(&self) -> anyhow::Result<String>;
}

impl<A: ClientCredentials> Client<A> {
    /// A client for the API at `base` and the OAuth server at `auth_base` (each checked:
    /// `https://`, or `http://` on loopback only).
    pub fn new(base: &str, auth_base: &str, app: A, net: &NetOptions) -> anyhow::Result<Self> {
        let auth_url = crate::net::endpoint(auth_base, A::AUTH_PATH)?;
        let send_url = crate::net::endpoint(base, &app.send_path()?)?;
        let api = Api::new(base, auth_url, send_url, net)?;
        Ok(Client { api, app })
    }
}

impl<A: ClientCredentials> OAuthClient for Client<A> {
    const PROVIDER: Provider = A::PROVIDER;

    fn api(&self) -> &Api {
        &self.api
    }

    fn auth_body(&self, masked: bool) -> String {
        let (client_id, secret) = self.app.client();
        client_credentials(client_id, (!masked).then_some(secret))
    }
}

/// The app id in a push path, trimmed: letters and digits only, else an error naming the config
/// `key` and what the id is (`"a Huawei AppID"`).
pub fn path_app_id<'a>(app_id: &'a str, key: &str, what: &str) -> anyhow::Result<&'a str> {
    let app_id = app_id.trim();
    if app_id.is_empty() || !app_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        anyhow::bail!("`{key}` is \"{app_id}\", but {what} is a number");
    }
    Ok(app_id)
}

/// What `--dry-run` says of a client-credentials vendor (Huawei, Honor): the secret is a form
/// field, the token a Bearer header.
pub const DRY_RUN: crate::vendors::spec::DryRun = crate::vendors::spec::DryRun {
    note: "the app secret is never shown, client_secret and the Bearer token are masked",
    signed: "client_secret",
};

/// The client-credentials form (Huawei §4.3, Honor §6.2); `secret` `None` masks it for
/// `--dry-run`. The secret leaves its type only here, as the form field goes on the wire.
pub fn client_credentials(client_id: &str, secret: Option<&Secret>) -> String {
    let secret = secret.map_or(MASK, Secret::expose);
    crate::vendors::form(&[
        ("grant_type", "client_credentials"),
        ("client_id", client_id.trim()),
        ("client_secret", secret.trim()),
    ])
}

/// The token request as `--dry-run` shows it (the caller masks the secret in `body`).
pub fn plan(auth_url: &reqwest::Url, body: String) -> PlannedRequest {
    PlannedRequest {
        method: "POST",
        url: auth_url.to_string(),
        headers: vec![(
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        )],
        body,
    }
}

/// The cached access token, or a new one. A token request made adds its exchange; `None` when
/// the vendor refused the credentials or could not be reached. `body` is built lazily so the
/// secret is only exposed when a request is really sent.
pub async fn token(
    provider: &Provider,
    api: &Api,
    body: impl FnOnce() -> String,
    exchanges: &mut Vec<Exchange>,
) -> Option<String> {
    let vendor = provider.vendor;
    let send = async { api.post_form(&body()).await };
    api.token(vendor, exchanges, send, |reply, exchange| {
        let (status, map) = match refusal::object(vendor, reply) {
            Ok(answer) => answer,
            Err(why) => {
                exchange.unreachable(&why);
                return None;
            }
        };
        let token = map
            .get("access_token")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        if let Some(token) = token {
            let lifetime = map
                .get("expires_in")
                .and_then(Value::as_u64)
                .map_or(DEFAULT_LIFETIME, Duration::from_secs);
            exchange.accepted(None, None, None);
            Some((token.to_owned(), lifetime.saturating_sub(REFRESH_MARGIN)))
        } else if map.contains_key("error") || map.contains_key("error_description") {
            let code = code_of(map.get("error"));
            let description = map
                .get("error_description")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let finding = (provider.refused)(status, map, description.as_deref());
            refusal::mark(exchange, code, description, (finding, Some(provider.credential)));
            // OAuth's `error` is the server's code for the refusal; a word (Honor's
            // `invalid_client`, RFC 6749 §5.2) is kept as that code too, not dropped.
            if code.is_none() {
                if let Some(Value::String(word)) = map.get("error") {
                    let word = word.trim();
                    if !word.is_empty() {
                        exchange.result.vendor_code = Some(AnswerCode::Word(word.to_owned()));
                    }
                }
            }
            None
        } else {
            exchange.unreachable(&format!(
                "HTTP {status} without access_token or error: not {}'s OAuth answer (is the auth-endpoint right?)",
                vendor.display_name()
            ));
            None
        }
    })
    .await
}

/// A code sent as a string ("80000000") or, in places, a number.
pub fn code_of(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}
