//! Tencent IM's server REST API (`apns-fcm-tim.md` D.1-D.9): `POST
//! https://<domain>/v4/<service>/<command>?sdkappid=…&identifier=<admin>&usersig=…&random=…&contenttype=json`
//! with a JSON body, answered with `ActionStatus`, `ErrorCode` and `ErrorInfo`.
//!
//! Every call carries a UserSig made for this run (valid [`super::usersig::LIFETIME_SECS`]) and a
//! fresh `random`. `sendmsg` is sent again only when it provably did not arrive
//! ([`Repeat::IfNotReceived`]): Tencent drops only *identical* repeats within 120 s (D.4), and a
//! retry after a lost answer is identical, but a retry after 120 s or after a changed field
//! would be a second message. The queries are safe to repeat.

use serde::Serialize;
use serde_json::{Map, Value};

use super::codes;
use super::usersig;
use crate::findings::Rule;
use crate::net::{NetOptions, Repeat, Reply};
use crate::outcome::Target;
use crate::secret::{Secret, MASK};
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest};
use crate::vendors::refusal;

/// The REST domains per data centre (D.1); `[tim] region` picks one, `endpoint` overrides.
const DOMAINS: &[(&str, &str)] = &[
    ("cn", "https://console.tim.qq.com"),
    ("sgp", "https://adminapisgp.im.qcloud.com"),
    ("kr", "https://adminapikr.im.qcloud.com"),
    ("ger", "https://adminapiger.im.qcloud.com"),
    ("ind", "https://adminapiind.im.qcloud.com"),
    ("usa", "https://adminapiusa.im.qcloud.com"),
    ("jpn", "https://adminapijpn.im.qcloud.com"),
    ("idn", "https://adminapiidn.im.qcloud.com"),
];

pub const SENDMSG: &str = "/v4/openim/sendmsg";
pub const QUERY_ONLINE_STATUS: &str = "/v4/openim/query_online_status";
pub const ACCOUNT_CHECK: &str = "/v4/im_open_login_svc/account_check";

/// The base URL for `region` (`cn` when unset).
pub fn default_endpoint(region: Option<&str>) -> anyhow::Result<&'static str> {
    let region = region.map(str::trim).unwrap_or("cn");
    DOMAINS
        .iter()
        .find(|(name, _)| *name == region)
        .map(|(_, url)| *url)
        .ok_or_else(|| {
            let known: Vec<&str> = DOMAINS.iter().map(|(name, _)| *name).collect();
            anyhow::anyhow!(
                "`tim.region` is \"{region}\", not a Tencent IM data centre ({})",
                known.join(", ")
            )
        })
}

/// What every REST call is signed with.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    pub sdk_app_id: u64,
    pub secret_key: Secret,
    /// An App admin account: the `identifier` of every call (D.2).
    pub admin: String,
}

/// `OfflinePushInfo.AndroidInfo`: the fields the vendors' specs fill from the config (D.5), in
/// order; empty ones are left out, since an empty field does not override the console's value
/// anyway.
#[derive(Clone, Debug, Default)]
pub struct AndroidInfo(pub Vec<(&'static str, String)>);

impl AndroidInfo {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for AndroidInfo {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(field, value)| (field, value)))
    }
}

/// One test message for `sendmsg`.
#[derive(Clone, Debug)]
pub struct Message {
    /// The sender; `None` sends as the admin (D.4).
    pub from: Option<String>,
    pub to: String,
    pub title: String,
    pub desc: String,
    /// The ext JSON, sent as `OfflinePushInfo.Ext`, a JSON *string*.
    pub ext: String,
    /// A `TIMCustomElem` instead of a `TIMTextElem`: without a Desc, Tencent sends no push.
    pub custom: bool,
    pub android: AndroidInfo,
    /// Fresh for each message (Tencent drops identical ones within 120 s), the same on a retry.
    pub msg_random: u32,
    /// Fresh for each message too, the same on a retry. Tencent's duplicate key is sender +
    /// `MsgSeq` + `MsgRandom` + the content's CRC32 (D.4); without a `MsgSeq` the server draws
    /// a random one per request, so a repeat would not be recognised as the same message.
    pub msg_seq: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SendBody<'a> {
    sync_other_machine: u8,
    #[serde(rename = "From_Account", skip_serializing_if = "Option::is_none")]
    from_account: Option<&'a str>,
    #[serde(rename = "To_Account")]
    to_account: &'a str,
    msg_seq: u32,
    msg_random: u32,
    msg_body: Vec<Value>,
    offline_push_info: OfflinePushInfo<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct OfflinePushInfo<'a> {
    push_flag: u8,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    desc: &'a str,
    ext: &'a str,
    #[serde(skip_serializing_if = "AndroidInfo::is_empty")]
    android_info: &'a AndroidInfo,
    apns_info: ApnsInfo<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ApnsInfo<'a> {
    /// 0: the badge counts up (the default).
    badge_mode: u8,
    title: &'a str,
}

