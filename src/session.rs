//! What every command works with: the global flags, the streams, the process environment read
//! once and the config loaded with it. Library code that reports (a report on stdout, lines on
//! stderr) takes a [`Session`] rather than touching the real streams.

use std::io::Write;
use std::path::Path;

use crate::cli::GlobalArgs;
use crate::config::{self, Config, Environment};
use crate::findings::SeverityPolicy;
use crate::render::{self, Report, RunInfo, Verbosity};
use crate::Streams;

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
        // A log line may quote an endpoint: its userinfo never shows.
        let line = line.to_string();
        let _ = writeln!(
            self.streams.stderr,
            "{}",
            crate::secret::hide_userinfo(&line)
        );
    }
}

/// With `--emulated`, sets each unset secret variable the config reads for a built-in emulator
/// app to that app's (public) secret, and says so on stderr, so an example project runs end to
/// end without exports.
pub fn fill_emulated_secrets(config: &Config, env: &mut Environment, session: &mut Session<'_>) {
    if !session.global.emulated {
        return;
    }
    let registry = crate::emulator::Registry::builtin();
    let filled = crate::emulated::fill_builtin_secrets(config, &registry, env);
    match filled.as_slice() {
        [] => {}
        [one] => session.diagnostic(format_args!(
            "--emulated: ${} is not set, so {} is the emulator's built-in secret of app {}",
            one.var, one.key, one.app_id
        )),
        // One line, not one per secret: six lines of this buried the report (issue 13).
        many => {
            let vars: Vec<String> = many.iter().map(|f| format!("${}", f.var)).collect();
            session.diagnostic(format_args!(
                "--emulated: {} are not set, so the emulator's built-in apps' secrets stand in",
                vars.join(", ")
            ));
        }
    }
}

/// The config of a command run from the current folder (`--config`, `$PUSHDIAG_CONFIG`, or the
/// nearest `pushdiag.toml`), with the environment it was read with.
pub fn load_config(global: &GlobalArgs) -> anyhow::Result<(Config, Environment)> {
    let (_, config, env) = load_config_from(global, Path::new("."))?;
    Ok((config, env))
}

/// The config found from `start` (`--config`, `$PUSHDIAG_CONFIG`, or the nearest
/// `pushdiag.toml` in `start` or a parent), the file it came from, and the environment it was
/// read with: the one way every command reads its configuration.
pub fn load_config_from(
    global: &GlobalArgs,
    start: &Path,
) -> anyhow::Result<(Option<std::path::PathBuf>, Config, Environment)> {
    let env = Environment::from_process();
    let found = config::discover(global.config.as_deref(), None, start)?;
    let config = config::load(found.as_deref(), &env)?;
    Ok((found, config, env))
}

/// The async runtime a command's network calls run on: two workers, so the vendors of
/// `check-config --online` are asked at once.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}
