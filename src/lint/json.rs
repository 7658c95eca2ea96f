//! A small JSON parser built for linting, not for deserialising.
//!
//! serde_json cannot do what lint-ext needs: it keeps the last of two duplicate keys without a
//! word, it forgets where each value was, and its recursion guard reports depth as a generic
//! error. This parser validates RFC 8259 JSON and records a flat "tape" of nodes with their byte
//! spans and object keys, so checks can name the line, column and JSON pointer of any value. It
//! keeps an explicit stack (no recursion), so `[[[[…` 100 000 deep is an error, never a stack
//! overflow, and it reuses its buffers across records so a JSON Lines stream allocates nothing in
//! the steady state.
//!
//! The input must already be valid UTF-8 (callers check with `std::str::from_utf8`, which also
//! gives the byte offset of a bad sequence).

/// Deeper nesting than this is reported as an error. Tencent's own bodies nest four or five
/// levels; 512 leaves room for any real ext while bounding the work an adversarial input causes.
pub const MAX_DEPTH: usize = 512;

/// No key and no span: the sentinel in `Node::key_start` for values that are not object members.
const NO_KEY: u32 = u32::MAX;

/// The JSON type of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// The type's name as users know it, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// One value in document order. Containers are followed by their children; `next` is the index
/// just past the node's subtree, so siblings are found without a tree.
#[derive(Clone, Copy, Debug)]
pub struct Node {
    pub kind: Kind,
    /// Byte offset of the value's first byte (the quote, for strings).
    pub start: u32,
    /// Byte offset one past the value's last byte.
    pub end: u32,
    next: u32,
    /// For object members: the key's content span (inside the quotes).
    key_start: u32,
    key_end: u32,
    /// The string value (or, for members, the key) contains backslash escapes.
    value_escaped: bool,
    key_escaped: bool,
}

/// Why a text is not JSON, and where (byte offset into the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: &'static str,
}

/// Reusable parser state: the node tape and the container stack.
#[derive(Default)]
pub struct Parser {
    nodes: Vec<Node>,
    stack: Vec<u32>,
    objects: Vec<u32>,
}

/// A parsed document: the text and its node tape. Node 0 is the root.
#[derive(Clone, Copy)]
pub struct Doc<'a> {
    pub src: &'a [u8],
    /// The same text as `src`, as the `str` it was checked to be: every span the parser records
    /// starts and ends at an ASCII byte, so slicing it never re-validates UTF-8.
    pub text: &'a str,
    pub nodes: &'a [Node],
    /// The object nodes, in document order, so [`Doc::duplicate_keys`] visits only them.
    objects: &'a [u32],
}

