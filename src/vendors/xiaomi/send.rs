//! `POST {endpoint}/v3/message/regid` (`vendors-cn.md` §3.3): a form with the regId, the
//! package, the notification and `extra.*`, authorised by `Authorization: key=<AppSecret>`
//! (§3.2, `key` in lower case). The ext goes into `extra.ext`, where the Tencent plugins read it
//! (`tim-vendor-payloads.md` §5).

use serde_json::Value;

use super::{answer, Client};
use crate::findings::{Finding, Rule};
use crate::secret::MASK;
use crate::vendor::Vendor;
use crate::vendors::form;
use crate::vendors::push::{Exchange, PlannedRequest, TestPush};
use crate::vendors::refusal::Answer;
use crate::vendors::refusal::Doing;

/// 0: a notification, not pass-through (§3.3).
const PASS_THROUGH_NOTIFICATION: &str = "0";
/// -1: DEFAULT_ALL, sound, vibration and lights as the device is set (§3.3).
const NOTIFY_TYPE_DEFAULT_ALL: &str = "-1";
/// One day in milliseconds (Xiaomi's `time_to_live` is in ms; public messages are cached at most
/// one day, §3.3).
const TIME_TO_LIVE_MS: &str = "86400000";

/// The `extra.*` fields: show the notification while the app is in the foreground too, the
/// channel, and the ext.
///
/// `extra.notify_effect` is deliberately not set: that is Tencent's "open app" mode. With a
/// predefined effect (1 launcher, 2 activity, 3 web) MiPush opens the target itself and never
/// calls `onNotificationMessageClicked`, which is where the Flutter and TUIKit receivers read
/// `extra.ext` and start the app (`tim-vendor-payloads.md` §5). Setting it would make the tap
/// lose the ext, so a test of click-through would fail for a reason that is not delivery.
pub fn extra_fields<'a>(ext: &'a str, channel_id: Option<&'a str>) -> Vec<(&'static str, &'a str)> {
    let mut fields = vec![("extra.notify_foreground", "1")];
    if let Some(channel) = channel_id {
        fields.push(("extra.channel_id", channel));
    }
    fields.push(("extra.ext", ext));
    fields
}

impl Client {
    /// The form body of one push.
    fn body(&self, push: &TestPush) -> String {
        let mut fields = vec![
            ("registration_id", push.target.trim()),
            ("restricted_package_name", self.app.package.trim()),
            ("pass_through", PASS_THROUGH_NOTIFICATION),
            ("title", push.title.as_str()),
            ("description", push.body.as_str()),
            ("notify_type", NOTIFY_TYPE_DEFAULT_ALL),
            ("time_to_live", TIME_TO_LIVE_MS),
        ];
        fields.extend(extra_fields(&push.ext, self.app.channel_id.as_deref()));
        form(&fields)
    }

    /// The send request as `--dry-run` shows it: the AppSecret in the header masked.
    pub fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        PlannedRequest {
            method: "POST",
            url: self.send_url.to_string(),
            headers: vec![
                (
                    "Content-Type".to_owned(),
                    "application/x-www-form-urlencoded".to_owned(),
                ),
                ("Authorization".to_owned(), format!("key={MASK}")),
            ],
            body: self.body(push),
        }
    }

    /// Sends one push. Not retried once it may have reached Xiaomi (see the module docs).
    pub async fn push(&self, push: &TestPush) -> Exchange {
        let authorization = super::authorization(&self.app.app_secret);
        let sent = super::post_once_safe(
            &self.http,
            &self.send_url,
            &authorization,
            &self.body(push),
            self.retries,
        )
        .await;
        let target = push.target.trim();
        let mut exchange = Exchange::new(Vendor::Xiaomi, target, &sent);
        match answer(&sent.reply) {
            Answer::Ok(ok) => {
                // `result: ok` can still list the target among `data.bad_regids` (vendors-cn.md
                // §3.4, §7): Xiaomi took the request and will not deliver to that regId.
                if listed_as_bad(&ok.data, target) {
                    exchange.rejected(Some(0), Some(format!("bad_regids lists {target}")));
                    exchange.finding = Some(
                        Finding::new(
                            Rule::DeviceTokenMalformed,
                            format!("Xiaomi took the request but lists the regId {target} in data.bad_regids: it will not be delivered"),
                        )
                        .vendor(Vendor::Xiaomi)
                        .help("open the app on the phone so it registers again, then copy its new regId (it must be this app's, from the same package)"),
                    );
                    return exchange;
                }
                let id = ok.id("id");
                exchange.accepted(Some(0), ok.message, id);
            }
            Answer::Code { code, message } => {
                super::codes::refuse(&mut exchange, Doing::Push(target), code, message);
            }
            Answer::Unknown(why) => exchange.unreachable(&why),
        }
        exchange
    }
}

/// Whether an `ok` answer's `data.bad_regids` (comma-separated) names `target`.
fn listed_as_bad(data: &serde_json::Map<String, Value>, target: &str) -> bool {
    data.get("bad_regids")
        .and_then(Value::as_str)
        .is_some_and(|list| list.split(',').any(|r| r.trim() == target))
}

#[cfg(test)]
mod bad_regid_tests {
    use super::*;

    #[test]
    fn bad_regids_name_the_target_or_not() {
        let data = |list: &str| {
            serde_json::json!({ "id": "m1", "bad_regids": list })
                .as_object()
                .cloned()
                .unwrap_or_default()
        };
        assert!(listed_as_bad(&data("a, b"), "b"));
        assert!(!listed_as_bad(&data("a,bb"), "b"));
        assert!(!listed_as_bad(&serde_json::Map::new(), "b"));
    }
}
