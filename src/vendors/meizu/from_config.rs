//! Building the Meizu client from the configuration: `[meizu]` app-id and app-secret, or under
//! `--emulated` with none configured, the emulator's built-in app.

use crate::emulator;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{AppSpec, Builtin, Hint, Needs};
use crate::vendors::meizu;

/// The Meizu app: the AppId goes in every request and the AppSecret signs it (vendors-cn.md
/// §5.1-5.2); the AppKey is the client's.
#[rustfmt::skip] // data: one fact a line
pub static APP: AppSpec = AppSpec::new(
    Vendor::Meizu,
    &[Needs::Key("app-id"), Needs::Secret],
    Builtin::new(Hint::One("Meizu app"), emulator::BUILTIN_MEIZU_APP_ID, &[("app-id", emulator::BUILTIN_MEIZU_APP_ID)], emulator::BUILTIN_MEIZU_APP_SECRET),
    |app, _| Ok(Credentials::Meizu(meizu::AppCredentials { app_id: app.value("app-id"), app_secret: app.secret()? })),
);
