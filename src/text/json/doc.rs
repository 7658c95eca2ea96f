//! Reading a parsed document: kinds, spans, keys, members and repeated keys.

use super::{decode_escaped, decode_escaped_into, Doc, Kind, Node, NO_KEY};
use crate::text::push_token;

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

    /// [`Doc::str_value`] decoded into a byte buffer the caller keeps and borrowed from it: no
    /// copy into a `String` (lint-ext decodes the ext of every record this way).
    pub fn str_value_in<'s>(&self, index: usize, scratch: &'s mut Vec<u8>) -> &'s str
    where
        'a: 's,
    {
        if self.nodes[index].value_escaped {
            decode_escaped_into(self.raw_text(index), scratch)
        } else {
            self.raw_text(index)
        }
    }

    /// The JSON pointer of node `target` relative to node `root`, appended to `base`.
    pub fn pointer_to(&self, root: usize, target: usize, base: &str) -> String {
        let mut pointer = base.to_owned();
        let mut current = root;
        while current != target {
            let is_array = self.kind(current) == Kind::Array;
            let step = self
                .children(current)
                .enumerate()
                .find(|&(_, child)| child <= target && target < self.subtree_end(child));
            let Some((position, child)) = step else {
                break;
            };
            if is_array {
                push_token(&mut pointer, &position.to_string());
            } else if let Some(key) = self.key(child) {
                push_token(&mut pointer, &key);
            }
            current = child;
        }
        pointer
    }

    /// Every pair of members that repeat a key in any object of the document, in the order the
    /// repeats appear.
    pub fn duplicate_keys(&self, out: &mut Vec<KeyRepeat>) {
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
            out.sort_unstable_by_key(|r| r.repeat);
            // With three equal keys, report each repeat once, against the first.
            out.dedup_by_key(|r| r.repeat);
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
    fn repeated_keys(&self, index: usize, out: &mut Vec<KeyRepeat>) {
        let pair = |first: usize, repeat: usize| KeyRepeat {
            object: index,
            first,
            repeat,
        };
        // Small objects (nearly all): their members' prints on the stack, no allocation.
        let mut small = [(0u64, 0usize); 16];
        let mut count = 0;
        let mut children = self.children(index);
        for (slot, child) in small.iter_mut().zip(&mut children) {
            *slot = (self.key_fingerprint(child), child);
            count += 1;
        }
        if children.next().is_none() {
            let members = &small[..count];
            // Compare fingerprints pairwise, and keys only when two fingerprints agree.
            for position in 1..members.len() {
                let (print, later) = members[position];
                if let Some(&(_, earlier)) =
                    members[..position].iter().find(|&&(other, earlier)| {
                        // An escaped key's print is a wildcard: it is always compared.
                        (other == print || other == u64::MAX || print == u64::MAX)
                            && self.same_key(earlier, later)
                    })
                {
                    out.push(pair(earlier, later));
                }
            }
        } else {
            let mut keys: Vec<(std::borrow::Cow<'a, str>, usize)> = self
                .children(index)
                .filter_map(|child| self.key(child).map(|key| (key, child)))
                .collect();
            // Stable sort keeps document order among equal keys.
            keys.sort_by(|a, b| a.0.cmp(&b.0));
            for two in keys.windows(2) {
                if two[0].0 == two[1].0 {
                    out.push(pair(two[0].1, two[1].1));
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

/// A member whose key an earlier member of the same object already has (node indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyRepeat {
    /// The object both are members of.
    pub object: usize,
    /// The member with the key's first occurrence.
    pub first: usize,
    /// The member that repeats it.
    pub repeat: usize,
}
