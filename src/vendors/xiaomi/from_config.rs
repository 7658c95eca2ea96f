//! Building the Xiaomi client from the configuration: the top-level `package`, `[xiaomi]`
//! app-secret and channel-id, or under `--emulated` with none configured, the emulator's built-in app.

use crate::config::Section;
use crate::emulator;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{AppSpec, Builtin, Hint, Needs};
use crate::vendors::xiaomi;

/// The Xiaomi app: the AppSecret authorises every request and the top-level `package` is
/// `restricted_package_name` (vendors-cn.md §3.1); AppID and AppKey are the client's.
#[rustfmt::skip] // data: one fact a line
pub static APP: AppSpec = AppSpec::new(
    Vendor::Xiaomi,
    &[Needs::Root("package"), Needs::Secret],
    Builtin::new(Hint::Examples("Xiaomi apps"), emulator::BUILTIN_XIAOMI_APP_ID, &[("package", emulator::BUILTIN_XIAOMI_PACKAGE)], emulator::BUILTIN_XIAOMI_APP_SECRET),
    |app, config| Ok(Credentials::Xiaomi(xiaomi::AppCredentials {
        app_secret: app.secret()?,
        package: app.value("package"),
        channel_id: config.trimmed(Section::Xiaomi, "channel-id"),
    })),
);
