//! Snapshots of what users see (house style, rule 10): each test builds one text of the commands
//! it ran, each with its exit code, stdout and stderr (and, where the test is about the request a
//! vendor received, the pushes the emulator recorded), and compares it with
//! `snapshots/<module>__<test>.snap`.
//!
//! What changes from run to run or from machine to machine is replaced before the comparison:
//! the test's temp folders and the checkout (literally), then, by the filters of [`settings`],
//! loopback ports, elapsed times, timestamps and dates, the crate's version, and random ids.
//!
//! A snapshot of redacted output proves nothing about a secret: tests that promise a secret never
//! appears still assert it with [`assert_absent`].
//!
//! To accept changed snapshots: `INSTA_UPDATE=always cargo test --test cli MODULE::` (or
//! `cargo insta review`), then read the `.snap` files before committing them.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use pushdiag::emulator::{RecordedPush, BUILTIN_VIVO_APP_KEY};
use serde_json::{json, Value};

use crate::Run;

/// The text of one test's snapshot.
pub struct Snap {
    text: String,
    /// Literal strings and what replaces them, longest first when applied.
    literals: Vec<(String, String)>,
}

impl Default for Snap {
    fn default() -> Self {
        Snap::new()
    }
}

impl Snap {
    pub fn new() -> Snap {
        let mut snap = Snap {
            text: String::new(),
            literals: Vec::new(),
        };
        snap.path(Path::new(env!("CARGO_MANIFEST_DIR")), "[ROOT]");
        // A constant shaped like a random UUID: named, so the UUID filter leaves it visible.
        snap.literal(BUILTIN_VIVO_APP_KEY, "[BUILTIN_VIVO_APP_KEY]");
        snap
    }

    /// Replaces `literal` with `placeholder` in the snapshot (before the regex filters).
    pub fn literal(&mut self, literal: impl Into<String>, placeholder: &str) -> &mut Snap {
        let literal = literal.into();
        if !literal.is_empty() && !self.literals.iter().any(|(l, _)| *l == literal) {
            self.literals.push((literal, placeholder.to_owned()));
        }
        self
    }

    /// Replaces a folder (as given and canonicalised, e.g. macOS's `/private/var`) with
    /// `placeholder`.
    pub fn path(&mut self, path: &Path, placeholder: &str) -> &mut Snap {
        if !path.is_absolute() {
            // `.` or a bare name would replace text that is not a path.
            return self;
        }
        self.literal(path.display().to_string(), placeholder);
        if let Ok(canonical) = path.canonicalize() {
            self.literal(canonical.display().to_string(), placeholder);
        }
        self
    }

    /// Adds one command (`label`, as a user would type it) and what it printed.
    pub fn run(&mut self, label: &str, run: &Run) -> &mut Snap {
        let _ = writeln!(self.text, "$ {}", label.trim_end());
        let _ = writeln!(self.text, "exit: {}", run.code);
        self.section("stdout", &run.stdout);
        self.section("stderr", &run.stderr);
        self.text.push('\n');
        self
    }

    /// Runs `command` (shown as `label`), adds it and returns what it printed.
    pub fn command(&mut self, label: &str, command: &mut Command) -> Run {
        let run = Run::of(command);
        self.run(label, &run);
        run
    }

    /// Runs `command` (a [`crate::pushdiag`]) with `args`, shown as `pushdiag ARGS`.
    pub fn with(&mut self, command: &mut Command, args: &[&str]) -> Run {
        self.command(&format!("pushdiag {}", line(args)), command.args(args))
    }

    /// Runs `pushdiag ARGS` with the clean environment of [`crate::pushdiag`].
    pub fn pushdiag(&mut self, args: &[&str]) -> Run {
        self.with(&mut crate::pushdiag(), args)
    }

    /// Adds a titled block of text.
    pub fn section(&mut self, title: &str, body: &str) -> &mut Snap {
        let _ = writeln!(self.text, "--- {title}");
        self.text.push_str(body);
        if !body.is_empty() && !body.ends_with('\n') {
            self.text.push('\n');
        }
        self
    }

    /// Adds a titled JSON value, pretty-printed.
    pub fn json(&mut self, title: &str, value: &Value) -> &mut Snap {
        let text = serde_json::to_string_pretty(value).expect("JSON");
        self.section(title, &text)
    }

    /// Adds the pushes the emulator recorded: what the vendor received, field by field.
    pub fn pushes(&mut self, pushes: &[RecordedPush]) -> &mut Snap {
        let list: Vec<Value> = pushes
            .iter()
            .map(|p| {
                json!({
                    "vendor": p.vendor.to_string(),
                    "app_id": p.app_id,
                    "target": p.target,
                    "title": p.title,
                    "body": p.body,
                    "ext": p.ext,
                    "test_mode": p.test_mode,
                    "request_id": p.request_id,
                    "payload": p.payload,
                })
            })
            .collect();
        self.json("pushes the emulator recorded", &Value::Array(list))
    }

    /// The snapshot's text, literals replaced.
    pub fn contents(&self) -> String {
        let mut literals = self.literals.clone();
        literals.sort_by_key(|(literal, _)| std::cmp::Reverse(literal.len()));
        let mut text = self.text.clone();
        for (literal, placeholder) in &literals {
            text = text.replace(literal, placeholder);
            // The same path as JSON shows it on Windows (backslashes escaped).
            if literal.contains('\\') {
                text = text.replace(&literal.replace('\\', "\\\\"), placeholder);
            }
        }
        text
    }
}

