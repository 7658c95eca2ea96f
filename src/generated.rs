//! Files generated from the code and committed: `docs/rules.md`, `docs/config.md`,
//! `docs/checklists.md` and `completions/*`, and the parts of hand-written docs between markers
//! (vendor code tables, the fault matrix of `docs/reliability.md`, whose rows live in
//! `tests/fault_matrix.toml`). Tests
//! regenerate them and fail when the committed copies are stale (`PUSHDIAG_BLESS=1` rewrites
//! them).

use clap::CommandFactory;
use clap_complete::Shell;

use crate::findings::Rule;

/// `docs/rules.md`: every rule, from the registry.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from src/findings/registry.rs and src/findings/docs/ by `PUSHDIAG_BLESS=1 cargo test`; do not edit. -->\n\n\
         Every finding pushdiag reports carries one of these stable rule names. Change a rule's severity with\n\
         `--deny RULE`, `--warn RULE` or `--allow RULE`; `pushdiag explain RULE` prints the same text.\n\n\
         | rule | default | command | summary |\n| --- | --- | --- | --- |\n",
    );
    // What the table row and the section both say of a rule.
    let about = |rule: &Rule| {
        let severity = rule.default_severity().as_str();
        (rule.name(), severity, rule.command(), rule.summary())
    };
    for rule in Rule::ALL {
        let (name, severity, command, summary) = about(rule);
        out.push_str(&format!(
            "| [`{name}`](#{name}) | {severity} | `{command}` | {summary} |\n"
        ));
    }
    for rule in Rule::ALL {
        let (name, severity, command, summary) = about(rule);
        out.push_str(&format!(
            "\n## {name}\n\nDefault severity: **{severity}**. Command: `{command}`.\n\n{summary}\n"
        ));
        // The per-rule docs use level-2 headings; nest them under the rule's.
        for line in rule.doc().trim_end().lines() {
            if let Some(rest) = line.strip_prefix("## ") {
                out.push_str(&format!("\n### {rest}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// `docs/config.md`: the prose below plus one table per section, from `config::schema`.
pub fn config_markdown() -> String {
    use crate::config::{Kind, Section};
    let mut out = String::from(include_str!("../docs/config.head.md"));
    for section in Section::ALL {
        let title = if section == Section::Root {
            "Top level".to_owned()
        } else {
            format!("`[{}]`", section.name())
        };
        out.push_str(&format!("\n### {title}\n\n| key | type | environment override | meaning |\n| --- | --- | --- | --- |\n"));
        for key in section.keys() {
            let kind = match key.kind {
                Kind::Secret => "secret".to_owned(),
                other => other.describe(),
            };
            out.push_str(&format!(
                "| `{}` | {} | `{}` | {} |\n",
                key.name,
                kind,
                section.env_var(key.name),
                key.doc
            ));
        }
    }
    out
}

/// `docs/checklists.md`: every checklist step, from `checklists/*.toml`.
pub fn checklists_markdown() -> anyhow::Result<String> {
    crate::checklist::markdown()
}

/// The shells `pushdiag completions` supports, with the committed file for each.
pub const COMPLETION_FILES: &[(Shell, &str)] = &[
    (Shell::Bash, "pushdiag.bash"),
    (Shell::Zsh, "_pushdiag"),
    (Shell::Fish, "pushdiag.fish"),
    (Shell::PowerShell, "_pushdiag.ps1"),
    (Shell::Elvish, "pushdiag.elv"),
];

/// The completion script for `shell`.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "pushdiag", &mut out);
    out
}

/// The markers in `docs/vendors/<vendor>.md` between which the vendor's code table is generated.
pub const CODES_BEGIN: &str = "<!-- codes:begin: generated from the vendor's codes.rs by `PUSHDIAG_BLESS=1 cargo test --test cli generated`; do not edit -->";
pub const CODES_END: &str = "<!-- codes:end -->";

/// A vendor's table of result codes (numbers) or reasons (APNs' `reason`, FCM's `errorCode`) as
/// Markdown, from its `codes.rs`; `None` for a vendor without one (Honor publishes none). The
/// tables' `source` fields are keys into pushdiag's own reference notes, not URLs, so they are
/// left out.
pub fn vendor_codes_markdown(vendor: crate::vendor::Vendor) -> Option<String> {
    let entry = crate::vendors::get(vendor);
    let cell = |text: &str| text.replace('|', "\\|");
    let rule = |rule: Option<Rule>, credential: Option<&str>| match (rule, credential) {
        (Some(rule), Some(key)) => format!("`{}` (`{key}`)", rule.name()),
        (Some(rule), None) => format!("`{}`", rule.name()),
        // Success, or an answer that counts as unknown ("busy, try later").
        (None, _) => "(no finding)".to_owned(),
    };
    let weak = |weak: bool| if weak { " (weak)" } else { "" };
    let mut out = String::new();
    if !entry.codes().is_empty() {
        out.push_str("| code | meaning | what to do | rule |\n| --- | --- | --- | --- |\n");
        for code in entry.codes() {
            out.push_str(&format!(
                "| {} | {}{} | {} | {} |\n",
                code.code,
                cell(code.meaning),
                weak(code.weak),
                cell(code.fix),
                rule(code.rule, code.credential)
            ));
        }
    } else if !entry.reasons().is_empty() {
        out.push_str(
            "| reason | HTTP | meaning | what to do | rule |\n| --- | --- | --- | --- | --- |\n",
        );
        for reason in entry.reasons() {
            out.push_str(&format!(
                "| {} | {} | {}{} | {} | {} |\n",
                reason.reason,
                reason.status,
                cell(reason.meaning),
                weak(reason.weak),
                cell(reason.fix),
                rule(reason.rule, None)
            ));
        }
    } else {
        return None;
    }
    Some(out)
}

/// Where a vendor's doc lives: `docs/vendors/<vendor>.md`, and Tencent IM's `docs/tim.md`.
pub fn vendor_doc(vendor: crate::vendor::Vendor) -> String {
    match vendor {
        crate::vendor::Vendor::Tim => "docs/tim.md".to_owned(),
        other => format!("docs/vendors/{}.md", other.id()),
    }
}

/// `doc` (a committed `docs/vendors/<vendor>.md`) with the text between [`CODES_BEGIN`] and
/// [`CODES_END`] replaced by `table`; `None` when the markers are missing.
pub fn with_codes(doc: &str, table: &str) -> Option<String> {
    between(doc, CODES_BEGIN, CODES_END, table)
}

/// `doc` with the text between the markers `begin` and `end` replaced by `table` (a generated
/// part of a document whose prose is written by hand: the code tables, the fault matrix in
/// `docs/reliability.md`); `None` when a marker is missing.
pub fn between(doc: &str, begin: &str, end: &str, table: &str) -> Option<String> {
    let start = doc.find(begin)? + begin.len();
    let stop = start + doc[start..].find(end)?;
    Some(format!("{}\n\n{table}\n{}", &doc[..start], &doc[stop..]))
}
