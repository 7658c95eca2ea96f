//! The checks on what the app's code registers: certificate IDs and client keys against
//! `pushdiag.toml`, values the readers could not follow, and the shape of
//! `timpush-configs.json`.

use super::super::layout::Scan;
use super::super::{ConfigValue, Expectations};
use super::{is_placeholder, Build, Field, Registered};
use crate::findings::{Finding, Rule};
use crate::vendor::Vendor;

pub(in crate::project) fn run(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    let code = &scan.facts.app_code;
    for registered in &code.registered {
        if !expect.vendors.contains(&registered.vendor) {
            continue;
        }
        match registered.field {
            Field::BusinessId => business_id(scan, expect, registered, out),
            Field::AppId | Field::AppKey => client_key(expect, registered, out),
            Field::AppSecret => oppo_secret(expect, registered, out),
        }
    }
    absent_business_ids(scan, expect, out);
    for unfollowed in &code.unfollowed {
        let vendor_configured = unfollowed
            .vendor
            .is_none_or(|v| expect.vendors.contains(&v));
        if !vendor_configured {
            continue;
        }
        let mut finding = Finding::new(
            Rule::AppValueNotChecked,
            format!(
                "{} is {}; pushdiag did not check it against pushdiag.toml",
                unfollowed.what, unfollowed.why
            ),
        )
        .help("check by hand that the value the build uses is the one pushdiag.toml records")
        .at(unfollowed.location.clone());
        if let Some(vendor) = unfollowed.vendor {
            finding = finding.vendor(vendor);
        }
        out.push(finding);
    }
    timpush_config_shape(scan, out);
}

/// "`pushdiag.toml` business-id-development", with the file the value came from.
fn config_name(value: &ConfigValue) -> String {
    let section = value.vendor.id();
    match &value.value.location {
        Some(at) => format!("`{}` [{section}] {}", at.source, value.key),
        None => format!("the configured [{section}] {}", value.key),
    }
}

/// The business-id keys an APNs value is compared with: the build's environment when the code
/// chooses by build, else the environment the config or the app's entitlements name; with
/// neither, either key.
fn apns_keys(scan: &Scan, expect: &Expectations, build: Build) -> Vec<&'static str> {
    const DEV: &str = "business-id-development";
    const PROD: &str = "business-id-production";
    let environment = expect
        .apns_environment
        .as_ref()
        .or(scan.facts.aps_environments.first())
        .map(|e| e.value.trim());
    match (build, environment) {
        (Build::Debug, _) => vec![DEV],
        (Build::Release, _) => vec![PROD],
        (Build::Any, Some("development")) => vec![DEV],
        (Build::Any, Some("production")) => vec![PROD],
        (Build::Any, _) => vec![DEV, PROD],
    }
}

fn business_id(
    scan: &Scan,
    expect: &Expectations,
    registered: &Registered,
    out: &mut Vec<Finding>,
) {
    let vendor = registered.vendor;
    let keys = if vendor == Vendor::Apns {
        apns_keys(scan, expect, registered.build)
    } else {
        vec!["business-id"]
    };
    let wanted: Vec<&ConfigValue> = keys
        .iter()
        .filter_map(|key| expect.config_value(vendor, key))
        .collect();
    let value = registered.value.trim();
    if is_placeholder(value) {
        let shown = if value.is_empty() {
            "empty".to_owned()
        } else {
            format!("\"{value}\"")
        };
        let set_to = match wanted.as_slice() {
            [one] => format!(
                "set it to {} ({})",
                one.value.value.trim(),
                config_name(one)
            ),
            _ => {
                "set it to the certificate ID the IM console shows for this certificate".to_owned()
            }
        };
        out.push(
            Finding::new(
                Rule::AppBusinessIdMissing,
                format!(
                    "{} is {shown}: the app registers its {} token without a certificate ID, so Tencent IM has no certificate to push it with",
                    registered.origin,
                    vendor.display_name()
                ),
            )
            .help(set_to)
            .vendor(vendor)
            .at(registered.location.clone()),
        );
        return;
    }
    if wanted.is_empty() || wanted.iter().any(|w| w.value.value.trim() == value) {
        // No config value: the config's own business-id-missing says so.
        return;
    }
    let config_says = wanted
        .iter()
        .map(|w| format!("{} is {}", config_name(w), w.value.value.trim()))
        .collect::<Vec<_>>()
        .join(" and ");
    let build = match registered.build {
        Build::Any => String::new(),
        Build::Debug => " in Debug builds".to_owned(),
        Build::Release => " in non-Debug builds".to_owned(),
    };
    out.push(
        Finding::new(
            Rule::AppBusinessIdMismatch,
            format!(
                "the app registers its {} token with certificate ID {value}{build} ({}), but {config_says}: Tencent IM pushes with the certificate the token is bound to",
                vendor.display_name(),
                registered.origin
            ),
        )
        .help(format!(
            "use the one certificate ID the IM console shows for this app's {} certificate in both places (Push settings > certificate list)",
            vendor.display_name()
        ))
        .vendor(vendor)
        .at(registered.location.clone()),
    );
}

