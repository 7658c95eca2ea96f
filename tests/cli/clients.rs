//! Clients that are not pushdiag, against pushdiag's emulator: what they send must be accepted,
//! and pushdiag's own request must match it in every field that matters.
//!
//! No vendor of the six Android channels publishes a server SDK to npm or PyPI (checked on
//! 2026-11-22: npm `vivo-push`, `oppo-push`, `meizu-push`, `honor-push` do not exist; `xiaomi-push`,
//! `mipush` and `huawei-push` are third-party; PyPI has none of `xmpush`, `mipush`, `vivo-push`,
//! `oppo-push`, `huawei-push`, `hms-push`, `meizupush`). The client people really use for vivo
//! is the seed's Node.js script (`npm install axios js-md5; node testvivo`), so
//! `tests/clients/vivo-node/testvivo.js` runs that flow with those two packages.
//!
//! The packages are installed by `.ci/run` (`npm ci` in the client's folder). Without them the
//! test says so and passes, unless `PUSHDIAG_REQUIRE_CLIENT_LIBS=1` (set by `.ci/run`), where a
//! missing client is a failure.

mod node_apn;
mod tim_node;

use std::path::{Path, PathBuf};

use pushdiag::emulator::{
    BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_APP_KEY, BUILTIN_VIVO_APP_SECRET, BUILTIN_VIVO_TEST_DEVICE,
};
use pushdiag::vendor::Vendor;
use serde_json::Value;

use crate::emu::Emu;
use crate::pushdiag;

/// The folder of a client under `tests/clients/`, or `None` (with a note) when its packages are
/// not installed and they are not required.
pub(crate) fn client_dir(name: &str, installed_marker: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/clients")
        .join(name);
    if dir.join(installed_marker).exists() {
        return Some(dir);
    }
    let why = format!(
        "{name}: {installed_marker} is not installed (run `npm ci --prefix {}`)",
        dir.display()
    );
    assert!(
        std::env::var_os("PUSHDIAG_REQUIRE_CLIENT_LIBS").is_none_or(|v| v != "1"),
        "PUSHDIAG_REQUIRE_CLIENT_LIBS=1 but {why}"
    );
    #[allow(clippy::print_stderr)] // the note a skipped test leaves in the test log
    {
        eprintln!("skipped: {why}");
    }
    None
}

/// `node SCRIPT ARGS` in `dir` with `env`: it must succeed; its last stdout line, as JSON.
pub(crate) fn run_node(dir: &Path, script: &str, args: &[&str], env: &[(&str, &str)]) -> Value {
    let mut command = std::process::Command::new("node");
    command.arg(script).args(args).current_dir(dir);
    for (var, value) in env {
        command.env(var, value);
    }
    let output = command.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{script} failed against the emulator:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// `pushdiag send-test ARGS` in `dir` with `env`, which must exit 0.
pub(crate) fn send_test_ok(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let mut command = pushdiag();
    command
        .current_dir(dir)
        .env_remove("PUSHDIAG_CONFIG")
        .arg("send-test")
        .args(args);
    for (var, value) in env {
        command.env(var, value);
    }
    let run = command.output().expect("ran");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The keys and values of vivo's send body that decide how the push is treated; the rest
/// (`requestId`, the texts) differ by design.
const VIVO_FIELDS_THAT_MATTER: &[&str] = &[
    "appId",
    "regId",
    "notifyType",
    "timeToLive",
    "skipType",
    "classification",
    "category",
    "pushMode",
];

#[test]
fn vivo_node_client_from_the_seed_is_accepted_and_pushdiag_sends_the_same() {
    let Some(dir) = client_dir("vivo-node", "node_modules/js-md5") else {
        return;
    };
    let emu = Emu::start(&[]);
    let last = run_node(
        &dir,
        "testvivo.js",
        &[],
        &[
            ("VIVO_BASE", &emu.base_of(Vendor::Vivo)),
            ("VIVO_APP_ID", BUILTIN_VIVO_APP_ID),
            ("VIVO_APP_KEY", BUILTIN_VIVO_APP_KEY),
            ("VIVO_APP_SECRET", BUILTIN_VIVO_APP_SECRET),
            ("VIVO_REG_ID", BUILTIN_VIVO_TEST_DEVICE),
        ],
    );
    assert_eq!(last["result"], 0, "{last}");
    let from_node = emu.pushes();
    assert_eq!(from_node.len(), 1, "{from_node:?}");
    assert!(from_node[0].test_mode);

    // pushdiag, with the same app and device, against the same emulator.
    let project = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        project.path().join("pushdiag.toml"),
        format!(
            "[vivo]\napp-id = \"{BUILTIN_VIVO_APP_ID}\"\napp-key = \"{BUILTIN_VIVO_APP_KEY}\"\napp-secret = {{ env = \"VIVO_APP_SECRET\" }}\ntest-devices = [\"{BUILTIN_VIVO_TEST_DEVICE}\"]\nendpoint = \"{}\"\n",
            emu.base_of(Vendor::Vivo)
        ),
    )
    .expect("write config");
    send_test_ok(
        project.path(),
        &["--vendor", "vivo", "--profile", "flutter"],
        &[("VIVO_APP_SECRET", BUILTIN_VIVO_APP_SECRET)],
    );
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2, "{pushes:?}");
    let (node, ours) = (&pushes[0].payload, &pushes[1].payload);
    for field in VIVO_FIELDS_THAT_MATTER {
        assert_eq!(node[field], ours[field], "{field}: {node} vs {ours}");
    }
    // Both carry the ext as a JSON string under clientCustomMap.ext, as the plugin reads it.
    for body in [node, ours] {
        let ext = body["clientCustomMap"]["ext"].as_str().expect("ext string");
        let ext: Value = serde_json::from_str(ext).expect("ext is JSON");
        assert!(ext["entity"].is_object(), "{ext}");
    }
    let mut node_keys: Vec<&String> = node.as_object().expect("object").keys().collect();
    let mut our_keys: Vec<&String> = ours.as_object().expect("object").keys().collect();
    node_keys.sort();
    our_keys.sort();
    assert_eq!(node_keys, our_keys);
}
