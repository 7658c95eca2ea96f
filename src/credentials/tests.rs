//! Tests for the credential checks. Every key and certificate is generated here (see
//! `testutil`); the leak test plants a distinctive password and private key and looks for them in
//! every message, help text and failure.

use std::path::PathBuf;

use p12_keystore::EncryptionAlgorithm;

use super::testutil::*;
use super::*;
use crate::findings::{Located, Rule, Severity};
use crate::secret::Secret;

fn apns_input() -> ApnsInput {
    ApnsInput {
        key_file: None,
        key_id: None,
        team_id: None,
        certificate: None,
        certificate_password: None,
        bundle_id: None,
        environment: None,
        expiry_warning_days: 30,
        now: now(),
    }
}

/// Certificate auth with `file`, the test password, bundle id at line 3, environment at line 4.
fn cert_input(file: PathBuf, environment: ApnsEnvironment) -> ApnsInput {
    ApnsInput {
        certificate: Some(located(file, 2)),
        certificate_password: Some(Secret::new(PASSWORD)),
        bundle_id: Some(located(BUNDLE.to_owned(), 3)),
        environment: Some(located(environment, 4)),
        ..apns_input()
    }
}

fn rules(findings: &[crate::findings::Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule.name()).collect()
}

fn one(out: &CheckOutput<impl Sized>, rule: Rule) -> &crate::findings::Finding {
    let matching: Vec<_> = out.findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(
        matching.len(),
        1,
        "want one {}: {:#?}",
        rule.name(),
        out.findings
    );
    matching[0]
}

fn failure_text(out: &CheckOutput<impl Sized>) -> String {
    assert_eq!(
        out.failures.len(),
        1,
        "want one failure: {:?}",
        out.failures
    );
    format!("{:#}", out.failures[0])
}

fn p12_file(scratch: &Scratch, spec: &CertSpec) -> PathBuf {
    let generated = generate(spec);
    scratch.write(
        "push.p12",
        p12(
            &generated,
            PASSWORD,
            true,
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
        ),
    )
}

// ---------------------------------------------------------------- token auth (.p8) -------------

fn token_input(scratch: &Scratch, pem: &str) -> ApnsInput {
    ApnsInput {
        key_file: Some(located(scratch.write("AuthKey_ABC123DEFG.p8", pem), 5)),
        key_id: Some(located("ABC123DEFG".to_owned(), 6)),
        team_id: Some(located(TEAM.to_owned(), 7)),
        ..apns_input()
    }
}

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
    finding.message.clone()
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
    assert!(
        finding.message.contains("`ZZZ999YYYY`"),
        "{}",
        finding.message
    );
    assert!(
        finding.message.contains("`ABC123DEFG`"),
        "{}",
        finding.message
    );
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

// ---------------------------------------------------------------- certificates -----------------

#[test]
fn a_good_development_p12_passes_and_gives_its_facts() {
    let scratch = Scratch::new();
    let spec = CertSpec::development(BUNDLE);
    let not_after = spec.not_after;
    let out = check_apns(&cert_input(
        p12_file(&scratch, &spec),
        ApnsEnvironment::Development,
    ));
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    assert_eq!(
        out.facts.cert_environment,
        Some(CertEnvironment::Development)
    );
    assert_eq!(out.facts.cert_topics, [BUNDLE]);
    assert_eq!(out.facts.cert_not_after, Some(not_after));
}

#[test]
fn legacy_keychain_encryption_opens() {
    // Keychain Access and older OpenSSL export with SHA-1 3DES / 40-bit RC2 (PBES1).
    let scratch = Scratch::new();
    let generated = generate(&CertSpec::universal(BUNDLE));
    for algorithm in [
        EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
        EncryptionAlgorithm::PbeWithShaAnd40BitRc4Cbc,
    ] {
        let file = scratch.write("legacy.p12", p12(&generated, PASSWORD, true, algorithm));
        let out = check_apns(&cert_input(file, ApnsEnvironment::Production));
        assert!(
            out.findings.is_empty(),
            "{algorithm:?}: {:#?}",
            out.findings
        );
        assert!(out.failures.is_empty(), "{algorithm:?}: {:?}", out.failures);
        assert_eq!(out.facts.cert_environment, Some(CertEnvironment::Universal));
    }
}

