//! The scanner on the shapes Tencent's guides and real apps use, and on input it must survive.

use super::*;

fn values(returned: &Returned) -> Vec<(&str, Cond)> {
    match returned {
        Returned::Values(values) => values.iter().map(|v| (v.value.as_str(), v.cond)).collect(),
        other => panic!("not values: {other:?}"),
    }
}

fn only_method(file: &FileScan) -> &Method {
    assert_eq!(file.methods.len(), 1, "{file:#?}");
    &file.methods[0]
}

/// Tencent's Flutter guide (tencent_cloud_chat_push): the value comes from the Dart side.
const FLUTTER: &str = r#"import Flutter
import TIMPush
import tencent_cloud_chat_push

@main
@objc class AppDelegate: FlutterAppDelegate, TIMPushDelegate {
    @objc func businessID() -> Int32 {
        return TencentCloudChatPushFlutterModal.shared.businessID()
    }
}
"#;

#[test]
fn swift_flutter_delegate() {
    let file = scan(FLUTTER.as_bytes(), true);
    assert!(file.imports_timpush && file.imports_chat_push);
    assert_eq!(file.adopters.len(), 1);
    assert_eq!(file.adopters[0].type_name, "AppDelegate");
    let method = only_method(&file);
    assert_eq!(
        (method.name, method.objc, method.type_name.as_str()),
        ("businessID", true, "AppDelegate")
    );
    assert_eq!(method.returned, Returned::FlutterModal);
}

#[test]
fn swift_if_debug_literals_and_the_deprecated_name_without_objc() {
    let text = "class AppDelegate: UIResponder, UIApplicationDelegate, TIMPushDelegate {\n    func offlinePushCertificateID() -> Int32 {\n#if DEBUG\n        return 20001\n#else\n        return 20_002\n#endif\n    }\n}\n";
    let file = scan(text.as_bytes(), true);
    let method = only_method(&file);
    assert_eq!(method.name, "offlinePushCertificateID");
    assert!(!method.objc);
    assert_eq!(
        values(&method.returned),
        [("20001", Cond::Debug), ("20002", Cond::Release)]
    );
    let Returned::Values(found) = &method.returned else {
        unreachable!()
    };
    assert_eq!(&text[found[0].at..found[0].at + 5], "20001");
}

#[test]
fn swift_extension_constant_and_implicit_return() {
    let text = "let kBusinessID: Int32 = 1234567\n\nextension AppDelegate: TIMPushDelegate {\n    func businessID() -> Int32 { kBusinessID }\n}\n";
    let file = scan(text.as_bytes(), true);
    assert_eq!(file.adopters[0].type_name, "AppDelegate");
    let method = only_method(&file);
    assert_eq!(values(&method.returned), [("1234567", Cond::Any)]);
    let Returned::Values(found) = &method.returned else {
        unreachable!()
    };
    assert_eq!(&text[found[0].at..found[0].at + 7], "1234567");
}

#[test]
fn swift_constant_chosen_by_if_debug() {
    let text = "#if DEBUG\nlet pushID: Int32 = 1\n#else\nlet pushID: Int32 = 2\n#endif\nclass A: NSObject, TIMPushDelegate { func businessID() -> Int32 { return pushID } }";
    let method = only_method(&scan(text.as_bytes(), true)).clone();
    assert_eq!(
        values(&method.returned),
        [("1", Cond::Debug), ("2", Cond::Release)]
    );
}

#[test]
fn objc_class_extension_with_static_const() {
    let text = "#import <TIMPush/TIMPushManager.h>\nstatic const int kX = 31287;\n@interface AppDelegate () <UIApplicationDelegate, TIMPushDelegate>\n@end\n@implementation AppDelegate\n- (int)businessID {\n    return kX;\n}\n@end\n";
    let file = scan(text.as_bytes(), false);
    assert!(file.imports_timpush);
    assert_eq!(file.adopters[0].type_name, "AppDelegate");
    let method = only_method(&file);
    assert_eq!(method.type_name, "AppDelegate");
    assert_eq!(values(&method.returned), [("31287", Cond::Any)]);
}

/// Tencent's Unity page: a category, and a local variable returned.
#[test]
fn objc_category_with_a_local_and_a_declaration() {
    let text = "#import \"TPush/TPush.h\"\n@interface UnityAppController (ThirdPartyExtension) <TIMPushDelegate>\n- (int)businessID;\n@end\n@implementation UnityAppController (ThirdPartyExtension)\n- (int)businessID {\n    int  kBusinessID = 1234567;\n    return kBusinessID;\n}\n@end\n";
    let file = scan(text.as_bytes(), false);
    assert!(file.imports_timpush);
    assert_eq!(file.adopters[0].type_name, "UnityAppController");
    let method = only_method(&file);
    assert_eq!(values(&method.returned), [("1234567", Cond::Any)]);
}

