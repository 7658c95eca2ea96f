//! `lint-ext`'s checks: one text (an ext, or a record holding a push) in, findings out.
//!
//! The flow per text: UTF-8 → JSON (our own parser, for positions and duplicate keys) → record
//! shape → push fields → the ext (decoded from its string and parsed again) → profile rules →
//! vendor limits. Buffers live in [`Linter`] and are reused, so a JSON Lines stream runs in
//! constant memory.

mod duplicates;
mod ext;
pub mod input;
mod limits;
mod locate;
mod push;

use crate::findings::{Finding, Location, Rule};
use crate::text::json::{self, Doc, Kind, Parser};
use crate::text::LineIndex;
use crate::vendor::Vendor;
use ext::ExtPlace;
use limits::{payload_size, PushText, TextLimits, EXT_RECOMMENDED_MAX, TEXT_LIMITS, TIM_BODY_MAX};
pub use locate::Origin;
use push::{PushFields, Shape};

/// What the app's click handler expects in ext (`--profile`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    /// uni-app TUIOfflinePush and TUIKit: an object with an `entity` object.
    #[default]
    Uniapp,
    /// The Flutter push plugin: `conversationID` is `c2c_<user>` or `group_<id>`.
    Flutter,
    /// Any JSON object.
    Json,
}

/// How to read each input (`--input`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    /// A record when it has push fields (OfflinePushInfo, Title, Ext, extension, …), else an ext.
    #[default]
    Auto,
    /// Always the ext itself.
    Ext,
    /// Always a record (bare OfflinePushInfo, sendmsg body or SDK offlinePushInfo).
    Record,
}

/// The stages of [`Linter::lint`]'s flow, in order: [`Linter::stop_after`] stops it after one. A
/// record whose ext is not a string stops at `ExtDecoded` and `ExtParsed` once its ext is
/// judged; a text that is an ext itself, or is not JSON, goes to the end.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The text checked as UTF-8.
    Utf8,
    /// The text parsed as JSON.
    Record,
    /// Its repeated keys found.
    Duplicates,
    /// Its shape detected and its push fields located.
    Fields,
    /// The ext's string decoded.
    ExtDecoded,
    /// The ext parsed as JSON.
    ExtParsed,
    /// Everything: the checks, findings and their locations.
    All,
}

/// What to check.
#[derive(Clone, Debug)]
pub struct LintOptions {
    pub profile: Profile,
    /// Vendors whose limits apply.
    pub vendors: Vec<Vendor>,
    pub input: InputKind,
}

impl LintOptions {
    fn wants(&self, vendor: Vendor) -> bool {
        self.vendors.contains(&vendor)
    }
}

/// The state shared by the checks of one text: where it is, and where findings go.
pub struct Ctx<'a> {
    text: &'a [u8],
    origin: &'a Origin,
    lines: &'a mut LineIndex,
    options: &'a LintOptions,
    out: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    fn locate(&mut self, offset: usize, pointer: String) -> Location {
        self.origin.locate(self.lines, self.text, offset, pointer)
    }

    fn report(&mut self, finding: Finding) {
        self.out.push(finding);
    }
}

/// Checks texts one after another, reusing its buffers.
pub struct Linter {
    options: LintOptions,
    record_parser: Parser,
    ext_parser: Parser,
    inner_parser: Parser,
    /// The decoded ext of the record being checked.
    ext_text: Vec<u8>,
    title: String,
    apns_title: String,
    desc: String,
    scratch: String,
    duplicates: Vec<json::KeyRepeat>,
    lines: LineIndex,
    /// The last stage to run: [`Stage::All`] but in benches/lint_stages.rs.
    stop: Stage,
}

impl Linter {
    pub fn new(options: LintOptions) -> Self {
        Linter {
            options,
            record_parser: Parser::default(),
            ext_parser: Parser::default(),
            inner_parser: Parser::default(),
            ext_text: Vec::new(),
            title: String::new(),
            apns_title: String::new(),
            desc: String::new(),
            scratch: String::new(),
            duplicates: Vec::new(),
            lines: LineIndex::default(),
            stop: Stage::All,
        }
    }

    /// Checks one text. `unparsable` is the rule for a text that is not JSON at all:
    /// `ext-invalid-json` when the user gave an ext, `record-invalid-json` for records.
    pub fn lint(&mut self, text: &[u8], origin: &Origin, unparsable: Rule, out: &mut Vec<Finding>) {
        let first = out.len();
        self.check(text, origin, unparsable, out);
        // Report in the order of the text; findings at one place keep the order they were made.
        out[first..].sort_by_key(|finding| finding.location.as_ref().map(|l| l.offset));
    }

