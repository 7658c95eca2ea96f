//! `pushdiag init`: writes a starting `pushdiag.toml` from what the app's files already say
//! (package, vivo ids, Huawei app id, FCM project), with secrets as `{ env = "…" }` placeholders.
//! It never overwrites a config without `--force`.

use std::io::Write as _;

use anyhow::Context as _;

use super::Session;
use crate::cli::InitArgs;
use crate::config::FILE_NAME;
use crate::project::{self, Expectations};
use crate::ExitStatus;

pub fn run(args: &InitArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let path = args.project.join(FILE_NAME);
    if path.exists() && !args.force {
        anyhow::bail!(
            "`{}` already exists; pass --force to overwrite it",
            path.display()
        );
    }
    let report = project::check(&args.project, &Expectations::default());
    for failure in &report.failures {
        session.diagnostic(format_args!("warning: {failure:#}"));
    }
    let template = crate::init_template::render(&report.facts, &args.project);
    for source in &template.sources {
        session.diagnostic(format_args!("{source}"));
    }
    let text = template.text;
    std::fs::write(&path, &text).with_context(|| format!("cannot write `{}`", path.display()))?;
    let out = &mut session.streams.stdout;
    writeln!(out, "wrote {}", path.display())?;
    writeln!(
        out,
        "next: fill in the blanks, export the secrets it names, then run `pushdiag check-config`"
    )?;
    out.flush()?;
    Ok(ExitStatus::Clean)
}
