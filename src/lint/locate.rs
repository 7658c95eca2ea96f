//! Turning byte offsets into what people and editors use: 1-based line and column (columns count
//! characters), plus JSON pointers.

use std::sync::Arc;

use super::json::{Doc, Kind};
use crate::findings::Location;

/// Where a checked text sits in its source: a JSON Lines record starts at some line and byte
/// offset of its file; a whole file starts at line 1 (byte 3 when a BOM was skipped).
#[derive(Clone, Debug)]
pub struct Origin {
    pub source: Arc<str>,
    pub line: u64,
    pub offset: u64,
}

impl Origin {
    pub fn new(source: Arc<str>) -> Self {
        Origin {
            source,
            line: 1,
            offset: 0,
        }
    }
}

/// Line starts of one text, built only when a finding needs a position.
#[derive(Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    built: bool,
}

impl LineIndex {
    pub fn reset(&mut self) {
        self.starts.clear();
        self.built = false;
    }

    /// The location of byte `offset` of `text`, which starts at `origin`.
    pub fn locate(
        &mut self,
        text: &[u8],
        origin: &Origin,
        offset: usize,
        pointer: String,
    ) -> Location {
        if !self.built {
            self.starts.push(0);
            self.starts
                .extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
            self.built = true;
        }
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.starts[line];
        let column = String::from_utf8_lossy(&text[line_start..offset])
            .chars()
            .count()
            + 1;
        Location {
            source: origin.source.clone(),
            line: origin.line + line as u64,
            column: column as u64,
            offset: origin.offset + offset as u64,
            pointer,
        }
    }
}

/// Appends one reference token to a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for ch in token.chars() {
        match ch {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `base` extended with one token.
pub fn child_pointer(base: &str, token: &str) -> String {
    let mut pointer = base.to_owned();
    push_token(&mut pointer, token);
    pointer
}

/// The JSON pointer of node `target` relative to node `root`, appended to `base`.
pub fn pointer_to(doc: &Doc<'_>, root: usize, target: usize, base: &str) -> String {
    let mut pointer = base.to_owned();
    let mut current = root;
    while current != target {
        let is_array = doc.kind(current) == Kind::Array;
        let step = doc
            .children(current)
            .enumerate()
            .find(|&(_, child)| child <= target && target < doc.subtree_end(child));
        let Some((position, child)) = step else {
            break;
        };
        if is_array {
            push_token(&mut pointer, &position.to_string());
        } else if let Some(key) = doc.key(child) {
            push_token(&mut pointer, &key);
        }
        current = child;
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::json::Parser;

    #[test]
    fn locates_lines_and_character_columns() {
        let text = "{\n  \"标题\": 1,\n  \"x\": 2}".as_bytes();
        let origin = Origin {
            source: "f".into(),
            line: 10,
            offset: 100,
        };
        let mut index = LineIndex::default();
        let x = text.iter().position(|&b| b == b'x').expect("x");
        let location = index.locate(text, &origin, x, String::new());
        assert_eq!((location.line, location.column), (12, 4));
        let one = text.iter().position(|&b| b == b'1').expect("1");
        let location = index.locate(text, &origin, one, String::new());
        // Columns count characters: `  "标题": ` is 8 characters, not 12 bytes.
        assert_eq!(
            (location.line, location.column, location.offset),
            (11, 9, 100 + one as u64)
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
        assert_eq!(
            pointer_to(&doc, Doc::ROOT, target, "/Ext"),
            "/Ext/a~1b/1/c~0"
        );
    }
}
