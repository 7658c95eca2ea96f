//! iOS: `*.entitlements` (`aps-environment`), provisioning profiles (`embedded.mobileprovision`:
//! Entitlements.aps-environment and application-identifier), `Info.plist` and the Xcode project's
//! `PRODUCT_BUNDLE_IDENTIFIER`.
//!
//! XML plists are read with roxmltree so values keep their line and column; binary plists
//! (`bplist00`) go through the `plist` crate and point at the file.

use std::io::Cursor;

use roxmltree::{Document, Node};

use super::android::{xml_failure, xml_options};
use super::claim;
use super::source::Source;
use super::Claim;
use crate::findings::{Located, Location};

pub(super) const APS_ENVIRONMENT: &str = "aps-environment";

/// The iOS files found.
#[derive(Default)]
pub(super) struct IosFiles {
    pub entitlements: Vec<Entitlements>,
    pub profiles: Vec<Profile>,
    /// How many app `Info.plist` files were read (evidence of an iOS project).
    pub info_plists: usize,
    /// What the app's Swift / Objective-C, Podfiles and build configurations say about push.
    pub code: super::code::IosCode,
}

#[derive(Debug)]
pub(super) struct Entitlements {
    /// Relative to the project root, as `CODE_SIGN_ENTITLEMENTS` names it.
    pub rel: String,
    pub display: String,
    pub top: Location,
    pub aps: Option<Located<String>>,
}

#[derive(Debug)]
pub(super) struct Profile {
    pub display: String,
    pub top: Location,
    pub aps: Option<Located<String>>,
    /// `Entitlements.application-identifier` without the team prefix.
    pub app_identifier: Option<Claim>,
}

/// A plist value found by key: its text and where it is.
struct Found {
    value: String,
    at: Location,
}

/// The members of a `<dict>`: `<key>` elements each followed by a value element.
fn dict_entries<'a, 'i>(dict: Node<'a, 'i>) -> Vec<(String, Node<'a, 'i>)> {
    let mut entries = Vec::new();
    let mut key = None;
    for child in dict.children().filter(Node::is_element) {
        if child.has_tag_name("key") {
            key = Some(child.text().unwrap_or_default().trim().to_owned());
        } else if let Some(k) = key.take() {
            entries.push((k, child));
        }
    }
    entries
}

/// The string at `path` of keys from the top `<dict>` of an XML plist whose text starts at byte
/// `base` of `source`.
fn xml_lookup(source: &Source, base: usize, doc: &Document<'_>, path: &[&str]) -> Option<Found> {
    let plist = doc.root_element();
    let mut node = plist.children().find(Node::is_element)?;
    for key in path {
        if !node.has_tag_name("dict") {
            return None;
        }
        node = dict_entries(node)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)?;
    }
    let value = node.text().unwrap_or_default();
    // Point at the text itself (after `<string>`) so editors land on the value.
    let at = node
        .first_child()
        .map_or(node.range().start, |text| text.range().start);
    Some(Found {
        value: value.trim().to_owned(),
        at: source.locate(base + at, format!("/{}", path.join("/"))),
    })
}

fn binary_lookup(source: &Source, path: &[&str]) -> anyhow::Result<Option<Found>> {
    let value = plist::Value::from_reader(Cursor::new(&source.bytes))
        .map_err(|e| anyhow::anyhow!("cannot parse `{}`: {e}", source.display))?;
    let mut node = &value;
    for key in path {
        match node.as_dictionary().and_then(|d| d.get(key)) {
            Some(next) => node = next,
            None => return Ok(None),
        }
    }
    Ok(node.as_string().map(|value| Found {
        value: value.trim().to_owned(),
        at: source.top(),
    }))
}

/// Looks up several paths in a whole-file plist, XML or binary.
fn plist_lookup(source: &Source, paths: &[&[&str]]) -> anyhow::Result<Vec<Option<Found>>> {
    if source.bytes.starts_with(b"bplist") {
        return paths
            .iter()
            .map(|path| binary_lookup(source, path))
            .collect();
    }
    let text = source.text()?;
    let doc = Document::parse_with_options(text, xml_options())
        .map_err(|e| xml_failure(source, 0, &e))?;
    if !doc.root_element().has_tag_name("plist") {
        return Err(source.fail_at(doc.root_element().range().start, "not a property list"));
    }
    Ok(paths
        .iter()
        .map(|path| xml_lookup(source, 0, &doc, path))
        .collect())
}

