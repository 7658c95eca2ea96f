//! FCM: what counts toward the message size limit (B.4).

use super::*;

/// B.4 counts the payload's keys and values, not the token or the JSON punctuation: a data
/// value just under the limit passes with a long token beside it.
#[test]
fn the_limit_counts_notification_and_data_only() {
    let message = |ext: usize, topic: bool| {
        let mut m = json!({
            "token": "t".repeat(300),
            "notification": {"title": "T", "body": "B"},
            "data": {"ext": "x".repeat(ext)},
        });
        if topic {
            m["topic"] = json!("news");
        }
        m
    };
    // title + T + body + B + ext = 5 + 1 + 4 + 1 + 3 = 14 bytes besides the ext.
    assert_eq!(payload_size(&message(100, false)), 114);
    assert!(payload_size(&message(MAX_MESSAGE - 14, false)) <= MAX_MESSAGE);
    assert!(payload_size(&message(MAX_MESSAGE - 13, false)) > MAX_MESSAGE);
    assert!(payload_size(&message(MAX_TOPIC_MESSAGE, true)) > MAX_TOPIC_MESSAGE);
}
