//! Files generated from the code and committed: `docs/rules.md`, `docs/config.md`,
//! `docs/checklists.md` and `completions/*`. Tests
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
    for rule in Rule::ALL {
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | `{2}` | {3} |\n",
            rule.name(),
            rule.default_severity().as_str(),
            rule.command(),
            rule.summary()
        ));
    }
    for rule in Rule::ALL {
        out.push_str(&format!(
            "\n## {}\n\nDefault severity: **{}**. Command: `{}`.\n\n{}\n",
            rule.name(),
            rule.default_severity().as_str(),
            rule.command(),
            rule.summary()
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
