//! The apps the emulator knows: their ids, keys and secrets, and which device tokens exist.
//!
//! `--apps FILE` registers apps from TOML ([`Registry::from_toml`]); without it the emulator uses
//! [`Registry::builtin`].

use std::collections::HashSet;

use anyhow::{bail, Context};
use serde::Deserialize;

use super::table::{self, EMULATED_VENDORS};
use crate::secret::Secret;
use crate::vendor::Vendor;

/// A Tencent IM user's state, as `query_online_status` reports it (D.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimState {
    /// Foreground, or within the heartbeat timeout: no offline push.
    Online,
    /// Background or killed, with a push token: offline push.
    PushOnline,
    /// Logged out, kicked, or no push token: nothing.
    Offline,
}

impl TimState {
    /// The spelling Tencent's API uses.
    pub fn as_str(self) -> &'static str {
        match self {
            TimState::Online => "Online",
            TimState::PushOnline => "PushOnline",
            TimState::Offline => "Offline",
        }
    }
}

/// A push token a Tencent IM user's device registered: which vendor, under which of the
/// registry's vendor apps, and the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushToken {
    pub vendor: Vendor,
    pub app_id: String,
    pub token: String,
}

/// An account of a Tencent IM app (vendor `tim`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimUser {
    pub id: String,
    pub state: TimState,
    /// `Android`, `iPhone`, …: the platform `query_online_status` details.
    pub platform: String,
    pub push: Option<PushToken>,
    /// What the user's device does with a push, as Tencent's push trace reports it.
    pub device: DeviceState,
}

/// What a Tencent IM user's device does with an offline push: the per-device state the push
/// trace, statistics and loss APIs report (`tim/timpush.rs`). The apps file sets it with the
/// keys named beside each field; the default is a healthy device that never clicks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceState {
    /// `notification`: the phone's notification switch for the app (trace `NotificationStatus`).
    pub notification: bool,
    /// `uninstalled`: the app is gone, so the vendor no longer knows the token and answers its
    /// invalid-token code (vivo 10302-style, APNs 410 Unregistered): the registry drops the token
    /// from the vendor app's devices (`Registry::apply_uninstalled`).
    pub uninstalled: bool,
    /// `cert-id`: the certificate ID the device registered its token with. `None`: the console's
    /// certificate for the token's vendor app; `Some(0)`: registered without one, so the IM
    /// server makes no push (-1).
    pub cert_id: Option<u32>,
    /// `bound-cert-id`: the token is bound to another certificate ID, which the trace's `CertId`
    /// shows; the push still goes out with the token's vendor app (the emulated console holds that
    /// certificate too).
    pub bound_cert_id: Option<u32>,
    /// `receipts`: the vendor's delivery receipts reach Tencent; `false`: no device or click hop.
    pub receipts: bool,
    /// `clicked`: the user taps the notification (the click hop).
    pub clicked: bool,
    /// `sdk-version`, `push-version`: the IMSDK and TIMPush versions the trace reports.
    pub sdk_version: String,
    pub push_version: String,
}

impl Default for DeviceState {
    fn default() -> DeviceState {
        DeviceState {
            notification: true,
            uninstalled: false,
            cert_id: None,
            bound_cert_id: None,
            receipts: true,
            clicked: false,
            sdk_version: DEFAULT_SDK_VERSION.to_owned(),
            push_version: DEFAULT_SDK_VERSION.to_owned(),
        }
    }
}

/// The IMSDK and TIMPush version a device reports unless the apps file says otherwise.
const DEFAULT_SDK_VERSION: &str = "8.0.1";

/// The apps the emulator accepts.
#[derive(Clone, Debug)]
pub struct Registry {
    pub apps: Vec<App>,
}

