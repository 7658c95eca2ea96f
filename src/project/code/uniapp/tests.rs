use super::super::super::layout;
use super::*;

const MANIFEST: &str =
    r#"{ "app-plus": { "distribute": { "android": { "packagename": "com.a" } } } }"#;

/// Scans a temp project made of `files`.
fn scan(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Scan) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    let scan = layout::scan(dir.path(), None);
    (dir, scan)
}

/// (vendor, field, value, line, column, origin) of each registered value of `file`.
fn registered(scan: &Scan, file: &str) -> Vec<(Vendor, Field, String, u64, u64, String)> {
    scan.facts
        .app_code
        .registered
        .iter()
        .filter(|r| r.location.source.ends_with(file))
        .map(|r| {
            let at = &r.location;
            (
                r.vendor,
                r.field,
                r.value.clone(),
                at.line,
                at.column,
                r.origin.clone(),
            )
        })
        .collect()
}

fn unfollowed(scan: &Scan) -> Vec<(String, String)> {
    let code = &scan.facts.app_code;
    code.unfollowed
        .iter()
        .map(|u| (u.what.clone(), u.why.clone()))
        .collect()
}

#[test]
fn legacy_offline_push_config_gives_every_key_of_the_guide() {
    let app = "<script>\n\
const IDS = { huawei: '10003' };\n\
const TUIOfflinePush = uni.requireNativePlugin('TencentCloud-TUIOfflinePush');\n\
uni.$TUIKit.registerPlugin({\n\
\t'tim-offline-push-plugin': TUIOfflinePush,\n\
\t'offlinePushConfig': {\n\
\t\t'huaweiBusinessID': IDS.huawei,\n\
\t\txiaomiBusinessID: '10001', 'xiaomiAppID': '288', 'xiaomiAppKey': '500',\n\
\t\t'meizuBusinessID': '10005', 'meizuAppID': '1', 'meizuAppKey': 'k',\n\
\t\t'vivoBusinessID': 10004, 'oppoBusinessID': '10002', 'oppoAppKey': 'ok', 'oppoAppSecret': 's',\n\
\t\t'iosBusinessID': process.env.IOS_ID,\n\
\t\t'honorBusinessID': '9',\n\
\t}\n\
});\n</script>\n";
    let (_dir, scan) = scan(&[
        ("manifest.json", MANIFEST.as_bytes()),
        ("App.vue", app.as_bytes()),
    ]);
    assert_eq!(scan.facts.app_code.stacks, [Stack::UniAppTuiOfflinePush]);
    let found = registered(&scan, "App.vue");
    let keys: Vec<_> = found.iter().map(|r| (r.0, r.1, r.2.as_str())).collect();
    assert_eq!(
        keys,
        [
            (Vendor::Huawei, Field::BusinessId, "10003"),
            (Vendor::Xiaomi, Field::BusinessId, "10001"),
            (Vendor::Xiaomi, Field::AppId, "288"),
            (Vendor::Xiaomi, Field::AppKey, "500"),
            (Vendor::Meizu, Field::BusinessId, "10005"),
            (Vendor::Meizu, Field::AppId, "1"),
            (Vendor::Meizu, Field::AppKey, "k"),
            (Vendor::Vivo, Field::BusinessId, "10004"),
            (Vendor::Oppo, Field::BusinessId, "10002"),
            (Vendor::Oppo, Field::AppKey, "ok"),
            (Vendor::Oppo, Field::AppSecret, "s"),
        ]
    );
    // The Huawei ID is where the constant writes it: line 2, column 23.
    assert_eq!((found[0].3, found[0].4), (2, 23));
    assert_eq!(
        found[0].5,
        "`offlinePushConfig.huaweiBusinessID` in App.vue"
    );
    // The value computed at build time is said, with why, at the member's value.
    let code = &scan.facts.app_code;
    assert_eq!(code.unfollowed.len(), 1, "{:?}", unfollowed(&scan));
    let ios = &code.unfollowed[0];
    assert_eq!(ios.vendor, Some(Vendor::Apns));
    assert_eq!(ios.what, "`offlinePushConfig.iosBusinessID`");
    assert!(ios.why.contains("process.env.IOS_ID"), "{}", ios.why);
    assert_eq!((ios.location.line, ios.location.column), (11, 20));
    assert!(scan.facts.files_read.iter().any(|f| f.ends_with("App.vue")));
}