#[test]
fn an_apple_rsa_certificate_matches_its_key() {
    let scratch = Scratch::new();
    let spec = CertSpec {
        rsa: true,
        ..CertSpec::universal(BUNDLE)
    };
    let out = check_apns(&cert_input(
        p12_file(&scratch, &spec),
        ApnsEnvironment::Development,
    ));
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
    assert!(out.failures.is_empty(), "{:?}", out.failures);
}

#[test]
fn a_password_less_p12_is_reported_and_still_checked() {
    let scratch = Scratch::new();
    let spec = CertSpec {
        not_after: now() - days(3),
        ..CertSpec::development(BUNDLE)
    };
    let generated = generate(&spec);
    let file = scratch.write(
        "push.p12",
        p12(
            &generated,
            "",
            true,
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
        ),
    );
    // No password configured: the finding, and the rest of the checks still run.
    let input = ApnsInput {
        certificate_password: None,
        ..cert_input(file.clone(), ApnsEnvironment::Development)
    };
    let out = check_apns(&input);
    assert_eq!(
        rules(&out.findings),
        ["apns-p12-no-password", "apns-cert-expired"]
    );
    let finding = one(&out, Rule::ApnsP12NoPassword);
    assert!(finding
        .message
        .contains("has no password and none is configured"));
    assert_eq!(finding.location, Some(config_at(2, 1)));
    assert!(out.failures.is_empty());
    // An empty configured password is no password.
    let input = ApnsInput {
        certificate_password: Some(Secret::new("")),
        ..cert_input(file.clone(), ApnsEnvironment::Development)
    };
    assert_eq!(
        one(&check_apns(&input), Rule::ApnsP12NoPassword).severity,
        Severity::Error
    );
    // A password configured for a file that has none.
    let out = check_apns(&cert_input(file, ApnsEnvironment::Development));
    assert!(one(&out, Rule::ApnsP12NoPassword)
        .message
        .contains("opens with an empty one"));
    assert!(out.failures.is_empty());
}

#[test]
fn a_protected_p12_without_a_configured_password() {
    let scratch = Scratch::new();
    let input = ApnsInput {
        certificate_password: None,
        ..cert_input(
            p12_file(&scratch, &CertSpec::development(BUNDLE)),
            ApnsEnvironment::Development,
        )
    };
    let out = check_apns(&input);
    assert_eq!(rules(&out.findings), ["apns-p12-no-password"]);
    assert!(out.findings[0]
        .message
        .contains("does not open without one"));
    assert!(out.failures.is_empty());
    assert_eq!(out.facts, ApnsFacts::default());
}

#[test]
fn a_wrong_password_is_a_failure_that_never_shows_it() {
    let scratch = Scratch::new();
    let input = ApnsInput {
        certificate_password: Some(Secret::new("not-the-password-XYZZY")),
        ..cert_input(
            p12_file(&scratch, &CertSpec::development(BUNDLE)),
            ApnsEnvironment::Development,
        )
    };
    let out = check_apns(&input);
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
    let text = failure_text(&out);
    let path = scratch.path("push.p12");
    assert_eq!(
        text,
        format!(
            "cannot open `{}`: wrong password or damaged file",
            path.display()
        )
    );
    assert!(!format!("{:?}", out.failures[0]).contains("XYZZY"));
}

#[test]
fn unreadable_certificate_files_are_failures() {
    let scratch = Scratch::new();
    let generated = generate(&CertSpec::development(BUNDLE));
    let whole = p12(
        &generated,
        PASSWORD,
        true,
        EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
    );
    let cut_pem = &generated.cert_pem[..generated.cert_pem.len() - 40];
    for (contents, want) in [
        (whole[..whole.len() / 2].to_vec(), "truncated"),
        (b"hello, not a certificate".to_vec(), "neither a PKCS#12"),
        (Vec::new(), "the file is empty"),
        (cut_pem.as_bytes().to_vec(), "PEM is truncated or damaged"),
    ] {
        let file = scratch.write("push.p12", &contents);
        let out = check_apns(&cert_input(file, ApnsEnvironment::Development));
        let text = failure_text(&out);
        assert!(text.contains(want), "{text}");
        assert!(text.contains("push.p12"), "{text}");
        assert!(!text.contains('\n'), "{text}");
        assert!(out.findings.is_empty(), "{:#?}", out.findings);
    }
    // A file that is not there is a config mistake: a finding at the key, not a failure.
    let out = check_apns(&cert_input(
        scratch.path("gone.p12"),
        ApnsEnvironment::Development,
    ));
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    assert_eq!(rules(&out.findings), ["credential-missing"]);
    assert!(out.findings[0]
        .message
        .contains("`apns.certificate` points at"));
    assert!(out.findings[0].message.contains("gone.p12"));
}

