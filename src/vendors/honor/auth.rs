//! `POST {auth-endpoint}/auth/token` (`vendors-cn.md` §6.2): OAuth 2.0 client credentials, a
//! form with `grant_type`, `client_id` and `client_secret` (the Client ID and Secret, not the App
//! ID), answered with `{"access_token","expires_in","token_type"}`, or with
//! `{"error","error_description"}`.

use serde_json::{Map, Value};

use super::AppCredentials;
use crate::findings::Finding;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::oauth::{self, ClientCredentials, Provider};
use crate::vendors::refusal;

impl ClientCredentials for AppCredentials {
    const PROVIDER: Provider = Provider {
        vendor: Vendor::Honor,
        credential: "client-secret",
        refused,
    };
    const AUTH_PATH: &'static str = "/auth/token";

    fn client(&self) -> (&str, &Secret) {
        (&self.client_id, &self.client_secret)
    }

    fn send_path(&self) -> anyhow::Result<String> {
        let app_id = oauth::path_app_id(&self.app_id, "honor.app-id", "an Honor App ID")?;
        Ok(format!("/api/v1/{app_id}/sendMessage"))
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
