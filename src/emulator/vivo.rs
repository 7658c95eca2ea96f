//! vivo push API (`vendors-cn.md` §1): `POST /vivo/message/auth` and `POST /vivo/message/send`.
//!
//! Codes follow the reference's table. vivo reports every refusal of a well-formed request in an
//! HTTP 200 body with a `result` code (§1.2, §1.4: HTTP 500 only for a server error), so a
//! missing or malformed field is answered that way too, never with an HTTP 400 that axios-based
//! clients throw on. The reference's table has no codes for field errors; public client samples
//! (not in the reference, so weak) name 10050 (no regId or alias), 10054 (notifyType invalid),
//! 10055 (title empty) and 10056 (title over 40 characters), which the emulator uses; every other
//! field error gets [`PARAMETER_INVALID`], the emulator's own choice (see `docs/vendors/vivo.md`).
//! Only a body that is not JSON, or not declared as JSON, still gets an HTTP error: that is the
//! web framework's answer, before vivo's code runs (inferred). Real vivo `desc` texts are Chinese
//! and mostly unrecorded; the emulator's are English except those the sources quote.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::common::{content_type, media_type_is, optional_int, require_key, require_secret, Call};
use super::registry::App;
use super::table::{emulated, Emulated};
use super::{lock, RecordedPush, Shared};
use crate::secret::Secret;
use crate::vendor::Vendor;

/// The endpoints under `/vivo`, as fault paths name them.
pub(super) const ENDPOINTS: &[&str] = &["message/auth", "message/send"];

/// This emulator's entry in the vendor table.
// Certificate ID 10004: `examples/uniapp-chat`'s, whose apps are the built-in ones.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Vivo, business_id: Some(10004));

/// authToken lifetime (§1.2).
pub(super) const TOKEN_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// The auth timestamp must be within ±10 minutes of the server's clock (§1.2).
const TIMESTAMP_WINDOW_MS: i64 = 10 * 60 * 1000;
/// Auth calls per second per app before 10250 (§1.2).
const AUTH_CALLS_PER_SECOND: usize = 10;

const SUCCESS_DESC: &str = "请求成功";

// Result codes (§1.4).
const OK: i64 = 0;
/// Missing, unknown or expired authToken. The reference knows 10000 only from one client's test
/// fixture ("token expired"), marked weak; no stronger source names a code for it.
const AUTH_TOKEN_INVALID: i64 = 10000;
/// A formal push from an app still under review. Issue 5 names 10045; the reference documents
/// only that such an app "can only test-push" (§1.3 `pushMode`), not the code.
const UNDER_REVIEW: i64 = 10045;
const APP_ID_MISMATCH: i64 = 10094;
const CATEGORY_INVALID: i64 = 10096;
const CATEGORY_MISMATCH: i64 = 10097;
const APP_ID_EMPTY: i64 = 10200;
const APP_KEY_EMPTY: i64 = 10201;
// 10202–10205 are numbered by sequence in the reference (inferred there).
const APP_KEY_INVALID: i64 = 10202;
const TIMESTAMP_EMPTY: i64 = 10203;
const SIGN_EMPTY: i64 = 10204;
const APP_ID_UNKNOWN: i64 = 10205;
const SIGN_WRONG: i64 = 10206;
const TIMESTAMP_INVALID: i64 = 10207;
const AUTH_RATE_LIMITED: i64 = 10250;
const TARGET_INVALID: i64 = 10302;
// Field errors seen in public client samples (weak; not in the reference's table).
const TARGET_MISSING: i64 = 10050;
const NOTIFY_TYPE_INVALID: i64 = 10054;
const TITLE_EMPTY: i64 = 10055;
const TITLE_TOO_LONG: i64 = 10056;
/// Any other missing, malformed or over-long field. vivo's code for these is not documented
/// (not found); 10400 is the emulator's choice ("bad request"), outside every vivo table seen,
/// so a client shows it as an unknown code rather than misreading it.
const PARAMETER_INVALID: i64 = 10400;

