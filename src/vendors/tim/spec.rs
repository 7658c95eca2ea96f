//! Tencent IM's declarative spec: SDKAppID, the secret key that signs UserSig, and an App admin
//! (`apns-fcm-tim.md` D.2, D.3). The endpoint's default depends on `region`
//! ([`super::default_endpoint`]); no test mode.

use crate::config::schema::REGIONS;
use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{checklist, DryRun, Format, Init, Key, Side, Spec, ENDPOINT};

/// SDKAppIDs seen in Tencent's docs and samples are ten digits starting 14, 16 or 20.
fn sdk_app_id(s: &str) -> bool {
    s.len() == 10
        && (s.starts_with("14") || s.starts_with("16") || s.starts_with("20"))
        && s.bytes().all(|b| b.is_ascii_digit())
}

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = &[
    Key::new("sdk-app-id", Kind::Integer, "the IM app's SDKAppID")
        .credential(Side::Both, Some(Format::inferred(sdk_app_id, "ten digits starting 14, 16 or 20", "apns-fcm-tim.md D.2")))
        .init(Init::Sample("1400000000")),
    Key::secret("secret-key", "the IM app's secret key (signs UserSig)", Side::Server, None),
    Key::new("admin", Kind::Text, "an App admin account").credential(Side::Server, None).init(Init::Value("\"administrator\"")),
    Key::new("region", Kind::OneOf(REGIONS), "the IM data centre").init(Init::Value("\"cn\"")),
    ENDPOINT,
];

// Every request's UserSig is signed with the secret key.
const DRY_RUN: DryRun = DryRun {
    note: "the secret key is never shown, the usersig is masked",
    signed: "usersig",
};

/// Not a push vendor: no resolver, no emulated device (it pushes to users).
pub const SPEC: Spec = Spec::new(Vendor::Tim, KEYS, "secret-key", DRY_RUN, checklist!("tim"))
    .init(0, |_| true)
    .documentation(
        "Tencent Cloud IM REST API documentation: https://cloud.tencent.com/document/api/269/1519",
    );
