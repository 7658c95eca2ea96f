//! FCM HTTP v1 and Google's OAuth token endpoint (`apns-fcm-tim.md` §B), under `/fcm`:
//! `POST /fcm/token` (what a service account's `token_uri` names) and
//! `POST /fcm/v1/projects/<project>/messages:send`.
//!
//! An FCM "app" in the registry is one service account: `app_id` the project id, `app_key` the
//! `client_email`, `public_key` its RSA public key (SPKI PEM), `devices` the registration tokens
//! of the project's apps, `test_devices` tokens of iOS devices whose Firebase app has no APNs key
//! uploaded (FCM answers THIRD_PARTY_AUTH_ERROR for them).
//!
//! The token endpoint checks the JWT-bearer grant as Google does (B.2): `grant_type`, an RS256
//! assertion whose `iss` is a registered account and whose signature verifies with its key
//! (else `invalid_grant` "Invalid JWT Signature.": a deleted or rotated key), `aud` (Google's
//! token URL or this endpoint's own), `exp - iat` at most an hour and now inside it, and the
//! scope. The send checks the Bearer token, the project in the path against the token's, the
//! message (exactly one of token/topic/condition, string data values, no reserved data keys, a
//! known Android priority, an `android.ttl` of at most 4 weeks, 4096 bytes at most) and the registration token, answering with Google's
//! error body and the `FcmError` detail (B.5). `validate_only` checks everything and delivers
//! (records) nothing.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rsa::pkcs8::DecodePublicKey as _;
use rsa::signature::Verifier as _;
use serde_json::{json, Value};

use super::common::{form_fields, require_key, Call};
use super::registry::App;
use super::table::{emulated, Emulated};
use super::{lock, RecordedPush, Shared};
use crate::secret::Secret;
use crate::vendor::Vendor;

/// The endpoints under `/fcm`, as fault paths name them.
pub(super) const ENDPOINTS: &[&str] = &["token", "v1/projects/{project}/messages:send"];

/// This emulator's entry in the vendor table.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Fcm);

const GOOGLE_TOKEN_URI: &str = "https://oauth2.googleapis.com/token";
const SCOPES: &[&str] = &[
    "https://www.googleapis.com/auth/firebase.messaging",
    "https://www.googleapis.com/auth/cloud-platform",
];
const TOKEN_TTL: Duration = Duration::from_secs(3599);
const MAX_MESSAGE: usize = 4096;
const MAX_TOPIC_MESSAGE: usize = 2048;

/// Issued access tokens: token → (project id, whether the scope allows sending, when).
#[derive(Default)]
pub(super) struct State {
    tokens: HashMap<String, (String, bool, Instant)>,
    sent: u64,
}

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/token", post(token))
        .route("/v1/projects/{project}/messages:send", post(send))
}

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// Google's error body with the FCM code in an `FcmError` detail (B.5).
fn fcm_error(status: u16, rpc_status: &str, error_code: Option<&str>, message: &str) -> Response {
    let mut error = json!({ "code": status, "message": message, "status": rpc_status });
    if let Some(code) = error_code {
        error["details"] = json!([{
            "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
            "errorCode": code,
        }]);
    }
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
        Json(json!({ "error": error })),
    )
        .into_response()
}

fn invalid(message: &str) -> Response {
    fcm_error(400, "INVALID_ARGUMENT", Some("INVALID_ARGUMENT"), message)
}

/// The `busy` fault: 503 UNAVAILABLE.
pub(super) fn busy() -> Response {
    fcm_error(
        503,
        "UNAVAILABLE",
        Some("UNAVAILABLE"),
        "The service is currently unavailable.",
    )
}

fn decode(part: &str) -> Option<Value> {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?).ok()
}

