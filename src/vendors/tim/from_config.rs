//! Building the Tencent IM client from the configuration: `[tim]` sdk-app-id, secret-key and
//! admin, or under `--emulated` with none configured, the emulator's built-in IM app; and the
//! `AndroidInfo` the vendor sections give a message.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::vendor::Vendor;
use crate::vendors::from_config::{AppSpec, Builtin, Hint, Needs};
use crate::vendors::spec::TimValue;
use crate::vendors::tim::{AndroidInfo, AppCredentials};

/// The resolved `[tim]` app.
pub struct TimApp {
    pub credentials: AppCredentials,
    /// `--emulated` with no `[tim]` credentials: the emulator's built-in IM app.
    pub builtin: bool,
    /// Only for `--dry-run`: the secret key's source gave nothing.
    pub secret_missing: bool,
}

/// The IM app: the SDKAppID, the secret key that signs the admin's UserSig, and the admin.
#[rustfmt::skip] // data: one fact a line
static APP: AppSpec<AppCredentials> = AppSpec::new(
    Vendor::Tim,
    &[Needs::Key("sdk-app-id"), Needs::Secret, Needs::Key("admin")],
    Builtin::new(Hint::One("IM app"), emulator::BUILTIN_TIM_SDK_APP_ID, &[("sdk-app-id", emulator::BUILTIN_TIM_SDK_APP_ID), ("admin", emulator::BUILTIN_TIM_ADMIN)], emulator::BUILTIN_TIM_SECRET_KEY),
    |app, _| Ok(AppCredentials {
        sdk_app_id: app.integer("sdk-app-id", "an SDKAppID")?,
        secret_key: app.secret()?,
        admin: app.value("admin"),
    }),
);

/// The `[tim]` app from the config, or under `--emulated` with none configured, the emulator's.
pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<TimApp> {
    let app = APP.resolve(config, env, emulated, dry_run)?;
    Ok(TimApp {
        credentials: app.credentials,
        builtin: app.builtin.is_some(),
        secret_missing: app.secret_missing,
    })
}

/// `AndroidInfo` from the vendor sections of the config (`apns-fcm-tim.md` D.5): the fields
/// each vendor's spec declares, in their places.
pub fn android_info(config: &Config) -> AndroidInfo {
    let mut specs: Vec<_> = crate::vendors::all()
        .into_iter()
        .filter_map(|v| Some((v.spec().vendor, v.spec().tim_android_info?)))
        .collect();
    specs.sort_by_key(|(_, info)| info.place);
    let fields = specs.into_iter().flat_map(|(vendor, info)| {
        info.fields.iter().filter_map(move |(field, value)| {
            let value = match value {
                TimValue::ConfigValue(key) => config.trimmed(Section::of_vendor(vendor), key)?,
                TimValue::Constant(value) => (*value).to_owned(),
            };
            Some((*field, value))
        })
    });
    AndroidInfo(fields.collect())
}
