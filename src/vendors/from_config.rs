//! What every vendor's `from_config.rs` shares: the resolved app, the "cannot send" errors for
//! missing settings, a secret that may be absent under `--dry-run`, and [`AppSpec::resolve`], the
//! shape every resolver has; [`resolve`] picks the vendor's own resolver from its spec.

use crate::config::{self, Config, Section};
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;

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
    env: &crate::config::Environment,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    use crate::vendors::spec::Resolve;
    match crate::vendors::spec(vendor).resolve {
        Some(Resolve::App(app)) => app.resolve(config, env, emulated, dry_run),
        Some(Resolve::Own(resolve)) => resolve(config, env, emulated, dry_run),
        None => anyhow::bail!(
            "{} is not a push vendor: its app is resolved on its own",
            vendor.display_name()
        ),
    }
}

/// The emulator's device for `--emulated` with no target (none for Tencent IM, which pushes to
/// users).
pub fn builtin_device(vendor: Vendor) -> &'static str {
    crate::vendors::spec(vendor)
        .builtin_device
        .unwrap_or_default()
}

/// A setting a vendor's app needs, in the order the "cannot send" error names them.
#[derive(Clone, Copy, Debug)]
pub enum Needs {
    /// A text key of the vendor's section, trimmed (blank counts as absent).
    Key(&'static str),
    /// A text key of the vendor's section, as written (blank counts as set).
    Verbatim(&'static str),
    /// A text key at the top level (`package`).
    Root(&'static str),
    /// A text key of the vendor's section, trimmed, required only when the config makes it so
    /// (Huawei's `project-id` under `api-version = "v2"`); never a sign of a configured app.
    When(&'static str, fn(&Config) -> bool),
    /// The secret that signs: the spec's [`Spec::secret`](crate::vendors::spec::Spec::secret).
    Secret,
}

/// How the `--emulated` hint names the built-in app whose secret a failing source stands for.
#[derive(Clone, Copy, Debug)]
pub enum Hint {
    /// "the emulator's built-in {0} (those of examples/) expect {secret}"
    Examples(&'static str),
    /// "the emulator's built-in {0} {id} expects {secret}"
    One(&'static str),
}

/// The emulator's built-in app that `--emulated` uses when none of the app's settings is
/// configured.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    /// The id `send-test` names.
    pub id: &'static str,
    /// The values it has for the [`Needs`] keys.
    pub values: &'static [(&'static str, &'static str)],
    pub secret: &'static str,
    pub hint: Hint,
}

/// A vendor's app as data: what it needs from the config and the emulator's stand-in, and
/// `build`, the vendor's own code that turns the [`App`] into its credentials.
pub struct AppSpec<T: 'static = Credentials> {
    pub vendor: Vendor,
    pub needs: &'static [Needs],
    pub builtin: Builtin,
    /// Makes the credentials; takes the secret with [`App::secret`] after any value it parses.
    pub build: fn(&mut App<'_>, &Config) -> anyhow::Result<T>,
}

impl<T> AppSpec<T> {
    pub const fn new(
        vendor: Vendor,
        needs: &'static [Needs],
        builtin: Builtin,
        build: fn(&mut App<'_>, &Config) -> anyhow::Result<T>,
    ) -> AppSpec<T> {
        AppSpec {
            vendor,
            needs,
            builtin,
            build,
        }
    }
}

impl Builtin {
    /// The built-in app `id` (named as `hint` says) with `values` for the [`Needs`] keys and its
    /// `secret`.
    pub const fn new(
        hint: Hint,
        id: &'static str,
        values: &'static [(&'static str, &'static str)],
        secret: &'static str,
    ) -> Builtin {
        Builtin {
            id,
            values,
            secret,
            hint,
        }
    }
}

impl<T> std::fmt::Debug for AppSpec<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppSpec")
            .field("vendor", &self.vendor)
            .field("needs", &self.needs)
            .field("builtin", &self.builtin)
            .finish_non_exhaustive()
    }
}

/// The app's settings as the config (or the built-in app) gives them, for the vendor's own code.
pub struct App<'a> {
    vendor: Vendor,
    needs: &'static [Needs],
    builtin_app: &'static Builtin,
    config: &'a Config,
    /// The built-in app is used.
    pub builtin: bool,
    secret: Option<Option<Result<crate::findings::Located<Secret>, String>>>,
    dry_run: bool,
    emulated: bool,
    secret_missing: bool,
}

impl Needs {
    /// The setting's value in `section` (a secret is read apart).
    fn read(self, config: &Config, section: Section) -> Option<String> {
        match self {
            Needs::Key(key) | Needs::When(key, _) => config.trimmed(section, key),
            Needs::Verbatim(key) => config.text(section, key).map(|v| v.value),
            Needs::Root(key) => config.trimmed(Section::Root, key),
            Needs::Secret => None,
        }
    }

    /// Whether the setting counts when telling a configured app from none (`--emulated`).
    fn signals_an_app(self) -> bool {
        !matches!(self, Needs::Secret | Needs::When(..))
    }
}

impl<T> AppSpec<T> {
    /// The shared shape of every resolver: under `--emulated` with none of the settings
    /// configured, the built-in app; else every setting required, and `build` makes the
    /// credentials from them.
    pub fn resolve(
        &'static self,
        config: &Config,
        env: &crate::config::Environment,
        emulated: bool,
        dry_run: bool,
    ) -> anyhow::Result<Resolved<T>> {
        let section = Section::of_vendor(self.vendor);
        let secret_key = crate::vendors::spec(self.vendor).secret;
        let keys_absent = self
            .needs
            .iter()
            .all(|&need| !need.signals_an_app() || need.read(config, section).is_none());
        let builtin = emulated && keys_absent && config.setting(section, secret_key).is_none();
        let mut app = App {
            vendor: self.vendor,
            needs: self.needs,
            builtin_app: &self.builtin,
            config,
            builtin,
            secret: None,
            dry_run,
            emulated,
            secret_missing: false,
        };
        if !builtin {
            let secret = config.secret(section, secret_key, env);
            let mut missing = Vec::new();
            for &need in self.needs {
                let absent = need.read(config, section).is_none();
                let (section, key, absent) = match need {
                    Needs::Secret => (section, secret_key, secret.is_none()),
                    Needs::Root(key) => (Section::Root, key, absent),
                    Needs::Key(key) | Needs::Verbatim(key) => (section, key, absent),
                    Needs::When(key, required) => (section, key, required(config) && absent),
                };
                missing.extend(missing_keys(section, &[(key, absent)]));
            }
            if !missing.is_empty() {
                return Err(missing_error(config, &missing));
            }
            app.secret = Some(secret);
        }
        let credentials = (self.build)(&mut app, config)?;
        Ok(Resolved {
            credentials,
            builtin: builtin.then(|| self.builtin.id.to_owned()),
            secret_missing: app.secret_missing,
        })
    }
}

impl App<'_> {
    /// The value of a [`Needs`] key (the built-in app's under `--emulated`).
    pub fn value(&self, key: &str) -> String {
        if self.builtin {
            let value = self.builtin_app.values.iter().find(|(k, _)| *k == key);
            return value.map(|(_, v)| (*v).to_owned()).unwrap_or_default();
        }
        let need = self.needs.iter().find(|need| match need {
            Needs::Key(k) | Needs::Verbatim(k) | Needs::Root(k) | Needs::When(k, _) => *k == key,
            Needs::Secret => false,
        });
        need.and_then(|&need| need.read(self.config, Section::of_vendor(self.vendor)))
            .unwrap_or_default()
    }

    /// A [`Needs`] key that must be an integer: the error names the key and `what` it holds.
    pub fn integer(&self, key: &str, what: &str) -> anyhow::Result<u64> {
        let text = self.value(key);
        text.trim().parse().map_err(|_| {
            anyhow::anyhow!(
                "`{}` is \"{text}\", but {what} is an integer",
                Section::of_vendor(self.vendor).path(key)
            )
        })
    }

    /// The secret that signs (see [`take_secret`]); the built-in app's under `--emulated`.
    pub fn secret(&mut self) -> anyhow::Result<Secret> {
        let Some(secret) = self.secret.take() else {
            return Ok(Secret::new(self.builtin_app.secret));
        };
        let builtin = self.builtin_app;
        let (secret, missing) =
            take_secret(secret, self.dry_run, self.emulated, || match builtin.hint {
                Hint::Examples(apps) => format!(
                    "the emulator's built-in {apps} (those of examples/) expect {}",
                    builtin.secret
                ),
                Hint::One(app) => format!(
                    "the emulator's built-in {app} {} expects {}",
                    builtin.id, builtin.secret
                ),
            })?;
        self.secret_missing = missing;
        Ok(secret)
    }
}

/// The app as a resolver gives it: the credentials, whether the built-in app stands in for
/// them, and whether `--dry-run` had no secret.
pub struct Resolved<T> {
    pub credentials: T,
    /// The emulator's built-in app's id (`--emulated` with no credentials configured).
    pub builtin: Option<String>,
    /// Only for `--dry-run`: the secret's source gave nothing.
    pub secret_missing: bool,
}

/// A push vendor's resolved app.
pub type ResolvedApp = Resolved<Credentials>;

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