    /// Makes [`Linter::lint`] stop after `stage`, for benches/lint_stages.rs, which measures what
    /// each stage of the flow costs per record.
    #[doc(hidden)]
    pub fn stop_after(&mut self, stage: Stage) {
        self.stop = stage;
    }

    fn check(&mut self, text: &[u8], origin: &Origin, unparsable: Rule, out: &mut Vec<Finding>) {
        let Linter {
            options,
            record_parser,
            ext_parser,
            inner_parser,
            ext_text,
            title,
            apns_title,
            desc,
            scratch,
            duplicates,
            lines,
            stop,
        } = self;
        let stop = *stop;
        lines.clear();
        let mut ctx = Ctx {
            text,
            origin,
            lines,
            options,
            out,
        };
        let valid = match simdutf8::compat::from_utf8(text) {
            Ok(valid) => valid,
            Err(error) => {
                let at = error.valid_up_to();
                let location = ctx.locate(at, String::new());
                let message = format!(
                    "invalid UTF-8 at byte {} (line {}, column {})",
                    location.offset, location.line, location.column
                );
                ctx.report(
                    Finding::new(unparsable, message)
                        .help("save the file as UTF-8; JSON text must be UTF-8 (RFC 8259, section 8.1)")
                        .at(location),
                );
                return;
            }
        };
        if stop == Stage::Utf8 {
            return;
        }
        let doc = match record_parser.parse_str(valid) {
            Ok(doc) => doc,
            Err(error) => {
                let location = ctx.locate(error.offset, String::new());
                let mut message = format!(
                    "not valid JSON: {} at byte {} (line {}, column {})",
                    error.message, location.offset, location.line, location.column
                );
                if unparsable == Rule::ExtInvalidJson
                    && ext::looks_like_js_object(&String::from_utf8_lossy(text))
                {
                    message.push_str(
                        "; it looks like a JavaScript object literal (keys need double quotes)",
                    );
                }
                if error.message.starts_with("unexpected characters after")
                    && text[error.offset..].contains(&b'\n')
                {
                    message.push_str(
                        "; several JSON values on separate lines are JSON Lines: use --jsonl",
                    );
                }
                let help = if unparsable == Rule::ExtInvalidJson {
                    "build ext with JSON.stringify({...}) (or jsonEncode in Dart) so it is one JSON object"
                } else {
                    "each record must be one JSON object on one line"
                };
                ctx.report(Finding::new(unparsable, message).help(help).at(location));
                return;
            }
        };

        if stop == Stage::Record {
            return;
        }
        // Duplicate keys anywhere in the text, ext included when it is part of the text.
        doc.duplicate_keys(duplicates);
        for report in duplicates::plan(&doc, duplicates) {
            let (message, at, pointer) = match report {
                duplicates::Report::One {
                    key,
                    pointer,
                    repeat,
                    ..
                } => (
                    format!("the key \"{key}\" appears twice in the same object; parsers disagree on which value wins"),
                    repeat,
                    pointer,
                ),
                duplicates::Report::More {
                    key,
                    count,
                    in_object,
                    at,
                    pointer,
                } => (
                    duplicates::more_message(key.as_deref(), count, in_object),
                    at,
                    pointer,
                ),
            };
            let location = ctx.locate(doc.key_offset(at).unwrap_or(0), pointer);
            ctx.report(
                Finding::new(Rule::ExtDuplicateKey, message)
                    .help("keep one of the two values")
                    .at(location),
            );
        }

        if stop == Stage::Duplicates {
            return;
        }
        let shape = push::detect(&doc, options.input);
        if shape == Shape::Ext {
            let place = ExtPlace::InText { base: "" };
            ext::check_value(&mut ctx, &place, &doc, Doc::ROOT, inner_parser);
            let ext = doc.text_of(Doc::ROOT);
            check_ext_size(&mut ctx, ext, &String::new, 0);
            let oppo_len = oppo_members_len(&doc, Doc::ROOT, scratch);
            if !limits::within_every_payload_limit("", "", "", ext, oppo_len) {
                let push = PushText::new("", "", "", ext, oppo_len);
                check_payloads(&mut ctx, &push, &String::new, 0);
            }
            return;
        }

        let fields = PushFields::read(&doc, shape);
        if stop == Stage::Fields {
            return;
        }
        for (pointer, node, expected) in &fields.wrong_types {
            let location = ctx.locate(doc.node(*node).start as usize, pointer.clone());
            let found = doc.kind(*node).describe();
            ctx.report(
                Finding::new(Rule::RecordFieldInvalid, format!("{pointer} is {found}; Tencent IM needs {expected}"))
                    .help("fix the field's type; Tencent IM answers a mistyped field with an error (90001/90010) and sends nothing")
                    .at(location),
            );
        }
        let base_offset = fields.info.map_or(0, |info| doc.node(info).start as usize);

        // The ext: a string holding JSON (as the REST API and the SDKs require) or, wrongly, an object.
        let mut ext_for_size = "";
        let mut oppo_len = 0;
        // Pointers are built only when a finding needs one: this runs for every record.
        let ext_pointer = || {
            fields
                .ext
                .as_ref()
                .map_or_else(|| format!("{}/Ext", fields.base), |f| f.pointer())
        };
        let ext_offset = fields
            .ext
            .as_ref()
            .map_or(base_offset, |f| doc.node(f.node).start as usize);
        match fields.ext.as_ref().map(|f| (f, doc.kind(f.node))) {
            Some((field, Kind::String)) => {
                let field_pointer = || field.pointer();
                let value = doc.str_value_in(field.node, ext_text);
                if stop == Stage::ExtDecoded {
                    return;
                }
                if value.trim().is_empty() {
                    report_absent_ext(&mut ctx, &ext_pointer(), ext_offset);
                } else {
                    let node = doc.node(field.node);
                    let place = ExtPlace::Embedded {
                        pointer: &field_pointer,
                        raw: doc.raw_str(field.node),
                        raw_start: node.start as usize + 1,
                    };
                    match ext_parser.parse_str(value) {
                        _ if stop == Stage::ExtParsed => return,
                        Ok(ext_doc) => {
                            ext::report_duplicates(&mut ctx, &place, &ext_doc, duplicates);
                            ext::check_value(&mut ctx, &place, &ext_doc, Doc::ROOT, inner_parser);
                            oppo_len = oppo_members_len(&ext_doc, Doc::ROOT, scratch);
                        }
                        Err(error) => ext::report_parse_error(&mut ctx, &place, value, &error),
                    }
                    ext_for_size = value;
                }
            }
            Some((field, kind)) => {
                let field_pointer = field.pointer();
                let location = ctx.locate(ext_offset, field_pointer.clone());
                let (rule, message) = if kind == Kind::Object {
                    (Rule::ExtDoubleEncoded, format!("{field_pointer} is a JSON object, but the field must be a string holding JSON (it is encoded once too few)"))
                } else {
                    (
                        Rule::RecordFieldInvalid,
                        format!(
                            "{} is {}; it must be a string holding a JSON object",
                            field_pointer,
                            kind.describe()
                        ),
                    )
                };
                ctx.report(
                    Finding::new(rule, message)
                        .help("send the ext as a string: \"Ext\": \"{\\\"entity\\\":{...}}\" (JSON.stringify the object once)")
                        .at(location),
                );
                if kind == Kind::Object {
                    let place = ExtPlace::InText {
                        base: &field_pointer,
                    };
                    ext::check_value(&mut ctx, &place, &doc, field.node, inner_parser);
                    oppo_len = oppo_members_len(&doc, field.node, scratch);
                }
                ext_for_size = doc.text_of(field.node);
            }
            None => report_absent_ext(&mut ctx, &ext_pointer(), ext_offset),
        }
        if stop == Stage::ExtDecoded || stop == Stage::ExtParsed {
            return;
        }
        if !ext_for_size.is_empty() {
            check_ext_size(&mut ctx, ext_for_size, &ext_pointer, ext_offset);
        }

        if fields.push_disabled {
            // PushFlag 1 / disablePush: no offline push is sent, so vendor limits do not apply.
            return;
        }
        let title_value = read_string(&doc, fields.title.as_ref(), title);
        let apns_value = match fields.apns_title.as_ref() {
            Some(field) => read_string(&doc, Some(field), apns_title),
            None => title_value,
        };
        let mut desc_value = read_string(&doc, fields.desc.as_ref(), desc);
        let joined;
        if shape == Shape::SendMsg {
            check_custom_without_desc(&mut ctx, &doc, &fields, desc_value);
            if desc_value.is_empty() {
                // Tencent's push text is the message's text elements joined (apns-fcm-tim.md D.4).
                joined = joined_text(&doc, &fields, scratch);
                desc_value = &joined;
            }
        }
        check_text_limits(
            &mut ctx,
            &doc,
            &fields,
            title_value,
            desc_value,
            base_offset,
        );
        // Nearly every push is far below every payload limit, which a few additions prove.
        if !limits::within_every_payload_limit(
            title_value,
            apns_value,
            desc_value,
            ext_for_size,
            oppo_len,
        ) {
            let push = PushText::new(title_value, apns_value, desc_value, ext_for_size, oppo_len);
            // A payload over its limit is pinned on whichever part is largest: that is what to cut.
            let largest = if push.desc.len() > push.ext.len().max(push.title.len()) {
                Some(fields.desc.as_ref())
            } else if push.title.len() > push.ext.len() {
                Some(fields.title.as_ref())
            } else {
                None
            };
            let payload_offset = match largest {
                Some(Some(field)) => doc.node(field.node).start as usize,
                Some(None) => base_offset,
                None => ext_offset,
            };
            let payload_pointer = || match largest {
                Some(Some(field)) => field.pointer(),
                Some(None) => fields.base.to_owned(),
                None => ext_pointer(),
            };
            check_payloads(&mut ctx, &push, &payload_pointer, payload_offset);
        }
        check_channels(&mut ctx, &doc, &fields, shape, base_offset);
        if shape == Shape::SendMsg && options.wants(Vendor::Tim) && text.len() > TIM_BODY_MAX {
            let location = ctx.locate(0, String::new());
            ctx.report(
                Finding::new(
                    Rule::PayloadTooLarge,
                    format!("the sendmsg body is {} bytes; Tencent IM refuses bodies over {TIM_BODY_MAX} bytes (error 93000)", text.len()),
                )
                .vendor(Vendor::Tim)
                .help("shorten the message or the ext; carry large data by reference (an id the app fetches)")
                .at(location),
            );
        }
    }
}

