//! FCM's declarative spec: the service-account JSON (`apns-fcm-tim.md` B.1), checked by
//! `offline.rs` rather than as a plain credential; the API at [`super::DEFAULT_ENDPOINT`]; no
//! test mode (`check-config --online` uses `validate_only`, which pushes nothing).

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, DryRun, Init, InitSection, Key, Resolve, Spec, TestMode, BUSINESS_ID, ENDPOINT,
    TEST_DEVICES,
};

pub const SPEC: Spec = Spec {
    vendor: Vendor::Fcm,
    keys: &[
        BUSINESS_ID,
        Key::new(
            "service-account",
            Kind::Path,
            "the Firebase service-account JSON file",
        )
        .init(Init::Value("\"firebase-service-account.json\"")),
        TEST_DEVICES,
        ENDPOINT,
    ],
    server_client_pairs: &[],
    endpoints: &[("endpoint", super::DEFAULT_ENDPOINT)],
    secret: "service-account",
    test_mode: TestMode::NotApplicable,
    // The token request's assertion is signed with the file's private key.
    masked: &["service-account"],
    dry_run: DryRun {
        // The JWT-bearer assertion is signed with the private key; the token is Bearer.
        note: "the service account's private key is never shown, the assertion and the Bearer token are masked",
        signed: "sign",
    },
    resolve: Some(Resolve::Own(|config, _, emulated, _| super::from_config::resolve(config, emulated))),
    builtin_device: Some(crate::emulator::BUILTIN_FCM_DEVICE),
    flutter_click: false,
    android_permissions: &[],
    checklist: checklist!("fcm"),
    init: Some(InitSection {
        place: 3,
        active: |facts| facts.google_services_project_id.is_some(),
    }),
};
