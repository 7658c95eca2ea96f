//! `build.gradle` / `build.gradle.kts`: the `applicationId`, the `manifestPlaceholders` (vivo's
//! `VIVO_APPID` / `VIVO_APPKEY` in Tencent's Flutter guide), and `targetSdkVersion`.
//!
//! Gradle files are programs, not data, so this reads them with a small tokenizer (comments
//! blanked, strings and brackets understood) and recognises the handful of shapes people write,
//! in both Groovy and Kotlin:
//! `applicationId "x"`, `applicationId = "x"`, `applicationId("x")`;
//! `manifestPlaceholders = [K: "v"]`, `+= [...]`, `manifestPlaceholders["K"] = "v"`,
//! `.put("K", "v")`, `+= mapOf("K" to "v")`, `.putAll(mapOf(...))`.
//! A value computed at build time (`"${x}"`, a variable) is not a literal and is left alone.

use super::claim;
use super::source::{blank_comments, parse_json, Source};
use super::Claim;
use crate::findings::{Located, Location};

pub(super) const VIVO_APPID: &str = "VIVO_APPID";
pub(super) const VIVO_APPKEY: &str = "VIVO_APPKEY";

/// One manifest placeholder with a literal value.
#[derive(Clone, Debug)]
pub(super) struct Placeholder {
    pub key: String,
    pub value: Located<String>,
    /// Where it was declared, in words, e.g. "the manifestPlaceholders of `app/build.gradle`".
    pub origin: String,
}

/// A Maven coordinate written as a string: `com.tencent.timpush:huawei:8.7.7201`.
#[derive(Clone, Debug)]
pub(super) struct Coordinate {
    pub group: String,
    pub name: String,
    /// The version as written (`8.7.7201`, `latest.release`, `8.6+`); `None` when there is none
    /// or it is computed (`$timpushVersion`).
    pub version: Option<String>,
}

/// What one Gradle file says.
#[derive(Debug)]
pub(super) struct GradleFile {
    /// Relative to the project root: the module is its folder.
    pub rel: String,
    /// Applies the Android application plugin or sets an applicationId.
    pub is_app: bool,
    pub application_id: Option<Claim>,
    pub placeholders: Vec<Placeholder>,
    /// A literal `targetSdkVersion` / `targetSdk`; Flutter's `flutter.targetSdkVersion` is not.
    pub target_sdk: Option<u32>,
    /// Where settings belong: `defaultConfig {`, else the file's start.
    pub anchor: Location,
    /// Every string that is a Maven coordinate, wherever it is (`implementation '…'`,
    /// `api("…")`, `implementation ('…') { exclude … }`): the configuration does not matter for
    /// whether an artifact is in the build.
    pub coordinates: Vec<Coordinate>,
    /// `project(':name')` dependencies, without the leading colon.
    pub projects: Vec<String>,
    /// Plugin ids applied: `id 'x'`, `id("x")`, `apply plugin: 'x'`, `apply(plugin = "x")`; an
    /// id declared with `apply false` is not applied.
    pub plugins: Vec<String>,
    /// Version-catalog accessors as written (`libs.timpush.huawei`, `libs.plugins.agconnect`):
    /// their coordinates live in `gradle/libs.versions.toml`.
    pub catalog_refs: Vec<String>,
    /// The last `dependencies {` (the module's own; `buildscript`'s comes first), where an
    /// artifact belongs.
    pub dependencies_at: Option<Location>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    Str { value: String, computed: bool },
    Punct(u8),
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    start: usize,
}

