//! The integration tests: one binary, so the crate is linked once. Each module covers one area of
//! what users see: rule fixtures, inputs (good and bad), output formats, generated files.

mod apns;
mod architecture;
mod bad_input;
mod bounded_reads;
mod check_config;
mod checklist;
#[cfg(unix)]
mod checklist_pty;
mod ci_doc;
mod client_libs;
mod clients;
mod discovery;
mod emu;
mod emulate;
mod fault_matrix;
mod fcm;
mod fixture_gen;
mod floods;
mod formats;
mod generated;
mod help;
mod inputs;
mod jsonl_parts;
mod loss;
mod no_internal_refs;
mod online;
mod push_service;
mod rules;
mod secret_sweep;
mod send_test;
mod snap;
mod tim;
mod timpush_examples;
mod timpush_flutter_example;
mod trace;
mod written_configs;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The pushdiag binary, with an environment that cannot change its behaviour under test.
pub fn pushdiag() -> Command {
    let mut command = Command::cargo_bin("pushdiag").expect("binary built");
    for var in [
        "PUSHDIAG_FORMAT",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "CLICOLOR",
        "CI",
    ] {
        command.env_remove(var);
    }
    command
}

/// What one pushdiag run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Runs `command` to the end and keeps its exit code and output.
    pub fn of(command: &mut Command) -> Run {
        let output = command.output().expect("ran");
        Run {
            code: output.status.code().expect("exit code"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }

    /// stdout parsed as a JSON report (a panic showing both streams when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }
}

/// [`pushdiag`] in `dir`, with neither a config path nor `vendor`'s endpoint taken from the
/// environment of the test run.
pub fn vendor_command(dir: &Path, vendor: &str) -> Command {
    let mut command = pushdiag();
    command
        .current_dir(dir)
        .env_remove("PUSHDIAG_CONFIG")
        .env_remove(format!("PUSHDIAG_{}_ENDPOINT", vendor.to_uppercase()));
    command
}

/// `pushdiag send-test --vendor VENDOR --format json ARGS` in `dir`, and the parsed report.
pub fn send_json(dir: &Path, vendor: &str, args: &[&str]) -> (Run, Value) {
    let run = Run::of(
        vendor_command(dir, vendor)
            .args(["send-test", "--vendor", vendor, "--format", "json"])
            .args(args),
    );
    let document = run.json();
    (run, document)
}

/// Path of a file under `tests/fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// Runs pushdiag with `--format json` and returns (exit code, parsed document).
pub fn run_json(args: &[&str], stdin: Option<&[u8]>) -> (i32, Value) {
    let mut command = pushdiag();
    command.args(args).args(["--format", "json"]);
    if let Some(stdin) = stdin {
        command.write_stdin(stdin.to_vec());
    }
    let output = command.output().expect("ran");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
    let document: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{stdout}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().expect("exit code"), document)
}

/// The rule names of a JSON report's findings, in order.
pub fn rules_of(document: &Value) -> Vec<String> {
    document["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule").to_owned())
        .collect()
}

/// Copies a folder and everything under it (an example project into a temp folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
