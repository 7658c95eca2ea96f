//! Writing text into a renderer's line buffer without a detour through `serde_json` or `format!`:
//! a flood of findings (hundreds of thousands from one JSON Lines file) spent a quarter of its
//! time escaping the same constant messages again and again.
//!
//! [`json_str`] escapes exactly as `serde_json` does (a test holds them together), so the JSON
//! output stays byte-identical; [`ConstCache`] keeps the escaped bytes of constant text, so a
//! constant message is escaped once per run and then copied.

use std::borrow::Cow;

/// For each byte, how serde_json escapes it: 0 not at all, `u` as `\u00XX`, else a backslash
/// and this byte.
static JSON_ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[b'\t' as usize] = b't';
    table[b'\n' as usize] = b'n';
    table[0x0C] = b'f';
    table[b'\r' as usize] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends `text` as a JSON string (quotes included), escaped as `serde_json` escapes: `"` and
/// `\` with a backslash, `\b \t \n \f \r` by name, the other control characters as `\u00XX`
/// (lower-case hex), everything else as is.
pub fn json_str(buf: &mut Vec<u8>, text: &str) {
    buf.push(b'"');
    json_escaped(buf, text);
    buf.push(b'"');
}

/// Appends `text` escaped as in a JSON string, without the quotes (for a string written in
/// parts, as SARIF's message and help).
pub fn json_escaped(buf: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // Eight bytes at a time to the next byte to escape (a quote, a backslash or a control
    // character: the bytes JSON_ESCAPES marks), not a table lookup per byte.
    while let Some(index) = crate::text::json::find_stop(bytes, start) {
        let byte = bytes[index];
        let escape = JSON_ESCAPES[usize::from(byte)];
        buf.extend_from_slice(&bytes[start..index]);
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(byte >> 4)]);
            buf.push(HEX[usize::from(byte & 0xF)]);
        } else {
            buf.extend_from_slice(&[b'\\', escape]);
        }
        start = index + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
}

/// Appends `n` in decimal.
pub fn decimal(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// Appends each `(prefix, n)` as the prefix (already JSON: a separator and a key) then `n`.
pub fn numbers(buf: &mut Vec<u8>, fields: &[(&[u8], u64)]) {
    for (prefix, n) in fields {
        buf.extend_from_slice(prefix);
        decimal(buf, *n);
    }
}

/// How many constant texts [`ConstCache`] holds: more than pushdiag's constant messages and
/// helps that one run meets, and a bound on its memory whatever happens.
const SLOTS: usize = 256;

/// The escaped form of constant (`'static`) texts, keyed by where the text lives: a `'static`
/// string's bytes never change, so its address and length name its content. A direct-mapped
/// table: a slot holds the last text that hashed to it, so memory is bounded by [`SLOTS`].
pub struct ConstCache {
    slots: Vec<Option<Slot>>,
    escape: fn(&mut Vec<u8>, &str),
}

struct Slot {
    address: usize,
    len: usize,
    escaped: Box<[u8]>,
}

impl ConstCache {
    /// A cache of texts escaped by `escape` ([`json_str`], GitHub's data escaping, …).
    pub fn new(escape: fn(&mut Vec<u8>, &str)) -> ConstCache {
        ConstCache {
            slots: (0..SLOTS).map(|_| None).collect(),
            escape,
        }
    }

    /// Appends `text` escaped: a constant from the cache (escaped on first use), other text
    /// escaped now.
    // A `&str` would lose what matters here: whether the text is a `'static` constant.
    #[allow(clippy::ptr_arg)]
    pub fn write(&mut self, buf: &mut Vec<u8>, text: &Cow<'static, str>) {
        let constant: &'static str = match text {
            Cow::Borrowed(constant) => constant,
            Cow::Owned(owned) => return (self.escape)(buf, owned),
        };
        let address = constant.as_ptr() as usize;
        let len = constant.len();
        // Constants sit at least a byte apart; mixing in the length separates the rare texts
        // that share a start (one a prefix of another).
        let slot = &mut self.slots[(address ^ (address >> 8) ^ len.rotate_left(5)) % SLOTS];
        match slot {
            Some(hit) if hit.address == address && hit.len == len => {
                buf.extend_from_slice(&hit.escaped);
            }
            _ => {
                let mut escaped = Vec::with_capacity(len + 2);
                (self.escape)(&mut escaped, constant);
                buf.extend_from_slice(&escaped);
                *slot = Some(Slot {
                    address,
                    len,
                    escaped: escaped.into_boxed_slice(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut buf = Vec::new();
        json_str(&mut buf, text);
        String::from_utf8(buf).expect("UTF-8")
    }

    /// The JSON output must stay byte-identical to what serde_json wrote before.
    #[test]
    fn escapes_exactly_as_serde_json() {
        let mut texts: Vec<String> = (0u8..=0x7F).map(|b| char::from(b).to_string()).collect();
        texts.extend(
            [
                "",
                "plain text",
                "ext has no \"entity\" object",
                "a\\b\u{7f}\u{1f}\u{0}end",
                "标题 😀 \u{2028}\u{2029} é",
                "{\"entity\": {...}}\r\n\t",
            ]
            .map(str::to_owned),
        );
        // Each byte to escape at every place around the eight-byte words the scan reads.
        for at in 0..24 {
            for special in ["\"", "\\", "\u{1}", "\n", "é\u{1f}"] {
                texts.push(format!(
                    "{}{special}{}",
                    "a".repeat(at),
                    "b".repeat(23 - at)
                ));
            }
        }
        for text in &texts {
            assert_eq!(
                escaped(text),
                serde_json::to_string(text).expect("JSON"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn decimals() {
        for n in [0, 7, 10, 99, 4096, u64::MAX] {
            let mut buf = Vec::new();
            decimal(&mut buf, n);
            assert_eq!(buf, n.to_string().into_bytes());
        }
    }

    #[test]
    fn the_cache_gives_each_constant_its_own_bytes() {
        const LONG: &str = "no \"OPPOChannelID\": OPPO phones show nothing";
        // A prefix of another constant: same address, another length.
        let short: &'static str = &LONG[..10];
        let mut cache = ConstCache::new(json_str);
        for _ in 0..3 {
            for text in [LONG, short, "x\ny"] {
                let mut buf = Vec::new();
                cache.write(&mut buf, &Cow::Borrowed(text));
                assert_eq!(buf, escaped(text).into_bytes());
            }
        }
        let mut buf = Vec::new();
        cache.write(&mut buf, &Cow::Owned("owned \"text\"".to_owned()));
        assert_eq!(buf, escaped("owned \"text\"").into_bytes());
    }
}
