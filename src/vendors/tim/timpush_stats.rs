//! TIMPush's app-wide analysis queries (`timpush.md` §3.5): `v4/timpush/normal_push_statistics`
//! (sent, delivered, clicked per platform; at most 30 days) and `v4/timpush/normal_push_loss`
//! (where pushes were lost, by code; at most 7 days). Both take `{"StartTime":…,"EndTime":…}`
//! in unix seconds and go through the same signed REST path as every Tencent IM call.
//!
//! Tencent allows one call a second to each of them: a run asks each once, and after the REST
//! rate-limit answer (60007, `apns-fcm-tim.md` D.10) waits at least a second and asks again —
//! these are reads, safe to repeat.
//!
//! Parsing is lenient where Tencent's own examples disagree (§3.5): `ErrCode` is a string in the
//! loss answer, but a number is taken too; the published example wraps the arrays in an unnamed
//! object (which is not valid JSON), so an array is looked for at the top level and then under
//! any one object-valued key. A `PushPlatform` is kept as the raw number: the model names it,
//! and shows an unknown one as it came.

use std::time::Duration;

use serde_json::{Map, Value};

use super::Client;
use crate::vendors::push::Exchange;

pub const NORMAL_PUSH_STATISTICS: &str = "/v4/timpush/normal_push_statistics";
pub const NORMAL_PUSH_LOSS: &str = "/v4/timpush/normal_push_loss";

/// The REST rate-limit answer (D.10): nothing was done, ask again after a pause.
pub const RATE_LIMITED: i64 = 60007;

/// Tencent allows one call a second to each analysis API (§3.5).
const PACE: Duration = Duration::from_secs(1);

/// The window both queries take: unix seconds, start before end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeWindow {
    pub start: i64,
    pub end: i64,
}

impl TimeWindow {
    /// The request body, byte for byte as the reference shows it: `{"StartTime":S,"EndTime":E}`.
    pub fn body(&self) -> String {
        format!("{{\"StartTime\":{},\"EndTime\":{}}}", self.start, self.end)
    }
}

/// Sent / delivered / clicked counts (`TotalCount` 可发送数量 = the pushes that could be sent).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: u64,
    pub sent: u64,
    pub delivered: u64,
    pub clicked: u64,
}

/// `normal_push_statistics`' answer: the app-wide counts and one row per `PushPlatform`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statistics {
    pub counts: Counts,
    pub platforms: Vec<(i64, Counts)>,
}

/// Which list of the loss answer a bucket came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossStage {
    /// `ReadyToSendLoss`: lost before the push went to a vendor (no cert ID, no token).
    ReadyToSend,
    /// `PostSendDeliveredLoss`: the vendor took the push but it was not delivered.
    PostSend,
}

/// One row of a loss list: `{PushPlatform?, ErrCode, ErrCount, ErrInfo}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LossRow {
    pub stage: LossStage,
    /// Only in the `Platform…` lists.
    pub platform: Option<i64>,
    /// As sent: a string in Tencent's example, a number accepted too.
    pub code: String,
    pub count: u64,
    pub info: String,
}

/// `normal_push_loss`' answer: the app-wide rows, then the per-platform rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LossAnswer {
    pub rows: Vec<LossRow>,
    pub platform_rows: Vec<LossRow>,
}

impl Client {
    /// `normal_push_statistics` for `window` (at most 30 days; the caller checks).
    pub async fn normal_push_statistics(
        &self,
        window: TimeWindow,
    ) -> anyhow::Result<(Exchange, Option<Statistics>)> {
        let what = "the push statistics query";
        self.paced(NORMAL_PUSH_STATISTICS, window, what, statistics)
            .await
    }

    /// `normal_push_loss` for `window` (at most 7 days; the caller checks).
    pub async fn normal_push_loss(
        &self,
        window: TimeWindow,
    ) -> anyhow::Result<(Exchange, Option<LossAnswer>)> {
        let what = "the push loss query";
        self.paced(NORMAL_PUSH_LOSS, window, what, loss).await
    }

