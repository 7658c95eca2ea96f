//! Tencent IM: `send-test --via tim`, `status`, `check-config --online` for `[tim]`, and the
//! emulator's TIM REST API (UserSig checks, every error path, de-duplication, the forward to the
//! vendor). The status rules are triggered by the tests [`RULE_TESTS`] names, which `rules.rs`
//! checks.

use std::path::Path;

use pushdiag::emulator::{
    PushToken, RecordedPush, Registry, TimState, TimUser, BUILTIN_APNS_SANDBOX_DEVICE,
    BUILTIN_HONOR_APP_ID, BUILTIN_HONOR_DEVICE, BUILTIN_HUAWEI_APP_ID, BUILTIN_HUAWEI_DEVICE,
    BUILTIN_MEIZU_APP_ID, BUILTIN_MEIZU_DEVICE, BUILTIN_OPPO_APP_ID, BUILTIN_OPPO_DEVICE,
    BUILTIN_TIM_ADMIN, BUILTIN_TIM_IOS_USER, BUILTIN_TIM_OFFLINE_USER, BUILTIN_TIM_ONLINE_USER,
    BUILTIN_TIM_PUSH_ONLINE_USER, BUILTIN_TIM_SDK_APP_ID, BUILTIN_TIM_SECRET_KEY,
    BUILTIN_TIM_UNPUBLISHED_USER, BUILTIN_VIVO_DEVICE, BUILTIN_XIAOMI_APP_ID,
    BUILTIN_XIAOMI_DEVICE,
};
use pushdiag::secret::Secret;
use pushdiag::vendor::Vendor;
use pushdiag::vendors::tim::usersig;
use serde_json::{json, Value};

use crate::emu::Emu;
use crate::{vendor_command, Run};

/// The status rules and the test that triggers each and checks the fix passes.
pub const RULE_TESTS: &[(&str, &str)] = &[
    (
        "user-not-found",
        "status_explains_each_state_and_exits_by_it",
    ),
    (
        "receiver-online",
        "status_explains_each_state_and_exits_by_it",
    ),
    (
        "receiver-offline",
        "status_explains_each_state_and_exits_by_it",
    ),
    (
        "receiver-push-online",
        "status_explains_each_state_and_exits_by_it",
    ),
];

const APP: u64 = 1_400_000_000;

/// The TIM REST API of the test emulator, called straight from the test.
trait TimApi {
    /// The emulator's base URL for Tencent IM.
    fn tim_base(&self) -> String;
    /// POSTs `body` to the TIM `path` with a query string built from `query`, from a thread of
    /// the test (the emulator serves on the runtime's workers).
    fn call(&self, path: &str, query: &[(&str, String)], body: &str) -> Value;
}

impl TimApi for Emu {
    fn tim_base(&self) -> String {
        self.base_of(Vendor::Tim)
    }

    fn call(&self, path: &str, query: &[(&str, String)], body: &str) -> Value {
        let mut url = reqwest::Url::parse(&format!("{}{path}", self.tim_base())).expect("url");
        for (name, value) in query {
            url.query_pairs_mut().append_pair(name, value);
        }
        let body = body.to_owned();
        self.block_on(async move {
            let response = reqwest::Client::new()
                .post(url)
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await
                .expect("answer");
            assert_eq!(response.status(), 200, "Tencent IM answers HTTP 200");
            response.json().await.expect("JSON answer")
        })
    }
}

