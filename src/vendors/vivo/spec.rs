//! vivo's declarative spec: AppID, AppKey and AppSecret (`vendors-cn.md` §1.1); the API at
//! [`super::DEFAULT_ENDPOINT`]; a test mode (`pushMode=1`) unless `--production`.

use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, push_keys, shapes, DryRun, Format, Key, Resolve, Side, Spec, TestMode, TimValue,
};

const UUID_OR_HEX32: Format = Format::inferred(
    shapes::uuid_or_hex32,
    "a UUID or 32 hex characters",
    "vendors-cn.md §1.1",
);

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = push_keys![
    Key::id("app-id", "vivo AppID", Side::Both, Format::stated(shapes::digits, "an integer", "vendors-cn.md §1.1")),
    Key::text("app-key", "vivo AppKey", Side::Both, Some(UUID_OR_HEX32)),
    Key::secret("app-secret", "vivo AppSecret", Side::Server, Some(UUID_OR_HEX32)),
];

// The auth request's sign is md5 over the AppSecret; the send's authToken is masked.
const DRY_RUN: DryRun =
    DryRun::sign("the app secret is never shown, sign and authToken are masked");

#[rustfmt::skip] // data: one fact a line
pub const SPEC: Spec = Spec::new(Vendor::Vivo, KEYS, "app-secret", DRY_RUN, checklist!("vivo"))
    .endpoints(&[("endpoint", super::DEFAULT_ENDPOINT)])
    .test_mode(TestMode::TestDevices)
    .push(Resolve::App(&super::from_config::APP), crate::emulator::BUILTIN_VIVO_TEST_DEVICE)
    .flutter_click()
    .init(1, |facts| facts.vivo_app_id.is_some() || facts.vivo_app_key.is_some())
    // vivo's category for a chat message (vendors-cn.md §1.3), as send-test --vendor vivo.
    .tim_android_info(4, &[("VIVOCategory", TimValue::Constant("IM"))])
    .documentation("vivo PUSH-UPS-API接口文档: https://dev.vivo.com.cn/documentCenter/doc/362");
