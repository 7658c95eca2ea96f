//! Tencent's `tls-sig-api-v2` from npm, unmodified: a UserSig it makes opens the emulated Tencent
//! IM, and the calls a Node.js app server makes with it (account_check, sendmsg) are taken and
//! pushed, as with the PyPI library (`tests/cli/tim.rs`).

use std::process::Command;

use pushdiag::emulator::{
    BUILTIN_TIM_ADMIN, BUILTIN_TIM_PUSH_ONLINE_USER, BUILTIN_TIM_SDK_APP_ID, BUILTIN_TIM_SECRET_KEY,
};
use pushdiag::vendor::Vendor;
use serde_json::Value;

use super::client_dir;
use crate::emu::Emu;

#[test]
fn a_usersig_from_the_npm_library_opens_the_emulated_tencent_im() {
    let Some(client) = client_dir("tim-node", "node_modules/tls-sig-api-v2") else {
        return;
    };
    let emu = Emu::start(&[]);
    let output = Command::new("node")
        .arg("call.js")
        .args([
            &emu.base_of(Vendor::Tim),
            BUILTIN_TIM_SDK_APP_ID,
            BUILTIN_TIM_ADMIN,
            BUILTIN_TIM_PUSH_ONLINE_USER,
        ])
        .current_dir(&client)
        .env("TIM_SECRET_KEY", BUILTIN_TIM_SECRET_KEY)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answers: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(answers["version"], "1.0.2");
    assert_eq!(answers["account_check"]["ErrorCode"], 0, "{answers}");
    assert_eq!(
        answers["account_check"]["ResultItem"][0]["AccountStatus"],
        "Imported"
    );
    assert_eq!(answers["sendmsg"]["ErrorCode"], 0, "{answers}");
    let pushes = emu.pushes();
    assert_eq!(
        pushes.iter().map(|p| p.vendor).collect::<Vec<_>>(),
        [Vendor::Tim, Vendor::Vivo],
        "{pushes:?}"
    );
    assert_eq!(pushes[1].title, "npm");
}
