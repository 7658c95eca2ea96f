//! `pushdiag checklist`: the walk in CI mode, with `--answers`, and on a terminal (a pseudo-
//! terminal answering dialoguer's menus); every automatic step against the emulator
//! (`--emulated`); snapshots of what users see under `tests/snapshots/checklist/`
//! (`PUSHDIAG_BLESS=1` rewrites them).

use std::path::Path;

use pushdiag::vendor::Vendor;
use serde_json::Value;

use crate::online::{project, SECRETS};
use crate::{pushdiag, rules_of, Run};

/// The checklist rules and the test in this file that triggers each (and checks the fix).
pub const RULE_TESTS: &[(&str, &str)] = &[
    (
        "checklist-step-failed",
        "answering_no_fails_the_step_and_is_the_verdict",
    ),
    (
        "checklist-step-unchecked",
        "ci_mode_runs_the_automatic_steps_and_lists_the_manual_ones",
    ),
];

/// Every manual step of the OPPO checklist answered yes (the whole file; tests override one).
pub const OPPO_MANUAL: &[&str] = &[
    "oppo-store-listed",
    "oppo-channel-id",
    "oppo-console-test-tool",
    "oppo-notification-switch",
    "oppo-allow-notifications",
    "oppo-lock-screen",
    "oppo-status-bar-icon",
    "oppo-sound",
    "oppo-private-channel",
    "oppo-public-quota",
];

/// An answers file in `dir`: every OPPO manual step yes, except those in `overrides`.
fn answers(dir: &Path, overrides: &[(&str, &str)]) -> String {
    let mut text = String::new();
    for id in OPPO_MANUAL {
        let answer = overrides
            .iter()
            .find(|(step, _)| step == id)
            .map_or("yes", |(_, answer)| answer);
        text.push_str(&format!("{id} = \"{answer}\"\n"));
    }
    let path = dir.join("answers.toml");
    std::fs::write(&path, text).expect("write answers");
    path.to_str().expect("UTF-8").to_owned()
}

/// The checklist walk as stderr shows it.
trait Walk {
    /// The `[mark] id` walk lines of stderr, e.g. `("ok", "oppo-config")`.
    fn steps(&self) -> Vec<(String, String)>;
    /// The mark of step `id`.
    fn status_of(&self, id: &str) -> String;
}

impl Walk for Run {
    fn steps(&self) -> Vec<(String, String)> {
        self.stderr
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                let rest = line.strip_prefix('[')?;
                let (mark, rest) = rest.split_once(']')?;
                let id = rest.trim_start().split(':').next()?;
                Some((mark.trim().to_owned(), id.to_owned()))
            })
            .collect()
    }

    fn status_of(&self, id: &str) -> String {
        self.steps()
            .into_iter()
            .find(|(_, step)| step == id)
            .map(|(mark, _)| mark)
            .unwrap_or_else(|| panic!("no step {id} in:\n{}", self.stderr))
    }
}

/// `pushdiag --emulated checklist ARGS` in `dir` (a project with the built-in apps), not on a
/// terminal, with the built-in secrets except `overrides`.
fn checklist(dir: &Path, overrides: &[(&str, &str)], args: &[&str]) -> Run {
    let mut command = pushdiag();
    command.current_dir(dir).env_remove("PUSHDIAG_CONFIG");
    for (name, value) in SECRETS.iter().chain(overrides) {
        command.env(name, value);
    }
    Run::of(command.args(["--emulated", "checklist"]).args(args))
}

/// A project whose endpoints point nowhere: `--emulated` replaces them with the emulator's.
fn emulated_project() -> tempfile::TempDir {
    project(|v| format!("http://127.0.0.1:9/{}", v.id()))
}

fn rule_messages(document: &Value, rule: &str) -> Vec<String> {
    document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().expect("message").to_owned())
        .collect()
}

