//! Whole-project tests of TIMPush on Android, and of the uni-app advice that depends on the
//! plugin generation.

use crate::findings::Rule;
use crate::project::code::Stack;
use crate::project::tests::{
    assert_helps, assert_no, assert_says, expect, no_failures, only, project, write,
};
use crate::project::{check, ProjectReport};
use crate::vendor::Vendor;

const PKG: &str = "com.example.chat";

fn app_gradle(plugins: &str, dependencies: &str, extra: &str) -> String {
    format!(
        "plugins {{\n    id 'com.android.application'\n{plugins}}}\nandroid {{\n    defaultConfig {{\n        applicationId \"{PKG}\"\n{extra}    }}\n}}\ndependencies {{\n    implementation 'com.tencent.timpush:timpush:8.7.7201'\n{dependencies}}}\n"
    )
}

const MANIFEST: &str = "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"><uses-permission android:name=\"android.permission.POST_NOTIFICATIONS\"/></manifest>";

fn timpush_configs(extra: &str) -> String {
    format!("{{\n  \"version\": \"1.0.1\",\n  \"{PKG}\": {{\n    \"honorPushBussinessId\": \"1001\"{extra}\n  }}\n}}\n")
}

fn run(dir: &tempfile::TempDir, vendors: &[Vendor]) -> ProjectReport {
    let report = check(dir.path(), &expect(vendors));
    no_failures(&report);
    report
}

#[test]
fn native_timpush_app_needs_each_vendor_package_plugin_and_file() {
    let dir = project(&[
        ("settings.gradle", "include ':app'\n"),
        ("app/build.gradle", &app_gradle("", "", "")),
        ("app/src/main/AndroidManifest.xml", MANIFEST),
        (
            "app/src/main/assets/timpush-configs.json",
            &timpush_configs(""),
        ),
    ]);
    let report = run(&dir, &[Vendor::Honor, Vendor::Fcm, Vendor::Apns]);
    assert!(report
        .facts
        .app_code
        .stacks
        .contains(&Stack::AndroidTimPush));
    let artifacts: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::TimpushVendorArtifactMissing)
        .map(|f| &*f.message)
        .collect();
    // Honor and FCM: the package and the plugin each; APNs is not Android.
    assert_eq!(artifacts.len(), 4, "{artifacts:#?}");
    assert!(artifacts
        .iter()
        .any(|m| m.contains("com.tencent.timpush:honor")));
    assert!(artifacts
        .iter()
        .any(|m| m.contains("com.hihonor.mcs.asplugin")));
    let honor = only(&report, Rule::HonorMcsServicesMissing);
    assert_says(honor, "app/mcs-services.json");
    let fcm = only(&report, Rule::FcmGoogleServicesMissing);
    assert_helps(fcm, "app/google-services.json");
    let line = report
        .findings
        .iter()
        .find(|f| f.rule == Rule::TimpushVendorArtifactMissing)
        .and_then(|f| f.location.as_ref())
        .map(|l| l.line);
    assert_eq!(line, Some(9), "at `dependencies {{`");

    // The fix: packages, plugins (one from a version catalog), and both files.
    write(
        dir.path(),
        &[
            (
                "app/build.gradle",
                &app_gradle(
                    "    id 'com.hihonor.mcs.asplugin'\n    alias(libs.plugins.google.services)\n",
                    "    implementation 'com.tencent.timpush:honor:8.7.7201'\n    implementation(\"com.tencent.timpush:fcm:8.7.7201\")\n",
                    "",
                ),
            ),
            ("app/mcs-services.json", &format!("{{\"app_id\": \"1\", \"package_name\": \"{PKG}\"}}")),
            ("app/google-services.json", &format!("{{\"client\": [{{\"client_info\": {{\"android_client_info\": {{\"package_name\": \"{PKG}\"}}}}}}]}}")),
        ],
    );
    let report = run(&dir, &[Vendor::Honor, Vendor::Fcm]);
    for rule in [
        Rule::TimpushVendorArtifactMissing,
        Rule::HonorMcsServicesMissing,
        Rule::FcmGoogleServicesMissing,
    ] {
        assert_no(&report, rule);
    }

    // mcs-services.json for another app.
    write(
        dir.path(),
        &[("app/mcs-services.json", "{\"package_name\": \"com.other\"}")],
    );
    let report = run(&dir, &[Vendor::Honor]);
    assert_says(
        only(&report, Rule::HonorMcsServicesMissing),
        "\"com.other\"",
    );
}

