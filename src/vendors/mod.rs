//! One module per vendor behind one trait. Each vendor's declarative [`spec::Spec`] (its
//! `spec.rs`: config keys, credentials and their formats, the server secrets that must not be a
//! client key, endpoints, test mode) feeds `config::schema`, `check-config`'s offline checks,
//! `pushdiag init` and `docs/config.md`; the trait adds the vendor's table of result codes and
//! any offline checks the spec cannot say. The shared shapes of a test push live in [`push`].
//!
//! Adding a vendor: add its folder (`spec.rs` with its `SPEC`, `codes.rs`, the client) and one
//! line to [`all`] below (plus its `Vendor` variant and `Section`, which the CLI contract names).

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
pub mod refusal;
mod signed_client;
pub mod spec;
pub mod tim;
mod token_client;
pub mod vivo;
pub mod xiaomi;

use crate::config::{Config, Environment, Section};
use crate::findings::{Finding, Located, Location, Rule, Severity};
use crate::project::ProjectFacts;
use crate::secret::Secret;
use crate::vendor::Vendor;

use spec::Key;
pub use spec::{shapes, Format, Side};

/// What a vendor check reads and where it reports.
pub struct OfflineContext<'a> {
    pub config: &'a Config,
    pub env: &'a Environment,
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
    /// The vendor's declarative spec (its `spec.rs`).
    fn spec(&self) -> &'static spec::Spec;

    fn vendor(&self) -> Vendor {
        self.spec().vendor
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
        let spec = self.spec();
        check_credentials(spec.vendor, spec.credentials(), ctx);
        check_server_client_pairs(spec.vendor, spec.server_client_pairs, ctx);
    }
}

/// `pub struct $vendor;` and its [`PushVendor`] impl from the vendor's `spec::SPEC`, its table
/// of `codes` or `reasons` (if it has one) and its own `check_offline` (if the shared offline
/// checks do not do).
macro_rules! push_vendor {
    ($vendor:ident $(, codes: $codes:expr)? $(, reasons: $reasons:expr)? $(, check_offline: $check:expr)? $(,)?) => {
        pub struct $vendor;

        impl $crate::vendors::PushVendor for $vendor {
            fn spec(&self) -> &'static $crate::vendors::spec::Spec {
                &spec::SPEC
            }

            $(fn codes(&self) -> &'static [$crate::vendors::push::VendorCode] {
                $codes
            })?

            $(fn reasons(&self) -> &'static [$crate::vendors::push::VendorReason] {
                $reasons
            })?

            $(fn check_offline(&self, ctx: &mut $crate::vendors::OfflineContext<'_>) {
                $check(ctx)
            })?
        }
    };
}
pub(crate) use push_vendor;

/// An `application/x-www-form-urlencoded` body (UTF-8, `+` for spaces), as the form-based
/// vendor APIs and the OAuth servers take it.
pub(crate) fn form(pairs: &[(&str, &str)]) -> String {
    // `Url`'s query serializer is the WHATWG form encoder; any base will do.
    let Ok(mut url) = reqwest::Url::parse("http://localhost/") else {
        return String::new();
    };
    url.query_pairs_mut().extend_pairs(pairs);
    url.query().unwrap_or_default().to_owned()
}

