//! Meizu push API (`vendors-cn.md` §5): `POST /meizu/garcia/api/server/push/varnished/pushByPushId`,
//! `application/x-www-form-urlencoded`.
//!
//! There is no token: every request carries `sign`, and the emulator recomputes it exactly as
//! Meizu does (§5.2: every parameter but `sign`, sorted by name, `key=value` with no separator and
//! the raw values, then the registered AppSecret; lowercase hex MD5). In Meizu's order of checks:
//! the required fields (110004), the appId (110000), the sign (1006), then at most 100 pushIds
//! and `messageJson`'s title (1-32 characters) and content (1-100) (1005), then the pushIds: an unknown one is not a
//! top-level error but code "200" with `value` `{"110003": [pushId]}` (§5.4). Every answer is
//! HTTP 200 and every `code` a string. Meizu has no test mode and documents no de-duplication, so
//! every accepted request is a new push.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::extract::Query;
use axum::extract::State as AxumState;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::common::{form, record_each, require_secret, Call};
use super::registry::App;
use super::table::{emulated, Emulated};
use super::{RecordedPush, Shared};
use crate::vendor::Vendor;

/// The endpoints under `/meizu`, as fault paths name them.
pub(super) const ENDPOINTS: &[&str] = &[
    "garcia/api/server/push/varnished/pushByPushId",
    "garcia/api/server/push/statistics/dailyPushStatics",
];

/// This emulator's entry in the vendor table.
// Certificate ID 10005: `examples/uniapp-chat`'s, whose apps are the built-in ones.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Meizu, business_id: Some(10005));

// Codes (§5.4), strings on the wire.
const OK: &str = "200";
const SERVER_BUSY: &str = "1003";
const PARAMETER_ERROR: &str = "1005";
const SIGN_FAILED: &str = "1006";
const APP_ID_INVALID: &str = "110000";
const PUSH_ID_INVALID: &str = "110003";
const EMPTY_PARAMETER: &str = "110004";

/// pushIds per request (§5.3, §5.6). Meizu's code for more is not recorded: the emulator answers
/// its parameter error, 1005 "参数错误" (§5.4), the closest code the table has (inferred).
const MAX_PUSH_IDS: usize = 100;

/// `title` 1-32 characters, `content` 1-100 (§5.3).
const TITLE_LIMIT: usize = 32;
const CONTENT_LIMIT: usize = 100;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/garcia/api/server/push/varnished/pushByPushId", post(send))
        .route(
            "/garcia/api/server/push/statistics/dailyPushStatics",
            get(statistics),
        )
}

/// `GET .../statistics/dailyPushStatics` (§5.5), the harmless credential check: the same appId
/// and sign checks as a send, `startTime`/`endTime` required; no push.
async fn statistics(
    AxumState(shared): AxumState<Arc<Shared>>,
    Query(fields): Query<HashMap<String, String>>,
) -> Response {
    let checked = (|| {
        let app_id = required(&fields, "appId")?;
        required(&fields, "startTime")?;
        required(&fields, "endTime")?;
        let sign = required(&fields, "sign")?;
        let app = app(&shared, app_id)?;
        if sign != expected_sign(&fields, app.app_secret.expose()) {
            return Err(Reject(SIGN_FAILED, "签名认证失败".to_owned()));
        }
        Ok(())
    })();
    match checked {
        Ok(()) => envelope(OK, "", json!([]), ""),
        Err(reject) => reject.into_response(),
    }
}

/// Meizu's envelope (§5.4).
fn envelope(code: &str, message: &str, value: Value, msg_id: &str) -> Response {
    Json(json!({
        "code": code,
        "message": message,
        "value": value,
        "redirect": "",
        "msgId": msg_id,
    }))
    .into_response()
}

/// A top-level refusal: a Meizu code and its message.
#[derive(Debug)]
struct Reject(&'static str, String);

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        envelope(self.0, &self.1, json!({}), "")
    }
}

/// Meizu's "server busy": code "1003" (§5.4).
pub(super) fn busy() -> Response {
    Reject(SERVER_BUSY, "服务器忙".to_owned()).into_response()
}

async fn send(Call(shared, headers, body): Call) -> Response {
    match check_send(&shared, &form(&headers, &body)) {
        Ok((msg_id, failed)) => {
            let value: Map<String, Value> = failed
                .into_iter()
                .map(|(code, ids)| (code.to_owned(), json!(ids)))
                .collect();
            envelope(OK, "", Value::Object(value), &msg_id)
        }
        Err(reject) => reject.into_response(),
    }
}

/// The sign Meizu expects (§5.2), recomputed here independently of the client's code.
fn expected_sign(fields: &HashMap<String, String>, secret: &str) -> String {
    let sorted: BTreeMap<&str, &str> = fields
        .iter()
        .filter(|(k, _)| k.as_str() != "sign")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut text: String = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    text.push_str(secret);
    format!("{:x}", md5::compute(text.as_bytes()))
}

fn required<'a>(fields: &'a HashMap<String, String>, key: &str) -> Result<&'a str, Reject> {
    fields
        .get(key)
        .map(String::as_str)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| Reject(EMPTY_PARAMETER, format!("参数不能为空: {key}")))
}

