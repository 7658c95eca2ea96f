//! One module per vendor behind one trait. The trait holds what `check-config` checks offline:
//! which credentials a vendor needs, their formats, and which server secret must not be a client
//! key, plus the vendor's table of result codes. Vendors with a real client (vivo and OPPO so
//! far) also authenticate and send test pushes; the shared shapes of that live in [`push`].

pub mod apns;
pub mod client;
pub mod endpoints;
pub mod fcm;
pub mod from_config;
pub mod honor;
pub mod huawei;
pub mod meizu;
mod oauth;
pub mod oppo;
pub mod push;
pub mod tim;
pub mod vivo;
pub mod xiaomi;

use std::collections::BTreeMap;

use crate::config::{Config, Section};
use crate::findings::{Finding, Located, Location, Rule, Severity};
use crate::project::ProjectFacts;
use crate::secret::Secret;
use crate::vendor::Vendor;

/// Which side of the push a credential belongs to: the app (client SDK) or your server (and
/// Tencent's, which signs vendor API calls with it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Client,
    Server,
    Both,
}

/// A credential's expected shape.
#[derive(Clone, Copy, Debug)]
pub struct Format {
    pub matches: fn(&str) -> bool,
    /// What it should look like, for the message ("32 lowercase hex characters").
    pub expected: &'static str,
    /// The reference only infers this format from samples: a mismatch is a warning.
    pub inferred: bool,
    pub source: &'static str,
}

/// A credential a vendor needs.
#[derive(Clone, Copy, Debug)]
pub struct Credential {
    pub key: &'static str,
    pub side: Side,
    pub format: Option<Format>,
}

/// What a vendor check reads and where it reports.
pub struct OfflineContext<'a> {
    pub config: &'a Config,
    pub env: &'a BTreeMap<String, String>,
    pub project: &'a ProjectFacts,
    pub now: time::OffsetDateTime,
    pub findings: Vec<Finding>,
    pub failures: Vec<anyhow::Error>,
}

impl OfflineContext<'_> {
    pub fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Where to point a finding about a missing key: the section header, else the file.
    pub fn section_location(&self, section: Section) -> Option<Location> {
        self.config.section_location(section)
    }

    /// A secret's value, or a `credential-missing` finding when its source gives nothing.
    pub fn secret(&mut self, vendor: Vendor, key: &str) -> Option<Located<Secret>> {
        let section = Section::of_vendor(vendor);
        match self.config.secret(section, key, self.env)? {
            Ok(secret) => Some(secret),
            Err(why) => {
                let location = self
                    .config
                    .setting(section, key)
                    .and_then(|s| match &s.origin {
                        crate::config::Origin::File(location) => Some(location.clone()),
                        crate::config::Origin::Env(_) => None,
                    });
                let mut finding = Finding::new(Rule::CredentialMissing, why)
                    .vendor(vendor)
                    .help("set the variable (or create the file), or point the key at where the secret really is");
                finding.location = location;
                self.report(finding);
                None
            }
        }
    }
}

/// A push vendor (or Tencent IM itself).
pub trait PushVendor: Sync {
    fn vendor(&self) -> Vendor;

    /// The credentials the IM console and the vendor's API need.
    fn credentials(&self) -> &'static [Credential];

    /// Pairs of (server secret, client key) that must differ: the classic mistake is pasting the
    /// client's key where the server's secret belongs.
    fn server_client_pairs(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    /// The vendor's documented result codes, for messages and `pushdiag explain VENDOR CODE`;
    /// empty until the vendor's client lands.
    fn codes(&self) -> &'static [push::VendorCode] {
        &[]
    }

    /// The vendor's documented string reasons (APNs `reason`, FCM `errorCode`), for the same
    /// uses as [`PushVendor::codes`]; empty for vendors whose answers are numbers.
    fn reasons(&self) -> &'static [push::VendorReason] {
        &[]
    }

    /// Offline checks: presence, formats, business id, secrets swapped. Vendors with key files
    /// (APNs, FCM) add their own.
    fn check_offline(&self, ctx: &mut OfflineContext<'_>) {
        check_business_id(self.vendor(), ctx);
        check_credentials(self.vendor(), self.credentials(), ctx);
        check_server_client_pairs(self.vendor(), self.server_client_pairs(), ctx);
    }
}

