//! Honor's declarative spec: App ID, Client ID and Client Secret (`vendors-cn.md` §6.1); the API
//! at [`super::DEFAULT_ENDPOINT`] and the OAuth server at [`super::DEFAULT_AUTH_ENDPOINT`]; a test
//! mode (test messages) unless `--production`. `pushdiag init` leaves it out.

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, shapes, DryRun, Format, Init, Key, Resolve, Side, Spec, TestMode, AUTH_ENDPOINT,
    BUSINESS_ID, ENDPOINT, TEST_DEVICES,
};

pub const SPEC: Spec = Spec {
    vendor: Vendor::Honor,
    keys: &[
        BUSINESS_ID,
        Key::new("app-id", Kind::Id, "Honor App ID")
            .credential(
                Side::Both,
                Some(Format {
                    matches: shapes::digits,
                    expected: "a number",
                    inferred: true,
                    source: "vendors-cn.md §6.1",
                }),
            )
            .init(Init::Blank),
        Key::new("client-id", Kind::Text, "Honor Client ID")
            .credential(Side::Server, None)
            .init(Init::Blank),
        Key::new("client-secret", Kind::Secret, "Honor Client Secret")
            .credential(Side::Server, None)
            .init(Init::Env),
        TEST_DEVICES,
        ENDPOINT,
        AUTH_ENDPOINT,
    ],
    server_client_pairs: &[],
    endpoints: &[
        ("endpoint", super::DEFAULT_ENDPOINT),
        ("auth-endpoint", super::DEFAULT_AUTH_ENDPOINT),
    ],
    secret: "client-secret",
    test_mode: TestMode::TestDevices,
    // The token request's client_secret; the send's Bearer token is masked.
    masked: &["client-secret"],
    dry_run: DryRun {
        // OAuth client credentials: the secret is a form field, the token a Bearer header.
        note: "the app secret is never shown, client_secret and the Bearer token are masked",
        signed: "client_secret",
    },
    resolve: Some(Resolve::App(&super::from_config::APP)),
    builtin_device: Some(crate::emulator::BUILTIN_HONOR_DEVICE),
    flutter_click: true,
    android_permissions: &[],
    checklist: checklist!("honor"),
    init: None,
};
