//! `pushdiag send-test --vendor vivo` (and `--vendor oppo`, `--vendor xiaomi`, `--vendor meizu`, `--vendor huawei` and `--vendor honor`, at the end) end to end against the emulator, started here in the test
//! process on 127.0.0.1 (as `pushdiag emulate` would serve it) with the config's endpoint pointing
//! at it: results, findings, retries and faults, `--dry-run`, the ext lint, secrets, and
//! `pushdiag explain vivo CODE` and `pushdiag emulate` themselves.
//!
//! What each run prints is a snapshot (`snapshots/cli__send_test__<test>.snap`, see `snap.rs`),
//! with the pushes the emulator recorded where the request's shape is the point; exit codes,
//! rules, the number of pushes and the absence of secrets are asserted here as well.
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
use crate::snap::{assert_absent, assert_snap, line, Snap};
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

/// The ext of the tests that send one of their own.
const EXT: &str = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;

/// `--title Hello --desc 'From the test' --ext EXT`.
const HELLO: [&str; 6] = ["--title", "Hello", "--desc", "From the test", "--ext", EXT];

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
/// no variable that could point the vendor elsewhere; adds it to `snap`.
fn send_as(
    snap: &mut Snap,
    (vendor, secret_var): (&str, &str),
    dir: &Path,
    secret: &str,
    args: &[&str],
) -> Run {
    snap.path(dir, "[PROJECT]");
    snap.command(
        &format!("pushdiag send-test --vendor {vendor} {}", line(args)),
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
    snap: &mut Snap,
    vendor: (&str, &str),
    dir: &Path,
    secret: &str,
    args: &[&str],
) -> (Run, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = send_as(snap, vendor, dir, secret, &all);
    let document = run.json();
    (run, document)
}

const VIVO: (&str, &str) = ("vivo", "VIVO_APP_SECRET");
const OPPO: (&str, &str) = ("oppo", "OPPO_MASTER_SECRET");
const XIAOMI: (&str, &str) = ("xiaomi", "XIAOMI_APP_SECRET");
const MEIZU: (&str, &str) = ("meizu", "MEIZU_APP_SECRET");
const HUAWEI: (&str, &str) = ("huawei", "HUAWEI_APP_SECRET");
const HONOR: (&str, &str) = ("honor", "HONOR_CLIENT_SECRET");

/// `pushdiag send-test --vendor vivo ARGS` in `dir`, `secret` as `VIVO_APP_SECRET`.
fn send_test(snap: &mut Snap, dir: &Path, secret: &str, args: &[&str]) -> Run {
    send_as(snap, VIVO, dir, secret, args)
}

fn send_json(snap: &mut Snap, dir: &Path, secret: &str, args: &[&str]) -> (Run, Value) {
    send_as_json(snap, VIVO, dir, secret, args)
}

/// `pushdiag ARGS --format json` in an empty folder, with no config.
fn emulated_without_config(snap: &mut Snap, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    snap.path(dir.path(), "[CWD]");
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    snap.with(
        pushdiag()
            .current_dir(dir.path())
            .env_remove("PUSHDIAG_CONFIG")
            .env_remove("PUSHDIAG_PACKAGE"),
        &args,
    )
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

/// A port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// An accepted push to `vendor`'s test device with [`HELLO`]: exit 0, no finding, ONE push whose
/// id is the result's; the snapshot shows the report and the push as the vendor received it.
fn accepted_push(emu: &Emu, vendor: (&str, &str), dir: &Path, secret: &str) -> Snap {
    let mut snap = Snap::new();
    let (run, document) = send_as_json(&mut snap, vendor, dir, secret, &HELLO);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    // The result's id is the one the vendor gave the push (Huawei's too: its emulator once
    // answered with another requestId than the one it recorded).
    let id = &push_result(&document)["message_id"];
    assert_eq!(id, pushes[0].task_id.as_str());
    snap.pushes(&pushes);
    snap
}

/// A wrong secret is `credential-rejected` (exit 1), nothing is pushed and the wrong secret is
/// never shown; the fix (the right one) passes.
fn wrong_secret(emu: &Emu, vendor: (&str, &str), dir: &Path, wrong: &str, right: &str) -> Snap {
    let mut snap = Snap::new();
    let (run, document) = send_as_json(&mut snap, vendor, dir, wrong, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    assert!(emu.pushes().is_empty());
    assert_absent(&run, wrong);
    let (run, document) = send_as_json(&mut snap, vendor, dir, right, &[]);
    assert_eq!(run.code, 0, "the fix: the right secret");
    assert!(rules_of(&document).is_empty());
    snap
}

/// A device the app does not know is `device-token-malformed` (exit 1), nothing pushed.
fn unknown_device(emu: &Emu, vendor: (&str, &str), dir: &Path, secret: &str, to: &str) -> Snap {
    let mut snap = Snap::new();
    let (run, document) = send_as_json(&mut snap, vendor, dir, secret, &["--to", to]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    assert!(emu.pushes().is_empty());
    snap
}

/// A send with `args` whose answer is unknown (exit 3), after which the emulator holds `pushes`.
fn unknown_answer(
    emu: &Emu,
    vendor: (&str, &str),
    dir: &Path,
    secret: &str,
    (args, pushes): (&[&str], usize),
) -> Snap {
    let mut snap = Snap::new();
    let run = send_as(&mut snap, vendor, dir, secret, args);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), pushes, "pushes");
    snap
}

/// A send with `args` that is accepted after a try was refused: ONE push.
fn retried_and_accepted(emu: &Emu, vendor: (&str, &str), dir: &Path, secret: &str) -> Snap {
    let mut snap = Snap::new();
    let run = send_as(&mut snap, vendor, dir, secret, &["-v"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1, "one push");
    snap
}

/// A `--dry-run` of `vendor`: exit 0, nothing sent, `secret` shown nowhere.
fn dry_run(emu: &Emu, vendor: (&str, &str), dir: &Path, secret: &str, args: &[&str]) -> Snap {
    let mut snap = Snap::new();
    let mut all = vec!["--dry-run"];
    all.extend_from_slice(args);
    let run = send_as(&mut snap, vendor, dir, secret, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(emu.pushes().is_empty());
    assert_absent(&run, secret);
    snap
}

/// `pushdiag ARGS` for each (args, exit code).
fn explain(cases: &[(&[&str], i32)]) -> Snap {
    let mut snap = Snap::new();
    for (args, code) in cases {
        let run = snap.pushdiag(args);
        assert_eq!(run.code, *code, "{args:?}: {}", run.stderr);
    }
    snap
}

/// The push of a test device in test mode: accepted and recorded once, with the body pushdiag
/// promises (tim-vendor-payloads.md §3: the ext as a string in `clientCustomMap.ext`, `appId` an
/// integer, `pushMode` 1, a UUID `requestId`).
#[test]
fn test_mode_push_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let snap = accepted_push(&emu, VIVO, dir.path(), BUILTIN_VIVO_APP_SECRET);
    assert!(emu.pushes()[0].test_mode);
    assert_snap!(snap);
}

/// Every `results` entry has exactly the contract's fields (cli-contract.md, docs/output.md);
/// the human output has one line per result.
#[test]
fn json_results_have_every_contract_field() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let mut snap = Snap::new();
    let (run, document) = send_json(&mut snap, dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(results(&document).len(), 2, "auth and one push");
    let run = send_test(&mut snap, dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 0);
    assert_snap!(snap);
}

/// vivo lets an app under review push only in test mode; the emulator's built-in apps are under
/// review, so a formal push gets 10045. The fix (test mode) passes.
#[test]
fn production_push_from_an_app_under_review_is_push_rejected_10045() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let mut snap = Snap::new();
    let (run, document) = send_json(
        &mut snap,
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--production"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["push-rejected"]);
    assert!(emu.pushes().is_empty());

    let (run, document) = send_json(&mut snap, dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 0, "the fix: test mode");
    assert!(rules_of(&document).is_empty());
    assert_snap!(snap);
}

/// 10302 with `invalidUser.status`: 1 for a regId the app does not know, 4 for a device that is
/// not a test device in test mode. The fix (a test device) passes.
#[test]
fn unknown_reg_id_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let secret = BUILTIN_VIVO_APP_SECRET;
    let mut snap = unknown_device(&emu, VIVO, dir.path(), secret, "11111111111111111111111");
    let (run, document) = send_json(
        &mut snap,
        dir.path(),
        secret,
        &["--to", BUILTIN_VIVO_DEVICE],
    );
    assert_eq!(run.code, 1);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    assert!(emu.pushes().is_empty());

    let to = ["--to", BUILTIN_VIVO_TEST_DEVICE];
    let (run, document) = send_json(&mut snap, dir.path(), secret, &to);
    assert_eq!(run.code, 0, "the fix: a test device");
    assert!(rules_of(&document).is_empty());
    assert_snap!(snap);
}

/// A wrong AppSecret makes a wrong sign: 10206, pointing at the config key (`/vivo/app-secret`,
/// line 5). Nothing is pushed, not even tried after the refused authentication. The fix (the
/// right secret) passes.
#[test]
fn wrong_secret_is_credential_rejected_10206() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let wrong = "ffffffffffffffffffffffffffffffff";
    let snap = wrong_secret(&emu, VIVO, dir.path(), wrong, BUILTIN_VIVO_APP_SECRET);
    assert_snap!(snap);
}

/// The answer to the first send never comes. vivo documents no de-duplication, so the send may
/// have arrived: pushdiag does not send again (one push at most), and the answer is unknown
/// (exit 3), with a note on what to check.
#[test]
fn timeout_on_send_is_not_retried_and_pushes_once() {
    let emu = Emu::start(&["vivo/message/send=timeout*1"]);
    let dir = project(&emu.base());
    let args: &[&str] = &["--format", "json", "--timeout", "1s", "-v"];
    let snap = unknown_answer(&emu, VIVO, dir.path(), BUILTIN_VIVO_APP_SECRET, (args, 1));
    assert_snap!(snap);
}

/// A connection reset after the push was handled: not sent again either, exit 3, one push.
#[test]
fn reset_on_send_is_not_retried_and_pushes_once() {
    let emu = Emu::start(&["vivo/message/send=reset*1"]);
    let dir = project(&emu.base());
    let args: &[&str] = &["--format", "json", "-v"];
    let snap = unknown_answer(&emu, VIVO, dir.path(), BUILTIN_VIVO_APP_SECRET, (args, 1));
    assert_snap!(snap);
}

/// A refused try (503, 429) is sent again: it cannot have been taken. One push.
#[test]
fn a_503_on_send_is_retried_and_pushes_once() {
    let emu = Emu::start(&["vivo/message/send=status:503*1"]);
    let dir = project(&emu.base());
    let snap = retried_and_accepted(&emu, VIVO, dir.path(), BUILTIN_VIVO_APP_SECRET);
    assert_snap!(snap);
}

/// 503 on every try: the answer is unknown, exit 3, no finding (the vendor did not say no),
/// nothing pushed.
#[test]
fn status_503_on_every_try_is_exit_3() {
    let emu = Emu::start(&["vivo/message/send=status:503*5"]);
    let dir = project(&emu.base());
    let args: &[&str] = &["--format", "json"];
    let snap = unknown_answer(&emu, VIVO, dir.path(), BUILTIN_VIVO_APP_SECRET, (args, 0));
    assert_snap!(snap);
}

/// 503 and 429 on the authentication are retried (honouring Retry-After); the push goes out.
#[test]
fn auth_is_retried_after_503_and_429() {
    let emu = Emu::start(&[
        "vivo/message/auth=status:503*1",
        "vivo/message/auth=429:1*1",
    ]);
    let dir = project(&emu.base());
    let snap = retried_and_accepted(&emu, VIVO, dir.path(), BUILTIN_VIVO_APP_SECRET);
    assert_snap!(snap);
}

/// A body that is not vivo's JSON after the push was handled: the answer is unknown (exit 3), and
/// pushdiag never sends again, so there is never a second push.
#[test]
fn garbage_answer_is_exit_3_and_never_a_second_push() {
    let emu = Emu::start(&["vivo/message/send=garbage"]);
    let dir = project(&emu.base());
    let args: &[&str] = &["--format", "json", "-v"];
    let snap = unknown_answer(&emu, VIVO, dir.path(), BUILTIN_VIVO_APP_SECRET, (args, 1));
    assert_snap!(snap);
}

/// Nothing listens: exit 3, the answer is unknown.
#[test]
fn unreachable_endpoint_is_exit_3() {
    let dir = project(&format!("http://127.0.0.1:{}/vivo", closed_port()));
    let mut snap = Snap::new();
    let args = ["--format", "json", "--retries", "1"];
    let run = send_test(&mut snap, dir.path(), BUILTIN_VIVO_APP_SECRET, &args);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_snap!(snap);
}

/// `--dry-run` prints the exact requests and sends nothing; the secret never appears, and the
/// sign and authToken are masked. `--format json` gives the same requests as data.
#[test]
fn dry_run_prints_the_requests_masked_and_sends_nothing() {
    let secret = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    let dir = project("https://api-push.vivo.com.cn");
    let mut snap = Snap::new();
    let args = ["--dry-run", "--ext", EXT, "--title", "Hi", "--desc", "Body"];
    let run = send_test(&mut snap, dir.path(), secret, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Neither the secret nor the real sign for the printed timestamp appears anywhere.
    let timestamp: i64 = run
        .stdout
        .split("\"timestamp\":")
        .nth(1)
        .and_then(|t| t.split(',').next())
        .and_then(|t| t.parse().ok())
        .expect("timestamp");
    let sign =
        pushdiag::vendors::vivo::sign(10004, BUILTIN_VIVO_APP_KEY, timestamp, &Secret::new(secret));
    assert_absent(&run, secret);
    assert_absent(&run, &sign);

    let (run, _) = send_json(&mut snap, dir.path(), secret, &["--dry-run", "--ext", EXT]);
    assert_eq!(run.code, 0);
    assert_absent(&run, secret);
    assert_snap!(snap);
}

/// `--dry-run` sends nothing, even with an emulator listening.
#[test]
fn dry_run_sends_nothing() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let snap = dry_run(&emu, VIVO, dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_snap!(snap);
}

/// The secret never reaches any output: human, JSON and `-v`, accepted and refused, dry run.
#[test]
fn secrets_never_reach_any_output() {
    let secret = "7a1c0ffee7a1c0ffee7a1c0ffee7a1c0";
    let key = "11111111-2222-4333-8444-555555555555";
    let mut app = App::new(Vendor::Vivo, "20001", key, Secret::new(secret));
    app.test_devices = vec![BUILTIN_VIVO_TEST_DEVICE.to_owned()];
    let emu = Emu::with_registry(Registry { apps: vec![app] }, &[]);
    let dir = project_with(&emu.base(), "20001", key);
    let cases: [&[&str]; 6] = [
        &[],
        &["-v"],
        &["--format", "json", "-v"],
        &["--dry-run", "-v"],
        &["--format", "json", "--dry-run"],
        &["--production", "--to", "nope", "-vv"],
    ];
    let mut snap = Snap::new();
    for args in cases {
        let run = send_test(&mut snap, dir.path(), secret, args);
        assert!(matches!(run.code, 0 | 1), "{args:?}: {}", run.stderr);
        assert_absent(&run, secret);
    }
    assert_eq!(
        emu.pushes().len(),
        3,
        "the three runs that are not dry runs or refused pushed"
    );
    assert_snap!(snap);
}

/// A broken --ext is refused with the lint finding, and nothing is sent, unless --force.
#[test]
fn broken_ext_is_refused_unless_forced() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let mut snap = Snap::new();
    let secret = BUILTIN_VIVO_APP_SECRET;
    let (run, document) = send_json(&mut snap, dir.path(), secret, &["--ext", "{entity: {}}"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["ext-invalid-json"]);
    assert!(results(&document).is_empty(), "nothing attempted");
    assert!(emu.pushes().is_empty());

    // A valid ext the profile refuses (no entity for uni-app) is refused too.
    let (run, document) = send_json(&mut snap, dir.path(), secret, &["--ext", "{}"]);
    assert_eq!(run.code, 1);
    assert_eq!(rules_of(&document), ["ext-missing-entity"]);
    assert!(emu.pushes().is_empty());

    // --force sends it anyway; the finding is still reported.
    let args = ["--ext", "{entity: {}}", "--force"];
    let (run, document) = send_json(&mut snap, dir.path(), secret, &args);
    assert_eq!(run.code, 1, "the ext is still broken: {}", run.stderr);
    assert_eq!(rules_of(&document), ["ext-invalid-json"]);
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].ext.as_deref(), Some("{entity: {}}"));
    assert_snap!(snap);
}

