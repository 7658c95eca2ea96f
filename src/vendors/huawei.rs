//! Huawei Push Kit: AppID (OAuth client_id) and AppSecret (client_secret) (`vendors-cn.md`
//! §4.2); the project ID for the v2/v3 APIs.

use super::{shapes, Credential, Format, PushVendor, Side};
use crate::vendor::Vendor;

pub struct Huawei;

const CREDENTIALS: &[Credential] = &[
    Credential {
        key: "app-id",
        side: Side::Both,
        format: Some(Format {
            matches: shapes::digits,
            expected: "a number",
            inferred: true,
            source: "vendors-cn.md §4.2",
        }),
    },
    Credential {
        key: "app-secret",
        side: Side::Server,
        format: None,
    },
];

impl PushVendor for Huawei {
    fn vendor(&self) -> Vendor {
        Vendor::Huawei
    }

    fn credentials(&self) -> &'static [Credential] {
        CREDENTIALS
    }
}
