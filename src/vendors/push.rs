//! What every vendor's test push shares: the push asked for, the HTTP requests it plans (for
//! `--dry-run`), what became of each request, and the vendor's table of result codes.

use std::fmt::Write as _;

use crate::findings::{Finding, Rule};
use crate::net::{Reply, Sent};
use crate::outcome::{AnswerCode, Outcome, PushResult, Target};
use crate::vendor::Vendor;

/// One test push `send-test` asks a vendor to deliver.
#[derive(Clone, Debug)]
pub struct TestPush {
    /// The device token (vivo: regId).
    pub target: String,
    pub title: String,
    pub body: String,
    /// The ext JSON, already linted; sent where the Tencent plugins read it.
    pub ext: String,
    /// A formal push instead of the vendor's test mode (vivo `pushMode=0`).
    pub production: bool,
    /// What a tap on the notification opens.
    pub click: Click,
}

/// What a tap opens, as the IM console's "Response after Click" sets it for the app's plugin
/// (`tim-vendor-payloads.md` §3, §4, §7): the app itself (uni-app TUIOfflinePush, and the Flutter
/// plugin on most vendors), or the Flutter plugin's own activity, which hands the intent's `ext`
/// extra to Dart (the vendors whose spec sets `flutter_click`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Click {
    #[default]
    OpenApp,
    /// The Flutter push plugin (`tim_ui_kit_push_plugin`) of the app with this package.
    FlutterPlugin { package: String },
}

impl Click {
    /// The Flutter plugin's in-app page URI for `path` (`message` for vivo, `honorMessage` for
    /// Honor), as Tencent's Flutter guide gives it; `extras` go before `;end`.
    pub fn flutter_intent(package: &str, path: &str, extras: &str) -> String {
        format!(
            "tencent_im_push://{package}/{path}?#Intent;scheme=tencent_im_push;launchFlags=0x4000000;{extras}end"
        )
    }
}

/// An HTTP request as it would be sent, with secrets and signatures already masked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// The body exactly as sent (compact JSON), masked values included.
    pub body: String,
}

impl PlannedRequest {
    /// The request as HTTP/1.1-style text: request line, headers, a blank line, the body.
    pub fn to_text(&self) -> String {
        let url = crate::secret::hide_userinfo(&self.url);
        let mut text = format!("{} {url}\n", self.method);
        for (name, value) in &self.headers {
            let _ = writeln!(text, "{name}: {value}");
        }
        let _ = writeln!(text, "\n{}", self.body);
        text
    }

    /// The request as a JSON object (`--dry-run --format json`). The body is parsed back so
    /// it is data, not a string to parse again.
    pub fn to_json(&self) -> serde_json::Value {
        let headers: serde_json::Map<String, serde_json::Value> = self
            .headers
            .iter()
            .map(|(name, value)| (name.clone(), serde_json::Value::String(value.clone())))
            .collect();
        let body = serde_json::from_str(&self.body)
            .unwrap_or_else(|_| serde_json::Value::String(self.body.clone()));
        serde_json::json!({
            "method": self.method,
            "url": crate::secret::hide_userinfo(&self.url),
            "headers": headers,
            "body": body,
        })
    }
}

/// What became of one push or authentication: its result, the finding when the vendor said no,
/// the reason when there was no usable answer, and what happened on each try (for `-v`).
#[derive(Clone, Debug)]
pub struct Exchange {
    pub result: PushResult,
    pub finding: Option<Finding>,
    /// Why there is no usable answer (transport error, 5xx after retries, a body not the
    /// vendor's).
    pub failure: Option<String>,
    /// With a `failure`: the request provably never reached the vendor's handling (APNs shut the
    /// stream out with GOAWAY), so nothing was pushed; otherwise whether it was is unknown.
    pub not_received: bool,
    /// One line per try, for `-v`. Never holds a secret, a signature or a token.
    pub log: Vec<String>,
    /// For a refused authentication: the config key the vendor's code names (`app-secret`).
    pub credential: Option<&'static str>,
}

impl Exchange {
    /// The exchange of a request that was sent, its outcome still to be decided
    /// ([`Exchange::accepted`], [`Exchange::rejected`], [`Exchange::unreachable`]).
    pub fn new(vendor: Vendor, target: impl Into<Target>, sent: &Sent) -> Exchange {
        let http_status = match &sent.reply {
            Reply::Json { status, .. } | Reply::NotJson { status, .. } => Some(*status),
            Reply::Failed { status, .. } => *status,
        };
        Exchange {
            result: PushResult {
                vendor,
                target: target.into(),
                outcome: Outcome::Unreachable,
                http_status,
                vendor_code: None,
                vendor_message: None,
                message_id: None,
                elapsed_ms: u64::try_from(sent.elapsed.as_millis()).unwrap_or(u64::MAX),
            },
            finding: None,
            failure: None,
            not_received: false,
            log: sent.log.clone(),
            credential: None,
        }
    }

