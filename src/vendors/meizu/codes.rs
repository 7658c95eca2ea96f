//! Meizu's result codes (`vendors-cn.md` §5.4): the top-level `code` (a string in the answer)
//! and the per-target codes that come back inside `value` with a top-level "200". Feeds the
//! findings and `pushdiag explain meizu CODE`.

use crate::vendors::push::report::{APP_ID, APP_KEY, APP_SECRET, BUSY, OK, PUSH, TOKEN};
use crate::vendors::push::Source;

const API: Source = Source::new("vendors-cn.md §5.4 [M-api][M-xxgail]");
const TARGET: Source = Source::new("vendors-cn.md §5.4 [M-api] (per-target, inside `value`)");

crate::vendors::push::code_table! {
    // Every code of the reference's two tables (vendors-cn.md §5.4): the top level, per target.
    documented: [
        200, 500, 1001, 1003, 1005, 1006, 110000, 110001, 110002, 110003, 110004, 110009, 110010, 110019, 110031, 110032, 110033, 110051, 110053,
        201, 501, 513, 519, 520, 110005, 110011,
    ],
    wording: (Meizu, "code", "pushId", Credentials, "look the code up in Meizu's PushAPI README (github.com/MEIZUPUSH/PushAPI, 返回码)"),
    reports: [
        110003 => TOKEN, 1003 => BUSY, 1006 => APP_SECRET, 110000 => APP_ID, 110001 => APP_KEY,
        110033 => APP_SECRET,
    ],
    // Every Meizu code the reference lists, in numeric order. 110002, 110003 and 110010 appear both
    // at the top level and per target; one entry covers both.
    [
        API.code(200, OK, "OK (per-target failures, if any, are listed in `value`)", "nothing to fix: Meizu accepted the request"),
        TARGET.code(201, PUSH, "no permission", "check the app's push permissions in the Meizu console"),
        API.code(500, BUSY, "other error", "Meizu's service failed or is busy: try again later (pushdiag reports the answer as unknown, exit 3)"),
        TARGET.code(501, BUSY, "database error", "Meizu's service failed or is busy: try again later (pushdiag reports the answer as unknown, exit 3)"),
        TARGET.code(513, PUSH, "push failed", "try again; if it persists, check the app's state in the Meizu console"),
        TARGET.code(519, BUSY, "overloaded", "Meizu's service failed or is busy: try again later (pushdiag reports the answer as unknown, exit 3)"),
        TARGET.code(520, PUSH, "folded: the device got too many pushes from this app within a minute (default 5)", "wait a minute and send again"),
        API.code(1001, BUSY, "system error", "Meizu's service failed or is busy: try again later (pushdiag reports the answer as unknown, exit 3)"),
        API.code(1003, BUSY, "server busy", "Meizu's service failed or is busy: try again later (pushdiag reports the answer as unknown, exit 3)"),
        API.code(1005, PUSH, "parameter error", "check the title (1-32 characters) and content (1-100 characters) and the messageJson fields"),
        API.code(1006, APP_SECRET, "signature authentication failed: the sign does not match md5(sorted key=value pairs + AppSecret)", "set `[meizu] app-secret` to the AppSecret from the Meizu push console (not the AppKey, which is the client's), and check `[meizu] app-id`"),
        API.code(110000, APP_ID, "appId invalid", "copy the AppId from the Meizu push console"),
        API.code(110001, APP_KEY, "appKey invalid", "copy the AppKey from the Meizu push console"),
        API.code(110002, TOKEN, "pushId not registered or unsubscribed", "copy the pushId again from a device running the app built with this AppId (and with notifications on); a pushId of another app or an uninstalled app fails here"),
        API.code(110003, TOKEN, "pushId invalid", "copy the pushId again from a device running the app built with this AppId (and with notifications on); a pushId of another app or an uninstalled app fails here"),
        API.code(110004, PUSH, "a parameter must not be empty", "appId, pushIds, messageJson and sign are required"),
        TARGET.code(110005, TOKEN, "alias unsubscribed, or its switch is off", "copy the pushId again from a device running the app built with this AppId (and with notifications on); a pushId of another app or an uninstalled app fails here"),
        API.code(110009, PUSH, "the app is blacklisted", "check the app's state in the Meizu push console"),
        API.code(110010, PUSH, "top level: the app's request rate is over the limit; per target: the pushId's switch is off", "wait and send fewer requests per second; per target, turn the app's notifications on on the device"),
        TARGET.code(110011, PUSH, "the device's daily public-message count is exceeded", "send private messages (noticeMsgType 1, as pushdiag does) or wait for tomorrow"),
        API.code(110019, PUSH, "the app's daily push-count limit is exceeded", "wait for tomorrow"),
        API.code(110031, PUSH, "packageName invalid", "check the app's package name in the Meizu console"),
        API.code(110032, PUSH, "invalid taskId", "not used by send-test (unicast has no task)"),
        API.code(110033, APP_SECRET, "invalid appSecret", "set `[meizu] app-secret` to the AppSecret from the Meizu push console"),
        API.code(110051, PUSH, "app count limit exceeded", "check the account's apps in the Meizu console"),
        API.code(110053, PUSH, "pass-through over limit", "not used by send-test, which sends notifications"),
    ],
}
