//! `pushdiag completions SHELL`: the same scripts that are committed under `completions/`.

use super::Session;
use crate::cli::CompletionsArgs;
use crate::ExitStatus;

pub fn run(args: &CompletionsArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    session
        .streams
        .stdout
        .write_all(&crate::generated::completion(args.shell))?;
    session.streams.stdout.flush()?;
    Ok(ExitStatus::Clean)
}
