//! Credentials for `check-config` rule fixtures, made at test time so no credential (real or
//! fake) is ever committed. A fixture folder's optional `generate` file lists them, one a line:
//!
//! ```text
//! # comments and blank lines are ignored
//! p8 AuthKey_ABC123DEFG.p8
//! p12 push.p12 password=secret1 cn="Apple Development IOS Push Services: com.example.chat" uid=com.example.chat not_after=-10d key=yes env=development
//! service-account sa.json project=my-project
//! ```
//!
//! - `p8 PATH`: an APNs token-auth key, a P-256 key in PKCS#8 PEM as Apple issues it.
//! - `p12 PATH password=… [cn=…] [uid=…] [team=…] [env=…] [not_before=…] [not_after=…] [key=…]`:
//!   an Apple-like push certificate, issued by a fake "Apple Worldwide Developer Relations" CA,
//!   in a PKCS#12 file. `password=` (may be empty: a password-less file) is required. `uid` is the
//!   bundle id (default `com.example.chat`), `team` the OU (default `ABCDE12345`), `env` one of
//!   `development` (default), `production`, `universal` (Apple's extension OIDs
//!   1.2.840.113635.100.6.3.1 / .3.2, both for universal) or `none`. `cn` defaults to Apple's
//!   prefix for `env` followed by the uid. Dates are days from now: `not_before=-300d` (default),
//!   `not_after=+365d` (default). `key=yes` (default) stores the certificate's private key and
//!   the CA, `key=no` the certificate alone, `key=foreign` another certificate's key.
//! - `service-account PATH project=ID`: a Firebase service-account JSON for the project `ID`, with
//!   a fresh RSA key.
//! - `git-index PATH tracked=A,B`: a git index (version 2) listing the files `A` and `B`, for
//!   rules about what a repository tracks (`PATH` is `.git/index`; git refuses to commit a `.git`
//!   folder, so fixtures cannot hold one).
//!
//! Values with spaces are written in double quotes. Paths are relative to the fixture folder's
//! temporary copy and may name subfolders, which are created.

use std::path::{Component, Path};
use std::sync::OnceLock;

use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain,
};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, Issuer,
    KeyPair,
};
use rsa::pkcs8::{EncodePrivateKey as _, LineEnding};
use time::{Duration, OffsetDateTime};

/// Apple's subject attribute for the bundle id (`UID`).
const OID_UID: &str = "0.9.2342.19200300.100.1.1";
/// Apple's extension: the certificate may connect to the development (sandbox) environment.
const OID_DEVELOPMENT: &str = "1.2.840.113635.100.6.3.1";
/// Apple's extension: the certificate may connect to the production environment.
const OID_PRODUCTION: &str = "1.2.840.113635.100.6.3.2";

/// Key-derivation rounds: fewer than Keychain's, so debug-build tests stay fast; same format.
const ITERATIONS: u32 = 256;

/// One line of a `generate` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    P8 { path: String },
    P12 { path: String, cert: CertSpec },
    ServiceAccount { path: String, project: String },
    GitIndex { path: String, tracked: Vec<String> },
}

impl Spec {
    fn path(&self) -> &str {
        match self {
            Spec::P8 { path }
            | Spec::P12 { path, .. }
            | Spec::ServiceAccount { path, .. }
            | Spec::GitIndex { path, .. } => path,
        }
    }
}

/// Which APNs environments a certificate allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertEnv {
    Development,
    Production,
    Universal,
    /// No Apple extension: the CN alone says what the certificate is.
    None,
}

/// Where the private key of a `.p12` comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyChoice {
    /// The certificate's own key (and the CA): what Keychain Access exports.
    Own,
    /// No key: the certificate alone.
    Missing,
    /// The key of another certificate.
    Foreign,
}

/// An Apple-like push certificate in a `.p12`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertSpec {
    pub password: String,
    pub common_name: String,
    pub uid: String,
    pub team: String,
    pub env: CertEnv,
    /// Days from now.
    pub not_before: i64,
    pub not_after: i64,
    pub key: KeyChoice,
}

