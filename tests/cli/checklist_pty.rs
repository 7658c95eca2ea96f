//! `pushdiag checklist` on a terminal: a pseudo-terminal runs it and answers the yes/no/skip
//! questions with keys, as a person would (rexpect; Unix only).

use std::path::Path;
use std::process::Command;

use rexpect::process::wait::WaitStatus;
use rexpect::session::{spawn_command, PtySession};

use crate::online::{project, SECRETS};

/// Down arrow, as a terminal sends it: moves the menu from "yes" to "no".
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";
/// The terminal's "show the cursor" sequence.
const SHOW_CURSOR: &str = "\x1b[?25h";

/// Every manual OPPO step except those in `open`, answered yes in `dir/answers.toml`.
fn answers_except(dir: &Path, open: &[&str]) -> std::path::PathBuf {
    let text: String = crate::checklist::OPPO_MANUAL
        .iter()
        .filter(|id| !open.contains(id))
        .map(|id| format!("{id} = \"yes\"\n"))
        .collect();
    let path = dir.join("answers.toml");
    std::fs::write(&path, text).expect("write answers");
    path
}

/// `pushdiag --emulated --color never checklist --vendor oppo ARGS` in a pseudo-terminal in `dir`.
fn spawn(dir: &Path, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pushdiag"));
    command.current_dir(dir);
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
        .args(args);
    spawn_command(command, Some(30_000)).expect("spawn in a pty")
}

/// Waits for `text`, adding what came before it and `text` to `seen`.
fn expect(session: &mut PtySession, seen: &mut String, text: &str) {
    let before = session
        .exp_string(text)
        .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}\nseen so far:\n{seen}"));
    seen.push_str(&before);
    seen.push_str(text);
}

fn exit_code(session: &mut PtySession) -> i32 {
    match session.process.wait().expect("status") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("unexpected status {other:?}"),
    }
}

#[test]
fn terminal_walk_asks_the_unanswered_steps_and_ends_with_the_verdict() {
    let dir = project(|v| format!("http://127.0.0.1:9/{}", v.id()));
    // The answers file answers every manual step but one; the terminal answers the rest.
    let answers = answers_except(dir.path(), &["oppo-notification-switch"]);
    let answers = answers.to_str().expect("UTF-8");
    let mut session = spawn(dir.path(), &["--answers", answers]);
    let mut seen = String::new();

    // The automatic steps run before the first question, each with a line of result.
    expect(&mut session, &mut seen, "[ok]   oppo-config");
    expect(&mut session, &mut seen, "[ok]   oppo-credentials-online");
    // The user-status check needs --user: asked as a question; Enter takes "yes".
    expect(&mut session, &mut seen, "Is that so?");
    session.send(ENTER).expect("answer yes");
    session.flush().expect("flush");
    expect(&mut session, &mut seen, "answered yes");
    expect(&mut session, &mut seen, "[ok]   oppo-send-test");
    // The one manual step the file leaves open: down to "no", Enter.
    expect(
        &mut session,
        &mut seen,
        "Have you switched on notifications",
    );
    session.send(DOWN).expect("down");
    session.send(ENTER).expect("answer no");
    session.flush().expect("flush");
    expect(&mut session, &mut seen, "[FAIL] oppo-notification-switch");
    expect(
        &mut session,
        &mut seen,
        "error[checklist-step-failed]: oppo: oppo-notification-switch",
    );
    expect(
        &mut session,
        &mut seen,
        "verdict: the likely cause is oppo-notification-switch",
    );
    expect(
        &mut session,
        &mut seen,
        "fix: Turn on the app's notifications",
    );
    session.exp_eof().expect("exits");
    assert_eq!(exit_code(&mut session), 1, "a failed step exits 1");
}

