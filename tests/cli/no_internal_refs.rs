//! Nothing internal in what users see (issue 13): help, `explain`, findings in every format, the
//! README and `docs/` cite only what a user can open (a vendor's documentation by URL, Tencent's
//! guides by their title), never pushdiag's own reference notes ("vendors-cn.md §1.4",
//! "[V-docold]", "apns-fcm-tim.md D.11") or the documents the product was built from ("seed 000",
//! "the seeds"). Those keys belong in code comments.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use pushdiag::cli::Cli;
use pushdiag::findings::Rule;
use pushdiag::vendor::Vendor;

use crate::{pushdiag, Run};

/// The file names of pushdiag's internal reference notes.
const REFERENCE_FILES: [&str; 5] = [
    "vendors-cn.md",
    "vendors-cn",
    "apns-fcm-tim.md",
    "tim-vendor-payloads.md",
    "timpush.md",
];

/// The internal references in `text`, each as "what: the line it is on".
pub fn internal_refs(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let lower = line.to_lowercase();
        let mut hit = |what: &str| found.push(format!("{what}: {}", line.trim()));
        if seed_number(&lower) {
            hit("`seed NNN`");
        }
        if lower.contains("the seeds") || lower.contains("seed documents") {
            hit("`the seeds`");
        }
        if line.contains('§') {
            hit("a `§` section of a reference file");
        }
        if let Some(name) = REFERENCE_FILES.iter().find(|name| lower.contains(*name)) {
            hit(&format!("the reference file `{name}`"));
        }
        if source_key(line) {
            hit("a `[X-yyy]` source key");
        }
        if section_number(line) {
            hit("a reference section number like `D.11`");
        }
    }
    found
}

/// "seed " (or "seeds ") followed by three digits.
fn seed_number(lower: &str) -> bool {
    lower.match_indices("seed").any(|(at, _)| {
        let rest = lower[at + 4..].trim_start_matches('s');
        let digits = rest.strip_prefix(' ').unwrap_or("");
        digits.len() >= 3 && digits.bytes().take(3).all(|b| b.is_ascii_digit())
    })
}

