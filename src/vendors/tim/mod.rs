//! Tencent Cloud IM itself: SDKAppID, the secret key that signs UserSig, and an App admin
//! (`apns-fcm-tim.md` D.2, D.3). The REST client (`rest.rs`) signs every call with a fresh,
//! short-lived UserSig (`usersig.rs`) and sends `sendmsg`, `query_online_status` and
//! `account_check`; [`codes`] explains the answers.

pub mod codes;
pub mod from_config;
mod rest;
pub mod usersig;

use super::{Credential, Format, PushVendor, Side};
use crate::vendor::Vendor;

pub use rest::{
    default_endpoint, random_u32, AccountState, AndroidInfo, AppCredentials, Client, Message,
    PlatformState, UserState,
};

pub struct Tim;

/// SDKAppIDs seen in Tencent's docs and samples are ten digits starting 14, 16 or 20.
fn sdk_app_id(s: &str) -> bool {
    s.len() == 10
        && (s.starts_with("14") || s.starts_with("16") || s.starts_with("20"))
        && s.bytes().all(|b| b.is_ascii_digit())
}

const CREDENTIALS: &[Credential] = &[
    Credential {
        key: "sdk-app-id",
        side: Side::Both,
        format: Some(Format {
            matches: sdk_app_id,
            expected: "ten digits starting 14, 16 or 20",
            inferred: true,
            source: "apns-fcm-tim.md D.2",
        }),
    },
    Credential {
        key: "secret-key",
        side: Side::Server,
        format: None,
    },
    Credential {
        key: "admin",
        side: Side::Server,
        format: None,
    },
];

impl PushVendor for Tim {
    fn vendor(&self) -> Vendor {
        Vendor::Tim
    }

    fn credentials(&self) -> &'static [Credential] {
        CREDENTIALS
    }

    fn codes(&self) -> &'static [super::push::VendorCode] {
        codes::CODES
    }
}
