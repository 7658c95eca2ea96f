//! The server itself: loopback only, and a shutdown that ends held requests.

use crate::emulator::testutil::*;
use crate::emulator::*;

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
