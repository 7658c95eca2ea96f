//! APNs provider API (`apns-fcm-tim.md` §A): `POST /apns/3/device/<token>` is production and
//! `POST /apns-sandbox/3/device/<token>` the sandbox. HTTP/2 only, as APNs: an HTTP/1.1 request
//! gets 505. On the emulator's port it is HTTP/2 with prior knowledge (h2c); [`super::tls`] serves
//! the same routes over TLS with ALPN `h2`.
//!
//! In APNs's order of concerns: the path (404 BadPath, 400 MissingDeviceToken), the provider
//! token (403 MissingProviderToken; InvalidProviderToken when the JWT does not parse, names an
//! unknown key id or another team, or its ES256 signature does not verify with the registered
//! public key; ExpiredProviderToken when `iat` is more than an hour old; 429
//! TooManyProviderTokenUpdates when a connection switches to a token signed less than 20 minutes
//! after its previous one), the headers (BadTopic/MissingTopic/TopicDisallowed,
//! InvalidPushType, BadPriority, BadExpirationDate, BadMessageId, BadCollapseId), the payload
//! (PayloadEmpty, 413 PayloadTooLarge above 4096 bytes, 5120 for VoIP), then the device token:
//! unknown in this environment (a sandbox token on production, or the reverse) is 400
//! BadDeviceToken, a token of another app is DeviceTokenNotForTopic. A success is 200 with
//! `apns-id` (and `apns-unique-id` on the sandbox) and an empty body.
//!
//! Real clients post at the root of Apple's hosts: [`root`] serves each environment at the root
//! of a port of its own, through these same routes.

mod root;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State as AxumState};
use axum::http::{HeaderMap, Method, StatusCode, Version};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use p256::ecdsa::signature::Verifier as _;
use p256::pkcs8::DecodePublicKey as _;
use serde_json::{json, Value};

use super::common::{blank, require_key};
use super::registry::App;
use super::table::{emulated, Emulated};
use super::{lock, ConnHandle, RecordedPush, Shared};
use crate::secret::Secret;
use crate::vendor::Vendor;

pub use root::ApnsEnvironment;
pub(super) use root::{under_prefix, RootListener};

/// The endpoint under `/apns` (and `/apns-sandbox`), as fault paths name it.
pub(super) const ENDPOINTS: &[&str] = &["3/device/{token}"];

/// This emulator's entry in the vendor table.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Apns);

/// Provider tokens older than this are expired (A.3).
const TOKEN_LIFETIME_SECS: i64 = 3600;
/// A connection may switch tokens at most once every 20 minutes (A.3).
const MIN_REFRESH_SECS: i64 = 20 * 60;
/// Payload limits (A.5).
const MAX_PAYLOAD: usize = 4096;
const MAX_VOIP_PAYLOAD: usize = 5120;

const PUSH_TYPES: &[&str] = &[
    "alert",
    "background",
    "location",
    "voip",
    "complication",
    "fileprovider",
    "mdm",
    "liveactivity",
    "pushtotalk",
];

/// Per connection: the provider token in use and its `iat`.
#[derive(Default)]
pub(super) struct State {
    tokens: HashMap<u64, (String, i64)>,
}

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/", any(production))
        .route("/{*rest}", any(production))
}

pub(super) fn sandbox_routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/", any(sandbox))
        .route("/{*rest}", any(sandbox))
}

async fn production(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    handle(&shared, request, false).await
}

async fn sandbox(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    handle(&shared, request, true).await
}

/// APNs's error answer: a status and `{"reason": …}`.
pub(super) fn reason(status: u16, reason: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    (
        status,
        [("content-type", "application/json")],
        json!({ "reason": reason }).to_string(),
    )
        .into_response()
}

/// The `busy` fault: 503 ServiceUnavailable.
pub(super) fn busy() -> Response {
    reason(503, "ServiceUnavailable")
}

