//! What several vendors' emulators share because their protocols share it: the call a handler
//! reads ([`Call`]), form bodies, the `Authorization` header, OAuth 2 client-credential token
//! calls (RFC 6749 §4.4) and the Bearer access tokens they issue. Each vendor keeps its own codes, wording and order of checks; only
//! the mechanics are here, so a vendor's answers stay in its own file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::registry::App;
use super::{lock, RecordedPush, Shared};

/// What a vendor's handler reads of a call, in this order: the emulator's state, the headers and
/// the whole body. Extracted as axum's `State`, `HeaderMap` and `Bytes` are, with the same
/// rejection, so each handler's signature says only what is its own (a path, a query).
pub(super) struct Call(pub Arc<Shared>, pub HeaderMap, pub Bytes);

impl FromRequest<Arc<Shared>> for Call {
    type Rejection = Response;

    async fn from_request(req: Request, shared: &Arc<Shared>) -> Result<Call, Response> {
        let headers = req.headers().clone();
        let body = Bytes::from_request(req, shared)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Call(Arc::clone(shared), headers, body))
    }
}

/// The `Content-Type` header as sent, or "" when there is none or it is not text.
pub(super) fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Whether the request's media type (the `Content-Type` before any parameter) is `mime`.
pub(super) fn media_type_is(headers: &HeaderMap, mime: &str) -> bool {
    let media_type = content_type(headers).split(';').next().unwrap_or("").trim();
    media_type.eq_ignore_ascii_case(mime)
}

/// The `Authorization` header, when it is text.
pub(super) fn authorization(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
}

/// The form fields; a body that is not a form (another Content-Type) has none, so its fields
/// are "missing", as on the vendors' servers.
pub(super) fn form(headers: &HeaderMap, body: &[u8]) -> HashMap<String, String> {
    if !media_type_is(headers, "application/x-www-form-urlencoded") {
        return HashMap::new();
    }
    form_fields(body)
}

