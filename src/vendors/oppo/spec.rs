//! OPPO's declarative spec: AppId, AppKey, AppSecret (client) and MasterSecret (server)
//! (`vendors-cn.md` §2.1); the API at [`super::DEFAULT_ENDPOINT`]; no test mode.

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, push_keys, shapes, Declare, DryRun, Format, Init, Key, Resolve, Side, Spec,
    TestMode, TimValue,
};

// (sic: "RECIEVE" is how OPPO spells it.)
const COLOROS: &str = "com.coloros.mcs.permission.RECIEVE_MCS_MESSAGE";
const HEYTAP: &str = "com.heytap.mcs.permission.RECIEVE_MCS_MESSAGE";
const HEX32: Format = Format::inferred(shapes::hex32, "32 hex characters", "vendors-cn.md §2.1");

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = push_keys![
    Key::id("app-id", "OPPO AppId", Side::Client, Format::inferred(shapes::digits, "a number", "vendors-cn.md §2.1")),
    Key::text("app-key", "OPPO AppKey (client and server)", Side::Both, Some(HEX32)),
    Key::secret("app-secret", "OPPO AppSecret (client side)", Side::Client, Some(HEX32)),
    Key::secret("master-secret", "OPPO MasterSecret (server side: signs API calls)", Side::Server, Some(HEX32)),
    Key::new("channel-id", Kind::Text, "the notification channel ID created in the OPPO console").init(Init::Blank),
];

// The auth request's sign is sha256 over the MasterSecret; the send's auth_token is masked.
const DRY_RUN: DryRun =
    DryRun::sign("the master secret is never shown, sign and auth_token are masked");

#[rustfmt::skip] // data: one fact a line
pub const SPEC: Spec = Spec::new(Vendor::Oppo, KEYS, "master-secret", DRY_RUN, checklist!("oppo"))
    .pairs(&[("master-secret", "app-secret")])
    .endpoints(&[("endpoint", super::DEFAULT_ENDPOINT)])
    .test_mode(TestMode::RealPush)
    .push(Resolve::App(&super::from_config::APP), crate::emulator::BUILTIN_OPPO_DEVICE)
    .flutter_click()
    .android_permissions(&[(Declare::Uses, COLOROS), (Declare::Uses, HEYTAP)])
    .init(4, |_| false)
    .tim_android_info(1, &[("OPPOChannelID", TimValue::ConfigValue("channel-id"))])
    .documentation("OPPO PUSH server API documentation, page \"调用地址，公共参数和返回码\" (open.oppomobile.com)");
