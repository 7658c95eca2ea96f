//! Device tokens as people paste them (`apns-fcm-tim.md` A.8). APNs wants hex in the path. Apple
//! advises against assuming 32 bytes, so any even length of at least 64 hex digits passes;
//! spaces and the `<…>` of `[NSData description]` (iOS 12 and older) are stripped, as pushy's
//! `sanitizeTokenString` does; base64 (what some server code stores) is converted. iOS 13 changed
//! `description` to `{length = 32, bytes = 0xd3d997af 967d2a9d ... 2e6dc4a5 }`, which elides the
//! middle bytes: that form is recognised and explained, never sent.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;

/// What became of a pasted token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Normalized {
    /// Hex, ready for `/3/device/<token>`; `note` says what was changed, if anything.
    Hex { token: String, note: Option<String> },
    /// Not a token APNs can take: why, and what to do.
    Malformed { why: String, fix: &'static str },
}

const HEX_FIX: &str = "encode the token data as hex in the app: Swift `deviceToken.map { String(format: \"%02x\", $0) }.joined()`, Objective-C: loop over the bytes with `%02x`";

/// Normalises one token.
pub fn normalize(raw: &str) -> Normalized {
    let trimmed = raw.trim();
    if trimmed.starts_with('{') && trimmed.contains("length") && trimmed.contains("bytes") {
        let elided = trimmed.contains("...") || trimmed.contains('…');
        let why = if elided {
            "it is iOS 13's `[deviceToken description]` form (`{length = 32, bytes = 0x… }`), which leaves out the middle bytes, so the token cannot be recovered from it"
        } else {
            "it is iOS 13's `[deviceToken description]` form (`{length = 32, bytes = 0x… }`), a debug description, not the token"
        };
        return Normalized::Malformed {
            why: why.to_owned(),
            fix: HEX_FIX,
        };
    }
    let stripped: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ' ' | '<' | '>' | '\t' | '\r' | '\n'))
        .collect();
    if stripped.is_empty() {
        return Normalized::Malformed {
            why: "it is empty".to_owned(),
            fix: HEX_FIX,
        };
    }
    if stripped.bytes().all(|b| b.is_ascii_hexdigit()) {
        let digits = stripped.len();
        if digits % 2 == 1 {
            return Normalized::Malformed {
                why: format!(
                    "it has {digits} hex digits, an odd number, so a digit is missing or extra"
                ),
                fix: "copy the whole token again",
            };
        }
        if digits < 64 {
            return Normalized::Malformed {
                why: format!("it has {digits} hex digits; APNs tokens have at least 64 (32 bytes)"),
                fix: "copy the whole token again; a shorter value is not an APNs device token (an FCM or vendor token?)",
            };
        }
        let token = stripped.to_ascii_lowercase();
        let note = (stripped != trimmed).then(|| {
            "spaces and `<>` were stripped (the iOS 12 `[NSData description]` form)".to_owned()
        });
        return Normalized::Hex { token, note };
    }
    // Base64 only when it looks like base64 of a 32-byte token (44 characters with padding, 43
    // without, or base64's own characters): a hex token with a typo (`O` for `0`) or another
    // vendor's token must not be "converted" into a different token.
    let looks_base64 =
        matches!(stripped.len(), 43 | 44) || stripped.contains(['+', '/', '=', '-', '_']);
    for engine in [&STANDARD, &URL_SAFE, &STANDARD_NO_PAD, &URL_SAFE_NO_PAD] {
        if !looks_base64 {
            break;
        }
        if let Ok(bytes) = engine.decode(stripped.as_bytes()) {
            if bytes.len() == 32 {
                let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                return Normalized::Hex {
                    token,
                    note: Some("it was base64; APNs takes hex, so it was converted".to_owned()),
                };
            }
        }
    }
    let bad = stripped
        .chars()
        .find(|c| !c.is_ascii_hexdigit())
        .unwrap_or('?');
    Normalized::Malformed {
        why: format!("it contains `{bad}`, which is not a hex digit, and it is not base64 of a 32-byte token"),
        fix: HEX_FIX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "6e18f1989e5350ca0b1d56ce8b2f2a4c8e0cbd1d52e1b8dc7c1f0a4a5b6c7d8e";

    fn hex(raw: &str) -> String {
        match normalize(raw) {
            Normalized::Hex { token, .. } => token,
            other => panic!("{raw:?}: {other:?}"),
        }
    }

    #[test]
    fn hex_of_any_even_length_from_64() {
        assert_eq!(hex(HEX), HEX);
        assert_eq!(hex(&HEX.to_ascii_uppercase()), HEX);
        let longer = format!("{HEX}{HEX}");
        assert_eq!(hex(&longer), longer);
        assert!(matches!(
            normalize(&HEX[..62]),
            Normalized::Malformed { .. }
        ));
        assert!(matches!(
            normalize(&HEX[..63]),
            Normalized::Malformed { .. }
        ));
    }

    #[test]
    fn nsdata_description_is_stripped_with_a_note() {
        let pasted = "<6e18f198 9e5350ca 0b1d56ce 8b2f2a4c 8e0cbd1d 52e1b8dc 7c1f0a4a 5b6c7d8e>";
        match normalize(pasted) {
            Normalized::Hex { token, note } => {
                assert_eq!(token, HEX);
                assert!(note.expect("a note").contains("stripped"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn base64_is_converted() {
        let bytes: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&HEX[i * 2..i * 2 + 2], 16).expect("hex"))
            .collect();
        let b64 = STANDARD.encode(&bytes);
        assert_eq!(hex(&b64), HEX);
        assert_eq!(hex(&URL_SAFE_NO_PAD.encode(&bytes)), HEX);
    }

    /// A hex token with a typo, or another vendor's alphanumeric token, happens to decode as
    /// base64 too; it must be refused, not turned into a different token.
    #[test]
    fn a_mistyped_hex_token_is_not_taken_for_base64() {
        let typo = HEX.replacen('0', "O", 1);
        assert!(matches!(
            normalize(&typo),
            Normalized::Malformed { why, .. } if why.contains("`O`")
        ));
        let other_vendor =
            "IQAAAACy0kYdAABxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_-";
        assert!(matches!(
            normalize(other_vendor),
            Normalized::Malformed { .. }
        ));
    }

    #[test]
    fn a_token_wrapped_across_lines_is_joined() {
        let wrapped = format!("{}\r\n{}", &HEX[..32], &HEX[32..]);
        assert_eq!(hex(&wrapped), HEX);
    }

    #[test]
    fn ios13_description_is_recognised() {
        let pasted = "{length = 32, bytes = 0x6e18f198 9e5350ca ... 5b6c7d8e }";
        match normalize(pasted) {
            Normalized::Malformed { why, fix } => {
                assert!(why.contains("iOS 13"), "{why}");
                assert!(why.contains("cannot be recovered"), "{why}");
                assert!(fix.contains("%02x"), "{fix}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn junk_is_malformed() {
        assert!(matches!(
            normalize("not a token!"),
            Normalized::Malformed { .. }
        ));
        assert!(matches!(normalize("  "), Normalized::Malformed { .. }));
    }
}
