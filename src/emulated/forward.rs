//! The forwarder the emulated Tencent IM server is started with: each vendor's own pushdiag
//! client sends the push to the emulated vendor, over loopback, with the same requests and
//! signatures as any `send-test`, so the vendor's emulator checks them as it checks any push.

use crate::emulator::{self, App, Forward, Forwarder, Forwarding};
use crate::net::NetOptions;
use crate::outcome::PushResult;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::push::{Click, Exchange, TestPush, VendorClient};
use crate::vendors::{apns, honor, huawei, meizu, oppo, vivo, xiaomi};

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
    /// Sends the push with the client of `forward.app.vendor`. A vendor is one arm here.
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
        let exchanges = match app.vendor {
            Vendor::Vivo => {
                let credentials = vivo::AppCredentials {
                    app_id: app
                        .app_id
                        .parse()
                        .map_err(|_| "vivo app id is not an integer")?,
                    app_key: app.app_key.clone(),
                    app_secret: app.app_secret.clone(),
                };
                send_through(vivo::Client::new(&base, credentials, net), &pushes).await?
            }
            Vendor::Xiaomi => {
                let credentials = xiaomi::AppCredentials {
                    app_secret: app.app_secret.clone(),
                    package: app.package.clone().unwrap_or_default(),
                    channel_id: None,
                };
                send_through(xiaomi::Client::new(&base, credentials, net), &pushes).await?
            }
            Vendor::Meizu => {
                let credentials = meizu::AppCredentials {
                    app_id: app.app_id.clone(),
                    app_secret: app.app_secret.clone(),
                };
                send_through(meizu::Client::new(&base, credentials, net), &pushes).await?
            }
            Vendor::Oppo => {
                let credentials = oppo::AppCredentials {
                    app_key: app.app_key.clone(),
                    master_secret: app.master_secret.clone().unwrap_or_else(|| Secret::new("")),
                    channel_id: None,
                };
                send_through(oppo::Client::new(&base, credentials, net), &pushes).await?
            }
            // Huawei and Honor: the emulator serves their OAuth servers under the same prefix.
            Vendor::Huawei => {
                let credentials = huawei::AppCredentials {
                    app_id: app.app_id.clone(),
                    app_secret: app.app_secret.clone(),
                    category: None,
                    v2_project_id: None,
                };
                send_through(huawei::Client::new(&base, &base, credentials, net), &pushes).await?
            }
            Vendor::Honor => {
                let credentials = honor::AppCredentials {
                    app_id: app.app_id.clone(),
                    client_id: app.app_key.clone(),
                    client_secret: app.app_secret.clone(),
                };
                send_through(honor::Client::new(&base, &base, credentials, net), &pushes).await?
            }
            Vendor::Apns => {
                send_through(
                    apns::Client::new(&base, apns_credentials(&app, sandbox)?, net),
                    &pushes,
                )
                .await?
            }
            other => {
                return Err(format!(
                    "forwarding to {} is not emulated yet",
                    other.display_name()
                ))
            }
        };
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

/// Sends `pushes` with a vendor client just made, or says why it could not be made.
async fn send_through<C: VendorClient>(
    client: anyhow::Result<C>,
    pushes: &[TestPush],
) -> Result<Vec<Exchange>, String> {
    Ok(client.map_err(|e| e.to_string())?.send_all(pushes).await)
}
