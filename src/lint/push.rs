//! The three record shapes the contract accepts, and the push fields read from each: a bare
//! `OfflinePushInfo`, a REST `sendmsg` body holding one, and the client SDK's `offlinePushInfo`.

use super::json::{Doc, Kind};
use super::locate::child_pointer;
use super::InputKind;

/// What a checked text turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The text is an ext itself.
    Ext,
    /// A REST `v4/openim/sendmsg` body (`MsgBody`, `OfflinePushInfo`).
    SendMsg,
    /// A bare `OfflinePushInfo` object (`Title`, `Desc`, `Ext`, `AndroidInfo`, `ApnsInfo`).
    Bare,
    /// The client SDK's `offlinePushInfo` (`title`, `description`, `extension`, …).
    Sdk,
}

impl Shape {
    /// Whether Tencent's REST API is the consumer (field names in PascalCase).
    pub fn is_rest(self) -> bool {
        matches!(self, Shape::SendMsg | Shape::Bare)
    }
}

const BARE_KEYS: &[&str] = &[
    "Title",
    "Desc",
    "Ext",
    "AndroidInfo",
    "ApnsInfo",
    "PushFlag",
];
const SDK_KEYS: &[&str] = &[
    "extension",
    "description",
    "androidOPPOChannelID",
    "disablePush",
];

/// Decides the shape of a parsed text. `auto` reads anything with push fields as a record and
/// everything else as an ext, so both `lint-ext '{"entity":…}'` and a JSON Lines log of sendmsg
/// bodies work without flags.
pub fn detect(doc: &Doc<'_>, input: InputKind) -> Shape {
    if input == InputKind::Ext {
        return Shape::Ext;
    }
    let root = Doc::ROOT;
    let mut shape = None;
    if doc.kind(root) == Kind::Object {
        // One pass over the root's keys: this runs for every record of a stream.
        let (mut sendmsg, mut sdk, mut bare, mut sdk_ext, mut sdk_text) =
            (false, false, false, false, false);
        for child in doc.children(root) {
            let key = doc.key(child).unwrap_or_default();
            let key = key.as_ref();
            sendmsg |= key == "OfflinePushInfo" || key == "MsgBody";
            sdk |= key == "offlinePushInfo" || SDK_KEYS.contains(&key);
            bare |= BARE_KEYS.contains(&key);
            sdk_ext |= key == "ext";
            sdk_text |= key == "title" || key == "desc";
        }
        shape = if sendmsg {
            Some(Shape::SendMsg)
        } else if sdk {
            Some(Shape::Sdk)
        } else if bare {
            Some(Shape::Bare)
        } else if sdk_ext && sdk_text {
            Some(Shape::Sdk)
        } else {
            None
        };
    }
    match (input, shape) {
        (_, Some(shape)) => shape,
        (InputKind::Record, None) => Shape::Bare,
        _ => Shape::Ext,
    }
}

