//! The apps the emulator knows: their ids, keys and secrets, and which device tokens exist.
//!
//! `--apps FILE` registers apps from TOML ([`Registry::from_toml`]); without it the emulator uses
//! [`Registry::builtin`].

use std::collections::HashSet;

use anyhow::{bail, Context};
use p256::pkcs8::DecodePublicKey as _;
use serde::Deserialize;

use crate::secret::Secret;
use crate::vendor::Vendor;

/// The vendors whose endpoints the emulator serves.
pub const EMULATED_VENDORS: &[Vendor] = &[
    Vendor::Vivo,
    Vendor::Oppo,
    Vendor::Xiaomi,
    Vendor::Meizu,
    Vendor::Huawei,
    Vendor::Honor,
    Vendor::Apns,
    Vendor::Fcm,
    Vendor::Tim,
];

/// The built-in APNs key: the key id and team id of `examples/uniapp-chat/pushdiag.toml`, so the
/// example's ids are the emulator's; the key itself is [`builtin_apns_signing_key`].
pub const BUILTIN_APNS_KEY_ID: &str = "ABCDE12345";
pub const BUILTIN_APNS_TEAM_ID: &str = "FGHIJ67890";
/// The bundle id of the built-in APNs app (`examples/uniapp-chat`'s package).
pub const BUILTIN_APNS_BUNDLE_ID: &str = "com.example.unichat";
/// A device token from a development build (valid on the sandbox endpoint only).
pub const BUILTIN_APNS_SANDBOX_DEVICE: &str =
    "5a4e5f7b0c1d2e3f405162738495a6b7c8d9eafb0c1d2e3f405162738495a6b7";
/// A device token from an App Store / TestFlight build (valid on the production endpoint only).
pub const BUILTIN_APNS_PRODUCTION_DEVICE: &str =
    "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";

/// The built-in FCM service account: `examples/flutter-chat`'s Firebase project (its
/// `google-services.json`), an emulator-only account, and a registration token of its app.
pub const BUILTIN_FCM_PROJECT_ID: &str = "flutter-chat-example";
pub const BUILTIN_FCM_CLIENT_EMAIL: &str =
    "firebase-adminsdk-pushd@flutter-chat-example.iam.gserviceaccount.com";
pub const BUILTIN_FCM_PRIVATE_KEY_ID: &str = "00000000000000000000000000000000pushdiag";
pub const BUILTIN_FCM_DEVICE: &str = "fXk3pushdiag0emulator:APA91bF000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

/// The built-in service account's RSA key (2048 bits). Not a credential and stored nowhere: it is
/// generated from a ChaCha20 stream seeded with the SHA-256 of a fixed label, so anyone can
/// rebuild it (it opens only the emulator). Made once per process, on first use.
pub fn builtin_fcm_private_key() -> Option<rsa::RsaPrivateKey> {
    static KEY: std::sync::OnceLock<Option<rsa::RsaPrivateKey>> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        use rand_chacha::rand_core::SeedableRng as _;
        use sha2::Digest as _;
        let seed: [u8; 32] = sha2::Sha256::digest(
            b"pushdiag emulator built-in FCM service account (not a credential)",
        )
        .into();
        let mut rng = rand_chacha::ChaCha20Rng::from_seed(seed);
        rsa::RsaPrivateKey::new(&mut rng, 2048).ok()
    })
    .clone()
}

/// The public key of [`builtin_fcm_private_key`] (SPKI PEM), as the registry holds keys.
pub fn builtin_fcm_public_key() -> Option<String> {
    use rsa::pkcs8::EncodePublicKey as _;
    builtin_fcm_private_key()?
        .to_public_key()
        .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
        .ok()
}

/// The built-in APNs signing key. Not a credential and not stored anywhere: its scalar is the
/// SHA-256 of a fixed label, so anyone can rebuild it, which is the point (it opens only the
/// emulator). `send-test --emulated` signs with it when no key is configured.
pub fn builtin_apns_signing_key() -> p256::ecdsa::SigningKey {
    use sha2::Digest as _;
    let mut seed = sha2::Sha256::digest(b"pushdiag emulator built-in APNs key (not a credential)");
    loop {
        // A SHA-256 output is a valid P-256 scalar unless it is zero or above the order.
        if let Ok(key) = p256::ecdsa::SigningKey::from_slice(&seed) {
            return key;
        }
        seed = sha2::Sha256::digest(seed);
    }
}

