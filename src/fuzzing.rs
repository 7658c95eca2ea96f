//! Entry points for the fuzz targets in `fuzz/` and for `tests/fuzz_corpus.rs`, which replays
//! their corpora on stable: each takes the raw bytes of one outside input and runs it through the
//! parser that reads such input in a real run. Hidden from the docs and not part of the supported
//! API; the targets and the replay test name each entry through [`TARGETS`], so the two cannot
//! disagree on what a target calls.
//!
//! An entry returns nothing: whatever the parser makes of the bytes (a value, findings, an error)
//! is fine; a panic is the bug the fuzzer looks for.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use crate::config::{self, Environment};
use crate::credentials::{self, ApnsEnvironment, ApnsInput, FcmInput};
use crate::findings::{Located, Rule};
use crate::lint::input::{JsonLines, Record};
use crate::lint::{InputKind, LintOptions, Linter, Origin, Profile};
use crate::secret::Secret;
use crate::text::json::{Kind, Parser};
use crate::vendor::Vendor;

/// What a target feeds each input to.
pub type Entry = fn(&[u8]);

/// Every fuzz target: its name (the file `fuzz/fuzz_targets/<name>.rs` and the corpus folder
/// `fuzz/corpus/<name>/`) and the function it feeds.
pub const TARGETS: &[(&str, Entry)] = &[
    ("json", json),
    ("lint_record", lint_record),
    ("lint_jsonl", lint_jsonl),
    ("config", config),
    ("uniapp_manifest", crate::project::fuzzing::uniapp_manifest),
    (
        "android_manifest",
        crate::project::fuzzing::android_manifest,
    ),
    ("gradle", crate::project::fuzzing::gradle),
    ("plist", crate::project::fuzzing::plist),
    (
        "provisioning_profile",
        crate::project::fuzzing::provisioning_profile,
    ),
    ("vendor_json", crate::project::fuzzing::vendor_json),
    ("apns_p8", apns_p8),
    ("apns_certificate", apns_certificate),
    ("fcm_service_account", fcm_service_account),
    ("usersig", usersig),
    ("emulator_request", crate::emulator::fuzzing::request),
    (
        "timpush_configs",
        crate::project::code::fuzzing::timpush_configs,
    ),
    ("js", crate::project::code::fuzzing::js),
    ("dart", crate::project::code::fuzzing::dart),
    ("swift_objc", crate::project::code::fuzzing::swift_objc),
    ("android_code", crate::project::code::fuzzing::android_code),
];

/// The entry of the target `name`; a fuzz target calls it with each input.
pub fn entry(name: &str) -> Entry {
    match TARGETS.iter().find(|(target, _)| *target == name) {
        Some((_, entry)) => *entry,
        None => panic!("no fuzz target named {name}"),
    }
}

/// The span-tracking JSON parser, and the walks every caller makes over its tree.
pub fn json(data: &[u8]) {
    let mut parser = Parser::default();
    if let Ok(doc) = parser.parse(data) {
        let mut duplicates = Vec::new();
        doc.duplicate_keys(&mut duplicates);
        let mut scratch = String::new();
        for index in 0..doc.subtree_end(0) {
            let _ = doc.key(index);
            let _ = doc.text_of(index);
            // `str_value` is for string nodes only, as every caller checks the kind first.
            if doc.kind(index) == Kind::String {
                let _ = doc.str_value(index, &mut scratch);
            }
            let _ = doc.pointer_to(0, index, "");
        }
    }
}

fn linter() -> Linter {
    Linter::new(LintOptions {
        profile: Profile::Uniapp,
        vendors: Vendor::ALL.to_vec(),
        input: InputKind::Auto,
    })
}

/// `lint-ext` on one text (an ext or a record), every vendor's limits on.
pub fn lint_record(data: &[u8]) {
    let mut out = Vec::new();
    linter().lint(
        data,
        &Origin::new("fuzz".into()),
        Rule::ExtInvalidJson,
        &mut out,
    );
}

