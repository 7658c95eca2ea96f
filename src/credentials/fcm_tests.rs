//! Tests for `fcm.rs`: the service-account JSON, its fields and its project, with findings
//! located at their key.

use crate::findings::{Rule, Severity};

use super::testutil::*;
use super::*;

/// Line and column (1-based, characters) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (u64, u64) {
    let offset = text.find(needle).expect("needle");
    let (line, column) = crate::text::line_col(text.as_bytes(), offset);
    (line as u64, column as u64)
}

#[test]
fn a_good_service_account_passes() {
    let scratch = Scratch::new();
    let (file, _) = write_sa(&scratch, &service_account("chat-app", rsa_key_pem()));
    let out = check_fcm(&fcm_input(file, Some("chat-app")));
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    // Default compute accounts are service accounts too (B.1).
    let mut value = service_account("chat-app", rsa_key_pem());
    value["client_email"] = "123-compute@developer.gserviceaccount.com".into();
    let (file, _) = write_sa(&scratch, &value);
    assert!(check_fcm(&fcm_input(file, None)).findings.is_empty());
}

#[test]
fn service_account_findings_point_at_their_key() {
    let scratch = Scratch::new();
    let mut value = service_account("chat-app", rsa_key_pem());
    value["type"] = "authorized_user".into();
    value["client_email"] = "someone@gmail.com".into();
    let (file, text) = write_sa(&scratch, &value);
    let out = check_fcm(&fcm_input(file.clone(), None));
    assert!(out.failures.is_empty());
    let mut found = out.findings.clone();
    found.sort_by_key(|f| f.location.as_ref().map(|l| l.line));
    for finding in &found {
        assert_eq!(finding.rule, Rule::FcmServiceAccountInvalid);
        assert_eq!(finding.vendor, Some(crate::vendor::Vendor::Fcm));
    }
    let by_pointer = |pointer: &str| {
        out.findings
            .iter()
            .find(|f| f.location.as_ref().is_some_and(|l| l.pointer == pointer))
            .unwrap_or_else(|| panic!("no finding at {pointer}: {:#?}", out.findings))
    };
    let kind = by_pointer("/type");
    assert_says(kind, "`authorized_user`");
    assert_eq!(kind.severity, Severity::Error);
    let location = kind.location.as_ref().expect("location");
    assert_eq!(&*location.source, file.display().to_string());
    assert_eq!(
        (location.line, location.column),
        position(&text, "\"type\"")
    );
    assert_eq!(
        location.offset as usize,
        text.find("\"type\"").expect("type")
    );
    let email = by_pointer("/client_email");
    assert_eq!(email.severity, Severity::Warning);
    assert!(email.message.contains("someone@gmail.com"));
    let location = email.location.as_ref().expect("location");
    assert_eq!(
        (location.line, location.column),
        position(&text, "\"client_email\"")
    );
    assert_eq!(out.findings.len(), 2);
}

#[test]
fn missing_and_empty_fields_are_named() {
    let scratch = Scratch::new();
    for field in [
        "type",
        "project_id",
        "private_key",
        "client_email",
        "token_uri",
    ] {
        let mut value = service_account("chat-app", rsa_key_pem());
        value.as_object_mut().expect("object").remove(field);
        let (file, _) = write_sa(&scratch, &value);
        let out = check_fcm(&fcm_input(file.clone(), None));
        let finding = one(&out, Rule::FcmServiceAccountInvalid);
        assert_says(finding, &format!("no `{field}` field"));
        let location = finding.location.as_ref().expect("location");
        assert_eq!(
            (&*location.source, location.line, location.column),
            (&*file.display().to_string(), 1, 1)
        );
        assert_eq!(out.findings.len(), 1, "{field}: {:#?}", out.findings);

        let mut value = service_account("chat-app", rsa_key_pem());
        value[field] = if field == "type" { 7.into() } else { "".into() };
        let (file, text) = write_sa(&scratch, &value);
        let out = check_fcm(&fcm_input(file, None));
        let finding = one(&out, Rule::FcmServiceAccountInvalid);
        let location = finding.location.as_ref().expect("location");
        assert_eq!(location.pointer, format!("/{field}"));
        assert_eq!(
            (location.line, location.column),
            position(&text, &format!("\"{field}\""))
        );
    }
}

#[test]
fn private_keys_that_are_not_rsa_pkcs8() {
    let scratch = Scratch::new();
    let rsa = rsa_key_pem();
    let pkcs1 = {
        use rsa::pkcs1::EncodeRsaPrivateKey as _;
        use rsa::pkcs8::DecodePrivateKey as _;
        rsa::RsaPrivateKey::from_pkcs8_pem(rsa)
            .expect("rsa")
            .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
            .expect("pkcs1")
            .to_string()
    };
    let cases = [
        (
            p8_pem(),
            "EC key on P-256; Google signs the token request with RS256",
        ),
        (pkcs1, "PKCS#1"),
        (rsa.replace('\n', "\\n"), "two characters `\\n`"),
        ("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC".to_owned(), "not PEM"),
        (rsa[..rsa.len() / 2].to_owned(), "truncated or damaged PEM"),
        (
            pem::encode(&pem::Pem::new("PRIVATE KEY", vec![0x30, 0x03, 0x02, 0x01])),
            "does not decode as PKCS#8",
        ),
        (
            generate(&CertSpec::development(BUNDLE)).cert_pem,
            "type `CERTIFICATE`",
        ),
    ];
    for (key, want) in cases {
        let (file, text) = write_sa(&scratch, &service_account("chat-app", &key));
        let out = check_fcm(&fcm_input(file, None));
        let finding = one(&out, Rule::FcmServiceAccountInvalid);
        assert!(
            finding.message.contains(want),
            "{want}: {}",
            finding.message
        );
        assert_says(finding, "`private_key`");
        let location = finding.location.as_ref().expect("location");
        assert_eq!(
            (location.line, location.column),
            position(&text, "\"private_key\"")
        );
        assert_eq!(out.findings.len(), 1, "{:#?}", out.findings);
    }
}