fn tokenize(bytes: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
        } else if b.is_ascii_alphanumeric() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let word = String::from_utf8_lossy(&bytes[start..i]).into_owned();
            tokens.push(Token {
                tok: Tok::Word(word),
                start,
            });
        } else if b == b'"' || b == b'\'' {
            let start = i;
            let triple = bytes[i..].starts_with(&[b, b, b]);
            let open = if triple { 3 } else { 1 };
            let mut j = i + open;
            let mut value = Vec::new();
            loop {
                if j >= bytes.len() {
                    break;
                }
                if triple && bytes[j..].starts_with(&[b, b, b]) {
                    j += 3;
                    break;
                }
                if !triple && bytes[j] == b {
                    j += 1;
                    break;
                }
                if bytes[j] == b'\\' && j + 1 < bytes.len() {
                    value.push(bytes[j + 1]);
                    j += 2;
                    continue;
                }
                value.push(bytes[j]);
                j += 1;
            }
            let value = String::from_utf8_lossy(&value).into_owned();
            // Package names and vendor ids never contain `$`: one means interpolation.
            let computed = value.contains('$');
            tokens.push(Token {
                tok: Tok::Str { value, computed },
                start,
            });
            i = j;
        } else {
            tokens.push(Token {
                tok: Tok::Punct(b),
                start: i,
            });
            i += 1;
        }
    }
    tokens
}

fn is_word(token: Option<&Token>, word: &str) -> bool {
    matches!(token, Some(Token { tok: Tok::Word(w), .. }) if w == word)
}

fn is_punct(token: Option<&Token>, punct: u8) -> bool {
    matches!(token, Some(Token { tok: Tok::Punct(p), .. }) if *p == punct)
}

/// The index of the bracket that closes the one at `open`.
fn closing(tokens: &[Token], open: usize) -> usize {
    let (left, right) = match tokens[open].tok {
        Tok::Punct(b'{') => (b'{', b'}'),
        Tok::Punct(b'[') => (b'[', b']'),
        _ => (b'(', b')'),
    };
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        if token.tok == Tok::Punct(left) {
            depth += 1;
        } else if token.tok == Tok::Punct(right) {
            depth -= 1;
            if depth == 0 {
                return i;
            }
        }
    }
    tokens.len()
}

/// A literal value token: a non-interpolated string, or a bare number.
fn literal(token: Option<&Token>) -> Option<(String, usize)> {
    match token {
        Some(Token {
            tok: Tok::Str {
                value,
                computed: false,
            },
            start,
        }) => Some((value.clone(), *start)),
        Some(Token {
            tok: Tok::Word(word),
            start,
        }) if word.bytes().all(|b| b.is_ascii_digit()) => Some((word.clone(), *start)),
        _ => None,
    }
}

/// A map key: a bare word or a string.
fn key(token: Option<&Token>) -> Option<String> {
    match token {
        Some(Token {
            tok: Tok::Word(word),
            ..
        }) => Some(word.clone()),
        Some(Token {
            tok: Tok::Str { value, .. },
            ..
        }) => Some(value.clone()),
        _ => None,
    }
}