fn read_string<'s>(doc: &Doc<'s>, field: Option<&push::Field>, buf: &'s mut String) -> &'s str {
    match field {
        Some(field) => doc.str_value(field.node, buf),
        None => "",
    }
}

fn report_absent_ext(ctx: &mut Ctx<'_>, pointer: &str, offset: usize) {
    let (rule, message, help) = match ctx.options.profile {
        Profile::Uniapp => (
            Rule::ExtMissingEntity,
            "the push has no ext, so the click handler gets no \"entity\"",
            "set ext to a JSON string such as {\"entity\":{\"sender\":\"user1\"}}; uni-app reads notification.entity",
        ),
        Profile::Flutter => (
            Rule::ConversationIdMalformed,
            "the push has no ext, so the Flutter click handler gets no conversationID",
            "set ext to {\"conversationID\":\"c2c_<userID>\"} or {\"conversationID\":\"group_<groupID>\"}",
        ),
        Profile::Json => return,
    };
    let location = ctx.locate(offset, pointer.to_owned());
    ctx.report(Finding::new(rule, message).help(help).at(location));
}

fn check_ext_size(ctx: &mut Ctx<'_>, ext: &str, pointer: &dyn Fn() -> String, offset: usize) {
    if ext.len() > EXT_RECOMMENDED_MAX {
        let location = ctx.locate(offset, pointer());
        ctx.report(
            Finding::new(
                Rule::ExtTooLarge,
                format!(
                    "ext is {} bytes; Tencent recommends at most {EXT_RECOMMENDED_MAX}",
                    ext.len()
                ),
            )
            .help("keep only what the click handler needs (ids), and let the app fetch the rest")
            .at(location),
        );
    }
}

