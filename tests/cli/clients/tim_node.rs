//! Tencent's `tls-sig-api-v2` from npm, unmodified: a UserSig it makes opens the emulated Tencent
//! IM, and the calls a Node.js app server makes with it (account_check, sendmsg) are taken and
//! pushed, as with the PyPI library (`tests/cli/tim.rs`).

use super::{client_dir, run_node};
use crate::emu::Emu;
use pushdiag::emulator::{
    BUILTIN_TIM_ADMIN, BUILTIN_TIM_PUSH_ONLINE_USER, BUILTIN_TIM_SDK_APP_ID, BUILTIN_TIM_SECRET_KEY,
};
use pushdiag::vendor::Vendor;

#[test]
fn a_usersig_from_the_npm_library_opens_the_emulated_tencent_im() {
    let Some(client) = client_dir("tim-node", "node_modules/tls-sig-api-v2") else {
        return;
    };
    let emu = Emu::start(&[]);
    let answers = run_node(
        &client,
        "call.js",
        &[
            &emu.base_of(Vendor::Tim),
            BUILTIN_TIM_SDK_APP_ID,
            BUILTIN_TIM_ADMIN,
            BUILTIN_TIM_PUSH_ONLINE_USER,
        ],
        &[("TIM_SECRET_KEY", BUILTIN_TIM_SECRET_KEY)],
    );
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
