//! One fixture folder per rule under `tests/fixtures/rules/<rule>/`; `args` (optional) adds CLI
//! arguments, one per line. Each test collects every broken fixture and fails once with the whole
//! list.
//!
//! - A `lint-ext` rule: `trigger.<ext>` must report the rule, `pass.<ext>` (the fix) must report
//!   nothing.
//! - A `check-config` rule: `trigger/` and `pass/` are app projects, each with a `pushdiag.toml`.
//!   `env` (optional, in the rule's folder) holds `KEY=VALUE` lines set for both runs (secrets
//!   come from there through `{ env = "..." }`); `generate` (optional, in a project folder) lists
//!   credentials made at test time (see `fixture_gen`). Each project is copied to a temporary
//!   folder, its credentials generated there, and `pushdiag check-config --project <copy>` is run
//!   in the copy with only the `env` variables set.
//! - A `send-test` rule needs a vendor that answers, so it has no fixture folder: a named test in
//!   `send_test.rs` (listed in its `RULE_TESTS`) triggers it against the emulator and checks that
//!   the fix passes.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use pushdiag::findings::{Rule, Severity};
use serde_json::Value;

use crate::{fixture, fixture_gen, pushdiag, rules_of, run_json};

/// The extensions a fixture may have; `.jsonl` is read with `--jsonl`, the others with `--file`.
const EXTENSIONS: [&str; 3] = ["json", "jsonl", "txt"];

fn rule_dir(rule: Rule) -> PathBuf {
    fixture("rules").join(rule.name())
}

/// The one `<stem>.<json|jsonl|txt>` file of a rule's folder.
fn find_fixture(dir: &Path, stem: &str) -> Result<PathBuf, String> {
    let found: Vec<PathBuf> = EXTENSIONS
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .filter(|path| path.is_file())
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "no {stem}.{{{}}} in {}",
            EXTENSIONS.join(","),
            dir.display()
        )),
        _ => Err(format!("more than one {stem}.* in {}", dir.display())),
    }
}

/// The extra CLI arguments of a rule's folder (`args`, one per line; blank lines ignored).
fn extra_args(dir: &Path) -> Vec<String> {
    match std::fs::read_to_string(dir.join("args")) {
        Ok(text) => text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(error) => panic!("cannot read {}/args: {error}", dir.display()),
    }
}

/// Runs `lint-ext` on a fixture with the folder's extra arguments.
fn lint(path: &Path, extra: &[String]) -> (i32, Value) {
    let flag = if path.extension().is_some_and(|ext| ext == "jsonl") {
        "--jsonl"
    } else {
        "--file"
    };
    let path = path.to_str().expect("UTF-8 fixture path");
    let mut args = vec!["lint-ext", flag, path];
    args.extend(extra.iter().map(String::as_str));
    run_json(&args, None)
}

/// The command whose rules have app projects as fixtures.
const PROJECT_COMMAND: &str = "check-config";

fn is_project_rule(rule: Rule) -> bool {
    rule.command() == PROJECT_COMMAND
}

/// The command whose rules are covered by named tests in `send_test.rs` instead of fixtures.
const SEND_TEST_COMMAND: &str = "send-test";

/// A rule that needs a vendor that answers, so it is covered by a named test against the
/// emulator instead of fixtures: every send-test rule, and the check-config rules that
/// `check-config --online` raises (named in `online.rs`'s `RULE_TESTS`).
fn is_send_test_rule(rule: Rule) -> bool {
    rule.command() == SEND_TEST_COMMAND
        || online_test(rule).is_some()
        || checklist_test(rule).is_some()
        || tim_test(rule).is_some()
        || trace_test(rule).is_some()
        || loss_test(rule).is_some()
}

/// A `trace` rule's test, named in `trace.rs`'s `RULE_TESTS` (Tencent's push trace must answer).
fn trace_test(rule: Rule) -> Option<&'static str> {
    named_test(crate::trace::RULE_TESTS, rule)
}

