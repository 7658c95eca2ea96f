//! Findings are data: what a check found, with a stable rule name, a severity, where it is and how
//! to fix it. Checks produce them; `render` prints them; nothing here does I/O.

mod policy;
mod registry;

use std::borrow::Cow;
use std::sync::Arc;

pub use policy::{Level, SeverityPolicy};
pub use registry::Rule;

use crate::vendor::Vendor;

/// How serious a finding is. The order matters: `Note < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where a finding points: a source (file name, `<stdin>` or `<argument>`), a 1-based line and
/// column (columns count characters, not bytes), the byte offset from the start of the source, and
/// a JSON pointer to the value inside the record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub source: Arc<str>,
    pub line: u64,
    pub column: u64,
    pub offset: u64,
    pub pointer: String,
}

impl Location {
    /// The location of byte `offset` in a small text (a config file): the line index is built for
    /// this one lookup, which is fine for files of a few kilobytes. Streams and files located
    /// many times keep a [`crate::text::LineIndex`].
    pub fn in_text(
        source: Arc<str>,
        text: &str,
        offset: usize,
        pointer: impl Into<String>,
    ) -> Location {
        let (line, column) = crate::text::line_col(text.as_bytes(), offset);
        Location {
            source,
            line: line as u64,
            column: column as u64,
            offset: offset.min(text.len()) as u64,
            pointer: pointer.into(),
        }
    }
}

/// A value read from somewhere a finding can point at (a config key, a file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    /// Where it was set; `None` for values from the environment or defaults.
    pub location: Option<Location>,
}

impl<T> Located<T> {
    pub fn new(value: T, location: Option<Location>) -> Self {
        Located { value, location }
    }
}

/// One thing a check found. Message and help are usually constant text: `Cow` keeps them
/// borrowed (no allocation per finding, and the renderers write a constant's escaped bytes once
/// escaped, see `render::escape`), and a message with measured values is an owned `String`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub vendor: Option<Vendor>,
    pub message: Cow<'static, str>,
    pub help: Option<Cow<'static, str>>,
    pub location: Option<Location>,
}

impl Finding {
    /// A finding at the rule's default severity; the policy may change it when it is reported.
    pub fn new(rule: Rule, message: impl Into<Cow<'static, str>>) -> Self {
        Finding {
            rule,
            severity: rule.default_severity(),
            vendor: None,
            message: message.into(),
            help: None,
            location: None,
        }
    }

    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn vendor(mut self, vendor: Vendor) -> Self {
        self.vendor = Some(vendor);
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

/// Counts for the report's closing summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: u64,
    pub warnings: u64,
    pub notes: u64,
    /// How many items (records, pushes, credentials) the command checked.
    pub checked: u64,
}

impl Summary {
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Note => self.notes += 1,
        }
    }
}
