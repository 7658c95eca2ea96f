//! Every section and key `pushdiag.toml` accepts (`cli-contract.md`, Configuration), with its
//! type. One table serves parsing, unknown-key suggestions, environment overrides,
//! `--print-config` and `docs/config.md`.

use crate::vendor::Vendor;

/// A section of the file; `Root` holds the top-level keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Root,
    Tim,
    Vivo,
    Oppo,
    Xiaomi,
    Meizu,
    Huawei,
    Honor,
    Fcm,
    Apns,
}

/// What a key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Text,
    /// A number that people also write as a string (`app-id = 10004` or `"10004"`); kept as text.
    Id,
    /// An integer.
    Integer,
    /// One of a fixed set of strings.
    OneOf(&'static [&'static str]),
    /// A list of strings (`["a", "b"]`; comma-separated in an environment variable).
    List,
    /// A path, relative to the config file's folder.
    Path,
    /// A secret: a literal string (discouraged), `{ env = "NAME" }` or `{ file = "path" }`.
    Secret,
}

impl Kind {
    pub fn describe(self) -> String {
        match self {
            Kind::Text => "a string".into(),
            Kind::Id => "a number or a string of digits".into(),
            Kind::Integer => "an integer".into(),
            Kind::OneOf(values) => format!("one of {}", values.join(", ")),
            Kind::List => "a list of strings".into(),
            Kind::Path => "a path".into(),
            Kind::Secret => "a secret: { env = \"NAME\" }, { file = \"path\" } or a string".into(),
        }
    }
}

/// A key and what it holds.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub doc: &'static str,
}

const fn key(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key { name, kind, doc }
}

pub const REGIONS: &[&str] = &["cn", "sgp", "kr", "ger", "ind", "usa", "jpn", "idn"];
pub const ENVIRONMENTS: &[&str] = &["development", "production"];
/// Huawei's self-classification categories (`android.category`, `vendors-cn.md` §4.4).
pub const HUAWEI_CATEGORIES: &[&str] = &[
    "IM",
    "VOIP",
    "SUBSCRIPTION",
    "TRAVEL",
    "HEALTH",
    "WORK",
    "ACCOUNT",
    "EXPRESS",
    "FINANCE",
    "DEVICE_REMINDER",
    "MAIL",
    "PLAY_VOICE",
    "MARKETING",
];
/// Huawei Push Kit's send APIs for Android apps (`vendors-cn.md` §4.1).
pub const HUAWEI_APIS: &[&str] = &["v1", "v2"];

const BUSINESS_ID: Key = key(
    "business-id",
    Kind::Id,
    "the certificate ID the IM console assigned to this vendor's credentials",
);
const TEST_DEVICES: Key = key(
    "test-devices",
    Kind::List,
    "device tokens / regIds that send-test pushes to",
);
const ENDPOINT: Key = key(
    "endpoint",
    Kind::Text,
    "the API's base URL (for proxies and the emulator)",
);
const AUTH_ENDPOINT: Key = key("auth-endpoint", Kind::Text, "the OAuth server's base URL");

const ROOT_KEYS: &[Key] = &[key(
    "package",
    Kind::Text,
    "the Android package name; also the iOS bundle id unless [apns] bundle-id says otherwise",
)];

const TIM_KEYS: &[Key] = &[
    key("sdk-app-id", Kind::Integer, "the IM app's SDKAppID"),
    key(
        "secret-key",
        Kind::Secret,
        "the IM app's secret key (signs UserSig)",
    ),
    key("admin", Kind::Text, "an App admin account"),
    key("region", Kind::OneOf(REGIONS), "the IM data centre"),
    ENDPOINT,
];

const VIVO_KEYS: &[Key] = &[
    BUSINESS_ID,
    key("app-id", Kind::Id, "vivo AppID"),
    key("app-key", Kind::Text, "vivo AppKey"),
    key("app-secret", Kind::Secret, "vivo AppSecret"),
    TEST_DEVICES,
    ENDPOINT,
];