#[test]
fn flutter_android_app_is_left_to_the_flutter_reader() {
    let dir = project(&[
        ("pubspec.yaml", "name: chat\n"),
        ("android/app/build.gradle", &app_gradle("", "", "")),
        ("android/app/src/main/AndroidManifest.xml", MANIFEST),
    ]);
    let report = run(&dir, &[Vendor::Honor]);
    assert!(!report
        .facts
        .app_code
        .stacks
        .contains(&Stack::AndroidTimPush));
    // Without the Flutter reader's tencent_cloud_chat_push stack, no TIMPush rule applies.
    assert_no(&report, Rule::TimpushVendorArtifactMissing);
}

#[test]
fn legacy_native_app_is_tuiofflinepush() {
    let dir = project(&[
        (
            "app/build.gradle",
            &format!("plugins {{ id 'com.android.application' }}\nandroid {{ defaultConfig {{ applicationId \"{PKG}\" }} }}\ndependencies {{ implementation project(':tuiofflinepush') }}\n"),
        ),
        ("tuiofflinepush/build.gradle", "plugins { id 'com.android.library' }\n"),
    ]);
    let report = run(&dir, &[Vendor::Honor]);
    assert_eq!(report.facts.app_code.stacks, [Stack::AndroidTuiOfflinePush]);
    assert_no(&report, Rule::TimpushVendorArtifactMissing);
    assert_no(&report, Rule::HonorMcsServicesMissing);
}

#[test]
fn placeholders_of_the_json_against_gradle_and_meta_data() {
    let json = timpush_configs(
        ",\n    \"manifestPlaceholders\": {\"VIVO_APPID\": \"105000001\", \"VIVO_APPKEY\": \"k1\", \"HONOR_APPID\": \"\"}",
    );
    let files = |extra: &str, manifest: &str| {
        project(&[
            ("app/build.gradle", &app_gradle("", "", extra)),
            ("app/src/main/AndroidManifest.xml", manifest),
            ("app/src/main/assets/timpush-configs.json", &json),
        ])
    };
    // Missing in the build (an empty HONOR_APPID in the JSON is not asked for).
    let report = run(&files("", MANIFEST), &[]);
    let missing: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::TimpushPlaceholdersMismatch)
        .map(|f| &*f.message)
        .collect();
    assert_eq!(missing.len(), 2, "{missing:#?}");
    assert!(missing.iter().all(|m| m.contains("does not define")));

    // Different: the AppKey's values are not shown.
    let report = run(
        &files(
            "        manifestPlaceholders = [VIVO_APPID: \"105000002\", VIVO_APPKEY: \"k2\"]\n",
            MANIFEST,
        ),
        &[],
    );
    let found: Vec<&crate::findings::Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::TimpushPlaceholdersMismatch)
        .collect();
    assert_eq!(found.len(), 2);
    assert!(
        found[0].message.contains("\"105000001\"") && found[0].message.contains("\"105000002\"")
    );
    assert!(!found[1].message.contains("k1") && !found[1].message.contains("k2"));
    assert_eq!(found[0].location.as_ref().map(|l| l.line), Some(5));

    // Equal, one of them through the manifest's own meta-data.
    let manifest = "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"><application><meta-data android:name=\"com.vivo.push.api_key\" android:value=\"k1\"/><meta-data android:name=\"com.vivo.push.app_id\" android:value=\"${VIVO_APPID}\"/></application></manifest>";
    let report = run(
        &files(
            "        manifestPlaceholders = [VIVO_APPID: \"105000001\"]\n",
            manifest,
        ),
        &[],
    );
    assert_no(&report, Rule::TimpushPlaceholdersMismatch);
}

/// A git index (version 2) holding `paths`, as git writes it.
fn git_index(paths: &[&str]) -> Vec<u8> {
    super::git_index::tests::index(2, paths)
}

#[test]
fn tracked_config_with_the_oppo_secret_warns() {
    let rel = "app/src/main/assets/timpush-configs.json";
    let dir = project(&[
        ("app/build.gradle", &app_gradle("", "", "")),
        (
            rel,
            &timpush_configs(
                ",\n    \"oppoPushAppKey\": \"k\",\n    \"oppoPushAppSecret\": \"s3cr3t\"",
            ),
        ),
    ]);
    // No repository: nothing to say.
    assert_no(&run(&dir, &[]), Rule::TimpushConfigTracked);
    std::fs::create_dir_all(dir.path().join(".git")).expect(".git");
    std::fs::write(
        dir.path().join(".git/index"),
        git_index(&["app/build.gradle"]),
    )
    .expect("index");
    assert_no(&run(&dir, &[]), Rule::TimpushConfigTracked);
    std::fs::write(
        dir.path().join(".git/index"),
        git_index(&["app/build.gradle", rel]),
    )
    .expect("index");
    let report = run(&dir, &[]);
    let finding = only(&report, Rule::TimpushConfigTracked);
    assert!(
        !finding.message.contains("s3cr3t")
            && !finding.help.clone().unwrap_or_default().contains("s3cr3t")
    );
    assert_eq!(
        finding.location.as_ref().map(|l| l.line),
        Some(6),
        "at the secret"
    );
    // An index pushdiag cannot read is "don't know", not a finding.
    std::fs::write(dir.path().join(".git/index"), b"DIRC garbage").expect("index");
    assert_no(&run(&dir, &[]), Rule::TimpushConfigTracked);
}

