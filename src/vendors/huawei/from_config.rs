//! Building the Huawei client from the configuration: `[huawei]` app-id, app-secret, category,
//! api-version and project-id, or under `--emulated` with none configured, the emulator's built-in app.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{require, take_secret, ResolvedApp};
use crate::vendors::huawei;

/// The Huawei app: the AppID and AppSecret are the OAuth client id and secret (vendors-cn.md
/// §4.2-4.3); `category` is sent as `android.category` when set.
pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Huawei;
    let app_id = config.trimmed(section, "app-id");
    let category = config.trimmed(section, "category");
    let v2 = config
        .text(section, "api-version")
        .is_some_and(|v| v.value.trim() == "v2");
    let project_id = config.trimmed(section, "project-id");
    if emulated && app_id.is_none() && config.setting(section, "app-secret").is_none() {
        return Ok(ResolvedApp::builtin(
            Credentials::Huawei(huawei::AppCredentials {
                app_id: emulator::BUILTIN_HUAWEI_APP_ID.to_owned(),
                app_secret: Secret::new(emulator::BUILTIN_HUAWEI_APP_SECRET),
                category,
                v2_project_id: v2.then(|| emulator::BUILTIN_HUAWEI_PROJECT_ID.to_owned()),
            }),
            emulator::BUILTIN_HUAWEI_APP_ID.to_owned(),
        ));
    }
    let secret = config.secret(section, "app-secret", env);
    require(
        config,
        section,
        &[
            ("app-id", app_id.is_none()),
            ("app-secret", secret.is_none()),
            // api-version = "v2" sends to the project (vendors-cn.md §4.1).
            ("project-id", v2 && project_id.is_none()),
        ],
    )?;
    let (app_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in Huawei apps (those of examples/) expect {}",
            emulator::BUILTIN_HUAWEI_APP_SECRET
        )
    })?;
    Ok(ResolvedApp::configured(
        Credentials::Huawei(huawei::AppCredentials {
            app_id: app_id.unwrap_or_default(),
            app_secret,
            category,
            v2_project_id: project_id.filter(|_| v2),
        }),
        secret_missing,
    ))
}
