//! `AndroidManifest.xml`: the `package` attribute, the permissions, the vivo meta-data, and the
//! `Application` class it names.

use roxmltree::{Document, Node, ParsingOptions};

use super::claim;
use super::source::Source;
use super::Claim;
use crate::findings::{Located, Location};

const ANDROID_NS: &str = "http://schemas.android.com/apk/res/android";
const TOOLS_NS: &str = "http://schemas.android.com/tools";

pub(super) const VIVO_APP_ID: &str = "com.vivo.push.app_id";
pub(super) const VIVO_API_KEY: &str = "com.vivo.push.api_key";

/// What one manifest declares.
#[derive(Debug)]
pub(super) struct Manifest {
    pub display: String,
    pub rel: String,
    pub package: Option<Claim>,
    /// The `<manifest>` element: where permissions go.
    pub root: Location,
    /// `<permission android:name>`.
    pub permissions: Vec<String>,
    /// `<uses-permission android:name>` (and `uses-permission-sdk-23`).
    pub uses_permissions: Vec<String>,
    /// `<meta-data android:name android:value>`, the value located.
    pub meta_data: Vec<(String, Located<String>)>,
    /// The `<application>` element, and its `android:name` (the `Application` class Android
    /// starts first; `.App` is relative to the package) located at its value.
    pub application: Option<Location>,
    pub application_name: Option<Located<String>>,
}

impl Manifest {
    /// The value of the meta-data called `name`.
    pub fn meta(&self, name: &str) -> Option<&Located<String>> {
        self.meta_data
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value)
    }

    /// True when this is the app's main manifest rather than a debug/profile overlay.
    pub fn is_main(&self) -> bool {
        self.rel.ends_with("src/main/AndroidManifest.xml")
    }
}

/// The parse error as one line: roxmltree's text ends in "at ROW:COL", which becomes words.
pub(super) fn xml_failure(source: &Source, base: usize, error: &roxmltree::Error) -> anyhow::Error {
    let pos = error.pos();
    let text = error.to_string();
    let what = text
        .strip_suffix(&format!(" at {pos}"))
        .map(str::to_owned)
        .unwrap_or_else(|| text.replace(&format!(" at {pos}"), ""));
    if base == 0 {
        anyhow::anyhow!(
            "cannot parse `{}`: {what} at line {}, column {}",
            source.display,
            pos.row,
            pos.col
        )
    } else {
        // Inside a larger file (a provisioning profile): roxmltree's position is relative to the
        // embedded XML, so report it as such.
        anyhow::anyhow!(
            "cannot parse the XML inside `{}`: {what} at its line {}, column {}",
            source.display,
            pos.row,
            pos.col
        )
    }
}

pub(super) fn xml_options<'input>() -> ParsingOptions<'input> {
    // Plists carry a DOCTYPE; roxmltree refuses DTDs unless asked. No external entity is ever
    // fetched either way.
    ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    }
}

