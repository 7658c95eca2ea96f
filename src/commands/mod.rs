//! One file per subcommand; each is a short handler that delegates to the library. Dispatch is
//! this one `match`.

mod check_config;
mod checklist;
mod completions;
mod emulate;
mod explain;
mod init;
mod lint_ext;
mod send_test;
mod send_tim;
mod status;

use std::io::Write;

use crate::cli::{Cli, ColorChoice, Command, GlobalArgs};
use crate::findings::SeverityPolicy;
use crate::render::{self, Format, Report, RunInfo, Verbosity};
use crate::{ExitStatus, Streams};

pub fn dispatch(cli: Cli, streams: Streams<'_>) -> anyhow::Result<ExitStatus> {
    let Cli { global, command } = cli;
    let color = color_enabled(global.color, global.format, streams.stdout_is_terminal);
    colored::control::set_override(color);
    let mut session = Session {
        global,
        streams,
        color,
    };
    match command {
        Command::LintExt(args) => lint_ext::run(&args, &mut session),
        Command::CheckConfig(args) => check_config::run(&args, &mut session),
        Command::Init(args) => init::run(&args, &mut session),
        Command::SendTest(args) => send_test::run(&args, &mut session),
        Command::Status(args) => status::run(&args, &mut session),
        Command::Emulate(args) => emulate::run(&args, &mut session),
        Command::Checklist(args) => checklist::run(&args, &mut session),
        Command::Explain(args) => explain::run(&args, &mut session),
        Command::Completions(args) => completions::run(&args, &mut session),
    }
}

/// What every command needs: the global flags and the streams.
pub struct Session<'a> {
    pub global: GlobalArgs,
    pub streams: Streams<'a>,
    pub color: bool,
}

impl<'a> Session<'a> {
    /// Starts a report on stdout in the chosen format, with the severity policy applied.
    pub fn report(&mut self, command: &'static str) -> anyhow::Result<Report<'_>> {
        let policy =
            SeverityPolicy::from_flags(&self.global.deny, &self.global.warn, &self.global.allow)?;
        let verbosity = Verbosity(self.global.verbose as i8 - self.global.quiet as i8);
        let renderer = render::renderer(
            self.global.format,
            Box::new(&mut self.streams.stdout),
            verbosity,
            self.color,
        );
        let run = RunInfo {
            command,
            version: env!("CARGO_PKG_VERSION"),
        };
        Ok(Report::start(renderer, policy, &run)?)
    }

    /// Writes one line to stderr (progress, non-fatal errors). Errors writing stderr are ignored:
    /// there is nowhere left to report them.
    pub fn diagnostic(&mut self, line: std::fmt::Arguments<'_>) {
        let _ = writeln!(self.streams.stderr, "{line}");
    }
}

/// With `--emulated`, sets each unset secret variable the config reads for a built-in emulator
/// app to that app's (public) secret, and says so on stderr, so an example project runs end to
/// end without exports.
fn fill_emulated_secrets(
    config: &crate::config::Config,
    env: &mut std::collections::BTreeMap<String, String>,
    session: &mut Session<'_>,
) {
    if !session.global.emulated {
        return;
    }
    let registry = crate::emulator::Registry::builtin();
    for filled in crate::emulated::fill_builtin_secrets(config, &registry, env) {
        session.diagnostic(format_args!(
            "--emulated: ${} is not set, so {} is the emulator's built-in secret of app {}",
            filled.var, filled.key, filled.app_id
        ));
    }
}

/// The process environment, read once: config overrides and secrets from `{ env = … }`.
fn environment() -> std::collections::BTreeMap<String, String> {
    std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect()
}

/// `--color auto` colours only human output on a terminal, and honours `NO_COLOR` and
/// `CLICOLOR_FORCE` (<https://no-color.org>, <https://bixense.com/clicolors/>).
fn color_enabled(choice: ColorChoice, format: Format, stdout_is_terminal: bool) -> bool {
    if format != Format::Human {
        return false;
    }
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto
            if set("CLICOLOR_FORCE")
                && std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0") =>
        {
            true
        }
        ColorChoice::Auto => stdout_is_terminal,
    }
}