#[test]
fn ci_mode_runs_the_automatic_steps_and_lists_the_manual_ones() {
    let dir = emulated_project();
    let run = checklist(
        dir.path(),
        &[("CI", "true")],
        &["--vendor", "oppo", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for id in [
        "oppo-config",
        "oppo-credentials-online",
        "oppo-ext-lint",
        "oppo-send-test",
    ] {
        assert_eq!(run.status_of(id), "ok", "{id}\n{}", run.stderr);
    }
    let document = run.json();
    let unchecked = rule_messages(&document, "checklist-step-unchecked");
    // Every manual step, plus the user-status step, which needs --user.
    assert_eq!(unchecked.len(), OPPO_MANUAL.len() + 1, "{unchecked:#?}");
    for id in OPPO_MANUAL {
        assert!(
            unchecked
                .iter()
                .any(|m| m.starts_with(&format!("{id}: to check by hand: "))),
            "{id}: {unchecked:#?}"
        );
    }
    assert!(unchecked
        .iter()
        .any(|m| m.starts_with("oppo-tim-user-online: needs the receiver's UserID")));
    assert!(rule_messages(&document, "checklist-step-failed").is_empty());
    // The credential check and the test push, both against the emulator.
    let results = document["results"].as_array().expect("results");
    let outcomes: Vec<(&str, &str)> = results
        .iter()
        .map(|r| {
            (
                r["target"].as_str().expect("target"),
                r["outcome"].as_str().expect("outcome"),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("auth", "accepted"),
            ("auth", "accepted"),
            (pushdiag::emulator::BUILTIN_OPPO_DEVICE, "accepted")
        ],
        "{results:#?}"
    );
    // The verdict: nothing failed, and what is left to check.
    assert!(
        document["verdict"]["step"].is_null(),
        "{}",
        document["verdict"]
    );
    assert!(document["verdict"]["message"]
        .as_str()
        .expect("message")
        .starts_with("no step failed; 11 to check by hand: oppo-store-listed, "));

    // The fix for the notes: answer them. Only the step this build cannot run stays unchecked.
    let file = answers(dir.path(), &[]);
    let run = checklist(
        dir.path(),
        &[("CI", "true")],
        &["--vendor", "oppo", "--format", "json", "--answers", &file],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(rules_of(&run.json()), ["checklist-step-unchecked"]);
}

#[test]
fn answering_no_fails_the_step_and_is_the_verdict() {
    let dir = emulated_project();
    let file = answers(
        dir.path(),
        &[
            ("oppo-notification-switch", "no"),
            ("oppo-public-quota", "no"),
        ],
    );
    let run = checklist(
        dir.path(),
        &[],
        &[
            "--vendor",
            "oppo",
            "--format",
            "json",
            "--answers",
            &file,
            "--no-input",
        ],
    );
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let document = run.json();
    let failed = rule_messages(&document, "checklist-step-failed");
    assert_eq!(failed.len(), 2, "{failed:#?}");
    // In step order: the first one is the verdict.
    assert!(
        failed[0].starts_with("oppo-notification-switch: "),
        "{failed:#?}"
    );
    assert!(
        failed[0].contains("OPPO 安装应用通知栏显示默认关闭"),
        "{}",
        failed[0]
    );
    assert!(failed[1].starts_with("oppo-public-quota: "));
    let help = &document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "checklist-step-failed")
        .expect("a failed step")["help"];
    assert!(help
        .as_str()
        .expect("help")
        .contains("Turn on the app's notifications"));
    // The verdict: the switch, its fix, and the quota after it.
    let verdict = &document["verdict"];
    assert_eq!(verdict["step"], "oppo-notification-switch", "{verdict}");
    assert_eq!(verdict["rule"], "checklist-step-failed", "{verdict}");
    assert!(verdict["fix"]
        .as_str()
        .expect("fix")
        .starts_with("Turn on the app's notifications"));
    assert_eq!(
        verdict["others"][0]["step"], "oppo-public-quota",
        "{verdict}"
    );
    assert_eq!(run.status_of("oppo-lock-screen"), "ok");

    // The fix: switch notifications on and answer yes.
    let file = answers(dir.path(), &[("oppo-public-quota", "skip")]);
    let run = checklist(dir.path(), &[], &["--vendor", "oppo", "--answers", &file]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.status_of("oppo-public-quota"), "skip");
    assert!(
        !run.stdout.contains("checklist-step-failed"),
        "{}",
        run.stdout
    );
}

/// Issue 13: with an Online receiver (`bob` in the emulator) the verdict of every checklist said
/// "After logout, or after a login on another device kicked the user off…", fix "Do not call
/// logout". Online means no offline push by design (the app is in the foreground or within the
/// heartbeat window): the verdict says so, and how to test.
#[test]
fn online_receiver_verdict_says_no_offline_push_by_design_in_every_checklist() {
    let dir = emulated_project();
    for vendor in Vendor::ALL {
        let id = vendor.id();
        let step = if vendor == Vendor::Tim {
            "tim-user-online".to_owned()
        } else {
            format!("{id}-tim-user-online")
        };
        let run = checklist(
            dir.path(),
            &[],
            &[
                "--vendor",
                id,
                "--user",
                "bob",
                "--format",
                "json",
                "--no-input",
            ],
        );
        assert_eq!(run.code, 1, "{id}: {}", run.stderr);
        let document = run.json();
        let verdict = &document["verdict"];
        assert_eq!(verdict["step"], step.as_str(), "{id}: {verdict:#}");
        assert_eq!(verdict["rule"], "receiver-online", "{id}: {verdict:#}");
        let message = verdict["message"].as_str().expect("message");
        let fix = verdict["fix"].as_str().expect("fix");
        assert!(message.contains("by design"), "{id}: {message}");
        assert!(
            fix.contains("put the app in the background or kill it")
                && fix.contains("send the message again"),
            "{id}: {fix}"
        );
        // The step's own finding tells the same story, not the logout one.
        let failed = rule_messages(&document, "checklist-step-failed");
        let finding = failed
            .iter()
            .find(|m| m.starts_with(&format!("{step}:")))
            .expect("the step's finding");
        for text in [message, fix, finding.as_str()] {
            assert!(!text.contains("logout"), "{id}: {text}");
        }
    }
    // The same on stdout for people.
    let run = checklist(
        dir.path(),
        &[],
        &["--vendor", "vivo", "--user", "bob", "--no-input"],
    );
    assert!(
        run.stdout
            .contains("verdict: the likely cause is vivo-tim-user-online: "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("by design"), "{}", run.stdout);
}

/// A project whose AndroidManifest.xml names another package than pushdiag.toml: the OPPO
/// config step fails with package-name-mismatch.
fn mismatched_project() -> tempfile::TempDir {
    let dir = emulated_project();
    std::fs::write(
        dir.path().join("AndroidManifest.xml"),
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"com.example.other\">\n</manifest>\n",
    )
    .expect("write manifest");
    dir
}

/// Issue 13: answering "no" to OPPO's notification switch yielded the config step's
/// package-name-mismatch as the verdict ("Fix each finding in the report"). A phone that shows no
/// notification rules out any push: it is the likely cause, with its fix; the config finding
/// follows, with its own concrete fix. In every format: stdout, JSON, GitHub, SARIF.
#[test]
fn verdict_ranks_a_switched_off_phone_above_a_config_finding() {
    let dir = mismatched_project();
    let file = answers(dir.path(), &[("oppo-notification-switch", "no")]);
    let args = ["--vendor", "oppo", "--answers", &file, "--no-input"];
    let run = checklist(
        dir.path(),
        &[],
        &[&args[..], &["--format", "json"]].concat(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let document = run.json();
    assert_eq!(run.status_of("oppo-config"), "FAIL", "{}", run.stderr);
    let verdict = &document["verdict"];
    assert_eq!(verdict["step"], "oppo-notification-switch", "{verdict:#}");
    assert!(verdict["fix"]
        .as_str()
        .expect("fix")
        .starts_with("Turn on the app's notifications"));
    let others = verdict["others"].as_array().expect("others");
    assert_eq!(others.len(), 1, "{verdict:#}");
    assert_eq!(others[0]["step"], "oppo-config");
    assert_eq!(others[0]["rule"], "package-name-mismatch");
    // The concrete fix is the finding's, not "fix each finding in the report".
    assert!(
        others[0]["fix"]
            .as_str()
            .expect("fix")
            .contains("package=\"com.example.unichat\""),
        "{}",
        others[0]
    );
    // Every step, in walking order, with its status and evidence.
    let steps = document["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 15, "{steps:#?}");
    assert_eq!(steps[0]["id"], "oppo-config");
    assert_eq!(steps[0]["status"], "failed");
    assert_eq!(
        steps[0]["evidence"],
        "check-config found package-name-mismatch"
    );
    let statuses: Vec<&str> = steps
        .iter()
        .map(|s| s["status"].as_str().expect("status"))
        .collect();
    assert!(
        statuses.contains(&"passed") && statuses.contains(&"unchecked"),
        "{statuses:?}"
    );

    let run = checklist(dir.path(), &[], &args);
    let verdict_at = run
        .stdout
        .find("verdict: the likely cause is oppo-notification-switch: ")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    let tail = &run.stdout[verdict_at..];
    assert!(
        tail.contains("\n  fix: Turn on the app's notifications"),
        "{tail}"
    );
    assert!(
        tail.contains("  also failed, less likely the cause:\n    oppo-config: "),
        "{tail}"
    );
    assert!(
        !run.stderr.contains("verdict:"),
        "the verdict is a result: {}",
        run.stderr
    );

    // GitHub and SARIF: the verdict is the first result.
    let run = checklist(
        dir.path(),
        &[],
        &[&args[..], &["--format", "github"]].concat(),
    );
    let first = run.stdout.lines().next().expect("a line");
    assert!(
        first.starts_with("::error title=pushdiag (checklist-step-failed)::oppo: verdict: oppo-notification-switch: ")
            && first.contains("Also failed, less likely the cause: oppo-config."),
        "{first}"
    );
    let run = checklist(
        dir.path(),
        &[],
        &[&args[..], &["--format", "sarif"]].concat(),
    );
    let document = run.json();
    let errors = crate::formats::sarif_errors(&crate::formats::sarif_schema(), &document);
    assert!(errors.is_empty(), "{errors:#?}");
    let first = &document["runs"][0]["results"][0];
    assert_eq!(first["ruleId"], "checklist-step-failed");
    let text = first["message"]["text"].as_str().expect("text");
    assert!(
        text.starts_with("verdict: oppo-notification-switch: "),
        "{text}"
    );
    assert!(
        text.contains("\nhelp: Turn on the app's notifications"),
        "{text}"
    );
}

#[test]
fn unknown_step_in_answers_is_exit_2_naming_the_file_and_the_id() {
    let dir = emulated_project();
    let path = dir.path().join("answers.json");
    std::fs::write(&path, r#"{"oppo-notification-swich": "yes"}"#).expect("write");
    let run = checklist(
        dir.path(),
        &[],
        &[
            "--vendor",
            "oppo",
            "--answers",
            path.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("answers.json: unknown step id `oppo-notification-swich`"),
        "{}",
        run.stderr
    );
    // Nothing ran before the answers were read.
    assert!(!run.stderr.contains("[ok]"), "{}", run.stderr);
}

/// The environment variable holding `vendor`'s signing secret in `online::SECRETS`, and a wrong
/// value of the same shape (the built-in one with its last character changed).
fn wrong_secret(vendor: Vendor) -> (&'static str, String) {
    let name = match vendor {
        Vendor::Vivo => "VIVO_APP_SECRET",
        Vendor::Oppo => "OPPO_MASTER_SECRET",
        Vendor::Xiaomi => "XIAOMI_APP_SECRET",
        Vendor::Meizu => "MEIZU_APP_SECRET",
        Vendor::Huawei => "HUAWEI_APP_SECRET",
        Vendor::Honor => "HONOR_CLIENT_SECRET",
        other => panic!("no secret for {other}"),
    };
    let right = SECRETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .expect("built-in secret");
    let mut wrong = right[..right.len() - 1].to_owned();
    wrong.push(if right.ends_with('0') { '1' } else { '0' });
    (name, wrong)
}

/// Every automatic step of the six Android vendors' checklists, against the emulator: the
/// built-in apps pass all four; a wrong secret fails the online credential check (the verdict)
/// and the test push; a wrong ext fails the lint step; no config fails the config step.
#[test]
fn every_automatic_step_runs_against_the_emulator() {
    let dir = emulated_project();
    for vendor in [
        Vendor::Vivo,
        Vendor::Oppo,
        Vendor::Xiaomi,
        Vendor::Meizu,
        Vendor::Huawei,
        Vendor::Honor,
    ] {
        let id = vendor.id();
        let args = ["--vendor", id, "--format", "json", "--no-input"];
        let run = checklist(dir.path(), &[], &args);
        assert_eq!(run.code, 0, "{id}: {}\n{}", run.stdout, run.stderr);
        for step in ["config", "credentials-online", "ext-lint", "send-test"] {
            assert_eq!(
                run.status_of(&format!("{id}-{step}")),
                "ok",
                "{id}\n{}",
                run.stderr
            );
        }
        let document = run.json();
        let results = document["results"].as_array().expect("results");
        assert!(
            results.iter().all(|r| r["outcome"] == "accepted"),
            "{id}: {results:#?}"
        );
        assert!(
            results.iter().any(|r| r["target"] != "auth"),
            "{id}: a test push was sent: {results:#?}"
        );

        let (name, wrong) = wrong_secret(vendor);
        let run = checklist(dir.path(), &[(name, &wrong)], &args);
        assert_eq!(run.code, 1, "{id}: {}\n{}", run.stdout, run.stderr);
        assert_eq!(run.status_of(&format!("{id}-config")), "ok", "{id}");
        assert_eq!(
            run.status_of(&format!("{id}-credentials-online")),
            "FAIL",
            "{id}"
        );
        assert_eq!(run.status_of(&format!("{id}-send-test")), "FAIL", "{id}");
        let failed = rule_messages(&run.json(), "checklist-step-failed");
        assert!(
            failed[0].starts_with(&format!("{id}-credentials-online: ")),
            "{id}: {failed:#?}"
        );
        assert!(
            rules_of(&run.json()).contains(&"credential-rejected".to_owned()),
            "{id}"
        );
        assert!(
            !run.stdout.contains(&wrong) && !run.stderr.contains(&wrong),
            "{id}: leaked"
        );

        let run = checklist(
            dir.path(),
            &[],
            &[&args[..], &["--ext", r#"{"a":1}"#]].concat(),
        );
        assert_eq!(run.code, 1, "{id}: {}", run.stderr);
        assert_eq!(run.status_of(&format!("{id}-ext-lint")), "FAIL", "{id}");
        assert!(
            rules_of(&run.json()).contains(&"ext-missing-entity".to_owned()),
            "{id}"
        );
    }
    // No pushdiag.toml at all: the config step fails and names what is missing; the credential
    // check has nothing to check.
    let empty = tempfile::tempdir().expect("tempdir");
    let run = checklist(
        empty.path(),
        &[],
        &["--vendor", "vivo", "--format", "json", "--no-input"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.status_of("vivo-config"), "FAIL");
    assert_eq!(run.status_of("vivo-credentials-online"), "skip");
    assert!(rules_of(&run.json()).contains(&"credential-missing".to_owned()));
}

/// The APNs and FCM checklists' automatic steps run too: with no config at all, `--emulated`
/// pushes with the emulator's built-in key and service account, and asks Tencent IM about the
/// receiver.
#[test]
fn apns_and_fcm_automatic_steps_run_against_the_emulator() {
    let empty = tempfile::tempdir().expect("tempdir");
    for vendor in ["apns", "fcm"] {
        let run = checklist(
            empty.path(),
            &[],
            &[
                "--vendor",
                vendor,
                "--format",
                "json",
                "--no-input",
                "--user",
                "alice",
            ],
        );
        for step in ["send-test", "tim-user-online", "ext-lint"] {
            let id = format!("{vendor}-{step}");
            assert_eq!(run.status_of(&id), "ok", "{id}\n{}", run.stderr);
        }
        // Without a config the offline step fails (credential-missing) and is the verdict.
        assert_eq!(run.status_of(&format!("{vendor}-config")), "FAIL");
        let unchecked = rule_messages(&run.json(), "checklist-step-unchecked");
        assert!(
            unchecked
                .iter()
                .all(|m| !m.contains("not available in this build")),
            "{unchecked:#?}"
        );
    }
}

/// The `tim-status` step is `pushdiag status --user USERID` against the emulator: a PushOnline
/// receiver passes, an Offline one (logged out or kicked) fails with receiver-offline as the
/// verdict, and without --user the step is left to check by hand.
#[test]
fn tim_status_step_asks_tencent_im_about_the_receiver() {
    let dir = emulated_project();
    let json = ["--format", "json", "--no-input"];
    let run = checklist(
        dir.path(),
        &[],
        &[&["--vendor", "vivo", "--user", "alice"][..], &json].concat(),
    );
    assert_eq!(
        run.status_of("vivo-tim-user-online"),
        "ok",
        "{}",
        run.stderr
    );

    let run = checklist(
        dir.path(),
        &[],
        &[&["--vendor", "vivo", "--user", "dave"][..], &json].concat(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.status_of("vivo-tim-user-online"),
        "FAIL",
        "{}",
        run.stderr
    );
    let rules = rules_of(&run.json());
    assert!(rules.contains(&"receiver-offline".to_owned()), "{rules:?}");
    let failed = rule_messages(&run.json(), "checklist-step-failed");
    assert!(
        failed
            .iter()
            .any(|m| m.starts_with("vivo-tim-user-online:")),
        "{failed:#?}"
    );

    let run = checklist(
        dir.path(),
        &[],
        &[&["--vendor", "vivo"][..], &json].concat(),
    );
    assert_eq!(run.status_of("vivo-tim-user-online"), "hand");

    // Without --user the step can be answered from --answers, checked by hand; an answer to a
    // step whose check runs (vivo-credentials-online) does not override the check.
    let file = dir.path().join("auto-answers.toml");
    std::fs::write(
        &file,
        "vivo-tim-user-online = \"no\"\nvivo-credentials-online = \"no\"\n",
    )
    .expect("write answers");
    let file = file.to_str().expect("UTF-8");
    let run = checklist(
        dir.path(),
        &[],
        &[&["--vendor", "vivo", "--answers", file][..], &json].concat(),
    );
    assert_eq!(
        run.status_of("vivo-tim-user-online"),
        "FAIL",
        "{}",
        run.stderr
    );
    assert_eq!(
        run.status_of("vivo-credentials-online"),
        "ok",
        "{}",
        run.stderr
    );
}

/// What varies between runs, made stable for snapshots: times, message ids, the emulator's port.
fn normalize(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_owned();
        if let Some(at) = line.rfind(" in ") {
            if line.ends_with(" ms") {
                line = format!("{} in <ms> ms", &line[..at]);
            }
        }
        if let Some(at) = line.find("message id ") {
            let start = at + "message id ".len();
            let end = line[start..]
                .find([')', ','])
                .map_or(line.len(), |end| start + end);
            line.replace_range(start..end, "<id>");
        }
        if let Some(at) = line.find("127.0.0.1:") {
            let start = at + "127.0.0.1:".len();
            let end = line[start..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(line.len(), |end| start + end);
            line.replace_range(start..end, "<port>");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The JSON document with its varying fields (times, message ids) made stable.
fn normalize_json(document: &mut Value) -> String {
    for result in document["results"].as_array_mut().expect("results") {
        result["elapsed_ms"] = Value::from(0);
        if !result["message_id"].is_null() {
            result["message_id"] = Value::from("<id>");
        }
    }
    document["version"] = Value::from("<version>");
    let mut text = serde_json::to_string_pretty(document).expect("JSON");
    text.push('\n');
    text
}

/// What users see, in CI and with an answers file, in the human and JSON formats: compared with
/// `tests/snapshots/checklist/`.
#[test]
fn snapshots_of_ci_mode_and_answers() {
    let dir = emulated_project();
    let file = answers(
        dir.path(),
        &[("oppo-notification-switch", "no"), ("oppo-sound", "skip")],
    );
    let cases: [(&str, Vec<&str>); 3] = [
        ("oppo-ci", vec!["--vendor", "oppo"]),
        ("oppo-answers", vec!["--vendor", "oppo", "--answers", &file]),
        (
            "oppo-answers-json",
            vec!["--vendor", "oppo", "--answers", &file, "--format", "json"],
        ),
    ];
    let mut stale = Vec::new();
    for (name, args) in cases {
        let run = checklist(dir.path(), &[("CI", "1")], &args);
        let stdout = if name.ends_with("-json") {
            normalize_json(&mut run.json())
        } else {
            normalize(&run.stdout)
        };
        // The answers file's temporary path is the only path in the output.
        let stderr = normalize(&run.stderr).replace(&file, "<answers.toml>");
        let expected_code = if name == "oppo-ci" { 0 } else { 1 };
        assert_eq!(run.code, expected_code, "{name}: {}", run.stderr);
        crate::generated::check_or_bless(
            &format!("tests/snapshots/checklist/{name}.stdout"),
            stdout.as_bytes(),
            &mut stale,
        );
        crate::generated::check_or_bless(
            &format!("tests/snapshots/checklist/{name}.stderr"),
            stderr.as_bytes(),
            &mut stale,
        );
    }
    assert!(
        stale.is_empty(),
        "{}\nreview the output, then: PUSHDIAG_BLESS=1 cargo test --test cli checklist",
        stale.join("\n")
    );
}

/// The report layer's other formats: GitHub annotations and SARIF (checked against the schema).
#[test]
fn github_and_sarif_carry_the_failed_steps() {
    let dir = emulated_project();
    let file = answers(dir.path(), &[("oppo-lock-screen", "no")]);
    let args = ["--vendor", "oppo", "--answers", &file, "--no-input"];
    let run = checklist(
        dir.path(),
        &[],
        &[&args[..], &["--format", "github"]].concat(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.lines().any(|l| l
            .starts_with("::error title=pushdiag (checklist-step-failed)::")
            && l.contains("oppo-lock-screen: ")),
        "{}",
        run.stdout
    );
    let run = checklist(
        dir.path(),
        &[],
        &[&args[..], &["--format", "sarif"]].concat(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let document = run.json();
    let errors = crate::formats::sarif_errors(&crate::formats::sarif_schema(), &document);
    assert!(errors.is_empty(), "{errors:#?}");
    let results = document["runs"][0]["results"].as_array().expect("results");
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "checklist-step-failed"
            && r["message"]["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("oppo-lock-screen: "))));
}

/// `--warn` and `--allow` apply before the exit code, as for every command: a "no" reported as a
/// warning does not fail the run; an automatic step's error still does.
#[test]
fn severity_flags_decide_the_exit_code() {
    let dir = emulated_project();
    let file = answers(dir.path(), &[("oppo-sound", "no")]);
    let args = ["--vendor", "oppo", "--answers", &file, "--no-input"];
    let run = checklist(dir.path(), &[], &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let run = checklist(
        dir.path(),
        &[],
        &[&args[..], &["--warn", "checklist-step-failed"]].concat(),
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("warning[checklist-step-failed]"),
        "{}",
        run.stdout
    );
    let run = checklist(
        dir.path(),
        &[],
        &[
            &args[..],
            &["--warn", "checklist-step-failed", "--ext", "[1]"],
        ]
        .concat(),
    );
    assert_eq!(
        run.code, 1,
        "ext-not-object is still an error: {}",
        run.stdout
    );
}

/// Step ids are promises (answers files and CI scripts name them): every id ever committed in
/// `tests/snapshots/checklist/step-ids.txt` must still exist, even under `PUSHDIAG_BLESS`, which
/// only adds new ones. Uniqueness across checklists is checked when they load.
#[test]
fn step_ids_are_stable_and_unique() {
    let current = pushdiag::checklist::Checklist::all_step_ids().expect("checklists load");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/checklist/step-ids.txt");
    let committed: std::collections::BTreeSet<String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let removed: Vec<&String> = committed.difference(&current).collect();
    assert!(
        removed.is_empty(),
        "step ids removed or renamed (users' answers files name them): {removed:?}"
    );
    let added: Vec<&String> = current.difference(&committed).collect();
    if std::env::var_os("PUSHDIAG_BLESS").is_some() {
        let mut text = String::from("# Every checklist step id ever shipped; never remove one.\n");
        for id in &current {
            text.push_str(id);
            text.push('\n');
        }
        std::fs::write(&path, text).expect("write step ids");
    } else {
        assert!(
            added.is_empty(),
            "new step ids {added:?}: add them with PUSHDIAG_BLESS=1 cargo test --test cli checklist"
        );
    }
}

#[test]
fn list_prints_each_step_id_kind_and_title() {
    let output = pushdiag()
        .args(["checklist", "--vendor", "vivo", "--list"])
        .output()
        .expect("ran");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let first = stdout.lines().next().expect("a line");
    assert_eq!(
        first,
        "vivo-config\tauto:check-config\tpushdiag.toml and the app's files are right for vivo"
    );
    assert!(stdout.contains("vivo-system-class\tmanual\t"), "{stdout}");
}

/// A vendor that cannot be reached leaves the answer unknown: exit 3 when no step failed, as
/// `check-config --online` and `send-test` do.
#[test]
fn unreachable_vendor_is_exit_3() {
    // A port that was free a moment ago: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    let dir = project(|v| format!("http://{closed}/{}", v.id()));
    let mut command = pushdiag();
    command
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG");
    for (name, value) in SECRETS {
        command.env(name, value);
    }
    let output = command
        .args([
            "checklist",
            "--vendor",
            "vivo",
            "--no-input",
            "--format",
            "json",
        ])
        .output()
        .expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("[??]   vivo-credentials-online"),
        "{stderr}"
    );
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(rule_messages(&document, "checklist-step-failed").is_empty());
    assert!(document["results"]
        .as_array()
        .expect("results")
        .iter()
        .all(|r| r["outcome"] == "unreachable"));
}

/// Issue 13 (Tencent's "VIVO调试"): before it is published in vivo's app store an app can push
/// only in vivo's test mode, to registered test devices, and neither the IM console's test push
/// nor the IM SDK can select test mode. So a "no" on the console test tool is fixed with a
/// test-mode push from pushdiag to a registered test device, not by checking the IM console; and
/// an unpublished app whose phone is no test device blocks every push.
#[test]
fn vivo_console_test_tool_no_is_fixed_with_a_test_mode_push() {
    let dir = emulated_project();
    let path = dir.path().join("vivo-answers.toml");
    let file = path.to_str().expect("UTF-8");
    let args = [
        "--vendor",
        "vivo",
        "--answers",
        file,
        "--format",
        "json",
        "--no-input",
    ];
    std::fs::write(&path, "vivo-console-test-tool = \"no\"\n").expect("write answers");
    let run = checklist(dir.path(), &[], &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let verdict = &run.json()["verdict"];
    assert_eq!(verdict["step"], "vivo-console-test-tool", "{verdict:#}");
    let fix = verdict["fix"].as_str().expect("fix");
    assert!(
        fix.starts_with("Test with `pushdiag send-test --vendor vivo --to REGID` to a phone registered as a test device"),
        "{fix}"
    );
    assert!(!fix.starts_with("Device status abnormal"), "{fix}");

    std::fs::write(
        &path,
        "vivo-console-test-tool = \"no\"\nvivo-test-device = \"no\"\nvivo-test-push-shown = \"no\"\n",
    )
    .expect("write answers");
    let run = checklist(dir.path(), &[], &args);
    let verdict = &run.json()["verdict"];
    assert_eq!(verdict["step"], "vivo-test-device", "{verdict:#}");
    assert!(verdict["message"]
        .as_str()
        .expect("message")
        .contains("cannot select test mode"));
    let others: Vec<&str> = verdict["others"]
        .as_array()
        .expect("others")
        .iter()
        .map(|o| o["step"].as_str().expect("step"))
        .collect();
    assert_eq!(others, ["vivo-console-test-tool", "vivo-test-push-shown"]);
}

/// `checklist --emulated`'s config step agrees with `check-config --emulated`: the Flutter example
/// commits no APNs key and no service account, the emulator's built-in ones stand in, so neither
/// is `credential-missing` (it was, while `check-config` passed the same project).
#[test]
fn emulated_config_step_lets_the_emulator_stand_in_for_missing_key_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("examples/flutter-chat");
    for vendor in ["apns", "fcm"] {
        let run = Run::of(
            pushdiag()
                .current_dir(root)
                .env_remove("PUSHDIAG_CONFIG")
                .args([
                    "--emulated",
                    "--format",
                    "json",
                    "checklist",
                    "--vendor",
                    vendor,
                ])
                .arg("--project")
                .arg(&example)
                .arg("--config")
                .arg(example.join("pushdiag.toml")),
        );
        let document = run.json();
        let config_step = &document["steps"][0];
        assert_eq!(config_step["status"], "passed", "{vendor}: {document:#}");
        assert!(
            !rules_of(&document).contains(&"credential-missing".to_owned()),
            "{vendor}: {document:#}"
        );
        assert!(
            run.stderr.contains("named in the config is not there"),
            "{}",
            run.stderr
        );
    }
}
