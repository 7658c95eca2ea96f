//! Checks on the ext itself: that it is one JSON object, encoded once, carrying what the app's
//! click handler reads (`entity` for uni-app and TUIKit, `conversationID` for the Flutter plugin).

use super::{Ctx, Profile};
use crate::findings::{Finding, Rule};
use crate::text::json::{raw_offset_of_decoded, Doc, KeyRepeat, Kind, ParseError, Parser};
use crate::text::{child_pointer, line_col, LineIndex};

/// Where the ext's bytes are, so a finding inside it can point at the source.
pub enum ExtPlace<'r> {
    /// The ext is part of the checked text (the whole text, or an object inside a record):
    /// offsets are the text's own, pointers extend `base`.
    InText { base: &'r str },
    /// The ext was a JSON string in the record and was parsed from its decoded content. `raw` is
    /// the string's escaped content, which starts at `raw_start` in the text. `pointer` builds
    /// the field's pointer, only when a finding needs it.
    Embedded {
        pointer: &'r dyn Fn() -> String,
        raw: &'r [u8],
        raw_start: usize,
    },
    /// A string inside a string: positions point at the Ext field itself.
    Nested { pointer: &'r str, offset: usize },
}

impl ExtPlace<'_> {
    fn pointer(&self, inner: &str) -> String {
        match self {
            ExtPlace::InText { base } => format!("{base}{inner}"),
            ExtPlace::Embedded { pointer, .. } => pointer(),
            ExtPlace::Nested { pointer, .. } => (*pointer).to_owned(),
        }
    }

    fn text_offset(&self, ext_offset: usize) -> usize {
        match self {
            ExtPlace::InText { .. } => ext_offset,
            ExtPlace::Embedded { raw, raw_start, .. } => {
                raw_start + raw_offset_of_decoded(raw, ext_offset)
            }
            ExtPlace::Nested { offset, .. } => *offset,
        }
    }

    /// The location of byte `ext_offset` of the ext, with `inner` the pointer inside the ext.
    fn locate(
        &self,
        ctx: &mut Ctx<'_>,
        ext_offset: usize,
        inner: &str,
    ) -> crate::findings::Location {
        let offset = self.text_offset(ext_offset);
        ctx.locate(offset, self.pointer(inner))
    }

    /// For an ext parsed from a string, the finding's message says where inside the ext.
    fn inner_hint(&self, inner: &str) -> String {
        match self {
            ExtPlace::InText { .. } => String::new(),
            _ if inner.is_empty() => String::new(),
            _ => format!(" (at {inner} inside the ext)"),
        }
    }
}

/// Reports a parse error inside an ext.
pub fn report_parse_error(ctx: &mut Ctx<'_>, place: &ExtPlace<'_>, ext: &str, error: &ParseError) {
    let (line, column) = line_col(ext.as_bytes(), error.offset);
    let location = place.locate(ctx, error.offset, "");
    let mut message = format!(
        "ext is not valid JSON: {} at byte {} of the ext (line {line}, column {column})",
        error.message, error.offset
    );
    if looks_like_js_object(ext) {
        message.push_str("; it looks like a JavaScript object literal (keys need double quotes)");
    }
    ctx.report(
        Finding::new(Rule::ExtInvalidJson, message)
            .help("build ext with JSON.stringify({...}) (or jsonEncode in Dart) so it is one JSON object: {\"entity\":{...}}")
            .at(location),
    );
}

/// True for `{entity: …}` or `{'a': 1}`: keys without double quotes, the commonest hand-written
/// mistake.
pub fn looks_like_js_object(ext: &str) -> bool {
    let trimmed = ext.trim_start();
    trimmed.starts_with('{')
        && trimmed[1..]
            .trim_start()
            .starts_with(|c: char| c == '\'' || c.is_ascii_alphabetic() || c == '_')
}

