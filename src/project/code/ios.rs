//! Native iOS (and Flutter's `ios/`): what the app delegate hands TIMPush (`TIMPushDelegate`'s
//! `businessID` / deprecated `offlinePushCertificateID`) or TUIOfflinePush
//! (`TUIOfflinePushCertificateIDForAPNS(…)`), read from the app's `.swift`, `.m` and `.mm`
//! files, and the rules only iOS has: the delegate itself, and `#if DEBUG` IDs against the build
//! configurations' signing.
// Reference: ../shared/reference/timpush.md §2.1, §2.2; issue 14 "Native iOS".

mod rules;
mod scanner;
mod tokens;

use std::path::Path;

use super::super::ios::{read_build_configurations, BuildConfiguration};
use super::super::layout::{file_name, join, under, Scan, Tree};
use super::super::source::Source;
use super::{AppCode, Build, Field, Registered, Stack, Unfollowed};
use crate::findings::Location;
use crate::vendor::Vendor;
use scanner::{FileScan, Returned};
use tokens::Cond;

pub(in crate::project) use rules::check;

/// How many source files are read at most; an app delegate is found long before.
const MAX_FILES: usize = 5_000;
/// Files bigger than this are not tokenized (an app delegate is a few KB; a generated or
/// minified file is not where the ID is handed over): a note says so.
const MAX_SCAN_BYTES: usize = 2 * 1024 * 1024;
/// A file without any of these is skipped before it is tokenized.
const MARKERS: &[&[u8]] = &[
    b"TIMPush",
    b"TPush",
    b"TUIOfflinePush",
    b"businessID",
    b"offlinePushCertificateID",
    b"tencent_cloud_chat_push",
];
/// Folders whose sources are not the app's: dependencies, build output, plugins.
const NOT_APP: &[&str] = &[
    "Pods",
    "build",
    "DerivedData",
    ".symlinks",
    "Carthage",
    "SourcePackages",
    "nativeplugins",
    "uni_modules",
];

/// What the iOS readers found, for the iOS rules.
#[derive(Debug, Default)]
pub(in crate::project) struct IosCode {
    /// The app is on TIMPush on iOS: native (imports or adopts it, or its Podfile has
    /// `pod 'TIMPush'`) or Flutter with `tencent_cloud_chat_push` and an `ios/` folder.
    pub timpush: bool,
    /// Where to point when no delegate is found: the app delegate's file, else the Podfile or
    /// pubspec that says the app is on TIMPush.
    pub anchor: Option<Location>,
    /// Each type adopting `TIMPushDelegate`, with what it lacks (`None`: it hands over an ID).
    pub delegates: Vec<Delegate>,
    /// The `Build::Debug` and `Build::Release` values of `#if DEBUG` IDs.
    pub per_build: Vec<Registered>,
    /// Every `XCBuildConfiguration` of the app's Xcode projects.
    pub configurations: Vec<BuildConfiguration>,
}

#[derive(Debug)]
pub(in crate::project) struct Delegate {
    pub type_name: String,
    pub at: Location,
    pub problem: Option<DelegateProblem>,
}

#[derive(Debug, PartialEq, Eq)]
pub(in crate::project) enum DelegateProblem {
    /// Neither `businessID` nor `offlinePushCertificateID`.
    NoMethod,
    /// Swift `func offlinePushCertificateID()` without `@objc`: Objective-C, and so TIMPush, does
    /// not see it.
    DeprecatedWithoutObjc(Location),
}

/// One file worth keeping: its source and what it says.
struct Read {
    source: Source,
    scan: FileScan,
    /// Inside a Flutter app's `ios/`, whose stack the Flutter reader sets.
    in_flutter: bool,
}

