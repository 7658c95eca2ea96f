//! Building the APNs client from the configuration: token or certificate auth, the topic and
//! the environment with the reason for it, or under `--emulated` the emulator's built-in key;
//! and the certificate's validity, which explains a refusal before APNs gives its reason.

use crate::config::{Config, Environment, Section};
use crate::emulator;
use crate::findings::{Finding, Rule};
use crate::secret::Secret;
use crate::vendors::apns;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{missing_error, missing_keys, require, ResolvedApp};

/// The APNs app: token auth (`key-file`, `key-id`, `team-id`) or certificate auth
/// (`certificate`, `certificate-password`), the topic (`bundle-id`, else `package`), and the
/// environment with the reason for it. `--emulated` with neither configured uses the emulator's
/// built-in key (`examples/uniapp-chat`'s key id and team id).
pub fn resolve(
    config: &Config,
    env: &Environment,
    emulated: bool,
    production: bool,
) -> anyhow::Result<ResolvedApp> {
    use crate::credentials::ApnsEnvironment;
    let section = Section::Apns;
    let text = |key: &str| config.trimmed(section, key);
    let (environment, environment_why) = if production {
        (
            ApnsEnvironment::Production,
            "--production was given".to_owned(),
        )
    } else {
        match text("environment").as_deref() {
            Some("production") => (
                ApnsEnvironment::Production,
                "[apns] environment = \"production\"".to_owned(),
            ),
            Some(_) => (
                ApnsEnvironment::Development,
                "[apns] environment = \"development\"".to_owned(),
            ),
            None => (
                ApnsEnvironment::Development,
                "neither --production nor [apns] environment is set, so the sandbox, where builds run from Xcode register; pass --production for TestFlight and App Store builds".to_owned(),
            ),
        }
    };
    let ca_file = config.path(section, "ca-file").map(|p| p.value);
    let key_file = config.path(section, "key-file");
    let certificate = config.path(section, "certificate");
    // Under --emulated, a key that is not there (examples/flutter-chat does not commit its own)
    // is the emulator's built-in one when the config names the built-in key id and team.
    let builtin_ids = text("key-id").is_none_or(|id| id == emulator::BUILTIN_APNS_KEY_ID)
        && text("team-id").is_none_or(|id| id == emulator::BUILTIN_APNS_TEAM_ID);
    let key_absent = key_file.as_ref().is_none_or(|k| !k.value.exists());
    if emulated && key_absent && certificate.is_none() && builtin_ids {
        let provider = apns::jwt::ProviderToken::new(
            emulator::builtin_apns_signing_key(),
            emulator::BUILTIN_APNS_KEY_ID,
            emulator::BUILTIN_APNS_TEAM_ID,
        );
        return Ok(ResolvedApp::builtin(
            Credentials::Apns(Box::new(apns::AppCredentials {
                auth: apns::Auth::Token(provider),
                // As with a real key: `bundle-id`, else the app's `package`; only a config
                // naming neither gets the built-in app's bundle.
                topic: text("bundle-id")
                    .or_else(|| config.trimmed(Section::Root, "package"))
                    .unwrap_or_else(|| emulator::BUILTIN_APNS_BUNDLE_ID.to_owned()),
                environment,
                environment_why,
                ca_file,
                secret: Secret::new(""),
            })),
            format!(
                "(key {} of team {})",
                emulator::BUILTIN_APNS_KEY_ID,
                emulator::BUILTIN_APNS_TEAM_ID
            ),
        ));
    }
    let topic = text("bundle-id").or_else(|| config.trimmed(Section::Root, "package"));
    let Some(topic) = topic else {
        return Err(missing_error(
            config,
            &missing_keys(section, &[("bundle-id", true)]),
        ));
    };
    let (auth, secret) = if let Some(key_file) = key_file {
        require(
            config,
            section,
            &[
                ("key-id", text("key-id").is_none()),
                ("team-id", text("team-id").is_none()),
            ],
        )?;
        let path = &key_file.value;
        let pem = crate::files::read_text(path, crate::files::FileKind::ApnsKey).map_err(|e| {
            anyhow::anyhow!(
                "cannot send: cannot read [apns] key-file `{}`: {e}",
                path.display()
            )
        })?;
        let key = apns::jwt::load_key(&pem).map_err(|e| {
            anyhow::anyhow!("cannot send: [apns] key-file `{}`: {e}", path.display())
        })?;
        let provider = apns::jwt::ProviderToken::new(
            key,
            &text("key-id").unwrap_or_default(),
            &text("team-id").unwrap_or_default(),
        );
        (apns::Auth::Token(provider), Secret::new(pem))
    } else if let Some(certificate) = certificate {
        let password = match config.secret(section, "certificate-password", env) {
            Some(Ok(secret)) => Some(secret.value),
            Some(Err(why)) => anyhow::bail!("cannot send: {why}"),
            None => None,
        };
        let identity = apns::load_identity(&certificate.value, password.as_ref())
            .map_err(|e| anyhow::anyhow!("cannot send: {e:#}"))?;
        (
            apns::Auth::Certificate {
                identity_pem: identity.clone(),
            },
            password.unwrap_or_else(|| Secret::new("")),
        )
    } else {
        return Err(missing_error(
            config,
            &missing_keys(section, &[("key-file", true), ("certificate", true)]),
        ));
    };
    Ok(ResolvedApp::configured(
        Credentials::Apns(Box::new(apns::AppCredentials {
            auth,
            topic,
            environment,
            environment_why,
            ca_file,
            secret,
        })),
        false,
    ))
}

/// `apns-cert-expired` and `apns-cert-expiring` for the configured certificate, from the same
/// offline check `check-config` runs.
pub fn certificate_validity(config: &Config, env: &Environment) -> Vec<Finding> {
    let section = Section::Apns;
    let Some(certificate) = config.path(section, "certificate") else {
        return Vec::new();
    };
    let input = crate::credentials::ApnsInput {
        key_file: None,
        key_id: None,
        team_id: None,
        certificate: Some(certificate),
        certificate_password: config
            .secret(section, "certificate-password", env)
            .and_then(Result::ok),
        bundle_id: None,
        environment: None,
        expiry_warning_days: config
            .integer(section, "expiry-warning-days")
            .map_or(30, |d| d.value.clamp(0, 3650) as u32),
        now: time::OffsetDateTime::now_utc(),
    };
    crate::credentials::check_apns(&input)
        .findings
        .into_iter()
        .filter(|f| matches!(f.rule, Rule::ApnsCertExpired | Rule::ApnsCertExpiring))
        .collect()
}