/// `invalidUser.status` (§1.4).
const USER_UNKNOWN: u8 = 1;
const USER_NOT_TEST: u8 = 4;

/// Categories by classification (§1.3).
const SYSTEM_CATEGORIES: &[&str] = &[
    "IM",
    "ACCOUNT",
    "TODO",
    "DEVICE_REMINDER",
    "ORDER",
    "SUBSCRIPTION",
];
const OPERATION_CATEGORIES: &[&str] = &["NEWS", "CONTENT", "MARKETING", "SOCIAL"];

/// What vivo's servers remember: tokens and auth calls for the rate limit.
#[derive(Default)]
pub(super) struct State {
    tokens: HashMap<String, Token>,
    auth_calls: HashMap<String, VecDeque<Instant>>,
}

struct Token {
    app_id: String,
    issued: Instant,
}

impl State {
    pub(super) fn issue_token(&mut self, app_id: &str, now: Instant) -> String {
        self.tokens
            .retain(|_, token| now.saturating_duration_since(token.issued) < TOKEN_TTL);
        let token = uuid::Uuid::new_v4().to_string();
        self.tokens.insert(
            token.clone(),
            Token {
                app_id: app_id.to_owned(),
                issued: now,
            },
        );
        token
    }

    /// The app a token belongs to, if it exists and has not expired at `now`.
    pub(super) fn token_app(&self, token: &str, now: Instant) -> Option<&str> {
        self.tokens
            .get(token)
            .filter(|t| now.saturating_duration_since(t.issued) < TOKEN_TTL)
            .map(|t| t.app_id.as_str())
    }

    /// Counts an auth call; true when the app made more than 10 in the last second.
    fn auth_rate_exceeded(&mut self, app_id: &str, now: Instant) -> bool {
        let calls = self.auth_calls.entry(app_id.to_owned()).or_default();
        while calls
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= Duration::from_secs(1))
        {
            calls.pop_front();
        }
        calls.push_back(now);
        calls.len() > AUTH_CALLS_PER_SECOND
    }
}

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/message/auth", post(auth))
        .route("/message/send", post(send))
}

/// vivo's "system busy": no code is documented, only that HTTP 500 is a server error (§1.2).
pub(super) fn busy() -> Response {
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The sign: lowercase hex MD5 of `appId + appKey + timestamp + appSecret`, each part trimmed
/// (§1.2).
pub(super) fn sign(app_id: &str, app_key: &str, timestamp: i64, app_secret: &str) -> String {
    let text = format!(
        "{}{}{timestamp}{}",
        app_id.trim(),
        app_key.trim(),
        app_secret.trim()
    );
    format!("{:x}", md5::compute(text.as_bytes()))
}

/// vivo's answer, fields in the order the reference shows them (`{"result":0,"desc":...}`).
#[derive(Serialize)]
struct Answer<'a> {
    result: i64,
    desc: &'a str,
    #[serde(rename = "authToken", skip_serializing_if = "Option::is_none")]
    auth_token: Option<&'a str>,
    #[serde(rename = "taskId", skip_serializing_if = "Option::is_none")]
    task_id: Option<&'a str>,
    #[serde(rename = "invalidUser", skip_serializing_if = "Option::is_none")]
    invalid_user: Option<InvalidUser<'a>>,
}

#[derive(Serialize)]
struct InvalidUser<'a> {
    status: u8,
    userid: &'a str,
}

impl Answer<'_> {
    fn success() -> Self {
        Answer {
            result: OK,
            desc: SUCCESS_DESC,
            auth_token: None,
            task_id: None,
            invalid_user: None,
        }
    }
}

impl IntoResponse for Answer<'_> {
    fn into_response(self) -> Response {
        Json(self).into_response()
    }
}

