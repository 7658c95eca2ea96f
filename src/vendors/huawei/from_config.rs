//! Building the Huawei client from the configuration: `[huawei]` app-id, app-secret, category,
//! api-version and project-id, or under `--emulated` with none configured, the emulator's built-in app.

use crate::config::{Config, Section};
use crate::emulator;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{AppSpec, Builtin, Hint, Needs};
use crate::vendors::huawei;

/// The Huawei app: the AppID and AppSecret are the OAuth client id and secret (vendors-cn.md
/// §4.2-4.3); `category` is sent as `android.category` when set.
#[rustfmt::skip] // data: one fact a line
pub static APP: AppSpec = AppSpec::new(
    Vendor::Huawei,
    // api-version = "v2" sends to the project (vendors-cn.md §4.1).
    &[Needs::Key("app-id"), Needs::Secret, Needs::When("project-id", api_v2)],
    Builtin::new(Hint::Examples("Huawei apps"), emulator::BUILTIN_HUAWEI_APP_ID, &[("app-id", emulator::BUILTIN_HUAWEI_APP_ID), ("project-id", emulator::BUILTIN_HUAWEI_PROJECT_ID)], emulator::BUILTIN_HUAWEI_APP_SECRET),
    |app, config| Ok(Credentials::Huawei(huawei::AppCredentials {
        app_id: app.value("app-id"),
        app_secret: app.secret()?,
        category: config.trimmed(Section::Huawei, "category"),
        v2_project_id: api_v2(config).then(|| app.value("project-id")),
    })),
);

/// `api-version = "v2"`: pushes go to the project (`project-id`) rather than the app.
fn api_v2(config: &Config) -> bool {
    config
        .text(Section::Huawei, "api-version")
        .is_some_and(|v| v.value.trim() == "v2")
}
