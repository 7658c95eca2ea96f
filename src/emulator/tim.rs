//! Tencent IM server REST API (`apns-fcm-tim.md` D): `POST /tim/v4/openim/sendmsg`,
//! `/tim/v4/openim/query_online_status` and `/tim/v4/im_open_login_svc/account_check`.
//!
//! Every call is checked as Tencent does: the common query string (D.2), the admin's UserSig
//! verified with the app's secret key (decode, inflate, SDKAppID, identifier, expiry, HMAC; the
//! code for each failure, D.10), the admin account. Answers are HTTP 200 with `ActionStatus`,
//! `ErrorCode` and `ErrorInfo`, as Tencent's are.
//!
//! `sendmsg` drops an identical message (sender, MsgRandom, content) within 120 s (D.4), answers
//! a custom message without any Desc without pushing (D.4), and, when the receiver is
//! PushOnline, forwards the push to the emulated vendor of the receiver's token through that
//! vendor's HTTP API, as Tencent's push service does. The client that makes that request is
//! handed in from outside (a [`Forwarder`]): the emulator judges requests, it does not make them
//! with the code it judges. The vendor records the push like any push, and [`Delivery`] records
//! what became of it.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::apns::{BUILTIN_APNS_KEY_ID, BUILTIN_APNS_SANDBOX_DEVICE};
use super::common::{require_secret, Call};
use super::registry::{App, DeviceState, PushToken, TimState, TimUser};
use super::table::{emulated, Emulated};
use super::vivo::{
    BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_APP_SECRET, BUILTIN_VIVO_DEVICE, BUILTIN_VIVO_TEST_DEVICE,
};
use super::{clock, lock, usersig, RecordedPush, Shared};
use crate::outcome::PushResult;
use crate::secret::Secret;
use crate::vendor::Vendor;

/// The endpoints under `/tim`, as fault paths name them.
pub(super) const ENDPOINTS: &[&str] = &[
    "v4/openim/sendmsg",
    "v4/openim/query_online_status",
    "v4/im_open_login_svc/account_check",
    "v4/timpush/batch",
    "v4/timpush/normal_push_trace",
    "v4/timpush/all_member_push_trace",
    "v4/timpush/normal_push_statistics",
    "v4/timpush/normal_push_loss",
];

/// This emulator's entry in the vendor table.
pub(super) const EMULATED: Emulated = emulated!(Vendor::Tim);

/// How many deliveries the emulator remembers (as many as push records).
const MAX_DELIVERIES: usize = 10_000;

/// Identical messages within this window are dropped (D.4).
const DEDUP_WINDOW: Duration = Duration::from_secs(120);
/// The message body limit (93000, D.10).
const MAX_BODY: usize = 8 * 1024;
/// Accounts per query (D.8, D.9).
const MAX_QUERY: usize = 500;
const MAX_CHECK: usize = 100;

// Error codes (D.10).
const HTTP_PARSE: i64 = 60002;
const JSON_PARSE: i64 = 60003;
const NEEDS_ADMIN: i64 = 60010;
const SDKAPPID_MISSING: i64 = 60012;
const SDKAPPID_NOT_FOUND: i64 = 70020;
const NO_SUCH_ACCOUNT: i64 = 70107;
const BAD_PARAMETERS: i64 = 70402;
const BAD_BATCH: i64 = 70206;
const SERVER_TIMEOUT: i64 = 70169;
const USER_INVALID: i64 = 20003;
const MSG_JSON: i64 = 90001;
const MSG_BODY_INVALID: i64 = 90002;
const TO_ACCOUNT_INVALID: i64 = 90003;
const MSG_RANDOM_INVALID: i64 = 90005;
const FROM_ACCOUNT_INVALID: i64 = 90008;
const FORMAT_MISMATCH: i64 = 90010;
const BODY_TOO_LONG: i64 = 93000;
/// `MsgLifeTime` over 7 days (604800 s) or below 0: 90026; not an integer: 90044 (D.10).
const LIFETIME_TOO_LONG: i64 = 90026;
const LIFETIME_NOT_INTEGER: i64 = 90044;
const MAX_LIFETIME: i64 = 7 * 24 * 60 * 60;

