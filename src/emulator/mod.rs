//! An in-process emulator of the vendors' push APIs, on loopback only.
//!
//! It checks what the real vendor checks (signatures with the registered app's secret, the
//! timestamp window, tokens, required fields, known devices), answers with the vendor's response
//! shapes and codes, records the pushes it accepted (the last ones whole, all counted), and injects faults ([`FaultSpec`]). Each
//! vendor is served under its id: `http://127.0.0.1:PORT/vivo/message/auth`,
//! `http://127.0.0.1:PORT/oppo/server/v1/auth`,
//! `http://127.0.0.1:PORT/xiaomi/v3/message/regid`,
//! `http://127.0.0.1:PORT/meizu/garcia/api/server/push/varnished/pushByPushId`, … It serves
//! vivo, OPPO, Xiaomi, Meizu, Huawei and Honor (the last two with their OAuth servers under the
//! same prefix), APNs (`/apns` production, `/apns-sandbox` sandbox; HTTP/2 only, h2c on this port
//! and TLS with ALPN `h2` via [`Emulator::serve_tls`]), FCM with Google's token endpoint
//! (`/fcm`), and Tencent IM's REST API under `/tim`, which forwards pushes to them through a
//! [`Forwarder`] handed in by whoever starts it.
//!
//! It is a judge, not a mirror: it imports none of the client code it checks (signing, clocks,
//! lists), so a mistake on both sides cannot pass unseen; `crate::emulated` joins the two.
//!
//! The emulator never logs or returns an app secret.

mod apns;
mod clock;
mod common;
mod faults;
mod fcm;
mod goaway;
mod honor;
mod huawei;
mod meizu;
mod oppo;
mod push_log;
mod registry;
mod table;
mod tim;
mod tls;
mod usersig;
mod vivo;
mod xiaomi;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod testutil;

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use anyhow::Context;
use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use axum::Router;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use apns::{
    builtin_apns_public_key, builtin_apns_signing_key, ApnsEnvironment, BUILTIN_APNS_BUNDLE_ID,
    BUILTIN_APNS_KEY_ID, BUILTIN_APNS_PRODUCTION_DEVICE, BUILTIN_APNS_SANDBOX_DEVICE,
    BUILTIN_APNS_TEAM_ID,
};
pub use faults::{Fault, FaultSpec};
pub use fcm::{
    builtin_fcm_private_key, builtin_fcm_public_key, BUILTIN_FCM_CLIENT_EMAIL, BUILTIN_FCM_DEVICE,
    BUILTIN_FCM_PRIVATE_KEY_ID, BUILTIN_FCM_PROJECT_ID,
};
pub use honor::{
    BUILTIN_HONOR_APP_ID, BUILTIN_HONOR_CLIENT_ID, BUILTIN_HONOR_CLIENT_SECRET,
    BUILTIN_HONOR_DEVICE,
};
pub use huawei::{
    BUILTIN_HUAWEI_APP_ID, BUILTIN_HUAWEI_APP_SECRET, BUILTIN_HUAWEI_DEVICE,
    BUILTIN_HUAWEI_FLUTTER_APP_ID, BUILTIN_HUAWEI_FLUTTER_PROJECT_ID, BUILTIN_HUAWEI_PROJECT_ID,
};
pub use meizu::{
    BUILTIN_MEIZU_APP_ID, BUILTIN_MEIZU_APP_KEY, BUILTIN_MEIZU_APP_SECRET, BUILTIN_MEIZU_DEVICE,
};
pub use oppo::{
    BUILTIN_OPPO_APP_ID, BUILTIN_OPPO_APP_KEY, BUILTIN_OPPO_DEVICE, BUILTIN_OPPO_FLUTTER_APP_ID,
    BUILTIN_OPPO_FLUTTER_APP_KEY, BUILTIN_OPPO_MASTER_SECRET,
};
pub use push_log::{PushCounts, DEFAULT_KEEP};
pub use registry::{App, DeviceState, PushToken, Registry, TimState, TimUser};
use table::Emulated;
pub use table::{builtin_business_id, EMULATED_VENDORS};
pub use tim::{Delivery, Forward, ForwardedPush, Forwarder, Forwarding, Hop, PushRecord, Stage};
pub use tim::{
    BUILTIN_TIM_ADMIN, BUILTIN_TIM_IOS_USER, BUILTIN_TIM_OFFLINE_USER, BUILTIN_TIM_ONLINE_USER,
    BUILTIN_TIM_PUSH_ONLINE_USER, BUILTIN_TIM_SDK_APP_ID, BUILTIN_TIM_SECRET_KEY,
    BUILTIN_TIM_UNPUBLISHED_USER, BUILTIN_TIM_VIVO_APP_ID, BUILTIN_TIM_VIVO_APP_KEY,
};
pub use tim::{
    BUILTIN_TIM_GONE_TOKEN, BUILTIN_TIM_GONE_USER, BUILTIN_TIM_HEALTHY_USER,
    BUILTIN_TIM_MUTED_USER, BUILTIN_TIM_NOCERT_USER, BUILTIN_TIM_NORECEIPTS_USER,
    BUILTIN_TIM_NOTOKEN_USER,
};
pub use tls::TlsEndpoint;
pub use vivo::{
    BUILTIN_VIVO_APP_ID, BUILTIN_VIVO_APP_KEY, BUILTIN_VIVO_APP_SECRET, BUILTIN_VIVO_DEVICE,
    BUILTIN_VIVO_FLUTTER_APP_ID, BUILTIN_VIVO_FLUTTER_APP_KEY, BUILTIN_VIVO_TEST_DEVICE,
};
pub use xiaomi::{
    BUILTIN_XIAOMI_APP_ID, BUILTIN_XIAOMI_APP_KEY, BUILTIN_XIAOMI_APP_SECRET,
    BUILTIN_XIAOMI_DEVICE, BUILTIN_XIAOMI_FLUTTER_APP_ID, BUILTIN_XIAOMI_FLUTTER_APP_KEY,
    BUILTIN_XIAOMI_FLUTTER_PACKAGE, BUILTIN_XIAOMI_PACKAGE,
};

