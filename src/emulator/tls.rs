//! The emulator over TLS, for APNs as Apple serves it: HTTP/2 negotiated with ALPN `h2`, and a
//! client certificate taken when the client offers one (certificate auth, `apns-fcm-tim.md` A.4).
//!
//! The server certificate is made at start: a throw-away CA ("pushdiag emulator CA") and a leaf
//! for `localhost` and `127.0.0.1` signed by it. Nothing trusts it unless told to: the CA's PEM is
//! returned so a client can add it (`[apns] ca-file`, which `pushdiag emulate --tls-ca-out`
//! writes). The client certificate is not checked against any CA in the handshake: the handshake
//! proves the client holds the certificate's key, and the APNs handler checks the certificate
//! itself (validity, Apple's environment extensions, the bundle id), as APNs answers with a
//! `reason` rather than a failed handshake for most of these.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::net::TcpListener;
use tokio_rustls::rustls;
use tokio_rustls::rustls::client::danger::HandshakeSignatureValid;
use tokio_rustls::rustls::crypto::WebPkiSupportedAlgorithms;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, UnixTime};
use tokio_rustls::rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use tokio_rustls::rustls::{DigitallySignedStruct, DistinguishedName, SignatureScheme};
use tokio_rustls::TlsAcceptor;

use super::goaway::GoawayIo;
use super::{ConnHandle, ConnIo};

/// Where the TLS endpoint listens and the CA certificate (PEM) a client must trust.
#[derive(Clone, Debug)]
pub struct TlsEndpoint {
    pub addr: SocketAddr,
    pub ca_pem: String,
}

/// The server certificate chain and key, made now.
pub(super) fn server_config() -> anyhow::Result<(rustls::ServerConfig, String)> {
    let ca_key = rcgen::KeyPair::generate().context("generating the emulator's CA key")?;
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new())?;
    ca_params.distinguished_name.push(
        rcgen::DnType::CommonName,
        "pushdiag emulator CA (loopback only)",
    );
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let issuer = rcgen::Issuer::from_params(&ca_params, &ca_key);
    let leaf_key = rcgen::KeyPair::generate()?;
    let leaf_params =
        rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])?;
    let leaf = leaf_params.signed_by(&leaf_key, &issuer)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let algorithms = provider.signature_verification_algorithms;
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS protocol versions")?
        .with_client_cert_verifier(Arc::new(AnyClientCert(algorithms)))
        .with_single_cert(
            vec![leaf.der().clone(), ca_cert.der().clone()],
            PrivateKeyDer::try_from(leaf_key.serialize_der())
                .map_err(|e| anyhow::anyhow!("the emulator's TLS key: {e}"))?,
        )
        .context("the emulator's TLS certificate")?;
    // APNs negotiates HTTP/2 with ALPN (A.1); HTTP/1.1 is offered so such a client gets APNs's
    // refusal (505) instead of a failed handshake.
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok((config, ca_cert.pem()))
}

/// Takes any client certificate, or none, after checking the handshake signature with its key.
#[derive(Debug)]
struct AnyClientCert(WebPkiSupportedAlgorithms);

impl ClientCertVerifier for AnyClientCert {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        false
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}

/// The TLS listener: the handshake happens in `accept` (loopback, so one at a time is fine).
pub(super) struct TlsLoopback {
    pub(super) listener: TcpListener,
    pub(super) acceptor: TlsAcceptor,
}

impl Listener for TlsLoopback {
    type Io = GoawayIo<tokio_rustls::server::TlsStream<ConnIo>>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, SocketAddr) {
        loop {
            let (stream, addr) = match self.listener.accept().await {
                Ok(accepted) => accepted,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let io = ConnIo::new(stream);
            // A failed handshake (an untrusting client, a port scan) only loses that connection.
            let handshake =
                tokio::time::timeout(Duration::from_secs(10), self.acceptor.accept(io)).await;
            if let Ok(Ok(tls)) = handshake {
                return (GoawayIo::new(tls), addr);
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

impl Connected<IncomingStream<'_, TlsLoopback>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, TlsLoopback>) -> Self {
        let (io, session) = stream.io().get_ref().get_ref();
        let peer = session
            .peer_certificates()
            .and_then(|certs| certs.first())
            .map(|cert| Arc::new(cert.as_ref().to_vec()));
        ConnHandle {
            kill: io.kill.clone(),
            goaway: stream.io().switch.clone(),
            peer,
            id: io.id,
        }
    }
}
