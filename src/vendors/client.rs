//! One enum over the vendors' clients. The clients are different types behind one trait
//! ([`VendorClient`], whose async methods rule out a `dyn`), so each method here is the one match
//! over the vendors that every use shares. [`Credentials`] is the resolved app before its base
//! URLs are known (they depend on the credentials: the APNs environment, FCM's `token_uri`, and
//! under `--emulated` on the emulator started afterwards); [`Credentials::connect`] makes the client.

use crate::net::NetOptions;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest, TestPush, VendorClient};
use crate::vendors::{apns, fcm, honor, huawei, meizu, oppo, vivo, xiaomi};

/// One vendor's credentials.
pub enum Credentials {
    Vivo(vivo::AppCredentials),
    Oppo(oppo::AppCredentials),
    Xiaomi(xiaomi::AppCredentials),
    Meizu(meizu::AppCredentials),
    Huawei(huawei::AppCredentials),
    Honor(honor::AppCredentials),
    Apns(Box<apns::AppCredentials>),
    Fcm(Box<fcm::AppCredentials>),
}

/// An app given as plain fields, whatever its vendor: how the emulator's app records name it.
pub struct AppFields<'a> {
    pub vendor: Vendor,
    pub app_id: &'a str,
    pub app_key: &'a str,
    pub app_secret: &'a Secret,
    /// The server-side master secret, for vendors that have one.
    pub master_secret: Option<&'a Secret>,
    /// The Android package (Xiaomi's `restricted_package_name`).
    pub package: Option<&'a str>,
}

impl Credentials {
    /// The credentials of an app given as plain fields, no optional setting (channel, category,
    /// v2 project) set. `Ok(None)` for a vendor whose credentials are more than these fields
    /// (APNs' and FCM's keys, Tencent IM); an error for a field its vendor cannot take.
    pub fn from_fields(app: AppFields<'_>) -> Result<Option<Credentials>, String> {
        let secret = app.app_secret.clone();
        Ok(Some(match app.vendor {
            Vendor::Vivo => Credentials::Vivo(vivo::AppCredentials {
                app_id: app
                    .app_id
                    .parse()
                    .map_err(|_| "vivo app id is not an integer")?,
                app_key: app.app_key.to_owned(),
                app_secret: secret,
            }),
            Vendor::Xiaomi => Credentials::Xiaomi(xiaomi::AppCredentials {
                app_secret: secret,
                package: app.package.unwrap_or_default().to_owned(),
                channel_id: None,
            }),
            Vendor::Meizu => Credentials::Meizu(meizu::AppCredentials {
                app_id: app.app_id.to_owned(),
                app_secret: secret,
            }),
            Vendor::Oppo => Credentials::Oppo(oppo::AppCredentials {
                app_key: app.app_key.to_owned(),
                master_secret: app
                    .master_secret
                    .cloned()
                    .unwrap_or_else(|| Secret::new("")),
                channel_id: None,
            }),
            Vendor::Huawei => Credentials::Huawei(huawei::AppCredentials {
                app_id: app.app_id.to_owned(),
                app_secret: secret,
                category: None,
                v2_project_id: None,
            }),
            Vendor::Honor => Credentials::Honor(honor::AppCredentials {
                app_id: app.app_id.to_owned(),
                client_id: app.app_key.to_owned(),
                client_secret: secret,
            }),
            Vendor::Apns | Vendor::Fcm | Vendor::Tim => return Ok(None),
        }))
    }

    /// The client for these credentials, sending to `base` (and authenticating at `auth_base`).
    pub fn connect(
        self,
        base: &str,
        auth_base: &str,
        net: &NetOptions,
    ) -> anyhow::Result<AnyClient> {
        Ok(match self {
            Credentials::Vivo(c) => AnyClient::Vivo(vivo::Client::new(base, c, net)?),
            Credentials::Oppo(c) => AnyClient::Oppo(oppo::Client::new(base, c, net)?),
            Credentials::Xiaomi(c) => AnyClient::Xiaomi(xiaomi::Client::new(base, c, net)?),
            Credentials::Meizu(c) => AnyClient::Meizu(meizu::Client::new(base, c, net)?),
            Credentials::Huawei(c) => {
                AnyClient::Huawei(huawei::Client::new(base, auth_base, c, net)?)
            }
            Credentials::Honor(c) => AnyClient::Honor(honor::Client::new(base, auth_base, c, net)?),
            Credentials::Apns(c) => AnyClient::Apns(Box::new(apns::Client::new(base, *c, net)?)),
            Credentials::Fcm(c) => {
                AnyClient::Fcm(Box::new(fcm::Client::new(base, auth_base, *c, net)?))
            }
        })
    }

