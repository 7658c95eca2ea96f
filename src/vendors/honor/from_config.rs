//! Building the Honor client from the configuration: `[honor]` app-id, client-id and
//! client-secret, or under `--emulated` with none configured, the emulator's built-in app.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{require, take_secret, ResolvedApp};
use crate::vendors::honor;

/// The Honor app: the App ID names the app in the send URL, the Client ID and Secret are the
/// OAuth client (vendors-cn.md §6.1-6.2).
pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Honor;
    let text = |key: &str| config.trimmed(section, key);
    let (app_id, client_id) = (text("app-id"), text("client-id"));
    if emulated
        && app_id.is_none()
        && client_id.is_none()
        && config.setting(section, "client-secret").is_none()
    {
        return Ok(ResolvedApp::builtin(
            Credentials::Honor(honor::AppCredentials {
                app_id: emulator::BUILTIN_HONOR_APP_ID.to_owned(),
                client_id: emulator::BUILTIN_HONOR_CLIENT_ID.to_owned(),
                client_secret: Secret::new(emulator::BUILTIN_HONOR_CLIENT_SECRET),
            }),
            emulator::BUILTIN_HONOR_APP_ID.to_owned(),
        ));
    }
    let secret = config.secret(section, "client-secret", env);
    require(
        config,
        section,
        &[
            ("app-id", app_id.is_none()),
            ("client-id", client_id.is_none()),
            ("client-secret", secret.is_none()),
        ],
    )?;
    let (client_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in Honor app {} expects {}",
            emulator::BUILTIN_HONOR_APP_ID,
            emulator::BUILTIN_HONOR_CLIENT_SECRET
        )
    })?;
    Ok(ResolvedApp::configured(
        Credentials::Honor(honor::AppCredentials {
            app_id: app_id.unwrap_or_default(),
            client_id: client_id.unwrap_or_default(),
            client_secret,
        }),
        secret_missing,
    ))
}
