//! The FCM service-account JSON (apns-fcm-tim.md B.1) and its project against the app's
//! `google-services.json` (B.7). Findings point at the JSON key they are about.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::findings::{Finding, Located, Location, Rule, Severity};
use crate::text::child_pointer;
use crate::text::json::{Doc as JsonDoc, Parser};
use crate::vendor::Vendor;

use super::keys::{self, KeyKind};
use super::{file_location, CheckOutput};

/// What `check_fcm` reads: `[fcm] service-account`, and the project id of the app's
/// `google-services.json` when one was found.
pub struct FcmInput {
    pub service_account: Located<PathBuf>,
    pub google_services_project_id: Option<Located<String>>,
}

const NEW_KEY_HELP: &str = "download a new key in the Firebase console (Project settings > Service accounts > Generate new private key) and point service-account at that file, unchanged";

/// Checks the service-account file offline.
pub fn check_fcm(input: &FcmInput) -> CheckOutput<()> {
    let mut out = CheckOutput::new(());
    if let Some(missing) = super::file_missing(
        Vendor::Fcm,
        &input.service_account,
        "service-account",
        "service account",
        "download a private key in the Firebase console (Project settings > Service accounts > Generate new private key) and point service-account at it",
    ) {
        out.findings.push(missing);
        return out;
    }
    let path = input.service_account.value.as_path();
    let shown = path.display();
    let Some(bytes) = out.read(
        path,
        "[fcm] service-account",
        crate::files::FileKind::ServiceAccount,
    ) else {
        return out;
    };
    // A byte order mark is not JSON; skip it (columns on line 1 are counted after it).
    let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(body) => (3, body),
        None => (0, bytes.as_slice()),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        out.failures.push(anyhow::anyhow!(
            "cannot parse FCM service account `{shown}`: the file is empty"
        ));
        return out;
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            out.failures.push(json_failure(path, &error));
            return out;
        }
    };
    // It parsed, so it is UTF-8.
    let text = String::from_utf8_lossy(body);
    let doc = Doc {
        path,
        text: &text,
        bom,
        keys: top_level_keys(body),
    };
    let Value::Object(object) = value else {
        out.findings.push(
            finding(
                Severity::Error,
                format!("`{shown}` is JSON, but not an object: a service-account key is an object with `type`, `project_id`, `private_key`, ..."),
            )
            .help(NEW_KEY_HELP)
            .at(file_location(path)),
        );
        return out;
    };
    check_object(input, &doc, &object, &mut out.findings);
    out
}

fn finding(severity: Severity, message: impl Into<std::borrow::Cow<'static, str>>) -> Finding {
    let mut finding = Finding::new(Rule::FcmServiceAccountInvalid, message).vendor(Vendor::Fcm);
    finding.severity = severity;
    finding
}

/// One line naming the file, the line and the column. serde_json's syntax errors never quote
/// the input, so no part of a key can leak through them.
fn json_failure(path: &Path, error: &serde_json::Error) -> anyhow::Error {
    let message = error.to_string();
    let what = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message.as_str(),
    };
    anyhow::anyhow!(
        "cannot parse FCM service account `{}`: {what} at line {}, column {}",
        path.display(),
        error.line(),
        error.column()
    )
}

struct Doc<'a> {
    path: &'a Path,
    text: &'a str,
    bom: u64,
    keys: Vec<(String, usize)>,
}

impl Doc<'_> {
    /// Where the top-level `key` is (its opening quote), else the file itself.
    fn location(&self, key: &str) -> Location {
        let Some(&(_, offset)) = self.keys.iter().rev().find(|(name, _)| name == key) else {
            return file_location(self.path);
        };
        let mut location = Location::in_text(
            self.path.display().to_string().into(),
            self.text,
            offset,
            child_pointer("", key),
        );
        // Lines and columns are counted after the BOM; the offset is the file's own.
        location.offset += self.bom;
        location
    }
}

/// The keys of the top-level object with the byte offset of each one's opening quote, in
/// document order (a repeated key is listed each time). serde_json has already accepted the text;
/// should the span parser refuse it anyway, findings point at the file instead of a key.
fn top_level_keys(body: &[u8]) -> Vec<(String, usize)> {
    let mut parser = Parser::default();
    let Ok(doc) = parser.parse(body) else {
        return Vec::new();
    };
    doc.children(JsonDoc::ROOT)
        .filter_map(|member| Some((doc.key(member)?.into_owned(), doc.key_offset(member)?)))
        .collect()
}

