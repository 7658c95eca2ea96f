//! Finding the app's files: a bounded walk of the project folder, then each reader on the files
//! it knows, then which kinds of project (uni-app, Flutter, Android, iOS) are here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::agconnect::{self, AgconnectFile};
use super::android::{self, Manifest};
use super::firebase;
use super::gradle::{self, GradleFile, Placeholder};
use super::ios::{self, IosFiles};
use super::source::{display_path, Source};
use super::uniapp::{self, UniApp};
use super::{Layout, ProjectFacts};
use crate::files::FileKind;
use crate::findings::Located;

/// How deep below the root the walk goes. A Flutter app's manifest sits five levels down
/// (`android/app/src/main/`); three more leave room for an app inside a monorepo folder.
const MAX_DEPTH: usize = 8;

/// How many directory entries the walk looks at before it stops; a project folder with more is
/// almost certainly a home directory or a checkout with vendored dependencies.
const MAX_ENTRIES: usize = 50_000;

/// Folders that hold dependencies, build output or VCS data, never the app's own config.
/// `unpackage` is HBuilderX's build output; `.dart_tool` is Flutter's (named here although the
/// rule that hidden folders are skipped covers it, as `.symlinks` (Flutter iOS), which would
/// lead into the pub cache).
#[rustfmt::skip] // one list, read across
const SKIP_DIRS: &[&str] =
    &["node_modules", "build", "Pods", "unpackage", "DerivedData", ".dart_tool"];

/// Folder suffixes of compiled iOS bundles: their `Info.plist` belongs to a library, not the app.
const SKIP_DIR_SUFFIXES: &[&str] = &[".framework", ".xcframework", ".bundle", ".xcassets"];

/// The name of the uni-app push plugin's folder and its `manifest.json` key.
pub(super) const UNIAPP_PLUGIN: &str = "TencentCloud-TUIOfflinePush";

/// Everything read from the project, for the checks.
#[derive(Default)]
pub(super) struct Scan {
    pub facts: ProjectFacts,
    pub failures: Vec<anyhow::Error>,
    pub uniapps: Vec<UniApp>,
    /// Folders (relative, `""` for the root) holding a Flutter app's `pubspec.yaml`.
    pub flutter_roots: Vec<String>,
    /// `android/app` of each Flutter app that has an `android/` folder.
    pub flutter_android: Vec<String>,
    /// Folders of Android application modules (`app`, `android/app`).
    pub android_modules: Vec<String>,
    pub gradles: Vec<GradleFile>,
    pub manifests: Vec<Manifest>,
    /// `nativeResources/android/manifestPlaceholders.json` entries (uni-app).
    pub placeholder_files: Vec<Placeholder>,
    /// Every `agconnect-services*.json` found, wherever it is.
    pub agconnect_files: Vec<AgconnectFile>,
    pub ios: IosFiles,
    /// Every vivo AppID the app declares, in order of precedence.
    pub vivo_ids: Vec<VivoValue>,
    /// Every vivo AppKey the app declares, in order of precedence.
    pub vivo_keys: Vec<VivoValue>,
    /// `${NAME}` placeholders used by vivo meta-data that nothing defines.
    pub vivo_unresolved: Vec<String>,
    /// Every `timpush-configs.json` of the app.
    pub timpush_configs: Vec<super::code::TimPushConfig>,
    /// TIMPush's Android build: the uni-app plugin's config.json, Honor's mcs-services.json.
    pub android_push: super::code::AndroidPush,
    /// What the manifest of each `tencent_cloud_chat_push` app names as its `Application`.
    pub push_applications: Vec<super::code::PushApplication>,
}

/// A vivo AppID or AppKey and where it is declared.
#[derive(Clone)]
pub(super) struct VivoValue {
    pub value: Located<String>,
    /// Where, in words: "the meta-data of `AndroidManifest.xml`".
    pub origin: String,
}

/// The files and folders under the root, relative, with `/` separators, in sorted order.
pub(super) struct Tree {
    pub files: Vec<String>,
    pub dirs: BTreeSet<String>,
    pub truncated: bool,
}