/// A query string: name and value pairs.
type Query = Vec<(&'static str, String)>;

/// The common query string with a UserSig made by `sig`.
fn query(sig: &str) -> Vec<(&'static str, String)> {
    vec![
        ("sdkappid", APP.to_string()),
        ("identifier", BUILTIN_TIM_ADMIN.to_owned()),
        ("usersig", sig.to_owned()),
        ("random", "12345".to_owned()),
        ("contenttype", "json".to_owned()),
    ]
}

fn admin_sig() -> String {
    usersig::generate_now(&Secret::new(BUILTIN_TIM_SECRET_KEY), APP, BUILTIN_TIM_ADMIN)
        .expose()
        .to_owned()
}

fn code(answer: &Value) -> i64 {
    answer["ErrorCode"].as_i64().expect("ErrorCode")
}

fn message(to: &str, random: u32) -> Value {
    json!({
        "To_Account": to,
        "MsgSeq": 7,
        "MsgRandom": random,
        "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}],
        "OfflinePushInfo": {"Title": "T", "Desc": "hi", "Ext": "{\"entity\":{}}"}
    })
}

/// A project whose `[tim]` points at `endpoint`, the secret key from `TIM_SECRET_KEY`.
fn project(endpoint: &str, admin: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "[tim]\nsdk-app-id = {BUILTIN_TIM_SDK_APP_ID}\nsecret-key = {{ env = \"TIM_SECRET_KEY\" }}\nadmin = \"{admin}\"\nendpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

/// `pushdiag ARGS` in `dir` (none: a folder with no config), `TIM_SECRET_KEY` set to `key`.
fn run(dir: Option<&Path>, key: &str, args: &[&str]) -> Run {
    let empty = tempfile::tempdir().expect("tempdir");
    Run::of(
        vendor_command(dir.unwrap_or(empty.path()), "tim")
            .env("TIM_SECRET_KEY", key)
            .args(args),
    )
}

/// `pushdiag send-test --via tim --to TO ARGS` in the project `dir`.
fn send(dir: &Path, key: &str, to: &str, args: &[&str]) -> Run {
    let mut all = vec!["send-test", "--via", "tim", "--to", to];
    all.extend_from_slice(args);
    run(Some(dir), key, &all)
}

/// `pushdiag --emulated send-test --via tim --to TO ARGS` in a folder with no config.
fn emulated(to: &str, args: &[&str]) -> Run {
    let mut all = vec!["--emulated", "send-test", "--via", "tim", "--to", to];
    all.extend_from_slice(args);
    run(None, "", &all)
}

/// How many messages the emulated IM server took.
fn messages(emu: &Emu) -> usize {
    emu.pushes()
        .iter()
        .filter(|p| p.vendor == Vendor::Tim)
        .count()
}

fn rules(document: &Value) -> Vec<String> {
    crate::rules_of(document)
}

fn results(document: &Value) -> Vec<Value> {
    document["results"].as_array().expect("results").clone()
}

// ---- status -------------------------------------------------------------------------------

/// The four answers a user needs (apns-fcm-tim.md D.8, D.9; the seeds' logout/kick notes): a
/// PushOnline receiver gets a push (exit 0), Online and Offline receivers and unknown accounts
/// do not (exit 1), each with the rule that says why.
#[test]
fn status_explains_each_state_and_exits_by_it() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let cases = [
        (
            BUILTIN_TIM_PUSH_ONLINE_USER,
            0,
            "receiver-push-online",
            "Android: PushOnline",
        ),
        (
            BUILTIN_TIM_ONLINE_USER,
            1,
            "receiver-online",
            "Android: Online",
        ),
        (
            BUILTIN_TIM_OFFLINE_USER,
            1,
            "receiver-offline",
            "logged out",
        ),
        ("nobody", 1, "user-not-found", "NotImported"),
    ];
    for (user, exit, rule, text) in cases {
        let out = run(
            Some(dir.path()),
            BUILTIN_TIM_SECRET_KEY,
            &["status", "--user", user, "--format", "json"],
        );
        assert_eq!(out.code, exit, "{user}: {}{}", out.stdout, out.stderr);
        let document = out.json();
        assert_eq!(rules(&document), [rule], "{user}");
        let message = document["findings"][0]["message"]
            .as_str()
            .expect("message");
        assert!(message.contains(text), "{user}: {message}");
    }
    // Several users at once: the worst decides the exit code.
    let out = run(
        Some(dir.path()),
        BUILTIN_TIM_SECRET_KEY,
        &[
            "status",
            "--user",
            BUILTIN_TIM_PUSH_ONLINE_USER,
            "--user",
            BUILTIN_TIM_OFFLINE_USER,
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        rules(&out.json()),
        ["receiver-push-online", "receiver-offline"]
    );
}

#[test]
fn status_with_a_wrong_key_is_credential_rejected_70009_not_a_user_state() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let out = run(
        Some(dir.path()),
        "another-apps-key-0000",
        &["status", "--user", "alice", "--format", "json"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let document = out.json();
    assert_eq!(rules(&document), ["credential-rejected"]);
    assert!(document["findings"][0]["message"]
        .as_str()
        .expect("message")
        .contains("70009"));
}

#[test]
fn status_busy_server_is_asked_again_then_exit_3() {
    // 70169 "server internal timeout, retry" comes with HTTP 200: a query is asked again.
    let emu = Emu::start(&["tim/v4/im_open_login_svc/account_check=busy*1"]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let out = run(
        Some(dir.path()),
        BUILTIN_TIM_SECRET_KEY,
        &["status", "--user", "alice", "-v"],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("asking again"), "{}", out.stderr);
    // Busy on every try: the answer is unknown.
    let emu = Emu::start(&["tim/v4/im_open_login_svc/account_check=busy*5"]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let out = run(
        Some(dir.path()),
        BUILTIN_TIM_SECRET_KEY,
        &["status", "--user", "alice", "--retries", "1"],
    );
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("70169"), "{}", out.stderr);
}

// ---- send-test --via tim -------------------------------------------------------------------

/// The whole chain, as Tencent's console tool shows it: the IM server accepts the message, the
/// receiver is PushOnline, so it pushes through vivo (a formal push, with the ext under
/// clientCustomMap.ext) to the receiver's regId.
#[test]
fn send_via_tim_pushes_through_vivo_to_the_receivers_device() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"administrator"}}"#;
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        BUILTIN_TIM_PUSH_ONLINE_USER,
        &[
            "--title",
            "Hello",
            "--desc",
            "New message",
            "--ext",
            ext,
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let document = out.json();
    let results = results(&document);
    assert_eq!(
        results.len(),
        1,
        "outside --emulated only the IM answer is known"
    );
    assert_eq!(results[0]["vendor"], "tim");
    assert_eq!(results[0]["outcome"], "accepted");
    // The real server does not say whether it pushed; the receiver's state does.
    assert!(
        out.stderr
            .contains("alice is PushOnline: Tencent IM turns this message into an offline push"),
        "{}",
        out.stderr
    );
    let key = results[0]["message_id"]
        .as_str()
        .expect("MsgKey")
        .to_owned();

    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2, "{pushes:?}");
    let (message, push) = (&pushes[0], &pushes[1]);
    assert_eq!(message.vendor, Vendor::Tim);
    assert_eq!(message.task_id, key);
    assert_eq!(
        message.payload["OfflinePushInfo"]["Ext"], ext,
        "Ext is a JSON string"
    );
    assert_eq!(
        message.payload["OfflinePushInfo"]["AndroidInfo"]["VIVOCategory"],
        "IM"
    );
    assert_eq!(push.vendor, Vendor::Vivo);
    assert_eq!(push.target, BUILTIN_VIVO_DEVICE);
    assert_eq!(push.title, "Hello");
    assert_eq!(push.body, "New message");
    assert_eq!(push.ext.as_deref(), Some(ext));
    assert!(
        !push.test_mode,
        "the IM console never uses vivo's test mode"
    );
    let deliveries = emu.deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].msg_key, key);
}