use crate::vendor::Vendor;

/// The emulator's one list of vendors, in the order it lists them (errors, `pushdiag emulate`):
/// each vendor's emulator says in its `EMULATED` what the shared parts need of it.
const TABLE: [Emulated; 9] = [
    vivo::EMULATED,
    oppo::EMULATED,
    xiaomi::EMULATED,
    meizu::EMULATED,
    huawei::EMULATED,
    honor::EMULATED,
    apns::EMULATED,
    fcm::EMULATED,
    tim::EMULATED,
];

/// How an emulator is started.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// Must be a loopback address; port 0 picks a free port.
    pub listen: SocketAddr,
    pub registry: Registry,
    pub faults: Vec<FaultSpec>,
}

/// A push the emulator accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedPush {
    pub vendor: Vendor,
    /// The app the push was sent for.
    pub app_id: String,
    /// The device token (vivo: the regId, or the alias when no regId was given).
    pub target: String,
    pub title: String,
    pub body: String,
    /// The custom data under the key the Tencent plugins read (vivo: `clientCustomMap.ext`).
    pub ext: Option<String>,
    /// vivo `pushMode=1`, Huawei `target_user_type` 1, Honor `targetUserType` 1; always false for
    /// OPPO, Xiaomi and Meizu, which have no test mode.
    pub test_mode: bool,
    /// The de-duplication id: vivo `requestId`, OPPO `notification.app_message_id`; `None` for
    /// Xiaomi, Meizu, Huawei and Honor, which have none.
    pub request_id: Option<String>,
    /// The vendor's id for the accepted push (vivo `taskId`, OPPO `messageId`, Xiaomi `data.id`,
    /// Meizu `msgId`, Huawei and Honor `requestId`).
    pub task_id: String,
    /// The request body as received (OPPO: the `message` JSON; Xiaomi: the form fields as a
    /// JSON object of strings; Meizu: the form fields likewise, with `messageJson` parsed), for
    /// assertions on fields not
    /// copied above.
    pub payload: serde_json::Value,
}

/// A running emulator. Dropping it stops the server too; [`Emulator::shutdown`] also waits.
pub struct Emulator {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
    /// The routes, kept to serve them over TLS too ([`Emulator::serve_tls`]).
    app: Router,
    tls_servers: Vec<JoinHandle<()>>,
    /// The TLS certificate made at the first TLS port and its CA (PEM): every TLS port of one
    /// emulator shares them, so a client trusts one CA file.
    tls: Option<(Arc<tokio_rustls::rustls::ServerConfig>, String)>,
}

