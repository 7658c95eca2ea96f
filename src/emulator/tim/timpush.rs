//! Tencent's push service ("Push", `timpush.md` §3): `v4/timpush/batch` and both push trace
//! APIs, with the common query string and UserSig checked as for every Tencent IM call
//! ([`super::authenticate`]); statistics and loss are in `stats.rs`. Also the emulator's own
//! listing of push records (`GET /tim/_emulator/push_records`), which is not Tencent's: it stands
//! in for the console's push records, where a real developer copies a PushID.
//!
//! Codes the reference documents are used as documented (90001, 90005, 90009, 90018, 90057,
//! 70107). Where it names none, the emulator chooses, and says so beside each constant.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Query, State as AxumState};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::push_records::{self, mint_task_id, push_to_device, Origin, Records};
use super::trace_answer::instance;
use super::{authenticate, fail, ForwardedPush, Reject, Shared};
use crate::emulator::common::Call;
use crate::emulator::registry::{App, DeviceState, PushToken, TimState, TimUser};
use crate::emulator::vivo::BUILTIN_VIVO_DEVICE;
use crate::emulator::{clock, lock, RecordedPush};
use crate::vendor::Vendor;

/// `To_Account` holds at most this many accounts (§3.1).
const MAX_RECEIVERS: usize = 500;
/// `DataId` is at most this many bytes (§3.1).
const MAX_DATA_ID: usize = 64;
/// Batch pushes per second per app: the free edition's 10/s (§3.1; standard 30, advanced 40).
const BATCH_PER_SECOND: usize = 10;
/// Trace, statistics and loss calls per second per API and app (§3.3–3.5).
pub(super) const QUERY_PER_SECOND: usize = 1;
/// A batch with the same sender and MsgRandom within this window is the same push (§3.1).
const BATCH_DEDUP: Duration = Duration::from_secs(1);
/// Pushes are traceable this long (§3.3, §3.4).
pub(super) const TRACE_WINDOW_SECS: u64 = 7 * 24 * 3600;
/// Batch tasks remembered (for "no push record"); the oldest are dropped.
const MAX_TASKS: usize = 10_000;

// Codes (§5.2 unless said otherwise).
const JSON_PARSE: i64 = 90001;
const MSG_RANDOM_INVALID: i64 = 90005;
const NEEDS_ADMIN: i64 = 90009;
const TOO_MANY_ACCOUNTS: i64 = 90018;
const DATA_ID_TOO_LONG: i64 = 90057;
/// "Invalid TaskId / no push record": the only "no record" code the reference lists, used for
/// an unknown (or older than 7 days) PushID too; the trace pages name no code of their own.
pub(super) const NO_PUSH_RECORD: i64 = 90049;
const NO_SUCH_ACCOUNT: i64 = 70107;
/// A missing or mistyped field the push codes do not cover: the REST common "bad parameters"
/// (D.10), the emulator's choice.
pub(super) const BAD_PARAMETERS: i64 = 70402;
/// Over a rate limit: the REST common "call rate over limit" (D.10). The push pages name no
/// code of their own for it (90024 is the all/tag push's 1-second interval); the emulator's
/// choice.
const RATE_LIMITED: i64 = 60007;

/// What the push service remembers besides the records: batch tasks, recent batches for
/// de-duplication, recent calls for the rate limits. All bounded.
#[derive(Default)]
pub(super) struct State {
    pub(super) records: Records,
    /// (SDKAppID, TaskId, unix time), oldest first.
    tasks: VecDeque<(String, String, u64)>,
    /// (SDKAppID, From_Account, MsgRandom) → when, and the TaskId answered.
    batches: HashMap<(String, String, u32), (Instant, String)>,
    /// (SDKAppID, API) → the calls of the last second.
    calls: HashMap<(String, &'static str), VecDeque<Instant>>,
}

impl State {
    /// Counts a call to `api`; false when the app made `per_second` calls in the last second.
    fn allow(&mut self, app: &str, api: &'static str, per_second: usize) -> bool {
        let now = Instant::now();
        let calls = self.calls.entry((app.to_owned(), api)).or_default();
        while calls
            .front()
            .is_some_and(|at| now.saturating_duration_since(*at) >= Duration::from_secs(1))
        {
            calls.pop_front();
        }
        if calls.len() >= per_second {
            return false;
        }
        calls.push_back(now);
        true
    }

