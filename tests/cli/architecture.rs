//! The module boundaries of issue 12, checked on the source text: the emulator is a judge and
//! imports none of the client code it checks (a mistake shared by both sides would pass every
//! test; `src/emulated/` is where the two meet), and vendors produce results, never their
//! presentation.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable source folder") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The top-level modules a line of code names from the crate root: `crate::x::…`,
/// `crate::{x, y::…}`, or `super::…::x` with enough `super::` to climb out of a file
/// `depth` modules below the root. Comments are not code.
fn root_modules(line: &str, depth: usize) -> Vec<String> {
    let mut code = line.split("//").next().unwrap_or_default().to_owned();
    // Longest chains first; a chain of at least `depth` supers starts at the root (a longer one
    // from an inline module deeper down, or code that does not compile).
    for supers in (depth.max(1)..=depth + 8).rev() {
        code = code.replace(&"super::".repeat(supers), "crate::");
    }
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // A use group: the first segment of each top-level item.
            let mut level = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => level += 1,
                    '}' if level == 0 => break,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        found.push(first_segment(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            found.push(first_segment(&item));
        } else {
            found.push(first_segment(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// `file:line` of each place under `src/<dir>` that names one of `modules` from the root.
fn naming(dir: &str, modules: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&root.join(dir));
    assert!(!files.is_empty(), "no sources under src/{dir}");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        let relative = file.strip_prefix(&root).expect("under src");
        // `src/emulator/vivo.rs` is `crate::emulator::vivo`: two `super::` reach the root;
        // `src/emulator/mod.rs` is `crate::emulator`: one.
        let mut depth = relative.components().count();
        if relative.ends_with("mod.rs") {
            depth -= 1;
        }
        for (number, line) in text.lines().enumerate() {
            for module in root_modules(line, depth) {
                if modules.contains(&module.as_str()) {
                    found.push(format!(
                        "src/{}:{}: names {module}",
                        relative.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn the_emulator_imports_no_client_code() {
    let found = naming("emulator", &["vendors", "config", "render", "commands"]);
    assert!(
        found.is_empty(),
        "the emulator judges the client side, so it must not use it (put glue in src/emulated/):\n{}",
        found.join("\n")
    );
}

#[test]
fn vendors_import_nothing_from_render() {
    let found = naming("vendors", &["render"]);
    assert!(
        found.is_empty(),
        "vendors return results; presenting them is render/'s job:\n{}",
        found.join("\n")
    );
}

/// The check sees each way a path can be spelt, so the empty lists above mean something.
#[test]
fn root_modules_sees_every_spelling() {
    let cases: &[(&str, usize, &[&str])] = &[
        ("use crate::vendors::tim::usersig;", 2, &["vendors"]),
        (
            "    if crate::config::schema::X.contains(c) {",
            2,
            &["config"],
        ),
        (
            "use crate::{config::{Config, Section}, vendor::Vendor};",
            2,
            &["config", "vendor"],
        ),
        ("use super::super::vendors::apns;", 2, &["vendors"]),
        ("use super::super::super::render;", 3, &["render"]),
        ("use super::vendors;", 1, &["vendors"]),
        // Not from the root: a sibling module, and a comment.
        ("use super::registry::App;", 2, &[]),
        ("// was crate::vendors::apns::jwt::now", 2, &[]),
    ];
    for (line, depth, expected) in cases {
        assert_eq!(root_modules(line, *depth), *expected, "{line}");
    }
}
