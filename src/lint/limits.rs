//! Each vendor's documented limits on title, body and custom data, and the payload sizes as the
//! vendor receives them once Tencent IM has placed `Ext` where that vendor carries custom data
//! (`../shared/reference/tim-vendor-payloads.md` §1). Sources are named next to each number.

use unicode_segmentation::UnicodeSegmentation;

use crate::text::json::{escape_counts, escaped_len, escaped_len_with};
use crate::vendor::Vendor;

/// How a vendor counts the characters of a title or body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// "Chinese and Latin count alike" on a Java server: UTF-16 code units, so an emoji outside
    /// the BMP counts 2. vivo, Xiaomi and Meizu document the first half; the second is inferred
    /// from their Java servers and SDKs.
    Utf16Units,
    /// OPPO documents that CJK, Latin and emoji each count 1: user-perceived characters.
    Graphemes,
}

impl Counting {
    pub fn count(self, text: &str) -> usize {
        match self {
            Counting::Utf16Units => text.encode_utf16().count(),
            Counting::Graphemes => text.graphemes(true).count(),
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Counting::Utf16Units => "characters (UTF-16 units: an emoji counts 2)",
            Counting::Graphemes => "characters (an emoji counts 1)",
        }
    }
}

/// The most characters a vendor accepts in a title and a body.
#[derive(Clone, Copy, Debug)]
pub struct TextLimits {
    pub vendor: Vendor,
    pub title_max: usize,
    pub desc_max: usize,
    pub counting: Counting,
    /// Where the vendor documents the limit, as users see it (a URL, or the document's name).
    pub source: &'static str,
}

/// Vendors that document title/body limits. Huawei, Honor, FCM and APNs document none: only
/// payload sizes, checked below.
pub const TEXT_LIMITS: &[TextLimits] = &[
    // vivo: title ≤40, content ≤100, Chinese and Latin counted alike (new doc).
    TextLimits {
        vendor: Vendor::Vivo,
        title_max: 40,
        desc_max: 100,
        counting: Counting::Utf16Units,
        // Source key: vendors-cn.md §1.3.
        source: "see https://dev.vivo.com.cn/documentCenter/doc/362",
    },
    // OPPO: title ≤50; content ≤50 in the standard style that Tencent's notifications use.
    TextLimits {
        vendor: Vendor::Oppo,
        title_max: 50,
        desc_max: 50,
        counting: Counting::Graphemes,
        // Source key: vendors-cn.md §2.3.
        source: "per OPPO's server API documentation",
    },
    // Xiaomi: title < 50, description < 128.
    TextLimits {
        vendor: Vendor::Xiaomi,
        title_max: 49,
        desc_max: 127,
        counting: Counting::Utf16Units,
        // Source key: vendors-cn.md §3.3.
        source: "see https://dev.mi.com/xiaomihyperos/documentation/detail?pId=1559",
    },
    // Meizu: title 1–32, content 1–100.
    TextLimits {
        vendor: Vendor::Meizu,
        title_max: 32,
        desc_max: 100,
        counting: Counting::Utf16Units,
        // Source key: vendors-cn.md §5.3.
        source: "see https://github.com/MEIZUPUSH/PushAPI",
    },
];

/// A payload size limit and what was measured against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayloadSize {
    pub vendor: Vendor,
    pub what: &'static str,
    pub size: usize,
    pub max: usize,
    pub unit: &'static str,
    /// Where the vendor documents the limit, as users see it (a URL, or the document's name).
    pub source: &'static str,
}

impl PayloadSize {
    pub fn exceeded(&self) -> bool {
        self.size > self.max
    }
}

/// The parts of a push that vendors receive, with their escaped lengths measured once.
pub struct PushText<'a> {
    pub title: &'a str,
    /// APNs uses `ApnsInfo.Title` when it is set.
    #[allow(dead_code)] // kept for messages that name the APNs title
    pub apns_title: &'a str,
    pub desc: &'a str,
    /// The Ext string exactly as Tencent forwards it.
    pub ext: &'a str,
    /// OPPO receives Ext's top-level members as extra `action_parameters` entries next to `ext`
    /// (tim-vendor-payloads.md §4); this is their serialised length, members included.
    pub oppo_extra_members_len: usize,
    escaped: Escaped,
}

/// JSON-escaped lengths of the texts, computed in one pass each.
struct Escaped {
    title: usize,
    apns_title: usize,
    desc: usize,
    ext: usize,
    ext_twice: usize,
}