/// The filters every CLI snapshot takes, in the order they apply.
pub fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    settings.set_prepend_module_to_snapshot(true);
    for (regex, replacement) in FILTERS {
        settings.add_filter(regex, *replacement);
    }
    let version = env!("CARGO_PKG_VERSION").replace('.', r"\.");
    settings.add_filter(
        &format!(r#""version": "{version}""#),
        r#""version": "[VERSION]""#,
    );
    settings.add_filter(&format!(r"pushdiag[ /]{version}\b"), "pushdiag [VERSION]");
    settings
}

const FILTERS: &[(&str, &str)] = &[
    // Temp folders that were not named literally (tempfile's `.tmpXXXXXX`).
    (
        r#"(?:[A-Za-z]:)?[^\s"':]*[/\\]\.tmp[A-Za-z0-9]{6}"#,
        "[TMP]",
    ),
    // Loopback ports: the emulator's, or one nothing listens on.
    (r"(127\.0\.0\.1|localhost|\[::1\]):\d{2,5}", "$1:[PORT]"),
    // The vendors' ids for accepted pushes.
    (r"(message id )[^\s,)]+", "${1}[ID]"),
    (r#"("message_id": ?)"[^"]*""#, r#"${1}"[ID]""#),
    // The number of an OS error differs between systems (ECONNREFUSED is 111 on Linux, 61 on
    // macOS).
    (r"\(os error \d+\)", "(os error [N])"),
    // Tencent IM: the MsgRandom and MsgSeq pushdiag draws per run (the emulator records MsgRandom
    // as the message's request id), the random query parameter, and so the columns of findings
    // in the sendmsg body after them.
    (r#"("(?:MsgRandom|MsgSeq)": ?)\d+"#, "${1}[RANDOM]"),
    (r#"("request_id": ?)"\d+""#, r#"${1}"[RANDOM]""#),
    (r"([?&]random=)\d+", "${1}[RANDOM]"),
    (r"(<(?:sendmsg|timpush/batch) body>:\d+:)\d+", "${1}[COL]"),
    (
        r#"("source": ?"<(?:sendmsg|timpush/batch) body>", ?"line": ?\d+, ?"column": ?)\d+(, ?"offset": ?)\d+"#,
        "${1}[COL]${2}[OFFSET]",
    ),
    // A connection the server resets mid-request reads as "connection reset" or, when the client
    // was still writing, "broken pipe": the same event, timing decides which.
    (
        r"(connection error: )(?:connection reset|broken pipe)",
        "${1}[RESET]",
    ),
    // Elapsed times.
    (r"\) in \d+ ms", ") in [N] ms"),
    (r#"("elapsed_ms": ?)\d+"#, "${1}[N]"),
    // Random UUIDs (vivo requestId, OPPO app_message_id, APNs apns-id, …).
    (
        r"(?i)[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
        "[UUID]",
    ),
    // Dates and times.
    (
        r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?",
        "[DATETIME]",
    ),
    (r"\b\d{4}-\d{2}-\d{2}\b", "[DATE]"),
    // Provider tokens (JWTs) the emulator received: signed now, so never the same twice.
    (r"(?i)(bearer )eyJ[\w-]+\.[\w-]+\.[\w-]+", "${1}[JWT]"),
    // Unix timestamps, milliseconds or seconds (2017 to 2033).
    (r"(?m)(^|[^0-9])1[5-9]\d{11}($|[^0-9])", "${1}[MILLIS]${2}"),
    (r"(?m)(^|[^0-9])1[5-9]\d{8}($|[^0-9])", "${1}[SECONDS]${2}"),
];

/// `args` as a shell would take them: an argument with a space or a quote in single quotes.
pub fn line(args: &[&str]) -> String {
    let quoted: Vec<String> = args
        .iter()
        .map(|arg| {
            let plain = !arg.is_empty()
                && arg
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_./:=,@+%[]".contains(c) || !c.is_ascii());
            if plain {
                (*arg).to_owned()
            } else {
                format!("'{}'", arg.replace('\'', r"'\''"))
            }
        })
        .collect();
    quoted.join(" ")
}

/// Asserts `secret` appears in neither stream of `run`.
pub fn assert_absent(run: &Run, secret: &str) {
    assert!(!secret.is_empty());
    assert!(!run.stdout.contains(secret), "stdout shows a secret");
    assert!(!run.stderr.contains(secret), "stderr shows a secret");
}

/// The last segment of a function's type name (`cli::send_test::a_test::f` gives `a_test`).
pub fn test_name(f: &'static str) -> &'static str {
    let path = f.strip_suffix("::f").unwrap_or(f);
    path.rsplit("::").next().unwrap_or(path)
}

/// Compares a [`Snap`] with the test's committed snapshot, named after the test function in full
/// (insta's own naming would drop a `test_` prefix).
macro_rules! assert_snap {
    ($snap:expr) => {{
        fn f() {}
        let name = $crate::snap::test_name(std::any::type_name_of_val(&f));
        let contents = $snap.contents();
        // Every output a snapshot records is what a user sees: it cites nothing internal.
        let internal = $crate::no_internal_refs::internal_refs(&contents);
        assert!(
            internal.is_empty(),
            "{name} shows internal references: {internal:#?}"
        );
        $crate::snap::settings().bind(|| insta::assert_snapshot!(name, contents));
    }};
}
pub(crate) use assert_snap;
