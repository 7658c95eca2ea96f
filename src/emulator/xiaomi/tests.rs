//! Xiaomi (`vendors-cn.md` §3): the regid send, its Authorization header and field checks.

use crate::emulator::testutil::*;
use crate::emulator::*;

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
    let mut request = client.post(&url).form(fields);
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
    let registry = each_example_app(Vendor::Xiaomi, "xiaomi", |example, config, app| {
        let xiaomi = config["xiaomi"].as_table().unwrap();
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
    });
    assert_eq!(BUILTIN_XIAOMI_FLUTTER_APP_ID, "2882303761500000011");
    assert_eq!(BUILTIN_XIAOMI_FLUTTER_APP_KEY, "5000000000011");
    assert!(!format!("{registry:?}").contains(SECRET));
}

#[test]
fn apps_file_needs_a_xiaomi_package() {
    assert_apps_file_refused(
        "[[app]]\nvendor = \"xiaomi\"\napp-id = \"1\"\napp-secret = \"s\"\n",
        "package is missing",
    );
    let ok = Registry::from_toml(
        "[[app]]\nvendor = \"xiaomi\"\napp-id = \"1\"\napp-secret = \"s\"\npackage = \"p\"\ndevices = [\"r1\"]\n",
    )
    .unwrap();
    assert!(ok.find(Vendor::Xiaomi, "1").unwrap().knows_device("r1"));
}
