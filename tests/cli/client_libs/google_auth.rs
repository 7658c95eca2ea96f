//! Google's `google-auth` (PyPI), unmodified: the service account's `token_uri` points it at the
//! emulated Google token endpoint, and the access token it gets there opens the FCM emulator.

use std::process::Command;

use super::{python_modules, run_python};
use crate::fcm::{project, Emu, DEVICE, PROJECT};

const INSTALL: &str = "google-auth==2.63.1";

#[test]
fn google_auth_gets_a_token_at_token_uri_and_fcm_takes_it() {
    if !python_modules(&["google.auth", "requests"], INSTALL) {
        return;
    }
    let emu = Emu::start("good", &[]);
    let dir = project(&emu, PROJECT, "good");
    let account = dir.path().join("sa.json");
    let ext = r#"{"entity":{"version":1}}"#;
    let answer = run_python(
        "fcm_google_auth.py",
        &[
            &account.to_string_lossy(),
            &emu.base(),
            PROJECT,
            DEVICE,
            ext,
        ],
        &[],
    );
    assert_eq!(answer["status"], 200, "{answer}");
    assert!(
        answer["answer"]["name"]
            .as_str()
            .is_some_and(|n| n.starts_with(&format!("projects/{PROJECT}/messages/"))),
        "{answer}"
    );
    // The emulator's token lives an hour, as Google's: google-auth read `expires_in`.
    assert!(answer["token_expiry"].is_string(), "{answer}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    assert_eq!(pushes[0].target, DEVICE);
    assert_eq!(pushes[0].ext.as_deref(), Some(ext));
}

/// A service account whose key was revoked (the emulator knows another key for it): the token
/// endpoint refuses the assertion and google-auth raises, sending nothing.
#[test]
fn google_auth_with_a_revoked_key_is_refused_at_token_uri() {
    if !python_modules(&["google.auth", "requests"], INSTALL) {
        return;
    }
    let emu = Emu::start("rekeyed", &[]);
    let dir = project(&emu, PROJECT, "good");
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/fcm_google_auth.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(dir.path().join("sa.json"))
        .args([&emu.base(), PROJECT, DEVICE, "{}"])
        .env("NO_PROXY", "127.0.0.1,localhost")
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("RefreshError") && stderr.contains("invalid_grant"),
        "{stderr}"
    );
    assert!(emu.pushes().is_empty());
}