    pub fn accepted(&mut self, code: Option<i64>, message: Option<String>, id: Option<String>) {
        self.result.outcome = Outcome::Accepted;
        self.result.vendor_code = code.map(AnswerCode::Number);
        self.result.vendor_message = message;
        self.result.message_id = id;
    }

    /// The vendor said no; the caller sets the finding.
    pub fn rejected(&mut self, code: Option<i64>, message: Option<String>) {
        self.result.outcome = Outcome::Rejected;
        self.result.vendor_code = code.map(AnswerCode::Number);
        self.result.vendor_message = message;
    }

    /// No usable answer: whether the vendor acted is unknown.
    pub fn unreachable(&mut self, why: &str) {
        self.result.outcome = Outcome::Unreachable;
        self.failure = Some(why.to_owned());
    }
}

/// One of a vendor's documented result codes, for messages and `pushdiag explain VENDOR CODE`.
#[derive(Clone, Copy, Debug)]
pub struct VendorCode {
    pub code: i64,
    /// What the vendor means by it.
    pub meaning: &'static str,
    /// What to do about it.
    pub fix: &'static str,
    /// The rule a rejection with this code is reported under; `None` for success (code 0) and
    /// for a "busy, try later" code, whose answer counts as unknown.
    pub rule: Option<Rule>,
    /// For credential codes: the config key that is wrong.
    pub credential: Option<&'static str>,
    /// Where the fact comes from (`vendors-cn.md` source keys).
    pub source: &'static str,
    /// The reference marks the fact as weak or inferred.
    pub weak: bool,
}

impl VendorCode {
    /// What the code reports, as its table row says it.
    pub const fn report(&self) -> Report {
        Report {
            rule: self.rule,
            credential: self.credential,
        }
    }
}

/// What a code table's row reports: the rule a refusal with the code is reported under (`None`:
/// success, or "busy", whose answer counts as unknown) and, for a code that names the wrong
/// credential, the config key to fix. The constants in [`report`] name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Report {
    pub rule: Option<Rule>,
    pub credential: Option<&'static str>,
}

impl Report {
    /// A refusal reported under `rule`.
    pub const fn rule(rule: Rule) -> Report {
        Report {
            rule: Some(rule),
            credential: None,
        }
    }

    /// A credential refusal: the config `key` is wrong.
    pub const fn credential(key: &'static str) -> Report {
        Report {
            rule: Some(Rule::CredentialRejected),
            credential: Some(key),
        }
    }
}

/// What the code tables' rows report, by short name, so every row has one shape:
/// `ERR.code(10008, PUSH, "meaning", "fix")`.
pub mod report {
    use super::Report;
    use crate::findings::Rule;

    /// Success: nothing to report.
    pub const OK: Report = Report {
        rule: None,
        credential: None,
    };
    /// "Busy, try later": the answer counts as unknown, not as a refusal.
    pub const BUSY: Report = OK;
    pub const PUSH: Report = Report::rule(Rule::PushRejected);
    pub const TOKEN: Report = Report::rule(Rule::DeviceTokenMalformed);
    /// A credential refusal that names no single key.
    pub const CRED: Report = Report::rule(Rule::CredentialRejected);
    pub const USER: Report = Report::rule(Rule::UserNotFound);
    pub const ENV: Report = Report::rule(Rule::DeviceTokenEnvironmentMismatch);
    pub const APP_ID: Report = Report::credential("app-id");
    pub const APP_KEY: Report = Report::credential("app-key");
    pub const APP_SECRET: Report = Report::credential("app-secret");
}

/// Where the entries of a code table come from (a reference section and its source keys, and
/// whether the reference marks them weak or inferred), and the constructors that keep each entry
/// on one line: `ERR.code(10008, PUSH, "meaning", "fix")`.
#[derive(Clone, Copy, Debug)]
pub struct Source {
    refs: &'static str,
    weak: bool,
}

impl Source {
    pub const fn new(refs: &'static str) -> Source {
        Source { refs, weak: false }
    }

    /// The same source, for facts the reference marks as weak or inferred.
    pub const fn weak(self) -> Source {
        Source { weak: true, ..self }
    }

