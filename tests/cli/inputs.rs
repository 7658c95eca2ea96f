//! The ways an ext reaches lint-ext (argument, file, stdin, `-`, JSON Lines from a file or
//! stdin), the three record shapes, profiles and vendors.

use crate::{pushdiag, rules_of, run_json};

const GOOD_EXT: &str = r#"{"entity":{"nick":"a"}}"#;

#[test]
fn the_issues_two_examples() {
    let output = pushdiag()
        .args(["lint-ext", GOOD_EXT])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    let output = pushdiag()
        .args(["lint-ext", r#"{"nick":"a"}"#])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        stdout.contains("ext-missing-entity") && stdout.contains("help: wrap the custom fields"),
        "{stdout}"
    );
}

#[test]
fn reads_a_file_stdin_and_dash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("push.json");
    std::fs::write(&path, r#"{"nick":"a"}"#).expect("write");
    let (code, document) = run_json(&["lint-ext", "--file", path.to_str().expect("path")], None);
    assert_eq!(code, 1);
    assert_eq!(
        document["findings"][0]["location"]["source"],
        path.to_str().expect("path")
    );
    for args in [
        vec!["lint-ext"],
        vec!["lint-ext", "-"],
        vec!["lint-ext", "--file", "-"],
    ] {
        let (code, document) = run_json(&args, Some(br#"{"nick":"a"}"#));
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(
            document["findings"][0]["location"]["source"], "<stdin>",
            "{args:?}"
        );
    }
    let (code, _) = run_json(&["lint-ext", "-"], Some(GOOD_EXT.as_bytes()));
    assert_eq!(code, 0);
}

#[test]
fn jsonl_from_a_file_and_from_stdin_with_the_three_shapes() {
    let records = [
        // A bare OfflinePushInfo.
        r#"{"Title":"t","Desc":"d","Ext":"{\"entity\":{\"sender\":\"u1\"}}","AndroidInfo":{"OPPOChannelID":"im","XiaoMiChannelID":"im"}}"#,
        // A REST sendmsg body holding one.
        r#"{"To_Account":"u2","MsgRandom":7,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}],"OfflinePushInfo":{"Ext":"{\"entity\":{}}","AndroidInfo":{"OPPOChannelID":"im","XiaoMiChannelID":"im"}}}"#,
        // The client SDK's offlinePushInfo.
        r#"{"title":"t","description":"d","extension":"{\"entity\":{\"nick\":\"n\"}}","androidOPPOChannelID":"im"}"#,
        // The same three, each with the ext missing its entity.
        r#"{"Title":"t","Ext":"{\"sender\":\"u1\"}","AndroidInfo":{"OPPOChannelID":"im","XiaoMiChannelID":"im"}}"#,
        r#"{"To_Account":"u2","MsgRandom":7,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}],"OfflinePushInfo":{"Ext":"{}","AndroidInfo":{"OPPOChannelID":"im","XiaoMiChannelID":"im"}}}"#,
        r#"{"title":"t","desc":"d","ext":"{\"nick\":\"n\"}","androidOPPOChannelID":"im"}"#,
    ];
    let text = records.join("\n") + "\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("messages.jsonl");
    std::fs::write(&path, &text).expect("write");
    for (args, stdin) in [
        (
            vec!["lint-ext", "--jsonl", path.to_str().expect("path")],
            None,
        ),
        (vec!["lint-ext", "--jsonl"], Some(text.as_bytes())),
        (vec!["lint-ext", "--jsonl", "-"], Some(text.as_bytes())),
    ] {
        let (code, document) = run_json(&args, stdin);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(rules_of(&document), ["ext-missing-entity"; 3], "{args:?}");
        let places: Vec<(u64, String)> = document["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["location"]["line"].as_u64().expect("line"),
                    f["location"]["pointer"]
                        .as_str()
                        .expect("pointer")
                        .to_owned(),
                )
            })
            .collect();
        assert_eq!(
            places,
            [
                (4, "/Ext".to_owned()),
                (5, "/OfflinePushInfo/Ext".to_owned()),
                (6, "/ext".to_owned())
            ],
            "{args:?}"
        );
        assert_eq!(document["summary"]["checked"], 6);
    }
}

#[test]
fn profiles_change_what_ext_must_hold() {
    let flutter = r#"{"conversationID":"c2c_user1"}"#;
    assert_eq!(
        run_json(&["lint-ext", flutter, "--profile", "flutter"], None).0,
        0
    );
    assert_eq!(
        run_json(&["lint-ext", flutter], None).0,
        1,
        "uniapp needs entity"
    );
    assert_eq!(
        run_json(&["lint-ext", flutter, "--profile", "json"], None).0,
        0
    );
    let (code, document) = run_json(&["lint-ext", "[1]", "--profile", "json"], None);
    assert_eq!(
        (code, rules_of(&document)),
        (1, vec!["ext-not-object".to_owned()])
    );
}

#[test]
fn vendor_flag_selects_which_limits_apply() {
    // 45 CJK characters: over vivo's 40 and Meizu's 32, within OPPO's 50 and Xiaomi's 49.
    let record = format!(
        r#"{{"title":"{}","description":"d","extension":"{{\"entity\":{{}}}}","androidOPPOChannelID":"im"}}"#,
        "标".repeat(45)
    );
    let vendors = |args: &[&str]| {
        let mut all = vec!["lint-ext", record.as_str()];
        all.extend_from_slice(args);
        let (_, document) = run_json(&all, None);
        document["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                format!(
                    "{}:{}",
                    f["rule"].as_str().expect("rule"),
                    f["vendor"].as_str().unwrap_or("-")
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        vendors(&[]),
        ["title-too-long:vivo", "title-too-long:meizu"]
    );
    assert_eq!(
        vendors(&["--vendor", "oppo", "--vendor", "xiaomi"]),
        Vec::<String>::new()
    );
    assert_eq!(vendors(&["--vendor", "meizu"]), ["title-too-long:meizu"]);
}

#[test]
fn input_kind_can_be_forced() {
    // {"Title": ...} looks like a record; as an ext it lacks entity, as a record it lacks Ext.
    let text = r#"{"Title":"t","AndroidInfo":{"OPPOChannelID":"c","XiaoMiChannelID":"x"}}"#;
    let (_, as_record) = run_json(&["lint-ext", text], None);
    assert_eq!(as_record["findings"][0]["location"]["pointer"], "/Ext");
    let (_, as_ext) = run_json(&["lint-ext", text, "--input", "ext"], None);
    assert_eq!(as_ext["findings"][0]["location"]["pointer"], "");
    assert_eq!(rules_of(&as_ext), ["ext-missing-entity"]);
    let (_, forced) = run_json(
        &[
            "lint-ext", GOOD_EXT, "--input", "record", "--vendor", "vivo",
        ],
        None,
    );
    assert_eq!(
        rules_of(&forced),
        ["ext-missing-entity"],
        "a record without Ext has no entity"
    );
}

#[test]
fn several_inputs_in_one_run_are_all_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.jsonl");
    std::fs::write(&a, GOOD_EXT).expect("write");
    std::fs::write(&b, "{\"x\":1}\n{\"entity\":{}}\n").expect("write");
    let (code, document) = run_json(
        &[
            "lint-ext",
            r#"{"y":1}"#,
            "--file",
            a.to_str().expect("a"),
            "--jsonl",
            b.to_str().expect("b"),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(document["summary"]["checked"], 4);
    let sources: Vec<&str> = document["findings"]
        .as_array()
        .expect("f")
        .iter()
        .map(|f| f["location"]["source"].as_str().expect("s"))
        .collect();
    assert_eq!(sources, ["<argument>", b.to_str().expect("b")]);
}

#[test]
fn explain_prints_the_rule_doc_and_lists_rules() {
    let output = pushdiag()
        .args(["explain", "ext-missing-entity"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    for part in [
        "ext-missing-entity (error, lint-ext)",
        "## What it checks",
        "## Why it matters",
        "## How to fix",
        "## Example",
    ] {
        assert!(text.contains(part), "missing {part}:\n{text}");
    }
    let output = pushdiag()
        .args(["explain", "--list"])
        .output()
        .expect("ran");
    let list = String::from_utf8(output.stdout).expect("UTF-8");
    // The rules, then (after a blank line) the vendors with code tables.
    let rules = list.lines().take_while(|line| !line.is_empty()).count();
    assert_eq!(rules, pushdiag::findings::Rule::ALL.len());
    assert!(list.contains("\n  apns    "), "{list}");
    assert!(list.contains("\n  vivo    "), "{list}");
    let output = pushdiag()
        .args(["explain", "ext-missing-entiti"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("did you mean `ext-missing-entity`?"),
        "{stderr}"
    );
}

/// Issue 13: a missing `--file` is exit 2, and the human summary said "no problems found" on
/// stdout. A run that could not read an input says so, also when the other inputs were read.
#[test]
fn an_unreadable_input_never_reads_as_no_problems_found() {
    let missing = "no-such-file.json";
    for args in [
        vec!["lint-ext", "--file", missing],
        vec!["lint-ext", GOOD_EXT, "--jsonl", missing],
    ] {
        let output = pushdiag().args(&args).output().expect("ran");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stdout = String::from_utf8(output.stdout).expect("UTF-8");
        let stderr = String::from_utf8(output.stderr).expect("UTF-8");
        assert!(!stdout.contains("no problems found"), "{args:?}: {stdout}");
        assert!(
            stdout.starts_with("incomplete: 1 input could not be read (see the error below)"),
            "{args:?}: {stdout}"
        );
        assert!(stderr.contains(missing), "{stderr}");
    }
}