    fn knows_task(&self, app: &str, task: &str, since: u64) -> bool {
        self.tasks
            .iter()
            .any(|(a, t, at)| a == app && t == task && *at >= since)
    }
}

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/v4/timpush/batch", post(batch))
        .route("/v4/timpush/normal_push_trace", post(normal_push_trace))
        .route(
            "/v4/timpush/all_member_push_trace",
            post(all_member_push_trace),
        )
        .route(
            "/v4/timpush/normal_push_statistics",
            post(super::stats::normal_push_statistics),
        )
        .route(
            "/v4/timpush/normal_push_loss",
            post(super::stats::normal_push_loss),
        )
        .route("/_emulator/push_records", get(list_push_records))
}

/// A refused batch: the envelope with `"TaskId": ""` (§3.1).
fn refuse_batch(code: i64, info: &str, errors: Vec<Value>) -> Response {
    let mut answer =
        json!({"ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": info, "TaskId": ""});
    if !errors.is_empty() {
        answer["ErrorList"] = Value::Array(errors);
    }
    Json(answer).into_response()
}

/// A batch that passed the checks.
struct BatchRequest {
    from: String,
    to: Vec<String>,
    msg_random: u32,
    title: String,
    desc: String,
    ext: String,
    no_push: bool,
}

fn check_batch(app: &App, body: &[u8]) -> Result<BatchRequest, Reject> {
    let parsed: Value =
        serde_json::from_slice(body).map_err(|_| (JSON_PARSE, "json parse failed".to_owned()))?;
    let Some(obj) = parsed.as_object() else {
        return Err((JSON_PARSE, "body is not a JSON object".into()));
    };
    let from = obj.get("From_Account").and_then(Value::as_str);
    let Some(from) = from.filter(|f| app.admins.iter().any(|a| a == f)) else {
        return Err((NEEDS_ADMIN, "From_Account must be an App admin".into()));
    };
    let to: Vec<String> = match obj.get("To_Account") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or((
                BAD_PARAMETERS,
                "To_Account items must be strings".to_owned(),
            ))?,
        _ => return Err((BAD_PARAMETERS, "To_Account must be an array".into())),
    };
    if to.len() > MAX_RECEIVERS {
        return Err((
            TOO_MANY_ACCOUNTS,
            format!("To_Account holds more than {MAX_RECEIVERS} accounts"),
        ));
    }
    if to.is_empty() {
        return Err((BAD_PARAMETERS, "To_Account is empty".into()));
    }
    let msg_random = obj
        .get("MsgRandom")
        .and_then(Value::as_u64)
        .and_then(|r| u32::try_from(r).ok())
        .ok_or((
            MSG_RANDOM_INVALID,
            "MsgRandom is missing or not a 32-bit integer".to_owned(),
        ))?;
    let Some(Value::Object(info)) = obj.get("OfflinePushInfo") else {
        return Err((
            BAD_PARAMETERS,
            "OfflinePushInfo is required and must be an object".into(),
        ));
    };
    let text = |name: &str| match info.get(name) {
        None => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err((
            BAD_PARAMETERS,
            format!("OfflinePushInfo.{name} must be a string"),
        )),
    };
    match obj.get("DataId") {
        None => {}
        Some(Value::String(id)) if id.len() <= MAX_DATA_ID => {}
        Some(Value::String(_)) => {
            return Err((
                DATA_ID_TOO_LONG,
                format!("DataId is longer than {MAX_DATA_ID} bytes"),
            ))
        }
        Some(_) => return Err((BAD_PARAMETERS, "DataId must be a string".into())),
    }
    Ok(BatchRequest {
        from: from.to_owned(),
        to,
        msg_random,
        title: text("Title")?,
        desc: text("Desc")?,
        ext: text("Ext")?,
        no_push: info.get("PushFlag").and_then(Value::as_i64) == Some(1),
    })
}

