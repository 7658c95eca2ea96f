//! What Tencent's push service remembers of each push it makes to a device, and making one.
//!
//! Every offline push to a device (a `sendmsg` C2C message's, or one receiver's of a
//! `timpush/batch`) gets a PushID and a record of each hop (`timpush.md` §3.3): IM accepted, the
//! offline-push decision (certificate ID, token), the vendor's real verdict on the forwarded push,
//! arrival (only with vendor receipts) and the click (only when the device state says so). The
//! trace, statistics and loss APIs answer from these records.
//!
//! Memory stays bounded: the last [`MAX_RECORDS`] records are kept, the oldest dropped.

use std::collections::VecDeque;

use super::{ForwardedPush, Shared};
use crate::emulator::registry::{App, PushToken, TimUser};
use crate::emulator::table::builtin_business_id;
use crate::emulator::{clock, lock};
use crate::outcome::{Outcome, PushResult};
use crate::vendor::Vendor;

/// Records kept; older ones are dropped (their traces then answer "no push record").
pub(super) const MAX_RECORDS: usize = 10_000;

/// The offline-push decision's codes and Tencent's texts for them (`timpush.md` §5.1, the
/// loss API's example).
pub(super) const NO_CERT_ID: (i64, &str) = (-1, "没有设置证书id");
pub(super) const NO_TOKEN: (i64, &str) = (-2, "没有上传token");
/// A forwarded push that got no verdict from the vendor (no forwarder, the vendor unreachable):
/// Tencent's "internal error" (91000, §5.2). The reference names no pipeline code for it; this is
/// the emulator's choice.
const NO_VERDICT: i64 = 91000;
/// The text of a stage that went well, as Tencent's trace example shows it.
pub(super) const SUCCESS: &str = "success";

/// What a push was made for.
#[derive(Clone, Debug)]
pub(super) enum Origin {
    /// A `sendmsg` C2C message (traced by `normal_push_trace`).
    Message { msg_key: String },
    /// One receiver of a `timpush/batch` (traced by `all_member_push_trace`).
    Batch { task_id: String },
}

/// A hop of the push chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hop {
    Im,
    Offline,
    Vendor,
    Device,
    Click,
}

impl Hop {
    pub fn as_str(self) -> &'static str {
        match self {
            Hop::Im => "im",
            Hop::Offline => "offline",
            Hop::Vendor => "vendor",
            Hop::Device => "device",
            Hop::Click => "click",
        }
    }
}

/// What happened at one hop, and when (unix seconds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub ok: bool,
    pub code: i64,
    pub info: String,
    pub time: u64,
}

impl Stage {
    fn ok(time: u64) -> Stage {
        Stage {
            ok: true,
            code: 0,
            info: SUCCESS.to_owned(),
            time,
        }
    }

    fn failed((code, info): (i64, &str), time: u64) -> Stage {
        Stage {
            ok: false,
            code,
            info: info.to_owned(),
            time,
        }
    }
}

/// One push to one device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushRecord {
    /// Counts up for the emulator's lifetime: what `pushdiag emulate` has printed.
    pub seq: u64,
    pub push_id: String,
    /// The batch's `TaskId`; `None` for a message's push.
    pub task_id: Option<String>,
    /// The message's `MsgKey`; `None` for a batch push.
    pub msg_key: Option<String>,
    /// The IM app (SDKAppID).
    pub sdk_app_id: String,
    pub user: String,
    /// Unix seconds.
    pub time: u64,
    /// `PushPlatform` (§3.6): 0 unknown, 1 APNs, 2 Xiaomi, 3 Huawei, 4 FCM, 5 Meizu, 6 OPPO,
    /// 7 vivo, 8 Honor.
    pub platform: u8,
    /// `APNS` or `Android`, as the trace's `System`.
    pub system: String,
    pub token: String,
    /// The certificate ID the token is bound to; 0 for none.
    pub cert_id: u32,
    pub sdk_version: String,
    pub push_version: String,
    pub notification: bool,
    pub im: Stage,
    pub offline: Option<Stage>,
    pub vendor: Option<Stage>,
    pub device: Option<Stage>,
    pub click: Option<Stage>,
}

impl PushRecord {
    /// What happened at `hop`; `None` when it was not reached (or has no receipt).
    pub fn stage(&self, hop: Hop) -> Option<&Stage> {
        match hop {
            Hop::Im => Some(&self.im),
            Hop::Offline => self.offline.as_ref(),
            Hop::Vendor => self.vendor.as_ref(),
            Hop::Device => self.device.as_ref(),
            Hop::Click => self.click.as_ref(),
        }
    }

