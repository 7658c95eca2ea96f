//! The fuzz targets' entries into the readers of the app's files (`crate::fuzzing` lists them):
//! each reads one file's bytes as the reader would find it in a project.

use super::source::Source;

fn source(name: &str, bytes: &[u8]) -> Source {
    Source::new(name.to_owned(), name.into(), bytes.to_vec())
}

/// uni-app's `manifest.json` (JSON with comments).
pub fn uniapp_manifest(bytes: &[u8]) {
    let _ = super::uniapp::read(&source("manifest.json", bytes));
}

/// `AndroidManifest.xml`.
pub fn android_manifest(bytes: &[u8]) {
    let _ = super::android::read(&source("AndroidManifest.xml", bytes));
}

/// `build.gradle`/`build.gradle.kts`/`settings.gradle`, and uni-app's
/// `manifestPlaceholders.json`.
pub fn gradle(bytes: &[u8]) {
    let _ = super::gradle::read(&source("build.gradle", bytes));
    let _ = super::gradle::read_placeholder_json(&source("manifestPlaceholders.json", bytes));
}

/// An entitlements file, `Info.plist` (XML or binary) and `project.pbxproj`.
pub fn plist(bytes: &[u8]) {
    let _ = super::ios::read_entitlements(&source("App.entitlements", bytes));
    let _ = super::ios::read_info_plist(&source("Info.plist", bytes));
    let source = source("project.pbxproj", bytes);
    let _ = super::ios::read_pbxproj(&source);
    let _ = super::ios::read_build_configurations(&source);
}

/// A provisioning profile (`.mobileprovision`).
pub fn provisioning_profile(bytes: &[u8]) {
    let _ = super::ios::read_profile(&source("embedded.mobileprovision", bytes));
}

/// `google-services.json` and `agconnect-services.json`.
pub fn vendor_json(bytes: &[u8]) {
    let _ = super::firebase::read(&source("google-services.json", bytes));
    let _ = super::agconnect::read(&source("agconnect-services.json", bytes));
}
