//! A custom TIMPush config file: since TIMPush 7.7.5283 an app may name another file than
//! `timpush-configs.json` with
//! `TIMPushManager.getInstance().callExperimentalAPI("setPushConfig", "{\"customConfigFile\":\"debug-timpush-configs.json\"}", …)`.
//! The named file must be in the module's assets; when it is, its values are checked like the
//! standard file's, and when it is not (or its name is computed) a note says so.
// Facts: ../shared/reference/timpush.md §1.1 (alternate file names, the call's shape).

use std::path::Path;

use super::super::super::layout::{file_name, Scan, Tree};
use super::super::super::source::{blank_comments, Source};
use super::super::{timpush_config, Unfollowed};

/// At most this many Java/Kotlin files are looked at, each at most this big: the call sits in
/// the app's `Application` or start-up code, not in generated or vendored sources.
const MAX_FILES: usize = 2_000;
const MAX_BYTES: u64 = 1024 * 1024;

const KEY: &[u8] = b"customConfigFile";

/// One `customConfigFile` value as written.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Named {
    /// A literal file name and the byte offset where it starts.
    File(String, usize),
    /// Something else (a variable, a concatenation): not followed.
    Computed(usize),
}

pub(super) fn read(root: &Path, tree: &Tree, scan: &mut Scan) {
    let modules = scan.android_modules.clone();
    let source_dir = |module: &str| {
        if module.is_empty() {
            "src/".to_owned()
        } else {
            format!("{module}/src/")
        }
    };
    let candidates: Vec<(String, String)> = tree
        .files
        .iter()
        .filter(|rel| rel.ends_with(".java") || rel.ends_with(".kt"))
        .filter_map(|rel| {
            let module = modules.iter().find(|m| rel.starts_with(&source_dir(m)))?;
            Some((rel.clone(), module.clone()))
        })
        .take(MAX_FILES)
        .collect();
    for (rel, module) in candidates {
        let path = root.join(&rel);
        let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= MAX_BYTES);
        // A source file that cannot be read is not this check's failure: it is skipped.
        let read = || crate::files::peek(&path, MAX_BYTES).ok();
        let Some(bytes) = small.then(read).flatten() else {
            continue;
        };
        if memchr::memmem::find(&bytes, KEY).is_none() {
            continue;
        }
        let source = Source::new(
            rel.clone(),
            super::super::super::source::display_path(root, &rel),
            bytes,
        );
        let Ok(blanked) = blank_comments(&source.bytes, true) else {
            continue;
        };
        for named in names(&blanked) {
            follow(root, tree, scan, &source, &module, named);
        }
    }
}

/// Every `customConfigFile` value in the (comment-blanked) text.
pub(super) fn names(text: &[u8]) -> Vec<Named> {
    let mut found = Vec::new();
    for at in memchr::memmem::find_iter(text, KEY) {
        let mut i = at + KEY.len();
        // `\":\"`, `":"`, `" : "`: quotes, escapes, colons and spaces up to the value.
        while i < text.len() && matches!(text[i], b'\\' | b'"' | b'\'' | b':' | b' ' | b'\t') {
            i += 1;
        }
        let start = i;
        while i < text.len()
            && (text[i].is_ascii_alphanumeric() || matches!(text[i], b'.' | b'-' | b'_' | b'/'))
        {
            i += 1;
        }
        let name = String::from_utf8_lossy(&text[start..i]).into_owned();
        let ends = matches!(text.get(i), Some(b'\\' | b'"' | b'\''));
        if ends && name.ends_with(".json") {
            found.push(Named::File(name, start));
        } else {
            found.push(Named::Computed(start));
        }
    }
    found
}

fn follow(root: &Path, tree: &Tree, scan: &mut Scan, source: &Source, module: &str, named: Named) {
    let what = "the TIMPush config file named by `setPushConfig`'s `customConfigFile`".to_owned();
    let (name, offset) = match named {
        Named::File(name, offset) => (name, offset),
        Named::Computed(offset) => {
            scan.facts.app_code.unfollowed.push(Unfollowed {
                vendor: None,
                what,
                why: "its name is computed at run time, so that file's values were not checked"
                    .to_owned(),
                location: source.locate(offset, ""),
            });
            return;
        }
    };
    // `src/main/assets/` or a build variant's (`src/debug/assets/`), which that variant packs.
    let prefix = if module.is_empty() {
        "src/".to_owned()
    } else {
        format!("{module}/src/")
    };
    let found = tree.files.iter().find(|rel| {
        rel.strip_prefix(&prefix)
            .and_then(|rest| rest.split_once('/'))
            .is_some_and(|(_, rest)| rest == format!("assets/{name}"))
    });
    let Some(rel) = found.cloned() else {
        scan.facts.app_code.unfollowed.push(Unfollowed {
            vendor: None,
            what: format!("`{}` ({what})", file_name(&name)),
            why: format!(
                "it is not in `{prefix}main/assets/` (or a build variant's assets folder), where TIMPush looks for it, so its values were not checked"
            ),
            location: source.locate(offset, ""),
        });
        return;
    };
    if scan.timpush_configs.iter().any(|c| c.rel == rel) {
        return; // already read as a `*timpush-configs*.json`
    }
    let Some((config, registered)) = scan.read(root, &rel, timpush_config::parse) else {
        return;
    };
    let stack = timpush_config::stack_of(scan, &config);
    timpush_config::record(scan, config, registered, stack);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_java_and_kotlin() {
        let java = br#"TIMPushManager.getInstance().callExperimentalAPI("setPushConfig", "{\"customConfigFile\":\"debug-timpush-configs.json\"}", null);"#;
        let found = names(java);
        assert!(
            matches!(&found[..], [Named::File(name, _)] if name == "debug-timpush-configs.json")
        );
        let kotlin = br#"val json = """{"customConfigFile": "push/dev.json"}""""#;
        assert!(matches!(&names(kotlin)[..], [Named::File(name, _)] if name == "push/dev.json"));
        let computed = br#"put("customConfigFile", fileName)"#;
        assert!(matches!(&names(computed)[..], [Named::Computed(_)]));
        let concatenated = br#""{\"customConfigFile\":\"" + name + "\"}""#;
        assert!(matches!(&names(concatenated)[..], [Named::Computed(_)]));
    }
}
