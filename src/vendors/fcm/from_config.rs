//! Building the FCM client from the configuration: the service-account JSON and the app's own
//! project id, or under `--emulated` the emulator's built-in account.

use std::path::Path;

use crate::config::{Config, Section};
use crate::emulator;
use crate::secret::Secret;
use crate::vendors::client::Credentials;
use crate::vendors::fcm;
use crate::vendors::from_config::{missing_error, missing_keys, ResolvedApp};

/// The FCM app: the service-account JSON (`[fcm] service-account`); the app's own project id,
/// when a `google-services.json` is found beside the config, explains SENDER_ID_MISMATCH.
pub fn resolve(config: &Config, emulated: bool) -> anyhow::Result<ResolvedApp> {
    let path = config.path(Section::Fcm, "service-account");
    // Under --emulated, a service account that is not there (examples/flutter-chat does not
    // commit its own) is the emulator's built-in one.
    if emulated && path.as_ref().is_none_or(|p| !p.value.exists()) {
        return builtin();
    }
    let Some(path) = path else {
        return Err(missing_error(
            config,
            &missing_keys(Section::Fcm, &[("service-account", true)]),
        ));
    };
    let account = fcm::ServiceAccount::load(&path.value)
        .map_err(|e| anyhow::anyhow!("cannot send: {e:#}"))?;
    let root = config
        .file
        .as_deref()
        .and_then(Path::parent)
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let app_project_id = crate::project::check(root, &crate::project::Expectations::default())
        .facts
        .google_services_project_id
        .map(|id| id.value);
    Ok(ResolvedApp::configured(
        Credentials::Fcm(Box::new(fcm::AppCredentials {
            account,
            app_project_id,
        })),
        false,
    ))
}

/// `--emulated` with no `[fcm] service-account`: the emulator's built-in account (its key is
/// rebuilt here from the same public recipe the emulator uses).
pub fn builtin() -> anyhow::Result<ResolvedApp> {
    use rsa::pkcs8::EncodePrivateKey as _;
    let pem = emulator::builtin_fcm_private_key()
        .and_then(|key| key.to_pkcs8_pem(rsa::pkcs8::LineEnding::LF).ok())
        .ok_or_else(|| anyhow::anyhow!("cannot make the emulator's built-in FCM key"))?;
    Ok(ResolvedApp::builtin(
        Credentials::Fcm(Box::new(fcm::AppCredentials {
            account: fcm::ServiceAccount {
                project_id: emulator::BUILTIN_FCM_PROJECT_ID.to_owned(),
                client_email: emulator::BUILTIN_FCM_CLIENT_EMAIL.to_owned(),
                private_key_id: emulator::BUILTIN_FCM_PRIVATE_KEY_ID.to_owned(),
                private_key: Secret::new(pem.as_str()),
                token_uri: fcm::GOOGLE_TOKEN_URI.to_owned(),
            },
            app_project_id: None,
        })),
        emulator::BUILTIN_FCM_PROJECT_ID.to_owned(),
    ))
}
