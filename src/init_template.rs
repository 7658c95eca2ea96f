//! The `pushdiag.toml` that `pushdiag init` writes: what the app's files and code already say
//! (package, vendor ids and keys, the certificate IDs its push registration passes), secrets as
//! `{ env = "…" }` references, and every gap a `# TODO` comment, never a value that fails a check.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::Kind;
use crate::findings::Located;
use crate::project::code::{is_placeholder, Build, Field, Registered};
use crate::project::ProjectFacts;
use crate::vendor::Vendor;
use crate::vendors::spec::Init;

/// The written text, and for each value taken from the app, where it came from (said on stderr).
pub struct Template {
    pub text: String,
    pub sources: Vec<String>,
}

/// The config text for what the project shows. Sections for vendors the app shows signs of are
/// active; the others are commented out, ready to fill in.
/// What the project does not say is a `# TODO` comment, never a value that fails a check.
pub fn render(facts: &ProjectFacts, project: &std::path::Path) -> Template {
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
    // What the project's files and code say, by section and key; a key they disagree on is
    // left blank (said on stderr), never decided by init.
    let candidates = candidates(facts, ios_bundle.as_deref());
    let found = |vendor: Vendor, key: &str| -> Option<String> {
        match candidates.get(&(vendor, key.to_owned()))?.as_slice() {
            [one] if key.starts_with("business-id") || key == "sdk-app-id" => {
                Some(one.value.clone())
            }
            [one] => Some(quote(&one.value)),
            _ => None,
        }
    };
    // The sections the template shows, in the order their specs give; a section is active when
    // the app shows signs of the vendor. Vendors without a place are left for the user to add.
    let mut sections: Vec<(u8, Vendor, bool)> = crate::vendors::all()
        .iter()
        .filter_map(|v| {
            let spec = v.spec();
            let registers = candidates.keys().any(|(vendor, _)| *vendor == spec.vendor);
            spec.init
                .map(|init| (init.place, spec.vendor, (init.active)(facts) || registers))
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
    Template {
        text: out,
        sources: sources(&candidates),
    }
}

/// A value the app's files or code give for a config key, and where.
struct Candidate {
    value: String,
    /// In words, with file and line: "`xiaomiPushAppId` in timpush-configs.json (path:5)".
    place: String,
}

/// The config key a registered value fills: APNs IDs by the build they apply to, a single APNs
/// ID by the environment the app's entitlements name (none: not placed, never guessed).
fn config_key(facts: &ProjectFacts, registered: &Registered) -> Option<&'static str> {
    const DEV: &str = "business-id-development";
    const PROD: &str = "business-id-production";
    match (registered.vendor, registered.field, registered.build) {
        (Vendor::Apns, Field::BusinessId, Build::Debug) => Some(DEV),
        (Vendor::Apns, Field::BusinessId, Build::Release) => Some(PROD),
        (Vendor::Apns, Field::BusinessId, Build::Any) => {
            match facts.aps_environments.first().map(|e| e.value.trim()) {
                Some("development") => Some(DEV),
                Some("production") => Some(PROD),
                _ => None,
            }
        }
        // The AppSecret is a secret: written as an `{ env = … }` reference, never copied.
        (_, Field::AppSecret, _) => None,
        (Vendor::Tim, Field::AppId, _) => Some("sdk-app-id"),
        (_, field, _) => Some(field.config_key()),
    }
}

/// Every value the app gives for a config key, by (vendor, key), each distinct value once:
/// the files' (vivo's keys as the build declares them, Huawei's app id from
/// agconnect-services.json, the bundle id, the signing environment), then what its push
/// registration passes. Placeholders are gaps, not values: the "0" and "" the uni-app plugin
/// takes for vivo when it is not used drew findings when copied.
fn candidates(
    facts: &ProjectFacts,
    ios_bundle: Option<&str>,
) -> BTreeMap<(Vendor, String), Vec<Candidate>> {
    let mut all: BTreeMap<(Vendor, String), Vec<Candidate>> = BTreeMap::new();
    let mut add = |vendor: Vendor, key: &str, value: &str, place: String| {
        let value = value.trim();
        if is_placeholder(value) {
            return;
        }
        let list = all.entry((vendor, key.to_owned())).or_default();
        if list.iter().all(|c| c.value != value) {
            list.push(Candidate {
                value: value.to_owned(),
                place,
            });
        }
    };
    let at = |what: &str, located: &Located<String>| match &located.location {
        Some(at) => format!("{what} ({}:{})", at.source, at.line),
        None => what.to_owned(),
    };
    for (vendor, key, value, what) in [
        (
            Vendor::Vivo,
            "app-id",
            &facts.vivo_app_id,
            "the vivo AppID the build declares",
        ),
        (
            Vendor::Vivo,
            "app-key",
            &facts.vivo_app_key,
            "the vivo AppKey the build declares",
        ),
        (
            Vendor::Huawei,
            "app-id",
            &facts.huawei_app_id,
            "agconnect-services.json",
        ),
    ] {
        if let Some(value) = value {
            add(vendor, key, &value.value, at(what, value));
        }
    }
    if let Some(bundle) = ios_bundle {
        add(
            Vendor::Apns,
            "bundle-id",
            bundle,
            "the iOS bundle id".to_owned(),
        );
    }
    if let Some(environment) = facts.aps_environments.first() {
        let place = at("the aps-environment entitlement", environment);
        add(Vendor::Apns, "environment", &environment.value, place);
    }
    for registered in &facts.app_code.registered {
        if let Some(key) = config_key(facts, registered) {
            let place = format!(
                "{} ({}:{})",
                registered.origin, registered.location.source, registered.location.line
            );
            add(registered.vendor, key, &registered.value, place);
        }
    }
    all
}

/// One stderr line per value taken from the app, and per key left blank because the app gives
/// two values for it.
fn sources(candidates: &BTreeMap<(Vendor, String), Vec<Candidate>>) -> Vec<String> {
    candidates
        .iter()
        .map(|((vendor, key), list)| match list.as_slice() {
            [one] => format!(
                "init: [{}] {key} = {} from {}",
                vendor.id(),
                one.value,
                one.place
            ),
            _ => format!(
                "init: [{}] {key} left blank: the app gives {}; keep the one the console shows",
                vendor.id(),
                list.iter()
                    .map(|c| format!("{} in {}", c.value, c.place))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        })
        .collect()
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
            Init::Sample(sample) => match found(vendor, key.name) {
                Some(value) => Some(value),
                None => {
                    let _ = writeln!(out, "# {} = {sample}", key.name);
                    continue;
                }
            },
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
