//! `lint-ext --summary`: instead of every finding, per rule the count and the first few
//! findings. A flood (one JSON Lines file drew 562 000 identical channel-ID warnings) reads in a
//! screen. Memory is bounded: one tally per rule and severity, each with at most
//! [`FIRST_SHOWN`] findings, and rules are a fixed set.

use crate::findings::{Finding, Rule, Severity};

/// How many findings of each rule a summary shows.
pub const FIRST_SHOWN: usize = 3;

/// One rule's findings at one severity: how many, and the first ones in input order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleTally {
    pub rule: Rule,
    pub severity: Severity,
    pub count: u64,
    /// The first [`FIRST_SHOWN`] findings, whole (their messages may differ: measured values).
    pub first: Vec<Finding>,
}

impl RuleTally {
    /// How the formats that carry only findings (GitHub, SARIF) say a finding stands for more:
    /// the text appended to its message.
    pub fn count_note(&self) -> String {
        let (count, rule, shown) = (self.count, self.rule.name(), self.first.len());
        match count {
            1 => String::new(),
            _ if count <= shown as u64 => format!(" ({count} {rule} findings in all)"),
            _ => format!(" ({count} {rule} findings in all; --summary shows the first {shown})"),
        }
    }
}

/// The tallies, in the order their rules first appeared.
#[derive(Clone, Debug, Default)]
pub struct ByRule {
    tallies: Vec<RuleTally>,
}

impl ByRule {
    /// Counts `finding` (at the severity the policy gave it), keeping it if it is among the
    /// first of its rule.
    pub fn add(&mut self, finding: Finding) {
        let key = (finding.rule, finding.severity);
        // A handful of rules per run: a scan beats hashing.
        match self
            .tallies
            .iter_mut()
            .find(|t| (t.rule, t.severity) == key)
        {
            Some(tally) => {
                tally.count += 1;
                if tally.first.len() < FIRST_SHOWN {
                    tally.first.push(finding);
                }
            }
            None => self.tallies.push(RuleTally {
                rule: finding.rule,
                severity: finding.severity,
                count: 1,
                first: vec![finding],
            }),
        }
    }

    pub fn tallies(&self) -> &[RuleTally] {
        &self.tallies
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_line(rule: Rule, line: u64) -> Finding {
        Finding::new(rule, "no channel ID").at(crate::findings::Location {
            source: "flood.jsonl".into(),
            line,
            column: 1,
            offset: 0,
            pointer: String::new(),
        })
    }

    #[test]
    fn counts_per_rule_and_keeps_the_first_three_in_order() {
        let mut by_rule = ByRule::default();
        for line in 1..=1000 {
            by_rule.add(at_line(Rule::OppoChannelIdMissing, line));
            if line % 100 == 0 {
                by_rule.add(at_line(Rule::ExtMissingEntity, line));
            }
        }
        let tallies = by_rule.tallies();
        assert_eq!(tallies.len(), 2);
        assert_eq!(
            (tallies[0].rule, tallies[0].count),
            (Rule::OppoChannelIdMissing, 1000)
        );
        let lines: Vec<u64> = tallies[0]
            .first
            .iter()
            .map(|f| f.location.as_ref().map_or(0, |l| l.line))
            .collect();
        assert_eq!(lines, [1, 2, 3]);
        assert_eq!(
            (tallies[1].rule, tallies[1].count, tallies[1].first.len()),
            (Rule::ExtMissingEntity, 10, 3)
        );
        assert_eq!(
            tallies[1].count_note(),
            " (10 ext-missing-entity findings in all; --summary shows the first 3)"
        );
        let mut few = tallies[1].clone();
        few.count = 2;
        assert_eq!(few.count_note(), " (2 ext-missing-entity findings in all)");
        few.count = 1;
        assert_eq!(few.count_note(), "");
    }

    #[test]
    fn a_rule_at_two_severities_is_two_tallies() {
        let mut by_rule = ByRule::default();
        let mut warning = at_line(Rule::TitleTooLong, 1);
        warning.severity = Severity::Warning;
        let mut error = at_line(Rule::TitleTooLong, 2);
        error.severity = Severity::Error;
        by_rule.add(warning);
        by_rule.add(error);
        assert_eq!(by_rule.tallies().len(), 2);
    }
}
