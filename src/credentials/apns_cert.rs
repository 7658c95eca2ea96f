//! APNs certificate auth (apns-fcm-tim.md A.4): a `.p12` (as Keychain Access exports it), a PEM
//! with the certificate and its key, or a bare certificate. Reads the push certificate's subject
//! and Apple's extensions for the environment and topics, its validity, and whether the file
//! also holds the private key that belongs to it.

use std::path::{Path, PathBuf};

use p12_keystore::error::Error as P12Error;
use p12_keystore::Pkcs12Archive;
use x509_parser::certificate::X509Certificate;

use crate::findings::{Finding, Located, Rule};
use crate::vendor::Vendor;

use super::apns::{ApnsFacts, ApnsInput, CertEnvironment};
use super::keys::PrivateKeyDer;
use super::{at_opt, der, file_location, CheckOutput};

/// Apple's extension: the certificate may connect to the development (sandbox) environment.
const OID_DEVELOPMENT: &str = "1.2.840.113635.100.6.3.1";
/// Apple's extension: the certificate may connect to the production environment.
const OID_PRODUCTION: &str = "1.2.840.113635.100.6.3.2";
/// Apple's extension listing the topics (bundle id, `.voip`, `.complication`).
const OID_TOPICS: &str = "1.2.840.113635.100.6.3.6";
/// `UID` in the subject: the bundle id.
const OID_UID: &str = "0.9.2342.19200300.100.1.1";

/// Subject CN prefixes and the environment each means (NWPusher's table, A.4).
const CN_PREFIXES: &[(&str, Option<CertEnvironment>)] = &[
    (
        "Apple Development IOS Push Services: ",
        Some(CertEnvironment::Development),
    ),
    (
        "Apple Development Mac Push Services: ",
        Some(CertEnvironment::Development),
    ),
    (
        "Apple Production IOS Push Services: ",
        Some(CertEnvironment::Production),
    ),
    (
        "Apple Production Mac Push Services: ",
        Some(CertEnvironment::Production),
    ),
    ("Apple Push Services: ", Some(CertEnvironment::Universal)),
    ("VoIP Services: ", None),
    ("WatchKit Services: ", None),
    ("Website Push ID: ", None),
    ("Pass Type ID: ", None),
];

const EXPORT_HELP: &str = "in Keychain Access, expand the push certificate, select it together with its private key, choose File > Export Items as Personal Information Exchange (.p12) and set a password";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    P12,
    Pem,
    /// A bare DER certificate, as Apple's download (`aps_development.cer`, `aps.cer`).
    Der,
}

struct CertEntry {
    der: Vec<u8>,
    local_key_id: Option<Vec<u8>>,
}

struct KeyEntry {
    key: PrivateKeyDer,
    local_key_id: Option<Vec<u8>>,
}

struct Loaded {
    container: Container,
    certs: Vec<CertEntry>,
    keys: Vec<KeyEntry>,
}

fn finding(rule: Rule, message: impl Into<std::borrow::Cow<'static, str>>) -> Finding {
    Finding::new(rule, message).vendor(Vendor::Apns)
}

pub(super) fn check_certificate(
    input: &ApnsInput,
    certificate: &Located<PathBuf>,
    out: &mut CheckOutput<ApnsFacts>,
) {
    if let Some(missing) = super::file_missing(
        Vendor::Apns,
        certificate,
        "certificate",
        "push certificate",
        "export the push certificate with its private key from Keychain Access as a .p12 and point certificate at it",
    ) {
        out.findings.push(missing);
        return;
    }
    let path = certificate.value.as_path();
    let Some(loaded) = load(input, certificate, out) else {
        return;
    };
    let shown = path.display();
    let parsed: Vec<Option<X509Certificate<'_>>> = loaded
        .certs
        .iter()
        .map(|entry| {
            x509_parser::parse_x509_certificate(&entry.der)
                .ok()
                .map(|(_, cert)| cert)
        })
        .collect();
    let Some(leaf) = pick_leaf(&loaded, &parsed) else {
        if loaded.certs.is_empty() {
            out.findings.push(
                finding(
                    Rule::CredentialMalformed,
                    format!("`{shown}` holds no certificate, so it cannot authenticate to APNs"),
                )
                .help(EXPORT_HELP)
                .at(file_location(path)),
            );
        } else {
            out.failures.push(anyhow::anyhow!(
                "cannot read APNs certificate `{shown}`: the certificate inside is damaged"
            ));
        }
        return;
    };
    let Some(cert) = parsed[leaf].as_ref() else {
        return;
    };
    let info = CertInfo::read(cert);
    out.facts.cert_environment = info.environment;
    out.facts.cert_topics = info.topics.clone();
    out.facts.cert_not_after = Some(info.not_after);

    check_private_key(&loaded, cert, path, out);
    check_validity(input, &info, path, out);
    check_environment(input, &info, path, out);
    check_topics(input, &info, path, out);
}

