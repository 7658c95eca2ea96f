//! Tests for `apns.rs`: the `.p8` signing key, its key and team ids, and token and certificate
//! auth checked together. Every key is generated at test time (see `testutil`).

use crate::findings::{Rule, Severity};
use crate::secret::Secret;

use super::testutil::*;
use super::*;

#[test]
fn a_p256_pkcs8_key_with_good_ids_passes() {
    let scratch = Scratch::new();
    let out = check_apns(&token_input(&scratch, &p8_pem()));
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    assert_eq!(out.facts, ApnsFacts::default());
}

fn key_invalid_because(pem: &str) -> String {
    let scratch = Scratch::new();
    let input = token_input(&scratch, pem);
    let out = check_apns(&input);
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    let finding = one(&out, Rule::ApnsKeyInvalid);
    assert_eq!(finding.severity, Severity::Error);
    let location = finding.location.as_ref().expect("location");
    let path = &input.key_file.as_ref().expect("key file").value;
    assert_eq!(&*location.source, path.display().to_string());
    assert_eq!((location.line, location.column), (1, 1));
    assert!(finding.help.is_some());
    finding.message.to_string()
}

#[test]
fn an_rsa_key_is_not_an_apns_key() {
    let message = key_invalid_because(rsa_key_pem());
    assert!(message.contains("an RSA key"), "{message}");
    let pkcs1 = pem::encode(&pem::Pem::new("RSA PRIVATE KEY", vec![0x30, 0x00]));
    assert!(key_invalid_because(&pkcs1).contains("RSA key (PKCS#1)"));
}

#[test]
fn a_key_on_another_curve_is_named() {
    let p384 = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384).expect("key");
    let message = key_invalid_because(&p384.serialize_pem());
    assert!(message.contains("secp384r1"), "{message}");
    let ed = rcgen::KeyPair::generate_for(&rcgen::PKCS_ED25519).expect("key");
    assert!(key_invalid_because(&ed.serialize_pem()).contains("Ed25519"));
}

#[test]
fn a_certificate_public_key_or_sec1_key_is_not_an_apns_key() {
    let generated = generate(&CertSpec::development(BUNDLE));
    assert!(key_invalid_because(&generated.cert_pem).contains("a certificate"));
    let key = rcgen::KeyPair::generate().expect("key");
    assert!(key_invalid_because(&key.public_key_pem()).contains("public key"));
    let secret = {
        use p256::pkcs8::DecodePrivateKey as _;
        p256::SecretKey::from_pkcs8_der(&key.serialize_der()).expect("p256")
    };
    let sec1 = pem::encode(&pem::Pem::new(
        "EC PRIVATE KEY",
        secret.to_sec1_der().expect("sec1").to_vec(),
    ));
    assert!(key_invalid_because(&sec1).contains("SEC1"));
    let encrypted = pem::encode(&pem::Pem::new("ENCRYPTED PRIVATE KEY", vec![0x30, 0x00]));
    assert!(key_invalid_because(&encrypted).contains("encrypted"));
}

#[test]
fn text_that_is_not_pem_is_not_an_apns_key() {
    assert!(key_invalid_because("ABC123DEFG\n").contains("not PEM"));
    assert!(key_invalid_because("{\"type\": \"service_account\"}").contains("JSON"));
    let scratch = Scratch::new();
    let der = rcgen::KeyPair::generate().expect("key").serialize_der();
    let input = ApnsInput {
        key_file: Some(located(scratch.write("AuthKey_ABC123DEFG.p8", der), 5)),
        ..token_input(&Scratch::new(), "")
    };
    let out = check_apns(&input);
    assert!(one(&out, Rule::ApnsKeyInvalid)
        .message
        .contains("binary (DER)"));
}

#[test]
fn unreadable_p8_files_are_failures() {
    let scratch = Scratch::new();
    let pem = p8_pem();
    let cut = &pem[..pem.len() / 2];
    for (contents, want) in [
        (cut.to_owned(), "truncated or damaged"),
        (String::new(), "the file is empty"),
        (
            pem::encode(&pem::Pem::new("PRIVATE KEY", vec![0x30, 0x82, 0x01])),
            "PKCS#8 data inside the PEM is truncated",
        ),
    ] {
        let out = check_apns(&token_input(&scratch, &contents));
        let text = failure_text(&out);
        assert!(text.contains(want), "{text}");
        assert!(text.contains("AuthKey_ABC123DEFG.p8"), "{text}");
        assert!(out.findings.is_empty(), "{:#?}", out.findings);
    }
    let input = ApnsInput {
        key_file: Some(located(scratch.path("AuthKey_MISSING123.p8"), 5)),
        key_id: Some(located("MISSING123".to_owned(), 6)),
        ..token_input(&scratch, "")
    };
    // A file that is not there is a config mistake: a finding at the key, not a failure.
    let out = check_apns(&input);
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    assert_eq!(rules(&out.findings), ["credential-missing"]);
    let message = &out.findings[0].message;
    assert!(message.contains("`apns.key-file` points at"), "{message}");
    assert!(message.contains("AuthKey_MISSING123.p8"), "{message}");
    assert_eq!(out.findings[0].location.as_ref().map(|l| l.line), Some(5));
}

