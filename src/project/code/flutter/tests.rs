//! The Flutter readers on small app folders written to a temp dir.

use std::path::Path;

use super::super::super::layout::{scan, Scan};
use super::super::{AppCode, Build, Field, Stack};
use crate::vendor::Vendor;

const OLD_PUBSPEC: &str =
    "name: chat\ndependencies:\n  flutter:\n    sdk: flutter\n  tim_ui_kit_push_plugin: ^0.2.0\n";
const NEW_PUBSPEC: &str =
    "name: chat\ndependencies:\n  tencent_cloud_chat_push: ^8.0.0 # TIMPush\n";

/// Writes the files (and an `android/` folder, which makes the folder a Flutter app) and scans.
fn scanned(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Scan) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("android")).expect("mkdir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    let scan = scan(dir.path(), None);
    let failures: Vec<String> = scan.failures.iter().map(|e| e.to_string()).collect();
    assert!(failures.is_empty(), "{failures:?}");
    (dir, scan)
}

/// (vendor, field, value, build, "file:line:column") of each registered value.
fn registered(code: &AppCode) -> Vec<(Vendor, Field, &str, Build, String)> {
    code.registered
        .iter()
        .map(|r| {
            let at = &r.location;
            let file = Path::new(&*at.source)
                .file_name()
                .expect("name")
                .to_string_lossy();
            (
                r.vendor,
                r.field,
                r.value.as_str(),
                r.build,
                format!("{file}:{}:{}", at.line, at.column),
            )
        })
        .collect()
}

fn unfollowed(code: &AppCode) -> Vec<(Option<Vendor>, String, String)> {
    code.unfollowed
        .iter()
        .map(|u| {
            (
                u.vendor,
                format!("{} is {}", u.what, u.why),
                format!("line {}", u.location.line),
            )
        })
        .collect()
}

const PUSH_CONFIG: &str = r#"import 'package:flutter/foundation.dart';
import 'package:tim_ui_kit_push_plugin/model/appInfo.dart';
import 'ids.dart';

class PushConfig {
  static const int HWPushBuzID = 20003;
  static const String XMPushAPPID = "2882303761500000011";
  static const int ApplePushDevBuzID = 20006;
  static const int ApplePushDisBuzID = 20007;
  static const int OppoBuzID = int.fromEnvironment('OPPO_BUZ_ID');

  static final PushAppInfo appInfo = PushAppInfo(
    hw_buz_id: HWPushBuzID,
    mi_app_id: PushConfig.XMPushAPPID,
    mi_buz_id: kXiaomiId,
    vivo_buz_id: kTwice,
    oppo_buz_id: OppoBuzID,
    oppo_app_secret: dotenv.env['OPPO_SECRET'],
    google_buz_id: null,
    honor_buz_id: kDebugMode ? 1 : 2,
    mz_buz_id: Elsewhere.meizuId,
    apple_buz_id: kDebugMode ? ApplePushDevBuzID : ApplePushDisBuzID,
  );
}
"#;

const IDS: &str = "// ids\nconst kXiaomiId = 20001;\nconst kTwice = 1;\n";
const MORE_IDS: &str = "const kTwice = 2;\n";

#[test]
fn push_app_info_values_are_followed_through_the_apps_constants() {
    let (_dir, scan) = scanned(&[
        ("pubspec.yaml", OLD_PUBSPEC.as_bytes()),
        ("lib/push_config.dart", PUSH_CONFIG.as_bytes()),
        ("lib/ids.dart", IDS.as_bytes()),
        ("lib/src/more_ids.dart", MORE_IDS.as_bytes()),
        // Build output and tool folders are never read.
        ("build/x.dart", b"final a = PushAppInfo(hw_buz_id: 1);"),
        (".dart_tool/x.dart", b"final a = PushAppInfo(hw_buz_id: 1);"),
    ]);
    let code = &scan.facts.app_code;
    assert_eq!(code.stacks, [Stack::FlutterTimUiKitPushPlugin]);
    assert_eq!(
        registered(code),
        [
            (
                Vendor::Huawei,
                Field::BusinessId,
                "20003",
                Build::Any,
                "push_config.dart:6:34".into()
            ),
            (
                Vendor::Xiaomi,
                Field::AppId,
                "2882303761500000011",
                Build::Any,
                "push_config.dart:7:37".into()
            ),
            (
                Vendor::Xiaomi,
                Field::BusinessId,
                "20001",
                Build::Any,
                "ids.dart:2:19".into()
            ),
            (
                Vendor::Apns,
                Field::BusinessId,
                "20006",
                Build::Debug,
                "push_config.dart:8:40".into()
            ),
            (
                Vendor::Apns,
                Field::BusinessId,
                "20007",
                Build::Release,
                "push_config.dart:9:40".into()
            ),
        ]
    );
    let origin = &code.registered[0].origin;
    assert_eq!(
        origin,
        "`hw_buz_id` of `PushAppInfo` in push_config.dart, through `HWPushBuzID`"
    );
    assert!(code.registered[3]
        .origin
        .ends_with("(`kDebugMode`: debug builds)"));
    let notes = unfollowed(code);
    let says = |vendor: Vendor, text: &str, line: &str| {
        assert!(
            notes
                .iter()
                .any(|(v, t, l)| *v == Some(vendor) && t.contains(text) && l == line),
            "{vendor}: {text} at {line} not in {notes:#?}"
        );
    };
    says(
        Vendor::Vivo,
        "`kTwice`, which is defined more than once",
        "line 16",
    );
    says(
        Vendor::Oppo,
        "`oppo_buz_id` of `PushAppInfo` is read from `--dart-define=OPPO_BUZ_ID=…`",
        "line 10",
    );
    says(
        Vendor::Oppo,
        "`oppo_app_secret` of `PushAppInfo` is read from an env file (flutter_dotenv)",
        "line 18",
    );
    says(
        Vendor::Honor,
        "chosen by `kDebugMode`; pushdiag compares one value per build only for the APNs",
        "line 20",
    );
    says(
        Vendor::Meizu,
        "`Elsewhere.meizuId`, which is not a constant defined in the app's `lib/`",
        "line 21",
    );
    assert_eq!(notes.len(), 5, "{notes:#?}");
    // Only the files that gave a value count as read.
    let read: Vec<String> = scan
        .facts
        .files_read
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        read.contains(&"lib/ids.dart".to_owned()) && !read.iter().any(|r| r.contains("more_ids")),
        "{read:?}"
    );
}

