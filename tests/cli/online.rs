//! `check-config --online`: each configured vendor's harmless credential check against the
//! in-process emulator, concurrently, with no push sent. The check-config rules only a vendor
//! that answers can raise are triggered by the test [`RULE_TESTS`] names, which `rules.rs`
//! checks.

use std::path::Path;

use pushdiag::emulator::{
    Emulator, EmulatorConfig, Registry, BUILTIN_HONOR_APP_ID, BUILTIN_HONOR_CLIENT_ID,
    BUILTIN_HONOR_CLIENT_SECRET, BUILTIN_HONOR_DEVICE, BUILTIN_HUAWEI_APP_ID,
    BUILTIN_HUAWEI_APP_SECRET, BUILTIN_HUAWEI_DEVICE, BUILTIN_MEIZU_APP_ID, BUILTIN_MEIZU_APP_KEY,
    BUILTIN_MEIZU_APP_SECRET, BUILTIN_MEIZU_DEVICE, BUILTIN_OPPO_APP_ID, BUILTIN_OPPO_APP_KEY,
    BUILTIN_OPPO_DEVICE, BUILTIN_OPPO_MASTER_SECRET, BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_APP_KEY,
    BUILTIN_VIVO_APP_SECRET, BUILTIN_VIVO_TEST_DEVICE, BUILTIN_XIAOMI_APP_ID,
    BUILTIN_XIAOMI_APP_KEY, BUILTIN_XIAOMI_APP_SECRET, BUILTIN_XIAOMI_DEVICE,
    BUILTIN_XIAOMI_PACKAGE,
};
use pushdiag::vendor::Vendor;
use serde_json::Value;

use crate::{pushdiag, rules_of};

/// The check-config rules `--online` raises and the test in this file that triggers each (and
/// checks the fix passes).
pub const RULE_TESTS: &[(&str, &str)] = &[(
    "credential-rejected",
    "wrong_secret_is_credential_rejected_for_that_vendor_only",
)];

/// The emulator with its own runtime, serving while the test waits for the pushdiag process.
struct Emu {
    runtime: tokio::runtime::Runtime,
    emulator: Option<Emulator>,
}

impl Emu {
    fn start() -> Emu {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let emulator = runtime
            .block_on(Emulator::start(EmulatorConfig {
                listen: "127.0.0.1:0".parse().expect("addr"),
                registry: Registry::builtin(),
                faults: Vec::new(),
            }))
            .expect("emulator starts");
        Emu {
            runtime,
            emulator: Some(emulator),
        }
    }

    fn emulator(&self) -> &Emulator {
        self.emulator.as_ref().expect("running")
    }
}

impl Drop for Emu {
    fn drop(&mut self) {
        if let Some(emulator) = self.emulator.take() {
            self.runtime.block_on(emulator.shutdown());
        }
    }
}

/// The built-in secrets, as the configs below read them from the environment.
pub const SECRETS: &[(&str, &str)] = &[
    ("VIVO_APP_SECRET", BUILTIN_VIVO_APP_SECRET),
    // Configured (the offline checks want it); the credential check does not use it.
    ("OPPO_APP_SECRET", "fedcba9876543210fedcba9876543210"),
    ("OPPO_MASTER_SECRET", BUILTIN_OPPO_MASTER_SECRET),
    ("XIAOMI_APP_SECRET", BUILTIN_XIAOMI_APP_SECRET),
    ("MEIZU_APP_SECRET", BUILTIN_MEIZU_APP_SECRET),
    ("HUAWEI_APP_SECRET", BUILTIN_HUAWEI_APP_SECRET),
    ("HONOR_CLIENT_SECRET", BUILTIN_HONOR_CLIENT_SECRET),
];

