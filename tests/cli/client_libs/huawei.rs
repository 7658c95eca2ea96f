//! Huawei's `python-huawei-push-admin` (PyPI), unmodified: `initialize_app`'s `token_server` and
//! `push_open_url` point it at the emulated Huawei OAuth server and Push Kit, which must take its
//! token request and its message, and pushdiag's message must agree with it on what matters.

use pushdiag::emulator::{BUILTIN_HUAWEI_APP_ID, BUILTIN_HUAWEI_APP_SECRET, BUILTIN_HUAWEI_DEVICE};
use pushdiag::vendor::Vendor;
use serde_json::Value;

use super::{python_modules, run_python};
use crate::clients::send_test_ok;
use crate::emu::Emu;

const EXT: &str = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;

#[test]
fn push_admin_is_accepted_and_pushdiag_sends_the_same_android_fields() {
    // `six` too: the package imports it without declaring it.
    if !python_modules(
        &["push_admin", "six", "requests"],
        "python-huawei-push-admin==1.0.0 six==1.17.0",
    ) {
        return;
    }
    let emu = Emu::start(&[]);
    let base = emu.base_of(Vendor::Huawei);
    let answer = run_python(
        "huawei_push_admin.py",
        &[&base, BUILTIN_HUAWEI_APP_ID, BUILTIN_HUAWEI_DEVICE, EXT],
        &[("HUAWEI_APP_SECRET", BUILTIN_HUAWEI_APP_SECRET)],
    );
    assert_eq!(answer["code"], "80000000", "{answer}");
    assert!(answer["requestId"].is_string(), "{answer}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    assert_eq!(pushes[0].vendor, Vendor::Huawei);
    assert_eq!(pushes[0].target, BUILTIN_HUAWEI_DEVICE);
    assert_eq!(pushes[0].title, "pushdiag");

    // pushdiag, with the same app and device, to the same emulator.
    let project = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        project.path().join("pushdiag.toml"),
        format!("[huawei]\nbusiness-id = 10003\napp-id = \"{BUILTIN_HUAWEI_APP_ID}\"\napp-secret = {{ env = \"HUAWEI_APP_SECRET\" }}\ntest-devices = [\"{BUILTIN_HUAWEI_DEVICE}\"]\nendpoint = \"{base}\"\nauth-endpoint = \"{base}\"\n"),
    )
    .expect("config");
    send_test_ok(
        project.path(),
        &["--vendor", "huawei", "--ext", EXT],
        &[("HUAWEI_APP_SECRET", BUILTIN_HUAWEI_APP_SECRET)],
    );
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2, "{pushes:?}");
    let (theirs, ours) = (&pushes[0].payload["message"], &pushes[1].payload["message"]);
    for field in [
        "/token",
        "/data",
        "/android/notification/title",
        "/android/notification/click_action",
    ] {
        assert_eq!(
            theirs.pointer(field),
            ours.pointer(field),
            "{field}: {theirs} vs {ours}"
        );
    }
    // pushdiag sends a test message (`target_user_type` 1), which push_admin 1.0.0 cannot.
    assert_eq!(ours["android"]["target_user_type"], 1);
    assert_eq!(theirs["android"]["target_user_type"], Value::Null);
    assert_eq!(pushes[0].ext, pushes[1].ext);
    assert_eq!(pushes[0].ext.as_deref(), Some(EXT));
}
