use super::*;

fn str_expr(value: &str) -> Expr {
    Expr::Str(value.to_owned())
}

fn number(value: &str) -> Expr {
    Expr::Number(value.to_owned())
}

fn reference(path: &[&str]) -> Expr {
    Expr::Ref(path.iter().map(|p| (*p).to_owned()).collect())
}

/// The value of the definition called `name`.
fn definition(file: &DartFile, name: &str) -> Expr {
    file.definitions
        .iter()
        .find(|d| d.name == name)
        .map(|d| d.value.expr.clone())
        .expect(name)
}

/// The named arguments of the one call in `text`, values only.
fn args_of(text: &str, name: &str) -> Vec<(String, Expr)> {
    let file = scan(text, &[name]).expect("lexes");
    assert_eq!(file.calls.len(), 1, "{:?}", file.calls);
    file.calls[0]
        .args
        .iter()
        .map(|(n, v)| (n.clone(), v.expr.clone()))
        .collect()
}

#[test]
fn named_arguments_of_a_constructor_with_literals_and_references() {
    let text = r#"
import 'package:tim_ui_kit_push_plugin/model/appInfo.dart';
class PushConfig {
  static final PushAppInfo appInfo = PushAppInfo(
    hw_buz_id: 20003, // 华为证书ID
    mi_app_id: "2882303761500000011",
    /* mi_buz_id: 1, */ mi_buz_id: 1_000,
    oppo_app_key: 'ab' "cd",
    vivo_buz_id: Other.vivoId,
    apple_buz_id: null,
    google_buz_id: -1,
  );
}
"#;
    let file = scan(text, &["PushAppInfo"]).expect("lexes");
    assert_eq!(
        file.imports,
        ["package:tim_ui_kit_push_plugin/model/appInfo.dart"]
    );
    let call = &file.calls[0];
    assert_eq!(call.class.as_deref(), Some("PushConfig"));
    let args: Vec<(&str, &Expr)> = call
        .args
        .iter()
        .map(|(n, v)| (n.as_str(), &v.expr))
        .collect();
    assert_eq!(
        args,
        [
            ("hw_buz_id", &number("20003")),
            ("mi_app_id", &str_expr("2882303761500000011")),
            ("mi_buz_id", &number("1000")),
            ("oppo_app_key", &str_expr("abcd")),
            ("vivo_buz_id", &reference(&["Other", "vivoId"])),
            ("apple_buz_id", &Expr::Null),
            ("google_buz_id", &number("-1")),
        ]
    );
    // Offsets point at the value as written.
    let (_, hw) = &call.args[0];
    assert_eq!(&text[hw.at..hw.at + 5], "20003");
}

#[test]
fn method_calls_with_positional_and_named_arguments() {
    let text = "void main() { TencentCloudChatPush().registerPush(onNotificationClicked: (a) { print(a, b); }, sdkAppId: kAppId, appKey: \"k\", apnsCertificateID: Push.apns); }";
    let args = args_of(text, "registerPush");
    let names: Vec<&str> = args.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "onNotificationClicked",
            "sdkAppId",
            "appKey",
            "apnsCertificateID"
        ]
    );
    assert_eq!(args[1].1, reference(&["kAppId"]));
    assert_eq!(args[3].1, reference(&["Push", "apns"]));
    // A call without arguments, and the name used as a value, are no calls to read.
    let file = scan(
        "f() { registerPush(); var x = registerPush; }",
        &["registerPush"],
    )
    .expect("lexes");
    assert_eq!(file.calls.len(), 1);
    assert!(file.calls[0].args.is_empty());
}

#[test]
fn definitions_at_top_level_and_in_class_bodies_only() {
    let text = r#"
const kSdkAppId = 1400000000;
const int kApns = 17703, kApnsProd = 17704;
final String? kKey = "key";
class PushConfig {
  static const int HWPushBuzID = 20003;
  static const String XMPushAPPID = '2882303761500000011';
  static final Map<String, int> table = {};
  PushConfig(final int x) : y = 2;
  void f() { const local = 5; final other = 6; }
}
abstract class Other { static const vivoId = PushConfig.HWPushBuzID; }
"#;
    let file = scan(text, &[]).expect("lexes");
    let defs: Vec<(Option<&str>, &str, &Expr)> = file
        .definitions
        .iter()
        .map(|d| (d.class.as_deref(), d.name.as_str(), &d.value.expr))
        .collect();
    let pc = Some("PushConfig");
    assert_eq!(
        defs,
        [
            (None, "kSdkAppId", &number("1400000000")),
            (None, "kApns", &number("17703")),
            (None, "kApnsProd", &number("17704")),
            (None, "kKey", &str_expr("key")),
            (pc, "HWPushBuzID", &number("20003")),
            (pc, "XMPushAPPID", &str_expr("2882303761500000011")),
            (pc, "table", &Expr::Other("{}".into())),
            (
                Some("Other"),
                "vivoId",
                &reference(&["PushConfig", "HWPushBuzID"])
            ),
        ]
    );
}

