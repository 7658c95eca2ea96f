//! FCM HTTP v1 error codes (`apns-fcm-tim.md` B.5): the `errorCode` of the `FcmError` detail, or
//! the `google.rpc` status when there is none. Feeds the findings and `pushdiag explain fcm CODE`.

use crate::vendor::Vendor;
use crate::vendors::push::report::{BUSY, CRED, PUSH, TOKEN};
use crate::vendors::push::{Source, VendorReason};
use crate::vendors::refusal::{OnPush, Wording};

/// How FCM's findings quote its answers: `HTTP 404 UNREGISTERED "…"`. FCM reports through
/// [`Doing::Request`](crate::vendors::refusal::Doing::Request) only, so the device word and the
/// unknown-code help are unused.
#[rustfmt::skip] // data: one line, the help below
pub const WORDING: Wording = Wording::new(Vendor::Fcm, "HTTP", "token", OnPush::Push,
    "look the code up in Firebase's FCM error-code reference");

/// The entry for an `errorCode` or status (case-insensitive).
pub fn lookup(code: &str) -> Option<&'static VendorReason> {
    crate::vendors::push::find_reason(CODES, code)
}

const TABLE: Source = Source::new("apns-fcm-tim.md B.5 [F-err][F-goerr]");

/// The `errorCode`s (B.5), then the `google.rpc` statuses seen without one (B.3).
pub const CODES: &[VendorReason] = &[
    TABLE.reason("UNSPECIFIED_ERROR", 400, PUSH, "FCM gave no further information", "check the request; try again later"),
    TABLE.reason("INVALID_ARGUMENT", 400, PUSH, "a parameter is invalid: most often the registration token is not a valid FCM token; also a wrong package name, a message too big, a reserved data key (from, gcm, google.*), a bad TTL, or a field of the wrong type", "read the message for the field; for the token, copy it again from the app (FirebaseMessaging.getToken) without spaces or quotes; do not retry as is"),
    TABLE.reason("UNREGISTERED", 404, TOKEN, "the app instance is unregistered: the token is no longer valid (app uninstalled, data cleared, token refreshed)", "get a fresh token from the app and stop sending to this one"),
    TABLE.reason("SENDER_ID_MISMATCH", 403, TOKEN, "the token belongs to another Firebase project than the service account's (the app's google-services.json names another project)", "use the service account of the project in the app's google-services.json (project_id / project_number), or rebuild the app with this project's google-services.json"),
    TABLE.reason("QUOTA_EXCEEDED", 429, BUSY, "a sending limit was exceeded (message rate, device rate or topic rate)", "back off exponentially, starting at a minute; send less to that device"),
    TABLE.reason("UNAVAILABLE", 503, BUSY, "FCM is overloaded", "try again later, honouring Retry-After"),
    TABLE.reason("INTERNAL", 500, BUSY, "an unknown internal error in FCM", "try again later with backoff"),
    TABLE.reason("THIRD_PARTY_AUTH_ERROR", 401, CRED, "the token is an iOS (or web) device's, and FCM could not authenticate to APNs for it: the APNs key or certificate is missing or invalid in the Firebase console", "upload the APNs auth key (.p8, with its key id and team id) in the Firebase console under Project settings > Cloud Messaging > Apple app configuration; nothing in the service account is wrong"),
    TABLE.reason("PERMISSION_DENIED", 403, CRED, "the service account may not send for this project (the project in the URL is not its own, it lacks the Firebase Cloud Messaging API Admin role, or the FCM API is not enabled)", "use a service account of this Firebase project, or enable the Firebase Cloud Messaging API for it"),
    TABLE.reason("UNAUTHENTICATED", 401, CRED, "the access token was refused", "download a fresh service-account key; check that nothing rewrites the Authorization header"),
    TABLE.reason("NOT_FOUND", 404, PUSH, "the project or resource does not exist", "check the service account's project_id"),
];
