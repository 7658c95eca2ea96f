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
#[allow(
    clippy::unwrap_used,
    reason = "tests: a failed unwrap is a failed test, with the value in the panic"
)]
mod tests {
    use super::super::{Emulator, EmulatorConfig, Registry, BUILTIN_APNS_SANDBOX_DEVICE};
    use super::*;

    async fn start() -> Emulator {
        Emulator::start(EmulatorConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            registry: Registry::builtin(),
            faults: vec!["apns/3/device/{token}=goaway*1".parse().unwrap()],
        })
        .await
        .unwrap()
    }

    /// A client that does not retry by itself (reqwest would resend after a GOAWAY).
    fn client(builder: reqwest::ClientBuilder) -> reqwest::Client {
        builder
            .no_proxy()
            .retry(reqwest::retry::never())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap()
    }

    async fn push(client: &reqwest::Client, base: &str) -> reqwest::Result<reqwest::Response> {
        client
            .post(format!("{base}/3/device/{BUILTIN_APNS_SANDBOX_DEVICE}"))
            .header("apns-topic", "com.example.chat")
            .body(r#"{"aps":{"alert":"x"}}"#)
            .send()
            .await
    }

    /// The h2 error under reqwest's, if any.
    fn h2_error(error: &reqwest::Error) -> Option<&h2::Error> {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(err) = source {
            if let Some(h2) = err.downcast_ref::<h2::Error>() {
                return Some(h2);
            }
            source = err.source();
        }
        None
    }

    /// The client's stream ends with the server's GOAWAY (NO_ERROR), which h2 reports only for
    /// streams above the last-stream-id: not handled, nothing recorded. The fault is spent, and
    /// the next request, on a new connection, gets APNs's normal answer.
    async fn goaway_then_normal(emu: &Emulator, client: &reqwest::Client, base: &str) {
        let error = push(client, base).await.unwrap_err();
        let h2 = h2_error(&error).unwrap_or_else(|| panic!("not an h2 error: {error:?}"));
        assert!(h2.is_go_away() && h2.is_remote(), "{h2:?}");
        assert_eq!(h2.reason(), Some(h2::Reason::NO_ERROR));
        assert!(emu.pushes().is_empty());
        let answer = push(client, base).await.unwrap();
        // No provider token: APNs's own refusal, so the request reached the APNs handler.
        assert_eq!(answer.status(), 403);
        assert_eq!(answer.version(), reqwest::Version::HTTP_2);
    }

    #[tokio::test]
    async fn goaway_over_h2c_excludes_the_request() {
        let emu = start().await;
        let client = client(reqwest::Client::builder().http2_prior_knowledge());
        let base = format!("http://{}/apns-sandbox", emu.addr());
        goaway_then_normal(&emu, &client, &base).await;
        emu.shutdown().await;
    }

    #[tokio::test]
    async fn goaway_over_tls_excludes_the_request() {
        let mut emu = start().await;
        let tls = emu.serve_tls("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let ca = reqwest::Certificate::from_pem(tls.ca_pem.as_bytes()).unwrap();
        let client = client(reqwest::Client::builder().add_root_certificate(ca));
        let base = format!("https://{}/apns-sandbox", tls.addr);
        goaway_then_normal(&emu, &client, &base).await;
        emu.shutdown().await;
    }

    /// HTTP/1 has no GOAWAY: the connection is reset instead, and the request is not handled.
    #[tokio::test]
    async fn goaway_on_http1_resets_without_handling() {
        let emu = start().await;
        let client = client(reqwest::Client::builder().http1_only());
        let base = format!("http://{}/apns-sandbox", emu.addr());
        let error = push(&client, &base).await.unwrap_err();
        assert!(h2_error(&error).is_none(), "{error:?}");
        assert!(emu.pushes().is_empty());
        emu.shutdown().await;
    }

    #[test]
    fn goaway_is_a_fault_kind() {
        let spec: super::super::FaultSpec = "apns/3/device/{token}=goaway*1".parse().unwrap();
        assert_eq!(spec.fault, super::super::Fault::Goaway);
        assert_eq!(spec.to_string(), "apns/3/device/{token}=goaway*1");
        let error = "goaway:1".parse::<super::super::FaultSpec>().unwrap_err();
        assert!(error.to_string().contains("takes no argument"), "{error}");
    }

    /// The frame as RFC 9113 §6.8 lays it out, byte by byte.
    #[test]
    fn the_goaway_frame_is_rfc_9113s() {
        let frame = goaway_frame(5);
        let len = 8 + DEBUG_DATA.len();
        assert_eq!(&frame[..3], &[0, 0, len as u8]);
        assert_eq!(frame[3], 0x7, "type GOAWAY");
        assert_eq!(&frame[4..9], &[0, 0, 0, 0, 0], "no flags, stream 0");
        assert_eq!(&frame[9..13], &[0, 0, 0, 5], "last-stream-id");
        assert_eq!(&frame[13..17], &[0, 0, 0, 0], "NO_ERROR");
        assert_eq!(&frame[17..], DEBUG_DATA);
    }

    /// Boundaries are found across writes split anywhere, headers included.
    #[test]
    fn frames_are_followed_across_split_writes() {
        let mut frames = Frames::default();
        let mut bytes = vec![0, 0, 3, 1, 4, 0, 0, 0, 7, b'a', b'b', b'c'];
        bytes.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 0, 0]);
        let mut seen = Vec::new();
        for chunk in bytes.chunks(4) {
            frames.feed(chunk, |h| seen.push(h[3]));
            if seen.len() == 1 && !frames.at_boundary() {
                assert!(frames.left_in_frame() > 0);
            }
        }
        assert_eq!(seen, [1, 4]);
        assert!(frames.at_boundary());
    }
}
