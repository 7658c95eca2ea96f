//! vivo (`vendors-cn.md` §1): auth, send, the test mode, field checks, over real HTTP.

use crate::emulator::testutil::*;
use crate::emulator::*;

#[test]
fn sign_matches_an_independently_computed_md5() {
    // Computed with coreutils, outside this code:
    //   printf '%s' '1000400000000-0000-4000-8000-00000000000417000000000000123456789abcdef0123456789abcdef' | md5sum
    //   a14f8d598671fa6833e5165a5e8e6901  -
    // (python3 hashlib.md5 gives the same.)
    assert_eq!(
        vivo::sign("10004", KEY, 1_700_000_000_000, SECRET),
        "a14f8d598671fa6833e5165a5e8e6901"
    );
    // Each part is trimmed (the older vivo doc, vendors-cn.md §1.2).
    assert_eq!(
        vivo::sign(" 10004", KEY, 1_700_000_000_000, &format!("{SECRET} ")),
        "a14f8d598671fa6833e5165a5e8e6901"
    );
}

#[tokio::test]
async fn auth_then_test_push_to_a_test_device_is_accepted_and_recorded() {
    let (emu, client, token) = start_with_vivo_token("10004").await;
    let (status, body) = send_to(&emu, &client, &token, BUILTIN_VIVO_TEST_DEVICE, 1, "req-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["result"], 0, "{body}");
    assert_eq!(body["desc"], "请求成功");
    let task_id = body["taskId"].as_str().unwrap();
    let push = only_push(&emu);
    assert_eq!(push.vendor, Vendor::Vivo);
    assert_eq!(push.app_id, "10004");
    assert_eq!(push.target, BUILTIN_VIVO_TEST_DEVICE);
    assert_eq!(push.title, "pushdiag test");
    assert_eq!(push.body, "测试推送 from the emulator");
    assert_eq!(
        push.ext.as_deref(),
        Some("{\"conversationID\":\"c2c_alice\"}")
    );
    assert!(push.test_mode);
    assert_eq!(push.request_id.as_deref(), Some("req-1"));
    assert_eq!(push.task_id, task_id);
    assert_eq!(push.payload["skipType"], 4);
    emu.shutdown().await;
}

/// The answer's body as sent, byte for byte.
async fn text_of(request: reqwest::RequestBuilder) -> String {
    request.send().await.unwrap().text().await.unwrap()
}

/// The answers are byte-exact to the reference's examples: compact, keys in vivo's order.
#[tokio::test]
async fn answers_have_vivos_exact_shape() {
    let emu = start(&[]).await;
    let client = client();
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let body = auth_body("10004", KEY, SECRET, now_ms());
    let text = text_of(client.post(&url).json(&body)).await;
    let token = text
        .strip_prefix("{\"result\":0,\"desc\":\"请求成功\",\"authToken\":\"")
        .and_then(|rest| rest.strip_suffix("\"}"))
        .unwrap_or_else(|| panic!("{text}"));
    let url = format!("{}/message/send", emu.base_url(Vendor::Vivo));
    let unknown = send_body("00000000000000000000000", 1, "shape");
    let text = text_of(client.post(&url).header("authToken", token).json(&unknown)).await;
    assert_eq!(
        text,
        "{\"result\":10302,\"desc\":\"regId不合法\",\"invalidUser\":{\"status\":1,\"userid\":\"00000000000000000000000\"}}"
    );
    let good = send_body(BUILTIN_VIVO_TEST_DEVICE, 1, "shape");
    let response = client
        .post(&url)
        .header("authToken", token)
        .json(&good)
        .send()
        .await
        .unwrap();
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let text = response.text().await.unwrap();
    assert!(
        text.starts_with("{\"result\":0,\"desc\":\"请求成功\",\"taskId\":\""),
        "{text}"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn auth_codes_locate_the_bad_field() {
    let emu = start(&[]).await;
    let client = client();
    let ts = now_ms();
    let good = auth_body("10004", KEY, SECRET, ts);
    let with = |key: &str, value: Value| {
        let mut body = good.clone();
        body[key] = value;
        body
    };
    let cases = [
        (with("appId", Value::Null), 10200),
        (with("appKey", json!("")), 10201),
        (
            with("appKey", json!("00000000-0000-4000-8000-000000000000")),
            10202,
        ),
        (with("timestamp", Value::Null), 10203),
        (with("sign", json!("")), 10204),
        (with("appId", json!(99999)), 10205),
        // A wrong secret gives a sign vivo does not expect.
        (auth_body("10004", KEY, "not-the-secret", ts), 10206),
        // Stale: 11 minutes ago, outside vivo's ±10 min window.
        (auth_body("10004", KEY, SECRET, ts - 11 * 60 * 1000), 10207),
        // Seconds instead of milliseconds.
        (auth_body("10004", KEY, SECRET, ts / 1000), 10207),
    ];
    for (body, expected) in cases {
        let answer = auth(&emu, &client, &body).await;
        assert_eq!(answer["result"], expected, "{body} -> {answer}");
        assert!(answer.get("authToken").is_none());
        assert!(!answer.to_string().contains(SECRET));
    }
    // appId as a digit string is accepted (Java binding coerces it), uppercase sign is not.
    let answer = auth(&emu, &client, &with("appId", json!("10004"))).await;
    assert_eq!(answer["result"], 0, "{answer}");
    let upper = good["sign"].as_str().unwrap().to_uppercase();
    let answer = auth(&emu, &client, &with("sign", json!(upper))).await;
    assert_eq!(answer["result"], 10206, "{answer}");
    emu.shutdown().await;
}

#[tokio::test]
async fn more_than_ten_auth_calls_a_second_get_10250() {
    let emu = start(&[]).await;
    let client = client();
    let body = auth_body("10004", KEY, SECRET, now_ms());
    let mut results = Vec::new();
    for _ in 0..11 {
        results.push(auth(&emu, &client, &body).await["result"].as_i64().unwrap());
    }
    // The 11 calls take far less than a second on loopback.
    assert_eq!(results.iter().filter(|&&r| r == 0).count(), 10);
    assert_eq!(results.last(), Some(&10250));
    emu.shutdown().await;
}

#[tokio::test]
async fn send_target_and_mode_checks() {
    let (emu, client, token) = start_with_vivo_token("10004").await;
    // Unknown regId: 10302 with invalidUser status 1.
    let (_, body) = send_to(&emu, &client, &token, "00000000000000000000000", 1, "a").await;
    assert_eq!(body["result"], 10302, "{body}");
    assert_eq!(
        body["invalidUser"],
        json!({"status": 1, "userid": "00000000000000000000000"})
    );
    // Test mode to a device that exists but is not a test device: status 4.
    let (_, body) = send_to(&emu, &client, &token, BUILTIN_VIVO_DEVICE, 1, "b").await;
    assert_eq!(body["result"], 10302, "{body}");
    assert_eq!(body["invalidUser"]["status"], 4);
    // Formal push while the app is under review: 10045.
    let (_, body) = send_to(&emu, &client, &token, BUILTIN_VIVO_TEST_DEVICE, 0, "c").await;
    assert_eq!(body["result"], 10045, "{body}");
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[tokio::test]
async fn formal_push_is_accepted_once_the_app_is_published() {
    let mut registry = Registry::builtin();
    registry.apps[0].under_review = false;
    let emu = start_with(registry).await;
    let client = client();
    let token = token(&emu, &client, "10004").await;
    let (_, body) = send_to(&emu, &client, &token, BUILTIN_VIVO_DEVICE, 0, "f").await;
    assert_eq!(body["result"], 0, "{body}");
    assert!(!emu.pushes()[0].test_mode);
    emu.shutdown().await;
}

#[tokio::test]
async fn send_without_a_valid_token_is_rejected() {
    let emu = start(&[]).await;
    let client = client();
    let body = send_body(BUILTIN_VIVO_TEST_DEVICE, 1, "t");
    let (status, answer) = send(&emu, &client, None, &body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["result"], 10000, "{answer}");
    let (_, answer) = send(&emu, &client, Some("not-a-token"), &body).await;
    assert_eq!(answer["result"], 10000, "{answer}");
    // "Bearer <token>" is not vivo's header format.
    let token = token(&emu, &client, "10004").await;
    let (_, answer) = send(&emu, &client, Some(&format!("Bearer {token}")), &body).await;
    assert_eq!(answer["result"], 10000, "{answer}");
    // A token of another app: 10094.
    let other = self::token(&emu, &client, "10014").await;
    let (_, answer) = send(&emu, &client, Some(&other), &body).await;
    assert_eq!(answer["result"], 10094, "{answer}");
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[test]
fn tokens_expire_after_24_hours() {
    let mut state = vivo::State::default();
    let t0 = Instant::now();
    let token = state.issue_token("10004", t0);
    assert_eq!(
        state.token_app(&token, t0 + Duration::from_secs(23 * 3600)),
        Some("10004")
    );
    assert_eq!(state.token_app(&token, t0 + vivo::TOKEN_TTL), None);
}

#[tokio::test]
async fn field_checks() {
    let (emu, client, token) = start_with_vivo_token("10004").await;
    let good = send_body(BUILTIN_VIVO_TEST_DEVICE, 1, "fields");
    let with = |key: &str, value: Value| {
        let mut body = good.clone();
        body[key] = value;
        body
    };
    let without = |key: &str| {
        let mut body = good.clone();
        body.as_object_mut().unwrap().remove(key);
        body
    };
    // vivo answers every refusal of a well-formed request in an HTTP 200 body with a `result`
    // (vendors-cn.md §1.2, §1.4), so axios-based clients print vivo's code instead of throwing on
    // a 400: the codes public samples give where they give one, else the emulator's 10400.
    for (body, result) in [
        (without("title"), 10055),
        (without("requestId"), 10400),
        (without("notifyType"), 10054),
        (without("skipContent"), 10400),
        (without("regId"), 10050),
        (with("title", json!("x".repeat(41))), 10056),
        (with("content", json!("推".repeat(101))), 10400),
        (with("notifyType", json!(5)), 10054),
        (with("notifyType", json!("3")), 10054),
        (with("pushMode", json!(2)), 10400),
        (with("timeToLive", json!(30)), 10400),
        (with("requestId", json!("r".repeat(65))), 10400),
        (
            with(
                "clientCustomMap",
                json!({"ext": {"conversationID": "c2c_alice"}}),
            ),
            10400,
        ),
        (
            with("clientCustomMap", json!({"ext": "x".repeat(1022)})),
            10400,
        ),
    ] {
        let (status, answer) = send(&emu, &client, Some(&token), &body).await;
        assert_eq!(status, StatusCode::OK, "{body} -> {answer}");
        assert_eq!(answer["result"], result, "{body} -> {answer}");
        assert!(answer["desc"].is_string(), "{answer}");
        assert!(answer.get("taskId").is_none(), "{answer}");
    }
    // vivo counts CJK and Latin alike: 40 CJK characters fit in a title. Then the categories
    // vivo does not know (10096) and one of the other classification (10097).
    for (key, value, result) in [
        ("title", json!("推".repeat(40)), 0),
        ("category", json!("CHAT"), 10096),
        ("category", json!("MARKETING"), 10097),
    ] {
        let (_, answer) = send(&emu, &client, Some(&token), &with(key, value)).await;
        assert_eq!(answer["result"], result, "{answer}");
    }
    let mut wrong_app = good.clone();
    wrong_app["appId"] = json!(10014);
    let (_, answer) = send(&emu, &client, Some(&token), &wrong_app).await;
    assert_eq!(answer["result"], 10094, "{answer}");
    // Not JSON, or not declared as JSON.
    let url = format!("{}/message/send", emu.base_url(Vendor::Vivo));
    let response = client
        .post(&url)
        .header("authToken", &token)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = client
        .post(&url)
        .header("authToken", &token)
        .form(&[("appId", "10004")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    emu.shutdown().await;
}

/// The reference documents no de-duplication by requestId (vendors-cn.md §1.3), so the emulator
/// does none: the same request twice is two pushes, as it may be at vivo — which is why pushdiag
/// never repeats a vivo send that may have arrived.
#[tokio::test]
async fn a_repeated_request_id_is_a_second_push() {
    let (emu, client, token) = start_with_vivo_token("10004").await;
    let body = send_body(BUILTIN_VIVO_TEST_DEVICE, 1, "same-id");
    let (_, first) = send(&emu, &client, Some(&token), &body).await;
    let (_, second) = send(&emu, &client, Some(&token), &body).await;
    assert_eq!(first["result"], 0);
    assert_eq!(second["result"], 0);
    assert_ne!(first["taskId"], second["taskId"]);
    assert_eq!(emu.pushes().len(), 2);
    emu.shutdown().await;
}
