//! Tencent IM: apps files with users, and what the server does with a push to forward.

use std::sync::{Arc, Mutex};

use crate::emulator::registry::{PushToken, Registry, TimState};
use crate::emulator::testutil::*;
use crate::emulator::{
    Emulator, Forward, ForwardedPush, Forwarder, Forwarding, BUILTIN_APNS_KEY_ID,
    BUILTIN_APNS_SANDBOX_DEVICE, BUILTIN_TIM_ADMIN, BUILTIN_TIM_IOS_USER,
    BUILTIN_TIM_PUSH_ONLINE_USER, BUILTIN_TIM_SDK_APP_ID, BUILTIN_TIM_VIVO_APP_ID,
    BUILTIN_VIVO_DEVICE,
};
use crate::outcome::{Outcome, PushResult, Target};
use crate::vendor::Vendor;

#[test]
fn apps_file_registers_tim_users_with_states_and_tokens() {
    let registry = Registry::from_toml(
        r#"
[[app]]
vendor = "tim"
app-id = 1400000001
app-secret = "k"
admins = ["root"]

[[app.users]]
id = "eve"
state = "push-online"
push = { vendor = "vivo", app-id = 10004, token = "123" }

[[app.users]]
id = "mallory"
state = "offline"
platform = "iPhone"
"#,
    )
    .expect("parses");
    let app = registry
        .find(Vendor::Tim, "1400000001")
        .expect("registered");
    let eve = app.tim_user("eve").expect("eve");
    assert_eq!(eve.state, TimState::PushOnline);
    assert_eq!(eve.platform, "Android");
    assert_eq!(
        eve.push,
        Some(PushToken {
            vendor: Vendor::Vivo,
            app_id: "10004".into(),
            token: "123".into()
        })
    );
    assert_eq!(
        app.tim_user("mallory").map(|u| u.platform),
        Some("iPhone".into())
    );
    assert!(app.tim_user("root").is_some(), "an admin is an account");
    assert!(app.tim_user("nobody").is_none());
}

#[test]
fn apps_file_errors_name_the_field() {
    let bad = |text: &str| format!("{:#}", Registry::from_toml(text).expect_err("refused"));
    let base = "[[app]]\nvendor = \"tim\"\napp-id = 1400000001\napp-secret = \"k\"\n";
    assert!(bad(base).contains("admins is empty"));
    let state = format!("{base}admins = [\"a\"]\n[[app.users]]\nid = \"x\"\nstate = \"away\"\n");
    assert!(bad(&state).contains("state = \"away\""), "{}", bad(&state));
    let vendor = format!(
        "{base}admins = [\"a\"]\n[[app.users]]\nid = \"x\"\nstate = \"online\"\npush = {{ vendor = \"tim\", app-id = 1, token = \"t\" }}\n"
    );
    assert!(bad(&vendor).contains("not an emulated push vendor"));
    let id = "[[app]]\nvendor = \"tim\"\napp-id = \"abc\"\napp-secret = \"k\"\nadmins = [\"a\"]\n";
    assert!(bad(id).contains("SDKAppID is an integer"));
}

/// Records what it is asked to forward and answers that the vendor accepted it.
#[derive(Default)]
struct Recorder {
    asked: Mutex<Vec<Forward>>,
}

impl Forwarder for Recorder {
    fn forward(&self, forward: Forward) -> Forwarding<'_> {
        let result = PushResult {
            vendor: forward.app.vendor,
            target: Target::Device(forward.push.target.clone()),
            outcome: Outcome::Accepted,
            http_status: Some(200),
            vendor_code: Some(crate::outcome::AnswerCode::Number(0)),
            vendor_message: None,
            message_id: Some("recorded".to_owned()),
            elapsed_ms: 0,
        };
        self.asked.lock().unwrap().push(forward);
        Box::pin(async move { Ok(result) })
    }
}

/// `sendmsg` from the admin to `to`, signed with a UserSig Tencent's library made; the answer.
async fn sendmsg(emu: &Emulator, to: &str, random: u32) -> Value {
    let url = format!(
        "{}/v4/openim/sendmsg?sdkappid={BUILTIN_TIM_SDK_APP_ID}&identifier={BUILTIN_TIM_ADMIN}&usersig={BUILTIN_ADMIN_USERSIG}&random=7&contenttype=json",
        emu.base_url(Vendor::Tim)
    );
    let body = json!({
        "To_Account": to,
        "MsgRandom": random,
        "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hello"}}],
        "OfflinePushInfo": {"Title": "T", "Desc": "D", "Ext": "{\"k\":1}"},
    });
    let (status, answer) = post(&client(), url, None, &body).await;
    assert_eq!(status, StatusCode::OK);
    answer
}

