//! Huawei Push Kit v1 and v2: AppID (OAuth client_id) and AppSecret (client_secret)
//! (`vendors-cn.md` §4.2); v2 sends to the AppGallery Connect project instead of the app (§4.1),
//! with the same message. HarmonyOS NEXT's v3 API is not used: the Tencent uni-app and Flutter
//! plugins run on Android (HMS Core), which v1/v2 serve, and v3's custom-data field for
//! notifications is unconfirmed (§4.5). The server exchanges the two for a Bearer access
//! token (`auth.rs`, cached for the process), then sends `messages:send` with it (`send.rs`);
//! [`codes`] explains the answers. A test push is a Huawei test message (`target_user_type` 1,
//! 500 per app per day) unless `--production`.

mod auth;
pub mod codes;
pub mod from_config;
mod send;
pub mod spec;

use serde_json::Value;

use super::oauth::code_of;
use crate::net::Reply;
use crate::secret::Secret;
use crate::vendor::Vendor;

/// Push Kit's API base URL (`vendors-cn.md` §4.4); `[huawei] endpoint` or
/// `PUSHDIAG_HUAWEI_ENDPOINT` overrides it.
pub const DEFAULT_ENDPOINT: &str = "https://push-api.cloud.huawei.com";
/// The OAuth server's base URL (§4.3); `[huawei] auth-endpoint` or
/// `PUSHDIAG_HUAWEI_AUTH_ENDPOINT` overrides it.
pub const DEFAULT_AUTH_ENDPOINT: &str = "https://oauth-login.cloud.huawei.com";

/// The credentials the server API needs (§4.2), and the self-classification category.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    pub app_id: String,
    pub app_secret: Secret,
    /// `[huawei] category` (`android.category`, e.g. IM); needs Huawei's entitlement.
    pub category: Option<String>,
    /// `[huawei] project-id` when `api-version = "v2"`: pushes go to
    /// `/v2/{project-id}/messages:send`; `None` for v1 (`/v1/{app-id}/messages:send`).
    pub v2_project_id: Option<String>,
}

/// A Push Kit client for one app: the access token is fetched once and cached for the process.
pub type Client = super::token_client::Client<AppCredentials>;

/// The body's object, or why the answer is not Huawei's.
fn object(reply: &Reply) -> Result<(u16, &serde_json::Map<String, Value>), String> {
    super::refusal::object(Vendor::Huawei, reply)
}

super::push_vendor!(Huawei, codes: codes::CODES, check_offline: check_offline);

/// The shared checks, then the project ID: its format when it is set, and its presence when
/// `api-version = "v2"` sends to the project (§4.1).
fn check_offline(ctx: &mut super::OfflineContext<'_>) {
    super::check_business_id(Vendor::Huawei, ctx);
    super::check_credentials(Vendor::Huawei, spec::SPEC.credentials(), ctx);
    let section = crate::config::Section::Huawei;
    if let Some(project) = ctx.config.text(section, "project-id") {
        if let Some(key) = spec::SPEC.key("project-id") {
            let project = crate::findings::Located::new(
                super::Credential::Plain(project.value),
                project.location,
            );
            super::check_format(Vendor::Huawei, section, key, &project, ctx);
        }
        return;
    }
    let Some(api) = ctx.config.text(section, "api-version") else {
        return;
    };
    if api.value.trim() == "v2" {
        let mut finding = crate::findings::Finding::new(
            crate::findings::Rule::CredentialMissing,
            "`huawei.project-id` is not set, but api-version = \"v2\" sends to /v2/{project-id}/messages:send",
        )
        .vendor(Vendor::Huawei)
        .help("copy the project ID from AppGallery Connect (Project settings > General information; not `cp_id` from agconnect-services.json), or set api-version = \"v1\"");
        finding.location = api.location;
        ctx.report(finding);
    }
}
