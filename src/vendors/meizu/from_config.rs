//! Building the Meizu client from the configuration: `[meizu]` app-id and app-secret, or under
//! `--emulated` with none configured, the emulator's built-in app.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{require, take_secret, ResolvedApp};
use crate::vendors::meizu;

/// The Meizu app: the AppId goes in every request and the AppSecret signs it (vendors-cn.md
/// §5.1-5.2); the AppKey is the client's.
pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Meizu;
    let app_id = config.trimmed(section, "app-id");
    if emulated && app_id.is_none() && config.setting(section, "app-secret").is_none() {
        return Ok(ResolvedApp::builtin(
            Credentials::Meizu(meizu::AppCredentials {
                app_id: emulator::BUILTIN_MEIZU_APP_ID.to_owned(),
                app_secret: Secret::new(emulator::BUILTIN_MEIZU_APP_SECRET),
            }),
            emulator::BUILTIN_MEIZU_APP_ID.to_owned(),
        ));
    }
    let secret = config.secret(section, "app-secret", env);
    require(
        config,
        section,
        &[
            ("app-id", app_id.is_none()),
            ("app-secret", secret.is_none()),
        ],
    )?;
    let (app_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in Meizu app {} expects {}",
            emulator::BUILTIN_MEIZU_APP_ID,
            emulator::BUILTIN_MEIZU_APP_SECRET
        )
    })?;
    Ok(ResolvedApp::configured(
        Credentials::Meizu(meizu::AppCredentials {
            app_id: app_id.unwrap_or_default(),
            app_secret,
        }),
        secret_missing,
    ))
}