impl Parser {
    /// Parses `src` as exactly one JSON value with optional surrounding whitespace. Text that is
    /// not UTF-8 is an error at the first bad byte.
    pub fn parse<'a>(&'a mut self, src: &'a [u8]) -> Result<Doc<'a>, ParseError> {
        let text = std::str::from_utf8(src).map_err(|e| ParseError {
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
                    let (k, next) = member_key(src, i)?;
                    key = k;
                    i = next;
                    continue;
                } else {
                    key = NONE_KEY;
                    continue;
                }
            }
            Some(b'"') => {
                let (end, escaped) = scan_string(src, i)?;
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
                    let (k, next) = member_key(src, skip_ws(src, i + 1))?;
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
fn find_stop(src: &[u8], from: usize) -> Option<usize> {
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
#[inline(never)]
fn scan_valid_string(src: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut j = i + 1;
    let mut escaped = false;
    loop {
        let at = find_stop(src, j)?;
        match src[at] {
            b'"' => return Some((at + 1, escaped)),
            b'\\' => {}
            _ => return None,
        }
        escaped = true;
        j = at + 2;
        match src.get(at + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
            b'u' => {
                let hex = src.get(at + 2..at + 6)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                j = at + 6;
            }
            _ => return None,
        }
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

impl<'a> Doc<'a> {
    /// The root node's index (always 0 for a parsed document).
    pub const ROOT: usize = 0;

    pub fn kind(&self, index: usize) -> Kind {
        self.nodes[index].kind
    }

    pub fn node(&self, index: usize) -> &Node {
        &self.nodes[index]
    }

    /// The index just past the node's subtree (its next sibling, if it has one).
    pub fn subtree_end(&self, index: usize) -> usize {
        self.nodes[index].next as usize
    }

    /// Byte offset of an object member's key (its opening quote).
    pub fn key_offset(&self, index: usize) -> Option<usize> {
        let node = &self.nodes[index];
        (node.key_start != NO_KEY).then(|| node.key_start as usize - 1)
    }

    /// The node's own text.
    pub fn text(&self, index: usize) -> &'a [u8] {
        let node = &self.nodes[index];
        &self.src[node.start as usize..node.end as usize]
    }

    /// The children of a container: array elements, or object member values (whose keys are
    /// read with [`Doc::key`]).
    pub fn children(&self, index: usize) -> Children<'_, 'a> {
        let node = &self.nodes[index];
        let (first, end) = match node.kind {
            Kind::Array | Kind::Object => (index + 1, node.next as usize),
            _ => (0, 0),
        };
        Children {
            doc: self,
            next: first,
            end,
        }
    }

    /// An object member's key, decoded (escapes are rare in keys; only those allocate).
    pub fn key(&self, index: usize) -> Option<std::borrow::Cow<'a, str>> {
        let node = &self.nodes[index];
        if node.key_start == NO_KEY {
            return None;
        }
        let raw = &self.text[node.key_start as usize..node.key_end as usize];
        Some(if node.key_escaped {
            let mut out = String::new();
            decode_escaped(raw, &mut out);
            std::borrow::Cow::Owned(out)
        } else {
            std::borrow::Cow::Borrowed(raw)
        })
    }

    /// The value of `key` in the object at `index`; with duplicate keys, the last one, as
    /// serde_json and JavaScript keep it.
    pub fn get(&self, index: usize, key: &str) -> Option<usize> {
        self.get_all(index, [key])[0]
    }

    /// [`Doc::get`] for several keys in one pass over the object's members: records are read
    /// field by field for every line of a stream, and most members match none of the keys.
    pub fn get_all<const N: usize>(&self, index: usize, keys: [&str; N]) -> [Option<usize>; N] {
        let mut found = [None; N];
        let object = &self.nodes[index];
        if object.kind != Kind::Object {
            return found;
        }
        let mut child = index + 1;
        while child < object.next as usize {
            let node = &self.nodes[child];
            if node.key_escaped {
                let decoded = self.key(child);
                for (slot, key) in found.iter_mut().zip(keys) {
                    if decoded.as_deref() == Some(key) {
                        *slot = Some(child);
                    }
                }
            } else {
                // Lengths first: they rule out nearly every pair without reading the key.
                let len = (node.key_end - node.key_start) as usize;
                let raw = &self.src[node.key_start as usize..node.key_end as usize];
                for (slot, key) in found.iter_mut().zip(keys) {
                    // Lengths, then first bytes, then (rarely) a `memcmp` call.
                    if key.len() == len
                        && raw.first() == key.as_bytes().first()
                        && raw == key.as_bytes()
                    {
                        *slot = Some(child);
                    }
                }
            }
            child = node.next as usize;
        }
        found
    }

    /// A string node's raw content between the quotes, escapes untouched.
    pub fn raw_str(&self, index: usize) -> &'a [u8] {
        self.raw_text(index).as_bytes()
    }

    /// A string node's raw content between the quotes, as `str`.
    pub fn raw_text(&self, index: usize) -> &'a str {
        let node = &self.nodes[index];
        &self.text[node.start as usize + 1..node.end as usize - 1]
    }

    /// The node's own text, as `str`.
    pub fn text_of(&self, index: usize) -> &'a str {
        let node = &self.nodes[index];
        &self.text[node.start as usize..node.end as usize]
    }

    /// A string node's decoded value, borrowed when it has no escapes and written to `scratch`
    /// otherwise.
    pub fn str_value<'s>(&self, index: usize, scratch: &'s mut String) -> &'s str
    where
        'a: 's,
    {
        let node = &self.nodes[index];
        let raw = self.raw_text(index);
        if node.value_escaped {
            scratch.clear();
            decode_escaped(raw, scratch);
            scratch.as_str()
        } else {
            raw
        }
    }

    /// Every pair of members that repeat a key in any object of the document, as (first, repeat)
    /// node indices, in the order the repeats appear.
    pub fn duplicate_keys(&self, out: &mut Vec<(usize, usize)>) {
        out.clear();
        for &index in self.objects {
            let index = index as usize;
            // Fewer than two members cannot repeat a key; most objects are proven free of
            // repeats by the quick filter, and only the rest are compared key by key.
            if self.nodes[index].next as usize > index + 2 && self.may_repeat_keys(index) {
                self.repeated_keys(index, out);
            }
        }
        if out.len() > 1 {
            out.sort_unstable_by_key(|&(_, repeat)| repeat);
            // With three equal keys, report each repeat once, against the first.
            out.dedup_by_key(|&mut (_, repeat)| repeat);
        }
    }

    /// False when the object at `index` surely has no repeated key: a two-word Bloom filter of
    /// key fingerprints (two hash bits per key, one in each word). A key whose two bits are not
    /// both set already is new. Escaped keys have no fingerprint, so they answer true.
    #[inline]
    fn may_repeat_keys(&self, index: usize) -> bool {
        let (mut low, mut high) = (0u64, 0u64);
        let mut child = index + 1;
        while child < self.nodes[index].next as usize {
            let print = self.key_fingerprint(child);
            if print == u64::MAX {
                return true;
            }
            let hash = print.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let (bit_low, bit_high) = (1u64 << (hash >> 58), 1u64 << ((hash >> 52) & 63));
            if low & bit_low != 0 && high & bit_high != 0 {
                return true;
            }
            low |= bit_low;
            high |= bit_high;
            child = self.nodes[child].next as usize;
        }
        false
    }

