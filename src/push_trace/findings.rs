//! The trace joined with the app's configuration: each device's first failed hop (the verdict,
//! its code explained from the vendor's table or Tencent's), its certificate ID against
//! `pushdiag.toml`'s business ID for its vendor, and its notification switch.

use crate::config::{Config, Section};
use crate::findings::{Finding, Location, Rule};
use crate::vendor::Vendor;
use crate::vendors::push::VendorCode;
use crate::vendors::tim::timpush_codes;

use super::{DeviceTrace, Hop, HopTrace, Status};

/// The certificate IDs `pushdiag.toml` gives per vendor (`business-id`; APNs one per
/// environment), with where each is written.
#[derive(Clone, Debug, Default)]
pub struct CertIds {
    ids: Vec<(Vendor, &'static str, String, Option<Location>)>,
    /// What the app's own code registers, per vendor: the ID and where, in words
    /// ("20004 (`vivo_buz_id` of `PushAppInfo` in push_config.dart, lib/push_config.dart:17)").
    app: Vec<(Vendor, String, String)>,
    /// `[apns] environment`, with where it is written.
    apns_environment: Option<(String, Option<Location>)>,
}

impl CertIds {
    pub fn of(config: &Config) -> CertIds {
        let mut ids = Vec::new();
        for vendor in Vendor::ALL {
            let keys: &[&'static str] = match vendor {
                Vendor::Tim => &[],
                Vendor::Apns => &["business-id-development", "business-id-production"],
                _ => &["business-id"],
            };
            for key in keys {
                let section = Section::of_vendor(vendor);
                if let Some(value) = config.text(section, key) {
                    let id = value.value.trim().to_owned();
                    if !id.is_empty() {
                        ids.push((vendor, *key, id, value.location));
                    }
                }
            }
        }
        let apns_environment = config
            .text(Section::Apns, "environment")
            .map(|e| (e.value.trim().to_owned(), e.location));
        CertIds {
            ids,
            app: Vec::new(),
            apns_environment,
        }
    }

    /// Adds what the app's code registers (`check-config`'s reading of the app in the config's
    /// folder), so a finding can say which value in which file the token came from.
    pub fn with_app(mut self, code: &crate::project::code::AppCode) -> CertIds {
        use crate::project::code::{is_placeholder, Field};
        for registered in &code.registered {
            if registered.field != Field::BusinessId || is_placeholder(&registered.value) {
                continue;
            }
            let at = &registered.location;
            self.app.push((
                registered.vendor,
                registered.value.trim().to_owned(),
                format!(
                    "{} ({}, {}:{})",
                    registered.value.trim(),
                    registered.origin,
                    at.source,
                    at.line
                ),
            ));
        }
        self
    }

    /// What to do about a token bound to `bound` when the config says otherwise: when the app's
    /// code already registers the config's ID, the phone runs another build.
    fn mismatch_help(&self, vendor: Vendor, bound: &str) -> String {
        let configured: Vec<&str> = self
            .of_vendor(vendor)
            .iter()
            .map(|(_, _, id, _)| id.as_str())
            .collect();
        let agrees = self
            .app
            .iter()
            .find(|(v, value, _)| *v == vendor && configured.contains(&value.as_str()));
        match agrees {
            Some((.., said)) => format!(
                "the app's code already registers {said}, as pushdiag.toml says: the phone runs a build that registered {bound} (an older build, or another app); install the current build and log in again"
            ),
            None => format!(
                "the device registered with certificate ID {bound}: either the app's registration ({}) or pushdiag.toml's [{vendor}] is wrong; the IM console's offline push certificates list the right one",
                self.registration(vendor)
            ),
        }
    }

    /// Where the app passes its certificate ID for `vendor`: what its code registers when the
    /// app was read, else where each stack keeps it.
    fn registration(&self, vendor: Vendor) -> String {
        let app: Vec<&str> = self
            .app
            .iter()
            .filter(|(v, ..)| *v == vendor)
            .map(|(.., said)| said.as_str())
            .collect();
        if app.is_empty() {
            registration_key(vendor).to_owned()
        } else {
            format!("the app's code registers {}", app.join(" and "))
        }
    }

