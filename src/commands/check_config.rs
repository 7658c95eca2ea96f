//! `pushdiag check-config`: is my push setup right? Reads `pushdiag.toml`, checks every
//! configured vendor's credentials offline, and the app's own files under `--project`.

use std::collections::BTreeMap;
use std::io::Write;

use super::Session;
use crate::cli::CheckConfigArgs;
use crate::config::{self, Config, Origin, SecretSource, Section, Value};
use crate::findings::{Finding, Rule};
use crate::project::{self, Expectations};
use crate::render::Format;
use crate::vendor::Vendor;
use crate::vendors::{self, OfflineContext};
use crate::ExitStatus;

pub fn run(args: &CheckConfigArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let mut env = super::environment();
    let found = config::discover(session.global.config.as_deref(), None, &args.project)?;
    let Some(path) = found else {
        anyhow::bail!(
            "no {} in `{}` or its parents; pass --config PATH or set PUSHDIAG_CONFIG (docs/config.md shows the format)",
            config::FILE_NAME,
            args.project.display()
        );
    };
    let config = config::load(Some(&path), &env)?;
    super::fill_emulated_secrets(&config, &mut env, session);
    if args.print_config {
        print_config(&config, session)?;
        return Ok(ExitStatus::Clean);
    }

    let configured = config.configured();
    let vendors: Vec<Vendor> = if args.vendor.is_empty() {
        configured.clone()
    } else {
        args.vendor.clone()
    };
    let Offline {
        findings: all,
        failures,
        files_read,
    } = offline(&config, &env, &path, &vendors, &args.project);

    let online = if args.online {
        online(
            &vendors,
            &configured,
            &config,
            &env,
            args.net.options(),
            session,
        )?
    } else {
        Online::default()
    };

    // Secrets never reach an error message, even one quoting a file a secret was pasted into.
    let secrets = resolved_secrets(&config, &env);
    let secret_refs: Vec<&crate::secret::Secret> = secrets.iter().collect();
    let verbose = session.global.verbose > 0;
    let mut report = session.report("check-config")?;
    report.checked(vendors.len() as u64 + files_read.len() as u64);
    for finding in all {
        report.emit(finding)?;
    }
    let mut online_failures = Vec::new();
    let mut unreachable = false;
    for (vendor, exchanges) in &online.exchanges {
        unreachable |= exchanges
            .iter()
            .any(|e| e.result.outcome == crate::outcome::Outcome::Unreachable);
        online_failures.extend(super::send_test::emit_exchanges(
            &mut report,
            *vendor,
            &config,
            exchanges,
            &secrets,
        )?);
    }
    let summary = report.finish()?;
    for line in &online.notes {
        session.diagnostic(format_args!("{line}"));
    }
    if verbose {
        for (vendor, exchanges) in &online.exchanges {
            for line in exchanges.iter().flat_map(|e| &e.log) {
                let line = crate::secret::redact(line, &secret_refs);
                session.diagnostic(format_args!("{}: {line}", vendor.id()));
            }
        }
    }
    for failure in &online_failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    if verbose {
        session.diagnostic(format_args!("config: {}", path.display()));
        for file in &files_read {
            session.diagnostic(format_args!("read {}", file.display()));
        }
    }
    let all_failures: Vec<String> = failures
        .iter()
        .map(|e| crate::secret::redact(&format!("{e:#}"), &secret_refs))
        .collect();
    for failure in &all_failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    Ok(if !all_failures.is_empty() {
        ExitStatus::Failed
    } else if summary.errors > 0 {
        ExitStatus::Findings
    } else if unreachable {
        ExitStatus::Unreachable
    } else {
        ExitStatus::Clean
    })
}

/// What the offline checks found, for `check-config` and `checklist`.
pub(super) struct Offline {
    /// Config, credential and project findings, file by file, top to bottom.
    pub(super) findings: Vec<Finding>,
    /// Files that could not be read (exit 2).
    pub(super) failures: Vec<anyhow::Error>,
    pub(super) files_read: Vec<std::path::PathBuf>,
}

