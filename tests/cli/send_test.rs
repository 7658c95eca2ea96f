//! `pushdiag send-test --vendor vivo` (and `--vendor oppo`, `--vendor xiaomi`, `--vendor meizu`, `--vendor huawei` and `--vendor honor`, at the end) end to end against the emulator, started here in the test
//! process on 127.0.0.1 (as `pushdiag emulate` would serve it) with the config's endpoint pointing
//! at it: results, findings, retries and faults, `--dry-run`, the ext lint, secrets, and
//! `pushdiag explain vivo CODE` and `pushdiag emulate` themselves.
//!
//! The send-test rules have no fixture folders (they need a vendor that answers); each is covered
//! by the test [`RULE_TESTS`] names, which `rules.rs` checks.

use std::path::Path;

use pushdiag::emulator::{
    App, Registry, BUILTIN_HONOR_APP_ID, BUILTIN_HONOR_CLIENT_ID, BUILTIN_HONOR_CLIENT_SECRET,
    BUILTIN_HONOR_DEVICE, BUILTIN_HUAWEI_APP_ID, BUILTIN_HUAWEI_APP_SECRET, BUILTIN_HUAWEI_DEVICE,
    BUILTIN_HUAWEI_PROJECT_ID, BUILTIN_MEIZU_APP_ID, BUILTIN_MEIZU_APP_SECRET,
    BUILTIN_MEIZU_DEVICE, BUILTIN_OPPO_APP_KEY, BUILTIN_OPPO_DEVICE, BUILTIN_OPPO_MASTER_SECRET,
    BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_APP_KEY, BUILTIN_VIVO_APP_SECRET, BUILTIN_VIVO_DEVICE,
    BUILTIN_VIVO_TEST_DEVICE, BUILTIN_XIAOMI_APP_ID, BUILTIN_XIAOMI_APP_KEY,
    BUILTIN_XIAOMI_APP_SECRET, BUILTIN_XIAOMI_DEVICE, BUILTIN_XIAOMI_PACKAGE,
};
use pushdiag::secret::Secret;
use pushdiag::vendor::Vendor;
use serde_json::Value;

use crate::emu::Emu;
use crate::{pushdiag, rules_of, vendor_command, Run};

/// The send-test rules and the test in this file that triggers each (and checks the fix passes).
pub const RULE_TESTS: &[(&str, &str)] = &[
    (
        "push-rejected",
        "production_push_from_an_app_under_review_is_push_rejected_10045",
    ),
    (
        "device-token-malformed",
        "unknown_reg_id_is_device_token_malformed",
    ),
    (
        "device-token-environment-mismatch",
        "apns_sandbox_token_sent_to_production_is_device_token_environment_mismatch",
    ),
];

/// A project folder whose pushdiag.toml points vivo at `endpoint`, with the built-in app's ids
/// and its secret read from `VIVO_APP_SECRET`.
fn project(endpoint: &str) -> tempfile::TempDir {
    project_with(endpoint, BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_APP_KEY)
}

fn project_with(endpoint: &str, app_id: &str, app_key: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "[vivo]\nbusiness-id = 10004\napp-id = \"{app_id}\"\napp-key = \"{app_key}\"\napp-secret = {{ env = \"VIVO_APP_SECRET\" }}\ntest-devices = [\"{BUILTIN_VIVO_TEST_DEVICE}\"]\nendpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

/// Runs `pushdiag send-test --vendor VENDOR ARGS` in `dir` with `secret` in `secret_var`, and
/// no variable that could point the vendor elsewhere.
fn send_as(vendor: &str, secret_var: &str, dir: &Path, secret: &str, args: &[&str]) -> Run {
    Run::of(
        vendor_command(dir, vendor)
            .env_remove(format!("PUSHDIAG_{}_AUTH_ENDPOINT", vendor.to_uppercase()))
            .env_remove("PUSHDIAG_PACKAGE")
            .env(secret_var, secret)
            .args(["send-test", "--vendor", vendor])
            .args(args),
    )
}

/// [`send_as`] with `--format json`, and the parsed report.
fn send_as_json(
    vendor: &str,
    secret_var: &str,
    dir: &Path,
    secret: &str,
    args: &[&str],
) -> (Run, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = send_as(vendor, secret_var, dir, secret, &all);
    let document = run.json();
    (run, document)
}

/// `pushdiag send-test --vendor vivo ARGS` in `dir`, `secret` as `VIVO_APP_SECRET`.
fn send_test(dir: &Path, secret: &str, args: &[&str]) -> Run {
    send_as("vivo", "VIVO_APP_SECRET", dir, secret, args)
}

fn send_json(dir: &Path, secret: &str, args: &[&str]) -> (Run, Value) {
    send_as_json("vivo", "VIVO_APP_SECRET", dir, secret, args)
}

fn results(document: &Value) -> &[Value] {
    document["results"].as_array().expect("results array")
}

/// The push result (not the authentication's) of a JSON report.
fn push_result(document: &Value) -> &Value {
    let pushes: Vec<&Value> = results(document)
        .iter()
        .filter(|r| r["target"] != "auth")
        .collect();
    assert_eq!(pushes.len(), 1, "{document:#}");
    pushes[0]
}

/// The push of a test device in test mode: accepted and recorded once, with the body pushdiag
/// promises (tim-vendor-payloads.md §3: the ext as a string in `clientCustomMap.ext`).
#[test]
fn test_mode_push_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let (run, document) = send_json(
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--title", "Hello", "--desc", "From the test", "--ext", ext],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    let push = &pushes[0];
    assert_eq!(push.target, BUILTIN_VIVO_TEST_DEVICE);
    assert!(push.test_mode);
    assert_eq!(push.payload["pushMode"], 1);
    assert_eq!(push.payload["clientCustomMap"]["ext"], Value::from(ext));
    assert_eq!(push.ext.as_deref(), Some(ext));
    assert_eq!(push.payload["title"], "Hello");
    assert_eq!(push.payload["content"], "From the test");
    assert_eq!(push.payload["appId"], 10004, "an integer, not a string");
    assert_eq!(push.payload["skipType"], 1);
    assert_eq!(push.payload["classification"], 1);
    assert_eq!(push.payload["category"], "IM");
    assert_eq!(push.payload["notifyType"], 4);
    assert_eq!(push.payload["timeToLive"], 86400);
    let request_id = push.request_id.as_deref().expect("requestId");
    assert!(uuid::Uuid::parse_str(request_id).is_ok(), "{request_id}");
    let result = push_result(&document);
    assert_eq!(result["outcome"], "accepted");
    assert_eq!(result["message_id"].as_str(), Some(push.task_id.as_str()));
}

/// Every `results` entry has exactly the contract's fields (cli-contract.md, docs/output.md).
#[test]
fn json_results_have_every_contract_field() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let results = results(&document);
    assert_eq!(results.len(), 2, "auth and one push: {document:#}");
    let mut fields = vec![
        "elapsed_ms",
        "http_status",
        "message_id",
        "outcome",
        "target",
        "vendor",
        "vendor_code",
        "vendor_message",
    ];
    fields.sort_unstable();
    for result in results {
        let mut keys: Vec<&str> = result
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, fields, "{result}");
        assert_eq!(result["vendor"], "vivo");
        assert_eq!(result["outcome"], "accepted");
        assert_eq!(result["http_status"], 200);
        assert_eq!(result["vendor_code"], 0);
        assert!(result["elapsed_ms"].is_u64());
    }
    assert_eq!(results[0]["target"], "auth");
    assert_eq!(results[1]["target"], BUILTIN_VIVO_TEST_DEVICE);
    assert!(results[1]["message_id"].is_string());
    assert_eq!(document["summary"]["checked"], 1);

    // Human output: one line per result.
    let run = send_test(dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("vivo auth: accepted (HTTP 200, code 0"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "vivo push to {BUILTIN_VIVO_TEST_DEVICE}: accepted (HTTP 200, code 0"
        )),
        "{}",
        run.stdout
    );
}

/// vivo lets an app under review push only in test mode; the emulator's built-in apps are under
/// review, so a formal push gets 10045. The fix (test mode) passes.
#[test]
fn production_push_from_an_app_under_review_is_push_rejected_10045() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["--production"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["push-rejected"]);
    let finding = &document["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["vendor"], "vivo");
    let message = finding["message"].as_str().expect("message");
    assert!(message.contains("result 10045"), "{message}");
    assert!(message.contains("under review"), "{message}");
    let result = push_result(&document);
    assert_eq!(result["outcome"], "rejected");
    assert_eq!(result["vendor_code"], 10045);
    assert!(emu.pushes().is_empty());

    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "the fix: test mode");
    assert!(rules_of(&document).is_empty());
}

/// 10302 with `invalidUser.status`: 1 for a regId the app does not know, 4 for a device that is
/// not a test device in test mode. The fix (a test device) passes.
#[test]
fn unknown_reg_id_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let (run, document) = send_json(
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--to", "11111111111111111111111"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("result 10302"), "{message}");
    assert!(message.contains("invalidUser.status 1"), "{message}");
    assert_eq!(push_result(&document)["vendor_code"], 10302);

    let (run, document) = send_json(
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--to", BUILTIN_VIVO_DEVICE],
    );
    assert_eq!(run.code, 1);
    let finding = &document["findings"][0];
    assert!(
        finding["message"]
            .as_str()
            .expect("message")
            .contains("invalidUser.status 4"),
        "{finding}"
    );
    assert_eq!(
        finding["help"],
        "add it as a test device in the vivo console or use --production"
    );
    assert!(emu.pushes().is_empty());

    let (run, document) = send_json(
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--to", BUILTIN_VIVO_TEST_DEVICE],
    );
    assert_eq!(run.code, 0, "the fix: a test device");
    assert!(rules_of(&document).is_empty());
}