async fn handle(shared: &Shared, request: Request, sandbox: bool) -> Response {
    let conn = request
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|info| info.0.clone());
    // APNs speaks HTTP/2 only (apns-fcm-tim.md A.1).
    if request.version() != Version::HTTP_2 {
        return (
            StatusCode::HTTP_VERSION_NOT_SUPPORTED,
            "APNs speaks HTTP/2 only",
        )
            .into_response();
    }
    let (parts, body) = request.into_parts();
    // The router strips the /apns prefix; what is left must be /3/device/<token>.
    let Some(token) = parts.uri.path().strip_prefix("/3/device/") else {
        return reason(404, "BadPath");
    };
    let token = token.to_owned();
    if parts.method != Method::POST {
        return reason(405, "MethodNotAllowed");
    }
    if token.is_empty() {
        return reason(400, "MissingDeviceToken");
    }
    let peer = conn.as_ref().and_then(|c| c.peer.clone());
    let certificate_auth = parts.headers.get("authorization").is_none() && peer.is_some();
    let authenticated = match &peer {
        Some(der) if certificate_auth => authenticate_certificate(shared, der, sandbox),
        _ => authenticate(shared, conn.as_ref(), &parts.headers),
    };
    let app = match authenticated {
        Ok(app) => app,
        Err((status, why)) => return reason(status, why),
    };
    // A team-scoped key restricted to one environment (A.3).
    let environment = if sandbox { "development" } else { "production" };
    if !certificate_auth && app.environment.as_deref().is_some_and(|e| e != environment) {
        return reason(403, "BadEnvironmentKeyInToken");
    }
    let headers = &parts.headers;
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let push_type = header("apns-push-type").unwrap_or("alert");
    if !PUSH_TYPES.contains(&push_type) {
        return reason(400, "InvalidPushType");
    }
    // With a single-topic certificate APNs takes the certificate's bundle id (A.2).
    let Some(topic) = header("apns-topic")
        .or(certificate_auth.then_some(app.package.as_deref().unwrap_or_default()))
    else {
        return reason(400, "MissingTopic");
    };
    // A token key is the team's: it signs for every app of the team registered with it (A.3).
    let app = if certificate_auth {
        app
    } else {
        shared
            .registry
            .of(Vendor::Apns)
            .find(|other| {
                other.app_id == app.app_id
                    && other.app_key == app.app_key
                    && other.package.as_deref().is_some_and(|p| {
                        topic == p || topic.strip_prefix(p).is_some_and(|r| r.starts_with('.'))
                    })
            })
            .unwrap_or(app)
    };
    let bundle = app.package.as_deref().unwrap_or_default();
    let suffix = match push_type {
        "voip" => ".voip",
        "complication" => ".complication",
        "fileprovider" => ".pushkit.fileprovider",
        "liveactivity" => ".push-type.liveactivity",
        "location" => ".location-query",
        "pushtotalk" => ".voip-ptt",
        _ => "",
    };
    let Some(topic_bundle) = topic.strip_suffix(suffix) else {
        return reason(400, "BadTopic");
    };
    if topic_bundle != bundle {
        // Is it another registered app's bundle (of this team)? Then the topic is allowed in
        // principle, but not with this key; otherwise it is not this team's at all.
        return reason(400, "TopicDisallowed");
    }
    let priority = header("apns-priority");
    // A background push must not ask for immediate delivery (A.2).
    let priority_ok = matches!(priority, None | Some("10" | "5" | "1"))
        && !(push_type == "background" && priority == Some("10"));
    if !priority_ok {
        return reason(400, "BadPriority");
    }
    if let Some(expiration) = header("apns-expiration") {
        if expiration.parse::<u64>().is_err() {
            return reason(400, "BadExpirationDate");
        }
    }
    let apns_id = match header("apns-id") {
        Some(id) => match uuid::Uuid::try_parse(id) {
            Ok(_) if id.len() == 36 => id.to_owned(),
            _ => return reason(400, "BadMessageId"),
        },
        None => uuid::Uuid::new_v4().to_string(),
    };
    if header("apns-collapse-id").is_some_and(|c| c.len() > 64) {
        return reason(400, "BadCollapseId");
    }
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return reason(413, "PayloadTooLarge");
    };
    if bytes.is_empty() {
        return reason(400, "PayloadEmpty");
    }
    let limit = if push_type == "voip" {
        MAX_VOIP_PAYLOAD
    } else {
        MAX_PAYLOAD
    };
    if bytes.len() > limit {
        return reason(413, "PayloadTooLarge");
    }
    if app
        .unregistered
        .iter()
        .any(|d| d.eq_ignore_ascii_case(&token))
    {
        // 410 carries when APNs learnt the token was no longer valid, in milliseconds (A.6).
        let since = super::clock::now_i64().saturating_sub(86_400) * 1000;
        return (
            StatusCode::GONE,
            [("content-type", "application/json")],
            json!({ "reason": "Unregistered", "timestamp": since }).to_string(),
        )
            .into_response();
    }
    let known = |app: &App| {
        if sandbox {
            app.test_devices
                .iter()
                .any(|d| d.eq_ignore_ascii_case(&token))
        } else {
            app.devices.iter().any(|d| d.eq_ignore_ascii_case(&token))
        }
    };
    if !known(app) {
        let elsewhere = shared
            .registry
            .of(Vendor::Apns)
            .filter(|other| other.package != app.package)
            .any(known);
        return if elsewhere {
            reason(400, "DeviceTokenNotForTopic")
        } else {
            reason(400, "BadDeviceToken")
        };
    }
    let payload: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let alert = &payload["aps"]["alert"];
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    lock(&shared.pushes).push(RecordedPush {
        vendor: Vendor::Apns,
        app_id: topic.to_owned(),
        target: token.to_ascii_lowercase(),
        title: text(&alert["title"]),
        body: if alert.is_string() {
            text(alert)
        } else {
            text(&alert["body"])
        },
        ext: payload["ext"].as_str().map(str::to_owned),
        test_mode: sandbox,
        request_id: Some(apns_id.clone()),
        task_id: apns_id.clone(),
        payload: json!({
            "headers": {
                "apns-topic": topic,
                "apns-push-type": header("apns-push-type"),
                "apns-priority": header("apns-priority"),
                "apns-expiration": header("apns-expiration"),
                "apns-id": header("apns-id"),
                "content-type": header("content-type"),
                // Kept so tests can verify the provider token independently; never printed.
                "authorization": header("authorization"),
            },
            "body": payload,
        }),
    });
    let mut response = Response::new(Body::empty());
    if let Ok(value) = apns_id.parse() {
        response.headers_mut().insert("apns-id", value);
    }
    if sandbox {
        if let Ok(value) = uuid::Uuid::new_v4().to_string().parse() {
            response.headers_mut().insert("apns-unique-id", value);
        }
    }
    response
}

