//! Reading `InstanceTrace` from a `normal_push_trace` / `all_member_push_trace` answer
//! (`timpush.md` §3.3, §3.4), leniently: Tencent's own examples disagree on types (a code as a
//! number or a string), arrays may sit under an unnamed wrapper object, stages may be missing.
//! Nothing here fails: what does not fit is kept raw or left out.

use serde_json::{Map, Value};

use super::{DeviceTrace, Hop, HopTrace, Platform, Status};

/// The devices of a trace answer; `user` is the UserID asked about, if any.
pub fn instances(answer: &Map<String, Value>, user: Option<&str>) -> Vec<DeviceTrace> {
    instance_array(answer)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_object)
                .map(|item| device(item, user))
                .collect()
        })
        .unwrap_or_default()
}

/// `InstanceTrace` at the top level, or under any one object key (the published examples wrap
/// arrays in an unnamed object; `timpush.md` §3.5, applied here too: inferred).
fn instance_array(answer: &Map<String, Value>) -> Option<&Vec<Value>> {
    const KEY: &str = "InstanceTrace";
    if let Some(items) = answer.get(KEY).and_then(Value::as_array) {
        return Some(items);
    }
    answer
        .values()
        .filter_map(Value::as_object)
        .find_map(|inner| inner.get(KEY).and_then(Value::as_array))
}

/// An integer written as a number or as a string of digits.
fn int(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A string; a number is written out (`CertId` may come as either).
fn text(item: &Map<String, Value>, key: &str) -> String {
    match item.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn non_empty(item: &Map<String, Value>, key: &str) -> Option<String> {
    Some(text(item, key)).filter(|s| !s.is_empty())
}

fn device(item: &Map<String, Value>, user: Option<&str>) -> DeviceTrace {
    let push_platform = int(item.get("PushPlatform"));
    let notification_status = int(item.get("NotificationStatus"));
    let offline = item.get("OfflinePushStat").and_then(Value::as_object);
    let stage = |hop: Hop| -> Option<&Map<String, Value>> {
        let found = match hop {
            Hop::Im => item
                .get("IMCommitStat")
                .and_then(Value::as_object)
                .and_then(|s| s.get("IMStat")),
            Hop::Offline => offline.and_then(|s| s.get("OfflineStat")),
            Hop::Vendor => offline.and_then(|s| s.get("ChannelStat")),
            Hop::Device => offline.and_then(|s| s.get("DeviceStat")),
            Hop::Click => offline.and_then(|s| s.get("ClickStat")),
        };
        found.and_then(Value::as_object).filter(|s| !s.is_empty())
    };
    let mut hops: Vec<HopTrace> = Vec::new();
    for hop in Hop::ALL {
        // A hop after one that failed or was not reached cannot have been reached either.
        let blocked = hops
            .iter()
            .any(|h| matches!(h.status, Status::Failed | Status::NotReached));
        hops.push(match stage(hop) {
            Some(stage) => hop_of(hop, stage),
            None => HopTrace {
                hop,
                // The device and click hops are reported by the vendors' receipts, which the app
                // must configure: no stage there is no data, not a loss (§3.5, inferred).
                status: match hop {
                    Hop::Device | Hop::Click if !blocked => Status::Unknown,
                    _ => Status::NotReached,
                },
                code: None,
                info: None,
                time: None,
                push_status: None,
            },
        });
    }
    DeviceTrace {
        user: user.map(str::to_owned),
        instance_id: text(item, "InstanceId"),
        platform: Platform::of(push_platform),
        push_platform,
        system: text(item, "System"),
        cert_id: text(item, "CertId"),
        token: text(item, "Token"),
        sdk_version: text(item, "SdkVersion"),
        push_version: text(item, "PushVersion"),
        notification_enabled: match notification_status {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        notification_status,
        push_time: non_empty(item, "PushTime"),
        event_type: int(item.get("EventType")),
        hops,
    }
}

/// A stage object: `ErrorCode` other than 0 is a failure; `PushStatus` 1 (the only documented
/// value) or none with code 0 is success; any other `PushStatus` is kept raw as unknown.
fn hop_of(hop: Hop, stage: &Map<String, Value>) -> HopTrace {
    // Trace stages say `ErrorCode`; loss items `ErrCode`: accept both.
    let code = int(stage.get("ErrorCode").or_else(|| stage.get("ErrCode")));
    let push_status = int(stage.get("PushStatus"));
    let status = match (code, push_status) {
        (Some(code), _) if code != 0 => Status::Failed,
        (_, None | Some(1)) => Status::Ok,
        (_, Some(_)) => Status::Unknown,
    };
    let info = non_empty(stage, "ErrorInfo").or_else(|| non_empty(stage, "ErrInfo"));
    HopTrace {
        hop,
        status,
        code,
        info,
        time: non_empty(stage, "EventTime"),
        push_status,
    }
}

/// When a PushID or TaskId was minted, in unix seconds: its first hex group (after `batch_`)
/// is a timestamp in every example (`67120c46_…` is October 2024, `batch_667015d4_…` June
/// 2024). Inferred from the format, not documented; used only to warn about the 7-day window.
pub fn task_age(id: &str) -> Option<u64> {
    let id = id.trim();
    let id = id.strip_prefix("batch_").unwrap_or(id);
    let (first, rest) = id.split_once('_')?;
    if first.len() != 8 || rest.is_empty() {
        return None;
    }
    u64::from_str_radix(first, 16).ok()
}

#[cfg(test)]
mod tests;
