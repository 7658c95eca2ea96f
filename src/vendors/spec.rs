//! The shape of a vendor's declarative spec (`vendors/<vendor>/spec.rs`): the config keys its
//! section accepts (with the side, format and `init` placeholder of each credential), the
//! server/client pairs that must differ, its default endpoints, the secret that signs, whether it
//! has a test mode, which keys `--dry-run` masks, the emulator's device, what its Android SDK
//! declares, its checklist and its place in `pushdiag init`'s template. `config::schema`, the
//! offline checks, `pushdiag init`, `docs/config.md`, `send-test` and the project checks all read
//! it, so a fact is written once and general code never matches on a vendor for it.

use crate::config::Kind;
use crate::project::ProjectFacts;
use crate::vendor::Vendor;
use crate::vendors::from_config::ResolvedApp;

/// Which side of the push a credential belongs to: the app (client SDK) or your server (and
/// Tencent's, which signs vendor API calls with it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Client,
    Server,
    Both,
}

/// A credential's expected shape.
#[derive(Clone, Copy, Debug)]
pub struct Format {
    pub matches: fn(&str) -> bool,
    /// What it should look like, for the message ("32 lowercase hex characters").
    pub expected: &'static str,
    /// The reference only infers this format from samples: a mismatch is a warning.
    pub inferred: bool,
    pub source: &'static str,
}

impl Format {
    /// A format the reference states: a mismatch is an error.
    pub const fn stated(
        matches: fn(&str) -> bool,
        expected: &'static str,
        source: &'static str,
    ) -> Format {
        Format {
            matches,
            expected,
            inferred: false,
            source,
        }
    }

    /// A format the reference only infers from samples: a mismatch is a warning.
    pub const fn inferred(
        matches: fn(&str) -> bool,
        expected: &'static str,
        source: &'static str,
    ) -> Format {
        let stated = Format::stated(matches, expected, source);
        Format {
            inferred: true,
            ..stated
        }
    }
}

/// What `pushdiag init` writes for a key in its starting config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Init {
    /// Not written.
    Omit,
    /// Written commented out, blank (`# app-key = `), unless the project's files give a value.
    Blank,
    /// A secret read from an environment variable named after the section and key
    /// (`{ env = "OPPO_MASTER_SECRET" }`).
    Env,
    /// This literal TOML value (`"AuthKey_KEYID.p8"`), unless the project's files give one.
    Value(&'static str),
    /// Commented out with this sample value (`# sdk-app-id = 1400000000`).
    Sample(&'static str),
}

/// A key a config section accepts and what it holds; with a `side`, a credential the offline
/// checks require (and check the `format` of).
#[derive(Clone, Copy, Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub doc: &'static str,
    /// `Some` for a credential: `check-config` reports it missing.
    pub side: Option<Side>,
    pub format: Option<Format>,
    pub init: Init,
}

impl Key {
    /// A key that is not a credential, left out of `pushdiag init`'s template.
    pub const fn new(name: &'static str, kind: Kind, doc: &'static str) -> Key {
        Key {
            name,
            kind,
            doc,
            side: None,
            format: None,
            init: Init::Omit,
        }
    }

    /// The key as a credential of `side`, with its `format` if the reference gives one.
    pub const fn credential(self, side: Side, format: Option<Format>) -> Key {
        Key {
            side: Some(side),
            format,
            ..self
        }
    }

    /// The key's value is checked against `format` when it is set, without being required.
    pub const fn format(self, format: Format) -> Key {
        Key {
            format: Some(format),
            ..self
        }
    }

    /// What `pushdiag init` writes for the key.
    pub const fn init(self, init: Init) -> Key {
        Key { init, ..self }
    }

    /// An id credential (an AppID, an AppKey of digits) of `side`, written blank in `pushdiag
    /// init`'s template.
    pub const fn id(name: &'static str, doc: &'static str, side: Side, format: Format) -> Key {
        Key::new(name, Kind::Id, doc)
            .credential(side, Some(format))
            .init(Init::Blank)
    }

