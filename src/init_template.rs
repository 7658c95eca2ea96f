//! The `pushdiag.toml` that `pushdiag init` writes: what the app's files and code already say
//! (package, vendor ids and keys, the certificate IDs its push registration passes), secrets as
//! `{ env = "…" }` references, and every gap a `# TODO` comment, never a value that fails a check.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::Kind;
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
    let from_code = from_app_code(facts);
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
        // fill, not a value to copy: copied, it drew findings.
        let placeholder = |v: &str| v.trim().is_empty() || (vendor == Vendor::Vivo && v == "0");
        let from_files = value.filter(|v| !placeholder(v)).map(|v| quote(v));
        from_files.or_else(|| match from_code.get(&(vendor, key.to_owned()))? {
            Chosen::One(registered) if key.starts_with("business-id") => {
                Some(registered.value.trim().to_owned())
            }
            Chosen::One(registered) => Some(quote(registered.value.trim())),
            Chosen::Conflict(_) => None,
        })
    };
    // The sections the template shows, in the order their specs give; a section is active when
    // the app shows signs of the vendor. Vendors without a place are left for the user to add.
    let mut sections: Vec<(u8, Vendor, bool)> = crate::vendors::all()
        .iter()
        .filter_map(|v| {
            let spec = v.spec();
            let registers = from_code.keys().any(|(vendor, _)| *vendor == spec.vendor);
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
        sources: sources(&from_code),
    }
}

/// What the app's code registers for one config key: one value, or several that disagree (left
/// for the user to choose: init never picks one of them).
enum Chosen<'a> {
    One(&'a Registered),
    Conflict(Vec<&'a Registered>),
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
        (_, field, _) => Some(field.config_key()),
    }
}

/// The values of the app's code by (vendor, config key); placeholders are gaps, not values.
fn from_app_code(facts: &ProjectFacts) -> BTreeMap<(Vendor, String), Chosen<'_>> {
    let mut chosen: BTreeMap<(Vendor, String), Chosen<'_>> = BTreeMap::new();
    for registered in &facts.app_code.registered {
        if is_placeholder(&registered.value) {
            continue;
        }
        let Some(key) = config_key(facts, registered) else {
            continue;
        };
        let entry = chosen.entry((registered.vendor, key.to_owned()));
        match entry {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(Chosen::One(registered));
            }
            std::collections::btree_map::Entry::Occupied(mut slot) => {
                let same = |r: &Registered| r.value.trim() == registered.value.trim();
                let all = match slot.get() {
                    Chosen::One(first) if same(first) => continue,
                    Chosen::One(first) => vec![*first, registered],
                    Chosen::Conflict(list) if list.iter().any(|r| same(r)) => continue,
                    Chosen::Conflict(list) => {
                        let mut list = list.clone();
                        list.push(registered);
                        list
                    }
                };
                slot.insert(Chosen::Conflict(all));
            }
        }
    }
    chosen
}

/// One stderr line per value taken from the app's code, and per key left blank because the app
/// registers two values.
fn sources(chosen: &BTreeMap<(Vendor, String), Chosen<'_>>) -> Vec<String> {
    let place =
        |r: &Registered| format!("{} ({}:{})", r.origin, r.location.source, r.location.line);
    chosen
        .iter()
        .map(|((vendor, key), chosen)| match chosen {
            Chosen::One(r) => format!(
                "init: [{}] {key} = {} from {}",
                vendor.id(),
                shown_value(r),
                place(r)
            ),
            Chosen::Conflict(list) => format!(
                "init: [{}] {key} left blank: the app registers {}; keep the one the console shows",
                vendor.id(),
                list.iter()
                    .map(|r| format!("{} in {}", shown_value(r), place(r)))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        })
        .collect()
}

fn shown_value(registered: &Registered) -> &str {
    registered.value.trim()
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