/// The body read as form fields whatever its Content-Type (Google's token endpoint does so).
/// Not UTF-8 is read lossily (a vendor may answer it with a code of its own).
pub(super) fn form_fields(body: &[u8]) -> HashMap<String, String> {
    let text = String::from_utf8_lossy(body);
    let Ok(url) = reqwest::Url::parse(&format!("http://localhost/?{text}")) else {
        return HashMap::new();
    };
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A field's value trimmed, `None` when it is missing or blank.
pub(super) fn field<'a>(fields: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    fields.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// An OAuth client-credentials token endpoint (RFC 6749 §4.4): what it answers, in its
/// vendor's words, when a field is missing, the grant type is another or the client is wrong.
pub(super) struct ClientCredentials {
    /// The prefix of the tokens it issues.
    pub prefix: &'static str,
    pub ttl: Duration,
    /// `error` and `error_description` for a missing or blank field (HTTP 400).
    pub missing: (Value, &'static str),
    /// ... for a grant type other than `client_credentials` (HTTP 400).
    pub unsupported: (Value, &'static str),
    /// ... for a client id and secret no app has (HTTP 401).
    pub invalid_client: (Value, &'static str),
}

impl ClientCredentials {
    /// Answers a token request: `app` finds the app a client id and secret belong to; its token
    /// goes into `tokens`.
    pub(super) fn token<'a>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        app: impl FnOnce(&str, &str) -> Option<&'a App>,
        tokens: &Mutex<AccessTokens>,
    ) -> Response {
        let refuse = |status, (error, description): &(Value, &str)| {
            oauth_error(status, error.clone(), description)
        };
        let fields = form(headers, body);
        let (Some(grant), Some(id), Some(secret)) = (
            field(&fields, "grant_type"),
            field(&fields, "client_id"),
            field(&fields, "client_secret"),
        ) else {
            return refuse(StatusCode::BAD_REQUEST, &self.missing);
        };
        if grant != "client_credentials" {
            return refuse(StatusCode::BAD_REQUEST, &self.unsupported);
        }
        // Never say which of the two is wrong, nor what was expected.
        let Some(app) = app(id, secret) else {
            return refuse(StatusCode::UNAUTHORIZED, &self.invalid_client);
        };
        let token = lock(tokens).issue(self.prefix, &app.app_id, self.ttl);
        token_answer(&token, self.ttl)
    }
}

/// An OAuth refusal: `{"error","error_description"}` (the error a string or a vendor's number).
pub(super) fn oauth_error(
    status: StatusCode,
    error: impl Into<Value>,
    description: &str,
) -> Response {
    (
        status,
        Json(json!({ "error": error.into(), "error_description": description })),
    )
        .into_response()
}

/// An OAuth token answer: the access token, its lifetime in seconds, type Bearer.
pub(super) fn token_answer(token: &str, ttl: Duration) -> Response {
    Json(json!({
        "access_token": token,
        "expires_in": ttl.as_secs(),
        "token_type": "Bearer",
    }))
    .into_response()
}

/// The access tokens an OAuth server issued: token → (the app it is for, when).
#[derive(Default)]
pub(super) struct AccessTokens {
    tokens: HashMap<String, (String, Instant)>,
}

/// Why a Bearer access token is refused.
pub(super) enum BearerRefusal {
    /// No `Authorization: Bearer` header, or an empty token.
    Missing,
    /// A token this server never issued (or forgot once it expired).
    Unknown,
    /// A token older than its lifetime.
    Expired,
    /// A token of another app than the one the request names.
    OtherApp,
}

impl AccessTokens {
    /// A new token `prefix` + a random hex for `app_id`, forgetting the expired ones.
    pub(super) fn issue(&mut self, prefix: &str, app_id: &str, ttl: Duration) -> String {
        let token = format!("{prefix}{}", uuid::Uuid::new_v4().simple());
        let now = Instant::now();
        self.tokens
            .retain(|_, (_, issued)| now.saturating_duration_since(*issued) < ttl);
        self.tokens.insert(token.clone(), (app_id.to_owned(), now));
        token
    }

    /// The app a token was issued for, whatever its age.
    pub(super) fn app_of(&self, token: &str) -> Option<String> {
        self.tokens.get(token).map(|(app_id, _)| app_id.clone())
    }

    /// Checks `authorization` is `Bearer <token>` with a token issued for `app_id` less than
    /// `ttl` before `now`, in that order.
    pub(super) fn check(
        &self,
        authorization: Option<&str>,
        app_id: &str,
        ttl: Duration,
        now: Instant,
    ) -> Result<(), BearerRefusal> {
        let bearer = bearer(authorization).ok_or(BearerRefusal::Missing)?;
        let (token_app, issued) = self.tokens.get(bearer).ok_or(BearerRefusal::Unknown)?;
        if now.saturating_duration_since(*issued) >= ttl {
            return Err(BearerRefusal::Expired);
        }
        if token_app != app_id {
            return Err(BearerRefusal::OtherApp);
        }
        Ok(())
    }
}

/// The token of `Authorization: Bearer <token>`, trimmed; `None` when missing or empty.
pub(super) fn bearer(authorization: Option<&str>) -> Option<&str> {
    authorization
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

// The message shape Huawei and Honor share (Honor's API is Huawei's, unwrapped and camelCased,
// `vendors-cn.md` §4.4 and §6.3): each check says only what is wrong, and each vendor answers
// with its own code and wording.

/// An optional string field: `Ok(None)` when absent or null, `Err(())` when not a string.
pub(super) fn optional_string(
    object: &Map<String, Value>,
    key: &str,
) -> Result<Option<String>, ()> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(()),
    }
}

/// An optional object field: empty when absent or null, `Err(())` when not an object.
pub(super) fn optional_object(
    object: &Map<String, Value>,
    key: &str,
) -> Result<Map<String, Value>, ()> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(inner)) => Ok(inner.clone()),
        Some(_) => Err(()),
    }
}

/// Why a list of strings is refused.
pub(super) enum ListRefusal {
    Missing,
    NotArray,
    NotStrings,
}

