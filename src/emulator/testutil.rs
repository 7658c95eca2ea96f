//! What the emulator's tests share: an emulator on loopback, a reqwest client, and vivo's auth
//! and send requests (the fault tests drive vivo's endpoints), computed here apart from the
//! emulator's own code.

pub(super) use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub(super) use reqwest::StatusCode;
pub(super) use serde_json::{json, Value};

use super::*;

pub(super) const KEY: &str = BUILTIN_VIVO_APP_KEY;
pub(super) const SECRET: &str = BUILTIN_VIVO_APP_SECRET;

/// The built-in registry on a free loopback port, with `faults` (`--fault` specs).
pub(super) fn builtin_config(faults: &[&str]) -> EmulatorConfig {
    EmulatorConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        registry: Registry::builtin(),
        faults: faults.iter().map(|f| f.parse().unwrap()).collect(),
    }
}

/// [`builtin_config`] running, without a forwarder.
pub(super) async fn start(faults: &[&str]) -> Emulator {
    Emulator::start(builtin_config(faults)).await.unwrap()
}

/// An emulator of `registry` on a free loopback port, without faults or a forwarder.
pub(super) async fn start_with(registry: Registry) -> Emulator {
    let config = EmulatorConfig {
        registry,
        ..builtin_config(&[])
    };
    Emulator::start(config).await.unwrap()
}

pub(super) fn client() -> reqwest::Client {
    client_with_timeout(Duration::from_secs(10))
}

pub(super) fn client_with_timeout(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(timeout)
        .build()
        .unwrap()
}

pub(super) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// The sign, computed here apart from the emulator's own `vivo::sign`.
pub(super) fn md5_hex(text: &str) -> String {
    format!("{:x}", md5::compute(text))
}

pub(super) fn auth_body(app_id: &str, key: &str, secret: &str, timestamp: i64) -> Value {
    json!({
        "appId": app_id.parse::<u64>().unwrap(),
        "appKey": key,
        "timestamp": timestamp,
        "sign": md5_hex(&format!("{app_id}{key}{timestamp}{secret}")),
    })
}

pub(super) async fn post(
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

pub(super) async fn auth(emu: &Emulator, client: &reqwest::Client, body: &Value) -> Value {
    let url = format!("{}/message/auth", emu.base_url(Vendor::Vivo));
    let (status, body) = post(client, url, None, body).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

pub(super) async fn token(emu: &Emulator, client: &reqwest::Client, app_id: &str) -> String {
    let body = auth(
        emu,
        client,
        &auth_body(app_id, key_of(app_id), secret_of(app_id), now_ms()),
    )
    .await;
    assert_eq!(body["result"], 0, "{body}");
    body["authToken"].as_str().unwrap().to_owned()
}

pub(super) fn key_of(app_id: &str) -> &'static str {
    if app_id == BUILTIN_VIVO_FLUTTER_APP_ID {
        BUILTIN_VIVO_FLUTTER_APP_KEY
    } else {
        KEY
    }
}

pub(super) fn secret_of(_app_id: &str) -> &'static str {
    SECRET
}

/// The send body pushdiag and Tencent's test script send (tim-vendor-payloads.md §3).
pub(super) fn send_body(reg_id: &str, push_mode: i64, request_id: &str) -> Value {
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

pub(super) async fn send(
    emu: &Emulator,
    client: &reqwest::Client,
    token: Option<&str>,
    body: &Value,
) -> (StatusCode, Value) {
    let url = format!("{}/message/send", emu.base_url(Vendor::Vivo));
    post(client, url, token, body).await
}

/// A vivo push of [`send_body`] with `token`: the answer's status and body.
pub(super) async fn send_to(
    emu: &Emulator,
    client: &reqwest::Client,
    token: &str,
    reg_id: &str,
    push_mode: i64,
    request_id: &str,
) -> (StatusCode, Value) {
    let body = send_body(reg_id, push_mode, request_id);
    send(emu, client, Some(token), &body).await
}

/// A UserSig for the built-in IM app's admin made by Tencent's Python library
/// (`tls-sig-api-v2` 1.1 from PyPI) outside the test run, at 1700000000 with a 50-year lifetime,
/// so it is valid now (until 2073) and no pushdiag code made it:
///
/// ```sh
/// python3 -c 'import time; time.time = lambda: 1700000000
/// import TLSSigAPIv2
/// k = "7e577e577e577e577e577e577e577e577e577e577e577e577e577e577e577e57"
/// print(TLSSigAPIv2.TLSSigAPIv2(1400000000, k).gen_sig("administrator", 50*365*86400))'
/// ```
pub(super) const BUILTIN_ADMIN_USERSIG: &str = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkElNyM-Myi0uKEkvyi2BKilOyEwsKMlOACgxNDKAAKpdaUZBZlAqSMTU3s0CWKcnMBYubo*kozkwH2RRV4F9uYO5cbhZammKcGpCR5lFoaGzq7*6ZF2yQlW0Rauns7O9RmmOeYh5pq1QLAB9XNcE_";

/// POSTs `fields` as an `application/x-www-form-urlencoded` body (an OAuth token call); the
/// answer's status and JSON body.
pub(super) async fn post_form(url: String, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    // reqwest's `form` encodes as `application/x-www-form-urlencoded` and says so.
    let response = client().post(url).form(fields).send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

/// Runs `check` on each example project's `pushdiag.toml` and the built-in `vendor` app that
/// its `[section]` `app-id` names (the examples run with `--emulated` as they are); returns the
/// built-in registry for checks on the whole of it.
pub(super) fn each_example_app(
    vendor: Vendor,
    section: &str,
    mut check: impl FnMut(&str, &toml::Table, &App),
) -> Registry {
    let registry = Registry::builtin();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for example in ["examples/uniapp-chat", "examples/flutter-chat"] {
        let text = std::fs::read_to_string(root.join(example).join("pushdiag.toml")).unwrap();
        let config: toml::Table = toml::from_str(&text).unwrap();
        let app_id = config[section]["app-id"].as_str().unwrap();
        let app = registry
            .find(vendor, app_id)
            .unwrap_or_else(|| panic!("{example}: no built-in {vendor} app {app_id}"));
        check(example, &config, app);
    }
    registry
}

/// Asserts that the apps file `text` is refused with an error that says `because`.
pub(super) fn assert_apps_file_refused(text: &str, because: &str) {
    let error = Registry::from_toml(text).unwrap_err();
    assert!(format!("{error:#}").contains(because), "{error:#}");
}

/// An emulator of the built-in registry, a client and a vivo access token for `app_id`.
pub(super) async fn start_with_vivo_token(app_id: &str) -> (Emulator, reqwest::Client, String) {
    let emu = start(&[]).await;
    let client = client();
    let token = token(&emu, &client, app_id).await;
    (emu, client, token)
}

/// A POST to `url`, with `Authorization: Bearer <bearer>` when there is one (Huawei, Honor).
pub(super) fn post_bearer(url: String, bearer: Option<&str>) -> reqwest::RequestBuilder {
    let request = client().post(url);
    match bearer {
        Some(bearer) => request.bearer_auth(bearer),
        None => request,
    }
}

/// Sends `request` with the JSON `body`: the answer's status and JSON body.
pub(super) async fn send_json(
    request: reqwest::RequestBuilder,
    body: &Value,
) -> (StatusCode, Value) {
    let response = request.json(body).send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

/// The one push the emulator recorded; fails when there is none or more.
pub(super) fn only_push(emu: &Emulator) -> RecordedPush {
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    pushes[0].clone()
}
