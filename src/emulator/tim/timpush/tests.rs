//! The push service: `timpush/batch`, the trace APIs, statistics and loss, the records they
//! answer from (made by real forwards to the emulated vendors), the listing, faults.

use crate::emulator::testutil::*;
use crate::emulator::*;

/// A call to `v4/timpush/{api}`, signed with a UserSig Tencent's library made; status and body.
async fn call_raw(emu: &Emulator, api: &str, body: &str) -> (StatusCode, Value) {
    let url = format!(
        "{}/v4/timpush/{api}?sdkappid={BUILTIN_TIM_SDK_APP_ID}&identifier={BUILTIN_TIM_ADMIN}&usersig={BUILTIN_ADMIN_USERSIG}&random=99&contenttype=json",
        emu.base_url(Vendor::Tim)
    );
    let response = client()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn call(emu: &Emulator, api: &str, body: &Value) -> Value {
    let (status, answer) = call_raw(emu, api, &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

/// The batch a real client sends: the admin, a fresh MsgRandom, OfflinePushInfo.
fn batch_body(to: &[&str], random: u32) -> Value {
    json!({
        "From_Account": BUILTIN_TIM_ADMIN,
        "To_Account": to,
        "MsgRandom": random,
        "OfflinePushInfo": {"PushFlag": 0, "Title": "T", "Desc": "D", "Ext": "{\"k\":1}"},
        "DataId": "biz-123",
    })
}

/// The built-in registry, forwarding with pushdiag's vendor clients (the real forward path).
async fn forwarding() -> Emulator {
    crate::emulated::start(builtin_config(&[])).await.unwrap()
}

/// As [`forwarding`], with `change` made to the built-in `user`'s device state.
async fn forwarding_with(user: &str, change: impl FnOnce(&mut DeviceState)) -> Emulator {
    let mut registry = Registry::builtin();
    let tim = registry.apps.iter_mut().find(|a| a.vendor == Vendor::Tim);
    let found = tim.and_then(|tim| tim.users.iter_mut().find(|u| u.id == user));
    change(&mut found.expect("a built-in user").device);
    registry.apply_uninstalled();
    let config = EmulatorConfig {
        registry,
        ..builtin_config(&[])
    };
    crate::emulated::start(config).await.unwrap()
}

/// Waits out the 1-call-per-second limit of the trace, statistics and loss APIs.
async fn next_second() {
    tokio::time::sleep(Duration::from_millis(1050)).await;
}

fn is_hex_groups(text: &str, groups: usize) -> bool {
    let parts: Vec<&str> = text.split('_').collect();
    parts.len() == groups
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[tokio::test]
async fn batch_answers_a_task_id_and_lists_unknown_accounts() {
    let emu = start(&[]).await;
    let answer = call(&emu, "batch", &batch_body(&["bob", "nobody"], 1)).await;
    assert_eq!(answer["ActionStatus"], "OK", "{answer}");
    assert_eq!(answer["ErrorCode"], 0);
    assert_eq!(answer["ErrorInfo"], "");
    let task = answer["TaskId"].as_str().unwrap();
    // `batch_667015d4_537529d8_2000005e80aa873_d03ac87_56f5e750`: the SDKAppID in the 2nd group.
    let groups = task.strip_prefix("batch_").expect(task);
    assert!(is_hex_groups(groups, 5), "{task}");
    assert_eq!(
        groups.split('_').nth(1),
        Some("53724e00"),
        "1400000000 in hex"
    );
    assert_eq!(
        answer["ErrorList"],
        json!([{"To_Account": "nobody", "ErrorCode": 70107, "ErrorInfo": "account does not exist"}])
    );
    let only_unknown = call(&emu, "batch", &batch_body(&["nobody"], 2)).await;
    assert_eq!(only_unknown["ActionStatus"], "FAIL");
    assert_eq!(only_unknown["ErrorCode"], 70107);
    assert_eq!(only_unknown["TaskId"], "");
    emu.shutdown().await;
}

/// Each refusal with the request a client would send; a refused batch has `"TaskId": ""`.
#[tokio::test]
async fn batch_refusals_carry_the_documented_codes() {
    let emu = start(&[]).await;
    let mut random = 10;
    let mut refused = |change: &dyn Fn(&mut Value)| {
        random += 1;
        let mut body = batch_body(&["bob"], random);
        change(&mut body);
        body
    };
    let cases: Vec<(Value, i64)> = vec![
        (refused(&|b| b["From_Account"] = json!("bob")), 90009),
        (
            refused(&|b| {
                b.as_object_mut()
                    .unwrap()
                    .remove("From_Account")
                    .map(drop)
                    .unwrap()
            }),
            90009,
        ),
        (
            refused(&|b| b["To_Account"] = json!(vec!["bob"; 501])),
            90018,
        ),
        (refused(&|b| b["To_Account"] = json!([])), 70402),
        (refused(&|b| b["MsgRandom"] = json!("7")), 90005),
        (refused(&|b| b["MsgRandom"] = json!(1u64 << 33)), 90005),
        (
            refused(&|b| {
                b.as_object_mut()
                    .unwrap()
                    .remove("OfflinePushInfo")
                    .map(drop)
                    .unwrap()
            }),
            70402,
        ),
        (refused(&|b| b["DataId"] = json!("x".repeat(65))), 90057),
        (refused(&|b| b["DataId"] = json!("x".repeat(64))), 0),
    ];
    for (body, code) in cases {
        let answer = call(&emu, "batch", &body).await;
        assert_eq!(answer["ErrorCode"], code, "{body} -> {answer}");
        if code != 0 {
            assert_eq!(answer["ActionStatus"], "FAIL");
            assert_eq!(answer["TaskId"], "", "{answer}");
        }
    }
    let (_, answer) = call_raw(&emu, "batch", "{\"From_Account\":").await;
    assert_eq!(
        (answer["ErrorCode"].clone(), answer["TaskId"].clone()),
        (json!(90001), json!(""))
    );
    // The common checks first: a UserSig signed for another SDKAppID is refused as for sendmsg.
    let url = format!(
        "{}/v4/timpush/batch?sdkappid=1400000000&identifier=administrator&usersig=broken&random=1&contenttype=json",
        emu.base_url(Vendor::Tim)
    );
    let (_, answer) = post(&client(), url, None, &batch_body(&["bob"], 500)).await;
    assert_eq!(answer["ActionStatus"], "FAIL");
    assert_ne!(answer["ErrorCode"], 0);
    assert_eq!(answer["TaskId"], "");
    emu.shutdown().await;
}

/// The same sender and MsgRandom within one second is one push (§3.1), answered with the same
/// TaskId.
#[tokio::test]
async fn a_repeated_batch_within_the_second_is_pushed_once() {
    let emu = forwarding().await;
    let first = call(&emu, "batch", &batch_body(&[BUILTIN_TIM_HEALTHY_USER], 42)).await;
    let again = call(&emu, "batch", &batch_body(&[BUILTIN_TIM_HEALTHY_USER], 42)).await;
    assert_eq!(first["TaskId"], again["TaskId"]);
    assert_eq!(emu.push_records().len(), 1);
    emu.shutdown().await;
}

/// The free edition's 10 batches per second; the 11th is the REST rate-limit answer.
#[tokio::test]
async fn batch_is_limited_to_ten_per_second() {
    let emu = start(&[]).await;
    let mut codes = Vec::new();
    for random in 0..11 {
        codes.push(call(&emu, "batch", &batch_body(&["bob"], random)).await["ErrorCode"].clone());
    }
    assert_eq!(codes[..10], vec![json!(0); 10][..]);
    assert_eq!(codes[10], 60007);
    emu.shutdown().await;
}

/// A batch to the built-in users that fail at each hop: the records hold each hop as it really
/// went, the vendor hop with vivo's own verdict on the forwarded push.
#[tokio::test]
async fn batch_records_each_hop_from_the_real_forward() {
    let emu = forwarding().await;
    let users = [
        BUILTIN_TIM_HEALTHY_USER,
        BUILTIN_TIM_NOCERT_USER,
        BUILTIN_TIM_NOTOKEN_USER,
        BUILTIN_TIM_GONE_USER,
        BUILTIN_TIM_MUTED_USER,
        BUILTIN_TIM_NORECEIPTS_USER,
        BUILTIN_TIM_ONLINE_USER,
    ];
    let answer = call(&emu, "batch", &batch_body(&users, 7)).await;
    let task = answer["TaskId"].as_str().unwrap().to_owned();
    let records = emu.push_records();
    let of = |user: &str| {
        records
            .iter()
            .find(|r| r.user == user)
            .cloned()
            .expect(user)
    };
    assert_eq!(records.len(), 6, "no offline push to an Online user");
    assert!(records.iter().all(|r| r.task_id.as_deref() == Some(&task)));
    assert!(
        records.iter().all(|r| is_hex_groups(&r.push_id, 5)),
        "{records:?}"
    );

    let healthy = of(BUILTIN_TIM_HEALTHY_USER);
    assert_eq!(healthy.failed_hop(), None);
    assert!(healthy.click.is_some() && healthy.device.is_some());
    assert_eq!((healthy.platform, healthy.cert_id), (7, 10004));

    let nocert = of(BUILTIN_TIM_NOCERT_USER);
    assert_eq!(nocert.failed_hop(), Some(Hop::Offline));
    assert_eq!(nocert.offline.as_ref().map(|s| s.code), Some(-1));
    assert_eq!(nocert.cert_id, 0);
    assert!(nocert.vendor.is_none(), "no push was made");

    let notoken = of(BUILTIN_TIM_NOTOKEN_USER);
    assert_eq!(
        notoken.offline.as_ref().map(|s| (s.code, s.info.as_str())),
        Some((-2, "没有上传token"))
    );
    assert_eq!(notoken.platform, 0);

    let gone = of(BUILTIN_TIM_GONE_USER);
    assert_eq!(gone.failed_hop(), Some(Hop::Vendor));
    assert_eq!(
        gone.vendor.as_ref().map(|s| s.code),
        Some(10302),
        "{gone:?}"
    );
    assert!(gone.device.is_none() && gone.click.is_none());

    let muted = of(BUILTIN_TIM_MUTED_USER);
    assert!(!muted.notification && muted.failed_hop().is_none());

    let noreceipts = of(BUILTIN_TIM_NORECEIPTS_USER);
    assert!(noreceipts.vendor.as_ref().is_some_and(|s| s.ok));
    assert!(noreceipts.device.is_none() && noreceipts.click.is_none());

    // The trace API answers the same, in Tencent's shape.
    let trace = call(
        &emu,
        "all_member_push_trace",
        &json!({"TaskID": task, "UserID": BUILTIN_TIM_GONE_USER}),
    )
    .await;
    assert_eq!(trace["ActionStatus"], "OK", "{trace}");
    assert_eq!(trace["ErrorInfo"], "sucess");
    let item = &trace["InstanceTrace"][0];
    assert_eq!(item["EventType"], 1);
    assert_eq!(item["PushPlatform"], 7);
    assert_eq!(item["System"], "Android");
    assert_eq!(item["Token"], BUILTIN_TIM_GONE_TOKEN);
    assert_eq!(item["CertId"], "10004");
    assert_eq!(item["last_active_terminal"], 1);
    assert_eq!(item["IMCommitStat"]["IMStat"]["PushStatus"], 1);
    let offline = &item["OfflinePushStat"];
    assert_eq!(offline["OfflineStat"]["ErrorCode"], 0);
    assert_eq!(offline["ChannelStat"]["ErrorCode"], 10302);
    assert_ne!(offline["ChannelStat"]["PushStatus"], 1);
    assert!(offline.get("DeviceStat").is_none() && offline.get("ClickStat").is_none());
    let time = offline["ChannelStat"]["EventTime"].as_str().unwrap();
    assert_eq!(
        (time.len(), &time[4..5], &time[13..14]),
        (19, "-", ":"),
        "{time}"
    );

    next_second().await;
    let trace = call(
        &emu,
        "all_member_push_trace",
        &json!({"TaskID": task, "UserID": BUILTIN_TIM_NORECEIPTS_USER}),
    )
    .await;
    let offline = &trace["InstanceTrace"][0]["OfflinePushStat"];
    assert_eq!(offline["ChannelStat"]["PushStatus"], 1, "{trace}");
    assert!(
        offline.get("DeviceStat").is_none(),
        "receipts off: no DeviceStat"
    );

    next_second().await;
    let online = call(
        &emu,
        "all_member_push_trace",
        &json!({"TaskID": task, "UserID": BUILTIN_TIM_ONLINE_USER}),
    )
    .await;
    assert_eq!(
        online["InstanceTrace"],
        json!([]),
        "a known task, no push to bob"
    );

    // Statistics and loss from the same records (other APIs: their own 1/s).
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let range = json!({"StartTime": now - 3600, "EndTime": now + 60});
    let stats = call(&emu, "normal_push_statistics", &range).await;
    assert_eq!(
        (
            stats["TotalCount"].clone(),
            stats["SentCount"].clone(),
            stats["DeliveredCount"].clone(),
            stats["ClickCount"].clone()
        ),
        (json!(6), json!(3), json!(2), json!(1)),
        "{stats}"
    );
    assert_eq!(stats["PlatformStatistics"][0]["PushPlatform"], 0);
    assert_eq!(stats["PlatformStatistics"][1]["TotalCount"], 5);
    let loss = call(&emu, "normal_push_loss", &range).await;
    assert_eq!(
        loss["ReadyToSendLoss"],
        json!([
            {"ErrCode": "-2", "ErrCount": 1, "ErrInfo": "没有上传token"},
            {"ErrCode": "-1", "ErrCount": 1, "ErrInfo": "没有设置证书id"},
        ]),
        "{loss}"
    );
    assert_eq!(loss["PostSendDeliveredLoss"][0]["ErrCode"], "10302");
    assert_eq!(loss["PostSendDeliveredLoss"][0]["ErrCount"], 1);
    assert_eq!(loss["PlatformReadyToSendLoss"][0]["PushPlatform"], 0);
    assert_eq!(loss["PlatformPostSendDeliveredLoss"][0]["PushPlatform"], 7);
    emu.shutdown().await;
}

/// A message's offline push gets a PushID too; `normal_push_trace` answers it with every hop, a
/// second call within the second is rate-limited, an unknown PushID has no record.
#[tokio::test]
async fn normal_push_trace_answers_a_messages_push() {
    let emu = forwarding().await;
    let url = format!(
        "{}/v4/openim/sendmsg?sdkappid={BUILTIN_TIM_SDK_APP_ID}&identifier={BUILTIN_TIM_ADMIN}&usersig={BUILTIN_ADMIN_USERSIG}&random=7&contenttype=json",
        emu.base_url(Vendor::Tim)
    );
    let message = json!({
        "To_Account": BUILTIN_TIM_HEALTHY_USER,
        "MsgRandom": 5,
        "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hello"}}],
        "OfflinePushInfo": {"Title": "T", "Desc": "D"},
    });
    let (_, sent) = post(&client(), url, None, &message).await;
    assert_eq!(sent["ErrorCode"], 0, "{sent}");
    let record = emu.push_records().pop().expect("a record");
    assert_eq!(record.msg_key.as_deref(), sent["MsgKey"].as_str());
    assert_eq!(record.task_id, None);

    let trace = call(
        &emu,
        "normal_push_trace",
        &json!({"PushID": record.push_id}),
    )
    .await;
    assert_eq!(trace["ErrorCode"], 0, "{trace}");
    let item = &trace["InstanceTrace"][0];
    assert!(item.get("EventType").is_none());
    let offline = &item["OfflinePushStat"];
    for stage in ["OfflineStat", "ChannelStat", "DeviceStat", "ClickStat"] {
        assert_eq!(
            offline[stage]
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>()),
            Some(vec![
                "ErrorCode".into(),
                "ErrorInfo".into(),
                "EventTime".into(),
                "PushStatus".into()
            ]),
            "{stage}: {trace}"
        );
        assert_eq!(offline[stage]["PushStatus"], 1);
    }
    let limited = call(
        &emu,
        "normal_push_trace",
        &json!({"PushID": record.push_id}),
    )
    .await;
    assert_eq!(limited["ErrorCode"], 60007, "{limited}");
    next_second().await;
    let unknown = call(
        &emu,
        "normal_push_trace",
        &json!({"PushID": "67120c46_1_2_3_4"}),
    )
    .await;
    assert_eq!(
        (
            unknown["ActionStatus"].clone(),
            unknown["ErrorCode"].clone()
        ),
        (json!("FAIL"), json!(90049))
    );
    next_second().await;
    let missing = call(&emu, "normal_push_trace", &json!({})).await;
    assert_eq!(missing["ErrorCode"], 70402);
    emu.shutdown().await;
}

