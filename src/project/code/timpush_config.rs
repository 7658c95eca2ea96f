//! `timpush-configs.json`, TIMPush's file of certificate IDs and vendor client keys.
//!
//! The Android file (every stack on TIMPush: native, Flutter `tencent_cloud_chat_push`, uni-app
//! `TencentCloud-Push` and `TencentCloud-TIMPush`) holds `version` and one member named after the
//! applicationId; uni-app's iOS copy (`nativeResources/ios/Resources/`) holds only
//! `{"businessID": …}`. Key spellings are Tencent's, `Bussiness` included.
// Schema and locations: ../shared/reference/timpush.md §1.1, §1.2, §2.3.

use std::path::Path;
use std::sync::Arc;

use super::super::gradle::Placeholder;
use super::super::layout::{file_name, under, Scan, Tree};
use super::super::source::{parse_json, JNode, JValue, Source};
use super::super::{claim, Claim};
use super::{Build, Field, Registered, Stack};
use crate::findings::{Located, Location};
use crate::vendor::Vendor;

/// The per-vendor keys of the Android file and what each is.
pub(in crate::project) const KEYS: &[(&str, Vendor, Field)] = &[
    ("xiaomiPushBussinessId", Vendor::Xiaomi, Field::BusinessId),
    ("xiaomiPushAppId", Vendor::Xiaomi, Field::AppId),
    ("xiaomiPushAppKey", Vendor::Xiaomi, Field::AppKey),
    ("huaweiPushBussinessId", Vendor::Huawei, Field::BusinessId),
    ("honorPushBussinessId", Vendor::Honor, Field::BusinessId),
    ("vivoPushBussinessId", Vendor::Vivo, Field::BusinessId),
    ("oppoPushBussinessId", Vendor::Oppo, Field::BusinessId),
    ("oppoPushAppKey", Vendor::Oppo, Field::AppKey),
    ("oppoPushAppSecret", Vendor::Oppo, Field::AppSecret),
    ("meizuPushBussinessId", Vendor::Meizu, Field::BusinessId),
    ("meizuPushAppId", Vendor::Meizu, Field::AppId),
    ("meizuPushAppKey", Vendor::Meizu, Field::AppKey),
    ("fcmPushBussinessId", Vendor::Fcm, Field::BusinessId),
];

/// Keys the file may hold that name no vendor value.
const OTHER_KEYS: &[&str] = &["manifestPlaceholders", "huaweiBadgeClassName"];

/// The `manifestPlaceholders` keys and the vendor value each carries.
pub(in crate::project) const PLACEHOLDERS: &[(&str, Vendor, Field)] = &[
    ("VIVO_APPID", Vendor::Vivo, Field::AppId),
    ("VIVO_APPKEY", Vendor::Vivo, Field::AppKey),
    ("HONOR_APPID", Vendor::Honor, Field::AppId),
];

/// One `timpush-configs.json` as read.
#[derive(Clone, Debug)]
pub(in crate::project) struct TimPushConfig {
    /// Relative to the project root.
    pub rel: String,
    pub display: Arc<str>,
    /// uni-app's iOS copy (`{"businessID": …}`).
    pub ios: bool,
    /// The members that are not `version`: each should be the applicationId, and there should
    /// be exactly one.
    pub packages: Vec<Located<String>>,
    /// `manifestPlaceholders` of the package member.
    pub placeholders: Vec<Placeholder>,
    /// Where the file holds a non-empty `oppoPushAppSecret`, a secret a repository should not
    /// hold.
    pub oppo_secret: Option<Location>,
    /// What is wrong with the file's shape, each with where: a misspelled key, an ID that is
    /// not digits, half of a pair.
    pub problems: Vec<(String, Location)>,
    /// The file's start.
    pub top: Location,
}

/// True for a file TIMPush reads as its config: the standard name, or a custom one (TIMPush ≥
/// 7.7.5283 reads any file named through `setPushConfig`'s `customConfigFile`; people name such
/// files `debug-timpush-configs.json` and the like).
fn is_config_name(name: &str) -> bool {
    name.ends_with(".json") && name.contains("timpush-configs")
}

/// Reads every `timpush-configs.json` of the app. Files inside plugin folders (`uni_modules`,
/// `nativeplugins`) are the plugin's samples, not the app's.
pub(super) fn read(root: &Path, tree: &Tree, scan: &mut Scan) {
    let files: Vec<String> = tree
        .files
        .iter()
        .filter(|rel| is_config_name(file_name(rel)))
        .filter(|rel| !under(rel, "uni_modules") && !under(rel, "nativeplugins"))
        .cloned()
        .collect();
    for rel in files {
        let Some(config) = scan.read(root, &rel, |source| parse(source)) else {
            continue;
        };
        let (config, registered) = config;
        for package in &config.packages {
            scan.facts.package_claims.push(Claim {
                value: package.value.clone(),
                what: claim::TIMPUSH_CONFIG,
                location: package
                    .location
                    .clone()
                    .unwrap_or_else(|| config.top.clone()),
            });
        }
        scan.facts.app_code.registered.extend(registered);
        // Where the file sits says which stack put it there.
        let in_flutter = scan
            .flutter_android
            .iter()
            .any(|app| rel.starts_with(&format!("{app}/")));
        let stack = if config.ios || rel.contains("nativeResources/") {
            Stack::UniAppTencentCloudPush
        } else if in_flutter {
            Stack::FlutterTencentCloudChatPush
        } else if rel.contains("src/main/assets/") {
            Stack::AndroidTimPush
        } else if !scan.uniapps.is_empty() {
            // Imported into JavaScript: `pushConfig.androidConfig` of TencentCloud-TIMPush.
            Stack::UniAppTimPushPlugin
        } else {
            Stack::AndroidTimPush
        };
        scan.facts.app_code.add_stack(stack);
        scan.timpush_configs.push(config);
    }
}