async fn token(Call(shared, headers, body): Call) -> Response {
    let fields = form_fields(&body);
    if fields.get("grant_type").map(String::as_str)
        != Some("urn:ietf:params:oauth:grant-type:jwt-bearer")
    {
        return oauth_error("unsupported_grant_type", "Invalid grant_type: ");
    }
    let Some(assertion) = fields.get("assertion") else {
        return oauth_error("invalid_request", "Missing required parameter: assertion");
    };
    let parts: Vec<&str> = assertion.split('.').collect();
    let [header, claims, signature] = parts.as_slice() else {
        return oauth_error("invalid_grant", "Invalid JWT: the assertion is not a JWT");
    };
    let (Some(header_json), Some(claims_json)) = (decode(header), decode(claims)) else {
        return oauth_error("invalid_grant", "Invalid JWT: the assertion is not a JWT");
    };
    if header_json["alg"] != "RS256" {
        return oauth_error("invalid_grant", "Invalid JWT: the algorithm must be RS256");
    }
    let iss = claims_json["iss"].as_str().unwrap_or_default();
    let Some(app) = shared
        .registry
        .of(Vendor::Fcm)
        .find(|app| app.app_key == iss)
    else {
        return oauth_error("invalid_grant", "Invalid grant: account not found");
    };
    // The built-in account's key is made on first use rather than with every registry.
    let builtin = (app.app_id == BUILTIN_FCM_PROJECT_ID
        && app.app_key == BUILTIN_FCM_CLIENT_EMAIL
        && app.public_key.is_none())
    .then(builtin_fcm_public_key)
    .flatten();
    let verifies = (|| {
        let pem = app.public_key.as_deref().or(builtin.as_deref())?;
        let key = rsa::RsaPublicKey::from_public_key_pem(pem.trim()).ok()?;
        let key = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key);
        let signature =
            rsa::pkcs1v15::Signature::try_from(URL_SAFE_NO_PAD.decode(signature).ok()?.as_slice())
                .ok()?;
        key.verify(format!("{header}.{claims}").as_bytes(), &signature)
            .ok()
    })();
    if verifies.is_none() {
        return oauth_error("invalid_grant", "Invalid JWT Signature.");
    }
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let own = format!("http://{host}/fcm/token");
    let aud = claims_json["aud"].as_str().unwrap_or_default();
    if aud != GOOGLE_TOKEN_URI && aud != own {
        return oauth_error("invalid_grant", "Invalid JWT: Failed audience check.");
    }
    let (Some(iat), Some(exp)) = (claims_json["iat"].as_i64(), claims_json["exp"].as_i64()) else {
        return oauth_error("invalid_grant", "Invalid JWT: iat and exp are required");
    };
    let now = super::clock::now_i64();
    if exp <= iat || exp - iat > 3600 || now < iat - 300 || now > exp {
        return oauth_error("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
    }
    let scope_ok = claims_json["scope"]
        .as_str()
        .unwrap_or_default()
        .split(' ')
        .any(|s| SCOPES.contains(&s));
    let access = format!("ya29.emulator-{}", uuid::Uuid::new_v4().simple());
    let mut state = lock(&shared.fcm);
    let issued = Instant::now();
    state
        .tokens
        .retain(|_, (_, _, at)| issued.saturating_duration_since(*at) < TOKEN_TTL);
    state
        .tokens
        .insert(access.clone(), (app.app_id.clone(), scope_ok, issued));
    Json(json!({
        "access_token": access,
        "expires_in": TOKEN_TTL.as_secs(),
        "token_type": "Bearer",
    }))
    .into_response()
}

async fn send(Path(project): Path<String>, Call(shared, headers, body): Call) -> Response {
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    // An access token past its `expires_in` is refused as Google does.
    let grant = bearer
        .and_then(|b| lock(&shared.fcm).tokens.get(b).cloned())
        .filter(|(_, _, issued)| issued.elapsed() < TOKEN_TTL);
    let Some((token_project, scope_ok, _)) = grant else {
        return fcm_error(401, "UNAUTHENTICATED", None, "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
    };
    if !scope_ok {
        return fcm_error(
            403,
            "PERMISSION_DENIED",
            None,
            "Request had insufficient authentication scopes.",
        );
    }
    if project != token_project {
        return fcm_error(403, "PERMISSION_DENIED", None, &format!("Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/{project}' (or it may not exist)."));
    }
    let Some(app) = shared.registry.find(Vendor::Fcm, &project) else {
        return fcm_error(404, "NOT_FOUND", None, "Requested entity was not found.");
    };
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return invalid("Invalid JSON payload received.");
    };
    let validate_only = request["validate_only"].as_bool().unwrap_or(false);
    let message = &request["message"];
    if !message.is_object() {
        return invalid("The message is missing.");
    }
    if let Err(refusal) = check_message(message) {
        return *refusal;
    }
    if let Some(token) = message["token"].as_str() {
        if let Err(refusal) = check_token(&shared, app, token) {
            return *refusal;
        }
    }
    if validate_only {
        return Json(json!({ "name": format!("projects/{project}/messages/fake_message_id") }))
            .into_response();
    }
    let id = {
        let mut state = lock(&shared.fcm);
        state.sent += 1;
        format!(
            "0:{}%pushdiag{:04}",
            1_700_000_000_000u64 + state.sent,
            state.sent
        )
    };
    let name = format!("projects/{project}/messages/{id}");
    let notification = &message["notification"];
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    lock(&shared.pushes).push(RecordedPush {
        vendor: Vendor::Fcm,
        app_id: project.clone(),
        target: message["token"]
            .as_str()
            .or(message["topic"].as_str())
            .unwrap_or_default()
            .to_owned(),
        title: text(&notification["title"]),
        body: text(&notification["body"]),
        ext: message["data"]["ext"].as_str().map(str::to_owned),
        test_mode: false,
        request_id: None,
        task_id: name.clone(),
        payload: request.clone(),
    });
    Json(json!({ "name": name })).into_response()
}

