//! Replays every committed fuzz input — the seed corpora under `fuzz/corpus/<target>/` and the
//! minimised past crashes under `fuzz/artifacts/<target>/` — through the function its fuzz target
//! calls, on stable and without libFuzzer: a crash once fixed stays fixed (issue 17). The
//! campaign itself is `fuzz/run.sh`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use pushdiag::fuzzing::TARGETS;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_and_past_crash_replays_without_a_panic() {
    let mut panicked = Vec::new();
    let mut replayed = 0;
    for (name, entry) in TARGETS {
        let corpus = files(&root().join("corpus").join(name));
        assert!(!corpus.is_empty(), "fuzz/corpus/{name}/ has no seed");
        let crashes = files(&root().join("artifacts").join(name));
        for file in corpus.iter().chain(&crashes) {
            let data = std::fs::read(file).expect("reading a corpus file");
            replayed += 1;
            if catch_unwind(AssertUnwindSafe(|| entry(&data))).is_err() {
                panicked.push(file.display().to_string());
            }
        }
    }
    pushdiag::fuzzing::remove_scratch_folder();
    assert!(panicked.is_empty(), "these inputs panic: {panicked:#?}");
    assert!(replayed > TARGETS.len());
}

/// The toml_edit panic found by fuzzing the config loader (issue 17, defect 0: "all items have
/// spans") is kept among the config target's past crashes, which `cmin` never prunes, so the
/// replay keeps it fixed.
#[test]
fn the_toml_edit_panic_is_a_kept_config_input() {
    let kept = files(&root().join("artifacts").join("config"));
    assert!(kept
        .iter()
        .any(|f| std::fs::read(f).is_ok_and(|b| b == b"==1\n.c=1")));
}

/// Each target in `pushdiag::fuzzing::TARGETS` is a cargo-fuzz binary of the same name whose
/// file calls that entry, and no other binary is declared: the campaign fuzzes what the replay
/// replays.
#[test]
fn the_fuzz_crate_declares_one_binary_per_target() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("fuzz/Cargo.toml");
    let declared = manifest.matches("[[bin]]").count();
    assert_eq!(declared, TARGETS.len(), "fuzz/Cargo.toml [[bin]] count");
    for (name, _) in TARGETS {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "{name} in fuzz/Cargo.toml"
        );
        let path = root().join("fuzz_targets").join(format!("{name}.rs"));
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            source.contains(&format!("\"{name}\"")),
            "{} calls the entry named {name}",
            path.display()
        );
    }
}
