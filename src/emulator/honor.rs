//! Honor Push (`vendors-cn.md` §6): `POST /honor/auth/token` (OAuth client credentials, a form)
//! and `POST /honor/api/v1/{app-id}/sendMessage` (JSON, `Authorization: Bearer`, `timestamp`
//! header). The OAuth server is served under the same prefix, so `--emulated` points both
//! `endpoint` and `auth-endpoint` at one base.
//!
//! Honor documents the answers' shapes but no error codes (§6.3), so the codes here are the
//! emulator's and only their shapes are Honor's: a wrong client is HTTP 401
//! `{"error":"invalid_client","error_description":..}`; a missing, unknown or expired Bearer
//! token, or one of another app than the path's, HTTP 401 `{"code":401,"message":..}`; a missing
//! `timestamp` header or a malformed body HTTP 400 `{"code":400,"message":..}`. A push to tokens
//! the app does not know answers code 200 with `sendResult` false and the tokens in
//! `failTokens`; a push is accepted with code 200, `sendResult` true and a `requestId`. The
//! registered app's `app-key` is its Client ID. Honor documents no de-duplication, so the
//! emulator does none.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::common::{
    authorization, check_click_action, ext_of, optional_object, optional_string, record_each,
    require_key, require_secret, string_list, test_mode, title_and_body, AccessTokens,
    BearerRefusal, Call, ClickRefusal, ClientCredentials, ListRefusal,
};
use super::registry::App;
use super::table::{emulated, Emulated};
use super::{lock, RecordedPush, Shared};
use crate::vendor::Vendor;

/// The endpoints under `/honor`, as fault paths name them (`{app-id}` stands for any App ID).
pub(super) const ENDPOINTS: &[&str] = &["auth/token", "api/v1/{app-id}/sendMessage"];

/// This emulator's entry in the vendor table.
// Certificate ID 10006: `examples/uniapp-chat`'s, whose apps are the built-in ones.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Honor, business_id: Some(10006));

/// Access token lifetime: an hour (inferred; Honor's answer carries `expires_in`).
const TOKEN_TTL: Duration = Duration::from_secs(3600);
const MAX_TOKENS: usize = 1000;

/// What Honor's servers remember: the access tokens issued, each for an App ID.
pub(super) type State = AccessTokens;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/auth/token", post(token))
        .route("/api/v1/{app_id}/sendMessage", post(send))
}

/// Honor documents no "busy" code: HTTP 500 with code 500 (the emulator's choice).
pub(super) fn busy() -> Response {
    answer(StatusCode::INTERNAL_SERVER_ERROR, 500, "system busy", None)
}

fn answer(status: StatusCode, code: i64, message: &str, data: Option<Value>) -> Response {
    let mut body = json!({ "code": code, "message": message });
    if let Some(data) = data {
        body["data"] = data;
    }
    (status, Json(body)).into_response()
}

async fn token(Call(shared, headers, body): Call) -> Response {
    let server = ClientCredentials {
        prefix: "DQ",
        ttl: TOKEN_TTL,
        missing: (
            "invalid_request".into(),
            "grant_type, client_id and client_secret are required",
        ),
        unsupported: (
            "unsupported_grant_type".into(),
            "grant_type must be client_credentials",
        ),
        invalid_client: ("invalid_client".into(), "invalid client credentials"),
    };
    // Honor's Client ID is the app's `app_key`.
    let app = |id: &str, secret: &str| {
        shared
            .registry
            .of(Vendor::Honor)
            .find(|app| app.app_key == id && app.app_secret.expose() == secret)
    };
    server.token(&headers, &body, app, &shared.honor)
}

/// A refusal: HTTP status (also the code) and message.
struct Reject(StatusCode, String);

fn bad(message: impl Into<String>) -> Reject {
    Reject(StatusCode::BAD_REQUEST, message.into())
}

async fn send(Path(app_id): Path<String>, Call(shared, headers, body): Call) -> Response {
    match check_send(&shared, &app_id, &headers, &body, Instant::now()) {
        Ok((message, data)) => answer(StatusCode::OK, 200, message, Some(data)),
        Err(Reject(status, message)) => answer(status, i64::from(status.as_u16()), &message, None),
    }
}

fn find_app<'a>(shared: &'a Shared, app_id: &str) -> Option<&'a App> {
    shared.registry.find(Vendor::Honor, app_id)
}

