//! Where a checked text sits in its file, so a byte of it becomes a [`Location`] there.

use std::sync::Arc;

use crate::findings::Location;
use crate::text::LineIndex;

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

    /// The location of byte `offset` of `text`, which starts here; `lines` indexes `text` (or is
    /// empty, and then is built).
    pub fn locate(
        &self,
        lines: &mut LineIndex,
        text: &[u8],
        offset: usize,
        pointer: String,
    ) -> Location {
        let (line, column) = lines.line_col_lazy(text, offset);
        Location {
            source: self.source.clone(),
            line: self.line + line as u64 - 1,
            column: column as u64,
            offset: self.offset + offset.min(text.len()) as u64,
            pointer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let location = origin.locate(&mut index, text, x, String::new());
        assert_eq!((location.line, location.column), (12, 4));
        let one = text.iter().position(|&b| b == b'1').expect("1");
        let location = origin.locate(&mut index, text, one, String::new());
        // Columns count characters: `  "标题": ` is 8 characters, not 12 bytes.
        assert_eq!(
            (location.line, location.column, location.offset),
            (11, 9, 100 + one as u64)
        );
    }
}
