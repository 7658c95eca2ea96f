//! vivo: AppID, AppKey and AppSecret (`vendors-cn.md` §1.1). The server signs
//! `md5(appId + appKey + timestamp + appSecret)`.

use super::{shapes, Credential, Format, PushVendor, Side};
use crate::vendor::Vendor;

pub struct Vivo;

const CREDENTIALS: &[Credential] = &[
    Credential {
        key: "app-id",
        side: Side::Both,
        format: Some(Format {
            matches: shapes::digits,
            expected: "an integer",
            inferred: false,
            source: "vendors-cn.md §1.1",
        }),
    },
    Credential {
        key: "app-key",
        side: Side::Both,
        format: Some(Format {
            matches: shapes::uuid_or_hex32,
            expected: "a UUID or 32 hex characters",
            inferred: true,
            source: "vendors-cn.md §1.1",
        }),
    },
    Credential {
        key: "app-secret",
        side: Side::Server,
        format: Some(Format {
            matches: shapes::uuid_or_hex32,
            expected: "a UUID or 32 hex characters",
            inferred: true,
            source: "vendors-cn.md §1.1",
        }),
    },
];

impl PushVendor for Vivo {
    fn vendor(&self) -> Vendor {
        Vendor::Vivo
    }

    fn credentials(&self) -> &'static [Credential] {
        CREDENTIALS
    }
}