/// A rejection.
#[derive(Debug)]
enum Reject {
    /// HTTP 200 with a documented vivo result code.
    Code {
        result: i64,
        desc: String,
        invalid_user: Option<(u8, String)>,
    },
    /// A body that is not (declared as) JSON: an HTTP error with `{"desc": ...}` and no `result`.
    Http(StatusCode, String),
}

fn code(result: i64, desc: impl Into<String>) -> Reject {
    Reject::Code {
        result,
        desc: desc.into(),
        invalid_user: None,
    }
}

/// A field vivo refuses: HTTP 200 with [`PARAMETER_INVALID`], as vivo answers every refusal.
fn bad_field(desc: impl Into<String>) -> Reject {
    code(PARAMETER_INVALID, desc)
}

fn invalid_user(status: u8, target: &str, desc: &str) -> Reject {
    Reject::Code {
        result: TARGET_INVALID,
        desc: desc.to_owned(),
        invalid_user: Some((status, target.to_owned())),
    }
}

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        match self {
            Reject::Code {
                result,
                desc,
                invalid_user,
            } => Answer {
                result,
                desc: &desc,
                invalid_user: invalid_user.as_ref().map(|(status, userid)| InvalidUser {
                    status: *status,
                    userid,
                }),
                ..Answer::success()
            }
            .into_response(),
            Reject::Http(status, desc) => (status, Json(json!({ "desc": desc }))).into_response(),
        }
    }
}

/// vivo's server is Java, so lengths are `String.length()`: UTF-16 units. The doc says CJK and
/// Latin count alike (one each); an emoji counts two here (inferred, the stricter reading).
fn vivo_len(text: &str) -> usize {
    text.encode_utf16().count()
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The body as a JSON object. vivo documents `Content-Type: application/json` (§1.2, §1.3); an
/// unparsable body has no documented code, so HTTP 415 / 400.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, Reject> {
    if !media_type_is(headers, "application/json") {
        return Err(Reject::Http(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "Content-Type is `{}`; vivo expects application/json",
                content_type(headers)
            ),
        ));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Reject::Http(
            StatusCode::BAD_REQUEST,
            "the body is JSON but not an object".to_owned(),
        )),
        Err(e) => Err(Reject::Http(
            StatusCode::BAD_REQUEST,
            format!("malformed JSON: {e}"),
        )),
    }
}

/// vivo's appId is an int (§1.1). A digit string is accepted too, as Java's JSON binding
/// coerces one.
fn app_id_value(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s)
            if !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit()) =>
        {
            s.trim().parse().ok()
        }
        _ => None,
    }
}

fn is_empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}

fn find_app(shared: &Shared, app_id: u64) -> Option<&App> {
    shared
        .registry
        .of(Vendor::Vivo)
        .find(|app| app.app_id.trim().parse::<u64>() == Ok(app_id))
}

async fn auth(Call(shared, headers, body): Call) -> Response {
    match check_auth(&shared, &headers, &body, now_ms(), Instant::now()) {
        Ok(token) => Answer {
            auth_token: Some(&token),
            ..Answer::success()
        }
        .into_response(),
        Err(reject) => reject.into_response(),
    }
}

