//! `--format github`: GitHub Actions workflow commands, one line per finding, so findings show
//! as annotations on the pull request.
//! <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>

use std::io::{self, Write};

use super::escape::{decimal, ConstCache};
use super::{Renderer, RunInfo};
use crate::findings::{Finding, Severity, Summary};

pub struct Github<'w> {
    out: Box<dyn Write + 'w>,
    /// Each finding is written here, then to `out` in one call.
    line: Vec<u8>,
    /// Constant messages and helps, escaped once.
    constants: ConstCache,
}

impl<'w> Github<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Github {
            out,
            line: Vec::new(),
            constants: ConstCache::new(escape_data),
        }
    }
}

/// Appends a message escaped: GitHub reads `%`, CR and LF specially.
fn escape_data(buf: &mut Vec<u8>, text: &str) {
    escape(buf, text, b"%\r\n");
}

/// Appends a property value escaped: also `:` and `,`, which separate properties.
fn escape_property(buf: &mut Vec<u8>, text: &str) {
    escape(buf, text, b"%\r\n:,");
}

/// Appends `text` with each byte of `special` (all ASCII) as `%XX`.
fn escape(buf: &mut Vec<u8>, text: &str, special: &[u8]) {
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        if special.contains(&byte) {
            buf.extend_from_slice(&text.as_bytes()[start..index]);
            let _ = write!(buf, "%{byte:02X}");
            start = index + 1;
        }
    }
    buf.extend_from_slice(&text.as_bytes()[start..]);
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
        let buf = &mut self.line;
        buf.clear();
        buf.extend_from_slice(b"::");
        buf.extend_from_slice(command.as_bytes());
        // Rule names are kebab-case: nothing in the title to escape.
        buf.extend_from_slice(b" title=pushdiag (");
        buf.extend_from_slice(finding.rule.name().as_bytes());
        buf.push(b')');
        if let Some(location) = finding.location.as_ref().filter(|l| is_file(&l.source)) {
            buf.extend_from_slice(b",file=");
            escape_property(buf, &location.source);
            buf.extend_from_slice(b",line=");
            decimal(buf, location.line);
            buf.extend_from_slice(b",col=");
            decimal(buf, location.column);
        }
        buf.extend_from_slice(b"::");
        if let Some(vendor) = finding.vendor {
            buf.extend_from_slice(vendor.id().as_bytes());
            buf.extend_from_slice(b": ");
        }
        self.constants.write(buf, &finding.message);
        if let Some(location) = finding.location.as_ref().filter(|l| !l.pointer.is_empty()) {
            buf.extend_from_slice(b" (at ");
            escape_data(buf, &location.pointer);
            buf.push(b')');
        }
        if let Some(help) = &finding.help {
            buf.extend_from_slice(b"%0Ahelp: ");
            self.constants.write(buf, help);
        }
        buf.push(b'\n');
        self.out.write_all(buf)
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(escape: fn(&mut Vec<u8>, &str), text: &str) -> String {
        let mut buf = Vec::new();
        escape(&mut buf, text);
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn escapes_what_github_reads_specially() {
        assert_eq!(
            escaped(escape_data, "50% done\r\nnext: a,b 推送"),
            "50%25 done%0D%0Anext: a,b 推送"
        );
        assert_eq!(escaped(escape_property, "a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert!(!is_file("<stdin>"));
        assert!(is_file("dir/push.json"));
    }
}
