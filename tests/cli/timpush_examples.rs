//! The TIMPush examples: each planted mistake their READMEs list, in every output format.

use std::path::Path;

use crate::snap::{assert_snap, Snap};
use crate::{pushdiag, rules_of};

/// The secrets the TIMPush examples' configs name: values of their own, so that a test can say
/// none appears in any output (the shared examples' values also appear in rule docs).
const SECRETS: &[(&str, &str)] = &[
    ("TIM_SECRET_KEY", "7f3c9a1e5b2d48c6a0e4f1b3d5c7e9a2"),
    ("HUAWEI_APP_SECRET", "c4e8a2f6b0d4c8e2a6f0b4d8c2e6a0f4"),
    ("VIVO_APP_SECRET", "9e1d3c5b7a9f1e3d5c7b9a1f3e5d7c9b"),
    ("XIAOMI_APP_SECRET", "b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7"),
];

/// `check-config --project examples/timpush-uniapp` in the four formats, with the secrets its
/// config names set (examples/timpush-uniapp/README.md lists the planted mistakes).
#[test]
fn the_timpush_uniapp_example_in_every_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut snap = Snap::new();
    for format in ["human", "json", "github", "sarif"] {
        let mut command = pushdiag();
        command.current_dir(root);
        for (key, value) in SECRETS {
            command.env(key, value);
        }
        let args = [
            "check-config",
            "--project",
            "examples/timpush-uniapp",
            "--format",
            format,
        ];
        let run = snap.with(&mut command, &args);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        if format == "json" {
            let rules = rules_of(&run.json());
            // Found by the package-name checks already; the others by the app-code checks.
            assert!(
                rules.iter().any(|r| r == "package-name-mismatch"),
                "{rules:?}"
            );
        }
        for (_, secret) in SECRETS {
            crate::snap::assert_absent(&run, secret);
        }
    }
    assert_snap!(snap);
}