    /// `check-config --online`: the vendor's harmless credential check, no push.
    pub async fn check(
        self,
        base: &str,
        auth_base: &str,
        net: &NetOptions,
    ) -> anyhow::Result<Vec<Exchange>> {
        Ok(self
            .connect(base, auth_base, net)?
            .check_credentials()
            .await)
    }

    /// The secret that signs, for redaction.
    pub fn secret(&self) -> &Secret {
        match self {
            Credentials::Vivo(c) => &c.app_secret,
            Credentials::Oppo(c) => &c.master_secret,
            Credentials::Xiaomi(c) => &c.app_secret,
            Credentials::Meizu(c) => &c.app_secret,
            Credentials::Huawei(c) => &c.app_secret,
            Credentials::Honor(c) => &c.client_secret,
            Credentials::Apns(c) => &c.secret,
            Credentials::Fcm(c) => &c.account.private_key,
        }
    }

    /// The vendor whose app these are.
    pub fn vendor(&self) -> Vendor {
        match self {
            Credentials::Vivo(_) => Vendor::Vivo,
            Credentials::Oppo(_) => Vendor::Oppo,
            Credentials::Xiaomi(_) => Vendor::Xiaomi,
            Credentials::Meizu(_) => Vendor::Meizu,
            Credentials::Huawei(_) => Vendor::Huawei,
            Credentials::Honor(_) => Vendor::Honor,
            Credentials::Apns(_) => Vendor::Apns,
            Credentials::Fcm(_) => Vendor::Fcm,
        }
    }

    /// The API's default base URL: the spec's, except that APNs' depends on the environment.
    pub fn default_endpoint(&self) -> &'static str {
        match self {
            Credentials::Apns(c) => apns::default_endpoint(c.environment),
            _ => crate::vendors::spec(self.vendor())
                .default_endpoint("endpoint")
                .unwrap_or_default(),
        }
    }

    /// The OAuth server's default base URL (the spec's `auth-endpoint`: Huawei and Honor; the
    /// others have none, so the value is unused).
    pub fn default_auth_endpoint(&self) -> &'static str {
        crate::vendors::spec(self.vendor())
            .default_endpoint("auth-endpoint")
            .unwrap_or_default()
    }
}

/// A vendor's client.
pub enum AnyClient {
    Vivo(vivo::Client),
    Oppo(oppo::Client),
    Xiaomi(xiaomi::Client),
    Meizu(meizu::Client),
    Huawei(huawei::Client),
    Honor(honor::Client),
    Apns(Box<apns::Client>),
    Fcm(Box<fcm::Client>),
}

impl VendorClient for AnyClient {
    fn plan(&self, pushes: &[TestPush]) -> Vec<PlannedRequest> {
        match self {
            AnyClient::Vivo(c) => c.plan(pushes),
            AnyClient::Oppo(c) => c.plan(pushes),
            AnyClient::Xiaomi(c) => c.plan(pushes),
            AnyClient::Meizu(c) => c.plan(pushes),
            AnyClient::Huawei(c) => c.plan(pushes),
            AnyClient::Honor(c) => c.plan(pushes),
            AnyClient::Apns(c) => c.plan(pushes),
            AnyClient::Fcm(c) => c.plan(pushes),
        }
    }

    async fn send_all(&self, pushes: &[TestPush]) -> Vec<Exchange> {
        match self {
            AnyClient::Vivo(c) => c.send_all(pushes).await,
            AnyClient::Oppo(c) => c.send_all(pushes).await,
            AnyClient::Xiaomi(c) => c.send_all(pushes).await,
            AnyClient::Meizu(c) => c.send_all(pushes).await,
            AnyClient::Huawei(c) => c.send_all(pushes).await,
            AnyClient::Honor(c) => c.send_all(pushes).await,
            AnyClient::Apns(c) => c.send_all(pushes).await,
            AnyClient::Fcm(c) => c.send_all(pushes).await,
        }
    }

    async fn check_credentials(&self) -> Vec<Exchange> {
        match self {
            AnyClient::Vivo(c) => c.check_credentials().await,
            AnyClient::Oppo(c) => c.check_credentials().await,
            AnyClient::Xiaomi(c) => c.check_credentials().await,
            AnyClient::Meizu(c) => c.check_credentials().await,
            AnyClient::Huawei(c) => c.check_credentials().await,
            AnyClient::Honor(c) => c.check_credentials().await,
            AnyClient::Apns(c) => c.check_credentials().await,
            AnyClient::Fcm(c) => c.check_credentials().await,
        }
    }
}