    /// The first hop that failed, if any.
    pub fn failed_hop(&self) -> Option<Hop> {
        [Hop::Im, Hop::Offline, Hop::Vendor, Hop::Device, Hop::Click]
            .into_iter()
            .find(|hop| self.stage(*hop).is_some_and(|s| !s.ok))
    }
}

/// The records kept, oldest first, capped at [`MAX_RECORDS`].
#[derive(Default)]
pub(super) struct Records {
    list: VecDeque<PushRecord>,
    next_seq: u64,
}

impl Records {
    pub(super) fn add(&mut self, mut record: PushRecord) {
        record.seq = self.next_seq;
        self.next_seq += 1;
        if self.list.len() == MAX_RECORDS {
            self.list.pop_front();
        }
        self.list.push_back(record);
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &PushRecord> {
        self.list.iter()
    }
}

/// `PushPlatform` of a vendor (§3.6).
pub(super) fn push_platform(vendor: Vendor) -> u8 {
    match vendor {
        Vendor::Apns => 1,
        Vendor::Xiaomi => 2,
        Vendor::Huawei => 3,
        Vendor::Fcm => 4,
        Vendor::Meizu => 5,
        Vendor::Oppo => 6,
        Vendor::Vivo => 7,
        Vendor::Honor => 8,
        Vendor::Tim => 0,
    }
}

/// The certificate ID the emulated console gives a vendor's credentials: the built-in one where
/// the table has it, else 10000 + `PushPlatform` (APNs 10001 would clash with Xiaomi's, so the
/// table's IDs come first; the emulator's choice).
fn console_cert_id(vendor: Vendor) -> u32 {
    builtin_business_id(vendor).unwrap_or(20000 + u32::from(push_platform(vendor)))
}

/// 32 random bits.
fn random_u32() -> u32 {
    uuid::Uuid::new_v4().as_u128() as u32
}

/// 60 random bits, as 15 hex digits.
fn random_hex15() -> String {
    format!("{:015x}", (uuid::Uuid::new_v4().as_u128() as u64) >> 4)
}

/// A PushID in the shape of Tencent's callback example
/// (`67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421`): five `_`-separated hex
/// groups, the first the time.
fn mint_push_id(time: u64) -> String {
    format!(
        "{time:08x}_{:08x}_{:08x}_{}_{}",
        random_u32(),
        random_u32(),
        random_hex15(),
        random_hex15()
    )
}

/// A batch `TaskId` in the shape of Tencent's example
/// (`batch_667015d4_537529d8_2000005e80aa873_d03ac87_56f5e750`: the time, the SDKAppID — 0x537529d8
/// is 1400187352 — then random groups).
pub(super) fn mint_task_id(time: u64, sdk_app_id: &str) -> String {
    let app: u64 = sdk_app_id.parse().unwrap_or_default();
    format!(
        "batch_{time:08x}_{app:08x}_{}_{:x}_{:08x}",
        random_hex15(),
        random_u32() >> 4,
        random_u32()
    )
}

/// Makes the offline push of one message or batch to `user`'s device and records it: the
/// decision (token, certificate ID), the forward to the emulated vendor, and the hops after it.
/// The vendor's answer and the token on a forward; else why no push was made.
pub(super) async fn push_to_device(
    shared: &Shared,
    im_app: &App,
    user: &TimUser,
    content: ForwardedPush,
    origin: Origin,
) -> Result<(PushResult, PushToken), String> {
    let now = clock::now();
    let state = &user.device;
    let token = user.push.clone();
    let cert_id = match (state.cert_id, &token) {
        (Some(0), _) => 0,
        (_, Some(token)) => state
            .bound_cert_id
            .or(state.cert_id)
            .unwrap_or_else(|| console_cert_id(token.vendor)),
        (cert_id, None) => state.bound_cert_id.or(cert_id).unwrap_or_default(),
    };
    let ios = token.as_ref().map_or_else(
        || user.platform.starts_with("iP"),
        |t| t.vendor == Vendor::Apns,
    );
    let (task_id, msg_key) = match origin {
        Origin::Message { msg_key } => (None, Some(msg_key)),
        Origin::Batch { task_id } => (Some(task_id), None),
    };
    let mut record = PushRecord {
        seq: 0,
        push_id: mint_push_id(now),
        task_id,
        msg_key,
        sdk_app_id: im_app.app_id.clone(),
        user: user.id.clone(),
        time: now,
        platform: token.as_ref().map_or(0, |t| push_platform(t.vendor)),
        system: if ios { "APNS" } else { "Android" }.to_owned(),
        token: token.as_ref().map(|t| t.token.clone()).unwrap_or_default(),
        cert_id,
        sdk_version: state.sdk_version.clone(),
        push_version: state.push_version.clone(),
        notification: state.notification,
        im: Stage::ok(now),
        offline: None,
        vendor: None,
        device: None,
        click: None,
    };
    let outcome = decide_and_forward(shared, user, token, content, &mut record).await;
    lock(&shared.tim).timpush.records.add(record);
    outcome
}

async fn decide_and_forward(
    shared: &Shared,
    user: &TimUser,
    token: Option<PushToken>,
    mut push: ForwardedPush,
    record: &mut PushRecord,
) -> Result<(PushResult, PushToken), String> {
    let now = record.time;
    let Some(token) = token else {
        record.offline = Some(Stage::failed(NO_TOKEN, now));
        return Err(format!("{} has no push token: no push", user.id));
    };
    if user.device.cert_id == Some(0) {
        record.offline = Some(Stage::failed(NO_CERT_ID, now));
        return Err(format!(
            "{} registered its token without a certificate ID: no push",
            user.id
        ));
    }
    let Some(vendor_app) = shared.registry.find(token.vendor, &token.app_id) else {
        // No certificate for the token's vendor app in the console: Tencent's -1 covers a
        // deleted certificate too (§5.1).
        record.offline = Some(Stage::failed(NO_CERT_ID, now));
        return Err(format!(
            "the IM app holds no {} credentials for app {}",
            token.vendor.display_name(),
            token.app_id
        ));
    };
    record.offline = Some(Stage::ok(now));
    push.target = token.token.clone();
    match super::forward(shared, vendor_app, push).await {
        Err(why) => {
            record.vendor = Some(Stage::failed((NO_VERDICT, &why), clock::now()));
            Err(why)
        }
        Ok(result) => {
            let at = clock::now();
            record.vendor = Some(verdict(&result, at));
            if result.outcome == Outcome::Accepted && user.device.receipts {
                record.device = Some(Stage::ok(at));
                if user.device.clicked {
                    record.click = Some(Stage::ok(at));
                }
            }
            Ok((result, token))
        }
    }
}

/// The vendor hop: the vendor's own code and text (vivo 10302, APNs 410 Unregistered, Xiaomi's
/// reason), as Tencent passes them through (§5.1).
fn verdict(result: &PushResult, at: u64) -> Stage {
    if result.outcome == Outcome::Accepted {
        return Stage::ok(at);
    }
    let code = result
        .vendor_code
        .as_ref()
        .and_then(crate::outcome::AnswerCode::number)
        .or(result.http_status.map(i64::from))
        .unwrap_or(NO_VERDICT);
    let info = result
        .vendor_message
        .clone()
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| result.outcome.as_str().to_owned());
    Stage {
        ok: false,
        code,
        info,
        time: at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(user: &str) -> PushRecord {
        PushRecord {
            seq: 0,
            push_id: String::new(),
            task_id: None,
            msg_key: None,
            sdk_app_id: "1".into(),
            user: user.into(),
            time: 0,
            platform: 0,
            system: "Android".into(),
            token: String::new(),
            cert_id: 0,
            sdk_version: String::new(),
            push_version: String::new(),
            notification: true,
            im: Stage::ok(0),
            offline: None,
            vendor: None,
            device: None,
            click: None,
        }
    }

    /// Memory stays bounded: the oldest record goes when the cap is reached.
    #[test]
    fn records_keep_the_last_ten_thousand() {
        let mut records = Records::default();
        for n in 0..=MAX_RECORDS {
            records.add(record(&n.to_string()));
        }
        assert_eq!(records.iter().count(), MAX_RECORDS);
        assert_eq!(
            records.iter().next().map(|r| (r.user.as_str(), r.seq)),
            Some(("1", 1))
        );
    }

    #[test]
    fn ids_have_tencents_shapes() {
        let push_id = mint_push_id(0x6712_0c46);
        let groups: Vec<&str> = push_id.split('_').collect();
        assert_eq!(groups.len(), 5, "{push_id}");
        assert_eq!(groups[0], "67120c46");
        let task = mint_task_id(0x6670_15d4, "1400187352");
        assert!(task.starts_with("batch_667015d4_537529d8_"), "{task}");
        assert_eq!(task.split('_').count(), 6);
    }
}