/// A required array of strings.
pub(super) fn string_list(
    object: &Map<String, Value>,
    key: &str,
) -> Result<Vec<String>, ListRefusal> {
    match object.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .map(|t| t.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or(ListRefusal::NotStrings),
        Some(_) => Err(ListRefusal::NotArray),
        None => Err(ListRefusal::Missing),
    }
}

/// An optional integer field: `None` when absent or null; `Err(())` when it is not an integer.
pub(super) fn optional_int(obj: &Map<String, Value>, key: &str) -> Result<Option<i64>, ()> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value.as_i64().map(Some).ok_or(()),
    }
}

/// The target user type: 0 (or absent) a formal push, 1 a test push; `Err(())` for anything else.
pub(super) fn test_mode(android: &Map<String, Value>, key: &str) -> Result<bool, ()> {
    match android.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(value) => match value.as_i64() {
            Some(0) => Ok(false),
            Some(1) => Ok(true),
            _ => Err(()),
        },
    }
}

/// Why a notification's click action is refused.
pub(super) enum ClickRefusal {
    /// No click action, or a type other than 1, 2 or 3.
    Type,
    /// Type 1 without `intent` or `action`, or type 2 without `url`.
    Target,
}

/// A notification must say what a tap does: the click action under `key` has type 1 (a custom
/// page by `intent` or `action`), 2 (a `url`) or 3 (open the app).
pub(super) fn check_click_action(
    notification: &Map<String, Value>,
    key: &str,
) -> Result<(), ClickRefusal> {
    let click = notification.get(key).and_then(Value::as_object);
    let kind = click.and_then(|c| c.get("type")).and_then(Value::as_i64);
    if !matches!(kind, Some(1..=3)) {
        return Err(ClickRefusal::Type);
    }
    let has = |key: &str| {
        click
            .and_then(|c| c.get(key))
            .and_then(Value::as_str)
            .is_some_and(|v| !v.trim().is_empty())
    };
    if (kind == Some(1) && !has("intent") && !has("action")) || (kind == Some(2) && !has("url")) {
        return Err(ClickRefusal::Target);
    }
    Ok(())
}

/// The notification's title and body, both required and not blank.
pub(super) fn title_and_body(notification: &Map<String, Value>) -> Option<(String, String)> {
    let title = notification
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let text = notification
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if title.trim().is_empty() || text.trim().is_empty() {
        return None;
    }
    Some((title.to_owned(), text.to_owned()))
}

/// The `ext` the Tencent plugins read, from a `data` string holding a JSON object.
pub(super) fn ext_of(data: Option<&str>) -> Option<String> {
    data.and_then(|d| serde_json::from_str::<Value>(d).ok())
        .and_then(|d| d.get("ext").and_then(Value::as_str).map(str::to_owned))
}

/// Records `push` once for each of `targets` (a push to several tokens is one per device).
pub(super) fn record_each(shared: &Shared, push: &RecordedPush, targets: &[impl AsRef<str>]) {
    let mut pushes = lock(&shared.pushes);
    for target in targets {
        pushes.push(RecordedPush {
            target: target.as_ref().to_owned(),
            ..push.clone()
        });
    }
}

/// An app from an apps file must have an app-secret, for every vendor whose API signs or
/// authenticates with it (all but APNs and FCM, which verify with a public key).
pub(super) fn require_secret(app: &App) -> anyhow::Result<()> {
    if app.app_secret.is_empty() {
        anyhow::bail!("app-secret is empty");
    }
    Ok(())
}

/// An app from an apps file must have an app-key when the vendor's API names it; `why` says
/// what it is for this vendor.
pub(super) fn require_key(app: &App, why: &str) -> anyhow::Result<()> {
    if app.app_key.is_empty() {
        anyhow::bail!("app-key is missing: {why}");
    }
    Ok(())
}

/// Whether an optional text field of an apps file is missing or blank.
pub(super) fn blank(field: Option<&str>) -> bool {
    field.is_none_or(|text| text.trim().is_empty())
}