fn located(found: Found) -> Located<String> {
    Located::new(found.value, Some(found.at))
}

pub(super) fn read_entitlements(source: &Source) -> anyhow::Result<Entitlements> {
    let mut found = plist_lookup(source, &[&[APS_ENVIRONMENT]])?;
    Ok(Entitlements {
        rel: source.rel.clone(),
        display: source.display.to_string(),
        top: source.top(),
        aps: found.pop().flatten().map(located),
    })
}

/// A provisioning profile is a CMS (PKCS#7) signed message whose content is an XML plist; the
/// plist is taken from between `<?xml` and `</plist>` instead of parsing the signature.
pub(super) fn read_profile(source: &Source) -> anyhow::Result<Profile> {
    let bytes = &source.bytes;
    let start = memchr::memmem::find(bytes, b"<?xml");
    let end = memchr::memmem::rfind(bytes, b"</plist>").map(|at| at + b"</plist>".len());
    let (Some(start), Some(end)) = (start, end) else {
        anyhow::bail!(
            "cannot parse `{}`: no property list inside (is it a provisioning profile?)",
            source.display
        );
    };
    if end <= start {
        anyhow::bail!(
            "cannot parse `{}`: the property list inside is cut off",
            source.display
        );
    }
    let text = std::str::from_utf8(&bytes[start..end]).map_err(|e| {
        source.fail_at(
            start + e.valid_up_to(),
            "the property list inside is not UTF-8",
        )
    })?;
    let doc = Document::parse_with_options(text, xml_options())
        .map_err(|e| xml_failure(source, start, &e))?;
    let aps = xml_lookup(source, start, &doc, &["Entitlements", APS_ENVIRONMENT]).map(located);
    let app_identifier = xml_lookup(
        source,
        start,
        &doc,
        &["Entitlements", "application-identifier"],
    )
    .map(|found| {
        // `TEAMID.com.example.app`: the team id is ten upper-case letters and digits.
        let value = match found.value.split_once('.') {
            Some((team, rest))
                if team.len() == 10
                    && team
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
            {
                rest.to_owned()
            }
            _ => found.value.clone(),
        };
        Claim {
            value,
            what: claim::PROFILE_APP_ID,
            location: found.at,
        }
    });
    Ok(Profile {
        display: source.display.to_string(),
        top: source.top(),
        aps,
        app_identifier,
    })
}

/// `CFBundleIdentifier`, when it is a literal rather than `$(PRODUCT_BUNDLE_IDENTIFIER)`.
pub(super) fn read_info_plist(source: &Source) -> anyhow::Result<Option<Claim>> {
    let mut found = plist_lookup(source, &[&["CFBundleIdentifier"]])?;
    Ok(found
        .pop()
        .flatten()
        .filter(|f| !f.value.is_empty() && !f.value.contains('$'))
        .map(|f| Claim {
            value: f.value,
            what: claim::INFO_PLIST,
            location: f.at,
        }))
}

/// `PRODUCT_BUNDLE_IDENTIFIER = com.example.app;` in `project.pbxproj`, once per distinct value.
/// Test and extension targets have their own ids, so the checks accept the project when any of
/// them is the configured bundle id.
pub(super) fn read_pbxproj(source: &Source) -> anyhow::Result<Vec<Claim>> {
    let text = source.text()?;
    let mut claims: Vec<Claim> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let Some(at) = line.find("PRODUCT_BUNDLE_IDENTIFIER") else {
            continue;
        };
        let rest = &line[at + "PRODUCT_BUNDLE_IDENTIFIER".len()..];
        let Some(eq) = rest.find('=') else {
            continue;
        };
        let after = &rest[eq + 1..];
        let trimmed = after.trim_start();
        let value_start = line_start
            + at
            + "PRODUCT_BUNDLE_IDENTIFIER".len()
            + eq
            + 1
            + (after.len() - trimmed.len());
        let value = trimmed
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches('"');
        if value.is_empty() || value.contains('$') || claims.iter().any(|c| c.value == value) {
            continue;
        }
        claims.push(Claim {
            value: value.to_owned(),
            what: claim::XCODE_BUNDLE_ID,
            location: source.locate(value_start, ""),
        });
    }
    Ok(claims)
}

