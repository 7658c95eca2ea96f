//! Meizu's declarative spec: AppId, AppKey (client) and AppSecret (server) (`vendors-cn.md`
//! §5.1); the API at [`super::DEFAULT_ENDPOINT`]; no test mode. `pushdiag init` leaves it out.

use crate::vendor::Vendor;
use crate::vendors::spec::{
    checklist, push_keys, shapes, Declare, DryRun, Format, Key, Resolve, Side, Spec, TestMode,
};

const RECEIVE: &str = "com.meizu.flyme.push.permission.RECEIVE";
const MESSAGE: &str = "{pkg}.push.permission.MESSAGE";
const HEX32: Format = Format::inferred(shapes::hex32, "32 hex characters", "vendors-cn.md §5.1");

#[rustfmt::skip] // a table: one key a line
const KEYS: &[Key] = push_keys![
    Key::id("app-id", "Meizu AppId", Side::Both, Format::stated(shapes::digits, "a number", "vendors-cn.md §5.1")),
    Key::text("app-key", "Meizu AppKey (client side)", Side::Client, Some(HEX32)),
    Key::secret("app-secret", "Meizu AppSecret (server side: signs API calls)", Side::Server, Some(HEX32)),
];

// The form's sign is md5 over the AppSecret; no token exchange either: each request carries
// its own sign.
const DRY_RUN: DryRun = DryRun::sign("the app secret is never shown, sign is masked");

#[rustfmt::skip] // data: one fact a line
pub const SPEC: Spec = Spec::new(Vendor::Meizu, KEYS, "app-secret", DRY_RUN, checklist!("meizu"))
    .pairs(&[("app-secret", "app-key")])
    .endpoints(&[("endpoint", super::DEFAULT_ENDPOINT)])
    .test_mode(TestMode::RealPush)
    .push(Resolve::App(&super::from_config::APP), crate::emulator::BUILTIN_MEIZU_DEVICE)
    .android_permissions(&[(Declare::Uses, RECEIVE), (Declare::Permission, MESSAGE), (Declare::Uses, MESSAGE)])
    .documentation("Meizu push HTTP API: https://github.com/MEIZUPUSH/PushAPI");
