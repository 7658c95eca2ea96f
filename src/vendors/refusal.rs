//! The one path from a vendor's refusal to a finding. A vendor reads its answer (the code and
//! message), looks the code up in its table, and hands both here with what it was doing (an
//! authentication, the harmless credential check, a push to a device, or a named request); this
//! builds the finding — the rule from the table or the default for what was being done, the
//! message quoting the raw code, the table's fix as help, the credential key — and marks the
//! exchange refused. Each vendor supplies only its table and its [`Wording`].

use std::fmt::Display;

use super::push::{Exchange, VendorCode, VendorReason};
use crate::findings::{Finding, Rule};
use crate::vendor::Vendor;

/// How a vendor's messages quote its answers and name its things.
#[derive(Clone, Copy, Debug)]
pub struct Wording {
    pub vendor: Vendor,
    /// What the vendor calls its code in the raw answer (`code`, `result`, `ErrorCode`).
    pub code: &'static str,
    /// What the vendor calls a device target: `regId`, `pushId`, `token`.
    pub device: &'static str,
    /// The help for a code the table does not know: where the vendor's code list is.
    pub unknown_help: &'static str,
    /// How a push refused with a credential code is reported.
    pub credential_on_push: OnPush,
}

impl Wording {
    /// `vendor`'s wording: its code's name, a device's name, how a credential code on a push is
    /// reported and the help for a code the table does not know.
    pub const fn new(
        vendor: Vendor,
        code: &'static str,
        device: &'static str,
        credential_on_push: OnPush,
        unknown_help: &'static str,
    ) -> Wording {
        Wording {
            vendor,
            code,
            device,
            unknown_help,
            credential_on_push,
        }
    }
}

/// How a push refused with a code the table marks `credential-rejected` is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnPush {
    /// As any refused push (`push-rejected`): the credentials were checked by the authentication
    /// before (vendors with a token request).
    Push,
    /// As refused credentials, naming the key (vendors that sign every push).
    Credentials,
    /// As a refused access token (Huawei), the caller naming the key.
    AccessToken,
}

/// What was being done when the vendor refused.
#[derive(Clone, Copy, Debug)]
pub enum Doing<'a> {
    /// The token request: nothing was pushed.
    Auth,
    /// `check-config --online`'s harmless credential check.
    CredentialCheck,
    /// A push to this device.
    Push(&'a str),
    /// A named request ("the account check"), reported under the table's rule (or `default`).
    Request { what: &'a str, default: Rule },
}

/// A table's entry, whether the vendor answers with numbers ([`VendorCode`]) or strings
/// ([`VendorReason`]), or an entry a vendor composes (FCM explains some reasons further).
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub meaning: &'a str,
    pub fix: &'a str,
    pub rule: Option<Rule>,
    pub credential: Option<&'static str>,
}

impl From<&VendorCode> for Entry<'static> {
    fn from(code: &VendorCode) -> Self {
        Entry {
            meaning: code.meaning,
            fix: code.fix,
            rule: code.rule,
            credential: code.credential,
        }
    }
}

impl From<&VendorReason> for Entry<'static> {
    fn from(reason: &VendorReason) -> Self {
        Entry {
            meaning: reason.meaning,
            fix: reason.fix,
            rule: reason.rule,
            credential: None,
        }
    }
}

/// An answer as the messages quote it: `code 16 "sign is wrong"`, `result 10206`.
pub fn raw(label: &str, code: impl Display, message: Option<&str>) -> String {
    match message {
        Some(message) => format!("{label} {code} {message:?}"),
        None => format!("{label} {code}"),
    }
}

/// An answer with no code table as the messages quote it: the HTTP status, each field present
/// (`, error 1101`), then the vendor's message quoted: `HTTP 401, error 1101 "bad client"`.
/// Huawei's and Honor's OAuth servers and Honor's push API answer so.
pub fn http_raw(status: u16, fields: &[(&str, Option<String>)], message: Option<&str>) -> String {
    let mut parts = format!("{status}");
    for (label, value) in fields {
        if let Some(value) = value {
            parts.push_str(&format!(", {label} {value}"));
        }
    }
    raw("HTTP", parts, message)
}

