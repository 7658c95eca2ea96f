//! Which app under the project folder `pushdiag.toml` belongs to.
//!
//! A folder of several apps (a monorepo, a folder of examples) must never have one app's files
//! compared with another's `pushdiag.toml`: that is a page of package-name errors that say
//! nothing. So before any file is read, the walk's tree is narrowed to one app: the one whose
//! folder holds the config (or is an ancestor of its folder). When several apps sit under the
//! folder and nothing chooses, the scan stops with one error naming them.

use std::path::{Path, PathBuf};

use super::layout::{file_name, join, parent, shown, Tree};

/// One app found under the root: its folder (relative, `""` for the root) and what kind it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct AppRoot {
    pub dir: String,
    pub kind: &'static str,
}

/// True when `rel` is `dir` or below it.
fn within(rel: &str, dir: &str) -> bool {
    dir.is_empty() || rel == dir || rel.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}

/// True when some folder on the path of `rel` is a plugin folder: their Gradle and Xcode
/// projects are the plugin's, not an app's.
fn in_plugin(rel: &str) -> bool {
    parent(rel)
        .split('/')
        .any(|part| part == "nativeplugins" || part == "uni_modules")
}

/// The folders holding an app marker: a uni-app `manifest.json` (with HBuilderX's `app-plus`
/// section, or `nativeplugins/` beside it), a Flutter `pubspec.yaml` beside `android/` or `ios/`,
/// an Android `settings.gradle(.kts)` or `app/build.gradle(.kts)`, an Xcode project. An app inside
/// another app's folder (a Flutter app's `android/` and `ios/`) is part of it.
pub(super) fn app_roots(root: &Path, tree: &Tree) -> Vec<AppRoot> {
    let mut found: Vec<AppRoot> = Vec::new();
    let mut add = |dir: &str, kind: &'static str| {
        found.push(AppRoot {
            dir: dir.to_owned(),
            kind,
        })
    };
    for rel in tree.files.iter().filter(|f| !in_plugin(f)) {
        let dir = parent(rel);
        match file_name(rel) {
            "manifest.json" => {
                let beside_plugins = tree.dirs.contains(&join(dir, "nativeplugins"));
                if beside_plugins || super::source::mentions_app_plus(root, rel) {
                    add(dir, "uni-app");
                }
            }
            "pubspec.yaml"
                if tree.dirs.contains(&join(dir, "android"))
                    || tree.dirs.contains(&join(dir, "ios")) =>
            {
                add(dir, "Flutter");
            }
            "settings.gradle" | "settings.gradle.kts" => add(dir, "Android"),
            "build.gradle" | "build.gradle.kts" if file_name(dir) == "app" => {
                add(parent(dir), "Android");
            }
            _ => {}
        }
    }
    for dir in tree.dirs.iter().filter(|d| d.ends_with(".xcodeproj")) {
        if !in_plugin(dir) {
            add(parent(dir), "iOS");
        }
    }
    for dir in tree.dirs.iter().filter(|d| file_name(d) == "nativeplugins") {
        if !in_plugin(dir) {
            add(parent(dir), "uni-app");
        }
    }
    found.sort_by(|a, b| a.dir.cmp(&b.dir));
    // Outermost first after the sort: keep a folder only when no kept one holds it.
    let mut apps: Vec<AppRoot> = Vec::new();
    for app in found {
        match apps.iter_mut().find(|kept| within(&app.dir, &kept.dir)) {
            // The same folder marked twice (an Android project with an Xcode project beside it).
            Some(kept) if kept.dir == app.dir && !kept.kind.contains(app.kind) => {
                kept.kind = merge_kind(kept.kind, app.kind);
            }
            Some(_) => {}
            None => apps.push(app),
        }
    }
    pair_native_halves(apps)
}

/// `android/` and `ios/` side by side are one native app's two halves, not two apps: each such
/// pair becomes one app at their common folder.
fn pair_native_halves(apps: Vec<AppRoot>) -> Vec<AppRoot> {
    let mut out: Vec<AppRoot> = Vec::new();
    for app in apps {
        let here = parent(&app.dir).to_owned();
        let half = |kind: &str| kind == "Android" || kind == "iOS";
        let sibling = out.iter_mut().find(|kept| {
            half(kept.kind)
                && half(app.kind)
                && kept.kind != app.kind
                && kept.dir != app.dir
                && parent(&kept.dir) == here
                && !kept.dir.is_empty()
                && !app.dir.is_empty()
        });
        match sibling {
            Some(kept) => {
                kept.dir = here;
                kept.kind = "Android + iOS";
            }
            None => out.push(app),
        }
    }
    out
}

fn merge_kind(a: &'static str, b: &'static str) -> &'static str {
    match (a, b) {
        ("Android", "iOS") | ("iOS", "Android") => "Android + iOS",
        _ => a,
    }
}

/// The config's folder relative to `root`, `/`-separated; `None` when it is not under `root`.
fn config_dir(root: &Path, config: &Path) -> Option<String> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let dir = config.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = canonical(dir.unwrap_or(Path::new(".")));
    let rel: PathBuf = dir.strip_prefix(canonical(root)).ok()?.to_path_buf();
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// Narrows `tree` to the app `config` belongs to. With one app or none under `root`, the tree is
/// kept whole; with several, the one whose folder holds the config; else an error naming them.
pub(super) fn choose(root: &Path, tree: &mut Tree, config: Option<&Path>) -> anyhow::Result<()> {
    let apps = app_roots(root, tree);
    if apps.len() <= 1 {
        return Ok(());
    }
    let chosen = config
        .and_then(|config| config_dir(root, config))
        .and_then(|dir| apps.iter().find(|app| within(&dir, &app.dir)));
    let Some(app) = chosen else {
        // One line stays readable: the first few, then how many more.
        const SHOWN: usize = 8;
        let mut listed: Vec<String> = apps
            .iter()
            .take(SHOWN)
            .map(|app| format!("`{}` ({})", shown(root, &app.dir), app.kind))
            .collect();
        if apps.len() > SHOWN {
            listed.push(format!("and {} more", apps.len() - SHOWN));
        }
        anyhow::bail!(
            "`{}` holds {} apps and nothing says which one to check: {}; pass --project with the app's folder, or keep its pushdiag.toml in that folder",
            root.display(),
            apps.len(),
            listed.join(", ")
        );
    };
    tree.files.retain(|f| within(f, &app.dir));
    tree.dirs.retain(|d| within(d, &app.dir));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_is_by_whole_folder_names() {
        assert!(within("a/b", "a"));
        assert!(within("a", "a"));
        assert!(within("anything", ""));
        // `app2` is not inside `app`.
        assert!(!within("app2/x", "app"));
    }

    #[test]
    fn android_and_ios_side_by_side_are_one_app() {
        let apps = vec![
            AppRoot {
                dir: "shop/android".into(),
                kind: "Android",
            },
            AppRoot {
                dir: "shop/ios".into(),
                kind: "iOS",
            },
            AppRoot {
                dir: "chat".into(),
                kind: "Flutter",
            },
        ];
        let paired = pair_native_halves(apps);
        assert_eq!(paired.len(), 2);
        assert_eq!(paired[0].dir, "shop");
        assert_eq!(paired[0].kind, "Android + iOS");
    }
}