/// An `application/x-www-form-urlencoded` body (UTF-8, `+` for spaces), as OPPO, Xiaomi,
/// Meizu and the OAuth servers of Huawei and Honor take it.
pub(crate) fn form(pairs: &[(&str, &str)]) -> String {
    // `Url`'s query serializer is the WHATWG form encoder; any base will do.
    let Ok(mut url) = reqwest::Url::parse("http://localhost/") else {
        return String::new();
    };
    url.query_pairs_mut().extend_pairs(pairs);
    url.query().unwrap_or_default().to_owned()
}

/// The UTC date `days_back` days ago as `yyyyMMdd`, as Xiaomi's and Meizu's statistics APIs
/// take dates.
pub(crate) fn yyyymmdd(days_back: i64) -> String {
    let date = (time::OffsetDateTime::now_utc() - time::Duration::days(days_back)).date();
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Every vendor, in the contract's order.
pub fn all() -> [&'static dyn PushVendor; 9] {
    [
        &apns::Apns,
        &fcm::Fcm,
        &huawei::Huawei,
        &honor::Honor,
        &xiaomi::Xiaomi,
        &oppo::Oppo,
        &vivo::Vivo,
        &meizu::Meizu,
        &tim::Tim,
    ]
}

pub fn get(vendor: Vendor) -> &'static dyn PushVendor {
    match vendor {
        Vendor::Apns => &apns::Apns,
        Vendor::Fcm => &fcm::Fcm,
        Vendor::Huawei => &huawei::Huawei,
        Vendor::Honor => &honor::Honor,
        Vendor::Xiaomi => &xiaomi::Xiaomi,
        Vendor::Oppo => &oppo::Oppo,
        Vendor::Vivo => &vivo::Vivo,
        Vendor::Meizu => &meizu::Meizu,
        Vendor::Tim => &tim::Tim,
    }
}

fn check_business_id(vendor: Vendor, ctx: &mut OfflineContext<'_>) {
    let section = Section::of_vendor(vendor);
    if vendor == Vendor::Tim || vendor == Vendor::Apns || section.key("business-id").is_none() {
        return;
    }
    if ctx
        .config
        .text(section, "business-id")
        .is_none_or(|id| id.value.trim().is_empty())
    {
        let mut finding = Finding::new(
            Rule::BusinessIdMissing,
            format!("[{}] has no business-id: Tencent IM cannot pick this vendor's credentials for a push", section.name()),
        )
        .vendor(vendor)
        .help("copy the certificate ID the IM console shows for this vendor's credentials into business-id (and into the app's push config)");
        finding.location = ctx.section_location(section);
        ctx.report(finding);
    }
}

/// Presence and format of each credential.
pub fn check_credentials(vendor: Vendor, credentials: &[Credential], ctx: &mut OfflineContext<'_>) {
    let section = Section::of_vendor(vendor);
    for credential in credentials {
        let is_secret = section
            .key(credential.key)
            .is_some_and(|k| k.kind == crate::config::Kind::Secret);
        let value: Option<Located<String>> = if is_secret {
            ctx.secret(vendor, credential.key)
                .map(|s| Located::new(s.value.expose().to_owned(), s.location))
        } else {
            ctx.config.text(section, credential.key)
        };
        let Some(value) = value else {
            if is_secret && ctx.config.setting(section, credential.key).is_some() {
                continue; // Set but unresolvable: already reported by `secret`.
            }
            let side = match credential.side {
                Side::Client => " (the app's)",
                Side::Server => " (the server's)",
                Side::Both => "",
            };
            let mut finding = Finding::new(
                Rule::CredentialMissing,
                format!("`{}`{side} is not set", section.path(credential.key)),
            )
            .vendor(vendor)
            .help(format!(
                "copy it from the {} console into pushdiag.toml, or set {}",
                vendor.display_name(),
                section.env_var(credential.key)
            ));
            finding.location = ctx.section_location(section);
            ctx.report(finding);
            continue;
        };
        check_format(vendor, section, credential, &value, is_secret, ctx);
    }
}

