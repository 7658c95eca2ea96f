//! OPPO push API (`vendors-cn.md` §2): `POST /oppo/server/v1/auth` and
//! `POST /oppo/server/v1/message/notification/unicast`, both `application/x-www-form-urlencoded`.
//!
//! Every answer is HTTP 200 with `{"code":..,"message":..}` and the codes of the reference's
//! table (§2.4); a missing field is 40 and a malformed one 41, as OPPO documents. OPPO has no test
//! mode, so every known device is reachable. A unicast with an `app_message_id` already accepted
//! is de-duplicated: it gets the first push's `messageId` and is not pushed again (§2.3).
//! `channel_id` is not required: OPPO's server does not check it (the device shows a push
//! without a known channel poorly on Android 8+), so it is accepted and kept in the record.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::common::{field, form, optional_int, require_key, require_secret, Call};
use super::registry::App;
use super::table::{emulated, Emulated};
use super::{lock, RecordedPush, Shared};
use crate::secret::Secret;
use crate::vendor::Vendor;

/// The endpoints under `/oppo`, as fault paths name them.
pub(super) const ENDPOINTS: &[&str] = &["server/v1/auth", "server/v1/message/notification/unicast"];

/// This emulator's entry in the vendor table.
// Certificate ID 10002: `examples/uniapp-chat`'s, whose apps are the built-in ones.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Oppo, business_id: Some(10002));

/// auth_token lifetime (§2.2).
const TOKEN_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// The auth timestamp must be from the last 10 minutes (§2.2); a little clock skew ahead is
/// tolerated as well (inferred: the reference says nothing about the future).
const TIMESTAMP_WINDOW_MS: i64 = 10 * 60 * 1000;

// Codes (§2.4).
const OK: i64 = 0;
const BUSY: i64 = -1;
const AUTH_TOKEN_INVALID: i64 = 11;
const APP_KEY_INVALID: i64 = 14;
const APP_KEY_MISSING: i64 = 15;
const SIGN_INVALID: i64 = 16;
const SIGN_MISSING: i64 = 17;
const TIMESTAMP_MISSING: i64 = 18;
const TIMESTAMP_INVALID: i64 = 19;
const AUTH_TOKEN_MISSING: i64 = 29;
const ARGUMENT_MISSING: i64 = 40;
const ARGUMENT_INVALID: i64 = 41;
const REG_ID_INVALID: i64 = 10000;
const ALIAS_INVALID: i64 = 10002;

/// What OPPO's servers remember: tokens and accepted app_message_ids.
#[derive(Default)]
pub(super) struct State {
    /// auth_token → (AppKey, issued).
    tokens: HashMap<String, (String, Instant)>,
    /// (AppKey, app_message_id) → messageId of the accepted push.
    accepted: HashMap<(String, String, String), String>,
}

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/server/v1/auth", post(auth))
        .route("/server/v1/message/notification/unicast", post(send))
}

/// OPPO's "service unavailable, retry later": code -1 (§2.4).
pub(super) fn busy() -> Response {
    answer(BUSY, "Service Unavailable", None)
}

/// The sign: lowercase hex SHA-256 of `app_key + timestamp + master_secret` (§2.2).
pub(super) fn sign(app_key: &str, timestamp: &str, master_secret: &str) -> String {
    let digest = Sha256::digest(format!("{app_key}{timestamp}{master_secret}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn answer(code: i64, message: &str, data: Option<Value>) -> Response {
    let mut body = json!({ "code": code, "message": message });
    if let Some(data) = data {
        body["data"] = data;
    }
    Json(body).into_response()
}

/// A refusal: an OPPO code and its message.
#[derive(Debug)]
struct Reject(i64, String);

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        answer(self.0, &self.1, None)
    }
}

fn reject(code: i64, message: impl Into<String>) -> Reject {
    Reject(code, message.into())
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// OPPO counts CJK, Latin and emoji as one character each (§2.3).
fn oppo_len(text: &str) -> usize {
    text.chars().count()
}

async fn auth(Call(shared, headers, body): Call) -> Response {
    // A body that is not a form has no fields, so they are "missing", as on OPPO's server; one
    // that is not UTF-8 is 25 on OPPO, here it is read lossily.
    match check_auth(&shared, &form(&headers, &body), now_ms(), Instant::now()) {
        Ok((token, created)) => answer(
            OK,
            "Success",
            Some(json!({ "auth_token": token, "create_time": created })),
        ),
        Err(reject) => reject.into_response(),
    }
}

fn find_app<'a>(shared: &'a Shared, app_key: &str) -> Option<&'a App> {
    shared
        .registry
        .of(Vendor::Oppo)
        .find(|app| app.app_key.trim() == app_key)
}

