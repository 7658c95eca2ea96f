//! APNs end to end: `send-test --vendor apns` and `check-config --online` against the in-process
//! emulator over HTTP/2 (h2c on loopback), with keys generated here. The provider tokens the
//! emulator received are verified again with `jsonwebtoken` (ring's ECDSA), independently of the
//! p256 code that signed them and of the emulator's own check.

use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use p256::ecdsa::signature::Signer as _;
use p256::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _, LineEnding};
use pushdiag::emulator::{
    App, Emulator, EmulatorConfig, RecordedPush, Registry, BUILTIN_APNS_PRODUCTION_DEVICE,
    BUILTIN_APNS_SANDBOX_DEVICE,
};
use pushdiag::secret::Secret;
use pushdiag::vendor::Vendor;
use serde_json::Value;
use sha2::Digest as _;

use crate::snap::{assert_absent, assert_snap, Snap};
use crate::{pushdiag, rules_of, vendor_command, Run};

pub const KEY_ID: &str = "KEY1234567";
pub const TEAM_ID: &str = "TEAM123456";
pub const BUNDLE: &str = "com.example.apnstest";

/// A P-256 key from a label (scalar = SHA-256 of it): reproducible, never a real credential.
pub fn signing_key(label: &str) -> p256::ecdsa::SigningKey {
    let scalar = sha2::Sha256::digest(label.as_bytes());
    p256::ecdsa::SigningKey::from_slice(&scalar).expect("a valid scalar")
}

fn public_pem(key: &p256::ecdsa::SigningKey) -> String {
    key.verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("public pem")
}

/// The emulator with one APNs key registered (the "good" key), serving on its own runtime.
pub struct Emu {
    runtime: tokio::runtime::Runtime,
    emulator: Option<Emulator>,
}

impl Emu {
    pub fn start() -> Emu {
        Emu::start_with_faults(&[])
    }

    /// The registered key ("good"): KEY_ID of TEAM_ID for BUNDLE, the built-in tokens.
    pub fn app() -> App {
        App {
            package: Some(BUNDLE.to_owned()),
            test_devices: vec![BUILTIN_APNS_SANDBOX_DEVICE.to_owned()],
            devices: vec![BUILTIN_APNS_PRODUCTION_DEVICE.to_owned()],
            public_key: Some(public_pem(&signing_key("good"))),
            ..App::new(Vendor::Apns, KEY_ID, TEAM_ID, Secret::new(""))
        }
    }

    pub fn start_with_faults(faults: &[&str]) -> Emu {
        Emu::with_app(Emu::app(), faults)
    }

