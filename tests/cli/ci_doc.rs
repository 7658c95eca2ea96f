//! `docs/ci.md` stays true: every pushdiag command in its code blocks runs, as written, by a shell
//! in a copy of an example project laid out as the doc assumes (`pushdiag.toml` at the top,
//! `push-fixtures/messages.jsonl`), and does its job: exit 0 or 1 (findings), never a usage error
//! or a failure to run, and the SARIF it writes is SARIF.

use std::path::Path;

use crate::{copy_dir, Run};

/// The commands of the doc's code blocks: lines that run `pushdiag` (YAML `run:` and list items
/// included).
fn doc_commands(doc: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_block = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let text = line.trim_start();
        let text = text.strip_prefix("- ").unwrap_or(text);
        let text = text.strip_prefix("run: ").unwrap_or(text);
        if text.starts_with("pushdiag ") {
            commands.push(text.to_owned());
        }
    }
    commands
}

#[cfg(unix)]
#[test]
fn the_commands_in_docs_ci_md_run_on_an_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/ci.md")).expect("docs/ci.md");
    for install in [
        "cargo install --locked --path .",
        "cargo install --locked --git \"$PUSHDIAG_GIT\" pushdiag",
    ] {
        assert!(doc.contains(install), "docs/ci.md lost `{install}`");
    }
    let commands = doc_commands(&doc);
    assert!(commands.len() >= 5, "{commands:#?}");
    for needed in [
        "pushdiag check-config",
        "pushdiag lint-ext --jsonl",
        "--format sarif",
    ] {
        assert!(commands.iter().any(|c| c.contains(needed)), "{needed}");
    }

    // A repository as the doc has it: the Flutter example's app and config at the top, push
    // bodies under push-fixtures/, and the examples beside them for the `--emulated` line.
    let repo = tempfile::tempdir().expect("tempdir");
    copy_dir(&root.join("examples/flutter-chat"), repo.path());
    copy_dir(&root.join("examples"), &repo.path().join("examples"));
    std::fs::create_dir_all(repo.path().join("push-fixtures")).expect("mkdir");
    std::fs::copy(
        root.join("examples/messages.jsonl"),
        repo.path().join("push-fixtures/messages.jsonl"),
    )
    .expect("copy");
    let binary = assert_cmd::cargo::cargo_bin("pushdiag");
    let path = format!(
        "{}:{}",
        binary.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for command in &commands {
        let run = Run::of(
            assert_cmd::Command::new("sh")
                .args(["-c", command])
                .current_dir(repo.path())
                .env("PATH", &path)
                .env_remove("PUSHDIAG_CONFIG")
                .env_remove("PUSHDIAG_FORMAT")
                .env_remove("CI"),
        );
        assert!(
            run.code == 0 || run.code == 1,
            "`{command}` exited {}:\n{}{}",
            run.code,
            run.stdout,
            run.stderr
        );
        assert!(
            !run.stderr.contains("error:"),
            "`{command}` failed:\n{}",
            run.stderr
        );
    }
    for sarif in ["check-config.sarif", "lint-ext.sarif"] {
        let text = std::fs::read_to_string(repo.path().join(sarif)).expect(sarif);
        let document: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
        assert_eq!(document["version"], "2.1.0", "{sarif}");
        assert!(
            !document["runs"][0]["results"]
                .as_array()
                .expect("results")
                .is_empty(),
            "{sarif} has the findings"
        );
    }
}