pub(super) fn read(source: &Source) -> anyhow::Result<GradleFile> {
    source.text()?;
    let blanked = blank_comments(&source.bytes, true)
        .map_err(|at| source.fail_at(at, "unterminated /* comment"))?;
    let tokens = tokenize(&blanked);

    // `defaultConfig { … }` holds the applicationId that ships; product flavours may override
    // it on purpose, so only the default one is a claim.
    let default_config = (0..tokens.len())
        .find(|&i| is_word(tokens.get(i), "defaultConfig") && is_punct(tokens.get(i + 1), b'{'))
        .map(|i| (i, closing(&tokens, i + 1)));
    let (from, to) = default_config.unwrap_or((0, tokens.len()));
    let application_id = (from..to)
        .filter(|&i| is_word(tokens.get(i), "applicationId"))
        .find_map(|i| {
            let mut j = i + 1;
            if is_punct(tokens.get(j), b'=') || is_punct(tokens.get(j), b'(') {
                j += 1;
            }
            literal(tokens.get(j))
        })
        .map(|(value, start)| Claim {
            value,
            what: claim::APPLICATION_ID,
            location: source.locate(start, ""),
        });

    let text = String::from_utf8_lossy(&blanked);
    let is_app = application_id.is_some()
        || text.contains("com.android.application")
        || text.contains("plugins.android.application");

    let target_sdk = tokens.iter().enumerate().find_map(|(i, token)| {
        let Tok::Word(word) = &token.tok else {
            return None;
        };
        if word != "targetSdkVersion" && word != "targetSdk" {
            return None;
        }
        let mut j = i + 1;
        if is_punct(tokens.get(j), b'=') || is_punct(tokens.get(j), b'(') {
            j += 1;
        }
        match tokens.get(j) {
            Some(Token {
                tok: Tok::Word(n), ..
            }) => n.parse().ok(),
            _ => None,
        }
    });

    let origin = format!("the manifestPlaceholders of `{}`", source.display);
    let mut placeholders = Vec::new();
    for i in 0..tokens.len() {
        if !is_word(tokens.get(i), "manifestPlaceholders") {
            continue;
        }
        let mut pairs = Vec::new();
        // manifestPlaceholders["K"] = "v"
        if is_punct(tokens.get(i + 1), b'[')
            && is_punct(tokens.get(i + 3), b']')
            && is_punct(tokens.get(i + 4), b'=')
        {
            if let (Some(k), Some(v)) = (key(tokens.get(i + 2)), literal(tokens.get(i + 5))) {
                pairs.push((k, v));
            }
        } else {
            // `= [`, `+= [`, `= mapOf(`, `.put(`, `.putAll(`: find the bracket that opens the
            // value, within a few tokens so an unrelated bracket later is never taken.
            let is_put = is_word(tokens.get(i + 2), "put");
            let open = (i + 1..(i + 5).min(tokens.len()))
                .find(|&j| is_punct(tokens.get(j), b'[') || is_punct(tokens.get(j), b'('));
            if let Some(open) = open {
                let close = closing(&tokens, open);
                let mut j = open + 1;
                while j + 2 <= close {
                    let separator = match tokens.get(j + 1) {
                        Some(Token {
                            tok: Tok::Punct(b':'),
                            ..
                        }) => true,
                        Some(Token {
                            tok: Tok::Punct(b','),
                            ..
                        }) => is_put,
                        other => is_word(other, "to"),
                    };
                    match (key(tokens.get(j)), separator, literal(tokens.get(j + 2))) {
                        (Some(k), true, Some(v)) => {
                            pairs.push((k, v));
                            j += 3;
                        }
                        _ => j += 1,
                    }
                }
            }
        }
        for (k, (value, start)) in pairs {
            placeholders.push(Placeholder {
                key: k,
                value: Located::new(value, Some(source.locate(start, ""))),
                origin: origin.clone(),
            });
        }
    }

    let anchor = match default_config {
        Some((i, _)) => source.locate(tokens[i].start, ""),
        None => source.top(),
    };
    let dependencies_at = (0..tokens.len())
        .rev()
        .find(|&i| is_word(tokens.get(i), "dependencies") && is_punct(tokens.get(i + 1), b'{'))
        .map(|i| source.locate(tokens[i].start, ""));
    let mut file = GradleFile {
        rel: source.rel.clone(),
        is_app,
        application_id,
        placeholders,
        target_sdk,
        anchor,
        coordinates: Vec::new(),
        projects: Vec::new(),
        plugins: Vec::new(),
        catalog_refs: Vec::new(),
        dependencies_at,
    };
    read_build_graph(&tokens, &mut file);
    Ok(file)
}

/// Splits `group:name[:version]`; `None` for strings that are not coordinates.
fn coordinate(value: &str) -> Option<(String, String, Option<String>)> {
    let mut parts = value.splitn(3, ':');
    let (group, name) = (parts.next()?, parts.next()?);
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    };
    if !plain(group) || !plain(name) || !group.contains('.') {
        return None;
    }
    let version = parts
        .next()
        .filter(|v| !v.is_empty() && !v.contains('$'))
        .map(str::to_owned);
    Some((group.to_owned(), name.to_owned(), version))
}