/// `lint-ext` on a JSON Lines chunk, read as `lint-ext --jsonl` reads a file: one record at a
/// time, with a small record cap so the too-large path is reached too.
pub fn lint_jsonl(data: &[u8]) {
    let mut lines = JsonLines::new(data, 4096);
    let mut linter = linter();
    let mut out = Vec::new();
    while let Ok(Some(line)) = lines.next_record() {
        if let Record::Text(text) = line.record {
            let origin = Origin {
                source: "fuzz".into(),
                line: line.number,
                offset: line.offset,
            };
            linter.lint(text, &origin, Rule::RecordInvalidJson, &mut out);
        }
        out.clear();
    }
}

/// The scratch folder for targets whose parser reads a file, one per process.
fn scratch_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("pushdiag-fuzz-{}", std::process::id()));
        // Failing here would make every input a read error, which no replay would notice.
        std::fs::create_dir_all(&dir).expect("creating the fuzz scratch folder");
        dir
    })
}

fn write(name: &str, data: &[u8]) -> PathBuf {
    let path = scratch_folder().join(name);
    std::fs::write(&path, data).expect("writing a fuzz input to the scratch folder");
    path
}

/// Removes this process's scratch folder (the replay test calls it when done).
pub fn remove_scratch_folder() {
    let _ = std::fs::remove_dir_all(scratch_folder());
}

/// `pushdiag.toml` then `PUSHDIAG_*` overrides: the bytes up to the first NUL are the file, the
/// lines after it `NAME=VALUE` variables (the `PUSHDIAG_` prefix added when missing).
pub fn config(data: &[u8]) {
    let (toml, vars) = match memchr::memchr(0, data) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let pairs = String::from_utf8_lossy(vars)
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| {
            let name = match name.starts_with("PUSHDIAG_") {
                true => name.to_owned(),
                false => format!("PUSHDIAG_{name}"),
            };
            (name, value.to_owned())
        })
        .collect::<Vec<_>>();
    let env = Environment::from_pairs(pairs);
    let path = write("pushdiag.toml", toml);
    if let Ok(config) = config::load(Some(&path), &env) {
        let _ = config.settings().count();
    }
}

fn apns_input(now: time::OffsetDateTime) -> ApnsInput {
    ApnsInput {
        key_file: None,
        key_id: Some(Located::new("ABC123DEFG".to_owned(), None)),
        team_id: Some(Located::new("DEF123GHIJ".to_owned(), None)),
        certificate: None,
        certificate_password: None,
        bundle_id: Some(Located::new("com.example.app".to_owned(), None)),
        environment: Some(Located::new(ApnsEnvironment::Development, None)),
        expiry_warning_days: 30,
        now,
    }
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::UNIX_EPOCH + Duration::from_secs(1_780_000_000)
}

/// An APNs `.p8` signing key (PEM or DER, any content).
pub fn apns_p8(data: &[u8]) {
    let path = write("AuthKey_ABC123DEFG.p8", data);
    let input = ApnsInput {
        key_file: Some(Located::new(path, None)),
        ..apns_input(now())
    };
    let _ = credentials::check_apns(&input);
}

/// An APNs certificate: `.p12` (opened with the password `pushdiag`), PEM or DER, read by the
/// extension the file has; the first byte picks which.
pub fn apns_certificate(data: &[u8]) {
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) if b % 3 == 0 => ("apns.p12", rest),
        Some((b, rest)) if b % 3 == 1 => ("apns.pem", rest),
        Some((_, rest)) => ("apns.cer", rest),
        None => ("apns.p12", data),
    };
    let path = write(name, bytes);
    let input = ApnsInput {
        key_id: None,
        team_id: None,
        certificate: Some(Located::new(path, None)),
        certificate_password: Some(Located::new(Secret::new("pushdiag"), None)),
        ..apns_input(now())
    };
    let _ = credentials::check_apns(&input);
}

/// An FCM service-account JSON file.
pub fn fcm_service_account(data: &[u8]) {
    let path = write("service-account.json", data);
    let input = FcmInput {
        service_account: Located::new(path, None),
        google_services_project_id: Some(Located::new("demo-project".to_owned(), None)),
    };
    let _ = credentials::check_fcm(&input);
}

/// A UserSig, decoded by the client (`status`, `send-test --via tim`) and opened by the
/// emulator's Tencent IM.
pub fn usersig(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::vendors::tim::usersig::decode(&text);
    crate::emulator::fuzzing::usersig(&text);
}