/// Length that Ext's top-level members add to OPPO's `action_parameters` when Tencent copies
/// them next to `ext` (each value as a string).
fn oppo_members_len(doc: &Doc<'_>, root: usize, scratch: &mut String) -> usize {
    if doc.kind(root) != Kind::Object || !limits::oppo_may_exceed(doc.text_of(root)) {
        return 0;
    }
    doc.children(root)
        .map(|child| {
            let key = doc.key(child).unwrap_or_default();
            let value_len = if doc.kind(child) == Kind::String {
                json::escaped_len(doc.str_value(child, scratch))
            } else {
                json::escaped_len(doc.text_of(child))
            };
            1 + json::escaped_len(&key) + 1 + value_len
        })
        .sum()
}

fn check_payloads(
    ctx: &mut Ctx<'_>,
    push: &PushText<'_>,
    pointer: &dyn Fn() -> String,
    offset: usize,
) {
    for &vendor in &Vendor::ALL {
        if !ctx.options.wants(vendor) {
            continue;
        }
        let Some(size) = payload_size(vendor, push) else {
            continue;
        };
        if size.exceeded() {
            let location = ctx.locate(offset, pointer());
            ctx.report(
                Finding::new(
                    Rule::PayloadTooLarge,
                    format!(
                        "the {} would be {} {}; {} accepts at most {} ({})",
                        size.what, size.size, size.unit, vendor.display_name(), size.max, size.source
                    ),
                )
                .vendor(vendor)
                .help("shorten the title, body or ext; carry large data by reference (an id the app fetches)")
                .at(location),
            );
        }
    }
}