/// A source key such as `[V-docold]`, `[T-errh]`, `[Hn-infoq]`: `[`, a capital and letters, `-`,
/// letters, digits or dashes, `]`.
fn source_key(line: &str) -> bool {
    line.match_indices('[').any(|(at, _)| {
        let rest = &line[at + 1..];
        let Some(end) = rest.find(']') else {
            return false;
        };
        let Some((head, tail)) = rest[..end].split_once('-') else {
            return false;
        };
        head.starts_with(|c: char| c.is_ascii_uppercase())
            && head.chars().all(|c| c.is_ascii_alphabetic())
            && !tail.is_empty()
            && tail.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// A section number of the reference notes (`A.7`, `D.11`): a capital A to D, a dot and digits,
/// standing alone.
fn section_number(line: &str) -> bool {
    let bytes = line.as_bytes();
    (0..bytes.len().saturating_sub(2)).any(|i| {
        matches!(bytes[i], b'A'..=b'D')
            && bytes[i + 1] == b'.'
            && bytes[i + 2].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'))
            && bytes[i + 2..]
                .iter()
                .find(|b| !b.is_ascii_digit())
                .is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

/// Collects the internal references of many outputs and fails once with all of them.
#[derive(Default)]
struct Audit(Vec<String>);

impl Audit {
    fn check(&mut self, what: &str, text: &str) {
        for found in internal_refs(text) {
            self.0.push(format!("{what}: {found}"));
        }
    }

    fn run(&mut self, args: &[&str]) {
        let run = Run::of(pushdiag().args(args).current_dir(root()));
        let what = format!("pushdiag {}", args.join(" "));
        self.check(&what, &run.stdout);
        self.check(&what, &run.stderr);
    }

    fn finish(self) {
        assert!(
            self.0.is_empty(),
            "users would see {} internal references:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_patterns_catch_what_they_should_and_nothing_else() {
    for bad in [
        "fill in vivo's AppID (seed 000)",
        "as the seeds say",
        "see vendors-cn.md §1.4 [V-docold]",
        "Source: apns-fcm-tim.md D.10 [T-errh]",
        "Apple's table (A.7)",
        "[Hn-infoq]",
        "(§6.3)",
    ] {
        assert!(!internal_refs(bad).is_empty(), "not caught: {bad}");
    }
    for good in [
        "[vivo] app-secret",
        "pushdiag explain RULE [CODE]",
        "Tencent's TUIOfflinePush guide (uni-app)",
        "TLS 1.2, HTTP/2, v4/openim/sendmsg",
        "https://dev.mi.com/xiaomihyperos/documentation/detail?pId=1560",
        "[default: human]",
        "a seed of 0123",
    ] {
        assert_eq!(internal_refs(good), Vec::<String>::new(), "{good}");
    }
}

/// Every command's help (`-h` and `--help`, subcommands of subcommands too), `explain --list`,
/// `explain` of every rule.
#[test]
fn help_and_rule_explanations_cite_nothing_internal() {
    let mut audit = Audit::default();
    audit.run(&[]);
    let mut pending = vec![(Vec::<String>::new(), Cli::command())];
    while let Some((path, command)) = pending.pop() {
        for flag in ["-h", "--help"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push(flag);
            audit.run(&args);
        }
        for sub in command.get_subcommands() {
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_owned());
            pending.push((sub_path, sub.clone()));
        }
    }
    audit.run(&["explain", "--list"]);
    for rule in Rule::ALL {
        audit.run(&["explain", rule.name()]);
    }
    audit.finish();
}

/// The example projects under `check-config --emulated --online` in every format (SARIF carries
/// every rule's doc as its help, which GitHub code scanning shows).
#[test]
fn example_projects_findings_cite_nothing_internal() {
    let mut audit = Audit::default();
    for example in ["examples/uniapp-chat", "examples/flutter-chat"] {
        let config = format!("{example}/pushdiag.toml");
        for format in ["human", "json", "github", "sarif"] {
            audit.run(&[
                "check-config",
                "--project",
                example,
                "--config",
                &config,
                "--emulated",
                "--online",
                "--format",
                format,
            ]);
        }
    }
    audit.finish();
}

/// README.md, every Markdown file under `docs/` and `src/findings/docs/`, and the checklists.
#[test]
fn readme_and_docs_cite_nothing_internal() {
    let mut audit = Audit::default();
    let mut files = vec![root().join("README.md")];
    markdown_under(&root().join("docs"), &mut files);
    assert!(files.len() > 10, "docs/ not found: {files:?}");
    // The rule docs and the checklists, comments included: users open these files too.
    markdown_under(&root().join("src/findings/docs"), &mut files);
    for entry in std::fs::read_dir(root().join("checklists")).expect("checklists/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable doc");
        let name = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        audit.check(&name, &text);
    }
    audit.finish();
}

fn markdown_under(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            markdown_under(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            files.push(path);
        }
    }
}

/// `explain VENDOR` for every vendor, and `explain VENDOR CODE` for a sample of each vendor's
/// codes or reasons: the first, the last and every seventh.
#[test]
fn vendor_code_explanations_cite_nothing_internal() {
    let mut audit = Audit::default();
    for vendor in Vendor::ALL {
        audit.run(&["explain", vendor.id()]);
        let entry = pushdiag::vendors::get(vendor);
        let mut codes: Vec<String> = entry.codes().iter().map(|c| c.code.to_string()).collect();
        codes.extend(entry.reasons().iter().map(|r| r.reason.to_owned()));
        let last = codes.len().saturating_sub(1);
        for (index, code) in codes.iter().enumerate() {
            if index % 7 == 0 || index == last {
                audit.run(&["explain", vendor.id(), code]);
            }
        }
    }
    audit.finish();
}

/// Issue 13, item 10: the README says what pushdiag does today. Its `check-config --online`
/// sample has a line for every result the command prints (Tencent IM's `tim auth` included),
/// vivo's authentication codes (102xx) are the ones in vivo's table, installing uses the lock file, CI's
/// Python packages are named, and `docs/ci.md` is linked.
#[test]
fn readme_matches_what_pushdiag_does() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let run = Run::of(
        pushdiag()
            .current_dir(root())
            .env_remove("PUSHDIAG_CONFIG")
            .env_remove("VIVO_APP_SECRET")
            .args(["--emulated", "check-config", "--online"])
            .args(["--project", "examples/uniapp-chat"]),
    );
    let results: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.split_once(": accepted").map(|(head, _)| head))
        .collect();
    assert!(results.contains(&"tim auth"), "{}", run.stdout);
    for result in results {
        assert!(
            readme.contains(&format!("\n{result}: accepted")),
            "the README's sample lacks `{result}`"
        );
    }
    assert!(!readme.contains("not checked online"));

    let auth_codes: Vec<i64> = pushdiag::vendors::get(Vendor::Vivo)
        .codes()
        .iter()
        .map(|code| code.code)
        .filter(|code| (10200..10210).contains(code))
        .collect();
    let (first, last) = (auth_codes.iter().min(), auth_codes.iter().max());
    let range = format!(
        "vivo's authentication codes {}-{}",
        first.expect("codes"),
        last.expect("codes")
    );
    assert!(readme.contains(&range), "the README should say {range}");

    assert!(readme.contains("cargo install --locked --path ."));
    assert!(readme.contains("](docs/ci.md)"));
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    for package in ["tls-sig-api-v2", "firebase-admin"] {
        assert!(
            ci.contains(package) && readme.contains(package),
            "{package}"
        );
    }
}
