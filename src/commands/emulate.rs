//! `pushdiag emulate`: serves the vendor emulator on loopback until Ctrl-C. Stdout gets the base
//! URLs and a `pushdiag.toml` snippet; stderr gets each push the emulator accepts.

use std::io::Write;
use std::time::Duration;

use anyhow::Context as _;

use super::Session;
use crate::cli::EmulateArgs;
use crate::emulator::{Emulator, EmulatorConfig, PushRecord, Registry, EMULATED_VENDORS};
use crate::render::Format;
use crate::vendor::Vendor;
use crate::ExitStatus;

pub fn run(args: &EmulateArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    if !args.listen.ip().is_loopback() {
        anyhow::bail!(
            "refusing to listen on {}: the emulator accepts the test credentials it registers, so it serves only loopback addresses (127.0.0.1 or [::1])",
            args.listen
        );
    }
    let (registry, builtin) = match &args.apps {
        Some(path) => {
            let text = crate::files::read_text(path, crate::files::FileKind::EmulatorApps)
                .with_context(|| format!("cannot read apps file `{}`", path.display()))?;
            let registry = Registry::from_toml(&text)
                .with_context(|| format!("apps file `{}`", path.display()))?;
            (registry, false)
        }
        None => (Registry::builtin(), true),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut emulator = crate::emulated::start(EmulatorConfig {
            listen: args.listen,
            registry: registry.clone(),
            faults: args.fault.clone(),
        })
        .await?;
        print_banner(&emulator, &registry, builtin, session)?;
        if let Some(listen) = args.tls_listen {
            let tls = emulator.serve_tls(listen).await?;
            let ca_note = match &args.tls_ca_out {
                Some(path) => {
                    std::fs::write(path, &tls.ca_pem).with_context(|| {
                        format!("cannot write the emulator's CA to `{}`", path.display())
                    })?;
                    format!("; trust it with [apns] ca-file = \"{}\"", path.display())
                }
                None => "; pass --tls-ca-out PATH to get the CA certificate to trust".to_owned(),
            };
            session.diagnostic(format_args!(
                "TLS (HTTP/2): https://{}/apns and https://{}/apns-sandbox{ca_note}",
                tls.addr, tls.addr
            ));
        }
        for fault in &args.fault {
            session.diagnostic(format_args!("fault: {fault}"));
        }
        session.diagnostic(format_args!(
            "serving on {} until Ctrl-C (or SIGTERM)",
            emulator.addr()
        ));
        let mut seen = 0;
        let mut next_record = 0;
        let mut tick = tokio::time::interval(Duration::from_millis(200));
        let stopped = stop_signal();
        tokio::pin!(stopped);
        loop {
            tokio::select! {
                result = &mut stopped => {
                    result?;
                    break;
                }
                _ = tick.tick() => {
                    let pushes = emulator.pushes();
                    for push in pushes.iter().skip(seen) {
                        let mode = if push.test_mode { "test" } else { "formal" };
                        session.diagnostic(format_args!(
                            "{}: accepted a {mode} push for app {} to {} (taskId {}): {:?}",
                            push.vendor, push.app_id, push.target, push.task_id, push.title
                        ));
                    }
                    seen = pushes.len();
                    for record in emulator.push_records() {
                        if record.seq >= next_record {
                            session.diagnostic(format_args!("{}", push_record_line(&record)));
                            next_record = record.seq + 1;
                        }
                    }
                }
            }
        }
        let accepted = emulator.pushes().len();
        emulator.shutdown().await;
        session.diagnostic(format_args!("stopped; {accepted} push(es) accepted"));
        anyhow::Ok(())
    })?;
    Ok(ExitStatus::Clean)
}

/// One line per offline push Tencent IM made to a device: its PushID (what `trace --push-id`
/// takes), the batch's TaskId or the message's MsgKey, and where the push stopped.
fn push_record_line(record: &PushRecord) -> String {
    let origin = match (&record.task_id, &record.msg_key) {
        (Some(task), _) => format!("task {task}"),
        (None, Some(key)) => format!("message {key}"),
        (None, None) => "push".to_owned(),
    };
    let end = match record
        .failed_hop()
        .and_then(|hop| Some((hop, record.stage(hop)?)))
    {
        Some((hop, stage)) => format!(
            "stopped at the {} hop ({} {})",
            hop.as_str(),
            stage.code,
            stage.info
        ),
        None => "no hop failed".to_owned(),
    };
    format!(
        "tim: PushID {} to {} ({origin}): {end}",
        record.push_id, record.user
    )
}

/// Ctrl-C, or (on Unix) SIGTERM, which `kill` sends to an emulator a CI script started in the
/// background.
async fn stop_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut terminate = signal(SignalKind::terminate()).context("cannot wait for SIGTERM")?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result.context("cannot wait for Ctrl-C")?,
            _ = terminate.recv() => {}
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c()
            .await
            .context("cannot wait for Ctrl-C")
    }
}

/// The base URLs and a ready `pushdiag.toml` with a section for every emulated vendor's first
/// app; its secrets are env references, and the values to export are shown only for the built-in
/// apps (public constants).
fn print_banner(
    emulator: &Emulator,
    registry: &Registry,
    builtin: bool,
    session: &mut Session<'_>,
) -> anyhow::Result<()> {
    let snippet = crate::emulated::config_snippet(registry, |v| emulator.base_url(v), builtin);
    let out = &mut session.streams.stdout;
    if session.global.format == Format::Json {
        let urls: serde_json::Map<String, serde_json::Value> = EMULATED_VENDORS
            .iter()
            .map(|v| (v.id().to_owned(), emulator.base_url(*v).into()))
            .collect();
        let env: serde_json::Map<String, serde_json::Value> = snippet
            .exports
            .iter()
            .map(|(var, value)| (var.clone(), value.clone().into()))
            .collect();
        let document = crate::render::json_document(
            "emulate",
            serde_json::json!({
                "listen": emulator.addr().to_string(),
                "base_urls": urls,
                "config": snippet.toml,
                "env": env,
            }),
        );
        serde_json::to_writer(&mut *out, &document)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "pushdiag emulator on http://{} (loopback only)\n",
            emulator.addr()
        )?;
        for vendor in EMULATED_VENDORS {
            writeln!(out, "{:8}{}", vendor.id(), emulator.base_url(*vendor))?;
        }
        // APNs has two environments: production above, the sandbox here (HTTP/2 only).
        writeln!(
            out,
            "{:8}{}-sandbox (APNs sandbox; APNs is HTTP/2 only)",
            "",
            emulator.base_url(Vendor::Apns)
        )?;
        writeln!(
            out,
            "\n# pushdiag.toml\n{}# and in the shell:",
            snippet.toml
        )?;
        for (var, value) in &snippet.exports {
            writeln!(out, "export {var}={value}")?;
        }
        // A blank line ends the banner, so a script reading it knows where it stops.
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}
