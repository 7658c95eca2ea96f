//! Tencent's push service REST API (`timpush.md` §3): `v4/timpush/batch` (a push to UserIDs,
//! <https://trtc.io/document/67553>) and the two push trace queries, `normal_push_trace` (by
//! PushID) and `all_member_push_trace` (by TaskID and UserID,
//! <https://www.tencentcloud.com/document/product/1047/71896>), through the signed REST path of
//! `rest.rs` (same UserSig, same envelope).
//!
//! The batch is sent once: Tencent de-duplicates `MsgRandom` only "within one second" (§3.1), so
//! it is repeated only when it provably did not arrive. The traces are reads, safe to repeat;
//! they allow 1 call per second, so [`Tracer`] paces them and backs off on the rate-limit
//! answers.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{Map, Value};

use super::rest::{answer, info, refused, Answer, OfflinePushInfo};
use super::{timpush_codes, AndroidInfo, Client};
use crate::net::Repeat;
use crate::push_trace::{self, DeviceTrace};
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest};
use crate::vendors::refusal;

pub const BATCH: &str = "/v4/timpush/batch";
pub const NORMAL_PUSH_TRACE: &str = "/v4/timpush/normal_push_trace";
pub const ALL_MEMBER_PUSH_TRACE: &str = "/v4/timpush/all_member_push_trace";

/// The answers that mean "too many calls": 60007 (REST rate limit), 60011 (the app's rate
/// limit), 60018/60019 (too frequent). The trace APIs' own rate-limit code is not documented
/// (`timpush.md` §5.2), so these are the ones backed off on.
pub const RATE_LIMITED: [i64; 4] = [60007, 60011, 60018, 60019];

/// The trace APIs allow 1 call per second (§3.3, §3.4).
pub const TRACE_PACE: Duration = Duration::from_secs(1);

/// One `timpush/batch` push (§3.1).
#[derive(Clone, Debug)]
pub struct Batch {
    /// 1..500 UserIDs.
    pub to: Vec<String>,
    /// Fresh per push; Tencent drops a repeat within one second.
    pub msg_random: u32,
    pub title: String,
    pub desc: String,
    /// The ext JSON, sent as `OfflinePushInfo.Ext`, a JSON string.
    pub ext: String,
    pub android: AndroidInfo,
}

#[derive(Serialize)]
struct BatchBody<'a> {
    #[serde(rename = "From_Account")]
    from_account: &'a str,
    #[serde(rename = "To_Account")]
    to_account: &'a [String],
    #[serde(rename = "MsgRandom")]
    msg_random: u32,
    #[serde(rename = "OfflinePushInfo")]
    offline_push_info: OfflinePushInfo<'a>,
}

impl Batch {
    /// The request body, compact JSON, sent as `from` (the admin).
    pub fn body(&self, from: &str) -> String {
        let body = BatchBody {
            from_account: from,
            to_account: &self.to,
            msg_random: self.msg_random,
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

/// What `timpush/batch` answered: the task, and the receivers it refused (`ErrorList`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchAnswer {
    /// `TaskId` (note the casing: the trace request spells it `TaskID`).
    pub task_id: String,
    pub errors: Vec<BatchError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchError {
    pub user: String,
    pub code: Option<i64>,
    pub info: Option<String>,
}

/// What to trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraceQuery {
    /// `normal_push_trace`: an IM message's push, by the PushID of the `Push.OfflinePush`
    /// callback or the console's push records.
    PushId(String),
    /// `all_member_push_trace`: a `timpush/batch` or all/tag push, for one receiver.
    Task { task: String, user: String },
}

impl TraceQuery {
    pub fn path(&self) -> &'static str {
        match self {
            TraceQuery::PushId(_) => NORMAL_PUSH_TRACE,
            TraceQuery::Task { .. } => ALL_MEMBER_PUSH_TRACE,
        }
    }

    /// The request body: `{"PushID"}` or `{"TaskID","UserID"}` (§3.3, §3.4).
    pub fn body(&self) -> String {
        match self {
            TraceQuery::PushId(id) => serde_json::json!({ "PushID": id }).to_string(),
            TraceQuery::Task { task, user } => {
                serde_json::json!({ "TaskID": task, "UserID": user }).to_string()
            }
        }
    }

    fn target(&self) -> String {
        match self {
            TraceQuery::PushId(id) => id.clone(),
            TraceQuery::Task { task, user } => format!("{task}/{user}"),
        }
    }

    fn user(&self) -> Option<&str> {
        match self {
            TraceQuery::PushId(_) => None,
            TraceQuery::Task { user, .. } => Some(user),
        }
    }
}

impl Client {
    /// `timpush/batch` as `--dry-run` shows it: the UserSig masked.
    pub fn plan_batch(&self, batch: &Batch) -> anyhow::Result<PlannedRequest> {
        Ok(PlannedRequest {
            method: "POST",
            url: self.url(BATCH, crate::secret::MASK)?.to_string(),
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: batch.body(&self.app.admin),
        })
    }

