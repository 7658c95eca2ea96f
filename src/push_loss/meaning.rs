//! What a loss bucket means, in words, with its fix. Tencent's own pipeline codes (`-1` no
//! certificate ID, `-2` no token; `timpush.md` §5.1) are explained here; a vendor's code goes
//! through that vendor's table (`src/vendors/*/codes.rs`) when the platform says which vendor,
//! or when only one vendor's table knows the text (APNs `Unregistered`).

use serde::Serialize;

use super::Platform;
use crate::findings::Rule;
use crate::vendor::Vendor;
use crate::vendors::push::{find_code, find_reason};
use crate::vendors::tim::timpush_stats::LossStage;

/// Who can fix a bucket's loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The app's own push setup: a release can fix it (a finding reports it).
    AppSetup,
    /// The device: no token, the app uninstalled, the token expired.
    Device,
    /// The vendor refused or dropped the push (quota, content, credentials).
    Vendor,
    /// A code pushdiag does not know.
    Unknown,
}

/// A bucket explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meaning {
    /// A few words: "no certificate ID".
    pub title: String,
    /// What it means, one sentence.
    pub meaning: String,
    pub fix: String,
    pub cause: Cause,
    /// The finding kind this bucket reports, for the buckets the app's setup causes.
    pub rule: Option<Rule>,
    /// The vendor whose table explained the code.
    pub vendor: Option<Vendor>,
}

/// Explains one bucket of `stage` with Tencent's `code` and `info`, on `platform` when the
/// bucket is per platform.
pub fn explain(stage: LossStage, platform: Option<Platform>, code: &str, info: &str) -> Meaning {
    let code = code.trim();
    match (stage, code) {
        // Tencent's pipeline codes: their wording is the one `trace` and `explain timpush`
        // use (`vendors/tim/timpush_codes.rs`); the loss view adds who can fix it.
        (LossStage::ReadyToSend, "-1") => {
            pipeline(-1, "no certificate ID", Cause::AppSetup, platform)
                .with_rule(Rule::PushLossNoCertId)
        }
        (LossStage::ReadyToSend, "-2") => pipeline(-2, "no token", Cause::Device, platform),
        _ => vendor_meaning(platform, code, info).unwrap_or_else(|| unknown(platform, code, info)),
    }
}

/// One of Tencent's pipeline codes, explained from its code table.
fn pipeline(code: i64, title: &str, cause: Cause, platform: Option<Platform>) -> Meaning {
    let known = crate::vendors::tim::timpush_codes::lookup(code);
    Meaning {
        title: title.to_owned(),
        // The table's wording starts with the title ("no token: …"); the loss view shows the
        // title beside it.
        meaning: known
            .map_or("", |c| c.meaning)
            .trim_start_matches(&format!("{title}: ")[..])
            .to_owned(),
        fix: known.map_or("", |c| c.fix).to_owned(),
        cause,
        rule: None,
        vendor: platform.and_then(Platform::vendor),
    }
}

impl Meaning {
    fn with_rule(self, rule: Rule) -> Meaning {
        Meaning {
            rule: Some(rule),
            ..self
        }
    }
}

/// A vendor's reason or code: Tencent's text first (a vendor's reason such as APNs
/// `Unregistered`, then the dead-token words no table holds), and only then the number, since
/// Tencent's `ErrCode` need not be the vendor's (its example has `1` for Xiaomi's
/// `regid_invalid`, and Xiaomi's own code 1 means something else).
fn vendor_meaning(platform: Option<Platform>, code: &str, info: &str) -> Option<Meaning> {
    let candidates: Vec<Vendor> = match platform.map(Platform::vendor) {
        Some(Some(vendor)) => vec![vendor],
        // A platform pushdiag does not know: no table to ask.
        Some(None) => Vec::new(),
        None => Vendor::ALL
            .into_iter()
            .filter(|v| *v != Vendor::Tim)
            .collect(),
    };
    let meaning = |vendor: Vendor, name: String, meaning: &str, fix: &str, rule| Meaning {
        title: format!("{} {name}", vendor.display_name()),
        meaning: meaning.to_owned(),
        fix: fix.to_owned(),
        cause: if is_token_rule(rule) {
            Cause::Device
        } else {
            Cause::Vendor
        },
        rule: None,
        vendor: Some(vendor),
    };
    let mut by_reason: Vec<Meaning> = candidates
        .iter()
        .filter_map(|vendor| {
            let table = crate::vendors::get(*vendor).reasons();
            let found = [info, code]
                .into_iter()
                .filter(|text| !text.is_empty())
                .find_map(|text| match platform {
                    Some(_) => find_reason(table, text),
                    // Without a platform only the exact spelling says which vendor: APNs
                    // `Unregistered`, FCM `UNREGISTERED`.
                    None => table.iter().find(|r| r.reason == text.trim()),
                })?;
            Some(meaning(
                *vendor,
                found.reason.to_owned(),
                found.meaning,
                found.fix,
                found.rule,
            ))
        })
        .collect();
    // Two vendors' tables know the text: which one is meant is not known.
    if by_reason.len() == 1 {
        return by_reason.pop();
    }
    if let Some(dead) = token_text(platform, info) {
        return Some(dead);
    }
    // A bare number is a code only in the platform's own table.
    let vendor = platform.and_then(Platform::vendor)?;
    let number: i64 = code.parse().ok()?;
    let c = find_code(crate::vendors::get(vendor).codes(), number)?;
    Some(meaning(
        vendor,
        c.code.to_string(),
        c.meaning,
        c.fix,
        c.rule,
    ))
}