/// Splits a line on whitespace outside double quotes; the quotes themselves are dropped.
fn split_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if quoted {
        return Err("unbalanced double quote".to_owned());
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// `-10d`, `+365d`, `30d`: days from now.
fn days(value: &str) -> Result<i64, String> {
    value
        .strip_suffix('d')
        .and_then(|n| n.strip_prefix('+').unwrap_or(n).parse().ok())
        .ok_or_else(|| format!("`{value}` is not a number of days like -10d or +365d"))
}

/// A relative path that stays inside the folder.
fn check_path(path: &str) -> Result<(), String> {
    let inside = Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if path.is_empty() || !inside {
        return Err(format!(
            "`{path}` must be a relative path inside the fixture folder"
        ));
    }
    Ok(())
}

fn parse_line(line: &str) -> Result<Spec, String> {
    let words = split_words(line)?;
    let [kind, path, options @ ..] = words.as_slice() else {
        return Err("expected `KIND PATH [key=value ...]`".to_owned());
    };
    check_path(path)?;
    let mut pairs = Vec::new();
    for option in options {
        let Some((key, value)) = option.split_once('=') else {
            return Err(format!("`{option}` is not key=value"));
        };
        if pairs.iter().any(|(k, _)| k == key) {
            return Err(format!("`{key}` is given twice"));
        }
        pairs.push((key.to_owned(), value.to_owned()));
    }
    let allowed: &[&str] = match kind.as_str() {
        "p8" => &[],
        "p12" => &[
            "password",
            "cn",
            "uid",
            "team",
            "env",
            "not_before",
            "not_after",
            "key",
        ],
        "service-account" => &["project"],
        "git-index" => &["tracked"],
        other => {
            return Err(format!(
                "unknown kind `{other}` (p8, p12, service-account or git-index)"
            ))
        }
    };
    if let Some((key, _)) = pairs.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(format!("`{kind}` takes no option `{key}`"));
    }
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let path = path.clone();
    Ok(match kind.as_str() {
        "p8" => Spec::P8 { path },
        "git-index" => Spec::GitIndex {
            path,
            tracked: get("tracked")
                .ok_or("git-index needs tracked=PATH[,PATH...]")?
                .split(',')
                .map(str::to_owned)
                .collect(),
        },
        "service-account" => Spec::ServiceAccount {
            path,
            project: get("project")
                .ok_or("service-account needs project=ID")?
                .to_owned(),
        },
        _ => {
            let env = match get("env").unwrap_or("development") {
                "development" => CertEnv::Development,
                "production" => CertEnv::Production,
                "universal" => CertEnv::Universal,
                "none" => CertEnv::None,
                other => {
                    return Err(format!(
                        "env=`{other}` is not development, production, universal or none"
                    ))
                }
            };
            let key = match get("key").unwrap_or("yes") {
                "yes" => KeyChoice::Own,
                "no" => KeyChoice::Missing,
                "foreign" => KeyChoice::Foreign,
                other => return Err(format!("key=`{other}` is not yes, no or foreign")),
            };
            let uid = get("uid").unwrap_or("com.example.chat").to_owned();
            let prefix = match env {
                CertEnv::Development | CertEnv::None => "Apple Development IOS Push Services",
                CertEnv::Production => "Apple Production IOS Push Services",
                CertEnv::Universal => "Apple Push Services",
            };
            Spec::P12 {
                path,
                cert: CertSpec {
                    password: get("password")
                        .ok_or("p12 needs password=… (password=\"\" for none)")?
                        .to_owned(),
                    common_name: get("cn")
                        .map_or_else(|| format!("{prefix}: {uid}"), str::to_owned),
                    team: get("team").unwrap_or("ABCDE12345").to_owned(),
                    uid,
                    env,
                    not_before: get("not_before").map_or(Ok(-300), days)?,
                    not_after: get("not_after").map_or(Ok(365), days)?,
                    key,
                },
            }
        }
    })
}

/// Reads a `generate` file: every line parsed, or the first problem with its line number.
pub fn parse(text: &str) -> Result<Vec<Spec>, String> {
    let mut specs: Vec<Spec> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let spec = parse_line(line).map_err(|e| format!("line {}: {e}", index + 1))?;
        if specs.iter().any(|s| s.path() == spec.path()) {
            return Err(format!(
                "line {}: `{}` is generated twice",
                index + 1,
                spec.path()
            ));
        }
        specs.push(spec);
    }
    Ok(specs)
}

