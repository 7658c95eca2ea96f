//! A JSON Lines file linted on several threads (`--jobs`), and in parts that are merged
//! (`--source-name`, `--line-offset`, `--byte-offset`; the recipe of docs/scale.md): the
//! report is the one a single run over the whole file writes.

use std::path::Path;

use serde_json::Value;

use crate::{pushdiag, Run};

/// A record of each kind that draws findings, and clean ones between them.
const RECORDS: [&str; 8] = [
    r#"{"Title":"hi","Desc":"d","Ext":"{\"entity\":{\"a\":1}}"}"#,
    "{not json",
    r#"{"Ext":"{\"a\":1}","Title":"t","Title":"u"}"#,
    "",
    r#"{"Desc":"d","Ext":"[1]"}"#,
    r#"{"title":"t","description":"d","extension":"{\"entity\":{}}"}"#,
    "   ",
    r#"{"Title":"t","Desc":"d","Ext":"{\"entity\":{\"sender\":\"bob\"}}"}"#,
];

/// Over `--max-record-bytes` below.
const MAX_RECORD: &str = "4096";

/// About 2.5 MB of records (many of `--jobs`' 256 KiB chunks) with a byte order mark, CRLF
/// and LF, blank lines, lines too large to read and a last line without its newline.
fn mixed() -> Vec<u8> {
    let mut text = b"\xEF\xBB\xBF".to_vec();
    let long = format!(r#"{{"Desc":"{}"}}"#, "x".repeat(5000));
    for i in 0..40_000 {
        if i % 9_001 == 100 {
            text.extend_from_slice(long.as_bytes());
        } else {
            text.extend_from_slice(RECORDS[i % RECORDS.len()].as_bytes());
        }
        text.extend_from_slice(if i % 5 == 0 { b"\r\n" } else { b"\n" });
    }
    text.extend_from_slice(RECORDS[0].as_bytes());
    text
}

fn lint(path: &Path, format: &str, extra: &[&str]) -> Run {
    Run::of(
        pushdiag()
            .args(["lint-ext", "--jsonl"])
            .arg(path)
            .args(["--vendor", "apns", "--vendor", "huawei"])
            .args(["--max-record-bytes", MAX_RECORD, "--format", format])
            .args(extra),
    )
}

/// Regression for `--jobs`: chunks are linted apart, yet the report (every format, the exit
/// code) is byte for byte the single thread's.
#[test]
fn jobs_do_not_change_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("day.jsonl");
    std::fs::write(&path, mixed()).expect("write");
    let runs = [
        ("human", None),
        ("json", None),
        ("github", None),
        ("sarif", None),
        ("human", Some("--summary")),
        ("json", Some("--summary")),
    ];
    for (format, summary) in runs {
        let one = lint(
            &path,
            format,
            &["--jobs", "1"]
                .into_iter()
                .chain(summary)
                .collect::<Vec<_>>(),
        );
        assert_eq!(one.code, 1, "{}", one.stderr);
        assert!(one.stdout.contains("input-bom"), "the BOM's note");
        for jobs in ["2", "3"] {
            let many = lint(
                &path,
                format,
                &["--jobs", jobs]
                    .into_iter()
                    .chain(summary)
                    .collect::<Vec<_>>(),
            );
            assert_eq!(
                (many.code, &many.stderr),
                (one.code, &one.stderr),
                "--jobs {jobs}"
            );
            assert!(
                many.stdout == one.stdout,
                "--format {format} {summary:?} --jobs {jobs} differs from --jobs 1"
            );
        }
    }
}

/// The file cut into parts of whole lines at `cuts` (line counts), each written beside it,
/// with the lines and bytes before it: what `split -l` and the recipe's offsets produce.
fn split(text: &[u8], cuts: &[usize], dir: &Path) -> Vec<(std::path::PathBuf, u64, u64)> {
    let mut parts = Vec::new();
    let (mut lines_before, mut offset) = (0, 0);
    let mut rest = text;
    for (i, &lines) in cuts.iter().chain([&usize::MAX]).enumerate() {
        if rest.is_empty() {
            break;
        }
        let len = rest
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .nth(lines.saturating_sub(1))
            .map_or(rest.len(), |(at, _)| at + 1);
        let path = dir.join(format!("part-{i:02}"));
        std::fs::write(&path, &rest[..len]).expect("write part");
        parts.push((path, lines_before, offset));
        lines_before += rest[..len].iter().filter(|&&b| b == b'\n').count() as u64;
        offset += len as u64;
        rest = &rest[len..];
    }
    parts
}

/// The merge of docs/scale.md: findings concatenated in part order, summaries summed.
fn merge(reports: &[Value]) -> (Vec<Value>, [u64; 4]) {
    let mut findings = Vec::new();
    let mut summary = [0; 4];
    for report in reports {
        findings.extend(report["findings"].as_array().expect("findings").clone());
        for (total, key) in summary
            .iter_mut()
            .zip(["errors", "warnings", "notes", "checked"])
        {
            *total += report["summary"][key].as_u64().expect("count");
        }
    }
    (findings, summary)
}