fn check_auth(
    shared: &Shared,
    fields: &HashMap<String, String>,
    now_ms: i64,
    now: Instant,
) -> Result<(String, i64), Reject> {
    let app_key =
        field(fields, "app_key").ok_or_else(|| reject(APP_KEY_MISSING, "app_key is missing"))?;
    let timestamp = field(fields, "timestamp")
        .ok_or_else(|| reject(TIMESTAMP_MISSING, "timestamp is missing"))?;
    let sent = field(fields, "sign").ok_or_else(|| reject(SIGN_MISSING, "sign is missing"))?;
    let app = find_app(shared, app_key).ok_or_else(|| {
        reject(
            APP_KEY_INVALID,
            "app_key is invalid (no app has this AppKey)",
        )
    })?;
    let millis = timestamp
        .parse::<i64>()
        .ok()
        .filter(|_| timestamp.len() == 13)
        .ok_or_else(|| {
            reject(
                TIMESTAMP_INVALID,
                "timestamp is not 13-digit Unix milliseconds",
            )
        })?;
    if now_ms - millis > TIMESTAMP_WINDOW_MS || millis - now_ms > TIMESTAMP_WINDOW_MS {
        return Err(reject(
            TIMESTAMP_INVALID,
            "timestamp is not within the last 10 minutes",
        ));
    }
    let master = app.master_secret.as_ref().map_or("", |s| s.expose());
    // Never say what was expected: that would leak a hash of the secret.
    if sent != sign(app.app_key.trim(), timestamp, master.trim()) {
        return Err(reject(
            SIGN_INVALID,
            "sign is invalid: expected lowercase hex sha256(app_key + timestamp + master_secret)",
        ));
    }
    let token = uuid::Uuid::new_v4().simple().to_string();
    let mut state = lock(&shared.oppo);
    state
        .tokens
        .retain(|_, (_, issued)| now.saturating_duration_since(*issued) < TOKEN_TTL);
    state
        .tokens
        .insert(token.clone(), (app.app_key.trim().to_owned(), now));
    Ok((token, now_ms))
}

async fn send(Call(shared, headers, body): Call) -> Response {
    match check_send(&shared, &form(&headers, &body), Instant::now()) {
        Ok(id) => answer(OK, "Success", Some(json!({ "messageId": id }))),
        Err(reject) => reject.into_response(),
    }
}

/// The fields of a unicast that the emulator keeps.
struct Unicast {
    target: String,
    title: String,
    content: String,
    app_message_id: Option<String>,
    ext: Option<String>,
}

fn check_send(
    shared: &Shared,
    fields: &HashMap<String, String>,
    now: Instant,
) -> Result<String, Reject> {
    // auth_token is a form field, not a header (§2.3).
    let token = field(fields, "auth_token")
        .ok_or_else(|| reject(AUTH_TOKEN_MISSING, "auth_token is missing"))?;
    let app_key = lock(&shared.oppo)
        .tokens
        .get(token)
        .filter(|(_, issued)| now.saturating_duration_since(*issued) < TOKEN_TTL)
        .map(|(key, _)| key.clone())
        .ok_or_else(|| reject(AUTH_TOKEN_INVALID, "auth_token is invalid or expired"))?;
    let app = find_app(shared, &app_key)
        .ok_or_else(|| reject(AUTH_TOKEN_INVALID, "auth_token is invalid or expired"))?;
    let text =
        field(fields, "message").ok_or_else(|| reject(ARGUMENT_MISSING, "message is missing"))?;
    let message = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => map,
        _ => return Err(reject(ARGUMENT_INVALID, "message is not a JSON object")),
    };
    let push = parse_unicast(&message)?;
    if !app.knows_device(&push.target) {
        let target_type = message.get("target_type").and_then(Value::as_i64);
        return Err(if target_type == Some(5) {
            reject(ALIAS_INVALID, "alias is invalid")
        } else {
            reject(REG_ID_INVALID, "registration_id is invalid")
        });
    }
    // De-duplicate by app_message_id per target ("a unicast with the same id goes to a target
    // only once", §2.3): one lock over the check and the insert.
    let mut state = lock(&shared.oppo);
    let key = push
        .app_message_id
        .clone()
        .map(|id| (app.app_key.trim().to_owned(), push.target.clone(), id));
    if let Some(id) = key.as_ref().and_then(|key| state.accepted.get(key)) {
        return Ok(id.clone());
    }
    let id = format!("{}-1-1", uuid::Uuid::new_v4().simple());
    if let Some(key) = key {
        state.accepted.insert(key, id.clone());
    }
    lock(&shared.pushes).push(RecordedPush {
        vendor: Vendor::Oppo,
        app_id: app.app_id.clone(),
        target: push.target,
        title: push.title,
        body: push.content,
        ext: push.ext,
        test_mode: false,
        request_id: push.app_message_id,
        task_id: id.clone(),
        payload: Value::Object(message),
    });
    Ok(id)
}

