//! Tencent IM REST error codes (`apns-fcm-tim.md` D.10): what each means, which rule a refusal
//! reports, and what to do. Feeds the findings and `pushdiag explain tim CODE`.

use crate::findings::Rule;
use crate::vendors::push::rule::{CRED, PUSH, USER};
use crate::vendors::push::{Source, VendorCode};

const ERR: Source = Source("apns-fcm-tim.md D.10 [T-err][T-errh]");
const ERRH: Source = Source("apns-fcm-tim.md D.10 [T-errh]");
const ONLINE: Source = Source("apns-fcm-tim.md D.8 [T-online]");

/// "Busy, try again": the answer counts as unknown, not as a refusal.
const BUSY: Option<Rule> = None;

const REGION_FIX: &str = "check `tim.sdk-app-id`, and that `tim.region` (or `endpoint`) is the data centre the app was created in: the console shows it";
const RETRY_FIX: &str = "wait a moment and try again; pushdiag reports the answer as unknown";
const RATE_FIX: &str = "slow down (sendmsg and query_online_status allow 200 calls/s, account_check 100/s) and try again in a second";

/// Every code the reference lists, in numeric order.
pub const CODES: &[VendorCode] = &[
    ERR.code(0, None, "success (ActionStatus OK)", "nothing to fix: Tencent IM accepted the request"),
    ERRH.code(20001, PUSH, "the request packet is invalid", "check that the sender and the receiver both exist (`pushdiag status --user ID`)"),
    ERRH.code(20002, CRED, "internal authentication failed (UserSig or account)", "check `tim.secret-key` and `tim.admin`; run `pushdiag check-config --online`"),
    ERRH.code(20003, USER, "the sender or the receiver UserID is invalid or not imported", "check the UserID's spelling and case; import the account (account_import) or log it in once from the app"),
    ERRH.code(20004, BUSY, "network error inside Tencent IM", RETRY_FIX),
    ERRH.code(20005, BUSY, "internal server error", RETRY_FIX),
    ERRH.code(20006, PUSH, "the app's before-send callback blocked the message", "check your server's callback (\"before sending a one-to-one message\") and what it answered"),
    ERRH.code(20007, PUSH, "the receiver has blocklisted the sender", "send from another account, or remove the sender from the receiver's blocklist"),
    ERRH.code(20009, PUSH, "the two users are not friends (friend-only messaging is on)", "make them friends, or turn off the friendship check in the console"),
    ERRH.code(20010, PUSH, "the sender is not the receiver's friend (friendship check)", "make them friends, or turn off the friendship check in the console"),
    ERRH.code(20011, PUSH, "the receiver is not the sender's friend (friendship check)", "make them friends, or turn off the friendship check in the console"),
    ERRH.code(20012, PUSH, "the sender is muted", "lift the mute on the sending account"),
    ERR.code(60002, PUSH, "HTTP parse error: the URL is malformed", "check `tim.endpoint`: pushdiag appends /v4/<service>/<command> and the query string"),
    ERR.code(60003, PUSH, "the request JSON does not parse", "this is a pushdiag bug if it happens with send-test: please report it"),
    ERR.credential(60004, "admin", "the account or the signature in the URL or body is wrong", "check `tim.admin` and `tim.secret-key`"),
    ERR.credential(60005, "admin", "the account or the signature in the URL or body is wrong", "check `tim.admin` and `tim.secret-key`"),
    ERR.credential(60006, "sdk-app-id", "the SDKAppID is invalid", "copy the SDKAppID again from the IM console into `tim.sdk-app-id`"),
    ERR.code(60007, PUSH, "REST calls over the rate limit", RATE_FIX),
    ERR.code(60008, BUSY, "the request timed out or its HTTP format is wrong", RETRY_FIX),
    ERR.code(60009, PUSH, "bad resource or URL", "check `tim.endpoint`"),
    ERR.credential(60010, "admin", "the request needs an App admin account", "set `tim.admin` to an account listed as App admin in the IM console"),
    ERR.code(60011, PUSH, "the SDKAppID is over its rate limit", RATE_FIX),
    ERR.credential(60012, "sdk-app-id", "the request has no SDKAppID", "set `tim.sdk-app-id`"),
    ERR.credential(60015, "admin", "identifier must be a string", "set `tim.admin` to the admin's UserID"),
    ERR.credential(60016, "sdk-app-id", "the SDKAppID is disabled", "re-enable the app in the IM console"),
    ERR.code(60017, PUSH, "the request is disabled", "check the app's feature switches in the IM console"),
    ERR.code(60018, PUSH, "requests too frequent", RATE_FIX),
    ERR.code(60019, PUSH, "requests too frequent", RATE_FIX),
    ERR.credential(60020, "sdk-app-id", "the app's package has expired or is not yet in effect (wait about 5 minutes after a purchase)", "renew the package in the console, or wait 5 minutes after buying it"),
    ERR.code(60021, PUSH, "the caller's IP address is not allowed", "add this machine's address to the console's IP allowlist"),
    ERR.credential(70001, "secret-key", "the UserSig has expired", "make a new UserSig (pushdiag makes one per run, valid an hour: check this machine's clock); apps should use at least 24 h"),
    ERR.credential(70002, "secret-key", "the UserSig is empty", "pass a UserSig; pushdiag always sends one, so check nothing strips the query string"),
    ERR.credential(70003, "secret-key", "the UserSig check failed: often a truncated UserSig (a short buffer)", "make the UserSig again and pass it whole"),
    ERR.credential(70005, "secret-key", "the UserSig check failed", "verify the UserSig with Tencent's tool; check `tim.secret-key`"),
    ERR.credential(70009, "secret-key", "the UserSig verification failed: it was signed with another app's key", "copy the secret key of this SDKAppID from the IM console (Application configuration > Basic information) into `tim.secret-key`"),
    ERR.credential(70013, "admin", "the request's UserID is not the UserID in the UserSig", "sign the UserSig for the same account as `identifier` (the admin)"),
    ERR.credential(70014, "sdk-app-id", "the request's SDKAppID is not the SDKAppID in the UserSig", "sign with the same SDKAppID the request names"),
    ERR.credential(70016, "secret-key", "no key (or public key) found for this SDKAppID: wrong data centre, or an old ECDSA app whose key was never upgraded", REGION_FIX),
    ERR.credential(70020, "sdk-app-id", "the SDKAppID was not found", REGION_FIX),
    ERR.code(70050, PUSH, "too many failed attempts; retry after a minute", "fix the credentials first, then wait a minute"),
    ERR.credential(70051, "admin", "the account is blocklisted", "use another admin account, or contact Tencent support"),
    ERR.credential(70052, "secret-key", "the UserSig has been invalidated", "make a new UserSig (for an app: log in again with a fresh one)"),
    ONLINE.code(70107, USER, "the account was never imported / does not exist", "import the account (account_import), or log it in once from the app"),
    ERR.code(70114, PUSH, "the request is restricted for security reasons", "contact Tencent support"),
    ERR.code(70169, BUSY, "server internal timeout", RETRY_FIX),
    ERR.code(70206, PUSH, "the batch has a bad number of accounts", "send at most 500 accounts per call"),
    ERR.code(70398, PUSH, "the number of accounts is over the free or trial edition's limit", "upgrade the app's edition, or delete unused accounts"),
    ERR.code(70402, PUSH, "bad parameters", "check the request fields; with send-test this is a pushdiag bug: please report it"),
    ERR.credential(70403, "admin", "the request needs an App admin account", "set `tim.admin` to an account listed as App admin in the IM console"),
    ERR.code(70500, BUSY, "internal server error", RETRY_FIX),
    ERRH.code(80001, PUSH, "the text contains sensitive words", "change the text"),
    ERRH.code(80002, PUSH, "the message body is too long", "keep the whole message under 8 KB (Desc + Ext under 3 KB for APNs)"),
    ERRH.code(90001, PUSH, "the JSON does not parse", "this is a pushdiag bug if it happens with send-test: please report it"),
    ERRH.code(90002, PUSH, "MsgBody is invalid or not an array", "send MsgBody as an array of {MsgType, MsgContent}"),
    ERRH.code(90003, USER, "To_Account is missing or invalid", "pass the receiver's UserID with --to"),
    ERRH.code(90005, PUSH, "MsgRandom is missing or not an integer", "send MsgRandom as a 32-bit unsigned integer"),
    ERRH.code(90006, PUSH, "MsgTimeStamp is invalid", "send MsgTimeStamp as epoch seconds, or leave it out"),
    ERRH.code(90007, PUSH, "MsgBody is not an array", "send MsgBody as an array"),
    ERRH.code(90008, USER, "From_Account is missing or does not exist", "pass an existing sender with --from, or leave it out to send as the admin"),
    ERRH.credential(90009, "admin", "the request needs an App admin account", "set `tim.admin` to an account listed as App admin in the IM console"),
    ERRH.code(90010, PUSH, "the body does not match the message format", "check MsgBody's elements against Tencent's message formats"),
    ERRH.code(90011, PUSH, "more than 500 targets in a batch", "send to at most 500 accounts per call"),
    ERRH.code(90012, USER, "To_Account is not registered or does not exist", "check the receiver's UserID (`pushdiag status --user ID`)"),
    ERRH.code(90026, PUSH, "MsgLifeTime is over 7 days", "keep MsgLifeTime at most 604800 seconds"),
    ERRH.code(90031, PUSH, "SyncOtherMachine is not an integer", "send 1 or 2, or leave it out"),
    ERRH.code(90044, PUSH, "MsgLifeTime is not an integer", "send MsgLifeTime in seconds as an integer"),
    ERRH.code(90048, USER, "the account does not exist", "check the UserID (`pushdiag status --user ID`)"),
    ERRH.code(90992, BUSY, "internal error (also a broken third-party callback)", "retry; if it persists, check your server's IM callbacks answer"),
    ERRH.code(90994, BUSY, "internal error", RETRY_FIX),
    ERRH.code(90995, BUSY, "internal error", RETRY_FIX),
    ERRH.code(91000, BUSY, "internal error", RETRY_FIX),
    ERRH.code(93000, PUSH, "the JSON body is too long (over 8 KB)", "keep the message body under 8 KB"),
];

crate::vendors::push::code_table! {
    wording: (Tim, "ErrorCode", "user", Push, "look the code up in Tencent IM's error code list (cloud.tencent.com/document/product/269/1671)"),
    // Every code of the reference's D.10 lists.
    documented: [
        60002, 60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011, 60012, 60015, 60016,
        60017, 60018, 60019, 60020, 60021, 70001, 70002, 70003, 70005, 70009, 70013, 70014, 70016,
        70020, 70050, 70051, 70052, 70107, 70114, 70169, 70206, 70398, 70402, 70403, 70500, 20001,
        20002, 20003, 20004, 20005, 20006, 20007, 20009, 20010, 20011, 20012, 90001, 90002, 90003,
        90005, 90006, 90007, 90008, 90009, 90010, 90011, 90012, 90026, 90031, 90044, 90048, 90992,
        90994, 90995, 91000, 93000, 80001, 80002,
    ],
    rules: [20003 => USER, 70169 => None],
    credentials: [70009 => "secret-key"],
}
