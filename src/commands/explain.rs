//! `pushdiag explain RULE` and `pushdiag explain --list`.

use super::Session;
use crate::cli::ExplainArgs;
use crate::findings::Rule;
use crate::ExitStatus;

pub fn run(args: &ExplainArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let out = &mut session.streams.stdout;
    if args.list {
        let width = Rule::ALL.iter().map(|r| r.name().len()).max().unwrap_or(0);
        for rule in Rule::ALL {
            writeln!(
                out,
                "{:width$}  {:7}  {}",
                rule.name(),
                rule.default_severity().as_str(),
                rule.summary()
            )?;
        }
        out.flush()?;
        return Ok(ExitStatus::Clean);
    }
    let name = args.rule.as_deref().unwrap_or_default();
    let rule = Rule::lookup(name)?;
    writeln!(
        out,
        "{} ({}, {})\n\n{}\n\n{}",
        rule.name(),
        rule.default_severity().as_str(),
        rule.command(),
        rule.summary(),
        rule.doc().trim_end()
    )?;
    out.flush()?;
    Ok(ExitStatus::Clean)
}
