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
pub static APP: AppSpec = AppSpec {
    vendor: Vendor::Xiaomi,
    needs: &[Needs::Root("package"), Needs::Secret],
    builtin: Builtin {
        id: emulator::BUILTIN_XIAOMI_APP_ID,
        values: &[("package", emulator::BUILTIN_XIAOMI_PACKAGE)],
        secret: emulator::BUILTIN_XIAOMI_APP_SECRET,
        hint: Hint::Examples("Xiaomi apps"),
    },
    build: |app, config| {
        Ok(Credentials::Xiaomi(xiaomi::AppCredentials {
            app_secret: app.secret()?,
            package: app.value("package"),
            channel_id: config.trimmed(Section::Xiaomi, "channel-id"),
        }))
    },
};
