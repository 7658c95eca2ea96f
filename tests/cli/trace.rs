//! `pushdiag trace` and `pushdiag send-test --via timpush` against small loopback servers that
//! answer Tencent's own example JSON and variants of it (unknown enum values, codes as strings, a
//! missing stage, the rate-limit answer, a 5xx). The server address goes in through `[tim]
//! endpoint`, so the same tests can point at the emulator once it serves these APIs.
//!
//! The trace rules need Tencent to answer, so they have no fixture folders: each is triggered by
//! the test [`RULE_TESTS`] names, which `rules.rs` checks.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use crate::snap::{assert_absent, assert_snap, Snap};
use crate::{pushdiag, rules_of, Run};

/// The trace rules and the test that triggers each (and checks the fix passes).
pub const RULE_TESTS: &[(&str, &str)] = &[
    (
        "push-hop-failed",
        "vendor_refusal_is_the_verdict_and_the_cert_id_is_joined",
    ),
    (
        "push-cert-id-mismatch",
        "vendor_refusal_is_the_verdict_and_the_cert_id_is_joined",
    ),
    (
        "push-cert-id-missing",
        "push_id_trace_of_the_reference_example",
    ),
    (
        "notification-disabled",
        "push_id_trace_of_the_reference_example",
    ),
    ("push-trace-empty", "an_empty_trace_is_a_warning"),
];

const SECRET: &str = "trace-test-secret-key-0123456789abcdef";
const TASK: &str = "batch_667015d4_537529d8_2000005e80aa873_d03ac87_56f5e750";
const PUSH_ID: &str = "67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421";

/// One request the fake Tencent received.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    body: Value,
    at: std::time::Instant,
}

type Answer = dyn Fn(&str, usize) -> (u16, Value) + Send + Sync;

/// A loopback HTTP server that answers each request with `answer(path, nth call to that path)`.
struct Fake {
    address: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    fn start(answer: impl Fn(&str, usize) -> (u16, Value) + Send + Sync + 'static) -> Fake {
        let answer: Arc<Answer> = Arc::new(answer);
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let address = listener.local_addr().expect("address");
        let record = Arc::clone(&seen);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
                    let answer = Arc::clone(&answer);
                    let record = Arc::clone(&record);
                    async move {
                        let path = request.uri().path().to_owned();
                        let bytes = axum::body::to_bytes(request.into_body(), 1 << 20)
                            .await
                            .unwrap_or_default();
                        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
                        let nth = {
                            let mut seen = record.lock().expect("lock");
                            let nth = seen.iter().filter(|s| s.path == path).count();
                            seen.push(Seen {
                                path: path.clone(),
                                body,
                                at: std::time::Instant::now(),
                            });
                            nth
                        };
                        let (status, value) = answer(&path, nth);
                        (
                            axum::http::StatusCode::from_u16(status).expect("status"),
                            [("content-type", "application/json")],
                            value.to_string(),
                        )
                    }
                });
                axum::serve(listener, app).await.expect("serve");
            });
        });
        Fake { address, seen }
    }

    fn base(&self) -> String {
        format!("http://{}", self.address)
    }

    fn seen(&self, path: &str) -> Vec<Seen> {
        let seen = self.seen.lock().expect("lock");
        seen.iter().filter(|s| s.path == path).cloned().collect()
    }
}

const BATCH: &str = "/v4/timpush/batch";
const NORMAL: &str = "/v4/timpush/normal_push_trace";
const ALL_MEMBER: &str = "/v4/timpush/all_member_push_trace";

/// A project whose `[tim]` points at `base`, with vivo's certificate ID 10001.
fn project(base: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        format!(
            "[tim]\nsdk-app-id = 1400000000\nsecret-key = {{ env = \"TIM_SECRET_KEY\" }}\nadmin = \"administrator\"\nendpoint = \"{base}\"\n\n[vivo]\nbusiness-id = 10001\n"
        ),
    )
    .expect("config");
    dir
}

fn command(dir: &Path) -> assert_cmd::Command {
    let mut command = pushdiag();
    command
        .current_dir(dir)
        .env_remove("PUSHDIAG_CONFIG")
        .env_remove("PUSHDIAG_TIM_ENDPOINT")
        .env("TIM_SECRET_KEY", SECRET);
    command
}

