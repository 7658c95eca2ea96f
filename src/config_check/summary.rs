//! The last lines of `check-config` on a terminal: one line per vendor, in the manner of
//! `flutter doctor`, so a person sees at a glance which vendor to look at.
//!
//! ```text
//! ✓ vivo: offline ✓ online ✓
//! ✗ xiaomi: offline ✗ online ✓ (2 errors, 1 warning)
//! ```

use colored::Colorize;

use crate::findings::{Finding, Severity, SeverityPolicy};
use crate::outcome::Outcome;
use crate::project::ProjectFacts;
use crate::vendor::Vendor;
use crate::vendors::push::Exchange;

/// One line of the summary: a vendor (or, for findings about no vendor, the app's own files).
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    /// `None`: the package name, the config itself and the app's files.
    pub vendor: Option<Vendor>,
    pub errors: usize,
    pub warnings: usize,
    /// With `--online`: what the vendor answered (the worst of its exchanges).
    pub online: Option<Outcome>,
}

/// The rows for the vendors checked, in the order given, then one for findings about no vendor
/// (only when there are some). Severities are the ones the report used (`--deny/--warn/--allow`).
pub fn rows(
    vendors: &[Vendor],
    findings: &[Finding],
    online: &[(Vendor, Vec<Exchange>)],
    policy: &SeverityPolicy,
) -> Vec<Row> {
    let count = |vendor: Option<Vendor>, severity: Severity| {
        findings
            .iter()
            .filter(|f| f.vendor == vendor && policy.apply(f) == Some(severity))
            .count()
    };
    let answer = |vendor: Vendor| {
        let exchanges = &online.iter().find(|(v, _)| *v == vendor)?.1;
        let outcomes = exchanges.iter().map(|e| e.result.outcome);
        Some(if outcomes.clone().any(|o| o == Outcome::Rejected) {
            Outcome::Rejected
        } else if outcomes.clone().any(|o| o == Outcome::Unreachable) {
            Outcome::Unreachable
        } else {
            Outcome::Accepted
        })
    };
    let mut rows: Vec<Row> = vendors
        .iter()
        .map(|&vendor| Row {
            vendor: Some(vendor),
            errors: count(Some(vendor), Severity::Error),
            warnings: count(Some(vendor), Severity::Warning),
            online: answer(vendor),
        })
        .collect();
    let app = Row {
        vendor: None,
        errors: count(None, Severity::Error),
        warnings: count(None, Severity::Warning),
        online: None,
    };
    if app.errors + app.warnings > 0 {
        rows.push(app);
    }
    rows
}

/// The summary's lines, coloured when `colored` is on.
pub fn lines(rows: &[Row]) -> Vec<String> {
    rows.iter().map(line).collect()
}

fn line(row: &Row) -> String {
    let ok = || "✓".green().to_string();
    let offline = if row.errors > 0 {
        "✗".red().to_string()
    } else if row.warnings > 0 {
        "!".yellow().to_string()
    } else {
        ok()
    };
    let online = row.online.map(|outcome| match outcome {
        Outcome::Accepted => ok(),
        Outcome::Rejected => "✗".red().to_string(),
        Outcome::Unreachable => "?".yellow().to_string(),
    });
    let mark = if row.errors > 0 || row.online == Some(Outcome::Rejected) {
        "✗".red().bold().to_string()
    } else if row.warnings > 0 || row.online == Some(Outcome::Unreachable) {
        "!".yellow().bold().to_string()
    } else {
        "✓".green().bold().to_string()
    };
    let name = match row.vendor {
        Some(vendor) => vendor.id().bold().to_string(),
        None => "app and config".bold().to_string(),
    };
    let mut text = match (row.vendor, online) {
        (None, _) => format!("{mark} {name}:"),
        (Some(_), None) => format!("{mark} {name}: offline {offline}"),
        (Some(_), Some(online)) => format!("{mark} {name}: offline {offline} online {online}"),
    };
    let mut counts = Vec::new();
    if row.errors > 0 {
        counts.push(plural(row.errors, "error"));
    }
    if row.warnings > 0 {
        counts.push(plural(row.warnings, "warning"));
    }
    match (row.vendor, counts.is_empty()) {
        (_, true) => {}
        (None, false) => text = format!("{text} {}", counts.join(", ")),
        (Some(_), false) => text = format!("{text} ({})", counts.join(", ")),
    }
    text
}

/// The one line naming the app's stack and push plugin generation:
/// `app: uni-app with the TencentCloud-Push plugin (TIMPush)`. `None` when the folder shows no app.
pub fn stack_line(facts: &ProjectFacts) -> Option<String> {
    let code = &facts.app_code;
    if code.stacks.is_empty() {
        if facts.layouts.is_empty() {
            return None;
        }
        // A Flutter or uni-app project holds its native folders: the host is what people name.
        use crate::project::Layout;
        let host = facts
            .layouts
            .iter()
            .find(|l| matches!(l, Layout::Flutter | Layout::UniApp));
        let layouts: Vec<&str> = match host {
            Some(host) => vec![host.name()],
            None => facts.layouts.iter().map(|l| l.name()).collect(),
        };
        return Some(format!(
            "app: {} (no Tencent push plugin found in its code or files)",
            layouts.join(" and ")
        ));
    }
    let stacks: Vec<&str> = code.stacks.iter().map(|s| s.name()).collect();
    let generations: Vec<&str> = code.generations().iter().map(|g| g.name()).collect();
    let mixed = if generations.len() > 1 {
        "; both generations at once: check which one the build really uses"
    } else {
        ""
    };
    Some(format!(
        "app: {} ({}{mixed})",
        stacks.join(" and "),
        generations.join(" and ")
    ))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Rule;

    /// The lines themselves are checked end to end (`tests/cli/check_config.rs`), where colour
    /// is under control; here, what goes in them.
    #[test]
    fn a_vendor_with_errors_is_counted_and_allowed_rules_do_not_count() {
        let findings = vec![
            Finding::new(Rule::CredentialMissing, "x").vendor(Vendor::Xiaomi),
            Finding::new(Rule::CredentialMissing, "y").vendor(Vendor::Xiaomi),
            Finding::new(Rule::AndroidPermissionMissing, "z").vendor(Vendor::Xiaomi),
            Finding::new(Rule::PackageNameMismatch, "p"),
        ];
        let row = |vendor, errors, warnings| Row {
            vendor,
            errors,
            warnings,
            online: None,
        };
        let policy = SeverityPolicy::default();
        assert_eq!(
            rows(&[Vendor::Vivo, Vendor::Xiaomi], &findings, &[], &policy),
            [
                row(Some(Vendor::Vivo), 0, 0),
                row(Some(Vendor::Xiaomi), 2, 1),
                row(None, 1, 0),
            ]
        );
        let allow = ["package-name-mismatch".to_owned()];
        let policy = SeverityPolicy::from_flags(&[], &[], &allow).expect("policy");
        assert_eq!(rows(&[], &findings, &[], &policy), []);
    }
}