#[test]
fn emulated_send_shows_im_server_vendor_and_device() {
    let out = emulated(BUILTIN_TIM_PUSH_ONLINE_USER, &[]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(&format!(
            "tim push to {BUILTIN_TIM_PUSH_ONLINE_USER}: accepted"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("vivo push to {BUILTIN_VIVO_DEVICE}: accepted")),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("PushOnline: offline push through vivo"),
        "{}",
        out.stderr
    );

    // A vivo app still under review: Tencent's formal push is refused (10045), which only the
    // vendor's answer shows.
    let out = emulated(BUILTIN_TIM_UNPUBLISHED_USER, &["--format", "json"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let document = out.json();
    assert_eq!(results(&document)[1]["vendor_code"], 10045);
    assert!(rules(&document).contains(&"push-rejected".to_owned()));

    // Online: delivered over the connection, no push.
    let out = emulated(BUILTIN_TIM_ONLINE_USER, &["--format", "json"]);
    assert_eq!(out.code, 0);
    assert_eq!(results(&out.json()).len(), 1);
    assert!(
        out.stderr
            .contains("is Online: delivered over the IM connection"),
        "{}",
        out.stderr
    );
}

/// The chain on an iPhone: IM server → APNs → device. The receiver's token is a sandbox one, so
/// the IM server pushes through the APNs sandbox with its key, and the emulated APNs checks the
/// provider token, the topic and the token's environment as it does for `send-test --vendor apns`.
#[test]
fn emulated_send_to_an_iphone_goes_through_apns() {
    let out = emulated(BUILTIN_TIM_IOS_USER, &["--format", "json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let document = out.json();
    let results = results(&document);
    assert_eq!(results.len(), 2, "{document:#}");
    assert_eq!(results[0]["vendor"], "tim");
    assert_eq!(results[1]["vendor"], "apns");
    assert_eq!(results[1]["target"], BUILTIN_APNS_SANDBOX_DEVICE);
    assert_eq!(results[1]["outcome"], "accepted", "{document:#}");
    assert_eq!(results[1]["http_status"], 200);
}

/// Tencent's push service sends through whichever vendor the receiver's device registered: the
/// emulator forwards with that vendor's own client, so each vendor's emulated API checks and
/// records the push, with the ext where that vendor's Tencent plugin reads it.
#[test]
fn forwards_to_every_emulated_android_vendor() {
    let vendors = [
        (Vendor::Oppo, BUILTIN_OPPO_APP_ID, BUILTIN_OPPO_DEVICE),
        (Vendor::Xiaomi, BUILTIN_XIAOMI_APP_ID, BUILTIN_XIAOMI_DEVICE),
        (Vendor::Meizu, BUILTIN_MEIZU_APP_ID, BUILTIN_MEIZU_DEVICE),
        (Vendor::Huawei, BUILTIN_HUAWEI_APP_ID, BUILTIN_HUAWEI_DEVICE),
        (Vendor::Honor, BUILTIN_HONOR_APP_ID, BUILTIN_HONOR_DEVICE),
    ];
    let mut registry = Registry::builtin();
    let tim = registry
        .apps
        .iter_mut()
        .find(|app| app.vendor == Vendor::Tim)
        .expect("built-in IM app");
    for (vendor, app_id, token) in vendors {
        tim.users.push(TimUser {
            id: format!("user-{vendor}"),
            state: TimState::PushOnline,
            platform: "Android".to_owned(),
            push: Some(PushToken {
                vendor,
                app_id: app_id.to_owned(),
                token: token.to_owned(),
            }),
        });
    }
    let emu = Emu::with_registry(registry, &[]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"administrator"}}"#;
    let mut args = vec![
        "send-test",
        "--via",
        "tim",
        "--ext",
        ext,
        "--format",
        "json",
    ];
    let users: Vec<String> = vendors
        .iter()
        .map(|(v, _, _)| format!("user-{v}"))
        .collect();
    for user in &users {
        args.extend(["--to", user.as_str()]);
    }
    let out = run(Some(dir.path()), BUILTIN_TIM_SECRET_KEY, &args);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let pushes: Vec<RecordedPush> = emu
        .pushes()
        .into_iter()
        .filter(|p| p.vendor != Vendor::Tim)
        .collect();
    let got: Vec<Vendor> = pushes.iter().map(|p| p.vendor).collect();
    assert_eq!(got, vendors.map(|(v, _, _)| v), "{:?}", emu.deliveries());
    for (push, (_, _, token)) in pushes.iter().zip(vendors) {
        assert_eq!(push.target, token);
        assert_eq!(push.ext.as_deref(), Some(ext), "{:?}", push.vendor);
    }
}

/// A custom message with no Desc anywhere is accepted but never pushed (D.4): pushdiag refuses
/// to send it unless forced, and forced, the IM server takes it and pushes nothing.
#[test]
fn custom_message_without_desc_is_accepted_but_not_pushed() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let args = [
        "send-test",
        "--via",
        "tim",
        "--to",
        BUILTIN_TIM_PUSH_ONLINE_USER,
        "--custom",
        "--desc",
        "",
        "--format",
        "json",
    ];
    let out = run(Some(dir.path()), BUILTIN_TIM_SECRET_KEY, &args);
    assert_eq!(out.code, 1);
    assert!(rules(&out.json()).contains(&"custom-message-without-desc".to_owned()));
    assert!(emu.pushes().is_empty(), "nothing sent");

    let mut forced = args.to_vec();
    forced.push("--force");
    let out = run(Some(dir.path()), BUILTIN_TIM_SECRET_KEY, &forced);
    assert_eq!(
        results(&out.json())[0]["outcome"],
        "accepted",
        "{}",
        out.stderr
    );
    let pushes = emu.pushes();
    assert_eq!(
        pushes.len(),
        1,
        "the message only, no vendor push: {pushes:?}"
    );
    assert_eq!(pushes[0].payload["MsgBody"][0]["MsgType"], "TIMCustomElem");
    assert!(emu.deliveries()[0]
        .note
        .contains("custom message without Desc"));

    // With a Desc the same custom message is pushed.
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        BUILTIN_TIM_PUSH_ONLINE_USER,
        &["--custom", "--desc", "call from bob"],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(emu.pushes().last().map(|p| p.vendor), Some(Vendor::Vivo));
}

/// Tencent drops identical messages (sender, MsgRandom, content) within 120 s (D.4): the
/// emulator answers a repeat like the first but pushes once; pushdiag varies MsgRandom per run,
/// so two runs are two messages.
#[test]
fn identical_message_within_120_s_is_dropped_and_each_run_is_fresh() {
    let emu = Emu::start(&[]);
    let body = message(BUILTIN_TIM_PUSH_ONLINE_USER, 42).to_string();
    let first = emu.call("/v4/openim/sendmsg", &query(&admin_sig()), &body);
    let second = emu.call("/v4/openim/sendmsg", &query(&admin_sig()), &body);
    assert_eq!(code(&first), 0);
    assert_eq!(first["ActionStatus"], "OK");
    assert_eq!(
        second["MsgKey"], first["MsgKey"],
        "the repeat is the same message"
    );
    assert_eq!(emu.pushes().len(), 2, "one message, one vivo push");
    // Another MsgRandom is another message.
    let third = emu.call(
        "/v4/openim/sendmsg",
        &query(&admin_sig()),
        &message(BUILTIN_TIM_PUSH_ONLINE_USER, 43).to_string(),
    );
    assert_ne!(third["MsgKey"], first["MsgKey"]);
    assert_eq!(emu.pushes().len(), 4);
    // Without a MsgSeq the server draws one per request (D.4 [DB]), so a repeat is a new
    // message: why pushdiag sends its own MsgSeq, the same on every try.
    let mut unsequenced = message(BUILTIN_TIM_PUSH_ONLINE_USER, 44);
    unsequenced
        .as_object_mut()
        .expect("object")
        .remove("MsgSeq");
    let fourth = emu.call(
        "/v4/openim/sendmsg",
        &query(&admin_sig()),
        &unsequenced.to_string(),
    );
    let fifth = emu.call(
        "/v4/openim/sendmsg",
        &query(&admin_sig()),
        &unsequenced.to_string(),
    );
    assert_ne!(fourth["MsgKey"], fifth["MsgKey"]);
    assert_eq!(emu.pushes().len(), 8);

    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    for _ in 0..2 {
        let out = send(
            dir.path(),
            BUILTIN_TIM_SECRET_KEY,
            BUILTIN_TIM_PUSH_ONLINE_USER,
            &[],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let randoms: Vec<Option<String>> = emu
        .pushes()
        .iter()
        .filter(|p| p.vendor == Vendor::Tim)
        .map(|p| p.request_id.clone())
        .collect();
    assert_eq!(randoms.len(), 6);
    assert_ne!(randoms[4], randoms[5], "a fresh MsgRandom each run");
    let seqs: Vec<u64> = emu
        .pushes()
        .iter()
        .filter(|p| p.vendor == Vendor::Tim)
        .skip(4)
        .filter_map(|p| p.payload["MsgSeq"].as_u64())
        .collect();
    assert_eq!(seqs.len(), 2, "pushdiag sends a MsgSeq");
    assert_ne!(seqs[0], seqs[1], "a fresh MsgSeq each run");
}

/// A timeout after the request went out may mean the message was sent: sendmsg is not tried
/// again (Repeat::IfNotReceived), so a retry can never become a second message after 120 s.
#[test]
fn sendmsg_is_not_retried_after_a_timeout_but_a_refused_connection_is() {
    let emu = Emu::start(&["tim/v4/openim/sendmsg=timeout*1"]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        BUILTIN_TIM_PUSH_ONLINE_USER,
        &["--timeout", "1s", "--retries", "3", "-v"],
    );
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("try 1 of 4"), "{}", out.stderr);
    assert!(!out.stderr.contains("try 2 of 4"), "{}", out.stderr);
    assert!(out.stderr.contains("not tried again"), "{}", out.stderr);
    assert_eq!(messages(&emu), 1, "handled once");

    // 70169 "internal timeout" may hide a taken message: not asked again either.
    let emu = Emu::start(&["tim/v4/openim/sendmsg=busy*1"]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        BUILTIN_TIM_PUSH_ONLINE_USER,
        &["--format", "json"],
    );
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    let document = out.json();
    assert_eq!(results(&document)[0]["outcome"], "unreachable");
    assert_eq!(results(&document)[0]["vendor_code"], 70169);
    assert!(
        emu.pushes().is_empty(),
        "one try only, which the fault answered"
    );

    // A 503 says the message was not taken: tried again, sent once.
    let emu = Emu::start(&["tim/v4/openim/sendmsg=status:503*1"]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        BUILTIN_TIM_PUSH_ONLINE_USER,
        &[],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(messages(&emu), 1);

    // A gateway's 502 may follow a request Tencent took (D.2: 502 on a network error): not sent
    // again, the answer is unknown (exit 3). The fault here answered without taking it, so the
    // emulator holds no message: exactly the one try went out.
    let emu = Emu::start(&["tim/v4/openim/sendmsg=status:502"]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        BUILTIN_TIM_PUSH_ONLINE_USER,
        &["-v"],
    );
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("try 1 of 3"), "{}", out.stderr);
    assert!(!out.stderr.contains("try 2 of 3"), "{}", out.stderr);
}

#[test]
fn send_refusals_map_to_their_rules() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    // 20003: no such receiver.
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        "nobody",
        &["--format", "json"],
    );
    assert_eq!(out.code, 1);
    let document = out.json();
    assert_eq!(results(&document)[0]["vendor_code"], 20003);
    assert!(rules(&document).contains(&"user-not-found".to_owned()));
    // 90008: no such sender.
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        "alice",
        &["--from", "ghost", "--format", "json"],
    );
    assert_eq!(results(&out.json())[0]["vendor_code"], 90008);
    // 70009: the wrong key, located at the config key.
    let out = send(
        dir.path(),
        "another-apps-key-0000",
        "alice",
        &["--format", "json"],
    );
    assert_eq!(out.code, 1);
    let document = out.json();
    let finding = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "credential-rejected")
        .expect("credential-rejected")
        .clone();
    assert_eq!(finding["location"]["pointer"], "/tim/secret-key");
    // 60010: a UserSig that is valid, but not an admin's.
    let dir = project(&emu.tim_base(), BUILTIN_TIM_PUSH_ONLINE_USER);
    let out = send(
        dir.path(),
        BUILTIN_TIM_SECRET_KEY,
        "bob",
        &["--format", "json"],
    );
    assert_eq!(results(&out.json())[0]["vendor_code"], 60010);
}

