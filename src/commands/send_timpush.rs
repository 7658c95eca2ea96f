//! `pushdiag send-test --via timpush --to USERID`: one push through Tencent's push service
//! (`v4/timpush/batch`, From_Account the admin, a fresh MsgRandom, OfflinePushInfo with the ext
//! as a JSON string, linted first), then its trace per receiver (`all_member_push_trace`, 1 call
//! a second) until every device is done or `--wait` runs out. The batch is sent once, never
//! again: Tencent de-duplicates it only within a second.

use super::Session;
use crate::cli::SendTestArgs;
use crate::push_trace;
use crate::session::{fill_emulated_secrets, load_config};
use crate::test_push::{self, via_tim};
use crate::vendors::endpoints;
use crate::vendors::tim;
use crate::ExitStatus;

/// `timpush/batch` takes 1..500 UserIDs (§3.1).
const MAX_RECEIVERS: usize = 500;

pub fn run(args: &SendTestArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let (config, mut env) = load_config(&session.global)?;
    fill_emulated_secrets(&config, &mut env, session);
    let emulated = session.global.emulated;
    let app = via_tim::resolve_app(&config, &env, args.dry_run, session)?;
    if args.production || args.custom || args.from.is_some() {
        session.diagnostic(format_args!(
            "note: --production, --custom and --from change nothing with --via timpush: it pushes as the admin, a formal push, with no IM message"
        ));
    }
    let to = via_tim::receivers(&args.to, emulated)?;
    if to.len() > MAX_RECEIVERS {
        anyhow::bail!("at most {MAX_RECEIVERS} --to at once (timpush/batch takes 500 UserIDs)");
    }
    let ext = args
        .ext
        .clone()
        .unwrap_or_else(|| test_push::default_ext(args.profile));
    let batch = via_tim::test_batch(&config, to, &args.title, &args.desc, ext);

    // The body first, as Tencent will read it: a broken ext stops here, before anything is sent.
    let body = batch.body(&app.credentials.admin);
    let lint_findings = via_tim::lint_body(&body, "<timpush/batch body>", args.profile);
    if let Some(stopped) = test_push::stop_on_lint_errors(
        session,
        &lint_findings,
        args.force,
        1,
        "the push has lint errors, so nothing was sent; fix it, or pass --force to send it anyway",
    )? {
        return Ok(stopped);
    }
    let net = args.net.options();
    if args.dry_run {
        let base = endpoints::tim_base(&config, None)?;
        let client = tim::Client::new(&base, app.credentials, &net)?;
        let plan = vec![client.plan_batch(&batch)?];
        session.diagnostic(format_args!(
            "dry run: nothing was sent; the secret key is never shown, the usersig is masked"
        ));
        return test_push::print_dry_run(session, &lint_findings, &plan);
    }
    let secrets = [app.credentials.secret_key.clone()];
    let mut asked =
        push_trace::push_and_trace(&config, app.credentials, &batch, args.wait, &net, session)?;
    // The lint's warnings come first, as send-test's other paths report them.
    asked.findings.splice(0..0, lint_findings);
    push_trace::report(session, "send-test", &config, asked, &secrets)
}