fn check_auth(
    shared: &Shared,
    headers: &HeaderMap,
    body: &[u8],
    now_ms: i64,
    now: Instant,
) -> Result<String, Reject> {
    let obj = parse_body(headers, body)?;
    if is_empty(obj.get("appId")) {
        return Err(code(APP_ID_EMPTY, "appId is empty"));
    }
    if is_empty(obj.get("appKey")) {
        return Err(code(APP_KEY_EMPTY, "appKey is empty"));
    }
    if is_empty(obj.get("timestamp")) {
        return Err(code(TIMESTAMP_EMPTY, "timestamp is empty"));
    }
    if is_empty(obj.get("sign")) {
        return Err(code(SIGN_EMPTY, "sign is empty"));
    }
    let app = obj
        .get("appId")
        .and_then(app_id_value)
        .and_then(|id| find_app(shared, id))
        .ok_or_else(|| code(APP_ID_UNKNOWN, "appId does not exist"))?;
    if lock(&shared.vivo).auth_rate_exceeded(&app.app_id, now) {
        return Err(code(
            AUTH_RATE_LIMITED,
            "more than 10 auth calls in one second for this appId",
        ));
    }
    let app_key = obj.get("appKey").and_then(Value::as_str).unwrap_or("");
    if app_key.trim() != app.app_key.trim() {
        return Err(code(APP_KEY_INVALID, "appKey is not this app's AppKey"));
    }
    // A long of Unix milliseconds; a number only (no coercion from a string).
    let timestamp = obj
        .get("timestamp")
        .and_then(Value::as_i64)
        .ok_or_else(|| code(TIMESTAMP_INVALID, "timestamp is not an integer"))?;
    if now_ms.abs_diff(timestamp) > TIMESTAMP_WINDOW_MS.unsigned_abs() {
        return Err(code(
            TIMESTAMP_INVALID,
            "timestamp is more than 10 minutes from the server's clock (it is in milliseconds)",
        ));
    }
    // The doc specifies lowercase hex; an uppercase sign is refused (the stricter reading).
    let sent = obj.get("sign").and_then(Value::as_str).unwrap_or("");
    let expected = sign(
        &app.app_id,
        &app.app_key,
        timestamp,
        app.app_secret.expose(),
    );
    if sent.trim() != expected {
        // Never say what was expected: that would leak a hash of the secret.
        return Err(code(
            SIGN_WRONG,
            "sign is wrong: expected lowercase hex md5(appId + appKey + timestamp + appSecret)",
        ));
    }
    Ok(lock(&shared.vivo).issue_token(&app.app_id, now))
}

async fn send(Call(shared, headers, body): Call) -> Response {
    match check_send(&shared, &headers, &body, Instant::now()) {
        Ok(task_id) => Answer {
            task_id: Some(&task_id),
            ..Answer::success()
        }
        .into_response(),
        Err(reject) => reject.into_response(),
    }
}

/// The fields of a send that the emulator keeps.
struct SendFields {
    target: String,
    title: String,
    content: String,
    request_id: String,
    test_mode: bool,
    ext: Option<String>,
}

fn check_send(
    shared: &Shared,
    headers: &HeaderMap,
    body: &[u8],
    now: Instant,
) -> Result<String, Reject> {
    // A literal `authToken` header, no "Bearer" (§1.3). Header names are case-insensitive.
    let token = headers
        .get("authToken")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| code(AUTH_TOKEN_INVALID, "authToken header is missing"))?;
    let token_app = lock(&shared.vivo)
        .token_app(token, now)
        .map(str::to_owned)
        .ok_or_else(|| code(AUTH_TOKEN_INVALID, "authToken is unknown or expired"))?;
    let app = shared
        .registry
        .find(Vendor::Vivo, &token_app)
        .ok_or_else(|| code(AUTH_TOKEN_INVALID, "authToken is unknown or expired"))?;
    let obj = parse_body(headers, body)?;
    let body_app = obj.get("appId").and_then(app_id_value);
    if body_app.is_none() || body_app != app.app_id.trim().parse().ok() {
        return Err(code(
            APP_ID_MISMATCH,
            "appId in the body is missing or is not the authToken's appId",
        ));
    }
    let push = parse_send(&obj)?;
    if !app.knows_device(&push.target) {
        return Err(invalid_user(USER_UNKNOWN, &push.target, "regId不合法"));
    }
    if push.test_mode && !app.is_test_device(&push.target) {
        return Err(invalid_user(USER_NOT_TEST, &push.target, "regId不合法"));
    }
    if !push.test_mode && app.under_review {
        return Err(code(
            UNDER_REVIEW,
            "the app is under review: only test pushes (pushMode=1) are allowed",
        ));
    }
    // No de-duplication by requestId: the reference documents none (vendors-cn.md §1.3), so a
    // repeated request is a second push, as it may be at vivo.
    let task_id = (uuid::Uuid::new_v4().as_u64_pair().0 % 900_000_000_000_000_000
        + 100_000_000_000_000_000)
        .to_string();
    lock(&shared.pushes).push(RecordedPush {
        vendor: Vendor::Vivo,
        app_id: app.app_id.clone(),
        target: push.target,
        title: push.title,
        body: push.content,
        ext: push.ext,
        test_mode: push.test_mode,
        request_id: Some(push.request_id),
        task_id: task_id.clone(),
        payload: Value::Object(obj),
    });
    Ok(task_id)
}