async fn batch(
    Query(query): Query<HashMap<String, String>>,
    Call(shared, _, body): Call,
) -> Response {
    let app = match authenticate(&shared, &query) {
        Ok(app) => app.clone(),
        Err((code, info)) => return refuse_batch(code, &info, Vec::new()),
    };
    if !lock(&shared.tim)
        .timpush
        .allow(&app.app_id, "batch", BATCH_PER_SECOND)
    {
        return refuse_batch(RATE_LIMITED, "REST call rate over limit", Vec::new());
    }
    let request = match check_batch(&app, &body) {
        Ok(request) => request,
        Err((code, info)) => return refuse_batch(code, &info, Vec::new()),
    };
    let (known, errors): (Vec<&String>, Vec<&String>) =
        request.to.iter().partition(|id| app.tim_user(id).is_some());
    let errors: Vec<Value> = errors
        .into_iter()
        .map(|id| json!({"To_Account": id, "ErrorCode": NO_SUCH_ACCOUNT, "ErrorInfo": "account does not exist"}))
        .collect();
    if known.is_empty() {
        // Nobody to push to: the reference shows partial success only; a batch that reaches no
        // account is refused with the accounts' code (the emulator's choice).
        return refuse_batch(NO_SUCH_ACCOUNT, "no To_Account exists", errors);
    }
    let key = (app.app_id.clone(), request.from.clone(), request.msg_random);
    let now = clock::now();
    let task_id = {
        let mut state = lock(&shared.tim);
        let instant = Instant::now();
        let batches = &mut state.timpush.batches;
        batches.retain(|_, (at, _)| instant.saturating_duration_since(*at) < BATCH_DEDUP);
        if let Some((_, task_id)) = batches.get(&key) {
            // The same push again within the second: answered like the first, pushed once.
            return batch_ok(task_id, errors);
        }
        let task_id = mint_task_id(now, &app.app_id);
        batches.insert(key, (instant, task_id.clone()));
        let tasks = &mut state.timpush.tasks;
        if tasks.len() == MAX_TASKS {
            tasks.pop_front();
        }
        tasks.push_back((app.app_id.clone(), task_id.clone(), now));
        task_id
    };
    lock(&shared.pushes).push(RecordedPush {
        vendor: Vendor::Tim,
        app_id: app.app_id.clone(),
        target: request.to.join(","),
        title: request.title.clone(),
        body: request.desc.clone(),
        ext: Some(request.ext.clone()).filter(|e| !e.is_empty()),
        test_mode: false,
        request_id: Some(request.msg_random.to_string()),
        task_id: task_id.clone(),
        payload: serde_json::from_slice(&body).unwrap_or_default(),
    });
    if !request.no_push {
        fan_out(&shared, &app, &request, &known, &task_id).await;
    }
    batch_ok(&task_id, errors)
}

/// Each receiver's device gets the push the way a message's offline push goes (only a
/// PushOnline receiver: an Online one gets it over the IM connection, an Offline one is logged
/// out). Done before answering, so a trace right after the answer sees every hop.
async fn fan_out(shared: &Shared, app: &App, request: &BatchRequest, to: &[&String], task: &str) {
    for id in to {
        let Some(user) = app.tim_user(id) else {
            continue;
        };
        if user.state != TimState::PushOnline {
            continue;
        }
        let content = ForwardedPush {
            target: String::new(),
            title: request.title.clone(),
            body: request.desc.clone(),
            ext: request.ext.clone(),
        };
        let origin = Origin::Batch {
            task_id: task.to_owned(),
        };
        // The record says what became of it; the batch's answer does not.
        let _pushed = push_to_device(shared, app, &user, content, origin).await;
    }
}

fn batch_ok(task_id: &str, errors: Vec<Value>) -> Response {
    let mut answer =
        json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "TaskId": task_id});
    if !errors.is_empty() {
        answer["ErrorList"] = Value::Array(errors);
    }
    Json(answer).into_response()
}

