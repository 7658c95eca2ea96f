//! `pushdiag check-config` end to end: discovery, findings in every format, exit codes, and the
//! promise that no secret ever reaches any output.

use std::path::Path;

use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain,
};
use rcgen::{CertificateParams, DnType, KeyPair};

use crate::{pushdiag, rules_of};

/// The secrets the example configs name, set so that only the app's findings are left.
pub(crate) const EXAMPLE_SECRETS: &[(&str, &str)] = &[
    ("TIM_SECRET_KEY", "x"),
    ("HUAWEI_APP_SECRET", "x"),
    ("VIVO_APP_SECRET", "0123456789abcdef0123456789abcdef"),
    ("XIAOMI_APP_SECRET", "x"),
    ("OPPO_APP_SECRET", "0123456789abcdef0123456789abcdef"),
    ("OPPO_MASTER_SECRET", "fedcba9876543210fedcba9876543210"),
];

/// Runs check-config in `dir` with extra env, returning (code, stdout, stderr).
pub(crate) fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = pushdiag();
    command.current_dir(dir).arg("check-config").args(args);
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().expect("ran");
    (
        output.status.code().expect("code"),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

pub(crate) fn json(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, serde_json::Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(dir, &all, env);
    let document =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    (code, document)
}

/// A P-256 key in PKCS#8 PEM, as Apple's AuthKey_*.p8 files are, generated now.
fn p8() -> String {
    KeyPair::generate().expect("key").serialize_pem()
}

/// A password-protected p12 holding an Apple-shaped development push certificate (self-signed;
/// generated now, never a real credential).
fn p12(password: &str) -> Vec<u8> {
    let key = KeyPair::generate().expect("key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params.distinguished_name.push(
        DnType::CommonName,
        "Apple Development IOS Push Services: com.example.chat",
    );
    let cert = params.self_signed(&key).expect("cert");
    let mut store = KeyStore::new();
    let entry = PrivateKeyChain::new(
        b"1".as_slice(),
        PrivateKey::from_der(&key.serialize_der()).expect("key"),
        [Certificate::from_der(cert.der()).expect("cert")],
    );
    store.add_entry("push", KeyStoreEntry::PrivateKeyChain(entry));
    store
        .writer(password)
        .encryption_algorithm(EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc)
        .write()
        .expect("p12")
}

const CLEAN: &str = r#"package = "com.example.chat"

[vivo]
business-id = 10001
app-id = "10004"
app-key = "25509283-3767-4b9e-83fe-b6e55ac6243e"
app-secret = { env = "T_VIVO_SECRET" }
"#;

const VIVO_SECRET: (&str, &str) = ("T_VIVO_SECRET", "0123456789abcdef0123456789abcdef");

#[test]
fn a_clean_config_exits_0_and_counts_what_it_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), CLEAN).expect("write");
    let (code, document) = json(dir.path(), &[], &[VIVO_SECRET]);
    assert_eq!(code, 0, "{document:#}");
    assert_eq!(document["command"], "check-config");
    assert_eq!(document["findings"], serde_json::json!([]));
    assert!(document["summary"]["checked"].as_u64().expect("checked") >= 1);
}

#[test]
fn discovery_walks_up_from_the_project_and_honours_config_flags() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), CLEAN).expect("write");
    let nested = dir.path().join("app/src");
    std::fs::create_dir_all(&nested).expect("mkdir");
    assert_eq!(json(&nested, &[], &[VIVO_SECRET]).0, 0, "found in a parent");
    let other = tempfile::tempdir().expect("tempdir");
    let (code, _, stderr) = run(other.path(), &[], &[]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: no pushdiag.toml in"), "{stderr}");
    let config = dir.path().join("pushdiag.toml");
    assert_eq!(
        json(
            other.path(),
            &["--config", config.to_str().expect("p")],
            &[VIVO_SECRET]
        )
        .0,
        0
    );
    assert_eq!(
        json(
            other.path(),
            &[],
            &[
                VIVO_SECRET,
                ("PUSHDIAG_CONFIG", config.to_str().expect("p"))
            ]
        )
        .0,
        0
    );
    let (code, _, stderr) = run(other.path(), &["--config", "missing.toml"], &[]);
    assert_eq!((code, stderr.lines().count()), (2, 1), "{stderr}");
    assert!(
        stderr.contains("cannot read config `missing.toml`"),
        "{stderr}"
    );
}

