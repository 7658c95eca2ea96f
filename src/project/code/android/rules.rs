//! The rules on a TIMPush Android build: the vendor artifacts and Gradle plugins, Honor's
//! `mcs-services.json`, FCM's `google-services.json`, the `manifestPlaceholders` of
//! `timpush-configs.json` against the build's, and the file tracked by git while it holds the
//! OPPO AppSecret.
// Facts and the inferred lint rules: ../shared/reference/timpush.md §1.1, §1.2.

use super::super::super::layout::{join, parent, Scan};
use super::super::super::Expectations;
use super::super::Stack;
use super::{config_rules, vendor_files, TIMPUSH_GROUP};
use crate::findings::{Finding, Location, Rule};
use crate::vendor::Vendor;

/// Each Android vendor's TIMPush artifact (`com.tencent.timpush:<name>`).
const ARTIFACTS: &[(Vendor, &str)] = &[
    (Vendor::Huawei, "huawei"),
    (Vendor::Honor, "honor"),
    (Vendor::Xiaomi, "xiaomi"),
    (Vendor::Oppo, "oppo"),
    (Vendor::Vivo, "vivo"),
    (Vendor::Meizu, "meizu"),
    (Vendor::Fcm, "fcm"),
];

/// The Gradle plugin each vendor's SDK needs in the app module, and how the guides write it.
pub(super) const PLUGINS: &[(Vendor, &str)] = &[
    (Vendor::Huawei, "com.huawei.agconnect"),
    (Vendor::Honor, "com.hihonor.mcs.asplugin"),
    (Vendor::Fcm, "com.google.gms.google-services"),
];

/// The first TIMPush version whose Honor channel uses the Honor plugin and `mcs-services.json`
/// (Tencent's Flutter guide: "only for TIMPush 7.7.5283 and later").
const HONOR_PLUGIN_SINCE: [u32; 3] = [7, 7, 5283];

/// One Android build that packs TIMPush: an app module's Gradle file, or the uni-app plugin's
/// `config.json`.
pub(super) struct Target {
    /// The file that declares the build, as users see it.
    pub file: String,
    pub artifacts: Vec<(String, Option<String>)>,
    pub plugins: Vec<String>,
    /// Where the vendor files must be (relative): the module's folder, or uni-app's
    /// `nativeResources/android`.
    pub files_dir: String,
    /// The Gradle module, whose `src/<variant>/` folders may hold variant copies.
    pub module: Option<String>,
    pub anchor: Location,
    pub uniapp: bool,
}

impl Target {
    fn has_artifact(&self, name: &str) -> bool {
        self.artifacts.iter().any(|(n, _)| n == name)
    }

    /// TIMPush's version as written on the `timpush` artifact (else any of them).
    fn version(&self) -> Option<&str> {
        let of = |want: Option<&str>| {
            self.artifacts
                .iter()
                .filter(|(n, _)| want.is_none_or(|w| n == w))
                .find_map(|(_, v)| v.as_deref())
        };
        of(Some("timpush")).or_else(|| of(None))
    }

    /// True unless the version is known and older than the Honor plugin's.
    pub fn honor_plugin_applies(&self) -> bool {
        let Some(version) = self.version() else {
            return true;
        };
        let parts: Vec<u32> = version
            .split('.')
            .map_while(|p| p.parse().ok())
            .take(3)
            .collect();
        parts.len() < 3 || parts.as_slice() >= HONOR_PLUGIN_SINCE.as_slice()
    }

    fn dependency_line(&self, name: &str) -> String {
        let version = self.version().unwrap_or("<version>");
        if self.uniapp {
            format!("\"{TIMPUSH_GROUP}:{name}:{version}\"")
        } else {
            format!("implementation '{TIMPUSH_GROUP}:{name}:{version}'")
        }
    }
}