/// The checks the trace, statistics and loss calls share: the call itself, 1 call per second
/// per API, a JSON object body. The app and the body's fields.
pub(super) fn query_call(
    shared: &Shared,
    query: &HashMap<String, String>,
    body: &[u8],
    api: &'static str,
) -> Result<(App, Map<String, Value>), Reject> {
    let app = authenticate(shared, query)?.clone();
    if !lock(&shared.tim)
        .timpush
        .allow(&app.app_id, api, QUERY_PER_SECOND)
    {
        return Err((RATE_LIMITED, "REST call rate over limit".into()));
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => Ok((app, fields)),
        _ => Err((JSON_PARSE, "json parse failed".into())),
    }
}

/// A required non-empty string field.
pub(super) fn required<'a>(fields: &'a Map<String, Value>, name: &str) -> Result<&'a str, Reject> {
    fields
        .get(name)
        .and_then(Value::as_str)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| {
            (
                BAD_PARAMETERS,
                format!("{name} is required and must be a string"),
            )
        })
}

/// An answer of the trace, statistics and loss APIs: `ErrorInfo` is `"sucess"`, as in every
/// example Tencent publishes for them.
pub(super) fn query_ok(mut fields: Map<String, Value>) -> Response {
    fields.insert("ActionStatus".into(), json!("OK"));
    fields.insert("ErrorCode".into(), json!(0));
    fields.insert("ErrorInfo".into(), json!("sucess"));
    Json(Value::Object(fields)).into_response()
}

fn trace_answer(items: Vec<Value>) -> Response {
    let mut fields = Map::new();
    fields.insert("InstanceTrace".into(), Value::Array(items));
    query_ok(fields)
}

/// The earliest push time a trace still answers for.
fn window_start() -> u64 {
    clock::now().saturating_sub(TRACE_WINDOW_SECS)
}

/// `{"PushID"}`: the push of a message (`sendmsg`) to one device. A batch's pushes are traced
/// with `all_member_push_trace` instead.
async fn normal_push_trace(
    Query(query): Query<HashMap<String, String>>,
    Call(shared, _, body): Call,
) -> Response {
    let traced = query_call(&shared, &query, &body, "normal_push_trace").and_then(|(app, f)| {
        let push_id = required(&f, "PushID")?;
        let since = window_start();
        let state = lock(&shared.tim);
        let items: Vec<Value> = state
            .timpush
            .records
            .iter()
            .filter(|r| r.sdk_app_id == app.app_id && r.push_id == push_id)
            .filter(|r| r.task_id.is_none() && r.time >= since)
            .map(|r| instance(r, false))
            .collect();
        if items.is_empty() {
            return Err((
                NO_PUSH_RECORD,
                format!("no push record for PushID {push_id} in the last 7 days"),
            ));
        }
        Ok(items)
    });
    match traced {
        Ok(items) => trace_answer(items),
        Err((code, info)) => fail(code, &info),
    }
}

/// `{"TaskID", "UserID"}`: a batch's pushes to one receiver's devices. A known task with no push
/// to that user (Online, logged out, not a receiver) answers an empty `InstanceTrace`.
async fn all_member_push_trace(
    Query(query): Query<HashMap<String, String>>,
    Call(shared, _, body): Call,
) -> Response {
    let traced =
        query_call(&shared, &query, &body, "all_member_push_trace").and_then(|(app, f)| {
            let task = required(&f, "TaskID")?;
            let user = required(&f, "UserID")?;
            let since = window_start();
            let state = lock(&shared.tim);
            if !state.timpush.knows_task(&app.app_id, task, since) {
                return Err((
                    NO_PUSH_RECORD,
                    format!("no push record for TaskID {task} in the last 7 days"),
                ));
            }
            Ok(state
                .timpush
                .records
                .iter()
                .filter(|r| r.sdk_app_id == app.app_id && r.task_id.as_deref() == Some(task))
                .filter(|r| r.user == user)
                .map(|r| instance(r, true))
                .collect())
        });
    match traced {
        Ok(items) => trace_answer(items),
        Err((code, info)) => fail(code, &info),
    }
}

