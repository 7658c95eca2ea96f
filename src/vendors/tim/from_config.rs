//! Building the Tencent IM client from the configuration: `[tim]` sdk-app-id, secret-key and
//! admin, or under `--emulated` with none configured, the emulator's built-in IM app.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendors::from_config::{require, take_secret};
use crate::vendors::tim::AppCredentials;

/// The resolved `[tim]` app.
pub struct TimApp {
    pub credentials: AppCredentials,
    /// `--emulated` with no `[tim]` credentials: the emulator's built-in IM app.
    pub builtin: bool,
    /// Only for `--dry-run`: the secret key's source gave nothing.
    pub secret_missing: bool,
}

/// The `[tim]` app from the config, or under `--emulated` with none configured, the emulator's.
pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<TimApp> {
    let section = Section::Tim;
    let text = |key: &str| config.trimmed(section, key);
    let (sdk_app_id, admin) = (text("sdk-app-id"), text("admin"));
    if emulated
        && sdk_app_id.is_none()
        && admin.is_none()
        && config.setting(section, "secret-key").is_none()
    {
        return Ok(TimApp {
            credentials: AppCredentials {
                sdk_app_id: emulator::BUILTIN_TIM_SDK_APP_ID.parse()?,
                secret_key: Secret::new(emulator::BUILTIN_TIM_SECRET_KEY),
                admin: emulator::BUILTIN_TIM_ADMIN.to_owned(),
            },
            builtin: true,
            secret_missing: false,
        });
    }
    let secret = config.secret(section, "secret-key", env);
    require(
        config,
        section,
        &[
            ("sdk-app-id", sdk_app_id.is_none()),
            ("secret-key", secret.is_none()),
            ("admin", admin.is_none()),
        ],
    )?;
    let id_text = sdk_app_id.unwrap_or_default();
    let sdk_app_id: u64 = id_text.parse().map_err(|_| {
        anyhow::anyhow!("`tim.sdk-app-id` is \"{id_text}\", but an SDKAppID is an integer")
    })?;
    let (secret_key, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in IM app {} expects {}",
            emulator::BUILTIN_TIM_SDK_APP_ID,
            emulator::BUILTIN_TIM_SECRET_KEY
        )
    })?;
    Ok(TimApp {
        credentials: AppCredentials {
            sdk_app_id,
            secret_key,
            admin: admin.unwrap_or_default(),
        },
        builtin: false,
        secret_missing,
    })
}
