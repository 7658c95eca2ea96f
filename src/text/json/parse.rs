//! The parser: one pass over the bytes with an explicit container stack.

use super::{block, Doc, Kind, Node, ParseError, Parser, MAX_DEPTH, NO_KEY};

impl Parser {
    /// Parses `src` as exactly one JSON value with optional surrounding whitespace. Text that is
    /// not UTF-8 is an error at the first bad byte.
    pub fn parse<'a>(&'a mut self, src: &'a [u8]) -> Result<Doc<'a>, ParseError> {
        let text = simdutf8::compat::from_utf8(src).map_err(|e| ParseError {
            offset: e.valid_up_to(),
            message: "invalid UTF-8",
        })?;
        self.parse_str(text)
    }

    /// Parses text already known to be UTF-8.
    pub fn parse_str<'a>(&'a mut self, text: &'a str) -> Result<Doc<'a>, ParseError> {
        let src = text.as_bytes();
        if src.len() >= NO_KEY as usize {
            return Err(ParseError {
                offset: 0,
                message: "input is larger than 4 GiB",
            });
        }
        self.nodes.clear();
        self.stack.clear();
        self.objects.clear();
        parse_into(src, &mut self.nodes, &mut self.stack, &mut self.objects)?;
        Ok(Doc {
            src,
            text,
            nodes: &self.nodes,
            objects: &self.objects,
        })
    }
}

fn err(offset: usize, message: &'static str) -> ParseError {
    ParseError { offset, message }
}

#[inline]
fn skip_ws(src: &[u8], mut i: usize) -> usize {
    while let Some(&b) = src.get(i) {
        if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            break;
        }
        i += 1;
    }
    i
}

#[inline]
fn leaf(kind: Kind, start: usize, end: usize, escaped: bool, key: Key, index: usize) -> Node {
    Node {
        kind,
        start: start as u32,
        end: end as u32,
        next: index as u32 + 1,
        key_start: key.start,
        key_end: key.end,
        value_escaped: escaped,
        key_escaped: key.escaped,
    }
}

#[derive(Clone, Copy)]
struct Key {
    start: u32,
    end: u32,
    escaped: bool,
}

const NONE_KEY: Key = Key {
    start: NO_KEY,
    end: NO_KEY,
    escaped: false,
};

/// The common key, read fast: a quote at `i`, up to fifteen plain bytes and the closing quote,
/// then the colon at once. `None` for anything else, which [`member_key`] then reads.
#[inline(always)]
fn short_key(src: &[u8], i: usize) -> Option<(Key, usize)> {
    let (start, block) = short_block(src, i)?;
    let stops = block::stops(block);
    let any = stops.any();
    let k = any.trailing_zeros() as usize;
    // No stop at all: `any` is zero and `k` is 32, past the block.
    if stops.quotes & any & any.wrapping_neg() == 0 || src.get(start + k + 1) != Some(&b':') {
        return None;
    }
    let key = Key {
        start: start as u32,
        end: (start + k) as u32,
        escaped: false,
    };
    Some((key, skip_ws(src, start + k + 2)))
}

/// The sixteen bytes after the quote at `i`, when `src[i]` is a quote and they are all in `src`.
#[inline(always)]
fn short_block(src: &[u8], i: usize) -> Option<(usize, [u8; block::WIDTH])> {
    let start = i + 1;
    match (src.get(i), src.get(start..start + block::WIDTH)) {
        (Some(b'"'), Some(bytes)) => Some((start, <[u8; block::WIDTH]>::try_from(bytes).ok()?)),
        _ => None,
    }
}

/// The common string value, read fast: closed within the sixteen bytes after its quote, without
/// escapes. Returns the index after the closing quote.
#[inline(always)]
fn short_string(src: &[u8], i: usize) -> Option<usize> {
    let (start, block) = short_block(src, i)?;
    let stops = block::stops(block);
    let any = stops.any();
    if stops.quotes & any & any.wrapping_neg() == 0 {
        return None;
    }
    Some(start + any.trailing_zeros() as usize + 1)
}

/// Reads `"key" :` at `i` (after whitespace) and returns the key and the index after the colon.
fn member_key(src: &[u8], i: usize) -> Result<(Key, usize), ParseError> {
    match src.get(i) {
        Some(b'"') => {}
        Some(b'}') => return Err(err(i, "trailing comma before '}'")),
        Some(_) => return Err(err(i, "expected a string key in double quotes")),
        None => return Err(err(i, "unexpected end of input, expected a key")),
    }
    let (end, escaped) = scan_string(src, i)?;
    let key = Key {
        start: i as u32 + 1,
        end: end as u32 - 1,
        escaped,
    };
    let colon = skip_ws(src, end);
    match src.get(colon) {
        Some(b':') => Ok((key, skip_ws(src, colon + 1))),
        Some(_) => Err(err(colon, "expected ':' after the key")),
        None => Err(err(colon, "unexpected end of input, expected ':'")),
    }
}

