//! Honor (`vendors-cn.md` §6): the OAuth token, then the send and its checks.

use crate::emulator::testutil::*;
use crate::emulator::*;

const APP: &str = BUILTIN_HONOR_APP_ID;
const CLIENT: &str = BUILTIN_HONOR_CLIENT_ID;
const SECRET: &str = BUILTIN_HONOR_CLIENT_SECRET;
const DEVICE: &str = BUILTIN_HONOR_DEVICE;

async fn token_call(emu: &Emulator, secret: &str) -> (StatusCode, Value) {
    let fields = [
        ("grant_type", "client_credentials"),
        ("client_id", CLIENT),
        ("client_secret", secret),
    ];
    post_form(
        format!("{}/auth/token", emu.base_url(Vendor::Honor)),
        &fields,
    )
    .await
}

async fn token(emu: &Emulator) -> String {
    let (status, body) = token_call(emu, SECRET).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    body["access_token"].as_str().unwrap().to_owned()
}

fn body(tokens: &[&str]) -> Value {
    json!({
        "token": tokens,
        "data": "{\"ext\":\"{}\"}",
        "android": {
            "targetUserType": 1,
            "notification": {"title": "T", "body": "B", "clickAction": {"type": 3}, "importance": "NORMAL"}
        }
    })
}

async fn send(
    emu: &Emulator,
    bearer: Option<&str>,
    timestamp: bool,
    body: &Value,
) -> (StatusCode, Value) {
    let url = format!("{}/api/v1/{APP}/sendMessage", emu.base_url(Vendor::Honor));
    let mut request = post_bearer(url, bearer);
    if timestamp {
        request = request.header("timestamp", now_ms().to_string());
    }
    send_json(request, body).await
}

#[tokio::test]
async fn token_then_test_message_is_accepted_and_recorded() {
    let emu = start(&[]).await;
    let bearer = token(&emu).await;
    let (status, answer) = send(&emu, Some(&bearer), true, &body(&[DEVICE])).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["code"], 200);
    assert_eq!(answer["data"]["sendResult"], true);
    assert!(answer["data"]["requestId"].is_string());
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    assert!(pushes[0].test_mode);
    assert_eq!(pushes[0].ext.as_deref(), Some("{}"));
    emu.shutdown().await;
}

#[tokio::test]
async fn wrong_secret_missing_bearer_and_timestamp_are_refused() {
    let emu = start(&[]).await;
    let (status, answer) = token_call(&emu, "wrong").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["error"], "invalid_client");
    assert!(answer["error_description"].is_string());
    let good = body(&[DEVICE]);
    for bearer in [None, Some("unknown")] {
        let (status, answer) = send(&emu, bearer, true, &good).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(answer["code"], 401);
    }
    let bearer = token(&emu).await;
    let (status, _) = send(&emu, Some(&bearer), false, &good).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the timestamp header is required"
    );
    // Huawei's wrapped shape is not Honor's.
    let wrapped = json!({ "message": good });
    let (status, _) = send(&emu, Some(&bearer), true, &wrapped).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[tokio::test]
async fn unknown_tokens_are_fail_tokens() {
    let emu = start(&[]).await;
    let bearer = token(&emu).await;
    let (status, answer) = send(&emu, Some(&bearer), true, &body(&["nope"])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["data"]["sendResult"], false);
    assert_eq!(answer["data"]["failTokens"], json!(["nope"]));
    assert!(emu.pushes().is_empty());
    let mut bad_click = body(&[DEVICE]);
    bad_click["android"]["notification"]["clickAction"]["type"] = json!(9);
    let (status, _) = send(&emu, Some(&bearer), true, &bad_click).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    emu.shutdown().await;
}

#[test]
fn fault_paths_know_honor() {
    assert!("honor/auth/token=timeout".parse::<FaultSpec>().is_ok());
    assert!("honor/api/v1/{app-id}/sendMessage=busy"
        .parse::<FaultSpec>()
        .is_ok());
    assert!("honor/nope=timeout".parse::<FaultSpec>().is_err());
}

#[test]
fn apps_file_needs_an_honor_client_id() {
    assert_apps_file_refused(
        "[[app]]\nvendor = \"honor\"\napp-id = \"1\"\napp-secret = \"s\"\n",
        "Client ID",
    );
}