/// What a message says after the quoted answer.
#[derive(Clone, Copy, Debug)]
pub enum About<'a> {
    /// `: {meaning}`: what the table (or the vendor's hook) says the answer means.
    Meaning(&'a str),
    /// `, a {word} pushdiag's table does not know`: `code`, or `reason` (APNs).
    Unknown(&'a str),
    /// `; {note}`: a vendor without a table (Honor) says so, or where the answer says more.
    Note(&'a str),
    /// Nothing: the answer speaks for itself.
    Nothing,
}

/// Every refusal's finding, worded `{refused}: {raw}{about}`: who refused what (`vivo refused
/// the push to X`, `APNs (production, …) refused the credentials`), the answer quoted, then what
/// it means. The vendors that word the subject themselves (APNs, Honor's push) come here too.
pub fn said(
    vendor: Vendor,
    rule: Rule,
    refused: &str,
    raw: &str,
    about: About<'_>,
    help: &str,
) -> Finding {
    let text = match about {
        About::Meaning(meaning) => format!("{refused}: {raw}: {meaning}"),
        About::Unknown(word) => {
            format!("{refused}: {raw}, a {word} pushdiag's table does not know")
        }
        About::Note(note) => format!("{refused}: {raw}; {note}"),
        About::Nothing => format!("{refused}: {raw}"),
    };
    Finding::new(rule, text)
        .vendor(vendor)
        .help(help.to_owned())
}

/// Marks `exchange` refused with `code` and `message`, with its finding and the config key that
/// finding names, if any.
pub fn mark(
    exchange: &mut Exchange,
    code: Option<i64>,
    message: Option<String>,
    (finding, credential): (Finding, Option<&'static str>),
) {
    exchange.rejected(code, message);
    exchange.finding = Some(finding);
    exchange.credential = credential;
}

/// The finding for a refused OAuth token request (Huawei, Honor, FCM). Those servers have no
/// code table: the vendor's hook reads `raw` (the answer quoted) and says what it means, if it
/// can, and how to fix it; the rule is always `credential-rejected`.
pub fn token_refused(
    vendor: Vendor,
    refused: &str,
    raw: &str,
    meaning: Option<&str>,
    help: &str,
) -> Finding {
    let about = meaning.map_or(About::Nothing, About::Meaning);
    said(vendor, Rule::CredentialRejected, refused, raw, about, help)
}

/// The finding for a refusal with `code` (and the vendor's `message`), and the config key it
/// names, if any.
pub fn finding(
    wording: &Wording,
    doing: Doing<'_>,
    code: impl Display,
    message: Option<&str>,
    entry: Option<Entry<'_>>,
) -> (Finding, Option<&'static str>) {
    let raw = raw(wording.code, code, message);
    let vendor = wording.vendor;
    let name = vendor.display_name();
    let rule = entry.and_then(|e| e.rule);
    // ` (check `<vendor>.<key>`)` after a credential code's meaning.
    let check = |entry: &Entry<'_>| {
        entry
            .credential
            .map(|key| format!(" (check `{}.{key}`)", vendor.id()))
            .unwrap_or_default()
    };
    let meaning = entry.map(|e| e.meaning.to_owned());
    // The table's fix, or `unknown` for a code it does not know.
    let fix = |unknown: &str| entry.map_or(unknown, |e| e.fix).to_owned();
    let (rule, refused, meaning, help, credential) = match (doing, entry) {
        (Doing::Auth, Some(entry)) if rule == Some(Rule::CredentialRejected) => (
            Rule::CredentialRejected,
            format!("{name} refused the credentials"),
            Some(format!("{}{}", entry.meaning, check(&entry))),
            entry.fix.to_owned(),
            entry.credential,
        ),
        (Doing::Auth, _) => (
            Rule::PushRejected,
            format!("{name} refused the authentication, so nothing was pushed"),
            meaning,
            fix(wording.unknown_help),
            None,
        ),
        // A code about something else than the credentials (a rate limit, a parameter) keeps its
        // own rule: the credentials may be fine.
        (Doing::CredentialCheck, _) => (
            rule.filter(|r| *r != Rule::CredentialRejected)
                .unwrap_or(Rule::CredentialRejected),
            format!("{name} refused the credential check"),
            meaning,
            fix(&format!(
                "check the [{}] credentials against the {name} console",
                vendor.id()
            )),
            entry.and_then(|e| e.credential),
        ),
        (Doing::Push(target), Some(_)) if rule == Some(Rule::DeviceTokenMalformed) => (
            Rule::DeviceTokenMalformed,
            format!("{name} does not accept the {} {target}", wording.device),
            meaning,
            fix(""),
            None,
        ),
        (Doing::Push(target), Some(entry))
            if rule == Some(Rule::CredentialRejected)
                && wording.credential_on_push == OnPush::Credentials =>
        {
            (
                Rule::CredentialRejected,
                format!("{name} refused the credentials, so nothing was pushed to {target}"),
                Some(format!("{}{}", entry.meaning, check(&entry))),
                entry.fix.to_owned(),
                entry.credential,
            )
        }
        (Doing::Push(target), Some(_))
            if rule == Some(Rule::CredentialRejected)
                && wording.credential_on_push == OnPush::AccessToken =>
        {
            (
                Rule::CredentialRejected,
                format!("{name} refused the access token for the push to {target}"),
                meaning,
                fix(""),
                None,
            )
        }
        (Doing::Push(target), _) => (
            Rule::PushRejected,
            format!("{name} refused the push to {target}"),
            meaning,
            fix(wording.unknown_help),
            None,
        ),
        (Doing::Request { what, default }, _) => (
            rule.unwrap_or(default),
            format!("{name} refused {what}"),
            meaning,
            fix(wording.unknown_help),
            entry.and_then(|e| e.credential),
        ),
    };
    let about = meaning
        .as_deref()
        .map_or(About::Unknown("code"), About::Meaning);
    (said(vendor, rule, &refused, &raw, about, &help), credential)
}

/// What a vendor answering `{code, message, data}` accepted: its message and the `data` object
/// (or the whole answer, for a vendor that puts its ids at the top level).
pub struct Accepted {
    pub message: Option<String>,
    pub data: serde_json::Map<String, serde_json::Value>,
}

impl Accepted {
    /// The id under `key` in `data`, which the vendor sends as a string or a number.
    pub fn id(&self, key: &str) -> Option<String> {
        match self.data.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// The answer's `data` object (empty when there is none).
pub fn data(
    map: &serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    map.get("data")
        .and_then(serde_json::Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// A JSON vendor's answer, read.
pub enum Answer {
    /// The vendor's success code.
    Ok(Accepted),
    /// Another code: the vendor said no, with its message.
    Code { code: i64, message: Option<String> },
    /// No usable answer (or a code that says the vendor failed rather than refused): the reason.
    Unknown(String),
}

impl Answer {
    /// A code that says the vendor failed rather than refused (busy, a system error): `failed`
    /// ("Xiaomi failed") and the code as the table's `term` names it.
    pub fn failed(failed: &str, term: &str, code: i64, message: Option<&str>) -> Answer {
        Answer::Unknown(format!(
            "{failed}: {}, so whether it acted is unknown",
            raw(term, code, message)
        ))
    }

    /// Records the answer in `exchange` as what `doing` got: accepted as `ok` (with the id
    /// `id` reads), refused by the vendor's table (`refuse`), or unreachable.
    pub fn record(
        self,
        exchange: &mut Exchange,
        doing: Doing<'_>,
        ok: i64,
        refuse: fn(&mut Exchange, Doing<'_>, i64, Option<String>),
        id: impl FnOnce(&Accepted) -> Option<String>,
    ) {
        match self {
            Answer::Ok(accepted) => {
                let id = id(&accepted);
                exchange.accepted(Some(ok), accepted.message, id);
            }
            Answer::Code { code, message } => refuse(exchange, doing, code, message),
            Answer::Unknown(why) => exchange.unreachable(&why),
        }
    }
}

/// Marks `exchange` refused with `code` and `message` and sets its finding and credential key.
pub fn refuse(
    exchange: &mut Exchange,
    wording: &Wording,
    doing: Doing<'_>,
    code: i64,
    message: Option<String>,
    entry: Option<&VendorCode>,
) {
    let said = finding(
        wording,
        doing,
        code,
        message.as_deref(),
        entry.map(Entry::from),
    );
    mark(exchange, Some(code), message, said);
}

/// The body's object, or why the answer is not the vendor's.
pub fn object(
    vendor: Vendor,
    reply: &crate::net::Reply,
) -> Result<(u16, &serde_json::Map<String, serde_json::Value>), String> {
    let name = vendor.display_name();
    match reply {
        crate::net::Reply::Json { status, body } => body.as_object().map(|map| (*status, map)).ok_or_else(|| {
            format!("HTTP {status} with JSON that is not an object: not {name}'s answer (is the endpoint right?)")
        }),
        crate::net::Reply::NotJson { status, excerpt } => Err(format!(
            "HTTP {status} with a body that is not JSON ({excerpt:?}): not {name}'s answer, so whether {name} acted is unknown"
        )),
        crate::net::Reply::Failed { error, .. } => Err(format!("no usable answer: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rustfmt::skip] // data: one line, the help below
    const MEIZU: Wording = Wording::new(Vendor::Meizu, "code", "pushId", OnPush::Credentials,
        "look it up");

    #[rustfmt::skip] // data: one line, the help below
    const VIVO: Wording = Wording::new(Vendor::Vivo, "result", "regId", OnPush::Push,
        "look it up");

    /// What vivo's wrong-secret code 10206 (with `message`) makes of `doing`.
    fn wrong_vivo_secret(
        doing: Doing<'_>,
        message: Option<&str>,
    ) -> (Finding, Option<&'static str>) {
        let entry = crate::vendors::vivo::codes::lookup(10_206);
        finding(&VIVO, doing, 10_206, message, entry.map(Entry::from))
    }

    /// A credential check refused for a reason that is not the credentials (Meizu's rate limit)
    /// keeps that code's rule; a credential code is `credential-rejected` naming its key.
    #[test]
    fn check_refusals_keep_the_codes_rule() {
        let limited = crate::vendors::meizu::codes::lookup(110_010);
        let (refusal, _) = finding(
            &MEIZU,
            Doing::CredentialCheck,
            110_010,
            None,
            limited.map(Entry::from),
        );
        assert_eq!(Some(refusal.rule), limited.and_then(|e| e.rule));
        assert_ne!(refusal.rule, Rule::CredentialRejected);
        let (refusal, key) = wrong_vivo_secret(Doing::CredentialCheck, None);
        assert_eq!(refusal.rule, Rule::CredentialRejected);
        assert_eq!(key, Some("app-secret"));
    }

    /// An authentication refused with a credential code names the key in the message; the raw
    /// answer is quoted with the vendor's own word for its code.
    #[test]
    fn auth_refusals_quote_the_raw_code_and_name_the_key() {
        let (refusal, key) = wrong_vivo_secret(Doing::Auth, Some("sign is wrong"));
        assert_eq!(refusal.rule, Rule::CredentialRejected);
        assert!(
            refusal
                .message
                .starts_with("vivo refused the credentials: result 10206 \"sign is wrong\": "),
            "{}",
            refusal.message
        );
        assert!(refusal.message.ends_with(" (check `vivo.app-secret`)"));
        assert_eq!(key, Some("app-secret"));
    }
}
