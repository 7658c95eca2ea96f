//! Configs pushdiag writes pass its own checks (issue 13, item 8), and the Flutter example is
//! clean under `--emulated` as its README says (item 9).

use std::path::Path;

use serde_json::Value;

use crate::{copy_dir, pushdiag, Run};

fn findings(run: &Run) -> Vec<Value> {
    let document: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    document["findings"].as_array().expect("findings").clone()
}

/// `init` on each example, then `check-config` offline: the only findings about what init wrote
/// are the gaps it left as `# TODO` comments (a key not set, a secret variable not exported).
/// It used to copy the uni-app plugin's stand-in vivo `app-id = "0"` and empty app key as values,
/// and to write a key file and a service account that do not exist.
#[test]
fn init_on_each_example_writes_no_value_that_fails_a_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for example in [
        "uniapp-chat",
        "flutter-chat",
        "timpush-uniapp",
        "timpush-flutter",
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&root.join("examples").join(example), dir.path());
        std::fs::remove_file(dir.path().join("pushdiag.toml")).expect("rm");
        let run = Run::of(pushdiag().args(["init", "--project"]).arg(dir.path()));
        assert_eq!(run.code, 0, "{example}: {}", run.stderr);
        let written = std::fs::read_to_string(dir.path().join("pushdiag.toml")).expect("read");
        assert!(!written.contains("app-id = \"0\""), "{written}");
        assert!(!written.contains("app-key = \"\""), "{written}");
        assert!(written.contains("  # TODO: "), "{written}");
        let run = Run::of(
            pushdiag()
                .current_dir(dir.path())
                .env_remove("PUSHDIAG_CONFIG")
                .args(["check-config", "--format", "json", "--project", "."]),
        );
        for finding in findings(&run) {
            let in_config = finding["location"]["source"]
                .as_str()
                .is_some_and(|s| s.ends_with("pushdiag.toml"));
            let rule = finding["rule"].as_str().expect("rule");
            let message = finding["message"].as_str().expect("message");
            // A key left out or a variable not exported; a file named that is not there is a
            // value init wrote.
            let gap = matches!(rule, "credential-missing" | "business-id-missing")
                && !message.contains("does not exist");
            // A value init took from one place of the app that another place contradicts.
            let chose_a_side =
                matches!(rule, "app-business-id-mismatch" | "app-client-key-mismatch");
            assert!(
                !chose_a_side
                    && (gap
                        || !(in_config
                            || rule.starts_with("credential")
                            || rule == "config-invalid")),
                "{example}: init wrote something check-config flags: {finding:#}\n{written}"
            );
        }
    }
    // The gap is named where it is.
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&root.join("examples/uniapp-chat"), dir.path());
    let run = Run::of(
        pushdiag()
            .args(["init", "--force", "--project"])
            .arg(dir.path()),
    );
    assert_eq!(run.code, 0);
    let written = std::fs::read_to_string(dir.path().join("pushdiag.toml")).expect("read");
    assert!(
        written.contains("# app-id =   # TODO: the vivo AppID from the vivo developer console"),
        "{written}"
    );
}

/// Issue 13, item 9: `pushdiag --emulated check-config --online --project examples/flutter-chat`,
/// as the example's README has it, drew two `credential-missing` errors (the APNs key and the
/// service account the repository does not commit) and checked APNs with the uni-app example's
/// bundle id. Now it is clean, and APNs is asked about the Flutter app's own bundle.
#[test]
fn the_flutter_example_is_clean_under_emulated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut command = pushdiag();
    command.current_dir(root).env_remove("PUSHDIAG_CONFIG");
    for var in [
        "TIM_SECRET_KEY",
        "VIVO_APP_SECRET",
        "OPPO_APP_SECRET",
        "OPPO_MASTER_SECRET",
        "XIAOMI_APP_SECRET",
        "HUAWEI_APP_SECRET",
    ] {
        command.env_remove(var);
    }
    let run = Run::of(command.args([
        "--emulated",
        "check-config",
        "--online",
        "--project",
        "examples/flutter-chat",
        "--format",
        "json",
    ]));
    assert_eq!(findings(&run), Vec::<Value>::new(), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let apns: Vec<&Value> = document["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["vendor"] == "apns")
        .collect();
    assert!(!apns.is_empty(), "{document:#}");
    for result in apns {
        let said = result.to_string();
        assert!(said.contains("com.example.flutterchat"), "{said}");
        assert!(!said.contains("com.example.unichat"), "{said}");
    }
}

/// Issue 14: `init` takes the certificate IDs and client keys the app's push registration passes,
/// says on stderr where each came from, never copies a placeholder, and leaves a key blank when
/// two files of the app disagree on it.
#[test]
fn init_takes_the_apps_certificate_ids_and_keys_and_says_from_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let assets = dir.path().join("app/src/main/assets");
    std::fs::create_dir_all(&assets).expect("mkdir");
    std::fs::write(
        dir.path().join("app/build.gradle"),
        "android { defaultConfig { applicationId \"com.example.chat\" } }\n",
    )
    .expect("write");
    std::fs::write(
        assets.join("timpush-configs.json"),
        r#"{"version": "1.0.1", "com.example.chat": {
  "xiaomiPushBussinessId": "10001", "xiaomiPushAppId": "2882303761500000001",
  "xiaomiPushAppKey": "5000000000001", "vivoPushBussinessId": "",
  "oppoPushBussinessId": "10002", "oppoPushAppKey": "00000000000000000000000000000002",
  "oppoPushAppSecret": "0000000000000000000000000000000a"}}"#,
    )
    .expect("write");
    std::fs::write(
        assets.join("debug-timpush-configs.json"),
        r#"{"version": "1.0.1", "com.example.chat": {"oppoPushBussinessId": "10020"}}"#,
    )
    .expect("write");
    let run = Run::of(pushdiag().args(["init", "--project"]).arg(dir.path()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("pushdiag.toml")).expect("read");
    for line in [
        "\n[xiaomi]\nbusiness-id = 10001\napp-id = \"2882303761500000001\"\napp-key = \"5000000000001\"\n",
        "app-key = \"00000000000000000000000000000002\"",
        "app-secret = { env = \"OPPO_APP_SECRET\" }",
    ] {
        assert!(written.contains(line), "{line:?} not in\n{written}");
    }
    // The empty vivo ID is a gap; the two OPPO IDs are the user's choice; the secret is not copied.
    assert!(!written.contains("business-id = 10002"), "{written}");
    assert!(!written.contains("business-id = 10020"), "{written}");
    assert!(
        !written.contains("0000000000000000000000000000000a"),
        "{written}"
    );
    assert!(!written.contains("\n[vivo]"), "{written}");
    assert!(
        run.stderr.contains("init: [xiaomi] business-id = 10001 from `xiaomiPushBussinessId` in timpush-configs.json ("),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("init: [oppo] business-id left blank: the app gives ")
            && run
                .stderr
                .contains("10002 in `oppoPushBussinessId` in timpush-configs.json")
            && run
                .stderr
                .contains("10020 in `oppoPushBussinessId` in debug-timpush-configs.json"),
        "{}",
        run.stderr
    );
}
