//! The leak test for every credential check: it plants a distinctive password and private key and
//! looks for them in every message, help text and failure. The checks of each file are tested
//! beside it (`apns_tests.rs`, `apns_cert_tests.rs`, `fcm_tests.rs`).

use p12_keystore::EncryptionAlgorithm;

use crate::secret::Secret;

use super::testutil::*;
use super::*;

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
            certificate_password: password
                .map(|p| crate::findings::Located::new(Secret::new(p), None)),
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
        outputs.contains("does not open with the configured certificate-password"),
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