fn ok(extra: Value) -> Value {
    let mut answer = json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": ""});
    if let (Some(answer), Value::Object(extra)) = (answer.as_object_mut(), extra) {
        answer.extend(extra);
    }
    answer
}

fn stage(code: i64, info: &str) -> Value {
    json!({"PushStatus": 1, "ErrorCode": code, "ErrorInfo": info, "EventTime": "2025-03-07 10:04:47"})
}

/// A vivo device bound to `cert`, with the stages given.
fn vivo_device(cert: &str, offline: Value) -> Value {
    json!({"InstanceId": "101205909", "PushTime": "2025-03-07 10:04:47", "System": "Android",
        "PushPlatform": 7, "Token": "v2-0123456789abcdefghijklmnop", "CertId": cert,
        "SdkVersion": "8.0.1", "PushVersion": "8.0.1", "NotificationStatus": 1, "EventType": 1,
        "IMCommitStat": {"IMStat": stage(0, "success")}, "OfflinePushStat": offline})
}

/// The reference's own `normal_push_trace` example, its elided stages empty.
fn reference_example() -> Value {
    json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"sucess",
     "InstanceTrace":[{"InstanceId":"101205908","PushTime":"2025-03-07 10:04:47","DeviceModel":"","System":"APNS",
       "SystemVersion":"","PushPlatform":1,"Token":"","CertId":"0","SdkVersion":"","PushVersion":"",
       "NotificationStatus":0,"last_active_terminal":1,
       "IMCommitStat":{"IMStat":{"PushStatus":1,"ErrorCode":0,"ErrorInfo":"success","EventTime":"2025-03-07 10:04:47"}},
       "OfflinePushStat":{"OfflineStat":{},"ChannelStat":{},"DeviceStat":{},"ClickStat":{}},
       "OnlinePushStat":{}}]})
}

fn snap(fake: &Fake, dir: &Path) -> Snap {
    let mut snap = Snap::new();
    snap.path(dir, "[PROJECT]").literal(fake.base(), "[TIM]");
    snap
}