/// The dependencies, project dependencies, plugins and catalog accessors of one file.
fn read_build_graph(tokens: &[Token], file: &mut GradleFile) {
    for (i, token) in tokens.iter().enumerate() {
        match &token.tok {
            Tok::Str { value, .. } => {
                let before = |back: usize| i.checked_sub(back).and_then(|j| tokens.get(j));
                if let Some((group, name, version)) = coordinate(value) {
                    file.coordinates.push(Coordinate {
                        group,
                        name,
                        version,
                    });
                } else if let Some(path) = value.strip_prefix(':') {
                    if is_punct(before(1), b'(') && is_word(before(2), "project") {
                        file.projects.push(path.to_owned());
                    }
                }
                // `id 'x'`, `id("x")`, `apply plugin: 'x'`, `apply(plugin = "x")`.
                let declared = is_word(before(1), "id")
                    || (is_punct(before(1), b'(') && is_word(before(2), "id"))
                    || ((is_punct(before(1), b':') || is_punct(before(1), b'='))
                        && is_word(before(2), "plugin"));
                if declared && !applied_false(tokens, i) {
                    file.plugins.push(value.clone());
                }
            }
            Tok::Word(word) if word == "libs" && is_punct(tokens.get(i + 1), b'.') => {
                let mut path = word.clone();
                let mut j = i + 1;
                while is_punct(tokens.get(j), b'.') {
                    let Some(Token {
                        tok: Tok::Word(part),
                        ..
                    }) = tokens.get(j + 1)
                    else {
                        break;
                    };
                    path.push('.');
                    path.push_str(part);
                    j += 2;
                }
                file.catalog_refs.push(path);
            }
            _ => {}
        }
    }
}

/// True when the plugin id at `at` is followed by `apply false` before the next declaration:
/// `id 'x' version '1' apply false`, `id("x") version "1" apply false`.
fn applied_false(tokens: &[Token], at: usize) -> bool {
    for j in at + 1..(at + 8).min(tokens.len()) {
        if is_word(tokens.get(j), "id") || is_word(tokens.get(j), "plugin") {
            return false;
        }
        if is_word(tokens.get(j), "apply") && is_word(tokens.get(j + 1), "false") {
            return true;
        }
    }
    false
}