/// What became of a push Tencent IM forwarded to a vendor for an accepted message.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The message's `MsgKey`.
    pub msg_key: String,
    pub user: String,
    /// The vendor's answer to the forwarded push (the vendor's id in `message_id`), or why no
    /// push was made (`None`: the receiver was not PushOnline, or the message asks for none).
    pub push: Option<PushResult>,
    /// One line: what the IM server did with the message.
    pub note: String,
}

/// The push Tencent's push service makes for an accepted message: always a formal push (the IM
/// console cannot use vendors' test modes, `tim-vendor-payloads.md` §3) whose click opens the
/// app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForwardedPush {
    /// The receiver's device token.
    pub target: String,
    pub title: String,
    pub body: String,
    /// `OfflinePushInfo.Ext`, empty when the message has none.
    pub ext: String,
}

/// One push to forward: to which emulated vendor, for which of its apps.
#[derive(Clone, Debug)]
pub struct Forward {
    /// The vendor app the IM app holds credentials for (the token's `vendor` and `app-id`).
    pub app: App,
    /// The emulated vendor's base URL on this emulator, e.g. `http://127.0.0.1:PORT/vivo`; for
    /// APNs the environment the token registered in (`/apns` or `/apns-sandbox`).
    pub base_url: String,
    /// APNs: the token is a sandbox (development) one, so `base_url` is the sandbox's.
    pub sandbox: bool,
    pub push: ForwardedPush,
}

/// What a [`Forwarder`] returns: the vendor's answer to the push, or one line saying why no
/// push could be made.
pub type Forwarding<'a> = Pin<Box<dyn Future<Output = Result<PushResult, String>> + Send + 'a>>;

/// Sends a forwarded push to the vendor at [`Forward::base_url`] and reports the vendor's
/// answer. The emulator holds none of its own: whoever starts it hands one in
/// ([`super::Emulator::start_forwarding`]); without one, a push Tencent IM would make is recorded
/// as a [`Delivery`] whose note says forwarding is not configured.
pub trait Forwarder: Send + Sync {
    fn forward(&self, forward: Forward) -> Forwarding<'_>;
}

/// The de-duplication key (D.4): app, sender, MsgSeq (the request's, else the one the server
/// drew), MsgRandom, the elements as sent.
type DedupKey = (String, String, u64, u32, String);
/// When a message was taken, its MsgKey and MsgTime.
type Taken = (Instant, String, u64);

/// What Tencent IM's servers remember: recent messages for de-duplication, and deliveries.
#[derive(Default)]
pub(super) struct State {
    recent: HashMap<DedupKey, Taken>,
    /// The last [`MAX_DELIVERIES`], oldest first: memory stays bounded under load.
    deliveries: std::collections::VecDeque<Delivery>,
    /// The push service: device push records, batch de-duplication, rate limits.
    timpush: timpush::State,
}

impl State {
    pub(super) fn deliveries(&self) -> Vec<Delivery> {
        self.deliveries.iter().cloned().collect()
    }

    fn record_delivery(&mut self, delivery: Delivery) {
        if self.deliveries.len() == MAX_DELIVERIES {
            self.deliveries.pop_front();
        }
        self.deliveries.push_back(delivery);
    }

    /// The push records kept, oldest first.
    pub(super) fn push_records(&self) -> Vec<PushRecord> {
        self.timpush.records.iter().cloned().collect()
    }
}

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/v4/openim/sendmsg", post(sendmsg))
        .route("/v4/openim/query_online_status", post(query_online_status))
        .route("/v4/im_open_login_svc/account_check", post(account_check))
        .merge(timpush::routes())
}

/// "Server internal timeout, retry" (70169), for the `busy` fault.
pub(super) fn busy() -> Response {
    fail(SERVER_TIMEOUT, "server internal timeout, please retry")
}

fn fail(code: i64, info: &str) -> Response {
    Json(json!({"ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": info})).into_response()
}

fn ok(mut fields: Map<String, Value>) -> Response {
    fields.insert("ActionStatus".into(), json!("OK"));
    fields.insert("ErrorCode".into(), json!(0));
    fields.insert("ErrorInfo".into(), json!(""));
    Json(Value::Object(fields)).into_response()
}

type Reject = (i64, String);

