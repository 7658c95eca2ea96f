//! Google FCM: a service-account JSON from the Firebase console (`apns-fcm-tim.md` B.1), whose
//! project must be the app's (`google-services.json`, B.7). The file is checked by
//! `credentials::fcm`.

use crate::config::Section;
use crate::credentials::{check_fcm, FcmInput};
use crate::findings::{Finding, Rule};
use crate::vendor::Vendor;
use crate::vendors::OfflineContext;

/// Fcm's offline checks (its [`PushVendor`](crate::vendors::PushVendor) `check_offline`).
pub(super) fn check(ctx: &mut OfflineContext<'_>) {
    crate::vendors::check_business_id(Vendor::Fcm, ctx);
    let Some(service_account) = ctx.config.path(Section::Fcm, "service-account") else {
        let mut finding = Finding::new(Rule::CredentialMissing, "`fcm.service-account` is not set")
            .vendor(Vendor::Fcm)
            .help("download a private key in the Firebase console (Project settings > Service accounts) and set service-account = \"path/to/it.json\"");
        finding.location = ctx.section_location(Section::Fcm);
        ctx.report(finding);
        return;
    };
    let output = check_fcm(&FcmInput {
        service_account,
        google_services_project_id: ctx.project.google_services_project_id.clone(),
    });
    ctx.findings.extend(output.findings);
    ctx.failures.extend(output.failures);
}
