//! Byte offsets to the 1-based line and column people and editors use.
//!
//! Columns count characters (Unicode scalar values), not bytes: that is what editors show and
//! what every location pushdiag has printed so far, so `"标题": 1` puts the `1` at column 7, not
//! 11. Only `\n` ends a line; a `\r` before it is part of the line it ends.

/// The line starts of one text, so each lookup is a binary search instead of a scan.
#[derive(Debug, Default)]
pub struct LineIndex {
    /// Byte offset of each line's first byte; empty until the index is built.
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &[u8]) -> Self {
        let mut index = LineIndex::default();
        index.build(text);
        index
    }

    /// Indexes `text`, reusing the buffer of the text indexed before.
    pub fn build(&mut self, text: &[u8]) {
        self.starts.clear();
        self.starts.push(0);
        self.starts
            .extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
    }

    /// Forgets the text; [`LineIndex::line_col_lazy`] builds the index again on its next call.
    pub fn clear(&mut self) {
        self.starts.clear();
    }

    /// 1-based line and column of byte `offset` (clamped to the text) of `text`, the text this
    /// index was built from. An offset inside a multi-byte character counts that character's
    /// bytes before it as one replacement character, as `String::from_utf8_lossy` does.
    pub fn line_col(&self, text: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        // An index never built has no line but the first.
        let line = self
            .starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.starts.get(line).copied().unwrap_or(0);
        let before = &text[line_start..offset];
        // Valid text (nearly always) is counted straight; the lossy walk is for the rest.
        let column = match simdutf8::basic::from_utf8(before) {
            Ok(valid) => chars_in(valid),
            Err(_) => String::from_utf8_lossy(before).chars().count(),
        } + 1;
        (line + 1, column)
    }

    /// [`LineIndex::line_col`], building the index first if it is not: a stream of records pays
    /// for line starts only for the records that have a finding.
    pub fn line_col_lazy(&mut self, text: &[u8], offset: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            self.build(text);
        }
        self.line_col(text, offset)
    }
}

/// The characters of `text`: its bytes that do not continue a character. Byte-wide counters over
/// 255-byte chunks, which the compiler turns into SIMD: a third fewer instructions than
/// `str::chars().count()`, and a column is computed for every finding of a flood.
fn chars_in(text: &str) -> usize {
    text.as_bytes()
        .chunks(255)
        .map(|chunk| {
            let starts = chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from((b as i8) >= -0x40)));
            usize::from(starts)
        })
        .sum()
}

/// 1-based line and column of byte `offset` of `text`, for a single lookup.
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\n  \"标题\": 1,\n  \"x\": 2}".as_bytes();
        let index = LineIndex::new(text);
        let one = text.iter().position(|&b| b == b'1').expect("1");
        // `  "标题": ` is 8 characters, not 12 bytes.
        assert_eq!(index.line_col(text, one), (2, 9));
        let x = text.iter().position(|&b| b == b'x').expect("x");
        assert_eq!(line_col(text, x), (3, 4));
        assert_eq!(line_col("{\n  \"é\": x".as_bytes(), 10), (2, 8));
        // Invalid bytes count as `String::from_utf8_lossy` shows them: a stray continuation byte
        // is one character, and so is a cut-off sequence (the first two bytes of `中`).
        assert_eq!(line_col(b"a\x80b", 2), (1, 3));
        assert_eq!(line_col(b"\xE4\xB8x", 3), (1, 3));
        // An offset inside a character counts its bytes before it as one.
        assert_eq!(line_col("中x".as_bytes(), 2), (1, 2));
    }

    #[test]
    fn characters_are_counted_as_str_counts_them() {
        let mut text = String::new();
        for (i, piece) in ["a", "é", "标", "😀", "\n", "~"]
            .iter()
            .cycle()
            .take(700)
            .enumerate()
        {
            text.push_str(piece);
            assert_eq!(chars_in(&text), text.chars().count(), "after {i} pieces");
        }
    }

    #[test]
    fn edges_of_the_text() {
        assert_eq!(line_col(b"", 0), (1, 1));
        assert_eq!(line_col(b"ab\n", 3), (2, 1));
        // Past the end is the end.
        assert_eq!(line_col(b"ab\ncd", 99), (2, 3));
        // A CR belongs to its line.
        assert_eq!(line_col(b"a\r\nb", 2), (1, 3));
    }

    #[test]
    fn a_lazy_index_builds_once_per_text() {
        let mut index = LineIndex::default();
        assert_eq!(index.line_col_lazy(b"a\nb", 2), (2, 1));
        index.clear();
        assert_eq!(index.line_col_lazy(b"xyz", 2), (1, 3));
    }
}
