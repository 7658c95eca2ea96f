//! Xiaomi: AppID and AppKey identify the app; AppSecret is the only server credential
//! (`vendors-cn.md` §3.1), sent as `Authorization: key=<AppSecret>`.

use super::{shapes, Credential, Format, PushVendor, Side};
use crate::vendor::Vendor;

pub struct Xiaomi;

fn app_id(s: &str) -> bool {
    s.len() == 19 && s.starts_with("2882303761") && shapes::digits(s)
}

fn app_key(s: &str) -> bool {
    s.len() == 13 && s.starts_with('5') && shapes::digits(s)
}

const CREDENTIALS: &[Credential] = &[
    Credential {
        key: "app-id",
        side: Side::Client,
        format: Some(Format {
            matches: app_id,
            expected: "19 digits starting 2882303761",
            inferred: true,
            source: "vendors-cn.md §3.1",
        }),
    },
    Credential {
        key: "app-key",
        side: Side::Client,
        format: Some(Format {
            matches: app_key,
            expected: "13 digits starting 5",
            inferred: true,
            source: "vendors-cn.md §3.1",
        }),
    },
    // The AppSecret's format is unverified in the reference: only its presence is checked.
    Credential {
        key: "app-secret",
        side: Side::Server,
        format: None,
    },
];

impl PushVendor for Xiaomi {
    fn vendor(&self) -> Vendor {
        Vendor::Xiaomi
    }

    fn credentials(&self) -> &'static [Credential] {
        CREDENTIALS
    }

    fn server_client_pairs(&self) -> &'static [(&'static str, &'static str)] {
        &[("app-secret", "app-key")]
    }
}