fn check_format(
    vendor: Vendor,
    section: Section,
    credential: &Credential,
    value: &Located<String>,
    is_secret: bool,
    ctx: &mut OfflineContext<'_>,
) {
    let path = section.path(credential.key);
    let text = value.value.as_str();
    // Never quote a secret; other values are quoted so the user sees the stray character.
    let shown = |t: &str| {
        if is_secret {
            String::from("the value")
        } else {
            format!("\"{t}\"")
        }
    };
    if text.trim() != text || text.starts_with(['"', '\'']) || text.ends_with(['"', '\'']) {
        let mut finding = Finding::new(
            Rule::CredentialMalformed,
            format!(
                "`{path}` has spaces or quotes around {}; vendors compare credentials exactly",
                shown(text)
            ),
        )
        .vendor(vendor)
        .help("remove the surrounding spaces, newlines or quotes");
        finding.location = value.location.clone();
        ctx.report(finding);
        return;
    }
    let Some(format) = credential.format else {
        return;
    };
    if (format.matches)(text) {
        return;
    }
    let certainty = if format.inferred { "usually " } else { "" };
    let mut finding = Finding::new(
        Rule::CredentialMalformed,
        format!(
            "`{path}` is {}, but a {} {} is {certainty}{} ({})",
            describe_shape(text, is_secret),
            vendor.display_name(),
            credential.key,
            format.expected,
            format.source
        ),
    )
    .vendor(vendor)
    .help(format!(
        "copy `{}` again from the {} console; check it is not another field's value",
        credential.key,
        vendor.display_name()
    ));
    if format.inferred {
        finding.severity = Severity::Warning;
    }
    finding.location = value.location.clone();
    ctx.report(finding);
}

/// Describes a value's shape without revealing it (for secrets) or by quoting it.
fn describe_shape(text: &str, is_secret: bool) -> String {
    if !is_secret {
        return format!("\"{text}\"");
    }
    let kind = if text.bytes().all(|b| b.is_ascii_digit()) {
        "digits"
    } else if text.bytes().all(|b| b.is_ascii_hexdigit()) {
        "hex characters"
    } else {
        "characters"
    };
    format!("{} {kind}", text.chars().count())
}

fn check_server_client_pairs(vendor: Vendor, pairs: &[(&str, &str)], ctx: &mut OfflineContext<'_>) {
    let section = Section::of_vendor(vendor);
    for (server_key, client_key) in pairs {
        let server = match ctx.config.secret(section, server_key, ctx.env) {
            Some(Ok(secret)) => secret,
            _ => continue,
        };
        let client = match section.key(client_key).map(|k| k.kind) {
            Some(crate::config::Kind::Secret) => {
                match ctx.config.secret(section, client_key, ctx.env) {
                    Some(Ok(secret)) => secret.value.expose().to_owned(),
                    _ => continue,
                }
            }
            _ => match ctx.config.text(section, client_key) {
                Some(text) => text.value,
                None => continue,
            },
        };
        if server.value.expose().trim() == client.trim() && !client.trim().is_empty() {
            let mut finding = Finding::new(
                Rule::OppoMasterSecretIsAppSecret,
                format!("`{}` (the server's secret) has the same value as `{}` (the app's key)", section.path(server_key), section.path(client_key)),
            )
            .vendor(vendor)
            .help(format!(
                "in the {} console copy the server-side secret into `{server_key}`; the two are different values",
                vendor.display_name()
            ));
            finding.location = server.location.clone();
            ctx.report(finding);
        }
    }
}

/// Shape helpers for the vendors' formats.
pub mod shapes {
    pub fn digits(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }

    pub fn hex32(s: &str) -> bool {
        s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
    }

    pub fn uuid(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
            && parts
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    pub fn uuid_or_hex32(s: &str) -> bool {
        uuid(s) || hex32(s)
    }
}

#[cfg(test)]
mod tests;
