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
use super::{Build, Field, Registered, Stack, Unfollowed};
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
    /// Values filled in at build time (`${XIAOMI_APP_KEY}`): not checked, said as notes.
    pub unfollowed: Vec<Unfollowed>,
    /// The file's start.
    pub top: Location,
}

/// True for a file TIMPush reads as its config: the standard name, or a custom one (TIMPush ≥
/// 7.7.5283 reads any file named through `setPushConfig`'s `customConfigFile`; people name such
/// files `debug-timpush-configs.json` and the like).
fn is_config_name(name: &str) -> bool {
    name.ends_with(".json") && name.contains("timpush-configs")
}

/// A value a build step fills in: `${NAME}`, `$NAME`, `{{name}}`.
fn is_template(value: &str) -> bool {
    let value = value.trim();
    value.starts_with('$') || value.contains("${") || value.contains("{{")
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
        let Some(config) = scan.read(root, &rel, parse) else {
            continue;
        };
        let (config, registered) = config;
        let stack = stack_of(scan, &config);
        record(scan, config, registered, stack);
    }
}

/// The stack a file's place says put it there.
pub(super) fn stack_of(scan: &Scan, config: &TimPushConfig) -> Stack {
    let rel = &config.rel;
    let in_flutter = scan
        .flutter_android
        .iter()
        .any(|app| rel.starts_with(&format!("{app}/")));
    if config.ios || rel.contains("nativeResources/") {
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
    }
}

/// Adds one file as read (by this reader, or the uni-app reader for a JSON file its code imports
/// under another name): its package claims, values, notes and stack.
pub(super) fn record(
    scan: &mut Scan,
    mut config: TimPushConfig,
    registered: Vec<Registered>,
    stack: Stack,
) {
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
    let unfollowed = std::mem::take(&mut config.unfollowed);
    scan.facts.app_code.unfollowed.extend(unfollowed);
    scan.facts.app_code.add_stack(stack);
    scan.timpush_configs.push(config);
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
        unfollowed: Vec::new(),
        top: source.top(),
    };
    let mut registered = Vec::new();
    if !matches!(root.value, JValue::Object(_)) {
        config
            .problems
            .push(("is not a JSON object".to_owned(), source.top()));
        return Ok((config, registered));
    }
    let origin = |key: &str| format!("`{key}` in {}", file_name(&source.rel));
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
    let origin = |key: &str| format!("`{key}` in {}", file_name(&source.rel));
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
            if is_template(&value) {
                // Some teams commit the file as a template and fill it in CI (envsubst, a
                // Gradle task): the value the build uses is not in the repository.
                config.unfollowed.push(Unfollowed {
                    vendor: Some(vendor),
                    what: origin(key),
                    why: format!("\"{value}\", filled in at build time"),
                    location: at(node),
                });
                continue;
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (TimPushConfig, Vec<Registered>) {
        let source = Source::new(
            "app/src/main/assets/timpush-configs.json".into(),
            "app/src/main/assets/timpush-configs.json".into(),
            text.as_bytes().to_vec(),
        );
        parse(&source).expect("parses")
    }

    fn problems(config: &TimPushConfig) -> Vec<&str> {
        config.problems.iter().map(|(p, _)| p.as_str()).collect()
    }

    #[test]
    fn every_vendor_key_and_placeholder_becomes_a_registered_value() {
        let (config, registered) = parsed(
            r#"{"version":"1.0.1","com.a":{"manifestPlaceholders":{"VIVO_APPID":"1","VIVO_APPKEY":"k","HONOR_APPID":"h"},
            "huaweiPushBussinessId":"3","oppoPushAppKey":"ok","oppoPushAppSecret":"os","huaweiBadgeClassName":""}}"#,
        );
        let got: Vec<(Vendor, Field, &str)> = registered
            .iter()
            .map(|r| (r.vendor, r.field, r.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Vendor::Vivo, Field::AppId, "1"),
                (Vendor::Vivo, Field::AppKey, "k"),
                (Vendor::Honor, Field::AppId, "h"),
                (Vendor::Huawei, Field::BusinessId, "3"),
                (Vendor::Oppo, Field::AppKey, "ok"),
                (Vendor::Oppo, Field::AppSecret, "os"),
            ]
        );
        assert_eq!(config.packages[0].value, "com.a");
        assert!(config.oppo_secret.is_some() && config.problems.is_empty());
        assert_eq!(
            registered[3].origin,
            "`huaweiPushBussinessId` in timpush-configs.json"
        );
        assert_eq!(registered[3].location.line, 2);
    }

    #[test]
    fn shape_problems_are_named() {
        let (config, _) = parsed(
            r#"{"com.a":{"vivoPushBusinessId":"4","xiaomiPushBussinessId":"1x","meizuPushAppId":"m"}}"#,
        );
        assert_eq!(
            problems(&config),
            [
                "`vivoPushBusinessId` is not a key TIMPush reads; TIMPush reads `vivoPushBussinessId`",
                "`xiaomiPushBussinessId` is \"1x\", not a certificate ID (digits)",
                "`meizuPushAppId` is set but `meizuPushAppKey` is not: the vendor's SDK needs both",
            ]
        );
        let (config, _) = parsed("[1]");
        assert_eq!(problems(&config), ["is not a JSON object"]);
    }

    #[test]
    fn the_ios_copy_holds_only_the_apns_business_id() {
        let (config, registered) = parsed(r#"{"businessID":"20006"}"#);
        assert!(config.ios && config.packages.is_empty());
        assert_eq!(
            (registered[0].vendor, registered[0].value.as_str()),
            (Vendor::Apns, "20006")
        );
    }

    #[test]
    fn template_values_are_not_followed() {
        let (config, registered) = parsed(r#"{"com.a":{"xiaomiPushAppKey":"${MI_KEY}"}}"#);
        assert!(registered.is_empty());
        assert_eq!(config.unfollowed[0].vendor, Some(Vendor::Xiaomi));
    }

    #[test]
    fn placeholders_count_as_missing() {
        for value in [
            "",
            " 0 ",
            "xxx",
            "XXXX",
            "<your id>",
            "your_business_id",
            "TODO",
        ] {
            assert!(super::super::is_placeholder(value), "{value:?}");
        }
        for value in ["10001", "20006", "x1"] {
            assert!(!super::super::is_placeholder(value), "{value:?}");
        }
    }
}