#[test]
fn computed_values_say_what_they_are() {
    let text = r#"
class C {
  static const a = int.fromEnvironment('APNS_ID', defaultValue: 0);
  static const b = String.fromEnvironment("KEY");
  static final c = dotenv.env['HW_ID'];
  static final d = int.parse(readId());
  static final e = "id-$suffix";
  static final f = kDebugMode ? ApplePushDevBuzID : 17704;
  static final g = !kDebugMode ? 2 : 1;
  static final h = foundation.kReleaseMode ? 2 : (x ? 3 : 4);
  static final i = isDev ? 1 : 2;
}
"#;
    let file = scan(text, &[]).expect("lexes");
    let value = |name: &str| definition(&file, name);
    assert_eq!(value("a"), Expr::DartDefine(Some("APNS_ID".into())));
    assert_eq!(value("b"), Expr::DartDefine(Some("KEY".into())));
    assert_eq!(value("c"), Expr::DotEnv);
    assert_eq!(value("d"), Expr::Other("int.parse(readId())".into()));
    assert_eq!(value("e"), Expr::Other("\"id-$suffix\"".into()));
    let Expr::ByMode {
        mode,
        when_true,
        when_false,
    } = value("f")
    else {
        panic!("by mode")
    };
    assert_eq!(mode, Mode::Debug);
    assert_eq!(when_true.expr, reference(&["ApplePushDevBuzID"]));
    assert_eq!(when_false.expr, number("17704"));
    let Expr::ByMode { when_true, .. } = value("g") else {
        panic!("negated")
    };
    assert_eq!(
        when_true.expr,
        number("1"),
        "!kDebugMode swaps the branches"
    );
    let Expr::ByMode {
        mode, when_false, ..
    } = value("h")
    else {
        panic!("qualified")
    };
    assert_eq!(mode, Mode::Release);
    assert!(matches!(when_false.expr, Expr::Other(_)));
    assert_eq!(value("i"), Expr::Other("isDev ? 1 : 2".into()));
}

#[test]
fn strings_comments_and_raw_strings_never_hide_or_invent_code() {
    let text = r#"
/* outer /* nested */ still comment PushAppInfo(hw_buz_id: 1) */
const url = '''
see http://example.com/'x' PushAppInfo(hw_buz_id: 2)
''';
const raw = r'C:\';
const escaped = 'it\'s \u{1F600} \x41\n';
const nested = "${a ? "}" : '${b}'} PushAppInfo(hw_buz_id: 3)";
final x = PushAppInfo(hw_buz_id: 4);
"#;
    let file = scan(text, &["PushAppInfo"]).expect("lexes");
    assert_eq!(file.calls.len(), 1, "{:?}", file.calls);
    assert_eq!(file.calls[0].args[0].1.expr, number("4"));
    let value = |name: &str| definition(&file, name);
    assert_eq!(value("raw"), str_expr("C:\\"));
    assert_eq!(value("escaped"), str_expr("it's \u{1F600} A\n"));
    assert!(matches!(value("nested"), Expr::Other(_)));
}

/// Bad input: unterminated strings and comments, stray non-ASCII, a lone backslash at the end,
/// and hostile nesting end the scan quietly or with an offset, never with a panic.
#[test]
fn broken_and_hostile_input_never_panics() {
    for text in [
        "const a = 'unterminated\nconst b = 2;",
        "/* never closed PushAppInfo(hw_buz_id: 1)",
        "const a = '''never closed",
        "é ü PushAppInfo(hw_buz_id: é)",
        "const a = 'ends with \\",
        "const a = \"$",
        "PushAppInfo(hw_buz_id: ",
        "}}}} PushAppInfo(",
        "const a = \"\\u{110000} \\u{zz} \\x\";",
    ] {
        let _ = scan(text, &["PushAppInfo"]);
    }
    let deep = "'${".repeat(100);
    assert!(scan(&deep, &[]).is_err(), "hostile nesting is refused");
    let (file, _) = (scan("}}}} const a = 1;", &[]).expect("lexes"), ());
    assert_eq!(
        file.definitions.len(),
        1,
        "stray closers do not lose the scope"
    );
}

/// Linear time: a megabyte of one long minified line is scanned at once.
#[test]
fn a_minified_megabyte_is_scanned_in_one_pass() {
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str("const a=1;f(){g(h:PushAppInfo(hw_buz_id:2));}");
    }
    let file = scan(&text, &["PushAppInfo"]).expect("lexes");
    assert!(file.calls.len() > 10_000);
}
