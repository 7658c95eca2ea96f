use super::*;

fn literal(script: &Script, node: &Node) -> String {
    match script.resolve(node) {
        Resolved::Literal(value, _) => value,
        other => panic!("not a literal: {other:?}"),
    }
}

fn why(script: &Script, node: &Node) -> String {
    match script.resolve(node) {
        Resolved::Unfollowed(why) => why,
        other => panic!("followed: {other:?}"),
    }
}

/// The object handed to the first `name(…)` call.
fn first_object<'a>(script: &'a Script, calls: &'a [Call]) -> &'a [Member] {
    match script.resolve(&calls[0].args[0]) {
        Resolved::Object(members, _) => members,
        other => panic!("not an object: {other:?}"),
    }
}

#[test]
fn reads_the_guides_register_plugin_block_with_its_comments() {
    // Tencent's uni-app TUIOfflinePush guide, as users paste it (comments after each value).
    let text = "const TUIOfflinePush = uni.requireNativePlugin(\"TencentCloud-TUIOfflinePush\");\n\
        tim.registerPlugin({\n\
        'tim-offline-push-plugin': TUIOfflinePush,\n\
        'offlinePushConfig': {\n\
        // huawei\n\
        'huaweiBusinessID': '123', // 证书 ID, 'quoted' // twice\n\
        /* xiaomi */ xiaomiAppID: \"2882\", oppoBusinessID: 456,\n\
        }\n\
        });\n";
    let script = Script::new(text.as_bytes(), false);
    let calls = script.calls("registerPlugin");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].receiver.as_deref(), Some("tim"));
    let members = first_object(&script, &calls);
    let config = match script.resolve(pair(members, "offlinePushConfig").expect("config")) {
        Resolved::Object(members, _) => members,
        other => panic!("{other:?}"),
    };
    let huawei = pair(config, "huaweiBusinessID").expect("huawei");
    assert_eq!(literal(&script, huawei), "123");
    assert_eq!(&text[huawei.start..huawei.start + 5], "'123'");
    assert_eq!(
        literal(&script, pair(config, "xiaomiAppID").expect("mi")),
        "2882"
    );
    assert_eq!(
        literal(&script, pair(config, "oppoBusinessID").expect("oppo")),
        "456"
    );
    let plugin = script.calls("requireNativePlugin");
    assert_eq!(
        literal(&script, &plugin[0].args[0]),
        "TencentCloud-TUIOfflinePush"
    );
}

