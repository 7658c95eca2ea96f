//! The app's own push registration: which push SDK it is built on (the stack and the plugin
//! generation) and the certificate IDs and client keys its code hands that SDK.
//!
//! The certificate ID (Tencent calls it business ID) the app passes at registration decides
//! which console certificate a device's token is bound to; a wrong one gives the classic
//! "registered, logged in, never pushed". These readers are static: they read source and config
//! files as text (no Gradle, Xcode, Flutter or Node), follow only what can be followed without
//! running anything (literals, simple constants), and record what they could not follow as
//! [`Unfollowed`], so a value is never guessed. The checks comparing all of it with
//! `pushdiag.toml` are in `check`.
//!
//! One reader per stack family; each adds what it found to [`AppCode`]:
// Readers, one per stack family (each owns its files).
mod android;
mod dart;
mod flutter;
mod ios;
mod js;
mod timpush_config;
mod uniapp;

pub(super) mod check;
/// Entries for the fuzz targets (`crate::fuzzing`).
pub(crate) mod fuzzing;

use std::path::Path;

use super::layout::{Scan, Tree};
use crate::findings::Location;
use crate::vendor::Vendor;

pub(super) use android::{check as check_android, AndroidPush};
pub(super) use flutter::{check_application, PushApplication};
pub(super) use ios::{check as check_ios, IosCode};
pub(super) use timpush_config::TimPushConfig;

/// The push SDK and its host: what the app is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stack {
    /// uni-app with the legacy `TencentCloud-TUIOfflinePush` native plugin.
    UniAppTuiOfflinePush,
    /// uni-app with the `TencentCloud-TIMPush` native plugin (TIMPush, older packaging).
    UniAppTimPushPlugin,
    /// uni-app with the `TencentCloud-Push` uts plugin (TIMPush, current).
    UniAppTencentCloudPush,
    /// Flutter with the discontinued `tim_ui_kit_push_plugin` (`PushAppInfo`).
    FlutterTimUiKitPushPlugin,
    /// Flutter with `tencent_cloud_chat_push` (TIMPush).
    FlutterTencentCloudChatPush,
    /// A native Android app on TIMPush (`com.tencent.timpush:*`).
    AndroidTimPush,
    /// A native Android app on the legacy TUIOfflinePush.
    AndroidTuiOfflinePush,
    /// A native iOS app on TIMPush (`TIMPushDelegate`).
    IosTimPush,
    /// A native iOS app on the legacy TUIOfflinePush (`TUIOfflinePushCertificateIDForAPNS`).
    IosTuiOfflinePush,
}

/// Which generation of Tencent's push SDK a stack uses: their setup steps differ (files, folders,
/// keys), so advice for one is wrong for the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Generation {
    /// TUIOfflinePush and the Flutter `tim_ui_kit_push_plugin`.
    Legacy,
    /// TIMPush: `timpush-configs.json`, `TIMPushDelegate`, `tencent_cloud_chat_push`.
    TimPush,
}

impl Stack {
    /// How people name it: the host and the plugin.
    pub fn name(self) -> &'static str {
        match self {
            Stack::UniAppTuiOfflinePush => "uni-app with the TencentCloud-TUIOfflinePush plugin",
            Stack::UniAppTimPushPlugin => "uni-app with the TencentCloud-TIMPush plugin",
            Stack::UniAppTencentCloudPush => "uni-app with the TencentCloud-Push plugin",
            Stack::FlutterTimUiKitPushPlugin => "Flutter with tim_ui_kit_push_plugin",
            Stack::FlutterTencentCloudChatPush => "Flutter with tencent_cloud_chat_push",
            Stack::AndroidTimPush => "Android with TIMPush",
            Stack::AndroidTuiOfflinePush => "Android with TUIOfflinePush",
            Stack::IosTimPush => "iOS with TIMPush",
            Stack::IosTuiOfflinePush => "iOS with TUIOfflinePush",
        }
    }

    pub fn generation(self) -> Generation {
        match self {
            Stack::UniAppTuiOfflinePush
            | Stack::FlutterTimUiKitPushPlugin
            | Stack::AndroidTuiOfflinePush
            | Stack::IosTuiOfflinePush => Generation::Legacy,
            Stack::UniAppTimPushPlugin
            | Stack::UniAppTencentCloudPush
            | Stack::FlutterTencentCloudChatPush
            | Stack::AndroidTimPush
            | Stack::IosTimPush => Generation::TimPush,
        }
    }
}

