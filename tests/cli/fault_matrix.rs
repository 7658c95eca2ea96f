//! The fault matrix (issue 17): every network endpoint pushdiag calls × every fault the emulator
//! injects × every command that calls the endpoint, one row each, from `tests/fault_matrix.toml`.
//! Each row runs pushdiag against an in-process emulator of its own with the row's fault and
//! checks the exit code, the one line that says what happened (naming the vendor), the run's
//! duration against the timeout budget, and how many pushes the emulator made for a `send-test`.
//! The rows run in parallel threads; the table in `docs/reliability.md` is generated from the
//! same file (`PUSHDIAG_BLESS=1 cargo test --test cli fault_matrix` rewrites it).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pushdiag::emulator::{
    builtin_apns_signing_key, builtin_fcm_private_key, FaultSpec, Registry, BUILTIN_APNS_BUNDLE_ID,
    BUILTIN_APNS_KEY_ID, BUILTIN_APNS_SANDBOX_DEVICE, BUILTIN_APNS_TEAM_ID,
    BUILTIN_FCM_CLIENT_EMAIL, BUILTIN_FCM_DEVICE, BUILTIN_FCM_PRIVATE_KEY_ID,
    BUILTIN_FCM_PROJECT_ID,
};
use pushdiag::vendor::Vendor;
use serde::Deserialize;

use crate::emu::Emu;

/// The data: settings and rows.
const MATRIX: &str = include_str!("../fault_matrix.toml");
/// Where the generated table goes, between the markers.
const DOC: &str = "docs/reliability.md";
const BEGIN: &str = "<!-- fault-matrix:begin: generated from tests/fault_matrix.toml by `PUSHDIAG_BLESS=1 cargo test --test cli fault_matrix`; do not edit -->";
const END: &str = "<!-- fault-matrix:end -->";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Matrix {
    settings: Settings,
    rows: Vec<Row>,
}

/// What every row runs with: small, so the whole matrix stays fast.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    /// `--timeout`, in milliseconds.
    timeout_ms: u64,
    /// `--retries`.
    retries: u32,
    /// The `delay:` fault, longer than the timeout.
    delay_ms: u64,
    /// The `429:` fault's Retry-After.
    retry_after_secs: u64,
    /// Rows run at once.
    threads: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    /// The fault path: `vivo/message/send`.
    endpoint: String,
    /// A key of [`command_args`].
    command: String,
    /// `timeout`, `reset`, `status:502`, `429`, `delay`, `garbage`, `truncated`, `busy`, `goaway`
    /// (`429` and `delay` take their argument from the settings).
    fault: String,
    /// The fault hits the first request to the endpoint only (`*1`), else every one.
    once: bool,
    exit: i32,
    /// Pushes (or messages) the emulator made; for the commands that push.
    pushes: Option<usize>,
    /// What the line naming the vendor says.
    said: String,
    /// Why this is the expected outcome.
    why: String,
}

impl Row {
    fn vendor(&self) -> Vendor {
        let id = self.endpoint.split('/').next().unwrap_or_default();
        Vendor::ALL
            .into_iter()
            .find(|v| v.id() == id)
            .unwrap_or_else(|| panic!("{}: no vendor", self.endpoint))
    }

    fn spec(&self, settings: &Settings) -> String {
        let fault = match self.fault.as_str() {
            "delay" => format!("delay:{}ms", settings.delay_ms),
            "429" => format!("429:{}", settings.retry_after_secs),
            other => other.to_owned(),
        };
        let times = if self.once { "*1" } else { "" };
        format!("{}={fault}{times}", self.endpoint)
    }

    fn name(&self) -> String {
        let times = if self.once { " (once)" } else { "" };
        format!(
            "{} × {}{times} × {}",
            self.endpoint, self.fault, self.command
        )
    }
}

fn matrix() -> Matrix {
    toml::from_str(MATRIX).unwrap_or_else(|e| panic!("tests/fault_matrix.toml: {e}"))
}