/// `--title` and `--desc` meet the vendor's documented limits before anything is sent: a 41-
/// character title for vivo (at most 40, `vendors-cn.md` §1.3) is `title-too-long`, nothing is
/// sent; 40 characters pass.
#[test]
fn a_title_over_the_vendors_limit_is_refused_before_sending() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let mut snap = Snap::new();
    let long = "标".repeat(41);
    let (run, document) = send_json(
        &mut snap,
        dir.path(),
        BUILTIN_VIVO_APP_SECRET,
        &["--title", &long],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&document), ["title-too-long"]);
    assert!(emu.pushes().is_empty());
    let args = ["--title", &"标".repeat(40), "--desc", &"x".repeat(100)];
    let (run, _) = send_json(&mut snap, dir.path(), BUILTIN_VIVO_APP_SECRET, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(emu.pushes().len(), 1);
    assert_snap!(snap);
}

/// The default ext passes the lint for every profile, so a plain `send-test` is never refused.
#[test]
fn default_ext_passes_every_profile() {
    let emu = Emu::start(&[]);
    let dir = project(&emu.base());
    let mut snap = Snap::new();
    for profile in ["uniapp", "flutter", "json"] {
        let args = ["--profile", profile];
        let (run, document) = send_json(&mut snap, dir.path(), BUILTIN_VIVO_APP_SECRET, &args);
        assert_eq!(run.code, 0, "{profile}: {document:#}");
        assert!(rules_of(&document).is_empty(), "{profile}: {document:#}");
    }
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 3);
    assert_snap!(snap.pushes(&pushes));
}

