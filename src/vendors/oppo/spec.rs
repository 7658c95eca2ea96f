//! OPPO's declarative spec: AppId, AppKey, AppSecret (client) and MasterSecret (server)
//! (`vendors-cn.md` §2.1); the API at [`super::DEFAULT_ENDPOINT`]; no test mode.

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, shapes, Declare, DryRun, Format, Init, InitSection, Key, Resolve, Side, Spec,
    TestMode, BUSINESS_ID, ENDPOINT, TEST_DEVICES,
};

const HEX32: Format = Format {
    matches: shapes::hex32,
    expected: "32 hex characters",
    inferred: true,
    source: "vendors-cn.md §2.1",
};

pub const SPEC: Spec = Spec {
    vendor: Vendor::Oppo,
    keys: &[
        BUSINESS_ID,
        Key::new("app-id", Kind::Id, "OPPO AppId")
            .credential(
                Side::Client,
                Some(Format {
                    matches: shapes::digits,
                    expected: "a number",
                    inferred: true,
                    source: "vendors-cn.md §2.1",
                }),
            )
            .init(Init::Blank),
        Key::new("app-key", Kind::Text, "OPPO AppKey (client and server)")
            .credential(Side::Both, Some(HEX32))
            .init(Init::Blank),
        Key::new("app-secret", Kind::Secret, "OPPO AppSecret (client side)")
            .credential(Side::Client, Some(HEX32))
            .init(Init::Env),
        Key::new(
            "master-secret",
            Kind::Secret,
            "OPPO MasterSecret (server side: signs API calls)",
        )
        .credential(Side::Server, Some(HEX32))
        .init(Init::Env),
        Key::new(
            "channel-id",
            Kind::Text,
            "the notification channel ID created in the OPPO console",
        )
        .init(Init::Blank),
        TEST_DEVICES,
        ENDPOINT,
    ],
    server_client_pairs: &[("master-secret", "app-secret")],
    endpoints: &[("endpoint", super::DEFAULT_ENDPOINT)],
    secret: "master-secret",
    test_mode: TestMode::RealPush,
    // The auth request's sign is sha256 over the MasterSecret; the send's auth_token is masked.
    masked: &["master-secret"],
    dry_run: DryRun {
        note: "the master secret is never shown, sign and auth_token are masked",
        signed: "sign",
    },
    resolve: Some(Resolve::App(&super::from_config::APP)),
    builtin_device: Some(crate::emulator::BUILTIN_OPPO_DEVICE),
    flutter_click: true,
    android_permissions: &[
        (
            Declare::Uses,
            "com.coloros.mcs.permission.RECIEVE_MCS_MESSAGE",
        ),
        (
            Declare::Uses,
            "com.heytap.mcs.permission.RECIEVE_MCS_MESSAGE",
        ),
    ],
    checklist: checklist!("oppo"),
    init: Some(InitSection {
        place: 4,
        active: |_| false,
    }),
};