/// Opens the file as PEM, a bare certificate or PKCS#12; failures and the password finding go to
/// `out`.
fn load(
    input: &ApnsInput,
    certificate: &Located<PathBuf>,
    out: &mut CheckOutput<ApnsFacts>,
) -> Option<Loaded> {
    let path = certificate.value.as_path();
    let shown = path.display();
    let bytes = out.read(
        path,
        "[apns] certificate",
        crate::files::FileKind::Certificate,
    )?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        out.failures.push(anyhow::anyhow!(
            "cannot read APNs certificate `{shown}`: the file is empty"
        ));
        return None;
    }
    if let Some(text) = std::str::from_utf8(&bytes)
        .ok()
        .filter(|text| text.contains("-----BEGIN "))
    {
        return match load_pem(text) {
            Some(loaded) => Some(loaded),
            None => {
                out.failures.push(anyhow::anyhow!(
                    "cannot read APNs certificate `{shown}`: the PEM is truncated or damaged (a BEGIN line without its END line, or broken base64)"
                ));
                None
            }
        };
    }
    if let Ok((rest, _)) = x509_parser::parse_x509_certificate(&bytes) {
        if rest.is_empty() {
            return Some(Loaded {
                container: Container::Der,
                certs: vec![CertEntry {
                    der: bytes,
                    local_key_id: None,
                }],
                keys: Vec::new(),
            });
        }
    }
    load_p12(input, certificate, &bytes, out)
}

fn load_pem(text: &str) -> Option<Loaded> {
    let blocks = pem::parse_many(text).ok()?;
    if blocks.len() != text.matches("-----BEGIN ").count() {
        return None; // a block without its END line is skipped by the parser: the file is cut
    }
    let mut loaded = Loaded {
        container: Container::Pem,
        certs: Vec::new(),
        keys: Vec::new(),
    };
    for block in blocks {
        let encrypted = block
            .headers()
            .get("Proc-Type")
            .is_some_and(|value| value.contains("ENCRYPTED"));
        let key = match block.tag() {
            "CERTIFICATE" | "X509 CERTIFICATE" => {
                loaded.certs.push(CertEntry {
                    der: block.into_contents(),
                    local_key_id: None,
                });
                continue;
            }
            "ENCRYPTED PRIVATE KEY" => PrivateKeyDer::Encrypted,
            _ if encrypted => PrivateKeyDer::Encrypted,
            "PRIVATE KEY" => PrivateKeyDer::Pkcs8(block.into_contents()),
            "RSA PRIVATE KEY" => PrivateKeyDer::Pkcs1(block.into_contents()),
            "EC PRIVATE KEY" => PrivateKeyDer::Sec1(block.into_contents()),
            _ => continue,
        };
        loaded.keys.push(KeyEntry {
            key,
            local_key_id: None,
        });
    }
    Some(loaded)
}

enum OpenError {
    WrongPassword,
    Truncated,
    NotPkcs12,
    Unsupported(String),
    Damaged(String),
}

impl OpenError {
    fn into_failure(self, path: &Path) -> anyhow::Error {
        let shown = path.display();
        match self {
            OpenError::WrongPassword => {
                anyhow::anyhow!("cannot open `{shown}`: wrong password or damaged file")
            }
            OpenError::Truncated => anyhow::anyhow!(
                "cannot open `{shown}`: the file is truncated (shorter than its PKCS#12 header says)"
            ),
            OpenError::NotPkcs12 => anyhow::anyhow!(
                "cannot open `{shown}`: it is neither a PKCS#12 (.p12) file nor a PEM or DER certificate"
            ),
            OpenError::Unsupported(detail) => anyhow::anyhow!(
                "cannot open `{shown}`: it uses an encryption or MAC algorithm pushdiag cannot read ({detail}); export it again from Keychain Access"
            ),
            OpenError::Damaged(detail) => {
                anyhow::anyhow!("cannot open `{shown}`: the PKCS#12 data is damaged ({detail})")
            }
        }
    }
}

