//! `loss --since`: how far back to look, and the limits Tencent puts on it (`timpush.md` §3.5):
//! `normal_push_statistics` covers at most 30 days, `normal_push_loss` at most 7.

use crate::vendors::tim::timpush_stats::TimeWindow;

/// The longest window `normal_push_loss` takes.
pub const LOSS_MAX_SECS: u64 = 7 * DAY;
/// The longest window `normal_push_statistics` takes.
pub const STATISTICS_MAX_SECS: u64 = 30 * DAY;

const DAY: u64 = 86_400;

/// `--since`: a length of time back from now, as written (`24h`, `7d`, `90m`, `3600s`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Since {
    pub text: String,
    pub secs: u64,
}

/// Parses `--since` (a number and one unit of s, m, h or d).
pub fn parse_since(text: &str) -> Result<Since, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let per_unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => DAY,
        _ => {
            return Err(format!(
                "`{text}` is not a duration: write e.g. 24h, 7d or 90m"
            ))
        }
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration: write e.g. 24h, 7d or 90m"))?;
    if n == 0 {
        return Err(format!("`{text}`: the window must be longer than zero"));
    }
    Ok(Since {
        text: trimmed.to_owned(),
        secs: n.saturating_mul(per_unit),
    })
}

/// What a `--since` lets the run ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub window: TimeWindow,
    /// Whether the loss buckets can be asked (a window of at most 7 days).
    pub buckets: bool,
}

/// The window ending at `now` (unix seconds), or the one-line usage error for one longer than
/// Tencent allows: over 30 days always; over 7 days with `--max-loss`, whose percentage needs
/// the loss buckets.
pub fn plan(since: &Since, now: i64, max_loss: bool) -> Result<Plan, String> {
    if since.secs > STATISTICS_MAX_SECS {
        return Err(format!(
            "--since {}: Tencent keeps push statistics for at most 30 days (loss buckets for 7); ask --since 30d or less",
            since.text
        ));
    }
    let buckets = since.secs <= LOSS_MAX_SECS;
    if !buckets && max_loss {
        return Err(format!(
            "--since {} with --max-loss: the loss percentage needs the loss buckets, which Tencent keeps for at most 7 days; ask --since 7d or less",
            since.text
        ));
    }
    // `secs` is at most 30 days here, so it fits.
    let secs = i64::try_from(since.secs).unwrap_or(i64::MAX);
    Ok(Plan {
        window: TimeWindow {
            start: now.saturating_sub(secs),
            end: now,
        },
        buckets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_number_and_a_unit() {
        assert_eq!(parse_since("24h").map(|s| s.secs), Ok(86_400));
        assert_eq!(parse_since("7d").map(|s| s.secs), Ok(604_800));
        assert_eq!(parse_since("90m").map(|s| s.secs), Ok(5_400));
        assert_eq!(parse_since(" 30s ").map(|s| s.secs), Ok(30));
        for bad in [
            "",
            "24",
            "h",
            "0h",
            "1w",
            "-1d",
            "1.5d",
            "99999999999999999999d",
        ] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_window_ends_now_and_keeps_tencents_limits() {
        let since = |t: &str| parse_since(t).expect("since");
        let plan7 = plan(&since("7d"), 1_000_000, true).expect("7 days");
        assert_eq!(plan7.window.start, 1_000_000 - 604_800);
        assert_eq!(plan7.window.end, 1_000_000);
        assert!(plan7.buckets);
        let plan8 = plan(&since("8d"), 1_000_000, false).expect("statistics only");
        assert!(!plan8.buckets);
        assert!(plan(&since("8d"), 1_000_000, true)
            .expect_err("--max-loss needs buckets")
            .contains("7 days"));
        assert!(plan(&since("31d"), 1_000_000, false)
            .expect_err("over 30 days")
            .contains("30 days"));
        assert!(plan(&since("720h"), 1_000_000, false).is_ok());
    }
}
