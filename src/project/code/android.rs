//! Native Android on TIMPush, and the Android side of Flutter's `tencent_cloud_chat_push` and
//! uni-app's `TencentCloud-Push`: which push SDK the app module builds with (the
//! `com.tencent.timpush:<vendor>` artifacts and the vendor Gradle plugins), the uni-app plugin's
//! `utssdk/app-android/config.json`, Honor's `mcs-services.json`, and a custom config file named
//! through `setPushConfig`. The rules on all of it are in [`rules`].
// Facts: ../shared/reference/timpush.md §1.1 (custom file), §1.2 (Gradle facts, placement).

mod config_rules;
mod custom_file;
mod git_index;
mod rules;
mod vendor_files;

use std::path::Path;
use std::sync::Arc;

use super::super::layout::{file_name, parent, under, Scan, Tree};
use super::super::source::{parse_json, JNode, Source};
use super::Stack;
use crate::findings::{Located, Location};

pub(in crate::project) use rules::check;

/// The group of TIMPush's Android artifacts.
pub(in crate::project) const TIMPUSH_GROUP: &str = "com.tencent.timpush";

/// Where the uni-app `TencentCloud-Push` plugin lists its Android build: dependencies and
/// Gradle plugins.
pub(in crate::project) const UNI_PUSH_CONFIG: &str =
    "uni_modules/TencentCloud-Push/utssdk/app-android/config.json";

/// What the reader found, for the rules.
#[derive(Debug, Default)]
pub(in crate::project) struct AndroidPush {
    /// Each uni-app `TencentCloud-Push` plugin's `config.json`.
    pub uni_builds: Vec<UniBuild>,
    /// Every `mcs-services.json` (Honor) of the app.
    pub mcs_services: Vec<McsServices>,
}

/// The uni-app plugin's `utssdk/app-android/config.json`.
#[derive(Debug)]
pub(in crate::project) struct UniBuild {
    /// The uni-app's folder (`""` for the root).
    pub app_dir: String,
    pub display: Arc<str>,
    /// The `com.tencent.timpush` artifacts: name and literal version.
    pub artifacts: Vec<(String, Option<String>)>,
    /// Gradle plugin ids named anywhere in the file.
    pub plugins: Vec<String>,
    /// Where dependencies go: the `dependencies` member, else the file's start.
    pub anchor: Location,
}

/// Honor's `mcs-services.json`: `{"developer_id", "app_id", "package_name", "version"}` in
/// the files the Honor console hands out.
#[derive(Debug)]
pub(in crate::project) struct McsServices {
    pub rel: String,
    pub display: Arc<str>,
    pub package: Option<Located<String>>,
    pub top: Location,
}

/// Runs the Android reader over the walked tree (after `timpush_config::read`).
pub(in crate::project) fn read(root: &Path, tree: &Tree, scan: &mut Scan) {
    detect_gradle_stacks(tree, scan);
    for rel in tree
        .files
        .iter()
        .filter(|rel| rel.ends_with(UNI_PUSH_CONFIG))
    {
        let app_dir = rel
            .strip_suffix(UNI_PUSH_CONFIG)
            .unwrap_or_default()
            .trim_end_matches('/');
        let app_dir = app_dir.to_owned();
        if let Some(build) = scan.read(root, rel, |source| read_uni_build(source, app_dir)) {
            scan.facts.app_code.add_stack(Stack::UniAppTencentCloudPush);
            scan.android_push.uni_builds.push(build);
        }
    }
    let mcs = tree
        .named(&["mcs-services.json"])
        .filter(|rel| !under(rel, "uni_modules") && !under(rel, "nativeplugins"));
    for rel in mcs {
        if let Some(file) = scan.read(root, rel, read_mcs_services) {
            scan.android_push.mcs_services.push(file);
        }
    }
    custom_file::read(root, tree, scan);
}

/// A native app module that builds with TIMPush or the legacy TUIOfflinePush. A Flutter app's
/// `android/app` is left to the Flutter reader: its push SDK comes with the Dart plugin.
fn detect_gradle_stacks(tree: &Tree, scan: &mut Scan) {
    let mut stacks = Vec::new();
    for gradle in scan.gradles.iter().filter(|g| g.is_app) {
        let module = parent(&gradle.rel);
        if scan.flutter_android.iter().any(|m| m == module) {
            continue;
        }
        let timpush = gradle.coordinates.iter().any(|c| c.group == TIMPUSH_GROUP)
            || gradle.catalog_refs.iter().any(|r| r.contains("timpush"));
        if timpush {
            stacks.push(Stack::AndroidTimPush);
        }
        let legacy = gradle
            .coordinates
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case("tuiofflinepush"))
            || gradle
                .projects
                .iter()
                .any(|p| file_name(&p.replace(':', "/")).eq_ignore_ascii_case("tuiofflinepush"));
        if legacy {
            stacks.push(Stack::AndroidTuiOfflinePush);
        }
    }
    // A `tuiofflinepush` module copied into a native project (Tencent's TUIKit sources).
    let has_native_app = scan
        .gradles
        .iter()
        .any(|g| g.is_app && !scan.flutter_android.iter().any(|m| m == parent(&g.rel)));
    let module = tree.files.iter().any(|rel| {
        matches!(file_name(rel), "build.gradle" | "build.gradle.kts")
            && file_name(parent(rel)).eq_ignore_ascii_case("tuiofflinepush")
    });
    if has_native_app && module {
        stacks.push(Stack::AndroidTuiOfflinePush);
    }
    for stack in stacks {
        scan.facts.app_code.add_stack(stack);
    }
}