/// Reads the app's Swift and Objective-C sources, Podfiles and Xcode build configurations.
pub(in crate::project) fn read(root: &Path, tree: &Tree, scan: &mut Scan) {
    let mut code = IosCode::default();
    let flutter_ios: Vec<String> = scan
        .flutter_roots
        .iter()
        .map(|dir| join(dir, "ios"))
        .collect();
    let in_flutter = |rel: &str| {
        flutter_ios
            .iter()
            .any(|dir| rel.starts_with(&format!("{dir}/")))
    };
    let app_files = tree
        .files
        .iter()
        .filter(|rel| !NOT_APP.iter().any(|dir| under(rel, dir)));
    let mut reads = Vec::new();
    let mut sources = 0;
    for rel in app_files {
        let name = file_name(rel);
        if name == "Podfile" {
            podfile(root, rel, in_flutter(rel), scan, &mut code);
            continue;
        }
        if name == "project.pbxproj" {
            if let Ok(source) = Source::load(root, rel) {
                code.configurations
                    .extend(read_build_configurations(&source));
            }
            continue;
        }
        let swift = name.ends_with(".swift");
        if !(swift || name.ends_with(".m") || name.ends_with(".mm")) {
            continue;
        }
        sources += 1;
        if sources > MAX_FILES {
            break;
        }
        // A file that cannot be read is not a failure of the run: it is not config.
        let Ok(source) = Source::load(root, rel) else {
            continue;
        };
        if !MARKERS
            .iter()
            .any(|m| memchr::memmem::find(&source.bytes, m).is_some())
        {
            continue;
        }
        scan.facts.files_read.push(rel.into());
        if source.bytes.len() > MAX_SCAN_BYTES {
            scan.facts.app_code.unfollowed.push(Unfollowed {
                vendor: Some(Vendor::Apns),
                what: format!("the push registration in `{}`", source.display),
                why: format!(
                    "in a file of {} bytes, too large to scan",
                    source.bytes.len()
                ),
                location: source.top(),
            });
            continue;
        }
        let file = scanner::scan(&source.bytes, swift);
        reads.push(Read {
            in_flutter: in_flutter(rel),
            source,
            scan: file,
        });
    }
    flutter_chat_push(root, tree, scan, &reads, &mut code);
    collect(&reads, &mut scan.facts.app_code, &mut code);
    scan.ios.code = code;
}

/// `pod 'TIMPush'` / `pod 'TUIOfflinePush'` in a Podfile (a Flutter app's Podfile never lists
/// them: the plugin's podspec does).
fn podfile(root: &Path, rel: &str, in_flutter: bool, scan: &mut Scan, code: &mut IosCode) {
    let Ok(source) = Source::load(root, rel) else {
        return;
    };
    let text = String::from_utf8_lossy(&source.bytes);
    let pods = |name: &str| {
        text.lines().map(str::trim).any(|line| {
            let line = line.replace('"', "'");
            line.starts_with("pod ") && line.contains(&format!("'{name}'"))
                || line.starts_with("pod ") && line.contains(&format!("'{name}/"))
        })
    };
    let (timpush, legacy) = (pods("TIMPush"), pods("TUIOfflinePush"));
    if !(timpush || legacy) || in_flutter {
        return;
    }
    scan.facts.files_read.push(rel.into());
    if timpush {
        code.timpush = true;
        code.anchor.get_or_insert_with(|| source.top());
        scan.facts.app_code.add_stack(Stack::IosTimPush);
    }
    if legacy {
        scan.facts.app_code.add_stack(Stack::IosTuiOfflinePush);
    }
}

/// A Flutter app on `tencent_cloud_chat_push` with an `ios/` folder: its pubspec lists the
/// plugin, or its Swift imports it.
fn flutter_chat_push(root: &Path, tree: &Tree, scan: &Scan, reads: &[Read], code: &mut IosCode) {
    for dir in &scan.flutter_roots {
        if !tree.dirs.contains(&join(dir, "ios")) {
            continue;
        }
        let Ok(pubspec) = Source::load(root, &join(dir, "pubspec.yaml")) else {
            continue;
        };
        // A dependency line `  tencent_cloud_chat_push: ^8.0.0`.
        let listed = String::from_utf8_lossy(&pubspec.bytes)
            .lines()
            .any(|line| line.trim_start().starts_with("tencent_cloud_chat_push:"));
        if listed {
            code.timpush = true;
            code.anchor.get_or_insert_with(|| pubspec.top());
        }
    }
    if reads.iter().any(|r| r.scan.imports_chat_push) {
        code.timpush = true;
    }
}

fn build(cond: Cond) -> Build {
    match cond {
        Cond::Debug => Build::Debug,
        Cond::Release => Build::Release,
        Cond::Any | Cond::Other => Build::Any,
    }
}

/// Turns what a method or the macro returns into registered values or a note.
fn record(
    returned: &Returned,
    source: &Source,
    origin: &str,
    app: &mut AppCode,
    code: &mut IosCode,
) {
    match returned {
        Returned::Values(values) => {
            for value in values {
                let registered = Registered {
                    vendor: Vendor::Apns,
                    field: Field::BusinessId,
                    value: value.value.clone(),
                    location: source.locate(value.at, ""),
                    origin: origin.to_owned(),
                    build: build(value.cond),
                };
                if registered.build != Build::Any {
                    code.per_build.push(registered.clone());
                }
                app.registered.push(registered);
            }
        }
        // The Dart side's `apnsCertificateID` is the value; the Flutter reader reads it.
        Returned::FlutterModal => {}
        Returned::Unfollowed { expr, why, at } => app.unfollowed.push(Unfollowed {
            vendor: Some(Vendor::Apns),
            what: format!("the APNs certificate ID from {origin}"),
            why: format!("`{expr}`, {why}"),
            location: source.locate(*at, ""),
        }),
    }
}

