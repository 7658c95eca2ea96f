//! OPPO (`vendors-cn.md` §2): form-encoded auth and unicast against the built-in apps.

use crate::emulator::testutil::*;
use crate::emulator::*;

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
    let response = client.post(&url).form(fields).send().await?;
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
    let push = only_push(&emu);
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
    let emu = start_with(registry).await;
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
    let registry = each_example_app(Vendor::Oppo, "oppo", |example, config, app| {
        let oppo = config["oppo"].as_table().unwrap();
        assert_eq!(app.app_key, oppo["app-key"].as_str().unwrap(), "{example}");
        assert_eq!(app.master_secret.as_ref().unwrap().expose(), MASTER);
        assert_eq!(
            oppo["master-secret"]["env"].as_str(),
            Some("OPPO_MASTER_SECRET")
        );
    });
    assert!(!format!("{registry:?}").contains(MASTER));
}

#[test]
fn apps_file_needs_an_oppo_master_secret() {
    assert_apps_file_refused(
        "[[app]]\nvendor = \"oppo\"\napp-id = \"1\"\napp-key = \"k\"\napp-secret = \"s\"\n",
        "master-secret is missing",
    );
    let ok = Registry::from_toml(
        "[[app]]\nvendor = \"oppo\"\napp-id = \"1\"\napp-key = \"k\"\napp-secret = \"s\"\nmaster-secret = \"m\"\ndevices = [\"CN_1\"]\n",
    )
    .unwrap();
    assert!(ok.find(Vendor::Oppo, "1").unwrap().knows_device("CN_1"));
}
