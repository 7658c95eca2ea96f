//! vivo's result codes (`vendors-cn.md` §1.4) and `invalidUser.status` values: what each means,
//! which rule a rejection reports, and what to do. Feeds the findings and
//! `pushdiag explain vivo CODE`.

use crate::vendors::push::report::{APP_ID, APP_KEY, APP_SECRET, OK, PUSH, TOKEN};
use crate::vendors::push::Source;

const DOC_OLD: Source = Source::new("vendors-cn.md §1.4 [V-docold]");
const DOC_292: Source = Source::new("vendors-cn.md §1.4 [V-doc292]");
const MIZHOU: Source = Source::new("vendors-cn.md §1.4 [V-mizhou]");
/// The reference takes these from mizhousoft alone and marks them weak.
const MIZHOU_WEAK: Source = MIZHOU.weak();
/// A comment in a client library, not vivo's documentation: weak.
const COMMENT: Source = Source::new("vendors-cn.md §1.4 [V-codecomment]").weak();
const MODOOD: Source = Source::new("vendors-cn.md §1.3 [V-modood]");
const FIXTURE: Source = Source::new("vendors-cn.md §1.4 (one client's test fixture only)").weak();
const ISSUE_5: Source =
    Source::new("issue 5; vendors-cn.md §1.3 pushMode documents the rule, not the number").weak();
const WINDOW: Source = Source::new("vendors-cn.md §1.4 [V-10071]");
const A_FIXTURE: Source = Source::new("vendors-cn.md §1.4 (a fixture only)").weak();
const AUTH_LIMIT: Source = Source::new("vendors-cn.md §1.2 [V-doc292][V-mizhou]");
const ALL: Source = Source::new("vendors-cn.md §1.4 [V-docold][V-mizhou][V-modood]");