/// The directory patterns of the root's `.gitignore` that the walk can honour without git:
/// plain names (`build`, `dist/`, matched at any depth) and plain paths (`/out`, `gen/tmp/`,
/// anchored at the root). Globs, negations and nested `.gitignore` files are not read (that
/// needs git's full matcher); what they hide is at worst read for nothing.
struct Ignored {
    names: Vec<String>,
    paths: Vec<String>,
}

impl Ignored {
    fn read(root: &Path) -> Ignored {
        let mut ignored = Ignored {
            names: Vec::new(),
            paths: Vec::new(),
        };
        let text = crate::files::read_text(&root.join(".gitignore"), FileKind::ProjectFile)
            .unwrap_or_default();
        for line in text.lines().map(str::trim) {
            let simple = !line.is_empty()
                && !line.starts_with(['#', '!'])
                && !line.contains(['*', '?', '[', '\\']);
            if !simple {
                continue;
            }
            let pattern = line.trim_end_matches('/');
            match pattern.strip_prefix('/') {
                Some(path) if !path.is_empty() => ignored.paths.push(path.to_owned()),
                Some(_) => {}
                None if pattern.contains('/') => ignored.paths.push(pattern.to_owned()),
                None if !pattern.is_empty() => ignored.names.push(pattern.to_owned()),
                None => {}
            }
        }
        ignored
    }

    fn skips(&self, rel: &str, name: &str) -> bool {
        self.names.iter().any(|n| n == name) || self.paths.iter().any(|p| p == rel)
    }
}

fn walk(root: &Path) -> std::io::Result<Tree> {
    let mut tree = Tree {
        files: Vec::new(),
        dirs: BTreeSet::new(),
        truncated: false,
    };
    // Check the root itself so a wrong --project is an error, not an empty report.
    std::fs::read_dir(root)?;
    let ignored = Ignored::read(root);
    let mut pending = vec![(String::new(), 0usize)];
    let mut seen = 0usize;
    while let Some((dir, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|entry| entry.file_name());
        let mut subdirs = Vec::new();
        for entry in entries {
            seen += 1;
            if seen > MAX_ENTRIES {
                tree.truncated = true;
                return Ok(tree);
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = join(&dir, &name);
            // `file_type` does not follow symlinks: a link is neither file nor dir here, which
            // keeps the walk out of loops and out of the pub cache.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_file() {
                tree.files.push(rel);
            } else if kind.is_dir() {
                let skip = name.starts_with('.')
                    || SKIP_DIRS.contains(&name.as_str())
                    || ignored.skips(&rel, &name)
                    || SKIP_DIR_SUFFIXES.iter().any(|s| name.ends_with(s));
                // `.xcodeproj` is kept (its project.pbxproj names the bundle id).
                if skip && !name.ends_with(".xcodeproj") {
                    continue;
                }
                tree.dirs.insert(rel.clone());
                if depth < MAX_DEPTH {
                    subdirs.push((rel, depth + 1));
                }
            }
        }
        // Reversed so the stack pops them in name order.
        pending.extend(subdirs.into_iter().rev());
    }
    tree.files.sort();
    Ok(tree)
}

pub(super) fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
}

pub(super) fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

pub(super) fn file_name(rel: &str) -> &str {
    rel.rsplit_once('/').map_or(rel, |(_, name)| name)
}

/// True when some folder on the path is called `name`.
pub(super) fn under(rel: &str, name: &str) -> bool {
    parent(rel).split('/').any(|part| part == name)
}

impl Scan {
    pub(super) fn load(&mut self, root: &Path, rel: &str) -> Option<Source> {
        match Source::load(root, rel) {
            Ok(source) => {
                self.facts.files_read.push(PathBuf::from(rel));
                Some(source)
            }
            Err(error) => {
                self.failures.push(error);
                None
            }
        }
    }

