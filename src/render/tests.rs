use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use super::*;
use crate::findings::{Rule, Severity};

/// What a renderer was given, for the report's tests.
#[derive(Default)]
struct Seen {
    findings: Vec<Finding>,
    tallies: Vec<RuleTally>,
}

struct Recorder(Rc<RefCell<Seen>>);

impl Renderer for Recorder {
    fn begin(&mut self, _run: &RunInfo) -> io::Result<()> {
        Ok(())
    }
    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        self.0.borrow_mut().findings.push(finding.clone());
        Ok(())
    }
    fn by_rule(&mut self, tallies: &[RuleTally]) -> io::Result<()> {
        self.0.borrow_mut().tallies = tallies.to_vec();
        Ok(())
    }
    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

fn report(policy: SeverityPolicy) -> (Report<'static>, Rc<RefCell<Seen>>) {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let run = RunInfo {
        command: "lint-ext",
        version: "0",
    };
    let report = Report::start(Box::new(Recorder(seen.clone())), policy, &run).expect("start");
    (report, seen)
}

const CONSTANT: &str = "no OPPOChannelID: OPPO phones show nothing";

/// The report fast path: a constant message reaches the renderer still borrowed (no copy per
/// finding); one built at run time quoting a URL with a password is still masked.
#[test]
fn constant_messages_stay_borrowed_and_userinfo_is_still_hidden() {
    let (mut report, seen) = report(SeverityPolicy::default());
    report
        .emit(Finding::new(Rule::OppoChannelIdMissing, CONSTANT))
        .expect("emit");
    report
        .emit(Finding::new(
            Rule::PushRejected,
            format!("refused by https://user:{}@push.example/x", "pw"),
        ))
        .expect("emit");
    report.finish().expect("finish");
    let seen = seen.borrow();
    assert!(
        matches!(&seen.findings[0].message, Cow::Borrowed(m) if m.as_ptr() == CONSTANT.as_ptr())
    );
    assert!(!seen.findings[1].message.contains("pw@"));
}

/// `--summary` changes what is written, never the counts (and so never the exit code).
#[test]
fn a_summary_counts_every_finding_and_writes_only_the_tallies() {
    let policy = SeverityPolicy::from_flags(&["warnings".to_owned()], &[], &[]).expect("policy");
    let (mut report, seen) = report(policy);
    report.summarize();
    for _ in 0..50 {
        report
            .emit(Finding::new(Rule::OppoChannelIdMissing, CONSTANT))
            .expect("emit");
    }
    let summary = report.finish().expect("finish");
    assert_eq!((summary.errors, summary.warnings), (50, 0));
    let seen = seen.borrow();
    assert!(seen.findings.is_empty());
    assert_eq!(seen.tallies.len(), 1);
    assert_eq!(seen.tallies[0].severity, Severity::Error);
    assert_eq!(seen.tallies[0].count, 50);
    assert_eq!(seen.tallies[0].first.len(), FIRST_SHOWN);
}

/// The human output of `n` identical findings reported by `command` at `verbosity`.
fn human(command: &'static str, verbosity: i8, n: usize) -> String {
    let mut out = Vec::new();
    let run = RunInfo {
        command,
        version: "0",
    };
    let renderer = renderer(
        Format::Human,
        Box::new(&mut out),
        Verbosity(verbosity),
        false,
    );
    let mut report = Report::start(renderer, SeverityPolicy::default(), &run).expect("start");
    for _ in 0..n {
        report
            .emit(Finding::new(Rule::OppoChannelIdMissing, CONSTANT))
            .expect("emit");
    }
    report.finish().expect("finish");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn the_human_format_folds_a_flood_unless_verbose() {
    let shown = |text: &str| text.matches(CONSTANT).count();
    let folded = human("lint-ext", 0, 100);
    assert_eq!(shown(&folded), FOLD_AFTER as usize);
    assert!(
        folded.contains("folded 80 findings identical to one shown 20 times (oppo-channel-id-missing: 80); -v shows them all, --summary counts them per rule"),
        "{folded}"
    );
    // Only lint-ext has --summary to suggest.
    assert!(!human("check-config", 0, 100).contains("--summary"));
    // A screenful is not a flood.
    assert!(!human("lint-ext", 0, 20).contains("folded"));
    let verbose = human("lint-ext", 1, 100);
    assert_eq!(shown(&verbose), 100);
    assert!(!verbose.contains("folded"));
}