/// One registered app. `Debug` masks the secrets.
#[derive(Clone, Debug)]
pub struct App {
    pub vendor: Vendor,
    pub app_id: String,
    pub app_key: String,
    pub app_secret: Secret,
    /// The MasterSecret, for a vendor whose auth signs with one (its emulator requires it);
    /// unused otherwise.
    pub master_secret: Option<Secret>,
    /// Huawei: the AppGallery Connect project the app belongs to (the v2 API's URL names it).
    pub project_id: Option<String>,
    /// The Android package name, for vendors whose API names it (required for Xiaomi, whose
    /// `restricted_package_name` must match it); unused for vivo.
    pub package: Option<String>,
    /// Device tokens registered as test devices (vivo `pushMode=1` reaches only these).
    pub test_devices: Vec<String>,
    /// Other device tokens that exist. Test devices exist too, whether listed here or not.
    pub devices: Vec<String>,
    /// vivo: the app is still under review, so formal pushes are refused (10045).
    pub under_review: bool,
    /// Tencent IM (vendor `tim`, `app_id` the SDKAppID, `app_secret` the secret key): the App
    /// admin accounts, which may call the REST API.
    pub admins: Vec<String>,
    /// Tencent IM: the accounts that exist, with their states and push tokens.
    pub users: Vec<TimUser>,
    /// APNs: the signing key's public key (SPKI PEM) the provider token must verify with. An
    /// APNs "app" is one key: `app_id` is the key id, `app_key` the team id, `package` the bundle
    /// id, `test_devices` the sandbox tokens and `devices` the production tokens.
    pub public_key: Option<String>,
    /// APNs: a key restricted to one environment (`development` or `production`, A.3); `None`
    /// for a key that serves both. The other environment answers BadEnvironmentKeyInToken.
    pub environment: Option<String>,
    /// APNs: device tokens that are no longer active (410 Unregistered).
    pub unregistered: Vec<String>,
}

impl App {
    /// An app with no devices, not under review.
    pub fn new(
        vendor: Vendor,
        app_id: impl Into<String>,
        app_key: impl Into<String>,
        app_secret: Secret,
    ) -> App {
        App {
            vendor,
            app_id: app_id.into(),
            app_key: app_key.into(),
            app_secret,
            master_secret: None,
            project_id: None,
            package: None,
            test_devices: Vec::new(),
            devices: Vec::new(),
            under_review: false,
            admins: Vec::new(),
            users: Vec::new(),
            public_key: None,
            environment: None,
            unregistered: Vec::new(),
        }
    }

    /// A built-in app with one device, listed as a test device too (though most vendors have no
    /// test mode) so that `send-test --emulated` has a default target.
    pub(super) fn builtin(
        vendor: Vendor,
        app_id: &str,
        app_key: &str,
        app_secret: &str,
        device: &str,
    ) -> App {
        App {
            test_devices: vec![device.to_owned()],
            devices: vec![device.to_owned()],
            ..App::new(vendor, app_id, app_key, Secret::new(app_secret))
        }
    }

    /// Tencent IM: the account with this UserID (admins included, with no devices).
    pub fn tim_user(&self, id: &str) -> Option<TimUser> {
        self.users.iter().find(|u| u.id == id).cloned().or_else(|| {
            self.admins.iter().any(|a| a == id).then(|| TimUser {
                id: id.to_owned(),
                state: TimState::Offline,
                platform: String::new(),
                push: None,
                device: DeviceState::default(),
            })
        })
    }

    /// True when the device token exists (a device or a test device).
    pub fn knows_device(&self, token: &str) -> bool {
        self.is_test_device(token) || self.devices.iter().any(|d| d == token)
    }

    pub fn is_test_device(&self, token: &str) -> bool {
        self.test_devices.iter().any(|d| d == token)
    }
}

impl Registry {
    /// The apps of the example projects under `examples/`, and the emulator's own for the vendors
    /// the examples leave out: each vendor's built-in apps, described beside its emulator
    /// (`vivo::builtin_apps`, …), in the order of the emulator's vendor table.
    pub fn builtin() -> Registry {
        let mut registry = Registry {
            apps: super::TABLE
                .iter()
                .flat_map(|entry| (entry.builtin_apps)())
                .collect(),
        };
        registry.apply_uninstalled();
        registry
    }