fn check_text_limits(
    ctx: &mut Ctx<'_>,
    doc: &Doc<'_>,
    fields: &PushFields,
    title: &str,
    desc: &str,
    base_offset: usize,
) {
    for limits in TEXT_LIMITS {
        if !ctx.options.wants(limits.vendor) {
            continue;
        }
        let checks = [
            (
                Rule::TitleTooLong,
                "title",
                title,
                limits.title_max,
                fields.title.as_ref(),
            ),
            (
                Rule::DescTooLong,
                "body (Desc)",
                desc,
                limits.desc_max,
                fields.desc.as_ref(),
            ),
        ];
        for (rule, what, text, max, field) in checks {
            let Some(finding) = text_limit_finding(limits, rule, what, text, max) else {
                continue;
            };
            let (offset, pointer) = match field {
                Some(field) => (doc.node(field.node).start as usize, field.pointer()),
                None => (base_offset, fields.base.to_owned()),
            };
            let location = ctx.locate(offset, pointer);
            ctx.report(finding.at(location));
        }
    }
}

/// The finding for a title or body longer than `limits` allow, if it is.
fn text_limit_finding(
    limits: &TextLimits,
    rule: Rule,
    what: &str,
    text: &str,
    max: usize,
) -> Option<Finding> {
    // Every way of counting gives at most the byte length: short texts need no count.
    if text.len() <= max {
        return None;
    }
    let count = limits.counting.count(text);
    if count <= max {
        return None;
    }
    let message = format!(
        "the {what} is {count} {}; {} accepts at most {max} ({})",
        limits.counting.unit(),
        limits.vendor.display_name(),
        limits.source
    );
    Some(
        Finding::new(rule, message)
            .vendor(limits.vendor)
            .help(format!("shorten the {what} to {max} characters or fewer; longer text may be cut or the push refused")),
    )
}

/// `send-test`'s `--title` and `--desc` against `vendor`'s documented limits (none for the
/// vendors that document none), so a push the vendor would cut or refuse is caught first. At
/// error severity, unlike `lint-ext`'s warning: this text is about to go to this very vendor, so
/// the limit will be hit, not maybe (`--warn title-too-long` sends it anyway).
pub fn check_push_texts(vendor: Vendor, title: &str, desc: &str) -> Vec<Finding> {
    let Some(limits) = TEXT_LIMITS.iter().find(|l| l.vendor == vendor) else {
        return Vec::new();
    };
    [
        (
            Rule::TitleTooLong,
            "title (--title)",
            title,
            limits.title_max,
        ),
        (Rule::DescTooLong, "body (--desc)", desc, limits.desc_max),
    ]
    .into_iter()
    .filter_map(|(rule, what, text, max)| text_limit_finding(limits, rule, what, text, max))
    .map(|mut finding| {
        finding.severity = crate::findings::Severity::Error;
        finding
    })
    .collect()
}

