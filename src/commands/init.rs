//! `pushdiag init`: writes a starting `pushdiag.toml` from what the app's files already say
//! (package, vivo ids, Huawei app id, FCM project), with secrets as `{ env = "…" }` placeholders.
//! It never overwrites a config without `--force`.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Context as _;

use super::Session;
use crate::cli::InitArgs;
use crate::config::{Kind, FILE_NAME};
use crate::project::{self, Expectations, ProjectFacts};
use crate::vendor::Vendor;
use crate::vendors::spec::Init;
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
    let text = render(&report.facts, &args.project);
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
/// What the project does not say is a `# TODO` comment, never a value that fails a check.
pub fn render(facts: &ProjectFacts, project: &std::path::Path) -> String {
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
    // What the project's files say, by section and key.
    let found = |vendor: Vendor, key: &str| -> Option<String> {
        let value = match (vendor, key) {
            (Vendor::Vivo, "app-id") => facts.vivo_app_id.as_ref().map(|v| &v.value),
            (Vendor::Vivo, "app-key") => facts.vivo_app_key.as_ref().map(|v| &v.value),
            (Vendor::Huawei, "app-id") => facts.huawei_app_id.as_ref().map(|v| &v.value),
            (Vendor::Apns, "bundle-id") => ios_bundle.as_ref(),
            (Vendor::Apns, "environment") => facts.aps_environments.first().map(|e| &e.value),
            _ => None,
        };
        // An empty value, or the "0" the uni-app plugin takes when vivo is not used, is a gap to
        // fill, not a value to copy: copied, it drew findings (issue 13).
        let placeholder = |v: &str| v.trim().is_empty() || (vendor == Vendor::Vivo && v == "0");
        value.filter(|v| !placeholder(v)).map(|v| quote(v))
    };
    // The sections the template shows, in the order their specs give; a section is active when
    // the app shows signs of the vendor. Vendors without a place are left for the user to add.
    let mut sections: Vec<(u8, Vendor, bool)> = crate::vendors::all()
        .iter()
        .filter_map(|v| {
            let spec = v.spec();
            spec.init
                .map(|init| (init.place, spec.vendor, (init.active)(facts)))
        })
        .collect();
    sections.sort_by_key(|(place, _, _)| *place);
    for (_, vendor, active) in sections {
        section(&mut out, vendor, active, &found, project);
        if vendor == Vendor::Fcm {
            if let Some(project) = &facts.google_services_project_id {
                let _ = writeln!(
                    out,
                    "# the service account must belong to the Firebase project \"{}\"",
                    project.value
                );
            }
        }
    }
    out
}

/// A section, its keys as the vendor's spec says `init` writes them: active keys where a value
/// is known, the rest commented out. An inactive section is commented out whole.
fn section(
    out: &mut String,
    vendor: Vendor,
    active: bool,
    found: &dyn Fn(Vendor, &str) -> Option<String>,
    project: &std::path::Path,
) {
    let prefix = if active { "" } else { "# " };
    let name = vendor.id();
    let _ = writeln!(out, "\n{prefix}[{name}]");
    for key in crate::vendors::spec(vendor).keys {
        let value = match key.init {
            Init::Omit => continue,
            Init::Sample(sample) => {
                let _ = writeln!(out, "# {} = {sample}", key.name);
                continue;
            }
            Init::Blank => found(vendor, key.name),
            // A default file name is a value only where that file is.
            Init::Value(value) if active && key.kind == Kind::Path => found(vendor, key.name)
                .or_else(|| {
                    let file = project.join(value.trim_matches('"'));
                    file.exists().then(|| value.to_owned())
                }),
            Init::Value(value) => found(vendor, key.name).or_else(|| Some(value.to_owned())),
            Init::Env => Some(format!(
                "{{ env = \"{}_{}\" }}",
                name.to_ascii_uppercase(),
                key.name.to_ascii_uppercase().replace('-', "_")
            )),
        };
        match (value, key.init) {
            (Some(value), _) => {
                let _ = writeln!(out, "{prefix}{} = {value}", key.name);
            }
            (None, _) if !active => {
                let _ = writeln!(out, "# {} = ", key.name);
            }
            (None, Init::Value(sample)) => {
                let _ = writeln!(
                    out,
                    "# {} = {sample}  # TODO: {}",
                    key.name,
                    todo(vendor, key)
                );
            }
            (None, _) => {
                let _ = writeln!(out, "# {} =   # TODO: {}", key.name, todo(vendor, key));
            }
        }
    }
}

/// What to fill in for a key the project's files do not give: "the vivo AppID from the vivo
/// developer console".
fn todo(vendor: Vendor, key: &crate::vendors::spec::Key) -> String {
    if key.doc.starts_with("the ") {
        return key.doc.to_owned();
    }
    let from = match vendor {
        Vendor::Apns => "the Apple Developer account".to_owned(),
        Vendor::Fcm => "the Firebase console".to_owned(),
        Vendor::Tim => "the Tencent Cloud IM console".to_owned(),
        other => format!("the {} developer console", other.display_name()),
    };
    format!("the {} from {from}", key.doc)
}

fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
}
