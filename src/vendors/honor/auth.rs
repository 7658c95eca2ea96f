//! `POST {auth-endpoint}/auth/token` (`vendors-cn.md` §6.2): OAuth 2.0 client credentials, a
//! form with `grant_type`, `client_id` and `client_secret` (the Client ID and Secret, not the App
//! ID), answered with `{"access_token","expires_in","token_type"}`, or with
//! `{"error","error_description"}`.

use serde_json::{Map, Value};

use super::Client;
use crate::findings::Finding;
use crate::vendor::Vendor;
use crate::vendors::oauth::{self, OAuthClient, Provider};
use crate::vendors::refusal;
use crate::vendors::token_client::Api;

impl OAuthClient for Client {
    const PROVIDER: Provider = Provider {
        vendor: Vendor::Honor,
        credential: "client-secret",
        refused,
    };

    fn api(&self) -> &Api {
        &self.api
    }

    fn auth_body(&self, masked: bool) -> String {
        let secret = (!masked).then_some(&self.app.client_secret);
        oauth::client_credentials(&self.app.client_id, secret)
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
    let fields = [("error", error.map(|e| format!("{e:?}")))];
    refusal::token_refused(
        Vendor::Honor,
        "Honor's OAuth server refused the credentials, so nothing was pushed",
        &refusal::http_raw(status, &fields, description),
        None,
        "set `[honor] client-id` and `client-secret` to the Client ID and Client Secret the Honor developer platform shows once push is enabled (not the App ID)",
    )
}
