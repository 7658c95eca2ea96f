//! Huawei Push Kit's result codes (`vendors-cn.md` §4.6): what each means, which rule a rejection
//! reports, and what to do. Feeds the findings and `pushdiag explain huawei CODE`. The v3-only
//! codes are listed too: Huawei gives them the same meaning everywhere.

use crate::vendors::push::report::{APP_SECRET, BUSY, CRED, OK, PUSH, TOKEN};
use crate::vendors::push::Source;

const BOTH: Source = Source::new("vendors-cn.md §4.6 [H-modood][H-v3resp]");
const V1: Source = Source::new("vendors-cn.md §4.6 [H-modood]");
const V3: Source = Source::new("vendors-cn.md §4.6 [H-bark]");

crate::vendors::push::code_table! {
    // Every code of the reference's table (vendors-cn.md §4.6).
    documented: [80000000, 80100000, 80100001, 80100002, 80100003, 80100004, 80100013, 80100016,
        80100017, 80100018, 80100022, 80200001, 80200003, 80200005, 80300002, 80300007, 80300008,
        80300010, 80300011, 80300013, 80300029, 80300030, 80300036, 80300037, 80600003, 81000001],
    wording: (Huawei, "code", "token", AccessToken, "look the code up in Push Kit's server API error codes (developer.huawei.com, 服务端API错误码)"),
    reports: [80300007 => TOKEN, 80200001 => APP_SECRET],
    // Every Huawei code the reference documents, in numeric order.
    [
        BOTH.code(80000000, OK, "success", "nothing to fix: Huawei accepted the request"),
        BOTH.code(80100000, TOKEN, "partial success: some tokens are illegal (msg lists illegal_tokens)", "copy the push token again from a device running the app built with this AppID; a token of another app or with extra spaces is illegal"),
        BOTH.code(80100001, PUSH, "parameter error", "the msg names the parameter; check the message's fields and types"),
        V1.code(80100002, PUSH, "the token count must be 1 for synchronous messages", "send one token per synchronous message"),
        BOTH.code(80100003, PUSH, "illegal message structure or payload", "check the message against Push Kit's message structure (notification needs click_action)"),
        BOTH.code(80100004, PUSH, "the TTL is earlier than now", "set a TTL in the future (\"86400s\")"),
        V1.code(80100013, PUSH, "invalid collapse_key", "use -1, 0 or 1 to 100"),
        V1.code(80100016, PUSH, "the message contains sensitive content", "change the title or body"),
        V1.code(80100017, PUSH, "more than 100 concurrent topic tasks", "wait for topic tasks to finish"),
        V1.code(80100018, PUSH, "third-party review signature mismatch", "check the review field"),
        V3.code(80100022, PUSH, "the image was not verified", "use a verified https image, or none"),
        V1.code(80200001, APP_SECRET, "OAuth authentication error: the Authorization header is missing, or the token belongs to another app", "use a token of this AppID: `[huawei] app-id` must match the app-secret's app (the AppID in the URL and the token's app must agree)"),
        V1.code(80200003, APP_SECRET, "the OAuth token expired", "get a new token (pushdiag does this for every run); tokens live an hour"),
        V3.code(80200005, CRED, "the JWT expired", "sign a new JWT (v3); its lifetime is at most a day"),
        BOTH.code(80300002, PUSH, "the app has no permission to push", "enable Push Kit for the app in AppGallery Connect (增长 → 推送服务)"),
        BOTH.code(80300007, TOKEN, "all the tokens are invalid (a token of another app, extra spaces…)", "copy the push token again from a device running the app built with this AppID"),
        BOTH.code(80300008, PUSH, "the body is larger than 4096 bytes", "shorten the title, body or ext"),
        BOTH.code(80300010, PUSH, "the token count is above the limit (1 to 1000)", "send 1 to 1000 tokens per request"),
        V1.code(80300011, PUSH, "no permission for high-priority notifications", "apply for the permission, or send NORMAL urgency"),
        V1.code(80300013, PUSH, "receipt URL error", "check the receipt configuration in AppGallery Connect"),
        V3.code(80300029, PUSH, "the test-message flow limit is reached", "wait for tomorrow (500 test messages per app per day), or send with --production"),
        V3.code(80300030, PUSH, "too many tokens in one test message", "send fewer tokens per test message"),
        V3.code(80300036, CRED, "the JWT's validity is longer than a day", "sign a JWT valid for an hour (v3)"),
        V3.code(80300037, PUSH, "sending is blocked by a violation penalty", "see the penalty notice in AppGallery Connect"),
        V1.code(80600003, APP_SECRET, "the request to the OAuth service failed (check the client id and secret)", "set `[huawei] app-id` and `app-secret` to the OAuth client ID and secret from AppGallery Connect"),
        BOTH.code(81000001, BUSY, "internal system error", "Huawei failed: try again later (pushdiag reports the answer as unknown, exit 3)"),
    ],
}