/// A `loss` rule's test, named in `loss.rs`'s `RULE_TESTS` (Tencent must answer).
fn loss_test(rule: Rule) -> Option<&'static str> {
    named_test(crate::loss::RULE_TESTS, rule)
}

/// The `checklist` rules' tests (`checklist.rs`'s `RULE_TESTS`): a checklist walk, not a fixture.
fn checklist_test(rule: Rule) -> Option<&'static str> {
    named_test(crate::checklist::RULE_TESTS, rule)
}

/// A `status` rule's test, named in `tim.rs`'s `RULE_TESTS` (Tencent IM must answer).
fn tim_test(rule: Rule) -> Option<&'static str> {
    named_test(crate::tim::RULE_TESTS, rule)
}

fn named_test(tests: &[(&str, &'static str)], rule: Rule) -> Option<&'static str> {
    tests
        .iter()
        .find(|(name, _)| *name == rule.name())
        .map(|(_, test)| *test)
}

fn online_test(rule: Rule) -> Option<&'static str> {
    crate::online::RULE_TESTS
        .iter()
        .find(|(name, _)| *name == rule.name())
        .map(|(_, test)| *test)
}

/// A send-test rule's test: named in `RULE_TESTS` and defined in `send_test.rs` (or, for a
/// `check-config --online` rule, in `online.rs`).
fn check_send_test_rule(rule: Rule) -> Result<(), String> {
    let named = (
        online_test(rule),
        checklist_test(rule),
        tim_test(rule),
        trace_test(rule),
    );
    let (file, source, test) = match named {
        (Some(test), ..) => ("online.rs", include_str!("online.rs"), test),
        (None, Some(test), ..) => ("checklist.rs", include_str!("checklist.rs"), test),
        (None, None, Some(test), _) => ("tim.rs", include_str!("tim.rs"), test),
        (None, None, None, Some(test)) => ("trace.rs", include_str!("trace.rs"), test),
        (None, None, None, None) if loss_test(rule).is_some() => (
            "loss.rs",
            include_str!("loss.rs"),
            loss_test(rule).unwrap_or_default(),
        ),
        (None, None, None, None) => {
            let Some((_, test)) = crate::send_test::RULE_TESTS
                .iter()
                .find(|(name, _)| *name == rule.name())
            else {
                return Err(format!(
                    "a {SEND_TEST_COMMAND} rule needs a test in send_test.rs named in its RULE_TESTS"
                ));
            };
            ("send_test.rs", include_str!("send_test.rs"), *test)
        }
    };
    if !source.contains(&format!("#[test]\nfn {test}()")) {
        return Err(format!(
            "RULE_TESTS names `{test}`, but {file} has no such #[test] fn"
        ));
    }
    if rule_dir(rule).exists() {
        return Err(format!(
            "{} exists, but {SEND_TEST_COMMAND} rules are tested in send_test.rs, not by fixtures",
            rule_dir(rule).display()
        ));
    }
    Ok(())
}

/// A rule's trigger or pass fixture.
enum Fixture {
    /// A push for `lint-ext`.
    File(PathBuf),
    /// An app project for `check-config`.
    Project(PathBuf),
}

impl Fixture {
    fn path(&self) -> &Path {
        match self {
            Fixture::File(path) | Fixture::Project(path) => path,
        }
    }
}

/// The `<stem>/` project folder of a `check-config` rule, with its `pushdiag.toml`.
fn find_project(dir: &Path, stem: &str) -> Result<PathBuf, String> {
    let strays: Vec<String> = EXTENSIONS
        .iter()
        .map(|ext| format!("{stem}.{ext}"))
        .filter(|name| dir.join(name).is_file())
        .collect();
    if !strays.is_empty() {
        return Err(format!(
            "{} in {}: a {PROJECT_COMMAND} rule's fixtures are folders ({stem}/), not files",
            strays.join(", "),
            dir.display()
        ));
    }
    let folder = dir.join(stem);
    if !folder.is_dir() {
        return Err(format!("no {stem}/ project folder in {}", dir.display()));
    }
    if !folder.join("pushdiag.toml").is_file() {
        return Err(format!("no pushdiag.toml in {}", folder.display()));
    }
    Ok(folder)
}

/// A rule's `<stem>` fixture, of the kind its command takes.
fn find(rule: Rule, stem: &str) -> Result<Fixture, String> {
    let dir = rule_dir(rule);
    if is_project_rule(rule) {
        find_project(&dir, stem).map(Fixture::Project)
    } else {
        find_fixture(&dir, stem).map(Fixture::File)
    }
}

/// The variables of a rule's `env` file (`KEY=VALUE` lines; blank lines and `#` comments
/// ignored; the value is everything after the first `=`, unquoted).
fn env_vars(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let path = dir.join("env");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
    };
    let mut vars = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let name_ok = |name: &str| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        };
        match line.split_once('=') {
            Some((name, value)) if name_ok(name) => vars.push((name.to_owned(), value.to_owned())),
            _ => {
                return Err(format!(
                    "{}:{}: expected NAME=VALUE with an upper-case NAME",
                    path.display(),
                    index + 1
                ))
            }
        }
    }
    Ok(vars)
}