fn parse_into(
    src: &[u8],
    nodes: &mut Vec<Node>,
    stack: &mut Vec<u32>,
    objects: &mut Vec<u32>,
) -> Result<(), ParseError> {
    let mut i = skip_ws(src, 0);
    let mut key = NONE_KEY;
    loop {
        // A value starts at `i`.
        let index = nodes.len();
        match src.get(i) {
            None => return Err(err(i, "unexpected end of input, expected a value")),
            Some(b'{') | Some(b'[') => {
                let kind = if src[i] == b'{' {
                    Kind::Object
                } else {
                    Kind::Array
                };
                nodes.push(leaf(kind, i, i + 1, false, key, index));
                if stack.len() >= MAX_DEPTH {
                    return Err(err(i, "nesting deeper than 512 levels"));
                }
                stack.push(index as u32);
                if kind == Kind::Object {
                    objects.push(index as u32);
                }
                i = skip_ws(src, i + 1);
                let close = if kind == Kind::Object { b'}' } else { b']' };
                if src.get(i) == Some(&close) {
                    i = close_container(nodes, stack, i);
                } else if kind == Kind::Object {
                    let (k, next) = match short_key(src, i) {
                        Some(found) => found,
                        None => member_key(src, i)?,
                    };
                    key = k;
                    i = next;
                    continue;
                } else {
                    key = NONE_KEY;
                    continue;
                }
            }
            Some(b'"') => {
                let (end, escaped) = match short_string(src, i) {
                    Some(end) => (end, false),
                    None => scan_string(src, i)?,
                };
                nodes.push(leaf(Kind::String, i, end, escaped, key, index));
                i = end;
            }
            Some(b't') => i = literal(src, i, b"true", Kind::Bool, key, nodes)?,
            Some(b'f') => i = literal(src, i, b"false", Kind::Bool, key, nodes)?,
            Some(b'n') => i = literal(src, i, b"null", Kind::Null, key, nodes)?,
            Some(b'-' | b'0'..=b'9') => {
                let end = scan_number(src, i)?;
                nodes.push(leaf(Kind::Number, i, end, false, key, index));
                i = end;
            }
            Some(b']') => return Err(err(i, "expected a value (trailing comma?)")),
            Some(_) => return Err(err(i, "expected a value")),
        }
        // After a value: a separator, a closing bracket, or the end of the document.
        loop {
            i = skip_ws(src, i);
            let Some(&top) = stack.last() else {
                if i < src.len() {
                    return Err(err(i, "unexpected characters after the JSON value"));
                }
                return Ok(());
            };
            let in_object = nodes[top as usize].kind == Kind::Object;
            match (src.get(i), in_object) {
                (Some(b','), true) => {
                    let at = skip_ws(src, i + 1);
                    let (k, next) = match short_key(src, at) {
                        Some(found) => found,
                        None => member_key(src, at)?,
                    };
                    key = k;
                    i = next;
                    break;
                }
                (Some(b','), false) => {
                    key = NONE_KEY;
                    i = skip_ws(src, i + 1);
                    break;
                }
                (Some(b'}'), true) | (Some(b']'), false) => i = close_container(nodes, stack, i),
                (None, true) => return Err(err(i, "unexpected end of input, expected ',' or '}'")),
                (None, false) => {
                    return Err(err(i, "unexpected end of input, expected ',' or ']'"))
                }
                (Some(_), true) => {
                    return Err(err(i, "expected ',' or '}' after an object member"))
                }
                (Some(_), false) => {
                    return Err(err(i, "expected ',' or ']' after an array element"))
                }
            }
        }
    }
}

#[inline]
fn close_container(nodes: &mut [Node], stack: &mut Vec<u32>, i: usize) -> usize {
    let len = nodes.len() as u32;
    if let Some(top) = stack.pop() {
        let node = &mut nodes[top as usize];
        node.end = i as u32 + 1;
        node.next = len;
    }
    i + 1
}

#[inline]
fn literal(
    src: &[u8],
    i: usize,
    word: &[u8],
    kind: Kind,
    key: Key,
    nodes: &mut Vec<Node>,
) -> Result<usize, ParseError> {
    if src.get(i..i + word.len()) != Some(word) {
        return Err(err(i, "expected a value"));
    }
    let index = nodes.len();
    nodes.push(leaf(kind, i, i + word.len(), false, key, index));
    Ok(i + word.len())
}