/// Each UserSig and request fault gets the code Tencent answers (D.10).
#[test]
fn every_rest_error_path_has_tencents_code() {
    let emu = Emu::start(&[]);
    let key = Secret::new(BUILTIN_TIM_SECRET_KEY);
    let sendmsg =
        |query: &[(&str, String)], body: &str| code(&emu.call("/v4/openim/sendmsg", query, body));
    let good = message(BUILTIN_TIM_PUSH_ONLINE_USER, 1).to_string();
    let with = |name: &str, value: &str| {
        let mut q = query(&admin_sig());
        q.retain(|(n, _)| *n != name);
        if !value.is_empty() {
            q.push((leak(name), value.to_owned()));
        }
        q
    };
    let old = usersig::generate(&key, APP, BUILTIN_TIM_ADMIN, usersig::now() - 1000, 300);
    let cases: Vec<(&str, Query, i64)> = vec![
        ("no contenttype", with("contenttype", ""), 60002),
        ("random not a u32", with("random", "4294967296"), 60002),
        ("no sdkappid", with("sdkappid", ""), 60012),
        ("unknown sdkappid", with("sdkappid", "1400009999"), 70020),
        ("empty usersig", with("usersig", ""), 70002),
        (
            "truncated usersig",
            with("usersig", &admin_sig()[..30]),
            70003,
        ),
        ("expired usersig", with("usersig", old.expose()), 70001),
        (
            "usersig of another user",
            with(
                "usersig",
                usersig::generate_now(&key, APP, "alice").expose(),
            ),
            70013,
        ),
        (
            "usersig of another app",
            with(
                "usersig",
                usersig::generate_now(&key, 1_400_000_001, BUILTIN_TIM_ADMIN).expose(),
            ),
            70014,
        ),
        (
            "usersig signed with another key",
            with(
                "usersig",
                usersig::generate_now(&Secret::new("k2k2k2k2"), APP, BUILTIN_TIM_ADMIN).expose(),
            ),
            70009,
        ),
        (
            "not an admin",
            {
                let mut q = with("identifier", "alice");
                q.retain(|(n, _)| *n != "usersig");
                q.push((
                    "usersig",
                    usersig::generate_now(&key, APP, "alice")
                        .expose()
                        .to_owned(),
                ));
                q
            },
            60010,
        ),
    ];
    for (what, q, want) in &cases {
        assert_eq!(sendmsg(q, &good), *want, "{what}");
    }
    let q = query(&admin_sig());
    let bodies = [
        ("not JSON", "{".to_owned(), 90001),
        (
            "no To_Account",
            json!({"MsgRandom": 1, "MsgBody": []}).to_string(),
            90003,
        ),
        ("unknown receiver", message("nobody", 1).to_string(), 20003),
        (
            "unknown sender",
            {
                let mut m = message("alice", 1);
                m["From_Account"] = json!("ghost");
                m.to_string()
            },
            90008,
        ),
        (
            "no MsgRandom",
            {
                let mut m = message("alice", 1);
                m.as_object_mut().expect("o").remove("MsgRandom");
                m.to_string()
            },
            90005,
        ),
        (
            "MsgBody not an array",
            {
                let mut m = message("alice", 1);
                m["MsgBody"] = json!({});
                m.to_string()
            },
            90002,
        ),
        (
            "two custom elements",
            {
                let mut m = message("alice", 1);
                m["MsgBody"] = json!([{"MsgType": "TIMCustomElem", "MsgContent": {"Data": "a"}}, {"MsgType": "TIMCustomElem", "MsgContent": {"Data": "b"}}]);
                m.to_string()
            },
            90010,
        ),
        (
            "Ext not a string",
            {
                let mut m = message("alice", 1);
                m["OfflinePushInfo"]["Ext"] = json!({"entity": {}});
                m.to_string()
            },
            90010,
        ),
        (
            "over 8 KB",
            {
                let mut m = message("alice", 1);
                m["OfflinePushInfo"]["Desc"] = json!("x".repeat(9000));
                m.to_string()
            },
            93000,
        ),
    ];
    for (what, body, want) in &bodies {
        assert_eq!(sendmsg(&q, body), *want, "{what}");
    }
    let answer = emu.call(
        "/v4/openim/query_online_status",
        &q,
        &json!({"To_Account": ["alice", "nobody"], "IsNeedDetail": 1}).to_string(),
    );
    assert_eq!(code(&answer), 0);
    assert_eq!(
        answer["QueryResult"][0]["Detail"][0]["Status"],
        "PushOnline"
    );
    assert_eq!(answer["ErrorList"][0]["ErrorCode"], 70107);
    let answer = emu.call(
        "/v4/im_open_login_svc/account_check",
        &q,
        &json!({"CheckItem": [{"UserID": "alice"}, {"UserID": "nobody"}]}).to_string(),
    );
    assert_eq!(answer["ResultItem"][0]["AccountStatus"], "Imported");
    assert_eq!(answer["ResultItem"][1]["AccountStatus"], "NotImported");
    assert!(emu.pushes().is_empty(), "no refused request was taken");
}

