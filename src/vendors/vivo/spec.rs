//! vivo's declarative spec: AppID, AppKey and AppSecret (`vendors-cn.md` §1.1); the API at
//! [`super::DEFAULT_ENDPOINT`]; a test mode (`pushMode=1`) unless `--production`.

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, shapes, DryRun, Format, Init, InitSection, Key, Resolve, Side, Spec, TestMode,
    BUSINESS_ID, ENDPOINT, TEST_DEVICES,
};

const UUID_OR_HEX32: Format = Format {
    matches: shapes::uuid_or_hex32,
    expected: "a UUID or 32 hex characters",
    inferred: true,
    source: "vendors-cn.md §1.1",
};

pub const SPEC: Spec = Spec {
    vendor: Vendor::Vivo,
    keys: &[
        BUSINESS_ID,
        Key::new("app-id", Kind::Id, "vivo AppID")
            .credential(
                Side::Both,
                Some(Format {
                    matches: shapes::digits,
                    expected: "an integer",
                    inferred: false,
                    source: "vendors-cn.md §1.1",
                }),
            )
            .init(Init::Blank),
        Key::new("app-key", Kind::Text, "vivo AppKey")
            .credential(Side::Both, Some(UUID_OR_HEX32))
            .init(Init::Blank),
        Key::new("app-secret", Kind::Secret, "vivo AppSecret")
            .credential(Side::Server, Some(UUID_OR_HEX32))
            .init(Init::Env),
        TEST_DEVICES,
        ENDPOINT,
    ],
    server_client_pairs: &[],
    endpoints: &[("endpoint", super::DEFAULT_ENDPOINT)],
    secret: "app-secret",
    test_mode: TestMode::TestDevices,
    // The auth request's sign is md5 over the AppSecret; the send's authToken is masked.
    masked: &["app-secret"],
    dry_run: DryRun {
        note: "the app secret is never shown, sign and authToken are masked",
        signed: "sign",
    },
    resolve: Some(Resolve::App(&super::from_config::APP)),
    builtin_device: Some(crate::emulator::BUILTIN_VIVO_TEST_DEVICE),
    flutter_click: true,
    android_permissions: &[],
    checklist: checklist!("vivo"),
    init: Some(InitSection {
        place: 1,
        active: |facts| facts.vivo_app_id.is_some() || facts.vivo_app_key.is_some(),
    }),
};
