//! Building the vivo client from the configuration: `[vivo]` app-id, app-key, app-secret, or
//! under `--emulated` with none configured, the emulator's built-in app.

use crate::emulator;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{AppSpec, Builtin, Hint, Needs};
use crate::vendors::vivo;

/// The vivo app: AppID, AppKey and AppSecret sign the auth (vendors-cn.md §1.1), taken as
/// written (the AppID is trimmed to parse it).
#[rustfmt::skip] // data: one fact a line
pub static APP: AppSpec = AppSpec::new(
    Vendor::Vivo,
    &[Needs::Verbatim("app-id"), Needs::Verbatim("app-key"), Needs::Secret],
    Builtin::new(Hint::Examples("apps"), emulator::BUILTIN_VIVO_APP_ID, &[("app-id", emulator::BUILTIN_VIVO_APP_ID), ("app-key", emulator::BUILTIN_VIVO_APP_KEY)], emulator::BUILTIN_VIVO_APP_SECRET),
    |app, _| Ok(Credentials::Vivo(vivo::AppCredentials {
        app_id: app.integer("app-id", "a vivo AppID")?,
        app_key: app.value("app-key"),
        app_secret: app.secret()?,
    })),
);