    /// A device whose app was uninstalled (`uninstalled = true`): its vendor no longer knows the
    /// token, so the token leaves the vendor app's devices (APNs: it becomes unregistered, 410),
    /// and the vendor's own emulator answers the forwarded push with its invalid-token code.
    pub(super) fn apply_uninstalled(&mut self) {
        let gone: Vec<PushToken> = self
            .apps
            .iter()
            .flat_map(|app| &app.users)
            .filter(|user| user.device.uninstalled)
            .filter_map(|user| user.push.clone())
            .collect();
        for token in gone {
            let Some(app) = self
                .apps
                .iter_mut()
                .find(|app| app.vendor == token.vendor && app.app_id == token.app_id)
            else {
                continue;
            };
            app.devices.retain(|d| *d != token.token);
            app.test_devices.retain(|d| *d != token.token);
            if app.vendor == Vendor::Apns && !app.unregistered.contains(&token.token) {
                app.unregistered.push(token.token);
            }
        }
    }

    /// Reads an apps file: `[[app]]` tables with kebab-case keys. Unknown keys are errors that
    /// name the key; errors give the line and column but never quote the file, which holds
    /// secrets.
    pub fn from_toml(text: &str) -> anyhow::Result<Registry> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|span| {
                    let (line, column) = crate::text::line_col(text.as_bytes(), span.start);
                    format!("line {line}, column {column}: ")
                })
                .unwrap_or_default();
            anyhow::anyhow!("{at}{}", e.message().trim_end())
        })?;
        let mut apps = Vec::with_capacity(raw.app.len());
        let mut seen = HashSet::new();
        for (index, raw_app) in raw.app.into_iter().enumerate() {
            let app = raw_app
                .validate()
                .with_context(|| format!("[[app]] number {}", index + 1))?;
            if !seen.insert((app.vendor, app.app_id.clone())) {
                bail!(
                    "[[app]] number {}: {} app {} is registered twice",
                    index + 1,
                    app.vendor,
                    app.app_id
                );
            }
            apps.push(app);
        }
        let mut registry = Registry { apps };
        registry.apply_uninstalled();
        Ok(registry)
    }

    /// The apps of one vendor.
    pub fn of(&self, vendor: Vendor) -> impl Iterator<Item = &App> + Clone {
        self.apps.iter().filter(move |app| app.vendor == vendor)
    }

    /// The app with this vendor and id.
    pub fn find(&self, vendor: Vendor, app_id: &str) -> Option<&App> {
        self.apps
            .iter()
            .find(|app| app.vendor == vendor && app.app_id == app_id)
    }

    /// Every secret in the registry, for [`crate::secret::redact`].
    pub fn secrets(&self) -> Vec<&Secret> {
        self.apps
            .iter()
            .flat_map(|app| std::iter::once(&app.app_secret).chain(app.master_secret.as_ref()))
            .collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    app: Vec<RawApp>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawApp {
    vendor: String,
    app_id: RawId,
    app_key: Option<String>,
    #[serde(default)]
    app_secret: String,
    /// APNs: the key's public key (SPKI PEM).
    public_key: Option<String>,
    /// APNs: the one environment a restricted key serves.
    environment: Option<String>,
    /// APNs: tokens answered with 410 Unregistered.
    #[serde(default)]
    unregistered: Vec<String>,
    master_secret: Option<String>,
    project_id: Option<RawId>,
    package: Option<String>,
    #[serde(default)]
    test_devices: Vec<String>,
    #[serde(default)]
    devices: Vec<String>,
    #[serde(default)]
    under_review: bool,
    /// Tencent IM: App admin accounts.
    #[serde(default)]
    admins: Vec<String>,
    /// Tencent IM: `[[app.users]]` tables.
    #[serde(default)]
    users: Vec<RawUser>,
}

/// A Tencent IM account in an apps file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawUser {
    id: String,
    /// `online`, `push-online` or `offline`.
    state: String,
    #[serde(default = "android")]
    platform: String,
    push: Option<RawPush>,
    /// The device state keys ([`DeviceState`]).
    notification: Option<bool>,
    #[serde(default)]
    uninstalled: bool,
    cert_id: Option<u32>,
    bound_cert_id: Option<u32>,
    receipts: Option<bool>,
    #[serde(default)]
    clicked: bool,
    sdk_version: Option<String>,
    push_version: Option<String>,
}

