//! `flutter-push-application-missing`: `tencent_cloud_chat_push` starts its Android side from an
//! `Application` class that extends `TencentCloudChatPushApplication`, named in the manifest's
//! `<application android:name>` (Tencent's Flutter guide for the plugin). Without it the app
//! registers, logs in and sends, and no vendor channel is ever set up on Android.
// ../shared/reference/timpush.md §1.2 ("Flutter Android also needs an Application that extends
// TencentCloudChatPushApplication"). The third-party `tim_push` ≥ 1.2.0 dropped that need, so the
// rule is only for the official plugin (its stack); `tim_push` is not read at all.

use std::path::Path;

use super::super::super::layout::{file_name, join, Scan, Tree};
use super::super::super::source::{blank_comments, Source};
use crate::findings::{Finding, Location, Rule};

const PUSH_APPLICATION: &str = "TencentCloudChatPushApplication";

/// Kotlin and Java files of the app module looked through for the class, at most.
const MAX_CLASS_FILES: usize = 500;

/// How many superclasses are followed (`App : BaseApp()`, `BaseApp : TencentCloudChatPush…`).
const MAX_ANCESTORS: usize = 4;

/// What a Flutter app on `tencent_cloud_chat_push` names as its Android `Application`.
#[derive(Clone, Debug)]
pub(in crate::project) struct PushApplication {
    /// The manifest, as users see the path.
    pub manifest: String,
    /// The `android:name` value, else the `<application>` element.
    pub location: Location,
    /// What is wrong, completing "`<application>` of `AndroidManifest.xml` …"; `None` when the
    /// class extends `TencentCloudChatPushApplication`.
    pub problem: Option<String>,
}

/// Reads what the Flutter app in `app` names; `None` when it has no Android manifest.
pub(super) fn read(root: &Path, tree: &Tree, app: &str, scan: &Scan) -> Option<PushApplication> {
    let module = join(app, "android/app");
    let manifest = scan
        .manifests
        .iter()
        .find(|m| m.rel == format!("{module}/src/main/AndroidManifest.xml"))?;
    let location = manifest
        .application_name
        .as_ref()
        .and_then(|n| n.location.clone())
        .or_else(|| manifest.application.clone())
        .unwrap_or_else(|| manifest.root.clone());
    let problem = problem(
        root,
        tree,
        &module,
        manifest.application_name.as_ref().map(|n| n.value.as_str()),
        scan,
    );
    Some(PushApplication {
        manifest: manifest.display.clone(),
        location,
        problem,
    })
}

fn problem(
    root: &Path,
    tree: &Tree,
    module: &str,
    name: Option<&str>,
    scan: &Scan,
) -> Option<String> {
    let Some(mut name) = name.map(str::to_owned) else {
        return Some(
            "has no `android:name`, so Android starts the plain `android.app.Application`".into(),
        );
    };
    if let Some(key) = name.strip_prefix("${").and_then(|n| n.strip_suffix('}')) {
        let placeholder = scan
            .gradles
            .iter()
            .flat_map(|g| &g.placeholders)
            .find(|p| p.key == key);
        match placeholder {
            Some(p) => name = p.value.value.clone(),
            // Flutter's template writes `${applicationName}`; its Gradle plugin fills it with
            // `android.app.Application` unless a manifestPlaceholder says otherwise.
            None if key == "applicationName" => {
                return Some("names `${applicationName}`, which Flutter's Gradle plugin fills with `android.app.Application`".into())
            }
            None => return Some(format!("names `${{{key}}}`, which no manifestPlaceholder of the app's Gradle files defines")),
        }
    }
    let simple = name.rsplit('.').next().unwrap_or_default().to_owned();
    if simple == PUSH_APPLICATION {
        return None;
    }
    let classes = ClassFiles::read(root, tree, module);
    let mut current = simple.clone();
    for _ in 0..MAX_ANCESTORS {
        let Some(decl) = classes.find(&current) else {
            return Some(if current == simple {
                format!("names `{name}`, but no class `{simple}` is under `android/app/src/main/kotlin` or `java`")
            } else {
                format!("names `{name}`, whose superclass `{current}` is not under `android/app/src/main/kotlin` or `java`, so pushdiag cannot tell what it extends")
            });
        };
        if decl.supertypes.iter().any(|s| s == PUSH_APPLICATION) {
            return None;
        }
        let shown = format!("`{current}` (`{}:{}`)", decl.at.source, decl.at.line);
        match decl.superclass {
            Some(parent) if classes.find(&parent).is_some() && parent != current => {
                current = parent
            }
            Some(parent) => {
                return Some(format!(
                    "names {shown}, which extends `{parent}`, not `{PUSH_APPLICATION}`"
                ))
            }
            None => return Some(format!("names {shown}, which extends no class")),
        }
    }
    Some(format!(
        "names `{name}`, whose superclasses go deeper than pushdiag follows"
    ))
}

/// A class declaration found in a Kotlin or Java file.
struct Declaration {
    /// Every supertype named, last segments only.
    supertypes: Vec<String>,
    /// The class it extends: Java's `extends`, Kotlin's supertype with a constructor call.
    superclass: Option<String>,
    at: Location,
}

/// The app module's Kotlin and Java sources, comments blanked.
struct ClassFiles {
    files: Vec<(Source, String, bool)>,
}