/// The arguments of a row's command, and how many requests it makes at
/// most when nothing fails (the budget allows each its tries).
fn command_args(command: &str, vendor: Vendor) -> (Vec<String>, u32) {
    let (line, requests) = match command {
        "send-test" => (format!("send-test --vendor {}", vendor.id()), 2),
        "check-config --online" => (format!("check-config --online --vendor {}", vendor.id()), 2),
        "send-test --via tim" => ("send-test --via tim --to healthy".to_owned(), 3),
        "send-test --via timpush" => (
            "send-test --via timpush --to healthy --wait 1s".to_owned(),
            4,
        ),
        "status" => ("status --user healthy".to_owned(), 2),
        "trace --push-id" => (format!("trace --push-id {PUSH_ID}"), 1),
        "trace --task" => (format!("trace --task {TASK_ID} --user healthy"), 1),
        "loss" => ("loss --since 1h".to_owned(), 2),
        other => panic!("unknown command `{other}` in tests/fault_matrix.toml"),
    };
    (line.split(' ').map(str::to_owned).collect(), requests)
}

/// Ids Tencent's trace does not know: the fault decides before the lookup does.
const PUSH_ID: &str = "67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421";
const TASK_ID: &str = "batch_667015d4_537529d8_2000005e80aa873_d03ac87_56f5e750";

/// A project for every vendor, pointing at `emu`: the emulate snippet (six vendors and Tencent
/// IM), with `[apns]` and `[fcm]` signing with the emulator's built-in key files.
fn project(emu: &Emu) -> (tempfile::TempDir, Vec<(String, String)>) {
    use p256::pkcs8::{EncodePrivateKey as _, LineEnding};
    let dir = tempfile::tempdir().expect("tempdir");
    let snippet =
        pushdiag::emulated::config_snippet(&Registry::builtin(), |v| emu.base_of(v), true);
    let apns_key = builtin_apns_signing_key()
        .to_pkcs8_pem(LineEnding::LF)
        .expect("p8");
    std::fs::write(dir.path().join("AuthKey.p8"), apns_key.as_bytes()).expect("write key");
    let fcm_key = builtin_fcm_private_key()
        .expect("FCM key")
        .to_pkcs8_pem(rsa::pkcs8::LineEnding::LF)
        .expect("pkcs8");
    let account = serde_json::json!({
        "type": "service_account",
        "project_id": BUILTIN_FCM_PROJECT_ID,
        "private_key_id": BUILTIN_FCM_PRIVATE_KEY_ID,
        "private_key": fcm_key.as_str(),
        "client_email": BUILTIN_FCM_CLIENT_EMAIL,
        "token_uri": format!("{}/token", emu.base_of(Vendor::Fcm)),
    });
    std::fs::write(dir.path().join("sa.json"), account.to_string()).expect("write account");
    let toml = format!(
        "{}\n[apns]\nbusiness-id-development = 1\nbusiness-id-production = 2\nbundle-id = \"{BUILTIN_APNS_BUNDLE_ID}\"\nkey-file = \"AuthKey.p8\"\nkey-id = \"{BUILTIN_APNS_KEY_ID}\"\nteam-id = \"{BUILTIN_APNS_TEAM_ID}\"\nenvironment = \"development\"\ntest-devices = [\"{BUILTIN_APNS_SANDBOX_DEVICE}\"]\nendpoint = \"{}-sandbox\"\n\n[fcm]\nbusiness-id = 10007\nservice-account = \"sa.json\"\ntest-devices = [\"{BUILTIN_FCM_DEVICE}\"]\nendpoint = \"{}\"\n",
        snippet.toml,
        emu.base_of(Vendor::Apns),
        emu.base_of(Vendor::Fcm),
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    (dir, snippet.exports)
}

/// What the emulator made for the row's command: vendor pushes, Tencent IM messages, or
/// Tencent push service batches.
fn pushes(emu: &Emu, command: &str) -> Option<usize> {
    match command {
        "send-test" => Some(emu.pushes().len()),
        "send-test --via tim" => Some(emu.deliveries().len()),
        "send-test --via timpush" => Some(
            emu.emulator()
                .push_records()
                .iter()
                .filter(|r| r.task_id.is_some())
                .count(),
        ),
        _ => None,
    }
}

/// Runs one row; what went wrong, if anything.
fn check(row: &Row, settings: &Settings) -> Result<(), String> {
    let vendor = row.vendor();
    let spec = row.spec(settings);
    let emu = Emu::start(&[&spec]);
    let (dir, exports) = project(&emu);
    let (args, requests) = command_args(&row.command, vendor);
    let mut command = crate::pushdiag();
    command
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .args(&args)
        .args([
            "--timeout",
            &format!("{}ms", settings.timeout_ms),
            "--retries",
            &settings.retries.to_string(),
            "--color",
            "never",
        ]);
    for (var, value) in &exports {
        command.env(var, value);
    }
    let started = Instant::now();
    let run = crate::Run::of(&mut command);
    let took = started.elapsed();
    // A delayed request is handled when its delay ends, after the client gave up on it.
    if row.fault == "delay" {
        std::thread::sleep(Duration::from_millis(settings.delay_ms + 150));
    }
    let mut wrong = Vec::new();
    if run.code != row.exit {
        wrong.push(format!("exit {} (expected {})", run.code, row.exit));
    }
    // One line names the vendor and says what happened.
    let names = |line: &str| {
        let line = line.to_lowercase();
        line.contains(vendor.id()) || (vendor == Vendor::Tim && line.contains("tencent"))
    };
    let output = format!("{}\n{}", run.stdout, run.stderr);
    if !output
        .lines()
        .any(|line| names(line) && line.contains(row.said.as_str()))
    {
        wrong.push(format!(
            "no line names {} and says {:?}",
            vendor.id(),
            row.said
        ));
    }
    if run.code != 0
        && run
            .stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .count()
            > 1
    {
        wrong.push("more than one error: line".to_owned());
    }
    // Each request gets its tries, each up to the timeout, with the waits between them (a
    // Retry-After at most), plus the process's own time.
    let tries = u64::from(settings.retries) + 1;
    let per_request = tries * settings.timeout_ms
        + u64::from(settings.retries) * settings.retry_after_secs.max(1) * 1000;
    let budget = Duration::from_millis(u64::from(requests) * per_request + 2000);
    if took > budget {
        wrong.push(format!("took {took:?}, over the budget of {budget:?}"));
    }
    let made = pushes(&emu, &row.command);
    if made.is_some_and(|n| n >= 2) {
        wrong.push(format!(
            "{} pushes: a push was made twice",
            made.unwrap_or(0)
        ));
    }
    if row.pushes.is_some() && made != row.pushes {
        wrong.push(format!("{made:?} pushes (expected {:?})", row.pushes));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} [{spec}]: {}\n  why: {}\n  stdout: {}\n  stderr: {}",
            row.name(),
            wrong.join("; "),
            row.why,
            run.stdout.trim_end().replace('\n', "\n          "),
            run.stderr.trim_end().replace('\n', "\n          "),
        ))
    }
}

