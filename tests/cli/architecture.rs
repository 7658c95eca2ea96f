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

/// `docs/architecture.md` is the map for the next engineer: every file or folder it names in
/// backticks (`src/…`, `tests/…`, `docs/…`, with `{a,b}` alternatives) must exist, so moving code
/// without updating the map fails here. Placeholders such as `<vendor>` are not paths.
#[test]
fn architecture_doc_names_only_paths_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/architecture.md")).expect("architecture.md");
    let mut named = 0;
    let mut missing = Vec::new();
    for span in doc.split('`').skip(1).step_by(2) {
        let span = span.trim();
        let is_path = ["src/", "tests/", "docs/"]
            .iter()
            .any(|p| span.starts_with(p));
        if !is_path || span.contains(['<', ' ', '*']) {
            continue;
        }
        for path in expand_braces(span) {
            named += 1;
            if !root.join(&path).exists() {
                missing.push(path);
            }
        }
    }
    assert!(named > 20, "the map names only {named} paths");
    assert!(
        missing.is_empty(),
        "docs/architecture.md names paths that do not exist: {missing:?}"
    );
}

/// `src/vendors/{spec,client}.rs` → both paths (one brace group is all the map uses).
fn expand_braces(span: &str) -> Vec<String> {
    match (span.find('{'), span.find('}')) {
        (Some(open), Some(close)) if open < close => span[open + 1..close]
            .split(',')
            .map(|alt| format!("{}{}{}", &span[..open], alt.trim(), &span[close + 1..]))
            .collect(),
        _ => vec![span.to_owned()],
    }
}

/// Commands are thin: each handler is short and none calls another; what several share lives in
/// the library (issue 12). A command module's siblings are the other files in `src/commands/`.
#[test]
fn commands_are_short_and_import_no_other_command() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let commands: Vec<String> = std::fs::read_dir(&dir)
        .expect("src/commands")
        .map(|e| e.expect("entry").path())
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .filter(|name| name != "mod")
        .collect();
    let mut problems = Vec::new();
    for file in rust_files(&dir) {
        let text = std::fs::read_to_string(&file).expect("readable");
        let lines = text.lines().count();
        if lines > 300 {
            problems.push(format!("{}: {lines} lines (at most 300)", file.display()));
        }
        let own = file
            .strip_prefix(&dir)
            .ok()
            .and_then(|p| p.components().next())
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_owned())
            .unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for other in commands.iter().filter(|c| **c != own) {
                let named = [
                    format!("commands::{other}"),
                    format!("super::{other}"),
                    format!("super::super::{other}"),
                ];
                if named.iter().any(|n| code.contains(n.as_str())) {
                    problems.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(commands.len() > 5, "found only {commands:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
