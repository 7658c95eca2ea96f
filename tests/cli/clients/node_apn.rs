//! `@parse/node-apn` (npm), unmodified, against the emulator's APNs sandbox port: node-apn posts
//! `/3/device/<token>` at the root of the host it is given (`address`, `port`, and `ca` to trust
//! the emulator's certificate), as it does to api.sandbox.push.apple.com. Before the root ports
//! it got a 404 with an empty body.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use p256::pkcs8::{EncodePrivateKey as _, LineEnding};
use pushdiag::emulator::{
    builtin_apns_signing_key, ApnsEnvironment, BUILTIN_APNS_BUNDLE_ID, BUILTIN_APNS_KEY_ID,
    BUILTIN_APNS_PRODUCTION_DEVICE, BUILTIN_APNS_SANDBOX_DEVICE, BUILTIN_APNS_TEAM_ID,
};
use serde_json::Value;

use super::{client_dir, run_node, send_test_ok};
use crate::emu::Emu;

const EXT: &str = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;

/// Writes the built-in key (rebuilt from its public recipe, as docs/vendors/apns.md says anyone
/// can) to `work/AuthKey.p8` and sends one alert to `device` with node-apn on 127.0.0.1:`port`,
/// trusting `ca`; node-apn's result.
fn node_apn(client: &Path, work: &Path, ca: &Path, port: u16, device: &str) -> Value {
    let key = builtin_apns_signing_key()
        .to_pkcs8_pem(LineEnding::LF)
        .expect("pkcs8");
    std::fs::write(work.join("AuthKey.p8"), key.as_bytes()).expect("key");
    let (ca, key) = (ca.to_string_lossy(), work.join("AuthKey.p8"));
    run_node(
        client,
        "send.js",
        &[],
        &[
            ("APNS_ADDRESS", "127.0.0.1"),
            ("APNS_PORT", &port.to_string()),
            ("APNS_CA", &ca),
            ("APNS_KEY", &key.to_string_lossy()),
            ("APNS_KEY_ID", BUILTIN_APNS_KEY_ID),
            ("APNS_TEAM_ID", BUILTIN_APNS_TEAM_ID),
            ("APNS_TOPIC", BUILTIN_APNS_BUNDLE_ID),
            ("APNS_DEVICE", device),
            ("APNS_EXT", EXT),
        ],
    )
}

#[test]
fn node_apn_posts_at_the_root_of_the_sandbox_port_and_pushdiag_sends_the_same() {
    let Some(client) = client_dir("node-apn", "node_modules/@parse/node-apn") else {
        return;
    };
    let mut emu = Emu::start(&[]);
    let port = emu.serve_apns(ApnsEnvironment::Sandbox);
    let work = tempfile::tempdir().expect("tempdir");
    let ca = work.path().join("ca.pem");
    std::fs::write(&ca, &port.ca_pem).expect("CA");
    let result = node_apn(
        &client,
        work.path(),
        &ca,
        port.addr.port(),
        BUILTIN_APNS_SANDBOX_DEVICE,
    );
    assert_eq!(
        result["sent"][0]["device"], BUILTIN_APNS_SANDBOX_DEVICE,
        "{result}"
    );
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    let theirs = &pushes[0];
    assert!(theirs.test_mode, "the sandbox port is the sandbox");
    assert_eq!(theirs.target, BUILTIN_APNS_SANDBOX_DEVICE);
    assert_eq!(theirs.app_id, BUILTIN_APNS_BUNDLE_ID);
    assert_eq!(theirs.title, "pushdiag");
    assert_eq!(theirs.ext.as_deref(), Some(EXT));

    // pushdiag, with the same key, to the same port: the root URL is an `endpoint` too.
    std::fs::write(
        work.path().join("pushdiag.toml"),
        format!(
            "[apns]\nbundle-id = \"{BUILTIN_APNS_BUNDLE_ID}\"\nkey-file = \"AuthKey.p8\"\nkey-id = \"{BUILTIN_APNS_KEY_ID}\"\nteam-id = \"{BUILTIN_APNS_TEAM_ID}\"\nendpoint = \"https://{}\"\nca-file = \"ca.pem\"\n",
            port.addr
        ),
    )
    .expect("config");
    send_test_ok(
        work.path(),
        &[
            "--vendor",
            "apns",
            "--to",
            BUILTIN_APNS_SANDBOX_DEVICE,
            "--ext",
            EXT,
        ],
        &[],
    );
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2, "{pushes:?}");
    let (theirs, ours) = (&pushes[0].payload, &pushes[1].payload);
    for header in ["apns-topic", "apns-push-type", "apns-priority"] {
        assert_eq!(
            theirs["headers"][header], ours["headers"][header],
            "{header}"
        );
    }
    assert_eq!(theirs["body"]["ext"], ours["body"]["ext"]);
    let keys = |value: &Value| {
        let mut keys: Vec<String> = value.as_object().expect("object").keys().cloned().collect();
        keys.sort();
        keys
    };
    for part in ["/body", "/body/aps", "/body/aps/alert"] {
        let (t, o) = (theirs.pointer(part), ours.pointer(part));
        assert_eq!(
            keys(t.expect("node-apn's")),
            keys(o.expect("ours")),
            "{part}"
        );
    }
}

