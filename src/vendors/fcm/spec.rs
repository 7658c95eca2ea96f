//! FCM's declarative spec: the service-account JSON (`apns-fcm-tim.md` B.1), checked by
//! `offline.rs` rather than as a plain credential; the API at [`super::DEFAULT_ENDPOINT`]; no
//! test mode (`check-config --online` uses `validate_only`, which pushes nothing).

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{checklist, push_keys, DryRun, Init, Key, Resolve, Spec};

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = push_keys![
    Key::new("service-account", Kind::Path, "the Firebase service-account JSON file").init(Init::Value("\"firebase-service-account.json\"")),
];

// The JWT-bearer assertion is signed with the file's private key; the token is Bearer.
const DRY_RUN: DryRun = DryRun::sign("the service account's private key is never shown, the assertion and the Bearer token are masked");

#[rustfmt::skip] // data: one fact a line
pub const SPEC: Spec = Spec::new(Vendor::Fcm, KEYS, "service-account", DRY_RUN, checklist!("fcm"))
    .endpoints(&[("endpoint", super::DEFAULT_ENDPOINT)])
    .push(Resolve::Own(|config, _, emulated, _| super::from_config::resolve(config, emulated)), crate::emulator::BUILTIN_FCM_DEVICE)
    .init(3, |facts| facts.google_services_project_id.is_some())
    .documentation("Firebase, \"ErrorCode\": https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode");
