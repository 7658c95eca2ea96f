//! APNs `reason` strings (`apns-fcm-tim.md` A.7, Apple's table as sideshow/apns2 copies it, plus
//! the environment-key reason of A.3): what each means, which rule reports it, what to do. Feeds
//! the findings and `pushdiag explain apns REASON`.

use crate::findings::Rule;
use crate::vendors::push::report::{BUSY, CRED, ENV, PUSH, TOKEN};
use crate::vendors::push::{Report, Source, VendorReason};

const TABLE: Source = Source::new("apns-fcm-tim.md A.7 [S-resp]");
/// A newer reason, spelled differently by different libraries; Apple's spelling was not read.
const APNSWIFT: Source = Source::new("apns-fcm-tim.md A.3 [SW229] (APNSwift's spelling)").weak();
/// The same reason as apns-h2 spells it, and its sibling for a key of another team's app.
const APNS_H2: Source = Source::new("apns-fcm-tim.md A.3 (apns-h2's spelling)").weak();

const TOPIC: Report = Report::rule(Rule::ApnsTopicMismatch);
/// The certificate's or the key's environment, not the device token's ([`ENV`]).
const KEY_ENV: Report = Report::rule(Rule::ApnsEnvironmentMismatch);
const TOO_LARGE: Report = Report::rule(Rule::PayloadTooLarge);

