//! OPPO's result codes (`vendors-cn.md` §2.4): what each means, which rule a rejection reports,
//! and what to do. Feeds the findings and `pushdiag explain oppo CODE`.

use crate::vendors::push::report::{APP_KEY, BUSY, OK, PUSH, TOKEN};
use crate::vendors::push::{Report, Source};

const CODES_DOC: Source = Source::new("vendors-cn.md §2.4 [O-codes]");
const UPS: Source = Source::new("vendors-cn.md §2.4 [O-ups][O-mizhou]");
const UPS_ONLY: Source = Source::new("vendors-cn.md §2.4 [O-ups]");

const MASTER_SECRET: Report = Report::credential("master-secret");

crate::vendors::push::code_table! {
    // Every code of the reference's table (vendors-cn.md §2.4).
    documented: [-2, -1, 0, 11, 12, 13, 14, 15, 16, 17, 18, 19, 25, 26, 27, 28, 29, 30, 33, 40, 41,
        51, 55, 59, 67, 10000, 10001, 10002, 10003],
    wording: (Oppo, "code", "regId", Push, "look the code up in OPPO's server API documentation (open.oppomobile.com, 调用地址，公共参数和返回码)"),
    reports: [10000 => TOKEN, 16 => MASTER_SECRET],
    // Every OPPO code the reference documents, in numeric order.
    [
        CODES_DOC.code(-2, BUSY, "server flow control (服务器流量控制)", "OPPO is limiting traffic: try again later (pushdiag reports the answer as unknown, exit 3)"),
        CODES_DOC.code(-1, BUSY, "service unavailable, retry later (服务不可用)", "OPPO's service is down or busy: try again later (pushdiag reports the answer as unknown, exit 3)"),
        CODES_DOC.code(0, OK, "success", "nothing to fix: OPPO accepted the request"),
        CODES_DOC.code(11, PUSH, "invalid auth_token (无效的AuthToken)", "authenticate again (pushdiag does this for every run); the token lives 24 hours"),
        CODES_DOC.code(12, PUSH, "HTTP method not allowed", "OPPO's API takes POST; check nothing between rewrites the request"),
        CODES_DOC.code(13, PUSH, "the app's call count or frequency is limited", "wait and try again; check the app's quota in the OPPO console"),
        CODES_DOC.code(14, APP_KEY, "invalid AppKey (无效的AppKey)", "copy the AppKey from the OPUSH console (配置管理 → 应用配置); it is 32 hex characters, not the AppId"),
        CODES_DOC.code(15, APP_KEY, "missing AppKey", "set `[oppo] app-key` to the AppKey from the OPUSH console"),
        CODES_DOC.code(16, MASTER_SECRET, "invalid signature (sign is wrong): sha256(app_key + timestamp + master_secret) did not match", "set `[oppo] master-secret` to the MasterSecret from the OPUSH console (配置管理 → 应用配置); the AppSecret is the client's and fails here"),
        CODES_DOC.code(17, PUSH, "missing signature", "pushdiag always sends a sign; check nothing between strips form fields"),
        CODES_DOC.code(18, PUSH, "missing timestamp", "pushdiag always sends a timestamp; check nothing between strips form fields"),
        CODES_DOC.code(19, PUSH, "invalid timestamp: not 13-digit milliseconds, or more than 10 minutes old", "set this machine's clock right (OPPO accepts a timestamp from the last 10 minutes)"),
        CODES_DOC.code(25, PUSH, "encoding error: the request is not UTF-8", "send UTF-8 (pushdiag does); check nothing between re-encodes the body"),
        CODES_DOC.code(26, PUSH, "the caller's IP address is blacklisted", "check the IP allow/block list in the OPUSH console, or send from another address"),
        CODES_DOC.code(27, PUSH, "access denied: the app has no permission for this function", "ask OPPO for the permission in the OPUSH console"),
        CODES_DOC.code(28, PUSH, "the app is disabled", "check the app's state in the OPUSH console"),
        CODES_DOC.code(29, PUSH, "missing auth_token", "the send needs the auth_token form field; pushdiag sends it, so check nothing between strips form fields"),
        CODES_DOC.code(30, PUSH, "the app has no permission to push through the API", "apply for push permission (推送权限) in the OPUSH console"),
        CODES_DOC.code(33, PUSH, "the number of messages exceeds the daily limit", "wait for tomorrow, or ask for private-message (私信) channels, which are not counted"),
        CODES_DOC.code(40, PUSH, "a required argument is missing", "the message names it; title, content and target_value are required"),
        CODES_DOC.code(41, PUSH, "an argument is invalid", "the message names it (title and content at most 50 characters in style 1; action_parameters a JSON map of at most 4000)"),
        CODES_DOC.code(51, PUSH, "invalid picture", "check the picture's id and size"),
        CODES_DOC.code(55, PUSH, "the app's call frequency is limited", "wait and try again with fewer calls per second"),
        CODES_DOC.code(59, PUSH, "no permission for the secondary (backup) jump link", "drop the backup link or ask OPPO for the permission"),
        CODES_DOC.code(67, PUSH, "category error, a private channel that is not registered, or an invalid notify_level", "check `category`, `notify_level` and the channel against the OPUSH console's message classification"),
        UPS.code(10000, TOKEN, "the registration_id is invalid for this app", "copy the regId again from a device running the app built with this AppKey (China regIds are 32 hex characters, `CN_` or `OPPO_CN_` plus 32 hex; others belong to api-intl)"),
        UPS_ONLY.code(10001, PUSH, "the registration_id is not subscribed (the app was uninstalled or its notifications are off)", "install the app again or turn its notifications on, then get its new regId"),
        UPS_ONLY.code(10002, TOKEN, "the alias is invalid", "check the alias the app set"),
        UPS_ONLY.code(10003, PUSH, "the alias is not subscribed", "open the app on the device so it sets the alias again"),
    ],
}
