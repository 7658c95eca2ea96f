//! The `pushdiag.toml` that `pushdiag emulate` prints: one section per emulated vendor, for the
//! first app the registry has of it, pointing at the running emulator. Secrets are `{ env }`
//! references (as `init` and the examples write them), so the snippet itself never holds one;
//! the values to export come separately, and only for the built-in apps, whose secrets are
//! public constants. The other way round, [`fill_builtin_secrets`] lets `--emulated` run a
//! config whose secret variables are not set.

use std::fmt::Write as _;

use crate::config::{Config, Environment, Kind, SecretSource, Section, Value};
use crate::emulator::{App, Registry, EMULATED_VENDORS};
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::spec::{Init, Key};

/// The config and the variables to export for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub toml: String,
    /// `(variable, value)`: the value is the secret for the built-in registry, a placeholder for
    /// an apps file (whose secrets pushdiag does not print).
    pub exports: Vec<(String, String)>,
}

/// How one vendor's section is written: the config key of each registry field, read from the
/// vendor's spec.
struct Shape {
    vendor: Vendor,
    /// The key of `App::app_id`: the section's first credential (`app-id`, Tencent IM's
    /// `sdk-app-id`).
    id_key: &'static Key,
    /// The key `App::app_key` goes under, if the vendor has one (Honor's is its `client-id`).
    key_key: Option<&'static str>,
    /// The secrets read from environment variables, in the spec's order: the key, the variable
    /// and whether it is `App::master_secret` rather than `App::app_secret`.
    secrets: Vec<(&'static str, String, bool)>,
    /// Huawei and Honor have a second base URL for their OAuth server, which the emulator
    /// serves under the same prefix.
    auth_endpoint: bool,
    /// Whether the section lists test devices (Tencent IM pushes to users).
    test_devices: bool,
}

/// The secret key `App::master_secret` holds; every other secret is `App::app_secret`.
const MASTER_SECRET: &str = "master-secret";

/// The shape of `vendor`'s section; `None` for a vendor that signs with a key file (APNs, FCM),
/// which a snippet cannot hold.
fn shape(vendor: Vendor) -> Option<Shape> {
    let spec = crate::vendors::spec(vendor);
    let key = |name: &str| spec.keys.iter().find(|k| k.name == name);
    if key(spec.secret).is_none_or(|k| k.kind != Kind::Secret) {
        return None;
    }
    let id_key = spec.keys.iter().find(|k| k.side.is_some())?;
    let secrets = spec
        .keys
        .iter()
        .filter(|k| k.kind == Kind::Secret && k.init == Init::Env)
        .map(|k| {
            // The variable `init` and the examples name after the section and key
            // (`VIVO_APP_SECRET`).
            let var = format!(
                "{}_{}",
                vendor.id().to_ascii_uppercase(),
                k.name.to_ascii_uppercase().replace('-', "_")
            );
            (k.name, var, k.name == MASTER_SECRET)
        })
        .collect();
    Some(Shape {
        vendor,
        id_key,
        key_key: ["app-key", "client-id"]
            .into_iter()
            .find_map(|name| key(name).map(|k| k.name)),
        secrets,
        auth_endpoint: spec.endpoints.iter().any(|(k, _)| *k == "auth-endpoint"),
        test_devices: key("test-devices").is_some(),
    })
}

/// The snippet for `registry`, with `base_url(vendor)` the emulator's URL for each vendor.
/// `builtin` says whether the secrets are the built-in public ones, which may be shown.
pub fn config_snippet(
    registry: &Registry,
    base_url: impl Fn(Vendor) -> String,
    builtin: bool,
) -> Snippet {
    let mut toml = String::new();
    let mut exports = Vec::new();
    // The top-level `package` must come before any section; Xiaomi's API checks it.
    let package = registry
        .apps
        .iter()
        .find(|app| app.vendor == Vendor::Xiaomi)
        .and_then(|app| app.package.as_deref());
    if let Some(package) = package {
        let _ = writeln!(toml, "package = {}\n", quote(package));
    }
    // APNs and FCM authenticate with key files (a .p8 key, a service-account JSON), which a
    // snippet cannot hold; `--emulated` uses the emulator's built-in ones.
    if registry
        .apps
        .iter()
        .any(|app| matches!(app.vendor, Vendor::Apns | Vendor::Fcm))
    {
        let _ = writeln!(
            toml,
            "# [apns] and [fcm] need a key file and a service-account file: run with --emulated to use\n# the emulator's built-in ones, or register your own with `pushdiag emulate --apps FILE`.\n"
        );
    }
    let mut export = |var: &str, secret: &str| {
        let value = if builtin {
            secret.to_owned()
        } else {
            "<its secret from the apps file>".to_owned()
        };
        if !exports.iter().any(|(v, _)| v == var) {
            exports.push((var.to_owned(), value));
        }
    };
    for shape in EMULATED_VENDORS.iter().filter_map(|v| shape(*v)) {
        let Some(app) = registry.apps.iter().find(|app| app.vendor == shape.vendor) else {
            continue;
        };
        write_section(&mut toml, &shape, app, &base_url(shape.vendor));
        for (var, secret) in secrets(&shape, app) {
            export(var, secret.expose());
        }
    }
    Snippet { toml, exports }
}

/// A secret variable `--emulated` set from a built-in app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilledSecret {
    /// The variable (`VIVO_APP_SECRET`).
    pub var: String,
    /// The config key that reads it (`vivo.app-secret`).
    pub key: String,
    /// The built-in app whose secret it now holds.
    pub app_id: String,
}

