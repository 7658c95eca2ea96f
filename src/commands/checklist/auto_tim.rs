//! The `tim` checklist's automatic steps that ask about one receiver (`--user`): its Tencent IM
//! state (`status`), and a test push through Tencent's push service traced hop by hop
//! (`send-test --via timpush`).

use std::time::Duration;

use super::auto::{judge, AutoContext, Status, StepResult};
use crate::push_trace;
use crate::session::Session;
use crate::test_push::{self, via_tim};

/// How long the trace step waits for the push to reach a final hop.
const TRACE_WAIT: Duration = Duration::from_secs(30);

const NEEDS_USER: &str =
    "needs the receiver's UserID: pass --user USERID to ask Tencent IM, or check by hand";

/// `pushdiag status --user USERID`: the receiver must exist and be PushOnline (Online and
/// Offline are errors there: no offline push is sent to either).
pub(super) fn tim_status(ctx: &AutoContext<'_>, session: &mut Session<'_>) -> StepResult {
    let Some(user) = ctx.user else {
        return StepResult::new(Status::ByHand, NEEDS_USER);
    };
    let answer = match crate::receiver_status::ask(
        ctx.config,
        ctx.env,
        &[user.to_owned()],
        ctx.net,
        session,
    ) {
        Ok(answer) => answer,
        Err(error) => {
            return StepResult::new(Status::Skipped, format!("not run: {error:#}"));
        }
    };
    let mut result = judge(
        &format!("pushdiag status --user {user}"),
        answer.findings(),
        ctx.policy,
    );
    if result.status == Status::Passed && answer.unreachable() {
        result.status = Status::Unreachable;
        result.detail = format!(
            "pushdiag status --user {user}: Tencent IM could not be asked; the answer is unknown, try again later"
        );
    }
    result.notes.extend(answer.failures());
    result
}

/// `pushdiag send-test --via timpush --to USERID`: one test push through Tencent's push
/// service, then its trace; the first failed hop is what the step found.
pub(super) fn push_trace(ctx: &AutoContext<'_>, session: &mut Session<'_>) -> StepResult {
    let Some(user) = ctx.user else {
        return StepResult::new(Status::ByHand, NEEDS_USER);
    };
    let command = format!("pushdiag send-test --via timpush --to {user}");
    let app = match via_tim::resolve_app(ctx.config, ctx.env, false, session) {
        Ok(app) => app,
        Err(error) => return StepResult::new(Status::Skipped, format!("not run: {error:#}")),
    };
    let ext = ctx
        .ext
        .map_or_else(|| test_push::default_ext(ctx.profile), str::to_owned);
    let batch = via_tim::test_batch(
        ctx.config,
        vec![user.to_owned()],
        "pushdiag",
        "Test push from pushdiag: delivery works",
        ext,
    );
    let secret = app.credentials.secret_key.clone();
    let asked = match push_trace::push_and_trace(
        ctx.config,
        app.credentials,
        &batch,
        TRACE_WAIT,
        &ctx.net,
        session,
    ) {
        Ok(asked) => asked,
        Err(error) => return StepResult::new(Status::Unreachable, format!("{command}: {error:#}")),
    };
    let mut found = asked.findings;
    found.extend(push_trace::joined(ctx.config, &asked.devices));
    let exchanges: Vec<_> = asked.batch.into_iter().chain(asked.queries).collect();
    // A refused batch fails the step too; its finding is reported with its exchange.
    let refusals = exchanges.iter().filter_map(|e| e.finding.clone());
    let mut result = judge(
        &command,
        found.iter().cloned().chain(refusals).collect(),
        ctx.policy,
    );
    result.findings = found;
    let unreachable = exchanges
        .iter()
        .any(|e| e.result.outcome == crate::outcome::Outcome::Unreachable);
    if result.status == Status::Passed && (unreachable || asked.devices.is_empty()) {
        result.status = Status::Unreachable;
        result.detail = format!(
            "{command}: no trace came back; the answer is unknown, try `pushdiag trace` later"
        );
    } else if result.status == Status::Passed {
        result.detail = format!("{command}: the push reached every device of {user}");
    }
    result.notes.extend(asked.notes);
    result.exchanges = exchanges;
    result.secrets.push(secret);
    result
}
