//! `POST {endpoint}/message/send` (`vendors-cn.md` §1.3): one unicast notification, with the ext
//! where the Tencent plugins read it (`clientCustomMap.ext`, `tim-vendor-payloads.md` §3).

use serde::Serialize;

use super::{answer, Answer, Client};
use crate::findings::{Finding, Rule};
use crate::secret::MASK;
use crate::vendor::Vendor;
use crate::vendors::push::{Click, Exchange, PlannedRequest, TestPush, TokenPushClient};
use crate::vendors::refusal;

/// 4: sound and vibration (§1.3), so a test push is noticed.
const NOTIFY_SOUND_AND_VIBRATE: u8 = 4;
/// The longest vivo's current doc allows: one day (§1.3).
const TIME_TO_LIVE_SECS: u32 = 86_400;
/// 1: open the app (§1.3). Not 4 ("open an in-app page"), which Tencent's Flutter guide uses
/// with `tencent_im_push://<package>/message?#Intent;…;end`: that URI depends on the package and
/// on the activity the app registers, and a wrong one makes the tap do nothing, so a test of
/// delivery would fail for a reason that is not delivery. With 1 the ext still reaches the app,
/// under `getParams().get("ext")` and the launch intent's extras (`tim-vendor-payloads.md` §3).
const SKIP_OPEN_APP: u8 = 1;
/// 4: open an in-app page by intent URI (`skipContent`), the Flutter plugin's activity.
const SKIP_IN_APP_PAGE: u8 = 4;
/// 1: a system message, whose category must be a system one such as IM (else 10097, §1.3).
const CLASSIFICATION_SYSTEM: u8 = 1;
const CATEGORY_IM: &str = "IM";
/// `pushMode`: 1 test (reaches only the console's test devices), 0 formal (§1.3).
const PUSH_MODE_TEST: u8 = 1;
const PUSH_MODE_FORMAL: u8 = 0;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SendBody<'a> {
    app_id: u64,
    reg_id: &'a str,
    notify_type: u8,
    title: &'a str,
    content: &'a str,
    time_to_live: u32,
    skip_type: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    skip_content: Option<String>,
    classification: u8,
    category: &'static str,
    client_custom_map: CustomMap<'a>,
    request_id: &'a str,
    push_mode: u8,
}

/// `clientCustomMap` is string → string (§1.3): the ext goes in as a JSON string.
#[derive(Serialize)]
struct CustomMap<'a> {
    ext: &'a str,
}

impl Client {
    /// The send body. `request_id` is the same on every try of one push; the reference gives it
    /// as a unique request id (vendors-cn.md §1.3) but documents no de-duplication by it, so
    /// pushdiag does not count on one (see [`Client::push`]).
    fn send_body(&self, push: &TestPush, request_id: &str) -> String {
        let body = SendBody {
            app_id: self.app.app_id,
            reg_id: push.target.trim(),
            notify_type: NOTIFY_SOUND_AND_VIBRATE,
            title: &push.title,
            content: &push.body,
            time_to_live: TIME_TO_LIVE_SECS,
            skip_type: match push.click {
                Click::OpenApp => SKIP_OPEN_APP,
                Click::FlutterPlugin { .. } => SKIP_IN_APP_PAGE,
            },
            // The Flutter plugin's VIVOMessageActivity (tim-vendor-payloads.md §3).
            skip_content: match &push.click {
                Click::OpenApp => None,
                Click::FlutterPlugin { package } => {
                    Some(Click::flutter_intent(package, "message", ""))
                }
            },
            classification: CLASSIFICATION_SYSTEM,
            category: CATEGORY_IM,
            client_custom_map: CustomMap { ext: &push.ext },
            request_id,
            push_mode: if push.production {
                PUSH_MODE_FORMAL
            } else {
                PUSH_MODE_TEST
            },
        };
        // A struct of integers and strings always serialises.
        serde_json::to_string(&body).unwrap_or_default()
    }
}

impl TokenPushClient for Client {
    /// The send request as `--dry-run` shows it: the authToken masked (it does not exist yet).
    fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        let request_id = uuid::Uuid::new_v4().to_string();
        PlannedRequest {
            method: "POST",
            url: self.api.send_url.to_string(),
            headers: vec![
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("authToken".to_owned(), MASK.to_owned()),
            ],
            body: self.send_body(push, &request_id),
        }
    }

    /// Sends one push with a fresh requestId, the same on every try. vivo documents no
    /// de-duplication (only that identical formal texts count as repeated operation messages,
    /// §1.3), so a try that may have reached vivo (a timeout, a reset, a gateway's 502) is not
    /// repeated: that could push twice.
    async fn push(&self, token: &str, push: &TestPush) -> Exchange {
        let request_id = uuid::Uuid::new_v4().to_string();
        let body = self.send_body(push, &request_id);
        // A literal `authToken` header, no "Bearer" (§1.3).
        let headers = [("authToken", token)];
        let sent = crate::net::post(
            &self.api.http,
            &self.api.send_url,
            "application/json",
            &headers,
            &body,
            self.api.retries,
            crate::net::Repeat::IfNotReceived,
        )
        .await;
        let mut exchange = Exchange::new(Vendor::Vivo, push.target.trim(), &sent);
        let target = push.target.trim();
        match answer(&sent.reply) {
            Answer::Ok(map) => {
                let desc = map.get("desc").and_then(|d| d.as_str()).map(str::to_owned);
                let task = map.get("taskId").and_then(|t| match t {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                });
                exchange.accepted(Some(0), desc, task);
            }
            Answer::Code { code, desc, body } => {
                exchange.rejected(Some(code), desc.clone());
                let status = body
                    .get("invalidUser")
                    .and_then(|u| u.get("status"))
                    .and_then(serde_json::Value::as_i64);
                exchange.finding = Some(refused(target, code, desc.as_deref(), status));
            }
            Answer::Http { status, desc } => {
                let help = "vivo documents no code for this; the text says which field it refused (title at most 40 characters, content at most 100, ext at most 1024)";
                let refused = format!("vivo refused the push to {target}");
                super::refused_by_http(&mut exchange, &refused, (status, desc), ": ", help);
            }
            Answer::Unknown(why) => exchange.unreachable(&why),
        }
        exchange
    }
}

/// The finding for a push refused with a vivo result code.
fn refused(target: &str, code: i64, desc: Option<&str>, status: Option<i64>) -> Finding {
    let entry = super::codes::lookup(code);
    if entry.and_then(|e| e.rule) == Some(Rule::DeviceTokenMalformed) {
        let (meaning, fix) = match status {
            Some(status) => {
                let (meaning, fix) = super::codes::invalid_user_status(status);
                (format!("invalidUser.status {status}: {meaning}"), fix)
            }
            None => (
                "the regId or alias is not valid for this app (no invalidUser.status given)"
                    .to_owned(),
                "copy the regId again from the app built with this AppID",
            ),
        };
        return Finding::new(
            Rule::DeviceTokenMalformed,
            format!(
                "vivo does not accept the regId {target}: {}, {meaning}",
                refusal::raw(super::codes::WORDING.code, code, desc)
            ),
        )
        .vendor(Vendor::Vivo)
        .help(fix);
    }
    let entry = entry.map(refusal::Entry::from);
    let doing = refusal::Doing::Push(target);
    refusal::finding(&super::codes::WORDING, doing, code, desc, entry).0
}
