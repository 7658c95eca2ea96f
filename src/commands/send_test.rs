//! `pushdiag send-test --vendor VENDOR`: lint the ext,
//! authenticate, push to each device, and report each push's result, with a finding for every
//! refusal. (`--via tim` is its own handler, `send_tim.rs`.)

use super::Session;
use crate::cli::SendTestArgs;
use crate::config::{Config, Section};
use crate::findings::Finding;
use crate::session::{fill_emulated_secrets, load_config};
use crate::test_push::{self, Route};
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::from_config::{builtin_device, resolve, ResolvedApp};
use crate::vendors::push::{Click, TestPush};
use crate::vendors::spec::TestMode;
use crate::vendors::{apns, endpoints};
use crate::ExitStatus;

pub fn run(args: &SendTestArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let vendor = push_vendor(args)?;
    let (config, mut env) = load_config(&session.global)?;
    fill_emulated_secrets(&config, &mut env, session);

    // The ext first: a broken one stops here, before any credential is needed.
    let (ext, mut lint_findings) = lint_push(args, vendor);
    if let Some(stopped) = test_push::stop_on_lint_errors(
        session,
        &lint_findings,
        args.force,
        1,
        "the push has lint errors, so nothing was sent; fix them, or pass --force to send it anyway",
    )? {
        return Ok(stopped);
    }

    let emulated = session.global.emulated;
    let app = if vendor == Vendor::Apns {
        apns::from_config::resolve(&config, &env, emulated, args.production)?
    } else {
        resolve(vendor, &config, &env, emulated, args.dry_run)?
    };
    if let Credentials::Apns(apns) = &app.credentials {
        // Never a hidden default: the environment and the reason for it, every run.
        session.diagnostic(format_args!(
            "APNs environment: {} ({})",
            apns.environment_name(),
            apns.environment_why
        ));
        // An expired or expiring certificate explains a refusal before APNs gives its reason.
        lint_findings.extend(apns::from_config::certificate_validity(&config, &env));
    }
    announce_app(session, args, vendor, &app);
    let pushes = pushes(session, args, vendor, &config, ext)?;
    let secrets = [app.credentials.secret().clone()];

    let route = Route {
        vendor,
        config: &config,
        emulated,
        net: args.net.options(),
    };
    let (plan, exchanges) =
        test_push::plan_or_send(app.credentials, &route, &pushes, args.dry_run, |_, base| {
            let note = endpoints::emulator_note(base);
            session.diagnostic(format_args!("{note}"));
        })?;

    if args.dry_run {
        dry_run_notes(session, vendor, app.secret_missing);
        return test_push::print_dry_run(session, &lint_findings, &plan);
    }
    crate::exchanges::report(
        session,
        vendor,
        &config,
        lint_findings,
        exchanges,
        &secrets,
        pushes.len(),
    )
}

/// `--vendor`, which must be a push vendor (Tencent IM is reached with `--via tim`).
fn push_vendor(args: &SendTestArgs) -> anyhow::Result<Vendor> {
    let Some(vendor) = args.vendor else {
        anyhow::bail!("send-test needs --vendor VENDOR or --via tim");
    };
    if vendor == Vendor::Tim {
        // Tencent IM is not a push channel: a message sent through it becomes a vendor push.
        // The push vendors are those that resolve an app of their own, in the contract's order.
        let ids: Vec<&str> = crate::vendors::all()
            .iter()
            .filter(|v| v.spec().resolve.is_some())
            .map(|v| v.vendor().id())
            .collect();
        let (last, first) = ids.split_last().map_or((&"", &[][..]), |(l, f)| (l, f));
        anyhow::bail!(
            "Tencent IM is not a push vendor: use `send-test --via tim --to USERID` to send an IM message that becomes an offline push, or --vendor {} or {last}",
            first.join(", ")
        );
    }
    Ok(vendor)
}

/// The ext to send (`--ext`, else the default) and the findings on it, its title and its text.
fn lint_push(args: &SendTestArgs, vendor: Vendor) -> (String, Vec<Finding>) {
    let (ext, ext_source) = match &args.ext {
        Some(ext) => (ext.clone(), "--ext"),
        None => (test_push::default_ext(args.profile), "<default ext>"),
    };
    let mut findings = test_push::lint_ext(&ext, ext_source, args.profile, vendor);
    findings.extend(crate::lint::check_push_texts(
        vendor,
        &args.title,
        &args.desc,
    ));
    (ext, findings)
}

/// Says which app is used when it is the emulator's, and that a vendor without a test mode
/// pushes for real.
fn announce_app(session: &mut Session<'_>, args: &SendTestArgs, vendor: Vendor, app: &ResolvedApp) {
    if let Some(id) = &app.builtin {
        session.diagnostic(format_args!(
            "no [{}] credentials configured: using the emulator's built-in app {id}",
            Section::of_vendor(vendor).name()
        ));
    }
    if crate::vendors::spec(vendor).test_mode == TestMode::RealPush {
        // No test mode (vendors-cn.md §2.3, §3.3, §5.3): every push reaches the device for real.
        let name = vendor.display_name();
        if args.production {
            session.diagnostic(format_args!(
                "note: {name} has no test mode, so --production changes nothing"
            ));
        } else if !session.global.emulated && !args.dry_run {
            session.diagnostic(format_args!(
                "note: {name} has no test mode: this is a real push to the device"
            ));
        }
    }
}

/// One push to each device (`--to`, the config's test devices, or the emulator's), saying on
/// stderr when the device or what a tap opens is not what was given.
fn pushes(
    session: &mut Session<'_>,
    args: &SendTestArgs,
    vendor: Vendor,
    config: &Config,
    ext: String,
) -> anyhow::Result<Vec<TestPush>> {
    let targets = test_push::resolve_targets(&args.to, vendor, config, session.global.emulated)?;
    if targets.from_emulator {
        session.diagnostic(format_args!(
            "no --to and no [{}] test-devices: pushing to the emulator's {} {}",
            Section::of_vendor(vendor).name(),
            if vendor == Vendor::Vivo {
                "test device"
            } else {
                "device"
            },
            builtin_device(vendor)
        ));
    }
    let click = test_push::click_for(args.profile, vendor, config);
    if let Click::FlutterPlugin { package } = &click {
        session.diagnostic(format_args!(
            "--profile flutter: a tap opens the Flutter push plugin's {} page of {package}, as Tencent's Flutter guide sets it",
            vendor.display_name()
        ));
    }
    Ok(targets
        .tokens
        .into_iter()
        .map(|target| TestPush {
            target,
            title: args.title.clone(),
            body: args.desc.clone(),
            ext: ext.clone(),
            production: args.production,
            click: click.clone(),
        })
        .collect())
}

/// What a `--dry-run` did not send and what it masks; a secret it could not read is named.
fn dry_run_notes(session: &mut Session<'_>, vendor: Vendor, secret_missing: bool) {
    let spec = crate::vendors::spec(vendor);
    if secret_missing {
        session.diagnostic(format_args!(
            "note: [{}] {} is not available; a real run needs it (the {} below is masked either way)",
            Section::of_vendor(vendor).name(),
            spec.secret,
            spec.dry_run.signed
        ));
    }
    session.diagnostic(format_args!(
        "dry run: nothing was sent; {}",
        spec.dry_run.note
    ));
}
