//! APNs at the root of its own port, as Apple serves it: real clients (node-apn, apns2, aioapns,
//! gorush) post `/3/device/<token>` to `api.push.apple.com` or `api.sandbox.push.apple.com` and
//! choose the environment by host name, so each environment gets a port of its own
//! (`pushdiag emulate --apns-listen` / `--apns-sandbox-listen`) where the path has no `/apns`
//! prefix.
//!
//! The port speaks TLS (ALPN `h2`, the emulator's CA made at start, the client certificate taken
//! for certificate auth) and h2c (HTTP/2 with prior knowledge) both: the first byte tells them
//! apart, so a client needs only a base URL, `https://` or `http://`. Each request is given the
//! environment's prefix and handed to the emulator's routes, so faults (`apns/…`), records and
//! refusals are those of `/apns` and `/apns-sandbox`; a path other than `/3/device/<token>`
//! (`/apns/3/device/…` included) is 404 `BadPath`, as Apple answers a bad `:path`
//! (`apns-fcm-tim.md` A, the error table).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::extract::Request;
use axum::http::uri::{PathAndQuery, Uri};
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

use crate::emulator::goaway::GoawayIo;
use crate::emulator::{wait_for_shutdown, ConnHandle, ConnIo};

/// Which APNs environment a root port serves, as the host name chooses it at Apple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApnsEnvironment {
    /// `api.push.apple.com`: App Store and TestFlight builds' tokens.
    Production,
    /// `api.sandbox.push.apple.com`: development builds' tokens.
    Sandbox,
}

impl ApnsEnvironment {
    /// `production` or `sandbox`, as `pushdiag emulate --format json` names them.
    pub fn name(self) -> &'static str {
        match self {
            ApnsEnvironment::Production => "production",
            ApnsEnvironment::Sandbox => "sandbox",
        }
    }

    /// Apple's host for the environment, which the port stands in for.
    pub fn apple_host(self) -> &'static str {
        match self {
            ApnsEnvironment::Production => "api.push.apple.com",
            ApnsEnvironment::Sandbox => "api.sandbox.push.apple.com",
        }
    }

    /// The prefix the emulator's own port serves this environment under.
    pub(in crate::emulator) fn prefix(self) -> &'static str {
        match self {
            ApnsEnvironment::Production => "/apns",
            ApnsEnvironment::Sandbox => "/apns-sandbox",
        }
    }
}

/// Puts `prefix` in front of the request's path, keeping the query and the authority.
pub(in crate::emulator) fn under_prefix(mut request: Request, prefix: &str) -> Request {
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", PathAndQuery::as_str);
    // `/` becomes the bare prefix: the nested routes match `/apns`, not `/apns/`.
    let path = match path.strip_prefix('/') {
        Some(rest) if rest.is_empty() || rest.starts_with('?') => rest,
        _ => path,
    };
    let mut parts = request.uri().clone().into_parts();
    parts.path_and_query = format!("{prefix}{path}").parse().ok();
    // The original was a valid path, so the prefixed one is too; were it not, the request stays
    // as it came and is not routed to APNs at all (an empty 404).
    if let Ok(uri) = Uri::from_parts(parts) {
        *request.uri_mut() = uri;
    }
    request
}

/// A connection, TLS or h2c, as its first byte said.
pub(in crate::emulator) enum Sniffed {
    Plain(ConnIo),
    Tls(Box<TlsStream<ConnIo>>),
}

/// A TLS record starts with its content type, 22 for a handshake; an h2c client starts with its
/// preface, `PRI * HTTP/2.0`.
const TLS_HANDSHAKE: u8 = 0x16;
/// How long a client may take to say its first byte and finish a TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

async fn sniff(stream: TcpStream, acceptor: TlsAcceptor) -> io::Result<Sniffed> {
    let mut first = [0_u8; 1];
    let read = stream.peek(&mut first).await?;
    let io = ConnIo::new(stream);
    if read == 1 && first[0] == TLS_HANDSHAKE {
        Ok(Sniffed::Tls(Box::new(acceptor.accept(io).await?)))
    } else {
        Ok(Sniffed::Plain(io))
    }
}

/// The listener of a root port. Connections are accepted, sniffed and (for TLS) shaken hands
/// with in tasks of their own, so a client that connects and says nothing holds up no other.
pub(in crate::emulator) struct RootListener {
    ready: mpsc::Receiver<(GoawayIo<Sniffed>, SocketAddr)>,
    addr: SocketAddr,
}

impl RootListener {
    /// Accepts on `listener` until the emulator shuts down.
    pub(in crate::emulator) fn start(
        listener: TcpListener,
        addr: SocketAddr,
        acceptor: TlsAcceptor,
        mut shutdown: watch::Receiver<bool>,
    ) -> RootListener {
        let (sender, ready) = mpsc::channel(64);
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    accepted = listener.accept() => accepted,
                    () = wait_for_shutdown(&mut shutdown) => return,
                };
                let Ok((stream, peer)) = accepted else {
                    // Out of file descriptors and the like: wait and try again, as axum does.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let (sender, acceptor) = (sender.clone(), acceptor.clone());
                tokio::spawn(async move {
                    // A failed handshake (an untrusting client, a port scan) loses only itself.
                    if let Ok(Ok(io)) =
                        tokio::time::timeout(HANDSHAKE_TIMEOUT, sniff(stream, acceptor)).await
                    {
                        let _served = sender.send((GoawayIo::new(io), peer)).await;
                    }
                });
            }
        });
        RootListener { ready, addr }
    }
}

impl Listener for RootListener {
    type Io = GoawayIo<Sniffed>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, SocketAddr) {
        match self.ready.recv().await {
            Some(connection) => connection,
            // The emulator shut down: the server stops asking for connections.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.addr)
    }
}

impl Connected<IncomingStream<'_, RootListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, RootListener>) -> Self {
        let (conn, peer) = match stream.io().get_ref() {
            Sniffed::Plain(io) => (io, None),
            Sniffed::Tls(tls) => {
                let (io, session) = tls.get_ref();
                let peer = session
                    .peer_certificates()
                    .and_then(|certs| certs.first())
                    .map(|cert| std::sync::Arc::new(cert.as_ref().to_vec()));
                (io, peer)
            }
        };
        ConnHandle {
            kill: conn.kill.clone(),
            goaway: stream.io().switch.clone(),
            peer,
            id: conn.id,
        }
    }
}

impl AsyncRead for Sniffed {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Sniffed::Plain(io) => Pin::new(io).poll_read(cx, buf),
            Sniffed::Tls(io) => Pin::new(io.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Sniffed {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Sniffed::Plain(io) => Pin::new(io).poll_write(cx, buf),
            Sniffed::Tls(io) => Pin::new(io.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Sniffed::Plain(io) => Pin::new(io).poll_write_vectored(cx, bufs),
            Sniffed::Tls(io) => Pin::new(io.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Sniffed::Plain(io) => io.is_write_vectored(),
            Sniffed::Tls(io) => io.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Sniffed::Plain(io) => Pin::new(io).poll_flush(cx),
            Sniffed::Tls(io) => Pin::new(io.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Sniffed::Plain(io) => Pin::new(io).poll_shutdown(cx),
            Sniffed::Tls(io) => Pin::new(io.as_mut()).poll_shutdown(cx),
        }
    }
}
