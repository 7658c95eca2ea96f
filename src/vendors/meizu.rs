//! Meizu: AppId, AppKey (client) and AppSecret (server: signs every request) (`vendors-cn.md`
//! §5.1).

use super::{shapes, Credential, Format, PushVendor, Side};
use crate::vendor::Vendor;

pub struct Meizu;

const HEX32: Format = Format {
    matches: shapes::hex32,
    expected: "32 hex characters",
    inferred: true,
    source: "vendors-cn.md §5.1",
};

const CREDENTIALS: &[Credential] = &[
    Credential {
        key: "app-id",
        side: Side::Both,
        format: Some(Format {
            matches: shapes::digits,
            expected: "a number",
            inferred: false,
            source: "vendors-cn.md §5.1",
        }),
    },
    Credential {
        key: "app-key",
        side: Side::Client,
        format: Some(HEX32),
    },
    Credential {
        key: "app-secret",
        side: Side::Server,
        format: Some(HEX32),
    },
];

impl PushVendor for Meizu {
    fn vendor(&self) -> Vendor {
        Vendor::Meizu
    }

    fn credentials(&self) -> &'static [Credential] {
        CREDENTIALS
    }

    fn server_client_pairs(&self) -> &'static [(&'static str, &'static str)] {
        &[("app-secret", "app-key")]
    }
}