impl Generation {
    pub fn name(self) -> &'static str {
        match self {
            Generation::Legacy => "legacy push SDK generation",
            Generation::TimPush => "current push SDK generation",
        }
    }
}

/// What a registered value is, named as `pushdiag.toml` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The IM console's certificate ID for the vendor (`business-id`; for APNs the one of the
    /// build's environment).
    BusinessId,
    AppId,
    AppKey,
    /// A client-side secret the app carries (OPPO's AppSecret). Never shown in messages.
    AppSecret,
}

impl Field {
    /// The key in the vendor's `pushdiag.toml` section (APNs's business IDs are per environment:
    /// see [`Build`]).
    pub fn config_key(self) -> &'static str {
        match self {
            Field::BusinessId => "business-id",
            Field::AppId => "app-id",
            Field::AppKey => "app-key",
            Field::AppSecret => "app-secret",
        }
    }
}

/// Which builds a value applies to: most apps hand one value to every build; iOS apps often
/// choose the APNs certificate ID with `#if DEBUG`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Build {
    Any,
    /// Debug builds only (`#if DEBUG`, `kDebugMode`, a dev constant).
    Debug,
    /// Every other build (the `#else` branch): Release, Profile, Ad Hoc.
    Release,
}

/// One value the app's code or files hand the push SDK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registered {
    pub vendor: Vendor,
    pub field: Field,
    /// As written, resolved through constants where the reader could; may be a placeholder
    /// (`''`, `0`, `xxx`), which the checks treat as missing.
    pub value: String,
    /// Where the value itself is written (a constant's definition when it was resolved).
    pub location: Location,
    /// The name the SDK knows it by and the file, in words: "`offlinePushConfig.huaweiBusinessID` in
    /// App.vue" (the file name only: the finding's location shows the path).
    pub origin: String,
    pub build: Build,
}

/// A value the reader saw handed to the SDK but could not follow (computed at run time, from
/// `--dart-define`, an env file, another package): said as a note, never guessed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unfollowed {
    pub vendor: Option<Vendor>,
    /// What it is: "`apnsCertificateID`".
    pub what: String,
    /// Why it was not followed: "it is read from --dart-define at build time".
    pub why: String,
    pub location: Location,
}

/// Everything the readers found in the app's code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppCode {
    /// The stacks detected, each once, in the order of [`Stack`].
    pub stacks: Vec<Stack>,
    pub registered: Vec<Registered>,
    pub unfollowed: Vec<Unfollowed>,
}

impl AppCode {
    pub fn add_stack(&mut self, stack: Stack) {
        if let Err(at) = self.stacks.binary_search(&stack) {
            self.stacks.insert(at, stack);
        }
    }

    /// The generations of the stacks found, each once.
    pub fn generations(&self) -> Vec<Generation> {
        let mut generations: Vec<Generation> = self.stacks.iter().map(|s| s.generation()).collect();
        generations.sort();
        generations.dedup();
        generations
    }

    /// True when the app is on TIMPush and not (also) on a legacy plugin: legacy advice would
    /// send its files to the wrong place.
    pub fn only_timpush(&self) -> bool {
        self.generations() == [Generation::TimPush]
    }

    /// True when the app uses only legacy plugins.
    pub fn only_legacy(&self) -> bool {
        self.generations() == [Generation::Legacy]
    }
}

/// True for what people leave where a real value goes: empty, `0`, `xxx`, `<...>`, "your ...".
/// Such a value is as good as none (the SDK registers without a certificate ID).
pub fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    value.is_empty()
        || value.chars().all(|c| c == '0')
        || lower.chars().all(|c| c == 'x')
        || (value.starts_with('<') && value.ends_with('>'))
        || lower.starts_with("your")
        || lower.contains("todo")
}

/// Runs every reader over the walked tree.
pub(super) fn read(root: &Path, tree: &Tree, scan: &mut Scan) {
    timpush_config::read(root, tree, scan);
    flutter::read(root, tree, scan);
    android::read(root, tree, scan);
    ios::read(root, tree, scan);
    // Readers of the app's code, one line each.
    uniapp::read(root, tree, scan);
}
