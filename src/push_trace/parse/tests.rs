use serde_json::{json, Value};

use super::*;

fn map(value: Value) -> Map<String, Value> {
    value.as_object().expect("object").clone()
}

/// The reference's own `normal_push_trace` example (its `{…}` stages filled in as the IMStat
/// example shows them).
fn example() -> Value {
    json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"sucess",
     "InstanceTrace":[{"InstanceId":"101205908","PushTime":"2025-03-07 10:04:47","DeviceModel":"","System":"APNS",
       "SystemVersion":"","PushPlatform":1,"Token":"","CertId":"0","SdkVersion":"","PushVersion":"",
       "NotificationStatus":0,"last_active_terminal":1,
       "IMCommitStat":{"IMStat":{"PushStatus":1,"ErrorCode":0,"ErrorInfo":"success","EventTime":"2025-03-07 10:04:47"}},
       "OfflinePushStat":{"OfflineStat":{},"ChannelStat":{},"DeviceStat":{},"ClickStat":{}},
       "OnlinePushStat":{}}]})
}

#[test]
fn the_reference_example_reads_as_one_apns_device_stopped_after_the_im_hop() {
    let devices = instances(&map(example()), None);
    assert_eq!(devices.len(), 1);
    let device = &devices[0];
    assert_eq!(
        device.platform,
        Platform::Vendor(crate::vendor::Vendor::Apns)
    );
    assert_eq!(device.instance_id, "101205908");
    assert!(device.cert_id_missing());
    assert_eq!(device.notification_enabled, Some(false));
    let statuses: Vec<Status> = device.hops.iter().map(|h| h.status).collect();
    // Empty stage objects: not reached after the IM hop.
    assert_eq!(
        statuses,
        [
            Status::Ok,
            Status::NotReached,
            Status::NotReached,
            Status::NotReached,
            Status::NotReached
        ]
    );
    assert_eq!(device.hops[0].time.as_deref(), Some("2025-03-07 10:04:47"));
}

#[test]
fn codes_as_strings_unknown_enums_and_wrapped_arrays_are_read_leniently() {
    let answer = json!({"ActionStatus":"OK","ErrorCode":0,"Result":{"InstanceTrace":[
        {"InstanceId":7,"PushPlatform":"2","CertId":36003,"Token":"abcdefghijklmnopqrstuvwxyz","NotificationStatus":5,
         "IMCommitStat":{"IMStat":{"PushStatus":1,"ErrorCode":"0"}},
         "OfflinePushStat":{"OfflineStat":{"PushStatus":1,"ErrorCode":0},
                            "ChannelStat":{"PushStatus":9,"ErrorCode":0}}},
        {"PushPlatform":42,"OfflinePushStat":{"OfflineStat":{"ErrorCode":"-2","ErrorInfo":"没有上传token"}}},
        "not an object"
    ]}});
    let devices = instances(&map(answer), Some("alice"));
    assert_eq!(devices.len(), 2);
    let xiaomi = &devices[0];
    assert_eq!(xiaomi.user.as_deref(), Some("alice"));
    assert_eq!(xiaomi.instance_id, "7");
    assert_eq!(xiaomi.cert_id, "36003");
    assert_eq!(xiaomi.notification_enabled, None);
    assert_eq!(xiaomi.notification_status, Some(5));
    // PushStatus 9 is not documented: kept raw, unknown; the device hop has no data.
    assert_eq!(xiaomi.hops[2].status, Status::Unknown);
    assert_eq!(xiaomi.hops[2].push_status, Some(9));
    assert_eq!(xiaomi.short_token(), "abcdefgh…wxyz");
    let other = &devices[1];
    assert_eq!(other.platform.id(), "push-platform-42");
    // The IM stage is missing altogether: not reached; the offline stage failed with -2.
    assert_eq!(other.hops[0].status, Status::NotReached);
    assert_eq!(other.hops[1].status, Status::Failed);
    assert_eq!(other.hops[1].code, Some(-2));
}

#[test]
fn a_missing_device_stage_after_the_vendor_is_unknown_not_lost() {
    let answer = json!({"InstanceTrace":[{"PushPlatform":7,
        "IMCommitStat":{"IMStat":{"PushStatus":1,"ErrorCode":0}},
        "OfflinePushStat":{"OfflineStat":{"PushStatus":1,"ErrorCode":0},"ChannelStat":{"PushStatus":1,"ErrorCode":0}}}]});
    let device = &instances(&map(answer), None)[0];
    assert_eq!(device.hops[3].status, Status::Unknown);
    assert_eq!(device.hops[4].status, Status::Unknown);
    assert!(device.failed_hop().is_none());
}

#[test]
fn no_instance_array_is_no_device_not_a_panic() {
    assert!(instances(&map(json!({"ActionStatus":"OK"})), None).is_empty());
    assert!(instances(&map(json!({"InstanceTrace":"x"})), None).is_empty());
}

#[test]
fn ids_carry_their_minting_time() {
    // 0x67120c46 = 2024-10-18; 0x667015d4 = 2024-06-17.
    assert_eq!(
        task_age("67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421"),
        Some(0x6712_0c46)
    );
    assert_eq!(
        task_age("batch_667015d4_537529d8_2000005e80aa873_d03ac87_56f5e750"),
        Some(0x6670_15d4)
    );
    assert_eq!(task_age("48374_2837546_1557481126"), None);
    assert_eq!(task_age("zzzzzzzz_1"), None);
}
