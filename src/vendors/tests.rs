//! Offline checks of the vendors whose credentials are plain values (APNs and FCM key files are
//! tested in `credentials`, and end to end in `tests/cli/check_config.rs`).

use super::*;
use crate::config::load;

fn check(toml: &str, env: &[(&str, &str)]) -> Vec<(String, Option<String>, String, String)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pushdiag.toml");
    std::fs::write(&path, toml).expect("write");
    let env = crate::config::Environment::from_pairs(env.iter().copied());
    let config = load(Some(&path), &env).expect("loads");
    let project = ProjectFacts::default();
    let mut ctx = OfflineContext {
        config: &config,
        env: &env,
        project: &project,
        now: time::OffsetDateTime::now_utc(),
        findings: Vec::new(),
        failures: Vec::new(),
    };
    for vendor in config.configured() {
        get(vendor).check_offline(&mut ctx);
    }
    assert!(ctx.failures.is_empty(), "{:?}", ctx.failures);
    ctx.findings
        .iter()
        .map(|f| {
            (
                f.rule.name().to_owned(),
                f.vendor.map(|v| v.id().to_owned()),
                f.severity.as_str().to_owned(),
                f.message.to_string(),
            )
        })
        .collect()
}

const VIVO_OK: &str = "[vivo]\nbusiness-id = 10001\napp-id = 10004\napp-key = \"25509283-3767-4b9e-83fe-b6e55ac6243e\"\napp-secret = { env = \"VIVO_SECRET\" }\n";

#[test]
fn a_complete_vivo_section_is_clean() {
    assert_eq!(
        check(
            VIVO_OK,
            &[("VIVO_SECRET", "0123456789abcdef0123456789abcdef")]
        ),
        vec![]
    );
}

#[test]
fn missing_business_id_and_credentials_are_reported() {
    let found = check("[vivo]\napp-id = 10004\n", &[]);
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        rules,
        [
            "business-id-missing",
            "credential-missing",
            "credential-missing"
        ]
    );
    assert!(found[1].3.contains("`vivo.app-key`"), "{found:?}");
    assert!(found[2].3.contains("`vivo.app-secret`"), "{found:?}");
}

#[test]
fn an_unset_secret_variable_is_named() {
    let found = check(VIVO_OK, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "credential-missing");
    assert!(
        found[0].3.contains("`VIVO_SECRET`, which is not set"),
        "{found:?}"
    );
}

#[test]
fn formats_are_errors_when_documented_and_warnings_when_inferred() {
    let toml = "[vivo]\nbusiness-id = 1\napp-id = \"10004x\"\napp-key = \"short\"\napp-secret = { env = \"S\" }\n";
    let found = check(toml, &[("S", "0123456789abcdef0123456789abcdef")]);
    let summary: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("credential-malformed", "error"),
            ("credential-malformed", "warning")
        ]
    );
    assert!(found[0].3.contains("\"10004x\""));
    let spaced = check(
        &VIVO_OK.replace("app-id = 10004", "app-id = \" 10004\""),
        &[("VIVO_SECRET", "0123456789abcdef0123456789abcdef")],
    );
    assert_eq!(spaced.len(), 1);
    assert!(spaced[0].3.contains("spaces or quotes"), "{spaced:?}");
}

