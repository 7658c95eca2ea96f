//! Honor Push: App ID, Client ID and Client Secret (`vendors-cn.md` §6.1). The server exchanges
//! the Client ID and Secret for a Bearer access token (`auth.rs`, cached for the process), then
//! sends `sendMessage` with it (`send.rs`). A test push is an Honor test message
//! (`targetUserType` 1) unless `--production`. Honor publishes no list of error codes (§6.3), so
//! there is no table: findings show the raw code and message and say so.

mod auth;
pub mod from_config;
mod send;
pub mod spec;

use serde_json::Value;

use super::oauth::code_of;
use crate::net::Reply;
use crate::secret::Secret;
use crate::vendor::Vendor;

/// Honor Push's API base URL (§6.3); `[honor] endpoint` or `PUSHDIAG_HONOR_ENDPOINT` overrides it.
pub const DEFAULT_ENDPOINT: &str = "https://push-api.cloud.honor.com";
/// Honor's OAuth server (§6.2); `[honor] auth-endpoint` or `PUSHDIAG_HONOR_AUTH_ENDPOINT`
/// overrides it.
pub const DEFAULT_AUTH_ENDPOINT: &str = "https://iam.developer.honor.com";

/// What findings say about a code: Honor publishes none (§6.3).
const NO_CODE_LIST: &str =
    "Honor does not publish its error codes, so pushdiag cannot say what this one means";

/// The credentials the server API needs (§6.1).
#[derive(Clone, Debug)]
pub struct AppCredentials {
    pub app_id: String,
    pub client_id: String,
    pub client_secret: Secret,
}

/// An Honor Push client for one app: the access token is fetched once and cached for the process.
pub type Client = super::token_client::Client<AppCredentials>;

/// The body's object, or why the answer is not Honor's.
fn object(reply: &Reply) -> Result<(u16, &serde_json::Map<String, Value>), String> {
    super::refusal::object(Vendor::Honor, reply)
}

super::push_vendor!(Honor);
