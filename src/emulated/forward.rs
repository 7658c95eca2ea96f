//! The forwarder the emulated Tencent IM server is started with: each vendor's own pushdiag
//! client sends the push to the emulated vendor, over loopback, with the same requests and
//! signatures as any `send-test`, so the vendor's emulator checks them as it checks any push.

use crate::emulator::{self, App, Forward, Forwarder, Forwarding};
use crate::net::NetOptions;
use crate::outcome::PushResult;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::apns;
use crate::vendors::client::{AppFields, Credentials};
use crate::vendors::push::{Click, TestPush, VendorClient};

/// Forwards with pushdiag's vendor clients; one attempt per push (no retries), as the IM server's
/// answer must not wait on a retried vendor.
#[derive(Clone, Debug)]
pub struct VendorForwarder {
    net: NetOptions,
}

impl Default for VendorForwarder {
    fn default() -> VendorForwarder {
        VendorForwarder {
            net: NetOptions {
                retries: 0,
                ..NetOptions::default()
            },
        }
    }
}

impl Forwarder for VendorForwarder {
    fn forward(&self, forward: Forward) -> Forwarding<'_> {
        Box::pin(async move { self.send(forward).await })
    }
}

impl VendorForwarder {
    /// Sends the push with the client of `forward.app.vendor`.
    async fn send(&self, forward: Forward) -> Result<PushResult, String> {
        let Forward {
            app,
            base_url: base,
            sandbox,
            push,
        } = forward;
        let net = &self.net;
        let pushes = [TestPush {
            target: push.target,
            title: push.title,
            body: push.body,
            ext: push.ext,
            // What Tencent's push service sends: a formal push that opens the app.
            production: true,
            click: Click::OpenApp,
        }];
        // APNs signs with a key the emulator holds, so it is built here; every other vendor
        // from the app record's plain fields. Huawei and Honor: the emulator serves their OAuth
        // servers under the same prefix, so `base` is both base URLs.
        let credentials = match app.vendor {
            Vendor::Apns => Some(Credentials::Apns(Box::new(apns_credentials(
                &app, sandbox,
            )?))),
            vendor => Credentials::from_fields(AppFields {
                vendor,
                app_id: &app.app_id,
                app_key: &app.app_key,
                app_secret: &app.app_secret,
                master_secret: app.master_secret.as_ref(),
                package: app.package.as_deref(),
            })?,
        };
        let Some(credentials) = credentials else {
            return Err(format!(
                "forwarding to {} is not emulated yet",
                app.vendor.display_name()
            ));
        };
        let client = credentials
            .connect(&base, &base, net)
            .map_err(|e| e.to_string())?;
        let exchanges = client.send_all(&pushes).await;
        // The last exchange is the push (an authentication may come first).
        exchanges
            .into_iter()
            .last()
            .map(|e| e.result)
            .ok_or_else(|| "the vendor client sent nothing".to_owned())
    }
}

/// APNs signs with the built-in key only: the emulator makes that key's private half itself,
/// while an apps file gives it just a key's public half.
fn apns_credentials(app: &App, sandbox: bool) -> Result<apns::AppCredentials, String> {
    if app.app_id != emulator::BUILTIN_APNS_KEY_ID {
        return Err(format!(
            "forwarding to the APNs key {} is not emulated: the emulator holds only its public key",
            app.app_id
        ));
    }
    let environment = if sandbox {
        crate::credentials::ApnsEnvironment::Development
    } else {
        crate::credentials::ApnsEnvironment::Production
    };
    Ok(apns::AppCredentials {
        auth: apns::Auth::Token(apns::jwt::ProviderToken::new(
            emulator::builtin_apns_signing_key(),
            emulator::BUILTIN_APNS_KEY_ID,
            emulator::BUILTIN_APNS_TEAM_ID,
        )),
        topic: app.package.clone().unwrap_or_default(),
        environment,
        environment_why: "the environment the device token registered in".to_owned(),
        ca_file: None,
        secret: Secret::new(""),
    })
}