/// For `--emulated`: every secret the config reads from an unset environment variable, for an
/// app the built-in registry has (same vendor and app-id), is set in `env` to that app's
/// secret — a public constant that only opens the emulator — so a project such as
/// `examples/uniapp-chat` runs end to end without exporting anything. What was set is returned,
/// to be said on stderr. Variables that are set, and apps the emulator does not know, are left
/// alone: their checks report what is wrong.
pub fn fill_builtin_secrets(
    config: &Config,
    registry: &Registry,
    env: &mut Environment,
) -> Vec<FilledSecret> {
    let mut filled = Vec::new();
    // Tencent IM's secret first, then the vendors': the order `--emulated` has always said them.
    let vendors = std::iter::once(Vendor::Tim).chain(
        EMULATED_VENDORS
            .iter()
            .copied()
            .filter(|v| *v != Vendor::Tim),
    );
    for shape in vendors.filter_map(shape) {
        let section = Section::of_vendor(shape.vendor);
        let Some(app_id) = config.text(section, shape.id_key.name) else {
            continue;
        };
        let Some(app) = registry.find(shape.vendor, app_id.value.trim()) else {
            continue;
        };
        for (key, _, master) in &shape.secrets {
            let Some(secret) = secret_of(app, *master) else {
                continue;
            };
            let Some(setting) = config.setting(section, key) else {
                continue;
            };
            let Value::Secret(SecretSource::Env(var)) = &setting.value else {
                continue;
            };
            if env.contains(var) {
                continue;
            }
            env.set(var.clone(), secret.clone());
            filled.push(FilledSecret {
                var: var.clone(),
                key: section.path(key),
                app_id: app.app_id.clone(),
            });
        }
    }
    filled
}

fn write_section(toml: &mut String, shape: &Shape, app: &App, base: &str) {
    let _ = writeln!(toml, "[{}]", shape.vendor.id());
    let _ = writeln!(toml, "endpoint = {}", quote(base));
    if shape.auth_endpoint {
        let _ = writeln!(toml, "auth-endpoint = {}", quote(base));
    }
    // The SDKAppID is an integer in pushdiag.toml; the vendors' ids are strings.
    let id = if shape.id_key.kind == Kind::Integer && app.app_id.bytes().all(|b| b.is_ascii_digit())
    {
        app.app_id.clone()
    } else {
        quote(&app.app_id)
    };
    if let Some(business_id) = business_id(shape.vendor) {
        let _ = writeln!(toml, "business-id = {business_id}");
    }
    let _ = writeln!(toml, "{} = {id}", shape.id_key.name);
    if let Some(admin) = app.admins.first() {
        let _ = writeln!(toml, "admin = {}", quote(admin));
    }
    if let Some(key) = shape.key_key.filter(|_| !app.app_key.is_empty()) {
        let _ = writeln!(toml, "{key} = {}", quote(&app.app_key));
    }
    for (key, var, master) in &shape.secrets {
        if secret_of(app, *master).is_some() {
            let _ = writeln!(toml, "{key} = {{ env = \"{var}\" }}");
        }
    }
    // Test devices first (vivo's test mode reaches only those), else any registered device.
    let devices = if app.test_devices.is_empty() {
        &app.devices
    } else {
        &app.test_devices
    };
    if shape.test_devices {
        let devices: Vec<String> = devices.iter().map(|d| quote(d)).collect();
        let _ = writeln!(toml, "test-devices = [{}]", devices.join(", "));
    }
    toml.push('\n');
}

/// The certificate ID Tencent IM's console would give the vendor's credentials: without one
/// `check-config` reports `business-id-missing` (the snippet drew six). The emulated Tencent IM
/// does not check it; the emulator's table holds it beside each vendor's built-in apps.
fn business_id(vendor: Vendor) -> Option<u32> {
    Section::of_vendor(vendor).key("business-id")?;
    crate::emulator::builtin_business_id(vendor)
}

/// The app's secret a key of its section holds.
fn secret_of(app: &App, master: bool) -> Option<&Secret> {
    if master {
        app.master_secret.as_ref()
    } else {
        Some(&app.app_secret)
    }
}

/// The variables of the app's secrets and their values, in the section's order.
fn secrets<'a>(shape: &'a Shape, app: &'a App) -> impl Iterator<Item = (&'a str, &'a Secret)> {
    shape
        .secrets
        .iter()
        .filter_map(|(_, var, master)| Some((var.as_str(), secret_of(app, *master)?)))
}

fn quote(text: &str) -> String {
    toml_edit::Value::from(text).to_string()
}

#[cfg(test)]
mod tests;
