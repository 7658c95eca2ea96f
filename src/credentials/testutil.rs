//! Test credentials, all generated at test time: Apple-like push certificates (issued by a fake
//! "Apple Worldwide Developer Relations" CA, with Apple's subject shape and extensions), `.p12`
//! files written with p12-keystore, `.p8` keys and service-account JSON. No real credential is
//! ever committed. Below them, the check inputs and the readers of check outputs the tests of
//! every credential file share.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain,
};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, Issuer,
    KeyPair, SubjectPublicKeyInfo,
};
use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncodePublicKey as _, LineEnding};
use time::OffsetDateTime;

use super::{ApnsEnvironment, ApnsInput, CheckOutput, FcmInput};
use crate::findings::{Finding, Located, Location, Rule};
use crate::secret::Secret;

pub const BUNDLE: &str = "com.example.chat";
pub const TEAM: &str = "ABCDE12345";
/// A distinctive password: the leak test looks for it in every output.
pub const PASSWORD: &str = "pw-Zq8!SECRET-do-not-print";

/// "Now" for every test: 2025-06-01T00:00:00Z.
pub fn now() -> OffsetDateTime {
    rcgen::date_time_ymd(2025, 6, 1)
}

pub fn days(n: i64) -> time::Duration {
    time::Duration::days(n)
}

/// A config location, as the config layer would give one.
pub fn config_at(line: u64, column: u64) -> Location {
    Location {
        source: Arc::from("pushdiag.toml"),
        line,
        column,
        offset: 0,
        pointer: String::new(),
    }
}

pub fn located<T>(value: T, line: u64) -> Located<T> {
    Located::new(value, Some(config_at(line, 1)))
}

/// What kind of Apple push certificate to make.
pub struct CertSpec {
    pub common_name: String,
    pub uid: Option<String>,
    pub development_oid: bool,
    pub production_oid: bool,
    /// `(topic, kind)` pairs for the topics extension; empty leaves the extension out.
    pub topics: Vec<(String, String)>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// Sign with an RSA key (as Apple's are) instead of P-256.
    pub rsa: bool,
}

impl CertSpec {
    /// A sandbox-only certificate: "Apple Development IOS Push Services: <bundle>".
    pub fn development(bundle: &str) -> CertSpec {
        CertSpec {
            common_name: format!("Apple Development IOS Push Services: {bundle}"),
            uid: Some(bundle.to_owned()),
            development_oid: true,
            production_oid: false,
            topics: Vec::new(),
            not_before: now() - days(300),
            not_after: now() + days(65),
            rsa: false,
        }
    }

    /// A "Sandbox & Production" certificate: "Apple Push Services: <bundle>", both OIDs and the
    /// topics extension (bundle, .voip, .complication).
    pub fn universal(bundle: &str) -> CertSpec {
        CertSpec {
            common_name: format!("Apple Push Services: {bundle}"),
            development_oid: true,
            production_oid: true,
            topics: vec![
                (bundle.to_owned(), "app".to_owned()),
                (format!("{bundle}.voip"), "voip".to_owned()),
                (format!("{bundle}.complication"), "complication".to_owned()),
            ],
            ..CertSpec::development(bundle)
        }
    }

    /// A production-only certificate.
    pub fn production(bundle: &str) -> CertSpec {
        CertSpec {
            common_name: format!("Apple Production IOS Push Services: {bundle}"),
            development_oid: false,
            production_oid: true,
            ..CertSpec::development(bundle)
        }
    }
}

/// A generated certificate with its key and the CA that issued it.
pub struct Generated {
    pub cert_der: Vec<u8>,
    pub cert_pem: String,
    pub key_der: Vec<u8>,
    pub key_pem: String,
    pub ca_der: Vec<u8>,
}

fn oid(dotted: &str) -> Vec<u64> {
    dotted
        .split('.')
        .filter_map(|arc| arc.parse().ok())
        .collect()
}

/// DER: a tag, a length, the content.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn topics_value(topics: &[(String, String)]) -> Vec<u8> {
    let mut items = Vec::new();
    for (topic, kind) in topics {
        items.extend(tlv(0x0c, topic.as_bytes()));
        items.extend(tlv(0x30, &tlv(0x0c, kind.as_bytes())));
    }
    tlv(0x30, &items)
}