fn int(obj: &Map<String, Value>, key: &str) -> Result<Option<i64>, Reject> {
    optional_int(obj, key)
        .map_err(|()| reject(ARGUMENT_INVALID, format!("{key} must be an integer")))
}

fn text<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, Reject> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str()).filter(|s| !s.trim().is_empty())),
        Some(_) => Err(reject(ARGUMENT_INVALID, format!("{key} must be a string"))),
    }
}

fn required_text<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    max: usize,
) -> Result<&'a str, Reject> {
    let value =
        text(obj, key)?.ok_or_else(|| reject(ARGUMENT_MISSING, format!("{key} is missing")))?;
    let len = oppo_len(value);
    if len > max {
        return Err(reject(
            ARGUMENT_INVALID,
            format!("{key} is {len} characters; OPPO allows {max}"),
        ));
    }
    Ok(value)
}

fn one_of(key: &str, value: i64, allowed: &[i64]) -> Result<i64, Reject> {
    if allowed.contains(&value) {
        Ok(value)
    } else {
        Err(reject(
            ARGUMENT_INVALID,
            format!("{key} is {value}, not one OPPO allows"),
        ))
    }
}

/// Checks the `message` JSON (§2.3) and keeps what the record needs.
fn parse_unicast(message: &Map<String, Value>) -> Result<Unicast, Reject> {
    let target_type = int(message, "target_type")?
        .ok_or_else(|| reject(ARGUMENT_MISSING, "target_type is missing"))?;
    one_of("target_type", target_type, &[2, 5])?;
    let target = text(message, "target_value")?
        .ok_or_else(|| reject(ARGUMENT_MISSING, "target_value is missing"))?
        .trim()
        .to_owned();
    if message
        .get("verify_registration_id")
        .is_some_and(|v| !v.is_null() && !v.is_boolean())
    {
        return Err(reject(
            ARGUMENT_INVALID,
            "verify_registration_id must be true or false",
        ));
    }
    let notification = match message.get("notification") {
        Some(Value::Object(map)) => map,
        None | Some(Value::Null) => {
            return Err(reject(ARGUMENT_MISSING, "notification is missing"))
        }
        Some(_) => return Err(reject(ARGUMENT_INVALID, "notification must be an object")),
    };
    let style = match int(notification, "style")? {
        Some(style) => one_of("style", style, &[1, 2, 3])?,
        None => 1,
    };
    let title = required_text(notification, "title", 50)?.to_owned();
    let content =
        required_text(notification, "content", if style == 2 { 128 } else { 50 })?.to_owned();
    if let Some(sub) = text(notification, "sub_title")? {
        if oppo_len(sub) > 10 {
            return Err(reject(
                ARGUMENT_INVALID,
                "sub_title is longer than 10 characters",
            ));
        }
    }
    let click = int(notification, "click_action_type")?.unwrap_or(0);
    one_of("click_action_type", click, &[0, 1, 2, 4, 5])?;
    if matches!(click, 1 | 4) && text(notification, "click_action_activity")?.is_none() {
        return Err(reject(ARGUMENT_MISSING, "click_action_activity is missing"));
    }
    if matches!(click, 2 | 5) && text(notification, "click_action_url")?.is_none() {
        return Err(reject(ARGUMENT_MISSING, "click_action_url is missing"));
    }
    let ext = match text(notification, "action_parameters")? {
        None => None,
        Some(params) => {
            if oppo_len(params) > 4000 {
                return Err(reject(
                    ARGUMENT_INVALID,
                    "action_parameters is longer than 4000 characters",
                ));
            }
            match serde_json::from_str::<Value>(params) {
                Ok(Value::Object(map)) => map.get("ext").and_then(Value::as_str).map(str::to_owned),
                _ => {
                    return Err(reject(
                        ARGUMENT_INVALID,
                        "action_parameters must be a JSON map in a string",
                    ))
                }
            }
        }
    };
    if let Some(ttl) = int(notification, "off_line_ttl")? {
        // Longer than 10 days is capped silently (§2.3); negative is malformed.
        if ttl < 0 {
            return Err(reject(ARGUMENT_INVALID, "off_line_ttl is negative"));
        }
    }
    if notification
        .get("off_line")
        .is_some_and(|v| !v.is_null() && !v.is_boolean())
    {
        return Err(reject(ARGUMENT_INVALID, "off_line must be true or false"));
    }
    text(notification, "channel_id")?;
    let app_message_id = text(notification, "app_message_id")?.map(str::to_owned);
    Ok(Unicast {
        target,
        title,
        content,
        app_message_id,
        ext,
    })
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in OPPO apps' AppId and AppKey: those of `examples/uniapp-chat/pushdiag.toml` and
/// `examples/flutter-chat/pushdiag.toml`.
pub const BUILTIN_OPPO_APP_ID: &str = "30000002";
pub const BUILTIN_OPPO_APP_KEY: &str = "00000000000000000000000000000002";
pub const BUILTIN_OPPO_FLUTTER_APP_ID: &str = "30000012";
pub const BUILTIN_OPPO_FLUTTER_APP_KEY: &str = "00000000000000000000000000000012";
/// The MasterSecret of every built-in OPPO app (it signs the auth). Not a real credential; the
/// examples read it from `OPPO_MASTER_SECRET`, so
/// `export OPPO_MASTER_SECRET=89abcdef0123456789abcdef01234567` serves both. 32 hex characters,
/// OPPO's shape, and not the AppSecret, so `check-config` flags neither.
pub const BUILTIN_OPPO_MASTER_SECRET: &str = "89abcdef0123456789abcdef01234567";
/// The AppSecret of the built-in OPPO apps (client side; the server API never uses it).
pub const BUILTIN_OPPO_APP_SECRET: &str = "fedcba9876543210fedcba9876543210";
/// An OPPO regId of the built-in apps (`OPPO_CN_` + 32 hex, `vendors-cn.md` §2.7). OPPO has no
/// test devices: it is listed as one only so `send-test --emulated` has a default target.
pub const BUILTIN_OPPO_DEVICE: &str = "OPPO_CN_2f9c4e1a7b3d5f608192a3b4c5d6e7f8";

/// The built-in OPPO apps: [`BUILTIN_OPPO_APP_ID`] and [`BUILTIN_OPPO_FLUTTER_APP_ID`] with
/// [`BUILTIN_OPPO_MASTER_SECRET`] and the device [`BUILTIN_OPPO_DEVICE`].
pub(super) fn builtin_apps() -> Vec<App> {
    let oppo = |app_id: &str, app_key: &str| App {
        master_secret: Some(Secret::new(BUILTIN_OPPO_MASTER_SECRET)),
        ..App::builtin(
            Vendor::Oppo,
            app_id,
            app_key,
            BUILTIN_OPPO_APP_SECRET,
            BUILTIN_OPPO_DEVICE,
        )
    };
    vec![
        oppo(BUILTIN_OPPO_APP_ID, BUILTIN_OPPO_APP_KEY),
        oppo(BUILTIN_OPPO_FLUTTER_APP_ID, BUILTIN_OPPO_FLUTTER_APP_KEY),
    ]
}

/// What an apps file must give for an OPPO app: the AppKey and MasterSecret its auth signs with.
fn check_app(app: &App) -> anyhow::Result<()> {
    require_key(app, "OPPO signs with AppKey and MasterSecret")?;
    if app.master_secret.as_ref().is_none_or(Secret::is_empty) {
        anyhow::bail!("master-secret is missing: OPPO signs with AppKey and MasterSecret");
    }
    require_secret(app)
}

#[cfg(test)]
mod tests;
