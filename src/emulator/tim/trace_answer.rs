//! One push record as an `InstanceTrace` item, in the shape of Tencent's trace example
//! (`timpush.md` §3.3): the device fields, `IMCommitStat.IMStat` and
//! `OfflinePushStat.{OfflineStat, ChannelStat, DeviceStat, ClickStat}`. A hop that was not reached
//! (or, for arrival and click, has no receipt) has no stage object at all.

use serde_json::{json, Map, Value};
use time::{OffsetDateTime, UtcOffset};

use super::push_records::{PushRecord, Stage};

/// `PushStatus` of a stage that went well (the only value in Tencent's examples).
const PUSH_OK: i64 = 1;
/// `PushStatus` of a failed stage: not documented (§3.6, "others not found"); the emulator
/// answers 2 and a non-zero `ErrorCode`, which is what a client must judge by.
const PUSH_FAILED: i64 = 2;
/// `EventType` of an all-member trace item: 1 offline (the AllMemberPush callback's enum).
const OFFLINE_EVENT: i64 = 1;

/// The item for `record`; `all_member` adds `EventType`.
pub(super) fn instance(record: &PushRecord, all_member: bool) -> Value {
    let mut offline = Map::new();
    for (name, stage) in [
        ("OfflineStat", &record.offline),
        ("ChannelStat", &record.vendor),
        ("DeviceStat", &record.device),
        ("ClickStat", &record.click),
    ] {
        if let Some(stage) = stage {
            offline.insert(name.to_owned(), stage_object(stage));
        }
    }
    let mut item = json!({
        "InstanceId": instance_id(&record.sdk_app_id, &record.user),
        "PushTime": event_time(record.time),
        "DeviceModel": "",
        "System": record.system,
        "SystemVersion": "",
        "PushPlatform": record.platform,
        "Token": record.token,
        "CertId": record.cert_id.to_string(),
        "SdkVersion": record.sdk_version,
        "PushVersion": record.push_version,
        "NotificationStatus": i64::from(record.notification),
        // One device per user in the emulator, so it is the last active one.
        "last_active_terminal": 1,
        "IMCommitStat": {"IMStat": stage_object(&record.im)},
        "OfflinePushStat": Value::Object(offline),
    });
    if all_member {
        item["EventType"] = json!(OFFLINE_EVENT);
    }
    item
}

fn stage_object(stage: &Stage) -> Value {
    json!({
        "PushStatus": if stage.ok { PUSH_OK } else { PUSH_FAILED },
        "ErrorCode": stage.code,
        "ErrorInfo": stage.info,
        "EventTime": event_time(stage.time),
    })
}

/// A device's `InstanceId` (a string of digits): stable per app and user (FNV-1a).
fn instance_id(app: &str, user: &str) -> String {
    let hash = format!("{app}/{user}")
        .bytes()
        .fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
    (100_000_000 + u64::from(hash) % 900_000_000).to_string()
}

/// `YYYY-MM-DD hh:mm:ss`. The time zone is not stated (§3.3, open question 4); the emulator
/// answers Beijing time (UTC+8), Tencent's console's.
pub(super) fn event_time(unix: u64) -> String {
    let beijing = UtcOffset::from_hms(8, 0, 0).unwrap_or(UtcOffset::UTC);
    let at = i64::try_from(unix)
        .ok()
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(beijing);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 1741313087 is 2025-03-07 02:04:47 UTC: 10:04:47 in Beijing.
    #[test]
    fn event_times_are_beijing_time() {
        assert_eq!(event_time(1_741_313_087), "2025-03-07 10:04:47");
    }
}