/// The message's fields (B.4).
fn check_message(message: &Value) -> Result<(), Box<Response>> {
    let targets = ["token", "topic", "condition"]
        .iter()
        .filter(|k| message.get(**k).is_some())
        .count();
    if targets != 1 {
        return Err(Box::new(invalid(
            "Exactly one of message.token, message.topic or message.condition must be set.",
        )));
    }
    if let Some(data) = message.get("data") {
        let Some(data) = data.as_object() else {
            return Err(Box::new(invalid(
                "Invalid value at 'message.data': not a map",
            )));
        };
        for (index, (key, value)) in data.iter().enumerate() {
            if !value.is_string() {
                return Err(Box::new(invalid(&format!(
                    "Invalid value at 'message.data[{index}].value' (TYPE_STRING), {value}"
                ))));
            }
            if key == "from" || key == "gcm" || key.starts_with("google") {
                return Err(Box::new(invalid(&format!(
                    "Invalid data payload key: {key}"
                ))));
            }
        }
    }
    if let Some(ttl) = message.get("android").and_then(|a| a.get("ttl")) {
        check_ttl(ttl)?;
    }
    if let Some(priority) = message.get("android").and_then(|a| a.get("priority")) {
        if !matches!(
            priority.as_str(),
            Some("NORMAL" | "HIGH" | "normal" | "high")
        ) {
            return Err(Box::new(invalid(&format!(
                "Invalid value at 'message.android.priority' (type.googleapis.com/google.firebase.fcm.v1.AndroidMessagePriority), {priority}"
            ))));
        }
    }
    // B.4: 4096 bytes for most messages, 2048 for topic messages, counting the keys and
    // values of the payload (notification and data), not the token or the JSON around them.
    let limit = if message.get("topic").is_some() {
        MAX_TOPIC_MESSAGE
    } else {
        MAX_MESSAGE
    };
    if payload_size(message) > limit {
        return Err(Box::new(invalid("Message is too big")));
    }
    Ok(())
}

/// The longest `android.ttl` FCM takes: 4 weeks (B.4).
const MAX_TTL_SECONDS: f64 = 2_419_200.0;

/// `android.ttl`: a `google.protobuf.Duration` in JSON, decimal seconds with an `s` (what
/// firebase-admin sends: `"86400s"`, `"1.5s"`), 0 to 4 weeks (B.4). A malformed one gets
/// Google's parse error; one out of range INVALID_ARGUMENT with a `google.rpc.BadRequest`
/// field violation beside the `FcmError` (B.5; the wording of Google's description is not
/// recorded, so it is the emulator's).
fn check_ttl(ttl: &Value) -> Result<(), Box<Response>> {
    let seconds = ttl
        .as_str()
        .and_then(|text| text.strip_suffix('s'))
        .filter(|number| {
            !number.is_empty()
                && number
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.')
        })
        .and_then(|number| number.parse::<f64>().ok());
    let Some(seconds) = seconds else {
        return Err(Box::new(invalid(&format!(
            "Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), {ttl}"
        ))));
    };
    if (0.0..=MAX_TTL_SECONDS).contains(&seconds) {
        return Ok(());
    }
    let answer = json!({
        "error": {
            "code": 400,
            "message": "Request contains an invalid argument.",
            "status": "INVALID_ARGUMENT",
            "details": [
                {
                    "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                    "errorCode": "INVALID_ARGUMENT",
                },
                {
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [{
                        "field": "message.android.ttl",
                        "description": format!(
                            "TTL {ttl} is out of range: FCM allows 0s to 2419200s (4 weeks)"
                        ),
                    }],
                },
            ],
        }
    });
    Err(Box::new(
        (StatusCode::BAD_REQUEST, Json(answer)).into_response(),
    ))
}

/// The bytes FCM counts against its limit: every key and string value of `notification` and
/// `data` (B.4).
fn payload_size(message: &Value) -> usize {
    fn count(value: &Value) -> usize {
        match value {
            Value::String(text) => text.len(),
            Value::Object(map) => map.iter().map(|(k, v)| k.len() + count(v)).sum(),
            Value::Array(items) => items.iter().map(count).sum(),
            other => other.to_string().len(),
        }
    }
    ["notification", "data"]
        .iter()
        .filter_map(|key| message.get(*key))
        .map(count)
        .sum()
}

