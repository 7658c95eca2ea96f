//! Reading inputs: whole documents (capped) and JSON Lines streams (one record at a time, in
//! constant memory whatever the file's size).

use std::io::{self, BufRead, Read};

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One non-blank line of a JSON Lines stream and where it is.
pub struct Line<'a> {
    /// 1-based line number.
    pub number: u64,
    /// Byte offset of the line's first byte in the stream.
    pub offset: u64,
    /// The stream starts with a UTF-8 byte order mark, which was skipped; set on the first record.
    pub after_bom: bool,
    pub record: Record<'a>,
}

/// What a line holds.
pub enum Record<'a> {
    /// A record's bytes, CR/LF stripped.
    Text(&'a [u8]),
    /// A line longer than the cap: skipped without being held in memory.
    TooLarge { len: u64 },
}

/// A JSON Lines reader that hands out one line at a time, tracking line numbers and offsets.
pub struct JsonLines<R> {
    reader: R,
    line: Vec<u8>,
    max_record: usize,
    /// 1-based number of the line last returned.
    pub line_number: u64,
    /// Byte offset of the line last returned.
    pub line_offset: u64,
    next_offset: u64,
    /// The stream started with a UTF-8 byte order mark, not yet reported with a line.
    bom_pending: bool,
    /// Bytes of the reader's buffer that the last record borrowed, consumed on the next call.
    pending: usize,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, max_record: usize) -> Self {
        Self::resume(reader, max_record, 0, 0)
    }

    /// A reader for a part of a stream that starts after `lines_before` lines, at byte `offset`
    /// of the whole: line numbers and offsets are the whole stream's, and only the whole stream's
    /// line 1 may start with a byte order mark.
    pub fn resume(reader: R, max_record: usize, lines_before: u64, offset: u64) -> Self {
        JsonLines {
            reader,
            line: Vec::new(),
            max_record,
            line_number: lines_before,
            line_offset: offset,
            next_offset: offset,
            bom_pending: false,
            pending: 0,
        }
    }

    /// The byte order mark was skipped but no record came after it yet (line 1 was blank).
    pub fn bom_pending(&self) -> bool {
        self.bom_pending
    }

    /// The next non-blank line, or `None` at the end of the stream.
    pub fn next_record(&mut self) -> io::Result<Option<Line<'_>>> {
        loop {
            self.reader.consume(std::mem::take(&mut self.pending));
            // Fast path: the whole line is already in the reader's buffer, so the record is
            // handed out from there without a copy.
            let found = {
                let buf = loop {
                    match self.reader.fill_buf() {
                        Ok(buf) => break buf,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    }
                };
                if buf.is_empty() {
                    return Ok(None);
                }
                memchr::memchr(b'\n', buf).filter(|&pos| pos <= self.max_record)
            };
            if let Some(pos) = found {
                self.line_number += 1;
                self.line_offset = self.next_offset;
                self.next_offset += pos as u64 + 1;
                self.pending = pos + 1;
                let first = self.line_number == 1;
                // `fill_buf` again returns the same buffered bytes without reading.
                let (start, end) = trim_line(self.reader.fill_buf()?, pos, first);
                if start > 0 {
                    self.line_offset += start as u64;
                    self.bom_pending = true;
                }
                if start == end {
                    continue;
                }
                let after_bom = std::mem::take(&mut self.bom_pending);
                let (number, offset) = (self.line_number, self.line_offset);
                let buf = self.reader.fill_buf()?;
                return Ok(Some(Line {
                    number,
                    offset,
                    after_bom,
                    record: Record::Text(&buf[start..end]),
                }));
            }
            self.line.clear();
            let start = self.next_offset;
            let mut len: u64 = 0;
            let mut too_large = false;
            let mut saw_any = false;
            loop {
                let buf = match self.reader.fill_buf() {
                    Ok(buf) => buf,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                if buf.is_empty() {
                    break;
                }
                saw_any = true;
                let (chunk, consumed, done) = match memchr::memchr(b'\n', buf) {
                    Some(pos) => (&buf[..pos], pos + 1, true),
                    None => (buf, buf.len(), false),
                };
                len += chunk.len() as u64;
                if !too_large {
                    if self.line.len() + chunk.len() > self.max_record {
                        too_large = true;
                        self.line.clear();
                        self.line.shrink_to(self.max_record.min(64 * 1024));
                    } else {
                        self.line.extend_from_slice(chunk);
                    }
                }
                self.reader.consume(consumed);
                self.next_offset += consumed as u64;
                if done {
                    break;
                }
            }
            if !saw_any {
                return Ok(None);
            }
            self.line_number += 1;
            self.line_offset = start;
            if too_large {
                let after_bom = std::mem::take(&mut self.bom_pending);
                return Ok(Some(Line {
                    number: self.line_number,
                    offset: self.line_offset,
                    after_bom,
                    record: Record::TooLarge { len },
                }));
            }
            if self.line.last() == Some(&b'\r') {
                self.line.pop();
            }
            if self.line_number == 1 && self.line.starts_with(BOM) {
                // Skipped here, reported with the first record (even when the BOM's line is blank).
                self.line.drain(..BOM.len());
                self.line_offset += BOM.len() as u64;
                self.bom_pending = true;
            }
            if self.line.iter().all(|b| matches!(b, b' ' | b'\t')) {
                continue;
            }
            let (number, offset) = (self.line_number, self.line_offset);
            let after_bom = std::mem::take(&mut self.bom_pending);
            return Ok(Some(Line {
                number,
                offset,
                after_bom,
                record: Record::Text(&self.line),
            }));
        }
    }
}

