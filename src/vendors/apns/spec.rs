//! APNs' declarative spec: token auth (key file, key id, team id) or certificate auth, and a
//! business ID per environment (`apns-fcm-tim.md` A.3, A.4, D.11), checked by `offline.rs`
//! rather than as plain credentials. The endpoint's default depends on `environment`
//! ([`super::default_endpoint`]); no test mode (the sandbox is another environment, not a mode).

use crate::config::schema::ENVIRONMENTS;
use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{checklist, DryRun, Init, Key, Resolve, Spec, ENDPOINT, TEST_DEVICES};

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = &[
    Key::new("business-id-development", Kind::Id, "the IM console certificate ID for the development environment").init(Init::Blank),
    Key::new("business-id-production", Kind::Id, "the IM console certificate ID for the production environment").init(Init::Blank),
    Key::new("bundle-id", Kind::Text, "the iOS bundle id (default: package)").init(Init::Blank),
    Key::new("environment", Kind::OneOf(ENVIRONMENTS), "the APNs environment the app is built for").init(Init::Blank),
    Key::new("key-file", Kind::Path, "token auth: the AuthKey_<KEYID>.p8 file").init(Init::Value("\"AuthKey_KEYID.p8\"")),
    Key::new("key-id", Kind::Text, "token auth: the key's 10-character id").init(Init::Blank),
    Key::new("team-id", Kind::Text, "token auth: the 10-character Apple team id").init(Init::Blank),
    Key::new("certificate", Kind::Path, "certificate auth: the .p12 (or .pem) file"),
    Key::new("certificate-password", Kind::Secret, "certificate auth: the .p12 password"),
    Key::new("expiry-warning-days", Kind::Integer, "warn this many days before the certificate expires (default 30)"),
    Key::new("ca-file", Kind::Path, "a CA certificate (PEM) to trust for the endpoint, e.g. the emulator's self-signed one"),
    TEST_DEVICES,
    ENDPOINT,
];

// The provider token is signed per run with the key file, which never leaves the machine; the
// certificate is the TLS identity.
const DRY_RUN: DryRun =
    DryRun::sign("the signing key is never shown, the provider token (authorization) is masked");

#[rustfmt::skip] // data: one fact a line
pub const SPEC: Spec = Spec::new(Vendor::Apns, KEYS, "key-file", DRY_RUN, checklist!("apns"))
    .also_masked(&["certificate", "certificate-password"])
    .push(Resolve::Own(|config, env, emulated, _| super::from_config::resolve(config, env, emulated, false)), crate::emulator::BUILTIN_APNS_SANDBOX_DEVICE)
    .init(6, |facts| facts.layouts.contains(&crate::project::Layout::Ios))
    .documentation("Apple, \"Handling notification responses from APNs\": https://developer.apple.com/documentation/usernotifications/setting_up_a_remote_notification_server/handling_notification_responses_from_apns");