/// Writes every credential of `specs` into `dir`.
pub fn generate(dir: &Path, specs: &[Spec]) -> Result<(), String> {
    for spec in specs {
        let bytes = match spec {
            Spec::P8 { .. } => p8_pem()?.into_bytes(),
            Spec::P12 { cert, .. } => p12(cert)?,
            Spec::ServiceAccount { project, .. } => service_account(project)?.into_bytes(),
            Spec::GitIndex { tracked, .. } => git_index(tracked),
        };
        let path = dir.join(spec.path());
        if path.exists() {
            return Err(format!(
                "`{}` is generated but the fixture has it already",
                spec.path()
            ));
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// A version-2 git index as git writes it (zeroed stat data and object ids, which nothing here
/// reads): header, entries sorted by path and padded to 8 bytes, the trailing checksum.
fn git_index(tracked: &[String]) -> Vec<u8> {
    let mut paths: Vec<&String> = tracked.iter().collect();
    paths.sort();
    let mut out = b"DIRC".to_vec();
    out.extend_from_slice(&2u32.to_be_bytes());
    out.extend_from_slice(&(paths.len() as u32).to_be_bytes());
    for path in paths {
        let start = out.len();
        out.extend_from_slice(&[0; 60]);
        out.extend_from_slice(&(path.len().min(0xfff) as u16).to_be_bytes());
        out.extend_from_slice(path.as_bytes());
        let len = out.len() - start;
        out.extend(std::iter::repeat_n(0, 8 - len % 8));
    }
    out.extend_from_slice(&[0; 20]);
    out
}

fn oid(dotted: &str) -> Vec<u64> {
    dotted
        .split('.')
        .filter_map(|arc| arc.parse().ok())
        .collect()
}

fn err(what: &str) -> impl Fn(rcgen::Error) -> String + '_ {
    move |e| format!("cannot make {what}: {e}")
}

/// A P-256 key in PKCS#8 PEM, as Apple's `AuthKey_<KEYID>.p8`.
fn p8_pem() -> Result<String, String> {
    Ok(KeyPair::generate()
        .map_err(err("a P-256 key"))?
        .serialize_pem())
}

/// The fake Apple WWDR CA: its parameters, key and certificate.
fn wwdr() -> Result<(CertificateParams, KeyPair, Vec<u8>), String> {
    let key = KeyPair::generate().map_err(err("the CA key"))?;
    let mut params =
        CertificateParams::new(Vec::<String>::new()).map_err(err("the CA parameters"))?;
    let mut name = DistinguishedName::new();
    name.push(
        DnType::CommonName,
        "Apple Worldwide Developer Relations Certification Authority (TEST)",
    );
    name.push(DnType::OrganizationalUnitName, "G4");
    name.push(DnType::OrganizationName, "Test CA, not Apple");
    params.distinguished_name = name;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let now = OffsetDateTime::now_utc();
    params.not_before = now - Duration::days(3000);
    params.not_after = now + Duration::days(3000);
    let cert = params.self_signed(&key).map_err(err("the CA"))?;
    let der = cert.der().to_vec();
    Ok((params, key, der))
}

/// An Apple-like push certificate and its key, in a `.p12` as Keychain Access exports it.
fn p12(spec: &CertSpec) -> Result<Vec<u8>, String> {
    let mut params =
        CertificateParams::new(Vec::<String>::new()).map_err(err("the certificate parameters"))?;
    let mut name = DistinguishedName::new();
    name.push(DnType::CustomDnType(oid(OID_UID)), spec.uid.as_str());
    name.push(DnType::CommonName, spec.common_name.as_str());
    name.push(DnType::OrganizationalUnitName, spec.team.as_str());
    name.push(DnType::OrganizationName, "Example Chat Ltd");
    name.push(DnType::CountryName, "US");
    params.distinguished_name = name;
    let now = OffsetDateTime::now_utc();
    params.not_before = now + Duration::days(spec.not_before);
    params.not_after = now + Duration::days(spec.not_after);
    let (development, production) = match spec.env {
        CertEnv::Development => (true, false),
        CertEnv::Production => (false, true),
        CertEnv::Universal => (true, true),
        CertEnv::None => (false, false),
    };
    for (wanted, dotted) in [(development, OID_DEVELOPMENT), (production, OID_PRODUCTION)] {
        if wanted {
            // The extension's value is an ASN.1 NULL, as in Apple's certificates.
            params
                .custom_extensions
                .push(CustomExtension::from_oid_content(
                    &oid(dotted),
                    vec![0x05, 0x00],
                ));
        }
    }
    let (ca_params, ca_key, ca_der) = wwdr()?;
    let issuer = Issuer::from_params(&ca_params, &ca_key);
    let key = KeyPair::generate().map_err(err("the certificate key"))?;
    let cert = params
        .signed_by(&key, &issuer)
        .map_err(err("the certificate"))?;

    let p12_err = |e: p12_keystore::error::Error| format!("cannot write the .p12: {e}");
    let cert = Certificate::from_der(cert.der()).map_err(p12_err)?;
    let entry = match spec.key {
        KeyChoice::Missing => KeyStoreEntry::Certificate(cert),
        KeyChoice::Own | KeyChoice::Foreign => {
            let key_der = match spec.key {
                KeyChoice::Foreign => KeyPair::generate()
                    .map_err(err("another key"))?
                    .serialize_der(),
                _ => key.serialize_der(),
            };
            let key = PrivateKey::from_der(&key_der).map_err(p12_err)?;
            let ca = Certificate::from_der(&ca_der).map_err(p12_err)?;
            KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(b"1".as_slice(), key, [cert, ca]))
        }
    };
    let mut store = KeyStore::new();
    store.add_entry(&spec.common_name, entry);
    store
        .writer(&spec.password)
        .encryption_algorithm(EncryptionAlgorithm::PbeWithHmacSha256AndAes256)
        .encryption_iterations(ITERATIONS)
        .mac_iterations(ITERATIONS)
        .write()
        .map_err(p12_err)
}

/// An RSA key in PKCS#8 PEM, made once per test run. 1024 bits keeps debug-build generation to
/// about a second; no check depends on the size.
fn rsa_key_pem() -> Result<String, String> {
    static KEY: OnceLock<Result<String, String>> = OnceLock::new();
    KEY.get_or_init(|| {
        let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024)
            .map_err(|e| format!("cannot make an RSA key: {e}"))?;
        key.to_pkcs8_pem(LineEnding::LF)
            .map(|pem| pem.to_string())
            .map_err(|e| format!("cannot encode the RSA key: {e}"))
    })
    .clone()
}

