//! pushdiag: why an offline push does not arrive, and proof of the fix.
//!
//! The binary is a thin shell around [`run`]. Commands live in [`commands`], checks in [`lint`],
//! findings and the rule registry in [`findings`], output formats in [`render`], positions and
//! the JSON parser every check shares in [`text`].

pub mod checklist;
pub mod cli;
pub mod commands;
pub mod config;
pub mod config_check;
pub mod credentials;
pub mod emulated;
pub mod emulator;
pub mod exchanges;
pub mod ext_inputs;
pub mod ext_jobs;
pub mod files;
pub mod findings;
#[doc(hidden)]
pub mod fuzzing;
pub mod generated;
pub mod init_template;
pub mod jsonl_chunks;
pub mod lint;
pub mod net;
pub mod outcome;
pub mod project;
pub mod push_loss;
pub mod push_trace;
pub mod receiver_status;
pub mod render;
pub mod secret;
pub mod session;
pub mod test_push;
pub mod text;
pub mod vendor;
pub mod vendors;

use std::io::{self, BufRead, Write};

/// The documented exit codes (`docs/exit-codes.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitStatus {
    /// The job ran; nothing at error severity.
    Clean = 0,
    /// The job ran and found at least one error.
    Findings = 1,
    /// pushdiag could not do the job: bad usage, unreadable input.
    Failed = 2,
    /// A vendor could not be reached; the answer is unknown.
    Unreachable = 3,
}

impl ExitStatus {
    /// A run's exit code from its report's `summary`, whether some input could not be read or
    /// some step could not run (`failed`), and whether a vendor could not be reached: failing
    /// outranks findings at error severity, which outrank an unknown answer.
    pub fn of(summary: &findings::Summary, failed: bool, unreachable: bool) -> ExitStatus {
        if failed {
            ExitStatus::Failed
        } else if summary.errors > 0 {
            ExitStatus::Findings
        } else if unreachable {
            ExitStatus::Unreachable
        } else {
            ExitStatus::Clean
        }
    }
}

/// The process's standard streams, passed in so library code never touches the real ones.
pub struct Streams<'a> {
    pub stdin: Box<dyn BufRead + 'a>,
    pub stdout: Box<dyn Write + 'a>,
    pub stderr: Box<dyn Write + 'a>,
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
}

/// Runs one command line.
pub fn run(cli: cli::Cli, streams: Streams<'_>) -> anyhow::Result<ExitStatus> {
    commands::dispatch(cli, streams)
}

/// True when the error is a write to a closed pipe.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
