//! Committed files generated from the code must match it: `docs/rules.md`, `docs/config.md`,
//! `docs/checklists.md`, `completions/*`, and the code tables between the `codes:begin` and
//! `codes:end` markers of `docs/vendors/<vendor>.md`.
//! Run `PUSHDIAG_BLESS=1 cargo test --test cli generated` to rewrite them after a change.

use std::path::Path;

use pushdiag::generated::{
    checklists_markdown, completion, config_markdown, rules_markdown, vendor_codes_markdown,
    vendor_doc, with_codes, COMPLETION_FILES,
};

pub fn check_or_bless(relative: &str, expected: &[u8], stale: &mut Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("PUSHDIAG_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(&path, expected).expect("write generated file");
        return;
    }
    match std::fs::read(&path) {
        Ok(committed) if committed == expected => {}
        Ok(_) => stale.push(format!("{relative} is stale")),
        Err(error) => stale.push(format!("{relative} is missing ({error})")),
    }
}

#[test]
fn generated_files_are_up_to_date() {
    let mut stale = Vec::new();
    check_or_bless("docs/rules.md", rules_markdown().as_bytes(), &mut stale);
    check_or_bless("docs/config.md", config_markdown().as_bytes(), &mut stale);
    let checklists = checklists_markdown().expect("checklists parse");
    check_or_bless("docs/checklists.md", checklists.as_bytes(), &mut stale);
    for (shell, file) in COMPLETION_FILES {
        check_or_bless(
            &format!("completions/{file}"),
            &completion(*shell),
            &mut stale,
        );
    }
    // Each vendor doc's code table, between its markers; the prose around it is the doc's own.
    for vendor in pushdiag::vendor::Vendor::ALL {
        let Some(table) = vendor_codes_markdown(vendor) else {
            continue;
        };
        let relative = vendor_doc(vendor);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&relative);
        let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
        match with_codes(&doc, &table) {
            Some(expected) => check_or_bless(&relative, expected.as_bytes(), &mut stale),
            None => stale.push(format!("{relative} has no codes:begin / codes:end markers")),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: PUSHDIAG_BLESS=1 cargo test --test cli generated",
        stale.join("\n")
    );
}

#[test]
fn rules_doc_lists_every_rule_and_its_sections() {
    let markdown = rules_markdown();
    for rule in pushdiag::findings::Rule::ALL {
        assert!(
            markdown.contains(&format!("\n## {}\n", rule.name())),
            "{} missing",
            rule.name()
        );
    }
    assert_eq!(
        markdown.matches("\n### How to fix\n").count(),
        pushdiag::findings::Rule::ALL.len()
    );
}

#[test]
fn completions_command_prints_the_committed_scripts() {
    for (shell, file) in COMPLETION_FILES {
        let output = crate::pushdiag()
            .args(["completions", &shell.to_string()])
            .output()
            .expect("ran");
        assert!(output.status.success(), "{shell}");
        assert_eq!(output.stdout, completion(*shell), "{shell} ({file})");
        let script = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(
            script.contains("lint-ext"),
            "{shell} completion lacks lint-ext"
        );
    }
}