pub(super) fn read(source: &Source) -> anyhow::Result<Manifest> {
    let text = source.text()?;
    let doc = Document::parse_with_options(text, xml_options())
        .map_err(|e| xml_failure(source, 0, &e))?;
    let root = doc.root_element();
    if root.tag_name().name() != "manifest" {
        return Err(source.fail_at(
            root.range().start,
            format_args!(
                "the root element is <{}>, not <manifest>",
                root.tag_name().name()
            ),
        ));
    }
    let package = root.attribute_node("package").and_then(|attr| {
        let value = attr.value().trim();
        // `${applicationId}` and friends are filled in by Gradle; not a claim of their own.
        (!value.is_empty() && !value.contains('$')).then(|| Claim {
            value: value.to_owned(),
            what: claim::MANIFEST_PACKAGE,
            location: source.locate(attr.range_value().start, ""),
        })
    });
    let mut manifest = Manifest {
        display: source.display.to_string(),
        rel: source.rel.clone(),
        package,
        root: source.locate(root.range().start, ""),
        permissions: Vec::new(),
        uses_permissions: Vec::new(),
        meta_data: Vec::new(),
        application: None,
        application_name: None,
    };
    for node in root.descendants().filter(Node::is_element) {
        // `tools:node="remove"` takes a library's declaration out of the merged manifest.
        if node.attribute((TOOLS_NS, "node")) == Some("remove") {
            continue;
        }
        if node.tag_name().name() == "application" && manifest.application.is_none() {
            manifest.application = Some(source.locate(node.range().start, ""));
            manifest.application_name = node.attribute_node((ANDROID_NS, "name")).map(|attr| {
                let at = source.locate(attr.range_value().start, "");
                Located::new(attr.value().trim().to_owned(), Some(at))
            });
        }
        let Some(name) = node.attribute((ANDROID_NS, "name")) else {
            continue;
        };
        match node.tag_name().name() {
            "permission" => manifest.permissions.push(name.trim().to_owned()),
            "uses-permission" | "uses-permission-sdk-23" => {
                manifest.uses_permissions.push(name.trim().to_owned())
            }
            "meta-data" => {
                let value = node.attribute_node((ANDROID_NS, "value"));
                let (text, at) = match value {
                    Some(attr) => (attr.value().to_owned(), attr.range_value().start),
                    None => (String::new(), node.range().start),
                };
                let located = Located::new(text, Some(source.locate(at, "")));
                manifest.meta_data.push((name.trim().to_owned(), located));
            }
            _ => {}
        }
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(text: &str) -> anyhow::Result<Manifest> {
        let source = Source::new(
            "AndroidManifest.xml".into(),
            "AndroidManifest.xml".into(),
            text.as_bytes().to_vec(),
        );
        read(&source)
    }

    #[test]
    fn reads_package_permissions_and_meta_data() {
        let m = manifest(
            r#"<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    xmlns:tools="http://schemas.android.com/tools" package="com.a">
  <permission android:name="com.a.permission.MIPUSH_RECEIVE" android:protectionLevel="signature"/>
  <uses-permission android:name="com.a.permission.MIPUSH_RECEIVE"/>
  <uses-permission android:name="android.permission.READ_PHONE_STATE" tools:node="remove"/>
  <application android:name=".App">
    <meta-data android:name="com.vivo.push.app_id" android:value="${VIVO_APPID}"/>
  </application>
</manifest>"#,
        )
        .expect("parses");
        let package = m.package.clone().expect("package");
        assert_eq!(package.value, "com.a");
        assert_eq!((package.location.line, package.location.column), (3, 61));
        assert_eq!(m.permissions, ["com.a.permission.MIPUSH_RECEIVE"]);
        assert_eq!(m.uses_permissions, ["com.a.permission.MIPUSH_RECEIVE"]);
        let app_id = m.meta(VIVO_APP_ID).expect("meta-data");
        assert_eq!(app_id.value, "${VIVO_APPID}");
        assert_eq!(app_id.location.as_ref().map(|l| l.line), Some(8));
        let application = m.application_name.clone().expect("android:name");
        assert_eq!(application.value, ".App");
        let at = application.location.expect("located");
        assert_eq!((at.line, at.column), (7, 30));
        assert_eq!(m.application.map(|a| (a.line, a.column)), Some((7, 3)));
    }

    #[test]
    fn an_application_without_a_name_is_still_located() {
        let m = manifest(&format!(
            "<manifest xmlns:android=\"{ANDROID_NS}\"><application/></manifest>"
        ))
        .expect("parses");
        assert!(m.application_name.is_none());
        assert_eq!(
            m.application.map(|a| a.column),
            Some(ANDROID_NS.len() as u64 + 28)
        );
    }

    #[test]
    fn broken_xml_names_line_and_column() {
        let error = manifest("<manifest>\n  <application>\n</manifest>").expect_err("broken");
        let text = error.to_string();
        assert!(
            text.starts_with("cannot parse `AndroidManifest.xml`: ")
                && text.ends_with("at line 3, column 1"),
            "{text}"
        );
    }
}