/// The registered key the request's provider token verifies with, or the refusal.
fn authenticate<'a>(
    shared: &'a Shared,
    conn: Option<&ConnHandle>,
    headers: &HeaderMap,
) -> Result<&'a App, (u16, &'static str)> {
    let Some(authorization) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
        return Err((403, "MissingProviderToken"));
    };
    let invalid = || (403, "InvalidProviderToken");
    let jwt = authorization
        .strip_prefix("bearer ")
        .or_else(|| authorization.strip_prefix("Bearer "))
        .ok_or_else(invalid)?
        .trim();
    let mut parts = jwt.split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let decode = |part: &str| -> Option<Value> {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?).ok()
    };
    let (Some(header_json), Some(claims_json)) = (decode(header), decode(claims)) else {
        return Err(invalid());
    };
    if header_json["alg"] != "ES256" {
        return Err(invalid());
    }
    let kid = header_json["kid"].as_str().unwrap_or_default();
    let iss = claims_json["iss"].as_str().unwrap_or_default();
    let Some(iat) = claims_json["iat"].as_i64() else {
        return Err(invalid());
    };
    let Some(app) = shared.registry.find(Vendor::Apns, kid) else {
        return Err(invalid());
    };
    if app.app_key != iss {
        return Err(invalid());
    }
    let verifies = (|| {
        let key = p256::ecdsa::VerifyingKey::from_public_key_pem(app.public_key.as_deref()?.trim())
            .ok()?;
        let signature =
            p256::ecdsa::Signature::from_slice(&URL_SAFE_NO_PAD.decode(signature).ok()?).ok()?;
        key.verify(format!("{header}.{claims}").as_bytes(), &signature)
            .ok()
    })();
    if verifies.is_none() {
        return Err(invalid());
    }
    let now = super::clock::now_i64();
    if now - iat > TOKEN_LIFETIME_SECS {
        return Err((403, "ExpiredProviderToken"));
    }
    if iat - now > 60 {
        // Issued in the future: APNs cannot have a key that signed it yet.
        return Err(invalid());
    }
    if let Some(conn) = conn {
        let id = conn.id();
        let mut state = lock(&shared.apns);
        match state.tokens.get(&id) {
            Some((previous, previous_iat))
                if previous != jwt && iat - previous_iat < MIN_REFRESH_SECS =>
            {
                return Err((429, "TooManyProviderTokenUpdates"));
            }
            _ => {
                state.tokens.insert(id, (jwt.to_owned(), iat));
            }
        }
    }
    Ok(app)
}

