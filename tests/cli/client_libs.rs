//! Real client libraries against the emulator: Google's firebase-admin (Python) must be accepted
//! by the FCM emulator exactly as pushdiag is, and pushdiag's message must carry the same fields.
//! When the library is missing the test prints a note and passes, unless
//! `PUSHDIAG_REQUIRE_CLIENT_LIBS=1` (as `.ci/run` sets), when it fails.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::fcm::{project, send, Emu, DEVICE, PROJECT};

/// True when `python3` can import `module`; otherwise a note, or a failure when required.
#[allow(clippy::print_stderr)] // the skip note is what the test promises to print
fn python_module(module: &str) -> bool {
    let found = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("PUSHDIAG_REQUIRE_CLIENT_LIBS").as_deref() != Ok("1"),
            "PUSHDIAG_REQUIRE_CLIENT_LIBS=1 but python3 cannot import {module} (python3 -m pip install firebase-admin)"
        );
        eprintln!("note: skipped: python3 cannot import {module} (set PUSHDIAG_REQUIRE_CLIENT_LIBS=1 to make this a failure)");
    }
    found
}

#[test]
fn firebase_admin_is_accepted_and_pushdiag_sends_the_same_message() {
    if !python_module("firebase_admin") {
        return;
    }
    let emu = Emu::start("good", &[]);
    let dir = project(&emu, PROJECT, "good");
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/fcm_firebase_admin.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(dir.path().join("sa.json"))
        .arg(emu.base())
        .arg(DEVICE)
        .arg(ext)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "firebase-admin failed against the emulator:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("one JSON line");
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
