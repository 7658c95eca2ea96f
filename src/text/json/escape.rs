//! JSON string escapes: decoding them, mapping decoded offsets back, and sizing or writing
//! escaped text.

use super::block;

/// Decodes the content of a JSON string that the parser has validated, appending it to `out`.
/// Lone surrogates, which JSON's grammar allows but Unicode does not, become U+FFFD.
///
/// An embedded ext has an escaped quote every few bytes, so this is built for short runs: it
/// copies sixteen bytes at a time into a buffer with sixteen bytes of slack, and keeps only the
/// bytes before the next backslash (the rest is overwritten). No call per run, no check per byte.
/// The bytes are decoded into a per-thread buffer and checked as UTF-8 once, with the SIMD
/// validator, on their way into `out` (safe code cannot skip that check, and `String::from_utf8`
/// would make it byte by byte).
pub fn decode_escaped(raw: &str, out: &mut String) {
    thread_local! {
        static DECODED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    DECODED.with_borrow_mut(|buf| out.push_str(decode_escaped_into(raw, buf)));
}

/// [`decode_escaped`] into `buf` (cleared first), returned as text borrowed from it: no
/// per-thread buffer and no copy.
pub fn decode_escaped_into<'b>(raw: &str, buf: &'b mut Vec<u8>) -> &'b str {
    decode_bytes(raw.as_bytes(), buf);
    // Never an error: the raw text is UTF-8, a backslash (ASCII) never splits a character, and
    // every escape becomes a whole character. Were it one, the ext would read as empty (a
    // finding), never as a panic.
    simdutf8::basic::from_utf8(buf).unwrap_or_default()
}

/// [`decode_escaped`]'s decoding, into `buf` (cleared first).
fn decode_bytes(bytes: &[u8], buf: &mut Vec<u8>) {
    const WIDTH: usize = block::WIDTH;
    buf.clear();
    // Decoding never lengthens the text; the slack lets every block copy be a whole block.
    buf.resize(bytes.len() + WIDTH, 0);
    let (mut r, mut w) = (0, 0);
    while r < bytes.len() {
        if let Some(chunk) = bytes.get(r..r + WIDTH) {
            let chunk = <[u8; WIDTH]>::try_from(chunk).unwrap_or_default();
            buf[w..w + WIDTH].copy_from_slice(&chunk);
            let stops = block::stops(chunk);
            let backslashes = stops.backslashes;
            if backslashes == 0 {
                r += WIDTH;
                w += WIDTH;
                continue;
            }
            if block::escaped_quotes_only(backslashes, stops.quotes).is_some() {
                // Each `\"` decodes to its quote: drop the backslashes, moving each run of bytes
                // after one into place with a sixteen-byte copy.
                let mut run = r;
                let mut pending = backslashes;
                while pending != 0 {
                    let at = r + pending.trailing_zeros() as usize;
                    pending &= pending - 1;
                    w += at - run;
                    run = at + 1;
                    match bytes.get(run..run + WIDTH) {
                        Some(next) => buf[w..w + WIDTH].copy_from_slice(next),
                        None => buf[w..w + bytes.len() - run].copy_from_slice(&bytes[run..]),
                    }
                }
                w += r + WIDTH - run;
                r += WIDTH;
                continue;
            }
            let plain = backslashes.trailing_zeros() as usize;
            r += plain;
            w += plain;
        } else if bytes[r] != b'\\' {
            buf[w] = bytes[r];
            r += 1;
            w += 1;
            continue;
        }
        // `bytes[r]` is a backslash.
        let simple = match bytes.get(r + 1) {
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'n') => b'\n',
            Some(b't') => b'\t',
            Some(b'r') => b'\r',
            _ => {
                let (ch, used) = decode_one_escape(bytes, r);
                w += ch.encode_utf8(&mut buf[w..w + 4]).len();
                r += used;
                continue;
            }
        };
        buf[w] = simple;
        w += 1;
        r += 2;
    }
    buf.truncate(w);
}

/// Decodes the escape at `raw[i]` (a backslash); returns the character and the bytes used.
#[inline]
fn decode_one_escape(raw: &[u8], i: usize) -> (char, usize) {
    let simple = match raw.get(i + 1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => {
            let high = hex4(raw, i + 2);
            if (0xD800..0xDC00).contains(&high) && raw.get(i + 6..i + 8) == Some(b"\\u") {
                let low = hex4(raw, i + 8);
                if (0xDC00..0xE000).contains(&low) {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return (char::from_u32(code).unwrap_or('\u{FFFD}'), 12);
                }
            }
            return (char::from_u32(high).unwrap_or('\u{FFFD}'), 6);
        }
        _ => '\u{FFFD}',
    };
    (simple, 2)
}

/// The four hex digits at `raw[at..]` as a number, or U+FFFD when they are not four hex digits.
fn hex4(raw: &[u8], at: usize) -> u32 {
    let Some(digits) = raw.get(at..at + 4) else {
        return 0xFFFD;
    };
    let mut value = 0;
    for &digit in digits {
        let Some(nibble) = char::from(digit).to_digit(16) else {
            return 0xFFFD;
        };
        value = value << 4 | nibble;
    }
    value
}

/// Maps a byte offset in the decoded content of a JSON string back to the offset in its raw
/// (escaped) text, so a finding inside an embedded ext can point at the source's own bytes.
pub fn raw_offset_of_decoded(raw: &[u8], decoded_target: usize) -> usize {
    let mut raw_i = 0;
    let mut decoded_i = 0;
    while raw_i < raw.len() && decoded_i < decoded_target {
        if raw[raw_i] == b'\\' {
            let (ch, used) = decode_one_escape(raw, raw_i);
            raw_i += used;
            decoded_i += ch.len_utf8();
        } else {
            raw_i += 1;
            decoded_i += 1;
        }
    }
    raw_i
}

/// Length in bytes of `s` written as a JSON string literal, quotes included, escaping only what
/// JSON requires (as serde_json and Tencent's servers write it). Lets payload sizes be computed
/// without building the payload.
pub fn escaped_len(s: &str) -> usize {
    escaped_len_with(s, escape_counts(s))
}

/// [`escaped_len`] with the counts already taken.
pub fn escaped_len_with(s: &str, (special, controls): (usize, usize)) -> usize {
    if controls == 0 {
        return 2 + s.len() + special;
    }
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// How many quotes and backslashes, and how many control characters, `s` holds. Branch-free
/// counting that vectorises; the rare text with control characters takes the slow path.
pub fn escape_counts(s: &str) -> (usize, usize) {
    // Byte-wide counters over 255-byte chunks vectorise well; a byte adds at most 1 to each.
    s.as_bytes()
        .chunks(255)
        .fold((0, 0), |(special, controls), chunk| {
            let (sp, ct) = chunk.iter().fold((0u8, 0u8), |(sp, ct), &b| {
                (
                    sp.wrapping_add(u8::from(b == b'"') | u8::from(b == b'\\')),
                    ct.wrapping_add(u8::from(b < 0x20)),
                )
            });
            (special + usize::from(sp), controls + usize::from(ct))
        })
}

/// Appends `s` as a JSON string literal.
pub fn write_escaped(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                use std::fmt::Write;
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
