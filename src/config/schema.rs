//! Every section and key `pushdiag.toml` accepts (`cli-contract.md`, Configuration), with its
//! type. One table serves parsing, unknown-key suggestions, environment overrides,
//! `--print-config` and `docs/config.md`: the root keys are here, a vendor section's keys are
//! its vendor's declarative spec (`vendors/<vendor>/spec.rs`).

use crate::vendor::Vendor;
pub use crate::vendors::spec::Key;

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

const ROOT_KEYS: &[Key] = &[Key::new(
    "package",
    Kind::Text,
    "the Android package name; also the iOS bundle id unless [apns] bundle-id says otherwise",
)];

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
        match self.vendor() {
            None => ROOT_KEYS,
            Some(vendor) => crate::vendors::spec(vendor).keys,
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