/// Where the push fields of a record are. Node indices point into the record's document.
#[derive(Debug, Default)]
pub struct PushFields {
    /// Pointer of the object that holds the push fields (`/OfflinePushInfo`, `` or
    /// `/offlinePushInfo`).
    pub base: &'static str,
    /// That object, if the record has one.
    pub info: Option<usize>,
    pub title: Option<Field>,
    pub desc: Option<Field>,
    pub ext: Option<Field>,
    pub apns_title: Option<Field>,
    pub android: Option<Field>,
    pub oppo_channel: Option<Field>,
    pub xiaomi_channel: Option<Field>,
    /// `PushFlag: 1` or `disablePush: true`: the sender asked for no offline push.
    pub push_disabled: bool,
    /// `MsgBody` of a sendmsg record.
    pub msg_body: Option<Field>,
    /// Fields present with the wrong JSON type: (pointer, node, what was expected).
    pub wrong_types: Vec<(String, usize, &'static str)>,
}

/// A field's node and where it is. The JSON pointer is built only when a finding needs it:
/// this runs for every record of a stream.
#[derive(Clone, Debug)]
pub struct Field {
    pub node: usize,
    parent: &'static str,
    key: &'static str,
}

impl Field {
    pub fn pointer(&self) -> String {
        child_pointer(self.parent, self.key)
    }
}

impl PushFields {
    /// Reads the push fields of a record of the given shape.
    pub fn read(doc: &Doc<'_>, shape: Shape) -> PushFields {
        let mut fields = PushFields::default();
        let root = Doc::ROOT;
        let (info, base) = match shape {
            Shape::SendMsg => (doc.get(root, "OfflinePushInfo"), "/OfflinePushInfo"),
            Shape::Sdk => match doc.get(root, "offlinePushInfo") {
                Some(info) => (Some(info), "/offlinePushInfo"),
                None => (Some(root), ""),
            },
            Shape::Bare => (Some(root), ""),
            Shape::Ext => (None, ""),
        };
        fields.base = base;
        if shape == Shape::SendMsg {
            fields.msg_body = fields.typed(doc, root, "MsgBody", "", Kind::Array, "an array");
        }
        let Some(info) = info else {
            return fields;
        };
        if doc.kind(info) != Kind::Object {
            fields
                .wrong_types
                .push((base.to_owned(), info, "an object"));
            return fields;
        }
        fields.info = Some(info);
        if shape == Shape::Sdk {
            fields.title = fields.string(doc, info, &["title"]);
            fields.desc = fields.string(doc, info, &["description", "desc"]);
            fields.ext = fields.any(doc, info, &["extension", "ext"]);
            fields.oppo_channel = fields.string(doc, info, &["androidOPPOChannelID"]);
            if let Some(flag) = doc.get(info, "disablePush") {
                fields.push_disabled = doc.text(flag) == b"true";
            }
        } else {
            fields.title = fields.string(doc, info, &["Title"]);
            fields.desc = fields.string(doc, info, &["Desc"]);
            fields.ext = fields.any(doc, info, &["Ext"]);
            if let Some(flag) = fields.typed(
                doc,
                info,
                "PushFlag",
                base,
                Kind::Number,
                "an integer 0 or 1",
            ) {
                fields.push_disabled = doc.text(flag.node) == b"1";
            }
            let apns = fields.typed(doc, info, "ApnsInfo", base, Kind::Object, "an object");
            if let Some(apns) = apns {
                fields.apns_title =
                    fields.string_at(doc, apns.node, "Title", nested(apns.parent, apns.key));
            }
            fields.android =
                fields.typed(doc, info, "AndroidInfo", base, Kind::Object, "an object");
            if let Some(android) = fields.android.clone() {
                fields.oppo_channel = fields.string_at(
                    doc,
                    android.node,
                    "OPPOChannelID",
                    nested(android.parent, android.key),
                );
                fields.xiaomi_channel = fields.string_at(
                    doc,
                    android.node,
                    "XiaoMiChannelID",
                    nested(android.parent, android.key),
                );
            }
        }
        fields
    }

    /// The first present key of `keys`, of any type except null.
    fn any(&mut self, doc: &Doc<'_>, object: usize, keys: &[&'static str]) -> Option<Field> {
        let parent = self.base;
        keys.iter().find_map(|&key| {
            let node = doc.get(object, key)?;
            (doc.kind(node) != Kind::Null).then_some(Field { node, parent, key })
        })
    }

    fn string(&mut self, doc: &Doc<'_>, object: usize, keys: &[&'static str]) -> Option<Field> {
        let field = self.any(doc, object, keys)?;
        self.expect(doc, field, Kind::String, "a string")
    }

    fn string_at(
        &mut self,
        doc: &Doc<'_>,
        object: usize,
        key: &'static str,
        parent: &'static str,
    ) -> Option<Field> {
        self.typed(doc, object, key, parent, Kind::String, "a string")
    }

    fn typed(
        &mut self,
        doc: &Doc<'_>,
        object: usize,
        key: &'static str,
        parent: &'static str,
        kind: Kind,
        expected: &'static str,
    ) -> Option<Field> {
        let node = doc.get(object, key)?;
        if doc.kind(node) == Kind::Null {
            return None;
        }
        self.expect(doc, Field { node, parent, key }, kind, expected)
    }

    fn expect(
        &mut self,
        doc: &Doc<'_>,
        field: Field,
        kind: Kind,
        expected: &'static str,
    ) -> Option<Field> {
        if doc.kind(field.node) == kind {
            Some(field)
        } else {
            self.wrong_types
                .push((field.pointer(), field.node, expected));
            None
        }
    }
}

/// The pointers of the objects nested in a push object, as static strings so fields inside them
/// need no allocation.
fn nested(parent: &'static str, key: &'static str) -> &'static str {
    match (parent, key) {
        ("", "ApnsInfo") => "/ApnsInfo",
        ("", "AndroidInfo") => "/AndroidInfo",
        ("/OfflinePushInfo", "ApnsInfo") => "/OfflinePushInfo/ApnsInfo",
        ("/OfflinePushInfo", "AndroidInfo") => "/OfflinePushInfo/AndroidInfo",
        _ => "",
    }
}
