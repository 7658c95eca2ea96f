//! Whole-project tests: small app folders written to a temp dir, checked end to end. Each test is
//! named after the rule or failure it pins; fixtures are the smallest files that trigger it.

use std::path::Path;

use super::*;
use crate::findings::Rule;

const PKG: &str = "com.example.chat";

pub(super) fn write(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }
}

pub(super) fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), files);
    dir
}

fn config_value(value: &str, line: u64) -> Located<String> {
    Located::new(
        value.to_owned(),
        Some(Location {
            source: "pushdiag.toml".into(),
            line,
            column: 11,
            offset: 0,
            pointer: String::new(),
        }),
    )
}

pub(super) fn expect(vendors: &[Vendor]) -> Expectations {
    Expectations {
        package: Some(config_value(PKG, 1)),
        vendors: vendors.to_vec(),
        ..Expectations::default()
    }
}

fn rules(report: &ProjectReport) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule.name()).collect()
}

pub(super) fn only(report: &ProjectReport, rule: Rule) -> &Finding {
    let found: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(found.len(), 1, "{:#?}", report.findings);
    found[0]
}

/// Asserts that the finding's message holds `text`.
pub(super) fn assert_says(finding: &Finding, text: &str) {
    assert!(finding.message.contains(text), "{}", finding.message);
}

/// Asserts that no finding has `rule`.
pub(super) fn assert_no(report: &ProjectReport, rule: Rule) {
    let found = report.findings.iter().filter(|f| f.rule == rule);
    assert_eq!(found.count(), 0, "{:#?}", report.findings);
}

/// Asserts that the finding's help holds `text`.
pub(super) fn assert_helps(finding: &Finding, text: &str) {
    let help = finding.help.as_deref().unwrap_or_default();
    assert!(help.contains(text), "{:?}", finding.help);
}

pub(super) fn no_failures(report: &ProjectReport) {
    assert!(report.failures.is_empty(), "{:?}", report.failures);
}

fn gradle(package: &str, extra: &str) -> String {
    format!(
        "plugins {{\n    id \"com.android.application\"\n}}\n\nandroid {{\n    namespace \"{package}\"\n    defaultConfig {{\n        applicationId \"{package}\"\n        minSdkVersion 21\n{extra}    }}\n}}\n"
    )
}

const VIVO_PLACEHOLDERS: &str =
    "        manifestPlaceholders = [VIVO_APPID: \"105000001\", VIVO_APPKEY: \"0123456789abcdef\"]\n";

fn android_manifest(package_attr: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"{package_attr}>\n{body}    <application android:label=\"chat\">\n        <meta-data android:name=\"com.vivo.push.app_id\" android:value=\"${{VIVO_APPID}}\"/>\n        <meta-data android:name=\"com.vivo.push.api_key\" android:value=\"${{VIVO_APPKEY}}\"/>\n    </application>\n</manifest>\n"
    )
}

const ALL_PERMISSIONS: &str = r#"    <uses-permission android:name="android.permission.POST_NOTIFICATIONS"/>
    <permission android:name="${applicationId}.permission.MIPUSH_RECEIVE" android:protectionLevel="signature"/>
    <uses-permission android:name="${applicationId}.permission.MIPUSH_RECEIVE"/>
    <uses-permission android:name="com.coloros.mcs.permission.RECIEVE_MCS_MESSAGE"/>
    <uses-permission android:name="com.heytap.mcs.permission.RECIEVE_MCS_MESSAGE"/>
    <uses-permission android:name="com.meizu.flyme.push.permission.RECEIVE"/>
    <permission android:name="${applicationId}.push.permission.MESSAGE" android:protectionLevel="signature"/>
    <uses-permission android:name="${applicationId}.push.permission.MESSAGE"/>
"#;

fn google_services(packages: &[&str]) -> String {
    let clients: Vec<String> = packages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "    {{\n      \"client_info\": {{\n        \"mobilesdk_app_id\": \"1:123:android:{i}\",\n        \"android_client_info\": {{\n          \"package_name\": \"{p}\"\n        }}\n      }}\n    }}"
            )
        })
        .collect();
    format!(
        "{{\n  \"project_info\": {{\n    \"project_number\": \"123\",\n    \"project_id\": \"chat-demo\"\n  }},\n  \"client\": [\n{}\n  ],\n  \"configuration_version\": \"1\"\n}}\n",
        clients.join(",\n")
    )
}