/// Apple's subject attribute for the bundle id, and its environment extensions (A.4).
const OID_UID: &str = "0.9.2342.19200300.100.1.1";
const OID_DEVELOPMENT: &str = "1.2.840.113635.100.6.3.1";
const OID_PRODUCTION: &str = "1.2.840.113635.100.6.3.2";

/// Certificate auth: the client certificate must be valid now, allowed in this environment
/// (Apple's extensions), and name a registered app's bundle id in its UID. (Real APNs refuses
/// an expired certificate in the handshake; the emulator answers 403 BadCertificate so the
/// client has something to explain.)
fn authenticate_certificate<'a>(
    shared: &'a Shared,
    der: &[u8],
    sandbox: bool,
) -> Result<&'a App, (u16, &'static str)> {
    let bad = (403, "BadCertificate");
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(der) else {
        return Err(bad);
    };
    if !cert.validity().is_valid() {
        return Err(bad);
    }
    let has = |oid: &str| {
        cert.extensions()
            .iter()
            .any(|ext| ext.oid.to_id_string() == oid)
    };
    let (development, production) = (has(OID_DEVELOPMENT), has(OID_PRODUCTION));
    if !development && !production {
        return Err(bad);
    }
    if (sandbox && !development) || (!sandbox && !production) {
        return Err((403, "BadCertificateEnvironment"));
    }
    let uid = cert
        .subject()
        .iter_attributes()
        .find(|attr| attr.attr_type().to_id_string() == OID_UID)
        .and_then(|attr| attr.as_str().ok())
        .unwrap_or_default();
    shared
        .registry
        .of(Vendor::Apns)
        .find(|app| app.package.as_deref() == Some(uid))
        .ok_or(bad)
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in APNs key: the key id and team id of `examples/uniapp-chat/pushdiag.toml`, so the
/// example's ids are the emulator's; the key itself is [`builtin_apns_signing_key`].
pub const BUILTIN_APNS_KEY_ID: &str = "ABCDE12345";
pub const BUILTIN_APNS_TEAM_ID: &str = "FGHIJ67890";
/// The bundle id of the built-in APNs app (`examples/uniapp-chat`'s package).
pub const BUILTIN_APNS_BUNDLE_ID: &str = "com.example.unichat";
/// The bundle id of `examples/flutter-chat`, which the built-in key also signs for.
pub const BUILTIN_APNS_FLUTTER_BUNDLE_ID: &str = "com.example.flutterchat";
/// A device token from a development build (valid on the sandbox endpoint only).
pub const BUILTIN_APNS_SANDBOX_DEVICE: &str =
    "5a4e5f7b0c1d2e3f405162738495a6b7c8d9eafb0c1d2e3f405162738495a6b7";
/// A device token from an App Store / TestFlight build (valid on the production endpoint only).
pub const BUILTIN_APNS_PRODUCTION_DEVICE: &str =
    "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";

/// The built-in APNs signing key. Not a credential and not stored anywhere: its scalar is the
/// SHA-256 of a fixed label, so anyone can rebuild it, which is the point (it opens only the
/// emulator). `send-test --emulated` signs with it when no key is configured.
pub fn builtin_apns_signing_key() -> p256::ecdsa::SigningKey {
    use sha2::Digest as _;
    let mut seed = sha2::Sha256::digest(b"pushdiag emulator built-in APNs key (not a credential)");
    loop {
        // A SHA-256 output is a valid P-256 scalar unless it is zero or above the order.
        if let Ok(key) = p256::ecdsa::SigningKey::from_slice(&seed) {
            return key;
        }
        seed = sha2::Sha256::digest(seed);
    }
}

/// The public key of [`builtin_apns_signing_key`], as the registry holds it (SPKI PEM).
pub fn builtin_apns_public_key() -> String {
    use p256::pkcs8::EncodePublicKey as _;
    builtin_apns_signing_key()
        .verifying_key()
        .to_public_key_pem(p256::pkcs8::LineEnding::LF)
        .unwrap_or_default()
}

/// The built-in APNs app: the key [`BUILTIN_APNS_KEY_ID`] of team [`BUILTIN_APNS_TEAM_ID`] for
/// [`BUILTIN_APNS_BUNDLE_ID`] (key: [`builtin_apns_signing_key`]) with one sandbox and one
/// production token.
///
/// The same key is registered for `examples/flutter-chat`'s bundle id too, as one team's token
/// key signs for all its apps: that example's APNs check once ran against the uni-app bundle.
pub(super) fn builtin_apps() -> Vec<App> {
    let app = |bundle: &str| App {
        package: Some(bundle.to_owned()),
        test_devices: vec![BUILTIN_APNS_SANDBOX_DEVICE.to_owned()],
        devices: vec![BUILTIN_APNS_PRODUCTION_DEVICE.to_owned()],
        public_key: Some(builtin_apns_public_key()),
        ..App::new(
            Vendor::Apns,
            BUILTIN_APNS_KEY_ID,
            BUILTIN_APNS_TEAM_ID,
            Secret::new(""),
        )
    };
    vec![
        app(BUILTIN_APNS_BUNDLE_ID),
        app(BUILTIN_APNS_FLUTTER_BUNDLE_ID),
    ]
}

/// What an apps file must give for an APNs key: the team id, the P-256 public key provider
/// tokens verify with, the bundle id, and at most one environment.
fn check_app(app: &App) -> anyhow::Result<()> {
    require_key(app, "for APNs it is the team id the provider token names")?;
    match &app.public_key {
        Some(pem) if p256::PublicKey::from_public_key_pem(pem.trim()).is_ok() => {}
        Some(_) => {
            anyhow::bail!("public-key is not a P-256 public key in PEM (BEGIN PUBLIC KEY)")
        }
        None => anyhow::bail!("public-key is missing: APNs verifies provider tokens with it"),
    }
    if blank(app.package.as_deref()) {
        anyhow::bail!("package is missing: for APNs it is the bundle id (apns-topic)");
    }
    if let Some(environment) = &app.environment {
        if environment != "development" && environment != "production" {
            anyhow::bail!("environment = \"{environment}\": a restricted APNs key serves \"development\" or \"production\"");
        }
    }
    Ok(())
}
