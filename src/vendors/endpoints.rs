//! Where each vendor's requests go: the in-process emulator under `--emulated`, else `endpoint`
//! (and `auth-endpoint`) from the config or `PUSHDIAG_<VENDOR>_ENDPOINT`, else the vendor's
//! defaults.

use crate::config::{Config, Section};
use crate::emulator::Emulator;
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::tim;

/// The in-process emulator `--emulated` starts: the built-in registry on an ephemeral port,
/// forwarding Tencent IM's pushes through the vendors' clients.
pub async fn start_emulator() -> anyhow::Result<Emulator> {
    crate::emulated::start_builtin().await
}

/// The line on stderr that says requests go to the emulator at `base`.
pub fn emulator_note(base: &str) -> String {
    format!("using the built-in emulator at {base} (nothing leaves this machine)")
}

/// Under `--emulated`, the emulator, started; else none.
pub async fn emulator_if(emulated: bool) -> anyhow::Result<Option<Emulator>> {
    Ok(if emulated {
        Some(start_emulator().await?)
    } else {
        None
    })
}

/// The API and OAuth base URLs for `vendor`: the emulator's when it runs (it serves the OAuth
/// server under the vendor's prefix too), else `endpoint` and `auth-endpoint` from the config
/// (or `PUSHDIAG_<VENDOR>_ENDPOINT`), else the vendor's defaults.
pub fn bases(
    config: &Config,
    vendor: Vendor,
    credentials: &Credentials,
    emulator: Option<&Emulator>,
) -> (String, String) {
    if let Some(emulator) = emulator {
        let mut base = emulator.base_url(vendor);
        // The emulator serves APNs production under /apns and the sandbox under /apns-sandbox.
        if let Credentials::Apns(apns) = credentials {
            if apns.environment == crate::credentials::ApnsEnvironment::Development {
                base.push_str("-sandbox");
            }
        }
        // FCM: the emulator's token endpoint stands in for the service account's token_uri.
        if let Credentials::Fcm(_) = credentials {
            return (base.clone(), format!("{base}/token"));
        }
        return (base.clone(), base);
    }
    let section = Section::of_vendor(vendor);
    let endpoint = config
        .text(section, "endpoint")
        .map(|e| e.value)
        .unwrap_or_else(|| credentials.default_endpoint().to_owned());
    // FCM takes its token URL from the service account (`token_uri`, B.1).
    if let Credentials::Fcm(fcm) = credentials {
        return (endpoint, fcm.account.token_uri.clone());
    }
    // Huawei's and Honor's OAuth servers are a second base URL (`auth-endpoint`).
    let auth_endpoint = config
        .text(section, "auth-endpoint")
        .map(|e| e.value)
        .unwrap_or_else(|| credentials.default_auth_endpoint().to_owned());
    (endpoint, auth_endpoint)
}

/// The REST base URL: the emulator's when it runs, else `[tim] endpoint`, else the `region`'s.
pub fn tim_base(config: &Config, emulator: Option<&Emulator>) -> anyhow::Result<String> {
    if let Some(emulator) = emulator {
        return Ok(emulator.base_url(Vendor::Tim));
    }
    if let Some(endpoint) = config.text(Section::Tim, "endpoint") {
        return Ok(endpoint.value);
    }
    let region = config.text(Section::Tim, "region").map(|r| r.value);
    Ok(tim::default_endpoint(region.as_deref())?.to_owned())
}