#[test]
fn a_damaged_p12_without_a_password_gives_the_finding_and_the_failure() {
    let scratch = Scratch::new();
    let file = scratch.write("push.p12", b"not a p12 at all");
    let input = ApnsInput {
        certificate_password: None,
        ..cert_input(file, ApnsEnvironment::Development)
    };
    let out = check_apns(&input);
    assert_eq!(rules(&out.findings), ["apns-p12-no-password"]);
    assert!(failure_text(&out).contains("neither a PKCS#12"));
}

#[test]
fn a_p12_without_the_private_key() {
    let scratch = Scratch::new();
    let generated = generate(&CertSpec::development(BUNDLE));
    let file = scratch.write(
        "push.p12",
        p12(
            &generated,
            PASSWORD,
            false,
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
        ),
    );
    let out = check_apns(&cert_input(file.clone(), ApnsEnvironment::Development));
    let finding = one(&out, Rule::ApnsCertNoPrivateKey);
    assert!(
        finding.message.contains("no private key"),
        "{}",
        finding.message
    );
    let location = finding.location.as_ref().expect("location");
    assert_eq!(&*location.source, file.display().to_string());
    assert_eq!((location.line, location.column), (1, 1));
    assert_eq!(out.findings.len(), 1, "{:#?}", out.findings);
    // The certificate itself was still read.
    assert_eq!(
        out.facts.cert_environment,
        Some(CertEnvironment::Development)
    );
}

#[test]
fn a_p12_whose_key_belongs_to_another_certificate() {
    let scratch = Scratch::new();
    let generated = generate(&CertSpec::development(BUNDLE));
    let other = generate(&CertSpec::development(BUNDLE));
    let file = scratch.write(
        "push.p12",
        p12_with_foreign_key(&generated, &other, PASSWORD),
    );
    let out = check_apns(&cert_input(file, ApnsEnvironment::Development));
    let finding = one(&out, Rule::ApnsCertNoPrivateKey);
    assert!(
        finding.message.contains("not the one that belongs"),
        "{}",
        finding.message
    );
}

#[test]
fn expired_and_expiring_certificates() {
    let scratch = Scratch::new();
    let expired = CertSpec {
        not_after: now() - days(12),
        ..CertSpec::development(BUNDLE)
    };
    let out = check_apns(&cert_input(
        p12_file(&scratch, &expired),
        ApnsEnvironment::Development,
    ));
    let finding = one(&out, Rule::ApnsCertExpired);
    assert_eq!(finding.severity, Severity::Error);
    assert!(
        finding
            .message
            .contains("expired on 2025-05-20 (12 days ago)"),
        "{}",
        finding.message
    );
    assert!(finding
        .message
        .contains("Apple Development IOS Push Services: com.example.chat"));
    assert_eq!(finding.location.as_ref().map(|l| l.line), Some(1));
    assert_eq!(out.findings.len(), 1);

    let expiring = CertSpec {
        not_after: now() + days(10),
        ..CertSpec::development(BUNDLE)
    };
    let file = p12_file(&scratch, &expiring);
    let out = check_apns(&cert_input(file.clone(), ApnsEnvironment::Development));
    let finding = one(&out, Rule::ApnsCertExpiring);
    assert_eq!(finding.severity, Severity::Warning);
    assert!(
        finding
            .message
            .contains("expires on 2025-06-11, in 10 days"),
        "{}",
        finding.message
    );
    assert_eq!(out.findings.len(), 1);

    // Outside the window, or with the warning turned off: nothing.
    let input = ApnsInput {
        expiry_warning_days: 7,
        ..cert_input(file.clone(), ApnsEnvironment::Development)
    };
    assert!(check_apns(&input).findings.is_empty());
    let input = ApnsInput {
        expiry_warning_days: 0,
        ..cert_input(file, ApnsEnvironment::Development)
    };
    assert!(check_apns(&input).findings.is_empty());
}

