//! Emulator tests: real HTTP over loopback with reqwest.

#![allow(
    clippy::unwrap_used,
    reason = "tests: a failed unwrap is a failed test, with the value in the panic"
)]

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use serde_json::{json, Value};

use super::*;

const KEY: &str = BUILTIN_VIVO_APP_KEY;
const SECRET: &str = BUILTIN_VIVO_APP_SECRET;

async fn start(faults: &[&str]) -> Emulator {
    let faults = faults.iter().map(|f| f.parse().unwrap()).collect();
    Emulator::start(EmulatorConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        registry: Registry::builtin(),
        faults,
    })
    .await
    .unwrap()
}

fn client() -> reqwest::Client {
    client_with_timeout(Duration::from_secs(10))
}

fn client_with_timeout(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(timeout)
        .build()
        .unwrap()
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// The sign, computed here apart from the emulator's own `vivo::sign`.
fn md5_hex(text: &str) -> String {
    format!("{:x}", md5::compute(text))
}

fn auth_body(app_id: &str, key: &str, secret: &str, timestamp: i64) -> Value {
    json!({
        "appId": app_id.parse::<u64>().unwrap(),
        "appKey": key,
        "timestamp": timestamp,
        "sign": md5_hex(&format!("{app_id}{key}{timestamp}{secret}")),
    })
}

async fn post(
    client: &reqwest::Client,
    url: String,
    token: Option<&str>,
    body: &Value,
) -> (StatusCode, Value) {
    let mut request = client.post(url).json(body);
    if let Some(token) = token {
        request = request.header("authToken", token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn auth(emu: &Emulator, client: &reqwest::Client, body: &Value) -> Value {
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let (status, body) = post(client, url, None, body).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn token(emu: &Emulator, client: &reqwest::Client, app_id: &str) -> String {
    let body = auth(
        emu,
        client,
        &auth_body(app_id, key_of(app_id), secret_of(app_id), now_ms()),
    )
    .await;
    assert_eq!(body["result"], 0, "{body}");
    body["authToken"].as_str().unwrap().to_owned()
}

fn key_of(app_id: &str) -> &'static str {
    if app_id == BUILTIN_VIVO_FLUTTER_APP_ID {
        BUILTIN_VIVO_FLUTTER_APP_KEY
    } else {
        KEY
    }
}

fn secret_of(_app_id: &str) -> &'static str {
    SECRET
}

/// The send body pushdiag and Tencent's test script send (tim-vendor-payloads.md §3).
fn send_body(reg_id: &str, push_mode: i64, request_id: &str) -> Value {
    json!({
        "appId": 10004,
        "regId": reg_id,
        "notifyType": 3,
        "title": "pushdiag test",
        "content": "测试推送 from the emulator",
        "skipType": 4,
        "skipContent": "tencent_im_push://com.example.unichat/message?#Intent;scheme=tencent_im_push;launchFlags=0x4000000;end",
        "classification": 1,
        "category": "IM",
        "clientCustomMap": { "ext": "{\"conversationID\":\"c2c_alice\"}" },
        "requestId": request_id,
        "pushMode": push_mode,
    })
}

async fn send(
    emu: &Emulator,
    client: &reqwest::Client,
    token: Option<&str>,
    body: &Value,
) -> (StatusCode, Value) {
    let url = format!("{}/message/send", emu.base_url(Vendor::Vivo));
    post(client, url, token, body).await
}

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
    let emu = start(&[]).await;
    let client = client();
    let token = token(&emu, &client, "10004").await;
    let (status, body) = send(
        &emu,
        &client,
        Some(&token),
        &send_body(BUILTIN_VIVO_TEST_DEVICE, 1, "req-1"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["result"], 0, "{body}");
    assert_eq!(body["desc"], "请求成功");
    let task_id = body["taskId"].as_str().unwrap();
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    let push = &pushes[0];
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

/// The answers are byte-exact to the reference's examples: compact, keys in vivo's order.
#[tokio::test]
async fn answers_have_vivos_exact_shape() {
    let emu = start(&[]).await;
    let client = client();
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let body = auth_body("10004", KEY, SECRET, now_ms());
    let text = client
        .post(&url)
        .json(&body)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = text
        .strip_prefix("{\"result\":0,\"desc\":\"请求成功\",\"authToken\":\"")
        .and_then(|rest| rest.strip_suffix("\"}"))
        .unwrap_or_else(|| panic!("{text}"));
    let url = format!("{}/message/send", emu.base_url(Vendor::Vivo));
    let unknown = send_body("00000000000000000000000", 1, "shape");
    let text = client
        .post(&url)
        .header("authToken", token)
        .json(&unknown)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
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
    let emu = start(&[]).await;
    let client = client();
    let token = token(&emu, &client, "10004").await;
    // Unknown regId: 10302 with invalidUser status 1.
    let (_, body) = send(
        &emu,
        &client,
        Some(&token),
        &send_body("00000000000000000000000", 1, "a"),
    )
    .await;
    assert_eq!(body["result"], 10302, "{body}");
    assert_eq!(
        body["invalidUser"],
        json!({"status": 1, "userid": "00000000000000000000000"})
    );
    // Test mode to a device that exists but is not a test device: status 4.
    let (_, body) = send(
        &emu,
        &client,
        Some(&token),
        &send_body(BUILTIN_VIVO_DEVICE, 1, "b"),
    )
    .await;
    assert_eq!(body["result"], 10302, "{body}");
    assert_eq!(body["invalidUser"]["status"], 4);
    // Formal push while the app is under review: 10045.
    let (_, body) = send(
        &emu,
        &client,
        Some(&token),
        &send_body(BUILTIN_VIVO_TEST_DEVICE, 0, "c"),
    )
    .await;
    assert_eq!(body["result"], 10045, "{body}");
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[tokio::test]
async fn formal_push_is_accepted_once_the_app_is_published() {
    let mut registry = Registry::builtin();
    registry.apps[0].under_review = false;
    let emu = Emulator::start(EmulatorConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        registry,
        faults: Vec::new(),
    })
    .await
    .unwrap();
    let client = client();
    let token = token(&emu, &client, "10004").await;
    let (_, body) = send(
        &emu,
        &client,
        Some(&token),
        &send_body(BUILTIN_VIVO_DEVICE, 0, "f"),
    )
    .await;
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
    let emu = start(&[]).await;
    let client = client();
    let token = token(&emu, &client, "10004").await;
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
    // No documented code: HTTP 400 with a desc and no `result`.
    for body in [
        without("title"),
        without("requestId"),
        without("notifyType"),
        without("skipContent"),
        without("regId"),
        with("title", json!("x".repeat(41))),
        with("content", json!("推".repeat(101))),
        with("notifyType", json!(5)),
        with("notifyType", json!("3")),
        with("pushMode", json!(2)),
        with("timeToLive", json!(30)),
        with("requestId", json!("r".repeat(65))),
        with(
            "clientCustomMap",
            json!({"ext": {"conversationID": "c2c_alice"}}),
        ),
        with("clientCustomMap", json!({"ext": "x".repeat(1022)})),
    ] {
        let (status, answer) = send(&emu, &client, Some(&token), &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body} -> {answer}");
        assert!(answer.get("result").is_none(), "{answer}");
        assert!(answer["desc"].is_string(), "{answer}");
    }
    // vivo counts CJK and Latin alike: 40 CJK characters fit in a title.
    let (_, answer) = send(
        &emu,
        &client,
        Some(&token),
        &with("title", json!("推".repeat(40))),
    )
    .await;
    assert_eq!(answer["result"], 0, "{answer}");
    let (_, answer) = send(
        &emu,
        &client,
        Some(&token),
        &with("category", json!("CHAT")),
    )
    .await;
    assert_eq!(answer["result"], 10096, "{answer}");
    let (_, answer) = send(
        &emu,
        &client,
        Some(&token),
        &with("category", json!("MARKETING")),
    )
    .await;
    assert_eq!(answer["result"], 10097, "{answer}");
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
    let emu = start(&[]).await;
    let client = client();
    let token = token(&emu, &client, "10004").await;
    let body = send_body(BUILTIN_VIVO_TEST_DEVICE, 1, "same-id");
    let (_, first) = send(&emu, &client, Some(&token), &body).await;
    let (_, second) = send(&emu, &client, Some(&token), &body).await;
    assert_eq!(first["result"], 0);
    assert_eq!(second["result"], 0);
    assert_ne!(first["taskId"], second["taskId"]);
    assert_eq!(emu.pushes().len(), 2);
    emu.shutdown().await;
}

#[tokio::test]
async fn timeout_fault_handles_the_push_but_never_answers() {
    let emu = start(&["vivo/message/send=timeout*1"]).await;
    let token = token(&emu, &client(), "10004").await;
    let body = send_body(BUILTIN_VIVO_TEST_DEVICE, 1, "retry-me");
    let impatient = client_with_timeout(Duration::from_millis(300));
    let url = format!("{}/message/send", emu.base_url(Vendor::Vivo));
    let error = impatient
        .post(&url)
        .header("authToken", &token)
        .json(&body)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");
    // vivo got the push; only the answer was lost.
    assert_eq!(emu.pushes().len(), 1);
    emu.shutdown().await;
}

#[tokio::test]
async fn shutdown_ends_a_held_request() {
    let emu = start(&["timeout"]).await;
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let pending = tokio::spawn(async move {
        client()
            .post(url)
            .json(&json!({}))
            .send()
            .await
            .map(|r| r.status())
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    emu.shutdown().await;
    assert!(started.elapsed() < Duration::from_secs(4));
    let result = pending.await.unwrap();
    assert!(result.is_err(), "{result:?}");
}

#[tokio::test]
async fn reset_fault_is_a_connection_error() {
    let emu = start(&["vivo/message/auth=reset*1"]).await;
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let body = auth_body("10004", KEY, SECRET, now_ms());
    let error = client().post(&url).json(&body).send().await.unwrap_err();
    // A real TCP reset (RST), not a clean close: linger 0 on the server's socket.
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    let mut reset = false;
    while let Some(e) = cause {
        reset |= e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionReset);
        cause = e.source();
    }
    assert!(reset, "{error:?}");
    // Spent: the next call is answered.
    assert_eq!(auth(&emu, &client(), &body).await["result"], 0);
    emu.shutdown().await;
}

#[tokio::test]
async fn status_fault_counts_down() {
    let emu = start(&["vivo/message/auth=status:503*2"]).await;
    let client = client();
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let body = auth_body("10004", KEY, SECRET, now_ms());
    for _ in 0..2 {
        let (status, _) = post(&client, url.clone(), None, &body).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    }
    let (status, answer) = post(&client, url, None, &body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["result"], 0);
    emu.shutdown().await;
}

#[tokio::test]
async fn too_many_fault_has_retry_after_and_busy_is_http_500_for_vivo() {
    let emu = start(&["vivo/message/auth=429:5*1", "vivo/*=busy*1"]).await;
    let client = client();
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let response = client.post(&url).json(&json!({})).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "5");
    let response = client.post(&url).json(&json!({})).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    emu.shutdown().await;
}

#[tokio::test]
async fn garbage_and_truncated_bodies_are_not_json() {
    let emu = start(&[
        "vivo/message/auth=garbage*1",
        "vivo/message/auth=truncated*1",
    ])
    .await;
    let client = client();
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let body = auth_body("10004", KEY, SECRET, now_ms());
    for expected_start in ["<html>", "{\"result\":0,\"desc\":\"请求成功\",\"authTo"] {
        let response = client.post(&url).json(&body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let text = response.text().await.unwrap();
        assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
        assert!(text.starts_with(expected_start), "{text}");
    }
    emu.shutdown().await;
}

#[tokio::test]
async fn delay_fault_delays_then_answers() {
    let emu = start(&["*=delay:300ms*1"]).await;
    let started = Instant::now();
    let answer = auth(&emu, &client(), &auth_body("10004", KEY, SECRET, now_ms())).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(answer["result"], 0);
    emu.shutdown().await;
}

#[tokio::test]
async fn non_loopback_listen_is_refused() {
    for listen in ["0.0.0.0:0", "192.0.2.1:0", "[::]:0"] {
        let error = Emulator::start(EmulatorConfig {
            listen: listen.parse().unwrap(),
            registry: Registry::builtin(),
            faults: Vec::new(),
        })
        .await
        .err()
        .unwrap();
        assert!(error.to_string().contains("loopback"), "{error}");
    }
}

#[test]
fn fault_specs_parse() {
    let parse = |s: &str| s.parse::<FaultSpec>().unwrap();
    assert_eq!(
        parse("vivo/message/send=timeout"),
        FaultSpec {
            path: "vivo/message/send".into(),
            fault: Fault::Timeout,
            times: None
        }
    );
    assert_eq!(
        parse("vivo/message/auth=status:503*2"),
        FaultSpec {
            path: "vivo/message/auth".into(),
            fault: Fault::Status(503),
            times: Some(2)
        }
    );
    assert_eq!(
        parse("*=delay:1500ms").fault,
        Fault::Delay(Duration::from_millis(1500))
    );
    assert_eq!(
        parse("delay:2s").fault,
        Fault::Delay(Duration::from_secs(2))
    );
    assert_eq!(
        parse("vivo/message/send=429:5").fault,
        Fault::TooMany {
            retry_after_secs: 5
        }
    );
    assert_eq!(parse("/vivo=reset").path, "vivo/*");
    for (text, fault) in [
        ("garbage", Fault::Garbage),
        ("truncated", Fault::Truncated),
        ("reset", Fault::Reset),
        ("busy", Fault::Busy),
    ] {
        assert_eq!(
            parse(text),
            FaultSpec {
                path: "*".into(),
                fault,
                times: None
            }
        );
    }
    for text in [
        "vivo/message/auth=status:503*2",
        "*=delay:1500ms",
        "vivo/*=429:5",
        "*=busy",
    ] {
        assert_eq!(parse(text).to_string(), text);
    }
    let spec = parse("vivo/*=busy");
    assert!(spec.matches("vivo/message/send"));
    assert!(!spec.matches("vivoo/message/send"));
}

#[test]
fn bad_fault_specs_say_what_is_wrong() {
    let error = |s: &str| s.parse::<FaultSpec>().unwrap_err().to_string();
    assert!(error("explode").contains("unknown fault `explode`"));
    assert!(error("delay:1500").contains("needs a unit"));
    assert!(error("delay").contains("needs a duration"));
    assert!(error("status:200").contains("400-599"));
    assert!(error("status:abc").contains("not a number"));
    assert!(error("503").contains("status:503"));
    assert!(error("429").contains("429:5"));
    assert!(error("timeout*0").contains("*0"));
    assert!(error("timeout*x").contains("not a count"));
    assert!(error("reset:3").contains("takes no argument"));
    // Every vendor is emulated now: a path under another prefix names no vendor.
    assert!(
        error("jpush/v3/push=timeout").contains("not an emulated vendor"),
        "{}",
        error("jpush/v3/push=timeout")
    );
    // FCM is emulated now: a path it does not serve is an unknown endpoint.
    assert!(error("fcm/v1/send=timeout").contains("has no endpoint"));
    // Honor is emulated now: a path it does not serve is an unknown endpoint.
    assert!(error("honor/api/v1/send=timeout").contains("has no endpoint"));
    // Meizu is emulated now: a path it does not serve is an unknown endpoint.
    assert!(error("meizu/garcia/api/server/push=timeout").contains("has no endpoint"));
    assert!(error("oppo/server/v1/nope=timeout").contains("has no endpoint"));
    assert!(error("vivo/message/sned=timeout").contains("no endpoint `message/sned`"));
    assert!(error("=timeout").contains("empty"));
}

#[test]
fn registry_from_toml() {
    let registry = Registry::from_toml(
        r#"
        [[app]]
        vendor = "vivo"
        app-id = 20001
        app-key = "k"
        app-secret = "s3cret-value"
        test-devices = ["t1"]
        devices = ["d1"]
        under-review = true
        "#,
    )
    .unwrap();
    let app = registry.find(Vendor::Vivo, "20001").unwrap();
    assert!(app.knows_device("t1") && app.knows_device("d1") && !app.knows_device("x"));
    assert!(app.is_test_device("t1") && !app.is_test_device("d1"));
    assert!(app.under_review);
    assert!(!format!("{registry:?}").contains("s3cret-value"));

    let error = Registry::from_toml(
        "[[app]]\nvendor = \"vivo\"\napp-id = \"1\"\napp-key = \"k\"\napp-secret = \"s3cret-value\"\ntest-device = [\"t\"]\n",
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("unknown field `test-device`"), "{error}");
    assert!(error.contains("line 6"), "{error}");
    assert!(!error.contains("s3cret-value"), "{error}");

    let error = |text: &str| format!("{:#}", Registry::from_toml(text).unwrap_err());
    assert!(error("[[apps]]\n").contains("unknown field `apps`"));
    assert!(
        error("[[app]]\nvendor = \"nokia\"\napp-id = \"1\"\napp-secret = \"s\"\n")
            .contains("not emulated")
    );
    assert!(error(
        "[[app]]\nvendor = \"vivo\"\napp-id = \"abc\"\napp-key = \"k\"\napp-secret = \"s\"\n"
    )
    .contains("integer"));
    let twice = "[[app]]\nvendor = \"vivo\"\napp-id = \"1\"\napp-key = \"k\"\napp-secret = \"s\"\n";
    assert!(error(&format!("{twice}{twice}")).contains("registered twice"));
}

#[test]
fn builtin_registry_matches_the_brief() {
    let registry = Registry::builtin();
    let app = registry.find(Vendor::Vivo, BUILTIN_VIVO_APP_ID).unwrap();
    assert_eq!(app.app_key, BUILTIN_VIVO_APP_KEY);
    assert!(app.under_review);
    assert_eq!(app.test_devices, [BUILTIN_VIVO_TEST_DEVICE]);
    assert!(app.knows_device(BUILTIN_VIVO_DEVICE));
    assert!(!format!("{registry:?}").contains(SECRET));
}

/// `--emulated` and `pushdiag emulate` work with the example projects as they are: the built-in
/// registry has an app with each example's vivo app-id and app-key (their secrets are env
/// references; the docs say to export `BUILTIN_VIVO_APP_SECRET`).
#[test]
fn builtin_registry_has_the_example_projects_vivo_apps() {
    let registry = Registry::builtin();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for example in ["examples/uniapp-chat", "examples/flutter-chat"] {
        let text = std::fs::read_to_string(root.join(example).join("pushdiag.toml")).unwrap();
        let config: toml::Table = toml::from_str(&text).unwrap();
        let vivo = config["vivo"].as_table().unwrap();
        let app_id = vivo["app-id"].as_str().unwrap();
        let app = registry
            .find(Vendor::Vivo, app_id)
            .unwrap_or_else(|| panic!("{example}: no built-in vivo app {app_id}"));
        assert_eq!(app.app_key, vivo["app-key"].as_str().unwrap(), "{example}");
        assert_eq!(
            app.app_secret.expose(),
            BUILTIN_VIVO_APP_SECRET,
            "{example}"
        );
        assert_eq!(
            vivo["app-secret"]["env"].as_str(),
            Some("VIVO_APP_SECRET"),
            "{example}: the docs tell people to export VIVO_APP_SECRET"
        );
    }
}

/// OPPO (`vendors-cn.md` §2): form-encoded auth and unicast against the built-in apps.
mod oppo {
    use super::*;

    const KEY: &str = BUILTIN_OPPO_APP_KEY;
    const MASTER: &str = BUILTIN_OPPO_MASTER_SECRET;
    const AUTH: &str = "server/v1/auth";
    const UNICAST: &str = "server/v1/message/notification/unicast";

    /// The sign, computed here apart from the emulator's own `oppo::sign`.
    fn sha256_hex(text: &str) -> String {
        use sha2::Digest as _;
        sha2::Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn auth_form(key: &str, secret: &str, timestamp: i64) -> Vec<(&'static str, String)> {
        vec![
            ("app_key", key.to_owned()),
            ("timestamp", timestamp.to_string()),
            ("sign", sha256_hex(&format!("{key}{timestamp}{secret}"))),
        ]
    }

    async fn post_form(
        emu: &Emulator,
        path: &str,
        fields: &[(&str, String)],
        client: &reqwest::Client,
    ) -> Result<(StatusCode, Value), reqwest::Error> {
        let url = format!("{}/{path}", emu.base_url(Vendor::Oppo));
        let mut encoded = reqwest::Url::parse("http://localhost/").unwrap();
        encoded
            .query_pairs_mut()
            .extend_pairs(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let response = client
            .post(&url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(encoded.query().unwrap_or_default().to_owned())
            .send()
            .await?;
        let status = response.status();
        Ok((status, response.json().await.unwrap()))
    }

    async fn form(emu: &Emulator, path: &str, fields: &[(&str, String)]) -> Value {
        let (status, body) = post_form(emu, path, fields, &client()).await.unwrap();
        assert_eq!(
            status,
            StatusCode::OK,
            "OPPO answers 200 with a code: {body}"
        );
        body
    }

    async fn token(emu: &Emulator) -> String {
        let body = form(emu, AUTH, &auth_form(KEY, MASTER, now_ms())).await;
        assert_eq!(body["code"], 0, "{body}");
        body["data"]["auth_token"].as_str().unwrap().to_owned()
    }

    fn message(target: &str, app_message_id: Option<&str>, channel: Option<&str>) -> String {
        let mut notification = json!({
            "style": 1,
            "title": "pushdiag test",
            "content": "测试推送 from the emulator",
            "click_action_type": 0,
            "action_parameters": "{\"ext\":\"{\\\"entity\\\":{}}\",\"entity\":\"{}\"}",
            "off_line": true,
            "off_line_ttl": 86400,
        });
        if let Some(id) = app_message_id {
            notification["app_message_id"] = id.into();
        }
        if let Some(channel) = channel {
            notification["channel_id"] = channel.into();
        }
        json!({
            "target_type": 2,
            "target_value": target,
            "notification": notification,
            "verify_registration_id": false,
        })
        .to_string()
    }

    fn send_form(token: &str, message: String) -> Vec<(&'static str, String)> {
        vec![("auth_token", token.to_owned()), ("message", message)]
    }

    /// The worked example: sha256 of `app_key + timestamp + master_secret`, computed outside
    /// Rust with
    /// `printf '%s' '00000000000000000000000000000002''1700000000000''89abcdef0123456789abcdef01234567' | sha256sum`
    /// (Python's `hashlib.sha256` gives the same). A first try with a mistyped timestamp gave
    /// another hash, and this test caught it.
    #[test]
    fn sign_matches_an_independently_computed_sha256() {
        assert_eq!(
            super::super::oppo::sign(KEY, "1700000000000", MASTER),
            "32072110454df2a0f9a1f3d30ffd9b16d559f90c5720f22c7f3b3962c2cacbe4"
        );
    }

    #[tokio::test]
    async fn good_auth_and_send_are_accepted_and_recorded() {
        let emu = start(&[]).await;
        let auth = form(&emu, AUTH, &auth_form(KEY, MASTER, now_ms())).await;
        assert_eq!(auth["code"], 0, "{auth}");
        assert!(auth["data"]["create_time"].as_i64().unwrap() > 1_600_000_000_000);
        let token = auth["data"]["auth_token"].as_str().unwrap();
        let body = form(
            &emu,
            UNICAST,
            &send_form(
                token,
                message(BUILTIN_OPPO_DEVICE, Some("m-1"), Some("new_message")),
            ),
        )
        .await;
        assert_eq!(body["code"], 0, "{body}");
        let id = body["data"]["messageId"].as_str().unwrap();
        let pushes = emu.pushes();
        assert_eq!(pushes.len(), 1);
        let push = &pushes[0];
        assert_eq!(push.vendor, Vendor::Oppo);
        assert_eq!(push.app_id, BUILTIN_OPPO_APP_ID);
        assert_eq!(push.target, BUILTIN_OPPO_DEVICE);
        assert_eq!(push.title, "pushdiag test");
        assert_eq!(push.ext.as_deref(), Some("{\"entity\":{}}"));
        assert!(!push.test_mode, "OPPO has no test mode");
        assert_eq!(push.request_id.as_deref(), Some("m-1"));
        assert_eq!(push.task_id, id);
        assert_eq!(push.payload["notification"]["channel_id"], "new_message");
        emu.shutdown().await;
    }

    /// OPPO's server does not check `channel_id` (only the device needs it): accepted.
    #[tokio::test]
    async fn missing_channel_id_is_accepted() {
        let emu = start(&[]).await;
        let token = token(&emu).await;
        let body = form(
            &emu,
            UNICAST,
            &send_form(&token, message(BUILTIN_OPPO_DEVICE, None, None)),
        )
        .await;
        assert_eq!(body["code"], 0, "{body}");
        assert_eq!(emu.pushes().len(), 1);
        assert!(emu.pushes()[0].payload["notification"]
            .get("channel_id")
            .is_none());
        emu.shutdown().await;
    }

    #[tokio::test]
    async fn auth_codes_locate_the_bad_field() {
        let emu = start(&[]).await;
        let now = now_ms();
        // The AppSecret (or any other secret) in place of the MasterSecret: 16.
        let wrong = form(
            &emu,
            AUTH,
            &auth_form(KEY, "fedcba9876543210fedcba9876543210", now),
        )
        .await;
        assert_eq!(wrong["code"], 16, "{wrong}");
        assert!(!wrong.to_string().contains(MASTER));
        // Eleven minutes old: 19.
        let stale = form(&emu, AUTH, &auth_form(KEY, MASTER, now - 11 * 60 * 1000)).await;
        assert_eq!(stale["code"], 19, "{stale}");
        // Seconds instead of milliseconds: 19.
        let seconds = form(&emu, AUTH, &auth_form(KEY, MASTER, now / 1000)).await;
        assert_eq!(seconds["code"], 19, "{seconds}");
        let unknown = form(
            &emu,
            AUTH,
            &auth_form("ffffffffffffffffffffffffffffffff", MASTER, now),
        )
        .await;
        assert_eq!(unknown["code"], 14, "{unknown}");
        let mut fields = auth_form(KEY, MASTER, now);
        fields.retain(|(k, _)| *k != "sign");
        assert_eq!(form(&emu, AUTH, &fields).await["code"], 17);
        let mut fields = auth_form(KEY, MASTER, now);
        fields.retain(|(k, _)| *k != "timestamp");
        assert_eq!(form(&emu, AUTH, &fields).await["code"], 18);
        let mut fields = auth_form(KEY, MASTER, now);
        fields.retain(|(k, _)| *k != "app_key");
        assert_eq!(form(&emu, AUTH, &fields).await["code"], 15);
        emu.shutdown().await;
    }

    #[tokio::test]
    async fn send_token_and_target_checks() {
        let emu = start(&[]).await;
        let default = || message(BUILTIN_OPPO_DEVICE, None, None);
        let missing = form(&emu, UNICAST, &[("message", default())]).await;
        assert_eq!(missing["code"], 29, "{missing}");
        let invalid = form(&emu, UNICAST, &send_form("not-a-token", default())).await;
        assert_eq!(invalid["code"], 11, "{invalid}");
        let token = token(&emu).await;
        let unknown = form(
            &emu,
            UNICAST,
            &send_form(
                &token,
                message("CN_ffffffffffffffffffffffffffffffff", None, None),
            ),
        )
        .await;
        assert_eq!(unknown["code"], 10000, "{unknown}");
        let no_message = form(&emu, UNICAST, &[("auth_token", token.clone())]).await;
        assert_eq!(no_message["code"], 40, "{no_message}");
        let long_title = json!({
            "target_type": 2,
            "target_value": BUILTIN_OPPO_DEVICE,
            "notification": { "title": "x".repeat(51), "content": "c" },
        });
        let long = form(&emu, UNICAST, &send_form(&token, long_title.to_string())).await;
        assert_eq!(long["code"], 41, "{long}");
        assert!(emu.pushes().is_empty());
        emu.shutdown().await;
    }

    #[tokio::test]
    async fn duplicate_app_message_id_is_one_push_with_the_same_message_id() {
        let emu = start(&[]).await;
        let token = token(&emu).await;
        let fields = send_form(&token, message(BUILTIN_OPPO_DEVICE, Some("same"), None));
        let first = form(&emu, UNICAST, &fields).await;
        let second = form(&emu, UNICAST, &fields).await;
        assert_eq!(first["code"], 0);
        assert_eq!(first["data"]["messageId"], second["data"]["messageId"]);
        assert_eq!(emu.pushes().len(), 1);
        // Another id is another push.
        let other = form(
            &emu,
            UNICAST,
            &send_form(&token, message(BUILTIN_OPPO_DEVICE, Some("other"), None)),
        )
        .await;
        assert_ne!(other["data"]["messageId"], first["data"]["messageId"]);
        assert_eq!(emu.pushes().len(), 2);
        emu.shutdown().await;
    }

    /// §2.3: "a unicast with the same id goes to a target only once": the id is per target, so
    /// the same app_message_id to another device is another push.
    #[tokio::test]
    async fn the_same_app_message_id_to_another_target_is_another_push() {
        const SECOND: &str = "OPPO_CN_00000000000000000000000000000002";
        let mut registry = Registry::builtin();
        for app in registry
            .apps
            .iter_mut()
            .filter(|a| a.vendor == Vendor::Oppo)
        {
            app.devices.push(SECOND.to_owned());
        }
        let emu = Emulator::start(EmulatorConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            registry,
            faults: Vec::new(),
        })
        .await
        .unwrap();
        let token = token(&emu).await;
        let first = form(
            &emu,
            UNICAST,
            &send_form(&token, message(BUILTIN_OPPO_DEVICE, Some("same"), None)),
        )
        .await;
        let second = form(
            &emu,
            UNICAST,
            &send_form(&token, message(SECOND, Some("same"), None)),
        )
        .await;
        assert_eq!(second["code"], 0, "{second}");
        assert_ne!(first["data"]["messageId"], second["data"]["messageId"]);
        assert_eq!(emu.pushes().len(), 2);
        emu.shutdown().await;
    }

    /// A timeout on the send: OPPO handled the push, the answer is lost; the retry with the same
    /// app_message_id is the same push.
    #[tokio::test]
    async fn fault_on_send_is_one_push() {
        let emu = start(&["oppo/server/v1/message/notification/unicast=timeout*1"]).await;
        let token = token(&emu).await;
        let fields = send_form(&token, message(BUILTIN_OPPO_DEVICE, Some("retry-me"), None));
        let impatient = client_with_timeout(Duration::from_millis(300));
        let error = post_form(&emu, UNICAST, &fields, &impatient)
            .await
            .unwrap_err();
        assert!(error.is_timeout(), "{error}");
        assert_eq!(emu.pushes().len(), 1);
        let retry = form(&emu, UNICAST, &fields).await;
        assert_eq!(retry["code"], 0);
        assert_eq!(retry["data"]["messageId"], emu.pushes()[0].task_id.as_str());
        assert_eq!(emu.pushes().len(), 1);
        emu.shutdown().await;
    }

    #[tokio::test]
    async fn busy_is_code_minus_1() {
        let emu = start(&["oppo/server/v1/auth=busy*1"]).await;
        let busy = form(&emu, AUTH, &auth_form(KEY, MASTER, now_ms())).await;
        assert_eq!(busy["code"], -1, "{busy}");
        emu.shutdown().await;
    }

    /// The example projects' OPPO app-keys are built-in apps, their MasterSecret an env ref.
    #[test]
    fn builtin_registry_has_the_example_projects_oppo_apps() {
        let registry = Registry::builtin();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for example in ["examples/uniapp-chat", "examples/flutter-chat"] {
            let text = std::fs::read_to_string(root.join(example).join("pushdiag.toml")).unwrap();
            let config: toml::Table = toml::from_str(&text).unwrap();
            let oppo = config["oppo"].as_table().unwrap();
            let app_id = oppo["app-id"].as_str().unwrap();
            let app = registry
                .find(Vendor::Oppo, app_id)
                .unwrap_or_else(|| panic!("{example}: no built-in OPPO app {app_id}"));
            assert_eq!(app.app_key, oppo["app-key"].as_str().unwrap(), "{example}");
            assert_eq!(app.master_secret.as_ref().unwrap().expose(), MASTER);
            assert_eq!(
                oppo["master-secret"]["env"].as_str(),
                Some("OPPO_MASTER_SECRET")
            );
        }
        assert!(!format!("{registry:?}").contains(MASTER));
    }

    #[test]
    fn apps_file_needs_an_oppo_master_secret() {
        let error = Registry::from_toml(
            "[[app]]\nvendor = \"oppo\"\napp-id = \"1\"\napp-key = \"k\"\napp-secret = \"s\"\n",
        )
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("master-secret is missing"),
            "{error:#}"
        );
        let ok = Registry::from_toml(
            "[[app]]\nvendor = \"oppo\"\napp-id = \"1\"\napp-key = \"k\"\napp-secret = \"s\"\nmaster-secret = \"m\"\ndevices = [\"CN_1\"]\n",
        )
        .unwrap();
        assert!(ok.find(Vendor::Oppo, "1").unwrap().knows_device("CN_1"));
    }
}

mod xiaomi {
    use super::*;

    const SECRET: &str = BUILTIN_XIAOMI_APP_SECRET;
    const SEND: &str = "v3/message/regid";

    fn fields(target: &str) -> Vec<(&'static str, String)> {
        vec![
            ("registration_id", target.to_owned()),
            ("restricted_package_name", BUILTIN_XIAOMI_PACKAGE.to_owned()),
            ("pass_through", "0".to_owned()),
            ("title", "pushdiag test".to_owned()),
            ("description", "测试推送 from the emulator".to_owned()),
            ("notify_type", "-1".to_owned()),
            ("time_to_live", "86400000".to_owned()),
            ("extra.notify_foreground", "1".to_owned()),
            ("extra.channel_id", "new_message".to_owned()),
            ("extra.ext", "{\"entity\":{}}".to_owned()),
        ]
    }

    fn with(
        mut fields: Vec<(&'static str, String)>,
        key: &'static str,
        value: &str,
    ) -> Vec<(&'static str, String)> {
        fields.retain(|(k, _)| *k != key);
        fields.push((key, value.to_owned()));
        fields
    }

    fn without(mut fields: Vec<(&'static str, String)>, key: &str) -> Vec<(&'static str, String)> {
        fields.retain(|(k, _)| *k != key);
        fields
    }

    async fn post_form(
        emu: &Emulator,
        authorization: Option<&str>,
        fields: &[(&str, String)],
        client: &reqwest::Client,
    ) -> Result<(StatusCode, Value), reqwest::Error> {
        let url = format!("{}/{SEND}", emu.base_url(Vendor::Xiaomi));
        let mut encoded = reqwest::Url::parse("http://localhost/").unwrap();
        encoded
            .query_pairs_mut()
            .extend_pairs(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let mut request = client
            .post(&url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(encoded.query().unwrap_or_default().to_owned());
        if let Some(authorization) = authorization {
            request = request.header("Authorization", authorization);
        }
        let response = request.send().await?;
        let status = response.status();
        Ok((status, response.json().await.unwrap()))
    }

    async fn send_with(
        emu: &Emulator,
        authorization: Option<&str>,
        fields: &[(&str, String)],
    ) -> Value {
        let (status, body) = post_form(emu, authorization, fields, &client())
            .await
            .unwrap();
        assert_eq!(
            status,
            StatusCode::OK,
            "Xiaomi answers 200 with a code: {body}"
        );
        body
    }

    async fn send(emu: &Emulator, fields: &[(&str, String)]) -> Value {
        send_with(emu, Some(&format!("key={SECRET}")), fields).await
    }

    fn assert_error(body: &Value, code: i64) {
        assert_eq!(body["result"], "error", "{body}");
        assert_eq!(body["code"], code, "{body}");
        assert!(body["description"].is_string(), "{body}");
        assert!(body["reason"].is_string(), "{body}");
        assert!(body["trace_id"].is_string(), "{body}");
    }

    #[tokio::test]
    async fn good_send_is_accepted_and_recorded_with_xiaomis_shape() {
        let emu = start(&[]).await;
        let body = send(&emu, &fields(BUILTIN_XIAOMI_DEVICE)).await;
        assert_eq!(body["result"], "ok", "{body}");
        assert_eq!(body["code"], 0);
        assert!(body["trace_id"].is_string());
        let id = body["data"]["id"].as_str().unwrap();
        let pushes = emu.pushes();
        assert_eq!(pushes.len(), 1);
        let push = &pushes[0];
        assert_eq!(push.vendor, Vendor::Xiaomi);
        assert_eq!(push.app_id, BUILTIN_XIAOMI_APP_ID);
        assert_eq!(push.target, BUILTIN_XIAOMI_DEVICE);
        assert_eq!(push.task_id, id);
        assert_eq!(push.ext.as_deref(), Some("{\"entity\":{}}"));
        assert_eq!(push.payload["extra.channel_id"], "new_message");
        assert!(!push.test_mode);
        assert_eq!(push.request_id, None);
        // Xiaomi does not de-duplicate: the same request again is a second push.
        send(&emu, &fields(BUILTIN_XIAOMI_DEVICE)).await;
        assert_eq!(emu.pushes().len(), 2);
        emu.shutdown().await;
    }

    /// §3.3: at most 10 `extra.*` pairs (65014), each key and value at most 1024 characters
    /// (65015); §3.4: a list with some unknown regIds is taken, those named in `bad_regids`.
    #[tokio::test]
    async fn extra_limits_and_bad_regids() {
        let emu = start(&[]).await;
        let good = fields(BUILTIN_XIAOMI_DEVICE);
        let long = with(good.clone(), "extra.ext", &"x".repeat(1025));
        assert_error(&send(&emu, &long).await, 65015);
        let mut many = good.clone();
        for key in [
            "extra.k1", "extra.k2", "extra.k3", "extra.k4", "extra.k5", "extra.k6", "extra.k7",
            "extra.k8",
        ] {
            many.push((key, "v".to_owned()));
        }
        assert_error(&send(&emu, &many).await, 65014);
        let list = format!("{BUILTIN_XIAOMI_DEVICE},unknown-regid");
        let body = send(&emu, &with(good.clone(), "registration_id", &list)).await;
        assert_eq!(body["result"], "ok", "{body}");
        assert_eq!(body["data"]["bad_regids"], "unknown-regid", "{body}");
        let body = send(&emu, &good).await;
        assert!(body["data"].get("bad_regids").is_none(), "{body}");
        emu.shutdown().await;
    }

    /// vendors-cn.md §3.2: exactly `key=<AppSecret>`, `key` lower case; else 21301 认证失败.
    #[tokio::test]
    async fn authorization_must_be_key_equals_the_app_secret() {
        let emu = start(&[]).await;
        let good = fields(BUILTIN_XIAOMI_DEVICE);
        for authorization in [
            None,
            Some("key=wrong-secret".to_owned()),
            Some(format!("Key={SECRET}")),
            Some(format!("KEY={SECRET}")),
            Some(SECRET.to_owned()),
            Some(format!("Bearer {SECRET}")),
            Some("key=".to_owned()),
            // The AppKey is the client's: the classic mix-up.
            Some(format!("key={BUILTIN_XIAOMI_APP_KEY}")),
        ] {
            let body = send_with(&emu, authorization.as_deref(), &good).await;
            assert_error(&body, 21301);
            assert_eq!(body["description"], "认证失败");
            assert!(!body.to_string().contains(SECRET), "{body}");
        }
        assert!(emu.pushes().is_empty());
        emu.shutdown().await;
    }

    #[tokio::test]
    async fn field_checks() {
        let emu = start(&[]).await;
        let good = fields(BUILTIN_XIAOMI_DEVICE);
        for key in [
            "registration_id",
            "restricted_package_name",
            "title",
            "description",
        ] {
            let body = send(&emu, &without(good.clone(), key)).await;
            assert_error(&body, 10016);
            assert!(body["reason"].as_str().unwrap().contains(key), "{body}");
            let blank = send(&emu, &with(good.clone(), key, "  ")).await;
            assert_error(&blank, 10016);
        }
        // A package that is not the app's. (The other example's package is not such a one
        // here: both built-in apps hold this secret, so the package picks between them.)
        let body = send(
            &emu,
            &with(good.clone(), "restricted_package_name", "com.other.app"),
        )
        .await;
        assert_error(&body, 22022);
        let body = send(
            &emu,
            &with(
                good.clone(),
                "restricted_package_name",
                BUILTIN_XIAOMI_FLUTTER_PACKAGE,
            ),
        )
        .await;
        assert_eq!(body["result"], "ok", "{body}");
        // A comma-separated list with the app's package is fine (V3, §3.1).
        let list = format!("com.other.app,{BUILTIN_XIAOMI_PACKAGE}");
        let body = send(&emu, &with(good.clone(), "restricted_package_name", &list)).await;
        assert_eq!(body["code"], 0, "{body}");
        // title < 50 and description < 128 characters, CJK counting 1 each (§3.3).
        let body = send(&emu, &with(good.clone(), "title", &"标".repeat(49))).await;
        assert_eq!(body["code"], 0, "{body}");
        let body = send(&emu, &with(good.clone(), "title", &"标".repeat(50))).await;
        assert_error(&body, 10017);
        assert!(body["reason"].as_str().unwrap().contains("title"), "{body}");
        let body = send(&emu, &with(good.clone(), "description", &"x".repeat(128))).await;
        assert_error(&body, 10017);
        assert!(
            body["reason"].as_str().unwrap().contains("description"),
            "{body}"
        );
        // A body that is not a form has no fields.
        let url = format!("{}/{SEND}", emu.base_url(Vendor::Xiaomi));
        let response = client()
            .post(&url)
            .header("Authorization", format!("key={SECRET}"))
            .json(&json!({"registration_id": BUILTIN_XIAOMI_DEVICE}))
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        assert_error(&body, 10016);
        // The two accepted above, and the one to the other example's app.
        assert_eq!(emu.pushes().len(), 3);
        emu.shutdown().await;
    }

    /// mizhousoft reads 20301 as "all targets invalid".
    #[tokio::test]
    async fn unknown_reg_id_is_20301() {
        let emu = start(&[]).await;
        let body = send(&emu, &fields("not-a-registered-regid")).await;
        assert_error(&body, 20301);
        assert!(emu.pushes().is_empty());
        emu.shutdown().await;
    }

    /// A timeout loses the answer of an accepted push: one push, and (no de-duplication) a
    /// retry would be a second one, which is why the client never retries it.
    #[tokio::test]
    async fn timeout_fault_handles_the_push_but_never_answers() {
        let emu = start(&["xiaomi/v3/message/regid=timeout*1"]).await;
        let impatient = client_with_timeout(Duration::from_millis(300));
        let authorization = format!("key={SECRET}");
        let error = post_form(
            &emu,
            Some(&authorization),
            &fields(BUILTIN_XIAOMI_DEVICE),
            &impatient,
        )
        .await
        .unwrap_err();
        assert!(error.is_timeout(), "{error}");
        assert_eq!(emu.pushes().len(), 1);
        send(&emu, &fields(BUILTIN_XIAOMI_DEVICE)).await;
        assert_eq!(emu.pushes().len(), 2);
        emu.shutdown().await;
    }

    #[tokio::test]
    async fn status_and_busy_faults_refuse_without_pushing() {
        let emu = start(&["xiaomi/*=status:503*1", "xiaomi=busy*1"]).await;
        let authorization = format!("key={SECRET}");
        let url = format!("{}/{SEND}", emu.base_url(Vendor::Xiaomi));
        let response = client()
            .post(&url)
            .header("Authorization", &authorization)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let busy = send(&emu, &fields(BUILTIN_XIAOMI_DEVICE)).await;
        assert_error(&busy, 10002);
        assert!(emu.pushes().is_empty());
        let ok = send(&emu, &fields(BUILTIN_XIAOMI_DEVICE)).await;
        assert_eq!(ok["code"], 0, "{ok}");
        assert_eq!(emu.pushes().len(), 1);
        emu.shutdown().await;
    }

    #[test]
    fn fault_paths_know_xiaomi() {
        let spec: FaultSpec = "xiaomi/v3/message/regid=reset*2".parse().unwrap();
        assert_eq!(spec.path, "xiaomi/v3/message/regid");
        assert_eq!(spec.times, Some(2));
        let error = "xiaomi/v1/nope=timeout".parse::<FaultSpec>().unwrap_err();
        assert!(error.to_string().contains("has no endpoint"), "{error}");
    }

    /// The example projects' Xiaomi app-ids, app-keys and packages are built-in apps, their
    /// AppSecret an env ref.
    #[test]
    fn builtin_registry_has_the_example_projects_xiaomi_apps() {
        let registry = Registry::builtin();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for example in ["examples/uniapp-chat", "examples/flutter-chat"] {
            let text = std::fs::read_to_string(root.join(example).join("pushdiag.toml")).unwrap();
            let config: toml::Table = toml::from_str(&text).unwrap();
            let xiaomi = config["xiaomi"].as_table().unwrap();
            let app_id = xiaomi["app-id"].as_str().unwrap();
            let app = registry
                .find(Vendor::Xiaomi, app_id)
                .unwrap_or_else(|| panic!("{example}: no built-in Xiaomi app {app_id}"));
            assert_eq!(
                app.app_key,
                xiaomi["app-key"].as_str().unwrap(),
                "{example}"
            );
            assert_eq!(
                app.package.as_deref(),
                config["package"].as_str(),
                "{example}"
            );
            assert_eq!(app.app_secret.expose(), SECRET);
            assert!(app.knows_device(BUILTIN_XIAOMI_DEVICE));
            assert_eq!(
                xiaomi["app-secret"]["env"].as_str(),
                Some("XIAOMI_APP_SECRET")
            );
        }
        assert_eq!(BUILTIN_XIAOMI_FLUTTER_APP_ID, "2882303761500000011");
        assert_eq!(BUILTIN_XIAOMI_FLUTTER_APP_KEY, "5000000000011");
        assert!(!format!("{registry:?}").contains(SECRET));
    }

    #[test]
    fn apps_file_needs_a_xiaomi_package() {
        let error = Registry::from_toml(
            "[[app]]\nvendor = \"xiaomi\"\napp-id = \"1\"\napp-secret = \"s\"\n",
        )
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("package is missing"),
            "{error:#}"
        );
        let ok = Registry::from_toml(
            "[[app]]\nvendor = \"xiaomi\"\napp-id = \"1\"\napp-secret = \"s\"\npackage = \"p\"\ndevices = [\"r1\"]\n",
        )
        .unwrap();
        assert!(ok.find(Vendor::Xiaomi, "1").unwrap().knows_device("r1"));
    }
}

mod meizu {
    use super::*;

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
        let pushes = emu.pushes();
        assert_eq!(pushes.len(), 1);
        let push = &pushes[0];
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
}

mod huawei {
    use super::*;

    const APP: &str = BUILTIN_HUAWEI_APP_ID;
    const SECRET: &str = BUILTIN_HUAWEI_APP_SECRET;
    const DEVICE: &str = BUILTIN_HUAWEI_DEVICE;

    async fn token_call(emu: &Emulator, fields: &[(&str, &str)]) -> (StatusCode, Value) {
        let mut encoded = reqwest::Url::parse("http://localhost/").unwrap();
        encoded.query_pairs_mut().extend_pairs(fields);
        let response = client()
            .post(format!("{}/oauth2/v3/token", emu.base_url(Vendor::Huawei)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(encoded.query().unwrap_or_default().to_owned())
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
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
        let mut request = client().post(format!(
            "{}/v1/{app}/messages:send",
            emu.base_url(Vendor::Huawei)
        ));
        if let Some(bearer) = bearer {
            request = request.header("Authorization", format!("Bearer {bearer}"));
        }
        let response = request.json(body).send().await.unwrap();
        (response.status(), response.json().await.unwrap())
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
        let registry = Registry::builtin();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for example in ["examples/uniapp-chat", "examples/flutter-chat"] {
            let text = std::fs::read_to_string(root.join(example).join("pushdiag.toml")).unwrap();
            let config: toml::Table = toml::from_str(&text).unwrap();
            let huawei = config["huawei"].as_table().unwrap();
            let app_id = huawei["app-id"].as_str().unwrap();
            let app = registry
                .find(Vendor::Huawei, app_id)
                .unwrap_or_else(|| panic!("{example}: no built-in Huawei app {app_id}"));
            assert_eq!(app.app_secret.expose(), SECRET);
            assert!(app.knows_device(DEVICE));
        }
        assert!(!format!("{registry:?}").contains(SECRET));
    }
}

mod honor {
    use super::*;

    const APP: &str = BUILTIN_HONOR_APP_ID;
    const CLIENT: &str = BUILTIN_HONOR_CLIENT_ID;
    const SECRET: &str = BUILTIN_HONOR_CLIENT_SECRET;
    const DEVICE: &str = BUILTIN_HONOR_DEVICE;

    async fn token_call(emu: &Emulator, secret: &str) -> (StatusCode, Value) {
        let mut encoded = reqwest::Url::parse("http://localhost/").unwrap();
        encoded.query_pairs_mut().extend_pairs([
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT),
            ("client_secret", secret),
        ]);
        let response = client()
            .post(format!("{}/auth/token", emu.base_url(Vendor::Honor)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(encoded.query().unwrap_or_default().to_owned())
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
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
        let mut request = client().post(format!(
            "{}/api/v1/{APP}/sendMessage",
            emu.base_url(Vendor::Honor)
        ));
        if let Some(bearer) = bearer {
            request = request.header("Authorization", format!("Bearer {bearer}"));
        }
        if timestamp {
            request = request.header("timestamp", now_ms().to_string());
        }
        let response = request.json(body).send().await.unwrap();
        (response.status(), response.json().await.unwrap())
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
        let error = Registry::from_toml(
            "[[app]]\nvendor = \"honor\"\napp-id = \"1\"\napp-secret = \"s\"\n",
        )
        .unwrap_err();
        assert!(format!("{error:#}").contains("Client ID"), "{error:#}");
    }
}

/// APNs keys and FCM service accounts in an apps file: the public key is required and must be
/// of the right kind; a restricted APNs key names one environment.
#[test]
fn registry_from_toml_apns_and_fcm() {
    let apns_public = super::builtin_apns_public_key();
    let text = format!(
        "[[app]]\nvendor = \"apns\"\napp-id = \"KEY1234567\"\napp-key = \"TEAM123456\"\npackage = \"com.example.chat\"\nenvironment = \"development\"\nunregistered = [\"00ff\"]\npublic-key = \"\"\"\n{apns_public}\"\"\"\n"
    );
    let registry = Registry::from_toml(&text).expect("apns app");
    let app = &registry.apps[0];
    assert_eq!(app.vendor, Vendor::Apns);
    assert_eq!(app.environment.as_deref(), Some("development"));
    assert_eq!(app.unregistered, ["00ff"]);
    let error = |text: &str| format!("{:#}", Registry::from_toml(text).unwrap_err());
    assert!(error(
        "[[app]]\nvendor = \"apns\"\napp-id = \"K\"\napp-key = \"T\"\npackage = \"p\"\n"
    )
    .contains("public-key is missing"));
    // An RSA key is not an APNs key, nor a P-256 key an FCM account's.
    let fcm_public = super::builtin_fcm_public_key().expect("rsa");
    assert!(error(&format!(
        "[[app]]\nvendor = \"apns\"\napp-id = \"K\"\napp-key = \"T\"\npackage = \"p\"\npublic-key = \"\"\"\n{fcm_public}\"\"\"\n"
    ))
    .contains("not a P-256 public key"));
    assert!(error(&format!(
        "[[app]]\nvendor = \"fcm\"\napp-id = \"proj\"\napp-key = \"sa@proj.iam.gserviceaccount.com\"\npublic-key = \"\"\"\n{apns_public}\"\"\"\n"
    ))
    .contains("not an RSA public key"));
    let fcm = Registry::from_toml(&format!(
        "[[app]]\nvendor = \"fcm\"\napp-id = \"proj\"\napp-key = \"sa@proj.iam.gserviceaccount.com\"\ndevices = [\"tok\"]\npublic-key = \"\"\"\n{fcm_public}\"\"\"\n"
    ))
    .expect("fcm app");
    assert_eq!(fcm.apps[0].vendor, Vendor::Fcm);
}
