//! `@parse/node-apn` (npm), unmodified, against the emulator's APNs sandbox port: node-apn posts
//! `/3/device/<token>` at the root of the host it is given (`address`, `port`, and `ca` to trust
//! the emulator's certificate), as it does to api.sandbox.push.apple.com. Before the root ports
//! it got a 404 with an empty body.

use std::process::Command;

use p256::pkcs8::{EncodePrivateKey as _, LineEnding};
use pushdiag::emulator::{
    builtin_apns_signing_key, ApnsEnvironment, BUILTIN_APNS_BUNDLE_ID, BUILTIN_APNS_KEY_ID,
    BUILTIN_APNS_SANDBOX_DEVICE, BUILTIN_APNS_TEAM_ID,
};
use serde_json::Value;

use super::client_dir;
use crate::emu::Emu;
use crate::pushdiag;

const EXT: &str = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;

#[test]
fn node_apn_posts_at_the_root_of_the_sandbox_port_and_pushdiag_sends_the_same() {
    let Some(client) = client_dir("node-apn", "node_modules/@parse/node-apn") else {
        return;
    };
    let mut emu = Emu::start(&[]);
    let port = emu.serve_apns(ApnsEnvironment::Sandbox);
    let work = tempfile::tempdir().expect("tempdir");
    std::fs::write(work.path().join("ca.pem"), &port.ca_pem).expect("CA");
    // The built-in key, rebuilt from its public recipe as docs/vendors/apns.md says anyone can.
    let key = builtin_apns_signing_key()
        .to_pkcs8_pem(LineEnding::LF)
        .expect("pkcs8");
    std::fs::write(work.path().join("AuthKey.p8"), key.as_bytes()).expect("key");

    let output = Command::new("node")
        .arg("send.js")
        .current_dir(&client)
        .env("APNS_ADDRESS", "127.0.0.1")
        .env("APNS_PORT", port.addr.port().to_string())
        .env("APNS_CA", work.path().join("ca.pem"))
        .env("APNS_KEY", work.path().join("AuthKey.p8"))
        .env("APNS_KEY_ID", BUILTIN_APNS_KEY_ID)
        .env("APNS_TEAM_ID", BUILTIN_APNS_TEAM_ID)
        .env("APNS_TOPIC", BUILTIN_APNS_BUNDLE_ID)
        .env("APNS_DEVICE", BUILTIN_APNS_SANDBOX_DEVICE)
        .env("APNS_EXT", EXT)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "node-apn failed against the emulator:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}: {stdout}"));
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
    let run = pushdiag()
        .current_dir(work.path())
        .env_remove("PUSHDIAG_CONFIG")
        .args([
            "send-test",
            "--vendor",
            "apns",
            "--to",
            BUILTIN_APNS_SANDBOX_DEVICE,
        ])
        .args(["--ext", EXT])
        .output()
        .expect("ran");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
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

/// What a user does: `pushdiag emulate --apns-listen ADDR --tls-ca-out ca.pem`, reads the root
/// URL from the banner, and points node-apn at it (production: App Store builds' tokens).
#[test]
fn emulate_prints_the_apns_ports_and_node_apn_pushes_to_production_there() {
    use std::io::{BufRead as _, BufReader};
    let work = tempfile::tempdir().expect("tempdir");
    let ca = work.path().join("ca.pem");
    let mut emulate = Command::new(assert_cmd::cargo::cargo_bin("pushdiag"))
        .args(["emulate", "--listen", "127.0.0.1:0", "--format", "json"])
        .args(["--apns-listen", "127.0.0.1:0"])
        .args(["--apns-sandbox-listen", "127.0.0.1:0", "--tls-ca-out"])
        .arg(&ca)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("emulate starts");
    let mut banner = String::new();
    BufReader::new(emulate.stdout.take().expect("stdout"))
        .read_line(&mut banner)
        .expect("banner");
    let mut stderr = BufReader::new(emulate.stderr.take().expect("stderr")).lines();
    // The CA is written before the line that says where it is.
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

    let sent = client_dir("node-apn", "node_modules/@parse/node-apn").map(|client| {
        let key = builtin_apns_signing_key()
            .to_pkcs8_pem(LineEnding::LF)
            .expect("pkcs8");
        std::fs::write(work.path().join("AuthKey.p8"), key.as_bytes()).expect("key");
        let port = production.rsplit(':').next().expect("port");
        Command::new("node")
            .arg("send.js")
            .current_dir(client)
            .env("APNS_ADDRESS", "127.0.0.1")
            .env("APNS_PORT", port)
            .env("APNS_CA", &ca)
            .env("APNS_KEY", work.path().join("AuthKey.p8"))
            .env("APNS_KEY_ID", BUILTIN_APNS_KEY_ID)
            .env("APNS_TEAM_ID", BUILTIN_APNS_TEAM_ID)
            .env("APNS_TOPIC", BUILTIN_APNS_BUNDLE_ID)
            .env(
                "APNS_DEVICE",
                pushdiag::emulator::BUILTIN_APNS_PRODUCTION_DEVICE,
            )
            .env("APNS_EXT", EXT)
            .output()
            .expect("node runs")
    });
    // Read only after a success: a 200 means a push was recorded, and its line follows.
    let accepted = match &sent {
        Some(output) if output.status.success() => stderr
            .by_ref()
            .map_while(Result::ok)
            .find(|line| line.starts_with("apns: accepted")),
        _ => None,
    };
    let _ = emulate.kill();
    let _ = emulate.wait();
    if let Some(output) = sent {
        assert!(
            output.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let accepted = accepted.unwrap_or_default();
        assert!(accepted.contains("a formal push"), "{accepted}");
    }
}