/// Parses one file into its shape and the values it registers.
pub(in crate::project) fn parse(
    source: &Source,
) -> anyhow::Result<(TimPushConfig, Vec<Registered>)> {
    let root = parse_json(source, false)?;
    let at = |node: &JNode| source.locate(node.start, node.pointer.clone());
    let mut config = TimPushConfig {
        rel: source.rel.clone(),
        display: source.display.clone(),
        ios: false,
        packages: Vec::new(),
        placeholders: Vec::new(),
        oppo_secret: None,
        problems: Vec::new(),
        top: source.top(),
    };
    let mut registered = Vec::new();
    if !matches!(root.value, JValue::Object(_)) {
        config
            .problems
            .push(("is not a JSON object".to_owned(), source.top()));
        return Ok((config, registered));
    }
    let origin = |key: &str| format!("`{key}` of `{}`", source.display);
    if let Some(id) = root.get("businessID") {
        // uni-app's iOS file: "只写 businessID" (only the business ID).
        config.ios = true;
        match id.scalar() {
            Some(value) => registered.push(Registered {
                vendor: Vendor::Apns,
                field: Field::BusinessId,
                value,
                location: at(id),
                origin: origin("businessID"),
                build: Build::Any,
            }),
            None => config
                .problems
                .push(("`businessID` is not a string".to_owned(), at(id))),
        }
        return Ok((config, registered));
    }
    for (key, node) in root.members() {
        if key == "version" {
            continue;
        }
        config.packages.push(Located::new(
            key.clone(),
            Some(source.locate(node.start, node.pointer.clone())),
        ));
        read_package(source, node, &mut config, &mut registered);
    }
    Ok((config, registered))
}

/// The members of the package object.
fn read_package(
    source: &Source,
    package: &JNode,
    config: &mut TimPushConfig,
    registered: &mut Vec<Registered>,
) {
    let at = |node: &JNode| source.locate(node.start, node.pointer.clone());
    let origin = |key: &str| format!("`{key}` of `{}`", source.display);
    if !matches!(package.value, JValue::Object(_)) {
        config.problems.push((
            "the package's value is not a JSON object".to_owned(),
            at(package),
        ));
        return;
    }
    for (key, node) in package.members() {
        if let Some(&(_, vendor, field)) = KEYS.iter().find(|(k, _, _)| k == key) {
            let Some(value) = node.scalar() else {
                config
                    .problems
                    .push((format!("`{key}` is not a string"), at(node)));
                continue;
            };
            if field == Field::BusinessId
                && !value.is_empty()
                && !value.bytes().all(|b| b.is_ascii_digit())
            {
                config.problems.push((
                    format!("`{key}` is \"{value}\", not a certificate ID (digits)"),
                    at(node),
                ));
            }
            if field == Field::AppSecret && !value.trim().is_empty() {
                config.oppo_secret = Some(at(node));
            }
            registered.push(Registered {
                vendor,
                field,
                value,
                location: at(node),
                origin: origin(key),
                build: Build::Any,
            });
        } else if key == "manifestPlaceholders" {
            for (name, value) in node.members() {
                let Some(text) = value.scalar() else { continue };
                config.placeholders.push(Placeholder {
                    key: name.clone(),
                    value: Located::new(text.clone(), Some(at(value))),
                    origin: format!("the manifestPlaceholders of `{}`", source.display),
                });
                if let Some(&(_, vendor, field)) = PLACEHOLDERS.iter().find(|(k, _, _)| k == name) {
                    registered.push(Registered {
                        vendor,
                        field,
                        value: text,
                        location: at(value),
                        origin: origin(&format!("manifestPlaceholders.{name}")),
                        build: Build::Any,
                    });
                }
            }
        } else if !OTHER_KEYS.contains(&key.as_str()) {
            // The SDK reads Tencent's spelling only; the English one is silently ignored.
            let hint = KEYS
                .iter()
                .find(|(k, _, _)| k.eq_ignore_ascii_case(&key.replace("Business", "Bussiness")))
                .map(|(k, _, _)| format!("; TIMPush reads `{k}`"))
                .unwrap_or_default();
            config.problems.push((
                format!("`{key}` is not a key TIMPush reads{hint}"),
                at(node),
            ));
        }
    }
    for (a, b) in [
        ("xiaomiPushAppId", "xiaomiPushAppKey"),
        ("oppoPushAppKey", "oppoPushAppSecret"),
        ("meizuPushAppId", "meizuPushAppKey"),
    ] {
        let has = |key: &str| {
            package
                .get(key)
                .and_then(JNode::scalar)
                .is_some_and(|v| !v.trim().is_empty())
        };
        for (present, absent) in [(a, b), (b, a)] {
            if has(present) && !has(absent) {
                config.problems.push((
                    format!(
                        "`{present}` is set but `{absent}` is not: the vendor's SDK needs both"
                    ),
                    at(package),
                ));
            }
        }
    }
}
