//! Tests for `apns_cert.rs`: the `.p12` and PEM push certificate (password, key, expiry,
//! environment, topics). Every certificate is issued at test time by a fake Apple CA (see
//! `testutil`).

use p12_keystore::EncryptionAlgorithm;

use crate::findings::{Rule, Severity};
use crate::secret::Secret;

use super::testutil::*;
use super::*;

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
        certificate_password: Some(crate::findings::Located::new(Secret::new(""), None)),
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

/// Issue 17: a wrong password was a failure (exit 2) while a wrong key file is a finding; it is
/// a `credential-rejected` finding at the `certificate-password` key now.
#[test]
fn a_wrong_password_is_a_finding_at_the_password_that_never_shows_it() {
    let scratch = Scratch::new();
    let input = ApnsInput {
        certificate_password: Some(crate::findings::Located::new(
            Secret::new("not-the-password-XYZZY"),
            located((), 5).location,
        )),
        ..cert_input(
            p12_file(&scratch, &CertSpec::development(BUNDLE)),
            ApnsEnvironment::Development,
        )
    };
    let out = check_apns(&input);
    assert!(out.failures.is_empty(), "{}", failure_text(&out));
    assert_eq!(out.findings.len(), 1, "{:#?}", out.findings);
    let finding = &out.findings[0];
    assert_eq!(finding.rule, Rule::CredentialRejected);
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.location.as_ref().map(|l| l.line), Some(5));
    let path = scratch.path("push.p12");
    assert!(finding.message.starts_with(&format!(
        "`{}` does not open with the configured certificate-password",
        path.display()
    )));
    assert!(!format!("{finding:?}").contains("XYZZY"));
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
    assert_says(finding, "no private key");
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
    assert_says(finding, "not the one that belongs");
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
    assert_says(finding, "expired on 2025-05-20 (12 days ago)");
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
    assert_says(finding, "expires on 2025-06-11, in 10 days");
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
    assert_says(finding, "environment is production");
    assert_says(finding, "development-only");
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
    assert_says(finding, "`com.example.other`");
    assert_says(finding, "`com.example.chat`");
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