/// A wrong AppSecret makes a wrong sign: 10206, pointing at the config key. Nothing is pushed.
/// The fix (the right secret) passes.
#[test]
fn wrong_secret_is_credential_rejected_10206() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let wrong = "ffffffffffffffffffffffffffffffff";
    let (run, document) = send_json(dir.path(), wrong, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    let finding = &document["findings"][0];
    let message = finding["message"].as_str().expect("message");
    assert!(message.contains("result 10206"), "{message}");
    assert!(message.contains("vivo.app-secret"), "{message}");
    assert_eq!(finding["location"]["pointer"], "/vivo/app-secret");
    assert_eq!(finding["location"]["line"], 5);
    let results = results(&document);
    assert_eq!(results.len(), 1, "no push after a refused authentication");
    assert_eq!(results[0]["target"], "auth");
    assert_eq!(results[0]["outcome"], "rejected");
    assert_eq!(results[0]["vendor_code"], 10206);
    assert!(emu.pushes().is_empty());
    assert!(!run.stdout.contains(wrong) && !run.stderr.contains(wrong));

    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "the fix: the right secret");
    assert!(rules_of(&document).is_empty());
}

/// The answer to the first send never comes. vivo documents no de-duplication, so the send may
/// have arrived: pushdiag does not send again (one push at most), and the answer is unknown
/// (exit 3), with a note on what to check.
#[test]
fn timeout_on_send_is_not_retried_and_pushes_once() {
    let emu = Emu::start(&["vivo/message/send=timeout*1"]);
    let dir = project(&emu.base());
    let (run, document) = send_json(
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--timeout", "1s", "-v"],
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "one push, not two");
    assert!(run.stderr.contains("try 1 of 3"), "{}", run.stderr);
    assert!(run.stderr.contains("timed out"), "{}", run.stderr);
    assert!(!run.stderr.contains("try 2 of 3"), "{}", run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
}

/// A connection reset after the push was handled: not sent again either, exit 3, one push.
#[test]
fn reset_on_send_is_not_retried_and_pushes_once() {
    let emu = Emu::start(&["vivo/message/send=reset*1"]);
    let dir = project(&emu.base());
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["-v"]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1);
    assert!(!run.stderr.contains("try 2 of 3"), "{}", run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
}

/// A refused try (503, 429) is sent again: it cannot have been taken. One push.
#[test]
fn a_503_on_send_is_retried_and_pushes_once() {
    let emu = Emu::start(&["vivo/message/send=status:503*1"]);
    let dir = project(&emu.base());
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["-v"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1);
    assert!(run.stderr.contains("try 2 of 3"), "{}", run.stderr);
    assert_eq!(push_result(&document)["outcome"], "accepted");
}

/// 503 on every try: the answer is unknown, exit 3, nothing pushed.
#[test]
fn status_503_on_every_try_is_exit_3() {
    let emu = Emu::start(&["vivo/message/send=status:503*5"]);
    let dir = project(&emu.base());
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(
        rules_of(&document).is_empty(),
        "no finding: the vendor did not say no"
    );
    let result = push_result(&document);
    assert_eq!(result["outcome"], "unreachable");
    assert_eq!(result["http_status"], 503);
    assert!(result["vendor_code"].is_null());
    assert!(run.stderr.contains("3 tries"), "{}", run.stderr);
    assert!(run.stderr.contains("try again later"), "{}", run.stderr);
    assert!(emu.pushes().is_empty());
}

/// 503 and 429 on the authentication are retried (honouring Retry-After); the push goes out.
#[test]
fn auth_is_retried_after_503_and_429() {
    let emu = Emu::start(&[
        "vivo/message/auth=status:503*1",
        "vivo/message/auth=429:1*1",
    ]);
    let dir = project(&emu.base());
    let (run, _) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["-v"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("HTTP 429; trying again in 1000 ms"),
        "{}",
        run.stderr
    );
    assert_eq!(emu.pushes().len(), 1);
}

/// A body that is not vivo's JSON after the push was handled: the answer is unknown (exit 3), and
/// pushdiag never sends again, so there is never a second push.
#[test]
fn garbage_answer_is_exit_3_and_never_a_second_push() {
    let emu = Emu::start(&["vivo/message/send=garbage"]);
    let dir = project(&emu.base());
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["-v"]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "handled once, never retried");
    assert!(!run.stderr.contains("try 2"), "{}", run.stderr);
    assert!(run.stderr.contains("not JSON"), "{}", run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
}

/// Nothing listens: exit 3, the answer is unknown.
#[test]
fn unreachable_endpoint_is_exit_3() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let dir = project(&format!("http://127.0.0.1:{port}/vivo"));
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["--retries", "1"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(results(&document)[0]["outcome"], "unreachable");
    assert!(run.stderr.contains("cannot connect"), "{}", run.stderr);
}

/// Replaces the values that change per run: the auth `timestamp` and the `requestId`.
fn stable(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\"timestamp\":") {
        let (before, after) = rest.split_at(at + "\"timestamp\":".len());
        out.push_str(before);
        out.push_str("<TIMESTAMP>");
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    let text = out;
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("\"requestId\":\"") {
        let (before, after) = rest.split_at(at + "\"requestId\":\"".len());
        out.push_str(before);
        out.push_str("<UUID>");
        rest = &after[after.find('"').expect("closing quote")..];
    }
    out.push_str(rest);
    out
}

/// `--dry-run` prints the exact requests and sends nothing; the secret never appears, and the
/// sign and authToken are masked.
#[test]
fn dry_run_prints_the_requests_masked_and_sends_nothing() {
    let secret = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    let dir = project("https://api-push.vivo.com.cn");
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let run = send_test(
        dir.path(),
        secret,
        &["--dry-run", "--ext", ext, "--title", "Hi", "--desc", "Body"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!(
        r#"POST https://api-push.vivo.com.cn/message/auth
Content-Type: application/json

{{"appId":10004,"appKey":"{BUILTIN_VIVO_APP_KEY}","timestamp":<TIMESTAMP>,"sign":"********"}}

POST https://api-push.vivo.com.cn/message/send
Content-Type: application/json
authToken: ********

{{"appId":10004,"regId":"{BUILTIN_VIVO_TEST_DEVICE}","notifyType":4,"title":"Hi","content":"Body","timeToLive":86400,"skipType":1,"classification":1,"category":"IM","clientCustomMap":{{"ext":"{{\"entity\":{{\"version\":1,\"chatType\":1,\"action\":1,\"sender\":\"alice\"}}}}"}},"requestId":"<UUID>","pushMode":1}}
"#
    );
    assert_eq!(stable(&run.stdout), expected);
    assert!(
        run.stderr.contains("dry run: nothing was sent"),
        "{}",
        run.stderr
    );

    // Neither the secret nor the real sign for the printed timestamp appears anywhere.
    let timestamp: i64 = run
        .stdout
        .split("\"timestamp\":")
        .nth(1)
        .and_then(|t| t.split(',').next())
        .and_then(|t| t.parse().ok())
        .expect("timestamp");
    let sign = pushdiag::vendors::vivo::sign(10004, BUILTIN_VIVO_APP_KEY, timestamp, secret);
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains(secret));
        assert!(!output.contains(&sign));
    }

    // JSON: the same requests as data.
    let (run, document) = send_json(dir.path(), secret, &["--dry-run", "--ext", ext]);
    assert_eq!(run.code, 0);
    assert_eq!(document["command"], "send-test --dry-run");
    let requests = document["requests"].as_array().expect("requests");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["body"]["sign"], "********");
    assert_eq!(requests[1]["headers"]["authToken"], "********");
    assert_eq!(requests[1]["body"]["clientCustomMap"]["ext"], ext);
    assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret));
}

/// `--dry-run` sends nothing, even with an emulator listening.
#[test]
fn dry_run_sends_nothing() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let run = send_test(dir.path(), BUILTIN_VIVO_APP_SECRET, &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .contains(&format!("POST {}/message/send", emu.base())));
    assert!(emu.pushes().is_empty());
}

/// The secret never reaches any output: human, JSON and `-v`, accepted and refused, dry run.
#[test]
fn secrets_never_reach_any_output() {
    let secret = "7a1c0ffee7a1c0ffee7a1c0ffee7a1c0";
    let mut app = App::new(
        Vendor::Vivo,
        "20001",
        "11111111-2222-4333-8444-555555555555",
        Secret::new(secret),
    );
    app.test_devices = vec![BUILTIN_VIVO_TEST_DEVICE.to_owned()];
    let emu = Emu::with_registry(Registry { apps: vec![app] }, &[]);
    let dir = project_with(&emu.base(), "20001", "11111111-2222-4333-8444-555555555555");
    let cases: [&[&str]; 6] = [
        &[],
        &["-v"],
        &["--format", "json", "-v"],
        &["--dry-run", "-v"],
        &["--format", "json", "--dry-run"],
        &["--production", "--to", "nope", "-vv"],
    ];
    for args in cases {
        let run = send_test(dir.path(), secret, args);
        assert!(matches!(run.code, 0 | 1), "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains(secret),
            "{args:?} stdout leaks the secret"
        );
        assert!(
            !run.stderr.contains(secret),
            "{args:?} stderr leaks the secret"
        );
    }
    assert_eq!(
        emu.pushes().len(),
        3,
        "the three runs that are not dry runs or refused pushed"
    );
}

/// A broken --ext is refused with the lint finding, and nothing is sent, unless --force.
#[test]
fn broken_ext_is_refused_unless_forced() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let (run, document) = send_json(
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--ext", "{entity: {}}"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["ext-invalid-json"]);
    assert!(results(&document).is_empty(), "nothing attempted");
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert!(emu.pushes().is_empty());

    // A valid ext the profile refuses (no entity for uni-app) is refused too.
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["--ext", "{}"]);
    assert_eq!(run.code, 1);
    assert_eq!(rules_of(&document), ["ext-missing-entity"]);
    assert!(emu.pushes().is_empty());

    // --force sends it anyway; the finding is still reported.
    let (run, document) = send_json(
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--ext", "{entity: {}}", "--force"],
    );
    assert_eq!(run.code, 1, "the ext is still broken: {}", run.stderr);
    assert_eq!(rules_of(&document), ["ext-invalid-json"]);
    assert_eq!(push_result(&document)["outcome"], "accepted");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].ext.as_deref(), Some("{entity: {}}"));
}