#[test]
fn the_legacy_plugin_folder_alone_names_the_stack() {
    let (_dir, scan) = scan(&[
        ("manifest.json", MANIFEST.as_bytes()),
        (
            "nativeplugins/TencentCloud-TUIOfflinePush/package.json",
            b"{}",
        ),
        // Not the app's code: the plugin's own sample is never read.
        (
            "nativeplugins/TencentCloud-TUIOfflinePush/demo.js",
            b"tim.registerPlugin({offlinePushConfig: {huaweiBusinessID: '1'}})",
        ),
        (
            "uni_modules/other/x.js",
            b"tim.registerPlugin({offlinePushConfig: {huaweiBusinessID: '1'}})",
        ),
    ]);
    assert_eq!(scan.facts.app_code.stacks, [Stack::UniAppTuiOfflinePush]);
    assert!(scan.facts.app_code.registered.is_empty());
}

#[test]
fn timpush_plugin_reads_the_imported_json_and_the_ios_business_id() {
    let main = r#"import timpushConfigs from "@/utils/push-config.json";
const TIMPush = uni.requireNativePlugin("TencentCloud-TIMPush");
chat.registerPlugin({
  'tim-push': TIMPush,
  pushConfig: {
    androidConfig: timpushConfigs,
    iOSConfig: { "iOSBusinessID": "40001" },
  },
});
"#;
    let json = br#"{"version": "1.0.1", "com.a": {"huaweiPushBussinessId": "30001"}}"#;
    let (_dir, scan) = scan(&[
        ("manifest.json", MANIFEST.as_bytes()),
        ("main.js", main.as_bytes()),
        ("utils/push-config.json", json),
    ]);
    assert_eq!(scan.facts.app_code.stacks, [Stack::UniAppTimPushPlugin]);
    let ios = registered(&scan, "main.js");
    assert_eq!(ios.len(), 1);
    assert_eq!(
        (ios[0].0, ios[0].1, ios[0].2.as_str()),
        (Vendor::Apns, Field::BusinessId, "40001")
    );
    assert_eq!(ios[0].5, "`pushConfig.iOSConfig.iOSBusinessID` in main.js");
    // A JSON not named timpush-configs is read because the code imports it.
    let android = registered(&scan, "push-config.json");
    assert_eq!(android.len(), 1);
    assert_eq!(
        (android[0].0, android[0].2.as_str()),
        (Vendor::Huawei, "30001")
    );
    assert!(scan.facts.package_claims.iter().any(|c| c.value == "com.a"));
    assert!(unfollowed(&scan).is_empty(), "{:?}", unfollowed(&scan));
}

#[test]
fn timpush_plugin_config_named_as_usual_is_read_once() {
    let main = br#"import cfg from "../utils/timpush-configs.json"
chat.registerPlugin({ 'tim-push': TIMPush, pushConfig: { androidConfig: cfg } })"#;
    let json = br#"{"com.a": {"vivoPushBussinessId": "5"}}"#;
    let (_dir, scan) = scan(&[
        ("manifest.json", MANIFEST.as_bytes()),
        ("pages/index.js", main),
        ("utils/timpush-configs.json", json),
    ]);
    assert_eq!(registered(&scan, "timpush-configs.json").len(), 1);
    assert_eq!(scan.timpush_configs.len(), 1);
    assert_eq!(scan.facts.app_code.stacks, [Stack::UniAppTimPushPlugin]);
}

