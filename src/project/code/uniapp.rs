//! What a uni-app's own code registers with Tencent's push plugins, for all three of them:
//!
//! - `TencentCloud-TUIOfflinePush` (legacy native plugin): `tim.registerPlugin({'tim-offline-push-plugin':
//!   …, 'offlinePushConfig': {huaweiBusinessID: …, …}})`, whatever the IM instance is called;
//! - `TencentCloud-TIMPush` (native plugin, TIMPush): `registerPlugin({'tim-push': …, pushConfig:
//!   {androidConfig: <an imported timpush-configs.json>, iOSConfig: {iOSBusinessID: …}}})`;
//! - `TencentCloud-Push` (uts plugin, current): `Push.registerPush(SDKAppID, appKey, …)`, with
//!   the certificate IDs in `nativeResources/` (read by the `timpush-configs.json` reader).
//!
//! The app's `.vue`, `.nvue`, `.js` and `.ts` files are read (not the plugins' folders, nor
//! `node_modules` or `unpackage`, which the walk skips). A value that is not a literal or a simple
//! constant of the same file is recorded as not followed, with why.
// Spellings: ../shared/reference/timpush.md §2.3 (the three plugins), §2.4 (the legacy keys, from
// Tencent's uni-app TUIOfflinePush guide), §1.2 (where each plugin keeps its files).

use std::path::Path;

use super::super::layout::{file_name, parent, under, Scan, Tree, UNIAPP_PLUGIN};
use super::super::source::Source;
use super::js::{pair, Member, Node, Resolved, Script};
use super::{timpush_config, AppCode, Build, Field, Registered, Stack, Unfollowed};
use crate::findings::Location;
use crate::vendor::Vendor;

/// The TIMPush native plugin's name (folder and `requireNativePlugin` argument).
const TIMPUSH_PLUGIN: &str = "TencentCloud-TIMPush";

/// The current uts plugin's folder under `uni_modules/`.
const PUSH_MODULE: &str = "TencentCloud-Push";

/// The keys of the legacy `offlinePushConfig` and what each is. No Honor or FCM key: that plugin
/// version has none.
const OFFLINE_PUSH_KEYS: &[(&str, Vendor, Field)] = &[
    ("huaweiBusinessID", Vendor::Huawei, Field::BusinessId),
    ("xiaomiBusinessID", Vendor::Xiaomi, Field::BusinessId),
    ("xiaomiAppID", Vendor::Xiaomi, Field::AppId),
    ("xiaomiAppKey", Vendor::Xiaomi, Field::AppKey),
    ("meizuBusinessID", Vendor::Meizu, Field::BusinessId),
    ("meizuAppID", Vendor::Meizu, Field::AppId),
    ("meizuAppKey", Vendor::Meizu, Field::AppKey),
    ("vivoBusinessID", Vendor::Vivo, Field::BusinessId),
    ("oppoBusinessID", Vendor::Oppo, Field::BusinessId),
    ("oppoAppKey", Vendor::Oppo, Field::AppKey),
    ("oppoAppSecret", Vendor::Oppo, Field::AppSecret),
    ("iosBusinessID", Vendor::Apns, Field::BusinessId),
];

const SCRIPT_EXTENSIONS: &[&str] = &[".vue", ".nvue", ".js", ".ts", ".mjs"];

/// A file without one of these cannot register a push plugin; it is not tokenized.
const MARKERS: &[&[u8]] = &[
    b"registerPlugin",
    b"requireNativePlugin",
    b"TencentCloud-Push",
];

/// How many script files are looked at: an app's own sources are far fewer; more means vendored
/// code the walk did not recognise.
const MAX_SCRIPTS: usize = 3000;