/// `--title` and `--desc` meet the vendor's documented limits before anything is sent: a 41-
/// character title for vivo (at most 40, `vendors-cn.md` §1.3) is `title-too-long`, nothing is
/// sent; 40 characters pass.
#[test]
fn a_title_over_the_vendors_limit_is_refused_before_sending() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let long = "标".repeat(41);
    let (run, document) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["--title", &long]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["title-too-long"]);
    let finding = &document["findings"][0];
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("41") && m.contains("--title")),
        "{finding}"
    );
    assert!(emu.pushes().is_empty());
    let (run, document) = send_json(
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--title", &"标".repeat(40), "--desc", &"x".repeat(100)],
    );
    assert_eq!(run.code, 0, "{document:#}\n{}", run.stderr);
    assert_eq!(emu.pushes().len(), 1);
}

/// The default ext passes the lint for every profile, so a plain `send-test` is never refused.
#[test]
fn default_ext_passes_every_profile() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    for profile in ["uniapp", "flutter", "json"] {
        let (run, document) =
            send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &["--profile", profile]);
        assert_eq!(run.code, 0, "{profile}: {document:#}");
        assert!(rules_of(&document).is_empty(), "{profile}: {document:#}");
    }
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 3);
    let ext: Value = serde_json::from_str(pushes[0].ext.as_deref().expect("ext")).expect("JSON");
    assert_eq!(ext["entity"]["version"], 1);
    assert_eq!(ext["entity"]["action"], 1);
    assert!(ext["entity"]["sendTime"].is_u64());
    let flutter: Value =
        serde_json::from_str(pushes[1].ext.as_deref().expect("ext")).expect("JSON");
    assert_eq!(flutter["conversationID"], "c2c_pushdiag");
}

/// `--emulated` with no config at all uses the built-in app and its test device, and says so.
#[test]
fn emulated_without_config_uses_the_builtin_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = pushdiag()
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .args([
            "send-test",
            "--vendor",
            "vivo",
            "--emulated",
            "--format",
            "json",
        ])
        .output()
        .expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("using the built-in emulator at http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(stderr.contains("built-in app 10004"), "{stderr}");
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(push_result(&document)["target"], BUILTIN_VIVO_TEST_DEVICE);
}

/// `--emulated` with the example projects as they are: their ids match the built-in apps, and
/// the documented VIVO_APP_SECRET value opens them.
#[test]
fn emulated_works_with_the_example_projects() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for example in ["examples/uniapp-chat", "examples/flutter-chat"] {
        let config = root.join(example).join("pushdiag.toml");
        let run = send_test(
            root,
            BUILTIN_VIVO_APP_SECRET,
            &["--emulated", "--config", config.to_str().expect("UTF-8")],
        );
        assert_eq!(run.code, 0, "{example}: {}\n{}", run.stdout, run.stderr);
    }
}