#[test]
fn a_vue_file_is_read_only_inside_its_script_blocks() {
    let text = "<template><view>Don't <a href=\"http://x\">registerPlugin({a: 1})</a></view></template>\n\
        <script setup lang=\"ts\">\nconst ID: string = '77'\nchat.registerPlugin({ id: ID })\n</script>\n\
        <style>.a { content: 'x' }</style>";
    let script = Script::new(text.as_bytes(), true);
    let calls = script.calls("registerPlugin");
    assert_eq!(calls.len(), 1, "the template's text is not code");
    let members = first_object(&script, &calls);
    let id = pair(members, "id").expect("id");
    assert_eq!(literal(&script, id), "77");
    match script.resolve(id) {
        // The location is the constant's literal, where the value is written.
        Resolved::Literal(_, at) => assert_eq!(&text[at..at + 4], "'77'"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn constants_and_imports_are_followed_and_the_rest_says_why() {
    let text = r#"
import timpushConfigs from "@/utils/timpush-configs.json";
import * as Push from '@/uni_modules/TencentCloud-Push';
import { appKey, other as renamed } from './keys.js';
import type { Config } from './types';
const CONFIG = { hw: { id: '11' }, mi: HW };
const HW = '22' as const;
const A = B; const B = A;
function one() { const TWICE = '1' }
function two() { const TWICE = '2' }
f({
  json: timpushConfigs,
  key: appKey,
  renamed,
  member: CONFIG.hw.id,
  through: CONFIG.mi,
  missing: CONFIG.nope,
  env: process.env.HW_ID,
  vite: import.meta.env.VITE_ID,
  call: getId(),
  template: `${x}1`,
  plain: `33`,
  sum: '1' + x,
  loop: A,
  twice: TWICE,
  unknown: nowhere,
  empty: null,
  array: [1, 2],
  arrow: () => '1',
  spread: 1, ...rest,
});
"#;
    let script = Script::new(text.as_bytes(), false);
    let calls = script.calls("f");
    let members = first_object(&script, &calls);
    let get = |key: &str| pair(members, key).unwrap_or_else(|| panic!("{key}"));
    assert!(matches!(
        script.resolve(get("json")),
        Resolved::Json(ref spec, _) if spec == "@/utils/timpush-configs.json"
    ));
    assert_eq!(
        why(&script, get("key")),
        "`appKey`, imported from `./keys.js`"
    );
    assert_eq!(
        why(&script, get("renamed")),
        "`renamed`, imported from `./keys.js`"
    );
    assert_eq!(literal(&script, get("member")), "11");
    assert_eq!(literal(&script, get("through")), "22");
    assert!(why(&script, get("missing")).contains("`CONFIG.nope`"));
    assert_eq!(
        why(&script, get("env")),
        "read from the environment at build time (`process.env.HW_ID`)"
    );
    assert!(why(&script, get("vite")).contains("import.meta.env.VITE_ID"));
    assert_eq!(why(&script, get("call")), "a function call");
    assert_eq!(why(&script, get("template")), "a template string with ${…}");
    assert_eq!(literal(&script, get("plain")), "33");
    assert_eq!(why(&script, get("sum")), "an expression");
    assert!(why(&script, get("loop")).contains("refers to itself"));
    assert_eq!(
        why(&script, get("twice")),
        "`TWICE`, which is declared more than once in this file"
    );
    assert_eq!(
        why(&script, get("unknown")),
        "`nowhere`, which is not a constant of this file"
    );
    assert_eq!(literal(&script, get("empty")), "");
    assert_eq!(why(&script, get("array")), "an array");
    assert_eq!(why(&script, get("arrow")), "a function");
    assert!(members.iter().any(|m| matches!(m, Member::Spread(_))));
    let push = script
        .imports
        .iter()
        .find(|i| i.local == "Push")
        .expect("Push");
    assert!(push.whole);
    assert!(!script
        .imports
        .iter()
        .any(|i| i.local == "Config" && i.whole));
}

#[test]
fn the_receiver_is_the_whole_dotted_path() {
    let script = Script::new(
        b"uni.$TUIKit.registerPlugin({}); this.tim.registerPlugin({})",
        false,
    );
    let receivers: Vec<_> = script
        .calls("registerPlugin")
        .into_iter()
        .map(|c| c.receiver.unwrap_or_default())
        .collect();
    assert_eq!(receivers, ["uni.$TUIKit", "this.tim"]);
    // A definition is not a call.
    let script = Script::new(b"function registerPlugin(e) { return e }", false);
    assert!(script.calls("registerPlugin").is_empty());
}

/// Bad input: minified, unterminated, binary or hostile code gives fewer answers, never a panic
/// or a hang (a quadratic scan of these would take minutes).
#[test]
fn broken_and_hostile_code_never_panics_and_stays_linear() {
    let mut inputs: Vec<Vec<u8>> = vec![
        b"registerPlugin({a: 'unterminated\n, b: {c: [".to_vec(),
        b"registerPlugin(/* never closed {a: '1'}".to_vec(),
        b"}}}))]]registerPlugin(".to_vec(),
        b"`unterminated template registerPlugin({a:1})".to_vec(),
        vec![0xff, 0xfe, b'r', 0x00, b'{', 0x80, b'\'', 0xc3],
        b"<script".to_vec(),
    ];
    inputs.push("registerPlugin({a:".repeat(100_000).into_bytes());
    inputs.push(format!("const a = {}1{}", "{b:".repeat(50_000), "}".repeat(50_000)).into_bytes());
    inputs.push("registerPlugin(".repeat(100_000).into_bytes());
    inputs.push("const a = b; ".repeat(50_000).into_bytes());
    for input in inputs {
        let script = Script::new(&input, false);
        for call in script.calls("registerPlugin") {
            for arg in &call.args {
                let _ = script.resolve(arg);
            }
        }
        let vue = Script::new(&input, true);
        let _ = vue.calls("registerPlugin");
    }
}

#[test]
fn statements_without_semicolons_end_at_the_line() {
    let text = "const ID = '5'\nconst F = async\nfunction x() {}\nf({\n  a:\n    ID,\n  b:\n    getId()\n})";
    let script = Script::new(text.as_bytes(), false);
    let calls = script.calls("f");
    let members = first_object(&script, &calls);
    assert_eq!(literal(&script, pair(members, "a").expect("a")), "5");
    assert_eq!(
        why(&script, pair(members, "b").expect("b")),
        "a function call"
    );
}