#[test]
fn key_and_team_ids_must_be_ten_upper_case_characters() {
    let scratch = Scratch::new();
    for (id, want) in [
        ("abc123defg", "lowercase"),
        ("ABC123DEF", "has 9 characters"),
        ("ABC-23DEFG", "contains `-`"),
        (" ABC123DEFG", "whitespace"),
        ("", "is empty"),
    ] {
        let input = ApnsInput {
            team_id: Some(located(id.to_owned(), 7)),
            ..token_input(&scratch, &p8_pem())
        };
        let out = check_apns(&input);
        let finding = one(&out, Rule::ApnsKeyInvalid);
        assert!(finding.message.contains(want), "{id}: {}", finding.message);
        assert!(
            finding.message.starts_with("team id"),
            "{}",
            finding.message
        );
        assert_eq!(finding.location, Some(config_at(7, 1)));
    }
    // A bad key id also differs from the file name: two findings, both at the key id.
    let input = ApnsInput {
        key_id: Some(located("abc123defg".to_owned(), 6)),
        ..token_input(&scratch, &p8_pem())
    };
    let out = check_apns(&input);
    assert_eq!(
        rules(&out.findings),
        ["apns-key-invalid", "apns-key-invalid"]
    );
    assert!(out
        .findings
        .iter()
        .all(|f| f.location == Some(config_at(6, 1))));
    // Ids are checked even without a key file (e.g. before the .p8 is downloaded).
    let input = ApnsInput {
        key_id: Some(located("SHORT".to_owned(), 6)),
        ..apns_input()
    };
    assert_eq!(rules(&check_apns(&input).findings), ["apns-key-invalid"]);
}

#[test]
fn a_key_id_that_differs_from_the_file_name_is_a_warning() {
    let scratch = Scratch::new();
    let input = ApnsInput {
        key_id: Some(located("ZZZ999YYYY".to_owned(), 6)),
        ..token_input(&scratch, &p8_pem())
    };
    let out = check_apns(&input);
    let finding = one(&out, Rule::ApnsKeyInvalid);
    assert_eq!(finding.severity, Severity::Warning);
    assert_says(finding, "`ZZZ999YYYY`");
    assert_says(finding, "`ABC123DEFG`");
    assert_eq!(finding.location, Some(config_at(6, 1)));
    // A file renamed to something else says nothing about the id.
    let input = ApnsInput {
        key_file: Some(located(scratch.write("apns.p8", p8_pem()), 5)),
        key_id: Some(located("ZZZ999YYYY".to_owned(), 6)),
        ..token_input(&scratch, "")
    };
    assert!(check_apns(&input).findings.is_empty());
}

#[test]
fn token_auth_needs_a_key_id_and_a_team_id() {
    let scratch = Scratch::new();
    let input = ApnsInput {
        key_id: None,
        team_id: None,
        ..token_input(&scratch, &p8_pem())
    };
    let out = check_apns(&input);
    assert_eq!(
        rules(&out.findings),
        ["apns-key-invalid", "apns-key-invalid"]
    );
    assert!(out.findings[0].message.contains("no key id"));
    assert!(out.findings[1].message.contains("no team id"));
    assert!(out
        .findings
        .iter()
        .all(|f| f.location == Some(config_at(5, 1))));
}

#[test]
fn token_and_certificate_auth_are_checked_together() {
    let scratch = Scratch::new();
    let cert = p12_file(&scratch, &CertSpec::development(BUNDLE));
    let input = ApnsInput {
        team_id: Some(located("bad".to_owned(), 7)),
        ..ApnsInput {
            certificate: Some(located(cert, 2)),
            certificate_password: Some(crate::findings::Located::new(Secret::new(PASSWORD), None)),
            environment: Some(located(ApnsEnvironment::Production, 4)),
            ..token_input(&scratch, &p8_pem())
        }
    };
    let out = check_apns(&input);
    assert_eq!(
        rules(&out.findings),
        ["apns-key-invalid", "apns-environment-mismatch"]
    );
    assert!(out
        .findings
        .iter()
        .all(|f| f.vendor == Some(crate::vendor::Vendor::Apns)));
}
