//! `POST {auth-endpoint}/oauth2/v3/token` (`vendors-cn.md` §4.3): OAuth 2.0 client credentials,
//! a form with `grant_type`, `client_id` (the AppID) and `client_secret` (the AppSecret),
//! answered with `{"access_token","expires_in":3600,"token_type":"Bearer"}`, or with
//! `{"error","sub_error","error_description"}`.

use serde_json::{Map, Value};

use super::Client;
use crate::findings::Finding;
use crate::vendor::Vendor;
use crate::vendors::oauth::{self, code_of, Provider};
use crate::vendors::push::{Exchange, PlannedRequest, TokenAuthClient};
use crate::vendors::refusal;

const PROVIDER: Provider = Provider {
    vendor: Vendor::Huawei,
    credential: "app-secret",
    refused,
};

impl Client {
    /// The token request's form; with `masked`, the secret replaced by the mask.
    fn auth_body(&self, masked: bool) -> String {
        let secret = (!masked).then_some(&self.app.app_secret);
        oauth::client_credentials(&self.app.app_id, secret)
    }
}

impl TokenAuthClient for Client {
    /// The token request as `--dry-run` shows it: the client secret masked.
    fn plan_auth(&self) -> PlannedRequest {
        oauth::plan(&self.api.auth_url, self.auth_body(true))
    }

    /// The cached access token, or a new one. A token request made adds its exchange; `None`
    /// when Huawei refused the credentials or could not be reached.
    async fn token(&self, exchanges: &mut Vec<Exchange>) -> Option<String> {
        oauth::token(&PROVIDER, &self.api, || self.auth_body(false), exchanges).await
    }
}

/// The finding for a refused token request: Huawei's OAuth server refuses a wrong AppID or
/// AppSecret with an `error` body (§4.3), whose numbers are not in the reference.
fn refused(status: u16, map: &Map<String, Value>, description: Option<&str>) -> Finding {
    let fields = [
        ("error", code_of(map.get("error")).map(|c| c.to_string())),
        (
            "sub_error",
            code_of(map.get("sub_error")).map(|c| c.to_string()),
        ),
    ];
    refusal::token_refused(
        Vendor::Huawei,
        "Huawei's OAuth server refused the credentials, so nothing was pushed",
        &refusal::http_raw(status, &fields, description),
        None,
        "set `[huawei] app-id` and `app-secret` to the OAuth 2.0 client ID and secret of the app in AppGallery Connect (项目设置 → 常规 → 应用); the AppSecret is not the API key from agconnect-services.json",
    )
}
