//! Xiaomi's declarative spec: AppID and AppKey (client), AppSecret (server) (`vendors-cn.md`
//! §3.1); the API at [`super::DEFAULT_ENDPOINT`]; no test mode.

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    shapes, Format, Init, Key, Side, Spec, BUSINESS_ID, ENDPOINT, TEST_DEVICES,
};

fn app_id(s: &str) -> bool {
    s.len() == 19 && s.starts_with("2882303761") && shapes::digits(s)
}

fn app_key(s: &str) -> bool {
    s.len() == 13 && s.starts_with('5') && shapes::digits(s)
}

pub const SPEC: Spec = Spec {
    vendor: Vendor::Xiaomi,
    keys: &[
        BUSINESS_ID,
        Key::new("app-id", Kind::Id, "Xiaomi AppID (client side)")
            .credential(
                Side::Client,
                Some(Format {
                    matches: app_id,
                    expected: "19 digits starting 2882303761",
                    inferred: true,
                    source: "vendors-cn.md §3.1",
                }),
            )
            .init(Init::Blank),
        Key::new("app-key", Kind::Id, "Xiaomi AppKey (client side)")
            .credential(
                Side::Client,
                Some(Format {
                    matches: app_key,
                    expected: "13 digits starting 5",
                    inferred: true,
                    source: "vendors-cn.md §3.1",
                }),
            )
            .init(Init::Blank),
        // The AppSecret's format is unverified in the reference: only its presence is checked.
        Key::new("app-secret", Kind::Secret, "Xiaomi AppSecret (server side)")
            .credential(Side::Server, None)
            .init(Init::Env),
        Key::new(
            "channel-id",
            Kind::Text,
            "the notification channel ID applied for in the Xiaomi console",
        ),
        TEST_DEVICES,
        ENDPOINT,
    ],
    server_client_pairs: &[("app-secret", "app-key")],
    endpoints: &[("endpoint", super::DEFAULT_ENDPOINT)],
    test_mode: false,
    // Sent as `Authorization: key=<AppSecret>`.
    masked: &["app-secret"],
};
