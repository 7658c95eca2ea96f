//! The rules on `timpush-configs.json` as the Android build sees it: its `manifestPlaceholders`
//! against the build's, and the file tracked by git while it holds the OPPO AppSecret.
// manifestPlaceholders equality is inferred: ../shared/reference/timpush.md §1.1.

use super::super::super::layout::{parent, Scan};
use super::super::{is_placeholder, TimPushConfig};
use super::git_index;
use crate::findings::{Finding, Rule};
use crate::vendor::Vendor;

/// `manifestPlaceholders` keys and the `<meta-data>` each fills in.
const META: &[(&str, &str)] = &[
    ("VIVO_APPID", "com.vivo.push.app_id"),
    ("VIVO_APPKEY", "com.vivo.push.api_key"),
    ("HONOR_APPID", "com.hihonor.push.app_id"),
];

// ---------------------------------------------------------------------------------------------
// timpush-placeholders-mismatch

/// A value the build declares, and where, in words.
struct Declared {
    value: String,
    origin: String,
}

/// What the build declares for `key`: the manifest's own meta-data first (what ships), then the
/// Gradle placeholder it names, then the placeholder of that name.
fn declared(scan: &Scan, config: &TimPushConfig, key: &str) -> Option<Declared> {
    let from = |p: &super::super::super::gradle::Placeholder| Declared {
        value: p.value.value.clone(),
        origin: p.origin.clone(),
    };
    if config.rel.contains("nativeResources/") {
        return scan
            .placeholder_files
            .iter()
            .find(|p| p.key == key)
            .map(from);
    }
    let (module, _) = config.rel.split_once("src/")?;
    let module = module.trim_end_matches('/');
    let gradle = scan
        .gradles
        .iter()
        .filter(|g| parent(&g.rel) == module)
        .flat_map(|g| g.placeholders.iter());
    let placeholder = |name: &str| gradle.clone().find(|p| p.key == name).map(from);
    let meta_name = META.iter().find(|(k, _)| *k == key).map(|(_, m)| *m)?;
    let manifests = scan.manifests.iter().filter(|m| {
        m.rel.starts_with(&format!("{module}/src/"))
            || (module.is_empty() && m.rel.starts_with("src/"))
    });
    for manifest in manifests {
        let Some(meta) = manifest.meta(meta_name) else {
            continue;
        };
        let value = meta.value.trim();
        return match value.strip_prefix("${").and_then(|v| v.strip_suffix('}')) {
            Some(name) => placeholder(name),
            None => Some(Declared {
                value: value.to_owned(),
                origin: format!("the {meta_name} meta-data of `{}`", manifest.display),
            }),
        };
    }
    placeholder(key)
}

pub(super) fn placeholders(scan: &Scan, out: &mut Vec<Finding>) {
    for config in scan.timpush_configs.iter().filter(|c| !c.ios) {
        // Only where the reference says where the build's copy is: a module's assets or
        // uni-app's nativeResources (TencentCloud-TIMPush's imported JSON: not found).
        if !config.rel.contains("src/") && !config.rel.contains("nativeResources/") {
            continue;
        }
        let build = if config.rel.contains("nativeResources/") {
            "`nativeResources/android/manifestPlaceholders.json`"
        } else {
            "the app module's Gradle manifestPlaceholders or AndroidManifest.xml meta-data"
        };
        for placeholder in &config.placeholders {
            let key = placeholder.key.as_str();
            let json = placeholder.value.value.trim();
            if !META.iter().any(|(k, _)| *k == key) || is_placeholder(json) {
                continue;
            }
            // AppKeys are client keys, not for printing; the IDs are shown.
            let shown = |v: &str| {
                if key.ends_with("KEY") {
                    String::new()
                } else {
                    format!(" \"{v}\"")
                }
            };
            let (message, help) = match declared(scan, config, key) {
                None => (
                    format!(
                        "`{}` sets manifestPlaceholders.{key} but {build} does not define {key}",
                        config.display
                    ),
                    format!("declare {key} in {build} with the value of `{}` (Tencent's TIMPush guides: the build fails without it)", config.display),
                ),
                Some(have) if have.value.trim() != json => (
                    if key.ends_with("KEY") {
                        format!(
                            "`{}` and {} set {key} to different values",
                            config.display, have.origin
                        )
                    } else {
                        format!(
                            "`{}` sets manifestPlaceholders.{key}{} but {} has{}",
                            config.display,
                            shown(json),
                            have.origin,
                            shown(have.value.trim())
                        )
                    },
                    format!("use the same {key} in both, the one from the vendor console; the vendor SDK registers with the build's value (the two are expected to be equal; pushdiag infers this, hence a warning)"),
                ),
                Some(_) => continue,
            };
            let mut finding = Finding::new(Rule::TimpushPlaceholdersMismatch, message).help(help);
            if let Some(vendor) = [("VIVO", Vendor::Vivo), ("HONOR", Vendor::Honor)]
                .iter()
                .find(|(p, _)| key.starts_with(p))
                .map(|(_, v)| *v)
            {
                finding = finding.vendor(vendor);
            }
            if let Some(at) = &placeholder.value.location {
                finding = finding.at(at.clone());
            }
            out.push(finding);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// timpush-config-tracked

pub(super) fn tracked(scan: &Scan, out: &mut Vec<Finding>) {
    for config in &scan.timpush_configs {
        let Some(at) = &config.oppo_secret else {
            continue;
        };
        // `None` (no repository, an index pushdiag cannot read): nothing is said.
        if git_index::is_tracked(&scan.facts.root.join(&config.rel)) != Some(true) {
            continue;
        }
        out.push(
            Finding::new(
                Rule::TimpushConfigTracked,
                format!(
                    "`{}` holds the OPPO AppSecret (oppoPushAppSecret) and git tracks it: everyone with the repository has the secret",
                    config.display
                ),
            )
            .help(format!(
                "stop tracking it (`git rm --cached {}`), list it in .gitignore and write it at build time from a secret store; if it was ever pushed, treat the AppSecret as exposed",
                config.rel
            ))
            .vendor(Vendor::Oppo)
            .at(at.clone()),
        );
    }
}
