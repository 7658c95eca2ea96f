//! Fault injection: the specs as `--fault` parses them, and each fault as a client sees it on
//! vivo's endpoints.

use crate::emulator::testutil::*;
use crate::emulator::*;

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
    for (spec, says) in [
        ("explode", "unknown fault `explode`"),
        ("delay:1500", "needs a unit"),
        ("delay", "needs a duration"),
        ("status:200", "400-599"),
        ("status:abc", "not a number"),
        ("503", "status:503"),
        ("429", "429:5"),
        ("timeout*0", "*0"),
        ("timeout*x", "not a count"),
        ("reset:3", "takes no argument"),
        // Every vendor is emulated now: a path under another prefix names no vendor.
        ("jpush/v3/push=timeout", "not an emulated vendor"),
        // FCM, Honor and Meizu are emulated now: a path one does not serve is an unknown
        // endpoint.
        ("fcm/v1/send=timeout", "has no endpoint"),
        ("honor/api/v1/send=timeout", "has no endpoint"),
        ("meizu/garcia/api/server/push=timeout", "has no endpoint"),
        ("oppo/server/v1/nope=timeout", "has no endpoint"),
        ("vivo/message/sned=timeout", "no endpoint `message/sned`"),
        ("=timeout", "empty"),
    ] {
        let error = spec.parse::<FaultSpec>().unwrap_err().to_string();
        assert!(error.contains(says), "{spec}: {error}");
    }
}