    pub(super) fn record<T>(&mut self, result: anyhow::Result<T>) -> Option<T> {
        result.map_err(|error| self.failures.push(error)).ok()
    }
    /// [`Scan::load`] then `read`: `None`, with the failure recorded, when either fails.
    pub(super) fn read<T>(
        &mut self,
        root: &Path,
        rel: &str,
        read: impl FnOnce(&Source) -> anyhow::Result<T>,
    ) -> Option<T> {
        let source = self.load(root, rel)?;
        self.record(read(&source))
    }
}

impl Tree {
    /// The files called one of `names`, in the order of the walk.
    pub(super) fn named<'a>(&'a self, names: &'a [&str]) -> impl Iterator<Item = &'a String> + 'a {
        self.files.iter().filter(|f| names.contains(&file_name(f)))
    }
}

/// Walks `root`, narrows it to the app `config` belongs to (see [`super::discover`]), and reads
/// every file the checks need.
pub(super) fn scan(root: &Path, config: Option<&Path>) -> Scan {
    let mut scan = Scan {
        facts: ProjectFacts {
            root: root.to_path_buf(),
            ..ProjectFacts::default()
        },
        ..Scan::default()
    };
    let mut tree = match walk(root) {
        Ok(tree) => tree,
        Err(error) => {
            scan.failures.push(anyhow::anyhow!(
                "cannot read the project folder `{}`: {error}",
                root.display()
            ));
            return scan;
        }
    };
    if tree.truncated {
        scan.failures.push(anyhow::anyhow!(
            "stopped looking through `{}` after {MAX_ENTRIES} entries; point --project at the app's own folder",
            root.display()
        ));
    }
    if let Err(error) = super::discover::choose(root, &mut tree, config) {
        // Never one app's files against another's config: nothing is read.
        scan.failures.push(error);
        return scan;
    }
    read_uniapp(root, &tree, &mut scan);
    read_android(root, &tree, &mut scan);
    read_vendor_files(root, &tree, &mut scan);
    read_ios(root, &tree, &mut scan);
    super::code::read(root, &tree, &mut scan);
    collect_vivo(&mut scan);
    scan.facts.layouts = layouts(&tree, &scan);
    scan
}

fn read_uniapp(root: &Path, tree: &Tree, scan: &mut Scan) {
    for rel in tree.named(&["manifest.json"]) {
        let dir = parent(rel);
        let has_plugins = tree.dirs.contains(&join(dir, "nativeplugins"));
        // Other tools write manifest.json too (Flutter web, PWAs, browser extensions): only one
        // with HBuilderX's "app-plus" section, or beside nativeplugins/, is a uni-app's. Peek
        // before recording the file as read, so theirs never turn into failures.
        if !has_plugins && !super::source::mentions_app_plus(root, rel) {
            continue;
        }
        let Some(source) = scan.load(root, rel) else {
            continue;
        };
        let manifest = uniapp::read(&source);
        let manifest = scan.record(manifest);
        scan.uniapps.push(UniApp {
            dir: dir.to_owned(),
            manifest,
        });
    }
    // A nativeplugins/ folder without a manifest.json beside it is still a uni-app project.
    for dir in tree.dirs.iter().filter(|d| file_name(d) == "nativeplugins") {
        let app = parent(dir);
        if !scan.uniapps.iter().any(|u| u.dir == app) && !under(dir, "nativeplugins") {
            scan.uniapps.push(UniApp {
                dir: app.to_owned(),
                manifest: None,
            });
        }
    }
    for uni in &scan.uniapps {
        if let Some(manifest) = &uni.manifest {
            scan.facts
                .package_claims
                .extend(manifest.claims.iter().cloned());
        }
    }
}