/// Checks a parsed ext value (the root `root` of `doc`) against the profile.
pub fn check_value(
    ctx: &mut Ctx<'_>,
    place: &ExtPlace<'_>,
    doc: &Doc<'_>,
    root: usize,
    inner: &mut Parser,
) {
    match doc.kind(root) {
        Kind::Object => check_object(ctx, place, doc, root),
        Kind::String => check_string_in_string(ctx, place, doc, root, inner),
        other => {
            let location = place.locate(ctx, doc.node(root).start as usize, "");
            ctx.report(
                Finding::new(
                    Rule::ExtNotObject,
                    format!("ext is {}, not a JSON object", other.describe()),
                )
                .help("make ext one JSON object, e.g. {\"entity\":{...}}; the click handlers read keys from it")
                .at(location),
            );
        }
    }
}

/// The ext decoded to a JSON string: JSON.stringify was applied twice, or the ext is a bare string.
fn check_string_in_string(
    ctx: &mut Ctx<'_>,
    place: &ExtPlace<'_>,
    doc: &Doc<'_>,
    root: usize,
    inner: &mut Parser,
) {
    let mut decoded = String::new();
    let content = doc.str_value(root, &mut decoded).to_owned();
    let location = place.locate(ctx, doc.node(root).start as usize, "");
    let field_pointer = location.pointer.clone();
    match inner.parse_str(&content) {
        Ok(inner_doc) if inner_doc.kind(Doc::ROOT) == Kind::Object => {
            ctx.report(
                Finding::new(
                    Rule::ExtDoubleEncoded,
                    "ext is a JSON string whose content is another JSON-encoded string: it was encoded twice",
                )
                .help("call JSON.stringify (or jsonEncode) once on the object: ext must decode to {\"entity\":{...}}, not to a string")
                .at(location.clone()),
            );
            // Check the object the sender meant, pointing at the field.
            let nested = ExtPlace::Nested {
                pointer: &field_pointer,
                offset: place.text_offset(doc.node(root).start as usize),
            };
            check_object(ctx, &nested, &inner_doc, Doc::ROOT);
        }
        _ => ctx.report(
            Finding::new(
                Rule::ExtNotObject,
                "ext is a JSON string, not a JSON object",
            )
            .help("make ext one JSON object, e.g. {\"entity\":{...}}")
            .at(location),
        ),
    }
}

/// Duplicate keys inside an ext parsed on its own (keys of a record-level ext are found with the
/// record's).
pub fn report_duplicates(
    ctx: &mut Ctx<'_>,
    place: &ExtPlace<'_>,
    doc: &Doc<'_>,
    scratch: &mut Vec<KeyRepeat>,
) {
    doc.duplicate_keys(scratch);
    // Line numbers from one index: a lookup per repeat from the text's start was quadratic.
    let mut lines = LineIndex::default();
    for report in super::duplicates::plan(doc, scratch) {
        let (message, at, inner) = match report {
            super::duplicates::Report::One {
                key,
                pointer,
                first,
                repeat,
            } => {
                let first = doc.key_offset(first).unwrap_or(0);
                let (line, _) = lines.line_col_lazy(doc.src, first);
                let message = format!(
                    "ext repeats the key \"{key}\"{}; the first is on line {line} of the ext, and parsers disagree on which value wins",
                    place.inner_hint(&pointer)
                );
                (message, repeat, pointer)
            }
            super::duplicates::Report::More {
                key,
                count,
                in_object,
                at,
                pointer,
            } => {
                let message = format!(
                    "ext: {}",
                    super::duplicates::more_message(key.as_deref(), count, in_object)
                );
                (message, at, pointer)
            }
        };
        let offset = doc.key_offset(at).unwrap_or(0);
        let location = place.locate(ctx, offset, &inner);
        ctx.report(
            Finding::new(Rule::ExtDuplicateKey, message)
                .help("keep one of the two values")
                .at(location),
        );
    }
}

