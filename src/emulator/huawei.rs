//! Huawei Push Kit v1 and v2 (`vendors-cn.md` §4): `POST /huawei/oauth2/v3/token` (OAuth client
//! credentials, a form), `POST /huawei/v1/{app-id}/messages:send` and
//! `POST /huawei/v2/{project-id}/messages:send` (the same JSON, `Authorization: Bearer`; v2 names
//! the app's AppGallery Connect project instead of the app, §4.1). The OAuth server is served under the same prefix, so `--emulated` points both
//! `endpoint` and `auth-endpoint` at one base.
//!
//! The token call checks grant_type, client_id (the AppID) and client_secret; a wrong client gets
//! HTTP 401 `{"error":1101,"error_description":"invalid client"}` (the reference gives the shape,
//! not the numbers: 1101 and 1102 are the emulator's). The send checks the Bearer token (missing,
//! unknown or from another app: HTTP 401 code 80200001; expired: 80200003), the message's
//! structure (80100003), its fields (80100001), the token count (80300010) and the tokens
//! (all unknown: 80300007; some: 80100000 with `illegal_tokens`). Codes are strings, as Huawei
//! sends them. `validate_only: true` checks everything and records nothing. Huawei documents no
//! de-duplication, so the emulator does none: a repeated send is a second push.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::registry::App;
use super::{lock, RecordedPush, Shared};
use crate::vendor::Vendor;

/// The self-classification categories Huawei knows (`vendors-cn.md` §4.4, `android.category`),
/// the emulator's own list: the config side keeps its own, so a wrong entry in one is caught by
/// the other.
const CATEGORIES: &[&str] = &[
    "IM",
    "VOIP",
    "SUBSCRIPTION",
    "TRAVEL",
    "HEALTH",
    "WORK",
    "ACCOUNT",
    "EXPRESS",
    "FINANCE",
    "DEVICE_REMINDER",
    "MAIL",
    "PLAY_VOICE",
    "MARKETING",
];

/// The endpoints under `/huawei`, as fault paths name them (`{app-id}` stands for any AppID).
pub(super) const ENDPOINTS: &[&str] = &[
    "oauth2/v3/token",
    "v1/{app-id}/messages:send",
    "v2/{project-id}/messages:send",
];

/// Access token lifetime (§4.3).
const TOKEN_TTL: Duration = Duration::from_secs(3600);
/// Tokens per request (§4.4).
const MAX_TOKENS: usize = 1000;

const SUCCESS: &str = "80000000";
const PARTIAL: &str = "80100000";
const PARAMETER_ERROR: &str = "80100001";
const ILLEGAL_MESSAGE: &str = "80100003";
const AUTH_ERROR: &str = "80200001";
const TOKEN_EXPIRED: &str = "80200003";
const ALL_TOKENS_INVALID: &str = "80300007";
const TOO_MANY_TOKENS: &str = "80300010";
const INTERNAL_ERROR: &str = "81000001";

/// What Huawei's servers remember: the access tokens issued.
#[derive(Default)]
pub(super) struct State {
    /// access_token → (AppID, issued).
    tokens: HashMap<String, (String, Instant)>,
}

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/oauth2/v3/token", post(token))
        .route("/v1/{app_id}/messages:send", post(send))
        .route("/v2/{project_id}/messages:send", post(send_v2))
}

/// Huawei's "internal system error" (code 81000001, §4.6) with HTTP 500, as Push Kit answers
/// when it is overloaded.
pub(super) fn busy() -> Response {
    answer(
        StatusCode::INTERNAL_SERVER_ERROR,
        INTERNAL_ERROR,
        "internal system error",
    )
}

fn answer(status: StatusCode, code: &str, msg: &str) -> Response {
    let request_id = uuid::Uuid::new_v4().simple().to_string();
    (
        status,
        Json(json!({ "code": code, "msg": msg, "requestId": request_id })),
    )
        .into_response()
}

/// An OAuth refusal: `{"error","error_description"}`.
fn oauth_error(status: StatusCode, error: i64, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// The form fields; a body that is not a form has none (so they are "missing").
fn form(headers: &HeaderMap, body: &[u8]) -> HashMap<String, String> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return HashMap::new();
    }
    let text = String::from_utf8_lossy(body);
    let Ok(url) = reqwest::Url::parse(&format!("http://localhost/?{text}")) else {
        return HashMap::new();
    };
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn find_app<'a>(shared: &'a Shared, app_id: &str) -> Option<&'a App> {
    shared
        .registry
        .apps
        .iter()
        .find(|app| app.vendor == Vendor::Huawei && app.app_id == app_id)
}

