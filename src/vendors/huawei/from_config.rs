//! Building the Huawei client from the configuration: `[huawei]` app-id, app-secret, category,
//! api-version and project-id, or under `--emulated` with none configured, the emulator's built-in app.

use std::collections::BTreeMap;

use crate::config::{Config, Section};
use crate::emulator;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{AppSpec, Builtin, Hint, Needs, ResolvedApp};
use crate::vendors::huawei;

/// The Huawei app: the AppID and AppSecret are the OAuth client id and secret (vendors-cn.md
/// §4.2-4.3); `category` is sent as `android.category` when set.
const APP: AppSpec = AppSpec {
    vendor: Vendor::Huawei,
    needs: &[Needs::Key("app-id"), Needs::Secret],
    builtin: Builtin {
        id: emulator::BUILTIN_HUAWEI_APP_ID,
        values: &[("app-id", emulator::BUILTIN_HUAWEI_APP_ID)],
        secret: emulator::BUILTIN_HUAWEI_APP_SECRET,
        hint: Hint::Examples("Huawei apps"),
    },
};

pub fn resolve(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Huawei;
    let v2 = config
        .text(section, "api-version")
        .is_some_and(|v| v.value.trim() == "v2");
    let project_id = config.trimmed(section, "project-id");
    // api-version = "v2" sends to the project (vendors-cn.md §4.1).
    let also = [("project-id", v2 && project_id.is_none())];
    APP.resolve(config, env, (emulated, dry_run), &also, |app| {
        let v2_project_id = if app.builtin {
            v2.then(|| emulator::BUILTIN_HUAWEI_PROJECT_ID.to_owned())
        } else {
            project_id.filter(|_| v2)
        };
        Ok(Credentials::Huawei(huawei::AppCredentials {
            app_id: app.value("app-id"),
            app_secret: app.secret()?,
            category: config.trimmed(section, "category"),
            v2_project_id,
        }))
    })
}