/// uni-app's `nativeResources/android/manifestPlaceholders.json`: `{"VIVO_APPID": "…"}`.
pub(super) fn read_placeholder_json(source: &Source) -> anyhow::Result<Vec<Placeholder>> {
    let root = parse_json(source, true)?;
    let origin = format!("`{}`", source.display);
    Ok(root
        .members()
        .iter()
        .filter_map(|(key, node)| {
            let value = node.scalar()?;
            Some(Placeholder {
                key: key.clone(),
                value: Located::new(value, Some(source.locate(node.start, node.pointer.clone()))),
                origin: origin.clone(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradle(text: &str) -> GradleFile {
        let source = Source::new(
            "b.gradle".into(),
            "b.gradle".into(),
            text.as_bytes().to_vec(),
        );
        read(&source).expect("reads")
    }

    fn pairs(file: &GradleFile) -> Vec<(String, String)> {
        file.placeholders
            .iter()
            .map(|p| (p.key.clone(), p.value.value.clone()))
            .collect()
    }

    #[test]
    fn application_id_in_each_syntax() {
        for (text, want) in [
            ("android { defaultConfig {\n applicationId \"com.a\"\n } }", Some("com.a")),
            ("android { defaultConfig { applicationId = \"com.b\" } }", Some("com.b")),
            ("android { defaultConfig { applicationId('com.c') } }", Some("com.c")),
            // Commented out, interpolated, or a variable: nothing to compare.
            ("defaultConfig { // applicationId \"com.d\"\n }", None),
            ("defaultConfig { applicationId \"com.${flavor}\" }", None),
            ("defaultConfig { applicationId rootProject.ext.id }", None),
            // The flavour's id is not the default one.
            (
                "defaultConfig { applicationId \"com.e\" }\nproductFlavors { dev { applicationId \"com.e.dev\" } }",
                Some("com.e"),
            ),
            ("defaultConfig { applicationIdSuffix \".dev\" }", None),
        ] {
            let file = gradle(text);
            assert_eq!(
                file.application_id.as_ref().map(|c| c.value.as_str()),
                want,
                "{text}"
            );
        }
        let file = gradle("android {\n  defaultConfig {\n    applicationId \"com.a\"\n");
        let at = &file.application_id.expect("id").location;
        assert_eq!((at.line, at.column), (3, 19));
    }

    #[test]
    fn manifest_placeholders_in_each_syntax() {
        let groovy = gradle(
            "defaultConfig {\n manifestPlaceholders = [\n  VIVO_APPID: \"123\", // id\n  'VIVO_APPKEY': 'abc'\n ]\n}",
        );
        assert_eq!(
            pairs(&groovy),
            [
                ("VIVO_APPID".into(), "123".into()),
                ("VIVO_APPKEY".into(), "abc".into())
            ]
        );
        // Tencent's guide forgets a comma; Gradle would complain, we still read the intent.
        let seed = gradle("manifestPlaceholders = [VIVO_APPID: \"1\"\n VIVO_APPKEY:\"k\"]");
        assert_eq!(pairs(&seed).len(), 2);
        let kts = gradle(
            "manifestPlaceholders[\"VIVO_APPID\"] = \"9\"\nmanifestPlaceholders += mapOf(\"VIVO_APPKEY\" to \"k\", \"X\" to \"y\")\nmanifestPlaceholders.put(\"A\", \"b\")",
        );
        assert_eq!(
            pairs(&kts),
            [
                ("VIVO_APPID".into(), "9".into()),
                ("VIVO_APPKEY".into(), "k".into()),
                ("X".into(), "y".into()),
                ("A".into(), "b".into())
            ]
        );
    }

    #[test]
    fn dependencies_plugins_and_catalog_refs() {
        let groovy = gradle(
            "plugins {\n id 'com.android.application'\n id 'com.huawei.agconnect' version '1.9' apply false\n}\napply plugin: 'com.google.gms.google-services'\ndependencies {\n implementation 'com.tencent.timpush:timpush:8.7.7201'\n api (\"com.tencent.timpush:fcm:$v\") { exclude group: 'x' }\n // implementation 'com.tencent.timpush:honor:1'\n implementation project(':tuiofflinepush')\n implementation libs.timpush.vivo\n}",
        );
        let coords: Vec<(String, Option<String>)> = groovy
            .coordinates
            .iter()
            .map(|c| (format!("{}:{}", c.group, c.name), c.version.clone()))
            .collect();
        assert_eq!(
            coords,
            [
                (
                    "com.tencent.timpush:timpush".into(),
                    Some("8.7.7201".into())
                ),
                ("com.tencent.timpush:fcm".into(), None)
            ]
        );
        // `apply false` declares a plugin for other modules; it is not applied here.
        assert_eq!(
            groovy.plugins,
            ["com.android.application", "com.google.gms.google-services"]
        );
        assert_eq!(groovy.projects, ["tuiofflinepush"]);
        assert_eq!(groovy.catalog_refs, ["libs.timpush.vivo"]);
        assert_eq!(groovy.dependencies_at.map(|l| l.line), Some(6));
        let kts = gradle(
            "plugins { id(\"com.hihonor.mcs.asplugin\"); alias(libs.plugins.agconnect) }\napply(plugin = \"com.huawei.agconnect\")",
        );
        assert_eq!(
            kts.plugins,
            ["com.hihonor.mcs.asplugin", "com.huawei.agconnect"]
        );
        assert_eq!(kts.catalog_refs, ["libs.plugins.agconnect"]);
    }

    #[test]
    fn target_sdk_and_app_plugin() {
        let file = gradle("plugins { id \"com.android.application\" }\nandroid { defaultConfig { targetSdkVersion 31 } }");
        assert!(file.is_app);
        assert_eq!(file.target_sdk, Some(31));
        let flutter =
            gradle("android { defaultConfig { targetSdkVersion flutter.targetSdkVersion } }");
        assert!(!flutter.is_app);
        assert_eq!(flutter.target_sdk, None);
    }
}
