//! Sixteen bytes at a time: where the quotes, backslashes and control bytes of a block are, as
//! bit masks (bit k is byte k). SSE2 through the `wide` crate, which every x86-64 CPU has, so
//! the one binary runs anywhere and this crate stays free of `unsafe`; on other targets `wide`
//! falls back to plain code with the same results.

use wide::u8x16;

/// Bytes per block.
pub const WIDTH: usize = 16;

/// The stop bytes of one block of string content.
#[derive(Clone, Copy, Debug)]
pub struct Stops {
    pub quotes: u32,
    pub backslashes: u32,
    /// Bytes below 0x20 (which JSON strings may not hold unescaped). Padding past the end of the
    /// input is a zero byte, so it lands here too; callers compare positions with the bytes left.
    pub controls: u32,
}

impl Stops {
    /// Any stop at all.
    #[inline]
    pub fn any(&self) -> u32 {
        self.quotes | self.backslashes | self.controls
    }
}

/// The block of `src` at `at`, zero-padded past the end, and how many of its bytes are real.
#[inline]
pub fn load(src: &[u8], at: usize) -> ([u8; WIDTH], usize) {
    match src.get(at..at + WIDTH) {
        Some(block) => (<[u8; WIDTH]>::try_from(block).unwrap_or_default(), WIDTH),
        None => {
            let rest = src.get(at..).unwrap_or_default();
            let mut block = [0; WIDTH];
            block[..rest.len()].copy_from_slice(rest);
            (block, rest.len())
        }
    }
}

/// The stop bytes of `block`.
#[inline]
pub fn stops(block: [u8; WIDTH]) -> Stops {
    let bytes = u8x16::new(block);
    let mask = |lanes: u8x16| lanes.move_mask() as u32 & 0xFFFF;
    Stops {
        quotes: mask(bytes.cmp_eq(u8x16::splat(b'"'))),
        backslashes: mask(bytes.cmp_eq(u8x16::splat(b'\\'))),
        // x <= 0x1F exactly when min(x, 0x1F) == x (unsigned).
        controls: mask(bytes.min(u8x16::splat(0x1F)).cmp_eq(bytes)),
    }
}

/// When every backslash of a block starts an escaped quote (`\"`, how an ext embedded in a
/// record escapes its own quotes), the positions of those quotes; else `None`. A backslash in
/// the block's last byte, or two in a row, ask for the byte-exact walk.
#[inline]
pub fn escaped_quotes_only(backslashes: u32, quotes: u32) -> Option<u32> {
    let escaped = backslashes << 1;
    let last = 1 << (WIDTH - 1);
    (backslashes & (last | escaped) == 0 && escaped & !quotes == 0).then_some(escaped)
}