/// A version-catalog accessor's artifact: `libs.timpush.huawei` → `huawei`, `libs.timpush` →
/// `timpush`. Catalog names are the project's own, so this is a tolerant reading: it can only
/// hide a finding.
fn catalog_artifact(reference: &str) -> Option<String> {
    if !reference.contains("timpush") || reference.starts_with("libs.plugins.") {
        return None;
    }
    let vendor = reference
        .split('.')
        .rev()
        .find(|part| ARTIFACTS.iter().any(|(_, name)| name == part));
    Some(vendor.unwrap_or("timpush").to_owned())
}

/// A version-catalog plugin alias (`libs.plugins.agconnect`), read by keywords.
fn catalog_plugin(reference: &str) -> Option<&'static str> {
    let alias = reference.strip_prefix("libs.plugins.")?;
    let (_, huawei) = PLUGINS[0];
    let (_, honor) = PLUGINS[1];
    let (_, google) = PLUGINS[2];
    if alias.contains("agconnect") || alias.contains("huawei") {
        Some(huawei)
    } else if alias.contains("hihonor") || alias.contains("honor") || alias.contains("asplugin") {
        Some(honor)
    } else if alias.contains("google") || alias.contains("gms") {
        Some(google)
    } else {
        None
    }
}

fn targets(scan: &Scan) -> Vec<Target> {
    let stacks = &scan.facts.app_code.stacks;
    let mut targets = Vec::new();
    for gradle in scan.gradles.iter().filter(|g| g.is_app) {
        let module = parent(&gradle.rel).to_owned();
        let flutter = scan.flutter_android.contains(&module);
        let sources = if module.is_empty() {
            "src/".to_owned()
        } else {
            format!("{module}/src/")
        };
        let mut artifacts: Vec<(String, Option<String>)> = gradle
            .coordinates
            .iter()
            .filter(|c| c.group == TIMPUSH_GROUP)
            .map(|c| (c.name.clone(), c.version.clone()))
            .collect();
        artifacts.extend(
            gradle
                .catalog_refs
                .iter()
                .filter_map(|r| Some((catalog_artifact(r)?, None))),
        );
        let timpush = if flutter {
            stacks.contains(&Stack::FlutterTencentCloudChatPush)
        } else {
            !artifacts.is_empty()
                || scan
                    .timpush_configs
                    .iter()
                    .any(|c| c.rel.starts_with(&sources))
        };
        if !timpush {
            continue;
        }
        let mut plugins = gradle.plugins.clone();
        plugins.extend(
            gradle
                .catalog_refs
                .iter()
                .filter_map(|r| catalog_plugin(r).map(str::to_owned)),
        );
        targets.push(Target {
            file: gradle.anchor.source.to_string(),
            artifacts,
            plugins,
            files_dir: module.clone(),
            module: Some(module),
            anchor: gradle
                .dependencies_at
                .clone()
                .unwrap_or(gradle.anchor.clone()),
            uniapp: false,
        });
    }
    if stacks.contains(&Stack::UniAppTencentCloudPush) {
        for build in &scan.android_push.uni_builds {
            targets.push(Target {
                file: build.display.to_string(),
                artifacts: build.artifacts.clone(),
                plugins: build.plugins.clone(),
                files_dir: join(&build.app_dir, "nativeResources/android"),
                module: None,
                anchor: build.anchor.clone(),
                uniapp: true,
            });
        }
    }
    targets
}

/// The Android vendors configured in `pushdiag.toml` (APNs and Tencent IM are not Android).
fn android_vendors(expect: &Expectations) -> Vec<Vendor> {
    ARTIFACTS
        .iter()
        .map(|(vendor, _)| *vendor)
        .filter(|vendor| expect.vendors.contains(vendor))
        .collect()
}

/// Runs every rule of this module.
pub(in crate::project) fn check(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    let targets = targets(scan);
    let vendors = android_vendors(expect);
    for target in &targets {
        artifacts_and_plugins(target, &vendors, out);
        if vendors.contains(&Vendor::Honor) && target.honor_plugin_applies() {
            vendor_files::mcs_services(scan, expect, target, out);
        }
        if vendors.contains(&Vendor::Fcm) {
            vendor_files::google_services(scan, target, out);
        }
    }
    config_rules::placeholders(scan, out);
    config_rules::tracked(scan, out);
}

