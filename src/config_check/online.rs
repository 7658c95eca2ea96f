//! `check-config --online`: each configured vendor's harmless credential check, all at once, with
//! a progress line on a terminal.

use crate::config::{Config, Environment};
use crate::session::{self, Session};
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::{endpoints, from_config, tim};

/// What `--online` found: each checked vendor's exchanges, and lines for stderr.
#[derive(Default)]
pub struct Online {
    pub exchanges: Vec<(Vendor, Vec<crate::vendors::push::Exchange>)>,
    pub notes: Vec<String>,
}

/// The vendors `--online` can check: every one (Tencent IM's own check is an account_check).
pub const ONLINE_VENDORS: [Vendor; 9] = Vendor::ALL;

/// `--online`: each configured vendor's harmless credential check (`vendors-cn.md` §1.5, §2.5,
/// §3.5, §4.7, §5.5, §6.4), all at once; no push is sent. Vendors without credentials are
/// skipped (the offline findings say what is missing).
pub fn online(
    vendors: &[Vendor],
    configured: &[Vendor],
    config: &Config,
    env: &Environment,
    net: crate::net::NetOptions,
    session: &mut Session<'_>,
) -> anyhow::Result<Online> {
    let verbose = session.global.verbose > 0;
    let emulated = session.global.emulated;
    let mut result = Online::default();
    let mut apps = Vec::new();
    let mut tim_app = None;
    for &vendor in vendors.iter().filter(|v| configured.contains(v)) {
        if vendor == Vendor::Tim {
            // Tencent IM's check is an account_check of the admin (`send-test --via tim`, `status`).
            match tim::from_config::resolve(config, env, false, false) {
                Ok(app) => tim_app = Some(app.credentials),
                Err(error) if verbose => result
                    .notes
                    .push(format!("tim: not checked online: {error:#}")),
                Err(_) => {}
            }
            continue;
        }
        if !ONLINE_VENDORS.contains(&vendor) {
            if verbose {
                result
                    .notes
                    .push(format!("{}: not checked online yet", vendor.id()));
            }
            continue;
        }
        match from_config::resolve(vendor, config, env, emulated, false) {
            Ok(app) => {
                if let Credentials::Apns(apns) = &app.credentials {
                    // The environment checked, and why, is always said (issue 6).
                    result.notes.push(format!(
                        "apns: checking {} ({})",
                        apns.environment_name(),
                        apns.environment_why
                    ));
                }
                apps.push((vendor, app.credentials));
            }
            Err(error) => {
                if verbose {
                    result
                        .notes
                        .push(format!("{}: not checked online: {error:#}", vendor.id()));
                }
            }
        }
    }
    if apps.is_empty() && tim_app.is_none() {
        return Ok(result);
    }
    let checked: Vec<Vendor> = apps
        .iter()
        .map(|(v, _)| *v)
        .chain(tim_app.as_ref().map(|_| Vendor::Tim))
        .collect();
    let progress = progress_line(checked, session.global.quiet);
    let (exchanges, base) = session::runtime()?.block_on(async {
        let emulator = endpoints::emulator_if(emulated).await?;
        // One task per vendor, all at once; the results in the order the vendors were listed.
        let mut tasks = tokio::task::JoinSet::new();
        for (index, (vendor, credentials)) in apps.into_iter().enumerate() {
            let (base, auth_base) =
                endpoints::bases(config, vendor, &credentials, emulator.as_ref());
            tasks.spawn(async move {
                let exchanges = credentials.check(&base, &auth_base, &net).await;
                (index, vendor, exchanges)
            });
        }
        if let Some(credentials) = tim_app {
            let index = tasks.len();
            let base = endpoints::tim_base(config, emulator.as_ref());
            tasks.spawn(async move {
                let exchanges = match base {
                    Ok(base) => match crate::vendors::tim::Client::new(&base, credentials, &net) {
                        Ok(client) => client.check_credentials().await,
                        Err(error) => Err(error),
                    },
                    Err(error) => Err(error),
                };
                (index, Vendor::Tim, exchanges)
            });
        }
        let mut done = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            let joined = joined?;
            progress.finished(joined.1);
            done.push(joined);
        }
        progress.bar.finish_and_clear();
        done.sort_by_key(|(index, _, _)| *index);
        let base = emulator.as_ref().map(|e| format!("http://{}", e.addr()));
        if let Some(emulator) = emulator {
            emulator.shutdown().await;
        }
        anyhow::Ok((done, base))
    })?;
    if let Some(base) = base {
        let note = endpoints::emulator_note(&base);
        session.diagnostic(format_args!("{note}"));
    }
    for (_, vendor, exchanges) in exchanges {
        result.exchanges.push((vendor, exchanges?));
    }
    Ok(result)
}

/// The line `--online` shows on a terminal while the checks run: how many are done and which
/// vendors are still being waited for. Hidden when stderr is not a terminal (CI, pipes) or with
/// `-q`, so it never mixes into a log or a machine-read report.
struct Progress {
    bar: indicatif::ProgressBar,
    waiting: std::sync::Mutex<Vec<Vendor>>,
}

impl Progress {
    fn finished(&self, vendor: Vendor) {
        let mut waiting = self
            .waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        waiting.retain(|v| *v != vendor);
        self.bar.inc(1);
        self.bar.set_message(waiting_text(&waiting));
    }
}

fn progress_line(vendors: Vec<Vendor>, quiet: u8) -> Progress {
    let total = u64::try_from(vendors.len()).unwrap_or(u64::MAX);
    let bar = if quiet == 0 && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} checking online {pos}/{len}: {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_message(waiting_text(&vendors));
    Progress {
        bar,
        waiting: std::sync::Mutex::new(vendors),
    }
}

fn waiting_text(vendors: &[Vendor]) -> String {
    let names: Vec<&str> = vendors.iter().map(|v| v.id()).collect();
    format!("waiting for {}", names.join(", "))
}