fn agconnect(package: &str) -> String {
    format!(
        "{{\n  \"client\": {{\n    \"app_id\": \"104000001\",\n    \"package_name\": \"{package}\"\n  }},\n  \"configuration_version\": \"1.0\"\n}}\n"
    )
}

fn entitlements(env: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n\t<key>aps-environment</key>\n\t<string>{env}</string>\n</dict>\n</plist>\n"
    )
}

const EMPTY_ENTITLEMENTS: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict/>\n</plist>\n";

fn pbxproj(bundle: &str) -> String {
    format!(
        "// !$*UTF8*$!\n{{\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = {bundle};\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = {bundle}.RunnerTests;\n}}\n"
    )
}

/// A Flutter app set up the way Tencent's Flutter guide (seed 001) says.
fn flutter_files() -> Vec<(&'static str, String)> {
    vec![
        ("pubspec.yaml", "name: chat\n".to_owned()),
        ("android/build.gradle", "buildscript { dependencies { classpath 'com.huawei.agconnect:agcp:1.9.1.301' } }\n".to_owned()),
        ("android/app/build.gradle", gradle(PKG, VIVO_PLACEHOLDERS)),
        ("android/app/src/main/AndroidManifest.xml", android_manifest("", ALL_PERMISSIONS)),
        ("android/app/src/debug/AndroidManifest.xml", android_manifest("", "")),
        ("android/app/google-services.json", google_services(&["com.example.other", PKG])),
        ("android/app/agconnect-services.json", agconnect(PKG)),
        ("ios/Runner.xcodeproj/project.pbxproj", pbxproj(PKG)),
        ("ios/Runner/Runner.entitlements", entitlements("development")),
        ("ios/Runner/Info.plist", "<?xml version=\"1.0\"?>\n<plist version=\"1.0\"><dict><key>CFBundleIdentifier</key><string>$(PRODUCT_BUNDLE_IDENTIFIER)</string></dict></plist>\n".to_owned()),
    ]
}