#[test]
fn tuiofflinepush_macro_with_ifdef_and_define() {
    let text = "#import <TUIOfflinePushManager+Advance.h>\n#define kProd 36102\n@implementation AppDelegate\n#ifdef DEBUG\n// development certificate\nTUIOfflinePushCertificateIDForAPNS(36093)\n#else\nTUIOfflinePushCertificateIDForAPNS(kProd)\n#endif\n@end\n";
    let file = scan(text.as_bytes(), false);
    assert!(file.imports_tuiofflinepush);
    let found: Vec<Vec<(&str, Cond)>> = file.legacy.iter().map(|(r, _)| values(r)).collect();
    assert_eq!(
        found,
        [vec![("36093", Cond::Debug)], vec![("36102", Cond::Release)]]
    );
}

/// A real app switches with `#if 0`: only the `#else` branch is compiled.
#[test]
fn if_zero_is_never_compiled() {
    let text = "@implementation AppDelegate\n#if 0\nTUIOfflinePushCertificateIDForAPNS(36093)\n#else\nTUIOfflinePushCertificateIDForAPNS(36102)\n#endif\n@end\n";
    let file = scan(text.as_bytes(), false);
    assert_eq!(file.legacy.len(), 1);
    assert_eq!(values(&file.legacy[0].0), [("36102", Cond::Any)]);
}

#[test]
fn comments_and_strings_hide_a_fake_delegate() {
    let text = "// class AppDelegate: FlutterAppDelegate, TIMPushDelegate {\n/* func businessID() -> Int32 { return 1 }\n*/\nlet s = \"class X: TIMPushDelegate { func businessID() -> Int32 { 2 } }\"\nclass AppDelegate: FlutterAppDelegate {}\n";
    let file = scan(text.as_bytes(), true);
    assert!(file.adopters.is_empty(), "{file:#?}");
    assert!(file.methods.is_empty(), "{file:#?}");
}

#[test]
fn what_cannot_be_followed_is_said() {
    let text = "class AppDelegate: FlutterAppDelegate, TIMPushDelegate {\n  @objc func businessID() -> Int32 { return Config.shared.pushID }\n  @objc func offlinePushCertificateID() -> Int32 { return kMissing }\n}";
    let file = scan(text.as_bytes(), true);
    let whys: Vec<String> = file
        .methods
        .iter()
        .map(|m| match &m.returned {
            Returned::Unfollowed { expr, why, .. } => format!("{expr}: {why}"),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        whys,
        [
            "Config.shared.pushID: not a number or a constant of the same file",
            "kMissing: not defined in the same file"
        ]
    );
}

#[test]
fn a_method_of_another_name_or_a_class_func_is_not_read() {
    let text = "class AppDelegate: TIMPushDelegate {\n class func make() {}\n func businessIDs() -> Int32 { 1 }\n func applicationGroupID() -> String { \"g\" }\n}";
    let file = scan(text.as_bytes(), true);
    assert_eq!(file.adopters.len(), 1);
    assert!(file.methods.is_empty(), "{file:#?}");
}

/// An old Objective-C file saved as GBK: the comment's bytes are not UTF-8.
#[test]
fn non_utf8_bytes_are_harmless() {
    let mut bytes =
        b"@interface AppDelegate () <TIMPushDelegate>\n@end\n@implementation AppDelegate\n// "
            .to_vec();
    bytes.extend_from_slice(&[0xd6, 0xa4, 0xca, 0xe9, 0xff, 0xfe]);
    bytes.extend_from_slice(b"\n- (int)businessID { return 777; }\n@end\n");
    let file = scan(&bytes, false);
    assert_eq!(values(&only_method(&file).returned), [("777", Cond::Any)]);
}

/// A minified file of one huge line, unbalanced braces and thousands of nested `#if`s: the scan
/// ends quickly and finds nothing it should not.
#[test]
fn huge_minified_and_broken_input_stays_linear() {
    let mut text = String::new();
    for _ in 0..200_000 {
        text.push_str("{(func businessID(){return x;};");
    }
    for _ in 0..50_000 {
        text.push_str("\n#if A\n");
    }
    text.push_str("\n/* never closed");
    let started = std::time::Instant::now();
    let file = scan(text.as_bytes(), true);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(file.adopters.is_empty());
    assert!(file.methods.len() <= MAX_FOUND);
}