/// Reads the plugin's `config.json`. Its exact shape for TencentCloud-Push is not documented
/// where we looked (DCloud's uts plugins list `dependencies` as strings or `{"id", "source"}`
/// objects, and Gradle plugins under `plugins` or `project.plugins`), so the reading is
/// tolerant: every string anywhere in the file that holds a `com.tencent.timpush:` coordinate
/// is an artifact, and every string that is a known vendor plugin id is a plugin. A wrong guess
/// can only hide a finding, never invent one.
fn read_uni_build(source: &Source, app_dir: String) -> anyhow::Result<UniBuild> {
    let root = parse_json(source, true)?;
    let mut build = UniBuild {
        app_dir,
        display: source.display.clone(),
        artifacts: Vec::new(),
        plugins: Vec::new(),
        anchor: root
            .get("dependencies")
            .map(|node| source.locate(node.start, node.pointer.clone()))
            .unwrap_or_else(|| source.top()),
    };
    let mut pending: Vec<&JNode> = vec![&root];
    while let Some(node) = pending.pop() {
        pending.extend(node.items());
        pending.extend(node.members().iter().map(|(_, value)| value));
        let Some(text) = node.as_str() else { continue };
        build.artifacts.extend(timpush_artifacts(text));
        if rules::PLUGINS.iter().any(|(_, id)| *id == text.trim()) {
            build.plugins.push(text.trim().to_owned());
        }
    }
    Ok(build)
}

/// The `com.tencent.timpush:<name>[:<version>]` coordinates inside a string (a bare coordinate,
/// or a Gradle line such as `implementation 'com.tencent.timpush:honor:8.7.7201'`).
fn timpush_artifacts(text: &str) -> Vec<(String, Option<String>)> {
    let prefix = format!("{TIMPUSH_GROUP}:");
    let mut found = Vec::new();
    for (at, _) in text.match_indices(&prefix) {
        let rest = &text[at + prefix.len()..];
        let end = rest
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '+'))
            })
            .unwrap_or(rest.len());
        let mut parts = rest[..end].splitn(2, ':');
        let name = parts.next().unwrap_or_default();
        if name.is_empty() {
            continue;
        }
        let version = parts.next().filter(|v| !v.is_empty()).map(str::to_owned);
        found.push((name.to_owned(), version));
    }
    found
}

fn read_mcs_services(source: &Source) -> anyhow::Result<McsServices> {
    let root = parse_json(source, false)?;
    let package = root.get("package_name").and_then(|node| {
        Some(Located::new(
            node.as_str()?.to_owned(),
            Some(source.locate(node.start, node.pointer.clone())),
        ))
    });
    Ok(McsServices {
        rel: source.rel.clone(),
        display: source.display.clone(),
        package,
        top: source.top(),
    })
}

/// The fuzz target `android_code` (`crate::fuzzing`): the Java/Kotlin `customConfigFile`
/// finder, the Gradle artifact coordinates, and uni-app's Android build and MCS JSON files.
pub(in crate::project) fn fuzz(bytes: &[u8]) {
    if let Ok(blanked) = super::super::source::blank_comments(bytes, true) {
        let _ = custom_file::names(&blanked);
    }
    let _ = timpush_artifacts(&String::from_utf8_lossy(bytes));
    let source = Source::new(
        "package.json".to_owned(),
        "package.json".into(),
        bytes.to_vec(),
    );
    let _ = read_uni_build(&source, String::new());
    let _ = read_mcs_services(&source);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source::new("c.json".into(), "c.json".into(), text.as_bytes().to_vec())
    }

    #[test]
    fn uni_build_reads_strings_objects_and_plugins_anywhere() {
        let build = read_uni_build(
            &source(
                r#"{ // HBuilderX allows comments
  "minSdkVersion": "21",
  "dependencies": ["com.tencent.timpush:honor:8.7.7201",
    {"id": "com.tencent.timpush:vivo", "source": "implementation 'com.tencent.timpush:vivo:8.7.7201'"}],
  "project": {"plugins": ["com.google.gms.google-services"]}
}"#,
            ),
            String::new(),
        )
        .expect("parses");
        let mut names: Vec<&str> = build.artifacts.iter().map(|(n, _)| n.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names, ["honor", "vivo"]);
        assert!(build
            .artifacts
            .contains(&("honor".to_owned(), Some("8.7.7201".to_owned()))));
        assert_eq!(build.plugins, ["com.google.gms.google-services"]);
        assert_eq!(build.anchor.line, 3);
    }

    #[test]
    fn mcs_services_package() {
        let file = read_mcs_services(&source(
            "{\n\t\"developer_id\":\"1\",\n\t\"app_id\":\"2\",\n\t\"package_name\":\"com.a\",\n\t\"version\":\"1.0\"\n}",
        ))
        .expect("parses");
        let package = file.package.expect("package");
        assert_eq!(package.value, "com.a");
        assert_eq!(package.location.map(|l| l.line), Some(4));
    }

    #[test]
    fn artifacts_inside_gradle_lines() {
        assert_eq!(
            timpush_artifacts("implementation \"com.tencent.timpush:fcm:8.6+\""),
            [("fcm".to_owned(), Some("8.6+".to_owned()))]
        );
        assert!(timpush_artifacts("com.tencent.timpush:").is_empty());
    }
}

#[cfg(test)]
#[path = "android/tests.rs"]
mod project_tests;
