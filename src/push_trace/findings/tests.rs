use serde_json::json;

use super::*;
use crate::push_trace::instances;

fn device(item: serde_json::Value) -> DeviceTrace {
    let answer = json!({ "InstanceTrace": [item] });
    instances(answer.as_object().expect("object"), Some("alice")).remove(0)
}

fn ok() -> serde_json::Value {
    json!({"PushStatus": 1, "ErrorCode": 0})
}

fn rules(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule.name()).collect()
}

#[test]
fn the_cert_id_is_joined_with_the_config() {
    let traced = device(
        json!({"PushPlatform": 7, "CertId": "36003", "Token": "t", "NotificationStatus": 1,
        "IMCommitStat": {"IMStat": ok()}}),
    );
    let ids = CertIds::from_pairs(&[(Vendor::Vivo, "business-id", "10001")]);
    let found = findings(std::slice::from_ref(&traced), &ids);
    assert_eq!(rules(&found), ["push-cert-id-mismatch"]);
    assert!(
        found[0]
            .message
            .contains("bound to cert ID 36003, the config says business-id = 10001"),
        "{}",
        found[0].message
    );
    // The fix: the same ID in the config.
    let ids = CertIds::from_pairs(&[(Vendor::Vivo, "business-id", "36003")]);
    assert!(findings(&[traced], &ids).is_empty());
}

#[test]
fn apns_matches_either_environments_cert_id() {
    let traced =
        device(json!({"PushPlatform": 1, "CertId": "2", "Token": "t", "NotificationStatus": 1}));
    let ids = CertIds::from_pairs(&[
        (Vendor::Apns, "business-id-development", "1"),
        (Vendor::Apns, "business-id-production", "2"),
    ]);
    assert!(findings(&[traced], &ids).is_empty());
}

#[test]
fn cert_id_zero_with_a_token_is_missing_and_notification_off_is_reported() {
    let traced =
        device(json!({"PushPlatform": 3, "CertId": "0", "Token": "t", "NotificationStatus": 0}));
    let found = findings(&[traced], &CertIds::default());
    assert_eq!(
        rules(&found),
        ["notification-disabled", "push-cert-id-missing"]
    );
    assert!(found[0]
        .help
        .as_deref()
        .unwrap_or_default()
        .contains("huawei-allow-notifications"));
}

#[test]
fn the_first_failed_hop_is_explained_from_the_vendors_table() {
    let traced = device(
        json!({"PushPlatform": 7, "CertId": "1", "Token": "t", "NotificationStatus": 1,
        "IMCommitStat": {"IMStat": ok()},
        "OfflinePushStat": {"OfflineStat": ok(), "ChannelStat": {"PushStatus": 1, "ErrorCode": 10302, "ErrorInfo": "regId invalid"}}}),
    );
    let found = findings(&[traced], &CertIds::default());
    assert_eq!(rules(&found), ["push-hop-failed"]);
    let message = &found[0].message;
    assert!(
        message.contains("vendor server hop: vivo answered 10302"),
        "{message}"
    );
    let meaning = crate::vendors::vivo::codes::lookup(10302)
        .expect("10302")
        .meaning;
    assert!(message.contains(meaning), "{message}");
    assert_eq!(found[0].vendor, Some(Vendor::Vivo));
}

#[test]
fn apns_reasons_and_tencent_codes_explain_their_hops() {
    let apns = device(
        json!({"PushPlatform": 1, "CertId": "1", "Token": "t", "NotificationStatus": 1,
        "IMCommitStat": {"IMStat": ok()},
        "OfflinePushStat": {"OfflineStat": ok(), "ChannelStat": {"ErrorCode": 410, "ErrorInfo": "Unregistered"}}}),
    );
    let no_token = device(
        json!({"PushPlatform": 2, "CertId": "1", "Token": "", "NotificationStatus": 1,
        "OfflinePushStat": {"OfflineStat": {"ErrorCode": -2, "ErrorInfo": "没有上传token"}}}),
    );
    let no_cert = device(
        json!({"PushPlatform": 2, "CertId": "0", "Token": "", "NotificationStatus": 1,
        "OfflinePushStat": {"OfflineStat": {"ErrorCode": -1}}}),
    );
    let found = findings(&[apns, no_token, no_cert], &CertIds::default());
    assert_eq!(
        rules(&found),
        ["push-hop-failed", "push-hop-failed", "push-cert-id-missing"]
    );
    let unregistered =
        crate::vendors::push::find_reason(crate::vendors::apns::codes::REASONS, "Unregistered")
            .expect("Unregistered");
    assert!(
        found[0].message.contains(unregistered.meaning),
        "{}",
        found[0].message
    );
    assert!(
        found[1]
            .message
            .contains("the device never uploaded a push token"),
        "{}",
        found[1].message
    );
    assert_eq!(found[1].vendor, Some(Vendor::Tim));
}