    /// Sends the batch once (repeated only when it provably did not arrive): its exchange, and
    /// the task when Tencent took it.
    pub async fn batch(&self, batch: &Batch) -> anyhow::Result<(Exchange, Option<BatchAnswer>)> {
        let body = batch.body(&self.app.admin);
        let sent = self.post(BATCH, &body, Repeat::IfNotReceived).await?;
        let mut exchange = Exchange::new(Vendor::Tim, batch.to.join(",").as_str(), &sent);
        let taken = match answer(&sent.reply) {
            Answer::Ok(map) => {
                let answer = batch_answer(&map);
                exchange.accepted(Some(0), info(&map), Some(answer.task_id.clone()));
                Some(answer)
            }
            Answer::Code { code, info } => {
                refuse(&mut exchange, code, info, "the timpush/batch push");
                None
            }
            Answer::Unknown(why) => {
                exchange.unreachable(&why);
                None
            }
        };
        Ok((exchange, taken))
    }
}

/// A refusal: Tencent's push service codes first (90045 not enabled, 90057 DataId…), then the
/// IM REST codes.
fn refuse(exchange: &mut Exchange, code: i64, info: Option<String>, what: &str) {
    match timpush_codes::lookup(code) {
        Some(entry) if entry.rule.is_some() => {
            let doing = refusal::Doing::Request {
                what,
                default: crate::findings::Rule::PushRejected,
            };
            timpush_codes::refuse(exchange, doing, code, info);
        }
        _ => refused(exchange, code, info, what),
    }
}

fn batch_answer(map: &Map<String, Value>) -> BatchAnswer {
    let text = |item: &Map<String, Value>, key: &str| match item.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let errors = map
        .get("ErrorList")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_object)
                .map(|item| BatchError {
                    user: text(item, "To_Account").unwrap_or_default(),
                    code: text(item, "ErrorCode").and_then(|c| c.trim().parse().ok()),
                    info: text(item, "ErrorInfo").filter(|i| !i.is_empty()),
                })
                .collect()
        })
        .unwrap_or_default();
    BatchAnswer {
        // `TaskId`; `TaskID` accepted too, since the two APIs disagree on its casing.
        task_id: text(map, "TaskId")
            .or_else(|| text(map, "TaskID"))
            .unwrap_or_default(),
        errors,
    }
}

/// Asks the trace APIs at most once a second each, backing off on the rate-limit answers.
pub struct Tracer<'c> {
    client: &'c Client,
    last: HashMap<&'static str, Instant>,
    pace: Duration,
    /// How many times a rate-limited query is asked again.
    retries: u32,
}