impl<'a> PushText<'a> {
    pub fn new(
        title: &'a str,
        apns_title: &'a str,
        desc: &'a str,
        ext: &'a str,
        oppo_extra_members_len: usize,
    ) -> Self {
        let title_len = escaped_len(title);
        let ext_counts = escape_counts(ext);
        PushText {
            title,
            apns_title,
            desc,
            ext,
            oppo_extra_members_len,
            escaped: Escaped {
                title: title_len,
                apns_title: if std::ptr::eq(title, apns_title) {
                    title_len
                } else {
                    escaped_len(apns_title)
                },
                desc: escaped_len(desc),
                ext: escaped_len_with(ext, ext_counts),
                ext_twice: double_escaped_len_with(ext, ext_counts),
            },
        }
    }
}

/// Length of a JSON string literal holding `s` after it is escaped twice (a JSON string inside a
/// JSON string, as Huawei's `data` carries Ext), without building either.
fn double_escaped_len_with(s: &str, (special, controls): (usize, usize)) -> usize {
    if controls == 0 {
        // Each quote or backslash becomes four bytes; the inner literal's quotes `\"` each.
        return 4 + s.len() + 3 * special;
    }
    // The inner literal's two quotes become `\"` each.
    4 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' => 4,
            b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 3,
            0..=0x1f => 7,
            _ => 1,
        })
        .sum::<usize>()
}

