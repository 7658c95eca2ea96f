//! A uni-app's `manifest.json`, as HBuilderX writes it (with `//` and `/* */` comments).
//!
//! What matters for push: the Android package name and iOS bundle id under
//! `app-plus.distribute`, and the TUIOfflinePush native plugin under `app-plus.nativePlugins`,
//! whose parameters carry vivo's AppID and AppKey (seed 000: "vivo 推送需要在项目 manifest.json
//! 本地插件处配置 vivo AppID、AppKey"). HBuilderX stores a plugin's parameter values as members of
//! the plugin's object and describes them again under `__plugin_info__.parameters`; key names
//! vary between plugin versions, so the vivo keys are found by shape, not by one exact name.

use super::claim;
use super::layout::UNIAPP_PLUGIN;
use super::source::{parse_json, JNode, JValue, Source};
use super::Claim;
use crate::findings::{Located, Location};

/// A uni-app project: its folder and, when it has one that parses, its manifest.
pub(super) struct UniApp {
    /// Relative to the project root (`""` for the root itself).
    pub dir: String,
    pub manifest: Option<UniManifest>,
}

pub(super) struct UniManifest {
    pub display: String,
    pub top: Location,
    pub claims: Vec<Claim>,
    /// The `app-plus` section, where native settings go.
    pub app_plus: Option<Location>,
    /// The TUIOfflinePush entry under `app-plus.nativePlugins`.
    pub plugin: Option<Location>,
    pub vivo_app_id: Option<Located<String>>,
    pub vivo_app_key: Option<Located<String>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VivoKey {
    AppId,
    AppKey,
}

/// `VIVO_APPID`, `vivoAppId`, `com.vivo.push.app_id` → AppId; `VIVO_APPKEY`, `vivo_app_key`,
/// `com.vivo.push.api_key` → AppKey. Anything without "vivo" before it is not vivo's.
fn classify(name: &str) -> Option<VivoKey> {
    let flat: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let after = &flat[flat.find("vivo")? + 4..];
    if after.contains("appid") {
        Some(VivoKey::AppId)
    } else if after.contains("appkey") || after.contains("apikey") {
        Some(VivoKey::AppKey)
    } else {
        None
    }
}

/// Every vivo value inside the plugin's object, with its depth (1 = a direct member).
fn vivo_values<'a>(node: &'a JNode, depth: usize, out: &mut Vec<(VivoKey, usize, &'a JNode)>) {
    for (name, child) in node.members() {
        let kind = classify(name).or_else(|| {
            // `{"des": "…", "key": "com.vivo.push.app_id", "value": "…"}` under a generic name.
            child.get("key").and_then(JNode::as_str).and_then(classify)
        });
        match (&child.value, kind) {
            (JValue::Str(_) | JValue::Number(_), Some(kind)) => out.push((kind, depth, child)),
            (JValue::Object(_), Some(kind))
                if child.get("value").is_some_and(|v| v.scalar().is_some()) =>
            {
                if let Some(value) = child.get("value") {
                    out.push((kind, depth + 1, value));
                }
            }
            (JValue::Object(_), _) => vivo_values(child, depth + 1, out),
            _ => {}
        }
    }
}

pub(super) fn read(source: &Source) -> anyhow::Result<UniManifest> {
    let root = parse_json(source, true)?;
    let locate = |node: &JNode| source.locate(node.start, node.pointer.clone());
    let key_location = |node: &JNode| {
        // Point at the member's key: where a reader looks for "the plugin's entry".
        let key_at = source.bytes[..node.start]
            .iter()
            .rposition(|&b| b == b':')
            .and_then(|colon| source.bytes[..colon].iter().rposition(|&b| b == b'"'))
            .and_then(|close| source.bytes[..close].iter().rposition(|&b| b == b'"'))
            .unwrap_or(node.start);
        source.locate(key_at, node.pointer.clone())
    };
    let app_plus = root.get("app-plus");
    let mut claims = Vec::new();
    let distribute = app_plus.and_then(|a| a.get("distribute"));
    let android = distribute
        .and_then(|d| d.get("android"))
        .and_then(|a| a.get_any(&["packagename", "packageName", "package"]));
    let ios = distribute
        .and_then(|d| d.get("ios"))
        .and_then(|i| i.get_any(&["bundleid", "bundleId", "appid"]));
    for (node, what) in [(android, claim::UNIAPP_ANDROID), (ios, claim::UNIAPP_IOS)] {
        if let Some(node) = node {
            if let Some(value) = node.as_str().map(str::trim).filter(|v| !v.is_empty()) {
                claims.push(Claim {
                    value: value.to_owned(),
                    what,
                    location: locate(node),
                });
            }
        }
    }
    let plugin = app_plus
        .and_then(|a| a.get_any(&["nativePlugins", "nativeplugins"]))
        .and_then(|plugins| {
            plugins.members().iter().find(|(name, _)| {
                name == UNIAPP_PLUGIN || name.to_ascii_lowercase().contains("tuiofflinepush")
            })
        })
        .map(|(_, node)| node);
    let mut values = Vec::new();
    if let Some(plugin) = plugin {
        vivo_values(plugin, 1, &mut values);
    }
    // A direct member is the value HBuilderX builds with; `__plugin_info__` only describes it.
    values.sort_by_key(|&(_, depth, _)| depth);
    let pick = |kind: VivoKey| {
        values
            .iter()
            .find(|(k, _, _)| *k == kind)
            .and_then(|(_, _, node)| {
                Some(Located::new(
                    node.scalar()?.trim().to_owned(),
                    Some(locate(node)),
                ))
            })
    };
    Ok(UniManifest {
        display: source.display.to_string(),
        top: source.top(),
        claims,
        app_plus: app_plus.map(key_location),
        plugin: plugin.map(key_location),
        vivo_app_id: pick(VivoKey::AppId),
        vivo_app_key: pick(VivoKey::AppKey),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(text: &str) -> UniManifest {
        let source = Source::new("manifest.json".into(), "manifest.json".into(), text.into());
        read(&source).expect("parses")
    }

    #[test]
    fn vivo_keys_are_found_by_shape() {
        for name in [
            "VIVO_APPID",
            "vivoAppId",
            "vivo_app_id",
            "com.vivo.push.app_id",
        ] {
            assert!(classify(name) == Some(VivoKey::AppId), "{name}");
        }
        for name in ["VIVO_APPKEY", "vivoAppKey", "com.vivo.push.api_key"] {
            assert!(classify(name) == Some(VivoKey::AppKey), "{name}");
        }
        for name in ["vivoBusinessID", "appid", "XIAOMI_APPID"] {
            assert!(classify(name).is_none(), "{name}");
        }
    }

    #[test]
    fn reads_package_and_plugin_parameters_despite_comments() {
        let m = manifest(
            r#"{
    "appid" : "__UNI__1234567", // DCloud's id, not the package
    /* App 配置 */
    "app-plus" : {
        "distribute" : { "android" : { "packagename" : "com.a" } },
        "nativePlugins" : {
            "TencentCloud-TUIOfflinePush" : {
                "VIVO_APPID" : "105000001",
                "VIVO_APPKEY" : "",
                "__plugin_info__" : {
                    "parameters" : {
                        "VIVO_APPID" : { "des" : "vivo AppID", "key" : "com.vivo.push.app_id", "value" : "" },
                        "VIVO_APPKEY" : { "des" : "vivo AppKey", "key" : "com.vivo.push.api_key", "value" : "unused" }
                    }
                }
            }
        }
    }
}"#,
        );
        assert_eq!(m.claims.len(), 1);
        assert_eq!(
            (m.claims[0].value.as_str(), m.claims[0].location.line),
            ("com.a", 5)
        );
        let id = m.vivo_app_id.expect("app id");
        assert_eq!(id.value, "105000001");
        let at = id.location.expect("located");
        assert_eq!((at.line, at.column), (8, 32));
        assert_eq!(
            at.pointer,
            "/app-plus/nativePlugins/TencentCloud-TUIOfflinePush/VIVO_APPID"
        );
        // The direct member wins over the description's default, even when empty.
        assert_eq!(m.vivo_app_key.expect("key").value, "");
        assert_eq!(m.plugin.expect("plugin").line, 7);
    }
}
