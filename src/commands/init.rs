//! `pushdiag init`: writes a starting `pushdiag.toml` from what the app's files already say
//! (package, vivo ids, Huawei app id, FCM project), with secrets as `{ env = "…" }` placeholders.
//! It never overwrites a config without `--force`.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Context as _;

use super::Session;
use crate::cli::InitArgs;
use crate::config::FILE_NAME;
use crate::project::{self, Expectations, Layout, ProjectFacts};
use crate::ExitStatus;

pub fn run(args: &InitArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let path = args.project.join(FILE_NAME);
    if path.exists() && !args.force {
        anyhow::bail!(
            "`{}` already exists; pass --force to overwrite it",
            path.display()
        );
    }
    let report = project::check(&args.project, &Expectations::default());
    for failure in &report.failures {
        session.diagnostic(format_args!("warning: {failure:#}"));
    }
    let text = render(&report.facts);
    std::fs::write(&path, &text).with_context(|| format!("cannot write `{}`", path.display()))?;
    let out = &mut session.streams.stdout;
    writeln!(out, "wrote {}", path.display())?;
    writeln!(
        out,
        "next: fill in the blanks, export the secrets it names, then run `pushdiag check-config`"
    )?;
    out.flush()?;
    Ok(ExitStatus::Clean)
}

/// The config text for what the project shows. Sections for vendors the app shows signs of are
/// active; the others are commented out, ready to fill in.
pub fn render(facts: &ProjectFacts) -> String {
    let mut out = String::new();
    let files: Vec<String> = facts
        .files_read
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let _ = writeln!(
        out,
        "# pushdiag.toml, written by `pushdiag init`{}.",
        if files.is_empty() {
            String::new()
        } else {
            format!(" from {}", files.join(", "))
        }
    );
    let _ = writeln!(
        out,
        "# Secrets are read from environment variables; see docs/config.md for every key.\n"
    );
    let android_package = facts
        .package_claims
        .iter()
        .find(|c| !c.is_ios())
        .map(|c| c.value.clone());
    let ios_bundle = facts
        .package_claims
        .iter()
        .find(|c| c.is_ios())
        .map(|c| c.value.clone());
    match android_package.as_ref().or(ios_bundle.as_ref()) {
        Some(package) => {
            let _ = writeln!(out, "package = {}", quote(package));
        }
        None => out.push_str("# package = \"com.example.chat\"\n"),
    }
    out.push_str("\n[tim]\n# sdk-app-id = 1400000000\nsecret-key = { env = \"TIM_SECRET_KEY\" }\nadmin = \"administrator\"\nregion = \"cn\"\n");

    let has_vivo = facts.vivo_app_id.is_some() || facts.vivo_app_key.is_some();
    section(
        &mut out,
        "vivo",
        has_vivo,
        &[
            ("business-id", None),
            (
                "app-id",
                facts.vivo_app_id.as_ref().map(|v| quote(&v.value)),
            ),
            (
                "app-key",
                facts.vivo_app_key.as_ref().map(|v| quote(&v.value)),
            ),
            ("app-secret", Some("{ env = \"VIVO_APP_SECRET\" }".into())),
        ],
    );
    section(
        &mut out,
        "huawei",
        facts.huawei_app_id.is_some(),
        &[
            ("business-id", None),
            (
                "app-id",
                facts.huawei_app_id.as_ref().map(|v| quote(&v.value)),
            ),
            ("app-secret", Some("{ env = \"HUAWEI_APP_SECRET\" }".into())),
        ],
    );
    section(
        &mut out,
        "fcm",
        facts.google_services_project_id.is_some(),
        &[
            ("business-id", None),
            (
                "service-account",
                Some("\"firebase-service-account.json\"".into()),
            ),
        ],
    );
    if let Some(project) = &facts.google_services_project_id {
        let _ = writeln!(
            out,
            "# the service account must belong to the Firebase project \"{}\"",
            project.value
        );
    }
    section(
        &mut out,
        "oppo",
        false,
        &[
            ("business-id", None),
            ("app-id", None),
            ("app-key", None),
            ("app-secret", Some("{ env = \"OPPO_APP_SECRET\" }".into())),
            (
                "master-secret",
                Some("{ env = \"OPPO_MASTER_SECRET\" }".into()),
            ),
            ("channel-id", None),
        ],
    );
    section(
        &mut out,
        "xiaomi",
        false,
        &[
            ("business-id", None),
            ("app-id", None),
            ("app-key", None),
            ("app-secret", Some("{ env = \"XIAOMI_APP_SECRET\" }".into())),
        ],
    );
    let ios = facts.layouts.contains(&Layout::Ios);
    let environment = facts.aps_environments.first().map(|e| quote(&e.value));
    section(
        &mut out,
        "apns",
        ios,
        &[
            ("business-id-development", None),
            ("business-id-production", None),
            ("bundle-id", ios_bundle.as_ref().map(|b| quote(b))),
            ("environment", environment),
            ("key-file", Some("\"AuthKey_KEYID.p8\"".into())),
            ("key-id", None),
            ("team-id", None),
        ],
    );
    out
}

/// A section: active keys where a value is known, the rest commented out. An inactive section is
/// commented out whole.
fn section(out: &mut String, name: &str, active: bool, keys: &[(&str, Option<String>)]) {
    let prefix = if active { "" } else { "# " };
    let _ = writeln!(out, "\n{prefix}[{name}]");
    for (key, value) in keys {
        match value {
            Some(value) => {
                let _ = writeln!(out, "{prefix}{key} = {value}");
            }
            None => {
                let _ = writeln!(out, "# {key} = ");
            }
        }
    }
}

fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
}