/// Milliseconds since the Unix epoch: the `timestamp` that signs and headers carry (0 if the
/// clock is before 1970).
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A signature as sent, or the mask `--dry-run` shows in its place (`make` is not run then, so
/// the secret is only used when a request is really sent).
pub(crate) fn signed_or_masked(masked: bool, make: impl FnOnce() -> String) -> String {
    if masked {
        crate::secret::MASK.to_owned()
    } else {
        make()
    }
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

/// Every vendor, in the contract's order (`Vendor::ALL`'s): the one list of vendors.
const ALL: [&dyn PushVendor; 9] = [
    &apns::Apns,
    &fcm::Fcm,
    &huawei::Huawei,
    &honor::Honor,
    &xiaomi::Xiaomi,
    &oppo::Oppo,
    &vivo::Vivo,
    &meizu::Meizu,
    &tim::Tim,
];

/// Every vendor, in the contract's order.
pub fn all() -> [&'static dyn PushVendor; 9] {
    ALL
}

/// A vendor's entry in [`all`]: the list is in the order of `Vendor`'s variants (a test checks
/// it), so the variant's discriminant is its index.
pub fn get(vendor: Vendor) -> &'static dyn PushVendor {
    ALL[vendor as usize]
}

/// A vendor's declarative spec.
pub fn spec(vendor: Vendor) -> &'static spec::Spec {
    get(vendor).spec()
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

/// A credential's value as the offline checks see it: a plain value is quoted in messages so the
/// user sees the stray character; a secret stays in its type, only measured, never copied out.
enum Credential {
    Plain(String),
    Secret(Secret),
}

impl Credential {
    /// Spaces, newlines or quotes around the value.
    fn is_padded(&self) -> bool {
        match self {
            // The same test as a secret's, on a value that is not one.
            Credential::Plain(text) => Secret::new(text.as_str()).is_padded(),
            Credential::Secret(secret) => secret.is_padded(),
        }
    }

    fn satisfies(&self, check: fn(&str) -> bool) -> bool {
        match self {
            Credential::Plain(text) => check(text),
            Credential::Secret(secret) => secret.satisfies(check),
        }
    }

    /// How a message names the value: quoted, or "the value" for a secret.
    fn shown(&self) -> String {
        match self {
            Credential::Plain(text) => format!("\"{text}\""),
            Credential::Secret(_) => String::from("the value"),
        }
    }

    /// What the value looks like: quoted, or its shape ("32 hex characters") for a secret.
    fn shape(&self) -> String {
        match self {
            Credential::Plain(_) => self.shown(),
            Credential::Secret(secret) => secret.shape(),
        }
    }

    /// Whether `secret` holds this value (trimmed, not blank).
    fn is_also(&self, secret: &Secret) -> bool {
        match self {
            Credential::Plain(text) => secret.same_as(text),
            Credential::Secret(other) => secret.same_as_secret(other),
        }
    }
}

/// Presence and format of each credential.
pub fn check_credentials<'k>(
    vendor: Vendor,
    credentials: impl IntoIterator<Item = &'k Key>,
    ctx: &mut OfflineContext<'_>,
) {
    let section = Section::of_vendor(vendor);
    for credential in credentials {
        let is_secret = credential.kind == crate::config::Kind::Secret;
        let value: Option<Located<Credential>> = if is_secret {
            ctx.secret(vendor, credential.name)
                .map(|s| Located::new(Credential::Secret(s.value), s.location))
        } else {
            ctx.config
                .text(section, credential.name)
                .map(|t| Located::new(Credential::Plain(t.value), t.location))
        };
        let Some(value) = value else {
            if is_secret && ctx.config.setting(section, credential.name).is_some() {
                continue; // Set but unresolvable: already reported by `secret`.
            }
            let side = match credential.side {
                Some(Side::Client) => " (the app's)",
                Some(Side::Server) => " (the server's)",
                Some(Side::Both) | None => "",
            };
            let mut finding = Finding::new(
                Rule::CredentialMissing,
                format!("`{}`{side} is not set", section.path(credential.name)),
            )
            .vendor(vendor)
            .help(format!(
                "copy it from the {} console into pushdiag.toml, or set {}",
                vendor.display_name(),
                section.env_var(credential.name)
            ));
            finding.location = ctx.section_location(section);
            ctx.report(finding);
            continue;
        };
        check_format(vendor, section, credential, &value, ctx);
    }
}

fn check_format(
    vendor: Vendor,
    section: Section,
    credential: &Key,
    value: &Located<Credential>,
    ctx: &mut OfflineContext<'_>,
) {
    let path = section.path(credential.name);
    if value.value.is_padded() {
        let mut finding = Finding::new(
            Rule::CredentialMalformed,
            format!(
                "`{path}` has spaces or quotes around {}; vendors compare credentials exactly",
                value.value.shown()
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
    if value.value.satisfies(format.matches) {
        return;
    }
    let certainty = if format.inferred { "usually " } else { "" };
    let mut finding = Finding::new(
        Rule::CredentialMalformed,
        // `format.source` is an internal reference key: it stays in the data, not in the message.
        format!(
            "`{path}` is {}, but a {} {} is {certainty}{}",
            value.value.shape(),
            vendor.display_name(),
            credential.name,
            format.expected,
        ),
    )
    .vendor(vendor)
    .help(format!(
        "copy `{}` again from the {} console; check it is not another field's value",
        credential.name,
        vendor.display_name()
    ));
    if format.inferred {
        finding.severity = Severity::Warning;
    }
    finding.location = value.location.clone();
    ctx.report(finding);
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
                    Some(Ok(secret)) => Credential::Secret(secret.value),
                    _ => continue,
                }
            }
            _ => match ctx.config.text(section, client_key) {
                Some(text) => Credential::Plain(text.value),
                None => continue,
            },
        };
        if client.is_also(&server.value) {
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

#[cfg(test)]
mod tests;