/// A query parameter name for the table above (names are `'static` there).
fn leak(name: &str) -> &'static str {
    ["sdkappid", "identifier", "usersig", "random", "contenttype"]
        .into_iter()
        .find(|n| *n == name)
        .expect("known parameter")
}

#[test]
fn check_config_online_proves_the_tim_credentials() {
    let emu = Emu::start(&[]);
    let check = |admin: &str| {
        let dir = project(&emu.tim_base(), admin);
        let args = [
            "check-config",
            "--online",
            "--vendor",
            "tim",
            "--format",
            "json",
        ];
        run(Some(dir.path()), BUILTIN_TIM_SECRET_KEY, &args)
    };
    let out = check(BUILTIN_TIM_ADMIN);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(results(&out.json())[0]["outcome"], "accepted");
    assert!(emu.pushes().is_empty(), "nothing sent");
    // An admin account that does not exist.
    let out = check("root");
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let document = out.json();
    assert_eq!(rules(&document), ["credential-rejected"]);
    // The UserSig for "root" verifies, but root is no admin: 60010.
    assert_eq!(results(&document)[0]["vendor_code"], 60010);
    assert_eq!(document["findings"][0]["location"]["pointer"], "/tim/admin");
}

#[test]
fn explain_tim_codes() {
    let out = run(None, "", &["explain", "tim", "20003"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("not imported"), "{}", out.stdout);
    let out = run(None, "", &["explain", "tim", "70009"]);
    assert!(out.stdout.contains("another app's key"), "{}", out.stdout);
}

/// The secret key and the UserSig (a bearer credential) appear in no output: every format,
/// -v, --dry-run, refusals. A UserSig is zlib data in base64: it starts `eJ`.
#[test]
fn secret_key_and_usersig_never_in_any_output() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.tim_base(), BUILTIN_TIM_ADMIN);
    let mut outputs = Vec::new();
    for format in ["human", "json", "github", "sarif"] {
        for key in [BUILTIN_TIM_SECRET_KEY, "wrong-key-wrong-key-0000"] {
            for args in [
                vec!["send-test", "--via", "tim", "--to", "alice", "-v"],
                vec!["send-test", "--via", "tim", "--to", "alice", "--dry-run"],
                vec!["status", "--user", "alice", "--user", "nobody", "-v"],
                vec!["check-config", "--online", "-v"],
            ] {
                let mut args = args.clone();
                args.extend(["--format", format]);
                let out = run(Some(dir.path()), key, &args);
                outputs.push((args.join(" "), key, format!("{}{}", out.stdout, out.stderr)));
            }
        }
    }
    // A connection that fails: transport errors must not quote the URL, which holds the UserSig.
    let closed = project("http://127.0.0.1:9/tim", BUILTIN_TIM_ADMIN);
    for args in [
        vec![
            "send-test",
            "--via",
            "tim",
            "--to",
            "alice",
            "-v",
            "--retries",
            "0",
        ],
        vec!["status", "--user", "alice", "-v", "--retries", "0"],
    ] {
        let out = run(Some(closed.path()), BUILTIN_TIM_SECRET_KEY, &args);
        assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
        outputs.push((
            args.join(" "),
            BUILTIN_TIM_SECRET_KEY,
            format!("{}{}", out.stdout, out.stderr),
        ));
    }
    for (args, key, text) in &outputs {
        assert!(!text.contains(key), "{args}: the key is shown:\n{text}");
        assert!(
            !text.contains("eJy") && !text.contains("eJw"),
            "{args}: a UserSig is shown:\n{text}"
        );
    }
    let dry = outputs
        .iter()
        .find(|(args, _, _)| args.contains("--dry-run") && args.ends_with("human"))
        .expect("dry run");
    assert!(dry.2.contains("usersig=********"), "{}", dry.2);
    assert!(dry.2.contains("\"Ext\":\"{\\\"entity\\\""), "{}", dry.2);
}