fn read_android(root: &Path, tree: &Tree, scan: &mut Scan) {
    for rel in tree.named(&["pubspec.yaml"]) {
        let dir = parent(rel);
        let android = join(dir, "android");
        if tree.dirs.contains(&android) || tree.dirs.contains(&join(dir, "ios")) {
            scan.flutter_roots.push(dir.to_owned());
        }
        if tree.dirs.contains(&android) {
            scan.flutter_android.push(join(&android, "app"));
        }
    }
    for rel in tree.named(&["build.gradle", "build.gradle.kts"]) {
        let Some(file) = scan.read(root, rel, gradle::read) else {
            continue;
        };
        if file.is_app {
            scan.android_modules.push(parent(rel).to_owned());
        }
        if let Some(claim) = &file.application_id {
            scan.facts.package_claims.push(claim.clone());
        }
        scan.gradles.push(file);
    }
    for rel in tree.named(&["AndroidManifest.xml"]) {
        let Some(manifest) = scan.read(root, rel, android::read) else {
            continue;
        };
        if let Some(claim) = &manifest.package {
            scan.facts.package_claims.push(claim.clone());
        }
        // A module found only through its manifest. Library modules have manifests too, so
        // this is a fallback for when no Gradle file named an application module.
        if let Some(module) = rel.strip_suffix("/src/main/AndroidManifest.xml") {
            let known = scan.android_modules.iter().any(|m| m == module);
            if !known && !scan.gradles.iter().any(|g| g.is_app) {
                scan.android_modules.push(module.to_owned());
            }
        }
        scan.manifests.push(manifest);
    }
    // uni-app's native resources: `nativeResources/android/manifestPlaceholders.json`.
    for rel in tree.named(&["manifestPlaceholders.json"]) {
        if let Some(entries) = scan.read(root, rel, gradle::read_placeholder_json) {
            scan.placeholder_files.extend(entries);
        }
    }
}

fn read_vendor_files(root: &Path, tree: &Tree, scan: &mut Scan) {
    for rel in tree.named(&["google-services.json"]) {
        let Some(file) = scan.read(root, rel, firebase::read) else {
            continue;
        };
        if scan.facts.google_services_project_id.is_none() {
            scan.facts.google_services_project_id = file.project_id;
        }
        scan.facts.package_claims.extend(file.claims);
    }
    for rel in tree.files.iter().filter(|f| {
        let name = file_name(f);
        name.starts_with("agconnect-services") && name.ends_with(".json")
    }) {
        let Some(source) = scan.load(root, rel) else {
            // It exists even if it does not read: placement is still judged.
            scan.agconnect_files.push(AgconnectFile::unread(rel, root));
            continue;
        };
        match agconnect::read(&source) {
            Ok(file) => {
                if scan.facts.huawei_app_id.is_none() {
                    scan.facts.huawei_app_id = file.app_id.clone();
                }
                scan.facts
                    .package_claims
                    .extend(file.claims.iter().cloned());
                scan.agconnect_files.push(file);
            }
            Err(error) => {
                scan.failures.push(error);
                scan.agconnect_files.push(AgconnectFile::unread(rel, root));
            }
        }
    }
}

fn read_ios(root: &Path, tree: &Tree, scan: &mut Scan) {
    // Plugin folders ship their own Info.plist and frameworks; they say nothing about the app.
    let app_file = |rel: &&String| !under(rel, "nativeplugins") && !under(rel, "uni_modules");
    for rel in tree.files.iter().filter(app_file) {
        let name = file_name(rel);
        let is_pbxproj = name == "project.pbxproj" && parent(rel).ends_with(".xcodeproj");
        let wanted = name.ends_with(".entitlements")
            || name.ends_with(".mobileprovision")
            || name == "Info.plist"
            || is_pbxproj;
        if !wanted {
            continue;
        }
        let Some(source) = scan.load(root, rel) else {
            continue;
        };
        let result = if name.ends_with(".entitlements") {
            ios::read_entitlements(&source).map(|e| scan.ios.entitlements.push(e))
        } else if name.ends_with(".mobileprovision") {
            ios::read_profile(&source).map(|p| scan.ios.profiles.push(p))
        } else if name == "Info.plist" {
            ios::read_info_plist(&source).map(|claim| {
                scan.ios.info_plists += 1;
                scan.facts.package_claims.extend(claim);
            })
        } else {
            ios::read_pbxproj(&source).map(|claims| scan.facts.package_claims.extend(claims))
        };
        scan.record(result);
    }
    for profile in &scan.ios.profiles {
        scan.facts
            .package_claims
            .extend(profile.app_identifier.clone());
    }
    let entitlements = scan.ios.entitlements.iter().filter_map(|e| e.aps.clone());
    let profiles = scan.ios.profiles.iter().filter_map(|p| p.aps.clone());
    scan.facts.aps_environments = entitlements.chain(profiles).collect();
}