/// The public key of [`builtin_apns_signing_key`], as the registry holds it (SPKI PEM).
pub fn builtin_apns_public_key() -> String {
    use p256::pkcs8::EncodePublicKey as _;
    builtin_apns_signing_key()
        .verifying_key()
        .to_public_key_pem(p256::pkcs8::LineEnding::LF)
        .unwrap_or_default()
}

/// The built-in vivo app's id and key: those of `examples/uniapp-chat/pushdiag.toml`, so the
/// example project authenticates against the emulator as it is.
pub const BUILTIN_VIVO_APP_ID: &str = "10004";
pub const BUILTIN_VIVO_APP_KEY: &str = "00000000-0000-4000-8000-000000000004";
/// The second built-in vivo app: `examples/flutter-chat/pushdiag.toml`'s.
pub const BUILTIN_VIVO_FLUTTER_APP_ID: &str = "10014";
pub const BUILTIN_VIVO_FLUTTER_APP_KEY: &str = "00000000-0000-4000-8000-000000000014";
/// The secret of every built-in vivo app. Not a real credential; it only opens the emulator. The
/// examples read their secret from `VIVO_APP_SECRET`, so
/// `export VIVO_APP_SECRET=0123456789abcdef0123456789abcdef` serves both; 32 hex characters,
/// one of the shapes vivo issues, so `check-config` does not flag its format.
pub const BUILTIN_VIVO_APP_SECRET: &str = "0123456789abcdef0123456789abcdef";
/// A vivo regId registered as a test device of the built-in apps (23 digits, `vendors-cn.md` §1.7).
pub const BUILTIN_VIVO_TEST_DEVICE: &str = "12345678901234567890123";
/// A vivo regId that exists but is not a test device.
pub const BUILTIN_VIVO_DEVICE: &str = "98765432109876543210987";

/// The built-in OPPO apps' AppId and AppKey: those of `examples/uniapp-chat/pushdiag.toml` and
/// `examples/flutter-chat/pushdiag.toml`.
pub const BUILTIN_OPPO_APP_ID: &str = "30000002";
pub const BUILTIN_OPPO_APP_KEY: &str = "00000000000000000000000000000002";
pub const BUILTIN_OPPO_FLUTTER_APP_ID: &str = "30000012";
pub const BUILTIN_OPPO_FLUTTER_APP_KEY: &str = "00000000000000000000000000000012";
/// The MasterSecret of every built-in OPPO app (it signs the auth). Not a real credential; the
/// examples read it from `OPPO_MASTER_SECRET`, so
/// `export OPPO_MASTER_SECRET=89abcdef0123456789abcdef01234567` serves both. 32 hex characters,
/// OPPO's shape, and not the AppSecret, so `check-config` flags neither.
pub const BUILTIN_OPPO_MASTER_SECRET: &str = "89abcdef0123456789abcdef01234567";
/// The AppSecret of the built-in OPPO apps (client side; the server API never uses it).
pub const BUILTIN_OPPO_APP_SECRET: &str = "fedcba9876543210fedcba9876543210";
/// An OPPO regId of the built-in apps (`OPPO_CN_` + 32 hex, `vendors-cn.md` §2.7). OPPO has no
/// test devices: it is listed as one only so `send-test --emulated` has a default target.
pub const BUILTIN_OPPO_DEVICE: &str = "OPPO_CN_2f9c4e1a7b3d5f608192a3b4c5d6e7f8";

