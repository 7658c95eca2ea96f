//! `v4/timpush/normal_push_statistics` and `v4/timpush/normal_push_loss` (`timpush.md` §3.5),
//! computed from the push records of the time range asked.
//!
//! The counts, as the emulator defines them (Tencent's pages give only the names 可发送数量,
//! 发送数量, 触达数量, 点击数量): `TotalCount` every device push, `SentCount` those the vendor
//! accepted, `DeliveredCount` those whose arrival was reported, `ClickCount` those clicked. Loss:
//! `ReadyToSendLoss` the pushes the offline decision stopped (-1, -2), `PostSendDeliveredLoss`
//! those the vendor refused, grouped by code and text, largest first; `ErrCode` is a string, as
//! in Tencent's example.

use std::collections::{BTreeMap, HashMap};

use axum::extract::Query;
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::push_records::{PushRecord, Stage};
use super::timpush::{query_call, query_ok, BAD_PARAMETERS};
use super::{fail, Reject, Shared};
use crate::emulator::common::Call;
use crate::emulator::lock;

/// The longest range each API accepts (§3.5).
const STATISTICS_RANGE: u64 = 30 * 24 * 3600;
const LOSS_RANGE: u64 = 7 * 24 * 3600;

pub(super) async fn normal_push_statistics(
    Query(query): Query<HashMap<String, String>>,
    Call(shared, _, body): Call,
) -> Response {
    answer(
        &shared,
        &query,
        &body,
        "normal_push_statistics",
        STATISTICS_RANGE,
        statistics,
    )
}

pub(super) async fn normal_push_loss(
    Query(query): Query<HashMap<String, String>>,
    Call(shared, _, body): Call,
) -> Response {
    answer(&shared, &query, &body, "normal_push_loss", LOSS_RANGE, loss)
}

/// Checks the call and its range, then answers `compute` of the app's records in the range.
fn answer(
    shared: &Shared,
    query: &HashMap<String, String>,
    body: &[u8],
    api: &'static str,
    longest: u64,
    compute: fn(&[&PushRecord]) -> Map<String, Value>,
) -> Response {
    let computed = query_call(shared, query, body, api).and_then(|(app, fields)| {
        let (start, end) = range(&fields, longest)?;
        let state = lock(&shared.tim);
        let records: Vec<&PushRecord> = state
            .timpush
            .records
            .iter()
            .filter(|r| r.sdk_app_id == app.app_id && (start..=end).contains(&r.time))
            .collect();
        Ok(compute(&records))
    });
    match computed {
        Ok(fields) => query_ok(fields),
        Err((code, info)) => fail(code, &info),
    }
}

/// `StartTime` and `EndTime` (unix seconds), in order and at most `longest` apart. The pages name
/// no code for a bad range: "bad parameters" (70402), the emulator's choice.
fn range(fields: &Map<String, Value>, longest: u64) -> Result<(u64, u64), Reject> {
    let time = |name: &str| {
        fields.get(name).and_then(Value::as_u64).ok_or_else(|| {
            (
                BAD_PARAMETERS,
                format!("{name} is required and must be unix seconds"),
            )
        })
    };
    let (start, end) = (time("StartTime")?, time("EndTime")?);
    if end < start {
        return Err((BAD_PARAMETERS, "EndTime is before StartTime".into()));
    }
    if end - start > longest {
        return Err((
            BAD_PARAMETERS,
            format!("the range is longer than {} days", longest / (24 * 3600)),
        ));
    }
    Ok((start, end))
}

fn reached(stage: &Option<Stage>) -> bool {
    stage.as_ref().is_some_and(|s| s.ok)
}

fn counts(records: &[&PushRecord]) -> [(&'static str, usize); 4] {
    [
        ("TotalCount", records.len()),
        (
            "SentCount",
            records.iter().filter(|r| reached(&r.vendor)).count(),
        ),
        (
            "DeliveredCount",
            records.iter().filter(|r| reached(&r.device)).count(),
        ),
        (
            "ClickCount",
            records.iter().filter(|r| reached(&r.click)).count(),
        ),
    ]
}

fn statistics(records: &[&PushRecord]) -> Map<String, Value> {
    let mut fields: Map<String, Value> = counts(records)
        .into_iter()
        .map(|(name, n)| (name.to_owned(), json!(n)))
        .collect();
    let mut by_platform: BTreeMap<u8, Vec<&PushRecord>> = BTreeMap::new();
    for record in records {
        by_platform.entry(record.platform).or_default().push(record);
    }
    let platforms: Vec<Value> = by_platform
        .into_iter()
        .map(|(platform, records)| {
            let mut item = Map::new();
            item.insert("PushPlatform".into(), json!(platform));
            for (name, n) in counts(&records) {
                item.insert(name.into(), json!(n));
            }
            Value::Object(item)
        })
        .collect();
    fields.insert("PlatformStatistics".into(), Value::Array(platforms));
    fields
}

fn loss(records: &[&PushRecord]) -> Map<String, Value> {
    let failed = |stage: &Option<Stage>| stage.as_ref().filter(|s| !s.ok).cloned();
    let ready: Vec<(u8, Stage)> = records
        .iter()
        .filter_map(|r| failed(&r.offline).map(|s| (r.platform, s)))
        .collect();
    let post: Vec<(u8, Stage)> = records
        .iter()
        .filter_map(|r| failed(&r.vendor).map(|s| (r.platform, s)))
        .collect();
    let mut fields = Map::new();
    fields.insert("ReadyToSendLoss".into(), buckets(&ready, false));
    fields.insert("PostSendDeliveredLoss".into(), buckets(&post, false));
    fields.insert("PlatformReadyToSendLoss".into(), buckets(&ready, true));
    fields.insert("PlatformPostSendDeliveredLoss".into(), buckets(&post, true));
    fields
}

/// The failures grouped by code and text (and platform when `per_platform`), largest first.
fn buckets(failures: &[(u8, Stage)], per_platform: bool) -> Value {
    let mut groups: BTreeMap<(Option<u8>, i64, &str), usize> = BTreeMap::new();
    for (platform, stage) in failures {
        let platform = per_platform.then_some(*platform);
        *groups
            .entry((platform, stage.code, stage.info.as_str()))
            .or_default() += 1;
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let items = groups
        .into_iter()
        .map(|((platform, code, info), count)| {
            let mut item = Map::new();
            if let Some(platform) = platform {
                item.insert("PushPlatform".into(), json!(platform));
            }
            item.insert("ErrCode".into(), json!(code.to_string()));
            item.insert("ErrCount".into(), json!(count));
            item.insert("ErrInfo".into(), json!(info));
            Value::Object(item)
        })
        .collect();
    Value::Array(items)
}
