//! The app-wide picture `pushdiag loss` shows: sent, delivered and clicked per platform (from
//! `normal_push_statistics`), and each loss bucket (from `normal_push_loss`) with its count and
//! what it means. A model, not presentation: `render/` writes it, `commands/loss.rs` builds it.
//!
//! The loss percentage is the lost pushes (the sum of the loss buckets) over the pushes that
//! could be sent (`TotalCount`, 可发送数量). Tencent does not say whether the `-1`/`-2` buckets
//! are inside `TotalCount`; pushdiag takes the ratio as the docs describe it and never divides
//! by zero (no sendable push: no percentage).

mod meaning;
pub mod window;

use serde::Serialize;

pub use meaning::{Cause, Meaning};

use crate::findings::{Finding, Rule};
use crate::vendor::Vendor;
use crate::vendors::tim::timpush_stats::{Counts, LossAnswer, LossRow, LossStage, Statistics};

/// A `PushPlatform` as Tencent sent it (`timpush.md` §3.6): 1 APNs … 8 Honor; 0 and values
/// Tencent adds later are kept and shown raw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Platform(pub i64);

impl Platform {
    pub fn vendor(self) -> Option<Vendor> {
        Some(match self.0 {
            1 => Vendor::Apns,
            2 => Vendor::Xiaomi,
            3 => Vendor::Huawei,
            4 => Vendor::Fcm,
            5 => Vendor::Meizu,
            6 => Vendor::Oppo,
            7 => Vendor::Vivo,
            8 => Vendor::Honor,
            _ => return None,
        })
    }

    /// The vendor id (`apns`), `unknown` for 0, or the raw number for a value pushdiag does not
    /// know.
    pub fn id(self) -> String {
        match (self.vendor(), self.0) {
            (Some(vendor), _) => vendor.id().to_owned(),
            (None, 0) => "unknown".to_owned(),
            (None, raw) => raw.to_string(),
        }
    }

    /// For people: `APNs`, `platform 0 (unknown)`, `platform 9 (not known to pushdiag)`.
    pub fn name(self) -> String {
        match (self.vendor(), self.0) {
            (Some(vendor), _) => vendor.display_name().to_owned(),
            (None, 0) => "platform 0 (unknown)".to_owned(),
            (None, raw) => format!("platform {raw} (not known to pushdiag)"),
        }
    }
}

impl Serialize for Platform {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id())
    }
}

/// One loss bucket: Tencent's code, count and text, and what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// `ready_to_send` (lost before a vendor was asked) or `post_send` (not delivered).
    pub stage: &'static str,
    pub platform: Option<Platform>,
    pub push_platform: Option<i64>,
    pub code: String,
    pub count: u64,
    pub info: String,
    pub title: String,
    pub meaning: String,
    pub fix: String,
    pub cause: Cause,
    pub rule: Option<&'static str>,
    pub vendor: Option<Vendor>,
}

impl Bucket {
    fn of(row: &LossRow) -> Bucket {
        let platform = row.platform.map(Platform);
        let m = meaning::explain(row.stage, platform, &row.code, &row.info);
        Bucket {
            stage: match row.stage {
                LossStage::ReadyToSend => "ready_to_send",
                LossStage::PostSend => "post_send",
            },
            platform,
            push_platform: row.platform,
            code: row.code.clone(),
            count: row.count,
            info: row.info.clone(),
            title: m.title,
            meaning: m.meaning,
            fix: m.fix,
            cause: m.cause,
            rule: m.rule.map(Rule::name),
            vendor: m.vendor,
        }
    }
}

/// Sent / delivered / clicked and the loss of one platform, or of the whole app.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub total: u64,
    pub sent: u64,
    pub delivered: u64,
    pub clicked: u64,
    /// The sum of the buckets' counts; null when the buckets were not asked (over 7 days).
    pub lost: Option<u64>,
    /// `lost` / `total` in percent, rounded to 0.1; null without buckets or with `total` 0.
    pub loss_percent: Option<f64>,
    pub buckets: Vec<Bucket>,
}

impl Row {
    fn new(counts: Counts, buckets: Option<Vec<Bucket>>) -> Row {
        let lost = buckets
            .as_ref()
            .map(|b| b.iter().fold(0u64, |sum, b| sum.saturating_add(b.count)));
        Row {
            total: counts.total,
            sent: counts.sent,
            delivered: counts.delivered,
            clicked: counts.clicked,
            lost,
            loss_percent: lost.and_then(|lost| percent(lost, counts.total)),
            buckets: buckets.unwrap_or_default(),
        }
    }
}

/// `part` of `whole` in percent, rounded to 0.1; None for a `whole` of 0.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    if whole == 0 {
        return None;
    }
    let exact = part as f64 * 100.0 / whole as f64;
    Some((exact * 10.0).round() / 10.0)
}