    pub fn with_app(app: App, faults: &[&str]) -> Emu {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let emulator = runtime
            .block_on(Emulator::start(EmulatorConfig {
                listen: "127.0.0.1:0".parse().expect("addr"),
                registry: Registry { apps: vec![app] },
                faults: faults.iter().map(|f| f.parse().expect("fault")).collect(),
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

    /// Serves the emulator over TLS too; the TLS base URL and the CA to trust.
    pub fn tls(&mut self) -> (String, String) {
        let emulator = self.emulator.as_mut().expect("running");
        let tls = self
            .runtime
            .block_on(emulator.serve_tls("127.0.0.1:0".parse().expect("addr")))
            .expect("TLS starts");
        (format!("https://{}/apns", tls.addr), tls.ca_pem)
    }

    pub fn sandbox(&self) -> String {
        format!("{}-sandbox", self.emulator().base_url(Vendor::Apns))
    }

    pub fn production(&self) -> String {
        self.emulator().base_url(Vendor::Apns)
    }

    pub fn pushes(&self) -> Vec<RecordedPush> {
        self.emulator().pushes()
    }
}

impl Drop for Emu {
    fn drop(&mut self) {
        if let Some(emulator) = self.emulator.take() {
            self.runtime.block_on(emulator.shutdown());
        }
    }
}

/// A project whose `[apns]` uses token auth with the key of `label`, `key_id` and `team_id`.
pub fn project(
    endpoint: &str,
    label: &str,
    key_id: &str,
    team_id: &str,
    bundle: &str,
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let pem = signing_key(label)
        .to_pkcs8_pem(LineEnding::LF)
        .expect("pkcs8");
    std::fs::write(
        dir.path().join(format!("AuthKey_{key_id}.p8")),
        pem.as_bytes(),
    )
    .expect("write key");
    let toml = format!(
        "[apns]\nbusiness-id-development = 1\nbusiness-id-production = 2\nbundle-id = \"{bundle}\"\nkey-file = \"AuthKey_{key_id}.p8\"\nkey-id = \"{key_id}\"\nteam-id = \"{team_id}\"\nendpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

/// `pushdiag ARGS` in `dir`, added to `snap`.
pub fn run(snap: &mut Snap, dir: &Path, args: &[&str]) -> Run {
    snap.path(dir, "[PROJECT]");
    snap.with(&mut vendor_command(dir, "apns"), args)
}

/// `send-test --vendor apns --format json ARGS`, added to `snap`.
pub fn send(snap: &mut Snap, dir: &Path, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["send-test", "--vendor", "apns", "--format", "json"];
    all.extend_from_slice(args);
    let run = run(snap, dir, &all);
    let document = run.json();
    (run, document)
}

/// Verifies an `authorization: bearer <JWT>` with `jsonwebtoken` and returns (kid, claims).
fn verify_independently(authorization: &str, key: &p256::ecdsa::SigningKey) -> (String, Value) {
    let jwt = authorization.strip_prefix("bearer ").expect("bearer");
    let decoding =
        jsonwebtoken::DecodingKey::from_ec_pem(public_pem(key).as_bytes()).expect("decoding key");
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Value>(jwt, &decoding, &validation).expect("verifies");
    (data.header.kid.expect("kid"), data.claims)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

/// Apple's request shape (headers, TIM's payload with aps.alert and the ext at the top level as a
/// string) is in the snapshot, with the environment and why on stderr. Here: ES256 with the
/// registered key, checked by another implementation; one token for the run (not re-signed per
/// request); an expiration a day ahead; apns-id reaches the result.
#[test]
fn good_key_sandbox_push_is_accepted_with_apples_request_shape() {
    let emu = Emu::start();
    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"alice"}}"#;
    let to = BUILTIN_APNS_SANDBOX_DEVICE;
    let args = [
        "--to", to, "--to", to, "--title", "Hi", "--desc", "Body", "--ext", ext,
    ];
    let mut snap = Snap::new();
    let (run, document) = send(&mut snap, dir.path(), &args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 2, "{pushes:?}");
    let headers = &pushes[0].payload["headers"];
    let expiration: i64 = headers["apns-expiration"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("seconds");
    assert!((expiration - now() - 86_400).abs() < 120, "{expiration}");
    let authorization = headers["authorization"].as_str().expect("authorization");
    let (kid, claims) = verify_independently(authorization, &signing_key("good"));
    assert_eq!(kid, KEY_ID);
    assert_eq!(claims["iss"], TEAM_ID);
    assert!((claims["iat"].as_i64().expect("iat") - now()).abs() < 120);
    let second = &pushes[1].payload["headers"]["authorization"];
    assert_eq!(second, &headers["authorization"], "one token for the run");
    assert_eq!(document["results"][0]["message_id"], headers["apns-id"]);
    assert_snap!(snap.pushes(&pushes));
}

/// `--production` goes to production, and stderr says why.
#[test]
fn production_push_goes_to_production_and_says_why() {
    let emu = Emu::start();
    let dir = project(&emu.production(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let mut snap = Snap::new();
    let args = ["--production", "--to", BUILTIN_APNS_PRODUCTION_DEVICE];
    let (run, document) = send(&mut snap, dir.path(), &args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    assert!(!pushes[0].test_mode);
    assert_snap!(snap);
}

/// A refusal of the credentials: exit 1, credential-rejected pointing at the config, no push.
fn credentials_refused(dir: &Path, emu: &Emu) -> Snap {
    let mut snap = Snap::new();
    let (run, document) = send(&mut snap, dir, &["--to", BUILTIN_APNS_SANDBOX_DEVICE]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"], "{document:#}");
    assert!(emu.pushes().is_empty());
    snap
}

#[test]
fn wrong_key_id_is_invalid_provider_token() {
    let emu = Emu::start();
    let dir = project(&emu.sandbox(), "good", "WRONG12345", TEAM_ID, BUNDLE);
    assert_snap!(credentials_refused(dir.path(), &emu));
}

#[test]
fn wrong_team_is_invalid_provider_token() {
    let emu = Emu::start();
    let dir = project(&emu.sandbox(), "good", KEY_ID, "OTHER12345", BUNDLE);
    assert_snap!(credentials_refused(dir.path(), &emu));
}

#[test]
fn wrong_key_is_invalid_provider_token() {
    // The right ids, another key (a revoked and re-created key, or another team's .p8).
    let emu = Emu::start();
    let dir = project(&emu.sandbox(), "another key", KEY_ID, TEAM_ID, BUNDLE);
    assert_snap!(credentials_refused(dir.path(), &emu));
}

/// TopicDisallowed: the key may not push to another bundle id.
#[test]
fn wrong_topic_is_apns_topic_mismatch() {
    let emu = Emu::start();
    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, "com.example.other");
    let mut snap = Snap::new();
    let (run, document) = send(
        &mut snap,
        dir.path(),
        &["--to", BUILTIN_APNS_SANDBOX_DEVICE],
    );
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(rules_of(&document), ["apns-topic-mismatch"], "{document:#}");
    assert!(emu.pushes().is_empty());
    assert_snap!(snap);
}

/// The reverse of send_test.rs's rule test: a TestFlight token sent without --production.
#[test]
fn production_token_on_the_sandbox_is_an_environment_mismatch_too() {
    let emu = Emu::start();
    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let mut snap = Snap::new();
    let to = ["--to", BUILTIN_APNS_PRODUCTION_DEVICE];
    let (run, document) = send(&mut snap, dir.path(), &to);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let rules = rules_of(&document);
    assert_eq!(rules, ["device-token-environment-mismatch"], "{document:#}");
    assert_snap!(snap);
}

/// iOS 12 `<…>` with spaces, upper case: stripped and sent as lowercase hex. iOS 13's
/// description form: not sent, explained.
#[test]
fn pasted_tokens_are_normalised_or_explained() {
    let emu = Emu::start();
    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let spaced: String = BUILTIN_APNS_SANDBOX_DEVICE
        .to_ascii_uppercase()
        .as_bytes()
        .chunks(8)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect::<Vec<_>>()
        .join(" ");
    let pasted = format!("<{spaced}>");
    let mut snap = Snap::new();
    let (run, document) = send(&mut snap, dir.path(), &["--to", &pasted]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty());
    assert_eq!(emu.pushes()[0].target, BUILTIN_APNS_SANDBOX_DEVICE);
    let ios13 = "{length = 32, bytes = 0x5a4e5f7b 0c1d2e3f ... 8495a6b7 }";
    let (run, document) = send(&mut snap, dir.path(), &["--to", ios13]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(rules_of(&document), ["device-token-malformed"]);
    assert_eq!(emu.pushes().len(), 1, "nothing more was sent");
    assert_snap!(snap);
}

/// `--dry-run` prints Apple's request with the provider token masked; with `endpoint`
/// configured, it is used as given (a proxy, the emulator), even with --production.
#[test]
fn dry_run_shows_apples_request_with_the_token_masked() {
    let sandbox = "https://api.sandbox.push.apple.com";
    let dir = project(sandbox, "good", KEY_ID, TEAM_ID, BUNDLE);
    let mut snap = Snap::new();
    let args = [
        "send-test",
        "--vendor",
        "apns",
        "--dry-run",
        "--to",
        BUILTIN_APNS_SANDBOX_DEVICE,
        "--ext",
        r#"{"entity":{}}"#,
    ];
    let out = run(&mut snap, dir.path(), &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("eyJ"), "no JWT in a dry run");
    let args = [
        "send-test",
        "--vendor",
        "apns",
        "--dry-run",
        "--format",
        "json",
        "--production",
        "--to",
        BUILTIN_APNS_PRODUCTION_DEVICE,
    ];
    let out = run(&mut snap, dir.path(), &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("eyJ"), "no JWT in a dry run");
    assert_snap!(snap);
}

/// The online probe accepts the good key (never a push) and refuses another team's.
#[test]
fn check_config_online_probe_accepts_the_good_key_and_refuses_a_wrong_one() {
    let emu = Emu::start();
    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let mut snap = Snap::new();
    let args = ["check-config", "--online", "--format", "json", "-v"];
    let out = run(&mut snap, dir.path(), &args);
    let document = out.json();
    assert!(!rules_of(&document).contains(&"credential-rejected".to_owned()));
    assert!(emu.pushes().is_empty(), "the probe is never a push");

    let dir = project(&emu.sandbox(), "good", KEY_ID, "OTHER12345", BUNDLE);
    let out = run(&mut snap, dir.path(), &args[..4]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(rules_of(&out.json()).contains(&"credential-rejected".to_owned()));
    assert_snap!(snap);
}

/// A hand-made provider token (`iat` chosen by the test) for the emulator's token checks.
fn token(key: &p256::ecdsa::SigningKey, iat: i64) -> String {
    let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"ES256","kid":"{KEY_ID}"}}"#));
    let claims = URL_SAFE_NO_PAD.encode(format!(r#"{{"iss":"{TEAM_ID}","iat":{iat}}}"#));
    let input = format!("{header}.{claims}");
    let signature: p256::ecdsa::Signature = key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// POSTs a push with `jwt` on `client`'s connection; (status, reason).
fn post(emu: &Emu, client: &reqwest::Client, jwt: &str) -> (u16, String) {
    let url = format!("{}/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}", emu.sandbox());
    emu.runtime.block_on(async {
        let response = client
            .post(url)
            .header("authorization", format!("bearer {jwt}"))
            .header("apns-topic", BUNDLE)
            .header("apns-push-type", "alert")
            .body(r#"{"aps":{"alert":"x"}}"#)
            .send()
            .await
            .expect("answer");
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        (status, body["reason"].as_str().unwrap_or("").to_owned())
    })
}

fn h2c() -> reqwest::Client {
    reqwest::Client::builder()
        .http2_prior_knowledge()
        .no_proxy()
        .build()
        .expect("client")
}

#[test]
fn an_hour_old_provider_token_is_expired_provider_token() {
    let emu = Emu::start();
    let now = pushdiag::vendors::apns::jwt::now();
    let key = signing_key("good");
    assert_eq!(
        post(&emu, &h2c(), &token(&key, now - 3601)),
        (403, "ExpiredProviderToken".to_owned())
    );
    assert_eq!(post(&emu, &h2c(), &token(&key, now - 3000)).0, 200);
}

#[test]
fn re_signing_within_20_minutes_is_too_many_provider_token_updates() {
    let emu = Emu::start();
    let now = pushdiag::vendors::apns::jwt::now();
    let key = signing_key("good");
    let client = h2c();
    assert_eq!(post(&emu, &client, &token(&key, now - 1500)).0, 200);
    // The same token again is fine: reuse is what Apple asks for.
    assert_eq!(post(&emu, &client, &token(&key, now - 1500)).0, 200);
    assert_eq!(
        post(&emu, &client, &token(&key, now - 1400)),
        (429, "TooManyProviderTokenUpdates".to_owned())
    );
    // A token 20 minutes newer than the connection's is a normal refresh.
    assert_eq!(post(&emu, &client, &token(&key, now - 250)).0, 200);
}

/// Regression (issue 16): the emulator keyed a connection's provider token by a memory address
/// that the next connection reused after a close, so a brand-new connection with another token
/// drew 429 TooManyProviderTokenUpdates, as Apple never answers on a fresh connection.
#[test]
fn a_new_connection_may_use_another_token() {
    let emu = Emu::start();
    let now = pushdiag::vendors::apns::jwt::now();
    let key = signing_key("good");
    // 24 fresh connections, each with a token a few seconds newer than the last: under the old
    // keying some of them landed on a freed connection's address.
    for age in (350..=1500).rev().step_by(50) {
        // A client of its own each time: a new connection, closed when the client is dropped.
        assert_eq!(
            post(&emu, &h2c(), &token(&key, now - age)).0,
            200,
            "iat now-{age}"
        );
    }
}

#[test]
fn http1_is_refused_because_apns_is_http2_only() {
    let emu = Emu::start();
    let url = format!("{}/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}", emu.sandbox());
    let status = emu.runtime.block_on(async {
        reqwest::Client::builder()
            .http1_only()
            .no_proxy()
            .build()
            .expect("client")
            .post(url)
            .body("{}")
            .send()
            .await
            .expect("answer")
            .status()
            .as_u16()
    });
    assert_eq!(status, 505);
}

/// `pushdiag explain apns REASON`: string reasons (case-insensitive), a status's reasons, the
/// table (one line per reason), and a near miss suggested.
#[test]
fn explain_apns_reasons() {
    let mut snap = Snap::new();
    let out = snap.pushdiag(&["explain", "apns", "BadDeviceToken"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = snap.pushdiag(&["explain", "apns", "403"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = snap.pushdiag(&["explain", "apns"]);
    let reasons = pushdiag::vendors::apns::codes::REASONS.len();
    assert_eq!(out.stdout.lines().count(), reasons);
    let out = snap.pushdiag(&["explain", "apns", "BadDeviceTokn"]);
    assert_eq!(out.code, 2);
    assert_snap!(snap);
}

/// A project with certificate auth: a `.p12` made by `fixture_gen` (`spec` after the path and
/// password), the emulator's CA as `ca-file`, the TLS `endpoint`.
fn cert_project(endpoint: &str, ca_pem: &str, spec: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let specs = crate::fixture_gen::parse(&format!("p12 push.p12 password=p12-test-pw {spec}"))
        .expect("spec");
    crate::fixture_gen::generate(dir.path(), &specs).expect("p12");
    std::fs::write(dir.path().join("ca.pem"), ca_pem).expect("ca");
    let toml = format!(
        "[apns]\nbusiness-id-development = 1\nbusiness-id-production = 2\nbundle-id = \"{BUNDLE}\"\ncertificate = \"push.p12\"\ncertificate-password = {{ env = \"APNS_P12_PASSWORD\" }}\nca-file = \"ca.pem\"\nendpoint = \"{endpoint}\"\n"
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("config");
    dir
}

/// `send-test --vendor apns --format json ARGS` with the .p12's password, added to `snap`.
fn send_with_password(snap: &mut Snap, dir: &Path, args: &[&str]) -> (Run, Value) {
    snap.path(dir, "[PROJECT]");
    let mut all = vec!["send-test", "--vendor", "apns", "--format", "json"];
    all.extend_from_slice(args);
    let command = &mut vendor_command(dir, "apns");
    let run = snap.with(command.env("APNS_P12_PASSWORD", P12_PASSWORD), &all);
    assert_absent(&run, P12_PASSWORD);
    let document = run.json();
    (run, document)
}

const P12_PASSWORD: &str = "p12-test-pw";

/// Certificate auth: no provider token, the topic as configured. Without the CA, the emulator's
/// certificate is not trusted: nothing is sent.
#[test]
fn certificate_auth_over_tls_with_the_emulators_ca() {
    let mut emu = Emu::start();
    let (base, ca) = emu.tls();
    let spec = format!("env=development uid={BUNDLE}");
    let dir = cert_project(&format!("{base}-sandbox"), &ca, &spec);
    let mut snap = Snap::new();
    let to = ["--to", BUILTIN_APNS_SANDBOX_DEVICE];
    let (run, document) = send_with_password(&mut snap, dir.path(), &to);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].payload["headers"]["authorization"], Value::Null);

    let config = dir.path().join("pushdiag.toml");
    let toml = std::fs::read_to_string(&config).expect("read");
    std::fs::write(&config, toml.replace("ca-file = \"ca.pem\"\n", "")).expect("write");
    let (run, _) = send_with_password(&mut snap, dir.path(), &to);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1);
    assert_snap!(snap.pushes(&pushes));
}

#[test]
fn development_certificate_on_production_is_bad_certificate_environment() {
    let mut emu = Emu::start();
    let (base, ca) = emu.tls();
    let dir = cert_project(&base, &ca, &format!("env=development uid={BUNDLE}"));
    let mut snap = Snap::new();
    let args = ["--production", "--to", BUILTIN_APNS_PRODUCTION_DEVICE];
    let (run, document) = send_with_password(&mut snap, dir.path(), &args);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let rules = rules_of(&document);
    assert!(
        rules.contains(&"apns-environment-mismatch".to_owned()),
        "{document:#}"
    );
    assert!(emu.pushes().is_empty());
    assert_snap!(snap);
}

#[test]
fn expired_certificate_is_refused_and_expiring_one_is_a_warning() {
    let mut emu = Emu::start();
    let (base, ca) = emu.tls();
    let sandbox = format!("{base}-sandbox");
    let to = ["--to", BUILTIN_APNS_SANDBOX_DEVICE];
    let mut snap = Snap::new();
    let spec = format!("env=development uid={BUNDLE} not_before=-400d not_after=-5d");
    let dir = cert_project(&sandbox, &ca, &spec);
    let (run, document) = send_with_password(&mut snap, dir.path(), &to);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let rules = rules_of(&document);
    assert!(
        rules.contains(&"apns-cert-expired".to_owned()),
        "{document:#}"
    );
    assert!(
        rules.contains(&"credential-rejected".to_owned()),
        "{document:#}"
    );
    assert!(emu.pushes().is_empty());

    let spec = format!("env=development uid={BUNDLE} not_before=-355d not_after=+10d");
    let dir = cert_project(&sandbox, &ca, &spec);
    let (run, document) = send_with_password(&mut snap, dir.path(), &to);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(rules_of(&document), ["apns-cert-expiring"], "{document:#}");
    assert_eq!(emu.pushes().len(), 1);
    assert_snap!(snap);
}

/// A .p12 without its key: exit 2 with one error line naming the rule; nothing sent.
#[test]
fn p12_without_its_key_cannot_send() {
    let mut emu = Emu::start();
    let (base, ca) = emu.tls();
    let dir = cert_project(&base, &ca, &format!("env=development uid={BUNDLE} key=no"));
    let mut snap = Snap::new();
    snap.path(dir.path(), "[PROJECT]");
    let command = &mut pushdiag();
    command
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .env("APNS_P12_PASSWORD", P12_PASSWORD);
    let args = [
        "send-test",
        "--vendor",
        "apns",
        "--to",
        BUILTIN_APNS_SANDBOX_DEVICE,
    ];
    let run = snap.with(command, &args);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "one error line: {}",
        run.stderr
    );
    assert_absent(&run, P12_PASSWORD);
    assert!(emu.pushes().is_empty());
    assert_snap!(snap);
}

/// What a user does: `pushdiag emulate --tls-listen … --tls-ca-out ca.pem`, then token auth over
/// real TLS with ALPN h2, trusting only the written CA (`[apns] ca-file`). The built-in key is
/// rebuilt from its public recipe, as docs/vendors/apns.md says anyone can.
#[test]
fn emulate_over_tls_with_the_written_ca_and_the_built_in_key() {
    use pushdiag::emulator::{
        builtin_apns_signing_key, BUILTIN_APNS_BUNDLE_ID, BUILTIN_APNS_KEY_ID, BUILTIN_APNS_TEAM_ID,
    };
    use std::io::{BufRead as _, BufReader};
    let dir = tempfile::tempdir().expect("tempdir");
    let ca = dir.path().join("ca.pem");
    let binary = assert_cmd::cargo::cargo_bin("pushdiag");
    let mut child = std::process::Command::new(binary)
        .args([
            "emulate",
            "--listen",
            "127.0.0.1:0",
            "--tls-listen",
            "127.0.0.1:0",
            "--tls-ca-out",
        ])
        .arg(&ca)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("emulate starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut base = None;
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("line");
        if let Some(rest) = line.strip_prefix("TLS (HTTP/2): ") {
            base = rest.split(' ').next().map(str::to_owned);
            break;
        }
    }
    let base = base.expect("the TLS line");
    assert!(
        base.starts_with("https://127.0.0.1:") && base.ends_with("/apns"),
        "{base}"
    );
    let pem = builtin_apns_signing_key()
        .to_pkcs8_pem(LineEnding::LF)
        .expect("pkcs8");
    std::fs::write(dir.path().join("AuthKey.p8"), pem.as_bytes()).expect("key");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        format!("[apns]\nbundle-id = \"{BUILTIN_APNS_BUNDLE_ID}\"\nkey-file = \"AuthKey.p8\"\nkey-id = \"{BUILTIN_APNS_KEY_ID}\"\nteam-id = \"{BUILTIN_APNS_TEAM_ID}\"\nendpoint = \"{base}-sandbox\"\nca-file = \"ca.pem\"\n"),
    )
    .expect("config");
    let mut snap = Snap::new();
    let (run, document) = send(
        &mut snap,
        dir.path(),
        &["--to", BUILTIN_APNS_SANDBOX_DEVICE],
    );
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    assert_snap!(snap);
}

/// APNs does not de-duplicate, so a push whose answer was lost is never sent again (one push,
/// exit 3), while a refused connection is retried; 503 is unknown, not a refusal.
#[test]
fn lost_answers_are_not_retried_and_busy_is_unknown() {
    let mut snap = Snap::new();
    for (fault, code, pushes) in [("apns=reset", 3, 1), ("apns=busy", 3, 0)] {
        let emu = Emu::start_with_faults(&[fault]);
        let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
        snap.section("emulator fault", fault);
        let (run, document) = send(
            &mut snap,
            dir.path(),
            &["--to", BUILTIN_APNS_SANDBOX_DEVICE],
        );
        assert_eq!(run.code, code, "{fault}: {}\n{}", run.stdout, run.stderr);
        assert!(rules_of(&document).is_empty(), "{fault}: {document:#}");
        assert_eq!(emu.pushes().len(), pushes, "{fault}");
    }
    assert_snap!(snap);
}

/// A sandbox-only key on production: BadEnvironmentKeyInToken, an environment mismatch of the
/// key (A.3); and a stale token: 410 Unregistered with its timestamp.
#[test]
fn restricted_key_and_unregistered_token() {
    let app = App {
        environment: Some("development".to_owned()),
        unregistered: vec![STALE.to_owned()],
        ..Emu::app()
    };
    let emu = Emu::with_app(app, &[]);
    let mut snap = Snap::new();
    let dir = project(&emu.production(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let args = ["--production", "--to", BUILTIN_APNS_PRODUCTION_DEVICE];
    let (run, document) = send(&mut snap, dir.path(), &args);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let rules = rules_of(&document);
    assert_eq!(rules, ["apns-environment-mismatch"], "{document:#}");

    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let (run, document) = send(&mut snap, dir.path(), &["--to", STALE]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        rules_of(&document),
        ["device-token-malformed"],
        "{document:#}"
    );
    assert!(emu.pushes().is_empty());
    assert_snap!(snap);
}

const STALE: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// APNs closes connections with GOAWAY (`{"reason":"Shutdown"}`, A). The emulator's `goaway`
/// fault sends it with a last-stream-id below the push's stream, so APNs did not handle the
/// push: pushdiag sends it once more on a new connection (exactly one push, exit 0); a second
/// GOAWAY is final (nothing pushed, exit 3, said plainly: "nothing was pushed", not "the answer
/// is unknown"). The GOAWAY try is one more than `--retries` (2 by default) allows: try 2 of 4.
#[test]
fn goaway_before_handling_is_sent_once_more_on_a_new_connection() {
    let mut snap = Snap::new();
    let to = ["--to", BUILTIN_APNS_SANDBOX_DEVICE, "-v"];
    let emu = Emu::start_with_faults(&["apns/3/device/{token}=goaway*1"]);
    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let (run, _) = send(&mut snap, dir.path(), &to);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1);

    let emu = Emu::start_with_faults(&["apns/3/device/{token}=goaway*2"]);
    let dir = project(&emu.sandbox(), "good", KEY_ID, TEAM_ID, BUNDLE);
    let (run, _) = send(&mut snap, dir.path(), &to);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(emu.pushes().is_empty());
    assert_snap!(snap);
}

/// The same over TLS (ALPN h2, the emulator's CA as `ca-file`): the GOAWAY travels inside the
/// TLS session, and the push sent once more arrives once.
#[test]
fn goaway_over_tls_is_sent_once_more_too() {
    let mut emu = Emu::start_with_faults(&["apns/3/device/{token}=goaway*1"]);
    let (base, ca_pem) = emu.tls();
    let dir = project(&base, "good", KEY_ID, TEAM_ID, BUNDLE);
    std::fs::write(dir.path().join("ca.pem"), ca_pem).expect("write CA");
    let config = dir.path().join("pushdiag.toml");
    let toml = std::fs::read_to_string(&config).expect("config");
    std::fs::write(&config, format!("{toml}ca-file = \"ca.pem\"\n")).expect("write config");
    let mut snap = Snap::new();
    let args = ["--production", "--to", BUILTIN_APNS_PRODUCTION_DEVICE, "-v"];
    let (run, _) = send(&mut snap, dir.path(), &args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(emu.pushes().len(), 1);
    assert_snap!(snap);
}

/// Under `--emulated` the built-in key signs, but the topic is still the app's: `bundle-id`, else
/// `package`, as with a real key (it fell back to the uni-app example's bundle, so the Flutter
/// example's APNs check pushed for another app).
#[test]
fn emulated_key_pushes_for_the_configs_package() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        "package = \"com.example.flutterchat\"\n[apns]\nkey-file = \"AuthKey.p8\"\n",
    )
    .expect("config");
    let run = Run::of(
        vendor_command(dir.path(), "apns")
            .env_remove("PUSHDIAG_PACKAGE")
            .args(["--emulated", "send-test", "--vendor", "apns", "--dry-run"]),
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("apns-topic: com.example.flutterchat"),
        "{}",
        run.stdout
    );
}

/// Issue 17: a wrong `.p12` password stopped `check-config` (exit 2, "cannot open") while a wrong
/// key file is a finding; it is a `credential-rejected` finding at `certificate-password` now.
#[test]
fn a_wrong_p12_password_is_a_finding_at_the_password() {
    let dir = cert_project(
        "https://127.0.0.1:9",
        "",
        &format!("env=development uid={BUNDLE}"),
    );
    let wrong = "Wr0ngP12Passw0rd";
    let run = Run::of(
        pushdiag()
            .current_dir(dir.path())
            .env_remove("PUSHDIAG_CONFIG")
            .env("APNS_P12_PASSWORD", wrong)
            .args(["check-config", "--format", "json"]),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let document = run.json();
    let finding = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "credential-rejected")
        .unwrap_or_else(|| panic!("no credential-rejected: {document:#}"));
    assert_eq!(finding["location"]["pointer"], "/apns/certificate-password");
    assert_eq!(finding["location"]["line"], 6);
    assert_absent(&run, wrong);
}