/// Without a forwarder the message is still accepted (Tencent answers before it pushes), and the
/// delivery says why no push was made instead of the emulator failing.
#[tokio::test]
async fn without_a_forwarder_the_delivery_says_forwarding_is_not_configured() {
    let emu = Emulator::start(builtin_config(&[])).await.unwrap();
    let answer = sendmsg(&emu, BUILTIN_TIM_PUSH_ONLINE_USER, 1).await;
    assert_eq!(answer["ErrorCode"], 0, "{answer}");
    let deliveries = emu.deliveries();
    assert_eq!(deliveries.len(), 1);
    assert!(deliveries[0].push.is_none());
    assert!(
        deliveries[0].note.contains("not configured"),
        "{}",
        deliveries[0].note
    );
    assert_eq!(
        emu.pushes().iter().map(|p| p.vendor).collect::<Vec<_>>(),
        [Vendor::Tim]
    );
    emu.shutdown().await;
}

/// The emulator decides where a push goes (the token's vendor and app, on this emulator; APNs in
/// the environment the token registered in) and what it holds; the forwarder only sends it.
#[tokio::test]
async fn the_forwarder_is_handed_the_vendor_app_base_url_and_push() {
    let recorder = Arc::new(Recorder::default());
    let emu = Emulator::start_forwarding(builtin_config(&[]), recorder.clone())
        .await
        .unwrap();
    sendmsg(&emu, BUILTIN_TIM_PUSH_ONLINE_USER, 1).await;
    sendmsg(&emu, BUILTIN_TIM_IOS_USER, 2).await;
    let asked = recorder.asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 2);
    let (vivo, apns) = (&asked[0], &asked[1]);
    assert_eq!(
        (vivo.app.vendor, vivo.app.app_id.as_str()),
        (Vendor::Vivo, BUILTIN_TIM_VIVO_APP_ID)
    );
    assert_eq!(vivo.base_url, emu.base_url(Vendor::Vivo));
    assert!(!vivo.sandbox);
    assert_eq!(
        vivo.push,
        ForwardedPush {
            target: BUILTIN_VIVO_DEVICE.to_owned(),
            title: "T".to_owned(),
            body: "D".to_owned(),
            ext: "{\"k\":1}".to_owned(),
        }
    );
    assert_eq!(
        (apns.app.vendor, apns.app.app_id.as_str()),
        (Vendor::Apns, BUILTIN_APNS_KEY_ID)
    );
    assert_eq!(
        apns.base_url,
        format!("{}-sandbox", emu.base_url(Vendor::Apns))
    );
    assert!(apns.sandbox);
    assert_eq!(apns.push.target, BUILTIN_APNS_SANDBOX_DEVICE);
    let deliveries = emu.deliveries();
    assert_eq!(
        deliveries
            .iter()
            .map(|d| d.push.as_ref().and_then(|p| p.message_id.clone()))
            .collect::<Vec<_>>(),
        [Some("recorded".to_owned()), Some("recorded".to_owned())]
    );
    emu.shutdown().await;
}

/// Issue 16: Tencent IM refuses a `MsgLifeTime` over 7 days with 90026 and one that is not an
/// integer with 90044 (D.10); the emulator accepted 604801. The body is a REST `sendmsg` as
/// Tencent's server SDKs send it, signed with a UserSig Tencent's library made.
#[tokio::test]
async fn a_msg_lifetime_over_seven_days_is_90026() {
    let emu = Emulator::start(builtin_config(&[])).await.unwrap();
    let url = format!(
        "{}/v4/openim/sendmsg?sdkappid={BUILTIN_TIM_SDK_APP_ID}&identifier={BUILTIN_TIM_ADMIN}&usersig={BUILTIN_ADMIN_USERSIG}&random=7&contenttype=json",
        emu.base_url(Vendor::Tim)
    );
    for (random, lifetime, code) in [
        (1, json!(604_800), 0),
        (2, json!(0), 0),
        (3, json!(604_801), 90026),
        (4, json!(-1), 90026),
        (5, json!("86400"), 90044),
    ] {
        let body = json!({
            "SyncOtherMachine": 2,
            "To_Account": BUILTIN_TIM_PUSH_ONLINE_USER,
            "MsgLifeTime": lifetime,
            "MsgRandom": random,
            "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hello"}}],
        });
        let (status, answer) = post(&client(), url.clone(), None, &body).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer["ErrorCode"], code, "{lifetime}: {answer}");
        if code != 0 {
            assert_eq!(answer["ActionStatus"], "FAIL", "{answer}");
        }
    }
    // Only the two accepted messages were taken.
    assert_eq!(emu.pushes().len(), 2);
    emu.shutdown().await;
}

/// Under load the server remembers the last deliveries only: memory stays bounded.
#[test]
fn deliveries_are_bounded() {
    let mut state = super::State::default();
    for n in 0..super::MAX_DELIVERIES + 100 {
        state.record_delivery(super::Delivery {
            msg_key: n.to_string(),
            user: "u".to_owned(),
            push: None,
            note: String::new(),
        });
    }
    let kept = state.deliveries();
    assert_eq!(kept.len(), super::MAX_DELIVERIES);
    assert_eq!(kept[0].msg_key, "100", "the oldest are dropped first");
}