/// A platform's row, named.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformRow {
    pub platform: Platform,
    pub push_platform: i64,
    #[serde(flatten)]
    pub row: Row,
}

/// What `pushdiag loss` found for one window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PushLoss {
    /// `--since` as written.
    pub since: String,
    pub start_time: i64,
    pub end_time: i64,
    /// The whole app: counts and the app-wide buckets.
    #[serde(flatten)]
    pub all: Row,
    pub platforms: Vec<PlatformRow>,
    /// `--max-loss`, when given.
    pub max_loss: Option<f64>,
}

impl PushLoss {
    /// The model from the two answers; `loss` is None when the buckets were not asked.
    pub fn new(
        since: &str,
        window: crate::vendors::tim::timpush_stats::TimeWindow,
        stats: &Statistics,
        loss: Option<&LossAnswer>,
        max_loss: Option<f64>,
    ) -> PushLoss {
        let buckets = |rows: &[LossRow]| rows.iter().map(Bucket::of).collect::<Vec<_>>();
        let all = Row::new(stats.counts, loss.map(|l| buckets(&l.rows)));
        // Every platform either answer names, in PushPlatform order.
        let mut names: Vec<i64> = stats.platforms.iter().map(|(p, _)| *p).collect();
        if let Some(loss) = loss {
            names.extend(loss.platform_rows.iter().filter_map(|r| r.platform));
        }
        names.sort_unstable();
        names.dedup();
        let platforms = names
            .into_iter()
            .map(|raw| {
                let counts = stats
                    .platforms
                    .iter()
                    .filter(|(p, _)| *p == raw)
                    .map(|(_, c)| *c)
                    .next()
                    .unwrap_or_default();
                let rows = loss.map(|l| {
                    let mine: Vec<LossRow> = l
                        .platform_rows
                        .iter()
                        .filter(|r| r.platform == Some(raw))
                        .cloned()
                        .collect();
                    buckets(&mine)
                });
                PlatformRow {
                    platform: Platform(raw),
                    push_platform: raw,
                    row: Row::new(counts, rows),
                }
            })
            .collect();
        PushLoss {
            since: since.to_owned(),
            start_time: window.start,
            end_time: window.end,
            all,
            platforms,
            max_loss,
        }
    }

    /// Whether the loss buckets were asked (a window of at most 7 days).
    pub fn has_buckets(&self) -> bool {
        self.all.lost.is_some()
    }

    /// The findings: one per app-caused bucket kind (with the platforms it hit), and, with
    /// `--max-loss`, one when the loss percentage is above it.
    pub fn findings(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for bucket in self.all.buckets.iter().filter(|b| b.count > 0) {
            let Some(rule) = bucket.rule.and_then(Rule::from_name) else {
                continue;
            };
            let hit: Vec<String> = self
                .platforms
                .iter()
                .flat_map(|p| p.row.buckets.iter().map(move |b| (p, b)))
                .filter(|(_, b)| b.code == bucket.code && b.stage == bucket.stage && b.count > 0)
                .map(|(p, b)| format!("{} {}", p.platform.name(), b.count))
                .collect();
            let on = if hit.is_empty() {
                String::new()
            } else {
                format!(" ({})", hit.join(", "))
            };
            findings.push(
                Finding::new(
                    rule,
                    format!(
                        "{} {}: {} {} since {}: {}{on}",
                        bucket.code,
                        bucket.title,
                        bucket.count,
                        if bucket.count == 1 {
                            "push was lost"
                        } else {
                            "pushes were lost"
                        },
                        self.since,
                        bucket.meaning
                    ),
                )
                .vendor(Vendor::Tim)
                .help(bucket.fix.clone()),
            );
        }
        if let (Some(max), Some(lost), Some(pct)) =
            (self.max_loss, self.all.lost, self.all.loss_percent)
        {
            if pct > max {
                let worst = self
                    .all
                    .buckets
                    .iter()
                    .max_by_key(|b| b.count)
                    .map(|b| {
                        format!(
                            "; the largest bucket is code {}, {}, with {}",
                            b.code, b.title, b.count
                        )
                    })
                    .unwrap_or_default();
                findings.push(
                    Finding::new(
                        Rule::PushLossAboveThreshold,
                        format!(
                            "{pct:.1}% of pushes were lost since {} ({lost} of {} sendable), above --max-loss {max}%{worst}",
                            self.since, self.all.total
                        ),
                    )
                    .vendor(Vendor::Tim)
                    .help("fix the largest buckets first (each bucket's fix is in the report); `pushdiag trace` follows one push hop by hop"),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests;
