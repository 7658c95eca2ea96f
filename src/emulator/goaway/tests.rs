//! GOAWAY: an HTTP/2 connection told to go away mid-stream, as APNs does.

use super::*;
use crate::emulator::{Emulator, EmulatorConfig, Registry, BUILTIN_APNS_SANDBOX_DEVICE};

async fn start() -> Emulator {
    Emulator::start(EmulatorConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        registry: Registry::builtin(),
        faults: vec!["apns/3/device/{token}=goaway*1".parse().unwrap()],
    })
    .await
    .unwrap()
}

/// A client that does not retry by itself (reqwest would resend after a GOAWAY).
fn client(builder: reqwest::ClientBuilder) -> reqwest::Client {
    builder
        .no_proxy()
        .retry(reqwest::retry::never())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn push(client: &reqwest::Client, base: &str) -> reqwest::Result<reqwest::Response> {
    client
        .post(format!("{base}/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}"))
        .header("apns-topic", "com.example.chat")
        .body(r#"{"aps":{"alert":"x"}}"#)
        .send()
        .await
}

/// The h2 error under reqwest's, if any.
fn h2_error(error: &reqwest::Error) -> Option<&h2::Error> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(err) = source {
        if let Some(h2) = err.downcast_ref::<h2::Error>() {
            return Some(h2);
        }
        source = err.source();
    }
    None
}

/// The client's stream ends with the server's GOAWAY (NO_ERROR), which h2 reports only for
/// streams above the last-stream-id: not handled, nothing recorded. The fault is spent, and
/// the next request, on a new connection, gets APNs's normal answer.
async fn goaway_then_normal(emu: &Emulator, client: &reqwest::Client, base: &str) {
    let error = push(client, base).await.unwrap_err();
    let h2 = h2_error(&error).unwrap_or_else(|| panic!("not an h2 error: {error:?}"));
    assert!(h2.is_go_away() && h2.is_remote(), "{h2:?}");
    assert_eq!(h2.reason(), Some(h2::Reason::NO_ERROR));
    assert!(emu.pushes().is_empty());
    let answer = push(client, base).await.unwrap();
    // No provider token: APNs's own refusal, so the request reached the APNs handler.
    assert_eq!(answer.status(), 403);
    assert_eq!(answer.version(), reqwest::Version::HTTP_2);
}

#[tokio::test]
async fn goaway_over_h2c_excludes_the_request() {
    let emu = start().await;
    let client = client(reqwest::Client::builder().http2_prior_knowledge());
    let base = format!("http://{}/apns-sandbox", emu.addr());
    goaway_then_normal(&emu, &client, &base).await;
    emu.shutdown().await;
}

#[tokio::test]
async fn goaway_over_tls_excludes_the_request() {
    let mut emu = start().await;
    let tls = emu.serve_tls("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let ca = reqwest::Certificate::from_pem(tls.ca_pem.as_bytes()).unwrap();
    let client = client(reqwest::Client::builder().add_root_certificate(ca));
    let base = format!("https://{}/apns-sandbox", tls.addr);
    goaway_then_normal(&emu, &client, &base).await;
    emu.shutdown().await;
}

/// HTTP/1 has no GOAWAY: the connection is reset instead, and the request is not handled.
#[tokio::test]
async fn goaway_on_http1_resets_without_handling() {
    let emu = start().await;
    let client = client(reqwest::Client::builder().http1_only());
    let base = format!("http://{}/apns-sandbox", emu.addr());
    let error = push(&client, &base).await.unwrap_err();
    assert!(h2_error(&error).is_none(), "{error:?}");
    assert!(emu.pushes().is_empty());
    emu.shutdown().await;
}

#[test]
fn goaway_is_a_fault_kind() {
    let spec: crate::emulator::FaultSpec = "apns/3/device/{token}=goaway*1".parse().unwrap();
    assert_eq!(spec.fault, crate::emulator::Fault::Goaway);
    assert_eq!(spec.to_string(), "apns/3/device/{token}=goaway*1");
    let error = "goaway:1"
        .parse::<crate::emulator::FaultSpec>()
        .unwrap_err();
    assert!(error.to_string().contains("takes no argument"), "{error}");
}

/// The frame as RFC 9113 §6.8 lays it out, byte by byte.
#[test]
fn the_goaway_frame_is_rfc_9113s() {
    let frame = goaway_frame(5);
    let len = 8 + DEBUG_DATA.len();
    assert_eq!(&frame[..3], &[0, 0, len as u8]);
    assert_eq!(frame[3], 0x7, "type GOAWAY");
    assert_eq!(&frame[4..9], &[0, 0, 0, 0, 0], "no flags, stream 0");
    assert_eq!(&frame[9..13], &[0, 0, 0, 5], "last-stream-id");
    assert_eq!(&frame[13..17], &[0, 0, 0, 0], "NO_ERROR");
    assert_eq!(&frame[17..], DEBUG_DATA);
}

/// Boundaries are found across writes split anywhere, headers included.
#[test]
fn frames_are_followed_across_split_writes() {
    let mut frames = Frames::default();
    let mut bytes = vec![0, 0, 3, 1, 4, 0, 0, 0, 7, b'a', b'b', b'c'];
    bytes.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 0, 0]);
    let mut seen = Vec::new();
    for chunk in bytes.chunks(4) {
        frames.feed(chunk, |h| seen.push(h[3]));
        if seen.len() == 1 && !frames.at_boundary() {
            assert!(frames.left_in_frame() > 0);
        }
    }
    assert_eq!(seen, [1, 4]);
    assert!(frames.at_boundary());
}