/// `--summary`'s `by_rule`, merged as docs/scale.md says: per rule and severity in the order
/// they first appear, counts summed, the first findings concatenated in part order and cut to
/// as many as one run keeps.
fn merge_by_rule(reports: &[Value], kept: usize) -> Vec<Value> {
    let mut merged: Vec<Value> = Vec::new();
    for entry in reports
        .iter()
        .flat_map(|r| r["by_rule"].as_array().expect("by_rule"))
    {
        let same = merged
            .iter_mut()
            .find(|e| e["rule"] == entry["rule"] && e["severity"] == entry["severity"]);
        match same {
            None => merged.push(entry.clone()),
            Some(same) => {
                let count = same["count"].as_u64().expect("count")
                    + entry["count"].as_u64().expect("count");
                same["count"] = count.into();
                let first = same["first"].as_array_mut().expect("first");
                first.extend(entry["first"].as_array().expect("first").iter().cloned());
                first.truncate(kept);
            }
        }
    }
    merged
}

/// Each part of `text` linted as the part of `whole` it is, with `extra` flags; the JSON reports.
fn lint_parts(whole: &Path, text: &[u8], dir: &Path, extra: &[&str]) -> Vec<Value> {
    // Parts of uneven sizes; one cut sits right after the blank lines and one after the first
    // line, whose byte order mark only the first part may report.
    let parts = split(text, &[1, 4, 10_000, 5_003, 20_000], dir);
    assert_eq!(parts.len(), 6);
    let mut reports = Vec::new();
    for (i, (path, lines_before, offset)) in parts.iter().enumerate() {
        let (lines_before, offset) = (lines_before.to_string(), offset.to_string());
        let jobs = if i % 2 == 0 { "1" } else { "2" };
        let whole = whole.display().to_string();
        let mut args = vec![
            "--source-name",
            &whole,
            "--line-offset",
            &lines_before,
            "--byte-offset",
            &offset,
            "--jobs",
            jobs,
        ];
        args.extend_from_slice(extra);
        let run = lint(path, "json", &args);
        assert!(run.code <= 1, "{}", run.stderr);
        reports.push(run.json());
    }
    reports
}

/// The recipe of docs/scale.md without GNU parallel: each part linted with the whole file's
/// name and its offsets, then merged, reports what one run over the whole file reports.
#[test]
fn parts_merged_report_as_the_whole_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = dir.path().join("day.jsonl");
    let text = mixed();
    std::fs::write(&whole, &text).expect("write");
    let single = lint(&whole, "json", &["--jobs", "1"]).json();
    let reports = lint_parts(&whole, &text, dir.path(), &[]);
    let (findings, summary) = merge(&reports);
    assert_eq!(&findings, single["findings"].as_array().expect("findings"));
    let whole_summary = ["errors", "warnings", "notes", "checked"]
        .map(|key| single["summary"][key].as_u64().expect("count"));
    assert_eq!(summary, whole_summary);
}

/// The same with `--summary`: the parts' `by_rule` merged is the whole file's.
#[test]
fn parts_summaries_merged_report_as_the_whole_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = dir.path().join("day.jsonl");
    let text = mixed();
    std::fs::write(&whole, &text).expect("write");
    let single = lint(&whole, "json", &["--jobs", "1", "--summary"]).json();
    let expected = single["by_rule"].as_array().expect("by_rule");
    // More findings than one run keeps for some rule, spread over several parts: the merge's
    // cut and order are exercised, not only its sums.
    assert!(
        expected.iter().any(|e| e["count"].as_u64() > Some(3)),
        "{single}"
    );
    let reports = lint_parts(&whole, &text, dir.path(), &["--summary"]);
    assert_eq!(&merge_by_rule(&reports, 3), expected);
    let (findings, summary) = merge(&reports);
    assert!(findings.is_empty());
    let whole_summary = ["errors", "warnings", "notes", "checked"]
        .map(|key| single["summary"][key].as_u64().expect("count"));
    assert_eq!(summary, whole_summary);
}

#[test]
fn placing_flags_need_one_jsonl_input() {
    let run = Run::of(pushdiag().args(["lint-ext", "{}", "--line-offset", "10"]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--jsonl"), "{}", run.stderr);
    let run = Run::of(pushdiag().args([
        "lint-ext",
        "--jsonl",
        "a.jsonl",
        "--jsonl",
        "b.jsonl",
        "--source-name",
        "day.jsonl",
    ]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("place one --jsonl input"),
        "{}",
        run.stderr
    );
    let run = Run::of(pushdiag().args(["lint-ext", "--jsonl", "-", "--jobs", "0"]));
    assert_eq!(run.code, 2, "{}", run.stderr);
}
