//! The `pushdiag` binary: parse, run, map the outcome to an exit code. Nothing else here.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = pushdiag::cli::parse();
    let stdin = io::stdin();
    let streams = pushdiag::Streams {
        stdin_is_terminal: stdin.is_terminal(),
        stdout_is_terminal: io::stdout().is_terminal(),
        stdin: Box::new(stdin.lock()),
        stdout: Box::new(io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())),
        stderr: Box::new(io::stderr()),
    };
    match pushdiag::run(cli, streams) {
        Ok(status) => ExitCode::from(status as u8),
        // A closed stdout (`pushdiag … | head -1`) is the reader's choice, not a failure.
        Err(error) if pushdiag::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            #[allow(clippy::print_stderr)]
            {
                // The one fatal line may quote an endpoint whatever produced it: no userinfo.
                let line = format!("error: {error:#}");
                eprintln!("{}", pushdiag::secret::hide_userinfo(&line));
            }
            let _ = io::stderr().flush();
            ExitCode::from(pushdiag::ExitStatus::Failed as u8)
        }
    }
}