impl<'c> Tracer<'c> {
    pub fn new(client: &'c Client) -> Tracer<'c> {
        Tracer {
            client,
            last: HashMap::new(),
            pace: TRACE_PACE,
            retries: 3,
        }
    }

    /// Waits until `path` may be called again.
    async fn pace(&mut self, path: &'static str) {
        if let Some(last) = self.last.get(path) {
            let next = *last + self.pace;
            let now = Instant::now();
            if next > now {
                tokio::time::sleep(next - now).await;
            }
        }
        self.last.insert(path, Instant::now());
    }

    /// One trace: the exchange, and the devices when Tencent answered. A rate-limit answer is
    /// waited out (1 s, 2 s, 4 s) and asked again; after the last try the answer is unknown.
    pub async fn trace(
        &mut self,
        query: &TraceQuery,
    ) -> anyhow::Result<(Exchange, Option<Vec<DeviceTrace>>)> {
        let path = query.path();
        let body = query.body();
        let mut log = Vec::new();
        let mut attempt = 0;
        loop {
            self.pace(path).await;
            let mut sent = self.client.post_query(path, &body).await?;
            log.append(&mut sent.log);
            let reply = answer(&sent.reply);
            if let Answer::Code { code, .. } = &reply {
                if RATE_LIMITED.contains(code) && attempt < self.retries {
                    let wait = self.pace * (1 << attempt);
                    log.push(format!(
                        "Tencent answered {code} (rate limit); asking again in {} ms",
                        wait.as_millis()
                    ));
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                    continue;
                }
            }
            sent.log = log;
            let mut exchange = Exchange::new(Vendor::Tim, query.target().as_str(), &sent);
            let devices = match reply {
                Answer::Ok(map) => {
                    exchange.accepted(Some(0), info(&map), None);
                    Some(push_trace::instances(&map, query.user()))
                }
                Answer::Code { code, info } if RATE_LIMITED.contains(&code) => {
                    exchange.rejected(Some(code), info);
                    exchange.unreachable(&format!(
                        "Tencent still answered {code} (rate limit) after {} tries: try again in a minute",
                        attempt + 1
                    ));
                    None
                }
                Answer::Code { code, info } => {
                    refuse(&mut exchange, code, info, "the push trace query");
                    None
                }
                Answer::Unknown(why) => {
                    exchange.unreachable(&why);
                    None
                }
            };
            return Ok((exchange, devices));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_body_is_the_reference_shape_with_ext_as_a_string() {
        let batch = Batch {
            to: vec!["user1".to_owned(), "user2".to_owned()],
            msg_random: 3_674_128,
            title: "Offline Push Title".to_owned(),
            desc: "Offline Push Content".to_owned(),
            ext: r#"{"entity":{}}"#.to_owned(),
            android: AndroidInfo::default(),
        };
        assert_eq!(
            batch.body("administrator"),
            r#"{"From_Account":"administrator","To_Account":["user1","user2"],"MsgRandom":3674128,"OfflinePushInfo":{"PushFlag":0,"Title":"Offline Push Title","Desc":"Offline Push Content","Ext":"{\"entity\":{}}","ApnsInfo":{"BadgeMode":0,"Title":"Offline Push Title"}}}"#
        );
    }

    #[test]
    fn trace_bodies_use_the_request_casing() {
        assert_eq!(
            TraceQuery::PushId("p".to_owned()).body(),
            r#"{"PushID":"p"}"#
        );
        let task = TraceQuery::Task {
            task: "t".to_owned(),
            user: "u".to_owned(),
        };
        assert_eq!(task.body(), r#"{"TaskID":"t","UserID":"u"}"#);
        assert_eq!(task.path(), "/v4/timpush/all_member_push_trace");
    }

    #[test]
    fn batch_answer_reads_task_id_and_error_list_leniently() {
        let map = serde_json::json!({
            "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
            "TaskId": "batch_667015d4_537529d8_2000005e80aa873_d03ac87_56f5e750",
            "ErrorList": [{"To_Account": "ghost", "ErrorCode": 70107, "ErrorInfo": "not exist"},
                          {"To_Account": "odd", "ErrorCode": "90048"}, 7]
        });
        let answer = batch_answer(map.as_object().expect("object"));
        assert_eq!(
            answer.task_id,
            "batch_667015d4_537529d8_2000005e80aa873_d03ac87_56f5e750"
        );
        assert_eq!(answer.errors.len(), 2);
        assert_eq!(answer.errors[0].code, Some(70107));
        assert_eq!(answer.errors[1].code, Some(90048));
        assert_eq!(answer.errors[1].info, None);
    }
}
