//! Bad input gets a finding or one clear error line, a documented exit code, and never a panic:
//! each case here is one the issue names.

use std::io::Write;

use crate::{pushdiag, rules_of, run_json};

/// Asserts a run ended without a panic or a backtrace.
fn assert_no_panic(stderr: &[u8]) {
    let stderr = String::from_utf8_lossy(stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let mut text = br#"{"Ext":"{\"entity\":{\"nick\":\""#.to_vec();
    let offset = text.len();
    text.extend_from_slice(b"\xff\xfe\"}}\"}");
    let (code, document) = run_json(&["lint-ext", "--jsonl"], Some(&text));
    assert_eq!(code, 1);
    assert_eq!(rules_of(&document), ["record-invalid-json"]);
    let finding = &document["findings"][0];
    assert!(finding["message"]
        .as_str()
        .expect("message")
        .contains(&format!("invalid UTF-8 at byte {offset}")));
    assert_eq!(finding["location"]["offset"], offset as u64);
}

#[test]
fn a_bom_is_accepted_and_noted() {
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend_from_slice(br#"{"entity":{}}"#);
    for args in [vec!["lint-ext"], vec!["lint-ext", "--jsonl"]] {
        let (code, document) = run_json(&args, Some(&text));
        assert_eq!(code, 0, "{args:?}");
        assert_eq!(rules_of(&document), ["input-bom"], "{args:?}");
        assert_eq!(document["findings"][0]["severity"], "note");
    }
    // A BOM alone on the first line of JSON Lines is still noted, with the first record.
    let (code, document) = run_json(
        &["lint-ext", "--jsonl"],
        Some(b"\xEF\xBB\xBF\n{\"entity\":{}}\n"),
    );
    assert_eq!(
        (code, rules_of(&document)),
        (0, vec!["input-bom".to_owned()])
    );
}

#[test]
fn crlf_line_ends_and_empty_lines_are_fine() {
    let text = "{\"entity\":{}}\r\n\r\n\n   \n{\"x\":1}\r\n";
    let (code, document) = run_json(&["lint-ext", "--jsonl"], Some(text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(rules_of(&document), ["ext-missing-entity"]);
    assert_eq!(document["findings"][0]["location"]["line"], 5);
    assert_eq!(
        document["summary"]["checked"], 2,
        "empty lines are skipped, not records"
    );
    let (code, _) = run_json(&["lint-ext"], Some(b"{\r\n\"entity\": {}\r\n}\r\n"));
    assert_eq!(code, 0, "CRLF inside a document is whitespace");
}

#[test]
fn a_100_mb_line_is_skipped_and_the_stream_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    file.write_all(b"{\"Ext\":\"").expect("write");
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..100 {
        file.write_all(&chunk).expect("write");
    }
    file.write_all(b"\"}\n{\"nick\":1}\n").expect("write");
    drop(file);
    let (code, document) = run_json(&["lint-ext", "--jsonl", path.to_str().expect("path")], None);
    assert_eq!(code, 1);
    assert_eq!(
        rules_of(&document),
        ["payload-too-large", "ext-missing-entity"]
    );
    assert_eq!(document["findings"][0]["vendor"], "tim");
    assert_eq!(document["findings"][1]["location"]["line"], 2);
    assert_eq!(
        document["findings"][1]["location"]["offset"],
        100 * (1 << 20) + 11
    );
}

#[test]
fn nesting_100_000_deep_is_a_finding_not_a_crash() {
    let deep = "[".repeat(100_000);
    let output = pushdiag()
        .args(["lint-ext", "--format", "json", &deep])
        .output()
        .expect("ran");
    assert_no_panic(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(rules_of(&document), ["ext-invalid-json"]);
    assert!(document["findings"][0]["message"]
        .as_str()
        .expect("m")
        .contains("nesting deeper than 512 levels"));
    let record = format!(
        "{{\"Ext\":\"{}\"}}\n{{\"entity\":{{}}}}\n",
        "{\\\"a\\\":".repeat(100_000)
    );
    let (code, document) = run_json(
        &["lint-ext", "--jsonl", "--vendor", "vivo"],
        Some(record.as_bytes()),
    );
    assert_eq!(code, 1);
    let findings = document["findings"].as_array().expect("findings");
    let invalid = findings
        .iter()
        .find(|f| f["rule"] == "ext-invalid-json")
        .expect("ext-invalid-json");
    assert!(invalid["message"]
        .as_str()
        .expect("m")
        .contains("nesting deeper than 512 levels"));
    assert!(
        findings.iter().all(|f| f["location"]["line"] == 1),
        "the second record is clean"
    );
    assert_eq!(document["summary"]["checked"], 2);
}

#[test]
fn nul_bytes_are_reported_with_their_position() {
    let (code, document) = run_json(
        &["lint-ext", "--jsonl"],
        Some(b"{\"entity\":{}}\n{\"entity\":\0}\n"),
    );
    assert_eq!(code, 1);
    assert_eq!(rules_of(&document), ["record-invalid-json"]);
    assert_eq!(document["findings"][0]["location"]["line"], 2);
    assert_eq!(document["findings"][0]["location"]["column"], 11);
    let (_, document) = run_json(&["lint-ext", "--jsonl"], Some(b"{\"Ext\":\"a\0b\"}\n"));
    assert!(document["findings"][0]["message"]
        .as_str()
        .expect("m")
        .contains("NUL byte"));
}

#[test]
fn a_missing_file_is_one_error_line_and_exit_2() {
    let output = pushdiag()
        .args(["lint-ext", "--file", "no-such-push.json"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot read `no-such-push.json`"),
        "{stderr}"
    );
}

#[test]
fn a_directory_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    for flag in ["--file", "--jsonl"] {
        let output = pushdiag()
            .args(["lint-ext", flag])
            .arg(dir.path())
            .output()
            .expect("ran");
        assert_eq!(output.status.code(), Some(2), "{flag}");
        let stderr = String::from_utf8(output.stderr).expect("UTF-8");
        assert!(
            stderr.contains("is a directory, not a file"),
            "{flag}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1);
    }
}

#[test]
fn an_unreadable_input_does_not_stop_the_others() {
    let (code, document) = run_json(
        &["lint-ext", "--file", "missing.json", r#"{"nick":1}"#],
        None,
    );
    assert_eq!(code, 2, "a failed input wins over findings");
    assert_eq!(rules_of(&document), ["ext-missing-entity"]);
}

#[test]
fn one_bad_record_never_stops_the_stream() {
    let text =
        "{\"entity\":{}}\nnot json at all\n{\"Ext\":\"{bad\"}\n\u{1}\n{\"x\":1}\n{\"entity\":{}}\n";
    let (code, document) = run_json(
        &["lint-ext", "--jsonl", "--vendor", "vivo"],
        Some(text.as_bytes()),
    );
    assert_eq!(code, 1);
    assert_eq!(
        rules_of(&document),
        [
            "record-invalid-json",
            "ext-invalid-json",
            "record-invalid-json",
            "ext-missing-entity"
        ]
    );
    let lines: Vec<u64> = document["findings"]
        .as_array()
        .expect("f")
        .iter()
        .map(|f| f["location"]["line"].as_u64().expect("l"))
        .collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    assert_eq!(document["summary"]["checked"], 6);
}

#[test]
fn several_values_in_one_document_suggest_jsonl() {
    let (code, document) = run_json(&["lint-ext"], Some(b"{\"entity\":{}}\n{\"entity\":{}}\n"));
    assert_eq!(code, 1);
    assert!(document["findings"][0]["message"]
        .as_str()
        .expect("m")
        .contains("use --jsonl"));
}

#[test]
fn a_closed_stdout_exits_0_quietly() {
    // `pushdiag … | head -1`: the reader goes away after one line. `-v`: the human format would
    // fold these identical findings after 20, and the run would end before the pipe fills.
    let lines = "{\"x\":1}\n".repeat(200_000);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pushdiag"))
        .args(["lint-ext", "--jsonl", "-v"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        // The child may exit before reading everything; a broken pipe here is expected.
        let _ = stdin.write_all(lines.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    let _ = writer.join();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn no_input_on_a_terminal_is_a_usage_error_not_a_hang() {
    // With stdin closed (not a terminal) lint-ext reads it; an empty stdin is not JSON.
    let output = pushdiag()
        .args(["lint-ext", "--format", "json"])
        .write_stdin("")
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(1));
    let output = pushdiag()
        .args(["lint-ext", "--jsonl", "-", "-"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("stdin (`-`) can be read only once"));
}

#[test]
fn unknown_flags_and_values_exit_2() {
    for args in [
        vec!["lint-ext", "--vendor", "nokia", "{}"],
        vec!["lint-ext", "--profile", "x", "{}"],
        vec!["lint-ext", "--bogus"],
    ] {
        let output = pushdiag().args(&args).output().expect("ran");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_no_panic(&output.stderr);
    }
}

/// Found by fuzzing the config loader: toml_edit 0.23.10 panics on these eight bytes ("all items
/// have spans"). Now they are the one-line parse error every broken TOML gets, exit 2.
#[test]
fn a_config_that_crashed_the_toml_parser_is_a_parse_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), b"==1\n.c=1").expect("write");
    let output = pushdiag()
        .current_dir(dir.path())
        .env_remove("PUSHDIAG_CONFIG")
        .arg("check-config")
        .output()
        .expect("runs");
    assert_no_panic(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        "error: cannot parse config `pushdiag.toml` at line 1, column 2: extra `=`, expected nothing"
    );
}

/// Issue 17: 80 000 repeats of one key took 23 s (a pointer and a line/column computed from the
/// start for every repeat) and gave 80 000 findings. Now the run is linear and the findings are
/// bounded, the rest counted. Not timed: the bound on findings is what keeps the work bounded.
#[test]
fn eighty_thousand_repeated_keys_give_a_bounded_count() {
    let members = vec![r#""k":1"#; 80_000].join(",");
    let record = format!(r#"{{"Title":"t","Desc":"d",{members},"Ext":"{{\"entity\":{{}}}}"}}"#);
    let ext = format!(r#"{{"entity":{{{members}}}}}"#);
    let in_ext = serde_json::json!({"Title": "t", "Desc": "d", "Ext": ext}).to_string();
    let input = format!("{record}\n{in_ext}\n");
    let (code, document) = run_json(&["lint-ext", "--jsonl"], Some(input.as_bytes()));
    assert!(code <= 1, "{document:#}");
    let repeats = rules_of(&document)
        .iter()
        .filter(|r| *r == "ext-duplicate-key")
        .count();
    // Six per object (five and the count), in two records.
    assert_eq!(repeats, 2 * 6);
    let messages: Vec<&str> = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(
        messages
            .contains(&"… and 79994 more repeats of \"k\" in this object, not reported one by one"),
        "{messages:#?}"
    );
    assert!(
        messages.contains(
            &"ext: … and 79994 more repeats of \"k\" in this object, not reported one by one"
        ),
        "{messages:#?}"
    );
}
