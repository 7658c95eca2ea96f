//! `check-config` in a folder of several apps: which app's files it reads, and the error when
//! nothing says which (issue 14, "Project discovery").

use std::path::Path;

use serde_json::Value;

use crate::check_config::{self, EXAMPLE_SECRETS};
use crate::snap::{assert_snap, Snap};
use crate::{copy_dir, pushdiag, rules_of, Run};

fn example(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// A temp folder with `apps/uniapp-chat` and `apps/flutter-chat`, copies of the examples.
fn two_apps() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["uniapp-chat", "flutter-chat"] {
        copy_dir(&example(name), &dir.path().join("apps").join(name));
    }
    dir
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let (code, stdout, stderr) = check_config::run(dir, args, EXAMPLE_SECRETS);
    Run {
        code,
        stdout,
        stderr,
    }
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    check_config::json(dir, args, EXAMPLE_SECRETS)
}

/// The files the findings point at, as written.
fn sources(document: &Value) -> Vec<String> {
    let findings = document["findings"].as_array().expect("findings");
    findings
        .iter()
        .filter_map(|f| f["location"]["source"].as_str())
        .map(str::to_owned)
        .collect()
}

/// The bug: a folder of examples checked against one app's config gave a package-name error for
/// every file of every other app. With nothing saying which app, it is one error naming them.
#[test]
fn several_apps_and_nothing_choosing_is_exit_2_naming_them() {
    let dir = two_apps();
    std::fs::create_dir(dir.path().join("elsewhere")).expect("mkdir");
    std::fs::copy(
        example("uniapp-chat/pushdiag.toml"),
        dir.path().join("elsewhere/pushdiag.toml"),
    )
    .expect("copy");
    let args = [
        "check-config",
        "--project",
        "apps",
        "--config",
        "elsewhere/pushdiag.toml",
    ];
    let mut snap = Snap::new();
    let mut command = pushdiag();
    command.current_dir(dir.path());
    for (key, value) in EXAMPLE_SECRETS {
        command.env(key, value);
    }
    let run = snap.with(&mut command, &args);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("`apps/flutter-chat` (Flutter)")
            && run.stderr.contains("`apps/uniapp-chat` (uni-app)"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("package-name-mismatch"),
        "{}",
        run.stdout
    );
    assert_snap!(snap);
}

/// With the config inside one app's folder, only that app's files are read: the findings are the
/// ones `--project` on the app alone gives, none about the other app.
#[test]
fn the_config_inside_one_app_checks_only_that_app() {
    let dir = two_apps();
    for (app, package) in [
        ("uniapp-chat", "com.example.flutterchat"),
        ("flutter-chat", "com.example.unichat"),
    ] {
        let config = format!("apps/{app}/pushdiag.toml");
        let (code, mixed) = json(dir.path(), &["--project", "apps", "--config", &config]);
        assert_eq!(code, 1, "{mixed:#}");
        let other = if app == "uniapp-chat" {
            "flutter-chat"
        } else {
            "uniapp-chat"
        };
        let files = sources(&mixed);
        assert!(
            files.iter().all(|f| !f.contains(other)),
            "{app}: findings about {other}: {files:?}"
        );
        let text = mixed.to_string();
        assert!(!text.contains(package), "{app} compared with {package}");
        let (_, alone) = json(dir.path(), &["--project", &format!("apps/{app}")]);
        assert_eq!(rules_of(&mixed), rules_of(&alone), "{app}");
        assert_eq!(sources(&mixed), sources(&alone), "{app}");
    }
}

/// `.dart_tool`, `build` and the folders the root's `.gitignore` names are never read, so an app
/// copied into one of them is neither a second app nor a source of findings.
#[test]
fn dependency_build_and_git_ignored_folders_are_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&example("uniapp-chat"), &root.join("app"));
    for hidden in [
        ".dart_tool/cache",
        "build/copy",
        "node_modules/x",
        "vendored/copy",
        "out/gen",
        "deep/tmp/copy",
    ] {
        copy_dir(&example("flutter-chat"), &root.join(hidden));
    }
    // `vendored/` (any depth), `/out` (anchored) and `deep/tmp` (a path) are git-ignored; the
    // glob and the negation are beyond the simple patterns read, and harmless.
    std::fs::write(
        root.join(".gitignore"),
        "# generated\nvendored/\n/out\ndeep/tmp/\n*.log\n!keep/\n",
    )
    .expect("write");
    let (code, document) = json(&root, &["--project", ".", "--config", "app/pushdiag.toml"]);
    assert_eq!(code, 1, "{document:#}");
    let files = sources(&document);
    assert!(
        files.iter().all(|f| f.starts_with("app/")),
        "read outside the app: {files:?}"
    );
    let (_, alone) = json(&root, &["--project", "app"]);
    assert_eq!(rules_of(&document), rules_of(&alone));

    // The same tree without the .gitignore: the copies under vendored/, out/ and deep/tmp/ are
    // apps again, so nothing says which one (the pattern is what skipped them).
    std::fs::remove_file(root.join(".gitignore")).expect("rm");
    std::fs::copy(
        example("uniapp-chat/pushdiag.toml"),
        dir.path().join("pushdiag.toml"),
    )
    .expect("copy");
    let run = check(&root, &["--project", ".", "--config", "../pushdiag.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for listed in ["`vendored/copy`", "`out/gen`", "`deep/tmp/copy`"] {
        assert!(run.stderr.contains(listed), "{listed}: {}", run.stderr);
    }
    assert!(!run.stderr.contains(".dart_tool") && !run.stderr.contains("node_modules"));
}