/// Opens a PKCS#12 archive. The error never carries the password: p12-keystore's errors are
/// structural, and a MAC or padding failure is reported as "wrong password" without detail.
fn open_p12(bytes: &[u8], password: &str) -> Result<Pkcs12Archive, OpenError> {
    if bytes.first() != Some(&der::TAG_SEQUENCE) {
        return Err(OpenError::NotPkcs12);
    }
    if der::next(bytes).is_none() {
        return Err(OpenError::Truncated);
    }
    Pkcs12Archive::from_pkcs12(bytes, password).map_err(|error| match error {
        P12Error::MacError(_) | P12Error::UnpadError | P12Error::Pkcs5Error(_) => {
            OpenError::WrongPassword
        }
        P12Error::InvalidVersion | P12Error::UnsupportedContentType => OpenError::NotPkcs12,
        P12Error::UnsupportedEncryptionScheme | P12Error::UnsupportedMacAlgorithm => {
            OpenError::Unsupported(error.to_string())
        }
        other => OpenError::Damaged(other.to_string()),
    })
}

fn load_p12(
    input: &ApnsInput,
    certificate: &Located<PathBuf>,
    bytes: &[u8],
    out: &mut CheckOutput<ApnsFacts>,
) -> Option<Loaded> {
    let path = certificate.value.as_path();
    let shown = path.display();
    let password = input
        .certificate_password
        .as_ref()
        .map(|secret| secret.value.expose())
        .filter(|password| !password.is_empty());
    let no_password = |message: String| {
        at_opt(
            finding(Rule::ApnsP12NoPassword, message).help(format!(
                "{EXPORT_HELP}; upload that file with its password to the IM console and set `certificate-password = {{ env = \"APNS_P12_PASSWORD\" }}` in [apns]"
            )),
            certificate.location.as_ref(),
        )
    };
    let archive = match password {
        Some(password) => match open_p12(bytes, password) {
            Ok(archive) => archive,
            Err(OpenError::WrongPassword) => match open_p12(bytes, "") {
                Ok(archive) => {
                    out.findings.push(no_password(format!(
                        "`{shown}` has no password (it opens with an empty one, not with certificate-password): the IM console rejects password-less .p12 files and pushes through them do not arrive"
                    )));
                    archive
                }
                Err(_) => {
                    // Issue 17: a wrong key file is a finding, so a wrong password is one too
                    // (exit 1, at the key to fix), not a failure to run. The file opened far
                    // enough to check its MAC, so the password is what the file rejects.
                    let at = input
                        .certificate_password
                        .as_ref()
                        .and_then(|p| p.location.as_ref())
                        .or(certificate.location.as_ref());
                    out.findings.push(at_opt(
                        finding(
                            Rule::CredentialRejected,
                            format!("`{shown}` does not open with the configured certificate-password (the password is wrong, or the file is damaged), so its expiry, environment and bundle id were not checked"),
                        )
                        .help("set `certificate-password` to the password the .p12 was exported with (Keychain Access asks for it on export), or export the certificate again with a new one".to_owned()),
                        at,
                    ));
                    return None;
                }
            },
            Err(error) => {
                out.failures.push(error.into_failure(path));
                return None;
            }
        },
        None => match open_p12(bytes, "") {
            Ok(archive) => {
                out.findings.push(no_password(format!(
                    "`{shown}` has no password and none is configured: the IM console rejects password-less .p12 files and pushes through them do not arrive"
                )));
                archive
            }
            Err(OpenError::WrongPassword) => {
                out.findings.push(no_password(format!(
                    "no certificate-password is configured for `{shown}`, and the file does not open without one, so its expiry, environment and bundle id were not checked"
                )));
                return None;
            }
            Err(error) => {
                out.findings.push(no_password(format!(
                    "no certificate-password is configured for `{shown}`: the IM console rejects password-less .p12 files"
                )));
                out.failures.push(error.into_failure(path));
                return None;
            }
        },
    };
    Some(Loaded {
        container: Container::P12,
        certs: archive
            .certs
            .into_iter()
            .map(|bag| CertEntry {
                der: bag.cert.as_der().to_vec(),
                local_key_id: bag.local_key_id,
            })
            .collect(),
        keys: archive
            .keys
            .into_iter()
            .map(|bag| KeyEntry {
                key: PrivateKeyDer::Pkcs8(bag.key.as_der().to_vec()),
                local_key_id: bag.local_key_id.map(|id| id.as_ref().to_vec()),
            })
            .collect(),
    })
}

