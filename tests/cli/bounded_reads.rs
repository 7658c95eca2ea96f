//! Issue 17, defects 1 and 2: every file pushdiag opens from what a user wrote goes through one
//! reader that checks the kind and the size first. `key-file = "/dev/zero"` used to allocate until
//! the machine said no, a FIFO blocked forever, and a 2 GB `manifest.json` was read whole before
//! the size cap (or silently skipped under a lower memory limit: two answers for one input).

use std::path::Path;
use std::time::Duration;

use crate::{pushdiag, Run};

/// A hang must fail the test, not the CI job: every run here ends in a second or two.
const LIMIT: Duration = Duration::from_secs(60);

fn check_config(dir: &Path, args: &[&str]) -> Run {
    Run::of(
        pushdiag()
            .current_dir(dir)
            .env_remove("PUSHDIAG_CONFIG")
            .args(["check-config"])
            .args(args)
            .timeout(LIMIT),
    )
}

fn apns_config(dir: &Path, key_file: &str) {
    std::fs::write(
        dir.join("pushdiag.toml"),
        format!(
            "package = \"com.example.chat\"\n[apns]\nbusiness-id-development = 1\nkey-file = \"{key_file}\"\nkey-id = \"ABCDE12345\"\nteam-id = \"ABCDE12345\"\n"
        ),
    )
    .expect("config");
}

/// The one error line of a run that could not do its job.
fn error_line(run: &Run) -> &str {
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    errors[0]
}

#[cfg(unix)]
#[test]
fn a_device_as_key_file_is_one_error_naming_key_and_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    apns_config(dir.path(), "/dev/zero");
    let run = check_config(dir.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        error_line(&run),
        "error: cannot read [apns] key-file `/dev/zero`: it is a device, not a regular file"
    );
    let run = Run::of(
        pushdiag()
            .current_dir(dir.path())
            .env_remove("PUSHDIAG_CONFIG")
            .args(["send-test", "--vendor", "apns", "--to", "ab", "--dry-run"])
            .timeout(LIMIT),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(error_line(&run).contains("`/dev/zero`: it is a device"));
}

/// `mkfifo` from the system; `None` where there is none (the test is then skipped).
fn mkfifo(path: &Path) -> Option<()> {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .ok()?;
    status.success().then_some(())
}

#[test]
fn a_fifo_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    if mkfifo(&dir.path().join("AuthKey.p8")).is_none() {
        return; // No mkfifo on this system: nothing to test.
    }
    apns_config(dir.path(), "AuthKey.p8");
    let run = check_config(dir.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        error_line(&run),
        "error: cannot read [apns] key-file `AuthKey.p8`: it is a FIFO (named pipe), not a regular file"
    );
    // The same for the config itself and a `{ file }` secret.
    let run = check_config(dir.path(), &["--config", "AuthKey.p8"]);
    assert_eq!(run.code, 2);
    assert!(error_line(&run).contains("cannot read config `AuthKey.p8`: it is a FIFO"));
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        "[vivo]\nbusiness-id = 1\napp-id = \"1\"\napp-key = \"k\"\napp-secret = { file = \"AuthKey.p8\" }\n",
    )
    .expect("config");
    let run = check_config(dir.path(), &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("which cannot be read: it is a FIFO"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_oversize_file_names_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let account = dir.path().join("service-account.json");
    std::fs::File::create(&account)
        .and_then(|f| f.set_len(100 * 1024))
        .expect("sparse file");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        "package = \"com.example.chat\"\n[fcm]\nbusiness-id = 1\nservice-account = \"service-account.json\"\n",
    )
    .expect("config");
    let run = check_config(dir.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        error_line(&run),
        "error: cannot read [fcm] service-account `service-account.json`: it is 102400 bytes, more than the 64 KiB that an FCM service account may have"
    );
}

#[test]
fn a_huge_manifest_json_gets_one_answer() {
    // Sparse: 2 GB on paper, nothing on disk; the reader must never allocate its size.
    let dir = tempfile::tempdir().expect("tempdir");
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).expect("mkdir");
    std::fs::File::create(app.join("manifest.json"))
        .and_then(|f| f.set_len(2 << 30))
        .expect("sparse file");
    std::fs::write(
        dir.path().join("pushdiag.toml"),
        "package = \"com.example.chat\"\n",
    )
    .expect("config");
    // Alone it is not a uni-app's (no "app-plus" in the bytes a project file may have): skipped.
    let run = check_config(dir.path(), &["--project", "app"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("manifest.json"), "{}", run.stderr);
    // Beside nativeplugins/ it is one, and too large: one error naming the file and the cap.
    std::fs::create_dir_all(app.join("nativeplugins")).expect("mkdir");
    let run = check_config(dir.path(), &["--project", "app"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        error_line(&run),
        "error: cannot read `app/manifest.json`: it is 2147483648 bytes, more than the 16 MiB that an app's config file may have"
    );
}
