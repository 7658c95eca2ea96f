//! Tencent's push service (TIMPush) codes: the pipeline codes its push trace and loss analysis
//! report (`timpush.md` §5.1: -1 no certificate ID, -2 no token, and vendor codes passed through)
//! and the `v4/timpush/*` REST codes (§5.2). Feeds the trace's verdict and
//! `pushdiag explain timpush CODE`.
//!
//! 1 and 410 are vendor codes Tencent passes through (Xiaomi's `regid_invalid`, APNs'
//! `Unregistered`); they are listed because the loss analysis quotes them without naming the
//! vendor. Other negative pipeline codes are not documented (§5.1 "not found").

use crate::findings::Rule;
use crate::vendors::push::report::{BUSY, PUSH, USER};
use crate::vendors::push::{Report, Source};

const LOSS: Source = Source::new("timpush.md §5.1 [S-loss]");
const ERR: Source = Source::new("timpush.md §5.2 [S-err]");
const BATCH: Source = Source::new("timpush.md §3.1 [S-batch]");

const ADMIN: Report = Report::credential("admin");
const HOP: Report = Report::rule(Rule::PushHopFailed);
const CERT: Report = Report::rule(Rule::PushCertIdMissing);

crate::vendors::push::code_table! {
    documented: [-2, -1, 1, 410, 90001, 90005, 90009, 90018, 90020, 90022, 90024, 90026, 90032,
        90033, 90039, 90040, 90045, 90047, 90049, 90050, 90051, 90052, 90053, 90056, 90057, 91000],
    wording: (Tim, "ErrorCode", "device", Push, "look the code up in Tencent's push service error codes (https://trtc.io/document/74196)"),
    reports: [-1 => CERT, 91000 => BUSY, 90009 => ADMIN],
    [
        LOSS.code(-2, HOP, "no token: the device never uploaded a push token: its vendor registration failed (vendor SDK or config file missing, no Google services for FCM), the user denied notifications, or the app registered before login", "make the app register for push after login (TIMPush registerPush) and check an affected phone's log for `registerPush success` with a token (TIMPush errors 800005, 800009, 800016 say why not); `pushdiag checklist --vendor V` walks the vendor's steps"),
        LOSS.weak().code(-1, CERT, "no certificate ID: the device reported its token without a business ID (or the certificate was deleted in the console): the app's push registration does not pass the cert ID", "pass the console's certificate ID in the app's push registration (timpush-configs.json's *PushBussinessId, iOS businessID, the legacy plugins' business IDs); `pushdiag check-config --project DIR` shows what the app passes (rule app-business-id-missing)"),
        LOSS.code(1, HOP, "the vendor refused the token (Xiaomi-style `regid_invalid`): the app was uninstalled or the token is stale", "the device must register again (reinstall or log in again); see the vendor's code in the trace"),
        LOSS.code(410, HOP, "APNs: the token is no longer valid for the topic (`Unregistered`): the app was uninstalled or the token is stale", "the device must register again; see `pushdiag explain apns Unregistered`"),
        ERR.code(90001, PUSH, "the JSON body does not parse", "this is a pushdiag bug if it happens with send-test: please report it"),
        ERR.code(90005, PUSH, "MsgRandom is missing or not an integer", "send MsgRandom as a 32-bit unsigned integer"),
        ERR.code(90009, ADMIN, "the request needs an App admin account", "set `tim.admin` to an account listed as App admin in the IM console"),
        ERR.code(90018, USER, "too many accounts in the request", "send to at most 500 accounts per call"),
        ERR.code(90020, PUSH, "a tag is longer than 50 bytes", "shorten the tag"),
        ERR.code(90022, PUSH, "duplicate tags in TagsOr or TagsAnd", "list each tag once"),
        ERR.code(90024, PUSH, "pushes less than 1 second apart", "wait a second between pushes"),
        ERR.code(90026, PUSH, "the offline storage time is invalid", "send a valid storage time, or leave it out"),
        ERR.code(90032, PUSH, "more than 10 tags", "send at most 10 tags"),
        ERR.code(90033, PUSH, "an attribute is invalid", "check the attribute names against the console's"),
        ERR.code(90039, PUSH, "attribute push and tag push in one request", "push by attributes or by tags, not both"),
        ERR.code(90040, PUSH, "an empty tag", "leave out empty tags"),
        ERR.code(90045, PUSH, "all-user, tag and single push are not enabled for the app", "enable the push service (Push) for the app in the IM console"),
        ERR.code(90047, PUSH, "the daily push limit is used up (default 100)", "wait for tomorrow, or ask Tencent for a higher limit"),
        ERR.code(90049, PUSH, "the TaskId is invalid, or there is no push record for it", "check the TaskId; traces are kept 7 days"),
        ERR.code(90050, PUSH, "the push was already revoked", "nothing to do"),
        ERR.code(90051, PUSH, "revokes more than 1 per second", "wait a second between revokes"),
        ERR.code(90052, PUSH, "revoke more than 24 hours after the push", "a push can only be revoked within 24 hours"),
        ERR.code(90053, PUSH, "a revoke needs OfflinePushInfo when OnlineOnlyFlag is 0", "send OfflinePushInfo with the revoke"),
        ERR.code(90056, PUSH, "the all-user push body is over 10 KB", "shorten the push"),
        BATCH.code(90057, PUSH, "DataId is longer than 64 bytes", "shorten DataId to at most 64 bytes"),
        ERR.code(91000, BUSY, "internal error, retry", "wait a moment and try again; pushdiag reports the answer as unknown"),
    ],
}