    /// A code and what it reports.
    pub const fn code(
        self,
        code: i64,
        report: Report,
        meaning: &'static str,
        fix: &'static str,
    ) -> VendorCode {
        VendorCode {
            code,
            meaning,
            fix,
            rule: report.rule,
            credential: report.credential,
            source: self.refs,
            weak: self.weak,
        }
    }

    /// A string reason (APNs, FCM) answered with HTTP `status`.
    pub const fn reason(
        self,
        reason: &'static str,
        status: u16,
        report: Report,
        meaning: &'static str,
        fix: &'static str,
    ) -> VendorReason {
        VendorReason {
            reason,
            status,
            meaning,
            fix,
            rule: report.rule,
            source: self.refs,
            weak: self.weak,
        }
    }
}

/// The entry for `code` in a vendor's `table`.
pub fn find_code(table: &'static [VendorCode], code: i64) -> Option<&'static VendorCode> {
    table.iter().find(|c| c.code == code)
}

/// The entry for `reason` in a vendor's `table`, as the vendor spells it (case-insensitive, for
/// `explain`).
pub fn find_reason(table: &'static [VendorReason], reason: &str) -> Option<&'static VendorReason> {
    table
        .iter()
        .find(|r| r.reason.eq_ignore_ascii_case(reason.trim()))
}

/// For each vendor's table test: the codes are in strictly increasing order (so each is listed
/// once), and every code the reference documents is there.
#[cfg(test)]
pub fn assert_table_complete(table: &[VendorCode], documented: &[i64]) {
    for pair in table.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "{} then {}",
            pair[0].code,
            pair[1].code
        );
    }
    for code in documented {
        assert!(table.iter().any(|c| c.code == *code), "{code} missing");
    }
}

/// A numeric code table (`*/codes.rs`): its [`Wording`] (`WORDING`, from the vendor, what its
/// answers call the code and a device, how a credential code on a push is reported and the help
/// for a code the table does not know), its rows (`CODES`, every code the reference documents,
/// in numeric order), its `lookup` and `refuse`, and its test
/// `codes_are_sorted_unique_and_complete`, which checks the table is sorted, lists each code once
/// and has every `documented` code, that each of `reports` reports what it says (its rule and
/// key), then runs the vendor's own `checks`.
///
/// [`Wording`]: crate::vendors::refusal::Wording
macro_rules! code_table {
    (
        documented: [$($code:expr),* $(,)?],
        wording: ($vendor:ident, $label:literal, $device:literal, $on_push:ident, $help:literal $(,)?),
        reports: [$($report_code:expr => $report:expr),* $(,)?],
        [$($row:expr),* $(,)?]
        $(, checks: $checks:block)? $(,)?
    ) => {
        /// How the findings quote this vendor's answers and where its code list is.
        pub const WORDING: $crate::vendors::refusal::Wording = $crate::vendors::refusal::Wording::new(
            $crate::vendor::Vendor::$vendor,
            $label,
            $device,
            $crate::vendors::refusal::OnPush::$on_push,
            $help,
        );

        /// Every code the reference documents, in numeric order.
        pub const CODES: &[$crate::vendors::push::VendorCode] = &[$($row),*];

        /// A code's entry, if the reference documents it.
        pub fn lookup(code: i64) -> Option<&'static $crate::vendors::push::VendorCode> {
            $crate::vendors::push::find_code(CODES, code)
        }

        /// Marks `exchange` refused with `code` (and the vendor's `message`): the finding from
        /// this table and [`WORDING`].
        pub fn refuse(
            exchange: &mut $crate::vendors::push::Exchange,
            doing: $crate::vendors::refusal::Doing<'_>,
            code: i64,
            message: Option<String>,
        ) {
            $crate::vendors::refusal::refuse(exchange, &WORDING, doing, code, message, lookup(code));
        }

        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn codes_are_sorted_unique_and_complete() {
                $crate::vendors::push::assert_table_complete(CODES, &[$($code),*]);
                $(assert_eq!(lookup($report_code).map(|c| c.report()), Some($report), "{}", $report_code);)*
                $($checks)?
            }
        }
    };
}
pub(crate) use code_table;

/// What `send-test` and `check-config --online` ask of every vendor's client, so one generic
/// path serves all six instead of a copy per vendor. The impls delegate to each client's own
/// methods.
#[allow(async_fn_in_trait)] // only used with concrete clients, never as `dyn` or across threads
pub trait VendorClient {
    /// The requests `--dry-run` prints, secrets masked.
    fn plan(&self, pushes: &[TestPush]) -> Vec<PlannedRequest>;
    /// Pushes to every target, in order.
    async fn send_all(&self, pushes: &[TestPush]) -> Vec<Exchange>;
    /// The vendor's harmless credential check, no push.
    async fn check_credentials(&self) -> Vec<Exchange>;
}