fn with(
    files: Vec<(&'static str, String)>,
    changes: &[(&'static str, Option<String>)],
) -> tempfile::TempDir {
    let mut files = files;
    for (rel, change) in changes {
        files.retain(|(r, _)| r != rel);
        if let Some(text) = change {
            files.push((rel, text.clone()));
        }
    }
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(r, t)| (*r, t.as_str())).collect();
    project(&borrowed)
}

const ALL_VENDORS: &[Vendor] = &[
    Vendor::Apns,
    Vendor::Fcm,
    Vendor::Huawei,
    Vendor::Xiaomi,
    Vendor::Oppo,
    Vendor::Vivo,
    Vendor::Meizu,
];

fn full_expect() -> Expectations {
    Expectations {
        vivo_app_id: Some(config_value("105000001", 8)),
        apns_environment: Some(config_value("development", 12)),
        ..expect(ALL_VENDORS)
    }
}

/// The Flutter project with `changes`, checked against [`full_expect`].
fn check_flutter(changes: &[(&'static str, Option<String>)]) -> ProjectReport {
    let dir = with(flutter_files(), changes);
    check(dir.path(), &full_expect())
}

#[test]
fn clean_flutter_project_has_no_findings_and_reads_its_facts() {
    let report = check_flutter(&[]);
    no_failures(&report);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    let facts = &report.facts;
    assert_eq!(
        facts.layouts,
        [Layout::Flutter, Layout::Android, Layout::Ios]
    );
    assert_eq!(
        facts
            .google_services_project_id
            .as_ref()
            .map(|p| p.value.as_str()),
        Some("chat-demo")
    );
    assert_eq!(
        facts.huawei_app_id.as_ref().map(|p| p.value.as_str()),
        Some("104000001")
    );
    // The manifest's ${VIVO_APPID} resolves to the Gradle placeholder, which is where it points.
    let vivo = facts.vivo_app_id.as_ref().expect("vivo app id");
    assert_eq!(vivo.value, "105000001");
    let at = vivo.location.as_ref().expect("located");
    assert!(at.source.ends_with("android/app/build.gradle"), "{at:?}");
    assert_eq!((at.line, at.column), (10, 45));
    assert_eq!(
        facts.vivo_app_key.as_ref().map(|k| k.value.as_str()),
        Some("0123456789abcdef")
    );
    assert_eq!(facts.aps_environments.len(), 1);
    let whats: Vec<&str> = facts.package_claims.iter().map(|c| c.what).collect();
    assert!(whats.contains(&claim::APPLICATION_ID) && whats.contains(&claim::XCODE_BUNDLE_ID));
    assert!(facts
        .files_read
        .contains(&PathBuf::from("android/app/google-services.json")));
}

#[test]
fn clean_uniapp_project_has_no_findings() {
    let manifest = r#"{
    "name" : "chat",
    "appid" : "__UNI__0000000",
    /* 5+App特有相关 */
    "app-plus" : {
        "distribute" : {
            "android" : { "packagename" : "com.example.chat" } // 包名
        },
        "nativePlugins" : {
            "TencentCloud-TUIOfflinePush" : {
                "VIVO_APPID" : "105000001",
                "VIVO_APPKEY" : "0123456789abcdef"
            }
        }
    }
}"#;
    let dir = project(&[
        ("manifest.json", manifest),
        (
            "nativeplugins/TencentCloud-TUIOfflinePush/package.json",
            "{}",
        ),
        (
            "nativeplugins/TencentCloud-TUIOfflinePush/android/assets/agconnect-services.json",
            &agconnect(PKG),
        ),
        // A plugin's own iOS bundle must not make this an iOS project.
        (
            "nativeplugins/TencentCloud-TUIOfflinePush/ios/Info.plist",
            "not even a plist",
        ),
    ]);
    let report = check(dir.path(), &full_expect());
    no_failures(&report);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(report.facts.layouts, [Layout::UniApp]);
}

#[test]
fn package_name_mismatch_names_both_files_and_values() {
    let report = check_flutter(&[
        (
            "android/app/build.gradle",
            Some(gradle("com.example.chat.dev", VIVO_PLACEHOLDERS)),
        ),
        (
            "android/app/google-services.json",
            Some(google_services(&["com.example.other"])),
        ),
        (
            "android/app/agconnect-services.json",
            Some(agconnect("com.example.old")),
        ),
    ]);
    no_failures(&report);
    assert_eq!(rules(&report), ["package-name-mismatch"; 3]);
    let gradle = &report.findings[0];
    assert!(
        gradle.message.ends_with(
            "android/app/build.gradle` applicationId is \"com.example.chat.dev\" but `pushdiag.toml` package is \"com.example.chat\""
        ),
        "{}",
        gradle.message
    );
    let at = gradle.location.as_ref().expect("located");
    assert_eq!((at.line, at.column), (8, 23));
    let google = &report.findings[1];
    assert_eq!(google.vendor, Some(Vendor::Fcm));
    assert_says(google, "\"com.example.other\"");
    assert_eq!(
        google.location.as_ref().map(|l| l.pointer.as_str()),
        Some("/client/0/client_info/android_client_info/package_name")
    );
    assert_helps(google, "Firebase");
    assert_eq!(report.findings[2].vendor, Some(Vendor::Huawei));
}

#[test]
fn package_name_mismatch_without_config_uses_application_id() {
    let dir = project(&[
        ("app/build.gradle", &gradle(PKG, "")),
        (
            "app/src/main/AndroidManifest.xml",
            &android_manifest(" package=\"com.example.old\"", ""),
        ),
    ]);
    let report = check(dir.path(), &Expectations::default());
    no_failures(&report);
    let finding = only(&report, Rule::PackageNameMismatch);
    assert!(
        finding
            .message
            .contains("AndroidManifest.xml` package is \"com.example.old\" but `")
            && finding
                .message
                .contains("app/build.gradle` applicationId is \"com.example.chat\""),
        "{}",
        finding.message
    );
    assert_eq!(report.facts.layouts, [Layout::Android]);
}

#[test]
fn package_name_mismatch_for_the_ios_bundle_id() {
    let dir = with(
        flutter_files(),
        &[(
            "ios/Runner.xcodeproj/project.pbxproj",
            Some(pbxproj("com.example.Chat")),
        )],
    );
    let report = check(dir.path(), &full_expect());
    let finding = only(&report, Rule::PackageNameMismatch);
    assert_eq!(finding.vendor, Some(Vendor::Apns));
    assert_says(
        finding,
        "\"com.example.Chat\", \"com.example.Chat.RunnerTests\"",
    );
    assert_helps(finding, "[apns] bundle-id");
    // With the bundle id configured, the same project is clean.
    let configured = Expectations {
        bundle_id: Some(config_value("com.example.Chat", 9)),
        ..full_expect()
    };
    assert!(check(dir.path(), &configured).findings.is_empty());
}

#[test]
fn huawei_agconnect_missing_says_where_it_is_and_where_it_must_go() {
    let manifest = "{ \"app-plus\": { \"nativePlugins\": { \"TencentCloud-TUIOfflinePush\": { \"VIVO_APPID\": \"1\", \"VIVO_APPKEY\": \"k\" } } } }";
    let dir = project(&[
        ("manifest.json", manifest),
        (
            "nativeplugins/TencentCloud-TUIOfflinePush/android/agconnect-services.json",
            &agconnect(PKG),
        ),
    ]);
    let report = check(dir.path(), &expect(&[Vendor::Huawei]));
    no_failures(&report);
    let finding = only(&report, Rule::HuaweiAgconnectMissing);
    assert!(
        finding
            .message
            .contains("TUIOfflinePush/android/agconnect-services.json`, but the uni-app")
            && finding
                .message
                .ends_with("TUIOfflinePush/android/assets/agconnect-services.json`"),
        "{}",
        finding.message
    );
    assert!(finding
        .location
        .as_ref()
        .is_some_and(|l| l.source.ends_with("android/agconnect-services.json")));

    // Not there at all: say where it must go.
    let dir = with(
        flutter_files(),
        &[("android/app/agconnect-services.json", None)],
    );
    let report = check(dir.path(), &full_expect());
    let finding = only(&report, Rule::HuaweiAgconnectMissing);
    assert_says(finding, "no agconnect-services.json at `");
    assert!(finding
        .message
        .contains("android/app/agconnect-services.json"));
    // Huawei not configured: nothing to say.
    assert_no(
        &check(dir.path(), &expect(&[Vendor::Fcm])),
        Rule::HuaweiAgconnectMissing,
    );
}

#[test]
fn vivo_manifest_keys_missing_when_nothing_declares_them() {
    let report = check_flutter(&[
        ("android/app/build.gradle", Some(gradle(PKG, ""))),
        (
            "android/app/src/main/AndroidManifest.xml",
            Some(
                android_manifest("", ALL_PERMISSIONS)
                    .replace("com.vivo.push", "com.example.unrelated"),
            ),
        ),
        ("android/app/src/debug/AndroidManifest.xml", None),
    ]);
    no_failures(&report);
    let finding = only(&report, Rule::VivoManifestKeysMissing);
    assert_says(finding, "declares no vivo AppID or AppKey");
    assert!(finding
        .location
        .as_ref()
        .is_some_and(|l| l.source.ends_with("build.gradle") && l.line == 7));
    assert_helps(finding, "VIVO_APPID");
}

#[test]
fn vivo_manifest_keys_missing_when_a_placeholder_is_undefined() {
    let report = check_flutter(&[("android/app/build.gradle", Some(gradle(PKG, "")))]);
    let finding = only(&report, Rule::VivoManifestKeysMissing);
    assert_says(
        finding,
        "uses ${VIVO_APPID} and ${VIVO_APPKEY} but nothing defines them",
    );
}

#[test]
fn vivo_manifest_keys_empty_zero_or_different() {
    let placeholders = "        manifestPlaceholders = [VIVO_APPID: \"0\", VIVO_APPKEY: \"\"]\n";
    let report = check_flutter(&[("android/app/build.gradle", Some(gradle(PKG, placeholders)))]);
    let messages: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::VivoManifestKeysMissing)
        .map(|f| &*f.message)
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("AppID") && messages[0].contains("is \"0\""),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("AppKey") && messages[1].ends_with("is empty"),
        "{}",
        messages[1]
    );

    // Only one of the two: the manifest's ${VIVO_APPKEY} has nothing behind it.
    let half = "        manifestPlaceholders = [VIVO_APPID: \"105000001\"]\n";
    let report = check_flutter(&[("android/app/build.gradle", Some(gradle(PKG, half)))]);
    let finding = only(&report, Rule::VivoManifestKeysMissing);
    assert!(
        finding
            .message
            .starts_with("vivo's AppID is set in the manifestPlaceholders of `")
            && finding
                .message
                .ends_with("build.gradle` but its AppKey is not"),
        "{}",
        finding.message
    );

    let different = Expectations {
        vivo_app_id: Some(config_value("105999999", 8)),
        ..full_expect()
    };
    let dir = with(flutter_files(), &[]);
    let report = check(dir.path(), &different);
    let finding = only(&report, Rule::VivoManifestKeysMissing);
    assert!(
        finding
            .message
            .ends_with("is \"105000001\" but `pushdiag.toml` [vivo] app-id is \"105999999\""),
        "{}",
        finding.message
    );
}

#[test]
fn vivo_manifest_keys_missing_in_the_uniapp_plugin() {
    let manifest = "{\n  // HBuilderX\n  \"app-plus\": {\n    \"nativePlugins\": {\n      \"TencentCloud-TUIOfflinePush\": {\n        \"__plugin_info__\": { \"name\": \"TUIOfflinePush\" }\n      }\n    }\n  }\n}";
    let dir = project(&[("manifest.json", manifest)]);
    let report = check(dir.path(), &expect(&[Vendor::Vivo]));
    no_failures(&report);
    let finding = only(&report, Rule::VivoManifestKeysMissing);
    assert_says(
        finding,
        "gives the TencentCloud-TUIOfflinePush plugin no vivo AppID or AppKey",
    );
    let at = finding.location.as_ref().expect("located");
    assert_eq!((at.line, at.column), (5, 7));
    assert_helps(finding, "App原生插件配置");
}

#[test]
fn android_permission_missing_per_vendor_and_post_notifications() {
    let stale = "    <permission android:name=\"com.example.old.permission.MIPUSH_RECEIVE\" android:protectionLevel=\"signature\"/>\n    <uses-permission android:name=\"com.example.old.permission.MIPUSH_RECEIVE\"/>\n";
    let report = check_flutter(&[(
        "android/app/src/main/AndroidManifest.xml",
        Some(android_manifest("", stale)),
    )]);
    no_failures(&report);
    let found: Vec<(Option<Vendor>, &str)> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::AndroidPermissionMissing)
        .map(|f| (f.vendor, &*f.message))
        .collect();
    let vendors: Vec<Option<Vendor>> = found.iter().map(|(v, _)| *v).collect();
    assert_eq!(
        vendors,
        [
            Some(Vendor::Xiaomi),
            Some(Vendor::Oppo),
            Some(Vendor::Meizu),
            None
        ]
    );
    assert!(
        found[0]
            .1
            .contains("com.example.chat.permission.MIPUSH_RECEIVE"),
        "{}",
        found[0].1
    );
    assert!(
        found[0]
            .1
            .contains("it declares `com.example.old.permission.MIPUSH_RECEIVE`"),
        "{}",
        found[0].1
    );
    assert!(found[3].1.contains("POST_NOTIFICATIONS"));
    let finding = &report.findings[0];
    assert_eq!(finding.severity, crate::findings::Severity::Warning);
    let at = finding.location.as_ref().expect("located");
    assert!(
        at.source.ends_with("src/main/AndroidManifest.xml") && at.line == 2,
        "{at:?}"
    );
}