#[test]
fn register_push_reads_the_apns_certificate_id_and_the_sdk_app_id() {
    let main = r#"import 'package:tencent_cloud_chat_push/tencent_cloud_chat_push.dart';
import 'consts.dart' as consts;
void main() {
  TencentCloudChatPush().registerPush(
      onNotificationClicked: _onClicked,
      sdkAppId: consts.kSdkAppId,
      appKey: "a-client-key",
      apnsCertificateID: kReleaseMode ? consts.kApnsProd : consts.kApnsDev);
}
"#;
    let consts = "const kSdkAppId = 1400000001;\nconst int kApnsDev = 17703, kApnsProd = 17704;\n";
    let (_dir, scan) = scanned(&[
        ("pubspec.yaml", NEW_PUBSPEC.as_bytes()),
        ("lib/main.dart", main.as_bytes()),
        ("lib/consts.dart", consts.as_bytes()),
    ]);
    let code = &scan.facts.app_code;
    assert_eq!(code.stacks, [Stack::FlutterTencentCloudChatPush]);
    assert_eq!(
        registered(code),
        [
            (
                Vendor::Tim,
                Field::AppId,
                "1400000001",
                Build::Any,
                "consts.dart:1:19".into()
            ),
            (
                Vendor::Apns,
                Field::BusinessId,
                "17703",
                Build::Debug,
                "consts.dart:2:22".into()
            ),
            (
                Vendor::Apns,
                Field::BusinessId,
                "17704",
                Build::Release,
                "consts.dart:2:41".into()
            ),
        ],
        "the push client key is never copied"
    );
    assert!(code.unfollowed.is_empty(), "{:?}", code.unfollowed);
}

#[test]
fn a_dart_define_apns_id_is_a_note_and_a_register_push_without_the_plugin_is_not_read() {
    let main = "void f() { TencentCloudChatPush().registerPush(apnsCertificateID: int.fromEnvironment('APNS_ID')); }";
    let (_dir, scan) = scanned(&[
        ("pubspec.yaml", NEW_PUBSPEC.as_bytes()),
        ("lib/main.dart", main.as_bytes()),
    ]);
    let notes = unfollowed(&scan.facts.app_code);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].1.starts_with("`apnsCertificateID` of `registerPush` is read from `--dart-define=APNS_ID=…` at build time"), "{notes:?}");

    // Another SDK's registerPush in an app without the plugin: not Tencent's.
    let (_dir, scan) = scanned(&[
        ("pubspec.yaml", b"name: x\n"),
        ("lib/main.dart", main.as_bytes()),
    ]);
    assert_eq!(scan.facts.app_code, AppCode::default());
}

/// Bad input: a Dart file that is not UTF-8 is skipped, with a note only when it mentions a push
/// registration; nothing fails the run.
#[test]
fn unreadable_dart_files_are_notes_or_nothing() {
    let mut latin1 = b"final a = PushAppInfo(hw_buz_id: 1); // caf".to_vec();
    latin1.push(0xE9);
    let mut other = b"// caf".to_vec();
    other.push(0xE9);
    let deep = format!(
        "final a = PushAppInfo(hw_buz_id: 1); const b = {};",
        "'${".repeat(40)
    );
    let (_dir, scan) = scanned(&[
        ("pubspec.yaml", OLD_PUBSPEC.as_bytes()),
        ("lib/latin1.dart", &latin1),
        ("lib/other.dart", &other),
        ("lib/deep.dart", deep.as_bytes()),
    ]);
    let notes = unfollowed(&scan.facts.app_code);
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(notes[0].1.ends_with("deep.dart`, which mentions `PushAppInfo`, is not read: its string interpolations nest too deeply (line 1)"), "{notes:?}");
    assert!(
        notes[1].1.ends_with(
            "latin1.dart`, which mentions `PushAppInfo`, is not read: it is not UTF-8 text"
        ),
        "{notes:?}"
    );
    assert!(scan.facts.app_code.registered.is_empty());
}