crate::vendors::push::code_table! {
    // Every code of the reference's table (vendors-cn.md §1.4), plus 10045 from issue 5.
    documented: [0, 10000, 10045, 10070, 10071, 10072, 10073, 10085, 10094, 10096, 10097, 10104,
        10200, 10201, 10202, 10203, 10204, 10205, 10206, 10207, 10250, 10252, 10254, 10302],
    wording: (Vivo, "result", "regId", Push, "look the code up in vivo's server API documentation (dev.vivo.com.cn, PUSH-UPS-API)"),
    // The credential codes name the key to fix; the timestamp ones (10203, 10207) none.
    reports: [
        10302 => TOKEN, 10200 => APP_ID, 10201 => APP_KEY, 10202 => APP_KEY, 10204 => APP_SECRET,
        10205 => APP_ID, 10206 => APP_SECRET, 10203 => PUSH, 10207 => PUSH,
    ],
    // Every vivo code the reference documents, in numeric order.
    [
        DOC_OLD.code(0, OK, "success (请求成功)", "nothing to fix: vivo accepted the request"),
        FIXTURE.code(10000, PUSH, "the authToken is invalid or expired", "authenticate again (pushdiag does this for every run); if it persists, check that nothing between you and vivo rewrites the `authToken` header"),
        ISSUE_5.code(10045, PUSH, "the app is still under review (not yet on sale in the vivo app store): vivo allows only test pushes (pushMode=1) to test devices", "send in test mode (drop --production) to a device registered as a test device in the vivo console; formal pushes work once the app is published"),
        DOC_292.code(10070, PUSH, "the app's total send volume for today is used up", "do not call /message/send again today; the console shows the quota, which grows with the number of subscribed devices"),
        WINDOW.code(10071, PUSH, "outside the allowed send window: operation (marketing) messages are allowed only 07:00-23:00", "send IM messages as system messages (classification 1, category IM), or send in the daytime"),
        A_FIXTURE.code(10072, PUSH, "sending too fast", "slow down and try again later"),
        COMMENT.code(10073, PUSH, "the quota for system messages is used up", "wait until tomorrow, or ask vivo for a larger system-message quota"),
        COMMENT.code(10085, PUSH, "the content was rejected (reported for titles or bodies that are pure digits, pure English, contain 测试 or brackets)", "use a real-looking title and body: words in the app's language, no 测试 (test), no bracketed tags"),
        DOC_292.code(10094, PUSH, "the appId in the body is not the appId the authToken was issued for", "send the same app-id in the body as in the authentication; check [vivo] app-id is this app's"),
        MODOOD.code(10096, PUSH, "the category is not a vivo category", "use one of IM, ACCOUNT, TODO, DEVICE_REMINDER, ORDER, SUBSCRIPTION (system) or NEWS, CONTENT, MARKETING, SOCIAL (operation), upper case"),
        MODOOD.code(10097, PUSH, "the category does not belong to the classification (0 operation, 1 system)", "send classification 1 with a system category such as IM, or 0 with an operation category"),
        COMMENT.code(10104, PUSH, "the content was rejected (same reading as 10085)", "use a real-looking title and body: words in the app's language, no 测试 (test), no bracketed tags"),
        DOC_OLD.code(10200, APP_ID, "appId is empty", "set [vivo] app-id to the AppID from the vivo console (an integer)"),
        DOC_OLD.code(10201, APP_KEY, "appKey is empty", "set [vivo] app-key to the AppKey from the vivo console"),
        MIZHOU_WEAK.code(10202, APP_KEY, "appKey is not this app's AppKey", "copy [vivo] app-key again from the vivo console (the app's push page); check it is not the AppSecret or another app's key"),
        // 10203 and 10207 are about the timestamp, not a credential: no config key is wrong.
        MIZHOU_WEAK.code(10203, PUSH, "timestamp is empty", "a pushdiag bug if it happens: the timestamp is always sent; please report it"),
        MIZHOU_WEAK.code(10204, APP_SECRET, "sign is empty", "a pushdiag bug if it happens: the sign is always sent; please report it"),
        MIZHOU_WEAK.code(10205, APP_ID, "the appId does not exist", "copy [vivo] app-id again from the vivo console; check push is enabled for the app"),
        MIZHOU.code(10206, APP_SECRET, "the sign is wrong: md5(appId + appKey + timestamp + appSecret) does not match, so app-secret (or the app-id / app-key pair) is not this app's", "copy [vivo] app-secret again from the vivo console; check it is the AppSecret, not the AppKey, and that app-id and app-key are the same app's"),
        MIZHOU.code(10207, PUSH, "the timestamp is more than 10 minutes from vivo's clock", "set this machine's clock right (NTP); the timestamp is Unix milliseconds"),
        AUTH_LIMIT.code(10250, PUSH, "the authentication endpoint's rate limit (10 calls per second per app) was exceeded", "authenticate less often: cache the authToken (valid 24 h) and share it between processes"),
        DOC_292.code(10252, PUSH, "too many message bodies in one batch (saveListPayload)", "send smaller batches"),
        DOC_292.code(10254, PUSH, "the broadcast-to-all call limit was exceeded (one per app per day by default)", "broadcast at most once a day"),
        ALL.code(10302, TOKEN, "the regId (or alias) is not valid for this app; invalidUser.status says why: 1 unknown, 2 app uninstalled or notifications off, 3 offline for 90 days, 4 not a test device", "see invalidUser.status: for 4, add the device as a test device in the vivo console or send with --production; for 1, copy the regId again from the app built with this AppID"),
    ],
    checks: {
        assert!(invalid_user_status(4).1.contains("--production"));
    }
}

/// `invalidUser.status` of a 10302 (§1.4): what it means and what to do.
pub fn invalid_user_status(status: i64) -> (&'static str, &'static str) {
    match status {
        1 => (
            "the regId does not exist for this app",
            "copy the regId again from a device running the app built with this AppID (a regId belongs to one app; one from another app or package is unknown)",
        ),
        2 => (
            "the app is uninstalled on the device, or its notifications are turned off",
            "install the app again, or turn its notifications on in the phone's settings, then get its new regId",
        ),
        3 => (
            "the device has been offline for 90 days",
            "use a device that is online; open the app once so it registers again",
        ),
        4 => (
            "the device is not a test device, and test pushes (pushMode=1) reach only test devices",
            "add it as a test device in the vivo console or use --production",
        ),
        _ => (
            "a status the reference does not document",
            "check the regId, the device and the vivo console",
        ),
    }
}