/// State shared by the handlers.
struct Shared {
    registry: Registry,
    faults: Mutex<faults::Faults>,
    /// The accepted pushes: the last [`DEFAULT_KEEP`] (or [`Emulator::keep`]) whole, all counted.
    pushes: Mutex<push_log::PushLog>,
    vivo: Mutex<vivo::State>,
    oppo: Mutex<oppo::State>,
    huawei: Mutex<huawei::State>,
    honor: Mutex<honor::State>,
    tim: Mutex<tim::State>,
    /// Sends the pushes Tencent IM forwards; `None`: they are recorded as not configured.
    forwarder: Option<Arc<dyn Forwarder>>,
    /// The emulator's own address: Tencent IM forwards pushes to the emulated vendors there.
    addr: SocketAddr,
    apns: Mutex<apns::State>,
    fcm: Mutex<fcm::State>,
    /// Turns true when the emulator shuts down (or closes when it is dropped).
    shutdown: watch::Receiver<bool>,
}

impl Emulator {
    /// Binds `config.listen` and serves in the background of the current Tokio runtime.
    /// Refuses an address that is not loopback. Tencent IM forwards no push: see
    /// [`Emulator::start_forwarding`].
    pub async fn start(config: EmulatorConfig) -> anyhow::Result<Emulator> {
        Emulator::launch(config, None).await
    }

    /// As [`Emulator::start`], with `forwarder` sending the pushes Tencent IM makes to the
    /// emulated vendors.
    pub async fn start_forwarding(
        config: EmulatorConfig,
        forwarder: Arc<dyn Forwarder>,
    ) -> anyhow::Result<Emulator> {
        Emulator::launch(config, Some(forwarder)).await
    }

    async fn launch(
        config: EmulatorConfig,
        forwarder: Option<Arc<dyn Forwarder>>,
    ) -> anyhow::Result<Emulator> {
        let EmulatorConfig {
            listen,
            registry,
            faults,
        } = config;
        if !listen.ip().is_loopback() {
            anyhow::bail!(
                "refusing to listen on {listen}: the emulator accepts the test credentials it \
                 registers, so it serves only loopback addresses (127.0.0.1 or [::1])"
            );
        }
        let (listener, addr) = bind(listen, "the emulator", "the emulator's address").await?;
        let (stop, shutdown) = watch::channel(false);
        let shared = Arc::new(Shared {
            registry,
            faults: Mutex::new(faults::Faults::new(faults)),
            pushes: Mutex::new(push_log::PushLog::new(DEFAULT_KEEP)),
            vivo: Mutex::new(vivo::State::default()),
            oppo: Mutex::new(oppo::State::default()),
            huawei: Mutex::new(huawei::State::default()),
            honor: Mutex::new(honor::State::default()),
            tim: Mutex::new(tim::State::default()),
            forwarder,
            addr,
            apns: Mutex::new(apns::State::default()),
            fcm: Mutex::new(fcm::State::default()),
            shutdown: shutdown.clone(),
        });
        let app = TABLE
            .iter()
            .fold(Router::new(), |app, emulated| {
                app.nest(&format!("/{}", emulated.vendor.id()), (emulated.routes)())
            })
            // APNs' second environment (`/apns` is production).
            .nest("/apns-sandbox", apns::sandbox_routes())
            .layer(axum::middleware::from_fn_with_state(
                shared.clone(),
                faults::apply,
            ))
            .with_state(shared.clone());
        let mut signal = shutdown;
        let server = axum::serve(
            Loopback(listener),
            app.clone()
                .into_make_service_with_connect_info::<ConnHandle>(),
        )
        .with_graceful_shutdown(async move { wait_for_shutdown(&mut signal).await });
        let server = tokio::spawn(async move {
            // Serving only ends with an error the emulator cannot report anywhere useful; the
            // client sees its connections fail.
            let _ended = server.await;
        });
        Ok(Emulator {
            addr,
            shared,
            stop,
            server,
            app,
            tls_servers: Vec::new(),
            tls: None,
        })
    }

    /// Serves the same routes over TLS on `listen` (loopback only), with HTTP/2 by ALPN and a
    /// certificate made now; returns the address and the CA (PEM) a client must trust. APNs
    /// certificate auth needs this: a client certificate exists only in a TLS handshake.
    pub async fn serve_tls(&mut self, listen: SocketAddr) -> anyhow::Result<TlsEndpoint> {
        let (listener, addr, config, ca_pem) = self.bind_tls(listen, "TLS").await?;
        let acceptor = tokio_rustls::TlsAcceptor::from(config);
        let mut signal = self.shared.shutdown.clone();
        let server = axum::serve(
            tls::TlsLoopback { listener, acceptor },
            self.app
                .clone()
                .into_make_service_with_connect_info::<ConnHandle>(),
        )
        .with_graceful_shutdown(async move { wait_for_shutdown(&mut signal).await });
        self.tls_servers.push(tokio::spawn(async move {
            let _ended = server.await;
        }));
        Ok(TlsEndpoint { addr, ca_pem })
    }

