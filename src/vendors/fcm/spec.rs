//! FCM's declarative spec: the service-account JSON (`apns-fcm-tim.md` B.1), checked by
//! `offline.rs` rather than as a plain credential; the API at [`super::DEFAULT_ENDPOINT`]; no
//! test mode (`check-config --online` uses `validate_only`, which pushes nothing).

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{Init, Key, Spec, BUSINESS_ID, ENDPOINT, TEST_DEVICES};

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
    test_mode: false,
    // The token request's assertion is signed with the file's private key.
    masked: &["service-account"],
};