#[test]
fn android_permission_missing_respects_old_targets_and_absent_manifests() {
    // targetSdkVersion 32: POST_NOTIFICATIONS is granted implicitly.
    let dir = project(&[
        (
            "app/build.gradle",
            &gradle(PKG, "        targetSdkVersion 32\n"),
        ),
        (
            "app/src/main/AndroidManifest.xml",
            &android_manifest("", ""),
        ),
    ]);
    let report = check(dir.path(), &expect(&[Vendor::Fcm]));
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    // A uni-app without a manifest of its own: HBuilderX writes it, nothing to check.
    let dir = project(&[("manifest.json", "{\"app-plus\": {}}")]);
    let report = check(dir.path(), &expect(&[Vendor::Xiaomi]));
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn aps_environment_missing() {
    let report = check_flutter(&[(
        "ios/Runner/Runner.entitlements",
        Some(EMPTY_ENTITLEMENTS.to_owned()),
    )]);
    no_failures(&report);
    let finding = only(&report, Rule::ApsEnvironmentMissing);
    assert_says(finding, "Runner.entitlements` has no aps-environment");
    assert_eq!(finding.vendor, Some(Vendor::Apns));

    let dir = with(flutter_files(), &[("ios/Runner/Runner.entitlements", None)]);
    let report = check(dir.path(), &full_expect());
    let finding = only(&report, Rule::ApsEnvironmentMissing);
    assert!(finding.location.is_none());
    // Vendors configured without APNs: the iOS side is not pushed through pushdiag's vendors.
    assert_no(
        &check(dir.path(), &expect(&[Vendor::Vivo])),
        Rule::ApsEnvironmentMissing,
    );
}

#[test]
fn apns_environment_mismatch_with_profiles_and_entitlements() {
    let mut profile = vec![0x30u8, 0x80, 0x06, 0x09];
    profile.extend_from_slice(b"<?xml version=\"1.0\"?>\n<plist version=\"1.0\"><dict><key>Entitlements</key><dict>\n<key>application-identifier</key><string>AB12CD34EF.com.example.*</string>\n<key>aps-environment</key><string>development</string>\n</dict></dict></plist>");
    profile.extend_from_slice(&[0xa0, 0x00]);
    let dir = with(flutter_files(), &[]);
    std::fs::write(dir.path().join("ios/embedded.mobileprovision"), &profile).expect("write");
    let production = Expectations {
        apns_environment: Some(config_value("production", 12)),
        ..full_expect()
    };
    let report = check(dir.path(), &production);
    no_failures(&report);
    // The entitlements file's "development" is what Xcode writes even for App Store builds; only
    // the profile is reported. The wildcard App ID matches the bundle id.
    let finding = only(&report, Rule::ApnsEnvironmentMismatch);
    assert_says(finding, "embedded.mobileprovision` grants aps-environment \"development\" but `pushdiag.toml` [apns] environment is \"production\"");
    assert_eq!(finding.location.as_ref().map(|l| l.line), Some(4));
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);

    // A production entitlement with a development config is a real mismatch.
    let report = check_flutter(&[(
        "ios/Runner/Runner.entitlements",
        Some(entitlements("production")),
    )]);
    let finding = only(&report, Rule::ApnsEnvironmentMismatch);
    let at = finding.location.as_ref().expect("located");
    assert_eq!((at.line, at.column), (6, 10));
}