const OPPO_KEYS: &[Key] = &[
    BUSINESS_ID,
    key("app-id", Kind::Id, "OPPO AppId"),
    key("app-key", Kind::Text, "OPPO AppKey (client and server)"),
    key("app-secret", Kind::Secret, "OPPO AppSecret (client side)"),
    key(
        "master-secret",
        Kind::Secret,
        "OPPO MasterSecret (server side: signs API calls)",
    ),
    key(
        "channel-id",
        Kind::Text,
        "the notification channel ID created in the OPPO console",
    ),
    TEST_DEVICES,
    ENDPOINT,
];

const XIAOMI_KEYS: &[Key] = &[
    BUSINESS_ID,
    key("app-id", Kind::Id, "Xiaomi AppID (client side)"),
    key("app-key", Kind::Id, "Xiaomi AppKey (client side)"),
    key("app-secret", Kind::Secret, "Xiaomi AppSecret (server side)"),
    key(
        "channel-id",
        Kind::Text,
        "the notification channel ID applied for in the Xiaomi console",
    ),
    TEST_DEVICES,
    ENDPOINT,
];

const MEIZU_KEYS: &[Key] = &[
    BUSINESS_ID,
    key("app-id", Kind::Id, "Meizu AppId"),
    key("app-key", Kind::Text, "Meizu AppKey (client side)"),
    key(
        "app-secret",
        Kind::Secret,
        "Meizu AppSecret (server side: signs API calls)",
    ),
    TEST_DEVICES,
    ENDPOINT,
];

const HUAWEI_KEYS: &[Key] = &[
    BUSINESS_ID,
    key("app-id", Kind::Id, "Huawei AppID (OAuth client id)"),
    key(
        "app-secret",
        Kind::Secret,
        "Huawei AppSecret (OAuth client secret)",
    ),
    key(
        "project-id",
        Kind::Id,
        "AppGallery Connect project ID (v2 API)",
    ),
    key(
        "api-version",
        Kind::OneOf(HUAWEI_APIS),
        "the Push Kit API send-test uses: v1 (per app, the default) or v2 (per project)",
    ),
    key(
        "category",
        Kind::OneOf(HUAWEI_CATEGORIES),
        "the self-classification category, e.g. IM (needs Huawei's approval)",
    ),
    TEST_DEVICES,
    ENDPOINT,
    AUTH_ENDPOINT,
];

const HONOR_KEYS: &[Key] = &[
    BUSINESS_ID,
    key("app-id", Kind::Id, "Honor App ID"),
    key("client-id", Kind::Text, "Honor Client ID"),
    key("client-secret", Kind::Secret, "Honor Client Secret"),
    TEST_DEVICES,
    ENDPOINT,
    AUTH_ENDPOINT,
];

const FCM_KEYS: &[Key] = &[
    BUSINESS_ID,
    key(
        "service-account",
        Kind::Path,
        "the Firebase service-account JSON file",
    ),
    TEST_DEVICES,
    ENDPOINT,
];

const APNS_KEYS: &[Key] = &[
    key(
        "business-id-development",
        Kind::Id,
        "the IM console certificate ID for the development environment",
    ),
    key(
        "business-id-production",
        Kind::Id,
        "the IM console certificate ID for the production environment",
    ),
    key(
        "bundle-id",
        Kind::Text,
        "the iOS bundle id (default: package)",
    ),
    key(
        "environment",
        Kind::OneOf(ENVIRONMENTS),
        "the APNs environment the app is built for",
    ),
    key(
        "key-file",
        Kind::Path,
        "token auth: the AuthKey_<KEYID>.p8 file",
    ),
    key(
        "key-id",
        Kind::Text,
        "token auth: the key's 10-character id",
    ),
    key(
        "team-id",
        Kind::Text,
        "token auth: the 10-character Apple team id",
    ),
    key(
        "certificate",
        Kind::Path,
        "certificate auth: the .p12 (or .pem) file",
    ),
    key(
        "certificate-password",
        Kind::Secret,
        "certificate auth: the .p12 password",
    ),
    key(
        "expiry-warning-days",
        Kind::Integer,
        "warn this many days before the certificate expires (default 30)",
    ),
    key(
        "ca-file",
        Kind::Path,
        "a CA certificate (PEM) to trust for the endpoint, e.g. the emulator's self-signed one",
    ),
    TEST_DEVICES,
    ENDPOINT,
];

