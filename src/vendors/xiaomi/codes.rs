//! Xiaomi's error codes (`vendors-cn.md` §3.4): what each means, which rule a refusal reports,
//! and what to do. Feeds the findings and `pushdiag explain xiaomi CODE`.

use crate::vendors::push::report::{APP_SECRET, BUSY, CRED, OK, PUSH, TOKEN};
use crate::vendors::push::Source;

const ERR: Source = Source::new("vendors-cn.md §3.4 [X-err]");
const MIZHOU: Source = Source::new("vendors-cn.md §3.4 [X-err][X-mizhou]");
const SDK: Source = Source::new("vendors-cn.md §3.4 [X-sdk]").weak();

/// What to do about each code that says Xiaomi failed rather than refused.
const FAILED: &str = "Xiaomi's service failed or is busy: try again later (pushdiag reports the answer as unknown, exit 3)";

crate::vendors::push::code_table! {
    // Every code of the reference's table (vendors-cn.md §3.4).
    documented: [-1, 0, 1, 10001, 10002, 10003, 10008, 10012, 10016, 10017, 10027, 10029, 10030,
        10031, 10034, 10036, 10037, 10038, 10039, 20301, 21301, 21302, 21303, 21305, 22000, 22006,
        22007, 22022, 22102, 26004, 26006, 27001, 65003, 65009, 65014, 65015, 65036, 65037, 65038],
    wording: (Xiaomi, "code", "regId", Credentials, "look the code up in Xiaomi's server error codes (dev.mi.com, 服务端错误码参考)"),
    reports: [20301 => TOKEN, 21301 => APP_SECRET],
    // Every Xiaomi code the reference lists, in numeric order.
    [
        ERR.code(-1, BUSY, "unknown error", FAILED),
        ERR.code(0, OK, "success", "nothing to fix: Xiaomi accepted the request"),
        ERR.code(1, BUSY, "internal error", FAILED),
        ERR.code(10001, BUSY, "system error", FAILED),
        ERR.code(10002, BUSY, "system busy", FAILED),
        ERR.code(10003, BUSY, "remote service error", FAILED),
        ERR.code(10008, PUSH, "parameter error", "the description names the parameter; check title, description and the extra.* fields"),
        ERR.code(10012, PUSH, "illegal request", "check nothing between rewrites the request (method, Content-Type, form encoding)"),
        ERR.code(10016, PUSH, "missing required parameter", "the description names it; registration_id, restricted_package_name, title and description are required"),
        ERR.code(10017, PUSH, "invalid parameter value", "the reason names it; title must be under 50 characters and description under 128"),
        ERR.code(10027, PUSH, "the app's API calls are too frequent", "wait and try again with fewer calls per second"),
        ERR.code(10029, TOKEN, "invalid device", "copy the regId again from a device running the app built with this AppID"),
        ERR.code(10030, PUSH, "fetching invalid regids too often", "wait and try again later"),
        ERR.code(10031, PUSH, "the app is blacklisted: sending is forbidden", "check the app's state in the Xiaomi push console"),
        ERR.code(10034, PUSH, "the app sent too many messages today", "wait for tomorrow, or apply for a private-message (私信) channel and set `[xiaomi] channel-id`"),
        ERR.code(10036, PUSH, "the app's operation is forbidden", "check the app's state and permissions in the Xiaomi push console"),
        ERR.code(10037, PUSH, "request expired", "set this machine's clock right and try again"),
        ERR.code(10038, PUSH, "stats/trace access forbidden", "not used by send-test; check the app's permissions"),
        ERR.code(10039, PUSH, "stats/trace access too frequent", "not used by send-test; wait and try again"),
        MIZHOU.code(20301, TOKEN, "send message failed: no target is valid (mizhousoft reads it as \"all targets invalid\")", "copy the regId again from a device running the app built with this AppID and package; a regId of another app or an uninstalled app fails here"),
        ERR.code(21301, APP_SECRET, "authentication failed (认证失败): the AppSecret in `Authorization: key=` is wrong", "set `[xiaomi] app-secret` to the AppSecret from the Xiaomi push console (应用信息); the AppKey is the client's and fails here"),
        ERR.code(21302, APP_SECRET, "token authentication failed", "set `[xiaomi] app-secret` to the AppSecret from the Xiaomi push console"),
        ERR.code(21303, PUSH, "restricted request", "check the app's permissions in the Xiaomi push console"),
        ERR.code(21305, PUSH, "missing required parameter", "the description names it"),
        // The server API sends only the AppSecret (§3.1), so these name the app-secret: it is the
        // secret of no app, or of one Xiaomi does not accept.
        ERR.code(22000, APP_SECRET, "illegal application", "check `[xiaomi] app-secret` is the AppSecret of an app with push enabled in the Xiaomi console"),
        SDK.code(22001, PUSH, "the app does not exist", "check the AppSecret belongs to an app that exists in the Xiaomi console"),
        SDK.code(22002, PUSH, "the app was revoked", "check the app's state in the Xiaomi console"),
        ERR.code(22006, APP_SECRET, "invalid app id", "the AppSecret sent is not an app's: copy [xiaomi] app-secret from the Xiaomi push console"),
        ERR.code(22007, APP_SECRET, "invalid app key", "the AppSecret sent is not an app's: copy [xiaomi] app-secret from the Xiaomi push console"),
        SDK.code(22008, CRED, "invalid app secret", "set `[xiaomi] app-secret` to the AppSecret from the Xiaomi push console"),
        ERR.code(22022, PUSH, "invalid package name: restricted_package_name is not this app's", "set the top-level `package` to the Android package name registered for the app in the Xiaomi console (the applicationId the app is built with)"),
        ERR.code(22102, PUSH, "send app notification failed", "try again; if it persists, check the app's state in the Xiaomi console"),
        SDK.code(22103, PUSH, "invalid notify id", "notify_id must be 0..2147483647"),
        ERR.code(26004, PUSH, "broadcast too frequent", "wait and try again"),
        ERR.code(26006, PUSH, "sending needs review", "the message waits for Xiaomi's review; try a plainer title and description"),
        ERR.code(27001, PUSH, "channel info mismatch (e.g. a bad extra.channel_id)", "set `[xiaomi] channel-id` to a channel id the Xiaomi console shows for this app"),
        ERR.code(65003, TOKEN, "device not found (usually offline)", "open the app on the device so it registers again, then copy its new regId"),
        ERR.code(65009, PUSH, "message content too long", "shorten the title, description or ext"),
        ERR.code(65014, PUSH, "too many key-value pairs", "Xiaomi allows at most 10 extra.* pairs"),
        ERR.code(65015, PUSH, "total key-value length too long", "shorten the ext (each extra key and value at most 1024 characters)"),
        ERR.code(65036, PUSH, "callback param too long", "callback.param is at most 256 bytes"),
        ERR.code(65037, PUSH, "callback url too long", "shorten extra.callback"),
        ERR.code(65038, PUSH, "callback url invalid", "fix extra.callback"),
    ],
}