/// The first byte at or after `from` that ends a plain run of string content: a quote, a
/// backslash or a control character. Eight bytes at a time ("SWAR"): for each byte class, the
/// classic has-zero-byte test on the word XORed with that byte. The test can flag bytes after the
/// first real match (borrows propagate upwards), never before it, so the lowest flag is exact.
#[inline]
pub fn find_stop(src: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x;
    let mut i = from;
    while let Some(word) = src.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let w = u64::from_le_bytes(word);
        let flags = (zero_byte(w ^ (ONES * u64::from(b'"')))
            | zero_byte(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w))
            & HIGHS;
        if flags != 0 {
            return Some(i + (flags.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    src[i..]
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|p| i + p)
}

/// Scans the string starting at the quote at `i`; returns the index after the closing quote and
/// whether it contains escapes.
#[inline]
fn scan_string(src: &[u8], i: usize) -> Result<(usize, bool), ParseError> {
    // The scan that runs for every string answers only "where does it end"; its result fits in
    // two registers. A bad string is scanned again, slowly, to say what is wrong.
    scan_valid_string(src, i).ok_or_else(|| string_error(src, i))
}

/// [`scan_string`] for a valid string; `None` for any error.
///
/// Sixteen bytes at a time ([`block`]): the block's quotes, backslashes and control bytes as bit
/// masks, walked in order. An escape clears the bits it covers (`\"` hides its quote), so an
/// embedded ext with an escaped quote every few bytes costs a few instructions per escape, not a
/// new scan each time.
#[inline(always)]
pub(super) fn scan_valid_string(src: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut at = i + 1;
    let mut escaped = false;
    'blocks: loop {
        let (bytes, real) = block::load(src, at);
        let stops = block::stops(bytes);
        if stops.backslashes != 0 {
            // An embedded ext: a block of escaped quotes is answered from its masks at once.
            if let Some(quoted) = block::escaped_quotes_only(stops.backslashes, stops.quotes) {
                let ends = (stops.quotes & !quoted) | stops.controls;
                if ends == 0 {
                    escaped = true;
                    at += block::WIDTH;
                    continue;
                }
                let k = ends.trailing_zeros() as usize;
                if k >= real || stops.controls & (1 << k) != 0 {
                    return None;
                }
                // Backslashes past the closing quote belong to what follows.
                let before = stops.backslashes & ((1 << k) - 1);
                return Some((at + k + 1, escaped || before != 0));
            }
        }
        let mut pending = stops.any();
        while pending != 0 {
            let k = pending.trailing_zeros() as usize;
            let bit = 1 << k;
            // Padding past the end reads as a control byte: the string is not closed.
            if k >= real || stops.controls & bit != 0 {
                return None;
            }
            if stops.quotes & bit != 0 {
                return Some((at + k + 1, escaped));
            }
            escaped = true;
            let after = match src.get(at + k + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => at + k + 2,
                b'u' => {
                    let hex = src.get(at + k + 2..at + k + 6)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    at + k + 6
                }
                _ => return None,
            };
            let covered = after - at;
            if covered >= block::WIDTH {
                at = after;
                continue 'blocks;
            }
            pending &= u32::MAX << covered;
        }
        if real < block::WIDTH {
            return None;
        }
        at += block::WIDTH;
    }
}

/// The error in the string starting at the quote at `i`, which [`scan_valid_string`] refused.
#[cold]
fn string_error(src: &[u8], i: usize) -> ParseError {
    let mut j = i + 1;
    loop {
        let Some(at) = find_stop(src, j) else {
            return err(src.len(), "unexpected end of input inside a string");
        };
        match src[at] {
            b'"' => return err(at, "internal error: a valid string was refused"),
            b'\\' => {}
            0 => return err(at, "NUL byte inside a string"),
            _ => return err(at, "unescaped control character inside a string"),
        }
        j = at + 2;
        match src.get(at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {}
            Some(b'u') => {
                let hex = src.get(at + 2..at + 6);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return err(at, "invalid \\u escape: expected four hex digits");
                }
                j = at + 6;
            }
            Some(_) => return err(at, "invalid escape sequence"),
            None => return err(at, "unexpected end of input inside a string"),
        }
    }
}

#[inline]
fn scan_number(src: &[u8], i: usize) -> Result<usize, ParseError> {
    let digits = |mut j: usize| {
        while src.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let mut j = i;
    if src[j] == b'-' {
        j += 1;
    }
    match src.get(j) {
        Some(b'0') => j += 1,
        Some(b'1'..=b'9') => j = digits(j),
        _ => return Err(err(j, "invalid number")),
    }
    if src.get(j) == Some(&b'.') {
        let k = digits(j + 1);
        if k == j + 1 {
            return Err(err(k, "invalid number: expected a digit after '.'"));
        }
        j = k;
    }
    if matches!(src.get(j), Some(b'e' | b'E')) {
        j += 1;
        if matches!(src.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let k = digits(j);
        if k == j {
            return Err(err(k, "invalid number: expected a digit in the exponent"));
        }
        j = k;
    }
    Ok(j)
}