fn client_key(expect: &Expectations, registered: &Registered, out: &mut Vec<Finding>) {
    let vendor = registered.vendor;
    // The app's "app id" for Tencent IM is the SDKAppID of `registerPush(SDKAppID, …)`.
    let key = match (vendor, registered.field) {
        (Vendor::Tim, Field::AppId) => "sdk-app-id",
        (_, field) => field.config_key(),
    };
    let Some(wanted) = expect.config_value(vendor, key) else {
        return;
    };
    let value = registered.value.trim();
    let want = wanted.value.value.trim();
    if value == want {
        return;
    }
    let app_says = if value.is_empty() {
        "is empty".to_owned()
    } else {
        format!("is \"{value}\"")
    };
    out.push(
        Finding::new(
            Rule::AppClientKeyMismatch,
            format!(
                "{} {app_says}, but {} is \"{want}\": the {} SDK in the app registers with another app's key than the one the server side uses",
                registered.origin,
                config_name(wanted),
                vendor.display_name()
            ),
        )
        .help(format!(
            "copy the {} from the {} console's app details into both places",
            if vendor == Vendor::Tim { "SDKAppID" } else { field_words(registered.field) },
            vendor.display_name()
        ))
        .vendor(vendor)
        .at(registered.location.clone()),
    );
}

fn field_words(field: Field) -> &'static str {
    match field {
        Field::BusinessId => "certificate ID",
        Field::AppId => "AppID",
        Field::AppKey => "AppKey",
        Field::AppSecret => "AppSecret",
    }
}

/// The app's OPPO AppSecret: the client-side secret, never the server-side MasterSecret, and the
/// same as the config's `app-secret`. Its value is never shown.
fn oppo_secret(expect: &Expectations, registered: &Registered, out: &mut Vec<Finding>) {
    let value = registered.value.trim();
    if value.is_empty() {
        // Commonly filled in by the build from a variable: nothing to compare.
        return;
    }
    if expect
        .oppo_master_secret
        .as_ref()
        .is_some_and(|m| m.same_as(value))
    {
        out.push(
            Finding::new(
                Rule::OppoMasterSecretIsAppSecret,
                format!(
                    "{} holds OPPO's MasterSecret, the server-side secret; the app needs the AppSecret",
                    registered.origin
                ),
            )
            .help("put the AppSecret from the OPPO push console there, and keep the MasterSecret on the server only")
            .vendor(Vendor::Oppo)
            .at(registered.location.clone()),
        );
        return;
    }
    if expect
        .oppo_app_secret
        .as_ref()
        .is_some_and(|s| !s.same_as(value))
    {
        out.push(
            Finding::new(
                Rule::AppClientKeyMismatch,
                format!(
                    "{} differs from pushdiag.toml's [oppo] app-secret (neither value is shown)",
                    registered.origin
                ),
            )
            .help("copy the AppSecret from the OPPO push console's app details into both places")
            .vendor(Vendor::Oppo)
            .at(registered.location.clone()),
        );
    }
}

/// A configured Android vendor for which the app registers no certificate ID at all, while it
/// registers one for another Android vendor (so the registration was found and read).
fn absent_business_ids(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    let ids: Vec<&Registered> = scan
        .facts
        .app_code
        .registered
        .iter()
        .filter(|r| r.field == Field::BusinessId && r.vendor != Vendor::Apns)
        .collect();
    let Some(seen) = ids.first() else {
        return;
    };
    for &vendor in &expect.vendors {
        let android = !matches!(vendor, Vendor::Apns | Vendor::Tim);
        if !android || ids.iter().any(|r| r.vendor == vendor) {
            continue;
        }
        let set_to = expect
            .config_value(vendor, "business-id")
            .map(|w| format!(" ({} is {})", config_name(w), w.value.value.trim()))
            .unwrap_or_default();
        out.push(
            Finding::new(
                Rule::AppBusinessIdMissing,
                format!(
                    "{} is configured, but the app's push registration gives no {} certificate ID beside the other vendors' ({} is one of them): its {} tokens are registered without one, and Tencent IM cannot push through them",
                    vendor.display_name(),
                    vendor.display_name(),
                    seen.origin,
                    vendor.display_name()
                ),
            )
            .help(format!(
                "add the {} certificate ID from the IM console beside the others{set_to}",
                vendor.display_name()
            ))
            .vendor(vendor)
            .at(seen.location.clone()),
        );
    }
}

/// `timpush-configs.json` shape problems, and more than one package member.
fn timpush_config_shape(scan: &Scan, out: &mut Vec<Finding>) {
    for config in &scan.timpush_configs {
        for (problem, at) in &config.problems {
            out.push(
                Finding::new(
                    Rule::TimpushConfigInvalid,
                    format!("`{}`: {problem}", config.display),
                )
                .help("TIMPush reads this file at start-up; a key it does not read is ignored silently")
                .at(at.clone()),
            );
        }
        if config.packages.len() > 1 {
            let names: Vec<&str> = config.packages.iter().map(|p| p.value.as_str()).collect();
            let at = config.packages[1]
                .location
                .clone()
                .unwrap_or_else(|| config.top.clone());
            out.push(
                Finding::new(
                    Rule::TimpushConfigInvalid,
                    format!(
                        "`{}` has {} package members ({}); TIMPush reads only the one named after the applicationId",
                        config.display,
                        names.len(),
                        names.join(", ")
                    ),
                )
                .help("keep one member, named after the app's applicationId; use a custom config file per build flavor instead")
                .at(at),
            );
        }
    }
}
