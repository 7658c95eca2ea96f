//! The three record shapes the contract accepts, and the push fields read from each: a bare
//! `OfflinePushInfo`, a REST `sendmsg` body holding one, and the client SDK's `offlinePushInfo`.

use super::InputKind;
use crate::text::child_pointer;
use crate::text::json::{Doc, Kind};

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
            // One `match` (compiled to a switch on length) instead of a comparison per name.
            match key.as_ref() {
                "OfflinePushInfo" | "MsgBody" => sendmsg = true,
                // The SDK's offlinePushInfo, or its fields at the top level.
                "offlinePushInfo" => sdk = true,
                "extension" | "description" | "androidOPPOChannelID" | "disablePush" => sdk = true,
                // A bare OfflinePushInfo.
                "Title" | "Desc" | "Ext" | "AndroidInfo" | "ApnsInfo" | "PushFlag" => bare = true,
                "ext" => sdk_ext = true,
                "title" | "desc" => sdk_text = true,
                _ => {}
            }
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
            let msg_body = doc.get(root, "MsgBody");
            fields.msg_body = fields.typed(doc, msg_body, "MsgBody", "", Kind::Array, "an array");
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
            let [title, description, desc, extension, ext, oppo, disable] = doc.get_all(
                info,
                [
                    "title",
                    "description",
                    "desc",
                    "extension",
                    "ext",
                    "androidOPPOChannelID",
                    "disablePush",
                ],
            );
            fields.title = fields.string(doc, &[(title, "title")]);
            fields.desc = fields.string(doc, &[(description, "description"), (desc, "desc")]);
            fields.ext = fields.any(doc, &[(extension, "extension"), (ext, "ext")]);
            fields.oppo_channel = fields.string(doc, &[(oppo, "androidOPPOChannelID")]);
            if let Some(flag) = disable {
                fields.push_disabled = doc.text(flag) == b"true";
            }
        } else {
            // One pass over the push object's members: this runs for every record of a stream.
            let [title, desc, ext, push_flag, apns, android] = doc.get_all(
                info,
                [
                    "Title",
                    "Desc",
                    "Ext",
                    "PushFlag",
                    "ApnsInfo",
                    "AndroidInfo",
                ],
            );
            fields.title = fields.string(doc, &[(title, "Title")]);
            fields.desc = fields.string(doc, &[(desc, "Desc")]);
            fields.ext = fields.any(doc, &[(ext, "Ext")]);
            let (number, an_integer) = (Kind::Number, "an integer 0 or 1");
            if let Some(flag) = fields.typed(doc, push_flag, "PushFlag", base, number, an_integer) {
                fields.push_disabled = doc.text(flag.node) == b"1";
            }
            let (object, an_object) = (Kind::Object, "an object");
            let apns = fields.typed(doc, apns, "ApnsInfo", base, object, an_object);
            if let Some(apns) = apns {
                let [title] = doc.get_all(apns.node, ["Title"]);
                fields.apns_title =
                    fields.string_at(doc, title, "Title", nested(apns.parent, apns.key));
            }
            fields.android = fields.typed(doc, android, "AndroidInfo", base, object, an_object);
            if let Some(android) = fields.android.clone() {
                let [oppo, xiaomi] =
                    doc.get_all(android.node, ["OPPOChannelID", "XiaoMiChannelID"]);
                let parent = nested(android.parent, android.key);
                fields.oppo_channel = fields.string_at(doc, oppo, "OPPOChannelID", parent);
                fields.xiaomi_channel = fields.string_at(doc, xiaomi, "XiaoMiChannelID", parent);
            }
        }
        fields
    }

    /// The first present member of `members` (node, key), of any type except null.
    #[inline]
    fn any(&mut self, doc: &Doc<'_>, members: &[(Option<usize>, &'static str)]) -> Option<Field> {
        let parent = self.base;
        members.iter().find_map(|&(node, key)| {
            let node = node?;
            (doc.kind(node) != Kind::Null).then_some(Field { node, parent, key })
        })
    }

    #[inline]
    fn string(
        &mut self,
        doc: &Doc<'_>,
        members: &[(Option<usize>, &'static str)],
    ) -> Option<Field> {
        let field = self.any(doc, members)?;
        self.expect(doc, field, Kind::String, "a string")
    }

    #[inline]
    fn string_at(
        &mut self,
        doc: &Doc<'_>,
        node: Option<usize>,
        key: &'static str,
        parent: &'static str,
    ) -> Option<Field> {
        self.typed(doc, node, key, parent, Kind::String, "a string")
    }

    /// The member `node` (found under `key`), unless absent or null; of type `kind`, or
    /// recorded as a wrong type.
    #[inline]
    fn typed(
        &mut self,
        doc: &Doc<'_>,
        node: Option<usize>,
        key: &'static str,
        parent: &'static str,
        kind: Kind,
        expected: &'static str,
    ) -> Option<Field> {
        let node = node?;
        if doc.kind(node) == Kind::Null {
            return None;
        }
        self.expect(doc, Field { node, parent, key }, kind, expected)
    }

    #[inline]
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
