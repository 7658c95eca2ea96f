//! Building the OPPO client from the configuration: `[oppo]` app-key, master-secret and
//! channel-id, or under `--emulated` with none configured, the emulator's built-in app.

use crate::config::Section;
use crate::emulator;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{AppSpec, Builtin, Hint, Needs};
use crate::vendors::oppo;

/// The OPPO app: AppKey and MasterSecret sign the auth (vendors-cn.md §2.1); the AppId and the
/// client's AppSecret are not used by the server API. The AppKey is taken as written.
#[rustfmt::skip] // data: one fact a line
pub static APP: AppSpec = AppSpec::new(
    Vendor::Oppo,
    &[Needs::Verbatim("app-key"), Needs::Secret],
    Builtin::new(Hint::Examples("OPPO apps"), emulator::BUILTIN_OPPO_APP_ID, &[("app-key", emulator::BUILTIN_OPPO_APP_KEY)], emulator::BUILTIN_OPPO_MASTER_SECRET),
    |app, config| Ok(Credentials::Oppo(oppo::AppCredentials {
        app_key: app.value("app-key"),
        master_secret: app.secret()?,
        channel_id: config.trimmed(Section::Oppo, "channel-id"),
    })),
);
