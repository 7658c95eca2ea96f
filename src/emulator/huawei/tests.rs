//! Huawei (`vendors-cn.md` §4): the OAuth token, then the v1/v2 send and its checks.

use crate::emulator::testutil::*;
use crate::emulator::*;

const APP: &str = BUILTIN_HUAWEI_APP_ID;
const SECRET: &str = BUILTIN_HUAWEI_APP_SECRET;
const DEVICE: &str = BUILTIN_HUAWEI_DEVICE;

async fn token_call(emu: &Emulator, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let url = format!("{}/oauth2/v3/token", emu.base_url(Vendor::Huawei));
    post_form(url, fields).await
}

async fn token(emu: &Emulator, app: &str) -> String {
    let (status, body) = token_call(
        emu,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", app),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    body["access_token"].as_str().unwrap().to_owned()
}

fn message(tokens: &[&str], test: bool) -> Value {
    let mut android = json!({
        "notification": {"title": "T", "body": "B", "click_action": {"type": 3}}
    });
    if test {
        android["target_user_type"] = json!(1);
    }
    json!({
        "validate_only": false,
        "message": {"data": "{\"ext\":\"{}\"}", "android": android, "token": tokens}
    })
}

async fn send(
    emu: &Emulator,
    app: &str,
    bearer: Option<&str>,
    body: &Value,
) -> (StatusCode, Value) {
    let url = format!("{}/v1/{app}/messages:send", emu.base_url(Vendor::Huawei));
    send_json(post_bearer(url, bearer), body).await
}

#[tokio::test]
async fn token_then_test_message_is_accepted_and_recorded() {
    let emu = start(&[]).await;
    let bearer = token(&emu, APP).await;
    let (status, body) = send(&emu, APP, Some(&bearer), &message(&[DEVICE], true)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Huawei's code is a string.
    assert_eq!(body["code"], "80000000");
    assert_eq!(body["msg"], "Success");
    assert!(body["requestId"].is_string());
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].vendor, Vendor::Huawei);
    assert_eq!(pushes[0].ext.as_deref(), Some("{}"));
    assert!(pushes[0].test_mode);
    emu.shutdown().await;
}

/// §4.4: click type 1 opens a page by `intent` or `action`, type 2 a `url`.
#[tokio::test]
async fn click_types_need_their_target() {
    let emu = start(&[]).await;
    let bearer = token(&emu, APP).await;
    for (click, accepted) in [
        (json!({"type": 1}), false),
        (json!({"type": 1, "intent": "intent://x#Intent;end"}), true),
        (json!({"type": 2}), false),
        (json!({"type": 2, "url": "https://example.com"}), true),
    ] {
        let mut body = message(&[DEVICE], true);
        body["message"]["android"]["notification"]["click_action"] = click.clone();
        let (_, answer) = send(&emu, APP, Some(&bearer), &body).await;
        let want = if accepted { "80000000" } else { "80100001" };
        assert_eq!(answer["code"], want, "{click}: {answer}");
    }
    emu.shutdown().await;
}

/// `android.category` must be one of Huawei's (§4.4); PLAY_VOICE only without a
/// notification.
#[tokio::test]
async fn unknown_category_is_a_parameter_error() {
    let emu = start(&[]).await;
    let bearer = token(&emu, APP).await;
    for (category, accepted) in [("IM", true), ("CHAT", false), ("PLAY_VOICE", false)] {
        let mut body = message(&[DEVICE], true);
        body["message"]["android"]["category"] = json!(category);
        let (_, answer) = send(&emu, APP, Some(&bearer), &body).await;
        let want = if accepted { "80000000" } else { "80100001" };
        assert_eq!(answer["code"], want, "{category}: {answer}");
    }
    assert_eq!(emu.pushes().len(), 1);
    emu.shutdown().await;
}

/// Issue 16: Huawei refuses a message over 4096 bytes with 80300008 (vendors-cn.md §4.4, §4.6),
/// counted without the tokens (§4.5); the emulator accepted it. The body is what push_admin
/// sends: `{"validate_only":false,"message":{...}}` with the ext in `data`.
#[tokio::test]
async fn a_message_over_4096_bytes_without_its_tokens_is_80300008() {
    let emu = start(&[]).await;
    let bearer = token(&emu, APP).await;
    let with_data = |data_len: usize, tokens: &[&str]| {
        let mut body = message(tokens, true);
        body["message"]["data"] = json!("x".repeat(data_len));
        body
    };
    let size = |body: &Value| {
        let mut message = body["message"].clone();
        message.as_object_mut().unwrap().remove("token");
        serde_json::to_vec(&message).unwrap().len()
    };
    // Exactly 4096 bytes without the tokens fits, even with 1000 tokens beside it.
    let probe = with_data(0, &[DEVICE]);
    let fits = 4096 - size(&probe);
    let mut many = vec![DEVICE];
    many.resize(1000, DEVICE);
    let body = with_data(fits, &many);
    assert_eq!(size(&body), 4096);
    let (status, answer) = send(&emu, APP, Some(&bearer), &body).await;
    assert_eq!(
        (status, &answer["code"]),
        (StatusCode::OK, &json!("80000000")),
        "{answer}"
    );
    // One byte more is refused, and nothing is pushed.
    let pushed = emu.pushes().len();
    let (status, answer) = send(&emu, APP, Some(&bearer), &with_data(fits + 1, &[DEVICE])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["code"], "80300008", "{answer}");
    assert!(answer["msg"].as_str().unwrap().contains("4097"), "{answer}");
    assert_eq!(emu.pushes().len(), pushed);
    emu.shutdown().await;
}