/// One `XCBuildConfiguration` of `project.pbxproj`: a configuration (Debug, Release, Profile,
/// Ad Hoc…) of the project or of one target, and how it is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct BuildConfiguration {
    pub name: String,
    /// Where `name = …;` is.
    pub at: Location,
    /// `CODE_SIGN_ENTITLEMENTS`, relative to the project root (the `.xcodeproj`'s folder is
    /// `$(SRCROOT)`).
    pub entitlements: Option<String>,
    /// `CODE_SIGN_IDENTITY` (or its `[sdk=iphoneos*]` variant).
    pub identity: Option<String>,
    pub profile: Option<String>,
}

/// A pbxproj value: `"quoted"` or bare, up to the `;`.
fn pbx_value(text: &str) -> String {
    text.trim()
        .trim_end_matches(';')
        .trim()
        .trim_matches('"')
        .to_owned()
}

/// Every `XCBuildConfiguration` block: one pass over the lines, each block read from its
/// `isa = XCBuildConfiguration;` to its `name = …;` (which Xcode writes after `buildSettings`).
pub(super) fn read_build_configurations(source: &Source) -> Vec<BuildConfiguration> {
    let Ok(text) = source.text() else {
        return Vec::new();
    };
    let srcroot = super::layout::parent(super::layout::parent(&source.rel));
    let mut configs = Vec::new();
    let mut current: Option<BuildConfiguration> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "isa = XCBuildConfiguration;" {
            current = Some(BuildConfiguration {
                name: String::new(),
                at: source.top(),
                entitlements: None,
                identity: None,
                profile: None,
            });
            continue;
        }
        let Some(config) = current.as_mut() else {
            continue;
        };
        // A quoted key may hold `=` itself: `"CODE_SIGN_IDENTITY[sdk=iphoneos*]" = …;`.
        let key_end = match trimmed.strip_prefix('"') {
            Some(rest) => rest.find('"').map_or(0, |at| at + 2),
            None => 0,
        };
        let Some(eq) = trimmed[key_end..].find('=').map(|at| key_end + at) else {
            continue;
        };
        let (key, value) = (&trimmed[..eq], &trimmed[eq + 1..]);
        let key = key.trim().trim_matches('"');
        let value = pbx_value(value);
        match key {
            "CODE_SIGN_ENTITLEMENTS" if !value.is_empty() => {
                let rel = ["$(SRCROOT)/", "${SRCROOT}/", "$(PROJECT_DIR)/", "./"]
                    .iter()
                    .fold(value.as_str(), |v, prefix| {
                        v.strip_prefix(prefix).unwrap_or(v)
                    });
                config.entitlements = Some(super::layout::join(srcroot, rel));
            }
            "CODE_SIGN_IDENTITY" | "CODE_SIGN_IDENTITY[sdk=iphoneos*]" => {
                config.identity = Some(value);
            }
            "PROVISIONING_PROFILE_SPECIFIER" | "PROVISIONING_PROFILE_SPECIFIER[sdk=iphoneos*]"
                if !value.is_empty() =>
            {
                config.profile = Some(value);
            }
            "name" => {
                let at = line_start + line.find('=').map_or(0, |eq| eq + 1);
                let skipped = text[at..].len() - text[at..].trim_start().len();
                config.name = value;
                config.at = source.locate(at + skipped, "");
                configs.extend(current.take());
            }
            _ => {}
        }
    }
    configs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, bytes: Vec<u8>) -> Source {
        Source::new(name.into(), name.into(), bytes)
    }

    const ENTITLEMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>aps-environment</key>
	<string>development</string>
