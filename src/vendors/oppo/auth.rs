//! `POST {endpoint}/server/v1/auth` (`vendors-cn.md` §2.2): a form with `app_key`, `timestamp`
//! (Unix milliseconds) and `sign`, answered with an `auth_token` valid for 24 hours.

use std::time::Duration;

use sha2::{Digest, Sha256};

use super::{answer, Client};
use crate::net::Reply;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::form;
use crate::vendors::push::{Exchange, PlannedRequest, TokenAuthClient};
use crate::vendors::refusal::Answer;
use crate::vendors::refusal::Doing;

/// The token lives 24 hours (§2.2); mizhousoft's client renews it 2 minutes early. pushdiag
/// renews after 23 hours, well inside.
const TOKEN_REFRESH: Duration = Duration::from_secs(23 * 60 * 60);

/// The sign: lowercase hex SHA-256 of `app_key + timestamp + master_secret`, each part trimmed
/// (§2.2). The MasterSecret, not the AppSecret.
pub fn sign(app_key: &str, timestamp: i64, master_secret: &Secret) -> String {
    let text = format!(
        "{}{timestamp}{}",
        app_key.trim(),
        master_secret.expose().trim()
    );
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Client {
    /// The auth form for `timestamp`; with `masked`, the sign is replaced by the mask.
    fn auth_body(&self, timestamp: i64, masked: bool) -> String {
        let app = &self.app;
        let sign = crate::vendors::signed_or_masked(masked, || {
            sign(&app.app_key, timestamp, &app.master_secret)
        });
        form(&[
            ("app_key", app.app_key.trim()),
            ("timestamp", &timestamp.to_string()),
            ("sign", &sign),
        ])
    }
}

impl TokenAuthClient for Client {
    /// The authentication request as `--dry-run` shows it: the sign masked.
    fn plan_auth(&self) -> PlannedRequest {
        PlannedRequest {
            method: "POST",
            url: self.api.auth_url.to_string(),
            headers: vec![(
                "Content-Type".to_owned(),
                "application/x-www-form-urlencoded".to_owned(),
            )],
            body: self.auth_body(crate::vendors::now_ms(), true),
        }
    }

    /// The cached auth_token, or a new one. Each authentication made adds its exchange; `None`
    /// when OPPO refused the credentials or could not be reached.
    async fn token(&self, exchanges: &mut Vec<Exchange>) -> Option<String> {
        let send = async {
            self.api
                .post_form(&self.auth_body(crate::vendors::now_ms(), false))
                .await
        };
        let read = |reply: &Reply, exchange: &mut Exchange| match answer(reply) {
            Answer::Ok(ok) => match ok.data.get("auth_token").and_then(|t| t.as_str()) {
                Some(token) if !token.trim().is_empty() => {
                    exchange.accepted(Some(0), ok.message, None);
                    Some((token.trim().to_owned(), TOKEN_REFRESH))
                }
                _ => {
                    exchange.unreachable(
                        "OPPO answered code 0 to the authentication but sent no data.auth_token",
                    );
                    None
                }
            },
            Answer::Code { code, message } => {
                super::codes::refuse(exchange, Doing::Auth, code, message);
                None
            }
            Answer::Unknown(why) => {
                exchange.unreachable(&why);
                None
            }
        };
        self.api.token(Vendor::Oppo, exchanges, send, read).await
    }
}