#[test]
fn a_device_is_final_when_a_hop_failed_or_it_was_reached() {
    let on_its_way = device(json!({"IMCommitStat": {"IMStat": ok()}}));
    assert!(!is_final(&on_its_way));
    let reached = device(json!({"OfflinePushStat": {"DeviceStat": ok()}}));
    assert!(is_final(&reached));
}

#[test]
fn every_notification_step_is_in_its_checklist() {
    for vendor in Vendor::ALL {
        let Some((_, step)) = notification_step(vendor) else {
            continue;
        };
        let text = match vendor {
            Vendor::Apns => include_str!("../../../checklists/apns.toml"),
            Vendor::Fcm => include_str!("../../../checklists/fcm.toml"),
            Vendor::Huawei => include_str!("../../../checklists/huawei.toml"),
            Vendor::Honor => include_str!("../../../checklists/honor.toml"),
            Vendor::Xiaomi => include_str!("../../../checklists/xiaomi.toml"),
            Vendor::Oppo => include_str!("../../../checklists/oppo.toml"),
            Vendor::Vivo => include_str!("../../../checklists/vivo.toml"),
            Vendor::Meizu => include_str!("../../../checklists/meizu.toml"),
            Vendor::Tim => "",
        };
        assert!(
            text.contains(&format!("id = \"{step}\"")),
            "{vendor}: {step}"
        );
    }
}

/// The join names the value in the app's own code: when the code agrees with the config, the
/// phone runs another build; when it does not, the code's value and file are in the help.
#[test]
fn the_cert_id_is_joined_with_the_apps_own_registration() {
    use crate::project::code::{AppCode, Build, Field, Registered};
    let traced = device(
        json!({"PushPlatform": 7, "CertId": "36003", "Token": "t", "NotificationStatus": 1,
        "IMCommitStat": {"IMStat": ok()}}),
    );
    let code = |value: &str| AppCode {
        registered: vec![Registered {
            vendor: Vendor::Vivo,
            field: Field::BusinessId,
            value: value.to_owned(),
            location: Location::in_text("App.vue".into(), "x\n'10001'", 2, ""),
            origin: "`offlinePushConfig.vivoBusinessID` in App.vue".to_owned(),
            build: Build::Any,
        }],
        ..AppCode::default()
    };
    let ids = || CertIds::from_pairs(&[(Vendor::Vivo, "business-id", "10001")]);
    let agreeing = findings(
        std::slice::from_ref(&traced),
        &ids().with_app(&code("10001")),
    );
    let help = agreeing[0].help.as_deref().expect("help");
    assert!(
        help.starts_with("the app's code already registers 10001 (`offlinePushConfig.vivoBusinessID` in App.vue, App.vue:2)")
            && help.contains("the phone runs a build that registered 36003"),
        "{help}"
    );
    let disagreeing = findings(&[traced], &ids().with_app(&code("10010")));
    let help = disagreeing[0].help.as_deref().expect("help");
    assert!(
        help.contains("(the app's code registers 10010 (`offlinePushConfig.vivoBusinessID` in App.vue, App.vue:2))"),
        "{help}"
    );
}

/// An APNs token bound to the development certificate while the config tests production: the
/// environment is named, and the matching environment is clean.
#[test]
fn an_apns_token_of_the_other_environment_is_named() {
    let traced =
        device(json!({"PushPlatform": 1, "CertId": "1", "Token": "t", "NotificationStatus": 1}));
    let ids = || {
        CertIds::from_pairs(&[
            (Vendor::Apns, "business-id-development", "1"),
            (Vendor::Apns, "business-id-production", "2"),
        ])
    };
    let found = findings(
        std::slice::from_ref(&traced),
        &ids().with_apns_environment("production"),
    );
    assert_eq!(rules(&found), ["apns-environment-mismatch"]);
    assert!(
        found[0]
            .message
            .contains("the development certificate (business-id-development), but [apns] environment is \"production\""),
        "{}",
        found[0].message
    );
    assert!(findings(&[traced], &ids().with_apns_environment("development")).is_empty());
}