/// `--emulated` with no config at all uses the built-in app and its test device, and says so.
#[test]
fn emulated_without_config_uses_the_builtin_app() {
    let mut snap = Snap::new();
    let run = emulated_without_config(&mut snap, &["send-test", "--vendor", "vivo", "--emulated"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(push_result(&run.json())["target"], BUILTIN_VIVO_TEST_DEVICE);
    assert_snap!(snap);
}

/// `--emulated` with the example projects as they are: their ids match the built-in apps, and
/// the documented VIVO_APP_SECRET value opens them.
#[test]
fn emulated_works_with_the_example_projects() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut snap = Snap::new();
    for example in ["examples/uniapp-chat", "examples/flutter-chat"] {
        let config = root.join(example).join("pushdiag.toml");
        let args = ["--emulated", "--config", config.to_str().expect("UTF-8")];
        let run = send_test(&mut snap, root, BUILTIN_VIVO_APP_SECRET, &args);
        assert_eq!(run.code, 0, "{example}: {}\n{}", run.stdout, run.stderr);
    }
    assert_snap!(snap);
}

/// Without a config and without --emulated, pushdiag cannot send: exit 2, naming what is missing
/// (`vivo.app-id`, `vivo.app-key`, `vivo.app-secret`, `PUSHDIAG_VIVO_APP_SECRET`, `--emulated`).
/// An http:// endpoint off loopback is refused before anything is sent.
#[test]
fn no_config_and_not_emulated_is_exit_2_naming_what_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut snap = Snap::new();
    snap.path(dir.path(), "[CWD]");
    let run = snap.with(
        pushdiag()
            .current_dir(dir.path())
            .env_remove("PUSHDIAG_CONFIG")
            .env_remove("PUSHDIAG_VIVO_APP_ID")
            .env_remove("PUSHDIAG_VIVO_APP_KEY")
            .env_remove("PUSHDIAG_VIVO_APP_SECRET"),
        &["send-test", "--vendor", "vivo"],
    );
    assert_eq!(run.code, 2);
    let dir = project("http://192.0.2.1/vivo");
    let run = send_test(&mut snap, dir.path(), BUILTIN_VIVO_APP_SECRET, &[]);
    assert_eq!(run.code, 2);
    assert_snap!(snap);
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
        &Secret::new("a1b2c3d4e5f60718293a4b5c6d7e8f90"),
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
    let snap = explain(&[
        (&["explain", "vivo", "10302"], 0),
        (&["explain", "vivo", "10206"], 0),
        (&["explain", "vivo"], 0),
        (&["explain", "vivo", "12345"], 2),
        (&["explain", "vivo", "abc"], 2),
        (&["explain", "honor", "80300002"], 2),
        (&["explain", "nokia", "1"], 2),
        (&["explain", "push-rejected"], 0),
        (&["explain", "--list"], 0),
    ]);
    assert_snap!(snap);
}

