//! Apple APNs (`apns-fcm-tim.md` §A): HTTP/2 to `api.push.apple.com` (production) or
//! `api.sandbox.push.apple.com` (sandbox), authenticated with a provider token signed by the `.p8`
//! key ([`jwt`]) or with the push certificate as the TLS client identity (`identity.rs`). One
//! `POST /3/device/<hex token>` per push (`send.rs`); [`codes`] explains the `reason`s; [`token`]
//! turns pasted device tokens into hex. The offline checks of the key and certificate are in
//! `offline.rs`.

pub mod codes;
pub mod from_config;
mod identity;
pub mod jwt;
mod offline;
mod send;
pub mod spec;
pub mod token;

use std::path::PathBuf;

use anyhow::Context as _;

use super::push::Exchange;
use crate::credentials::ApnsEnvironment;
use crate::net::NetOptions;
use crate::secret::Secret;

/// Production (`apns-fcm-tim.md` A.1).
pub const PRODUCTION_ENDPOINT: &str = "https://api.push.apple.com";
/// Sandbox, where builds run from Xcode register (A.1, A.8).
pub const SANDBOX_ENDPOINT: &str = "https://api.sandbox.push.apple.com";

/// The default base URL of an environment.
pub fn default_endpoint(environment: ApnsEnvironment) -> &'static str {
    match environment {
        ApnsEnvironment::Production => PRODUCTION_ENDPOINT,
        ApnsEnvironment::Development => SANDBOX_ENDPOINT,
    }
}

/// How the provider authenticates.
pub enum Auth {
    /// Token auth: an ES256 provider token, signed once and reused.
    Token(jwt::ProviderToken),
    /// Certificate auth: the certificate and its key as PEM, presented in the TLS handshake.
    Certificate { identity_pem: Secret },
}

/// What a client needs: how to authenticate, which app (topic), which environment and why.
pub struct AppCredentials {
    pub auth: Auth,
    /// The bundle id, sent as `apns-topic`.
    pub topic: String,
    pub environment: ApnsEnvironment,
    /// Why this environment: `--production was given`, `[apns] environment = …`.
    pub environment_why: String,
    /// A CA certificate (PEM) to trust besides the system's: the emulator's self-signed one.
    pub ca_file: Option<PathBuf>,
    /// What must never be printed (the key PEM, the p12 password), for redaction.
    pub secret: Secret,
}

impl AppCredentials {
    /// "the sandbox (development)" or "production", for messages.
    pub fn environment_name(&self) -> &'static str {
        environment_name(self.environment)
    }
}

pub fn environment_name(environment: ApnsEnvironment) -> &'static str {
    match environment {
        ApnsEnvironment::Development => "the sandbox (development)",
        ApnsEnvironment::Production => "production",
    }
}

/// An APNs client for one app and one environment.
pub struct Client {
    http: reqwest::Client,
    base: String,
    app: AppCredentials,
    retries: u32,
}

impl Client {
    /// A client for `base` (`https://`, or `http://` on loopback only, which means HTTP/2 with
    /// prior knowledge, no TLS: the emulator).
    pub fn new(base: &str, app: AppCredentials, net: &NetOptions) -> anyhow::Result<Client> {
        let url = crate::net::endpoint(base, "/3/device/")?;
        let mut builder = crate::net::builder_for(net, &url)?;
        if url.scheme() == "http" {
            builder = builder.http2_prior_knowledge();
        }
        if let Some(ca_file) = &app.ca_file {
            let pem = crate::files::read(ca_file, crate::files::FileKind::CaFile)
                .with_context(|| format!("cannot read [apns] ca-file `{}`", ca_file.display()))?;
            let ca = reqwest::Certificate::from_pem(&pem).with_context(|| {
                format!(
                    "[apns] ca-file `{}` is not a PEM certificate",
                    ca_file.display()
                )
            })?;
            builder = builder.add_root_certificate(ca);
        }
        if let Auth::Certificate { identity_pem } = &app.auth {
            // The error is reqwest's, which never quotes the key.
            let identity = reqwest::Identity::from_pem(identity_pem.expose().as_bytes())
                .context("the APNs certificate cannot be used as a TLS client identity")?;
            builder = builder.identity(identity);
        }
        // reqwest would silently send a request again after a GOAWAY; `send` decides that
        // itself, so the output says so and a push is never repeated by accident.
        let http = builder
            .retry(reqwest::retry::never())
            .build()
            .context("cannot set up the HTTP/2 client for APNs")?;
        Ok(Client {
            http,
            base: base.to_owned(),
            app,
            retries: net.retries,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `check-config --online`: the harmless probe (see `send.rs` and `docs/vendors/apns.md`).
    pub async fn check_credentials(&self) -> Vec<Exchange> {
        vec![self.probe().await]
    }
}

/// Reads the certificate (`.p12` with its password, or PEM with the key) as one PEM identity.
pub fn load_identity(path: &std::path::Path, password: Option<&Secret>) -> anyhow::Result<Secret> {
    identity::load(path, password)
}

super::push::request_per_push_client!(Client);

super::push_vendor!(Apns, reasons: codes::REASONS, check_offline: offline::check);
