//! APNs at the root of its own ports, as real clients call it: `POST /3/device/<token>` on a
//! port per environment, over TLS (trusting the emulator's CA) and h2c.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use p256::ecdsa::signature::Signer as _;

use crate::emulator::testutil::*;
use crate::emulator::*;

/// A provider token signed with the built-in key, made here apart from the emulator's checks.
fn provider_token() -> String {
    let iat = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = URL_SAFE_NO_PAD.encode(format!(
        r#"{{"alg":"ES256","kid":"{BUILTIN_APNS_KEY_ID}"}}"#
    ));
    let claims =
        URL_SAFE_NO_PAD.encode(format!(r#"{{"iss":"{BUILTIN_APNS_TEAM_ID}","iat":{iat}}}"#));
    let input = format!("{header}.{claims}");
    let signature: p256::ecdsa::Signature = builtin_apns_signing_key().sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// An emulator with `faults` and its APNs sandbox served at the root of a port of its own.
async fn sandbox_port(faults: &[&str]) -> (Emulator, std::net::SocketAddr) {
    let mut emulator = start(faults).await;
    let root = emulator
        .serve_apns("127.0.0.1:0".parse().unwrap(), ApnsEnvironment::Sandbox)
        .await
        .unwrap()
        .addr;
    (emulator, root)
}

fn h2c() -> reqwest::Client {
    reqwest::Client::builder()
        .http2_prior_knowledge()
        .no_proxy()
        .build()
        .unwrap()
}

/// HTTP/2 over TLS trusting only `ca_pem`, as node-apn with its `ca` option.
fn tls_trusting(ca_pem: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(ca_pem.as_bytes()).unwrap())
        .http2_prior_knowledge()
        .no_proxy()
        .build()
        .unwrap()
}

/// POSTs an alert to `url` with the built-in key's token; (status, reason).
async fn push(client: &reqwest::Client, url: &str) -> (u16, String) {
    let response = client
        .post(url)
        .header("authorization", format!("bearer {}", provider_token()))
        .header("apns-topic", BUILTIN_APNS_BUNDLE_ID)
        .header("apns-push-type", "alert")
        .body(r#"{"aps":{"alert":{"title":"t","body":"b"}}}"#)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    (status, body["reason"].as_str().unwrap_or("").to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_port_serves_its_environment_at_the_root_over_h2c_and_tls() {
    let mut emulator = start(&[]).await;
    let any: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
    let production = emulator
        .serve_apns(any, ApnsEnvironment::Production)
        .await
        .unwrap();
    let sandbox = emulator
        .serve_apns(any, ApnsEnvironment::Sandbox)
        .await
        .unwrap();
    // One CA for every TLS port of an emulator: a client trusts one file.
    assert_eq!(production.ca_pem, sandbox.ca_pem);
    let device = |addr, scheme, token| format!("{scheme}://{addr}/3/device/{token}");
    let tls = tls_trusting(&sandbox.ca_pem);

    let ok = push(
        &h2c(),
        &device(sandbox.addr, "http", BUILTIN_APNS_SANDBOX_DEVICE),
    )
    .await;
    assert_eq!(ok, (200, String::new()));
    let ok = push(
        &tls,
        &device(sandbox.addr, "https", BUILTIN_APNS_SANDBOX_DEVICE),
    )
    .await;
    assert_eq!(ok, (200, String::new()));
    let ok = push(
        &tls,
        &device(production.addr, "https", BUILTIN_APNS_PRODUCTION_DEVICE),
    )
    .await;
    assert_eq!(ok, (200, String::new()));
    // The host chooses the environment: a development build's token on production is refused.
    let wrong = push(
        &h2c(),
        &device(production.addr, "http", BUILTIN_APNS_SANDBOX_DEVICE),
    )
    .await;
    assert_eq!(wrong, (400, "BadDeviceToken".to_owned()));

    let pushes = emulator.pushes();
    let modes: Vec<bool> = pushes.iter().map(|p| p.test_mode).collect();
    assert_eq!(modes, [true, true, false], "{pushes:?}");
    assert_eq!(pushes[2].target, BUILTIN_APNS_PRODUCTION_DEVICE);
    emulator.shutdown().await;
}

/// Apple answers a bad `:path` with 404 `{"reason":"BadPath"}`; the emulator's own prefixes are
/// not Apple's paths, so on a root port they are bad paths too. Other methods are 405.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_path_at_the_root_is_bad_path_and_prefixes_are_not_apples() {
    let (emulator, root) = sandbox_port(&[]).await;
    for path in [
        "/",
        "/3/devices/x",
        "/apns-sandbox/3/device/x",
        "/apns/3/device/x",
    ] {
        let answer = push(&h2c(), &format!("http://{root}{path}")).await;
        assert_eq!(answer, (404, "BadPath".to_owned()), "{path}");
    }
    let get = h2c()
        .get(format!(
            "http://{root}/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 405);
    // HTTP/1.1 is refused as APNs refuses it.
    let http1 = client()
        .post(format!(
            "http://{root}/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(http1.status(), 505);
    // pushdiag's own prefixed paths still answer on the emulator's port.
    let prefixed = emulator.base_url(crate::vendor::Vendor::Apns);
    let ok = push(
        &h2c(),
        &format!("{prefixed}-sandbox/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}"),
    )
    .await;
    assert_eq!(ok.0, 200);
    emulator.shutdown().await;
}

/// A fault named by the emulator's path (`apns/3/device/{token}`) reaches the root ports too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_reach_the_root_ports() {
    let (emulator, root) = sandbox_port(&["apns/3/device/{token}=busy*1"]).await;
    let url = format!("http://{root}/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}");
    assert_eq!(
        push(&h2c(), &url).await,
        (503, "ServiceUnavailable".to_owned())
    );
    assert_eq!(push(&h2c(), &url).await.0, 200);
    emulator.shutdown().await;
}

/// A client that connects and says nothing holds up no other connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_connection_does_not_block_the_port() {
    let (emulator, root) = sandbox_port(&[]).await;
    let _silent = tokio::net::TcpStream::connect(root).await.unwrap();
    let url = format!("http://{root}/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}");
    let answer = tokio::time::timeout(Duration::from_secs(5), push(&h2c(), &url)).await;
    assert_eq!(answer.unwrap().0, 200);
    emulator.shutdown().await;
}