/// Gathers the vivo declarations in order of precedence: what the manifest itself says, then the
/// Gradle placeholders it is built from, then uni-app's placeholder file, then the uni-app
/// plugin's parameters.
fn collect_vivo(scan: &mut Scan) {
    let placeholders: Vec<&Placeholder> = scan
        .gradles
        .iter()
        .flat_map(|g| g.placeholders.iter())
        .chain(scan.placeholder_files.iter())
        .collect();
    let (mut ids, mut keys, mut unresolved) = (Vec::new(), Vec::new(), Vec::new());
    for manifest in &scan.manifests {
        for (name, out) in [
            (android::VIVO_APP_ID, &mut ids),
            (android::VIVO_API_KEY, &mut keys),
        ] {
            let Some(value) = manifest.meta(name) else {
                continue;
            };
            let placeholder = value
                .value
                .trim()
                .strip_prefix("${")
                .and_then(|v| v.strip_suffix('}'));
            let Some(placeholder) = placeholder else {
                out.push(VivoValue {
                    value: value.clone(),
                    origin: format!("the meta-data of `{}`", manifest.display),
                });
                continue;
            };
            // `${VIVO_APPID}`: the value, and where it is, is the placeholder's.
            match placeholders.iter().find(|p| p.key == placeholder) {
                Some(p) => out.push(VivoValue {
                    value: p.value.clone(),
                    origin: p.origin.clone(),
                }),
                None => {
                    let shown = format!("${{{placeholder}}}");
                    if !unresolved.contains(&shown) {
                        unresolved.push(shown);
                    }
                }
            }
        }
    }
    for (key, out) in [
        (gradle::VIVO_APPID, &mut ids),
        (gradle::VIVO_APPKEY, &mut keys),
    ] {
        if let Some(p) = placeholders.iter().find(|p| p.key == key) {
            out.push(VivoValue {
                value: p.value.clone(),
                origin: p.origin.clone(),
            });
        }
    }
    for manifest in scan.uniapps.iter().filter_map(|u| u.manifest.as_ref()) {
        let origin = format!(
            "the {UNIAPP_PLUGIN} plugin parameters of `{}`",
            manifest.display
        );
        for (value, out) in [
            (&manifest.vivo_app_id, &mut ids),
            (&manifest.vivo_app_key, &mut keys),
        ] {
            if let Some(value) = value {
                out.push(VivoValue {
                    value: value.clone(),
                    origin: origin.clone(),
                });
            }
        }
    }
    // The first value that says something; an empty one only when all are empty.
    let first = |values: &[VivoValue]| {
        values
            .iter()
            .find(|v| !v.value.value.trim().is_empty())
            .or(values.first())
            .map(|v| v.value.clone())
    };
    scan.facts.vivo_app_id = first(&ids);
    scan.facts.vivo_app_key = first(&keys);
    scan.vivo_ids = ids;
    scan.vivo_keys = keys;
    scan.vivo_unresolved = unresolved;
}

fn layouts(tree: &Tree, scan: &Scan) -> Vec<Layout> {
    let mut layouts = Vec::new();
    if !scan.uniapps.is_empty() {
        layouts.push(Layout::UniApp);
    }
    if !scan.flutter_roots.is_empty() {
        layouts.push(Layout::Flutter);
    }
    if !scan.android_modules.is_empty() {
        layouts.push(Layout::Android);
    }
    let has_xcodeproj = tree.dirs.iter().any(|d| d.ends_with(".xcodeproj"));
    let ios = &scan.ios;
    if has_xcodeproj
        || !ios.entitlements.is_empty()
        || !ios.profiles.is_empty()
        || ios.info_plists > 0
    {
        layouts.push(Layout::Ios);
    }
    layouts
}

/// `root/rel` for messages.
pub(super) fn shown(root: &Path, rel: &str) -> String {
    display_path(root, rel).to_string()
}
