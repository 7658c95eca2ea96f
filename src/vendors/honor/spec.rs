//! Honor's declarative spec: App ID, Client ID and Client Secret (`vendors-cn.md` §6.1); the API
//! at [`super::DEFAULT_ENDPOINT`] and the OAuth server at [`super::DEFAULT_AUTH_ENDPOINT`]; a test
//! mode (test messages) unless `--production`. `pushdiag init` leaves it out.

use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, shapes, Format, Key, Resolve, Side, Spec, TestMode, AUTH_ENDPOINT, BUSINESS_ID,
    ENDPOINT, TEST_DEVICES,
};

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = &[
    BUSINESS_ID,
    Key::id("app-id", "Honor App ID", Side::Both, Format::inferred(shapes::digits, "a number", "vendors-cn.md §6.1")),
    Key::text("client-id", "Honor Client ID", Side::Server, None),
    Key::secret("client-secret", "Honor Client Secret", Side::Server, None),
    TEST_DEVICES,
    ENDPOINT,
    AUTH_ENDPOINT,
];

pub const SPEC: Spec = Spec {
    vendor: Vendor::Honor,
    keys: KEYS,
    server_client_pairs: &[],
    endpoints: &[
        ("endpoint", super::DEFAULT_ENDPOINT),
        ("auth-endpoint", super::DEFAULT_AUTH_ENDPOINT),
    ],
    secret: "client-secret",
    test_mode: TestMode::TestDevices,
    // The token request's client_secret; the send's Bearer token is masked.
    masked: &["client-secret"],
    dry_run: crate::vendors::oauth::DRY_RUN,
    resolve: Some(Resolve::App(&super::from_config::APP)),
    builtin_device: Some(crate::emulator::BUILTIN_HONOR_DEVICE),
    flutter_click: true,
    android_permissions: &[],
    checklist: checklist!("honor"),
    init: None,
};