/// Every reason the reference documents, by status.
pub const REASONS: &[VendorReason] = &[
    TABLE.reason("BadCollapseId", 400, PUSH, "the apns-collapse-id header is longer than 64 bytes", "shorten the collapse id (pushdiag sends none, so something between you and APNs added it)"),
    TABLE.reason("BadDeviceToken", 400, ENV, "the device token is not valid for this environment: most often a sandbox (development) token sent to production, or the reverse", "send to the environment the app was built for: builds run from Xcode get sandbox tokens (--production off, environment = \"development\"); TestFlight, Ad Hoc and App Store builds get production tokens (--production, environment = \"production\"). If the environment is right, copy the token again"),
    TABLE.reason("BadExpirationDate", 400, PUSH, "the apns-expiration header is not a valid Unix time", "send the expiration as whole seconds since 1970 (UTC), or 0"),
    TABLE.reason("BadMessageId", 400, PUSH, "the apns-id header is not a canonical UUID", "send a lowercase 8-4-4-4-12 UUID, or no apns-id"),
    TABLE.reason("BadPriority", 400, PUSH, "the apns-priority header is not 10, 5 or 1 (or 10 for a background push)", "send priority 10 for an alert, 5 for a background push"),
    TABLE.reason("BadTopic", 400, PUSH, "the apns-topic header is not valid", "set [apns] bundle-id to the app's bundle id (with the push type's suffix, e.g. .voip, only for those types)"),
    TABLE.reason("DeviceTokenNotForTopic", 400, TOPIC, "the device token belongs to another app (another bundle id) than the apns-topic", "set [apns] bundle-id to the bundle id of the app the token came from"),
    TABLE.reason("DuplicateHeaders", 400, PUSH, "a header was sent twice", "send each apns-* header once (check proxies that add headers)"),
    TABLE.reason("IdleTimeout", 400, PUSH, "the connection was idle too long", "nothing to fix for a one-off test; a long-lived sender reconnects"),
    TABLE.reason("InvalidPushType", 400, PUSH, "the apns-push-type header is not one Apple knows", "send alert, background, voip, complication, fileprovider, mdm, liveactivity, location or pushtotalk"),
    TABLE.reason("MissingDeviceToken", 400, TOKEN, "the path has no device token", "pass the device token with --to"),
    TABLE.reason("MissingTopic", 400, PUSH, "no apns-topic, which token auth and multi-topic certificates require", "set [apns] bundle-id (or the top-level package)"),
    TABLE.reason("PayloadEmpty", 400, PUSH, "the request has no body", "send a JSON payload with an aps dictionary"),
    TABLE.reason("TopicDisallowed", 400, TOPIC, "pushing to this topic is not allowed: the bundle id is not one of the key's team (or the certificate's topics)", "set [apns] bundle-id to an app of the team that owns the key (or of the certificate)"),
    TABLE.reason("BadCertificate", 403, CRED, "APNs does not accept the client certificate", "export the push certificate again (with its private key) from Keychain Access, or switch to token auth"),
    TABLE.reason("BadCertificateEnvironment", 403, KEY_ENV, "the certificate is for the other environment (a development certificate on production, or the reverse)", "use a certificate for this environment, or a universal \"Apple Push Services\" certificate"),
    TABLE.reason("ExpiredProviderToken", 403, CRED, "the provider token (JWT) is more than an hour old", "sign a new token (pushdiag signs a fresh one every run); if this persists, the machine's clock is wrong"),
    TABLE.reason("Forbidden", 403, CRED, "the action is not allowed", "check that the key or certificate belongs to the team that owns the app"),
    TABLE.reason("InvalidProviderToken", 403, CRED, "the provider token does not verify: the key id, the team id or the key itself is wrong, or the key was revoked", "check key-id (the AuthKey_<KEYID>.p8 name), team-id (Membership details) and that key-file is that key; a revoked key needs a new one"),
    TABLE.reason("MissingProviderToken", 403, CRED, "no client certificate and no authorization header", "configure token auth (key-file, key-id, team-id) or certificate auth"),
    APNSWIFT.reason("BadEnvironmentKeyInToken", 403, KEY_ENV, "the key is restricted to the other environment (a sandbox-only key on production, or the reverse)", "send to the key's environment, or create a key for both environments (or for this one) in the Apple Developer account"),
    APNS_H2.reason("BadEnvironmentKeyIdInToken", 403, KEY_ENV, "the key is restricted to the other environment (a sandbox-only key on production, or the reverse)", "send to the key's environment, or create a key for both environments (or for this one) in the Apple Developer account"),
    APNS_H2.reason("UnrelatedKeyIdInToken", 403, CRED, "the key in the provider token is not related to this app (a key of another team, or one not enabled for this topic)", "use a key of the team that owns the bundle id, with APNs enabled for it"),
    TABLE.reason("BadPath", 404, PUSH, "the request path is wrong", "the path must be /3/device/<hex token>; check [apns] endpoint for an extra path"),
    TABLE.reason("MethodNotAllowed", 405, PUSH, "the method is not POST", "APNs takes only POST"),
    TABLE.reason("ExpiredToken", 410, TOKEN, "the device token has expired", "get a new token from the app (it is re-registered on launch)"),
    TABLE.reason("Unregistered", 410, TOKEN, "the device token is no longer active for the topic: the app was uninstalled or notifications turned off (Apple reports this late on purpose)", "get a new token from the app; stop sending to this one"),
    TABLE.reason("PayloadTooLarge", 413, TOO_LARGE, "the payload is larger than 4096 bytes (5120 for VoIP)", "shorten the ext, title or body"),
    TABLE.reason("TooManyProviderTokenUpdates", 429, CRED, "the provider token was changed more often than once every 20 minutes", "reuse one token for 20 to 60 minutes; wait 20 minutes, then try again"),
    TABLE.reason("TooManyRequests", 429, PUSH, "too many pushes to this device token in a short time", "wait, then send less often to this device"),
    TABLE.reason("InternalServerError", 500, BUSY, "APNs had an internal error", "try again later (Apple notes some of these were really InvalidProviderToken)"),
    TABLE.reason("ServiceUnavailable", 503, BUSY, "APNs is unavailable", "try again later"),
    TABLE.reason("Shutdown", 503, BUSY, "the APNs server is shutting down", "try again (a new connection goes to another server)"),
];

/// The entry for a reason, as APNs spells it (case-insensitive for `explain`).
pub fn lookup(reason: &str) -> Option<&'static VendorReason> {
    crate::vendors::push::find_reason(REASONS, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_unique_and_statuses_are_errors() {
        let mut seen = std::collections::HashSet::new();
        for entry in REASONS {
            assert!(seen.insert(entry.reason), "{} twice", entry.reason);
            assert!((400..600).contains(&entry.status), "{}", entry.reason);
            // Only 5xx answers count as unknown.
            assert_eq!(
                entry.rule.is_none(),
                entry.status >= 500,
                "{}",
                entry.reason
            );
        }
        assert_eq!(lookup("baddevicetoken").map(|r| r.status), Some(400));
    }
}
