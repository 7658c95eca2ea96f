//! Huawei's declarative spec: AppID and AppSecret (the OAuth client id and secret), the project
//! ID for v2 (`vendors-cn.md` §4.1, §4.2); the API at [`super::DEFAULT_ENDPOINT`] and the OAuth
//! server at [`super::DEFAULT_AUTH_ENDPOINT`]; a test mode (test messages) unless `--production`.

use crate::config::schema::{HUAWEI_APIS, HUAWEI_CATEGORIES};
use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, push_keys, shapes, Format, Key, Resolve, Side, Spec, TestMode, TimValue,
    AUTH_ENDPOINT,
};

/// A number, as samples show (§4.2; one guide says 18 digits for the project ID).
const NUMBER: Format = Format::inferred(shapes::digits, "a number", "vendors-cn.md §4.2");

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = push_keys![
    Key::id("app-id", "Huawei AppID (OAuth client id)", Side::Both, NUMBER),
    Key::secret("app-secret", "Huawei AppSecret (OAuth client secret)", Side::Server, None),
    // Optional, but a number when set: `check_offline` checks it, and its presence when
    // api-version = "v2".
    Key::new("project-id", Kind::Id, "AppGallery Connect project ID (v2 API)").format(NUMBER),
    Key::new("api-version", Kind::OneOf(HUAWEI_APIS), "the Push Kit API send-test uses: v1 (per app, the default) or v2 (per project)"),
    Key::new("category", Kind::OneOf(HUAWEI_CATEGORIES), "the self-classification category, e.g. IM (needs Huawei's approval)"),
    ; AUTH_ENDPOINT
];

// The token request's client_secret; the send's Bearer token is masked.
#[rustfmt::skip] // data: one fact a line
pub const SPEC: Spec = Spec::new(Vendor::Huawei, KEYS, "app-secret", crate::vendors::oauth::DRY_RUN, checklist!("huawei"))
    .endpoints(&[("endpoint", super::DEFAULT_ENDPOINT), ("auth-endpoint", super::DEFAULT_AUTH_ENDPOINT)])
    .test_mode(TestMode::TestDevices)
    .push(Resolve::App(&super::from_config::APP), crate::emulator::BUILTIN_HUAWEI_DEVICE)
    .init(2, |facts| facts.huawei_app_id.is_some())
    .tim_android_info(3, &[("HuaWeiCategory", TimValue::ConfigValue("category"))])
    .documentation("Huawei Push Kit server development guide: https://developer.huawei.com/consumer/cn/doc/HMSCore-Guides/android-server-dev-0000001050040110");
