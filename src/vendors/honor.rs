//! Honor Push: App ID, Client ID and Client Secret (`vendors-cn.md` §6.1).

use super::{shapes, Credential, Format, PushVendor, Side};
use crate::vendor::Vendor;

pub struct Honor;

const CREDENTIALS: &[Credential] = &[
    Credential {
        key: "app-id",
        side: Side::Both,
        format: Some(Format {
            matches: shapes::digits,
            expected: "a number",
            inferred: true,
            source: "vendors-cn.md §6.1",
        }),
    },
    Credential {
        key: "client-id",
        side: Side::Server,
        format: None,
    },
    Credential {
        key: "client-secret",
        side: Side::Server,
        format: None,
    },
];

impl PushVendor for Honor {
    fn vendor(&self) -> Vendor {
        Vendor::Honor
    }

    fn credentials(&self) -> &'static [Credential] {
        CREDENTIALS
    }
}
