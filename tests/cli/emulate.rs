//! `pushdiag emulate` as a user runs it: a separate process whose banner is a `pushdiag.toml` and
//! the variables to export. The config it prints works for every emulated vendor, with the
//! built-in apps and with an `--apps` file that registers all six.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use pushdiag::emulator::{
    BUILTIN_HONOR_CLIENT_SECRET, BUILTIN_OPPO_MASTER_SECRET, BUILTIN_VIVO_APP_SECRET,
};
use serde_json::Value;

use crate::pushdiag;

const VENDORS: [&str; 6] = ["vivo", "oppo", "xiaomi", "meizu", "huawei", "honor"];

/// A running `pushdiag emulate`, killed when dropped.
pub(crate) struct Running {
    child: Child,
    /// What it prints on stderr (each push as it happens).
    stderr: Option<std::process::ChildStderr>,
    pub(crate) config: String,
    pub(crate) exports: Vec<(String, String)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `pushdiag emulate ARGS` and reads its banner up to the blank line that ends it.
pub(crate) fn emulate(args: &[&str]) -> Running {
    let binary = assert_cmd::cargo::cargo_bin("pushdiag");
    let mut child = std::process::Command::new(binary)
        .args(["emulate", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("emulate starts");
    let stderr = child.stderr.take();
    let stdout = child.stdout.take().expect("stdout");
    let mut printed = String::new();
    let mut in_exports = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if in_exports && line.is_empty() {
            break;
        }
        in_exports |= line.starts_with("# and in the shell:");
        printed.push_str(&line);
        printed.push('\n');
    }
    let config = printed
        .split("# pushdiag.toml\n")
        .nth(1)
        .and_then(|rest| rest.split("# and in the shell:").next())
        .unwrap_or_else(|| panic!("no snippet in:\n{printed}"))
        .to_owned();
    let exports = printed
        .lines()
        .filter_map(|line| line.strip_prefix("export "))
        .filter_map(|pair| pair.split_once('='))
        .map(|(var, value)| (var.to_owned(), value.to_owned()))
        .collect();
    Running {
        child,
        stderr,
        config,
        exports,
    }
}

/// `pushdiag ARGS --format json` in `dir` with `exports` set; (exit code, report).
pub(crate) fn run_in(
    dir: &Path,
    exports: &[(String, String)],
    args: &[&str],
) -> (i32, Value, String) {
    let mut command = pushdiag();
    command
        .current_dir(dir)
        .env_remove("PUSHDIAG_CONFIG")
        .args(args)
        .args(["--format", "json"]);
    for (var, value) in exports {
        command.env(var, value);
    }
    let output = command.output().expect("ran");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let document =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\nstderr: {stderr}"));
    (output.status.code().expect("exit code"), document, stderr)
}

/// Every vendor of the printed config sends a test push to the running emulator, and
/// `check-config --online` authenticates all six.
fn every_vendor_works(running: &Running) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), &running.config).expect("write");
    for vendor in VENDORS {
        let (code, document, stderr) = run_in(
            dir.path(),
            &running.exports,
            &["send-test", "--vendor", vendor],
        );
        assert_eq!(code, 0, "{vendor}: {document:#}\n{stderr}");
        let accepted = document["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter(|r| r["target"] != "auth" && r["outcome"] == "accepted")
            .count();
        assert_eq!(accepted, 1, "{vendor}: {document:#}");
    }
    let (code, document, stderr) = run_in(
        dir.path(),
        &running.exports,
        &["check-config", "--online", "--project", "."],
    );
    assert_ne!(code, 3, "{document:#}\n{stderr}");
    let mut checked: Vec<&str> = document["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["outcome"] == "accepted")
        .filter_map(|r| r["vendor"].as_str())
        .collect();
    checked.sort_unstable();
    checked.dedup();
    // Every vendor section of the config, Tencent IM's included when the banner has one.
    let mut expected = VENDORS.to_vec();
    if running.config.contains("[tim]\n") {
        expected.push("tim");
    }
    expected.sort_unstable();
    assert_eq!(checked, expected, "{document:#}");
}

/// Issue 15: `emulate` prints each PushID on stderr as Tencent IM pushes, with where the push
/// stopped, so a developer can hand it to `trace --push-id`.
#[test]
fn emulate_prints_each_push_id_as_it_happens() {
    let mut running = emulate(&[]);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), &running.config).expect("write");
    let (_, document, stderr) = run_in(
        dir.path(),
        &running.exports,
        &["send-test", "--via", "tim", "--to", "gone"],
    );
    assert!(document["results"].is_array(), "{document:#}\n{stderr}");
    let lines = BufReader::new(running.stderr.take().expect("stderr")).lines();
    let line = lines
        .map_while(Result::ok)
        .find(|line| line.starts_with("tim: PushID "))
        .expect("a PushID line");
    assert!(line.contains(" to gone (message "), "{line}");
    assert!(line.contains("stopped at the vendor hop (10302 "), "{line}");
}

