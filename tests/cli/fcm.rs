//! FCM HTTP v1 end to end: `send-test --vendor fcm` and `check-config --online` against the
//! in-process emulator's token endpoint and `messages:send`, with service accounts made here
//! (RSA keys generated per run, never committed).

use std::path::Path;
use std::sync::OnceLock;

use pushdiag::emulator::{App, Emulator, EmulatorConfig, RecordedPush, Registry};
use pushdiag::secret::Secret;
use pushdiag::vendor::Vendor;
use rsa::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _, LineEnding};
use serde_json::Value;

use crate::{rules_of, send_json, vendor_command, Run};

pub const PROJECT: &str = "pushdiag-test";
pub const OTHER_PROJECT: &str = "other-project";
/// A registration token of PROJECT's app, one of OTHER_PROJECT's, and an iOS device whose
/// Firebase app has no APNs key (THIRD_PARTY_AUTH_ERROR).
pub const DEVICE: &str = "cZ1dpushdiagtestdevice:APA91bHtest000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001";
pub const OTHER_DEVICE: &str = "dQ2eotherprojectdevice:APA91bHtest000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002";
pub const IOS_DEVICE: &str = "eR3fiosdevicewithoutapnskey:APA91bHtest0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003";

/// An RSA key per label, made once per test run (1024 bits keeps debug builds fast; a label
/// ending in `-2048` gets 2048 bits, which ring, and so `jsonwebtoken`, requires).
pub fn key(label: &str) -> rsa::RsaPrivateKey {
    static KEYS: OnceLock<std::sync::Mutex<std::collections::HashMap<String, rsa::RsaPrivateKey>>> =
        OnceLock::new();
    let keys = KEYS.get_or_init(Default::default);
    let mut keys = keys.lock().expect("keys");
    keys.entry(label.to_owned())
        .or_insert_with(|| {
            let bits = if label.ends_with("-2048") { 2048 } else { 1024 };
            rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, bits).expect("RSA key")
        })
        .clone()
}

pub fn public_pem(label: &str) -> String {
    key(label)
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("pem")
}

pub fn email(project: &str) -> String {
    format!("firebase-adminsdk-abcde@{project}.iam.gserviceaccount.com")
}

/// A service-account JSON as Google issues it, for `project`, signed by `label`'s key, whose
/// `token_uri` is `token_uri`.
pub fn service_account(project: &str, label: &str, token_uri: &str) -> String {
    let pem = key(label).to_pkcs8_pem(LineEnding::LF).expect("pkcs8");
    let document = serde_json::json!({
        "type": "service_account",
        "project_id": project,
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": pem.as_str(),
        "client_email": email(project),
        "client_id": "123456789012345678901",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/firebase-adminsdk",
        "universe_domain": "googleapis.com"
    });
    serde_json::to_string_pretty(&document).expect("json")
}

pub struct Emu {
    pub runtime: tokio::runtime::Runtime,
    emulator: Option<Emulator>,
}

