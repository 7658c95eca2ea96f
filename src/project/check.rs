//! The rules: what the app's files say, compared with each other and with `pushdiag.toml`.

use super::code::Stack;
use super::layout::{join, shown, Scan, UNIAPP_PLUGIN};
use super::{claim, Claim, Expectations, Layout};
use crate::findings::{Finding, Located, Location, Rule};
use crate::vendor::Vendor;
use crate::vendors::spec::Declare as Decl;

pub(super) fn run(scan: &Scan, expect: &Expectations) -> Vec<Finding> {
    let mut findings = Vec::new();
    package_names(scan, expect, &mut findings);
    huawei_agconnect(scan, expect, &mut findings);
    vivo_keys(scan, expect, &mut findings);
    permissions(scan, expect, &mut findings);
    aps_environment(scan, expect, &mut findings);
    super::code::check::run(scan, expect, &mut findings);
    super::code::check_android(scan, expect, &mut findings);
    super::code::check_ios(scan, expect, &mut findings);
    super::code::check_application(scan, &mut findings);
    findings
}

fn configured(expect: &Expectations, vendor: Vendor) -> bool {
    expect.vendors.contains(&vendor)
}

/// "`pushdiag.toml` package", or where the value came from when it was not a file.
fn config_name(value: &Located<String>, key: &str) -> String {
    match &value.location {
        Some(at) => format!("`{}` {key}", at.source),
        None => format!("the configured {key}"),
    }
}

// ---------------------------------------------------------------------------------------------
// package-name-mismatch

/// What every other claim is compared with.
struct Reference<'a> {
    value: &'a str,
    /// In words, with its file: "`pushdiag.toml` package", "`app/build.gradle` applicationId".
    name: String,
    /// The claim it came from, whose group is not compared with itself.
    claim: Option<&'a Claim>,
    /// The value came from the config (so the config is what to change if it is the wrong one).
    from_config: bool,
}

fn claim_name(claim: &Claim) -> String {
    format!("`{}` {}", claim.location.source, short_what(claim.what))
}

/// `what` without the file name the location already shows.
fn short_what(what: &str) -> &str {
    for prefix in [
        "AndroidManifest.xml ",
        "google-services.json ",
        "agconnect-services.json ",
        "manifest.json ",
        "Info.plist ",
        "timpush-configs.json ",
    ] {
        if let Some(rest) = what.strip_prefix(prefix) {
            return rest;
        }
    }
    what
}

/// A claim matches the reference; a provisioning profile's wildcard App ID (`com.example.*`)
/// matches every id under it.
fn matches(claim: &Claim, want: &str) -> bool {
    if claim.what == claim::PROFILE_APP_ID {
        if let Some(prefix) = claim.value.strip_suffix('*') {
            return want.starts_with(prefix);
        }
    }
    claim.value == want
}

/// How to make a claim say `want`.
fn fix(what: &str, want: &str) -> String {
    match what {
        claim::APPLICATION_ID => format!("set `applicationId \"{want}\"` in defaultConfig"),
        claim::MANIFEST_PACKAGE => format!(
            "set package=\"{want}\" on <manifest> (or remove the attribute and set `namespace` in build.gradle)"
        ),
        claim::GOOGLE_SERVICES => format!(
            "add the Android app {want} to the Firebase project and download google-services.json again"
        ),
        claim::AGCONNECT => format!(
            "download agconnect-services.json again from AppGallery Connect for the app {want}"
        ),
        claim::UNIAPP_ANDROID => format!(
            "set the Android package name (app-plus.distribute.android.packagename) to {want} in manifest.json"
        ),
        claim::UNIAPP_IOS => format!("set the iOS Bundle ID to {want} in manifest.json"),
        claim::XCODE_BUNDLE_ID => format!(
            "set the app target's Bundle Identifier to {want} in Xcode (Signing & Capabilities)"
        ),
        claim::INFO_PLIST => format!(
            "set CFBundleIdentifier to $(PRODUCT_BUNDLE_IDENTIFIER) and the target's Bundle Identifier to {want}"
        ),
        claim::PROFILE_APP_ID => {
            format!("download a provisioning profile made for the App ID {want}")
        }
        claim::TIMPUSH_CONFIG => format!(
            "name the package member {want}: TIMPush reads the member named after the applicationId"
        ),
        _ => format!("make it {want}"),
    }
}

