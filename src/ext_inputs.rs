//! `lint-ext`'s inputs linted into a report: a whole document (a file, stdin or the argument) or
//! a JSON Lines stream record by record, with the findings about the input itself (a byte order
//! mark, a record too large to read). Unreadable input is an error naming the file.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

use crate::ext_jobs::Pool;
use crate::findings::{Finding, Rule};
use crate::jsonl_chunks::Chunker;
use crate::lint::input::{read_document, Document, JsonLines, Record, BOM};
use crate::lint::{LintOptions, Linter, Origin};
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

/// Where a JSON Lines input sits in a larger file that was split to be linted in parts
/// (`--source-name`, `--line-offset`, `--byte-offset`): its findings name the whole file's lines.
#[derive(Clone, Debug, Default)]
pub struct Placement {
    /// The name findings give as their source, instead of the path.
    pub source_name: Option<String>,
    /// Lines of the whole file before this part.
    pub lines_before: u64,
    /// Byte offset of this part's first byte in the whole file.
    pub offset: u64,
}

/// What lints the records of a JSON Lines stream: the linter, the largest record read
/// (`--max-record-bytes`) and the rule a record that is not JSON breaks. One per thread.
pub struct RecordLinter {
    pub linter: Linter,
    pub max: usize,
    pub rule: Rule,
}

impl RecordLinter {
    /// Lints a JSON Lines stream record by record; after each record `done` gets its findings
    /// (the byte order mark's note first) in `out`. A bad record is a finding; the stream goes
    /// on. Returns the records read.
    pub fn stream<R: BufRead>(
        &mut self,
        lines: &mut JsonLines<R>,
        source: &Arc<str>,
        out: &mut Vec<Finding>,
        mut done: impl FnMut(&mut Vec<Finding>) -> std::io::Result<()>,
    ) -> std::io::Result<u64> {
        let mut origin = Origin::new(source.clone());
        let mut records = 0;
        while let Some(line) = lines.next_record()? {
            records += 1;
            origin.line = line.number;
            origin.offset = line.offset;
            if line.after_bom {
                out.push(bom_note(&Origin::new(source.clone())));
            }
            match line.record {
                Record::Text(text) => self.linter.lint(text, &origin, self.rule, out),
                Record::TooLarge { len } => out.push(too_large(origin.clone(), len, self.max)),
            }
            done(out)?;
        }
        Ok(records)
    }
}

/// What lints the inputs: the linter and the report its findings stream into, and how JSON
/// Lines are read (threads, placement). One per run; its findings buffer is reused from record
/// to record.
pub struct ExtLint<'a, 'r> {
    options: LintOptions,
    records: RecordLinter,
    report: &'a mut Report<'r>,
    findings: Vec<Finding>,
    jobs: usize,
    placement: Placement,
}

impl<'a, 'r> ExtLint<'a, 'r> {
    pub fn new(
        options: LintOptions,
        report: &'a mut Report<'r>,
        max: usize,
        record_rule: Rule,
    ) -> ExtLint<'a, 'r> {
        ExtLint {
            records: RecordLinter {
                linter: Linter::new(options.clone()),
                max,
                rule: record_rule,
            },
            options,
            report,
            findings: Vec::new(),
            jobs: 1,
            placement: Placement::default(),
        }
    }

    /// Lints JSON Lines on `jobs` threads (documents are always read on one).
    pub fn jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs.max(1);
        self
    }

    /// Places JSON Lines inputs in a larger file.
    pub fn placement(mut self, placement: Placement) -> Self {
        self.placement = placement;
        self
    }

    /// Lints one file (or stdin) as a whole document; returns the records checked.
    pub fn file(&mut self, path: &Path, stdin: &mut Box<dyn BufRead + '_>) -> anyhow::Result<u64> {
        let (source, max) = (source_name(path), self.records.max);
        match read_input(path, stdin, |input| read_document(input, max))? {
            Document::Text(text) => self.document(&text, source, self.records.rule)?,
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
        self.findings.clear();
        self.records
            .linter
            .lint(text, &origin, rule, &mut self.findings);
        for finding in self.findings.drain(..) {
            self.report.emit(finding)?;
        }
        Ok(())
    }

    /// Lints one file (or stdin) as JSON Lines; returns the records checked.
    pub fn lines_file(
        &mut self,
        path: &Path,
        stdin: &mut Box<dyn BufRead + '_>,
    ) -> anyhow::Result<u64> {
        let source: Arc<str> = match &self.placement.source_name {
            Some(name) => name.as_str().into(),
            None => source_name(path),
        };
        let (before, offset) = (self.placement.lines_before, self.placement.offset);
        read_input(path, stdin, |input| {
            if self.jobs > 1 {
                let start = Chunker::new(input, CHUNK_BYTES, self.records.max, before, offset);
                let pool = Pool::new(&self.options, self.records.max, self.records.rule);
                return pool.run(self.jobs, start, &source, self.report);
            }
            let mut lines = JsonLines::resume(input, self.records.max, before, offset);
            let report = &mut *self.report;
            self.records
                .stream(&mut lines, &source, &mut self.findings, |findings| {
                    for finding in findings.drain(..) {
                        report.emit(finding)?;
                    }
                    report.checked(1);
                    Ok(())
                })
        })
    }
}

/// How much of a JSON Lines stream a thread lints at a time: large enough that handing chunks
/// over costs nothing next to linting them (about half a millisecond of lint each), small
/// enough that a few per thread stay cheap (a 1 GB file on 2 threads peaks at 9.5 MB resident,
/// against 7.5 MB on one; 14 MB with 1 MiB chunks).
const CHUNK_BYTES: usize = 256 * 1024;

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
