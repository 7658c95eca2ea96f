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
//! structure (80100003), its fields (80100001), the token count (80300010), the message's size
//! without its tokens (over 4096 bytes: 80300008) and the tokens
//! (all unknown: 80300007; some: 80100000 with `illegal_tokens`). Codes are strings, as Huawei
//! sends them. `validate_only: true` checks everything and records nothing. Huawei documents no
//! de-duplication, so the emulator does none: a repeated send is a second push.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::common::{
    authorization, bearer, check_click_action, ext_of, optional_object, optional_string,
    record_each, require_secret, string_list, test_mode, title_and_body, AccessTokens,
    BearerRefusal, Call, ClickRefusal, ClientCredentials, ListRefusal,
};
use super::registry::App;
use super::table::{emulated, Emulated};
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

/// This emulator's entry in the vendor table.
// Certificate ID 10003: `examples/uniapp-chat`'s, whose apps are the built-in ones.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Huawei, business_id: Some(10003));

/// Access token lifetime (§4.3).
const TOKEN_TTL: Duration = Duration::from_secs(3600);
/// Tokens per request (§4.4).
const MAX_TOKENS: usize = 1000;
/// The message's size limit, 80300008 beyond (§4.4, §4.6). Huawei counts the message without
/// its tokens (§4.5 says so for v3, "4096 bytes excluding tokens"; the v1 doc gives only the
/// number, so the same measure is the emulator's reading for v1/v2): the `message` object
/// re-serialized compactly with `token` removed, so whitespace a client adds does not count.
const MAX_MESSAGE_BYTES: usize = 4096;

const SUCCESS: &str = "80000000";
const PARTIAL: &str = "80100000";
const PARAMETER_ERROR: &str = "80100001";
const ILLEGAL_MESSAGE: &str = "80100003";
const AUTH_ERROR: &str = "80200001";
const TOKEN_EXPIRED: &str = "80200003";
const ALL_TOKENS_INVALID: &str = "80300007";
const MESSAGE_TOO_BIG: &str = "80300008";
const TOO_MANY_TOKENS: &str = "80300010";
const INTERNAL_ERROR: &str = "81000001";

/// What Huawei's servers remember: the access tokens issued, each for an AppID.
pub(super) type State = AccessTokens;

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

/// Huawei's answer; `requestId` names the accepted push (a fresh one for a refusal).
fn answer(status: StatusCode, code: &str, msg: &str) -> Response {
    answer_for(
        status,
        code,
        msg,
        &uuid::Uuid::new_v4().simple().to_string(),
    )
}

fn answer_for(status: StatusCode, code: &str, msg: &str, request_id: &str) -> Response {
    (
        status,
        Json(json!({ "code": code, "msg": msg, "requestId": request_id })),
    )
        .into_response()
}

fn find_app<'a>(shared: &'a Shared, app_id: &str) -> Option<&'a App> {
    shared.registry.find(Vendor::Huawei, app_id)
}

async fn token(Call(shared, headers, body): Call) -> Response {
    let server = ClientCredentials {
        prefix: "CV",
        ttl: TOKEN_TTL,
        missing: (
            1102.into(),
            "invalid request: grant_type, client_id and client_secret are required",
        ),
        unsupported: (1102.into(), "unsupported grant_type"),
        invalid_client: (1101.into(), "invalid client"),
    };
    // Huawei's client id is the AppID.
    let app = |id: &str, secret: &str| {
        find_app(&shared, id).filter(|app| app.app_secret.expose() == secret)
    };
    server.token(&headers, &body, app, &shared.huawei)
}