#[test]
fn unknown_keys_are_findings_with_the_nearest_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        CLEAN.replace("app-key =", "app-kee ="),
    )
    .expect("write");
    let (code, stdout, _) = run(dir.path(), &[], &[VIVO_SECRET]);
    assert_eq!(code, 1);
    assert!(stdout.contains("error[config-invalid]: vivo: unknown key `vivo.app-kee` (did you mean `vivo.app-key`?)") || stdout.contains("error[config-invalid]: unknown key `vivo.app-kee` (did you mean `vivo.app-key`?)"), "{stdout}");
    assert!(
        stdout.contains("--> pushdiag.toml:6:1 at /vivo/app-kee"),
        "{stdout}"
    );
    assert!(
        stdout.contains("error[credential-missing]: vivo: `vivo.app-key` is not set"),
        "{stdout}"
    );
}

#[test]
fn a_file_that_is_not_toml_is_exit_2_with_the_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), "[vivo\napp-id = 1\n").expect("write");
    let (code, stdout, stderr) = run(dir.path(), &[], &[]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot parse config `pushdiag.toml` at line 1, column"),
        "{stderr}"
    );
}

#[test]
fn environment_overrides_and_vendor_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        CLEAN.replace("app-secret = { env = \"T_VIVO_SECRET\" }\n", ""),
    )
    .expect("write");
    let (code, document) = json(dir.path(), &[], &[]);
    assert_eq!(
        (code, rules_of(&document)),
        (1, vec!["credential-missing".to_owned()])
    );
    let (code, _) = json(
        dir.path(),
        &[],
        &[(
            "PUSHDIAG_VIVO_APP_SECRET",
            "0123456789abcdef0123456789abcdef",
        )],
    );
    assert_eq!(code, 0, "the override supplies the secret");
    let (code, document) = json(dir.path(), &["--vendor", "oppo"], &[]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&document), ["credential-missing"]);
    assert!(document["findings"][0]["message"]
        .as_str()
        .expect("m")
        .contains("no [oppo] section"));
}

#[test]
fn print_config_shows_origins_and_masks_secrets() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), CLEAN).expect("write");
    let (code, stdout, _) = run(
        dir.path(),
        &["--print-config"],
        &[("PUSHDIAG_VIVO_APP_ID", "20005")],
    );
    assert_eq!(code, 0);
    assert!(
        stdout.contains("app-id = \"20005\"  # $PUSHDIAG_VIVO_APP_ID"),
        "{stdout}"
    );
    assert!(
        stdout.contains("app-secret = ******** (env T_VIVO_SECRET)  # pushdiag.toml:7:14"),
        "{stdout}"
    );
    let (_, document) = json(dir.path(), &["--print-config"], &[]);
    let settings = document["config"]["settings"].as_array().expect("settings");
    let secret = settings
        .iter()
        .find(|s| s["key"] == "app-secret")
        .expect("app-secret");
    assert_eq!(secret["value"], "********");
    assert_eq!(secret["secret_source"], "env T_VIVO_SECRET");
}

#[test]
fn apns_token_auth_key_checks() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("AuthKey_ABC123DEFG.p8"), p8()).expect("write");
    let config = "package = \"com.example.chat\"\n[apns]\nbusiness-id-production = 2\nenvironment = \"production\"\nkey-file = \"AuthKey_ABC123DEFG.p8\"\nkey-id = \"ABC123DEFG\"\nteam-id = \"DEF123GHIJ\"\n";
    std::fs::write(dir.path().join("pushdiag.toml"), config).expect("write");
    let (code, document) = json(dir.path(), &[], &[]);
    assert_eq!((code, rules_of(&document)), (0, vec![]), "{document:#}");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        config.replace("key-id = \"ABC123DEFG\"", "key-id = \"abc\""),
    )
    .expect("write");
    let (code, document) = json(dir.path(), &[], &[]);
    assert_eq!(code, 1);
    assert!(
        rules_of(&document).iter().all(|r| r == "apns-key-invalid"),
        "{document:#}"
    );
    std::fs::write(
        dir.path().join("AuthKey_ABC123DEFG.p8"),
        "-----BEGIN PRIVATE KEY-----\ntruncated",
    )
    .expect("write");
    std::fs::write(dir.path().join("pushdiag.toml"), config).expect("write");
    let (code, stdout, stderr) = run(dir.path(), &[], &[]);
    assert!(code == 1 || code == 2, "{stdout}{stderr}");
    assert!(
        stdout.contains("AuthKey_ABC123DEFG.p8") || stderr.contains("AuthKey_ABC123DEFG.p8"),
        "{stdout}{stderr}"
    );
}

