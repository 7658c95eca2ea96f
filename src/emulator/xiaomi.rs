//! Xiaomi push API (`vendors-cn.md` §3): `POST /xiaomi/v3/message/regid` (and the single-package
//! `/v2/message/regid`), `application/x-www-form-urlencoded`.
//!
//! There is no token: every request must carry `Authorization: key=<AppSecret>` exactly (`key`
//! in lower case, §3.2); anything else is 21301 "认证失败" with Xiaomi's error shape. Then, as
//! Xiaomi does: the required fields (10016), `restricted_package_name` against the app (22022),
//! `title` under 50 and `description` under 128 characters (10017, with a reason), and the regIds
//! (20301 when none is known, mizhousoft's "all targets invalid"). Every answer is HTTP 200.
//! Xiaomi has no test mode and documents no de-duplication, so every accepted request is a new
//! push.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::Query;
use axum::extract::State as AxumState;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::common::{authorization, blank, form, require_secret, Call};
use super::registry::App;
use super::table::{emulated, Emulated};
use super::{lock, RecordedPush, Shared};
use crate::vendor::Vendor;

/// The endpoints under `/xiaomi`, as fault paths name them.
pub(super) const ENDPOINTS: &[&str] = &[
    "v3/message/regid",
    "v2/message/regid",
    "v1/stats/message/counters",
];

/// This emulator's entry in the vendor table.
// Certificate ID 10001: `examples/uniapp-chat`'s, whose apps are the built-in ones.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Xiaomi, business_id: Some(10001));

// Codes (§3.4).
const SYSTEM_BUSY: i64 = 10002;
const MISSING_PARAMETER: i64 = 10016;
const INVALID_PARAMETER: i64 = 10017;
const SEND_FAILED: i64 = 20301;
/// `extra.*` limits (§3.3) and their codes (§3.4).
const MAX_EXTRAS: usize = 10;
const MAX_EXTRA_LEN: usize = 1024;
const TOO_MANY_EXTRAS: i64 = 65014;
const EXTRA_TOO_LONG: i64 = 65015;
const AUTH_FAILED: i64 = 21301;
const INVALID_PACKAGE: i64 = 22022;

/// `title` must be shorter than 50 characters, `description` shorter than 128 (§3.3).
const TITLE_LIMIT: usize = 50;
const DESCRIPTION_LIMIT: usize = 128;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/v3/message/regid", post(send))
        .route("/v2/message/regid", post(send))
        .route("/v1/stats/message/counters", get(counters))
}

/// `GET /v1/stats/message/counters` (§3.5), the harmless credential check: the same
/// `Authorization` and package checks as a send, the dates required; no push.
async fn counters(
    AxumState(shared): AxumState<Arc<Shared>>,
    headers: HeaderMap,
    Query(fields): Query<HashMap<String, String>>,
) -> Response {
    let authorization = authorization(&headers);
    let checked = (|| {
        let app = authorised(
            &shared,
            authorization,
            fields.get("restricted_package_name"),
        )?;
        required(&fields, "start_date")?;
        required(&fields, "end_date")?;
        let package = required(&fields, "restricted_package_name")?;
        if package.trim() != app.package.as_deref().unwrap_or("").trim() {
            return Err(Reject(
                INVALID_PACKAGE,
                "包名不合法",
                format!("Invalid package name: {package}"),
            ));
        }
        Ok(())
    })();
    match checked {
        Ok(()) => Json(json!({
            "result": "ok",
            "trace_id": trace_id(),
            "code": 0,
            "description": "成功",
            "data": { "data": [] },
        }))
        .into_response(),
        Err(reject) => reject.into_response(),
    }
}

fn trace_id() -> String {
    format!("Xcm{}", uuid::Uuid::new_v4().simple())
}

/// A refusal: a Xiaomi code, its description and the reason.
#[derive(Debug)]
struct Reject(i64, &'static str, String);

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        Json(json!({
            "result": "error",
            "trace_id": trace_id(),
            "code": self.0,
            "description": self.1,
            "reason": self.2,
        }))
        .into_response()
    }
}

/// Xiaomi's "system busy": code 10002 (§3.4).
pub(super) fn busy() -> Response {
    Reject(
        SYSTEM_BUSY,
        "系统繁忙",
        "System busy, please retry later.".to_owned(),
    )
    .into_response()
}

