//! Flutter apps: what the app's own Dart code registers with Tencent's push plugins.
//!
//! - The discontinued `tim_ui_kit_push_plugin`: `PushAppInfo(hw_buz_id: …, apple_buz_id: …)`
//!   (Tencent's Flutter guide, "STEP1: 汇总常量类"), every field a certificate ID or client key.
//! - `tencent_cloud_chat_push` (TIMPush): `registerPush(sdkAppId:, appKey:, apnsCertificateID:)`;
//!   its Android `timpush-configs.json` is read with every other one, and its iOS app delegate
//!   with the iOS readers. The Android `Application` it needs is checked in [`application`].
//!
//! Values are followed through the simple constants of the package's `lib/` ([`resolve`]);
//! what cannot be followed is an [`Unfollowed`] saying why.
// Field names and types: ../shared/reference/timpush.md §2.4 (PushAppInfo), §2.2 (registerPush).

mod application;
mod resolve;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use super::super::layout::{join, Scan, Tree};
use super::super::source::Source;
use super::dart::{self, DartFile, Mode};
use super::{Build, Field, Registered, Stack, Unfollowed};
use crate::vendor::Vendor;
use resolve::{Literal, Resolved, Resolver};

pub(in crate::project) use application::{check as check_application, PushApplication};

/// Dart files of one package read at most: a package with more is a monorepo's worth of code.
const MAX_DART_FILES: usize = 2_000;
/// A Dart file larger than this is generated (localizations, protobufs), not push setup.
const MAX_DART_BYTES: usize = 1 << 20;
/// All Dart files of a package together.
const MAX_PACKAGE_BYTES: usize = 32 << 20;

const OLD_PLUGIN: &str = "tim_ui_kit_push_plugin";
const NEW_PLUGIN: &str = "tencent_cloud_chat_push";
pub(super) const PUSH_APP_INFO: &str = "PushAppInfo";
pub(super) const REGISTER_PUSH: &str = "registerPush";

/// `PushAppInfo`'s named arguments and what each is. The `*_buz_id` are certificate IDs (`int?`),
/// the others the vendors' client keys (`String?`).
const PUSH_APP_INFO_FIELDS: &[(&str, Vendor, Field)] = &[
    ("hw_buz_id", Vendor::Huawei, Field::BusinessId),
    ("mi_app_id", Vendor::Xiaomi, Field::AppId),
    ("mi_app_key", Vendor::Xiaomi, Field::AppKey),
    ("mi_buz_id", Vendor::Xiaomi, Field::BusinessId),
    ("mz_app_id", Vendor::Meizu, Field::AppId),
    ("mz_app_key", Vendor::Meizu, Field::AppKey),
    ("mz_buz_id", Vendor::Meizu, Field::BusinessId),
    ("vivo_buz_id", Vendor::Vivo, Field::BusinessId),
    ("oppo_app_key", Vendor::Oppo, Field::AppKey),
    ("oppo_app_secret", Vendor::Oppo, Field::AppSecret),
    ("oppo_buz_id", Vendor::Oppo, Field::BusinessId),
    ("oppo_app_id", Vendor::Oppo, Field::AppId),
    ("google_buz_id", Vendor::Fcm, Field::BusinessId),
    ("honor_buz_id", Vendor::Honor, Field::BusinessId),
    ("apple_buz_id", Vendor::Apns, Field::BusinessId),
];

/// `registerPush`'s named arguments that name a console value. `appKey` (TIMPush's client key)
/// has no counterpart in `pushdiag.toml` and is a credential: it is not copied anywhere.
const REGISTER_PUSH_FIELDS: &[(&str, Vendor, Field)] = &[
    ("apnsCertificateID", Vendor::Apns, Field::BusinessId),
    // The IM app's SDKAppID, for the check against `[tim] sdk-app-id`.
    ("sdkAppId", Vendor::Tim, Field::AppId),
];

/// One Dart file of the package, scanned.
pub(super) struct DartSource {
    source: Source,
    dart: DartFile,
}