/// `pushdiag emulate` refuses a non-loopback address.
#[test]
fn emulate_refuses_non_loopback() {
    let snap = explain(&[(&["emulate", "--listen", "0.0.0.0:7700"], 2)]);
    assert_snap!(snap);
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

/// The value of `key` in a form-encoded body.
fn form_field(body: &str, key: &str) -> String {
    let url = reqwest::Url::parse(&format!("http://localhost/?{body}")).expect("form");
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no {key} in {body}"))
}

/// An accepted OPPO push, recorded once, with the body pushdiag promises: target_type 2, the
/// channel from `[oppo] channel-id`, and `action_parameters` as tim-vendor-payloads.md §4 says
/// (`ext` plus the Ext's top-level members as strings); stderr notes OPPO has no test mode.
#[test]
fn oppo_push_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let snap = accepted_push(&emu, OPPO, dir.path(), BUILTIN_OPPO_MASTER_SECRET);
    assert_snap!(snap);
}

/// A wrong MasterSecret (here the kind of mistake check-config warns of: another secret) makes
/// a wrong sign: code 16, pointing at `oppo.master-secret`. Nothing is pushed; the fix passes.
#[test]
fn oppo_wrong_master_secret_is_credential_rejected_16() {
    let emu = Emu::start(&[]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let wrong = "ffffffffffffffffffffffffffffffff";
    let snap = wrong_secret(&emu, OPPO, dir.path(), wrong, BUILTIN_OPPO_MASTER_SECRET);
    assert_snap!(snap);
}

/// A regId the app does not know: code 10000, device-token-malformed; a known one passes.
#[test]
fn oppo_unknown_reg_id_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let secret = BUILTIN_OPPO_MASTER_SECRET;
    let unknown = "CN_ffffffffffffffffffffffffffffffff";
    let mut snap = unknown_device(&emu, OPPO, dir.path(), secret, unknown);
    let to = ["--to", BUILTIN_OPPO_DEVICE];
    let (run, _) = send_as_json(&mut snap, OPPO, dir.path(), secret, &to);
    assert_eq!(run.code, 0, "the fix: a known regId");
    assert_snap!(snap);
}