/// Reads the app's scripts and the plugin folders into `scan.facts.app_code`.
pub(super) fn read(root: &Path, tree: &Tree, scan: &mut Scan) {
    for dir in &tree.dirs {
        let (name, holder) = (file_name(dir), file_name(parent(dir)));
        let stack = match (holder, name) {
            ("nativeplugins", UNIAPP_PLUGIN) => Stack::UniAppTuiOfflinePush,
            ("nativeplugins", TIMPUSH_PLUGIN) => Stack::UniAppTimPushPlugin,
            ("uni_modules", PUSH_MODULE) => Stack::UniAppTencentCloudPush,
            _ => continue,
        };
        scan.facts.app_code.add_stack(stack);
    }
    let is_uniapp = !scan.uniapps.is_empty()
        || !scan.facts.app_code.stacks.is_empty()
        || tree.files.iter().any(|f| file_name(f) == "App.vue");
    if !is_uniapp {
        return;
    }
    let scripts: Vec<&String> = tree.files.iter().filter(|rel| is_app_script(rel)).collect();
    for (count, rel) in scripts.iter().enumerate() {
        if count == MAX_SCRIPTS {
            let at = empty(root, rel).top();
            scan.facts.app_code.unfollowed.push(Unfollowed {
                vendor: None,
                what: "the push registration in the other script files".to_owned(),
                why: format!("beyond the {MAX_SCRIPTS} script files pushdiag reads of an app"),
                location: at,
            });
            break;
        }
        read_script(root, tree, scan, rel);
    }
}

/// True for the app's own script files: not the plugins' folders, not bundles or declarations.
fn is_app_script(rel: &str) -> bool {
    let name = file_name(rel);
    SCRIPT_EXTENSIONS.iter().any(|ext| name.ends_with(ext))
        && !name.ends_with(".min.js")
        && !name.ends_with(".d.ts")
        && !under(rel, "uni_modules")
        && !under(rel, "nativeplugins")
        && !under(rel, "nativeResources")
}

/// A source with no bytes, for a location at the start of a file that was not read.
fn empty(root: &Path, rel: &str) -> Source {
    let display = super::super::source::display_path(root, rel);
    Source::new(rel.to_owned(), display, Vec::new())
}

fn read_script(root: &Path, tree: &Tree, scan: &mut Scan, rel: &str) {
    let source = match Source::load(root, rel) {
        Ok(source) => source,
        Err(error) => {
            // Not a failure of the run: a script is not configuration. Said only for the files
            // where the registration usually is.
            if matches!(file_name(rel), "App.vue" | "main.js" | "main.ts") {
                scan.facts.app_code.unfollowed.push(Unfollowed {
                    vendor: None,
                    what: format!("the push registration in `{}`", file_name(rel)),
                    why: format!("not read ({error})"),
                    location: empty(root, rel).top(),
                });
            }
            return;
        }
    };
    if !MARKERS
        .iter()
        .any(|m| memchr::memmem::find(&source.bytes, m).is_some())
    {
        return;
    }
    let vue = rel.ends_with(".vue") || rel.ends_with(".nvue");
    let script = Script::new(&source.bytes, vue);
    let mut found = Found {
        source: &source,
        script: &script,
        code: AppCode::default(),
        json: Vec::new(),
    };
    found.read();
    let Found { code, json, .. } = found;
    if code == AppCode::default() && json.is_empty() {
        return;
    }
    scan.facts.files_read.push(rel.into());
    for stack in code.stacks {
        scan.facts.app_code.add_stack(stack);
    }
    scan.facts.app_code.registered.extend(code.registered);
    scan.facts.app_code.unfollowed.extend(code.unfollowed);
    for import in json {
        read_json_import(root, tree, scan, &source, import);
    }
}

/// `pushConfig.androidConfig` bound to `import x from "….json"`.
struct JsonImport {
    spec: String,
    at: usize,
}

/// What one script registers.
struct Found<'a> {
    source: &'a Source,
    script: &'a Script,
    code: AppCode,
    json: Vec<JsonImport>,
}

impl<'a> Found<'a> {
    fn read(&mut self) {
        let script = self.script;
        for call in script.calls("requireNativePlugin") {
            match call.args.first().map(|a| script.resolve(a)) {
                Some(Resolved::Literal(name, _)) if name == UNIAPP_PLUGIN => {
                    self.code.add_stack(Stack::UniAppTuiOfflinePush)
                }
                Some(Resolved::Literal(name, _)) if name == TIMPUSH_PLUGIN => {
                    self.code.add_stack(Stack::UniAppTimPushPlugin)
                }
                _ => {}
            }
        }
        for call in script.calls("registerPlugin") {
            let Some(Resolved::Object(members, _)) = call.args.first().map(|a| script.resolve(a))
            else {
                continue;
            };
            let has = |key: &str| pair(members, key).is_some();
            if has("offlinePushConfig") || has("tim-offline-push-plugin") {
                self.code.add_stack(Stack::UniAppTuiOfflinePush);
                if let Some(config) = pair(members, "offlinePushConfig") {
                    self.offline_push_config(config);
                }
            }
            if has("pushConfig") || has("tim-push") {
                self.code.add_stack(Stack::UniAppTimPushPlugin);
                if let Some(config) = pair(members, "pushConfig") {
                    self.push_config(config);
                }
            }
        }
        self.register_push();
    }