#[test]
fn an_import_that_cannot_be_followed_is_said() {
    let main = br#"import a from "@/utils/missing.json";
import b from "../../outside.json";
import c from "some-package/config.json";
import { d } from "./config.js";
x.registerPlugin({ 'tim-push': p, pushConfig: { androidConfig: a } });
x.registerPlugin({ 'tim-push': p, pushConfig: { androidConfig: b } });
x.registerPlugin({ 'tim-push': p, pushConfig: { androidConfig: c } });
x.registerPlugin({ 'tim-push': p, pushConfig: { androidConfig: d, iOSConfig: getIos() } });
"#;
    let (_dir, scan) = scan(&[("manifest.json", MANIFEST.as_bytes()), ("main.js", main)]);
    let whys: Vec<String> = unfollowed(&scan).into_iter().map(|(_, why)| why).collect();
    assert_eq!(
        whys,
        [
            "`d`, imported from `./config.js`",
            "a function call",
            "imported from `@/utils/missing.json`, which is not in the project",
            "imported from `../../outside.json`, outside the project folder",
            "imported from `some-package/config.json`, outside the app's folders",
        ]
    );
    let first = &scan.facts.app_code.unfollowed[2];
    assert_eq!(
        (first.what.as_str(), first.location.line),
        ("`pushConfig.androidConfig`", 1)
    );
}

#[test]
fn tencentcloud_push_records_the_sdk_app_id() {
    let app = br#"<script>
import * as Push from '@/uni_modules/TencentCloud-Push';
const SDKAppID = 1400000001;
export default {
  onLaunch() {
    Push.registerPush(SDKAppID, 'client-key', (data) => {}, (code, msg) => {});
    Other.registerPush(99, 'k');
  }
}
</script>"#;
    let (_dir, scan) = scan(&[
        ("manifest.json", MANIFEST.as_bytes()),
        ("App.vue", app),
        ("uni_modules/TencentCloud-Push/package.json", b"{}"),
    ]);
    assert_eq!(scan.facts.app_code.stacks, [Stack::UniAppTencentCloudPush]);
    let found = registered(&scan, "App.vue");
    assert_eq!(found.len(), 1, "only the plugin's registerPush");
    assert_eq!(
        (found[0].0, found[0].1, found[0].2.as_str()),
        (Vendor::Tim, Field::AppId, "1400000001")
    );
    assert_eq!((found[0].3, found[0].4), (3, 18));
    assert_eq!(
        found[0].5,
        "`SDKAppID (the first argument of Push.registerPush)` in App.vue"
    );
}

#[test]
fn a_named_import_of_register_push_counts_and_others_do_not() {
    let main = br#"import { registerPush } from "@/uni_modules/TencentCloud-Push"
registerPush(import.meta.env.VITE_SDKAPPID, key)"#;
    let (_dir, scan) = scan(&[("manifest.json", MANIFEST.as_bytes()), ("main.ts", main)]);
    assert_eq!(scan.facts.app_code.stacks, [Stack::UniAppTencentCloudPush]);
    let u = unfollowed(&scan);
    assert_eq!(u.len(), 1);
    assert!(
        u[0].0.contains("SDKAppID") && u[0].1.contains("VITE_SDKAPPID"),
        "{u:?}"
    );
}

/// Bad input: binary, non-UTF-8 or broken scripts are never a failure of the run.
#[test]
fn bad_scripts_are_not_failures() {
    let (_dir, scan) = scan(&[
        ("manifest.json", MANIFEST.as_bytes()),
        ("App.vue", b"<script>\xff\xfe tim.registerPlugin({offlinePushConfig: {huaweiBusinessID: '\xc3('}})"),
        ("main.js", b"registerPlugin(((((((( {{{{ '"),
        ("static/sdk.min.js", b"a.registerPlugin({offlinePushConfig:{huaweiBusinessID:'1'}})"),
    ]);
    assert!(scan.failures.is_empty(), "{:?}", scan.failures);
    // A non-UTF-8 value is read lossily; the file still counts.
    assert_eq!(scan.facts.app_code.stacks, [Stack::UniAppTuiOfflinePush]);
}

#[test]
fn projects_that_are_not_uni_apps_are_not_read() {
    let (_dir, scan) = scan(&[(
        "web/index.js",
        b"tim.registerPlugin({offlinePushConfig: {huaweiBusinessID: '1'}})",
    )]);
    assert_eq!(scan.facts.app_code, AppCode::default());
}