/// The built-in Huawei apps' AppID (OAuth client_id): those of `examples/uniapp-chat` and
/// `examples/flutter-chat` (`[huawei] app-id`).
pub const BUILTIN_HUAWEI_APP_ID: &str = "100000003";
pub const BUILTIN_HUAWEI_FLUTTER_APP_ID: &str = "100000013";
/// The AppGallery Connect project of each built-in Huawei app, for the v2 API
/// (`/v2/{project-id}/messages:send`, `vendors-cn.md` §4.1): 18 digits, the shape one guide gives
/// (§4.2).
pub const BUILTIN_HUAWEI_PROJECT_ID: &str = "736430079245000003";
pub const BUILTIN_HUAWEI_FLUTTER_PROJECT_ID: &str = "736430079245000013";
/// The AppSecret (OAuth client_secret) of every built-in Huawei app. Not a real credential; the
/// examples read it from `HUAWEI_APP_SECRET`, so
/// `export HUAWEI_APP_SECRET=<this>` serves both. 64 hex characters, the shape the reference
/// infers (`vendors-cn.md` §4.2).
pub const BUILTIN_HUAWEI_APP_SECRET: &str =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
/// A Huawei push token of the built-in apps: 130 characters of `[A-Za-z0-9_-]`, like the v1
/// documentation's example (§4.9). Huawei has no test devices (a test message reaches any
/// device); it is listed as one only so `send-test --emulated` has a default target.
pub const BUILTIN_HUAWEI_DEVICE: &str = "IQAAAACy0kYdAABxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// The built-in Honor app. The example projects have no `[honor]` section, so its ids are the
/// emulator's own: a numeric App ID (§6.1), a Client ID, and a Client Secret that only opens the
/// emulator (Honor's formats are undocumented).
pub const BUILTIN_HONOR_APP_ID: &str = "104000006";
pub const BUILTIN_HONOR_CLIENT_ID: &str = "0000000000000006";
pub const BUILTIN_HONOR_CLIENT_SECRET: &str = "fedcba9876543210fedcba9876543210";
/// An Honor push token of the built-in app (Honor's token format is undocumented, §6.4).
pub const BUILTIN_HONOR_DEVICE: &str = "104000006_honor_0000000000000000000000000000000000000001";

/// The built-in Xiaomi apps' AppID, AppKey and package: those of `examples/uniapp-chat` and
/// `examples/flutter-chat` (`[xiaomi]` and the top-level `package`).
pub const BUILTIN_XIAOMI_APP_ID: &str = "2882303761500000001";
pub const BUILTIN_XIAOMI_APP_KEY: &str = "5000000000001";
pub const BUILTIN_XIAOMI_PACKAGE: &str = "com.example.unichat";
pub const BUILTIN_XIAOMI_FLUTTER_APP_ID: &str = "2882303761500000011";
pub const BUILTIN_XIAOMI_FLUTTER_APP_KEY: &str = "5000000000011";
pub const BUILTIN_XIAOMI_FLUTTER_PACKAGE: &str = "com.example.flutterchat";
/// The AppSecret of every built-in Xiaomi app (sent as `Authorization: key=...`). Not a real
/// credential; the examples read it from `XIAOMI_APP_SECRET`, so
/// `export XIAOMI_APP_SECRET=cHVzaGRpYWcteGlhb21pIQ==` serves both. 24 base64 characters ending
/// `==`, the shape samples show (`vendors-cn.md` §3.1), and not the AppKey.
pub const BUILTIN_XIAOMI_APP_SECRET: &str = "cHVzaGRpYWcteGlhb21pIQ==";
/// A Xiaomi regId of the built-in apps. Xiaomi's format is undocumented (§3.7); this has the
/// base64-like look of real ones. Xiaomi has no test devices: it is listed as one only so
/// `send-test --emulated` has a default target.
pub const BUILTIN_XIAOMI_DEVICE: &str =
    "k3Jt1a0cRIq8kM0mR0V2Y3o0cX1pQ2dT9xBf5Xk1Wc3yq9TnFz4Zl0PqRbMw2Eyb";

/// The built-in Meizu app. The example projects have no `[meizu]` section, so this is a
/// documented app of its own: a 6-digit AppId like the Go SDK's test (`vendors-cn.md` §5.1) and a
/// 32-hex AppKey.
pub const BUILTIN_MEIZU_APP_ID: &str = "100005";
pub const BUILTIN_MEIZU_APP_KEY: &str = "00000000000000000000000000000005";
/// The AppSecret of the built-in Meizu app (it signs every request). Not a real credential;
/// `export MEIZU_APP_SECRET=5a5b5c5d5e5f60616263646566676869` opens the emulator. 32 hex
/// characters, Meizu's shape (§5.1), and not the AppKey.
pub const BUILTIN_MEIZU_APP_SECRET: &str = "5a5b5c5d5e5f60616263646566676869";
/// A Meizu pushId of the built-in app: 45 characters, an uppercase prefix then hex, like the
/// doc's examples (§5.7). Meizu has no test devices: it is listed as one only so
/// `send-test --emulated` has a default target.
pub const BUILTIN_MEIZU_DEVICE: &str = "RA50c6300000000000000000000000000000000000001";