/// A project whose pushdiag.toml has the six built-in apps, each vendor's endpoint from
/// `endpoint(vendor)`.
pub fn project(endpoint: impl Fn(Vendor) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vivo, oppo, xiaomi, meizu, huawei, honor) = (
        endpoint(Vendor::Vivo),
        endpoint(Vendor::Oppo),
        endpoint(Vendor::Xiaomi),
        endpoint(Vendor::Meizu),
        endpoint(Vendor::Huawei),
        endpoint(Vendor::Honor),
    );
    let toml = format!(
        "package = \"{BUILTIN_XIAOMI_PACKAGE}\"\n\n\
         [vivo]\nbusiness-id = 10004\napp-id = \"{BUILTIN_VIVO_APP_ID}\"\napp-key = \"{BUILTIN_VIVO_APP_KEY}\"\napp-secret = {{ env = \"VIVO_APP_SECRET\" }}\ntest-devices = [\"{BUILTIN_VIVO_TEST_DEVICE}\"]\nendpoint = \"{vivo}\"\n\n\
         [oppo]\nbusiness-id = 10002\napp-id = \"{BUILTIN_OPPO_APP_ID}\"\napp-key = \"{BUILTIN_OPPO_APP_KEY}\"\napp-secret = {{ env = \"OPPO_APP_SECRET\" }}\nmaster-secret = {{ env = \"OPPO_MASTER_SECRET\" }}\nchannel-id = \"new_message\"\ntest-devices = [\"{BUILTIN_OPPO_DEVICE}\"]\nendpoint = \"{oppo}\"\n\n\
         [xiaomi]\nbusiness-id = 10001\napp-id = \"{BUILTIN_XIAOMI_APP_ID}\"\napp-key = \"{BUILTIN_XIAOMI_APP_KEY}\"\napp-secret = {{ env = \"XIAOMI_APP_SECRET\" }}\nchannel-id = \"new_message\"\ntest-devices = [\"{BUILTIN_XIAOMI_DEVICE}\"]\nendpoint = \"{xiaomi}\"\n\n\
         [meizu]\nbusiness-id = 10005\napp-id = \"{BUILTIN_MEIZU_APP_ID}\"\napp-key = \"{BUILTIN_MEIZU_APP_KEY}\"\napp-secret = {{ env = \"MEIZU_APP_SECRET\" }}\ntest-devices = [\"{BUILTIN_MEIZU_DEVICE}\"]\nendpoint = \"{meizu}\"\n\n\
         [huawei]\nbusiness-id = 10003\napp-id = \"{BUILTIN_HUAWEI_APP_ID}\"\napp-secret = {{ env = \"HUAWEI_APP_SECRET\" }}\ntest-devices = [\"{BUILTIN_HUAWEI_DEVICE}\"]\nendpoint = \"{huawei}\"\nauth-endpoint = \"{huawei}\"\n\n\
         [honor]\nbusiness-id = 10006\napp-id = \"{BUILTIN_HONOR_APP_ID}\"\nclient-id = \"{BUILTIN_HONOR_CLIENT_ID}\"\nclient-secret = {{ env = \"HONOR_CLIENT_SECRET\" }}\ntest-devices = [\"{BUILTIN_HONOR_DEVICE}\"]\nendpoint = \"{honor}\"\nauth-endpoint = \"{honor}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

struct Run {
    code: i32,
    document: Value,
    stderr: String,
}

/// `pushdiag --format json check-config --online ARGS` in `dir`, the built-in secrets in the
/// environment except those `overrides` replaces.
fn online(dir: &Path, overrides: &[(&str, &str)], args: &[&str]) -> Run {
    let mut command = pushdiag();
    command.current_dir(dir).env_remove("PUSHDIAG_CONFIG");
    for vendor in ["VIVO", "OPPO", "XIAOMI", "MEIZU", "HUAWEI", "HONOR"] {
        command.env_remove(format!("PUSHDIAG_{vendor}_ENDPOINT"));
    }
    for (name, value) in SECRETS {
        command.env(name, value);
    }
    for (name, value) in overrides {
        command.env(name, value);
    }
    let output = command
        .args(["--format", "json", "check-config", "--online"])
        .args(args)
        .output()
        .expect("ran");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
    let document =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\nstderr: {stderr}"));
    Run {
        code: output.status.code().expect("exit code"),
        document,
        stderr,
    }
}

fn results(document: &Value) -> Vec<Value> {
    document["results"].as_array().cloned().unwrap_or_default()
}

#[test]
fn all_six_vendors_accept_the_built_in_credentials_and_nothing_is_pushed() {
    let emu = Emu::start();
    let dir = project(|v| emu.emulator().base_url(v));
    let run = online(dir.path(), &[], &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.document, run.stderr);
    let results = results(&run.document);
    assert_eq!(results.len(), 6, "{results:?}");
    for result in &results {
        assert_eq!(result["target"], "auth", "{result}");
        assert_eq!(result["outcome"], "accepted", "{result}");
    }
    let mut vendors: Vec<&str> = results
        .iter()
        .filter_map(|r| r["vendor"].as_str())
        .collect();
    vendors.sort_unstable();
    assert_eq!(
        vendors,
        ["honor", "huawei", "meizu", "oppo", "vivo", "xiaomi"]
    );
    assert!(
        emu.emulator().pushes().is_empty(),
        "a credential check pushes nothing"
    );
}

#[test]
fn wrong_secret_is_credential_rejected_for_that_vendor_only() {
    let emu = Emu::start();
    let dir = project(|v| emu.emulator().base_url(v));
    for (name, vendor) in [
        ("XIAOMI_APP_SECRET", "xiaomi"),
        ("MEIZU_APP_SECRET", "meizu"),
        ("VIVO_APP_SECRET", "vivo"),
    ] {
        let wrong = "ffffffffffffffffffffffffffffffff";
        let run = online(dir.path(), &[(name, wrong)], &[]);
        assert_eq!(run.code, 1, "{vendor}: {}\n{}", run.document, run.stderr);
        assert_eq!(rules_of(&run.document), ["credential-rejected"], "{vendor}");
        assert_eq!(run.document["findings"][0]["vendor"], vendor);
        let rejected: Vec<Value> = results(&run.document)
            .into_iter()
            .filter(|r| r["outcome"] == "rejected")
            .collect();
        assert_eq!(rejected.len(), 1, "{vendor}: {rejected:?}");
        assert_eq!(rejected[0]["vendor"], vendor);
        assert!(!run.document.to_string().contains(wrong) && !run.stderr.contains(wrong));
    }
    // The fix: the right secrets.
    let run = online(dir.path(), &[], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(rules_of(&run.document).is_empty());
    assert!(emu.emulator().pushes().is_empty());
}

#[test]
fn closed_port_is_unreachable_exit_3() {
    let emu = Emu::start();
    // A port that was free a moment ago: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    let dir = project(|v| {
        if v == Vendor::Oppo {
            format!("http://{closed}/oppo")
        } else {
            emu.emulator().base_url(v)
        }
    });
    let run = online(dir.path(), &[], &[]);
    assert_eq!(run.code, 3, "{}\n{}", run.document, run.stderr);
    let oppo: Vec<Value> = results(&run.document)
        .into_iter()
        .filter(|r| r["vendor"] == "oppo")
        .collect();
    assert_eq!(oppo.len(), 1);
    assert_eq!(oppo[0]["outcome"], "unreachable");
    assert!(rules_of(&run.document).is_empty());
}

#[test]
fn emulated_checks_the_example_project_online() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = root.join("examples/uniapp-chat");
    let project = project.to_str().expect("UTF-8");
    let mut command = pushdiag();
    command.current_dir(root).env_remove("PUSHDIAG_CONFIG");
    for (name, value) in SECRETS {
        command.env(name, value);
    }
    let output = command
        .args(["--format", "json", "--emulated", "check-config", "--online"])
        .args(["--project", project])
        .output()
        .expect("ran");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let document: Value = serde_json::from_str(&stdout).expect("JSON");
    let results = results(&document);
    // The example configures Huawei, vivo, Xiaomi and OPPO (and Tencent IM, not checked yet).
    assert_eq!(results.len(), 4, "{stdout}\n{stderr}");
    for result in &results {
        assert_eq!(result["target"], "auth");
        assert_eq!(result["outcome"], "accepted", "{result}\n{stderr}");
    }
    assert!(stderr.contains("emulator"), "{stderr}");
}