fn int_field(obj: &Map<String, Value>, key: &str) -> Result<Option<i64>, Reject> {
    optional_int(obj, key).map_err(|()| bad_field(format!("`{key}` must be an integer")))
}

fn str_field<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, Reject> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(bad_field(format!("`{key}` must be a string"))),
    }
}

fn required_int(obj: &Map<String, Value>, key: &str, allowed: &[i64]) -> Result<i64, Reject> {
    let value = int_field(obj, key)?.ok_or_else(|| bad_field(format!("`{key}` is required")))?;
    check_one_of(key, value, allowed)
}

/// A field error under the code public samples give for it (10050–10056), else
/// [`PARAMETER_INVALID`].
fn with_code(result: i64, outcome: Result<i64, Reject>) -> Result<i64, Reject> {
    outcome.map_err(|reject| match reject {
        Reject::Code {
            result: PARAMETER_INVALID,
            desc,
            invalid_user,
        } => Reject::Code {
            result,
            desc,
            invalid_user,
        },
        other => other,
    })
}

fn check_one_of(key: &str, value: i64, allowed: &[i64]) -> Result<i64, Reject> {
    if allowed.contains(&value) {
        Ok(value)
    } else {
        let allowed: Vec<String> = allowed.iter().map(i64::to_string).collect();
        Err(bad_field(format!(
            "`{key}` is {value}; vivo allows {}",
            allowed.join(", ")
        )))
    }
}

fn required_text<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    max: usize,
) -> Result<&'a str, Reject> {
    let text = str_field(obj, key)?
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| bad_field(format!("`{key}` is required")))?;
    check_len(key, text, max)?;
    Ok(text)
}

fn check_len(key: &str, text: &str, max: usize) -> Result<(), Reject> {
    let len = vivo_len(text);
    if len > max {
        return Err(bad_field(format!(
            "`{key}` is {len} characters; vivo allows {max}"
        )));
    }
    Ok(())
}