fn app<'a>(shared: &'a Shared, app_id: &str) -> Result<&'a App, Reject> {
    shared
        .registry
        .find(Vendor::Meizu, app_id.trim())
        .ok_or_else(|| Reject(APP_ID_INVALID, "appId不合法".to_owned()))
}

/// Per-target failures, as `value` lists them: a code and the pushIds it failed.
type Failed = Vec<(&'static str, Vec<String>)>;

/// The accepted push's msgId and the per-target failures (`value`).
fn check_send(
    shared: &Shared,
    fields: &HashMap<String, String>,
) -> Result<(String, Failed), Reject> {
    let app_id = required(fields, "appId")?;
    let push_ids = required(fields, "pushIds")?;
    let message_json = required(fields, "messageJson")?;
    let sign = required(fields, "sign")?;
    let app = app(shared, app_id)?;
    // Never say which sign was expected.
    if sign != expected_sign(fields, app.app_secret.expose()) {
        return Err(Reject(SIGN_FAILED, "签名认证失败".to_owned()));
    }
    let parse_error = |why: String| Reject(PARAMETER_ERROR, format!("参数错误: {why}"));
    let targets: Vec<&str> = push_ids
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    if targets.len() > MAX_PUSH_IDS {
        return Err(parse_error(format!(
            "pushIds holds {} ids; at most {MAX_PUSH_IDS} per request",
            targets.len()
        )));
    }
    let message: Value = serde_json::from_str(message_json)
        .map_err(|e| parse_error(format!("messageJson is not JSON: {e}")))?;
    let bar = message.get("noticeBarInfo");
    let text = |key: &str| {
        bar.and_then(|b| b.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let (title, content) = (text("title"), text("content"));
    for (key, value, limit) in [
        ("title", &title, TITLE_LIMIT),
        ("content", &content, CONTENT_LIMIT),
    ] {
        // Meizu's server is Java: lengths in UTF-16 units, as the linter counts them.
        let len = value.encode_utf16().count();
        if len == 0 || len > limit {
            return Err(parse_error(format!(
                "noticeBarInfo.{key} is {len} characters; it must be 1 to {limit}"
            )));
        }
    }
    let ext = message
        .pointer("/clickTypeInfo/parameters/ext")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let (known, unknown): (Vec<&str>, Vec<&str>) =
        targets.into_iter().partition(|t| app.knows_device(t));
    let msg_id = format!("NS{}", uuid::Uuid::new_v4().simple());
    let mut payload: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    payload.insert("messageJson".to_owned(), message.clone());
    record_each(
        shared,
        &RecordedPush {
            vendor: Vendor::Meizu,
            app_id: app.app_id.clone(),
            title,
            body: content,
            ext,
            test_mode: false,
            request_id: None,
            task_id: msg_id.clone(),
            payload: Value::Object(payload),
            target: String::new(), // one per target, below
        },
        &known,
    );
    let failed = if unknown.is_empty() {
        Vec::new()
    } else {
        vec![(
            PUSH_ID_INVALID,
            unknown.into_iter().map(str::to_owned).collect(),
        )]
    };
    Ok((msg_id, failed))
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in Meizu app. The example projects have no `[meizu]` section, so this is a
/// documented app of its own: a 6-digit AppId like the Go SDK's test (`vendors-cn.md` §5.1) and a
/// 32-hex AppKey.
pub const BUILTIN_MEIZU_APP_ID: &str = "100005";
pub const BUILTIN_MEIZU_APP_KEY: &str = "00000000000000000000000000000005";
/// The AppSecret of the built-in Meizu app (it signs every request). Not a real credential;
/// `export MEIZU_APP_SECRET=5a5b5c5d5e5f60616263646566676869` opens the emulator. 32 hex
/// characters, Meizu's shape (§5.1), and not the AppKey.
pub const BUILTIN_MEIZU_APP_SECRET: &str = "5a5b5c5d5e5f60616263646566676869";
/// A Meizu pushId of the built-in app: 45 characters, an uppercase prefix then hex, like the
/// doc's examples (§5.7). Meizu has no test devices: it is listed as one only so
/// `send-test --emulated` has a default target.
pub const BUILTIN_MEIZU_DEVICE: &str = "RA50c6300000000000000000000000000000000000001";

/// The built-in Meizu app: [`BUILTIN_MEIZU_APP_ID`] with [`BUILTIN_MEIZU_APP_SECRET`] and the
/// device [`BUILTIN_MEIZU_DEVICE`].
pub(super) fn builtin_apps() -> Vec<App> {
    vec![App::builtin(
        Vendor::Meizu,
        BUILTIN_MEIZU_APP_ID,
        BUILTIN_MEIZU_APP_KEY,
        BUILTIN_MEIZU_APP_SECRET,
        BUILTIN_MEIZU_DEVICE,
    )]
}

/// What an apps file must give for a Meizu app: the AppSecret its sign is made with.
fn check_app(app: &App) -> anyhow::Result<()> {
    require_secret(app)
}

#[cfg(test)]
mod tests;