/// A refusal: HTTP status, Huawei code and message.
struct Reject(StatusCode, &'static str, String);

fn reject(code: &'static str, msg: impl Into<String>) -> Reject {
    Reject(StatusCode::BAD_REQUEST, code, msg.into())
}

async fn send(Path(app_id): Path<String>, Call(shared, headers, body): Call) -> Response {
    respond(&shared, &app_id, &headers, &body)
}

/// v2: the same message, for the app of the project the URL names. The access token must be
/// that app's: a token of an app in another project is refused as one from another app.
async fn send_v2(Path(project_id): Path<String>, Call(shared, headers, body): Call) -> Response {
    let token_app =
        bearer(authorization(&headers)).and_then(|bearer| lock(&shared.huawei).app_of(bearer));
    // The project's app that the token is for; else any app of the project, so the token
    // check below refuses the token as another app's.
    let apps_of_project: Vec<&App> = shared
        .registry
        .of(Vendor::Huawei)
        .filter(|app| app.project_id.as_deref() == Some(project_id.as_str()))
        .collect();
    let app_id = apps_of_project
        .iter()
        .find(|app| Some(&app.app_id) == token_app.as_ref())
        .or(apps_of_project.first())
        .map_or_else(|| format!("project {project_id}"), |app| app.app_id.clone());
    respond(&shared, &app_id, &headers, &body)
}

/// The answer to a v1 or v2 send for `app_id`. An accepted push's `requestId` is the one it
/// was recorded with, so a client's message id names the recorded push.
fn respond(shared: &Shared, app_id: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    match check_send(shared, app_id, authorization(headers), body, Instant::now()) {
        Ok(Accepted {
            code,
            msg,
            request_id,
        }) => answer_for(StatusCode::OK, code, &msg, &request_id),
        Err(Reject(status, code, msg)) => answer(status, code, &msg),
    }
}

/// An accepted send: Huawei's code, its message and the push's `requestId`.
struct Accepted {
    code: &'static str,
    msg: String,
    request_id: String,
}

fn check_send(
    shared: &Shared,
    app_id: &str,
    authorization: Option<&str>,
    body: &[u8],
    now: Instant,
) -> Result<Accepted, Reject> {
    let unauthorised =
        |code: &'static str, msg: &str| Reject(StatusCode::UNAUTHORIZED, code, msg.to_owned());
    lock(&shared.huawei)
        .check(authorization, app_id, TOKEN_TTL, now)
        .map_err(|refusal| match refusal {
            BearerRefusal::Missing => {
                unauthorised(AUTH_ERROR, "Oauth authentication error: no Bearer token")
            }
            BearerRefusal::Unknown => unauthorised(
                AUTH_ERROR,
                "Oauth authentication error: unknown access token",
            ),
            BearerRefusal::Expired => unauthorised(TOKEN_EXPIRED, "Oauth token expired"),
            BearerRefusal::OtherApp => unauthorised(
                AUTH_ERROR,
                "Oauth authentication error: the access token belongs to another app",
            ),
        })?;
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
    let data = optional_string(message, "data")
        .map_err(|()| reject(PARAMETER_ERROR, "message.data must be a string"))?;
    let tokens = string_list(message, "token").map_err(|refusal| match refusal {
        ListRefusal::Missing => reject(PARAMETER_ERROR, "message.token is missing"),
        ListRefusal::NotArray | ListRefusal::NotStrings => {
            reject(PARAMETER_ERROR, "message.token must be an array of strings")
        }
    })?;
    if tokens.is_empty() || tokens.len() > MAX_TOKENS {
        return Err(reject(
            TOO_MANY_TOKENS,
            format!("{} tokens: 1 to {MAX_TOKENS} allowed", tokens.len()),
        ));
    }
    let size = message_size(message);
    if size > MAX_MESSAGE_BYTES {
        return Err(reject(
            MESSAGE_TOO_BIG,
            format!(
                "the message is {size} bytes without its tokens; Huawei allows {MAX_MESSAGE_BYTES}"
            ),
        ));
    }
    let android = optional_object(message, "android")
        .map_err(|()| reject(ILLEGAL_MESSAGE, "message.android must be an object"))?;
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
    let test_mode = test_mode(&android, "target_user_type")
        .map_err(|()| reject(PARAMETER_ERROR, "android.target_user_type must be 0 or 1"))?;
    let notification = android.get("notification").and_then(Value::as_object);
    let (title, text) = match notification {
        Some(n) => {
            // A notification must say what a tap does; type 1 opens a custom page by `intent` or
            // `action`, type 2 a `url` (§4.4).
            check_click_action(n, "click_action").map_err(|refusal| match refusal {
                ClickRefusal::Type => reject(
                    ILLEGAL_MESSAGE,
                    "android.notification.click_action.type must be 1, 2 or 3",
                ),
                ClickRefusal::Target => reject(
                    PARAMETER_ERROR,
                    "android.notification.click_action: type 1 needs intent or action, type 2 needs url",
                ),
            })?;
            title_and_body(n).ok_or_else(|| {
                reject(
                    PARAMETER_ERROR,
                    "android.notification.title and body are required",
                )
            })?
        }
        None if data.is_some() => (String::new(), String::new()),
        None => {
            return Err(reject(
                ILLEGAL_MESSAGE,
                "the message has neither notification nor data",
            ))
        }
    };
    let ext = ext_of(data.as_deref());
    let (known, illegal): (Vec<String>, Vec<String>) =
        tokens.into_iter().partition(|t| app.knows_device(t));
    if known.is_empty() {
        return Err(reject(ALL_TOKENS_INVALID, "all the tokens are invalid"));
    }
    let task = uuid::Uuid::new_v4().simple().to_string();
    let accepted = |code, msg: String| Accepted {
        code,
        msg,
        request_id: task.clone(),
    };
    if validate_only {
        return Ok(accepted(SUCCESS, "Success".to_owned()));
    }
    record_each(
        shared,
        &RecordedPush {
            vendor: Vendor::Huawei,
            app_id: app.app_id.clone(),
            title,
            body: text,
            ext,
            test_mode,
            request_id: None,
            task_id: task.clone(),
            payload: Value::Object(request),
            target: String::new(), // one per target, below
        },
        &known,
    );
    if illegal.is_empty() {
        Ok(accepted(SUCCESS, "Success".to_owned()))
    } else {
        let msg = json!({
            "success": known.len(),
            "failure": illegal.len(),
            "illegal_tokens": illegal,
        });
        Ok(accepted(PARTIAL, msg.to_string()))
    }
}

/// The message's size as Huawei counts it: compact JSON without the `token` list.
fn message_size(message: &serde_json::Map<String, Value>) -> usize {
    let mut without_tokens = message.clone();
    without_tokens.remove("token");
    serde_json::to_vec(&without_tokens).map_or(0, |bytes| bytes.len())
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in Huawei apps' AppID (OAuth client_id): those of `examples/uniapp-chat` and
/// `examples/flutter-chat` (`[huawei] app-id`).
pub const BUILTIN_HUAWEI_APP_ID: &str = "100000003";
pub const BUILTIN_HUAWEI_FLUTTER_APP_ID: &str = "100000013";
/// The AppGallery Connect project of each built-in Huawei app, for the v2 API
/// (`/v2/{project-id}/messages:send`, `vendors-cn.md` §4.1): 18 digits, the shape one guide gives
/// (§4.2).
pub const BUILTIN_HUAWEI_PROJECT_ID: &str = "736430079245000003";
pub const BUILTIN_HUAWEI_FLUTTER_PROJECT_ID: &str = "736430079245000013";
/// The AppSecret (OAuth client_secret) of every built-in Huawei app. Not a real credential; the
/// examples read it from `HUAWEI_APP_SECRET`, so
/// `export HUAWEI_APP_SECRET=<this>` serves both. 64 hex characters, the shape the reference
/// infers (`vendors-cn.md` §4.2).
pub const BUILTIN_HUAWEI_APP_SECRET: &str =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
/// A Huawei push token of the built-in apps: 130 characters of `[A-Za-z0-9_-]`, like the v1
/// documentation's example (§4.9). Huawei has no test devices (a test message reaches any
/// device); it is listed as one only so `send-test --emulated` has a default target.
pub const BUILTIN_HUAWEI_DEVICE: &str = "IQAAAACy0kYdAABxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// The built-in Huawei apps: [`BUILTIN_HUAWEI_APP_ID`] and [`BUILTIN_HUAWEI_FLUTTER_APP_ID`] with
/// [`BUILTIN_HUAWEI_APP_SECRET`], the projects [`BUILTIN_HUAWEI_PROJECT_ID`] and
/// [`BUILTIN_HUAWEI_FLUTTER_PROJECT_ID`] and the device [`BUILTIN_HUAWEI_DEVICE`].
pub(super) fn builtin_apps() -> Vec<App> {
    let huawei = |app_id: &str, project_id: &str| App {
        project_id: Some(project_id.to_owned()),
        ..App::builtin(
            Vendor::Huawei,
            app_id,
            "",
            BUILTIN_HUAWEI_APP_SECRET,
            BUILTIN_HUAWEI_DEVICE,
        )
    };
    vec![
        huawei(BUILTIN_HUAWEI_APP_ID, BUILTIN_HUAWEI_PROJECT_ID),
        huawei(
            BUILTIN_HUAWEI_FLUTTER_APP_ID,
            BUILTIN_HUAWEI_FLUTTER_PROJECT_ID,
        ),
    ]
}

/// What an apps file must give for a Huawei app: the AppSecret its OAuth server checks.
fn check_app(app: &App) -> anyhow::Result<()> {
    require_secret(app)
}

#[cfg(test)]
mod tests;
