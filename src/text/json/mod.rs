//! A small JSON parser that keeps positions, built for checking rather than deserialising.
//!
//! serde_json cannot do what the checks need: it keeps the last of two duplicate keys without a
//! word, it forgets where each value was, and its recursion guard reports depth as a generic
//! error. This parser validates RFC 8259 JSON and records a flat "tape" of nodes with their byte
//! spans and object keys, so checks can name the line, column and JSON pointer of any value. It
//! keeps an explicit stack (no recursion), so `[[[[…` 100 000 deep is an error, never a stack
//! overflow, and it reuses its buffers across records so a JSON Lines stream allocates nothing in
//! the steady state. lint-ext, the app's JSON files (`project/`) and the FCM service account
//! (`credentials/`) all read JSON through it.
//!
//! The input must already be valid UTF-8 (callers check with `std::str::from_utf8`, which also
//! gives the byte offset of a bad sequence).

mod block;
mod doc;
mod escape;
mod parse;
#[cfg(test)]
mod tests;

pub use doc::{Children, KeyRepeat};
pub use escape::{
    decode_escaped, decode_escaped_into, escape_counts, escaped_len, escaped_len_with,
    raw_offset_of_decoded, write_escaped,
};
pub use parse::find_stop;

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