#[tokio::test]
async fn all_member_trace_refuses_an_unknown_task_and_needs_both_fields() {
    let emu = start(&[]).await;
    let unknown = call(
        &emu,
        "all_member_push_trace",
        &json!({"TaskID": "batch_1", "UserID": "alice"}),
    )
    .await;
    assert_eq!(unknown["ErrorCode"], 90049);
    next_second().await;
    let missing = call(&emu, "all_member_push_trace", &json!({"TaskID": "batch_1"})).await;
    assert_eq!(missing["ErrorCode"], 70402);
    next_second().await;
    let (_, bad) = call_raw(&emu, "all_member_push_trace", "not json").await;
    assert_eq!(bad["ErrorCode"], 90001);
    emu.shutdown().await;
}

/// Statistics take at most 30 days, loss 7; the range must be unix seconds in order.
#[tokio::test]
async fn statistics_and_loss_check_their_ranges() {
    let emu = start(&[]).await;
    let day = 24 * 3600;
    let stats = call(
        &emu,
        "normal_push_statistics",
        &json!({"StartTime": 0, "EndTime": 31 * day}),
    )
    .await;
    assert_eq!(stats["ErrorCode"], 70402);
    let loss = call(
        &emu,
        "normal_push_loss",
        &json!({"StartTime": 0, "EndTime": 8 * day}),
    )
    .await;
    assert_eq!(loss["ErrorCode"], 70402);
    next_second().await;
    let empty = call(
        &emu,
        "normal_push_loss",
        &json!({"StartTime": 0, "EndTime": 7 * day}),
    )
    .await;
    assert_eq!(empty["ReadyToSendLoss"], json!([]), "{empty}");
    next_second().await;
    let reversed = call(
        &emu,
        "normal_push_loss",
        &json!({"StartTime": 10, "EndTime": 5}),
    )
    .await;
    assert_eq!(reversed["ErrorCode"], 70402);
    next_second().await;
    let text = call(
        &emu,
        "normal_push_statistics",
        &json!({"StartTime": "0", "EndTime": 5}),
    )
    .await;
    assert_eq!(text["ErrorCode"], 70402);
    emu.shutdown().await;
}