#[test]
fn environment_from_extensions_and_common_name() {
    let scratch = Scratch::new();
    let cases = [
        (CertSpec::development(BUNDLE), CertEnvironment::Development),
        (CertSpec::production(BUNDLE), CertEnvironment::Production),
        (CertSpec::universal(BUNDLE), CertEnvironment::Universal),
        // Without Apple's extensions the CN decides (NWPusher's table, A.4).
        (
            CertSpec {
                development_oid: false,
                ..CertSpec::development(BUNDLE)
            },
            CertEnvironment::Development,
        ),
        (
            CertSpec {
                development_oid: false,
                production_oid: false,
                ..CertSpec::universal(BUNDLE)
            },
            CertEnvironment::Universal,
        ),
        // The extensions win over the CN.
        (
            CertSpec {
                common_name: format!("Apple Push Services: {BUNDLE}"),
                ..CertSpec::production(BUNDLE)
            },
            CertEnvironment::Production,
        ),
    ];
    for (spec, want) in cases {
        let out = check_apns(&ApnsInput {
            environment: None,
            ..cert_input(p12_file(&scratch, &spec), ApnsEnvironment::Development)
        });
        assert_eq!(
            out.facts.cert_environment,
            Some(want),
            "{}",
            spec.common_name
        );
        assert!(out.findings.is_empty(), "{:#?}", out.findings);
    }
}

#[test]
fn environment_mismatch() {
    let scratch = Scratch::new();
    let dev = p12_file(&scratch, &CertSpec::development(BUNDLE));
    let out = check_apns(&cert_input(dev, ApnsEnvironment::Production));
    let finding = one(&out, Rule::ApnsEnvironmentMismatch);
    assert!(
        finding.message.contains("environment is production"),
        "{}",
        finding.message
    );
    assert!(
        finding.message.contains("development-only"),
        "{}",
        finding.message
    );
    assert_eq!(finding.location, Some(config_at(4, 1)));
    assert_eq!(out.findings.len(), 1);

    let prod = p12_file(&scratch, &CertSpec::production(BUNDLE));
    let out = check_apns(&cert_input(prod.clone(), ApnsEnvironment::Development));
    assert!(one(&out, Rule::ApnsEnvironmentMismatch)
        .message
        .contains("production-only"));
    assert!(check_apns(&cert_input(prod, ApnsEnvironment::Production))
        .findings
        .is_empty());

    let universal = p12_file(&scratch, &CertSpec::universal(BUNDLE));
    for environment in [ApnsEnvironment::Development, ApnsEnvironment::Production] {
        let out = check_apns(&cert_input(universal.clone(), environment));
        assert!(out.findings.is_empty(), "{:#?}", out.findings);
    }
}

#[test]
fn topic_mismatch_against_the_uid_and_the_topics_extension() {
    let scratch = Scratch::new();
    let other = p12_file(&scratch, &CertSpec::development("com.example.other"));
    let out = check_apns(&cert_input(other, ApnsEnvironment::Development));
    let finding = one(&out, Rule::ApnsTopicMismatch);
    assert!(
        finding.message.contains("`com.example.other`"),
        "{}",
        finding.message
    );
    assert!(
        finding.message.contains("`com.example.chat`"),
        "{}",
        finding.message
    );
    assert_eq!(finding.location, Some(config_at(3, 1)));

    // A universal cert lists the topics in its extension (no UID here): the bundle id is one.
    let universal = CertSpec {
        uid: None,
        ..CertSpec::universal(BUNDLE)
    };
    let out = check_apns(&cert_input(
        p12_file(&scratch, &universal),
        ApnsEnvironment::Production,
    ));
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
    assert_eq!(
        out.facts.cert_topics,
        [
            BUNDLE,
            "com.example.chat.voip",
            "com.example.chat.complication"
        ]
    );

    // Letter case matters, and the message says so.
    let upper = p12_file(&scratch, &CertSpec::development("com.Example.Chat"));
    let out = check_apns(&cert_input(upper, ApnsEnvironment::Development));
    assert!(one(&out, Rule::ApnsTopicMismatch)
        .message
        .contains("letter case"));

    // No UID and no extension: the CN's bundle id is used.
    let cn_only = CertSpec {
        uid: None,
        ..CertSpec::development("com.example.other")
    };
    let out = check_apns(&cert_input(
        p12_file(&scratch, &cn_only),
        ApnsEnvironment::Development,
    ));
    assert_eq!(out.facts.cert_topics, ["com.example.other"]);
    assert_eq!(rules(&out.findings), ["apns-topic-mismatch"]);
}