/// Checks the send body's fields (§1.3) and keeps what the record needs.
fn parse_send(obj: &Map<String, Value>) -> Result<SendFields, Reject> {
    let reg_id = str_field(obj, "regId")?.filter(|s| !s.trim().is_empty());
    let alias = str_field(obj, "alias")?.filter(|s| !s.trim().is_empty());
    // regId wins when both are set; the registry lists aliases among devices, if any.
    let target = reg_id
        .or(alias)
        .ok_or_else(|| {
            code(
                TARGET_MISSING,
                "alias和regId不能为空: one of `regId` and `alias` is required",
            )
        })?
        .trim()
        .to_owned();
    with_code(
        NOTIFY_TYPE_INVALID,
        required_int(obj, "notifyType", &[1, 2, 3, 4]),
    )?;
    let title = match str_field(obj, "title")?.filter(|s| !s.trim().is_empty()) {
        None => return Err(code(TITLE_EMPTY, "title不能为空: `title` is required")),
        Some(title) if vivo_len(title) > 40 => {
            return Err(code(
                TITLE_TOO_LONG,
                format!("`title` is {} characters; vivo allows 40", vivo_len(title)),
            ))
        }
        Some(title) => title.to_owned(),
    };
    let content = required_text(obj, "content", 100)?.to_owned();
    if let Some(ttl) = int_field(obj, "timeToLive")? {
        if !(60..=86_400).contains(&ttl) {
            return Err(bad_field(format!(
                "`timeToLive` is {ttl}; vivo allows 60 to 86400 seconds"
            )));
        }
    }
    let skip_type = required_int(obj, "skipType", &[1, 2, 3, 4])?;
    let skip_content = str_field(obj, "skipContent")?.filter(|s| !s.trim().is_empty());
    match skip_content {
        Some(text) => check_len("skipContent", text, 1024)?,
        None if skip_type == 2 || skip_type == 4 => {
            return Err(bad_field(format!(
                "`skipContent` is required with skipType {skip_type}"
            )))
        }
        None => {}
    }
    if let Some(network) = int_field(obj, "networkType")? {
        check_one_of("networkType", network, &[-1, 1])?;
    }
    check_category(obj)?;
    let ext = check_custom_map(obj)?;
    check_extra(obj)?;
    let request_id = required_text(obj, "requestId", 64)?.to_owned();
    let push_mode = match int_field(obj, "pushMode")? {
        Some(mode) => check_one_of("pushMode", mode, &[0, 1])?,
        None => 0,
    };
    if let Some(id) = int_field(obj, "notifyId")? {
        if !(1..=2_147_483_647).contains(&id) {
            return Err(bad_field(format!(
                "`notifyId` is {id}; vivo allows 1 to 2147483647"
            )));
        }
    }
    for key in ["sendOnline", "foregroundShow"] {
        if obj
            .get(key)
            .is_some_and(|v| !v.is_null() && !v.is_boolean())
        {
            return Err(bad_field(format!("`{key}` must be true or false")));
        }
    }
    if let Some(profile) = str_field(obj, "profileId")? {
        check_len("profileId", profile, 64)?;
    }
    Ok(SendFields {
        target,
        title,
        content,
        request_id,
        test_mode: push_mode == 1,
        ext,
    })
}

/// `classification` 0/1 and `category`: an unknown category is 10096, a category of the other
/// classification 10097 (§1.3). Categories are upper case.
fn check_category(obj: &Map<String, Value>) -> Result<(), Reject> {
    let classification = match int_field(obj, "classification")? {
        Some(c) => Some(check_one_of("classification", c, &[0, 1])?),
        None => None,
    };
    let Some(category) = str_field(obj, "category")? else {
        return Ok(());
    };
    let system = if SYSTEM_CATEGORIES.contains(&category) {
        true
    } else if OPERATION_CATEGORIES.contains(&category) {
        false
    } else {
        return Err(code(
            CATEGORY_INVALID,
            format!("category `{category}` is not a vivo category"),
        ));
    };
    match classification {
        Some(1) if !system => Err(code(
            CATEGORY_MISMATCH,
            format!("category {category} is an operation category; classification 1 is system"),
        )),
        Some(0) if system => Err(code(
            CATEGORY_MISMATCH,
            format!("category {category} is a system category; classification 0 is operation"),
        )),
        _ => Ok(()),
    }
}

/// `clientCustomMap`: string → string, at most 1024 characters of keys and values together
/// (§1.3; how vivo counts the total is not documented). Returns its `ext`.
fn check_custom_map(obj: &Map<String, Value>) -> Result<Option<String>, Reject> {
    let map = match obj.get("clientCustomMap") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(bad_field("`clientCustomMap` must be an object")),
    };
    let mut total = 0;
    for (key, value) in map {
        let Some(value) = value.as_str() else {
            return Err(bad_field(format!(
                "`clientCustomMap.{key}` must be a string (vivo documents string → string; \
                 send the ext as a JSON string)"
            )));
        };
        total += vivo_len(key) + vivo_len(value);
    }
    if total > 1024 {
        return Err(bad_field(format!(
            "`clientCustomMap` holds {total} characters; vivo allows 1024 in total"
        )));
    }
    Ok(map.get("ext").and_then(Value::as_str).map(str::to_owned))
}

