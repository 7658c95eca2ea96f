//! What several vendors' emulators share because their protocols share it: form bodies, the
//! `Authorization` header, OAuth 2 client-credential token calls (RFC 6749 §4.4) and the Bearer
//! access tokens they issue. Each vendor keeps its own codes, wording and order of checks; only
//! the mechanics are here, so a vendor's answers stay in its own file.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

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

/// Why a client-credentials token request is refused before the client is looked up.
pub(super) enum GrantRefusal {
    /// `grant_type`, `client_id` or `client_secret` missing or blank.
    Missing,
    /// A grant type other than `client_credentials`.
    Unsupported,
}

/// The client id and secret of an OAuth client-credentials token request.
pub(super) fn client_credentials(
    fields: &HashMap<String, String>,
) -> Result<(&str, &str), GrantRefusal> {
    let (Some(grant), Some(id), Some(secret)) = (
        field(fields, "grant_type"),
        field(fields, "client_id"),
        field(fields, "client_secret"),
    ) else {
        return Err(GrantRefusal::Missing);
    };
    if grant != "client_credentials" {
        return Err(GrantRefusal::Unsupported);
    }
    Ok((id, secret))
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
        self.tokens
            .insert(token.clone(), (app_id.to_owned(), now));
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
