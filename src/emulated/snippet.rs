//! The `pushdiag.toml` that `pushdiag emulate` prints: one section per emulated vendor, for the
//! first app the registry has of it, pointing at the running emulator. Secrets are `{ env }`
//! references (as `init` and the examples write them), so the snippet itself never holds one;
//! the values to export come separately, and only for the built-in apps, whose secrets are
//! public constants. The other way round, [`fill_builtin_secrets`] lets `--emulated` run a
//! config whose secret variables are not set.

use std::fmt::Write as _;

use crate::config::{Config, Environment, SecretSource, Section, Value};
use crate::emulator::{App, Registry, EMULATED_VENDORS};
use crate::vendor::Vendor;

/// The config and the variables to export for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub toml: String,
    /// `(variable, value)`: the value is the secret for the built-in registry, a placeholder for
    /// an apps file (whose secrets pushdiag does not print).
    pub exports: Vec<(&'static str, String)>,
}

/// How one vendor's section is written: the config key of each registry field.
struct Shape {
    vendor: Vendor,
    /// The key of `App::app_id` (Tencent IM: `sdk-app-id`).
    id_key: &'static str,
    /// The key `App::app_key` goes under, if the vendor has one (Honor: `client-id`).
    key_key: Option<&'static str>,
    /// The key and variable of `App::app_secret`.
    secret_key: &'static str,
    secret_var: &'static str,
    /// OPPO's MasterSecret: the key and variable of `App::master_secret`.
    master_var: Option<&'static str>,
    /// Huawei and Honor have a second base URL for their OAuth server, which the emulator
    /// serves under the same prefix.
    auth_endpoint: bool,
}