#[test]
fn project_id_must_match_google_services_json() {
    let scratch = Scratch::new();
    let (file, text) = write_sa(&scratch, &service_account("other-project", rsa_key_pem()));
    let out = check_fcm(&fcm_input(file.clone(), Some("chat-app")));
    let finding = one(&out, Rule::FcmServiceAccountInvalid);
    for part in [
        file.display().to_string(),
        "`other-project`".to_owned(),
        "android/app/google-services.json".to_owned(),
        "`chat-app`".to_owned(),
        "SENDER_ID_MISMATCH".to_owned(),
    ] {
        assert!(
            finding.message.contains(&part),
            "{part}: {}",
            finding.message
        );
    }
    let location = finding.location.as_ref().expect("location");
    assert_eq!(
        (location.line, location.column),
        position(&text, "\"project_id\"")
    );
    assert_eq!(location.pointer, "/project_id");
}

#[test]
fn wrong_kinds_of_json() {
    let scratch = Scratch::new();
    let file = scratch.write(
        "service-account.json",
        r#"{"project_info": {"project_id": "chat-app", "project_number": "123"}, "client": []}"#,
    );
    let out = check_fcm(&fcm_input(file, None));
    assert!(one(&out, Rule::FcmServiceAccountInvalid)
        .message
        .contains("is a google-services.json"));
    let file = scratch.write("service-account.json", "[1, 2]");
    let out = check_fcm(&fcm_input(file, None));
    assert!(one(&out, Rule::FcmServiceAccountInvalid)
        .message
        .contains("not an object"));
}

/// Checks `text` as the service account and returns where its one finding points.
fn location_of_the_one_finding(scratch: &Scratch, text: &str) -> crate::findings::Location {
    let file = scratch.write("service-account.json", text);
    let out = check_fcm(&fcm_input(file, None));
    let finding = one(&out, Rule::FcmServiceAccountInvalid);
    finding.location.clone().expect("location")
}

#[test]
fn keys_are_located_past_a_bom_nesting_and_escapes() {
    let scratch = Scratch::new();
    let mut text = String::from(
        "\u{feff}{\"nested\": {\"type\": 1}, \"a\\\"b\": [\"type\"],\n  \"type\": \"user\"",
    );
    let value = service_account("chat-app", rsa_key_pem());
    for key in ["project_id", "private_key", "client_email", "token_uri"] {
        text.push_str(&format!(",\n  \"{key}\": {}", value[key]));
    }
    text.push_str("\n}\n");
    let location = location_of_the_one_finding(&scratch, &text);
    assert_eq!((location.line, location.column), (2, 3));
    assert_eq!(
        location.offset as usize,
        text.find("\"type\": \"user\"").expect("type")
    );
}

/// serde_json keeps the last of repeated keys, so the finding about the value it read points at
/// that last key, not at the first one.
#[test]
fn a_repeated_key_is_located_at_the_last_one() {
    let scratch = Scratch::new();
    let value = service_account("chat-app", rsa_key_pem());
    let mut text = serde_json::to_string_pretty(&value).expect("json");
    let close = text.rfind("\n}").expect("closing brace");
    text.insert_str(close, ",\n  \"type\": \"user\"");
    let location = location_of_the_one_finding(&scratch, &text);
    assert_eq!(location.pointer, "/type");
    assert_eq!(
        location.offset as usize,
        text.rfind("\"type\"").expect("type")
    );
}

#[test]
fn unreadable_service_accounts_are_failures() {
    let scratch = Scratch::new();
    let file = scratch.write(
        "service-account.json",
        "{\n  \"type\": \"service_account\",\n  \"project_id\": \"chat-app\",\n}\n",
    );
    let out = check_fcm(&fcm_input(file.clone(), None));
    assert!(out.findings.is_empty());
    assert_eq!(
        failure_text(&out),
        format!(
            "cannot parse FCM service account `{}`: trailing comma at line 4, column 1",
            file.display()
        )
    );
    let file = scratch.write("service-account.json", "  \n");
    assert!(failure_text(&check_fcm(&fcm_input(file, None))).contains("the file is empty"));
    // A file that is not there is a config mistake: a finding at the key, not a failure.
    let out = check_fcm(&fcm_input(scratch.path("nope.json"), None));
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    assert_eq!(rules(&out.findings), ["credential-missing"]);
    assert!(out.findings[0]
        .message
        .contains("`fcm.service-account` points at"));
    assert!(out.findings[0].message.contains("nope.json"));
}