async fn token(
    AxumState(shared): AxumState<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fields = form(&headers, &body);
    let field = |key: &str| fields.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let (Some(grant), Some(id), Some(secret)) = (
        field("grant_type"),
        field("client_id"),
        field("client_secret"),
    ) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            1102,
            "invalid request: grant_type, client_id and client_secret are required",
        );
    };
    if grant != "client_credentials" {
        return oauth_error(StatusCode::BAD_REQUEST, 1102, "unsupported grant_type");
    }
    // Never say which of the two is wrong, nor what was expected.
    let Some(app) = find_app(&shared, id).filter(|app| app.app_secret.expose() == secret) else {
        return oauth_error(StatusCode::UNAUTHORIZED, 1101, "invalid client");
    };
    let token = format!("CV{}", uuid::Uuid::new_v4().simple());
    let now = Instant::now();
    let mut state = lock(&shared.huawei);
    state
        .tokens
        .retain(|_, (_, issued)| now.saturating_duration_since(*issued) < TOKEN_TTL);
    state
        .tokens
        .insert(token.clone(), (app.app_id.clone(), now));
    Json(json!({
        "access_token": token,
        "expires_in": TOKEN_TTL.as_secs(),
        "token_type": "Bearer",
    }))
    .into_response()
}

/// A refusal: HTTP status, Huawei code and message.
struct Reject(StatusCode, &'static str, String);

fn reject(code: &'static str, msg: impl Into<String>) -> Reject {
    Reject(StatusCode::BAD_REQUEST, code, msg.into())
}

async fn send(
    AxumState(shared): AxumState<Arc<Shared>>,
    Path(app_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match check_send(&shared, &app_id, authorization, &body, Instant::now()) {
        Ok((code, msg)) => answer(StatusCode::OK, code, &msg),
        Err(Reject(status, code, msg)) => answer(status, code, &msg),
    }
}

/// v2: the same message, for the app of the project the URL names. The access token must be
/// that app's: a token of an app in another project is refused as one from another app.
async fn send_v2(
    AxumState(shared): AxumState<Arc<Shared>>,
    Path(project_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let token_app = authorization
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|bearer| lock(&shared.huawei).tokens.get(bearer.trim()).cloned())
        .map(|(app_id, _)| app_id);
    // The project's app that the token is for; else any app of the project, so the token
    // check below refuses the token as another app's.
    let apps_of_project: Vec<&App> = shared
        .registry
        .apps
        .iter()
        .filter(|app| app.vendor == Vendor::Huawei)
        .filter(|app| app.project_id.as_deref() == Some(project_id.as_str()))
        .collect();
    let app_id = apps_of_project
        .iter()
        .find(|app| Some(&app.app_id) == token_app.as_ref())
        .or(apps_of_project.first())
        .map_or_else(|| format!("project {project_id}"), |app| app.app_id.clone());
    match check_send(&shared, &app_id, authorization, &body, Instant::now()) {
        Ok((code, msg)) => answer(StatusCode::OK, code, &msg),
        Err(Reject(status, code, msg)) => answer(status, code, &msg),
    }
}

fn check_send(
    shared: &Shared,
    app_id: &str,
    authorization: Option<&str>,
    body: &[u8],
    now: Instant,
) -> Result<(&'static str, String), Reject> {
    let unauthorised =
        |code: &'static str, msg: &str| Reject(StatusCode::UNAUTHORIZED, code, msg.to_owned());
    let bearer = authorization
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| unauthorised(AUTH_ERROR, "Oauth authentication error: no Bearer token"))?;
    let (token_app, issued) = lock(&shared.huawei)
        .tokens
        .get(bearer)
        .cloned()
        .ok_or_else(|| {
            unauthorised(
                AUTH_ERROR,
                "Oauth authentication error: unknown access token",
            )
        })?;
    if now.saturating_duration_since(issued) >= TOKEN_TTL {
        return Err(unauthorised(TOKEN_EXPIRED, "Oauth token expired"));
    }
    if token_app != app_id {
        return Err(unauthorised(
            AUTH_ERROR,
            "Oauth authentication error: the access token belongs to another app",
        ));
    }
    let app = find_app(shared, app_id)
        .ok_or_else(|| unauthorised(AUTH_ERROR, "Oauth authentication error"))?;
    let Ok(Value::Object(request)) = serde_json::from_slice::<Value>(body) else {
        return Err(reject(ILLEGAL_MESSAGE, "the body is not a JSON object"));
    };
    let validate_only = match request.get("validate_only") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(reject(PARAMETER_ERROR, "validate_only must be a boolean")),
    };
    let Some(Value::Object(message)) = request.get("message") else {
        return Err(reject(
            ILLEGAL_MESSAGE,
            "message is missing or not an object",
        ));
    };
    let data = match message.get("data") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(reject(PARAMETER_ERROR, "message.data must be a string")),
    };
    let tokens: Vec<String> = match message.get("token") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|t| t.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| reject(PARAMETER_ERROR, "message.token must be an array of strings"))?,
        Some(_) => {
            return Err(reject(
                PARAMETER_ERROR,
                "message.token must be an array of strings",
            ))
        }
        None => return Err(reject(PARAMETER_ERROR, "message.token is missing")),
    };
    if tokens.is_empty() || tokens.len() > MAX_TOKENS {
        return Err(reject(
            TOO_MANY_TOKENS,
            format!("{} tokens: 1 to {MAX_TOKENS} allowed", tokens.len()),
        ));
    }
    let android = match message.get("android") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(android)) => android.clone(),
        Some(_) => return Err(reject(ILLEGAL_MESSAGE, "message.android must be an object")),
    };
    // The self-classification category, when given, must be one Huawei knows; PLAY_VOICE is for
    // pass-through messages only (§4.4).
    match android.get("category") {
        None | Some(Value::Null) => {}
        Some(Value::String(category))
            if CATEGORIES.contains(&category.as_str())
                && !(category == "PLAY_VOICE" && android.contains_key("notification")) => {}
        Some(other) => {
            return Err(reject(
                PARAMETER_ERROR,
                format!("android.category {other} is not a valid category for this message"),
            ))
        }
    }
    let test_mode = match android.get("target_user_type") {
        None | Some(Value::Null) => false,
        Some(value) => match value.as_i64() {
            Some(0) => false,
            Some(1) => true,
            _ => {
                return Err(reject(
                    PARAMETER_ERROR,
                    "android.target_user_type must be 0 or 1",
                ))
            }
        },
    };
    let notification = android.get("notification").and_then(Value::as_object);
    let (title, text) = match notification {
        Some(n) => {
            // A notification must say what a tap does (§4.4).
            let kind = n
                .get("click_action")
                .and_then(Value::as_object)
                .and_then(|c| c.get("type"))
                .and_then(Value::as_i64);
            if !matches!(kind, Some(1..=3)) {
                return Err(reject(
                    ILLEGAL_MESSAGE,
                    "android.notification.click_action.type must be 1, 2 or 3",
                ));
            }
            // Type 1 opens a custom page by `intent` or `action`, type 2 a `url` (§4.4).
            let click = n.get("click_action").and_then(Value::as_object);
            let has = |key: &str| {
                click
                    .and_then(|c| c.get(key))
                    .and_then(Value::as_str)
                    .is_some_and(|v| !v.trim().is_empty())
            };
            if (kind == Some(1) && !has("intent") && !has("action"))
                || (kind == Some(2) && !has("url"))
            {
                return Err(reject(
                    PARAMETER_ERROR,
                    "android.notification.click_action: type 1 needs intent or action, type 2 needs url",
                ));
            }
            let title = n.get("title").and_then(Value::as_str).unwrap_or_default();
            let text = n.get("body").and_then(Value::as_str).unwrap_or_default();
            if title.trim().is_empty() || text.trim().is_empty() {
                return Err(reject(
                    PARAMETER_ERROR,
                    "android.notification.title and body are required",
                ));
            }
            (title.to_owned(), text.to_owned())
        }
        None if data.is_some() => (String::new(), String::new()),
        None => {
            return Err(reject(
                ILLEGAL_MESSAGE,
                "the message has neither notification nor data",
            ))
        }
    };
    let ext = data
        .as_deref()
        .and_then(|d| serde_json::from_str::<Value>(d).ok())
        .and_then(|d| d.get("ext").and_then(Value::as_str).map(str::to_owned));
    let (known, illegal): (Vec<String>, Vec<String>) =
        tokens.into_iter().partition(|t| app.knows_device(t));
    if known.is_empty() {
        return Err(reject(ALL_TOKENS_INVALID, "all the tokens are invalid"));
    }
    if validate_only {
        return Ok((SUCCESS, "Success".to_owned()));
    }
    let task = uuid::Uuid::new_v4().simple().to_string();
    let mut pushes = lock(&shared.pushes);
    for target in &known {
        pushes.push(RecordedPush {
            vendor: Vendor::Huawei,
            app_id: app.app_id.clone(),
            target: target.clone(),
            title: title.clone(),
            body: text.clone(),
            ext: ext.clone(),
            test_mode,
            request_id: None,
            task_id: task.clone(),
            payload: Value::Object(request.clone()),
        });
    }
    if illegal.is_empty() {
        Ok((SUCCESS, "Success".to_owned()))
    } else {
        let msg = json!({
            "success": known.len(),
            "failure": illegal.len(),
            "illegal_tokens": illegal,
        });
        Ok((PARTIAL, msg.to_string()))
    }
}

#[cfg(test)]
mod tests;
