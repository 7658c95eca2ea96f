//! Meizu (`vendors-cn.md` §5): the signed pushByPushId form and its codes.

use crate::emulator::testutil::*;
use crate::emulator::*;

const SECRET: &str = BUILTIN_MEIZU_APP_SECRET;
const SEND: &str = "garcia/api/server/push/varnished/pushByPushId";

fn message(title: &str, content: &str) -> String {
    json!({
        "noticeBarInfo": {"noticeMsgType": 1, "noticeBarType": 0, "title": title, "content": content},
        "clickTypeInfo": {"clickType": 0, "parameters": {"ext": "{\"entity\":{}}"}},
        "pushTimeInfo": {"offLine": 1, "validTime": 24},
    })
    .to_string()
}

/// The form with its sign, computed here apart from the emulator's: the three parameters
/// in name order (appId < messageJson < pushIds), `key=value` with no separator, raw
/// values, then the secret (`vendors-cn.md` §5.2).
fn signed(
    app_id: &str,
    push_ids: &str,
    message: &str,
    secret: &str,
) -> Vec<(&'static str, String)> {
    let sign = md5_hex(&format!(
        "appId={app_id}messageJson={message}pushIds={push_ids}{secret}"
    ));
    vec![
        ("appId", app_id.to_owned()),
        ("pushIds", push_ids.to_owned()),
        ("messageJson", message.to_owned()),
        ("sign", sign),
    ]
}

fn good(push_ids: &str) -> Vec<(&'static str, String)> {
    signed(
        BUILTIN_MEIZU_APP_ID,
        push_ids,
        &message("pushdiag test", "测试推送 from the emulator"),
        SECRET,
    )
}

async fn send(emu: &Emulator, fields: &[(&str, String)]) -> Value {
    let url = format!("{}/{SEND}", emu.base_url(Vendor::Meizu));
    let mut encoded = reqwest::Url::parse("http://localhost/").unwrap();
    encoded
        .query_pairs_mut()
        .extend_pairs(fields.iter().map(|(k, v)| (*k, v.as_str())));
    let response = client()
        .post(&url)
        .header(
            "Content-Type",
            "application/x-www-form-urlencoded;charset=UTF-8",
        )
        .body(encoded.query().unwrap_or_default().to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "Meizu answers 200 with a code"
    );
    response.json().await.unwrap()
}

/// Meizu's envelope, `code` a string (§5.4).
fn assert_code(body: &Value, code: &str) {
    assert_eq!(body["code"], code, "{body}");
    for key in ["message", "redirect", "msgId"] {
        assert!(body[key].is_string(), "{key}: {body}");
    }
}