fn check_object(
    input: &FcmInput,
    doc: &Doc<'_>,
    object: &Map<String, Value>,
    findings: &mut Vec<Finding>,
) {
    let shown = doc.path.display();
    if object.contains_key("project_info") {
        findings.push(
            finding(
                Severity::Error,
                format!("`{shown}` is a google-services.json (the app's Firebase config), not a service-account key"),
            )
            .help(format!("google-services.json belongs in the app; {NEW_KEY_HELP}"))
            .at(file_location(doc.path)),
        );
        return;
    }
    let mut field_error = |key: &str, problem: String, help: &str| {
        findings.push(
            finding(Severity::Error, format!("`{shown}`: {problem}"))
                .help(help.to_owned())
                .at(doc.location(key)),
        );
    };
    // `type`
    match object.get("type") {
        None => field_error(
            "type",
            "has no `type` field; a service-account key has `\"type\": \"service_account\"`"
                .to_owned(),
            NEW_KEY_HELP,
        ),
        Some(Value::String(kind)) if kind == "service_account" => {}
        Some(Value::String(kind)) => {
            let what = match kind.as_str() {
                "authorized_user" => {
                    " (a user credential from `gcloud auth application-default login`)"
                }
                "external_account" => " (a workload identity federation config)",
                _ => "",
            };
            field_error(
                "type",
                format!("`type` is `{kind}`{what}, not `service_account`"),
                NEW_KEY_HELP,
            );
        }
        Some(_) => field_error(
            "type",
            "`type` is not a string; it must be `service_account`".to_owned(),
            NEW_KEY_HELP,
        ),
    }
    let project_id = required_string(object, "project_id", &mut field_error);
    if let Some(private_key) = required_string(object, "private_key", &mut field_error) {
        if let Some(problem) = private_key_problem(private_key) {
            field_error(
                "private_key",
                format!("`private_key` {problem}"),
                NEW_KEY_HELP,
            );
        }
    }
    required_string(object, "token_uri", &mut field_error);
    if let Some(email) = required_string(object, "client_email", &mut field_error) {
        // Default compute accounts end in `@developer.gserviceaccount.com` (B.1).
        if !(email.ends_with(".iam.gserviceaccount.com")
            || email.ends_with("@developer.gserviceaccount.com"))
        {
            findings.push(
                finding(
                    Severity::Warning,
                    format!("`{shown}`: `client_email` `{email}` is not a service-account address (`<name>@<project>.iam.gserviceaccount.com`)"),
                )
                .help(format!("Google rejects the token request when client_email does not belong to the key (invalid_grant); {NEW_KEY_HELP}"))
                .at(doc.location("client_email")),
            );
        }
    }
    if let (Some(project_id), Some(app)) = (project_id, &input.google_services_project_id) {
        if project_id != app.value {
            let app_file = app.location.as_ref().map_or_else(
                || "google-services.json".to_owned(),
                |l| l.source.to_string(),
            );
            findings.push(
                finding(
                    Severity::Error,
                    format!(
                        "`{shown}` is for Firebase project `{project_id}`, but `{app_file}` is for `{}`: FCM answers SENDER_ID_MISMATCH for the app's tokens",
                        app.value
                    ),
                )
                .help(format!(
                    "generate the service-account key in the Firebase project `{}` (the app's), or replace google-services.json with the one of `{project_id}` and rebuild the app",
                    app.value
                ))
                .at(doc.location("project_id")),
            );
        }
    }
}

/// The value of a field that must be a non-empty string; reports it otherwise.
fn required_string<'o>(
    object: &'o Map<String, Value>,
    key: &str,
    field_error: &mut impl FnMut(&str, String, &str),
) -> Option<&'o str> {
    match object.get(key) {
        Some(Value::String(value)) if !value.trim().is_empty() => Some(value),
        Some(Value::String(_)) => {
            field_error(key, format!("`{key}` is empty"), NEW_KEY_HELP);
            None
        }
        Some(_) => {
            field_error(key, format!("`{key}` is not a string"), NEW_KEY_HELP);
            None
        }
        None => {
            field_error(key, format!("has no `{key}` field"), NEW_KEY_HELP);
            None
        }
    }
}

/// Why `private_key` is not a PKCS#8 PEM RSA key that parses, or `None` when it is. The answer
/// never quotes the key.
fn private_key_problem(private_key: &str) -> Option<String> {
    if !private_key.contains('\n') && private_key.contains("\\n") {
        return Some("has the two characters `\\n` where line breaks belong (the JSON was escaped twice, or the key was pasted as a string)".to_owned());
    }
    if !private_key.contains("-----BEGIN ") {
        return Some("is not PEM: it has no `-----BEGIN PRIVATE KEY-----` line".to_owned());
    }
    let Ok(block) = pem::parse(private_key) else {
        return Some(
            "is truncated or damaged PEM (no matching END line, or broken base64)".to_owned(),
        );
    };
    match block.tag() {
        "PRIVATE KEY" => match keys::pkcs8_kind(block.contents()) {
            None => Some("does not decode as PKCS#8 (damaged or truncated)".to_owned()),
            Some(KeyKind::Rsa) if keys::rsa_pkcs8_is_valid(block.contents()) => None,
            Some(KeyKind::Rsa) => Some("holds an RSA key that does not decode".to_owned()),
            Some(kind) => Some(format!(
                "holds {}; Google signs the token request with RS256, which needs an RSA key",
                kind.describe()
            )),
        },
        "RSA PRIVATE KEY" => Some("is PKCS#1 (`BEGIN RSA PRIVATE KEY`), not the PKCS#8 (`BEGIN PRIVATE KEY`) Google issues".to_owned()),
        other => Some(format!("is a PEM block of type `{other}`, not `PRIVATE KEY`")),
    }
}