fn wwdr() -> &'static (CertificateParams, KeyPair, Vec<u8>) {
    static CA: OnceLock<(CertificateParams, KeyPair, Vec<u8>)> = OnceLock::new();
    CA.get_or_init(|| {
        let key = KeyPair::generate().expect("CA key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        let mut name = DistinguishedName::new();
        name.push(
            DnType::CommonName,
            "Apple Worldwide Developer Relations Certification Authority (TEST)",
        );
        name.push(DnType::OrganizationalUnitName, "G4");
        name.push(DnType::OrganizationName, "Test CA, not Apple");
        params.distinguished_name = name;
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.not_before = now() - days(3000);
        params.not_after = now() + days(3000);
        let cert = params.self_signed(&key).expect("CA cert");
        let der = cert.der().to_vec();
        (params, key, der)
    })
}

/// An RSA key made once per test run. 1024 bits keeps debug-build generation to about a second;
/// no check depends on the size (ring's 2048-bit minimum is avoided by never signing with it).
pub fn rsa_key_pem() -> &'static str {
    static KEY: OnceLock<String> = OnceLock::new();
    KEY.get_or_init(|| {
        let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).expect("RSA key");
        key.to_pkcs8_pem(LineEnding::LF)
            .expect("RSA PKCS#8")
            .to_string()
    })
}

pub fn generate(spec: &CertSpec) -> Generated {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    let mut name = DistinguishedName::new();
    if let Some(uid) = &spec.uid {
        name.push(
            DnType::CustomDnType(oid("0.9.2342.19200300.100.1.1")),
            uid.as_str(),
        );
    }
    name.push(DnType::CommonName, spec.common_name.as_str());
    name.push(DnType::OrganizationalUnitName, TEAM);
    name.push(DnType::OrganizationName, "Example Chat Ltd");
    name.push(DnType::CountryName, "US");
    params.distinguished_name = name;
    params.not_before = spec.not_before;
    params.not_after = spec.not_after;
    // Apple's markers for the development and production gateways, each an ASN.1 NULL.
    let gateways = [
        (spec.development_oid, "1.2.840.113635.100.6.3.1"),
        (spec.production_oid, "1.2.840.113635.100.6.3.2"),
    ];
    for (_, id) in gateways.into_iter().filter(|(wanted, _)| *wanted) {
        let null = vec![0x05, 0x00];
        let extension = CustomExtension::from_oid_content(&oid(id), null);
        params.custom_extensions.push(extension);
    }
    if !spec.topics.is_empty() {
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                &oid("1.2.840.113635.100.6.3.6"),
                topics_value(&spec.topics),
            ));
    }
    let (ca_params, ca_key, ca_der) = wwdr();
    let issuer = Issuer::from_params(ca_params, ca_key);
    let (cert, key_der, key_pem) = if spec.rsa {
        // The CA signs; the leaf's RSA key only has to appear in its SubjectPublicKeyInfo.
        let private = rsa::RsaPrivateKey::from_pkcs8_pem(rsa_key_pem()).expect("RSA key");
        let spki_der = private.to_public_key().to_public_key_der().expect("SPKI");
        let spki = SubjectPublicKeyInfo::from_der(spki_der.as_bytes()).expect("SPKI");
        let der = private.to_pkcs8_der().expect("PKCS#8").as_bytes().to_vec();
        let cert = params.signed_by(&spki, &issuer).expect("push cert");
        (cert, der, rsa_key_pem().to_owned())
    } else {
        let key = KeyPair::generate().expect("P-256 key");
        let cert = params.signed_by(&key, &issuer).expect("push cert");
        (cert, key.serialize_der(), key.serialize_pem())
    };
    Generated {
        cert_der: cert.der().to_vec(),
        cert_pem: cert.pem(),
        key_der,
        key_pem,
        ca_der: ca_der.clone(),
    }
}

/// Key-derivation rounds for test files: fewer than Keychain's 2048 or OpenSSL's 2048-10000, so
/// debug-build tests stay fast; the format is the same.
const ITERATIONS: u32 = 256;