#[test]
fn pem_and_der_certificates() {
    let scratch = Scratch::new();
    let generated = generate(&CertSpec::development(BUNDLE));
    // As `openssl pkcs12 -nodes` writes it: bag attributes, the certificate, then the key.
    let both = format!(
        "Bag Attributes\n    friendlyName: Apple Development IOS Push Services: {BUNDLE}\n{}{}",
        generated.cert_pem, generated.key_pem
    );
    let file = scratch.write("push.pem", &both);
    let input = ApnsInput {
        certificate_password: None,
        ..cert_input(file, ApnsEnvironment::Development)
    };
    let out = check_apns(&input);
    assert!(
        out.findings.is_empty(),
        "PEM needs no password: {:#?}",
        out.findings
    );
    assert_eq!(
        out.facts.cert_environment,
        Some(CertEnvironment::Development)
    );

    let cert_only = scratch.write("cert.pem", &generated.cert_pem);
    let out = check_apns(&cert_input(cert_only, ApnsEnvironment::Development));
    assert_eq!(rules(&out.findings), ["apns-cert-no-private-key"]);

    let other = generate(&CertSpec::development(BUNDLE));
    let foreign = scratch.write(
        "foreign.pem",
        format!("{}{}", generated.cert_pem, other.key_pem),
    );
    let out = check_apns(&cert_input(foreign, ApnsEnvironment::Development));
    assert!(one(&out, Rule::ApnsCertNoPrivateKey)
        .message
        .contains("not the one"));

    let der = scratch.write("aps_development.cer", &generated.cert_der);
    let out = check_apns(&cert_input(der, ApnsEnvironment::Development));
    assert!(one(&out, Rule::ApnsCertNoPrivateKey)
        .message
        .contains("bare certificate"));
    assert!(out.failures.is_empty());

    let key_only = scratch.write("key.pem", &generated.key_pem);
    let out = check_apns(&cert_input(key_only, ApnsEnvironment::Development));
    assert_eq!(rules(&out.findings), ["credential-malformed"]);
}