#[test]
fn builtin_banner_configures_every_vendor() {
    let running = emulate(&[]);
    assert!(running.config.contains("[tim]\n"), "{}", running.config);
    for vendor in VENDORS {
        assert!(
            running
                .config
                .contains(&format!("[{vendor}]\nendpoint = \"http://127.0.0.1:")),
            "{vendor}: {}",
            running.config
        );
    }
    // The config names variables; the built-in (public) secrets are only in the exports.
    assert!(!running.config.contains(BUILTIN_VIVO_APP_SECRET));
    for (var, value) in [
        ("VIVO_APP_SECRET", BUILTIN_VIVO_APP_SECRET),
        ("OPPO_MASTER_SECRET", BUILTIN_OPPO_MASTER_SECRET),
        ("HONOR_CLIENT_SECRET", BUILTIN_HONOR_CLIENT_SECRET),
    ] {
        assert!(
            running.exports.iter().any(|(v, x)| v == var && x == value),
            "{var}: {:?}",
            running.exports
        );
    }
    every_vendor_works(&running);
    the_config_passes_its_own_checks(&running);
}

/// Issue 13, item 8: the config `emulate` prints drew six `business-id-missing`. What pushdiag
/// writes passes its own checks: against the running emulator with the printed exports, and with
/// `--emulated` and nothing exported.
fn the_config_passes_its_own_checks(running: &Running) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), &running.config).expect("write");
    for (exports, emulated) in [(&running.exports[..], None), (&[][..], Some("--emulated"))] {
        let mut args = vec!["check-config", "--online", "--project", "."];
        args.extend(emulated);
        let (code, document, stderr) = run_in(dir.path(), exports, &args);
        assert_eq!(
            document["findings"],
            serde_json::json!([]),
            "{emulated:?}: {stderr}"
        );
        assert_eq!(code, 0, "{emulated:?}: {document:#}\n{stderr}");
    }
}

/// An apps file that registers one app per vendor, with every field the registry reads. Its
/// secrets are never printed: the banner says where they are, and the test exports them itself.
#[test]
fn apps_file_with_every_vendor_configures_every_vendor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let apps = dir.path().join("apps.toml");
    std::fs::write(&apps, APPS).expect("write apps");
    let mut running = emulate(&["--apps", apps.to_str().expect("utf-8")]);
    for (var, value) in &running.exports {
        assert_eq!(value, "<its secret from the apps file>", "{var}");
    }
    assert!(!running.config.contains("apps-file-secret"));
    running.exports = vec![
        (
            "VIVO_APP_SECRET".into(),
            "apps-file-secret-vivo-000000000000".into(),
        ),
        (
            "OPPO_APP_SECRET".into(),
            "apps-file-secret-oppo-client-00000".into(),
        ),
        (
            "OPPO_MASTER_SECRET".into(),
            "apps-file-secret-oppo-master-0000".into(),
        ),
        (
            "XIAOMI_APP_SECRET".into(),
            "apps-file-secret-xiaomi-000000000".into(),
        ),
        (
            "MEIZU_APP_SECRET".into(),
            "apps-file-secret-meizu-0000000000".into(),
        ),
        (
            "HUAWEI_APP_SECRET".into(),
            "apps-file-secret-huawei-000000000".into(),
        ),
        (
            "HONOR_CLIENT_SECRET".into(),
            "apps-file-secret-honor-000000000".into(),
        ),
    ];
    assert!(running.config.contains("package = \"org.example.apps\""));
    assert!(running.config.contains("client-id = \"honor-client-7\""));
    every_vendor_works(&running);
}

const APPS: &str = r#"
[[app]]
vendor = "vivo"
app-id = 20007
app-key = "apps-file-key-vivo"
app-secret = "apps-file-secret-vivo-000000000000"
test-devices = ["11111111111111111111117"]

[[app]]
vendor = "oppo"
app-id = "30000007"
app-key = "apps-file-key-oppo"
app-secret = "apps-file-secret-oppo-client-00000"
master-secret = "apps-file-secret-oppo-master-0000"
devices = ["OPPO_CN_00000000000000000000000000000007"]

[[app]]
vendor = "xiaomi"
app-id = "2882303761500000007"
app-key = "5000000000007"
app-secret = "apps-file-secret-xiaomi-000000000"
package = "org.example.apps"
devices = ["xiaomi-device-7"]

[[app]]
vendor = "meizu"
app-id = "100007"
app-key = "apps-file-key-meizu"
app-secret = "apps-file-secret-meizu-0000000000"
devices = ["RA50c6300000000000000000000000000000000000007"]

[[app]]
vendor = "huawei"
app-id = "100000007"
app-secret = "apps-file-secret-huawei-000000000"
devices = ["huawei-device-7"]

[[app]]
vendor = "honor"
app-id = "104000007"
app-key = "honor-client-7"
app-secret = "apps-file-secret-honor-000000000"
devices = ["honor-device-7"]
"#;
