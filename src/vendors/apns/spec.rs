//! APNs' declarative spec: token auth (key file, key id, team id) or certificate auth, and a
//! business ID per environment (`apns-fcm-tim.md` A.3, A.4, D.11), checked by `offline.rs`
//! rather than as plain credentials. The endpoint's default depends on `environment`
//! ([`super::default_endpoint`]); no test mode (the sandbox is another environment, not a mode).

use crate::config::schema::ENVIRONMENTS;
use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, DryRun, Init, InitSection, Key, Resolve, Spec, TestMode, ENDPOINT, TEST_DEVICES,
};

pub const SPEC: Spec = Spec {
    vendor: Vendor::Apns,
    keys: &[
        Key::new(
            "business-id-development",
            Kind::Id,
            "the IM console certificate ID for the development environment",
        )
        .init(Init::Blank),
        Key::new(
            "business-id-production",
            Kind::Id,
            "the IM console certificate ID for the production environment",
        )
        .init(Init::Blank),
        Key::new(
            "bundle-id",
            Kind::Text,
            "the iOS bundle id (default: package)",
        )
        .init(Init::Blank),
        Key::new(
            "environment",
            Kind::OneOf(ENVIRONMENTS),
            "the APNs environment the app is built for",
        )
        .init(Init::Blank),
        Key::new(
            "key-file",
            Kind::Path,
            "token auth: the AuthKey_<KEYID>.p8 file",
        )
        .init(Init::Value("\"AuthKey_KEYID.p8\"")),
        Key::new(
            "key-id",
            Kind::Text,
            "token auth: the key's 10-character id",
        )
        .init(Init::Blank),
        Key::new(
            "team-id",
            Kind::Text,
            "token auth: the 10-character Apple team id",
        )
        .init(Init::Blank),
        Key::new(
            "certificate",
            Kind::Path,
            "certificate auth: the .p12 (or .pem) file",
        ),
        Key::new(
            "certificate-password",
            Kind::Secret,
            "certificate auth: the .p12 password",
        ),
        Key::new(
            "expiry-warning-days",
            Kind::Integer,
            "warn this many days before the certificate expires (default 30)",
        ),
        Key::new(
            "ca-file",
            Kind::Path,
            "a CA certificate (PEM) to trust for the endpoint, e.g. the emulator's self-signed one",
        ),
        TEST_DEVICES,
        ENDPOINT,
    ],
    server_client_pairs: &[],
    endpoints: &[],
    secret: "key-file",
    test_mode: TestMode::NotApplicable,
    // The provider token is signed with the key file; the certificate is the TLS identity.
    masked: &["key-file", "certificate", "certificate-password"],
    dry_run: DryRun {
        // The provider token is signed per run; the .p8 key never leaves the machine.
        note: "the signing key is never shown, the provider token (authorization) is masked",
        signed: "sign",
    },
    resolve: Some(Resolve::Own(|config, env, emulated, _| {
        super::from_config::resolve(config, env, emulated, false)
    })),
    builtin_device: Some(crate::emulator::BUILTIN_APNS_SANDBOX_DEVICE),
    flutter_click: false,
    android_permissions: &[],
    checklist: checklist!("apns"),
    init: Some(InitSection {
        place: 6,
        active: |facts| facts.layouts.contains(&crate::project::Layout::Ios),
    }),
};