impl Emu {
    /// PROJECT registered with the key `registered` (not "good" = the account was revoked and
    /// re-keyed), OTHER_PROJECT with its own.
    pub fn start(registered: &str, faults: &[&str]) -> Emu {
        let account = |project: &str, label: &str, devices: Vec<String>, ios: Vec<String>| App {
            public_key: Some(public_pem(label)),
            devices,
            test_devices: ios,
            ..App::new(Vendor::Fcm, project, email(project), Secret::new(""))
        };
        let registry = Registry {
            apps: vec![
                account(
                    PROJECT,
                    registered,
                    vec![DEVICE.to_owned()],
                    vec![IOS_DEVICE.to_owned()],
                ),
                account(
                    OTHER_PROJECT,
                    "other",
                    vec![OTHER_DEVICE.to_owned()],
                    vec![],
                ),
            ],
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let emulator = runtime
            .block_on(Emulator::start(EmulatorConfig {
                listen: "127.0.0.1:0".parse().expect("addr"),
                registry,
                faults: faults.iter().map(|f| f.parse().expect("fault")).collect(),
            }))
            .expect("emulator starts");
        Emu {
            runtime,
            emulator: Some(emulator),
        }
    }

    pub fn base(&self) -> String {
        self.emulator
            .as_ref()
            .expect("running")
            .base_url(Vendor::Fcm)
    }

    pub fn pushes(&self) -> Vec<RecordedPush> {
        self.emulator.as_ref().expect("running").pushes()
    }
}

impl Drop for Emu {
    fn drop(&mut self) {
        if let Some(emulator) = self.emulator.take() {
            self.runtime.block_on(emulator.shutdown());
        }
    }
}

/// A project: `[fcm]` with the service account of `project` signed by `label`, pointing at
/// the emulator (its token endpoint is the account's `token_uri`).
pub fn project(emu: &Emu, project: &str, label: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let sa = service_account(project, label, &format!("{}/token", emu.base()));
    std::fs::write(dir.path().join("sa.json"), sa).expect("write sa");
    let toml = format!(
        "[fcm]\nbusiness-id = 1\nservice-account = \"sa.json\"\nendpoint = \"{}\"\n",
        emu.base()
    );
    std::fs::write(dir.path().join("pushdiag.toml"), toml).expect("write config");
    dir
}

pub fn run(dir: &Path, args: &[&str]) -> Run {
    Run::of(vendor_command(dir, "fcm").args(args))
}

pub fn send(dir: &Path, args: &[&str]) -> (Run, Value) {
    send_json(dir, "fcm", args)
}

#[test]
fn good_service_account_sends_with_ext_in_data() {
    let emu = Emu::start("good", &[]);
    let dir = project(&emu, PROJECT, "good");
    let ext = r#"{"entity":{"version":1,"chatType":1,"action":1,"sender":"bob"}}"#;
    let (run, document) = send(
        dir.path(),
        &["--to", DEVICE, "--title", "T", "--desc", "D", "--ext", ext],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    let pushes = emu.pushes();
    assert_eq!(pushes.len(), 1);
    let body = &pushes[0].payload;
    assert_eq!(body["validate_only"], false);
    let message = &body["message"];
    assert_eq!(message["token"], DEVICE);
    assert_eq!(message["notification"]["title"], "T");
    assert_eq!(message["notification"]["body"], "D");
    assert_eq!(message["data"]["ext"], Value::from(ext));
    assert_eq!(message["android"]["priority"], "HIGH");
    let results = document["results"].as_array().expect("results");
    assert_eq!(results[0]["target"], "auth");
    assert_eq!(results[0]["outcome"], "accepted");
    assert_eq!(
        results[1]["message_id"].as_str(),
        Some(pushes[0].task_id.as_str())
    );
    assert!(pushes[0]
        .task_id
        .starts_with(&format!("projects/{PROJECT}/messages/")));
}

#[test]
fn revoked_service_account_is_credential_rejected() {
    // The account's registered key is another one: this key was deleted or rotated.
    let emu = Emu::start("rotated", &[]);
    let dir = project(&emu, PROJECT, "good");
    let (run, document) = send(dir.path(), &["--to", DEVICE]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"], "{document:#}");
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("Invalid JWT Signature."), "{message}");
    assert!(emu.pushes().is_empty());
    assert!(!run.stdout.contains("PRIVATE KEY") && !run.stderr.contains("PRIVATE KEY"));
}

#[test]
fn token_of_another_project_is_sender_id_mismatch_explained_with_google_services_json() {
    let emu = Emu::start("good", &[]);
    let dir = project(&emu, PROJECT, "good");
    // The app was built with the other project's google-services.json.
    std::fs::create_dir_all(dir.path().join("app")).expect("app dir");
    std::fs::write(
        dir.path().join("app/build.gradle"),
        "plugins {\n    id 'com.android.application'\n    id 'com.google.gms.google-services'\n}\n\nandroid {\n    namespace 'com.example.chat'\n    defaultConfig {\n        applicationId \"com.example.chat\"\n    }\n}\n",
    )
    .expect("build.gradle");
    std::fs::write(
        dir.path().join("app/google-services.json"),
        format!(
            r#"{{"project_info":{{"project_number":"123456789012","project_id":"{OTHER_PROJECT}"}},"client":[],"configuration_version":"1"}}"#
        ),
    )
    .expect("google-services.json");
    let (run, document) = send(dir.path(), &["--to", OTHER_DEVICE]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        rules_of(&document),
        ["device-token-malformed"],
        "{document:#}"
    );
    let message = document["findings"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("SENDER_ID_MISMATCH"), "{message}");
    assert!(
        message.contains(&format!("google-services.json is for `{OTHER_PROJECT}`")),
        "{message}"
    );
}

#[test]
fn each_fcm_error_is_mapped() {
    let emu = Emu::start("good", &[]);
    let dir = project(&emu, PROJECT, "good");
    for (token, code, rule) in [
        ("too-short", "INVALID_ARGUMENT", "push-rejected"),
        (
            "fZ9zunknowndevice:APA91bHunknown00000000000000000000000000000000000000000000000000000000000000",
            "UNREGISTERED",
            "device-token-malformed",
        ),
        (IOS_DEVICE, "THIRD_PARTY_AUTH_ERROR", "credential-rejected"),
    ] {
        let (run, document) = send(dir.path(), &["--to", token]);
        assert_eq!(run.code, 1, "{token}: {}\n{}", run.stdout, run.stderr);
        assert_eq!(rules_of(&document), [rule], "{token}: {document:#}");
        let finding = &document["findings"][0];
        assert!(
            finding["message"].as_str().expect("message").contains(code),
            "{finding:#}"
        );
        if code == "THIRD_PARTY_AUTH_ERROR" {
            assert!(
                finding["help"].as_str().expect("help").contains("APNs auth key"),
                "{finding:#}"
            );
        }
    }
    assert!(emu.pushes().is_empty());
}

#[test]
fn busy_internal_and_quota_answers_are_unknown_not_refusals() {
    for (fault, status, code) in [
        (
            "fcm/v1/projects/{project}/messages:send=busy",
            "503",
            "UNAVAILABLE",
        ),
        (
            "fcm/v1/projects/{project}/messages:send=status:500",
            "500",
            "INTERNAL",
        ),
        (
            "fcm/v1/projects/{project}/messages:send=429:0",
            "429",
            "QUOTA_EXCEEDED",
        ),
    ] {
        let emu = Emu::start("good", &[fault]);
        let dir = project(&emu, PROJECT, "good");
        let (run, document) = send(dir.path(), &["--to", DEVICE, "--retries", "0"]);
        assert_eq!(run.code, 3, "{fault}: {}\n{}", run.stdout, run.stderr);
        assert!(rules_of(&document).is_empty(), "{document:#}");
        // The status and the FCM code it stands for (B.5), with what to do.
        let said = format!("FCM answered HTTP {status} ({code})");
        assert!(run.stderr.contains(&said), "{fault}: {}", run.stderr);
    }
}

/// A bare 401 page, not FCM's JSON, still means the credentials were refused (B.3).
#[test]
fn a_bare_401_is_credential_rejected() {
    let emu = Emu::start(
        "good",
        &["fcm/v1/projects/{project}/messages:send=status:401"],
    );
    let dir = project(&emu, PROJECT, "good");
    let (run, document) = send(dir.path(), &["--to", DEVICE]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(rules_of(&document), ["credential-rejected"], "{document:#}");
    assert!(emu.pushes().is_empty());
}

#[test]
fn check_config_online_validates_without_delivering() {
    let emu = Emu::start("good", &[]);
    let dir = project(&emu, PROJECT, "good");
    let run = run(
        dir.path(),
        &["check-config", "--online", "--format", "json"],
    );
    let document: Value = serde_json::from_str(&run.stdout).expect("json");
    let results = document["results"].as_array().expect("results");
    assert_eq!(results.len(), 2, "{document:#}");
    assert!(
        results.iter().all(|r| r["outcome"] == "accepted"),
        "{document:#}"
    );
    assert!(results[1]["vendor_message"]
        .as_str()
        .expect("message")
        .contains("nothing delivered"));
    assert!(emu.pushes().is_empty(), "validate_only delivers nothing");
}

#[test]
fn dry_run_masks_the_assertion_and_token() {
    let emu = Emu::start("good", &[]);
    let dir = project(&emu, PROJECT, "good");
    let run = run(
        dir.path(),
        &[
            "send-test",
            "--vendor",
            "fcm",
            "--dry-run",
            "--format",
            "json",
            "--to",
            DEVICE,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document: Value = serde_json::from_str(&run.stdout).expect("json");
    let requests = document["requests"].as_array().expect("requests");
    assert_eq!(requests[0]["url"], format!("{}/token", emu.base()));
    assert_eq!(
        requests[0]["body"],
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=********"
    );
    assert_eq!(
        requests[1]["url"],
        format!("{}/v1/projects/{PROJECT}/messages:send", emu.base())
    );
    assert_eq!(requests[1]["headers"]["Authorization"], "Bearer ********");
    assert_eq!(requests[1]["body"]["message"]["token"], DEVICE);
    assert!(emu.pushes().is_empty());
}

/// The RS256 assertion, verified by `jsonwebtoken` (ring), not by the `rsa` crate that signed it.
#[test]
fn assertion_verifies_with_an_independent_rs256_verifier() {
    let key = key("good-2048");
    let jwt = pushdiag::vendors::fcm::sign_assertion(
        &key,
        "0123456789abcdef0123456789abcdef01234567",
        &email(PROJECT),
        "https://oauth2.googleapis.com/token",
        1_700_000_000,
    );
    let decoding =
        jsonwebtoken::DecodingKey::from_rsa_pem(public_pem("good-2048").as_bytes()).expect("key");
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.validate_exp = false;
    validation.set_audience(&["https://oauth2.googleapis.com/token"]);
    let data = jsonwebtoken::decode::<Value>(&jwt, &decoding, &validation).expect("verifies");
    assert_eq!(data.header.typ.as_deref(), Some("JWT"));
    assert_eq!(
        data.header.kid.as_deref(),
        Some("0123456789abcdef0123456789abcdef01234567")
    );
    assert_eq!(data.claims["iss"], email(PROJECT));
    assert_eq!(
        data.claims["scope"],
        "https://www.googleapis.com/auth/firebase.messaging"
    );
    assert_eq!(data.claims["exp"], 1_700_003_600);
}

/// `pushdiag explain fcm UNREGISTERED`.
#[test]
fn explain_fcm_codes() {
    let run = run(Path::new("."), &["explain", "fcm", "unregistered"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("FCM UNREGISTERED (HTTP 404): "),
        "{}",
        run.stdout
    );
    let run = crate::fcm::run(Path::new("."), &["explain", "fcm", "SENDER_ID_MISMATCH"]);
    assert!(
        run.stdout.contains("google-services.json"),
        "{}",
        run.stdout
    );
}

/// `send-test --vendor fcm --emulated` with no `[fcm]`: the built-in account of
/// `examples/flutter-chat`'s project, its key rebuilt from the public recipe, is accepted.
#[test]
fn emulated_without_config_uses_the_built_in_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (run, document) = send(dir.path(), &["--emulated"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(rules_of(&document).is_empty(), "{document:#}");
    assert!(
        run.stderr
            .contains("using the emulator's built-in app flutter-chat-example"),
        "{}",
        run.stderr
    );
    let results = document["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert!(results[1]["message_id"]
        .as_str()
        .is_some_and(|id| id.starts_with("projects/flutter-chat-example/messages/")));
}