    /// A text credential (a key, a client id) of `side`, written blank in `pushdiag init`'s
    /// template.
    pub const fn text(
        name: &'static str,
        doc: &'static str,
        side: Side,
        format: Option<Format>,
    ) -> Key {
        Key::new(name, Kind::Text, doc)
            .credential(side, format)
            .init(Init::Blank)
    }

    /// A secret credential of `side`, which `pushdiag init`'s template reads from the
    /// environment.
    pub const fn secret(
        name: &'static str,
        doc: &'static str,
        side: Side,
        format: Option<Format>,
    ) -> Key {
        let text = Key::text(name, doc, side, format);
        Key {
            kind: Kind::Secret,
            init: Init::Env,
            ..text
        }
    }
}

/// A vendor's declarative spec.
#[derive(Debug)]
pub struct Spec {
    pub vendor: Vendor,
    /// The section's keys, in the order `docs/config.md` and `--print-config` list them.
    pub keys: &'static [Key],
    /// Pairs of (server secret, client key) that must differ: the classic mistake is pasting the
    /// client's key where the server's secret belongs.
    pub server_client_pairs: &'static [(&'static str, &'static str)],
    /// The config key of each base URL and its default (`endpoint`, `auth-endpoint`); empty
    /// when the default depends on another key (Tencent IM's `region`, APNs' `environment`).
    pub endpoints: &'static [(&'static str, &'static str)],
    /// The config key of the secret that signs the vendor's requests (or the key file that does).
    pub secret: &'static str,
    pub test_mode: TestMode,
    /// The keys besides `secret` whose values (or what is derived from them: a signature, a
    /// token) `--dry-run` prints masked.
    pub also_masked: &'static [&'static str],
    pub dry_run: DryRun,
    /// Builds the app from the config (the vendor's `from_config::resolve`); `None` for Tencent
    /// IM, which is not a push vendor and resolves its own app.
    pub resolve: Option<Resolve>,
    /// The emulator's device that `send-test --emulated` pushes to with no target; `None` for
    /// Tencent IM, which pushes to users.
    pub builtin_device: Option<&'static str>,
    /// With `--profile flutter` a tap opens the Flutter push plugin's own activity, which hands
    /// `ext` to Dart (`tim-vendor-payloads.md` §3, §4, §7); otherwise it opens the app.
    pub flutter_click: bool,
    /// What the vendor's Android SDK needs the app's manifest to declare (seed 001); `{pkg}` is
    /// the application id.
    pub android_permissions: &'static [(Declare, &'static str)],
    /// The troubleshooting checklist (`checklists/<vendor>.toml`).
    pub checklist: ChecklistFile,
    /// The section's place in `pushdiag init`'s template; `None`: left for the user to add.
    pub init: Option<InitSection>,
    /// The vendor's public documentation of its answers, as `explain` cites it: a page users
    /// can open (a URL, or a page title where the vendor publishes no stable address).
    // Source keys: apns-fcm-tim.md [A-resp], [F-err], [T-rest]; vendors-cn.md [H-serverdev],
    // [Hn-im], [X-err], [O-codes], [V-modood] (dev.vivo.com.cn doc 362), [M-api].
    pub documentation: &'static str,
    /// What the vendor's section puts in a Tencent IM message's `OfflinePushInfo.AndroidInfo`
    /// (`apns-fcm-tim.md` D.5); `None`: nothing.
    pub tim_android_info: Option<TimAndroidInfo>,
}

/// How a push vendor's app is resolved from the config.
#[derive(Clone, Copy, Debug)]
pub enum Resolve {
    /// The shared shape, from the vendor's data.
    App(&'static crate::vendors::from_config::AppSpec),
    /// The vendor's own code (key files: APNs, FCM).
    Own(Resolver),
}

/// Resolves a vendor's app from the config and the environment, under `--emulated` and
/// `--dry-run`.
pub type Resolver = fn(
    &crate::config::Config,
    &crate::config::Environment,
    bool,
    bool,
) -> anyhow::Result<ResolvedApp>;

/// Whether a `send-test` push can be kept to test devices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestMode {
    /// A test mode that shows the push to test devices only (vivo `pushMode=1`, Huawei's and
    /// Honor's `target_user_type=1`).
    TestDevices,
    /// None: every `send-test` push is a real one, and `send-test` says so.
    RealPush,
    /// Not a question `send-test` raises: APNs has its sandbox, FCM pushes to any token, and
    /// Tencent IM is not a push vendor.
    NotApplicable,
}

