//! Google FCM HTTP v1 (`apns-fcm-tim.md` §B): an OAuth 2.0 access token from the service
//! account by the JWT-bearer flow (`auth.rs`: an RS256 assertion posted to its `token_uri`,
//! cached until near expiry), then `POST /v1/projects/<project_id>/messages:send` (`send.rs`):
//! a real send for `send-test`, `validate_only: true` for `check-config --online`. [`codes`]
//! explains the errors. The offline checks of the file are in `offline.rs`.

mod auth;
pub mod codes;
pub mod from_config;
mod offline;
mod send;
pub mod spec;

use std::path::Path;

use anyhow::Context as _;

pub use auth::sign_assertion;

use crate::net::NetOptions;
use crate::secret::Secret;

/// FCM's API base URL (B.3); `[fcm] endpoint` or `PUSHDIAG_FCM_ENDPOINT` overrides it.
pub const DEFAULT_ENDPOINT: &str = "https://fcm.googleapis.com";
/// The audience Google's token endpoint expects in the assertion (B.2).
pub const GOOGLE_TOKEN_URI: &str = "https://oauth2.googleapis.com/token";
/// The scope `messages:send` needs (B.2).
pub const SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";

/// What the client needs from the service-account JSON (B.1).
#[derive(Clone, Debug)]
pub struct ServiceAccount {
    pub project_id: String,
    pub client_email: String,
    pub private_key_id: String,
    /// The PKCS#8 RSA key, PEM.
    pub private_key: Secret,
    pub token_uri: String,
}

impl ServiceAccount {
    /// Reads the fields the flow needs; `check-config` explains a broken file in detail.
    pub fn load(path: &Path) -> anyhow::Result<ServiceAccount> {
        let shown = path.display();
        let text = crate::files::read_text(path, crate::files::FileKind::ServiceAccount)
            .with_context(|| format!("cannot read FCM service account `{shown}`"))?;
        let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| {
                anyhow::anyhow!(
                    "`{shown}` is not JSON (line {}, column {})",
                    e.line(),
                    e.column()
                )
            })?;
        let field = |name: &str| -> anyhow::Result<String> {
            value
                .get(name)
                .and_then(serde_json::Value::as_str)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| {
                    anyhow::anyhow!("`{shown}` has no `{name}` (`check-config` explains the file)")
                })
        };
        Ok(ServiceAccount {
            project_id: field("project_id")?,
            client_email: field("client_email")?,
            private_key_id: field("private_key_id").unwrap_or_default(),
            private_key: Secret::new(field("private_key")?),
            token_uri: field("token_uri").unwrap_or_else(|_| GOOGLE_TOKEN_URI.to_owned()),
        })
    }
}

/// The credentials a client is made with.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    pub account: ServiceAccount,
    /// The app's `google-services.json` project id, when one was found, for SENDER_ID_MISMATCH.
    pub app_project_id: Option<String>,
}

/// An FCM client for one service account.
pub struct Client {
    api: super::token_client::Api,
    app: AppCredentials,
    key: rsa::RsaPrivateKey,
}

impl Client {
    /// A client for the API at `base`; the token goes to `token_uri` (the service account's, or
    /// the emulator's).
    pub fn new(
        base: &str,
        token_uri: &str,
        app: AppCredentials,
        net: &NetOptions,
    ) -> anyhow::Result<Client> {
        let send_url = crate::net::endpoint(
            base,
            &format!("/v1/projects/{}/messages:send", app.account.project_id),
        )?;
        let token_url = crate::net::endpoint(token_uri, "")?;
        let key = auth::load_key(&app.account.private_key)?;
        let api = super::token_client::Api::new(base, token_url, send_url, net)?;
        Ok(Client { api, app, key })
    }
}

super::push_vendor!(Fcm, reasons: codes::CODES, check_offline: offline::check);