/// The common checks of every call (D.2, D.3): the query string, the app, the UserSig, the
/// admin. The app on success.
fn authenticate<'a>(
    shared: &'a Shared,
    query: &HashMap<String, String>,
) -> Result<&'a App, Reject> {
    let param = |name: &str| query.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    if param("contenttype") != Some("json") {
        return Err((HTTP_PARSE, "contenttype must be json".into()));
    }
    if param("random")
        .and_then(|r| r.parse::<u32>().ok())
        .is_none()
    {
        return Err((
            HTTP_PARSE,
            "random must be a 32-bit unsigned integer".into(),
        ));
    }
    let Some(sdk_app_id) = param("sdkappid") else {
        return Err((SDKAPPID_MISSING, "sdkappid is missing".into()));
    };
    let app = sdk_app_id
        .parse::<u64>()
        .ok()
        .and_then(|_| shared.registry.find(Vendor::Tim, sdk_app_id))
        .ok_or_else(|| {
            (
                SDKAPPID_NOT_FOUND,
                format!("sdkappid {sdk_app_id} not found"),
            )
        })?;
    let identifier = param("identifier").unwrap_or_default();
    let sdk_app_id: u64 = sdk_app_id.parse().unwrap_or_default();
    let usersig = query.get("usersig").map(String::as_str).unwrap_or_default();
    usersig::check(
        usersig,
        &app.app_secret,
        sdk_app_id,
        identifier,
        clock::now(),
    )
    .map_err(|refusal| (refusal.code(), refusal.info()))?;
    if !app.admins.iter().any(|a| a == identifier) {
        return Err((NEEDS_ADMIN, "identifier is not an App admin".into()));
    }
    Ok(app)
}

async fn sendmsg(
    Query(query): Query<HashMap<String, String>>,
    Call(shared, _, body): Call,
) -> Response {
    let app = match authenticate(&shared, &query) {
        Ok(app) => app.clone(),
        Err((code, info)) => return fail(code, &info),
    };
    let message = match check_message(&app, &body) {
        Ok(message) => message,
        Err((code, info)) => return fail(code, &info),
    };
    let now = clock::now();
    // Without a MsgSeq the server draws one for the request ([DB] sendMessageReq.MsgSeq), so a
    // repeat that leaves it out is a new message, not a duplicate.
    let msg_seq = message.msg_seq.unwrap_or_else(|| u64::from(random_u32()));
    let dedup_key = (
        app.app_id.clone(),
        message.from.clone(),
        msg_seq,
        message.msg_random,
        message.content.clone(),
    );
    {
        let mut state = lock(&shared.tim);
        let instant = Instant::now();
        state
            .recent
            .retain(|_, (at, _, _)| instant.saturating_duration_since(*at) < DEDUP_WINDOW);
        if let Some((_, key, time)) = state.recent.get(&dedup_key) {
            // A repeat inside the window: answered like the first, delivered once (D.4).
            let mut fields = Map::new();
            fields.insert("MsgTime".into(), json!(time));
            fields.insert("MsgKey".into(), json!(key));
            return ok(fields);
        }
    }
    let msg_key = format!("{msg_seq}_{}_{now}", message.msg_random);
    lock(&shared.tim)
        .recent
        .insert(dedup_key, (Instant::now(), msg_key.clone(), now));
    lock(&shared.pushes).push(RecordedPush {
        vendor: Vendor::Tim,
        app_id: app.app_id.clone(),
        target: message.to.id.clone(),
        title: message.title.clone(),
        body: message.desc.clone().unwrap_or_default(),
        ext: message.ext.clone(),
        test_mode: false,
        request_id: Some(message.msg_random.to_string()),
        task_id: msg_key.clone(),
        payload: message.payload.clone(),
    });
    let delivery = deliver(&shared, &app, &message, &msg_key).await;
    lock(&shared.tim).record_delivery(delivery);
    let mut fields = Map::new();
    fields.insert("MsgTime".into(), json!(now));
    fields.insert("MsgKey".into(), json!(msg_key));
    ok(fields)
}

