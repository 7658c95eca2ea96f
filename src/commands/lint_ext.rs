//! `pushdiag lint-ext`: reads the inputs (argument, files, stdin, JSON Lines), lints each text
//! and streams the findings into the report. One unreadable input never stops the others: it is
//! reported on stderr and makes the exit code 2.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;

use super::Session;
use crate::cli::LintExtArgs;
use crate::findings::{Finding, Rule};
use crate::lint::input::{read_document, Document, JsonLines, Record, BOM};
use crate::lint::{InputKind, LintOptions, Linter, Origin};
use crate::render::Report;
use crate::vendor::Vendor;
use crate::ExitStatus;

/// An input, in the order given.
enum Input {
    Argument(Vec<u8>),
    Document(PathBuf),
    Lines(PathBuf),
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn inputs(args: &LintExtArgs, stdin_is_terminal: bool) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    if let Some(ext) = &args.ext {
        if ext == "-" {
            inputs.push(Input::Document(PathBuf::from("-")));
        } else {
            inputs.push(Input::Argument(ext.clone().into_encoded_bytes()));
        }
    }
    inputs.extend(args.file.iter().cloned().map(Input::Document));
    inputs.extend(args.jsonl.iter().cloned().map(Input::Lines));
    if inputs.is_empty() {
        if stdin_is_terminal {
            anyhow::bail!(
                "no input: give EXT, --file FILE or --jsonl FILE, or pipe JSON into stdin (see `pushdiag lint-ext --help`)"
            );
        }
        inputs.push(Input::Document(PathBuf::from("-")));
    }
    let stdin_uses = inputs
        .iter()
        .filter(|input| matches!(input, Input::Document(p) | Input::Lines(p) if is_stdin(p)))
        .count();
    if stdin_uses > 1 {
        anyhow::bail!("stdin (`-`) can be read only once per run");
    }
    Ok(inputs)
}