    /// Serves APNs's `environment` at the root of `listen` (loopback only), as Apple's host for
    /// it does: `POST /3/device/<token>`, TLS (the CA of [`Emulator::serve_tls`]) and h2c on the
    /// same port. Returns the address and the CA (PEM) a TLS client must trust.
    pub async fn serve_apns(
        &mut self,
        listen: SocketAddr,
        environment: ApnsEnvironment,
    ) -> anyhow::Result<TlsEndpoint> {
        let (listener, addr, config, ca_pem) = self.bind_tls(listen, "APNs").await?;
        let listener = apns::RootListener::start(
            listener,
            addr,
            tokio_rustls::TlsAcceptor::from(config),
            self.shared.shutdown.clone(),
        );
        let prefix = environment.prefix();
        let service = tower::ServiceExt::map_request(self.app.clone(), move |request| {
            apns::under_prefix(request, prefix)
        });
        let mut signal = self.shared.shutdown.clone();
        let server = axum::serve(
            listener,
            axum::ServiceExt::<axum::extract::Request>::into_make_service_with_connect_info::<
                ConnHandle,
            >(service),
        )
        .with_graceful_shutdown(async move { wait_for_shutdown(&mut signal).await });
        self.tls_servers.push(tokio::spawn(async move {
            let _ended = server.await;
        }));
        Ok(TlsEndpoint { addr, ca_pem })
    }

    /// Binds a TLS port (loopback only; `what` names it in errors) and gives the TLS
    /// configuration and CA every TLS port shares.
    async fn bind_tls(
        &mut self,
        listen: SocketAddr,
        what: &str,
    ) -> anyhow::Result<(
        TcpListener,
        SocketAddr,
        Arc<tokio_rustls::rustls::ServerConfig>,
        String,
    )> {
        if !listen.ip().is_loopback() {
            anyhow::bail!(
                "refusing to listen on {listen}: the emulator serves only loopback addresses"
            );
        }
        let (config, ca_pem) = self.tls_config()?;
        let port = format!("the emulator's {what} port");
        let address = format!("the emulator's {what} address");
        let (listener, addr) = bind(listen, &port, &address).await?;
        Ok((listener, addr, config, ca_pem))
    }

    /// The TLS configuration every TLS port serves, made at the first.
    fn tls_config(&mut self) -> anyhow::Result<(Arc<tokio_rustls::rustls::ServerConfig>, String)> {
        if let Some(made) = &self.tls {
            return Ok(made.clone());
        }
        let (config, ca_pem) = tls::server_config()?;
        let made = (Arc::new(config), ca_pem);
        self.tls = Some(made.clone());
        Ok(made)
    }

    /// The address it listens on (with the real port when the config said 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to configure for a vendor, e.g. `http://127.0.0.1:PORT/vivo`. Only the
    /// vendors in [`EMULATED_VENDORS`] answer there. For APNs it is production; the sandbox is
    /// the same URL with `-sandbox` (`http://127.0.0.1:PORT/apns-sandbox`).
    pub fn base_url(&self, vendor: Vendor) -> String {
        format!("http://{}/{}", self.addr, vendor.id())
    }

    /// The pushes accepted so far, in order: the last [`DEFAULT_KEEP`] (see [`Emulator::keep`]).
    /// A de-duplicated retry is not a new push.
    pub fn pushes(&self) -> Vec<RecordedPush> {
        lock(&self.shared.pushes).kept()
    }

    /// Keeps the last `keep` accepted pushes whole from now on (0: none); every push is still
    /// counted ([`Emulator::push_counts`]).
    pub fn keep(&self, keep: usize) {
        lock(&self.shared.pushes).set_keep(keep);
    }

    /// How many pushes were accepted, in all and per vendor, and how many are kept.
    pub fn push_counts(&self) -> PushCounts {
        lock(&self.shared.pushes).counts()
    }

    /// The kept pushes numbered `from` and later (the first accepted is 0), and how many after
    /// `from` were already forgotten: what a log reads without copying the whole record.
    pub fn pushes_since(&self, from: u64) -> (Vec<RecordedPush>, u64) {
        lock(&self.shared.pushes).since(from)
    }