fn check_send(
    shared: &Shared,
    app_id: &str,
    headers: &HeaderMap,
    body: &[u8],
    now: Instant,
) -> Result<(&'static str, Value), Reject> {
    let unauthorised = |message: &str| Reject(StatusCode::UNAUTHORIZED, message.to_owned());
    lock(&shared.honor)
        .check(authorization(headers), app_id, TOKEN_TTL, now)
        .map_err(|refusal| {
            unauthorised(match refusal {
                BearerRefusal::Missing => "no Bearer access token",
                BearerRefusal::Unknown => "unknown access token",
                BearerRefusal::Expired => "the access token expired",
                BearerRefusal::OtherApp => "the access token belongs to another app",
            })
        })?;
    let app = find_app(shared, app_id).ok_or_else(|| unauthorised("unknown app"))?;
    headers
        .get("timestamp")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() == 13 && v.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| bad("the timestamp header (Unix milliseconds) is missing or malformed"))?;
    let Ok(Value::Object(request)) = serde_json::from_slice::<Value>(body) else {
        return Err(bad("the body is not a JSON object"));
    };
    if request.contains_key("message") {
        return Err(bad(
            "unexpected `message`: Honor's body is not wrapped (that is Huawei's shape)",
        ));
    }
    let data = optional_string(&request, "data").map_err(|()| bad("data must be a string"))?;
    let tokens = string_list(&request, "token").map_err(|refusal| match refusal {
        ListRefusal::NotStrings => bad("token must be an array of strings"),
        ListRefusal::Missing | ListRefusal::NotArray => bad("token is missing or not an array"),
    })?;
    if tokens.is_empty() || tokens.len() > MAX_TOKENS {
        return Err(bad(format!(
            "{} tokens: 1 to {MAX_TOKENS} allowed",
            tokens.len()
        )));
    }
    let android =
        optional_object(&request, "android").map_err(|()| bad("android must be an object"))?;
    let test_mode = test_mode(&android, "targetUserType")
        .map_err(|()| bad("android.targetUserType must be 0 or 1"))?;
    let (title, text) = match android.get("notification").and_then(Value::as_object) {
        Some(n) => {
            // Type 1 opens a custom page by `intent` or `action`, type 2 a `url` (§6.3).
            check_click_action(n, "clickAction").map_err(|refusal| match refusal {
                ClickRefusal::Type => bad("android.notification.clickAction.type must be 1, 2 or 3"),
                ClickRefusal::Target => bad(
                    "android.notification.clickAction: type 1 needs intent or action, type 2 needs url",
                ),
            })?;
            if let Some(importance) = n.get("importance") {
                if !matches!(importance.as_str(), Some("LOW" | "NORMAL")) {
                    return Err(bad("android.notification.importance must be LOW or NORMAL"));
                }
            }
            title_and_body(n)
                .ok_or_else(|| bad("android.notification.title and body are required"))?
        }
        None if data.is_some() => (String::new(), String::new()),
        None => return Err(bad("the message has neither notification nor data")),
    };
    let ext = ext_of(data.as_deref());
    let (known, unknown): (Vec<String>, Vec<String>) =
        tokens.into_iter().partition(|t| app.knows_device(t));
    let request_id = uuid::Uuid::new_v4().simple().to_string();
    record_each(
        shared,
        &RecordedPush {
            vendor: Vendor::Honor,
            app_id: app.app_id.clone(),
            title,
            body: text,
            ext,
            test_mode,
            request_id: None,
            task_id: request_id.clone(),
            payload: Value::Object(request),
            target: String::new(), // one per target, below
        },
        &known,
    );
    Ok((
        "success",
        json!({
            "sendResult": !known.is_empty(),
            "requestId": request_id,
            "failTokens": unknown,
            "expireTokens": [],
        }),
    ))
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in Honor app. The example projects have no `[honor]` section, so its ids are the
/// emulator's own: a numeric App ID (§6.1), a Client ID, and a Client Secret that only opens the
/// emulator (Honor's formats are undocumented).
pub const BUILTIN_HONOR_APP_ID: &str = "104000006";
pub const BUILTIN_HONOR_CLIENT_ID: &str = "0000000000000006";
pub const BUILTIN_HONOR_CLIENT_SECRET: &str = "fedcba9876543210fedcba9876543210";
/// An Honor push token of the built-in app (Honor's token format is undocumented, §6.4).
pub const BUILTIN_HONOR_DEVICE: &str = "104000006_honor_0000000000000000000000000000000000000001";

/// The built-in Honor app: [`BUILTIN_HONOR_APP_ID`] with the Client ID [`BUILTIN_HONOR_CLIENT_ID`]
/// (its `app_key`), [`BUILTIN_HONOR_CLIENT_SECRET`] and the device [`BUILTIN_HONOR_DEVICE`].
pub(super) fn builtin_apps() -> Vec<App> {
    vec![App::builtin(
        Vendor::Honor,
        BUILTIN_HONOR_APP_ID,
        BUILTIN_HONOR_CLIENT_ID,
        BUILTIN_HONOR_CLIENT_SECRET,
        BUILTIN_HONOR_DEVICE,
    )]
}

/// What an apps file must give for a Honor app: the Client ID its token request names.
fn check_app(app: &App) -> anyhow::Result<()> {
    require_key(app, "it is the Honor Client ID the token request names")?;
    require_secret(app)
}

#[cfg(test)]
mod tests;