    fn at(&self, offset: usize) -> Location {
        self.source.locate(offset, "")
    }

    /// One value handed to the SDK: registered when it is a literal (through constants), else
    /// not followed.
    fn value(&mut self, vendor: Vendor, field: Field, node: &Node, what: &str) {
        match self.script.resolve(node) {
            Resolved::Literal(value, at) => self.code.registered.push(Registered {
                vendor,
                field,
                value,
                location: self.at(at),
                origin: format!("`{what}` in {}", file_name(&self.source.rel)),
                build: Build::Any,
            }),
            Resolved::Object(..) | Resolved::Json(..) => {
                self.unfollowed(Some(vendor), what, "an object, not a value".into(), node)
            }
            Resolved::Unfollowed(why) => self.unfollowed(Some(vendor), what, why, node),
        }
    }

    fn unfollowed(&mut self, vendor: Option<Vendor>, what: &str, why: String, node: &Node) {
        self.code.unfollowed.push(Unfollowed {
            vendor,
            what: format!("`{what}`"),
            why,
            location: self.at(node.start),
        });
    }

    /// The members of an object the reader must list; a spread or a non-object is said.
    fn members<'s>(&mut self, node: &'s Node, what: &str) -> Option<&'s [Member]>
    where
        'a: 's,
    {
        match self.script.resolve(node) {
            Resolved::Object(members, _) => {
                for member in members {
                    if let Member::Spread(spread) = member {
                        let why = "partly spread in with `...`, which pushdiag does not follow"
                            .to_owned();
                        self.unfollowed(None, what, why, spread);
                    }
                }
                Some(members)
            }
            Resolved::Literal(..) => {
                self.unfollowed(None, what, "not an object".into(), node);
                None
            }
            Resolved::Json(spec, _) => {
                self.unfollowed(None, what, format!("imported from `{spec}`"), node);
                None
            }
            Resolved::Unfollowed(why) => {
                self.unfollowed(None, what, why, node);
                None
            }
        }
    }

    /// TUIOfflinePush's `offlinePushConfig`: the flat keys of Tencent's guide.
    fn offline_push_config(&mut self, node: &Node) {
        let Some(members) = self.members(node, "offlinePushConfig") else {
            return;
        };
        for &(key, vendor, field) in OFFLINE_PUSH_KEYS {
            if let Some(value) = pair(members, key) {
                self.value(vendor, field, value, &format!("offlinePushConfig.{key}"));
            }
        }
    }

    /// TencentCloud-TIMPush's `pushConfig`: `androidConfig` (the Android `timpush-configs.json`,
    /// imported or written inline) and `iOSConfig.iOSBusinessID`.
    fn push_config(&mut self, node: &Node) {
        let Some(members) = self.members(node, "pushConfig") else {
            return;
        };
        if let Some(android) = pair(members, "androidConfig") {
            match self.script.resolve(android) {
                Resolved::Json(spec, at) => self.json.push(JsonImport { spec, at }),
                Resolved::Object(packages, _) => self.inline_android_config(packages),
                Resolved::Literal(..) => self.unfollowed(
                    None,
                    "pushConfig.androidConfig",
                    "not an object".into(),
                    android,
                ),
                Resolved::Unfollowed(why) => {
                    self.unfollowed(None, "pushConfig.androidConfig", why, android)
                }
            }
        }
        if let Some(ios) = pair(members, "iOSConfig") {
            if let Some(ios) = self.members(ios, "pushConfig.iOSConfig") {
                if let Some(id) = pair(ios, "iOSBusinessID") {
                    let what = "pushConfig.iOSConfig.iOSBusinessID";
                    self.value(Vendor::Apns, Field::BusinessId, id, what);
                }
            }
        }
    }

    /// `androidConfig: {"com.example.app": {"huaweiPushBussinessId": …}}` written in the code:
    /// the keys of `timpush-configs.json`.
    fn inline_android_config(&mut self, packages: &[Member]) {
        for member in packages {
            let Member::Pair {
                key: package,
                value,
            } = member
            else {
                continue;
            };
            let Resolved::Object(keys, _) = self.script.resolve(value) else {
                continue;
            };
            for &(key, vendor, field) in timpush_config::KEYS {
                if let Some(value) = pair(keys, key) {
                    let what = format!("pushConfig.androidConfig.{package}.{key}");
                    self.value(vendor, field, value, &what);
                }
            }
        }
    }

    /// TencentCloud-Push: `registerPush(SDKAppID, appKey, …)` on the plugin's import. The
    /// SDKAppID is recorded as Tencent IM's app ID (`Vendor::Tim`, `Field::AppId`), for the
    /// check against `[tim] sdk-app-id`. The push client key is not recorded: `pushdiag.toml`
    /// holds no copy of it to compare with.
    fn register_push(&mut self) {
        let script = self.script;
        let imports: Vec<_> = script
            .imports
            .iter()
            .filter(|i| i.source.trim_end_matches('/').ends_with(PUSH_MODULE))
            .collect();
        if imports.is_empty() {
            return;
        }
        self.code.add_stack(Stack::UniAppTencentCloudPush);
        for call in script.calls("registerPush") {
            let ours = imports.iter().any(|import| match &call.receiver {
                Some(receiver) => import.whole && *receiver == import.local,
                None => !import.whole && import.local == "registerPush",
            });
            if !ours {
                continue;
            }
            let name = match &call.receiver {
                Some(receiver) => format!("{receiver}.registerPush"),
                None => "registerPush".to_owned(),
            };
            if let Some(id) = call.args.first() {
                let what = format!("SDKAppID (the first argument of {name})");
                self.value(Vendor::Tim, Field::AppId, id, &what);
            }
        }
    }
}