// ---------------------------------------------------------------------------------------------
// timpush-vendor-artifact-missing

fn artifacts_and_plugins(target: &Target, vendors: &[Vendor], out: &mut Vec<Finding>) {
    let file = &target.file;
    for &vendor in vendors {
        let name = ARTIFACTS
            .iter()
            .find(|(v, _)| *v == vendor)
            .map(|(_, n)| *n);
        let Some(name) = name else { continue };
        if !target.has_artifact(name) {
            let place = if target.uniapp {
                "the dependencies of"
            } else {
                "dependencies { } in"
            };
            out.push(
                Finding::new(
                    Rule::TimpushVendorArtifactMissing,
                    format!(
                        "{} is configured but `{file}` does not add {TIMPUSH_GROUP}:{name}: TIMPush registers with a vendor only when its push package is in the build",
                        vendor.display_name()
                    ),
                )
                .help(format!(
                    "add {} to {place} `{file}` (Tencent's TIMPush guides: \"the native push capability of a manufacturer is enabled only after the corresponding manufacturer's push package is introduced\")",
                    target.dependency_line(name)
                ))
                .vendor(vendor)
                .at(target.anchor.clone()),
            );
        }
        let plugin = PLUGINS
            .iter()
            .find(|(v, _)| *v == vendor)
            .map(|(_, id)| *id);
        let Some(plugin) = plugin else { continue };
        // uni-app's config.json is documented to carry the Google services plugin only; where
        // the others go there was not found, so they are not asked for.
        if (target.uniapp && vendor != Vendor::Fcm)
            || (vendor == Vendor::Honor && !target.honor_plugin_applies())
            || target.plugins.iter().any(|p| p == plugin)
        {
            continue;
        }
        let help = if target.uniapp {
            format!("add \"{plugin}\" to the plugins of `{file}`")
        } else {
            format!(
                "add `id '{plugin}'` to plugins {{ }} in `{file}` (or `apply plugin: '{plugin}'`), with the plugin's classpath in the project's build.gradle; it reads the vendor's services file from the app module's folder"
            )
        };
        out.push(
            Finding::new(
                Rule::TimpushVendorArtifactMissing,
                format!(
                    "{} is configured but `{file}` does not apply the {plugin} Gradle plugin: without it the vendor SDK cannot read its services file and gets no token",
                    vendor.display_name()
                ),
            )
            .help(help)
            .vendor(vendor)
            .at(target.anchor.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_accessors() {
        assert_eq!(
            catalog_artifact("libs.timpush.huawei").as_deref(),
            Some("huawei")
        );
        assert_eq!(
            catalog_artifact("libs.tencent.timpush").as_deref(),
            Some("timpush")
        );
        assert_eq!(catalog_artifact("libs.androidx.core"), None);
        assert_eq!(
            catalog_plugin("libs.plugins.google.services"),
            Some(PLUGINS[2].1)
        );
        assert_eq!(catalog_plugin("libs.plugins.agconnect"), Some(PLUGINS[0].1));
        assert_eq!(catalog_plugin("libs.timpush.honor"), None);
    }

    #[test]
    fn honor_plugin_only_from_7_7_5283() {
        let target = |version: &str| Target {
            file: String::new(),
            artifacts: vec![("timpush".into(), Some(version.into()))],
            plugins: Vec::new(),
            files_dir: String::new(),
            module: None,
            anchor: Location::in_text("b.gradle".into(), "", 0, ""),
            uniapp: false,
        };
        assert!(!target("7.6.5011").honor_plugin_applies());
        assert!(target("7.7.5283").honor_plugin_applies());
        assert!(target("8.7.7201").honor_plugin_applies());
        assert!(target("latest.release").honor_plugin_applies());
    }
}
