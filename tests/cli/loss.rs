//! `pushdiag loss` against small loopback servers that answer with the reference's own example
//! JSON and its variants (an unnamed wrapper object, `ErrCode` a number, an unknown platform,
//! the REST rate limit then success, a 5xx). The emulator computes statistics and loss from real
//! pushes; these tests pin the client to the wire format alone.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::{json, Value};

use crate::snap::{assert_absent, assert_snap, Snap};
use crate::{pushdiag, Run};

/// The loss rules and the test that triggers each and checks the fix passes.
pub const RULE_TESTS: &[(&str, &str)] = &[
    (
        "push-loss-no-cert-id",
        "the_reference_example_reports_the_cert_id_bucket",
    ),
    (
        "push-loss-above-threshold",
        "max_loss_fails_above_the_threshold_only",
    ),
];

const SECRET: &str = "loss-test-secret-key-0123456789abcdef";

/// One request the server received: its path and query, its body, and when.
#[derive(Clone, Debug)]
struct Seen {
    target: String,
    body: String,
    at: Instant,
}

/// A server on 127.0.0.1 that answers each request with the next of `script` (HTTP status and
/// body) and records what it received; past the end of the script it answers 500.
struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start(script: Vec<(u16, String)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut script = script.into_iter();
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let target = line.split(' ').nth(1).unwrap_or_default().to_owned();
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':') {
                        if name.eq_ignore_ascii_case("content-length") {
                            length = value.trim().parse().unwrap_or(0);
                        }
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                log.lock().expect("log").push(Seen {
                    target,
                    body: String::from_utf8_lossy(&body).into_owned(),
                    at: Instant::now(),
                });
                let (status, answer) = script.next().unwrap_or((500, "internal error".to_owned()));
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        Server { base, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }
}

/// Tencent's statistics example (§3.5 names the fields; the numbers are ours).
fn statistics() -> Value {
    json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
    "TotalCount": 1000, "SentCount": 700, "DeliveredCount": 400, "ClickCount": 20,
    "PlatformStatistics": [
        {"PushPlatform": 1, "TotalCount": 400, "SentCount": 380, "DeliveredCount": 300, "ClickCount": 15},
        {"PushPlatform": 2, "TotalCount": 600, "SentCount": 320, "DeliveredCount": 100, "ClickCount": 5}
    ]})
}

/// Tencent's loss example, as published, with its `…` filled in.
fn loss_example() -> Value {
    json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "sucess",
        "ReadyToSendLoss": [{"ErrCode": "-1", "ErrCount": 167, "ErrInfo": "没有设置证书id"}, {"ErrCode": "-2", "ErrCount": 125, "ErrInfo": "没有上传token"}],
        "PostSendDeliveredLoss": [{"ErrCode": "1", "ErrCount": 217, "ErrInfo": "regid_invalid"}, {"ErrCode": "410", "ErrCount": 35, "ErrInfo": "Unregistered"}],
        "PlatformReadyToSendLoss": [{"PushPlatform": 1, "ErrCode": "-1", "ErrCount": 5, "ErrInfo": "没有设置证书id"}, {"PushPlatform": 2, "ErrCode": "-1", "ErrCount": 162, "ErrInfo": "没有设置证书id"}],
        "PlatformPostSendDeliveredLoss": [{"PushPlatform": 2, "ErrCode": "1", "ErrCount": 217, "ErrInfo": "regid_invalid"}, {"PushPlatform": 1, "ErrCode": "410", "ErrCount": 35, "ErrInfo": "Unregistered"}]})
}

fn ok(value: Value) -> (u16, String) {
    (200, value.to_string())
}

/// A project whose `[tim] endpoint` is `base`.
fn project(base: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        format!("[tim]\nsdk-app-id = 1400000000\nsecret-key = {{ env = \"TIM_SECRET_KEY\" }}\nadmin = \"administrator\"\nendpoint = \"{base}\"\n"),
    )
    .expect("write config");
    dir
}

