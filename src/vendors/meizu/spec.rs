//! Meizu's declarative spec: AppId, AppKey (client) and AppSecret (server) (`vendors-cn.md`
//! §5.1); the API at [`super::DEFAULT_ENDPOINT`]; no test mode. `pushdiag init` leaves it out.

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, shapes, Declare, DryRun, Format, Init, Key, Resolve, Side, Spec, TestMode,
    BUSINESS_ID, ENDPOINT, TEST_DEVICES,
};

const HEX32: Format = Format {
    matches: shapes::hex32,
    expected: "32 hex characters",
    inferred: true,
    source: "vendors-cn.md §5.1",
};

pub const SPEC: Spec = Spec {
    vendor: Vendor::Meizu,
    keys: &[
        BUSINESS_ID,
        Key::new("app-id", Kind::Id, "Meizu AppId")
            .credential(
                Side::Both,
                Some(Format {
                    matches: shapes::digits,
                    expected: "a number",
                    inferred: false,
                    source: "vendors-cn.md §5.1",
                }),
            )
            .init(Init::Blank),
        Key::new("app-key", Kind::Text, "Meizu AppKey (client side)")
            .credential(Side::Client, Some(HEX32))
            .init(Init::Blank),
        Key::new(
            "app-secret",
            Kind::Secret,
            "Meizu AppSecret (server side: signs API calls)",
        )
        .credential(Side::Server, Some(HEX32))
        .init(Init::Env),
        TEST_DEVICES,
        ENDPOINT,
    ],
    server_client_pairs: &[("app-secret", "app-key")],
    endpoints: &[("endpoint", super::DEFAULT_ENDPOINT)],
    secret: "app-secret",
    test_mode: TestMode::RealPush,
    // The form's sign is md5 over the AppSecret.
    masked: &["app-secret"],
    dry_run: DryRun {
        // No token exchange either: each request carries its own sign.
        note: "the app secret is never shown, sign is masked",
        signed: "sign",
    },
    resolve: Some(Resolve::App(&super::from_config::APP)),
    builtin_device: Some(crate::emulator::BUILTIN_MEIZU_DEVICE),
    flutter_click: false,
    android_permissions: &[
        (Declare::Uses, "com.meizu.flyme.push.permission.RECEIVE"),
        (Declare::Permission, "{pkg}.push.permission.MESSAGE"),
        (Declare::Uses, "{pkg}.push.permission.MESSAGE"),
    ],
    checklist: checklist!("meizu"),
    init: None,
};