    /// What Tencent IM did with each message it accepted, in order: the vendor push it made
    /// (and the vendor's answer), or why it made none.
    pub fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.shared.tim).deliveries()
    }

    /// Every offline push Tencent IM made to a device (a message's or a batch's), oldest first,
    /// with its PushID and hops: the last 10 000 are kept.
    pub fn push_records(&self) -> Vec<PushRecord> {
        lock(&self.shared.tim).push_records()
    }

    /// Stops accepting, ends held (timed-out) requests, and waits up to 5 s for the server.
    pub async fn shutdown(self) {
        let Emulator {
            stop,
            server,
            tls_servers,
            ..
        } = self;
        stop.send_replace(true);
        for tls in tls_servers {
            let abort = tls.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), tls)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
        let abort = server.abort_handle();
        if tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .is_err()
        {
            abort.abort();
        }
    }
}

/// Locks a mutex; a panic in another handler does not make the state unusable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Resolves once the emulator shuts down or is dropped.
async fn wait_for_shutdown(shutdown: &mut watch::Receiver<bool>) {
    // An error means the sender is gone: the emulator was dropped, which is a shutdown too.
    let _stopped = shutdown.wait_for(|stopped| *stopped).await;
}

/// The listener: a TCP listener whose connections the fault middleware can reset.
struct Loopback(TcpListener);

impl Listener for Loopback {
    type Io = goaway::GoawayIo<ConnIo>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, SocketAddr) {
        loop {
            match self.0.accept().await {
                Ok((stream, addr)) => {
                    return (goaway::GoawayIo::new(ConnIo::new(stream)), addr);
                }
                // Out of file descriptors and the like: wait and try again, as axum does.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

/// A connection that fails every read and write once killed, closing with a TCP reset.
struct ConnIo {
    stream: TcpStream,
    kill: Arc<AtomicBool>,
    /// Unique for the emulator's lifetime, never reused (see [`ConnHandle::id`]).
    id: u64,
}

/// The next connection's id.
static NEXT_CONNECTION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl ConnIo {
    fn new(stream: TcpStream) -> ConnIo {
        ConnIo {
            stream,
            kill: Arc::default(),
            id: NEXT_CONNECTION.fetch_add(1, Ordering::Relaxed),
        }
    }
}

/// The handle on a connection that handlers get as `ConnectInfo`: its kill switch, its GOAWAY
/// switch and, over TLS, the client certificate (DER) the client presented.
#[derive(Clone, Debug)]
struct ConnHandle {
    kill: Arc<AtomicBool>,
    goaway: Arc<goaway::GoawaySwitch>,
    peer: Option<Arc<Vec<u8>>>,
    id: u64,
}

impl ConnHandle {
    /// The connection closes with a reset and the response is never written.
    fn kill(&self) {
        self.kill.store(true, Ordering::SeqCst);
    }

    /// Sends GOAWAY excluding the newest stream, then closes; false when not HTTP/2.
    fn goaway(&self) -> bool {
        self.goaway.request()
    }

    /// The connection's id (APNs tracks provider tokens per connection). A counter, not an
    /// address: a freed connection's memory is reused by the next one, which then inherited
    /// the closed connection's token and drew a false 429 TooManyProviderTokenUpdates.
    fn id(&self) -> u64 {
        self.id
    }
}

impl Connected<IncomingStream<'_, Loopback>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, Loopback>) -> Self {
        ConnHandle {
            kill: stream.io().get_ref().kill.clone(),
            goaway: stream.io().switch.clone(),
            peer: None,
            id: stream.io().get_ref().id,
        }
    }
}

impl ConnIo {
    fn killed<T>(&self) -> Option<Poll<io::Result<T>>> {
        if !self.kill.load(Ordering::SeqCst) {
            return None;
        }
        // Linger 0: dropping the socket sends RST instead of FIN.
        let _ = self.stream.set_zero_linger();
        Some(Poll::Ready(Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "emulated fault: connection reset",
        ))))
    }
}

impl AsyncRead for ConnIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(failed) = self.killed() {
            return failed;
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for ConnIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Some(failed) = self.killed() {
            return failed;
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if let Some(failed) = self.killed() {
            return failed;
        }
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        if let Some(failed) = self.killed() {
            return failed;
        }
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        if let Some(failed) = self.killed() {
            return failed;
        }
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Binds `listen`; the errors name `port` and its `address`.
async fn bind(
    listen: SocketAddr,
    port: &str,
    address: &str,
) -> anyhow::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("binding {port} to {listen}"))?;
    let addr = listener
        .local_addr()
        .with_context(|| format!("reading {address}"))?;
    Ok((listener, addr))
}
