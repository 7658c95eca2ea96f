//! `--deny`, `--warn` and `--allow`: one place that turns a rule's default severity into the one
//! a user asked for, as cargo-deny and clippy do.

use std::collections::HashMap;

use super::{Finding, Rule, Severity};

/// What a user asked a rule (or all warnings) to become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Deny,
    Warn,
    Allow,
}

/// The severity overrides of one run.
#[derive(Clone, Debug, Default)]
pub struct SeverityPolicy {
    per_rule: HashMap<Rule, Level>,
    deny_warnings: bool,
}

impl SeverityPolicy {
    /// Builds the policy from the three flags. Each value is a rule name or `warnings` (meaning
    /// every rule that ends up at warning). A rule named by more than one flag takes the strictest
    /// (deny, then warn, then allow), so a CI script that adds `--deny X` always wins.
    pub fn from_flags(deny: &[String], warn: &[String], allow: &[String]) -> anyhow::Result<Self> {
        let mut policy = SeverityPolicy::default();
        for (names, level) in [
            (allow, Level::Allow),
            (warn, Level::Warn),
            (deny, Level::Deny),
        ] {
            for name in names {
                if name == "warnings" {
                    match level {
                        Level::Deny => policy.deny_warnings = true,
                        // `--warn warnings` and `--allow warnings` change nothing useful; accept
                        // them so scripts that pass a list stay valid.
                        Level::Warn | Level::Allow => {}
                    }
                    continue;
                }
                let rule = Rule::lookup(name)?;
                policy.per_rule.insert(rule, level);
            }
        }
        Ok(policy)
    }

    /// The severity a finding is reported at, or `None` when the user allowed its rule.
    pub fn apply(&self, finding: &Finding) -> Option<Severity> {
        let severity = match self.per_rule.get(&finding.rule) {
            Some(Level::Allow) => return None,
            Some(Level::Deny) => Severity::Error,
            Some(Level::Warn) => Severity::Warning,
            None => finding.severity,
        };
        if self.deny_warnings && severity == Severity::Warning {
            return Some(Severity::Error);
        }
        Some(severity)
    }
}