/// Reads the push registration of every Flutter app found.
pub(super) fn read(root: &Path, tree: &Tree, scan: &mut Scan) {
    for app in scan.flutter_roots.clone() {
        let pubspec = dependencies(root, &app);
        let files = dart_files(root, tree, &app, scan);
        let imports = |plugin: &str| {
            let prefix = format!("package:{plugin}/");
            files
                .iter()
                .any(|f| f.dart.imports.iter().any(|i| i.starts_with(&prefix)))
        };
        let calls = |name: &str| {
            files
                .iter()
                .any(|f| f.dart.calls.iter().any(|c| c.name == name))
        };
        let old = pubspec.contains(&OLD_PLUGIN) || imports(OLD_PLUGIN) || calls(PUSH_APP_INFO);
        let new = pubspec.contains(&NEW_PLUGIN) || imports(NEW_PLUGIN);
        let resolver = Resolver::new(&files);
        let mut used = Vec::new();
        if old {
            scan.facts
                .app_code
                .add_stack(Stack::FlutterTimUiKitPushPlugin);
            read_calls(
                &files,
                &resolver,
                PUSH_APP_INFO,
                PUSH_APP_INFO_FIELDS,
                scan,
                &mut used,
            );
        }
        if new {
            scan.facts
                .app_code
                .add_stack(Stack::FlutterTencentCloudChatPush);
            read_calls(
                &files,
                &resolver,
                REGISTER_PUSH,
                REGISTER_PUSH_FIELDS,
                scan,
                &mut used,
            );
            let check = application::read(root, tree, &app, scan);
            scan.push_applications.extend(check);
        }
        if old || new {
            let mut read: Vec<PathBuf> = vec![PathBuf::from(join(&app, "pubspec.yaml"))];
            used.sort_unstable();
            used.dedup();
            read.extend(used.iter().map(|&i| PathBuf::from(&files[i].source.rel)));
            for path in read {
                if !scan.facts.files_read.contains(&path) {
                    scan.facts.files_read.push(path);
                }
            }
        }
    }
}

/// Which of the two plugins `pubspec.yaml` depends on. A plain line scan: a key named after the
/// plugin, indented (under `dependencies:` or `dev_dependencies:`), comments ignored.
fn dependencies(root: &Path, app: &str) -> Vec<&'static str> {
    let Ok(source) = Source::load(root, &join(app, "pubspec.yaml")) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&source.bytes);
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default();
        if !line.starts_with([' ', '\t']) {
            continue;
        }
        for plugin in [OLD_PLUGIN, NEW_PLUGIN] {
            let key = line.trim_start().strip_prefix(plugin);
            if key.is_some_and(|rest| rest.trim_start().starts_with(':'))
                && !found.contains(&plugin)
            {
                found.push(plugin);
            }
        }
    }
    found
}

/// The package's own Dart files (`lib/`; the walk already left out `build/` and `.dart_tool/`),
/// scanned, within the caps. A file that cannot be read as Dart (not UTF-8, too large, nested
/// beyond reason) is skipped, with a note when it mentions a push registration.
fn dart_files(root: &Path, tree: &Tree, app: &str, scan: &mut Scan) -> Vec<DartSource> {
    let lib = format!("{}/", join(app, "lib"));
    let mut files = Vec::new();
    let mut total = 0usize;
    let names = [PUSH_APP_INFO, REGISTER_PUSH];
    let candidates = tree
        .files
        .iter()
        .filter(|rel| rel.starts_with(&lib) && rel.ends_with(".dart"));
    for (count, rel) in candidates.enumerate() {
        let Ok(source) = Source::load(root, rel) else {
            continue;
        };
        let mentions = names
            .iter()
            .find(|name| memchr::memmem::find(&source.bytes, name.as_bytes()).is_some());
        let skipped = |why: String| Unfollowed {
            vendor: None,
            what: format!(
                "`{}`, which mentions `{}`,",
                source.display,
                mentions.unwrap_or(&"")
            ),
            why: format!("not read: {why}"),
            location: source.top(),
        };
        let size = source.bytes.len();
        let why = if count >= MAX_DART_FILES {
            Some(format!(
                "pushdiag reads at most {MAX_DART_FILES} Dart files of a package"
            ))
        } else if size > MAX_DART_BYTES || total + size > MAX_PACKAGE_BYTES {
            Some(format!(
                "{size} bytes, beyond what pushdiag reads of Dart code ({MAX_DART_BYTES} bytes a file, {MAX_PACKAGE_BYTES} a package)"
            ))
        } else {
            None
        };
        if let Some(why) = why {
            if mentions.is_some() {
                scan.facts.app_code.unfollowed.push(skipped(why));
            }
            continue;
        }
        total += size;
        let scanned = match source.text() {
            Ok(text) => dart::scan(text, &names).map_err(|at| {
                let at = source.locate(at, "");
                format!(
                    "its string interpolations nest too deeply (line {})",
                    at.line
                )
            }),
            Err(_) => Err("it is not UTF-8 text".to_owned()),
        };
        match scanned {
            Ok(dart) => files.push(DartSource { source, dart }),
            Err(why) if mentions.is_some() => scan.facts.app_code.unfollowed.push(skipped(why)),
            Err(_) => {}
        }
    }
    files
}

