//! The `goaway` fault: an HTTP/2 GOAWAY sent while a request's stream is in flight, as APNs
//! does when it closes a connection (`apns-fcm-tim.md` A: "APNs may close a connection with
//! GOAWAY", the payload JSON with a `reason`).
//!
//! hyper (under `axum::serve`) decides GOAWAY's last-stream-id itself and always counts a stream
//! it has handed to a handler as processed, so the frame is written here, below hyper, in the
//! connection's byte stream (above TLS, so it is inside the encrypted session): [`GoawayIo`]
//! follows the frame boundaries of both directions, and when a fault asks for it, writes
//! `GOAWAY(last-stream-id, NO_ERROR, {"reason":"Shutdown"})` at the next boundary of the
//! server's output, then closes the connection (reads see the end, writes fail). The
//! last-stream-id is the client's newest stream minus 2, so the faulted request (the newest:
//! the fault fires as it arrives) is excluded and was not handled: RFC 9113 §6.8 lets the client
//! retry it on a new connection. Streams opened concurrently before it are treated as processed.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The client's connection preface (RFC 9113 §3.4).
const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
const FRAME_HEADERS: u8 = 0x1;
const FRAME_GOAWAY: u8 = 0x7;
/// GOAWAY's debug data, as APNs sends it when a server shuts down.
pub(super) const DEBUG_DATA: &[u8] = br#"{"reason":"Shutdown"}"#;

/// The switch a fault flips; shared by the connection's I/O and its [`super::ConnHandle`].
#[derive(Debug, Default)]
pub(super) struct GoawaySwitch {
    state: Mutex<SwitchState>,
}

#[derive(Debug, Default)]
struct SwitchState {
    requested: bool,
    /// The connection task, to wake it when a fault asks for the GOAWAY.
    waker: Option<Waker>,
    /// True once the client sent the HTTP/2 preface.
    http2: bool,
}

impl GoawaySwitch {
    /// Asks for the GOAWAY; false when the connection is not HTTP/2 (nothing will be sent).
    pub(super) fn request(&self) -> bool {
        let waker = {
            let mut state = super::lock(&self.state);
            if !state.http2 {
                return false;
            }
            state.requested = true;
            state.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        true
    }
}

/// Follows frame boundaries in one direction of an HTTP/2 byte stream.
#[derive(Debug, Default)]
struct Frames {
    header: [u8; 9],
    have: usize,
    payload_left: usize,
}

impl Frames {
    /// Feeds bytes; calls `on_header` with each complete frame header.
    fn feed(&mut self, mut bytes: &[u8], mut on_header: impl FnMut(&[u8; 9])) {
        while !bytes.is_empty() {
            if self.payload_left > 0 {
                let skip = self.payload_left.min(bytes.len());
                self.payload_left -= skip;
                bytes = &bytes[skip..];
                continue;
            }
            let take = (9 - self.have).min(bytes.len());
            self.header[self.have..self.have + take].copy_from_slice(&bytes[..take]);
            self.have += take;
            bytes = &bytes[take..];
            if self.have == 9 {
                self.have = 0;
                self.payload_left = usize::from(self.header[0]) << 16
                    | usize::from(self.header[1]) << 8
                    | usize::from(self.header[2]);
                on_header(&self.header);
            }
        }
    }

    fn at_boundary(&self) -> bool {
        self.have == 0 && self.payload_left == 0
    }

    /// Bytes left in the current frame (0 at a boundary).
    fn left_in_frame(&self) -> usize {
        if self.have > 0 {
            9 - self.have + frame_len(&self.header[..self.have])
        } else {
            self.payload_left
        }
    }
}

/// The payload length of a (possibly partial) header; a partial one counts as unknown (0), so
/// the caller writes the header's rest first and learns it.
fn frame_len(header: &[u8]) -> usize {
    if header.len() < 3 {
        return 0;
    }
    usize::from(header[0]) << 16 | usize::from(header[1]) << 8 | usize::from(header[2])
}

/// The GOAWAY frame (RFC 9113 §6.8): stream 0, NO_ERROR, APNs's JSON as debug data.
pub(super) fn goaway_frame(last_stream_id: u32) -> Vec<u8> {
    let len = 8 + DEBUG_DATA.len();
    let mut frame = Vec::with_capacity(9 + len);
    frame.extend_from_slice(&u32::try_from(len).unwrap_or(0).to_be_bytes()[1..]);
    frame.extend_from_slice(&[FRAME_GOAWAY, 0, 0, 0, 0, 0]);
    frame.extend_from_slice(&(last_stream_id & 0x7fff_ffff).to_be_bytes());
    frame.extend_from_slice(&0u32.to_be_bytes());
    frame.extend_from_slice(DEBUG_DATA);
    frame
}

/// A connection's I/O that can send a GOAWAY of its own and close.
pub(super) struct GoawayIo<T> {
    inner: T,
    pub(super) switch: Arc<GoawaySwitch>,
    /// How much of the client's preface has been seen; `None` once it is known not to be HTTP/2.
    preface_seen: Option<usize>,
    incoming: Frames,
    outgoing: Frames,
    newest_stream: u32,
    /// The GOAWAY being written, and how much of it is out.
    sending: Option<(Vec<u8>, usize)>,
    closed: bool,
}

impl<T> GoawayIo<T> {
    pub(super) fn new(inner: T) -> GoawayIo<T> {
        GoawayIo {
            inner,
            switch: Arc::default(),
            preface_seen: Some(0),
            incoming: Frames::default(),
            outgoing: Frames::default(),
            newest_stream: 0,
            sending: None,
            closed: false,
        }
    }

