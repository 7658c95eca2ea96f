//! The first screen and every command's help: short enough to read, with examples, and never a
//! suggestion that sends more than the user asked for.

use crate::snap::{assert_snap, Snap};
use crate::{pushdiag, Run};

/// The width help is laid out for here: clap would otherwise take it from the terminal.
fn help(args: &[&str]) -> Run {
    Run::of(pushdiag().env("COLUMNS", "100").args(args))
}

fn commands() -> Vec<String> {
    pushdiag::cli::command()
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect()
}

/// `pushdiag` alone: what it is, the five commands to start with, three examples, where the docs
/// are, in at most 25 lines (it used to print every option and the 47 rule names three times).
#[test]
fn the_first_screen_is_short_and_points_the_way() {
    let mut snap = Snap::new();
    let run = snap.command("pushdiag", pushdiag().env("COLUMNS", "100"));
    assert_eq!(run.code, 2, "no command is a usage error, as clap has it");
    let lines = run.stderr.lines().count();
    assert!(lines <= 25, "{lines} lines:\n{}", run.stderr);
    for command in ["init", "check-config", "lint-ext", "send-test", "checklist"] {
        assert!(run.stderr.contains(&format!("\n  {command} ")), "{command}");
    }
    assert!(run.stderr.contains("\nExamples:\n"));
    assert!(run.stderr.contains("Docs:"));
    assert_snap!(snap);
}

/// Each command's `--help` (and `pushdiag --help`) fits in 40 lines, ends with Examples, and no
/// longer lists the rule names: `pushdiag explain --list` does.
#[test]
fn every_help_is_at_most_40_lines_with_examples() {
    let mut snap = Snap::new();
    let mut pages = vec![vec!["--help".to_owned()]];
    pages.extend(
        commands()
            .into_iter()
            .filter(|name| name != "help")
            .map(|name| vec![name, "--help".to_owned()]),
    );
    for args in &pages {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = help(&args);
        assert_eq!(run.code, 0, "{args:?}");
        let lines = run.stdout.lines().count();
        assert!(lines <= 40, "{args:?}: {lines} lines:\n{}", run.stdout);
        assert!(
            run.stdout.contains("\nExamples") && run.stdout.contains("\n  pushdiag "),
            "{args:?} has no Examples section:\n{}",
            run.stdout
        );
        assert!(
            !run.stdout.contains("ext-double-encoded"),
            "{args:?} lists the rules"
        );
        assert_eq!(
            help(&[&args[..args.len() - 1], &["-h"]].concat()).stdout,
            run.stdout
        );
        snap.run(&format!("pushdiag {}", args.join(" ")), &run);
    }
    assert_snap!(snap);
}

/// The rules the help no longer lists are one command away, and a global flag still takes them
/// after a subcommand.
#[test]
fn the_rule_list_is_in_explain_and_global_flags_still_parse_after_a_command() {
    let run = help(&["explain", "--list"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("ext-double-encoded"));
    let run = help(&[
        "lint-ext",
        "--allow",
        "ext-missing-entity",
        "--format",
        "json",
        "{}",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"findings\": []"), "{}", run.stdout);
}

/// `completions --help` says where each shell's script goes.
#[test]
fn completions_help_says_where_each_script_goes() {
    let run = help(&["completions", "--help"]);
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(
            run.stdout
                .contains(&format!("pushdiag completions {shell} >")),
            "{shell}:\n{}",
            run.stdout
        );
    }
}

/// Issue 13, item 6: `send-test --projet` answered "a similar argument exists: '--production'",
/// one keystroke from a formal push to real users. A typo is never answered with a flag that
/// sends more (`--production`) or sends what lint refused (`--force`).
#[test]
fn a_typo_never_suggests_a_flag_that_widens_what_is_sent() {
    let mut snap = Snap::new();
    for typo in [
        "--projet",
        "--prodution",
        "--productoin",
        "--produciton",
        "--prod",
        "--forse",
        "--forc",
    ] {
        let run = snap.pushdiag(&["send-test", "--vendor", "vivo", typo]);
        assert_eq!(run.code, 2, "{typo}");
        assert!(
            run.stderr.contains("unexpected argument"),
            "{typo}: {}",
            run.stderr
        );
        for widening in ["--production", "--force"] {
            assert!(
                !run.stderr.contains(widening),
                "{typo} suggests {widening}:\n{}",
                run.stderr
            );
        }
    }
    // Harmless suggestions stay.
    let run = snap.pushdiag(&["send-test", "--vendor", "vivo", "--dryrun"]);
    assert!(run.stderr.contains("'--dry-run'"), "{}", run.stderr);
    assert_snap!(snap);
}