/// The offline checks of `vendors`: the config's own findings about them, each vendor's
/// credentials, and the app's files under `project_dir`. `path` is the config file, for messages.
pub(super) fn offline(
    config: &Config,
    env: &BTreeMap<String, String>,
    path: &std::path::Path,
    vendors: &[Vendor],
    project_dir: &std::path::Path,
) -> Offline {
    let configured = config.configured();
    let expectations = Expectations {
        package: config.text(Section::Root, "package"),
        bundle_id: config.text(Section::Apns, "bundle-id"),
        vendors: vendors
            .iter()
            .copied()
            .filter(|v| configured.contains(v))
            .collect(),
        vivo_app_id: config.text(Section::Vivo, "app-id"),
        apns_environment: config.text(Section::Apns, "environment"),
    };
    let project = project::check(project_dir, &expectations);

    let mut ctx = OfflineContext {
        config,
        env,
        project: &project.facts,
        now: time::OffsetDateTime::now_utc(),
        findings: Vec::new(),
        failures: Vec::new(),
    };
    for &vendor in vendors {
        if configured.contains(&vendor) {
            vendors::get(vendor).check_offline(&mut ctx);
        } else {
            ctx.report(
                Finding::new(
                    Rule::CredentialMissing,
                    format!(
                        "--vendor {vendor} was asked for, but {} has no [{vendor}] section",
                        path.display()
                    ),
                )
                .vendor(vendor)
                .help(format!(
                    "add a [{vendor}] section with the credentials from the {} console",
                    vendor.display_name()
                )),
            );
        }
    }
    let OfflineContext {
        findings,
        mut failures,
        ..
    } = ctx;
    let vendor_filter = |finding: &Finding| finding.vendor.is_none_or(|v| vendors.contains(&v));
    let mut all: Vec<Finding> = config
        .findings
        .iter()
        .filter(|f| vendor_filter(f))
        .cloned()
        .chain(findings)
        .chain(project.findings)
        .collect();
    // File by file, top to bottom, as people read them; findings about no place come last.
    all.sort_by(|a, b| {
        let key = |f: &Finding| f.location.as_ref().map(|l| (l.source.clone(), l.offset));
        key(a)
            .is_none()
            .cmp(&key(b).is_none())
            .then_with(|| key(a).cmp(&key(b)))
    });
    failures.extend(project.failures);
    Offline {
        findings: all,
        failures,
        files_read: project.facts.files_read,
    }
}

/// What `--online` found: each checked vendor's exchanges, and lines for stderr.
#[derive(Default)]
pub(super) struct Online {
    pub(super) exchanges: Vec<(Vendor, Vec<crate::vendors::push::Exchange>)>,
    pub(super) notes: Vec<String>,
}

/// The vendors `--online` can check (Tencent IM's own check is an account_check).
pub(super) const ONLINE_VENDORS: [Vendor; 9] = [
    Vendor::Apns,
    Vendor::Fcm,
    Vendor::Vivo,
    Vendor::Oppo,
    Vendor::Xiaomi,
    Vendor::Meizu,
    Vendor::Huawei,
    Vendor::Honor,
    Vendor::Tim,
];