impl ClassFiles {
    fn read(root: &Path, tree: &Tree, module: &str) -> ClassFiles {
        let dirs = [
            format!("{module}/src/main/kotlin/"),
            format!("{module}/src/main/java/"),
        ];
        let mut files = Vec::new();
        let sources = tree
            .files
            .iter()
            .filter(|rel| dirs.iter().any(|d| rel.starts_with(d.as_str())))
            .filter(|rel| rel.ends_with(".kt") || rel.ends_with(".java"))
            .take(MAX_CLASS_FILES);
        for rel in sources {
            let Ok(source) = Source::load(root, rel) else {
                continue;
            };
            // Kotlin and Java comments are C's; an unterminated one leaves the file as it is.
            let blanked =
                blank_comments(&source.bytes, true).unwrap_or_else(|_| source.bytes.clone());
            let Ok(text) = String::from_utf8(blanked) else {
                continue;
            };
            let kotlin = rel.ends_with(".kt");
            files.push((source, text, kotlin));
        }
        ClassFiles { files }
    }

    /// The declaration of `class`, looked for first in the file named after it.
    fn find(&self, class: &str) -> Option<Declaration> {
        let named = |(source, _, _): &&(Source, String, bool)| {
            let name = file_name(&source.rel);
            name.strip_suffix(".kt").or(name.strip_suffix(".java")) == Some(class)
        };
        let first = self.files.iter().filter(named);
        let rest = self.files.iter().filter(|f| !named(f));
        first
            .chain(rest)
            .find_map(|(source, text, kotlin)| declaration(source, text, *kotlin, class))
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// `class NAME … : A(), B` (Kotlin) or `class NAME … extends A implements B` (Java).
fn declaration(source: &Source, text: &str, kotlin: bool, class: &str) -> Option<Declaration> {
    let bytes = text.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"class") {
        let before_ok = at == 0 || !is_ident(bytes[at - 1]);
        let after = at + "class".len();
        if !before_ok || !bytes.get(after).is_some_and(u8::is_ascii_whitespace) {
            continue;
        }
        let rest = text[after..].trim_start();
        let Some(rest) = rest.strip_prefix(class) else {
            continue;
        };
        if rest.bytes().next().is_some_and(is_ident) {
            continue;
        }
        let header_end = rest.find('{').unwrap_or(rest.len()).min(400);
        let header = rest.get(..header_end).unwrap_or(rest);
        let (supertypes, superclass) = if kotlin {
            kotlin_supertypes(header)
        } else {
            java_supertypes(header)
        };
        return Some(Declaration {
            supertypes,
            superclass,
            at: source.locate(at, ""),
        });
    }
    None
}

/// The last segment of the qualified name at the start of `text` (`a.b.C<T>` → `C`).
fn type_name(text: &str) -> Option<String> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '$'))
        .unwrap_or(text.len());
    let name = text[..end].rsplit('.').next()?;
    (!name.is_empty()).then(|| name.to_owned())
}

fn java_supertypes(header: &str) -> (Vec<String>, Option<String>) {
    let words: Vec<&str> = header
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let superclass = words
        .iter()
        .position(|w| *w == "extends")
        .and_then(|i| words.get(i + 1))
        .and_then(|w| type_name(w));
    let mut all: Vec<String> = words
        .iter()
        .skip_while(|w| **w != "implements")
        .skip(1)
        .filter_map(|w| type_name(w))
        .collect();
    all.extend(superclass.clone());
    (all, superclass)
}

fn kotlin_supertypes(header: &str) -> (Vec<String>, Option<String>) {
    // After the primary constructor's parameters, if any: `(…) : A(), B`.
    let mut depth = 0usize;
    let mut colon = None;
    for (i, c) in header.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let Some(colon) = colon else {
        return (Vec::new(), None);
    };
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, colon + 1);
    let list = header;
    for (i, c) in list.char_indices().skip_while(|(i, _)| *i <= colon) {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    let mut supertypes = Vec::new();
    let mut superclass = None;
    for part in parts.iter().map(|p| p.trim()) {
        let Some(name) = type_name(part) else {
            continue;
        };
        if superclass.is_none() && part.contains('(') {
            superclass = Some(name.clone());
        }
        supertypes.push(name);
    }
    (supertypes, superclass)
}

/// The rule's findings, from what [`read`] found.
pub(in crate::project) fn check(scan: &Scan, findings: &mut Vec<Finding>) {
    for app in &scan.push_applications {
        let Some(problem) = &app.problem else {
            continue;
        };
        findings.push(
            Finding::new(
                Rule::FlutterPushApplicationMissing,
                format!(
                    "the `<application>` of `{}` {problem}: tencent_cloud_chat_push sets up the vendor push channels on Android from an Application that extends {PUSH_APPLICATION}, so offline pushes never reach Android phones",
                    app.manifest
                ),
            )
            .at(app.location.clone())
            .help(format!(
                "make the app's Application class extend {PUSH_APPLICATION} (Kotlin: `class MyApplication : {PUSH_APPLICATION}()`; Java: `public class MyApplication extends {PUSH_APPLICATION}`) and name it in the manifest: `<application android:name=\".MyApplication\">`"
            )),
        );
    }
}