/// A message that passed the checks.
struct Message {
    from: String,
    to: TimUser,
    msg_seq: Option<u64>,
    msg_random: u32,
    /// The elements as sent: with the sender and MsgRandom, the de-duplication key (D.4).
    content: String,
    title: String,
    /// The push text: `OfflinePushInfo.Desc`, else a custom element's `Desc`, else the texts.
    desc: Option<String>,
    ext: Option<String>,
    no_push: bool,
    payload: Value,
}

fn check_message(app: &App, body: &[u8]) -> Result<Message, Reject> {
    if body.len() > MAX_BODY {
        return Err((
            BODY_TOO_LONG,
            "JSON 数据包超长，消息包体请不要超过8k".into(),
        ));
    }
    let payload: Value =
        serde_json::from_slice(body).map_err(|_| (MSG_JSON, "json parse failed".to_owned()))?;
    let obj = payload
        .as_object()
        .ok_or((MSG_JSON, "body is not a JSON object".to_owned()))?;
    let to = obj
        .get("To_Account")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or((
            TO_ACCOUNT_INVALID,
            "To_Account is missing or not a string".to_owned(),
        ))?;
    let from = match obj.get("From_Account") {
        None => app.admins.first().cloned().unwrap_or_default(),
        Some(Value::String(from)) if app.tim_user(from).is_some() => from.clone(),
        Some(_) => {
            return Err((
                FROM_ACCOUNT_INVALID,
                "From_Account is invalid or does not exist".into(),
            ))
        }
    };
    let to = app.tim_user(to).ok_or((
        USER_INVALID,
        format!("To_Account {to} is invalid or not imported"),
    ))?;
    let msg_random = obj
        .get("MsgRandom")
        .and_then(Value::as_u64)
        .and_then(|r| u32::try_from(r).ok())
        .ok_or((
            MSG_RANDOM_INVALID,
            "MsgRandom is missing or not a 32-bit integer".to_owned(),
        ))?;
    match obj.get("MsgLifeTime") {
        None => {}
        Some(value) => match value.as_i64() {
            Some(seconds) if (0..=MAX_LIFETIME).contains(&seconds) => {}
            Some(seconds) => {
                return Err((
                    LIFETIME_TOO_LONG,
                    format!(
                    "MsgLifeTime {seconds} is out of range: 0 to {MAX_LIFETIME} seconds (7 days)"
                ),
                ))
            }
            None => {
                return Err((
                    LIFETIME_NOT_INTEGER,
                    "MsgLifeTime must be an integer".to_owned(),
                ))
            }
        },
    }
    let elements = obj
        .get("MsgBody")
        .and_then(Value::as_array)
        .filter(|b| !b.is_empty())
        .ok_or((
            MSG_BODY_INVALID,
            "MsgBody is missing or not a non-empty array".to_owned(),
        ))?;
    let mut texts = String::new();
    let mut custom_desc = None;
    let mut customs = 0;
    for element in elements {
        let kind = element.get("MsgType").and_then(Value::as_str);
        let content = element.get("MsgContent").and_then(Value::as_object);
        match (kind, content) {
            (Some("TIMTextElem"), Some(content)) => {
                let text = content.get("Text").and_then(Value::as_str).ok_or((
                    FORMAT_MISMATCH,
                    "TIMTextElem.Text must be a string".to_owned(),
                ))?;
                texts.push_str(text);
            }
            (Some("TIMCustomElem"), Some(content)) => {
                customs += 1;
                custom_desc = content
                    .get("Desc")
                    .and_then(Value::as_str)
                    .filter(|d| !d.is_empty())
                    .map(str::to_owned);
            }
            (Some(_), Some(_)) => {}
            _ => {
                return Err((
                    FORMAT_MISMATCH,
                    "each MsgBody element needs MsgType and a MsgContent object".into(),
                ))
            }
        }
    }
    if customs > 1 {
        return Err((FORMAT_MISMATCH, "only one TIMCustomElem per message".into()));
    }
    let info = obj.get("OfflinePushInfo");
    if info.is_some_and(|i| !i.is_object()) {
        return Err((FORMAT_MISMATCH, "OfflinePushInfo must be an object".into()));
    }
    let field = |name: &str| -> Result<Option<String>, Reject> {
        match info.and_then(|i| i.get(name)) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err((
                FORMAT_MISMATCH,
                format!("OfflinePushInfo.{name} must be a string"),
            )),
        }
    };
    let title = field("Title")?.unwrap_or_default();
    let ext = field("Ext")?;
    let desc = field("Desc")?
        .filter(|d| !d.is_empty())
        .or(custom_desc)
        .or_else(|| (!texts.is_empty()).then_some(texts));
    let no_push = info.and_then(|i| i.get("PushFlag")).and_then(Value::as_i64) == Some(1);
    Ok(Message {
        from,
        to,
        msg_seq: obj.get("MsgSeq").and_then(Value::as_u64),
        msg_random,
        content: obj.get("MsgBody").map(Value::to_string).unwrap_or_default(),
        title,
        desc,
        ext,
        no_push,
        payload: payload.clone(),
    })
}