// ---- a real client -------------------------------------------------------------------------

/// Tencent's official Python library (`tls-sig-api-v2` on PyPI) makes the UserSig and
/// `tests/clients/tim_official.py` calls the emulator with it, as a real app server would: the
/// emulator must accept both the UserSig and the calls, and push. Skipped with a note when the
/// library is missing, unless `PUSHDIAG_REQUIRE_CLIENT_LIBS=1` (as `.ci/run` sets).
#[test]
fn official_python_library_usersig_and_calls_are_accepted() {
    let required = std::env::var("PUSHDIAG_REQUIRE_CLIENT_LIBS").is_ok_and(|v| v == "1");
    let emu = Emu::start(&[]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/tim_official.py");
    let output = std::process::Command::new("python3")
        .arg(&script)
        .args([
            &emu.tim_base(),
            BUILTIN_TIM_SDK_APP_ID,
            BUILTIN_TIM_ADMIN,
            BUILTIN_TIM_PUSH_ONLINE_USER,
        ])
        .env("TIM_SECRET_KEY", BUILTIN_TIM_SECRET_KEY)
        .output();
    let missing = match &output {
        Err(error) => Some(format!("python3 cannot run: {error}")),
        Ok(out) if out.status.code() == Some(77) => {
            Some(String::from_utf8_lossy(&out.stderr).trim().to_owned())
        }
        Ok(_) => None,
    };
    if let Some(why) = missing {
        assert!(!required, "PUSHDIAG_REQUIRE_CLIENT_LIBS=1 but {why}; install: python3 -m pip install tls-sig-api-v2==1.1");
        #[allow(clippy::print_stderr)]
        {
            eprintln!("note: skipped: {why} (python3 -m pip install tls-sig-api-v2==1.1)");
        }
        return;
    }
    let output = output.expect("ran");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answers: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(answers["account_check"]["ErrorCode"], 0, "{answers}");
    assert_eq!(
        answers["account_check"]["ResultItem"][0]["AccountStatus"],
        "Imported"
    );
    assert_eq!(answers["sendmsg"]["ErrorCode"], 0, "{answers}");
    let pushes = emu.pushes();
    assert_eq!(
        pushes.iter().map(|p| p.vendor).collect::<Vec<_>>(),
        [Vendor::Tim, Vendor::Vivo]
    );
    assert_eq!(pushes[1].title, "official");
}
