//! Floods of findings (issue 18: one day's log drew 562 000 identical channel-ID warnings):
//! the human format folds identical findings after a screenful, and `--summary` reports per rule
//! the count and the first findings, in every format, with the exit code unchanged.

use std::path::Path;

use serde_json::Value;

use crate::pushdiag;
use crate::snap::{assert_snap, Snap};

/// 26 records without `OPPOChannelID` (24 with the same ext, 2 also without `entity`, which is
/// an error), then a clean one.
const FLOOD: &str = "tests/fixtures/floods/oppo-channel-id-missing.jsonl";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_flood_of_identical_findings_is_folded_after_a_screenful() {
    let mut snap = Snap::new();
    let args = ["lint-ext", "--jsonl", FLOOD, "--vendor", "oppo"];
    let run = snap.with(pushdiag().current_dir(root()), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let shown = |stdout: &str| stdout.matches("warning[oppo-channel-id-missing]").count();
    assert_eq!(shown(&run.stdout), pushdiag::render::FOLD_AFTER as usize);
    // -v shows everything, and JSON never folds.
    let verbose = pushdiag()
        .current_dir(root())
        .args(args)
        .arg("-v")
        .output()
        .expect("run");
    assert_eq!(shown(&String::from_utf8_lossy(&verbose.stdout)), 26);
    let (code, document) = crate::run_json(&args, None);
    assert_eq!(code, 1);
    assert_eq!(document["findings"].as_array().map(Vec::len), Some(28));
    assert_snap!(snap);
}

#[test]
fn summary_reports_per_rule_the_count_and_the_first_findings() {
    let mut snap = Snap::new();
    for format in ["human", "json", "github"] {
        let args = [
            "lint-ext",
            "--jsonl",
            FLOOD,
            "--vendor",
            "oppo",
            "--summary",
            "--format",
            format,
        ];
        let run = snap.with(pushdiag().current_dir(root()), &args);
        // A summarised error still fails the run.
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        if format == "json" {
            let document: Value = serde_json::from_str(&run.stdout).expect("JSON");
            assert_eq!(document["findings"], serde_json::json!([]));
            assert_eq!(document["summary"]["warnings"], 26);
            assert_eq!(document["by_rule"][0]["count"], 26);
            assert_eq!(
                document["by_rule"][0]["first"].as_array().map(Vec::len),
                Some(3)
            );
        }
    }
    // Warnings only: exit 0 with or without --summary; --deny warnings fails both.
    for extra in [&[][..], &["--deny", "warnings"][..]] {
        let base = ["lint-ext", "--jsonl", "-", "--vendor", "oppo"];
        let records: String = std::fs::read_to_string(root().join(FLOOD))
            .expect("fixture")
            .lines()
            .take(24)
            .map(|line| format!("{line}\n"))
            .collect();
        let plain = crate::run_json(&[&base[..], extra].concat(), Some(records.as_bytes())).0;
        let summary = crate::run_json(
            &[&base[..], extra, &["--summary"][..]].concat(),
            Some(records.as_bytes()),
        )
        .0;
        assert_eq!(plain, summary, "{extra:?}");
        assert_eq!(plain, if extra.is_empty() { 0 } else { 1 });
    }
    assert_snap!(snap);
}