/// A service-account JSON as Google issues it (fields in Google's order, two-space indent).
fn service_account(project: &str) -> Result<String, String> {
    let document = serde_json::json!({
        "type": "service_account",
        "project_id": project,
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": rsa_key_pem()?,
        "client_email": format!("firebase-adminsdk-abcde@{project}.iam.gserviceaccount.com"),
        "client_id": "123456789012345678901",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/firebase-adminsdk",
        "universe_domain": "googleapis.com"
    });
    serde_json::to_string_pretty(&document).map_err(|e| format!("cannot write JSON: {e}"))
}

#[test]
fn generate_lines_parse() {
    let specs = parse(
        "# comment\n\np8 AuthKey_ABC123DEFG.p8\np12 push.p12 password=secret1 cn=\"Apple Development IOS Push Services: com.example.chat\" uid=com.example.chat not_after=-10d key=yes env=development\nservice-account keys/sa.json project=my-project\np12 bare.p12 password=\"\" key=no env=universal\n",
    )
    .expect("parses");
    assert_eq!(specs.len(), 4);
    let Spec::P12 { cert, .. } = &specs[1] else {
        panic!("{specs:?}")
    };
    assert_eq!(
        (cert.common_name.as_str(), cert.not_after, cert.not_before),
        (
            "Apple Development IOS Push Services: com.example.chat",
            -10,
            -300
        )
    );
    let Spec::P12 { cert, .. } = &specs[3] else {
        panic!("{specs:?}")
    };
    assert_eq!(cert.password, "");
    assert_eq!(cert.common_name, "Apple Push Services: com.example.chat");
    assert_eq!(cert.key, KeyChoice::Missing);
    for (bad, why) in [
        ("p12 push.p12", "needs password"),
        ("p8 ../outside.p8", "inside the fixture folder"),
        ("p12 a.p12 password=x not_after=soon", "number of days"),
        ("pem a.pem", "unknown kind"),
        ("p8 a.p8 size=2", "takes no option"),
        ("p8 a.p8\np8 a.p8", "generated twice"),
        ("p12 a.p12 password=\"x", "unbalanced"),
    ] {
        let error = parse(bad).expect_err(bad);
        assert!(error.contains(why), "{bad}: {error}");
    }
}