    /// One analysis query, asked again (a second or more later) while Tencent answers 60007.
    async fn paced<T>(
        &self,
        path: &str,
        window: TimeWindow,
        what: &str,
        read: fn(&Map<String, Value>) -> T,
    ) -> anyhow::Result<(Exchange, Option<T>)> {
        let body = window.body();
        let mut log = Vec::new();
        let mut attempt = 1;
        loop {
            let (mut exchange, read) = self.query(path, &body, path, what, read).await?;
            log.append(&mut exchange.log);
            let limited = exchange.result.vendor_code
                == Some(crate::outcome::AnswerCode::Number(RATE_LIMITED));
            if !limited || attempt > self.retries {
                exchange.log = log;
                if limited {
                    // Still rate-limited after every try: not a refusal of the app, an answer
                    // to ask for again later (exit 3).
                    exchange.finding = None;
                    exchange.unreachable(&format!(
                        "Tencent IM still answered 60007 (REST rate limit) after {attempt} tries"
                    ));
                }
                return Ok((exchange, read));
            }
            let wait = rate_limit_wait(attempt);
            log.push(format!(
                "Tencent IM answered 60007 (REST rate limit) to {path}; asking again in {} ms",
                wait.as_millis()
            ));
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

/// The pause before asking again after 60007: at least the API's one second, doubling, at
/// most 10 s.
fn rate_limit_wait(attempt: u32) -> Duration {
    (PACE * 2u32.saturating_pow(attempt.saturating_sub(1).min(4))).min(Duration::from_secs(10))
}

/// `key`'s value at the top level, or else under the one object-valued key that holds it (the
/// published example's unnamed wrapper).
fn lenient<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).or_else(|| {
        map.values()
            .filter_map(Value::as_object)
            .find_map(|inner| inner.get(key))
    })
}

/// A count: a non-negative integer, or a string of one; anything else counts 0.
fn count(value: Option<&Value>) -> u64 {
    match value {
        Some(Value::Number(n)) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .unwrap_or(0),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

/// A code or a platform: a number, or a string of one.
fn integer(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A code as text: a string as sent, a number written out.
fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn counts<'a>(get: impl Fn(&str) -> Option<&'a Value>) -> Counts {
    Counts {
        total: count(get("TotalCount")),
        sent: count(get("SentCount")),
        delivered: count(get("DeliveredCount")),
        clicked: count(get("ClickCount")),
    }
}

/// Reads `normal_push_statistics`' answer.
pub fn statistics(map: &Map<String, Value>) -> Statistics {
    let platforms = lenient(map, "PlatformStatistics")
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .filter_map(Value::as_object)
                .map(|row| {
                    let platform = integer(row.get("PushPlatform")).unwrap_or(0);
                    (platform, counts(|key| row.get(key)))
                })
                .collect()
        })
        .unwrap_or_default();
    Statistics {
        counts: counts(|key| lenient(map, key)),
        platforms,
    }
}

/// Reads `normal_push_loss`' answer.
pub fn loss(map: &Map<String, Value>) -> LossAnswer {
    let rows = |key: &str, stage: LossStage| -> Vec<LossRow> {
        lenient(map, key)
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter()
                    .filter_map(Value::as_object)
                    .map(|row| LossRow {
                        stage,
                        platform: integer(row.get("PushPlatform")),
                        code: text(row.get("ErrCode")),
                        count: count(row.get("ErrCount")),
                        info: text(row.get("ErrInfo")),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    LossAnswer {
        rows: [
            rows("ReadyToSendLoss", LossStage::ReadyToSend),
            rows("PostSendDeliveredLoss", LossStage::PostSend),
        ]
        .concat(),
        platform_rows: [
            rows("PlatformReadyToSendLoss", LossStage::ReadyToSend),
            rows("PlatformPostSendDeliveredLoss", LossStage::PostSend),
        ]
        .concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().expect("object")
    }

    #[test]
    fn the_body_is_byte_exact() {
        let window = TimeWindow {
            start: 1_700_000_000,
            end: 1_700_086_400,
        };
        assert_eq!(
            window.body(),
            r#"{"StartTime":1700000000,"EndTime":1700086400}"#
        );
    }

    /// The reference's example, with its `…` placeholder filled in.
    #[test]
    fn loss_reads_the_reference_example() {
        let answer = loss(&object(serde_json::json!({
            "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "sucess",
            "ReadyToSendLoss": [{"ErrCode": "-1", "ErrCount": 167, "ErrInfo": "没有设置证书id"}, {"ErrCode": "-2", "ErrCount": 125, "ErrInfo": "没有上传token"}],
            "PostSendDeliveredLoss": [{"ErrCode": "1", "ErrCount": 217, "ErrInfo": "regid_invalid"}, {"ErrCode": "410", "ErrCount": 35, "ErrInfo": "Unregistered"}],
            "PlatformReadyToSendLoss": [{"PushPlatform": 1, "ErrCode": "-1", "ErrCount": 5, "ErrInfo": "没有设置证书id"}],
            "PlatformPostSendDeliveredLoss": [{"PushPlatform": 2, "ErrCode": "1", "ErrCount": 217, "ErrInfo": "regid_invalid"}]
        })));
        assert_eq!(answer.rows.len(), 4);
        assert_eq!(answer.rows[0].code, "-1");
        assert_eq!(answer.rows[0].count, 167);
        assert_eq!(answer.rows[0].stage, LossStage::ReadyToSend);
        assert_eq!(answer.rows[3].stage, LossStage::PostSend);
        assert_eq!(answer.rows[3].info, "Unregistered");
        assert_eq!(answer.platform_rows[0].platform, Some(1));
        assert_eq!(answer.platform_rows[1].platform, Some(2));
    }

    /// Tencent's example wraps the arrays in an unnamed object; a number for ErrCode (as in
    /// trace) and a string for ErrCount are read too.
    #[test]
    fn loss_reads_a_wrapper_object_and_numbers_as_strings() {
        let answer = loss(&object(serde_json::json!({
            "ActionStatus": "OK", "ErrorCode": 0,
            "Data": {"ReadyToSendLoss": [{"ErrCode": -1, "ErrCount": "7", "ErrInfo": "x"}]}
        })));
        assert_eq!(answer.rows[0].code, "-1");
        assert_eq!(answer.rows[0].count, 7);
    }

    #[test]
    fn hostile_rows_are_skipped_or_zero_never_a_panic() {
        let answer = loss(&object(serde_json::json!({
            "ReadyToSendLoss": [1, null, {"ErrCode": {"a": 1}, "ErrCount": -3}, {"ErrCount": 1e300}],
            "PostSendDeliveredLoss": "not a list"
        })));
        assert_eq!(answer.rows.len(), 2);
        assert_eq!(answer.rows[0].count, 0);
        assert_eq!(answer.rows[0].code, r#"{"a":1}"#);
        assert_eq!(answer.rows[1].code, "");
    }

    #[test]
    fn statistics_reads_totals_and_platforms_with_unknown_ones_kept_raw() {
        let stats = statistics(&object(serde_json::json!({
            "ActionStatus": "OK", "ErrorCode": 0,
            "TotalCount": 100, "SentCount": 90, "DeliveredCount": 80, "ClickCount": 5,
            "PlatformStatistics": [
                {"PushPlatform": 1, "TotalCount": 60, "SentCount": 55, "DeliveredCount": 50, "ClickCount": 3},
                {"PushPlatform": 42, "TotalCount": 40, "SentCount": 35, "DeliveredCount": 30, "ClickCount": 2}
            ]
        })));
        assert_eq!(
            stats.counts,
            Counts {
                total: 100,
                sent: 90,
                delivered: 80,
                clicked: 5
            }
        );
        assert_eq!(stats.platforms[1].0, 42);
        assert_eq!(stats.platforms[0].1.delivered, 50);
    }

    #[test]
    fn statistics_under_a_wrapper_object() {
        let stats = statistics(&object(serde_json::json!({
            "ActionStatus": "OK", "ErrorCode": 0,
            "Result": {"TotalCount": 3, "PlatformStatistics": [{"PushPlatform": 7, "TotalCount": 3}]}
        })));
        assert_eq!(stats.counts.total, 3);
        assert_eq!(
            stats.platforms,
            vec![(
                7,
                Counts {
                    total: 3,
                    ..Counts::default()
                }
            )]
        );
    }

    #[test]
    fn the_wait_after_60007_is_at_least_a_second_and_bounded() {
        assert_eq!(rate_limit_wait(1), Duration::from_secs(1));
        assert_eq!(rate_limit_wait(2), Duration::from_secs(2));
        assert_eq!(rate_limit_wait(40), Duration::from_secs(10));
    }
}
