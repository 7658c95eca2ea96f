//! One file of the app: its bytes, where each byte is (line and character column), and the JSON
//! reader the JSON-based files share.

use std::fmt::Display;
use std::path::Path;
use std::sync::Arc;

use crate::files::FileKind;
use crate::findings::Location;
use crate::text::json::{Doc, Kind, Parser};
use crate::text::{child_pointer, LineIndex};

/// A file read from the project.
pub(super) struct Source {
    /// The path relative to the project root, with `/` separators.
    pub rel: String,
    /// The path as users see it and editors open it: the root as given, joined with `rel`.
    pub display: Arc<str>,
    pub bytes: Vec<u8>,
    lines: LineIndex,
}

impl Source {
    pub fn new(rel: String, display: Arc<str>, bytes: Vec<u8>) -> Self {
        Source {
            rel,
            display,
            lines: LineIndex::new(&bytes),
            bytes,
        }
    }

    /// Reads `rel` under `root`.
    pub fn load(root: &Path, rel: &str) -> anyhow::Result<Source> {
        let path = root.join(rel);
        let display = display_path(root, rel);
        // Files bigger than their kind's cap are not app configuration; reading them would only
        // cost memory.
        let kind = if rel.ends_with(".mobileprovision") {
            FileKind::ProvisioningProfile
        } else {
            FileKind::ProjectFile
        };
        let bytes = crate::files::read(&path, kind)
            .map_err(|e| anyhow::anyhow!("cannot read `{display}`: {e}"))?;
        Ok(Source::new(rel.to_owned(), display, bytes))
    }

    /// The location of byte `offset`; columns count characters, as editors do.
    pub fn locate(&self, offset: usize, pointer: impl Into<String>) -> Location {
        let (line, column) = self.lines.line_col(&self.bytes, offset);
        Location {
            source: self.display.clone(),
            line: line as u64,
            column: column as u64,
            offset: offset.min(self.bytes.len()) as u64,
            pointer: pointer.into(),
        }
    }

    /// The file's start, for findings about the file as a whole.
    pub fn top(&self) -> Location {
        self.locate(0, "")
    }

    /// The one-line failure for a file that does not parse: what is wrong and where.
    pub fn fail_at(&self, offset: usize, what: impl Display) -> anyhow::Error {
        let at = self.locate(offset, "");
        anyhow::anyhow!(
            "cannot parse `{}`: {what} at line {}, column {}",
            self.display,
            at.line,
            at.column
        )
    }

    /// The text, or a failure naming the first byte that is not UTF-8.
    pub fn text(&self) -> anyhow::Result<&str> {
        std::str::from_utf8(&self.bytes).map_err(|e| self.fail_at(e.valid_up_to(), "not UTF-8"))
    }
}

/// Whether the `manifest.json` at `root/rel` is HBuilderX's (it has an `"app-plus"` section)
/// rather than another tool's (Flutter web, PWAs, browser extensions). Only the first bytes a
/// project file may have are looked at, so a 2 GB manifest costs the same bounded read (and
/// gives the same answer) on every machine; an unreadable file is not one.
pub(super) fn mentions_app_plus(root: &Path, rel: &str) -> bool {
    crate::files::peek(&root.join(rel), FileKind::ProjectFile.cap())
        .is_ok_and(|bytes| memchr::memmem::find(&bytes, b"\"app-plus\"").is_some())
}

/// `root/rel` as the user would type it: no `./` in front when the root is the current folder.
pub(super) fn display_path(root: &Path, rel: &str) -> Arc<str> {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        return rel.into();
    }
    let root = root.to_string_lossy();
    let root = root.trim_end_matches(['/', '\\']);
    format!("{root}/{rel}").into()
}