impl<'a> OfflinePushInfo<'a> {
    /// A push with `title` (also the APNs title), `desc`, the ext string and `android`'s fields
    /// (D.5); the badge counts up.
    pub(super) fn new(
        title: &'a str,
        desc: &'a str,
        ext: &'a str,
        android_info: &'a AndroidInfo,
    ) -> Self {
        OfflinePushInfo {
            push_flag: 0,
            title,
            desc,
            ext,
            android_info,
            apns_info: ApnsInfo {
                badge_mode: 0,
                title,
            },
        }
    }
}

/// 2: do not sync the test message to the sender's other devices (D.4).
const DONT_SYNC: u8 = 2;

impl Message {
    /// The `sendmsg` body (D.4, D.5), compact JSON.
    pub fn body(&self) -> String {
        let element = if self.custom {
            serde_json::json!({"MsgType": "TIMCustomElem", "MsgContent": {"Data": "pushdiag test"}})
        } else {
            serde_json::json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": self.desc}})
        };
        let body = SendBody {
            sync_other_machine: DONT_SYNC,
            from_account: self.from.as_deref(),
            to_account: &self.to,
            msg_seq: self.msg_seq,
            msg_random: self.msg_random,
            msg_body: vec![element],
            offline_push_info: OfflinePushInfo::new(
                &self.title,
                &self.desc,
                &self.ext,
                &self.android,
            ),
        };
        // Strings and integers always serialise.
        serde_json::to_string(&body).unwrap_or_default()
    }
}

/// A 32-bit random number (`random`, `MsgRandom`), from a v4 UUID's random bytes.
pub fn random_u32() -> u32 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// One user's `query_online_status` answer (D.8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserState {
    pub user: String,
    /// `Online`, `PushOnline` or `Offline`; `None` when the user is in `ErrorList`.
    pub status: Option<String>,
    pub platforms: Vec<PlatformState>,
    /// The `ErrorList` code for this user (70107: no such account).
    pub error: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformState {
    pub platform: String,
    pub status: String,
}

/// One user's `account_check` answer (D.9).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountState {
    Imported,
    NotImported,
    /// `ResultCode` other than 0.
    Failed {
        code: i64,
        info: String,
    },
}

/// A Tencent IM REST client for one app: it signs every request with a fresh UserSig.
pub type Client = crate::vendors::signed_client::Client<AppCredentials>;

impl Client {
    /// A client for the API at `base` (checked: `https://`, or `http://` on loopback only).
    pub fn new(base: &str, app: AppCredentials, net: &NetOptions) -> anyhow::Result<Client> {
        Client::at(base, SENDMSG, app, net)
    }

    /// The URL of `path` with the common query string (D.2); `usersig` is the mask in plans.
    pub(super) fn url(&self, path: &str, usersig: &str) -> anyhow::Result<reqwest::Url> {
        let mut url = crate::net::endpoint(&self.base, path)?;
        url.query_pairs_mut()
            .append_pair("sdkappid", &self.app.sdk_app_id.to_string())
            .append_pair("identifier", &self.app.admin)
            .append_pair("usersig", usersig)
            .append_pair("random", &random_u32().to_string())
            .append_pair("contenttype", "json");
        Ok(url)
    }

    /// `sendmsg` as `--dry-run` shows it: the UserSig masked.
    pub fn plan_send(&self, message: &Message) -> anyhow::Result<PlannedRequest> {
        Ok(PlannedRequest {
            method: "POST",
            url: self.url(SENDMSG, MASK)?.to_string(),
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: message.body(),
        })
    }

    /// POSTs `body` to `path` with a fresh UserSig.
    pub(super) async fn post(
        &self,
        path: &str,
        body: &str,
        repeat: Repeat,
    ) -> anyhow::Result<crate::net::Sent> {
        let usersig =
            usersig::generate_now(&self.app.secret_key, self.app.sdk_app_id, &self.app.admin);
        let url = self.url(path, usersig.expose())?;
        Ok(crate::net::post(
            &self.http,
            &url,
            "application/json",
            &[],
            body,
            self.retries,
            repeat,
        )
        .await)
    }