fn claim_vendor(what: &str) -> Option<Vendor> {
    match what {
        claim::GOOGLE_SERVICES => Some(Vendor::Fcm),
        claim::AGCONNECT => Some(Vendor::Huawei),
        claim::UNIAPP_IOS | claim::XCODE_BUNDLE_ID | claim::INFO_PLIST | claim::PROFILE_APP_ID => {
            Some(Vendor::Apns)
        }
        _ => None,
    }
}

fn android_reference<'a>(scan: &'a Scan, expect: &'a Expectations) -> Option<Reference<'a>> {
    if let Some(package) = &expect.package {
        return Some(Reference {
            value: &package.value,
            name: config_name(package, "package"),
            claim: None,
            from_config: true,
        });
    }
    // Without a config, the build file decides: applicationId is what gets installed and what
    // every vendor console registers. Then the files that stand in for it in other layouts.
    let claims = &scan.facts.package_claims;
    let single_google = |c: &&Claim| {
        c.what == claim::GOOGLE_SERVICES
            && claims
                .iter()
                .filter(|o| o.what == c.what && o.location.source == c.location.source)
                .count()
                == 1
    };
    let found = [
        claim::APPLICATION_ID,
        claim::UNIAPP_ANDROID,
        claim::MANIFEST_PACKAGE,
        claim::AGCONNECT,
    ]
    .iter()
    .find_map(|what| claims.iter().find(|c| c.what == *what))
    .or_else(|| claims.iter().find(single_google))?;
    Some(Reference {
        value: &found.value,
        name: claim_name(found),
        claim: Some(found),
        from_config: false,
    })
}

fn package_names(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    let claims = &scan.facts.package_claims;
    let android: Vec<&Claim> = claims.iter().filter(|c| !c.is_ios()).collect();
    if let Some(reference) = android_reference(scan, expect) {
        compare(&android, &reference, false, out);
    }
    // iOS ids are compared only with the config: an app may well use another id on iOS, and
    // only the config says which one APNs pushes to.
    let ios_reference = match (&expect.bundle_id, &expect.package) {
        (Some(bundle), _) => Some((bundle, "[apns] bundle-id")),
        (None, Some(package)) => Some((package, "package")),
        (None, None) => None,
    };
    if let Some((value, key)) = ios_reference {
        let ios: Vec<&Claim> = claims.iter().filter(|c| c.is_ios()).collect();
        let reference = Reference {
            value: &value.value,
            name: config_name(value, key),
            claim: None,
            from_config: true,
        };
        compare(&ios, &reference, expect.bundle_id.is_none(), out);
    }
}

/// One finding per group of claims (same file, same kind) none of which is the reference.
fn compare(
    claims: &[&Claim],
    reference: &Reference<'_>,
    ios_from_package: bool,
    out: &mut Vec<Finding>,
) {
    let same_group =
        |a: &Claim, b: &Claim| a.what == b.what && a.location.source == b.location.source;
    let mut done: Vec<&Claim> = Vec::new();
    for claim in claims {
        if done.iter().any(|d| same_group(d, claim)) {
            continue;
        }
        done.push(claim);
        if reference.claim.is_some_and(|r| same_group(r, claim)) {
            continue;
        }
        let group: Vec<&&Claim> = claims.iter().filter(|c| same_group(c, claim)).collect();
        if group.iter().any(|c| matches(c, reference.value)) {
            continue;
        }
        let want = reference.value;
        let message = if group.len() == 1 {
            format!(
                "{} is \"{}\" but {} is \"{want}\"",
                claim_name(claim),
                claim.value,
                reference.name
            )
        } else {
            let values: Vec<String> = group.iter().map(|c| format!("\"{}\"", c.value)).collect();
            format!(
                "none of the {} values in `{}` ({}) is \"{want}\", the {}",
                short_what(claim.what),
                claim.location.source,
                values.join(", "),
                reference.name
            )
        };
        let mut help = fix(claim.what, want);
        if reference.from_config {
            help.push_str(&format!(
                "; if \"{}\" is the right one, change {} instead",
                claim.value, reference.name
            ));
        } else {
            help.push_str(&format!(
                "; if \"{}\" is the right one, change {} and the other files instead",
                claim.value, reference.name
            ));
        }
        if ios_from_package {
            help.push_str(
                "; if the iOS bundle id differs from the Android package on purpose, set [apns] bundle-id",
            );
        }
        let mut finding = Finding::new(Rule::PackageNameMismatch, message)
            .help(help)
            .at(claim.location.clone());
        if let Some(vendor) = claim_vendor(claim.what) {
            finding = finding.vendor(vendor);
        }
        out.push(finding);
    }
}

