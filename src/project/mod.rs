//! Readers for the app's own files and the checks that compare them with `pushdiag.toml`.
//!
//! `check-config` cannot see a push arrive; what it can see is the app that will receive it. Most
//! "configured everything, still no push" reports come down to the app's files: a package name
//! that differs between `build.gradle` and `google-services.json`, `agconnect-services.json` one
//! folder off, vivo keys never filled in, a permission the vendor SDK needs, an iOS target without
//! the push entitlement. This module finds those files under `--project DIR` (uni-app, Flutter,
//! native Android and iOS layouts), reads what each says, and turns disagreements into findings.
//!
//! Findings are data; a file that exists but cannot be read or parsed is a failure (an
//! `anyhow::Error` naming the file, line and column), and one such file never stops the others
//! from being checked.

mod agconnect;
mod android;
mod check;
pub mod code;
mod discover;
mod firebase;
/// Entries for the fuzz targets (`crate::fuzzing`).
pub(crate) mod fuzzing;
mod gradle;
mod ios;
mod layout;
mod source;
mod uniapp;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::findings::{Finding, Located, Location};
use crate::vendor::Vendor;

/// What `pushdiag.toml` says the app should look like. Built by the config layer; every field is
/// optional so a project can be checked with no config at all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectations {
    /// `package`: the Android package; also the iOS bundle id unless `bundle_id` is set.
    pub package: Option<Located<String>>,
    /// `[apns] bundle-id`.
    pub bundle_id: Option<Located<String>>,
    /// The vendors that have a section in the config.
    pub vendors: Vec<Vendor>,
    /// `[vivo] app-id`, compared with the one the app declares.
    pub vivo_app_id: Option<Located<String>>,
    /// `[apns] environment`: `"development"` or `"production"`.
    pub apns_environment: Option<Located<String>>,
    /// Where `pushdiag.toml` is: when the project folder holds several apps, the one whose folder
    /// holds it is the one checked.
    pub config_file: Option<PathBuf>,
    /// The config's business IDs and client keys, which the app's registration must repeat.
    pub registration: Vec<ConfigValue>,
    /// `[oppo] app-secret` and `master-secret`, resolved, for the app's OPPO AppSecret.
    pub oppo_app_secret: Option<crate::secret::Secret>,
    pub oppo_master_secret: Option<crate::secret::Secret>,
}

impl Expectations {
    /// The non-blank config value `key` of `vendor`'s section, for the app's registration.
    pub fn config_value(&self, vendor: Vendor, key: &str) -> Option<&ConfigValue> {
        self.registration
            .iter()
            .find(|c| c.vendor == vendor && c.key == key && !c.value.value.trim().is_empty())
    }
}

/// One value of a vendor section, e.g. `[xiaomi] business-id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigValue {
    pub vendor: Vendor,
    /// The key: `business-id`, `business-id-development`, `app-id`, `app-key`.
    pub key: &'static str,
    pub value: Located<String>,
}

/// The keys of a vendor section that the app's registration repeats.
pub const REGISTRATION_KEYS: &[&str] = &[
    "sdk-app-id",
    "business-id",
    "business-id-development",
    "business-id-production",
    "app-id",
    "app-key",
];

/// A kind of project found under the root. A Flutter app also lists `Android` and `Ios` for its
/// native folders; a uni-app project lists only `UniApp` (HBuilderX generates the native projects
/// at build time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layout {
    UniApp,
    Flutter,
    Android,
    Ios,
}

impl Layout {
    /// The name people use for it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::UniApp => "uni-app",
            Layout::Flutter => "Flutter",
            Layout::Android => "Android",
            Layout::Ios => "iOS",
        }
    }
}

/// What the app's files say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectFacts {
    pub root: PathBuf,
    pub layouts: Vec<Layout>,
    /// Every place that names the package / bundle id, in the order the files were read.
    pub package_claims: Vec<Claim>,
    /// `project_info.project_id` of the first `google-services.json`.
    pub google_services_project_id: Option<Located<String>>,
    /// From `agconnect-services.json`: `client.app_id`, else `app_info.app_id`.
    pub huawei_app_id: Option<Located<String>>,
    /// The vivo AppID / AppKey the app declares (meta-data, manifestPlaceholders or the uni-app
    /// plugin's parameters), placeholders resolved.
    pub vivo_app_id: Option<Located<String>>,
    pub vivo_app_key: Option<Located<String>>,
    /// `aps-environment` from `*.entitlements` files and provisioning profiles.
    pub aps_environments: Vec<Located<String>>,
    /// Every file read, relative to `root`.
    pub files_read: Vec<PathBuf>,
    /// The push SDK the app is built on and what its code registers with it.
    pub app_code: code::AppCode,
}

/// One place that names the app's identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub value: String,
    /// What the place is, e.g. `"applicationId"`; one of the `claim::*` constants.
    pub what: &'static str,
    pub location: Location,
}

/// The `what` of each kind of [`Claim`].
pub mod claim {
    pub const APPLICATION_ID: &str = "applicationId";
    pub const MANIFEST_PACKAGE: &str = "AndroidManifest.xml package";
    pub const GOOGLE_SERVICES: &str = "google-services.json package_name";
    pub const AGCONNECT: &str = "agconnect-services.json package_name";
    pub const UNIAPP_ANDROID: &str = "manifest.json Android package name";
    pub const UNIAPP_IOS: &str = "manifest.json iOS bundle id";
    pub const XCODE_BUNDLE_ID: &str = "PRODUCT_BUNDLE_IDENTIFIER";
    pub const INFO_PLIST: &str = "Info.plist CFBundleIdentifier";
    pub const PROFILE_APP_ID: &str = "provisioning profile application-identifier";
    pub const TIMPUSH_CONFIG: &str = "timpush-configs.json package key";
}

impl Claim {
    /// True for claims about the iOS bundle id rather than the Android package.
    pub fn is_ios(&self) -> bool {
        matches!(
            self.what,
            claim::UNIAPP_IOS | claim::XCODE_BUNDLE_ID | claim::INFO_PLIST | claim::PROFILE_APP_ID
        )
    }
}

/// The outcome of checking one project.
#[derive(Debug)]
pub struct ProjectReport {
    pub facts: ProjectFacts,
    pub findings: Vec<Finding>,
    /// Files that exist but could not be read or parsed, one error each.
    pub failures: Vec<anyhow::Error>,
}

/// Finds the app's files under `root`, reads them, and checks them against `expect`. When `root`
/// holds several apps, only the one `expect.config_file` sits in is read; when nothing says which,
/// none is, and the report's one failure names them.
pub fn check(root: &Path, expect: &Expectations) -> ProjectReport {
    let mut scan = layout::scan(root, expect.config_file.as_deref());
    let findings = check::run(&scan, expect);
    ProjectReport {
        facts: std::mem::take(&mut scan.facts),
        findings,
        failures: scan.failures,
    }
}