/// Without a config and without --emulated, pushdiag cannot send: exit 2, naming what is missing.
#[test]
fn no_config_and_not_emulated_is_exit_2_naming_what_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = pushdiag()
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .env_remove("PUSHDIAG_VIVO_APP_ID")
        .env_remove("PUSHDIAG_VIVO_APP_KEY")
        .env_remove("PUSHDIAG_VIVO_APP_SECRET")
        .args(["send-test", "--vendor", "vivo"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for named in [
        "vivo.app-id",
        "vivo.app-key",
        "vivo.app-secret",
        "PUSHDIAG_VIVO_APP_SECRET",
        "--emulated",
    ] {
        assert!(stderr.contains(named), "{named}: {stderr}");
    }
    // An http:// endpoint off loopback is refused before anything is sent.
    let dir = project("http://192.0.2.1/vivo");
    let run = send_test(dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("only https://"), "{}", run.stderr);
}

/// An independent check of vivo's sign: md5(appId + appKey + timestamp + appSecret), lowercase
/// hex (vendors-cn.md §1.2), computed outside Rust with coreutils:
///
/// ```sh
/// printf '%s' '1000425509283-3767-4b9e-83fe-b6e55ac6243e1700000000000a1b2c3d4e5f60718293a4b5c6d7e8f90' | md5sum
/// 41d923479acdab3e8e0d9b48af5d2ed5  -
/// ```
///
/// (Python's `hashlib.md5` gives the same.)
///
/// (appId 10004 and appKey are the vivo doc's example values, vendors-cn.md §1.1.)
#[test]
fn vivo_sign_matches_an_independently_computed_md5() {
    const INPUT: &str =
        "1000425509283-3767-4b9e-83fe-b6e55ac6243e1700000000000a1b2c3d4e5f60718293a4b5c6d7e8f90";
    const EXPECTED: &str = "41d923479acdab3e8e0d9b48af5d2ed5";
    let sign = pushdiag::vendors::vivo::sign(
        10004,
        "25509283-3767-4b9e-83fe-b6e55ac6243e",
        1_700_000_000_000,
        "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    );
    assert_eq!(sign, EXPECTED);
    // Where coreutils is installed, compute it again now.
    if let Ok(output) = std::process::Command::new("sh")
        .args(["-c", &format!("printf '%s' '{INPUT}' | md5sum")])
        .output()
    {
        if output.status.success() {
            let text = String::from_utf8_lossy(&output.stdout);
            assert_eq!(text.split_whitespace().next(), Some(EXPECTED), "{text}");
        }
    }
}

/// `pushdiag explain vivo 10302`: the code's meaning, fix and rule; unknown ones exit 2; rules
/// and --list still work.
#[test]
fn explain_vivo_codes() {
    let output = pushdiag()
        .args(["explain", "vivo", "10302"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.starts_with("vivo 10302: "), "{text}");
    for part in [
        "invalidUser.status",
        "device-token-malformed",
        "--production",
        "Source:",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }

    let output = pushdiag()
        .args(["explain", "vivo", "10206"])
        .output()
        .expect("ran");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.contains("Config key: [vivo] app-secret"), "{text}");
    assert!(text.contains("credential-rejected"), "{text}");

    let output = pushdiag().args(["explain", "vivo"]).output().expect("ran");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains("10045  the app is still under review"),
        "{text}"
    );

    for (args, says) in [
        (&["explain", "vivo", "12345"][..], "not in pushdiag's table"),
        (&["explain", "vivo", "abc"][..], "codes are numbers"),
        (
            &["explain", "honor", "80300002"][..],
            "Honor publishes no list of error codes",
        ),
        (&["explain", "nokia", "1"][..], "`nokia` is not a vendor"),
    ] {
        let output = pushdiag().args(args).output().expect("ran");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }

    let output = pushdiag()
        .args(["explain", "push-rejected"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("push-rejected (error, send-test)"));
    let output = pushdiag()
        .args(["explain", "--list"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("device-token-malformed"));
}

/// `pushdiag emulate` refuses a non-loopback address.
#[test]
fn emulate_refuses_non_loopback() {
    let output = pushdiag()
        .args(["emulate", "--listen", "0.0.0.0:7700"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("loopback"));
}

// OPPO (vendors-cn.md §2): AppKey + MasterSecret, form-encoded requests, no test mode, and
// `app_message_id` as the id OPPO de-duplicates a retried push by.

/// A project folder whose pushdiag.toml points OPPO at `endpoint`, with the built-in app's
/// AppKey and the MasterSecret read from `OPPO_MASTER_SECRET`.
fn oppo_project(endpoint: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "[oppo]\nbusiness-id = 10002\napp-id = \"30000002\"\napp-key = \"{BUILTIN_OPPO_APP_KEY}\"\nmaster-secret = {{ env = \"OPPO_MASTER_SECRET\" }}\nchannel-id = \"new_message\"\ntest-devices = [\"{BUILTIN_OPPO_DEVICE}\"]\nendpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

/// `pushdiag send-test --vendor oppo ARGS` in `dir`, `secret` as `OPPO_MASTER_SECRET`.
fn send_oppo(dir: &Path, secret: &str, args: &[&str]) -> Run {
    send_as("oppo", "OPPO_MASTER_SECRET", dir, secret, args)
}

fn send_oppo_json(dir: &Path, secret: &str, args: &[&str]) -> (Run, Value) {
    send_as_json("oppo", "OPPO_MASTER_SECRET", dir, secret, args)
}

/// The fields of a form-encoded body.
fn form_fields(body: &str) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://localhost/?{body}")).expect("form");
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn form_field(body: &str, key: &str) -> String {
    form_fields(body)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {key} in {body}"))
}

/// An accepted OPPO push, recorded once, with the body pushdiag promises: target_type 2, the
/// channel from `[oppo] channel-id`, and `action_parameters` as tim-vendor-payloads.md §4 says
/// (`ext` plus the Ext's top-level members as strings).
#[test]
fn oppo_push_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let (run, document) = send_oppo_json(
        dir.path(),
        BUILTIN_OPPO_MASTER_SECRET,
        &["--title", "Hello", "--desc", "From the test", "--ext", ext],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    assert!(
        run.stderr.contains("OPPO has no test mode"),
        "{}",
        run.stderr
    );
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    let push = &pushes[0];
    assert_eq!(push.vendor, Vendor::Oppo);
    assert_eq!(push.target, BUILTIN_OPPO_DEVICE);
    assert_eq!(push.ext.as_deref(), Some(ext));
    assert!(!push.test_mode);
    let message = &push.payload;
    assert_eq!(message["target_type"], 2);
    assert_eq!(message["target_value"], BUILTIN_OPPO_DEVICE);
    assert_eq!(message["verify_registration_id"], false);
    let notification = &message["notification"];
    assert_eq!(notification["title"], "Hello");
    assert_eq!(notification["content"], "From the test");
    assert_eq!(notification["style"], 1);
    assert_eq!(notification["click_action_type"], 0);
    assert_eq!(notification["channel_id"], "new_message");
    assert_eq!(notification["off_line"], true);
    assert_eq!(notification["off_line_ttl"], 86400);
    let params: Value = serde_json::from_str(
        notification["action_parameters"]
            .as_str()
            .expect("a JSON string"),
    )
    .expect("JSON");
    assert_eq!(params["ext"], ext);
    // Re-serialised (serde_json orders keys), the same JSON.
    let entity: Value =
        serde_json::from_str(params["entity"].as_str().expect("a string")).expect("JSON");
    assert_eq!(
        entity,
        serde_json::json!({"version":1,"chatType":1,"action":1,"sender":"alice"})
    );
    let id = push.request_id.as_deref().expect("app_message_id");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    let result = push_result(&document);
    assert_eq!(result["vendor"], "oppo");
    assert_eq!(result["outcome"], "accepted");
    assert_eq!(result["vendor_code"], 0);
    assert_eq!(result["message_id"].as_str(), Some(push.task_id.as_str()));
}

/// A wrong MasterSecret (here the kind of mistake check-config warns of: another secret) makes
/// a wrong sign: code 16, pointing at `oppo.master-secret`. Nothing is pushed; the fix passes.
#[test]
fn oppo_wrong_master_secret_is_credential_rejected_16() {
    let emu = Emu::start(&[]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let wrong = "ffffffffffffffffffffffffffffffff";
    let (run, document) = send_oppo_json(dir.path(), wrong, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    let finding = &document["findings"][0];
    let message = finding["message"].as_str().expect("message");
    assert!(message.contains("code 16"), "{message}");
    assert!(message.contains("oppo.master-secret"), "{message}");
    assert_eq!(finding["location"]["pointer"], "/oppo/master-secret");
    let results = results(&document);
    assert_eq!(results.len(), 1, "no push after a refused authentication");
    assert_eq!(results[0]["target"], "auth");
    assert_eq!(results[0]["vendor_code"], 16);
    assert!(emu.pushes().is_empty());
    assert!(!run.stdout.contains(wrong) && !run.stderr.contains(wrong));

    let (run, document) = send_oppo_json(dir.path(), BUILTIN_OPPO_MASTER_SECRET, &[]);
    assert_eq!(run.code, 0, "the fix: the MasterSecret");
    assert!(rules_of(&document).is_empty());
}

/// A regId the app does not know: code 10000, device-token-malformed; a known one passes.
#[test]
fn oppo_unknown_reg_id_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let unknown = "CN_ffffffffffffffffffffffffffffffff";
    let (run, document) =
        send_oppo_json(dir.path(), BUILTIN_OPPO_MASTER_SECRET, &["--to", unknown]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("code 10000"), "{message}");
    assert!(message.contains(unknown), "{message}");
    assert_eq!(push_result(&document)["vendor_code"], 10000);
    assert!(emu.pushes().is_empty());

    let (run, _) = send_oppo_json(
        dir.path(),
        BUILTIN_OPPO_MASTER_SECRET,
        &["--to", BUILTIN_OPPO_DEVICE],
    );
    assert_eq!(run.code, 0, "the fix: a known regId");
}

/// The answer to the first send never comes: pushdiag sends again with the SAME
/// app_message_id, which OPPO (and the emulator) delivers once, so the phone gets ONE push.
#[test]
fn oppo_timeout_on_send_is_retried_with_the_same_app_message_id_and_pushes_once() {
    let emu = Emu::start(&["oppo/server/v1/message/notification/unicast=timeout*1"]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let (run, document) = send_oppo_json(
        dir.path(),
        BUILTIN_OPPO_MASTER_SECRET,
        &["--timeout", "1s", "-v"],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "one push, not two");
    assert!(run.stderr.contains("timed out"), "{}", run.stderr);
    assert!(run.stderr.contains("try 2 of 3"), "{}", run.stderr);
    let result = push_result(&document);
    assert_eq!(result["outcome"], "accepted");
    assert_eq!(
        result["message_id"].as_str(),
        Some(emu.pushes()[0].task_id.as_str())
    );
}

/// OPPO's "service unavailable" (-1) on every send: the answer is unknown, exit 3, no push.
#[test]
fn oppo_busy_is_exit_3() {
    let emu = Emu::start(&["oppo/server/v1/message/notification/unicast=busy*5"]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let (run, document) = send_oppo_json(dir.path(), BUILTIN_OPPO_MASTER_SECRET, &[]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
    assert!(run.stderr.contains("OPPO is busy"), "{}", run.stderr);
    assert!(emu.pushes().is_empty());
}

/// `--dry-run` prints the exact form bodies and sends nothing; the MasterSecret never appears,
/// and the sign and auth_token are masked. `--production` means nothing for OPPO: a note.
#[test]
fn oppo_dry_run_masks_sign_and_auth_token() {
    let secret = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    let emu = Emu::start(&[]);
    let base = emu.base_of(Vendor::Oppo);
    let dir = oppo_project(&base);
    let run = send_oppo(dir.path(), secret, &["--dry-run", "--production"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(emu.pushes().is_empty());
    assert!(
        run.stderr.contains("dry run: nothing was sent"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--production changes nothing"),
        "{}",
        run.stderr
    );
    let requests: Vec<&str> = run.stdout.split("\n\nPOST ").collect();
    assert_eq!(requests.len(), 2, "{}", run.stdout);
    assert!(requests[0].starts_with(&format!(
        "POST {base}/server/v1/auth\nContent-Type: application/x-www-form-urlencoded\n\n"
    )));
    assert!(requests[1].starts_with(&format!(
        "{base}/server/v1/message/notification/unicast\nContent-Type: application/x-www-form-urlencoded\n\n"
    )));
    let auth_body = requests[0].lines().last().expect("auth body");
    assert_eq!(form_field(auth_body, "app_key"), BUILTIN_OPPO_APP_KEY);
    assert_eq!(form_field(auth_body, "sign"), "********");
    let timestamp = form_field(auth_body, "timestamp");
    assert_eq!(timestamp.len(), 13, "milliseconds");
    let send_body = requests[1].lines().last().expect("send body");
    assert_eq!(form_field(send_body, "auth_token"), "********");
    let message: Value =
        serde_json::from_str(&form_field(send_body, "message")).expect("message JSON");
    assert_eq!(message["target_value"], BUILTIN_OPPO_DEVICE);
    let sign = pushdiag::vendors::oppo::sign(
        BUILTIN_OPPO_APP_KEY,
        timestamp.parse().expect("timestamp"),
        secret,
    );
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains(secret));
        assert!(!output.contains(&sign));
    }
}

/// The OPPO sign against a value computed outside Rust, now, with coreutils:
///
/// ```sh
/// printf '%s' '00000000000000000000000000000002''1700000000000''89abcdef0123456789abcdef01234567' | sha256sum
/// # 32072110454df2a0f9a1f3d30ffd9b16d559f90c5720f22c7f3b3962c2cacbe4
/// ```
///
/// (Python's `hashlib.sha256` gives the same. The parts are the built-in app's AppKey, a
/// 13-digit millisecond timestamp, and the emulator's MasterSecret.)
#[test]
fn oppo_sign_matches_an_independently_computed_sha256() {
    const EXPECTED: &str = "32072110454df2a0f9a1f3d30ffd9b16d559f90c5720f22c7f3b3962c2cacbe4";
    let sign = pushdiag::vendors::oppo::sign(
        "00000000000000000000000000000002",
        1_700_000_000_000,
        "89abcdef0123456789abcdef01234567",
    );
    assert_eq!(sign, EXPECTED);
    // Where coreutils is installed, compute it again now.
    if let Ok(output) = std::process::Command::new("sh")
        .args([
            "-c",
            "printf '%s' '00000000000000000000000000000002''1700000000000''89abcdef0123456789abcdef01234567' | sha256sum",
        ])
        .output()
    {
        if output.status.success() {
            let text = String::from_utf8_lossy(&output.stdout);
            assert_eq!(text.split_whitespace().next(), Some(EXPECTED), "{text}");
        }
    }
}

/// `pushdiag explain oppo 16`: the MasterSecret, not the AppSecret.
#[test]
fn explain_oppo_codes() {
    let output = pushdiag()
        .args(["explain", "oppo", "16"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("OPPO 16: invalid signature"), "{text}");
    assert!(text.contains("Config key: [oppo] master-secret"), "{text}");
    assert!(text.contains("Reported as: credential-rejected"), "{text}");
    let output = pushdiag()
        .args(["explain", "oppo", "--", "-1"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("counts as unknown (exit 3)"));
}

/// `--emulated` with no [oppo] section: the built-in app and device, one accepted push.
#[test]
fn oppo_emulated_without_config_uses_the_builtin_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = pushdiag()
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .args([
            "--emulated",
            "send-test",
            "--vendor",
            "oppo",
            "--format",
            "json",
        ])
        .output()
        .expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("built-in app 30000002"), "{stderr}");
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(push_result(&document)["outcome"], "accepted");
}

/// A project folder whose pushdiag.toml points Xiaomi at `endpoint`: the built-in app's ids and
/// package, the AppSecret read from `XIAOMI_APP_SECRET`.
fn xiaomi_project(endpoint: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "package = \"{BUILTIN_XIAOMI_PACKAGE}\"\n\n[xiaomi]\nbusiness-id = 10001\napp-id = \"{BUILTIN_XIAOMI_APP_ID}\"\napp-key = \"{BUILTIN_XIAOMI_APP_KEY}\"\napp-secret = {{ env = \"XIAOMI_APP_SECRET\" }}\nchannel-id = \"new_message\"\ntest-devices = [\"{BUILTIN_XIAOMI_DEVICE}\"]\nendpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

/// `pushdiag send-test --vendor xiaomi ARGS` in `dir`, `secret` as `XIAOMI_APP_SECRET`.
fn send_xiaomi(dir: &Path, secret: &str, args: &[&str]) -> Run {
    send_as("xiaomi", "XIAOMI_APP_SECRET", dir, secret, args)
}

fn send_xiaomi_json(dir: &Path, secret: &str, args: &[&str]) -> (Run, Value) {
    send_as_json("xiaomi", "XIAOMI_APP_SECRET", dir, secret, args)
}

/// An accepted Xiaomi push, recorded once, with the form pushdiag promises: the package, a
/// notification, `extra.ext` the Ext string (tim-vendor-payloads.md §5), `extra.channel_id`
/// from `[xiaomi] channel-id`, and no `extra.notify_effect` (Tencent's "open app" mode).
#[test]
fn xiaomi_push_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let (run, document) = send_xiaomi_json(
        dir.path(),
        BUILTIN_XIAOMI_APP_SECRET,
        &["--title", "Hello", "--desc", "From the test", "--ext", ext],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    assert!(
        run.stderr.contains("Xiaomi has no test mode"),
        "{}",
        run.stderr
    );
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    let push = &pushes[0];
    assert_eq!(push.vendor, Vendor::Xiaomi);
    assert_eq!(push.app_id, BUILTIN_XIAOMI_APP_ID);
    assert_eq!(push.target, BUILTIN_XIAOMI_DEVICE);
    assert_eq!(push.title, "Hello");
    assert_eq!(push.body, "From the test");
    assert_eq!(push.ext.as_deref(), Some(ext));
    assert!(!push.test_mode);
    let form = &push.payload;
    assert_eq!(form["extra.ext"], ext);
    assert_eq!(form["extra.channel_id"], "new_message");
    assert_eq!(form["extra.notify_foreground"], "1");
    assert_eq!(form["restricted_package_name"], BUILTIN_XIAOMI_PACKAGE);
    assert_eq!(form["pass_through"], "0");
    assert_eq!(form["notify_type"], "-1");
    assert_eq!(form["time_to_live"], "86400000");
    assert!(form.get("extra.notify_effect").is_none(), "{form}");
    let result = push_result(&document);
    assert_eq!(result["vendor"], "xiaomi");
    assert_eq!(result["outcome"], "accepted");
    assert_eq!(result["vendor_code"], 0);
    assert_eq!(result["message_id"].as_str(), Some(push.task_id.as_str()));
    // No authentication call: Xiaomi has no token exchange.
    assert_eq!(results(&document).len(), 1, "{document:#}");
}

/// A wrong AppSecret (here the AppKey, the classic mix-up): 21301 认证失败, pointing at
/// `xiaomi.app-secret`. Nothing is pushed; the fix passes.
#[test]
fn xiaomi_wrong_secret_is_credential_rejected_21301() {
    let emu = Emu::start(&[]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let wrong = "d3JvbmcteGlhb21pLWtleSE=";
    let (run, document) = send_xiaomi_json(dir.path(), wrong, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    let finding = &document["findings"][0];
    let message = finding["message"].as_str().expect("message");
    assert!(message.contains("code 21301"), "{message}");
    assert!(message.contains("认证失败"), "{message}");
    assert!(message.contains("xiaomi.app-secret"), "{message}");
    assert_eq!(finding["location"]["pointer"], "/xiaomi/app-secret");
    assert_eq!(push_result(&document)["vendor_code"], 21301);
    assert!(emu.pushes().is_empty());
    assert!(!run.stdout.contains(wrong) && !run.stderr.contains(wrong));

    let (run, document) = send_xiaomi_json(dir.path(), BUILTIN_XIAOMI_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "the fix: the AppSecret");
    assert!(rules_of(&document).is_empty());
}

/// A regId the app does not know: 20301 ("all targets invalid"), device-token-malformed.
#[test]
fn xiaomi_unknown_reg_id_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let unknown = "bm90LWEtcmVnaWQ=";
    let (run, document) =
        send_xiaomi_json(dir.path(), BUILTIN_XIAOMI_APP_SECRET, &["--to", unknown]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("code 20301"), "{message}");
    assert!(message.contains(unknown), "{message}");
    assert!(emu.pushes().is_empty());
}

/// Xiaomi documents no de-duplication, so a send whose answer is lost (it may have been
/// accepted, and here it was) is NOT sent again: exit 3 and exactly one push, not two.
#[test]
fn xiaomi_timeout_on_send_is_exit_3_and_never_a_second_push() {
    let emu = Emu::start(&["xiaomi/v3/message/regid=timeout*1"]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let (run, document) = send_xiaomi_json(
        dir.path(),
        BUILTIN_XIAOMI_APP_SECRET,
        &["--timeout", "1s", "-v"],
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "one push, not two");
    assert!(run.stderr.contains("timed out"), "{}", run.stderr);
    assert!(run.stderr.contains("not tried again"), "{}", run.stderr);
    assert!(!run.stderr.contains("try 2 of 3"), "{}", run.stderr);
    assert!(run.stderr.contains("(1 try)"), "{}", run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
}

/// The same for a connection reset after the request went out.
#[test]
fn xiaomi_reset_on_send_is_exit_3_and_never_a_second_push() {
    let emu = Emu::start(&["xiaomi/v3/message/regid=reset*1"]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let (run, _) = send_xiaomi_json(dir.path(), BUILTIN_XIAOMI_APP_SECRET, &[]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "one push, not two");
}

/// HTTP 503 proves the push was not accepted: it is tried again, and pushes once.
#[test]
fn xiaomi_503_is_retried_and_pushes_once() {
    let emu = Emu::start(&["xiaomi/v3/message/regid=status:503*1"]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let (run, document) = send_xiaomi_json(dir.path(), BUILTIN_XIAOMI_APP_SECRET, &["-v"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("try 2 of 3"), "{}", run.stderr);
    assert_eq!(emu.pushes().len(), 1);
    assert_eq!(push_result(&document)["outcome"], "accepted");
}

/// Nothing listens: the request never left, so it is tried again (safe), then exit 3.
#[test]
fn xiaomi_connect_error_is_retried_then_exit_3() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let dir = xiaomi_project(&format!("http://127.0.0.1:{port}/xiaomi"));
    let (run, _) = send_xiaomi_json(dir.path(), BUILTIN_XIAOMI_APP_SECRET, &["-v"]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("cannot connect"), "{}", run.stderr);
    assert!(run.stderr.contains("try 3 of 3"), "{}", run.stderr);
}

/// Xiaomi's "system busy" (10002): the answer is unknown, exit 3, no push.
#[test]
fn xiaomi_busy_is_exit_3() {
    let emu = Emu::start(&["xiaomi=busy"]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let (run, document) = send_xiaomi_json(dir.path(), BUILTIN_XIAOMI_APP_SECRET, &[]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
    assert!(run.stderr.contains("code 10002"), "{}", run.stderr);
    assert!(emu.pushes().is_empty());
}

/// `--dry-run` prints the one request (no authentication call) and sends nothing; the
/// Authorization header's value is masked and the AppSecret appears nowhere.
#[test]
fn xiaomi_dry_run_masks_the_authorization_header() {
    let secret = "c2VjcmV0LXhpYW9taS1rZXk=";
    let emu = Emu::start(&[]);
    let base = emu.base_of(Vendor::Xiaomi);
    let dir = xiaomi_project(&base);
    let run = send_xiaomi(dir.path(), secret, &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(emu.pushes().is_empty());
    assert!(
        run.stderr.contains("the Authorization header is masked"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.starts_with(&format!(
        "POST {base}/v3/message/regid\nContent-Type: application/x-www-form-urlencoded\nAuthorization: key=********\n\n"
    )), "{}", run.stdout);
    let body = run.stdout.trim_end().lines().last().expect("body");
    assert_eq!(form_field(body, "registration_id"), BUILTIN_XIAOMI_DEVICE);
    assert_eq!(
        form_field(body, "restricted_package_name"),
        BUILTIN_XIAOMI_PACKAGE
    );
    assert_eq!(form_field(body, "extra.channel_id"), "new_message");
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains(secret), "{output}");
    }
}

/// `pushdiag explain xiaomi 21301`: the AppSecret.
#[test]
fn explain_xiaomi_codes() {
    let output = pushdiag()
        .args(["explain", "xiaomi", "21301"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("Xiaomi 21301: authentication failed"),
        "{text}"
    );
    assert!(text.contains("Config key: [xiaomi] app-secret"), "{text}");
    assert!(text.contains("Reported as: credential-rejected"), "{text}");
    let output = pushdiag()
        .args(["explain", "xiaomi", "10002"])
        .output()
        .expect("ran");
    assert!(String::from_utf8_lossy(&output.stdout).contains("counts as unknown (exit 3)"));
}

/// `--emulated` with no [xiaomi] section: the built-in app and device, one accepted push.
#[test]
fn xiaomi_emulated_without_config_uses_the_builtin_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = pushdiag()
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .env_remove("PUSHDIAG_PACKAGE")
        .args([
            "--emulated",
            "send-test",
            "--vendor",
            "xiaomi",
            "--format",
            "json",
        ])
        .output()
        .expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("built-in app 2882303761500000001"),
        "{stderr}"
    );
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(push_result(&document)["outcome"], "accepted");
}

/// A project folder whose pushdiag.toml points Meizu at `endpoint`: the built-in app's id, the
/// AppSecret read from `MEIZU_APP_SECRET`.
fn meizu_project(endpoint: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "[meizu]\napp-id = \"{BUILTIN_MEIZU_APP_ID}\"\napp-secret = {{ env = \"MEIZU_APP_SECRET\" }}\ntest-devices = [\"{BUILTIN_MEIZU_DEVICE}\"]\nendpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

/// `pushdiag send-test --vendor meizu ARGS` in `dir`, `secret` as `MEIZU_APP_SECRET`.
fn send_meizu(dir: &Path, secret: &str, args: &[&str]) -> Run {
    send_as("meizu", "MEIZU_APP_SECRET", dir, secret, args)
}

fn send_meizu_json(dir: &Path, secret: &str, args: &[&str]) -> (Run, Value) {
    send_as_json("meizu", "MEIZU_APP_SECRET", dir, secret, args)
}

/// An accepted Meizu push, recorded once, with the messageJson pushdiag promises: a private
/// (IM) standard notification that opens the app, the Ext string in
/// `clickTypeInfo.parameters.ext` (tim-vendor-payloads.md §8), offline for 24 hours.
#[test]
fn meizu_push_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let (run, document) = send_meizu_json(
        dir.path(),
        BUILTIN_MEIZU_APP_SECRET,
        &["--title", "Hello", "--desc", "From the test", "--ext", ext],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    assert!(
        run.stderr.contains("Meizu has no test mode"),
        "{}",
        run.stderr
    );
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    let push = &pushes[0];
    assert_eq!(push.vendor, Vendor::Meizu);
    assert_eq!(push.app_id, BUILTIN_MEIZU_APP_ID);
    assert_eq!(push.target, BUILTIN_MEIZU_DEVICE);
    assert_eq!(
        (push.title.as_str(), push.body.as_str()),
        ("Hello", "From the test")
    );
    assert_eq!(push.ext.as_deref(), Some(ext));
    let message = &push.payload["messageJson"];
    assert_eq!(message["clickTypeInfo"]["parameters"]["ext"], ext);
    assert_eq!(message["clickTypeInfo"]["clickType"], 0);
    assert_eq!(message["noticeBarInfo"]["noticeMsgType"], 1);
    assert_eq!(message["noticeBarInfo"]["noticeBarType"], 0);
    assert_eq!(message["pushTimeInfo"]["offLine"], 1);
    assert_eq!(message["pushTimeInfo"]["validTime"], 24);
    let result = push_result(&document);
    assert_eq!(result["vendor"], "meizu");
    assert_eq!(result["outcome"], "accepted");
    assert_eq!(result["vendor_code"], 200);
    assert_eq!(result["message_id"].as_str(), Some(push.task_id.as_str()));
    // No authentication call: Meizu signs each request instead.
    assert_eq!(results(&document).len(), 1, "{document:#}");
}

/// A wrong AppSecret (here the AppKey's shape): 1006 signature failed, pointing at
/// `meizu.app-secret`. Nothing is pushed; the fix passes.
#[test]
fn meizu_wrong_secret_is_credential_rejected_1006() {
    let emu = Emu::start(&[]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let wrong = "00000000000000000000000000000005";
    let (run, document) = send_meizu_json(dir.path(), wrong, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    let finding = &document["findings"][0];
    let message = finding["message"].as_str().expect("message");
    assert!(message.contains("code 1006"), "{message}");
    assert!(message.contains("meizu.app-secret"), "{message}");
    assert_eq!(finding["location"]["pointer"], "/meizu/app-secret");
    assert_eq!(push_result(&document)["vendor_code"], 1006);
    assert!(emu.pushes().is_empty());
    assert!(!run.stdout.contains(wrong) && !run.stderr.contains(wrong));

    let (run, document) = send_meizu_json(dir.path(), BUILTIN_MEIZU_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "the fix: the AppSecret");
    assert!(rules_of(&document).is_empty());
}

/// A pushId the app does not know: Meizu answers code "200" with `value` {"110003": [id]}; that
/// per-target failure is device-token-malformed, not an accepted push.
#[test]
fn meizu_unknown_push_id_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let unknown = "RA5ffff";
    let (run, document) = send_meizu_json(dir.path(), BUILTIN_MEIZU_APP_SECRET, &["--to", unknown]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("code 110003"), "{message}");
    assert!(message.contains(unknown), "{message}");
    assert_eq!(push_result(&document)["vendor_code"], 110003);
    assert!(emu.pushes().is_empty());
}

/// Meizu documents no request id to de-duplicate by, so a send whose answer is lost (it may have
/// been accepted, and here it was) is NOT sent again: exit 3 and exactly one push, not two.
#[test]
fn meizu_timeout_on_send_is_exit_3_and_never_a_second_push() {
    let emu = Emu::start(&["meizu/garcia/api/server/push/varnished/pushByPushId=timeout*1"]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let (run, document) = send_meizu_json(
        dir.path(),
        BUILTIN_MEIZU_APP_SECRET,
        &["--timeout", "1s", "-v"],
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "one push, not two");
    assert!(run.stderr.contains("timed out"), "{}", run.stderr);
    assert!(!run.stderr.contains("try 2 of 3"), "{}", run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
}

/// Meizu's "server busy" (1003): the answer is unknown, exit 3, no push.
#[test]
fn meizu_busy_is_exit_3() {
    let emu = Emu::start(&["meizu=busy"]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let (run, document) = send_meizu_json(dir.path(), BUILTIN_MEIZU_APP_SECRET, &[]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
    assert!(run.stderr.contains("code 1003"), "{}", run.stderr);
    assert!(emu.pushes().is_empty());
}

/// `--dry-run` prints the one request and sends nothing; `sign` is masked and the AppSecret
/// appears nowhere.
#[test]
fn meizu_dry_run_masks_sign_and_never_shows_the_secret() {
    let secret = "0123456789abcdeffedcba9876543210";
    let emu = Emu::start(&[]);
    let base = emu.base_of(Vendor::Meizu);
    let dir = meizu_project(&base);
    let run = send_meizu(dir.path(), secret, &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(emu.pushes().is_empty());
    assert!(run.stderr.contains("sign is masked"), "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!(
        "POST {base}/garcia/api/server/push/varnished/pushByPushId\nContent-Type: application/x-www-form-urlencoded;charset=UTF-8\n\n"
    )), "{}", run.stdout);
    let body = run.stdout.trim_end().lines().last().expect("body");
    assert_eq!(form_field(body, "sign"), "********");
    assert_eq!(form_field(body, "appId"), BUILTIN_MEIZU_APP_ID);
    assert_eq!(form_field(body, "pushIds"), BUILTIN_MEIZU_DEVICE);
    let message: Value = serde_json::from_str(&form_field(body, "messageJson")).expect("JSON");
    assert!(message["clickTypeInfo"]["parameters"]["ext"].is_string());
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains(secret), "{output}");
    }
}

/// Meizu's sign checked against a value computed outside Rust, with coreutils, on 2026-11-22:
///
/// ```sh
/// printf '%s' 'appId=100005messageJson={"clickTypeInfo":{"clickType":0,"parameters":{"ext":"{\"a\":1}"}},"noticeBarInfo":{"content":"From the test","noticeBarType":0,"noticeMsgType":1,"title":"Hello"},"pushTimeInfo":{"offLine":1,"validTime":24}}pushIds=RA50c6300000000000000000000000000000000000001' '5a5b5c5d5e5f60616263646566676869' | md5sum
/// # 66a426edb8a86a13bf2ac37836437a4e
/// ```
///
/// (The messageJson string was written with Python's `json.dumps(..., sort_keys=True,
/// separators=(",", ":"))`; the parts are the built-in app's AppId, the emulator's pushId and
/// AppSecret.) The test also checks pushdiag's messageJson is that same string, and computes
/// the MD5 again where `md5sum` is installed.
#[test]
fn meizu_sign_matches_an_independently_computed_md5() {
    const MESSAGE_JSON: &str = r#"{"clickTypeInfo":{"clickType":0,"parameters":{"ext":"{\"a\":1}"}},"noticeBarInfo":{"content":"From the test","noticeBarType":0,"noticeMsgType":1,"title":"Hello"},"pushTimeInfo":{"offLine":1,"validTime":24}}"#;
    const EXPECTED: &str = "66a426edb8a86a13bf2ac37836437a4e";
    assert_eq!(
        pushdiag::vendors::meizu::message_json("Hello", "From the test", r#"{"a":1}"#),
        MESSAGE_JSON
    );
    // The order given does not matter: Meizu sorts the parameters by name.
    let sign = pushdiag::vendors::meizu::sign(
        &[
            ("pushIds", BUILTIN_MEIZU_DEVICE),
            ("messageJson", MESSAGE_JSON),
            ("appId", BUILTIN_MEIZU_APP_ID),
        ],
        BUILTIN_MEIZU_APP_SECRET,
    );
    assert_eq!(sign, EXPECTED);
    // Where coreutils is installed, compute it again now.
    let command = format!(
        "printf '%s' 'appId={BUILTIN_MEIZU_APP_ID}messageJson={MESSAGE_JSON}pushIds={BUILTIN_MEIZU_DEVICE}' '{BUILTIN_MEIZU_APP_SECRET}' | md5sum"
    );
    if let Ok(output) = std::process::Command::new("sh")
        .args(["-c", &command])
        .output()
    {
        if output.status.success() {
            let text = String::from_utf8_lossy(&output.stdout);
            assert_eq!(text.split_whitespace().next(), Some(EXPECTED), "{text}");
        }
    }
}

/// `pushdiag explain meizu 1006`: the AppSecret; 1003 is unknown (exit 3); 200 is success.
#[test]
fn explain_meizu_codes() {
    let output = pushdiag()
        .args(["explain", "meizu", "1006"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("Meizu 1006: signature authentication failed"),
        "{text}"
    );
    assert!(text.contains("Config key: [meizu] app-secret"), "{text}");
    assert!(text.contains("Reported as: credential-rejected"), "{text}");
    let output = pushdiag()
        .args(["explain", "meizu", "1003"])
        .output()
        .expect("ran");
    assert!(String::from_utf8_lossy(&output.stdout).contains("counts as unknown (exit 3)"));
    let output = pushdiag()
        .args(["explain", "meizu", "200"])
        .output()
        .expect("ran");
    assert!(String::from_utf8_lossy(&output.stdout).contains("an accepted result"));
}

/// `--emulated` with no [meizu] section: the built-in app and pushId, one accepted push.
#[test]
fn meizu_emulated_without_config_uses_the_builtin_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = pushdiag()
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .args([
            "--emulated",
            "send-test",
            "--vendor",
            "meizu",
            "--format",
            "json",
        ])
        .output()
        .expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("built-in app 100005"), "{stderr}");
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(push_result(&document)["outcome"], "accepted");
}

// Huawei (vendors-cn.md §4): OAuth client credentials for a Bearer token, `messages:send` with
// `target_user_type` 1 (a test message) unless --production, and no de-duplication, so a send
// that may have reached Huawei is never repeated.

/// A project folder whose pushdiag.toml points Huawei's API and OAuth server at `endpoint`, with
/// the built-in app's AppID and the AppSecret read from `HUAWEI_APP_SECRET`.
fn huawei_project(endpoint: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "[huawei]\nbusiness-id = 10003\napp-id = \"{BUILTIN_HUAWEI_APP_ID}\"\napp-secret = {{ env = \"HUAWEI_APP_SECRET\" }}\ntest-devices = [\"{BUILTIN_HUAWEI_DEVICE}\"]\nendpoint = \"{endpoint}\"\nauth-endpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

/// [`huawei_project`] with `api-version = "v2"` and `project-id`.
fn huawei_v2_project(endpoint: &str, project_id: &str) -> tempfile::TempDir {
    let dir = huawei_project(endpoint);
    let path = dir.path().join("pushdiag.toml");
    let mut toml = std::fs::read_to_string(&path).expect("read config");
    toml.push_str(&format!(
        "api-version = \"v2\"\nproject-id = \"{project_id}\"\n"
    ));
    std::fs::write(&path, toml).expect("write config");
    dir
}

/// `api-version = "v2"` sends the same message to the project (`vendors-cn.md` §4.1): the dry
/// run shows the v2 URL, and the emulator accepts it for the app's own project.
#[test]
fn huawei_v2_sends_to_the_project() {
    let emu = Emu::start(&[]);
    let base = emu.base_of(Vendor::Huawei);
    let dir = huawei_v2_project(&base, BUILTIN_HUAWEI_PROJECT_ID);
    let (run, document) = send_huawei_json(dir.path(), BUILTIN_HUAWEI_APP_SECRET, &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let urls: Vec<&str> = document["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .filter_map(|r| r["url"].as_str())
        .collect();
    assert_eq!(
        urls,
        [
            format!("{base}/oauth2/v3/token"),
            format!("{base}/v2/{BUILTIN_HUAWEI_PROJECT_ID}/messages:send")
        ]
    );
    let (run, document) = send_huawei_json(dir.path(), BUILTIN_HUAWEI_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "{document:#}\n{}", run.stderr);
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    assert_eq!(pushes[0].app_id, BUILTIN_HUAWEI_APP_ID);
}

/// A project that is not the app's: Huawei refuses the access token as another app's
/// (80200001), and nothing is pushed.
#[test]
fn huawei_v2_with_another_project_is_credential_rejected() {
    let emu = Emu::start(&[]);
    let dir = huawei_v2_project(
        &emu.base_of(Vendor::Huawei),
        pushdiag::emulator::BUILTIN_HUAWEI_FLUTTER_PROJECT_ID,
    );
    let (run, document) = send_huawei_json(dir.path(), BUILTIN_HUAWEI_APP_SECRET, &[]);
    assert_eq!(run.code, 1, "{document:#}\n{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    assert_eq!(push_result(&document)["vendor_code"], 80200001);
    assert!(emu.pushes().is_empty());
}

/// `pushdiag send-test --vendor huawei ARGS` in `dir`, `secret` as `HUAWEI_APP_SECRET`.
fn send_huawei(dir: &Path, secret: &str, args: &[&str]) -> Run {
    send_as("huawei", "HUAWEI_APP_SECRET", dir, secret, args)
}

fn send_huawei_json(dir: &Path, secret: &str, args: &[&str]) -> (Run, Value) {
    send_as_json("huawei", "HUAWEI_APP_SECRET", dir, secret, args)
}

/// An accepted Huawei test message, recorded once: `target_user_type` 1, click_action type 3,
/// and `message.data` = `{"ext": <Ext>}` as a JSON string.
#[test]
fn huawei_test_message_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let (run, document) = send_huawei_json(
        dir.path(),
        BUILTIN_HUAWEI_APP_SECRET,
        &["--title", "Hello", "--desc", "From the test", "--ext", ext],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    let push = &pushes[0];
    assert_eq!(push.vendor, Vendor::Huawei);
    assert_eq!(push.app_id, BUILTIN_HUAWEI_APP_ID);
    assert_eq!(push.target, BUILTIN_HUAWEI_DEVICE);
    assert_eq!(push.ext.as_deref(), Some(ext));
    assert!(push.test_mode);
    let body = &push.payload;
    assert_eq!(body["validate_only"], false);
    let message = &body["message"];
    assert_eq!(message["token"], serde_json::json!([BUILTIN_HUAWEI_DEVICE]));
    let data: Value =
        serde_json::from_str(message["data"].as_str().expect("data is a string")).expect("JSON");
    assert_eq!(data, serde_json::json!({ "ext": ext }));
    let android = &message["android"];
    assert_eq!(android["target_user_type"], 1);
    assert_eq!(android["notification"]["title"], "Hello");
    assert_eq!(android["notification"]["body"], "From the test");
    assert_eq!(android["notification"]["click_action"]["type"], 3);
    let result = push_result(&document);
    assert_eq!(result["vendor"], "huawei");
    assert_eq!(result["outcome"], "accepted");
    assert_eq!(result["vendor_code"], 80_000_000);

    // --production: a normal message, no target_user_type.
    let (run, _) = send_huawei_json(dir.path(), BUILTIN_HUAWEI_APP_SECRET, &["--production"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2);
    assert!(!pushes[1].test_mode);
    assert!(pushes[1].payload["message"]["android"]
        .get("target_user_type")
        .is_none());
}

/// A wrong AppSecret: the OAuth server answers HTTP 401 "invalid client"; credential-rejected
/// pointing at `huawei.app-secret`, nothing pushed; the fix passes.
#[test]
fn huawei_wrong_secret_is_credential_rejected() {
    let emu = Emu::start(&[]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let wrong = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    let (run, document) = send_huawei_json(dir.path(), wrong, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    let finding = &document["findings"][0];
    let message = finding["message"].as_str().expect("message");
    assert!(message.contains("HTTP 401"), "{message}");
    assert!(message.contains("invalid client"), "{message}");
    assert_eq!(finding["location"]["pointer"], "/huawei/app-secret");
    let results = results(&document);
    assert_eq!(results.len(), 1, "no push after a refused token request");
    assert_eq!(results[0]["target"], "auth");
    assert!(emu.pushes().is_empty());
    assert!(!run.stdout.contains(wrong) && !run.stderr.contains(wrong));

    let (run, document) = send_huawei_json(dir.path(), BUILTIN_HUAWEI_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "the fix: the AppSecret");
    assert!(rules_of(&document).is_empty());
}

/// A token the app does not know: 80300007 "all tokens invalid", device-token-malformed.
#[test]
fn huawei_unknown_token_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let unknown = "IQAAAACy0kYdAABxunknown";
    let (run, document) =
        send_huawei_json(dir.path(), BUILTIN_HUAWEI_APP_SECRET, &["--to", unknown]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("code 80300007"), "{message}");
    assert!(message.contains(unknown), "{message}");
    assert_eq!(push_result(&document)["vendor_code"], 80_300_007);
    assert!(emu.pushes().is_empty());
}

/// The answer to the send never comes. Huawei documents no de-duplication, so pushdiag does not
/// send again (a second try could push twice): exit 3, and the emulator recorded ONE push.
#[test]
fn huawei_timeout_on_send_is_exit_3_and_pushes_once() {
    let emu = Emu::start(&["huawei/v1/{app-id}/messages:send=timeout*1"]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let (run, document) = send_huawei_json(
        dir.path(),
        BUILTIN_HUAWEI_APP_SECRET,
        &["--timeout", "1s", "-v"],
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "one push, not two");
    assert!(run.stderr.contains("not tried again"), "{}", run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
}

/// `--dry-run` prints the token request and the send and sends nothing; the AppSecret never
/// appears, client_secret and the Bearer token are masked.
#[test]
fn huawei_dry_run_masks_client_secret_and_bearer_token() {
    let secret = "5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e7aaaa";
    let emu = Emu::start(&[]);
    let base = emu.base_of(Vendor::Huawei);
    let dir = huawei_project(&base);
    let run = send_huawei(dir.path(), secret, &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(emu.pushes().is_empty());
    assert!(
        run.stderr.contains("dry run: nothing was sent"),
        "{}",
        run.stderr
    );
    let requests: Vec<&str> = run.stdout.split("\n\nPOST ").collect();
    assert_eq!(requests.len(), 2, "{}", run.stdout);
    assert!(requests[0].starts_with(&format!(
        "POST {base}/oauth2/v3/token\nContent-Type: application/x-www-form-urlencoded\n\n"
    )));
    assert!(requests[1].starts_with(&format!(
        "{base}/v1/{BUILTIN_HUAWEI_APP_ID}/messages:send\nContent-Type: application/json\nAuthorization: Bearer ********\n\n"
    )));
    let auth_body = requests[0].lines().last().expect("auth body");
    assert_eq!(form_field(auth_body, "grant_type"), "client_credentials");
    assert_eq!(form_field(auth_body, "client_id"), BUILTIN_HUAWEI_APP_ID);
    assert_eq!(form_field(auth_body, "client_secret"), "********");
    let send: Value =
        serde_json::from_str(requests[1].lines().last().expect("send body")).expect("JSON");
    assert_eq!(send["message"]["android"]["target_user_type"], 1);
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains(secret));
    }
}

/// `pushdiag explain huawei 80300007` and the success code.
#[test]
fn explain_huawei_codes() {
    let output = pushdiag()
        .args(["explain", "huawei", "80300007"])
        .output()
        .expect("ran");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.contains("device-token-malformed"), "{stdout}");
    let output = pushdiag()
        .args(["explain", "huawei", "80000000"])
        .output()
        .expect("ran");
    assert!(String::from_utf8_lossy(&output.stdout).contains("an accepted result"));
}

/// `--emulated` with no [huawei] section: the built-in app and token, one accepted push.
#[test]
fn huawei_emulated_without_config_uses_the_builtin_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = pushdiag()
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .args([
            "--emulated",
            "send-test",
            "--vendor",
            "huawei",
            "--format",
            "json",
        ])
        .output()
        .expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("built-in app 100000003"), "{stderr}");
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(push_result(&document)["outcome"], "accepted");
}

// Honor (vendors-cn.md §6): OAuth client credentials (Client ID and Secret) for a Bearer token,
// `sendMessage` with a `timestamp` header and an unwrapped camelCase body, `targetUserType` 1
// unless --production, no de-duplication, and no published error codes.

/// A project folder whose pushdiag.toml points Honor's API and OAuth server at `endpoint`, with
/// the built-in app's ids and the Client Secret read from `HONOR_CLIENT_SECRET`.
fn honor_project(endpoint: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "[honor]\nbusiness-id = 10006\napp-id = \"{BUILTIN_HONOR_APP_ID}\"\nclient-id = \"{BUILTIN_HONOR_CLIENT_ID}\"\nclient-secret = {{ env = \"HONOR_CLIENT_SECRET\" }}\ntest-devices = [\"{BUILTIN_HONOR_DEVICE}\"]\nendpoint = \"{endpoint}\"\nauth-endpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

/// `pushdiag send-test --vendor honor ARGS` in `dir`, `secret` as `HONOR_CLIENT_SECRET`.
fn send_honor(dir: &Path, secret: &str, args: &[&str]) -> Run {
    send_as("honor", "HONOR_CLIENT_SECRET", dir, secret, args)
}

fn send_honor_json(dir: &Path, secret: &str, args: &[&str]) -> (Run, Value) {
    send_as_json("honor", "HONOR_CLIENT_SECRET", dir, secret, args)
}

/// An accepted Honor test message, recorded once: the body is not wrapped in `message`,
/// `targetUserType` 1, clickAction type 3, importance NORMAL, `data` = `{"ext": <Ext>}`.
#[test]
fn honor_test_message_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let (run, document) = send_honor_json(
        dir.path(),
        BUILTIN_HONOR_CLIENT_SECRET,
        &["--title", "Hello", "--desc", "From the test", "--ext", ext],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    let push = &pushes[0];
    assert_eq!(push.vendor, Vendor::Honor);
    assert_eq!(push.app_id, BUILTIN_HONOR_APP_ID);
    assert_eq!(push.target, BUILTIN_HONOR_DEVICE);
    assert_eq!(push.ext.as_deref(), Some(ext));
    assert!(push.test_mode);
    let body = &push.payload;
    assert!(body.get("message").is_none(), "{body}");
    assert_eq!(body["token"], serde_json::json!([BUILTIN_HONOR_DEVICE]));
    let data: Value =
        serde_json::from_str(body["data"].as_str().expect("data is a string")).expect("JSON");
    assert_eq!(data, serde_json::json!({ "ext": ext }));
    let android = &body["android"];
    assert_eq!(android["targetUserType"], 1);
    assert_eq!(android["notification"]["title"], "Hello");
    assert_eq!(android["notification"]["body"], "From the test");
    assert_eq!(android["notification"]["clickAction"]["type"], 3);
    assert_eq!(android["notification"]["importance"], "NORMAL");
    let result = push_result(&document);
    assert_eq!(result["vendor"], "honor");
    assert_eq!(result["outcome"], "accepted");
    assert_eq!(result["vendor_code"], 200);

    let (run, _) = send_honor_json(dir.path(), BUILTIN_HONOR_CLIENT_SECRET, &["--production"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2);
    assert!(!pushes[1].test_mode);
    assert!(pushes[1].payload["android"].get("targetUserType").is_none());
}

/// A wrong Client Secret: HTTP 401 `invalid_client`; credential-rejected pointing at
/// `honor.client-secret`, nothing pushed; the fix passes.
#[test]
fn honor_wrong_secret_is_credential_rejected() {
    let emu = Emu::start(&[]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let wrong = "00000000000000000000000000000bad";
    let (run, document) = send_honor_json(dir.path(), wrong, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    let finding = &document["findings"][0];
    let message = finding["message"].as_str().expect("message");
    assert!(message.contains("HTTP 401"), "{message}");
    assert!(message.contains("invalid_client"), "{message}");
    assert_eq!(finding["location"]["pointer"], "/honor/client-secret");
    assert_eq!(
        results(&document).len(),
        1,
        "no push after a refused token request"
    );
    assert!(emu.pushes().is_empty());
    assert!(!run.stdout.contains(wrong) && !run.stderr.contains(wrong));

    let (run, _) = send_honor_json(dir.path(), BUILTIN_HONOR_CLIENT_SECRET, &[]);
    assert_eq!(run.code, 0, "the fix: the Client Secret");
}

/// A token the app does not know comes back in `failTokens`: device-token-malformed, with
/// Honor's raw code and the note that Honor publishes no code list.
#[test]
fn honor_unknown_token_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let unknown = "104000006_honor_unknown";
    let (run, document) =
        send_honor_json(dir.path(), BUILTIN_HONOR_CLIENT_SECRET, &["--to", unknown]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("failTokens"), "{message}");
    assert!(message.contains(unknown), "{message}");
    assert!(emu.pushes().is_empty());
}

/// The answer to the send never comes. Honor documents no de-duplication, so pushdiag does not
/// send again: exit 3, and the emulator recorded ONE push.
#[test]
fn honor_timeout_on_send_is_exit_3_and_pushes_once() {
    let emu = Emu::start(&["honor/api/v1/{app-id}/sendMessage=timeout*1"]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let (run, document) = send_honor_json(
        dir.path(),
        BUILTIN_HONOR_CLIENT_SECRET,
        &["--timeout", "1s", "-v"],
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "one push, not two");
    assert!(run.stderr.contains("not tried again"), "{}", run.stderr);
    assert_eq!(push_result(&document)["outcome"], "unreachable");
}

/// `--dry-run`: the token request and the send, nothing sent; client_secret and the Bearer
/// token masked, the `timestamp` header shown.
#[test]
fn honor_dry_run_masks_client_secret_and_bearer_token() {
    let secret = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    let emu = Emu::start(&[]);
    let base = emu.base_of(Vendor::Honor);
    let dir = honor_project(&base);
    let run = send_honor(dir.path(), secret, &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(emu.pushes().is_empty());
    let requests: Vec<&str> = run.stdout.split("\n\nPOST ").collect();
    assert_eq!(requests.len(), 2, "{}", run.stdout);
    assert!(requests[0].starts_with(&format!(
        "POST {base}/auth/token\nContent-Type: application/x-www-form-urlencoded\n\n"
    )));
    assert!(requests[1].starts_with(&format!(
        "{base}/api/v1/{BUILTIN_HONOR_APP_ID}/sendMessage\nContent-Type: application/json\nAuthorization: Bearer ********\ntimestamp: "
    )));
    let auth_body = requests[0].lines().last().expect("auth body");
    assert_eq!(form_field(auth_body, "client_id"), BUILTIN_HONOR_CLIENT_ID);
    assert_eq!(form_field(auth_body, "client_secret"), "********");
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains(secret));
    }
}

/// `pushdiag explain honor 200`: Honor publishes no code list, and pushdiag says so.
#[test]
fn explain_honor_says_there_is_no_code_list() {
    let output = pushdiag()
        .args(["explain", "honor", "200"])
        .output()
        .expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("Honor publishes no list of error codes"),
        "{stderr}"
    );
}

/// APNs answers a sandbox token on the production endpoint with 400 BadDeviceToken
/// (apns-fcm-tim.md A.8): the finding names the environment mismatch, and the fix (the same token
/// to the sandbox) passes. More APNs cases are in `apns.rs`.
#[test]
fn apns_sandbox_token_sent_to_production_is_device_token_environment_mismatch() {
    use crate::apns::{project, send, Emu, BUNDLE, KEY_ID, TEAM_ID};
    use pushdiag::emulator::BUILTIN_APNS_SANDBOX_DEVICE;
    let emu = Emu::start();
    let dir = project(&emu.production(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let (run, document) = send(
        dir.path(),
        &["--production", "--to", BUILTIN_APNS_SANDBOX_DEVICE],
    );
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(rules_of(&document), ["device-token-environment-mismatch"]);
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("BadDeviceToken"), "{message}");
    assert!(
        message.contains("production (--production was given)"),
        "{message}"
    );
    assert!(emu.pushes().is_empty());

    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let (run, document) = send(dir.path(), &["--to", BUILTIN_APNS_SANDBOX_DEVICE]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty());
    assert_eq!(emu.pushes().len(), 1);
}

/// Puts the app's package at the top of `dir`'s pushdiag.toml.
fn with_package(dir: &tempfile::TempDir, package: &str) {
    let path = dir.path().join("pushdiag.toml");
    let toml = std::fs::read_to_string(&path).expect("config");
    std::fs::write(&path, format!("package = \"{package}\"\n\n{toml}")).expect("write config");
}

/// `--profile flutter`: on vivo, OPPO and Honor a tap opens the Flutter push plugin's activity,
/// as Tencent's Flutter guide sets the IM console (tim-vendor-payloads.md §3, §4, §7), and each
/// emulator accepts that click setting; the uni-app profile opens the app.
#[test]
fn flutter_profile_opens_the_flutter_plugins_activity() {
    const PACKAGE: &str = "com.example.flutterchat";
    let emu = Emu::start(&[]);
    let flutter = ["--profile", "flutter"];

    let dir = project(&emu.base_of(Vendor::Vivo));
    with_package(&dir, PACKAGE);
    let (run, _) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &flutter);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let vivo = &emu.pushes()[0].payload;
    assert_eq!(vivo["skipType"], 4, "{vivo}");
    assert_eq!(
        vivo["skipContent"],
        format!("tencent_im_push://{PACKAGE}/message?#Intent;scheme=tencent_im_push;launchFlags=0x4000000;end")
    );
    let (run, _) = send_json(dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(emu.pushes()[1].payload["skipType"], 1);

    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    with_package(&dir, PACKAGE);
    let (run, _) = send_oppo_json(dir.path(), BUILTIN_OPPO_MASTER_SECRET, &flutter);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let oppo = &emu.pushes()[2].payload["notification"];
    assert_eq!(oppo["click_action_type"], 4, "{oppo}");
    assert_eq!(
        oppo["click_action_activity"],
        "com.tencent.flutter.tim_ui_kit_push_plugin.pushActivity.OPPOMessageActivity"
    );

    let dir = honor_project(&emu.base_of(Vendor::Honor));
    with_package(&dir, PACKAGE);
    let (run, _) = send_honor_json(dir.path(), BUILTIN_HONOR_CLIENT_SECRET, &flutter);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let click = &emu.pushes()[3].payload["android"]["notification"]["clickAction"];
    assert_eq!(click["type"], 1, "{click}");
    let intent = click["intent"].as_str().expect("intent");
    assert!(
        intent.starts_with(&format!(
            "tencent_im_push://{PACKAGE}/honorMessage?#Intent;"
        )),
        "{intent}"
    );
    // The ext rides along as the intent's `ext` extra, percent-encoded, before `;end`.
    assert!(
        intent.contains(";S.ext=%7B%22conversationID%22"),
        "{intent}"
    );
    assert!(intent.ends_with(";end"), "{intent}");
}