    pub(super) fn get_ref(&self) -> &T {
        &self.inner
    }

    fn requested(&self) -> bool {
        super::lock(&self.switch.state).requested
    }

    /// True while the client's bytes are worth following: the preface may still come, or did.
    fn following(&self) -> bool {
        self.preface_seen.is_some() || super::lock(&self.switch.state).http2
    }

    /// Follows what the client sent: its preface, then frame headers (for the newest stream).
    fn saw_incoming(&mut self, mut bytes: &[u8]) {
        if let Some(seen) = self.preface_seen {
            let take = (PREFACE.len() - seen).min(bytes.len());
            if bytes[..take] != PREFACE[seen..seen + take] {
                self.preface_seen = None;
                return;
            }
            let seen = seen + take;
            bytes = &bytes[take..];
            if seen < PREFACE.len() {
                self.preface_seen = Some(seen);
                return;
            }
            self.preface_seen = None;
            super::lock(&self.switch.state).http2 = true;
        } else if !super::lock(&self.switch.state).http2 {
            return;
        }
        let newest = &mut self.newest_stream;
        self.incoming.feed(bytes, |header| {
            if header[3] == FRAME_HEADERS {
                let id = u32::from_be_bytes([header[5], header[6], header[7], header[8]]);
                *newest = (*newest).max(id & 0x7fff_ffff);
            }
        });
    }
}

impl<T: AsyncWrite + Unpin> GoawayIo<T> {
    /// Writes the GOAWAY when one is asked for and the output is at a frame boundary, then
    /// closes. Ready when there is nothing (more) to do now.
    fn drive(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.closed {
            return Poll::Ready(Ok(()));
        }
        if self.sending.is_none() {
            if !self.outgoing.at_boundary() || !self.requested() {
                return Poll::Ready(Ok(()));
            }
            let last = self.newest_stream.saturating_sub(2);
            self.sending = Some((goaway_frame(last), 0));
        }
        if let Some((frame, written)) = &mut self.sending {
            while *written < frame.len() {
                let n = match Pin::new(&mut self.inner).poll_write(cx, &frame[*written..]) {
                    Poll::Ready(Ok(n)) => n,
                    Poll::Ready(Err(e)) => {
                        self.closed = true;
                        return Poll::Ready(Err(e));
                    }
                    Poll::Pending => return Poll::Pending,
                };
                if n == 0 {
                    self.closed = true;
                    return Poll::Ready(Ok(()));
                }
                *written += n;
            }
            if Pin::new(&mut self.inner).poll_flush(cx).is_pending() {
                return Poll::Pending;
            }
            // FIN (and TLS close_notify): the client reads the GOAWAY, then the end.
            if Pin::new(&mut self.inner).poll_shutdown(cx).is_pending() {
                return Poll::Pending;
            }
        }
        self.closed = true;
        Poll::Ready(Ok(()))
    }

    fn closed_error() -> io::Error {
        io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "emulated fault: connection closed after GOAWAY",
        )
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> AsyncRead for GoawayIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.drive(cx)?.is_pending() {
            return Poll::Pending;
        }
        if this.closed {
            // The end of the stream: the client closed after reading the GOAWAY, as far as
            // the server can tell.
            return Poll::Ready(Ok(()));
        }
        super::lock(&this.switch.state).waker = Some(cx.waker().clone());
        if this.requested() && this.outgoing.at_boundary() {
            // Asked between `drive` and storing the waker: come back at once to send it.
            cx.waker().wake_by_ref();
        }
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = polled {
            if this.following() {
                let new = buf.filled()[before..].to_vec();
                this.saw_incoming(&new);
            }
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for GoawayIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.drive(cx)?.is_pending() {
            return Poll::Pending;
        }
        if this.closed {
            return Poll::Ready(Err(Self::closed_error()));
        }
        // With a GOAWAY waiting, finish only the frame under way, so it goes right after.
        let buf = if this.requested() && this.outgoing.left_in_frame() > 0 {
            &buf[..buf.len().min(this.outgoing.left_in_frame())]
        } else {
            buf
        };
        let polled = Pin::new(&mut this.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = polled {
            this.outgoing.feed(&buf[..n], |_| {});
            if this.requested() && this.outgoing.at_boundary() {
                cx.waker().wake_by_ref();
            }
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.drive(cx)?.is_pending() {
            return Poll::Pending;
        }
        if this.closed {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.closed {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests;
