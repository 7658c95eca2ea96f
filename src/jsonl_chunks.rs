//! A JSON Lines stream cut into chunks of whole lines, so that chunks can be linted apart
//! (`lint-ext --jobs`). Each chunk knows the line number and byte offset it starts at. A line
//! longer than the record cap is measured and skipped here, never held in memory; every other
//! line, blank or too large for the cap but short enough to hold, is left to [`JsonLines`] on
//! the chunk, so a chunk reads exactly as it would inside the whole stream.
//!
//! [`JsonLines`]: crate::lint::input::JsonLines

use std::io::{self, Read};

/// A piece of the stream, in stream order.
pub enum Piece {
    /// Whole lines, newlines included (the stream's last line may lack its newline).
    Lines {
        text: Vec<u8>,
        /// Lines of the stream before this chunk's first line.
        lines_before: u64,
        /// Byte offset of the chunk's first byte in the stream.
        offset: u64,
    },
    /// One line longer than the cap, skipped: its 1-based number, offset and length without
    /// the newline (CR included, as [`JsonLines`](crate::lint::input::JsonLines) counts it).
    TooLarge { number: u64, offset: u64, len: u64 },
}

/// Cuts a stream into [`Piece`]s of about `chunk_size` bytes.
pub struct Chunker<R> {
    reader: R,
    chunk_size: usize,
    max_record: usize,
    /// The start of a line whose end is not read yet.
    carry: Vec<u8>,
    lines_before: u64,
    /// Offset of `carry`'s first byte.
    offset: u64,
    eof: bool,
    /// A read failed after some whole lines were read: those go out first, then this.
    error: Option<io::Error>,
}

impl<R: Read> Chunker<R> {
    /// A chunker for a stream (or a part of one) that starts after `lines_before` lines, at byte
    /// `offset` of the whole.
    pub fn new(
        reader: R,
        chunk_size: usize,
        max_record: usize,
        lines_before: u64,
        offset: u64,
    ) -> Self {
        Chunker {
            reader,
            chunk_size: chunk_size.max(1),
            max_record,
            carry: Vec::new(),
            lines_before,
            offset,
            eof: false,
            error: None,
        }
    }

    /// The next piece, or `None` at the end of the stream. `buffer` is reused for a chunk's text
    /// (pass back the text of a chunk done with, or an empty `Vec`).
    pub fn next_piece(&mut self, mut buffer: Vec<u8>) -> io::Result<Option<Piece>> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        buffer.clear();
        buffer.append(&mut self.carry);
        // `buffer[..searched]` holds no newline. (The carry after a skipped line may hold some.)
        let mut searched = 0;
        loop {
            if buffer.len() >= self.chunk_size || self.eof {
                if let Some(last) = memchr::memrchr(b'\n', &buffer[searched..]) {
                    return Ok(Some(self.lines(buffer, searched + last + 1)));
                }
                searched = buffer.len();
                if self.eof {
                    if buffer.is_empty() {
                        return Ok(None);
                    }
                    let len = buffer.len();
                    return Ok(Some(self.lines(buffer, len)));
                }
                // One line, still without its end, is already longer than any record may be.
                if buffer.len() > self.max_record {
                    return self.skip_line(buffer).map(Some);
                }
            }
            // A chunk's worth whatever is held already: a read as large as the input's own
            // buffer goes straight to the file, where a smaller one is copied through it.
            match read_more(&mut self.reader, &mut buffer, self.chunk_size) {
                Ok(0) => self.eof = true,
                Ok(_) => {}
                Err(error) => {
                    // The whole lines read so far are linted, as a line-by-line read would.
                    self.eof = true;
                    match memchr::memrchr(b'\n', &buffer) {
                        Some(last) => {
                            self.error = Some(error);
                            return Ok(Some(self.lines(buffer, last + 1)));
                        }
                        None => return Err(error),
                    }
                }
            }
        }
    }

    /// `buffer[..end]` as a chunk; the rest is carried to the next one.
    fn lines(&mut self, mut buffer: Vec<u8>, end: usize) -> Piece {
        self.carry.extend_from_slice(&buffer[end..]);
        buffer.truncate(end);
        let (lines_before, offset) = (self.lines_before, self.offset);
        self.lines_before += memchr::memchr_iter(b'\n', &buffer).count() as u64;
        if buffer.last() != Some(&b'\n') {
            // The stream's last line, without a newline, still counts as a line.
            self.lines_before += 1;
        }
        self.offset += buffer.len() as u64;
        Piece::Lines {
            text: buffer,
            lines_before,
            offset,
        }
    }

    /// Reads past the rest of a line too large to hold; `start` is its beginning, with no newline.
    fn skip_line(&mut self, mut start: Vec<u8>) -> io::Result<Piece> {
        let mut len = start.len() as u64;
        let (number, offset) = (self.lines_before + 1, self.offset);
        loop {
            start.clear();
            if read_more(&mut self.reader, &mut start, 64 * 1024)? == 0 {
                self.eof = true;
                self.offset += len;
                break;
            }
            if let Some(end) = memchr::memchr(b'\n', &start) {
                len += end as u64;
                self.carry.extend_from_slice(&start[end + 1..]);
                self.offset += len + 1;
                break;
            }
            len += start.len() as u64;
        }
        self.lines_before += 1;
        Ok(Piece::TooLarge {
            number,
            offset,
            len,
        })
    }
}

/// Appends up to `want` bytes read from `reader` to `buffer`; 0 at the end of the stream.
fn read_more(reader: &mut impl Read, buffer: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    let len = buffer.len();
    buffer.resize(len + want, 0);
    let read = loop {
        match reader.read(&mut buffer[len..]) {
            Ok(read) => break Ok(read),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => break Err(e),
        }
    };
    buffer.truncate(len + *read.as_ref().unwrap_or(&0));
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece of `input` cut at `chunk_size`, as (lines before, offset, text) or
    /// (number, offset, len) for a skipped line.
    fn pieces(input: &[u8], chunk_size: usize, max: usize) -> Vec<String> {
        let mut chunker = Chunker::new(input, chunk_size, max, 0, 0);
        let mut out = Vec::new();
        while let Some(piece) = chunker.next_piece(Vec::new()).expect("read") {
            out.push(match piece {
                Piece::Lines {
                    text,
                    lines_before,
                    offset,
                } => format!("{lines_before}@{offset}:{}", String::from_utf8_lossy(&text)),
                Piece::TooLarge {
                    number,
                    offset,
                    len,
                } => format!("line {number}@{offset}: {len} bytes"),
            });
        }
        out
    }

    #[test]
    fn chunks_end_at_line_ends_and_carry_their_place() {
        assert_eq!(
            pieces(b"{}\n[1]\r\n\n{\"a\":1}", 4, 100),
            ["0@0:{}\n", "1@3:[1]\r\n", "2@8:\n", "3@9:{\"a\":1}"]
        );
    }

    #[test]
    fn a_line_too_large_to_hold_is_measured_not_held() {
        let mut input = b"{}\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 300_000));
        input.extend_from_slice(b"\r\n[]\n");
        assert_eq!(
            pieces(&input, 2, 10),
            ["0@0:{}\n", "line 2@3: 300001 bytes", "2@300005:[]\n"]
        );
        // Without a newline at the end of the stream.
        assert_eq!(pieces(&[b'y'; 20], 4, 10), ["line 1@0: 20 bytes"]);
    }
}
