//! `lint-ext`'s inputs linted into a report: a whole document (a file, stdin or the argument) or
//! a JSON Lines stream record by record, with the findings about the input itself (a byte order
//! mark, a record too large to read). Unreadable input is an error naming the file.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

use crate::findings::{Finding, Rule};
use crate::lint::input::{read_document, Document, JsonLines, Record, BOM};
use crate::lint::{Linter, Origin};
use crate::render::Report;
use crate::vendor::Vendor;

/// `-` is stdin.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The input's name in findings: the path, or `<stdin>`.
pub fn source_name(path: &Path) -> Arc<str> {
    if is_stdin(path) {
        "<stdin>".into()
    } else {
        path.display().to_string().into()
    }
}

/// Opens a file for reading, with errors that name it; a folder is refused up front because
/// reading one fails with a confusing "Is a directory".
pub fn open(path: &Path) -> anyhow::Result<File> {
    if path.is_dir() {
        anyhow::bail!(
            "cannot read `{}`: it is a directory, not a file",
            path.display()
        );
    }
    File::open(path).with_context(|| format!("cannot read `{}`", path.display()))
}

/// Runs `read` over stdin or the opened file; its error names which one it was.
fn read_input<T>(
    path: &Path,
    stdin: &mut Box<dyn BufRead + '_>,
    read: impl FnOnce(&mut dyn BufRead) -> std::io::Result<T>,
) -> anyhow::Result<T> {
    if is_stdin(path) {
        read(stdin).context("cannot read stdin")
    } else {
        let mut file = BufReader::with_capacity(256 * 1024, open(path)?);
        read(&mut file).with_context(|| format!("cannot read `{}`", path.display()))
    }
}

/// What lints the inputs: the linter, the report its findings stream into, the largest record
/// read (`--max-record-bytes`) and the rule a file's record that is not JSON breaks. One per run;
/// its findings buffer is reused from record to record.
pub struct ExtLint<'a, 'r> {
    linter: Linter,
    report: &'a mut Report<'r>,
    findings: Vec<Finding>,
    max: usize,
    record_rule: Rule,
}

impl<'a, 'r> ExtLint<'a, 'r> {
    pub fn new(
        linter: Linter,
        report: &'a mut Report<'r>,
        max: usize,
        record_rule: Rule,
    ) -> ExtLint<'a, 'r> {
        ExtLint {
            linter,
            report,
            findings: Vec::new(),
            max,
            record_rule,
        }
    }

    /// Lints one file (or stdin) as a whole document; returns the records checked.
    pub fn file(&mut self, path: &Path, stdin: &mut Box<dyn BufRead + '_>) -> anyhow::Result<u64> {
        let (source, max) = (source_name(path), self.max);
        match read_input(path, stdin, |input| read_document(input, max))? {
            Document::Text(text) => self.document(&text, source, self.record_rule)?,
            Document::TooLarge { len } => {
                self.report.checked(1);
                self.report.emit(too_large(Origin::new(source), len, max))?;
            }
        }
        Ok(1)
    }

    /// Lints one whole document (a file, stdin or the argument).
    pub fn document(&mut self, text: &[u8], source: Arc<str>, rule: Rule) -> std::io::Result<()> {
        let mut origin = Origin::new(source);
        let text = match text.strip_prefix(BOM) {
            Some(rest) => {
                self.report.emit(bom_note(&origin))?;
                origin.offset = BOM.len() as u64;
                rest
            }
            None => text,
        };
        self.report.checked(1);
        self.text(text, &origin, rule)
    }

    /// Lints one file (or stdin) as JSON Lines; returns the records checked.
    pub fn lines_file(
        &mut self,
        path: &Path,
        stdin: &mut Box<dyn BufRead + '_>,
    ) -> anyhow::Result<u64> {
        let source = source_name(path);
        read_input(path, stdin, |input| {
            self.lines(JsonLines::new(input, self.max), source)
        })
    }

    /// Lints a JSON Lines stream record by record. A bad record is a finding; the stream goes on.
    pub fn lines<R: BufRead>(
        &mut self,
        mut lines: JsonLines<R>,
        source: Arc<str>,
    ) -> std::io::Result<u64> {
        let mut origin = Origin::new(source);
        let mut records = 0;
        while let Some(line) = lines.next_record()? {
            records += 1;
            origin.line = line.number;
            origin.offset = line.offset;
            if line.after_bom {
                self.report
                    .emit(bom_note(&Origin::new(origin.source.clone())))?;
            }
            match line.record {
                Record::Text(text) => self.text(text, &origin, self.record_rule)?,
                Record::TooLarge { len } => {
                    self.report.emit(too_large(origin.clone(), len, self.max))?;
                }
            }
            self.report.checked(1);
        }
        Ok(records)
    }

    /// Lints one text and emits its findings.
    fn text(&mut self, text: &[u8], origin: &Origin, rule: Rule) -> std::io::Result<()> {
        self.findings.clear();
        self.linter.lint(text, origin, rule, &mut self.findings);
        for finding in self.findings.drain(..) {
            self.report.emit(finding)?;
        }
        Ok(())
    }
}

/// `input-bom`: the byte order mark that was skipped.
pub fn bom_note(origin: &Origin) -> Finding {
    Finding::new(Rule::InputBom, "the input starts with a UTF-8 byte order mark; pushdiag skipped it")
        .help("save without the BOM: JSON must not start with one (RFC 8259, section 8.1), and Tencent's API may reject the request")
        .at(crate::findings::Location {
            source: origin.source.clone(),
            line: 1,
            column: 1,
            offset: 0,
            pointer: String::new(),
        })
}

/// `payload-too-large`: a record over `--max-record-bytes`, skipped.
pub fn too_large(origin: Origin, len: u64, max: usize) -> Finding {
    Finding::new(
        Rule::PayloadTooLarge,
        format!(
            "the record is {len} bytes or more; pushdiag reads at most {max} bytes per record (--max-record-bytes) and Tencent IM refuses request bodies over 8 KB (error 93000); skipped"
        ),
    )
    .vendor(Vendor::Tim)
    .help("one push must fit in 8 KB; check that the line is one record and not a whole file without newlines")
    .at(crate::findings::Location {
        source: origin.source,
        line: origin.line,
        column: 1,
        offset: origin.offset,
        pointer: String::new(),
    })
}