/// `--online`: each configured vendor's harmless credential check (`vendors-cn.md` §1.5, §2.5,
/// §3.5, §4.7, §5.5, §6.4), all at once; no push is sent. Vendors without credentials are
/// skipped (the offline findings say what is missing).
pub(super) fn online(
    vendors: &[Vendor],
    configured: &[Vendor],
    config: &Config,
    env: &BTreeMap<String, String>,
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
            // Tencent IM's check is an account_check of the admin (send_tim.rs, status.rs).
            match super::send_tim::resolve(config, env, false, false) {
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
        match super::send_test::resolve(vendor, config, env, emulated, false) {
            Ok(app) => {
                if let super::send_test::Credentials::Apns(apns) = &app.credentials {
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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (exchanges, base) = runtime.block_on(async {
        let emulator = if emulated {
            Some(super::send_test::start_emulator().await?)
        } else {
            None
        };
        // One task per vendor, all at once; the results in the order the vendors were listed.
        let mut tasks = tokio::task::JoinSet::new();
        for (index, (vendor, credentials)) in apps.into_iter().enumerate() {
            let (base, auth_base) =
                super::send_test::bases(config, vendor, &credentials, emulator.as_ref());
            tasks.spawn(async move {
                let exchanges = credentials.check(&base, &auth_base, &net).await;
                (index, vendor, exchanges)
            });
        }
        if let Some(credentials) = tim_app {
            let index = tasks.len();
            let base = super::send_tim::base(config, emulator.as_ref());
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
        session.diagnostic(format_args!(
            "using the built-in emulator at {base} (nothing leaves this machine)"
        ));
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

pub(super) fn resolved_secrets(
    config: &Config,
    env: &BTreeMap<String, String>,
) -> Vec<crate::secret::Secret> {
    config
        .settings()
        .filter(|(_, _, s)| matches!(s.value, Value::Secret(_)))
        .filter_map(|(section, key, _)| config.secret(section, key, env)?.ok())
        .map(|s| s.value)
        .collect()
}

fn origin_text(origin: &Origin) -> String {
    match origin {
        Origin::File(location) => {
            format!("{}:{}:{}", location.source, location.line, location.column)
        }
        Origin::Env(name) => format!("${name}"),
    }
}

/// The value as shown: secrets masked, with where a secret comes from.
fn shown(value: &Value) -> (serde_json::Value, Option<String>) {
    match value {
        Value::Text(text) => (serde_json::json!(text), None),
        Value::Integer(number) => (serde_json::json!(number), None),
        Value::List(items) => (serde_json::json!(items), None),
        Value::Secret(source) => {
            let from = match source {
                SecretSource::Literal(_) => "literal".to_owned(),
                SecretSource::Env(name) => format!("env {name}"),
                SecretSource::File(path) => format!("file {}", path.display()),
            };
            (serde_json::json!(crate::secret::MASK), Some(from))
        }
    }
}

fn print_config(config: &Config, session: &mut Session<'_>) -> anyhow::Result<()> {
    let out = &mut session.streams.stdout;
    let file = config.file.as_ref().map(|p| p.display().to_string());
    if session.global.format == Format::Json {
        let settings: Vec<serde_json::Value> = config
            .settings()
            .map(|(section, key, setting)| {
                let (value, secret_from) = shown(&setting.value);
                serde_json::json!({
                    "section": section.name(),
                    "key": key,
                    "value": value,
                    "secret_source": secret_from,
                    "origin": origin_text(&setting.origin),
                })
            })
            .collect();
        let document = serde_json::json!({
            "schema_version": 1,
            "tool": "pushdiag",
            "version": env!("CARGO_PKG_VERSION"),
            "command": "check-config --print-config",
            "config": { "file": file, "settings": settings },
        });
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "# effective configuration from {} and the environment; secrets masked",
            file.as_deref().unwrap_or("(no file)")
        )?;
        let mut current = None;
        for (section, key, setting) in config.settings() {
            if current != Some(section) && section != Section::Root {
                writeln!(out, "\n[{}]", section.name())?;
            }
            current = Some(section);
            let (value, secret_from) = shown(&setting.value);
            let value = match (&setting.value, secret_from) {
                (Value::Secret(_), Some(from)) => format!("{} ({from})", crate::secret::MASK),
                _ => value.to_string(),
            };
            writeln!(out, "{key} = {value}  # {}", origin_text(&setting.origin))?;
        }
    }
    out.flush()?;
    Ok(())
}