#[test]
fn token_and_certificate_auth_are_checked_together() {
    let scratch = Scratch::new();
    let cert = p12_file(&scratch, &CertSpec::development(BUNDLE));
    let input = ApnsInput {
        team_id: Some(located("bad".to_owned(), 7)),
        ..ApnsInput {
            certificate: Some(located(cert, 2)),
            certificate_password: Some(Secret::new(PASSWORD)),
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

// ---------------------------------------------------------------- FCM --------------------------

fn fcm_input(file: PathBuf, app_project: Option<&str>) -> FcmInput {
    FcmInput {
        service_account: Located::new(file, Some(config_at(9, 1))),
        google_services_project_id: app_project.map(|id| {
            Located::new(
                id.to_owned(),
                Some(crate::findings::Location {
                    source: "android/app/google-services.json".into(),
                    line: 4,
                    column: 5,
                    offset: 0,
                    pointer: "/project_info/project_id".to_owned(),
                }),
            )
        }),
    }
}

fn write_sa(scratch: &Scratch, value: &serde_json::Value) -> (PathBuf, String) {
    let text = serde_json::to_string_pretty(value).expect("json");
    (scratch.write("service-account.json", &text), text)
}

/// Line and column (1-based, characters) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (u64, u64) {
    let offset = text.find(needle).expect("needle");
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[start..].chars().count() as u64 + 1)
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
    assert!(
        kind.message.contains("`authorized_user`"),
        "{}",
        kind.message
    );
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
        assert!(
            finding.message.contains(&format!("no `{field}` field")),
            "{}",
            finding.message
        );
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
        assert!(
            finding.message.contains("`private_key`"),
            "{}",
            finding.message
        );
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
    let file = scratch.write("service-account.json", &text);
    let out = check_fcm(&fcm_input(file, None));
    let finding = one(&out, Rule::FcmServiceAccountInvalid);
    let location = finding.location.as_ref().expect("location");
    assert_eq!((location.line, location.column), (2, 3));
    assert_eq!(
        location.offset as usize,
        text.find("\"type\": \"user\"").expect("type")
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

// ---------------------------------------------------------------- secrets ----------------------

/// Every message, help text and failure (Display, alternate Display, Debug) of a check.
fn everything<F>(out: &CheckOutput<F>) -> String {
    let mut all = String::new();
    for finding in &out.findings {
        all.push_str(&format!(
            "{finding:?}\n{}\n{:?}\n",
            finding.message, finding.help
        ));
    }
    for failure in &out.failures {
        all.push_str(&format!("{failure}\n{failure:#}\n{failure:?}\n"));
    }
    all
}

#[test]
fn no_password_or_private_key_appears_in_any_output() {
    let scratch = Scratch::new();
    let generated = generate(&CertSpec::development(BUNDLE));
    let key_body: String = generated
        .key_pem
        .lines()
        .nth(1)
        .expect("base64 line")
        .to_owned();
    let rsa_body: String = rsa_key_pem()
        .lines()
        .nth(2)
        .expect("base64 line")
        .to_owned();
    let p8 = p8_pem();
    let p8_body = p8.lines().nth(1).expect("base64 line").to_owned();
    let mut outputs = String::new();

    let good = scratch.write(
        "good.p12",
        p12(
            &generated,
            PASSWORD,
            true,
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
        ),
    );
    for password in [Some(PASSWORD), Some("wrong-password-XYZZY"), Some(""), None] {
        let input = ApnsInput {
            certificate_password: password.map(Secret::new),
            ..cert_input(good.clone(), ApnsEnvironment::Production)
        };
        outputs.push_str(&everything(&check_apns(&input)));
    }
    // The password appears in no failure of a damaged file either.
    let cut = std::fs::read(&good).expect("read");
    let damaged = scratch.write("damaged.p12", &cut[..cut.len() - 10]);
    outputs.push_str(&everything(&check_apns(&cert_input(
        damaged,
        ApnsEnvironment::Development,
    ))));
    // Keys in PEM files that are wrong in every way, and a truncated one.
    for contents in [
        format!(
            "{}{}",
            generated.cert_pem,
            generate(&CertSpec::development(BUNDLE)).key_pem
        ),
        generated.key_pem[..generated.key_pem.len() - 30].to_owned(),
    ] {
        let file = scratch.write("push.pem", &contents);
        outputs.push_str(&everything(&check_apns(&cert_input(
            file,
            ApnsEnvironment::Development,
        ))));
        let out = check_apns(&token_input(&scratch, &contents));
        outputs.push_str(&everything(&out));
    }
    outputs.push_str(&everything(&check_apns(&token_input(
        &scratch,
        rsa_key_pem(),
    ))));
    outputs.push_str(&everything(&check_apns(&ApnsInput {
        key_id: Some(located("ZZZ999YYYY".to_owned(), 6)),
        ..token_input(&scratch, &p8)
    })));
    // Service accounts with a good key and with broken ones.
    for key in [
        rsa_key_pem().to_owned(),
        rsa_key_pem().replace('\n', "\\n"),
        rsa_key_pem()[..900].to_owned(),
        generated.key_pem.clone(),
    ] {
        let (file, _) = write_sa(&scratch, &service_account("other", &key));
        outputs.push_str(&everything(&check_fcm(&fcm_input(file, Some("chat-app")))));
    }
    assert!(
        outputs.contains("wrong password or damaged file"),
        "the scenarios ran"
    );
    for secret in [PASSWORD, "XYZZY", &key_body, &rsa_body, &p8_body] {
        assert!(!outputs.contains(secret), "leaked a secret: {outputs}");
    }
    // Everything the secret bodies have in common with output: not even a 16-character piece.
    for body in [&key_body, &rsa_body] {
        for window in body.as_bytes().windows(16) {
            let piece = std::str::from_utf8(window).expect("base64");
            assert!(!outputs.contains(piece), "leaked part of a key: {piece}");
        }
    }
}
