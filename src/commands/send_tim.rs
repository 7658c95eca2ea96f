//! `pushdiag send-test --via tim --to USERID`: one IM message with OfflinePushInfo through
//! Tencent IM's `v4/openim/sendmsg`, the same path an app's messages take. The whole sendmsg body
//! is linted first (ext, Desc, channel IDs); under `--emulated` the report also shows what the IM
//! server did with the message: the vendor push it made for a PushOnline receiver, or why none.
//! The receivers' states are asked first (as `status` does): a message Tencent IM accepted for an
//! Online receiver is a warning, for an Offline or unknown one an error, since no push goes out.

use super::Session;
use crate::cli::{SendTestArgs, Via};
use crate::session::{fill_emulated_secrets, load_config};
use crate::test_push::{self, via_tim};
use crate::vendor::Vendor;
use crate::vendors::tim::{self, Message};
use crate::ExitStatus;

pub fn run(args: &SendTestArgs, via: Via, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    // `--via timpush` has its own handler.
    debug_assert_eq!(via, Via::Tim);
    let (config, mut env) = load_config(&session.global)?;
    // `--emulated`: an unset `{ env = "…" }` secret of a built-in app is the emulator's, as for
    // every other command.
    fill_emulated_secrets(&config, &mut env, session);
    let emulated = session.global.emulated;
    let app = via_tim::resolve_app(&config, &env, args.dry_run, session)?;
    if args.production {
        session.diagnostic(format_args!(
            "note: --production changes nothing with --via tim: Tencent IM always sends the vendors formal pushes"
        ));
    }
    let receivers = via_tim::receivers(&args.to, emulated)?;
    let ext = args
        .ext
        .clone()
        .unwrap_or_else(|| test_push::default_ext(args.profile));
    let messages: Vec<Message> = receivers
        .iter()
        .map(|to| Message {
            from: args.from.clone(),
            to: to.clone(),
            title: args.title.clone(),
            desc: args.desc.clone(),
            ext: ext.clone(),
            custom: args.custom,
            android: crate::vendors::tim::from_config::android_info(&config),
            msg_random: tim::random_u32(),
            msg_seq: tim::random_u32(),
        })
        .collect();

    // The body first, as Tencent will read it: a broken ext or a push that cannot happen stops
    // here, before any credential is used.
    let lint_findings = via_tim::lint(&messages, args.profile);
    if let Some(stopped) = test_push::stop_on_lint_errors(
        session,
        &lint_findings,
        args.force,
        messages.len() as u64,
        "the message has lint errors, so nothing was sent; fix it, or pass --force to send it anyway",
    )? {
        return Ok(stopped);
    }

    let secrets = [app.credentials.secret_key.clone()];
    let (plan, exchanges) = via_tim::plan_or_send(
        app.credentials,
        &config,
        &messages,
        args.dry_run,
        emulated,
        &args.net.options(),
        session,
    )?;

    if args.dry_run {
        if app.secret_missing {
            session.diagnostic(format_args!(
                "note: [tim] secret-key is not available; a real run needs it (the usersig below is masked either way)"
            ));
        }
        session.diagnostic(format_args!(
            "dry run: nothing was sent; the secret key is never shown, the usersig is masked"
        ));
        return test_push::print_dry_run(session, &lint_findings, &plan);
    }
    crate::exchanges::report(
        session,
        Vendor::Tim,
        &config,
        lint_findings,
        exchanges,
        &secrets,
        messages.len(),
    )
}
