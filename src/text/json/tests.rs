//! The parser against serde_json, its error offsets, depth limit, duplicate keys and escapes.

use super::parse::{find_stop, scan_valid_string};
use super::*;

fn parse_ok(text: &str) -> Vec<Kind> {
    let mut parser = Parser::default();
    let doc = parser.parse(text.as_bytes()).expect("valid JSON");
    doc.nodes.iter().map(|n| n.kind).collect()
}

fn parse_err(text: &str) -> ParseError {
    let mut parser = Parser::default();
    match parser.parse(text.as_bytes()) {
        Ok(_) => panic!("{text:?} parsed but is not JSON"),
        Err(e) => e,
    }
}

#[test]
fn agrees_with_serde_json_on_a_corpus() {
    // Each case is checked against serde_json so the two never disagree on validity.
    let cases = [
        "{}",
        "[]",
        "0",
        "-0",
        "1.5e+3",
        "\"a\\u00e9\\ud83d\\ude00\"",
        " {\"a\" : [1, true, null, {\"b\":\"c\"}]} ",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        "1e",
        "-",
        "\"\\x\"",
        "\"a",
        "{\"a\" 1}",
        "[1 2]",
        "{a:1}",
        "tru",
        "nul",
        "[]]",
        "{} {}",
        "\"\t\"",
        "",
        "   ",
        "[\"\\u12\"]",
        "1.0E-2",
    ];
    for case in cases {
        let ours = Parser::default().parse(case.as_bytes()).is_ok();
        let theirs = serde_json::from_str::<serde_json::Value>(case).is_ok();
        assert_eq!(ours, theirs, "disagreement on {case:?}");
    }
}

#[test]
fn tape_links_siblings_past_subtrees() {
    let text = r#"{"a":[1,[2,3]],"b":{"c":null},"d":"x"}"#;
    let mut parser = Parser::default();
    let doc = parser.parse(text.as_bytes()).expect("valid");
    let keys: Vec<String> = doc
        .children(Doc::ROOT)
        .map(|c| doc.key(c).expect("member").into_owned())
        .collect();
    assert_eq!(keys, ["a", "b", "d"]);
    let a = doc.get(Doc::ROOT, "a").expect("a");
    assert_eq!(doc.children(a).count(), 2);
    assert_eq!(doc.kind(doc.get(Doc::ROOT, "d").expect("d")), Kind::String);
}

#[test]
fn errors_point_at_the_offending_byte() {
    assert_eq!(parse_err("{\"a\":1,}").offset, 7);
    assert_eq!(parse_err("[1 2]").offset, 3);
    assert_eq!(
        parse_err("{\"a\":\"x\0\"}").message,
        "NUL byte inside a string"
    );
    assert_eq!(parse_err("{} x").offset, 3);
}

#[test]
fn find_stop_agrees_with_a_byte_loop() {
    // Every position and byte class, including bytes >= 0x80 next to a match.
    let alphabet = [b'a', b'"', b'\\', 0x1f, 0x00, 0x20, 0x7f, 0x80, 0xff, b'~'];
    let mut seed = 7u32;
    for len in 0..40 {
        for _ in 0..50 {
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    alphabet[(seed >> 16) as usize % alphabet.len()]
                })
                .collect();
            for from in 0..=len {
                let expected = text[from..]
                    .iter()
                    .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
                    .map(|p| from + p);
                assert_eq!(find_stop(&text, from), expected, "{text:?} from {from}");
            }
        }
    }
}

/// The string scanner, one byte at a time: what [`scan_valid_string`] must answer.
fn scan_by_bytes(src: &[u8], i: usize) -> Option<(usize, bool)> {
    let (mut j, mut escaped) = (i + 1, false);
    loop {
        match *src.get(j)? {
            b'"' => return Some((j + 1, escaped)),
            0..=0x1f => return None,
            b'\\' => {
                escaped = true;
                j += match *src.get(j + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
                    b'u' if src.get(j + 2..j + 6)?.iter().all(u8::is_ascii_hexdigit) => 6,
                    _ => return None,
                };
            }
            _ => j += 1,
        }
    }
}

