//! Real client libraries from PyPI against the emulator: Google's firebase-admin and google-auth
//! must be accepted by the FCM emulator exactly as pushdiag is (here), Huawei's push_admin by the
//! Huawei emulator (`huawei.rs`), and pushdiag's message must carry the same fields. When a
//! library is missing the test prints a note and passes, unless `PUSHDIAG_REQUIRE_CLIENT_LIBS=1`
//! (as `.ci/run` sets), when it fails.

mod google_auth;
mod huawei;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::fcm::{project, send, Emu, DEVICE, PROJECT};

/// True when `python3` finds every one of `modules` (installed, whether or not it imports
/// cleanly: Huawei's does not without help); otherwise a note naming `install`, or a failure
/// when required.
#[allow(clippy::print_stderr)] // the skip note is what the test promises to print
pub(crate) fn python_modules(modules: &[&str], install: &str) -> bool {
    let found = modules.iter().all(|module| {
        Command::new("python3")
            .args([
                "-c",
                &format!(
                    "import importlib.util, sys; sys.exit(importlib.util.find_spec('{module}') is None)"
                ),
            ])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !found {
        let modules = modules.join(", ");
        assert!(
            std::env::var("PUSHDIAG_REQUIRE_CLIENT_LIBS").as_deref() != Ok("1"),
            "PUSHDIAG_REQUIRE_CLIENT_LIBS=1 but python3 cannot find {modules} (python3 -m pip install {install})"
        );
        eprintln!("note: skipped: python3 cannot find {modules} (python3 -m pip install {install}; set PUSHDIAG_REQUIRE_CLIENT_LIBS=1 to make this a failure)");
    }
    found
}

/// `python3 tests/clients/SCRIPT ARGS` with no proxy for loopback; stdout parsed as one JSON
/// line, or a failure showing stderr.
pub(crate) fn run_python(script: &str, args: &[&str], env: &[(&str, &str)]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/clients")
        .join(script);
    let mut command = Command::new("python3");
    command
        .arg(&script)
        .args(args)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy");
    for (var, value) in env {
        command.env(var, value);
    }
    let output = command.output().expect("python3 runs");
    assert!(
        output.status.success(),
        "{} failed against the emulator:\n{}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn firebase_admin_is_accepted_and_pushdiag_sends_the_same_message() {
    if !python_modules(&["firebase_admin"], "firebase-admin==7.7.0") {
        return;
    }
    let emu = Emu::start("good", &[]);
    let dir = project(&emu, PROJECT, "good");
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let account = dir.path().join("sa.json");
    let answer = run_python(
        "fcm_firebase_admin.py",
        &[&account.to_string_lossy(), &emu.base(), DEVICE, ext],
        &[],
    );
    assert!(
        answer["name"]
            .as_str()
            .is_some_and(|n| n.starts_with(&format!("projects/{PROJECT}/messages/"))),
        "{answer}"
    );
    assert_eq!(
        answer["dry_run"],
        format!("projects/{PROJECT}/messages/fake_message_id")
    );

    let (run, _) = send(
        dir.path(),
        &[
            "--to",
            DEVICE,
            "--title",
            "pushdiag",
            "--desc",
            "from firebase-admin",
            "--ext",
            ext,
        ],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let pushes = emu.pushes();
    assert_eq!(
        pushes.len(),
        2,
        "firebase-admin's send and pushdiag's; the dry run is not a push"
    );
    let theirs = &pushes[0].payload["message"];
    let ours = &pushes[1].payload["message"];
    let keys = |m: &Value| {
        let mut keys: Vec<String> = m.as_object().expect("object").keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(ours), keys(theirs), "ours {ours:#}\ntheirs {theirs:#}");
    for field in ["token", "notification", "data"] {
        assert_eq!(ours[field], theirs[field], "{field}");
    }
    let priority = |m: &Value| {
        m["android"]["priority"]
            .as_str()
            .expect("priority")
            .to_ascii_uppercase()
    };
    assert_eq!(priority(ours), priority(theirs));
}