/// What `send-test --dry-run` says it never shows and masks.
#[derive(Clone, Copy, Debug)]
pub struct DryRun {
    /// "the master secret is never shown, sign and auth_token are masked".
    pub note: &'static str,
    /// The masked field derived from the secret, named when the secret is not available
    /// ("sign", "client_secret").
    pub signed: &'static str,
}

impl DryRun {
    /// A dry run whose masked field derived from the secret is `sign`.
    pub const fn sign(note: &'static str) -> DryRun {
        DryRun {
            note,
            signed: "sign",
        }
    }
}

/// How an Android permission is declared in the manifest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declare {
    /// `<permission android:name="…" android:protectionLevel="signature"/>`
    Permission,
    /// `<uses-permission android:name="…"/>`
    Uses,
}

/// The checklist data file `checklists/<vendor>.toml`, embedded at build time.
macro_rules! checklist {
    ($vendor:literal) => {
        $crate::vendors::spec::ChecklistFile {
            path: concat!("checklists/", $vendor, ".toml"),
            toml: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/checklists/",
                $vendor,
                ".toml"
            )),
        }
    };
}
pub(crate) use checklist;

/// A push vendor's keys in the order the schema, the docs and `init`'s template list them:
/// `business-id`, the vendor's own keys, `test-devices` and `endpoint`, then any after `;`
/// (`auth-endpoint`).
macro_rules! push_keys {
    ($($key:expr),* $(,)? $(; $($after:expr),* $(,)?)?) => {
        &[
            $crate::vendors::spec::BUSINESS_ID,
            $($key,)*
            $crate::vendors::spec::TEST_DEVICES,
            $crate::vendors::spec::ENDPOINT,
            $($($after,)*)?
        ]
    };
}
pub(crate) use push_keys;

/// A checklist data file, embedded at build time.
#[derive(Clone, Copy, Debug)]
pub struct ChecklistFile {
    /// The file's path in the repository, for messages.
    pub path: &'static str,
    pub toml: &'static str,
}

/// The vendor's section in `pushdiag init`'s template.
#[derive(Clone, Copy, Debug)]
pub struct InitSection {
    /// Sections are written in this order.
    pub place: u8,
    /// The section is active (not commented out) when the app's files show signs of the vendor.
    pub active: fn(&ProjectFacts) -> bool,
}

impl Spec {
    /// A spec with only what every vendor states: its keys, the secret that signs (which
    /// `--dry-run` masks) and what the dry run says; the builders below add what differs. By
    /// default: no server/client pairs, no default endpoints, no test-mode question, no resolver
    /// or emulated device, no Flutter click, no Android permissions, not in `pushdiag init`.
    pub const fn new(
        vendor: Vendor,
        keys: &'static [Key],
        secret: &'static str,
        dry_run: DryRun,
        checklist: ChecklistFile,
    ) -> Spec {
        Spec {
            vendor,
            keys,
            server_client_pairs: &[],
            endpoints: &[],
            secret,
            test_mode: TestMode::NotApplicable,
            also_masked: &[],
            dry_run,
            resolve: None,
            builtin_device: None,
            flutter_click: false,
            android_permissions: &[],
            checklist,
            init: None,
            documentation: "",
            tim_android_info: None,
        }
    }