/// The answer to the first send never comes: pushdiag sends again with the SAME
/// app_message_id, which OPPO (and the emulator) delivers once, so the phone gets ONE push.
#[test]
fn oppo_timeout_on_send_is_retried_with_the_same_app_message_id_and_pushes_once() {
    let emu = Emu::start(&["oppo/server/v1/message/notification/unicast=timeout*1"]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let mut snap = Snap::new();
    let args = ["--timeout", "1s", "-v"];
    let (run, document) = send_as_json(
        &mut snap,
        OPPO,
        dir.path(),
        BUILTIN_OPPO_MASTER_SECRET,
        &args,
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "one push, not two");
    assert_eq!(
        push_result(&document)["message_id"],
        pushes[0].task_id.as_str()
    );
    assert_snap!(snap);
}

/// OPPO's "service unavailable" (-1) on every send: the answer is unknown, exit 3, no push.
#[test]
fn oppo_busy_is_exit_3() {
    let emu = Emu::start(&["oppo/server/v1/message/notification/unicast=busy*5"]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let args: &[&str] = &["--format", "json"];
    let snap = unknown_answer(
        &emu,
        OPPO,
        dir.path(),
        BUILTIN_OPPO_MASTER_SECRET,
        (args, 0),
    );
    assert_snap!(snap);
}

/// `--dry-run` prints the exact form bodies and sends nothing; the MasterSecret never appears,
/// and the sign and auth_token are masked. `--production` means nothing for OPPO: a note.
#[test]
fn oppo_dry_run_masks_sign_and_auth_token() {
    let secret = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    let emu = Emu::start(&[]);
    let dir = oppo_project(&emu.base_of(Vendor::Oppo));
    let mut snap = Snap::new();
    let run = send_as(
        &mut snap,
        OPPO,
        dir.path(),
        secret,
        &["--dry-run", "--production"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(emu.pushes().is_empty());
    // Neither the MasterSecret nor the real sign for the printed timestamp appears anywhere.
    let auth_body = run
        .stdout
        .split("\n\nPOST ")
        .next()
        .and_then(|r| r.lines().last());
    let timestamp = form_field(auth_body.expect("auth body"), "timestamp");
    let timestamp = timestamp.parse().expect("timestamp");
    let sign = pushdiag::vendors::oppo::sign(BUILTIN_OPPO_APP_KEY, timestamp, &Secret::new(secret));
    assert_absent(&run, secret);
    assert_absent(&run, &sign);
    assert_snap!(snap);
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
        &Secret::new("89abcdef0123456789abcdef01234567"),
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

/// `pushdiag explain oppo 16`: the MasterSecret, not the AppSecret; -1 counts as unknown.
#[test]
fn explain_oppo_codes() {
    let snap = explain(&[
        (&["explain", "oppo", "16"], 0),
        (&["explain", "oppo", "--", "-1"], 0),
    ]);
    assert_snap!(snap);
}

/// `--emulated` with no [oppo] section: the built-in app and device, one accepted push.
#[test]
fn oppo_emulated_without_config_uses_the_builtin_app() {
    let mut snap = Snap::new();
    let run = emulated_without_config(&mut snap, &["--emulated", "send-test", "--vendor", "oppo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snap!(snap);
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

/// An accepted Xiaomi push, recorded once, with the form pushdiag promises: the package, a
/// notification, `extra.ext` the Ext string (tim-vendor-payloads.md §5), `extra.channel_id`
/// from `[xiaomi] channel-id`, and no `extra.notify_effect` (Tencent's "open app" mode). No
/// authentication call: Xiaomi has no token exchange.
#[test]
fn xiaomi_push_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let snap = accepted_push(&emu, XIAOMI, dir.path(), BUILTIN_XIAOMI_APP_SECRET);
    assert!(emu.pushes()[0].payload.get("extra.notify_effect").is_none());
    assert_snap!(snap);
}

/// A wrong AppSecret (here the AppKey, the classic mix-up): 21301 认证失败, pointing at
/// `xiaomi.app-secret`. Nothing is pushed; the fix passes.
#[test]
fn xiaomi_wrong_secret_is_credential_rejected_21301() {
    let emu = Emu::start(&[]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let wrong = "d3JvbmcteGlhb21pLWtleSE=";
    let snap = wrong_secret(&emu, XIAOMI, dir.path(), wrong, BUILTIN_XIAOMI_APP_SECRET);
    assert_snap!(snap);
}

/// A regId the app does not know: 20301 ("all targets invalid"), device-token-malformed.
#[test]
fn xiaomi_unknown_reg_id_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let secret = BUILTIN_XIAOMI_APP_SECRET;
    let snap = unknown_device(&emu, XIAOMI, dir.path(), secret, "bm90LWEtcmVnaWQ=");
    assert_snap!(snap);
}

/// Xiaomi documents no de-duplication, so a send whose answer is lost (it may have been
/// accepted, and here it was) is NOT sent again: exit 3 and exactly one push, not two.
#[test]
fn xiaomi_timeout_on_send_is_exit_3_and_never_a_second_push() {
    let emu = Emu::start(&["xiaomi/v3/message/regid=timeout*1"]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let args: &[&str] = &["--format", "json", "--timeout", "1s", "-v"];
    let snap = unknown_answer(
        &emu,
        XIAOMI,
        dir.path(),
        BUILTIN_XIAOMI_APP_SECRET,
        (args, 1),
    );
    assert_snap!(snap);
}

/// The same for a connection reset after the request went out.
#[test]
fn xiaomi_reset_on_send_is_exit_3_and_never_a_second_push() {
    let emu = Emu::start(&["xiaomi/v3/message/regid=reset*1"]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let args: &[&str] = &["--format", "json"];
    let snap = unknown_answer(
        &emu,
        XIAOMI,
        dir.path(),
        BUILTIN_XIAOMI_APP_SECRET,
        (args, 1),
    );
    assert_snap!(snap);
}

/// HTTP 503 proves the push was not accepted: it is tried again, and pushes once.
#[test]
fn xiaomi_503_is_retried_and_pushes_once() {
    let emu = Emu::start(&["xiaomi/v3/message/regid=status:503*1"]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let snap = retried_and_accepted(&emu, XIAOMI, dir.path(), BUILTIN_XIAOMI_APP_SECRET);
    assert_snap!(snap);
}

/// Nothing listens: the request never left, so it is tried again (safe), then exit 3.
#[test]
fn xiaomi_connect_error_is_retried_then_exit_3() {
    let dir = xiaomi_project(&format!("http://127.0.0.1:{}/xiaomi", closed_port()));
    let mut snap = Snap::new();
    let args = ["--format", "json", "-v"];
    let run = send_as(
        &mut snap,
        XIAOMI,
        dir.path(),
        BUILTIN_XIAOMI_APP_SECRET,
        &args,
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_snap!(snap);
}

/// Xiaomi's "system busy" (10002): the answer is unknown, exit 3, no push.
#[test]
fn xiaomi_busy_is_exit_3() {
    let emu = Emu::start(&["xiaomi=busy"]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let args: &[&str] = &["--format", "json"];
    let snap = unknown_answer(
        &emu,
        XIAOMI,
        dir.path(),
        BUILTIN_XIAOMI_APP_SECRET,
        (args, 0),
    );
    assert_snap!(snap);
}

/// `--dry-run` prints the one request (no authentication call) and sends nothing; the
/// Authorization header's value is masked and the AppSecret appears nowhere.
#[test]
fn xiaomi_dry_run_masks_the_authorization_header() {
    let emu = Emu::start(&[]);
    let dir = xiaomi_project(&emu.base_of(Vendor::Xiaomi));
    let snap = dry_run(&emu, XIAOMI, dir.path(), "c2VjcmV0LXhpYW9taS1rZXk=", &[]);
    assert_snap!(snap);
}

/// `pushdiag explain xiaomi 21301`: the AppSecret; 10002 counts as unknown.
#[test]
fn explain_xiaomi_codes() {
    let snap = explain(&[
        (&["explain", "xiaomi", "21301"], 0),
        (&["explain", "xiaomi", "10002"], 0),
    ]);
    assert_snap!(snap);
}

/// `--emulated` with no [xiaomi] section: the built-in app and device, one accepted push.
#[test]
fn xiaomi_emulated_without_config_uses_the_builtin_app() {
    let mut snap = Snap::new();
    let run = emulated_without_config(
        &mut snap,
        &["--emulated", "send-test", "--vendor", "xiaomi"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snap!(snap);
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

/// An accepted Meizu push, recorded once, with the messageJson pushdiag promises: a private
/// (IM) standard notification that opens the app, the Ext string in
/// `clickTypeInfo.parameters.ext` (tim-vendor-payloads.md §8), offline for 24 hours. No
/// authentication call: Meizu signs each request instead.
#[test]
fn meizu_push_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let snap = accepted_push(&emu, MEIZU, dir.path(), BUILTIN_MEIZU_APP_SECRET);
    assert_snap!(snap);
}

/// A wrong AppSecret (here the AppKey's shape): 1006 signature failed, pointing at
/// `meizu.app-secret`. Nothing is pushed; the fix passes.
#[test]
fn meizu_wrong_secret_is_credential_rejected_1006() {
    let emu = Emu::start(&[]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let wrong = "00000000000000000000000000000005";
    let snap = wrong_secret(&emu, MEIZU, dir.path(), wrong, BUILTIN_MEIZU_APP_SECRET);
    assert_snap!(snap);
}

/// A pushId the app does not know: Meizu answers code "200" with `value` {"110003": [id]}; that
/// per-target failure is device-token-malformed, not an accepted push.
#[test]
fn meizu_unknown_push_id_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let snap = unknown_device(&emu, MEIZU, dir.path(), BUILTIN_MEIZU_APP_SECRET, "RA5ffff");
    assert_snap!(snap);
}

/// Meizu documents no request id to de-duplicate by, so a send whose answer is lost (it may have
/// been accepted, and here it was) is NOT sent again: exit 3 and exactly one push, not two.
#[test]
fn meizu_timeout_on_send_is_exit_3_and_never_a_second_push() {
    let emu = Emu::start(&["meizu/garcia/api/server/push/varnished/pushByPushId=timeout*1"]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let args: &[&str] = &["--format", "json", "--timeout", "1s", "-v"];
    let snap = unknown_answer(&emu, MEIZU, dir.path(), BUILTIN_MEIZU_APP_SECRET, (args, 1));
    assert_snap!(snap);
}

/// Meizu's "server busy" (1003): the answer is unknown, exit 3, no push.
#[test]
fn meizu_busy_is_exit_3() {
    let emu = Emu::start(&["meizu=busy"]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let args: &[&str] = &["--format", "json"];
    let snap = unknown_answer(&emu, MEIZU, dir.path(), BUILTIN_MEIZU_APP_SECRET, (args, 0));
    assert_snap!(snap);
}

/// `--dry-run` prints the one request and sends nothing; `sign` is masked and the AppSecret
/// appears nowhere.
#[test]
fn meizu_dry_run_masks_sign_and_never_shows_the_secret() {
    let emu = Emu::start(&[]);
    let dir = meizu_project(&emu.base_of(Vendor::Meizu));
    let snap = dry_run(
        &emu,
        MEIZU,
        dir.path(),
        "0123456789abcdeffedcba9876543210",
        &[],
    );
    assert_snap!(snap);
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
        &Secret::new(BUILTIN_MEIZU_APP_SECRET),
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
    let snap = explain(&[
        (&["explain", "meizu", "1006"], 0),
        (&["explain", "meizu", "1003"], 0),
        (&["explain", "meizu", "200"], 0),
    ]);
    assert_snap!(snap);
}

/// `--emulated` with no [meizu] section: the built-in app and pushId, one accepted push.
#[test]
fn meizu_emulated_without_config_uses_the_builtin_app() {
    let mut snap = Snap::new();
    let run = emulated_without_config(&mut snap, &["--emulated", "send-test", "--vendor", "meizu"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snap!(snap);
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
    let dir = huawei_v2_project(&emu.base_of(Vendor::Huawei), BUILTIN_HUAWEI_PROJECT_ID);
    let mut snap = Snap::new();
    let secret = BUILTIN_HUAWEI_APP_SECRET;
    let (run, _) = send_as_json(&mut snap, HUAWEI, dir.path(), secret, &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (run, _) = send_as_json(&mut snap, HUAWEI, dir.path(), secret, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    assert_eq!(pushes[0].app_id, BUILTIN_HUAWEI_APP_ID);
    assert_snap!(snap);
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
    let mut snap = Snap::new();
    let (run, document) = send_as_json(
        &mut snap,
        HUAWEI,
        dir.path(),
        BUILTIN_HUAWEI_APP_SECRET,
        &[],
    );
    assert_eq!(run.code, 1, "{document:#}\n{}", run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"]);
    assert!(emu.pushes().is_empty());
    assert_snap!(snap);
}

/// An accepted Huawei test message, recorded once: `target_user_type` 1, click_action type 3,
/// and `message.data` = `{"ext": <Ext>}` as a JSON string. With --production: a normal message,
/// no target_user_type.
#[test]
fn huawei_test_message_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let secret = BUILTIN_HUAWEI_APP_SECRET;
    let mut snap = accepted_push(&emu, HUAWEI, dir.path(), secret);
    let (run, _) = send_as_json(&mut snap, HUAWEI, dir.path(), secret, &["--production"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2);
    assert!(pushes[0].test_mode && !pushes[1].test_mode);
    assert_snap!(snap.pushes(&pushes[1..]));
}

/// A wrong AppSecret: the OAuth server answers HTTP 401 "invalid client"; credential-rejected
/// pointing at `huawei.app-secret`, nothing pushed; the fix passes.
#[test]
fn huawei_wrong_secret_is_credential_rejected() {
    let emu = Emu::start(&[]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let wrong = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    let snap = wrong_secret(&emu, HUAWEI, dir.path(), wrong, BUILTIN_HUAWEI_APP_SECRET);
    assert_snap!(snap);
}

/// A token the app does not know: 80300007 "all tokens invalid", device-token-malformed.
#[test]
fn huawei_unknown_token_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let unknown = "IQAAAACy0kYdAABxunknown";
    let snap = unknown_device(&emu, HUAWEI, dir.path(), BUILTIN_HUAWEI_APP_SECRET, unknown);
    assert_snap!(snap);
}

/// The answer to the send never comes. Huawei documents no de-duplication, so pushdiag does not
/// send again (a second try could push twice): exit 3, and the emulator recorded ONE push.
#[test]
fn huawei_timeout_on_send_is_exit_3_and_pushes_once() {
    let emu = Emu::start(&["huawei/v1/{app-id}/messages:send=timeout*1"]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let args: &[&str] = &["--format", "json", "--timeout", "1s", "-v"];
    let snap = unknown_answer(
        &emu,
        HUAWEI,
        dir.path(),
        BUILTIN_HUAWEI_APP_SECRET,
        (args, 1),
    );
    assert_snap!(snap);
}

/// `--dry-run` prints the token request and the send and sends nothing; the AppSecret never
/// appears, client_secret and the Bearer token are masked.
#[test]
fn huawei_dry_run_masks_client_secret_and_bearer_token() {
    let secret = "5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e7aaaa";
    let emu = Emu::start(&[]);
    let dir = huawei_project(&emu.base_of(Vendor::Huawei));
    let snap = dry_run(&emu, HUAWEI, dir.path(), secret, &[]);
    assert_snap!(snap);
}

/// `pushdiag explain huawei 80300007` and the success code.
#[test]
fn explain_huawei_codes() {
    let snap = explain(&[
        (&["explain", "huawei", "80300007"], 0),
        (&["explain", "huawei", "80000000"], 0),
    ]);
    assert_snap!(snap);
}

/// `--emulated` with no [huawei] section: the built-in app and token, one accepted push.
#[test]
fn huawei_emulated_without_config_uses_the_builtin_app() {
    let mut snap = Snap::new();
    let run = emulated_without_config(
        &mut snap,
        &["--emulated", "send-test", "--vendor", "huawei"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snap!(snap);
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

/// An accepted Honor test message, recorded once: the body is not wrapped in `message`,
/// `targetUserType` 1, clickAction type 3, importance NORMAL, `data` = `{"ext": <Ext>}`. With
/// --production: no targetUserType.
#[test]
fn honor_test_message_is_accepted_and_recorded_once() {
    let emu = Emu::start(&[]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let secret = BUILTIN_HONOR_CLIENT_SECRET;
    let mut snap = accepted_push(&emu, HONOR, dir.path(), secret);
    let (run, _) = send_as_json(&mut snap, HONOR, dir.path(), secret, &["--production"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2);
    assert!(pushes[0].test_mode && !pushes[1].test_mode);
    assert_snap!(snap.pushes(&pushes[1..]));
}

/// A wrong Client Secret: HTTP 401 `invalid_client`; credential-rejected pointing at
/// `honor.client-secret`, nothing pushed; the fix passes. Issue 16: the OAuth `error` word is
/// Honor's code for the refusal, so it is the result's `vendor_code` (it was null).
#[test]
fn honor_wrong_secret_is_credential_rejected() {
    let emu = Emu::start(&[]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let wrong = "00000000000000000000000000000bad";
    let snap = wrong_secret(&emu, HONOR, dir.path(), wrong, BUILTIN_HONOR_CLIENT_SECRET);
    let mut probe = Snap::new();
    let (_, document) = send_as_json(&mut probe, HONOR, dir.path(), wrong, &[]);
    let auth = &document["results"][0];
    assert_eq!(auth["target"], "auth", "{document:#}");
    assert_eq!(auth["vendor_code"], "invalid_client", "{document:#}");
    assert_snap!(snap);
}

/// A token the app does not know comes back in `failTokens`: device-token-malformed, with
/// Honor's raw code and the note that Honor publishes no code list.
#[test]
fn honor_unknown_token_is_device_token_malformed() {
    let emu = Emu::start(&[]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let unknown = "104000006_honor_unknown";
    let snap = unknown_device(
        &emu,
        HONOR,
        dir.path(),
        BUILTIN_HONOR_CLIENT_SECRET,
        unknown,
    );
    assert_snap!(snap);
}

/// The answer to the send never comes. Honor documents no de-duplication, so pushdiag does not
/// send again: exit 3, and the emulator recorded ONE push.
#[test]
fn honor_timeout_on_send_is_exit_3_and_pushes_once() {
    let emu = Emu::start(&["honor/api/v1/{app-id}/sendMessage=timeout*1"]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let args: &[&str] = &["--format", "json", "--timeout", "1s", "-v"];
    let snap = unknown_answer(
        &emu,
        HONOR,
        dir.path(),
        BUILTIN_HONOR_CLIENT_SECRET,
        (args, 1),
    );
    assert_snap!(snap);
}

/// `--dry-run`: the token request and the send, nothing sent; client_secret and the Bearer
/// token masked, the `timestamp` header shown.
#[test]
fn honor_dry_run_masks_client_secret_and_bearer_token() {
    let emu = Emu::start(&[]);
    let dir = honor_project(&emu.base_of(Vendor::Honor));
    let snap = dry_run(
        &emu,
        HONOR,
        dir.path(),
        "5ec7e75ec7e75ec7e75ec7e75ec7e7aa",
        &[],
    );
    assert_snap!(snap);
}

/// `pushdiag explain honor 200`: Honor publishes no code list, and pushdiag says so.
#[test]
fn explain_honor_says_there_is_no_code_list() {
    let snap = explain(&[(&["explain", "honor", "200"], 2)]);
    assert_snap!(snap);
}

/// APNs answers a sandbox token on the production endpoint with 400 BadDeviceToken
/// (apns-fcm-tim.md A.8): the finding names the environment mismatch, and the fix (the same token
/// to the sandbox) passes. More APNs cases are in `apns.rs`.
#[test]
fn apns_sandbox_token_sent_to_production_is_device_token_environment_mismatch() {
    use crate::apns::{project, send, Emu, BUNDLE, KEY_ID, TEAM_ID};
    use pushdiag::emulator::BUILTIN_APNS_SANDBOX_DEVICE;
    let emu = Emu::start();
    let mut snap = Snap::new();
    let dir = project(&emu.production(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let args = ["--production", "--to", BUILTIN_APNS_SANDBOX_DEVICE];
    let (run, document) = send(&mut snap, dir.path(), &args);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(rules_of(&document), ["device-token-environment-mismatch"]);
    assert!(emu.pushes().is_empty());

    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let (run, document) = send(&mut snap, dir.path(), &args[1..]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty());
    assert_eq!(emu.pushes().len(), 1);
    assert_snap!(snap);
}

/// Puts the app's package at the top of `dir`'s pushdiag.toml.
fn with_package(dir: &tempfile::TempDir, package: &str) {
    let path = dir.path().join("pushdiag.toml");
    let toml = std::fs::read_to_string(&path).expect("config");
    std::fs::write(&path, format!("package = \"{package}\"\n\n{toml}")).expect("write config");
}

/// `--profile flutter`: on vivo, OPPO and Honor a tap opens the Flutter push plugin's activity,
/// as Tencent's Flutter guide sets the IM console (tim-vendor-payloads.md §3, §4, §7), and each
/// emulator accepts that click setting; the uni-app profile opens the app. For Honor the ext
/// rides along as the intent's `ext` extra, percent-encoded, before `;end`.
#[test]
fn flutter_profile_opens_the_flutter_plugins_activity() {
    const PACKAGE: &str = "com.example.flutterchat";
    let emu = Emu::start(&[]);
    let flutter = ["--profile", "flutter"];
    let mut snap = Snap::new();
    let cases = [
        (
            VIVO,
            project(&emu.base_of(Vendor::Vivo)),
            BUILTIN_VIVO_APP_SECRET,
            &flutter[..],
        ),
        (
            VIVO,
            project(&emu.base_of(Vendor::Vivo)),
            BUILTIN_VIVO_APP_SECRET,
            &[],
        ),
        (
            OPPO,
            oppo_project(&emu.base_of(Vendor::Oppo)),
            BUILTIN_OPPO_MASTER_SECRET,
            &flutter,
        ),
        (
            HONOR,
            honor_project(&emu.base_of(Vendor::Honor)),
            BUILTIN_HONOR_CLIENT_SECRET,
            &flutter,
        ),
    ];
    for (vendor, dir, secret, args) in &cases {
        with_package(dir, PACKAGE);
        let (run, _) = send_as_json(&mut snap, *vendor, dir.path(), secret, args);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 4);
    assert_snap!(snap.pushes(&pushes));
}