/// The contract's promise: no secret in any output. Every secret field holds a distinctive value,
/// from a literal, an env var and a file; every format, -v, --print-config, and the error paths
/// (a p12 that needs its password, a TOML error on a line holding a secret) are scanned.
#[test]
fn no_secret_value_reaches_any_output() {
    const PLANT: &str = "PLANTED7x9";
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("secrets")).expect("mkdir");
    std::fs::write(
        dir.path().join("secrets/master"),
        format!("{PLANT}-master\n"),
    )
    .expect("write");
    std::fs::write(dir.path().join("push.p12"), p12(&format!("{PLANT}-p12"))).expect("write");
    let config = format!(
        r#"package = "com.example.chat"
[tim]
sdk-app-id = 1400000000
secret-key = "{PLANT}-tim"
admin = "administrator"
[vivo]
business-id = 1
app-id = "10004"
app-key = "25509283-3767-4b9e-83fe-b6e55ac6243e"
app-secret = "{PLANT}-vivo"
[oppo]
business-id = 2
app-id = "3001"
app-key = "0123456789abcdef0123456789abcdef"
app-secret = {{ env = "T_OPPO_APP" }}
master-secret = {{ file = "secrets/master" }}
[xiaomi]
business-id = 3
app-id = "2882303761517000000"
app-key = "5171234567890"
app-secret = "{PLANT}-xiaomi"
[meizu]
business-id = 4
app-id = "100"
app-key = "0123456789abcdef0123456789abcdef"
app-secret = "{PLANT}-meizu"
[huawei]
business-id = 5
app-id = "100"
app-secret = "{PLANT}-huawei"
[honor]
business-id = 6
app-id = "100"
client-id = "c"
client-secret = "{PLANT}-honor"
[apns]
business-id-development = 7
environment = "production"
certificate = "push.p12"
certificate-password = "{PLANT}-wrong-password"
"#
    );
    std::fs::write(dir.path().join("pushdiag.toml"), &config).expect("write");
    let env = [
        ("T_OPPO_APP", "PLANTED7x9-oppo-app"),
        ("PUSHDIAG_HONOR_CLIENT_SECRET", "PLANTED7x9-env"),
    ];
    let mut outputs = Vec::new();
    for format in ["human", "json", "github", "sarif"] {
        for extra in [&[][..], &["-v"][..], &["--print-config"][..]] {
            let mut args = vec!["--format", format, "--color", "always"];
            args.extend_from_slice(extra);
            let (code, stdout, stderr) = run(dir.path(), &args, &env);
            outputs.push((format!("{format} {extra:?} exit {code}"), stdout, stderr));
        }
    }
    // A TOML error on a line that holds a secret.
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, format!("[vivo]\napp-secret = \"{PLANT}-broken\n")).expect("write");
    let (code, stdout, stderr) = run(dir.path(), &["--config", broken.to_str().expect("p")], &[]);
    assert_eq!(code, 2);
    outputs.push(("broken toml".into(), stdout, stderr));
    for (what, stdout, stderr) in &outputs {
        assert!(
            !stdout.contains(PLANT),
            "{what}: stdout leaks a secret:\n{stdout}"
        );
        assert!(
            !stderr.contains(PLANT),
            "{what}: stderr leaks a secret:\n{stderr}"
        );
    }
    // The run really looked at the secrets: the wrong p12 password is reported.
    let human = &outputs[0];
    assert!(human.1.contains("secret-in-plaintext"), "{}", human.1);
    assert!(
        human.2.contains("push.p12") || human.1.contains("push.p12"),
        "{}{}",
        human.1,
        human.2
    );
}

#[test]
fn init_writes_a_starting_config_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("android/app")).expect("mkdir");
    std::fs::write(dir.path().join("pubspec.yaml"), "name: chat\n").expect("write");
    std::fs::write(
        dir.path().join("android/app/build.gradle"),
        "android {\n  defaultConfig {\n    applicationId \"com.example.chat\"\n  }\n}\n",
    )
    .expect("write");
    let output = pushdiag()
        .args(["init", "--project"])
        .arg(dir.path())
        .output()
        .expect("ran");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("pushdiag.toml")).expect("written");
    assert!(
        written.contains("package = \"com.example.chat\""),
        "{written}"
    );
    assert!(
        written.contains("secret-key = { env = \"TIM_SECRET_KEY\" }"),
        "{written}"
    );
    // What init writes is a config pushdiag reads (no config-invalid).
    let (_, document) = json(dir.path(), &[], &[]);
    assert!(
        !rules_of(&document).iter().any(|r| r == "config-invalid"),
        "{document:#}"
    );
    let output = pushdiag()
        .args(["init", "--project"])
        .arg(dir.path())
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists; pass --force"));
    let output = pushdiag()
        .args(["init", "--force", "--project"])
        .arg(dir.path())
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(0));
}

