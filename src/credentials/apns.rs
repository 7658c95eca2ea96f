//! APNs credentials: token auth (`.p8` key, key id, team id; apns-fcm-tim.md A.3) and certificate
//! auth (`.p12` or PEM; A.4, in [`super::apns_cert`]).

use std::path::{Path, PathBuf};

use crate::findings::{Finding, Located, Rule, Severity};
use crate::secret::Secret;
use crate::vendor::Vendor;

use super::keys::{self, KeyKind};
use super::{at_opt, file_location, CheckOutput};

/// The APNs environment the config says the app's builds use (`[apns] environment`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApnsEnvironment {
    Development,
    Production,
}

impl ApnsEnvironment {
    pub fn as_str(self) -> &'static str {
        match self {
            ApnsEnvironment::Development => "development",
            ApnsEnvironment::Production => "production",
        }
    }
}

/// The environments a push certificate may connect to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertEnvironment {
    /// Sandbox only ("Apple Development IOS Push Services").
    Development,
    /// Production only.
    Production,
    /// Both: an "Apple Push Services" (Sandbox & Production) certificate.
    Universal,
}

impl CertEnvironment {
    pub fn as_str(self) -> &'static str {
        match self {
            CertEnvironment::Development => "development",
            CertEnvironment::Production => "production",
            CertEnvironment::Universal => "universal (development and production)",
        }
    }

    /// True when a certificate of this kind may connect to `environment`.
    pub fn allows(self, environment: ApnsEnvironment) -> bool {
        match self {
            CertEnvironment::Universal => true,
            CertEnvironment::Development => environment == ApnsEnvironment::Development,
            CertEnvironment::Production => environment == ApnsEnvironment::Production,
        }
    }
}

/// What `check_apns` reads: the `[apns]` section, resolved (paths as the user can find them).
pub struct ApnsInput {
    pub key_file: Option<Located<PathBuf>>,
    pub key_id: Option<Located<String>>,
    pub team_id: Option<Located<String>>,
    pub certificate: Option<Located<PathBuf>>,
    /// With where it was set: a password the `.p12` does not open with is a finding there.
    pub certificate_password: Option<Located<Secret>>,
    pub bundle_id: Option<Located<String>>,
    pub environment: Option<Located<ApnsEnvironment>>,
    /// `apns-cert-expiring` fires when fewer days than this are left; 0 turns it off.
    pub expiry_warning_days: u32,
    pub now: time::OffsetDateTime,
}

/// What the certificate says about itself, for checks against the app's own files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApnsFacts {
    pub cert_environment: Option<CertEnvironment>,
    /// The bundle ids the certificate may push to: its UID, then the topics extension.
    pub cert_topics: Vec<String>,
    pub cert_not_after: Option<time::OffsetDateTime>,
}

/// Checks the APNs credentials offline: the `.p8` key and its ids, and the certificate.
pub fn check_apns(input: &ApnsInput) -> CheckOutput<ApnsFacts> {
    let mut out = CheckOutput::new(ApnsFacts::default());
    check_token_auth(input, &mut out);
    if let Some(certificate) = &input.certificate {
        super::apns_cert::check_certificate(input, certificate, &mut out);
    }
    out
}

fn finding(rule: Rule, message: impl Into<std::borrow::Cow<'static, str>>) -> Finding {
    Finding::new(rule, message).vendor(Vendor::Apns)
}

const KEY_HELP: &str = "download the key from Certificates, Identifiers & Profiles > Keys in the Apple Developer account (it is offered once, as AuthKey_<KEYID>.p8) and point key-file at it unchanged";

fn check_token_auth(input: &ApnsInput, out: &mut CheckOutput<ApnsFacts>) {
    if let Some(key_id) = &input.key_id {
        check_apple_id(key_id, "key id", "key-id", out);
    }
    if let Some(team_id) = &input.team_id {
        check_apple_id(team_id, "team id", "team-id", out);
    }
    let Some(key_file) = &input.key_file else {
        return;
    };
    if let Some(missing) = super::file_missing(
        Vendor::Apns,
        key_file,
        "key-file",
        "token-auth key",
        KEY_HELP,
    ) {
        out.findings.push(missing);
        return;
    }
    check_p8(&key_file.value, out);
    let location = key_file.location.as_ref();
    for (value, name, key, where_) in [
        (
            &input.key_id,
            "key id",
            "key-id",
            "Keys, next to the key's name (also in the file name AuthKey_<KEYID>.p8)",
        ),
        (
            &input.team_id,
            "team id",
            "team-id",
            "Membership details of the Apple Developer account",
        ),
    ] {
        if value.is_none() {
            out.findings.push(at_opt(
                finding(
                    Rule::ApnsKeyInvalid,
                    format!("token auth is configured (key-file) but no {name} is set: the JWT APNs needs carries both the key id and the team id"),
                )
                .help(format!("set `{key}` in [apns]; Apple shows it under {where_}")),
                location,
            ));
        }
    }
    if let Some(key_id) = &input.key_id {
        if let Some(from_name) = key_id_from_file_name(&key_file.value) {
            if from_name != key_id.value {
                let mut f = at_opt(
                    finding(
                        Rule::ApnsKeyInvalid,
                        format!(
                            "key id `{}` differs from the id in the key's file name `{}` (`{from_name}`)",
                            key_id.value,
                            display_name(&key_file.value)
                        ),
                    )
                    .help("Apple names the download AuthKey_<KEYID>.p8; use that id, or check that key-file points at the key you meant (a wrong pair gives 403 InvalidProviderToken)"),
                    key_id.location.as_ref(),
                );
                f.severity = Severity::Warning;
                out.findings.push(f);
            }
        }
    }
}

