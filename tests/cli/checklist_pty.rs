//! `pushdiag checklist` on a terminal: a pseudo-terminal runs it and answers dialoguer's
//! yes/no/skip menus with keys, as a person would (rexpect; Unix only).

use std::process::Command;

use rexpect::process::wait::WaitStatus;
use rexpect::session::spawn_command;

use crate::online::{project, SECRETS};

/// Down arrow, as a terminal sends it: moves the menu from "yes" to "no".
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

#[test]
fn terminal_walk_asks_the_unanswered_steps_and_ends_with_the_verdict() {
    let dir = project(|v| format!("http://127.0.0.1:9/{}", v.id()));
    // The answers file answers every manual step but one; the terminal answers the rest.
    let answers = dir.path().join("answers.toml");
    std::fs::write(
        &answers,
        "oppo-store-listed = \"yes\"\noppo-channel-id = \"yes\"\noppo-console-test-tool = \"yes\"\n\
         oppo-allow-notifications = \"yes\"\noppo-lock-screen = \"yes\"\noppo-status-bar-icon = \"yes\"\n\
         oppo-sound = \"yes\"\noppo-private-channel = \"yes\"\noppo-public-quota = \"yes\"\n",
    )
    .expect("write answers");
    let mut command = Command::new(env!("CARGO_BIN_EXE_pushdiag"));
    command.current_dir(dir.path());
    for var in [
        "CI",
        "PUSHDIAG_CONFIG",
        "PUSHDIAG_FORMAT",
        "NO_COLOR",
        "CLICOLOR_FORCE",
    ] {
        command.env_remove(var);
    }
    for (name, value) in SECRETS {
        command.env(name, value);
    }
    command
        .env("TERM", "xterm")
        .args([
            "--emulated",
            "--color",
            "never",
            "checklist",
            "--vendor",
            "oppo",
        ])
        .arg("--answers")
        .arg(&answers);
    let mut session = spawn_command(command, Some(30_000)).expect("spawn in a pty");

    // The automatic steps run before the first question, each with a line of result.
    session
        .exp_string("[ok]   oppo-config")
        .expect("config step");
    session
        .exp_string("[ok]   oppo-credentials-online")
        .expect("online step");
    // The user-status check is not in this build: asked as a question; Enter takes "yes".
    session
        .exp_string("not Offline. Is that so?")
        .expect("user-status question");
    session.send(ENTER).expect("answer yes");
    session.flush().expect("flush");
    session
        .exp_string("answered yes")
        .expect("the answer is recorded");
    session
        .exp_string("[ok]   oppo-send-test")
        .expect("test push");
    // The one manual step the file leaves open: down to "no", Enter.
    session
        .exp_string("Have you switched on notifications")
        .expect("notification-switch question");
    session.send(DOWN).expect("down");
    session.send(ENTER).expect("answer no");
    session.flush().expect("flush");
    session
        .exp_string("[FAIL] oppo-notification-switch")
        .expect("the step fails");
    session
        .exp_string("error[checklist-step-failed]: oppo: oppo-notification-switch")
        .expect("the report's finding");
    session
        .exp_string("verdict: the first failing step is oppo-notification-switch")
        .expect("verdict");
    session
        .exp_string("fix: Turn on the app's notifications")
        .expect("fix");
    session.exp_eof().expect("exits");
    match session.process.wait().expect("status") {
        WaitStatus::Exited(_, code) => assert_eq!(code, 1, "a failed step exits 1"),
        other => panic!("unexpected status {other:?}"),
    }
}
