//! `check-config`'s checks, as data: the config's own findings, each vendor's credentials checked
//! offline, the app's own files ([`offline`]); and with `--online`, each vendor's harmless
//! credential check ([`online()`]). `checklist` runs the same checks for its steps.

pub mod online;
pub mod summary;

use crate::config::{Config, Environment, Section, Value};
use crate::findings::{Finding, Rule};
use crate::project::{self, Expectations};
use crate::vendor::Vendor;
use crate::vendors::{self, OfflineContext};

pub use online::{online, Online, ONLINE_VENDORS};

/// What the offline checks found, for `check-config` and `checklist`.
pub struct Offline {
    /// Config, credential and project findings, file by file, top to bottom.
    pub findings: Vec<Finding>,
    /// Files that could not be read (exit 2).
    pub failures: Vec<anyhow::Error>,
    pub files_read: Vec<std::path::PathBuf>,
    /// The line naming the app's stack and push plugin generation ([`summary::stack_line`]).
    pub stack_line: Option<String>,
}

/// The offline checks of `vendors`: the config's own findings about them, each vendor's
/// credentials, and the app's files under `project_dir`. `path` is the config file, for messages.
pub fn offline(
    config: &Config,
    env: &Environment,
    path: &std::path::Path,
    vendors: &[Vendor],
    project_dir: &std::path::Path,
) -> Offline {
    let configured = config.configured();
    let expectations = Expectations {
        package: config.text(Section::Root, "package"),
        bundle_id: config.text(Section::Apns, "bundle-id"),
        vendors: vendors
            .iter()
            .copied()
            .filter(|v| configured.contains(v))
            .collect(),
        vivo_app_id: config.text(Section::Vivo, "app-id"),
        apns_environment: config.text(Section::Apns, "environment"),
        config_file: Some(path.to_path_buf()),
        registration: registration_values(config, &configured),
        oppo_app_secret: resolved(config, env, "app-secret"),
        oppo_master_secret: resolved(config, env, "master-secret"),
    };
    let project = project::check(project_dir, &expectations);

    let mut ctx = OfflineContext {
        config,
        env,
        project: &project.facts,
        now: time::OffsetDateTime::now_utc(),
        findings: Vec::new(),
        failures: Vec::new(),
    };
    for &vendor in vendors {
        if configured.contains(&vendor) {
            vendors::get(vendor).check_offline(&mut ctx);
        } else {
            ctx.report(
                Finding::new(
                    Rule::CredentialMissing,
                    format!(
                        "--vendor {vendor} was asked for, but {} has no [{vendor}] section",
                        path.display()
                    ),
                )
                .vendor(vendor)
                .help(format!(
                    "add a [{vendor}] section with the credentials from the {} console",
                    vendor.display_name()
                )),
            );
        }
    }
    let OfflineContext {
        findings,
        mut failures,
        ..
    } = ctx;
    let vendor_filter = |finding: &Finding| finding.vendor.is_none_or(|v| vendors.contains(&v));
    let mut all: Vec<Finding> = config
        .findings
        .iter()
        .filter(|f| vendor_filter(f))
        .cloned()
        .chain(findings)
        .chain(project.findings)
        .collect();
    // File by file, top to bottom, as people read them; findings about no place come last.
    all.sort_by(|a, b| {
        let key = |f: &Finding| f.location.as_ref().map(|l| (l.source.clone(), l.offset));
        key(a)
            .is_none()
            .cmp(&key(b).is_none())
            .then_with(|| key(a).cmp(&key(b)))
    });
    failures.extend(project.failures);
    Offline {
        findings: all,
        failures,
        stack_line: summary::stack_line(&project.facts),
        files_read: project.facts.files_read,
    }
}

/// The business IDs and client keys of the configured vendors, for the app's registration.
fn registration_values(config: &Config, configured: &[Vendor]) -> Vec<project::ConfigValue> {
    configured
        .iter()
        .flat_map(|&vendor| {
            project::REGISTRATION_KEYS.iter().filter_map(move |&key| {
                let value = config.text(Section::of_vendor(vendor), key)?;
                Some(project::ConfigValue { vendor, key, value })
            })
        })
        .collect()
}

/// An `[oppo]` secret's value when it resolves.
fn resolved(config: &Config, env: &Environment, key: &str) -> Option<crate::secret::Secret> {
    Some(config.secret(Section::Oppo, key, env)?.ok()?.value)
}

/// Every secret the config resolves, so that none reaches a message, even one quoting a file a
/// secret was pasted into.
pub fn resolved_secrets(config: &Config, env: &Environment) -> Vec<crate::secret::Secret> {
    config
        .settings()
        .filter(|(_, _, s)| matches!(s.value, Value::Secret(_)))
        .filter_map(|(section, key, _)| config.secret(section, key, env)?.ok())
        .map(|s| s.value)
        .collect()
}

/// The stderr line saying which files the emulator stands in for; `None` when none.
pub fn stand_in_note(files: &[&str]) -> Option<String> {
    let verb = match files.len() {
        0 => return None,
        1 => "is",
        _ => "are",
    };
    Some(format!(
        "--emulated: {} named in the config {verb} not there, so the emulator's built-in ones stand in",
        files.join(" and ")
    ))
}

/// Under `--emulated`, the credential files a config names but the repository does not hold
/// (`examples/flutter-chat` commits no APNs key and no service account) are the emulator's
/// built-in ones, as the online check uses them: their `credential-missing` findings go, and
/// what stands in is returned to be said on stderr. Mirrors the conditions of
/// `vendors::apns::from_config` and `vendors::fcm::from_config`.
pub fn drop_files_the_emulator_stands_in(
    config: &Config,
    findings: &mut Vec<Finding>,
) -> Vec<&'static str> {
    use crate::emulator::{BUILTIN_APNS_KEY_ID, BUILTIN_APNS_TEAM_ID};
    let apns_builtin = config.path(Section::Apns, "certificate").is_none()
        && config
            .text(Section::Apns, "key-id")
            .is_none_or(|id| id.value.trim() == BUILTIN_APNS_KEY_ID)
        && config
            .text(Section::Apns, "team-id")
            .is_none_or(|id| id.value.trim() == BUILTIN_APNS_TEAM_ID);
    let stands_in = |finding: &Finding| {
        let pointer = finding.location.as_ref().map(|l| l.pointer.as_str());
        match (finding.rule, finding.vendor, pointer) {
            (Rule::CredentialMissing, Some(Vendor::Apns), Some("/apns/key-file"))
                if apns_builtin =>
            {
                Some("the APNs key")
            }
            (Rule::CredentialMissing, Some(Vendor::Fcm), Some("/fcm/service-account")) => {
                Some("the FCM service account")
            }
            _ => None,
        }
    };
    let mut replaced = Vec::new();
    findings.retain(|finding| match stands_in(finding) {
        Some(what) => {
            replaced.push(what);
            false
        }
        None => true,
    });
    replaced
}
