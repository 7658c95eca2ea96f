//! Building the Xiaomi client from the configuration: the top-level `package`, `[xiaomi]`
//! app-secret and channel-id, or under `--emulated` with none configured, the emulator's built-in app.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{missing_error, take_secret, ResolvedApp};
use crate::vendors::xiaomi;

/// The Xiaomi app: the AppSecret authorises every request and the top-level `package` is
/// `restricted_package_name` (vendors-cn.md §3.1); AppID and AppKey are the client's.
pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Xiaomi;
    let package = config.trimmed(Section::Root, "package");
    let channel_id = config.trimmed(section, "channel-id");
    if emulated && package.is_none() && config.setting(section, "app-secret").is_none() {
        return Ok(ResolvedApp::builtin(
            Credentials::Xiaomi(xiaomi::AppCredentials {
                app_secret: Secret::new(emulator::BUILTIN_XIAOMI_APP_SECRET),
                package: emulator::BUILTIN_XIAOMI_PACKAGE.to_owned(),
                channel_id,
            }),
            emulator::BUILTIN_XIAOMI_APP_ID.to_owned(),
        ));
    }
    let secret = config.secret(section, "app-secret", env);
    let mut missing = Vec::new();
    if package.is_none() {
        missing.push(format!(
            "`{}` ({})",
            Section::Root.path("package"),
            Section::Root.env_var("package")
        ));
    }
    if secret.is_none() {
        missing.push(format!(
            "`{}` ({})",
            section.path("app-secret"),
            section.env_var("app-secret")
        ));
    }
    if !missing.is_empty() {
        return Err(missing_error(config, &missing));
    }
    let (app_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in Xiaomi apps (those of examples/) expect {}",
            emulator::BUILTIN_XIAOMI_APP_SECRET
        )
    })?;
    Ok(ResolvedApp::configured(
        Credentials::Xiaomi(xiaomi::AppCredentials {
            app_secret,
            package: package.unwrap_or_default(),
            channel_id,
        }),
        secret_missing,
    ))
}
