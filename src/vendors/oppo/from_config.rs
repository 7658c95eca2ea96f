//! Building the OPPO client from the configuration: `[oppo]` app-key, master-secret and
//! channel-id, or under `--emulated` with none configured, the emulator's built-in app.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{require, take_secret, ResolvedApp};
use crate::vendors::oppo;

/// The OPPO app: AppKey and MasterSecret sign the auth (vendors-cn.md §2.1); the AppId and the
/// client's AppSecret are not used by the server API.
pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Oppo;
    let app_key = config.text(section, "app-key").map(|v| v.value);
    let channel_id = config.trimmed(section, "channel-id");
    if emulated && app_key.is_none() && config.setting(section, "master-secret").is_none() {
        return Ok(ResolvedApp::builtin(
            Credentials::Oppo(oppo::AppCredentials {
                app_key: emulator::BUILTIN_OPPO_APP_KEY.to_owned(),
                master_secret: Secret::new(emulator::BUILTIN_OPPO_MASTER_SECRET),
                channel_id,
            }),
            emulator::BUILTIN_OPPO_APP_ID.to_owned(),
        ));
    }
    let secret = config.secret(section, "master-secret", env);
    require(
        config,
        section,
        &[
            ("app-key", app_key.is_none()),
            ("master-secret", secret.is_none()),
        ],
    )?;
    let (master_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in OPPO apps (those of examples/) expect {}",
            emulator::BUILTIN_OPPO_MASTER_SECRET
        )
    })?;
    Ok(ResolvedApp::configured(
        Credentials::Oppo(oppo::AppCredentials {
            app_key: app_key.unwrap_or_default(),
            master_secret,
            channel_id,
        }),
        secret_missing,
    ))
}
