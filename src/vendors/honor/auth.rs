//! `POST {auth-endpoint}/auth/token` (`vendors-cn.md` §6.2): OAuth 2.0 client credentials, a
//! form with `grant_type`, `client_id` and `client_secret` (the Client ID and Secret, not the App
//! ID), answered with `{"access_token","expires_in","token_type"}`, or with
//! `{"error","error_description"}`.

use serde_json::{Map, Value};

use super::Client;
use crate::findings::{Finding, Rule};
use crate::secret::MASK;
use crate::vendor::Vendor;
use crate::vendors::form;
use crate::vendors::oauth::{self, Provider};
use crate::vendors::push::{Exchange, PlannedRequest, TokenAuthClient};

const PROVIDER: Provider = Provider {
    vendor: Vendor::Honor,
    credential: "client-secret",
    refused,
};

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
}

impl TokenAuthClient for Client {
    /// The token request as `--dry-run` shows it: the client secret masked.
    fn plan_auth(&self) -> PlannedRequest {
        oauth::plan(&self.auth_url, self.auth_body(true))
    }

    /// The cached access token, or a new one. A token request made adds its exchange; `None`
    /// when Honor refused the credentials or could not be reached.
    async fn token(&self, exchanges: &mut Vec<Exchange>) -> Option<String> {
        oauth::token(
            &PROVIDER,
            &self.http,
            &self.auth_url,
            || self.auth_body(false),
            self.retries,
            &self.token,
            exchanges,
        )
        .await
    }
}

/// The finding for a refused token request: Honor's OAuth server refuses a wrong Client ID or
/// Secret with an `error` body (§6.2), whose values are not documented.
fn refused(status: u16, map: &Map<String, Value>, description: Option<&str>) -> Finding {
    // OAuth's `error` is usually a word ("invalid_client"); keep it either way.
    let error = map.get("error").map(|e| match e {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let mut raw = format!("HTTP {status}");
    if let Some(error) = &error {
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