/// What Tencent's push service does with an accepted message: a vendor push to the receiver's
/// token when the receiver is PushOnline and the message qualifies.
async fn deliver(shared: &Shared, app: &App, message: &Message, msg_key: &str) -> Delivery {
    let user = &message.to;
    let skipped = |note: String| Delivery {
        msg_key: msg_key.to_owned(),
        user: user.id.clone(),
        push: None,
        note,
    };
    match user.state {
        TimState::Online => {
            return skipped(format!(
                "{} is Online: delivered over the IM connection, no offline push",
                user.id
            ))
        }
        TimState::Offline => {
            return skipped(format!(
                "{} is Offline (logged out, kicked or no push token): stored for roaming, no push",
                user.id
            ))
        }
        TimState::PushOnline => {}
    }
    if message.no_push {
        return skipped("OfflinePushInfo.PushFlag is 1: no offline push".to_owned());
    }
    let Some(desc) = message.desc.clone() else {
        return skipped(
            "a custom message without Desc: accepted, but Tencent IM sends no offline push"
                .to_owned(),
        );
    };
    let content = ForwardedPush {
        target: String::new(),
        title: message.title.clone(),
        body: desc,
        ext: message.ext.clone().unwrap_or_default(),
    };
    let origin = push_records::Origin::Message {
        msg_key: msg_key.to_owned(),
    };
    match push_records::push_to_device(shared, app, user, content, origin).await {
        Ok((result, token)) => Delivery {
            msg_key: msg_key.to_owned(),
            user: user.id.clone(),
            note: format!(
                "{} is PushOnline: offline push through {} to {}",
                user.id,
                token.vendor.display_name(),
                token.token
            ),
            push: Some(result),
        },
        Err(why) => skipped(why),
    }
}

/// Hands `push` to the forwarder, addressed to the emulated vendor on this emulator: the same
/// requests, signatures and checks as any vendor push.
async fn forward(shared: &Shared, app: &App, push: ForwardedPush) -> Result<PushResult, String> {
    let Some(forwarder) = &shared.forwarder else {
        return Err(format!(
            "forwarding to {} is not configured: this emulator was started without a push forwarder, so no push was made",
            app.vendor.display_name()
        ));
    };
    // APNs: the environment is the one the token registered in (Tencent IM picks the matching
    // certificate).
    let sandbox = app.vendor == Vendor::Apns && app.is_test_device(push.target.trim());
    let path = if sandbox {
        "apns-sandbox"
    } else {
        app.vendor.id()
    };
    forwarder
        .forward(Forward {
            app: app.clone(),
            base_url: format!("http://{}/{path}", shared.addr),
            sandbox,
            push,
        })
        .await
}

/// A random `u32`, as the server draws a MsgSeq.
fn random_u32() -> u32 {
    // The low 32 bits of a version-4 UUID are random.
    uuid::Uuid::new_v4().as_u128() as u32
}

/// The checks the two account queries share: the call itself (as [`authenticate`]), a JSON
/// body, and its `field` an array of 1 to `max` items. The app, the items (taken out of the
/// body) and the rest of the body on success.
fn batch_request<'a>(
    shared: &'a Shared,
    query: &HashMap<String, String>,
    body: &[u8],
    field: &str,
    max: usize,
) -> Result<(&'a App, Vec<Value>, Value), Reject> {
    let app = authenticate(shared, query)?;
    let Ok(mut body) = serde_json::from_slice::<Value>(body) else {
        return Err((JSON_PARSE, "request JSON parse error".to_owned()));
    };
    let Some(Value::Array(items)) = body.get_mut(field).map(Value::take) else {
        return Err((BAD_PARAMETERS, format!("{field} must be an array")));
    };
    if items.is_empty() || items.len() > max {
        return Err((BAD_BATCH, format!("{field} must hold 1 to {max} accounts")));
    }
    Ok((app, items, body))
}