#[test]
fn push_id_trace_of_the_reference_example() {
    let fake = Fake::start(|path, _| match path {
        NORMAL => (200, reference_example()),
        _ => (404, json!({})),
    });
    let dir = project(&fake.base());
    let mut snap = snap(&fake, dir.path());
    let run = snap.with(&mut command(dir.path()), &["trace", "--push-id", PUSH_ID]);
    // The example's NotificationStatus 0: the switch is off.
    assert_eq!(run.code, 1);
    let json = snap.with(
        &mut command(dir.path()),
        &["trace", "--push-id", PUSH_ID, "--format", "json"],
    );
    let document = json.json();
    assert_eq!(rules_of(&document), ["notification-disabled"]);
    assert_eq!(document["trace"][0]["platform"], "apns");
    assert_eq!(document["trace"][0]["hops"][1]["status"], "not_reached");
    assert_eq!(fake.seen(NORMAL)[0].body, json!({"PushID": PUSH_ID}));
    assert_absent(&run, SECRET);

    // A token reported without a certificate ID, then the fix: the ID bound and the switch on.
    let fake = Fake::start(|_, _| {
        let mut device = vivo_device("0", json!({"OfflineStat": stage(-1, "没有设置证书id")}));
        device["NotificationStatus"] = json!(1);
        (200, ok(json!({"InstanceTrace": [device]})))
    });
    let dir = project(&fake.base());
    let run =
        Run::of(command(dir.path()).args(["trace", "--push-id", PUSH_ID, "--format", "json"]));
    assert_eq!(rules_of(&run.json()), ["push-cert-id-missing"]);
    let fake = Fake::start(|_, _| {
        let offline = json!({"OfflineStat": stage(0, ""), "ChannelStat": stage(0, ""), "DeviceStat": stage(0, "")});
        (
            200,
            ok(json!({"InstanceTrace": [vivo_device("10001", offline)]})),
        )
    });
    let dir = project(&fake.base());
    let run =
        Run::of(command(dir.path()).args(["trace", "--push-id", PUSH_ID, "--format", "json"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(rules_of(&run.json()).is_empty());
    assert_snap!(snap);
}

#[test]
fn vendor_refusal_is_the_verdict_and_the_cert_id_is_joined() {
    let fake = Fake::start(|_, _| {
        let offline = json!({"OfflineStat": stage(0, "success"),
            "ChannelStat": {"PushStatus": 1, "ErrorCode": 10302, "ErrorInfo": "regId invalid", "EventTime": "2025-03-07 10:04:48"}});
        (
            200,
            ok(json!({"InstanceTrace": [vivo_device("36003", offline)]})),
        )
    });
    let dir = project(&fake.base());
    let mut snap = snap(&fake, dir.path());
    let args = ["trace", "--task", TASK, "--user", "alice"];
    let run = snap.with(&mut command(dir.path()), &args);
    assert_eq!(run.code, 1);
    let json = snap.with(
        &mut command(dir.path()),
        &[&args[..], &["--format", "json"]].concat(),
    );
    let document = json.json();
    assert_eq!(
        rules_of(&document),
        ["push-cert-id-mismatch", "push-hop-failed"]
    );
    let device = &document["trace"][0];
    assert_eq!(device["cert_id"], "36003");
    assert_eq!(device["notification_enabled"], true);
    assert_eq!(device["hops"][2]["status"], "failed");
    assert_eq!(device["hops"][2]["code"], 10302);
    assert_eq!(device["hops"][3]["status"], "not_reached");
    assert_eq!(
        fake.seen(ALL_MEMBER)[0].body,
        json!({"TaskID": TASK, "UserID": "alice"})
    );
    // SARIF and GitHub carry the findings.
    let github = snap.with(
        &mut command(dir.path()),
        &[&args[..], &["--format", "github"]].concat(),
    );
    assert!(
        github.stdout.contains("push-hop-failed"),
        "{}",
        github.stdout
    );
    assert_snap!(snap);
}

#[test]
fn an_empty_trace_is_a_warning() {
    let fake = Fake::start(|_, _| (200, ok(json!({"InstanceTrace": []}))));
    let dir = project(&fake.base());
    let mut snap = snap(&fake, dir.path());
    let run = snap.with(&mut command(dir.path()), &["trace", "--push-id", PUSH_ID]);
    // A warning, and the ID is old: the 7-day window is said.
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("keeps push traces 7 days"),
        "{}",
        run.stderr
    );
    let json =
        Run::of(command(dir.path()).args(["trace", "--push-id", PUSH_ID, "--format", "json"]));
    assert_eq!(rules_of(&json.json()), ["push-trace-empty"]);
    assert_snap!(snap);
}

/// The trace APIs allow 1 call/s: the rate-limit answer is waited out and asked again.
#[test]
fn rate_limit_is_backed_off_then_answered() {
    let fake = Fake::start(|_, nth| {
        if nth == 0 {
            (
                200,
                json!({"ActionStatus": "FAIL", "ErrorCode": 60007, "ErrorInfo": "rate limit"}),
            )
        } else {
            (200, reference_example())
        }
    });
    let dir = project(&fake.base());
    let run =
        Run::of(command(dir.path()).args(["trace", "--push-id", PUSH_ID, "--format", "json"]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let seen = fake.seen(NORMAL);
    assert_eq!(seen.len(), 2);
    assert!(seen[1].at - seen[0].at >= std::time::Duration::from_millis(900));
    assert_eq!(run.json()["trace"].as_array().map(Vec::len), Some(1));
}

#[test]
fn rate_limited_to_the_end_is_unknown_exit_3() {
    let fake = Fake::start(|_, _| {
        (
            200,
            json!({"ActionStatus": "FAIL", "ErrorCode": 60007, "ErrorInfo": "rate limit"}),
        )
    });
    let dir = project(&fake.base());
    let run = Run::of(command(dir.path()).args(["trace", "--task", TASK, "--user", "bob"]));
    // Asked 4 times (1 s, 2 s, 4 s apart), then the answer is unknown: exit 3, not a refusal.
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(fake.seen(ALL_MEMBER).len(), 4);
    assert!(run.stderr.contains("rate limit"), "{}", run.stderr);
}

#[test]
fn a_5xx_on_the_batch_is_exit_3_and_one_batch() {
    let fake = Fake::start(|_, _| (502, json!({"error": "bad gateway"})));
    let dir = project(&fake.base());
    let mut snap = snap(&fake, dir.path());
    let run = snap.with(
        &mut command(dir.path()),
        &[
            "send-test",
            "--via",
            "timpush",
            "--to",
            "alice",
            "--retries",
            "3",
        ],
    );
    assert_eq!(run.code, 3);
    assert_eq!(fake.seen(BATCH).len(), 1, "the batch is never sent twice");
    assert!(fake.seen(ALL_MEMBER).is_empty());
    assert_absent(&run, SECRET);
    assert_snap!(snap);
}

#[test]
fn send_test_via_timpush_pushes_once_and_polls_until_the_device_is_reached() {
    let fake = Fake::start(|path, nth| match path {
        BATCH => (
            200,
            ok(
                json!({"TaskId": TASK, "ErrorList": [{"To_Account": "ghost", "ErrorCode": 70107, "ErrorInfo": "account not exist"}]}),
            ),
        ),
        ALL_MEMBER if nth == 0 => (
            200,
            ok(
                json!({"InstanceTrace": [vivo_device("10001", json!({"OfflineStat": stage(0, "")}))]}),
            ),
        ),
        ALL_MEMBER => {
            let offline = json!({"OfflineStat": stage(0, ""), "ChannelStat": stage(0, ""), "DeviceStat": stage(0, "")});
            (
                200,
                ok(json!({"InstanceTrace": [vivo_device("10001", offline)]})),
            )
        }
        _ => (404, json!({})),
    });
    let dir = project(&fake.base());
    let mut snap = snap(&fake, dir.path());
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"admin"}}"#;
    let run = snap.with(
        &mut command(dir.path()),
        &[
            "send-test",
            "--via",
            "timpush",
            "--to",
            "alice",
            "--to",
            "ghost",
            "--ext",
            ext,
            "--wait",
            "10s",
        ],
    );
    assert_eq!(run.code, 1, "ghost is no user");
    let batches = fake.seen(BATCH);
    assert_eq!(batches.len(), 1);
    let body = &batches[0].body;
    assert_eq!(body["From_Account"], "administrator");
    assert_eq!(body["To_Account"], json!(["alice", "ghost"]));
    assert!(body["MsgRandom"].is_u64());
    assert_eq!(body["OfflinePushInfo"]["Ext"], ext);
    // Only alice is traced (ghost was refused), until her device was reached: twice, 1 s apart.
    let traces = fake.seen(ALL_MEMBER);
    assert_eq!(traces.len(), 2);
    assert_eq!(traces[0].body, json!({"TaskID": TASK, "UserID": "alice"}));
    assert!(traces[1].at - traces[0].at >= std::time::Duration::from_millis(900));
    assert_snap!(snap);
}

#[test]
fn wait_runs_out_with_the_push_still_on_its_way() {
    let fake = Fake::start(|path, _| match path {
        BATCH => (200, ok(json!({"TaskId": TASK}))),
        _ => (
            200,
            ok(
                json!({"InstanceTrace": [vivo_device("10001", json!({"OfflineStat": stage(0, ""), "ChannelStat": stage(0, "")}))]}),
            ),
        ),
    });
    let dir = project(&fake.base());
    let run = Run::of(command(dir.path()).args([
        "send-test",
        "--via",
        "timpush",
        "--to",
        "alice",
        "--wait",
        "2s",
        "--format",
        "json",
    ]));
    // Nothing failed, so nothing to report; the note says to ask again later.
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("still on its way"), "{}", run.stderr);
    assert!(run
        .stderr
        .contains(&format!("pushdiag trace --task {TASK} --user alice")));
    let traces = fake.seen(ALL_MEMBER).len();
    assert!((2..=4).contains(&traces), "{traces} traces in 2 s at 1/s");
    let document = run.json();
    assert_eq!(document["trace"][0]["hops"][3]["status"], "unknown");
    assert_eq!(document["results"][0]["message_id"], TASK);
    assert_eq!(fake.seen(BATCH).len(), 1);
}

#[test]
fn explain_timpush_codes() {
    let mut snap = Snap::new();
    let run = snap.pushdiag(&["explain", "timpush", "-1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = snap.pushdiag(&["explain", "timpush", "90057"]);
    assert_eq!(run.code, 0);
    assert_snap!(snap);
}
