//! Honor's declarative spec: App ID, Client ID and Client Secret (`vendors-cn.md` §6.1); the API
//! at [`super::DEFAULT_ENDPOINT`] and the OAuth server at [`super::DEFAULT_AUTH_ENDPOINT`]; a test
//! mode (test messages) unless `--production`. `pushdiag init` leaves it out.

use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, push_keys, shapes, Format, Key, Resolve, Side, Spec, TestMode, AUTH_ENDPOINT,
};

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = push_keys![
    Key::id("app-id", "Honor App ID", Side::Both, Format::inferred(shapes::digits, "a number", "vendors-cn.md §6.1")),
    Key::text("client-id", "Honor Client ID", Side::Server, None),
    Key::secret("client-secret", "Honor Client Secret", Side::Server, None),
    ; AUTH_ENDPOINT
];

// The token request's client_secret; the send's Bearer token is masked.
#[rustfmt::skip] // data: one fact a line
pub const SPEC: Spec = Spec::new(Vendor::Honor, KEYS, "client-secret", crate::vendors::oauth::DRY_RUN, checklist!("honor"))
    .endpoints(&[("endpoint", super::DEFAULT_ENDPOINT), ("auth-endpoint", super::DEFAULT_AUTH_ENDPOINT)])
    .test_mode(TestMode::TestDevices)
    .push(Resolve::App(&super::from_config::APP), crate::emulator::BUILTIN_HONOR_DEVICE)
    .flutter_click()
    .documentation("https://developer.honor.com/cn/docs/11002/reference/downlink-message");
