//! `pushdiag lint-ext`: reads the inputs (argument, files, stdin, JSON Lines), lints each text
//! and streams the findings into the report. One unreadable input never stops the others: it is
//! reported on stderr and makes the exit code 2.

use std::path::PathBuf;

use super::Session;
use crate::cli::LintExtArgs;
use crate::ext_inputs::{is_stdin, source_name, ExtLint, Placement};
use crate::findings::Rule;
use crate::lint::{InputKind, LintOptions};
use crate::vendor::Vendor;
use crate::ExitStatus;

/// An input, in the order given.
enum Input {
    Argument(Vec<u8>),
    Document(PathBuf),
    Lines(PathBuf),
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
    let options = LintOptions {
        profile: args.profile,
        vendors,
        input: args.input,
    };
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
    if args.summary {
        report.summarize();
    }
    let mut lint = ExtLint::new(options, &mut report, args.max_record_bytes, record_rule)
        .jobs(jobs(args))
        .placement(placement(args, &inputs)?);
    let mut progress = Vec::new();
    for input in &inputs {
        let outcome = match input {
            Input::Argument(bytes) => {
                let rule = if args.input == InputKind::Record {
                    Rule::RecordInvalidJson
                } else {
                    Rule::ExtInvalidJson
                };
                lint.document(bytes, "<argument>".into(), rule)
                    .map_err(anyhow::Error::from)
                    .map(|()| 1)
            }
            Input::Document(path) => lint.file(path, &mut stdin),
            Input::Lines(path) => lint.lines_file(path, &mut stdin),
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
    report.unreadable(failures.len());
    let summary = report.finish()?;
    for line in progress {
        session.diagnostic(format_args!("{line}"));
    }
    for failure in &failures {
        session.diagnostic(format_args!("error: {failure:#}"));
    }
    Ok(ExitStatus::of(&summary, !failures.is_empty(), false))
}

fn name_of(input: &Input) -> String {
    match input {
        Input::Argument(_) => "the argument".to_owned(),
        Input::Document(path) | Input::Lines(path) => source_name(path).to_string(),
    }
}

/// `--jobs`, else the cores this process may run on.
fn jobs(args: &LintExtArgs) -> usize {
    args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    )
}

/// `--source-name`, `--line-offset`, `--byte-offset`: they place one JSON Lines input.
fn placement(args: &LintExtArgs, inputs: &[Input]) -> anyhow::Result<Placement> {
    let placement = Placement {
        source_name: args.source_name.clone(),
        lines_before: args.line_offset,
        offset: args.byte_offset,
    };
    let placed =
        placement.source_name.is_some() || placement.lines_before != 0 || placement.offset != 0;
    if placed && inputs.len() > 1 {
        anyhow::bail!("--source-name, --line-offset and --byte-offset place one --jsonl input; this run has {}", inputs.len());
    }
    Ok(placement)
}
