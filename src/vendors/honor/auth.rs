//! `POST {auth-endpoint}/auth/token` (`vendors-cn.md` §6.2): OAuth 2.0 client credentials, a
//! form with `grant_type`, `client_id` and `client_secret` (the Client ID and Secret, not the App
//! ID), answered with `{"access_token","expires_in","token_type"}`, or with
//! `{"error","error_description"}`.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{form, object, Client};
use crate::findings::{Finding, Rule};
use crate::render::AUTH_TARGET;
use crate::secret::MASK;
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest};

/// Honor says how long a token lives in `expires_in` (§6.2); pushdiag renews 5 minutes early,
/// and assumes an hour when the answer does not say (inferred: Honor's API mirrors Huawei's).
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

impl Client {
    fn auth_body(&self, masked: bool) -> String {
        let secret = if masked {
            MASK
        } else {
            self.app.client_secret.expose()
        };
        form(&[
            ("grant_type", "client_credentials"),
            ("client_id", self.app.client_id.trim()),
            ("client_secret", secret.trim()),
        ])
    }

    /// The token request as `--dry-run` shows it: the client secret masked.
    pub fn plan_auth(&self) -> PlannedRequest {
        PlannedRequest {
            method: "POST",
            url: self.auth_url.to_string(),
            headers: vec![(
                "Content-Type".to_owned(),
                "application/x-www-form-urlencoded".to_owned(),
            )],
            body: self.auth_body(true),
        }
    }

    /// The cached access token, or a new one. A token request made adds its exchange; `None`
    /// when Honor refused the credentials or could not be reached.
    pub async fn token(&self, exchanges: &mut Vec<Exchange>) -> Option<String> {
        if let Some((token, at, lifetime)) = self.cached() {
            if at.elapsed() + REFRESH_MARGIN < lifetime {
                return Some(token);
            }
        }
        // The token call pushes nothing, so it is safe to repeat.
        let sent = crate::net::post_form(
            &self.http,
            &self.auth_url,
            &self.auth_body(false),
            self.retries,
        )
        .await;
        let mut exchange = Exchange::new(Vendor::Honor, AUTH_TARGET, &sent);
        let token = match object(&sent.reply) {
            Ok((status, map)) => {
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
                    Some((token.to_owned(), lifetime))
                } else if map.contains_key("error") || map.contains_key("error_description") {
                    let code = super::code_of(map.get("error"));
                    // OAuth's `error` is usually a word ("invalid_client"); keep it either way.
                    let error = map.get("error").map(|e| match e {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    });
                    let description = map
                        .get("error_description")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    exchange.rejected(code, description.clone());
                    exchange.credential = Some("client-secret");
                    exchange.finding =
                        Some(refused(status, error.as_deref(), description.as_deref()));
                    None
                } else {
                    exchange.unreachable(&format!(
                        "HTTP {status} without access_token or error: not Honor's OAuth answer (is the auth-endpoint right?)"
                    ));
                    None
                }
            }
            Err(why) => {
                exchange.unreachable(&why);
                None
            }
        };
        exchanges.push(exchange);
        let (token, lifetime) = token?;
        if let Ok(mut cache) = self.token.lock() {
            *cache = Some((token.clone(), Instant::now(), lifetime));
        }
        Some(token)
    }

    fn cached(&self) -> Option<(String, Instant, Duration)> {
        self.token.lock().ok().and_then(|cache| cache.clone())
    }
}

/// The finding for a refused token request: Honor's OAuth server refuses a wrong Client ID or
/// Secret with an `error` body (§6.2), whose values are not documented.
fn refused(status: u16, error: Option<&str>, description: Option<&str>) -> Finding {
    let mut raw = format!("HTTP {status}");
    if let Some(error) = error {
        raw.push_str(&format!(", error {error:?}"));
    }
    if let Some(description) = description {
        raw.push_str(&format!(" {description:?}"));
    }
    Finding::new(
        Rule::CredentialRejected,
        format!("Honor's OAuth server refused the credentials, so nothing was pushed: {raw}"),
    )
    .vendor(Vendor::Honor)
    .help("set `[honor] client-id` and `client-secret` to the Client ID and Client Secret the Honor developer platform shows once push is enabled (not the App ID)")
}