</dict>
</plist>
"#;

    #[test]
    fn entitlements_with_a_doctype() {
        let e = read_entitlements(&source("R.entitlements", ENTITLEMENTS.into())).expect("parses");
        let aps = e.aps.expect("aps");
        assert_eq!(aps.value, "development");
        let at = aps.location.expect("located");
        assert_eq!(
            (at.line, at.column, at.pointer.as_str()),
            (6, 10, "/aps-environment")
        );
    }

    #[test]
    fn binary_entitlements() {
        let mut dict = plist::Dictionary::new();
        dict.insert(APS_ENVIRONMENT.into(), "production".into());
        let mut bytes = Vec::new();
        plist::Value::Dictionary(dict)
            .to_writer_binary(&mut bytes)
            .expect("writes");
        let e = read_entitlements(&source("R.entitlements", bytes)).expect("parses");
        assert_eq!(e.aps.expect("aps").value, "production");
    }

    #[test]
    fn profile_plist_is_cut_out_of_the_signature() {
        let mut bytes = vec![0x30, 0x80, 0x06, 0x09, 0xff, 0x00];
        bytes.extend_from_slice(
            b"<?xml version=\"1.0\"?>\n<plist version=\"1.0\"><dict>\n<key>Entitlements</key><dict>\n<key>application-identifier</key><string>AB12CD34EF.com.example.chat</string>\n<key>aps-environment</key><string>production</string>\n</dict></dict></plist>",
        );
        bytes.extend_from_slice(&[0xa0, 0x82, 0x01]);
        let p = read_profile(&source("embedded.mobileprovision", bytes)).expect("parses");
        assert_eq!(p.aps.expect("aps").value, "production");
        let id = p.app_identifier.expect("app id");
        assert_eq!(id.value, "com.example.chat");
        assert_eq!(id.location.line, 4);
        let error =
            read_profile(&source("x.mobileprovision", vec![0x30, 0x80])).expect_err("no plist");
        assert!(
            error.to_string().contains("no property list inside"),
            "{error}"
        );
    }

    #[test]
    fn pbxproj_bundle_ids() {
        let text = "\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.chat;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = \"com.example.chat.RunnerTests\";\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.chat;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = \"$(inherited)\";\n";
        let claims = read_pbxproj(&source("project.pbxproj", text.into())).expect("reads");
        let values: Vec<_> = claims.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["com.example.chat", "com.example.chat.RunnerTests"]);
        assert_eq!(
            (claims[0].location.line, claims[0].location.column),
            (1, 33)
        );
    }
}

#[cfg(test)]
mod build_configuration_tests {
    use super::*;

    #[test]
    fn configurations_with_their_signing() {
        let text = "\t\t97C147071CF9000F007C117D /* Profile */ = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = Runner/Runner.entitlements;\n\t\t\t\t\"CODE_SIGN_IDENTITY[sdk=iphoneos*]\" = \"Apple Development\";\n\t\t\t\tPROVISIONING_PROFILE_SPECIFIER = \"match Development com.example.chat\";\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.chat;\n\t\t\t};\n\t\t\tname = Profile;\n\t\t};\n\t\tAB /* Release */ = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t};\n\t\t\tname = \"Ad Hoc\";\n\t\t};\n";
        let source = Source::new(
            "ios/Runner.xcodeproj/project.pbxproj".into(),
            "ios/Runner.xcodeproj/project.pbxproj".into(),
            text.into(),
        );
        let configs = read_build_configurations(&source);
        assert_eq!(configs.len(), 2, "{configs:#?}");
        let profile = &configs[0];
        assert_eq!(profile.name, "Profile");
        assert_eq!((profile.at.line, profile.at.column), (9, 11));
        assert_eq!(
            profile.entitlements.as_deref(),
            Some("ios/Runner/Runner.entitlements")
        );
        assert_eq!(profile.identity.as_deref(), Some("Apple Development"));
        assert_eq!(
            profile.profile.as_deref(),
            Some("match Development com.example.chat")
        );
        assert_eq!(configs[1].name, "Ad Hoc");
        assert_eq!(configs[1].entitlements, None);
        // The bundle-id reader still reads the same file.
        assert_eq!(read_pbxproj(&source).expect("reads").len(), 1);
    }
}