#[test]
fn a_malformed_secret_is_described_without_its_value() {
    let found = check(VIVO_OK, &[("VIVO_SECRET", "planted-secret-value")]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(!found[0].3.contains("planted"), "{found:?}");
    assert!(found[0].3.contains("20 characters"), "{found:?}");
}

#[test]
fn the_server_secret_must_not_be_the_client_key() {
    let hex = "0123456789abcdef0123456789abcdef";
    let toml = format!("[oppo]\nbusiness-id = 1\napp-id = \"30012345\"\napp-key = \"{hex}\"\napp-secret = {{ env = \"A\" }}\nmaster-secret = {{ env = \"M\" }}\n");
    let found = check(
        &toml,
        &[
            ("A", "fedcba9876543210fedcba9876543210"),
            ("M", "fedcba9876543210fedcba9876543210"),
        ],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "oppo-master-secret-is-app-secret");
    assert!(!found[0].3.contains("fedcba"), "never quotes the secrets");
    let clean = check(
        &toml,
        &[("A", "fedcba9876543210fedcba9876543210"), ("M", hex)],
    );
    assert!(clean.is_empty(), "{clean:?}");
    let xiaomi = "[xiaomi]\nbusiness-id = 1\napp-id = \"2882303761517000000\"\napp-key = \"5171234567890\"\napp-secret = { env = \"X\" }\n";
    let found = check(xiaomi, &[("X", "5171234567890")]);
    assert_eq!(
        found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["oppo-master-secret-is-app-secret"]
    );
}

#[test]
fn apns_needs_an_auth_method_and_the_business_id_of_its_environment() {
    let found = check(
        "[apns]\nenvironment = \"production\"\nbusiness-id-development = 1\n",
        &[],
    );
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(rules, ["business-id-missing", "credential-missing"]);
    assert!(found[0].3.contains("business-id-production"));
}

#[test]
fn tim_and_fcm_presence() {
    let found = check(
        "[tim]\nsdk-app-id = 1400000000\nadmin = \"administrator\"\n[fcm]\nbusiness-id = 3\n",
        &[],
    );
    let messages: Vec<String> = found.iter().map(|f| format!("{}: {}", f.0, f.3)).collect();
    assert_eq!(
        messages,
        [
            "credential-missing: `fcm.service-account` is not set",
            "credential-missing: `tim.secret-key` (the server's) is not set"
        ]
    );
}

#[test]
fn an_unreadable_p12_password_is_only_credential_missing() {
    // Regression: an unset { env = … } password also drew apns-p12-no-password ("no password is
    // configured"), whose help suggested the setting that was already there.
    let toml = "[apns]\nbusiness-id-production = 1\nenvironment = \"production\"\ncertificate = \"push.p12\"\ncertificate-password = { env = \"T_UNSET_P12_PASSWORD\" }\n";
    let found = check(toml, &[]);
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(rules, ["credential-missing"], "{found:?}");
    assert!(found[0].3.contains("T_UNSET_P12_PASSWORD"), "{found:?}");
}

const HUAWEI_OK: &str =
    "[huawei]\nbusiness-id = 10003\napp-id = \"100000003\"\napp-secret = { env = \"HW_SECRET\" }\n";
const HUAWEI_SECRET: (&str, &str) = (
    "HW_SECRET",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
);

#[test]
fn huawei_v2_needs_a_numeric_project_id() {
    let v2 = format!("{HUAWEI_OK}api-version = \"v2\"\n");
    let found = check(&v2, &[HUAWEI_SECRET]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "credential-missing");
    assert!(found[0].3.contains("`huawei.project-id`"), "{found:?}");
    assert!(found[0].3.contains("/v2/"), "{found:?}");

    let malformed = format!("{v2}project-id = \"cp-0001\"\n");
    let found = check(&malformed, &[HUAWEI_SECRET]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "credential-malformed");
    assert!(found[0].3.contains("\"cp-0001\""), "{found:?}");

    // The fix, and v1 without a project id, are clean.
    let fixed = format!("{v2}project-id = \"736430079245000003\"\n");
    assert_eq!(check(&fixed, &[HUAWEI_SECRET]), vec![]);
    assert_eq!(check(HUAWEI_OK, &[HUAWEI_SECRET]), vec![]);
}

/// `get` indexes the one list by the variant's discriminant: the list must be in `Vendor`'s
/// order, and every spec must name its own vendor.
#[test]
fn the_vendor_list_is_in_vendor_order_and_specs_name_their_vendor() {
    for (index, vendor) in Vendor::ALL.into_iter().enumerate() {
        assert_eq!(vendor as usize, index);
        assert_eq!(all()[index].vendor(), vendor);
        assert_eq!(get(vendor).vendor(), vendor);
        assert_eq!(spec(vendor).vendor, vendor);
    }
}

/// A spec's pairs, endpoints and masked keys name keys of its own section.
#[test]
fn specs_name_only_their_own_keys() {
    for vendor in all() {
        let spec = vendor.spec();
        let names = spec
            .server_client_pairs
            .iter()
            .flat_map(|(server, client)| [*server, *client])
            .chain(spec.endpoints.iter().map(|(key, _)| *key))
            .chain(spec.masked());
        for name in names {
            assert!(
                spec.key(name).is_some(),
                "{vendor:?}: {name}",
                vendor = spec.vendor
            );
        }
        for (server, _) in spec.server_client_pairs {
            assert_eq!(spec.key(server).map(|k| k.side), Some(Some(Side::Server)));
        }
    }
}

/// `explain` cites each vendor's public documentation from its spec: every vendor has one, and
/// it is something a user can open, not an internal reference key.
#[test]
fn every_spec_names_public_documentation() {
    for vendor in crate::vendor::Vendor::ALL {
        let documentation = crate::vendors::spec(vendor).documentation;
        assert!(
            documentation.contains("https://") || documentation.contains("open.oppomobile.com"),
            "{vendor}: {documentation:?}"
        );
        assert!(
            !documentation.contains(".md"),
            "{vendor}: {documentation:?}"
        );
    }
}

/// The `AndroidInfo` of a Tencent IM message is built from the vendors' specs: every field a
/// section sets, in the order pushdiag has always sent them (the sendmsg body stays the same).
#[test]
fn tim_android_info_comes_from_the_vendor_sections_in_a_fixed_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pushdiag.toml");
    let toml = "[huawei]\ncategory = \"IM\"\n[xiaomi]\nchannel-id = \" high_system \"\n[oppo]\nchannel-id = \"tim_im_msg\"\n";
    std::fs::write(&path, toml).expect("write");
    let config = load(Some(&path), &Default::default()).expect("loads");
    let info = tim::from_config::android_info(&config);
    assert_eq!(
        serde_json::to_string(&info).expect("json"),
        r#"{"OPPOChannelID":"tim_im_msg","XiaoMiChannelID":"high_system","HuaWeiCategory":"IM","VIVOCategory":"IM"}"#
    );
    std::fs::write(&path, "").expect("write");
    let empty =
        tim::from_config::android_info(&load(Some(&path), &Default::default()).expect("loads"));
    assert_eq!(
        serde_json::to_string(&empty).expect("json"),
        r#"{"VIVOCategory":"IM"}"#
    );
}