const SHAPES: &[Shape] = &[
    // Tencent IM: the SDKAppID, the secret key that signs UserSig, and an App admin.
    Shape {
        id_key: "sdk-app-id",
        vendor: Vendor::Tim,
        key_key: None,
        secret_key: "secret-key",
        secret_var: "TIM_SECRET_KEY",
        master_var: None,
        auth_endpoint: false,
    },
    Shape {
        id_key: "app-id",
        vendor: Vendor::Vivo,
        key_key: Some("app-key"),
        secret_key: "app-secret",
        secret_var: "VIVO_APP_SECRET",
        master_var: None,
        auth_endpoint: false,
    },
    Shape {
        id_key: "app-id",
        vendor: Vendor::Oppo,
        key_key: Some("app-key"),
        secret_key: "app-secret",
        secret_var: "OPPO_APP_SECRET",
        master_var: Some("OPPO_MASTER_SECRET"),
        auth_endpoint: false,
    },
    Shape {
        id_key: "app-id",
        vendor: Vendor::Xiaomi,
        key_key: Some("app-key"),
        secret_key: "app-secret",
        secret_var: "XIAOMI_APP_SECRET",
        master_var: None,
        auth_endpoint: false,
    },
    Shape {
        id_key: "app-id",
        vendor: Vendor::Meizu,
        key_key: Some("app-key"),
        secret_key: "app-secret",
        secret_var: "MEIZU_APP_SECRET",
        master_var: None,
        auth_endpoint: false,
    },
    Shape {
        id_key: "app-id",
        vendor: Vendor::Huawei,
        key_key: None,
        secret_key: "app-secret",
        secret_var: "HUAWEI_APP_SECRET",
        master_var: None,
        auth_endpoint: true,
    },
    Shape {
        id_key: "app-id",
        vendor: Vendor::Honor,
        key_key: Some("client-id"),
        secret_key: "client-secret",
        secret_var: "HONOR_CLIENT_SECRET",
        master_var: None,
        auth_endpoint: true,
    },
];

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
    let mut export = |var: &'static str, secret: &str| {
        let value = if builtin {
            secret.to_owned()
        } else {
            "<its secret from the apps file>".to_owned()
        };
        if !exports.iter().any(|(v, _)| *v == var) {
            exports.push((var, value));
        }
    };
    for vendor in EMULATED_VENDORS {
        let Some(shape) = SHAPES.iter().find(|s| s.vendor == *vendor) else {
            continue;
        };
        let Some(app) = registry.apps.iter().find(|app| app.vendor == *vendor) else {
            continue;
        };
        write_section(&mut toml, shape, app, &base_url(*vendor));
        export(shape.secret_var, app.app_secret.expose());
        if let (Some(var), Some(master)) = (shape.master_var, &app.master_secret) {
            export(var, master.expose());
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
    for shape in SHAPES {
        let section = Section::of_vendor(shape.vendor);
        let Some(app_id) = config.text(section, shape.id_key) else {
            continue;
        };
        let Some(app) = registry.find(shape.vendor, app_id.value.trim()) else {
            continue;
        };
        let keys = [
            (shape.secret_key, Some(&app.app_secret)),
            ("master-secret", app.master_secret.as_ref()),
        ];
        for (key, secret) in keys {
            let Some(secret) = secret else { continue };
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
    let id = if shape.vendor == Vendor::Tim && app.app_id.bytes().all(|b| b.is_ascii_digit()) {
        app.app_id.clone()
    } else {
        quote(&app.app_id)
    };
    let _ = writeln!(toml, "{} = {id}", shape.id_key);
    if let Some(admin) = app.admins.first() {
        let _ = writeln!(toml, "admin = {}", quote(admin));
    }
    if let Some(key) = shape.key_key.filter(|_| !app.app_key.is_empty()) {
        let _ = writeln!(toml, "{key} = {}", quote(&app.app_key));
    }
    let _ = writeln!(
        toml,
        "{} = {{ env = \"{}\" }}",
        shape.secret_key, shape.secret_var
    );
    if let (Some(var), Some(_)) = (shape.master_var, &app.master_secret) {
        let _ = writeln!(toml, "master-secret = {{ env = \"{var}\" }}");
    }
    // Test devices first (vivo's test mode reaches only those), else any registered device.
    let devices = if app.test_devices.is_empty() {
        &app.devices
    } else {
        &app.test_devices
    };
    if shape.vendor != Vendor::Tim {
        let devices: Vec<String> = devices.iter().map(|d| quote(d)).collect();
        let _ = writeln!(toml, "test-devices = [{}]", devices.join(", "));
    }
    toml.push('\n');
}

fn quote(text: &str) -> String {
    toml_edit::Value::from(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, Section};

    fn base(vendor: Vendor) -> String {
        format!("http://127.0.0.1:7700/{}", vendor.id())
    }

    #[test]
    fn builtin_snippet_has_every_emulated_vendor_and_parses_as_config() {
        let snippet = config_snippet(&Registry::builtin(), base, true);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pushdiag.toml");
        std::fs::write(&path, &snippet.toml).expect("write");
        let loaded = config::load(Some(&path), &Default::default()).expect("loads");
        assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
        for vendor in SHAPES.iter().map(|shape| &shape.vendor) {
            let section = Section::of_vendor(*vendor);
            assert_eq!(
                loaded.text(section, "endpoint").map(|e| e.value),
                Some(base(*vendor)),
                "{vendor}"
            );
        }
        assert!(snippet
            .toml
            .starts_with("package = \"com.example.unichat\""));
        // The snippet names variables; the values are only in `exports`.
        assert!(!snippet
            .toml
            .contains(crate::emulator::BUILTIN_VIVO_APP_SECRET));
        let vars: Vec<&str> = snippet.exports.iter().map(|(v, _)| *v).collect();
        assert_eq!(
            vars,
            [
                "VIVO_APP_SECRET",
                "OPPO_APP_SECRET",
                "OPPO_MASTER_SECRET",
                "XIAOMI_APP_SECRET",
                "MEIZU_APP_SECRET",
                "HUAWEI_APP_SECRET",
                "HONOR_CLIENT_SECRET",
                "TIM_SECRET_KEY"
            ]
        );
    }

    #[test]
    fn emulated_fills_only_unset_variables_of_builtin_apps() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pushdiag.toml");
        std::fs::write(
            &path,
            "[vivo]\napp-id = 10004\napp-secret = { env = \"V_SECRET\" }\n\
             [oppo]\napp-id = \"30000002\"\napp-secret = { env = \"O_SECRET\" }\nmaster-secret = { env = \"O_MASTER\" }\n\
             [meizu]\napp-id = \"999999\"\napp-secret = { env = \"M_SECRET\" }\n",
        )
        .expect("write");
        let config = config::load(Some(&path), &Default::default()).expect("loads");
        let mut env = Environment::from_pairs([("O_SECRET", "mine")]);
        let filled = fill_builtin_secrets(&config, &Registry::builtin(), &mut env);
        let vars: Vec<&str> = filled.iter().map(|f| f.var.as_str()).collect();
        // vivo's and OPPO's master secret; OPPO's set variable stays; Meizu 999999 is unknown.
        assert_eq!(vars, ["V_SECRET", "O_MASTER"]);
        let value = |name| env.secret(name).map(crate::secret::Secret::expose);
        assert_eq!(
            value("V_SECRET"),
            Some(crate::emulator::BUILTIN_VIVO_APP_SECRET)
        );
        assert_eq!(
            value("O_MASTER"),
            Some(crate::emulator::BUILTIN_OPPO_MASTER_SECRET)
        );
        assert_eq!(value("O_SECRET"), Some("mine"));
        assert!(!env.contains("M_SECRET"));
        assert_eq!(filled[0].key, "vivo.app-secret");
        assert_eq!(filled[0].app_id, "10004");
    }

    #[test]
    fn apps_file_secrets_are_never_printed() {
        let registry = Registry::from_toml(
            "[[app]]\nvendor = \"meizu\"\napp-id = \"100099\"\napp-key = \"k\"\napp-secret = \"s3cr3t-meizu\"\ndevices = [\"D1\"]\n",
        )
        .expect("apps file");
        let snippet = config_snippet(&registry, base, false);
        assert!(snippet.toml.contains("[meizu]\n"), "{}", snippet.toml);
        assert!(snippet.toml.contains("test-devices = [\"D1\"]"));
        assert!(!snippet.toml.contains("[vivo]"));
        let printed = format!("{snippet:?}");
        assert!(!printed.contains("s3cr3t-meizu"), "{printed}");
    }
}