/// Where an import of the file at `from` points, relative to the project root; `Err` says why
/// it is not followed (completing "`androidConfig` is …"). `@/` is the uni-app's source folder, where its `manifest.json` is.
// (inferred) The reference does not say what `@` means: HBuilderX projects alias it to the
// project root and vue-cli/Vite uni-app projects to `src/`, and `manifest.json` sits in that
// folder in both layouts, so the app folder the walk found is used. Written in docs/stacks.md.
fn import_target(tree: &Tree, apps: &[String], from: &str, spec: &str) -> Result<String, String> {
    let (base, rest) = if let Some(rest) = spec.strip_prefix("@/") {
        let app = apps
            .iter()
            .filter(|dir| dir.is_empty() || from.starts_with(&format!("{dir}/")))
            .max_by_key(|dir| dir.len())
            .cloned()
            .unwrap_or_default();
        (app, rest)
    } else if spec.starts_with("./") || spec.starts_with("../") {
        (parent(from).to_owned(), spec)
    } else {
        return Err(format!("imported from `{spec}`, outside the app's folders"));
    };
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!(
                        "imported from `{spec}`, outside the project folder"
                    ));
                }
            }
            part => parts.push(part),
        }
    }
    let rel = parts.join("/");
    if !tree.files.contains(&rel) {
        return Err(format!(
            "imported from `{spec}`, which is not in the project"
        ));
    }
    Ok(rel)
}

/// Reads the JSON file `androidConfig` is imported from, unless the `timpush-configs.json` reader
/// already has (a file named so, outside the plugin folders).
fn read_json_import(root: &Path, tree: &Tree, scan: &mut Scan, from: &Source, import: JsonImport) {
    let apps: Vec<String> = scan.uniapps.iter().map(|u| u.dir.clone()).collect();
    let rel = match import_target(tree, &apps, &from.rel, &import.spec) {
        Ok(rel) => rel,
        Err(why) => {
            scan.facts.app_code.unfollowed.push(Unfollowed {
                vendor: None,
                what: "`pushConfig.androidConfig`".to_owned(),
                why,
                location: from.locate(import.at, ""),
            });
            return;
        }
    };
    if scan.timpush_configs.iter().any(|c| c.rel == rel) {
        return;
    }
    let Some((config, registered)) = scan.read(root, &rel, timpush_config::parse) else {
        return;
    };
    timpush_config::record(scan, config, registered, Stack::UniAppTimPushPlugin);
}

#[cfg(test)]
mod tests;