/// Characters of `s`, counted only when its byte length could exceed `max` (a character is at
/// least one byte, so a short text cannot).
fn chars_if_needed(s: &str, max: usize) -> usize {
    if s.len() <= max {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Measures the payload each vendor would receive, by arithmetic on escaped lengths: this runs
/// for every record of a stream, so nothing is built.
pub fn payload_size(vendor: Vendor, push: &PushText<'_>) -> Option<PayloadSize> {
    match vendor {
        Vendor::Apns => {
            // {"aps":{"alert":{"title":T,"body":D},"sound":"default"},"ext":E}, tim-vendor-payloads.md §10.
            let size = r#"{"aps":{"alert":{"title":"#.len()
                + push.escaped.apns_title
                + r#","body":"#.len()
                + push.escaped.desc
                + r#"},"sound":"default"},"ext":"#.len()
                + push.escaped.ext
                + "}".len();
            Some(PayloadSize {
                vendor,
                what: "APNs payload",
                size,
                max: 4096,
                unit: "bytes",
                // Source key: apns-fcm-tim.md A.5.
                source: "see https://developer.apple.com/documentation/usernotifications/generating-a-remote-notification",
            })
        }
        Vendor::Fcm => Some(PayloadSize {
            // FCM counts the keys and values of notification and data (apns-fcm-tim.md B.4).
            vendor,
            what: "FCM message (notification and data keys and values)",
            size: "title".len()
                + push.title.len()
                + "body".len()
                + push.desc.len()
                + "ext".len()
                + push.ext.len(),
            max: 4096,
            unit: "bytes",
            // Source key: apns-fcm-tim.md B.4.
            source:
                "see https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages/send",
        }),
        Vendor::Huawei => {
            // message.data is the JSON string {"ext":E}, so Ext is escaped twice (tim-vendor-payloads.md §6).
            let data_len = 2 + r#"{\"ext\":"#.len() + push.escaped.ext_twice + "}".len();
            let size = r#"{"validate_only":false,"message":{"data":"#.len()
                + data_len
                + r#","android":{"notification":{"title":"#.len()
                + push.escaped.title
                + r#","body":"#.len()
                + push.escaped.desc
                + r#","click_action":{"type":3}}}}}"#.len();
            Some(PayloadSize {
                vendor,
                what: "Huawei message body",
                size,
                max: 4096,
                unit: "bytes",
                // Source key: vendors-cn.md §4.4 (80300008).
                source: "Huawei answers 80300008; see https://developer.huawei.com/consumer/cn/doc/HMSCore-Guides/android-server-dev-0000001050040110",
            })
        }
        Vendor::Vivo => Some(PayloadSize {
            // clientCustomMap {"ext": E}: ≤1024 characters in total.
            vendor,
            what: "vivo clientCustomMap",
            size: "ext".len() + chars_if_needed(push.ext, 1024),
            max: 1024,
            unit: "characters",
            // Source key: vendors-cn.md §1.3.
            source: "see https://dev.vivo.com.cn/documentCenter/doc/362",
        }),
        Vendor::Oppo => {
            let size = r#"{"ext":}"#.len() + push.escaped.ext + push.oppo_extra_members_len;
            Some(PayloadSize {
                vendor,
                what: "OPPO action_parameters",
                size,
                max: 4000,
                unit: "characters",
                // Source key: vendors-cn.md §2.3.
                source: "per OPPO's server API documentation",
            })
        }
        Vendor::Xiaomi => Some(PayloadSize {
            // extra.ext: each extra value ≤1024 characters.
            vendor,
            what: "Xiaomi extra.ext value",
            size: chars_if_needed(push.ext, 1024),
            max: 1024,
            unit: "characters",
            // Source key: vendors-cn.md §3.3.
            source: "see https://dev.mi.com/xiaomihyperos/documentation/detail?pId=1559",
        }),
        // Meizu and Honor document no size limit for where Ext lands; Tencent IM's own body
        // limit is checked on whole sendmsg records.
        Vendor::Meizu | Vendor::Honor | Vendor::Tim => None,
    }
}

/// True when no vendor's payload can exceed its limit, by a bound that needs only byte lengths:
/// escaping turns a byte into at most 6 (7 when escaped twice), every fixed part of a payload is
/// under 256 bytes, a character is at least one byte, and the smallest limits are vivo's and
/// Xiaomi's 1024 characters of ext (3 more for vivo's key) and 4000 bytes elsewhere. When this
/// says no, [`payload_size`] measures exactly.
pub fn within_every_payload_limit(
    title: &str,
    apns_title: &str,
    desc: &str,
    ext: &str,
    oppo_extra_members_len: usize,
) -> bool {
    let texts = title.len() + apns_title.len() + desc.len() + ext.len();
    ext.len() + 3 <= 1024 && 256 + 8 * texts + oppo_extra_members_len <= 4000
}

/// Whether OPPO's `action_parameters` could exceed its limit for an ext this long: its members
/// are at most the ext re-escaped (6 bytes per byte at worst) plus the `ext` entry itself.
pub fn oppo_may_exceed(ext: &str) -> bool {
    16 + 7 * ext.len() + 12 > 4000
}

/// Tencent IM refuses sendmsg bodies over 8 KB with 93000 (apns-fcm-tim.md D.5, D.10).
pub const TIM_BODY_MAX: usize = 8 * 1024;

/// Tencent's guidance: keep Ext within 1 KB (apns-fcm-tim.md D.5).
pub const EXT_RECOMMENDED_MAX: usize = 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn push<'a>(title: &'a str, desc: &'a str, ext: &'a str) -> PushText<'a> {
        PushText::new(title, title, desc, ext, 0)
    }

    #[test]
    fn apns_size_is_the_serialised_payload() {
        let p = push("T", "D", "{\"entity\":{\"a\":\"b\\nc\"}}");
        let size = payload_size(Vendor::Apns, &p).expect("apns");
        let expected = serde_json::json!({"aps":{"alert":{"title":"T","body":"D"},"sound":"default"},"ext":p.ext});
        assert_eq!(
            size.size,
            serde_json::to_string(&expected).expect("json").len()
        );
    }

    #[test]
    fn huawei_size_counts_double_escaping() {
        // Quotes, backslashes, a newline, a control character and a tab: every escape class.
        let ext = "{\"entity\":{\"a\":\"b\\n\\u0001\u{1}\"}}\t";
        let size = payload_size(Vendor::Huawei, &push("t\"", "d", ext)).expect("huawei");
        let data = serde_json::to_string(&serde_json::json!({"ext": ext})).expect("json");
        let body = serde_json::json!({"validate_only":false,"message":{"data":data,"android":{"notification":{"title":"t\"","body":"d","click_action":{"type":3}}}}});
        assert_eq!(size.size, serde_json::to_string(&body).expect("json").len());
    }

    #[test]
    fn the_quick_bound_holds_at_its_edge() {
        // Texts just inside the bound, every byte escaped as heavily as possible.
        let ext = "\u{1}".repeat(468);
        assert!(within_every_payload_limit("", "", "", &ext, 0));
        let p = push("", "", &ext);
        for vendor in Vendor::ALL {
            assert!(payload_size(vendor, &p).is_none_or(|size| !size.exceeded()));
        }
        assert!(!within_every_payload_limit(
            "",
            "",
            "",
            &"a".repeat(1022),
            0
        ));
        let text = "\u{1}".repeat(117);
        assert!(within_every_payload_limit(&text, &text, &text, &text, 0));
        let p = PushText::new(&text, &text, &text, &text, 0);
        for vendor in Vendor::ALL {
            assert!(payload_size(vendor, &p).is_none_or(|size| !size.exceeded()));
        }
    }

    #[test]
    fn oppo_counts_emoji_as_one_and_vivo_as_two() {
        assert_eq!(Counting::Graphemes.count("👍🏽ok"), 3);
        assert_eq!(Counting::Utf16Units.count("👍ok"), 4);
        assert_eq!(Counting::Utf16Units.count("标题"), 2);
    }
}
