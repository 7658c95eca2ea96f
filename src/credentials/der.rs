//! Just enough DER to read Apple's topics extension. Malformed input gives `None`, never a panic.

/// One DER element: its tag byte and its content.
pub(super) struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
}

pub(super) const TAG_SEQUENCE: u8 = 0x30;
const TAG_UTF8_STRING: u8 = 0x0c;
const TAG_PRINTABLE_STRING: u8 = 0x13;
const TAG_IA5_STRING: u8 = 0x16;

/// Splits the first element off `input`; `None` when it is malformed or truncated.
pub(super) fn next(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag & 0x1f == 0x1f {
        return None; // high tag numbers do not occur in the structures read here
    }
    let (&first, mut rest) = rest.split_first()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (bytes, after) = rest.split_at(count);
        rest = after;
        bytes
            .iter()
            .fold(0usize, |len, &byte| (len << 8) | usize::from(byte))
    };
    if rest.len() < len {
        return None;
    }
    let (content, rest) = rest.split_at(len);
    Some((Tlv { tag, content }, rest))
}

/// The topics listed in Apple's extension `1.2.840.113635.100.6.3.6` (apns-fcm-tim.md A.4): a
/// `SEQUENCE` that alternates a `UTF8String` topic with a `SEQUENCE { UTF8String kind }`. Only
/// the topic strings are returned; `None` when the value is not such a sequence.
pub(super) fn apple_topics(value: &[u8]) -> Option<Vec<String>> {
    let (outer, rest) = next(value)?;
    if outer.tag != TAG_SEQUENCE || !rest.is_empty() {
        return None;
    }
    let mut topics = Vec::new();
    let mut items = outer.content;
    while !items.is_empty() {
        let (item, rest) = next(items)?;
        items = rest;
        if matches!(
            item.tag,
            TAG_UTF8_STRING | TAG_PRINTABLE_STRING | TAG_IA5_STRING
        ) {
            topics.push(std::str::from_utf8(item.content).ok()?.to_owned());
        }
    }
    Some(topics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pushys_topics_layout() {
        // pushy's test value (apns-fcm-tim.md A.4): com.x/{app}, com.x.voip/{voip}.
        let value = [
            0x30, 0x1c, 0x0c, 0x05, b'c', b'o', b'm', b'.', b'x', 0x30, 0x05, 0x0c, 0x03, b'a',
            b'p', b'p', 0x0c, 0x0a, b'c', b'o', b'm', b'.', b'x', b'.', b'v', b'o', b'i', b'p',
            0x30, 0x00,
        ];
        assert_eq!(
            apple_topics(&value),
            Some(vec!["com.x".to_owned(), "com.x.voip".to_owned()])
        );
    }

    #[test]
    fn malformed_values_give_none() {
        assert_eq!(apple_topics(&[]), None);
        assert_eq!(apple_topics(&[0x05, 0x00]), None);
        assert_eq!(apple_topics(&[0x30, 0x05, 0x0c, 0x09, b'a']), None);
        assert_eq!(apple_topics(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(apple_topics(&[0x30, 0x81]), None);
        assert_eq!(apple_topics(&[0x30, 0x02, 0x0c, 0x01, 0xff]), None);
    }
}