pub fn run(args: &LintExtArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let inputs = inputs(args, session.streams.stdin_is_terminal)?;
    let vendors = if args.vendor.is_empty() {
        Vendor::ALL.to_vec()
    } else {
        args.vendor.clone()
    };
    let mut linter = Linter::new(LintOptions {
        profile: args.profile,
        vendors,
        input: args.input,
    });
    // The argument is documented as the ext; files and streams hold records (or exts).
    let record_rule = if args.input == InputKind::Ext {
        Rule::ExtInvalidJson
    } else {
        Rule::RecordInvalidJson
    };
    let verbose = session.global.verbose > 0;
    let mut stdin = std::mem::replace(&mut session.streams.stdin, Box::new(std::io::empty()));
    let mut failures = Vec::new();
    let mut report = session.report("lint-ext")?;
    let mut findings = Vec::new();
    let mut progress = Vec::new();
    for input in &inputs {
        let outcome = match input {
            Input::Argument(bytes) => {
                let rule = if args.input == InputKind::Record {
                    Rule::RecordInvalidJson
                } else {
                    Rule::ExtInvalidJson
                };
                lint_document(
                    bytes,
                    "<argument>".into(),
                    rule,
                    &mut linter,
                    &mut report,
                    &mut findings,
                )
                .map_err(anyhow::Error::from)
                .map(|()| 1)
            }
            Input::Document(path) => lint_file(
                path,
                &mut stdin,
                args.max_record_bytes,
                record_rule,
                &mut linter,
                &mut report,
                &mut findings,
            ),
            Input::Lines(path) => lint_lines_file(
                path,
                &mut stdin,
                args.max_record_bytes,
                record_rule,
                &mut linter,
                &mut report,
                &mut findings,
            ),
        };
        match outcome {
            Ok(records) if verbose => progress.push(format!(
                "checked {records} record(s) from {}",
                name_of(input)
            )),
            Ok(_) => {}
            // A closed stdout ends the run quietly; anything else is this input's failure.
            Err(error) if crate::is_broken_pipe(&error) => return Err(error),
            Err(error) => failures.push(error),
        }
    }
    let summary = report.finish()?;
    for line in progress {
        session.diagnostic(format_args!("{line}"));
    }
    for failure in &failures {
        session.diagnostic(format_args!("error: {failure:#}"));
    }
    Ok(if !failures.is_empty() {
        ExitStatus::Failed
    } else if summary.errors > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

fn name_of(input: &Input) -> String {
    match input {
        Input::Argument(_) => "the argument".to_owned(),
        Input::Document(path) | Input::Lines(path) => source_name(path).to_string(),
    }
}

fn source_name(path: &Path) -> Arc<str> {
    if is_stdin(path) {
        "<stdin>".into()
    } else {
        path.display().to_string().into()
    }
}

/// Opens a file for reading, with errors that name it; a folder is refused up front because
/// reading one fails with a confusing "Is a directory".
fn open(path: &Path) -> anyhow::Result<File> {
    if path.is_dir() {
        anyhow::bail!(
            "cannot read `{}`: it is a directory, not a file",
            path.display()
        );
    }
    File::open(path).with_context(|| format!("cannot read `{}`", path.display()))
}

fn lint_file(
    path: &Path,
    stdin: &mut Box<dyn BufRead + '_>,
    max: usize,
    rule: Rule,
    linter: &mut Linter,
    report: &mut Report<'_>,
    findings: &mut Vec<Finding>,
) -> anyhow::Result<u64> {
    let source = source_name(path);
    let document = if is_stdin(path) {
        read_document(stdin, max).context("cannot read stdin")?
    } else {
        read_document(open(path)?, max)
            .with_context(|| format!("cannot read `{}`", path.display()))?
    };
    match document {
        Document::Text(text) => lint_document(&text, source, rule, linter, report, findings)?,
        Document::TooLarge { len } => {
            report.checked(1);
            report.emit(too_large(Origin::new(source), len, max))?;
        }
    }
    Ok(1)
}

/// Lints one whole document (a file, stdin or the argument).
fn lint_document(
    text: &[u8],
    source: Arc<str>,
    rule: Rule,
    linter: &mut Linter,
    report: &mut Report<'_>,
    findings: &mut Vec<Finding>,
) -> std::io::Result<()> {
    let mut origin = Origin::new(source);
    let text = match text.strip_prefix(BOM) {
        Some(rest) => {
            report.emit(bom_note(&origin))?;
            origin.offset = BOM.len() as u64;
            rest
        }
        None => text,
    };
    findings.clear();
    linter.lint(text, &origin, rule, findings);
    report.checked(1);
    for finding in findings.drain(..) {
        report.emit(finding)?;
    }
    Ok(())
}

fn lint_lines_file(
    path: &Path,
    stdin: &mut Box<dyn BufRead + '_>,
    max: usize,
    rule: Rule,
    linter: &mut Linter,
    report: &mut Report<'_>,
    findings: &mut Vec<Finding>,
) -> anyhow::Result<u64> {
    let source = source_name(path);
    if is_stdin(path) {
        lint_lines(
            JsonLines::new(stdin, max),
            source,
            max,
            rule,
            linter,
            report,
            findings,
        )
        .context("cannot read stdin")
    } else {
        let file = BufReader::with_capacity(256 * 1024, open(path)?);
        lint_lines(
            JsonLines::new(file, max),
            source,
            max,
            rule,
            linter,
            report,
            findings,
        )
        .with_context(|| format!("cannot read `{}`", path.display()))
    }
}

/// Lints a JSON Lines stream record by record. A bad record is a finding; the stream goes on.
fn lint_lines<R: BufRead>(
    mut lines: JsonLines<R>,
    source: Arc<str>,
    max: usize,
    rule: Rule,
    linter: &mut Linter,
    report: &mut Report<'_>,
    findings: &mut Vec<Finding>,
) -> std::io::Result<u64> {
    let mut origin = Origin::new(source);
    let mut records = 0;
    while let Some(line) = lines.next_record()? {
        records += 1;
        origin.line = line.number;
        origin.offset = line.offset;
        if line.after_bom {
            report.emit(bom_note(&Origin::new(origin.source.clone())))?;
        }
        match line.record {
            Record::Text(text) => {
                findings.clear();
                linter.lint(text, &origin, rule, findings);
                for finding in findings.drain(..) {
                    report.emit(finding)?;
                }
            }
            Record::TooLarge { len } => report.emit(too_large(origin.clone(), len, max))?,
        }
        report.checked(1);
    }
    Ok(records)
}

fn bom_note(origin: &Origin) -> Finding {
    Finding::new(Rule::InputBom, "the input starts with a UTF-8 byte order mark; pushdiag skipped it")
        .help("save without the BOM: JSON must not start with one (RFC 8259 §8.1), and Tencent's API may reject the request")
        .at(crate::findings::Location {
            source: origin.source.clone(),
            line: 1,
            column: 1,
            offset: 0,
            pointer: String::new(),
        })
}

fn too_large(origin: Origin, len: u64, max: usize) -> Finding {
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