/// Replaces `//` and `/* */` comments with spaces (keeping newlines), so a strict parser accepts
/// the text and every byte keeps its offset: line and column of what follows stay right.
/// HBuilderX writes `manifest.json` with such comments; Gradle files have them too. With
/// `single_quotes`, `'…'` is a string as well (Groovy, Kotlin chars). Returns the offset of an
/// unterminated `/*` as the error.
pub(super) fn blank_comments(bytes: &[u8], single_quotes: bool) -> Result<Vec<u8>, usize> {
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i < out.len() {
        match out[i] {
            quote @ (b'"' | b'\'') if quote == b'"' || single_quotes => {
                i += 1;
                while i < out.len() && out[i] != quote && out[i] != b'\n' {
                    // A backslash escapes the next byte; an escaped quote does not end the string.
                    i += if out[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if out.get(i + 1) == Some(&b'/') => {
                while i < out.len() && out[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
            }
            b'/' if out.get(i + 1) == Some(&b'*') => {
                let start = i;
                let end = memchr::memmem::find(&out[i + 2..], b"*/")
                    .map(|at| i + 2 + at + 2)
                    .ok_or(start)?;
                for byte in &mut out[start..end] {
                    if !matches!(*byte, b'\n' | b'\r') {
                        *byte = b' ';
                    }
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    Ok(out)
}

/// A JSON value with the byte offset where it starts and its JSON pointer.
#[derive(Clone, Debug)]
pub(super) struct JNode {
    pub start: usize,
    pub pointer: String,
    pub value: JValue,
}

#[derive(Clone, Debug)]
pub(super) enum JValue {
    /// `null`, `true` or `false`: nothing here reads them.
    Literal,
    Number(String),
    Str(String),
    Array(Vec<JNode>),
    Object(Vec<(String, JNode)>),
}

impl JNode {
    /// The member `key`; with duplicates the last, as JavaScript and serde_json keep it.
    pub fn get(&self, key: &str) -> Option<&JNode> {
        self.members()
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The first of `keys` that is present.
    pub fn get_any(&self, keys: &[&str]) -> Option<&JNode> {
        keys.iter().find_map(|key| self.get(key))
    }

    /// Follows a path of member names.
    pub fn path(&self, keys: &[&str]) -> Option<&JNode> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    pub fn members(&self) -> &[(String, JNode)] {
        match &self.value {
            JValue::Object(members) => members,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[JNode] {
        match &self.value {
            JValue::Array(items) => items,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A string, or a number as written: people type vivo app ids both ways.
    pub fn scalar(&self) -> Option<String> {
        match &self.value {
            JValue::Str(s) | JValue::Number(s) => Some(s.clone()),
            _ => None,
        }
    }
}

/// Parses a JSON file; with `comments`, `//` and `/* */` comments are allowed (HBuilderX's
/// `manifest.json`). Trailing commas are not: Android's and HBuilderX's readers reject them.
pub(super) fn parse_json(source: &Source, comments: bool) -> anyhow::Result<JNode> {
    source.text()?;
    let mut bytes = if comments {
        blank_comments(&source.bytes, false)
            .map_err(|at| source.fail_at(at, "unterminated /* comment"))?
    } else {
        source.bytes.clone()
    };
    // A UTF-8 byte order mark becomes three spaces, so offsets still match the file.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes[..3].copy_from_slice(b"   ");
    }
    let mut parser = Parser::default();
    let doc = parser.parse(&bytes).map_err(|error| {
        if error.message.contains("trailing comma") {
            // Point at the comma itself, not at the bracket after it.
            let comma = bytes[..error.offset.min(bytes.len())]
                .iter()
                .rposition(|&b| !b.is_ascii_whitespace())
                .filter(|&at| bytes[at] == b',')
                .unwrap_or(error.offset);
            source.fail_at(comma, "trailing comma")
        } else {
            source.fail_at(error.offset, error.message)
        }
    })?;
    Ok(build(&doc, Doc::ROOT, String::new()))
}

fn build(doc: &Doc<'_>, index: usize, pointer: String) -> JNode {
    let start = doc.node(index).start as usize;
    let value = match doc.kind(index) {
        Kind::Null | Kind::Bool => JValue::Literal,
        Kind::Number => JValue::Number(String::from_utf8_lossy(doc.text(index)).into_owned()),
        Kind::String => {
            let mut scratch = String::new();
            JValue::Str(doc.str_value(index, &mut scratch).to_owned())
        }
        Kind::Array => JValue::Array(
            doc.children(index)
                .enumerate()
                .map(|(i, child)| build(doc, child, format!("{pointer}/{i}")))
                .collect(),
        ),
        Kind::Object => JValue::Object(
            doc.children(index)
                .map(|child| {
                    let key = doc.key(child).map(|k| k.into_owned()).unwrap_or_default();
                    let node = build(doc, child, child_pointer(&pointer, &key));
                    (key, node)
                })
                .collect(),
        ),
    };
    JNode {
        start,
        pointer,
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source::new("f.json".into(), "f.json".into(), text.as_bytes().to_vec())
    }

    #[test]
    fn comments_become_spaces_and_offsets_stay() {
        let text = "{ // 注释\n \"a\": \"http://x\", /* b\n */ \"c\": 1 }";
        let blanked = blank_comments(text.as_bytes(), false).expect("terminated");
        assert_eq!(blanked.len(), text.len());
        let blanked = String::from_utf8(blanked).expect("utf-8");
        assert!(blanked.contains("\"http://x\""), "{blanked}");
        assert!(!blanked.contains("注释") && !blanked.contains("b\n */"));
        assert_eq!(blanked.matches('\n').count(), 2);
        assert_eq!(blank_comments(b"{} /* open", false), Err(3));
    }

    #[test]
    fn values_know_their_line_column_and_pointer() {
        let src = source("{\n  // 说明\n  \"a\": {\"标\": \"x\", \"b\": [1, \"y\"]}\n}");
        let root = parse_json(&src, true).expect("parses");
        let y = &root.path(&["a", "b"]).expect("b").items()[1];
        let at = src.locate(y.start, y.pointer.clone());
        assert_eq!((at.line, at.pointer.as_str()), (3, "/a/b/1"));
        // `  "a": {"标": "x", "b": [1, ` is 27 characters (29 bytes) before the quote.
        assert_eq!(at.column, 28);
    }

    #[test]
    fn trailing_comma_is_reported_at_the_comma() {
        let src = source("{\n  \"a\": 1,\n}\n");
        let error = parse_json(&src, false).expect_err("trailing comma");
        assert_eq!(
            error.to_string(),
            "cannot parse `f.json`: trailing comma at line 2, column 9"
        );
    }
}
