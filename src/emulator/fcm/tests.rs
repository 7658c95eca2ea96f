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

/// The body of a refusal, as JSON.
async fn body_of(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

/// Issue 16: FCM refuses an `android.ttl` over 4 weeks with 400 INVALID_ARGUMENT (B.4, B.5); the
/// emulator accepted it. The message is what firebase-admin sends for
/// `AndroidConfig(ttl=...)`: a Duration string such as `"9999999s"`.
#[tokio::test]
async fn an_android_ttl_over_four_weeks_is_invalid_argument() {
    let message = |ttl: Value| {
        json!({
            "token": "t",
            "notification": {"title": "T", "body": "B"},
            "android": {"ttl": ttl, "priority": "high"},
        })
    };
    for ttl in ["0s", "86400s", "2419200s", "1.500000000s"] {
        assert!(check_message(&message(json!(ttl))).is_ok(), "{ttl}");
    }
    for ttl in ["9999999s", "2419201s", "-1s"] {
        let refusal = check_message(&message(json!(ttl))).unwrap_err();
        let (status, body) = body_of(*refusal).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(body["error"]["status"], "INVALID_ARGUMENT", "{body}");
        assert_eq!(body["error"]["details"][0]["errorCode"], "INVALID_ARGUMENT");
        assert_eq!(
            body["error"]["details"][1]["fieldViolations"][0]["field"],
            "message.android.ttl"
        );
    }
    // Not a Duration at all: Google's parse error, INVALID_ARGUMENT too.
    for ttl in [json!("9999999"), json!(86400), json!("s")] {
        let refusal = check_message(&message(ttl.clone())).unwrap_err();
        let (status, body) = body_of(*refusal).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{ttl}: {body}");
        assert_eq!(body["error"]["status"], "INVALID_ARGUMENT", "{body}");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("message.android.ttl"));
    }
}
