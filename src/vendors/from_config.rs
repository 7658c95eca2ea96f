//! What every vendor's `from_config.rs` shares: the resolved app, the "cannot send" errors for
//! missing settings, and a secret that may be absent under `--dry-run`. [`resolve`] picks the
//! vendor's own resolver.

use crate::config::{self, Config, Environment, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::{apns, fcm, honor, huawei, meizu, oppo, vivo, xiaomi};

/// The app to authenticate as.
pub struct ResolvedApp {
    pub credentials: Credentials,
    /// The emulator's built-in app's id (`--emulated` with no credentials configured).
    pub builtin: Option<String>,
    /// Only for `--dry-run`: the secret's source gave nothing.
    pub secret_missing: bool,
}

impl ResolvedApp {
    /// `--emulated` with nothing configured: the emulator's built-in app `id`.
    pub fn builtin(credentials: Credentials, id: impl Into<String>) -> ResolvedApp {
        ResolvedApp {
            credentials,
            builtin: Some(id.into()),
            secret_missing: false,
        }
    }

    /// The configured app; `secret_missing` only under `--dry-run`.
    pub fn configured(credentials: Credentials, secret_missing: bool) -> ResolvedApp {
        ResolvedApp {
            credentials,
            builtin: None,
            secret_missing,
        }
    }
}

/// Resolves `vendor`'s app from the config (or the emulator's built-in app, see each resolver).
pub fn resolve(
    vendor: Vendor,
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    match vendor {
        Vendor::Oppo => oppo::from_config::resolve(config, env, emulated, dry_run),
        Vendor::Xiaomi => xiaomi::from_config::resolve(config, env, emulated, dry_run),
        Vendor::Meizu => meizu::from_config::resolve(config, env, emulated, dry_run),
        Vendor::Huawei => huawei::from_config::resolve(config, env, emulated, dry_run),
        Vendor::Honor => honor::from_config::resolve(config, env, emulated, dry_run),
        Vendor::Apns => apns::from_config::resolve(config, env, emulated, false),
        Vendor::Fcm => fcm::from_config::resolve(config, emulated),
        _ => vivo::from_config::resolve(config, env, emulated, dry_run),
    }
}

/// The config key of the secret that signs.
pub fn secret_key(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Oppo => "master-secret",
        Vendor::Honor => "client-secret",
        _ => "app-secret",
    }
}

/// The emulator's device for `--emulated` with no target.
pub fn builtin_device(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Oppo => emulator::BUILTIN_OPPO_DEVICE,
        Vendor::Xiaomi => emulator::BUILTIN_XIAOMI_DEVICE,
        Vendor::Meizu => emulator::BUILTIN_MEIZU_DEVICE,
        Vendor::Huawei => emulator::BUILTIN_HUAWEI_DEVICE,
        Vendor::Honor => emulator::BUILTIN_HONOR_DEVICE,
        Vendor::Apns => emulator::BUILTIN_APNS_SANDBOX_DEVICE,
        Vendor::Fcm => emulator::BUILTIN_FCM_DEVICE,
        _ => emulator::BUILTIN_VIVO_TEST_DEVICE,
    }
}

/// The `` `section.key` (ENV_VAR) `` names of the required settings that are absent, in order,
/// for [`missing_error`].
pub fn missing_keys(section: Section, keys: &[(&str, bool)]) -> Vec<String> {
    keys.iter()
        .filter(|(_, absent)| *absent)
        .map(|(key, _)| format!("`{}` ({})", section.path(key), section.env_var(key)))
        .collect()
}

/// The configured secret, and whether it is missing. A secret whose source fails is an error,
/// except under `--dry-run`, which masks it anyway; under `--emulated` the error says what the
/// emulator's built-in app expects (`emulated_hint`).
pub fn take_secret(
    secret: Option<Result<crate::findings::Located<Secret>, String>>,
    dry_run: bool,
    emulated: bool,
    emulated_hint: impl FnOnce() -> String,
) -> anyhow::Result<(Secret, bool)> {
    match secret {
        Some(Ok(secret)) => Ok((secret.value, false)),
        Some(Err(_)) if dry_run => Ok((Secret::new(""), true)),
        Some(Err(why)) if emulated => anyhow::bail!("cannot send: {why}; {}", emulated_hint()),
        Some(Err(why)) => anyhow::bail!("cannot send: {why}"),
        None => Ok((Secret::new(""), true)),
    }
}

/// Fails with the "cannot send" error naming each of `keys` that is absent (`true`), in order.
pub fn require(config: &Config, section: Section, keys: &[(&str, bool)]) -> anyhow::Result<()> {
    let missing = missing_keys(section, keys);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing_error(config, &missing))
    }
}

/// The "cannot send" error for credentials that are not configured.
pub fn missing_error(config: &Config, missing: &[String]) -> anyhow::Error {
    let file = match &config.file {
        Some(path) => format!("{} does not set", path.display()),
        None => format!("no {} was found (--config, $PUSHDIAG_CONFIG, or the current folder and its parents) and the environment does not set", config::FILE_NAME),
    };
    anyhow::anyhow!(
        "cannot send: {file} {}; add them, or pass --emulated to try the built-in emulator",
        missing.join(", ")
    )
}
