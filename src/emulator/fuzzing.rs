//! The fuzz targets' entries into the emulator (`crate::fuzzing` lists them): a request to any
//! vendor's endpoint, answered by the same routes the emulator serves, in process.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Method, Request, Version};
use tokio::sync::watch;
use tower::ServiceExt as _;

use super::{routes, Registry, Shared, TABLE};
use crate::secret::Secret;
use crate::vendor::Vendor;

/// The path of every endpoint the emulator serves (APNs under both environments), with the
/// built-in device and project in place of their placeholders.
fn endpoints() -> Vec<(Vendor, String)> {
    let mut out = Vec::new();
    for emulated in TABLE {
        for endpoint in emulated.endpoints {
            let path = endpoint
                .replace("{token}", super::BUILTIN_APNS_PRODUCTION_DEVICE)
                .replace("{project}", super::BUILTIN_FCM_PROJECT_ID);
            out.push((emulated.vendor, format!("/{}/{path}", emulated.vendor.id())));
            if emulated.vendor == Vendor::Apns {
                out.push((Vendor::Apns, format!("/apns-sandbox/{path}")));
            }
        }
    }
    out
}

/// One request: the first byte picks the endpoint, the second how the body is sent (bit 0: as a
/// form, else JSON; bit 1: the lines up to the first blank line are `Name: value` headers); the
/// rest is the body. Each request meets a fresh emulator with the built-in registry, so a
/// crash reproduces from its input alone.
pub fn request(data: &[u8]) {
    let [pick, how, rest @ ..] = data else {
        return;
    };
    let endpoints = endpoints();
    let (vendor, path) = &endpoints[usize::from(*pick) % endpoints.len()];
    let (headers, body) = match how & 2 != 0 {
        true => match memchr::memmem::find(rest, b"\n\n") {
            Some(at) => (&rest[..at], &rest[at + 2..]),
            None => (rest, &[][..]),
        },
        false => (&[][..], rest),
    };
    let content_type = match how & 1 != 0 {
        true => "application/x-www-form-urlencoded",
        false => "application/json",
    };
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(path.as_str())
        .header(header::CONTENT_TYPE, content_type);
    if *vendor == Vendor::Apns {
        builder = builder.version(Version::HTTP_2);
    }
    for line in String::from_utf8_lossy(headers).lines() {
        if let Some((name, value)) = line.split_once(':') {
            builder = builder.header(name.trim(), value.trim());
        }
    }
    // A header the fuzzer wrote that HTTP does not allow cannot reach the emulator either.
    let Ok(request) = builder.body(Body::from(body.to_vec())) else {
        return;
    };
    let (_stop, shutdown) = watch::channel(false);
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 9));
    // Made once: building the built-in apps (their keys) would cost more than the request.
    static BUILTIN: OnceLock<Registry> = OnceLock::new();
    let registry = BUILTIN.get_or_init(Registry::builtin).clone();
    let shared = Shared::new(registry, Vec::new(), None, addr, shutdown);
    let app = routes(&shared);
    RUNTIME.with(|runtime| {
        runtime.block_on(async {
            let Ok(response) = app.oneshot(request).await;
            let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await;
        });
    });
}

thread_local! {
    static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime for the emulator fuzz target");
}

/// The emulator's UserSig reader, and its check with the claims' own app, user and time (so the
/// expiry arithmetic and the HMAC run on every decodable input).
pub fn usersig(text: &str) {
    if let Ok(claims) = super::usersig::open(text) {
        let key = Secret::new(super::BUILTIN_TIM_SECRET_KEY);
        let _ = super::usersig::check(
            text,
            &key,
            claims.sdk_app_id,
            &claims.identifier,
            claims.time,
        );
    }
}
