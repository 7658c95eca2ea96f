//! Unit tests of the checks, one text at a time. CLI behaviour (inputs, formats, exit codes) is
//! tested in `tests/`.

use super::*;

fn lint_with(text: &str, profile: Profile, vendors: &[Vendor]) -> Vec<Finding> {
    let mut linter = Linter::new(LintOptions {
        profile,
        vendors: vendors.to_vec(),
        input: InputKind::Auto,
    });
    let mut out = Vec::new();
    linter.lint(
        text.as_bytes(),
        &Origin::new("t".into()),
        Rule::ExtInvalidJson,
        &mut out,
    );
    out
}

fn rules(text: &str) -> Vec<&'static str> {
    lint_with(text, Profile::Uniapp, &Vendor::ALL)
        .iter()
        .map(|f| f.rule.name())
        .collect()
}

#[test]
fn a_good_ext_passes_and_a_bare_one_lacks_entity() {
    assert!(rules(r#"{"entity":{"nick":"a"}}"#).is_empty());
    assert_eq!(rules(r#"{"nick":"a"}"#), ["ext-missing-entity"]);
}

#[test]
fn embedded_ext_errors_point_into_the_record() {
    let record = r#"{"Title":"t","Desc":"d","AndroidInfo":{"OPPOChannelID":"c","XiaoMiChannelID":"x"},"Ext":"{\"entity\":\"{}\"}"}"#;
    let findings = lint_with(record, Profile::Uniapp, &Vendor::ALL);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = &findings[0];
    assert_eq!(finding.rule, Rule::ExtEntityNotObject);
    let location = finding.location.as_ref().expect("location");
    assert_eq!(location.pointer, "/Ext");
    // The column of `"{}"` inside the escaped string: after `"Ext":"{\"entity\":`.
    let expected = record.find(r#"\"{}\""#).expect("entity value") + 1;
    assert_eq!(location.column as usize, expected);
}

#[test]
fn double_encoding_both_ways() {
    let twice = r#"{"Ext":"\"{\\\"entity\\\":{}}\"","AndroidInfo":{"OPPOChannelID":"c","XiaoMiChannelID":"x"}}"#;
    assert_eq!(
        lint_with(twice, Profile::Uniapp, &[])
            .iter()
            .map(|f| f.rule.name())
            .collect::<Vec<_>>(),
        ["ext-double-encoded"]
    );
    let object = r#"{"Ext":{"nick":"a"}}"#;
    assert_eq!(
        lint_with(object, Profile::Uniapp, &[])
            .iter()
            .map(|f| f.rule.name())
            .collect::<Vec<_>>(),
        ["ext-double-encoded", "ext-missing-entity"]
    );
}

#[test]
fn vendor_limits_follow_the_selected_vendors() {
    let title = "标".repeat(45);
    let record = format!(
        r#"{{"title":"{title}","description":"d","extension":"{{\"entity\":{{}}}}","androidOPPOChannelID":"c"}}"#
    );
    let vivo = lint_with(&record, Profile::Uniapp, &[Vendor::Vivo]);
    assert_eq!(vivo.len(), 1, "{vivo:#?}");
    assert_eq!(vivo[0].rule, Rule::TitleTooLong);
    assert_eq!(vivo[0].vendor, Some(Vendor::Vivo));
    assert!(lint_with(&record, Profile::Uniapp, &[Vendor::Oppo]).is_empty());
}

#[test]
fn custom_message_without_desc_in_a_sendmsg_body() {
    let body = r#"{"To_Account":"u","MsgRandom":1,"MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"x","Desc":""}}],"OfflinePushInfo":{"Ext":"{\"entity\":{}}"}}"#;
    let found = lint_with(body, Profile::Uniapp, &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, Rule::CustomMessageWithoutDesc);
    assert_eq!(
        found[0].location.as_ref().expect("loc").pointer,
        "/MsgBody/0"
    );
    let with_desc = body.replace(r#""Ext":"#, r#""Desc":"new message","Ext":"#);
    assert!(lint_with(&with_desc, Profile::Uniapp, &[]).is_empty());
}

#[test]
fn flutter_profile_checks_conversation_id() {
    let ok = r#"{"conversationID":"c2c_user1"}"#;
    assert!(lint_with(ok, Profile::Flutter, &[]).is_empty());
    for bad in [
        r#"{"conversationID":"user1"}"#,
        r#"{"conversationID":"group_"}"#,
        r#"{"conversationID":7}"#,
        r#"{"x":1}"#,
    ] {
        let found = lint_with(bad, Profile::Flutter, &[]);
        assert_eq!(found.len(), 1, "{bad}: {found:#?}");
        assert_eq!(found[0].rule, Rule::ConversationIdMalformed, "{bad}");
    }
}

/// The rules `lint` reports for `text` when it stops after `stage`.
fn rules_to(stage: Stage, text: &str) -> Vec<&'static str> {
    let mut linter = Linter::new(LintOptions {
        profile: Profile::Uniapp,
        vendors: Vendor::ALL.to_vec(),
        input: InputKind::Auto,
    });
    linter.stop_after(stage);
    let mut out = Vec::new();
    let origin = Origin::new("t".into());
    linter.lint(text.as_bytes(), &origin, Rule::RecordInvalidJson, &mut out);
    out.iter().map(|f| f.rule.name()).collect()
}

#[test]
fn stages_stop_where_benches_lint_stages_says() {
    // A record with a repeated key, no OPPO channel ID and an ext without `entity`: each stage
    // reports what the flow has judged by then, and `All` what `lint` reports.
    let record = r#"{"Title":"t","Title":"u","Desc":"d","AndroidInfo":{"XiaoMiChannelID":"x"},"Ext":"{\"nick\":\"a\"}"}"#;
    assert!(rules_to(Stage::Record, record).is_empty());
    assert_eq!(rules_to(Stage::Duplicates, record), ["ext-duplicate-key"]);
    assert_eq!(rules_to(Stage::ExtParsed, record), ["ext-duplicate-key"]);
    let all = rules_to(Stage::All, record);
    assert_eq!(all, rules(record));
    assert!(all.contains(&"ext-missing-entity") && all.contains(&"oppo-channel-id-missing"));
    // A text that is not UTF-8, or not JSON, is judged in the stage that reads it.
    assert!(rules_to(Stage::Utf8, "{\"a\":1,").is_empty());
    assert_eq!(
        rules_to(Stage::Record, "{\"a\":1,"),
        ["record-invalid-json"]
    );
}
