//! `POST {endpoint}/v1/projects/<project_id>/messages:send` (`apns-fcm-tim.md` B.3, B.4) with
//! `Authorization: Bearer <access_token>`: `{"validate_only": bool, "message": {token,
//! notification{title, body}, data{ext}, android{priority: HIGH}}}`, the ext in `data.ext` as TIM
//! places it (`tim-vendor-payloads.md` §9). FCM documents no de-duplication, so a send is
//! repeated only when it cannot have been received.

use serde_json::{json, Value};

use super::{codes, Client};
use crate::findings::{Finding, Rule};
use crate::net::{Repeat, Reply};
use crate::outcome::Target;
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest, TestPush, TokenPushClient};
use crate::vendors::refusal::{self, Doing, Entry};

/// The topic the `validate_only` credential check addresses: FCM validates a topic message
/// without the topic existing, and delivers nothing when validating.
const CHECK_TOPIC: &str = "pushdiag-credential-check";

impl Client {
    fn message(push: &TestPush) -> Value {
        json!({
            "token": push.target.trim(),
            "notification": { "title": push.title, "body": push.body },
            "data": { "ext": push.ext },
            "android": { "priority": "HIGH" },
        })
    }

    fn body(message: Value, validate_only: bool) -> String {
        json!({ "validate_only": validate_only, "message": message }).to_string()
    }
}

/// As firebase-admin sends it: the v1 error format, with the FcmError details.
const FORMAT_VERSION: (&str, &str) = ("X-GOOG-API-FORMAT-VERSION", "2");

impl TokenPushClient for Client {
    fn plan_send(&self, push: &TestPush) -> PlannedRequest {
        let format = (FORMAT_VERSION.0, FORMAT_VERSION.1.to_owned());
        self.api
            .plan_bearer(&[format], Self::body(Self::message(push), false))
    }

    async fn push(&self, token: &str, push: &TestPush) -> Exchange {
        let body = Self::body(Self::message(push), false);
        self.send(token, &body, push.target.trim(), false).await
    }

    /// `check-config --online`, after the token: a `validate_only` send to a topic proves the
    /// service account may send for its project and delivers nothing (B.3).
    async fn check_with_token(&self, token: &str) -> Option<Exchange> {
        let message = json!({
            "topic": CHECK_TOPIC,
            "notification": { "title": "pushdiag", "body": "credential check (validate_only: never delivered)" },
        });
        Some(
            self.send(
                token,
                &Self::body(message, true),
                Target::CredentialCheck,
                true,
            )
            .await,
        )
    }
}