async fn query_online_status(
    Query(query): Query<HashMap<String, String>>,
    Call(shared, _, body): Call,
) -> Response {
    let (app, users, body) = match batch_request(&shared, &query, &body, "To_Account", MAX_QUERY) {
        Ok(checked) => checked,
        Err((code, info)) => return fail(code, &info),
    };
    let detail = body.get("IsNeedDetail").and_then(Value::as_i64) == Some(1);
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for user in &users {
        let Some(id) = user.as_str() else {
            return fail(BAD_PARAMETERS, "To_Account items must be strings");
        };
        match app.tim_user(id) {
            Some(user) => {
                let mut item = json!({"To_Account": id, "Status": user.state.as_str()});
                if detail {
                    item["Detail"] = if user.state == TimState::Offline || user.platform.is_empty()
                    {
                        json!([])
                    } else {
                        json!([{"Platform": user.platform, "Status": user.state.as_str()}])
                    };
                }
                results.push(item);
            }
            None => errors.push(json!({"To_Account": id, "ErrorCode": NO_SUCH_ACCOUNT})),
        }
    }
    let mut fields = Map::new();
    fields.insert("QueryResult".into(), Value::Array(results));
    if !errors.is_empty() {
        fields.insert("ErrorList".into(), Value::Array(errors));
    }
    ok(fields)
}

async fn account_check(
    Query(query): Query<HashMap<String, String>>,
    Call(shared, _, body): Call,
) -> Response {
    let (app, items, _) = match batch_request(&shared, &query, &body, "CheckItem", MAX_CHECK) {
        Ok(checked) => checked,
        Err((code, info)) => return fail(code, &info),
    };
    let mut results = Vec::new();
    for item in &items {
        let Some(id) = item.get("UserID").and_then(Value::as_str) else {
            return fail(BAD_PARAMETERS, "CheckItem items need a UserID string");
        };
        let status = if app.tim_user(id).is_some() {
            "Imported"
        } else {
            "NotImported"
        };
        results.push(
            json!({"UserID": id, "ResultCode": 0, "ResultInfo": "", "AccountStatus": status}),
        );
    }
    let mut fields = Map::new();
    fields.insert("ResultItem".into(), Value::Array(results));
    ok(fields)
}

// The built-in apps: what the emulator serves without `--apps` (`Registry::builtin`).

/// The built-in Tencent IM app: the SDKAppID and admin of `examples/*/pushdiag.toml`.
pub const BUILTIN_TIM_SDK_APP_ID: &str = "1400000000";
pub const BUILTIN_TIM_ADMIN: &str = "administrator";
/// The built-in IM app's secret key (signs UserSig). Not a real credential; the examples read it
/// from `TIM_SECRET_KEY`, so `export TIM_SECRET_KEY=<this>` opens the emulator. 64 hex
/// characters, the console's shape.
pub const BUILTIN_TIM_SECRET_KEY: &str =
    "7e577e577e577e577e577e577e577e577e577e577e577e577e577e577e577e57";
/// Built-in IM users, one per state (`apns-fcm-tim.md` D.8): the app in the background with a vivo
/// token (a push goes out), the app in the foreground, logged out, and in the background with a
/// vivo token of an app vivo has not published yet (vivo refuses Tencent's formal push, 10045).
pub const BUILTIN_TIM_PUSH_ONLINE_USER: &str = "alice";
pub const BUILTIN_TIM_ONLINE_USER: &str = "bob";
pub const BUILTIN_TIM_OFFLINE_USER: &str = "dave";
pub const BUILTIN_TIM_UNPUBLISHED_USER: &str = "carol";
/// A built-in IM user on an iPhone, in the background with an APNs sandbox token of the
/// built-in APNs key's app: Tencent's push goes through the emulated APNs.
pub const BUILTIN_TIM_IOS_USER: &str = "erin";
/// The published vivo app whose credentials the built-in IM app holds for its users' pushes
/// (Tencent sends formal pushes: vivo's test mode is not available to the IM console).
pub const BUILTIN_TIM_VIVO_APP_ID: &str = "10024";
pub const BUILTIN_TIM_VIVO_APP_KEY: &str = "00000000-0000-4000-8000-000000000024";

