//! `POST {auth-endpoint}/oauth2/v3/token` (`vendors-cn.md` §4.3): OAuth 2.0 client credentials,
//! a form with `grant_type`, `client_id` (the AppID) and `client_secret` (the AppSecret),
//! answered with `{"access_token","expires_in":3600,"token_type":"Bearer"}`, or with
//! `{"error","sub_error","error_description"}`.

use serde_json::{Map, Value};

use super::Client;
use crate::findings::Finding;
use crate::vendor::Vendor;
use crate::vendors::oauth::{self, code_of, OAuthClient, Provider};
use crate::vendors::refusal;
use crate::vendors::token_client::Api;

impl OAuthClient for Client {
    const PROVIDER: Provider = Provider {
        vendor: Vendor::Huawei,
        credential: "app-secret",
        refused,
    };

    fn api(&self) -> &Api {
        &self.api
    }

    fn auth_body(&self, masked: bool) -> String {
        let secret = (!masked).then_some(&self.app.app_secret);
        oauth::client_credentials(&self.app.app_id, secret)
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