#[tokio::test]
async fn wrong_client_is_http_401_invalid_client() {
    let emu = start(&[]).await;
    let (status, body) = token_call(
        &emu,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", APP),
            ("client_secret", "wrong"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], 1101);
    assert_eq!(body["error_description"], "invalid client");
    assert!(!body.to_string().contains(SECRET));
    let (status, _) = token_call(&emu, &[("client_id", APP)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    emu.shutdown().await;
}

#[tokio::test]
async fn bearer_token_is_checked_and_bound_to_its_app() {
    let emu = start(&[]).await;
    let good = message(&[DEVICE], true);
    for bearer in [None, Some("not-a-token")] {
        let (status, body) = send(&emu, APP, bearer, &good).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "80200001", "{body}");
    }
    // A token of the other built-in app: 80200001 (vendors-cn.md §4.7).
    let other = token(&emu, BUILTIN_HUAWEI_FLUTTER_APP_ID).await;
    let (status, body) = send(&emu, APP, Some(&other), &good).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "80200001");
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[tokio::test]
async fn fields_and_tokens_are_checked() {
    let emu = start(&[]).await;
    let bearer = token(&emu, APP).await;
    let code = |body: &Value| body["code"].as_str().unwrap().to_owned();
    let (_, body) = send(&emu, APP, Some(&bearer), &message(&["unknown"], true)).await;
    assert_eq!(code(&body), "80300007");
    let (_, body) = send(&emu, APP, Some(&bearer), &message(&[], true)).await;
    assert_eq!(code(&body), "80300010");
    let mut no_click = message(&[DEVICE], true);
    no_click["message"]["android"]["notification"]
        .as_object_mut()
        .unwrap()
        .remove("click_action");
    let (_, body) = send(&emu, APP, Some(&bearer), &no_click).await;
    assert_eq!(code(&body), "80100003");
    let mut bad_type = message(&[DEVICE], true);
    bad_type["message"]["android"]["target_user_type"] = json!(7);
    let (_, body) = send(&emu, APP, Some(&bearer), &bad_type).await;
    assert_eq!(code(&body), "80100001");
    assert!(emu.pushes().is_empty());
    // Some tokens unknown: 80100000 with the illegal ones, the known one pushed.
    let (_, body) = send(&emu, APP, Some(&bearer), &message(&[DEVICE, "bad"], true)).await;
    assert_eq!(code(&body), "80100000");
    assert!(body["msg"].as_str().unwrap().contains("bad"));
    assert_eq!(emu.pushes().len(), 1);
    // validate_only: checked, not pushed.
    let mut validate = message(&[DEVICE], false);
    validate["validate_only"] = json!(true);
    let (_, body) = send(&emu, APP, Some(&bearer), &validate).await;
    assert_eq!(code(&body), "80000000");
    assert_eq!(emu.pushes().len(), 1);
    emu.shutdown().await;
}

#[tokio::test]
async fn busy_fault_is_http_500_81000001() {
    let emu = start(&["huawei/v1/{app-id}/messages:send=busy*1"]).await;
    let bearer = token(&emu, APP).await;
    let (status, body) = send(&emu, APP, Some(&bearer), &message(&[DEVICE], true)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["code"], "81000001");
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[test]
fn fault_paths_know_huawei() {
    let spec: FaultSpec = "huawei/oauth2/v3/token=timeout".parse().unwrap();
    assert_eq!(spec.path, "huawei/oauth2/v3/token");
    assert!("huawei/v1/{app-id}/messages:send=timeout"
        .parse::<FaultSpec>()
        .is_ok());
    assert!("huawei/v2/nope=timeout".parse::<FaultSpec>().is_err());
}

/// The example projects' Huawei AppIDs are built-in apps, their AppSecret an env ref.
#[test]
fn builtin_registry_has_the_example_projects_huawei_apps() {
    let registry = each_example_app(Vendor::Huawei, "huawei", |_, _, app| {
        assert_eq!(app.app_secret.expose(), SECRET);
        assert!(app.knows_device(DEVICE));
    });
    assert!(!format!("{registry:?}").contains(SECRET));
}