/// The built-in Tencent IM app: the SDKAppID and admin of `examples/*/pushdiag.toml`.
pub const BUILTIN_TIM_SDK_APP_ID: &str = "1400000000";
pub const BUILTIN_TIM_ADMIN: &str = "administrator";
/// The built-in IM app's secret key (signs UserSig). Not a real credential; the examples read it
/// from `TIM_SECRET_KEY`, so `export TIM_SECRET_KEY=<this>` opens the emulator. 64 hex
/// characters, the console's shape.
pub const BUILTIN_TIM_SECRET_KEY: &str =
    "7e577e577e577e577e577e577e577e577e577e577e577e577e577e577e577e57";
/// Built-in IM users, one per state (`apns-fcm-tim.md` D.8): the app in the background with a vivo
/// token (a push goes out), the app in the foreground, logged out, and in the background with a
/// vivo token of an app vivo has not published yet (vivo refuses Tencent's formal push, 10045).
pub const BUILTIN_TIM_PUSH_ONLINE_USER: &str = "alice";
pub const BUILTIN_TIM_ONLINE_USER: &str = "bob";
pub const BUILTIN_TIM_OFFLINE_USER: &str = "dave";
pub const BUILTIN_TIM_UNPUBLISHED_USER: &str = "carol";
/// A built-in IM user on an iPhone, in the background with an APNs sandbox token of the
/// built-in APNs key's app: Tencent's push goes through the emulated APNs.
pub const BUILTIN_TIM_IOS_USER: &str = "erin";
/// The published vivo app whose credentials the built-in IM app holds for its users' pushes
/// (Tencent sends formal pushes: vivo's test mode is not available to the IM console).
pub const BUILTIN_TIM_VIVO_APP_ID: &str = "10024";
pub const BUILTIN_TIM_VIVO_APP_KEY: &str = "00000000-0000-4000-8000-000000000024";

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
}

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
    /// OPPO's MasterSecret (signs OPPO's auth, and required for OPPO); unused otherwise.
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

    /// Tencent IM: the account with this UserID (admins included, with no devices).
    pub fn tim_user(&self, id: &str) -> Option<TimUser> {
        self.users.iter().find(|u| u.id == id).cloned().or_else(|| {
            self.admins.iter().any(|a| a == id).then(|| TimUser {
                id: id.to_owned(),
                state: TimState::Offline,
                platform: String::new(),
                push: None,
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
    /// The apps of the example projects under `examples/`: vivo 10004 (uni-app) and 10014
    /// (Flutter) with the ids and keys of their `pushdiag.toml` and [`BUILTIN_VIVO_APP_SECRET`],
    /// both still under review, each with one test device and one other device; OPPO 30000002
    /// and 30000012 with [`BUILTIN_OPPO_MASTER_SECRET`] and the device [`BUILTIN_OPPO_DEVICE`];
    /// Xiaomi 2882303761500000001 and 2882303761500000011 with the examples' packages,
    /// [`BUILTIN_XIAOMI_APP_SECRET`] and the device [`BUILTIN_XIAOMI_DEVICE`]; Meizu
    /// [`BUILTIN_MEIZU_APP_ID`] with [`BUILTIN_MEIZU_APP_SECRET`] and the device
    /// [`BUILTIN_MEIZU_DEVICE`]; Huawei 100000003 and 100000013 with
    /// [`BUILTIN_HUAWEI_APP_SECRET`], the projects [`BUILTIN_HUAWEI_PROJECT_ID`] and
    /// [`BUILTIN_HUAWEI_FLUTTER_PROJECT_ID`] and the device [`BUILTIN_HUAWEI_DEVICE`]; Honor
    /// [`BUILTIN_HONOR_APP_ID`] with the Client ID [`BUILTIN_HONOR_CLIENT_ID`] (its `app_key`),
    /// [`BUILTIN_HONOR_CLIENT_SECRET`] and the device [`BUILTIN_HONOR_DEVICE`]; the FCM service
    /// account [`BUILTIN_FCM_CLIENT_EMAIL`] of [`BUILTIN_FCM_PROJECT_ID`] (key:
    /// [`builtin_fcm_private_key`]) with the device [`BUILTIN_FCM_DEVICE`]; the APNs key
    /// [`BUILTIN_APNS_KEY_ID`] of team [`BUILTIN_APNS_TEAM_ID`] for [`BUILTIN_APNS_BUNDLE_ID`]
    /// (key: [`builtin_apns_signing_key`]) with one sandbox and one production token.
    pub fn builtin() -> Registry {
        let vivo = |app_id: &str, app_key: &str, secret: &str| App {
            test_devices: vec![BUILTIN_VIVO_TEST_DEVICE.to_owned()],
            devices: vec![
                BUILTIN_VIVO_TEST_DEVICE.to_owned(),
                BUILTIN_VIVO_DEVICE.to_owned(),
            ],
            under_review: true,
            ..App::new(Vendor::Vivo, app_id, app_key, Secret::new(secret))
        };
        let oppo = |app_id: &str, app_key: &str| App {
            master_secret: Some(Secret::new(BUILTIN_OPPO_MASTER_SECRET)),
            test_devices: vec![BUILTIN_OPPO_DEVICE.to_owned()],
            devices: vec![BUILTIN_OPPO_DEVICE.to_owned()],
            ..App::new(
                Vendor::Oppo,
                app_id,
                app_key,
                Secret::new(BUILTIN_OPPO_APP_SECRET),
            )
        };
        let xiaomi = |app_id: &str, app_key: &str, package: &str| App {
            package: Some(package.to_owned()),
            test_devices: vec![BUILTIN_XIAOMI_DEVICE.to_owned()],
            devices: vec![BUILTIN_XIAOMI_DEVICE.to_owned()],
            ..App::new(
                Vendor::Xiaomi,
                app_id,
                app_key,
                Secret::new(BUILTIN_XIAOMI_APP_SECRET),
            )
        };
        let huawei = |app_id: &str, project_id: &str| App {
            project_id: Some(project_id.to_owned()),
            test_devices: vec![BUILTIN_HUAWEI_DEVICE.to_owned()],
            devices: vec![BUILTIN_HUAWEI_DEVICE.to_owned()],
            ..App::new(
                Vendor::Huawei,
                app_id,
                "",
                Secret::new(BUILTIN_HUAWEI_APP_SECRET),
            )
        };
        Registry {
            apps: vec![
                vivo(
                    BUILTIN_VIVO_APP_ID,
                    BUILTIN_VIVO_APP_KEY,
                    BUILTIN_VIVO_APP_SECRET,
                ),
                vivo(
                    BUILTIN_VIVO_FLUTTER_APP_ID,
                    BUILTIN_VIVO_FLUTTER_APP_KEY,
                    BUILTIN_VIVO_APP_SECRET,
                ),
                oppo(BUILTIN_OPPO_APP_ID, BUILTIN_OPPO_APP_KEY),
                oppo(BUILTIN_OPPO_FLUTTER_APP_ID, BUILTIN_OPPO_FLUTTER_APP_KEY),
                xiaomi(
                    BUILTIN_XIAOMI_APP_ID,
                    BUILTIN_XIAOMI_APP_KEY,
                    BUILTIN_XIAOMI_PACKAGE,
                ),
                xiaomi(
                    BUILTIN_XIAOMI_FLUTTER_APP_ID,
                    BUILTIN_XIAOMI_FLUTTER_APP_KEY,
                    BUILTIN_XIAOMI_FLUTTER_PACKAGE,
                ),
                App {
                    test_devices: vec![BUILTIN_MEIZU_DEVICE.to_owned()],
                    devices: vec![BUILTIN_MEIZU_DEVICE.to_owned()],
                    ..App::new(
                        Vendor::Meizu,
                        BUILTIN_MEIZU_APP_ID,
                        BUILTIN_MEIZU_APP_KEY,
                        Secret::new(BUILTIN_MEIZU_APP_SECRET),
                    )
                },
                huawei(BUILTIN_HUAWEI_APP_ID, BUILTIN_HUAWEI_PROJECT_ID),
                huawei(
                    BUILTIN_HUAWEI_FLUTTER_APP_ID,
                    BUILTIN_HUAWEI_FLUTTER_PROJECT_ID,
                ),
                // The key is made on first use (see `emulator/fcm.rs`), not with every registry.
                App {
                    package: Some(BUILTIN_XIAOMI_FLUTTER_PACKAGE.to_owned()),
                    devices: vec![BUILTIN_FCM_DEVICE.to_owned()],
                    ..App::new(
                        Vendor::Fcm,
                        BUILTIN_FCM_PROJECT_ID,
                        BUILTIN_FCM_CLIENT_EMAIL,
                        Secret::new(""),
                    )
                },
                App {
                    package: Some(BUILTIN_APNS_BUNDLE_ID.to_owned()),
                    test_devices: vec![BUILTIN_APNS_SANDBOX_DEVICE.to_owned()],
                    devices: vec![BUILTIN_APNS_PRODUCTION_DEVICE.to_owned()],
                    public_key: Some(builtin_apns_public_key()),
                    ..App::new(
                        Vendor::Apns,
                        BUILTIN_APNS_KEY_ID,
                        BUILTIN_APNS_TEAM_ID,
                        Secret::new(""),
                    )
                },
                App {
                    test_devices: vec![BUILTIN_HONOR_DEVICE.to_owned()],
                    devices: vec![BUILTIN_HONOR_DEVICE.to_owned()],
                    ..App::new(
                        Vendor::Honor,
                        BUILTIN_HONOR_APP_ID,
                        BUILTIN_HONOR_CLIENT_ID,
                        Secret::new(BUILTIN_HONOR_CLIENT_SECRET),
                    )
                },
                App {
                    devices: vec![BUILTIN_VIVO_DEVICE.to_owned()],
                    ..App::new(
                        Vendor::Vivo,
                        BUILTIN_TIM_VIVO_APP_ID,
                        BUILTIN_TIM_VIVO_APP_KEY,
                        Secret::new(BUILTIN_VIVO_APP_SECRET),
                    )
                },
                builtin_tim(),
            ],
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
        Ok(Registry { apps })
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

/// The built-in Tencent IM app (see [`BUILTIN_TIM_SDK_APP_ID`]) and its users.
fn builtin_tim() -> App {
    let user = |id: &str, state: TimState, push: Option<(&str, &str)>| TimUser {
        id: id.to_owned(),
        state,
        platform: "Android".to_owned(),
        push: push.map(|(app_id, token)| PushToken {
            vendor: Vendor::Vivo,
            app_id: app_id.to_owned(),
            token: token.to_owned(),
        }),
    };
    let iphone_user = TimUser {
        id: BUILTIN_TIM_IOS_USER.to_owned(),
        state: TimState::PushOnline,
        platform: "iPhone".to_owned(),
        push: Some(PushToken {
            vendor: Vendor::Apns,
            app_id: BUILTIN_APNS_KEY_ID.to_owned(),
            token: BUILTIN_APNS_SANDBOX_DEVICE.to_owned(),
        }),
    };
    App {
        admins: vec![BUILTIN_TIM_ADMIN.to_owned()],
        users: vec![
            user(
                BUILTIN_TIM_PUSH_ONLINE_USER,
                TimState::PushOnline,
                Some((BUILTIN_TIM_VIVO_APP_ID, BUILTIN_VIVO_DEVICE)),
            ),
            user(
                BUILTIN_TIM_ONLINE_USER,
                TimState::Online,
                Some((BUILTIN_TIM_VIVO_APP_ID, BUILTIN_VIVO_DEVICE)),
            ),
            user(BUILTIN_TIM_OFFLINE_USER, TimState::Offline, None),
            iphone_user,
            user(
                BUILTIN_TIM_UNPUBLISHED_USER,
                TimState::PushOnline,
                Some((BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_TEST_DEVICE)),
            ),
        ],
        ..App::new(
            Vendor::Tim,
            BUILTIN_TIM_SDK_APP_ID,
            "",
            Secret::new(BUILTIN_TIM_SECRET_KEY),
        )
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
                    app_id: match push.app_id {
                        RawId::Text(text) => text.trim().to_owned(),
                        RawId::Number(n) => n.to_string(),
                    },
                    token: push.token.trim().to_owned(),
                })
            }
        };
        Ok(TimUser {
            id: self.id,
            state,
            platform: self.platform,
            push,
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
        let Some(vendor) = EMULATED_VENDORS
            .iter()
            .copied()
            .find(|v| v.id() == self.vendor)
        else {
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
        if vendor == Vendor::Vivo {
            if !app_id.bytes().all(|b| b.is_ascii_digit()) {
                bail!("app-id \"{app_id}\": a vivo AppID is an integer");
            }
            if app_key.is_empty() {
                bail!("app-key is missing: vivo signs with AppID, AppKey and AppSecret");
            }
        }
        if vendor == Vendor::Oppo {
            if app_key.is_empty() {
                bail!("app-key is missing: OPPO signs with AppKey and MasterSecret");
            }
            if self
                .master_secret
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
            {
                bail!("master-secret is missing: OPPO signs with AppKey and MasterSecret");
            }
        }
        if vendor == Vendor::Honor && app_key.is_empty() {
            bail!("app-key is missing: it is the Honor Client ID the token request names");
        }
        if vendor == Vendor::Xiaomi && self.package.as_deref().is_none_or(|p| p.trim().is_empty()) {
            bail!("package is missing: Xiaomi checks restricted_package_name against it");
        }
        let app_secret = Secret::new(self.app_secret.trim());
        if vendor == Vendor::Fcm {
            if app_key.is_empty() {
                bail!("app-key is missing: for FCM it is the service account's client_email");
            }
            match &self.public_key {
                Some(pem) if rsa::RsaPublicKey::from_public_key_pem(pem.trim()).is_ok() => {}
                Some(_) => bail!("public-key is not an RSA public key in PEM (BEGIN PUBLIC KEY)"),
                None => {
                    bail!("public-key is missing: the token endpoint verifies assertions with it")
                }
            }
        } else if vendor == Vendor::Apns {
            if app_key.is_empty() {
                bail!("app-key is missing: for APNs it is the team id the provider token names");
            }
            match &self.public_key {
                Some(pem) if p256::PublicKey::from_public_key_pem(pem.trim()).is_ok() => {}
                Some(_) => bail!("public-key is not a P-256 public key in PEM (BEGIN PUBLIC KEY)"),
                None => bail!("public-key is missing: APNs verifies provider tokens with it"),
            }
            if self.package.as_deref().is_none_or(|p| p.trim().is_empty()) {
                bail!("package is missing: for APNs it is the bundle id (apns-topic)");
            }
            if let Some(environment) = &self.environment {
                if environment != "development" && environment != "production" {
                    bail!("environment = \"{environment}\": a restricted APNs key serves \"development\" or \"production\"");
                }
            }
        } else if app_secret.is_empty() {
            bail!("app-secret is empty");
        }
        if vendor == Vendor::Tim {
            if !app_id.bytes().all(|b| b.is_ascii_digit()) {
                bail!("app-id \"{app_id}\": a Tencent IM SDKAppID is an integer");
            }
            if self.admins.is_empty() {
                bail!("admins is empty: Tencent IM's REST API needs an App admin");
            }
        }
        let users = self
            .users
            .into_iter()
            .map(RawUser::validate)
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(App {
            vendor,
            app_id,
            app_key,
            app_secret,
            master_secret: self.master_secret.map(|s| Secret::new(s.trim())),
            project_id: self.project_id.map(RawId::into_text),
            package: self.package,
            test_devices: self.test_devices,
            devices: self.devices,
            under_review: self.under_review,
            admins: self.admins,
            users,
            public_key: self.public_key,
            environment: self.environment,
            unregistered: self.unregistered,
        })
    }
}

#[cfg(test)]
mod tests;
