//! `pushdiag trace --push-id ID` / `pushdiag trace --task TASKID --user USERID`: where a push
//! died, per device and hop, from Tencent's push trace (`normal_push_trace`,
//! `all_member_push_trace`), joined with pushdiag.toml's certificate IDs. Exit 0 when every
//! device was reached, 1 when a hop failed or notifications are off, 3 when Tencent could not
//! be asked.

use super::Session;
use crate::cli::TraceArgs;
use crate::push_trace;
use crate::session::{fill_emulated_secrets, load_config};
use crate::test_push::via_tim;
use crate::vendors::tim::TraceQuery;
use crate::ExitStatus;

pub fn run(args: &TraceArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let query = match (&args.push_id, &args.task, &args.user) {
        (Some(id), _, _) => TraceQuery::PushId(non_empty(id, "--push-id")?),
        (None, Some(task), Some(user)) => TraceQuery::Task {
            task: non_empty(task, "--task")?,
            user: non_empty(user, "--user")?,
        },
        // clap requires one of the two forms.
        _ => anyhow::bail!("pass --push-id ID, or --task TASKID with --user USERID"),
    };
    let (config, mut env) = load_config(&session.global)?;
    fill_emulated_secrets(&config, &mut env, session);
    let app = via_tim::resolve_app(&config, &env, false, session)?;
    let secrets = [app.credentials.secret_key.clone()];
    let asked = push_trace::trace(
        &config,
        app.credentials,
        &query,
        &args.net.options(),
        session,
    )?;
    push_trace::report(session, "trace", &config, asked, &secrets)
}

fn non_empty(value: &str, flag: &str) -> anyhow::Result<String> {
    let value = value.trim();
    if value.is_empty() {
        anyhow::bail!("{flag} is empty");
    }
    Ok(value.to_owned())
}