/// Key ids and team ids are exactly 10 characters of `[A-Z0-9]` (apns-fcm-tim.md A.3).
fn check_apple_id(
    value: &Located<String>,
    name: &str,
    key: &str,
    out: &mut CheckOutput<ApnsFacts>,
) {
    let id = value.value.as_str();
    let problem = if id.is_empty() {
        Some("is empty".to_owned())
    } else if id.trim() != id {
        Some("has leading or trailing whitespace".to_owned())
    } else if id.bytes().any(|b| b.is_ascii_lowercase())
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        Some("has lowercase letters; Apple's ids are upper case".to_owned())
    } else if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit()))
    {
        Some(format!("contains `{bad}`; only A-Z and 0-9 are allowed"))
    } else if id.chars().count() != 10 {
        Some(format!(
            "has {} characters; it must have exactly 10",
            id.chars().count()
        ))
    } else {
        None
    };
    if let Some(problem) = problem {
        out.findings.push(at_opt(
            finding(
                Rule::ApnsKeyInvalid,
                format!(
                    "{name} `{id}` {problem} (Apple's {name}s are 10 characters of A-Z and 0-9)"
                ),
            )
            .help(format!(
                "copy `{key}` from the Apple Developer account, e.g. `ABCDE12345`"
            )),
            value.location.as_ref(),
        ));
    }
}

/// `ABCDE12345` from `AuthKey_ABCDE12345.p8`.
fn key_id_from_file_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let id = name.strip_prefix("AuthKey_")?.strip_suffix(".p8")?;
    (!id.is_empty()).then(|| id.to_owned())
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The `.p8` must be a PKCS#8 PEM holding an EC private key on P-256 (apns-fcm-tim.md A.3).
fn check_p8(path: &Path, out: &mut CheckOutput<ApnsFacts>) {
    let shown = path.display();
    let Some(bytes) = out.read(path, "[apns] key-file", crate::files::FileKind::ApnsKey) else {
        return;
    };
    let invalid = |why: String| {
        finding(
            Rule::ApnsKeyInvalid,
            format!("`{shown}` is not an APNs signing key: {why}"),
        )
        .help(KEY_HELP)
        .at(file_location(path))
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return out.failures.push(anyhow::anyhow!(
            "cannot read APNs key `{shown}`: the file is empty"
        ));
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        let why = if bytes.first() == Some(&0x30) {
            "it is binary (DER), not PEM text with a `-----BEGIN PRIVATE KEY-----` line".to_owned()
        } else {
            "it is binary, not PEM text with a `-----BEGIN PRIVATE KEY-----` line".to_owned()
        };
        return out.findings.push(invalid(why));
    };
    if !text.contains("-----BEGIN ") {
        let trimmed = text.trim_start();
        let why = if trimmed.starts_with('{') {
            "it looks like JSON (an FCM service account?), not a PEM key".to_owned()
        } else {
            "it is not PEM: there is no `-----BEGIN PRIVATE KEY-----` line".to_owned()
        };
        return out.findings.push(invalid(why));
    }
    let block = match pem::parse(text) {
        Ok(block) => block,
        Err(_) => {
            // The BEGIN line is there, so this is a damaged file rather than a wrong one. The
            // pem error is not quoted: it can carry bytes of the key.
            return out.failures.push(anyhow::anyhow!(
                "cannot read APNs key `{shown}`: the PEM is truncated or damaged (no matching END line, or broken base64)"
            ));
        }
    };
    let why = match block.tag() {
        "PRIVATE KEY" => match keys::pkcs8_kind(block.contents()) {
            None => {
                return out.failures.push(anyhow::anyhow!(
                    "cannot read APNs key `{shown}`: the PKCS#8 data inside the PEM is truncated or damaged"
                ))
            }
            Some(KeyKind::P256) if keys::p256_key_is_valid(block.contents()) => return,
            Some(KeyKind::P256) => "the P-256 key inside does not decode (its scalar is invalid)".to_owned(),
            Some(kind) => format!(
                "it holds {}; APNs signs tokens with ES256, which needs an EC key on P-256 (prime256v1)",
                kind.describe()
            ),
        },
        "RSA PRIVATE KEY" => {
            "it holds an RSA key (PKCS#1); APNs needs an EC key on P-256 in PKCS#8".to_owned()
        }
        "EC PRIVATE KEY" => "it holds an EC key in SEC1 form (`BEGIN EC PRIVATE KEY`), not the PKCS#8 form (`BEGIN PRIVATE KEY`) Apple issues".to_owned(),
        "ENCRYPTED PRIVATE KEY" => {
            "it holds an encrypted PKCS#8 key; Apple's .p8 is not encrypted".to_owned()
        }
        "CERTIFICATE" => "it holds a certificate, not a private key (for certificate auth, set `certificate` to the .p12 instead)".to_owned(),
        "PUBLIC KEY" => "it holds a public key, not the private key".to_owned(),
        other => format!("it holds a PEM block of type `{other}`, not `PRIVATE KEY`"),
    };
    out.findings.push(invalid(why));
}