/// The emulator's own listing (not Tencent's), oldest first: `?user=`, `?task=`, `?app=`
/// narrow it. Each record's PushID, TaskId or MsgKey, user, time, platform, token and first
/// failed hop.
async fn list_push_records(
    AxumState(shared): AxumState<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let wanted = |name: &str, value: &str| query.get(name).is_none_or(|w| w == value);
    let state = lock(&shared.tim);
    let records: Vec<Value> = state
        .timpush
        .records
        .iter()
        .filter(|r| wanted("user", &r.user) && wanted("app", &r.sdk_app_id))
        .filter(|r| wanted("task", r.task_id.as_deref().unwrap_or_default()))
        .map(|r| {
            json!({
                "push_id": r.push_id,
                "task_id": r.task_id,
                "msg_key": r.msg_key,
                "app": r.sdk_app_id,
                "user": r.user,
                "time": r.time,
                "push_platform": r.platform,
                "token": r.token,
                "failed_hop": r.failed_hop().map(|h| h.as_str()),
            })
        })
        .collect();
    Json(json!({"records": records, "kept": push_records::MAX_RECORDS})).into_response()
}

// Built-in users whose pushes fail at each hop (`docs/emulator.md`), on the built-in IM app.

/// Registered its vivo token without a certificate ID: the offline decision fails (-1).
pub const BUILTIN_TIM_NOCERT_USER: &str = "nocert";
/// PushOnline without a push token: the offline decision fails (-2).
pub const BUILTIN_TIM_NOTOKEN_USER: &str = "notoken";
/// Uninstalled the app: vivo does not know the token and refuses the push (the vendor hop).
pub const BUILTIN_TIM_GONE_USER: &str = "gone";
/// The phone's notification switch for the app is off (`NotificationStatus` 0).
pub const BUILTIN_TIM_MUTED_USER: &str = "muted";
/// vivo's receipts are not configured: no device or click hop (unknown, not lost).
pub const BUILTIN_TIM_NORECEIPTS_USER: &str = "noreceipts";
/// Every hop succeeds, the click included.
pub const BUILTIN_TIM_HEALTHY_USER: &str = "healthy";
/// The vivo regId `gone` had: vivo's app never registered it (the app was uninstalled).
pub const BUILTIN_TIM_GONE_TOKEN: &str = "11111111111111111111111";

/// The users above, all PushOnline on vivo under the IM app's vivo credentials.
pub(super) fn builtin_trace_users() -> Vec<TimUser> {
    let vivo = |token: &str| PushToken {
        vendor: Vendor::Vivo,
        app_id: super::BUILTIN_TIM_VIVO_APP_ID.to_owned(),
        token: token.to_owned(),
    };
    let user = |id: &str, push: Option<PushToken>, device: DeviceState| TimUser {
        id: id.to_owned(),
        state: TimState::PushOnline,
        platform: "Android".to_owned(),
        push,
        device,
    };
    let healthy = DeviceState::default;
    vec![
        user(
            BUILTIN_TIM_NOCERT_USER,
            Some(vivo(BUILTIN_VIVO_DEVICE)),
            DeviceState {
                cert_id: Some(0),
                ..healthy()
            },
        ),
        user(BUILTIN_TIM_NOTOKEN_USER, None, healthy()),
        user(
            BUILTIN_TIM_GONE_USER,
            Some(vivo(BUILTIN_TIM_GONE_TOKEN)),
            DeviceState {
                uninstalled: true,
                ..healthy()
            },
        ),
        user(
            BUILTIN_TIM_MUTED_USER,
            Some(vivo(BUILTIN_VIVO_DEVICE)),
            DeviceState {
                notification: false,
                ..healthy()
            },
        ),
        user(
            BUILTIN_TIM_NORECEIPTS_USER,
            Some(vivo(BUILTIN_VIVO_DEVICE)),
            DeviceState {
                receipts: false,
                ..healthy()
            },
        ),
        user(
            BUILTIN_TIM_HEALTHY_USER,
            Some(vivo(BUILTIN_VIVO_DEVICE)),
            DeviceState {
                clicked: true,
                ..healthy()
            },
        ),
    ]
}

#[cfg(test)]
mod tests;