// ---------------------------------------------------------------------------------------------
// huawei-agconnect-missing

/// Where `agconnect-services.json` must be, and who reads it there.
struct Place {
    rel: String,
    /// For Android modules: the AGC plugin also accepts per-variant copies under `src/<v>/`.
    module: Option<String>,
    why: &'static str,
}

fn agconnect_places(scan: &Scan) -> Vec<Place> {
    let mut places: Vec<Place> = Vec::new();
    let code = &scan.facts.app_code;
    for uni in &scan.uniapps {
        // Each plugin generation keeps the file elsewhere; a TIMPush app is never sent to the
        // legacy plugin's folder.
        let (rel, why) = if code.stacks.contains(&Stack::UniAppTencentCloudPush) {
            (
                "nativeResources/android/agconnect-services.json".to_owned(),
                "the TencentCloud-Push plugin's build takes the vendor files from nativeResources/android/ (not its assets/ folder)",
            )
        } else if code.only_timpush() {
            // TencentCloud-TIMPush (the older TIMPush native plugin): where it wants the file
            // is not documented where we looked, so no place is asked for.
            continue;
        } else {
            (
                format!("nativeplugins/{UNIAPP_PLUGIN}/android/assets/agconnect-services.json"),
                "the uni-app TUIOfflinePush plugin reads it from its android/assets folder",
            )
        };
        places.push(Place {
            rel: join(&uni.dir, &rel),
            module: None,
            why,
        });
    }
    let mut modules: Vec<String> = scan.android_modules.clone();
    for module in &scan.flutter_android {
        if !modules.contains(module) {
            modules.push(module.clone());
        }
    }
    for module in modules {
        let rel = join(&module, "agconnect-services.json");
        if places.iter().all(|p| p.rel != rel) {
            places.push(Place {
                rel,
                module: Some(module),
                why: "the AppGallery Connect Gradle plugin (com.huawei.agconnect) reads it from the app module's folder",
            });
        }
    }
    places
}

fn huawei_agconnect(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    if !configured(expect, Vendor::Huawei) {
        return;
    }
    let places = agconnect_places(scan);
    let fits = |file_rel: &str, place: &Place| {
        file_rel == place.rel
            || place.module.as_ref().is_some_and(|module| {
                file_rel.starts_with(&format!("{module}/src/"))
                    && file_rel.ends_with("/agconnect-services.json")
            })
    };
    let root = &scan.facts.root;
    for place in &places {
        if scan.agconnect_files.iter().any(|f| fits(&f.rel, place)) {
            continue;
        }
        let expected = shown(root, &place.rel);
        let help = format!(
            "download agconnect-services.json from AppGallery Connect (Project settings > General information) and put it at `{expected}`; download it again whenever the project or app settings change"
        );
        // A copy elsewhere that no other place claims is most likely this one, misplaced.
        let stray = scan
            .agconnect_files
            .iter()
            .find(|f| !places.iter().any(|p| fits(&f.rel, p)));
        let finding = match stray {
            Some(file) => {
                let renamed = if file.rel.ends_with("/agconnect-services.json")
                    || file.rel == "agconnect-services.json"
                {
                    ""
                } else {
                    " and be named exactly agconnect-services.json"
                };
                Finding::new(
                    Rule::HuaweiAgconnectMissing,
                    format!(
                        "agconnect-services.json is at `{}`, but {}: it must be at `{expected}`{renamed}",
                        file.display, place.why
                    ),
                )
                .help(format!("move `{}` to `{expected}`", file.display))
                .at(file.top.clone())
            }
            None => Finding::new(
                Rule::HuaweiAgconnectMissing,
                format!(
                    "Huawei is configured but there is no agconnect-services.json at `{expected}` ({})",
                    place.why
                ),
            )
            .help(help),
        };
        out.push(finding.vendor(Vendor::Huawei));
    }
}