/// The registration token (B.5, B.6).
fn check_token(shared: &Shared, app: &App, token: &str) -> Result<(), Box<Response>> {
    if token.len() < 20 || token.chars().any(|c| c.is_whitespace() || c == '"') {
        return Err(Box::new(invalid(
            "The registration token is not a valid FCM registration token",
        )));
    }
    if app.devices.iter().any(|d| d == token) {
        return Ok(());
    }
    if app.test_devices.iter().any(|d| d == token) {
        return Err(Box::new(fcm_error(
            401,
            "UNAUTHENTICATED",
            Some("THIRD_PARTY_AUTH_ERROR"),
            "Auth error from APNS or Web Push Service",
        )));
    }
    let elsewhere = shared
        .registry
        .of(Vendor::Fcm)
        .any(|other| other.app_id != app.app_id && other.devices.iter().any(|d| d == token));
    if elsewhere {
        return Err(Box::new(fcm_error(
            403,
            "PERMISSION_DENIED",
            Some("SENDER_ID_MISMATCH"),
            "SenderId mismatch",
        )));
    }
    Err(Box::new(fcm_error(
        404,
        "NOT_FOUND",
        Some("UNREGISTERED"),
        "Requested entity was not found.",
    )))
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in FCM service account: `examples/flutter-chat`'s Firebase project (its
/// `google-services.json`), an emulator-only account, and a registration token of its app.
pub const BUILTIN_FCM_PROJECT_ID: &str = "flutter-chat-example";
pub const BUILTIN_FCM_CLIENT_EMAIL: &str =
    "firebase-adminsdk-pushd@flutter-chat-example.iam.gserviceaccount.com";
pub const BUILTIN_FCM_PRIVATE_KEY_ID: &str = "00000000000000000000000000000000pushdiag";
pub const BUILTIN_FCM_DEVICE: &str = "fXk3pushdiag0emulator:APA91bF000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

/// The built-in service account's RSA key (2048 bits). Not a credential and stored nowhere: it is
/// generated from a ChaCha20 stream seeded with the SHA-256 of a fixed label, so anyone can
/// rebuild it (it opens only the emulator). Made once per process, on first use.
pub fn builtin_fcm_private_key() -> Option<rsa::RsaPrivateKey> {
    static KEY: std::sync::OnceLock<Option<rsa::RsaPrivateKey>> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        use rand_chacha::rand_core::SeedableRng as _;
        use sha2::Digest as _;
        let seed: [u8; 32] = sha2::Sha256::digest(
            b"pushdiag emulator built-in FCM service account (not a credential)",
        )
        .into();
        let mut rng = rand_chacha::ChaCha20Rng::from_seed(seed);
        rsa::RsaPrivateKey::new(&mut rng, 2048).ok()
    })
    .clone()
}

/// The public key of [`builtin_fcm_private_key`] (SPKI PEM), as the registry holds keys.
pub fn builtin_fcm_public_key() -> Option<String> {
    use rsa::pkcs8::EncodePublicKey as _;
    builtin_fcm_private_key()?
        .to_public_key()
        .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
        .ok()
}

/// The built-in FCM app: the service account [`BUILTIN_FCM_CLIENT_EMAIL`] of
/// [`BUILTIN_FCM_PROJECT_ID`] (key: [`builtin_fcm_private_key`], made on first use rather than
/// with every registry) with the device [`BUILTIN_FCM_DEVICE`]; its package is the Flutter
/// example's.
pub(super) fn builtin_apps() -> Vec<App> {
    vec![App {
        package: Some(super::xiaomi::BUILTIN_XIAOMI_FLUTTER_PACKAGE.to_owned()),
        devices: vec![BUILTIN_FCM_DEVICE.to_owned()],
        ..App::new(
            Vendor::Fcm,
            BUILTIN_FCM_PROJECT_ID,
            BUILTIN_FCM_CLIENT_EMAIL,
            Secret::new(""),
        )
    }]
}

/// What an apps file must give for an FCM service account: its client_email and the RSA public
/// key the token endpoint verifies assertions with.
fn check_app(app: &App) -> anyhow::Result<()> {
    require_key(app, "for FCM it is the service account's client_email")?;
    match &app.public_key {
        Some(pem) if rsa::RsaPublicKey::from_public_key_pem(pem.trim()).is_ok() => Ok(()),
        Some(_) => anyhow::bail!("public-key is not an RSA public key in PEM (BEGIN PUBLIC KEY)"),
        None => {
            anyhow::bail!("public-key is missing: the token endpoint verifies assertions with it")
        }
    }
}

#[cfg(test)]
mod tests;
