//! `POST {auth-endpoint}/oauth2/v3/token` (`vendors-cn.md` §4.3): OAuth 2.0 client credentials,
//! a form with `grant_type`, `client_id` (the AppID) and `client_secret` (the AppSecret),
//! answered with `{"access_token","expires_in":3600,"token_type":"Bearer"}`, or with
//! `{"error","sub_error","error_description"}`.

use serde_json::{Map, Value};

use super::AppCredentials;
use crate::findings::Finding;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::oauth::{self, code_of, ClientCredentials, Provider};
use crate::vendors::refusal;

impl ClientCredentials for AppCredentials {
    const PROVIDER: Provider = Provider {
        vendor: Vendor::Huawei,
        credential: "app-secret",
        refused,
    };
    const AUTH_PATH: &'static str = "/oauth2/v3/token";

    fn client(&self) -> (&str, &Secret) {
        (&self.app_id, &self.app_secret)
    }

    /// v1 pushes to the app, v2 to the AppGallery Connect project (§4.1).
    fn send_path(&self) -> anyhow::Result<String> {
        let app_id = oauth::path_app_id(&self.app_id, "huawei.app-id", "a Huawei AppID")?;
        Ok(match self.v2_project_id.as_deref().map(str::trim) {
            Some(project) if !project.is_empty() && project.bytes().all(|b| b.is_ascii_digit()) => {
                format!("/v2/{project}/messages:send")
            }
            Some(project) => anyhow::bail!(
                "`huawei.project-id` is \"{project}\", but an AppGallery Connect project ID is a number"
            ),
            None => format!("/v1/{app_id}/messages:send"),
        })
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