impl Client {
    async fn send(
        &self,
        token: &str,
        body: &str,
        target: impl Into<Target>,
        check: bool,
    ) -> Exchange {
        let sent = (self.api)
            .post_bearer(token, &[FORMAT_VERSION], body, Repeat::IfNotReceived)
            .await;
        let target: Target = target.into();
        let mut exchange = Exchange::new(Vendor::Fcm, target.clone(), &sent);
        match &sent.reply {
            // The net layer keeps no body for these; their FCM codes are known by status (B.5),
            // and each leaves the outcome unknown.
            Reply::Failed {
                status: Some(status),
                ..
            } => {
                let key = match status {
                    429 => Some("QUOTA_EXCEEDED"),
                    500 => Some("INTERNAL"),
                    503 => Some("UNAVAILABLE"),
                    _ => None,
                };
                if let Some(entry) = key.and_then(codes::lookup) {
                    exchange.unreachable(&format!(
                        "FCM answered HTTP {status} ({}): {}; {}",
                        entry.reason, entry.meaning, entry.fix
                    ));
                    return exchange;
                }
            }
            // A bare 401/403 page, not FCM's JSON: the credentials were refused (B.3).
            Reply::NotJson {
                status: status @ (401 | 403),
                ..
            } => {
                exchange.rejected(None, Some(format!("HTTP {status} without FCM's JSON")));
                exchange.finding = Some(
                    Finding::new(
                        Rule::CredentialRejected,
                        format!(
                            "FCM refused the {} with a bare HTTP {status} page: the service account is not valid or not authorised for project {}",
                            if check { "credential check" } else { "push" },
                            self.app.account.project_id
                        ),
                    )
                    .vendor(Vendor::Fcm)
                    .help("download a new private key for the project's Firebase service account (Project settings > Service accounts), and check it has the Firebase Cloud Messaging role"),
                );
                exchange.credential = Some("service-account");
                return exchange;
            }
            _ => {}
        }
        match crate::vendors::refusal::object(Vendor::Fcm, &sent.reply) {
            Ok((200, map)) => {
                let name = map.get("name").and_then(Value::as_str).map(str::to_owned);
                let message = check.then(|| {
                    format!(
                        "validate_only send for project {} accepted; nothing delivered",
                        self.app.account.project_id
                    )
                });
                exchange.accepted(None, message, name);
            }
            Ok((status, map)) => {
                let error = map.get("error");
                let status_text = error
                    .and_then(|e| e.get("status"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let text = error
                    .and_then(|e| e.get("message"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                // The FCM code is in the FcmError detail; the status can differ (B.5).
                let error_code = error
                    .and_then(|e| e.get("details"))
                    .and_then(Value::as_array)
                    .and_then(|details| {
                        details.iter().find_map(|d| {
                            d.get("errorCode")
                                .and_then(Value::as_str)
                                .map(str::to_owned)
                        })
                    });
                let key = error_code.clone().unwrap_or_else(|| status_text.to_owned());
                exchange.rejected(None, Some(format!("{key}: {text}")));
                exchange.finding = Some(self.refused(status, &key, text, target.as_str(), check));
                // THIRD_PARTY_AUTH_ERROR is about the APNs key in Firebase, not the account.
                if key != "THIRD_PARTY_AUTH_ERROR"
                    && exchange
                        .finding
                        .as_ref()
                        .is_some_and(|f| f.rule == Rule::CredentialRejected)
                {
                    exchange.credential = Some("service-account");
                }
            }
            Err(why) => exchange.unreachable(&why),
        }
        exchange
    }

    fn refused(&self, status: u16, key: &str, text: &str, target: &str, check: bool) -> Finding {
        let project = &self.app.account.project_id;
        let entry = codes::lookup(key).map(Entry::from);
        let default = if check {
            Rule::CredentialRejected
        } else {
            Rule::PushRejected
        };
        let what = if check {
            "the credential check".to_owned()
        } else {
            format!("the push to {target}")
        };
        let (meaning, fix) = match entry {
            Some(entry) => (entry.meaning.to_owned(), entry.fix),
            None => (
                "a code pushdiag's table does not know".to_owned(),
                "look the code up in Firebase's FCM error-code reference",
            ),
        };
        let meaning = match key {
            // Explained against google-services.json (B.7): the token's project is the app's.
            "SENDER_ID_MISMATCH" => match &self.app.app_project_id {
                Some(app) if app != project => format!("the service account is for project `{project}`, but the app's google-services.json is for `{app}`: the token belongs to `{app}`"),
                Some(_) => format!("the token was issued for another Firebase project than `{project}` (the service account's, and this app's google-services.json's): the device runs a build with another google-services.json"),
                None => format!("{meaning}; the service account is for project `{project}`"),
            },
            "THIRD_PARTY_AUTH_ERROR" => format!("{meaning} (this is about APNs in Firebase, not about the service account, which was accepted)"),
            _ => meaning,
        };
        // FCM's answer is quoted as `HTTP 404 UNREGISTERED "…"`: the status and the code.
        let entry = Entry {
            meaning: &meaning,
            fix,
            rule: entry.and_then(|e| e.rule),
            credential: None,
        };
        let doing = Doing::Request {
            what: &what,
            default,
        };
        let code = format!("{status} {key}");
        refusal::finding(&codes::WORDING, doing, code, Some(text), Some(entry)).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::fcm::{AppCredentials, ServiceAccount, GOOGLE_TOKEN_URI};

    fn client(app_project_id: Option<&str>) -> Client {
        use rsa::pkcs8::EncodePrivateKey as _;
        let pem = crate::emulator::builtin_fcm_private_key()
            .expect("key")
            .to_pkcs8_pem(rsa::pkcs8::LineEnding::LF)
            .expect("pem");
        let app = AppCredentials {
            account: ServiceAccount {
                project_id: "proj-a".to_owned(),
                client_email: "sa@proj-a.iam.gserviceaccount.com".to_owned(),
                private_key_id: String::new(),
                private_key: crate::secret::Secret::new(pem.as_str()),
                token_uri: GOOGLE_TOKEN_URI.to_owned(),
            },
            app_project_id: app_project_id.map(str::to_owned),
        };
        Client::new(
            "http://127.0.0.1:9/fcm",
            "http://127.0.0.1:9/fcm/token",
            app,
            &crate::net::NetOptions::default(),
        )
        .expect("client")
    }

    /// Every code of the table becomes its rule's finding, with the code in the message.
    #[test]
    fn every_code_is_mapped() {
        let client = client(None);
        for entry in codes::CODES {
            let finding = client.refused(entry.status, entry.reason, "text", "tok", false);
            assert_eq!(
                finding.rule,
                entry.rule.unwrap_or(Rule::PushRejected),
                "{}",
                entry.reason
            );
            assert!(
                finding.message.contains(entry.reason),
                "{}",
                finding.message
            );
        }
    }

    /// SENDER_ID_MISMATCH names both projects when google-services.json says another one.
    #[test]
    fn sender_id_mismatch_names_both_projects() {
        let finding = client(Some("proj-b")).refused(
            403,
            "SENDER_ID_MISMATCH",
            "SenderId mismatch",
            "tok",
            false,
        );
        assert!(finding.message.contains("`proj-a`"), "{}", finding.message);
        assert!(
            finding
                .message
                .contains("google-services.json is for `proj-b`"),
            "{}",
            finding.message
        );
    }
}