#[test]
fn every_endpoint_under_every_fault_fails_cleanly() {
    let Matrix { settings, rows } = matrix();
    // The FCM key is made once per process; make it before the threads want it.
    assert!(builtin_fcm_private_key().is_some());
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..settings.threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(row) = rows.get(i) else { break };
                if let Err(failure) = check(row, &settings) {
                    failures.lock().expect("lock").push(failure);
                }
            });
        }
    });
    let failures = failures.into_inner().expect("lock");
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// The endpoints pushdiag calls and the commands that call each: the matrix must have a row for
/// each of them under each fault.
const CALLS: &[(&str, &[&str])] = &[
    ("vivo/message/auth", &["send-test", "check-config --online"]),
    ("vivo/message/send", &["send-test"]),
    (
        "oppo/server/v1/auth",
        &["send-test", "check-config --online"],
    ),
    (
        "oppo/server/v1/message/notification/unicast",
        &["send-test"],
    ),
    ("xiaomi/v3/message/regid", &["send-test"]),
    (
        "xiaomi/v1/stats/message/counters",
        &["check-config --online"],
    ),
    (
        "meizu/garcia/api/server/push/varnished/pushByPushId",
        &["send-test"],
    ),
    (
        "meizu/garcia/api/server/push/statistics/dailyPushStatics",
        &["check-config --online"],
    ),
    (
        "huawei/oauth2/v3/token",
        &["send-test", "check-config --online"],
    ),
    (
        "huawei/v1/{app-id}/messages:send",
        &["send-test", "check-config --online"],
    ),
    ("honor/auth/token", &["send-test", "check-config --online"]),
    ("honor/api/v1/{app-id}/sendMessage", &["send-test"]),
    (
        "apns/3/device/{token}",
        &["send-test", "check-config --online"],
    ),
    ("fcm/token", &["send-test", "check-config --online"]),
    (
        "fcm/v1/projects/{project}/messages:send",
        &["send-test", "check-config --online"],
    ),
    ("tim/v4/openim/sendmsg", &["send-test --via tim"]),
    (
        "tim/v4/openim/query_online_status",
        &["send-test --via tim", "status"],
    ),
    (
        "tim/v4/im_open_login_svc/account_check",
        &["send-test --via tim", "status", "check-config --online"],
    ),
    ("tim/v4/timpush/batch", &["send-test --via timpush"]),
    ("tim/v4/timpush/normal_push_trace", &["trace --push-id"]),
    (
        "tim/v4/timpush/all_member_push_trace",
        &["trace --task", "send-test --via timpush"],
    ),
    ("tim/v4/timpush/normal_push_statistics", &["loss"]),
    ("tim/v4/timpush/normal_push_loss", &["loss"]),
];