fn android() -> String {
    "Android".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPush {
    vendor: String,
    app_id: RawId,
    token: String,
}

impl RawUser {
    fn validate(self) -> anyhow::Result<TimUser> {
        let state = match self.state.as_str() {
            "online" => TimState::Online,
            "push-online" => TimState::PushOnline,
            "offline" => TimState::Offline,
            other => bail!(
                "user \"{}\": state = \"{other}\" (use online, push-online or offline)",
                self.id
            ),
        };
        let push = match self.push {
            None => None,
            Some(push) => {
                let Some(vendor) = EMULATED_VENDORS
                    .iter()
                    .copied()
                    .find(|v| v.id() == push.vendor && *v != Vendor::Tim)
                else {
                    bail!(
                        "user \"{}\": push.vendor = \"{}\" is not an emulated push vendor",
                        self.id,
                        push.vendor
                    );
                };
                Some(PushToken {
                    vendor,
                    app_id: push.app_id.into_text(),
                    token: push.token.trim().to_owned(),
                })
            }
        };
        let defaults = DeviceState::default();
        let device = DeviceState {
            notification: self.notification.unwrap_or(defaults.notification),
            uninstalled: self.uninstalled,
            cert_id: self.cert_id,
            bound_cert_id: self.bound_cert_id,
            receipts: self.receipts.unwrap_or(defaults.receipts),
            clicked: self.clicked,
            sdk_version: self.sdk_version.unwrap_or(defaults.sdk_version),
            push_version: self.push_version.unwrap_or(defaults.push_version),
        };
        Ok(TimUser {
            id: self.id,
            state,
            platform: self.platform,
            push,
            device,
        })
    }
}

/// An app id written as a string or, for vivo's integer ids, as a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawId {
    Text(String),
    Number(u64),
}

impl RawId {
    fn into_text(self) -> String {
        match self {
            RawId::Text(text) => text.trim().to_owned(),
            RawId::Number(n) => n.to_string(),
        }
    }
}

impl RawApp {
    fn validate(self) -> anyhow::Result<App> {
        let Some(emulated) = table::by_id(&self.vendor) else {
            let known: Vec<&str> = EMULATED_VENDORS.iter().map(|v| v.id()).collect();
            bail!(
                "vendor = \"{}\" is not emulated (emulated: {})",
                self.vendor,
                known.join(", ")
            );
        };
        let app_id = self.app_id.into_text();
        if app_id.is_empty() {
            bail!("app-id is empty");
        }
        let app_key = self.app_key.unwrap_or_default().trim().to_owned();
        let mut app = App {
            vendor: emulated.vendor,
            app_id,
            app_key,
            app_secret: Secret::new(self.app_secret.trim()),
            master_secret: self.master_secret.map(|s| Secret::new(s.trim())),
            project_id: self.project_id.map(RawId::into_text),
            package: self.package,
            test_devices: self.test_devices,
            devices: self.devices,
            under_review: self.under_review,
            admins: self.admins,
            users: Vec::new(),
            public_key: self.public_key,
            environment: self.environment,
            unregistered: self.unregistered,
        };
        // What this vendor's emulator needs of an app, before the users (the order errors have
        // always come in).
        (emulated.check_app)(&app)?;
        app.users = self
            .users
            .into_iter()
            .map(RawUser::validate)
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(app)
    }
}

#[cfg(test)]
mod tests;
