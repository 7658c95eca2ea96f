//! `examples/timpush-flutter` (issue 14): a Flutter app on `tencent_cloud_chat_push` whose planted
//! mistakes (its README lists them) are each found, in every output format.

use std::path::Path;

use crate::check_config::EXAMPLE_SECRETS;
use crate::{pushdiag, rules_of, Run};

const PROJECT: &str = "examples/timpush-flutter";

/// The findings the README promises, one per planted mistake (and the vivo one that follows from
/// the misspelled key).
const PLANTED: &[&str] = &[
    "app-business-id-mismatch",
    "flutter-push-application-missing",
    "app-client-key-mismatch",
    "timpush-config-invalid",
    "app-business-id-missing",
];

fn command(root: &Path, format: &str) -> assert_cmd::Command {
    let mut command = pushdiag();
    command
        .current_dir(root)
        .env_remove("PUSHDIAG_CONFIG")
        .envs(EXAMPLE_SECRETS.iter().copied())
        .args(["check-config", "--project", PROJECT, "--format", format]);
    command
}

#[test]
fn the_timpush_flutter_example_shows_every_planted_mistake_in_every_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = Run::of(&mut command(root, "json"));
    assert_eq!(json.code, 1, "{}", json.stderr);
    let rules = rules_of(&json.json());
    for rule in PLANTED {
        assert!(
            rules.iter().any(|r| r == rule),
            "{rule} missing from {rules:?}"
        );
    }
    assert!(
        json.stderr.contains("Flutter with tencent_cloud_chat_push"),
        "the stack is named: {}",
        json.stderr
    );
    let mut snap = crate::snap::Snap::new();
    for format in ["human", "json", "github", "sarif"] {
        let label = format!("pushdiag check-config --project {PROJECT} --format {format}");
        let run = snap.command(&label, &mut command(root, format));
        assert_eq!(run.code, 1, "{format}");
        for rule in PLANTED {
            assert!(run.stdout.contains(rule), "{format} lacks {rule}");
        }
    }
    crate::snap::assert_snap!(snap);
}