// ---------------------------------------------------------------------------------------------
// vivo-manifest-keys-missing

/// Where vivo keys would go when none are declared.
fn vivo_anchor(scan: &Scan) -> Option<Location> {
    let uni = scan.uniapps.iter().find_map(|u| u.manifest.as_ref());
    if let Some(manifest) = uni {
        return Some(
            manifest
                .plugin
                .clone()
                .or(manifest.app_plus.clone())
                .unwrap_or(manifest.top.clone()),
        );
    }
    if let Some(gradle) = scan.gradles.iter().find(|g| g.is_app) {
        return Some(gradle.anchor.clone());
    }
    main_manifest(scan).map(|m| m.root.clone())
}

fn main_manifest(scan: &Scan) -> Option<&super::android::Manifest> {
    scan.manifests
        .iter()
        .find(|m| m.is_main())
        .or(scan.manifests.first())
}

fn vivo_keys(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    if !configured(expect, Vendor::Vivo) {
        return;
    }
    let is_android = !scan.uniapps.is_empty()
        || !scan.android_modules.is_empty()
        || !scan.flutter_android.is_empty()
        || !scan.manifests.is_empty();
    if !is_android {
        return;
    }
    let uniapp = !scan.uniapps.is_empty() && scan.android_modules.is_empty();
    let code = &scan.facts.app_code;
    // uni-app's TencentCloud-Push keeps the keys in nativeResources, not in the legacy plugin's
    // manifest.json parameters; a legacy project never hears of timpush-configs.json.
    let uni_push = uniapp && code.stacks.contains(&Stack::UniAppTencentCloudPush);
    let placeholder_file = scan
        .uniapps
        .first()
        .map(|u| {
            shown(
                &scan.facts.root,
                &join(&u.dir, "nativeResources/android/manifestPlaceholders.json"),
            )
        })
        .unwrap_or_default();
    let how = if uni_push {
        format!(
            "add {{\"VIVO_APPID\": \"<AppID>\", \"VIVO_APPKEY\": \"<AppKey>\"}} from the vivo developer console to `{placeholder_file}`, with the same values as manifestPlaceholders in timpush-configs.json (the TencentCloud-Push plugin's guide)"
        )
    } else if code.only_timpush() {
        "add `manifestPlaceholders = [VIVO_APPID: \"<AppID>\", VIVO_APPKEY: \"<AppKey>\"]` to defaultConfig in the app's build.gradle, or the <meta-data> com.vivo.push.app_id and com.vivo.push.api_key to AndroidManifest.xml, with the same values as manifestPlaceholders in timpush-configs.json (Tencent's TIMPush guides)".to_owned()
    } else if uniapp {
        format!(
            "in HBuilderX open manifest.json > App原生插件配置 > {UNIAPP_PLUGIN} and fill in vivo's AppID and AppKey from the vivo developer console (Tencent's uni-app TUIOfflinePush guide)"
        )
    } else {
        "add `manifestPlaceholders = [VIVO_APPID: \"<AppID>\", VIVO_APPKEY: \"<AppKey>\"]` to defaultConfig in the app's build.gradle, or the <meta-data> com.vivo.push.app_id and com.vivo.push.api_key to AndroidManifest.xml (Tencent's Flutter guide 腾讯云IM厂商离线推送集成插件-Flutter)".to_owned()
    };
    let facts = &scan.facts;
    if facts.vivo_app_id.is_none() && facts.vivo_app_key.is_none() {
        let mut message = if uni_push {
            format!(
                "vivo is configured but `{placeholder_file}` declares no VIVO_APPID or VIVO_APPKEY"
            )
        } else if uniapp {
            let has_plugin = scan
                .uniapps
                .iter()
                .any(|u| u.manifest.as_ref().is_some_and(|m| m.plugin.is_some()));
            if has_plugin {
                format!("vivo is configured but manifest.json gives the {UNIAPP_PLUGIN} plugin no vivo AppID or AppKey")
            } else {
                format!("vivo is configured but manifest.json does not configure the {UNIAPP_PLUGIN} native plugin, so no vivo AppID or AppKey is set")
            }
        } else {
            "vivo is configured but the app declares no vivo AppID or AppKey: no com.vivo.push.app_id / api_key meta-data and no VIVO_APPID / VIVO_APPKEY manifestPlaceholders".to_owned()
        };
        if !scan.vivo_unresolved.is_empty() {
            let them = if scan.vivo_unresolved.len() == 1 {
                "it"
            } else {
                "them"
            };
            message.push_str(&format!(
                " (the manifest uses {} but nothing defines {them})",
                scan.vivo_unresolved.join(" and ")
            ));
        }
        let mut finding = Finding::new(Rule::VivoManifestKeysMissing, message)
            .help(format!("{how}; without them the vivo SDK never registers and no regId (device token) reaches Tencent IM"))
            .vendor(Vendor::Vivo);
        let pushed = scan
            .timpush_configs
            .iter()
            .find(|c| c.rel.contains("nativeResources/android/"));
        let anchor = match pushed {
            Some(config) if uni_push => Some(config.top.clone()),
            _ => vivo_anchor(scan),
        };
        if let Some(at) = anchor {
            finding = finding.at(at);
        }
        out.push(finding);
        return;
    }
    let origin = |v: &Located<String>| {
        scan.vivo_ids
            .iter()
            .chain(&scan.vivo_keys)
            .find(|d| d.value == *v)
            .map_or_else(String::new, |d| d.origin.clone())
    };
    for (name, value, other_name, other) in [
        ("AppID", &facts.vivo_app_id, "AppKey", &facts.vivo_app_key),
        ("AppKey", &facts.vivo_app_key, "AppID", &facts.vivo_app_id),
    ] {
        let (message, at) = match (value, other) {
            (None, Some(other)) => (
                format!(
                    "vivo's {other_name} is set in {} but its {name} is not",
                    origin(other)
                ),
                &other.location,
            ),
            (Some(v), _) if v.value.trim().is_empty() || v.value.trim() == "0" => {
                let what = if v.value.trim() == "0" {
                    "is \"0\", the stand-in the plugin accepts when vivo is not used"
                } else {
                    "is empty"
                };
                (
                    format!(
                        "vivo is configured but the vivo {name} in {} {what}",
                        origin(v)
                    ),
                    &v.location,
                )
            }
            _ => continue,
        };
        let mut finding = Finding::new(Rule::VivoManifestKeysMissing, message);
        if let Some(at) = at {
            finding = finding.at(at.clone());
        }
        out.push(finding.help(how.clone()).vendor(Vendor::Vivo));
    }
    if let (Some(want), Some(have)) = (&expect.vivo_app_id, &facts.vivo_app_id) {
        let have_value = have.value.trim();
        if !have_value.is_empty() && have_value != "0" && have_value != want.value.trim() {
            let mut finding = Finding::new(
                Rule::VivoManifestKeysMissing,
                format!(
                    "the app's vivo AppID in {} is \"{have_value}\" but {} is \"{}\"",
                    origin(have),
                    config_name(want, "[vivo] app-id"),
                    want.value
                ),
            )
            .help("use the AppID of the same app in the vivo console in both places; a regId registered under one AppID cannot be pushed to with another's credentials")
            .vendor(Vendor::Vivo);
            if let Some(at) = &have.location {
                finding = finding.at(at.clone());
            }
            out.push(finding);
        }
    }
    // The AppKey the build registers with (meta-data, its placeholders, uni-app's file).
    let want_key = expect.config_value(Vendor::Vivo, "app-key");
    if let (Some(want), Some(have)) = (want_key, &facts.vivo_app_key) {
        let have_value = have.value.trim();
        let want_value = want.value.value.trim();
        if !super::code::is_placeholder(have_value) && have_value != want_value {
            let mut finding = Finding::new(
                Rule::AppClientKeyMismatch,
                format!(
                    "the app's vivo AppKey in {} is \"{have_value}\" but {} is \"{want_value}\"",
                    origin(have),
                    config_name(&want.value, "[vivo] app-key"),
                ),
            )
            .help("use the AppKey of the same app in the vivo console in both places: the vivo SDK registers with the build's value")
            .vendor(Vendor::Vivo);
            if let Some(at) = &have.location {
                finding = finding.at(at.clone());
            }
            out.push(finding);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// android-permission-missing

/// What the vendor's Android SDK needs declared (seed 001's per-vendor list, in its spec).
/// `{pkg}` is the application id.
fn required(vendor: Vendor) -> &'static [(Decl, &'static str)] {
    crate::vendors::spec(vendor).android_permissions
}

const POST_NOTIFICATIONS: &str = "android.permission.POST_NOTIFICATIONS";

fn element(decl: Decl, name: &str) -> String {
    match decl {
        Decl::Permission => {
            format!("<permission android:name=\"{name}\" android:protectionLevel=\"signature\"/>")
        }
        Decl::Uses => format!("<uses-permission android:name=\"{name}\"/>"),
    }
}

fn permissions(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    // uni-app projects built by HBuilderX usually have no manifest of their own: nothing to read.
    let Some(primary) = main_manifest(scan) else {
        return;
    };
    let android_vendors: Vec<Vendor> = expect
        .vendors
        .iter()
        .copied()
        .filter(|v| !matches!(v, Vendor::Apns | Vendor::Tim))
        .collect();
    if android_vendors.is_empty() {
        return;
    }
    let claims = &scan.facts.package_claims;
    // What `${applicationId}` becomes: the Gradle value, or for uni-app the package HBuilderX
    // builds with, before a manifest's own `package` attribute.
    let package = [
        claim::APPLICATION_ID,
        claim::UNIAPP_ANDROID,
        claim::MANIFEST_PACKAGE,
    ]
    .iter()
    .find_map(|what| claims.iter().find(|c| c.what == *what))
    .map(|c| c.value.clone())
    .or_else(|| expect.package.as_ref().map(|p| p.value.clone()));
    let pkg = package.as_deref().unwrap_or("${applicationId}");
    let resolve = |name: &str| name.replace("${applicationId}", pkg);
    let declared = |decl: Decl| -> Vec<String> {
        scan.manifests
            .iter()
            .flat_map(|m| match decl {
                Decl::Permission => m.permissions.iter(),
                Decl::Uses => m.uses_permissions.iter(),
            })
            .map(|name| resolve(name))
            .collect()
    };
    let (permissions, uses) = (declared(Decl::Permission), declared(Decl::Uses));
    let has = |decl: Decl, name: &str| match decl {
        Decl::Permission => permissions.iter().any(|p| p == name),
        Decl::Uses => uses.iter().any(|p| p == name),
    };
    let manifest = &primary.display;

    for vendor in &android_vendors {
        let missing: Vec<(Decl, String)> = required(*vendor)
            .iter()
            .map(|(decl, name)| (*decl, name.replace("{pkg}", pkg)))
            .filter(|(decl, name)| !has(*decl, name))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let elements: Vec<String> = missing.iter().map(|(d, n)| element(*d, n)).collect();
        let mut message = format!(
            "`{manifest}` lacks what {} push needs: {}",
            vendor.display_name(),
            elements.join(" ")
        );
        // The classic: permissions copied from another app keep the other app's package.
        let strays: Vec<&String> = missing
            .iter()
            .filter_map(|(_, name)| name.strip_prefix(pkg))
            .flat_map(|suffix| {
                permissions
                    .iter()
                    .chain(uses.iter())
                    .filter(move |p| p.ends_with(suffix) && !p.starts_with(pkg))
            })
            .collect();
        if let Some(stray) = strays.first() {
            message.push_str(&format!(
                " (it declares `{stray}`, which names another package than {pkg})"
            ));
        }
        out.push(
            Finding::new(Rule::AndroidPermissionMissing, message)
                .help(format!(
                    "add inside <manifest>: {}; `${{applicationId}}` works in place of the package",
                    elements.join(" ")
                ))
                .vendor(*vendor)
                .at(primary.root.clone()),
        );
    }

    // From Android 13 (API 33) an app shows no notification until the user grants this. For an
    // app that targets 32 or lower the system asks by itself, so a literal lower targetSdk in the
    // app module is exempt; Flutter's `flutter.targetSdkVersion` is 33+ these days.
    let targets: Vec<u32> = scan
        .gradles
        .iter()
        .filter(|g| g.is_app)
        .filter_map(|g| g.target_sdk)
        .collect();
    let old_target = !targets.is_empty() && targets.iter().all(|&sdk| sdk < 33);
    if !old_target && !has(Decl::Uses, POST_NOTIFICATIONS) {
        out.push(
            Finding::new(
                Rule::AndroidPermissionMissing,
                format!("`{manifest}` does not request {POST_NOTIFICATIONS}: on Android 13 and later no push notification is shown until the app has it"),
            )
            .help(format!(
                "add <uses-permission android:name=\"{POST_NOTIFICATIONS}\"/> and ask for it at run time (the Flutter plugin's requireNotificationPermission, in Tencent's Flutter guide)"
            ))
            .at(primary.root.clone()),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// aps-environment-missing, apns-environment-mismatch

fn aps_environment(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    if !scan.facts.layouts.contains(&Layout::Ios) {
        return;
    }
    // With a config that lists vendors but not APNs, the iOS app is not pushed to through
    // pushdiag's vendors; without a config, check anyway.
    if !expect.vendors.is_empty() && !configured(expect, Vendor::Apns) {
        return;
    }
    let ios = &scan.ios;
    if scan.facts.aps_environments.is_empty() {
        let (message, at) = if let Some(file) = ios.entitlements.first() {
            (
                format!(
                    "`{}` has no aps-environment: the app never gets an APNs device token",
                    file.display
                ),
                Some(file.top.clone()),
            )
        } else if let Some(profile) = ios.profiles.first() {
            (
                format!("the provisioning profile `{}` does not grant aps-environment: the app never gets an APNs device token", profile.display),
                Some(profile.top.clone()),
            )
        } else {
            (
                "the iOS app has no .entitlements file with aps-environment: it never gets an APNs device token".to_owned(),
                None,
            )
        };
        let mut finding = Finding::new(Rule::ApsEnvironmentMissing, message)
            .help("in Xcode, select the app target > Signing & Capabilities > + Capability > Push Notifications; this writes aps-environment to the target's .entitlements. Enable Push Notifications for the App ID too and download the provisioning profile again (iOS reports \"未找到应用程序的 aps-environment 的授权字符串\")")
            .vendor(Vendor::Apns);
        if let Some(at) = at {
            finding = finding.at(at);
        }
        out.push(finding);
        return;
    }
    let Some(want) = &expect.apns_environment else {
        return;
    };
    let want_value = want.value.trim();
    let config = config_name(want, "[apns] environment");
    let from_entitlements = ios
        .entitlements
        .iter()
        .filter_map(|e| Some((e.aps.as_ref()?, false, &e.display)));
    let from_profiles = ios
        .profiles
        .iter()
        .filter_map(|p| Some((p.aps.as_ref()?, true, &p.display)));
    for (aps, is_profile, display) in from_entitlements.chain(from_profiles) {
        let have = aps.value.trim();
        if have == want_value {
            continue;
        }
        // Xcode's entitlements file says "development" even for App Store apps: archiving and
        // exporting with a distribution profile rewrites it to "production". Only the profile a
        // build is signed with is decisive there.
        if !is_profile && have == "development" && want_value == "production" {
            continue;
        }
        let what = if is_profile {
            format!("the provisioning profile `{display}` grants aps-environment")
        } else {
            format!("`{display}` sets aps-environment")
        };
        let mut finding = Finding::new(
            Rule::ApnsEnvironmentMismatch,
            format!("{what} \"{have}\" but {config} is \"{want_value}\""),
        )
        .help(format!(
            "a {have} build gets {} device tokens, which only the IM console's {have} certificate (business ID) can push to; build with a {want_value} profile, or set [apns] environment = \"{have}\" and report tokens with the matching business ID (Tencent's uni-app TUIOfflinePush guide, FAQ 4)",
            if have == "production" { "production" } else { "sandbox" }
        ))
        .vendor(Vendor::Apns);
        if let Some(at) = &aps.location {
            finding = finding.at(at.clone());
        }
        out.push(finding);
    }
}
