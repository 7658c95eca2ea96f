//! `--format github`: GitHub Actions workflow commands, one line per finding, so findings show
//! as annotations on the pull request.
//! <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>

use std::io::{self, Write};

use super::{Renderer, RunInfo};
use crate::findings::{Finding, Severity, Summary};

pub struct Github<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> Github<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Github { out }
    }
}

/// Escapes a message: GitHub reads `%`, CR and LF specially.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: also `:` and `,`, which separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Sources that are not files (`<stdin>`, `<argument>`) get no `file=`: GitHub would look for a
/// file by that name.
fn is_file(source: &str) -> bool {
    !(source.starts_with('<') && source.ends_with('>'))
}

impl Renderer for Github<'_> {
    fn begin(&mut self, _run: &RunInfo) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = format!(
            "title={}",
            escape_property(&format!("pushdiag ({})", finding.rule.name()))
        );
        if let Some(location) = finding.location.as_ref().filter(|l| is_file(&l.source)) {
            properties.push_str(&format!(
                ",file={},line={},col={}",
                escape_property(&location.source),
                location.line,
                location.column
            ));
        }
        let mut message = finding.message.clone();
        if let Some(vendor) = finding.vendor {
            message = format!("{vendor}: {message}");
        }
        if let Some(location) = finding.location.as_ref().filter(|l| !l.pointer.is_empty()) {
            message.push_str(&format!(" (at {})", location.pointer));
        }
        if let Some(help) = &finding.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        writeln!(
            self.out,
            "::{command} {properties}::{}",
            escape_data(&message)
        )
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_github_reads_specially() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert!(!is_file("<stdin>"));
        assert!(is_file("dir/push.json"));
    }
}
