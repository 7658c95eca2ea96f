//! OPPO: AppId, AppKey, AppSecret (client) and MasterSecret (server) (`vendors-cn.md` §2.1).
//! The server signs `sha256(appKey + timestamp + masterSecret)`; the AppSecret there fails.

use super::{shapes, Credential, Format, PushVendor, Side};
use crate::vendor::Vendor;

pub struct Oppo;

const HEX32: Format = Format {
    matches: shapes::hex32,
    expected: "32 hex characters",
    inferred: true,
    source: "vendors-cn.md §2.1",
};

const CREDENTIALS: &[Credential] = &[
    Credential {
        key: "app-id",
        side: Side::Client,
        format: Some(Format {
            matches: shapes::digits,
            expected: "a number",
            inferred: true,
            source: "vendors-cn.md §2.1",
        }),
    },
    Credential {
        key: "app-key",
        side: Side::Both,
        format: Some(HEX32),
    },
    Credential {
        key: "app-secret",
        side: Side::Client,
        format: Some(HEX32),
    },
    Credential {
        key: "master-secret",
        side: Side::Server,
        format: Some(HEX32),
    },
];

impl PushVendor for Oppo {
    fn vendor(&self) -> Vendor {
        Vendor::Oppo
    }

    fn credentials(&self) -> &'static [Credential] {
        CREDENTIALS
    }

    fn server_client_pairs(&self) -> &'static [(&'static str, &'static str)] {
        &[("master-secret", "app-secret")]
    }
}