#[test]
fn failures_name_file_line_and_column_and_never_stop_other_files() {
    let dir = with(
        flutter_files(),
        &[
            ("android/app/google-services.json", Some("{\n  \"project_info\": {\n    \"project_id\": \"x\",\n  }\n}\n".to_owned())),
            ("android/app/src/main/AndroidManifest.xml", Some("<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n  <application>\n</manifest>\n".to_owned())),
            ("ios/Runner/Runner.entitlements", Some("<plist><dict><key>aps-environment</key><string>development</dict></plist>".to_owned())),
        ],
    );
    let report = check(dir.path(), &full_expect());
    let messages: Vec<String> = report.failures.iter().map(|e| e.to_string()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    let root = dir.path().display().to_string();
    assert!(messages.contains(&format!(
        "cannot parse `{root}/android/app/google-services.json`: trailing comma at line 3, column 22"
    )), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.starts_with(&format!(
            "cannot parse `{root}/android/app/src/main/AndroidManifest.xml`: "
        )) && m.ends_with("at line 3, column 1")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Runner.entitlements`: ") && m.contains("line 1")),
        "{messages:?}"
    );
    // The other files were still read and checked.
    assert!(report.facts.huawei_app_id.is_some());
    assert!(report
        .facts
        .package_claims
        .iter()
        .any(|c| c.what == claim::APPLICATION_ID));
}

#[test]
fn failures_for_comments_encoding_and_a_missing_root() {
    let dir = project(&[
        ("manifest.json", "{ \"app-plus\": {} /* never closed\n"),
        (
            "app/agconnect-services.json",
            "{\"client\": {\"package_name\": \"caf\u{e9}\"}}",
        ),
    ]);
    // Latin-1 bytes where UTF-8 belongs.
    std::fs::write(
        dir.path().join("app/agconnect-services.json"),
        b"{\"client\": {\"package_name\": \"caf\xe9\"}}",
    )
    .expect("write");
    let report = check(dir.path(), &expect(&[Vendor::Huawei]));
    let messages: Vec<String> = report.failures.iter().map(|e| e.to_string()).collect();
    let root = dir.path().display().to_string();
    assert!(
        messages.contains(&format!(
            "cannot parse `{root}/manifest.json`: unterminated /* comment at line 1, column 18"
        )),
        "{messages:?}"
    );
    assert!(
        messages.contains(&format!(
            "cannot parse `{root}/app/agconnect-services.json`: not UTF-8 at line 1, column 33"
        )),
        "{messages:?}"
    );

    let report = check(&dir.path().join("nope"), &Expectations::default());
    assert_eq!(report.failures.len(), 1);
    assert!(report.failures[0]
        .to_string()
        .starts_with("cannot read the project folder"));
}

#[test]
fn walk_skips_dependencies_and_other_manifests() {
    let dir = project(&[
        ("pubspec.yaml", "name: chat\n"),
        (
            "web/manifest.json",
            "{ \"name\": \"chat\", \"display\": \"standalone\", }",
        ),
        ("android/app/build.gradle", &gradle(PKG, VIVO_PLACEHOLDERS)),
        (
            "android/app/src/main/AndroidManifest.xml",
            &android_manifest("", ALL_PERMISSIONS),
        ),
        (
            "node_modules/x/android/app/build.gradle",
            &gradle("com.broken", ""),
        ),
        ("build/app/intermediates/AndroidManifest.xml", "<broken"),
        (".dart_tool/x/google-services.json", "{,}"),
    ]);
    let report = check(dir.path(), &expect(&[Vendor::Xiaomi]));
    no_failures(&report);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(report.facts.layouts, [Layout::Flutter, Layout::Android]);
    assert_eq!(
        report.facts.files_read.len(),
        2,
        "{:?}",
        report.facts.files_read
    );
}

/// The examples' expectations, read from their own `pushdiag.toml` so the two never drift apart.
fn example(name: &str) -> (PathBuf, Expectations) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let text = std::fs::read_to_string(root.join("pushdiag.toml")).expect("pushdiag.toml");
    let table: toml::Table = text.parse().expect("valid TOML");
    let text_at = |section: Option<&str>, key: &str| {
        let holder = match section {
            Some(name) => table.get(name)?.as_table()?,
            None => &table,
        };
        let value = holder.get(key)?;
        let value = value
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| value.to_string());
        Some(config_value(&value, 1))
    };
    let vendors = Vendor::ALL
        .iter()
        .copied()
        .filter(|v| *v != Vendor::Tim && table.contains_key(v.id()))
        .collect();
    let expect = Expectations {
        package: text_at(None, "package"),
        bundle_id: text_at(Some("apns"), "bundle-id"),
        vendors,
        vivo_app_id: text_at(Some("vivo"), "app-id"),
        apns_environment: text_at(Some("apns"), "environment"),
        config_file: None,
        ..Expectations::default()
    };
    (root, expect)
}

#[test]
fn example_uniapp_chat_shows_every_planted_mistake() {
    // examples/uniapp-chat/README.md lists these; keep the two in step.
    let (root, expect) = example("uniapp-chat");
    let report = check(&root, &expect);
    no_failures(&report);
    assert_eq!(report.facts.layouts, [Layout::UniApp]);
    let mut found: Vec<(&str, String)> = report
        .findings
        .iter()
        .map(|f| {
            let at = f.location.as_ref().map_or(String::new(), |l| {
                let file = l.source.rsplit("uniapp-chat/").next().unwrap_or_default();
                format!("{file}:{}", l.line)
            });
            (f.rule.name(), at)
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "android-permission-missing",
                "AndroidManifest.xml:3".to_owned()
            ),
            // A note, not a planted mistake: the OPPO AppSecret comes from the build's environment.
            ("app-value-not-checked", "App.vue:18".to_owned()),
            (
                "huawei-agconnect-missing",
                "nativeplugins/TencentCloud-TUIOfflinePush/android/agconnect-services.json:1"
                    .to_owned()
            ),
            ("package-name-mismatch", "AndroidManifest.xml:5".to_owned()),
            ("vivo-manifest-keys-missing", "manifest.json:48".to_owned()),
            ("vivo-manifest-keys-missing", "manifest.json:49".to_owned()),
        ],
        "{:#?}",
        report.findings
    );
}

#[test]
fn example_flutter_chat_is_clean() {
    let (root, expect) = example("flutter-chat");
    assert!(expect.vendors.contains(&Vendor::Huawei) && expect.vivo_app_id.is_some());
    let report = check(&root, &expect);
    no_failures(&report);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(
        report.facts.layouts,
        [Layout::Flutter, Layout::Android, Layout::Ios]
    );
    assert_eq!(
        report.facts.vivo_app_id.as_ref().map(|v| v.value.as_str()),
        Some("10014")
    );
}