/// Profile checks on an ext that is a JSON object.
pub fn check_object(ctx: &mut Ctx<'_>, place: &ExtPlace<'_>, doc: &Doc<'_>, root: usize) {
    let entity = doc.get(root, "entity");
    match ctx.options.profile {
        Profile::Uniapp => match entity {
            Some(entity) => check_entity(ctx, place, doc, entity),
            None => {
                let location = place.locate(ctx, doc.node(root).start as usize, "");
                ctx.report(
                    Finding::new(Rule::ExtMissingEntity, "ext has no \"entity\" object")
                        .help(format!(
                            "wrap the custom fields in {{\"entity\": {{...}}}}: {}",
                            suggest_wrapped(doc, root)
                        ))
                        .at(location),
                );
            }
        },
        Profile::Flutter => {
            if let Some(entity) = entity {
                check_entity(ctx, place, doc, entity);
            }
            check_conversation_id(ctx, place, doc, root, entity.is_some());
        }
        Profile::Json => {}
    }
}

/// `{"nick":"a"}` → `{"entity":{"nick":"a"}}`, for the help line (short exts only).
fn suggest_wrapped(doc: &Doc<'_>, root: usize) -> String {
    let text = String::from_utf8_lossy(doc.text(root));
    if text.len() <= 120 && !text.contains('\n') {
        format!("{{\"entity\":{text}}}")
    } else {
        "{\"entity\":{...your fields...}}".to_owned()
    }
}

fn check_entity(ctx: &mut Ctx<'_>, place: &ExtPlace<'_>, doc: &Doc<'_>, entity: usize) {
    let kind = doc.kind(entity);
    if kind == Kind::Object {
        return;
    }
    let inner = child_pointer("", "entity");
    let location = place.locate(ctx, doc.node(entity).start as usize, &inner);
    let mut scratch = String::new();
    let encoded_object = kind == Kind::String
        && doc
            .str_value(entity, &mut scratch)
            .trim_start()
            .starts_with('{')
        && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(
            doc.str_value(entity, &mut scratch),
        )
        .is_ok();
    let message = if encoded_object {
        "ext's \"entity\" is a string holding JSON, not the object itself (encoded twice)"
            .to_owned()
    } else {
        format!("ext's \"entity\" is {}, not a JSON object", kind.describe())
    };
    ctx.report(
        Finding::new(Rule::ExtEntityNotObject, message)
            .help("put the object itself under \"entity\": {\"entity\":{\"nick\":\"...\"}}; the uni-app plugin reads notification.entity.<field>")
            .at(location),
    );
}

fn check_conversation_id(
    ctx: &mut Ctx<'_>,
    place: &ExtPlace<'_>,
    doc: &Doc<'_>,
    root: usize,
    has_entity: bool,
) {
    let help = "set ext to {\"conversationID\":\"c2c_<userID>\"} or {\"conversationID\":\"group_<groupID>\"}; the Flutter plugin opens that conversation on click";
    let Some(id) = doc.get(root, "conversationID") else {
        if !has_entity {
            let location = place.locate(ctx, doc.node(root).start as usize, "");
            ctx.report(
                Finding::new(
                    Rule::ConversationIdMalformed,
                    "ext has no \"conversationID\" (and no \"entity\")",
                )
                .help(help)
                .at(location),
            );
        }
        return;
    };
    let mut scratch = String::new();
    let problem = if doc.kind(id) != Kind::String {
        Some(format!(
            "\"conversationID\" is {}, not a string",
            doc.kind(id).describe()
        ))
    } else {
        let value = doc.str_value(id, &mut scratch);
        let well_formed = ["c2c_", "group_"].iter().any(|prefix| {
            value
                .strip_prefix(prefix)
                .is_some_and(|rest| !rest.trim().is_empty())
        });
        (!well_formed).then(|| {
            format!("\"conversationID\" is \"{value}\", not c2c_<userID> or group_<groupID>")
        })
    };
    if let Some(problem) = problem {
        let inner = child_pointer("", "conversationID");
        let location = place.locate(ctx, doc.node(id).start as usize, &inner);
        ctx.report(
            Finding::new(Rule::ConversationIdMalformed, problem)
                .help(help)
                .at(location),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_javascript_object_literals() {
        assert!(looks_like_js_object("{entity: {a: 1}}"));
        assert!(looks_like_js_object("{ 'entity': 1}"));
        assert!(!looks_like_js_object("{\"entity\": 1}"));
        assert!(!looks_like_js_object("[1]"));
    }
}
