//! Tencent's push trace, per device: which hops a push passed (IM server → offline-push decision
//! → vendor server → device → click), each hop's code, and the join with the app's own
//! configuration (`pushdiag.toml`'s certificate IDs). `trace` and `send-test --via timpush` build
//! it from `v4/timpush/normal_push_trace` and `all_member_push_trace`
//! (`crate::vendors::tim::timpush`); the renderers show it as the `trace` array.

mod ask;
mod findings;
mod parse;
mod report;

pub use ask::{push_and_trace, trace, Asked, TRACE_DAYS};
pub use findings::{findings, is_final, CertIds};
pub use parse::{instances, task_age};
pub use report::{joined, report};

use serde::Serialize;

use crate::vendor::Vendor;

/// One hop of the push's chain, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hop {
    /// The IM server accepted the push (`IMCommitStat.IMStat`).
    Im,
    /// Tencent's offline-push decision: certificate ID, token (`OfflineStat`).
    Offline,
    /// The vendor's server (`ChannelStat`).
    Vendor,
    /// The device got it (`DeviceStat`; needs the vendor's receipts).
    Device,
    /// The user tapped it (`ClickStat`; needs the vendor's receipts).
    Click,
}

impl Hop {
    pub const ALL: [Hop; 5] = [Hop::Im, Hop::Offline, Hop::Vendor, Hop::Device, Hop::Click];

    pub fn name(self) -> &'static str {
        match self {
            Hop::Im => "im",
            Hop::Offline => "offline",
            Hop::Vendor => "vendor",
            Hop::Device => "device",
            Hop::Click => "click",
        }
    }

    /// What the hop is, for people.
    pub fn title(self) -> &'static str {
        match self {
            Hop::Im => "IM server",
            Hop::Offline => "offline push (cert ID, token)",
            Hop::Vendor => "vendor server",
            Hop::Device => "device",
            Hop::Click => "click",
        }
    }
}

/// What became of the push at one hop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Failed,
    /// An earlier hop failed, or the trace has no stage for a hop the push should have passed.
    NotReached,
    /// No data: the device and click hops need the vendor's receipts, so their absence proves
    /// nothing; also a stage whose `PushStatus` Tencent does not document.
    Unknown,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Failed => "failed",
            Status::NotReached => "not_reached",
            Status::Unknown => "unknown",
        }
    }

    /// ✓ / ✗ / … / ?
    pub fn mark(self) -> &'static str {
        match self {
            Status::Ok => "✓",
            Status::Failed => "✗",
            Status::NotReached => "…",
            Status::Unknown => "?",
        }
    }
}

/// One hop of one device's trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HopTrace {
    pub hop: Hop,
    pub status: Status,
    /// `ErrorCode` of the stage (0 on success); `None` when the trace has no stage.
    pub code: Option<i64>,
    /// `ErrorInfo`, as Tencent wrote it.
    pub info: Option<String>,
    /// `EventTime`, as Tencent wrote it (`YYYY-MM-DD hh:mm:ss`; the time zone is not documented).
    pub time: Option<String>,
    /// `PushStatus`, raw (only 1 is documented).
    pub push_status: Option<i64>,
}

/// The vendor a device's push goes through: `PushPlatform`, with values Tencent does not
/// document kept raw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Vendor(Vendor),
    /// 0: unknown (also every online event).
    Unknown,
    /// A value beyond the documented 0..8 (HarmonyOS's is not documented).
    Other(i64),
}

impl Platform {
    /// `PushPlatform` (1 APNs, 2 Xiaomi, 3 Huawei, 4 FCM, 5 Meizu, 6 OPPO, 7 vivo, 8 Honor).
    pub fn of(value: Option<i64>) -> Platform {
        match value {
            None | Some(0) => Platform::Unknown,
            Some(1) => Platform::Vendor(Vendor::Apns),
            Some(2) => Platform::Vendor(Vendor::Xiaomi),
            Some(3) => Platform::Vendor(Vendor::Huawei),
            Some(4) => Platform::Vendor(Vendor::Fcm),
            Some(5) => Platform::Vendor(Vendor::Meizu),
            Some(6) => Platform::Vendor(Vendor::Oppo),
            Some(7) => Platform::Vendor(Vendor::Vivo),
            Some(8) => Platform::Vendor(Vendor::Honor),
            Some(other) => Platform::Other(other),
        }
    }

    /// The vendor id, `unknown`, or `push-platform-N` for an undocumented value.
    pub fn id(self) -> String {
        match self {
            Platform::Vendor(vendor) => vendor.id().to_owned(),
            Platform::Unknown => "unknown".to_owned(),
            Platform::Other(n) => format!("push-platform-{n}"),
        }
    }

    pub fn vendor(self) -> Option<Vendor> {
        match self {
            Platform::Vendor(vendor) => Some(vendor),
            _ => None,
        }
    }

    pub fn display_name(self) -> String {
        match self {
            Platform::Vendor(vendor) => vendor.display_name().to_owned(),
            Platform::Unknown => "unknown vendor".to_owned(),
            Platform::Other(n) => format!("PushPlatform {n} (not documented)"),
        }
    }
}

impl Serialize for Platform {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id())
    }
}

/// One device (login instance) in a push's trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeviceTrace {
    /// The UserID asked about (`all_member_push_trace`); `None` for a PushID's trace.
    pub user: Option<String>,
    pub instance_id: String,
    pub platform: Platform,
    /// `PushPlatform`, raw.
    pub push_platform: Option<i64>,
    /// `System` (`APNS`, `Android`, …), raw.
    pub system: String,
    /// The certificate ID the token is bound to; `"0"` or empty: none.
    pub cert_id: String,
    pub token: String,
    pub sdk_version: String,
    pub push_version: String,
    /// `NotificationStatus` 1 → true, 0 → false (inferred: Tencent documents neither); other
    /// values → `None`, kept raw in `notification_status`.
    pub notification_enabled: Option<bool>,
    pub notification_status: Option<i64>,
    pub push_time: Option<String>,
    /// `EventType` of the all-member trace (1 offline, 2 online), raw.
    pub event_type: Option<i64>,
    pub hops: Vec<HopTrace>,
}

impl DeviceTrace {
    /// The first hop that failed: the verdict.
    pub fn failed_hop(&self) -> Option<&HopTrace> {
        self.hops.iter().find(|h| h.status == Status::Failed)
    }

    pub fn hop(&self, hop: Hop) -> Option<&HopTrace> {
        self.hops.iter().find(|h| h.hop == hop)
    }

    /// The token shortened for people: the first 8 and last 4 characters.
    pub fn short_token(&self) -> String {
        shorten(&self.token)
    }

    /// No certificate ID bound: `"0"` or empty (inferred: the trace example shows `"0"` with an
    /// empty token).
    pub fn cert_id_missing(&self) -> bool {
        let id = self.cert_id.trim();
        id.is_empty() || id == "0"
    }

    /// "alice's Xiaomi device 1234…": who and what, for messages.
    pub fn label(&self) -> String {
        let whose = self
            .user
            .as_deref()
            .map(|u| format!("{u}'s "))
            .unwrap_or_default();
        let token = if self.token.is_empty() {
            format!("instance {}", self.instance_id)
        } else {
            format!("token {}", self.short_token())
        };
        format!("{whose}{} device ({token})", self.platform.display_name())
    }
}

/// `0123abcd…wxyz` for a long token; short ones as they are.
pub fn shorten(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() <= 16 {
        return token.to_owned();
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}