#[test]
fn custom_config_file_is_read_or_noted() {
    let call = |name: &str| {
        format!("class App {{ void onCreate() {{ TIMPushManager.getInstance().callExperimentalAPI(\"setPushConfig\", \"{{\\\"customConfigFile\\\":\\\"{name}\\\"}}\", null); }} }}")
    };
    let dir = project(&[
        ("app/build.gradle", &app_gradle("", "", "")),
        (
            "app/src/main/java/com/example/chat/App.java",
            &call("push-dev.json"),
        ),
    ]);
    let report = run(&dir, &[]);
    let notes = &report.facts.app_code.unfollowed;
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(
        notes[0].what.contains("push-dev.json") && notes[0].why.contains("app/src/main/assets/")
    );
    // Present in a variant's assets: read like timpush-configs.json, its values registered.
    write(
        dir.path(),
        &[("app/src/debug/assets/push-dev.json", &timpush_configs(""))],
    );
    let report = run(&dir, &[]);
    assert!(report.facts.app_code.unfollowed.is_empty());
    assert!(report
        .facts
        .app_code
        .registered
        .iter()
        .any(|r| r.vendor == Vendor::Honor && r.value == "1001"));
}

const UNI_MANIFEST: &str = "{\"name\": \"chat\", \"app-plus\": {\"distribute\": {\"android\": {\"packagename\": \"com.example.chat\"}}}}";

#[test]
fn uniapp_tencentcloud_push_gets_its_own_advice() {
    let dir = project(&[
        ("manifest.json", UNI_MANIFEST),
        (
            "uni_modules/TencentCloud-Push/utssdk/app-android/config.json",
            "{\"dependencies\": [\"com.tencent.timpush:huawei:8.7.7201\"]}",
        ),
        (
            "nativeResources/android/assets/timpush-configs.json",
            &timpush_configs(""),
        ),
    ]);
    let report = run(&dir, &[Vendor::Huawei, Vendor::Vivo, Vendor::Fcm]);
    assert!(report
        .facts
        .app_code
        .stacks
        .contains(&Stack::UniAppTencentCloudPush));
    let huawei = only(&report, Rule::HuaweiAgconnectMissing);
    assert_says(huawei, "nativeResources/android/agconnect-services.json");
    assert!(
        !huawei.message.contains("TUIOfflinePush"),
        "{}",
        huawei.message
    );
    let vivo = only(&report, Rule::VivoManifestKeysMissing);
    assert_says(vivo, "nativeResources/android/manifestPlaceholders.json");
    assert!(!vivo
        .help
        .clone()
        .unwrap_or_default()
        .contains("TUIOfflinePush"));
    // The uni-app build lacks the vivo and FCM packages and the Google services plugin.
    let missing: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::TimpushVendorArtifactMissing)
        .map(|f| &*f.message)
        .collect();
    assert_eq!(missing.len(), 3, "{missing:#?}");
    assert_helps(
        only(&report, Rule::FcmGoogleServicesMissing),
        "nativeResources/android/google-services.json",
    );
}

#[test]
fn uniapp_legacy_plugin_never_hears_of_timpush() {
    let dir = project(&[
        ("manifest.json", UNI_MANIFEST),
        (
            "nativeplugins/TencentCloud-TUIOfflinePush/package.json",
            "{}",
        ),
    ]);
    let report = run(&dir, &[Vendor::Huawei, Vendor::Vivo]);
    let huawei = only(&report, Rule::HuaweiAgconnectMissing);
    assert_says(
        huawei,
        "nativeplugins/TencentCloud-TUIOfflinePush/android/assets/agconnect-services.json",
    );
    for finding in &report.findings {
        let text = format!(
            "{} {}",
            finding.message,
            finding.help.clone().unwrap_or_default()
        );
        assert!(
            !text.contains("timpush") && !text.contains("nativeResources"),
            "{text}"
        );
    }
}
