//! The `emulate` snippet and `--emulated`'s built-in secrets.

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
    for vendor in EMULATED_VENDORS.iter().filter(|v| shape(**v).is_some()) {
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
    let vars: Vec<&str> = snippet.exports.iter().map(|(v, _)| v.as_str()).collect();
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