async fn send(Call(shared, headers, body): Call) -> Response {
    let authorization = authorization(&headers);
    match check_send(&shared, authorization, form(&headers, &body)) {
        Ok((id, bad)) => {
            let mut data = json!({ "id": id });
            // Some of the regIds unknown: taken, with those listed ([X-mizhou], §3.4).
            if !bad.is_empty() {
                data["bad_regids"] = json!(bad.join(","));
            }
            Json(json!({
                "result": "ok",
                "trace_id": trace_id(),
                "code": 0,
                "description": "成功",
                "data": data,
                "info": "Received push messages for 1 REGID",
            }))
            .into_response()
        }
        Err(reject) => reject.into_response(),
    }
}

/// The app whose AppSecret the header carries: exactly `key=<AppSecret>`, `key` lower case.
/// A real AppSecret belongs to one app; the emulator's registry may give several apps one
/// secret (the built-in apps of both examples share theirs), so the request's package picks
/// among them, and the package check then passes or fails as for a single app.
fn authorised<'a>(
    shared: &'a Shared,
    authorization: Option<&str>,
    package: Option<&String>,
) -> Result<&'a App, Reject> {
    let secret = authorization.and_then(|value| value.strip_prefix("key="));
    secret
        .and_then(|secret| {
            let mut holders = shared
                .registry
                .of(Vendor::Xiaomi)
                .filter(|app| !secret.is_empty() && app.app_secret.expose() == secret);
            let first = holders.clone().next();
            holders
                .find(|app| {
                    package.is_some_and(|p| {
                        p.split(',')
                            .any(|p| Some(p.trim()) == app.package.as_deref())
                    })
                })
                .or(first)
        })
        .ok_or_else(|| {
            // Never say which secret was expected.
            Reject(
                AUTH_FAILED,
                "认证失败",
                "Invalid application secret.".to_owned(),
            )
        })
}

fn required<'a>(fields: &'a HashMap<String, String>, key: &str) -> Result<&'a str, Reject> {
    fields
        .get(key)
        .map(String::as_str)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| {
            Reject(
                MISSING_PARAMETER,
                "缺失必选参数",
                format!("Missing required parameter: {key}"),
            )
        })
}