/// Every fault the emulator injects; `goaway` is HTTP/2's, so only APNs (the one HTTP/2 API)
/// gets it.
const FAULTS: &[&str] = &[
    "delay",
    "timeout",
    "reset",
    "status:500",
    "status:502",
    "status:503",
    "429",
    "garbage",
    "truncated",
    "busy",
    "goaway",
];

#[test]
fn the_matrix_has_one_row_per_endpoint_fault_and_command() {
    let Matrix { settings, rows } = matrix();
    let mut missing = Vec::new();
    for (endpoint, commands) in CALLS {
        for command in *commands {
            for fault in FAULTS {
                if *fault == "goaway" && !endpoint.starts_with("apns/") {
                    continue;
                }
                // A push command gets the fault on every try and on the first only; the
                // others on every try.
                let pushing = command.starts_with("send-test");
                for once in [false, true] {
                    if once && !pushing {
                        continue;
                    }
                    let found = rows
                        .iter()
                        .filter(|r| {
                            r.endpoint == *endpoint
                                && r.command == *command
                                && r.fault == *fault
                                && r.once == once
                        })
                        .count();
                    if found != 1 {
                        missing.push(format!(
                            "{endpoint} × {fault} × {command} (once: {once}): {found} rows"
                        ));
                    }
                }
            }
        }
    }
    for row in &rows {
        let spec: Result<FaultSpec, _> = row.spec(&settings).parse();
        if let Err(error) = spec {
            missing.push(format!("{}: {error}", row.name()));
        }
        if !CALLS
            .iter()
            .any(|(e, c)| *e == row.endpoint && c.contains(&row.command.as_str()))
        {
            missing.push(format!("{}: not a call pushdiag makes", row.name()));
        }
        let pushing = row.command.starts_with("send-test");
        if pushing != row.pushes.is_some() {
            missing.push(format!(
                "{}: pushes given for a command that does not push, or missing",
                row.name()
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The table in `docs/reliability.md`.
fn markdown(matrix: &Matrix) -> String {
    let s = &matrix.settings;
    let mut out = format!(
        "Every row runs with `--timeout {}ms --retries {}`; `delay` holds the answer {} ms (past the timeout), `429` answers with `Retry-After: {}`. \"every try\": the fault hits every request to the endpoint; \"first try\": only the first. Exit 3 means the answer is unknown. Pushes: what the emulator made for one `send-test` (never 2).\n\n\
         | endpoint | command | fault | tries hit | exit | pushes | what pushdiag says | why |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
        s.timeout_ms, s.retries, s.delay_ms, s.retry_after_secs
    );
    let cell = |text: &str| text.replace('|', "\\|");
    for row in &matrix.rows {
        let pushes = row.pushes.map_or("".to_owned(), |n| n.to_string());
        let times = if row.once { "first try" } else { "every try" };
        out.push_str(&format!(
            "| `{}` | `{}` | `{}` | {times} | {} | {pushes} | {} | {} |\n",
            row.endpoint,
            row.command,
            row.fault,
            row.exit,
            cell(&row.said),
            cell(&row.why)
        ));
    }
    out
}

#[test]
fn the_documented_matrix_is_up_to_date() {
    let table = markdown(&matrix());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{DOC}: {e}"));
    let expected = pushdiag::generated::between(&doc, BEGIN, END, &table)
        .unwrap_or_else(|| panic!("{DOC} has no fault-matrix:begin / fault-matrix:end markers"));
    let mut stale = Vec::new();
    crate::generated::check_or_bless(DOC, expected.as_bytes(), &mut stale);
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: PUSHDIAG_BLESS=1 cargo test --test cli fault_matrix",
        stale.join("\n")
    );
}