/// The span of a line's content inside `buf[..len]`: without a trailing CR, without a BOM on the
/// first line, and empty when only blanks are left.
fn trim_line(buf: &[u8], len: usize, first: bool) -> (usize, usize) {
    let mut end = len;
    if end > 0 && buf[end - 1] == b'\r' {
        end -= 1;
    }
    let start = if first && buf[..end].starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    if buf[start..end].iter().all(|b| matches!(b, b' ' | b'\t')) {
        return (start, start);
    }
    (start, end)
}

/// A whole document read into memory, up to a cap.
pub enum Document {
    Text(Vec<u8>),
    /// Larger than the cap; `len` is how much was read before giving up (at least the cap + 1).
    TooLarge {
        len: u64,
    },
}

/// Reads at most `max` bytes of a document; a larger one is reported, not loaded.
pub fn read_document(reader: impl Read, max: usize) -> io::Result<Document> {
    let mut text = Vec::new();
    let read = reader.take(max as u64 + 1).read_to_end(&mut text)?;
    if read > max {
        return Ok(Document::TooLarge { len: read as u64 });
    }
    Ok(Document::Text(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &[u8], max: usize) -> Vec<(u64, u64, Result<String, u64>)> {
        let mut lines = JsonLines::new(input, max);
        let mut out = Vec::new();
        while let Some(line) = lines.next_record().expect("read") {
            let item = match line.record {
                Record::Text(text) => Ok(String::from_utf8_lossy(text).into_owned()),
                Record::TooLarge { len } => Err(len),
            };
            out.push((line.number, line.offset, item));
        }
        out
    }

    #[test]
    fn skips_blank_lines_strips_crlf_and_tracks_offsets() {
        let got = collect(b"{}\r\n\n  \n[1]\n{\"a\":1}", 100);
        assert_eq!(
            got,
            vec![
                (1, 0, Ok("{}".to_owned())),
                (4, 8, Ok("[1]".to_owned())),
                (5, 12, Ok("{\"a\":1}".to_owned())),
            ]
        );
    }

    #[test]
    fn an_overlong_line_is_skipped_and_the_next_one_read() {
        let mut input = vec![b'x'; 1000];
        input.extend_from_slice(b"\n{}\n");
        let got = collect(&input, 10);
        assert_eq!(got, vec![(1, 0, Err(1000)), (2, 1001, Ok("{}".to_owned()))]);
    }

    #[test]
    fn a_bom_is_skipped_and_remembered() {
        // The BOM's own line is blank, so it is reported with the next record.
        let mut lines = JsonLines::new(&b"\xEF\xBB\xBF  \n{}\n[]\n"[..], 100);
        let line = lines.next_record().expect("read").expect("a record");
        assert!(line.after_bom);
        assert_eq!((line.number, line.offset), (2, 6));
        assert!(matches!(line.record, Record::Text(b"{}")));
        let line = lines.next_record().expect("read").expect("a record");
        assert!(!line.after_bom);
    }

    #[test]
    fn documents_over_the_cap_are_not_loaded() {
        match read_document(&[b' '; 50][..], 10).expect("read") {
            Document::TooLarge { len } => assert_eq!(len, 11),
            Document::Text(_) => panic!("expected TooLarge"),
        }
    }
}