/// `extra`: receipt settings, `callback` ≤ 128 and `callback.param` ≤ 64 characters (§1.3).
fn check_extra(obj: &Map<String, Value>) -> Result<(), Reject> {
    let map = match obj.get("extra") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(bad_field("`extra` must be an object")),
    };
    for (key, max) in [("callback", 128), ("callback.param", 64)] {
        match map.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => check_len(&format!("extra.{key}"), text, max)?,
            Some(_) => return Err(bad_field(format!("`extra.{key}` must be a string"))),
        }
    }
    Ok(())
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in vivo app's id and key: those of `examples/uniapp-chat/pushdiag.toml`, so the
/// example project authenticates against the emulator as it is.
pub const BUILTIN_VIVO_APP_ID: &str = "10004";
pub const BUILTIN_VIVO_APP_KEY: &str = "00000000-0000-4000-8000-000000000004";
/// The second built-in vivo app: `examples/flutter-chat/pushdiag.toml`'s.
pub const BUILTIN_VIVO_FLUTTER_APP_ID: &str = "10014";
pub const BUILTIN_VIVO_FLUTTER_APP_KEY: &str = "00000000-0000-4000-8000-000000000014";
/// The secret of every built-in vivo app. Not a real credential; it only opens the emulator. The
/// examples read their secret from `VIVO_APP_SECRET`, so
/// `export VIVO_APP_SECRET=0123456789abcdef0123456789abcdef` serves both; 32 hex characters,
/// one of the shapes vivo issues, so `check-config` does not flag its format.
pub const BUILTIN_VIVO_APP_SECRET: &str = "0123456789abcdef0123456789abcdef";
/// A vivo regId registered as a test device of the built-in apps (23 digits, `vendors-cn.md` §1.7).
pub const BUILTIN_VIVO_TEST_DEVICE: &str = "12345678901234567890123";
/// A vivo regId that exists but is not a test device.
pub const BUILTIN_VIVO_DEVICE: &str = "98765432109876543210987";

/// The built-in vivo apps: [`BUILTIN_VIVO_APP_ID`] (uni-app) and [`BUILTIN_VIVO_FLUTTER_APP_ID`]
/// (Flutter) with [`BUILTIN_VIVO_APP_SECRET`], both still under review, each with one test device
/// and one other device.
pub(super) fn builtin_apps() -> Vec<App> {
    let vivo = |app_id: &str, app_key: &str| App {
        test_devices: vec![BUILTIN_VIVO_TEST_DEVICE.to_owned()],
        devices: vec![
            BUILTIN_VIVO_TEST_DEVICE.to_owned(),
            BUILTIN_VIVO_DEVICE.to_owned(),
        ],
        under_review: true,
        ..App::new(
            Vendor::Vivo,
            app_id,
            app_key,
            Secret::new(BUILTIN_VIVO_APP_SECRET),
        )
    };
    vec![
        vivo(BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_APP_KEY),
        vivo(BUILTIN_VIVO_FLUTTER_APP_ID, BUILTIN_VIVO_FLUTTER_APP_KEY),
    ]
}

/// What an apps file must give for a vivo app: an integer AppID, an AppKey and an AppSecret.
fn check_app(app: &App) -> anyhow::Result<()> {
    if !app.app_id.bytes().all(|b| b.is_ascii_digit()) {
        anyhow::bail!("app-id \"{}\": a vivo AppID is an integer", app.app_id);
    }
    require_key(app, "vivo signs with AppID, AppKey and AppSecret")?;
    require_secret(app)
}

#[cfg(test)]
mod tests;