/// Issue 13: only arrows and Enter answered, and a question wider than the terminal was drawn
/// twice (dialoguer's redraw). `y` and `n` answer at once; each question is written once,
/// wrapped at word boundaries within 60 columns.
#[test]
fn y_and_n_keys_answer_and_long_questions_are_drawn_once() {
    let dir = project(|v| format!("http://127.0.0.1:9/{}", v.id()));
    let answers = answers_except(dir.path(), &["oppo-channel-id", "oppo-notification-switch"]);
    let answers = answers.to_str().expect("UTF-8");
    let mut session = spawn(dir.path(), &["--answers", answers, "--user", "alice"]);
    let mut seen = String::new();

    expect(&mut session, &mut seen, "the OPPO ChannelID set in the IM");
    expect(&mut session, &mut seen, "(y/n/s, arrows, Enter)");
    session.send("y").expect("y");
    session.flush().expect("flush");
    expect(&mut session, &mut seen, "answer: yes");
    expect(&mut session, &mut seen, "[ok]   oppo-channel-id");
    expect(
        &mut session,
        &mut seen,
        "Have you switched on notifications",
    );
    expect(&mut session, &mut seen, "(y/n/s, arrows, Enter)");
    session.send("n").expect("n");
    session.flush().expect("flush");
    expect(&mut session, &mut seen, "answer: no");
    expect(&mut session, &mut seen, "[FAIL] oppo-notification-switch");
    seen.push_str(&session.exp_eof().expect("exits"));
    assert_eq!(exit_code(&mut session), 1);

    // The long question is on the screen once, wrapped: no line of it wider than 60 columns.
    assert_eq!(
        seen.matches("channel whose ID is the OPPO ChannelID")
            .count(),
        1,
        "{seen}"
    );
    let question: Vec<&str> = seen
        .split(['\r', '\n'])
        .skip_while(|l| !l.starts_with("  ? On Android 8.0"))
        .take_while(|l| !l.contains("(y/n/s"))
        .filter(|l| !l.is_empty())
        .collect();
    assert!(question.len() >= 2, "wrapped: {question:#?}\n{seen}");
    for line in &question {
        let text = line.trim_start_matches("  ? ").trim_start();
        assert!(text.chars().count() <= 60, "{line:?}");
    }
    assert_eq!(
        question.concat().split_whitespace().collect::<Vec<_>>().join(" "),
        "? On Android 8.0 and later, does the app create a notification channel whose ID is the OPPO ChannelID set in the IM console (OPPOChannelID)?",
    );
}

/// Issue 13: Ctrl-C on a question left the cursor hidden and lost the answers. Now the cursor
/// is shown, the answers so far (the file's and the terminal's) are saved, and the message says
/// how to resume; resuming from the saved file asks nothing already answered.
#[test]
fn ctrl_c_shows_the_cursor_and_saves_the_answers_to_resume() {
    let dir = project(|v| format!("http://127.0.0.1:9/{}", v.id()));
    let answers = answers_except(dir.path(), &["oppo-channel-id", "oppo-notification-switch"]);
    let answers = answers.to_str().expect("UTF-8");
    let mut session = spawn(dir.path(), &["--answers", answers, "--user", "alice"]);
    let mut seen = String::new();
    expect(&mut session, &mut seen, "(y/n/s, arrows, Enter)");
    session.send("y").expect("y");
    session.flush().expect("flush");
    expect(
        &mut session,
        &mut seen,
        "Have you switched on notifications",
    );
    expect(&mut session, &mut seen, "(y/n/s, arrows, Enter)");
    // Let the prompt put the terminal in raw mode, where Ctrl-C is a key, not a signal.
    std::thread::sleep(std::time::Duration::from_millis(500));
    session.send(CTRL_C).expect("ctrl-c");
    session.flush().expect("flush");
    expect(&mut session, &mut seen, SHOW_CURSOR);
    let resume = "pushdiag checklist --vendor oppo --answers pushdiag-answers-oppo.toml";
    expect(
        &mut session,
        &mut seen,
        &format!(
            "interrupted: 9 answers saved to pushdiag-answers-oppo.toml; resume with `{resume}`"
        ),
    );
    seen.push_str(&session.exp_eof().expect("exits"));
    assert_eq!(exit_code(&mut session), 2, "the walk did not finish");
    assert!(!seen.contains("verdict:"), "{seen}");

    let saved =
        std::fs::read_to_string(dir.path().join("pushdiag-answers-oppo.toml")).expect("saved");
    assert!(saved.contains("oppo-channel-id = \"yes\"\n"), "{saved}");
    assert!(saved.contains("oppo-public-quota = \"yes\"\n"), "{saved}");
    assert!(!saved.contains("oppo-notification-switch"), "{saved}");
    assert!(saved.contains(&format!("# Resume: {resume}")), "{saved}");

    // Resume: only the question left open is asked.
    let mut session = spawn(
        dir.path(),
        &["--answers", "pushdiag-answers-oppo.toml", "--user", "alice"],
    );
    let mut seen = String::new();
    expect(
        &mut session,
        &mut seen,
        "Have you switched on notifications",
    );
    expect(&mut session, &mut seen, "(y/n/s, arrows, Enter)");
    session.send("y").expect("y");
    session.flush().expect("flush");
    seen.push_str(&session.exp_eof().expect("exits"));
    assert_eq!(exit_code(&mut session), 0, "{seen}");
    assert!(seen.contains("[ok]   oppo-channel-id: "), "{seen}");
    assert_eq!(seen.matches("(y/n/s, arrows, Enter)").count(), 1, "{seen}");
}