/// The issue's "done": the uni-app example's planted mistakes, each explained with its fix, in
/// all four formats (examples/uniapp-chat/README.md lists them).
#[test]
fn the_uniapp_example_shows_every_planted_mistake_in_every_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let planted = [
        "package-name-mismatch",
        "huawei-agconnect-missing",
        "vivo-manifest-keys-missing",
        "android-permission-missing",
        "app-business-id-mismatch",
    ];
    let env = EXAMPLE_SECRETS;
    let args = ["--project", "examples/uniapp-chat"];
    let (code, document) = json(root, &args, env);
    assert_eq!(code, 1);
    let rules = rules_of(&document);
    for rule in planted {
        assert!(
            rules.iter().any(|r| r == rule),
            "{rule} missing from {rules:?}"
        );
    }
    assert_eq!(
        rules
            .iter()
            .filter(|r| *r == "vivo-manifest-keys-missing")
            .count(),
        2,
        "AppID and AppKey"
    );
    assert!(
        document["findings"]
            .as_array()
            .expect("f")
            .iter()
            .all(|f| f["help"].is_string()),
        "every finding has a fix"
    );
    assert!(
        !rules.iter().any(|r| r == "credential-missing"),
        "the secrets are set: {rules:?}"
    );
    for (format, marker) in [
        ("human", "error[huawei-agconnect-missing]"),
        (
            "github",
            "::error title=pushdiag (huawei-agconnect-missing)",
        ),
        ("sarif", "\"ruleId\":\"huawei-agconnect-missing\""),
    ] {
        let mut all = vec!["--format", format];
        all.extend_from_slice(&args);
        let (code, stdout, _) = run(root, &all, env);
        assert_eq!(code, 1, "{format}");
        assert!(stdout.contains(marker), "{format}: {stdout}");
        for rule in planted {
            assert!(stdout.contains(rule), "{format} lacks {rule}");
        }
    }
}

/// Issue 13: on a terminal (here `--color always`) check-config ends with one line per vendor,
/// as `flutter doctor` does; piped, or in another format, it does not. Under `--emulated` the
/// secrets the emulator stands in for are named on one line, not one line each.
#[test]
fn a_terminal_run_ends_with_a_line_per_vendor_and_emulated_secrets_fold_into_one_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut snap = crate::snap::Snap::new();
    let args = [
        "check-config",
        "--project",
        "examples/uniapp-chat",
        "--emulated",
        "--online",
        "--color",
        "always",
    ];
    let run = snap.with(pushdiag().current_dir(root), &args);
    assert_eq!(run.code, 1);
    let plain = strip_ansi(&run.stdout);
    let tail: Vec<&str> = plain.lines().rev().take(6).collect();
    for line in [
        "✗ huawei: offline ✗ online ✓ (1 error)",
        "✓ xiaomi: offline ✓ online ✓",
        "! oppo: offline ! online ✓ (1 warning)",
        // The plugin's AppID and AppKey, and App.vue's vivo certificate ID.
        "✗ vivo: offline ✗ online ✓ (3 errors)",
        "✓ tim: offline ✓ online ✓",
        "✗ app and config: 1 error",
    ] {
        assert!(tail.contains(&line), "{line:?} not in {tail:#?}");
    }
    let emulated: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("--emulated:"))
        .collect();
    assert_eq!(emulated.len(), 1, "{}", run.stderr);
    assert!(
        emulated[0].contains("$OPPO_MASTER_SECRET"),
        "{}",
        emulated[0]
    );
    // Piped with colour on auto, and in JSON, there is no summary.
    for extra in [&["--color", "auto"][..], &["--format", "json"][..]] {
        let run = crate::Run::of(pushdiag().current_dir(root).args(&args[..5]).args(extra));
        assert!(
            !run.stdout.contains("online ✓"),
            "{extra:?}: {}",
            run.stdout
        );
    }
    crate::snap::assert_snap!(snap);
}

/// Issue 13: with no pushdiag.toml anywhere, check-config says how to get one.
#[test]
fn no_config_says_to_run_init() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, stdout, stderr) = run(dir.path(), &[], &[]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("run `pushdiag init --project .`"),
        "{stderr}"
    );
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}