    /// Appends the (first, repeat) pairs of the object at `index`.
    fn repeated_keys(&self, index: usize, out: &mut Vec<(usize, usize)>) {
        let members: Vec<(u64, usize)> = self
            .children(index)
            .map(|child| (self.key_fingerprint(child), child))
            .collect();
        if members.len() <= 16 {
            // Small objects (nearly all): compare fingerprints pairwise, and keys only when two
            // fingerprints agree.
            for position in 1..members.len() {
                let (print, later) = members[position];
                if let Some(&(_, earlier)) =
                    members[..position].iter().find(|&&(other, earlier)| {
                        // An escaped key's print is a wildcard: it is always compared.
                        (other == print || other == u64::MAX || print == u64::MAX)
                            && self.same_key(earlier, later)
                    })
                {
                    out.push((earlier, later));
                }
            }
        } else {
            let mut keys: Vec<(std::borrow::Cow<'a, str>, usize)> = members
                .iter()
                .filter_map(|&(_, child)| self.key(child).map(|key| (key, child)))
                .collect();
            // Stable sort keeps document order among equal keys.
            keys.sort_by(|a, b| a.0.cmp(&b.0));
            for pair in keys.windows(2) {
                if pair[0].0 == pair[1].0 {
                    out.push((pair[0].1, pair[1].1));
                }
            }
        }
    }

    /// A key's length and first bytes packed in one integer: equal keys have equal prints, and
    /// distinct keys rarely do. Escaped keys all share one print, so they are always compared.
    /// Built from whole-word or byte loads, never a variable-length copy (a `memcpy` call).
    #[inline]
    fn key_fingerprint(&self, index: usize) -> u64 {
        let node = &self.nodes[index];
        if node.key_escaped || node.key_start == NO_KEY {
            return u64::MAX;
        }
        let (start, len) = (
            node.key_start as usize,
            (node.key_end - node.key_start) as usize,
        );
        // The eight bytes from the key's start, masked to the key: a key is followed at least by
        // its closing quote, a colon and a value, so the word is nearly always in the text.
        let head = match self.src.get(start..).and_then(<[u8]>::first_chunk::<8>) {
            Some(word) if len < 8 => u64::from_le_bytes(*word) & ((1u64 << (8 * len)) - 1),
            Some(word) => u64::from_le_bytes(*word),
            None => self.src[start..start + len]
                .iter()
                .rev()
                .fold(0, |acc, &b| acc << 8 | u64::from(b)),
        };
        // Long keys that share their first eight bytes usually differ in length.
        head ^ (len as u64).rotate_right(8)
    }

    #[inline]
    fn same_key(&self, a: usize, b: usize) -> bool {
        let (na, nb) = (&self.nodes[a], &self.nodes[b]);
        if na.key_escaped || nb.key_escaped {
            return self.key(a) == self.key(b);
        }
        let (ka, kb) = (
            &self.src[na.key_start as usize..na.key_end as usize],
            &self.src[nb.key_start as usize..nb.key_end as usize],
        );
        // Distinct keys nearly always differ in length or first byte: skip the memcmp call.
        ka.len() == kb.len() && ka.first() == kb.first() && ka == kb
    }
}

/// Iterator over a container's direct children.
pub struct Children<'d, 'a> {
    doc: &'d Doc<'a>,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let current = self.next;
        self.next = self.doc.nodes[current].next as usize;
        Some(current)
    }
}

/// Decodes the content of a JSON string that the parser has validated. Lone surrogates, which
/// JSON's grammar allows but Unicode does not, become U+FFFD.
///
/// An embedded ext has an escaped quote every few bytes, so this is built for short runs: it
/// copies eight bytes at a time into a buffer with eight bytes of slack, and keeps only the
/// bytes before the next backslash (the rest is overwritten). No call per run, no check per byte.
pub fn decode_escaped(raw: &str, out: &mut String) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let bytes = raw.as_bytes();
    let mut buf = std::mem::take(out).into_bytes();
    let base = buf.len();
    // Decoding never lengthens the text; the slack lets every word copy be a whole word.
    buf.resize(base + bytes.len() + 8, 0);
    let (mut r, mut w) = (0, base);
    while r < bytes.len() {
        if let Some(word) = bytes.get(r..r + 8) {
            buf[w..w + 8].copy_from_slice(word);
            let x = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or_default())
                ^ (ONES * u64::from(b'\\'));
            let flags = x.wrapping_sub(ONES) & !x & HIGHS;
            if flags == 0 {
                r += 8;
                w += 8;
                continue;
            }
            // The lowest flag is exact (see `find_stop`): bytes before it are plain.
            let plain = (flags.trailing_zeros() / 8) as usize;
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
    // Valid by construction: UTF-8 text with escapes replaced by whole characters.
    *out = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
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

#[cfg(test)]
mod tests {
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
            .map(|&(_, repeat)| doc.key(repeat).expect("key").into_owned())
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
}