fn check_channels(
    ctx: &mut Ctx<'_>,
    doc: &Doc<'_>,
    fields: &PushFields,
    shape: Shape,
    base_offset: usize,
) {
    let mut scratch = String::new();
    let is_set = |field: Option<&push::Field>, scratch: &mut String| {
        field.is_some_and(|f| !doc.str_value(f.node, scratch).trim().is_empty())
    };
    // Built only when a finding needs it, by concatenation: on a flood of these warnings,
    // `format!` was a quarter of each finding's cost.
    let android = if shape.is_rest() { "/AndroidInfo" } else { "" };
    let pointer_to = |field: &str| [fields.base, android, "/", field].concat();
    let android_offset = fields
        .android
        .as_ref()
        .map_or(base_offset, |a| doc.node(a.node).start as usize);
    if ctx.options.wants(Vendor::Oppo) && !is_set(fields.oppo_channel.as_ref(), &mut scratch) {
        // Constant texts per shape: a flood of these costs no allocation (render::escape).
        let (field, message, help) = if shape.is_rest() {
            (
                "OPPOChannelID",
                "no OPPOChannelID: OPPO phones on Android 8+ show nothing without a channel ID, unless the IM console sets one",
                "set OPPOChannelID to the channel you created in the OPPO console (and in the app), or set it in the IM console's OPPO certificate",
            )
        } else {
            (
                "androidOPPOChannelID",
                "no androidOPPOChannelID: OPPO phones on Android 8+ show nothing without a channel ID, unless the IM console sets one",
                "set androidOPPOChannelID to the channel you created in the OPPO console (and in the app), or set it in the IM console's OPPO certificate",
            )
        };
        let location = ctx.locate(android_offset, pointer_to(field));
        ctx.report(
            Finding::new(Rule::OppoChannelIdMissing, message)
                .vendor(Vendor::Oppo)
                .help(help)
                .at(location),
        );
    }
    if shape.is_rest()
        && ctx.options.wants(Vendor::Xiaomi)
        && !is_set(fields.xiaomi_channel.as_ref(), &mut scratch)
    {
        let location = ctx.locate(android_offset, pointer_to("XiaoMiChannelID"));
        ctx.report(
            Finding::new(Rule::XiaomiChannelIdMissing, "no XiaoMiChannelID: MIUI 10+ phones on Android 8+ show nothing without a channel ID, unless the IM console sets one")
                .vendor(Vendor::Xiaomi)
                .help("set AndroidInfo.XiaoMiChannelID to the channel applied for in the Xiaomi console, or set it in the IM console's Xiaomi certificate")
                .at(location),
        );
    }
}

/// The MsgBody elements of a sendmsg record: (element node, MsgType, MsgContent node).
fn elements<'d>(
    doc: &'d Doc<'_>,
    fields: &PushFields,
) -> impl Iterator<Item = (usize, &'d str, Option<usize>)> + 'd {
    let body = fields.msg_body.as_ref().map(|b| b.node);
    body.into_iter()
        .flat_map(move |body| doc.children(body))
        .map(move |element| {
            // Tencent's MsgType names are ASCII without escapes: the raw text is the value.
            let kind = doc
                .get(element, "MsgType")
                .filter(|&t| doc.kind(t) == Kind::String)
                .map_or("", |t| doc.raw_text(t));
            (element, kind, doc.get(element, "MsgContent"))
        })
}

fn joined_text(doc: &Doc<'_>, fields: &PushFields, scratch: &mut String) -> String {
    let mut joined = String::new();
    for (_, kind, content) in elements(doc, fields) {
        if kind == "TIMTextElem" {
            if let Some(text) = content
                .and_then(|c| doc.get(c, "Text"))
                .filter(|&t| doc.kind(t) == Kind::String)
            {
                joined.push_str(doc.str_value(text, scratch));
            }
        }
    }
    joined
}

fn check_custom_without_desc(ctx: &mut Ctx<'_>, doc: &Doc<'_>, fields: &PushFields, desc: &str) {
    if !desc.trim().is_empty() {
        return;
    }
    let mut scratch = String::new();
    let mut custom_without_desc = None;
    for (position, (element, kind, content)) in elements(doc, fields).enumerate() {
        match kind {
            "TIMCustomElem" => {
                let desc_set = content
                    .and_then(|c| doc.get(c, "Desc"))
                    .filter(|&d| doc.kind(d) == Kind::String)
                    .is_some_and(|d| !doc.str_value(d, &mut scratch).trim().is_empty());
                if desc_set {
                    return;
                }
                custom_without_desc.get_or_insert((position, element));
            }
            // Any other element gives Tencent text to push.
            "" => {}
            _ => return,
        }
    }
    if let Some((position, element)) = custom_without_desc {
        let location = ctx.locate(
            doc.node(element).start as usize,
            format!("/MsgBody/{position}"),
        );
        ctx.report(
            Finding::new(
                Rule::CustomMessageWithoutDesc,
                "a custom message (TIMCustomElem) with no Desc and no OfflinePushInfo.Desc: Tencent IM sends no offline push for it",
            )
            .help("set OfflinePushInfo.Desc (or the TIMCustomElem's Desc) to the text the notification should show")
            .at(location),
        );
    }
}

#[cfg(test)]
mod tests;
