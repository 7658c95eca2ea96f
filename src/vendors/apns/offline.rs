//! Apple APNs: token auth (a `.p8` key, key id, team id) or certificate auth (a `.p12` with its
//! password); the business ID differs per environment (`apns-fcm-tim.md` A.3, A.4, D.11). The
//! key and certificate themselves are checked by `credentials::apns`.

use crate::config::Section;
use crate::credentials::{check_apns, ApnsEnvironment, ApnsInput, CertEnvironment};
use crate::findings::{Finding, Located, Rule};
use crate::vendor::Vendor;
use crate::vendors::{check_credentials, OfflineContext};

/// Apns's offline checks (its [`PushVendor`](crate::vendors::PushVendor) `check_offline`).
pub(super) fn check(ctx: &mut OfflineContext<'_>) {
    let section = Section::Apns;
    let config = ctx.config;
    let environment = config.text(section, "environment").map(|e| {
        let value = if e.value == "production" {
            ApnsEnvironment::Production
        } else {
            ApnsEnvironment::Development
        };
        Located::new(value, e.location)
    });
    check_business_ids(ctx, environment.as_ref().map(|e| e.value));
    check_credentials(Vendor::Apns, super::spec::SPEC.credentials(), ctx);

    let key_file = config.path(section, "key-file");
    let certificate = config.path(section, "certificate");
    if key_file.is_none() && certificate.is_none() {
        let mut finding = Finding::new(
            Rule::CredentialMissing,
            "[apns] has neither token auth (key-file, key-id, team-id) nor certificate auth (certificate, certificate-password)",
        )
        .vendor(Vendor::Apns)
        .help("add key-file = \"AuthKey_<KEYID>.p8\" with key-id and team-id, or certificate = \"push.p12\" with its password");
        finding.location = ctx.section_location(section);
        ctx.report(finding);
        return;
    }
    let bundle_id = config
        .text(section, "bundle-id")
        .or_else(|| config.text(Section::Root, "package"));
    let password = ctx.secret(Vendor::Apns, "certificate-password");
    // A password that is configured but cannot be read (an unset variable) is already a
    // credential-missing finding; opening the certificate without it would wrongly add
    // "no password configured".
    let password_unreadable =
        password.is_none() && config.setting(section, "certificate-password").is_some();
    let certificate = if password_unreadable {
        None
    } else {
        certificate
    };
    let input = ApnsInput {
        key_file,
        key_id: config.text(section, "key-id"),
        team_id: config.text(section, "team-id"),
        certificate,
        certificate_password: password,
        bundle_id,
        environment: environment.clone(),
        expiry_warning_days: config
            .integer(section, "expiry-warning-days")
            .map_or(30, |d| d.value.clamp(0, 3650) as u32),
        now: ctx.now,
    };
    let output = check_apns(&input);
    ctx.findings.extend(output.findings);
    ctx.failures.extend(output.failures);

    // With no configured environment, the certificate and the app's entitlements must still
    // agree with each other (a development-only certificate cannot reach a production build).
    if environment.is_none() {
        if let Some(cert) = output.facts.cert_environment {
            let conflicting: Vec<_> = ctx
                .project
                .aps_environments
                .iter()
                .filter(|app| {
                    matches!(
                        (cert, app.value.as_str()),
                        (CertEnvironment::Development, "production")
                            | (CertEnvironment::Production, "development")
                    )
                })
                .cloned()
                .collect();
            for app in conflicting {
                let mut finding = Finding::new(
                    Rule::ApnsEnvironmentMismatch,
                    format!("the APNs certificate is for {cert:?} only, but the app's aps-environment is \"{}\"", app.value),
                )
                .vendor(Vendor::Apns)
                .help("use a certificate for the app's environment (a universal \"Apple Push Services\" certificate covers both), or build the app for the certificate's");
                finding.location = app.location;
                ctx.report(finding);
            }
        }
    }
}

/// The IM console gives a development and a production certificate different IDs, even for one
/// universal certificate (seed 000, iOS step 1).
fn check_business_ids(ctx: &mut OfflineContext<'_>, environment: Option<ApnsEnvironment>) {
    let config = ctx.config;
    let has = |key: &str| {
        config
            .text(Section::Apns, key)
            .is_some_and(|v| !v.value.trim().is_empty())
    };
    let missing: Vec<&str> = match environment {
        Some(ApnsEnvironment::Development) if !has("business-id-development") => {
            vec!["business-id-development"]
        }
        Some(ApnsEnvironment::Production) if !has("business-id-production") => {
            vec!["business-id-production"]
        }
        None if !has("business-id-development") && !has("business-id-production") => {
            vec!["business-id-development", "business-id-production"]
        }
        _ => vec![],
    };
    if missing.is_empty() {
        return;
    }
    let mut finding = Finding::new(
        Rule::BusinessIdMissing,
        format!("[apns] has no {}: the app cannot report its device token with the certificate ID Tencent IM needs", missing.join(" or ")),
    )
    .vendor(Vendor::Apns)
    .help("copy the certificate ID(s) the IM console shows for the development and production certificates; they differ even for one certificate");
    finding.location = ctx.section_location(Section::Apns);
    ctx.report(finding);
}