const MANIFEST_HEAD: &str = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example.chat">"#;

fn manifest(application: &str) -> String {
    format!("{MANIFEST_HEAD}\n    <application {application}/>\n</manifest>\n")
}

/// The rule's verdict for an app on the plugin with these Android files.
fn application_problem(files: &[(&str, &str)]) -> Option<String> {
    let mut all: Vec<(&str, &[u8])> = vec![("pubspec.yaml", NEW_PUBSPEC.as_bytes())];
    all.extend(files.iter().map(|(rel, text)| (*rel, text.as_bytes())));
    let (_dir, scan) = scanned(&all);
    assert_eq!(scan.push_applications.len(), 1);
    scan.push_applications[0].problem.clone()
}

const MAIN_MANIFEST: &str = "android/app/src/main/AndroidManifest.xml";
const KOTLIN: &str = "android/app/src/main/kotlin/com/example/chat/";

#[test]
fn the_application_class_must_extend_the_plugins() {
    let named = manifest(r#"android:name=".MyApplication""#);
    let kotlin = format!("{KOTLIN}MyApplication.kt");
    // Kotlin, directly; Java through a base class; the plugin's own class named in the manifest.
    let ok = "package com.example.chat\n// class MyApplication : FlutterApplication()\nclass MyApplication(\n) :\n  com.tencent.chat.flutter.push.tencent_cloud_chat_push.application.TencentCloudChatPushApplication() {}\n";
    assert_eq!(
        application_problem(&[(MAIN_MANIFEST, &named), (&kotlin, ok)]),
        None
    );
    let java = "android/app/src/main/java/com/example/chat/MyApplication.java";
    let base = "android/app/src/main/java/com/example/chat/Base.java";
    assert_eq!(
        application_problem(&[
            (MAIN_MANIFEST, &named),
            (
                java,
                "public class MyApplication extends Base implements Foo {}"
            ),
            (
                base,
                "public abstract class Base extends TencentCloudChatPushApplication {}"
            ),
        ]),
        None
    );
    let plugin = manifest(
        r#"android:name="com.tencent.chat.flutter.push.tencent_cloud_chat_push.application.TencentCloudChatPushApplication""#,
    );
    assert_eq!(application_problem(&[(MAIN_MANIFEST, &plugin)]), None);
    // A placeholder Gradle fills in.
    let gradle = "android { defaultConfig { manifestPlaceholders = [applicationName: \"com.example.chat.MyApplication\"] } }";
    assert_eq!(
        application_problem(&[
            (
                MAIN_MANIFEST,
                &manifest(r#"android:name="${applicationName}""#)
            ),
            ("android/app/build.gradle", gradle),
            (&kotlin, ok),
        ]),
        None
    );
}

#[test]
fn the_application_problem_says_what_the_manifest_names_instead() {
    let kotlin = format!("{KOTLIN}MyApplication.kt");
    let named = manifest(r#"android:name=".MyApplication""#);
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[(MAIN_MANIFEST, &manifest(""))], "has no `android:name`, so Android starts the plain `android.app.Application`"),
        (
            &[(MAIN_MANIFEST, &manifest(r#"android:name="${applicationName}""#))],
            "names `${applicationName}`, which Flutter's Gradle plugin fills with `android.app.Application`",
        ),
        (
            &[(MAIN_MANIFEST, &named), (&kotlin, "class MyApplication : FlutterApplication()")],
            "names `MyApplication` (`",
        ),
        (&[(MAIN_MANIFEST, &named)], "names `.MyApplication`, but no class `MyApplication` is under `android/app/src/main/kotlin` or `java`"),
        (&[(MAIN_MANIFEST, &named), (&kotlin, "class MyApplication")], "which extends no class"),
    ];
    for (files, expected) in cases {
        let problem = application_problem(files).expect("a problem");
        assert!(problem.contains(expected), "{problem}");
    }
    let problem = application_problem(&[
        (MAIN_MANIFEST, &named),
        (&kotlin, "\nclass MyApplication : FlutterApplication()"),
    ])
    .expect("problem");
    assert!(problem.ends_with("MyApplication.kt:2`), which extends `FlutterApplication`, not `TencentCloudChatPushApplication`"), "{problem}");
}

#[test]
fn the_application_is_not_checked_for_the_old_plugin() {
    let (_dir, scan) = scanned(&[
        ("pubspec.yaml", OLD_PUBSPEC.as_bytes()),
        (MAIN_MANIFEST, manifest("").as_bytes()),
    ]);
    assert!(scan.push_applications.is_empty());
}