/// A `.p12` as Keychain Access exports it: the push certificate with its key (and the CA), or the
/// certificate alone.
pub fn p12(
    generated: &Generated,
    password: &str,
    with_key: bool,
    algorithm: EncryptionAlgorithm,
) -> Vec<u8> {
    let mut store = KeyStore::new();
    let cert = Certificate::from_der(&generated.cert_der).expect("cert");
    let alias = "Apple Push Services: com.example.chat";
    if with_key {
        let ca = Certificate::from_der(&generated.ca_der).expect("ca");
        let key = PrivateKey::from_der(&generated.key_der).expect("key");
        store.add_entry(
            alias,
            KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(b"1".as_slice(), key, [cert, ca])),
        );
    } else {
        store.add_entry(alias, KeyStoreEntry::Certificate(cert));
    }
    store
        .writer(password)
        .encryption_algorithm(algorithm)
        .encryption_iterations(ITERATIONS)
        .mac_iterations(ITERATIONS)
        .write()
        .expect("p12")
}

/// A `.p12` whose key belongs to another certificate.
pub fn p12_with_foreign_key(generated: &Generated, other: &Generated, password: &str) -> Vec<u8> {
    let mut store = KeyStore::new();
    let cert = Certificate::from_der(&generated.cert_der).expect("cert");
    let key = PrivateKey::from_der(&other.key_der).expect("key");
    store.add_entry(
        "push",
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(b"1".as_slice(), key, [cert])),
    );
    store
        .writer(password)
        .encryption_iterations(ITERATIONS)
        .mac_iterations(ITERATIONS)
        .write()
        .expect("p12")
}

/// A P-256 key as Apple issues it: PKCS#8 PEM.
pub fn p8_pem() -> String {
    KeyPair::generate().expect("key").serialize_pem()
}

/// A scratch folder; files written into it are removed with it.
pub struct Scratch(tempfile::TempDir);

impl Scratch {
    pub fn new() -> Scratch {
        Scratch(tempfile::tempdir().expect("tempdir"))
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, contents).expect("write");
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    #[allow(dead_code)]
    pub fn dir(&self) -> &Path {
        self.0.path()
    }
}

/// A service-account JSON as Google issues it (fields in Google's order, two-space indent).
pub fn service_account(project_id: &str, private_key_pem: &str) -> serde_json::Value {
    serde_json::json!({
        "type": "service_account",
        "project_id": project_id,
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": private_key_pem,
        "client_email": format!("firebase-adminsdk-abcde@{project_id}.iam.gserviceaccount.com"),
        "client_id": "123456789012345678901",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/firebase-adminsdk",
        "universe_domain": "googleapis.com"
    })
}

// ---------------------------------------------------------------- check inputs and outputs ------

pub fn apns_input() -> ApnsInput {
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
pub fn cert_input(file: PathBuf, environment: ApnsEnvironment) -> ApnsInput {
    ApnsInput {
        certificate: Some(located(file, 2)),
        certificate_password: Some(Located::new(Secret::new(PASSWORD), None)),
        bundle_id: Some(located(BUNDLE.to_owned(), 3)),
        environment: Some(located(environment, 4)),
        ..apns_input()
    }
}

pub fn rules(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule.name()).collect()
}

pub fn one(out: &CheckOutput<impl Sized>, rule: Rule) -> &Finding {
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

/// Asserts that the finding's message holds `text`.
pub fn assert_says(finding: &Finding, text: &str) {
    assert!(finding.message.contains(text), "{}", finding.message);
}

pub fn failure_text(out: &CheckOutput<impl Sized>) -> String {
    assert_eq!(
        out.failures.len(),
        1,
        "want one failure: {:?}",
        out.failures
    );
    format!("{:#}", out.failures[0])
}

pub fn p12_file(scratch: &Scratch, spec: &CertSpec) -> PathBuf {
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

pub fn token_input(scratch: &Scratch, pem: &str) -> ApnsInput {
    ApnsInput {
        key_file: Some(located(scratch.write("AuthKey_ABC123DEFG.p8", pem), 5)),
        key_id: Some(located("ABC123DEFG".to_owned(), 6)),
        team_id: Some(located(TEAM.to_owned(), 7)),
        ..apns_input()
    }
}

pub fn fcm_input(file: PathBuf, app_project: Option<&str>) -> FcmInput {
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

pub fn write_sa(scratch: &Scratch, value: &serde_json::Value) -> (PathBuf, String) {
    let text = serde_json::to_string_pretty(value).expect("json");
    (scratch.write("service-account.json", &text), text)
}