fn check_send(
    shared: &Shared,
    authorization: Option<&str>,
    fields: HashMap<String, String>,
) -> Result<(String, Vec<String>), Reject> {
    let app = authorised(shared, authorization, fields.get("restricted_package_name"))?;
    let targets = required(&fields, "registration_id")?;
    let package = required(&fields, "restricted_package_name")?;
    let pass_through = fields.get("pass_through").map_or("0", |v| v.trim());
    // Title and description are required for a notification (§3.3), and must not be blank.
    let (title, description) = if pass_through == "1" {
        (
            fields.get("title").cloned().unwrap_or_default(),
            fields.get("description").cloned().unwrap_or_default(),
        )
    } else {
        (
            required(&fields, "title")?.to_owned(),
            required(&fields, "description")?.to_owned(),
        )
    };
    // V3 takes a comma-separated list of packages (§3.1).
    let expected = app.package.as_deref().unwrap_or("").trim();
    if !package.split(',').any(|p| p.trim() == expected) {
        return Err(Reject(
            INVALID_PACKAGE,
            "包名不合法",
            format!("Invalid package name: {package}"),
        ));
    }
    for (key, value, limit) in [
        ("title", &title, TITLE_LIMIT),
        ("description", &description, DESCRIPTION_LIMIT),
    ] {
        // CJK and Latin count 1 each (§3.3).
        let len = value.chars().count();
        if len >= limit {
            return Err(Reject(
                INVALID_PARAMETER,
                "参数值非法",
                format!("{key} is {len} characters; it must be shorter than {limit}"),
            ));
        }
    }
    // `extra.*`: at most 10 pairs, each key and value at most 1024 characters (§3.3).
    let extras: Vec<(&String, &String)> = fields
        .iter()
        .filter(|(k, _)| k.starts_with("extra."))
        .collect();
    if extras.len() > MAX_EXTRAS {
        return Err(Reject(
            TOO_MANY_EXTRAS,
            "键值对数量超过限制",
            format!("{} extra.* pairs; at most {MAX_EXTRAS}", extras.len()),
        ));
    }
    if let Some((key, _)) = extras.iter().find(|(k, v)| {
        k.trim_start_matches("extra.").chars().count() > MAX_EXTRA_LEN
            || v.chars().count() > MAX_EXTRA_LEN
    }) {
        return Err(Reject(
            EXTRA_TOO_LONG,
            "键值对长度超过限制",
            format!("{key}: a key or value is longer than {MAX_EXTRA_LEN} characters"),
        ));
    }
    let (known, bad): (Vec<&str>, Vec<&str>) = targets
        .split(',')
        .map(str::trim)
        .partition(|t| app.knows_device(t));
    let Some(target) = known.first() else {
        return Err(Reject(
            SEND_FAILED,
            "发送消息失败",
            "No valid targets: every registration_id is invalid".to_owned(),
        ));
    };
    let id = format!("scm{}", uuid::Uuid::new_v4().simple());
    let payload: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    lock(&shared.pushes).push(RecordedPush {
        vendor: Vendor::Xiaomi,
        app_id: app.app_id.clone(),
        target: (*target).to_owned(),
        title,
        body: description,
        ext: fields.get("extra.ext").cloned(),
        test_mode: false,
        request_id: None,
        task_id: id.clone(),
        payload: Value::Object(payload),
    });
    Ok((id, bad.into_iter().map(str::to_owned).collect()))
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in Xiaomi apps' AppID, AppKey and package: those of `examples/uniapp-chat` and
/// `examples/flutter-chat` (`[xiaomi]` and the top-level `package`).
pub const BUILTIN_XIAOMI_APP_ID: &str = "2882303761500000001";
pub const BUILTIN_XIAOMI_APP_KEY: &str = "5000000000001";
pub const BUILTIN_XIAOMI_PACKAGE: &str = "com.example.unichat";
pub const BUILTIN_XIAOMI_FLUTTER_APP_ID: &str = "2882303761500000011";
pub const BUILTIN_XIAOMI_FLUTTER_APP_KEY: &str = "5000000000011";
pub const BUILTIN_XIAOMI_FLUTTER_PACKAGE: &str = "com.example.flutterchat";
/// The AppSecret of every built-in Xiaomi app (sent as `Authorization: key=...`). Not a real
/// credential; the examples read it from `XIAOMI_APP_SECRET`, so
/// `export XIAOMI_APP_SECRET=cHVzaGRpYWcteGlhb21pIQ==` serves both. 24 base64 characters ending
/// `==`, the shape samples show (`vendors-cn.md` §3.1), and not the AppKey.
pub const BUILTIN_XIAOMI_APP_SECRET: &str = "cHVzaGRpYWcteGlhb21pIQ==";
/// A Xiaomi regId of the built-in apps. Xiaomi's format is undocumented (§3.7); this has the
/// base64-like look of real ones. Xiaomi has no test devices: it is listed as one only so
/// `send-test --emulated` has a default target.
pub const BUILTIN_XIAOMI_DEVICE: &str =
    "k3Jt1a0cRIq8kM0mR0V2Y3o0cX1pQ2dT9xBf5Xk1Wc3yq9TnFz4Zl0PqRbMw2Eyb";

/// The built-in Xiaomi apps: [`BUILTIN_XIAOMI_APP_ID`] and [`BUILTIN_XIAOMI_FLUTTER_APP_ID`] with
/// the examples' packages, [`BUILTIN_XIAOMI_APP_SECRET`] and the device [`BUILTIN_XIAOMI_DEVICE`].
pub(super) fn builtin_apps() -> Vec<App> {
    let xiaomi = |app_id: &str, app_key: &str, package: &str| App {
        package: Some(package.to_owned()),
        ..App::builtin(
            Vendor::Xiaomi,
            app_id,
            app_key,
            BUILTIN_XIAOMI_APP_SECRET,
            BUILTIN_XIAOMI_DEVICE,
        )
    };
    vec![
        xiaomi(
            BUILTIN_XIAOMI_APP_ID,
            BUILTIN_XIAOMI_APP_KEY,
            BUILTIN_XIAOMI_PACKAGE,
        ),
        xiaomi(
            BUILTIN_XIAOMI_FLUTTER_APP_ID,
            BUILTIN_XIAOMI_FLUTTER_APP_KEY,
            BUILTIN_XIAOMI_FLUTTER_PACKAGE,
        ),
    ]
}

/// What an apps file must give for a Xiaomi app: the package `restricted_package_name` names.
fn check_app(app: &App) -> anyhow::Result<()> {
    if blank(app.package.as_deref()) {
        anyhow::bail!("package is missing: Xiaomi checks restricted_package_name against it");
    }
    require_secret(app)
}

#[cfg(test)]
mod tests;