/// Every new endpoint can be faulted by its path; the emulator's own listing never is.
#[tokio::test]
async fn every_push_service_endpoint_takes_faults() {
    let apis = [
        "batch",
        "normal_push_trace",
        "all_member_push_trace",
        "normal_push_statistics",
        "normal_push_loss",
    ];
    let specs: Vec<String> = apis
        .iter()
        .map(|a| format!("tim/v4/timpush/{a}=busy*1"))
        .collect();
    let specs: Vec<&str> = specs.iter().map(String::as_str).collect();
    let emu = start(&specs).await;
    for api in apis {
        let answer = call(&emu, api, &batch_body(&["bob"], 1)).await;
        assert_eq!(answer["ErrorCode"], 70169, "{api}: {answer}");
    }
    assert!(emu.pushes().is_empty(), "a refused batch is not taken");
    emu.shutdown().await;

    let emu = start(&["*=status:503"]).await;
    let listing = client()
        .get(format!(
            "{}/_emulator/push_records",
            emu.base_url(Vendor::Tim)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(listing.status(), StatusCode::OK);
    emu.shutdown().await;
}

/// The emulator's own listing: each record's PushID, TaskId, user and first failed hop,
/// narrowed by user or task.
#[tokio::test]
async fn the_listing_gives_push_ids_by_user_and_task() {
    let emu = forwarding().await;
    let answer = call(
        &emu,
        "batch",
        &batch_body(&[BUILTIN_TIM_HEALTHY_USER, BUILTIN_TIM_GONE_USER], 3),
    )
    .await;
    let task = answer["TaskId"].as_str().unwrap();
    let list = |query: String| {
        let url = format!(
            "{}/_emulator/push_records?{query}",
            emu.base_url(Vendor::Tim)
        );
        async move {
            client()
                .get(url)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let gone = list(format!("user={BUILTIN_TIM_GONE_USER}")).await;
    let records = gone["records"].as_array().unwrap();
    assert_eq!(records.len(), 1, "{gone}");
    assert_eq!(records[0]["task_id"], task);
    assert_eq!(records[0]["failed_hop"], "vendor");
    assert_eq!(records[0]["push_id"], emu.push_records()[1].push_id);
    assert_eq!(
        list(format!("task={task}")).await["records"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(list("task=other".into()).await["records"], json!([]));
    emu.shutdown().await;
}

/// APNs' invalid-token verdict shows at the vendor hop: an uninstalled app's sandbox token is
/// unregistered, and the emulated APNs answers 410 Unregistered.
#[tokio::test]
async fn an_uninstalled_ios_app_is_apns_410_unregistered() {
    let emu = forwarding_with(BUILTIN_TIM_IOS_USER, |d| d.uninstalled = true).await;
    call(&emu, "batch", &batch_body(&[BUILTIN_TIM_IOS_USER], 1)).await;
    let record = emu.push_records().pop().expect("a record");
    assert_eq!((record.platform, record.system.as_str()), (1, "APNS"));
    let vendor = record.vendor.expect("a vendor hop");
    assert_eq!(
        (vendor.code, vendor.info.as_str()),
        (410, "Unregistered"),
        "{vendor:?}"
    );
    emu.shutdown().await;
}

/// The device-state keys of `[[app.users]]`; an unknown key stays an error; `uninstalled` takes
/// the token out of the vendor app's devices.
#[test]
fn apps_file_sets_device_states() {
    let base = r#"
[[app]]
vendor = "vivo"
app-id = 10004
app-key = "k"
app-secret = "s"
devices = ["123", "456"]

[[app]]
vendor = "tim"
app-id = 1400000001
app-secret = "k"
admins = ["root"]

[[app.users]]
id = "eve"
state = "push-online"
push = { vendor = "vivo", app-id = 10004, token = "123" }
notification = false
uninstalled = true
cert-id = 0
bound-cert-id = 36003
receipts = false
clicked = true
sdk-version = "7.9.5666"
push-version = "8.1.6116"
"#;
    let registry = Registry::from_toml(base).unwrap();
    let tim = registry.find(Vendor::Tim, "1400000001").unwrap();
    let eve = tim.tim_user("eve").unwrap();
    assert_eq!(
        eve.device,
        DeviceState {
            notification: false,
            uninstalled: true,
            cert_id: Some(0),
            bound_cert_id: Some(36003),
            receipts: false,
            clicked: true,
            sdk_version: "7.9.5666".into(),
            push_version: "8.1.6116".into(),
        }
    );
    let vivo = registry.find(Vendor::Vivo, "10004").unwrap();
    assert!(!vivo.knows_device("123") && vivo.knows_device("456"));
    let unknown = base.replace("clicked = true", "clicks = true");
    let error = format!("{:#}", Registry::from_toml(&unknown).unwrap_err());
    assert!(error.contains("clicks"), "{error}");
}

/// The trace reports the certificate ID the token is bound to.
#[tokio::test]
async fn a_token_bound_to_another_cert_id_shows_it() {
    let emu = forwarding_with(BUILTIN_TIM_HEALTHY_USER, |d| d.bound_cert_id = Some(36003)).await;
    let answer = call(&emu, "batch", &batch_body(&[BUILTIN_TIM_HEALTHY_USER], 1)).await;
    let trace = call(
        &emu,
        "all_member_push_trace",
        &json!({"TaskID": answer["TaskId"], "UserID": BUILTIN_TIM_HEALTHY_USER}),
    )
    .await;
    assert_eq!(trace["InstanceTrace"][0]["CertId"], "36003", "{trace}");
    emu.shutdown().await;
}