/// Stacks, registered values and the delegates, over every file read.
fn collect(reads: &[Read], app: &mut AppCode, code: &mut IosCode) {
    let adopters: Vec<(&Read, &scanner::Adopter)> = reads
        .iter()
        .flat_map(|r| r.scan.adopters.iter().map(move |a| (r, a)))
        .collect();
    for read in reads {
        let file = &read.scan;
        if file.imports_timpush || !file.adopters.is_empty() {
            code.timpush = true;
            if !read.in_flutter {
                app.add_stack(Stack::IosTimPush);
            }
        }
        if (file.imports_tuiofflinepush || !file.legacy.is_empty()) && !read.in_flutter {
            app.add_stack(Stack::IosTuiOfflinePush);
        }
        if is_app_delegate(read) {
            code.anchor = Some(read.source.top());
        }
        let display = super::super::layout::file_name(&read.source.rel);
        for (returned, _) in &file.legacy {
            let origin = format!("`TUIOfflinePushCertificateIDForAPNS` in {display}");
            record(returned, &read.source, &origin, app, code);
        }
        // Only a type TIMPush reads from: a `businessID` elsewhere is some other ID.
        for method in &file.methods {
            if adopters
                .iter()
                .any(|(_, a)| a.type_name == method.type_name)
            {
                let origin = format!("`{}()` in {display}", method.name);
                record(&method.returned, &read.source, &origin, app, code);
            }
        }
    }
    for (read, adopter) in &adopters {
        let methods: Vec<&scanner::Method> = reads
            .iter()
            .flat_map(|r| &r.scan.methods)
            .filter(|m| m.type_name == adopter.type_name)
            .collect();
        let problem = if methods.iter().any(|m| m.name == scanner::METHODS[0]) {
            None
        } else if let Some(hidden) = methods
            .iter()
            .find(|m| m.swift && !m.objc && !adopter.objc_members)
        {
            let file = reads
                .iter()
                .find(|r| r.scan.methods.contains(hidden))
                .unwrap_or(read);
            Some(DelegateProblem::DeprecatedWithoutObjc(
                file.source.locate(hidden.at, ""),
            ))
        } else if methods.is_empty() {
            Some(DelegateProblem::NoMethod)
        } else {
            None
        };
        code.delegates.push(Delegate {
            type_name: adopter.type_name.clone(),
            at: read.source.locate(adopter.at, ""),
            problem,
        });
    }
}

/// `AppDelegate.swift`, `AppDelegate.m`, `AppDelegate.mm` and the like.
fn is_app_delegate(read: &Read) -> bool {
    let name = file_name(&read.source.rel);
    name.split('.')
        .next()
        .is_some_and(|stem| stem.ends_with("AppDelegate"))
}

/// The fuzz target `swift_objc` (`crate::fuzzing`): one file scanned as Swift and as
/// Objective-C.
pub(in crate::project) fn fuzz(bytes: &[u8]) {
    let _ = scanner::scan(bytes, true);
    let _ = scanner::scan(bytes, false);
}

#[cfg(test)]
mod tests {
    use super::super::super::{check, Expectations};
    use crate::findings::Rule;
    use crate::vendor::Vendor;

    /// A Flutter app on tencent_cloud_chat_push whose delegate has only the deprecated name
    /// without `@objc`, and a value it cannot follow: the Flutter stack (not iOS's), the finding,
    /// and a note for the value.
    #[test]
    fn flutter_delegate_with_the_deprecated_name_without_objc() {
        let dir = tempfile::tempdir().expect("tempdir");
        let files = [
            ("pubspec.yaml", "name: chat\ndependencies:\n  tencent_cloud_chat_push: ^8.0.0\n"),
            ("android/app/.keep", ""),
            (
                "ios/Runner/AppDelegate.swift",
                "import TIMPush\nclass AppDelegate: FlutterAppDelegate, TIMPushDelegate {\n    func offlinePushCertificateID() -> Int32 { return Secrets.apns }\n}\n",
            ),
        ];
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let expect = Expectations {
            vendors: vec![Vendor::Apns],
            ..Expectations::default()
        };
        let report = check(dir.path(), &expect);
        assert!(!report
            .facts
            .app_code
            .stacks
            .contains(&super::Stack::IosTimPush));
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == Rule::IosPushDelegateMissing)
            .collect();
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert!(
            found[0].message.contains("without `@objc`"),
            "{}",
            found[0].message
        );
        let note = &report.facts.app_code.unfollowed;
        assert_eq!(note.len(), 1, "{note:#?}");
        assert!(note[0].why.starts_with("`Secrets.apns`"), "{}", note[0].why);
        assert_eq!(note[0].location.line, 3);
    }
}