    /// The vendor's `fields` of a Tencent IM message's `AndroidInfo`, written at `place` among
    /// the vendors'.
    pub const fn tim_android_info(
        self,
        place: u8,
        fields: &'static [(&'static str, TimValue)],
    ) -> Spec {
        Spec {
            tim_android_info: Some(TimAndroidInfo { place, fields }),
            ..self
        }
    }

    /// The vendor's public documentation of its answers.
    pub const fn documentation(self, documentation: &'static str) -> Spec {
        Spec {
            documentation,
            ..self
        }
    }

    /// Pairs of (server secret, client key) that must differ.
    pub const fn pairs(self, server_client_pairs: &'static [(&'static str, &'static str)]) -> Spec {
        Spec {
            server_client_pairs,
            ..self
        }
    }

    /// The config key of each base URL and its default.
    pub const fn endpoints(self, endpoints: &'static [(&'static str, &'static str)]) -> Spec {
        Spec { endpoints, ..self }
    }

    pub const fn test_mode(self, test_mode: TestMode) -> Spec {
        Spec { test_mode, ..self }
    }

    /// Keys besides the secret that `--dry-run` masks.
    pub const fn also_masked(self, also_masked: &'static [&'static str]) -> Spec {
        Spec {
            also_masked,
            ..self
        }
    }

    /// A push vendor resolved by `resolve`, whose emulator pushes to `builtin_device`.
    pub const fn push(self, resolve: Resolve, builtin_device: &'static str) -> Spec {
        Spec {
            resolve: Some(resolve),
            builtin_device: Some(builtin_device),
            ..self
        }
    }

    /// With `--profile flutter` a tap opens the Flutter push plugin's activity.
    pub const fn flutter_click(self) -> Spec {
        Spec {
            flutter_click: true,
            ..self
        }
    }

    pub const fn android_permissions(
        self,
        android_permissions: &'static [(Declare, &'static str)],
    ) -> Spec {
        Spec {
            android_permissions,
            ..self
        }
    }

    /// The section is written at `place` in `pushdiag init`'s template, active when `active`.
    pub const fn init(self, place: u8, active: fn(&ProjectFacts) -> bool) -> Spec {
        Spec {
            init: Some(InitSection { place, active }),
            ..self
        }
    }

    /// The keys whose values (or what is derived from them) `--dry-run` prints masked: the
    /// secret first.
    pub fn masked(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.secret).chain(self.also_masked.iter().copied())
    }

    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The default of the base URL that config key `key` overrides (`endpoint`, `auth-endpoint`).
    pub fn default_endpoint(&self, key: &str) -> Option<&'static str> {
        self.endpoints
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, url)| *url)
    }

    /// The credentials the offline checks require, in key order.
    pub fn credentials(&self) -> impl Iterator<Item = &'static Key> {
        self.keys.iter().filter(|k| k.side.is_some())
    }
}

/// A vendor's fields of Tencent IM's `OfflinePushInfo.AndroidInfo`: the vendors' fields are
/// written in the order of their `place`, each vendor's in the order listed.
#[derive(Clone, Copy, Debug)]
pub struct TimAndroidInfo {
    pub place: u8,
    pub fields: &'static [(&'static str, TimValue)],
}

/// Where an `AndroidInfo` field's value comes from.
#[derive(Clone, Copy, Debug)]
pub enum TimValue {
    /// The value of this key of the vendor's section; the field is left out when it is not set
    /// (an empty field would not override the console's value anyway).
    ConfigValue(&'static str),
    /// Always this value.
    Constant(&'static str),
}

/// The keys most vendor sections share.
pub const BUSINESS_ID: Key = Key::new(
    "business-id",
    Kind::Id,
    "the certificate ID the IM console assigned to this vendor's credentials",
)
.init(Init::Blank);
pub const TEST_DEVICES: Key = Key::new(
    "test-devices",
    Kind::List,
    "device tokens / regIds that send-test pushes to",
);
pub const ENDPOINT: Key = Key::new(
    "endpoint",
    Kind::Text,
    "the API's base URL (for proxies and the emulator)",
);
pub const AUTH_ENDPOINT: Key = Key::new("auth-endpoint", Kind::Text, "the OAuth server's base URL");

/// Shape helpers for the vendors' formats.
pub mod shapes {
    pub fn digits(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }

    pub fn hex32(s: &str) -> bool {
        s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
    }

    pub fn uuid(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
            && parts
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    pub fn uuid_or_hex32(s: &str) -> bool {
        uuid(s) || hex32(s)
    }
}
