//! The pushes the emulator accepted: the last N kept whole (a ring), every one counted.
//!
//! A load test sends tens of thousands of pushes a second; keeping each with its whole request
//! grew the emulator by over a gigabyte in ten seconds (issue 16). Tests and `pushdiag emulate`
//! need only the recent ones whole, and the totals.

use std::collections::{BTreeMap, VecDeque};

use super::RecordedPush;
use crate::vendor::Vendor;

/// How many accepted pushes are kept whole unless `emulate --keep` says otherwise: enough for any
/// test and a screenful of history, a few megabytes at most.
pub const DEFAULT_KEEP: usize = 10_000;

/// The accepted pushes: the last `keep` whole, and counters over all of them.
#[derive(Debug)]
pub(super) struct PushLog {
    kept: VecDeque<RecordedPush>,
    keep: usize,
    /// Pushes accepted since the start; the oldest kept one is number `accepted - kept.len()`.
    accepted: u64,
    by_vendor: BTreeMap<Vendor, u64>,
}

/// What the emulator accepted since it started.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PushCounts {
    /// Every push accepted, kept or not.
    pub accepted: u64,
    /// The same, per vendor.
    pub by_vendor: BTreeMap<Vendor, u64>,
    /// How many of them are still kept whole ([`crate::emulator::Emulator::pushes`]).
    pub kept: usize,
}

impl PushLog {
    pub(super) fn new(keep: usize) -> PushLog {
        PushLog {
            kept: VecDeque::new(),
            keep,
            accepted: 0,
            by_vendor: BTreeMap::new(),
        }
    }

    /// Records an accepted push, forgetting the oldest beyond `keep`.
    pub(super) fn push(&mut self, push: RecordedPush) {
        self.accepted += 1;
        *self.by_vendor.entry(push.vendor).or_default() += 1;
        if self.keep == 0 {
            return;
        }
        if self.kept.len() == self.keep {
            self.kept.pop_front();
        }
        self.kept.push_back(push);
    }

    /// Keeps at most `keep` from now on (the oldest go first).
    pub(super) fn set_keep(&mut self, keep: usize) {
        self.keep = keep;
        while self.kept.len() > keep {
            self.kept.pop_front();
        }
    }

    /// The kept pushes, oldest first.
    pub(super) fn kept(&self) -> Vec<RecordedPush> {
        self.kept.iter().cloned().collect()
    }

    /// The kept pushes numbered `from` and later (0 is the first ever accepted), and how many
    /// after `from` were already forgotten.
    pub(super) fn since(&self, from: u64) -> (Vec<RecordedPush>, u64) {
        let oldest = self.accepted - self.kept.len() as u64;
        let skip = from.saturating_sub(oldest);
        let forgotten = oldest.saturating_sub(from);
        let recent = self
            .kept
            .iter()
            .skip(usize::try_from(skip).unwrap_or(usize::MAX))
            .cloned()
            .collect();
        (recent, forgotten)
    }

    pub(super) fn counts(&self) -> PushCounts {
        PushCounts {
            accepted: self.accepted,
            by_vendor: self.by_vendor.clone(),
            kept: self.kept.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn push(n: u64, vendor: Vendor) -> RecordedPush {
        RecordedPush {
            vendor,
            app_id: "10004".to_owned(),
            target: "t".to_owned(),
            title: format!("push {n}"),
            body: String::new(),
            ext: None,
            test_mode: true,
            request_id: None,
            task_id: n.to_string(),
            payload: serde_json::Value::Null,
        }
    }

    /// Issue 16: under load the record grew without bound. Push N + 100 times: the last N are
    /// kept, in order, and the counters count all N + 100.
    #[test]
    fn the_record_stays_bounded_and_the_counters_count_everything() {
        const N: usize = 50;
        let mut log = PushLog::new(N);
        for n in 0..(N as u64 + 100) {
            let vendor = if n % 2 == 0 {
                Vendor::Vivo
            } else {
                Vendor::Huawei
            };
            log.push(push(n, vendor));
        }
        let kept = log.kept();
        assert_eq!(kept.len(), N);
        assert_eq!(kept[0].task_id, "100");
        assert_eq!(kept[N - 1].task_id, "149");
        let counts = log.counts();
        assert_eq!(counts.accepted, 150);
        assert_eq!(counts.kept, N);
        assert_eq!(counts.by_vendor[&Vendor::Vivo], 75);
        assert_eq!(counts.by_vendor[&Vendor::Huawei], 75);
        // What the log lines ask for: from push 140, ten kept; from push 90, all kept and 10
        // already forgotten; from the end, none.
        let (recent, forgotten) = log.since(140);
        assert_eq!((recent.len(), forgotten), (10, 0));
        assert_eq!(recent[0].task_id, "140");
        let (recent, forgotten) = log.since(90);
        assert_eq!((recent.len(), forgotten), (N, 10));
        assert_eq!(log.since(150).0.len(), 0);
        // Keeping fewer drops the oldest; keeping none still counts.
        log.set_keep(5);
        assert_eq!(log.kept()[0].task_id, "145");
        log.set_keep(0);
        log.push(push(150, Vendor::Vivo));
        assert!(log.kept().is_empty());
        assert_eq!(log.counts().accepted, 151);
    }
}
