//! Building the vivo client from the configuration: `[vivo]` app-id, app-key, app-secret, or
//! under `--emulated` with none configured, the emulator's built-in app.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{require, take_secret, ResolvedApp};
use crate::vendors::vivo;

pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Vivo;
    let app_id = config.text(section, "app-id").map(|v| v.value);
    let app_key = config.text(section, "app-key").map(|v| v.value);
    if emulated
        && app_id.is_none()
        && app_key.is_none()
        && config.setting(section, "app-secret").is_none()
    {
        return Ok(ResolvedApp::builtin(
            Credentials::Vivo(vivo::AppCredentials {
                app_id: emulator::BUILTIN_VIVO_APP_ID.parse()?,
                app_key: emulator::BUILTIN_VIVO_APP_KEY.to_owned(),
                app_secret: Secret::new(emulator::BUILTIN_VIVO_APP_SECRET),
            }),
            emulator::BUILTIN_VIVO_APP_ID.to_owned(),
        ));
    }
    let secret = config.secret(section, "app-secret", env);
    require(
        config,
        section,
        &[
            ("app-id", app_id.is_none()),
            ("app-key", app_key.is_none()),
            ("app-secret", secret.is_none()),
        ],
    )?;
    let app_id_text = app_id.unwrap_or_default();
    let app_id: u64 = app_id_text.trim().parse().map_err(|_| {
        anyhow::anyhow!("`vivo.app-id` is \"{app_id_text}\", but a vivo AppID is an integer")
    })?;
    let (app_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in apps (those of examples/) expect {}",
            emulator::BUILTIN_VIVO_APP_SECRET
        )
    })?;
    Ok(ResolvedApp::configured(
        Credentials::Vivo(vivo::AppCredentials {
            app_id,
            app_key: app_key.unwrap_or_default(),
            app_secret,
        }),
        secret_missing,
    ))
}
