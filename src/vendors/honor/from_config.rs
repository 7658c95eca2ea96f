//! Building the Honor client from the configuration: `[honor]` app-id, client-id and
//! client-secret, or under `--emulated` with none configured, the emulator's built-in app.

use crate::emulator;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{AppSpec, Builtin, Hint, Needs};
use crate::vendors::honor;

/// The Honor app: the App ID names the app in the send URL, the Client ID and Secret are the
/// OAuth client (vendors-cn.md §6.1-6.2).
#[rustfmt::skip] // data: one fact a line
pub static APP: AppSpec = AppSpec::new(
    Vendor::Honor,
    &[Needs::Key("app-id"), Needs::Key("client-id"), Needs::Secret],
    Builtin::new(Hint::One("Honor app"), emulator::BUILTIN_HONOR_APP_ID, &[("app-id", emulator::BUILTIN_HONOR_APP_ID), ("client-id", emulator::BUILTIN_HONOR_CLIENT_ID)], emulator::BUILTIN_HONOR_CLIENT_SECRET),
    |app, _| Ok(Credentials::Honor(honor::AppCredentials {
        app_id: app.value("app-id"),
        client_id: app.value("client-id"),
        client_secret: app.secret()?,
    })),
);