    /// For tests: `(vendor, key, id)` without locations.
    pub fn from_pairs(pairs: &[(Vendor, &'static str, &str)]) -> CertIds {
        CertIds {
            ids: pairs
                .iter()
                .map(|(v, k, id)| (*v, *k, (*id).to_owned(), None))
                .collect(),
            app: Vec::new(),
            apns_environment: None,
        }
    }

    /// For tests: `[apns] environment`.
    pub fn with_apns_environment(mut self, environment: &str) -> CertIds {
        self.apns_environment = Some((environment.to_owned(), None));
        self
    }

    fn of_vendor(&self, vendor: Vendor) -> Vec<&(Vendor, &'static str, String, Option<Location>)> {
        self.ids.iter().filter(|(v, ..)| *v == vendor).collect()
    }
}

/// A device is done when a hop failed or the device (or click) hop succeeded; otherwise the
/// push may still be on its way.
pub fn is_final(device: &DeviceTrace) -> bool {
    device.failed_hop().is_some()
        || [Hop::Device, Hop::Click]
            .iter()
            .any(|h| device.hop(*h).is_some_and(|h| h.status == Status::Ok))
}

/// Every finding of the devices: notification switch, certificate ID, the first failed hop.
pub fn findings(devices: &[DeviceTrace], cert_ids: &CertIds) -> Vec<Finding> {
    let mut findings = Vec::new();
    for device in devices {
        let vendor = device.platform.vendor();
        if device.notification_enabled == Some(false) {
            findings.push(notification_off(device));
        }
        let failed = device.failed_hop();
        let no_cert_code = failed.is_some_and(|h| h.code == Some(-1));
        // A device without a token never registered for push: its failed hop says so (-2).
        if device.cert_id_missing() && (!device.token.is_empty() || no_cert_code) {
            findings.push(cert_missing(device));
        } else if let Some(vendor) = vendor {
            findings.extend(cert_mismatch(device, vendor, cert_ids));
            if vendor == Vendor::Apns {
                findings.extend(apns_environment(device, cert_ids));
            }
        }
        if let Some(hop) = failed.filter(|_| !no_cert_code) {
            findings.push(hop_failed(device, hop));
        }
    }
    findings
}

/// An APNs token bound to one environment's certificate ID while `[apns] environment` names the
/// other: the token is a sandbox (or production) token, and pushdiag's own test pushes to it
/// (`send-test --vendor apns`) go to the other APNs server and get `BadDeviceToken`. Which
/// environment a token belongs to is read from the certificate ID it is bound to: the trace's
/// `System` only says "APNS" (not found: an environment field).
fn apns_environment(device: &DeviceTrace, cert_ids: &CertIds) -> Option<Finding> {
    let (configured, location) = cert_ids.apns_environment.as_ref()?;
    let bound = device.cert_id.trim();
    let (_, key, ..) = cert_ids
        .of_vendor(Vendor::Apns)
        .into_iter()
        .find(|(_, _, id, _)| id == bound)?;
    let token_environment = key.strip_prefix("business-id-")?;
    if token_environment == configured {
        return None;
    }
    let mut finding = Finding::new(
        Rule::ApnsEnvironmentMismatch,
        format!(
            "{}: the token is bound to cert ID {bound}, the {token_environment} certificate ({key}), but [apns] environment is \"{configured}\"",
            device.label()
        ),
    )
    .vendor(Vendor::Apns)
    .help(format!(
        "the device runs a {token_environment} build: set [apns] environment = \"{token_environment}\" to test it with `pushdiag send-test --vendor apns`, or test a {configured} build"
    ));
    finding.location = location.clone();
    Some(finding)
}

fn notification_off(device: &DeviceTrace) -> Finding {
    let checklist = device
        .platform
        .vendor()
        .and_then(notification_step)
        .map(|(vendor, step)| {
            format!("; `pushdiag checklist --vendor {vendor}` walks it (step {step})")
        })
        .unwrap_or_default();
    about(Finding::new(
        Rule::NotificationDisabled,
        format!(
            "{}: the phone's notification switch for the app is off (NotificationStatus 0): the push can arrive but shows nothing",
            device.label()
        ),
    ), device.platform.vendor())
    .help(format!(
        "on the phone, turn on notifications for the app (system settings > notifications; on Android also the notification channel){checklist}"
    ))
}

/// The checklist step about the notification switch, per vendor.
pub(crate) fn notification_step(vendor: Vendor) -> Option<(Vendor, &'static str)> {
    let step = match vendor {
        Vendor::Apns => "apns-notification-permission",
        Vendor::Fcm => "fcm-allow-notifications",
        Vendor::Huawei => "huawei-allow-notifications",
        Vendor::Honor => "honor-allow-notifications",
        Vendor::Xiaomi => "xiaomi-allow-notifications",
        Vendor::Oppo => "oppo-allow-notifications",
        Vendor::Vivo => "vivo-allow-notifications",
        Vendor::Meizu => "meizu-allow-notifications",
        Vendor::Tim => return None,
    };
    Some((vendor, step))
}

fn cert_missing(device: &DeviceTrace) -> Finding {
    let key = device
        .platform
        .vendor()
        .map(|v| registration_key(v).to_owned())
        .unwrap_or_else(|| "the vendor's certificate ID".to_owned());
    about(Finding::new(
        Rule::PushCertIdMissing,
        format!(
            "{}: the token was registered without a certificate ID (CertId {:?}), so Tencent does not know which vendor credentials to push with",
            device.label(),
            device.cert_id
        ),
    ), device.platform.vendor())
    .help(format!(
        "pass the console's certificate ID in the app's push registration ({key}); `pushdiag check-config --project DIR` shows what the app passes"
    ))
}

/// Where the app passes its certificate ID, per vendor, on TIMPush.
fn registration_key(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Apns => "iOS: the TIMPushDelegate's businessID",
        Vendor::Xiaomi => "timpush-configs.json xiaomiPushBussinessId",
        Vendor::Huawei => "timpush-configs.json huaweiPushBussinessId",
        Vendor::Honor => "timpush-configs.json honorPushBussinessId",
        Vendor::Vivo => "timpush-configs.json vivoPushBussinessId",
        Vendor::Oppo => "timpush-configs.json oppoPushBussinessId",
        Vendor::Meizu => "timpush-configs.json meizuPushBussinessId",
        Vendor::Fcm => "timpush-configs.json fcmPushBussinessId",
        Vendor::Tim => "the certificate ID",
    }
}

fn cert_mismatch(device: &DeviceTrace, vendor: Vendor, cert_ids: &CertIds) -> Option<Finding> {
    let configured = cert_ids.of_vendor(vendor);
    let bound = device.cert_id.trim();
    if configured.is_empty() || configured.iter().any(|(_, _, id, _)| id == bound) {
        return None;
    }
    let says: Vec<String> = configured
        .iter()
        .map(|(_, key, id, _)| format!("{key} = {id}"))
        .collect();
    let mut finding = Finding::new(
        Rule::PushCertIdMismatch,
        format!(
            "{}: the token is bound to cert ID {bound}, the config says {}",
            device.label(),
            says.join(", ")
        ),
    )
    .vendor(vendor)
    .help(cert_ids.mismatch_help(vendor, bound));
    finding.location = configured
        .first()
        .and_then(|(.., location)| location.clone());
    Some(finding)
}

/// What a hop's code means: the vendor's table on the vendor hop, Tencent's otherwise.
fn explained(device: &DeviceTrace, hop: &HopTrace) -> (String, Option<String>, String) {
    let code = hop.code.unwrap_or_default();
    let vendor = device.platform.vendor();
    if hop.hop == Hop::Vendor {
        if let Some(vendor) = vendor {
            let entry = crate::vendors::get(vendor);
            if let Some(found) = entry.codes().iter().find(|c| c.code == code) {
                return (
                    vendor.display_name().to_owned(),
                    Some(found.meaning.to_owned()),
                    found.fix.to_owned(),
                );
            }
            let info = hop.info.as_deref().unwrap_or_default();
            if let Some(found) = crate::vendors::push::find_reason(entry.reasons(), info) {
                return (
                    vendor.display_name().to_owned(),
                    Some(found.meaning.to_owned()),
                    found.fix.to_owned(),
                );
            }
            if let Some(found) = timpush(code) {
                return (
                    vendor.display_name().to_owned(),
                    Some(found.meaning.to_owned()),
                    found.fix.to_owned(),
                );
            }
            return (
                vendor.display_name().to_owned(),
                None,
                format!(
                    "see `pushdiag explain {} {code}` and the vendor's code list",
                    vendor.id()
                ),
            );
        }
    }
    match timpush(code).or_else(|| crate::vendors::tim::codes::lookup(code)) {
        Some(found) => ("Tencent".to_owned(), Some(found.meaning.to_owned()), found.fix.to_owned()),
        None => (
            "Tencent".to_owned(),
            None,
            "Tencent does not document this code; `pushdiag explain timpush` lists the ones it does".to_owned(),
        ),
    }
}

fn timpush(code: i64) -> Option<&'static VendorCode> {
    timpush_codes::lookup(code)
}

fn hop_failed(device: &DeviceTrace, hop: &HopTrace) -> Finding {
    let (who, meaning, fix) = explained(device, hop);
    let code = hop.code.map_or("?".to_owned(), |c| c.to_string());
    let info = hop
        .info
        .as_deref()
        .map(|i| format!(" {i:?}"))
        .unwrap_or_default();
    let meaning = meaning.map(|m| format!(": {m}")).unwrap_or_default();
    let vendor = match hop.hop {
        Hop::Vendor | Hop::Device | Hop::Click => device.platform.vendor(),
        Hop::Im | Hop::Offline => Some(Vendor::Tim),
    };
    about(
        Finding::new(
            Rule::PushHopFailed,
            format!(
                "{}: the push died at the {} hop: {who} answered {code}{info}{meaning}",
                device.label(),
                hop.hop.title()
            ),
        ),
        vendor,
    )
    .help(fix)
}

/// `finding` about `vendor`, when the trace names one.
fn about(finding: Finding, vendor: Option<Vendor>) -> Finding {
    match vendor {
        Some(vendor) => finding.vendor(vendor),
        None => finding,
    }
}

#[cfg(test)]
mod tests;
