//! `POST {endpoint}/message/auth` (`vendors-cn.md` §1.2): `appId` (int), `appKey`, `timestamp`
//! (Unix milliseconds) and `sign`, answered with an `authToken` valid for 24 hours.

use std::time::Duration;

use serde::Serialize;

use super::{answer, Answer, Client};
use crate::net::Reply;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest, TokenAuthClient};
use crate::vendors::refusal::Doing;

/// vivo advises refreshing the 24-hour token every 1-2 hours (§1.2).
const TOKEN_REFRESH: Duration = Duration::from_secs(60 * 60);

/// The sign: lowercase hex MD5 of `appId + appKey + timestamp + appSecret`, each part trimmed
/// (§1.2).
pub fn sign(app_id: u64, app_key: &str, timestamp: i64, app_secret: &Secret) -> String {
    let text = format!(
        "{app_id}{}{timestamp}{}",
        app_key.trim(),
        app_secret.expose().trim()
    );
    format!("{:x}", md5::compute(text.as_bytes()))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AuthBody<'a> {
    app_id: u64,
    app_key: &'a str,
    timestamp: i64,
    sign: &'a str,
}

impl Client {
    /// The auth body for `timestamp`; with `masked`, the sign is replaced by the mask.
    fn auth_body(&self, timestamp: i64, masked: bool) -> String {
        let app = &self.app;
        let sign = crate::vendors::signed_or_masked(masked, || {
            sign(app.app_id, &app.app_key, timestamp, &app.app_secret)
        });
        let body = AuthBody {
            app_id: app.app_id,
            app_key: app.app_key.trim(),
            timestamp,
            sign: &sign,
        };
        // A struct of integers and strings always serialises.
        serde_json::to_string(&body).unwrap_or_default()
    }
}

impl TokenAuthClient for Client {
    /// The authentication request as `--dry-run` shows it: the sign masked.
    fn plan_auth(&self) -> PlannedRequest {
        PlannedRequest {
            method: "POST",
            url: self.api.auth_url.to_string(),
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: self.auth_body(crate::vendors::now_ms(), true),
        }
    }

    /// The cached authToken, or a new one. Each authentication made adds its exchange; `None`
    /// when vivo refused the credentials or could not be reached.
    async fn token(&self, exchanges: &mut Vec<Exchange>) -> Option<String> {
        let send = async {
            let body = self.auth_body(crate::vendors::now_ms(), false);
            let api = &self.api;
            crate::net::post_json(&api.http, &api.auth_url, &[], &body, api.retries).await
        };
        let read = |reply: &Reply, exchange: &mut Exchange| match answer(reply) {
            Answer::Ok(map) => match map.get("authToken").and_then(|t| t.as_str()) {
                Some(token) if !token.trim().is_empty() => {
                    let desc = map.get("desc").and_then(|d| d.as_str()).map(str::to_owned);
                    exchange.accepted(Some(0), desc, None);
                    Some((token.trim().to_owned(), TOKEN_REFRESH))
                }
                _ => {
                    exchange.unreachable(
                        "vivo answered result 0 to the authentication but sent no authToken",
                    );
                    None
                }
            },
            Answer::Code { code, desc, .. } => {
                super::codes::refuse(exchange, Doing::Auth, code, desc);
                None
            }
            Answer::Http { status, desc } => {
                let help = "check the endpoint is vivo's push API (or the emulator) and that nothing between rewrites the request";
                let refused = "vivo refused the authentication";
                super::refused_by_http(exchange, refused, (status, desc), " ", help);
                None
            }
            Answer::Unknown(why) => {
                exchange.unreachable(&why);
                None
            }
        };
        self.api.token(Vendor::Vivo, exchanges, send, read).await
    }
}