/// [`VendorClient`] for a client with no token exchange (APNs, Xiaomi, Meizu): each push is one
/// request that carries its own credentials (a provider token or certificate, a key, a sign), so
/// `--dry-run` shows one request per push and they are sent in order. The client's own
/// `plan_send`, `push` and `check_credentials` (its harmless probe) do the work.
macro_rules! request_per_push_client {
    ($client:ty) => {
        impl $crate::vendors::push::VendorClient for $client {
            fn plan(
                &self,
                pushes: &[$crate::vendors::push::TestPush],
            ) -> Vec<$crate::vendors::push::PlannedRequest> {
                pushes.iter().map(|push| self.plan_send(push)).collect()
            }

            async fn send_all(
                &self,
                pushes: &[$crate::vendors::push::TestPush],
            ) -> Vec<$crate::vendors::push::Exchange> {
                let mut exchanges = Vec::with_capacity(pushes.len());
                for push in pushes {
                    exchanges.push(self.push(push).await);
                }
                exchanges
            }

            async fn check_credentials(&self) -> Vec<$crate::vendors::push::Exchange> {
                // The inherent method: the vendor's own probe.
                <$client>::check_credentials(self).await
            }
        }
    };
}
pub(crate) use request_per_push_client;

/// A client that authenticates once for a token and then pushes with it (most vendors; not those
/// that sign each request): the authentication half (each vendor's `auth.rs`). With [`TokenPushClient`] it gives
/// the client [`VendorClient`], so the order — authenticate, then push each in turn, nothing sent
/// when the authentication fails — is written once.
#[allow(async_fn_in_trait)] // as for `VendorClient`
pub trait TokenAuthClient {
    /// The token request as `--dry-run` shows it, secrets masked.
    fn plan_auth(&self) -> PlannedRequest;
    /// The token, fetched once per process; the exchange of the request, if one was made, is
    /// added to `exchanges`.
    async fn token(&self, exchanges: &mut Vec<Exchange>) -> Option<String>;
}

/// The push half of a [`TokenAuthClient`] (each vendor's `send.rs`).
#[allow(async_fn_in_trait)] // as for `VendorClient`
pub trait TokenPushClient {
    /// One push as `--dry-run` shows it, the token masked.
    fn plan_send(&self, push: &TestPush) -> PlannedRequest;
    /// Sends one push with `token`.
    async fn push(&self, token: &str, push: &TestPush) -> Exchange;
    /// For `check-config --online`, after a token was obtained: a further harmless request that
    /// proves more than the token does (Huawei's and FCM's `validate_only` sends), if the vendor has one.
    async fn check_with_token(&self, _token: &str) -> Option<Exchange> {
        None
    }
}

impl<C: TokenAuthClient + TokenPushClient> VendorClient for C {
    fn plan(&self, pushes: &[TestPush]) -> Vec<PlannedRequest> {
        std::iter::once(self.plan_auth())
            .chain(pushes.iter().map(|push| self.plan_send(push)))
            .collect()
    }

    /// Gets the token and sends each push, in order. When the token request fails nothing is
    /// sent: every push would fail the same way.
    async fn send_all(&self, pushes: &[TestPush]) -> Vec<Exchange> {
        let mut exchanges = Vec::new();
        let Some(token) = self.token(&mut exchanges).await else {
            return exchanges;
        };
        for push in pushes {
            exchanges.push(self.push(&token, push).await);
        }
        exchanges
    }

    /// `check-config --online`: the token request proves the credentials (and the vendor's
    /// further check, if any, proves more); nothing is pushed.
    async fn check_credentials(&self) -> Vec<Exchange> {
        let mut exchanges = Vec::new();
        if let Some(token) = self.token(&mut exchanges).await {
            exchanges.extend(self.check_with_token(&token).await);
        }
        exchanges
    }
}

/// One of a vendor's documented string reasons or statuses (APNs `reason`, FCM `errorCode`),
/// for findings and `pushdiag explain VENDOR REASON`: the string counterpart of [`VendorCode`].
#[derive(Clone, Copy, Debug)]
pub struct VendorReason {
    pub reason: &'static str,
    /// The HTTP status the vendor answers it with.
    pub status: u16,
    pub meaning: &'static str,
    pub fix: &'static str,
    /// The rule a refusal with this reason is reported under; `None` for an answer that counts
    /// as unknown (a 5xx: try again later).
    pub rule: Option<Rule>,
    pub source: &'static str,
    pub weak: bool,
}
