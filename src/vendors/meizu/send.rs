//! `POST {endpoint}/garcia/api/server/push/varnished/pushByPushId` (`vendors-cn.md` §5.3): a
//! form with `appId`, `pushIds`, `messageJson` and `sign` (§5.2). The ext goes into
//! `clickTypeInfo.parameters.ext`, where the Tencent plugins read it
//! (`tim-vendor-payloads.md` §8).

use serde_json::json;

use super::{answer, sign, Client};
use crate::vendor::Vendor;
use crate::vendors::form;
use crate::vendors::push::{Exchange, PlannedRequest, TestPush};
use crate::vendors::refusal::Accepted;
use crate::vendors::refusal::Doing;

const CONTENT_TYPE: &str = "application/x-www-form-urlencoded;charset=UTF-8";

/// The `messageJson` of one push (§5.3): a private (私信, IM) standard notification that opens
/// the app (`clickType` 0) with the ext in `parameters`, kept offline for 24 hours. Compact
/// JSON with its keys sorted, so the same push always gives the same string (and sign).
pub fn message_json(title: &str, content: &str, ext: &str) -> String {
    json!({
        "noticeBarInfo": {
            // 1: private message (私信), the class IM belongs to; public ones are capped daily.
            "noticeMsgType": 1,
            "noticeBarType": 0,
            "title": title,
            "content": content,
        },
        "clickTypeInfo": {
            "clickType": 0,
            "parameters": { "ext": ext },
        },
        "pushTimeInfo": { "offLine": 1, "validTime": 24 },
    })
    .to_string()
}

impl Client {
    /// The parameters of one push, `sign` last: the real one, or the mask for `--dry-run`.
    fn body(&self, push: &TestPush, masked: bool) -> String {
        let message = message_json(&push.title, &push.body, &push.ext);
        let params = [
            ("appId", self.app.app_id.trim()),
            ("pushIds", push.target.trim()),
            ("messageJson", message.as_str()),
        ];
        let signature =
            crate::vendors::signed_or_masked(masked, || sign(&params, &self.app.app_secret));
        let mut fields = params.to_vec();
        fields.push(("sign", signature.as_str()));
        form(&fields)
    }

    /// The send request as `--dry-run` shows it: the sign masked.
    pub fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        PlannedRequest {
            method: "POST",
            url: self.send_url.to_string(),
            headers: vec![("Content-Type".to_owned(), CONTENT_TYPE.to_owned())],
            body: self.body(push, true),
        }
    }

    /// Sends one push. Not retried once it may have reached Meizu (see the module docs).
    pub async fn push(&self, push: &TestPush) -> Exchange {
        let sent = crate::net::post(
            &self.http,
            &self.send_url,
            CONTENT_TYPE,
            &[],
            &self.body(push, false),
            self.retries,
            crate::net::Repeat::IfNotReceived,
        )
        .await;
        let target = push.target.trim();
        let mut exchange = Exchange::new(Vendor::Meizu, target, &sent);
        let doing = Doing::Push(target);
        // msgId is a string in Meizu's answers (§5.3).
        let msg_id = |accepted: &Accepted| {
            let id = accepted
                .data
                .get("msgId")
                .and_then(serde_json::Value::as_str);
            id.map(str::to_owned)
        };
        answer(&sent.reply, target).record(&mut exchange, doing, 200, super::codes::refuse, msg_id);
        exchange
    }
}