#[tokio::test]
async fn good_send_is_accepted_and_recorded() {
    let emu = start(&[]).await;
    let body = send(&emu, &good(BUILTIN_MEIZU_DEVICE)).await;
    assert_code(&body, "200");
    assert_eq!(body["value"], json!({}));
    let push = only_push(&emu);
    assert_eq!(push.vendor, Vendor::Meizu);
    assert_eq!(push.app_id, BUILTIN_MEIZU_APP_ID);
    assert_eq!(push.target, BUILTIN_MEIZU_DEVICE);
    assert_eq!(push.title, "pushdiag test");
    assert_eq!(push.ext.as_deref(), Some("{\"entity\":{}}"));
    assert_eq!(body["msgId"], push.task_id.as_str());
    assert_eq!(
        push.payload["messageJson"]["noticeBarInfo"]["noticeMsgType"],
        1
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn wrong_secret_is_1006() {
    let emu = start(&[]).await;
    let fields = signed(
        BUILTIN_MEIZU_APP_ID,
        BUILTIN_MEIZU_DEVICE,
        &message("t", "c"),
        BUILTIN_MEIZU_APP_KEY,
    );
    assert_code(&send(&emu, &fields).await, "1006");
    // A sign over URL-encoded values is wrong too: Meizu signs the raw ones.
    let mut tampered = good(BUILTIN_MEIZU_DEVICE);
    tampered[0].1 = format!("{BUILTIN_MEIZU_APP_ID} ");
    assert_code(&send(&emu, &tampered).await, "1006");
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[tokio::test]
async fn unknown_app_id_is_110000() {
    let emu = start(&[]).await;
    let fields = signed("999999", BUILTIN_MEIZU_DEVICE, &message("t", "c"), SECRET);
    assert_code(&send(&emu, &fields).await, "110000");
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[tokio::test]
async fn missing_fields_are_110004() {
    let emu = start(&[]).await;
    for key in ["appId", "pushIds", "messageJson", "sign"] {
        let mut fields = good(BUILTIN_MEIZU_DEVICE);
        fields.retain(|(k, _)| *k != key);
        assert_code(&send(&emu, &fields).await, "110004");
    }
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[tokio::test]
async fn title_and_content_lengths_are_1005() {
    let emu = start(&[]).await;
    let long_title = "标".repeat(33);
    let long_content = "x".repeat(101);
    for (title, content) in [
        ("", "c"),
        (long_title.as_str(), "c"),
        ("t", ""),
        ("t", long_content.as_str()),
    ] {
        let fields = signed(
            BUILTIN_MEIZU_APP_ID,
            BUILTIN_MEIZU_DEVICE,
            &message(title, content),
            SECRET,
        );
        assert_code(&send(&emu, &fields).await, "1005");
    }
    // The limits themselves pass: 32 and 100 characters.
    let fields = signed(
        BUILTIN_MEIZU_APP_ID,
        BUILTIN_MEIZU_DEVICE,
        &message(&"标".repeat(32), &"x".repeat(100)),
        SECRET,
    );
    assert_code(&send(&emu, &fields).await, "200");
    assert_eq!(emu.pushes().len(), 1);
    emu.shutdown().await;
}

/// An unknown pushId is no top-level error: code "200" with `value` `{"110003": [id]}`.
#[tokio::test]
async fn unknown_push_id_is_200_with_110003_in_value() {
    let emu = start(&[]).await;
    let body = send(&emu, &good("RA5unknown")).await;
    assert_code(&body, "200");
    assert_eq!(body["value"], json!({"110003": ["RA5unknown"]}));
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

/// Issue 16: Meizu takes at most 100 pushIds per request (vendors-cn.md §5.3, §5.6); the
/// emulator took 101. The form is what Meizu's SDKs send: the ids comma-separated, signed.
#[tokio::test]
async fn more_than_100_push_ids_is_1005() {
    let emu = start(&[]).await;
    let ids = |n: usize| vec![BUILTIN_MEIZU_DEVICE; n].join(",");
    let body = send(&emu, &good(&ids(100))).await;
    assert_code(&body, "200");
    assert_eq!(emu.pushes().len(), 100);
    let body = send(&emu, &good(&ids(101))).await;
    assert_code(&body, "1005");
    assert!(body["message"].as_str().unwrap().contains("101"), "{body}");
    assert_eq!(
        emu.pushes().len(),
        100,
        "nothing of a refused request is pushed"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn busy_fault_is_1003_without_pushing() {
    let emu = start(&["meizu=busy*1"]).await;
    assert_code(&send(&emu, &good(BUILTIN_MEIZU_DEVICE)).await, "1003");
    assert!(emu.pushes().is_empty());
    assert_code(&send(&emu, &good(BUILTIN_MEIZU_DEVICE)).await, "200");
    assert_eq!(emu.pushes().len(), 1);
    emu.shutdown().await;
}

#[test]
fn fault_paths_know_meizu() {
    let spec: FaultSpec = format!("meizu/{SEND}=timeout*1").parse().unwrap();
    assert_eq!(spec.path, format!("meizu/{SEND}"));
    assert!("meizu/v1/nope=timeout".parse::<FaultSpec>().is_err());
}