/// A running `pushdiag emulate`, killed when dropped (a failed assert included).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What a user does: `pushdiag emulate --apns-listen ADDR --tls-ca-out ca.pem`, reads the root
/// URL from the banner, and points node-apn at it (production: App Store builds' tokens).
#[test]
fn emulate_prints_the_apns_ports_and_node_apn_pushes_to_production_there() {
    let work = tempfile::tempdir().expect("tempdir");
    let ca = work.path().join("ca.pem");
    let mut emulate = Running(
        Command::new(assert_cmd::cargo::cargo_bin("pushdiag"))
            .args(["emulate", "--listen", "127.0.0.1:0", "--format", "json"])
            .args(["--apns-listen", "127.0.0.1:0"])
            .args(["--apns-sandbox-listen", "127.0.0.1:0", "--tls-ca-out"])
            .arg(&ca)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("emulate starts"),
    );
    let mut banner = String::new();
    BufReader::new(emulate.0.stdout.take().expect("stdout"))
        .read_line(&mut banner)
        .expect("banner");
    let mut stderr = BufReader::new(emulate.0.stderr.take().expect("stderr")).lines();
    // The CA is written before the line that says how to trust it.
    let ca_line = stderr.next().and_then(Result::ok).unwrap_or_default();
    let banner: Value = serde_json::from_str(&banner).unwrap_or_else(|e| panic!("{e}: {banner}"));
    let urls = &banner["apns_root_urls"];
    let production = urls["production"].as_str().expect("production URL");
    assert!(production.starts_with("https://127.0.0.1:"), "{banner}");
    assert!(
        urls["sandbox"].as_str().is_some_and(|s| s != production),
        "{banner}"
    );
    assert!(ca_line.contains("TLS (HTTP/2) and h2c"), "{ca_line}");
    assert!(std::fs::read_to_string(&ca).is_ok_and(|pem| pem.contains("BEGIN CERTIFICATE")));

    let Some(client) = client_dir("node-apn", "node_modules/@parse/node-apn") else {
        return;
    };
    let port = production.rsplit(':').next().and_then(|p| p.parse().ok());
    let result = node_apn(
        &client,
        work.path(),
        &ca,
        port.expect("port"),
        BUILTIN_APNS_PRODUCTION_DEVICE,
    );
    assert_eq!(result["failed"], serde_json::json!([]), "{result}");
    // A 200 means the push was recorded; its line follows on stderr.
    let accepted = stderr
        .map_while(Result::ok)
        .find(|line| line.starts_with("apns: accepted"))
        .unwrap_or_default();
    assert!(accepted.contains("a formal push"), "{accepted}");
}