/// The push certificate among the file's certificates: the one bound to a key by its local key
/// id, else one that looks like an Apple push certificate, else the first that is not a CA.
fn pick_leaf(loaded: &Loaded, parsed: &[Option<X509Certificate<'_>>]) -> Option<usize> {
    let usable = |index: &usize| parsed.get(*index).is_some_and(Option::is_some);
    let by_key_id = (0..loaded.certs.len()).filter(usable).find(|&index| {
        loaded.certs[index].local_key_id.as_ref().is_some_and(|id| {
            loaded
                .keys
                .iter()
                .any(|key| key.local_key_id.as_ref() == Some(id))
        })
    });
    let looks_like_push = |index: &usize| {
        parsed[*index]
            .as_ref()
            .is_some_and(|cert| CertInfo::read(cert).is_apple_push)
    };
    let not_ca = |index: &usize| parsed[*index].as_ref().is_some_and(|cert| !cert.is_ca());
    by_key_id
        .or_else(|| (0..parsed.len()).filter(usable).find(looks_like_push))
        .or_else(|| (0..parsed.len()).filter(usable).find(not_ca))
        .or_else(|| (0..parsed.len()).find(usable))
}

/// What the push certificate says about itself.
struct CertInfo {
    common_name: Option<String>,
    is_apple_push: bool,
    environment: Option<CertEnvironment>,
    topics: Vec<String>,
    not_after: time::OffsetDateTime,
}

impl CertInfo {
    fn read(cert: &X509Certificate<'_>) -> CertInfo {
        let attribute = |oid: &str| {
            cert.subject()
                .iter_attributes()
                .find(|attr| attr.attr_type().to_id_string() == oid)
                .and_then(|attr| attr.as_str().ok())
                .map(str::to_owned)
        };
        let common_name = attribute("2.5.4.3");
        let uid = attribute(OID_UID);
        let mut has_dev = false;
        let mut has_prod = false;
        let mut ext_topics = Vec::new();
        for ext in cert.extensions() {
            match ext.oid.to_id_string().as_str() {
                OID_DEVELOPMENT => has_dev = true,
                OID_PRODUCTION => has_prod = true,
                OID_TOPICS => ext_topics = der::apple_topics(ext.value).unwrap_or_default(),
                _ => {}
            }
        }
        let prefix = common_name.as_deref().and_then(|cn| {
            CN_PREFIXES
                .iter()
                .find(|(prefix, _)| cn.starts_with(prefix))
                .map(|(prefix, environment)| (cn[prefix.len()..].trim().to_owned(), *environment))
        });
        // The extensions are more reliable than the CN (apns-fcm-tim.md A.4); the CN decides only
        // when neither extension is present.
        let environment = match (has_dev, has_prod) {
            (true, true) => Some(CertEnvironment::Universal),
            (true, false) => Some(CertEnvironment::Development),
            (false, true) => Some(CertEnvironment::Production),
            (false, false) => prefix.as_ref().and_then(|(_, environment)| *environment),
        };
        let mut topics: Vec<String> = Vec::new();
        for topic in uid.into_iter().chain(ext_topics) {
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        if topics.is_empty() {
            if let Some((bundle, _)) = &prefix {
                if !bundle.is_empty() {
                    topics.push(bundle.clone());
                }
            }
        }
        CertInfo {
            is_apple_push: has_dev || has_prod || prefix.is_some(),
            common_name,
            environment,
            topics,
            not_after: cert.validity().not_after.to_datetime(),
        }
    }

    /// How messages name the certificate: its CN, or "the certificate".
    fn name(&self) -> String {
        match &self.common_name {
            Some(cn) => format!("certificate \"{cn}\""),
            None => "certificate".to_owned(),
        }
    }
}

fn check_private_key(
    loaded: &Loaded,
    cert: &X509Certificate<'_>,
    path: &Path,
    out: &mut CheckOutput<ApnsFacts>,
) {
    let shown = path.display();
    if loaded.keys.is_empty() {
        let (what, help) = match loaded.container {
            Container::Der => (
                "is a bare certificate (as Apple's download aps.cer / aps_development.cer) without its private key",
                EXPORT_HELP.to_owned(),
            ),
            Container::Pem => (
                "holds a certificate but no private key",
                format!("add the key's PEM block to the file (e.g. `openssl pkcs12 -in push.p12 -nodes`), or {EXPORT_HELP}"),
            ),
            Container::P12 => (
                "holds a certificate but no private key",
                format!("{EXPORT_HELP}; export from the certificate row that has a disclosure triangle (the key under it), not from the bare certificate"),
            ),
        };
        out.findings.push(
            finding(
                Rule::ApnsCertNoPrivateKey,
                format!("`{shown}` {what}: APNs cannot authenticate with it"),
            )
            .help(help)
            .at(file_location(path)),
        );
        return;
    }
    // The key must be the certificate's own (node-apn checks the same, A.4): compare public
    // keys, when the key's kind is one pushdiag can derive; otherwise give it the benefit of the
    // doubt.
    let cert_key = cert.public_key().subject_public_key.data.as_ref();
    let mut unknown = false;
    for entry in &loaded.keys {
        match entry.key.public_keys() {
            Some(publics) if publics.iter().any(|public| public == cert_key) => return,
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown {
        return;
    }
    out.findings.push(
        finding(
            Rule::ApnsCertNoPrivateKey,
            format!(
                "`{shown}` holds a private key, but not the one that belongs to its push certificate: APNs cannot authenticate with it"
            ),
        )
        .help(format!("{EXPORT_HELP}; the key must be the one created with the certificate's signing request (on the Mac that requested it)"))
        .at(file_location(path)),
    );
}

fn check_validity(
    input: &ApnsInput,
    info: &CertInfo,
    path: &Path,
    out: &mut CheckOutput<ApnsFacts>,
) {
    let shown = path.display();
    let date = info.not_after.date();
    let left = info.not_after - input.now;
    // Source key: apns-fcm-tim.md D.11 (a new entry gets a new certificate ID).
    const RENEW: &str = "create a new push certificate for the App ID in the Apple Developer account, export it as .p12 with a password, and upload it in the IM console by editing the existing certificate entry (a new entry gets a new certificate ID)";
    if left.is_negative() || left.is_zero() {
        let days = (-left).whole_days();
        out.findings.push(
            finding(
                Rule::ApnsCertExpired,
                format!(
                    "the {} in `{shown}` expired on {date} ({days} {} ago): APNs refuses the connection",
                    info.name(),
                    plural(days, "day", "days"),
                ),
            )
            .help(RENEW)
            .at(file_location(path)),
        );
    } else if input.expiry_warning_days > 0
        && left < time::Duration::days(i64::from(input.expiry_warning_days))
    {
        // Whole days still to go, counted up: a certificate that expires on the 16th is "in 10
        // days" on the 6th, not "in 9" because a few seconds of the 6th have passed.
        let started = left - time::Duration::days(left.whole_days()) > time::Duration::ZERO;
        let days = left.whole_days() + i64::from(started);
        out.findings.push(
            finding(
                Rule::ApnsCertExpiring,
                format!(
                    "the {} in `{shown}` expires on {date}, in {days} {} (warning threshold: {} days)",
                    info.name(),
                    plural(days, "day", "days"),
                    input.expiry_warning_days
                ),
            )
            .help(RENEW)
            .at(file_location(path)),
        );
    }
}

fn plural(n: i64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn check_environment(
    input: &ApnsInput,
    info: &CertInfo,
    path: &Path,
    out: &mut CheckOutput<ApnsFacts>,
) {
    let (Some(configured), Some(cert_environment)) = (&input.environment, info.environment) else {
        return;
    };
    if cert_environment.allows(configured.value) {
        return;
    }
    let wanted = configured.value.as_str();
    out.findings.push(at_opt(
        finding(
            Rule::ApnsEnvironmentMismatch,
            format!(
                "environment is {wanted}, but the {} in `{}` is {}-only: APNs answers 403 BadCertificateEnvironment",
                info.name(),
                path.display(),
                cert_environment.as_str()
            ),
        )
        .help(format!(
            "use a {wanted} (or a \"Sandbox & Production\") push certificate, uploaded to the IM console under the {wanted} environment with its own certificate ID; or set `environment` to what the app's builds use (Xcode debug builds: development; TestFlight / App Store: production)"
        )),
        configured.location.as_ref(),
    ));
}

fn check_topics(input: &ApnsInput, info: &CertInfo, path: &Path, out: &mut CheckOutput<ApnsFacts>) {
    let Some(bundle) = &input.bundle_id else {
        return;
    };
    if info.topics.is_empty() || info.topics.contains(&bundle.value) {
        return;
    }
    let listed = info
        .topics
        .iter()
        .map(|topic| format!("`{topic}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let case_only = info
        .topics
        .iter()
        .any(|topic| topic.eq_ignore_ascii_case(&bundle.value));
    let hint = if case_only {
        " (they differ only in letter case, which APNs does not ignore)"
    } else {
        ""
    };
    out.findings.push(at_opt(
        finding(
            Rule::ApnsTopicMismatch,
            format!(
                "the {} in `{}` is for {listed}, but the configured bundle id is `{}`{hint}: APNs answers 400 DeviceTokenNotForTopic or TopicDisallowed",
                info.name(),
                path.display(),
                bundle.value
            ),
        )
        .help(format!(
            "create the push certificate for the App ID `{}` in the Apple Developer account, or fix `bundle-id` if the app's bundle id is really {listed}",
            bundle.value
        )),
        bundle.location.as_ref(),
    ));
}
