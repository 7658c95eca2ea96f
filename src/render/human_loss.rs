//! The human format of `pushdiag loss`: a table of sent / delivered / clicked per platform with
//! each platform's buckets under it, then every app-wide bucket with what it means and its fix.
//!
//! ```text
//! push loss since 24h (unix time 1700000000 to 1700086400)
//!   platform  sendable  sent  delivered  clicked  lost
//!   APNs           400   380        300       15  5 (1.3%)
//!         5  -1 no certificate ID
//!   all           1000   700        400       20  544 (54.4%)
//!
//! where the pushes were lost:
//!     167  -1 no certificate ID (没有设置证书id): the device reported a token without …
//!          fix: pass the IM console's certificate ID …
//! ```

use std::io::{self, Write};

use crate::push_loss::{Bucket, PushLoss, Row};

/// Writes `loss`; `bold` styles the headings.
pub fn write(
    out: &mut dyn Write,
    loss: &PushLoss,
    bold: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    writeln!(
        out,
        "{} (unix time {} to {})",
        bold(&format!("push loss since {}", loss.since)),
        loss.start_time,
        loss.end_time
    )?;
    let names: Vec<String> = loss.platforms.iter().map(|p| p.platform.name()).collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .chain(["platform".len(), "all".len()])
        .max()
        .unwrap_or(8);
    writeln!(
        out,
        "  {:width$}  {:>9}  {:>9}  {:>9}  {:>9}  lost",
        "platform", "sendable", "sent", "delivered", "clicked"
    )?;
    for (name, platform) in names.iter().zip(&loss.platforms) {
        row(out, name, width, &platform.row)?;
        for bucket in &platform.row.buckets {
            writeln!(
                out,
                "  {:>9}  {} {}",
                bucket.count, bucket.code, bucket.title
            )?;
        }
    }
    row(out, "all", width, &loss.all)?;
    if !loss.has_buckets() {
        writeln!(
            out,
            "\nloss buckets: not asked: Tencent keeps them for 7 days (ask --since 7d or less)"
        )?;
    } else if loss.all.buckets.is_empty() {
        writeln!(
            out,
            "\nno loss buckets: Tencent reports no lost push in the window"
        )?;
    } else {
        writeln!(out, "\n{}", bold("where the pushes were lost:"))?;
        for b in &loss.all.buckets {
            bucket(out, b)?;
        }
    }
    writeln!(
        out,
        "note: delivered and clicked count only where the vendors' receipts are configured (FCM reports none): a low count there is not proof of loss\n"
    )
}

fn row(out: &mut dyn Write, name: &str, width: usize, row: &Row) -> io::Result<()> {
    let lost = match (row.lost, row.loss_percent) {
        (Some(lost), Some(pct)) => format!("{lost} ({pct:.1}%)"),
        (Some(lost), None) => lost.to_string(),
        (None, _) => "-".to_owned(),
    };
    // Pad by characters: a platform name may one day hold more than ASCII.
    let pad = width.saturating_sub(name.chars().count());
    writeln!(
        out,
        "  {name}{:pad$}  {:>9}  {:>9}  {:>9}  {:>9}  {lost}",
        "", row.total, row.sent, row.delivered, row.clicked
    )
}

fn bucket(out: &mut dyn Write, b: &Bucket) -> io::Result<()> {
    let info = if b.info.is_empty() || b.title.contains(&b.info) {
        String::new()
    } else {
        format!(" ({})", b.info)
    };
    writeln!(
        out,
        "  {:>9}  {} {}{info}: {}",
        b.count, b.code, b.title, b.meaning
    )?;
    writeln!(out, "  {:>9}  fix: {}", "", b.fix)
}