impl Section {
    pub const ALL: [Section; 10] = [
        Section::Root,
        Section::Tim,
        Section::Vivo,
        Section::Oppo,
        Section::Xiaomi,
        Section::Meizu,
        Section::Huawei,
        Section::Honor,
        Section::Fcm,
        Section::Apns,
    ];

    /// The table name in the file (`""` for the root).
    pub fn name(self) -> &'static str {
        match self {
            Section::Root => "",
            Section::Tim => "tim",
            Section::Vivo => "vivo",
            Section::Oppo => "oppo",
            Section::Xiaomi => "xiaomi",
            Section::Meizu => "meizu",
            Section::Huawei => "huawei",
            Section::Honor => "honor",
            Section::Fcm => "fcm",
            Section::Apns => "apns",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL
            .into_iter()
            .find(|s| *s != Section::Root && s.name() == name)
    }

    pub fn vendor(self) -> Option<Vendor> {
        Some(match self {
            Section::Root => return None,
            Section::Tim => Vendor::Tim,
            Section::Vivo => Vendor::Vivo,
            Section::Oppo => Vendor::Oppo,
            Section::Xiaomi => Vendor::Xiaomi,
            Section::Meizu => Vendor::Meizu,
            Section::Huawei => Vendor::Huawei,
            Section::Honor => Vendor::Honor,
            Section::Fcm => Vendor::Fcm,
            Section::Apns => Vendor::Apns,
        })
    }

    pub fn of_vendor(vendor: Vendor) -> Section {
        Section::ALL
            .into_iter()
            .find(|s| s.vendor() == Some(vendor))
            .unwrap_or(Section::Root)
    }

    /// The keys the section accepts.
    pub fn keys(self) -> &'static [Key] {
        match self {
            Section::Root => ROOT_KEYS,
            Section::Tim => TIM_KEYS,
            Section::Vivo => VIVO_KEYS,
            Section::Oppo => OPPO_KEYS,
            Section::Xiaomi => XIAOMI_KEYS,
            Section::Meizu => MEIZU_KEYS,
            Section::Huawei => HUAWEI_KEYS,
            Section::Honor => HONOR_KEYS,
            Section::Fcm => FCM_KEYS,
            Section::Apns => APNS_KEYS,
        }
    }

    pub fn key(self, name: &str) -> Option<&'static Key> {
        self.keys().iter().find(|k| k.name == name)
    }

    /// The environment variable that overrides `key` (`PUSHDIAG_VIVO_APP_SECRET`).
    pub fn env_var(self, key: &str) -> String {
        let mut name = String::from("PUSHDIAG_");
        if self != Section::Root {
            name.push_str(&self.name().to_ascii_uppercase());
            name.push('_');
        }
        name.push_str(&key.to_ascii_uppercase().replace('-', "_"));
        name
    }

    /// A section's dotted path in messages (`vivo.app-secret`, or `package` at the root).
    pub fn path(self, key: &str) -> String {
        if self == Section::Root {
            key.to_owned()
        } else {
            format!("{}.{key}", self.name())
        }
    }
}

/// The closest of `candidates` to `name`, for "did you mean" hints.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_var_names_follow_the_contract() {
        assert_eq!(
            Section::Vivo.env_var("app-secret"),
            "PUSHDIAG_VIVO_APP_SECRET"
        );
        assert_eq!(Section::Root.env_var("package"), "PUSHDIAG_PACKAGE");
        assert_eq!(
            Section::Huawei.env_var("auth-endpoint"),
            "PUSHDIAG_HUAWEI_AUTH_ENDPOINT"
        );
    }

    #[test]
    fn every_vendor_section_takes_an_endpoint_and_keys_are_kebab_case() {
        for section in Section::ALL {
            for key in section.keys() {
                assert!(
                    key.name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-'),
                    "{}",
                    key.name
                );
            }
            if section != Section::Root {
                assert!(section.key("endpoint").is_some(), "{section:?}");
            }
        }
        assert_eq!(
            closest("app-secrt", Section::Vivo.keys().iter().map(|k| k.name)),
            Some("app-secret")
        );
    }
}