    /// POSTs a query (safe to repeat), asking again after a transport failure, a 5xx or 429,
    /// and also after Tencent's "internal error, retry" codes (70169, 9099x…), which come with
    /// HTTP 200.
    pub(super) async fn post_query(
        &self,
        path: &str,
        body: &str,
    ) -> anyhow::Result<crate::net::Sent> {
        let started = std::time::Instant::now();
        let mut log = Vec::new();
        let mut attempt = 1;
        loop {
            let mut sent = self.post(path, body, Repeat::Safe).await?;
            // Each asking has its own transport tries: say which asking a try belongs to, so
            // the `-v` log does not read as if it started over.
            if attempt > 1 {
                let asking = format!(" (asking {attempt} of {}): ", self.retries + 1);
                for line in &mut sent.log {
                    *line = line.replacen(": ", &asking, 1);
                }
            }
            log.append(&mut sent.log);
            let busy = match answer(&sent.reply) {
                Answer::Code { code, .. } => codes::lookup(code).is_some_and(|c| c.rule.is_none()),
                _ => false,
            };
            if !busy || attempt > self.retries {
                sent.log = log;
                sent.elapsed = started.elapsed();
                return Ok(sent);
            }
            let wait = crate::net::backoff(attempt, None);
            log.push(format!(
                "Tencent IM answered an internal-error code; asking again in {} ms",
                wait.as_millis()
            ));
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Sends one message. Its exchange: accepted with `MsgKey`, or refused with the code's
    /// finding, or unknown.
    pub async fn send(&self, message: &Message) -> anyhow::Result<Exchange> {
        let sent = self
            .post(SENDMSG, &message.body(), Repeat::IfNotReceived)
            .await?;
        let mut exchange = Exchange::new(Vendor::Tim, &message.to, &sent);
        match answer(&sent.reply) {
            Answer::Ok(map) => {
                let key = map.get("MsgKey").and_then(Value::as_str).map(str::to_owned);
                exchange.accepted(Some(0), info(&map), key);
            }
            Answer::Code { code, info } => {
                refused(
                    &mut exchange,
                    code,
                    info,
                    &format!("the message to {}", message.to),
                );
            }
            Answer::Unknown(why) => exchange.unreachable(&why),
        }
        Ok(exchange)
    }

    /// `query_online_status` with `IsNeedDetail` (D.8): the exchange, and each user's state
    /// when Tencent answered.
    pub async fn query_online_status(
        &self,
        users: &[String],
    ) -> anyhow::Result<(Exchange, Option<Vec<UserState>>)> {
        let body = serde_json::json!({"To_Account": users, "IsNeedDetail": 1}).to_string();
        let to = users.join(",");
        let what = "the online-status query";
        self.query(QUERY_ONLINE_STATUS, &body, to.as_str(), what, online_states)
            .await
    }

    /// `account_check` (D.9): the exchange, and each user's state when Tencent answered.
    pub async fn account_check(
        &self,
        users: &[String],
        target: impl Into<Target>,
    ) -> anyhow::Result<(Exchange, Option<Vec<(String, AccountState)>>)> {
        let items: Vec<Value> = users
            .iter()
            .map(|u| serde_json::json!({"UserID": u}))
            .collect();
        let body = serde_json::json!({"CheckItem": items}).to_string();
        let what = "the account check";
        self.query(ACCOUNT_CHECK, &body, target, what, account_states)
            .await
    }

    /// Posts a query to `path`: the exchange (to `target`, refused as `what`), and what `read`
    /// takes from the answer when Tencent answered. The TIMPush analysis queries
    /// (`timpush_stats.rs`) go through it too.
    pub(super) async fn query<T>(
        &self,
        path: &str,
        body: &str,
        target: impl Into<Target>,
        what: &str,
        read: fn(&Map<String, Value>) -> T,
    ) -> anyhow::Result<(Exchange, Option<T>)> {
        let sent = self.post_query(path, body).await?;
        let mut exchange = Exchange::new(Vendor::Tim, target, &sent);
        let read = match answer(&sent.reply) {
            Answer::Ok(map) => {
                exchange.accepted(Some(0), info(&map), None);
                Some(read(&map))
            }
            Answer::Code { code, info } => {
                refused(&mut exchange, code, info, what);
                None
            }
            Answer::Unknown(why) => {
                exchange.unreachable(&why);
                None
            }
        };
        Ok((exchange, read))
    }

    /// `check-config --online`: `account_check` of the admin, which proves the SDKAppID, the
    /// secret key and the admin account without sending anything. A missing admin account is a
    /// refused credential too.
    pub async fn check_credentials(&self) -> anyhow::Result<Vec<Exchange>> {
        let admin = self.app.admin.clone();
        let (mut exchange, states) = self
            .account_check(std::slice::from_ref(&admin), Target::Auth)
            .await?;
        // The call succeeding already proves the key and the admin: Tencent IM refuses a REST
        // call whose identifier is not an App admin outright (60010 / 70403, D.3), before it
        // looks at the body. What account_check says of the admin's own account is therefore
        // a note in the result, never a refusal: a console-created admin can read NotImported
        // (issue 16: the independent checks showed valid setups failed on it).
        if let Some(states) = states {
            let state = states
                .iter()
                .find(|(user, _)| *user == admin)
                .map(|(_, state)| state.clone());
            if let Some(note) = admin_state_note(&admin, state.as_ref()) {
                exchange.result.vendor_message = Some(note);
            }
        }
        Ok(vec![exchange])
    }
}

/// What the result says of the admin's account when account_check does not call it Imported:
/// a note, since the successful signed call proved the admin.
fn admin_state_note(admin: &str, state: Option<&AccountState>) -> Option<String> {
    let said = match state? {
        AccountState::Imported => return None,
        AccountState::NotImported => "NotImported".to_owned(),
        AccountState::Failed { code, info } => format!("ResultCode {code} {info:?}"),
    };
    Some(format!(
        "note: account_check reports the admin \"{admin}\" as {said}; the signed call as that \
         admin succeeded, which only an App admin can make, so the admin is valid"
    ))
}

/// Tencent's answer, read.
pub(super) enum Answer {
    Ok(Map<String, Value>),
    Code { code: i64, info: Option<String> },
    Unknown(String),
}

pub(super) fn info(map: &Map<String, Value>) -> Option<String> {
    map.get("ErrorInfo")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub(super) fn answer(reply: &Reply) -> Answer {
    match reply {
        Reply::Json { status, body } => {
            let Some(map) = body.as_object() else {
                return Answer::Unknown(format!(
                    "HTTP {status} with JSON that is not an object: not Tencent IM's answer (is the endpoint right?)"
                ));
            };
            match map.get("ErrorCode").and_then(Value::as_i64) {
                Some(0) if map.get("ActionStatus").and_then(Value::as_str) != Some("FAIL") => {
                    Answer::Ok(map.clone())
                }
                // FAIL with ErrorCode 0 contradicts itself: not an answer to act on.
                Some(0) => Answer::Unknown(format!(
                    "HTTP {status}: ActionStatus FAIL with ErrorCode 0, which Tencent IM does not send: whether it acted is unknown"
                )),
                Some(code) => Answer::Code {
                    code,
                    info: info(map),
                },
                None => Answer::Unknown(format!(
                    "HTTP {status} with JSON that has no ErrorCode: not Tencent IM's answer (is the endpoint right?)"
                )),
            }
        }
        Reply::NotJson { status, excerpt } => Answer::Unknown(format!(
            "HTTP {status} with a body that is not JSON ({excerpt:?}): not Tencent IM's answer, so whether it acted is unknown"
        )),
        Reply::Failed { error, .. } => Answer::Unknown(format!("no usable answer: {error}")),
    }
}

/// Marks the exchange refused (or unknown, for a "busy" code) with the code's finding.
pub(super) fn refused(exchange: &mut Exchange, code: i64, info: Option<String>, what: &str) {
    match codes::lookup(code) {
        Some(entry) if entry.rule.is_none() => {
            let raw = refusal::raw(codes::WORDING.code, code, info.as_deref());
            exchange.rejected(Some(code), info);
            exchange.unreachable(&format!(
                "Tencent IM answered {raw}: {}; whether it acted is unknown",
                entry.meaning
            ));
        }
        _ => {
            let doing = refusal::Doing::Request {
                what,
                default: Rule::PushRejected,
            };
            codes::refuse(exchange, doing, code, info);
        }
    }
}

/// `Status` or `State` (the intl page's spelling), D.8.
fn status_of(item: &Map<String, Value>) -> Option<String> {
    item.get("Status")
        .or_else(|| item.get("State"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn online_states(map: &Map<String, Value>) -> Vec<UserState> {
    let mut states = Vec::new();
    let items = |key: &str| {
        map.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    for item in items("QueryResult") {
        let Some(item) = item.as_object() else {
            continue;
        };
        let user = item
            .get("To_Account")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let platforms = item
            .get("Detail")
            .and_then(Value::as_array)
            .map(|detail| {
                detail
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|d| PlatformState {
                        platform: d
                            .get("Platform")
                            .and_then(Value::as_str)
                            .unwrap_or("?")
                            .to_owned(),
                        status: status_of(d).unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        states.push(UserState {
            user,
            status: status_of(item),
            platforms,
            error: None,
        });
    }
    for item in items("ErrorList") {
        let Some(item) = item.as_object() else {
            continue;
        };
        states.push(UserState {
            user: item
                .get("To_Account")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            status: None,
            platforms: Vec::new(),
            error: item.get("ErrorCode").and_then(Value::as_i64),
        });
    }
    states
}

fn account_states(map: &Map<String, Value>) -> Vec<(String, AccountState)> {
    map.get("ResultItem")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_object)
                .map(|item| {
                    let user = item
                        .get("UserID")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    let code = item.get("ResultCode").and_then(Value::as_i64).unwrap_or(0);
                    let state = if code != 0 {
                        AccountState::Failed {
                            code,
                            info: item
                                .get("ResultInfo")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_owned(),
                        }
                    } else if item.get("AccountStatus").and_then(Value::as_str) == Some("Imported")
                    {
                        AccountState::Imported
                    } else {
                        AccountState::NotImported
                    };
                    (user, state)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_pick_the_documented_domains() {
        assert_eq!(
            default_endpoint(None).ok(),
            Some("https://console.tim.qq.com")
        );
        assert_eq!(
            default_endpoint(Some("sgp")).ok(),
            Some("https://adminapisgp.im.qcloud.com")
        );
        assert_eq!(
            default_endpoint(Some("jpn")).ok(),
            Some("https://adminapijpn.im.qcloud.com")
        );
        assert!(default_endpoint(Some("mars")).is_err());
    }

    #[test]
    fn sendmsg_body_has_ext_as_a_string_and_skips_empty_fields() {
        let message = Message {
            from: None,
            to: "alice".to_owned(),
            title: "T".to_owned(),
            desc: String::new(),
            ext: r#"{"entity":{"a":1}}"#.to_owned(),
            custom: true,
            android: AndroidInfo(vec![("OPPOChannelID", "im".to_owned())]),
            msg_random: 7,
            msg_seq: 11,
        };
        let body: Value = serde_json::from_str(&message.body()).expect("json");
        assert_eq!(body["OfflinePushInfo"]["Ext"], r#"{"entity":{"a":1}}"#);
        assert!(body["OfflinePushInfo"].get("Desc").is_none());
        assert_eq!(
            body["OfflinePushInfo"]["AndroidInfo"]["OPPOChannelID"],
            "im"
        );
        assert!(body["OfflinePushInfo"]["AndroidInfo"]
            .get("XiaoMiChannelID")
            .is_none());
        assert_eq!(body["MsgBody"][0]["MsgType"], "TIMCustomElem");
        assert_eq!(body["MsgRandom"], 7);
        assert_eq!(body["MsgSeq"], 11);
        assert!(body.get("From_Account").is_none());
    }

    #[test]
    fn fail_with_error_code_0_is_no_answer_to_act_on() {
        let reply = |body: serde_json::Value| Reply::Json { status: 200, body };
        assert!(matches!(
            answer(&reply(serde_json::json!({"ActionStatus": "FAIL", "ErrorCode": 0}))),
            Answer::Unknown(why) if why.contains("FAIL with ErrorCode 0")
        ));
        assert!(matches!(
            answer(&reply(
                serde_json::json!({"ActionStatus": "OK", "ErrorCode": 0})
            )),
            Answer::Ok(_)
        ));
        assert!(matches!(
            answer(&reply(
                serde_json::json!({"ActionStatus": "FAIL", "ErrorCode": 20003})
            )),
            Answer::Code { code: 20003, .. }
        ));
    }

    #[test]
    fn online_status_reads_status_or_state() {
        let map = serde_json::json!({
            "QueryResult": [
                {"To_Account": "a", "Status": "PushOnline", "Detail": [{"Platform": "Android", "Status": "PushOnline"}]},
                {"To_Account": "b", "State": "Online", "Detail": [{"Platform": "IPhone", "State": "Online"}]}
            ],
            "ErrorList": [{"To_Account": "c", "ErrorCode": 70107}]
        });
        let states = online_states(map.as_object().expect("object"));
        assert_eq!(states[0].status.as_deref(), Some("PushOnline"));
        assert_eq!(states[1].platforms[0].status, "Online");
        assert_eq!(states[2].error, Some(70107));
    }
}
