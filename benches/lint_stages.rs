//! What each stage of `lint-ext`'s flow costs per record, measured on a JSON Lines file held in
//! memory (no reading, no report): the UTF-8 check, the record's parse, its repeated keys, its
//! push fields, the ext's decoding and parse, and then everything else (the checks, the findings
//! and their locations). Each stage is timed as the flow stopped after it, so the differences
//! between rows are what a stage adds.
//!
//!   cargo bench --bench lint_stages -- FILE [ROUNDS]
//!   JQ_MBS=49 cargo bench --bench lint_stages -- target/bench-data/records-100mb-seed1-clean.jsonl
//!
//! With `JQ_MBS` (jq's speed on the core check, as benches/lint_ext.sh prints it) the table
//! ends with the time per record that 20x jq leaves. Run it pinned (`taskset -c 0`) on an idle
//! machine; the fastest of ROUNDS (default 5) passes over the file is shown.

// A benchmark's table is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use pushdiag::findings::{Finding, Rule};
use pushdiag::lint::{InputKind, LintOptions, Linter, Origin, Profile, Stage};
use pushdiag::vendor::Vendor;

/// The stages in flow order.
const STAGES: [(&str, Stage); 7] = [
    ("UTF-8 checked", Stage::Utf8),
    ("record parsed", Stage::Record),
    ("repeated keys found", Stage::Duplicates),
    ("push fields located", Stage::Fields),
    ("ext decoded", Stage::ExtDecoded),
    ("ext parsed", Stage::ExtParsed),
    ("all checks, findings located", Stage::All),
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(path) = args.first() else {
        eprintln!("usage: cargo bench --bench lint_stages -- FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: u32 = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let data = match std::fs::read(path) {
        Ok(data) => data,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(2);
        }
    };
    let records: Vec<&[u8]> = data
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .filter(|line| !line.is_empty())
        .collect();
    let bytes = data.len() as f64;
    let count = records.len().max(1) as f64;
    println!(
        "{path}: {} records, {:.1} MB",
        records.len(),
        bytes / 1048576.0
    );
    println!("| stage (the flow stopped after it) | ns/record | added | MB/s |");
    println!("| --- | ---: | ---: | ---: |");
    let mut before = 0.0;
    for (name, stage) in STAGES {
        let best = (0..rounds)
            .map(|_| time(stage, &records))
            .min()
            .unwrap_or_default();
        let ns = best.as_nanos() as f64 / count;
        let mbs = bytes / 1048576.0 / best.as_secs_f64();
        println!("| {name} | {ns:.0} | {:.0} | {mbs:.0} |", ns - before);
        before = ns;
    }
    if let Some(jq) = std::env::var("JQ_MBS")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
    {
        let budget = bytes / (20.0 * jq * 1048576.0) / count * 1e9;
        println!(
            "20x jq ({jq} MB/s) leaves {budget:.0} ns per record, reading and the report included"
        );
    }
}

/// One pass over every record, stopped after `stage`, with the buffers `lint-ext` keeps between
/// records (the findings are dropped as the report would drop them).
fn time(stage: Stage, records: &[&[u8]]) -> Duration {
    let mut linter = Linter::new(LintOptions {
        profile: Profile::Uniapp,
        vendors: Vendor::ALL.to_vec(),
        input: InputKind::Auto,
    });
    linter.stop_after(stage);
    let origin = Origin::new(Arc::from("bench"));
    let mut out: Vec<Finding> = Vec::new();
    let start = Instant::now();
    for record in records {
        out.clear();
        linter.lint(record, &origin, Rule::RecordInvalidJson, &mut out);
    }
    start.elapsed()
}
