//! Xiaomi's declarative spec: AppID and AppKey (client), AppSecret (server) (`vendors-cn.md`
//! §3.1); the API at [`super::DEFAULT_ENDPOINT`]; no test mode.

use crate::config::Kind;
use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, push_keys, shapes, Declare, DryRun, Format, Key, Resolve, Side, Spec, TestMode,
    TimValue,
};

fn app_id(s: &str) -> bool {
    s.len() == 19 && s.starts_with("2882303761") && shapes::digits(s)
}

fn app_key(s: &str) -> bool {
    s.len() == 13 && s.starts_with('5') && shapes::digits(s)
}

const RECEIVE: &str = "{pkg}.permission.MIPUSH_RECEIVE";
const SOURCE: &str = "vendors-cn.md §3.1";

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = push_keys![
    Key::id("app-id", "Xiaomi AppID (client side)", Side::Client, Format::inferred(app_id, "19 digits starting 2882303761", SOURCE)),
    Key::id("app-key", "Xiaomi AppKey (client side)", Side::Client, Format::inferred(app_key, "13 digits starting 5", SOURCE)),
    // The AppSecret's format is unverified in the reference: only its presence is checked.
    Key::secret("app-secret", "Xiaomi AppSecret (server side)", Side::Server, None),
    Key::new("channel-id", Kind::Text, "the notification channel ID applied for in the Xiaomi console"),
];

/// No token exchange: the AppSecret itself is the `Authorization: key=<AppSecret>` header.
const DRY_RUN: DryRun = DryRun {
    note: "the app secret is never shown, the Authorization header is masked",
    signed: "Authorization header",
};

#[rustfmt::skip] // data: one fact a line
pub const SPEC: Spec = Spec::new(Vendor::Xiaomi, KEYS, "app-secret", DRY_RUN, checklist!("xiaomi"))
    .pairs(&[("app-secret", "app-key")])
    .endpoints(&[("endpoint", super::DEFAULT_ENDPOINT)])
    .test_mode(TestMode::RealPush)
    .push(Resolve::App(&super::from_config::APP), crate::emulator::BUILTIN_XIAOMI_DEVICE)
    .android_permissions(&[(Declare::Permission, RECEIVE), (Declare::Uses, RECEIVE)])
    .init(5, |_| false)
    .tim_android_info(2, &[("XiaoMiChannelID", TimValue::ConfigValue("channel-id"))])
    .documentation("Xiaomi, 服务端错误码参考: https://dev.mi.com/xiaomihyperos/documentation/detail?pId=1560");