#[test]
fn the_block_scanner_agrees_with_a_byte_loop_across_block_edges() {
    // Escapes, quotes and the end of input at every offset around the 16-byte block edges.
    let alphabet: [&[u8]; 12] = [
        b"a",
        b"\"",
        b"\\\"",
        b"\\\\",
        b"\\u00e9",
        b"\\uZZ",
        b"\\n",
        b"\\x",
        b"\x01",
        "é".as_bytes(),
        b"\\",
        b"bbbbbbbbbbbbbbb",
    ];
    let mut seed = 11u32;
    for _ in 0..20_000 {
        let mut text = vec![b'"'];
        let parts = (seed >> 8) % 24;
        for _ in 0..parts {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.extend_from_slice(alphabet[(seed >> 16) as usize % alphabet.len()]);
        }
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        for cut in [
            text.len(),
            text.len().saturating_sub((seed >> 20) as usize % 4).max(1),
        ] {
            let text = &text[..cut];
            assert_eq!(
                scan_valid_string(text, 0),
                scan_by_bytes(text, 0),
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    let error = parse_err(&deep);
    assert_eq!(error.message, "nesting deeper than 512 levels");
    assert_eq!(error.offset, MAX_DEPTH);
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert_eq!(parse_ok(&ok).len(), MAX_DEPTH);
}

#[test]
fn finds_duplicate_keys_in_nested_objects_and_escaped_keys() {
    let text = r#"{"a":1,"b":{"x":1,"\u0078":2},"a":3}"#;
    let mut parser = Parser::default();
    let doc = parser.parse(text.as_bytes()).expect("valid");
    let mut dups = Vec::new();
    doc.duplicate_keys(&mut dups);
    let names: Vec<String> = dups
        .iter()
        .map(|r| doc.key(r.repeat).expect("key").into_owned())
        .collect();
    assert_eq!(names, ["x", "a"]);
    // `get` keeps the last value, as serde_json does.
    let a = doc.get(Doc::ROOT, "a").expect("a");
    assert_eq!(
        &text[doc.node(a).start as usize..doc.node(a).end as usize],
        "3"
    );
}

#[test]
fn finds_repeats_in_objects_of_every_size_around_the_small_path() {
    // Up to sixteen members are compared on the stack, more are sorted: both find the same
    // repeats, for a repeat of the first key at the end and of the last key at the start.
    for size in 2..=20 {
        for (first, repeat) in [(0, size - 1), (size - 2, size - 1), (1, 2)] {
            if repeat >= size || first == repeat {
                continue;
            }
            let mut keys: Vec<String> = (0..size).map(|i| format!("k{i}")).collect();
            keys[repeat] = keys[first].clone();
            let members: Vec<String> = keys.iter().map(|k| format!("\"{k}\":1")).collect();
            let text = format!("{{{}}}", members.join(","));
            let mut parser = Parser::default();
            let doc = parser.parse(text.as_bytes()).expect("valid");
            let mut dups = Vec::new();
            doc.duplicate_keys(&mut dups);
            let found: Vec<(usize, usize)> = dups.iter().map(|r| (r.first, r.repeat)).collect();
            // Member i is node i + 1 (every value is a number).
            assert_eq!(found, [(first + 1, repeat + 1)], "{size} members: {text}");
        }
    }
}

#[test]
fn decodes_escapes_and_maps_offsets_back() {
    let raw = br#"{\"entity\":\u0031}"#;
    let mut out = String::new();
    decode_escaped(std::str::from_utf8(raw).expect("ASCII"), &mut out);
    assert_eq!(out, r#"{"entity":1}"#);
    // The '1' is at decoded offset 10 and raw offset 12 (after `{\"entity\":`).
    assert_eq!(raw_offset_of_decoded(raw, 10), 12);
    assert_eq!(escaped_len("a\"\n\u{1}"), 2 + 1 + 2 + 2 + 6);
    let mut written = String::new();
    write_escaped(&mut written, "a\"\n\u{1}");
    assert_eq!(written.len(), escaped_len("a\"\n\u{1}"));
    assert_eq!(
        serde_json::from_str::<String>(&written).expect("valid"),
        "a\"\n\u{1}"
    );
}

#[test]
fn pointers_escape_and_walk_arrays() {
    let text = br#"{"a/b":[0,{"c~":1}]}"#;
    let mut parser = Parser::default();
    let doc = parser.parse(text).expect("valid");
    let target = doc
        .nodes
        .iter()
        .rposition(|n| n.kind == Kind::Number)
        .expect("1");
    assert_eq!(doc.pointer_to(Doc::ROOT, target, "/Ext"), "/Ext/a~1b/1/c~0");
}

#[test]
fn decoding_agrees_with_serde_json_across_block_edges() {
    let alphabet: [&str; 10] = [
        "a",
        "\\\"",
        "\\\\",
        "\\u00e9",
        "\\ud83d\\ude00",
        "\\n",
        "\\/",
        "é",
        "bbbbbbbbbbbbbbb",
        "中文",
    ];
    let mut seed = 5u32;
    for _ in 0..5_000 {
        let mut raw = String::new();
        for _ in 0..(seed >> 8) % 30 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            raw.push_str(alphabet[(seed >> 16) as usize % alphabet.len()]);
        }
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let expected: String = serde_json::from_str(&format!("\"{raw}\"")).expect("valid JSON");
        let mut out = String::from("kept:");
        decode_escaped(&raw, &mut out);
        assert_eq!(out, format!("kept:{expected}"), "{raw:?}");
        let mut buf = b"stale bytes".to_vec();
        assert_eq!(decode_escaped_into(&raw, &mut buf), expected, "{raw:?}");
    }
}

#[test]
fn short_keys_and_strings_read_fast_keep_their_spans_and_errors() {
    // Keys and string values of every length around the sixteen-byte fast path, with escapes,
    // controls, whitespace around the colon and the end of input at every cut: the spans are
    // where the generator put them, and validity is serde_json's.
    let pieces: [&str; 7] = ["a", "é", "\\\"", "\\n", "\u{1}", "bbbbbbb", "\\u0041"];
    let mut seed = 7u32;
    let mut next = |n: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) % n
    };
    let mut parser = Parser::default();
    for _ in 0..5_000 {
        let mut text = String::from("{");
        let mut spans = Vec::new();
        for member in 0..1 + next(4) {
            if member > 0 {
                text.push(',');
            }
            let string = |text: &mut String, next: &mut dyn FnMut(u32) -> u32| {
                let start = text.len();
                text.push('"');
                for _ in 0..next(8) {
                    text.push_str(pieces[next(pieces.len() as u32) as usize]);
                }
                text.push('"');
                (start, text.len())
            };
            let key = string(&mut text, &mut next);
            text.push_str([":", " :", ": ", "\t:\n"][next(4) as usize]);
            let value = string(&mut text, &mut next);
            spans.push((key, value));
        }
        text.push('}');
        for cut in [
            text.len(),
            text.len() - 1 - next(text.len() as u32) as usize,
        ] {
            let Some(text) = text.get(..cut) else {
                continue;
            };
            let ours = parser.parse(text.as_bytes());
            let theirs = serde_json::from_str::<serde_json::Value>(text);
            assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}");
            let Ok(doc) = ours else {
                continue;
            };
            let members: Vec<_> = doc.children(Doc::ROOT).collect();
            assert_eq!(members.len(), spans.len(), "{text:?}");
            for (&child, &((key_start, key_end), (start, end))) in members.iter().zip(&spans) {
                let node = doc.node(child);
                assert_eq!(
                    (node.start as usize, node.end as usize),
                    (start, end),
                    "{text:?}"
                );
                assert_eq!(doc.key_offset(child), Some(key_start), "{text:?}");
                let raw_key = &text[key_start + 1..key_end - 1];
                let expected: String =
                    serde_json::from_str(&text[key_start..key_end]).expect("key");
                assert_eq!(
                    doc.key(child).as_deref(),
                    Some(expected.as_str()),
                    "{raw_key:?}"
                );
            }
        }
    }
}
