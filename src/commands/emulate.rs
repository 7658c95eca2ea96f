//! `pushdiag emulate`: serves the vendor emulator on loopback until Ctrl-C. Stdout gets the base
//! URLs and a `pushdiag.toml` snippet; stderr gets each push the emulator accepts, written a
//! batch at a time (every 200 ms), unless `-q`. Only the last `--keep N` pushes are kept whole,
//! so memory stays flat under load.

use std::io::Write;
use std::time::Duration;

use anyhow::Context as _;

use super::Session;
use crate::cli::EmulateArgs;
use crate::emulator::{
    ApnsEnvironment, Emulator, EmulatorConfig, Registry, TlsEndpoint, EMULATED_VENDORS,
};
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
        emulator.keep(args.keep);
        let tls = match args.tls_listen {
            Some(listen) => Some(emulator.serve_tls(listen).await?),
            None => None,
        };
        let mut apns_ports = Vec::new();
        for (listen, environment) in [
            (args.apns_listen, ApnsEnvironment::Production),
            (args.apns_sandbox_listen, ApnsEnvironment::Sandbox),
        ] {
            if let Some(listen) = listen {
                apns_ports.push((environment, emulator.serve_apns(listen, environment).await?));
            }
        }
        print_banner(&emulator, &registry, builtin, &apns_ports, session)?;
        // Every TLS port shares one CA.
        if let Some(ca_pem) = tls.iter().chain(apns_ports.iter().map(|(_, e)| e)).next() {
            let ca_note = ca_note(args, &ca_pem.ca_pem)?;
            match &tls {
                Some(tls) => session.diagnostic(format_args!(
                    "TLS (HTTP/2): https://{}/apns and https://{}/apns-sandbox{ca_note}",
                    tls.addr, tls.addr
                )),
                None => session.diagnostic(format_args!(
                    "the APNs ports speak TLS (HTTP/2) and h2c{ca_note}"
                )),
            }
        }
        for fault in &args.fault {
            session.diagnostic(format_args!("fault: {fault}"));
        }
        session.diagnostic(format_args!(
            "serving on {} until Ctrl-C (or SIGTERM)",
            emulator.addr()
        ));
        // -q: no line per push (a load test's thousands a second), only the totals at the end.
        let quiet = session.global.quiet > 0;
        let mut log = crate::emulated::PushLines::default();
        let mut tick = tokio::time::interval(Duration::from_millis(200));
        let stopped = stop_signal();
        tokio::pin!(stopped);
        loop {
            tokio::select! {
                result = &mut stopped => {
                    result?;
                    break;
                }
                _ = tick.tick(), if !quiet => {
                    let lines = log.new_lines(&emulator);
                    // One write per tick, not one per push.
                    if !lines.is_empty() {
                        session.diagnostic(format_args!("{}", lines.trim_end()));
                    }
                }
            }
        }
        let counts = emulator.push_counts();
        emulator.shutdown().await;
        let by_vendor: Vec<String> = counts
            .by_vendor
            .iter()
            .map(|(vendor, n)| format!("{vendor} {n}"))
            .collect();
        let by_vendor = if by_vendor.is_empty() {
            String::new()
        } else {
            format!(" ({})", by_vendor.join(", "))
        };
        session.diagnostic(format_args!(
            "stopped; {} push(es) accepted{by_vendor}",
            counts.accepted
        ));
        anyhow::Ok(())
    })?;
    Ok(ExitStatus::Clean)
}

/// Writes the CA to `--tls-ca-out` when given; the note saying how to trust it.
fn ca_note(args: &EmulateArgs, ca_pem: &str) -> anyhow::Result<String> {
    Ok(match &args.tls_ca_out {
        Some(path) => {
            std::fs::write(path, ca_pem).with_context(|| {
                format!("cannot write the emulator's CA to `{}`", path.display())
            })?;
            format!("; trust it with [apns] ca-file = \"{}\"", path.display())
        }
        None => "; pass --tls-ca-out PATH to get the CA certificate to trust".to_owned(),
    })
}

/// The root URL of an APNs port (`https://`; the same port takes `http://` for h2c).
fn apns_root_url(endpoint: &TlsEndpoint) -> String {
    format!("https://{}", endpoint.addr)
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
    apns_ports: &[(ApnsEnvironment, TlsEndpoint)],
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
        // The APNs ports by environment (`production`, `sandbox`), only those served.
        let apns_root: serde_json::Map<String, serde_json::Value> = apns_ports
            .iter()
            .map(|(environment, endpoint)| {
                (
                    environment.name().to_owned(),
                    apns_root_url(endpoint).into(),
                )
            })
            .collect();
        let document = crate::render::json_document(
            "emulate",
            serde_json::json!({
                "listen": emulator.addr().to_string(),
                "base_urls": urls,
                "apns_root_urls": apns_root,
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
        for (environment, endpoint) in apns_ports {
            writeln!(
                out,
                "{:8}{} (APNs at the root, as {}; h2c: http://{})",
                "",
                apns_root_url(endpoint),
                environment.apple_host(),
                endpoint.addr
            )?;
        }
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
