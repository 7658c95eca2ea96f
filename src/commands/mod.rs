//! One file per subcommand; each is a short handler that delegates to the library. Dispatch is
//! this one `match`.

mod check_config;
mod checklist;
mod completions;
mod emulate;
mod explain;
mod init;
mod lint_ext;
mod loss;
mod send_test;
mod send_tim;
mod send_timpush;
mod status;
mod trace;

use crate::cli::{Cli, ColorChoice, Command, Via};
use crate::render::Format;
pub use crate::session::Session;
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
        // `--via tim` sends an IM message, not a vendor push: its own handler.
        Command::SendTest(args) => match args.via {
            Some(Via::Timpush) => send_timpush::run(&args, &mut session),
            Some(via) => send_tim::run(&args, via, &mut session),
            None => send_test::run(&args, &mut session),
        },
        Command::Status(args) => status::run(&args, &mut session),
        Command::Trace(args) => trace::run(&args, &mut session),
        Command::Loss(args) => loss::run(&args, &mut session),
        Command::Emulate(args) => emulate::run(&args, &mut session),
        Command::Checklist(args) => checklist::run(&args, &mut session),
        Command::Explain(args) => explain::run(&args, &mut session),
        Command::Completions(args) => completions::run(&args, &mut session),
    }
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