/// Every call to `name` in the package: its named arguments in `fields`, followed.
fn read_calls(
    files: &[DartSource],
    resolver: &Resolver<'_>,
    name: &str,
    fields: &[(&str, Vendor, Field)],
    scan: &mut Scan,
    used: &mut Vec<usize>,
) {
    let (mut registered, mut skipped) = (Vec::new(), Vec::new());
    for (index, file) in files.iter().enumerate() {
        for call in file.dart.calls.iter().filter(|c| c.name == name) {
            let relevant = call
                .args
                .iter()
                .any(|(arg, _)| fields.iter().any(|(f, _, _)| f == arg));
            if !relevant {
                continue;
            }
            used.push(index);
            for (arg, value) in &call.args {
                let Some(&(_, vendor, field)) = fields.iter().find(|(f, _, _)| f == arg) else {
                    continue;
                };
                let what = format!("`{arg}` of `{name}`");
                let origin = format!(
                    "{what} in {}",
                    super::super::layout::file_name(&file.source.rel)
                );
                let resolved = resolver.resolve(value, index, call.class.as_deref());
                let mut register = |literal: &Literal, build: Build, branch: &str| {
                    used.push(literal.file);
                    let via = match literal.via.as_slice() {
                        [] => String::new(),
                        via => format!(", through `{}`", via.join("` → `")),
                    };
                    registered.push(Registered {
                        vendor,
                        field,
                        value: literal.value.clone(),
                        location: files[literal.file].source.locate(literal.at, ""),
                        origin: format!("{origin}{via}{branch}"),
                        build,
                    });
                };
                let unfollowed = |why: String, file: usize, at: usize| Unfollowed {
                    vendor: Some(vendor),
                    what: what.clone(),
                    why,
                    location: files[file].source.locate(at, ""),
                };
                match resolved {
                    Resolved::Absent => {}
                    Resolved::Value(literal) => register(&literal, Build::Any, ""),
                    Resolved::ByMode {
                        mode,
                        when_true,
                        when_false,
                    } if vendor == Vendor::Apns => {
                        let flag = resolve::mode_name(mode);
                        let (debug, release) = match mode {
                            Mode::Debug => (&when_true, &when_false),
                            Mode::Release => (&when_false, &when_true),
                        };
                        // Flutter's profile builds have kDebugMode and kReleaseMode both false:
                        // with kDebugMode they take the release value, with kReleaseMode the
                        // debug one. Build::Release stands for the release builds.
                        register(debug, Build::Debug, &format!(" (`{flag}`: debug builds)"));
                        register(release, Build::Release, &format!(" (`{flag}`: release builds)"));
                    }
                    Resolved::ByMode { mode, .. } => skipped.push(unfollowed(
                        format!(
                            "chosen by `{}`; pushdiag compares one value per build only for the APNs certificate ID",
                            resolve::mode_name(mode)
                        ),
                        index,
                        value.at,
                    )),
                    Resolved::Unfollowed { why, file, at } => skipped.push(unfollowed(why, file, at)),
                }
            }
        }
    }
    scan.facts.app_code.registered.extend(registered);
    scan.facts.app_code.unfollowed.extend(skipped);
}
