//! Where the vendors' services files must be for a TIMPush build: Honor's `mcs-services.json`
//! (and for which package), FCM's `google-services.json`.

use super::super::super::layout::{join, Scan};
use super::super::super::{claim, Expectations};
use super::rules::Target;
use crate::findings::{Finding, Rule};
use crate::vendor::Vendor;

// ---------------------------------------------------------------------------------------------
// honor-mcs-services-missing, fcm-google-services-missing

/// True when `rel` is the vendor file at the target's place, or (Gradle) a build variant's copy
/// under `src/<variant>/`.
fn fits(target: &Target, rel: &str, name: &str) -> bool {
    rel == join(&target.files_dir, name)
        || target.module.as_ref().is_some_and(|module| {
            let src = if module.is_empty() {
                "src/".to_owned()
            } else {
                format!("{module}/src/")
            };
            rel.strip_prefix(&src)
                .and_then(|rest| rest.split_once('/'))
                .is_some_and(|(_, file)| file == name)
        })
}

/// The package the app is built as: `pushdiag.toml`'s, else the build's.
fn app_package(scan: &Scan, expect: &Expectations) -> Option<String> {
    if let Some(package) = &expect.package {
        return Some(package.value.clone());
    }
    [claim::APPLICATION_ID, claim::UNIAPP_ANDROID]
        .iter()
        .find_map(|what| scan.facts.package_claims.iter().find(|c| c.what == *what))
        .map(|c| c.value.clone())
}

fn shown(scan: &Scan, rel: &str) -> String {
    super::super::super::layout::shown(&scan.facts.root, rel)
}

pub(super) fn mcs_services(
    scan: &Scan,
    expect: &Expectations,
    target: &Target,
    out: &mut Vec<Finding>,
) {
    let name = "mcs-services.json";
    let expected = shown(scan, &join(&target.files_dir, name));
    let files = &scan.android_push.mcs_services;
    let Some(file) = files.iter().find(|f| fits(target, &f.rel, name)) else {
        let (message, at) = match files.first() {
            Some(stray) => (
                format!("mcs-services.json is at `{}`, but the Honor SDK reads it from `{expected}`", stray.display),
                Some(stray.top.clone()),
            ),
            None => (
                format!("Honor is configured but there is no mcs-services.json at `{expected}`: the Honor SDK cannot identify the app and gets no token"),
                Some(target.anchor.clone()),
            ),
        };
        let mut finding = Finding::new(Rule::HonorMcsServicesMissing, message)
            .help(format!(
                "download mcs-services.json for the app from the Honor developer console and put it at `{expected}`"
            ))
            .vendor(Vendor::Honor);
        if let Some(at) = at {
            finding = finding.at(at);
        }
        out.push(finding);
        return;
    };
    let (Some(have), Some(want)) = (&file.package, app_package(scan, expect)) else {
        return;
    };
    if have.value != want {
        let mut finding = Finding::new(
            Rule::HonorMcsServicesMissing,
            format!(
                "`{}` is for the package \"{}\" but the app is \"{want}\": the Honor SDK gets no token for this app",
                file.display, have.value
            ),
        )
        .help(format!("download mcs-services.json again from the Honor developer console, for the app {want}"))
        .vendor(Vendor::Honor);
        if let Some(at) = &have.location {
            finding = finding.at(at.clone());
        }
        out.push(finding);
    }
}

pub(super) fn google_services(scan: &Scan, target: &Target, out: &mut Vec<Finding>) {
    let name = "google-services.json";
    let present = scan
        .facts
        .files_read
        .iter()
        .filter_map(|p| p.to_str())
        .any(|rel| fits(target, &rel.replace('\\', "/"), name));
    if present {
        return;
    }
    let expected = shown(scan, &join(&target.files_dir, name));
    out.push(
        Finding::new(
            Rule::FcmGoogleServicesMissing,
            format!("FCM is configured but there is no google-services.json at `{expected}`: Firebase cannot start in the app, so it gets no FCM token"),
        )
        .help(format!(
            "download google-services.json from the Firebase console (Project settings > Your apps > the Android app) and put it at `{expected}`"
        ))
        .vendor(Vendor::Fcm)
        .at(target.anchor.clone()),
    );
}