/// The credentials a project folder's `generate` file lists.
fn generate_specs(folder: &Path) -> Result<Vec<fixture_gen::Spec>, String> {
    let path = folder.join("generate");
    match std::fs::read_to_string(&path) {
        Ok(text) => fixture_gen::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(error) => Err(format!("cannot read {}: {error}", path.display())),
    }
}

/// Copies a fixture folder, without its top-level `generate` file.
fn copy_project(from: &Path, to: &Path, top: bool) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?;
        let name = entry.file_name();
        if top && name == OsStr::new("generate") {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot stat {}: {e}", source.display()))?;
        if kind.is_dir() {
            copy_project(&source, &target, false)?;
        } else if kind.is_file() {
            std::fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        } else {
            return Err(format!(
                "{} is neither a file nor a folder (no symlinks in fixtures)",
                source.display()
            ));
        }
    }
    Ok(())
}

/// Variables a fixture run keeps from the test's environment: none changes pushdiag's checks.
const PASSED_THROUGH: [&str; 4] = ["PATH", "SYSTEMROOT", "LLVM_PROFILE_FILE", "RUST_BACKTRACE"];

/// Runs `check-config` on a temporary copy of a project fixture, in the copy, with only the
/// rule's `env` variables set. Exit 2 (pushdiag could not check something) and output that is
/// not a JSON report are the fixture's failures.
fn check_project(dir: &Path, folder: &Path, extra: &[String]) -> Result<(i32, Value), String> {
    let env = env_vars(dir)?;
    let specs = generate_specs(folder)?;
    let temp = tempfile::tempdir().map_err(|e| format!("cannot make a temp folder: {e}"))?;
    let copy = temp
        .path()
        .join(folder.file_name().unwrap_or(OsStr::new("project")));
    copy_project(folder, &copy, true)?;
    fixture_gen::generate(&copy, &specs).map_err(|e| format!("generate: {e}"))?;

    let mut command = pushdiag();
    command.env_clear();
    for name in PASSED_THROUGH {
        if let Some(value) = std::env::var_os(name) {
            command.env(name, value);
        }
    }
    command
        .envs(env)
        .current_dir(&copy)
        .arg("check-config")
        .arg("--project")
        .arg(&copy)
        .args(extra)
        .args(["--format", "json"]);
    let output = command
        .output()
        .map_err(|e| format!("cannot run pushdiag: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output
        .status
        .code()
        .ok_or_else(|| format!("pushdiag was killed; stderr: {stderr}"))?;
    if code == 2 {
        return Err(format!(
            "exit 2, pushdiag could not check it; stderr: {}",
            stderr.trim()
        ));
    }
    let document = serde_json::from_str(&stdout).map_err(|e| {
        format!("exit {code}, stdout is not JSON ({e}): {stdout}; stderr: {stderr}")
    })?;
    Ok((code, document))
}

/// Runs a rule's command on one of its fixtures with the folder's extra arguments.
fn run(rule: Rule, fixture: &Fixture) -> Result<(i32, Value), String> {
    let dir = rule_dir(rule);
    let extra = extra_args(&dir);
    match fixture {
        Fixture::File(path) => Ok(lint(path, &extra)),
        Fixture::Project(folder) => check_project(&dir, folder, &extra),
    }
}

fn findings(document: &Value) -> &[Value] {
    document["findings"].as_array().expect("findings array")
}

/// A short description of a report, for failure messages.
fn describe(code: i32, document: &Value) -> String {
    let list: Vec<String> = findings(document)
        .iter()
        .map(|f| {
            format!(
                "{} ({}) at {}: {}",
                f["rule"].as_str().unwrap_or("?"),
                f["severity"].as_str().unwrap_or("?"),
                f["location"]["pointer"],
                f["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    format!("exit {code}, findings [{}]", list.join("; "))
}

/// Panics with every failure at once.
fn assert_no_failures(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} broken fixture(s):\n  - {}",
        failures.len(),
        failures.join("\n  - ")
    );
}

#[test]
fn every_rule_has_fixtures() {
    let mut failures = Vec::new();
    for &rule in Rule::ALL {
        if is_send_test_rule(rule) {
            if let Err(error) = check_send_test_rule(rule) {
                failures.push(format!("{}: {error}", rule.name()));
            }
            continue;
        }
        let dir = rule_dir(rule);
        let trigger = find(rule, "trigger");
        let pass = find(rule, "pass");
        for result in [&trigger, &pass] {
            if let Err(error) = result {
                failures.push(format!("{}: {error}", rule.name()));
            }
        }
        match (&trigger, &pass) {
            (Ok(Fixture::File(trigger)), Ok(Fixture::File(pass)))
                if trigger.extension() != pass.extension() =>
            {
                failures.push(format!(
                    "{}: trigger and pass have different extensions ({} vs {})",
                    rule.name(),
                    trigger.display(),
                    pass.display()
                ));
            }
            (Ok(Fixture::Project(trigger)), Ok(Fixture::Project(pass))) => {
                let checks = [
                    env_vars(&dir).map(drop),
                    generate_specs(trigger).map(drop),
                    generate_specs(pass).map(drop),
                ];
                for error in checks.into_iter().filter_map(Result::err) {
                    failures.push(format!("{}: {error}", rule.name()));
                }
            }
            _ => {}
        }
    }
    // A folder for a rule that no longer exists (renamed or misspelled) is a broken fixture too.
    let root = fixture("rules");
    let entries =
        std::fs::read_dir(&root).unwrap_or_else(|e| panic!("cannot list {}: {e}", root.display()));
    for entry in entries {
        let entry = entry.expect("directory entry");
        if !entry.file_type().expect("file type").is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if Rule::from_name(&name).is_none() {
            failures.push(format!(
                "{name}/: no rule of that name in Rule::ALL (renamed or misspelled?)"
            ));
        }
    }
    // Likewise a RULE_TESTS entry for a rule that is not a send-test rule.
    for (name, test) in crate::send_test::RULE_TESTS {
        if Rule::from_name(name).is_none_or(|r| r.command() != SEND_TEST_COMMAND) {
            failures.push(format!(
                "send_test.rs RULE_TESTS: `{name}` (tested by {test}) is not a {SEND_TEST_COMMAND} rule"
            ));
        }
    }
    for (name, test) in crate::online::RULE_TESTS {
        if Rule::from_name(name).is_none_or(|r| r.command() != PROJECT_COMMAND) {
            failures.push(format!(
                "online.rs RULE_TESTS: `{name}` (tested by {test}) is not a {PROJECT_COMMAND} rule"
            ));
        }
    }
    assert_no_failures("every rule needs trigger and pass fixtures", &failures);
}

#[test]
fn triggers_report_their_rule() {
    let mut failures = Vec::new();
    for &rule in Rule::ALL.iter().filter(|r| !is_send_test_rule(**r)) {
        let name = rule.name();
        let trigger = match find(rule, "trigger") {
            Ok(fixture) => fixture,
            Err(error) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let (code, document) = match run(rule, &trigger) {
            Ok(result) => result,
            Err(error) => {
                failures.push(format!("{name}: {}: {error}", trigger.path().display()));
                continue;
            }
        };
        let report = describe(code, &document);
        let found = findings(&document);
        let own: Vec<&Value> = found.iter().filter(|f| f["rule"] == name).collect();
        if own.is_empty() {
            failures.push(format!(
                "{name}: {} does not report it; got {report}",
                trigger.path().display()
            ));
            continue;
        }
        let default = rule.default_severity().as_str();
        if let Some(f) = own.iter().find(|f| f["severity"] != default) {
            failures.push(format!(
                "{name}: reported at {} instead of its default severity {default}; got {report}",
                f["severity"]
            ));
        }
        if rules_of(&document).len() != found.len() {
            failures.push(format!("{name}: a finding without a rule; got {report}"));
        }
        // What users see cites only what they can open (issue 13): no reference-note keys in
        // any finding's message or help.
        for finding in found {
            for key in ["message", "help"] {
                let text = finding[key].as_str().unwrap_or_default();
                for reference in crate::no_internal_refs::internal_refs(text) {
                    failures.push(format!("{name}: {key} cites {reference}"));
                }
            }
        }
        let any_error = found.iter().any(|f| f["severity"] == "error");
        let expected = i32::from(any_error);
        if code != expected {
            failures.push(format!(
                "{name}: exit code {code}, expected {expected} (error findings: {any_error}); got {report}"
            ));
        }
        if rule.default_severity() == Severity::Error && code != 1 {
            failures.push(format!(
                "{name}: an error rule fired but the exit code is {code}, not 1"
            ));
        }
    }
    assert_no_failures("each trigger must report its rule", &failures);
}

#[test]
fn passes_are_clean() {
    let mut failures = Vec::new();
    for &rule in Rule::ALL.iter().filter(|r| !is_send_test_rule(**r)) {
        let name = rule.name();
        let pass = match find(rule, "pass") {
            Ok(fixture) => fixture,
            Err(error) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let (code, document) = match run(rule, &pass) {
            Ok(result) => result,
            Err(error) => {
                failures.push(format!("{name}: {}: {error}", pass.path().display()));
                continue;
            }
        };
        if code != 0 || !findings(&document).is_empty() {
            failures.push(format!(
                "{name}: {} is not clean; got {}",
                pass.path().display(),
                describe(code, &document)
            ));
        }
        // An empty file (or a config with no vendor) would pass trivially: the fix must still be
        // checked.
        if document["summary"]["checked"].as_u64().unwrap_or(0) == 0 {
            failures.push(format!(
                "{name}: {} checked nothing (empty fixture?)",
                pass.path().display()
            ));
        }
    }
    assert_no_failures("each pass fixture must report nothing", &failures);
}

/// Where a trigger's finding must point.
struct Expected {
    rule: &'static str,
    line: u64,
    column: u64,
    pointer: &'static str,
    /// What the source holds at the finding's byte offset.
    at_offset: &'static str,
}

#[test]
fn findings_point_at_the_mistake() {
    let cases = [
        // Pretty-printed bare OfflinePushInfo, Ext on line 3: the ext's first character, inside
        // the string (`  "Ext": "{`).
        Expected {
            rule: "ext-missing-entity",
            line: 3,
            column: 11,
            pointer: "/Ext",
            at_offset: r#"{\"sender\":\"alice\""#,
        },
        // The ext's parse error is mapped back into the escaped string: `{entity` fails at `e`.
        Expected {
            rule: "ext-invalid-json",
            line: 4,
            column: 12,
            pointer: "/Ext",
            at_offset: "entity: {sender",
        },
        // An object where the sendmsg body needs a string, nested in OfflinePushInfo.
        Expected {
            rule: "ext-double-encoded",
            line: 11,
            column: 12,
            pointer: "/OfflinePushInfo/Ext",
            at_offset: r#"{"entity": {"sender""#,
        },
        // The missing key is reported at the object that should hold it.
        Expected {
            rule: "xiaomi-channel-id-missing",
            line: 5,
            column: 18,
            pointer: "/AndroidInfo/XiaoMiChannelID",
            at_offset: "{\n    \"OPPOChannelID\"",
        },
        // JSON Lines: the second line's custom element.
        Expected {
            rule: "custom-message-without-desc",
            line: 2,
            column: 93,
            pointer: "/MsgBody/0",
            at_offset: r#"{"MsgType":"TIMCustomElem""#,
        },
        // The APNs payload is too large because of a 1,400-character Desc: the finding points at
        // the largest part, the Desc, which is what to cut.
        Expected {
            rule: "payload-too-large",
            line: 1,
            column: 22,
            pointer: "/Desc",
            at_offset: "\"这是一篇很长的公告内容",
        },
        // A truncated JSON Lines record: the end of line 2.
        Expected {
            rule: "record-invalid-json",
            line: 2,
            column: 168,
            pointer: "",
            at_offset: "\n{\"Title\"",
        },
        // The BOM note points at the very start of the file.
        Expected {
            rule: "input-bom",
            line: 1,
            column: 1,
            pointer: "",
            at_offset: "\u{feff}{\"Title\"",
        },
    ];
    let mut failures = Vec::new();
    for case in &cases {
        let rule = Rule::from_name(case.rule).expect("a registered rule");
        let dir = rule_dir(rule);
        let trigger = match find_fixture(&dir, "trigger") {
            Ok(path) => path,
            Err(error) => {
                failures.push(format!("{}: {error}", case.rule));
                continue;
            }
        };
        let (code, document) = lint(&trigger, &extra_args(&dir));
        let Some(finding) = findings(&document).iter().find(|f| f["rule"] == case.rule) else {
            failures.push(format!(
                "{}: not reported; got {}",
                case.rule,
                describe(code, &document)
            ));
            continue;
        };
        let location = &finding["location"];
        let got = (
            location["line"].as_u64(),
            location["column"].as_u64(),
            location["pointer"].as_str(),
        );
        let expected = (Some(case.line), Some(case.column), Some(case.pointer));
        if got != expected {
            failures.push(format!(
                "{}: location (line, column, pointer) is {got:?}, expected {expected:?}",
                case.rule
            ));
        }
        if location["source"].as_str() != trigger.to_str() {
            failures.push(format!(
                "{}: source is {}, expected {}",
                case.rule,
                location["source"],
                trigger.display()
            ));
        }
        let text = std::fs::read(&trigger).expect("fixture readable");
        let offset = location["offset"].as_u64().unwrap_or(u64::MAX) as usize;
        let here = text.get(offset..).unwrap_or_default();
        if !here.starts_with(case.at_offset.as_bytes()) {
            let shown = String::from_utf8_lossy(&here[..here.len().min(40)]).into_owned();
            failures.push(format!(
                "{}: offset {offset} points at {shown:?}, expected {:?}",
                case.rule, case.at_offset
            ));
        }
    }
    assert_no_failures("finding locations", &failures);
}
