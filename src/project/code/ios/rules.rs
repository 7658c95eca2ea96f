//! The iOS rules: `ios-push-delegate-missing` and `apns-business-id-build-mismatch`. Comparing
//! the IDs with `pushdiag.toml` is the central check's job (`code::check`), not done here.

use super::super::super::layout::Scan;
use super::super::super::Expectations;
use super::super::Registered;
use super::{Build, BuildConfiguration, DelegateProblem};
use crate::findings::{Finding, Rule};
use crate::vendor::Vendor;

/// The consequence, after "TIMPush reads the APNs certificate ID from the app delegate, …".
const NOTHING_ARRIVES: &str =
    "TIMPush reads the APNs certificate ID from the app delegate: registration, login and sends all succeed and nothing ever arrives";

pub(in crate::project) fn check(scan: &Scan, expect: &Expectations, out: &mut Vec<Finding>) {
    if !expect.vendors.contains(&Vendor::Apns) {
        return;
    }
    delegate(scan, out);
    build_mismatch(scan, out);
}

// ---------------------------------------------------------------------------------------------
// ios-push-delegate-missing

fn delegate(scan: &Scan, out: &mut Vec<Finding>) {
    let code = &scan.ios.code;
    if !code.timpush {
        return;
    }
    // TIMPush asks `UIApplication.shared.delegate`; one adopting type that hands over an ID is
    // taken to be it (pushdiag does not work out which class is the delegate).
    if code.delegates.iter().any(|d| d.problem.is_none()) {
        return;
    }
    if code.delegates.is_empty() {
        let mut finding = Finding::new(
            Rule::IosPushDelegateMissing,
            format!("no class of the iOS app adopts TIMPushDelegate, and {NOTHING_ARRIVES}"),
        )
        .help("declare the app delegate as adopting TIMPushDelegate (Swift: `class AppDelegate: FlutterAppDelegate, TIMPushDelegate`; Objective-C: `@interface AppDelegate () <TIMPushDelegate>`) and implement `businessID` returning the IM console's APNs certificate ID (for tencent_cloud_chat_push: `TencentCloudChatPushFlutterModal.shared.businessID()`)")
        .vendor(Vendor::Apns);
        if let Some(at) = &code.anchor {
            finding = finding.at(at.clone());
        }
        out.push(finding);
        return;
    }
    for delegate in &code.delegates {
        let name = &delegate.type_name;
        let (message, at, help) = match &delegate.problem {
            None => continue,
            Some(DelegateProblem::NoMethod) => (
                format!("`{name}` adopts TIMPushDelegate but has no `businessID` (nor the deprecated `offlinePushCertificateID`), and {NOTHING_ARRIVES}"),
                delegate.at.clone(),
                "implement `businessID` returning the IM console's APNs certificate ID: Swift `@objc func businessID() -> Int32 { return 1234567 }`, Objective-C `- (int)businessID { return 1234567; }`",
            ),
            Some(DelegateProblem::DeprecatedWithoutObjc(at)) => (
                format!("`{name}` implements the deprecated `offlinePushCertificateID()` without `@objc`, and no `businessID`: Objective-C does not see the method, and {NOTHING_ARRIVES}"),
                at.clone(),
                "rename it to `businessID` (`@objc func businessID() -> Int32`), or add `@objc` as Tencent's guide asks for the deprecated name",
            ),
        };
        out.push(
            Finding::new(Rule::IosPushDelegateMissing, message)
                .help(help)
                .vendor(Vendor::Apns)
                .at(at),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// apns-business-id-build-mismatch

/// Why a configuration that is not Debug is signed for development, or `None`.
///
/// Xcode's `.entitlements` says "development" in every configuration, and archiving for the App
/// Store or Ad Hoc re-signs it "production"; so the entitlements file alone counts only for
/// configurations that are run on devices rather than archived (Flutter's Profile, a Staging):
/// not Release, nor one named for a distribution (Ad Hoc, App Store, Distribution). A
/// development identity with a provisioning profile named for development (fastlane match's
/// "match Development …", Xcode's "… Development") counts for every configuration.
// The reference has no source for this; the choice is ours (docs/stacks.md, Native iOS).
fn signed_for_development(config: &BuildConfiguration, scan: &Scan) -> Option<String> {
    let identity = config.identity.as_deref().unwrap_or_default();
    let profile = config.profile.as_deref().unwrap_or_default();
    let dev_identity =
        identity.starts_with("iPhone Developer") || identity.starts_with("Apple Development");
    if dev_identity && profile.to_ascii_lowercase().contains("develop") {
        return Some(format!(
            "it is signed with \"{identity}\" and the provisioning profile \"{profile}\""
        ));
    }
    let squashed: String = config
        .name
        .to_ascii_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let archived = squashed == "release"
        || ["adhoc", "appstore", "distribution"]
            .iter()
            .any(|d| squashed.contains(d));
    if archived {
        return None;
    }
    let rel = config.entitlements.as_deref()?;
    let file = scan.ios.entitlements.iter().find(|e| e.rel == rel)?;
    let aps = file.aps.as_ref()?;
    (aps.value.trim() == "development").then(|| {
        format!(
            "its entitlements `{}` set aps-environment \"development\"",
            file.display
        )
    })
}

fn build_mismatch(scan: &Scan, out: &mut Vec<Finding>) {
    let per_build = &scan.ios.code.per_build;
    let of = |build: Build| -> Vec<&Registered> {
        per_build.iter().filter(|r| r.build == build).collect()
    };
    let (debug, release) = (of(Build::Debug), of(Build::Release));
    let Some(production) = release.first() else {
        return;
    };
    let values = |list: &[&Registered]| {
        list.iter()
            .map(|r| r.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let debug_part = if debug.is_empty() {
        String::new()
    } else {
        format!("; Debug builds get {}", values(&debug))
    };
    let mut seen: Vec<&str> = Vec::new();
    for config in &scan.ios.code.configurations {
        if config.name.to_ascii_lowercase().contains("debug")
            || seen.contains(&config.name.as_str())
        {
            continue;
        }
        let Some(why) = signed_for_development(config, scan) else {
            continue;
        };
        seen.push(&config.name);
        out.push(
            Finding::new(
                Rule::ApnsBusinessIdBuildMismatch,
                format!(
                    "the build configuration `{}` is signed for development ({why}), so its devices get sandbox APNs tokens, but `#if DEBUG` hands the SDK the production certificate ID {} there ({}{debug_part}): the tokens are bound to the production certificate and no push reaches them",
                    config.name,
                    values(&release),
                    production.origin,
                ),
            )
            .help(format!(
                "sign `{}` with a distribution (Ad Hoc or App Store) profile, or choose the certificate ID by how the build is signed rather than by DEBUG (a compilation condition set in every configuration signed for development)",
                config.name
            ))
            .vendor(Vendor::Apns)
            .at(config.at.clone()),
        );
    }
}