fn is_token_rule(rule: Option<Rule>) -> bool {
    matches!(
        rule,
        Some(Rule::DeviceTokenMalformed | Rule::DeviceTokenEnvironmentMismatch)
    )
}

/// `regid_invalid` (Tencent's loss example; Xiaomi-style wording) and its kin: no vendor table
/// holds them, but they say the token is dead.
fn token_text(platform: Option<Platform>, info: &str) -> Option<Meaning> {
    let lower = info.to_ascii_lowercase();
    let dead = [
        "regid_invalid",
        "invalid_regid",
        "invalid regid",
        "token invalid",
        "invalid token",
    ];
    if !dead.iter().any(|d| lower.contains(d)) {
        return None;
    }
    Some(Meaning {
        title: format!("invalid token ({info})"),
        meaning: "the vendor no longer knows the device's token: the app was uninstalled, or the token expired or was replaced by a newer one".to_owned(),
        fix: "nothing to fix in the app for uninstalled devices; if the count grows after a release, check that the app uploads its fresh token after every login".to_owned(),
        cause: Cause::Device,
        rule: None,
        vendor: platform.and_then(Platform::vendor),
    })
}

fn unknown(platform: Option<Platform>, code: &str, info: &str) -> Meaning {
    let vendor = platform.and_then(Platform::vendor);
    let fix = match vendor {
        Some(v) => format!("look the code up in {}'s documentation; `pushdiag explain {}` lists the codes pushdiag knows", v.display_name(), v.id()),
        None => "look the code up in Tencent's push troubleshooting guide, or run `pushdiag trace` on one affected push".to_owned(),
    };
    Meaning {
        title: if info.is_empty() {
            format!("code {code}")
        } else {
            info.to_owned()
        },
        meaning: format!("Tencent reports code {code:?} {info:?}, which pushdiag does not know"),
        fix,
        cause: Cause::Unknown,
        rule: None,
        vendor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tencents_own_codes_are_explained_and_the_cert_id_one_is_the_apps() {
        let m = explain(LossStage::ReadyToSend, None, "-1", "没有设置证书id");
        assert_eq!(m.cause, Cause::AppSetup);
        assert_eq!(m.rule, Some(Rule::PushLossNoCertId));
        assert!(m.fix.contains("app-business-id-missing"));
        let m = explain(
            LossStage::ReadyToSend,
            Some(Platform(6)),
            "-2",
            "没有上传token",
        );
        assert_eq!(m.title, "no token");
        assert_eq!(m.vendor, Some(Vendor::Oppo));
    }

    #[test]
    fn apns_410_unregistered_is_found_in_the_apns_table_with_or_without_a_platform() {
        for platform in [None, Some(Platform(1))] {
            let m = explain(LossStage::PostSend, platform, "410", "Unregistered");
            assert_eq!(m.vendor, Some(Vendor::Apns), "{platform:?}");
            assert_eq!(m.cause, Cause::Device);
            assert!(m.title.contains("Unregistered"));
        }
    }

    #[test]
    fn a_vendor_code_goes_through_the_platforms_table() {
        // vivo 10302: unknown regId (the app uninstalled).
        let m = explain(LossStage::PostSend, Some(Platform(7)), "10302", "");
        assert_eq!(m.vendor, Some(Vendor::Vivo));
        assert!(m.title.contains("10302"), "{}", m.title);
        // Without a platform a bare number could be anyone's.
        let m = explain(LossStage::PostSend, None, "10302", "");
        assert_eq!(m.cause, Cause::Unknown);
    }

    #[test]
    fn regid_invalid_is_a_dead_token_and_unknown_codes_are_shown_raw() {
        let m = explain(LossStage::PostSend, Some(Platform(2)), "1", "regid_invalid");
        assert_eq!(m.cause, Cause::Device);
        let m = explain(LossStage::PostSend, Some(Platform(99)), "-7", "新的错误");
        assert_eq!(m.cause, Cause::Unknown);
        assert!(m.meaning.contains("\"-7\""));
        assert_eq!(m.title, "新的错误");
    }
}