fn loss(dir: &Path, args: &[&str]) -> Run {
    Run::of(
        pushdiag()
            .current_dir(dir)
            .env_remove("PUSHDIAG_CONFIG")
            .env_remove("PUSHDIAG_TIM_ENDPOINT")
            .env("TIM_SECRET_KEY", SECRET)
            .arg("loss")
            .args(args),
    )
}

/// `pushdiag loss ARGS` against a server answering `script`: the server (what it received) and
/// the run.
fn answered(script: Vec<(u16, String)>, args: &[&str]) -> (Server, Run) {
    let server = Server::start(script);
    let dir = project(&server.base);
    let run = loss(dir.path(), args);
    (server, run)
}

fn rules(run: &Run) -> Vec<String> {
    run.json()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn the_reference_example_reports_the_cert_id_bucket() {
    let mut snap = Snap::new();
    let (server, run) = answered(vec![ok(statistics()), ok(loss_example())], &[]);
    snap.run("pushdiag loss", &run);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("error[push-loss-no-cert-id]"),
        "{}",
        run.stdout
    );
    assert_absent(&run, SECRET);

    // The requests, byte for byte: the two paths, the signed query, the window of one day.
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    for (request, path) in seen.iter().zip([
        "/v4/timpush/normal_push_statistics?",
        "/v4/timpush/normal_push_loss?",
    ]) {
        assert!(request.target.starts_with(path), "{}", request.target);
        for key in [
            "sdkappid=1400000000",
            "identifier=administrator",
            "usersig=",
            "random=",
            "contenttype=json",
        ] {
            assert!(request.target.contains(key), "{key}: {}", request.target);
        }
        let body: Value = serde_json::from_str(&request.body).expect("JSON body");
        let (start, end) = (body["StartTime"].as_i64(), body["EndTime"].as_i64());
        assert_eq!(
            end.zip(start).map(|(e, s)| e - s),
            Some(86_400),
            "{}",
            request.body
        );
        let exact = format!(
            r#"{{"StartTime":{},"EndTime":{}}}"#,
            start.unwrap_or(0),
            end.unwrap_or(0)
        );
        assert_eq!(request.body, exact);
    }

    // The same in JSON: the `loss` object and the finding.
    let (_, run) = answered(
        vec![ok(statistics()), ok(loss_example())],
        &["--format", "json"],
    );
    assert_eq!(run.code, 1);
    let document = run.json();
    assert_eq!(document["loss"]["loss_percent"], 54.4);
    assert_eq!(document["loss"]["buckets"][3]["vendor"], "apns");
    snap.json("pushdiag loss --format json", &document);

    // The fix: the release registers with the certificate ID, the bucket is gone.
    let mut fixed = loss_example();
    fixed["ReadyToSendLoss"] = json!([]);
    fixed["PlatformReadyToSendLoss"] = json!([]);
    let (_, run) = answered(vec![ok(statistics()), ok(fixed)], &["--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(rules(&run).is_empty());
    assert_snap!(snap);
}

/// Tencent's example wraps the arrays in an unnamed object; `ErrCode` comes as a number (as in
/// trace); a platform pushdiag does not know is shown raw.
#[test]
fn variants_of_the_answer_are_read_leniently() {
    let mut stats = statistics();
    stats["PlatformStatistics"][1]["PushPlatform"] = json!(11);
    let loss_answer = json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
    "Result": {
        "PostSendDeliveredLoss": [{"ErrCode": 410, "ErrCount": 35, "ErrInfo": "Unregistered"}],
        "PlatformPostSendDeliveredLoss": [{"PushPlatform": 11, "ErrCode": 9, "ErrCount": "35", "ErrInfo": "new"}]
    }});
    let mut snap = Snap::new();
    let (_, run) = answered(vec![ok(stats), ok(loss_answer)], &[]);
    snap.run("pushdiag loss", &run);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("platform 11 (not known to pushdiag)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("APNs Unregistered"), "{}", run.stdout);
    assert_snap!(snap);
}

#[test]
fn max_loss_fails_above_the_threshold_only() {
    let mut quiet = loss_example();
    quiet["ReadyToSendLoss"] = json!([]);
    quiet["PlatformReadyToSendLoss"] = json!([]);
    let mut snap = Snap::new();
    let (_, run) = answered(
        vec![ok(statistics()), ok(quiet.clone())],
        &["--max-loss", "5", "--format", "github"],
    );
    snap.run("pushdiag loss --max-loss 5 --format github", &run);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("push-loss-above-threshold"),
        "{}",
        run.stdout
    );

    // 252 of 1000 lost: 25.2% is not above 30.
    let (_, run) = answered(
        vec![ok(statistics()), ok(quiet)],
        &["--max-loss", "30", "--format", "sarif"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.json()["runs"][0]["results"], json!([]));
    assert_snap!(snap);
}

/// Nothing sent in the window: no percentage, no division by zero, no threshold finding.
#[test]
fn zero_sendable_pushes_is_no_loss() {
    let empty = json!({"ActionStatus": "OK", "ErrorCode": 0, "TotalCount": 0, "SentCount": 0,
        "DeliveredCount": 0, "ClickCount": 0, "PlatformStatistics": []});
    let (_, run) = answered(
        vec![ok(empty), ok(json!({"ActionStatus": "OK", "ErrorCode": 0}))],
        &["--max-loss", "0", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.json()["loss"]["loss_percent"], Value::Null);
    assert_eq!(run.json()["loss"]["lost"], 0);
}

/// 60007 is the REST rate limit: nothing was done, so pushdiag waits (at least the API's one
/// second) and asks again.
#[test]
fn the_rate_limit_answer_is_waited_out_and_asked_again() {
    let limited = json!({"ActionStatus": "FAIL", "ErrorCode": 60007, "ErrorInfo": "rate limit"});
    let script = vec![ok(limited.clone()), ok(statistics()), ok(loss_example())];
    let args = ["--format", "json", "--allow", "push-loss-no-cert-id"];
    let (server, run) = answered(script, &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].body, seen[1].body, "the same question again");
    assert!(seen[1].at.duration_since(seen[0].at).as_millis() >= 1000);

    // Still limited after every try: the answer is unknown (exit 3), not a refusal.
    let (_, run) = answered(vec![ok(limited.clone()), ok(limited)], &["--retries", "1"]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("60007"), "{}", run.stderr);
}

#[test]
fn a_5xx_means_tencent_could_not_be_asked() {
    let mut snap = Snap::new();
    let (server, run) = answered(vec![(502, "bad gateway".to_owned())], &["--retries", "0"]);
    snap.run("pushdiag loss --retries 0", &run);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        server.seen().len(),
        1,
        "no loss query after a lost statistics answer"
    );
    assert_absent(&run, SECRET);
    assert_snap!(snap);
}

/// Tencent keeps statistics 30 days and loss buckets 7: a longer window is a one-line usage
/// error (exit 2) before anything is asked; 8 to 30 days asks the statistics only.
#[test]
fn windows_tencent_does_not_keep_are_refused() {
    let server = Server::start(vec![ok(statistics())]);
    let dir = project(&server.base);
    let mut snap = Snap::new();
    for args in [
        vec!["--since", "31d"],
        vec!["--since", "8d", "--max-loss", "5"],
        vec!["--since", "2w"],
        vec!["--max-loss", "101"],
    ] {
        let run = loss(dir.path(), &args);
        snap.run(&format!("pushdiag loss {}", args.join(" ")), &run);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(server.seen().is_empty());
    let run = loss(dir.path(), &["--since", "14d"]);
    snap.run("pushdiag loss --since 14d", &run);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.seen().len(), 1, "statistics only");
    assert_snap!(snap);
}
