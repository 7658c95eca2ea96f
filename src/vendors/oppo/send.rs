//! `POST {endpoint}/server/v1/message/notification/unicast` (`vendors-cn.md` §2.3): a form with
//! `auth_token` and `message`, a JSON string. The ext goes into `action_parameters` as the Tencent
//! plugins read it (`tim-vendor-payloads.md` §4).

use serde::Serialize;
use serde_json::{Map, Value};

use super::{answer, Client};
use crate::secret::MASK;
use crate::vendor::Vendor;
use crate::vendors::form;
use crate::vendors::push::{Click, Exchange, PlannedRequest, TestPush, TokenPushClient};
use crate::vendors::refusal::Accepted;
use crate::vendors::refusal::Doing;

/// 2: the target is a registration_id (§2.3).
const TARGET_REGISTRATION_ID: u8 = 2;
/// 1: a standard notification, title and content at most 50 characters each (§2.3).
const STYLE_STANDARD: u8 = 1;
/// 0: open the app (§2.3). Not 4 (an activity by class name), which the Tencent guides use: the
/// class depends on the client stack, and a wrong one makes the tap do nothing, so a test of
/// delivery would fail for a reason that is not delivery. With 0 the ext still reaches the app
/// as the launch intent's extras (`tim-vendor-payloads.md` §4).
const CLICK_OPEN_APP: u8 = 0;
/// 4: open an activity by class name (`click_action_activity`), the Flutter plugin's.
const CLICK_ACTIVITY: u8 = 4;
/// The Flutter plugin's OPPO activity, as Tencent's Flutter guide names it.
const FLUTTER_OPPO_ACTIVITY: &str =
    "com.tencent.flutter.tim_ui_kit_push_plugin.pushActivity.OPPOMessageActivity";
/// One day, as for vivo; OPPO allows up to 10 days (§2.3).
const OFF_LINE_TTL_SECS: u32 = 86_400;

#[derive(Serialize)]
struct Message<'a> {
    target_type: u8,
    target_value: &'a str,
    notification: Notification<'a>,
    verify_registration_id: bool,
}

#[derive(Serialize)]
struct Notification<'a> {
    app_message_id: &'a str,
    style: u8,
    title: &'a str,
    content: &'a str,
    click_action_type: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    click_action_activity: Option<&'static str>,
    action_parameters: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel_id: Option<&'a str>,
    off_line: bool,
    off_line_ttl: u32,
}

/// `action_parameters`: a JSON string of a string → string map, `{"ext": "<Ext>"}` merged with
/// the Ext object's top-level members, non-strings JSON-encoded again (the same JSON, keys in
/// serde_json's order). TUIKit tries the `ext` extra and then `entity`; Flutter and uni-app read
/// `ext` (`tim-vendor-payloads.md` §4). `ext` wins over a member of the same name.
pub fn action_parameters(ext: &str) -> String {
    let mut map = Map::new();
    if let Ok(Value::Object(members)) = serde_json::from_str::<Value>(ext) {
        for (key, value) in members {
            let text = match value {
                Value::String(s) => s,
                other => other.to_string(),
            };
            map.insert(key, Value::String(text));
        }
    }
    map.insert("ext".to_owned(), Value::String(ext.to_owned()));
    Value::Object(map).to_string()
}

impl Client {
    /// The `message` JSON. `app_message_id` must be the same on every try of one push: OPPO
    /// delivers a unicast with the same id to a target once, so a retry is not a second push.
    fn message(&self, push: &TestPush, app_message_id: &str) -> String {
        let message = Message {
            target_type: TARGET_REGISTRATION_ID,
            target_value: push.target.trim(),
            notification: Notification {
                app_message_id,
                style: STYLE_STANDARD,
                title: &push.title,
                content: &push.body,
                click_action_type: match push.click {
                    Click::OpenApp => CLICK_OPEN_APP,
                    Click::FlutterPlugin { .. } => CLICK_ACTIVITY,
                },
                // The Flutter plugin's OPPOMessageActivity (tim-vendor-payloads.md §4).
                click_action_activity: match push.click {
                    Click::OpenApp => None,
                    Click::FlutterPlugin { .. } => Some(FLUTTER_OPPO_ACTIVITY),
                },
                action_parameters: action_parameters(&push.ext),
                channel_id: self.app.channel_id.as_deref(),
                off_line: true,
                off_line_ttl: OFF_LINE_TTL_SECS,
            },
            verify_registration_id: false,
        };
        // A struct of integers, booleans and strings always serialises.
        serde_json::to_string(&message).unwrap_or_default()
    }
}

impl TokenPushClient for Client {
    /// The send request as `--dry-run` shows it: the auth_token masked (it does not exist yet).
    fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        let id = uuid::Uuid::new_v4().to_string();
        PlannedRequest {
            method: "POST",
            url: self.api.send_url.to_string(),
            headers: vec![(
                "Content-Type".to_owned(),
                "application/x-www-form-urlencoded".to_owned(),
            )],
            body: form(&[("auth_token", MASK), ("message", &self.message(push, &id))]),
        }
    }

    /// Sends one push with a fresh app_message_id, reused on every retry.
    async fn push(&self, token: &str, push: &TestPush) -> Exchange {
        let id = uuid::Uuid::new_v4().to_string();
        // auth_token goes in the body, not a header (§2.3).
        let body = form(&[("auth_token", token), ("message", &self.message(push, &id))]);
        let sent =
            crate::net::post_form(&self.api.http, &self.api.send_url, &body, self.api.retries)
                .await;
        let target = push.target.trim();
        let mut exchange = Exchange::new(Vendor::Oppo, target, &sent);
        let message_id = |accepted: &Accepted| accepted.id("messageId");
        answer(&sent.reply).record(
            &mut exchange,
            Doing::Push(target),
            0,
            super::codes::refuse,
            message_id,
        );
        exchange
    }
}