/// The built-in Tencent IM apps: the published vivo app [`BUILTIN_TIM_VIVO_APP_ID`] whose
/// credentials the IM app holds, and the IM app [`BUILTIN_TIM_SDK_APP_ID`] with its users.
pub(super) fn builtin_apps() -> Vec<App> {
    vec![
        App {
            devices: vec![BUILTIN_VIVO_DEVICE.to_owned()],
            ..App::new(
                Vendor::Vivo,
                BUILTIN_TIM_VIVO_APP_ID,
                BUILTIN_TIM_VIVO_APP_KEY,
                Secret::new(BUILTIN_VIVO_APP_SECRET),
            )
        },
        builtin_tim(),
    ]
}

/// The built-in Tencent IM app (see [`BUILTIN_TIM_SDK_APP_ID`]) and its users.
fn builtin_tim() -> App {
    let user = |id: &str, state: TimState, push: Option<(&str, &str)>| TimUser {
        id: id.to_owned(),
        state,
        platform: "Android".to_owned(),
        push: push.map(|(app_id, token)| PushToken {
            vendor: Vendor::Vivo,
            app_id: app_id.to_owned(),
            token: token.to_owned(),
        }),
        device: DeviceState::default(),
    };
    let iphone_user = TimUser {
        id: BUILTIN_TIM_IOS_USER.to_owned(),
        state: TimState::PushOnline,
        platform: "iPhone".to_owned(),
        push: Some(PushToken {
            vendor: Vendor::Apns,
            app_id: BUILTIN_APNS_KEY_ID.to_owned(),
            token: BUILTIN_APNS_SANDBOX_DEVICE.to_owned(),
        }),
        device: DeviceState::default(),
    };
    let mut users = vec![
        user(
            BUILTIN_TIM_PUSH_ONLINE_USER,
            TimState::PushOnline,
            Some((BUILTIN_TIM_VIVO_APP_ID, BUILTIN_VIVO_DEVICE)),
        ),
        user(
            BUILTIN_TIM_ONLINE_USER,
            TimState::Online,
            Some((BUILTIN_TIM_VIVO_APP_ID, BUILTIN_VIVO_DEVICE)),
        ),
        user(BUILTIN_TIM_OFFLINE_USER, TimState::Offline, None),
        iphone_user,
        user(
            BUILTIN_TIM_UNPUBLISHED_USER,
            TimState::PushOnline,
            Some((BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_TEST_DEVICE)),
        ),
    ];
    users.extend(timpush::builtin_trace_users());
    App {
        admins: vec![BUILTIN_TIM_ADMIN.to_owned()],
        users,
        ..App::new(
            Vendor::Tim,
            BUILTIN_TIM_SDK_APP_ID,
            "",
            Secret::new(BUILTIN_TIM_SECRET_KEY),
        )
    }
}

/// What an apps file must give for a Tencent IM app: the secret key, an integer SDKAppID and an
/// App admin.
fn check_app(app: &App) -> anyhow::Result<()> {
    require_secret(app)?;
    if !app.app_id.bytes().all(|b| b.is_ascii_digit()) {
        anyhow::bail!(
            "app-id \"{}\": a Tencent IM SDKAppID is an integer",
            app.app_id
        );
    }
    if app.admins.is_empty() {
        anyhow::bail!("admins is empty: Tencent IM's REST API needs an App admin");
    }
    Ok(())
}

mod push_records;
mod stats;
mod timpush;
mod trace_answer;

pub use push_records::{Hop, PushRecord, Stage};
pub use timpush::{
    BUILTIN_TIM_GONE_TOKEN, BUILTIN_TIM_GONE_USER, BUILTIN_TIM_HEALTHY_USER,
    BUILTIN_TIM_MUTED_USER, BUILTIN_TIM_NOCERT_USER, BUILTIN_TIM_NORECEIPTS_USER,
    BUILTIN_TIM_NOTOKEN_USER,
};

#[cfg(test)]
mod tests;
